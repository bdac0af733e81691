/* sitmap-annotation-draw.h: how an annotation looks, drawn with cairo so that the map on screen and
 * every export share one drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sitmap-annotation.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

/* Places normalised Web Mercator (x, y) (the world is [0, 1]², see sitmap_mercator_from_lat_lon) in
 * the cairo context's user space. The screen maps to widget pixels, an export to its page. */
typedef void (*SitmapAnnotationProjectFunc) (double x, double y, double *out_x, double *out_y, gpointer user_data);

typedef enum
{
  SITMAP_ANNOTATION_DRAW_SELECTED = 1 << 0, /* with handles at its points, as the map shows the selection */
  SITMAP_ANNOTATION_DRAW_NO_TEXT = 1 << 1,  /* all but its text, which the caller places and draws itself
                                             * (an export: clear of other texts, above everything) */
} SitmapAnnotationDrawFlags;

/* An annotation's text shows at most this many lines (per paragraph); a longer one ends in an
 * ellipsis, and a text of megabytes is cut before it is laid out. */
#define SITMAP_ANNOTATION_TEXT_MAX_LINES 6

/* What is under a point (see sitmap_annotation_hit). */
typedef enum
{
  SITMAP_ANNOTATION_HIT_NONE,
  SITMAP_ANNOTATION_HIT_BODY,   /* its line, outline, inside or ring: a drag moves it whole */
  SITMAP_ANNOTATION_HIT_TEXT,   /* its text's plate (a label's: a drag moves the text, not what its leader points at) */
  SITMAP_ANNOTATION_HIT_HANDLE, /* a handle of the selection: a drag reshapes it */
} SitmapAnnotationHitKind;

/* Where a circle's radius handle is: its point index. */
#define SITMAP_ANNOTATION_HANDLE_RADIUS G_MAXUINT
/* An area's handle in the middle of the side from point i to point i + 1 (the last to the first) is
 * SITMAP_ANNOTATION_HANDLE_SIDE | i: a drag, or a click, adds a corner there. */
#define SITMAP_ANNOTATION_HANDLE_SIDE 0x40000000u
#define SITMAP_ANNOTATION_HANDLE_IS_SIDE(handle) \
  ((handle) != SITMAP_ANNOTATION_HANDLE_RADIUS && ((handle) & SITMAP_ANNOTATION_HANDLE_SIDE) != 0)

/* The radius of a highlight's ring around an event's point, in logical pixels (times scale). */
#define SITMAP_ANNOTATION_HIGHLIGHT_RADIUS 16.0

/* Draws annotation with cr in user space: each geographic point through project, line widths, text and
 * the highlight rings scaled by scale (user units per logical pixel: 1 on screen, 300 / 96 for a 300 dpi
 * page drawn in pixels, 0.75 for a page in points). Text is real text (pango-cairo), so a vector
 * surface (SVG, PDF) keeps it as text; it is never markup. document finds a highlight's events (their
 * points in its columns); it may be NULL, and then highlights draw nothing. Annotations that do not
 * validate draw what they can (an area being drawn with two points draws its line).
 *
 * Zoomed out, marks kept at their size would pile over the events they are about: below zoom 6 (read
 * from project and scale, so the map and every page agree) lines and text shrink, and below zoom 4 the
 * words and a highlight's rings are left out, a label being a dot at its point. Hit testing and bounds
 * follow the same sizes. */
void
sitmap_annotation_draw (cairo_t *cr, SitmapAnnotation *annotation, SitmapDocument *document,
                        SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                        SitmapAnnotationDrawFlags flags);

/* Every annotation of the document, in its order (later ones on top): what a map or an export shows of
 * them. Draws nothing when the document's annotations are hidden (sitmap_document_get_annotations_visible). */
void
sitmap_annotation_draw_all (cairo_t *cr, SitmapDocument *document, SitmapAnnotationProjectFunc project,
                            gpointer user_data, double scale);

/* Whether (x, y) in user space is within tolerance of what sitmap_annotation_draw draws for annotation;
 * with selected, first whether it is on one of its handles, whose point index goes to handle
 * (SITMAP_ANNOTATION_HANDLE_RADIUS for a circle's rim). context measures a label's text (NULL: a
 * default pango-cairo context). */
SitmapAnnotationHitKind
sitmap_annotation_hit (SitmapAnnotation *annotation, SitmapDocument *document, SitmapAnnotationProjectFunc project,
                       gpointer user_data, double scale, PangoContext *context, gboolean selected, double x, double y,
                       double tolerance, guint *handle);

/* Where sitmap_annotation_draw writes the annotation's text: the box of its plate, in user space, and the
 * scale its words are drawn at (smaller than scale zoomed out: see sitmap_annotation_draw). FALSE when it
 * has no text, no point to write it at, or is too far out for words. context measures it (NULL: a
 * default one); text_scale may be NULL. */
