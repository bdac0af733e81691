/* test-document-io.c: opening and saving off the main thread; errors that name the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "io-test-util.h"
#include "sitmap-document-io.h"

static char *dir;

typedef struct
{
  gboolean        done;
  GThread        *thread;
  SitmapDocument *document;
  gboolean        saved;
  GError         *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_object (&result->document);
  g_clear_error (&result->error);
}

static void
loaded_cb (GObject *source, GAsyncResult *async_result, gpointer user_data)
{
  Result *result = user_data;

  result->thread = g_thread_self ();
  result->document = sitmap_document_load_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
saved_cb (GObject *source, GAsyncResult *async_result, gpointer user_data)
{
  Result *result = user_data;

  result->thread = g_thread_self ();
  result->saved = sitmap_document_save_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
wait_for (Result *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
  /* The answer comes back on the thread that asked */
  g_assert_true (result->thread == g_thread_self ());
}

static void
load (const char *path, GCancellable *cancellable, Result *result)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  memset (result, 0, sizeof *result);
  sitmap_document_load_async (file, NULL, cancellable, loaded_cb, result);
  wait_for (result);
}

static void
save (SitmapDocument *document, const char *path, GCancellable *cancellable, Result *result)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  memset (result, 0, sizeof *result);
  sitmap_document_save_async (document, file, cancellable, saved_cb, result);
  wait_for (result);
}

static void
assert_message_names (const GError *error, const char *display_name)
{
  g_autofree char *prefix = g_strconcat (display_name, ": ", NULL);

  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not begin with “%s”", error->message, prefix);
}

/*
 * Loading
 */

