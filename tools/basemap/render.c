/* render.c: draws Sitmap's offline basemap into an MBTiles file
 *
 * Copyright 2024 The Sitmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the file prepare.py writes (shorelines, lakes, rivers, borders and names, in degrees),
 * projects it to Web Mercator and draws, zoom by zoom, metatiles of up to 8×8 tiles with cairo and
 * pango, then cuts them into 256×256 tiles, quantises each to a palette with libimagequant and
 * stores it, once per distinct image, in an MBTiles 1.3 file (map + images tables and a tiles
 * view, as MBUtil writes them).
 *
 * Names are laid out once per zoom over the whole map, highest priority first, each where it hits
 * no name already placed; a metatile then draws every placed name that touches it. So names and
 * lines run seamlessly across tile edges.
 *
 * Usage: render INPUT.txt OUTPUT.mbtiles [FIRST_ZOOM LAST_ZOOM]
 * (a range of zooms is for trying out a style: the basemap has them all)
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libimagequant.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <sqlite3.h>

#define TILE 256
#define META 8
#define MAX_ZOOM 12
#define MERCATOR_LAT 85.0511287798

/*
 * Coverage
 */

typedef struct
{
  double west, south, east, north;
} Box;

/* Where tiles exist: the world to zoom 5, the Middle East to 8, the Levant and Iraq (with southern
 * Turkey) to 10, Syria to 12. The tests (tests/basemap) check the same boxes. */
static const Box world_box = { -180.0, -MERCATOR_LAT, 180.0, MERCATOR_LAT };
static const Box middle_east_box = { 26.0, 24.0, 56.0, 42.0 };
static const Box levant_box = { 34.0, 29.0, 48.8, 38.5 };
static const Box syria_box = { 35.5, 32.2, 42.5, 37.5 };

static const Box *
coverage_for_zoom (int z)
{
  if (z <= 5)
    return &world_box;
  if (z <= 8)
    return &middle_east_box;
  if (z <= 10)
    return &levant_box;
  return &syria_box;
}

/*
 * Style: a quiet GNOME palette, so the event symbols (Okabe-Ito colours) stay the loudest thing.
 */

typedef struct
{
  double r, g, b;
} Rgb;

#define RGB(hex)                                                                                                       \
  {                                                                                                                    \
    ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex)&0xff) / 255.0                                    \
  }

static const Rgb land_color = RGB (0xf6f5f4);
static const Rgb water_color = RGB (0xcddbe6);
static const Rgb shore_color = RGB (0xb3c7d8);
static const Rgb river_color = RGB (0xa3bdd4);
static const Rgb border_color = RGB (0x9a9996);
static const Rgb border_band_color = RGB (0xe6e2e8);
static const Rgb text_color = RGB (0x3d3846);
static const Rgb country_text_color = RGB (0x85828c);
static const Rgb water_text_color = RGB (0x5d7d9c);
static const Rgb dot_color = RGB (0x5e5c64);

static void
set_color (cairo_t *cr, const Rgb *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, alpha);
}

/*
 * Data
 */

typedef enum
{
  LAYER_LAND_C,
  LAYER_LAND_L,
  LAYER_LAND_I,
  LAYER_LAND_H,
  LAYER_LAND_F,
  LAYER_RIVER_L,
  LAYER_RIVER_I,
  LAYER_RIVER_H,
  LAYER_RIVER_F,
  LAYER_BORDER_50M,
  LAYER_BORDER_10M,
  LAYER_RIVER_NAMED,
  N_LAYERS
} Layer;

static const char *layer_names[N_LAYERS] = {
  "land-c",  "land-l",  "land-i",  "land-h",     "land-f",     "river-l",
  "river-i", "river-h", "river-f", "border-50m", "border-10m", "named",
};

/* A line or ring, in pixels of the zoom-0 world (256 px wide). */
typedef struct
{
  int     level;
  int     n;
  double *xy;
  double  x0, y0, x1, y1;
  char   *name;
} Shape;

typedef enum
{
  NAME_COUNTRY,
  NAME_PLACE,
  NAME_WATER,
} NameKind;

typedef struct
{
  NameKind kind;
  int      rank; /* places: 0 capital … 4 village */
  double   r0;   /* countries and water: the radius of the largest inner circle, at zoom 0 */
  double   x, y;
  char    *text;
} Name;

typedef struct
{
  GArray *shapes[N_LAYERS]; /* of Shape */
  GArray *names;            /* of Name */
} Data;

static void
project (double lon, double lat, double *x, double *y)
{
  lat = CLAMP (lat, -MERCATOR_LAT, MERCATOR_LAT);
  *x = (lon + 180.0) / 360.0 * TILE;
  *y = (1.0 - log (tan (lat * G_PI / 180.0) + 1.0 / cos (lat * G_PI / 180.0)) / G_PI) / 2.0 * TILE;
}

static Layer
layer_from_name (const char *name)
{
  for (int i = 0; i < N_LAYERS; i++)
    if (g_str_equal (layer_names[i], name))
      return i;
  g_error ("unknown layer %s", name);
}

static void
read_points (FILE *f, Shape *s)
{
  s->xy = g_new (double, 2 * s->n);
  s->x0 = s->y0 = G_MAXDOUBLE;
  s->x1 = s->y1 = -G_MAXDOUBLE;
  for (int i = 0; i < s->n; i++)
    {
      double lon, lat;

      if (fscanf (f, "%lf %lf\n", &lon, &lat) != 2)
        g_error ("input: a line or ring ends early");
      project (lon, lat, &s->xy[2 * i], &s->xy[2 * i + 1]);
      s->x0 = MIN (s->x0, s->xy[2 * i]);
      s->x1 = MAX (s->x1, s->xy[2 * i]);
      s->y0 = MIN (s->y0, s->xy[2 * i + 1]);
      s->y1 = MAX (s->y1, s->xy[2 * i + 1]);
    }
}

