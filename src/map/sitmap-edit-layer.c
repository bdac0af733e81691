/* sitmap-edit-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-edit-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-edit-layer.h"
#include "sitmap-event-command.h"
#include "sitmap-map-projection.h"
#include "sitmap-symbol.h"
#include "sitmap-undo-stack.h"
#include "sitmap-vertex-handles.h"

typedef enum
{
  DRAG_NONE,
  DRAG_MARKER, /* a point event's marker */
  DRAG_HANDLE, /* a corner, or a side's middle, of the selected event's area */
} DragKind;

/* The selected event's area as the screen shows it: the corners of its outer ring. */
typedef struct
{
  gint            position;
  SitmapGeometry *geometry; /* borrowed from the store */
  GArray         *lon_lat;  /* double pairs, the ring's corners, the closing repeat left out */
  GArray         *screen;   /* double pairs, the same in widget coordinates */
  gboolean        closed;   /* the ring repeats its first corner at the end, as KML writes it */
} Area;

struct _SitmapEditLayer
{
  ShumateLayer      parent_instance;
  SitmapViewState  *view_state;
  SitmapEventLayer *event_layer; /* weak */
  gboolean          edit_mode;

  GtkGesture *drag;
  GtkGesture *corner_click;  /* a right click on a corner: its menu */
  GtkGesture *context_click; /* on the map: the right click of "New Event Here" */
  GtkGesture *long_press;    /* on the map: the same for a finger */
  GtkWidget  *context_menu;
  GtkWidget  *corner_menu;

  DragKind drag_kind;
  gint     position; /* the marker's event */
  char    *event_id;
  guint    handle;
  gint     focused_corner; /* the corner Delete removes, or -1 */
  gboolean moved;
  double   start_x;
  double   start_y;
  double   pointer_x;
  double   pointer_y;
};

G_DEFINE_FINAL_TYPE (SitmapEditLayer, sitmap_edit_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_VIEW_STATE,
  PROP_EDIT_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static SitmapDocument *
get_document (SitmapEditLayer *self)
{
  return sitmap_view_state_get_document (self->view_state);
}

static gboolean
projection (SitmapEditLayer *self, SitmapMapProjection *p)
{
  return sitmap_map_projection_init (p, shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self));
}

static double
drag_threshold (SitmapEditLayer *self)
{
  int threshold = 8;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
  return threshold;
}

/* The point under (x, y) of the widget, as the layers draw it (sitmap_map_projection). */
static void
widget_to_location (SitmapEditLayer *self, double x, double y, double *latitude, double *longitude)
{
  SitmapMapProjection p;
  double              mx, my;

  *latitude = *longitude = 0;
  if (!projection (self, &p))
    return;
  sitmap_map_projection_from_widget (&p, x, y, &mx, &my);
  sitmap_mercator_to_lat_lon (mx - floor (mx), CLAMP (my, 0, 1), latitude, longitude);
  *latitude = CLAMP (*latitude, -85.05, 85.05);
}

