/* sitmap-export-draw.c: the export's page, drawn with cairo: the map, then what explains it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <gdk/gdk.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-annotation-draw.h"
#include "sitmap-category.h"
#include "sitmap-cluster-symbol.h"
#include "sitmap-export-scene-private.h"
#include "sitmap-halo-text.h"
#include "sitmap-place-draw.h"
#include "sitmap-shape-table.h"
#include "sitmap-symbol.h"
#include "sitmap-time.h"

#define INSET 10.0

typedef struct
{
  SitmapExportScene    *scene;
  cairo_t              *cr;
  PangoContext         *context;
  SitmapExportTextSink *sink;
  GArray               *label_rects; /* SitmapExportRect: what names must keep clear of; NULL when drawing */
} Painter;

static const double ink[4] = { 0.14, 0.12, 0.19, 1 }; /* GNOME's dark 4 */
static const double grey_ink[4] = { 0.37, 0.36, 0.39, 1 };

/*
 * Text
 */

static void
set_font_options (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same metrics on every surface and scale, so that a PDF and a PNG are laid out alike. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

PangoLayout *
_sitmap_export_create_layout (PangoContext *context, const char *text, double size, gboolean bold)
{
  PangoLayout          *layout;
  PangoFontDescription *font = pango_font_description_from_string (SITMAP_EXPORT_FONT);

  set_font_options (context);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, font);
  /* Plain text: what a document says is never markup. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_font_description_free (font);
  return layout;
}

gsize
_sitmap_export_text_budget (double width, double size, int lines)
{
  double per_line = ceil (MAX (width, 1) / MAX (size * 0.2, 0.1));

  return (gsize)CLAMP (per_line * MAX (lines, 1), 1, 100000);
}

char *
_sitmap_export_cut_text (const char *text, gsize max_chars)
{
  return sitmap_text_cut (text != NULL ? text : "", (guint)MIN (max_chars, G_MAXUINT / 8));
}

static gsize
utf8_length (const char *text, gsize bytes)
{
  return g_utf8_strlen (text, bytes);
}

/* The first n characters of text and an ellipsis. */
static char *
prefix_with_ellipsis (const char *text, gsize n)
{
  const char *end = g_utf8_offset_to_pointer (text, n);

  while (end > text && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  return g_strdup_printf ("%.*s…", (int)(end - text), text);
}

static int
count_lines (PangoContext *context, const char *text, double size, gboolean bold, double width)
{
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (context, text, size, bold);

  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  return pango_layout_get_line_count (layout);
}

char *
_sitmap_export_fit_text (PangoContext *context, const char *text, double size, gboolean bold, double width,
                         int max_lines)
{
  g_autofree char *cut = _sitmap_export_cut_text (text, _sitmap_export_text_budget (width, size, max_lines));
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (context, cut, size, bold);
  PangoLayoutLine *line;
  gsize            lo = 0, hi;

  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  if (pango_layout_get_line_count (layout) <= max_lines)
    return g_steal_pointer (&cut);
  /* The most characters that, with an ellipsis, still end within the last line: a binary search over
   * the lines' worth of text, a dozen layouts of a bounded text at most. */
  line = pango_layout_get_line_readonly (layout, max_lines - 1);
  hi = utf8_length (cut, line->start_index + line->length);
  while (lo < hi)
    {
      gsize            mid = (lo + hi + 1) / 2;
      g_autofree char *candidate = prefix_with_ellipsis (cut, mid);

      if (count_lines (context, candidate, size, bold, width) <= max_lines)
        lo = mid;
      else
        hi = mid - 1;
    }
  return prefix_with_ellipsis (cut, lo);
}

#define NOTE_SIZE 11.5
#define NOTE_HEAD_LINES 2
#define NOTE_DETAIL_LINES 3

void
_sitmap_export_fit_note (PangoContext *context, SitmapExportNote *note, double width)
{
  g_autofree char *head = NULL;
  g_autofree char *title = _sitmap_export_cut_text (note->title, _sitmap_export_text_budget (width, NOTE_SIZE, 2));
  char            *details;

  head = g_strdup_printf ("%d. %s", note->number, title);
  g_free (note->head);
  note->head = _sitmap_export_fit_text (context, head, NOTE_SIZE, TRUE, width, NOTE_HEAD_LINES);
  details = _sitmap_export_fit_text (context, note->details, NOTE_SIZE, FALSE, width, NOTE_DETAIL_LINES);
  g_free (note->details);
  note->details = details;
}

PangoLayout *
_sitmap_export_create_note_layout (PangoContext *context, const SitmapExportNote *note, double width)
{
  g_autofree char *fallback = note->head == NULL ? g_strdup_printf ("%d. %s", note->number, note->title) : NULL;
  const char      *head = note->head != NULL ? note->head : fallback;
  g_autofree char *text = g_strdup_printf ("%s\n%s", head, note->details);
  PangoLayout     *layout = _sitmap_export_create_layout (context, text, NOTE_SIZE, FALSE);
  PangoAttrList   *attrs = pango_attr_list_new ();
  PangoAttribute  *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = strlen (head);
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  return layout;
}

double
_sitmap_export_measure_note (PangoContext *context, const SitmapExportNote *note, double width)
{
  g_autoptr (PangoLayout) layout = _sitmap_export_create_note_layout (context, note, width);
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double)h / PANGO_SCALE;
}

/* Draws a layout with its top left at (x, y); halo > 0 draws a white casing of that width first, so
 * that a label reads on any map. */
static void
show_layout (Painter *p, PangoLayout *layout, double x, double y, const double rgba[4], double halo)
{
  cairo_t *cr = p->cr;

  if (p->sink != NULL)
    {
      _sitmap_export_text_sink_add (p->sink, cr, layout, x, y, rgba, halo);
      return;
    }
  sitmap_halo_text_draw (cr, layout, x, y, rgba, halo);
}

static void
layout_size (PangoLayout *layout, double *width, double *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  *width = (double)w / PANGO_SCALE;
  *height = (double)h / PANGO_SCALE;
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A box for text over the map: white, with a hairline. Opaque: the names the basemap's tiles write
 * would show through as ghosts. */
static void
draw_panel (cairo_t *cr, double x, double y, double w, double h)
{
  rounded_rect (cr, x, y, w, h, 6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/*
 * The basemap
 */

/* Pastes the tiles into one image at tile resolution, so that they meet without seams when it is
 * scaled to the page. */
static cairo_surface_t *
compose_tiles (SitmapExportScene *self)
{
  SitmapExportTiles *tiles = &self->tiles;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tiles->columns * 256, tiles->rows * 256);
  int              stride = cairo_image_surface_get_stride (surface);
  guchar          *data;
  cairo_t         *cr = NULL;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int i = 0; i < tiles->columns * tiles->rows; i++)
    {
      g_autoptr (GdkTexture) texture = NULL;
      g_autoptr (GError) error = NULL;
      int column = i % tiles->columns, row = i / tiles->columns;

      if (tiles->data == NULL || tiles->data[i] == NULL)
        continue;
      texture = gdk_texture_new_from_bytes (tiles->data[i], &error);
      if (texture == NULL)
        {
          g_debug ("A tile could not be read: %s", error->message);
          continue;
        }
      if (gdk_texture_get_width (texture) == 256 && gdk_texture_get_height (texture) == 256)
        {
          gdk_texture_download (texture, data + row * 256 * stride + column * 256 * 4, stride);
          continue;
        }
      /* Tiles of another size (a 512-pixel "retina" server) are scaled into their cell. */
      {
        int              w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
        cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);

        cairo_surface_flush (tile);
        gdk_texture_download (texture, cairo_image_surface_get_data (tile), cairo_image_surface_get_stride (tile));
        cairo_surface_mark_dirty (tile);
        if (cr == NULL)
          {
            cairo_surface_mark_dirty (surface);
            cr = cairo_create (surface);
          }
        cairo_save (cr);
        cairo_translate (cr, column * 256, row * 256);
        cairo_scale (cr, 256.0 / w, 256.0 / h);
        cairo_set_source_surface (cr, tile, 0, 0);
        cairo_paint (cr);
        cairo_restore (cr);
        cairo_surface_destroy (tile);
      }
    }
  if (cr != NULL)
    cairo_destroy (cr);
  cairo_surface_mark_dirty (surface);
  return surface;
}

/*
 * Names the offline basemap writes into its tiles, cut by the map's frame or by a panel over the map:
 * the page would show a stray "th" of a town beyond the frame. The basemap's style is known (dark
 * names, 0x3d3846, on a white halo; nothing else on it that dark but towns' dots), so such a name is
 * found by its ink where the frame or panel's edge crosses it, grown to the whole name, and painted
 * over with what lies either side of it.
 */

/* Luminance below which a pixel of the offline basemap is a name's or a dot's ink. */
#define NAME_INK 105
/* Gaps within one name, in tile pixels: between letters and words, and between its rows. */
#define NAME_GAP_X 8
#define NAME_GAP_Y 3
/* The halo and antialiasing around the ink. */
#define NAME_HALO 3
/* No name is larger: anything larger is not a name, and is left alone. */
#define NAME_MAX_WIDTH 420
#define NAME_MAX_HEIGHT 40

typedef struct
{
  guint32 *data;
  int      stride; /* in pixels */
  int      width;
  int      height;
} Raster;

static gboolean
is_ink (const Raster *r, int x, int y)
{
  guint32 p;

  if (x < 0 || y < 0 || x >= r->width || y >= r->height)
    return FALSE;
  p = r->data[(gsize)y * r->stride + x];
  return ((54 * (p >> 16 & 0xff) + 183 * (p >> 8 & 0xff) + 19 * (p & 0xff)) >> 8) < NAME_INK;
}

static gboolean
ink_in (const Raster *r, int x0, int y0, int x1, int y1)
{
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      if (is_ink (r, x, y))
        return TRUE;
  return FALSE;
}

/* Grows a box of ink to the name it belongs to; FALSE if it grows larger than any name. */
static gboolean
grow_name (const Raster *r, int *x0, int *y0, int *x1, int *y1)
{
  gboolean grew = TRUE;

  while (grew)
    {
      grew = FALSE;
      for (int d = NAME_GAP_X; d > 0; d--)
        if (ink_in (r, *x0 - d, *y0, *x0 - d, *y1))
          {
            *x0 -= d;
            grew = TRUE;
            break;
          }
      for (int d = NAME_GAP_X; d > 0; d--)
        if (ink_in (r, *x1 + d, *y0, *x1 + d, *y1))
          {
            *x1 += d;
            grew = TRUE;
            break;
          }
      for (int d = NAME_GAP_Y; d > 0; d--)
        if (ink_in (r, *x0, *y0 - d, *x1, *y0 - d))
          {
            *y0 -= d;
            grew = TRUE;
            break;
          }
      for (int d = NAME_GAP_Y; d > 0; d--)
        if (ink_in (r, *x0, *y1 + d, *x1, *y1 + d))
          {
            *y1 += d;
            grew = TRUE;
            break;
          }
      if (*x1 - *x0 > NAME_MAX_WIDTH || *y1 - *y0 > NAME_MAX_HEIGHT)
        return FALSE;
    }
  return TRUE;
}

static guint32
mix (guint32 a, guint32 b, double t)
{
  guint32 out = 0;

  for (int shift = 0; shift < 32; shift += 8)
    {
      double ca = a >> shift & 0xff, cb = b >> shift & 0xff;

      out |= (guint32)lround (ca + (cb - ca) * t) << shift;
    }
  return out;
}

/* Paints over a name and its halo, each row blended from the pixels left and right of it. */
static void
erase_name (Raster *r, int x0, int y0, int x1, int y1)
{
  x0 -= NAME_HALO;
  x1 += NAME_HALO;
  for (int y = MAX (y0 - NAME_HALO, 0); y <= MIN (y1 + NAME_HALO, r->height - 1); y++)
    {
      guint32 *row = r->data + (gsize)y * r->stride;
      int      left = x0 - 1, right = x1 + 1;
      guint32  a, b;

      if (left < 0 && right >= r->width)
        continue;
      a = row[left >= 0 ? left : right];
      b = row[right < r->width ? right : left];
      for (int x = MAX (x0, 0); x <= MIN (x1, r->width - 1); x++)
        row[x] = mix (a, b, (double)(x - left) / (right - left));
    }
}

/* Erases the names that an edge crosses: along runs from a0 to a1 at across, a column (vertical) or a
 * row of the raster. */
static void
erase_names_on_edge (Raster *r, gboolean vertical, int across, int a0, int a1)
{
  int gap = vertical ? NAME_GAP_Y : NAME_GAP_X;

  for (int a = a0; a <= a1; a++)
    {
      int start, end, x0, y0, x1, y1;

      if (vertical ? !ink_in (r, across - 1, a, across + 1, a) : !ink_in (r, a, across - 1, a, across + 1))
        continue;
      /* A run of crossings, with the gaps one name has. */
      start = end = a;
      for (int b = a + 1; b <= a1 && b - end <= gap; b++)
        if (vertical ? ink_in (r, across - 1, b, across + 1, b) : ink_in (r, b, across - 1, b, across + 1))
          end = b;
      if (vertical)
        x0 = across - 1, x1 = across + 1, y0 = start, y1 = end;
      else
        x0 = start, x1 = end, y0 = across - 1, y1 = across + 1;
      if (grow_name (r, &x0, &y0, &x1, &y1))
        erase_name (r, x0, y0, x1, y1);
      a = end + gap;
    }
}

/* Page to tile raster pixels. */
static void
page_to_raster (SitmapExportScene *self, double f, double n, double px, double py, double *u, double *v)
{
  *u = (px - self->map.x - self->map.width / 2) * f + self->center_x * n - self->tiles.x0 * 256;
  *v = (py - self->map.y - self->map.height / 2) * f + self->center_y * n - self->tiles.y0 * 256;
}

static void
erase_names_on_rect (SitmapExportScene *self, Raster *r, double f, double n, const SitmapExportRect *rect)
{
  double u0, v0, u1, v1;

  page_to_raster (self, f, n, rect->x, rect->y, &u0, &v0);
  page_to_raster (self, f, n, rect->x + rect->width, rect->y + rect->height, &u1, &v1);
  erase_names_on_edge (r, TRUE, (int)floor (u0), (int)floor (v0), (int)ceil (v1));
  erase_names_on_edge (r, TRUE, (int)floor (u1), (int)floor (v0), (int)ceil (v1));
  erase_names_on_edge (r, FALSE, (int)floor (v0), (int)floor (u0), (int)ceil (u1));
  erase_names_on_edge (r, FALSE, (int)floor (v1), (int)floor (u0), (int)ceil (u1));
}

static void
erase_cut_names (SitmapExportScene *self, cairo_surface_t *surface, double f, double n)
{
  Raster r;

  cairo_surface_flush (surface);
  r.data = (guint32 *)(gpointer)cairo_image_surface_get_data (surface);
  r.stride = cairo_image_surface_get_stride (surface) / 4;
  r.width = cairo_image_surface_get_width (surface);
  r.height = cairo_image_surface_get_height (surface);
  erase_names_on_rect (self, &r, f, n, &self->map);
  for (guint i = 0; i < self->panels->len; i++)
    erase_names_on_rect (self, &r, f, n, &g_array_index (self->panels, SitmapExportRect, i));
  cairo_surface_mark_dirty (surface);
}

static void
draw_tiles (Painter *p)
{
  SitmapExportScene *self = p->scene;
  SitmapExportTiles *tiles = &self->tiles;
  cairo_t           *cr = p->cr;
  cairo_surface_t   *surface;
  cairo_pattern_t   *pattern;
  double             f, n;

  /* Where the source has no tile: a neutral ground, not a hole. */
  cairo_set_source_rgb (cr, 0.87, 0.89, 0.90);
  cairo_paint (cr);
  if (tiles->data == NULL || tiles->columns <= 0 || tiles->rows <= 0)
    return;
  f = exp2 (tiles->zoom - self->options.zoom);
  n = exp2 (tiles->zoom) * 256;
  surface = compose_tiles (self);
  if (self->basemap_names)
    erase_cut_names (self, surface, f, n);
  cairo_save (cr);
  cairo_translate (cr, self->map.x + self->map.width / 2, self->map.y + self->map.height / 2);
  cairo_scale (cr, 1 / f, 1 / f);
  cairo_set_source_surface (cr, surface, tiles->x0 * 256 - self->center_x * n, tiles->y0 * 256 - self->center_y * n);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (surface);
}

/*
 * Places: the screen's place layer (sitmap-place-layer.c) on the page
 */

/* The screen's label font, Cantarell 11 at 96 dpi, in logical pixels. */
#define PLACE_FONT_SIZE 14.67
/* How far inside the map's frame a name must stay. */
#define LABEL_FRAME_MARGIN 3.0
/* Around a town's dot, kept clear of every name (its halo). */
#define TOWN_DOT_ROOM 1.2

static gboolean
is_town (const SitmapExportPlace *place)
{
  return !place->area;
}

static PangoLayout *
create_place_layout (PangoContext *context, const SitmapExportPlace *place)
{
  PangoLayout *layout = _sitmap_export_create_layout (context, place->name, PLACE_FONT_SIZE, FALSE);
  g_autoptr (PangoFontDescription) base = pango_font_description_copy (pango_layout_get_font_description (layout));

  sitmap_place_style_label (layout, base, place->kind, place->area);
  /* A name is one line, however long. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_width (layout, -1);
  return layout;
}

static gboolean
rects_overlap (const SitmapExportRect *a, const SitmapExportRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Inside the map's frame, and clear of everything placed so far. */
static gboolean
label_is_free (SitmapExportScene *self, GArray *occupied, const SitmapExportRect *rect)
{
  SitmapExportRect padded = { rect->x - SITMAP_PLACE_LABEL_GAP / 2, rect->y - SITMAP_PLACE_LABEL_GAP / 2,
                              rect->width + SITMAP_PLACE_LABEL_GAP, rect->height + SITMAP_PLACE_LABEL_GAP };

  if (rect->x < self->map.x + LABEL_FRAME_MARGIN || rect->y < self->map.y + LABEL_FRAME_MARGIN
      || rect->x + rect->width > self->map.x + self->map.width - LABEL_FRAME_MARGIN
      || rect->y + rect->height > self->map.y + self->map.height - LABEL_FRAME_MARGIN)
    return FALSE;
  for (guint i = 0; i < occupied->len; i++)
    if (rects_overlap (&padded, &g_array_index (occupied, SitmapExportRect, i)))
      return FALSE;
  return TRUE;
}

static void
occupy (GArray *occupied, double x, double y, double width, double height)
{
  SitmapExportRect rect = { x, y, width, height };

  g_array_append_val (occupied, rect);
}

/* Where an area's name may go: on its label point, else below or above whatever sits there (an event's
 * symbol, a cluster, a number), a little further each time. */
static gboolean
place_area_label (SitmapExportScene *self, GArray *occupied, const SitmapExportPlace *place, double width,
                  double height, SitmapExportRect *rect)
{
  static const double steps[] = { 0, 1, -1, 1.6, -1.6, 2.2, -2.2 };
  double              step = height / 2 + SITMAP_SYMBOL_RADIUS + 2;

  if (place->width > 0 && place->width < SITMAP_PLACE_MIN_AREA_LABEL_WIDTH)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      *rect = (SitmapExportRect){ place->x - width / 2, place->y - height / 2 + steps[i] * step, width, height };
      if (label_is_free (self, occupied, rect))
        return TRUE;
    }
  return FALSE;
}

/* Right of the dot, else left of it: far enough that the label's padding clears its own dot, which is
 * reserved (TOWN_DOT_ROOM) before any name is placed. */
static gboolean
place_town_label (SitmapExportScene *self, GArray *occupied, const SitmapExportPlace *place, double width,
                  double height, SitmapExportRect *rect)
{
  double gap = sitmap_place_get_dot_radius (place->kind) + TOWN_DOT_ROOM + SITMAP_PLACE_LABEL_GAP / 2 + 0.5;

  *rect = (SitmapExportRect){ place->x + gap, place->y - height / 2, width, height };
  if (label_is_free (self, occupied, rect))
    return TRUE;
  rect->x = place->x - gap - width;
  return label_is_free (self, occupied, rect);
}

/*
 * Events
 */

static void
set_category_source (cairo_t *cr, guint8 category, double alpha)
{
  GdkRGBA color;

  sitmap_symbol_get_color (category, &color);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

static void
trace_rings (cairo_t *cr, GArray *rings, gboolean close)
{
  for (guint r = 0; r < rings->len; r++)
    {
      GArray       *ring = g_array_index (rings, GArray *, r);
      const double *xy = (const double *)(gconstpointer)ring->data;

      cairo_new_sub_path (cr);
      for (guint i = 0; i + 1 < ring->len; i += 2)
        cairo_line_to (cr, xy[i], xy[i + 1]);
      if (close)
        cairo_close_path (cr);
    }
}

/* The outline's dashes when only parties to the conflict report every event drawn with the shape. */
static void
set_party_dash (cairo_t *cr, const SitmapExportShape *shape)
{
  static const double party_dash[] = { 7, 4 };

  cairo_set_dash (cr, party_dash, shape->party_only ? G_N_ELEMENTS (party_dash) : 0, 0);
}

/* As on screen (sitmap-event-layer-draw.c): a solid white casing, then the category's stroke. */
static void
draw_shape (cairo_t *cr, const SitmapExportShape *shape)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (shape->kind)
    {
      case SITMAP_SHAPE_AREA:
        trace_rings (cr, shape->rings, TRUE);
        cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
        set_category_source (cr, shape->category, 0.12);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
        cairo_set_line_width (cr, 3.5);
        cairo_stroke_preserve (cr);
        set_party_dash (cr, shape);
        set_category_source (cr, shape->category, 0.9);
        cairo_set_line_width (cr, 1.8);
        cairo_stroke (cr);
        break;
      case SITMAP_SHAPE_LINE:
        trace_rings (cr, shape->rings, FALSE);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_set_line_width (cr, 5.5);
        cairo_stroke_preserve (cr);
        set_party_dash (cr, shape);
        set_category_source (cr, shape->category, 1);
        cairo_set_line_width (cr, 3);
        cairo_stroke (cr);
        break;
      case SITMAP_SHAPE_RING:
        sitmap_ring_draw (cr, shape->category, shape->x, shape->y, shape->radius);
        break;
      case SITMAP_SHAPE_VAGUE:
        {
          static const double dash[] = { 5, 4 };

          cairo_arc (cr, shape->x, shape->y, shape->radius, 0, 2 * G_PI);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.5);
          cairo_set_line_width (cr, 3);
          cairo_stroke_preserve (cr);
          set_category_source (cr, shape->category, 0.7);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
        break;
      default:
        break;
    }
  cairo_restore (cr);
}

/* The count in the export's font, at the size of the screen's. */
#define CLUSTER_COUNT_SIZE 11.0

/* As on screen: sitmap_cluster_symbol_draw() draws both, as vectors here. */
static void
draw_cluster (Painter *p, const SitmapExportCluster *cluster)
{
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string (SITMAP_EXPORT_FONT);
  g_autoptr (PangoLayout) layout = NULL;
  SitmapClusterSymbol symbol;
  char count[16];
  double left, top;
  GdkRGBA color;

  sitmap_cluster_symbol_init (&symbol, cluster->radius, cluster->n_events, cluster->category_counts,
                              cluster->dominant);
  sitmap_cluster_symbol_format_count (cluster->n_events, count, sizeof count);
  set_font_options (p->context);
  pango_font_description_set_absolute_size (font, CLUSTER_COUNT_SIZE * PANGO_SCALE);
  layout = sitmap_cluster_symbol_create_layout (p->context, font);
  pango_layout_set_text (layout, count, -1);
  if (p->sink == NULL)
    {
      sitmap_cluster_symbol_draw (p->cr, &symbol, layout, cluster->x, cluster->y);
      return;
    }
  /* In an SVG the count stays text, where the symbol would draw it. */
  sitmap_cluster_symbol_draw (p->cr, &symbol, NULL, cluster->x, cluster->y);
  sitmap_cluster_symbol_place_count (&symbol, layout, cluster->x, cluster->y, &left, &top, &color);
  show_layout (p, layout, left, top, (const double[4]) { color.red, color.green, color.blue, color.alpha }, 0);
}

static void
draw_events (Painter *p)
{
  SitmapExportScene *self = p->scene;

  for (guint i = 0; i < self->shapes->len; i++)
    draw_shape (p->cr, &g_array_index (self->shapes, SitmapExportShape, i));
  for (guint i = 0; i < self->clusters->len; i++)
    draw_cluster (p, &g_array_index (self->clusters, SitmapExportCluster, i));
  for (guint i = 0; i < self->symbols->len; i++)
    {
      const SitmapExportSymbol *symbol = &g_array_index (self->symbols, SitmapExportSymbol, i);

      sitmap_symbol_draw (p->cr, symbol->category, symbol->style, symbol->x, symbol->y);
    }
}

/*
 * Annotations: drawn by the map's own code, projected onto the page; their texts go with the labels
 */

static void
project_cb (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  _sitmap_export_scene_world_to_page (user_data, x, y, out_x, out_y);
}

static void
draw_annotations (Painter *p)
{
  SitmapExportScene *self = p->scene;

  for (guint i = 0; i < self->annotations->len; i++)
    sitmap_annotation_draw (p->cr, g_ptr_array_index (self->annotations, i), self->document, project_cb, self, 1.0,
                            SITMAP_ANNOTATION_DRAW_NO_TEXT);
}

/*
 * Labels: the notes' numbers and the annotations' texts, placed clear of each other and of the panels
 * over the map, and drawn last, so that nothing covers them
 */

/* Beyond this many annotation texts on one page, the rest are written where they belong, unplaced: a
 * page cannot show them all anyway, and placing each against every other would not end. */
#define MAX_PLACED_TEXTS 400
#define NUMBER_SIZE 10.0
/* How far out a label may move from what it belongs to, in steps, with a leader line back. */
static const double leader_steps[] = { 14, 28, 48 };

/* The note's number beside an event: a small white tag, so that the list below can be read against
 * the map. */
static PangoLayout *
create_number_layout (PangoContext *context, const char *text, double *width, double *height)
{
  PangoLayout *layout = _sitmap_export_create_layout (context, text, NUMBER_SIZE, TRUE);
  double       w, h;

  layout_size (layout, &w, &h);
  *width = w + 6;
  *height = h + 2;
  return layout;
}

static void
draw_leader (cairo_t *cr, const SitmapExportRect *rect, double x, double y)
{
  double from_x = CLAMP (x, rect->x, rect->x + rect->width), from_y = CLAMP (y, rect->y, rect->y + rect->height);

  cairo_new_path (cr);
  cairo_move_to (cr, from_x, from_y);
  cairo_line_to (cr, x, y);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 0.9);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_number (Painter *p, const SitmapExportLabel *label)
{
  const SitmapExportRect *rect = &label->rect;
  double                  w, h;
  g_autoptr (PangoLayout) layout = create_number_layout (p->context, label->text, &w, &h);

  if (label->leader)
    draw_leader (p->cr, rect, label->anchor_x, label->anchor_y);
  rounded_rect (p->cr, rect->x, rect->y, rect->width, rect->height, 3);
  cairo_set_source_rgb (p->cr, 1, 1, 1);
  cairo_fill_preserve (p->cr);
  cairo_set_source_rgba (p->cr, ink[0], ink[1], ink[2], 0.8);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
  /* Centred in the tag it was measured for, whatever this surface's metrics. */
  show_layout (p, layout, rect->x + (rect->width - w) / 2 + 3, rect->y + (rect->height - h) / 2 + 1, ink, 0);
}

static void
draw_labels (Painter *p)
{
  SitmapExportScene *self = p->scene;

  for (guint i = 0; i < self->labels->len; i++)
    {
      const SitmapExportLabel *label = &g_array_index (self->labels, SitmapExportLabel, i);
      double                   anchor[2] = { label->anchor_x, label->anchor_y };

      if (label->kind == SITMAP_EXPORT_LABEL_NUMBER)
        draw_number (p, label);
      else
        sitmap_annotation_draw_text (p->cr, g_ptr_array_index (self->annotations, label->annotation), label->text_scale,
                                     label->rect.x, label->rect.y, label->rect.width, label->rect.height,
                                     label->leader ? anchor : NULL);
    }
}

void
_sitmap_export_scene_draw_labels (SitmapExportScene *self, cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  Painter       p = { self, cr, context, NULL, NULL };

  set_font_options (context);
  draw_labels (&p);
  g_object_unref (context);
}

/*
 * Over the map: legend, scale bar, north arrow, attribution
 */

typedef struct
{
  guint8            category;
  SitmapSymbolStyle style;
  const char       *label;
} LegendRow;

static guint
legend_rows (SitmapExportScene *self, LegendRow *rows)
{
  guint n = 0, first = SITMAP_N_CATEGORIES;

  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    if (self->categories_shown & (1u << c))
      {
        rows[n++] = (LegendRow){ c, 0, sitmap_category_get_label (c) };
        first = MIN (first, c);
      }
  if (first == SITMAP_N_CATEGORIES)
    return 0;
  /* What the cues on a symbol mean, for those the map shows. */
  if (self->cues_shown & SITMAP_SYMBOL_STYLE_UNCERTAIN_TIME)
    rows[n++] = (LegendRow){ first, SITMAP_SYMBOL_STYLE_UNCERTAIN_TIME, _ ("Hollow: date known only roughly") };
  if (self->cues_shown & SITMAP_SYMBOL_STYLE_PARTY_ONLY)
    rows[n++] = (LegendRow){ first, SITMAP_SYMBOL_STYLE_PARTY_ONLY, _ ("Pale: reported only by parties") };
  if (self->cues_shown & SITMAP_SYMBOL_STYLE_VAGUE_PLACE)
    rows[n++] = (LegendRow){ first, SITMAP_SYMBOL_STYLE_VAGUE_PLACE, _ ("Faint: place known only roughly") };
  return n;
}

static void
reserve (Painter *p, double x, double y, double width, double height)
{
  SitmapExportRect rect = { x, y, width, height };

  g_array_append_val (p->label_rects, rect);
}

/* Draws the legend, or with only_reserve, keeps its place from the map's labels. */
static void
draw_legend (Painter *p, gboolean only_reserve)
{
  SitmapExportScene *self = p->scene;
  LegendRow          rows[SITMAP_N_CATEGORIES + 3];
  g_autoptr (PangoLayout) heading = _sitmap_export_create_layout (p->context, _ ("Legend"), 12, TRUE);
  PangoLayout *labels[G_N_ELEMENTS (rows)];
  double       x = self->map.x + INSET, y = self->map.y + INSET, width, height, w, h, row = 20;
  guint        n = legend_rows (self, rows);
  gboolean     fits;

  if (n == 0)
    return;
  layout_size (heading, &width, &height);
  for (guint i = 0; i < n; i++)
    {
      labels[i] = _sitmap_export_create_layout (p->context, rows[i].label, 11.5, FALSE);
      layout_size (labels[i], &w, &h);
      width = MAX (width, 24 + w);
    }
  /* On a map too small for it beside the scale bar and the north arrow, no legend rather than one over
   * them: the page says it left it out. */
  fits = height + 14 + n * row + 60 <= self->map.height && width + 20 + 2 * INSET + 56 <= self->map.width;
  if (only_reserve || !fits)
    {
      if (only_reserve && fits)
        reserve (p, x, y, width + 20, height + 14 + n * row);
      else if (only_reserve)
        {
          self->options.include &= ~SITMAP_EXPORT_LEGEND;
          self->dropped |= SITMAP_EXPORT_LEGEND;
        }
      for (guint i = 0; i < n; i++)
        g_object_unref (labels[i]);
      return;
    }
  draw_panel (p->cr, x, y, width + 20, height + 14 + n * row);
  show_layout (p, heading, x + 10, y + 7, ink, 0);
  for (guint i = 0; i < n; i++)
    {
      double cy = y + 10 + height + i * row + row / 2;

      sitmap_symbol_draw (p->cr, rows[i].category, rows[i].style, x + 18, cy);
      layout_size (labels[i], &w, &h);
      show_layout (p, labels[i], x + 34, cy - h / 2, ink, 0);
      g_object_unref (labels[i]);
    }
}

/* 1, 2 or 5 times a power of ten metres, at most max_pixels long. */
static double
nice_distance (double metres_per_pixel, double max_pixels)
{
  double max_m = metres_per_pixel * max_pixels, power = pow (10, floor (log10 (max_m)));

  if (5 * power <= max_m)
    return 5 * power;
  if (2 * power <= max_m)
    return 2 * power;
  return power;
}

static void
draw_scale_bar (Painter *p)
{
  SitmapExportScene *self = p->scene;
  double             latitude = p->scene->options.latitude * G_PI / 180;
  double             metres_per_pixel = 40075016.686 * cos (latitude) / self->world_pixels;
  double             metres = nice_distance (metres_per_pixel, 140), length = metres / metres_per_pixel;
  double             x = self->map.x + INSET + 8, y = self->map.y + self->map.height - INSET - 10, w, h;
  g_autofree char   *text
      = metres >= 1000 ? g_strdup_printf (_ ("%g km"), metres / 1000) : g_strdup_printf (_ ("%g m"), metres);
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (p->context, text, 11, FALSE);

  layout_size (layout, &w, &h);
  draw_panel (p->cr, x - 8, y - h - 10, MAX (length, w) + 16, h + 18);
  /* Two halves, black and white, as on a printed map. */
  cairo_rectangle (p->cr, x, y - 4, length, 5);
  cairo_set_source_rgb (p->cr, 1, 1, 1);
  cairo_fill_preserve (p->cr);
  cairo_set_source_rgba (p->cr, ink[0], ink[1], ink[2], 1);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
  cairo_rectangle (p->cr, x, y - 4, length / 2, 5);
  cairo_fill (p->cr);
  show_layout (p, layout, x, y - h - 6, ink, 0);
}

static void
draw_north_arrow (Painter *p)
{
  SitmapExportScene *self = p->scene;
  cairo_t           *cr = p->cr;
  double             cx = self->map.x + self->map.width - INSET - 20, top = self->map.y + INSET, w, h;
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (p->context, C_ ("north", "N"), 13, TRUE);

  draw_panel (cr, cx - 18, top, 36, 52);
  layout_size (layout, &w, &h);
  show_layout (p, layout, cx - w / 2, top + 3, ink, 0);
  /* A needle: the left half dark, the right half light, pointing up the page (the map is north up). */
  cairo_move_to (cr, cx, top + 5 + h);
  cairo_line_to (cr, cx - 7, top + 46);
  cairo_line_to (cr, cx, top + 40);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 1);
  cairo_fill (cr);
  cairo_move_to (cr, cx, top + 5 + h);
  cairo_line_to (cr, cx + 7, top + 46);
  cairo_line_to (cr, cx, top + 40);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Always drawn: the map's licence asks for it. */
static void
draw_attribution (Painter *p, gboolean only_reserve)
{
  SitmapExportScene *self = p->scene;
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (p->context, self->attribution, 10.5, FALSE);
  double w, h, x, y;

  pango_layout_set_width (layout, (self->map.width * 0.6) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  layout_size (layout, &w, &h);
  {
    PangoRectangle ink_rect, logical;

    pango_layout_get_pixel_extents (layout, &ink_rect, &logical);
    x = self->map.x + self->map.width - logical.x - logical.width - 8;
    y = self->map.y + self->map.height - h - 4;
    if (only_reserve)
      {
        reserve (p, x + logical.x - 6, y - 2, logical.width + 12, h + 4);
        return;
      }
    cairo_rectangle (p->cr, x + logical.x - 6, y - 2, logical.width + 12, h + 4);
  }
  cairo_set_source_rgba (p->cr, 1, 1, 1, 0.8);
  cairo_fill (p->cr);
  show_layout (p, layout, x, y, ink, 0);
}

/*
 * Room for the labels and the places' names
 */

static gboolean
overlaps_any (const SitmapExportRect *rect, GArray *rects, guint from, guint to, gint skip)
{
  for (guint i = from; i < to; i++)
    if ((gint)i != skip && rects_overlap (rect, &g_array_index (rects, SitmapExportRect, i)))
      return TRUE;
  return FALSE;
}

static gboolean
in_map_rect (SitmapExportScene *self, double x, double y)
{
  return x >= self->map.x && y >= self->map.y && x <= self->map.x + self->map.width
         && y <= self->map.y + self->map.height;
}

static gboolean
inside_map (SitmapExportScene *self, const SitmapExportRect *rect)
{
  return rect->x >= self->map.x + 2 && rect->y >= self->map.y + 2
         && rect->x + rect->width <= self->map.x + self->map.width - 2
         && rect->y + rect->height <= self->map.y + self->map.height - 2;
}

/* The panels over the map, which nothing is placed under: the legend, the north arrow and the scale
 * bar where the map has room for them (else they are left out, and the page says so), and the
 * attribution, always. */
static void
reserve_panels (Painter *p)
{
  SitmapExportScene *self = p->scene;
  SitmapExportRect   north = { self->map.x + self->map.width - INSET - 38, self->map.y + INSET, 36, 52 };
  SitmapExportRect   scale = { self->map.x + INSET, self->map.y + self->map.height - INSET - 40, 170, 40 };
  guint              n;

  draw_attribution (p, TRUE);
  if (self->options.include & SITMAP_EXPORT_LEGEND)
    draw_legend (p, TRUE);
  n = p->label_rects->len;
  if (self->options.include & SITMAP_EXPORT_SCALE_BAR)
    {
      if (inside_map (self, &scale) && !overlaps_any (&scale, p->label_rects, 0, n, -1))
        g_array_append_val (p->label_rects, scale);
      else
        {
          self->options.include &= ~SITMAP_EXPORT_SCALE_BAR;
          self->dropped |= SITMAP_EXPORT_SCALE_BAR;
        }
    }
  n = p->label_rects->len;
  if (self->options.include & SITMAP_EXPORT_NORTH_ARROW)
    {
      if (inside_map (self, &north) && !overlaps_any (&north, p->label_rects, 0, n, -1))
        g_array_append_val (p->label_rects, north);
      else
        {
          self->options.include &= ~SITMAP_EXPORT_NORTH_ARROW;
          self->dropped |= SITMAP_EXPORT_NORTH_ARROW;
        }
    }
}

/* The events' symbols and clusters, which labels keep clear of where they can: symbols first, then
 * clusters, in their order (a label skips its own by index), then the clusters' badges. */
static void
occupy_marks (SitmapExportScene *self, GArray *occupied)
{
  double reach = sitmap_symbol_get_extent (0) / 2;

  for (guint i = 0; i < self->symbols->len; i++)
    {
      const SitmapExportSymbol *symbol = &g_array_index (self->symbols, SitmapExportSymbol, i);

      occupy (occupied, symbol->x - reach, symbol->y - reach, 2 * reach, 2 * reach);
    }
  for (guint badges = 0; badges <= 1; badges++)
    for (guint i = 0; i < self->clusters->len; i++)
      {
        const SitmapExportCluster *cluster = &g_array_index (self->clusters, SitmapExportCluster, i);
        SitmapClusterSymbol        symbol;
        double                     r, offset, badge;

        sitmap_cluster_symbol_init (&symbol, cluster->radius, cluster->n_events, cluster->category_counts,
                                    cluster->dominant);
        sitmap_cluster_symbol_get_parts (&symbol, &r, &offset, &badge);
        if (!badges)
          occupy (occupied, cluster->x - r, cluster->y - r, 2 * r, 2 * r);
        else if (badge > 0)
          occupy (occupied, cluster->x + offset - badge, cluster->y - offset - badge, 2 * badge, 2 * badge);
      }
}

/* The lines of arrows and of labels' leaders, which a text placed over them would hide: small boxes
 * along them. */
static void
occupy_annotation_lines (SitmapExportScene *self, GArray *occupied)
{
  for (guint i = 0; i < self->annotations->len && i < MAX_PLACED_TEXTS; i++)
    {
      SitmapAnnotation    *annotation = g_ptr_array_index (self->annotations, i);
      SitmapAnnotationKind kind = sitmap_annotation_get_kind (annotation);
      double               x0, y0, x1, y1, length, half = sitmap_annotation_get_width (annotation) / 2 + 2;

      if ((kind != SITMAP_ANNOTATION_ARROW && kind != SITMAP_ANNOTATION_LABEL)
          || sitmap_annotation_get_n_points (annotation) != 2)
        continue;
      sitmap_annotation_get_mercator (annotation, 0, &x0, &y0);
      sitmap_annotation_get_mercator (annotation, 1, &x1, &y1);
      _sitmap_export_scene_world_to_page (self, x0, y0, &x0, &y0);
      _sitmap_export_scene_world_to_page (self, x1, y1, &x1, &y1);
      length = hypot (x1 - x0, y1 - y0);
      /* Past the page, a line is not worth a box every few pixels. */
      if (length > 4 * (self->map.width + self->map.height))
        continue;
      for (double t = 0; t <= length; t += 6)
        {
          double x = x0 + (x1 - x0) * t / MAX (length, 1e-9), y = y0 + (y1 - y0) * t / MAX (length, 1e-9);

          if (in_map_rect (self, x, y))
            occupy (occupied, x - half, y - half, 2 * half, 2 * half);
        }
    }
}

typedef struct
{
  GArray *occupied; /* panels, then marks (symbols, clusters, badges), then the labels placed so far */
  guint   n_panels;
  guint   n_marks;  /* occupied[n_panels, n_panels + n_marks) */
} Room;

/* The first of the candidates (rectangles of one size at the given top-left corners) that is inside the
 * map and clear of the panels and the labels placed so far, and if one is, also of every mark but own
 * (the mark the label belongs to, or -1). FALSE when none is clear of the labels and the panels. */
static gboolean
find_room (SitmapExportScene *self, Room *room, const double (*corners)[2], guint n, double width, double height,
           gint own, guint *chosen)
{
  guint marks_end = room->n_panels + room->n_marks, fallback = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      SitmapExportRect rect = { corners[i][0], corners[i][1], width, height };

      if (!inside_map (self, &rect) || overlaps_any (&rect, room->occupied, 0, room->n_panels, -1)
          || overlaps_any (&rect, room->occupied, marks_end, room->occupied->len, -1))
        continue;
      if (!overlaps_any (&rect, room->occupied, room->n_panels, marks_end, own >= 0 ? (gint)room->n_panels + own : -1))
        {
          *chosen = i;
          return TRUE;
        }
      if (fallback == G_MAXUINT)
        fallback = i;
    }
  *chosen = fallback;
  return fallback != G_MAXUINT;
}

/* Where a label of width × height may go near (x, y), whose mark reaches reach: first the places it
 * usually takes (first, given), then around the mark, then further out in steps, with a leader. The
 * corners go to corners (room for 8 + 8 × G_N_ELEMENTS (leader_steps)); their number is returned, and
 * the first that needs a leader in n_near. */
static guint
label_candidates (double x, double y, double reach, double width, double height, const double first[2],
                  double (*corners)[2], guint *n_near)
{
  static const double directions[8][2] = { { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 },
                                           { 1, 0 },  { -1, 0 },  { 0, -1 }, { 0, 1 } };
  guint               n = 0;

  corners[n][0] = first[0], corners[n][1] = first[1], n++;
  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      double dx = directions[d][0], dy = directions[d][1];
      double k = dx != 0 && dy != 0 ? 0.75 : 1;

      /* Touching the mark on that side. */
      corners[n][0] = x + dx * k * reach + (dx > 0 ? 0 : dx < 0 ? -width : -width / 2);
      corners[n][1] = y + dy * k * reach + (dy > 0 ? 0 : dy < 0 ? -height : -height / 2);
      n++;
    }
  *n_near = n;
  for (guint s = 0; s < G_N_ELEMENTS (leader_steps); s++)
    for (guint d = 0; d < G_N_ELEMENTS (directions) - 1; d++)
      {
        double dx = directions[d][0], dy = directions[d][1], out = reach + leader_steps[s];

        corners[n][0] = x + dx * out + (dx > 0 ? 0 : dx < 0 ? -width : -width / 2);
        corners[n][1] = y + dy * out + (dy > 0 ? 0 : dy < 0 ? -height : -height / 2);
        n++;
      }
  return n;
}