/* The text after the first @skip fields of a line, without its newline. */
static char *
rest_of_line (const char *line, int skip)
{
  const char *p = line;

  for (int i = 0; i < skip; i++)
    {
      p = strchr (p, ' ');
      g_assert (p != NULL);
      p++;
    }
  return g_strchomp (g_strdup (p));
}

static void
read_name (Data *data, const char *line)
{
  Name   name = { 0 };
  double a, lon, lat;

  if (sscanf (line + 2, "%lf %lf %lf", &a, &lon, &lat) != 3)
    g_error ("input: bad name record: %s", line);
  name.kind = line[0] == 'C' ? NAME_COUNTRY : line[0] == 'T' ? NAME_PLACE : NAME_WATER;
  name.rank = (int)a;
  name.r0 = a;
  project (lon, lat, &name.x, &name.y);
  name.text = rest_of_line (line, 4);
  g_array_append_val (data->names, name);
}

static void
read_input (Data *data, const char *path)
{
  FILE *f = fopen (path, "r");
  char  line[1024];

  if (f == NULL)
    g_error ("%s: %s", path, g_strerror (errno));
  for (int i = 0; i < N_LAYERS; i++)
    data->shapes[i] = g_array_new (FALSE, TRUE, sizeof (Shape));
  data->names = g_array_new (FALSE, TRUE, sizeof (Name));

  while (fgets (line, sizeof line, f) != NULL)
    {
      Shape s = { 0 };
      char  layer[32];

      if (line[0] == 'G' && sscanf (line, "G %31s %d %d", layer, &s.level, &s.n) == 3)
        {
          read_points (f, &s);
          g_array_append_val (data->shapes[layer_from_name (layer)], s);
        }
      else if (line[0] == 'V' && sscanf (line, "V %d", &s.n) == 1)
        {
          s.name = rest_of_line (line, 2);
          read_points (f, &s);
          g_array_append_val (data->shapes[LAYER_RIVER_NAMED], s);
        }
      else if (strchr ("CTW", line[0]) != NULL && line[1] == ' ')
        read_name (data, line);
      else
        g_error ("input: unknown record: %s", line);
    }
  fclose (f);
}

/*
 * Drawing the geometry of one metatile
 */

/* What a metatile covers, in pixels of its zoom. */
typedef struct
{
  int    z;
  double scale; /* zoom-0 pixels to this zoom's pixels */
  double x, y, width, height;
} View;

static gboolean
shape_visible (const Shape *s, const View *v, double pad)
{
  return s->x1 * v->scale >= v->x - pad && s->x0 * v->scale <= v->x + v->width + pad && s->y1 * v->scale >= v->y - pad
         && s->y0 * v->scale <= v->y + v->height + pad;
}

static void
shape_path (cairo_t *cr, const Shape *s, const View *v, gboolean close)
{
  cairo_new_path (cr);
  cairo_move_to (cr, s->xy[0] * v->scale - v->x, s->xy[1] * v->scale - v->y);
  for (int i = 1; i < s->n; i++)
    cairo_line_to (cr, s->xy[2 * i] * v->scale - v->x, s->xy[2 * i + 1] * v->scale - v->y);
  if (close)
    cairo_close_path (cr);
}

static Layer
land_layer (int z)
{
  if (z <= 1)
    return LAYER_LAND_C;
  if (z <= 3)
    return LAYER_LAND_L;
  if (z <= 6)
    return LAYER_LAND_I;
  if (z <= 9)
    return LAYER_LAND_H;
  return LAYER_LAND_F;
}

/* Land, then lakes in it, islands in those and ponds on them: GSHHG's levels 1-4. */
static void
draw_land (cairo_t *cr, const Data *data, const View *v)
{
  GArray *rings = data->shapes[land_layer (v->z)];
  double  shore = v->z < 4 ? 0.0 : v->z < 8 ? 0.6 : 0.9;

  set_color (cr, &water_color, 1.0);
  cairo_paint (cr);
  for (int level = 1; level <= 4; level++)
    for (guint i = 0; i < rings->len; i++)
      {
        const Shape *s = &g_array_index (rings, Shape, i);

        if (s->level != level || !shape_visible (s, v, 2))
          continue;
        shape_path (cr, s, v, TRUE);
        set_color (cr, level % 2 ? &land_color : &water_color, 1.0);
        if (shore > 0)
          {
            cairo_fill_preserve (cr);
            set_color (cr, &shore_color, 1.0);
            cairo_set_line_width (cr, shore);
            cairo_stroke (cr);
          }
        else
          cairo_fill (cr);
      }
}

/* How wide a river of GSHHG class @level is drawn at zoom @z; 0 hides it. */
static double
river_width (int level, int z)
{
  static const double base[11] = { 1.2, 1.2, 0.9, 0.7, 0.55, 0.7, 0.6, 0.5, 0.8, 0.6, 0.5 };
  static const int    from_zoom[11] = { 7, 3, 5, 7, 9, 9, 9, 11, 9, 9, 11 };
  double              grow;

  if (level < 0 || level > 10 || z < from_zoom[level])
    return 0.0;
  /* The big rivers grow with the zoom, as they would on a paper map. */
  grow = level <= 2 ? 1.0 + MAX (0, z - 6) * 0.3 : 1.0 + MAX (0, z - 9) * 0.15;
  return base[level] * grow;
}

