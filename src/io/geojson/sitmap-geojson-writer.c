/* sitmap-geojson-writer.c: a FeatureCollection, one feature a line, streamed to an atomic file
 *
 * Written by hand rather than through JsonGenerator, which gives every double seventeen digits (38.3728 becomes
 * 38.372799999999998) and needs the whole tree in memory; sitmap_geojson_read() and GDAL read it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geojson-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-atomic-write.h"
#include "sitmap-citation.h"
#include "sitmap-document-builder.h"
#include "sitmap-geojson-private.h"
#include "sitmap-geojson-writer.h"
#include "sitmap-number-text.h"

/* Written out to the file in pieces of about this size */
#define FLUSH_SIZE (256 * 1024)
/* Events written between two looks at the cancellable */
#define CANCEL_INTERVAL 1024

typedef struct
{
  SitmapDocument   *document;
  SitmapEventStore *store;
  GString          *out;
  SitmapAtomicFile *file;  /* NULL: everything stays in out */
  GError           *error;
  GHashTable       *keys;  /* attribute name → the property name it is written as: names repeat from event to
                            * event, and finding whether one is reserved compares it with every field's names */
} Writer;

/* Attributes of an event beyond which repeated names are found with a hash table rather than by looking back */
#define LINEAR_ATTRIBUTES 32

/*
 * Primitives
 */

static void
flush (Writer *writer, gboolean always)
{
  if (writer->file == NULL || writer->error != NULL || (!always && writer->out->len < FLUSH_SIZE))
    return;
  sitmap_atomic_file_write (writer->file, writer->out->str, writer->out->len, &writer->error);
  g_string_truncate (writer->out, 0);
}

/* A JSON string: quotes, backslashes and control characters escaped, and the two line separators that
 * JavaScript does not take raw. Invalid UTF-8, which no reader of Sitmap's lets in, is replaced. */
static void
append_string (Writer *writer, const char *text)
{
  g_autofree char *valid = g_utf8_validate (text, -1, NULL) ? NULL : g_utf8_make_valid (text, -1);
  const char *p = valid ? valid : text;

  g_string_append_c (writer->out, '"');
  for (; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (writer->out, '\\');
          g_string_append_c (writer->out, c);
        }
      else if (c == '\n')
        g_string_append (writer->out, "\\n");
      else if (c == '\t')
        g_string_append (writer->out, "\\t");
      else if (c == '\r')
        g_string_append (writer->out, "\\r");
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (writer->out, "\\u%04x", c);
      else if (c == 0xE2 && (guchar) p[1] == 0x80 && ((guchar) p[2] == 0xA8 || (guchar) p[2] == 0xA9))
        {
          g_string_append_printf (writer->out, "\\u%04x", (guchar) p[2] == 0xA8 ? 0x2028 : 0x2029);
          p += 2;
        }
      else
        g_string_append_c (writer->out, c);
    }
  g_string_append_c (writer->out, '"');
}

/* The shortest decimal form that reads back as exactly the same double. */
static void
append_number (Writer *writer, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (writer->out, sitmap_number_text_format (value, buffer));
}

/* ,"name": before a member; first says whether one came before in the object. */
static void
append_key (Writer *writer, gboolean *first, const char *name)
{
  if (!*first)
    g_string_append_c (writer->out, ',');
  *first = FALSE;
  append_string (writer, name);
  g_string_append_c (writer->out, ':');
}

static void
append_string_member (Writer *writer, gboolean *first, const char *name, const char *value)
{
  if (value == NULL)
    return;
  append_key (writer, first, name);
  append_string (writer, value);
}

static void
append_owned_member (Writer *writer, gboolean *first, const char *name, char *value)
{
  append_string_member (writer, first, name, value);
  g_free (value);
}

/*
 * Geometry
 */

static void
append_position (Writer *writer, double longitude, double latitude)
{
  g_string_append_c (writer->out, '[');
  append_number (writer, longitude);
  g_string_append_c (writer->out, ',');
  append_number (writer, latitude);
  g_string_append_c (writer->out, ']');
}

