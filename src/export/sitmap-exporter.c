/* sitmap-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-export-scene.h"
#include "sitmap-exporter.h"
#include "sitmap-plain-toast.h"
#include "sitmap-print-operation.h"

struct _SitmapExporter
{
  GObject parent_instance;

  GtkWindow         *window; /* weak */
  SitmapViewState   *view_state;
  ShumateSimpleMap  *map;
  SitmapTileSources *tile_sources;
  AdwToastOverlay   *toasts;
  GCancellable      *cancellable;
  guint              n_busy;
};

G_DEFINE_FINAL_TYPE (SitmapExporter, sitmap_exporter, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One export under way: what to do once its tiles are in. */
typedef struct
{
  SitmapExporter    *exporter;
  SitmapExportScene *scene;
  GFile             *file;     /* NULL: the clipboard */
  AdwToast          *progress; /* "Exporting…", until it is done */
  guint              progress_delay_id; /* until the toast is shown */
  gint64             progress_shown_at; /* monotonic µs, 0: not shown */
} Job;

/* libadwaita 1.2's toast overlay frees a toast's state when its hide animation ends but lets its show
 * animation run on, whose end then reads the freed state: a toast dismissed while it is still coming in
 * crashes the process a moment later. So the "Exporting…" toast comes only once an export has taken a
 * while (a quick one needs no word), and once shown it stays until it has surely come in. */
#define PROGRESS_TOAST_DELAY_MS 400
#define PROGRESS_TOAST_MIN_MS   1000

/* Busy while an export or a print is under way. */
static void
hold (SitmapExporter *self)
{
  if (self->n_busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
release (SitmapExporter *self)
{
  g_assert (self->n_busy > 0);
  if (--self->n_busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
dismiss_cb (gpointer data)
{
  adw_toast_dismiss (data);
  return G_SOURCE_REMOVE;
}

static void
dismiss_progress (AdwToast *progress, gint64 shown_at)
{
  gint64 shown_ms = (g_get_monotonic_time () - shown_at) / 1000;

  if (shown_ms >= PROGRESS_TOAST_MIN_MS)
    adw_toast_dismiss (progress);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, PROGRESS_TOAST_MIN_MS - shown_ms, dismiss_cb, g_object_ref (progress),
                        g_object_unref);
}

static void
job_free (Job *job)
{
  SitmapExporter *self = job->exporter;

  release (self);
  g_clear_handle_id (&job->progress_delay_id, g_source_remove);
  if (job->progress_shown_at != 0)
    dismiss_progress (job->progress, job->progress_shown_at);
  g_clear_object (&job->progress);
  g_clear_object (&job->file);
  g_clear_object (&job->scene);
  g_object_unref (self);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/*
 * Toasts
 */

static void
toast (SitmapExporter *self, AdwToast *toast)
{
  if (self->toasts != NULL)
    adw_toast_overlay_add_toast (self->toasts, toast);
  else
    g_object_unref (toast);
}

static void
toast_error (SitmapExporter *self, const char *what, const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  toast (self, sitmap_plain_toast_new (text));
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
launched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error))
    g_debug ("The export could not be opened: %s", error->message);
}
#endif

/* Opens the file only when the toast's button is clicked, with the default application. */
static void
open_clicked_cb (AdwToast *toast_, gpointer user_data)
{
  GFile     *file = user_data;
  GtkWindow *window = g_object_get_data (G_OBJECT (toast_), "sitmap-window");

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, window, NULL, launched_cb, NULL);
#else
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
#endif
}

/* "Exported “x”", and what the page had no room for. */
static char *
with_dropped (const char *text, SitmapExportScene *scene)
{
  g_autofree char *dropped = sitmap_export_scene_dup_dropped_message (scene);

  if (dropped == NULL)
    return g_strdup (text);
  /* Translators: a toast once an export is done, then what its page had no room for */
  return g_strdup_printf (_ ("%s. %s"), text, dropped);
}

static void
toast_exported (SitmapExporter *self, GFile *file, SitmapExportScene *scene)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  /* Translators: a toast once an export is written; %s is the file's name */
  g_autofree char *done = g_strdup_printf (_ ("Exported “%s”"), name);
  g_autofree char *text = with_dropped (done, scene);
  AdwToast        *exported = sitmap_plain_toast_new (text);

  adw_toast_set_button_label (exported, _ ("_Open"));
  g_object_set_data (G_OBJECT (exported), "sitmap-window", self->window);
  g_signal_connect_data (exported, "button-clicked", G_CALLBACK (open_clicked_cb), g_object_ref (file),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  toast (self, exported);
}

/*
 * The steps
 */

static void
written_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;

  if (!sitmap_export_scene_write_finish (SITMAP_EXPORT_SCENE (object), result, &error))
    toast_error (job->exporter, _ ("The export failed"), error);
  else
    toast_exported (job->exporter, job->file, job->scene);
}

static void
rendered_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = sitmap_export_scene_render_finish (SITMAP_EXPORT_SCENE (object), result, &error);
  g_autoptr (GdkTexture) texture = NULL;

  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      toast_error (job->exporter, _ ("The map could not be copied"), error);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (job->exporter->map)), texture);
  {
    g_autofree char *text = with_dropped (_ ("Map copied to the clipboard"), job->scene);

    toast (job->exporter, sitmap_plain_toast_new (text));
  }
}

