/* sitmap-place-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-place-layer"

#include "config.h"

#include <math.h>

#include "sitmap-map-projection.h"
#include "sitmap-place-draw.h"
#include "sitmap-place-layer.h"
#include "sitmap-symbol.h"

/* Beyond this many places in view, only the most important get a name: nobody reads more. */
#define MAX_LABELS 400

typedef struct
{
  guint32 index;  /* into the document's places */
  guint8  kind;   /* SitmapPlaceKind */
  guint8  rank;   /* label priority, 0 first */
  gboolean settlement; /* drawn as a dot; otherwise an area, named in italics */
  gboolean has_events; /* event symbols sit on its point: its name keeps clear of them */
  double  x;      /* the label point, normalised Web Mercator */
  double  y;
  /* Areas only: their outline */
  guint32 first_point; /* into points */
  guint32 n_points;
  double  min_x;
  double  min_y;
  double  max_x;
  double  max_y;
} PlaceRecord;

/* A place in view, for this frame */
typedef struct
{
  const PlaceRecord *record;
  double             x;
  double             y;
  double             offset; /* map pixels: which copy of the world */
  double             width;  /* areas: on-screen width of the outline */
  gint               dot;    /* settlements: index of its dot in occupied */
} PlaceInstance;

struct _SitmapPlaceLayer
{
  ShumateLayer    parent_instance;

  SitmapViewState *view_state;
  SitmapDocument  *document; /* the one records were built for */
  guint            events_serial; /* and its store's */
  SitmapEventStore *store;         /* compared only: an import replaces it, edits keep it */
  guint            n_events_seen;  /* the events has_events was made from: edits add after them */
  GArray          *records;  /* PlaceRecord, in label priority order */
  GArray          *points;   /* double x, y pairs of area outlines; a NAN pair separates rings */

  SitmapMapProjection projection;
  GArray          *in_view;   /* PlaceInstance, reused */
  GArray          *occupied;  /* graphene_rect_t of labels and dots placed this frame */
  GArray          *claimed;   /* graphene_rect_t of the dots that got their name */
  guint            n_dots;    /* the first entries of occupied are dots */
  GArray          *labelled;  /* guint32 place indices */

  GdkTexture      *dots[SITMAP_N_PLACE_KINDS];
  double           dot_scale;
  gboolean         show_settlements;
};

G_DEFINE_FINAL_TYPE (SitmapPlaceLayer, sitmap_place_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  PROP_SHOW_SETTLEMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Records, built once per document
 */

static void
add_outline (SitmapPlaceLayer *self, PlaceRecord *record, SitmapGeometry *geometry)
{
  record->first_point = self->points->len / 2;
  record->min_x = record->min_y = INFINITY;
  record->max_x = record->max_y = -INFINITY;
  for (guint r = 0; r < sitmap_geometry_get_n_rings (geometry); r++)
    {
      guint n;
      const double *lon_lat = sitmap_geometry_get_ring (geometry, r, &n);
      double separator[2] = { NAN, NAN };

      if (r > 0)
        g_array_append_vals (self->points, separator, 2);
      for (guint i = 0; i < n; i++)
        {
          double xy[2];

          sitmap_mercator_from_lat_lon (lon_lat[2 * i + 1], lon_lat[2 * i], &xy[0], &xy[1]);
          g_array_append_vals (self->points, xy, 2);
          record->min_x = MIN (record->min_x, xy[0]);
          record->max_x = MAX (record->max_x, xy[0]);
          record->min_y = MIN (record->min_y, xy[1]);
          record->max_y = MAX (record->max_y, xy[1]);
        }
    }
  record->n_points = self->points->len / 2 - record->first_point;
}

/* Which places events are located at: one pass over the events when the document changes. */
static GArray *
find_places_with_events (SitmapDocument *document)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  guint n_places = g_list_model_get_n_items (sitmap_document_get_places (document));
  GArray *has_events = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), n_places);

  g_array_set_size (has_events, n_places);
  if (n_places == 0)
    return has_events;
  for (guint i = 0; i < sitmap_document_get_n_events (document); i++)
    {
      guint place = sitmap_event_store_get_place (store, i);

      if (place > 0 && place <= n_places)
        g_array_index (has_events, gboolean, place - 1) = TRUE;
    }
  return has_events;
}