static void
area_clear (Area *area)
{
  g_clear_pointer (&area->lon_lat, g_array_unref);
  g_clear_pointer (&area->screen, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Area, area_clear)

/* The selected event's area, in edit mode; FALSE when there is none to reshape. */
static gboolean
selected_area (SitmapEditLayer *self, Area *area)
{
  SitmapDocument     *document = get_document (self);
  SitmapMapProjection p;
  const double       *ring;
  guint               n;

  area->position = sitmap_view_state_get_selected (self->view_state);
  if (!self->edit_mode || document == NULL || area->position < 0 || !projection (self, &p))
    return FALSE;
  area->geometry = sitmap_event_store_get_geometry (sitmap_document_get_store (document), area->position);
  if (area->geometry == NULL || sitmap_geometry_get_kind (area->geometry) != SITMAP_GEOMETRY_POLYGON)
    return FALSE;
  ring = sitmap_geometry_get_ring (area->geometry, 0, &n);
  area->closed = n > 1 && ring[0] == ring[2 * (n - 1)] && ring[1] == ring[2 * (n - 1) + 1];
  if (area->closed)
    n--;
  if (n < SITMAP_VERTEX_MIN_CORNERS)
    return FALSE;
  area->lon_lat = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  area->screen = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  g_array_append_vals (area->lon_lat, ring, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      double mx, my, xy[2];

      sitmap_mercator_from_lat_lon (ring[2 * i + 1], ring[2 * i], &mx, &my);
      sitmap_map_projection_to_widget (&p, mx, my, &xy[0], &xy[1]);
      g_array_append_vals (area->screen, xy, 2);
    }
  return TRUE;
}

static guint
area_n_corners (const Area *area)
{
  return area->lon_lat->len / 2;
}

/* The handle of the selected area at (x, y), or -1. */
static gint
handle_at (SitmapEditLayer *self, double x, double y)
{
  g_auto (Area) area = { 0 };

  if (!selected_area (self, &area))
    return -1;
  return sitmap_vertex_handles_hit ((const double *) (gpointer) area.screen->data, area_n_corners (&area), x, y,
                                    SITMAP_VERTEX_HANDLE_REACH);
}

/* The point event whose marker is at (x, y), in edit mode; or -1. Events drawn as an area or a line are
 * reshaped, not dragged. */
static gint
marker_at (SitmapEditLayer *self, double x, double y)
{
  SitmapDocument *document = get_document (self);
  SitmapGeometry *geometry;
  gint            position;

  if (!self->edit_mode || document == NULL || self->event_layer == NULL)
    return -1;
  position = sitmap_event_layer_hit_test (self->event_layer, x, y);
  if (position < 0 || !(sitmap_document_get_columns (document)->flags[position] & SITMAP_EVENT_FLAG_PLACED))
    return -1;
  geometry = sitmap_event_store_get_geometry (sitmap_document_get_store (document), position);
  if (geometry != NULL && sitmap_geometry_get_kind (geometry) != SITMAP_GEOMETRY_POINT)
    return -1;
  return position;
}

/*
 * Edits: one command per finished gesture
 */

static void
push_edit (SitmapEditLayer *self, guint position, SitmapEventDraft *draft, const char *label, const char *merge_key)
{
  SitmapDocument *document = get_document (self);
  g_autoptr (SitmapCommand) command = NULL;

  command = sitmap_event_command_new_edit (document, sitmap_event_store_get_id (sitmap_document_get_store (document),
                                                                                position),
                                           draft, label, merge_key);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
}

/* The event moved to where the marker was dropped. */
static void
commit_move (SitmapEditLayer *self, double x, double y)
{
  SitmapDocument  *document = get_document (self);
  SitmapEventDraft draft;
  gint             position;

  /* An edit since the press may have moved the event to another position: find it by id. */
  position = sitmap_document_find_event (document, self->event_id);
  if (position < 0)
    return;
  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, position, &draft);
  widget_to_location (self, x, y, &draft.latitude, &draft.longitude);
  push_edit (self, position, &draft, _("Move Event"), NULL);
  sitmap_event_draft_clear (&draft);
}

/* The area's outer ring made of corners (longitude, latitude pairs), its other rings as they were. */
static SitmapGeometry *
rebuild_area (const Area *area, const double *corners, guint n)
{
  SitmapGeometry *geometry = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);

  sitmap_geometry_begin_ring (geometry);
  for (guint i = 0; i < n; i++)
    sitmap_geometry_add_point (geometry, corners[2 * i], corners[2 * i + 1]);
  if (area->closed)
    sitmap_geometry_add_point (geometry, corners[0], corners[1]);
  for (guint r = 1; r < sitmap_geometry_get_n_rings (area->geometry); r++)
    {
      guint         m;
      const double *ring = sitmap_geometry_get_ring (area->geometry, r, &m);

      sitmap_geometry_begin_ring (geometry);
      for (guint i = 0; i < m; i++)
        sitmap_geometry_add_point (geometry, ring[2 * i], ring[2 * i + 1]);
    }
  return geometry;
}

