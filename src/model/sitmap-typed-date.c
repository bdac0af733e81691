/* sitmap-typed-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-time-axis"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-time.h"
#include "sitmap-typed-date.h"

/* Longer leftovers are cut in the message: it names them, it does not repeat a paragraph. */
#define MAX_QUOTED_CHARS 16

/*
 * Auxiliary methods
 */

static guint
count_digits (const char *p)
{
  guint n = 0;

  while (g_ascii_isdigit (p[n]))
    n++;
  return n;
}

/* The value of n digits at p; more than nine are no date part anyway. */
static gint64
digits_value (const char *p, guint n)
{
  gint64 value = 0;

  for (guint i = 0; i < MIN (n, 9); i++)
    value = value * 10 + (p[i] - '0');
  return n > 9 ? G_MAXINT32 : value;
}

static char *
generic (void)
{
  return g_strdup (_("Type a date like 2024-12-10, 2024-12 or 2024"));
}

static char *
remove_rest (const char *rest)
{
  g_autofree char *quoted = NULL;

  if (g_utf8_strlen (rest, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *start = g_utf8_substring (rest, 0, MAX_QUOTED_CHARS);

      quoted = g_strconcat (start, "…", NULL);
    }
  else
    quoted = g_strdup (rest);
  /* TRANSLATORS: under a date that has more after it than Sitmap reads, “ at noon” */
  return g_strdup_printf (_("Remove “%s” after the date"), quoted);
}

/* "February 2023", for a month that has no such day. */
static char *
format_month (gint64 year, guint month)
{
  g_autoptr (GDateTime) first = NULL;

  if (year >= 1 && year <= 9999)
    first = g_date_time_new_utc ((int) year, (int) month, 1, 0, 0, 0);
  if (first == NULL)
    return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02u", year, month);
  /* TRANSLATORS: a month and its year, "February 2023"; see strftime(3), %OB is the standalone month name */
  return g_date_time_format (first, C_("typed date", "%OB %Y"));
}

static guint
days_in_month (gint64 year, guint month)
{
  return (guint) (sitmap_days_from_civil (month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
                  sitmap_days_from_civil (year, month, 1));
}

static gboolean
is_zone (const char *p)
{
  if (*p == 'Z')
    return p[1] == '\0';
  return (*p == '+' || *p == '-') && count_digits (p + 1) == 2 && p[3] == ':' && count_digits (p + 4) == 2 &&
         p[6] == '\0' && digits_value (p + 1, 2) <= 14 && digits_value (p + 4, 2) <= 59;
}

static char *
explain_zone (const char *p)
{
  if (is_zone (p))
    return NULL;
  return g_strdup (_("Write a time zone as Z or +03:00"));
}

/*
 * ISO 8601: 2024, 2024-12, 2024-12-10, 2024-12-10T05:30[:15][.5][Z|+03:00]
 */

static char *
explain_clock (const char *p)
{
  const char *write_time = _("Write a time as 2024-12-10T05:30");
  const char *hour = p, *minute = p + 3, *second = NULL;
  guint n;

  if (count_digits (p) != 2 || p[2] != ':' || count_digits (p + 3) != 2)
    return g_strdup (write_time);
  p += 5;
  if (*p == ':')
    {
      if (count_digits (p + 1) != 2)
        return g_strdup (write_time);
      second = p + 1;
      p += 3;
    }
  /* 24:00 is the end of the day; nothing later in that hour is. */
  if (digits_value (hour, 2) > 24 ||
      (digits_value (hour, 2) == 24 && (digits_value (minute, 2) > 0 || (second && digits_value (second, 2) > 0))))
    {
      g_autofree char *digits = g_strndup (hour, 2);

      /* TRANSLATORS: under a typed time, "There is no hour 25" */
      return g_strdup_printf (_("There is no hour %s"), digits);
    }
  if (digits_value (minute, 2) > 59)
    {
      g_autofree char *digits = g_strndup (minute, 2);

      /* TRANSLATORS: under a typed time, "There is no minute 75" */
      return g_strdup_printf (_("There is no minute %s"), digits);
    }
  if (second != NULL && digits_value (second, 2) > 60)
    {
      g_autofree char *digits = g_strndup (second, 2);

      /* TRANSLATORS: under a typed time, "There is no second 61" */
      return g_strdup_printf (_("There is no second %s"), digits);
    }
  if (*p == '.')
    {
      n = count_digits (p + 1);
      if (n == 0)
        return g_strdup (_("Write a fraction of a second as 05:30:15.5"));
      p += 1 + n;
    }
  if (*p == '\0')
    return NULL;
  if (*p == 'Z' || *p == '+' || *p == '-')
    return explain_zone (p);
  return remove_rest (p);
}

static char *
explain_day (const char *p, gint64 year, guint month)
{
  guint n = count_digits (p);
  gint64 day;

  if (n == 0)
    return g_strdup (_("Type the day after the month, as in 2024-12-10"));
  day = digits_value (p, n);
  if (day < 1 || day > days_in_month (year, month))
    {
      g_autofree char *name = format_month (year, month);
      g_autofree char *digits = g_strndup (p, n);

      /* TRANSLATORS: under a typed date, "February 2023 has no day 29" */
      return g_strdup_printf (_("%s has no day %s"), name, digits);
    }
  if (n != 2)
    return g_strdup (_("Write the day with two digits, as in 2024-12-05"));
  p += 2;
  if (*p == '\0')
    return NULL;
  if (*p == ' ' || *p == 't')
    return g_strdup (_("Put a T between the day and the time, as in 2024-12-10T05:30"));
  if (*p == 'Z' || *p == '+' || *p == '-')
    return explain_zone (p);
  if (*p != 'T')
    return remove_rest (p);
  return explain_clock (p + 1);
}

static char *
explain_iso (const char *text)
{
  const char *p = text + (*text == '-');
  guint n = count_digits (p);
  gint64 year, month;

  if (n < 4)
    return g_strdup (_("Write the year with four digits, as in 2024-12-10"));
  if (n > 6)
    return g_strdup (_("A year has at most six digits"));
  year = digits_value (p, n) * (*text == '-' ? -1 : 1);
  p += n;
  if (*p == '\0')
    return NULL;
  if (*p == 'Z' || *p == '+')
    return explain_zone (p);
  if (*p != '-')
    return remove_rest (p);
  p++;
  n = count_digits (p);
  if (n == 0)
    return *p == '\0' ? g_strdup (_("Type the month after the year, as in 2024-12")) : remove_rest (p - 1);
  month = digits_value (p, n);
  if (month < 1 || month > 12)
    {
      g_autofree char *digits = g_strndup (p, n);

      /* TRANSLATORS: under a typed date, "There is no month 13" */
      return g_strdup_printf (_("There is no month %s"), digits);
    }
  if (n != 2)
    return g_strdup (_("Write the month with two digits, as in 2024-03"));
  p += 2;
  if (*p == '\0')
    return NULL;
  if (*p == 'T')
    return g_strdup (_("Put the day before the time, as in 2024-12-10T05:30"));
  if (*p == 'Z' || *p == '+')
    return explain_zone (p);
  if (*p != '-')
    return remove_rest (p);
  return explain_day (p + 1, year, (guint) month);
}

/* Starts as ISO does: a year of digits, perhaps negative, then a dash, a T, or nothing. */
static gboolean
looks_iso (const char *text)
{
  const char *p = text + (*text == '-');
  guint n = count_digits (p);

  return n > 0 && (p[n] == '\0' || p[n] == '-' || p[n] == 'T');
}

/*
 * The locale's short form: 12/10/2024, 10.12.2024, 10 Dec 2024
 */

typedef struct
{
  guint n_numbers;
  guint longest; /* digits in the longest number */
  guint n_words; /* runs of letters: a month's name, or words that are no date */
} Parts;

static void
count_parts (const char *text, Parts *parts)
{
  memset (parts, 0, sizeof *parts);
  for (const char *p = text; *p != '\0';)
    {
      guint n = count_digits (p);

      if (n > 0)
        {
          parts->n_numbers++;
          parts->longest = MAX (parts->longest, n);
          p += n;
          continue;
        }
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        {
          parts->n_words++;
          while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          continue;
        }
      p = g_utf8_next_char (p);
    }
}

static char *
explain_short_form (const char *text)
{
  Parts parts;

  count_parts (text, &parts);
  if (parts.n_numbers == 0 || parts.n_numbers + parts.n_words >= 3)
    return generic ();
  /* "December 2024", "12/2024": a month */
  if (parts.longest >= 4)
    return g_strdup (_("Type a month as 2024-12, or a day as 2024-12-10"));
  /* "Dec 10", "12/10": a day with no year */
  return g_strdup (_("Add the year, as in 2024-12-10"));
}

/*
 * Public API
 */

gboolean
sitmap_typed_date_names_day (const char *text)
{
  Parts parts;

  g_return_val_if_fail (text != NULL, FALSE);

  count_parts (text, &parts);
  return (parts.n_numbers == 3 && parts.n_words == 0) || (parts.n_numbers == 2 && parts.n_words == 1);
}

char *
sitmap_typed_date_explain (const char *text)
{
  g_autofree char *stripped = NULL;
  char *why = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return g_strdup (_("Type a date, such as 2024-12-10"));
  if (looks_iso (stripped))
    why = explain_iso (stripped);
  else
    why = explain_short_form (stripped);
  return why != NULL ? why : generic ();
}
