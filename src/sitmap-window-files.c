/* sitmap-window-files.c: opening, saving, undoing, and never losing unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-io.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window-private.h"

/* What to do once a save has finished, or once the user chose where to save. */
typedef struct
{
  SitmapWindow    *window;
  GFile           *file;
  gboolean         switch_file; /* a "Save As": the document lives in the new file from now on */
  SitmapWindowThen then;        /* after a successful save, or NULL */
  gpointer         then_data;
  GDestroyNotify   then_destroy;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->file);
  if (request->then_destroy != NULL)
    request->then_destroy (request->then_data);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveRequest, save_request_free)

static SaveRequest *
save_request_new (SitmapWindow *self, SitmapWindowThen then, gpointer data, GDestroyNotify destroy)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);

  request->window = g_object_ref (self);
  request->then = then;
  request->then_data = data;
  request->then_destroy = destroy;
  return request;
}

static SitmapDocument *
get_document (SitmapWindow *self)
{
  return sitmap_view_state_get_document (self->view_state);
}

gboolean
_sitmap_window_has_unsaved_changes (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);

  return document != NULL && sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (document));
}

/*
 * File dialogs
 */

static GListModel *
kml_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr (GtkFileFilter) kml = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (kml, _("KML documents"));
  gtk_file_filter_add_mime_type (kml, "application/vnd.google-earth.kml+xml");
  gtk_file_filter_add_suffix (kml, "kml");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, kml);
  g_list_store_append (filters, all);
  return G_LIST_MODEL (filters);
}

/* Where a file dialog starts: the folder of the document's file; for the bundled demo or a document
 * with no file of its own, the user's documents folder, or their home. Never GTK 4.8's default,
 * "Recent", which is no folder: there a typed name searches the recent files and a typed ./path is read
 * from Sitmap's working folder, so Enter opens nothing (or says the file does not exist). */
GFile *
_sitmap_window_dup_dialog_folder (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);
  GFile *file = document != NULL ? sitmap_document_get_file (document) : NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (file != NULL && !_sitmap_window_is_bundled (file) && g_file_is_native (file))
    {
      g_autoptr (GFile) parent = g_file_get_parent (file);

      if (parent != NULL && g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        return g_steal_pointer (&parent);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void save_to (SaveRequest *request);

#if GTK_CHECK_VERSION(4, 10, 0)
static void
open_dialog_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapWindow) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    sitmap_window_open (self, file);
}

static void
save_dialog_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;

  request->file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  if (request->file != NULL)
    save_to (g_steal_pointer (&request));
}
#else
/* The filters, the first chosen, and the folder to start in. */
static void
set_up_native (SitmapWindow *self, GtkFileChooser *chooser, GListModel *filters)
{
  g_autoptr (GFile) folder = _sitmap_window_dup_dialog_folder (self);
  g_autoptr (GtkFileFilter) first = g_list_model_get_item (filters, 0);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr (GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (chooser, filter);
    }
  gtk_file_chooser_set_filter (chooser, first);
  if (!gtk_file_chooser_set_current_folder (chooser, folder, &error))
    g_debug ("The file dialog starts where GTK chooses: %s", error->message);
}

static void
open_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  g_autoptr (SitmapWindow) self = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  if (file != NULL)
    sitmap_window_open (self, file);
}

static void
save_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    request->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  if (request->file != NULL)
    save_to (g_steal_pointer (&request));
}
#endif

/* A name for the new file: the document's title, which is what people call it. */
static char *
suggest_name (SitmapDocument *document)
{
  g_autofree char *name = g_strdup_printf ("%s.kml", sitmap_document_get_title (document));
  GFile *file = sitmap_document_get_file (document);

  /* "events.kml" rather than "events.kml.kml" for a document titled by its file's name */
  if (file != NULL && sitmap_document_get_own_title (document) == NULL)
    {
      g_free (name);
      name = g_file_get_basename (file);
      if (!g_str_has_suffix (name, ".kml"))
        {
          char *with_suffix = g_strconcat (name, ".kml", NULL);

          g_free (name);
          name = with_suffix;
        }
    }
  g_strdelimit (name, "/\\:", '-');
  return g_steal_pointer (&name);
}

