/* sitmap-geojson-fields.c: which properties hold an event's time, title, place…, and their values as text
 *
 * GeoJSON fixes the geometry and nothing else: the time may be "time" in epoch milliseconds (USGS), "date"
 * as ISO 8601 text, "start" and "end", or a date in a property nobody could guess. The first features decide:
 * a property of a usual name whose values read as times is taken without asking; properties that only look
 * like times ("date_ad", "utc_time") are offered to the user in the mapping dialog, with a guess; a file with
 * nothing like a time is read undated without asking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geojson-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-date-text.h"
#include "sitmap-error.h"
#include "sitmap-geojson-private.h"
#include "sitmap-number-text.h"
#include "sitmap-time.h"

/* Epoch values at least this large are milliseconds: 10^11 seconds is the year 5138, 10^11 ms 1973. */
#define EPOCH_MS_THRESHOLD 1e11
/* Integers no larger than this are years, not epoch seconds (which would all fall on 1 January 1970). */
#define MAX_YEAR_NUMBER 9999

/* The usual names of each field, in order of preference; matched without regard to case. */
static const char *const id_names[] = { "id", NULL };
static const char *const title_names[] = { "title", "name", "headline", "label", NULL };
static const char *const summary_names[] = { "summary", "description", "notes", "details", "desc", NULL };
static const char *const date_names[] = {
  "time", "date", "datetime", "date_time", "timestamp", "start", "start_time", "starttime", "start_date",
  "startdate", "begin", "event_date", "eventdate", "event_time", "when", NULL,
};
static const char *const end_names[] = {
  "time_end", "end", "end_time", "endtime", "end_date", "enddate", "stop", "until", NULL,
};
static const char *const place_names[] = { "place", "location", "place_name", "placename", "locality", NULL };
static const char *const category_names[] = { "category", "event_type", NULL };
static const char *const fatalities_names[] = { "fatalities", "killed", "deaths", NULL };
static const char *const source_names[] = { "source", "publisher", "source_name", NULL };
static const char *const latitude_names[] = { "latitude", "lat", NULL };
static const char *const longitude_names[] = { "longitude", "lon", "lng", "long", NULL };
static const char *const url_names[] = { "url", "link", "href", "source_url", NULL };

static const char *const *const field_names[SITMAP_IMPORT_N_FIELDS] = {
  [SITMAP_IMPORT_FIELD_ID] = id_names,
  [SITMAP_IMPORT_FIELD_TITLE] = title_names,
  [SITMAP_IMPORT_FIELD_SUMMARY] = summary_names,
  [SITMAP_IMPORT_FIELD_DATE] = date_names,
  [SITMAP_IMPORT_FIELD_END_DATE] = end_names,
  [SITMAP_IMPORT_FIELD_LATITUDE] = latitude_names,
  [SITMAP_IMPORT_FIELD_LONGITUDE] = longitude_names,
  [SITMAP_IMPORT_FIELD_PLACE] = place_names,
  [SITMAP_IMPORT_FIELD_CATEGORY] = category_names,
  [SITMAP_IMPORT_FIELD_FATALITIES] = fatalities_names,
  [SITMAP_IMPORT_FIELD_SOURCE] = source_names,
};

/* The properties Sitmap writes (docs/geojson-format.md), by field; NULL: none */
static const char *const own_names[SITMAP_IMPORT_N_FIELDS] = {
  [SITMAP_IMPORT_FIELD_TITLE] = "title",
  [SITMAP_IMPORT_FIELD_SUMMARY] = "summary",
  [SITMAP_IMPORT_FIELD_DATE] = "time",
  [SITMAP_IMPORT_FIELD_END_DATE] = "time_end",
  [SITMAP_IMPORT_FIELD_PLACE] = "place",
  [SITMAP_IMPORT_FIELD_CATEGORY] = "category",
  [SITMAP_IMPORT_FIELD_FATALITIES] = "fatalities",
};
static const char *const other_own_names[] = {
  "id", "actors", "figures", "citations", "folder", "location_precision", "radius_m", NULL,
};

/* What the first features hold in one property */
typedef struct
{
  char  *name;
  guint  n_values;  /* not null */
  guint  n_dates;   /* text that reads as a date or a moment */
  guint  n_future;  /* of those, later than a year from now: another calendar's (Bikram Sambat) */
  guint  n_numbers;
  guint  n_years;   /* integers that can only be years */
  double max_abs;   /* of the numbers */
} Stats;

