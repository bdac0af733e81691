/* sitmap-event-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-event-layer-private.h"

/* Logical pixels beyond a symbol's drawn radius within which a click or the pointer still finds it. */
#define HIT_SLACK           4.0
#define HIT_RADIUS          (SITMAP_SYMBOL_RADIUS + HIT_SLACK)
#define SELECTED_HIT_RADIUS (SITMAP_SYMBOL_SELECTED_RADIUS + HIT_SLACK)
#define LINE_HIT_DISTANCE   6.0
/* Room kept around a cluster's events when the map zooms to them, and how long the flight takes. */
#define ZOOM_PADDING        64.0
#define ZOOM_DURATION_MS    450
/* An event revealed this close to the map's edge is brought in; the pan, and showing all, take this long. */
#define REVEAL_MARGIN       48.0
#define REVEAL_DURATION_MS  350
#define SHOW_ALL_DURATION_MS 500

G_DEFINE_FINAL_TYPE (SitmapEventLayer, sitmap_event_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  PROP_SIZE_BY_FATALITIES,
  N_PROPS
};

enum {
  ACTIVATE_EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/*
 * Auxiliary methods
 */

/* What is visible may have changed: the bins are made again. */
static void
invalidate (SitmapEventLayer *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static ShumateMap *
get_map (SitmapEventLayer *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return SHUMATE_IS_MAP (parent) ? SHUMATE_MAP (parent) : NULL;
}

static void
update_accessible_label (SitmapEventLayer *self)
{
  guint n = sitmap_view_state_get_n_visible (self->view_state);

  g_free (self->accessible_label);
  /* TRANSLATORS: what a screen reader says the map is */
  self->accessible_label = g_strdup_printf (ngettext ("Map of %u event", "Map of %u events", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                  -1);
}

/*
 * Hit testing
 */

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
    if (instances[i].shape->kind == SITMAP_SHAPE_LINE &&
        sitmap_view_state_is_visible (self->view_state, instances[i].shape->position) &&
        sitmap_shape_outline_is_near (_sitmap_event_layer_project_outline (self, &instances[i]), x, y,
                                      LINE_HIT_DISTANCE, FALSE))
      return instances[i].shape->position;
  for (guint i = self->shape_instances->len; i-- > 0;)
    {
      const SitmapShape *shape = instances[i].shape;
      double area = (shape->max_x - shape->min_x) * (shape->max_y - shape->min_y);
      double mx = (u - instances[i].offset + p->center_x) / p->map_size, my = (v + p->center_y) / p->map_size;

      if (area < best_area && sitmap_shape_table_contains (self->shapes, shape, mx, my) &&
          sitmap_view_state_is_visible (self->view_state, shape->position))
        {
          best_area = area;
          best = shape->position;
        }
    }
  return best;
}

/* The widget point of a world point in the copy of the world nearest to (x, y). */
static void
nearest_copy (const SitmapMapProjection *p, double wx, double wy, double x, double *sx, double *sy)
{
  sitmap_map_projection_to_widget (p, wx, wy, sx, sy);
  if (sitmap_map_projection_wraps (p, 0) && !p->rotated)
    *sx += round ((x - *sx) / p->map_size) * p->map_size;
}

/* The single events around the point, found through the bins: a symbol is smaller than a cell, so the
 * cell under the point and its neighbours hold every symbol that reaches it. The later event wins a tie:
 * it is drawn on top. */
static gint
hit_singles (SitmapEventLayer *self, double x, double y, double *sx, double *sy)
{
  const SitmapClusterGrid *grid = sitmap_cluster_index_get_grid (self->index);
  double wx, wy, best_d = INFINITY;
  gint64 column, row;
  gint best = -1;

  if (!sitmap_cluster_index_is_built (self->index))
    return -1;
  _sitmap_event_layer_widget_to_world (self, x, y, &wx, &wy);
  sitmap_cluster_grid_cell (grid, sitmap_cluster_point_from_world (wx, CLAMP (wy, 0, 1)), &column, &row);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        gint64 cell = sitmap_cluster_index_window_cell (self->index, column + dx, row + dy);
        const guint32 *singles;
        guint n_singles;

        if (cell < 0 || sitmap_cluster_index_get_cell (self->index, cell, &singles, &n_singles) >= 0)
          continue;
        for (guint i = 0; i < n_singles; i++)
          {
            double px, py, ex, ey, d, reach;

            if (!_sitmap_event_layer_get_world_point (self, singles[i], &ex, &ey))
              continue;
            nearest_copy (&self->projection, ex, ey, x, &px, &py);
            d = (px - x) * (px - x) + (py - y) * (py - y);
            reach = HIT_RADIUS * _sitmap_event_layer_size_scale (_sitmap_event_layer_size_for (self, singles[i]));
            if (d <= reach * reach && (d < best_d || (d == best_d && (gint) singles[i] > best)) &&
                sitmap_view_state_is_visible (self->view_state, singles[i]))
              {
                best_d = d;
                best = singles[i];
                *sx = px;
                *sy = py;
              }
          }
      }
  return best;
}

/* Clusters in view are few: each is looked at. */
static gint
hit_clusters (SitmapEventLayer *self, double x, double y, double *distance_sq)
{
  const SitmapClusterInstance *instances =
    (const SitmapClusterInstance *) (gconstpointer) self->cluster_instances->data;
  gint best = -1;

  *distance_sq = INFINITY;
  for (guint i = 0; i < self->cluster_instances->len; i++)
    {
      double d = (instances[i].x - x) * (instances[i].x - x) + (instances[i].y - y) * (instances[i].y - y);
      double reach = instances[i].radius + HIT_SLACK;

      if (d <= reach * reach && d < *distance_sq)
        {
          *distance_sq = d;
          best = i;
        }
    }
  return best;
}

static void
pick_symbol (SitmapEventLayer *self, gint index, SitmapEventLayerPick *pick)
{
  const SitmapSymbolInstance *symbol = &g_array_index (self->symbols, SitmapSymbolInstance, index);

  *pick = (SitmapEventLayerPick) { SITMAP_EVENT_LAYER_PICK_EVENT, symbol->position, 1, symbol->x, symbol->y, 0 };
}

/* The selection is drawn larger and on top of the rest; single events above clusters. From what the
 * screen shows (the pointer moving over it, a tooltip), or, for a click that acts on what it finds, from
 * the visible set as it is now. */
static gboolean
pick_in (SitmapEventLayer *self, double x, double y, SitmapEventLayerPick *pick, gboolean as_shown)
{
  double sx = 0, sy = 0, cluster_d;
  gint symbol, cluster, shape;

  *pick = (SitmapEventLayerPick) { SITMAP_EVENT_LAYER_PICK_NONE, -1, 0, x, y, 0 };
  if (!(as_shown ? _sitmap_event_layer_ensure_shown (self) : _sitmap_event_layer_ensure_collected (self)))
    return FALSE;
  if (self->selected_symbol >= 0 &&
      sitmap_view_state_is_visible (self->view_state,
                                    g_array_index (self->symbols, SitmapSymbolInstance, self->selected_symbol).position))
    {
      const SitmapSymbolInstance *s = &g_array_index (self->symbols, SitmapSymbolInstance, self->selected_symbol);
      double r = SELECTED_HIT_RADIUS * _sitmap_event_layer_size_scale (s->size);

      if ((s->x - x) * (s->x - x) + (s->y - y) * (s->y - y) <= r * r)
        {
          pick_symbol (self, self->selected_symbol, pick);
          return TRUE;
        }
    }
  symbol = hit_singles (self, x, y, &sx, &sy);
  if (symbol >= 0)
    {
      *pick = (SitmapEventLayerPick) { SITMAP_EVENT_LAYER_PICK_EVENT, symbol, 1, sx, sy, 0 };
      return TRUE;
    }
  cluster = hit_clusters (self, x, y, &cluster_d);
  if (cluster >= 0)
    {
      const SitmapClusterInstance *c = &g_array_index (self->cluster_instances, SitmapClusterInstance, cluster);
      guint n;

      *pick = (SitmapEventLayerPick) { SITMAP_EVENT_LAYER_PICK_CLUSTER, -1,
                                       sitmap_cluster_index_get_clusters (self->index, &n)[c->cluster].n_events, c->x,
                                       c->y, c->cluster };
      return TRUE;
    }
  shape = hit_shapes (self, x, y);
  if (shape >= 0)
    {
      *pick = (SitmapEventLayerPick) { SITMAP_EVENT_LAYER_PICK_EVENT, shape, 1, x, y, 0 };
      return TRUE;
    }
  return FALSE;
}

static gboolean
pick (SitmapEventLayer *self, double x, double y, SitmapEventLayerPick *picked)
{
  return pick_in (self, x, y, picked, TRUE);
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
  const char *title = sitmap_event_get_title (event);
  /* Cut to what a tooltip is read for: a hostile title of a megabyte would freeze the window. */
  g_autofree char *shown = sitmap_text_cut (title && *title ? title : _("Untitled event"), SITMAP_LABEL_MAX_CHARS);
  g_autofree char *when = NULL;
  g_autofree char *where = NULL;
  g_autofree char *shown_where = NULL;
  GString *text = g_string_new (NULL);
  SitmapTime time;

  sitmap_event_get_time (event, &time);
  when = sitmap_time_describe (&time);
  where = describe_location (event, columns, position);
  shown_where = where != NULL ? sitmap_text_cut (where, SITMAP_LABEL_MAX_CHARS) : NULL;
  /* TRANSLATORS: an event's title, then when: "The Assad government falls — on 8 December 2024" */
  g_string_append_printf (text, _("%s — %s"), shown, when);
  g_string_append_printf (text, "\n%s", sitmap_category_get_label (columns->category[position]));
  if (shown_where != NULL)
    g_string_append_printf (text, " · %s", shown_where);
  if (columns->flags[position] & SITMAP_EVENT_FLAG_PARTY_ONLY)
    g_string_append_printf (text, "\n%s", _("Reported only by parties to the conflict"));
  return g_string_free (text, FALSE);
}

static double
max_zoom (SitmapEventLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double max = shumate_viewport_get_max_zoom_level (viewport);

  if (source != NULL)
    max = MIN (max, shumate_map_source_get_max_zoom_level (source));
  return max;
}

/* Whether zooming in can set a cluster's events apart: not at the highest zoom, nor when they lie too
 * close together even there (at one point, say). */
static gboolean
zoom_splits (SitmapEventLayer *self, guint cluster)
{
  double x0, y0, x1, y1, top = max_zoom (self);

  if (get_map (self) == NULL || self->zoom >= top - 0.01)
    return FALSE;
  sitmap_cluster_index_get_extent (self->index, cluster, &x0, &y0, &x1, &y1);
  return MAX (x1 - x0, y1 - y0) * self->projection.map_size * exp2 (top - self->zoom) >=
         2 * SITMAP_CLUSTER_SINGLE_REACH + SITMAP_CLUSTER_GAP;
}

/* The categories of a mixed cluster by how many events each has, the most first, for up to a few. */
static char *
list_categories (const SitmapCluster *cluster, guint max)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean listed[SITMAP_N_CATEGORIES] = { FALSE };

