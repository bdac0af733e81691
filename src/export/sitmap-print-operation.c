/* sitmap-print-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <math.h>

#include "sitmap-export-scene.h"
#include "sitmap-print-operation.h"

/* The page is laid out in logical pixels, 96 to the inch; the print context measures in points. */
#define POINTS_PER_PIXEL (72.0 / 96.0)
/* Tiles are fetched for the printer's resolution, within what an export to paper offers, */
#define MIN_DPI 150
#define MAX_DPI 300
/* and a sheet larger than A2 gets fewer dots to the inch rather than an image of hundreds of megabytes. */
#define MAX_PIXELS (4961.0 * 7016.0)

struct _SitmapPrintOperation
{
  GtkPrintOperation parent_instance;

  SitmapExporter     *exporter;
  SitmapExportOptions choices; /* title, subtitle and what to include */
  GSettings          *settings;
  GCancellable       *cancellable;
  SitmapExportScene  *scene; /* the page, once its tiles are in */
  GError             *failure;
};

G_DEFINE_FINAL_TYPE (SitmapPrintOperation, sitmap_print_operation, GTK_TYPE_PRINT_OPERATION)

/*
 * Settings: the printer and the paper used last
 */

/* "Print to File" offers the document's name, not the file the last print wrote. */
static char *
dup_output_basename (SitmapPrintOperation *self)
{
  g_autofree char *name = sitmap_exporter_suggest_name (self->exporter, SITMAP_EXPORT_PDF);

  if (g_str_has_suffix (name, ".pdf"))
    name[strlen (name) - strlen (".pdf")] = '\0';
  return g_steal_pointer (&name);
}

static void
restore_settings (SitmapPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr (GtkPrintSettings) print_settings = NULL;
  g_autofree char *basename = dup_output_basename (self);

  if (self->settings != NULL)
    {
      g_autoptr (GVariant) kept = g_settings_get_value (self->settings, "print-settings");
      g_autoptr (GVariant) page_setup = g_settings_get_value (self->settings, "page-setup");

      if (g_variant_n_children (kept) > 0)
        print_settings = gtk_print_settings_new_from_gvariant (kept);
      if (g_variant_n_children (page_setup) > 0)
        {
          g_autoptr (GtkPageSetup) setup = gtk_page_setup_new_from_gvariant (page_setup);

          gtk_print_operation_set_default_page_setup (operation, setup);
        }
    }
  if (print_settings == NULL)
    print_settings = gtk_print_settings_new ();
  gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_operation_set_print_settings (operation, print_settings);
}

static void
save_settings (SitmapPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  GtkPrintSettings  *used = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup      *setup = gtk_print_operation_get_default_page_setup (operation);
  g_autoptr (GtkPrintSettings) kept = NULL;
  const char *uri;

  if (self->settings == NULL || used == NULL)
    return;
  kept = gtk_print_settings_copy (used);
  /* The folder of the file written, not the file: another document printed there must not replace it. */
  uri = gtk_print_settings_get (kept, GTK_PRINT_SETTINGS_OUTPUT_URI);
  if (uri != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_uri (uri);
      g_autoptr (GFile) folder = g_file_get_parent (file);
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        gtk_print_settings_set (kept, GTK_PRINT_SETTINGS_OUTPUT_DIR, path);
      gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_URI);
    }
  gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_BASENAME);
  g_settings_set_value (self->settings, "print-settings", gtk_print_settings_to_gvariant (kept));
  if (setup != NULL)
    g_settings_set_value (self->settings, "page-setup", gtk_page_setup_to_gvariant (setup));
}

/*
 * The page
 */

static void
prepared_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapPrintOperation) self = user_data;
  g_autoptr (GError) error = NULL;
  SitmapExportScene *scene = sitmap_exporter_prepare_finish (SITMAP_EXPORTER (object), result, &error);

  if (scene != NULL)
    {
      g_clear_object (&self->scene);
      self->scene = scene;
      return;
    }
  /* paginate_cb() cancels the print: GTK asks for that from its handlers. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->failure == NULL)
    self->failure = g_steal_pointer (&error);
}

/* "paginate" is how a print waits for what it needs without blocking the main loop: GTK asks again,
 * from an idle, until it returns TRUE. It is a signal with no default handler that GTK emits only when
 * a handler is connected, so it is connected rather than overridden. */
static gboolean
paginate_cb (GtkPrintOperation *operation, GtkPrintContext *context, gpointer user_data)
{
  SitmapPrintOperation *self = SITMAP_PRINT_OPERATION (operation);

  if (self->failure != NULL)
    gtk_print_operation_cancel (operation);
  return self->scene != NULL;
}

/* The dialog has closed with a paper size and orientation: the page is laid out for them, as a PDF
 * export of that paper would be, and its tiles are fetched. */
