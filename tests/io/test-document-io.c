/* test-document-io.c: opening and saving off the main thread; errors that name the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
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
  assert_message_names (result.error, "saved.kml");
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

  result = g_test_run ();
  g_rmdir (dir);
  g_free (dir);
  return result;
}
