/* sitmap-source-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-source-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-mbtiles-source.h"
#include "sitmap-online-source-dialog.h"
#include "sitmap-source-chooser.h"

struct _SitmapSourceChooser
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkMenuButton      *button;
  GtkLabel           *label;
  GtkWidget          *status_icon;

  SitmapTileSources  *sources;
  ShumateSimpleMap   *map;
  char               *problem; /* why the map is blank, while it is */
  GSimpleActionGroup *actions;
};

G_DEFINE_FINAL_TYPE (SitmapSourceChooser, sitmap_source_chooser, GTK_TYPE_WIDGET)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* An MBTiles file being added, and the chooser to tell. */
typedef struct
{
  SitmapSourceChooser *self;
  GFile               *file;
} Adding;

/*
 * Auxiliary methods
 */

static void
say (SitmapSourceChooser *self, const char *text, const char *undo_action)
{
  g_signal_emit (self, signals[MESSAGE], 0, text, undo_action);
}

/* Menu items read "_" as a mnemonic: a name from a file or from the user is shown as it is. */
static char *
escape_mnemonic (const char *text)
{
  g_autoptr (GString) escaped = g_string_new (text);

  g_string_replace (escaped, "_", "__", 0);
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

static char *
menu_label (SitmapTileSource *source)
{
  g_autofree char *name = escape_mnemonic (sitmap_tile_source_get_name (source));

  /* TRANSLATORS: a map source in the menu whose tiles are downloaded from the internet */
  return sitmap_tile_source_is_online (source) ? g_strdup_printf (_("%s (online)"), name) : g_steal_pointer (&name);
}

static void
append_item (GMenu *menu, const char *label, const char *action, const char *target)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  if (target != NULL)
    g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (target));
  else
    g_menu_item_set_detailed_action (item, action);
  g_menu_append_item (menu, item);
}

/* A new menu each time, rather than the old one changed: GtkPopoverMenu (4.8) keeps the page of a
 * submenu it removes, and warns when a submenu of the same name comes back. */
static void
rebuild_menu (SitmapSourceChooser *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) choices = g_menu_new ();
  g_autoptr (GMenu) adding = g_menu_new ();
  g_autoptr (GMenu) removing = g_menu_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapTileSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      g_autofree char *label = menu_label (source);

      append_item (choices, label, "map.source", sitmap_tile_source_get_id (source));
      if (sitmap_tile_source_is_custom (source))
        append_item (removing, label, "map.remove", sitmap_tile_source_get_id (source));
    }
  append_item (adding, _("Add _MBTiles File…"), "map.add-mbtiles", NULL);
  append_item (adding, _("Add _Online Source…"), "map.add-online", NULL);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (choices));
  {
    g_autoptr (GMenu) names = g_menu_new ();

    /* Off where the tiles write the towns' names themselves; the user's sources say so here. */
    append_item (names, _("Show _Town Names"), "map.town-names", NULL);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (names));
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (adding));
  if (g_menu_model_get_n_items (G_MENU_MODEL (removing)) > 0)
    {
      g_autoptr (GMenu) section = g_menu_new ();

      g_menu_append_submenu (section, _("_Remove Source"), G_MENU_MODEL (removing));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
  gtk_menu_button_set_menu_model (self->button, G_MENU_MODEL (menu));
}

