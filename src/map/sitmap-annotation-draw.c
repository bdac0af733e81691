/* sitmap-annotation-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation-draw"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sitmap-annotation-draw.h"
#include "sitmap-geometry.h"
#include "sitmap-time.h"
#include "sitmap-vertex-handles.h"

/* Sizes in logical pixels, multiplied by the caller's scale. */
#define LABEL_FONT_PX 14.0
#define CAPTION_FONT_PX 12.0
#define TEXT_MAX_WIDTH 260.0
#define BOX_PAD_X 6.0
#define BOX_PAD_Y 3.0
#define BOX_RADIUS 4.0
#define CASING 3.0 /* the casing's extra width, both sides together */
#define HANDLE_REACH 9.0 /* how far from a handle a press still takes it */
#define LEADER_DOT 3.5
/* A circle drawn as this many points on the ground, so that a large one bends as the ground does. */
#define CIRCLE_SEGMENTS 96
/* The inside of an area or circle, faintly, so that the map still shows through. */
#define FILL_ALPHA 0.14
/* Zoomed out past a region, an analyst's marks, kept at their size on screen, would pile over the events
 * they are about. Down to FULL_SIZE_ZOOM they are drawn at their size. Below it their lines, heads and
 * dots thin by half every two levels, their text shrinks with them (no further than SMALLEST_TEXT), and a
 * highlight's rings keep their radius, which must clear an event's symbol. Below WORDS_MIN_ZOOM, out to a
 * continent, the events near each other are one cluster: the words are left out (a label is then a dot
 * in its colour at its point) and so are the rings around events, which would only cover the cluster. */
#define FULL_SIZE_ZOOM 6.0
#define WORDS_MIN_ZOOM 4.0
#define SMALLEST_MARKS 0.3
#define SMALLEST_TEXT 0.75
#define LABEL_DOT 2.5

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  double x, y, width, height;
} Box;

/* The sizes an annotation is drawn at, in user units per logical pixel: its lines and heads, its text
 * and a highlight's rings (0: left out), and a wordless label's dot. */
typedef struct
{
  double marks;
  double text;
  double rings;
  double dot;
} Look;

static Rgb
parse_hex (const char *hex)
{
  guint value = (guint)g_ascii_strtoull (hex + 1, NULL, 16);

  return (Rgb){ ((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0, (value & 0xff) / 255.0 };
}

static void
set_rgb (cairo_t *cr, Rgb rgb, double alpha)
{
  cairo_set_source_rgba (cr, rgb.r, rgb.g, rgb.b, alpha);
}

static void
ink_colors (SitmapAnnotation *annotation, Rgb *ink, Rgb *casing)
{
  SitmapAnnotationColor color = sitmap_annotation_get_color (annotation);

  *ink = parse_hex (sitmap_annotation_color_get_hex (color));
  *casing = parse_hex (sitmap_annotation_color_get_casing_hex (color));
}

/* The annotation's own points (not a circle's ring, not a highlight's events) in user space. */
static GArray *
project_points (SitmapAnnotation *annotation, SitmapAnnotationProjectFunc project, gpointer user_data)
{
  guint   n = sitmap_annotation_get_n_points (annotation);
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);

  for (guint i = 0; i < n; i++)
    {
      double x, y, pair[2];

      sitmap_annotation_get_mercator (annotation, i, &x, &y);
      project (x, y, &pair[0], &pair[1], user_data);
      g_array_append_vals (out, pair, 2);
    }
  return out;
}

static GArray *
project_circle (SitmapAnnotation *annotation, SitmapAnnotationProjectFunc project, gpointer user_data)
{
  double  ring[2 * CIRCLE_SEGMENTS];
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * CIRCLE_SEGMENTS);

  if (sitmap_annotation_get_n_points (annotation) != 1)
    return out;
  sitmap_annotation_get_circle_ring (annotation, CIRCLE_SEGMENTS, ring);
  for (guint i = 0; i < CIRCLE_SEGMENTS; i++)
    {
      double x, y, pair[2];

      sitmap_mercator_from_lat_lon (ring[2 * i], ring[2 * i + 1], &x, &y);
      project (x, y, &pair[0], &pair[1], user_data);
      g_array_append_vals (out, pair, 2);
    }
  return out;
}

/* The points of the highlighted events that have one, in normalised Web Mercator: read from the
 * document once, so that a scene (below) can draw them in another thread. NULL for other kinds. */
static GArray *
event_points (SitmapAnnotation *annotation, SitmapDocument *document)
{
  GArray                   *out;
  const SitmapEventColumns *columns;
  const char *const        *ids;
  guint                     n_ids;

  if (sitmap_annotation_get_kind (annotation) != SITMAP_ANNOTATION_HIGHLIGHT)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (double));
  if (document == NULL)
    return out;
  columns = sitmap_document_get_columns (document);
  ids = sitmap_annotation_get_event_ids (annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      gint   position = sitmap_document_find_event (document, ids[i]);
      double pair[2];

      if (position < 0 || isnan (columns->x[position]))
        continue;
      pair[0] = columns->x[position], pair[1] = columns->y[position];
      g_array_append_vals (out, pair, 2);
    }
  return out;
}

static GArray *
project_events (GArray *events, SitmapAnnotationProjectFunc project, gpointer user_data)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (double), events != NULL ? events->len : 0);

  for (guint i = 0; events != NULL && i + 1 < events->len; i += 2)
    {
      double pair[2];

      project (g_array_index (events, double, i), g_array_index (events, double, i + 1), &pair[0], &pair[1], user_data);
      g_array_append_vals (out, pair, 2);
    }
  return out;
}

#define PX(a, i) g_array_index ((a), double, 2 * (i))
#define PY(a, i) g_array_index ((a), double, 2 * (i) + 1)

/*
 * Text
 */

/* The text as far as a plate can show it: at most as many characters as its lines could hold at a fifth
 * of an em each, and SITMAP_ANNOTATION_TEXT_MAX_LINES paragraphs. A file's text of megabytes would
 * otherwise be laid out whole, every time the map is drawn. */
static char *
shown_text (const char *text, double font_px)
{
  guint       max_chars = SITMAP_ANNOTATION_TEXT_MAX_LINES * (guint)ceil (TEXT_MAX_WIDTH / (font_px * 0.2));
  const char *p = text;
  g_autofree char *cut = NULL;

  for (guint newlines = 0; *p != '\0' && p - text < (gssize)max_chars * 4; p++)
    if (*p == '\n' && ++newlines == SITMAP_ANNOTATION_TEXT_MAX_LINES)
      break;
  if (*p == '\n')
    {
      cut = g_strndup (text, p - text);
      return g_strconcat (cut, "…", NULL);
    }
  return sitmap_text_cut (text, max_chars);
}