static void
stats_free (gpointer data)
{
  Stats *stats = data;

  g_free (stats->name);
  g_free (stats);
}

/*
 * Values
 */

JsonNode *
sitmap_geojson_get_member (JsonObject *object, const char *name)
{
  g_autoptr (GList) members = NULL;

  if (object == NULL)
    return NULL;
  if (json_object_has_member (object, name))
    return json_object_get_member (object, name);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, name) == 0)
      return json_object_get_member (object, l->data);
  return NULL;
}

JsonNode *
sitmap_geojson_get_property (JsonObject *properties, const char *name)
{
  JsonNode *node = properties != NULL && name != NULL ? json_object_get_member (properties, name) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* The shortest decimal form that reads back as exactly the same double. */
static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (sitmap_number_text_format (value, buffer));
}

char *
sitmap_geojson_dup_scalar (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  GType type;

  g_return_val_if_fail (reader != NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  /* The same number, if not always as written ("4.50" is "4.5"): looking for the text in the feature for every
   * number would take time in the square of its size. A number json-glib cannot hold is kept as its text. */
  return type == G_TYPE_DOUBLE ? format_double (json_node_get_double (node)) : NULL;
}

static gboolean
is_integer_text (const char *text)
{
  const char *p = text + (*text == '-');

  return *p != '\0' && strspn (p, "0123456789") == strlen (p);
}

/* An epoch time in seconds or milliseconds as ISO 8601, or NULL beyond the years Sitmap reads. */
static char *
format_epoch (double value, gboolean in_ms)
{
  double seconds = floor (in_ms ? value / 1000 : value);
  g_autofree char *text = NULL;
  SitmapTime time;

  if (!isfinite (seconds) || fabs (seconds) > 4e13)
    return NULL;
  text = sitmap_time_format_bound ((gint64) seconds, SITMAP_TIME_UNIT_SECOND);
  return text != NULL && sitmap_time_init_instant (&time, text, NULL) ? g_steal_pointer (&text) : NULL;
}

/* A number as a time: a year when it can only be one, else epoch seconds or milliseconds. */
static char *
number_as_time (double value, gboolean in_ms)
{
  if (value == floor (value) && fabs (value) <= MAX_YEAR_NUMBER && fabs (value) >= 1)
    return g_strdup_printf (value < 0 ? "-%06.0f" : "%04.0f", fabs (value));
  return format_epoch (value, in_ms);
}

char *
sitmap_geojson_dup_time (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node,
                         gboolean in_ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  char *iso = NULL;

  g_return_val_if_fail (reader != NULL, NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  text = sitmap_geojson_dup_scalar (reader, feature, node);
  if (text == NULL || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      sitmap_geojson_feature_fail (feature, _("its time is not a text or a number"));
      return NULL;
    }
  if (*g_strstrip (text) == '\0')
    return NULL;
  if (strcmp (text, OPEN_BOUND) == 0)
    return g_steal_pointer (&text);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
    iso = number_as_time (json_node_get_double (node), in_ms);
  else if (is_integer_text (text) && strlen (text) > 6)
    iso = format_epoch (g_ascii_strtod (text, NULL), in_ms);
  else
    {
      iso = sitmap_date_text_normalize (text, &error);
      if (iso == NULL)
        {
          sitmap_geojson_feature_fail (feature, "%s", error->message);
          return NULL;
        }
    }
  if (iso != NULL)
    return iso;
  quoted = sitmap_quote_text (text);
  sitmap_geojson_feature_fail (feature, _("its time %s is outside the years Sitmap reads"), quoted);
  return NULL;
}

/*
 * Looking at the first features
 */

static Stats *
stats_for (GHashTable *by_name, GPtrArray *order, const char *name)
{
  Stats *stats = g_hash_table_lookup (by_name, name);

  if (stats != NULL || order->len >= SITMAP_GEOJSON_MAX_COLUMNS)
    return stats;
  stats = g_new0 (Stats, 1);
  stats->name = g_strdup (name);
  g_hash_table_insert (by_name, stats->name, stats);
  g_ptr_array_add (order, stats);
  return stats;
}

static void
count_value (Stats *stats, JsonNode *node, gint64 now)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return;
  stats->n_values++;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      stats->n_numbers++;
      stats->max_abs = MAX (stats->max_abs, fabs (value));
      stats->n_years += value == floor (value) && fabs (value) >= 1 && fabs (value) <= MAX_YEAR_NUMBER;
    }
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autofree char *iso = NULL;
      gint64 start, end;
      SitmapTimeUnit unit;

      /* Only a date with at least its month counts: "2019" alone is as likely a count as a year. */
      if (strlen (text) >= 7 && (iso = sitmap_date_text_normalize (text, NULL)) != NULL &&
          sitmap_time_parse_bound (iso, &start, &end, &unit, NULL))
        {
          stats->n_dates++;
          stats->n_future += start > now + 366 * 86400;
        }
    }
}