static void
update_button (SitmapSourceChooser *self)
{
  SitmapTileSource *current = sitmap_tile_sources_get_current (self->sources);
  gboolean online = current != NULL && sitmap_tile_source_is_online (current);
  gboolean unloadable = online && sitmap_tile_sources_get_tiles_problem (self->sources) != SITMAP_TILES_LOADING;
  g_autofree char *tooltip = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "source");
  const char *name = current ? sitmap_tile_source_get_name (current) : _("Map");

  gtk_label_set_text (self->label, name);
  /* A name that fits in the button is never cut to "Offl…" when the header bar is short; only a long
   * one is, after 24 characters. */
  gtk_label_set_ellipsize (self->label, g_utf8_strlen (name, -1) > 24 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  /* What the map shows should never be a surprise: online, or nothing at all. */
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon),
                                self->problem ? "dialog-warning-symbolic"
                                : unloadable  ? "network-offline-symbolic"
                                              : "network-transmit-receive-symbolic");
  gtk_widget_set_visible (self->status_icon, online || self->problem != NULL);
  if (self->problem != NULL)
    tooltip = g_strdup (self->problem);
  else if (unloadable)
    /* TRANSLATORS: the tooltip of the map source button; %s is the source's name */
    tooltip = g_strdup_printf (_("Map source: %s. Its tiles cannot be loaded: check the network connection, "
                                 "or choose the offline basemap."),
                               sitmap_tile_source_get_name (current));
  else if (current == NULL)
    tooltip = g_strdup (_("Map Source"));
  else if (online)
    /* TRANSLATORS: the tooltip of the map source button; %s is the source's name */
    tooltip = g_strdup_printf (_("Map source: %s. Its tiles are downloaded from the internet, so its server sees "
                                 "the areas you look at."),
                               sitmap_tile_source_get_name (current));
  else
    /* TRANSLATORS: the tooltip of the map source button; %s is the source's name */
    tooltip = g_strdup_printf (_("Map source: %s, on this computer"), sitmap_tile_source_get_name (current));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (current ? sitmap_tile_source_get_id (current) : ""));
  /* Known for the built-in maps; the user's own say what they guessed, and the user corrects it. */
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "town-names");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (current != NULL && !sitmap_tile_source_has_place_names (current)));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), current != NULL && sitmap_tile_source_is_custom (current));
}

static char *
dup_display_name (const char *uri)
{
  g_autoptr (GFile) file = g_file_new_for_uri (uri);
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static char *
describe_failure (SitmapTileSource *source, const GError *error)
{
  g_autoptr (GFile) basemap = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;

  if (sitmap_tile_source_get_kind (source) != SITMAP_TILE_SOURCE_OFFLINE)
    {
      name = dup_display_name (sitmap_tile_source_get_location (source));
      /* TRANSLATORS: a toast; the first %s is a file name, the second says why it cannot be used */
      return g_strdup_printf (_("Could not use “%s”: %s"), name, sitmap_mbtiles_error_get_reason (error, name));
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (_("The offline basemap is missing: Sitmap may not be installed correctly"));
  basemap = sitmap_tile_sources_dup_basemap_file ();
  uri = g_file_get_uri (basemap);
  name = dup_display_name (uri);
  /* TRANSLATORS: a toast; %s says why */
  return g_strdup_printf (_("Could not use the offline basemap: %s"), sitmap_mbtiles_error_get_reason (error, name));
}

/*
 * Callbacks
 */

static void
items_changed_cb (SitmapSourceChooser *self)
{
  rebuild_menu (self);
}

static void
current_changed_cb (SitmapSourceChooser *self)
{
  update_button (self);
}

/* A new source keeps the map where it is; its zoom range then clamps the zoom. */
static void
map_source_changed_cb (SitmapSourceChooser *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  /* libshumate sets a new source's highest zoom before its lowest, and refuses a highest zoom below
   * the lowest still in force: lower that one first. */
  shumate_viewport_set_min_zoom_level (viewport, 0);
  shumate_simple_map_set_map_source (self->map, sitmap_tile_sources_get_map_source (self->sources));
  if (self->problem != NULL)
    {
      g_clear_pointer (&self->problem, g_free);
      update_button (self);
    }
}

static void
failed_cb (SitmapSourceChooser *self, SitmapTileSource *source, GError *error)
{
  g_autofree char *text = describe_failure (source, error);

  /* The basemap failed: the map is blank until another source is chosen. Others leave the map as it was. */
  if (sitmap_tile_source_get_kind (source) == SITMAP_TILE_SOURCE_OFFLINE)
    {
      g_free (self->problem);
      self->problem = g_strdup (text);
      update_button (self);
    }
  say (self, text, NULL);
}

static void
tiles_damaged_cb (SitmapSourceChooser *self, SitmapTileSource *source)
{
  /* TRANSLATORS: a toast; %s is the name of a map source */
  g_autofree char *text = g_strdup_printf (_("Some tiles of “%s” are damaged and are left blank"),
                                           sitmap_tile_source_get_name (source));

  say (self, text, NULL);
}

static void
added_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Adding *adding = user_data;
  g_autoptr (SitmapTileSource) source = NULL;
  g_autoptr (GError) error = NULL;

  source = sitmap_tile_sources_add_mbtiles_finish (SITMAP_TILE_SOURCES (object), result, &error);
  if (source == NULL)
    {
      g_autofree char *uri = g_file_get_uri (adding->file);
      g_autofree char *name = dup_display_name (uri);
      /* TRANSLATORS: a toast; the first %s is a file name, the second says why it cannot be used */
      g_autofree char *text = g_strdup_printf (_("Could not use “%s”: %s"), name,
                                               sitmap_mbtiles_error_get_reason (error, name));

      g_message ("%s", error->message);
      say (adding->self, text, NULL);
    }
  g_object_unref (adding->self);
  g_object_unref (adding->file);
  g_free (adding);
}

static GListModel *
mbtiles_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr (GtkFileFilter) mbtiles = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (mbtiles, _("MBTiles tile sets"));
  gtk_file_filter_add_suffix (mbtiles, "mbtiles");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, mbtiles);
  g_list_store_append (filters, all);
  return G_LIST_MODEL (filters);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