static void
fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GError) error = NULL;

  if (!sitmap_export_scene_fetch_tiles_finish (SITMAP_EXPORT_SCENE (object), result, &error))
    {
      toast_error (job->exporter, job->file != NULL ? _ ("The export failed") : _ ("The map could not be copied"),
                   error);
      job_free (job);
      return;
    }
  if (job->file != NULL)
    sitmap_export_scene_write_async (job->scene, job->file, job->exporter->cancellable, written_cb, job);
  else
    sitmap_export_scene_render_async (job->scene, job->exporter->cancellable, rendered_cb, job);
}

/* The map's data source, through which the page's tiles are fetched; NULL before the map has one. */
static ShumateDataSource *
dup_data_source (SitmapExporter *self)
{
  ShumateMapSource  *map_source = sitmap_tile_sources_get_map_source (self->tile_sources);
  ShumateDataSource *data_source = NULL;

  if (sitmap_tile_sources_get_current (self->tile_sources) == NULL || !SHUMATE_IS_RASTER_RENDERER (map_source))
    return NULL;
  g_object_get (map_source, "data-source", &data_source, NULL);
  return data_source;
}

/* The page of options over the map's current source. The caller checks there is a document and a
 * data source. */
static SitmapExportScene *
new_scene (SitmapExporter *self, const SitmapExportOptions *options)
{
  ShumateMapSource  *map_source = sitmap_tile_sources_get_map_source (self->tile_sources);
  SitmapTileSource  *current = sitmap_tile_sources_get_current (self->tile_sources);
  SitmapExportScene *scene;

  g_assert (current != NULL);
  scene = sitmap_export_scene_new (self->view_state, options, shumate_map_source_get_license (map_source),
                                   sitmap_tile_source_has_place_names (current));
  sitmap_export_scene_set_basemap_names (scene, sitmap_tile_source_get_kind (current) == SITMAP_TILE_SOURCE_OFFLINE);
  return scene;
}

static void
fetch_tiles (SitmapExporter *self, SitmapExportScene *scene, ShumateDataSource *data_source,
             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  ShumateMapSource *map_source = sitmap_tile_sources_get_map_source (self->tile_sources);

  sitmap_export_scene_fetch_tiles_async (scene, data_source, shumate_map_source_get_min_zoom_level (map_source),
                                         shumate_map_source_get_max_zoom_level (map_source), cancellable, callback,
                                         user_data);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  Job *job = user_data;

  job->progress_delay_id = 0;
  job->progress_shown_at = g_get_monotonic_time ();
  toast (job->exporter, g_object_ref (job->progress));
  return G_SOURCE_REMOVE;
}

