/* sitmap-popover-focus.c: the keyboard back to a popover's button when it closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include "sitmap-popover-focus.h"

static void
closed_cb (GtkPopover *popover)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (popover));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (popover));

  if (parent != NULL && (focus == NULL || focus == GTK_WIDGET (popover) ||
                         gtk_widget_is_ancestor (focus, GTK_WIDGET (popover))))
    gtk_widget_grab_focus (parent);
}

void
sitmap_popover_return_focus_on_close (GtkPopover *popover)
{
  g_return_if_fail (GTK_IS_POPOVER (popover));

  g_signal_connect (popover, "closed", G_CALLBACK (closed_cb), NULL);
}
