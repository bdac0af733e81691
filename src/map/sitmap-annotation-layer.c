/* sitmap-annotation-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-annotation-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-annotation-command.h"
#include "sitmap-annotation-draw.h"
#include "sitmap-annotation-layer.h"
#include "sitmap-annotation-popover.h"
#include "sitmap-annotation-tiles.h"
#include "sitmap-geometry.h"
#include "sitmap-map-focus.h"
#include "sitmap-map-projection.h"
#include "sitmap-undo-stack.h"
#include "sitmap-vertex-handles.h"

/* How near a press must be to a line to take it, in pixels. */
#define HIT_TOLERANCE 4.0
/* A click with the circle tool draws a circle of this radius. */
#define DEFAULT_RADIUS_M 10000.0
/* The picking bar's room from the map's sides, and from its bottom (the scale and attribution). */
#define PICKING_MARGIN 12
#define PICKING_BOTTOM 36

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,     /* the middle button, or a drag with a tool that only clicks */
  DRAG_CREATE,  /* a label's leader, an arrow, a circle */
  DRAG_MOVE,    /* the selection, whole */
  DRAG_RESHAPE, /* one handle of the selection */
  DRAG_CLICK,   /* not yet a drag: a press of a tool that only clicks */
} DragKind;

struct _SitmapAnnotationLayer
{
  ShumateLayer         parent_instance;
  SitmapViewState     *view_state;
  SitmapEventLayer    *event_layer; /* weak */
  SitmapDocument      *document;    /* followed from the view state */
  gulong               changed_id;
  gulong               visible_id;
  SitmapAnnotationTool tool;
  SitmapAnnotation    *selected;
  gboolean             capturing_area; /* the area tool draws an event's area, not an annotation */

  GtkGesture              *drag;
  GtkGesture              *pan;
  GtkGesture              *map_click; /* on the map: a press on bare map lets the selection go */
  SitmapAnnotationPopover *popover;
  GtkWidget               *corner_menu;  /* "Remove Corner", on a right click on an area's corner */
  GtkGesture              *corner_click; /* that right click */
  gint                     focused_corner; /* the selected area's corner Delete removes, or -1 */
  GtkWidget               *picking;       /* the bar over the map while the highlight tool picks */
  GtkWidget               *picking_label;
  GtkWidget               *done_button;
  DragKind                 drag_kind;
  double                   start_x; /* the press, in widget coordinates */
  double                   start_y;
  double                   start_mx; /* the press, in normalised Web Mercator */
  double                   start_my;
  guint                    handle;
  guint                    gesture;     /* the undo merge key of this drag */
  gboolean                 moved;       /* the drag went past the threshold */
  guint                    press_count; /* 2 for the second press of a double click */
  guint32                  press_time;
  SitmapAnnotation        *original; /* the selection as the drag found it */
  double                   pan_cx;   /* the viewport centre as the pan found it, normalised */
  double                   pan_cy;
  double                   pan_map_size;
  SitmapAnnotation        *draft;     /* what the tool is drawing, not yet in the document */
  double                   pointer_x; /* for the area tool's line to the pointer */
  double                   pointer_y;
  gboolean                 pointer_in;

  /* The annotations drawn into tiles by a worker, from a frozen scene of them: a frame after a pan, a
   * zoom or an edit only places the tiles there are (see sitmap-annotation-tiles.h). */
  SitmapAnnotationTiles *tiles;
  SitmapAnnotationScene *scene;
  gboolean               scene_stale; /* the annotations or the selection changed since scene */
};

G_DEFINE_FINAL_TYPE (SitmapAnnotationLayer, sitmap_annotation_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_VIEW_STATE,
  PROP_TOOL,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  AREA_CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void     update_picking_bar (SitmapAnnotationLayer *self);
static gboolean on_picking_bar (SitmapAnnotationLayer *self, double x, double y);
static void     focus_corner (SitmapAnnotationLayer *self, guint handle);
static void     add_corner_at_middle (SitmapAnnotationLayer *self, guint side);
static void     snapshot_focused_corner (SitmapAnnotationLayer *self, GtkSnapshot *snapshot,
                                         const SitmapMapProjection *p);

static const struct
{
  const char *label;
  const char *icon;
} tools[SITMAP_N_ANNOTATION_TOOLS] = {
  [SITMAP_ANNOTATION_TOOL_SELECT] = { N_ ("Select and Move Annotations"), "sitmap-annotation-select-symbolic" },
  [SITMAP_ANNOTATION_TOOL_LABEL] = { N_ ("Text Label"), "sitmap-annotation-label-symbolic" },
  [SITMAP_ANNOTATION_TOOL_ARROW] = { N_ ("Arrow"), "sitmap-annotation-arrow-symbolic" },
  [SITMAP_ANNOTATION_TOOL_CIRCLE] = { N_ ("Circle"), "sitmap-annotation-circle-symbolic" },
  [SITMAP_ANNOTATION_TOOL_AREA] = { N_ ("Area"), "sitmap-annotation-area-symbolic" },
  [SITMAP_ANNOTATION_TOOL_HIGHLIGHT] = { N_ ("Highlight Events"), "sitmap-annotation-highlight-symbolic" },
};

const char *
sitmap_annotation_tool_get_label (SitmapAnnotationTool tool)
{
  g_return_val_if_fail (tool < SITMAP_N_ANNOTATION_TOOLS, NULL);
  return _ (tools[tool].label);
}

const char *
sitmap_annotation_tool_get_icon_name (SitmapAnnotationTool tool)
{
  g_return_val_if_fail (tool < SITMAP_N_ANNOTATION_TOOLS, NULL);
  return tools[tool].icon;
}

/*
 * Projection
 */

static void
project_cb (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  sitmap_map_projection_to_widget (user_data, x, y, out_x, out_y);
}

static gboolean
projection (SitmapAnnotationLayer *self, SitmapMapProjection *out)
{
  return sitmap_map_projection_init (out, shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self));
}

/* The widget point in normalised Web Mercator: the inverse of sitmap_map_projection_to_widget. */
static void
widget_to_mercator (const SitmapMapProjection *p, double wx, double wy, double *x, double *y)
{
  sitmap_map_projection_from_widget (p, wx, wy, x, y);
}

gboolean
sitmap_annotation_layer_project (SitmapAnnotationLayer *self, double latitude, double longitude, double *x, double *y)
{
  SitmapMapProjection p;
  double              mx, my;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), FALSE);

  if (!projection (self, &p))
    return FALSE;
  sitmap_mercator_from_lat_lon (latitude, longitude, &mx, &my);
  sitmap_map_projection_to_widget (&p, mx, my, x, y);
  return TRUE;
}

static gboolean
annotations_shown (SitmapAnnotationLayer *self)
{
  return self->document != NULL && sitmap_document_get_annotations_visible (self->document);
}

/*
 * Drawing
 */

/* How far beyond the widget the tiles reach, so that a short pan finds them drawn. */
#define TILE_MARGIN 256.0
/* How far the view may pan from the tiles' anchor before they start anew around it. */
#define ANCHOR_REACH 16384.0

