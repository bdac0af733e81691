/* test-time.c: dates as reports write them, and the spans they cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <locale.h>

#include "sitmap-error.h"
#include "sitmap-time.h"

#define DAY 86400

static gint64
utc (int y, int m, int d)
{
  g_autoptr (GDateTime) dt = g_date_time_new_utc (y, m, d, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
test_civil_matches_gdatetime (void)
{
  /* Every day from 1600 to 2400 against GLib's own calendar */
  for (gint64 days = utc (1600, 1, 1) / DAY; days < utc (2400, 1, 1) / DAY; days += 7)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (days * DAY);
      gint64 year;
      guint month, day;

      sitmap_civil_from_days (days, &year, &month, &day);
      g_assert_cmpint (year, ==, g_date_time_get_year (dt));
      g_assert_cmpuint (month, ==, g_date_time_get_month (dt));
      g_assert_cmpuint (day, ==, g_date_time_get_day_of_month (dt));
      g_assert_cmpint (sitmap_days_from_civil (year, month, day), ==, days);
    }
}

static void
test_precision_from_written_form (void)
{
  SitmapTime t;
  g_autoptr (GError) error = NULL;

  g_assert_true (sitmap_time_init_instant (&t, "2011", &error));
  g_assert_no_error (error);
  g_assert_cmpint (t.precision, ==, SITMAP_TIME_PRECISION_YEAR);
  g_assert_cmpint (t.start, ==, utc (2011, 1, 1));
  g_assert_cmpint (t.end, ==, utc (2012, 1, 1));

  g_assert_true (sitmap_time_init_instant (&t, "2019-03", &error));
  g_assert_cmpint (t.precision, ==, SITMAP_TIME_PRECISION_MONTH);
  g_assert_cmpint (t.start, ==, utc (2019, 3, 1));
  g_assert_cmpint (t.end, ==, utc (2019, 4, 1));

  g_assert_true (sitmap_time_init_instant (&t, "2024-12-10", &error));
  g_assert_cmpint (t.precision, ==, SITMAP_TIME_PRECISION_DAY);
  g_assert_cmpint (t.start, ==, utc (2024, 12, 10));
  g_assert_cmpint (t.end, ==, utc (2024, 12, 11));

  g_assert_true (sitmap_time_init_instant (&t, "1997-07-16T10:30:15+03:00", &error));
  g_assert_cmpint (t.precision, ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (t.start, ==, utc (1997, 7, 16) + 7 * 3600 + 30 * 60 + 15);
  g_assert_cmpint (t.end, ==, t.start + 1);

  g_assert_true (sitmap_time_init_instant (&t, "  2007-01-14T21:05:02.250Z \n", &error));
  g_assert_cmpint (t.start, ==, utc (2007, 1, 14) + 21 * 3600 + 5 * 60 + 2);
}

static void
test_span_covers_whole_days (void)
{
  SitmapTime t;
  g_autoptr (GError) error = NULL;
  g_autofree char *begin = NULL;
  g_autofree char *end = NULL;

  g_assert_true (sitmap_time_init_span (&t, "2024-12-07", "2024-12-08", &error));
  g_assert_no_error (error);
  g_assert_cmpint (t.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (t.start, ==, utc (2024, 12, 7));
  g_assert_cmpint (t.end, ==, utc (2024, 12, 9));
  begin = sitmap_time_format_begin (&t);
  end = sitmap_time_format_end (&t);
  g_assert_cmpstr (begin, ==, "2024-12-07");
  g_assert_cmpstr (end, ==, "2024-12-08");

  /* Open spans reach the ends of time, so overlap needs no special case */
  g_assert_true (sitmap_time_init_span (&t, "2019", NULL, &error));
  g_assert_cmpint (t.end, ==, SITMAP_TIME_OPEN_END);
  g_assert_true (sitmap_time_overlaps (&t, utc (2030, 1, 1), utc (2030, 2, 1)));
  g_assert_false (sitmap_time_overlaps (&t, utc (2018, 1, 1), utc (2019, 1, 1)));
  g_assert_null (sitmap_time_format_end (&t));

  g_assert_false (sitmap_time_init_span (&t, "2024-12-08", "2024-12-07", &error));
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE);
}

static void
test_round_trip_forms (void)
{
  const char *forms[] = { "2011", "2019-03", "2024-12-10", "2024-12-10T05:30:00Z", "1969-07-20T20:17:40Z",
                          "0044-03-15", "-0500", "3000-01-01", "20000-06" };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      SitmapTime t;
      g_autoptr (GError) error = NULL;
      g_autofree char *written = NULL;

      g_assert_true (sitmap_time_init_instant (&t, forms[i], &error));
      g_assert_no_error (error);
      written = sitmap_time_format_begin (&t);
      g_assert_cmpstr (written, ==, forms[i]);
    }
}

