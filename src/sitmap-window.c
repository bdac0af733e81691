/* sitmap-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-application.h"
#include "sitmap-document-io.h"
#include "sitmap-map-fit.h"
#include "sitmap-map-projection.h"
#include "sitmap-source-chooser.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window-private.h"

G_DEFINE_FINAL_TYPE (SitmapWindow, sitmap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_SHOW_SIDEBAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void wait_for_map_size (SitmapWindow *self);

/*
 * Auxiliary methods
 */

gboolean
_sitmap_window_is_bundled (GFile *file)
{
  return file != NULL && g_file_has_uri_scheme (file, "resource");
}

char *
_sitmap_window_dup_display_name (GFile *file)
{
  g_autoptr (GFileInfo) info = NULL;

  if (_sitmap_window_is_bundled (file))
    return g_strdup (_("Bundled demo"));
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

/* "Syria, late 2024 — Sitmap"; with unsaved changes, "• Syria, late 2024 — Sitmap", as GNOME's editors
 * mark them. */
void
_sitmap_window_update_title (SitmapWindow *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  g_autofree char *shown = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (document == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Sitmap"));
      adw_window_title_set_title (self->window_title, _("Sitmap"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }
  /* A title of a megabyte is not laid out whole in the header bar. */
  shown = sitmap_text_cut (sitmap_document_get_title (document), SITMAP_LABEL_MAX_CHARS);
  if (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (document)))
    /* TRANSLATORS: the title of a document with unsaved changes */
    name = g_strdup_printf (_("• %s"), shown);
  else
    name = g_steal_pointer (&shown);
  /* TRANSLATORS: the window title, "<document title> — Sitmap" */
  title = g_strdup_printf (_("%s — Sitmap"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, name);
  if (sitmap_document_get_file (document) != NULL)
    subtitle = _sitmap_window_dup_display_name (sitmap_document_get_file (document));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
go_to (SitmapWindow *self, double latitude, double longitude, double zoom)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (shumate_simple_map_get_map (self->map), latitude, longitude);
}

/* Shows the document where it asks to be shown, else every placed event with a margin. */
static void
apply_document_view (SitmapWindow *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  const SitmapDocumentView *view;
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  SitmapMapFit fit;

  if (document == NULL)
    return;
  if (width <= 0 || height <= 0)
    {
      self->view_pending = TRUE;
      wait_for_map_size (self);
      return;
    }
  self->view_pending = FALSE;

  view = sitmap_document_get_view (document);
  if (view->has_position)
    {
      go_to (self, view->latitude, view->longitude, view->zoom);
      return;
    }
  if (sitmap_map_fit_events (sitmap_document_get_store (document), NULL, 0, width, height, SITMAP_MAP_FIT_MAX_ZOOM,
                             &fit))
    go_to (self, fit.latitude, fit.longitude, fit.zoom);
}

/* After an import: the imported events' box (normalised Web Mercator) is shown when none of it is in view,
 * so that events from elsewhere do not come in unseen; otherwise the view stays where the user put it. */
void
_sitmap_window_reveal_box (SitmapWindow *self, double x0, double y0, double x1, double y1)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  SitmapMapProjection projection;
  SitmapMapFit fit;
  double u0, v0, u1, v1;

  if (!sitmap_map_projection_init (&projection, viewport, GTK_WIDGET (self->map)))
    return;
  sitmap_map_projection_to_map (&projection, x0, y0, &u0, &v0);
  sitmap_map_projection_to_map (&projection, x1, y1, &u1, &v1);
  /* A box across the date line, or a world-wide one, is treated as in view: fitting would show the world */
  if (u1 < u0 || (MAX (u0, -projection.reach_x) <= MIN (u1, projection.reach_x) &&
                  MAX (v0, -projection.reach_y) <= MIN (v1, projection.reach_y)))
    return;
  sitmap_map_fit_box (projection.width, projection.height, x0, y0, x1, y1, SITMAP_MAP_FIT_MAX_ZOOM, &fit);
  go_to (self, fit.latitude, fit.longitude, fit.zoom);
}

void
_sitmap_window_remember_document (SitmapWindow *self, GFile *file)
{
  g_autofree char *uri = NULL;

  if (self->settings == NULL || file == NULL)
    return;
  /* The demo is shown anyway when nothing else is remembered. */
  uri = _sitmap_window_is_bundled (file) ? g_strdup ("") : g_file_get_uri (file);
  g_settings_set_string (self->settings, "last-document", uri);
}

/*
 * Callbacks
 */

/* A document read whole (opened, or imported into an empty window) becomes the window's. */
void
_sitmap_window_show_document (SitmapWindow *self, SitmapDocument *document)
{
  sitmap_view_state_set_document (self->view_state, document);
  _sitmap_window_bind_document (self);
  apply_document_view (self);
  _sitmap_window_remember_document (self, sitmap_document_get_file (document));
}

void
_sitmap_window_notify_loading (SitmapWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* A paned position counts from the top, but the user sized the timeline, so its height is what is
 * remembered; it can only be applied once the pane knows its own size. (The sidebar's width is the
 * layout's: sitmap-window-layout.c.) */
static void
restore_panes (SitmapWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->map_paned));
  int timeline = 150;

  if (height <= 0)
    return;
  self->panes_pending = FALSE;
  if (self->settings != NULL)
    timeline = g_settings_get_int (self->settings, "timeline-height");
  gtk_paned_set_position (self->map_paned, MAX (height - timeline, height / 3));
}

static void
remember_panes (SitmapWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->map_paned));

  _sitmap_window_remember_layout (self);
  if (self->settings == NULL || self->panes_pending || height <= 0)
    return;
  g_settings_set_int (self->settings, "timeline-height", height - gtk_paned_get_position (self->map_paned));
}