static void
invalidate (SitmapAnnotationLayer *self)
{
  self->scene_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
tiles_ready_cb (gpointer user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
}

/* Where the view centre is in the tiles' frame, for a view the tiles have (FALSE: another zoom or turn). */
static gboolean
frame_center (SitmapAnnotationLayer *self, const SitmapMapProjection *p, double *fx, double *fy)
{
  const SitmapAnnotationTileView *view = sitmap_annotation_tiles_get_view (self->tiles);

  if (view == NULL || view->map_size != p->map_size || view->cos_r != (p->rotated ? p->cos_r : 1)
      || view->sin_r != (p->rotated ? p->sin_r : 0)
      || view->device_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    return FALSE;
  sitmap_annotation_tile_view_project (p->center_x / p->map_size, p->center_y / p->map_size, fx, fy, (gpointer)view);
  return TRUE;
}

/* The tiles' view for this frame: the same while the map only pans (not too far), so that it only moves
 * them; a new one, anchored at the centre, after a zoom or a turn. */
static void
update_view (SitmapAnnotationLayer *self, const SitmapMapProjection *p, double *fx, double *fy)
{
  SitmapAnnotationTileView view;

  if (frame_center (self, p, fx, fy) && fabs (*fx) < ANCHOR_REACH && fabs (*fy) < ANCHOR_REACH)
    return;
  view.map_size = p->map_size;
  view.cos_r = p->rotated ? p->cos_r : 1;
  view.sin_r = p->rotated ? p->sin_r : 0;
  view.anchor_x = p->center_x / p->map_size;
  view.anchor_y = p->center_y / p->map_size;
  view.device_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  sitmap_annotation_tiles_set_view (self->tiles, &view);
  *fx = *fy = 0;
}

/* A copy of what the scene is now: the main thread's only work after an edit, besides placing tiles. */
static void
update_scene (SitmapAnnotationLayer *self)
{
  SitmapAnnotationScene *scene;

  if (!self->scene_stale && self->scene != NULL)
    return;
  /* The selection is left out: drawn above the tiles each frame, so that dragging it redraws no tile. */
  scene = sitmap_annotation_scene_new (self->document, self->selected, self->scene);
  g_clear_pointer (&self->scene, sitmap_annotation_scene_unref);
  self->scene = scene;
  self->scene_stale = FALSE;
  sitmap_annotation_tiles_set_scene (self->tiles, scene);
}

/* The tile's surface as a texture, made once: the worker never draws into a surface it handed over. */
static GdkTexture *
tile_texture (SitmapAnnotationTile *tile)
{
  if (tile->data == NULL)
    {
      cairo_surface_t *surface = tile->surface;
      int              height = cairo_image_surface_get_height (surface), stride = cairo_image_surface_get_stride (surface);
      g_autoptr (GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                             (gsize)height * stride,
                                                             (GDestroyNotify)cairo_surface_destroy,
                                                             cairo_surface_reference (surface));

      /* Cairo's ARGB32 is GDK's default memory format: premultiplied, native-endian. */
      tile->data = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height, GDK_MEMORY_DEFAULT, bytes,
                                           stride);
      tile->destroy = g_object_unref;
    }
  return tile->data;
}

static void
append_tile (GtkSnapshot *snapshot, SitmapAnnotationTile *tile)
{
  gtk_snapshot_append_texture (snapshot, tile_texture (tile),
                               &GRAPHENE_RECT_INIT (tile->column * SITMAP_ANNOTATION_TILE_SIZE,
                                                    tile->row * SITMAP_ANNOTATION_TILE_SIZE,
                                                    SITMAP_ANNOTATION_TILE_SIZE, SITMAP_ANNOTATION_TILE_SIZE));
}

/* Where tiles are not drawn yet (just after a zoom), the previous drawing, scaled and moved into place:
 * blurred for a moment, then sharp. */
static void
append_previous (SitmapAnnotationLayer *self, GtkSnapshot *snapshot, GPtrArray *tiles)
{
  SitmapAnnotationTileView view;
  GPtrArray               *previous = sitmap_annotation_tiles_get_previous (self->tiles, &view);
  double                   x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  cairo_matrix_t           m;
  graphene_matrix_t        matrix;

  if (previous == NULL || previous->len == 0)
    return;
  for (guint i = 0; i < tiles->len; i++)
    {
      SitmapAnnotationTile *tile = g_ptr_array_index (tiles, i);

      if (tile->surface != NULL)
        continue;
      x0 = MIN (x0, tile->column * SITMAP_ANNOTATION_TILE_SIZE);
      y0 = MIN (y0, tile->row * SITMAP_ANNOTATION_TILE_SIZE);
      x1 = MAX (x1, (tile->column + 1) * SITMAP_ANNOTATION_TILE_SIZE);
      y1 = MAX (y1, (tile->row + 1) * SITMAP_ANNOTATION_TILE_SIZE);
    }
  if (x0 > x1)
    return;
  sitmap_annotation_tile_view_transform (&view, sitmap_annotation_tiles_get_view (self->tiles), &m);
  graphene_matrix_init_from_2d (&matrix, m.xx, m.yx, m.xy, m.yy, m.x0, m.y0);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_transform_matrix (snapshot, &matrix);
  for (guint i = 0; i < previous->len; i++)
    append_tile (snapshot, g_ptr_array_index (previous, i));
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* How far what an annotation draws may reach beyond its bounds (an arrow's head, a handle), in pixels. */
#define SELECTED_SLACK 24.0

/* The selection, drawn each frame above the tiles (which leave it out): a drag, a reshape or typing in
 * its popover shows at once, and no tile waits for the worker. One annotation: well under a millisecond. */
static void
snapshot_selected (SitmapAnnotationLayer *self, GtkSnapshot *snapshot, const SitmapMapProjection *p)
{
  double   x, y, width, height, x0, y0, x1, y1;
  cairo_t *cr;

  if (self->selected == NULL
      || !sitmap_annotation_get_bounds (self->selected, self->document, project_cb, (gpointer)p, 1,
                                        gtk_widget_get_pango_context (GTK_WIDGET (self)), &x, &y, &width, &height))
    return;
  /* Only what the widget shows of it: a circle zoomed into may be vast. */
  x0 = MAX (x - SELECTED_SLACK, -SELECTED_SLACK), y0 = MAX (y - SELECTED_SLACK, -SELECTED_SLACK);
  x1 = MIN (x + width + SELECTED_SLACK, p->width + SELECTED_SLACK);
  y1 = MIN (y + height + SELECTED_SLACK, p->height + SELECTED_SLACK);
  if (x1 <= x0 || y1 <= y0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  sitmap_annotation_draw (cr, self->selected, self->document, project_cb, (gpointer)p, 1,
                          SITMAP_ANNOTATION_DRAW_SELECTED);
  cairo_destroy (cr);
}

/* Drawing every annotation costs a few hundred milliseconds (wide strokes, text): a worker does it, and
 * a frame only places the tiles it has drawn, and draws the selection. */
static void
snapshot_tiles (SitmapAnnotationLayer *self, GtkSnapshot *snapshot, const SitmapMapProjection *p)
{
  GPtrArray *tiles;
  double     fx, fy;

  update_view (self, p, &fx, &fy);
  update_scene (self);
  sitmap_annotation_tiles_request (self->tiles, fx - p->width / 2 - TILE_MARGIN, fy - p->height / 2 - TILE_MARGIN,
                                   fx + p->width / 2 + TILE_MARGIN, fy + p->height / 2 + TILE_MARGIN);
  tiles = sitmap_annotation_tiles_get_tiles (self->tiles);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (p->width / 2 - fx, p->height / 2 - fy));
  append_previous (self, snapshot, tiles);
  for (guint i = 0; i < tiles->len; i++)
    if (((SitmapAnnotationTile *)g_ptr_array_index (tiles, i))->surface != NULL)
      append_tile (snapshot, g_ptr_array_index (tiles, i));
  gtk_snapshot_restore (snapshot);
  snapshot_selected (self, snapshot, p);
}

/* What a tool is drawing, redrawn each frame: it follows the pointer. */
static void
snapshot_draft (SitmapAnnotationLayer *self, GtkSnapshot *snapshot, const SitmapMapProjection *p)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, p->width, p->height));

  sitmap_annotation_draw (cr, self->draft, self->document, project_cb, (gpointer)p, 1, SITMAP_ANNOTATION_DRAW_SELECTED);
  /* The area's next side, to the pointer. */
  if (sitmap_annotation_get_kind (self->draft) == SITMAP_ANNOTATION_AREA && self->pointer_in
      && sitmap_annotation_get_n_points (self->draft) > 0)
    {
      double mx, my, x, y, dash[] = { 5, 4 };

      sitmap_annotation_get_mercator (self->draft, sitmap_annotation_get_n_points (self->draft) - 1, &mx, &my);
      sitmap_map_projection_to_widget (p, mx, my, &x, &y);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, self->pointer_x, self->pointer_y);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0, 0.9);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
