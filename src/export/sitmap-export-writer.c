/* sitmap-export-writer.c: the page as PNG, SVG or PDF bytes, and their atomic write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-atomic-write.h"
#include "sitmap-export-scene-private.h"

/* A logical pixel is 1/96 inch; PDF and SVG pages are measured in points, 1/72 inch. */
#define POINTS_PER_PIXEL 0.75

struct _SitmapExportTextSink
{
  GString *svg;
};

/*
 * SVG text
 */

SitmapExportTextSink *
_sitmap_export_text_sink_new (void)
{
  SitmapExportTextSink *sink = g_new0 (SitmapExportTextSink, 1);

  sink->svg = g_string_new ("<g id=\"sitmap-text\">\n");
  return sink;
}

void
_sitmap_export_text_sink_free (SitmapExportTextSink *sink)
{
  g_string_free (sink->svg, TRUE);
  g_free (sink);
}

static void
append_color (GString *svg, const char *attribute, const double rgba[4])
{
  g_string_append_printf (svg, " %s=\"#%02x%02x%02x\"", attribute, (int)round (rgba[0] * 255),
                          (int)round (rgba[1] * 255), (int)round (rgba[2] * 255));
  if (rgba[3] < 1)
    g_string_append_printf (svg, " %s-opacity=\"%.3g\"", attribute, rgba[3]);
}

/* The spacing a layout's attributes put between letters (areas' names), in the page's units. */
static void
append_letter_spacing (GString *svg, cairo_t *cr, PangoLayoutRun *run)
{
  for (GSList *l = run->item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;
      double          dx, dy = 0;

      if (attr->klass->type != PANGO_ATTR_LETTER_SPACING)
        continue;
      dx = (double)((PangoAttrInt *)attr)->value / PANGO_SCALE;
      cairo_user_to_device_distance (cr, &dx, &dy);
      g_string_append_printf (svg, " letter-spacing=\"%.2f\"", hypot (dx, dy));
      return;
    }
}

