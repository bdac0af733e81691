/* test-export-cli.c: `sitmap --export`, run as a script would run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk/gdk.h>
#include <glib/gstdio.h>

static const char *sitmap_path;

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sitmap-export-XXXXXX", &error);
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

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Runs sitmap with args (NULL-terminated); returns its exit status and its stderr. */
static int
run_sitmap (char **err, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  const char      *arg;
  int              status;
  va_list          args;

  g_ptr_array_add (argv, (gpointer)sitmap_path);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status))
    return -1;
  return WEXITSTATUS (status);
}

static int
run_tool (const char *const *argv, char **out)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static GdkTexture *
load_png (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_file (file, &error);

  g_assert_no_error (error);
  return texture;
}

/* Share of the pixels that are not the white page: a map, not an empty frame. */
static double
ink_share (GdkTexture *texture, int x0, int y0, int x1, int y1, double max_luminance)
{
  int                width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize)width * height * 4);
  guint64            n = 0, total = 0;

  gdk_texture_download (texture, data, width * 4);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = data + ((gsize)y * width + x) * 4; /* B G R A */
        double        luminance = (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255;

        n += luminance < max_luminance;
        total++;
      }
  return (double)n / total;
}

static void
test_png (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "demo.png", NULL);
  g_autofree char *err = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int status = run_sitmap (&err, "--export", out, "--size", "1600x1000", g_getenv ("SITMAP_DEMO"), NULL);

  /* Nothing said on success: no error, no warning (LeakSanitizer's report of its suppressions aside). */
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (err, "sitmap:"));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_null (strstr (err, "WARNING"));
  g_assert_null (strstr (err, "runtime error"));
  texture = load_png (out);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1600);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1000);
  /* The map: most of the middle of the page is tiles, not white paper. */
  g_assert_cmpfloat (ink_share (texture, 100, 150, 1500, 500, 0.97), >, 0.5);
  /* Dark text somewhere: the title at the top left. */
  g_assert_cmpfloat (ink_share (texture, 20, 20, 400, 50, 0.4), >, 0.03);
  /* Nothing is left beside the output: the write was atomic. */
  {
    g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_png_4k_is_hd_twice (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "demo4k.png", NULL);
  g_autoptr (GdkTexture) texture = NULL;
  int status = run_sitmap (NULL, "--export", out, "--size", "3840x2160", g_getenv ("SITMAP_DEMO"), NULL);

  g_assert_cmpint (status, ==, 0);
  texture = load_png (out);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 3840);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 2160);
  /* The title is drawn at twice the size, so it reaches as far down as HD's does at twice the pixels. */
  g_assert_cmpfloat (ink_share (texture, 40, 40, 800, 100, 0.4), >, 0.03);
}

static void
test_svg (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "demo.svg", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *lint_out = NULL;
  const char      *lint[] = { "xmllint", "--noout", out, NULL };
  int              status
      = run_sitmap (NULL, "--export", out, "--title", "Briefing <12 December> & after", g_getenv ("SITMAP_DEMO"), NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (run_tool (lint, &lint_out), ==, 0);
  g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
  /* Text stays text: the title (escaped, never markup), a source note, the attribution. */
  g_assert_nonnull (strstr (svg, "<text"));
  g_assert_nonnull (strstr (svg, ">Briefing &lt;12 December&gt; &amp; after</text>"));
  g_assert_nonnull (strstr (svg, "IS kills 54 fleeing government soldiers"));
  g_assert_nonnull (strstr (svg, "SOHR via AFP"));
  g_assert_nonnull (strstr (svg, "Natural Earth"));
  /* Tiles are embedded images. */
  g_assert_nonnull (strstr (svg, "<image"));
}

static void
test_pdf (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "demo.pdf", NULL);
  g_autofree char *prefix = g_build_filename (fixture->dir, "page", NULL);
  g_autofree char *page = g_build_filename (fixture->dir, "page-1.png", NULL);
  g_autofree char *info = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  const char      *pdfinfo[] = { "pdfinfo", out, NULL };
  const char      *pdftoppm[] = { "pdftoppm", "-r", "48", "-png", out, prefix, NULL };
  const char      *pdftotext[] = { "pdftotext", out, "-", NULL };
  g_autofree char *text = NULL;
  int              status = run_sitmap (NULL, "--export", out, g_getenv ("SITMAP_DEMO"), NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (run_tool (pdfinfo, &info), ==, 0);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_cmpint (run_tool (pdftoppm, NULL), ==, 0);
  texture = load_png (page);
  /* 1920 × 1080 pixels are 1440 × 810 points; at 48 dpi, 960 × 540 pixels. */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 960);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 540);
  g_assert_cmpfloat (ink_share (texture, 50, 80, 900, 250, 0.97), >, 0.5);
  g_assert_cmpint (run_tool (pdftotext, &text), ==, 0);
  g_assert_nonnull (strstr (text, "Natural Earth"));
}

