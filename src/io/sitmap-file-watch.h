/* sitmap-file-watch.h: noticing that another program changed a document's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Watches one file (GFileMonitor) and emits "changed" when, a moment after the last event, the file is no
 * longer as it was remembered: written, or replaced, by someone else. Sitmap's own saves are not reported:
 * hold the watch while saving, and release it after, which remembers the file as the save left it. A file
 * removed is not reported (an editor may remove it before it writes the new one); once it is back it is. */
#define SITMAP_TYPE_FILE_WATCH (sitmap_file_watch_get_type ())
G_DECLARE_FINAL_TYPE (SitmapFileWatch, sitmap_file_watch, SITMAP, FILE_WATCH, GObject)

SitmapFileWatch *sitmap_file_watch_new (void);
/* Watches file (NULL: nothing) from now on, as it is now. */
void             sitmap_file_watch_set_file (SitmapFileWatch *self, GFile *file);
GFile           *sitmap_file_watch_get_file (SitmapFileWatch *self);
/* Changes while held are Sitmap's own; release remembers the file as it is then. Calls nest. */
void             sitmap_file_watch_hold (SitmapFileWatch *self);
void             sitmap_file_watch_release (SitmapFileWatch *self);
/* How long the file must be quiet before it is looked at, in milliseconds (300 unless set). */
void             sitmap_file_watch_set_quiet_time (SitmapFileWatch *self, guint quiet_ms);

G_END_DECLS
