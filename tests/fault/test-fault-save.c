/* test-fault-save.c: a large document saved again and again while its process is killed at random moments
 *
 * A child process reads the document, then edits and saves it over and over: each edit (a new event
 * "edit-N", a SitmapEventCommand) is kept by SitmapRecovery (as a delta of the file it read), the child says
 * "recorded N", then "saving N <sha256>" (of the bytes the save will write), saves in place
 * (sitmap_document_save: temporary file, .bak, rename) and says "saved N". This program kills it with SIGKILL at a random moment, KILLS times,
 * and after each kill checks that:
 *   - the file is byte for byte the version before the child started or one the child was saving, and it
 *     reads;
 *   - the latest recorded edit survives: in the recovery file the child left, which loads, or, when the
 *     save that followed it finished (which removes the recovery file), in the file.
 * Then it discards the recovery file and starts the next child on the file as the kill left it.
 *
 * Arguments: the path of sitmap-generate. Environment: SITMAP_FAULT_EVENTS (20000: 13 MB of KML, so that
 * the hundred kills take a few minutes; 200000 makes 130 MB), SITMAP_FAULT_KILLS (100). Prints the figures: kills, old and new versions found, where the latest edit was found, time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitmap-event-command.h"
#include "sitmap-document-io.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"
#include "sitmap-recovery.h"
#include "sitmap-undo-stack.h"

/*
 * The child
 */

/* An edit: a new event "edit-<n>", as the event form adds one */
static void
add_event (SitmapDocument *document, guint n)
{
  g_autoptr (SitmapCommand) command = NULL;
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup_printf ("edit-%u", n);
  draft.title = g_strdup_printf ("Edit number %u, made before a kill", n);
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  draft.latitude = 35.0;
  draft.longitude = 38.0 + (n % 1000) * 0.001;
  command = sitmap_event_command_new_add (document, &draft);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  sitmap_event_draft_clear (&draft);
}

static gboolean
has_edit (SitmapDocument *document, guint n)
{
  g_autofree char *id = g_strdup_printf ("edit-%u", n);

  return sitmap_document_find_event (document, id) >= 0;
}

static SitmapDocument *
read_document (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = sitmap_kml_read_file (file, NULL, &error);

  g_assert_no_error (error);
  sitmap_document_set_file (document, file);
  return document;
}

/* The SHA-256 of the document as KML: the bytes a save writes. */
static char *
dup_content_checksum (SitmapDocument *document)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) kml = sitmap_kml_write_bytes (document, &error);

  g_assert_no_error (error);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, kml);
}

static int
run_child (const char *path, const char *recovery_directory, guint first)
{
  g_autoptr (SitmapDocument) document = read_document (path);
  g_autoptr (SitmapRecovery) recovery = sitmap_recovery_new (recovery_directory);
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);

  sitmap_recovery_set_delay (recovery, 10);
  sitmap_recovery_set_document (recovery, document);
  g_print ("loaded\n");
  for (guint n = first;; n++)
    {
      guint written = sitmap_recovery_get_n_written (recovery);
      g_autofree char *checksum = NULL;
      g_autoptr (GError) error = NULL;

      add_event (document, n);
      while (sitmap_recovery_get_n_written (recovery) == written || sitmap_recovery_is_pending (recovery))
        g_main_context_iteration (NULL, TRUE);
      g_print ("recorded %u\n", n);
      checksum = dup_content_checksum (document);
      g_print ("saving %u %s\n", n, checksum);
      if (!sitmap_document_save (document, sitmap_document_get_file (document), NULL, &error))
        g_error ("%s", error->message);
      g_print ("saved %u\n", n);
      sitmap_undo_stack_mark_saved (stack);
    }
  return 0;
}

/*
 * The test
 */

typedef struct
{
  guint kills;
  guint old;          /* the file as the child found it, or as its last finished save left it */
  guint new;          /* a version whose save was under way: renamed in, not yet reported */
  guint in_recovery;  /* the latest recorded edit restored from the recovery file */
  guint in_file;      /* the latest recorded edit in the saved file, the recovery file removed */
  guint no_edit;      /* killed before any edit was recorded */
  guint leftovers;    /* temporary files of a killed save, removed */
  guint saves;        /* saves that finished */
  double kill_at_max; /* seconds after the child read the document */
  guint  bak_checked; /* backups read */
  gint64 recovery_max; /* the largest recovery file, in bytes */
} Figures;