static void
append_run (SitmapExportTextSink *sink, cairo_t *cr, PangoLayout *layout, PangoLayoutIter *iter, double x, double y,
            const double rgba[4], double halo)
{
  PangoLayoutRun             *run = pango_layout_iter_get_run_readonly (iter);
  const char                 *text = pango_layout_get_text (layout);
  const PangoFontDescription *base = pango_layout_get_font_description (layout);
  g_autoptr (PangoFontDescription) font = NULL;
  g_autofree char *escaped = NULL;
  PangoRectangle   logical;
  double           px, py, size, dx = 0, dy = 0;
  const char      *family;

  if (run == NULL || run->item->length == 0)
    return;
  pango_layout_iter_get_run_extents (iter, NULL, &logical);
  px = x + (double)logical.x / PANGO_SCALE;
  py = y + (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
  size = (double)pango_font_description_get_size (base) / PANGO_SCALE;
  cairo_user_to_device (cr, &px, &py);
  dy = size;
  cairo_user_to_device_distance (cr, &dx, &dy);
  font = pango_font_describe (run->item->analysis.font);
  family = pango_font_description_get_family (font);
  escaped = g_markup_escape_text (text + run->item->offset, run->item->length);
  g_string_append_printf (sink->svg, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\"", px, py, hypot (dx, dy));
  {
    g_autofree char *family_attr = g_markup_escape_text (family != NULL ? family : "sans-serif", -1);

    g_string_append_printf (sink->svg, " font-family=\"%s, sans-serif\"", family_attr);
  }
  if (pango_font_description_get_weight (font) >= PANGO_WEIGHT_SEMIBOLD)
    g_string_append (sink->svg, " font-weight=\"bold\"");
  if (pango_font_description_get_style (base) != PANGO_STYLE_NORMAL)
    g_string_append (sink->svg, " font-style=\"italic\"");
  append_letter_spacing (sink->svg, cr, run);
  append_color (sink->svg, "fill", rgba);
  if (halo > 0)
    g_string_append_printf (sink->svg,
                            " stroke=\"#ffffff\" stroke-opacity=\"0.9\" stroke-width=\"%.2f\""
                            " stroke-linejoin=\"round\" paint-order=\"stroke\"",
                            halo * hypot (dx, dy) / size);
  g_string_append_printf (sink->svg, " xml:space=\"preserve\">%s</text>\n", escaped);
}

void
_sitmap_export_text_sink_add (SitmapExportTextSink *sink, cairo_t *cr, PangoLayout *layout, double x, double y,
                              const double rgba[4], double halo)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    append_run (sink, cr, layout, iter, x, y, rgba, halo);
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

/*
 * Surfaces
 */

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t status, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, SITMAP_EXPORT_ERROR, SITMAP_EXPORT_ERROR_FAILED, _ ("The image could not be drawn: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

/* Ends drawing on a surface that writes to a stream, flushing the last of it: the first error of the two. */
static cairo_status_t
finish_stream (cairo_t *cr, cairo_surface_t *surface)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

static GBytes *
render_png (SitmapExportScene *self, GError **error)
{
  const SitmapExportOptions *options = &self->options;
  cairo_surface_t           *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, options->width, options->height);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status;
  cairo_t       *cr = cairo_create (surface);

  cairo_scale (cr, options->scale, options->scale);
  sitmap_export_scene_draw (self, cr, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_cb, bytes);
  cairo_surface_destroy (surface);
  if (!check_status (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static GBytes *
render_pdf (SitmapExportScene *self, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, self->page_width * POINTS_PER_PIXEL,
                                                                  self->page_height * POINTS_PER_PIXEL);
  cairo_t         *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title != NULL ? self->title : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sitmap " PACKAGE_VERSION);
  /* Tiles are embedded at the device resolution the options ask for. */
  cairo_surface_set_fallback_resolution (surface, 96 * self->options.scale, 96 * self->options.scale);
  cairo_scale (cr, POINTS_PER_PIXEL, POINTS_PER_PIXEL);
  sitmap_export_scene_draw (self, cr, NULL);
  cairo_show_page (cr);
  if (!check_status (finish_stream (cr, surface), error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* cairo writes text into SVG as glyph outlines; the page's text is added as <text> instead, so that it
 * stays text: searchable, selectable, editable in Inkscape. */
static GBytes *
render_svg (SitmapExportScene *self, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (write_cb, bytes, self->page_width * POINTS_PER_PIXEL,
                                                                  self->page_height * POINTS_PER_PIXEL);
  SitmapExportTextSink *sink = _sitmap_export_text_sink_new ();
  g_autoptr (GString) svg = NULL;
  cairo_t       *cr = cairo_create (surface);
  char          *end;

  cairo_scale (cr, POINTS_PER_PIXEL, POINTS_PER_PIXEL);
  sitmap_export_scene_draw (self, cr, sink);
  if (!check_status (finish_stream (cr, surface), error))
    {
      _sitmap_export_text_sink_free (sink);
      return NULL;
    }
  svg = g_string_new_len ((const char *)bytes->data, bytes->len);
  end = g_strrstr (svg->str, "</svg>");
  g_string_append (sink->svg, "</g>\n");
  if (end != NULL)
    g_string_insert (svg, end - svg->str, sink->svg->str);
  _sitmap_export_text_sink_free (sink);
  return g_string_free_to_bytes (g_steal_pointer (&svg));
}

GBytes *
sitmap_export_scene_render (SitmapExportScene *self, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  switch (self->options.format)
    {
      case SITMAP_EXPORT_SVG:
        return render_svg (self, error);
      case SITMAP_EXPORT_PDF:
        return render_pdf (self, error);
      case SITMAP_EXPORT_PNG:
      default:
        return render_png (self, error);
    }
}

/*
 * In a worker thread
 */

/* Highlights read their events' points from the document while the page is drawn: it is held for the thread,
 * and an edit of events waits until the page is drawn. */
static void
hold_document (SitmapExportScene *self)
{
  if (self->document != NULL)
    sitmap_document_begin_reading (self->document);
}

static GBytes *
render_held (SitmapExportScene *self, GCancellable *cancellable, GError **error)
{
  GBytes *bytes = sitmap_export_scene_render (self, cancellable, error);

  if (self->document != NULL)
    sitmap_document_end_reading (self->document);
  return bytes;
}

static void
write_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = render_held (source_object, cancellable, &error);

  if (bytes == NULL || !sitmap_atomic_write (task_data, bytes, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sitmap_export_scene_write_async (SitmapExportScene *self, GFile *file, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_export_scene_write_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  hold_document (self);
  g_task_run_in_thread (task, write_thread);
}

gboolean
sitmap_export_scene_write_finish (SitmapExportScene *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
render_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = render_held (source_object, cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

void
sitmap_export_scene_render_async (SitmapExportScene *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_export_scene_render_async);
  hold_document (self);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
sitmap_export_scene_render_finish (SitmapExportScene *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