static Layer
river_layer (int z)
{
  if (z <= 4)
    return LAYER_RIVER_L;
  if (z <= 6)
    return LAYER_RIVER_I;
  if (z <= 9)
    return LAYER_RIVER_H;
  return LAYER_RIVER_F;
}

static void
draw_rivers (cairo_t *cr, const Data *data, const View *v)
{
  GArray *lines = data->shapes[river_layer (v->z)];

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* The small ones first, so that the big rivers run over them. */
  for (int level = 10; level >= 0; level--)
    {
      double   width = river_width (level, v->z);
      gboolean intermittent = level >= 5 && level <= 7;

      if (width <= 0)
        continue;
      for (guint i = 0; i < lines->len; i++)
        {
          const Shape *s = &g_array_index (lines, Shape, i);

          if (s->level != level || !shape_visible (s, v, 4))
            continue;
          shape_path (cr, s, v, FALSE);
          set_color (cr, &river_color, intermittent ? 0.8 : 1.0);
          cairo_set_line_width (cr, width);
          if (intermittent)
            cairo_set_dash (cr, (double[]){ 3.0, 2.5 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

/* A soft band under a thin dashed line: a border reads at a glance but shouts at no one. */
static void
draw_borders (cairo_t *cr, const Data *data, const View *v)
{
  GArray *lines = data->shapes[v->z <= 4 ? LAYER_BORDER_50M : LAYER_BORDER_10M];
  double  band = v->z < 5 ? 0.0 : v->z < 8 ? 4.0 : 6.0;
  double  width = v->z < 3 ? 0.5 : v->z < 6 ? 0.7 : 1.0;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < lines->len; i++)
      {
        const Shape *s = &g_array_index (lines, Shape, i);

        if (!shape_visible (s, v, 8))
          continue;
        shape_path (cr, s, v, FALSE);
        if (pass == 0 && band > 0)
          {
            set_color (cr, &border_band_color, 0.8);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_line_width (cr, band);
            cairo_stroke (cr);
          }
        else if (pass == 1)
          {
            set_color (cr, &border_color, v->z < 5 ? 0.7 : 1.0);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
            cairo_set_line_width (cr, width);
            if (v->z >= 5)
              cairo_set_dash (cr, (double[]){ 5.0, 2.0, 1.0, 2.0 }, 4, 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
        else
          cairo_new_path (cr);
      }
}

/*
 * Names: one layout per zoom
 */

typedef struct
{
  double x0, y0, x1, y1;
} Rect;

/* A name placed at one zoom, in that zoom's pixels. */
typedef struct
{
  const Name  *name;
  PangoLayout *layout;
  double       x, y;  /* the layout's centre */
  double       angle; /* radians, for names along rivers */
  double       dot_x, dot_y, dot_r;
  const Rgb   *color;
  Rect         box;
  const char  *river; /* the river a letter names, or NULL */
} Placed;

typedef struct
{
  int           z;
  PangoContext *context;
  GArray       *placed; /* of Placed */
  GArray       *taken;  /* of Rect: the placed names and dots */
} Labels;

static gboolean
rects_overlap (const Rect *a, const Rect *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static gboolean
rect_free (const Labels *l, const Rect *r)
{
  for (guint i = 0; i < l->taken->len; i++)
    if (rects_overlap (&g_array_index (l->taken, Rect, i), r))
      return FALSE;
  return TRUE;
}

static void
take (Labels *l, Rect r)
{
  g_array_append_val (l->taken, r);
}

static PangoLayout *
make_layout (Labels *l, const char *text, double px, PangoWeight weight, gboolean italic, int spacing)
{
  PangoLayout          *layout = pango_layout_new (l->context);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell");
  PangoAttrList        *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  if (spacing > 0)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (spacing * PANGO_SCALE));
  pango_layout_set_attributes (layout, attrs);
  /* Text from the data is drawn as text, never parsed as markup. */
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_attr_list_unref (attrs);
  pango_font_description_free (font);
  return layout;
}

static void
layout_size (PangoLayout *layout, double *w, double *h)
{
  PangoRectangle ink, logical;

  pango_layout_get_extents (layout, &ink, &logical);
  *w = (double)logical.width / PANGO_SCALE;
  *h = (double)logical.height / PANGO_SCALE;
}

/* A long country name breaks over two lines, at the space nearest its middle, rather than run
 * over its neighbours. */
static char *
country_text (const char *name)
{
  char  *text = g_utf8_strup (name, -1);
  size_t length = strlen (text);
  char  *best = NULL;

  if (length < 12)
    return text;
  for (char *p = strchr (text, ' '); p != NULL; p = strchr (p + 1, ' '))
    if (best == NULL || labs ((long)(p - text) * 2 - (long)length) < labs ((long)(best - text) * 2 - (long)length))
      best = p;
  if (best != NULL)
    *best = '\n';
  return text;
}

/* At the centre of the country's widest part, or if a name is there, a little off it. */
static void
place_country (Labels *l, const Name *n, double scale)
{
  static const double offsets[][2] = { { 0, 0 },       { 0, -0.4 },   { 0, 0.4 },    { -0.4, 0 }, { 0.4, 0 },
                                       { -0.3, -0.3 }, { 0.3, -0.3 }, { -0.3, 0.3 }, { 0.3, 0.3 } };
  g_autofree char    *text = country_text (n->text);
  double              px = l->z <= 3 ? 10.0 : l->z <= 5 ? 11.0 : 12.5;
  PangoLayout        *layout = make_layout (l, text, px, PANGO_WEIGHT_BOLD, FALSE, l->z >= 4 ? 1 : 0);
  double              w, h, r = n->r0 * scale;

  layout_size (layout, &w, &h);
  /* Only where the name fits inside the country's widest part. */
  for (guint i = 0; r * 2.2 >= w && i < G_N_ELEMENTS (offsets); i++)
    {
      double x = n->x * scale + offsets[i][0] * r, y = n->y * scale + offsets[i][1] * r;
      Rect   box = { x - w / 2 - 2, y - h / 2 - 1, x + w / 2 + 2, y + h / 2 + 1 };

      if (!rect_free (l, &box))
        continue;
      take (l, box);
      g_array_append_val (l->placed, ((Placed){ n, layout, x, y, 0, 0, 0, 0, &country_text_color, box }));
      return;
    }
  g_object_unref (layout);
}

static void
place_water (Labels *l, const Name *n, double scale)
{
  gboolean     sea = strstr (n->text, "Sea") != NULL || strstr (n->text, "Gulf") != NULL;
  double       px = sea ? (l->z <= 4 ? 11.0 : 12.5) : 11.0;
  PangoLayout *layout = make_layout (l, n->text, px, PANGO_WEIGHT_NORMAL, TRUE, sea ? 1 : 0);
  double       w, h, x = n->x * scale, y = n->y * scale;
  Rect         box;

  layout_size (layout, &w, &h);
  box = (Rect){ x - w / 2 - 2, y - h / 2 - 1, x + w / 2 + 2, y + h / 2 + 1 };
  if ((sea && l->z < 3) || n->r0 * scale * 2.0 < w * 0.9 || !rect_free (l, &box))
    {
      g_object_unref (layout);
      return;
    }
  take (l, box);
  g_array_append_val (l->placed, ((Placed){ n, layout, x, y, 0, 0, 0, 0, &water_text_color, box }));
}

/* The first zoom at which places of each rank are named. */
static const int place_from_zoom[5] = { 3, 6, 7, 8, 9 };

static void
place_place (Labels *l, const Name *n, double scale)
{
  static const double size[5] = { 12.5, 12.0, 11.5, 11.0, 10.5 };
  static const double dot[5] = { 3.2, 2.8, 2.4, 2.2, 1.9 };
  int                 rank = CLAMP (n->rank, 0, 4);
  PangoWeight         weight = rank <= 1 ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL;
  double              px = size[rank] + (l->z >= 10 ? 0.5 : 0.0);
  PangoLayout        *layout = make_layout (l, n->text, px, weight, FALSE, 0);
  double              w, h, x = n->x * scale, y = n->y * scale, r = dot[rank];
  Rect                dot_box = { x - r - 1, y - r - 1, x + r + 1, y + r + 1 };

  layout_size (layout, &w, &h);
  if (rect_free (l, &dot_box))
    {
      /* Right of the dot, then left, above and below. */
      double gap = r + 3.0;
      double cx[4] = { x + gap + w / 2, x - gap - w / 2, x, x };
      double cy[4] = { y, y, y - gap - h / 2 + 2, y + gap + h / 2 - 2 };

      for (int i = 0; i < 4; i++)
        {
          Rect box = { cx[i] - w / 2 - 1, cy[i] - h / 2 + 1, cx[i] + w / 2 + 1, cy[i] + h / 2 - 1 };

          if (!rect_free (l, &box))
            continue;
          take (l, box);
          take (l, dot_box);
          g_array_append_val (l->placed, ((Placed){ n, layout, cx[i], cy[i], 0, x, y, r, &text_color, box }));
          return;
        }
    }
  g_object_unref (layout);
}

/* A named river's line at one zoom: its points in that zoom's pixels and the distance walked to
 * each. */
typedef struct
{
  int     n;
  double *x, *y, *s;
} Path;

static void
path_init (Path *p, const Shape *line, double scale)
{
  p->n = line->n;
  p->x = g_new (double, p->n);
  p->y = g_new (double, p->n);
  p->s = g_new (double, p->n);
  for (int i = 0; i < p->n; i++)
    {
      p->x[i] = line->xy[2 * i] * scale;
      p->y[i] = line->xy[2 * i + 1] * scale;
      p->s[i] = i == 0 ? 0 : p->s[i - 1] + hypot (p->x[i] - p->x[i - 1], p->y[i] - p->y[i - 1]);
    }
}

static void
path_clear (Path *p)
{
  g_free (p->x);
  g_free (p->y);
  g_free (p->s);
}

static void
path_point (const Path *p, double s, double *x, double *y)
{
  int lo = 0, hi = p->n - 1;

  s = CLAMP (s, 0, p->s[p->n - 1]);
  while (hi - lo > 1)
    {
      int mid = (lo + hi) / 2;

      if (p->s[mid] <= s)
        lo = mid;
      else
        hi = mid;
    }
  {
    double t = p->s[hi] > p->s[lo] ? (s - p->s[lo]) / (p->s[hi] - p->s[lo]) : 0;

    *x = p->x[lo] + t * (p->x[hi] - p->x[lo]);
    *y = p->y[lo] + t * (p->y[hi] - p->y[lo]);
  }
}

/* How far either way the line is smoothed under a name: a meander's wiggles would otherwise
 * scatter its letters. */
#define SMOOTHING 16.0

/* The line's direction at distance @s, smoothed. */
static double
path_angle (const Path *p, double s)
{
  double ax, ay, bx, by;

  path_point (p, s - SMOOTHING, &ax, &ay);
  path_point (p, s + SMOOTHING, &bx, &by);
  return atan2 (by - ay, bx - ax);
}

/* The middle of the smoothed line at distance @s. */
static void
path_smooth_point (const Path *p, double s, double *x, double *y)
{
  double ax, ay, bx, by, cx, cy;

  path_point (p, s - SMOOTHING, &ax, &ay);
  path_point (p, s, &cx, &cy);
  path_point (p, s + SMOOTHING, &bx, &by);
  *x = (ax + 2 * cx + bx) / 4;
  *y = (ay + 2 * cy + by) / 4;
}

static double
angle_difference (double a, double b)
{
  double d = fmod (a - b + 3 * G_PI, 2 * G_PI) - G_PI;

  return fabs (d);
}

/* One letter of a name set along a line. */
typedef struct
{
  PangoLayout *layout;
  double       offset; /* where the letter's middle is in the whole name */
  double       width, height;
} Letter;

/* Tries to set the letters along the path from distance @s0, reading left to right, beside the
 * line; adds them to the layout and returns TRUE if the line bends gently enough there and nothing
 * is in the way. */
static gboolean
place_along (Labels *l, const Path *path, double s0, const Letter *letters, int n, double total, const char *river)
{
  double   first = path_angle (path, s0), last = path_angle (path, s0 + total);
  gboolean reverse = angle_difference ((first + last) / 2, 0) > G_PI / 2 && angle_difference (first, 0) > G_PI / 2
                     && angle_difference (last, 0) > G_PI / 2;
  g_autofree Placed *placed = g_new0 (Placed, n);
  double             previous = 0;

  for (int i = 0; i < n; i++)
    {
      double mid = letters[i].offset;
      double s = reverse ? s0 + total - mid : s0 + mid;
      double angle = path_angle (path, s) + (reverse ? G_PI : 0);
      double x, y, half = letters[i].height / 2 + 2.0, r = MAX (letters[i].width, letters[i].height) / 2;

      /* Too sharp a bend between two letters, or upside down: not here. */
      if ((i > 0 && angle_difference (angle, previous) > 0.35) || angle_difference (angle, 0) > G_PI * 0.6)
        return FALSE;
      path_smooth_point (path, s, &x, &y);
      x += sin (angle) * half;
      y -= cos (angle) * half;
      placed[i]
          = (Placed){ NULL, letters[i].layout, x, y, angle, 0, 0, 0, &water_text_color, { x - r, y - r, x + r, y + r },
                      river };
      if (!rect_free (l, &placed[i].box))
        return FALSE;
      previous = angle;
    }
  for (int i = 0; i < n; i++)
    {
      g_object_ref (placed[i].layout);
      take (l, placed[i].box);
      g_array_append_val (l->placed, placed[i]);
    }
  return TRUE;
}

/* A layout per letter (one per character: the river names are plain Latin text), spaced as in the
 * whole name laid out at once, kerning and all. Letter-spaced italics, as rivers are named on
 * paper maps. */
static Letter *
make_letters (Labels *l, const char *text, int *n, double *total)
{
  PangoLayout *whole = make_layout (l, text, 11.0, PANGO_WEIGHT_NORMAL, TRUE, 1);
  Letter      *letters = g_new0 (Letter, g_utf8_strlen (text, -1));
  double       height;

  layout_size (whole, total, &height);
  *n = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);
      Letter          *letter = &letters[(*n)++];
      PangoRectangle   pos;

      pango_layout_index_to_pos (whole, p - text, &pos);
      letter->layout = make_layout (l, one, 11.0, PANGO_WEIGHT_NORMAL, TRUE, 0);
      layout_size (letter->layout, &letter->width, &letter->height);
      letter->offset = (pos.x + pos.width / 2.0) / PANGO_SCALE;
    }
  g_object_unref (whole);
  return letters;
}

/* Whether a name of this river is already within @distance of (x, y). */
static gboolean
river_named_near (const Labels *l, const char *name, double x, double y, double distance)
{
  for (guint i = 0; i < l->placed->len; i++)
    {
      const Placed *p = &g_array_index (l->placed, Placed, i);

      if (p->river != NULL && g_str_equal (p->river, name) && hypot (p->x - x, p->y - y) < distance)
        return TRUE;
    }
  return FALSE;
}

static void
place_river_names (Labels *l, const Data *data, double scale)
{
  GArray    *lines = data->shapes[LAYER_RIVER_NAMED];
  const Box *box = coverage_for_zoom (l->z);
  double     bx0, by0, bx1, by1;

  if (l->z < 7)
    return;
  project (box->west, box->north, &bx0, &by0);
  project (box->east, box->south, &bx1, &by1);
  for (guint i = 0; i < lines->len; i++)
    {
      const Shape *line = &g_array_index (lines, Shape, i);
      int          n;
      double       total, next = 120.0;
      Letter      *letters = make_letters (l, line->name, &n, &total);
      Path         path;

      path_init (&path, line, scale);
      /* Every 400 px or so along the river, where it runs gently enough for the name. */
      for (double s = next; s + total < path.s[path.n - 1]; s += 20.0)
        {
          double x, y;

          if (s < next)
            continue;
          path_point (&path, s, &x, &y);
          if (x < bx0 * scale || x > bx1 * scale || y < by0 * scale || y > by1 * scale)
            continue;
          /* One name every 400 px or so, whichever of the river's lines it is on. */
          if (river_named_near (l, line->name, x, y, 400.0))
            continue;
          if (place_along (l, &path, s, letters, n, total, line->name))
            next = s + total + 400.0;
        }
      path_clear (&path);
      for (int k = 0; k < n; k++)
        g_object_unref (letters[k].layout);
      g_free (letters);
    }
}

static gboolean
name_in_view (const Name *n, const Labels *l, double scale)
{
  const Box *box = coverage_for_zoom (l->z);
  double     x0, y0, x1, y1, margin = 300.0;

  project (box->west, box->north, &x0, &y0);
  project (box->east, box->south, &x1, &y1);
  return n->x * scale >= x0 * scale - margin && n->x * scale <= x1 * scale + margin
         && n->y * scale >= y0 * scale - margin && n->y * scale <= y1 * scale + margin;
}

static void
place_names_of (Labels *l, const Data *data, NameKind kind, int rank)
{
  double scale = (double)(1 << l->z);

  for (guint i = 0; i < data->names->len; i++)
    {
      const Name *n = &g_array_index (data->names, Name, i);

      if (n->kind != kind || !name_in_view (n, l, scale))
        continue;
      if (kind == NAME_COUNTRY && l->z >= 2 && l->z <= 8)
        place_country (l, n, scale);
      else if (kind == NAME_WATER)
        place_water (l, n, scale);
      else if (kind == NAME_PLACE && n->rank == rank && l->z >= place_from_zoom[rank])
        place_place (l, n, scale);
    }
}

/* Highest priority first. Up to zoom 5 the countries and seas, then the capitals; from zoom 6 the
 * capitals and cities, the countries (to zoom 7), the towns, the rivers, the villages, and the
 * country names where room is left. */
static void
layout_names (Labels *l, const Data *data)
{
  if (l->z <= 5)
    {
      place_names_of (l, data, NAME_COUNTRY, 0);
      place_names_of (l, data, NAME_WATER, 0);
      for (int rank = 0; rank <= 4; rank++)
        place_names_of (l, data, NAME_PLACE, rank);
      return;
    }
  for (int rank = 0; rank <= 1; rank++)
    place_names_of (l, data, NAME_PLACE, rank);
  if (l->z <= 7)
    place_names_of (l, data, NAME_COUNTRY, 0);
  for (int rank = 2; rank <= 3; rank++)
    place_names_of (l, data, NAME_PLACE, rank);
  place_river_names (l, data, (double)(1 << l->z));
  place_names_of (l, data, NAME_PLACE, 4);
  place_names_of (l, data, NAME_WATER, 0);
  if (l->z >= 8)
    place_names_of (l, data, NAME_COUNTRY, 0);
}

static void
labels_init (Labels *l, int z)
{
  PangoFontMap         *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  l->z = z;
  l->context = pango_font_map_create_context (map);
  /* The same glyphs on every machine: no hinting, greyscale antialiasing. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (l->context, options);
  cairo_font_options_destroy (options);
  l->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  l->taken = g_array_new (FALSE, TRUE, sizeof (Rect));
}

static void
labels_clear (Labels *l)
{
  for (guint i = 0; i < l->placed->len; i++)
    g_object_unref (g_array_index (l->placed, Placed, i).layout);
  g_array_unref (l->placed);
  g_array_unref (l->taken);
  g_object_unref (l->context);
}

/* First every halo (white), then every dot and text: a letter's halo never covers its
 * neighbour's ink. */
static void
draw_placed (cairo_t *cr, const Placed *p, const View *v, gboolean halo)
{
  double w, h, x = p->dot_x - v->x, y = p->dot_y - v->y;

  if (p->dot_r > 0)
    {
      cairo_new_path (cr);
      cairo_arc (cr, x, y, halo ? p->dot_r + 1.0 : p->dot_r, 0, 2 * G_PI);
      if (halo)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        set_color (cr, &dot_color, 1.0);
      cairo_fill (cr);
      if (!halo && p->name->rank == 0)
        {
          /* A capital: a ring around a white centre. */
          cairo_arc (cr, x, y, p->dot_r * 0.45, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill (cr);
        }
    }
  layout_size (p->layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, p->x - v->x, p->y - v->y);
  cairo_rotate (cr, p->angle);
  cairo_move_to (cr, -w / 2, -h / 2);
  if (halo)
    {
      pango_cairo_layout_path (cr, p->layout);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, 3.0);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, p->color, 1.0);
      pango_cairo_show_layout (cr, p->layout);
    }
  cairo_restore (cr);
}

static void
draw_labels (cairo_t *cr, const Labels *l, const View *v)
{
  Rect view = { v->x - 2, v->y - 2, v->x + v->width + 2, v->y + v->height + 2 };

  for (int halo = 1; halo >= 0; halo--)
    for (guint i = 0; i < l->placed->len; i++)
      {
        const Placed *p = &g_array_index (l->placed, Placed, i);
        Rect          r = p->box;

        if (p->dot_r > 0)
          {
            r.x0 = MIN (r.x0, p->dot_x - p->dot_r - 2);
            r.x1 = MAX (r.x1, p->dot_x + p->dot_r + 2);
            r.y0 = MIN (r.y0, p->dot_y - p->dot_r - 2);
            r.y1 = MAX (r.y1, p->dot_y + p->dot_r + 2);
          }
        /* The halo reaches past the box. */
        r.x0 -= 4, r.y0 -= 4, r.x1 += 4, r.y1 += 4;
        if (rects_overlap (&r, &view))
          draw_placed (cr, p, v, halo);
      }
}

/*
 * PNG tiles
 */

typedef struct
{
  GByteArray *bytes;
} PngSink;

static void
png_write_cb (png_structp png, png_bytep data, png_size_t length)
{
  PngSink *sink = png_get_io_ptr (png);

  g_byte_array_append (sink->bytes, data, length);
}

static void
png_flush_cb (png_structp png)
{
}

/* An opaque cairo tile (premultiplied native-endian ARGB) as RGBA bytes for libimagequant. */
static guint8 *
tile_rgba (cairo_surface_t *surface, int tx, int ty)
{
  guint8       *rgba = g_malloc (TILE * TILE * 4);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int           stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < TILE; y++)
    {
      const guint32 *row = (const guint32 *)(data + (ty * TILE + y) * stride) + tx * TILE;

      for (int x = 0; x < TILE; x++)
        {
          guint32 p = row[x];
          guint8 *o = rgba + (y * TILE + x) * 4;

          o[0] = p >> 16 & 0xff;
          o[1] = p >> 8 & 0xff;
          o[2] = p & 0xff;
          o[3] = 0xff;
        }
    }
  return rgba;
}

/* An 8-bit palette PNG of the tile: a map's few colours and their antialiased blends survive a
 * 64-colour palette without visible loss, at a quarter of the size. */
static GBytes *
encode_tile (cairo_surface_t *surface, int tx, int ty)
{
  g_autofree guint8 *rgba = tile_rgba (surface, tx, ty);
  g_autofree guint8 *indexed = g_malloc (TILE * TILE);
  liq_attr          *attr = liq_attr_create ();
  liq_image         *image = liq_image_create_rgba (attr, rgba, TILE, TILE, 0);
  liq_result        *result = NULL;
  const liq_palette *palette;
  png_color          colors[256];
  png_bytep          rows[TILE];
  PngSink            sink = { g_byte_array_new () };
  png_structp        png;
  png_infop          info;

  liq_set_max_colors (attr, 64);
  liq_set_speed (attr, 3);
  if (liq_image_quantize (image, attr, &result) != LIQ_OK)
    g_error ("libimagequant failed");
  liq_set_dithering_level (result, 0.0);
  liq_write_remapped_image (result, image, indexed, TILE * TILE);
  palette = liq_get_palette (result);
  for (guint i = 0; i < palette->count; i++)
    colors[i] = (png_color){ palette->entries[i].r, palette->entries[i].g, palette->entries[i].b };

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png_create_info_struct (png);
  if (setjmp (png_jmpbuf (png)))
    g_error ("libpng failed");
  png_set_write_fn (png, &sink, png_write_cb, png_flush_cb);
  png_set_compression_level (png, 9);
  png_set_IHDR (png, info, TILE, TILE,
                palette->count <= 2    ? 1
                : palette->count <= 4  ? 2
                : palette->count <= 16 ? 4
                                       : 8,
                PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_PLTE (png, info, colors, palette->count);
  png_write_info (png, info);
  png_set_packing (png);
  for (int y = 0; y < TILE; y++)
    rows[y] = indexed + y * TILE;
  png_write_image (png, rows);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);

  liq_result_destroy (result);
  liq_image_destroy (image);
  liq_attr_destroy (attr);
  return g_byte_array_free_to_bytes (sink.bytes);
}

/*
 * MBTiles
 */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *insert_map;
  sqlite3_stmt *insert_image;
  GHashTable   *ids; /* checksum of a PNG → TRUE, once its image is stored */
  guint         n_tiles;
  guint         n_images;
} Store;

static void
exec (sqlite3 *db, const char *sql)
{
  char *error = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &error) != SQLITE_OK)
    g_error ("sqlite: %s: %s", sql, error);
}

