/* sitmap-window-layout.c: the sidebar beside the map, or over it when the window is narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-window-private.h"

/* The least the map and its timeline keep beside the sidebar: below it the sidebar folds away and
 * comes over the map when asked for. The timeline's header row (playback, the range, the undated
 * events) and the map's overlays (tools, zoom, scale, attribution) fit side by side in it. */
#define MAP_MIN_WIDTH         SITMAP_WINDOW_MIN_WIDTH
/* What the sidebar may be given by its handle, and what it has until the user says otherwise: room
 * for the Events page's date, title, killed and origins columns. */
#define SIDEBAR_MIN_WIDTH     340
#define SIDEBAR_MAX_WIDTH     900
#define SIDEBAR_DEFAULT_WIDTH 440
/* Between the map's overlays (tools, scale bar, attribution). */
#define MAP_OVERLAY_GAP       6

/* The same two properties on both split views. */
#if ADW_CHECK_VERSION(1, 4, 0)
#define SPLIT_FOLDED "collapsed"
#define SPLIT_SHOWN  "show-sidebar"
#else
#define SPLIT_FOLDED "folded"
#define SPLIT_SHOWN  "reveal-flap"
#endif

/*
 * Auxiliary methods
 */

/* FALSE until the split view is made: the template's widgets ask before it is. */
static gboolean
split_get (SitmapWindow *self, const char *property)
{
  gboolean value = FALSE;

  if (self->split != NULL)
    g_object_get (self->split, property, &value, NULL);
  return value;
}

gboolean
_sitmap_window_is_folded (SitmapWindow *self)
{
  return split_get (self, SPLIT_FOLDED);
}

gboolean
_sitmap_window_get_sidebar_shown (SitmapWindow *self)
{
  return split_get (self, SPLIT_SHOWN);
}

#if ADW_CHECK_VERSION(1, 4, 0)
/* The window folds when the map would have less than its least room beside the sidebar. */
static void
update_breakpoint (SitmapWindow *self)
{
  g_autoptr (AdwBreakpointCondition) condition = adw_breakpoint_condition_new_length (
    ADW_BREAKPOINT_CONDITION_MAX_WIDTH, self->sidebar_width + MAP_MIN_WIDTH - 1, ADW_LENGTH_UNIT_PX);

  adw_breakpoint_set_condition (self->breakpoint, condition);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
#endif

static void
set_sidebar_width (SitmapWindow *self, int width)
{
  self->sidebar_width = CLAMP (width, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);
#if ADW_CHECK_VERSION(1, 4, 0)
  adw_overlay_split_view_set_min_sidebar_width (ADW_OVERLAY_SPLIT_VIEW (self->split), self->sidebar_width);
  adw_overlay_split_view_set_max_sidebar_width (ADW_OVERLAY_SPLIT_VIEW (self->split), self->sidebar_width);
  update_breakpoint (self);
#else
  /* An unfolded flap is as wide as its least width, and folds when that and the map's do not fit. */
  gtk_widget_set_size_request (self->sidebar_column, self->sidebar_width, -1);
#endif
}

static void
update_sidebar_button (SitmapWindow *self)
{
  gboolean shown = _sitmap_window_get_sidebar_shown (self);

  gtk_widget_set_tooltip_text (self->sidebar_button, shown ? _("Hide Sidebar (F9)") : _("Show Sidebar (F9)"));
}

/*
 * Callbacks
 */

/* Folding puts the sidebar away; unfolding brings it back as the user last had it beside the map.
 * Over the map only the handle-less sidebar shows: its width is the one chosen beside the map. */
static void
folded_cb (SitmapWindow *self)
{
  gboolean folded = _sitmap_window_is_folded (self);

  gtk_widget_set_visible (self->sidebar_handle, !folded);
  g_object_set (self->split, SPLIT_SHOWN, folded ? FALSE : self->sidebar_wanted, NULL);
}

static void
shown_cb (SitmapWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  update_sidebar_button (self);
  /* The keyboard leaves a sidebar that goes away for the map, where the shortcuts still work. */
  if (!_sitmap_window_get_sidebar_shown (self) && focus != NULL &&
      gtk_widget_is_ancestor (focus, self->sidebar_column))
    gtk_widget_grab_focus (GTK_WIDGET (self->map));
  g_object_notify (G_OBJECT (self), "show-sidebar");
}

static void
sidebar_mapped_cb (SitmapWindow *self)
{
  if (self->focus_search)
    sitmap_sidebar_show_events (self->sidebar, TRUE);
  self->focus_search = FALSE;
  if (!self->focus_sidebar)
    return;
  self->focus_sidebar = FALSE;
  /* The event's title; with none, the first thing that takes the keyboard (the page switcher). */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->sidebar)))
    gtk_widget_child_focus (GTK_WIDGET (self->sidebar), GTK_DIR_TAB_FORWARD);
}

