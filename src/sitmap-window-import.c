/* sitmap-window-import.c: reading files into the window, opened or imported, off the main thread
 *
 * Open (Ctrl+O, `sitmap FILE`) makes the file the window's document. Import (Ctrl+I, or a file dropped
 * on the window) brings the file's events into the open document as one edit, which Undo takes back;
 * with no document open it opens the file. Either reads in a worker thread (sitmap_document_load_async);
 * a strip under the header bar shows the progress with Cancel once the read takes more than a moment.
 * An import's events are then merged into a new store in another thread (sitmap_event_store_merge) and
 * the document takes it in one step: until then it is untouched, and a cancelled or failed read leaves
 * everything as it was. A table whose columns Sitmap cannot tell asks which column is which; what was
 * left out of a file is said in a summary the user can copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-io.h"
#include "sitmap-error.h"
#include "sitmap-event-store-merge.h"
#include "sitmap-format.h"
#include "sitmap-import-command.h"
#include "sitmap-import-summary-dialog.h"
#include "sitmap-link-fetch.h"
#include "sitmap-mapping-dialog.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window-private.h"

/* A read shorter than this shows no progress, so that small files do not flash a strip. */
#define PROGRESS_DELAY_MS 300
#define PROGRESS_POLL_MS  100

/* One read and what it is for; the window's load_cancellable tells whether it is still the current one. */
typedef struct
{
  SitmapWindow        *window;
  GFile               *file;
  SitmapImport        *import;
  GCancellable        *cancellable;
  SitmapWindowReadMode mode;
  SitmapDocument      *document; /* the one to import into */
  SitmapDocument      *imported; /* what was read */
} ReadJob;

/* A linked file downloaded for this read is not kept once read: the events are in the document. */
static void
remove_download (SitmapWindow *self, GFile *file)
{
  guint index;

  if (self->downloads != NULL &&
      g_ptr_array_find_with_equal_func (self->downloads, file, (GEqualFunc) g_file_equal, &index))
    {
      sitmap_link_remove_download (g_ptr_array_index (self->downloads, index));
      g_ptr_array_remove_index (self->downloads, index);
    }
}

static void
read_job_free (ReadJob *job)
{
  if (job->window != NULL && job->file != NULL)
    remove_download (job->window, job->file);
  g_clear_object (&job->window);
  g_clear_object (&job->file);
  g_clear_pointer (&job->import, sitmap_import_unref);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->document);
  g_clear_object (&job->imported);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadJob, read_job_free)

static void
read_job_closure_free (gpointer data, GClosure *closure)
{
  read_job_free (data);
}

static void start_next_import (SitmapWindow *self);

/*
 * File filters
 */

static void
add_format (GtkFileFilter *filter, const SitmapFormat *format)
{
  for (guint i = 0; format->extensions[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, format->extensions[i]);
  for (guint i = 0; format->mime_types != NULL && format->mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, format->mime_types[i]);
}

GListModel *
_sitmap_window_dup_read_filters (void)
{
  const SitmapFormat *const *formats = sitmap_formats ();
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr (GtkFileFilter) supported = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (supported, _("All supported files"));
  g_list_store_append (filters, supported);
  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_autoptr (GtkFileFilter) filter = NULL;
      g_autofree char *extensions = NULL;
      g_autofree char *name = NULL;

      if (formats[i]->read == NULL)
        continue;
      add_format (supported, formats[i]);
      filter = gtk_file_filter_new ();
      add_format (filter, formats[i]);
      extensions = g_strjoinv (", .", (char **) formats[i]->extensions);
      /* TRANSLATORS: a file filter: a format's name, then its extensions: "KML (.kml)" */
      name = g_strdup_printf (_("%s (.%s)"), _(formats[i]->name), extensions);
      gtk_file_filter_set_name (filter, name);
      g_list_store_append (filters, filter);
    }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, all);
  return G_LIST_MODEL (filters);
}

/*
 * Progress
 */