static PangoLayout *
text_layout (PangoContext *context, SitmapAnnotation *annotation, double scale)
{
  gboolean label = sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_LABEL;
  double   font_px = label ? LABEL_FONT_PX : CAPTION_FONT_PX;
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  g_autofree char *text = shown_text (sitmap_annotation_get_text (annotation), font_px);
  PangoLayout     *layout = pango_layout_new (context);

  pango_font_description_set_absolute_size (font, font_px * scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)(TEXT_MAX_WIDTH * scale * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -SITMAP_ANNOTATION_TEXT_MAX_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  /* Plain text, never markup: the words are the analyst's, or a file's. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static PangoContext *
default_context (void)
{
  return pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

/* Where the text goes: a label's on its point, a caption's beside its shape. */
static gboolean
text_anchor (SitmapAnnotation *annotation, GArray *points, GArray *extra, const Look *look, double *x, double *y,
             gboolean *below)
{
  *below = FALSE;
  switch (sitmap_annotation_get_kind (annotation))
    {
      case SITMAP_ANNOTATION_LABEL:
        if (points->len < 2)
          return FALSE;
        *x = PX (points, 0), *y = PY (points, 0);
        return TRUE;
      case SITMAP_ANNOTATION_ARROW:
        if (points->len < 2)
          return FALSE;
        /* At the tail: the head points at the subject, the words say what moves. */
        *x = PX (points, 0), *y = PY (points, 0);
        *below = TRUE;
        return TRUE;
      case SITMAP_ANNOTATION_CIRCLE:
      case SITMAP_ANNOTATION_AREA:
        {
          GArray *ring = sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_CIRCLE ? extra : points;
          double  sx = 0, max_y = -G_MAXDOUBLE;
          guint   n = ring->len / 2;

          if (n == 0)
            return FALSE;
          for (guint i = 0; i < n; i++)
            {
              sx += PX (ring, i);
              max_y = MAX (max_y, PY (ring, i));
            }
          /* Beneath the shape, so that it hides nothing inside it. */
          *x = sx / n, *y = max_y + 4 * look->text;
          *below = TRUE;
          return TRUE;
        }
      case SITMAP_ANNOTATION_HIGHLIGHT:
        if (extra->len < 2)
          return FALSE;
        *x = PX (extra, 0), *y = PY (extra, 0) + SITMAP_ANNOTATION_HIGHLIGHT_RADIUS * look->rings + 4 * look->text;
        *below = TRUE;
        return TRUE;
      case SITMAP_N_ANNOTATION_KINDS:
      default:
        return FALSE;
    }
}

/* The text's box: centred on the anchor, or hanging below it. */
static gboolean
text_box (SitmapAnnotation *annotation, PangoLayout *layout, GArray *points, GArray *extra, const Look *look,
          Box *box)
{
  PangoRectangle ink, logical;
  double         x, y;
  gboolean       below;

  if (sitmap_annotation_get_text (annotation) == NULL
      || !text_anchor (annotation, points, extra, look, &x, &y, &below))
    return FALSE;
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  box->width = logical.width + 2 * BOX_PAD_X * look->text;
  box->height = logical.height + 2 * BOX_PAD_Y * look->text;
  box->x = x - box->width / 2;
  box->y = below ? y : y - box->height / 2;
  return TRUE;
}

static void
rounded_rectangle (cairo_t *cr, const Box *box, double radius)
{
  double x = box->x, y = box->y, w = box->width, h = box->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A label is a plate in the casing's colour with the words in the ink: it reads on any basemap. */
static void
draw_text (cairo_t *cr, SitmapAnnotation *annotation, PangoLayout *layout, const Box *box, double scale)
{
  gboolean       label = sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_LABEL;
  PangoRectangle logical;
  Rgb            ink, casing;

  ink_colors (annotation, &ink, &casing);
  rounded_rectangle (cr, box, BOX_RADIUS * scale);
  set_rgb (cr, casing, 0.92);
  cairo_fill_preserve (cr);
  set_rgb (cr, ink, 1);
  cairo_set_line_width (cr, (label ? 1.5 : 1.0) * scale);
  cairo_stroke (cr);

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  /* The layout is as wide as its wrapping width and centres its lines in it: logical.x is where they start. */
  cairo_move_to (cr, box->x + BOX_PAD_X * scale - logical.x, box->y + BOX_PAD_Y * scale - logical.y);
  set_rgb (cr, ink, 1);
  pango_cairo_show_layout (cr, layout);
}

/*
 * Lines and shapes
 */

static void
path_polyline (cairo_t *cr, GArray *points, guint n, gboolean close)
{
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, PX (points, i), PY (points, i));
  if (close)
    cairo_close_path (cr);
}

/* A line in the ink over a casing a little wider, so that it reads on any basemap. */
static void
stroke_cased (cairo_t *cr, SitmapAnnotation *annotation, double scale)
{
  double width = sitmap_annotation_get_width (annotation) * scale;
  Rgb    ink, casing;

  ink_colors (annotation, &ink, &casing);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgb (cr, casing, 0.85);
  cairo_set_line_width (cr, width + CASING * scale);
  cairo_stroke_preserve (cr);
  set_rgb (cr, ink, 1);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_shape (cairo_t *cr, SitmapAnnotation *annotation, GArray *ring, double scale)
{
  guint n = ring->len / 2;
  Rgb   ink, casing;

  if (n < 2)
    return;
  ink_colors (annotation, &ink, &casing);
  path_polyline (cr, ring, n, n >= 3);
  if (n >= 3)
    {
      set_rgb (cr, ink, FILL_ALPHA);
      cairo_fill_preserve (cr);
    }
  stroke_cased (cr, annotation, scale);
}

static double
arrow_head_length (SitmapAnnotation *annotation, double scale)
{
  return (3 * sitmap_annotation_get_width (annotation) + 9) * scale;
}

/* The current path filled in the ink, in a casing that keeps it apart from the map */
static void
fill_cased (cairo_t *cr, const Rgb *ink, const Rgb *casing, double scale)
{
  set_rgb (cr, *casing, 0.85);
  cairo_set_line_width (cr, CASING * scale);
  cairo_stroke_preserve (cr);
  set_rgb (cr, *ink, 1);
  cairo_fill (cr);
}

static void
draw_arrow (cairo_t *cr, SitmapAnnotation *annotation, GArray *points, double scale)
{
  double x0, y0, x1, y1, dx, dy, length, head, ux, uy, half;
  Rgb    ink, casing;

  if (points->len < 4)
    return;
  x0 = PX (points, 0), y0 = PY (points, 0), x1 = PX (points, 1), y1 = PY (points, 1);
  dx = x1 - x0, dy = y1 - y0;
  length = hypot (dx, dy);
  if (length < 1e-6)
    return;
  ux = dx / length, uy = dy / length;
  head = MIN (arrow_head_length (annotation, scale), length * 0.6);
  half = head * 0.55;

  /* The shaft stops where the head begins, so that its round cap does not blunt the point. */
  cairo_new_path (cr);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - ux * head * 0.8, y1 - uy * head * 0.8);
  stroke_cased (cr, annotation, scale);

  ink_colors (annotation, &ink, &casing);
  cairo_new_path (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - ux * head - uy * half, y1 - uy * head + ux * half);
  cairo_line_to (cr, x1 - ux * head * 0.75, y1 - uy * head * 0.75);
  cairo_line_to (cr, x1 - ux * head + uy * half, y1 - uy * head - ux * half);
  cairo_close_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  fill_cased (cr, &ink, &casing, scale);
}

static void
draw_leader (cairo_t *cr, SitmapAnnotation *annotation, GArray *points, double scale)
{
  Rgb ink, casing;

  if (points->len < 4)
    return;
  cairo_new_path (cr);
  cairo_move_to (cr, PX (points, 0), PY (points, 0));
  cairo_line_to (cr, PX (points, 1), PY (points, 1));
  stroke_cased (cr, annotation, scale);

  ink_colors (annotation, &ink, &casing);
  cairo_new_path (cr);
  cairo_arc (cr, PX (points, 1), PY (points, 1), (LEADER_DOT + sitmap_annotation_get_width (annotation) / 2) * scale, 0,
             2 * G_PI);
  fill_cased (cr, &ink, &casing, scale);
}

/* A label whose words are left out (zoomed far out) is a dot in its colour at its point. */
static void
draw_label_dot (cairo_t *cr, SitmapAnnotation *annotation, GArray *points, double scale)
{
  Rgb ink, casing;

  if (points->len < 2)
    return;
  ink_colors (annotation, &ink, &casing);
  cairo_new_path (cr);
  cairo_arc (cr, PX (points, 0), PY (points, 0), LABEL_DOT * scale, 0, 2 * G_PI);
  fill_cased (cr, &ink, &casing, scale);
}

static void
draw_highlight (cairo_t *cr, SitmapAnnotation *annotation, GArray *events, const Look *look)
{
  if (look->rings <= 0)
    return;
  for (guint i = 0; i < events->len / 2; i++)
    {
      cairo_new_path (cr);
      cairo_arc (cr, PX (events, i), PY (events, i), SITMAP_ANNOTATION_HIGHLIGHT_RADIUS * look->rings, 0, 2 * G_PI);
      stroke_cased (cr, annotation, look->marks);
    }
}

/*
 * Handles of the selection
 */

static void
handle_points (SitmapAnnotation *annotation, GArray *points, GArray *extra, GArray *out, GArray *indices)
{
  guint n = points->len / 2;

  /* A label's text is moved by its plate: a handle there would hide a letter. */
  for (guint i = sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_LABEL ? 1 : 0; i < n; i++)
    {
      g_array_append_vals (out, &PX (points, i), 2);
      g_array_append_val (indices, i);
    }
  /* An area's sides: a corner can be added at the middle of each. */
  if (sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_AREA && n >= 3)
    for (guint i = 0; i < n; i++)
      {
        guint  side = SITMAP_ANNOTATION_HANDLE_SIDE | i;
        double middle[2] = { (PX (points, i) + PX (points, (i + 1) % n)) / 2,
                             (PY (points, i) + PY (points, (i + 1) % n)) / 2 };

        g_array_append_vals (out, middle, 2);
        g_array_append_val (indices, side);
      }
  /* A circle's rim, east of its centre, sets its radius. */
  if (sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_CIRCLE && extra->len >= 2 * CIRCLE_SEGMENTS)
    {
      guint radius = SITMAP_ANNOTATION_HANDLE_RADIUS;

      g_array_append_vals (out, &PX (extra, CIRCLE_SEGMENTS / 4), 2);
      g_array_append_val (indices, radius);
    }
}

static void
draw_handles (cairo_t *cr, GArray *handles, GArray *indices, double scale)
{
  /* Backwards: the sides' discs beneath the corners' squares where they crowd. */
  for (guint i = handles->len / 2; i-- > 0;)
    sitmap_vertex_handle_draw (cr, PX (handles, i), PY (handles, i),
                               !SITMAP_ANNOTATION_HANDLE_IS_SIDE (g_array_index (indices, guint, i)), FALSE, scale);
}

static void
draw_selection_outline (cairo_t *cr, const Box *box, double scale)
{
  double dash[] = { 4 * scale, 3 * scale };
  Box    grown = { box->x - 3 * scale, box->y - 3 * scale, box->width + 6 * scale, box->height + 6 * scale };

  rounded_rectangle (cr, &grown, (BOX_RADIUS + 3) * scale);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
  cairo_set_line_width (cr, 1.5 * scale);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/*
 * Public API
 */

typedef struct
{
  GArray      *points;
  GArray      *extra; /* a circle's ring, or a highlight's event points */
  Look         look;
  PangoLayout *layout;
  gboolean     has_box;
  Box          box;
} Projected;

/* The zoom project shows the map at: the world's width in logical pixels, from two points a step either
 * side of (x, y), the nearer one, so that a projection that wraps the world between them does not count. */
static double
projected_zoom (SitmapAnnotationProjectFunc project, gpointer user_data, double scale, double x, double y)
{
  const double step = 1.0 / 4096;
  double       ax, ay, bx, by, cx, cy, across;

  project (x, y, &ax, &ay, user_data);
  project (x + step, y, &bx, &by, user_data);
  project (x - step, y, &cx, &cy, user_data);
  across = MIN (hypot (bx - ax, by - ay), hypot (cx - ax, cy - ay)) / step / scale;
  return across > 0 ? log2 (across / 256) : FULL_SIZE_ZOOM;
}

static Look
look_for (SitmapAnnotation *annotation, SitmapAnnotationProjectFunc project, gpointer user_data, double scale)
{
  double x = 0.5, y = 0.5, zoom, shrink;

  if (sitmap_annotation_get_n_points (annotation) > 0)
    sitmap_annotation_get_mercator (annotation, 0, &x, &y);
  zoom = projected_zoom (project, user_data, scale, x, y);
  if (zoom >= FULL_SIZE_ZOOM)
    return (Look){ scale, scale, scale, scale };
  shrink = MAX (pow (2, (zoom - FULL_SIZE_ZOOM) / 2), SMALLEST_MARKS);
  if (zoom < WORDS_MIN_ZOOM)
    return (Look){ scale * shrink, 0, 0, scale };
  return (Look){ scale * shrink, scale * MAX (shrink, SMALLEST_TEXT), scale, scale };
}

/* events: a highlight's event points (see event_points). */
static void
projected_init (Projected *p, SitmapAnnotation *annotation, GArray *events,
                SitmapAnnotationProjectFunc project, gpointer user_data, double scale, PangoContext *context)
{
  SitmapAnnotationKind kind = sitmap_annotation_get_kind (annotation);

  p->look = look_for (annotation, project, user_data, scale);
  p->points = project_points (annotation, project, user_data);
  if (kind == SITMAP_ANNOTATION_CIRCLE)
    p->extra = project_circle (annotation, project, user_data);
  else if (kind == SITMAP_ANNOTATION_HIGHLIGHT)
    p->extra = project_events (events, project, user_data);
  else
    p->extra = g_array_new (FALSE, FALSE, sizeof (double));
  p->layout = NULL;
  p->has_box = FALSE;
  if (sitmap_annotation_get_text (annotation) != NULL && p->look.text > 0)
    {
      p->layout = text_layout (context, annotation, p->look.text);
      p->has_box = text_box (annotation, p->layout, p->points, p->extra, &p->look, &p->box);
    }
}

/* As projected_init, reading a highlight's events from document. */
static void
projected_init_in (Projected *p, SitmapAnnotation *annotation, SitmapDocument *document,
                   SitmapAnnotationProjectFunc project, gpointer user_data, double scale, PangoContext *context)
{
  g_autoptr (GArray) events = event_points (annotation, document);

  projected_init (p, annotation, events, project, user_data, scale, context);
}

static void
projected_clear (Projected *p)
{
  g_array_unref (p->points);
  g_array_unref (p->extra);
  g_clear_object (&p->layout);
}

static void
draw_projected (cairo_t *cr, SitmapAnnotation *annotation, const Projected *projected, double scale,
                SitmapAnnotationDrawFlags flags)
{
  Projected p = *projected;

  cairo_save (cr);
  switch (sitmap_annotation_get_kind (annotation))
    {
      case SITMAP_ANNOTATION_LABEL:
        draw_leader (cr, annotation, p.points, p.look.marks);
        if (!p.has_box)
          draw_label_dot (cr, annotation, p.points, p.look.dot);
        break;
      case SITMAP_ANNOTATION_ARROW:
        draw_arrow (cr, annotation, p.points, p.look.marks);
        break;
      case SITMAP_ANNOTATION_CIRCLE:
        draw_shape (cr, annotation, p.extra, p.look.marks);
        break;
      case SITMAP_ANNOTATION_AREA:
        draw_shape (cr, annotation, p.points, p.look.marks);
        break;
      case SITMAP_ANNOTATION_HIGHLIGHT:
        draw_highlight (cr, annotation, p.extra, &p.look);
        break;
      case SITMAP_N_ANNOTATION_KINDS:
      default:
        break;
    }
  if (p.has_box && !(flags & SITMAP_ANNOTATION_DRAW_NO_TEXT))
    draw_text (cr, annotation, p.layout, &p.box, p.look.text);
  if (flags & SITMAP_ANNOTATION_DRAW_SELECTED)
    {
      g_autoptr (GArray) handles = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

      if (p.has_box)
        draw_selection_outline (cr, &p.box, scale);
      if (sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_HIGHLIGHT && p.look.rings > 0)
        for (guint i = 0; i < p.extra->len / 2; i++)
          {
            double radius = SITMAP_ANNOTATION_HIGHLIGHT_RADIUS * p.look.rings;
            Box    ring = { PX (p.extra, i) - radius, PY (p.extra, i) - radius, 2 * radius, 2 * radius };

            draw_selection_outline (cr, &ring, scale);
          }
      handle_points (annotation, p.points, p.extra, handles, indices);
      draw_handles (cr, handles, indices, scale);
    }
  cairo_restore (cr);
}

void
sitmap_annotation_draw (cairo_t *cr, SitmapAnnotation *annotation, SitmapDocument *document,
                        SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                        SitmapAnnotationDrawFlags flags)
{
  PangoContext *context;
  Projected     p;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (SITMAP_IS_ANNOTATION (annotation));
  g_return_if_fail (project != NULL);

  context = sitmap_annotation_get_text (annotation) != NULL ? pango_cairo_create_context (cr) : NULL;
  projected_init_in (&p, annotation, document, project, user_data, scale, context);
  draw_projected (cr, annotation, &p, scale, flags);
  projected_clear (&p);
  g_clear_object (&context);
}

static void draw_all (cairo_t *cr, SitmapDocument *document, SitmapAnnotationProjectFunc project, gpointer user_data,
                      double scale, SitmapAnnotation *selected, SitmapAnnotationIndex *index);

void
sitmap_annotation_draw_all (cairo_t *cr, SitmapDocument *document, SitmapAnnotationProjectFunc project,
                            gpointer user_data, double scale)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));

  draw_all (cr, document, project, user_data, scale, NULL, NULL);
}

