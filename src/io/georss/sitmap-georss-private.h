/* sitmap-georss-private.h: what the GeoRSS reader's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document-builder.h"
#include "sitmap-import.h"
#include "sitmap-xml-input.h"

G_BEGIN_DECLS

/* Namespaces are told apart by their URI, never by the prefix a file happens to bind them to. */
#define SITMAP_ATOM_NAMESPACE    "http://www.w3.org/2005/Atom"
#define SITMAP_ATOM03_NAMESPACE  "http://purl.org/atom/ns#"
#define SITMAP_RSS1_NAMESPACE    "http://purl.org/rss/1.0/"
#define SITMAP_RSS090_NAMESPACE  "http://my.netscape.com/rdf/simple/0.9/"
#define SITMAP_RDF_NAMESPACE     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define SITMAP_GEORSS_NAMESPACE  "http://www.georss.org/georss"
#define SITMAP_W3C_GEO_NAMESPACE "http://www.w3.org/2003/01/geo/wgs84_pos#"
#define SITMAP_GML_NAMESPACE     "http://www.opengis.net/gml"
#define SITMAP_GML32_NAMESPACE   "http://www.opengis.net/gml/3.2"
#define SITMAP_DC_NAMESPACE      "http://purl.org/dc/elements/1.1/"
#define SITMAP_DCTERMS_NAMESPACE "http://purl.org/dc/terms/"
#define SITMAP_CONTENT_NAMESPACE "http://purl.org/rss/1.0/modules/content/"

/* Beyond these a feed is refused as too large, rather than read until memory runs out. */
#define SITMAP_GEORSS_MAX_EVENTS      10000000
#define SITMAP_GEORSS_MAX_POINTS      20000000 /* coordinates of all the feed's shapes together */
#define SITMAP_GEORSS_MAX_ATTRIBUTES  200      /* per entry: the rest are left out */
/* Half the equator: no point on Earth is farther from another. */
#define SITMAP_GEORSS_MAX_RADIUS_M    20037509

/* The times an entry may carry, in the order of preference for the event's time (a span first). */
typedef enum
{
  SITMAP_GEORSS_TIME_FROM,      /* gdacs:fromdate, ev:startdate… */
  SITMAP_GEORSS_TIME_TO,        /* gdacs:todate, ev:enddate… */
  SITMAP_GEORSS_TIME_DC_DATE,   /* dc:date: an alert feed's origin time (INGV) */
  SITMAP_GEORSS_TIME_PUBLISHED, /* Atom published */
  SITMAP_GEORSS_TIME_PUB_DATE,  /* RSS pubDate */
  SITMAP_GEORSS_TIME_ISSUED,    /* Atom 0.3 issued, created */
  SITMAP_GEORSS_TIME_UPDATED,   /* Atom updated, Atom 0.3 modified */
  SITMAP_GEORSS_N_TIMES
} SitmapGeorssTime;

typedef struct
{
  SitmapXmlInput        *in;
  SitmapImport          *import;
  SitmapDocumentBuilder *builder;
  /* The feed itself, which every entry's citation names as its source */
  char                  *source_id;
  char                  *feed_title;
  char                  *feed_description;
  char                  *feed_link;
  char                  *feed_id;
  char                  *author_name;
  char                  *author_uri;
  GHashTable            *ids;      /* entry ids read so far */
  guint                  n_events;
  guint64                n_points; /* coordinates read, in every shape */
} SitmapGeorssReader;

/* One item or entry while it is read. */
typedef struct
{
  SitmapEventDraft draft;
  SitmapXmlMark    mark;     /* where it begins, for the report */
  char            *problem;  /* why the entry cannot be used: it is skipped, with this */
  gboolean         located;  /* a geometry was read (the first one counts) */
  char            *times[SITMAP_GEORSS_N_TIMES]; /* as written, trimmed */
  char            *time_names[SITMAP_GEORSS_N_TIMES]; /* how the file names them, for the attributes */
  char            *link;
  char            *guid;
  gboolean         guid_is_link;
  char            *summary;  /* RSS description, Atom summary: as the event's summary */
  char            *content;  /* Atom content, content:encoded: when there is no summary */
  char            *w3c_latitude;
  char            *w3c_longitude;
} SitmapGeorssEntry;

/* Text (sitmap-georss-text.c). Elements of the feed's own vocabulary are in no namespace (RSS 2.0), RSS 1.0's,
 * RSS 0.90's or Atom's, whatever the root: feeds mix them. */
gboolean sitmap_georss_is_core_namespace (const char *ns);
gboolean sitmap_georss_is_core (SitmapGeorssReader *reader, const char *name);
gboolean sitmap_georss_is_in (SitmapGeorssReader *reader, const char *ns, const char *name);
/* How the current element is named in an event's attributes: "dc:date", "gdacs:alertlevel", "updated" */
char    *sitmap_georss_dup_attribute_name (SitmapGeorssReader *reader);
/* A title (plain text on one line; HTML reduced to its text) into *out, NULL when empty; FALSE on an XML error. */
gboolean sitmap_georss_read_title_into (SitmapGeorssReader *reader, char **out);
/* A summary as the document keeps descriptions (HTML as written); NULL on an XML error. rss: RSS says nothing
 * of the type, and its descriptions are HTML. */
char    *sitmap_georss_read_summary (SitmapGeorssReader *reader, gboolean rss);
/* The element's text into *out when *out is NULL and the text is not empty; FALSE on an XML error. */
gboolean sitmap_georss_read_text_into (SitmapGeorssReader *reader, char **out);
/* An Atom person's name (else e-mail), its uri into *uri when not NULL; "" when it has none; NULL on an XML
 * error. */
char    *sitmap_georss_read_person (SitmapGeorssReader *reader, char **uri);

/* One item or entry (sitmap-georss-entry.c): an event added, or skipped with its line and why. FALSE only
 * when the XML fails. */
gboolean sitmap_georss_read_entry (SitmapGeorssReader *reader, gboolean rss);

/* Records why the entry is skipped, unless a reason was already given. */
void     sitmap_georss_entry_fail (SitmapGeorssEntry *entry, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Geometry (sitmap-georss-geometry.c). Each reads the current element; FALSE only when the XML itself fails.
 * What the file says wrong about the place is the entry's problem. */
gboolean sitmap_georss_read_simple (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, const char *name);
gboolean sitmap_georss_read_where (SitmapGeorssReader *reader, SitmapGeorssEntry *entry);
/* geo:Point, or a geo:lat, geo:long (or geo:lon) of the entry itself */
gboolean sitmap_georss_read_w3c (SitmapGeorssReader *reader, SitmapGeorssEntry *entry);
/* The W3C geo:lat and geo:long an entry (or its geo:Point) gave, once it is read. */
void     sitmap_georss_apply_w3c (SitmapGeorssReader *reader, SitmapGeorssEntry *entry);
/* A decimal number as a person writes it: no hexadecimal, infinity or NaN. */
gboolean sitmap_georss_parse_decimal (const char *text, double *value);

G_END_DECLS
