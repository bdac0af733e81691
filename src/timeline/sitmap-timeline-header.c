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

/*
 * Auxiliary methods
 */

static gboolean
has_dated_events (SitmapTimeline *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;

  return document != NULL && sitmap_document_get_columns (document)->n_dated > 0;
}

static GtkWidget *
icon_button (const char *icon_name, const char *action_name, const char *tooltip, const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

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

/*
 * Playback controls
 */

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

static void
create_playback_box (SitmapTimeline *self)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GMenuModel) menu = create_speed_menu ();
  const char *names[] = { "speed", "step", "mode" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GPropertyAction) action = g_property_action_new (names[i], self->playback, names[i]);

      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "playback", G_ACTION_GROUP (group));

  self->playback_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->playback_box, "timeline-playback");
  gtk_box_append (GTK_BOX (self->playback_box),
                  icon_button ("media-skip-backward-symbolic", "timeline.step-back", _("Step Back"), _("Step back")));
  self->play_button = icon_button ("media-playback-start-symbolic", "timeline.play-pause", NULL, NULL);
  gtk_box_append (GTK_BOX (self->playback_box), self->play_button);
  gtk_box_append (GTK_BOX (self->playback_box), icon_button ("media-skip-forward-symbolic", "timeline.step-forward",
                                                             _("Step Forward"), _("Step forward")));
  self->speed_button = gtk_menu_button_new ();
  gtk_widget_add_css_class (self->speed_button, "flat");
  gtk_widget_add_css_class (self->speed_button, "timeline-speed");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->speed_button), menu);
  gtk_box_append (GTK_BOX (self->playback_box), self->speed_button);
  gtk_widget_set_parent (self->playback_box, GTK_WIDGET (self));
}

/*
 * The range, and the undated events
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
undated_activate_cb (SitmapTimeline *self, guint i)
{
  if (self->undated == NULL || self->view_state == NULL || i >= sitmap_timeline_get_n_undated (self))
    return;
  sitmap_view_state_select (self->view_state, (gint) sitmap_event_list_get_position (self->undated, i));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->undated_button));
}

static GtkWidget *
create_undated_popover (SitmapTimeline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Undated Events"));
  GtkWidget *explanation = gtk_label_new (_("With no date, these events cannot be placed on the timeline. A time "
                                            "range leaves them out; “All” in the range’s menu brings them "
                                            "back."));
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
create_range_box (SitmapTimeline *self)
{
  self->range_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->range_box, "timeline-range");

  /* Where the row has no room for the whole description, the dates alone: an ellipsis would cut
   * them. The stack is as wide as the page shown. */
  self->range_label = gtk_label_new (NULL);
  self->range_short_label = gtk_label_new (NULL);
  self->range_stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (self->range_stack), FALSE);
  gtk_stack_set_interpolate_size (GTK_STACK (self->range_stack), FALSE);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = i == 0 ? self->range_label : self->range_short_label;

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_stack_add_child (GTK_STACK (self->range_stack), label);
    }
  self->range_popover = sitmap_range_popover_new ();
  self->range_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->range_button), self->range_stack);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->range_button), self->range_popover);
  gtk_widget_add_css_class (self->range_button, "flat");
  gtk_widget_set_tooltip_text (self->range_button, _("Type the Time Range, or Choose a Preset"));
  gtk_box_append (GTK_BOX (self->range_box), self->range_button);

  self->clear_button = icon_button ("window-close-symbolic", "timeline.clear-range", _("Clear Time Range (Esc)"),
                                    _("Clear time range"));
  gtk_widget_add_css_class (self->clear_button, "circular");
  gtk_box_append (GTK_BOX (self->range_box), self->clear_button);
  gtk_widget_set_parent (self->range_box, GTK_WIDGET (self));
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
allocate_child (SitmapTimeline *self, GtkWidget *child, int x, int width, int height)
{
  int child_height, min_width;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  width = MAX (width, min_width);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
  if (_sitmap_timeline_is_rtl (self))
    x = self->width - x - width;
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, (height - child_height) / 2, width, child_height }, -1);
}