/* GTK has no signal for a widget's first allocation: look at each frame until the map has a size. */
static gboolean
pending_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  SitmapWindow *self = user_data;

  if (self->panes_pending)
    restore_panes (self);
  if (self->view_pending)
    apply_document_view (self);
  if (self->panes_pending || self->view_pending)
    return G_SOURCE_CONTINUE;
  self->pending_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
wait_for_map_size (SitmapWindow *self)
{
  if (self->pending_tick == 0)
    self->pending_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), pending_tick_cb, self, NULL);
}

/*
 * Actions
 */

/* Escape undoes the narrowest thing first: a sidebar over the map, then one step back as the sidebar and
 * the map take it (event, group, nothing), then the time range. */
static void
escape_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);

  if (_sitmap_window_put_sidebar_away (self))
    return;
  if (!sitmap_view_state_step_back (self->view_state))
    sitmap_view_state_clear_range (self->view_state);
}

/* Ctrl+Return: the map centres the selected event and zooms in on it; the timeline scrolls to it. */
static void
zoom_to_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);
  gint selected = sitmap_view_state_get_selected (self->view_state);

  if (selected >= 0)
    sitmap_view_state_reveal (self->view_state, selected, SITMAP_REVEAL_ZOOM);
}

/* Ctrl+0: every event that passes the filters, on the map and the timeline. */
static void
show_all_events_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  sitmap_view_state_show_all (SITMAP_WINDOW (widget)->view_state);
}

static void
update_view_actions (SitmapWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-to-event",
                                 sitmap_view_state_get_selected (self->view_state) >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-all-events",
                                 sitmap_view_state_get_document (self->view_state) != NULL);
}

/* Ctrl+F: the search of the events page, wherever the keyboard was, the sidebar folded away or not. */
static void
find_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _sitmap_window_show_search (SITMAP_WINDOW (widget));
}

/*
 * Window state
 */