  for (guint k = 0; k < max; k++)
    {
      gint best = -1;

      for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
        if (!listed[c] && cluster->category_counts[c] > 0 &&
            (best < 0 || cluster->category_counts[c] > cluster->category_counts[best]))
          best = c;
      if (best < 0)
        break;
      listed[best] = TRUE;
      if (k > 0)
        /* TRANSLATORS: between the categories listed in a map cluster's tooltip */
        g_string_append (text, C_("list", ", "));
      g_string_append (text, sitmap_category_get_label (best));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_categories (const SitmapCluster *cluster)
{
  guint n = 0;

  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    n += cluster->category_counts[c] > 0;
  return n;
}

static char *
describe_cluster (SitmapEventLayer *self, guint index)
{
  guint n;
  const SitmapCluster *cluster = &sitmap_cluster_index_get_clusters (self->index, &n)[index];
  const char *category = sitmap_category_get_label (cluster->dominant);
  guint dominant = cluster->category_counts[cluster->dominant];
  GString *text = g_string_new (NULL);

  if (dominant == cluster->n_events)
    /* TRANSLATORS: a cluster on the map, "12 events, all Battle" */
    g_string_append_printf (text, ngettext ("%u event, all %s", "%u events, all %s", cluster->n_events),
                            cluster->n_events, category);
  else if (2 * dominant > cluster->n_events)
    /* TRANSLATORS: a cluster on the map, "12 events (mostly Battle)" */
    g_string_append_printf (text, ngettext ("%u event (mostly %s)", "%u events (mostly %s)", cluster->n_events),
                            cluster->n_events, category);
  else if (count_categories (cluster) <= 3)
    {
      g_autofree char *categories = list_categories (cluster, 3);

      /* TRANSLATORS: a cluster on the map of a few kinds of events, "3 events: Battle, Protest" */
      g_string_append_printf (text, ngettext ("%u event: %s", "%u events: %s", cluster->n_events), cluster->n_events,
                              categories);
    }
  else
    /* TRANSLATORS: a cluster on the map where no category has half the events, "12 events (mixed, most
     * often Battle)" */
    g_string_append_printf (text, ngettext ("%u event (mixed, most often %s)", "%u events (mixed, most often %s)",
                                            cluster->n_events),
                            cluster->n_events, category);
  g_string_append_c (text, '\n');
  g_string_append (text, zoom_splits (self, index) ? _("Click to zoom in") : _("Click to list them"));
  return g_string_free (text, FALSE);
}

/*
 * Acting on what was picked
 */

void
_sitmap_event_layer_select (SitmapEventLayer *self, gint position)
{
  /* A group stays while one of its events is read, so that the sidebar can go back to it. */
  sitmap_view_state_select (self->view_state, position);
}

static void
list_cluster (SitmapEventLayer *self, guint cluster)
{
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));

