/* sitmap-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-time"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-time.h"

#define SECONDS_PER_DAY 86400
/* Years beyond this are refused: no report needs them, and a written year has at most six digits. */
#define MAX_ABS_YEAR 999999

G_DEFINE_BOXED_TYPE (SitmapTime, sitmap_time, sitmap_time_copy, sitmap_time_free)

/*
 * Civil calendar
 */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's well-known algorithm). */
gint64
sitmap_days_from_civil (gint64 year, guint month, guint day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 mp = (month + 9) % 12;
  gint64 doy = (153 * mp + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
sitmap_civil_from_days (gint64 days, gint64 *year, guint *month, guint *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  guint d = (guint) (doy - (153 * mp + 2) / 5 + 1);
  guint m = (guint) (mp < 10 ? mp + 3 : mp - 9);

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
}

gint64
sitmap_time_from_civil (gint64 year, guint month, guint day, guint hour, guint minute, guint second)
{
  return sitmap_days_from_civil (year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
}

static gint64
floor_div (gint64 a, gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

gint64
sitmap_time_add_months (gint64 t, int months)
{
  gint64 days = floor_div (t, SECONDS_PER_DAY);
  gint64 seconds = t - days * SECONDS_PER_DAY;
  gint64 year, month_index;
  guint month, day;

  sitmap_civil_from_days (days, &year, &month, &day);
  month_index = year * 12 + (month - 1) + months;
  year = floor_div (month_index, 12);
  month = (guint) (month_index - year * 12) + 1;
  return sitmap_days_from_civil (year, month, day) * SECONDS_PER_DAY + seconds;
}

static guint
days_in_month (gint64 year, guint month)
{
  return (guint) (sitmap_days_from_civil (month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
                  sitmap_days_from_civil (year, month, 1));
}

/*
 * Parsing
 */

static gboolean
parse_digits (const char **p, guint n_digits, gint64 *out)
{
  gint64 value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n_digits;
  *out = value;
  return TRUE;
}

static gboolean
invalid_date (GError **error, const char *text, const char *why)
{
  g_autofree char *quoted = sitmap_quote_text (text);

  g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
               _("“%s” is not a date Sitmap understands (%s)"), quoted, why);
  return FALSE;
}

/* Parses "±hh:mm" or "Z" at *p into seconds east of UTC. */
static gboolean
parse_offset (const char **p, gint64 *offset)
{
  gint64 hours, minutes;
  int sign;

  if (**p == 'Z')
    {
      (*p)++;
      *offset = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!parse_digits (p, 2, &hours) || **p != ':')
    return FALSE;
  (*p)++;
  if (!parse_digits (p, 2, &minutes) || hours > 14 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* Whether a date, a month or a year ends at p: XSD allows a time zone after each. It names the zone the
 * calendar date is in; Sitmap keeps the date as written. */
static gboolean
ends_date (const char *p)
{
  gint64 offset;

  return *p == '\0' || (parse_offset (&p, &offset) && *p == '\0');
}

/* Four to six digits, perhaps negative: no more than MAX_ABS_YEAR. */
static gboolean
parse_year (const char **p, gint64 *year)
{
  gboolean negative = FALSE;
  guint n = 0;

  if (**p == '-')
    {
      negative = TRUE;
      (*p)++;
    }
  while (g_ascii_isdigit ((*p)[n]))
    n++;
  if (n < 4 || n > 6 || !parse_digits (p, n, year))
    return FALSE;
  if (negative)
    *year = -*year;
  return TRUE;
}

/* What is wrong with a time of day: its forms, and one example of them, called so. */
static const char *
bad_clock (void)
{
  return _("the time of day is hours and minutes, with seconds if known, after a T: for example "
           "2024-12-10T05:30:00Z");
}

/* "hh:mm[:ss][.fff][zone]" at p, the date's midnight being day_start: the moment in UTC. */
static gboolean
parse_clock (const char *p, const char *text, gint64 day_start, gint64 *moment, GError **error)
{
  gint64 hour = 0, minute = 0, second = 0, offset = 0;

  if (!parse_digits (&p, 2, &hour) || *p++ != ':' || !parse_digits (&p, 2, &minute))
    return invalid_date (error, text, bad_clock ());
  if (*p == ':' && (p++, !parse_digits (&p, 2, &second)))
    return invalid_date (error, text, bad_clock ());
  /* Fractions of a second are accepted and dropped: no report is that exact. */
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return invalid_date (error, text, _("the fraction of a second has no digits"));
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second)))
    return invalid_date (error, text, _("the time of day is out of range"));
  if (*p != '\0' && !parse_offset (&p, &offset))
    return invalid_date (error, text, _("the time zone must be Z or ±hh:mm"));
  if (*p != '\0')
    return invalid_date (error, text, _("there is text after the date"));
  /* A leap second (:60) is folded onto the next second rather than refused. */
  *moment = day_start + hour * 3600 + minute * 60 + second - offset;
  return TRUE;
}

/* The calendar part, "YYYY[-MM[-DD]]", and the clock after a 'T'. */
static gboolean
parse_date (const char *p, const char *text, gint64 *start, gint64 *end, SitmapTimeUnit *unit, GError **error)
{
  gint64 year, month, day;

  if (!parse_year (&p, &year))
    return invalid_date (error, text,
                         _("it does not begin with a year of four to six digits: dates are written year first, "
                           "for example 2024-12-10"));
  if (ends_date (p))
    {
      *unit = SITMAP_TIME_UNIT_YEAR;
      *start = sitmap_time_from_civil (year, 1, 1, 0, 0, 0);
      *end = sitmap_time_from_civil (year + 1, 1, 1, 0, 0, 0);
      return TRUE;
    }
  if (*p++ != '-' || !parse_digits (&p, 2, &month) || month < 1 || month > 12)
    return invalid_date (error, text, _("the month must be 01 to 12"));
  if (ends_date (p))
    {
      *unit = SITMAP_TIME_UNIT_MONTH;
      *start = sitmap_time_from_civil (year, month, 1, 0, 0, 0);
      *end = sitmap_time_add_months (*start, 1);
      return TRUE;
    }
  if (*p++ != '-' || !parse_digits (&p, 2, &day) || day < 1 || day > days_in_month (year, month))
    return invalid_date (error, text, _("there is no such day in that month"));
  *start = sitmap_time_from_civil (year, month, day, 0, 0, 0);
  if (ends_date (p))
    {
      *unit = SITMAP_TIME_UNIT_DAY;
      *end = *start + SECONDS_PER_DAY;
      return TRUE;
    }
  if (*p++ != 'T')
    return invalid_date (error, text, bad_clock ());
  *unit = SITMAP_TIME_UNIT_SECOND;
  if (!parse_clock (p, text, *start, start, error))
    return FALSE;
  *end = *start + 1;
  return TRUE;
}

gboolean
sitmap_time_parse_bound (const char     *text,
                         gint64         *start,
                         gint64         *end,
                         SitmapTimeUnit *unit,
                         GError        **error)
{
  g_autofree char *stripped = NULL;
  gint64 s, e;
  SitmapTimeUnit u;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL && unit != NULL, FALSE);

  /* A copy only when there is white space to strip: files hold millions of dates, almost none padded. */
  if (g_ascii_isspace (text[0]) || (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1])))
    text = stripped = g_strstrip (g_strdup (text));
  if (*text == '\0')
    return invalid_date (error, text, _("it is empty"));
  if (!parse_date (text, text, &s, &e, &u, error))
    return FALSE;
  /* A zone or midnight written as 24:00 can carry a moment into a year that cannot be written back. */
  if (s < sitmap_time_from_civil (-MAX_ABS_YEAR, 1, 1, 0, 0, 0) ||
      e > sitmap_time_from_civil (MAX_ABS_YEAR + 1, 1, 1, 0, 0, 0))
    return invalid_date (error, text, _("the moment is outside the years −999999…999999"));
  *start = s;
  *end = e;
  *unit = u;
  return TRUE;
}