static gboolean
poll_progress_cb (gpointer data)
{
  SitmapWindow *self = data;

  if (self->merging)
    gtk_progress_bar_pulse (self->progress_bar);
  else if (self->import != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, sitmap_import_get_progress (self->import));
  return G_SOURCE_CONTINUE;
}

static gboolean
show_progress_cb (gpointer data)
{
  SitmapWindow *self = data;

  self->progress_show_id = 0;
  poll_progress_cb (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->progress_poll_id = g_timeout_add (PROGRESS_POLL_MS, poll_progress_cb, self);
  return G_SOURCE_REMOVE;
}

static void
set_progress_label (SitmapWindow *self, GFile *file, gboolean merging)
{
  g_autofree char *name = _sitmap_window_dup_display_name (file);
  g_autofree char *label = NULL;

  if (merging)
    /* TRANSLATORS: in the progress strip, while the events read are added to the document */
    label = g_strdup_printf (_("Adding the events of “%s”…"), name);
  else if (self->read_mode == SITMAP_WINDOW_READ_IMPORT)
    /* TRANSLATORS: in the progress strip; %s is a file's name */
    label = g_strdup_printf (_("Importing “%s”…"), name);
  else
    /* TRANSLATORS: in the progress strip; %s is a file's name */
    label = g_strdup_printf (_("Opening “%s”…"), name);
  gtk_label_set_text (self->progress_label, label);
}

static void
start_progress (SitmapWindow *self, GFile *file)
{
  g_clear_handle_id (&self->progress_show_id, g_source_remove);
  g_clear_handle_id (&self->progress_poll_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_progress_label (self, file, FALSE);
  self->progress_show_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");
}

static void
stop_progress (SitmapWindow *self)
{
  g_clear_handle_id (&self->progress_show_id, g_source_remove);
  g_clear_handle_id (&self->progress_poll_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

/* The read is over, whatever came of it: the window is as it was but for what the read committed. */
static void
end_read (SitmapWindow *self)
{
  if (self->merge_document != NULL)
    g_signal_handlers_disconnect_by_data (self->merge_document, &self->merge_stale);
  g_clear_object (&self->merge_document);
  self->merging = FALSE;
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading_file);
  g_clear_pointer (&self->import, sitmap_import_unref);
  stop_progress (self);
  /* Undo and Redo come back */
  _sitmap_window_bind_document (self);
  _sitmap_window_notify_loading (self);
}

static void
cancel_load_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);

  if (self->load_cancellable == NULL)
    return;
  g_queue_clear_full (&self->pending_imports, g_object_unref);
  g_cancellable_cancel (self->load_cancellable);
  end_read (self);
}

gboolean
_sitmap_window_is_merging (SitmapWindow *self)
{
  return self->merging;
}

/*
 * Messages
 */

static void
show_read_error (SitmapWindow *self, GFile *file, SitmapWindowReadMode mode, const GError *error)
{
  g_autofree char *name = _sitmap_window_dup_display_name (file);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (mode == SITMAP_WINDOW_READ_IMPORT)
    /* TRANSLATORS: the heading of the dialog shown when a file cannot be imported */
    heading = g_strdup_printf (_("Could Not Import “%s”"), name);
  else
    /* TRANSLATORS: the heading of the dialog shown when a file cannot be opened */
    heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  body = g_strdup_printf (_("%s\n\nThe document that was open is unchanged."), error->message);

#if ADW_CHECK_VERSION(1, 5, 0)
  {
    AdwDialog *dialog = adw_alert_dialog_new (heading, body);

    adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
    adw_dialog_present (dialog, GTK_WIDGET (self));
  }
#else
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

/* "1,204 events imported; 4 skipped", and for an import into a document the events it already had. */
static char *
dup_summary (SitmapImportReport *report, guint n_duplicates)
{
  g_autofree char *summary = sitmap_import_report_dup_summary (report);

  if (n_duplicates == 0)
    return g_steal_pointer (&summary);
  /* TRANSLATORS: "N events imported; N skipped", then a number of events left out because the document
   * already has an event with the same id */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %'u already in the document",
                                       "%s; %'u already in the document", n_duplicates),
                          summary, n_duplicates);
}