  sitmap_cluster_index_get_members (self->index, cluster, members);
  sitmap_view_state_set_selected (self->view_state, -1);
  sitmap_view_state_set_group (self->view_state, (const guint32 *) (gconstpointer) members->data, members->len);
}

/* Zooms so that the cluster's events fill the view (and split apart), or, when no zoom can split them,
 * lists them in the sidebar. */
static void
activate_cluster (SitmapEventLayer *self, guint cluster)
{
  const SitmapMapProjection *p = &self->projection;
  double x0, y0, x1, y1, zoom = self->zoom, top = max_zoom (self), fit, x, y;

  if (!zoom_splits (self, cluster))
    {
      list_cluster (self, cluster);
      return;
    }
  sitmap_cluster_index_get_extent (self->index, cluster, &x0, &y0, &x1, &y1);
  fit = zoom + log2 (MIN ((p->width - 2 * ZOOM_PADDING) / MAX ((x1 - x0) * p->map_size, 1e-9),
                          (p->height - 2 * ZOOM_PADDING) / MAX ((y1 - y0) * p->map_size, 1e-9)));
  x = (x0 + x1) / 2;
  y = (y0 + y1) / 2;
  x -= floor (x);
  shumate_map_go_to_full_with_duration (get_map (self), atan (sinh (G_PI * (1 - 2 * y))) * 180 / G_PI, x * 360 - 180,
                                        CLAMP (fit, MIN (zoom + 1, top), top), ZOOM_DURATION_MS);
}

