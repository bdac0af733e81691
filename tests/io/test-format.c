/* test-format.c: the registry of formats, finding a file's format by its content, the import's report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-document-io.h"
#include "sitmap-format.h"

static const char *minimal_kml =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- a comment first -->\n"
  "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>T</name>\n"
  "<Placemark><name>A</name><TimeStamp><when>2024-12-10</when></TimeStamp>"
  "<Point><coordinates>38.6,34.8</coordinates></Point></Placemark>\n"
  "</Document></kml>\n";

static const SitmapFormat *
detect (const char *text, gsize length, const char *filename, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length);

  return sitmap_format_detect (bytes, filename, error);
}

static void
test_registry (void)
{
  const SitmapFormat *const *formats = sitmap_formats ();
  const SitmapFormat *kml = sitmap_format_find ("kml");

  g_assert_nonnull (formats[0]);
  g_assert_nonnull (kml);
  g_assert_true (sitmap_format_find ("KML") == kml);
  g_assert_null (sitmap_format_find ("no-such-format"));
  g_assert_true (sitmap_format_for_name ("Syria.KML") == kml);
  g_assert_null (sitmap_format_for_name ("notes.txt"));
  g_assert_null (sitmap_format_for_name ("kml"));
  for (guint i = 0; formats[i] != NULL; i++)
    {
      /* Every format says who it is and what its files are called, and ids are unique. */
      g_assert_nonnull (formats[i]->name);
      g_assert_nonnull (formats[i]->extensions[0]);
      g_assert_true (formats[i]->read != NULL || formats[i]->write != NULL);
      g_assert_true (sitmap_format_find (formats[i]->id) == formats[i]);
    }
}

/* The content decides, whatever the name says. */
static void
test_detect_by_content (void)
{
  const SitmapFormat *kml = sitmap_format_find ("kml");
  g_autoptr (GError) error = NULL;

  g_assert_true (detect (minimal_kml, strlen (minimal_kml), "export.xml", &error) == kml);
  g_assert_no_error (error);
  g_assert_true (detect (minimal_kml, strlen (minimal_kml), "no name at all", &error) == kml);
  g_assert_no_error (error);
}

/* Google Earth opens a Document without kml around it, and a root with a prefix. */
static void
test_detect_kml_roots (void)
{
  const SitmapFormat *kml = sitmap_format_find ("kml");
  const char *document = "\xEF\xBB\xBF<Document><Placemark/></Document>";
  const char *prefixed = "<k:kml xmlns:k=\"http://www.opengis.net/kml/2.2\"/>";
  char root[16];

  g_assert_true (detect (document, strlen (document), "a.dat", NULL) == kml);
  g_assert_true (detect (prefixed, strlen (prefixed), "a.dat", NULL) == kml);
  g_assert_true (sitmap_format_sniff_xml_root ((const guint8 *) prefixed, strlen (prefixed), root, sizeof root));
  g_assert_cmpstr (root, ==, "kml");
  /* A name longer than the room is no name. */
  g_assert_false (sitmap_format_sniff_xml_root ((const guint8 *) prefixed, strlen (prefixed), root, 3));
  /* An unterminated comment or declaration is no element. */
  g_assert_false (sitmap_format_sniff_xml_root ((const guint8 *) "<!-- <kml>", 10, root, sizeof root));
  g_assert_false (sitmap_format_sniff_xml_root ((const guint8 *) "<?xml <kml", 10, root, sizeof root));
  g_assert_false (sitmap_format_sniff_xml_root ((const guint8 *) "<kml", 4, root, sizeof root));
}

/* A KML file saved as UTF-16 by a Windows tool is still KML. */
static void
test_detect_utf16 (void)
{
  g_autofree char *utf16 = NULL;
  gsize length = 0;
  GString *with_bom = g_string_new_len ("\xFF\xFE", 2);
  g_autoptr (GError) error = NULL;

  utf16 = g_convert (minimal_kml, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_string_append_len (with_bom, utf16, length);
  g_assert_true (detect (with_bom->str, with_bom->len, "a.kml", &error) == sitmap_format_find ("kml"));
  g_assert_no_error (error);
  g_string_free (with_bom, TRUE);
}

/* What no format claims is refused with the file's name and the formats Sitmap does read. */
static void
test_detect_unknown (void)
{
  g_autoptr (GError) error = NULL;
  const char *png = "\x89PNG\r\n\x1a\n";

  g_assert_null (detect (png, 8, "photo.png", &error));
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "photo.png: "));
  g_assert_nonnull (strstr (error->message, "KML"));
  g_clear_error (&error);
  g_assert_null (detect ("", 0, "empty", &error));
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT);
}