static void
add_label (SitmapExportScene *self, Room *room, SitmapExportLabel *label)
{
  g_array_append_val (room->occupied, label->rect);
  g_array_append_val (self->labels, *label);
}

/* A number by its symbol or cluster: at its usual corner, else around it, else further out with a
 * leader; where nothing is clear (a page crowded past reading), at its usual corner. */
static void
place_number (SitmapExportScene *self, PangoContext *context, Room *room, const char *text, double x, double y,
              double reach, const double usual[2], gint own)
{
  double            corners[1 + 8 + 8 * G_N_ELEMENTS (leader_steps)][2];
  double            width, height;
  guint             n, n_near, chosen;
  SitmapExportLabel label = { .kind = SITMAP_EXPORT_LABEL_NUMBER, .text = g_strdup (text) };

  g_object_unref (create_number_layout (context, text, &width, &height));
  n = label_candidates (x, y, reach, width, height, (double[2]){ usual[0], usual[1] - height }, corners, &n_near);
  if (!find_room (self, room, (const double (*)[2])corners, n, width, height, own, &chosen))
    chosen = 0;
  label.rect = (SitmapExportRect){ corners[chosen][0], corners[chosen][1], width, height };
  label.leader = chosen >= n_near;
  label.anchor_x = x;
  label.anchor_y = y;
  add_label (self, room, &label);
}