snapshot_annotations (SitmapAnnotationLayer *self, GtkSnapshot *snapshot)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  SitmapMapProjection p;

  if (!annotations_shown (self) || !projection (self, &p))
    return;
  if (g_list_model_get_n_items (sitmap_document_get_annotations (self->document)) > 0)
    snapshot_tiles (self, snapshot, &p);
  snapshot_focused_corner (self, snapshot, &p);
  if (self->draft != NULL)
    snapshot_draft (self, snapshot, &p);
  if (gtk_widget_get_visible (self->picking))
    gtk_widget_snapshot_child (widget, self->picking, snapshot);
}

static void
sitmap_annotation_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  snapshot_annotations (SITMAP_ANNOTATION_LAYER (widget), snapshot);
  /* Tab reaches the annotations too: the map shows it has the keyboard. */
  if (gtk_widget_has_visible_focus (widget))
    sitmap_map_append_focus_frame (widget, snapshot);
}

/* The focus ring shows only while the keyboard is in use. */
static void
sitmap_annotation_layer_state_flags_changed (GtkWidget *widget, GtkStateFlags previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (sitmap_annotation_layer_parent_class)->state_flags_changed (widget, previous);
  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

/*
 * Picking
 */

static SitmapAnnotationHitKind
hit (SitmapAnnotationLayer *self, const SitmapMapProjection *p, SitmapAnnotation *annotation, double x, double y,
     guint *handle)
{
  return sitmap_annotation_hit (annotation, self->document, project_cb, (gpointer)p, 1,
                                gtk_widget_get_pango_context (GTK_WIDGET (self)), annotation == self->selected, x, y,
                                HIT_TOLERANCE, handle);
}

SitmapAnnotation *
sitmap_annotation_layer_pick (SitmapAnnotationLayer *self, double x, double y)
{
  SitmapMapProjection p;
  GListModel         *annotations;
  double              fx, fy;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), NULL);

  if (!annotations_shown (self) || !projection (self, &p))
    return NULL;
  if (self->selected != NULL && hit (self, &p, self->selected, x, y, NULL) != SITMAP_ANNOTATION_HIT_NONE)
    return self->selected;
  /* What the tiles show, through the worker's index, when it follows the annotations as they are. */
  if (!self->scene_stale && frame_center (self, &p, &fx, &fy))
    {
      gboolean          known;
      SitmapAnnotation *found = sitmap_annotation_tiles_pick (self->tiles, x - p.width / 2 + fx,
                                                              y - p.height / 2 + fy, HIT_TOLERANCE, &known);

      if (known)
        return found != NULL ? sitmap_document_find_annotation (self->document, sitmap_annotation_get_id (found), NULL)
                             : NULL;
    }
  annotations = sitmap_document_get_annotations (self->document);
  /* Topmost first: the last drawn. */
  for (guint i = g_list_model_get_n_items (annotations); i-- > 0;)
    {
      g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (hit (self, &p, annotation, x, y, NULL) != SITMAP_ANNOTATION_HIT_NONE)
        return annotation;
    }
  return NULL;
}

gboolean
sitmap_annotation_layer_is_settled (SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;
  double              fx, fy;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), FALSE);

  if (!annotations_shown (self) || !projection (self, &p)
      || g_list_model_get_n_items (sitmap_document_get_annotations (self->document)) == 0)
    return TRUE;
  return !self->scene_stale && frame_center (self, &p, &fx, &fy) && sitmap_annotation_tiles_is_complete (self->tiles);
}

/* With the select tool the layer holds only its annotations, so that everything else reaches the
 * events and the map; a drawing tool holds the whole map. */
static gboolean
sitmap_annotation_layer_contains (GtkWidget *widget, double x, double y)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (widget);

  if (!annotations_shown (self) || x < 0 || y < 0 || x >= gtk_widget_get_width (widget)
      || y >= gtk_widget_get_height (widget))
    return FALSE;
  if (self->tool != SITMAP_ANNOTATION_TOOL_SELECT)
    return TRUE;
  return sitmap_annotation_layer_pick (self, x, y) != NULL;
}

/*
 * Selection and the popover
 */

static void
point_popover (SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;
  double              x, y, width, height;

  if (self->selected == NULL || !projection (self, &p)
      || !sitmap_annotation_get_bounds (self->selected, self->document, project_cb, &p, 1,
                                        gtk_widget_get_pango_context (GTK_WIDGET (self)), &x, &y, &width, &height))
    return;
  x = CLAMP (x, 0, p.width - 1), y = CLAMP (y, 0, p.height - 1);
  width = MAX (1, MIN (width, p.width - x)), height = MAX (1, MIN (height, p.height - y));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &(GdkRectangle){ x, y, width, height });
}

static void
show_popover (SitmapAnnotationLayer *self, gboolean focus_text)
{
  if (self->selected == NULL)
    return;
  sitmap_annotation_popover_set_focus_text (self->popover, focus_text);
  sitmap_annotation_popover_set_annotation (self->popover, self->document, self->selected);
  point_popover (self);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

void
sitmap_annotation_layer_set_selected (SitmapAnnotationLayer *self, SitmapAnnotation *annotation)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_LAYER (self));
  g_return_if_fail (annotation == NULL || SITMAP_IS_ANNOTATION (annotation));

  if (self->selected == annotation)
    return;
  g_set_object (&self->selected, annotation);
  self->focused_corner = -1;
  if (annotation == NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  update_picking_bar (self);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

SitmapAnnotation *
sitmap_annotation_layer_get_selected (SitmapAnnotationLayer *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), NULL);
  return self->selected;
}

static void
push (SitmapAnnotationLayer *self, SitmapCommand *command)
{
  g_autoptr (SitmapCommand) owned = command;

  sitmap_undo_stack_push (sitmap_document_get_undo_stack (self->document), owned);
}

gboolean
sitmap_annotation_layer_delete_selected (SitmapAnnotationLayer *self)
{
  g_autoptr (SitmapAnnotation) annotation = NULL;

  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), FALSE);

  if (self->selected == NULL || self->document == NULL)
    return FALSE;
  annotation = g_object_ref (self->selected);
  sitmap_annotation_layer_set_selected (self, NULL);
  push (self, sitmap_annotation_command_new_remove (annotation));
  return TRUE;
}

