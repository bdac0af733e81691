/* test-convert-cli.c: `sitmap --convert IN OUT` as a script runs it, with no display: every format Sitmap
 * reads into every format it writes, the outputs read back by Sitmap and by GDAL, the report on stderr,
 * --from-format, --to-format and --columns, and every failure said as the window says it, with OUT untouched.
 *
 * Usage: test-convert-cli SITMAP OGRINFO — meson passes the built program and the ogrinfo it found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-document-io.h"

static const char *sitmap_path;
static const char *ogrinfo;

typedef struct
{
  char *dir;
} Fixture;

/* A generic table whose coordinates Sitmap cannot tell by their names. */
static const char unsure_table[] =
  "name,x1,x2,when\n"
  "Strike on the market,35.93,36.63,2024-12-07\n"
  "Clashes near As Sukhnah,34.88,38.87,2024-12-10\n";

static const char acled_table[] =
  "event_id_cnty,event_date,year,time_precision,event_type,actor1,country,location,latitude,longitude,"
  "geo_precision,source,notes,fatalities\n"
  "SYR1,2024-12-10,2024,1,Battles,Military Forces of Syria,Syria,As Sukhnah,34.8853,38.8711,2,SOHR,Clashes.,54\n"
  "SYR2,2024-12-07,2024,2,Explosions/Remote violence,Military Forces of Russia,Syria,Idlib,35.9306,36.6339,1,"
  "SOHR; Step News Agency,Strikes.,3\n"
  "SYR3,2024-11-15,2024,3,Protests,Protesters,Syria,Al Mayadin,35.0206,40.4523,3,Deir Ezzor 24,Protest.,0\n";

static const char features[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"title\":\"Quake\",\"time\":\"2015-04-25T06:11:25Z\"},"
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[84.73,28.23]}},"
  "{\"type\":\"Feature\",\"properties\":{\"title\":\"Area\",\"time\":\"2015-05\"},"
  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[84,28],[85,28],[85,29],[84,29],[84,28]]]}}]}";

/* Ambiguous times: which property holds the time must be chosen. */
static const char ambiguous_features[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"a\":\"2024-01-02\",\"b\":\"2024-03-04\"},"
  "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitmap-convert-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (Fixture *fixture, const char *name, const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Runs sitmap with args (NULL-terminated) as a script without a display or a session bus would; returns its
 * exit status and stderr. stdout must stay empty: a script may pipe it. */
static int
run_sitmap (char **err, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) envp = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) sitmap_path);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_says (const char *err, const char *words)
{
  if (strstr (err, words) == NULL)
    g_error ("sitmap does not say “%s”:\n%s", words, err);
}

/* The file read in this process, as the window reads it: the document, or NULL and the error. */
static SitmapDocument *
read_here (const char *path, SitmapImport *import, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) own = import ? sitmap_import_ref (import) : sitmap_import_new ();

  return sitmap_document_read_file (file, NULL, own, NULL, error);
}

static char *
run_ogrinfo (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  char *output = NULL;
  const char *argv[] = { ogrinfo, "-ro", "-al", "-so", path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ogrinfo failed on %s:\n%s\n%s", path, output, errors);
  return output;
}

/* IN into each format Sitmap writes: exit 0, the report and the count on stderr, OUT read back by Sitmap with
 * every event (in the format its content says) and opened by GDAL. */
static void
convert_everywhere (Fixture *fixture, const char *input, const char *stem)
{
  static const char *const outputs[] = { "kml", "kmz", "geojson", "csv" };
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) source = read_here (input, NULL, &error);
  g_autofree char *basename = g_path_get_basename (input);
  guint n;

  g_assert_no_error (error);
  n = sitmap_document_get_n_events (source);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-out.%s", stem, outputs[i]);
      g_autofree char *out = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *err = NULL;
      g_autofree char *imported = g_strdup_printf ("%s: %u event", basename, n);
      g_autofree char *wrote = g_strdup_printf ("sitmap: wrote %u event", n);
      g_autoptr (SitmapDocument) back = NULL;
      g_autofree char *gdal = NULL;

      g_test_message ("%s → %s", basename, name);
      g_assert_cmpint (run_sitmap (&err, "--convert", input, out, NULL), ==, 0);
      assert_says (err, imported);
      assert_says (err, wrote);
      back = read_here (out, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sitmap_document_get_n_events (back), ==, n);
      gdal = run_ogrinfo (out);
      /* GeoJSON and CSV are one layer of every event; KML has a layer per folder (and the places'). */
      if (g_str_equal (outputs[i], "geojson") || g_str_equal (outputs[i], "csv"))
        {
          g_autofree char *count = g_strdup_printf ("Feature Count: %u\n", n);

          if (strstr (gdal, count) == NULL)
            g_error ("GDAL does not count %u features in %s:\n%s", n, out, gdal);
        }
    }
}