/* Asks where to save; request->switch_file is set: the document moves to the chosen file. */
static void
ask_where_to_save (SaveRequest *request)
{
  SitmapWindow *self = request->window;
  g_autofree char *name = suggest_name (get_document (self));
  g_autoptr (GListModel) filters = kml_filters ();

  request->switch_file = TRUE;
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr (GFile) folder = _sitmap_window_dup_dialog_folder (self);
    g_autoptr (GtkFileFilter) kml = g_list_model_get_item (filters, 0);

    gtk_file_dialog_set_title (dialog, _("Save Document"));
    gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_set_filters (dialog, filters);
    gtk_file_dialog_set_default_filter (dialog, kml);
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_cb, request);
  }
#else
  {
    GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Save Document"), GTK_WINDOW (self),
                                                                GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                                _("_Cancel"));

    set_up_native (self, GTK_FILE_CHOOSER (native), filters);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    g_signal_connect (native, "response", G_CALLBACK (save_response_cb), request);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

/*
 * Saving
 */

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;
  SitmapWindow *self = request->window;
  SitmapDocument *document = SITMAP_DOCUMENT (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = _sitmap_window_dup_display_name (request->file);
  g_autofree char *message = NULL;

  if (!sitmap_document_save_finish (result, &error))
    {
      /* TRANSLATORS: a toast; %s is a file name, then why it could not be saved */
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      _sitmap_window_show_toast (self, message);
      return;
    }

  if (request->switch_file)
    {
      sitmap_document_set_file (document, request->file);
      sitmap_document_set_native (document, TRUE);
      _sitmap_window_remember_document (self, request->file);
    }
  sitmap_undo_stack_mark_saved (sitmap_document_get_undo_stack (document));
  _sitmap_window_update_title (self);
  /* TRANSLATORS: a toast, %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), name);
  _sitmap_window_show_toast (self, message);
  if (request->then != NULL)
    request->then (self, request->then_data);
}

static void
save_to (SaveRequest *request)
{
  SitmapDocument *document = get_document (request->window);

  sitmap_document_save_async (document, request->file, NULL, save_cb, request);
}

/* A document goes back to its own file only when Sitmap wrote that file: writing another program's
 * KML over itself would drop what Sitmap does not read. The bundled demo is read-only. */
static gboolean
can_save_in_place (SitmapDocument *document)
{
  GFile *file = sitmap_document_get_file (document);

  return file != NULL && sitmap_document_is_native (document) && !_sitmap_window_is_bundled (file);
}

static void
save (SitmapWindow *self, gboolean ask, SitmapWindowThen then, gpointer data, GDestroyNotify destroy)
{
  SitmapDocument *document = get_document (self);
  SaveRequest *request;

  if (document == NULL)
    return;
  request = save_request_new (self, then, data, destroy);
  if (ask || !can_save_in_place (document))
    {
      ask_where_to_save (request);
      return;
    }
  request->file = g_object_ref (sitmap_document_get_file (document));
  save_to (request);
}

/*
 * Unsaved changes
 */

static void
confirmation_response (SitmapWindow *self, const char *response, SaveRequest *next)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      save (self, FALSE, next->then, next->then_data, next->then_destroy);
      next->then_destroy = NULL;
    }
  else if (g_strcmp0 (response, "discard") == 0)
    next->then (self, next->then_data);
  save_request_free (next);
}

#if ADW_CHECK_VERSION(1, 5, 0)
static void
confirm_response_cb (AdwAlertDialog *dialog, const char *response, gpointer user_data)
{
  SaveRequest *next = user_data;

  confirmation_response (next->window, response, next);
}
#else
static void
confirm_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  SaveRequest *next = user_data;

  confirmation_response (next->window, response, next);
}
#endif

