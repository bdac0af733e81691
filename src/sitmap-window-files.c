/* sitmap-window-files.c: opening, saving, undoing, and never losing unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-document-io.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window-private.h"

/* What to do once a save has finished, or once the user chose where to save. */
typedef struct
{
  SitmapWindow    *window;
  GFile           *file;
  gboolean         switch_file; /* a "Save As": the document lives in the new file from now on */
  guint            serial;      /* the history when the save began */
  gboolean         watched;     /* the file watch is held while the document's own file is written */
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
 * Questions
 */

typedef void (*AnswerFunc) (SitmapWindow *self, const char *response, gpointer data);

typedef struct
{
  SitmapWindow  *window;
  AnswerFunc     func;
  gpointer       data;
  GDestroyNotify destroy;
} Question;

static void
question_free (gpointer data, GClosure *closure)
{
  Question *question = data;

  if (question->destroy != NULL)
    question->destroy (question->data);
  g_object_unref (question->window);
  g_free (question);
}

static void
answered_cb (GtkWidget *dialog, const char *response, gpointer user_data)
{
  Question *question = user_data;

  question->func (question->window, response, question->data);
}

/* A message over the window (AdwAlertDialog from libadwaita 1.5, else AdwMessageDialog) with responses given
 * as id, label, appearance (AdwResponseAppearance) triples ending in NULL, in the order shown.
 * close_response is what Escape answers. Returns the dialog. */
static GtkWidget *
ask_user (SitmapWindow *self, const char *heading, const char *body, const char *default_response,
          const char *close_response, AnswerFunc func, gpointer data, GDestroyNotify destroy, const char *first_id, ...)
{
  Question *question = g_new0 (Question, 1);
  const char *id = first_id;
  va_list args;
#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);
#else
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
#endif

  va_start (args, first_id);
  while (id != NULL)
    {
      const char *label = va_arg (args, const char *);
      AdwResponseAppearance appearance = va_arg (args, AdwResponseAppearance);

#if ADW_CHECK_VERSION(1, 5, 0)
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), id, label);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), id, appearance);
#else
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), id, appearance);
#endif
      id = va_arg (args, const char *);
    }
  va_end (args);
  question->window = g_object_ref (self);
  question->func = func;
  question->data = data;
  question->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (answered_cb), question, question_free, 0);
#if ADW_CHECK_VERSION(1, 5, 0)
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), default_response);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), close_response);
  adw_dialog_present (dialog, GTK_WIDGET (self));
  return GTK_WIDGET (dialog);
#else
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), default_response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), close_response);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
#endif
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
      g_autofree char *basename = g_file_get_basename (file);
      char *dot = strrchr (basename, '.');

      /* "events.csv" is saved as "events.kml" */
      if (dot != NULL && dot != basename)
        *dot = '\0';
      g_free (name);
      name = g_strconcat (basename, ".kml", NULL);
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

static void save (SitmapWindow *self, gboolean ask, SitmapWindowThen then, gpointer data, GDestroyNotify destroy);

static void
failed_answer (SitmapWindow *self, const char *response, gpointer data)
{
  if (g_strcmp0 (response, "save-as") == 0)
    save (self, TRUE, NULL, NULL, NULL);
}

/* Nothing was lost: the file is as it was, the document still unsaved. The user is told why in words, and
 * offered another place. */
static void
show_save_failure (SitmapWindow *self, const GError *error)
{
  g_autofree char *body = NULL;

  /* TRANSLATORS: why a save failed ("The disk is full: “a.kml” was not changed."), then what to do */
  body = g_strdup_printf (_("%s\n\nYour changes are still here, unsaved: try again once that is put right, or "
                            "save them somewhere else."), error->message);
  ask_user (self, _("Could Not Save"), body, "save-as", "close", failed_answer, NULL, NULL,
            "close", _("_Close"), ADW_RESPONSE_DEFAULT,
            "save-as", _("Save _As…"), ADW_RESPONSE_SUGGESTED, NULL);
}