/* The event with its area's corners replaced. An event shown with its place's area takes the area (and
 * the place's point) as its own. */
static void
commit_corners (SitmapEditLayer *self, const Area *area, GArray *corners, const char *label)
{
  SitmapDocument  *document = get_document (self);
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, area->position, &draft);
  g_clear_pointer (&draft.geometry, sitmap_geometry_unref);
  draft.geometry = rebuild_area (area, (const double *) (gpointer) corners->data, corners->len / 2);
  if (isnan (draft.latitude))
    sitmap_event_store_get_location (sitmap_document_get_store (document), area->position, &draft.latitude,
                                     &draft.longitude);
  push_edit (self, area->position, &draft, label, NULL);
  sitmap_event_draft_clear (&draft);
}

/* The corners once the handle's drag ends at (x, y): a corner moved, or one added at a side. */
static GArray *
corners_after_drag (SitmapEditLayer *self, const Area *area, double x, double y)
{
  g_autoptr (GArray) corners = g_array_copy (area->lon_lat);
  guint  n = area_n_corners (area);
  double pair[2];

  widget_to_location (self, x, y, &pair[1], &pair[0]);
  if (self->handle < n)
    {
      g_array_index (corners, double, 2 * self->handle) = pair[0];
      g_array_index (corners, double, 2 * self->handle + 1) = pair[1];
    }
  else
    g_array_insert_vals (corners, 2 * (self->handle - n + 1), pair, 2);
  return g_steal_pointer (&corners);
}

static void
focus_corner (SitmapEditLayer *self, gint corner)
{
  self->focused_corner = corner;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
finish_handle_drag (SitmapEditLayer *self, double x, double y)
{
  g_auto (Area) area = { 0 };
  g_autoptr (GArray) corners = NULL;
  guint n;

  if (!selected_area (self, &area) || self->handle >= 2 * area_n_corners (&area))
    return;
  n = area_n_corners (&area);
  /* A click on a corner only focuses it; a click on a side's middle adds a corner there. */
  if (!self->moved && self->handle < n)
    {
      focus_corner (self, (gint) self->handle);
      return;
    }
  if (!self->moved)
    sitmap_vertex_handles_get ((const double *) (gpointer) area.screen->data, n, self->handle, &x, &y);
  corners = corners_after_drag (self, &area, x, y);
  commit_corners (self, &area, corners, self->handle < n ? _("Move Corner") : _("Add Corner"));
  focus_corner (self, self->handle < n ? (gint) self->handle : (gint) (self->handle - n + 1));
}

/* FALSE when the area would keep fewer than three corners, or there is no such corner. */
static gboolean
remove_corner (SitmapEditLayer *self, guint corner)
{
  g_auto (Area) area = { 0 };
  g_autoptr (GArray) corners = NULL;

  if (!selected_area (self, &area) || corner >= area_n_corners (&area)
      || area_n_corners (&area) <= SITMAP_VERTEX_MIN_CORNERS)
    return FALSE;
  corners = g_array_copy (area.lon_lat);
  g_array_remove_range (corners, 2 * corner, 2);
  commit_corners (self, &area, corners, _("Remove Corner"));
  focus_corner (self, -1);
  return TRUE;
}

static void
remove_corner_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  if (!remove_corner (SITMAP_EDIT_LAYER (widget), g_variant_get_uint32 (parameter)))
    gtk_widget_error_bell (widget);
}

/*
 * Drawing
 */

