/* sitmap-event-layer-draw.c: the drawing of what the collection found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-event-layer-private.h"

/*
 * Shapes
 */

static void
trace_path (SitmapEventLayer *self, cairo_t *cr, const SitmapShapeInstance *instance, gboolean close)
{
  const SitmapMapProjection *p = &self->projection;
  guint path = instance->shape->path;

  for (guint r = 0; r < sitmap_shape_table_get_n_rings (self->shapes, path); r++)
    {
      guint n;
      const double *xy = sitmap_shape_table_get_ring (self->shapes, path, r, &n);
      double last_x = NAN, last_y = NAN;

      for (guint i = 0; i < n; i++)
        {
          double wx, wy;

          sitmap_map_projection_map_to_widget (p, xy[2 * i] * p->map_size - p->center_x + instance->offset,
                                               xy[2 * i + 1] * p->map_size - p->center_y, &wx, &wy);
          /* Vertices closer than half a pixel add nothing but work when zoomed out. */
          if (i > 0 && i + 1 < n && fabs (wx - last_x) < 0.5 && fabs (wy - last_y) < 0.5)
            continue;
          if (i == 0)
            cairo_move_to (cr, wx, wy);
          else
            cairo_line_to (cr, wx, wy);
          last_x = wx;
          last_y = wy;
        }
      if (close)
        cairo_close_path (cr);
    }
}

static void
set_party_dash (cairo_t *cr, const SitmapShape *shape, const SitmapEventColumns *columns, double on, double off)
{
  double dashes[] = { on, off };

  if (columns->flags[shape->position] & SITMAP_EVENT_FLAG_PARTY_ONLY)
    cairo_set_dash (cr, dashes, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_area (SitmapEventLayer *self, cairo_t *cr, const SitmapShapeInstance *instance, const GdkRGBA *color)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);

  cairo_new_path (cr);
  trace_path (self, cr, instance, TRUE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.12);
  cairo_fill_preserve (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke_preserve (cr);
  set_party_dash (cr, instance->shape, columns, 7, 4);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.9);
  cairo_set_line_width (cr, 1.8);
  cairo_stroke (cr);
}

static void
draw_line (SitmapEventLayer *self, cairo_t *cr, const SitmapShapeInstance *instance, const GdkRGBA *color)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (self->document);

  cairo_new_path (cr);
  trace_path (self, cr, instance, FALSE);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 5.5);
  cairo_stroke_preserve (cr);
  set_party_dash (cr, instance->shape, columns, 7, 4);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

/* Somewhere in a region or a country: a large faint dashed ring, plainly not a spot. */
static void
draw_vague (cairo_t *cr, const SitmapShapeInstance *instance, const GdkRGBA *color)
{
  static const double dashes[] = { 5, 4 };

  cairo_new_path (cr);
  cairo_arc (cr, instance->x, instance->y, instance->radius, 0, 2 * G_PI);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.5);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.7);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
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
    trace_path (self, cr, instance, instance->shape->kind == SITMAP_SHAPE_AREA);
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

  if (shape->kind == SITMAP_SHAPE_AREA || shape->kind == SITMAP_SHAPE_LINE)
    return (guint64) shape->kind << 60 | (guint64) shape->path << 8 | look;
  /* Circles: where (to the pixel, within ±32k) and how large. */
  return (guint64) shape->kind << 60 | (guint64) (CLAMP ((int) instance->x + 32768, 0, 65535)) << 40 |
         (guint64) (CLAMP ((int) instance->y + 32768, 0, 65535)) << 24 |
         (guint64) MIN ((guint) instance->radius, 65535) << 8 | look;
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
    case SITMAP_SHAPE_AREA: draw_area (self, cr, instance, &color); break;
    case SITMAP_SHAPE_LINE: draw_line (self, cr, instance, &color); break;
    case SITMAP_SHAPE_VAGUE: draw_vague (cr, instance, &color); break;
    case SITMAP_SHAPE_RING: sitmap_ring_draw (cr, category, instance->x, instance->y, instance->radius); break;
    default: break;
    }
}

/* Areas, rings too large for their textures, vague rings and lines, in one cairo node only as large
 * as they reach in view. */
