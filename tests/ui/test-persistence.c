/* test-persistence.c: the window never loses an edit: failed saves say why and keep everything, unsaved
 * changes are kept on disk and offered back, a file changed by another program asks, a table saves as KML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/mount.h>

#include "sitmap-application.h"
#include "sitmap-kml-reader.h"
#include "sitmap-recovery.h"
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

static SitmapUndoStack *
stack (void)
{
  return sitmap_document_get_undo_stack (document ());
}

static void
grade (const char *source, SitmapReliability reliability)
{
  gint index = sitmap_document_find_source (document (), source);
  g_autoptr (SitmapCommand) command = NULL;

  g_assert_cmpint (index, >=, 0);
  command = sitmap_reliability_command_new (sitmap_document_get_source (document (), index), reliability);
  sitmap_undo_stack_push (stack (), command);
}

static void
grade_sohr (SitmapReliability reliability)
{
  grade ("sohr", reliability);
}

static SitmapReliability
sohr_in (SitmapDocument *doc)
{
  return sitmap_source_get_reliability (sitmap_document_get_source (doc, sitmap_document_find_source (doc, "sohr")));
}

static SitmapDocument *
read_file (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  SitmapDocument *doc = sitmap_kml_read_file (file, NULL, &error);

  g_assert_no_error (error);
  return doc;
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

/* The dialog over the window, once it shows, with its text in *text. */
static GtkWindow *
wait_for_dialog (const char *what, char **text)
{
  g_autoptr (GList) others = NULL;

  sitmap_test_wait_until (other_window_appeared, NULL, 10000, what);
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  sitmap_test_wait_for_paint (others->data);
  *text = sitmap_test_collect_text (others->data);
  g_test_message ("%s reads:\n%s", what, *text);
  /* SITMAP_SCREENSHOT_DIR=folder saves each dialog, named after what was awaited */
  if (g_getenv ("SITMAP_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *name = g_strdelimit (g_strconcat (what, ".png", NULL), " '’", '-');
      g_autofree char *path = g_build_filename (g_getenv ("SITMAP_SCREENSHOT_DIR"), name, NULL);
      g_autoptr (GdkTexture) texture = sitmap_test_render (others->data, path);
    }
  return others->data;
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

static gboolean
dialog_gone (gpointer dialog)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  return g_list_find (others, dialog) == NULL;
}

/* A real click on the dialog's button with this label */
static void
click_button (GtkWindow *dialog, const char *label)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (dialog, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      {
        sitmap_test_click_centre (g_ptr_array_index (buttons, i));
        sitmap_test_wait_until (dialog_gone, dialog, 5000, "the dialog to close");
        return;
      }
  g_error ("No button “%s”", label);
}

static gboolean
title_modified (gpointer data)
{
  return g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• ") == GPOINTER_TO_INT (data);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_missing (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The document lives at path from now on, as if it had been opened from there. */
static void
move_document_to (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  sitmap_document_set_file (document (), file);
  sitmap_document_set_native (document (), TRUE);
}

/* Ctrl+S where the file cannot be written: a dialog says why in words and that the file was not changed; the
 * edit stays, unsaved, kept in the recovery file. */
static void
save_fails (const char *path, const char *why)
{
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  move_document_to (path);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  dialog = wait_for_dialog ("the failed save's dialog", &text);
  assert_contains (text, "Could Not Save");
  assert_contains (text, why);
  assert_contains (text, "Your changes are still here, unsaved");
  g_assert_true (title_modified (GINT_TO_POINTER (TRUE)));
  g_assert_cmpint (sohr_in (document ()), ==, SITMAP_RELIABILITY_B);
  g_assert_true (g_file_test (sitmap_recovery_get_path (sitmap_window_get_recovery (window)), G_FILE_TEST_EXISTS));
  click_button (dialog, "_Close");
  g_assert_true (title_modified (GINT_TO_POINTER (TRUE)));
}

static void
test_save_fails (void)
{
  g_autofree char *missing = g_build_filename (folder, "no such folder", "report.kml", NULL);
  g_autofree char *mount_point = g_build_filename (folder, "small-disk", NULL);
  g_autofree char *full = g_build_filename (mount_point, "report.kml", NULL);
  g_autoptr (GBytes) old = g_bytes_new_static ("<kml>the version on the disk</kml>\n", 35);
  g_autoptr (GBytes) after = NULL;
  SitmapRecovery *recovery = sitmap_window_get_recovery (window);

  grade_sohr (SITMAP_RELIABILITY_B);
  /* Kept on disk within 5 s of the change, off the main thread */
  sitmap_test_wait_until ((SitmapTestCondition) file_exists, (gpointer) sitmap_recovery_get_path (recovery), 5000,
                          "the recovery file");
  save_fails (missing, "The folder to save in does not exist: “report.kml” was not saved.");

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (mount ("tmpfs", mount_point, "tmpfs", 0, "size=8k") != 0)
    {
      g_test_message ("no full disk: mounting a tmpfs is not permitted here (%s)", g_strerror (errno));
      g_rmdir (mount_point);
      return;
    }
  g_assert_true (g_file_set_contents (full, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  save_fails (full, "The disk is full: “report.kml” was not changed.");
  after = read_bytes (full);
  g_assert_true (g_bytes_equal (after, old));
  g_assert_cmpint (umount (mount_point), ==, 0);
  g_rmdir (mount_point);
}

/* From the failure's dialog, Save As saves elsewhere: nothing was lost. */
static void
test_save_elsewhere_after_failure (void)
{
  g_autofree char *missing = g_build_filename (folder, "no such folder", "report.kml", NULL);
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autofree char *text = NULL;
  g_autoptr (SitmapDocument) saved = NULL;
  const char *recovery_path = sitmap_recovery_get_path (sitmap_window_get_recovery (window));
  GtkWindow *dialog;

  move_document_to (missing);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  dialog = wait_for_dialog ("the failed save's dialog", &text);
  click_button (dialog, "Save _As…");
  dialog = wait_for_dialog ("the save dialog", &text);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Save Document");
  sitmap_test_key (GTK_WIDGET (dialog), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (dialog), path);
  sitmap_test_key (GTK_WIDGET (dialog), "Return");
  sitmap_test_wait_until (title_modified, GINT_TO_POINTER (FALSE), 10000, "the document to be saved");
  saved = read_file (path);
  g_assert_cmpint (sohr_in (saved), ==, SITMAP_RELIABILITY_B);
  /* Saved: nothing left to recover */
  sitmap_test_wait_until (file_missing, (gpointer) recovery_path, 5000, "the recovery file to go");
}

static gboolean
window_says (gpointer part)
{
  g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (window));

  return strstr (text, part) != NULL;
}

static gboolean
afp_is_not_f (gpointer data)
{
  SitmapDocument *doc = document ();

  return sitmap_source_get_reliability (sitmap_document_get_source (doc, sitmap_document_find_source (doc, "afp")))
         != SITMAP_RELIABILITY_F;
}

static gboolean
window_does_not_say (gpointer part)
{
  return !window_says (part);
}

/* An edit made while the file is written may or may not be in it: once the save is done, the document is still
 * unsaved (and undoing that edit does not make it look saved either). */
static void
test_edit_during_save (void)
{
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autoptr (SitmapDocument) saved = NULL;
  SitmapReliability in_file;

  /* The last test's toast, gone */
  sitmap_test_wait_until (window_does_not_say, "Saved “report.kml”", 20000, "the last toast to go");
  grade_sohr (SITMAP_RELIABILITY_C);
  /* Ctrl+S starts the save in a worker thread; the edit comes before its answer */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  grade ("afp", SITMAP_RELIABILITY_F);
  sitmap_test_wait_until (window_says, "Saved “report.kml”", 20000, "the save's toast");
  g_assert_true (title_modified (GINT_TO_POINTER (TRUE)));
  saved = read_file (path);
  g_assert_cmpint (sohr_in (saved), ==, SITMAP_RELIABILITY_C);
  in_file = sitmap_source_get_reliability (
    sitmap_document_get_source (saved, sitmap_document_find_source (saved, "afp")));
  g_test_message ("the edit made during the save is %sin the file", in_file == SITMAP_RELIABILITY_F ? "" : "not ");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (afp_is_not_f, NULL, 5000, "the undo");
  g_assert_true (title_modified (GINT_TO_POINTER (TRUE)));
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (title_modified, GINT_TO_POINTER (FALSE), 10000, "the second save");
}

/* Another program changes the file: Keep Mine leaves the document as shown, to replace theirs when saved;
 * with unsaved changes, Reload says it drops them, and brings their version in. Sitmap's own saves ask
 * nothing. */
static void
test_changed_on_disk (void)
{
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autofree char *kml = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GString) edited = NULL;
  GtkWindow *dialog;

  g_assert_true (g_file_get_contents (path, &kml, NULL, NULL));
  edited = g_string_new (kml);
  g_assert_cmpint (g_string_replace (edited, "<name>Syria, late 2024</name>", "<name>Theirs</name>", 1), ==, 1);
  theirs = g_string_free (g_steal_pointer (&edited), FALSE);

  /* Ctrl+S of an unchanged-but-saved document writes the file: no question */
  grade_sohr (SITMAP_RELIABILITY_A);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (title_modified, GINT_TO_POINTER (FALSE), 10000, "the save");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (20000);
  g_assert_false (other_window_appeared (NULL));

  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));
  dialog = wait_for_dialog ("the changed-on-disk question", &text);
  assert_contains (text, "“report.kml” Changed on Disk");
  assert_contains (text, "Another program changed this file.");
  click_button (dialog, "_Keep Mine");
  g_assert_cmpstr (sitmap_document_get_title (document ()), ==, "Syria, late 2024");
  /* The file is not what the window shows: unsaved, so that closing asks */
  g_assert_true (title_modified (GINT_TO_POINTER (TRUE)));

  /* Again, now with unsaved changes: Reload says what it drops */
  g_clear_pointer (&kml, g_free);
  kml = g_strconcat (theirs, "<!-- changed again -->\n", NULL);
  g_assert_true (g_file_set_contents (path, kml, -1, NULL));
  dialog = wait_for_dialog ("the changed-on-disk question", &text);
  assert_contains (text, "you have unsaved changes");
  click_button (dialog, "_Discard Mine and Reload");
  sitmap_test_wait_until (title_modified, GINT_TO_POINTER (FALSE), 10000, "the reload");
  sitmap_test_wait_for_document (window);
  g_assert_cmpstr (sitmap_document_get_title (document ()), ==, "Theirs");
}