static void
place_numbers (SitmapExportScene *self, PangoContext *context, Room *room)
{
  double reach = sitmap_symbol_get_extent (0) / 2;

  if (!(self->options.include & SITMAP_EXPORT_NOTES))
    return;
  for (guint i = 0; i < self->symbols->len; i++)
    {
      const SitmapExportSymbol *symbol = &g_array_index (self->symbols, SitmapExportSymbol, i);
      g_autofree char          *text = NULL;
      /* The tag's bottom left on the symbol's top right, as the map has always put it. */
      double usual[2] = { symbol->x + SITMAP_SYMBOL_RADIUS - 1, symbol->y - SITMAP_SYMBOL_RADIUS + 1 };

      if (symbol->number == 0)
        continue;
      text = g_strdup_printf ("%d", symbol->number);
      place_number (self, context, room, text, symbol->x, symbol->y, reach, usual, i);
    }
  for (guint i = 0; i < self->clusters->len; i++)
    {
      const SitmapExportCluster *cluster = &g_array_index (self->clusters, SitmapExportCluster, i);
      double                     usual[2] = { cluster->x + cluster->radius * 0.5, cluster->y + cluster->radius + 12 };

      if (cluster->numbers == NULL)
        continue;
      place_number (self, context, room, cluster->numbers, cluster->x, cluster->y, cluster->radius + 2, usual,
                    self->symbols->len + i);
    }
}

