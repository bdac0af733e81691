/* sitmap-popover-focus.h: the keyboard back to a popover's button when it closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When popover closes with the keyboard focus inside it (or nowhere), the focus goes to the widget
 * the popover hangs from, its button: not left in a hidden popover, where the window's shortcuts
 * (Ctrl+S, Ctrl+Z) would not reach. */
void sitmap_popover_return_focus_on_close (GtkPopover *popover);

G_END_DECLS