static void
start (SitmapExporter *self, const SitmapExportOptions *options, GFile *file)
{
  g_autoptr (ShumateDataSource) data_source = dup_data_source (self);
  Job *job;

  if (sitmap_view_state_get_document (self->view_state) == NULL)
    {
      toast (self, sitmap_plain_toast_new (_ ("There is no document to export yet")));
      return;
    }
  if (data_source == NULL)
    {
      toast (self, sitmap_plain_toast_new (_ ("The map has no tiles to export yet")));
      return;
    }
  job = g_new0 (Job, 1);
  job->exporter = g_object_ref (self);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->scene = new_scene (self, options);
  hold (self);
  /* Large pages over online tiles take a while: say it has begun, until it is done. */
  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *name = g_filename_display_name (basename);
      g_autofree char *text = g_strdup_printf (_ ("Exporting “%s”…"), name);

      job->progress = sitmap_plain_toast_new (text);
      adw_toast_set_timeout (job->progress, 0);
      /* Shown at once, whatever toast is up: its time on screen is counted from now. */
      adw_toast_set_priority (job->progress, ADW_TOAST_PRIORITY_HIGH);
      job->progress_delay_id = g_timeout_add (PROGRESS_TOAST_DELAY_MS, show_progress_cb, job);
    }
  fetch_tiles (self, job->scene, data_source, self->cancellable, fetched_cb, job);
}

static void
prepared_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!sitmap_export_scene_fetch_tiles_finish (SITMAP_EXPORT_SCENE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (object), g_object_unref);
}

/*
 * Printing
 */

/* A print is over once GTK is done with it and its job has been sent, or has failed to be: "done"
 * comes once the page is drawn, and a Print to File is written after it. error is why it failed. */
static void
print_finished (SitmapExporter *self, GtkPrintOperation *operation, const GError *error)
{
  const GError *failure = sitmap_print_operation_get_failure (SITMAP_PRINT_OPERATION (operation));

  g_signal_handlers_disconnect_by_data (operation, self);
  if (failure != NULL)
    toast_error (self, _ ("The map could not be printed"), failure);
  else if (error != NULL)
    toast_error (self, _ ("The map could not be printed"), error);
  release (self);
  g_object_unref (operation);
}

/* GTK keeps a failed job's error for gtk_print_operation_get_error(), which must not be asked when
 * there is none; a job is aborted after "done" only when it failed. */
static void
print_status_changed_cb (GtkPrintOperation *operation, SitmapExporter *self)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_print_operation_is_finished (operation))
    return;
  if (gtk_print_operation_get_status (operation) == GTK_PRINT_STATUS_FINISHED_ABORTED)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _ ("The print job was stopped"));
    }
  print_finished (self, operation, error);
}

static void
print_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, SitmapExporter *self)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY || gtk_print_operation_is_finished (operation))
    print_finished (self, operation, error);
  else
    g_signal_connect_object (operation, "status-changed", G_CALLBACK (print_status_changed_cb), self, 0);
}

/*
 * GObject
 */

static void
sitmap_exporter_dispose (GObject *object)
{
  SitmapExporter *self = SITMAP_EXPORTER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->view_state);
  g_clear_object (&self->map);
  g_clear_object (&self->tile_sources);
  g_clear_object (&self->toasts);
  G_OBJECT_CLASS (sitmap_exporter_parent_class)->dispose (object);
}

static void
sitmap_exporter_finalize (GObject *object)
{
  g_clear_object (&SITMAP_EXPORTER (object)->cancellable);
  G_OBJECT_CLASS (sitmap_exporter_parent_class)->finalize (object);
}