static char *
dup_details (SitmapImportReport *report, guint n_duplicates)
{
  g_autofree char *text = sitmap_import_report_dup_text (report);

  if (n_duplicates == 0)
    return g_steal_pointer (&text);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s%'u event was not imported: the document has an event with its id\n",
                                       "%s%'u events were not imported: the document has events with their ids\n",
                                       n_duplicates),
                          text, n_duplicates);
}

/*
 * Links a file names, followed only when the user asks (from the summary)
 */

static void
show_link_error (SitmapWindow *self, const char *shown, const GError *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Load the Link"), NULL));

  /* TRANSLATORS: a link's address (quoted document text), then what went wrong */
  adw_message_dialog_format_body (dialog, _("%s: %s"), shown, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  SitmapWindow *window;
  char         *shown; /* the link as the summary shows it */
} LinkFetch;

static void
link_fetched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LinkFetch *fetch = user_data;
  SitmapWindow *self = fetch->window;
  g_autoptr (GError) error = NULL;
  gboolean downloaded = FALSE;
  g_autoptr (GFile) file = sitmap_link_fetch_finish (result, &downloaded, &error);

  if (file == NULL)
    show_link_error (self, fetch->shown, error);
  else
    {
      if (downloaded)
        g_ptr_array_add (self->downloads, g_object_ref (file));
      _sitmap_window_read (self, file, SITMAP_WINDOW_READ_IMPORT, NULL);
    }
  g_object_unref (fetch->window);
  g_free (fetch->shown);
  g_free (fetch);
}

/* Relative links lead beside the file that names them. */
static void
import_link_cb (SitmapImportSummaryDialog *dialog, guint index, gpointer user_data)
{
  SitmapWindow *self = user_data;
  SitmapImportReport *report = g_object_get_data (G_OBJECT (dialog), "sitmap-report");
  GFile *base = g_object_get_data (G_OBJECT (dialog), "sitmap-file");
  const char *uri = sitmap_import_report_get_link_uri (report, index);
  LinkFetch *fetch;

  if (uri == NULL)
    return;
  fetch = g_new0 (LinkFetch, 1);
  fetch->window = g_object_ref (self);
  fetch->shown = g_strdup (sitmap_import_report_get_link (report, index, NULL));
  /* TRANSLATORS: a toast while a linked file is loaded; %s is its address */
  {
    g_autofree char *text = g_strdup_printf (_("Loading %s…"), fetch->shown);

    adw_toast_overlay_add_toast (self->toast_overlay, sitmap_plain_toast_new (text));
  }
  sitmap_link_fetch_async (uri, base, 0, NULL, link_fetched_cb, fetch);
}

static void
present_summary (SitmapWindow *self, GFile *file, SitmapImportReport *report, guint n_duplicates)
{
  g_autofree char *summary = dup_summary (report, n_duplicates);
  g_autofree char *text = dup_details (report, n_duplicates);
  SitmapImportSummaryDialog *dialog;

  dialog = sitmap_import_summary_dialog_new (GTK_WINDOW (self), sitmap_import_report_get_display_name (report),
                                             summary, text);
  if (sitmap_import_report_get_n_links (report) > 0)
    {
      g_object_set_data_full (G_OBJECT (dialog), "sitmap-report", g_object_ref (report), g_object_unref);
      if (file != NULL && !_sitmap_window_is_bundled (file))
        g_object_set_data_full (G_OBJECT (dialog), "sitmap-file", g_object_ref (file), g_object_unref);
      sitmap_import_summary_dialog_set_links (dialog, report);
      g_signal_connect_object (dialog, "import-link", G_CALLBACK (import_link_cb), self, G_CONNECT_DEFAULT);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_summary_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);
  SitmapImportReport *report = g_object_get_data (G_OBJECT (self), "sitmap-last-report");

  if (report != NULL)
    present_summary (self, g_object_get_data (G_OBJECT (self), "sitmap-last-file"), report,
                     GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "sitmap-last-duplicates")));
}