typedef struct
{
  double dx, dy, distance;
} Shift;

static int
compare_shifts (gconstpointer a, gconstpointer b)
{
  const Shift *sa = a, *sb = b;

  return (sa->distance > sb->distance) - (sa->distance < sb->distance);
}

/* The shifts of a text's plate that may clear it of what it would overprint, nearest first: rows of its
 * own height up and down, steps sideways, and combinations of both. */
static guint
text_shifts (double width, double height, Shift *shifts)
{
  const double across[] = { 0, 16, 32, width / 2 + 8, width + 8 };
  guint        n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (across); i++)
    for (int row = -4; row <= 4; row++)
      for (int side = -1; side <= 1; side += 2)
        {
          double dx = side * across[i], dy = row * (height + 4);

          if (i == 0 && side > 0)
            continue;
          shifts[n++] = (Shift){ dx, dy, hypot (dx, 1.5 * dy) };
        }
  qsort (shifts, n, sizeof *shifts, compare_shifts);
  return n;
}

/* An annotation's text where the map writes it, else moved as little as clears it of the numbers and of
 * the texts placed before it, with a leader back to where it belongs once it no longer covers that. */
static void
place_annotation_texts (SitmapExportScene *self, PangoContext *context, Room *room)
{
  guint n_placed = 0;

  for (guint i = 0; i < self->annotations->len; i++)
    {
      SitmapAnnotation *annotation = g_ptr_array_index (self->annotations, i);
      Shift             shifts[5 * 9 * 2];
      double            corners[G_N_ELEMENTS (shifts)][2];
      double            x, y, width, height;
      gboolean          label_kind = sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_LABEL;
      guint             n, chosen = 0;
      SitmapExportLabel label = { .kind = SITMAP_EXPORT_LABEL_ANNOTATION, .annotation = i };

      if (!sitmap_annotation_get_text_box (annotation, self->document, project_cb, self, 1.0, context, &x, &y, &width,
                                           &height, &label.text_scale))
        continue;
      label.rect = (SitmapExportRect){ x, y, width, height };
      if (!rects_overlap (&label.rect, &self->map))
        continue;
      /* Where the words belong: a label's point, or the point under a shape or arrow a caption hangs from. */
      label.anchor_x = x + width / 2;
      label.anchor_y = label_kind ? y + height / 2 : y;
      n = text_shifts (width, height, shifts);
      for (guint k = 0; k < n; k++)
        corners[k][0] = x + shifts[k].dx, corners[k][1] = y + shifts[k].dy;
      if (n_placed++ < MAX_PLACED_TEXTS
          && find_room (self, room, (const double (*)[2])corners, n, width, height, -1, &chosen))
        label.rect = (SitmapExportRect){ corners[chosen][0], corners[chosen][1], width, height };
      label.leader = label.anchor_x < label.rect.x || label.anchor_x > label.rect.x + label.rect.width
                     || label.anchor_y < label.rect.y || label.anchor_y > label.rect.y + label.rect.height;
      add_label (self, room, &label);
    }
}