static int
compare_rank (gconstpointer a, gconstpointer b)
{
  const PlaceRecord *ra = a, *rb = b;

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static void
build_records (SitmapPlaceLayer *self)
{
  GListModel *places = sitmap_document_get_places (self->document);
  g_autoptr (GArray) has_events = find_places_with_events (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr (SitmapPlace) place = g_list_model_get_item (places, i);
      PlaceRecord record = { .index = i, .kind = sitmap_place_get_kind (place) };
      double latitude = sitmap_place_get_latitude (place), longitude = sitmap_place_get_longitude (place);

      if (sitmap_place_is_area (place))
        {
          add_outline (self, &record, sitmap_place_get_geometry (place));
          if (!sitmap_coordinates_valid (latitude, longitude))
            sitmap_geometry_get_center (sitmap_place_get_geometry (place), &latitude, &longitude);
        }
      if (!sitmap_coordinates_valid (latitude, longitude))
        continue;
      sitmap_mercator_from_lat_lon (latitude, longitude, &record.x, &record.y);
      record.rank = sitmap_place_kind_get_rank (record.kind);
      record.settlement = sitmap_place_is_settlement (place);
      record.has_events = g_array_index (has_events, gboolean, i);
      g_array_append_val (self->records, record);
    }
  g_array_sort (self->records, compare_rank);
}

/* An edit of events: the places of the events it added have events now. A deletion leaves its place marked
 * until the document is read again, which costs a label shown a little larger than it might be. */
static void
add_places_of_new_events (SitmapPlaceLayer *self)
{
  SitmapEventStore *store = sitmap_document_get_store (self->document);
  guint n = sitmap_document_get_n_events (self->document);

  /* An undo took the last ones away: the positions come again with the next edit */
  self->n_events_seen = MIN (self->n_events_seen, n);
  for (guint i = self->n_events_seen; i < n; i++)
    {
      guint place = sitmap_event_store_get_place (store, i);

      for (guint r = 0; place > 0 && r < self->records->len; r++)
        if (g_array_index (self->records, PlaceRecord, r).index == place - 1)
          g_array_index (self->records, PlaceRecord, r).has_events = TRUE;
    }
  self->n_events_seen = n;
  self->events_serial = sitmap_document_get_events_serial (self->document);
}

static gboolean
ensure_records (SitmapPlaceLayer *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);

  if (document != NULL && document == self->document && sitmap_document_get_store (document) == self->store &&
      sitmap_document_get_events_serial (document) != self->events_serial)
    add_places_of_new_events (self);
  if (document != self->document ||
      (document != NULL && sitmap_document_get_events_serial (document) != self->events_serial))
    {
      g_array_set_size (self->records, 0);
      g_array_set_size (self->points, 0);
      g_set_object (&self->document, document);
      self->events_serial = document ? sitmap_document_get_events_serial (document) : 0;
      self->store = document ? sitmap_document_get_store (document) : NULL;
      self->n_events_seen = document ? sitmap_document_get_n_events (document) : 0;
      if (document != NULL)
        build_records (self);
    }
  return self->document != NULL;
}

/*
 * Drawing
 */

static gboolean
is_area_record (const PlaceRecord *record)
{
  return record->n_points > 0;
}

