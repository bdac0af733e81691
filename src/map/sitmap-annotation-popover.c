/* sitmap-annotation-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation-popover"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-annotation-command.h"
#include "sitmap-annotation-popover.h"
#include "sitmap-undo-stack.h"

struct _SitmapAnnotationPopover
{
  GtkPopover       parent_instance;
  GtkLabel        *title;
  GtkEntry        *text_entry;
  GtkBox          *colors;
  GtkToggleButton *color_buttons[SITMAP_N_ANNOTATION_COLORS];
  GtkToggleButton *thin;
  GtkToggleButton *medium;
  GtkToggleButton *thick;
  GtkCheckButton  *leader;
  GtkWidget       *radius_row;
  GtkSpinButton   *radius;
  GtkLabel        *events_label;
  GtkButton       *delete_button;

  SitmapDocument                   *document;
  SitmapAnnotation                 *annotation;
  guint                             gesture;  /* this visit's: its edits of one kind merge */
  gboolean                          updating; /* showing the annotation, not editing it */
  gboolean                          focus_text;
  SitmapAnnotationPopoverLeaderFunc leader_func;
  gpointer                          leader_data;
};

G_DEFINE_FINAL_TYPE (SitmapAnnotationPopover, sitmap_annotation_popover, GTK_TYPE_POPOVER)

static void
push_change (SitmapAnnotationPopover *self, SitmapAnnotation *after, SitmapAnnotationChange change)
{
  g_autoptr (SitmapCommand) command = NULL;

  if (sitmap_annotation_equal (after, self->annotation))
    return;
  command = sitmap_annotation_command_new_change (self->annotation, after, change, self->gesture);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (self->document), command);
}

static void
text_changed_cb (SitmapAnnotationPopover *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->text_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr (SitmapAnnotation) after = NULL;

  if (self->updating || self->annotation == NULL)
    return;
  after = sitmap_annotation_copy (self->annotation);
  /* A label is its words: while the entry is blank, it keeps its last ones. */
  sitmap_annotation_set_text (after, *stripped != '\0' ? text : NULL);
  if (!sitmap_annotation_validate (after, NULL))
    return;
  push_change (self, after, SITMAP_ANNOTATION_CHANGE_TEXT);
}

static void
color_toggled_cb (GtkToggleButton *button, SitmapAnnotationPopover *self)
{
  g_autoptr (SitmapAnnotation) after = NULL;

  if (self->updating || self->annotation == NULL || !gtk_toggle_button_get_active (button))
    return;
  after = sitmap_annotation_copy (self->annotation);
  sitmap_annotation_set_color (after, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "color")));
  push_change (self, after, SITMAP_ANNOTATION_CHANGE_STYLE);
}

static void
width_toggled_cb (GtkToggleButton *button, SitmapAnnotationPopover *self)
{
  g_autoptr (SitmapAnnotation) after = NULL;
  double width = button == self->thin    ? SITMAP_ANNOTATION_WIDTH_THIN
                 : button == self->thick ? SITMAP_ANNOTATION_WIDTH_THICK
                                         : SITMAP_ANNOTATION_WIDTH_MEDIUM;

  if (self->updating || self->annotation == NULL || !gtk_toggle_button_get_active (button))
    return;
  after = sitmap_annotation_copy (self->annotation);
  sitmap_annotation_set_width (after, width);
  push_change (self, after, SITMAP_ANNOTATION_CHANGE_STYLE);
}

static void
radius_changed_cb (SitmapAnnotationPopover *self)
{
  g_autoptr (SitmapAnnotation) after = NULL;

  double radius;

  if (self->updating || self->annotation == NULL)
    return;
  /* The field shows kilometres to its digits, and leaving it reads back what it shows: a radius within
   * that rounding of the circle's own is the circle's own, not an edit that would move its edge. */
  radius = gtk_spin_button_get_value (self->radius) * 1000;
  if (fabs (radius - sitmap_annotation_get_radius (self->annotation))
      <= 0.5 * 1000 * pow (10, -(int) gtk_spin_button_get_digits (self->radius)) + 1e-6)
    return;
  after = sitmap_annotation_copy (self->annotation);
  sitmap_annotation_set_radius (after, radius);
  push_change (self, after, SITMAP_ANNOTATION_CHANGE_RESHAPE);
}

/* A leader line added points a little below and left of the text, where the map says; taken away, the
 * label is its text alone. */