static SitmapTimePrecision
precision_of_unit (SitmapTimeUnit unit)
{
  switch (unit)
    {
    case SITMAP_TIME_UNIT_SECOND: return SITMAP_TIME_PRECISION_EXACT;
    case SITMAP_TIME_UNIT_DAY: return SITMAP_TIME_PRECISION_DAY;
    case SITMAP_TIME_UNIT_MONTH: return SITMAP_TIME_PRECISION_MONTH;
    case SITMAP_TIME_UNIT_YEAR: return SITMAP_TIME_PRECISION_YEAR;
    case SITMAP_TIME_UNIT_NONE:
    default: return SITMAP_TIME_PRECISION_NONE;
    }
}

void
sitmap_time_init_undated (SitmapTime *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->start = SITMAP_TIME_OPEN_END;
  self->end = SITMAP_TIME_OPEN_END;
  self->precision = SITMAP_TIME_PRECISION_NONE;
}

gboolean
sitmap_time_init_instant (SitmapTime *self, const char *text, GError **error)
{
  SitmapTimeUnit unit;
  gint64 start, end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!sitmap_time_parse_bound (text, &start, &end, &unit, error))
    return FALSE;
  sitmap_time_init_undated (self);
  self->start = start;
  self->end = end;
  self->start_unit = unit;
  self->precision = precision_of_unit (unit);
  return TRUE;
}

