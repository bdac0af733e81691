/* sitmap-tile-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-tile-status"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-tile-status.h"

struct _SitmapTileStatus
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkRevealer       *revealer;
  GtkLabel          *label;
  GtkButton         *offline_button;

  SitmapTileSources *sources;
};

G_DEFINE_FINAL_TYPE (SitmapTileStatus, sitmap_tile_status, GTK_TYPE_WIDGET)

/*
 * Callbacks
 */

static void
problem_changed_cb (SitmapTileStatus *self)
{
  SitmapTilesProblem problem = self->sources ? sitmap_tile_sources_get_tiles_problem (self->sources)
                                             : SITMAP_TILES_LOADING;

  if (problem == SITMAP_TILES_NO_NETWORK)
    gtk_label_set_text (self->label, _("Map tiles cannot be loaded — check the network connection"));
  else if (problem == SITMAP_TILES_REFUSED)
    gtk_label_set_text (self->label, _("Map tiles cannot be loaded — the tile server answers with errors"));
  /* Hidden, it takes no clicks from the map beneath. */
  gtk_widget_set_can_target (GTK_WIDGET (self), problem != SITMAP_TILES_LOADING);
  gtk_revealer_set_reveal_child (self->revealer, problem != SITMAP_TILES_LOADING);
}

static void
offline_clicked_cb (SitmapTileStatus *self)
{
  if (self->sources != NULL)
    sitmap_tile_sources_choose (self->sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
}

/*
 * GObject
 */

static void
sitmap_tile_status_dispose (GObject *object)
{
  SitmapTileStatus *self = (SitmapTileStatus *) object;

  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_clear_object (&self->sources);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_TILE_STATUS);
  G_OBJECT_CLASS (sitmap_tile_status_parent_class)->dispose (object);
}

static void
sitmap_tile_status_class_init (SitmapTileStatusClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sitmap_tile_status_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-tile-status.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapTileStatus, revealer);
  gtk_widget_class_bind_template_child (widget_class, SitmapTileStatus, label);
  gtk_widget_class_bind_template_child (widget_class, SitmapTileStatus, offline_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
sitmap_tile_status_init (SitmapTileStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->offline_button, "clicked", G_CALLBACK (offline_clicked_cb), self);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/*
 * Public API
 */

SitmapTileStatus *
sitmap_tile_status_new (void)
{
  return g_object_new (SITMAP_TYPE_TILE_STATUS, NULL);
}

void
sitmap_tile_status_set_sources (SitmapTileStatus *self, SitmapTileSources *sources)
{
  g_return_if_fail (SITMAP_IS_TILE_STATUS (self));
  g_return_if_fail (sources == NULL || SITMAP_IS_TILE_SOURCES (sources));

  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_set_object (&self->sources, sources);
  if (sources != NULL)
    g_signal_connect_swapped (sources, "notify::tiles-problem", G_CALLBACK (problem_changed_cb), self);
  problem_changed_cb (self);
}

gboolean
sitmap_tile_status_get_shown (SitmapTileStatus *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_STATUS (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}