/* The features' properties, one after another, from the first SITMAP_GEOJSON_SAMPLE. */
static void
sample (SitmapGeojsonReader *reader, GPtrArray *order, GHashTable *by_name)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = MIN (reader->scan.features->len, SITMAP_GEOJSON_SAMPLE);

  for (guint i = 0; i < n; i++)
    {
      const SitmapJsonSpan *span = &g_array_index (reader->scan.features, SitmapJsonSpan, i);
      g_autoptr (GString) mended = NULL;
      JsonNode *root, *properties;
      g_autoptr (GList) members = NULL;

      if (span->end - span->start > SITMAP_GEOJSON_MAX_FEATURE_BYTES)
        continue;
      if (span->flags != 0)
        mended = sitmap_json_scan_sanitize (reader->data, span);
      if (!json_parser_load_from_data (reader->parser, mended ? mended->str : reader->data + span->start,
                                       mended ? (gssize) mended->len : (gssize) (span->end - span->start), NULL))
        continue;
      root = json_parser_get_root (reader->parser);
      properties = root && JSON_NODE_HOLDS_OBJECT (root)
                     ? json_object_get_member (json_node_get_object (root), "properties")
                     : NULL;
      if (properties == NULL || !JSON_NODE_HOLDS_OBJECT (properties))
        continue;
      members = json_object_get_members (json_node_get_object (properties));
      for (GList *l = members; l != NULL; l = l->next)
        {
          Stats *stats = stats_for (by_name, order, l->data);

          if (stats != NULL)
            count_value (stats, json_object_get_member (json_node_get_object (properties), l->data), now);
        }
    }
}

/*
 * Deciding
 */

/* The first property of a usual name for field, or NULL. */
static Stats *
find_named (GPtrArray *order, const char *const *names, gboolean (*usable) (Stats *stats))
{
  for (guint n = 0; names[n] != NULL; n++)
    for (guint i = 0; i < order->len; i++)
      {
        Stats *stats = g_ptr_array_index (order, i);

        if (g_ascii_strcasecmp (stats->name, names[n]) == 0 && (usable == NULL || usable (stats)))
          return stats;
      }
  return NULL;
}

/* Most values read as times: a property of a usual name then holds them, and the few that do not read are
 * skipped with their line, rather than the user asked about a name that says what it holds. */
static gboolean
reads_as_time (Stats *stats)
{
  return stats->n_values > 0 && (stats->n_dates + stats->n_numbers) * 2 > stats->n_values;
}

