/* sitmap-csv-layout.c: what each column of a table holds: ACLED's columns, guesses for any other table,
 * and the user's choice (the mapping dialog, --columns)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sitmap-csv-private.h"
#include "sitmap-error.h"

/* A header as compared: lower case, spaces, hyphens and dots as underscores, trimmed. */
static char *
normalize (const char *header)
{
  g_autofree char *lower = g_ascii_strdown (header, -1);
  char *p;

  for (p = lower; *p; p++)
    if (*p == ' ' || *p == '-' || *p == '.')
      *p = '_';
  return g_strdup (g_strstrip (lower));
}

/*
 * ACLED's columns
 */

typedef struct
{
  const char   *header;  /* normalized */
  SitmapCsvRole role;
  const char   *name;    /* ACLED's current name, what attributes are called */
  gboolean      keep;
} AcledColumn;

static const AcledColumn acled_columns[] = {
  { "event_id_cnty", SITMAP_CSV_ROLE_ID, "event_id_cnty", FALSE },
  { "event_date", SITMAP_CSV_ROLE_DATE, "event_date", FALSE },
  { "year", SITMAP_CSV_ROLE_IGNORE, "year", FALSE },
  { "time_precision", SITMAP_CSV_ROLE_TIME_PRECISION, "time_precision", FALSE },
  { "disorder_type", SITMAP_CSV_ROLE_ATTRIBUTE, "disorder_type", TRUE },
  { "event_type", SITMAP_CSV_ROLE_CATEGORY, "event_type", TRUE },
  { "sub_event_type", SITMAP_CSV_ROLE_SUB_EVENT_TYPE, "sub_event_type", TRUE },
  { "actor1", SITMAP_CSV_ROLE_ACTOR1, "actor1", FALSE },
  { "assoc_actor_1", SITMAP_CSV_ROLE_ASSOC_ACTOR_1, "assoc_actor_1", TRUE },
  { "ally_actor_1", SITMAP_CSV_ROLE_ASSOC_ACTOR_1, "assoc_actor_1", TRUE },
  { "inter1", SITMAP_CSV_ROLE_INTER1, "inter1", TRUE },
  { "actor2", SITMAP_CSV_ROLE_ACTOR2, "actor2", FALSE },
  { "assoc_actor_2", SITMAP_CSV_ROLE_ASSOC_ACTOR_2, "assoc_actor_2", TRUE },
  { "ally_actor_2", SITMAP_CSV_ROLE_ASSOC_ACTOR_2, "assoc_actor_2", TRUE },
  { "inter2", SITMAP_CSV_ROLE_ATTRIBUTE, "inter2", TRUE },
  { "interaction", SITMAP_CSV_ROLE_ATTRIBUTE, "interaction", TRUE },
  { "civilian_targeting", SITMAP_CSV_ROLE_ATTRIBUTE, "civilian_targeting", TRUE },
  { "iso", SITMAP_CSV_ROLE_ATTRIBUTE, "iso", TRUE },
  { "region", SITMAP_CSV_ROLE_ATTRIBUTE, "region", TRUE },
  { "country", SITMAP_CSV_ROLE_ATTRIBUTE, "country", TRUE },
  { "admin1", SITMAP_CSV_ROLE_ATTRIBUTE, "admin1", TRUE },
  { "admin2", SITMAP_CSV_ROLE_ATTRIBUTE, "admin2", TRUE },
  { "admin3", SITMAP_CSV_ROLE_ATTRIBUTE, "admin3", TRUE },
  { "location", SITMAP_CSV_ROLE_PLACE, "location", FALSE },
  { "latitude", SITMAP_CSV_ROLE_LATITUDE, "latitude", FALSE },
  { "longitude", SITMAP_CSV_ROLE_LONGITUDE, "longitude", FALSE },
  { "geo_precision", SITMAP_CSV_ROLE_GEO_PRECISION, "geo_precision", FALSE },
  { "source", SITMAP_CSV_ROLE_SOURCE, "source", FALSE },
  { "source_scale", SITMAP_CSV_ROLE_ATTRIBUTE, "source_scale", TRUE },
  { "notes", SITMAP_CSV_ROLE_SUMMARY, "notes", FALSE },
  { "fatalities", SITMAP_CSV_ROLE_FATALITIES, "fatalities", FALSE },
  { "tags", SITMAP_CSV_ROLE_ATTRIBUTE, "tags", TRUE },
  { "timestamp", SITMAP_CSV_ROLE_ATTRIBUTE, "timestamp", TRUE },
  /* Columns of older layouts, kept as they are */
  { "event_id_no_cnty", SITMAP_CSV_ROLE_ATTRIBUTE, "event_id_no_cnty", TRUE },
  { "data_id", SITMAP_CSV_ROLE_ATTRIBUTE, "data_id", TRUE },
  { "gwno", SITMAP_CSV_ROLE_ATTRIBUTE, "gwno", TRUE },
  { "iso3", SITMAP_CSV_ROLE_ATTRIBUTE, "iso3", TRUE },
};