static void
clear_draft (SitmapAnnotationLayer *self)
{
  if (self->draft == NULL)
    return;
  g_clear_object (&self->draft);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The polygon drawn, as an event's area: given to whoever asked (sitmap_annotation_layer_capture_area()) */
static void
hand_over_area (SitmapAnnotationLayer *self, SitmapAnnotation *annotation)
{
  g_autoptr (SitmapGeometry) area = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  guint n = sitmap_annotation_get_n_points (annotation);

  sitmap_geometry_begin_ring (area);
  for (guint i = 0; i <= n; i++)
    {
      double latitude, longitude;

      /* Closed, as KML's rings are */
      sitmap_annotation_get_point (annotation, i % n, &latitude, &longitude);
      sitmap_geometry_add_point (area, longitude, latitude);
    }
  self->capturing_area = FALSE;
  sitmap_annotation_layer_set_tool (self, SITMAP_ANNOTATION_TOOL_SELECT);
  g_signal_emit (self, signals[AREA_CAPTURED], 0, area);
}

/* Adds what the tool drew, selects it, and opens its popover: the next thing is to style it or to
 * write its words. The tool's job is done: back to selecting. */
static void
commit_draft (SitmapAnnotationLayer *self, gboolean keep_tool)
{
  g_autoptr (SitmapAnnotation) annotation = g_steal_pointer (&self->draft);

  if (annotation == NULL || !sitmap_annotation_validate (annotation, NULL))
    return;
  if (self->capturing_area && sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_AREA)
    {
      hand_over_area (self, annotation);
      return;
    }
  push (self, sitmap_annotation_command_new_add (annotation));
  if (!keep_tool)
    sitmap_annotation_layer_set_tool (self, SITMAP_ANNOTATION_TOOL_SELECT);
  sitmap_annotation_layer_set_selected (self, annotation);
  /* A new ring's next is more events: its popover would cover them and take the next click to close.
   * It opens when the picking is done. A new label's words, or another's caption, come next. */
  if (sitmap_annotation_get_kind (annotation) != SITMAP_ANNOTATION_HIGHLIGHT)
    show_popover (self, TRUE);
}

static SitmapAnnotation *
new_annotation (SitmapAnnotationLayer *self, SitmapAnnotationKind kind)
{
  g_autofree char *id = sitmap_document_dup_new_annotation_id (self->document);

  return sitmap_annotation_new (kind, id);
}

/*
 * Document
 */

static void
document_changed_cb (SitmapAnnotationLayer *self, SitmapDocumentChange what)
{
  if (!(what & SITMAP_DOCUMENT_CHANGE_ANNOTATIONS))
    return;
  /* Undo may have taken the selection away. */
  if (self->selected != NULL
      && sitmap_document_find_annotation (self->document, sitmap_annotation_get_id (self->selected), NULL)
             != self->selected)
    sitmap_annotation_layer_set_selected (self, NULL);
  if (self->selected != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      sitmap_annotation_popover_refresh (self->popover);
      point_popover (self);
    }
  update_picking_bar (self);
  invalidate (self);
}

static void
visible_changed_cb (SitmapAnnotationLayer *self)
{
  if (!annotations_shown (self))
    {
      sitmap_annotation_layer_set_selected (self, NULL);
      clear_draft (self);
    }
  invalidate (self);
}

static void
document_cb (SitmapAnnotationLayer *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);

  if (document == self->document)
    return;
  sitmap_annotation_layer_set_selected (self, NULL);
  clear_draft (self);
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->visible_id, self->document);
    }
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
      self->visible_id
          = g_signal_connect_swapped (document, "notify::annotations-visible", G_CALLBACK (visible_changed_cb), self);
    }
  invalidate (self);
}

/*
 * Input
 */

static int
drag_threshold (SitmapAnnotationLayer *self)
{
  int threshold = 8;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold, NULL);
  return threshold;
}

static void
begin_pan (SitmapAnnotationLayer *self, const SitmapMapProjection *p)
{
  self->drag_kind = DRAG_PAN;
  self->pan_cx = p->center_x / p->map_size;
  self->pan_cy = p->center_y / p->map_size;
  self->pan_map_size = p->map_size;
}

/* Moves the map with the pointer, as the map's own drag does with the primary button. */
static void
update_pan (SitmapAnnotationLayer *self, const SitmapMapProjection *p, double dx, double dy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double           u = dx, v = dy, latitude, longitude;

  if (p->rotated)
    {
      u = p->cos_r * dx + p->sin_r * dy;
      v = -p->sin_r * dx + p->cos_r * dy;
    }
  sitmap_mercator_to_lat_lon (self->pan_cx - u / self->pan_map_size,
                              CLAMP (self->pan_cy - v / self->pan_map_size, 0, 1), &latitude, &longitude);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CLAMP (latitude, -85.05, 85.05),
                                 fmod (longitude + 540, 360) - 180);
}

static void
pan_begin_cb (GtkGestureDrag *gesture, double x, double y, SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;

  if (!projection (self, &p))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  begin_pan (self, &p);
}

static void
pan_update_cb (GtkGestureDrag *gesture, double dx, double dy, SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;

  if (self->drag_kind == DRAG_PAN && projection (self, &p))
    update_pan (self, &p, dx, dy);
}

static void
pan_end_cb (GtkGestureDrag *gesture, double dx, double dy, SitmapAnnotationLayer *self)
{
  self->drag_kind = DRAG_NONE;
}

static void
begin_select (SitmapAnnotationLayer *self, const SitmapMapProjection *p, double x, double y)
{
  SitmapAnnotation *target = NULL;
  guint             handle = 0;

  if (self->selected != NULL && hit (self, p, self->selected, x, y, &handle) == SITMAP_ANNOTATION_HIT_HANDLE)
    {
      target = self->selected;
      self->drag_kind = DRAG_RESHAPE;
      self->handle = handle;
      focus_corner (self, handle);
    }
  else
    {
      target = sitmap_annotation_layer_pick (self, x, y);
      self->drag_kind = DRAG_MOVE;
      /* A label's plate moves its text; its leader keeps pointing where it did. */
      if (target != NULL && sitmap_annotation_has_leader (target)
          && hit (self, p, target, x, y, NULL) == SITMAP_ANNOTATION_HIT_TEXT)
        {
          self->drag_kind = DRAG_RESHAPE;
          self->handle = 0;
        }
    }
  if (target == NULL)
    {
      self->drag_kind = DRAG_NONE;
      return;
    }
  sitmap_annotation_layer_set_selected (self, target);
  g_clear_object (&self->original);
  self->original = sitmap_annotation_copy (target);
  self->gesture = sitmap_annotation_command_new_gesture ();
}

static void
begin_create (SitmapAnnotationLayer *self, double mx, double my)
{
  SitmapAnnotationKind kind = self->tool == SITMAP_ANNOTATION_TOOL_LABEL   ? SITMAP_ANNOTATION_LABEL
                              : self->tool == SITMAP_ANNOTATION_TOOL_ARROW ? SITMAP_ANNOTATION_ARROW
                                                                           : SITMAP_ANNOTATION_CIRCLE;

  self->drag_kind = DRAG_CREATE;
  g_clear_object (&self->draft);
  self->draft = new_annotation (self, kind);
  sitmap_annotation_add_point (self->draft, 0, 0);
  sitmap_annotation_set_mercator (self->draft, 0, mx, my);
  if (kind == SITMAP_ANNOTATION_CIRCLE)
    sitmap_annotation_set_radius (self->draft, DEFAULT_RADIUS_M);
  if (kind == SITMAP_ANNOTATION_LABEL)
    sitmap_annotation_set_text (self->draft, _ ("Label"));
}