static void
leader_toggled_cb (SitmapAnnotationPopover *self)
{
  g_autoptr (SitmapAnnotation) after = NULL;
  gboolean wanted = gtk_check_button_get_active (self->leader);
  double   latitude, longitude;

  if (self->updating || self->annotation == NULL || wanted == sitmap_annotation_has_leader (self->annotation))
    return;
  after = sitmap_annotation_copy (self->annotation);
  if (!wanted)
    sitmap_annotation_remove_point (after, 1);
  else if (self->leader_func != NULL && self->leader_func (self->annotation, &latitude, &longitude, self->leader_data))
    sitmap_annotation_add_point (after, latitude, longitude);
  else
    return;
  push_change (self, after, SITMAP_ANNOTATION_CHANGE_RESHAPE);
}

static void
delete_clicked_cb (SitmapAnnotationPopover *self)
{
  g_autoptr (SitmapCommand) command = NULL;

  if (self->annotation == NULL)
    return;
  command = sitmap_annotation_command_new_remove (self->annotation);
  gtk_popover_popdown (GTK_POPOVER (self));
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (self->document), command);
}

/* Delete deletes the annotation, as on the map, unless the text takes it. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                SitmapAnnotationPopover *self)
{
  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    return FALSE;
  delete_clicked_cb (self);
  return TRUE;
}

/* The nearest of the three widths the popover offers: a file may give any. */
static GtkToggleButton *
width_button (SitmapAnnotationPopover *self, double width)
{
  if (width < (SITMAP_ANNOTATION_WIDTH_THIN + SITMAP_ANNOTATION_WIDTH_MEDIUM) / 2)
    return self->thin;
  if (width < (SITMAP_ANNOTATION_WIDTH_MEDIUM + SITMAP_ANNOTATION_WIDTH_THICK) / 2)
    return self->medium;
  return self->thick;
}

void
sitmap_annotation_popover_refresh (SitmapAnnotationPopover *self)
{
  SitmapAnnotation    *a = self->annotation;
  SitmapAnnotationKind kind;
  const char          *text;
  guint                n_events;

  g_return_if_fail (SITMAP_IS_ANNOTATION_POPOVER (self));
  if (a == NULL)
    return;
  kind = sitmap_annotation_get_kind (a);
  self->updating = TRUE;
  gtk_label_set_text (self->title, sitmap_annotation_kind_get_label (kind));
  text = sitmap_annotation_get_text (a);
  /* Not while typing: resetting the entry would move the cursor. */
  if (g_strcmp0 (text != NULL ? text : "", gtk_editable_get_text (GTK_EDITABLE (self->text_entry))) != 0
      && !(kind == SITMAP_ANNOTATION_LABEL && *gtk_editable_get_text (GTK_EDITABLE (self->text_entry)) == '\0'))
    gtk_editable_set_text (GTK_EDITABLE (self->text_entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (self->text_entry,
                                  kind == SITMAP_ANNOTATION_LABEL ? _ ("Text") : _ ("Caption (optional)"));
  for (guint i = 0; i < SITMAP_N_ANNOTATION_COLORS; i++)
    gtk_toggle_button_set_active (self->color_buttons[i], sitmap_annotation_get_color (a) == i);
  gtk_toggle_button_set_active (width_button (self, sitmap_annotation_get_width (a)), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->leader), kind == SITMAP_ANNOTATION_LABEL && self->leader_func != NULL);
  gtk_check_button_set_active (self->leader, sitmap_annotation_has_leader (a));
  gtk_widget_set_visible (self->radius_row, kind == SITMAP_ANNOTATION_CIRCLE);
  gtk_spin_button_set_value (self->radius, sitmap_annotation_get_radius (a) / 1000);
  sitmap_annotation_get_event_ids (a, &n_events);
  gtk_widget_set_visible (GTK_WIDGET (self->events_label), kind == SITMAP_ANNOTATION_HIGHLIGHT);
  if (kind == SITMAP_ANNOTATION_HIGHLIGHT)
    {
      g_autofree char *count = g_strdup_printf (
          ngettext ("Rings %u event. With the highlight tool, click events to add or remove them.",
                    "Rings %u events. With the highlight tool, click events to add or remove them.", n_events),
          n_events);

      gtk_label_set_text (self->events_label, count);
    }
  self->updating = FALSE;
}

void
sitmap_annotation_popover_set_annotation (SitmapAnnotationPopover *self, SitmapDocument *document,
                                          SitmapAnnotation *annotation)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_POPOVER (self));
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (SITMAP_IS_ANNOTATION (annotation));

  g_set_object (&self->document, document);
  g_set_object (&self->annotation, annotation);
  self->gesture = sitmap_annotation_command_new_gesture ();
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry),
                         sitmap_annotation_get_text (annotation) ? sitmap_annotation_get_text (annotation) : "");
  self->updating = FALSE;
  sitmap_annotation_popover_refresh (self);
}

