/* sitmap-recovery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-recovery"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "sitmap-atomic-write.h"
#include "sitmap-kml-writer.h"
#include "sitmap-recovery-delta.h"
#include "sitmap-recovery-private.h"
#include "sitmap-recovery.h"
#include "sitmap-undo-stack.h"

/* Well inside the 5 s within which a change must be on disk, with room for writing a large document. */
#define DEFAULT_DELAY_MS 2000

struct _SitmapRecovery
{
  GObject          parent_instance;

  char            *directory;
  SitmapDocument  *document;
  SitmapUndoStack *stack;      /* the document's; connected to */
  guint            delay_ms;
  guint            timeout_id; /* a write is due */
  gboolean         writing;    /* a write is under way in a worker thread */
  gboolean         closed;
  guint            n_changes;  /* changes seen, and how many of them the last write holds */
  guint            n_changes_written;
  guint            n_written;

  /* The file, from the first write on */
  char            *id;
  char            *path;
  int              lock_fd;

  /* Held by a write in the worker thread, and by the main thread while it removes the file. */
  GMutex           io_lock;
  /* Moves each time the file is removed: a write made for the file before that is dropped. */
  gint             generation;
  gboolean         remove_pending; /* asked while a write was under way: done when it ends */
};

G_DEFINE_FINAL_TYPE (SitmapRecovery, sitmap_recovery, G_TYPE_OBJECT)

/* One write, in the worker thread */
typedef struct
{
  /* Not a reference: written_cb holds one until the thread is done with it. The task holds none, so that
   * a recovery dropped as in a crash lets go of its lock at once, whichever thread frees the task. */
  SitmapRecovery *recovery;
  char   *path;
  GBytes *header;
  GBytes *content;
  /* When the content is the whole document: written to bytes in the thread, which holds the document for
   * reading meanwhile (an edit waits), rather than on the main thread, which a big one would stop for seconds */
  SitmapDocument *document;
  gint    generation;
  guint   n_changes;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_bytes_unref (job->header);
  g_clear_pointer (&job->content, g_bytes_unref);
  g_clear_object (&job->document);
  g_free (job);
}

/*
 * The files
 */

char *
_sitmap_recovery_build_path (const char *directory, const char *id, const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (directory, name, NULL);
}

int
_sitmap_recovery_lock (const char *path)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return -1;
  /* A lock dies with its process, however it ends: a file whose lock can be taken has no writer. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

char *
sitmap_recovery_dup_default_directory (void)
{
  return g_build_filename (g_get_user_state_dir (), "sitmap", "recovery", NULL);
}

/* The lock first, so that a recovery file is never seen without the lock that says its writer lives. */
static gboolean
ensure_lock (SitmapRecovery *self)
{
  g_autofree char *lock_path = NULL;

  if (self->lock_fd >= 0)
    return TRUE;
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      g_warning ("Unsaved changes cannot be kept in %s: %s", self->directory, g_strerror (errno));
      return FALSE;
    }
  lock_path = _sitmap_recovery_build_path (self->directory, self->id, SITMAP_RECOVERY_LOCK_SUFFIX);
  self->lock_fd = _sitmap_recovery_lock (lock_path);
  if (self->lock_fd < 0)
    g_warning ("Unsaved changes cannot be kept in %s: no lock", self->directory);
  return self->lock_fd >= 0;
}

/* Removes the file. A write that has not begun is dropped; one under way (a large document takes seconds)
 * is waited for when wait says so (the window closes), else the file is removed once it ends
 * (written_cb), so that a save or an undo never holds the main thread. */
