/* sitmap-window-edit.c: new events, deleting them, pasting a link, and the form's requests of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-event-command.h"
#include "sitmap-undo-stack.h"
#include "sitmap-url-citation.h"
#include "sitmap-window-private.h"

/* A draft that clears itself. */
typedef SitmapEventDraft SitmapWindowDraft;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitmapWindowDraft, sitmap_event_draft_clear)

/*
 * Auxiliary methods
 */

static SitmapDocument *
get_document (SitmapWindow *self)
{
  return sitmap_view_state_get_document (self->view_state);
}

static void
push (SitmapWindow *self, SitmapCommand *command)
{
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (get_document (self)), command);
}

/* A new event's draft: a title to type over, dated today (to the day, UTC), at no place. */
static void
init_new_draft (SitmapEventDraft *draft)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  sitmap_event_draft_init (draft);
  draft->title = g_strdup (_("New event"));
  sitmap_time_init_instant (&draft->time, today, NULL);
  draft->location_precision = SITMAP_LOCATION_PRECISION_NONE;
}

/* Pushes the command that adds an event, selects the event and opens it in the form, its title ready to
 * be typed over. */
static void
add_and_edit (SitmapWindow *self, SitmapCommand *command)
{
  const char *id;

  push (self, command);
  id = sitmap_event_command_get_id (SITMAP_EVENT_COMMAND (command));
  _sitmap_window_set_sidebar_shown (self, TRUE);
  sitmap_sidebar_edit_event (self->sidebar, id);
  sitmap_event_form_set_new (sitmap_sidebar_get_event_form (self->sidebar), TRUE);
  sitmap_event_form_focus_title (sitmap_sidebar_get_event_form (self->sidebar));
}

static void
new_event (SitmapWindow *self, double latitude, double longitude)
{
  g_auto (SitmapWindowDraft) draft = { 0 };
  g_autoptr (SitmapCommand) command = NULL;

  if (get_document (self) == NULL)
    return;
  init_new_draft (&draft);
  if (sitmap_coordinates_valid (latitude, longitude))
    {
      draft.latitude = latitude;
      draft.longitude = longitude;
      draft.location_precision = SITMAP_LOCATION_PRECISION_EXACT;
    }
  command = sitmap_event_command_new_add (get_document (self), &draft);
  add_and_edit (self, command);
}

/*
 * New and delete
 */

static void
new_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  new_event (SITMAP_WINDOW (widget), NAN, NAN);
}

/* "New event here", from the map's context menu: (latitude, longitude). */
static void
new_event_at_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  double latitude, longitude;

  g_variant_get (parameter, "(dd)", &latitude, &longitude);
  if (!sitmap_coordinates_valid (latitude, longitude))
    {
      g_warning ("No event can be made at %g, %g: not a place on Earth", latitude, longitude);
      return;
    }
  new_event (SITMAP_WINDOW (widget), latitude, longitude);
}

/* The events to delete: those picked in the events list when it has several, else the selection. */
static GPtrArray *
dup_ids_to_delete (SitmapWindow *self)
{
  SitmapDocument *document = get_document (self);
  SitmapEventsPanel *panel = sitmap_sidebar_get_events_panel (self->sidebar);
  g_autofree guint32 *positions = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  gint selected = sitmap_view_state_get_selected (self->view_state);
  guint n = 0;

  positions = sitmap_events_panel_dup_selected_positions (panel, &n);
  if (n > 1)
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (ids, g_strdup (sitmap_event_store_get_id (sitmap_document_get_store (document), positions[i])));
  else if (selected >= 0)
    g_ptr_array_add (ids, g_strdup (sitmap_event_store_get_id (sitmap_document_get_store (document), selected)));
  return ids;
}

/* No question asked: the toast's Undo brings them back. */
static void
delete_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (SitmapCommand) command = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (get_document (self) == NULL || (ids = dup_ids_to_delete (self))->len == 0)
    return;
  command = sitmap_event_command_new_delete (get_document (self), (const char *const *) ids->pdata, ids->len);
  sitmap_view_state_set_selected (self->view_state, -1);
  push (self, command);
  text = ids->len == 1 ? g_strdup (_("Event deleted"))
                       : g_strdup_printf (ngettext ("%u event deleted", "%u events deleted", ids->len), ids->len);
  toast = sitmap_plain_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_edit_actions (SitmapWindow *self)
{
  gboolean has_document = get_document (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-event", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-event-at", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-event",
                                 has_document && sitmap_view_state_get_selected (self->view_state) >= 0);
}

/*
 * Pasting a link
 */

static void
cite_link (SitmapWindow *self, const char *url)
{
  SitmapDocument *document = get_document (self);
  gint selected = sitmap_view_state_get_selected (self->view_state);
  g_auto (SitmapWindowDraft) draft = { 0 };
  g_autoptr (SitmapSource) source = NULL;
  g_autoptr (SitmapCommand) command = NULL;
  SitmapCitationDraft citation = { 0 };

  if (selected < 0 || !sitmap_url_citation_init (&citation, document, url, &source))
    return;
  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, selected, &draft);
  sitmap_event_draft_take_citation (&draft, &citation);
  command = sitmap_event_command_new_edit (document, draft.id, &draft, _("Add Citation"), NULL);
  if (source != NULL)
    sitmap_event_command_add_source (SITMAP_EVENT_COMMAND (command), source);
  push (self, command);
  sitmap_view_state_set_selected (self->view_state, sitmap_document_find_event (document, draft.id));
  _sitmap_window_show_toast (self, _("Citation added"));
}

