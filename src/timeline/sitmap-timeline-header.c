/* sitmap-timeline-header.c: the timeline's header row: playback, the range and its popover, the undated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-range-popover.h"
#include "sitmap-timeline-private.h"

static const guint speeds[] = { 1, 2, 4, 8, 16 };

G_DEFINE_FINAL_TYPE (SitmapTimelineHeader, sitmap_timeline_header, GTK_TYPE_WIDGET)

/*
 * Auxiliary methods
 */

static const char *
step_name (SitmapPlaybackStep step)
{
  switch (step)
    {
    /* TRANSLATORS: a playback step, in the speed button: "2× · Week" */
    case SITMAP_PLAYBACK_STEP_WEEK: return C_("playback step", "Week");
    case SITMAP_PLAYBACK_STEP_MONTH: return C_("playback step", "Month");
    case SITMAP_PLAYBACK_STEP_DAY:
    default: return C_("playback step", "Day");
    }
}

/* What 1× means, said where the speed is chosen: one step of the data a second. */
static char *
describe_speed (SitmapPlayback *playback)
{
  guint speed = sitmap_playback_get_speed (playback);

  switch (sitmap_playback_get_step (playback))
    {
    case SITMAP_PLAYBACK_STEP_WEEK:
      return g_strdup_printf (ngettext ("Playback: %u week of the data a second",
                                        "Playback: %u weeks of the data a second", speed), speed);
    case SITMAP_PLAYBACK_STEP_MONTH:
      return g_strdup_printf (ngettext ("Playback: %u month of the data a second",
                                        "Playback: %u months of the data a second", speed), speed);
    case SITMAP_PLAYBACK_STEP_DAY:
    default:
      return g_strdup_printf (ngettext ("Playback: %u day of the data a second",
                                        "Playback: %u days of the data a second", speed), speed);
    }
}

static GMenuModel *
create_speed_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) speed = g_menu_new ();
  g_autoptr (GMenu) step = g_menu_new ();
  g_autoptr (GMenu) mode = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      g_autofree char *label = g_strdup_printf (C_("playback speed", "%u×"), speeds[i]);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "playback.speed", g_variant_new_uint32 (speeds[i]));
      g_menu_append_item (speed, item);
    }
  g_menu_append (step, C_("playback step", "Day"), "playback.step::day");
  g_menu_append (step, C_("playback step", "Week"), "playback.step::week");
  g_menu_append (step, C_("playback step", "Month"), "playback.step::month");
  g_menu_append (mode, _("Sliding Window"), "playback.mode::window");
  g_menu_append (mode, _("Cumulative"), "playback.mode::cumulative");
  /* TRANSLATORS: a section of the playback menu: how many steps of the data each second shows */
  g_menu_append_section (menu, _("Steps a Second"), G_MENU_MODEL (speed));
  /* TRANSLATORS: a section of the playback menu: how long one step of the data is */
  g_menu_append_section (menu, _("Step"), G_MENU_MODEL (step));
  /* TRANSLATORS: a section of the playback menu: a range of fixed length that slides, or all the data up to now */
  g_menu_append_section (menu, _("Range While Playing"), G_MENU_MODEL (mode));
  return G_MENU_MODEL (menu);
}

static gboolean
is_rtl (SitmapTimelineHeader *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

/*
 * Callbacks
 */

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

  /* Cut to what a row is read for (see sitmap-time.h). */
  g_autofree char *shown_title = sitmap_text_cut (title != NULL && *title != '\0' ? title : _("Untitled event"),
                                                        SITMAP_LABEL_MAX_CHARS);
  g_autofree char *shown_place = place != NULL ? sitmap_text_cut (place, SITMAP_LABEL_MAX_CHARS) : NULL;

  if (place != NULL && *place != '\0')
    /* TRANSLATORS: an undated event's category and place, "Battle · desert near As-Sukhnah" */
    detail = g_strdup_printf (C_("undated event", "%s · %s"), category, shown_place);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), shown_title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), detail ? detail : category);
}

static void
undated_activate_cb (SitmapTimelineHeader *self, guint i)
{
  if (self->undated == NULL || self->view_state == NULL ||
      i >= g_list_model_get_n_items (G_LIST_MODEL (self->undated)))
    return;
  sitmap_view_state_select (self->view_state, (gint) sitmap_event_list_get_position (self->undated, i));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->undated_button));
}

/*
 * Layout
 */

static int
child_width (GtkWidget *child)
{
  int width;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width;
}

