/* test-sidebar-text.c: the sentences the sidebar composes, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar-test"

#include "config.h"

#include <locale.h>

#include "sidebar-fixture.h"
#include "sitmap-event.h"
#include "sitmap-sidebar-text.h"

static char *
when_of (const char *begin, const char *end, gboolean span)
{
  g_autoptr (GError) error = NULL;
  SitmapTime time;

  if (span)
    g_assert_true (sitmap_time_init_span (&time, begin, end, &error));
  else if (begin != NULL)
    g_assert_true (sitmap_time_init_instant (&time, begin, &error));
  else
    sitmap_time_init_undated (&time);
  g_assert_no_error (error);
  return sitmap_sidebar_describe_when (&time);
}

static char *
when_detail_of (const char *begin, const char *end)
{
  SitmapTime time;

  g_assert_true (sitmap_time_init_span (&time, begin, end, NULL));
  return sitmap_sidebar_describe_when_detail (&time);
}

#define assert_when(expected, begin, end, span) \
  G_STMT_START \
  { \
    g_autofree char *_when = when_of (begin, end, span); \
    g_assert_cmpstr (_when, ==, expected); \
  } \
  G_STMT_END

static void
test_when_instants (void)
{
  assert_when ("on 10 December 2024", "2024-12-10", NULL, FALSE);
  assert_when ("in March 2019 (known only to the month)", "2019-03", NULL, FALSE);
  assert_when ("in 2011 (known only to the year)", "2011", NULL, FALSE);
  assert_when ("on 10 December 2024, 05:30 UTC", "2024-12-10T08:30:00+03:00", NULL, FALSE);
  assert_when ("Undated", NULL, NULL, FALSE);
}

static void
test_when_spans (void)
{
  assert_when ("from 7 to 8 December 2024", "2024-12-07", "2024-12-08", TRUE);
  assert_when ("from 30 November to 8 December 2024", "2024-11-30", "2024-12-08", TRUE);
  assert_when ("from 30 December 2024 to 2 January 2025", "2024-12-30", "2025-01-02", TRUE);
  assert_when ("from March to May 2019", "2019-03", "2019-05", TRUE);
  assert_when ("since March 2019", "2019-03", NULL, TRUE);
  assert_when ("until 8 December 2024", NULL, "2024-12-08", TRUE);
  /* Mixed units share nothing that can be left out. */
  assert_when ("from March 2019 to 8 December 2024", "2019-03", "2024-12-08", TRUE);
}

static void
test_when_detail (void)
{
  g_autofree char *open = when_detail_of ("2019-03", NULL);
  g_autofree char *months = when_detail_of ("2019-03", "2019-05");
  g_autofree char *days = when_detail_of ("2024-12-07", "2024-12-08");
  SitmapTime day;

  g_assert_cmpstr (open, ==, "Known only to the month · No end date is given");
  g_assert_cmpstr (months, ==, "Known only to the month");
  g_assert_null (days);
  g_assert_true (sitmap_time_init_instant (&day, "2024-12-10", NULL));
  g_assert_null (sitmap_sidebar_describe_when_detail (&day));
}

static void
test_distance (void)
{
  const struct
  {
    guint       metres;
    const char *expected;
  } cases[] = {
    { 800, "800 m" }, { 1000, "1 km" }, { 2500, "2.5 km" }, { 9960, "10 km" }, { 12345, "12 km" }, { 25000, "25 km" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sitmap_sidebar_describe_distance (cases[i].metres);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_coordinates (void)
{
  g_autofree char *north_east = sitmap_sidebar_describe_coordinates (34.8853, 38.8711);
  g_autofree char *south_west = sitmap_sidebar_describe_coordinates (-33.9, -70.65);

  g_assert_cmpstr (north_east, ==, "34.8853° N, 38.8711° E");
  g_assert_cmpstr (south_west, ==, "33.9000° S, 70.6500° W");
}

static void
test_web_links (void)
{
  const struct
  {
    const char *url;
    const char *host; /* NULL: must not be a link */
  } cases[] = {
    { "https://www.syriahr.com/en/350000/", "www.syriahr.com" },
    { "  http://ikurd.net/  ", "ikurd.net" },
    { "HTTPS://www.afp.com/", "www.afp.com" },
    /* What is shown is where the link really goes, not the user name that imitates a site. */
    { "https://www.syriahr.com@evil.example/path", "evil.example" },
    /* A look-alike internationalised host is shown in the ASCII form that gives it away. */
    { "https://s\xd1\x83riahr.com/", "xn--sriahr-wrf.com" },
    { "javascript:alert(1)", NULL },
    { "JavaScript://www.example.org/%0Aalert(1)", NULL },
    { "file:///etc/passwd", NULL },
    { "ftp://files.example.org/report.pdf", NULL },
    { "data:text/html,<script>alert(1)</script>", NULL },
    { "mailto:someone@example.org", NULL },
    { "/home/analyst/notes.txt", NULL },
    { "www.syriahr.com", NULL },
    { "https://", NULL },
    { "http:///path-without-host", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = NULL;
      g_autofree char *host = NULL;
      gboolean is_link = sitmap_sidebar_parse_web_link (cases[i].url, &uri, &host);

      g_test_message ("%s", cases[i].url ? cases[i].url : "(null)");
      g_assert_cmpint (is_link, ==, cases[i].host != NULL);
      g_assert_cmpstr (host, ==, cases[i].host);
      if (is_link)
        g_assert_true (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"));
      else
        g_assert_null (uri);
    }
}

/* The path and query are opened as written, not decoded and re-encoded into another address. */
static void
test_web_link_keeps_address (void)
{
  g_autofree char *uri = NULL;

  g_assert_true (sitmap_sidebar_parse_web_link ("https://example.org/a%2Fb?q=%26x#frag", &uri, NULL));
  g_assert_cmpstr (uri, ==, "https://example.org/a%2Fb?q=%26x#frag");
}

static void
test_where (void)
{
  g_autoptr (SitmapDocument) document = sidebar_fixture_new_document ("Test", NULL);
  const struct
  {
    const char *id;
    const char *expected;
  } cases[] = {
    { "ev-sukhna", "near As-Sukhnah, within about 25 km" },
    { "ev-damascus", "in Damascus" },
    { "ev-baghouz", "in Al-Baghuz Fawqani" },
    { "ev-strikes", "somewhere in the Badia" },
    { "ev-war-begins", "somewhere in Syria (country level)" },
    { "ev-blinken", "No place given" },
    { "ev-point", "at 34.0000° N, 36.0000° E, within about 500 m" },
    { "ev-unlocated", "Washington, not located on the map" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint position = sitmap_document_find_event (document, cases[i].id);
      g_autoptr (SitmapEvent) event = NULL;
      g_autofree char *where = NULL;

      g_assert_cmpint (position, >=, 0);
      event = sitmap_document_get_event (document, position);
      where = sitmap_sidebar_describe_where (event);
      g_assert_cmpstr (where, ==, cases[i].expected);
    }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidebar/text/when-instants", test_when_instants);
  g_test_add_func ("/sidebar/text/when-spans", test_when_spans);
  g_test_add_func ("/sidebar/text/when-detail", test_when_detail);
  g_test_add_func ("/sidebar/text/distance", test_distance);
  g_test_add_func ("/sidebar/text/coordinates", test_coordinates);
  g_test_add_func ("/sidebar/text/web-links", test_web_links);
  g_test_add_func ("/sidebar/text/web-link-keeps-address", test_web_link_keeps_address);
  g_test_add_func ("/sidebar/text/where", test_where);
  return g_test_run ();
}