/* Sitmap's own columns, read in any table */
static const AcledColumn sitmap_columns[] = {
  { "sitmap_title", SITMAP_CSV_ROLE_SITMAP_TITLE, "sitmap_title", FALSE },
  { "sitmap_time", SITMAP_CSV_ROLE_SITMAP_TIME, "sitmap_time", FALSE },
  { "sitmap_category", SITMAP_CSV_ROLE_SITMAP_CATEGORY, "sitmap_category", FALSE },
  { "sitmap_location_precision", SITMAP_CSV_ROLE_SITMAP_PRECISION, "sitmap_location_precision", FALSE },
  { "sitmap_radius_m", SITMAP_CSV_ROLE_SITMAP_RADIUS, "sitmap_radius_m", FALSE },
};

static const AcledColumn *
find_column (const AcledColumn *table, guint n, const char *normalized)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (table[i].header, normalized) == 0)
      return &table[i];
  return NULL;
}

gboolean
sitmap_csv_acled_column (const char *header, SitmapCsvRole *role, const char **name, gboolean *keep)
{
  g_autofree char *normalized = normalize (header);
  const AcledColumn *column = find_column (acled_columns, G_N_ELEMENTS (acled_columns), normalized);

  if (column == NULL)
    return FALSE;
  *role = column->role;
  *name = column->name;
  *keep = column->keep;
  return TRUE;
}

gboolean
sitmap_csv_is_acled_header (const char *const *headers, guint n)
{
  gboolean date = FALSE, latitude = FALSE, longitude = FALSE, type_or_id = FALSE;
  guint others = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *normalized = normalize (headers[i]);

      if (strcmp (normalized, "event_date") == 0)
        date = TRUE;
      else if (strcmp (normalized, "latitude") == 0)
        latitude = TRUE;
      else if (strcmp (normalized, "longitude") == 0)
        longitude = TRUE;
      else if (strcmp (normalized, "event_type") == 0 || strcmp (normalized, "event_id_cnty") == 0)
        type_or_id = TRUE;
      else if (find_column (acled_columns, G_N_ELEMENTS (acled_columns), normalized) != NULL)
        others++;
    }
  return date && latitude && longitude && type_or_id && others >= 3;
}

/*
 * Guesses for any other table
 */

typedef struct
{
  SitmapImportField field;
  SitmapCsvRole     role;
  const char *const names[24]; /* normalized, most likely first */
} Guess;

static const Guess guesses[] = {
  { SITMAP_IMPORT_FIELD_LATITUDE, SITMAP_CSV_ROLE_LATITUDE,
    { "latitude", "lat", "y", "lat_dd", "latitude_dd", "decimallatitude", "decimal_latitude", "point_y", "ycoord",
      "y_coord", "lat_deg", "latitud", "breite", NULL } },
  { SITMAP_IMPORT_FIELD_LONGITUDE, SITMAP_CSV_ROLE_LONGITUDE,
    { "longitude", "lon", "lng", "long", "x", "lon_dd", "longitude_dd", "decimallongitude", "decimal_longitude",
      "point_x", "xcoord", "x_coord", "lon_deg", "longitud", "laenge", NULL } },
  { SITMAP_IMPORT_FIELD_DATE, SITMAP_CSV_ROLE_DATE,
    { "date", "event_date", "datetime", "date_time", "time", "timestamp", "when", "start", "start_date",
      "startdate", "date_start", "begin", "begin_date", "day", "published", "pubdate", "occurred", "incident_date",
      "report_date", NULL } },
  { SITMAP_IMPORT_FIELD_END_DATE, SITMAP_CSV_ROLE_END_DATE,
    { "end_date", "enddate", "date_end", "end", "until", "to_date", "finish", NULL } },
  { SITMAP_IMPORT_FIELD_TITLE, SITMAP_CSV_ROLE_TITLE,
    { "title", "name", "headline", "event", "label", "subject", "event_name", NULL } },
  { SITMAP_IMPORT_FIELD_SUMMARY, SITMAP_CSV_ROLE_SUMMARY,
    { "description", "notes", "summary", "details", "text", "comment", "comments", "body", "desc", "note", NULL } },
  { SITMAP_IMPORT_FIELD_PLACE, SITMAP_CSV_ROLE_PLACE,
    { "location", "place", "place_name", "city", "town", "village", "locality", "site", "address", "area", NULL } },
  { SITMAP_IMPORT_FIELD_CATEGORY, SITMAP_CSV_ROLE_CATEGORY,
    { "category", "event_type", "type", "kind", "class", "classification", NULL } },
  { SITMAP_IMPORT_FIELD_FATALITIES, SITMAP_CSV_ROLE_FATALITIES,
    { "fatalities", "killed", "deaths", "dead", "death_toll", "fatality", "casualties", NULL } },
  { SITMAP_IMPORT_FIELD_SOURCE, SITMAP_CSV_ROLE_SOURCE,
    { "source", "sources", "publisher", "source_name", NULL } },
  { SITMAP_IMPORT_FIELD_ID, SITMAP_CSV_ROLE_ID,
    { "id", "event_id", "event_id_cnty", "uid", "identifier", "guid", "fid", "objectid", "key", NULL } },
};

