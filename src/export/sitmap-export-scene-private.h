/* sitmap-export-scene-private.h: what the export scene's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sitmap-category.h"
#include "sitmap-cluster-index.h"
#include "sitmap-export-scene.h"
#include "sitmap-shape-draw.h"

G_BEGIN_DECLS

/* Most events the timeline strip draws as marks; more make a histogram. */
#define SITMAP_EXPORT_MAX_MARKS 300
/* Pixels across a bin of the timeline strip's histogram. */
#define SITMAP_EXPORT_BIN_PIXELS 3.0
/* Most events listed in the notes; the rest are counted in a last line. */
#define SITMAP_EXPORT_MAX_NOTES 60
#define SITMAP_EXPORT_FONT "Cantarell, Noto Sans, DejaVu Sans, sans-serif"

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} SitmapExportRect;

/* Everything below is in logical pixels of the page. */
typedef struct
{
  float  x;
  float  y;
  guint8 category;
  guint8 style;  /* SitmapSymbolStyle */
  int    number; /* in the notes, or 0 */
} SitmapExportSymbol;

typedef struct
{
  float   x;
  float   y;
  float   radius;
  guint32 n_events;
  guint8  dominant;
  guint32 category_counts[SITMAP_N_CATEGORIES];
  char   *numbers; /* "2, 3" when few and all numbered, else NULL */
} SitmapExportCluster;

typedef struct
{
  guint8   kind; /* SitmapShapeKind */
  guint8   category;
  gboolean party_only;
  float    x; /* the anchor */
  float    y;
  float    radius; /* RING, VAGUE */
  SitmapShapeOutline outline; /* AREA, LINE: on the page */
} SitmapExportShape;

typedef struct
{
  float            x; /* the label point */
  float            y;
  guint8           kind;  /* SitmapPlaceKind */
  guint8           rank;  /* label priority, 0 first, as on screen */
  gboolean         area;  /* named in italics, without a dot */
  float            width; /* areas with an outline: its width on the page, else 0 */
  char            *name;
  gboolean         labelled; /* whether its name found room on the map */
  SitmapExportRect label;    /* where its name goes, when labelled */
} SitmapExportPlace;

typedef struct
{
  int      number;
  char    *title;
  char    *details; /* when, where, who says so */
  char    *head;    /* "3. Title", both cut to what the column shows (see _sitmap_export_fit_text) */
  gboolean party_only;
  int      column; /* where the layout put it: a column of the notes, and pixels from its top */
  double   top;
} SitmapExportNote;

/* What is written over the map last, where nothing covers it: the notes' numbers by their events and
 * the annotations' texts. Each is placed clear of the others and of the panels over the map; one moved
 * away from where it belongs has a leader line back to it. */
typedef enum
{
  SITMAP_EXPORT_LABEL_NUMBER,
  SITMAP_EXPORT_LABEL_ANNOTATION,
} SitmapExportLabelKind;

typedef struct
{
  guint8           kind;       /* SitmapExportLabelKind */
  guint            annotation; /* ANNOTATION: its index in the scene's annotations */
  double           text_scale; /* ANNOTATION: the scale of its words on the page (smaller zoomed out) */
  char            *text;       /* NUMBER: "3", or "2, 5" by a cluster */
  SitmapExportRect rect;       /* where it is drawn */
  gboolean         leader;     /* moved: a line from the rectangle to (anchor_x, anchor_y) */
  double           anchor_x;
  double           anchor_y;
} SitmapExportLabel;

typedef struct
{
  gint64 start;
  gint64 end;
  guint8 category;
  guint8 precision;
} SitmapExportMark;

typedef struct
{
  int      zoom;
  int      x0; /* the first tile column and row, unwrapped */
  int      y0;
  int      columns;
  int      rows;
  GBytes **data; /* columns × rows, row by row; NULL where the source has none */
} SitmapExportTiles;

struct _SitmapExportScene
{
  GObject parent_instance;

  SitmapExportOptions options;
  double              page_width;
  double              page_height;
  char               *title;
  char               *subtitle;
  char               *attribution;
  char               *document_name;

  /* The layout */
  SitmapExportRect header;
  SitmapExportRect map;
  SitmapExportRect timeline;
  SitmapExportRect notes_area;
  SitmapExportRect footer;
  double           margin;
  int              note_columns;
  guint            n_notes_shown; /* notes that fit */
  SitmapExportInclude dropped;   /* asked for, but the page has no room for it */