static void
store_open (Store *s, const char *path)
{
  g_remove (path);
  if (sqlite3_open (path, &s->db) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (s->db));
  exec (s->db, "PRAGMA page_size = 4096;"
               "PRAGMA journal_mode = OFF;"
               "PRAGMA synchronous = OFF;"
               "CREATE TABLE metadata (name TEXT, value TEXT);"
               "CREATE UNIQUE INDEX name ON metadata (name);"
               "CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);"
               "CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);"
               "CREATE TABLE images (tile_data BLOB, tile_id TEXT);"
               "CREATE UNIQUE INDEX images_id ON images (tile_id);"
               "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,"
               " map.tile_row AS tile_row, images.tile_data AS tile_data"
               " FROM map JOIN images ON images.tile_id = map.tile_id;"
               "BEGIN;");
  sqlite3_prepare_v2 (s->db, "INSERT INTO map VALUES (?, ?, ?, ?)", -1, &s->insert_map, NULL);
  sqlite3_prepare_v2 (s->db, "INSERT INTO images VALUES (?, ?)", -1, &s->insert_image, NULL);
  s->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
step (sqlite3 *db, sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("sqlite: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

/* Stores one tile at XYZ coordinates; MBTiles counts rows from the south (TMS). */
static void
store_tile (Store *s, int z, int x, int y, GBytes *png)
{
  g_autofree char *id = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, png);
  int              tms_row = (1 << z) - 1 - y;

  if (!g_hash_table_contains (s->ids, id))
    {
      gsize       size;
      const void *data = g_bytes_get_data (png, &size);

      sqlite3_bind_blob (s->insert_image, 1, data, size, SQLITE_TRANSIENT);
      sqlite3_bind_text (s->insert_image, 2, id, -1, SQLITE_TRANSIENT);
      step (s->db, s->insert_image);
      g_hash_table_add (s->ids, g_strdup (id));
      s->n_images++;
    }
  sqlite3_bind_int (s->insert_map, 1, z);
  sqlite3_bind_int (s->insert_map, 2, x);
  sqlite3_bind_int (s->insert_map, 3, tms_row);
  sqlite3_bind_text (s->insert_map, 4, id, -1, SQLITE_TRANSIENT);
  step (s->db, s->insert_map);
  s->n_tiles++;
}

static void
store_metadata (Store *s, const char *name, const char *value)
{
  sqlite3_stmt *stmt;

  sqlite3_prepare_v2 (s->db, "INSERT INTO metadata VALUES (?, ?)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  step (s->db, stmt);
  sqlite3_finalize (stmt);
}

static char *
box_text (const Box *b)
{
  return g_strdup_printf ("%.4f,%.4f,%.4f,%.4f", b->west, b->south, b->east, b->north);
}

static void
store_close (Store *s)
{
  g_autofree char *bounds = box_text (&world_box);
  g_autofree char *middle_east = box_text (&middle_east_box);
  g_autofree char *levant = box_text (&levant_box);
  g_autofree char *syria = box_text (&syria_box);
  g_autofree char *coverage = g_strdup_printf ("0-5:%s;6-8:%s;9-10:%s;11-12:%s", bounds, middle_east, levant, syria);

  store_metadata (s, "name", "Sitmap basemap");
  store_metadata (s, "format", "png");
  store_metadata (s, "type", "baselayer");
  store_metadata (s, "version", "1");
  store_metadata (s, "minzoom", "0");
  store_metadata (s, "maxzoom", "12");
  store_metadata (s, "bounds", bounds);
  store_metadata (s, "center", "38.87,34.89,6");
  store_metadata (s, "attribution", "Basemap: Natural Earth, GSHHG, GeoNames (CC BY 4.0)");
  store_metadata (
      s, "description",
      "Offline basemap for Sitmap: the world to zoom 5, the Middle East to zoom 8, "
      "the Levant and Iraq to zoom 10, Syria to zoom 12. Land, water, rivers, borders and places from Natural Earth, "
      "GSHHG 2.3.7 and GeoNames.");
  /* Not in the MBTiles spec: where each zoom range has tiles, as zooms:W,S,E,N groups. */
  store_metadata (s, "sitmap:coverage", coverage);
  exec (s->db, "COMMIT;");
  sqlite3_finalize (s->insert_map);
  sqlite3_finalize (s->insert_image);
  exec (s->db, "VACUUM;");
  sqlite3_close (s->db);
  g_hash_table_unref (s->ids);
}

/*
 * Rendering
 */

static void
tile_range (const Box *b, int z, int *x0, int *y0, int *x1, int *y1)
{
  double scale = (double)(1 << z), px, py;
  int    last = (1 << z) - 1;

  project (b->west, b->north, &px, &py);
  *x0 = CLAMP ((int)floor (px * scale / TILE), 0, last);
  *y0 = CLAMP ((int)floor (py * scale / TILE), 0, last);
  project (b->east, b->south, &px, &py);
  *x1 = CLAMP ((int)floor (px * scale / TILE), 0, last);
  *y1 = CLAMP ((int)floor (py * scale / TILE), 0, last);
}

static void
render_metatile (Store *store, const Data *data, const Labels *labels, int z, int mx, int my, int x0, int y0, int x1,
                 int y1)
{
  int              size = MIN (META, 1 << z);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size * TILE, size * TILE);
  cairo_t         *cr = cairo_create (surface);
  View             v = { z, (double)(1 << z), mx * size * TILE, my * size * TILE, size * TILE, size * TILE };

  draw_land (cr, data, &v);
  draw_rivers (cr, data, &v);
  draw_borders (cr, data, &v);
  draw_labels (cr, labels, &v);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int ty = 0; ty < size; ty++)
    for (int tx = 0; tx < size; tx++)
      {
        int x = mx * size + tx, y = my * size + ty;
        g_autoptr (GBytes) png = NULL;

        if (x < x0 || x > x1 || y < y0 || y > y1)
          continue;
        png = encode_tile (surface, tx, ty);
        store_tile (store, z, x, y, png);
      }
  cairo_surface_destroy (surface);
}

static void
render_zoom (Store *store, const Data *data, int z)
{
  int    size = MIN (META, 1 << z), x0, y0, x1, y1;
  Labels labels;

  tile_range (coverage_for_zoom (z), z, &x0, &y0, &x1, &y1);
  labels_init (&labels, z);
  layout_names (&labels, data);
  for (int my = y0 / size; my <= y1 / size; my++)
    for (int mx = x0 / size; mx <= x1 / size; mx++)
      render_metatile (store, data, &labels, z, mx, my, x0, y0, x1, y1);
  g_printerr ("render: zoom %d: tiles %d-%d x %d-%d, %u names, %u tiles and %u images so far\n", z, x0, x1, y0, y1,
              labels.placed->len, store->n_tiles, store->n_images);
  labels_clear (&labels);
}

int
main (int argc, char **argv)
{
  Data  data;
  Store store = { 0 };
  int   first = 0, last = MAX_ZOOM;

  if (argc != 3 && argc != 5)
    {
      g_printerr ("usage: %s INPUT.txt OUTPUT.mbtiles [FIRST_ZOOM LAST_ZOOM]\n", argv[0]);
      return 2;
    }
  if (argc == 5)
    {
      first = CLAMP (atoi (argv[3]), 0, MAX_ZOOM);
      last = CLAMP (atoi (argv[4]), first, MAX_ZOOM);
    }
  read_input (&data, argv[1]);
  store_open (&store, argv[2]);
  for (int z = first; z <= last; z++)
    render_zoom (&store, &data, z);
  store_close (&store);
  g_printerr ("render: %u tiles, %u distinct images\n", store.n_tiles, store.n_images);
  return 0;
}