static double
segment_distance (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0, length2 = dx * dx + dy * dy, t;

  t = length2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / length2, 0, 1) : 0;
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

static gboolean
near_polyline (GArray *points, gboolean close, double x, double y, double reach)
{
  guint n = points->len / 2;

  for (guint i = 0; i + 1 < n + (close ? 1 : 0); i++)
    {
      guint j = (i + 1) % n;

      if (segment_distance (x, y, PX (points, i), PY (points, i), PX (points, j), PY (points, j)) <= reach)
        return TRUE;
    }
  return n == 1 && hypot (x - PX (points, 0), y - PY (points, 0)) <= reach;
}

/* Even-odd, as cairo fills it. */
static gboolean
inside_polygon (GArray *points, double x, double y)
{
  guint    n = points->len / 2;
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; n >= 3 && i < n; j = i++)
    {
      double xi = PX (points, i), yi = PY (points, i), xj = PX (points, j), yj = PY (points, j);

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

static gboolean
hit_body (SitmapAnnotation *annotation, const Projected *p, double x, double y, double tolerance)
{
  double scale = p->look.marks;
  double reach = sitmap_annotation_get_width (annotation) * scale / 2 + tolerance;

  switch (sitmap_annotation_get_kind (annotation))
    {
      case SITMAP_ANNOTATION_LABEL:
        /* Its dot, when its words are left out. */
        if (!p->has_box && p->points->len >= 2
            && hypot (x - PX (p->points, 0), y - PY (p->points, 0)) <= LABEL_DOT * p->look.dot + tolerance)
          return TRUE;
        return p->points->len >= 4 && near_polyline (p->points, FALSE, x, y, reach);
      case SITMAP_ANNOTATION_ARROW:
        return p->points->len >= 4 && near_polyline (p->points, FALSE, x, y, reach);
      case SITMAP_ANNOTATION_CIRCLE:
        return near_polyline (p->extra, TRUE, x, y, reach) || inside_polygon (p->extra, x, y);
      case SITMAP_ANNOTATION_AREA:
        return near_polyline (p->points, TRUE, x, y, reach) || inside_polygon (p->points, x, y);
      case SITMAP_ANNOTATION_HIGHLIGHT:
        for (guint i = 0; p->look.rings > 0 && i < p->extra->len / 2; i++)
          if (fabs (hypot (x - PX (p->extra, i), y - PY (p->extra, i))
                    - SITMAP_ANNOTATION_HIGHLIGHT_RADIUS * p->look.rings)
              <= reach)
            return TRUE;
        return FALSE;
      case SITMAP_N_ANNOTATION_KINDS:
      default:
        return FALSE;
    }
}

SitmapAnnotationHitKind
sitmap_annotation_hit (SitmapAnnotation *annotation, SitmapDocument *document, SitmapAnnotationProjectFunc project,
                       gpointer user_data, double scale, PangoContext *context, gboolean selected, double x, double y,
                       double tolerance, guint *handle)
{
  PangoContext           *own_context = NULL;
  SitmapAnnotationHitKind kind = SITMAP_ANNOTATION_HIT_NONE;
  Projected               p;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (annotation), SITMAP_ANNOTATION_HIT_NONE);
  g_return_val_if_fail (project != NULL, SITMAP_ANNOTATION_HIT_NONE);

  if (context == NULL)
    context = own_context = default_context ();
  projected_init_in (&p, annotation, document, project, user_data, scale, context);
  if (selected)
    {
      g_autoptr (GArray) handles = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
      double best = (HANDLE_REACH * scale) + tolerance;

      handle_points (annotation, p.points, p.extra, handles, indices);
      /* The nearest handle wins: a short arrow's two handles may overlap. */
      for (guint i = 0; i < indices->len; i++)
        {
          double d = hypot (x - PX (handles, i), y - PY (handles, i));

          if (d <= best)
            {
              best = d;
              kind = SITMAP_ANNOTATION_HIT_HANDLE;
              if (handle != NULL)
                *handle = g_array_index (indices, guint, i);
            }
        }
    }
  if (kind == SITMAP_ANNOTATION_HIT_NONE && p.has_box && x >= p.box.x - tolerance
      && x <= p.box.x + p.box.width + tolerance && y >= p.box.y - tolerance && y <= p.box.y + p.box.height + tolerance)
    kind = SITMAP_ANNOTATION_HIT_TEXT;
  if (kind == SITMAP_ANNOTATION_HIT_NONE && hit_body (annotation, &p, x, y, tolerance))
    kind = SITMAP_ANNOTATION_HIT_BODY;
  projected_clear (&p);
  g_clear_object (&own_context);
  return kind;
}