void
_sitmap_export_scene_place_labels (SitmapExportScene *self, PangoContext *context)
{
  g_autoptr (GArray) occupied = g_array_new (FALSE, FALSE, sizeof (SitmapExportRect));
  Painter p = { self, NULL, context, NULL, occupied };
  Room    room = { occupied, 0, 0 };

  set_font_options (context);
  reserve_panels (&p);
  g_array_append_vals (self->panels, occupied->data, occupied->len);
  room.n_panels = occupied->len;
  occupy_marks (self, occupied);
  occupy_annotation_lines (self, occupied);
  room.n_marks = occupied->len - room.n_panels;
  place_numbers (self, context, &room);
  place_annotation_texts (self, context, &room);
  /* Towns' dots: no name may cover another town's dot. */
  for (guint i = 0; i < self->places->len; i++)
    {
      const SitmapExportPlace *place = &g_array_index (self->places, SitmapExportPlace, i);
      double                   r = sitmap_place_get_dot_radius (place->kind) + TOWN_DOT_ROOM;

      if (is_town (place))
        occupy (occupied, place->x - r, place->y - r, 2 * r, 2 * r);
    }
  for (guint i = 0; i < self->places->len; i++)
    {
      SitmapExportPlace *place = &g_array_index (self->places, SitmapExportPlace, i);
      g_autoptr (PangoLayout) layout = create_place_layout (context, place);
      PangoRectangle logical;

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      if (logical.width <= 0)
        continue;
      if (is_town (place))
        place->labelled = place_town_label (self, occupied, place, logical.width, logical.height, &place->label);
      else
        place->labelled = place_area_label (self, occupied, place, logical.width, logical.height, &place->label);
      if (place->labelled)
        g_array_append_val (occupied, place->label);
    }
}

