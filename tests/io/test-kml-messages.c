/* test-kml-messages.c: messages that tell the truth about a file and that its text cannot spoof
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "io-test-util.h"

#define KML_OPEN "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:sitmap=\"https://sitmap.github.io/kml/1.0\">"

/* The message of a read that fails, whatever its code */
static char *
failure (const char *kml, const char *display_name)
{
  g_autoptr (GBytes) bytes = g_bytes_new (kml, strlen (kml));
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = sitmap_kml_read_bytes (bytes, display_name, NULL, &error);

  g_assert_null (document);
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
assert_contains (const char *message, const char *words)
{
  if (strstr (message, words) == NULL)
    g_error ("“%s” does not say “%s”", message, words);
}

static void
assert_lacks (const char *message, const char *words)
{
  if (strstr (message, words) != NULL)
    g_error ("“%s” says “%s”", message, words);
}

/* Nothing that starts a line or turns text around reaches a message raw. */
static void
assert_no_raw_controls (const char *message)
{
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_error ("“%s” holds U+%04X raw", message, c);
    }
}

/* The one quoting helper escapes, visibly and unambiguously, and stays short. */
static void
test_quote_escapes (void)
{
  static const struct
  {
    const char *text;
    const char *quoted;
  } cases[] = {
    { "plain text, حمص", "plain text, حمص" },
    { "two\nlines", "two\\nlines" },
    { "cr\r\ttab", "cr\\r\\ttab" },
    { "bell\a", "bell\\u{0007}" },
    { "\u202Egnp.exe", "\\u{202E}gnp.exe" },
    { "a\u2028b\u2029c", "a\\u{2028}b\\u{2029}c" },
    { "zero\u200Bwidth", "zero\\u{200B}width" },
    { "C:\\path\\n", "C:\\\\path\\\\n" },
  };
  g_autofree char *many = g_strnfill (100, '\n');
  g_autofree char *quoted_many = sitmap_quote_text (many);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = sitmap_quote_text (cases[i].text);

      g_assert_cmpstr (quoted, ==, cases[i].quoted);
    }
  /* An escape counts for what it is shown with: 40 characters, then "…" */
  g_assert_cmpuint (g_utf8_strlen (quoted_many, -1), ==, SITMAP_QUOTE_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (quoted_many, "\\n…"));
}

/* A name made to look like the end of one message and the start of another is quoted as the text it is: in a
 * refusal, and in what a lenient read says it left out. */
static void
test_spoofed_text (void)
{
  static const char spoof[] = "ok\nline 1: \u202Efdp.exe";
  /* In an attribute, XML makes a new line a space, unless it is written as a character reference */
  g_autofree char *strict = g_strdup (KML_OPEN "<Placemark><ExtendedData><sitmap:event category=\"x&#10;\u202Ey\"/>"
                                      "</ExtendedData></Placemark></kml>");
  g_autofree char *lenient = g_strdup_printf (KML_OPEN "<Placemark><name>%s</name>\n<TimeStamp><when>%s</when>"
                                              "</TimeStamp></Placemark></kml>",
                                              spoof, spoof);
  g_autofree char *message = failure (strict, "spoof.kml");
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = io_test_import_string (lenient, -1, &report);
  g_autofree char *text = NULL;
  guint line, column;
  const char *reason;

  assert_no_raw_controls (message);
  assert_contains (message, "category=“x\\n\\u{202E}y”");

  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 1);
  reason = sitmap_import_report_get_skipped (report, 0, &line, &column);
  g_assert_cmpuint (line, ==, 3); /* the name holds a new line */
  assert_no_raw_controls (reason);
  assert_contains (reason, "“ok\\nline 1: \\u{202E}fdp.exe”");
  /* The whole report has a line per record: the name cannot add one */
  text = sitmap_import_report_dup_text (report);
  {
    g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3); /* the summary, the record, and the end */
  }
}

/* A file's name is quoted in its messages as its text is. */
static void
test_spoofed_file_name (void)
{
  g_autofree char *message = failure ("<kml><Placemark><name>x</Point></kml>", "evil\n\u202Egnp.kml");

  assert_no_raw_controls (message);
  g_assert_true (g_str_has_prefix (message, "evil\\n\\u{202E}gnp.kml: line 1, column "));
}

/* A named view's values are quoted as every text of a file is: a bidi override in a time cannot turn the
 * message around, and a long value is cut between characters, not inside one. A time's example is called an
 * example. (Found by fuzz-kml: these values were quoted raw, cut at 40 bytes.) */
