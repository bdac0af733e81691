/* sitmap-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-application.h"
#include "sitmap-convert-command-line.h"
#include "sitmap-export-command-line.h"
#include "sitmap-window.h"

#define DEMO_URI "resource://" RESOURCE_PREFIX "/demo/syria-2024.kml"

struct _SitmapApplication
{
  AdwApplication parent_instance;
  gboolean       open_demo;
  gboolean       recovery_offered; /* what a crash left is offered once, in the first window */
};

G_DEFINE_FINAL_TYPE (SitmapApplication, sitmap_application, ADW_TYPE_APPLICATION)

/*
 * Auxiliary methods
 */

GFile *
sitmap_application_dup_demo_file (void)
{
  return g_file_new_for_uri (DEMO_URI);
}

GSettings *
sitmap_application_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed: settings will not be kept", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new (APPLICATION_ID);
}

/* The document to show when the user asked for none: the last one they opened, else the demo. */
static GFile *
dup_startup_file (SitmapApplication *self)
{
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *last = NULL;

  if (!self->open_demo && (settings = sitmap_application_dup_settings ()) != NULL)
    last = g_settings_get_string (settings, "last-document");
  if (last != NULL && *last != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_uri (last);

      if (g_file_query_exists (file, NULL))
        return g_steal_pointer (&file);
    }
  return sitmap_application_dup_demo_file ();
}

static SitmapWindow *
get_or_create_window (SitmapApplication *self, gboolean *created)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  *created = window == NULL;
  if (window == NULL)
    window = GTK_WINDOW (sitmap_window_new (GTK_APPLICATION (self)));
  if (!self->recovery_offered)
    {
      self->recovery_offered = TRUE;
      sitmap_window_offer_recovery (SITMAP_WINDOW (window));
    }
  return SITMAP_WINDOW (window);
}

/*
 * Actions
 */

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "The Sitmap developers", NULL };

#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();

  g_object_set (about, "application-name", _("Sitmap"), "application-icon", APPLICATION_ID, "version",
                PACKAGE_VERSION, "developer-name", _("The Sitmap developers"), "developers", developers,
                "license-type", GTK_LICENSE_GPL_3_0, "website", "https://github.com/sitmap/sitmap", "issue-url",
                "https://github.com/sitmap/sitmap/issues", "comments",
                _("A situation map and timeline of reported events, with every source behind them."), NULL);
  adw_dialog_present (about, GTK_WIDGET (parent));
#else
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about, "transient-for", parent, "modal", TRUE, "application-name", _("Sitmap"),
                "application-icon", APPLICATION_ID, "version", PACKAGE_VERSION, "developer-name",
                _("The Sitmap developers"), "developers", developers, "license-type", GTK_LICENSE_GPL_3_0,
                "website", "https://github.com/sitmap/sitmap", "issue-url", "https://github.com/sitmap/sitmap/issues",
                "comments", _("A situation map and timeline of reported events, with every source behind them."),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

/* Windows are closed, not dropped, so that each keeps its size and panes as the close button would. */
static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

/*
 * GApplication
 */

static void
sitmap_application_activate (GApplication *app)
{
  SitmapApplication *self = SITMAP_APPLICATION (app);
  gboolean created;
  SitmapWindow *window = get_or_create_window (self, &created);

  if (created || self->open_demo)
    {
      g_autoptr (GFile) file = dup_startup_file (self);

      sitmap_window_open (window, file);
    }
  self->open_demo = FALSE;
  gtk_window_present (GTK_WINDOW (window));
}

