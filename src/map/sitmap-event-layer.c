/* sitmap-event-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-event-layer-private.h"

/* Logical pixels from a symbol's centre within which a click or the pointer finds it. */
#define HIT_RADIUS          (SITMAP_SYMBOL_RADIUS + 4)
#define SELECTED_HIT_RADIUS (SITMAP_SYMBOL_SELECTED_RADIUS + 4)
#define LINE_HIT_DISTANCE   6.0

G_DEFINE_FINAL_TYPE (SitmapEventLayer, sitmap_event_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static void
invalidate (SitmapEventLayer *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/*
 * Hit testing
 */

static double
distance_to_segment (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0;

  if (len2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static gboolean
near_line (SitmapEventLayer *self, const SitmapShapeInstance *instance, double x, double y)
{
  const SitmapMapProjection *p = &self->projection;
  guint path = instance->shape->path;

  for (guint r = 0; r < sitmap_shape_table_get_n_rings (self->shapes, path); r++)
    {
      guint n;
      const double *xy = sitmap_shape_table_get_ring (self->shapes, path, r, &n);
      double ax = NAN, ay = NAN;

      for (guint i = 0; i < n; i++)
        {
          double bx, by;

          sitmap_map_projection_map_to_widget (p, xy[2 * i] * p->map_size - p->center_x + instance->offset,
                                               xy[2 * i + 1] * p->map_size - p->center_y, &bx, &by);
          if (i > 0 && distance_to_segment (x, y, ax, ay, bx, by) <= LINE_HIT_DISTANCE)
            return TRUE;
          ax = bx;
          ay = by;
        }
    }
  return FALSE;
}

/* Lines within a few pixels, then the smallest area around the point: the most specific place. */
static gint
hit_shapes (SitmapEventLayer *self, double x, double y)
{
  const SitmapMapProjection *p = &self->projection;
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  double dx = x - p->width / 2, dy = y - p->height / 2, u = dx, v = dy, best_area = INFINITY;
  gint best = -1;

  if (p->rotated)
    {
      u = p->cos_r * dx + p->sin_r * dy;
      v = -p->sin_r * dx + p->cos_r * dy;
    }
  for (guint i = self->shape_instances->len; i-- > 0;)
    if (instances[i].shape->kind == SITMAP_SHAPE_LINE && near_line (self, &instances[i], x, y))
      return instances[i].shape->position;
  for (guint i = self->shape_instances->len; i-- > 0;)
    {
      const SitmapShape *shape = instances[i].shape;
      double area = (shape->max_x - shape->min_x) * (shape->max_y - shape->min_y);
      double mx = (u - instances[i].offset + p->center_x) / p->map_size, my = (v + p->center_y) / p->map_size;

      if (area < best_area && sitmap_shape_table_contains (self->shapes, shape, mx, my))
        {
          best_area = area;
          best = shape->position;
        }
    }
  return best;
}

/*
 * Tooltips
 */

static char *
describe_location (SitmapEvent *event, const SitmapEventColumns *columns, guint position)
{
  const char *name = sitmap_event_get_place_name (event);
  guint km = (sitmap_event_get_radius (event) + 500) / 1000;

  switch (columns->location_precision[position])
    {
    case SITMAP_LOCATION_PRECISION_NEAR_TOWN:
      if (km > 0)
        /* TRANSLATORS: "desert near As-Sukhnah, within about 25 km"; %s is how the report words the place */
        return name ? g_strdup_printf (_("%s, within about %u km"), name, km)
                    : g_strdup_printf (_("Near a town, within about %u km"), km);
      return g_strdup (name ? name : _("Near a town"));
    case SITMAP_LOCATION_PRECISION_REGION:
      /* TRANSLATORS: the map shows only roughly where a region is; %s is its name */
      return name ? g_strdup_printf (_("Somewhere in %s"), name) : g_strdup (_("Somewhere in a region"));
    case SITMAP_LOCATION_PRECISION_COUNTRY:
      return name ? g_strdup_printf (_("Somewhere in %s"), name) : g_strdup (_("Somewhere in a country"));
    default:
      return g_strdup (name);
    }
}

/* Plain text: everything in it comes from the document. */
static char *
describe_event (SitmapEventLayer *self, guint position)
{
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (self->document, position);
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  g_autofree char *when = NULL;
  g_autofree char *where = NULL;
  GString *text = g_string_new (NULL);
  SitmapTime time;

  sitmap_event_get_time (event, &time);
  when = sitmap_time_describe (&time);
  where = describe_location (event, columns, position);
  g_string_append (text, sitmap_event_get_title (event) ? sitmap_event_get_title (event) : _("Untitled event"));
  g_string_append_c (text, '\n');
  /* TRANSLATORS: the category of an event, then when: "Battle, on 10 December 2024" */
  g_string_append_printf (text, _("%s, %s"), sitmap_category_get_label (columns->category[position]), when);
  if (where != NULL)
    g_string_append_printf (text, "\n%s", where);
  if (columns->flags[position] & SITMAP_EVENT_FLAG_PARTY_ONLY)
    g_string_append_printf (text, "\n%s", _("Reported only by parties to the conflict"));
  return g_string_free (text, FALSE);
}

/*
 * Callbacks
 */

static void
viewport_notify_cb (SitmapEventLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The click gesture sits on the map (see sitmap_event_layer_root): its points are in the map's
 * coordinates, which the layer's own match only as long as it fills the map. */
static void
map_to_layer (SitmapEventLayer *self, GtkGestureClick *gesture, double *x, double *y)
{
  GtkWidget *map = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  graphene_point_t in = GRAPHENE_POINT_INIT (*x, *y), out;

  if (map != GTK_WIDGET (self) && gtk_widget_compute_point (map, GTK_WIDGET (self), &in, &out))
    {
      *x = out.x;
      *y = out.y;
    }
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapEventLayer *self)
{
  map_to_layer (self, gesture, &x, &y);
  self->pressed = n_press == 1;
  self->press_x = x;
  self->press_y = y;
}

/* A click, not the end of a drag that panned the map: select what is under it, or nothing. */
static void
released_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapEventLayer *self)
{
  int threshold = 8;

  map_to_layer (self, gesture, &x, &y);
  if (!self->pressed)
    return;
  self->pressed = FALSE;
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
  if (hypot (x - self->press_x, y - self->press_y) > threshold)
    return;
  sitmap_view_state_set_selected (self->view_state, sitmap_event_layer_hit_test (self, x, y));
}

static void
set_hovering (SitmapEventLayer *self, gboolean hovering)
{
  if (self->hovering == hovering)
    return;
  self->hovering = hovering;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hovering ? "pointer" : NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, SitmapEventLayer *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* While a button is down the map is being dragged: leave the map its grabbing hand. */
  if (state & (GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK))
    set_hovering (self, FALSE);
  else
    set_hovering (self, sitmap_event_layer_hit_test (self, x, y) >= 0);
}

static void
leave_cb (GtkEventControllerMotion *controller, SitmapEventLayer *self)
{
  set_hovering (self, FALSE);
}

/*
 * Overrides
 */

static void
sitmap_event_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (widget);

  if (!_sitmap_event_layer_ensure_collected (self))
    return;
  _sitmap_event_layer_draw (self, snapshot, sitmap_symbol_get_display_scale (widget));
}

/* ShumateLayer lets every point fall through to the map below; this layer takes the points where an
 * event is, so that the pointer, the tooltip and the click find it there. */
static gboolean
sitmap_event_layer_contains (GtkWidget *widget, double x, double y)
{
  return sitmap_event_layer_hit_test (SITMAP_EVENT_LAYER (widget), x, y) >= 0;
}

/* Clicks are heard on the map itself, not on the layer: a click on bare map, which the layer does not
 * contain, must clear the selection. The gesture only listens, never claims, so dragging from
 * anywhere, an event included, still pans the map. */
static void
sitmap_event_layer_root (GtkWidget *widget)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (widget);
  GtkWidget *map = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (sitmap_event_layer_parent_class)->root (widget);
  if (map == NULL)
    return;
  self->click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (self->click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (self->click));
}

static void
sitmap_event_layer_unroot (GtkWidget *widget)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (widget);

  if (self->click != NULL)
    {
      gtk_widget_remove_controller (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (self->click)),
                                    GTK_EVENT_CONTROLLER (self->click));
      self->click = NULL;
    }
  GTK_WIDGET_CLASS (sitmap_event_layer_parent_class)->unroot (widget);
}

