/* sitmap-csv-writer.c: events out as ACLED-compatible CSV
 *
 * ACLED's current columns come first, in ACLED's order, so that ACLED's own tools, spreadsheets and GDAL read
 * the file as an ACLED export. What those columns cannot say is written after them, in columns Sitmap reads
 * back, and only when some event needs them: its exact time (a moment, a year, a span other than ACLED's
 * week), a category ACLED has no type for, a title other than the one Sitmap would make, an exact or
 * country-wide location, a radius; and any other attribute an event has, under its own name. So a table
 * read back gives the same events, times with their precision, and places.
 *
 * Formula injection: analysts open these files in LibreOffice and Excel, which run a cell beginning with
 * = + - @ (or a tab or CR) as a formula; a hostile report could make that cell. As OWASP advises, such a
 * text cell is written after an apostrophe, which spreadsheets show as text and Sitmap's reader removes. A
 * cell that is a plain number (a negative longitude) is written as it is, so that it stays a number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-atomic-write.h"
#include "sitmap-csv-private.h"
#include "sitmap-csv-writer.h"

#define FLUSH_SIZE (1024 * 1024)

/* ACLED's current columns, in ACLED's order */
typedef enum
{
  COL_EVENT_ID_CNTY,
  COL_EVENT_DATE,
  COL_YEAR,
  COL_TIME_PRECISION,
  COL_DISORDER_TYPE,
  COL_EVENT_TYPE,
  COL_SUB_EVENT_TYPE,
  COL_ACTOR1,
  COL_ASSOC_ACTOR_1,
  COL_INTER1,
  COL_ACTOR2,
  COL_ASSOC_ACTOR_2,
  COL_INTER2,
  COL_INTERACTION,
  COL_CIVILIAN_TARGETING,
  COL_ISO,
  COL_REGION,
  COL_COUNTRY,
  COL_ADMIN1,
  COL_ADMIN2,
  COL_ADMIN3,
  COL_LOCATION,
  COL_LATITUDE,
  COL_LONGITUDE,
  COL_GEO_PRECISION,
  COL_SOURCE,
  COL_SOURCE_SCALE,
  COL_NOTES,
  COL_FATALITIES,
  COL_TAGS,
  COL_TIMESTAMP,
  N_ACLED_COLUMNS
} AcledColumn;

static const char *const acled_names[N_ACLED_COLUMNS] = {
  "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
  "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
  "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
  "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
};

/* Sitmap's columns, after ACLED's */
typedef enum
{
  EXTRA_TITLE,
  EXTRA_TIME,
  EXTRA_CATEGORY,
  EXTRA_PRECISION,
  EXTRA_RADIUS,
  N_EXTRAS
} Extra;

static const char *const extra_names[N_EXTRAS] = {
  "sitmap_title", "sitmap_time", "sitmap_category", "sitmap_location_precision", "sitmap_radius_m",
};

typedef struct
{
  SitmapDocument   *document;
  SitmapEventStore *store;
  const SitmapEventColumns *columns;
  gboolean          extras[N_EXTRAS];
  GPtrArray        *attribute_columns;  /* other attributes' names, in the order first met */
  GHashTable       *attribute_index;    /* name → index + 1 in attribute_columns */
  GPtrArray        *cells;              /* one row's cells: char *, owned */
} Writer;

/*
 * Cells
 */

static gboolean
is_plain_number (const char *text)
{
  double value;

  return sitmap_csv_parse_double (text, strlen (text), FALSE, &value);
}