gboolean
sitmap_annotation_get_text_box (SitmapAnnotation *annotation, SitmapDocument *document,
                                SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                PangoContext *context, double *x, double *y, double *width, double *height,
                                double *text_scale)
{
  PangoContext *own_context = NULL;
  Projected     p;
  gboolean      has_box;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (project != NULL, FALSE);

  if (sitmap_annotation_get_text (annotation) == NULL)
    return FALSE;
  if (context == NULL)
    context = own_context = default_context ();
  projected_init_in (&p, annotation, document, project, user_data, scale, context);
  has_box = p.has_box;
  if (has_box)
    *x = p.box.x, *y = p.box.y, *width = p.box.width, *height = p.box.height;
  if (has_box && text_scale != NULL)
    *text_scale = p.look.text;
  projected_clear (&p);
  g_clear_object (&own_context);
  return has_box;
}

/* From the plate's edge nearest to the point, so that the line does not cross the words. */
static void
draw_text_leader (cairo_t *cr, SitmapAnnotation *annotation, const Box *box, const double *to, double scale)
{
  double from_x = CLAMP (to[0], box->x, box->x + box->width), from_y = CLAMP (to[1], box->y, box->y + box->height);
  Rgb    ink, casing;

  ink_colors (annotation, &ink, &casing);
  cairo_new_path (cr);
  cairo_move_to (cr, from_x, from_y);
  cairo_line_to (cr, to[0], to[1]);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgb (cr, casing, 0.85);
  cairo_set_line_width (cr, (1.5 + CASING) * scale);
  cairo_stroke_preserve (cr);
  set_rgb (cr, ink, 1);
  cairo_set_line_width (cr, 1.5 * scale);
  cairo_stroke (cr);
}

