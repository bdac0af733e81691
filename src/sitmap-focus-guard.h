/* sitmap-focus-guard.h: the keyboard never left on a widget that is gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Watches the widget with window's keyboard focus. When that widget is unmapped while it has the focus
 * (its popover closed, its row was made again, its page was hidden), the guard takes the focus from it
 * at once, then gives it to the popover it was in when that is still open, else to the popover's
 * button, else to the nearest shown ancestor that takes it; failing all, the window keeps it. Either
 * way key events reach the window, so its shortcuts (Ctrl+Z, Ctrl+S…) work.
 *
 * GTK 4.8 leaves the focus on a focused widget taken out of an open popover: key events then reach
 * that widget alone, and the window never sees them. */
#define SITMAP_TYPE_FOCUS_GUARD (sitmap_focus_guard_get_type ())
G_DECLARE_FINAL_TYPE (SitmapFocusGuard, sitmap_focus_guard, SITMAP, FOCUS_GUARD, GObject)

SitmapFocusGuard *sitmap_focus_guard_new (GtkWindow *window);

G_END_DECLS
