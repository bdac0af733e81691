/* sitmap-annotation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-annotation.h"
#include "sitmap-geometry.h"

/* The mean radius of the Earth (IUGG), in metres. */
#define EARTH_RADIUS_M 6371008.8

struct _SitmapAnnotation
{
  GObject               parent_instance;
  char                 *id;
  char                 *text;
  SitmapAnnotationKind  kind;
  SitmapAnnotationColor color;
  double                width;
  double                radius_m;
  GArray               *points;    /* double latitude, longitude pairs */
  GPtrArray            *event_ids; /* char * */
};

G_DEFINE_FINAL_TYPE (SitmapAnnotation, sitmap_annotation, G_TYPE_OBJECT)

/*
 * Identifiers: Sitmap's file format, never rename one
 */

static const struct
{
  const char *id;
  const char *label;
} kinds[SITMAP_N_ANNOTATION_KINDS] = {
  [SITMAP_ANNOTATION_LABEL] = { "label", N_("Label") },
  [SITMAP_ANNOTATION_ARROW] = { "arrow", N_("Arrow") },
  [SITMAP_ANNOTATION_CIRCLE] = { "circle", N_("Circle") },
  [SITMAP_ANNOTATION_AREA] = { "area", N_("Area") },
  [SITMAP_ANNOTATION_HIGHLIGHT] = { "highlight", N_("Highlight") },
};

/* GNOME's palette, at the strength that holds its own on a busy map. */
static const struct
{
  const char *id;
  const char *label;
  const char *hex;
  const char *casing;
} colors[SITMAP_N_ANNOTATION_COLORS] = {
  [SITMAP_ANNOTATION_COLOR_RED] = { "red", N_("Red"), "#c01c28", "#ffffff" },
  [SITMAP_ANNOTATION_COLOR_ORANGE] = { "orange", N_("Orange"), "#e66100", "#ffffff" },
  [SITMAP_ANNOTATION_COLOR_YELLOW] = { "yellow", N_("Yellow"), "#f6d32d", "#241f31" },
  [SITMAP_ANNOTATION_COLOR_GREEN] = { "green", N_("Green"), "#26a269", "#ffffff" },
  [SITMAP_ANNOTATION_COLOR_BLUE] = { "blue", N_("Blue"), "#1a5fb4", "#ffffff" },
  [SITMAP_ANNOTATION_COLOR_PURPLE] = { "purple", N_("Purple"), "#813d9c", "#ffffff" },
  [SITMAP_ANNOTATION_COLOR_BLACK] = { "black", N_("Black"), "#241f31", "#ffffff" },
  [SITMAP_ANNOTATION_COLOR_WHITE] = { "white", N_("White"), "#ffffff", "#241f31" },
};

const char *
sitmap_annotation_kind_to_id (SitmapAnnotationKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_ANNOTATION_KINDS, "label");
  return kinds[kind].id;
}

