/* sitmap-file-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-file-watch"

#include "config.h"

#include "sitmap-file-watch.h"

#define DEFAULT_QUIET_MS 300

/* What tells one version of a file from another: its modification time to the nanosecond (in the etag),
 * its size and its inode (a file renamed into place is a new one). */
#define STATE_ATTRIBUTES G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_UNIX_INODE

struct _SitmapFileWatch
{
  GObject       parent_instance;

  GFile        *file;
  GFileMonitor *monitor;
  char         *known;    /* the state remembered: Sitmap's own, or one the user has been told of */
  guint         hold;
  guint         quiet_ms;
  guint         quiet_id;
};

G_DEFINE_FINAL_TYPE (SitmapFileWatch, sitmap_file_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* NULL when the file is not there. */
static char *
dup_state (GFile *file)
{
  g_autoptr (GFileInfo) info = g_file_query_info (file, STATE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%s/%" G_GOFFSET_FORMAT "/%" G_GUINT64_FORMAT,
                          g_file_info_get_etag (info) ? g_file_info_get_etag (info) : "",
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static void
remember (SitmapFileWatch *self)
{
  g_free (self->known);
  self->known = self->file ? dup_state (self->file) : NULL;
}

static gboolean
quiet_cb (gpointer data)
{
  SitmapFileWatch *self = data;
  g_autofree char *state = NULL;

  self->quiet_id = 0;
  if (self->hold > 0 || self->file == NULL)
    return G_SOURCE_REMOVE;
  state = dup_state (self->file);
  if (state == NULL || g_strcmp0 (state, self->known) == 0)
    return G_SOURCE_REMOVE;
  /* Told once per version */
  g_free (self->known);
  self->known = g_steal_pointer (&state);
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* An editor's save is several events (a write, a rename, attributes): the file is looked at once they end. */
static void
monitor_changed_cb (SitmapFileWatch *self)
{
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  self->quiet_id = g_timeout_add (self->quiet_ms, quiet_cb, self);
}

static void
stop (SitmapFileWatch *self)
{
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->file);
  g_clear_pointer (&self->known, g_free);
}

static void
sitmap_file_watch_dispose (GObject *object)
{
  stop (SITMAP_FILE_WATCH (object));
  G_OBJECT_CLASS (sitmap_file_watch_parent_class)->dispose (object);
}

static void
sitmap_file_watch_class_init (SitmapFileWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sitmap_file_watch_dispose;

  /* The file is not as Sitmap left it, nor as it was when last reported. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sitmap_file_watch_init (SitmapFileWatch *self)
{
  self->quiet_ms = DEFAULT_QUIET_MS;
}

SitmapFileWatch *
sitmap_file_watch_new (void)
{
  return g_object_new (SITMAP_TYPE_FILE_WATCH, NULL);
}

void
sitmap_file_watch_set_file (SitmapFileWatch *self, GFile *file)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SITMAP_IS_FILE_WATCH (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  stop (self);
  if (file == NULL)
    return;
  self->file = g_object_ref (file);
  remember (self);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Changes to the file by other programs will not be noticed: %s", error->message);
      return;
    }
  g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
}

GFile *
sitmap_file_watch_get_file (SitmapFileWatch *self)
{
  g_return_val_if_fail (SITMAP_IS_FILE_WATCH (self), NULL);
  return self->file;
}

void
sitmap_file_watch_hold (SitmapFileWatch *self)
{
  g_return_if_fail (SITMAP_IS_FILE_WATCH (self));
  self->hold++;
}

void
sitmap_file_watch_release (SitmapFileWatch *self)
{
  g_return_if_fail (SITMAP_IS_FILE_WATCH (self));
  g_return_if_fail (self->hold > 0);

  if (--self->hold == 0)
    remember (self);
}

void
sitmap_file_watch_set_quiet_time (SitmapFileWatch *self, guint quiet_ms)
{
  g_return_if_fail (SITMAP_IS_FILE_WATCH (self));
  self->quiet_ms = quiet_ms;
}
