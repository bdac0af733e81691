/* sitmap-export-command-line.c: `sitmap --export OUT DOCUMENT`, for scripts and batch reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-atomic-write.h"
#include "sitmap-convert-command-line.h"
#include "sitmap-export-command-line.h"
#include "sitmap-export-scene.h"
#include "sitmap-geometry.h"
#include "sitmap-kml-reader.h"
#include "sitmap-mbtiles-source.h"
#include "sitmap-tile-sources.h"

#define MIN_ZOOM 0.0
#define MAX_ZOOM 20.0

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static gboolean
parse_double (const char *text, double *value)
{
  char *end;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static gboolean
parse_center (const char *text, double *latitude, double *longitude)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", 3);

  return g_strv_length (parts) == 2 && parse_double (g_strstrip (parts[0]), latitude)
         && parse_double (g_strstrip (parts[1]), longitude) && fabs (*latitude) <= 85.05 && fabs (*longitude) <= 180;
}

/* The map's view when the command line names none: the document's own, else its visible placed events,
 * fitted as the window fits them (sitmap_map_fit_box) into the page's map. */
static void
choose_view (SitmapViewState *view_state, SitmapExportOptions *options)
{
  SitmapDocument           *document = sitmap_view_state_get_document (view_state);
  const SitmapDocumentView *view = sitmap_document_get_view (document);
  SitmapMapFit              fit;
  double                    map_w, map_h;

  if (view != NULL && view->has_position)
    {
      options->latitude = view->latitude;
      options->longitude = view->longitude;
      options->zoom = view->zoom;
      return;
    }
  /* The page's map, once the title, timeline and notes have their room. */
  {
    g_autoptr (SitmapExportScene) probe = sitmap_export_scene_new (view_state, options, NULL, FALSE);

    sitmap_export_scene_get_map_size (probe, &map_w, &map_h);
  }
  if (!sitmap_view_state_fit_visible (view_state, map_w, map_h, SITMAP_MAP_FIT_MAX_ZOOM, &fit))
    {
      options->latitude = 20;
      options->longitude = 0;
      options->zoom = 2;
      return;
    }
  options->latitude = fit.latitude;
  options->longitude = fit.longitude;
  options->zoom = fit.zoom;
}

static gboolean
set_range (SitmapViewState *view_state, const SitmapExportRequest *request, GError **error)
{
  gint64         from, to, start, end;
  SitmapTimeUnit unit;

  if (request->from == NULL && request->to == NULL)
    return TRUE;
  sitmap_view_state_get_window (view_state, &from, &to);
  if (request->from != NULL)
    {
      g_autoptr (GError) local = NULL;

      if (!sitmap_time_parse_bound (request->from, &start, &end, &unit, &local))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _ ("--from “%s” is not a date: %s"),
                       request->from, local->message);
          return FALSE;
        }
      from = start;
    }
  if (request->to != NULL)
    {
      g_autoptr (GError) local = NULL;

      if (!sitmap_time_parse_bound (request->to, &start, &end, &unit, &local))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _ ("--to “%s” is not a date: %s"), request->to,
                       local->message);
          return FALSE;
        }
      /* "--to 2024-12" takes in the whole of December. */
      to = end;
    }
  if (from >= to)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _ ("--from must come before --to"));
      return FALSE;
    }
  sitmap_view_state_set_window (view_state, from, to);
  sitmap_view_state_set_range (view_state, from, to);
  return TRUE;
}

