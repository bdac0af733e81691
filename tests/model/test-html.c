/* test-html.c: HTML descriptions reduced to plain text and a list of links, hostile input included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sitmap-html.h"

static void
check (const char *html, const char *text, const char *const *links)
{
  g_auto (GStrv) found = NULL;
  g_autofree char *reduced = sitmap_html_to_text (html, &found);

  g_assert_cmpstr (reduced, ==, text);
  g_assert_true (g_utf8_validate (reduced, -1, NULL));
  g_assert_nonnull (found);
  if (links == NULL)
    g_assert_null (found[0]);
  else
    g_assert_cmpstrv (found, links);
}

static void
test_reduce (void)
{
  check ("<p>Clashes near <b>As-Sukhnah</b>.</p><p>At least 54 killed.</p>",
         "Clashes near As-Sukhnah.\n\nAt least 54 killed.", NULL);
  check ("Line one<br>line two<br/>\n\n   line   three", "Line one\nline two\nline three", NULL);
  check ("<ul><li>one</li><li>two</li></ul>after", "• one\n• two\n\nafter", NULL);
  check ("caf&eacute; &amp; &lt;tag&gt; &#233;&#xE9; &quot;q&quot; &nbsp;x", "café & <tag> éé \"q\" x", NULL);
  check ("AT&T; 5 < 6 & 7 > 3", "AT&T; 5 < 6 & 7 > 3", NULL);
  check ("<a href=\"https://www.syriahr.com/en/1\">SOHR</a> via <A HREF='https://afp.com/x?a=1&amp;b=2'>AFP</A>"
         " and <a href=https://www.syriahr.com/en/1>again</a> <a href=\"#top\">top</a> <a>none</a>",
         "SOHR via AFP and again top none",
         (const char *const[]) { "https://www.syriahr.com/en/1", "https://afp.com/x?a=1&b=2", NULL });
  check ("<a href=\"javascript:alert(1)\">x</a>", "x", (const char *const[]) { "javascript:alert(1)", NULL });
  check ("", "", NULL);
  check (NULL, "", NULL);
}

static void
test_hostile (void)
{
  g_autoptr (GString) big = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) links = NULL;

  /* Hidden content, comments, declarations, an unclosed tag */
  check ("<script>alert('<p>x</p>')</script><style>p{}</style>shown<!-- <b>hidden</b> -->!<!DOCTYPE html><?xml?>",
         "shown!", NULL);
  check ("before<script>never closed", "before", NULL);
  check ("text <b unclosed and more", "text", NULL);
  check ("a <!-- unclosed comment", "a", NULL);
  check ("<a href=\"unterminated>x", "", NULL);
  /* References to nothing, to controls, to surrogates, overlong */
  check ("&#0;&#x1;&#xD800;&#x110000;&#99999999999999;&#x7f;", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
         "\xef\xbf\xbd\xef\xbf\xbd", NULL);
  /* Invalid UTF-8 and raw control characters */
  check ("ok\xff\xfe ok\x01", "ok\xef\xbf\xbd\xef\xbf\xbd ok\xef\xbf\xbd", NULL);
  /* Pango markup stays text */
  check ("&lt;span foreground=\"red\"&gt;", "<span foreground=\"red\">", NULL);

  /* Many links: bounded in number and length */
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (big, "<a href=\"https://example.org/%u\">%u</a> ", i, i);
  {
    g_autofree char *long_path = g_strnfill (SITMAP_HTML_MAX_LINK_LENGTH, 'y');

    g_string_append_printf (big, "<p><a href=\"https://x/%s\">long</a>", long_path);
  }
  text = sitmap_html_to_text (big->str, &links);
  g_assert_cmpuint (g_strv_length (links), ==, SITMAP_HTML_MAX_LINKS);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&links, g_strfreev);
  text = sitmap_html_to_text (strstr (big->str, "<p>"), &links);
  g_assert_cmpstr (text, ==, "long");
  g_assert_null (links[0]);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&links, g_strfreev);

  /* Quadratic traps: many "<" with no ">", many unclosed quotes, deep nesting. One pass each. */
  g_string_truncate (big, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append (big, "<a");
  g_assert_false (sitmap_html_is_markup (big->str));
  text = sitmap_html_to_text (big->str, NULL);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  g_string_truncate (big, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (big, "<div><b title='>");
  text = sitmap_html_to_text (big->str, NULL);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_clear_pointer (&text, g_free);
}

static void
test_is_markup (void)
{
  g_assert_true (sitmap_html_is_markup ("<p>x</p>"));
  g_assert_true (sitmap_html_is_markup ("Tom &amp; Jerry"));
  g_assert_true (sitmap_html_is_markup ("x<br/>y"));
  g_assert_false (sitmap_html_is_markup ("5 < 6 and 7 > 3"));
  g_assert_false (sitmap_html_is_markup ("Tom & Jerry; AT&T"));
  g_assert_false (sitmap_html_is_markup ("<"));
  g_assert_false (sitmap_html_is_markup (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/html/reduce", test_reduce);
  g_test_add_func ("/html/hostile", test_hostile);
  g_test_add_func ("/html/is-markup", test_is_markup);
  return g_test_run ();
}