static void
test_report_text (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  SitmapImportReport *report = sitmap_import_get_report (import);
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  guint line = 0, column = 0;

  sitmap_import_begin (import, "events.csv", NULL);
  sitmap_import_report_set_n_events (report, 12031);
  sitmap_import_skip (import, 17, 0, "latitude %s is out of range", "123");
  sitmap_import_skip (import, 40, 3, "no date");
  sitmap_import_add_link (import, 9, "http://example.org/feed.kml\n\xE2\x80\xAE");
  summary = sitmap_import_report_dup_summary (report);
  g_assert_cmpstr (summary, ==, "12031 events imported; 2 skipped");
  text = sitmap_import_report_dup_text (report);
  g_assert_nonnull (strstr (text, "events.csv: 12031 events imported; 2 skipped\n"));
  g_assert_nonnull (strstr (text, "line 17: latitude 123 is out of range\n"));
  g_assert_nonnull (strstr (text, "line 40, column 3: no date\n"));
  g_assert_nonnull (strstr (text, "line 9: http://example.org/feed.kml"));
  g_assert_cmpstr (sitmap_import_report_get_skipped (report, 1, &line, &column), ==, "no date");
  g_assert_cmpuint (line, ==, 40);
  g_assert_cmpuint (column, ==, 3);
}

/* A file of a million bad records keeps the first thousand reasons and counts the rest. */
static void
test_report_keeps_first (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  SitmapImportReport *report = sitmap_import_get_report (import);
  g_autofree char *text = NULL;

  for (guint i = 1; i <= SITMAP_IMPORT_REPORT_MAX_KEPT + 500; i++)
    sitmap_import_skip (import, i, 0, "bad row %u", i);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, SITMAP_IMPORT_REPORT_MAX_KEPT + 500);
  g_assert_cmpuint (sitmap_import_report_get_n_kept (report), ==, SITMAP_IMPORT_REPORT_MAX_KEPT);
  text = sitmap_import_report_dup_text (report);
  g_assert_nonnull (strstr (text, "and 500 more skipped\n"));
}

static void
test_progress_and_options (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();

  g_assert_cmpfloat (sitmap_import_get_progress (import), ==, 0);
  sitmap_import_set_progress (import, 0.25);
  g_assert_cmpfloat_with_epsilon (sitmap_import_get_progress (import), 0.25, 1e-6);
  sitmap_import_set_progress (import, 7);
  g_assert_cmpfloat (sitmap_import_get_progress (import), ==, 1);
  g_assert_null (sitmap_import_get_option (import, "latitude"));
  sitmap_import_set_option (import, "latitude", "lat");
  g_assert_cmpstr (sitmap_import_get_option (import, "latitude"), ==, "lat");
  sitmap_import_set_option (import, "latitude", NULL);
  g_assert_null (sitmap_import_get_option (import, "latitude"));
}

/* A reader that cannot tell the columns leaves the file's columns and its guesses for the dialog. */
static void
test_columns_and_guesses (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  const char *columns[] = { "when", "y", "x", NULL };

  g_assert_null (sitmap_import_get_columns (import));
  for (guint i = 0; i < SITMAP_IMPORT_N_FIELDS; i++)
    {
      g_assert_cmpint (sitmap_import_get_guess (import, i), ==, -1);
      g_assert_nonnull (sitmap_import_field_get_label (i));
    }
  sitmap_import_set_columns (import, columns);
  sitmap_import_set_guess (import, SITMAP_IMPORT_FIELD_LATITUDE, 1);
  g_assert_cmpstrv (sitmap_import_get_columns (import), columns);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_LATITUDE), ==, 1);
  g_assert_cmpstr (sitmap_import_field_get_name (SITMAP_IMPORT_FIELD_LATITUDE), ==, "latitude");
}

typedef struct
{
  gboolean        done;
  SitmapDocument *document;
  GError         *error;
} Result;

static void
loaded_cb (GObject *source, GAsyncResult *async_result, gpointer user_data)
{
  Result *result = user_data;

  result->document = sitmap_document_load_finish (async_result, &result->error);
  result->done = TRUE;
}

/* Loading reads a file by its content, and the caller's import reports the format, the events, the
 * progress. */
static void
test_load_reports (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved-by-a-tool.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  SitmapImportReport *report = sitmap_import_get_report (import);
  Result result = { 0 };

  g_assert_true (g_file_set_contents (path, minimal_kml, -1, NULL));
  sitmap_document_load_async (file, import, NULL, loaded_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_cmpuint (sitmap_document_get_n_events (result.document), ==, 1);
  g_assert_cmpstr (sitmap_import_report_get_format_name (report), ==, "KML");
  g_assert_cmpstr (sitmap_import_report_get_display_name (report), ==, "saved-by-a-tool.xml");
  g_assert_cmpuint (sitmap_import_report_get_n_events (report), ==, 1);
  g_assert_cmpfloat (sitmap_import_get_progress (import), ==, 1);
  g_clear_object (&result.document);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/registry", test_registry);
  g_test_add_func ("/format/detect/by-content", test_detect_by_content);
  g_test_add_func ("/format/detect/kml-roots", test_detect_kml_roots);
  g_test_add_func ("/format/detect/utf-16", test_detect_utf16);
  g_test_add_func ("/format/detect/unknown", test_detect_unknown);
  g_test_add_func ("/format/report/text", test_report_text);
  g_test_add_func ("/format/report/keeps-first", test_report_keeps_first);
  g_test_add_func ("/format/import/progress-and-options", test_progress_and_options);
  g_test_add_func ("/format/import/columns-and-guesses", test_columns_and_guesses);
  g_test_add_func ("/format/load-reports", test_load_reports);
  return g_test_run ();
}