gboolean
sitmap_annotation_kind_from_id (const char *id, SitmapAnnotationKind *kind)
{
  for (guint i = 0; i < SITMAP_N_ANNOTATION_KINDS; i++)
    if (g_strcmp0 (id, kinds[i].id) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_annotation_kind_get_label (SitmapAnnotationKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_ANNOTATION_KINDS, _("Label"));
  return _(kinds[kind].label);
}

const char *
sitmap_annotation_color_to_id (SitmapAnnotationColor color)
{
  g_return_val_if_fail (color < SITMAP_N_ANNOTATION_COLORS, "red");
  return colors[color].id;
}

gboolean
sitmap_annotation_color_from_id (const char *id, SitmapAnnotationColor *color)
{
  for (guint i = 0; i < SITMAP_N_ANNOTATION_COLORS; i++)
    if (g_strcmp0 (id, colors[i].id) == 0)
      {
        *color = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_annotation_color_get_label (SitmapAnnotationColor color)
{
  g_return_val_if_fail (color < SITMAP_N_ANNOTATION_COLORS, _("Red"));
  return _(colors[color].label);
}

const char *
sitmap_annotation_color_get_hex (SitmapAnnotationColor color)
{
  g_return_val_if_fail (color < SITMAP_N_ANNOTATION_COLORS, colors[0].hex);
  return colors[color].hex;
}

const char *
sitmap_annotation_color_get_casing_hex (SitmapAnnotationColor color)
{
  g_return_val_if_fail (color < SITMAP_N_ANNOTATION_COLORS, colors[0].casing);
  return colors[color].casing;
}

char *
sitmap_annotation_list_kind_ids (void)
{
  const char *ids[SITMAP_N_ANNOTATION_KINDS + 1] = { NULL };

  for (guint i = 0; i < SITMAP_N_ANNOTATION_KINDS; i++)
    ids[i] = kinds[i].id;
  return g_strjoinv (", ", (char **) ids);
}

char *
sitmap_annotation_list_color_ids (void)
{
  const char *ids[SITMAP_N_ANNOTATION_COLORS + 1] = { NULL };

  for (guint i = 0; i < SITMAP_N_ANNOTATION_COLORS; i++)
    ids[i] = colors[i].id;
  return g_strjoinv (", ", (char **) ids);
}

/*
 * Geodesy on a sphere: good to a few tenths of a percent, far better than a map shows
 */

void
sitmap_geodesic_destination (double latitude, double longitude, double bearing, double distance_m,
                             double *out_latitude, double *out_longitude)
{
  double phi1 = latitude * G_PI / 180, lambda1 = longitude * G_PI / 180, theta = bearing * G_PI / 180;
  double delta = distance_m / EARTH_RADIUS_M;
  double sin_phi2 = sin (phi1) * cos (delta) + cos (phi1) * sin (delta) * cos (theta);
  double phi2 = asin (CLAMP (sin_phi2, -1, 1));
  double lambda2 = lambda1 + atan2 (sin (theta) * sin (delta) * cos (phi1), cos (delta) - sin (phi1) * sin_phi2);

  *out_latitude = phi2 * 180 / G_PI;
  /* Back into −180…180. */
  *out_longitude = fmod (lambda2 * 180 / G_PI + 540, 360) - 180;
}

double
sitmap_geodesic_distance (double latitude1, double longitude1, double latitude2, double longitude2)
{
  double phi1 = latitude1 * G_PI / 180, phi2 = latitude2 * G_PI / 180;
  double dphi = phi2 - phi1, dlambda = (longitude2 - longitude1) * G_PI / 180;
  double a = sin (dphi / 2) * sin (dphi / 2) + cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  return 2 * EARTH_RADIUS_M * atan2 (sqrt (a), sqrt (MAX (0, 1 - a)));
}

/*
 * GObject
 */

static void
sitmap_annotation_finalize (GObject *object)
{
  SitmapAnnotation *self = (SitmapAnnotation *) object;

  g_free (self->id);
  g_free (self->text);
  g_array_unref (self->points);
  g_ptr_array_unref (self->event_ids);
  G_OBJECT_CLASS (sitmap_annotation_parent_class)->finalize (object);
}

static void
sitmap_annotation_class_init (SitmapAnnotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_annotation_finalize;
}

static void
sitmap_annotation_init (SitmapAnnotation *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->event_ids = g_ptr_array_new_with_free_func (g_free);
  self->width = SITMAP_ANNOTATION_WIDTH_MEDIUM;
}

/*
 * Public API
 */

SitmapAnnotation *
sitmap_annotation_new (SitmapAnnotationKind kind, const char *id)
{
  SitmapAnnotation *self;

  g_return_val_if_fail (kind < SITMAP_N_ANNOTATION_KINDS, NULL);
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (SITMAP_TYPE_ANNOTATION, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  /* Labels name things and highlights point at them: red draws the eye; the shapes, blue, read as the
   * analyst's drawing rather than as data. */
  self->color = kind == SITMAP_ANNOTATION_LABEL || kind == SITMAP_ANNOTATION_HIGHLIGHT ? SITMAP_ANNOTATION_COLOR_RED
                                                                                       : SITMAP_ANNOTATION_COLOR_BLUE;
  self->radius_m = 10000;
  return self;
}

SitmapAnnotation *
sitmap_annotation_copy (SitmapAnnotation *self)
{
  SitmapAnnotation *copy;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), NULL);

  copy = sitmap_annotation_new (self->kind, self->id);
  sitmap_annotation_assign (copy, self);
  return copy;
}

void
sitmap_annotation_assign (SitmapAnnotation *self, SitmapAnnotation *other)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (SITMAP_IS_ANNOTATION (other));

  if (self == other)
    return;
  self->kind = other->kind;
  sitmap_annotation_set_text (self, other->text);
  self->color = other->color;
  self->width = other->width;
  self->radius_m = other->radius_m;
  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, other->points->data, other->points->len);
  g_ptr_array_set_size (self->event_ids, 0);
  for (guint i = 0; i < other->event_ids->len; i++)
    g_ptr_array_add (self->event_ids, g_strdup (g_ptr_array_index (other->event_ids, i)));
}

