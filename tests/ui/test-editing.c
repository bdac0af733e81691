/* test-editing.c: edits can be undone, are saved where the user says, and are never lost on close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-kml-reader.h"
#include "sitmap-reliability-command.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

static SitmapWindow *window;
static char *folder;

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static SitmapSource *
sohr (void)
{
  gint index = sitmap_document_find_source (document (), "sohr");

  g_assert_cmpint (index, >=, 0);
  return sitmap_document_get_source (document (), index);
}

/* What the grading editor does: push a command on the document's undo stack. */
static void
grade_sohr (SitmapReliability reliability)
{
  g_autoptr (SitmapCommand) command = sitmap_reliability_command_new (sohr (), reliability);

  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document ()), command);
}

static gboolean
title_is (gpointer data)
{
  return g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), data) == 0;
}

static gboolean
other_window_appeared (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  return others != NULL;
}

static gboolean
other_windows_gone (gpointer data)
{
  return !other_window_appeared (data);
}

static GtkWindow *
other_window (void)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  g_assert_nonnull (others);
  return others->data;
}

static void
test_undo_marks_title (void)
{
  grade_sohr (SITMAP_RELIABILITY_B);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Syria, late 2024 — Sitmap");

  /* Ctrl+Z, typed, takes it back, and the document is as it was opened */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (title_is, "Syria, late 2024 — Sitmap", 5000, "the edit to be undone");
  g_assert_cmpint (sitmap_source_get_reliability (sohr ()), ==, SITMAP_RELIABILITY_C);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+shift+z");
  sitmap_test_wait_until (title_is, "• Syria, late 2024 — Sitmap", 5000, "the edit to be redone");
  g_assert_cmpint (sitmap_source_get_reliability (sohr ()), ==, SITMAP_RELIABILITY_B);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static SitmapReliability
reliability_in_file (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) saved = sitmap_kml_read_file (file, NULL, &error);

  g_assert_no_error (error);
  return sitmap_source_get_reliability (
    sitmap_document_get_source (saved, sitmap_document_find_source (saved, "sohr")));
}

/* The demo is read-only: Ctrl+S asks where to save; from then on the document lives there. */
static void
test_save_asks_then_saves_in_place (void)
{
  g_autofree char *path = g_build_filename (folder, "my-syria.kml", NULL);
  GtkWindow *chooser;

  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (other_window_appeared, NULL, 5000, "the save dialog");
  chooser = other_window ();
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Save Document");
  /* The name field has the focus: a whole path typed there is taken as it is. */
  sitmap_test_key (GTK_WIDGET (chooser), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (chooser), path);
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (file_exists, path, 10000, "the document to be saved");
  sitmap_test_wait_until (title_is, "Syria, late 2024 — Sitmap", 5000, "the title to show it saved");
  g_assert_cmpint (reliability_in_file (path), ==, SITMAP_RELIABILITY_B);

  /* Now Sitmap's own file: Ctrl+S writes it again, without asking */
  grade_sohr (SITMAP_RELIABILITY_A);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (title_is, "Syria, late 2024 — Sitmap", 5000, "the second save");
  g_assert_null (sitmap_test_list_other_windows (GTK_WINDOW (window)));
  g_assert_cmpint (reliability_in_file (path), ==, SITMAP_RELIABILITY_A);
}

static gboolean
window_closed (gpointer data)
{
  return window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window));
}

/* Closing with unsaved edits asks first; Cancel keeps the window and the edits. */
static void
test_close_asks (void)
{
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  grade_sohr (SITMAP_RELIABILITY_D);
  gtk_window_close (GTK_WINDOW (window));
  sitmap_test_wait_until (other_window_appeared, NULL, 5000, "the unsaved-changes dialog");
  dialog = other_window ();
  text = sitmap_test_collect_text (GTK_WIDGET (dialog));
  g_test_message ("dialog reads:\n%s", text);
  g_assert_nonnull (strstr (text, "Save Changes to “Syria, late 2024”?"));
  sitmap_test_key (GTK_WIDGET (dialog), "Escape");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the dialog to close");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (sitmap_source_get_reliability (sohr ()), ==, SITMAP_RELIABILITY_D);

  /* Save from the dialog: the file gets the edit, then the window closes */
  gtk_window_close (GTK_WINDOW (window));
  sitmap_test_wait_until (other_window_appeared, NULL, 5000, "the unsaved-changes dialog");
  sitmap_test_key (GTK_WIDGET (other_window ()), "Return");
  sitmap_test_wait_until (window_closed, NULL, 10000, "the window to close after saving");
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("sitmap-editing-XXXXXX", &error);
  g_assert_no_error (error);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/editing/undo-marks-title", test_undo_marks_title);
  g_test_add_func ("/editing/save-asks-then-saves-in-place", test_save_asks_then_saves_in_place);
  g_test_add_func ("/editing/close-asks", test_close_asks);
  status = g_test_run ();

  path = g_build_filename (folder, "my-syria.kml", NULL);
  /* The last test saved from the close dialog */
  if (status == 0)
    g_assert_cmpint (reliability_in_file (path), ==, SITMAP_RELIABILITY_D);
  g_unlink (path);
  g_rmdir (folder);
  g_free (folder);
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
