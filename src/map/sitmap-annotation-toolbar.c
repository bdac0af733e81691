/* sitmap-annotation-toolbar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation-toolbar"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-annotation-toolbar.h"
#include "sitmap-annotations-visible-command.h"
#include "sitmap-undo-stack.h"

struct _SitmapAnnotationToolbar
{
  GtkWidget              parent_instance;
  GtkWidget             *box;
  GtkWidget             *tools_box;
  GtkToggleButton       *buttons[SITMAP_N_ANNOTATION_TOOLS];
  GtkToggleButton       *visibility;
  SitmapAnnotationLayer *layer;
  SitmapViewState       *view_state;
  SitmapDocument        *document;
  gulong                 visible_id;
  gboolean               updating;
};

G_DEFINE_FINAL_TYPE (SitmapAnnotationToolbar, sitmap_annotation_toolbar, GTK_TYPE_WIDGET)

static void
tool_toggled_cb (GtkToggleButton *button, SitmapAnnotationToolbar *self)
{
  if (self->updating || self->layer == NULL || !gtk_toggle_button_get_active (button))
    return;
  sitmap_annotation_layer_set_tool (self->layer, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tool")));
}

static void
layer_tool_cb (SitmapAnnotationToolbar *self)
{
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->buttons[sitmap_annotation_layer_get_tool (self->layer)], TRUE);
  self->updating = FALSE;
}

static void
update_visibility (SitmapAnnotationToolbar *self)
{
  gboolean shown = self->document == NULL || sitmap_document_get_annotations_visible (self->document);

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->visibility, shown);
  self->updating = FALSE;
  gtk_button_set_icon_name (GTK_BUTTON (self->visibility), shown ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->visibility), shown ? _ ("Hide Annotations") : _ ("Show Annotations"));
  gtk_widget_set_sensitive (self->tools_box, shown && self->document != NULL);
  if (!shown && self->layer != NULL)
    sitmap_annotation_layer_set_tool (self->layer, SITMAP_ANNOTATION_TOOL_SELECT);
}

static void
visibility_toggled_cb (SitmapAnnotationToolbar *self)
{
  if (self->updating || self->document == NULL)
    return;
  g_autoptr (SitmapCommand) command =
    sitmap_annotations_visible_command_new (self->document, gtk_toggle_button_get_active (self->visibility));

  /* Saved with the document: an edit, that undo takes back */
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (self->document), command);
}

static void
document_cb (SitmapAnnotationToolbar *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);

  if (self->document != NULL)
    g_clear_signal_handler (&self->visible_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->visible_id
        = g_signal_connect_swapped (document, "notify::annotations-visible", G_CALLBACK (update_visibility), self);
  update_visibility (self);
}

void
sitmap_annotation_toolbar_set_layer (SitmapAnnotationToolbar *self, SitmapAnnotationLayer *layer,
                                     SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_TOOLBAR (self));
  g_return_if_fail (SITMAP_IS_ANNOTATION_LAYER (layer));
  g_return_if_fail (SITMAP_IS_VIEW_STATE (view_state));
  g_return_if_fail (self->layer == NULL);

  self->layer = g_object_ref (layer);
  self->view_state = g_object_ref (view_state);
  g_signal_connect_object (layer, "notify::tool", G_CALLBACK (layer_tool_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view_state, "notify::document", G_CALLBACK (document_cb), self, G_CONNECT_SWAPPED);
  layer_tool_cb (self);
  document_cb (self);
}

GtkWidget *
sitmap_annotation_toolbar_get_tool_button (SitmapAnnotationToolbar *self, SitmapAnnotationTool tool)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION_TOOLBAR (self), NULL);
  g_return_val_if_fail (tool < SITMAP_N_ANNOTATION_TOOLS, NULL);
  return GTK_WIDGET (self->buttons[tool]);
}

GtkWidget *
sitmap_annotation_toolbar_get_visibility_button (SitmapAnnotationToolbar *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION_TOOLBAR (self), NULL);
  return GTK_WIDGET (self->visibility);
}

static void
sitmap_annotation_toolbar_dispose (GObject *object)
{
  SitmapAnnotationToolbar *self = SITMAP_ANNOTATION_TOOLBAR (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->visible_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->layer);
  g_clear_object (&self->view_state);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sitmap_annotation_toolbar_parent_class)->dispose (object);
}

static void
sitmap_annotation_toolbar_class_init (SitmapAnnotationToolbarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sitmap_annotation_toolbar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitmapannotationtoolbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
sitmap_annotation_toolbar_init (SitmapAnnotationToolbar *self)
{
  GtkToggleButton *group = NULL;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->tools_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->tools_box, "linked");
  gtk_box_append (GTK_BOX (self->box), self->tools_box);
  for (guint i = 0; i < SITMAP_N_ANNOTATION_TOOLS; i++)
    {
      GtkToggleButton *button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());

      gtk_button_set_icon_name (GTK_BUTTON (button), sitmap_annotation_tool_get_icon_name (i));
      gtk_widget_set_tooltip_text (GTK_WIDGET (button), sitmap_annotation_tool_get_label (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sitmap_annotation_tool_get_label (i), -1);
      g_object_set_data (G_OBJECT (button), "tool", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_toggle_button_set_group (button, group);
      else
        group = button;
      g_signal_connect (button, "toggled", G_CALLBACK (tool_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->tools_box), GTK_WIDGET (button));
      self->buttons[i] = button;
    }
  gtk_toggle_button_set_active (self->buttons[SITMAP_ANNOTATION_TOOL_SELECT], TRUE);
  self->visibility = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->visibility), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Show Annotations"), -1);
  g_signal_connect_swapped (self->visibility, "toggled", G_CALLBACK (visibility_toggled_cb), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->visibility));
  gtk_widget_add_css_class (GTK_WIDGET (self), "osd");
  gtk_widget_add_css_class (GTK_WIDGET (self), "sitmap-annotation-toolbar");
  update_visibility (self);
}

SitmapAnnotationToolbar *
sitmap_annotation_toolbar_new (void)
{
  return g_object_new (SITMAP_TYPE_ANNOTATION_TOOLBAR, NULL);
}