/* A drag gesture does not count clicks: the area tool's double click is counted here. */
static void
count_press (SitmapAnnotationLayer *self, GtkEventController *controller, double x, double y)
{
  guint32 time = gtk_event_controller_get_current_event_time (controller);
  int     interval = 400;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time", &interval, NULL);
  if (self->press_count > 0 && time - self->press_time <= (guint32)interval
      && hypot (x - self->start_x, y - self->start_y) <= drag_threshold (self))
    self->press_count++;
  else
    self->press_count = 1;
  self->press_time = time;
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;

  self->drag_kind = DRAG_NONE;
  self->moved = FALSE;
  /* A press on the picking bar is its buttons'. */
  if (self->document == NULL || !projection (self, &p) || on_picking_bar (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  count_press (self, GTK_EVENT_CONTROLLER (gesture), x, y);
  self->start_x = x, self->start_y = y;
  widget_to_mercator (&p, x, y, &self->start_mx, &self->start_my);
  switch (self->tool)
    {
      case SITMAP_ANNOTATION_TOOL_SELECT:
        begin_select (self, &p, x, y);
        break;
      case SITMAP_ANNOTATION_TOOL_LABEL:
      case SITMAP_ANNOTATION_TOOL_ARROW:
      case SITMAP_ANNOTATION_TOOL_CIRCLE:
        begin_create (self, self->start_mx, self->start_my);
        break;
      case SITMAP_ANNOTATION_TOOL_AREA:
      case SITMAP_ANNOTATION_TOOL_HIGHLIGHT:
        self->drag_kind = DRAG_CLICK;
        break;
      case SITMAP_N_ANNOTATION_TOOLS:
      default:
        break;
    }
  if (self->drag_kind == DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* Ours, not the map's nor the events': a press here does not pan, nor select an event. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_create (SitmapAnnotationLayer *self, double mx, double my, gboolean dragged)
{
  SitmapAnnotationKind kind = sitmap_annotation_get_kind (self->draft);

  if (kind == SITMAP_ANNOTATION_CIRCLE)
    {
      double latitude, longitude, rim_latitude, rim_longitude;

      if (!dragged)
        return;
      sitmap_annotation_get_point (self->draft, 0, &latitude, &longitude);
      sitmap_mercator_to_lat_lon (mx - floor (mx), CLAMP (my, 0, 1), &rim_latitude, &rim_longitude);
      sitmap_annotation_set_radius (self->draft,
                                    sitmap_geodesic_distance (latitude, longitude, rim_latitude, rim_longitude));
      return;
    }
  /* A label's text goes where the drag ends, its leader to where it began; an arrow's head too. */
  if (sitmap_annotation_get_n_points (self->draft) < 2)
    {
      if (!dragged)
        return;
      sitmap_annotation_add_point (self->draft, 0, 0);
    }
  if (kind == SITMAP_ANNOTATION_LABEL)
    {
      sitmap_annotation_set_mercator (self->draft, 1, self->start_mx, self->start_my);
      sitmap_annotation_set_mercator (self->draft, 0, mx, my);
    }
  else
    sitmap_annotation_set_mercator (self->draft, 1, mx, my);
}

static void
update_move (SitmapAnnotationLayer *self, double mx, double my)
{
  g_autoptr (SitmapAnnotation) after = sitmap_annotation_copy (self->original);
  SitmapAnnotationChange change = SITMAP_ANNOTATION_CHANGE_MOVE;

  if (self->drag_kind == DRAG_MOVE)
    {
      /* A highlight follows its events, not the pointer. */
      if (sitmap_annotation_get_n_points (after) == 0)
        return;
      sitmap_annotation_translate (after, mx - self->start_mx, my - self->start_my);
    }
  else if (self->handle == SITMAP_ANNOTATION_HANDLE_RADIUS)
    {
      double latitude, longitude, rim_latitude, rim_longitude;

      sitmap_annotation_get_point (after, 0, &latitude, &longitude);
      sitmap_mercator_to_lat_lon (mx - floor (mx), CLAMP (my, 0, 1), &rim_latitude, &rim_longitude);
      sitmap_annotation_set_radius (after, sitmap_geodesic_distance (latitude, longitude, rim_latitude, rim_longitude));
      change = SITMAP_ANNOTATION_CHANGE_RESHAPE;
    }
  else if (SITMAP_ANNOTATION_HANDLE_IS_SIDE (self->handle))
    {
      /* The corner the drag adds, followed from where the drag began: one step however long it is. */
      guint corner = (self->handle & ~SITMAP_ANNOTATION_HANDLE_SIDE) + 1;

      if (sitmap_annotation_get_n_points (after) >= SITMAP_ANNOTATION_MAX_POINTS)
        return;
      sitmap_annotation_insert_point (after, corner, 0, 0);
      sitmap_annotation_set_mercator (after, corner, mx, my);
      change = SITMAP_ANNOTATION_CHANGE_RESHAPE;
    }
  else if (self->handle < sitmap_annotation_get_n_points (after))
    {
      /* A circle's centre handle moves it whole. */
      if (sitmap_annotation_get_kind (after) == SITMAP_ANNOTATION_CIRCLE)
        sitmap_annotation_set_mercator (after, 0, mx, my);
      else
        {
          sitmap_annotation_set_mercator (after, self->handle, mx, my);
          change = SITMAP_ANNOTATION_CHANGE_RESHAPE;
        }
    }
  if (sitmap_annotation_equal (after, self->selected))
    return;
  push (self, sitmap_annotation_command_new_change (self->selected, after, change, self->gesture));
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;
  gboolean            dragged = hypot (dx, dy) >= drag_threshold (self);
  double              mx, my;

  if (!projection (self, &p))
    return;
  widget_to_mercator (&p, self->start_x + dx, self->start_y + dy, &mx, &my);
  switch (self->drag_kind)
    {
      case DRAG_CREATE:
        update_create (self, mx, my, dragged);
        break;
      case DRAG_MOVE:
      case DRAG_RESHAPE:
        /* Past the threshold once, it follows the pointer even back to where it began. */
        self->moved |= dragged;
        if (self->moved)
          update_move (self, mx, my);
        break;
      case DRAG_CLICK:
        /* Tools that only click leave drags to the map. */
        if (dragged)
          {
            begin_pan (self, &p);
            update_pan (self, &p, dx, dy);
          }
        break;
      case DRAG_PAN:
        update_pan (self, &p, dx, dy);
        break;
      case DRAG_NONE:
      default:
        break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The area tool: each click a corner; a click on the first corner, or a double click, closes it. */
static void
click_area (SitmapAnnotationLayer *self, const SitmapMapProjection *p, double x, double y, int n_press)
{
  guint n;

  if (self->draft == NULL || sitmap_annotation_get_kind (self->draft) != SITMAP_ANNOTATION_AREA)
    {
      g_clear_object (&self->draft);
      self->draft = new_annotation (self, SITMAP_ANNOTATION_AREA);
    }
  n = sitmap_annotation_get_n_points (self->draft);
  if (n >= 3)
    {
      double fx, fy, wx, wy;

      sitmap_annotation_get_mercator (self->draft, 0, &fx, &fy);
      sitmap_map_projection_to_widget (p, fx, fy, &wx, &wy);
      if (n_press >= 2 || hypot (x - wx, y - wy) <= drag_threshold (self))
        {
          commit_draft (self, FALSE);
          return;
        }
    }
  /* The second press of a double click is the first's corner again. */
  if (n_press >= 2 && n > 0)
    return;
  if (n < SITMAP_ANNOTATION_MAX_POINTS)
    {
      sitmap_annotation_add_point (self->draft, 0, 0);
      sitmap_annotation_set_mercator (self->draft, n, self->start_mx, self->start_my);
    }
}

/* The highlight tool: a click on an event rings it, joining the selected highlight if there is one. */
static void
click_highlight (SitmapAnnotationLayer *self, double x, double y)
{
  const char *id;
  gint        position;

  if (self->event_layer == NULL)
    return;
  position = sitmap_event_layer_hit_test (self->event_layer, x, y);
  if (position < 0)
    return;
  id = sitmap_event_store_get_id (sitmap_document_get_store (self->document), position);
  if (self->selected != NULL && sitmap_annotation_get_kind (self->selected) == SITMAP_ANNOTATION_HIGHLIGHT)
    {
      g_autoptr (SitmapAnnotation) after = sitmap_annotation_copy (self->selected);

      /* A second click on a ringed event takes it out again; the last one stays. */
      if (!sitmap_annotation_remove_event (after, id))
        sitmap_annotation_add_event (after, id);
      if (!sitmap_annotation_validate (after, NULL))
        return;
      push (self, sitmap_annotation_command_new_change (self->selected, after, SITMAP_ANNOTATION_CHANGE_EVENTS, 0));
      return;
    }
  self->draft = new_annotation (self, SITMAP_ANNOTATION_HIGHLIGHT);
  sitmap_annotation_add_event (self->draft, id);
  commit_draft (self, TRUE);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, SitmapAnnotationLayer *self)
{
  SitmapMapProjection p;
  DragKind            kind = self->drag_kind;
  gboolean            dragged = hypot (dx, dy) >= drag_threshold (self);

  self->drag_kind = DRAG_NONE;
  if (!projection (self, &p))
    return;
  switch (kind)
    {
      case DRAG_CREATE:
        /* An arrow needs a drag; a label and a circle make do with a click. */
        if (sitmap_annotation_get_kind (self->draft) == SITMAP_ANNOTATION_ARROW && !dragged)
          clear_draft (self);
        else
          commit_draft (self, FALSE);
        break;
      case DRAG_MOVE:
      case DRAG_RESHAPE:
        /* A click on a side's handle adds a corner there; a drag from it has added one, now focused. */
        if (kind == DRAG_RESHAPE && SITMAP_ANNOTATION_HANDLE_IS_SIDE (self->handle))
          {
            if (!self->moved)
              add_corner_at_middle (self, self->handle & ~SITMAP_ANNOTATION_HANDLE_SIDE);
            else
              focus_corner (self, (self->handle & ~SITMAP_ANNOTATION_HANDLE_SIDE) + 1);
          }
        /* A click without a drag: the popover, to edit it. */
        else if (!self->moved)
          show_popover (self, FALSE);
        else
          point_popover (self);
        g_clear_object (&self->original);
        break;
      case DRAG_CLICK:
        if (self->tool == SITMAP_ANNOTATION_TOOL_AREA)
          click_area (self, &p, self->start_x, self->start_y, self->press_count);
        else
          click_highlight (self, self->start_x, self->start_y);
        break;
      case DRAG_PAN:
      case DRAG_NONE:
      default:
        break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/*
 * Corners of an area: added at a side's middle, removed from the corner's menu or with Delete
 */

static gboolean
is_area (SitmapAnnotation *annotation)
{
  return annotation != NULL && sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_AREA;
}

/* The corner the keyboard acts on: the one last pressed (drawn filled). */
static void
focus_corner (SitmapAnnotationLayer *self, guint handle)
{
  gint corner = is_area (self->selected) && handle < sitmap_annotation_get_n_points (self->selected) ? (gint) handle : -1;

  if (corner == self->focused_corner)
    return;
  self->focused_corner = corner;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_corner_at_middle (SitmapAnnotationLayer *self, guint side)
{
  g_autoptr (SitmapAnnotation) after = NULL;
  guint n = sitmap_annotation_get_n_points (self->selected);
  double x0, y0, x1, y1;

  if (!is_area (self->selected) || side >= n || n >= SITMAP_ANNOTATION_MAX_POINTS)
    return;
  after = sitmap_annotation_copy (self->selected);
  sitmap_annotation_get_mercator (after, side, &x0, &y0);
  sitmap_annotation_get_mercator (after, (side + 1) % n, &x1, &y1);
  /* The middle as the map shows the side, straight in Web Mercator; across the date line, the short way. */
  if (fabs (x1 - x0) > 0.5)
    x1 += x1 < x0 ? 1 : -1;
  sitmap_annotation_insert_point (after, side + 1, 0, 0);
  sitmap_annotation_set_mercator (after, side + 1, fmod ((x0 + x1) / 2 + 1, 1), (y0 + y1) / 2);
  push (self, sitmap_annotation_command_new_change (self->selected, after, SITMAP_ANNOTATION_CHANGE_RESHAPE,
                                                    sitmap_annotation_command_new_gesture ()));
  focus_corner (self, side + 1);
}

/* FALSE when the area would keep fewer than three corners (or it is no area's corner). */
static gboolean
remove_corner (SitmapAnnotationLayer *self, guint corner)
{
  g_autoptr (SitmapAnnotation) after = NULL;

  if (!is_area (self->selected) || corner >= sitmap_annotation_get_n_points (self->selected)
      || sitmap_annotation_get_n_points (self->selected) <= SITMAP_VERTEX_MIN_CORNERS)
    return FALSE;
  after = sitmap_annotation_copy (self->selected);
  sitmap_annotation_remove_point (after, corner);
  push (self, sitmap_annotation_command_new_change (self->selected, after, SITMAP_ANNOTATION_CHANGE_RESHAPE,
                                                    sitmap_annotation_command_new_gesture ()));
  self->focused_corner = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
remove_corner_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (widget);

  if (!remove_corner (self, g_variant_get_uint32 (parameter)))
    gtk_widget_error_bell (widget);
}

/* A right click on a corner of the selected area: its menu, where the corner is. */
static void
corner_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapAnnotationLayer *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) item = NULL;
  SitmapMapProjection p;
  guint handle = 0;

  if (self->tool != SITMAP_ANNOTATION_TOOL_SELECT || !is_area (self->selected) || !projection (self, &p)
      || hit (self, &p, self->selected, x, y, &handle) != SITMAP_ANNOTATION_HIT_HANDLE
      || handle >= sitmap_annotation_get_n_points (self->selected))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  focus_corner (self, handle);
  item = g_menu_item_new (_ ("Remove Corner"), NULL);
  g_menu_item_set_action_and_target_value (item, "annotation.remove-corner", g_variant_new_uint32 (handle));
  g_menu_append_item (menu, item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "annotation.remove-corner",
                                 sitmap_annotation_get_n_points (self->selected) > SITMAP_VERTEX_MIN_CORNERS);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->corner_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->corner_menu), &(GdkRectangle){ (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->corner_menu));
}

/* The focused corner, filled, over the tiles' drawing of the selection. */
static void
snapshot_focused_corner (SitmapAnnotationLayer *self, GtkSnapshot *snapshot, const SitmapMapProjection *p)
{
  cairo_t *cr;
  double mx, my, x, y;

  if (self->focused_corner < 0 || !is_area (self->selected)
      || (guint) self->focused_corner >= sitmap_annotation_get_n_points (self->selected))
    return;
  sitmap_annotation_get_mercator (self->selected, self->focused_corner, &mx, &my);
  sitmap_map_projection_to_widget (p, mx, my, &x, &y);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - 8, y - 8, 16, 16));
  sitmap_vertex_handle_draw (cr, x, y, TRUE, TRUE, 1);
  cairo_destroy (cr);
}

/* Escape steps back: from what is being drawn, to the select tool, to nothing selected. */
static gboolean
escape (SitmapAnnotationLayer *self)
{
  if (self->draft != NULL)
    clear_draft (self);
  else if (self->tool != SITMAP_ANNOTATION_TOOL_SELECT)
    sitmap_annotation_layer_set_tool (self, SITMAP_ANNOTATION_TOOL_SELECT);
  else if (self->selected != NULL)
    sitmap_annotation_layer_set_selected (self, NULL);
  else
    return FALSE;
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                SitmapAnnotationLayer *self)
{
  switch (keyval)
    {
      case GDK_KEY_Escape:
        return escape (self);
      case GDK_KEY_Delete:
      case GDK_KEY_KP_Delete:
      case GDK_KEY_BackSpace:
        /* A focused corner goes, not the whole area. */
        if (self->focused_corner >= 0)
          {
            if (!remove_corner (self, (guint) self->focused_corner))
              gtk_widget_error_bell (GTK_WIDGET (self));
            return TRUE;
          }
        return sitmap_annotation_layer_delete_selected (self);
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
        if (self->draft != NULL && sitmap_annotation_get_kind (self->draft) == SITMAP_ANNOTATION_AREA)
          {
            commit_draft (self, FALSE);
            return TRUE;
          }
        if (self->selected != NULL)
          {
            show_popover (self, TRUE);
            return TRUE;
          }
        return FALSE;
      default:
        return FALSE;
    }
}

/* Over the map, where the layer takes no press, a press lets the selection go (a drag pans on). */
static void
map_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapAnnotationLayer *self)
{
  if (self->tool == SITMAP_ANNOTATION_TOOL_SELECT)
    sitmap_annotation_layer_set_selected (self, NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, SitmapAnnotationLayer *self)
{
  const char *cursor = "crosshair";

  self->pointer_x = x, self->pointer_y = y;
  self->pointer_in = TRUE;
  if (self->tool == SITMAP_ANNOTATION_TOOL_SELECT)
    cursor = self->drag_kind == DRAG_NONE ? "pointer" : "grabbing";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  if (self->draft != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller, SitmapAnnotationLayer *self)
{
  self->pointer_in = FALSE;
  if (self->draft != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A new leader points 60 pixels below and left of the label's text, on the ground there. */
static gboolean
place_leader_cb (SitmapAnnotation *label, double *latitude, double *longitude, gpointer user_data)
{
  SitmapAnnotationLayer *self = user_data;
  SitmapMapProjection    p;
  double                 mx, my, x, y;

  if (!projection (self, &p) || sitmap_annotation_get_n_points (label) < 1)
    return FALSE;
  sitmap_annotation_get_mercator (label, 0, &mx, &my);
  sitmap_map_projection_to_widget (&p, mx, my, &x, &y);
  widget_to_mercator (&p, x - 45, y + 45, &mx, &my);
  sitmap_mercator_to_lat_lon (mx - floor (mx), CLAMP (my, 0, 1), latitude, longitude);
  *latitude = CLAMP (*latitude, -85.05, 85.05);
  return sitmap_coordinates_valid (*latitude, *longitude);
}

/* The keyboard goes back to the map, not to a hidden button of the popover. */
static void
popover_closed_cb (SitmapAnnotationLayer *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/*
 * The picking bar: while the highlight tool is armed, what it has ringed and a way to finish
 */

static SitmapAnnotation *
picked_ring (SitmapAnnotationLayer *self)
{
  if (self->selected != NULL && sitmap_annotation_get_kind (self->selected) == SITMAP_ANNOTATION_HIGHLIGHT)
    return self->selected;
  return NULL;
}

static void
update_picking_bar (SitmapAnnotationLayer *self)
{
  SitmapAnnotation *ring = picked_ring (self);
  g_autofree char *text = NULL;
  guint n = 0;

  gtk_widget_set_visible (self->picking, self->tool == SITMAP_ANNOTATION_TOOL_HIGHLIGHT);
  if (ring != NULL)
    sitmap_annotation_get_event_ids (ring, &n);
  if (n == 0)
    text = g_strdup (_ ("Click the events to ring"));
  else
    /* TRANSLATORS: shown over the map while the highlight tool is armed */
    text = g_strdup_printf (ngettext ("%u event ringed: click more, or a ringed one to take it out",
                                      "%u events ringed: click more, or a ringed one to take it out", n),
                            n);
  gtk_label_set_text (GTK_LABEL (self->picking_label), text);
}

/* The picking is over: the tool goes down, and the ring's popover asks for its words. */
static void
done_clicked_cb (SitmapAnnotationLayer *self)
{
  g_autoptr (SitmapAnnotation) ring = picked_ring (self) ? g_object_ref (picked_ring (self)) : NULL;

  sitmap_annotation_layer_set_tool (self, SITMAP_ANNOTATION_TOOL_SELECT);
  if (ring != NULL && ring == self->selected)
    show_popover (self, TRUE);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
create_picking_bar (SitmapAnnotationLayer *self)
{
  self->picking = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->picking, "osd");
  gtk_widget_add_css_class (self->picking, "sitmap-picking-bar");
  self->picking_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->picking_label), TRUE);
  /* On one line where the map has room, wrapped where it has not. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (self->picking_label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_xalign (GTK_LABEL (self->picking_label), 0);
  gtk_box_append (GTK_BOX (self->picking), self->picking_label);
  self->done_button = gtk_button_new_with_mnemonic (_ ("_Done"));
  gtk_widget_set_valign (self->done_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->done_button, "suggested-action");
  g_signal_connect_swapped (self->done_button, "clicked", G_CALLBACK (done_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->picking), self->done_button);
  gtk_widget_set_visible (self->picking, FALSE);
  gtk_widget_set_parent (self->picking, GTK_WIDGET (self));
}

static gboolean
on_picking_bar (SitmapAnnotationLayer *self, double x, double y)
{
  graphene_rect_t bounds;

  return gtk_widget_get_visible (self->picking) && gtk_widget_compute_bounds (self->picking, GTK_WIDGET (self), &bounds)
         && graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y));
}

/* Bottom centre, clear of the scale and the attribution, and no wider than the map leaves room for. */
static void
allocate_picking_bar (SitmapAnnotationLayer *self, int width, int height)
{
  int natural, bar_height, bar_width;

  if (!gtk_widget_get_visible (self->picking))
    return;
  gtk_widget_measure (self->picking, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  bar_width = MAX (MIN (natural, width - 2 * PICKING_MARGIN), 1);
  gtk_widget_measure (self->picking, GTK_ORIENTATION_VERTICAL, bar_width, NULL, &bar_height, NULL, NULL);
  gtk_widget_size_allocate (self->picking,
                            &(GtkAllocation){ (width - bar_width) / 2, MAX (height - bar_height - PICKING_BOTTOM, 0),
                                              bar_width, bar_height },
                            -1);
}

static void
viewport_notify_cb (SitmapAnnotationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->selected != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    point_popover (self);
}

/*
 * Public API
 */

SitmapAnnotationTool
sitmap_annotation_layer_get_tool (SitmapAnnotationLayer *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), SITMAP_ANNOTATION_TOOL_SELECT);
  return self->tool;
}

void
sitmap_annotation_layer_set_tool (SitmapAnnotationLayer *self, SitmapAnnotationTool tool)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_LAYER (self));
  g_return_if_fail (tool < SITMAP_N_ANNOTATION_TOOLS);

  if (self->tool == tool)
    return;
  self->tool = tool;
  /* Another tool chosen, or Escape: the area asked for is not drawn */
  if (tool != SITMAP_ANNOTATION_TOOL_AREA)
    self->capturing_area = FALSE;
  clear_draft (self);
  /* A highlight being extended stays selected; any other selection would only be in the way. */
  if (tool != SITMAP_ANNOTATION_TOOL_SELECT
      && !(tool == SITMAP_ANNOTATION_TOOL_HIGHLIGHT && self->selected != NULL
           && sitmap_annotation_get_kind (self->selected) == SITMAP_ANNOTATION_HIGHLIGHT))
    sitmap_annotation_layer_set_selected (self, NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), tool == SITMAP_ANNOTATION_TOOL_SELECT ? NULL : "crosshair");
  update_picking_bar (self);
  if (tool != SITMAP_ANNOTATION_TOOL_SELECT)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

/*
 * GObject
 */

static void
sitmap_annotation_layer_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (widget);

  GTK_WIDGET_CLASS (sitmap_annotation_layer_parent_class)->size_allocate (widget, width, height, baseline);
  allocate_picking_bar (self, width, height);
  gtk_popover_present (GTK_POPOVER (self->popover));
  gtk_popover_present (GTK_POPOVER (self->corner_menu));
}

static void
sitmap_annotation_layer_root (GtkWidget *widget)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (widget);
  GtkWidget             *map = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (sitmap_annotation_layer_parent_class)->root (widget);
  if (map == NULL)
    return;
  self->map_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->map_click), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->map_click, "pressed", G_CALLBACK (map_pressed_cb), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (self->map_click));
}