/* x in left-to-right terms; mirrored in a right-to-left locale. */
static void
allocate_child (SitmapTimelineHeader *self, GtkWidget *child, int x, int width, int row_width, int height)
{
  int child_height, min_width;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  width = MAX (width, min_width);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
  if (is_rtl (self))
    x = row_width - x - width;
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, (height - child_height) / 2, width, child_height }, -1);
}

/* Every child sets the least height, shown or not, so that the lanes keep their place. */
static int
measure_height (SitmapTimelineHeader *self)
{
  GtkWidget *children[] = { self->playback_box, self->range_box, self->hint_label, self->fit_button,
                            self->undated_button };
  int height = 0;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      int h;

      gtk_widget_measure (children[i], GTK_ORIENTATION_VERTICAL, -1, NULL, &h, NULL, NULL);
      height = MAX (height, h);
    }
  return height + 2 * SITMAP_TIMELINE_HEADER_PAD;
}

/* The least width of the row: playback and the ends whole, the range at its least. Nothing in it
 * overlaps above that width. */
static int
measure_width (SitmapTimelineHeader *self)
{
  GtkWidget *whole[] = { self->playback_box, self->fit_button, self->undated_button };
  int width = SITMAP_TIMELINE_HEADER_PAD_X, min;

  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    if (gtk_widget_get_visible (whole[i]))
      width += child_width (whole[i]) + SITMAP_TIMELINE_HEADER_PAD_X;
  if (gtk_widget_get_visible (self->range_box))
    {
      gtk_widget_measure (self->range_box, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      width += min + SITMAP_TIMELINE_HEADER_PAD_X;
    }
  return width;
}

/* The range in full where it fits in room, else its dates alone. Returns the range's width. */
static int
fit_range (SitmapTimelineHeader *self, int room)
{
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (self->range_stack));
  int shown_width = child_width (shown);
  int around = child_width (self->range_box) - shown_width; /* the pill, the buttons */
  gboolean whole = around + child_width (self->range_label) <= room;

  /* The stack changes page (and asks for a new size) only when the room does change the choice. */
  gtk_stack_set_visible_child (GTK_STACK (self->range_stack), whole ? self->range_label : self->range_short_label);
  return MIN (child_width (self->range_box), room);
}

/* The range over the middle of the brush, between what the ends leave. */
static void
allocate_range_over_brush (SitmapTimelineHeader *self, int left, int right, int natural, int width, int height)
{
  double middle = (CLAMP (self->brush_x0, 0, width) + CLAMP (self->brush_x1, 0, width)) / 2;

  g_assert (self->has_brush);
  gtk_widget_set_child_visible (self->hint_label, FALSE);
  allocate_child (self, self->range_box, CLAMP ((int) (middle - natural / 2.0), left, MAX (right - natural, left)),
                  natural, width, height);
}

/*
 * GtkWidget
 */

static void
sitmap_timeline_header_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  SitmapTimelineHeader *self = SITMAP_TIMELINE_HEADER (widget);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? measure_width (self) : measure_height (self);
}

/* Playback at the start; the undated events and "show all" at the end; the range over the middle of the
 * brush, or after playback with the hint beside it, when the hint fits whole. */
static void
sitmap_timeline_header_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SitmapTimelineHeader *self = SITMAP_TIMELINE_HEADER (widget);
  int left = SITMAP_TIMELINE_HEADER_PAD_X, right = width - SITMAP_TIMELINE_HEADER_PAD_X;
  GtkWidget *ends[] = { self->undated_button, self->fit_button };
  int natural;
  gboolean hint_fits;

  if (gtk_widget_get_visible (self->playback_box))
    {
      natural = child_width (self->playback_box);
      allocate_child (self, self->playback_box, left, natural, width, height);
      left += natural + SITMAP_TIMELINE_HEADER_PAD_X;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (gtk_widget_get_visible (ends[i]))
      {
        natural = child_width (ends[i]);
        allocate_child (self, ends[i], right - natural, natural, width, height);
        right -= natural + SITMAP_TIMELINE_HEADER_PAD_X;
      }
  natural = fit_range (self, MAX (right - left, 0));
  if (gtk_widget_get_visible (self->clear_button) && self->has_brush)
    {
      allocate_range_over_brush (self, left, right, natural, width, height);
      return;
    }
  allocate_child (self, self->range_box, left, natural, width, height);
  left += natural + SITMAP_TIMELINE_HEADER_PAD_X;
  /* A hint cut short says half of what to do: it is shown whole or not at all. */
  hint_fits = child_width (self->hint_label) <= right - left;
  gtk_widget_set_child_visible (self->hint_label, hint_fits);
  if (gtk_widget_get_visible (self->hint_label) && hint_fits)
    allocate_child (self, self->hint_label, left, right - left, width, height);
}