/* Twice the signed area: positive when the ring turns anticlockwise. */
static double
signed_area (const double *points, guint n)
{
  double area = 0;

  for (guint i = 0; i + 1 < n; i++)
    area += points[2 * i] * points[2 * i + 3] - points[2 * i + 2] * points[2 * i + 1];
  return area;
}

/* A ring or line's positions; reversed when asked. */
static void
append_positions (Writer *writer, const double *points, guint n, gboolean reverse)
{
  g_string_append_c (writer->out, '[');
  for (guint i = 0; i < n; i++)
    {
      guint k = reverse ? n - 1 - i : i;

      if (i > 0)
        g_string_append_c (writer->out, ',');
      append_position (writer, points[2 * k], points[2 * k + 1]);
    }
  g_string_append_c (writer->out, ']');
}

/* A ring needs three positions to enclose anything; coordinates a reader would refuse are left out. */
static gboolean
is_writable (const SitmapGeometry *shape)
{
  guint n_rings = sitmap_geometry_get_n_rings (shape);

  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *points = sitmap_geometry_get_ring (shape, r, &n);

      for (guint i = 0; i < n; i++)
        if (!sitmap_coordinates_valid (points[2 * i + 1], points[2 * i]))
          return FALSE;
      if (n < (sitmap_geometry_get_kind (shape) == SITMAP_GEOMETRY_POLYGON ? 3u : 2u))
        return FALSE;
    }
  return n_rings > 0;
}

/* RFC 7946 §3.1.6: the outer ring anticlockwise, the holes clockwise. */
static void
append_shape (Writer *writer, const SitmapGeometry *shape)
{
  guint n_rings = sitmap_geometry_get_n_rings (shape);
  gboolean polygon = sitmap_geometry_get_kind (shape) == SITMAP_GEOMETRY_POLYGON;

  if (!polygon && n_rings == 1)
    g_string_append (writer->out, "{\"type\":\"LineString\",\"coordinates\":");
  else
    g_string_append_printf (writer->out, "{\"type\":\"%s\",\"coordinates\":[", polygon ? "Polygon" : "MultiLineString");
  for (guint r = 0; r < n_rings; r++)
    {
      guint n;
      const double *points = sitmap_geometry_get_ring (shape, r, &n);
      gboolean reverse = polygon && (r == 0 ? signed_area (points, n) < 0 : signed_area (points, n) > 0);

      if (r > 0)
        g_string_append_c (writer->out, ',');
      append_positions (writer, points, n, reverse);
    }
  g_string_append (writer->out, !polygon && n_rings == 1 ? "}" : "]}");
}

static void
append_point (Writer *writer, double latitude, double longitude)
{
  g_string_append (writer->out, "{\"type\":\"Point\",\"coordinates\":");
  append_position (writer, longitude, latitude);
  g_string_append_c (writer->out, '}');
}

/* A shape whose middle is the event's anchor is written alone, and the reader finds the anchor again; any
 * other anchor goes beside it in a GeometryCollection, the point first. */
static void
append_geometry (Writer *writer, guint position)
{
  SitmapGeometry *shape = sitmap_event_store_get_geometry (writer->store, position);
  double latitude = NAN, longitude = NAN, center_latitude, center_longitude;
  gboolean placed = sitmap_event_store_get_location (writer->store, position, &latitude, &longitude) &&
                    sitmap_coordinates_valid (latitude, longitude);

  if (shape == NULL || !is_writable (shape))
    {
      if (placed)
        append_point (writer, latitude, longitude);
      else
        g_string_append (writer->out, "null");
      return;
    }
  sitmap_geometry_get_center (shape, &center_latitude, &center_longitude);
  if (!placed || (center_latitude == latitude && center_longitude == longitude))
    {
      append_shape (writer, shape);
      return;
    }
  g_string_append (writer->out, "{\"type\":\"GeometryCollection\",\"geometries\":[");
  append_point (writer, latitude, longitude);
  g_string_append_c (writer->out, ',');
  append_shape (writer, shape);
  g_string_append (writer->out, "]}");
}

/*
 * Properties
 */