static void
test_refuses_nonsense (void)
{
  const char *bad[] = { "", "yesterday", "2024-13", "2024-02-30", "2023-02-29", "24-12-10", "2024-12-10T25:00:00Z",
                        "2024-12-10T10:00:00+99:00", "2024-12-10 extra", "99999999999999999999",
                        "2024-12-10T10:00:00.Z", "2024-1-5" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      SitmapTime t;
      g_autoptr (GError) error = NULL;

      g_assert_false (sitmap_time_init_instant (&t, bad[i], &error));
      g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE);
    }
}

/* XSD allows a time zone on a date, a month and a year (L1); the calendar date written is kept. */
static void
test_dates_with_zone (void)
{
  const struct
  {
    const char         *text;
    SitmapTimePrecision precision;
    const char         *written;
  } cases[] = {
    { "2024-12-10+03:00", SITMAP_TIME_PRECISION_DAY, "2024-12-10" },
    { "2024-12-10-05:00", SITMAP_TIME_PRECISION_DAY, "2024-12-10" },
    { "2019-03Z", SITMAP_TIME_PRECISION_MONTH, "2019-03" },
    { "2024Z", SITMAP_TIME_PRECISION_YEAR, "2024" },
    { "2024+14:00", SITMAP_TIME_PRECISION_YEAR, "2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitmapTime t;
      g_autoptr (GError) error = NULL;
      g_autofree char *written = NULL;

      g_assert_true (sitmap_time_init_instant (&t, cases[i].text, &error));
      g_assert_no_error (error);
      g_assert_cmpint (t.precision, ==, cases[i].precision);
      written = sitmap_time_format_begin (&t);
      g_assert_cmpstr (written, ==, cases[i].written);
    }
}

/* M1: a moment a zone or 24:00 carries past the years that can be written is refused; every accepted
 * moment writes back as text that parses to the same moment. */
static void
test_moments_stay_writable (void)
{
  const char *refused[] = { "999999-12-31T23:00:00-14:00", "-999999-01-01T00:00:00+01:00", "999999-12-31T24:00:00Z",
                            "999999-12-31T23:59:60Z" };
  const char *kept[] = { "999999-12-31T23:59:59Z", "-999999-01-01T00:00:00Z", "999999-12-31T09:00:00-14:00",
                         "-999999-01-01T00:00:00-01:00", "999999-12-31" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      SitmapTime t;
      g_autoptr (GError) error = NULL;

      g_assert_false (sitmap_time_init_instant (&t, refused[i], &error));
      g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "999999"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      SitmapTime t, again;
      g_autoptr (GError) error = NULL;
      g_autofree char *written = NULL;

      g_assert_true (sitmap_time_init_instant (&t, kept[i], &error));
      g_assert_no_error (error);
      written = sitmap_time_format_begin (&t);
      g_assert_true (sitmap_time_init_instant (&again, written, &error));
      g_assert_no_error (error);
      g_assert_cmpint (again.start, ==, t.start);
    }
}

/* H2: a date quoted in a message is cut to 40 characters, and stays valid UTF-8. */
static void
test_messages_quote_briefly (void)
{
  g_autoptr (GString) text = g_string_new ("2024-");
  SitmapTime t;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "é");
  g_assert_false (sitmap_time_init_instant (&t, text->str, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 200);
  g_assert_nonnull (strstr (error->message, "2024-éé"));
  g_assert_nonnull (strstr (error->message, "…"));
}

/* What a label shows of a paragraph: whole when it reads as text; cut, with an ellipsis, past
 * SITMAP_PARAGRAPH_MAX_CHARS or at the end of a run without a space past SITMAP_LABEL_MAX_CHARS (a
 * hostile "word" that a label could only wrap letter by letter). */
static void
test_cut_paragraph (void)
{
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (GString) word = g_string_new ("Before ");
  g_autofree char *short_text = sitmap_text_cut_paragraph ("A summary of an event, in a few words.");
  g_autofree char *long_words = NULL;
  g_autofree char *long_word = NULL;

  g_autofree char *lines = sitmap_text_cut_paragraph ("Read the report.\n\nAlso \xE2\x80\xAEthis");
  g_autofree char *title = sitmap_text_cut ("A title\twith a tab, and more", 12);

  g_assert_cmpstr (short_text, ==, "A summary of an event, in a few words.");
  /* Shown as it is, unlike a quote in a message: line breaks break lines, nothing is escaped. */
  g_assert_cmpstr (lines, ==, "Read the report.\n\nAlso \xE2\x80\xAEthis");
  g_assert_cmpstr (title, ==, "A title\twith…");
  while (words->len < 1024 * 1024)
    g_string_append (words, "Lorem ipsum dolor sit amet ");
  long_words = sitmap_text_cut_paragraph (words->str);
  g_assert_cmpuint (g_utf8_strlen (long_words, -1), ==, SITMAP_PARAGRAPH_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (long_words, "…"));
  for (guint i = 0; i < 100000; i++)
    g_string_append (word, "é");
  long_word = sitmap_text_cut_paragraph (word->str);
  g_assert_true (g_str_has_prefix (long_word, "Before éé"));
  g_assert_cmpuint (g_utf8_strlen (long_word, -1), ==, strlen ("Before ") + SITMAP_LABEL_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (long_word, "…"));
}

static void
test_leap_day_accepted (void)
{
  SitmapTime t;

  g_assert_true (sitmap_time_init_instant (&t, "2024-02-29", NULL));
  g_assert_true (sitmap_time_init_instant (&t, "2000-02-29", NULL));
  g_assert_false (sitmap_time_init_instant (&t, "1900-02-29", NULL));
}

static void
test_describe (void)
{
  struct
  {
    const char *begin, *end;
    gboolean    span;
    const char *expected;
  } cases[] = {
    { "2024-12-10", NULL, FALSE, "on 10 December 2024" },
    { "2019-03", NULL, FALSE, "in March 2019" },
    { "2011", NULL, FALSE, "in 2011" },
    { "2024-12-07", "2024-12-08", TRUE, "from 7 December 2024 to 8 December 2024" },
    { "2019", NULL, TRUE, "since 2019" },
    { "2024-12-10T14:05:00Z", NULL, FALSE, "on 10 December 2024, 14:05 UTC" },
  };
  SitmapTime undated;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitmapTime t;
      g_autofree char *described = NULL;

      if (cases[i].span)
        g_assert_true (sitmap_time_init_span (&t, cases[i].begin, cases[i].end, NULL));
      else
        g_assert_true (sitmap_time_init_instant (&t, cases[i].begin, NULL));
      described = sitmap_time_describe (&t);
      g_assert_cmpstr (described, ==, cases[i].expected);
    }
  sitmap_time_init_undated (&undated);
  text = sitmap_time_describe (&undated);
  g_assert_cmpstr (text, ==, "undated");
  g_assert_false (sitmap_time_overlaps (&undated, G_MININT64, G_MAXINT64));
}

