/* sitmap-event-layer-draw.c: the drawing of what the collection found: shapes, clusters, symbols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitmap-cluster-symbol.h"
#include "sitmap-event-layer-private.h"
#include "sitmap-map-focus.h"

/*
 * Shapes
 */

/* The place a vague event is somewhere in, as the report words it, else the gazetteer's name. */
static const char *
vague_place_name (SitmapEventLayer *self, guint position)
{
  SitmapEventStore *store = sitmap_document_get_store (self->document);
  const char *text = sitmap_event_store_get_place_text (store, position);
  guint place = sitmap_event_store_get_place (store, position);

  if (text != NULL && *text != '\0')
    return text;
  if (place > 0)
    return sitmap_place_get_name (sitmap_document_get_place (self->document, place - 1));
  return NULL;
}

/* The name goes inside the circle along its top, or below a circle too small to hold it, with a pale
 * halo so that it reads on any basemap. Plain text: it comes from the document. */
static void
draw_vague_label (SitmapEventLayer *self, cairo_t *cr, const SitmapShapeInstance *instance, const GdkRGBA *color)
{
  const char *name = vague_place_name (self, instance->shape->position);
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoAttrList) attrs = NULL;
  int width, height;
  double x, y;

  if (name == NULL || *name == '\0')
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, name, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int) MAX (80, 1.6 * instance->radius) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &width, &height);
  x = instance->x - width / 2.0;
  if (instance->radius >= 2.5 * height + SITMAP_SYMBOL_RADIUS)
    y = instance->y - instance->radius + 4;
  else
    y = instance->y + instance->radius + 2;
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  /* The category's colour, darkened towards black so that the yellow of statements reads too. */
  cairo_set_source_rgba (cr, color->red * 0.55, color->green * 0.55, color->blue * 0.55, 0.95);
  cairo_fill (cr);
}

static void
draw_selected_shape (SitmapEventLayer *self, cairo_t *cr, const SitmapShapeInstance *instance)
{
  GdkRGBA accent;

  sitmap_symbol_get_selection_color (&accent);
  cairo_new_path (cr);
  if (instance->shape->kind == SITMAP_SHAPE_VAGUE)
    cairo_arc (cr, instance->x, instance->y, instance->radius, 0, 2 * G_PI);
  else
    sitmap_shape_outline_trace (cr, _sitmap_event_layer_project_outline (self, instance),
                                instance->shape->kind == SITMAP_SHAPE_AREA);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.35);
  cairo_set_line_width (cr, 7);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

/*
 * Drawing each shape once
 */

/* Identical shapes (a thousand events in one region, a dozen at one town) are drawn once: stacked,
 * their translucent washes would turn opaque and hide the map. A set of keys, cleared per frame. */
static void
shape_seen_reset (SitmapEventLayer *self, guint n)
{
  guint capacity = 64;

  while (capacity < 2 * n)
    capacity *= 2;
  if (capacity > self->shape_seen_capacity)
    {
      g_free (self->shape_seen);
      self->shape_seen = g_new0 (guint64, capacity);
      self->shape_seen_capacity = capacity;
    }
  else
    memset (self->shape_seen, 0, self->shape_seen_capacity * sizeof (guint64));
}

/* Marks the key of a shape that an independently reported event in view is drawn with. */
#define SHAPE_SOLID (G_GUINT64_CONSTANT (1) << 59)

static gboolean
shape_seen_contains (SitmapEventLayer *self, guint64 key)
{
  guint mask = self->shape_seen_capacity - 1;
  guint i = (guint) ((key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 32) & mask;

  key |= G_GUINT64_CONSTANT (1) << 63;
  for (; self->shape_seen[i] != 0; i = (i + 1) & mask)
    if (self->shape_seen[i] == key)
      return TRUE;
  return FALSE;
}

/* TRUE if the key was seen before this frame; remembers it. */
static gboolean
shape_seen_add (SitmapEventLayer *self, guint64 key)
{
  guint mask = self->shape_seen_capacity - 1;
  guint i = (guint) ((key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 32) & mask;

  key |= G_GUINT64_CONSTANT (1) << 63; /* never 0, the empty slot */
  while (self->shape_seen[i] != 0)
    {
      if (self->shape_seen[i] == key)
        return TRUE;
      i = (i + 1) & mask;
    }
  self->shape_seen[i] = key;
  return FALSE;
}

static guint64
shape_key (SitmapEventLayer *self, const SitmapShapeInstance *instance)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  const SitmapShape *shape = instance->shape;
  guint64 look = (guint64) columns->category[shape->position] << 1 |
                 ((columns->flags[shape->position] & SITMAP_EVENT_FLAG_PARTY_ONLY) != 0);

  /* An area is washed once, whatever its events: stacked, the washes of a thousand events in one region
   * would turn opaque and hide the map. It takes the colour of the first event in view. A line is drawn
   * once per category. Their outlines are solid when any of their events is reported independently:
   * a party-only event's dashes under another's solid line would say nothing. */
  if (shape->kind == SITMAP_SHAPE_AREA)
    return (guint64) shape->kind << 60 | (guint64) shape->path << 8;
  if (shape->kind == SITMAP_SHAPE_LINE)
    return (guint64) shape->kind << 60 | (guint64) shape->path << 8 | (look & ~G_GUINT64_CONSTANT (1));
  /* Circles: where (to the pixel, within ±32k) and how large. */
  return (guint64) shape->kind << 60 | (guint64) (CLAMP ((int) instance->x + 32768, 0, 65535)) << 40 |
         (guint64) (CLAMP ((int) instance->y + 32768, 0, 65535)) << 24 |
         (guint64) MIN ((guint) instance->radius, 65535) << 8 | look;
}

static gboolean
shape_is_party_only (SitmapEventLayer *self, const SitmapShapeInstance *instance)
{
  return !shape_seen_contains (self, shape_key (self, instance) | SHAPE_SOLID);
}

/* Before drawing: which areas and lines an independently reported event in view is drawn with. */
static void
mark_solid_shapes (SitmapEventLayer *self)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;

  for (guint i = 0; i < self->shape_instances->len; i++)
    {
      const SitmapShape *shape = instances[i].shape;

      if ((shape->kind == SITMAP_SHAPE_AREA || shape->kind == SITMAP_SHAPE_LINE) &&
          !(columns->flags[shape->position] & SITMAP_EVENT_FLAG_PARTY_ONLY))
        shape_seen_add (self, shape_key (self, &instances[i]) | SHAPE_SOLID);
    }
}

