/* test-recovery.c: unsaved changes written to a recovery file, found after a crash, and restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-annotation-command.h"
#include "sitmap-event-command.h"
#include "sitmap-event.h"
#include "sitmap-recovery.h"
#include "sitmap-undo-stack.h"

static char *state_home;

/* Pushes a new command, which the stack keeps. */
static void
push (SitmapUndoStack *stack, SitmapCommand *command)
{
  sitmap_undo_stack_push (stack, command);
  g_object_unref (command);
}

/* A fresh folder of recovery files for one test */
static char *
make_directory (void)
{
  g_autoptr (GError) error = NULL;
  char *directory = g_dir_make_tmp ("sitmap-recovery-XXXXXX", &error);

  g_assert_no_error (error);
  return directory;
}

static void
remove_directory (char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_unlink (path);
    }
  g_rmdir (directory);
  g_free (directory);
}

static guint
count_files (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* An edit: a label named "edit-<n>" */
static void
add_label (SitmapDocument *document, guint n)
{
  g_autofree char *id = g_strdup_printf ("edit-%u", n);
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, id);
  g_autoptr (SitmapCommand) command = NULL;

  sitmap_annotation_add_point (label, 35.0, 38.0 + n * 0.001);
  sitmap_annotation_set_text (label, id);
  command = sitmap_annotation_command_new_add (label);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
}

static gboolean
has_label (SitmapDocument *document, guint n)
{
  g_autofree char *id = g_strdup_printf ("edit-%u", n);

  return sitmap_document_find_annotation (document, id, NULL) != NULL;
}

static void
wait_written (SitmapRecovery *recovery, guint n_written)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sitmap_recovery_get_n_written (recovery) < n_written || sitmap_recovery_is_pending (recovery))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static SitmapDocument *
read_demo (void)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = sitmap_kml_read_file (file, NULL, &error);

  g_assert_no_error (error);
  sitmap_document_set_file (document, file);
  return document;
}

/* The one entry a crashed Sitmap left in directory */
static SitmapRecoveryEntry *
find_one (const char *directory)
{
  g_autoptr (GPtrArray) entries = sitmap_recovery_entry_find_all (directory);

  g_assert_cmpuint (entries->len, ==, 1);
  return g_object_ref (g_ptr_array_index (entries, 0));
}

static void
test_default_directory (void)
{
  g_autofree char *expected = g_build_filename (state_home, "sitmap", "recovery", NULL);
  g_autofree char *directory = sitmap_recovery_dup_default_directory ();

  g_assert_cmpstr (directory, ==, expected);
}

/* Edited, written within the delay, "crashed" (the recovery dropped without being closed), found by the next
 * start, and loaded back: the edits, unsaved, attached to the original file. */
static void
test_write_and_restore (void)
{
  char *directory = make_directory ();
  g_autoptr (SitmapDocument) document = read_demo ();
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (directory);
  g_autoptr (SitmapRecoveryEntry) entry = NULL;
  g_autoptr (SitmapDocument) restored = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *path = NULL;
  gint64 start;
  double seconds;

  sitmap_recovery_set_document (recovery, document);
  /* Nothing is written for a document that is as its file */
  g_assert_false (sitmap_recovery_is_pending (recovery));
  g_assert_cmpuint (count_files (directory), ==, 0);

  start = g_get_monotonic_time ();
  add_label (document, 1);
  wait_written (recovery, 1);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("written %.2f s after the change", seconds);
  g_assert_cmpfloat (seconds, <=, 5.0);
  path = g_strdup (sitmap_recovery_get_path (recovery));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (path, directory));

  /* While its writer lives, it is not offered */
  {
    g_autoptr (GPtrArray) entries = sitmap_recovery_entry_find_all (directory);

    g_assert_cmpuint (entries->len, ==, 0);
  }

  /* The crash: the lock goes with the process, the file stays */
  g_clear_object (&recovery);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  entry = find_one (directory);
  g_assert_cmpstr (sitmap_recovery_entry_get_path (entry), ==, path);
  g_assert_cmpstr (sitmap_recovery_entry_get_title (entry), ==, "Syria, late 2024");
  g_assert_true (g_file_equal (sitmap_recovery_entry_get_file (entry), sitmap_document_get_file (document)));
  g_assert_cmpint (sitmap_recovery_entry_get_native (entry), ==, sitmap_document_is_native (document));
  g_assert_cmpint (g_date_time_to_unix (sitmap_recovery_entry_get_time (entry)), >=, g_date_time_to_unix (before));

  restored = sitmap_recovery_entry_load (entry, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_label (restored, 1));
  g_assert_cmpuint (sitmap_document_get_n_live_events (restored), ==, sitmap_document_get_n_live_events (document));
  g_assert_true (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (restored)));
  g_assert_true (g_file_equal (sitmap_document_get_file (restored), sitmap_document_get_file (document)));
  g_assert_cmpint (sitmap_document_is_native (restored), ==, sitmap_document_is_native (document));

  sitmap_recovery_entry_discard (entry);
  g_assert_cmpuint (count_files (directory), ==, 0);
  remove_directory (directory);
}

