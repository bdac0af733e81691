/* events-list-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "events-list-probe.h"

gboolean
events_list_probe_selected_row_shown (GtkWidget *widget, GtkWidget *viewport)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if ((gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_SELECTED) &&
      gtk_widget_compute_bounds (widget, viewport, &bounds) && bounds.origin.y >= 0 &&
      bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (events_list_probe_selected_row_shown (child, viewport))
      return TRUE;
  return FALSE;
}