  /* The map: the centre in normalised Web Mercator and logical pixels across the world */
  double          center_x;
  double          center_y;
  double          world_pixels;
  GArray         *shapes;           /* SitmapExportShape, each distinct shape once */
  GHashTable     *shape_index;      /* guint64 key of a shape -> its index in shapes */
  GArray         *symbols;          /* SitmapExportSymbol */
  GArray         *clusters;         /* SitmapExportCluster */
  GArray         *places;           /* SitmapExportPlace */
  GPtrArray      *annotations;      /* SitmapAnnotation copies, taken on the main thread */
  GArray         *labels;           /* SitmapExportLabel, placed by _sitmap_export_scene_place_labels() */
  SitmapDocument *document;         /* for highlights' events: their points (held while a thread draws) */
  guint           categories_shown; /* a bit per category */
  guint           cues_shown;       /* SitmapSymbolStyle bits */
  guint           n_drawn;

  /* The notes and the timeline */
  GArray  *notes; /* SitmapExportNote */
  guint    n_visible;
  gboolean has_range;
  gint64   range_start; /* the range, or without one the span of the shown events' dates, padded */
  gint64   range_end;
  GArray  *marks;     /* SitmapExportMark: the dated visible events, when few enough */
  guint32 *histogram; /* else counts of starts per bin and category, bin by bin */
  guint    n_bins;

  SitmapExportTiles tiles;
  gboolean          basemap_names; /* the tiles are the offline basemap's: see erase_cut_names() */
  GArray           *panels;        /* SitmapExportRect: the legend, scale bar, north arrow, attribution */
};

/* sitmap-export-scene.c */
/* Normalised Web Mercator to the page, on the copy of the world nearest the map's centre. */
void
_sitmap_export_scene_world_to_page (SitmapExportScene *self, double x, double y, double *px, double *py);

/* sitmap-export-draw.c */
void
_sitmap_export_scene_draw_page (SitmapExportScene *self, cairo_t *cr, SitmapExportTextSink *sink);
/* Reserves the panels over the map (leaving out, in dropped, those a tiny map has no room for), places
 * the notes' numbers and the annotations' texts (the scene's labels: clear of the panels and of each
 * other, moved with a leader where their own place is taken), then finds room for the places' names,
 * most important first: inside the map, clear of all that, of the events' symbols and clusters, and of
 * each other. A name with no room is left out. */
void
_sitmap_export_scene_place_labels (SitmapExportScene *self, PangoContext *context);
/* A layout in the export's font at size pixels; bold when asked. */
PangoLayout *
_sitmap_export_create_layout (PangoContext *context, const char *text, double size, gboolean bold);
/* At most max_chars characters of text, with "…" in place of the rest: valid UTF-8, and never more
 * work than max_chars, however long text is. */
char *
_sitmap_export_cut_text (const char *text, gsize max_chars);
/* Most characters that lines lines width pixels wide can show at size: the narrowest glyphs are about
 * a fifth of an em. A text is cut to it before it is laid out at all. */
gsize
_sitmap_export_text_budget (double width, double size, int lines);
/* text as it fits in max_lines lines width pixels wide at size: whole if it does, else cut with "…". */
char *
_sitmap_export_fit_text (PangoContext *context, const char *text, double size, gboolean bold, double width,
                         int max_lines);
/* A note's head and details, fitted to a column width (once: the width does not change). */
void
_sitmap_export_fit_note (PangoContext *context, SitmapExportNote *note, double width);
/* The notes' layouts' heights for a column width, to lay out the page. */
double
_sitmap_export_measure_note (PangoContext *context, const SitmapExportNote *note, double width);
PangoLayout *
_sitmap_export_create_note_layout (PangoContext *context, const SitmapExportNote *note, double width);
/* The numbers and annotations' texts alone, where they were placed: drawn last on the page. */
void
_sitmap_export_scene_draw_labels (SitmapExportScene *self, cairo_t *cr);

/* sitmap-export-writer.c */
/* Text for SVG: each line of a layout as a <text> element, since cairo's SVG surface writes glyphs
 * as paths. */
SitmapExportTextSink *
_sitmap_export_text_sink_new (void);
void
_sitmap_export_text_sink_free (SitmapExportTextSink *sink);
void
_sitmap_export_text_sink_add (SitmapExportTextSink *sink, cairo_t *cr, PangoLayout *layout, double x, double y,
                              const double rgba[4], double halo);

G_END_DECLS