static GdkTexture *
create_dot (SitmapPlaceKind kind, double scale)
{
  double half = ceil ((sitmap_place_get_dot_radius (kind) + 2) * scale) / scale;
  int size = (int) (2 * half * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  GdkTexture *texture;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  sitmap_place_draw_dot (cr, kind, half, half);
  cairo_destroy (cr);
  texture = sitmap_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

static GdkTexture *
get_dot (SitmapPlaceLayer *self, SitmapPlaceKind kind, double scale)
{
  if (scale != self->dot_scale)
    {
      for (guint k = 0; k < SITMAP_N_PLACE_KINDS; k++)
        g_clear_object (&self->dots[k]);
      self->dot_scale = scale;
    }
  if (self->dots[kind] == NULL)
    self->dots[kind] = create_dot (kind, scale);
  return self->dots[kind];
}

static void
collect_in_view (SitmapPlaceLayer *self, double zoom)
{
  const SitmapMapProjection *p = &self->projection;

  g_array_set_size (self->in_view, 0);
  for (guint i = 0; i < self->records->len; i++)
    {
      const PlaceRecord *record = &g_array_index (self->records, PlaceRecord, i);
      PlaceInstance instance = { .record = record, .dot = -1 };
      double u, v;

      if (!sitmap_place_kind_shown_at_zoom (record->kind, zoom) || (record->settlement && !self->show_settlements))
        continue;
      sitmap_map_projection_to_map (p, record->x, record->y, &u, &v);
      instance.offset = u - (record->x * p->map_size - p->center_x);
      if (is_area_record (record))
        {
          double u0 = record->min_x * p->map_size - p->center_x + instance.offset;
          double u1 = record->max_x * p->map_size - p->center_x + instance.offset;
          double v0 = record->min_y * p->map_size - p->center_y, v1 = record->max_y * p->map_size - p->center_y;

          if (u1 < -p->reach_x || u0 > p->reach_x || v1 < -p->reach_y || v0 > p->reach_y)
            continue;
          instance.width = u1 - u0;
        }
      else if (!sitmap_map_projection_map_in_view (p, u, v, 8))
        continue;
      sitmap_map_projection_map_to_widget (p, u, v, &instance.x, &instance.y);
      g_array_append_val (self->in_view, instance);
    }
}

static void
trace_outline (SitmapPlaceLayer *self, cairo_t *cr, const PlaceInstance *instance)
{
  const SitmapMapProjection *p = &self->projection;
  const double *xy = &g_array_index (self->points, double, 2 * instance->record->first_point);
  gboolean start = TRUE;

  for (guint i = 0; i < instance->record->n_points; i++)
    {
      double wx, wy;

      if (isnan (xy[2 * i]))
        {
          cairo_close_path (cr);
          start = TRUE;
          continue;
        }
      sitmap_map_projection_map_to_widget (p, xy[2 * i] * p->map_size - p->center_x + instance->offset,
                                           xy[2 * i + 1] * p->map_size - p->center_y, &wx, &wy);
      if (start)
        cairo_move_to (cr, wx, wy);
      else
        cairo_line_to (cr, wx, wy);
      start = FALSE;
    }
  cairo_close_path (cr);
}

/* Faint and dashed, like an administrative boundary: context, not content. */
static void
snapshot_outlines (SitmapPlaceLayer *self, GtkSnapshot *snapshot)
{
  static const double dashes[] = { 6, 3, 1.5, 3 };
  const SitmapMapProjection *p = &self->projection;
  cairo_t *cr = NULL;

  for (guint i = 0; i < self->in_view->len; i++)
    {
      const PlaceInstance *instance = &g_array_index (self->in_view, PlaceInstance, i);

      if (!is_area_record (instance->record))
        continue;
      if (cr == NULL)
        {
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, p->width, p->height));
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        }
      cairo_new_path (cr);
      trace_outline (self, cr, instance);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_source_rgba (cr, 0.45, 0.38, 0.3, 0.05);
      cairo_fill_preserve (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
      cairo_set_line_width (cr, 3);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_source_rgba (cr, 0.42, 0.36, 0.28, 0.75);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  g_clear_pointer (&cr, cairo_destroy);
}

static void
snapshot_dots (SitmapPlaceLayer *self, GtkSnapshot *snapshot, double scale)
{
  for (guint i = 0; i < self->in_view->len; i++)
    {
      const PlaceInstance *instance = &g_array_index (self->in_view, PlaceInstance, i);
      GdkTexture *dot;
      double size;
      graphene_rect_t rect;

      if (!instance->record->settlement)
        continue;
      dot = get_dot (self, instance->record->kind, scale);
      size = gdk_texture_get_width (dot) / scale;
      rect = GRAPHENE_RECT_INIT (round (instance->x * scale) / scale - size / 2,
                                 round (instance->y * scale) / scale - size / 2, size, size);
      gtk_snapshot_append_texture (snapshot, dot, &rect);
      /* Names must not cover the dots of other places. */
      g_array_index (self->in_view, PlaceInstance, i).dot = self->occupied->len;
      g_array_append_val (self->occupied, rect);
    }
}

static gboolean
intersects_any (GArray *rects, const graphene_rect_t *rect)
{
  for (guint i = 0; i < rects->len; i++)
    if (graphene_rect_intersection (rect, &g_array_index (rects, graphene_rect_t, i), NULL))
      return TRUE;
  return FALSE;
}

static gboolean
is_free (SitmapPlaceLayer *self, const graphene_rect_t *rect, gint own_dot)
{
  const graphene_rect_t *own = own_dot >= 0 ? &g_array_index (self->occupied, graphene_rect_t, own_dot) : NULL;
  graphene_rect_t padded;

  graphene_rect_inset_r (rect, -SITMAP_PLACE_LABEL_GAP / 2, -SITMAP_PLACE_LABEL_GAP / 2, &padded);
  for (guint i = 0; i < self->occupied->len; i++)
    {
      const graphene_rect_t *other = &g_array_index (self->occupied, graphene_rect_t, i);

      /* Its own dot, and dots on top of it, are not in the way: the name goes beside them all. */
      if (own != NULL && i < self->n_dots && graphene_rect_intersection (own, other, NULL))
        continue;
      if (graphene_rect_intersection (&padded, other, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Where an area's name may go, relative to its label point, in label heights: there, else below
 * or above it. Below first when an event's symbol sits on the point. */
static const double area_offsets[][3] = { { 0, 1, -1 }, { 1, -1, 0 } };

static gboolean
place_area_label (SitmapPlaceLayer *self, const PlaceInstance *instance, int width, int height,
                  graphene_rect_t *rect)
{
  const double *offsets = area_offsets[instance->record->has_events ? 1 : 0];
  double clearance = instance->record->has_events ? SITMAP_SYMBOL_RADIUS : 0;

  if (is_area_record (instance->record) && instance->width < SITMAP_PLACE_MIN_AREA_LABEL_WIDTH)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (area_offsets[0]); i++)
    {
      double dy = offsets[i] * (height / 2.0 + clearance + 2);

      *rect = GRAPHENE_RECT_INIT (instance->x - width / 2.0, instance->y - height / 2.0 + dy, width, height);
      if (is_free (self, rect, -1))
        return TRUE;
    }
  return FALSE;
}

/* Right of the dot, else left of it, clear of the symbols of events located there. A dot on top of a
 * dot that already has its name gets none: which of the two it named would be a guess. */
static gboolean
place_label (SitmapPlaceLayer *self, const PlaceInstance *instance, int width, int height, graphene_rect_t *rect)
{
  double x = instance->x, y = instance->y, gap;
  const graphene_rect_t *dot;

  if (!instance->record->settlement)
    return place_area_label (self, instance, width, height, rect);
  dot = &g_array_index (self->occupied, graphene_rect_t, instance->dot);
  if (intersects_any (self->claimed, dot))
    return FALSE;
  gap = (instance->record->has_events ? 1.3 * SITMAP_SYMBOL_RADIUS : sitmap_place_get_dot_radius (instance->record->kind)) +
        3;
  *rect = GRAPHENE_RECT_INIT (x + gap, y - height / 2.0, width, height);
  if (!is_free (self, rect, instance->dot))
    {
      rect->origin.x = x - gap - width;
      if (!is_free (self, rect, instance->dot))
        return FALSE;
    }
  g_array_append_vals (self->claimed, dot, 1);
  return TRUE;
}

/* Names, plain text, the most important first; one that would collide is left out. */
/* The bytes of a name that a label shows: a name of a megabyte (a hostile file's) would be laid out on
 * every frame, a quarter of a second each time; no more than SITMAP_LABEL_MAX_CHARS characters could
 * fit on a map anyway. Counted without allocating, on the frame's path. */
static int
shown_length (const char *name)
{
  const char *end = name;

  for (guint i = 0; i < SITMAP_LABEL_MAX_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return end - name;
}

static void
snapshot_labels (SitmapPlaceLayer *self, GtkSnapshot *snapshot)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  const PangoFontDescription *base = pango_context_get_font_description (pango_layout_get_context (layout));
  const SitmapMapProjection *p = &self->projection;
  cairo_t *cr = NULL;

  for (guint i = 0; i < self->in_view->len && self->labelled->len < MAX_LABELS; i++)
    {
      const PlaceInstance *instance = &g_array_index (self->in_view, PlaceInstance, i);
      SitmapPlace *place = sitmap_document_get_place (self->document, instance->record->index);
      graphene_rect_t rect;
      int width, height;

      pango_layout_set_text (layout, sitmap_place_get_name (place), shown_length (sitmap_place_get_name (place)));
      sitmap_place_style_label (layout, base, instance->record->kind, !instance->record->settlement);
      pango_layout_get_pixel_size (layout, &width, &height);
      if (width == 0 || !place_label (self, instance, width, height, &rect))
        continue;
      if (cr == NULL)
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, p->width, p->height));
      sitmap_place_draw_label (cr, layout, rect.origin.x, rect.origin.y, !instance->record->settlement);
      g_array_append_val (self->occupied, rect);
      g_array_append_val (self->labelled, instance->record->index);
    }
  g_clear_pointer (&cr, cairo_destroy);
}

static int
compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/*
 * Overrides
 */

static void
sitmap_place_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SitmapPlaceLayer *self = SITMAP_PLACE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_array_set_size (self->labelled, 0);
  g_array_set_size (self->occupied, 0);
  g_array_set_size (self->claimed, 0);
  if (!ensure_records (self) || !sitmap_map_projection_init (&self->projection, viewport, widget))
    return;
  collect_in_view (self, shumate_viewport_get_zoom_level (viewport));
  snapshot_outlines (self, snapshot);
  snapshot_dots (self, snapshot, sitmap_symbol_get_display_scale (widget));
  self->n_dots = self->occupied->len;
  snapshot_labels (self, snapshot);
  g_array_sort (self->labelled, compare_guint32);
}

static void
sitmap_place_layer_constructed (GObject *object)
{
  SitmapPlaceLayer *self = SITMAP_PLACE_LAYER (object);

  G_OBJECT_CLASS (sitmap_place_layer_parent_class)->constructed (object);

  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

static void
sitmap_place_layer_dispose (GObject *object)
{
  SitmapPlaceLayer *self = SITMAP_PLACE_LAYER (object);

  for (guint k = 0; k < SITMAP_N_PLACE_KINDS; k++)
    g_clear_object (&self->dots[k]);
  g_clear_object (&self->view_state);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (sitmap_place_layer_parent_class)->dispose (object);
}

static void
sitmap_place_layer_finalize (GObject *object)
{
  SitmapPlaceLayer *self = SITMAP_PLACE_LAYER (object);

  g_array_unref (self->records);
  g_array_unref (self->points);
  g_array_unref (self->in_view);
  g_array_unref (self->occupied);
  g_array_unref (self->claimed);
  g_array_unref (self->labelled);
  G_OBJECT_CLASS (sitmap_place_layer_parent_class)->finalize (object);
}

static void
sitmap_place_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapPlaceLayer *self = SITMAP_PLACE_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    case PROP_SHOW_SETTLEMENTS: g_value_set_boolean (value, self->show_settlements); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_place_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapPlaceLayer *self = SITMAP_PLACE_LAYER (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: self->view_state = g_value_dup_object (value); break;
    case PROP_SHOW_SETTLEMENTS: sitmap_place_layer_set_show_settlements (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_place_layer_class_init (SitmapPlaceLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitmap_place_layer_constructed;
  object_class->dispose = sitmap_place_layer_dispose;
  object_class->finalize = sitmap_place_layer_finalize;
  object_class->get_property = sitmap_place_layer_get_property;
  object_class->set_property = sitmap_place_layer_set_property;
  widget_class->snapshot = sitmap_place_layer_snapshot;

  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SETTLEMENTS] =
    g_param_spec_boolean ("show-settlements", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sitmap-place-layer");
}

static void
sitmap_place_layer_init (SitmapPlaceLayer *self)
{
  self->records = g_array_new (FALSE, FALSE, sizeof (PlaceRecord));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->in_view = g_array_new (FALSE, FALSE, sizeof (PlaceInstance));
  self->occupied = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->claimed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->labelled = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->show_settlements = TRUE;
  /* Only drawn: clicks and drags belong to the layers above and the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/*
 * Public API
 */

SitmapPlaceLayer *
sitmap_place_layer_new (ShumateViewport *viewport, SitmapViewState *view_state)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);

  return g_object_new (SITMAP_TYPE_PLACE_LAYER, "viewport", viewport, "view-state", view_state, NULL);
}

const guint32 *
sitmap_place_layer_get_labelled (SitmapPlaceLayer *self, guint *n_labelled)
{
  g_return_val_if_fail (SITMAP_IS_PLACE_LAYER (self), NULL);

  *n_labelled = self->labelled->len;
  return (const guint32 *) (gconstpointer) self->labelled->data;
}

/* Whether towns and cities are drawn. Over a basemap that names them itself, the document's own dots
 * and names would only double the basemap's, a few pixels apart; areas are always drawn. */
void
sitmap_place_layer_set_show_settlements (SitmapPlaceLayer *self, gboolean show)
{
  g_return_if_fail (SITMAP_IS_PLACE_LAYER (self));

  show = !!show;
  if (self->show_settlements == show)
    return;
  self->show_settlements = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SETTLEMENTS]);
}

gboolean
sitmap_place_layer_get_show_settlements (SitmapPlaceLayer *self)
{
  g_return_val_if_fail (SITMAP_IS_PLACE_LAYER (self), FALSE);
  return self->show_settlements;
}