static void
append_time (Writer *writer, gboolean *first, guint position)
{
  SitmapTime time;

  sitmap_event_store_get_time (writer->store, position, &time);
  if (time.precision == SITMAP_TIME_PRECISION_NONE)
    return;
  /* An open end of a span is "..", as ISO 8601-2 writes it. */
  append_owned_member (writer, first, "time", time.start == SITMAP_TIME_OPEN_START ? g_strdup (OPEN_BOUND)
                                                                                  : sitmap_time_format_begin (&time));
  if (time.precision == SITMAP_TIME_PRECISION_SPAN)
    append_owned_member (writer, first, "time_end", time.end == SITMAP_TIME_OPEN_END ? g_strdup (OPEN_BOUND)
                                                                                    : sitmap_time_format_end (&time));
}

static const char *
place_text (Writer *writer, guint position)
{
  const char *text = sitmap_event_store_get_place_text (writer->store, position);
  guint place = sitmap_event_store_get_place (writer->store, position);

  if (text != NULL || place == 0)
    return text;
  return sitmap_place_get_name (sitmap_document_get_place (writer->document, place - 1));
}

static void
append_actors (Writer *writer, gboolean *first, guint position)
{
  guint n;
  const char *const *actors = sitmap_event_store_get_actors (writer->store, position, &n);

  if (n == 0)
    return;
  append_key (writer, first, "actors");
  g_string_append_c (writer->out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (writer->out, ',');
      append_string (writer, actors[i]);
    }
  g_string_append_c (writer->out, ']');
}

static void
append_figures (Writer *writer, gboolean *first, guint position)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (writer->document);
  guint n;
  const SitmapFigure *figures = sitmap_event_store_get_figures (writer->store, position, &n);

  if (n == 0)
    return;
  append_key (writer, first, "figures");
  g_string_append_c (writer->out, '[');
  for (guint i = 0; i < n; i++)
    {
      gboolean inner = TRUE;

      g_string_append (writer->out, i > 0 ? ",{" : "{");
      append_string_member (writer, &inner, "kind", sitmap_figure_kind_to_id (figures[i].kind));
      append_string_member (writer, &inner, "qualifier", sitmap_qualifier_to_id (figures[i].qualifier));
      if (figures[i].min != SITMAP_FIGURE_UNKNOWN)
        {
          append_key (writer, &inner, "min");
          g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, figures[i].min);
        }
      if (figures[i].max != SITMAP_FIGURE_UNKNOWN)
        {
          append_key (writer, &inner, "max");
          g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, figures[i].max);
        }
      append_string_member (writer, &inner, "text", figures[i].text);
      g_string_append_c (writer->out, '}');
    }
  g_string_append_c (writer->out, ']');
  /* The killed figure as a plain number too, for maps and tables that size or filter by it */
  if (columns->fatalities[position] >= 0)
    {
      append_key (writer, first, "fatalities");
      g_string_append_printf (writer->out, "%d", columns->fatalities[position]);
    }
}

static void
append_time_member (Writer *writer, gboolean *first, const char *name, const SitmapTime *time)
{
  if (time->precision != SITMAP_TIME_PRECISION_NONE)
    append_owned_member (writer, first, name, sitmap_time_format_begin (time));
}

static void
append_citations (Writer *writer, gboolean *first, guint position)
{
  guint n;
  const SitmapCitationRecord *citations = sitmap_event_store_get_citations (writer->store, position, &n);

  if (n == 0)
    return;
  append_key (writer, first, "citations");
  g_string_append_c (writer->out, '[');
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source = sitmap_document_get_source (writer->document, citations[i].source);
      SitmapSource *via = citations[i].via ? sitmap_document_get_source (writer->document, citations[i].via - 1) : NULL;
      gboolean inner = TRUE;

      g_string_append (writer->out, i > 0 ? ",{" : "{");
      if (g_strcmp0 (sitmap_source_get_id (source), SITMAP_UNNAMED_SOURCE_ID) != 0)
        {
          append_string_member (writer, &inner, "source", sitmap_source_get_id (source));
          append_string_member (writer, &inner, "source_name", sitmap_source_get_name (source));
        }
      if (via != NULL)
        {
          append_string_member (writer, &inner, "via", sitmap_source_get_id (via));
          append_string_member (writer, &inner, "via_name", sitmap_source_get_name (via));
        }
      append_string_member (writer, &inner, "url", citations[i].url);
      append_string_member (writer, &inner, "paraphrase", citations[i].paraphrase);
      append_time_member (writer, &inner, "published", &citations[i].published);
      append_time_member (writer, &inner, "accessed", &citations[i].accessed);
      if (citations[i].credibility != SITMAP_CREDIBILITY_UNRATED)
        append_string_member (writer, &inner, "credibility", sitmap_credibility_to_id (citations[i].credibility));
      g_string_append_c (writer->out, '}');
    }
  g_string_append_c (writer->out, ']');
}

