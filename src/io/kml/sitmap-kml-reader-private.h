/* sitmap-kml-reader-private.h: the state the KML reader's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document-builder.h"
#include "sitmap-import.h"
#include "sitmap-xml-input.h"

G_BEGIN_DECLS

/* What a lenient read of one part of the document (a feature, the LookAt) found wrong: the first problem, at
 * the element at fault. */
typedef struct
{
  gboolean      failed;
  SitmapXmlMark mark;
  char         *why;
} SitmapKmlProblem;

/* A Document or Folder being read; those inside the document's own are its groups (made when an event needs
 * one). */
typedef struct
{
  char    *name;
  guint    group;    /* 0 until made */
  gboolean is_group;
} SitmapKmlFolder;

typedef struct
{
  SitmapXmlInput        *in;
  SitmapDocumentBuilder *builder;
  SitmapImport          *import; /* NULL when read without one: then no progress is told */
  /* Where a problem is a part left out, not the end of the read: a plain feature being read. NULL where
   * everything is strict (Sitmap's own data, the document's header). */
  SitmapKmlProblem      *problem;
  gboolean               native;  /* Sitmap's own data was met: see finish() */
  GArray                *folders; /* SitmapKmlFolder, the open ones, outermost first */
  /* Google Earth 5's custom features (<Schema parent="Placemark" name="…">): their element name → the set
   * of their fields' names */
  GHashTable            *custom_features;
  /* Unknown elements left out of containers: their name → the mark of the first, boxed (at most
   * SITMAP_KML_MAX_SCHEMAS), so that a Schema that comes after them can say they were features */
  GHashTable            *unknown_elements;
  SitmapEventDraft       draft;   /* the feature being read's, kept from one to the next */
  gboolean               have_view_position; /* sitmap:view gave one: it wins over LookAt */
  gboolean               have_look_at;
  double                 look_at_latitude;
  double                 look_at_longitude;
  double                 look_at_zoom;
  gboolean               have_title;
  gboolean               have_description;
  gboolean               have_view;
  GHashTable            *source_ids; /* sources described so far */
  GHashTable            *named_source_ids; /* sources described or cited so far: each becomes a source */
  GHashTable            *place_ids;  /* places described so far */
  GHashTable            *place_refs; /* place ids events name → SitmapXmlMark of the first, boxed */
  GPtrArray             *unnamed_places;
  guint                  n_events;
  guint                  n_named_views;
  guint64                n_points;   /* coordinates read, in every geometry */
  guint64                max_points; /* SITMAP_KML_MAX_POINTS, but for tests */
  /* Annotations, in the order read (drawing order); those without an id get one in sitmap_kml_finish_annotations. */
  GPtrArray             *annotations;
  GHashTable            *annotation_ids;
  gboolean               annotations_hidden;      /* the visibility of their folder */
  gboolean               seen_annotation_folder;
  guint                  annotation_folder_level; /* while in it: its children's level, else 0 */
  /* libxml2 interns namespace URIs: the last one found to be KML's is recognised by its pointer. */
  const char            *kml_namespace;
} SitmapKmlReader;

/* One <when> of a track, as the interval it covers. */
typedef struct
{
  gint64         start;
  gint64         end;
  SitmapTimeUnit unit;
} SitmapKmlWhen;

/* One Placemark or GroundOverlay while it is read. */
typedef struct
{
  SitmapEventDraft *draft;    /* the reader's, reset for each feature */
  SitmapXmlMark    mark;
  gboolean         has_event_data;
  gboolean         is_place;
  SitmapPlaceKind  place_kind;
  gboolean         has_time;
  gboolean         from_place; /* sitmap:location from-place="true": the geometry written is its place's */
  gboolean         has_point;
  double           latitude;
  double           longitude;
  SitmapGeometry  *shape;
  /* The earliest and latest <when> of its tracks */
  gboolean         has_track_time;
  SitmapKmlWhen    track_first;
  SitmapKmlWhen    track_last;
  SitmapXmlMark    track_mark;
  SitmapAnnotation *annotation; /* from a sitmap:annotation: then the Placemark is an annotation */
  SitmapXmlMark    annotation_mark;
  const char      *kind;       /* its element's name, for messages: Placemark, GroundOverlay… */
  GHashTable      *fields;     /* of a custom feature (see custom_features), else NULL */
} SitmapKmlFeature;

/* A value that makes no sense in standard KML: inside a plain feature (reader->problem set), the feature is
 * left out and the read goes on; elsewhere the whole file is refused. Returns FALSE either way, so that the
 * caller stops reading the part at fault. */