static gboolean
is_drawn_with_cairo (const SitmapShapeInstance *instance)
{
  return instance->shape->kind != SITMAP_SHAPE_RING || sitmap_ring_get_class (instance->radius) < 0;
}

static void
draw_shape (SitmapEventLayer *self, cairo_t *cr, const SitmapShapeInstance *instance, SitmapShapeKind kind)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  SitmapCategory category = columns->category[instance->shape->position];
  GdkRGBA color;

  if (instance->shape->kind != kind || !is_drawn_with_cairo (instance))
    return;
  if (shape_seen_add (self, shape_key (self, instance)))
    return;
  sitmap_symbol_get_color (category, &color);
  switch (kind)
    {
    case SITMAP_SHAPE_AREA:
      sitmap_shape_draw_area (cr, _sitmap_event_layer_project_outline (self, instance), category,
                              shape_is_party_only (self, instance));
      break;
    case SITMAP_SHAPE_LINE:
      sitmap_shape_draw_line (cr, _sitmap_event_layer_project_outline (self, instance), category,
                              shape_is_party_only (self, instance));
      break;
    case SITMAP_SHAPE_VAGUE:
      sitmap_shape_draw_vague (cr, instance->x, instance->y, instance->radius, category);
      /* On screen the circle says which place it is; a page lists the events in its notes. */
      draw_vague_label (self, cr, instance, &color);
      break;
    case SITMAP_SHAPE_RING: sitmap_ring_draw (cr, category, instance->x, instance->y, instance->radius); break;
    default: break;
    }
}

/*
 * Shapes drawn with cairo, kept from frame to frame
 */

/* How far beyond the widget a cached drawing reaches, so that panning this far needs no redrawing. */
#define SHAPE_CACHE_MARGIN 256.0

static guint64
mix (guint64 hash, guint64 value)
{
  hash ^= value;
  hash *= G_GUINT64_CONSTANT (0x100000001b3);
  return hash ^ (hash >> 29);
}

static guint64
mix_double (guint64 hash, double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return mix (hash, bits);
}

static gboolean
is_cached_shape (const SitmapShapeInstance *instance, const SitmapShapeKind *kinds, guint n_kinds)
{
  for (guint k = 0; k < n_kinds; k++)
    if (instance->shape->kind == kinds[k])
      return is_drawn_with_cairo (instance);
  return FALSE;
}

/* Everything the group's pixels depend on but where the map is panned to: the zoom, size, rotation and
 * scale; the document, what is visible in it and the font; and each shape drawn, in order (the first
 * event's colour washes an area), with what draw_shape() reads of its event, and which copy of the world
 * it is in. */
static guint64
shapes_signature (SitmapEventLayer *self, const SitmapShapeKind *kinds, guint n_kinds, gboolean with_selection)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  const SitmapMapProjection *p = &self->projection;
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  hash = mix (hash, GPOINTER_TO_SIZE (self->document));
  hash = mix (hash, GPOINTER_TO_SIZE (self->store));
  hash = mix (hash, (guint64) self->serial << 32 | self->events_serial);
  hash = mix_double (mix_double (hash, p->map_size), self->texture_scale);
  hash = mix_double (mix_double (hash, p->width), p->height);
  hash = mix_double (mix_double (hash, p->cos_r), p->sin_r);
  /* The vague circles' names are set in the widget's font. */
  hash = mix (hash, pango_font_description_hash (
                      pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)))));
  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < self->shape_instances->len; i++)
      {
        const SitmapShapeInstance *instance = &instances[i];
        guint position = instance->shape->position;

        if (instance->shape->kind != kinds[k] || !is_drawn_with_cairo (instance))
          continue;
        hash = mix (hash, GPOINTER_TO_SIZE (instance->shape));
        hash = mix (hash, (guint64) position << 32 | (guint64) columns->category[position] << 16 |
                            columns->flags[position]);
        hash = mix_double (hash, instance->radius);
        hash = mix (hash, (guint64) (gint64) round (instance->offset / p->map_size));
        if (instance->shape->kind == SITMAP_SHAPE_VAGUE)
          {
            const char *name = vague_place_name (self, position);

            hash = mix (hash, name != NULL ? g_str_hash (name) : 0);
          }
      }
  if (with_selection)
    hash = mix (hash, GPOINTER_TO_SIZE (instances[self->selected_shape].shape) + 1);
  return hash;
}

/* The shapes' keys, as drawing them would have marked them: the next groups skip the same shapes. */
static void
mark_cached_shapes (SitmapEventLayer *self, const SitmapShapeKind *kinds, guint n_kinds)
{
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;

  for (guint i = 0; i < self->shape_instances->len; i++)
    if (is_cached_shape (&instances[i], kinds, n_kinds))
      shape_seen_add (self, shape_key (self, &instances[i]));
}

/* Whether the cache can serve this frame, and its offset from where it was drawn, in widget pixels. Rotated,
 * shapes are only drawn over the widget: then only a frame of the same view is served. */
static gboolean
shape_cache_serves (SitmapEventLayer *self, const SitmapShapeCache *cache, guint64 signature, double *dx,
                    double *dy)
{
  const SitmapMapProjection *p = &self->projection;
  double margin = p->rotated ? 0 : SHAPE_CACHE_MARGIN;
  double u = cache->center_x - p->center_x, v = cache->center_y - p->center_y;

  if (cache->node == NULL || cache->signature != signature || fabs (u) > margin || fabs (v) > margin)
    return FALSE;
  sitmap_map_projection_map_to_widget (p, u, v, dx, dy);
  *dx -= p->width / 2;
  *dy -= p->height / 2;
  return TRUE;
}

/* Shapes of the given kinds drawn with cairo, in that order, in one cairo node as large as they reach in
 * view and a margin around it. */
static GskRenderNode *
draw_cairo_shapes (SitmapEventLayer *self, const graphene_rect_t *bounds, const SitmapShapeKind *kinds,
                   guint n_kinds, gboolean with_selection)
{
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, bounds);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < self->shape_instances->len; i++)
      draw_shape (self, cr, &instances[i], kinds[k]);
  if (with_selection)
    draw_selected_shape (self, cr, &instances[self->selected_shape]);
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (snapshot);
}