/* The column whose normalized header is the most likely name for a guess, or -1 */
static int
guess_by_name (const Guess *guess, char **normalized, guint n, const gboolean *taken)
{
  for (guint k = 0; guess->names[k] != NULL; k++)
    for (guint i = 0; i < n; i++)
      if (!taken[i] && strcmp (normalized[i], guess->names[k]) == 0)
        return (int) i;
  return -1;
}

/* Whether most of the sample's values in column are numbers between -limit and limit */
static gboolean
sample_in_range (const char *const *sample, guint n_sample, guint n_columns, guint column, double limit,
                 gboolean decimal_comma)
{
  guint good = 0, seen = 0;

  for (guint r = 0; r < n_sample; r++)
    {
      const char *text = sample[r * n_columns + column];
      double value;

      if (text == NULL || *text == '\0')
        continue;
      seen++;
      if (sitmap_csv_parse_double (text, strlen (text), decimal_comma, &value) && value >= -limit && value <= limit)
        good++;
    }
  /* No value to look at: the name alone says it */
  return seen == 0 || good * 10 >= seen * 9;
}

/* Dates with slashes: day first unless a value's first number cannot be a month and none's second */
static SitmapCsvDateOrder
guess_date_order (const char *const *sample, guint n_sample, guint n_columns, int column)
{
  gboolean day_first = FALSE, month_first = FALSE;

  for (guint r = 0; column >= 0 && r < n_sample; r++)
    {
      const char *text = sample[r * n_columns + column];
      guint a, b;

      if (text != NULL && (sscanf (text, "%u/%u/", &a, &b) == 2 || sscanf (text, "%u.%u.", &a, &b) == 2))
        {
          day_first |= a > 12;
          month_first |= b > 12;
        }
    }
  return month_first && !day_first ? SITMAP_CSV_MONTH_FIRST : SITMAP_CSV_DAY_FIRST;
}

static SitmapCsvRole
role_of_field (SitmapImportField field)
{
  for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
    if (guesses[g].field == field)
      return guesses[g].role;
  g_return_val_if_reached (SITMAP_CSV_ROLE_ATTRIBUTE);
}

/*
 * The layout
 */

void
sitmap_csv_layout_clear (SitmapCsvLayout *layout)
{
  for (guint i = 0; layout->columns != NULL && i < layout->n_columns; i++)
    {
      g_free (layout->columns[i].header);
      g_free (layout->columns[i].name);
    }
  g_clear_pointer (&layout->columns, g_free);
  layout->n_columns = 0;
}

static void
set_role (SitmapCsvLayout *layout, guint column, SitmapCsvRole role, gboolean keep)
{
  layout->columns[column].role = role;
  layout->columns[column].keep = keep;
  if (role != SITMAP_CSV_ROLE_ATTRIBUTE && role != SITMAP_CSV_ROLE_IGNORE)
    layout->role_column[role] = (int) column;
}

/* A column no longer holds role: it is kept as it is */
static void
unset_role (SitmapCsvLayout *layout, SitmapCsvRole role)
{
  int column = layout->role_column[role];

  if (column < 0)
    return;
  layout->columns[column].role = SITMAP_CSV_ROLE_ATTRIBUTE;
  layout->columns[column].keep = TRUE;
  layout->role_column[role] = -1;
}