static char *
dup_file_checksum (const char *path)
{
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

  g_assert_nonnull (mapped);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

/* The child's lines, read in a thread of their own until it dies. */
static gpointer
read_lines_thread (gpointer data)
{
  GSubprocess *child = data;
  g_autoptr (GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  GAsyncQueue *queue = g_object_get_data (G_OBJECT (child), "queue");
  char *line;

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    g_async_queue_push (queue, line);
  g_async_queue_push (queue, g_strdup ("eof"));
  return NULL;
}

static guint
remove_leftovers (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".sitmap-"))
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
        n++;
      }
  return n;
}

typedef struct
{
  guint      last_recorded; /* 0: none */
  guint      last_saved;    /* 0: none */
  GHashTable *saving;       /* checksum → N, announced in this run */
} Run;

static void
parse_line (const char *line, Run *run)
{
  g_auto (GStrv) words = g_strsplit (line, " ", 3);

  if (g_strcmp0 (words[0], "recorded") == 0)
    run->last_recorded = atoi (words[1]);
  else if (g_strcmp0 (words[0], "saving") == 0)
    g_hash_table_insert (run->saving, g_strdup (words[2]), GUINT_TO_POINTER (atoi (words[1])));
  else if (g_strcmp0 (words[0], "saved") == 0)
    run->last_saved = atoi (words[1]);
}

/* Starts a child on path, kills it at a random moment within max_s after it has read the document (or, with
 * max_s 0, once it has finished two saves: *cycle_s is then the time of one edit and save), and gathers what it
 * said. */
static void
run_and_kill (const char *self_path, const char *path, const char *recovery_directory, guint first, double max_s,
              Run *run, double *cycle_s)
{
  g_autofree char *first_text = g_strdup_printf ("%u", first);
  const char *argv[] = { self_path, "--child", path, recovery_directory, first_text, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr (GAsyncQueue) queue = g_async_queue_new_full (g_free);
  GThread *reader;
  char *line;

  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (child), "queue", queue);
  reader = g_thread_new ("child-lines", read_lines_thread, child);
  line = g_async_queue_timeout_pop (queue, 120 * G_USEC_PER_SEC);
  g_assert_cmpstr (line, ==, "loaded");
  g_free (line);
  if (max_s > 0)
    g_usleep ((gulong) (g_random_double_range (0, max_s) * G_USEC_PER_SEC));
  else
    {
      gint64 loaded = g_get_monotonic_time ();

      while (run->last_saved < first + 1 && (line = g_async_queue_timeout_pop (queue, 300 * G_USEC_PER_SEC)))
        {
          parse_line (line, run);
          g_free (line);
        }
      g_assert_cmpuint (run->last_saved, ==, first + 1);
      *cycle_s = (g_get_monotonic_time () - loaded) / 2e6;
    }
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  g_thread_join (reader);
  while ((line = g_async_queue_try_pop (queue)) != NULL)
    {
      parse_line (line, run);
      g_free (line);
    }
}

/* The file is a whole version, and reads: the last one the child finished saving (or found), or the one it
 * was saving. Returns the edit its version holds (0: none from this run). */
static guint
check_file (const char *path, const char *before, Run *run, Figures *figures)
{
  g_autofree char *after = dup_file_checksum (path);
  g_autoptr (SitmapDocument) document = NULL;
  gpointer n;

  if (g_hash_table_lookup_extended (run->saving, after, NULL, &n))
    {
      /* Reported saved: the old version of the next save; else renamed in before the report */
      if (GPOINTER_TO_UINT (n) == run->last_saved)
        figures->old++;
      else
        {
          g_assert_cmpuint (GPOINTER_TO_UINT (n), >, run->last_saved);
          figures->new++;
        }
    }
  else
    {
      /* Nothing saved since the child started */
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (run->last_saved, ==, 0);
      figures->old++;
      n = GUINT_TO_POINTER (0);
    }
  document = read_document (path);
  if (GPOINTER_TO_UINT (n) > 0)
    g_assert_true (has_edit (document, GPOINTER_TO_UINT (n)));
  return GPOINTER_TO_UINT (n);
}

