/* sitmap-annotation.h: the analyst's own marks on the map: labels, arrows, circles, areas, highlights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SITMAP_ANNOTATION_LABEL,     /* text at a point, with an optional leader line to another point */
  SITMAP_ANNOTATION_ARROW,     /* from a tail to a head */
  SITMAP_ANNOTATION_CIRCLE,    /* a centre and a radius on the ground */
  SITMAP_ANNOTATION_AREA,      /* a polygon */
  SITMAP_ANNOTATION_HIGHLIGHT, /* a ring around each of some events, named by their ids */
  SITMAP_N_ANNOTATION_KINDS
} SitmapAnnotationKind;

/* A small palette that reads on the basemap, on imagery and in print, and stays clear of the
 * categories' colours where it can. The ids are Sitmap's file format: never rename one. */
typedef enum
{
  SITMAP_ANNOTATION_COLOR_RED,
  SITMAP_ANNOTATION_COLOR_ORANGE,
  SITMAP_ANNOTATION_COLOR_YELLOW,
  SITMAP_ANNOTATION_COLOR_GREEN,
  SITMAP_ANNOTATION_COLOR_BLUE,
  SITMAP_ANNOTATION_COLOR_PURPLE,
  SITMAP_ANNOTATION_COLOR_BLACK,
  SITMAP_ANNOTATION_COLOR_WHITE,
  SITMAP_N_ANNOTATION_COLORS
} SitmapAnnotationColor;

/* Line widths in logical pixels: the three the style popover offers, and the limits a file may give. */
#define SITMAP_ANNOTATION_WIDTH_THIN   2.0
#define SITMAP_ANNOTATION_WIDTH_MEDIUM 3.5
#define SITMAP_ANNOTATION_WIDTH_THICK  6.0
#define SITMAP_ANNOTATION_MIN_WIDTH    0.5
#define SITMAP_ANNOTATION_MAX_WIDTH    20.0
/* A circle's radius on the ground, in metres: from a few metres to half the equator. */
#define SITMAP_ANNOTATION_MIN_RADIUS_M 1.0
#define SITMAP_ANNOTATION_MAX_RADIUS_M 20037508.0
/* Bounds on what one annotation holds, so that a hostile file cannot make one enormous. */
#define SITMAP_ANNOTATION_MAX_POINTS 100000
#define SITMAP_ANNOTATION_MAX_EVENTS 10000

/* One annotation: geographic points (WGS 84 latitude and longitude, so that it stays put as the map
 * pans and zooms), a text, a colour and a line width. What the points are depends on the kind:
 *  - LABEL: the point the text is written at, then optionally the point its leader line goes to;
 *  - ARROW: the tail, then the head;
 *  - CIRCLE: the centre (the radius is apart, in metres);
 *  - AREA: the vertices of the polygon, at least three, not repeating the first;
 *  - HIGHLIGHT: none: it rings the events it names, wherever they are.
 * The text is the label's words, or a caption for the other kinds (NULL when none).
 *
 * A document's annotations change only through SitmapAnnotationCommand, so that every change can be
 * undone; the setters are for commands, readers and code building a new annotation. */
#define SITMAP_TYPE_ANNOTATION (sitmap_annotation_get_type ())
G_DECLARE_FINAL_TYPE (SitmapAnnotation, sitmap_annotation, SITMAP, ANNOTATION, GObject)

SitmapAnnotation     *sitmap_annotation_new (SitmapAnnotationKind kind, const char *id);
/* A deep copy, with the same id. */
SitmapAnnotation     *sitmap_annotation_copy (SitmapAnnotation *self);
/* Makes self the same as other in everything but the id. */
void                  sitmap_annotation_assign (SitmapAnnotation *self, SitmapAnnotation *other);
gboolean              sitmap_annotation_equal (SitmapAnnotation *a, SitmapAnnotation *b);

SitmapAnnotationKind  sitmap_annotation_get_kind (SitmapAnnotation *self);
const char           *sitmap_annotation_get_id (SitmapAnnotation *self);
const char           *sitmap_annotation_get_text (SitmapAnnotation *self);
void                  sitmap_annotation_set_text (SitmapAnnotation *self, const char *text);
SitmapAnnotationColor sitmap_annotation_get_color (SitmapAnnotation *self);
void                  sitmap_annotation_set_color (SitmapAnnotation *self, SitmapAnnotationColor color);
double                sitmap_annotation_get_width (SitmapAnnotation *self);
void                  sitmap_annotation_set_width (SitmapAnnotation *self, double width);
double                sitmap_annotation_get_radius (SitmapAnnotation *self);
void                  sitmap_annotation_set_radius (SitmapAnnotation *self, double radius_m);