/* Every format Sitmap reads, into every format it writes: KML (the test file of every feature and the demo),
 * KMZ (the demo, converted first), an ACLED table, GeoJSON, and a GeoRSS feed. */
static void
test_every_pair (Fixture *fixture, gconstpointer data)
{
  g_autofree char *full = io_test_data_path ("full-format.kml");
  g_autofree char *feed = io_test_data_path ("corpus/georss-gdacs-rss.xml");
  g_autofree char *acled = write_file (fixture, "acled.csv", acled_table);
  g_autofree char *geojson = write_file (fixture, "features.geojson", features);
  g_autofree char *kmz = g_build_filename (fixture->dir, "demo-out.kmz", NULL);
  g_autofree char *err = NULL;

  convert_everywhere (fixture, full, "full");
  convert_everywhere (fixture, g_getenv ("SITMAP_DEMO"), "demo");
  g_assert_true (g_file_test (kmz, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_sitmap (&err, "--convert", kmz, kmz, NULL), ==, 0);
  convert_everywhere (fixture, kmz, "kmz");
  convert_everywhere (fixture, acled, "acled");
  convert_everywhere (fixture, geojson, "geojson");
  convert_everywhere (fixture, feed, "feed");
}

/* The report on stderr is the window's: what came in, each record skipped with its line and column. */
static void
test_report (Fixture *fixture, gconstpointer data)
{
  g_autofree char *input = io_test_data_path ("kml-lenient/bad-placemark.kml");
  g_autofree char *out = g_build_filename (fixture->dir, "out.geojson", NULL);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_here (input, import, &error);
  g_autofree char *report = NULL;
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), >, 0);
  report = sitmap_import_report_dup_text (sitmap_import_get_report (import));
  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (err, report));
  assert_says (err, "skipped");
  assert_says (err, "line ");
}

/* --from-format reads a file whatever its name; --to-format writes one whatever its name. */
static void
test_overrides (Fixture *fixture, gconstpointer data)
{
  g_autofree char *input = write_file (fixture, "table.txt", acled_table);
  g_autofree char *out = g_build_filename (fixture->dir, "events.out", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) back = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, "--from-format", "csv", "--to-format", "geojson", NULL),
                   ==, 0);
  assert_says (err, "wrote 3 events");
  assert_says (err, "(GeoJSON)");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\"type\":\"FeatureCollection\""));
  back = read_here (out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (back), ==, 3);
  /* Ids in any case, as the format's own */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sitmap (&err, "--convert", out, input, "--from-format", "GeoJSON", "--to-format", "CSV", NULL),
                   ==, 0);
  assert_says (err, "wrote 3 events");
}

/* A table whose columns Sitmap cannot tell: refused as the window's dialog says it, with the table's columns
 * and a --columns to try; then read with --columns, the columns read in the report. */
static void
test_columns (Fixture *fixture, gconstpointer data)
{
  g_autofree char *input = write_file (fixture, "unsure.csv", unsure_table);
  g_autofree char *out = write_file (fixture, "out.kml", "before");
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) none = read_here (input, import, &error);
  g_autoptr (SitmapDocument) back = NULL;
  g_autofree char *err = NULL;
  g_autofree char *message = NULL;
  g_autofree char *contents = NULL;

  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  g_assert_null (none);
  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, NULL), ==, 1);
  message = g_strdup_printf ("sitmap: %s\n", error->message);
  g_assert_true (g_str_has_prefix (err, message));
  assert_says (err, "the columns are “name”, “x1”, “x2”, “when”");
  assert_says (err, "--columns 'title=name,date=when,latitude=COLUMN,longitude=COLUMN'");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, "--columns", "latitude=x1, longitude=x2", NULL), ==, 0);
  assert_says (err, "unsure.csv: 2 events imported");
  assert_says (err, "latitude = “x1”, longitude = “x2”");
  g_clear_error (&error);
  back = read_here (out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (back), ==, 2);
  g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (back), 0), ==, "Strike on the market");

  /* A column that is not there: the reader's message names the columns; --columns to try follows */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, "--columns", "latitude=lat,longitude=x2", NULL), ==, 1);
  assert_says (err, "there is no column “lat” for the latitude; the columns are “name”, “x1”, “x2”, “when”");
  assert_says (err, "for example --columns '");
}

