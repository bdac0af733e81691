/* sitmap-event-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-io.h"
#include "sitmap-event-export-dialog.h"
#include "sitmap-export-file-chooser.h"
#include "sitmap-plain-toast.h"
#include "sitmap-format.h"

struct _SitmapEventExportDialog
{
  AdwWindow parent_instance;

  AdwComboRow     *format_row;
  GtkStringList   *format_list;
  AdwActionRow    *shown_row;
  AdwActionRow    *all_row;
  GtkCheckButton  *shown_check;
  GtkWidget       *export_button;

  SitmapViewState *view_state;
  AdwToastOverlay *toasts;
  GPtrArray       *formats; /* const SitmapFormat *: those with a writer, in the rows' order */
  guint            n_running;
};

G_DEFINE_FINAL_TYPE (SitmapEventExportDialog, sitmap_event_export_dialog, ADW_TYPE_WINDOW)

/* One export being written, and what to say when it is. */
typedef struct
{
  SitmapEventExportDialog *dialog;
  GFile                   *file;
  guint                    n_events;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->dialog);
  g_clear_object (&job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/*
 * Auxiliary methods
 */

static SitmapDocument *
get_document (SitmapEventExportDialog *self)
{
  return sitmap_view_state_get_document (self->view_state);
}

static const SitmapFormat *
selected_format (SitmapEventExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  g_assert (self->formats->len > 0);
  return g_ptr_array_index (self->formats, MIN (selected, self->formats->len - 1));
}

/* What each format is for, in the row's subtitle. */
static const char *
describe_format (const SitmapFormat *format)
{
  if (g_str_equal (format->id, "kml"))
    return _("Opens in Google Earth, QGIS and Sitmap, with all that Sitmap knows of each event");
  if (g_str_equal (format->id, "kmz"))
    return _("KML in a zip archive, with the document’s images");
  if (g_str_equal (format->id, "geojson"))
    return _("For GIS tools and web maps: a feature per event");
  if (g_str_equal (format->id, "csv"))
    return _("ACLED’s columns, for spreadsheets and ACLED’s tools; lines and areas become points");
  return NULL;
}

static void
show_error (SitmapEventExportDialog *self, const GError *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *heading = _("Could Not Export Events");

#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *dialog = adw_alert_dialog_new (heading, error->message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, GTK_WIDGET (parent));
#else
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

/* The positions of the events to write: those the view shows, or NULL for every one. */
static GArray *
dup_positions (SitmapEventExportDialog *self, guint *n_events)
{
  const guint32 *visible;
  guint n_visible;
  GArray *positions;

  if (!gtk_check_button_get_active (self->shown_check))
    {
      *n_events = sitmap_document_get_n_live_events (get_document (self));
      return NULL;
    }
  visible = sitmap_view_state_get_visible (self->view_state, &n_visible);
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_visible);
  g_array_append_vals (positions, visible, n_visible);
  *n_events = n_visible;
  return positions;
}

/* The name decides the format when it ends in a written format's extension; else the chosen format's is
 * added. */
static GFile *
resolve_target (SitmapEventExportDialog *self, GFile *file, const SitmapFormat **format)
{
  g_autofree char *basename = g_file_get_basename (file);
  const SitmapFormat *named = basename ? sitmap_format_for_name (basename) : NULL;
  g_autofree char *with_extension = NULL;
  g_autoptr (GFile) parent = NULL;

  if (named != NULL && named->write != NULL)
    {
      *format = named;
      return g_object_ref (file);
    }
  *format = selected_format (self);
  parent = g_file_get_parent (file);
  if (basename == NULL || parent == NULL)
    return g_object_ref (file);
  with_extension = g_strdup_printf ("%s.%s", basename, (*format)->extensions[0]);
  return g_file_get_child (parent, with_extension);
}

/* A file name for the events: the document's title, made safe, with the format's extension. */
static char *
suggest_name (SitmapEventExportDialog *self, const SitmapFormat *format)
{
  SitmapDocument *document = get_document (self);
  g_autofree char *name = g_strdup_printf ("%s.%s", document ? sitmap_document_get_title (document) : _("Events"),
                                           format->extensions[0]);

  return g_strdelimit (g_steal_pointer (&name), "/\\:", '-');
}

/* Beside the document when it is a local file; else (the bundled demo, a document from elsewhere) the user's
 * documents folder, or their home: never GTK 4.8's default, "Recent", where a typed name is not a file. */
static GFile *
dup_suggested_folder (SitmapEventExportDialog *self)
{
  SitmapDocument *document = get_document (self);
  GFile *file = document ? sitmap_document_get_file (document) : NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (file != NULL && g_file_is_native (file))
    {
      g_autoptr (GFile) parent = g_file_get_parent (file);

      if (parent != NULL && g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        return g_steal_pointer (&parent);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static GtkFileFilter *
create_filter (const SitmapFormat *format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _(format->name));
  for (guint i = 0; format->mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, format->mime_types[i]);
  for (guint i = 0; format->extensions[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, format->extensions[i]);
  return filter;
}

/*
 * Callbacks
 */

static void
update_counts (SitmapEventExportDialog *self)
{
  SitmapDocument *document = get_document (self);
  guint n_events = document ? sitmap_document_get_n_live_events (document) : 0;
  guint n_shown = document ? sitmap_view_state_get_n_visible (self->view_state) : 0;
  g_autofree char *shown = NULL;
  g_autofree char *all = NULL;

  if (n_shown == n_events)
    /* TRANSLATORS: the events shown of all the document's, when none is filtered out: "10 of 10: …" */
    shown = g_strdup_printf (ngettext ("%'u of %'u: no filter, search or time range leaves any out",
                                       "%'u of %'u: no filter, search or time range leaves any out", n_events),
                             n_shown, n_events);
  else
    /* TRANSLATORS: the events shown of all the document's: "12 of 1,234: the current filter, search and time range" */
    shown = g_strdup_printf (ngettext ("%'u of %'u: the current filter, search and time range",
                                       "%'u of %'u: the current filter, search and time range", n_events),
                             n_shown, n_events);
  all = g_strdup_printf (ngettext ("%'u event", "%'u events", n_events), n_events);
  adw_action_row_set_subtitle (self->shown_row, shown);
  adw_action_row_set_subtitle (self->all_row, all);
  gtk_widget_set_sensitive (self->export_button, document != NULL);
}

static void
format_changed_cb (SitmapEventExportDialog *self)
{
  const char *description;

  if (self->formats == NULL)
    return;
  description = describe_format (selected_format (self));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), description ? description : "");
}

static void
exported_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ExportJob) job = user_data;
  SitmapEventExportDialog *self = job->dialog;
  g_autoptr (GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  self->n_running--;
  if (!sitmap_document_export_finish (result, &error))
    {
      g_message ("Could not export events: %s", error->message);
      show_error (self, error);
      return;
    }
  basename = g_file_get_basename (job->file);
  name = g_filename_display_name (basename);
  /* TRANSLATORS: a toast: a number of events, then a file's name */
  text = g_strdup_printf (ngettext ("Exported %'u event to “%s”", "Exported %'u events to “%s”", job->n_events),
                          job->n_events, name);
  adw_toast_overlay_add_toast (self->toasts, sitmap_plain_toast_new (text));
}

/* Hides the dialog and asks where to write, through the portal when there is one. */
static void
export_clicked_cb (SitmapEventExportDialog *self)
{
  const SitmapFormat *format = selected_format (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *name = suggest_name (self, format);
  g_autoptr (GtkFileFilter) filter = create_filter (format);
  g_autoptr (GFile) folder = dup_suggested_folder (self);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  sitmap_export_ask_for_file (self, parent, _("Export Events"), name, folder, filter,
                              (SitmapExportFileChosen) sitmap_event_export_dialog_export_to);
}

/*
 * GObject
 */

static void
sitmap_event_export_dialog_show (GtkWidget *widget)
{
  SitmapEventExportDialog *self = SITMAP_EVENT_EXPORT_DIALOG (widget);

  update_counts (self);
  GTK_WIDGET_CLASS (sitmap_event_export_dialog_parent_class)->show (widget);
  /* Enter exports, with the choices shown. */
  gtk_widget_grab_focus (self->export_button);
}

static void
sitmap_event_export_dialog_dispose (GObject *object)
{
  SitmapEventExportDialog *self = SITMAP_EVENT_EXPORT_DIALOG (object);

  g_clear_object (&self->view_state);
  g_clear_object (&self->toasts);
  g_clear_pointer (&self->formats, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_EVENT_EXPORT_DIALOG);
  G_OBJECT_CLASS (sitmap_event_export_dialog_parent_class)->dispose (object);
}

static void
sitmap_event_export_dialog_class_init (SitmapEventExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sitmap_event_export_dialog_dispose;
  widget_class->show = sitmap_event_export_dialog_show;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-event-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapEventExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventExportDialog, format_list);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventExportDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventExportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventExportDialog, shown_check);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitmap_event_export_dialog_init (SitmapEventExportDialog *self)
{
  const SitmapFormat *const *formats = sitmap_formats ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->formats = g_ptr_array_new ();
  for (guint i = 0; formats[i] != NULL; i++)
    if (formats[i]->write != NULL)
      {
        g_ptr_array_add (self->formats, (gpointer) formats[i]);
        gtk_string_list_append (self->format_list, _(formats[i]->name));
      }
  format_changed_cb (self);
}

/*
 * Public API
 */

SitmapEventExportDialog *
sitmap_event_export_dialog_new (GtkWindow *parent, SitmapViewState *view_state, AdwToastOverlay *toasts)
{
  SitmapEventExportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (toasts), NULL);

  self = g_object_new (SITMAP_TYPE_EVENT_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->view_state = g_object_ref (view_state);
  self->toasts = g_object_ref (toasts);
  g_signal_connect_object (view_state, "visible-changed", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view_state, "notify::document", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  update_counts (self);
  return self;
}

void
sitmap_event_export_dialog_export_to (SitmapEventExportDialog *self, GFile *file)
{
  g_autoptr (GArray) positions = NULL;
  g_autoptr (GFile) target = NULL;
  const SitmapFormat *format;
  ExportJob *job;

  g_return_if_fail (SITMAP_IS_EVENT_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (get_document (self) == NULL)
    return;
  target = resolve_target (self, file, &format);
  job = g_new0 (ExportJob, 1);
  job->dialog = g_object_ref (self);
  job->file = g_object_ref (target);
  /* The positions are taken now: the filter may change while the file is written. */
  positions = dup_positions (self, &job->n_events);
  self->n_running++;
  sitmap_document_export_async (get_document (self), positions, format, target, NULL, exported_cb, job);
}

gboolean
sitmap_event_export_dialog_get_busy (SitmapEventExportDialog *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_EXPORT_DIALOG (self), FALSE);

  return self->n_running > 0;
}
