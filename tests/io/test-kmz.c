/* test-kmz.c: KMZ archives made by another program read with their images; bombs, traversal names and
 * archives without KML refused or left out; Sitmap's own KMZ read back by Sitmap and by GDAL
 *
 * Usage: test-kmz PYTHON3 OGRINFO. The archives are made by tests/io/make-kmz.py with Python's zipfile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-format.h"
#include "sitmap-kmz.h"
#include "sitmap-load-bytes.h"

static const char *python;
static const char *ogrinfo;
static char *dir;

static void
run (const char *const *argv, char **output)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, output, &errors, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s", argv[0], errors);
}

static char *
archive_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* Reads an archive as opening a file does: its format found from its content. */
static SitmapDocument *
read_archive (const char *name, SitmapImportReport **report, GError **error)
{
  g_autofree char *path = archive_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *display_name = NULL;
  const SitmapFormat *format;
  SitmapDocument *document;

  bytes = sitmap_load_bytes (file, NULL, &display_name, error);
  g_assert_nonnull (bytes);
  format = sitmap_format_detect (bytes, display_name, error);
  g_assert_nonnull (format);
  g_assert_cmpstr (format->id, ==, "kmz");
  sitmap_import_begin (import, display_name, NULL);
  document = format->read (bytes, import, error);
  if (report != NULL)
    *report = g_object_ref (sitmap_import_get_report (import));
  return document;
}

static SitmapDocument *
read_archive_ok (const char *name, SitmapImportReport **report)
{
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = read_archive (name, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static char *
read_archive_fails (const char *name, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_archive (name, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, code);
  return g_strdup (error->message);
}

static void
assert_says (const char *message, const char *words)
{
  if (strstr (message, words) == NULL)
    g_error ("“%s” does not say “%s”", message, words);
}

static GBytes *
resource (SitmapDocument *document, const char *wanted)
{
  for (guint i = 0; i < sitmap_document_get_n_resources (document); i++)
    {
      const char *name;
      GBytes *bytes = sitmap_document_get_resource (document, i, &name);

      if (strcmp (name, wanted) == 0)
        return bytes;
    }
  return NULL;
}

/* The SHA-256 of a file in an archive, as Python's zipfile unpacks it */
static char *
checksum_in_python_zip (const char *archive, const char *name)
{
  g_autofree char *path = archive_path (archive);
  char *output = NULL;
  const char *argv[] = { python, "-c",
                         "import hashlib, sys, zipfile; "
                         "print(hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])).hexdigest(), end='')",
                         path, name, NULL };

  run (argv, &output);
  return output;
}

/* doc.kml read as KML; the image beside it kept with the document, byte for byte */
static void
test_read (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = read_archive_ok ("overlays.kmz", &report);
  g_autoptr (SitmapImportReport) stored_report = NULL;
  g_autoptr (SitmapDocument) stored = read_archive_ok ("stored.kmz", &stored_report);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  GBytes *image;

  g_assert_cmpstr (sitmap_document_get_title (document), ==, "Overlays of Deir ez-Zor");
  g_assert_cmpuint (columns->n_events, ==, 2);
  g_assert_cmpuint (columns->n_dated, ==, 1);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (sitmap_document_get_n_resources (document), ==, 1);
  image = resource (document, "files/overlay.png");
  g_assert_nonnull (image);
  g_assert_cmpuint (g_bytes_get_size (image), >, 8);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  /* A document read from an archive is not saved over it as KML */
  g_assert_false (sitmap_document_is_native (document));

  /* Another writer's: the KML named otherwise, stored, with folders in the archive */
  g_assert_cmpuint (sitmap_document_get_n_events (stored), ==, 2);
  g_assert_cmpuint (sitmap_document_get_n_resources (stored), ==, 2);
  g_assert_nonnull (resource (stored, "images/a.png"));
  g_assert_nonnull (resource (stored, "images/b.png"));
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (stored_report), ==, 0);
}

/* A KML only in a folder of the archive is read, and said; no KML at all is a clear refusal */
static void
test_where_the_kml_is (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) nested = read_archive_ok ("nested-kml.kmz", &report);
  g_autofree char *none = read_archive_fails ("no-kml.kmz", SITMAP_DOCUMENT_ERROR_NOT_KML);

  g_assert_cmpuint (sitmap_document_get_n_events (nested), ==, 2);
  io_assert_skipped (report, 0, 0, "no KML file at its top level, where Google Earth looks: “data/layer.kml” was read");
  g_assert_true (g_str_has_prefix (none, "no-kml.kmz: "));
  assert_says (none, "the archive holds no KML document");
}

/* Names that lead out of the archive never reach the disk and are not kept; the rest is read */
static void
test_traversal_names (void)
{
  static const char *const refused[] = {
    /* libarchive gives a name made on Windows with its backslash as a slash */
    "“../../evil.png”", "“/etc/sitmap-evil”", "“files/../../up.png”", "“../windows.png”", "“C:/drive.png”",
  };
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = read_archive_ok ("traversal.kmz", &report);
  g_autofree char *outside = g_build_filename (dir, "..", "evil.png", NULL);
  g_autofree char *up = g_build_filename (dir, "..", "up.png", NULL);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  g_assert_cmpuint (sitmap_document_get_n_resources (document), ==, 1);
  g_assert_nonnull (resource (document, "files/ok.png"));
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, G_N_ELEMENTS (refused));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *words = g_strdup_printf ("%s in the archive is not a plain path inside it", refused[i]);

      io_assert_skipped (report, 0, 0, words);
    }
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (up, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/etc/sitmap-evil", G_FILE_TEST_EXISTS));
}