/* GSK rasterizes a cairo node on a grid from its origin. Drawn only over the widget, the shapes' node began
 * at the widget's edge wherever they reached past it: the margin's starts there on a whole pixel too, so
 * that a frame drawn anew shows the same pixels as before there was a margin. */
static void
snap_origin (graphene_rect_t *bounds)
{
  if (bounds->origin.x < 0)
    {
      bounds->size.width += bounds->origin.x - floorf (bounds->origin.x);
      bounds->origin.x = floorf (bounds->origin.x);
    }
  if (bounds->origin.y < 0)
    {
      bounds->size.height += bounds->origin.y - floorf (bounds->origin.y);
      bounds->origin.y = floorf (bounds->origin.y);
    }
}

/* Recorded anew each frame, the shapes would be rasterized on the CPU and uploaded each frame: they are
 * drawn again only when the signature or the zoom changes or the map pans past the margin; other frames
 * move the same node, whose texture GSK keeps. */
static void
snapshot_cairo_shapes (SitmapEventLayer *self, GtkSnapshot *snapshot, SitmapShapeCache *cache,
                       const SitmapShapeKind *kinds, guint n_kinds, gboolean with_selection)
{
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  const SitmapMapProjection *p = &self->projection;
  double margin = p->rotated ? 0 : SHAPE_CACHE_MARGIN;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (-margin, -margin, p->width + 2 * margin, p->height + 2 * margin);
  graphene_rect_t reach = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean any = FALSE;
  guint64 signature;
  double dx = 0, dy = 0;

  for (guint i = 0; i < self->shape_instances->len; i++)
    if (is_cached_shape (&instances[i], kinds, n_kinds))
      {
        if (any)
          graphene_rect_union (&reach, &instances[i].bounds, &reach);
        else
          reach = instances[i].bounds;
        any = TRUE;
      }
  with_selection = with_selection && self->selected_shape >= 0 &&
                   instances[self->selected_shape].shape->kind != SITMAP_SHAPE_RING;
  if (with_selection)
    {
      if (any)
        graphene_rect_union (&reach, &instances[self->selected_shape].bounds, &reach);
      else
        reach = instances[self->selected_shape].bounds;
      any = TRUE;
    }
  if (!any)
    return;

  signature = shapes_signature (self, kinds, n_kinds, with_selection);
  if (shape_cache_serves (self, cache, signature, &dx, &dy))
    mark_cached_shapes (self, kinds, n_kinds);
  else
    {
      g_clear_pointer (&cache->node, gsk_render_node_unref);
      /* Nothing of it in view nor near: drawn when the signature changes, as it will when it comes. */
      if (!graphene_rect_intersection (&bounds, &reach, &bounds))
        return;
      snap_origin (&bounds);
      cache->node = draw_cairo_shapes (self, &bounds, kinds, n_kinds, with_selection);
      cache->signature = signature;
      cache->center_x = p->center_x;
      cache->center_y = p->center_y;
    }
  if (dx == 0 && dy == 0)
    {
      gtk_snapshot_append_node (snapshot, cache->node);
      return;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (dx, dy));
  gtk_snapshot_append_node (snapshot, cache->node);
  gtk_snapshot_restore (snapshot);
}

static void
clear_shape_caches (SitmapEventLayer *self)
{
  for (guint g = 0; g < SITMAP_SHAPE_N_CACHES; g++)
    g_clear_pointer (&self->shape_caches[g].node, gsk_render_node_unref);
}

/*
 * Rings
 */

static void
append_circle_border (GtkSnapshot *snapshot, float x, float y, float r, float width, const GdkRGBA *color)
{
  GskRoundedRect circle;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &circle, widths, colors);
}

static GdkTexture *
get_ring_texture (SitmapEventLayer *self, SitmapCategory category, int ring_class)
{
  if (self->ring_textures[category][ring_class] == NULL)
    self->ring_textures[category][ring_class] = sitmap_ring_create_texture (category, ring_class,
                                                                             self->texture_scale);
  return self->ring_textures[category][ring_class];
}

static guint
ring_key (SitmapEventLayer *self, const SitmapShapeInstance *ring)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);

  return sitmap_ring_get_class (ring->radius) * SITMAP_N_CATEGORIES + columns->category[ring->shape->position];
}

/* Rings as scaled textures, grouped by texture so that the GPU draws each group in one batch. */
static void
sort_rings (SitmapEventLayer *self)
{
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  guint starts[SITMAP_RING_N_CLASSES * SITMAP_N_CATEGORIES + 1] = { 0 };
  guint n_rings = 0;

  for (guint i = 0; i < self->shape_instances->len; i++)
    if (!is_drawn_with_cairo (&instances[i]))
      {
        starts[ring_key (self, &instances[i]) + 1]++;
        n_rings++;
      }
  for (guint k = 0; k + 1 < G_N_ELEMENTS (starts); k++)
    starts[k + 1] += starts[k];
  g_array_set_size (self->ring_order, n_rings);
  for (guint i = 0; i < self->shape_instances->len; i++)
    if (!is_drawn_with_cairo (&instances[i]))
      g_array_index (self->ring_order, guint32, starts[ring_key (self, &instances[i])]++) = i;
}

static void
snapshot_rings (SitmapEventLayer *self, GtkSnapshot *snapshot)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;

  sort_rings (self);
  for (guint i = 0; i < self->ring_order->len; i++)
    {
      const SitmapShapeInstance *ring = &instances[g_array_index (self->ring_order, guint32, i)];
      int ring_class = sitmap_ring_get_class (ring->radius);
      double class_radius = sitmap_ring_get_class_radius (ring_class);
      double half = (class_radius + sitmap_ring_get_margin ()) * ring->radius / class_radius;
      GdkTexture *texture;

      /* The same as one already drawn. */
      if (shape_seen_add (self, shape_key (self, ring)))
        continue;
      texture = get_ring_texture (self, columns->category[ring->shape->position], ring_class);
      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (ring->x - half, ring->y - half, 2 * half, 2 * half));
    }
}

/* Many rings overlapping wash the map out: beyond ten in view, they fade, down to half. Each
 * still shows, and the selected one is outlined at full strength. */
#define CALM_RINGS 10