/* What a click at (x, y) does. */
static void
activate_at (SitmapEventLayer *self, double x, double y)
{
  SitmapEventLayerPick picked;

  pick_in (self, x, y, &picked, FALSE);
  switch (picked.kind)
    {
    case SITMAP_EVENT_LAYER_PICK_CLUSTER:
      activate_cluster (self, picked.cluster);
      break;
    case SITMAP_EVENT_LAYER_PICK_EVENT:
      /* It is under the pointer, where the user looks: the map stays where it is. */
      self->picking_here = TRUE;
      _sitmap_event_layer_select (self, picked.position);
      self->picking_here = FALSE;
      break;
    case SITMAP_EVENT_LAYER_PICK_NONE:
    default:
      _sitmap_event_layer_select (self, -1);
      break;
    }
}

/*
 * Callbacks
 */

static void
viewport_notify_cb (SitmapEventLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
visible_changed_cb (SitmapEventLayer *self)
{
  update_accessible_label (self);
  invalidate (self);
}

static void
selected_changed_cb (SitmapEventLayer *self)
{
  gint selected = sitmap_view_state_get_selected (self->view_state);
  g_autofree char *description = NULL;

  self->frame_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (selected >= 0 && _sitmap_event_layer_ensure_document (self) != NULL)
    description = describe_event (self, selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description
                                              : _("Use the arrow keys to move between events, Enter to read one"),
                                  -1);
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

/* A click, not the end of a drag that panned the map: act on what is under it. The map is what the
 * user works in now: it takes the keyboard focus, so that the arrow keys go on from there. */
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
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_at (self, x, y);
}

static void
set_hover (SitmapEventLayer *self, const SitmapEventLayerPick *picked)
{
  SitmapHoverKind kind = SITMAP_HOVER_NONE;
  gint position = -1;
  guint64 key = 0;

  if (picked->kind == SITMAP_EVENT_LAYER_PICK_EVENT)
    {
      kind = SITMAP_HOVER_EVENT;
      position = picked->position;
    }
  else if (picked->kind == SITMAP_EVENT_LAYER_PICK_CLUSTER)
    {
      guint n;

      kind = SITMAP_HOVER_CLUSTER;
      key = sitmap_cluster_index_get_clusters (self->index, &n)[picked->cluster].key;
    }
  if (kind == self->hover_kind && position == self->hover_position && key == self->hover_key)
    return;
  if ((kind == SITMAP_HOVER_NONE) != (self->hover_kind == SITMAP_HOVER_NONE))
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), kind != SITMAP_HOVER_NONE ? "pointer" : NULL);
  self->hover_kind = kind;
  self->hover_position = position;
  self->hover_key = key;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, SitmapEventLayer *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  SitmapEventLayerPick picked = { SITMAP_EVENT_LAYER_PICK_NONE };

  /* While a button is down the map is being dragged: leave the map its grabbing hand. */
  if (!(state & (GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK)))
    pick (self, x, y, &picked);
  set_hover (self, &picked);
}