static void
test_load (void)
{
  g_autofree char *path = io_test_data_path ("full-format.kml");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  Result result;

  load (path, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (sitmap_document_get_n_events (result.document), ==, 14);
  g_assert_true (g_file_equal (sitmap_document_get_file (result.document), file));
  result_clear (&result);
}

static void
test_load_errors_name_the_file (void)
{
  g_autofree char *missing = g_build_filename (dir, "missing.kml", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad ü.kml", NULL);
  Result result;

  load (missing, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_message_names (result.error, "missing.kml");
  g_assert_null (result.document);
  result_clear (&result);

  load (dir, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  result_clear (&result);

  g_assert_true (g_file_set_contents (bad, "<kml>\n<Placemark><name>x</Point>"
                                           "</Placemark></kml>", -1, NULL));
  load (bad, NULL, &result);
  g_assert_error (result.error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED);
  io_assert_message_has_position (result.error->message, "bad ü.kml", 2, 0);
  result_clear (&result);
  g_unlink (bad);
}

/* A file larger than Sitmap opens is refused before a byte of it is read into memory. */
static void
test_load_too_large (void)
{
  g_autofree char *path = g_build_filename (dir, "huge.kml", NULL);
  Result result;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  /* Sparse: it takes no room on the disk */
  g_assert_cmpint (ftruncate (fd, (goffset) 3 * 1024 * 1024 * 1024), ==, 0);
  close (fd);
  load (path, NULL, &result);
  g_assert_error (result.error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE);
  assert_message_names (result.error, "huge.kml");
  result_clear (&result);
  g_unlink (path);
}

static void
test_load_cancelled (void)
{
  g_autofree char *path = io_test_data_path ("full-format.kml");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result result;

  g_cancellable_cancel (cancellable);
  load (path, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result.document);
  result_clear (&result);
}

/*
 * Saving
 */

static void
file_changed_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  guint *n_changes = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*n_changes)++;
}

static void
test_save (void)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autofree char *path = g_build_filename (dir, "saved.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint n_changes = 0;
  Result result, reloaded;

  g_signal_connect (document, "notify::file", G_CALLBACK (file_changed_cb), &n_changes);
  save (document, path, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.saved);
  /* Saving does not move the document: "Save a copy" must leave it where it was. The caller decides. */
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_null (sitmap_document_get_file (document));
  g_assert_true (g_file_query_exists (file, NULL));

  load (path, NULL, &reloaded);
  g_assert_no_error (reloaded.error);
  io_assert_documents_equal (document, reloaded.document);
  result_clear (&reloaded);
  g_unlink (path);
}

static void
test_save_errors (void)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autofree char *missing = g_build_filename (dir, "no such folder", "saved.kml", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.kml", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;
  Result result;

  save (document, missing, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (result.error->message, ==, "The folder to save in does not exist: “saved.kml” was not saved.");
  g_assert_false (result.saved);
  /* A failed save changes nothing: the document is where it was */
  g_assert_null (sitmap_document_get_file (document));
  result_clear (&result);

  g_assert_true (g_file_set_contents (existing, "the previous version", -1, NULL));
  g_cancellable_cancel (cancellable);
  save (document, existing, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the previous version");
  g_assert_null (sitmap_document_get_file (document));
  result_clear (&result);
  g_unlink (existing);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
assert_file_is (const char *path, GBytes *expected)
{
  g_autoptr (GBytes) bytes = read_bytes (path);

  g_assert_true (g_bytes_equal (bytes, expected));
}

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) listing = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* Each save keeps the version it replaced as "<name>.bak"; a new file has none. */
static void
test_save_keeps_backup (void)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autofree char *folder = g_build_filename (dir, "backup", NULL);
  g_autofree char *path = g_build_filename (folder, "report.kml", NULL);
  g_autofree char *backup = g_build_filename (folder, "report.kml.bak", NULL);
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) previous = g_bytes_new_static ("the previous version", 20);
  Result result;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  save (document, path, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  first = read_bytes (path);

  /* Replaced: the old version is the backup, the file the new one */
  g_assert_true (g_file_set_contents (path, "the previous version", -1, NULL));
  save (document, path, NULL, &result);
  g_assert_no_error (result.error);
  assert_file_is (backup, previous);
  assert_file_is (path, first);

  /* Again: the backup is the version just replaced, not the one before */
  save (document, path, NULL, &result);
  g_assert_no_error (result.error);
  assert_file_is (backup, first);
  g_assert_cmpuint (count_files (folder), ==, 2);
  g_unlink (path);
  g_unlink (backup);
  g_rmdir (folder);
}

/* A small file system of its own: needs the right to mount (root in a container, CAP_SYS_ADMIN). */
static char *
mount_small_disk (const char *options)
{
  g_autofree char *mount_point = g_build_filename (dir, "small-disk", NULL);

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (mount ("tmpfs", mount_point, "tmpfs", 0, options) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("mounting a small tmpfs is not permitted here (%s): run as root",
                                                 g_strerror (errno));

      g_rmdir (mount_point);
      g_test_skip (reason);
      return NULL;
    }
  return g_steal_pointer (&mount_point);
}

static void
unmount_small_disk (char *mount_point)
{
  g_assert_cmpint (umount (mount_point), ==, 0);
  g_rmdir (mount_point);
  g_free (mount_point);
}

/* A document larger than the disk's room: the save fails saying so, the file on the disk is byte for byte
 * what it was, no temporary file is left, and the document is as it was. */
static void
test_save_disk_full (void)
{
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GFile) demo = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) old = g_bytes_new_static ("<kml>the version on the disk</kml>\n", 35);
  g_autofree char *path = NULL;
  char *mount_point = mount_small_disk ("size=8k");
  Result result;

  if (mount_point == NULL)
    return;
  document = sitmap_kml_read_file (demo, NULL, &error);
  g_assert_no_error (error);
  path = g_build_filename (mount_point, "report.kml", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  /* The demo makes some 30 KB of KML: more than the 8 KB (two pages, one of them the old file's) */
  save (document, path, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_test_message ("%s", result.error->message);
  g_assert_cmpstr (result.error->message, ==, "The disk is full: “report.kml” was not changed.");
  assert_file_is (path, old);
  g_assert_cmpuint (count_files (mount_point), ==, 1);
  g_assert_null (sitmap_document_get_file (document));
  result_clear (&result);

  /* A new file on the full disk is not made at all */
  g_free (path);
  path = g_build_filename (mount_point, "new.kml", NULL);
  save (document, path, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (result.error->message, ==, "The disk is full: “new.kml” was not saved.");
  g_assert_cmpuint (count_files (mount_point), ==, 1);
  result_clear (&result);
  unmount_small_disk (mount_point);
}

/* A disk mounted read-only, and a folder the user may not write in. */
static void
test_save_read_only (void)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autoptr (GBytes) old = g_bytes_new_static ("the version on the disk", 23);
  g_autofree char *path = NULL;
  char *mount_point = mount_small_disk ("size=1m");
  Result result;

  if (mount_point == NULL)
    return;
  path = g_build_filename (mount_point, "report.kml", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  g_assert_cmpint (mount ("tmpfs", mount_point, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m"), ==, 0);
  save (document, path, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_cmpstr (result.error->message, ==, "The disk or folder can only be read: “report.kml” was not changed.");
  assert_file_is (path, old);
  result_clear (&result);
  unmount_small_disk (mount_point);
}

/* In a folder the user may not write in: as root (who may write anywhere), the save runs in a child process
 * that became the unprivileged user "nobody". */
static void
save_refused (const char *path, GBytes *old)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  Result result;

  save (document, path, NULL, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (result.error->message, ==, "You are not allowed to write there: “report.kml” was not changed.");
  assert_file_is (path, old);
  result_clear (&result);
}

static void
test_save_permission_denied (void)
{
  g_autoptr (GBytes) old = g_bytes_new_static ("the version on the disk", 23);
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
      save_refused (g_getenv ("SITMAP_TEST_REFUSED"), old);
      return;
    }
  folder = g_build_filename (dir, "not-mine", NULL);
  path = g_build_filename (folder, "report.kml", NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  if (geteuid () == 0)
    {
      g_assert_cmpint (g_chmod (dir, 0711), ==, 0);
      g_setenv ("SITMAP_TEST_REFUSED", path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_chmod (dir, 0700);
    }
  else
    {
      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      save_refused (path, old);
      g_chmod (folder, 0755);
    }
  assert_file_is (path, old);
  g_unlink (path);
  g_rmdir (folder);
}

int
main (int argc, char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("sitmap-document-io-XXXXXX", NULL);

  g_test_add_func ("/io/document-io/load", test_load);
  g_test_add_func ("/io/document-io/load-errors-name-the-file", test_load_errors_name_the_file);
  g_test_add_func ("/io/document-io/load-too-large", test_load_too_large);
  g_test_add_func ("/io/document-io/load-cancelled", test_load_cancelled);
  g_test_add_func ("/io/document-io/save", test_save);
  g_test_add_func ("/io/document-io/save-errors", test_save_errors);
  g_test_add_func ("/io/document-io/save-keeps-backup", test_save_keeps_backup);
  g_test_add_func ("/io/document-io/save-disk-full", test_save_disk_full);
  g_test_add_func ("/io/document-io/save-read-only", test_save_read_only);
  g_test_add_func ("/io/document-io/save-permission-denied", test_save_permission_denied);

  result = g_test_run ();
  g_rmdir (dir);
  g_free (dir);
  return result;
}