static void
test_add_months (void)
{
  g_assert_cmpint (sitmap_time_add_months (utc (2024, 11, 1), 2), ==, utc (2025, 1, 1));
  g_assert_cmpint (sitmap_time_add_months (utc (1969, 1, 1), -1), ==, utc (1968, 12, 1));
  g_assert_cmpint (sitmap_time_add_months (utc (2024, 12, 1), -12), ==, utc (2023, 12, 1));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/civil-matches-gdatetime", test_civil_matches_gdatetime);
  g_test_add_func ("/time/precision-from-written-form", test_precision_from_written_form);
  g_test_add_func ("/time/span-covers-whole-days", test_span_covers_whole_days);
  g_test_add_func ("/time/round-trip-forms", test_round_trip_forms);
  g_test_add_func ("/time/refuses-nonsense", test_refuses_nonsense);
  g_test_add_func ("/time/dates-with-zone", test_dates_with_zone);
  g_test_add_func ("/time/moments-stay-writable", test_moments_stay_writable);
  g_test_add_func ("/time/messages-quote-briefly", test_messages_quote_briefly);
  g_test_add_func ("/time/cut-paragraph", test_cut_paragraph);
  g_test_add_func ("/time/leap-day", test_leap_day_accepted);
  g_test_add_func ("/time/describe", test_describe);
  g_test_add_func ("/time/add-months", test_add_months);
  return g_test_run ();
}