static void
leave_cb (GtkEventControllerMotion *controller, SitmapEventLayer *self)
{
  SitmapEventLayerPick none = { SITMAP_EVENT_LAYER_PICK_NONE };

  set_hover (self, &none);
}

static gboolean
activate_selection (SitmapEventLayer *self)
{
  gint selected = sitmap_view_state_get_selected (self->view_state);

  if (selected < 0)
    return _sitmap_event_layer_move_selection (self, 0, 0);
  g_signal_emit (self, signals[ACTIVATE_EVENT], 0, selected);
  return TRUE;
}


static void
zoom_by_key (SitmapEventLayer *self, gboolean in)
{
  ShumateMap *map = get_map (self);

  if (map == NULL)
    return;
  if (in)
    shumate_map_zoom_in (map);
  else
    shumate_map_zoom_out (map);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                SitmapEventLayer *self)
{
  gboolean moved = TRUE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: moved = _sitmap_event_layer_move_selection (self, -1, 0); break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: moved = _sitmap_event_layer_move_selection (self, 1, 0); break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: moved = _sitmap_event_layer_move_selection (self, 0, -1); break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: moved = _sitmap_event_layer_move_selection (self, 0, 1); break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space: case GDK_KEY_KP_Space:
      moved = activate_selection (self);
      break;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add: zoom_by_key (self, TRUE); break;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract: zoom_by_key (self, FALSE); break;
    case GDK_KEY_Escape:
      /* The view state's step back, as the sidebar's; with nothing to step back from, the window's
       * Escape goes on to clear the time range. */
      return sitmap_view_state_step_back (self->view_state);
    default:
      return FALSE;
    }
  /* The arrow keys stay on the map even where there is nothing to go to: GTK would move the focus. */
  if (!moved)
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
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
 * event or a cluster is, so that the pointer, the tooltip and the click find it there. */
static gboolean
sitmap_event_layer_contains (GtkWidget *widget, double x, double y)
{
  SitmapEventLayerPick picked;

  return pick (SITMAP_EVENT_LAYER (widget), x, y, &picked);
}