/* Towns' dots, then the names that found room, with a light halo so that they read on the basemap. */
static void
draw_places (Painter *p)
{
  GArray  *places = p->scene->places;
  cairo_t *cr = p->cr;

  for (guint i = 0; i < places->len; i++)
    {
      const SitmapExportPlace *place = &g_array_index (places, SitmapExportPlace, i);

      if (is_town (place))
        sitmap_place_draw_dot (cr, place->kind, place->x, place->y);
    }
  for (guint i = 0; i < places->len; i++)
    {
      const SitmapExportPlace *place = &g_array_index (places, SitmapExportPlace, i);
      g_autoptr (PangoLayout) layout = NULL;
      PangoRectangle logical;
      double place_ink[4];

      if (!place->labelled)
        continue;
      sitmap_place_get_label_ink (place->area, place_ink);
      layout = create_place_layout (p->context, place);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      show_layout (p, layout, place->label.x - logical.x, place->label.y - logical.y, place_ink,
                   SITMAP_PLACE_LABEL_HALO);
    }
}

/*
 * Around the map: header, timeline strip, notes, footer
 */

static void
draw_header (Painter *p)
{
  SitmapExportScene *self = p->scene;
  g_autoptr (PangoLayout) title = _sitmap_export_create_layout (p->context, self->title, 22, TRUE);
  g_autoptr (PangoLayout) subtitle = _sitmap_export_create_layout (p->context, self->subtitle, 14, FALSE);
  double w, h;

  pango_layout_set_width (title, self->header.width * PANGO_SCALE);
  pango_layout_set_width (subtitle, self->header.width * PANGO_SCALE);
  layout_size (title, &w, &h);
  show_layout (p, title, self->header.x, self->header.y, ink, 0);
  show_layout (p, subtitle, self->header.x, self->header.y + h + 4, grey_ink, 0);
}

