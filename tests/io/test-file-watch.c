/* test-file-watch.c: another program's change to a document's file is noticed; Sitmap's own saves are not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-file-watch.h"

static void
count_cb (SitmapFileWatch *watch, guint *n)
{
  (*n)++;
}

/* Runs the main loop for ms milliseconds, or until *n reaches until. */
static void
run_for (guint ms, guint *n, guint until)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end && *n < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
}

/* What another program does: write a new file and rename it over the old one, as editors do. */
static void
replace (const char *path, const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_changes (void)
{
  g_autofree char *folder = g_dir_make_tmp ("sitmap-watch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapFileWatch) watch = sitmap_file_watch_new ();
  guint n = 0;
  FILE *stream;

  replace (path, "one");
  sitmap_file_watch_set_quiet_time (watch, 50);
  sitmap_file_watch_set_file (watch, file);
  g_signal_connect (watch, "changed", G_CALLBACK (count_cb), &n);
  run_for (300, &n, 1);
  g_assert_cmpuint (n, ==, 0);

  /* Replaced by another program: told once */
  replace (path, "two");
  run_for (5000, &n, 1);
  g_assert_cmpuint (n, ==, 1);
  run_for (300, &n, 2);
  g_assert_cmpuint (n, ==, 1);

  /* Written in place, appended to */
  stream = fopen (path, "a");
  fputs (" and more", stream);
  fclose (stream);
  run_for (5000, &n, 2);
  g_assert_cmpuint (n, ==, 2);

  /* Sitmap's own save: not told */
  sitmap_file_watch_hold (watch);
  replace (path, "Sitmap's own");
  run_for (300, &n, 3);
  sitmap_file_watch_release (watch);
  run_for (500, &n, 3);
  g_assert_cmpuint (n, ==, 2);

  /* Removed: not told; back again, changed: told */
  g_unlink (path);
  run_for (300, &n, 3);
  g_assert_cmpuint (n, ==, 2);
  replace (path, "three");
  run_for (5000, &n, 3);
  g_assert_cmpuint (n, ==, 3);

  /* No longer watched */
  sitmap_file_watch_set_file (watch, NULL);
  replace (path, "four");
  run_for (300, &n, 4);
  g_assert_cmpuint (n, ==, 3);
  g_unlink (path);
  g_rmdir (folder);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/file-watch/changes", test_changes);
  return g_test_run ();
}
