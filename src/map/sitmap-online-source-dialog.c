/* sitmap-online-source-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-online-source-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-online-source-dialog.h"

/* The rows are AdwEntryRows, made by the template: this library does not link libadwaita, and needs
 * nothing from them but GtkEditable. */
struct _SitmapOnlineSourceDialog
{
  GtkWindow          parent_instance;

  /* Template widgets */
  GtkWidget         *name_row;
  GtkWidget         *url_row;
  GtkWidget         *attribution_row;
  GtkLabel          *hint_label;
  GtkWidget         *add_button;

  SitmapTileSources *sources;
};

G_DEFINE_FINAL_TYPE (SitmapOnlineSourceDialog, sitmap_online_source_dialog, GTK_TYPE_WINDOW)

/*
 * Auxiliary methods
 */

static char *
dup_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_hint (SitmapOnlineSourceDialog *self, const char *problem)
{
  if (problem == NULL)
    {
      gtk_label_set_text (self->hint_label, _("Write {z}, {x} and {y} where a tile’s zoom level, column and row go, "
                                              "for example https://tile.example.org/{z}/{x}/{y}.png. The "
                                              "attribution is shown on the map, as tile providers require."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->hint_label, problem);
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
    }
}

/*
 * Callbacks
 */

static void
row_changed_cb (SitmapOnlineSourceDialog *self)
{
  g_autofree char *name = dup_text (self->name_row);
  g_autofree char *url = dup_text (self->url_row);
  g_autoptr (GError) error = NULL;
  gboolean valid = sitmap_tile_sources_check_url_template (url, &error);

  /* Nothing typed yet is not a mistake. */
  if (valid || *url == '\0')
    {
      gtk_widget_remove_css_class (self->url_row, "error");
      show_hint (self, NULL);
    }
  else
    {
      gtk_widget_add_css_class (self->url_row, "error");
      show_hint (self, error->message);
    }
  gtk_widget_set_sensitive (self->add_button, valid && *name != '\0');
}

static void
add_clicked_cb (SitmapOnlineSourceDialog *self)
{
  g_autofree char *name = dup_text (self->name_row);
  g_autofree char *url = dup_text (self->url_row);
  g_autofree char *attribution = dup_text (self->attribution_row);
  g_autoptr (GError) error = NULL;

  if (!gtk_widget_get_sensitive (self->add_button))
    return;
  if (sitmap_tile_sources_add_online (self->sources, name, url, attribution, &error) == NULL)
    {
      show_hint (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/*
 * GObject
 */

static void
sitmap_online_source_dialog_dispose (GObject *object)
{
  SitmapOnlineSourceDialog *self = (SitmapOnlineSourceDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_ONLINE_SOURCE_DIALOG);
  g_clear_object (&self->sources);
  G_OBJECT_CLASS (sitmap_online_source_dialog_parent_class)->dispose (object);
}

static void
sitmap_online_source_dialog_class_init (SitmapOnlineSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_online_source_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-online-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapOnlineSourceDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapOnlineSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapOnlineSourceDialog, attribution_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapOnlineSourceDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapOnlineSourceDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitmap_online_source_dialog_init (SitmapOnlineSourceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_hint (self, NULL);
}

/*
 * Public API
 */

SitmapOnlineSourceDialog *
sitmap_online_source_dialog_new (SitmapTileSources *sources)
{
  SitmapOnlineSourceDialog *self;

  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (sources), NULL);

  self = g_object_new (SITMAP_TYPE_ONLINE_SOURCE_DIALOG, NULL);
  self->sources = g_object_ref (sources);
  return self;
}