void
sitmap_annotation_draw_text (cairo_t *cr, SitmapAnnotation *annotation, double text_scale, double x, double y,
                             double width, double height, const double *leader)
{
  double scale = text_scale;
  PangoContext  *context;
  PangoLayout   *layout;
  PangoRectangle logical;
  Box            box = { x, y, width, height };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (SITMAP_IS_ANNOTATION (annotation));

  if (sitmap_annotation_get_text (annotation) == NULL)
    return;
  context = pango_cairo_create_context (cr);
  layout = text_layout (context, annotation, scale);
  cairo_save (cr);
  if (leader != NULL)
    draw_text_leader (cr, annotation, &box, leader, scale);
  /* Centred in the box it was measured for, whatever this surface's metrics. */
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  box.x += (width - logical.width - 2 * BOX_PAD_X * scale) / 2;
  box.y += (height - logical.height - 2 * BOX_PAD_Y * scale) / 2;
  box.width = logical.width + 2 * BOX_PAD_X * scale;
  box.height = logical.height + 2 * BOX_PAD_Y * scale;
  draw_text (cr, annotation, layout, &box, scale);
  cairo_restore (cr);
  g_object_unref (layout);
  g_object_unref (context);
}

static void
grow (double *x0, double *y0, double *x1, double *y1, double x, double y, double margin)
{
  *x0 = MIN (*x0, x - margin), *y0 = MIN (*y0, y - margin);
  *x1 = MAX (*x1, x + margin), *y1 = MAX (*y1, y + margin);
}