gboolean
sitmap_annotation_get_text_box (SitmapAnnotation *annotation, SitmapDocument *document,
                                SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                PangoContext *context, double *x, double *y, double *width, double *height,
                                double *text_scale);

/* Draws the annotation's text plate, as sitmap_annotation_draw does, at text_scale (from
 * sitmap_annotation_get_text_box) in the box (x, y, width, height) that a caller placed it in (see
 * SITMAP_ANNOTATION_DRAW_NO_TEXT); when leader is not NULL, the text was moved away from where it
 * belongs, and a line in its ink runs from the plate to (leader[0], leader[1]). */
void
sitmap_annotation_draw_text (cairo_t *cr, SitmapAnnotation *annotation, double text_scale, double x, double y,
                             double width, double height, const double *leader);

/* The bounding box of what sitmap_annotation_draw draws, in user space (for a popover to point at). */
gboolean
sitmap_annotation_get_bounds (SitmapAnnotation *annotation, SitmapDocument *document,
                              SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                              PangoContext *context, double *x, double *y, double *width, double *height);

/* The document's annotations as they are now (a copy of each, and a highlight's events' points), frozen:
 * it can be drawn in another thread while the document changes. Refcounted, immutable, any thread. */
typedef struct _SitmapAnnotationScene SitmapAnnotationScene;

/* left_out (one of the document's, or NULL) is not in the scene: a layer draws the selection itself,
 * above the rest, so that dragging it or typing its text changes the scene in nothing. previous, when not
 * NULL, lends the copies of the annotations that have not changed since (so that a scene after one edit
 * costs a copy of one annotation and a comparison of the others). Empty when the annotations are hidden.
 * Main thread. */
SitmapAnnotationScene *sitmap_annotation_scene_new (SitmapDocument *document, SitmapAnnotation *left_out,
                                                    SitmapAnnotationScene *previous);
SitmapAnnotationScene *sitmap_annotation_scene_ref (SitmapAnnotationScene *self);
void                   sitmap_annotation_scene_unref (SitmapAnnotationScene *self);
guint                  sitmap_annotation_scene_get_n_items (SitmapAnnotationScene *self);
/* Appends to boxes (doubles: x0, y0, x1, y1 each, in user space, with the slack of arrow heads and
 * handles) where the pixels of after may differ from those of before: the old and new boxes of each
 * annotation added, removed, changed, left out or back in, or moved in the drawing order. */
void sitmap_annotation_scene_get_changes (SitmapAnnotationScene *before, SitmapAnnotationScene *after,
                                          SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                          PangoContext *context, GArray *boxes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapAnnotationScene, sitmap_annotation_scene_unref)

/* What a layer drew, kept for picking: the annotations' boxes on a grid, so that a pick looks only at
 * those near the point, with their points as drawn (nothing projected or laid out again). */
typedef struct _SitmapAnnotationIndex SitmapAnnotationIndex;

/* The greatest tolerance a pick through the index takes, in user units. */
#define SITMAP_ANNOTATION_INDEX_MAX_TOLERANCE 16.0

SitmapAnnotationIndex *sitmap_annotation_index_new (void);
void                   sitmap_annotation_index_free (SitmapAnnotationIndex *self);
/* Draws as sitmap_annotation_draw_all does (selected, which may be NULL, with its handles, as
 * SITMAP_ANNOTATION_DRAW_SELECTED draws it) and keeps what each annotation drew, within cr's clip. */
void sitmap_annotation_index_draw (SitmapAnnotationIndex *self, cairo_t *cr, SitmapDocument *document,
                                   SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                   SitmapAnnotation *selected);
/* Projects and lays out every annotation of scene (measuring text with context), indexing them over the
 * area (x0, y0)–(x1, y1) of user space, without drawing: then sitmap_annotation_index_draw_laid_out
 * draws them, as sitmap_annotation_draw_all would, into any clip (a tile), as often as asked, until
 * sitmap_annotation_index_forget_layouts. Any thread, one at a time; a pick then finds the scene's copies. */
void sitmap_annotation_index_lay_out (SitmapAnnotationIndex *self, SitmapAnnotationScene *scene,
                                      SitmapAnnotationProjectFunc project, gpointer user_data, double scale,
                                      PangoContext *context, double x0, double y0, double x1, double y1);
void sitmap_annotation_index_draw_laid_out (SitmapAnnotationIndex *self, cairo_t *cr);
void sitmap_annotation_index_forget_layouts (SitmapAnnotationIndex *self);
/* The topmost annotation that (x, y), in the user space it was drawn in, is on as sitmap_annotation_hit
 * finds it (unselected: handles aside), or NULL. The index holds it. */
SitmapAnnotation *sitmap_annotation_index_pick (SitmapAnnotationIndex *self, double x, double y, double tolerance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapAnnotationIndex, sitmap_annotation_index_free)

G_END_DECLS