static void
new_event_from_link (SitmapWindow *self, const char *url)
{
  SitmapDocument *document = get_document (self);
  g_auto (SitmapWindowDraft) draft = { 0 };
  g_autoptr (SitmapSource) source = NULL;
  g_autoptr (SitmapCommand) command = NULL;
  SitmapCitationDraft citation = { 0 };

  if (!sitmap_url_citation_init (&citation, document, url, &source))
    return;
  init_new_draft (&draft);
  sitmap_event_draft_take_citation (&draft, &citation);
  command = sitmap_event_command_new_add (document, &draft);
  if (source != NULL)
    sitmap_event_command_add_source (SITMAP_EVENT_COMMAND (command), source);
  add_and_edit (self, command);
}

static void
paste_response_cb (AdwMessageDialog *dialog, const char *response, SitmapWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "url");

  if (g_strcmp0 (response, "cite") == 0)
    cite_link (self, url);
  else if (g_strcmp0 (response, "new") == 0)
    new_event_from_link (self, url);
}

/* A link pasted on the window: a citation for the selected event, or a new event citing it. */
static void
offer_link (SitmapWindow *self, const char *url)
{
  g_autoptr (SitmapEvent) event = sitmap_view_state_dup_selected_event (self->view_state);
  g_autofree char *shown = sitmap_text_cut (url, 200);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Use This Link?"), shown);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_response (message, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (message, "new", _("_New Event from Link"));
  if (event != NULL)
    {
      g_autofree char *title = sitmap_text_cut (sitmap_event_get_title (event), 60);
      /* TRANSLATORS: a button that cites a pasted link in the selected event, "Add as Citation to “Sukhna”" */
      g_autofree char *cite = g_strdup_printf (_("_Add as Citation to “%s”"), title);

      adw_message_dialog_add_response (message, "cite", cite);
      adw_message_dialog_set_response_appearance (message, "cite", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (message, "cite");
    }
  else
    {
      adw_message_dialog_set_response_appearance (message, "new", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (message, "new");
    }
  adw_message_dialog_set_close_response (message, "cancel");
  /* The address is the dialog's body, as plain text: it came from the clipboard. */
  adw_message_dialog_set_body_use_markup (message, FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "url", g_strdup (url), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (paste_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
paste_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  if (text == NULL || get_document (self) == NULL)
    return;
  g_strstrip (text);
  if (sitmap_url_citation_parse (text, NULL))
    offer_link (self, text);
}

/* Ctrl+V that no text entry took. */
static void
paste_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, paste_read_cb, g_object_ref (widget));
}

/*
 * The form's requests of the map
 */

static gboolean
remove_controller_cb (gpointer data)
{
  GtkEventController *controller = data;
  GtkWidget *widget = gtk_event_controller_get_widget (controller);

  if (widget != NULL)
    gtk_widget_remove_controller (widget, controller);
  return G_SOURCE_REMOVE;
}

/* The press is claimed, so that the map does not pan or select; the release ends the click, and the catcher
 * goes then: removed on the press, GTK would never see the release it waits for. */
static void
pick_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapWindow *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
pick_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double latitude, longitude;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y, &latitude, &longitude);
  g_object_set_data (G_OBJECT (self->map), "sitmap-pick-gesture", NULL);
  /* Not while GTK still dispatches the release to it */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, remove_controller_cb, g_object_ref (gesture), g_object_unref);
  gtk_widget_set_cursor (GTK_WIDGET (self->map), NULL);
  if (sitmap_coordinates_valid (latitude, longitude))
    sitmap_event_form_set_point (sitmap_sidebar_get_event_form (self->sidebar), latitude, longitude);
}

/* "Pick on Map": the map's next click is the event's point (before the map's own gestures see it). */
static void
pick_point_requested_cb (SitmapWindow *self)
{
  GtkGesture *gesture;

  /* Asked again while waiting for the click: one click still does it */
  if (g_object_get_data (G_OBJECT (self->map), "sitmap-pick-gesture") != NULL)
    return;
  gesture = gtk_gesture_click_new ();
  g_object_set_data (G_OBJECT (self->map), "sitmap-pick-gesture", gesture);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (gesture), "sitmap-pick-point");
  g_signal_connect (gesture, "pressed", G_CALLBACK (pick_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (pick_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), "crosshair");
  _sitmap_window_show_toast (self, _("Click the map where it happened"));
}

/*
 * Setup
 */

void
_sitmap_window_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-event", NULL, new_event_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-event", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-event-at", "(dd)", new_event_at_action);
  gtk_widget_class_install_action (widget_class, "win.delete-event", NULL, delete_event_action);
  /* Seen only when no focused widget took the key: a text entry deletes a letter, the map an annotation. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-event", NULL);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
}

/* Draw Area in the form: the map's area tool draws the event's polygon instead of an annotation */
static void
draw_area_requested_cb (SitmapWindow *self)
{
  sitmap_annotation_layer_capture_area (self->annotation_layer);
}

static void
area_captured_cb (SitmapWindow *self, SitmapGeometry *area)
{
  sitmap_event_form_set_area (sitmap_sidebar_get_event_form (self->sidebar), area);
}

void
_sitmap_window_init_edit (SitmapWindow *self)
{
  g_signal_connect_object (self->view_state, "notify::selected", G_CALLBACK (update_edit_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (update_edit_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sitmap_sidebar_get_event_form (self->sidebar), "pick-point-requested",
                           G_CALLBACK (pick_point_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitmap_sidebar_get_event_form (self->sidebar), "draw-area-requested",
                           G_CALLBACK (draw_area_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotation_layer, "area-captured", G_CALLBACK (area_captured_cb), self,
                           G_CONNECT_SWAPPED);
  update_edit_actions (self);
}