/* GeoJSON whose time property cannot be told: its properties, and --columns date=… */
static void
test_properties (Fixture *fixture, gconstpointer data)
{
  g_autofree char *input = write_file (fixture, "ambiguous.geojson", ambiguous_features);
  g_autofree char *out = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, NULL), ==, 1);
  assert_says (err, "sitmap: ambiguous.geojson: which property holds the time of each event?");
  assert_says (err, "the properties are “a”, “b”");
  assert_says (err, "--columns 'date=a'");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, "--columns", "date=b", NULL), ==, 0);
  assert_says (err, "wrote 1 event to");
}

/* A property's name is the file's text: escaped wherever stderr quotes it, never a bidi override raw. */
static void
test_hostile_names (Fixture *fixture, gconstpointer data)
{
  g_autofree char *input = write_file (fixture, "names.geojson",
                                       "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                       "\"properties\":{\"a\u202Eb\":\"2024-01-02\",\"c\\nd\":\"2024-03-04\"},"
                                       "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}");
  g_autofree char *out = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, NULL), ==, 1);
  g_assert_null (strstr (err, "\u202E"));
  g_assert_null (strstr (err, "c\nd"));
  assert_says (err, "the properties are “a\\u{202E}b”, “c\\nd”");
  assert_says (err, "--columns 'date=a\\u{202E}b'");
}

/* A refused file: the message the window's dialog shows (file, line, column), exit 1, OUT as it was. */
static void
test_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *input = write_file (fixture, "hostile.kml",
                                       "<?xml version=\"1.0\"?>\n<!DOCTYPE kml [<!ENTITY e \"x\">]>\n"
                                       "<kml><Document><Placemark><name>&e;</name></Placemark></Document></kml>\n");
  g_autofree char *out = write_file (fixture, "out.geojson", "before");
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) none = read_here (input, NULL, &error);
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;

  g_assert_nonnull (error);
  g_assert_null (none);
  io_assert_message_has_position (error->message, "hostile.kml", 2, 0);
  expected = g_strdup_printf ("sitmap: %s\n", error->message);
  g_assert_cmpint (run_sitmap (&err, "--convert", input, out, NULL), ==, 1);
  g_assert_cmpstr (err, ==, expected);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
}

typedef struct
{
  const char *name;
  int         status;
  const char *message;
  const char *args[8];
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "one-file", 2, "--convert needs two files, IN and OUT", { "--convert", "@DEMO@" } },
  { "three-files", 2, "3 given", { "--convert", "@DEMO@", "@DIR@/a.kml", "@DIR@/b.kml" } },
  { "unknown-extension", 2,
    "Cannot tell which format to write “@DIR@/out.txt” in from its name: end it in .kml, .kmz, .csv, .geojson, "
    "or give --to-format (kml, kmz, csv, geojson)",
    { "--convert", "@DEMO@", "@DIR@/out.txt" } },
  { "read-only-format", 2, "names a GeoRSS file, which Sitmap reads but does not write",
    { "--convert", "@DEMO@", "@DIR@/out.rss" } },
  { "unknown-to-format", 2, "--to-format “shp” is not a format Sitmap writes: it writes kml, kmz, csv, geojson",
    { "--convert", "@DEMO@", "@DIR@/out.kml", "--to-format", "shp" } },
  { "to-format-not-written", 2, "--to-format georss: Sitmap reads GeoRSS but does not write it",
    { "--convert", "@DEMO@", "@DIR@/out.kml", "--to-format", "georss" } },
  { "unknown-from-format", 2, "--from-format “gpx” is not a format Sitmap reads: it reads kml, kmz, csv, geojson, georss",
    { "--convert", "@DEMO@", "@DIR@/out.kml", "--from-format", "gpx" } },
  { "bad-columns", 2, "--columns: “lat” is not a field; the fields are",
    { "--convert", "@DEMO@", "@DIR@/out.kml", "--columns", "lat=y" } },
  { "columns-without-convert", 2, "--columns goes with --convert", { "--columns", "latitude=y", "@DEMO@" } },
  { "to-format-without-convert", 2, "--to-format goes with --convert", { "--to-format", "kml", "@DEMO@" } },
  { "export-and-convert", 2, "--export and --convert are two things",
    { "--convert", "--export", "@DIR@/out.png", "@DEMO@", "@DIR@/out.kml" } },
  { "missing", 1, "sitmap: missing.kml: the file does not exist", { "--convert", "@DIR@/missing.kml", "@DIR@/out.kml" } },
  { "not-a-format", 1, "sitmap: notes.txt: Sitmap cannot tell what kind of file this is",
    { "--convert", "@DIR@/notes.txt", "@DIR@/out.kml" } },
  { "unwritable", 1, "sitmap: out.kml: the folder it should be saved in does not exist",
    { "--convert", "@DEMO@", "@DIR@/no/such/folder/out.kml" } },
};