/* What was left out (or not fetched) is shown at once, in a dialog to read and copy; otherwise a toast
 * says what came in, with the details a click away. */
static void
report_read (SitmapWindow *self, GFile *file, SitmapImportReport *report, guint n_duplicates, gboolean toast)
{
  g_object_set_data_full (G_OBJECT (self), "sitmap-last-report", g_object_ref (report), g_object_unref);
  g_object_set_data_full (G_OBJECT (self), "sitmap-last-file", g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (self), "sitmap-last-duplicates", GUINT_TO_POINTER (n_duplicates));
  if (sitmap_import_report_get_n_skipped (report) > 0 || sitmap_import_report_get_n_links (report) > 0)
    present_summary (self, file, report, n_duplicates);
  else if (toast)
    {
      g_autofree char *summary = dup_summary (report, n_duplicates);
      /* TRANSLATORS: a toast after an import: a file's name, then "N events imported…" */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), sitmap_import_report_get_display_name (report), summary);
      AdwToast *toast_widget = sitmap_plain_toast_new (text);

      adw_toast_set_button_label (toast_widget, _("_Details"));
      adw_toast_set_action_name (toast_widget, "win.show-import-summary");
      adw_toast_overlay_add_toast (self->toast_overlay, toast_widget);
    }
}

/*
 * The column mapping dialog
 */

/* Which fields the reader cannot do without: a table's point. A GeoJSON feature has its geometry, and
 * asks only for its time, which may be none (the events come in undated). */
static guint
required_fields (SitmapImport *import)
{
  const char *format = sitmap_import_report_get_format_name (sitmap_import_get_report (import));
  const SitmapFormat *geojson = sitmap_format_find ("geojson");

  if (format != NULL && geojson != NULL && g_strcmp0 (format, _(geojson->name)) == 0)
    return 0;
  return 1u << SITMAP_IMPORT_FIELD_LATITUDE | 1u << SITMAP_IMPORT_FIELD_LONGITUDE;
}

static void
mapping_chosen_cb (SitmapMappingDialog *dialog, gpointer user_data)
{
  ReadJob *job = user_data;
  g_autoptr (SitmapImport) import = sitmap_import_new ();

  sitmap_mapping_dialog_apply (dialog, import);
  _sitmap_window_read (job->window, job->file, job->mode, import);
}

/* Cancel leaves things as they were; the files dropped with this one are still imported. */
static void
mapping_closed_cb (SitmapMappingDialog *dialog, gpointer user_data)
{
  ReadJob *job = user_data;

  g_clear_weak_pointer (&job->window->mapping_dialog);
  if (job->window->load_cancellable == NULL)
    start_next_import (job->window);
}