static void
sitmap_exporter_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, SITMAP_EXPORTER (object)->n_busy > 0);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_exporter_class_init (SitmapExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_exporter_dispose;
  object_class->finalize = sitmap_exporter_finalize;
  object_class->get_property = sitmap_exporter_get_property;
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_exporter_init (SitmapExporter *self)
{
  self->cancellable = g_cancellable_new ();
}

/*
 * Public API
 */

SitmapExporter *
sitmap_exporter_new (GtkWindow *window, SitmapViewState *view_state, ShumateSimpleMap *map,
                     SitmapTileSources *tile_sources, AdwToastOverlay *toasts)
{
  SitmapExporter *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);
  g_return_val_if_fail (SHUMATE_IS_SIMPLE_MAP (map), NULL);
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (tile_sources), NULL);

  self = g_object_new (SITMAP_TYPE_EXPORTER, NULL);
  g_set_weak_pointer (&self->window, window);
  self->view_state = g_object_ref (view_state);
  self->map = g_object_ref (map);
  self->tile_sources = g_object_ref (tile_sources);
  self->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;
  return self;
}

void
sitmap_exporter_fill_options (SitmapExporter *self, SitmapExportSize size, gboolean landscape, int custom_width,
                              int custom_height, SitmapExportOptions *options)
{
  GtkWidget *map;
  double     window_width, window_height;

  g_return_if_fail (SITMAP_IS_EXPORTER (self));

  map = GTK_WIDGET (self->map);
  window_width = MAX (gtk_widget_get_width (map), 1);
  window_height = MAX (gtk_widget_get_height (map), 1);
  if (size == SITMAP_EXPORT_SIZE_WINDOW)
    {
      options->scale = gdk_surface_get_scale_factor (gtk_native_get_surface (gtk_widget_get_native (map)));
      options->width = window_width * options->scale;
      options->height = window_height * options->scale;
    }
  else if (size == SITMAP_EXPORT_SIZE_CUSTOM)
    {
      options->width = CLAMP (custom_width, SITMAP_EXPORT_MIN_SIDE, SITMAP_EXPORT_MAX_SIDE);
      options->height = CLAMP (custom_height, SITMAP_EXPORT_MIN_SIDE, SITMAP_EXPORT_MAX_SIDE);
      options->scale = sitmap_export_scale_for_size (options->width, options->height);
    }
  else
    sitmap_export_size_get (size, landscape, &options->width, &options->height, &options->scale);
  options->paper = size < SITMAP_N_EXPORT_SIZES && sitmap_export_size_is_paper (size);
  sitmap_exporter_fill_view (self, options);
}

void
sitmap_exporter_fill_view (SitmapExporter *self, SitmapExportOptions *options)
{
  ShumateViewport *viewport;
  GtkWidget       *map;
  double           window_width, window_height, map_width, map_height;
  g_autoptr (SitmapExportScene) probe = NULL;

  g_return_if_fail (SITMAP_IS_EXPORTER (self));
  g_return_if_fail (options != NULL && options->width > 0 && options->height > 0 && options->scale > 0);

  viewport = shumate_simple_map_get_viewport (self->map);
  map = GTK_WIDGET (self->map);
  window_width = MAX (gtk_widget_get_width (map), 1);
  window_height = MAX (gtk_widget_get_height (map), 1);
  options->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  options->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  options->zoom = shumate_viewport_get_zoom_level (viewport);
  /* What the window's map shows fits the page's map: a page with more room shows more around it, one
   * with less zooms out. The page's map is known once laid out, so a first scene measures it. */
  if (sitmap_view_state_get_document (self->view_state) == NULL)
    return;
  probe = sitmap_export_scene_new (self->view_state, options, NULL, FALSE);
  sitmap_export_scene_get_map_size (probe, &map_width, &map_height);
  options->zoom += log2 (MIN (map_width / window_width, map_height / window_height));
  options->zoom = CLAMP (options->zoom, 0, 20);
}

void
sitmap_exporter_export (SitmapExporter *self, const SitmapExportOptions *options, GFile *file)
{
  g_return_if_fail (SITMAP_IS_EXPORTER (self));
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (file));

  start (self, options, file);
}

void
sitmap_exporter_copy (SitmapExporter *self, const SitmapExportOptions *options)
{
  g_auto (SitmapExportOptions) png = { 0 };

  g_return_if_fail (SITMAP_IS_EXPORTER (self));
  g_return_if_fail (options != NULL);

  sitmap_export_options_copy (&png, options);
  png.format = SITMAP_EXPORT_PNG;
  start (self, &png, NULL);
}

