/* sitmap-csv-values.c: numbers, dates and ACLED's codes as tables write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-csv-private.h"

#define DAY_SECONDS 86400

/*
 * Numbers
 */

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* The slow path: the same text through g_ascii_strtod, with a decimal comma made a point. */
static gboolean
parse_double_slowly (const char *text, gsize length, double *value)
{
  char buffer[128];
  char *end = NULL;

  if (length >= sizeof buffer)
    return FALSE;
  memcpy (buffer, text, length);
  buffer[length] = '\0';
  for (gsize i = 0; i < length; i++)
    if (buffer[i] == ',')
      buffer[i] = '.';
  *value = g_ascii_strtod (buffer, &end);
  return end == buffer + length && isfinite (*value);
}

gboolean
sitmap_csv_parse_double (const char *text, gsize length, gboolean decimal_comma, double *value)
{
  const char *p = text, *end = text + length;
  guint64 mantissa = 0;
  int digits = 0, exponent = 0;
  gboolean negative = FALSE, any = FALSE, exact = TRUE;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end && is_digit (*p); p++)
    {
      any = TRUE;
      if (mantissa == 0 && *p == '0')
        continue;
      if (digits < 19)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          digits++;
        }
      else
        {
          exponent++;
          exact = FALSE;
        }
    }
  if (p < end && (*p == '.' || (decimal_comma && *p == ',')))
    for (p++; p < end && is_digit (*p); p++)
      {
        any = TRUE;
        if (mantissa == 0 && *p == '0')
          {
            exponent--;
            continue;
          }
        if (digits < 19)
          {
            mantissa = mantissa * 10 + (guint64) (*p - '0');
            digits++;
            exponent--;
          }
        else
          exact = FALSE;
      }
  if (!any)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean negative_exponent = FALSE, exponent_digits = FALSE;
      int written = 0;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        negative_exponent = *p++ == '-';
      for (; p < end && is_digit (*p); p++)
        {
          exponent_digits = TRUE;
          if (written < 100000)
            written = written * 10 + (*p - '0');
        }
      if (!exponent_digits)
        return FALSE;
      exponent += negative_exponent ? -written : written;
    }
  if (p != end)
    return FALSE;
  /* Up to 15 significant digits and a power of ten that is exact: one correctly rounded operation */
  if (exact && digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double v = (double) mantissa;

      v = exponent < 0 ? v / powers_of_ten[-exponent] : v * powers_of_ten[exponent];
      *value = negative ? -v : v;
      return TRUE;
    }
  return parse_double_slowly (text, length, value);
}

gboolean
sitmap_csv_parse_count (const char *text, gsize length, gint64 *value)
{
  const char *p = text, *end = text + length;
  gint64 n = 0;

  if (p == end)
    return FALSE;
  for (; p < end && is_digit (*p); p++)
    {
      if (n > (G_MAXINT64 - 9) / 10)
        return FALSE;
      n = n * 10 + (*p - '0');
    }
  if (p == text)
    return FALSE;
  /* "12.0", as a spreadsheet writes a whole number */
  if (p < end && *p == '.')
    {
      for (p++; p < end && *p == '0'; p++)
        ;
    }
  if (p != end)
    return FALSE;
  *value = n;
  return TRUE;
}

/*
 * Dates
 */

static const char *const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december",
};