static void
restore_window_state (SitmapWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
close_confirmed_cb (SitmapWindow *self, gpointer data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Unsaved changes are never dropped on the way out: the user saves them or says to drop them. */
static gboolean
sitmap_window_close_request (GtkWindow *window)
{
  SitmapWindow *self = SITMAP_WINDOW (window);
  int width, height;

  if (!self->close_confirmed && _sitmap_window_has_unsaved_changes (self))
    {
      _sitmap_window_confirm_discard (self, close_confirmed_cb, NULL, NULL);
      return TRUE;
    }
  _sitmap_window_close_files (self);
  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      remember_panes (self);
    }
  return GTK_WINDOW_CLASS (sitmap_window_parent_class)->close_request (window);
}

/*
 * GObject
 */

static void
sitmap_window_dispose (GObject *object)
{
  SitmapWindow *self = (SitmapWindow *) object;

  _sitmap_window_dispose_import (self);
  _sitmap_window_dispose_files (self);
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));
  g_clear_weak_pointer (&self->export_dialog);
  if (self->event_export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->event_export_dialog));
  g_clear_weak_pointer (&self->event_export_dialog);
  g_clear_object (&self->exporter);
  g_clear_object (&self->focus_guard);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_WINDOW);
  G_OBJECT_CLASS (sitmap_window_parent_class)->dispose (object);
}

static void
sitmap_window_finalize (GObject *object)
{
  SitmapWindow *self = (SitmapWindow *) object;

  g_clear_object (&self->view_state);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sitmap_window_parent_class)->finalize (object);
}

static void
sitmap_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapWindow *self = SITMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING: g_value_set_boolean (value, sitmap_window_get_loading (self)); break;
    case PROP_SHOW_SIDEBAR: g_value_set_boolean (value, _sitmap_window_get_sidebar_shown (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapWindow *self = SITMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR: _sitmap_window_set_sidebar_shown (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/*
 * Export
 */

static SitmapExportDialog *
ensure_export_dialog (SitmapWindow *self)
{
  /* A weak pointer: the dialog is a toplevel, which GTK owns, destroyed with the window. */
  if (self->export_dialog == NULL)
    g_set_weak_pointer (&self->export_dialog, sitmap_export_dialog_new (GTK_WINDOW (self), self->exporter,
                                                                         self->settings));
  return self->export_dialog;
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_present (GTK_WINDOW (ensure_export_dialog (SITMAP_WINDOW (widget))));
}

/* The events themselves, shown or all, as KML, KMZ, GeoJSON or CSV. */
static void
export_events_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);

  if (self->event_export_dialog == NULL)
    g_set_weak_pointer (&self->event_export_dialog,
                        sitmap_event_export_dialog_new (GTK_WINDOW (self), self->view_state, self->toast_overlay));
  gtk_window_present (GTK_WINDOW (self->event_export_dialog));
}

/* The page a PDF export makes, on the paper chosen in the print dialog, with the export's choices of
 * title and parts. */
static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapWindow *self = SITMAP_WINDOW (widget);
  g_auto (SitmapExportOptions) choices = { 0 };

  sitmap_export_options_init (&choices);
  sitmap_export_dialog_get_choices (ensure_export_dialog (self), &choices);
  sitmap_exporter_print (self->exporter, &choices, self->settings);
}

/* The map with the export dialog's choices (or its defaults), as PNG on the clipboard. */
static void
copy_image_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  sitmap_export_dialog_copy (ensure_export_dialog (SITMAP_WINDOW (widget)));
}