static void
sitmap_annotation_layer_unroot (GtkWidget *widget)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (widget);

  if (self->map_click != NULL)
    {
      gtk_widget_remove_controller (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (self->map_click)),
                                    GTK_EVENT_CONTROLLER (self->map_click));
      self->map_click = NULL;
    }
  GTK_WIDGET_CLASS (sitmap_annotation_layer_parent_class)->unroot (widget);
}

static void
sitmap_annotation_layer_constructed (GObject *object)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (object);
  ShumateViewport       *viewport;

  G_OBJECT_CLASS (sitmap_annotation_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (document_cb), self, G_CONNECT_SWAPPED);
  document_cb (self);
}

static void
sitmap_annotation_layer_dispose (GObject *object)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (object);

  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->visible_id, self->document);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->selected);
  g_clear_object (&self->original);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->tiles, sitmap_annotation_tiles_free);
  g_clear_pointer (&self->scene, sitmap_annotation_scene_unref);
  g_clear_object (&self->view_state);
  g_clear_weak_pointer (&self->event_layer);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  g_clear_pointer (&self->picking, gtk_widget_unparent);
  g_clear_pointer (&self->corner_menu, gtk_widget_unparent);
  G_OBJECT_CLASS (sitmap_annotation_layer_parent_class)->dispose (object);
}