/* The area as it will be when the drag ends, in the selection's blue. */
static void
draw_area_preview (SitmapEditLayer *self, cairo_t *cr, const Area *area)
{
  g_autoptr (GArray) screen = g_array_copy (area->screen);
  guint  n = area_n_corners (area);
  double xy[2] = { self->pointer_x, self->pointer_y };
  double dash[] = { 5, 4 };

  if (self->handle < n)
    {
      g_array_index (screen, double, 2 * self->handle) = xy[0];
      g_array_index (screen, double, 2 * self->handle + 1) = xy[1];
    }
  else
    g_array_insert_vals (screen, 2 * (self->handle - n + 1), xy, 2);
  for (guint i = 0; i < screen->len / 2; i++)
    cairo_line_to (cr, g_array_index (screen, double, 2 * i), g_array_index (screen, double, 2 * i + 1));
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_area_handles (SitmapEditLayer *self, cairo_t *cr)
{
  g_auto (Area) area = { 0 };

  if (!selected_area (self, &area))
    return;
  if (self->drag_kind == DRAG_HANDLE && self->moved)
    draw_area_preview (self, cr, &area);
  sitmap_vertex_handles_draw (cr, (const double *) (gpointer) area.screen->data, area_n_corners (&area),
                              self->focused_corner, 1);
}

/* The dragged marker at the pointer, where it will be dropped. */
static void
draw_dragged_marker (SitmapEditLayer *self, cairo_t *cr)
{
  SitmapDocument           *document = get_document (self);
  const SitmapEventColumns *columns;
  gint                      position;

  if (document == NULL || (position = sitmap_document_find_event (document, self->event_id)) < 0)
    return;
  columns = sitmap_document_get_columns (document);
  sitmap_symbol_draw (cr, columns->category[position],
                      sitmap_symbol_style_for_event (columns, position) | SITMAP_SYMBOL_STYLE_SELECTED, self->pointer_x,
                      self->pointer_y);
}

static void
sitmap_edit_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (widget);
  cairo_t         *cr;

  if (!self->edit_mode || get_document (self) == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  draw_area_handles (self, cr);
  if (self->drag_kind == DRAG_MARKER && self->moved)
    draw_dragged_marker (self, cr);
  cairo_destroy (cr);
}

/*
 * Callbacks
 */

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, SitmapEditLayer *self)
{
  gint handle = handle_at (self, x, y);
  gint marker = handle < 0 ? marker_at (self, x, y) : -1;

  self->drag_kind = DRAG_NONE;
  self->moved = FALSE;
  if (handle < 0 && marker < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  if (handle >= 0)
    {
      self->drag_kind = DRAG_HANDLE;
      self->handle = (guint) handle;
    }
  else
    {
      self->drag_kind = DRAG_MARKER;
      self->position = marker;
      g_free (self->event_id);
      self->event_id = g_strdup (sitmap_event_store_get_id (sitmap_document_get_store (get_document (self)), marker));
    }
  /* For Escape, which cancels the drag. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, SitmapEditLayer *self)
{
  if (self->drag_kind == DRAG_NONE)
    return;
  self->pointer_x = self->start_x + dx;
  self->pointer_y = self->start_y + dy;
  /* Past the threshold once, it follows the pointer even back to where it began. */
  self->moved |= hypot (dx, dy) >= drag_threshold (self);
  if (self->moved)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, SitmapEditLayer *self)
{
  DragKind kind = self->drag_kind;

  self->drag_kind = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (kind == DRAG_MARKER && !self->moved)
    /* A click picks the event, as it does outside edit mode. */
    sitmap_view_state_select (self->view_state, self->position);
  else if (kind == DRAG_MARKER)
    commit_move (self, self->start_x + dx, self->start_y + dy);
  else if (kind == DRAG_HANDLE)
    finish_handle_drag (self, self->start_x + dx, self->start_y + dy);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                SitmapEditLayer *self)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_kind == DRAG_NONE)
        return FALSE;
      /* Nothing changes: the marker or corner goes back to where it is. */
      self->drag_kind = DRAG_NONE;
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (self->focused_corner < 0)
        return FALSE;
      if (!remove_corner (self, (guint) self->focused_corner))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