gboolean
sitmap_annotation_equal (SitmapAnnotation *a, SitmapAnnotation *b)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (b), FALSE);

  if (a->kind != b->kind || g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->text, b->text) != 0 ||
      a->color != b->color || a->width != b->width || a->radius_m != b->radius_m ||
      a->points->len != b->points->len || a->event_ids->len != b->event_ids->len)
    return FALSE;
  if (a->points->len > 0 && memcmp (a->points->data, b->points->data, a->points->len * sizeof (double)) != 0)
    return FALSE;
  for (guint i = 0; i < a->event_ids->len; i++)
    if (strcmp (g_ptr_array_index (a->event_ids, i), g_ptr_array_index (b->event_ids, i)) != 0)
      return FALSE;
  return TRUE;
}

SitmapAnnotationKind
sitmap_annotation_get_kind (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), SITMAP_ANNOTATION_LABEL);
  return self->kind;
}

const char *
sitmap_annotation_get_id (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), NULL);
  return self->id;
}

const char *
sitmap_annotation_get_text (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), NULL);
  return self->text;
}

/* An empty text is no text. */
void
sitmap_annotation_set_text (SitmapAnnotation *self, const char *text)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));

  if (text == self->text)
    return;
  g_free (self->text);
  self->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

SitmapAnnotationColor
sitmap_annotation_get_color (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), SITMAP_ANNOTATION_COLOR_RED);
  return self->color;
}

void
sitmap_annotation_set_color (SitmapAnnotation *self, SitmapAnnotationColor color)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (color < SITMAP_N_ANNOTATION_COLORS);
  self->color = color;
}

double
sitmap_annotation_get_width (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), SITMAP_ANNOTATION_WIDTH_MEDIUM);
  return self->width;
}

void
sitmap_annotation_set_width (SitmapAnnotation *self, double width)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (isfinite (width));
  self->width = CLAMP (width, SITMAP_ANNOTATION_MIN_WIDTH, SITMAP_ANNOTATION_MAX_WIDTH);
}

double
sitmap_annotation_get_radius (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), 0);
  return self->radius_m;
}

void
sitmap_annotation_set_radius (SitmapAnnotation *self, double radius_m)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (isfinite (radius_m));
  self->radius_m = CLAMP (radius_m, SITMAP_ANNOTATION_MIN_RADIUS_M, SITMAP_ANNOTATION_MAX_RADIUS_M);
}

guint
sitmap_annotation_get_n_points (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), 0);
  return self->points->len / 2;
}

void
sitmap_annotation_get_point (SitmapAnnotation *self, guint i, double *latitude, double *longitude)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (i < self->points->len / 2);

  *latitude = g_array_index (self->points, double, 2 * i);
  *longitude = g_array_index (self->points, double, 2 * i + 1);
}

void
sitmap_annotation_set_point (SitmapAnnotation *self, guint i, double latitude, double longitude)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (i < self->points->len / 2);
  g_return_if_fail (sitmap_coordinates_valid (latitude, longitude));

  g_array_index (self->points, double, 2 * i) = latitude;
  g_array_index (self->points, double, 2 * i + 1) = longitude;
}

void
sitmap_annotation_add_point (SitmapAnnotation *self, double latitude, double longitude)
{
  double pair[2] = { latitude, longitude };

  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (sitmap_coordinates_valid (latitude, longitude));
  g_return_if_fail (self->points->len / 2 < SITMAP_ANNOTATION_MAX_POINTS);

  g_array_append_vals (self->points, pair, 2);
}

void
sitmap_annotation_insert_point (SitmapAnnotation *self, guint i, double latitude, double longitude)
{
  double pair[2] = { latitude, longitude };

  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (sitmap_coordinates_valid (latitude, longitude));
  g_return_if_fail (i <= self->points->len / 2);
  g_return_if_fail (self->points->len / 2 < SITMAP_ANNOTATION_MAX_POINTS);

  g_array_insert_vals (self->points, 2 * i, pair, 2);
}

void
sitmap_annotation_remove_point (SitmapAnnotation *self, guint i)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (i < self->points->len / 2);

  g_array_remove_range (self->points, 2 * i, 2);
}

