/* sitmap-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-timeline-private.h"

#define DAY_SECONDS 86400
/* The narrowest window: a minute. Ticks go down to seconds, so it is still readable. */
#define MIN_WINDOW_SECONDS 60

G_DEFINE_FINAL_TYPE (SitmapTimeline, sitmap_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static gboolean
document_has_dated_events (SitmapTimeline *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;

  return document != NULL && sitmap_document_get_columns (document)->n_dated > 0;
}

static char *
describe_range (SitmapTimeline *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  guint total = document ? sitmap_document_get_n_events (document) : 0;
  guint n = sitmap_view_state_get_n_visible (self->view_state);
  g_autofree char *dates = NULL;
  g_autofree char *counts = NULL;
  gint64 start, end;

  sitmap_view_state_get_range (self->view_state, &start, &end);
  dates = sitmap_axis_format_range (start, end);
  /* TRANSLATORS: how many of the document's events the time range lets through, "5 of 8 events" */
  counts = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", total), n, total);
  /* TRANSLATORS: the time range and what it lets through, "7 – 10 Dec 2024 · 5 of 8 events" */
  return g_strdup_printf (C_("timeline range", "%s · %s"), dates, counts);
}

static void
update_accessible_description (SitmapTimeline *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *description = NULL;
  gint64 start, end;

  if (!_sitmap_timeline_get_window (self, &start, &end))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  shown = sitmap_axis_format_range (start, end);
  if (sitmap_view_state_get_range (self->view_state, NULL, NULL))
    {
      g_autofree char *range = describe_range (self);

      /* TRANSLATORS: what the timeline shows, then the time range that filters the map */
      description = g_strdup_printf (_("Showing %s. Time range: %s"), shown, range);
    }
  else
    /* TRANSLATORS: the stretch of time the timeline shows, "Showing 2010 – 2025" */
    description = g_strdup_printf (_("Showing %s"), shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update_range_header (SitmapTimeline *self)
{
  gboolean has_range = self->view_state != NULL && sitmap_view_state_get_range (self->view_state, NULL, NULL);

  gtk_widget_set_visible (self->range_box, has_range);
  gtk_widget_set_visible (self->hint_label, !has_range && document_has_dated_events (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.clear-range", has_range);
  if (has_range)
    {
      g_autofree char *text = describe_range (self);

      gtk_label_set_text (GTK_LABEL (self->range_label), text);
    }
  update_accessible_description (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_undated_button (SitmapTimeline *self)
{
  guint n = sitmap_timeline_get_n_undated (self);
  g_autofree char *label = NULL;

  /* TRANSLATORS: the button at the end of the timeline that lists the events with no date */
  label = g_strdup_printf (ngettext ("%u undated", "%u undated", n), n);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->undated_button), label);
  gtk_widget_set_visible (self->undated_button, n > 0);
  if (n == 0)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->undated_button));
}

/*
 * Callbacks
 */

static void
window_changed_cb (SitmapTimeline *self)
{
  _sitmap_timeline_invalidate_marks (self);
  update_accessible_description (self);
  /* The range label follows the brush. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
range_changed_cb (SitmapTimeline *self)
{
  update_range_header (self);
}

static void
layout_changed_cb (SitmapTimeline *self)
{
  _sitmap_timeline_invalidate_marks (self);
}

static void
document_changed_cb (SitmapTimeline *self)
{
  _sitmap_timeline_invalidate_marks (self);
  update_range_header (self);
}

static void
undated_n_items_cb (SitmapTimeline *self)
{
  update_undated_button (self);
}

static void
undated_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

/* Titles and places are the document's text: set as plain text, never as markup. */
static void
undated_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  SitmapEvent *event = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  const char *title = sitmap_event_get_title (event);
  const char *place = sitmap_event_get_place_name (event);
  const char *category = sitmap_category_get_label (sitmap_event_get_category (event));
  g_autofree char *detail = NULL;

  if (place != NULL && *place != '\0')
    /* TRANSLATORS: an undated event's category and place, "Battle · desert near As-Sukhnah" */
    detail = g_strdup_printf (C_("undated event", "%s · %s"), category, place);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      title != NULL && *title != '\0' ? title : _("Untitled event"));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), detail ? detail : category);
}