static void
sitmap_annotation_layer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (object);

  switch (prop_id)
    {
      case PROP_VIEW_STATE:
        g_value_set_object (value, self->view_state);
        break;
      case PROP_TOOL:
        g_value_set_uint (value, self->tool);
        break;
      case PROP_SELECTED:
        g_value_set_object (value, self->selected);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_annotation_layer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapAnnotationLayer *self = SITMAP_ANNOTATION_LAYER (object);

  switch (prop_id)
    {
      case PROP_VIEW_STATE:
        self->view_state = g_value_dup_object (value);
        break;
      case PROP_TOOL:
        sitmap_annotation_layer_set_tool (self, g_value_get_uint (value));
        break;
      case PROP_SELECTED:
        sitmap_annotation_layer_set_selected (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_annotation_layer_class_init (SitmapAnnotationLayerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitmap_annotation_layer_constructed;
  object_class->dispose = sitmap_annotation_layer_dispose;
  object_class->get_property = sitmap_annotation_layer_get_property;
  object_class->set_property = sitmap_annotation_layer_set_property;
  widget_class->snapshot = sitmap_annotation_layer_snapshot;
  widget_class->state_flags_changed = sitmap_annotation_layer_state_flags_changed;
  widget_class->contains = sitmap_annotation_layer_contains;
  widget_class->size_allocate = sitmap_annotation_layer_size_allocate;
  widget_class->root = sitmap_annotation_layer_root;
  widget_class->unroot = sitmap_annotation_layer_unroot;

  properties[PROP_VIEW_STATE]
      = g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* (SitmapAnnotationTool) */
  properties[PROP_TOOL]
      = g_param_spec_uint ("tool", NULL, NULL, 0, SITMAP_N_ANNOTATION_TOOLS - 1, SITMAP_ANNOTATION_TOOL_SELECT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED]
      = g_param_spec_object ("selected", NULL, NULL, SITMAP_TYPE_ANNOTATION,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* (SitmapGeometry) the polygon drawn after sitmap_annotation_layer_capture_area() */
  signals[AREA_CAPTURED] = g_signal_new ("area-captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, SITMAP_TYPE_GEOMETRY);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "annotation.remove-corner", "u", remove_corner_action);
}

static void
sitmap_annotation_layer_init (SitmapAnnotationLayer *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->tiles = sitmap_annotation_tiles_new (tiles_ready_cb, self);
  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));

  /* The map pans with the primary button only; a drawing tool holds that one, the middle pans. */
  self->pan = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (self->pan, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (self->pan, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (self->pan, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->pan));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->popover = sitmap_annotation_popover_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);
  sitmap_annotation_popover_set_leader_func (self->popover, place_leader_cb, self);
  create_picking_bar (self);
  self->focused_corner = -1;
  self->corner_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->corner_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (self->corner_click, "pressed", G_CALLBACK (corner_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->corner_click));
  self->corner_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->corner_menu), FALSE);
  gtk_widget_set_parent (self->corner_menu, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Annotations"), -1);
}

SitmapAnnotationLayer *
sitmap_annotation_layer_new (ShumateViewport *viewport, SitmapViewState *view_state, SitmapEventLayer *event_layer)
{
  SitmapAnnotationLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);
  g_return_val_if_fail (event_layer == NULL || SITMAP_IS_EVENT_LAYER (event_layer), NULL);

  self = g_object_new (SITMAP_TYPE_ANNOTATION_LAYER, "viewport", viewport, "view-state", view_state, NULL);
  g_set_weak_pointer (&self->event_layer, event_layer);
  return self;
}

GtkWidget *
sitmap_annotation_layer_get_done_button (SitmapAnnotationLayer *self)
{
  g_return_val_if_fail (SITMAP_IS_ANNOTATION_LAYER (self), NULL);
  return self->done_button;
}

/* The next polygon the area tool draws is an event's area (the event form's Draw Area): it is handed over with
 * "area-captured" instead of becoming an annotation. */
void
sitmap_annotation_layer_capture_area (SitmapAnnotationLayer *self)
{
  g_return_if_fail (SITMAP_IS_ANNOTATION_LAYER (self));

  sitmap_annotation_layer_set_tool (self, SITMAP_ANNOTATION_TOOL_AREA);
  self->capturing_area = TRUE;
}