popup_menu (GtkWidget *menu, GMenuItem *item, double x, double y)
{
  g_autoptr (GMenu) model = g_menu_new ();

  g_menu_append_item (model, item);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (menu), G_MENU_MODEL (model));
  gtk_popover_set_pointing_to (GTK_POPOVER (menu), &(GdkRectangle){ (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (menu));
}

/* A right click on a corner of the selected area: its menu. */
static void
corner_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapEditLayer *self)
{
  g_autoptr (GMenuItem) item = NULL;
  g_auto (Area) area = { 0 };
  gint handle = handle_at (self, x, y);

  if (handle < 0 || !selected_area (self, &area) || (guint) handle >= area_n_corners (&area))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  focus_corner (self, handle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "edit.remove-corner",
                                 area_n_corners (&area) > SITMAP_VERTEX_MIN_CORNERS);
  item = g_menu_item_new (_("Remove Corner"), NULL);
  g_menu_item_set_action_and_target_value (item, "edit.remove-corner", g_variant_new_uint32 ((guint32) handle));
  popup_menu (self->corner_menu, item, x, y);
}

/* "New Event Here", at a point of the map (in the map's coordinates). */
static void
context_menu_at (SitmapEditLayer *self, GtkGesture *gesture, double x, double y)
{
  g_autoptr (GMenuItem) item = NULL;
  GtkWidget      *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  graphene_point_t at;
  double           latitude, longitude;

  if (get_document (self) == NULL
      || !gtk_widget_compute_point (map, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &at))
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  widget_to_location (self, at.x, at.y, &latitude, &longitude);
  item = g_menu_item_new (_("New Event Here"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.new-event-at", g_variant_new ("(dd)", latitude, longitude));
  popup_menu (self->context_menu, item, at.x, at.y);
}

static void
context_click_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapEditLayer *self)
{
  context_menu_at (self, GTK_GESTURE (gesture), x, y);
}

static void
long_press_cb (GtkGestureLongPress *gesture, double x, double y, SitmapEditLayer *self)
{
  context_menu_at (self, GTK_GESTURE (gesture), x, y);
}

/* The selection changed: handles for another shape, or none. */
static void
selected_cb (SitmapEditLayer *self)
{
  self->focused_corner = -1;
  if (self->drag_kind == DRAG_HANDLE)
    {
      self->drag_kind = DRAG_NONE;
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/*
 * Overrides
 */

/* Browsing, the layer holds nothing; in edit mode, only markers and the selected area's handles. */
static gboolean
sitmap_edit_layer_contains (GtkWidget *widget, double x, double y)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (widget);

  if (!self->edit_mode)
    return FALSE;
  return self->drag_kind != DRAG_NONE || handle_at (self, x, y) >= 0 || marker_at (self, x, y) >= 0;
}

static void
sitmap_edit_layer_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (widget);

  GTK_WIDGET_CLASS (sitmap_edit_layer_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (GTK_POPOVER (self->context_menu));
  gtk_popover_present (GTK_POPOVER (self->corner_menu));
}

/* The context menu's gestures live on the map, so that a right click anywhere on it opens the menu,
 * after the layers above have had their say (an annotation's corner has its own menu). */
static void
sitmap_edit_layer_root (GtkWidget *widget)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (widget);
  GtkWidget       *map = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (sitmap_edit_layer_parent_class)->root (widget);
  if (map == NULL)
    return;
  self->context_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->context_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (self->context_click, "pressed", G_CALLBACK (context_click_cb), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (self->context_click));
  self->long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (self->long_press), TRUE);
  g_signal_connect (self->long_press, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (self->long_press));
}

static void
remove_from_map (GtkGesture **gesture)
{
  if (*gesture == NULL)
    return;
  gtk_widget_remove_controller (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (*gesture)),
                                GTK_EVENT_CONTROLLER (*gesture));
  *gesture = NULL;
}