void
sitmap_annotation_get_mercator (SitmapAnnotation *self, guint i, double *x, double *y)
{
  double latitude, longitude;

  g_return_if_fail (SITMAP_IS_ANNOTATION (self));

  sitmap_annotation_get_point (self, i, &latitude, &longitude);
  sitmap_mercator_from_lat_lon (latitude, longitude, x, y);
}

/* Web Mercator stops short of the poles; so does a point dragged there. */
void
sitmap_annotation_set_mercator (SitmapAnnotation *self, guint i, double x, double y)
{
  double latitude, longitude;

  g_return_if_fail (SITMAP_IS_ANNOTATION (self));

  x = x - floor (x);
  sitmap_mercator_to_lat_lon (x, CLAMP (y, 0, 1), &latitude, &longitude);
  sitmap_annotation_set_point (self, i, CLAMP (latitude, -85.05, 85.05), CLAMP (longitude, -180, 180));
}

void
sitmap_annotation_translate (SitmapAnnotation *self, double dx, double dy)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION (self));

  for (guint i = 0; i < self->points->len / 2; i++)
    {
      double x, y;

      sitmap_annotation_get_mercator (self, i, &x, &y);
      sitmap_annotation_set_mercator (self, i, x + dx, y + dy);
    }
}

gboolean
sitmap_annotation_has_leader (SitmapAnnotation *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), FALSE);
  return self->kind == SITMAP_ANNOTATION_LABEL && self->points->len / 2 >= 2;
}

const char *const *
sitmap_annotation_get_event_ids (SitmapAnnotation *self, guint *n_ids)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), NULL);
  *n_ids = self->event_ids->len;
  return (const char *const *) self->event_ids->pdata;
}

static gint
find_event (SitmapAnnotation *self, const char *event_id)
{
  for (guint i = 0; i < self->event_ids->len; i++)
    if (strcmp (g_ptr_array_index (self->event_ids, i), event_id) == 0)
      return (gint) i;
  return -1;
}

gboolean
sitmap_annotation_has_event (SitmapAnnotation *self, const char *event_id)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);
  return find_event (self, event_id) >= 0;
}

gboolean
sitmap_annotation_add_event (SitmapAnnotation *self, const char *event_id)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (event_id != NULL && *event_id != '\0', FALSE);

  if (find_event (self, event_id) >= 0 || self->event_ids->len >= SITMAP_ANNOTATION_MAX_EVENTS)
    return FALSE;
  g_ptr_array_add (self->event_ids, g_strdup (event_id));
  return TRUE;
}

gboolean
sitmap_annotation_remove_event (SitmapAnnotation *self, const char *event_id)
{
  gint i;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  i = find_event (self, event_id);
  if (i < 0)
    return FALSE;
  g_ptr_array_remove_index (self->event_ids, i);
  return TRUE;
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

gboolean
sitmap_annotation_validate (SitmapAnnotation *self, GError **error)
{
  guint n;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION (self), FALSE);

  n = self->points->len / 2;
  switch (self->kind)
    {
    case SITMAP_ANNOTATION_LABEL:
      if (self->text == NULL)
        return invalid (error, _("a label needs a text"));
      if (n < 1 || n > 2)
        return invalid (error, _("a label has one point, or two with a leader line"));
      break;
    case SITMAP_ANNOTATION_ARROW:
      if (n != 2)
        return invalid (error, _("an arrow has two points"));
      break;
    case SITMAP_ANNOTATION_CIRCLE:
      if (n != 1)
        return invalid (error, _("a circle has one point, its centre"));
      break;
    case SITMAP_ANNOTATION_AREA:
      if (n < 3)
        return invalid (error, _("an area needs at least three points"));
      break;
    case SITMAP_ANNOTATION_HIGHLIGHT:
      if (n != 0)
        return invalid (error, _("a highlight has no points of its own"));
      if (self->event_ids->len == 0)
        return invalid (error, _("a highlight names at least one event"));
      break;
    case SITMAP_N_ANNOTATION_KINDS:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

void
sitmap_annotation_get_circle_ring (SitmapAnnotation *self, guint n, double *out)
{
  double latitude, longitude;

  g_return_if_fail (SITMAP_IS_ANNOTATION (self));
  g_return_if_fail (self->kind == SITMAP_ANNOTATION_CIRCLE && self->points->len == 2);

  sitmap_annotation_get_point (self, 0, &latitude, &longitude);
  for (guint i = 0; i < n; i++)
    sitmap_geodesic_destination (latitude, longitude, 360.0 * i / n, self->radius_m, &out[2 * i], &out[2 * i + 1]);
}