static void
remove_file (SitmapRecovery *self, gboolean wait)
{
  g_atomic_int_inc (&self->generation);
  if (wait)
    g_mutex_lock (&self->io_lock);
  else if (!g_mutex_trylock (&self->io_lock))
    {
      self->remove_pending = TRUE;
      return;
    }
  self->remove_pending = FALSE;
  if (g_unlink (self->path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", self->path, g_strerror (errno));
  g_mutex_unlock (&self->io_lock);
}

/* The file and its lock go: the recovery holds nothing on disk any more. */
static void
release_files (SitmapRecovery *self)
{
  g_autofree char *lock_path = NULL;

  remove_file (self, TRUE);
  if (self->lock_fd < 0)
    return;
  lock_path = _sitmap_recovery_build_path (self->directory, self->id, SITMAP_RECOVERY_LOCK_SUFFIX);
  g_unlink (lock_path);
  close (self->lock_fd);
  self->lock_fd = -1;
}

/*
 * Writing
 */

GBytes *
sitmap_recovery_serialize (SitmapDocument *document, const char **content, GError **error)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (content != NULL, NULL);

  if (sitmap_recovery_delta_possible (document))
    {
      *content = SITMAP_RECOVERY_CONTENT_DELTA;
      return sitmap_recovery_delta_new (document, error);
    }
  *content = SITMAP_RECOVERY_CONTENT_KML;
  return sitmap_kml_write_bytes (document, error);
}

static GBytes *
make_header (SitmapDocument *document, const char *content)
{
  g_autoptr (GKeyFile) info = g_key_file_new ();
  GFile *file = sitmap_document_get_file (document);
  g_autofree char *data = NULL;
  gsize length;

  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_key_file_set_string (info, SITMAP_RECOVERY_GROUP, "uri", uri);
    }
  g_key_file_set_boolean (info, SITMAP_RECOVERY_GROUP, "native", sitmap_document_is_native (document));
  g_key_file_set_string (info, SITMAP_RECOVERY_GROUP, "title", sitmap_document_get_title (document));
  g_key_file_set_int64 (info, SITMAP_RECOVERY_GROUP, "time", g_get_real_time () / G_USEC_PER_SEC);
  g_key_file_set_int64 (info, SITMAP_RECOVERY_GROUP, "pid", getpid ());
  g_key_file_set_string (info, SITMAP_RECOVERY_GROUP, "content", content);
  data = g_key_file_to_data (info, &length, NULL);
  return g_bytes_new_take (g_strconcat (SITMAP_RECOVERY_MAGIC, data, NULL), strlen (SITMAP_RECOVERY_MAGIC) + length + 1);
}

static gboolean
write_job (WriteJob *job, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (job->path);
  g_autoptr (SitmapAtomicFile) output = sitmap_atomic_file_new (file, NULL, error);
  gsize size;
  const void *data;

  if (output == NULL)
    return FALSE;
  /* The header's bytes end with its NUL, which separates it from the content. */
  data = g_bytes_get_data (job->header, &size);
  if (!sitmap_atomic_file_write (output, data, size, error))
    return FALSE;
  data = g_bytes_get_data (job->content, &size);
  return sitmap_atomic_file_write (output, data, size, error) && sitmap_atomic_file_commit (output, error);
}