/* The latest recorded edit is in the recovery file (which loads), or the file holds it. */
static void
check_recovery (const char *recovery_directory, guint in_file, Run *run, Figures *figures)
{
  g_autoptr (GPtrArray) entries = sitmap_recovery_entry_find_all (recovery_directory);

  g_assert_cmpuint (entries->len, <=, 1);
  if (entries->len == 1)
    {
      SitmapRecoveryEntry *entry = g_ptr_array_index (entries, 0);
      g_autoptr (GError) error = NULL;
      GStatBuf info;
      g_autoptr (SitmapDocument) restored = sitmap_recovery_entry_load (entry, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (restored)));
      g_assert_cmpint (g_stat (sitmap_recovery_entry_get_path (entry), &info), ==, 0);
      figures->recovery_max = MAX (figures->recovery_max, info.st_size);
      if (run->last_recorded > 0 && !has_edit (restored, run->last_recorded))
        {
          /* Only when the save of that edit finished, and the next edit's recovery file is being made */
          g_assert_cmpuint (in_file, >=, run->last_recorded);
          figures->in_file++;
        }
      else
        figures->in_recovery += run->last_recorded > 0;
      sitmap_recovery_entry_discard (entry);
    }
  else if (run->last_recorded > 0)
    {
      g_assert_cmpuint (in_file, >=, run->last_recorded);
      figures->in_file++;
    }
  if (run->last_recorded == 0)
    figures->no_edit++;
}

static void
make_document (const char *generate, const char *folder, const char *path)
{
  g_autofree char *events = g_strdup (g_getenv ("SITMAP_FAULT_EVENTS") ? g_getenv ("SITMAP_FAULT_EVENTS") : "20000");
  g_autofree char *generated = g_build_filename (folder, "generated.kml", NULL);
  const char *argv[] = { generate, "--format", "kml", "--events", events, "--seed", "1", "-o", generated, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  document = read_document (generated);
  g_test_message ("%u events", sitmap_document_get_n_events (document));
  g_assert_true (sitmap_document_save (document, file, NULL, &error));
  g_unlink (generated);
}

static const char *self_path;
static const char *generate_path;

static void
test_kill_while_saving (void)
{
  g_autofree char *folder = g_dir_make_tmp ("sitmap-fault-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autofree char *backup = g_build_filename (folder, "report.kml.bak", NULL);
  g_autofree char *recovery_directory = g_build_filename (folder, "recovery", NULL);
  guint kills = g_getenv ("SITMAP_FAULT_KILLS") ? atoi (g_getenv ("SITMAP_FAULT_KILLS")) : 100;
  Figures figures = { 0 };
  gint64 start = g_get_monotonic_time ();
  double cycle_s = 0;
  guint next = 1;

  GStatBuf info;

  make_document (generate_path, folder, path);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_test_message ("the document: %.1f MB of KML", info.st_size / 1e6);
  for (guint k = 0; k < kills; k++)
    {
      g_autofree char *before = dup_file_checksum (path);
      Run run = { 0 };
      guint in_file;

      run.saving = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      /* The first run measures one edit-and-save cycle; then kills fall anywhere in the first two and a half. */
      figures.kill_at_max = k == 0 ? 0 : 2.5 * cycle_s;
      run_and_kill (self_path, path, recovery_directory, next, figures.kill_at_max, &run, &cycle_s);
      figures.kills++;
      figures.saves += run.last_saved ? run.last_saved - next + 1 : 0;
      figures.leftovers += remove_leftovers (folder) + remove_leftovers (recovery_directory);
      in_file = check_file (path, before, &run, &figures);
      check_recovery (recovery_directory, in_file, &run, &figures);
      /* The backup is a whole earlier version too */
      if (g_file_test (backup, G_FILE_TEST_EXISTS))
        {
          g_autoptr (SitmapDocument) previous = read_document (backup);

          figures.bak_checked++;
        }
      next = MAX (next, run.last_recorded + 1);
      g_hash_table_unref (run.saving);
    }
  g_test_message ("kills: %u; the file found: old version %u, new version %u; the latest edit found: in the "
                  "recovery file %u, in the saved file %u, none recorded yet %u; saves finished %u; one edit and "
                  "save %.2f s; temporary files of killed saves removed %u; largest recovery file %.1f KB; %.0f s in all",
                  figures.kills, figures.old, figures.new, figures.in_recovery, figures.in_file, figures.no_edit,
                  figures.saves, cycle_s, figures.leftovers, figures.recovery_max / 1e3,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (figures.old + figures.new, ==, kills);
  g_unlink (path);
  g_unlink (backup);
  g_rmdir (recovery_directory);
  g_rmdir (folder);
}

int
main (int argc, char *argv[])
{
  if (argc == 5 && g_strcmp0 (argv[1], "--child") == 0)
    return run_child (argv[2], argv[3], atoi (argv[4]));
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  self_path = argv[0];
  generate_path = argv[1];
  g_test_add_func ("/fault/kill-while-saving", test_kill_while_saving);
  return g_test_run ();
}