static gboolean
sitmap_event_layer_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = sitmap_event_layer_dup_tooltip_text (SITMAP_EVENT_LAYER (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
sitmap_event_layer_constructed (GObject *object)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (sitmap_event_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "visible-changed", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::selected", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
}

static void
sitmap_event_layer_dispose (GObject *object)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  _sitmap_event_layer_clear_textures (self);
  g_clear_object (&self->view_state);
  g_clear_object (&self->document);
  g_clear_pointer (&self->shapes, sitmap_shape_table_free);
  G_OBJECT_CLASS (sitmap_event_layer_parent_class)->dispose (object);
}

static void
sitmap_event_layer_finalize (GObject *object)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  _sitmap_event_layer_finalize_collection (self);
  _sitmap_event_layer_finalize_drawing (self);
  G_OBJECT_CLASS (sitmap_event_layer_parent_class)->finalize (object);
}

static void
sitmap_event_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_event_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: self->view_state = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_event_layer_class_init (SitmapEventLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitmap_event_layer_constructed;
  object_class->dispose = sitmap_event_layer_dispose;
  object_class->finalize = sitmap_event_layer_finalize;
  object_class->get_property = sitmap_event_layer_get_property;
  object_class->set_property = sitmap_event_layer_set_property;
  widget_class->snapshot = sitmap_event_layer_snapshot;
  widget_class->query_tooltip = sitmap_event_layer_query_tooltip;
  widget_class->contains = sitmap_event_layer_contains;
  widget_class->root = sitmap_event_layer_root;
  widget_class->unroot = sitmap_event_layer_unroot;

  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sitmap-event-layer");
}