/* The box of what draw_projected draws, unless nothing. */
static gboolean
projected_bounds (SitmapAnnotation *annotation, const Projected *p, double *x0, double *y0, double *x1, double *y1)
{
  gboolean highlight = sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_HIGHLIGHT;
  double   margin;

  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  margin = MAX (sitmap_annotation_get_width (annotation) * p->look.marks, (LABEL_DOT + CASING / 2) * p->look.dot);
  for (guint i = 0; i < p->points->len / 2; i++)
    grow (x0, y0, x1, y1, PX (p->points, i), PY (p->points, i), margin);
  for (guint i = 0; i < p->extra->len / 2; i++)
    grow (x0, y0, x1, y1, PX (p->extra, i), PY (p->extra, i),
          margin + (highlight ? SITMAP_ANNOTATION_HIGHLIGHT_RADIUS * p->look.rings : 0));
  if (p->has_box)
    {
      grow (x0, y0, x1, y1, p->box.x, p->box.y, 0);
      grow (x0, y0, x1, y1, p->box.x + p->box.width, p->box.y + p->box.height, 0);
    }
  return *x0 <= *x1;
}

gboolean
sitmap_annotation_get_bounds (SitmapAnnotation *annotation, SitmapDocument *document,
                              SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                              PangoContext *context, double *x, double *y, double *width, double *height)
{
  PangoContext *own_context = NULL;
  double        x0, y0, x1, y1;
  gboolean      any;
  Projected     p;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (annotation), FALSE);

  if (context == NULL)
    context = own_context = default_context ();
  projected_init_in (&p, annotation, document, project, user_data, scale, context);
  any = projected_bounds (annotation, &p, &x0, &y0, &x1, &y1);
  projected_clear (&p);
  g_clear_object (&own_context);
  if (!any)
    return FALSE;
  *x = x0, *y = y0, *width = x1 - x0, *height = y1 - y0;
  return TRUE;
}

/*
 * Scenes: what the annotations are, frozen
 */

typedef struct
{
  SitmapAnnotation *annotation; /* a copy no one changes, or (borrowed) the document's own */
  GArray           *events;     /* a highlight's event points (see event_points), or NULL */
  gboolean          selected;
} SceneEntry;

struct _SitmapAnnotationScene
{
  gatomicrefcount ref;
  GPtrArray      *entries; /* SceneEntry, shared between scenes (atomic rc boxes) */
  GHashTable     *by_id;   /* id → its position + 1, for the next scene to compare with; NULL when borrowed */
};

static void
scene_entry_clear (gpointer data)
{
  SceneEntry *entry = data;

  g_clear_object (&entry->annotation);
  g_clear_pointer (&entry->events, g_array_unref);
}

static void
scene_entry_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, scene_entry_clear);
}

static gboolean
same_points (GArray *a, GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (double)) == 0);
}

/* The entry of previous with the annotation's id, when it still draws the same. */
static SceneEntry *
scene_reusable (SitmapAnnotationScene *previous, SitmapAnnotation *annotation, GArray *events, gboolean selected)
{
  guint       position;
  SceneEntry *entry;

  if (previous == NULL || previous->by_id == NULL)
    return NULL;
  position = GPOINTER_TO_UINT (g_hash_table_lookup (previous->by_id, sitmap_annotation_get_id (annotation)));
  if (position == 0)
    return NULL;
  entry = g_ptr_array_index (previous->entries, position - 1);
  if (entry->selected != selected || !same_points (entry->events, events)
      || !sitmap_annotation_equal (entry->annotation, annotation))
    return NULL;
  return entry;
}

/* copy: each annotation copied (a scene for another thread, or to compare with later), or borrowed (drawn
 * at once, on this thread). selected is drawn with its handles; left_out is not in the scene. */
static SitmapAnnotationScene *
scene_collect (SitmapDocument *document, SitmapAnnotation *selected, SitmapAnnotation *left_out,
               SitmapAnnotationScene *previous, gboolean copy)
{
  SitmapAnnotationScene *self = g_new0 (SitmapAnnotationScene, 1);
  GListModel            *annotations = sitmap_document_get_annotations (document);
  guint                  n = sitmap_document_get_annotations_visible (document) ? g_list_model_get_n_items (annotations) : 0;

  g_atomic_ref_count_init (&self->ref);
  self->entries = g_ptr_array_new_full (n, scene_entry_release);
  if (copy)
    self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);
      g_autoptr (GArray) events = NULL;
      SceneEntry *entry;

      if (annotation == left_out)
        continue;
      events = event_points (annotation, document);
      entry = scene_reusable (previous, annotation, events, annotation == selected);

      if (entry != NULL)
        entry = g_atomic_rc_box_acquire (entry);
      else
        {
          entry = g_atomic_rc_box_new0 (SceneEntry);
          entry->annotation = copy ? sitmap_annotation_copy (annotation) : g_object_ref (annotation);
          entry->events = g_steal_pointer (&events);
          entry->selected = annotation == selected;
        }
      g_ptr_array_add (self->entries, entry);
      if (copy)
        g_hash_table_insert (self->by_id, (gpointer)sitmap_annotation_get_id (entry->annotation),
                             GUINT_TO_POINTER (self->entries->len));
    }
  return self;
}

SitmapAnnotationScene *
sitmap_annotation_scene_new (SitmapDocument *document, SitmapAnnotation *left_out, SitmapAnnotationScene *previous)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);

  return scene_collect (document, NULL, left_out, previous, TRUE);
}