static void
write_thread_cb (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  WriteJob *job = task_data;
  SitmapRecovery *self = job->recovery;
  GError *error = NULL;
  gboolean ok = TRUE;

  if (job->document != NULL)
    {
      job->content = sitmap_kml_write_bytes (job->document, &error);
      sitmap_document_end_reading (job->document);
      if (job->content == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_mutex_lock (&self->io_lock);
  /* The file was removed since this was asked for: the document was saved, or closed. */
  if (job->generation == g_atomic_int_get (&self->generation))
    ok = write_job (job, &error);
  g_mutex_unlock (&self->io_lock);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void schedule_write (SitmapRecovery *self);

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapRecovery) self = user_data;
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Unsaved changes could not be kept in %s: %s", job->path, error->message);
  else
    {
      self->n_written++;
      self->n_changes_written = job->n_changes;
    }
  if (self->remove_pending)
    remove_file (self, TRUE);
  if (self->closed || self->document == NULL)
    return;
  if (!sitmap_undo_stack_get_modified (self->stack))
    remove_file (self, FALSE);
  else if (self->n_changes != self->n_changes_written)
    schedule_write (self);
}

static void
start_write (SitmapRecovery *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = NULL;
  const char *kind;
  WriteJob *job;

  if (!ensure_lock (self))
    return;
  if (sitmap_recovery_delta_possible (self->document))
    {
      content = sitmap_recovery_serialize (self->document, &kind, &error);
      if (content == NULL)
        {
          g_warning ("Unsaved changes cannot be kept: %s", error->message);
          return;
        }
    }
  else
    kind = SITMAP_RECOVERY_CONTENT_KML;
  job = g_new0 (WriteJob, 1);
  job->recovery = self;
  job->path = g_strdup (self->path);
  job->header = make_header (self->document, kind);
  job->content = g_steal_pointer (&content);
  if (job->content == NULL)
    {
      job->document = g_object_ref (self->document);
      sitmap_document_begin_reading (self->document);
    }
  job->generation = g_atomic_int_get (&self->generation);
  job->n_changes = self->n_changes;
  self->writing = TRUE;
  task = g_task_new (NULL, NULL, written_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread_cb);
}

static gboolean
write_due_cb (gpointer data)
{
  SitmapRecovery *self = data;

  self->timeout_id = 0;
  if (self->document != NULL && sitmap_undo_stack_get_modified (self->stack))
    start_write (self);
  return G_SOURCE_REMOVE;
}

/* Changes that come while one is due, or while one is written, are written together, next. */
static void
schedule_write (SitmapRecovery *self)
{
  if (self->closed || self->document == NULL || self->timeout_id != 0 || self->writing)
    return;
  self->timeout_id = g_timeout_add (self->delay_ms, write_due_cb, self);
}

static void
stack_changed_cb (SitmapRecovery *self)
{
  if (sitmap_undo_stack_get_modified (self->stack))
    {
      self->n_changes++;
      schedule_write (self);
      return;
    }
  /* Saved, or back to what the file holds: nothing to recover. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  remove_file (self, FALSE);
}

static void
unfollow (SitmapRecovery *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  g_clear_object (&self->stack);
  g_clear_object (&self->document);
}

static void
follow (SitmapRecovery *self, SitmapDocument *document)
{
  if (document == NULL)
    return;
  self->document = g_object_ref (document);
  self->stack = g_object_ref (sitmap_document_get_undo_stack (document));
  g_signal_connect_swapped (self->stack, "notify::modified", G_CALLBACK (stack_changed_cb), self);
  self->n_changes++;
  if (sitmap_undo_stack_get_modified (self->stack))
    schedule_write (self);
}

/*
 * GObject
 */

static void
sitmap_recovery_dispose (GObject *object)
{
  unfollow (SITMAP_RECOVERY (object));
  G_OBJECT_CLASS (sitmap_recovery_parent_class)->dispose (object);
}

/* Without sitmap_recovery_close() the file stays, as after a crash: only the lock goes. */
static void
sitmap_recovery_finalize (GObject *object)
{
  SitmapRecovery *self = (SitmapRecovery *) object;

  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_mutex_clear (&self->io_lock);
  g_free (self->directory);
  g_free (self->id);
  g_free (self->path);
  G_OBJECT_CLASS (sitmap_recovery_parent_class)->finalize (object);
}

static void
sitmap_recovery_class_init (SitmapRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_recovery_dispose;
  object_class->finalize = sitmap_recovery_finalize;
}

static void
sitmap_recovery_init (SitmapRecovery *self)
{
  self->lock_fd = -1;
  self->delay_ms = DEFAULT_DELAY_MS;
  g_mutex_init (&self->io_lock);
}

/*
 * Public API
 */

SitmapRecovery *
sitmap_recovery_new (const char *directory)
{
  SitmapRecovery *self = g_object_new (SITMAP_TYPE_RECOVERY, NULL);

  self->directory = directory ? g_strdup (directory) : sitmap_recovery_dup_default_directory ();
  self->id = g_uuid_string_random ();
  self->path = _sitmap_recovery_build_path (self->directory, self->id, SITMAP_RECOVERY_SUFFIX);
  return self;
}

void
sitmap_recovery_set_document (SitmapRecovery *self, SitmapDocument *document)
{
  g_return_if_fail (SITMAP_IS_RECOVERY (self));
  g_return_if_fail (document == NULL || SITMAP_IS_DOCUMENT (document));

  if (document == self->document)
    return;
  unfollow (self);
  remove_file (self, FALSE);
  follow (self, document);
}

void
sitmap_recovery_set_restored_document (SitmapRecovery *self, SitmapDocument *document, SitmapRecoveryEntry *entry)
{
  int lock_fd;

  g_return_if_fail (SITMAP_IS_RECOVERY (self));
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (SITMAP_IS_RECOVERY_ENTRY (entry));

  unfollow (self);
  release_files (self);
  g_free (self->id);
  self->id = _sitmap_recovery_entry_steal (entry, &lock_fd);
  g_free (self->path);
  self->path = _sitmap_recovery_build_path (self->directory, self->id, SITMAP_RECOVERY_SUFFIX);
  self->lock_fd = lock_fd;
  follow (self, document);
}

void
sitmap_recovery_set_delay (SitmapRecovery *self, guint delay_ms)
{
  g_return_if_fail (SITMAP_IS_RECOVERY (self));
  self->delay_ms = delay_ms;
}

void
sitmap_recovery_close (SitmapRecovery *self)
{
  g_return_if_fail (SITMAP_IS_RECOVERY (self));

  self->closed = TRUE;
  unfollow (self);
  release_files (self);
}

const char *
sitmap_recovery_get_path (SitmapRecovery *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY (self), NULL);
  return self->path;
}

guint
sitmap_recovery_get_n_written (SitmapRecovery *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY (self), 0);
  return self->n_written;
}

gboolean
sitmap_recovery_is_pending (SitmapRecovery *self)
{
  g_return_val_if_fail (SITMAP_IS_RECOVERY (self), FALSE);
  return self->timeout_id != 0 || self->writing;
}