static void
sitmap_edit_layer_unroot (GtkWidget *widget)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (widget);

  remove_from_map (&self->context_click);
  remove_from_map (&self->long_press);
  GTK_WIDGET_CLASS (sitmap_edit_layer_parent_class)->unroot (widget);
}

/*
 * GObject
 */

static void
sitmap_edit_layer_constructed (GObject *object)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (object);

  G_OBJECT_CLASS (sitmap_edit_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::selected", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
}

static void
sitmap_edit_layer_dispose (GObject *object)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (object);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->corner_menu, gtk_widget_unparent);
  g_clear_object (&self->view_state);
  g_clear_weak_pointer (&self->event_layer);
  g_clear_pointer (&self->event_id, g_free);
  G_OBJECT_CLASS (sitmap_edit_layer_parent_class)->dispose (object);
}

static void
sitmap_edit_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE:
      g_value_set_object (value, self->view_state);
      break;
    case PROP_EDIT_MODE:
      g_value_set_boolean (value, self->edit_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_edit_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapEditLayer *self = SITMAP_EDIT_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE:
      self->view_state = g_value_dup_object (value);
      break;
    case PROP_EDIT_MODE:
      sitmap_edit_layer_set_edit_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_edit_layer_class_init (SitmapEditLayerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitmap_edit_layer_constructed;
  object_class->dispose = sitmap_edit_layer_dispose;
  object_class->get_property = sitmap_edit_layer_get_property;
  object_class->set_property = sitmap_edit_layer_set_property;
  widget_class->snapshot = sitmap_edit_layer_snapshot;
  widget_class->contains = sitmap_edit_layer_contains;
  widget_class->size_allocate = sitmap_edit_layer_size_allocate;
  widget_class->root = sitmap_edit_layer_root;
  widget_class->unroot = sitmap_edit_layer_unroot;

  properties[PROP_VIEW_STATE] = g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                       G_PARAM_STATIC_STRINGS);
  properties[PROP_EDIT_MODE] = g_param_spec_boolean ("edit-mode", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_action (widget_class, "edit.remove-corner", "u", remove_corner_action);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitmap_edit_layer_init (SitmapEditLayer *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->focused_corner = -1;
  self->position = -1;
  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));
  self->corner_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->corner_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (self->corner_click, "pressed", G_CALLBACK (corner_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->corner_click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  self->corner_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->corner_menu), FALSE);
  gtk_widget_set_parent (self->corner_menu, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Event Editing"), -1);
}

/*
 * Public API
 */

SitmapEditLayer *
sitmap_edit_layer_new (ShumateViewport *viewport, SitmapViewState *view_state, SitmapEventLayer *event_layer)
{
  SitmapEditLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);
  g_return_val_if_fail (event_layer == NULL || SITMAP_IS_EVENT_LAYER (event_layer), NULL);

  self = g_object_new (SITMAP_TYPE_EDIT_LAYER, "viewport", viewport, "view-state", view_state, NULL);
  g_set_weak_pointer (&self->event_layer, event_layer);
  return self;
}

gboolean
sitmap_edit_layer_get_edit_mode (SitmapEditLayer *self)
{
  g_return_val_if_fail (SITMAP_IS_EDIT_LAYER (self), FALSE);
  return self->edit_mode;
}

void
sitmap_edit_layer_set_edit_mode (SitmapEditLayer *self, gboolean edit_mode)
{
  g_return_if_fail (SITMAP_IS_EDIT_LAYER (self));

  edit_mode = !!edit_mode;
  if (self->edit_mode == edit_mode)
    return;
  self->edit_mode = edit_mode;
  /* A keyboard stop only where it acts: Escape and Delete in edit mode. */
  gtk_widget_set_focusable (GTK_WIDGET (self), edit_mode);
  if (!edit_mode && self->drag_kind != DRAG_NONE)
    {
      self->drag_kind = DRAG_NONE;
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
    }
  self->focused_corner = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDIT_MODE]);
}