static void
append_cell (GString *out, const char *text)
{
  gboolean guard, quote;

  if (text == NULL || *text == '\0')
    return;
  guard = strchr ("=+-@\t\r", text[0]) != NULL && !is_plain_number (text);
  quote = strpbrk (text, ",\"\r\n") != NULL || text[0] == ' ' || text[strlen (text) - 1] == ' ' || guard;
  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/* The shortest decimal that reads back as the same double */
static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

static void
set_cell (Writer *writer, guint column, const char *text)
{
  /* Attribute columns are added as the plan meets them */
  if (column >= writer->cells->len)
    g_ptr_array_set_size (writer->cells, column + 1);
  g_free (writer->cells->pdata[column]);
  writer->cells->pdata[column] = text && *text ? g_strdup (text) : NULL;
}

static void
take_cell (Writer *writer, guint column, char *text)
{
  if (column >= writer->cells->len)
    g_ptr_array_set_size (writer->cells, column + 1);
  g_free (writer->cells->pdata[column]);
  writer->cells->pdata[column] = text;
}

static const char *
get_cell (Writer *writer, guint column)
{
  return writer->cells->pdata[column];
}

/*
 * What an event's row says
 */

static const char *
attribute (Writer *writer, guint position, const char *name)
{
  return sitmap_event_store_lookup_attribute (writer->store, position, name);
}

static const char *
location_of (Writer *writer, guint position)
{
  const char *text = sitmap_event_store_get_place_text (writer->store, position);
  guint place = sitmap_event_store_get_place (writer->store, position);

  if (text == NULL && place > 0)
    text = sitmap_place_get_name (sitmap_document_get_place (writer->document, place - 1));
  return text;
}

/* ACLED's actor columns from the event's actors: actor1, the associates its assoc_actor_1 names if they
 * follow, actor2, then the rest as actor2's associates. Read back, the list is the same. */
static void
fill_actors (Writer *writer, guint position)
{
  guint n, next = 0;
  const char *const *actors = sitmap_event_store_get_actors (writer->store, position, &n);
  const char *assoc[2] = { attribute (writer, position, "assoc_actor_1"), attribute (writer, position, "assoc_actor_2") };
  static const guint actor_columns[2] = { COL_ACTOR1, COL_ACTOR2 };
  static const guint assoc_columns[2] = { COL_ASSOC_ACTOR_1, COL_ASSOC_ACTOR_2 };

  for (guint side = 0; side < 2; side++)
    {
      set_cell (writer, actor_columns[side], NULL);
      set_cell (writer, assoc_columns[side], NULL);
    }
  for (guint side = 0; side < 2; side++)
    {
      g_autoptr (GArray) parts = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr (GString) rest = g_string_new (NULL);
      gboolean match = assoc[side] != NULL;

      if (next < n)
        set_cell (writer, actor_columns[side], actors[next++]);
      if (assoc[side] != NULL)
        sitmap_csv_split_list (assoc[side], strlen (assoc[side]), parts);
      /* The associates the file named, if they are what follows */
      for (guint i = 0; match && i < parts->len; i += 2)
        match = next + i / 2 < n &&
                strncmp (actors[next + i / 2], assoc[side] + g_array_index (parts, guint32, i),
                         g_array_index (parts, guint32, i + 1)) == 0 &&
                strlen (actors[next + i / 2]) == g_array_index (parts, guint32, i + 1);
      if (match && parts->len > 0)
        {
          set_cell (writer, assoc_columns[side], assoc[side]);
          next += parts->len / 2;
        }
      else if (side == 1)
        {
          for (; next < n; next++)
            {
              if (rest->len > 0)
                g_string_append (rest, "; ");
              g_string_append (rest, actors[next]);
            }
          set_cell (writer, assoc_columns[side], rest->str);
        }
    }
}

static void
fill_sources (Writer *writer, guint position)
{
  g_autoptr (GString) sources = g_string_new (NULL);
  const SitmapCitationRecord *citations;
  guint n;

  citations = sitmap_event_store_get_citations (writer->store, position, &n);
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source = sitmap_document_get_source (writer->document, citations[i].source);
      const char *name = sitmap_source_get_name (source);
      g_autofree char *cleaned = NULL;

      if (name == NULL || *name == '\0')
        name = sitmap_source_get_id (source);
      if (name == NULL || *name == '\0')
        continue;
      /* The column separates sources with semicolons */
      cleaned = g_strdelimit (g_strdup (name), ";", ',');
      if (sources->len > 0)
        g_string_append (sources, "; ");
      g_string_append (sources, cleaned);
    }
  set_cell (writer, COL_SOURCE, sources->str);
}