/* Changes within the delay are written together, once; a change during a write is written after it. */
static void
test_coalesces (void)
{
  char *directory = make_directory ();
  g_autoptr (SitmapDocument) document = read_demo ();
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (directory);
  g_autoptr (SitmapRecoveryEntry) entry = NULL;
  g_autoptr (SitmapDocument) restored = NULL;
  g_autoptr (GError) error = NULL;

  sitmap_recovery_set_delay (recovery, 200);
  sitmap_recovery_set_document (recovery, document);
  for (guint i = 1; i <= 20; i++)
    add_label (document, i);
  wait_written (recovery, 1);
  g_assert_cmpuint (sitmap_recovery_get_n_written (recovery), ==, 1);

  add_label (document, 21);
  wait_written (recovery, 2);
  g_clear_object (&recovery);
  entry = find_one (directory);
  restored = sitmap_recovery_entry_load (entry, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 21; i++)
    g_assert_true (has_label (restored, i));
  sitmap_recovery_entry_discard (entry);
  remove_directory (directory);
}

/* Saved and unchanged, undone to the file's state, closed, or replaced by another document: no file. */
static void
test_removed_when_nothing_to_recover (void)
{
  char *directory = make_directory ();
  g_autoptr (SitmapDocument) document = read_demo ();
  g_autoptr (SitmapDocument) other = read_demo ();
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (directory);
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  const char *path;

  sitmap_recovery_set_delay (recovery, 10);
  sitmap_recovery_set_document (recovery, document);
  add_label (document, 1);
  wait_written (recovery, 1);
  path = sitmap_recovery_get_path (recovery);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  sitmap_undo_stack_mark_saved (stack);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (sitmap_recovery_is_pending (recovery));

  add_label (document, 2);
  wait_written (recovery, 2);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  sitmap_undo_stack_undo (stack);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  add_label (document, 3);
  wait_written (recovery, 3);
  sitmap_recovery_set_document (recovery, other);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  add_label (other, 4);
  wait_written (recovery, 4);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  /* A change due when the document closes is not written after it either */
  add_label (other, 5);
  g_assert_true (sitmap_recovery_is_pending (recovery));
  sitmap_recovery_close (recovery);
  g_assert_cmpuint (count_files (directory), ==, 0);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_files (directory), ==, 0);
  remove_directory (directory);
}

/* A restored document's later changes go to the file it was restored from, never to nowhere. */
static void
test_restored_takes_over (void)
{
  char *directory = make_directory ();
  g_autoptr (SitmapDocument) document = read_demo ();
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (directory);
  g_autoptr (SitmapRecovery) next = sitmap_recovery_new (directory);
  g_autoptr (SitmapRecoveryEntry) entry = NULL;
  g_autoptr (SitmapRecoveryEntry) again = NULL;
  g_autoptr (SitmapDocument) restored = NULL;
  g_autoptr (SitmapDocument) restored_again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  sitmap_recovery_set_delay (recovery, 10);
  sitmap_recovery_set_document (recovery, document);
  add_label (document, 1);
  wait_written (recovery, 1);
  path = g_strdup (sitmap_recovery_get_path (recovery));
  g_clear_object (&recovery);

  entry = find_one (directory);
  restored = sitmap_recovery_entry_load (entry, NULL, &error);
  g_assert_no_error (error);
  sitmap_recovery_set_delay (next, 10);
  sitmap_recovery_set_restored_document (next, restored, entry);
  g_assert_cmpstr (sitmap_recovery_get_path (next), ==, path);
  /* Restored and not saved: written again, and held (not offered) while this Sitmap lives */
  wait_written (next, 1);
  add_label (restored, 2);
  wait_written (next, 2);
  g_assert_cmpuint (count_files (directory), ==, 2); /* the file and its lock */
  {
    g_autoptr (GPtrArray) entries = sitmap_recovery_entry_find_all (directory);

    g_assert_cmpuint (entries->len, ==, 0);
  }

  /* A second crash: both edits come back */
  g_clear_object (&next);
  again = find_one (directory);
  restored_again = sitmap_recovery_entry_load (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_label (restored_again, 1));
  g_assert_true (has_label (restored_again, 2));
  sitmap_recovery_entry_discard (again);
  remove_directory (directory);
}