/* The focus ring shows only while the keyboard is in use. */
static void
sitmap_event_layer_state_flags_changed (GtkWidget *widget, GtkStateFlags previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (sitmap_event_layer_parent_class)->state_flags_changed (widget, previous);
  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
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

/*
 * Following the view state: revealing an event, showing all
 */

/* The zoom at which an event's place can be told: a spot closer than a town, a region further out. */
static double
reveal_zoom (SitmapEventLayer *self, guint position)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);

  switch (columns->location_precision[position])
    {
    case SITMAP_LOCATION_PRECISION_EXACT: return 13;
    case SITMAP_LOCATION_PRECISION_TOWN: return 11;
    case SITMAP_LOCATION_PRECISION_REGION: return 8;
    case SITMAP_LOCATION_PRECISION_COUNTRY: return 6;
    case SITMAP_LOCATION_PRECISION_NEAR_TOWN:
    case SITMAP_LOCATION_PRECISION_NONE:
    default: return 10;
    }
}

/* A smooth flight there (normalised Web Mercator), as libshumate flies, or a jump without animations. */
static void
fly_to (SitmapEventLayer *self, double x, double y, double zoom, guint duration_ms)
{
  ShumateMap *map = get_map (self);
  double latitude, longitude;

  if (map == NULL)
    return;
  sitmap_mercator_to_lat_lon (x - floor (x), CLAMP (y, 0, 1), &latitude, &longitude);
  latitude = CLAMP (latitude, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE);
  shumate_map_go_to_full_with_duration (map, latitude, longitude, zoom, duration_ms);
}

/* The view state asks to bring an event into view. Gently: a map that shows it well inside its edges
 * does not move; one that shows it near an edge moves just enough; otherwise it flies to it, at its
 * zoom. Asked to zoom, it centres the event and zooms in to where its place can be told. */
static void
reveal_cb (SitmapEventLayer *self, gint position, guint flags)
{
  const SitmapMapProjection *p = &self->projection;
  double wx, wy, x, y, margin, dx, dy, cx, cy;

  if (get_map (self) == NULL || !_sitmap_event_layer_ensure_collected (self) ||
      !_sitmap_event_layer_get_world_point (self, position, &wx, &wy))
    return;
  if (flags & SITMAP_REVEAL_ZOOM)
    {
      fly_to (self, wx, wy, MIN (MAX (self->zoom, reveal_zoom (self, position)), max_zoom (self)), REVEAL_DURATION_MS);
      return;
    }
  if (self->picking_here)
    return;
  sitmap_map_projection_to_widget (p, wx, wy, &x, &y);
  margin = MIN (REVEAL_MARGIN, MIN (p->width, p->height) / 4);
  if (x < 0 || y < 0 || x > p->width || y > p->height)
    {
      fly_to (self, wx, wy, self->zoom, REVEAL_DURATION_MS);
      return;
    }
  dx = x < margin ? x - margin : x > p->width - margin ? x - (p->width - margin) : 0;
  dy = y < margin ? y - margin : y > p->height - margin ? y - (p->height - margin) : 0;
  if (dx == 0 && dy == 0)
    return;
  _sitmap_event_layer_widget_to_world (self, p->width / 2 + dx, p->height / 2 + dy, &cx, &cy);
  fly_to (self, cx, cy, self->zoom, REVEAL_DURATION_MS);
}

/* Every visible event that has a place, with room around, as a document opens. */
static void
show_all_cb (SitmapEventLayer *self)
{
  SitmapMapFit fit;
  double mx, my;

  if (get_map (self) == NULL || !_sitmap_event_layer_ensure_collected (self) ||
      !sitmap_view_state_fit_visible (self->view_state, self->projection.width, self->projection.height,
                                      MIN (SITMAP_MAP_FIT_MAX_ZOOM, max_zoom (self)), &fit))
    return;
  sitmap_mercator_from_lat_lon (fit.latitude, fit.longitude, &mx, &my);
  fly_to (self, mx, my, fit.zoom, SHOW_ALL_DURATION_MS);
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
  g_signal_connect_object (self->view_state, "visible-changed", G_CALLBACK (visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::selected", G_CALLBACK (selected_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "reveal", G_CALLBACK (reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "show-all", G_CALLBACK (show_all_cb), self, G_CONNECT_SWAPPED);
  update_accessible_label (self);
  selected_changed_cb (self);
}

static void
sitmap_event_layer_dispose (GObject *object)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  _sitmap_event_layer_clear_textures (self);
  _sitmap_event_layer_clear_document (self);
  g_clear_object (&self->view_state);
  G_OBJECT_CLASS (sitmap_event_layer_parent_class)->dispose (object);
}

static void
sitmap_event_layer_finalize (GObject *object)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  _sitmap_event_layer_finalize_collection (self);
  _sitmap_event_layer_finalize_drawing (self);
  g_free (self->accessible_label);
  G_OBJECT_CLASS (sitmap_event_layer_parent_class)->finalize (object);
}