/* An event picked on the map, the timeline or with the keyboard while the sidebar is folded away (or a
 * cluster the map cannot split): its details come over the map, since that is what picking it asks to
 * read. */
static void
picked_cb (SitmapWindow *self)
{
  if (!_sitmap_window_is_folded (self) || _sitmap_window_get_sidebar_shown (self))
    return;
  sitmap_sidebar_show_details (self->sidebar);
  _sitmap_window_set_sidebar_shown (self, TRUE);
}

static void
selected_cb (SitmapWindow *self)
{
  if (sitmap_view_state_get_selected (self->view_state) >= 0)
    picked_cb (self);
}

static void
group_cb (SitmapWindow *self)
{
  guint n = 0;

  sitmap_view_state_get_group (self->view_state, &n);
  if (n > 0)
    picked_cb (self);
}

/* Escape puts a sidebar that is over the map away before anything under it takes the key: the map
 * and the sidebar's own Escape would drop the selection it shows. But for a search being typed,
 * which Escape clears, and a popover, which it closes. */
static gboolean
escape_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *editable = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) : NULL;

  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;
  if (editable != NULL && *gtk_editable_get_text (GTK_EDITABLE (editable)) != '\0')
    return FALSE;
  return _sitmap_window_put_sidebar_away (self);
}

/* The handle follows the pointer in the split view's coordinates: the handle itself moves as the
 * sidebar widens. */
static double
handle_x_in_split (SitmapWindow *self, GtkGestureDrag *gesture, double offset_x)
{
  graphene_point_t point, in_split;
  double start_x, start_y;

  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  point = GRAPHENE_POINT_INIT (start_x + offset_x, start_y);
  if (!gtk_widget_compute_point (self->sidebar_handle, self->split, &point, &in_split))
    return 0;
  return in_split.x;
}

static void
handle_begin_cb (GtkGestureDrag *gesture, double x, double y, SitmapWindow *self)
{
  self->drag_start_width = self->sidebar_width;
  self->drag_start_x = handle_x_in_split (self, gesture, 0);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
handle_update_cb (GtkGestureDrag *gesture, double offset_x, double offset_y, SitmapWindow *self)
{
  double moved = handle_x_in_split (self, gesture, offset_x) - self->drag_start_x;
  int width = self->drag_start_width + (int) (gtk_widget_get_direction (self->split) == GTK_TEXT_DIR_RTL ? moved
                                                                                                         : -moved);

  /* Never so wide that the map would have to fold under it. */
  width = MIN (width, gtk_widget_get_width (self->split) - MAP_MIN_WIDTH - 1);
  if (width != self->sidebar_width)
    set_sidebar_width (self, width);
}

static void
handle_end_cb (GtkGestureDrag *gesture, double offset_x, double offset_y, SitmapWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "sidebar-width", self->sidebar_width);
}

/*
 * The split view
 */

static GtkWidget *
create_split (SitmapWindow *self)
{
#if ADW_CHECK_VERSION(1, 4, 0)
  AdwOverlaySplitView *split = ADW_OVERLAY_SPLIT_VIEW (adw_overlay_split_view_new ());
  g_auto (GValue) folded = G_VALUE_INIT;

  adw_overlay_split_view_set_content (split, GTK_WIDGET (self->map_paned));
  adw_overlay_split_view_set_sidebar (split, self->sidebar_column);
  adw_overlay_split_view_set_sidebar_position (split, GTK_PACK_END);
  adw_overlay_split_view_set_sidebar_width_unit (split, ADW_LENGTH_UNIT_PX);
  /* Folding and unfolding show or hide the sidebar here (folded_cb), as the user last had it. */
  adw_overlay_split_view_set_pin_sidebar (split, TRUE);
  self->breakpoint = adw_breakpoint_new (
    adw_breakpoint_condition_new_length (ADW_BREAKPOINT_CONDITION_MAX_WIDTH, 0, ADW_LENGTH_UNIT_PX));
  g_value_init (&folded, G_TYPE_BOOLEAN);
  g_value_set_boolean (&folded, TRUE);
  adw_breakpoint_add_setter (self->breakpoint, G_OBJECT (split), "collapsed", &folded);
  adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), self->breakpoint);
  return GTK_WIDGET (split);
#else
  AdwFlap *flap = ADW_FLAP (adw_flap_new ());

  adw_flap_set_content (flap, GTK_WIDGET (self->map_paned));
  adw_flap_set_flap (flap, self->sidebar_column);
  adw_flap_set_separator (flap, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_flap_set_flap_position (flap, GTK_PACK_END);
  adw_flap_set_fold_policy (flap, ADW_FLAP_FOLD_POLICY_AUTO);
  /* Folding and unfolding show or hide the sidebar here (folded_cb), as the user last had it. */
  adw_flap_set_locked (flap, TRUE);
  return GTK_WIDGET (flap);
#endif
}