/*
 * GObject
 */

static void
sitmap_timeline_header_dispose (GObject *object)
{
  SitmapTimelineHeader *self = SITMAP_TIMELINE_HEADER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_TIMELINE_HEADER);
  g_clear_object (&self->view_state);
  g_clear_object (&self->playback);
  g_clear_object (&self->undated);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  G_OBJECT_CLASS (sitmap_timeline_header_parent_class)->dispose (object);
}

static void
sitmap_timeline_header_class_init (SitmapTimelineHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_timeline_header_dispose;
  widget_class->measure = sitmap_timeline_header_measure;
  widget_class->size_allocate = sitmap_timeline_header_size_allocate;

  g_type_ensure (SITMAP_TYPE_RANGE_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sitmap/Sitmap/ui/sitmap-timeline-header.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, playback_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, play_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, speed_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, range_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, range_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, range_stack);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, range_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, range_short_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, range_popover);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, clear_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, fit_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, undated_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapTimelineHeader, undated_view);
  gtk_widget_class_bind_template_callback (widget_class, undated_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, undated_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, undated_activate_cb);
  gtk_widget_class_set_css_name (widget_class, "timelineheader");
}

static void
sitmap_timeline_header_init (SitmapTimelineHeader *self)
{
  g_autoptr (GMenuModel) menu = create_speed_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->speed_button), menu);
  sitmap_timeline_header_update_undated (self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_timeline_header_new (void)
{
  return g_object_new (SITMAP_TYPE_TIMELINE_HEADER, NULL);
}

void
sitmap_timeline_header_set_sources (SitmapTimelineHeader *self,
                                    SitmapViewState      *view_state,
                                    SitmapPlayback       *playback,
                                    SitmapEventList      *undated)
{
  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));
  g_return_if_fail (playback == NULL || SITMAP_IS_PLAYBACK (playback));

  g_set_object (&self->view_state, view_state);
  g_set_object (&self->playback, playback);
  if (g_set_object (&self->undated, undated))
    gtk_list_view_set_model (GTK_LIST_VIEW (self->undated_view),
                             undated ? GTK_SELECTION_MODEL (gtk_no_selection_new (
                                         G_LIST_MODEL (g_object_ref (undated))))
                                     : NULL);
  sitmap_range_popover_set_view_state (SITMAP_RANGE_POPOVER (self->range_popover), view_state);
}

void
sitmap_timeline_header_set_time_zone (SitmapTimelineHeader *self, GTimeZone *zone)
{
  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));

  if (zone != NULL)
    g_time_zone_ref (zone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  sitmap_range_popover_set_time_zone (SITMAP_RANGE_POPOVER (self->range_popover), zone);
}

void
sitmap_timeline_header_set_extent (SitmapTimelineHeader *self, gboolean dated, gboolean has_extent, gint64 start,
                                   gint64 end)
{
  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));
  g_return_if_fail (!has_extent || start <= end);

  self->dated = dated;
  sitmap_range_popover_set_extent (SITMAP_RANGE_POPOVER (self->range_popover), has_extent, start, end);
}

void
sitmap_timeline_header_set_brush (SitmapTimelineHeader *self, gboolean has_brush, double x0, double x1)
{
  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));

  self->has_brush = has_brush;
  self->brush_x0 = x0;
  self->brush_x1 = x1;
}

/* "7 – 10 Dec 2024 · 4 of 9 events overlapping", or "All dates · 9 events", or with a search or filter
 * "All dates · 1 of 9 events": n counts the visible set, which honours the filter. */
