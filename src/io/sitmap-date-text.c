/* sitmap-date-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-date-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-date-text.h"
#include "sitmap-error.h"
#include "sitmap-time.h"

/* Longer text is no date: it is refused without being looked at further. */
#define MAX_DATE_CHARS 64

/*
 * RFC 822 and its successors
 */

typedef struct
{
  const char *p;
} Cursor;

static void
skip_spaces (Cursor *c)
{
  while (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n')
    c->p++;
}

/* Up to max_digits digits, at least min_digits */
static gboolean
read_number (Cursor *c, guint min_digits, guint max_digits, guint *value)
{
  guint n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit (c->p[n]))
    {
      *value = *value * 10 + (c->p[n] - '0');
      n++;
    }
  if (n < min_digits || g_ascii_isdigit (c->p[n]))
    return FALSE;
  c->p += n;
  return TRUE;
}

/* A word of ASCII letters, into word (at most size - 1 of them). */
static gboolean
read_word (Cursor *c, char *word, gsize size)
{
  gsize n = 0;

  while (g_ascii_isalpha (c->p[n]))
    {
      if (n + 1 >= size)
        return FALSE;
      word[n] = g_ascii_tolower (c->p[n]);
      n++;
    }
  word[n] = '\0';
  c->p += n;
  return n > 0;
}

static guint
month_from_name (const char *word)
{
  static const char *const months[] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  };

  /* "Sep", "Sept" and "September" alike */
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strlen (word) >= 3 && g_str_has_prefix (months[i], word))
      return i + 1;
  return 0;
}