SitmapAnnotationScene *
sitmap_annotation_scene_ref (SitmapAnnotationScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
sitmap_annotation_scene_unref (SitmapAnnotationScene *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_ptr_array_unref (self->entries);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_free (self);
}

guint
sitmap_annotation_scene_get_n_items (SitmapAnnotationScene *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/* Logical pixels an annotation's drawing may reach beyond its box (an arrow's head, a handle). */
#define CULL_SLACK 64.0

static void
add_entry_box (const SceneEntry *entry, SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
               PangoContext *context, GArray *boxes)
{
  Projected p;
  double    box[4];

  projected_init (&p, entry->annotation, entry->events, project, user_data, scale, context);
  if (projected_bounds (entry->annotation, &p, &box[0], &box[1], &box[2], &box[3]))
    {
      box[0] -= CULL_SLACK * scale, box[1] -= CULL_SLACK * scale;
      box[2] += CULL_SLACK * scale, box[3] += CULL_SLACK * scale;
      g_array_append_vals (boxes, box, 4);
    }
  projected_clear (&p);
}

void
sitmap_annotation_scene_get_changes (SitmapAnnotationScene *before, SitmapAnnotationScene *after,
                                     SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                     PangoContext *context, GArray *boxes)
{
  g_autofree gboolean *kept = NULL;
  gint                 last = -1;

  g_return_if_fail (before != NULL && before->by_id != NULL);
  g_return_if_fail (after != NULL);
  g_return_if_fail (boxes != NULL && g_array_get_element_size (boxes) == sizeof (double));

  kept = g_new0 (gboolean, before->entries->len + 1);
  for (guint j = 0; j < after->entries->len; j++)
    {
      SceneEntry *entry = g_ptr_array_index (after->entries, j);
      guint       position = GPOINTER_TO_UINT (g_hash_table_lookup (before->by_id, sitmap_annotation_get_id (entry->annotation)));

      /* The same entry, still above those kept before it: its pixels are the same. */
      if (position > 0 && g_ptr_array_index (before->entries, position - 1) == entry && (gint)position - 1 > last)
        {
          kept[position - 1] = TRUE;
          last = (gint)position - 1;
          continue;
        }
      add_entry_box (entry, project, user_data, scale, context, boxes);
    }
  for (guint i = 0; i < before->entries->len; i++)
    if (!kept[i])
      add_entry_box (g_ptr_array_index (before->entries, i), project, user_data, scale, context, boxes);
}

/*
 * What the layer drew, indexed for picking
 */

/* Cells of the grid, in user units, and the slack every annotation's box is widened by in it (the
 * greatest tolerance a pick may ask for). */
#define INDEX_CELL 64.0
/* An annotation over more cells than this (a vast circle) is looked at by every pick instead. */
#define INDEX_MAX_CELLS 256
/* The grid's side at most, in cells: the drawing is a screen or so. */
#define INDEX_MAX_SIDE 512

typedef struct
{
  SitmapAnnotation *annotation;
  Projected         projected;
  gboolean          selected;
  gboolean          has_bounds;
  double            x0, y0, x1, y1; /* what it draws */
} IndexEntry;

struct _SitmapAnnotationIndex
{
  GArray *entries;    /* IndexEntry, in drawing order */
  double  scale;      /* what they were laid out at */
  double  x0;         /* the grid's corner, in user space */
  double  y0;
  guint   columns;
  guint   rows;
  GArray *cell_start; /* guint: each cell's first item, and one more */
  GArray *items;      /* guint: entries, ascending in each cell */
  GArray *everywhere; /* guint: entries too large for cells, ascending */
};

static void
index_entry_clear (gpointer data)
{
  IndexEntry *entry = data;

  projected_clear (&entry->projected);
  g_clear_object (&entry->annotation);
}

SitmapAnnotationIndex *
sitmap_annotation_index_new (void)
{
  SitmapAnnotationIndex *self = g_new0 (SitmapAnnotationIndex, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (IndexEntry));
  g_array_set_clear_func (self->entries, index_entry_clear);
  self->cell_start = g_array_new (FALSE, TRUE, sizeof (guint));
  self->items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->everywhere = g_array_new (FALSE, FALSE, sizeof (guint));
  self->scale = 1;
  return self;
}

void
sitmap_annotation_index_free (SitmapAnnotationIndex *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->entries);
  g_array_unref (self->cell_start);
  g_array_unref (self->items);
  g_array_unref (self->everywhere);
  g_free (self);
}

static void
index_reset (SitmapAnnotationIndex *self)
{
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->cell_start, 1);
  g_array_index (self->cell_start, guint, 0) = 0;
  g_array_set_size (self->items, 0);
  g_array_set_size (self->everywhere, 0);
  self->columns = self->rows = 0;
}

/* The cells an entry covers, with the pick's slack, clamped to the grid; FALSE when it is off the grid or
 * too large for it. */
static gboolean
entry_cells (SitmapAnnotationIndex *self, const IndexEntry *entry, guint *c0, guint *r0, guint *c1, guint *r1)
{
  const double slack = SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE;
  double fc0 = floor ((entry->x0 - slack - self->x0) / INDEX_CELL), fr0 = floor ((entry->y0 - slack - self->y0) / INDEX_CELL);
  double fc1 = floor ((entry->x1 + slack - self->x0) / INDEX_CELL), fr1 = floor ((entry->y1 + slack - self->y0) / INDEX_CELL);

  if (!entry->has_bounds || fc1 < 0 || fr1 < 0 || fc0 >= self->columns || fr0 >= self->rows)
    return FALSE;
  *c0 = (guint) MAX (fc0, 0), *r0 = (guint) MAX (fr0, 0);
  *c1 = (guint) MIN (fc1, self->columns - 1), *r1 = (guint) MIN (fr1, self->rows - 1);
  return TRUE;
}

static gboolean
entry_is_large (guint c0, guint r0, guint c1, guint r1)
{
  return (guint64) (c1 - c0 + 1) * (r1 - r0 + 1) > INDEX_MAX_CELLS;
}

/* A counting sort of the entries into the cells of the area (x0, y0)–(x1, y1). */
static void
index_build_grid (SitmapAnnotationIndex *self, double x0, double y0, double x1, double y1)
{
  guint  n_cells, c0, r0, c1, r1;
  guint *start;

  self->x0 = x0 - SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE;
  self->y0 = y0 - SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE;
  self->columns = (guint) CLAMP (ceil ((x1 - x0 + 2 * SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE) / INDEX_CELL), 1, INDEX_MAX_SIDE);
  self->rows = (guint) CLAMP (ceil ((y1 - y0 + 2 * SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE) / INDEX_CELL), 1, INDEX_MAX_SIDE);
  n_cells = self->columns * self->rows;
  g_array_set_size (self->cell_start, n_cells + 1);
  start = (guint *) (gpointer) self->cell_start->data;
  memset (start, 0, (n_cells + 1) * sizeof (guint));
  for (guint i = 0; i < self->entries->len; i++)
    {
      const IndexEntry *entry = &g_array_index (self->entries, IndexEntry, i);

      if (!entry_cells (self, entry, &c0, &r0, &c1, &r1))
        continue;
      if (entry_is_large (c0, r0, c1, r1))
        {
          g_array_append_val (self->everywhere, i);
          continue;
        }
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          start[r * self->columns + c + 1]++;
    }
  for (guint k = 0; k < n_cells; k++)
    start[k + 1] += start[k];
  g_array_set_size (self->items, start[n_cells]);
  /* Filled from each cell's end backwards, the entries taken last to first: ascending in each cell. */
  for (guint i = self->entries->len; i-- > 0;)
    {
      const IndexEntry *entry = &g_array_index (self->entries, IndexEntry, i);

      if (!entry_cells (self, entry, &c0, &r0, &c1, &r1) || entry_is_large (c0, r0, c1, r1))
        continue;
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          g_array_index (self->items, guint, --start[r * self->columns + c + 1]) = i;
    }
  /* Each cell's end went back to its start: shift the starts back into place. */
  memmove (start + 1, start + 2, (n_cells - 1) * sizeof (guint));
  start[0] = 0;
  start[n_cells] = self->items->len;
}