/* --size a4 is a page of A4 at 300 dpi: in a PDF, 595 × 842 points. */
static void
test_pdf_a4 (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "a4.pdf", NULL);
  g_autofree char *info = NULL;
  const char      *pdfinfo[] = { "pdfinfo", out, NULL };
  int status = run_sitmap (NULL, "--export", out, "--size", "a4-landscape", g_getenv ("SITMAP_DEMO"), NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (run_tool (pdfinfo, &info), ==, 0);
  g_assert_nonnull (strstr (info, "Page size:       841.92 x 595.2 pts (A4)"));
}

static void
test_range (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "december.svg", NULL);
  g_autofree char *svg = NULL;
  int              status = run_sitmap (NULL, "--export", out, "--from", "2024-12-07", "--to", "2024-12-10",
                                        g_getenv ("SITMAP_DEMO"), NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
  /* The fall of the government (8 December) is in; the offensive (27 November) and 2011 are not. */
  g_assert_nonnull (strstr (svg, "Assad government falls"));
  g_assert_null (strstr (svg, "HTS-led factions"));
  g_assert_null (strstr (svg, "War in Syria begins"));
  g_assert_nonnull (strstr (svg, "7 December 2024 to 10 December 2024"));
}

/* A KML file of Google Earth's kind: two placemarks, no view of its own. */
static const char two_placemarks[]
    = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>Two towns</name>\n"
      "<Placemark><name>Meeting in Homs</name><TimeStamp><when>2024-12-01</when></TimeStamp>"
      "<Point><coordinates>36.7094,34.7308</coordinates></Point></Placemark>\n"
      "<Placemark><name>Meeting in Palmyra</name><TimeStamp><when>2024-12-02</when></TimeStamp>"
      "<Point><coordinates>38.2840,34.5624</coordinates></Point></Placemark>\n"
      "</Document></kml>\n";

/* Without a view of the document's own or on the command line, the map fits the placed events: Homs
 * and Palmyra, 150 km apart, fill the map, so its scale bar measures tens of kilometres. */