/* The first file opens in the current window; others each in a window of their own. */
static void
sitmap_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  SitmapApplication *self = SITMAP_APPLICATION (app);
  gboolean created;

  for (int i = 0; i < n_files; i++)
    {
      SitmapWindow *window = i == 0 ? get_or_create_window (self, &created)
                                    : sitmap_window_new (GTK_APPLICATION (app));

      sitmap_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* `sitmap --export OUT DOCUMENT` (or `--demo`): draws the document into OUT and quits, without a window. */
static int
run_export (GVariantDict *options, const char *const *files)
{
  SitmapExportRequest request = { 0 };
  gboolean            demo = g_variant_dict_contains (options, "demo");

  g_variant_dict_lookup (options, "export", "^&ay", &request.output);
  g_variant_dict_lookup (options, "size", "&s", &request.size);
  g_variant_dict_lookup (options, "center", "&s", &request.center);
  g_variant_dict_lookup (options, "zoom", "&s", &request.zoom);
  g_variant_dict_lookup (options, "from", "&s", &request.from);
  g_variant_dict_lookup (options, "to", "&s", &request.to);
  g_variant_dict_lookup (options, "title", "&s", &request.title);
  request.n_documents = (files != NULL ? g_strv_length ((char **) files) : 0) + (demo ? 1 : 0);
  request.document = demo ? DEMO_URI : request.n_documents > 0 ? files[0] : NULL;
  return sitmap_export_run_command_line (&request);
}

/* `sitmap --convert IN OUT` (or `--demo OUT`): reads IN, writes its events to OUT and quits, without a window. */
static int
run_convert (GVariantDict *options, const char *const *files)
{
  SitmapConvertRequest request = { 0 };
  gboolean             demo = g_variant_dict_contains (options, "demo");
  int                  n_given = files != NULL ? g_strv_length ((char **) files) : 0;

  g_variant_dict_lookup (options, "from-format", "&s", &request.from_format);
  g_variant_dict_lookup (options, "to-format", "&s", &request.to_format);
  g_variant_dict_lookup (options, "columns", "&s", &request.columns);
  request.n_files = n_given + (demo ? 1 : 0);
  request.input = demo ? DEMO_URI : n_given > 0 ? files[0] : NULL;
  request.output = demo ? (n_given > 0 ? files[0] : NULL) : n_given > 1 ? files[1] : NULL;
  return sitmap_convert_run_command_line (&request);
}

/* An option that belongs to --export or --convert, given without it: said, with the option it goes with. */
static gboolean
check_options_of (GVariantDict *options, const char *owner, const char *const *own, guint n_own, const char *why)
{
  if (g_variant_dict_contains (options, owner))
    return TRUE;
  for (guint i = 0; i < n_own; i++)
    if (g_variant_dict_contains (options, own[i]))
      {
        /* Translators: an option's name (“size”), the option it goes with (“export”), then what it does */
        g_autofree char *message = g_strdup_printf (_("--%s goes with --%s: %s"), own[i], owner, why);

        g_printerr ("sitmap: %s\n", message);
        return FALSE;
      }
  return TRUE;
}

/* A command line that asks for two things at once, or for something it cannot do, is said on stderr
 * before anything starts, rather than have one of its words dropped in silence. */
static gboolean
check_command_line (GVariantDict *options, const char *const *files)
{
  static const char *const export_only[] = { "size", "center", "zoom", "from", "to", "title" };
  static const char *const convert_only[] = { "from-format", "to-format", "columns" };

  if (g_variant_dict_contains (options, "demo") && files != NULL && files[0] != NULL
      && !g_variant_dict_contains (options, "convert"))
    {
      g_printerr ("sitmap: %s\n", _("--demo and a FILE name two documents: give one or the other"));
      return FALSE;
    }
  if (g_variant_dict_contains (options, "export") && g_variant_dict_contains (options, "convert"))
    {
      g_printerr ("sitmap: %s\n", _("--export and --convert are two things: give one or the other"));
      return FALSE;
    }
  return check_options_of (options, "export", export_only, G_N_ELEMENTS (export_only),
                           _("it says what the exported file shows"))
         && check_options_of (options, "convert", convert_only, G_N_ELEMENTS (convert_only),
                              _("it says how the files are read and written"));
}

/* The files named on the command line are taken as an option (so that --export sees its document);
 * without --export they are opened as GApplication would, in this instance or the running one. */
static int
open_files (GApplication *app, const char *const *files)
{
  g_autoptr (GPtrArray) gfiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("sitmap: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (gfiles, g_file_new_for_commandline_arg (files[i]));
  g_application_open (app, (GFile **) gfiles->pdata, gfiles->len, "");
  return 0;
}

static int
sitmap_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  SitmapApplication *self = SITMAP_APPLICATION (app);
  g_autofree const char **files = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sitmap %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  if (!check_command_line (options, files))
    return SITMAP_EXPORT_EXIT_USAGE;
  if (g_variant_dict_contains (options, "export"))
    return run_export (options, files);
  if (g_variant_dict_contains (options, "convert"))
    return run_convert (options, files);
  self->open_demo = g_variant_dict_contains (options, "demo");
  if (files != NULL && files[0] != NULL)
    return open_files (app, files);
  return -1;
}

static void
sitmap_application_startup (GApplication *app)
{
  static const char *open_accels[] = { "<Primary>o", NULL };
  static const char *import_accels[] = { "<Primary>i", NULL };
  static const char *save_accels[] = { "<Primary>s", NULL };
  static const char *save_as_accels[] = { "<Primary><Shift>s", NULL };
  static const char *undo_accels[] = { "<Primary>z", NULL };
  static const char *redo_accels[] = { "<Primary><Shift>z", NULL };
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *close_accels[] = { "<Primary>w", NULL };
  static const char *export_accels[] = { "<Primary>e", NULL };
  static const char *export_events_accels[] = { "<Primary><Shift>e", NULL };
  static const char *copy_image_accels[] = { "<Primary><Shift>c", NULL };
  static const char *zoom_to_event_accels[] = { "<Primary>Return", "<Primary>KP_Enter", NULL };
  static const char *show_all_events_accels[] = { "<Primary>0", "<Primary>KP_0", NULL };
  static const char *print_accels[] = { "<Primary>p", NULL };

  G_APPLICATION_CLASS (sitmap_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-as", save_as_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export-events", export_events_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.copy-image", copy_image_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.zoom-to-event", zoom_to_event_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-all-events", show_all_events_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print", print_accels);
}

static void
sitmap_application_class_init (SitmapApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sitmap_application_activate;
  app_class->open = sitmap_application_open;
  app_class->startup = sitmap_application_startup;
  app_class->handle_local_options = sitmap_application_handle_local_options;
}

static void
sitmap_application_init (SitmapApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the bundled demo document (with --export, draw it)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Draw the document into a PNG, SVG or PDF file and quit, without a window"), N_("OUT.{png,svg,pdf}") },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The export's size in pixels (default 1920x1080), or a4, letter, a4-landscape…"), N_("WxH") },
    { "center", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The export's map centre, with --zoom"), N_("LAT,LON") },
    { "zoom", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The export's map zoom level, with --center"), N_("Z") },
    { "from", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Export only events from this date"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Export only events up to this date"), N_("DATE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The export's title (default: the document's)"), N_("TEXT") },
    { "convert", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Convert the events of IN into OUT (KML, KMZ, GeoJSON or CSV, by its name) and quit, without a window"),
      NULL },
    { "from-format", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --convert, read IN as this format: kml, kmz, csv, geojson or georss"), N_("ID") },
    { "to-format", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --convert, write OUT as this format: kml, kmz, csv or geojson"), N_("ID") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --convert, the columns or properties that hold each field: latitude=lat,longitude=lon,date=day,…"),
      N_("FIELD=COLUMN,…") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…] | --convert IN OUT"));
  g_application_set_option_context_summary (
      G_APPLICATION (self),
      _("Open reported events (KML, KMZ, CSV, GeoJSON, GeoRSS) on a map and a timeline, or convert them."));
}

SitmapApplication *
sitmap_application_new (void)
{
  return g_object_new (SITMAP_TYPE_APPLICATION, "application-id", APPLICATION_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", RESOURCE_PREFIX, NULL);
}