void
sitmap_exporter_prepare_async (SitmapExporter *self, const SitmapExportOptions *options, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (ShumateDataSource) data_source = NULL;
  g_autoptr (SitmapExportScene) scene = NULL;

  g_return_if_fail (SITMAP_IS_EXPORTER (self));
  g_return_if_fail (options != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_exporter_prepare_async);
  data_source = dup_data_source (self);
  if (sitmap_view_state_get_document (self->view_state) == NULL || data_source == NULL)
    {
      g_task_return_new_error (task, SITMAP_EXPORT_ERROR, SITMAP_EXPORT_ERROR_FAILED, "%s",
                               _ ("There is no map to draw yet"));
      return;
    }
  scene = new_scene (self, options);
  fetch_tiles (self, scene, data_source, cancellable, prepared_cb, g_steal_pointer (&task));
}

SitmapExportScene *
sitmap_exporter_prepare_finish (SitmapExporter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sitmap_exporter_print (SitmapExporter *self, const SitmapExportOptions *choices, GSettings *settings)
{
  g_autoptr (ShumateDataSource) data_source = NULL;
  g_autoptr (GError) error = NULL;
  SitmapPrintOperation *operation;

  g_return_if_fail (SITMAP_IS_EXPORTER (self));
  g_return_if_fail (choices != NULL);

  data_source = dup_data_source (self);
  if (sitmap_view_state_get_document (self->view_state) == NULL)
    {
      toast (self, sitmap_plain_toast_new (_ ("There is no document to print yet")));
      return;
    }
  if (data_source == NULL)
    {
      toast (self, sitmap_plain_toast_new (_ ("The map has no tiles to print yet")));
      return;
    }
  /* Held until print_finished(). */
  operation = sitmap_print_operation_new (self, choices, settings);
  hold (self);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, self->window,
                               &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_debug ("The print dialog failed: %s", error->message);
}

gboolean
sitmap_exporter_get_busy (SitmapExporter *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORTER (self), FALSE);
  return self->n_busy > 0;
}

char *
sitmap_exporter_suggest_name (SitmapExporter *self, SitmapExportFormat format)
{
  SitmapDocument *document;
  g_autoptr (GString) name = g_string_new (NULL);
  const char *title = NULL;

  g_return_val_if_fail (SITMAP_IS_EXPORTER (self), NULL);

  document = sitmap_view_state_get_document (self->view_state);
  if (document != NULL)
    title = sitmap_document_get_title (document);
  /* No folder separators or control characters from a document's title in a file name. */
  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0' || name->str[0] == '.')
    g_string_assign (name, _ ("Map"));
  g_string_truncate (name, strlen (name->str));
  g_string_append_printf (name, ".%s", sitmap_export_format_get_extension (format));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

GFile *
sitmap_exporter_dup_suggested_folder (SitmapExporter *self)
{
  SitmapDocument *document;
  GFile          *file;

  g_return_val_if_fail (SITMAP_IS_EXPORTER (self), NULL);

  document = sitmap_view_state_get_document (self->view_state);
  file = document != NULL ? sitmap_document_get_file (document) : NULL;
  if (file == NULL || !g_file_is_native (file))
    return NULL;
  return g_file_get_parent (file);
}

char *
sitmap_exporter_dup_online_source_name (SitmapExporter *self)
{
  SitmapTileSource *current;

  g_return_val_if_fail (SITMAP_IS_EXPORTER (self), NULL);

  current = sitmap_tile_sources_get_current (self->tile_sources);
  if (current == NULL || !sitmap_tile_source_is_online (current))
    return NULL;
  return g_strdup (sitmap_tile_source_get_name (current));
}

SitmapViewState *
sitmap_exporter_get_view_state (SitmapExporter *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORTER (self), NULL);
  return self->view_state;
}