static void
snapshot_cairo_shapes (SitmapEventLayer *self, GtkSnapshot *snapshot)
{
  static const SitmapShapeKind order[] = { SITMAP_SHAPE_AREA, SITMAP_SHAPE_RING, SITMAP_SHAPE_VAGUE,
                                           SITMAP_SHAPE_LINE };
  const SitmapShapeInstance *instances = (const SitmapShapeInstance *) (gconstpointer) self->shape_instances->data;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, self->projection.width, self->projection.height);
  graphene_rect_t reach = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean any = FALSE;
  cairo_t *cr;

  for (guint i = 0; i < self->shape_instances->len; i++)
    if (is_drawn_with_cairo (&instances[i]))
      {
        if (any)
          graphene_rect_union (&reach, &instances[i].bounds, &reach);
        else
          reach = instances[i].bounds;
        any = TRUE;
      }
  if (!any || !graphene_rect_intersection (&bounds, &reach, &bounds))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < self->shape_instances->len; i++)
      draw_shape (self, cr, &instances[i], order[k]);
  if (self->selected_shape >= 0 && instances[self->selected_shape].shape->kind != SITMAP_SHAPE_RING)
    draw_selected_shape (self, cr, &instances[self->selected_shape]);
  cairo_destroy (cr);
}

/*
 * What need not be drawn
 *
 * In a dense view most symbols lie under others. Going down from the top, a symbol is skipped when
 * everything it could paint is already covered by the opaque middle of symbols above it, or when an
 * identical symbol above it lands on the same device pixel. The test is conservative: a symbol that
 * would show by a single pixel is drawn.
 */

/* The coverage grid: cells of CELL logical pixels, grouped into tiles of TILE × TILE cells whose
 * counts let a test skip the cells of a tile that is wholly covered. */
#define CELL 2.0
#define TILE 8

static void
reset_coverage (SitmapEventLayer *self)
{
  int width = (int) ceil (self->projection.width / CELL), height = (int) ceil (self->projection.height / CELL);
  int tiles = ((width + TILE - 1) / TILE) * ((height + TILE - 1) / TILE);

  if (width != self->cells_width || height != self->cells_height)
    {
      g_free (self->covered);
      g_free (self->tile_counts);
      self->covered = g_new (guint8, (gsize) width * height);
      self->tile_counts = g_new (guint16, tiles);
      self->cells_width = width;
      self->cells_height = height;
    }
  memset (self->covered, 0, (gsize) width * height);
  memset (self->tile_counts, 0, tiles * sizeof (guint16));
}

static inline int
tile_of (SitmapEventLayer *self, int cx, int cy)
{
  return (cy / TILE) * ((self->cells_width + TILE - 1) / TILE) + cx / TILE;
}

/* Whether every cell within [x0, x1] × [y0, y1] of the tile (tx, ty) is covered. */
static gboolean
tile_covers (SitmapEventLayer *self, int tx, int ty, int x0, int y0, int x1, int y1)
{
  int tile_w = MIN (TILE, self->cells_width - tx * TILE), tile_h = MIN (TILE, self->cells_height - ty * TILE);

  if (self->tile_counts[tile_of (self, tx * TILE, ty * TILE)] == tile_w * tile_h)
    return TRUE;
  for (int cy = MAX (y0, ty * TILE); cy <= MIN (y1, ty * TILE + TILE - 1); cy++)
    for (int cx = MAX (x0, tx * TILE); cx <= MIN (x1, tx * TILE + TILE - 1); cx++)
      if (!self->covered[(gsize) cy * self->cells_width + cx])
        return FALSE;
  return TRUE;
}

/* Everything within reach of (x, y) in the widget is covered. */
static gboolean
is_covered (SitmapEventLayer *self, double x, double y, double reach)
{
  int x0 = MAX (0, (int) floor ((x - reach) / CELL));
  int x1 = MIN (self->cells_width - 1, (int) floor ((x + reach) / CELL));
  int y0 = MAX (0, (int) floor ((y - reach) / CELL));
  int y1 = MIN (self->cells_height - 1, (int) floor ((y + reach) / CELL));

  for (int ty = y0 / TILE; ty <= y1 / TILE; ty++)
    for (int tx = x0 / TILE; tx <= x1 / TILE; tx++)
      if (!tile_covers (self, tx, ty, x0, y0, x1, y1))
        return FALSE;
  return TRUE;
}