static void
test_error (Fixture *fixture, gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *notes = write_file (fixture, "notes.txt", "Just some words.\n");
  g_autofree char *out = g_build_filename (fixture->dir, "out.kml", NULL);
  g_autoptr (GString) message = g_string_new (c->message);
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) envp = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (sitmap_path));
  for (guint i = 0; i < G_N_ELEMENTS (c->args) && c->args[i] != NULL; i++)
    {
      g_autoptr (GString) arg = g_string_new (c->args[i]);

      g_string_replace (arg, "@DIR@", fixture->dir, 0);
      g_string_replace (arg, "@DEMO@", g_getenv ("SITMAP_DEMO"), 0);
      g_ptr_array_add (argv, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_string_replace (message, "@DIR@", fixture->dir, 0);
  if (WEXITSTATUS (status) != c->status || strstr (err, "sitmap: ") == NULL || strstr (err, message->str) == NULL)
    g_error ("%s: expected status %d and “%s”, got %d and: %s", c->name, c->status, message->str, WEXITSTATUS (status),
             err);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* sitmap --help says how to convert, with each option of it. */
static void
test_help (Fixture *fixture, gconstpointer data)
{
  const char *argv[] = { sitmap_path, "--help", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_says (out, "[FILE…] | --convert IN OUT");
  assert_says (out, "--convert ");
  assert_says (out, "--from-format=ID ");
  assert_says (out, "--to-format=ID ");
  assert_says (out, "--columns=FIELD=COLUMN,… ");
}

/* Every file of the shared corpus: converted as the window opens it, with as many events, or refused with the
 * window's message. */
static void
test_corpus (Fixture *fixture, gconstpointer data)
{
  const char *corpus = g_getenv ("SITMAP_CORPUS_DIR");
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  if (corpus == NULL || *corpus == '\0')
    {
      g_test_skip ("SITMAP_CORPUS_DIR is not set (meson setup -Dcorpus_dir=…)");
      return;
    }
  dir = g_dir_open (corpus, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *input = g_build_filename (corpus, name, NULL);
      g_autofree char *out = g_build_filename (fixture->dir, "corpus.geojson", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (SitmapDocument) document = NULL;
      g_autofree char *err = NULL;
      int status;

      if (g_str_has_suffix (name, ".md") || g_str_has_prefix (name, "LICENSE"))
        continue;
      g_test_message ("%s", name);
      document = read_here (input, NULL, &error);
      status = run_sitmap (&err, "--convert", input, out, NULL);
      if (document == NULL)
        {
          g_autofree char *expected = g_strdup_printf ("sitmap: %s\n", error->message);

          g_assert_cmpint (status, ==, 1);
          g_assert_true (g_str_has_prefix (err, expected));
        }
      else
        {
          g_autofree char *wrote = g_strdup_printf ("wrote %u event", sitmap_document_get_n_events (document));

          g_assert_cmpint (status, ==, 0);
          assert_says (err, wrote);
        }
      g_unlink (out);
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 5);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 3)
    g_error ("usage: %s PATH-TO-SITMAP PATH-TO-OGRINFO", argv[0]);
  sitmap_path = argv[1];
  ogrinfo = argv[2];

  g_test_add ("/io/convert/every-pair", Fixture, NULL, fixture_set_up, test_every_pair, fixture_tear_down);
  g_test_add ("/io/convert/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add ("/io/convert/overrides", Fixture, NULL, fixture_set_up, test_overrides, fixture_tear_down);
  g_test_add ("/io/convert/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/io/convert/properties", Fixture, NULL, fixture_set_up, test_properties, fixture_tear_down);
  g_test_add ("/io/convert/hostile-names", Fixture, NULL, fixture_set_up, test_hostile_names, fixture_tear_down);
  g_test_add ("/io/convert/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/io/convert/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/io/convert/corpus", Fixture, NULL, fixture_set_up, test_corpus, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/io/convert/error/%s", error_cases[i].name);

      g_test_add (path, Fixture, &error_cases[i], fixture_set_up, test_error, fixture_tear_down);
    }
  return g_test_run ();
}