static void
add_escape_shortcut (SitmapWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
setup_handle (SitmapWindow *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (handle_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (handle_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (handle_end_cb), self);
  gtk_widget_add_controller (self->sidebar_handle, GTK_EVENT_CONTROLLER (drag));
}

/* The tools at the map's top left reach down no further than the scale bar at its bottom left, and
 * the attribution at its bottom right keeps to the scale bar's right: the map is never so short that
 * the tools would cover the scale, and a narrow map wraps its attribution. */
static void
keep_map_overlays_apart (SitmapWindow *self)
{
  GtkWidget *scale = GTK_WIDGET (shumate_simple_map_get_scale (self->map));
  GtkWidget *license = GTK_WIDGET (shumate_simple_map_get_license (self->map));
  GtkWidget *tools = GTK_WIDGET (self->annotation_toolbar);
  int scale_width, scale_height;

  gtk_widget_measure (scale, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &scale_width, NULL, NULL);
  gtk_widget_measure (scale, GTK_ORIENTATION_VERTICAL, -1, &scale_height, NULL, NULL, NULL);
  gtk_widget_set_margin_bottom (tools, scale_height + MAP_OVERLAY_GAP);
  gtk_overlay_set_measure_overlay (GTK_OVERLAY (gtk_widget_get_parent (tools)), tools, TRUE);
  gtk_widget_set_margin_start (license, scale_width + MAP_OVERLAY_GAP);
}

/*
 * The window's part
 */

void
_sitmap_window_init_layout (SitmapWindow *self)
{
  self->split = create_split (self);
  adw_toast_overlay_set_child (self->toast_overlay, self->split);
  gtk_widget_set_size_request (GTK_WIDGET (self->map_paned), MAP_MIN_WIDTH, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self), SITMAP_WINDOW_MIN_WIDTH, SITMAP_WINDOW_MIN_HEIGHT);
  setup_handle (self);
  add_escape_shortcut (self);
  keep_map_overlays_apart (self);
  self->sidebar_wanted = TRUE;
  set_sidebar_width (self, self->settings != NULL ? g_settings_get_int (self->settings, "sidebar-width")
                                                  : SIDEBAR_DEFAULT_WIDTH);
  g_signal_connect_object (self->split, "notify::" SPLIT_FOLDED, G_CALLBACK (folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split, "notify::" SPLIT_SHOWN, G_CALLBACK (shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::group-size", G_CALLBACK (group_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_column, "map", G_CALLBACK (sidebar_mapped_cb), self, G_CONNECT_SWAPPED);
  folded_cb (self);
  update_sidebar_button (self);
}

void
_sitmap_window_remember_layout (SitmapWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "sidebar-width", self->sidebar_width);
}

/* Beside the map, the user's choice, kept through folding; over it, only until put away. */
void
_sitmap_window_set_sidebar_shown (SitmapWindow *self, gboolean shown)
{
  if (!_sitmap_window_is_folded (self))
    self->sidebar_wanted = shown;
  if (shown == _sitmap_window_get_sidebar_shown (self))
    return;
  /* Over the map, the sidebar takes the keyboard, as a panel that closes on Escape does: once it is
   * on screen (sidebar_mapped_cb). */
  self->focus_sidebar = shown && _sitmap_window_is_folded (self);
  g_object_set (self->split, SPLIT_SHOWN, shown, NULL);
}

/* The sidebar, with the keyboard in it (Enter on an event of the map), folded away or not. */
void
_sitmap_window_focus_sidebar (SitmapWindow *self)
{
  _sitmap_window_set_sidebar_shown (self, TRUE);
  self->focus_search = FALSE;
  self->focus_sidebar = !gtk_widget_get_mapped (self->sidebar_column);
  if (!self->focus_sidebar)
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

/* The events page's search, with the keyboard in it, the sidebar folded away or not. */
void
_sitmap_window_show_search (SitmapWindow *self)
{
  _sitmap_window_set_sidebar_shown (self, TRUE);
  self->focus_sidebar = FALSE;
  /* Only a shown entry takes the keyboard: a sidebar on its way gives it once it is there. */
  self->focus_search = !gtk_widget_get_mapped (self->sidebar_column);
  sitmap_sidebar_show_events (self->sidebar, !self->focus_search);
}

/* Escape puts a sidebar that came over the map away before it does anything else. */
gboolean
_sitmap_window_put_sidebar_away (SitmapWindow *self)
{
  if (!_sitmap_window_is_folded (self) || !_sitmap_window_get_sidebar_shown (self))
    return FALSE;
  _sitmap_window_set_sidebar_shown (self, FALSE);
  return TRUE;
}