static void
fill_time (Writer *writer, guint position)
{
  SitmapTime time;
  gint64 day, year;
  guint precision, month, mday;
  gboolean exact;

  sitmap_event_store_get_time (writer->store, position, &time);
  if (time.precision == SITMAP_TIME_PRECISION_NONE)
    return;
  exact = sitmap_csv_acled_date_of (&time, &day, &precision);
  if (exact || time.start != SITMAP_TIME_OPEN_START || time.end != SITMAP_TIME_OPEN_END)
    sitmap_civil_from_days (day / 86400 - (day % 86400 < 0), &year, &month, &mday);
  else
    year = 0;
  /* A date before the year 1 or after 9999 is no date of a table's (nor one the reader takes there): the
   * time is said in sitmap_time alone. */
  if (year < 1 || year > 9999)
    exact = FALSE;
  else
    {
      take_cell (writer, COL_EVENT_DATE, g_strdup_printf ("%04" G_GINT64_FORMAT "-%02u-%02u", year, month, mday));
      take_cell (writer, COL_YEAR, g_strdup_printf ("%" G_GINT64_FORMAT, year));
      take_cell (writer, COL_TIME_PRECISION, g_strdup_printf ("%u", precision));
    }
  if (!exact)
    {
      g_autofree char *begin = sitmap_time_format_begin (&time);
      g_autofree char *end = sitmap_time_format_end (&time);

      if (time.precision == SITMAP_TIME_PRECISION_SPAN)
        take_cell (writer, N_ACLED_COLUMNS + EXTRA_TIME, g_strdup_printf ("%s/%s", begin ? begin : "..",
                                                                          end ? end : ".."));
      else
        take_cell (writer, N_ACLED_COLUMNS + EXTRA_TIME, g_steal_pointer (&begin));
    }
}

static void
fill_place (Writer *writer, guint position)
{
  double latitude, longitude;
  SitmapLocationPrecision precision = writer->columns->location_precision[position];
  guint geo = sitmap_csv_acled_geo_precision (precision), radius;

  set_cell (writer, COL_LOCATION, location_of (writer, position));
  if (!sitmap_event_store_get_location (writer->store, position, &latitude, &longitude))
    return;
  take_cell (writer, COL_LATITUDE, format_double (latitude));
  take_cell (writer, COL_LONGITUDE, format_double (longitude));
  /* A precision derived from the point alone is derived again when read */
  if (sitmap_event_store_has_stated_precision (writer->store, position) && geo > 0)
    {
      take_cell (writer, COL_GEO_PRECISION, g_strdup_printf ("%u", geo));
      if (sitmap_csv_acled_location_precision (geo) != precision)
        set_cell (writer, N_ACLED_COLUMNS + EXTRA_PRECISION, sitmap_location_precision_to_id (precision));
    }
  radius = sitmap_event_store_get_radius (writer->store, position);
  if (radius > 0)
    take_cell (writer, N_ACLED_COLUMNS + EXTRA_RADIUS, g_strdup_printf ("%u", radius));
}

static void
fill_category_and_title (Writer *writer, guint position)
{
  SitmapCategory category = writer->columns->category[position];
  const char *event_type = attribute (writer, position, "event_type");
  const char *title = sitmap_event_store_get_title (writer->store, position);
  g_autofree char *made = NULL;

  if (event_type == NULL)
    event_type = sitmap_csv_acled_event_type (category);
  set_cell (writer, COL_EVENT_TYPE, event_type);
  /* What the reader will make of the row, against what the event is */
  if (sitmap_csv_acled_category (get_cell (writer, COL_EVENT_TYPE), get_cell (writer, COL_INTER1),
                                 get_cell (writer, COL_ACTOR1)) != category)
    set_cell (writer, N_ACLED_COLUMNS + EXTRA_CATEGORY, sitmap_category_to_id (category));
  made = sitmap_csv_acled_title (get_cell (writer, COL_SUB_EVENT_TYPE), get_cell (writer, COL_EVENT_TYPE),
                                 get_cell (writer, COL_LOCATION));
  if (title != NULL && g_strcmp0 (title, made) != 0)
    set_cell (writer, N_ACLED_COLUMNS + EXTRA_TITLE, title);
}