static void
test_fit_events (Fixture *fixture, gconstpointer data)
{
  g_autofree char *kml = g_build_filename (fixture->dir, "two.kml", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "two.svg", NULL);
  g_autofree char *svg = NULL;
  gboolean         found = FALSE;

  g_assert_true (g_file_set_contents (kml, two_placemarks, -1, NULL));
  g_assert_cmpint (run_sitmap (NULL, "--export", out, kml, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Two towns</text>"));
  for (const char *p = strstr (svg, " km</text>"); p != NULL && !found; p = strstr (p + 1, " km</text>"))
    {
      const char *start = p;

      while (start > svg && g_ascii_isdigit (start[-1]))
        start--;
      found = start < p && g_ascii_strtoull (start, NULL, 10) <= 50;
    }
  g_assert_true (found);
}

/* Events with no date: the subtitle counts them and invents no range, and there is no timeline strip of
 * a time nothing on the page has. The demo without a range: all dates, and the span its events have. */
static const char undated_placemarks[]
    = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>Undated</name>\n"
      "<Placemark><name>Meeting in Homs</name><Point><coordinates>36.7094,34.7308</coordinates></Point></Placemark>\n"
      "<Placemark><name>Meeting in Palmyra</name><Point><coordinates>38.2840,34.5624</coordinates></Point></Placemark>\n"
      "</Document></kml>\n";

static void
test_subtitle (Fixture *fixture, gconstpointer data)
{
  g_autofree char *kml = g_build_filename (fixture->dir, "undated.kml", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "undated.pdf", NULL);
  g_autofree char *demo_out = g_build_filename (fixture->dir, "demo.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *demo_text = NULL;
  const char      *pdftotext[] = { "pdftotext", out, "-", NULL };
  const char      *demo_pdftotext[] = { "pdftotext", demo_out, "-", NULL };

  g_assert_true (g_file_set_contents (kml, undated_placemarks, -1, NULL));
  g_assert_cmpint (run_sitmap (NULL, "--export", out, kml, NULL), ==, 0);
  g_assert_cmpint (run_tool (pdftotext, &text), ==, 0);
  g_assert_nonnull (strstr (text, "2 events (all undated)"));
  /* No year anywhere above the "exported on" line: no range invented for the subtitle, no strip with
   * years under it. */
  g_assert_nonnull (strstr (text, "Exported on"));
  for (const char *p = text; p < strstr (text, "Exported on"); p++)
    g_assert_false (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
                    && g_ascii_isdigit (p[3]));

  g_assert_cmpint (run_sitmap (NULL, "--export", demo_out, g_getenv ("SITMAP_DEMO"), NULL), ==, 0);
  g_assert_cmpint (run_tool (demo_pdftotext, &demo_text), ==, 0);
  g_assert_nonnull (strstr (demo_text, "All dates, from 2011 to 10 December 2024 · 10 events (1 open-ended, 2 undated)"));
}

/* A page too small for its parts, with a few hundred events (the timeline strip would be a histogram):
 * the file is written at its size without them, and stderr says what was left out. */
static void
test_small_page (Fixture *fixture, gconstpointer data)
{
  g_autofree char *kml = g_build_filename (fixture->dir, "many.kml", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "small.png", NULL);
  g_autofree char *err = NULL;
  g_autoptr (GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                           "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>Many</name>\n");
  g_autoptr (GdkTexture) texture = NULL;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (text,
                            "<Placemark><name>Event %u</name><TimeStamp><when>2024-%02u-%02u</when></TimeStamp>"
                            "<Point><coordinates>%.3f,%.3f</coordinates></Point></Placemark>\n",
                            i, 1 + i % 12, 1 + i % 28, 36.0 + (i % 40) * 0.1, 33.0 + (i / 40) * 0.3);
  g_string_append (text, "</Document></kml>\n");
  g_assert_true (g_file_set_contents (kml, text->str, -1, NULL));
  g_assert_cmpint (run_sitmap (&err, "--export", out, "--size", "320x240", kml, NULL), ==, 0);
  texture = load_png (out);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 320);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 240);
  if (strstr (err, "sitmap: The page is too small for the source notes, the timeline strip") == NULL)
    g_error ("stderr does not say what was left out: %s", err);
}

/* A title of a megabyte: the export is written, its title cut to what the page shows. (How fast: the
 * benchmark export_png_1mb_title_s.) */
static void
test_long_title (Fixture *fixture, gconstpointer data)
{
  g_autofree char *kml = g_build_filename (fixture->dir, "long.kml", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "long.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr (GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                           "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>");
  const char *end;

  while (text->len < 1024 * 1024)
    g_string_append (text, "xxxxxxxxxxxxxxxx");
  g_string_append (text, "</name>\n<Placemark><name>Meeting in Homs</name><TimeStamp><when>2024-12-01</when>"
                         "</TimeStamp><Point><coordinates>36.7094,34.7308</coordinates></Point></Placemark>\n"
                         "</Document></kml>\n");
  g_assert_true (g_file_set_contents (kml, text->str, -1, NULL));
  g_assert_cmpint (run_sitmap (NULL, "--export", out, kml, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
  /* Three lines of the title, the last ending in an ellipsis; the map and its event below it. */
  end = strstr (svg, "…</text>");
  g_assert_nonnull (end);
  g_assert_cmpuint (strlen (svg), <, 512 * 1024);
  g_assert_nonnull (strstr (svg, "Meeting in Homs"));
}

/* `--demo` is a document: the bundled demo, exported as any KML file would be. */
static void
test_demo (Fixture *fixture, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "demo.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char      *pdftotext[] = { "pdftotext", out, "-", NULL };
  int              status = run_sitmap (&err, "--export", out, "--size", "a4", "--demo", NULL);

  g_assert_cmpstr (strstr (err, "sitmap:"), ==, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (run_tool (pdftotext, &text), ==, 0);
  g_assert_nonnull (strstr (text, "Syria"));
  g_assert_nonnull (strstr (text, "IS kills 54 fleeing government soldiers"));
  g_assert_nonnull (strstr (text, "from the bundled demo"));
  g_assert_nonnull (strstr (text, "Natural Earth"));
}

typedef struct
{
  const char *name;
  int         status;
  const char *message;
  const char *args[8];
} ErrorCase;

/* Every way the command line can be wrong, with the status and the words of its message. */
static const ErrorCase error_cases[] = {
  { "format", 2, "must end in .png, .svg or .pdf", { "--export", "@DIR@/out.gif", "@DEMO@" } },
  { "no-extension", 2, "must end in .png, .svg or .pdf", { "--export", "@DIR@/out", "@DEMO@" } },
  { "size", 2, "--size: Size “big” is not understood", { "--export", "@DIR@/out.png", "--size", "big", "@DEMO@" } },
  { "size-range", 2, "is out of range", { "--export", "@DIR@/out.png", "--size", "10x10", "@DEMO@" } },
  { "from", 2, "--from “yesterday” is not a date", { "--export", "@DIR@/out.png", "--from", "yesterday", "@DEMO@" } },
  { "to", 2, "--to “2024-13-40” is not a date", { "--export", "@DIR@/out.png", "--to", "2024-13-40", "@DEMO@" } },
  { "order",
    2,
    "--from must come before --to",
    { "--export", "@DIR@/out.png", "--from", "2024-12-10", "--to", "2024-12-01", "@DEMO@" } },
  { "center",
    2,
    "--center “north” is not understood",
    { "--export", "@DIR@/out.png", "--center", "north", "--zoom", "5", "@DEMO@" } },
  { "center-alone",
    2,
    "--center and --zoom go together",
    { "--export", "@DIR@/out.png", "--center", "34,38", "@DEMO@" } },
  { "zoom",
    2,
    "--zoom “99” is not a zoom level",
    { "--export", "@DIR@/out.png", "--center", "34,38", "--zoom", "99", "@DEMO@" } },
  { "no-document", 2, "needs exactly one document", { "--export", "@DIR@/out.png" } },
  { "two-documents", 2, "(a FILE, or --demo), 2 given", { "--export", "@DIR@/out.png", "@DEMO@", "@DEMO@" } },
  /* The demo is a document: with a FILE beside it, which of the two is meant cannot be told. */
  { "demo-and-file", 2, "--demo and a FILE", { "--export", "@DIR@/out.png", "--demo", "@DEMO@" } },
  { "open-demo-and-file", 2, "--demo and a FILE", { "--demo", "@DEMO@" } },
  /* The export's options without --export would be dropped in silence. */
  { "size-without-export", 2, "--size goes with --export", { "--size", "a4", "@DEMO@" } },
  { "title-without-export", 2, "--title goes with --export", { "--demo", "--title", "Briefing" } },
  { "unreadable", 1, "Cannot read the document", { "--export", "@DIR@/out.png", "@DIR@/missing.kml" } },
  { "not-kml", 1, "Cannot read the document", { "--export", "@DIR@/out.png", "@DIR@/not-kml.kml" } },
  { "unwritable", 1, "Cannot write “", { "--export", "@DIR@/no/such/folder/out.png", "@DEMO@" } },
};

static void
test_error (Fixture *fixture, gconstpointer data)
{
  const ErrorCase *c = data;
  g_autofree char *not_kml = g_build_filename (fixture->dir, "not-kml.kml", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) envp = NULL;
  int              status;

  g_assert_true (g_file_set_contents (not_kml, "this is not XML", -1, NULL));
  g_ptr_array_add (argv, g_strdup (sitmap_path));
  for (guint i = 0; i < G_N_ELEMENTS (c->args) && c->args[i] != NULL; i++)
    {
      g_autoptr (GString) arg = g_string_new (c->args[i]);

      g_string_replace (arg, "@DIR@", fixture->dir, 0);
      g_string_replace (arg, "@DEMO@", g_getenv ("SITMAP_DEMO"), 0);
      g_ptr_array_add (argv, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  g_ptr_array_add (argv, NULL);
  /* A wrong command line is said before anything starts: no display and no session bus are needed
   * (without them, a Sitmap that went on to open a window would fail at once, not hang the test). */
  envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, c->status);
  g_assert_true (g_str_has_prefix (err, "sitmap: "));
  if (strstr (err, c->message) == NULL)
    g_error ("%s: expected “%s” in: %s", c->name, c->message, err);
  /* No output, and nothing half-written. */
  {
    g_autofree char *out = g_build_filename (fixture->dir, "out.png", NULL);

    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s PATH-TO-SITMAP", argv[0]);
  sitmap_path = argv[1];

  g_test_add ("/export/cli/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/export/cli/png-4k", Fixture, NULL, fixture_set_up, test_png_4k_is_hd_twice, fixture_tear_down);
  g_test_add ("/export/cli/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/export/cli/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/cli/pdf-a4", Fixture, NULL, fixture_set_up, test_pdf_a4, fixture_tear_down);
  g_test_add ("/export/cli/fit-events", Fixture, NULL, fixture_set_up, test_fit_events, fixture_tear_down);
  g_test_add ("/export/cli/range", Fixture, NULL, fixture_set_up, test_range, fixture_tear_down);
  g_test_add ("/export/cli/subtitle", Fixture, NULL, fixture_set_up, test_subtitle, fixture_tear_down);
  g_test_add ("/export/cli/small-page", Fixture, NULL, fixture_set_up, test_small_page, fixture_tear_down);
  g_test_add ("/export/cli/long-title", Fixture, NULL, fixture_set_up, test_long_title, fixture_tear_down);
  g_test_add ("/export/cli/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/cli/error/%s", error_cases[i].name);

      g_test_add (path, Fixture, &error_cases[i], fixture_set_up, test_error, fixture_tear_down);
    }
  return g_test_run ();
}