static void
ask_mapping (SitmapWindow *self, ReadJob *job)
{
  g_autofree char *name = _sitmap_window_dup_display_name (job->file);
  SitmapMappingDialog *dialog = sitmap_mapping_dialog_new (GTK_WINDOW (self), name, job->import,
                                                           required_fields (job->import));

  g_signal_connect_data (dialog, "chosen", G_CALLBACK (mapping_chosen_cb), job, NULL, 0);
  g_signal_connect_data (dialog, "destroy", G_CALLBACK (mapping_closed_cb), job, read_job_closure_free, 0);
  g_set_weak_pointer (&self->mapping_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Reading
 */

static gboolean
is_current (ReadJob *job)
{
  return job->cancellable == job->window->load_cancellable && !g_cancellable_is_cancelled (job->cancellable);
}

static void
merge_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ReadJob *job = data;
  SitmapEventStoreMerge *merge = sitmap_event_store_merge (job->document, job->imported);

  sitmap_document_end_reading (job->document);
  g_task_return_pointer (task, merge, (GDestroyNotify) sitmap_event_store_merge_free);
}

static void merge_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* A grade given while the merge read the document makes the merge stale: it runs again. */
static void
document_changed_cb (SitmapDocument *document, guint what, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
start_merge (SitmapWindow *self, ReadJob *job)
{
  g_autoptr (GTask) task = g_task_new (NULL, job->cancellable, merge_done_cb, job);

  if (self->merge_document == NULL)
    {
      self->merge_document = g_object_ref (job->document);
      g_signal_connect (job->document, "changed", G_CALLBACK (document_changed_cb), &self->merge_stale);
    }
  self->merging = TRUE;
  self->merge_stale = FALSE;
  /* Undo and Redo would swap the store the merge reads */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  set_progress_label (self, job->file, TRUE);
  g_task_set_task_data (task, job, NULL);
  /* An edit of events made meanwhile waits for the merge to have read them, then makes it stale */
  sitmap_document_begin_reading (job->document);
  g_task_run_in_thread (task, merge_thread);
}

static void
commit_import (SitmapWindow *self, ReadJob *job, SitmapEventStoreMerge *merge)
{
  g_autofree char *name = _sitmap_window_dup_display_name (job->file);
  SitmapImportReport *report = sitmap_import_get_report (job->import);
  guint n_duplicates = merge->n_duplicates;
  guint n_added = merge->n_added;
  double x0, y0, x1, y1;

  /* A file that brings nothing new changes nothing: no edit to undo, the document as it was */
  if (merge->store != NULL)
    sitmap_undo_stack_push (sitmap_document_get_undo_stack (job->document), sitmap_import_command_new (merge, name));
  else
    sitmap_event_store_merge_free (merge);
  if (n_added > 0 &&
      sitmap_event_store_get_placed_extent (sitmap_document_get_store (job->imported), NULL, 0, &x0, &y0, &x1, &y1))
    _sitmap_window_reveal_box (self, x0, y0, x1, y1);
  sitmap_import_report_set_n_events (report, n_added);
  end_read (self);
  report_read (self, job->file, report, n_duplicates, TRUE);
  start_next_import (self);
}

static void
merge_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ReadJob *job = user_data;
  SitmapWindow *self = job->window;
  g_autoptr (SitmapEventStoreMerge) merge = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled, or another read took over, or the window shows another document now: nothing changes */
  if (!is_current (job) || sitmap_view_state_get_document (self->view_state) != job->document)
    {
      if (job->cancellable == self->load_cancellable)
        end_read (self);
      read_job_free (job);
      return;
    }
  if (self->merge_stale)
    {
      start_merge (self, job);
      return;
    }
  commit_import (self, job, g_steal_pointer (&merge));
  read_job_free (job);
}

/* Whether an import goes into the window's document. Not into the bundled demo as it came: events imported
 * there are the user's own work beginning, and open as a document of their own rather than mix with the
 * demo's (which they could not take out again). Into the demo once the user has changed it, as into any
 * document. */
static gboolean
merges_into (SitmapWindow *self, SitmapDocument *document)
{
  if (document == NULL)
    return FALSE;
  return !_sitmap_window_is_bundled (sitmap_document_get_file (document)) || _sitmap_window_has_unsaved_changes (self);
}

static void
read_done (SitmapWindow *self, ReadJob *job)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);

  if (job->mode == SITMAP_WINDOW_READ_IMPORT && merges_into (self, document))
    {
      job->document = g_object_ref (document);
      start_merge (self, job);
      return;
    }
  _sitmap_window_show_document (self, job->imported);
  end_read (self);
  report_read (self, job->file, sitmap_import_get_report (job->import), 0, job->mode == SITMAP_WINDOW_READ_IMPORT);
  read_job_free (job);
  start_next_import (self);
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ReadJob) job = user_data;
  SitmapWindow *self = job->window;
  g_autoptr (GError) error = NULL;

  job->imported = sitmap_document_load_finish (result, &error);
  if (!is_current (job))
    return;
  if (job->imported != NULL)
    {
      read_done (self, g_steal_pointer (&job));
      return;
    }
  end_read (self);
  if (g_error_matches (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING) &&
      sitmap_import_get_columns (job->import) != NULL)
    {
      ask_mapping (self, g_steal_pointer (&job));
      return;
    }
  g_message ("Could not read %s: %s", g_file_peek_path (job->file) ? g_file_peek_path (job->file) : "document",
             error->message);
  show_read_error (self, job->file, job->mode, error);
  start_next_import (self);
}