static void
sitmap_window_class_init (SitmapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sitmap_window_dispose;
  object_class->finalize = sitmap_window_finalize;
  object_class->get_property = sitmap_window_get_property;
  object_class->set_property = sitmap_window_set_property;
  window_class->close_request = sitmap_window_close_request;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether the sidebar is shown, beside the map or over it (sitmap-window-layout.c). */
  properties[PROP_SHOW_SIDEBAR] = g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (SITMAP_TYPE_SOURCE_CHOOSER);
  g_type_ensure (SITMAP_TYPE_TIMELINE);
  g_type_ensure (SITMAP_TYPE_SIDEBAR);
  g_type_ensure (SITMAP_TYPE_ANNOTATION_TOOLBAR);
  g_type_ensure (SITMAP_TYPE_TILE_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, map_paned);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, sidebar_column);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, map);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, source_chooser);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, annotation_toolbar);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, tile_status);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapWindow, progress_bar);

  _sitmap_window_class_init_files (widget_class);
  _sitmap_window_class_init_import (widget_class);
  _sitmap_window_class_init_edit (widget_class);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-events", NULL, export_events_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.escape", NULL);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  /* F9 shows and hides the sidebar, as in GNOME's other applications. */
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  /* Their accelerators (Ctrl+Return, Ctrl+0) are the application's, so that the menu shows them. */
  gtk_widget_class_install_action (widget_class, "win.zoom-to-event", NULL, zoom_to_event_action);
  gtk_widget_class_install_action (widget_class, "win.show-all-events", NULL, show_all_events_action);
}

/* The map source chooser's toasts: plain text, with an Undo button when it names an undo action. */
static void
source_message_cb (SitmapWindow *self, const char *text, const char *undo_action)
{
  AdwToast *toast = sitmap_plain_toast_new (text);

  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The document's towns are named by the basemap when it names towns: drawing them too doubles them.
 * When its tiles cannot be loaded, nothing names them but the document. */
static void
tile_source_changed_cb (SitmapWindow *self)
{
  SitmapTileSources *sources = sitmap_source_chooser_get_sources (self->source_chooser);
  SitmapTileSource *source = sitmap_tile_sources_get_current (sources);

  sitmap_place_layer_set_show_settlements (self->place_layer,
                                           source == NULL || !sitmap_tile_source_has_place_names (source) ||
                                             sitmap_tile_sources_get_tiles_problem (sources) != SITMAP_TILES_LOADING);
}

static void
setup_map (SitmapWindow *self)
{
  ShumateViewport *viewport;

  /* The offline basemap unless the user chose another source: never the network by default. */
  sitmap_source_chooser_attach (self->source_chooser, self->map, self->settings);
  g_signal_connect_object (self->source_chooser, "message", G_CALLBACK (source_message_cb), self, G_CONNECT_SWAPPED);
  /* An online source whose tiles cannot be loaded says so over the map, and offers the offline one. */
  sitmap_tile_status_set_sources (self->tile_status, sitmap_source_chooser_get_sources (self->source_chooser));
  /* So that a toast's Undo reaches the chooser's actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map",
                                  sitmap_source_chooser_get_action_group (self->source_chooser));
  viewport = shumate_simple_map_get_viewport (self->map);
  /* Places first, so that their names sit beneath the events. */
  self->place_layer = sitmap_place_layer_new (viewport, self->view_state);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->place_layer));
  g_signal_connect_object (sitmap_source_chooser_get_sources (self->source_chooser), "notify::current",
                           G_CALLBACK (tile_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitmap_source_chooser_get_sources (self->source_chooser), "notify::tiles-problem",
                           G_CALLBACK (tile_source_changed_cb), self, G_CONNECT_SWAPPED);
  tile_source_changed_cb (self);
  self->event_layer = sitmap_event_layer_new (viewport, self->view_state);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->event_layer));
  /* Enter on a map event takes the keyboard to its details. */
  g_signal_connect_swapped (self->event_layer, "activate-event", G_CALLBACK (_sitmap_window_focus_sidebar), self);
  /* The analyst's own marks, above the events. */
  self->annotation_layer = sitmap_annotation_layer_new (viewport, self->view_state, self->event_layer);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->annotation_layer));
  sitmap_annotation_toolbar_set_layer (self->annotation_toolbar, self->annotation_layer, self->view_state);
  /* Editing events on the map, above everything: in edit mode only (win.edit-mode), but for the
   * context menu's "New Event Here". */
  self->edit_layer = sitmap_edit_layer_new (viewport, self->view_state, self->event_layer);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->edit_layer));
  {
    g_autoptr (GPropertyAction) edit_mode = g_property_action_new ("edit-mode", self->edit_layer, "edit-mode");

    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (edit_mode));
  }
  self->exporter = sitmap_exporter_new (GTK_WINDOW (self), self->view_state, self->map,
                                        sitmap_source_chooser_get_sources (self->source_chooser), self->toast_overlay);
}