static void
snapshot_all_rings (SitmapEventLayer *self, GtkSnapshot *snapshot)
{
  static const SitmapShapeKind rings[] = { SITMAP_SHAPE_RING };
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  guint n_rings = 0;
  double opacity;

  for (guint i = 0; i < self->shape_instances->len; i++)
    n_rings += instances[i].shape->kind == SITMAP_SHAPE_RING;
  opacity = n_rings > CALM_RINGS ? MAX (0.5, sqrt ((double) CALM_RINGS / n_rings)) : 1;
  if (opacity < 1)
    gtk_snapshot_push_opacity (snapshot, opacity);
  snapshot_cairo_shapes (self, snapshot, &self->shape_caches[SITMAP_SHAPE_CACHE_RINGS], rings, G_N_ELEMENTS (rings),
                         FALSE);
  snapshot_rings (self, snapshot);
  if (opacity < 1)
    gtk_snapshot_pop (snapshot);
  if (self->selected_shape >= 0 && instances[self->selected_shape].shape->kind == SITMAP_SHAPE_RING)
    {
      const SitmapShapeInstance *ring = &instances[self->selected_shape];
      GdkRGBA accent;

      sitmap_symbol_get_selection_color (&accent);
      append_circle_border (snapshot, ring->x, ring->y, ring->radius + 1, 1.5, &accent);
    }
}

/*
 * Labels: text render nodes made once per text and reused, so that a hundred counts cost a hundred
 * small nodes, not a hundred layouts
 */

typedef struct
{
  GskRenderNode *node;
  float          width;
  float          height;
} SitmapLabelNode;

/* More distinct texts than this, and the cache starts again. */
#define MAX_LABELS 2048

static void
label_node_free (gpointer data)
{
  SitmapLabelNode *label = data;

  g_clear_pointer (&label->node, gsk_render_node_unref);
  g_free (label);
}

/* Text drawn once per (text, ink, size) and kept as a render node. */
static const SitmapLabelNode *
get_label (SitmapEventLayer *self, const char *text, gboolean light, double font_scale)
{
  char key[64]; /* on the stack: labels are looked up per symbol per frame, made only once */
  SitmapLabelNode *label;
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoAttrList) attrs = NULL;
  GtkSnapshot *snapshot;
  GdkRGBA ink = { 0.12, 0.12, 0.14, 1 }, white = { 1, 1, 1, 1 };
  int width, height;

  if (self->labels == NULL)
    self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_node_free);
  g_snprintf (key, sizeof key, "%c%.2f%s", light ? 'l' : 'd', font_scale, text);
  label = g_hash_table_lookup (self->labels, key);
  if (label != NULL)
    return label;
  if (g_hash_table_size (self->labels) >= MAX_LABELS)
    g_hash_table_remove_all (self->labels);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (font_scale));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &width, &height);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_layout (snapshot, layout, light ? &white : &ink);
  label = g_new0 (SitmapLabelNode, 1);
  label->node = gtk_snapshot_free_to_node (snapshot);
  label->width = width;
  label->height = height;
  g_hash_table_insert (self->labels, g_strdup (key), label);
  return label;
}

static void
append_label (GtkSnapshot *snapshot, const SitmapLabelNode *label, float x, float y)
{
  if (label->node == NULL)
    return;
  gtk_snapshot_save (snapshot);
  /* On whole pixels: glyphs are sharper there. */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf (x - label->width / 2), roundf (y - label->height / 2)));
  gtk_snapshot_append_node (snapshot, label->node);
  gtk_snapshot_restore (snapshot);
}

/*
 * Clusters: drawn by sitmap_cluster_symbol_draw(), as the export draws them, into textures kept by what
 * changes their pixels and reused from frame to frame
 */

/* Radii are drawn in quarter pixels, from the smallest to the largest. */
#define RADIUS_STEPS 4
/* GCC folds the radii (doubles) into a constant here; clang, which the fuzzing build uses, takes only
 * integer constants in a static assertion. The GCC build checks it for both. */
#ifndef __clang__
G_STATIC_ASSERT (SITMAP_CLUSTER_RADIUS_CLASSES ==
                 (int) ((SITMAP_CLUSTER_MAX_RADIUS - SITMAP_CLUSTER_MIN_RADIUS) * RADIUS_STEPS) + 1);
#endif
/* The categories' shares, in steps of a turn: at the largest radius, half a pixel along the ring. */
#define SHARE_STEPS 255
/* Textures kept: at least this many, and twice as many as a frame draws, so that panning and zooming
 * back find theirs, while a million events over every zoom level never grow the cache beyond a few
 * screens' worth. */
#define MIN_CLUSTER_TEXTURES 512

/* Everything that changes a cluster texture's pixels, at one display scale. */
typedef struct
{
  guint8 radius_class;
  guint8 dominant;
  guint8 majority;
  guint8 hovered;
  guint8 shares[SITMAP_N_CATEGORIES]; /* in SHARE_STEPS */
  char   count[16];
} SitmapClusterKey;

struct _SitmapClusterTexture
{
  SitmapClusterKey key;
  GdkTexture      *texture;
  GList            link; /* in the layer's cluster_lru */
};

static guint
cluster_key_hash (gconstpointer data)
{
  const guint8 *bytes = data;
  guint hash = 2166136261u;

  /* FNV-1a */
  for (gsize i = 0; i < sizeof (SitmapClusterKey); i++)
    hash = (hash ^ bytes[i]) * 16777619u;
  return hash;
}

static gboolean
cluster_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (SitmapClusterKey)) == 0;
}

static void
cluster_texture_free (gpointer data)
{
  SitmapClusterTexture *entry = data;

  g_clear_object (&entry->texture);
  g_free (entry);
}

static guint
radius_class (double r)
{
  return (guint) CLAMP (round ((r - SITMAP_CLUSTER_MIN_RADIUS) * RADIUS_STEPS), 0, SITMAP_CLUSTER_RADIUS_CLASSES - 1);
}

/* The shares are rounded where each segment ends, in the order they are drawn (the dominant category's
 * first, then the legend's), so that they still add up to a whole turn. */
static void
cluster_key_init (SitmapClusterKey *key, const SitmapClusterInstance *instance, const SitmapCluster *cluster,
                  gboolean hovered)
{
  guint32 sum = 0;
  guint done = 0;

  memset (key, 0, sizeof *key);
  key->radius_class = radius_class (instance->radius);
  key->dominant = cluster->dominant;
  key->majority = 2 * cluster->category_counts[cluster->dominant] > cluster->n_events;
  key->hovered = hovered;
  for (guint k = 0; k <= SITMAP_N_CATEGORIES; k++)
    {
      guint category = k == 0 ? cluster->dominant : k - 1;
      guint end;

      if (k > 0 && category == cluster->dominant)
        continue;
      sum += cluster->category_counts[category];
      end = (guint) (((guint64) sum * SHARE_STEPS + cluster->n_events / 2) / MAX (cluster->n_events, 1));
      key->shares[category] = MIN (end, SHARE_STEPS) - done;
      done = MIN (end, SHARE_STEPS);
    }
  sitmap_cluster_symbol_format_count (cluster->n_events, key->count, sizeof key->count);
}