char *
sitmap_timeline_header_describe_range (SitmapTimelineHeader *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  guint total = document ? sitmap_document_get_n_live_events (document) : 0;
  guint n = self->view_state ? sitmap_view_state_get_n_visible (self->view_state) : 0;
  g_autofree char *dates = NULL;
  g_autofree char *counts = NULL;
  gint64 start, end;

  if (self->view_state == NULL || !sitmap_view_state_get_range (self->view_state, &start, &end))
    {
      if (n < total)
        /* TRANSLATORS: the time range button when there is none but a search or filter leaves some events
         * out, "1 of 10 events" */
        counts = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", total), n, total);
      else
        /* TRANSLATORS: the time range button when there is none: every event of the document is shown */
        counts = g_strdup_printf (ngettext ("%u event", "%u events", total), total);
      /* TRANSLATORS: the time range button with no range, "All dates · 9 events" */
      return g_strdup_printf (C_("timeline range", "All dates · %s"), counts);
    }
  dates = sitmap_axis_format_range (self->zone, start, end);
  if (sitmap_view_state_get_range_rule (self->view_state) == SITMAP_RANGE_WITHIN)
    /* TRANSLATORS: how many of the document's events lie wholly in the time range, "3 of 9 events entirely
     * within" */
    counts = g_strdup_printf (ngettext ("%u of %u event entirely within", "%u of %u events entirely within", total),
                              n, total);
  else
    /* TRANSLATORS: how many of the document's events overlap the time range, "5 of 9 events overlapping" */
    counts = g_strdup_printf (ngettext ("%u of %u event overlapping", "%u of %u events overlapping", total), n,
                              total);
  /* TRANSLATORS: the time range and what it lets through, "7 – 10 Dec 2024 · 5 of 9 events overlapping" */
  return g_strdup_printf (C_("timeline range", "%s · %s"), dates, counts);
}

/* The range's dates alone, "7 – 10 Dec 2024", or "All dates": what the range button says where the row
 * is too short for the counts. */
static char *
describe_range_dates (SitmapTimelineHeader *self)
{
  gint64 start, end;

  if (self->view_state == NULL || !sitmap_view_state_get_range (self->view_state, &start, &end))
    /* TRANSLATORS: the time range button when there is none and the timeline is narrow */
    return g_strdup (C_("timeline range", "All dates"));
  return sitmap_axis_format_range (self->zone, start, end);
}

void
sitmap_timeline_header_update (SitmapTimelineHeader *self)
{
  gboolean has_range;
  g_autofree char *text = NULL;
  g_autofree char *dates = NULL;

  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));

  has_range = self->view_state != NULL && sitmap_view_state_get_range (self->view_state, NULL, NULL);
  text = sitmap_timeline_header_describe_range (self);
  dates = describe_range_dates (self);
  gtk_label_set_text (GTK_LABEL (self->range_label), text);
  gtk_label_set_text (GTK_LABEL (self->range_short_label), dates);
  gtk_widget_set_visible (self->range_box,
                          self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL);
  gtk_widget_set_visible (self->clear_button, has_range);
  if (has_range)
    gtk_widget_add_css_class (self->range_box, "has-range");
  else
    gtk_widget_remove_css_class (self->range_box, "has-range");
  gtk_widget_set_visible (self->hint_label, !has_range && self->dated);
  gtk_widget_set_visible (self->fit_button, self->dated);
  sitmap_timeline_header_update_playback (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
sitmap_timeline_header_update_playback (SitmapTimelineHeader *self)
{
  gboolean playing, at_end;
  g_autofree char *speed = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));

  gtk_widget_set_visible (self->playback_box, self->dated);
  if (self->playback == NULL)
    return;
  playing = sitmap_playback_get_playing (self->playback);
  at_end = !playing && sitmap_playback_is_at_end (self->playback);
  tooltip = describe_speed (self->playback);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  /* At the end of the data, Play goes back first: the button says so. */
  gtk_widget_set_tooltip_text (self->play_button, playing  ? _("Pause (Space)")
                                                  : at_end ? _("At the End: Play From the Start (Space)")
                                                           : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing  ? _("Pause")
                                  : at_end ? _("At the end: play from the start")
                                           : _("Play"),
                                  -1);
  /* TRANSLATORS: the playback speed button, "2× · Week": two weeks of the data a second */
  speed = g_strdup_printf (C_("playback speed", "%u× · %s"), sitmap_playback_get_speed (self->playback),
                           step_name (sitmap_playback_get_step (self->playback)));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->speed_button), speed);
  gtk_widget_set_tooltip_text (self->speed_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

void
sitmap_timeline_header_update_undated (SitmapTimelineHeader *self)
{
  guint n;
  g_autofree char *label = NULL;

  g_return_if_fail (SITMAP_IS_TIMELINE_HEADER (self));

  n = self->undated != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->undated)) : 0;
  /* TRANSLATORS: the button at the end of the timeline that lists the events with no date */
  label = g_strdup_printf (ngettext ("%u undated", "%u undated", n), n);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->undated_button), label);
  gtk_widget_set_visible (self->undated_button, n > 0);
  if (n == 0)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->undated_button));
}