static void
sitmap_event_layer_init (SitmapEventLayer *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  _sitmap_event_layer_init_collection (self);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/*
 * Private API
 */

/* The shape table follows the view state's document; built lazily, because the view state tells
 * of the new visible set before it tells of the new document. */
SitmapDocument *
_sitmap_event_layer_ensure_shapes (SitmapEventLayer *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);

  if (document != self->document)
    {
      g_clear_pointer (&self->shapes, sitmap_shape_table_free);
      g_set_object (&self->document, document);
      if (document != NULL)
        self->shapes = sitmap_shape_table_new (document);
    }
  return document;
}

/*
 * Public API
 */

SitmapEventLayer *
sitmap_event_layer_new (ShumateViewport *viewport, SitmapViewState *view_state)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);

  return g_object_new (SITMAP_TYPE_EVENT_LAYER, "viewport", viewport, "view-state", view_state, NULL);
}

gint
sitmap_event_layer_hit_test (SitmapEventLayer *self, double x, double y)
{
  double best_d = INFINITY;
  gint best;

  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), -1);

  if (!_sitmap_event_layer_ensure_collected (self))
    return -1;
  if (!self->hit_grid_valid)
    {
      sitmap_hit_grid_build (self->hit_grid, self->symbols->data, sizeof (SitmapSymbolInstance), self->symbols->len,
                             self->projection.width, self->projection.height);
      self->hit_grid_valid = TRUE;
    }
  best = sitmap_hit_grid_nearest (self->hit_grid, x, y, HIT_RADIUS, &best_d);
  /* The selection is drawn larger and on top of the rest. */
  if (self->selected_symbol >= 0)
    {
      const SitmapSymbolInstance *s = &g_array_index (self->symbols, SitmapSymbolInstance, self->selected_symbol);
      double d = (s->x - x) * (s->x - x) + (s->y - y) * (s->y - y);

      if (d <= SELECTED_HIT_RADIUS * SELECTED_HIT_RADIUS && (best < 0 || d <= best_d))
        best = self->selected_symbol;
    }
  if (best >= 0)
    return g_array_index (self->symbols, SitmapSymbolInstance, best).position;
  return hit_shapes (self, x, y);
}

gboolean
sitmap_event_layer_get_event_point (SitmapEventLayer *self, guint position, double *x, double *y)
{
  SitmapMapProjection p = { 0 };
  SitmapDocument *document;
  const SitmapEventColumns *columns;
  double ex, ey;

  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), FALSE);

  document = _sitmap_event_layer_ensure_shapes (self);
  if (document == NULL || position >= sitmap_document_get_n_events (document) ||
      !sitmap_map_projection_init (&p, shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self)))
    return FALSE;
  columns = sitmap_document_get_columns (document);
  ex = columns->x[position];
  ey = columns->y[position];
  if (!(columns->flags[position] & SITMAP_EVENT_FLAG_PLACED))
    {
      const SitmapShape *shape = sitmap_shape_table_lookup (self->shapes, position);

      if (shape == NULL || !isfinite (shape->x))
        return FALSE;
      ex = shape->x;
      ey = shape->y;
    }
  sitmap_map_projection_to_widget (&p, ex, ey, x, y);
  return TRUE;
}

const guint32 *
sitmap_event_layer_get_drawn (SitmapEventLayer *self, guint *n_drawn)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), NULL);

  *n_drawn = self->drawn->len;
  return (const guint32 *) (gconstpointer) self->drawn->data;
}

char *
sitmap_event_layer_dup_tooltip_text (SitmapEventLayer *self, double x, double y)
{
  gint position;

  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), NULL);

  position = sitmap_event_layer_hit_test (self, x, y);
  return position >= 0 ? describe_event (self, position) : NULL;
}
