/* sitmap-recovery-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-recovery"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sitmap-document-io.h"
#include "sitmap-error.h"
#include "sitmap-format.h"
#include "sitmap-recovery-delta.h"
#include "sitmap-recovery-entry.h"
#include "sitmap-recovery-private.h"
#include "sitmap-recovery.h"
#include "sitmap-undo-stack.h"

/* A header is a few lines; a title of a megabyte is cut by the writer's key file no more than this. */
#define MAX_HEADER_SIZE (4 * 1024 * 1024)

struct _SitmapRecoveryEntry
{
  GObject    parent_instance;

  char      *id;
  char      *path;
  char      *lock_path;
  int        lock_fd;

  GFile     *file;
  gboolean   native;
  gboolean   delta;    /* the content is a delta to apply to the file, else the whole document */
  char      *title;
  GDateTime *time;
};

G_DEFINE_FINAL_TYPE (SitmapRecoveryEntry, sitmap_recovery_entry, G_TYPE_OBJECT)

static void
sitmap_recovery_entry_finalize (GObject *object)
{
  SitmapRecoveryEntry *self = (SitmapRecoveryEntry *) object;

  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->id);
  g_free (self->path);
  g_free (self->lock_path);
  g_clear_object (&self->file);
  g_free (self->title);
  g_clear_pointer (&self->time, g_date_time_unref);
  G_OBJECT_CLASS (sitmap_recovery_entry_parent_class)->finalize (object);
}

static void
sitmap_recovery_entry_class_init (SitmapRecoveryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_recovery_entry_finalize;
}

static void
sitmap_recovery_entry_init (SitmapRecoveryEntry *self)
{
  self->lock_fd = -1;
}

/*
 * Reading a recovery file
 */

/* Where the content starts (after the header's NUL), or 0 when data is no recovery file. */
static gsize
find_content (const char *data, gsize size)
{
  gsize magic = strlen (SITMAP_RECOVERY_MAGIC);
  const char *nul;

  if (size < magic || memcmp (data, SITMAP_RECOVERY_MAGIC, magic) != 0)
    return 0;
  nul = memchr (data + magic, '\0', MIN (size, MAX_HEADER_SIZE) - magic);
  return nul ? (gsize) (nul - data) + 1 : 0;
}

static GKeyFile *
parse_header (const char *data, gsize size, GError **error)
{
  gsize start = find_content (data, size);
  gsize magic = strlen (SITMAP_RECOVERY_MAGIC);
  g_autoptr (GKeyFile) info = g_key_file_new ();

  if (start == 0)
    {
      g_set_error_literal (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED,
                           _("This is not a recovery file of Sitmap"));
      return NULL;
    }
  if (!g_key_file_load_from_data (info, data + magic, start - 1 - magic, G_KEY_FILE_NONE, error))
    return NULL;
  return g_steal_pointer (&info);
}

static gboolean
read_info (SitmapRecoveryEntry *self, GKeyFile *info)
{
  g_autofree char *uri = g_key_file_get_string (info, SITMAP_RECOVERY_GROUP, "uri", NULL);
  g_autofree char *content = g_key_file_get_string (info, SITMAP_RECOVERY_GROUP, "content", NULL);

  if (g_strcmp0 (content, SITMAP_RECOVERY_CONTENT_DELTA) == 0)
    self->delta = TRUE;
  else if (g_strcmp0 (content, SITMAP_RECOVERY_CONTENT_KML) != 0)
    return FALSE;
  self->file = uri ? g_file_new_for_uri (uri) : NULL;
  self->native = g_key_file_get_boolean (info, SITMAP_RECOVERY_GROUP, "native", NULL);
  self->title = g_key_file_get_string (info, SITMAP_RECOVERY_GROUP, "title", NULL);
  if (self->title == NULL)
    self->title = g_strdup ("");
  self->time = g_date_time_new_from_unix_utc (g_key_file_get_int64 (info, SITMAP_RECOVERY_GROUP, "time", NULL));
  return self->time != NULL;
}

/* The header only: the content may be hundreds of megabytes. */
static GKeyFile *
read_header (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr (GByteArray) head = g_byte_array_new ();
  guint8 buffer[16 * 1024];

  if (stream == NULL)
    return NULL;
  while (head->len < MAX_HEADER_SIZE && (head->len == 0 || memchr (head->data, '\0', head->len) == NULL))
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (head, buffer, n);
    }
  return parse_header ((const char *) head->data, head->len, error);
}