/* Minutes east of UTC for a zone name; FALSE when unknown. */
static gboolean
zone_from_name (const char *word, int *minutes)
{
  static const struct
  {
    const char *name;
    int         hours;
  } zones[] = {
    { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
    { "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
    { "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (strcmp (word, zones[i].name) == 0)
      {
        *minutes = zones[i].hours * 60;
        return TRUE;
      }
  /* RFC 2822 §4.3: the other military letters were defined with the wrong sign and mean an unknown zone. */
  if (strlen (word) == 1)
    {
      *minutes = 0;
      return TRUE;
    }
  return FALSE;
}

/* "+hhmm", "-hhmm", or "+hh:mm" */
static gboolean
read_numeric_zone (Cursor *c, int *minutes)
{
  int sign = *c->p == '-' ? -1 : 1;
  const char *p = c->p + 1;
  guint hours, mins;

  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  hours = (p[0] - '0') * 10 + (p[1] - '0');
  p += 2;
  if (*p == ':')
    p++;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || g_ascii_isdigit (p[2]))
    return FALSE;
  mins = (p[0] - '0') * 10 + (p[1] - '0');
  c->p = p + 2;
  if (hours > 23 || mins > 59)
    return FALSE;
  *minutes = sign * (int) (hours * 60 + mins);
  return TRUE;
}

static gboolean
read_zone (Cursor *c, int *minutes)
{
  char word[8];

  skip_spaces (c);
  *minutes = 0;
  if (*c->p == '\0')
    return TRUE; /* no zone at all: careless feeds; read as UTC */
  if (*c->p == '+' || *c->p == '-')
    return read_numeric_zone (c, minutes);
  if (!read_word (c, word, sizeof word) || !zone_from_name (word, minutes))
    return FALSE;
  /* "GMT+0200" */
  if (*c->p == '+' || *c->p == '-')
    {
      int extra;

      if (!read_numeric_zone (c, &extra))
        return FALSE;
      *minutes += extra;
    }
  return TRUE;
}

/* [weekday ","] day month year hh:mm[:ss] [zone] */
static char *
normalize_rfc822 (const char *text, GError **error)
{
  Cursor c = { text };
  char word[16];
  guint day, month, year, hour, minute, second = 0;
  int zone;

  skip_spaces (&c);
  if (g_ascii_isalpha (*c.p))
    {
      if (!read_word (&c, word, sizeof word))
        return NULL;
      skip_spaces (&c);
      if (*c.p == ',')
        c.p++;
      skip_spaces (&c);
    }
  if (!read_number (&c, 1, 2, &day))
    return NULL;
  skip_spaces (&c);
  if (*c.p == '-')
    c.p++;
  if (!read_word (&c, word, sizeof word) || (month = month_from_name (word)) == 0)
    return NULL;
  skip_spaces (&c);
  if (*c.p == '-')
    c.p++;
  if (!read_number (&c, 2, 4, &year))
    return NULL;
  /* Two- and three-digit years, as RFC 2822 §4.3 reads them */
  if (year < 50)
    year += 2000;
  else if (year < 1000)
    year += 1900;
  skip_spaces (&c);
  if (!read_number (&c, 1, 2, &hour) || *c.p++ != ':' || !read_number (&c, 2, 2, &minute))
    return NULL;
  if (*c.p == ':')
    {
      c.p++;
      if (!read_number (&c, 2, 2, &second))
        return NULL;
    }
  if (!read_zone (&c, &zone))
    {
      sitmap_time_invalid_date (error, text, _("its time zone is unknown"));
      return NULL;
    }
  skip_spaces (&c);
  if (*c.p != '\0')
    {
      sitmap_time_invalid_date (error, text, _("there is text after the date"));
      return NULL;
    }
  return g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:%02u%c%02d:%02d", year, month, day, hour, minute, second,
                          zone < 0 ? '-' : '+', ABS (zone) / 60, ABS (zone) % 60);
}

/*
 * ISO 8601 and RFC 3339
 */

/* "2024/12/10" as "2024-12-10" (GDAL writes dates so) */
static void
fix_date_separators (GString *s)
{
  if (s->len >= 10 && s->str[4] == '/' && s->str[7] == '/')
    s->str[4] = s->str[7] = '-';
}

/* The zone of a moment written after its seconds (or minutes): "Z", "z", " UTC", "+0300", "+03", "+03:00". */
static gboolean
fix_zone (GString *s, gsize time_start)
{
  gsize i = time_start;
  gsize zone;

  while (i < s->len && (g_ascii_isdigit (s->str[i]) || s->str[i] == ':' || s->str[i] == '.'))
    i++;
  zone = i;
  if (zone < s->len && s->str[zone] == ' ')
    {
      g_string_erase (s, zone, 1);
      if (g_ascii_strcasecmp (s->str + zone, "UTC") == 0 || g_ascii_strcasecmp (s->str + zone, "GMT") == 0)
        {
          g_string_truncate (s, zone);
          g_string_append_c (s, 'Z');
          return TRUE;
        }
    }
  if (zone == s->len)
    return TRUE;
  if ((s->str[zone] == 'Z' || s->str[zone] == 'z') && zone + 1 == s->len)
    {
      s->str[zone] = 'Z';
      return TRUE;
    }
  if (s->str[zone] != '+' && s->str[zone] != '-')
    return FALSE;
  /* +hh → +hh:00, +hhmm → +hh:mm */
  if (s->len - zone == 3)
    g_string_append (s, ":00");
  else if (s->len - zone == 5 && g_ascii_isdigit (s->str[zone + 3]))
    g_string_insert_c (s, zone + 3, ':');
  return TRUE;
}

static char *
normalize_iso (const char *text)
{
  g_autoptr (GString) s = g_string_new (text);

  fix_date_separators (s);
  /* The time, after a space or a lower-case t: "2024-12-10 05:30" */
  if (s->len > 10 && (s->str[10] == ' ' || s->str[10] == 't'))
    s->str[10] = 'T';
  if (s->len > 10 && s->str[10] == 'T' && !fix_zone (s, 11))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
sitmap_date_text_normalize (const char *text, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *iso = NULL;
  gint64 start, end;
  SitmapTimeUnit unit;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > MAX_DATE_CHARS * 4)
    {
      sitmap_time_invalid_date (error, text, _("it is too long"));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      sitmap_time_invalid_date (error, text, _("it is empty"));
      return NULL;
    }
  /* ISO dates begin with their year; RFC 822 ones with a day or its name. */
  if (strspn (trimmed + (trimmed[0] == '-'), "0123456789") >= 4)
    iso = trimmed[0] == '-' ? g_strdup (trimmed) : normalize_iso (trimmed);
  else if (g_ascii_isalnum (trimmed[0]))
    {
      GError *rfc_error = NULL;

      iso = normalize_rfc822 (trimmed, &rfc_error);
      if (rfc_error != NULL)
        {
          g_propagate_error (error, rfc_error);
          return NULL;
        }
    }
  if (iso == NULL)
    {
      sitmap_time_invalid_date (error, trimmed, _("it is neither an ISO 8601 nor an RFC 822 date"));
      return NULL;
    }
  /* The calendar checks (31 April, hour 25) are the time parser's, in its words when it quotes the file's
   * own text; otherwise in ours, since the message must quote what the user can find in the file. */
  if (strcmp (iso, trimmed) == 0)
    return sitmap_time_parse_bound (iso, &start, &end, &unit, error) ? g_steal_pointer (&iso) : NULL;
  if (!sitmap_time_parse_bound (iso, &start, &end, &unit, NULL))
    {
      sitmap_time_invalid_date (error, trimmed, _("the day or the time of day is out of range"));
      return NULL;
    }
  return g_steal_pointer (&iso);
}