/* Said when the document did not come from Sitmap's own KML: its file was left alone. */
static char *
dup_saved_message (SitmapDocument *document, SaveRequest *request, gboolean was_native)
{
  g_autofree char *name = _sitmap_window_dup_display_name (request->file);
  GFile *origin = sitmap_document_get_file (document);

  if (!request->switch_file || was_native || origin == NULL || _sitmap_window_is_bundled (origin))
    /* TRANSLATORS: a toast, %s is a file name */
    return g_strdup_printf (_("Saved “%s”"), name);
  /* TRANSLATORS: a toast after saving a document read from another format (a table, GeoJSON) or from
   * another program's KML; %s is the new file's name */
  return g_strdup_printf (_("Saved as KML: “%s”"), name);
}

static void
save_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;
  SitmapWindow *self = request->window;
  SitmapDocument *document = SITMAP_DOCUMENT (source);
  SitmapUndoStack *stack = sitmap_document_get_undo_stack (document);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean was_native = sitmap_document_is_native (document);

  if (request->watched)
    sitmap_file_watch_release (self->file_watch);
  if (!sitmap_document_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_save_failure (self, error);
      return;
    }

  message = dup_saved_message (document, request, was_native);
  if (request->switch_file)
    {
      sitmap_document_set_file (document, request->file);
      sitmap_document_set_native (document, TRUE);
      _sitmap_window_remember_document (self, request->file);
    }
  /* Edits made while the file was written are not in it: the document stays unsaved. */
  if (request->serial == self->history_serial)
    sitmap_undo_stack_mark_saved (stack);
  else
    sitmap_undo_stack_mark_modified (stack);
  _sitmap_window_update_title (self);
  {
    AdwToast *toast = sitmap_plain_toast_new (message);

    /* What the user just asked for, said now, not after older toasts */
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
  if (request->then != NULL)
    request->then (self, request->then_data);
}