static void
sitmap_event_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEventLayer *self = SITMAP_EVENT_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    case PROP_SIZE_BY_FATALITIES: g_value_set_boolean (value, self->size_by_fatalities); break;
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
    case PROP_SIZE_BY_FATALITIES: sitmap_event_layer_set_size_by_fatalities (self, g_value_get_boolean (value)); break;
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
  widget_class->state_flags_changed = sitmap_event_layer_state_flags_changed;
  widget_class->root = sitmap_event_layer_root;
  widget_class->unroot = sitmap_event_layer_unroot;

  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE_BY_FATALITIES] =
    g_param_spec_boolean ("size-by-fatalities", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to read the selected event (Enter on the map): the window takes the focus to the
   * sidebar, which already shows it. */
  signals[ACTIVATE_EVENT] = g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "sitmap-event-layer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sitmap_event_layer_init (SitmapEventLayer *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  _sitmap_event_layer_init_collection (self);
  self->hover_position = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
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

gboolean
sitmap_event_layer_get_size_by_fatalities (SitmapEventLayer *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), FALSE);
  return self->size_by_fatalities;
}

void
sitmap_event_layer_set_size_by_fatalities (SitmapEventLayer *self, gboolean size_by_fatalities)
{
  g_return_if_fail (SITMAP_IS_EVENT_LAYER (self));

  size_by_fatalities = !!size_by_fatalities;
  if (self->size_by_fatalities == size_by_fatalities)
    return;
  self->size_by_fatalities = size_by_fatalities;
  /* Larger symbols overlap sooner: the clusters change too. */
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE_BY_FATALITIES]);
}

gboolean
sitmap_event_layer_pick (SitmapEventLayer *self, double x, double y, SitmapEventLayerPick *picked)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), FALSE);
  g_return_val_if_fail (picked != NULL, FALSE);

  return pick (self, x, y, picked);
}

gint
sitmap_event_layer_hit_test (SitmapEventLayer *self, double x, double y)
{
  SitmapEventLayerPick picked;

  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), -1);

  pick (self, x, y, &picked);
  return picked.position;
}

gboolean
sitmap_event_layer_get_event_point (SitmapEventLayer *self, guint position, double *x, double *y)
{
  SitmapMapProjection p = { 0 };
  double ex, ey;

  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), FALSE);

  if (_sitmap_event_layer_ensure_document (self) == NULL ||
      !sitmap_map_projection_init (&p, shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self)) ||
      !_sitmap_event_layer_get_world_point (self, position, &ex, &ey))
    return FALSE;
  sitmap_map_projection_to_widget (&p, ex, ey, x, y);
  return TRUE;
}

const guint32 *
sitmap_event_layer_get_drawn (SitmapEventLayer *self, guint *n_drawn)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), NULL);

  /* What changed since the last snapshot is what the next one draws. */
  _sitmap_event_layer_ensure_collected (self);
  return _sitmap_event_layer_compute_drawn (self, n_drawn);
}

char *
sitmap_event_layer_dup_tooltip_text (SitmapEventLayer *self, double x, double y)
{
  SitmapEventLayerPick picked;

  g_return_val_if_fail (SITMAP_IS_EVENT_LAYER (self), NULL);

  if (!pick (self, x, y, &picked))
    return NULL;
  if (picked.kind == SITMAP_EVENT_LAYER_PICK_CLUSTER)
    return describe_cluster (self, picked.cluster);
  return describe_event (self, picked.position);
}