file_dialog_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapSourceChooser) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    sitmap_source_chooser_add_file (self, file);
}
#else
static void
native_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  g_autoptr (SitmapSourceChooser) self = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    sitmap_source_chooser_add_file (self, file);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

/*
 * Actions
 */

static void
source_change_state_cb (GSimpleAction *action, GVariant *value, gpointer user_data)
{
  SitmapSourceChooser *self = user_data;

  /* The state follows :current, once the source is open; one that fails leaves it as it was. */
  if (self->sources != NULL)
    sitmap_tile_sources_choose (self->sources, g_variant_get_string (value, NULL));
}

static void
town_names_change_state_cb (GSimpleAction *action, GVariant *value, gpointer user_data)
{
  SitmapSourceChooser *self = user_data;
  SitmapTileSource *current = self->sources ? sitmap_tile_sources_get_current (self->sources) : NULL;

  /* The state follows :current, which the change replaces. */
  if (current != NULL && sitmap_tile_source_is_custom (current))
    sitmap_tile_sources_set_place_names (self->sources, sitmap_tile_source_get_id (current),
                                         !g_variant_get_boolean (value));
}

static void
add_mbtiles_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SitmapSourceChooser *self = user_data;
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr (GListModel) filters = mbtiles_filters ();

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Add MBTiles File"));
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_open (dialog, parent, NULL, file_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Add MBTiles File"), parent,
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr (GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

static void
add_online_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SitmapSourceChooser *self = user_data;
  SitmapOnlineSourceDialog *dialog;

  if (self->sources == NULL)
    return;
  dialog = sitmap_online_source_dialog_new (self->sources);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SitmapSourceChooser *self = user_data;
  SitmapTileSource *source;
  g_autofree char *text = NULL;

  if (self->sources == NULL ||
      (source = sitmap_tile_sources_lookup (self->sources, g_variant_get_string (parameter, NULL))) == NULL ||
      !sitmap_tile_source_is_custom (source))
    return;
  /* TRANSLATORS: a toast, with an Undo button; %s is the name of a map source */
  text = g_strdup_printf (_("Removed “%s”"), sitmap_tile_source_get_name (source));
  sitmap_tile_sources_remove (self->sources, sitmap_tile_source_get_id (source));
  say (self, text, "map.undo-remove");
}

static void
undo_remove_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SitmapSourceChooser *self = user_data;

  if (self->sources != NULL)
    sitmap_tile_sources_undo_remove (self->sources);
}