static SitmapRecoveryEntry *
open_entry (const char *directory, const char *id)
{
  g_autoptr (SitmapRecoveryEntry) self = g_object_new (SITMAP_TYPE_RECOVERY_ENTRY, NULL);
  g_autoptr (GKeyFile) info = NULL;
  g_autoptr (GError) error = NULL;

  self->id = g_strdup (id);
  self->path = _sitmap_recovery_build_path (directory, id, SITMAP_RECOVERY_SUFFIX);
  self->lock_path = _sitmap_recovery_build_path (directory, id, SITMAP_RECOVERY_LOCK_SUFFIX);
  /* Held until the user chose: no other Sitmap offers it meanwhile. */
  self->lock_fd = _sitmap_recovery_lock (self->lock_path);
  if (self->lock_fd < 0)
    return NULL;
  info = read_header (self->path, &error);
  if (info == NULL || !read_info (self, info))
    {
      g_warning ("%s is not a recovery file Sitmap can read%s%s", self->path, error ? ": " : "",
                 error ? error->message : "");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* A lock file whose recovery file is gone, left by a Sitmap that ended before it removed both. */
static void
remove_stale_lock (const char *directory, const char *name)
{
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (SITMAP_RECOVERY_LOCK_SUFFIX));
  g_autofree char *path = _sitmap_recovery_build_path (directory, id, SITMAP_RECOVERY_SUFFIX);
  g_autofree char *lock_path = NULL;
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  lock_path = g_build_filename (directory, name, NULL);
  fd = _sitmap_recovery_lock (lock_path);
  if (fd < 0)
    return;
  g_unlink (lock_path);
  close (fd);
}

static int
compare_time (gconstpointer a, gconstpointer b)
{
  SitmapRecoveryEntry *x = *(SitmapRecoveryEntry **) a;
  SitmapRecoveryEntry *y = *(SitmapRecoveryEntry **) b;

  return g_date_time_compare (x->time, y->time);
}

GPtrArray *
sitmap_recovery_entry_find_all (const char *directory)
{
  g_autofree char *default_directory = directory ? NULL : sitmap_recovery_dup_default_directory ();
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (directory == NULL)
    directory = default_directory;
  dir = g_dir_open (directory, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&entries);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, SITMAP_RECOVERY_SUFFIX))
        {
          g_autofree char *id = g_strndup (name, strlen (name) - strlen (SITMAP_RECOVERY_SUFFIX));
          SitmapRecoveryEntry *entry = open_entry (directory, id);

          if (entry != NULL)
            g_ptr_array_add (entries, entry);
        }
      else if (g_str_has_suffix (name, SITMAP_RECOVERY_LOCK_SUFFIX))
        remove_stale_lock (directory, name);
    }
  g_ptr_array_sort (entries, compare_time);
  return g_steal_pointer (&entries);
}

/*
 * Loading
 */

/* The file read again, and the changes pushed on its undo stack as edits: undoing them all gives the file. */
static SitmapDocument *
load_delta (SitmapRecoveryEntry *self, GBytes *delta, SitmapImport *import, GCancellable *cancellable,
            GError **error)
{
  g_autofree char *uri = sitmap_recovery_delta_dup_base_uri (delta, error);
  g_autoptr (GFile) base_file = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  guint n_edits;

  if (uri == NULL)
    return NULL;
  base_file = g_file_new_for_uri (uri);
  document = sitmap_document_read_file (base_file, NULL, import, cancellable, error);
  if (document == NULL || !sitmap_recovery_delta_apply (document, delta, &n_edits, error))
    return NULL;
  sitmap_document_set_file (document, self->file ? self->file : base_file);
  sitmap_document_set_native (document, self->native);
  return g_steal_pointer (&document);
}

SitmapDocument *
sitmap_recovery_entry_load (SitmapRecoveryEntry *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autofree char *name = NULL;
  SitmapDocument *document;
  gsize start;

  g_return_val_if_fail (SITMAP_IS_RECOVERY_ENTRY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mapped = g_mapped_file_new (self->path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  start = find_content (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (start == 0)
    {
      g_set_error_literal (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED,
                           _("This is not a recovery file of Sitmap"));
      return NULL;
    }
  content = g_bytes_new_from_bytes (bytes, start, g_bytes_get_size (bytes) - start);
  if (self->delta)
    return load_delta (self, content, import, cancellable, error);
  /* TRANSLATORS: how messages about a recovery file name it; %s is the document's title */
  name = g_strdup_printf (_("the unsaved changes to “%s”"), self->title);
  sitmap_import_begin (import, name, cancellable);
  document = sitmap_document_read_bytes (content, sitmap_format_find ("kml"), import, error);
  if (document == NULL)
    return NULL;
  /* Nobody else holds the new document yet: setting it up here is safe in any thread. */
  sitmap_document_set_file (document, self->file);
  sitmap_document_set_native (document, self->native);
  sitmap_undo_stack_mark_modified (sitmap_document_get_undo_stack (document));
  return document;
}

static void
load_thread_cb (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  SitmapDocument *document = sitmap_recovery_entry_load (source_object, cancellable, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
sitmap_recovery_entry_load_async (SitmapRecoveryEntry *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SITMAP_IS_RECOVERY_ENTRY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_recovery_entry_load_async);
  g_task_run_in_thread (task, load_thread_cb);
}

SitmapDocument *
sitmap_recovery_entry_load_finish (SitmapRecoveryEntry *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Public API
 */

GFile *
sitmap_recovery_entry_get_file (SitmapRecoveryEntry *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY_ENTRY (self), NULL);
  return self->file;
}

gboolean
sitmap_recovery_entry_get_native (SitmapRecoveryEntry *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY_ENTRY (self), FALSE);
  return self->native;
}

const char *
sitmap_recovery_entry_get_title (SitmapRecoveryEntry *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY_ENTRY (self), NULL);
  return self->title;
}

GDateTime *
sitmap_recovery_entry_get_time (SitmapRecoveryEntry *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY_ENTRY (self), NULL);
  return self->time;
}

const char *
sitmap_recovery_entry_get_path (SitmapRecoveryEntry *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY_ENTRY (self), NULL);
  return self->path;
}

void
sitmap_recovery_entry_discard (SitmapRecoveryEntry *self)
{
  g_return_if_fail (SITMAP_IS_RECOVERY_ENTRY (self));

  if (self->lock_fd < 0)
    return;
  g_unlink (self->path);
  g_unlink (self->lock_path);
  close (self->lock_fd);
  self->lock_fd = -1;
}

char *
_sitmap_recovery_entry_steal (SitmapRecoveryEntry *self, int *lock_fd)
{
  *lock_fd = self->lock_fd;
  self->lock_fd = -1;
  return g_strdup (self->id);
}