static void
init_acled (SitmapCsvLayout *layout, char **normalized)
{
  for (guint i = 0; i < layout->n_columns; i++)
    {
      const AcledColumn *column = find_column (acled_columns, G_N_ELEMENTS (acled_columns), normalized[i]);

      if (column == NULL)
        continue;
      g_free (layout->columns[i].name);
      layout->columns[i].name = g_strdup (column->name);
      /* A role is held once: a second column of the same meaning is kept as it is */
      if (column->role == SITMAP_CSV_ROLE_ATTRIBUTE || column->role == SITMAP_CSV_ROLE_IGNORE ||
          layout->role_column[column->role] < 0)
        set_role (layout, i, column->role, column->keep);
    }
}

/* Guesses for a table that is not ACLED's; TRUE when the coordinates are sure: the only columns of their
 * usual names, with values in range. */
static gboolean
init_generic (SitmapCsvLayout *layout, char **normalized, const char *const *sample, guint n_sample,
              SitmapImport *import)
{
  g_autofree gboolean *taken = g_new0 (gboolean, layout->n_columns);
  gboolean decimal_comma = layout->delimiter != ',';
  gboolean sure;

  for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
    {
      int column = guess_by_name (&guesses[g], normalized, layout->n_columns, taken);

      /* Coordinates must look like coordinates */
      if (column >= 0 && guesses[g].role == SITMAP_CSV_ROLE_LATITUDE &&
          !sample_in_range (sample, n_sample, layout->n_columns, column, 90, decimal_comma))
        column = -1;
      if (column >= 0 && guesses[g].role == SITMAP_CSV_ROLE_LONGITUDE &&
          !sample_in_range (sample, n_sample, layout->n_columns, column, 180, decimal_comma))
        column = -1;
      sitmap_import_set_guess (import, guesses[g].field, column);
      if (column < 0)
        continue;
      taken[column] = TRUE;
      /* A category's own words are kept too: Sitmap's categories are few */
      set_role (layout, column, guesses[g].role, guesses[g].role == SITMAP_CSV_ROLE_CATEGORY);
    }
  sure = layout->role_column[SITMAP_CSV_ROLE_LATITUDE] >= 0 && layout->role_column[SITMAP_CSV_ROLE_LONGITUDE] >= 0;
  /* x and y are guesses, not certainties: they may be projected metres */
  if (sure && (strcmp (normalized[layout->role_column[SITMAP_CSV_ROLE_LATITUDE]], "y") == 0 ||
               strcmp (normalized[layout->role_column[SITMAP_CSV_ROLE_LONGITUDE]], "x") == 0))
    sure = FALSE;
  return sure;
}

/* The column an option names: #N, its header as written, or its header in any case */
static int
find_option_column (const SitmapCsvLayout *layout, const char *value)
{
  g_autofree char *wanted = NULL;

  if (value[0] == '#')
    {
      guint64 n;

      if (g_ascii_string_to_unsigned (value + 1, 10, 1, layout->n_columns, &n, NULL))
        return (int) n - 1;
      return -2;
    }
  for (guint i = 0; i < layout->n_columns; i++)
    if (strcmp (layout->columns[i].header, value) == 0)
      return (int) i;
  wanted = normalize (value);
  for (guint i = 0; i < layout->n_columns; i++)
    {
      g_autofree char *normalized = normalize (layout->columns[i].header);

      if (strcmp (normalized, wanted) == 0)
        return (int) i;
    }
  return -2;
}

static char *
dup_column_list (const SitmapCsvLayout *layout)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < layout->n_columns && i < 40; i++)
    {
      g_autofree char *quoted = sitmap_quote_text (layout->columns[i].header);

      if (i > 0)
        g_string_append (list, ", ");
      if (*layout->columns[i].header == '\0')
        g_string_append_printf (list, "#%u", i + 1);
      else
        g_string_append_printf (list, "“%s”", quoted);
    }
  if (layout->n_columns > 40)
    g_string_append (list, ", …");
  return g_string_free (list, FALSE);
}