static gboolean
is_leap (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint
days_in_month (gint64 year, guint month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap (year) ? 29 : days[month - 1];
}

static SitmapCsvDateStatus
set_day (SitmapTime *time, gint64 year, guint month, guint day)
{
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return SITMAP_CSV_DATE_IMPOSSIBLE;
  sitmap_time_init_undated (time);
  time->start = sitmap_time_from_civil (year, month, day, 0, 0, 0);
  time->end = time->start + DAY_SECONDS;
  time->start_unit = SITMAP_TIME_UNIT_DAY;
  time->precision = SITMAP_TIME_PRECISION_DAY;
  return SITMAP_CSV_DATE_OK;
}

/* A run of digits, at most max of them: its value, and how many */
static guint
read_number (const char *p, const char *end, guint max, gint64 *value)
{
  guint n = 0;

  *value = 0;
  while (p + n < end && n < max && is_digit (p[n]))
    {
      *value = *value * 10 + (p[n] - '0');
      n++;
    }
  return n;
}

/* A month's name in English, whole or its first three letters or more, any case */
static guint
read_month_name (const char *p, const char *end, guint *consumed)
{
  guint n = 0;

  while (p + n < end && g_ascii_isalpha (p[n]))
    n++;
  *consumed = n;
  if (n < 3)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    if (n <= strlen (month_names[m]) && g_ascii_strncasecmp (p, month_names[m], n) == 0)
      return m + 1;
  /* "Sept" */
  if (n == 4 && g_ascii_strncasecmp (p, "sept", 4) == 0)
    return 9;
  return 0;
}

/* ISO 8601 forms with a time: through Sitmap's own parser, UTC when no zone is written */
static SitmapCsvDateStatus
parse_iso (const char *text, gsize length, SitmapTime *time)
{
  g_autofree char *copy = NULL;
  gboolean has_time, has_zone = FALSE;

  if (length > 64)
    return SITMAP_CSV_DATE_UNREADABLE;
  copy = g_strndup (text, length);
  has_time = length > 10 && (copy[10] == 'T' || copy[10] == ' ');
  if (has_time)
    {
      const char *zone = copy + 11;

      copy[10] = 'T';
      has_zone = strchr (zone, 'Z') || strchr (zone, '+') || strchr (zone, '-');
      /* "2024-12-10 05:30" without seconds */
      if (length == 16)
        {
          g_autofree char *seconds = g_strconcat (copy, ":00", NULL);

          g_free (copy);
          copy = g_steal_pointer (&seconds);
        }
    }
  if (has_time && !has_zone)
    {
      g_autofree char *utc = g_strconcat (copy, "Z", NULL);

      g_free (copy);
      copy = g_steal_pointer (&utc);
    }
  if (sitmap_time_init_instant (time, copy, NULL))
    return SITMAP_CSV_DATE_OK;
  /* Impossible rather than unreadable when the form is right but the numbers are not */
  if (length >= 7 && is_digit (copy[5]) && is_digit (copy[6]))
    return SITMAP_CSV_DATE_IMPOSSIBLE;
  return SITMAP_CSV_DATE_UNREADABLE;
}

static SitmapCsvDateStatus
parse_epoch (gint64 number, guint n_digits, SitmapTime *time)
{
  gint64 seconds = n_digits >= 12 ? number / 1000 : number;

  sitmap_time_init_undated (time);
  time->start = seconds;
  time->end = seconds + 1;
  time->start_unit = SITMAP_TIME_UNIT_SECOND;
  time->precision = SITMAP_TIME_PRECISION_EXACT;
  return SITMAP_CSV_DATE_OK;
}

/* 10/12/2024, 10.12.2024, 10-12-2024, 01-January-2015, 1 Jan 2015 */
static SitmapCsvDateStatus
parse_day_first (const char *p, const char *end, SitmapCsvDateOrder order, SitmapTime *time)
{
  gint64 first, second, year;
  guint n, month_length;
  char separator;

  n = read_number (p, end, 2, &first);
  p += n;
  if (p >= end || (*p != '/' && *p != '.' && *p != '-' && *p != ' '))
    return SITMAP_CSV_DATE_UNREADABLE;
  separator = *p++;
  if (p < end && g_ascii_isalpha (*p))
    {
      guint month = read_month_name (p, end, &month_length);

      if (month == 0)
        return SITMAP_CSV_DATE_UNREADABLE;
      p += month_length;
      if (p < end && *p == '.')
        p++;
      if (p >= end || *p != separator)
        return SITMAP_CSV_DATE_UNREADABLE;
      p++;
      n = read_number (p, end, 6, &year);
      if (n != 4 || p + n != end)
        return SITMAP_CSV_DATE_UNREADABLE;
      return set_day (time, year, month, (guint) first);
    }
  if (separator == ' ')
    return SITMAP_CSV_DATE_UNREADABLE;
  n = read_number (p, end, 2, &second);
  if (n == 0)
    return SITMAP_CSV_DATE_UNREADABLE;
  p += n;
  if (p >= end || *p != separator)
    return SITMAP_CSV_DATE_UNREADABLE;
  p++;
  n = read_number (p, end, 4, &year);
  if ((n != 4 && n != 2) || p + n != end)
    return SITMAP_CSV_DATE_UNREADABLE;
  /* Two-digit years, as old spreadsheets write them: 00-69 are 2000s */
  if (n == 2)
    year += year < 70 ? 2000 : 1900;
  if (order == SITMAP_CSV_MONTH_FIRST)
    return set_day (time, year, (guint) first, (guint) second);
  return set_day (time, year, (guint) second, (guint) first);
}

/* January 1, 2015; Jan 1 2015 */
static SitmapCsvDateStatus
parse_month_first_name (const char *p, const char *end, SitmapTime *time)
{
  guint month_length, month = read_month_name (p, end, &month_length), n;
  gint64 day, year;

  if (month == 0)
    return SITMAP_CSV_DATE_UNREADABLE;
  p += month_length;
  if (p < end && *p == '.')
    p++;
  if (p >= end || *p != ' ')
    return SITMAP_CSV_DATE_UNREADABLE;
  p++;
  n = read_number (p, end, 2, &day);
  if (n == 0)
    return SITMAP_CSV_DATE_UNREADABLE;
  p += n;
  if (p < end && *p == ',')
    p++;
  if (p >= end || *p != ' ')
    return SITMAP_CSV_DATE_UNREADABLE;
  p++;
  n = read_number (p, end, 4, &year);
  if (n != 4 || p + n != end)
    return SITMAP_CSV_DATE_UNREADABLE;
  return set_day (time, year, month, (guint) day);
}

SitmapCsvDateStatus
sitmap_csv_parse_date (const char *text, gsize length, SitmapCsvDateOrder order, SitmapTime *time)
{
  const char *p = text, *end = text + length;
  gint64 number;
  guint n;

  if (length == 0)
    return SITMAP_CSV_DATE_UNREADABLE;
  /* The common case first: 2024-12-10 */
  if (length == 10 && text[4] == '-' && text[7] == '-' && is_digit (text[0]) && is_digit (text[1]) &&
      is_digit (text[2]) && is_digit (text[3]) && is_digit (text[5]) && is_digit (text[6]) && is_digit (text[8]) &&
      is_digit (text[9]))
    return set_day (time, (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0'),
                    (guint) ((text[5] - '0') * 10 + (text[6] - '0')), (guint) ((text[8] - '0') * 10 + (text[9] - '0')));
  if (g_ascii_isalpha (*p))
    return parse_month_first_name (p, end, time);
  n = read_number (p, end, 15, &number);
  if (n == 0 && !(*p == '-' && length > 1 && is_digit (p[1])))
    return SITMAP_CSV_DATE_UNREADABLE;
  if (n == length)
    {
      if (n == 4)
        return parse_iso (text, length, time);
      if (n == 8)
        return set_day (time, number / 10000, (guint) (number / 100 % 100), (guint) (number % 100));
      if (n >= 9 && n <= 14)
        return parse_epoch (number, n, time);
      return SITMAP_CSV_DATE_UNREADABLE;
    }
  if (n == 4 && text[4] == '/')
    {
      gint64 month, day;
      guint m, d;

      m = read_number (p + 5, end, 2, &month);
      if (m == 0 || p + 5 + m >= end || p[5 + m] != '/')
        return SITMAP_CSV_DATE_UNREADABLE;
      d = read_number (p + 6 + m, end, 2, &day);
      if (d == 0 || p + 6 + m + d != end)
        return SITMAP_CSV_DATE_UNREADABLE;
      return set_day (time, number, (guint) month, (guint) day);
    }
  if (n >= 4 || *p == '-')
    return parse_iso (text, length, time);
  return parse_day_first (p, end, order, time);
}

/*
 * ACLED's codes
 */

typedef struct
{
  const char    *event_type;
  SitmapCategory category;
} EventType;

/* The current event types first (what the writer writes), then those of the codebooks before 2019 */
static const EventType event_types[] = {
  { "Battles", SITMAP_CATEGORY_BATTLE },
  { "Explosions/Remote violence", SITMAP_CATEGORY_REMOTE_VIOLENCE },
  { "Violence against civilians", SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS },
  { "Protests", SITMAP_CATEGORY_PROTEST },
  { "Riots", SITMAP_CATEGORY_RIOT },
  { "Strategic developments", SITMAP_CATEGORY_STRATEGIC },
  { "Battle-No change of territory", SITMAP_CATEGORY_BATTLE },
  { "Battle-Government regains territory", SITMAP_CATEGORY_BATTLE },
  { "Battle-Non-state actor overtakes territory", SITMAP_CATEGORY_BATTLE },
  { "Battle", SITMAP_CATEGORY_BATTLE },
  { "Remote violence", SITMAP_CATEGORY_REMOTE_VIOLENCE },
  { "Violence against civilians", SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS },
  { "Protest", SITMAP_CATEGORY_PROTEST },
  { "Riot", SITMAP_CATEGORY_RIOT },
  { "Non-violent transfer of territory", SITMAP_CATEGORY_STRATEGIC },
  { "Headquarters or base established", SITMAP_CATEGORY_STRATEGIC },
  { "Non-violent activity by a conflict actor", SITMAP_CATEGORY_STRATEGIC },
  { "Strategic development", SITMAP_CATEGORY_STRATEGIC },
};

SitmapCategory
sitmap_csv_acled_category (const char *event_type, const char *inter1, const char *actor1)
{
  if (event_type == NULL)
    return SITMAP_CATEGORY_OTHER;
  for (guint i = 0; i < G_N_ELEMENTS (event_types); i++)
    if (g_ascii_strcasecmp (event_type, event_types[i].event_type) == 0)
      return event_types[i].category;
  /* Before 2019 riots and protests were one type; the actor's type tells them apart. */
  if (g_ascii_strcasecmp (event_type, "Riots/Protests") == 0)
    {
      if (g_strcmp0 (inter1, "5") == 0 || (actor1 && g_str_has_prefix (actor1, "Rioters")))
        return SITMAP_CATEGORY_RIOT;
      return SITMAP_CATEGORY_PROTEST;
    }
  return SITMAP_CATEGORY_OTHER;
}

const char *
sitmap_csv_acled_event_type (SitmapCategory category)
{
  for (guint i = 0; i < 6; i++)
    if (event_types[i].category == category)
      return event_types[i].event_type;
  return NULL;
}

SitmapCategory
sitmap_csv_category_from_text (const char *text)
{
  SitmapCategory category;

  if (text == NULL || *text == '\0')
    return SITMAP_CATEGORY_OTHER;
  if (sitmap_category_from_id (text, &category))
    return category;
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    if (g_utf8_collate (text, sitmap_category_get_label (c)) == 0 ||
        g_ascii_strcasecmp (text, sitmap_category_to_id (c)) == 0)
      return c;
  return sitmap_csv_acled_category (text, NULL, NULL);
}

void
sitmap_csv_acled_time (gint64 day_start, guint time_precision, SitmapTime *time)
{
  gint64 year;
  guint month, day;

  sitmap_time_init_undated (time);
  switch (time_precision)
    {
    case 2:
      time->start = day_start - 3 * DAY_SECONDS;
      time->end = day_start + 4 * DAY_SECONDS;
      time->start_unit = time->end_unit = SITMAP_TIME_UNIT_DAY;
      time->precision = SITMAP_TIME_PRECISION_SPAN;
      break;
    case 3:
      sitmap_civil_from_days (day_start / DAY_SECONDS - (day_start % DAY_SECONDS < 0), &year, &month, &day);
      time->start = sitmap_time_from_civil (year, month, 1, 0, 0, 0);
      time->end = sitmap_time_add_months (time->start, 1);
      time->start_unit = SITMAP_TIME_UNIT_MONTH;
      time->precision = SITMAP_TIME_PRECISION_MONTH;
      break;
    case 1:
    default:
      time->start = day_start;
      time->end = day_start + DAY_SECONDS;
      time->start_unit = SITMAP_TIME_UNIT_DAY;
      time->precision = SITMAP_TIME_PRECISION_DAY;
      break;
    }
}

static gint64
floor_day (gint64 t)
{
  gint64 days = t / DAY_SECONDS;

  if (t % DAY_SECONDS < 0)
    days--;
  return days * DAY_SECONDS;
}

gboolean
sitmap_csv_acled_date_of (const SitmapTime *time, gint64 *day_start, guint *time_precision)
{
  gint64 year;
  guint month, day;

  g_return_val_if_fail (time != NULL, FALSE);

  switch (time->precision)
    {
    case SITMAP_TIME_PRECISION_DAY:
      *day_start = time->start;
      *time_precision = 1;
      return TRUE;
    case SITMAP_TIME_PRECISION_MONTH:
      /* ACLED codes a month on its middle */
      *day_start = time->start + 14 * DAY_SECONDS;
      *time_precision = 3;
      return TRUE;
    case SITMAP_TIME_PRECISION_SPAN:
      if (time->start != SITMAP_TIME_OPEN_START && time->end != SITMAP_TIME_OPEN_END &&
          time->start_unit == SITMAP_TIME_UNIT_DAY && time->end_unit == SITMAP_TIME_UNIT_DAY &&
          time->end - time->start == 7 * DAY_SECONDS)
        {
          *day_start = time->start + 3 * DAY_SECONDS;
          *time_precision = 2;
          return TRUE;
        }
      if (time->start == SITMAP_TIME_OPEN_START && time->end == SITMAP_TIME_OPEN_END)
        return FALSE;
      /* The middle of a closed span, its known end of an open one; an open span's length is unknown (and
       * end - start would overflow), so it is no week. */
      *time_precision = 3;
      if (time->start == SITMAP_TIME_OPEN_START)
        *day_start = floor_day (time->end - 1);
      else if (time->end == SITMAP_TIME_OPEN_END)
        *day_start = floor_day (time->start);
      else
        {
          *day_start = floor_day (time->start + (time->end - time->start) / 2);
          *time_precision = time->end - time->start <= 8 * DAY_SECONDS ? 2 : 3;
        }
      return FALSE;
    case SITMAP_TIME_PRECISION_YEAR:
      sitmap_civil_from_days (time->start / DAY_SECONDS, &year, &month, &day);
      *day_start = sitmap_time_from_civil (year, 7, 1, 0, 0, 0);
      *time_precision = 3;
      return FALSE;
    case SITMAP_TIME_PRECISION_EXACT:
      *day_start = floor_day (time->start);
      *time_precision = 1;
      return FALSE;
    case SITMAP_TIME_PRECISION_NONE:
    default:
      return FALSE;
    }
}

SitmapLocationPrecision
sitmap_csv_acled_location_precision (guint geo_precision)
{
  switch (geo_precision)
    {
    case 1: return SITMAP_LOCATION_PRECISION_TOWN;
    case 2: return SITMAP_LOCATION_PRECISION_NEAR_TOWN;
    case 3: return SITMAP_LOCATION_PRECISION_REGION;
    default: return SITMAP_LOCATION_PRECISION_NONE;
    }
}

guint
sitmap_csv_acled_geo_precision (SitmapLocationPrecision precision)
{
  switch (precision)
    {
    case SITMAP_LOCATION_PRECISION_EXACT:
    case SITMAP_LOCATION_PRECISION_TOWN:
      return 1;
    case SITMAP_LOCATION_PRECISION_NEAR_TOWN:
      return 2;
    case SITMAP_LOCATION_PRECISION_REGION:
    case SITMAP_LOCATION_PRECISION_COUNTRY:
      return 3;
    case SITMAP_LOCATION_PRECISION_NONE:
    default:
      return 0;
    }
}

char *
sitmap_csv_acled_title (const char *sub_event_type, const char *event_type, const char *location)
{
  const char *what = sub_event_type && *sub_event_type ? sub_event_type : event_type;

  if (what == NULL || *what == '\0')
    return location && *location ? g_strdup (location) : NULL;
  if (location == NULL || *location == '\0')
    return g_strdup (what);
  /* TRANSLATORS: the title of an imported ACLED event: its type ("Armed clash", in English, as ACLED
   * writes it), then its place ("Darkosh") */
  return g_strdup_printf (_("%s in %s"), what, location);
}

void
sitmap_csv_split_list (const char *text, gsize length, GArray *parts)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      const char *separator = memchr (p, ';', end - p), *stop = separator ? separator : end, *a = p, *b = stop;

      while (a < b && g_ascii_isspace (*a))
        a++;
      while (b > a && g_ascii_isspace (b[-1]))
        b--;
      if (b > a)
        {
          guint32 part[2] = { (guint32) (a - text), (guint32) (b - a) };

          g_array_append_vals (parts, part, 2);
        }
      p = stop + 1;
    }
}