static void
fill_figures (Writer *writer, guint position)
{
  guint n;
  const SitmapFigure *figures = sitmap_event_store_get_figures (writer->store, position, &n);

  for (guint i = 0; i < n; i++)
    if (figures[i].kind == SITMAP_FIGURE_KILLED && figures[i].min >= 0)
      {
        take_cell (writer, COL_FATALITIES, g_strdup_printf ("%" G_GINT64_FORMAT, figures[i].min));
        return;
      }
}

static gboolean
is_acled_column (const char *name)
{
  for (guint c = 0; c < N_ACLED_COLUMNS; c++)
    if (g_ascii_strcasecmp (name, acled_names[c]) == 0)
      return TRUE;
  for (guint e = 0; e < N_EXTRAS; e++)
    if (g_ascii_strcasecmp (name, extra_names[e]) == 0)
      return TRUE;
  return FALSE;
}

/* The attributes ACLED has columns for fill them; the others go to columns of their own */
static void
fill_attributes (Writer *writer, guint position)
{
  guint n = sitmap_event_store_get_n_attributes (writer->store, position);

  for (guint i = 0; i < n; i++)
    {
      const char *value;
      const char *name = sitmap_event_store_get_attribute (writer->store, position, i, &value);
      guint index;

      for (guint c = 0; c < N_ACLED_COLUMNS; c++)
        if (strcmp (name, acled_names[c]) == 0 && c != COL_EVENT_TYPE)
          {
            set_cell (writer, c, value);
            break;
          }
      index = GPOINTER_TO_UINT (g_hash_table_lookup (writer->attribute_index, name));
      if (index > 0)
        set_cell (writer, N_ACLED_COLUMNS + N_EXTRAS + index - 1, value);
    }
}

static void
fill_row (Writer *writer, guint position)
{
  for (guint i = 0; i < writer->cells->len; i++)
    g_clear_pointer (&writer->cells->pdata[i], g_free);
  set_cell (writer, COL_EVENT_ID_CNTY, sitmap_event_store_get_id (writer->store, position));
  fill_attributes (writer, position);
  fill_time (writer, position);
  fill_actors (writer, position);
  fill_place (writer, position);
  fill_category_and_title (writer, position);
  fill_sources (writer, position);
  set_cell (writer, COL_NOTES, sitmap_event_store_get_summary (writer->store, position));
  fill_figures (writer, position);
}

/*
 * The table
 */

static guint
n_positions (Writer *writer, GArray *positions)
{
  return positions ? positions->len : writer->columns->n_events;
}

static guint
position_at (GArray *positions, guint i)
{
  return positions ? g_array_index (positions, guint32, i) : i;
}

/* Which of Sitmap's columns some event needs, and the other attributes' names */
static void
plan_columns (Writer *writer, GArray *positions)
{
  guint n = n_positions (writer, positions);

  g_ptr_array_set_size (writer->cells, N_ACLED_COLUMNS + N_EXTRAS);
  for (guint i = 0; i < n; i++)
    {
      guint position = position_at (positions, i), n_attributes;

      fill_row (writer, position);
      for (guint e = 0; e < N_EXTRAS; e++)
        writer->extras[e] |= get_cell (writer, N_ACLED_COLUMNS + e) != NULL;
      n_attributes = sitmap_event_store_get_n_attributes (writer->store, position);
      for (guint a = 0; a < n_attributes; a++)
        {
          const char *name = sitmap_event_store_get_attribute (writer->store, position, a, NULL);

          if (!is_acled_column (name) && !g_hash_table_contains (writer->attribute_index, name))
            {
              g_ptr_array_add (writer->attribute_columns, (gpointer) name);
              g_hash_table_insert (writer->attribute_index, (gpointer) name,
                                   GUINT_TO_POINTER (writer->attribute_columns->len));
            }
        }
    }
  g_ptr_array_set_size (writer->cells, N_ACLED_COLUMNS + N_EXTRAS + writer->attribute_columns->len);
}