static void
cluster_symbol_for_key (SitmapClusterSymbol *symbol, const SitmapClusterKey *key)
{
  *symbol = (SitmapClusterSymbol) {
    .radius = SITMAP_CLUSTER_MIN_RADIUS + (double) key->radius_class / RADIUS_STEPS,
    .dominant = key->dominant,
    .majority = key->majority,
    .hovered = key->hovered,
  };
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    symbol->shares[c] = (double) key->shares[c] / SHARE_STEPS;
}

/* The count in the widget's font, smaller: made once per display scale and font. */
static PangoLayout *
get_count_layout (SitmapEventLayer *self)
{
  if (self->cluster_count_layout == NULL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      g_autoptr (PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
      int size = pango_font_description_get_size (font) * SITMAP_CLUSTER_SYMBOL_FONT_SCALE;

      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size);
      else
        pango_font_description_set_size (font, size);
      self->cluster_count_layout = sitmap_cluster_symbol_create_layout (context, font);
    }
  return self->cluster_count_layout;
}

/* Counts repeat from cluster to cluster ("12k"): each is shaped and laid out once, not once per texture.
 * Bounded, since every count from 1 to 999 and more may come. */
#define MAX_COUNT_LAYOUTS 256

static PangoLayout *
get_count_layout_for (SitmapEventLayer *self, const char *text)
{
  PangoLayout *layout;

  if (self->count_layouts == NULL)
    self->count_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (self->count_layouts, text);
  if (layout != NULL)
    return layout;
  if (g_hash_table_size (self->count_layouts) >= MAX_COUNT_LAYOUTS)
    g_hash_table_remove_all (self->count_layouts);
  layout = pango_layout_copy (get_count_layout (self));
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (self->count_layouts, g_strdup (text), layout);
  return layout;
}

/* A square surface of side device pixels at the layer's scale, cleared. */
static cairo_surface_t *
create_cluster_surface (SitmapEventLayer *self, int side)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);

  cairo_surface_set_device_scale (surface, self->texture_scale, self->texture_scale);
  return surface;
}

/* The outline drawn alone on a cleared surface of the texture's size: the first thing drawn on each, so
 * that a copy of these pixels is what drawing it again would make. */
static cairo_surface_t *
get_cluster_outline (SitmapEventLayer *self, const SitmapClusterKey *key, const SitmapClusterSymbol *symbol, int side)
{
  cairo_surface_t **outline = &self->cluster_outlines[key->radius_class][key->hovered != 0][key->majority != 0];
  double centre = side / 2.0 / self->texture_scale;
  cairo_t *cr;

  if (*outline != NULL)
    return *outline;
  *outline = create_cluster_surface (self, side);
  cr = cairo_create (*outline);
  sitmap_cluster_symbol_draw_outline (cr, symbol, centre, centre);
  cairo_destroy (cr);
  cairo_surface_flush (*outline);
  return *outline;
}

static void
copy_surface_pixels (cairo_surface_t *from, cairo_surface_t *to)
{
  g_assert (cairo_image_surface_get_stride (from) == cairo_image_surface_get_stride (to));
  g_assert (cairo_image_surface_get_height (from) == cairo_image_surface_get_height (to));

  cairo_surface_flush (to);
  memcpy (cairo_image_surface_get_data (to), cairo_image_surface_get_data (from),
          (gsize) cairo_image_surface_get_stride (from) * cairo_image_surface_get_height (from));
  cairo_surface_mark_dirty (to);
}

/* A cluster texture being made: its surface, the outline copied, its ring drawn by any thread. */
typedef struct
{
  SitmapClusterKey    key;
  SitmapClusterSymbol symbol;
  cairo_surface_t    *surface;
  double              centre; /* in user units */
} SitmapClusterDrawing;

/* Centred in a square texture of an even number of device pixels: its centre is on a pixel corner, where
 * the layer snaps the cluster's point. The outline's pixels are copied; the ring and the centre are drawn
 * over them later: together sitmap_cluster_symbol_draw()'s drawing. */
static void
cluster_drawing_init (SitmapEventLayer *self, SitmapClusterDrawing *drawing, const SitmapClusterKey *key)
{
  int side;

  drawing->key = *key;
  cluster_symbol_for_key (&drawing->symbol, key);
  side = (int) ceil (2 * sitmap_cluster_symbol_get_reach (&drawing->symbol) * self->texture_scale);
  side += side % 2;
  drawing->centre = side / 2.0 / self->texture_scale;
  drawing->surface = create_cluster_surface (self, side);
  copy_surface_pixels (get_cluster_outline (self, key, &drawing->symbol, side), drawing->surface);
}

/* Plain cairo on the drawing's own surface: safe on any thread. */
static void
cluster_drawing_draw_ring (SitmapClusterDrawing *drawing)
{
  cairo_t *cr = cairo_create (drawing->surface);

  sitmap_cluster_symbol_draw_ring (cr, &drawing->symbol, drawing->centre, drawing->centre);
  cairo_destroy (cr);
}

/* On the main thread, with the layer's count layouts; the surface is then given to the texture. */
static GdkTexture *
cluster_drawing_finish (SitmapEventLayer *self, SitmapClusterDrawing *drawing)
{
  cairo_t *cr = cairo_create (drawing->surface);
  GdkTexture *texture;

  sitmap_cluster_symbol_draw_centre (cr, &drawing->symbol, get_count_layout_for (self, drawing->key.count),
                                     drawing->centre, drawing->centre);
  cairo_destroy (cr);
  texture = sitmap_texture_new_for_surface (drawing->surface);
  g_clear_pointer (&drawing->surface, cairo_surface_destroy);
  return texture;
}

static GdkTexture *
add_cluster_texture (SitmapEventLayer *self, const SitmapClusterKey *key, GdkTexture *texture)
{
  SitmapClusterTexture *entry = g_new0 (SitmapClusterTexture, 1);

  entry->key = *key;
  entry->texture = texture;
  entry->link.data = entry;
  g_queue_push_head_link (&self->cluster_lru, &entry->link);
  g_hash_table_insert (self->cluster_textures, &entry->key, entry);
  return texture;
}