/* An archive inside the archive is never opened */
static void
test_nested_archives (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = read_archive_ok ("nested-zip.kmz", &report);
  g_autofree char *disguised = read_archive_fails ("zip-as-kml.kmz", SITMAP_DOCUMENT_ERROR_NOT_KML);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  g_assert_cmpuint (sitmap_document_get_n_resources (document), ==, 0);
  io_assert_skipped (report, 0, 0, "“more.kmz” is an archive inside the archive, which Sitmap does not open");
  io_assert_skipped (report, 0, 0, "“disguised.png” is an archive inside the archive");
  /* A doc.kml that is a zip itself is not opened either */
  g_assert_true (g_str_has_prefix (disguised, "zip-as-kml.kmz › doc.kml: "));
  assert_says (disguised, "compressed file");
}

/* Zip bombs: unpacked size against the archive's, number of files; and a damaged archive */
static void
test_bombs (void)
{
  g_autofree char *ratio = read_archive_fails ("bomb.kmz", SITMAP_DOCUMENT_ERROR_UNSAFE);
  g_autofree char *many = read_archive_fails ("many.kmz", SITMAP_DOCUMENT_ERROR_TOO_LARGE);
  g_autofree char *cut = read_archive_fails ("cut.kmz", SITMAP_DOCUMENT_ERROR_MALFORMED);

  assert_says (ratio, "bomb.kmz: the archive unpacks to more than 100 times its size, as a zip bomb does");
  assert_says (many, "many.kmz: the archive holds more than 10000 files");
  assert_says (cut, "cut.kmz: the archive cannot be unpacked");
}

/* Sitmap's KMZ: doc.kml first, then the images it came with; read back the same by Sitmap, and by GDAL */
static void
test_write (void)
{
  g_autoptr (SitmapDocument) original = read_archive_ok ("overlays.kmz", NULL);
  g_autoptr (SitmapDocument) copy = NULL;
  g_autofree char *path = archive_path ("written.kmz");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *unpacked = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (sitmap_kmz_write_events_file (original, NULL, file, NULL, &error));
  g_assert_no_error (error);

  /* What Python's zipfile finds in it */
  {
    const char *argv[] = { python, "-c", "import sys, zipfile; print(' '.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
                           path, NULL };

    run (argv, &names);
  }
  g_assert_cmpstr (names, ==, "doc.kml files/overlay.png\n");
  unpacked = checksum_in_python_zip ("written.kmz", "files/overlay.png");
  kept = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, resource (original, "files/overlay.png"));
  g_assert_cmpstr (unpacked, ==, kept);

  copy = read_archive_ok ("written.kmz", NULL);
  io_assert_documents_equal (original, copy);
  g_assert_cmpuint (sitmap_document_get_n_resources (copy), ==, 1);
  g_assert_true (g_bytes_equal (resource (copy, "files/overlay.png"), resource (original, "files/overlay.png")));

  /* GDAL reads it */
  {
    const char *argv[] = { ogrinfo, "-ro", "-al", path, NULL };

    run (argv, &listed);
  }
  assert_says (listed, "Name (String) = Bridge");
  assert_says (listed, "Name (String) = Imagery");
  assert_says (listed, "timestamp (DateTime) = 2024/12/08 00:00:00");
  assert_says (listed, "POINT (40.1412 35.3359)");
  g_unlink (path);
}

/* Only the events asked for, as an export of a filter does */
static void
test_write_some (void)
{
  g_autoptr (SitmapDocument) original = read_archive_ok ("overlays.kmz", NULL);
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *path = archive_path ("some.kmz");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  guint32 first = 0;

  g_array_append_val (positions, first);
  g_assert_true (sitmap_kmz_write_events_file (original, positions, file, NULL, &error));
  g_assert_no_error (error);
  copy = read_archive_ok ("some.kmz", NULL);
  g_assert_cmpuint (sitmap_document_get_n_events (copy), ==, 1);
  g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (copy), 0), ==,
                   sitmap_event_store_get_title (sitmap_document_get_store (original), 0));
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 4);
  python = argv[1];
  ogrinfo = argv[2];
  dir = g_dir_make_tmp ("sitmap-kmz-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *make[] = { python, argv[3], dir, NULL };

    run (make, NULL);
  }
  g_test_add_func ("/io/kmz/read", test_read);
  g_test_add_func ("/io/kmz/where-the-kml-is", test_where_the_kml_is);
  g_test_add_func ("/io/kmz/traversal-names", test_traversal_names);
  g_test_add_func ("/io/kmz/nested-archives", test_nested_archives);
  g_test_add_func ("/io/kmz/bombs", test_bombs);
  g_test_add_func ("/io/kmz/write", test_write);
  g_test_add_func ("/io/kmz/write-some", test_write_some);
  status = g_test_run ();
  {
    const char *remove[] = { "rm", "-rf", dir, NULL };

    run (remove, NULL);
  }
  g_free (dir);
  return status;
}