static void
fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->ok = sitmap_export_scene_fetch_tiles_finish (SITMAP_EXPORT_SCENE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Fetches the tiles from the offline basemap, in a main loop of this thread's own. */
static gboolean
fetch_tiles (SitmapExportScene *scene, SitmapMbtilesSource *basemap, GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (context, FALSE);
  Wait wait = { loop, FALSE, NULL };

  g_main_context_push_thread_default (context);
  sitmap_export_scene_fetch_tiles_async (scene, SHUMATE_DATA_SOURCE (basemap),
                                         sitmap_mbtiles_source_get_min_zoom (basemap),
                                         sitmap_mbtiles_source_get_max_zoom (basemap), NULL, fetched_cb, &wait);
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (context);
  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static int
check_request (const SitmapExportRequest *request, SitmapExportOptions *options, gboolean *has_view)
{
  g_autoptr (GError) error = NULL;

  if (!sitmap_export_format_from_filename (request->output, &options->format))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_USAGE,
                                     _ ("Cannot export to “%s”: the file name must end in .png, .svg or .pdf"),
                                     request->output);
  if (request->n_documents != 1)
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_USAGE,
                                     _ ("--export needs exactly one document to draw (a FILE, or --demo), %d given"),
                                     request->n_documents);
  if (request->size != NULL
      && sitmap_export_size_from_name (request->size, &options->width, &options->height, &options->scale))
    options->paper = TRUE;
  else if (request->size != NULL
           && !sitmap_export_parse_size (request->size, &options->width, &options->height, &error))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_USAGE, "--size: %s", error->message);
  else
    options->scale = sitmap_export_scale_for_size (options->width, options->height);
  if ((request->center == NULL) != (request->zoom == NULL))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_USAGE,
                                     _ ("--center and --zoom go together: give both or neither"));
  *has_view = request->center != NULL;
  if (request->center != NULL && !parse_center (request->center, &options->latitude, &options->longitude))
    return sitmap_command_line_fail (
        SITMAP_EXPORT_EXIT_USAGE,
        _ ("--center “%s” is not understood: give the latitude and longitude in degrees, such as 34.6,38.6"),
        request->center);
  if (request->zoom != NULL
      && (!parse_double (request->zoom, &options->zoom) || options->zoom < MIN_ZOOM || options->zoom > MAX_ZOOM))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_USAGE, _ ("--zoom “%s” is not a zoom level from %g to %g"),
                                     request->zoom, MIN_ZOOM, MAX_ZOOM);
  if (request->title != NULL)
    options->title = g_strdup (request->title);
  return SITMAP_EXPORT_EXIT_OK;
}

int
sitmap_export_run_command_line (const SitmapExportRequest *request)
{
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) document_file = NULL;
  g_autoptr (GFile) output = NULL;
  g_autoptr (GFile) basemap_file = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = NULL;
  g_autoptr (SitmapMbtilesSource) basemap = NULL;
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gboolean has_view = FALSE;
  int      status;

  g_return_val_if_fail (request != NULL && request->output != NULL, SITMAP_EXPORT_EXIT_USAGE);

  sitmap_export_options_init (&options);
  if ((status = check_request (request, &options, &has_view)) != SITMAP_EXPORT_EXIT_OK)
    return status;

  document_file = g_file_new_for_commandline_arg (request->document);
  document = sitmap_kml_read_file (document_file, NULL, &error);
  if (document == NULL)
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_FAILED, _ ("Cannot read the document: %s"), error->message);
  /* As the window's document: the page says which file it was drawn from ("the bundled demo"). */
  sitmap_document_set_file (document, document_file);
  view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (view_state, document);
  if (!set_range (view_state, request, &error))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_USAGE, "%s", error->message);
  if (!has_view)
    choose_view (view_state, &options);

  basemap_file = sitmap_tile_sources_dup_basemap_file ();
  basemap = sitmap_mbtiles_source_new (basemap_file, TRUE, NULL, &error);
  if (basemap == NULL)
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_FAILED, _ ("The offline basemap cannot be read: %s"),
                                     error->message);
  scene = sitmap_export_scene_new (view_state, &options, sitmap_mbtiles_source_get_attribution (basemap), TRUE);
  sitmap_export_scene_set_basemap_names (scene, TRUE);
  /* Not an error: the file is written, without what the page had no room for. */
  {
    g_autofree char *dropped = sitmap_export_scene_dup_dropped_message (scene);

    if (dropped != NULL)
      g_printerr ("sitmap: %s\n", dropped);
  }
  if (!fetch_tiles (scene, basemap, &error))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_FAILED, "%s", error->message);
  bytes = sitmap_export_scene_render (scene, NULL, &error);
  if (bytes == NULL)
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_FAILED, "%s", error->message);
  output = g_file_new_for_commandline_arg (request->output);
  if (!sitmap_atomic_write (output, bytes, NULL, &error))
    return sitmap_command_line_fail (SITMAP_EXPORT_EXIT_FAILED, _ ("Cannot write “%s”: %s"), request->output,
                                     error->message);
  return SITMAP_EXPORT_EXIT_OK;
}