static SitmapClusterTexture *
lookup_cluster_texture (SitmapEventLayer *self, const SitmapClusterKey *key)
{
  if (self->cluster_textures == NULL)
    self->cluster_textures = g_hash_table_new_full (cluster_key_hash, cluster_key_equal, NULL, cluster_texture_free);
  return g_hash_table_lookup (self->cluster_textures, key);
}

/* The texture for key, made on first use; the most recently used first in the LRU list. */
static GdkTexture *
get_cluster_texture (SitmapEventLayer *self, const SitmapClusterKey *key)
{
  SitmapClusterTexture *entry = lookup_cluster_texture (self, key);
  SitmapClusterDrawing drawing;

  if (entry != NULL)
    {
      g_queue_unlink (&self->cluster_lru, &entry->link);
      g_queue_push_head_link (&self->cluster_lru, &entry->link);
      return entry->texture;
    }
  cluster_drawing_init (self, &drawing, key);
  cluster_drawing_draw_ring (&drawing);
  return add_cluster_texture (self, key, cluster_drawing_finish (self, &drawing));
}

/*
 * After a zoom most clusters on screen have new counts, and so new textures: their rings, most of the
 * cost, are drawn on every core at once. The main thread takes rings from the batch as the workers do;
 * the batch is shared by reference, since a worker may come to it after the main thread has drawn them
 * all and moved on.
 */

/* Fewer new textures than this are drawn on the main thread alone. */
#define MIN_PARALLEL_RINGS 4

typedef struct
{
  SitmapClusterDrawing *drawings;
  guint                 n_drawings;
  gint                  next; /* atomic: the next ring to draw */
  GMutex                lock;
  GCond                 cond;
  guint                 n_done; /* under lock */
} SitmapRingBatch;

static void
ring_batch_clear (SitmapRingBatch *batch)
{
  g_mutex_clear (&batch->lock);
  g_cond_clear (&batch->cond);
}

static void
ring_batch_draw (SitmapRingBatch *batch)
{
  guint i;

  while ((i = (guint) g_atomic_int_add (&batch->next, 1)) < batch->n_drawings)
    {
      cluster_drawing_draw_ring (&batch->drawings[i]);
      g_mutex_lock (&batch->lock);
      batch->n_done++;
      g_cond_signal (&batch->cond);
      g_mutex_unlock (&batch->lock);
    }
}

static void
ring_worker (gpointer data, gpointer user_data)
{
  SitmapRingBatch *batch = data;

  ring_batch_draw (batch);
  g_atomic_rc_box_release_full (batch, (GDestroyNotify) ring_batch_clear);
}

static GThreadPool *
get_ring_pool (SitmapEventLayer *self)
{
  guint n_workers = MIN (g_get_num_processors (), 4) - 1;

  if (self->ring_pool == NULL && n_workers > 0)
    self->ring_pool = g_thread_pool_new (ring_worker, NULL, n_workers, FALSE, NULL);
  return self->ring_pool;
}

static void
draw_rings (SitmapEventLayer *self, SitmapClusterDrawing *drawings, guint n_drawings)
{
  GThreadPool *pool = n_drawings >= MIN_PARALLEL_RINGS ? get_ring_pool (self) : NULL;
  SitmapRingBatch *batch;

  if (pool == NULL)
    {
      for (guint i = 0; i < n_drawings; i++)
        cluster_drawing_draw_ring (&drawings[i]);
      return;
    }
  batch = g_atomic_rc_box_new0 (SitmapRingBatch);
  batch->drawings = drawings;
  batch->n_drawings = n_drawings;
  g_mutex_init (&batch->lock);
  g_cond_init (&batch->cond);
  for (guint k = 0; k < (guint) g_thread_pool_get_max_threads (pool); k++)
    if (!g_thread_pool_push (pool, g_atomic_rc_box_acquire (batch), NULL))
      /* No thread: the main thread draws them all. */
      g_atomic_rc_box_release_full (batch, (GDestroyNotify) ring_batch_clear);
  ring_batch_draw (batch);
  g_mutex_lock (&batch->lock);
  while (batch->n_done < n_drawings)
    g_cond_wait (&batch->cond, &batch->lock);
  g_mutex_unlock (&batch->lock);
  /* The drawings stay the caller's: a late worker only finds the batch empty. */
  batch->drawings = NULL;
  g_atomic_rc_box_release_full (batch, (GDestroyNotify) ring_batch_clear);
}

/* The textures this frame draws and the cache lacks, made together. */
static void
make_missing_cluster_textures (SitmapEventLayer *self, const SitmapClusterKey *keys, guint n_keys)
{
  g_autoptr (GArray) drawings = NULL;
  g_autoptr (GHashTable) seen = NULL;

  for (guint i = 0; i < n_keys; i++)
    {
      SitmapClusterDrawing drawing;

      if (lookup_cluster_texture (self, &keys[i]) != NULL)
        continue;
      /* Made only when some texture is missing: most frames find them all. */
      if (seen == NULL)
        {
          seen = g_hash_table_new (cluster_key_hash, cluster_key_equal);
          drawings = g_array_new (FALSE, FALSE, sizeof (SitmapClusterDrawing));
        }
      if (!g_hash_table_add (seen, (gpointer) &keys[i]))
        continue;
      cluster_drawing_init (self, &drawing, &keys[i]);
      g_array_append_val (drawings, drawing);
    }
  if (drawings == NULL)
    return;
  draw_rings (self, (SitmapClusterDrawing *) (gpointer) drawings->data, drawings->len);
  for (guint i = 0; i < drawings->len; i++)
    {
      SitmapClusterDrawing *drawing = &g_array_index (drawings, SitmapClusterDrawing, i);

      add_cluster_texture (self, &drawing->key, cluster_drawing_finish (self, drawing));
    }
}

/* Drops the least recently used textures beyond what the cache keeps; never one this frame drew. */
static void
trim_cluster_textures (SitmapEventLayer *self)
{
  guint keep = MAX (MIN_CLUSTER_TEXTURES, 2 * self->cluster_instances->len);

  while (self->cluster_lru.length > keep)
    {
      GList *last = g_queue_peek_tail_link (&self->cluster_lru);
      SitmapClusterTexture *entry = last->data;

      g_queue_unlink (&self->cluster_lru, last);
      g_hash_table_remove (self->cluster_textures, &entry->key);
    }
}