static void
undated_activate_cb (SitmapTimeline *self, guint i)
{
  if (self->undated == NULL || self->view_state == NULL || i >= sitmap_timeline_get_n_undated (self))
    return;
  sitmap_view_state_set_selected (self->view_state, (gint) sitmap_event_list_get_position (self->undated, i));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->undated_button));
}

static void
clear_range_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (self->view_state != NULL)
    sitmap_view_state_clear_range (self->view_state);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  sitmap_timeline_zoom (self, g_str_equal (action_name, "timeline.zoom-in") ? 0.5 : 2.0, self->width / 2.0);
}

static void
zoom_to_fit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  sitmap_timeline_zoom_to_fit (SITMAP_TIMELINE (widget));
}

/*
 * Header row
 */

static GtkWidget *
create_undated_popover (SitmapTimeline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Undated Events"));
  GtkWidget *explanation = gtk_label_new (_("With no date, these events cannot be placed on the timeline."));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (undated_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (undated_bind_cb), NULL);
  self->undated_view = gtk_list_view_new (NULL, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->undated_view), TRUE);
  gtk_widget_add_css_class (self->undated_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->undated_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Undated events"), -1);
  g_signal_connect_swapped (self->undated_view, "activate", G_CALLBACK (undated_activate_cb), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->undated_view);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_widget_add_css_class (explanation, "caption");
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 36);
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_start (explanation, 6);
  gtk_widget_set_margin_top (heading, 3);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), explanation);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
create_header (SitmapTimeline *self)
{
  GtkWidget *clear_button;

  self->hint_label = gtk_label_new (_("Drag across the timeline to filter events by time"));
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->hint_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_widget_add_css_class (self->hint_label, "caption");
  gtk_widget_set_parent (self->hint_label, GTK_WIDGET (self));

  self->range_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (self->range_box, "timeline-range");
  self->range_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->range_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->range_label, "caption-heading");
  clear_button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (clear_button, "flat");
  gtk_widget_add_css_class (clear_button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear_button), "timeline.clear-range");
  gtk_widget_set_tooltip_text (clear_button, _("Clear Time Range (Esc)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clear time range"), -1);
  gtk_box_append (GTK_BOX (self->range_box), self->range_label);
  gtk_box_append (GTK_BOX (self->range_box), clear_button);
  self->clear_button = clear_button;
  gtk_widget_set_visible (self->range_box, FALSE);
  gtk_widget_set_parent (self->range_box, GTK_WIDGET (self));

  self->undated_button = gtk_menu_button_new ();
  gtk_widget_add_css_class (self->undated_button, "flat");
  gtk_widget_add_css_class (self->undated_button, "timeline-undated");
  gtk_widget_set_tooltip_text (self->undated_button, _("Events with no date"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->undated_button), create_undated_popover (self));
  gtk_widget_set_parent (self->undated_button, GTK_WIDGET (self));
  update_undated_button (self);
}

static int
child_height (GtkWidget *child)
{
  int height;

  if (!gtk_widget_get_visible (child))
    return 0;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

/* The clear button sets the least height: GTK measures it even while its box is hidden, so the header,
 * and the marks under it, keep their place whether or not there is a range. */
static int
header_height (SitmapTimeline *self)
{
  int height = MAX (child_height (self->range_box), child_height (self->hint_label));

  height = MAX (height, child_height (self->undated_button));
  height = MAX (height, child_height (self->clear_button));
  return height + 2 * SITMAP_TIMELINE_HEADER_PAD;
}

static int
axis_height (SitmapTimeline *self)
{
  _sitmap_timeline_get_layout (self, SITMAP_AXIS_LABEL_TICK);
  return (int) SITMAP_TIMELINE_TICK_MAJOR + 1 + self->tick_line_height + self->context_line_height + 3;
}

static void
allocate_child (GtkWidget *child, int x, int height, int width)
{
  int child_height, min_width;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, MAX (width, min_width), NULL, &child_height, NULL, NULL);
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { x, (height - child_height) / 2, MAX (width, min_width), child_height },
                            -1);
}