/* A span covers from the first instant of its begin to the last of its end: <begin>2024-12-07</begin>
 * <end>2024-12-08</end> is the whole weekend. Either bound may be NULL (open). */
gboolean
sitmap_time_init_span (SitmapTime *self, const char *begin, const char *end, GError **error)
{
  SitmapTimeUnit begin_unit = SITMAP_TIME_UNIT_NONE, end_unit = SITMAP_TIME_UNIT_NONE;
  gint64 begin_start = SITMAP_TIME_OPEN_START, end_end = SITMAP_TIME_OPEN_END, ignored;

  g_return_val_if_fail (self != NULL, FALSE);

  if (begin != NULL && !sitmap_time_parse_bound (begin, &begin_start, &ignored, &begin_unit, error))
    return FALSE;
  if (end != NULL && !sitmap_time_parse_bound (end, &ignored, &end_end, &end_unit, error))
    return FALSE;
  if (begin == NULL && end == NULL)
    {
      sitmap_time_init_undated (self);
      return TRUE;
    }
  if (end_end <= begin_start)
    {
      g_autofree char *quoted_begin = sitmap_quote_text (begin);
      g_autofree char *quoted_end = sitmap_quote_text (end);

      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                   _("the span ends (%s) before it begins (%s)"), quoted_end, quoted_begin);
      return FALSE;
    }

  sitmap_time_init_undated (self);
  self->start = begin_start;
  self->end = end_end;
  self->start_unit = begin_unit;
  self->end_unit = end_unit;
  self->precision = SITMAP_TIME_PRECISION_SPAN;
  return TRUE;
}

/*
 * Formatting
 */

char *
sitmap_time_format_bound (gint64 t, SitmapTimeUnit unit)
{
  gint64 days = floor_div (t, SECONDS_PER_DAY);
  gint64 seconds = t - days * SECONDS_PER_DAY;
  gint64 year;
  guint month, day;
  /* XSD writes years before 1000 with four digits and negative years with a sign */
  const char *sign;

  sitmap_civil_from_days (days, &year, &month, &day);
  sign = year < 0 ? "-" : "";
  year = ABS (year);
  switch (unit)
    {
    case SITMAP_TIME_UNIT_YEAR:
      return g_strdup_printf ("%s%04" G_GINT64_FORMAT, sign, year);
    case SITMAP_TIME_UNIT_MONTH:
      return g_strdup_printf ("%s%04" G_GINT64_FORMAT "-%02u", sign, year, month);
    case SITMAP_TIME_UNIT_DAY:
      return g_strdup_printf ("%s%04" G_GINT64_FORMAT "-%02u-%02u", sign, year, month, day);
    case SITMAP_TIME_UNIT_SECOND:
      return g_strdup_printf ("%s%04" G_GINT64_FORMAT "-%02u-%02uT%02d:%02d:%02dZ", sign, year, month, day,
                              (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
    case SITMAP_TIME_UNIT_NONE:
    default:
      return NULL;
    }
}

char *
sitmap_time_format_begin (const SitmapTime *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->precision == SITMAP_TIME_PRECISION_NONE || self->start == SITMAP_TIME_OPEN_START)
    return NULL;
  return sitmap_time_format_bound (self->start, self->start_unit);
}

/* The written end names the last unit the span covers, so step back one second into it. */
char *
sitmap_time_format_end (const SitmapTime *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->precision != SITMAP_TIME_PRECISION_SPAN || self->end == SITMAP_TIME_OPEN_END)
    return NULL;
  return sitmap_time_format_bound (self->end - 1, self->end_unit);
}