void
_sitmap_window_confirm_discard (SitmapWindow *self, SitmapWindowThen then, gpointer data, GDestroyNotify destroy)
{
  SitmapDocument *document = get_document (self);
  g_autofree char *heading = NULL;
  const char *body = _("Your edits to this document will be lost if you don’t save them.");
  SaveRequest *next;

  if (!_sitmap_window_has_unsaved_changes (self))
    {
      then (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  next = save_request_new (self, then, data, destroy);
  /* TRANSLATORS: %s is the document's title */
  heading = g_strdup_printf (_("Save Changes to “%s”?"), sitmap_document_get_title (document));
#if ADW_CHECK_VERSION(1, 5, 0)
  {
    AdwDialog *dialog = adw_alert_dialog_new (heading, body);

    adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
    adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
    adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
    adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "save");
    adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
    g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), next);
    adw_dialog_present (dialog, GTK_WIDGET (self));
  }
#else
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "discard", _("_Discard"),
                                      "save", _("_Save"), NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), next);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

/*
 * Following the document's history
 */

static void
update_actions (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);
  SitmapUndoStack *stack = document ? sitmap_document_get_undo_stack (document) : NULL;

  gboolean merging = _sitmap_window_is_merging (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 stack && sitmap_undo_stack_can_undo (stack) && !merging);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 stack && sitmap_undo_stack_can_redo (stack) && !merging);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", document != NULL);
}

static void
history_changed_cb (SitmapWindow *self)
{
  update_actions (self);
  _sitmap_window_update_title (self);
}

void
_sitmap_window_bind_document (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);

  if (self->bound_document != NULL)
    {
      g_signal_handlers_disconnect_by_data (sitmap_document_get_undo_stack (self->bound_document), self);
      g_signal_handlers_disconnect_by_data (self->bound_document, self);
    }
  g_set_object (&self->bound_document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (sitmap_document_get_undo_stack (document), "notify", G_CALLBACK (history_changed_cb),
                                self);
      g_signal_connect_swapped (document, "notify::file", G_CALLBACK (_sitmap_window_update_title), self);
    }
  history_changed_cb (self);
}

void
_sitmap_window_dispose_files (SitmapWindow *self)
{
  if (self->bound_document != NULL)
    {
      g_signal_handlers_disconnect_by_data (sitmap_document_get_undo_stack (self->bound_document), self);
      g_signal_handlers_disconnect_by_data (self->bound_document, self);
    }
  g_clear_object (&self->bound_document);
}

/*
 * Actions
 */

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr (GListModel) filters = _sitmap_window_dup_read_filters ();
  g_autoptr (GtkFileFilter) kml = g_list_model_get_item (filters, 0);
  g_autoptr (GFile) folder = _sitmap_window_dup_dialog_folder (self);

  gtk_file_dialog_set_title (dialog, _("Open Document"));
  gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_default_filter (dialog, kml);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Open Document"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                              _("_Cancel"));

  g_autoptr (GListModel) filters = _sitmap_window_dup_read_filters ();

  set_up_native (self, GTK_FILE_CHOOSER (native), filters);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save (SITMAP_WINDOW (widget), FALSE, NULL, NULL, NULL);
}

static void
save_as_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save (SITMAP_WINDOW (widget), TRUE, NULL, NULL, NULL);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapDocument *document = get_document (SITMAP_WINDOW (widget));

  if (document != NULL && !_sitmap_window_is_merging (SITMAP_WINDOW (widget)))
    sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document));
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapDocument *document = get_document (SITMAP_WINDOW (widget));

  if (document != NULL && !_sitmap_window_is_merging (SITMAP_WINDOW (widget)))
    sitmap_undo_stack_redo (sitmap_document_get_undo_stack (document));
}

void
_sitmap_window_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
}