/* Every child sets the least height, shown or not, so that the lanes keep their place. */
int
_sitmap_timeline_measure_header (SitmapTimeline *self)
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
int
_sitmap_timeline_measure_header_width (SitmapTimeline *self)
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
fit_range (SitmapTimeline *self, int room)
{
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (self->range_stack));
  int shown_width = child_width (shown);
  int around = child_width (self->range_box) - shown_width; /* the pill, the buttons */
  gboolean whole = around + child_width (self->range_label) <= room;

  /* The stack changes page (and asks for a new size) only when the room does change the choice. */
  gtk_stack_set_visible_child (GTK_STACK (self->range_stack), whole ? self->range_label : self->range_short_label);
  return MIN (child_width (self->range_box), room);
}

/* Playback at the start; the undated events and "show all" at the end; the range over the middle of the
 * brush, or after playback with the hint beside it, when the hint fits whole. */
void
_sitmap_timeline_allocate_header (SitmapTimeline *self, int width, int height)
{
  int left = SITMAP_TIMELINE_HEADER_PAD_X, right = width - SITMAP_TIMELINE_HEADER_PAD_X;
  GtkWidget *ends[] = { self->undated_button, self->fit_button };
  int natural, room;
  gboolean hint_fits;
  double x0, x1;

  if (gtk_widget_get_visible (self->playback_box))
    {
      natural = child_width (self->playback_box);
      allocate_child (self, self->playback_box, left, natural, height);
      left += natural + SITMAP_TIMELINE_HEADER_PAD_X;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (gtk_widget_get_visible (ends[i]))
      {
        natural = child_width (ends[i]);
        allocate_child (self, ends[i], right - natural, natural, height);
        right -= natural + SITMAP_TIMELINE_HEADER_PAD_X;
      }
  room = MAX (right - left, 0);
  natural = fit_range (self, room);
  if (gtk_widget_get_visible (self->clear_button) && _sitmap_timeline_get_brush (self, &x0, &x1))
    {
      double middle = (CLAMP (x0, 0, width) + CLAMP (x1, 0, width)) / 2;

      gtk_widget_set_child_visible (self->hint_label, FALSE);
      allocate_child (self, self->range_box, CLAMP ((int) (middle - natural / 2.0), left, MAX (right - natural, left)),
                      natural, height);
      return;
    }
  allocate_child (self, self->range_box, left, natural, height);
  left += natural + SITMAP_TIMELINE_HEADER_PAD_X;
  /* A hint cut short says half of what to do: it is shown whole or not at all. */
  hint_fits = child_width (self->hint_label) <= right - left;
  gtk_widget_set_child_visible (self->hint_label, hint_fits);
  if (gtk_widget_get_visible (self->hint_label) && hint_fits)
    allocate_child (self, self->hint_label, left, right - left, height);
}

void
_sitmap_timeline_snapshot_header (SitmapTimeline *self, GtkSnapshot *snapshot)
{
  GtkWidget *children[] = { self->playback_box, self->hint_label, self->range_box, self->fit_button,
                            self->undated_button };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    gtk_widget_snapshot_child (GTK_WIDGET (self), children[i], snapshot);
}

/*
 * Private API
 */

void
_sitmap_timeline_create_header (SitmapTimeline *self)
{
  create_playback_box (self);

  self->hint_label = gtk_label_new (_("Drag across the timeline to filter events by time"));
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->hint_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_widget_add_css_class (self->hint_label, "caption");
  gtk_widget_set_parent (self->hint_label, GTK_WIDGET (self));

  create_range_box (self);

  self->fit_button = icon_button ("zoom-fit-best-symbolic", "timeline.zoom-to-fit", _("Show All Dated Events (0)"),
                                  _("Show all dated events"));
  gtk_widget_set_parent (self->fit_button, GTK_WIDGET (self));

  self->undated_button = gtk_menu_button_new ();
  gtk_widget_add_css_class (self->undated_button, "flat");
  gtk_widget_add_css_class (self->undated_button, "timeline-undated");
  gtk_widget_set_tooltip_text (self->undated_button, _("Events with no date"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->undated_button), create_undated_popover (self));
  gtk_widget_set_parent (self->undated_button, GTK_WIDGET (self));

  _sitmap_timeline_update_undated (self);
  _sitmap_timeline_update_playback_header (self);
}

void
_sitmap_timeline_dispose_header (SitmapTimeline *self)
{
  g_clear_pointer (&self->playback_box, gtk_widget_unparent);
  g_clear_pointer (&self->hint_label, gtk_widget_unparent);
  g_clear_pointer (&self->range_box, gtk_widget_unparent);
  g_clear_pointer (&self->fit_button, gtk_widget_unparent);
  g_clear_pointer (&self->undated_button, gtk_widget_unparent);
}

/* "7 – 10 Dec 2024 · 4 of 9 events overlapping", or "All dates · 9 events", or with a search or filter
 * "All dates · 1 of 9 events": n counts the visible set, which honours the filter. */
char *
_sitmap_timeline_describe_range (SitmapTimeline *self)
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
describe_range_dates (SitmapTimeline *self)
{
  gint64 start, end;

  if (self->view_state == NULL || !sitmap_view_state_get_range (self->view_state, &start, &end))
    /* TRANSLATORS: the time range button when there is none and the timeline is narrow */
    return g_strdup (C_("timeline range", "All dates"));
  return sitmap_axis_format_range (self->zone, start, end);
}

void
_sitmap_timeline_update_header (SitmapTimeline *self)
{
  gboolean has_range = self->view_state != NULL && sitmap_view_state_get_range (self->view_state, NULL, NULL);
  gboolean dated = has_dated_events (self);
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (self);
  g_autofree char *text = _sitmap_timeline_describe_range (self);
  g_autofree char *dates = describe_range_dates (self);
  gint64 start = 0, end = 0;
  gboolean has_extent = histogram != NULL && sitmap_time_histogram_get_extent (histogram, &start, &end);

  gtk_label_set_text (GTK_LABEL (self->range_label), text);
  gtk_label_set_text (GTK_LABEL (self->range_short_label), dates);
  gtk_widget_set_visible (self->range_box,
                          self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL);
  gtk_widget_set_visible (self->clear_button, has_range);
  if (has_range)
    gtk_widget_add_css_class (self->range_box, "has-range");
  else
    gtk_widget_remove_css_class (self->range_box, "has-range");
  gtk_widget_set_visible (self->hint_label, !has_range && dated);
  gtk_widget_set_visible (self->fit_button, dated);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.clear-range", has_range);

  sitmap_range_popover_set_view_state (SITMAP_RANGE_POPOVER (self->range_popover), self->view_state);
  sitmap_range_popover_set_time_zone (SITMAP_RANGE_POPOVER (self->range_popover), self->zone);
  sitmap_range_popover_set_extent (SITMAP_RANGE_POPOVER (self->range_popover), has_extent, start, end);
  _sitmap_timeline_update_playback_header (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_sitmap_timeline_update_playback_header (SitmapTimeline *self)
{
  gboolean playing = sitmap_playback_get_playing (self->playback);
  gboolean can_play = sitmap_playback_can_play (self->playback);
  g_autofree char *speed = NULL;
  g_autofree char *tooltip = describe_speed (self->playback);

  gboolean at_end = !playing && sitmap_playback_is_at_end (self->playback);

  gtk_widget_set_visible (self->playback_box, has_dated_events (self));
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.play-pause", can_play);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.step-back", can_play);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.step-forward", can_play);
}

void
_sitmap_timeline_update_undated (SitmapTimeline *self)
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