/* The import's options, field by field, over the layout; FALSE when one names no column. */
static gboolean
apply_options (SitmapCsvLayout *layout, SitmapImport *import, gboolean *any, GError **error)
{
  *any = FALSE;
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      const char *value = sitmap_import_get_option (import, sitmap_import_field_get_name (f));
      SitmapCsvRole role = role_of_field (f);
      int column;

      if (value == NULL)
        continue;
      *any = TRUE;
      unset_role (layout, role);
      if (*value == '\0')
        continue;
      column = find_option_column (layout, value);
      if (column < 0)
        {
          g_autofree char *quoted = sitmap_quote_text (value);
          g_autofree char *named = value[0] == '#' ? g_strdup (value) : g_strdup_printf ("“%s”", quoted);
          g_autofree char *list = dup_column_list (layout);

          g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING,
                       /* TRANSLATORS: a file name, the column the user named, a field ("latitude", as the command
                        * line's --columns writes it), then the file's columns */
                       _("%s: there is no column %s for the %s; the columns are %s"),
                       sitmap_import_get_display_name (import), named, sitmap_import_field_get_name (f), list);
          return FALSE;
        }
      /* What the column held before stays with the event as an attribute */
      if (layout->columns[column].role != SITMAP_CSV_ROLE_ATTRIBUTE &&
          layout->columns[column].role != SITMAP_CSV_ROLE_IGNORE)
        layout->role_column[layout->columns[column].role] = -1;
      set_role (layout, (guint) column, role, role == SITMAP_CSV_ROLE_CATEGORY && !layout->acled);
    }
  return TRUE;
}

static void
set_import_columns (const SitmapCsvLayout *layout, SitmapImport *import)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < layout->n_columns; i++)
    g_ptr_array_add (names, layout->columns[i].header);
  g_ptr_array_add (names, NULL);
  sitmap_import_set_columns (import, (const char *const *) names->pdata);
}

char *
sitmap_csv_layout_describe (const SitmapCsvLayout *layout)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (layout != NULL, NULL);

  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      int column = layout->role_column[role_of_field (f)];
      g_autofree char *quoted = NULL;

      if (column < 0)
        continue;
      quoted = sitmap_quote_text (layout->columns[column].header);
      if (text->len > 0)
        g_string_append (text, ", ");
      if (*quoted == '\0')
        g_string_append_printf (text, "%s = #%d", sitmap_import_field_get_name (f), column + 1);
      else
        g_string_append_printf (text, "%s = “%s”", sitmap_import_field_get_name (f), quoted);
    }
  return g_string_free (text, FALSE);
}

gboolean
sitmap_csv_layout_init (SitmapCsvLayout   *layout,
                        char               delimiter,
                        const char *const *headers,
                        guint              n_columns,
                        const char *const *sample,
                        guint              n_sample,
                        SitmapImport      *import,
                        GError           **error)
{
  g_auto (GStrv) normalized = g_new0 (char *, n_columns + 1);
  gboolean sure = TRUE, any_option;

  memset (layout, 0, sizeof *layout);
  layout->delimiter = delimiter;
  layout->n_columns = n_columns;
  layout->columns = g_new0 (SitmapCsvColumn, n_columns);
  for (guint r = 0; r < SITMAP_CSV_N_ROLES; r++)
    layout->role_column[r] = -1;
  for (guint i = 0; i < n_columns; i++)
    {
      const AcledColumn *own;

      normalized[i] = normalize (headers[i]);
      layout->columns[i].header = g_strdup (headers[i]);
      layout->columns[i].name = g_strdup (headers[i]);
      layout->columns[i].role = SITMAP_CSV_ROLE_ATTRIBUTE;
      layout->columns[i].keep = TRUE;
      /* pandas writes its index as a first column without a name */
      if (*normalized[i] == '\0' || g_str_has_prefix (normalized[i], "unnamed:_"))
        layout->columns[i].role = SITMAP_CSV_ROLE_IGNORE;
      own = find_column (sitmap_columns, G_N_ELEMENTS (sitmap_columns), normalized[i]);
      if (own != NULL && layout->role_column[own->role] < 0)
        set_role (layout, i, own->role, FALSE);
    }
  set_import_columns (layout, import);
  layout->acled = sitmap_csv_is_acled_header (headers, n_columns);
  if (layout->acled)
    init_acled (layout, normalized);
  else
    sure = init_generic (layout, normalized, sample, n_sample, import);
  layout->date_order = layout->acled ? SITMAP_CSV_DAY_FIRST
                                     : guess_date_order (sample, n_sample, n_columns,
                                                         layout->role_column[SITMAP_CSV_ROLE_DATE]);
  if (!apply_options (layout, import, &any_option, error))
    return FALSE;
  if (!sure && !any_option)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING,
                   /* TRANSLATORS: a file name; the command line's --columns is written as it is */
                   _("%s: Sitmap cannot tell which columns hold the latitude and the longitude: choose them "
                     "(on the command line: --columns latitude=…,longitude=…)"),
                   sitmap_import_get_display_name (import));
      return FALSE;
    }
  return TRUE;
}