guint                 sitmap_annotation_get_n_points (SitmapAnnotation *self);
void                  sitmap_annotation_get_point (SitmapAnnotation *self, guint i, double *latitude, double *longitude);
void                  sitmap_annotation_set_point (SitmapAnnotation *self, guint i, double latitude, double longitude);
void                  sitmap_annotation_add_point (SitmapAnnotation *self, double latitude, double longitude);
void                  sitmap_annotation_remove_point (SitmapAnnotation *self, guint i);
/* A point before point i (i == n: after the last), as a corner added to an area's side. */
void                  sitmap_annotation_insert_point (SitmapAnnotation *self, guint i, double latitude,
                                                      double longitude);
/* The point in normalised Web Mercator (see sitmap_mercator_from_lat_lon). */
void                  sitmap_annotation_get_mercator (SitmapAnnotation *self, guint i, double *x, double *y);
void                  sitmap_annotation_set_mercator (SitmapAnnotation *self, guint i, double x, double y);
/* Moves every point by (dx, dy) in normalised Web Mercator, as a drag on the map does. */
void                  sitmap_annotation_translate (SitmapAnnotation *self, double dx, double dy);
/* A label with two points draws a line from its text to the second. */
gboolean              sitmap_annotation_has_leader (SitmapAnnotation *self);

/* HIGHLIGHT: the ids of the events it rings, in the order added, without repeats. */
const char *const    *sitmap_annotation_get_event_ids (SitmapAnnotation *self, guint *n_ids);
gboolean              sitmap_annotation_has_event (SitmapAnnotation *self, const char *event_id);
/* FALSE if it was there already (or, for remove, was not). */
gboolean              sitmap_annotation_add_event (SitmapAnnotation *self, const char *event_id);
gboolean              sitmap_annotation_remove_event (SitmapAnnotation *self, const char *event_id);

/* Whether it has what its kind needs (an arrow two points, an area three, a label its text…); what a
 * writer saves and a reader accepts. The error (G_IO_ERROR_INVALID_DATA) says what is missing. */
gboolean              sitmap_annotation_validate (SitmapAnnotation *self, GError **error);

/* CIRCLE: n points on the ground at its radius from its centre, clockwise from north, as latitude and
 * longitude pairs in out (2 × n doubles): the circle as Google Earth and GDAL are given it, and as the
 * map draws it, so that a large circle bends with the projection as the ground does. */
void                  sitmap_annotation_get_circle_ring (SitmapAnnotation *self, guint n, double *out);
/* The point distance_m from (latitude, longitude) along bearing (degrees clockwise from north), on a
 * sphere of the Earth's mean radius. */
void                  sitmap_geodesic_destination (double latitude, double longitude, double bearing,
                                                   double distance_m, double *out_latitude,
                                                   double *out_longitude);
/* The great-circle distance between two points, in metres. */
double                sitmap_geodesic_distance (double latitude1, double longitude1, double latitude2,
                                                double longitude2);

const char           *sitmap_annotation_kind_to_id (SitmapAnnotationKind kind);
gboolean              sitmap_annotation_kind_from_id (const char *id, SitmapAnnotationKind *kind);
/* "Label", "Arrow"… for undo items and the style popover. */
const char           *sitmap_annotation_kind_get_label (SitmapAnnotationKind kind);
const char           *sitmap_annotation_color_to_id (SitmapAnnotationColor color);
gboolean              sitmap_annotation_color_from_id (const char *id, SitmapAnnotationColor *color);
const char           *sitmap_annotation_color_get_label (SitmapAnnotationColor color);
/* "#rrggbb" */
const char           *sitmap_annotation_color_get_hex (SitmapAnnotationColor color);
/* The colour of the casing drawn beneath a line or text of this colour, so that it reads on any map:
 * white beneath dark colours, near black beneath light ones. "#rrggbb". */
const char           *sitmap_annotation_color_get_casing_hex (SitmapAnnotationColor color);
/* "a, b, c": for errors that list what a file may say. */
char                 *sitmap_annotation_list_kind_ids (void);
char                 *sitmap_annotation_list_color_ids (void);

G_END_DECLS