static void
append_row (Writer *writer, GString *out)
{
  gboolean first = TRUE;

  for (guint c = 0; c < writer->cells->len; c++)
    {
      if (c >= N_ACLED_COLUMNS && c < N_ACLED_COLUMNS + N_EXTRAS && !writer->extras[c - N_ACLED_COLUMNS])
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_cell (out, get_cell (writer, c));
    }
  g_string_append (out, "\r\n");
}

static void
append_header (Writer *writer, GString *out)
{
  /* A byte order mark: Excel reads UTF-8 without one as the system's old encoding */
  g_string_append (out, "\xEF\xBB\xBF");
  for (guint c = 0; c < N_ACLED_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_cell (out, acled_names[c]);
    }
  for (guint e = 0; e < N_EXTRAS; e++)
    if (writer->extras[e])
      {
        g_string_append_c (out, ',');
        append_cell (out, extra_names[e]);
      }
  for (guint a = 0; a < writer->attribute_columns->len; a++)
    {
      g_string_append_c (out, ',');
      append_cell (out, g_ptr_array_index (writer->attribute_columns, a));
    }
  g_string_append (out, "\r\n");
}

static void
writer_init (Writer *writer, SitmapDocument *document)
{
  memset (writer, 0, sizeof *writer);
  writer->document = document;
  writer->store = sitmap_document_get_store (document);
  writer->columns = sitmap_document_get_columns (document);
  writer->attribute_columns = g_ptr_array_new ();
  writer->attribute_index = g_hash_table_new (g_str_hash, g_str_equal);
  writer->cells = g_ptr_array_new_with_free_func (g_free);
}

static void
writer_clear (Writer *writer)
{
  g_ptr_array_unref (writer->attribute_columns);
  g_hash_table_unref (writer->attribute_index);
  g_ptr_array_unref (writer->cells);
}

typedef gboolean (*FlushFunc) (GString *out, gpointer user_data, GError **error);

static gboolean
write_table (SitmapDocument *document, GArray *positions, FlushFunc flush, gpointer user_data,
             GCancellable *cancellable, GError **error)
{
  Writer writer;
  g_autoptr (GString) out = g_string_sized_new (FLUSH_SIZE + 4096);
  g_autoptr (GArray) live = NULL;
  gboolean ok = TRUE;
  guint n;

  /* Events edits deleted are not written */
  if (positions == NULL)
    positions = live = sitmap_event_store_dup_live_positions (sitmap_document_get_store (document));
  writer_init (&writer, document);
  plan_columns (&writer, positions);
  append_header (&writer, out);
  n = n_positions (&writer, positions);
  for (guint i = 0; i < n && ok; i++)
    {
      fill_row (&writer, position_at (positions, i));
      append_row (&writer, out);
      if (out->len >= FLUSH_SIZE)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error) && flush (out, user_data, error);
    }
  ok = ok && flush (out, user_data, error);
  writer_clear (&writer);
  return ok;
}

static gboolean
flush_to_file (GString *out, gpointer user_data, GError **error)
{
  gboolean ok = sitmap_atomic_file_write (user_data, out->str, out->len, error);

  g_string_truncate (out, 0);
  return ok;
}

gboolean
sitmap_csv_write_events_file (SitmapDocument *document, GArray *positions, GFile *file, GCancellable *cancellable,
                              GError **error)
{
  g_autoptr (SitmapAtomicFile) atomic = NULL;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  atomic = sitmap_atomic_file_new (file, cancellable, error);
  if (atomic == NULL)
    return FALSE;
  return write_table (document, positions, flush_to_file, atomic, cancellable, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) && sitmap_atomic_file_commit (atomic, error);
}

static gboolean
flush_to_bytes (GString *out, gpointer user_data, GError **error)
{
  g_byte_array_append (user_data, (const guint8 *) out->str, out->len);
  g_string_truncate (out, 0);
  return TRUE;
}

GBytes *
sitmap_csv_write_events (SitmapDocument *document, GArray *positions)
{
  GByteArray *bytes = g_byte_array_new ();

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);

  write_table (document, positions, flush_to_bytes, bytes, NULL, NULL);
  return g_byte_array_free_to_bytes (bytes);
}