gboolean sitmap_kml_invalid (SitmapKmlReader *reader, SitmapXmlMark mark, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* Fails the read: attribute="value" is not one Sitmap knows; known lists what it may be ("A, B, C"). */
gboolean sitmap_kml_fail_value (SitmapKmlReader *reader,
                                SitmapXmlMark    mark,
                                const char      *attribute,
                                const char      *value,
                                const char      *known);
/* Reads what follows strictly (problem NULL), or leniently again; returns the scope to give back. */
SitmapKmlProblem *sitmap_kml_set_problem (SitmapKmlReader *reader, SitmapKmlProblem *problem);

gboolean sitmap_kml_is_element (SitmapKmlReader *reader, const char *name);
gboolean sitmap_kml_is_gx_element (SitmapKmlReader *reader, const char *name);
gboolean sitmap_kml_is_sitmap_element (SitmapKmlReader *reader, const char *name);
/* Reads the current element's text into *out, replacing what was there; empty text is NULL. */
gboolean sitmap_kml_read_text_into (SitmapKmlReader *reader, char **out);
/* Parses a date of the time grammar; errors name the element at mark. */
gboolean sitmap_kml_parse_instant (SitmapKmlReader *reader, SitmapXmlMark mark, const char *text, SitmapTime *time);
/* Counts n coordinates against reader->max_points; FALSE, with the error recorded, beyond it. */
gboolean sitmap_kml_count_points (SitmapKmlReader *reader, SitmapXmlMark mark, guint n);

/* Data and SchemaData: what a file says of a feature beyond KML's fields (sitmap-kml-data.c) */
gboolean sitmap_kml_read_extended_data (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_read_data (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_read_schema_data (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_add_attribute (SitmapKmlReader *reader, SitmapKmlFeature *feature, SitmapXmlMark mark,
                                   const char *name, const char *value);
/* A feature without a time of its own, made by GDAL's KML driver, has it in fields named timestamp, or begin
 * and end (GDAL's names for KML's times): they time it, when they read as dates. */
void     sitmap_kml_time_from_fields (SitmapKmlFeature *feature);

/* Sitmap's ExtendedData (sitmap-kml-data.c) */
gboolean sitmap_kml_read_view (SitmapKmlReader *reader);
gboolean sitmap_kml_read_source (SitmapKmlReader *reader);
/* sitmap:named-view (sitmap-kml-views.c) */
gboolean sitmap_kml_read_named_view (SitmapKmlReader *reader);
gboolean sitmap_kml_read_event_data (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_read_place_data (SitmapKmlReader *reader, SitmapKmlFeature *feature);

/* The analyst's annotations (sitmap-kml-annotation.c) */
gboolean sitmap_kml_read_annotation_data (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_add_annotation (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_read_annotation_visibility (SitmapKmlReader *reader);
void     sitmap_kml_finish_annotations (SitmapKmlReader *reader, SitmapDocument *document);
/* Reads the current <coordinates>-like element's text into longitude, latitude pairs, checked as KML's are. */
gboolean sitmap_kml_read_coordinates (SitmapKmlReader *reader, GArray *points);

/* Reads the current element's text as a decimal number; what names it in errors ("the zoom"). */
gboolean sitmap_kml_read_number (SitmapKmlReader *reader, const char *what, double *value);
gboolean sitmap_kml_parse_decimal (const char *text, double *value);

gboolean sitmap_kml_is_geometry (SitmapKmlReader *reader);
gboolean sitmap_kml_read_geometry (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_read_lat_lon_box (SitmapKmlReader *reader, SitmapKmlFeature *feature);
gboolean sitmap_kml_read_lat_lon_quad (SitmapKmlReader *reader, SitmapKmlFeature *feature);
/* Checks a position read from a file, naming the offending number as written. */
gboolean sitmap_kml_check_position (SitmapKmlReader *reader,
                                    SitmapXmlMark    mark,
                                    const char      *latitude_text,
                                    double           latitude,
                                    const char      *longitude_text,
                                    double           longitude);

/* sitmap_kml_read_bytes() with another limit on the coordinates of the whole document, for tests: the real one
 * is reached only by files of hundreds of megabytes. */
SitmapDocument *sitmap_kml_read_bytes_with_max_points (GBytes       *bytes,
                                                       const char   *display_name,
                                                       guint64       max_points,
                                                       GCancellable *cancellable,
                                                       GError      **error);

G_END_DECLS