static const GActionEntry actions[] = {
  { "source", NULL, "s", "''", source_change_state_cb },
  { "town-names", NULL, NULL, "false", town_names_change_state_cb },
  { "add-mbtiles", add_mbtiles_cb },
  { "add-online", add_online_cb },
  { "remove", remove_cb, "s" },
  { "undo-remove", undo_remove_cb },
};

/*
 * GObject
 */

static void
sitmap_source_chooser_dispose (GObject *object)
{
  SitmapSourceChooser *self = (SitmapSourceChooser *) object;

  /* The window holds the group too: an Undo pressed later must not reach a chooser that is gone. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_action_map_remove_action (G_ACTION_MAP (self->actions), actions[i].name);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_SOURCE_CHOOSER);
  /* A source still opening will say so when it is open: nobody is listening any more. */
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_clear_object (&self->sources);
  g_clear_object (&self->map);
  G_OBJECT_CLASS (sitmap_source_chooser_parent_class)->dispose (object);
}

static void
sitmap_source_chooser_finalize (GObject *object)
{
  SitmapSourceChooser *self = (SitmapSourceChooser *) object;

  g_clear_object (&self->actions);
  g_free (self->problem);
  G_OBJECT_CLASS (sitmap_source_chooser_parent_class)->finalize (object);
}

static void
sitmap_source_chooser_class_init (SitmapSourceChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_source_chooser_dispose;
  object_class->finalize = sitmap_source_chooser_finalize;

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-source-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapSourceChooser, button);
  gtk_widget_class_bind_template_child (widget_class, SitmapSourceChooser, label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSourceChooser, status_icon);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sitmap_source_chooser_init (SitmapSourceChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (self->actions));
  gtk_label_set_text (self->label, _("Map"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Map Source"));
}

/*
 * Public API
 */

SitmapSourceChooser *
sitmap_source_chooser_new (void)
{
  return g_object_new (SITMAP_TYPE_SOURCE_CHOOSER, NULL);
}

void
sitmap_source_chooser_attach (SitmapSourceChooser *self, ShumateSimpleMap *map, GSettings *settings)
{
  g_return_if_fail (SITMAP_IS_SOURCE_CHOOSER (self));
  g_return_if_fail (SHUMATE_IS_SIMPLE_MAP (map));
  g_return_if_fail (self->sources == NULL);

  self->map = g_object_ref (map);
  self->sources = sitmap_tile_sources_new (settings);
  g_signal_connect_object (self->sources, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::current", G_CALLBACK (current_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::map-source", G_CALLBACK (map_source_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "failed", G_CALLBACK (failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::tiles-problem", G_CALLBACK (current_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "tiles-damaged", G_CALLBACK (tiles_damaged_cb), self, G_CONNECT_SWAPPED);
  rebuild_menu (self);
  update_button (self);
  /* The map is never without a source: a blank one until the chosen one is open. */
  map_source_changed_cb (self);
  sitmap_tile_sources_restore (self->sources);
}

SitmapTileSources *
sitmap_source_chooser_get_sources (SitmapSourceChooser *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE_CHOOSER (self), NULL);
  return self->sources;
}

GActionGroup *
sitmap_source_chooser_get_action_group (SitmapSourceChooser *self)
{
  g_return_val_if_fail (SITMAP_IS_SOURCE_CHOOSER (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

void
sitmap_source_chooser_add_file (SitmapSourceChooser *self, GFile *file)
{
  Adding *adding;

  g_return_if_fail (SITMAP_IS_SOURCE_CHOOSER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->sources != NULL);

  adding = g_new0 (Adding, 1);
  adding->self = g_object_ref (self);
  adding->file = g_object_ref (file);
  sitmap_tile_sources_add_mbtiles_async (self->sources, file, NULL, added_cb, adding);
}