/* Projects and lays out every annotation of the scene, keeping their layouts to draw them. */
static void
index_lay_out (SitmapAnnotationIndex *self, SitmapAnnotationScene *scene, SitmapAnnotationProjectFunc project,
               gpointer user_data, double scale, PangoContext *context, double x0, double y0, double x1, double y1)
{
  index_reset (self);
  self->scale = scale;
  for (guint i = 0; i < scene->entries->len; i++)
    {
      const SceneEntry *scene_entry = g_ptr_array_index (scene->entries, i);
      IndexEntry        entry = { NULL };

      projected_init (&entry.projected, scene_entry->annotation, scene_entry->events, project, user_data, scale,
                      context);
      entry.has_bounds = projected_bounds (scene_entry->annotation, &entry.projected, &entry.x0, &entry.y0, &entry.x1,
                                           &entry.y1);
      entry.selected = scene_entry->selected;
      entry.annotation = g_object_ref (scene_entry->annotation);
      g_array_append_val (self->entries, entry);
    }
  index_build_grid (self, x0, y0, x1, y1);
}

/* The layouts are not needed to pick: the boxes are. */
static void
index_forget_layouts (SitmapAnnotationIndex *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    g_clear_object (&g_array_index (self->entries, IndexEntry, i).projected.layout);
}

/* What lies wholly outside the clip would be stroked for nothing (a layer draws a margin around the view,
 * a page only its map, a tile its square): arrow heads and handles reach a little beyond the box. */
static void
index_draw_entries (SitmapAnnotationIndex *self, cairo_t *cr)
{
  double clip_x0, clip_y0, clip_x1, clip_y1, slack = CULL_SLACK * self->scale;

  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const IndexEntry *entry = &g_array_index (self->entries, IndexEntry, i);

      if (entry->selected
          || (entry->has_bounds && entry->x1 + slack >= clip_x0 && entry->x0 - slack <= clip_x1
              && entry->y1 + slack >= clip_y0 && entry->y0 - slack <= clip_y1))
        draw_projected (cr, entry->annotation, &entry->projected, self->scale,
                        entry->selected ? SITMAP_ANNOTATION_DRAW_SELECTED : 0);
    }
}

static void
draw_all (cairo_t *cr, SitmapDocument *document, SitmapAnnotationProjectFunc project, gpointer user_data,
          double scale, SitmapAnnotation *selected, SitmapAnnotationIndex *index)
{
  g_autoptr (SitmapAnnotationIndex) own_index = NULL;
  SitmapAnnotationScene *scene;
  PangoContext          *context;
  double                 x0, y0, x1, y1;

  if (index == NULL)
    index = own_index = sitmap_annotation_index_new ();
  /* Borrowed, not copied: drawn at once, on this thread. */
  scene = scene_collect (document, selected, NULL, NULL, FALSE);
  /* One context for all: made from cr, as each annotation's own would be. */
  context = pango_cairo_create_context (cr);
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  index_lay_out (index, scene, project, user_data, scale, context, x0, y0, x1, y1);
  index_draw_entries (index, cr);
  index_forget_layouts (index);
  g_object_unref (context);
  sitmap_annotation_scene_unref (scene);
}

void
sitmap_annotation_index_draw (SitmapAnnotationIndex *self, cairo_t *cr, SitmapDocument *document,
                              SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                              SitmapAnnotation *selected)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (project != NULL);

  draw_all (cr, document, project, user_data, scale, selected, self);
}

void
sitmap_annotation_index_lay_out (SitmapAnnotationIndex *self, SitmapAnnotationScene *scene,
                                 SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                 PangoContext *context, double x0, double y0, double x1, double y1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (project != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  index_lay_out (self, scene, project, user_data, scale, context, x0, y0, x1, y1);
}

void
sitmap_annotation_index_draw_laid_out (SitmapAnnotationIndex *self, cairo_t *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  index_draw_entries (self, cr);
}

void
sitmap_annotation_index_forget_layouts (SitmapAnnotationIndex *self)
{
  g_return_if_fail (self != NULL);

  index_forget_layouts (self);
}

static gboolean
entry_hit (const IndexEntry *entry, double x, double y, double tolerance)
{
  const Projected *p = &entry->projected;

  if (!entry->has_bounds || x < entry->x0 - tolerance || x > entry->x1 + tolerance || y < entry->y0 - tolerance
      || y > entry->y1 + tolerance)
    return FALSE;
  if (p->has_box && x >= p->box.x - tolerance && x <= p->box.x + p->box.width + tolerance
      && y >= p->box.y - tolerance && y <= p->box.y + p->box.height + tolerance)
    return TRUE;
  return hit_body (entry->annotation, p, x, y, tolerance);
}

SitmapAnnotation *
sitmap_annotation_index_pick (SitmapAnnotationIndex *self, double x, double y, double tolerance)
{
  const guint *cell = NULL, *everywhere;
  guint        n_cell = 0, n_everywhere;
  double       fc, fr;

  g_return_val_if_fail (self != NULL, NULL);

  tolerance = MIN (tolerance, SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE);
  fc = floor ((x - self->x0) / INDEX_CELL);
  fr = floor ((y - self->y0) / INDEX_CELL);
  if (fc >= 0 && fr >= 0 && fc < self->columns && fr < self->rows)
    {
      guint k = (guint) fr * self->columns + (guint) fc;
      const guint *start = (const guint *) (gconstpointer) self->cell_start->data;

      cell = &g_array_index (self->items, guint, start[k]);
      n_cell = start[k + 1] - start[k];
    }
  everywhere = (const guint *) (gconstpointer) self->everywhere->data;
  n_everywhere = self->everywhere->len;
  /* Topmost first: both lists ascend, so walk them back together. */
  while (n_cell > 0 || n_everywhere > 0)
    {
      guint i;

      if (n_everywhere == 0 || (n_cell > 0 && cell[n_cell - 1] > everywhere[n_everywhere - 1]))
        i = cell[--n_cell];
      else
        i = everywhere[--n_everywhere];
      if (entry_hit (&g_array_index (self->entries, IndexEntry, i), x, y, tolerance))
        return g_array_index (self->entries, IndexEntry, i).annotation;
    }
  return NULL;
}
