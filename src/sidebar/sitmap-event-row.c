/* sitmap-event-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-event-row.h"
#include "sitmap-sidebar-text.h"

struct _SitmapEventRow
{
  GtkWidget    parent_instance;

  SitmapEvent *event;
  GdkRGBA      color;
  GtkWidget   *swatch;
  GtkLabel    *title_label;
  GtkLabel    *detail_label;
};

G_DEFINE_FINAL_TYPE (SitmapEventRow, sitmap_event_row, GTK_TYPE_WIDGET)

static void
draw_swatch_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SitmapEventRow *self = user_data;

  if (self->event != NULL)
    sitmap_event_row_draw_swatch (GTK_WIDGET (area), cr, width, height, &self->color);
}

static GtkLabel *
new_label (GtkWidget *parent, const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Text from the document: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (parent), label);
  return GTK_LABEL (label);
}

static void
sitmap_event_row_dispose (GObject *object)
{
  SitmapEventRow *self = SITMAP_EVENT_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->event);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sitmap_event_row_parent_class)->dispose (object);
}

static void
sitmap_event_row_class_init (SitmapEventRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sitmap_event_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitmap-event-row");
}

static void
sitmap_event_row_init (SitmapEventRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 10);
  self->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->swatch), 12);
  gtk_widget_set_valign (self->swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->swatch), draw_swatch_cb, self, NULL);
  gtk_widget_set_parent (self->swatch, GTK_WIDGET (self));

  gtk_widget_set_hexpand (text, TRUE);
  self->title_label = new_label (text, NULL);
  self->detail_label = new_label (text, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_widget_set_parent (text, GTK_WIDGET (self));
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
}

GtkWidget *
sitmap_event_row_new (void)
{
  return g_object_new (SITMAP_TYPE_EVENT_ROW, NULL);
}

void
sitmap_event_row_set_event (SitmapEventRow *self, SitmapEvent *event)
{
  SitmapCategory category;
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *shown = NULL;
  const char *title;
  SitmapTime time;

  g_return_if_fail (SITMAP_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || SITMAP_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;
  gtk_widget_queue_draw (self->swatch);
  if (event == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->detail_label, "");
      return;
    }
  category = sitmap_event_get_category (event);
  if (!gdk_rgba_parse (&self->color, sitmap_category_get_color (category)))
    self->color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  title = sitmap_event_get_title (event);
  /* Cut to what a row is read for: a title of a megabyte would freeze the list (see sitmap-time.h). */
  shown = sitmap_text_cut (title && *title ? title : _("Untitled event"), SITMAP_LABEL_MAX_CHARS);
  gtk_label_set_text (self->title_label, shown);
  sitmap_event_get_time (event, &time);
  when = sitmap_sidebar_describe_when (&time);
  /* TRANSLATORS: an event's category and date in a list, "Battle · on 10 December 2024" */
  detail = g_strdup_printf (C_("event row", "%s · %s"), sitmap_category_get_label (category), when);
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), gtk_label_get_text (self->title_label));
}

SitmapEvent *
sitmap_event_row_get_event (SitmapEventRow *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_ROW (self), NULL);
  return self->event;
}

/* The category's colour, ringed with a trace of the text colour so that pale colours (the yellow of
 * statements) still show on a light background. */
void
sitmap_event_row_draw_swatch (GtkWidget *area, cairo_t *cr, int width, int height, const GdkRGBA *color)
{
  double radius = MIN (width, height) / 2.0;
  GdkRGBA ring;

  g_return_if_fail (GTK_IS_WIDGET (area));
  g_return_if_fail (color != NULL);

#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (area, &ring);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (area), &ring);
#endif
  ring.alpha *= 0.3f;
  cairo_arc (cr, width / 2.0, height / 2.0, radius - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &ring);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}