static gboolean
step_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  return gtk_widget_activate_action (GTK_WIDGET (SITMAP_WINDOW (widget)->sidebar), user_data, NULL);
}

/* Alt+Up and Alt+Down are seen before the focused widget: the map and the list take plain arrows. */
static void
add_step_shortcuts (SitmapWindow *self)
{
  static const struct
  {
    guint       keyval;
    const char *action;
  } steps[] = {
    { GDK_KEY_Up, "sidebar.previous-event" },
    { GDK_KEY_KP_Up, "sidebar.previous-event" },
    { GDK_KEY_Down, "sidebar.next-event" },
    { GDK_KEY_KP_Down, "sidebar.next-event" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (steps[i].keyval, GDK_ALT_MASK),
                        gtk_callback_action_new (step_shortcut_cb, (gpointer) steps[i].action, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
sitmap_window_init (SitmapWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_step_shortcuts (self);
  self->focus_guard = sitmap_focus_guard_new (GTK_WINDOW (self));

  self->settings = sitmap_application_dup_settings ();
  self->view_state = sitmap_view_state_new ();
  g_signal_connect_object (self->view_state, "notify::selected", G_CALLBACK (update_view_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "notify::document", G_CALLBACK (update_view_actions), self,
                           G_CONNECT_SWAPPED);
  update_view_actions (self);
  sitmap_timeline_set_view_state (self->timeline, self->view_state);
  sitmap_sidebar_set_view_state (self->sidebar, self->view_state);
  _sitmap_window_init_layout (self);
  setup_map (self);
  _sitmap_window_init_import (self);
  _sitmap_window_init_edit (self);
  restore_window_state (self);
  self->panes_pending = TRUE;
  wait_for_map_size (self);
  _sitmap_window_update_title (self);
}

/*
 * Public API
 */

SitmapWindow *
sitmap_window_new (GtkApplication *application)
{
  return g_object_new (SITMAP_TYPE_WINDOW, "application", application, NULL);
}

void
_sitmap_window_show_toast (SitmapWindow *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, sitmap_plain_toast_new (text));
}

static void
open_confirmed_cb (SitmapWindow *self, gpointer data)
{
  _sitmap_window_read (self, data, SITMAP_WINDOW_READ_OPEN, NULL);
}

void
sitmap_window_open (SitmapWindow *self, GFile *file)
{
  g_return_if_fail (SITMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _sitmap_window_confirm_discard (self, open_confirmed_cb, g_object_ref (file), g_object_unref);
}

gboolean
sitmap_window_get_loading (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

SitmapViewState *
sitmap_window_get_view_state (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->view_state;
}

ShumateSimpleMap *
sitmap_window_get_map (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->map;
}

SitmapEventLayer *
sitmap_window_get_event_layer (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->event_layer;
}

SitmapSourceChooser *
sitmap_window_get_source_chooser (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->source_chooser;
}

SitmapTimeline *
sitmap_window_get_timeline (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->timeline;
}

SitmapSidebar *
sitmap_window_get_sidebar (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->sidebar;
}

SitmapAnnotationLayer *
sitmap_window_get_annotation_layer (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->annotation_layer;
}

SitmapEditLayer *
sitmap_window_get_edit_layer (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->edit_layer;
}

SitmapAnnotationToolbar *
sitmap_window_get_annotation_toolbar (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->annotation_toolbar;
}

SitmapPlaceLayer *
sitmap_window_get_place_layer (SitmapWindow *self)
{
  g_return_val_if_fail (SITMAP_IS_WINDOW (self), NULL);
  return self->place_layer;
}
