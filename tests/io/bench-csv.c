/* bench-csv.c: a million ACLED rows (about 480 MB) to a time-indexed document, against GDAL on the same file
 *
 * Usage: bench-csv SITMAP-GENERATE OGRINFO [N_EVENTS]
 *
 * Generates the table with tools/sitmap-generate into a temporary folder (removed at the end), then imports
 * it in a child process of its own each run (so that each run's peak memory is its own), and runs GDAL's
 * ogrinfo over the same file as the issue words it. Prints, the median of the runs:
 *
 *   import_acled_csv_1m_s                 the file to a finished document: mapped, read, sorted, indexed
 *   import_acled_csv_1m_peak_rss_ratio    the import's peak resident memory over the file's size
 *   import_acled_csv_vs_gdal_ratio        GDAL's time over Sitmap's
 *
 * and, as comments, where the time goes in the last run (the readers' own timings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sitmap-bench.h"
#include "sitmap-csv-reader.h"
#include "sitmap-load-bytes.h"

#define N_RUNS 3

/* The process's peak resident memory, in kB */
static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

/* The timings the reader logs at debug level, kept for the parent to print */
static GString *phases;

static void
keep_phase_cb (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  g_string_append_printf (phases, "#   %s: %s\n", domain, message);
}

/* In the child: one import, what it took */
static int
import_once (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  double start, seconds;
  gsize size;

  phases = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "sitmap-csv sitmap-event-store sitmap-document-builder", TRUE);
  g_log_set_handler ("sitmap-csv", G_LOG_LEVEL_DEBUG, keep_phase_cb, NULL);
  g_log_set_handler ("sitmap-event-store", G_LOG_LEVEL_DEBUG, keep_phase_cb, NULL);
  g_log_set_handler ("sitmap-document-builder", G_LOG_LEVEL_DEBUG, keep_phase_cb, NULL);

  start = sitmap_bench_now_ms ();
  bytes = sitmap_load_bytes (file, NULL, &display_name, &error);
  if (bytes == NULL)
    g_error ("%s", error->message);
  sitmap_import_begin (import, display_name, NULL);
  document = sitmap_csv_read (bytes, import, &error);
  seconds = (sitmap_bench_now_ms () - start) / 1000;
  if (document == NULL)
    g_error ("%s", error->message);
  g_bytes_get_data (bytes, &size);
  printf ("seconds %.4f\npeak_kb %" G_GINT64_FORMAT "\nsize %" G_GSIZE_FORMAT "\nevents %u\nmapped %d\n%s",
          seconds, peak_rss_kb (), size, sitmap_document_get_n_events (document), sitmap_bytes_is_mapped (bytes),
          phases->str);
  return 0;
}

static char *
run (const char *const *argv, double *seconds)
{
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (GError) error = NULL;
  double start = sitmap_bench_now_ms ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (seconds != NULL)
    *seconds = (sitmap_bench_now_ms () - start) / 1000;
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, errors);
  return g_steal_pointer (&output);
}

static double
value_of (const char *output, const char *name)
{
  const char *line = strstr (output, name);

  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen (name), NULL);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *count = NULL;
  g_autofree char *last = NULL;
  g_autofree char *sql = NULL;
  double seconds[N_RUNS], ratios[N_RUNS], gdal[N_RUNS];
  double median, gdal_median;

  if (argc == 3 && strcmp (argv[1], "--child") == 0)
    return import_once (argv[2]);
  if (argc < 3)
    {
      g_printerr ("usage: bench-csv SITMAP-GENERATE OGRINFO [N_EVENTS]\n");
      return 2;
    }
  count = g_strdup (argc > 3 ? argv[3] : "1000000");
  dir = g_dir_make_tmp ("sitmap-bench-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "acled.csv", NULL);
  {
    const char *generate[] = { argv[1], "--format", "acled-csv", "--events", count, "--seed", "1", "-o", path, NULL };
    g_autofree char *output = run (generate, NULL);
    int fd = open (path, O_RDONLY);

    /* On disk and in the page cache, as a file a user opens is: no writeback under the runs */
    g_assert_cmpint (fd, >=, 0);
    fsync (fd);
    close (fd);
  }

  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *child[] = { argv[0], "--child", path, NULL };

      g_free (last);
      last = run (child, NULL);
      seconds[i] = value_of (last, "seconds ");
      ratios[i] = value_of (last, "peak_kb ") * 1024 / value_of (last, "size ");
    }
  /* GDAL reading every row, as the issue measures it */
  sql = g_strdup ("SELECT MAX(longitude) FROM acled");
  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *ogr[] = { argv[2], "-ro", "-q", "-oo", "X_POSSIBLE_NAMES=longitude", "-oo",
                            "Y_POSSIBLE_NAMES=latitude", "-oo", "AUTODETECT_TYPE=NO", "-sql", sql, path, NULL };
      g_autofree char *output = run (ogr, &gdal[i]);
    }

  median = sitmap_bench_median (seconds, N_RUNS);
  gdal_median = sitmap_bench_median (gdal, N_RUNS);
  printf ("# %s events, %.0f MB, %u runs each; the last import:\n", count, value_of (last, "size ") / 1e6, N_RUNS);
  {
    const char *comment = strchr (last, '#');

    printf ("%s", comment ? comment : "");
  }
  printf ("import_acled_csv_1m_s: %.3f s\n", median);
  printf ("import_acled_csv_1m_peak_rss_ratio: %.3f\n", sitmap_bench_median (ratios, N_RUNS));
  printf ("import_acled_csv_gdal_s: %.3f s\n", gdal_median);
  printf ("import_acled_csv_vs_gdal_ratio: %.2f\n", gdal_median / median);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