/* Events added, changed and deleted (SitmapEventCommand) come back as they were left. */
static void
test_event_edits_restored (void)
{
  char *directory = make_directory ();
  g_autoptr (SitmapDocument) document = read_demo ();
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (directory);
  g_autoptr (SitmapRecoveryEntry) entry = NULL;
  g_autoptr (SitmapDocument) restored = NULL;
  g_autoptr (GError) error = NULL;
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  const char *deleted = "ev-2019-03-baghouz";
  const char *changed = "ev-2024-12-10-sukhna";
  guint n_events = sitmap_document_get_n_live_events (document);
  g_autoptr (SitmapEvent) event = NULL;
  SitmapEventDraft draft;

  sitmap_recovery_set_delay (recovery, 10);
  sitmap_recovery_set_document (recovery, document);
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("new-event");
  draft.title = g_strdup ("Added before the crash");
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-11", NULL));
  draft.latitude = 35.1;
  draft.longitude = 38.9;
  push (stack, sitmap_event_command_new_add (document, &draft));
  sitmap_event_draft_clear (&draft);

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, sitmap_document_find_event (document, changed), &draft);
  g_free (draft.title);
  draft.title = g_strdup ("Corrected before the crash");
  push (stack, sitmap_event_command_new_edit (document, changed, &draft, "Change Title", "title"));
  sitmap_event_draft_clear (&draft);
  push (stack, sitmap_event_command_new_delete (document, &deleted, 1));
  wait_written (recovery, 1);
  g_clear_object (&recovery);

  entry = find_one (directory);
  restored = sitmap_recovery_entry_load (entry, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_live_events (restored), ==, n_events);
  g_assert_cmpint (sitmap_document_find_event (restored, "new-event"), >=, 0);
  g_assert_cmpint (sitmap_document_find_event (restored, deleted), <, 0);
  event = sitmap_document_get_event (restored, sitmap_document_find_event (restored, changed));
  g_assert_cmpstr (sitmap_event_get_title (event), ==, "Corrected before the crash");
  sitmap_recovery_entry_discard (entry);
  remove_directory (directory);
}

/* A document that has no file yet comes back with none, named by its title. */
static void
test_document_without_file (void)
{
  char *directory = make_directory ();
  g_autoptr (SitmapDocument) document = read_demo ();
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (directory);
  g_autoptr (SitmapRecoveryEntry) entry = NULL;
  g_autoptr (SitmapDocument) restored = NULL;
  g_autoptr (GError) error = NULL;

  sitmap_document_set_file (document, NULL);
  sitmap_recovery_set_delay (recovery, 10);
  sitmap_recovery_set_document (recovery, document);
  add_label (document, 1);
  wait_written (recovery, 1);
  g_clear_object (&recovery);
  entry = find_one (directory);
  g_assert_null (sitmap_recovery_entry_get_file (entry));
  g_assert_cmpstr (sitmap_recovery_entry_get_title (entry), ==, "Syria, late 2024");
  restored = sitmap_recovery_entry_load (entry, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (sitmap_document_get_file (restored));
  g_assert_true (has_label (restored, 1));
  sitmap_recovery_entry_discard (entry);
  remove_directory (directory);
}

/* A lock left without its file is removed; a file that is no recovery file is left alone, never offered. */
static void
test_leftovers (void)
{
  char *directory = make_directory ();
  g_autofree char *lock = g_build_filename (directory, "0000.lock", NULL);
  g_autofree char *junk = g_build_filename (directory, "1111.sitmap-recovery", NULL);
  g_autoptr (GPtrArray) entries = NULL;

  g_assert_true (g_file_set_contents (lock, "", 0, NULL));
  g_assert_true (g_file_set_contents (junk, "<kml/>", -1, NULL));
  g_test_expect_message ("sitmap-recovery", G_LOG_LEVEL_WARNING, "*is not a recovery file Sitmap can read*");
  entries = sitmap_recovery_entry_find_all (directory);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (junk, G_FILE_TEST_EXISTS));
  remove_directory (directory);
}

int
main (int argc, char *argv[])
{
  int status;

  /* Before GLib reads it: the default directory follows XDG_STATE_HOME. */
  state_home = g_dir_make_tmp ("sitmap-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/recovery/default-directory", test_default_directory);
  g_test_add_func ("/io/recovery/write-and-restore", test_write_and_restore);
  g_test_add_func ("/io/recovery/coalesces", test_coalesces);
  g_test_add_func ("/io/recovery/removed-when-nothing-to-recover", test_removed_when_nothing_to_recover);
  g_test_add_func ("/io/recovery/restored-takes-over", test_restored_takes_over);
  g_test_add_func ("/io/recovery/event-edits-restored", test_event_edits_restored);
  g_test_add_func ("/io/recovery/document-without-file", test_document_without_file);
  g_test_add_func ("/io/recovery/leftovers", test_leftovers);
  status = g_test_run ();
  g_rmdir (state_home);
  g_free (state_home);
  return status;
}
