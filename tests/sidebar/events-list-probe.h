/* events-list-probe.h: what the events list shows, as a user would see it, for its test and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether a row marked selected, at or below widget, is drawn inside viewport (the list's scrolled window). */
gboolean events_list_probe_selected_row_shown (GtkWidget *widget, GtkWidget *viewport);

G_END_DECLS