/* The undated button at the end; the range label over the middle of the brush, or the hint at the start. */
static void
allocate_header (SitmapTimeline *self, int width, int height)
{
  int right = width - SITMAP_TIMELINE_HEADER_PAD_X;
  int natural;
  double x0, x1;

  if (gtk_widget_get_visible (self->undated_button))
    {
      gtk_widget_measure (self->undated_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      allocate_child (self->undated_button, right - natural, height, natural);
      right -= natural + SITMAP_TIMELINE_HEADER_PAD_X;
    }
  if (gtk_widget_get_visible (self->hint_label))
    allocate_child (self->hint_label, SITMAP_TIMELINE_HEADER_PAD_X, height, right - SITMAP_TIMELINE_HEADER_PAD_X);
  if (gtk_widget_get_visible (self->range_box) && _sitmap_timeline_get_brush (self, &x0, &x1))
    {
      double middle = (CLAMP (x0, 0, width) + CLAMP (x1, 0, width)) / 2;
      int room = right - SITMAP_TIMELINE_HEADER_PAD_X;
      int x;

      gtk_widget_measure (self->range_box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      natural = MIN (natural, room);
      x = CLAMP ((int) (middle - natural / 2.0), SITMAP_TIMELINE_HEADER_PAD_X, MAX (right - natural,
                                                                                     SITMAP_TIMELINE_HEADER_PAD_X));
      allocate_child (self->range_box, x, height, natural);
    }
}

/*
 * GtkWidget
 */

static void
sitmap_timeline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  int fixed;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 720;
      return;
    }
  fixed = header_height (self) + (int) (SITMAP_TIMELINE_OVERFLOW_H + SITMAP_TIMELINE_LANES_GAP) + axis_height (self);
  *minimum = fixed + 2 * (int) SITMAP_TIMELINE_LANE_PITCH;
  *natural = fixed + 6 * (int) SITMAP_TIMELINE_LANE_PITCH;
}

static void
sitmap_timeline_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  float lanes_room;
  guint n_lanes;

  self->header_height = header_height (self);
  self->axis_y = height - axis_height (self);
  lanes_room = self->axis_y - SITMAP_TIMELINE_LANES_GAP - self->header_height - SITMAP_TIMELINE_OVERFLOW_H;
  n_lanes = (guint) CLAMP (floorf (lanes_room / SITMAP_TIMELINE_LANE_PITCH), 1, SITMAP_LANES_MAX);
  if (self->width != width || self->height != height || self->n_lanes != n_lanes)
    _sitmap_timeline_invalidate_marks (self);
  self->width = width;
  self->height = height;
  self->n_lanes = n_lanes;
  allocate_header (self, width, (int) self->header_height);
}

static void
sitmap_timeline_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  GTK_WIDGET_CLASS (sitmap_timeline_parent_class)->css_changed (widget, change);
  /* The font may have changed: labels are measured anew. */
  g_clear_object (&self->pango);
  sitmap_time_axis_invalidate (self->axis);
  gtk_widget_queue_resize (widget);
}

static void
sitmap_timeline_system_setting_changed (GtkWidget *widget, GtkSystemSetting setting)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  GTK_WIDGET_CLASS (sitmap_timeline_parent_class)->system_setting_changed (widget, setting);
  g_clear_object (&self->pango);
  sitmap_time_axis_invalidate (self->axis);
  gtk_widget_queue_resize (widget);
}

/*
 * GObject
 */

static void
sitmap_timeline_dispose (GObject *object)
{
  SitmapTimeline *self = (SitmapTimeline *) object;

  sitmap_timeline_set_view_state (self, NULL);
  g_clear_pointer (&self->hint_label, gtk_widget_unparent);
  g_clear_pointer (&self->range_box, gtk_widget_unparent);
  g_clear_pointer (&self->undated_button, gtk_widget_unparent);
  G_OBJECT_CLASS (sitmap_timeline_parent_class)->dispose (object);
}

static void
sitmap_timeline_finalize (GObject *object)
{
  SitmapTimeline *self = (SitmapTimeline *) object;

  g_clear_object (&self->view_state_signals);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->tick_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->context_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->axis, sitmap_time_axis_free);
  g_clear_pointer (&self->query, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->overflow, g_array_unref);
  G_OBJECT_CLASS (sitmap_timeline_parent_class)->finalize (object);
}