static char *
format_civil (gint64 t, SitmapTimeUnit unit)
{
  gint64 days = floor_div (t, SECONDS_PER_DAY);
  g_autoptr (GDateTime) dt = NULL;
  gint64 year;
  guint month, day;

  sitmap_civil_from_days (days, &year, &month, &day);
  if (year >= 1 && year <= 9999)
    dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return sitmap_time_format_bound (t, unit);

  switch (unit)
    {
    case SITMAP_TIME_UNIT_YEAR:
      return g_date_time_format (dt, "%Y");
    case SITMAP_TIME_UNIT_MONTH:
      /* TRANSLATORS: a month and year, as in "March 2019"; see strftime(3), %OB is the standalone month name */
      return g_date_time_format (dt, C_("time", "%OB %Y"));
    case SITMAP_TIME_UNIT_DAY:
      /* TRANSLATORS: a full date, as in "10 December 2024"; see strftime(3) */
      return g_date_time_format (dt, C_("time", "%-d %B %Y"));
    case SITMAP_TIME_UNIT_SECOND:
      /* TRANSLATORS: a date and time of day in UTC, as in "10 December 2024, 14:05 UTC"; see strftime(3) */
      return g_date_time_format (dt, C_("time", "%-d %B %Y, %H:%M UTC"));
    case SITMAP_TIME_UNIT_NONE:
    default:
      return NULL;
    }
}

char *
sitmap_time_describe (const SitmapTime *self)
{
  g_autofree char *begin = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  switch ((SitmapTimePrecision) self->precision)
    {
    case SITMAP_TIME_PRECISION_NONE:
      return g_strdup (_("undated"));
    case SITMAP_TIME_PRECISION_EXACT:
    case SITMAP_TIME_PRECISION_DAY:
      begin = format_civil (self->start, self->start_unit);
      /* TRANSLATORS: %s is a date such as "10 December 2024" */
      return g_strdup_printf (_("on %s"), begin);
    case SITMAP_TIME_PRECISION_MONTH:
    case SITMAP_TIME_PRECISION_YEAR:
      begin = format_civil (self->start, self->start_unit);
      /* TRANSLATORS: %s is a month or a year: "March 2019", "2011" */
      return g_strdup_printf (_("in %s"), begin);
    case SITMAP_TIME_PRECISION_SPAN:
    default:
      if (self->start != SITMAP_TIME_OPEN_START)
        begin = format_civil (self->start, self->start_unit);
      if (self->end != SITMAP_TIME_OPEN_END)
        end = format_civil (self->end - 1, self->end_unit);
      if (begin && end)
        /* TRANSLATORS: a span of time, "from 7 December 2024 to 8 December 2024" */
        return g_strdup_printf (_("from %s to %s"), begin, end);
      if (begin)
        /* TRANSLATORS: an open-ended span, "since March 2019" */
        return g_strdup_printf (_("since %s"), begin);
      /* TRANSLATORS: a span with no known beginning, "until 8 December 2024" */
      return g_strdup_printf (_("until %s"), end);
    }
}

const char *
sitmap_time_precision_to_string (SitmapTimePrecision precision)
{
  switch (precision)
    {
    case SITMAP_TIME_PRECISION_EXACT: return _("exact time");
    case SITMAP_TIME_PRECISION_DAY: return _("known to the day");
    case SITMAP_TIME_PRECISION_MONTH: return _("known only to the month");
    case SITMAP_TIME_PRECISION_YEAR: return _("known only to the year");
    case SITMAP_TIME_PRECISION_SPAN: return _("a span of time");
    case SITMAP_TIME_PRECISION_NONE:
    default: return _("no date");
    }
}