/* What a crash left is offered; Restore brings the edit back, unsaved, attached to its file, and Ctrl+S saves
 * it there. */
static void
test_restore_offered (void)
{
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapDocument) crashed = read_file (path);
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (NULL);
  g_autoptr (SitmapDocument) saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *entry_path = NULL;
  g_autoptr (SitmapCommand) command = NULL;
  GtkWindow *dialog;

  /* Another Sitmap's window, edited, then gone without closing it */
  sitmap_document_set_file (crashed, file);
  sitmap_document_set_native (crashed, TRUE);
  sitmap_recovery_set_delay (recovery, 10);
  sitmap_recovery_set_document (recovery, crashed);
  command = sitmap_reliability_command_new (
    sitmap_document_get_source (crashed, sitmap_document_find_source (crashed, "sohr")), SITMAP_RELIABILITY_E);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (crashed), command);
  while (sitmap_recovery_get_n_written (recovery) == 0)
    g_main_context_iteration (NULL, TRUE);
  entry_path = g_strdup (sitmap_recovery_get_path (recovery));
  g_clear_object (&recovery);

  sitmap_window_offer_recovery (window);
  dialog = wait_for_dialog ("the offer to restore", &text);
  assert_contains (text, "Restore Unsaved Changes?");
  assert_contains (text, "Sitmap ended before your changes to “report.kml” were saved. Restore them as they were at");
  sitmap_test_key (GTK_WIDGET (dialog), "Return");
  sitmap_test_wait_until (title_modified, GINT_TO_POINTER (TRUE), 10000, "the restored document");
  g_assert_cmpint (sohr_in (document ()), ==, SITMAP_RELIABILITY_E);
  g_assert_true (g_file_equal (sitmap_document_get_file (document ()), file));
  /* Its changes are this window's to keep now, in the same file */
  g_assert_cmpstr (sitmap_recovery_get_path (sitmap_window_get_recovery (window)), ==, entry_path);

  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (title_modified, GINT_TO_POINTER (FALSE), 10000, "the save");
  saved = read_file (path);
  g_assert_cmpint (sohr_in (saved), ==, SITMAP_RELIABILITY_E);
  sitmap_test_wait_until (file_missing, entry_path, 5000, "the recovery file to go");
}