static void
sitmap_timeline_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapTimeline *self = SITMAP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_timeline_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapTimeline *self = SITMAP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: sitmap_timeline_set_view_state (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_timeline_class_init (SitmapTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_timeline_dispose;
  object_class->finalize = sitmap_timeline_finalize;
  object_class->get_property = sitmap_timeline_get_property;
  object_class->set_property = sitmap_timeline_set_property;

  widget_class->measure = sitmap_timeline_measure;
  widget_class->size_allocate = sitmap_timeline_size_allocate;
  widget_class->snapshot = _sitmap_timeline_snapshot;
  widget_class->css_changed = sitmap_timeline_css_changed;
  widget_class->system_setting_changed = sitmap_timeline_system_setting_changed;
  widget_class->query_tooltip = _sitmap_timeline_query_tooltip;

  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "timeline.clear-range", NULL, clear_range_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-to-fit", NULL, zoom_to_fit_action);
  _sitmap_timeline_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitmap_timeline_init (SitmapTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->axis = sitmap_time_axis_new ();
  self->query = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->marks = g_array_new (FALSE, FALSE, sizeof (SitmapTimelineMark));
  self->overflow = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->hover_position = -1;
  self->n_lanes = 1;

  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::window-start", G_CALLBACK (window_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::window-end", G_CALLBACK (window_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::has-range", G_CALLBACK (range_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::range-start", G_CALLBACK (range_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::range-end", G_CALLBACK (range_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "visible-changed", G_CALLBACK (range_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::selected", G_CALLBACK (layout_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::hidden-categories",
                                  G_CALLBACK (layout_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (document_changed_cb),
                                  self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);

  create_header (self);
  _sitmap_timeline_init_input (self);
  update_range_header (self);
}

/*
 * Private API
 */

/* The view state's window, kept within what the axis can show; FALSE when there is none. */
gboolean
_sitmap_timeline_get_window (SitmapTimeline *self, gint64 *start, gint64 *end)
{
  gint64 min = sitmap_time_axis_get_min_time ();
  gint64 max = sitmap_time_axis_get_max_time ();

  if (self->view_state == NULL)
    return FALSE;
  sitmap_view_state_get_window (self->view_state, start, end);
  *start = CLAMP (*start, min, max);
  *end = CLAMP (*end, min, max);
  return *start < *end;
}

void
_sitmap_timeline_set_window (SitmapTimeline *self, gint64 start, gint64 end)
{
  gint64 min = sitmap_time_axis_get_min_time ();
  gint64 max = sitmap_time_axis_get_max_time ();
  gint64 span;

  if (self->view_state == NULL)
    return;
  span = CLAMP (end - start, MIN_WINDOW_SECONDS, max - min);
  start = CLAMP (start, min, max - span);
  sitmap_view_state_set_window (self->view_state, start, start + span);
}

PangoLayout *
_sitmap_timeline_get_layout (SitmapTimeline *self, SitmapAxisLabelKind kind)
{
  if (self->pango == NULL)
    {
      int height;

      if (self->tick_attrs == NULL)
        {
          self->tick_attrs = pango_attr_list_new ();
          pango_attr_list_insert (self->tick_attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
          /* Tabular figures, so that dates do not shimmer as the axis pans. */
          pango_attr_list_insert (self->tick_attrs, pango_attr_font_features_new ("tnum=1"));
          self->context_attrs = pango_attr_list_copy (self->tick_attrs);
          pango_attr_list_insert (self->context_attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        }
      self->pango = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_attributes (self->pango, self->tick_attrs);
      pango_layout_set_text (self->pango, "0", -1);
      pango_layout_get_pixel_size (self->pango, NULL, &height);
      self->tick_line_height = height;
      pango_layout_set_attributes (self->pango, self->context_attrs);
      pango_layout_get_pixel_size (self->pango, NULL, &height);
      self->context_line_height = height;
    }
  pango_layout_set_attributes (self->pango, kind == SITMAP_AXIS_LABEL_TICK ? self->tick_attrs : self->context_attrs);
  return self->pango;
}

/*
 * Public API
 */

GtkWidget *
sitmap_timeline_new (void)
{
  return g_object_new (SITMAP_TYPE_TIMELINE, NULL);
}

SitmapViewState *
sitmap_timeline_get_view_state (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), NULL);
  return self->view_state;
}

void
sitmap_timeline_set_view_state (SitmapTimeline *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_TIMELINE (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (self->view_state == view_state)
    return;

  if (self->undated != NULL)
    g_signal_handlers_disconnect_by_data (self->undated, self);
  g_clear_object (&self->undated);
  g_set_object (&self->view_state, view_state);
  g_signal_group_set_target (self->view_state_signals, view_state);
  if (view_state != NULL)
    {
      self->undated = sitmap_event_list_new_undated (view_state);
      g_signal_connect_swapped (self->undated, "notify::n-items", G_CALLBACK (undated_n_items_cb), self);
    }
  if (self->undated_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->undated_view),
                             self->undated ? GTK_SELECTION_MODEL (gtk_no_selection_new (
                                               G_LIST_MODEL (g_object_ref (self->undated))))
                                           : NULL);
  self->drag_mode = SITMAP_DRAG_NONE;
  self->hover_position = -1;
  _sitmap_timeline_invalidate_marks (self);
  if (self->undated_button != NULL)
    {
      update_undated_button (self);
      update_range_header (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}

double
sitmap_timeline_time_to_x (SitmapTimeline *self, gint64 t)
{
  gint64 start, end, span;

  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), 0);

  if (!_sitmap_timeline_get_window (self, &start, &end) || self->width <= 0)
    return 0;
  span = end - start;
  /* Open bounds sit at the ends of gint64: bring t near the window before subtracting. */
  t = CLAMP (t, start - 4 * span, end + 4 * span);
  return (double) (t - start) * self->width / (double) span;
}

gint64
sitmap_timeline_x_to_time (SitmapTimeline *self, double x)
{
  gint64 start, end;
  double t;

  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), 0);

  if (!_sitmap_timeline_get_window (self, &start, &end))
    return 0;
  if (self->width <= 0)
    return start;
  t = (double) start + x / self->width * (double) (end - start);
  return (gint64) CLAMP (llround (t), sitmap_time_axis_get_min_time (), sitmap_time_axis_get_max_time ());
}

gboolean
sitmap_timeline_get_mark_bounds (SitmapTimeline *self, guint position, graphene_rect_t *bounds)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  _sitmap_timeline_ensure_marks (self);
  /* The selection, drawn last, wins over an earlier mark of the same event: search from the end. */
  for (guint i = self->marks->len; i-- > 0;)
    {
      const SitmapTimelineMark *mark = &g_array_index (self->marks, SitmapTimelineMark, i);

      if (mark->position == position)
        {
          graphene_rect_init (bounds, mark->x0, _sitmap_timeline_lane_y (self, mark->lane), mark->x1 - mark->x0,
                              SITMAP_TIMELINE_MARK_HEIGHT);
          return TRUE;
        }
    }
  return FALSE;
}

const SitmapAxisTick *
sitmap_timeline_get_ticks (SitmapTimeline *self, guint *n_ticks)
{
  gint64 start, end;

  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (n_ticks != NULL, NULL);

  if (_sitmap_timeline_get_window (self, &start, &end))
    sitmap_time_axis_update (self->axis, start, end, self->width);
  return sitmap_time_axis_get_ticks (self->axis, n_ticks);
}

guint
sitmap_timeline_get_n_undated (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), 0);
  return self->undated ? g_list_model_get_n_items (G_LIST_MODEL (self->undated)) : 0;
}

void
sitmap_timeline_zoom (SitmapTimeline *self, double factor, double x)
{
  gint64 start, end, anchor;
  double span;

  g_return_if_fail (SITMAP_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  if (!_sitmap_timeline_get_window (self, &start, &end) || self->width <= 0)
    return;
  anchor = sitmap_timeline_x_to_time (self, x);
  span = CLAMP ((double) (end - start) * factor, MIN_WINDOW_SECONDS,
                (double) (sitmap_time_axis_get_max_time () - sitmap_time_axis_get_min_time ()));
  start = anchor - (gint64) llround (x / self->width * span);
  _sitmap_timeline_set_window (self, start, start + (gint64) llround (span));
}

void
sitmap_timeline_zoom_to_fit (SitmapTimeline *self)
{
  SitmapDocument *document;
  gint64 start, end, pad;

  g_return_if_fail (SITMAP_IS_TIMELINE (self));

  document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  if (document == NULL || !sitmap_event_store_get_time_extent (sitmap_document_get_store (document), &start, &end))
    return;
  /* A little room either side, so that the first and last marks are not on the edge. */
  pad = MAX ((end - start) / 20, DAY_SECONDS);
  _sitmap_timeline_set_window (self, start - pad, end + pad);
}