/* Marks the cells wholly within the opaque middle of the symbol at (x, y). */
static void
cover (SitmapEventLayer *self, double x, double y, double core)
{
  int x0 = MAX (0, (int) ceil ((x - core) / CELL)), x1 = MIN (self->cells_width, (int) floor ((x + core) / CELL));
  int y0 = MAX (0, (int) ceil ((y - core) / CELL)), y1 = MIN (self->cells_height, (int) floor ((y + core) / CELL));

  for (int cy = y0; cy < y1; cy++)
    for (int cx = x0; cx < x1; cx++)
      if (!self->covered[(gsize) cy * self->cells_width + cx])
        {
          self->covered[(gsize) cy * self->cells_width + cx] = TRUE;
          self->tile_counts[tile_of (self, cx, cy)]++;
        }
}

static guint32
next_stamp_generation (SitmapEventLayer *self)
{
  int width = (int) ceil (self->projection.width), height = (int) ceil (self->projection.height);

  if (width != self->stamps_width || height != self->stamps_height)
    {
      g_free (self->stamps);
      self->stamps = g_new0 (guint32, (gsize) width * height);
      self->stamps_width = width;
      self->stamps_height = height;
      self->stamp_generation = 0;
    }
  /* 20 bits of generation above 12 bits of symbol; on wrapping, old stamps must not match. */
  self->stamp_generation = (self->stamp_generation + 1) & 0xfffff;
  if (self->stamp_generation == 0)
    {
      memset (self->stamps, 0, (gsize) width * height * sizeof (guint32));
      self->stamp_generation = 1;
    }
  return self->stamp_generation << 12;
}

/* TRUE if an identical symbol above this one snaps to the same device pixel; remembers this one. On
 * displays of more than 4 device pixels per logical one, identical symbols are never merged. */
static gboolean
is_repeated (SitmapEventLayer *self, const SitmapSymbolInstance *symbol, guint32 generation, double scale)
{
  int steps = (int) ceil (scale), dx = (int) round (symbol->x * scale), dy = (int) round (symbol->y * scale);
  int px = dx / steps, py = dy / steps;
  guint32 *stamp, value;

  if (steps > 4 || dx < 0 || dy < 0 || px >= self->stamps_width || py >= self->stamps_height)
    return FALSE;
  value = generation | (guint32) (dx % steps) << 10 | (guint32) (dy % steps) << 8 | symbol->key;
  stamp = &self->stamps[(gsize) py * self->stamps_width + px];
  if (*stamp == value)
    return TRUE;
  *stamp = value;
  return FALSE;
}

static void
find_hidden_symbols (SitmapEventLayer *self, double scale)
{
  const SitmapSymbolInstance *symbols = (const SitmapSymbolInstance *) (gconstpointer) self->symbols->data;
  guint32 generation = next_stamp_generation (self);
  guint8 *hidden;

  G_STATIC_ASSERT (SITMAP_SYMBOL_N_KEYS <= 256);

  g_byte_array_set_size (self->hidden, self->symbols->len);
  hidden = self->hidden->data;
  reset_coverage (self);
  /* The selection is drawn larger, so its core is at least that of its plain symbol. */
  if (self->selected_symbol >= 0)
    cover (self, symbols[self->selected_symbol].x, symbols[self->selected_symbol].y,
           sitmap_symbol_get_core (symbols[self->selected_symbol].key / SITMAP_SYMBOL_N_STYLES,
                                  symbols[self->selected_symbol].key % SITMAP_SYMBOL_N_STYLES));
  for (guint i = self->symbols->len; i-- > 0;)
    {
      const SitmapSymbolInstance *symbol = &symbols[i];
      SitmapCategory category = symbol->key / SITMAP_SYMBOL_N_STYLES;

      /* Coverage only grows: a covered symbol needs no stamp, as one identical below it is covered too. */
      hidden[i] = (gint) i == self->selected_symbol ||
                  is_covered (self, symbol->x, symbol->y, sitmap_symbol_get_reach (category)) ||
                  is_repeated (self, symbol, generation, scale);
      if (!hidden[i])
        cover (self, symbol->x, symbol->y, sitmap_symbol_get_core (category, symbol->key % SITMAP_SYMBOL_N_STYLES));
    }
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

      /* Under symbols that hide it whole, or the same as one already drawn. */
      if (is_covered (self, ring->x, ring->y, half) || shape_seen_add (self, shape_key (self, ring)))
        continue;
      texture = get_ring_texture (self, columns->category[ring->shape->position], ring_class);
      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (ring->x - half, ring->y - half, 2 * half, 2 * half));
    }
  if (self->selected_shape >= 0 && instances[self->selected_shape].shape->kind == SITMAP_SHAPE_RING)
    {
      const SitmapShapeInstance *ring = &instances[self->selected_shape];
      GdkRGBA accent;

      sitmap_symbol_get_selection_color (&accent);
      append_circle_border (snapshot, ring->x, ring->y, ring->radius + 1, 1.5, &accent);
    }
}