/* A table read from CSV saves as KML, named after it, and says so. */
static void
test_table_saves_as_kml (void)
{
  g_autofree char *csv = g_build_filename (folder, "kyiv.csv", NULL);
  g_autofree char *kml = g_build_filename (folder, "kyiv.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  g_autoptr (GBytes) table = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;
  GtkWidget *name;

  g_assert_true (g_file_set_contents (csv, "id,date,latitude,longitude,title\n"
                                           "k1,2022-02-24,50.45,30.52,First\n"
                                           "k2,2022-03-01,50.40,30.60,Second\n", -1, NULL));
  table = read_bytes (csv);
  sitmap_window_open (window, file);
  sitmap_test_wait_until ((SitmapTestCondition) sitmap_window_get_loading, window, 5000, "the read to start");
  sitmap_test_wait_for_document (window);
  g_assert_false (sitmap_document_is_native (document ()));

  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  dialog = wait_for_dialog ("the save dialog", &text);
  name = sitmap_test_find_first_shown (dialog, GTK_TYPE_TEXT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "kyiv.kml");
  sitmap_test_key (GTK_WIDGET (dialog), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (dialog), kml);
  sitmap_test_key (GTK_WIDGET (dialog), "Return");
  sitmap_test_wait_until (file_exists, kml, 10000, "the KML to be saved");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the dialog to close");
  /* After the toasts before it */
  sitmap_test_wait_until (window_says, "Saved as KML: “kyiv.kml”", 20000, "the toast");
  after = read_bytes (csv);
  g_assert_true (g_bytes_equal (after, table));
  g_unlink (csv);
  g_unlink (kml);
}

static gboolean
window_closed (gpointer data)
{
  return window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window));
}