static void
sitmap_print_operation_begin_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  SitmapPrintOperation *self = SITMAP_PRINT_OPERATION (operation);
  GtkPrintSettings     *print_settings = gtk_print_operation_get_print_settings (operation);
  double                dpi = print_settings != NULL ? gtk_print_settings_get_resolution (print_settings) : MAX_DPI;
  /* The whole sheet, in points (use-full-page, GTK_UNIT_POINTS), turned as the dialog says. */
  double                width = MAX (gtk_print_context_get_width (context), 1) / 72.0;
  double                height = MAX (gtk_print_context_get_height (context), 1) / 72.0;
  g_auto (SitmapExportOptions) options = { 0 };

  /* Once per print; should GTK begin again, what the last time began is dropped. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->scene);
  dpi = CLAMP (dpi, MIN_DPI, MAX_DPI);
  dpi = MIN (dpi, sqrt (MAX_PIXELS / (width * height)));
  dpi = MIN (dpi, SITMAP_EXPORT_MAX_SIDE / MAX (width, height));
  sitmap_export_options_copy (&options, &self->choices);
  options.format = SITMAP_EXPORT_PDF;
  options.scale = dpi / 96.0;
  options.width = MAX (1, round (width * dpi));
  options.height = MAX (1, round (height * dpi));
  /* A sheet of paper: its words are read at their printed size, the basemap's too. */
  options.paper = TRUE;
  sitmap_exporter_fill_view (self->exporter, &options);
  sitmap_exporter_prepare_async (self->exporter, &options, self->cancellable, prepared_cb, g_object_ref (self));
}

static void
sitmap_print_operation_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr)
{
  SitmapPrintOperation *self = SITMAP_PRINT_OPERATION (operation);
  cairo_t              *cr = gtk_print_context_get_cairo_context (context);

  g_return_if_fail (self->scene != NULL);

  cairo_save (cr);
  cairo_scale (cr, POINTS_PER_PIXEL, POINTS_PER_PIXEL);
  sitmap_export_scene_draw (self->scene, cr, NULL);
  cairo_restore (cr);
}

/* The page's tiles are let go as soon as the page is drawn, or the print cancelled. */
static void
sitmap_print_operation_end_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  SitmapPrintOperation *self = SITMAP_PRINT_OPERATION (operation);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->scene);
}

static void
sitmap_print_operation_done (GtkPrintOperation *operation, GtkPrintOperationResult result)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    save_settings (SITMAP_PRINT_OPERATION (operation));
}

/*
 * GObject
 */

static void
sitmap_print_operation_dispose (GObject *object)
{
  SitmapPrintOperation *self = SITMAP_PRINT_OPERATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->scene);
  g_clear_object (&self->exporter);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sitmap_print_operation_parent_class)->dispose (object);
}

static void
sitmap_print_operation_finalize (GObject *object)
{
  SitmapPrintOperation *self = SITMAP_PRINT_OPERATION (object);

  sitmap_export_options_clear (&self->choices);
  g_clear_error (&self->failure);
  G_OBJECT_CLASS (sitmap_print_operation_parent_class)->finalize (object);
}

static void
sitmap_print_operation_class_init (SitmapPrintOperationClass *klass)
{
  GObjectClass           *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = sitmap_print_operation_dispose;
  object_class->finalize = sitmap_print_operation_finalize;
  operation_class->begin_print = sitmap_print_operation_begin_print;
  operation_class->draw_page = sitmap_print_operation_draw_page;
  operation_class->end_print = sitmap_print_operation_end_print;
  operation_class->done = sitmap_print_operation_done;
}

static void
sitmap_print_operation_init (SitmapPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  self->cancellable = g_cancellable_new ();
  /* One page, the whole sheet (the page has its own margins, as the PDF export's has), in points. */
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The paper size and orientation are chosen in the print dialog itself. */
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The window stays responsive, and a print waiting for its tiles can be cancelled. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_show_progress (operation, TRUE);
  g_signal_connect (self, "paginate", G_CALLBACK (paginate_cb), NULL);
}

/*
 * Public API
 */

SitmapPrintOperation *
sitmap_print_operation_new (SitmapExporter *exporter, const SitmapExportOptions *choices, GSettings *settings)
{
  SitmapPrintOperation *self;
  SitmapDocument       *document;

  g_return_val_if_fail (SITMAP_IS_EXPORTER (exporter), NULL);
  g_return_val_if_fail (choices != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SITMAP_TYPE_PRINT_OPERATION, NULL);
  self->exporter = g_object_ref (exporter);
  sitmap_export_options_copy (&self->choices, choices);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  /* The print queue names the job as the page does. */
  document = sitmap_view_state_get_document (sitmap_exporter_get_view_state (exporter));
  if (choices->title != NULL)
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), choices->title);
  else if (document != NULL)
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), sitmap_document_get_title (document));
  restore_settings (self);
  return self;
}

const GError *
sitmap_print_operation_get_failure (SitmapPrintOperation *self)
{
  g_return_val_if_fail (SITMAP_IS_PRINT_OPERATION (self), NULL);
  return self->failure;
}