typedef enum
{
  TICK_YEARS,
  TICK_MONTHS,
  TICK_DAYS,
} TickUnit;

/* The first tick at or after t: the start of a year, month or day whose number is a multiple of step. */
static GDateTime *
first_tick (gint64 t, TickUnit unit, int step)
{
  g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (t);
  int year, month;

  if (start == NULL)
    return NULL;
  year = g_date_time_get_year (start);
  month = g_date_time_get_month (start);
  if (unit == TICK_YEARS)
    return g_date_time_new_utc ((year / step + 1) * step, 1, 1, 0, 0, 0);
  if (unit == TICK_MONTHS)
    {
      g_autoptr (GDateTime) first = g_date_time_new_utc (year, ((month - 1) / step) * step + 1, 1, 0, 0, 0);

      return g_date_time_add_months (first, step);
    }
  {
    g_autoptr (GDateTime) day = g_date_time_new_utc (year, month, g_date_time_get_day_of_month (start), 0, 0, 0);

    return g_date_time_add_days (day, 1);
  }
}

/* Labels at calendar boundaries, some 70 pixels apart or more. */
static void
draw_time_ticks (Painter *p, double x0, double width, double baseline, gint64 t0, gint64 t1)
{
  static const int steps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200 };
  double           seconds_per_pixel = (double)(t1 - t0) / width;
  TickUnit         unit = seconds_per_pixel * 70 > 150 * 86400 ? TICK_YEARS
                          : seconds_per_pixel * 70 > 6 * 86400 ? TICK_MONTHS
                                                               : TICK_DAYS;
  double           unit_seconds = unit == TICK_YEARS ? 365.25 * 86400 : unit == TICK_MONTHS ? 30.44 * 86400 : 86400;
  g_autoptr (GDateTime) tick = NULL;
  int step = 1;

  for (guint i = 0; i < G_N_ELEMENTS (steps) && unit_seconds * steps[i] / seconds_per_pixel < 70; i++)
    step = i + 1 < G_N_ELEMENTS (steps) ? steps[i + 1] : steps[i];
  if (unit == TICK_MONTHS && step >= 12)
    step = 6;
  tick = first_tick (t0, unit, step);
  for (int i = 0; i < 400 && tick != NULL && g_date_time_to_unix (tick) < t1; i++)
    {
      double           x = x0 + (g_date_time_to_unix (tick) - t0) / seconds_per_pixel;
      g_autofree char *text = NULL;
      g_autoptr (PangoLayout) layout = NULL;
      GDateTime *next;
      double     w, h;

      /* Translators: labels on the timeline strip of an export: a year, a month, a day */
      text = g_date_time_format (tick, unit == TICK_YEARS ? "%Y" : unit == TICK_MONTHS ? _ ("%b %Y") : _ ("%-d %b"));
      layout = _sitmap_export_create_layout (p->context, text, 10, FALSE);
      layout_size (layout, &w, &h);
      cairo_move_to (p->cr, round (x) + 0.5, baseline - 3);
      cairo_line_to (p->cr, round (x) + 0.5, baseline + 3);
      cairo_set_source_rgba (p->cr, grey_ink[0], grey_ink[1], grey_ink[2], 1);
      cairo_set_line_width (p->cr, 1);
      cairo_stroke (p->cr);
      if (x - w / 2 > x0 && x + w / 2 < x0 + width)
        show_layout (p, layout, x - w / 2, baseline + 3, grey_ink, 0);
      next = unit == TICK_YEARS    ? g_date_time_add_years (tick, step)
             : unit == TICK_MONTHS ? g_date_time_add_months (tick, step)
                                   : g_date_time_add_days (tick, step);
      g_date_time_unref (tick);
      tick = next;
    }
}