/* Closing with unsaved changes asks; Discard drops them, from the disk too. */
static void
test_close_discard (void)
{
  g_autofree char *directory = sitmap_recovery_dup_default_directory ();
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *recovery_path = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  sitmap_window_open (window, file);
  sitmap_test_wait_for_document (window);
  grade_sohr (SITMAP_RELIABILITY_D);
  recovery_path = g_strdup (sitmap_recovery_get_path (sitmap_window_get_recovery (window)));
  sitmap_test_wait_until (file_exists, recovery_path, 5000, "the recovery file");
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_dialog ("the unsaved-changes question", &text);
  assert_contains (text, "Save Changes to “Theirs”?");
  click_button (dialog, "_Discard");
  sitmap_test_wait_until (window_closed, NULL, 5000, "the window to close");
  g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);

    g_assert_null (dir ? g_dir_read_name (dir) : NULL);
  }
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *backup = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("sitmap-persistence-XXXXXX", &error);
  g_assert_no_error (error);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/persistence/save-fails", test_save_fails);
  g_test_add_func ("/persistence/save-elsewhere-after-failure", test_save_elsewhere_after_failure);
  g_test_add_func ("/persistence/edit-during-save", test_edit_during_save);
  g_test_add_func ("/persistence/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/persistence/restore-offered", test_restore_offered);
  g_test_add_func ("/persistence/table-saves-as-kml", test_table_saves_as_kml);
  g_test_add_func ("/persistence/close-discard", test_close_discard);
  status = g_test_run ();

  report = g_build_filename (folder, "report.kml", NULL);
  backup = g_build_filename (folder, "report.kml.bak", NULL);
  g_unlink (report);
  g_unlink (backup);
  g_rmdir (folder);
  g_free (folder);
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