static void
test_spoofed_view_values (void)
{
  g_autofree char *override = failure (KML_OPEN "<Document><ExtendedData><sitmap:named-view name=\"x\" "
                                       "start=\"2024-11-27T00:00:00Z\" end=\"2024-12-09T00:00:00Z&#x202E;\"/>"
                                       "</ExtendedData></Document></kml>",
                                       "view.kml");
  g_autofree char *rule = failure (KML_OPEN "<Document><ExtendedData><sitmap:named-view name=\"x\" "
                                   "rule=\"a\u062D\u0645\u0635\u062D\u0645\u0635\u062D\u0645\u0635\u062D\u0645\u0635"
                                   "\u062D\u0645\u0635\u062D\u0645\u0635\u062D\u0645\u0635\"/></ExtendedData></Document></kml>",
                                   "view.kml");

  assert_no_raw_controls (override);
  assert_contains (override, "end=“2024-12-09T00:00:00Z\\u{202E}”");
  assert_contains (override, "for example, 2024-11-27T00:00:00Z");
  assert_lacks (override, "one of");
  g_assert_true (g_utf8_validate (rule, -1, NULL));
  assert_no_raw_controls (rule);
  assert_contains (rule, "overlapping, within");
}

/* Numbers are quoted as written: 2147483647 is not "2.14748e+09". */
static void
test_numbers_as_written (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = io_test_import_string (
    KML_OPEN "<GroundOverlay><LatLonBox>\n<north>2147483647</north><south>0</south><east>1</east><west>0</west>"
    "</LatLonBox></GroundOverlay>\n<Placemark><Point><coordinates>1e3,0.000000000000000000001</coordinates>"
    "</Point></Placemark></kml>",
    -1, &report);

  io_assert_skipped (report, 2, 1, "the latitude 2147483647 is outside −90…90");
  io_assert_skipped (report, 3, 19, "the longitude 1e3 is outside −180…180");
  for (guint i = 0; i < sitmap_import_report_get_n_kept (report); i++)
    assert_lacks (sitmap_import_report_get_skipped (report, i, NULL, NULL), "e+");
}

/* An unterminated CDATA section is called that, where it begins: not "more text after the end". */
static void
test_unterminated_cdata (void)
{
  g_autofree char *message = failure (KML_OPEN "<Document>\n<name>a <![CDATA[never closed</name>\n</Document></kml>",
                                      "cdata.kml");

  io_assert_message_has_position (message, "cdata.kml", 2, 9);
  assert_contains (message, "CDATA section (<![CDATA[) begins here and is never closed by “]]>”");
  assert_lacks (message, "after the end");
}

/* A DOCTYPE or an ENTITY inside the content is called that: not "internal error". */
static void
test_declarations_in_content (void)
{
  g_autofree char *doctype = failure (KML_OPEN "<Document>\n  <!DOCTYPE kml [<!ENTITY a \"b\">]>\n</Document></kml>",
                                      "doctype.kml");
  g_autofree char *entity = failure (KML_OPEN "<Document>\n<name>x</name><!ENTITY lol \"lol\"></Document></kml>",
                                     "entity.kml");

  io_assert_message_has_position (doctype, "doctype.kml", 2, 3);
  assert_contains (doctype, "document type declaration (<!DOCTYPE>) stands inside the document");
  io_assert_message_has_position (entity, "entity.kml", 2, 15);
  assert_contains (entity, "entity declaration (<!ENTITY>) stands inside the document");
  assert_lacks (doctype, "internal error");
  assert_lacks (entity, "internal error");
}

/* A closing tag that does not match is named as written, and so is the element it should close, with its
 * prefix. */
static void
test_prefixed_mismatch (void)
{
  g_autofree char *message = failure (KML_OPEN "<Placemark xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
                                       "<gx:Track>\n</Track></Placemark></kml>",
                                       "track.kml");

  io_assert_message_has_position (message, "track.kml", 3, 0);
  assert_contains (message, "the element <gx:Track> begun on line 2 is closed by </Track>");
}

/* An example of a valid value is called an example, not the only form there is. */
static void
test_examples_are_examples (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = io_test_import_string (
    KML_OPEN "<Placemark><TimeStamp><when>2024-12-10T5:30</when></TimeStamp></Placemark>\n"
    "<Placemark><TimeStamp><when>10/12/2024</when></TimeStamp></Placemark></kml>",
    -1, &report);

  io_assert_skipped (report, 1, 0, "for example 2024-12-10T05:30:00Z");
  io_assert_skipped (report, 2, 0, "for example 2024-12-10");
  for (guint i = 0; i < sitmap_import_report_get_n_kept (report); i++)
    assert_lacks (sitmap_import_report_get_skipped (report, i, NULL, NULL), "must be written");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/kml-messages/quote-escapes", test_quote_escapes);
  g_test_add_func ("/io/kml-messages/spoofed-text", test_spoofed_text);
  g_test_add_func ("/io/kml-messages/spoofed-file-name", test_spoofed_file_name);
  g_test_add_func ("/io/kml-messages/spoofed-view-values", test_spoofed_view_values);
  g_test_add_func ("/io/kml-messages/numbers-as-written", test_numbers_as_written);
  g_test_add_func ("/io/kml-messages/unterminated-cdata", test_unterminated_cdata);
  g_test_add_func ("/io/kml-messages/declarations-in-content", test_declarations_in_content);
  g_test_add_func ("/io/kml-messages/prefixed-mismatch", test_prefixed_mismatch);
  g_test_add_func ("/io/kml-messages/examples-are-examples", test_examples_are_examples);

  return g_test_run ();
}