/* Marks where they have room: each event as the whole span it may fall in, so that a date known to the
 * month is a pale month-long bar and not a precise day. */
static gboolean
draw_marks (Painter *p, double x0, double top, double width, double height, gint64 t0, gint64 t1)
{
  GArray *marks = p->scene->marks;
  double  lane_ends[6], lane_height = height / G_N_ELEMENTS (lane_ends);
  double  scale = width / (double)(t1 - t0);

  for (guint l = 0; l < G_N_ELEMENTS (lane_ends); l++)
    lane_ends[l] = -G_MAXDOUBLE;
  if (p->scene->histogram != NULL)
    return FALSE;
  for (guint i = 0; i < marks->len; i++)
    {
      const SitmapExportMark *mark = &g_array_index (marks, SitmapExportMark, i);
      double                  a = x0 + MAX (0, (double)(mark->start - t0)) * scale;
      double                  b = x0 + MIN ((double)(t1 - t0), (double)(MIN (mark->end, t1) - t0)) * scale;
      gboolean exact = mark->precision == SITMAP_TIME_PRECISION_EXACT || mark->precision == SITMAP_TIME_PRECISION_DAY;
      guint    lane = 0;

      if (mark->end <= t0 || mark->start >= t1)
        continue;
      b = MAX (b, a + 3);
      while (lane + 1 < G_N_ELEMENTS (lane_ends) && lane_ends[lane] > a - 1)
        lane++;
      lane_ends[lane] = MAX (lane_ends[lane], b);
      cairo_rectangle (p->cr, a, top + height - (lane + 1) * lane_height + 1, b - a, lane_height - 2);
      set_category_source (p->cr, mark->category, exact ? 1 : 0.25);
      cairo_fill_preserve (p->cr);
      set_category_source (p->cr, mark->category, 1);
      cairo_set_line_width (p->cr, 1);
      cairo_stroke (p->cr);
    }
  return TRUE;
}

/* Too many events for marks: the histogram of their starts, stacked by category. */
static void
draw_histogram (Painter *p, double x0, double top, double width, double height)
{
  SitmapExportScene *self = p->scene;
  const guint32     *counts = self->histogram;
  double             bin_width = width / MAX (self->n_bins, 1);
  guint32            max = 1;

  if (counts == NULL)
    return;
  for (guint b = 0; b < self->n_bins; b++)
    {
      guint32 sum = 0;

      for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
        sum += counts[b * SITMAP_N_CATEGORIES + c];
      max = MAX (max, sum);
    }
  for (guint b = 0; b < self->n_bins; b++)
    {
      double y = top + height;

      for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
        {
          double h = height * counts[b * SITMAP_N_CATEGORIES + c] / max;

          if (h <= 0)
            continue;
          cairo_rectangle (p->cr, x0 + b * bin_width, y - h, bin_width - 0.5, h);
          set_category_source (p->cr, c, 1);
          cairo_fill (p->cr);
          y -= h;
        }
    }
}

static void
draw_timeline (Painter *p)
{
  SitmapExportScene *self = p->scene;
  SitmapExportRect  *r = &self->timeline;
  gint64             t0 = self->range_start, t1 = self->range_end;
  double             bar_top = r->y + 6, bar_height = r->height - 26, baseline = bar_top + bar_height;

  rounded_rect (p->cr, r->x, r->y, r->width, r->height, 6);
  cairo_set_source_rgb (p->cr, 0.965, 0.961, 0.957);
  cairo_fill (p->cr);
  if (t1 <= t0)
    return;
  cairo_save (p->cr);
  cairo_rectangle (p->cr, r->x + 8, bar_top, r->width - 16, bar_height);
  cairo_clip (p->cr);
  if (!draw_marks (p, r->x + 8, bar_top, r->width - 16, bar_height, t0, t1))
    draw_histogram (p, r->x + 8, bar_top, r->width - 16, bar_height);
  cairo_restore (p->cr);
  cairo_move_to (p->cr, r->x + 8, baseline + 0.5);
  cairo_line_to (p->cr, r->x + r->width - 8, baseline + 0.5);
  cairo_set_source_rgba (p->cr, grey_ink[0], grey_ink[1], grey_ink[2], 1);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
  draw_time_ticks (p, r->x + 8, r->width - 16, baseline, t0, t1);
}

static void
draw_notes (Painter *p)
{
  SitmapExportScene *self = p->scene;
  SitmapExportRect  *r = &self->notes_area;
  double             column_width = (r->width - (self->note_columns - 1) * 24.0) / self->note_columns;
  g_autofree char   *heading_text = NULL;
  g_autoptr (PangoLayout) heading = NULL;

  if (self->n_notes_shown < self->n_visible)
    heading_text
        = g_strdup_printf (_ ("Events and their sources (%u of %u listed)"), self->n_notes_shown, self->n_visible);
  else
    heading_text = g_strdup (_ ("Events and their sources"));
  heading = _sitmap_export_create_layout (p->context, heading_text, 13, TRUE);
  show_layout (p, heading, r->x, r->y, ink, 0);
  for (guint i = 0; i < self->n_notes_shown; i++)
    {
      const SitmapExportNote *note = &g_array_index (self->notes, SitmapExportNote, i);
      g_autoptr (PangoLayout) layout = _sitmap_export_create_note_layout (p->context, note, column_width);

      show_layout (p, layout, r->x + note->column * (column_width + 24), r->y + 22 + note->top, ink, 0);
    }
}

static void
draw_footer (Painter *p)
{
  SitmapExportScene *self = p->scene;
  /* Translators: the date and time on an export, see g_date_time_format() */
  g_autofree char *when = g_date_time_format (self->options.now, _ ("%-d %B %Y, %H:%M"));
  g_autofree char *text
      = self->document_name != NULL
            ? g_strdup_printf (_ ("Exported on %s from %s with Sitmap %s"), when, self->document_name, PACKAGE_VERSION)
            : g_strdup_printf (_ ("Exported on %s with Sitmap %s"), when, PACKAGE_VERSION);
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (p->context, text, 10, FALSE);

  show_layout (p, layout, self->footer.x, self->footer.y, grey_ink, 0);
}

/*
 * The page
 */

static void
draw_map (Painter *p)
{
  SitmapExportScene  *self = p->scene;
  SitmapExportInclude include = self->options.include;
  cairo_t            *cr = p->cr;

  cairo_save (cr);
  cairo_rectangle (cr, self->map.x, self->map.y, self->map.width, self->map.height);
  cairo_clip (cr);
  draw_tiles (p);
  draw_places (p);
  draw_events (p);
  draw_annotations (p);
  if (include & SITMAP_EXPORT_LEGEND)
    draw_legend (p, FALSE);
  if (include & SITMAP_EXPORT_SCALE_BAR)
    draw_scale_bar (p);
  if (include & SITMAP_EXPORT_NORTH_ARROW)
    draw_north_arrow (p);
  draw_attribution (p, FALSE);
  /* Last: nothing covers a number or an annotation's words. */
  draw_labels (p);
  cairo_restore (cr);
  cairo_rectangle (cr, self->map.x - 0.5, self->map.y - 0.5, self->map.width + 1, self->map.height + 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

void
_sitmap_export_scene_draw_page (SitmapExportScene *self, cairo_t *cr, SitmapExportTextSink *sink)
{
  PangoContext       *context = pango_cairo_create_context (cr);
  SitmapExportInclude include = self->options.include;
  Painter             p = { self, cr, context, sink, NULL };

  set_font_options (context);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->page_width, self->page_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  if (include & SITMAP_EXPORT_TITLE)
    draw_header (&p);
  draw_map (&p);
  if (include & SITMAP_EXPORT_TIMELINE)
    draw_timeline (&p);
  if ((include & SITMAP_EXPORT_NOTES) && self->n_notes_shown > 0)
    draw_notes (&p);
  if (include & SITMAP_EXPORT_EXPORTED_ON)
    draw_footer (&p);
  cairo_restore (cr);
  g_object_unref (context);
}