void
_sitmap_window_read (SitmapWindow *self, GFile *file, SitmapWindowReadMode mode, SitmapImport *import)
{
  ReadJob *job;

  g_return_if_fail (SITMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      end_read (self);
    }
  self->load_cancellable = g_cancellable_new ();
  g_set_object (&self->loading_file, file);
  self->import = import ? sitmap_import_ref (import) : sitmap_import_new ();
  self->read_mode = mode;
  job = g_new0 (ReadJob, 1);
  job->window = g_object_ref (self);
  job->file = g_object_ref (file);
  job->import = sitmap_import_ref (self->import);
  job->cancellable = g_object_ref (self->load_cancellable);
  job->mode = mode;
  start_progress (self, file);
  _sitmap_window_notify_loading (self);
  sitmap_document_load_async (file, job->import, job->cancellable, read_cb, job);
}

/*
 * Import: the file dialog and dropped files
 */

static void
start_next_import (SitmapWindow *self)
{
  g_autoptr (GFile) file = NULL;

  if (self->load_cancellable != NULL || self->mapping_dialog != NULL)
    return;
  file = g_queue_pop_head (&self->pending_imports);
  if (file != NULL)
    _sitmap_window_read (self, file, SITMAP_WINDOW_READ_IMPORT, NULL);
}

static void
import_files (SitmapWindow *self, GListModel *files)
{
  guint n = files ? g_list_model_get_n_items (files) : 0;

  for (guint i = 0; i < n; i++)
    g_queue_push_tail (&self->pending_imports, g_list_model_get_item (files, i));
  start_next_import (self);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
import_dialog_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapWindow) self = user_data;
  g_autoptr (GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, NULL);

  import_files (self, files);
}
#else
static void
import_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  g_autoptr (SitmapWindow) self = user_data;
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  import_files (self, files);
}
#endif

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);
  g_autoptr (GListModel) filters = _sitmap_window_dup_read_filters ();
  g_autoptr (GtkFileFilter) supported = g_list_model_get_item (filters, 0);
  g_autoptr (GFile) folder = _sitmap_window_dup_dialog_folder (self);

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Import Events"));
  gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_accept_label (dialog, _("_Import"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_default_filter (dialog, supported);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, import_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Import Events"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                              _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr (GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), supported);
  if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL))
    g_debug ("The import dialog starts where GTK chooses");
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

void
sitmap_window_import (SitmapWindow *self, GFile *file)
{
  g_return_if_fail (SITMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_queue_push_tail (&self->pending_imports, g_object_ref (file));
  start_next_import (self);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer user_data)
{
  SitmapWindow *self = user_data;
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = list; l != NULL; l = l->next)
        g_list_store_append (files, l->data);
      g_slist_free (list);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    g_list_store_append (files, g_value_get_object (value));
  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;
  import_files (self, G_LIST_MODEL (files));
  return TRUE;
}

void
_sitmap_window_init_import (SitmapWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  g_queue_init (&self->pending_imports);
  self->downloads = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_sitmap_window_dispose_import (SitmapWindow *self)
{
  g_queue_clear_full (&self->pending_imports, g_object_unref);
  for (guint i = 0; self->downloads != NULL && i < self->downloads->len; i++)
    sitmap_link_remove_download (g_ptr_array_index (self->downloads, i));
  g_clear_pointer (&self->downloads, g_ptr_array_unref);
  if (self->mapping_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->mapping_dialog));
  g_clear_weak_pointer (&self->mapping_dialog);
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      end_read (self);
    }
}

void
_sitmap_window_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.show-import-summary", NULL, show_summary_action);
}