static void
save_to (SaveRequest *request)
{
  SitmapWindow *self = request->window;
  SitmapDocument *document = get_document (self);
  GFile *watched = self->file_watch ? sitmap_file_watch_get_file (self->file_watch) : NULL;

  request->serial = self->history_serial;
  /* Sitmap's own write is not another program's change */
  request->watched = watched != NULL && g_file_equal (watched, request->file);
  if (request->watched)
    sitmap_file_watch_hold (self->file_watch);
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
confirmation_answer (SitmapWindow *self, const char *response, gpointer data)
{
  SaveRequest *next = data;

  if (g_strcmp0 (response, "save") == 0)
    {
      save (self, FALSE, next->then, next->then_data, next->then_destroy);
      next->then_destroy = NULL;
    }
  else if (g_strcmp0 (response, "discard") == 0)
    next->then (self, next->then_data);
}

void
_sitmap_window_confirm_discard (SitmapWindow *self, SitmapWindowThen then, gpointer data, GDestroyNotify destroy)
{
  SitmapDocument *document = get_document (self);
  g_autofree char *heading = NULL;

  if (!_sitmap_window_has_unsaved_changes (self))
    {
      then (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  /* TRANSLATORS: %s is the document's title */
  heading = g_strdup_printf (_("Save Changes to “%s”?"), sitmap_document_get_title (document));
  ask_user (self, heading, _("Your edits to this document will be lost if you don’t save them."), "save", "cancel",
            confirmation_answer, save_request_new (self, then, data, destroy), (GDestroyNotify) save_request_free,
            "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT,
            "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE,
            "save", _("_Save"), ADW_RESPONSE_SUGGESTED, NULL);
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
  self->history_serial++;
  update_actions (self);
  _sitmap_window_update_title (self);
}

/*
 * The file, changed by another program
 */

static void
file_changed_answer (SitmapWindow *self, const char *response, gpointer data)
{
  SitmapDocument *document = get_document (self);

  if (document == NULL)
    return;
  if (g_strcmp0 (response, "reload") == 0)
    _sitmap_window_read (self, sitmap_document_get_file (document), SITMAP_WINDOW_READ_OPEN, NULL);
  else
    /* Kept: the file is not what the window shows, and the next save replaces it. */
    sitmap_undo_stack_mark_modified (sitmap_document_get_undo_stack (document));
}

static void
file_changed_cb (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* One question at a time: Reload reads the file as it is when answered. */
  if (document == NULL || self->changed_dialog != NULL || sitmap_document_get_file (document) == NULL)
    return;
  name = _sitmap_window_dup_display_name (sitmap_document_get_file (document));
  /* TRANSLATORS: %s is a file name */
  heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
  if (_sitmap_window_has_unsaved_changes (self))
    dialog = ask_user (self, heading,
                       _("Another program changed this file, and you have unsaved changes. Reload it and lose "
                         "your changes, or keep yours: saving will then replace the other program’s version."),
                       "keep", "keep", file_changed_answer, NULL, NULL,
                       "reload", _("_Discard Mine and Reload"), ADW_RESPONSE_DESTRUCTIVE,
                       "keep", _("_Keep Mine"), ADW_RESPONSE_SUGGESTED, NULL);
  else
    dialog = ask_user (self, heading,
                       _("Another program changed this file. Reload it to see the changes, or keep the version "
                         "shown here: saving will then replace the other program’s version."),
                       "reload", "keep", file_changed_answer, NULL, NULL,
                       "keep", _("_Keep Mine"), ADW_RESPONSE_DEFAULT,
                       "reload", _("_Reload"), ADW_RESPONSE_SUGGESTED, NULL);
  g_set_weak_pointer (&self->changed_dialog, dialog);
}

static void
watch_document_file (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);
  GFile *file = document ? sitmap_document_get_file (document) : NULL;
  GFile *watched = sitmap_file_watch_get_file (self->file_watch);

  if (file != NULL && _sitmap_window_is_bundled (file))
    file = NULL;
  if (file == watched || (file != NULL && watched != NULL && g_file_equal (file, watched)))
    return;
  sitmap_file_watch_set_file (self->file_watch, file);
}

static void
document_file_changed_cb (SitmapWindow *self)
{
  watch_document_file (self);
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
      g_signal_connect_swapped (document, "notify::file", G_CALLBACK (document_file_changed_cb), self);
    }
  if (self->recovery == NULL)
    self->recovery = sitmap_recovery_new (NULL);
  /* The previous document was saved or knowingly dropped before it was replaced: its changes go. */
  sitmap_recovery_set_document (self->recovery, document);
  if (self->file_watch == NULL)
    {
      self->file_watch = sitmap_file_watch_new ();
      g_signal_connect_swapped (self->file_watch, "changed", G_CALLBACK (file_changed_cb), self);
    }
  watch_document_file (self);
  history_changed_cb (self);
}

/*
 * Changes a crash left
 */

static void offer_next (SitmapWindow *self);

static void
restored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapWindow) self = user_data;
  SitmapRecoveryEntry *entry = SITMAP_RECOVERY_ENTRY (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = sitmap_recovery_entry_load_finish (entry, result, &error);
  g_autofree char *message = NULL;
  SitmapWindow *target = self;

  self->offering = FALSE;
  if (document == NULL)
    {
      /* TRANSLATORS: a toast; why the changes could not be read back */
      message = g_strdup_printf (_("The unsaved changes could not be restored: %s"), error->message);
      _sitmap_window_show_toast (self, message);
      offer_next (self);
      return;
    }
  /* Never over edits of this window's own */
  if (_sitmap_window_has_unsaved_changes (self) || sitmap_window_get_loading (self))
    {
      target = sitmap_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_present (GTK_WINDOW (target));
    }
  _sitmap_window_show_document (target, document);
  sitmap_recovery_set_restored_document (target->recovery, document, entry);
  /* TRANSLATORS: a toast; %s is the document's title */
  message = g_strdup_printf (_("Restored the unsaved changes to “%s”"), sitmap_document_get_title (document));
  _sitmap_window_show_toast (target, message);
  offer_next (self);
}