/*
 * Symbols
 */

/* Each (category, style) is rendered once per display scale, on first use. */
static GdkTexture *
get_texture (SitmapEventLayer *self, guint category, guint style)
{
  if (self->textures[category][style] == NULL)
    self->textures[category][style] = sitmap_symbol_create_texture (category, style, self->texture_scale);
  return self->textures[category][style];
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

static void
snapshot_symbols (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale)
{
  const SitmapSymbolInstance *symbols = (const SitmapSymbolInstance *) (gconstpointer) self->symbols->data;

  for (guint i = 0; i < self->symbols->len; i++)
    if (!self->hidden->data[i])
      {
        guint category = symbols[i].key / SITMAP_SYMBOL_N_STYLES, style = symbols[i].key % SITMAP_SYMBOL_N_STYLES;

        append_symbol (snapshot, get_texture (self, category, style), scale, symbols[i].x, symbols[i].y);
      }
}

/* The selection goes on top of everything, larger and with a halo. */
static void
snapshot_selection (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale)
{
  const SitmapSymbolInstance *symbol;

  if (self->selected_symbol < 0)
    return;
  symbol = &g_array_index (self->symbols, SitmapSymbolInstance, self->selected_symbol);
  append_symbol (snapshot,
                 get_texture (self, symbol->key / SITMAP_SYMBOL_N_STYLES,
                              (symbol->key % SITMAP_SYMBOL_N_STYLES) | SITMAP_SYMBOL_STYLE_SELECTED),
                 scale, symbol->x, symbol->y);
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
        g_clear_object (&self->textures[c][s]);
      for (guint r = 0; r < SITMAP_RING_N_CLASSES; r++)
        g_clear_object (&self->ring_textures[c][r]);
    }
}

/* Beneath to top: areas and lines, rings, symbols, the selection. */
void
_sitmap_event_layer_draw (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale)
{
  if (scale != self->texture_scale)
    {
      _sitmap_event_layer_clear_textures (self);
      self->texture_scale = scale;
    }
  if (self->ring_order == NULL)
    self->ring_order = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (self->hidden == NULL)
    self->hidden = g_byte_array_new ();
  /* First what the symbols hide, of each other and of the rings beneath them. */
  find_hidden_symbols (self, scale);
  shape_seen_reset (self, self->shape_instances->len);
  snapshot_cairo_shapes (self, snapshot);
  snapshot_rings (self, snapshot);
  snapshot_symbols (self, snapshot, scale);
  snapshot_selection (self, snapshot, scale);
}

void
_sitmap_event_layer_finalize_drawing (SitmapEventLayer *self)
{
  g_clear_pointer (&self->ring_order, g_array_unref);
  g_clear_pointer (&self->stamps, g_free);
  g_clear_pointer (&self->shape_seen, g_free);
  g_clear_pointer (&self->hidden, g_byte_array_unref);
  g_clear_pointer (&self->covered, g_free);
  g_clear_pointer (&self->tile_counts, g_free);
}