/* A new label's words are a placeholder to type over. Otherwise the focus rests on the colour, so that
 * Delete still deletes the annotation rather than a letter. */
static void
sitmap_annotation_popover_show (GtkWidget *widget)
{
  SitmapAnnotationPopover *self = SITMAP_ANNOTATION_POPOVER (widget);

  GTK_WIDGET_CLASS (sitmap_annotation_popover_parent_class)->show (widget);
  if (self->focus_text)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->text_entry), 0, -1);
    }
  else if (self->annotation != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->color_buttons[sitmap_annotation_get_color (self->annotation)]));
}

void
sitmap_annotation_popover_set_leader_func (SitmapAnnotationPopover *self, SitmapAnnotationPopoverLeaderFunc func,
                                           gpointer user_data)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_POPOVER (self));
  self->leader_func = func;
  self->leader_data = user_data;
}

void
sitmap_annotation_popover_set_focus_text (SitmapAnnotationPopover *self, gboolean focus_text)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_POPOVER (self));
  self->focus_text = focus_text;
}

static void
sitmap_annotation_popover_dispose (GObject *object)
{
  SitmapAnnotationPopover *self = SITMAP_ANNOTATION_POPOVER (object);

  g_clear_object (&self->document);
  g_clear_object (&self->annotation);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_ANNOTATION_POPOVER);
  G_OBJECT_CLASS (sitmap_annotation_popover_parent_class)->dispose (object);
}

static void
sitmap_annotation_popover_class_init (SitmapAnnotationPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sitmap_annotation_popover_dispose;
  widget_class->show = sitmap_annotation_popover_show;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitmap/Sitmap/ui/sitmap-annotation-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, title);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, text_entry);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, colors);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, thin);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, medium);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, thick);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, leader);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, radius_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, radius);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, events_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapAnnotationPopover, delete_button);
}

static void
sitmap_annotation_popover_init (SitmapAnnotationPopover *self)
{
  GtkToggleButton    *group = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < SITMAP_N_ANNOTATION_COLORS; i++)
    {
      GtkToggleButton *button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
      g_autofree char *css_class = g_strdup_printf ("sitmap-swatch-%s", sitmap_annotation_color_to_id (i));

      gtk_widget_add_css_class (GTK_WIDGET (button), "sitmap-swatch");
      gtk_widget_add_css_class (GTK_WIDGET (button), css_class);
      gtk_widget_set_tooltip_text (GTK_WIDGET (button), sitmap_annotation_color_get_label (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sitmap_annotation_color_get_label (i), -1);
      g_object_set_data (G_OBJECT (button), "color", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_toggle_button_set_group (button, group);
      else
        group = button;
      g_signal_connect (button, "toggled", G_CALLBACK (color_toggled_cb), self);
      gtk_box_append (self->colors, GTK_WIDGET (button));
      self->color_buttons[i] = button;
    }
  g_signal_connect_swapped (self->text_entry, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect (self->thin, "toggled", G_CALLBACK (width_toggled_cb), self);
  g_signal_connect (self->medium, "toggled", G_CALLBACK (width_toggled_cb), self);
  g_signal_connect (self->thick, "toggled", G_CALLBACK (width_toggled_cb), self);
  g_signal_connect_swapped (self->radius, "value-changed", G_CALLBACK (radius_changed_cb), self);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  g_signal_connect_swapped (self->leader, "toggled", G_CALLBACK (leader_toggled_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* Enter closes it, as in GNOME's other quick editors. */
  g_signal_connect_swapped (self->text_entry, "activate", G_CALLBACK (gtk_popover_popdown), self);
}

SitmapAnnotationPopover *
sitmap_annotation_popover_new (void)
{
  return g_object_new (SITMAP_TYPE_ANNOTATION_POPOVER, NULL);
}