static void
recovery_answer (SitmapWindow *self, const char *response, gpointer data)
{
  SitmapRecoveryEntry *entry = data;

  if (g_strcmp0 (response, "restore") == 0)
    {
      sitmap_recovery_entry_load_async (entry, NULL, restored_cb, g_object_ref (self));
      return;
    }
  /* Escape leaves them for the next start */
  if (g_strcmp0 (response, "discard") == 0)
    sitmap_recovery_entry_discard (entry);
  self->offering = FALSE;
  offer_next (self);
}

/* "16:42" today, else "6 December 16:42" */
static char *
format_when (GDateTime *time)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (time);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  /* TRANSLATORS: when unsaved changes were kept, on another day than today; see g_date_time_format() */
  text = g_date_time_format (local, _("%e %B %H:%M"));
  return g_strdup (g_strstrip (text));
}

static void
offer_next (SitmapWindow *self)
{
  g_autoptr (SitmapRecoveryEntry) entry = NULL;
  GFile *file;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;

  if (self->offering || g_queue_is_empty (&self->recovery_offers) || sitmap_window_get_loading (self))
    return;
  entry = g_queue_pop_head (&self->recovery_offers);
  file = sitmap_recovery_entry_get_file (entry);
  name = file ? _sitmap_window_dup_display_name (file) : g_strdup (sitmap_recovery_entry_get_title (entry));
  when = format_when (sitmap_recovery_entry_get_time (entry));
  /* TRANSLATORS: %s is a file name (or a document's title), then a time ("16:42") */
  body = g_strdup_printf (_("Sitmap ended before your changes to “%s” were saved. Restore them as they were at %s?"),
                          name, when);
  self->offering = TRUE;
  ask_user (self, _("Restore Unsaved Changes?"), body, "restore", "later", recovery_answer,
            g_object_ref (entry), g_object_unref,
            "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE,
            "restore", _("_Restore"), ADW_RESPONSE_SUGGESTED, NULL);
}

static gboolean
offer_idle_cb (gpointer data)
{
  offer_next (data);
  return G_SOURCE_REMOVE;
}

void
sitmap_window_offer_recovery (SitmapWindow *self)
{
  g_autoptr (GPtrArray) entries = NULL;

  g_return_if_fail (SITMAP_IS_WINDOW (self));

  entries = sitmap_recovery_entry_find_all (NULL);
  for (guint i = 0; i < entries->len; i++)
    g_queue_push_tail (&self->recovery_offers, g_object_ref (g_ptr_array_index (entries, i)));
  if (g_queue_is_empty (&self->recovery_offers))
    return;
  /* Once the document being opened is in, never before (the window's caller opens it next): Restore may
   * then take its place. */
  g_signal_handlers_disconnect_by_func (self, offer_next, self);
  g_signal_connect (self, "notify::loading", G_CALLBACK (offer_next), self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, offer_idle_cb, g_object_ref (self), g_object_unref);
}

SitmapRecovery *
sitmap_window_get_recovery (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->recovery;
}

void
_sitmap_window_close_files (SitmapWindow *self)
{
  if (self->recovery != NULL)
    sitmap_recovery_close (self->recovery);
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
  /* Not closed (sitmap_window_close_request): the changes stay on disk, as after a crash. */
  g_clear_object (&self->recovery);
  if (self->file_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->file_watch, self);
  g_clear_object (&self->file_watch);
  g_clear_weak_pointer (&self->changed_dialog);
  g_queue_clear_full (&self->recovery_offers, g_object_unref);
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