/*
 * Comparisons
 */

gboolean
sitmap_time_is_dated (const SitmapTime *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->precision != SITMAP_TIME_PRECISION_NONE;
}

gboolean
sitmap_time_overlaps (const SitmapTime *self, gint64 start, gint64 end)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return sitmap_time_is_dated (self) && self->start < end && self->end > start;
}

gboolean
sitmap_time_within (const SitmapTime *self, gint64 start, gint64 end)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return sitmap_time_is_dated (self) && self->start >= start && self->end <= end;
}

SitmapTime *
sitmap_time_copy (const SitmapTime *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

void
sitmap_time_free (SitmapTime *self)
{
  g_free (self);
}

/*
 * Quoting in messages
 */

/* Characters that would change what a message says rather than be part of it: controls and line breaks
 * (which start a line of their own), and format characters such as bidi overrides (U+202E turns the rest of
 * a line around: "gnp.exe" is shown "exe.png") and zero-width ones. */
static gboolean
must_escape (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
      return TRUE;
    default:
      return c == '\\';
    }
}

/* How an escaped character is shown: \n, \r, \t, \\ (so that a backslash in the text is not taken for an
 * escape), else \u{202E}. */
static void
append_escape (GString *out, gunichar c)
{
  switch (c)
    {
    case '\n': g_string_append (out, "\\n"); break;
    case '\r': g_string_append (out, "\\r"); break;
    case '\t': g_string_append (out, "\\t"); break;
    case '\\': g_string_append (out, "\\\\"); break;
    default: g_string_append_printf (out, "\\u{%04X}", c); break;
    }
}

char *
sitmap_quote_text_max (const char *text, guint max_chars)
{
  g_autofree char *valid = NULL;
  gsize limit = ((gsize) max_chars + 1) * 4, length = 0;
  GString *out;
  guint n_chars = 0;

  g_return_val_if_fail (text != NULL, NULL);

  /* Enough bytes for max_chars + 1 characters, whatever their width: a text may be megabytes long. */
  while (length < limit && text[length] != '\0')
    length++;
  valid = g_utf8_make_valid (text, length);
  out = g_string_sized_new (length + 8);
  /* An escape counts for the characters it is shown with: the message stays as short as promised. */
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize before = out->len;
      guint width;

      if (must_escape (c))
        append_escape (out, c);
      else
        g_string_append_unichar (out, c);
      width = g_utf8_strlen (out->str + before, out->len - before);
      if (n_chars + width > max_chars)
        {
          g_string_truncate (out, before);
          g_string_append (out, "…");
          break;
        }
      n_chars += width;
    }
  return g_string_free (out, FALSE);
}

char *
sitmap_text_cut (const char *text, guint max_chars)
{
  g_autofree char *valid = NULL;
  gsize limit = ((gsize) max_chars + 1) * 4, length = 0;
  const char *cut;

  g_return_val_if_fail (text != NULL, NULL);

  /* Enough bytes for max_chars + 1 characters, whatever their width: a text may be megabytes long. */
  while (length < limit && text[length] != '\0')
    length++;
  valid = g_utf8_make_valid (text, length);
  if (g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);
  cut = g_utf8_offset_to_pointer (valid, max_chars);
  return g_strdup_printf ("%.*s…", (int) (cut - valid), valid);
}

char *
sitmap_text_cut_paragraph (const char *text)
{
  g_autofree char *cut = NULL;
  guint run = 0;

  g_return_val_if_fail (text != NULL, NULL);

  cut = sitmap_text_cut (text, SITMAP_PARAGRAPH_MAX_CHARS);
  for (const char *p = cut; *p != '\0'; p = g_utf8_next_char (p))
    {
      run = g_unichar_isspace (g_utf8_get_char (p)) ? 0 : run + 1;
      if (run > SITMAP_LABEL_MAX_CHARS)
        return g_strdup_printf ("%.*s…", (int) (p - cut), cut);
    }
  return g_steal_pointer (&cut);
}

char *
sitmap_quote_text (const char *text)
{
  return sitmap_quote_text_max (text, SITMAP_QUOTE_MAX_CHARS);
}