static void
snapshot_cluster (SitmapEventLayer *self, GtkSnapshot *snapshot, const SitmapClusterInstance *instance,
                  const SitmapClusterKey *key)
{
  double scale = self->texture_scale;
  GdkTexture *texture = get_cluster_texture (self, key);
  float side, x, y;

  side = gdk_texture_get_width (texture) / scale;
  /* On the device pixel grid, so that the pre-rendered pixels land on pixels: crisp. */
  x = round (instance->x * scale) / scale;
  y = round (instance->y * scale) / scale;
  gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (x - side / 2, y - side / 2, side, side));
}

static gboolean
is_hovered_cluster (SitmapEventLayer *self, const SitmapCluster *cluster)
{
  return self->hover_kind == SITMAP_HOVER_CLUSTER && self->hover_key == cluster->key;
}

/* Each cluster's key first, so that the textures the cache lacks are made together; the hovered one last,
 * on top. */
static void
snapshot_clusters (SitmapEventLayer *self, GtkSnapshot *snapshot)
{
  const SitmapClusterInstance *instances =
    (const SitmapClusterInstance *) (gconstpointer) self->cluster_instances->data;
  guint n_instances = self->cluster_instances->len, n_clusters;
  g_autofree SitmapClusterKey *keys = g_new (SitmapClusterKey, n_instances);
  const SitmapCluster *clusters;
  gint hovered = -1;

  clusters = sitmap_cluster_index_get_clusters (self->index, &n_clusters);
  for (guint i = 0; i < n_instances; i++)
    {
      const SitmapCluster *cluster = &clusters[instances[i].cluster];
      gboolean is_hovered = is_hovered_cluster (self, cluster);

      cluster_key_init (&keys[i], &instances[i], cluster, is_hovered);
      if (is_hovered)
        hovered = i;
    }
  make_missing_cluster_textures (self, keys, n_instances);
  for (guint i = 0; i < n_instances; i++)
    if ((gint) i != hovered)
      snapshot_cluster (self, snapshot, &instances[i], &keys[i]);
  if (hovered >= 0)
    snapshot_cluster (self, snapshot, &instances[hovered], &keys[hovered]);
  trim_cluster_textures (self);
}

/*
 * Symbols
 */

/* A symbol drawn at a multiple of its plain size, centred in a square texture of an even number of
 * device pixels. */
static GdkTexture *
create_symbol_texture (SitmapCategory category, SitmapSymbolStyle style, double size, double scale)
{
  int side = (int) ceil (sitmap_symbol_get_extent (style) * size * scale);
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;

  /* An even size puts the centre on a pixel corner, where the layer snaps the event's point. */
  side += side % 2;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_translate (cr, side / 2.0 / scale, side / 2.0 / scale);
  cairo_scale (cr, size, size);
  sitmap_symbol_draw (cr, category, style, 0, 0);
  cairo_destroy (cr);
  texture = sitmap_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

/* Each (category, style, size) is rendered once per display scale, on first use. */
static GdkTexture *
get_texture (SitmapEventLayer *self, guint category, guint style, guint size)
{
  GdkTexture **texture = &self->textures[category][style][size];

  if (*texture == NULL)
    *texture = size == 0 ? sitmap_symbol_create_texture (category, style, self->texture_scale)
                         : create_symbol_texture (category, style, _sitmap_event_layer_size_scale (size),
                                                  self->texture_scale);
  return *texture;
}

static void
append_symbol (GtkSnapshot *snapshot, GdkTexture *texture, double scale, double x, double y)
{
  int size = gdk_texture_get_width (texture);

  /* Snapped to the device pixel grid, so that the pre-rendered pixels land on pixels: crisp. */
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT ((round (x * scale) - size / 2) / scale,
                                                    (round (y * scale) - size / 2) / scale, size / scale,
                                                    size / scale));
}

/* Corroboration: how many independent origins report the event, in a small pill on the symbol's
 * upper right, from two on (one is what a symbol without a badge says). Dark with white figures; for
 * an event only parties report, pale with grey figures, so that "3" parties never looks like three
 * independent witnesses beside the symbol's own party cue. */
#define ORIGINS_BADGE_RADIUS   5.0
#define ORIGINS_BADGE_OUTLINE  1.0
#define ORIGINS_BADGE_FONT     0.58
/* From the symbol's centre to the badge's, beyond its radius: the badge touches the symbol's outline
 * but leaves its fill whole, which must never look bitten (an emptied shape means a doubtful date). */
#define ORIGINS_BADGE_DISTANCE 5.0