/* The folder path of the event, outermost first */
static void
append_folder (Writer *writer, gboolean *first, guint position)
{
  guint group = sitmap_event_store_get_group (writer->store, position);
  g_autoptr (GPtrArray) path = g_ptr_array_new ();

  for (guint depth = 0; group != 0 && depth < 64; depth++)
    {
      guint parent = 0;

      g_ptr_array_insert (path, 0, (gpointer) sitmap_event_store_get_group_name (writer->store, group, &parent));
      group = parent;
    }
  if (path->len == 0)
    return;
  append_key (writer, first, "folder");
  g_string_append_c (writer->out, '[');
  for (guint i = 0; i < path->len; i++)
    {
      if (i > 0)
        g_string_append_c (writer->out, ',');
      append_string (writer, g_ptr_array_index (path, i) ? g_ptr_array_index (path, i) : "");
    }
  g_string_append_c (writer->out, ']');
}

/* Whether text is a JSON number as JSON writes it: then it goes out as a number, as GIS tools want it. */
static gboolean
is_json_number (const char *text)
{
  const char *p = text;
  char *end = NULL;

  if (*p == '-')
    p++;
  if (*p == '0' && g_ascii_isdigit (p[1]))
    return FALSE;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  return isfinite (g_ascii_strtod (text, &end)) && end != NULL && *end == '\0' && strlen (text) <= 30 &&
         !strpbrk (text, "xXpPiInN");
}

static void
append_attribute_value (Writer *writer, const char *value)
{
  if (is_json_number (value) || strcmp (value, "true") == 0 || strcmp (value, "false") == 0)
    g_string_append (writer->out, value);
  else
    append_string (writer, value);
}

/* The file's other attributes, one property each; a name given several times as an array of its values; a
 * name that is one of Sitmap's, or that a reader would take for a field, with SITMAP_GEOJSON_ATTRIBUTE_PREFIX. */
static const char *
property_name (Writer *writer, const char *name)
{
  const char *key = g_hash_table_lookup (writer->keys, name);

  if (key != NULL)
    return key;
  key = sitmap_geojson_is_reserved_name (name) ? g_strconcat (SITMAP_GEOJSON_ATTRIBUTE_PREFIX, name, NULL)
                                               : g_strdup (name);
  g_hash_table_insert (writer->keys, g_strdup (name), (gpointer) key);
  return key;
}

static void
append_attribute_values (Writer *writer, gboolean *first, const char *name, const char *const *values, guint n)
{
  append_key (writer, first, property_name (writer, name));
  if (n == 1)
    {
      append_attribute_value (writer, values[0]);
      return;
    }
  g_string_append_c (writer->out, '[');
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append_c (writer->out, ',');
      append_string (writer, values[k]);
    }
  g_string_append_c (writer->out, ']');
}

/* An event's attributes, each name once with all its values, in the order of first appearance: by looking
 * back and ahead for a few attributes, through a table of each name's values for many (linear in them). */