static gboolean
looks_like_time_name (const char *name)
{
  static const char *const words[] = { "date", "time", "when", "year", "day" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The property most likely to hold the time among those that might, or NULL when none might. */
static Stats *
best_time_candidate (GPtrArray *order)
{
  Stats *best = NULL;
  double best_score = -1;

  for (guint i = 0; i < order->len; i++)
    {
      Stats *stats = g_ptr_array_index (order, i);
      double score;

      if (!looks_like_time_name (stats->name) && stats->n_dates * 2 < MAX (stats->n_values, 1))
        continue;
      /* Dates that read, less those in the future, which are another calendar's */
      score = stats->n_values ? (double) (stats->n_dates - stats->n_future) / stats->n_values : 0;
      if (score > best_score)
        {
          best = stats;
          best_score = score;
        }
    }
  return best;
}

static int
column_of (GPtrArray *order, const char *name)
{
  for (guint i = 0; name != NULL && i < order->len; i++)
    if (strcmp (((Stats *) g_ptr_array_index (order, i))->name, name) == 0)
      return (int) i;
  return -1;
}

static gboolean
needs_mapping (SitmapGeojsonReader *reader, GPtrArray *order, Stats *guess, GError **error)
{
  g_autoptr (GPtrArray) columns = g_ptr_array_new ();
  /* Both are the file's text: quoted, so that a control or bidi character cannot spoof the question. */
  g_autofree char *file = sitmap_quote_text (sitmap_import_get_display_name (reader->import));
  g_autofree char *name = sitmap_quote_text (guess->name);

  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (columns, ((Stats *) g_ptr_array_index (order, i))->name);
  g_ptr_array_add (columns, NULL);
  sitmap_import_set_columns (reader->import, (const char *const *) columns->pdata);
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    sitmap_import_set_guess (reader->import, f, column_of (order, reader->fields.names[f]));
  sitmap_import_set_guess (reader->import, SITMAP_IMPORT_FIELD_DATE, column_of (order, guess->name));
  g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING,
               /* TRANSLATORS: a file name, then a property name of that file */
               _("%s: which property holds the time of each event? Perhaps “%s”"), file, name);
  return FALSE;
}

/* A field the user chose (an option), NULL for "none" (an empty option), or what the names find. */
static void
decide_field (SitmapGeojsonReader *reader, GPtrArray *order, SitmapImportField field, gboolean *chosen)
{
  const char *option = sitmap_import_get_option (reader->import, sitmap_import_field_get_name (field));
  Stats *found;

  *chosen = option != NULL;
  if (option != NULL)
    {
      reader->fields.names[field] = *option != '\0' ? g_strdup (option) : NULL;
      return;
    }
  /* Sitmap's own file says what each property is: nothing is guessed. */
  if (reader->fields.own)
    {
      *chosen = TRUE;
      reader->fields.names[field] = g_strdup (own_names[field]);
      return;
    }
  found = find_named (order, field_names[field], field == SITMAP_IMPORT_FIELD_DATE ? reads_as_time : NULL);
  /* The place names the event when nothing else does. */
  if (found == NULL && field == SITMAP_IMPORT_FIELD_TITLE)
    found = find_named (order, place_names, NULL);
  reader->fields.names[field] = found ? g_strdup (found->name) : NULL;
}

static gboolean
in_names (const char *const *names, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
sitmap_geojson_is_reserved_name (const char *name)
{
  if (g_str_has_prefix (name, SITMAP_GEOJSON_ATTRIBUTE_PREFIX) || in_names (other_own_names, name) ||
      in_names (url_names, name))
    return TRUE;
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    if (in_names (field_names[f], name) || (own_names[f] != NULL && g_ascii_strcasecmp (own_names[f], name) == 0))
      return TRUE;
  return FALSE;
}

void
sitmap_geojson_fields_clear (SitmapGeojsonFields *fields)
{
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    g_clear_pointer (&fields->names[f], g_free);
  g_clear_pointer (&fields->url, g_free);
}

gboolean
sitmap_geojson_fields_decide (SitmapGeojsonReader *reader, GError **error)
{
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (stats_free);
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean date_chosen = FALSE;
  Stats *url, *date, *end;

  g_return_val_if_fail (reader != NULL, FALSE);

  sample (reader, order, by_name);
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      gboolean chosen;

      decide_field (reader, order, f, &chosen);
      if (f == SITMAP_IMPORT_FIELD_DATE)
        date_chosen = chosen;
    }
  url = reader->fields.own ? NULL : find_named (order, url_names, NULL);
  reader->fields.url = url ? g_strdup (url->name) : NULL;
  date = reader->fields.names[SITMAP_IMPORT_FIELD_DATE] ? g_hash_table_lookup (by_name, reader->fields.names[SITMAP_IMPORT_FIELD_DATE]) : NULL;
  end = reader->fields.names[SITMAP_IMPORT_FIELD_END_DATE] ? g_hash_table_lookup (by_name, reader->fields.names[SITMAP_IMPORT_FIELD_END_DATE]) : NULL;
  reader->fields.date_in_ms = date != NULL && date->max_abs >= EPOCH_MS_THRESHOLD;
  reader->fields.end_in_ms = end != NULL ? end->max_abs >= EPOCH_MS_THRESHOLD : reader->fields.date_in_ms;
  if (reader->fields.names[SITMAP_IMPORT_FIELD_DATE] == NULL && !date_chosen)
    {
      Stats *guess = best_time_candidate (order);

      if (guess != NULL)
        return needs_mapping (reader, order, guess, error);
    }
  return TRUE;
}