static void
append_pill (GtkSnapshot *snapshot, float x, float y, float half_width, float r, const GdkRGBA *color)
{
  GskRoundedRect pill;

  gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (x - half_width, y - r, 2 * half_width, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, color, &pill.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_origins_badge (SitmapEventLayer *self, GtkSnapshot *snapshot, const SitmapSymbolInstance *symbol,
                      guint style, guint size, double scale)
{
  static const GdkRGBA dark = { 0.14, 0.12, 0.19, 1 }, pale = { 0.87, 0.87, 0.85, 1 }, white = { 1, 1, 1, 1 };
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);
  guint n = columns->origins[symbol->position];
  gboolean party = (style & SITMAP_SYMBOL_STYLE_PARTY_ONLY) != 0;
  double radius = (style & SITMAP_SYMBOL_STYLE_SELECTED) ? SITMAP_SYMBOL_SELECTED_RADIUS : SITMAP_SYMBOL_RADIUS;
  char text[8];
  const SitmapLabelNode *label;
  float x, y, r = ORIGINS_BADGE_RADIUS, half_width, offset;

  if (n < 2)
    return;
  if (n > 99)
    g_strlcpy (text, "99+", sizeof text);
  else
    g_snprintf (text, sizeof text, "%u", n);
  label = get_label (self, text, !party, ORIGINS_BADGE_FONT);
  radius *= _sitmap_event_layer_size_scale (size);
  /* On the symbol's upper right diagonal, snapped as the symbol is. */
  offset = (radius + ORIGINS_BADGE_DISTANCE) * G_SQRT2 / 2;
  x = (round (symbol->x * scale) + round (offset * scale)) / scale;
  y = (round (symbol->y * scale) - round (offset * scale)) / scale;
  half_width = MAX (r, label->width / 2 + 2);
  append_pill (snapshot, x, y, half_width + ORIGINS_BADGE_OUTLINE, r + ORIGINS_BADGE_OUTLINE, &white);
  append_pill (snapshot, x, y, half_width, r, party ? &pale : &dark);
  append_label (snapshot, label, x, y);
}

static void
append_symbol_instance (SitmapEventLayer *self, GtkSnapshot *snapshot, const SitmapSymbolInstance *symbol,
                        guint extra_style, guint extra_size, double scale)
{
  guint category = symbol->key / SITMAP_SYMBOL_N_STYLES, style = symbol->key % SITMAP_SYMBOL_N_STYLES;
  guint size = MIN (symbol->size + extra_size, SITMAP_SYMBOL_N_SIZES - 1);

  append_symbol (snapshot, get_texture (self, category, style | extra_style, size), scale, symbol->x, symbol->y);
  append_origins_badge (self, snapshot, symbol, style | extra_style, size, scale);
}

static gboolean
is_hovered_symbol (SitmapEventLayer *self, const SitmapSymbolInstance *symbol)
{
  return self->hover_kind == SITMAP_HOVER_EVENT && self->hover_position == (gint) symbol->position;
}

/* Single events in the order of their dates, the latest on top; the hovered one above them. */
static void
snapshot_symbols (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale)
{
  const SitmapSymbolInstance *symbols = (const SitmapSymbolInstance *) (gconstpointer) self->symbols->data;

  for (guint i = 0; i < self->symbols->len; i++)
    if ((gint) i != self->selected_symbol && !is_hovered_symbol (self, &symbols[i]))
      append_symbol_instance (self, snapshot, &symbols[i], 0, 0, scale);
  for (guint i = 0; i < self->symbols->len; i++)
    if ((gint) i != self->selected_symbol && is_hovered_symbol (self, &symbols[i]))
      append_symbol_instance (self, snapshot, &symbols[i], 0, 1, scale);
}

/* The selection goes on top of everything, larger and with a halo; with the keyboard focus on the map,
 * a focus ring around it, else around the map. */
static void
snapshot_selection (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale)
{
  gboolean focus = gtk_widget_has_visible_focus (GTK_WIDGET (self));
  GdkRGBA accent;

  sitmap_symbol_get_selection_color (&accent);
  if (self->selected_symbol >= 0)
    {
      const SitmapSymbolInstance *symbol = &g_array_index (self->symbols, SitmapSymbolInstance, self->selected_symbol);

      append_symbol_instance (self, snapshot, symbol, SITMAP_SYMBOL_STYLE_SELECTED,
                              is_hovered_symbol (self, symbol) ? 1 : 0, scale);
      /* Two pixels wide, centred on a circle clear of the halo. */
      if (focus)
        append_circle_border (snapshot, symbol->x, symbol->y,
                              (SITMAP_SYMBOL_SELECTED_RADIUS + 12) * _sitmap_event_layer_size_scale (symbol->size) + 1,
                              2, &accent);
      return;
    }
  if (focus)
    sitmap_map_append_focus_frame (GTK_WIDGET (self), snapshot);
}

/* With the count's template layout, which the count layouts copy. */
static void
clear_cluster_outlines (SitmapEventLayer *self)
{
  for (guint r = 0; r < SITMAP_CLUSTER_RADIUS_CLASSES; r++)
    for (guint h = 0; h < 2; h++)
      for (guint m = 0; m < 2; m++)
        g_clear_pointer (&self->cluster_outlines[r][h][m], cairo_surface_destroy);
  g_clear_pointer (&self->count_layouts, g_hash_table_unref);
}

/*
 * Private API
 */

void
_sitmap_event_layer_clear_textures (SitmapEventLayer *self)
{
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    {
      for (guint s = 0; s < SITMAP_SYMBOL_N_STYLES; s++)
        for (guint z = 0; z < SITMAP_SYMBOL_N_SIZES; z++)
          g_clear_object (&self->textures[c][s][z]);
      for (guint r = 0; r < SITMAP_RING_N_CLASSES; r++)
        g_clear_object (&self->ring_textures[c][r]);
    }
  if (self->cluster_textures != NULL)
    g_hash_table_remove_all (self->cluster_textures);
  /* The entries held the links. */
  g_queue_init (&self->cluster_lru);
  g_clear_object (&self->cluster_count_layout);
  clear_cluster_outlines (self);
  clear_shape_caches (self);
  if (self->labels != NULL)
    g_hash_table_remove_all (self->labels);
}

/* Beneath to top: areas, rings, vague circles and lines, clusters, symbols, the selection. */
void
_sitmap_event_layer_draw (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale)
{
  static const SitmapShapeKind areas[] = { SITMAP_SHAPE_AREA };
  static const SitmapShapeKind outlines[] = { SITMAP_SHAPE_VAGUE, SITMAP_SHAPE_LINE };

  if (scale != self->texture_scale)
    {
      _sitmap_event_layer_clear_textures (self);
      self->texture_scale = scale;
    }
  if (self->ring_order == NULL)
    self->ring_order = g_array_new (FALSE, FALSE, sizeof (guint32));
  /* Room for each shape's key and its solid mark. */
  shape_seen_reset (self, 2 * self->shape_instances->len);
  mark_solid_shapes (self);
  snapshot_cairo_shapes (self, snapshot, &self->shape_caches[SITMAP_SHAPE_CACHE_AREAS], areas, G_N_ELEMENTS (areas),
                         FALSE);
  snapshot_all_rings (self, snapshot);
  snapshot_cairo_shapes (self, snapshot, &self->shape_caches[SITMAP_SHAPE_CACHE_OUTLINES], outlines,
                         G_N_ELEMENTS (outlines), TRUE);
  snapshot_clusters (self, snapshot);
  snapshot_symbols (self, snapshot, scale);
  snapshot_selection (self, snapshot, scale);
}

void
_sitmap_event_layer_finalize_drawing (SitmapEventLayer *self)
{
  g_clear_pointer (&self->ring_order, g_array_unref);
  g_clear_pointer (&self->shape_seen, g_free);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->cluster_textures, g_hash_table_unref);
  g_queue_init (&self->cluster_lru);
  g_clear_object (&self->cluster_count_layout);
  clear_cluster_outlines (self);
  clear_shape_caches (self);
  /* Waits for a worker that came late to an empty batch. */
  if (self->ring_pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->ring_pool), FALSE, TRUE);
}