static void
append_attributes (Writer *writer, gboolean *first, guint position)
{
  guint n = sitmap_event_store_get_n_attributes (writer->store, position);
  g_autofree const char **attributes = g_new (const char *, 2 * n + 1);
  g_autoptr (GHashTable) by_name = NULL;
  g_autoptr (GPtrArray) values = g_ptr_array_new ();

  /* Name, value, name, value…: the store keeps them compactly, so they are looked up once here. */
  for (guint i = 0; i < n; i++)
    attributes[2 * i] = sitmap_event_store_get_attribute (writer->store, position, i, &attributes[2 * i + 1]);

  if (n > LINEAR_ATTRIBUTES)
    {
      by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < n; i++)
        {
          GPtrArray *list = g_hash_table_lookup (by_name, attributes[2 * i]);

          if (list == NULL)
            g_hash_table_insert (by_name, (gpointer) attributes[2 * i], list = g_ptr_array_new ());
          g_ptr_array_add (list, (gpointer) attributes[2 * i + 1]);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      const char *name = attributes[2 * i];
      GPtrArray *list;
      gboolean before = FALSE;

      if (by_name != NULL)
        {
          /* Written at its first appearance, then forgotten */
          if ((list = g_hash_table_lookup (by_name, name)) != NULL)
            append_attribute_values (writer, first, name, (const char *const *) list->pdata, list->len);
          g_hash_table_remove (by_name, name);
          continue;
        }
      for (guint j = 0; j < i && !before; j++)
        before = strcmp (attributes[2 * j], name) == 0;
      if (before)
        continue;
      g_ptr_array_set_size (values, 0);
      for (guint j = i; j < n; j++)
        if (strcmp (attributes[2 * j], name) == 0)
          g_ptr_array_add (values, (gpointer) attributes[2 * j + 1]);
      append_attribute_values (writer, first, name, (const char *const *) values->pdata, values->len);
    }
}

static void
append_properties (Writer *writer, guint position)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (writer->document);
  guint radius = sitmap_event_store_get_radius (writer->store, position);
  gboolean first = TRUE;

  g_string_append_c (writer->out, '{');
  append_string_member (writer, &first, "title", sitmap_event_store_get_title (writer->store, position));
  append_string_member (writer, &first, "summary", sitmap_event_store_get_summary (writer->store, position));
  append_time (writer, &first, position);
  append_string_member (writer, &first, "place", place_text (writer, position));
  /* Always, even when it was derived (from the place's kind): the event is written with its own point, from
   * which the reader would derive "exact". */
  if (columns->location_precision[position] != SITMAP_LOCATION_PRECISION_NONE)
    append_string_member (writer, &first, "location_precision",
                          sitmap_location_precision_to_id (columns->location_precision[position]));
  if (radius > 0)
    {
      append_key (writer, &first, "radius_m");
      g_string_append_printf (writer->out, "%u", radius);
    }
  append_string_member (writer, &first, "category", sitmap_category_to_id (columns->category[position]));
  append_actors (writer, &first, position);
  append_figures (writer, &first, position);
  append_citations (writer, &first, position);
  append_folder (writer, &first, position);
  append_attributes (writer, &first, position);
  g_string_append_c (writer->out, '}');
}

static void
append_feature (Writer *writer, guint position, gboolean first)
{
  const char *id = sitmap_event_store_get_id (writer->store, position);

  g_string_append (writer->out, first ? "\n{\"type\":\"Feature\"" : ",\n{\"type\":\"Feature\"");
  if (id != NULL)
    {
      g_string_append (writer->out, ",\"id\":");
      append_string (writer, id);
    }
  g_string_append (writer->out, ",\"geometry\":");
  append_geometry (writer, position);
  g_string_append (writer->out, ",\"properties\":");
  append_properties (writer, position);
  g_string_append_c (writer->out, '}');
}

/*
 * The collection
 */

/* The sources the written events cite, with what the user graded them: GDAL passes over this member. */
static void
append_sources (Writer *writer, GArray *positions)
{
  GListModel *sources = sitmap_document_get_sources (writer->document);
  guint n_sources = g_list_model_get_n_items (sources);
  g_autofree gboolean *cited = g_new0 (gboolean, n_sources + 1);
  guint n = positions ? positions->len : sitmap_document_get_n_events (writer->document);
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      guint position = positions ? g_array_index (positions, guint32, i) : i;
      guint n_citations;
      const SitmapCitationRecord *citations = sitmap_event_store_get_citations (writer->store, position, &n_citations);

      for (guint c = 0; c < n_citations; c++)
        {
          cited[MIN (citations[c].source, n_sources)] = TRUE;
          if (citations[c].via > 0)
            cited[MIN (citations[c].via - 1, n_sources)] = TRUE;
        }
    }
  g_string_append (writer->out, ",\n\"sitmap:sources\":[");
  for (guint s = 0; s < n_sources; s++)
    {
      SitmapSource *source = sitmap_document_get_source (writer->document, s);
      gboolean inner = TRUE;

      if (!cited[s] || g_strcmp0 (sitmap_source_get_id (source), SITMAP_UNNAMED_SOURCE_ID) == 0)
        continue;
      g_string_append (writer->out, first ? "\n{" : ",\n{");
      first = FALSE;
      append_string_member (writer, &inner, "id", sitmap_source_get_id (source));
      append_string_member (writer, &inner, "name", sitmap_source_get_name (source));
      append_string_member (writer, &inner, "abbreviation", sitmap_source_get_abbreviation (source));
      append_string_member (writer, &inner, "kind", sitmap_source_kind_to_id (sitmap_source_get_kind (source)));
      append_string_member (writer, &inner, "reliability",
                            sitmap_reliability_to_id (sitmap_source_get_reliability (source)));
      append_key (writer, &inner, "party");
      g_string_append (writer->out, sitmap_source_get_party (source) ? "true" : "false");
      append_string_member (writer, &inner, "url", sitmap_source_get_url (source));
      append_string_member (writer, &inner, "note", sitmap_source_get_note (source));
      g_string_append_c (writer->out, '}');
    }
  g_string_append (writer->out, "]");
}

static gboolean
write_collection (Writer *writer, GArray *given, GCancellable *cancellable, GError **error)
{
  /* Events edits deleted are not written */
  g_autoptr (GArray) live = given ? NULL : sitmap_event_store_dup_live_positions (sitmap_document_get_store (writer->document));
  GArray *positions = given ? given : live;
  guint n = positions ? positions->len : sitmap_document_get_n_events (writer->document);
  const char *title = sitmap_document_get_own_title (writer->document);
  const char *description = sitmap_document_get_description (writer->document);

  g_string_append (writer->out, "{\"type\":\"FeatureCollection\",\n\"sitmap:version\":1");
  if (title != NULL)
    {
      g_string_append (writer->out, ",\n\"name\":");
      append_string (writer, title);
    }
  if (description != NULL)
    {
      g_string_append (writer->out, ",\n\"description\":");
      append_string (writer, description);
    }
  append_sources (writer, positions);
  g_string_append (writer->out, ",\n\"features\":[");
  for (guint i = 0; i < n && writer->error == NULL; i++)
    {
      if (i % CANCEL_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, &writer->error))
        break;
      append_feature (writer, positions ? g_array_index (positions, guint32, i) : i, i == 0);
      flush (writer, FALSE);
    }
  g_string_append (writer->out, "\n]}\n");
  flush (writer, TRUE);
  if (writer->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&writer->error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_positions (SitmapDocument *document, GArray *positions)
{
  guint n = sitmap_document_get_n_events (document);

  for (guint i = 0; positions != NULL && i < positions->len; i++)
    if (g_array_index (positions, guint32, i) >= n)
      return FALSE;
  return TRUE;
}

/*
 * Public API
 */

gboolean
sitmap_geojson_write_events_file (SitmapDocument *document,
                                  GArray         *positions,
                                  GFile          *file,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr (SitmapAtomicFile) atomic = NULL;
  g_autoptr (GString) out = g_string_sized_new (FLUSH_SIZE + 4096);
  Writer writer = { 0 };
  gboolean ok;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (check_positions (document, positions), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  atomic = sitmap_atomic_file_new (file, cancellable, error);
  if (atomic == NULL)
    return FALSE;
  writer.document = document;
  writer.store = sitmap_document_get_store (document);
  writer.out = out;
  writer.file = atomic;
  writer.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Freeing an uncommitted file removes what was written: the old file stays. */
  ok = write_collection (&writer, positions, cancellable, error) && sitmap_atomic_file_commit (atomic, error);
  g_hash_table_unref (writer.keys);
  return ok;
}

GBytes *
sitmap_geojson_write_bytes (SitmapDocument *document, GArray *positions, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  Writer writer = { 0 };
  gboolean ok;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (check_positions (document, positions), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  writer.document = document;
  writer.store = sitmap_document_get_store (document);
  writer.out = out;
  writer.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ok = write_collection (&writer, positions, NULL, error);
  g_hash_table_unref (writer.keys);
  if (!ok)
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
