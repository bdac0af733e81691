/* sitmap-tile-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-tile-sources"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-blank-source.h"
#include "sitmap-mbtiles-source.h"
#include "sitmap-online-tiles.h"
#include "sitmap-tile-sources.h"
#include "sitmap-user-agent.h"

#define OSM_URL_TEMPLATE  "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define OSM_ATTRIBUTION   "© OpenStreetMap contributors"
#define OSM_COPYRIGHT_URL "https://www.openstreetmap.org/copyright"
/* OpenStreetMap's servers and most others stop at 19. */
#define ONLINE_MAX_ZOOM   19
#define BLANK_MAX_ZOOM    20
#define TILE_SIZE         256
#define N_BUILT_IN        2

/* A source being opened. */
typedef struct
{
  SitmapTileSources *self;
  SitmapTileSource  *source;
  GCancellable      *cancellable;
  gboolean           remember;
} Opening;

struct _SitmapTileSources
{
  GObject           parent_instance;

  GSettings        *settings;  /* NULL: nothing is remembered */
  GPtrArray        *sources;   /* SitmapTileSource: the built-in ones, then the user's */
  SitmapTileSource *current;
  ShumateMapSource *map_source;
  ShumateMapSource *blank;
  SitmapOnlineTiles *watched;  /* the shown online source's tiles, whose failures are told */
  GCancellable     *opening;
  SitmapTileSource *removed;   /* the one removed last, for undo */
  guint             removed_position;
  gboolean          removed_was_current;
};

static void sitmap_tile_sources_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitmapTileSources, sitmap_tile_sources, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sitmap_tile_sources_list_model_iface_init))

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_MAP_SOURCE,
  PROP_BUSY,
  PROP_TILES_PROBLEM,
  N_PROPS
};

enum {
  FAILED,
  TILES_DAMAGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void open_source (SitmapTileSources *self, SitmapTileSource *source, gboolean remember);

/*
 * Auxiliary methods
 */

static guint
find_position (SitmapTileSources *self, const char *id)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (sitmap_tile_source_get_id (g_ptr_array_index (self->sources, i)), id) == 0)
      return i;
  return G_MAXUINT;
}

static SitmapTileSource *
find_by_location (SitmapTileSources *self, SitmapTileSourceKind kind, const char *location)
{
  for (guint i = N_BUILT_IN; i < self->sources->len; i++)
    {
      SitmapTileSource *source = g_ptr_array_index (self->sources, i);

      if (sitmap_tile_source_get_kind (source) == kind &&
          g_strcmp0 (sitmap_tile_source_get_location (source), location) == 0)
        return source;
    }
  return NULL;
}

static const char *
kind_to_string (SitmapTileSourceKind kind)
{
  return kind == SITMAP_TILE_SOURCE_MBTILES ? "mbtiles" : "xyz";
}

static GVariant *
custom_to_variant (SitmapTileSources *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = N_BUILT_IN; i < self->sources->len; i++)
    {
      SitmapTileSource *source = g_ptr_array_index (self->sources, i);

      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&builder, "{sv}", "id", g_variant_new_string (sitmap_tile_source_get_id (source)));
      g_variant_builder_add (&builder, "{sv}", "kind",
                             g_variant_new_string (kind_to_string (sitmap_tile_source_get_kind (source))));
      g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (sitmap_tile_source_get_name (source)));
      g_variant_builder_add (&builder, "{sv}", "location",
                             g_variant_new_string (sitmap_tile_source_get_location (source)));
      if (sitmap_tile_source_get_attribution (source) != NULL)
        g_variant_builder_add (&builder, "{sv}", "attribution",
                               g_variant_new_string (sitmap_tile_source_get_attribution (source)));
      /* Only the user's word: a guess is made again from the file each time, and may get better. */
      if (sitmap_tile_source_get_place_names_chosen (source))
        g_variant_builder_add (&builder, "{sv}", "place-names",
                               g_variant_new_boolean (sitmap_tile_source_has_place_names (source)));
      g_variant_builder_close (&builder);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* One remembered source, or NULL when the entry is not one Sitmap can use. */
static SitmapTileSource *
custom_from_variant (GVariant *entry)
{
  g_auto (GVariantDict) dict = G_VARIANT_DICT_INIT (entry);
  const char *id, *kind, *name, *location;
  const char *attribution = NULL;
  g_autoptr (SitmapTileSource) source = NULL;
  SitmapTileSourceKind source_kind;
  gboolean place_names;

  if (!g_variant_dict_lookup (&dict, "id", "&s", &id) || !g_variant_dict_lookup (&dict, "kind", "&s", &kind) ||
      !g_variant_dict_lookup (&dict, "name", "&s", &name) ||
      !g_variant_dict_lookup (&dict, "location", "&s", &location))
    return NULL;
  g_variant_dict_lookup (&dict, "attribution", "&s", &attribution);
  if (g_str_equal (kind, "mbtiles"))
    source_kind = SITMAP_TILE_SOURCE_MBTILES;
  else if (g_str_equal (kind, "xyz") && sitmap_tile_sources_check_url_template (location, NULL))
    source_kind = SITMAP_TILE_SOURCE_XYZ;
  else
    return NULL;
  if (*id == '\0' || *name == '\0' || *location == '\0')
    return NULL;
  source = sitmap_tile_source_new (source_kind, id, name, location, attribution);
  if (g_variant_dict_lookup (&dict, "place-names", "b", &place_names))
    return sitmap_tile_source_copy_with_place_names (source, place_names, TRUE);
  return g_steal_pointer (&source);
}

static void
load_custom (SitmapTileSources *self)
{
  g_autoptr (GVariant) list = NULL;
  GVariantIter iter;
  GVariant *entry;

  if (self->settings == NULL)
    return;
  list = g_settings_get_value (self->settings, "custom-map-sources");
  g_variant_iter_init (&iter, list);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr (GVariant) owned = entry;
      g_autoptr (SitmapTileSource) source = custom_from_variant (entry);

      if (source == NULL || find_position (self, sitmap_tile_source_get_id (source)) != G_MAXUINT)
        {
          g_debug ("Ignoring a remembered map source that cannot be used");
          continue;
        }
      g_ptr_array_add (self->sources, g_steal_pointer (&source));
    }
}

static void
save_custom (SitmapTileSources *self)
{
  g_autoptr (GVariant) list = NULL;

  if (self->settings == NULL)
    return;
  list = custom_to_variant (self);
  g_settings_set_value (self->settings, "custom-map-sources", list);
}

static void
insert_source (SitmapTileSources *self, guint position, SitmapTileSource *source)
{
  g_ptr_array_insert (self->sources, position, g_object_ref (source));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  save_custom (self);
}

/* Puts source in the place of the one with its id, and shows it if that one was shown. */
static void
replace_source (SitmapTileSources *self, SitmapTileSource *source)
{
  guint position = find_position (self, sitmap_tile_source_get_id (source));
  g_autoptr (SitmapTileSource) old = NULL;

  g_return_if_fail (position != G_MAXUINT);
  old = g_ptr_array_index (self->sources, position);
  g_ptr_array_index (self->sources, position) = g_object_ref (source);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  if (self->current == old && g_set_object (&self->current, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

/* An MBTiles source as its open file's metadata describes it: the list then holds that one. */
static SitmapTileSource *
with_guessed_place_names (SitmapTileSources *self, SitmapTileSource *source, SitmapMbtilesSource *mbtiles)
{
  gboolean guess = sitmap_mbtiles_source_get_names_places (mbtiles);
  g_autoptr (SitmapTileSource) guessed = NULL;
  guint position;

  if (sitmap_tile_source_get_kind (source) != SITMAP_TILE_SOURCE_MBTILES ||
      sitmap_tile_source_get_place_names_chosen (source) || sitmap_tile_source_has_place_names (source) == guess ||
      (position = find_position (self, sitmap_tile_source_get_id (source))) == G_MAXUINT)
    return source;
  guessed = sitmap_tile_source_copy_with_place_names (source, guess, FALSE);
  replace_source (self, guessed);
  /* The list holds it now, and keeps it alive. */
  return g_ptr_array_index (self->sources, position);
}

static char *
new_custom_id (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat (prefix, "-", uuid, NULL);
}

static char *
map_source_id (SitmapTileSource *source)
{
  return g_strconcat ("sitmap-", sitmap_tile_source_get_id (source), NULL);
}

static ShumateMapSource *
make_online_map_source (SitmapTileSource *source)
{
  g_autofree char *id = map_source_id (source);
  gboolean osm = sitmap_tile_source_get_kind (source) == SITMAP_TILE_SOURCE_OSM;
  /* libshumate's ShumateTileDownloader, which SitmapOnlineTiles runs, keeps the tiles in its disk cache,
   * in the user cache folder, and trims it to its size limit itself. */
  g_autoptr (SitmapOnlineTiles) tiles = sitmap_online_tiles_new (sitmap_tile_source_get_location (source));

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    id, sitmap_tile_source_get_name (source), sitmap_tile_source_get_attribution (source),
    osm ? OSM_COPYRIGHT_URL : NULL, 0, ONLINE_MAX_ZOOM, TILE_SIZE, SHUMATE_MAP_PROJECTION_MERCATOR,
    SHUMATE_DATA_SOURCE (tiles)));
}

static void
tiles_problem_cb (SitmapTileSources *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TILES_PROBLEM]);
}

/* Listens to the shown source's tiles when they come over the network; a source that is not shown
 * any more says nothing. */
static void
watch_tiles (SitmapTileSources *self, ShumateMapSource *map_source)
{
  g_autoptr (ShumateDataSource) data_source = NULL;
  SitmapTilesProblem before = sitmap_tile_sources_get_tiles_problem (self);

  if (SHUMATE_IS_RASTER_RENDERER (map_source))
    g_object_get (map_source, "data-source", &data_source, NULL);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_func (self->watched, tiles_problem_cb, self);
  g_clear_object (&self->watched);
  if (SITMAP_IS_ONLINE_TILES (data_source))
    {
      self->watched = SITMAP_ONLINE_TILES (g_object_ref (data_source));
      g_signal_connect_swapped (self->watched, "notify::problem", G_CALLBACK (tiles_problem_cb), self);
    }
  if (sitmap_tile_sources_get_tiles_problem (self) != before)
    tiles_problem_cb (self);
}

static void
tile_damaged_cb (SitmapMbtilesSource *mbtiles, int x, int y, int zoom, SitmapTileSources *self)
{
  /* Once each time the file is opened: one message is enough for the user. */
  g_signal_handlers_disconnect_by_func (mbtiles, tile_damaged_cb, self);
  g_signal_emit (self, signals[TILES_DAMAGED], 0, g_object_get_data (G_OBJECT (mbtiles), "sitmap-tile-source"));
}

static ShumateMapSource *
make_mbtiles_map_source (SitmapTileSources *self, SitmapTileSource *source, SitmapMbtilesSource *mbtiles)
{
  g_autofree char *id = map_source_id (source);
  const char *attribution = sitmap_mbtiles_source_get_attribution (mbtiles);

  if (attribution == NULL)
    attribution = sitmap_tile_source_get_attribution (source);
  g_object_set_data_full (G_OBJECT (mbtiles), "sitmap-tile-source", g_object_ref (source), g_object_unref);
  g_signal_connect_object (mbtiles, "tile-damaged", G_CALLBACK (tile_damaged_cb), self, 0);
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    id, sitmap_tile_source_get_name (source), attribution, NULL, sitmap_mbtiles_source_get_min_zoom (mbtiles),
    sitmap_mbtiles_source_get_max_zoom (mbtiles), TILE_SIZE, SHUMATE_MAP_PROJECTION_MERCATOR,
    SHUMATE_DATA_SOURCE (mbtiles)));
}

static void
show (SitmapTileSources *self, SitmapTileSource *source, ShumateMapSource *map_source, gboolean remember)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->current, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (g_set_object (&self->map_source, map_source))
    {
      watch_tiles (self, map_source);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP_SOURCE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  if (remember && self->settings != NULL)
    g_settings_set_string (self->settings, "map-source", sitmap_tile_source_get_id (source));
}

static void
cancel_opening (SitmapTileSources *self)
{
  if (self->opening == NULL)
    return;
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
opening_free (Opening *opening)
{
  g_object_unref (opening->self);
  g_object_unref (opening->source);
  g_object_unref (opening->cancellable);
  g_free (opening);
}

static void
open_failed (SitmapTileSources *self, SitmapTileSource *source, const GError *error, gboolean remember)
{
  g_message ("Could not open the map source “%s”: %s", sitmap_tile_source_get_name (source), error->message);
  if (sitmap_tile_source_get_kind (source) == SITMAP_TILE_SOURCE_OFFLINE)
    /* A plain background, never the network instead. */
    show (self, source, self->blank, remember);
  else if (self->current == NULL)
    /* At start: the remembered file is gone. */
    open_source (self, g_ptr_array_index (self->sources, 0), FALSE);
  g_signal_emit (self, signals[FAILED], 0, source, error);
}

/*
 * Callbacks
 */

static void
opened_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Opening *opening = user_data;
  SitmapTileSources *self = opening->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) mbtiles = sitmap_mbtiles_source_new_finish (result, &error);
  g_autoptr (ShumateMapSource) map_source = NULL;

  /* Another choice came since. */
  if (g_cancellable_is_cancelled (opening->cancellable))
    {
      opening_free (opening);
      return;
    }
  g_clear_object (&self->opening);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  /* Unless the source was removed meanwhile */
  if (find_position (self, sitmap_tile_source_get_id (opening->source)) != G_MAXUINT)
    {
      if (mbtiles == NULL)
        open_failed (self, opening->source, error, opening->remember);
      else
        {
          SitmapTileSource *source = with_guessed_place_names (self, opening->source, mbtiles);

          map_source = make_mbtiles_map_source (self, source, mbtiles);
          show (self, source, map_source, opening->remember);
        }
    }
  opening_free (opening);
}

static void
open_source (SitmapTileSources *self, SitmapTileSource *source, gboolean remember)
{
  g_autoptr (GFile) file = NULL;
  Opening *opening;

  cancel_opening (self);
  switch (sitmap_tile_source_get_kind (source))
    {
    case SITMAP_TILE_SOURCE_OSM:
    case SITMAP_TILE_SOURCE_XYZ:
      {
        g_autoptr (ShumateMapSource) map_source = make_online_map_source (source);

        show (self, source, map_source, remember);
        return;
      }
    case SITMAP_TILE_SOURCE_OFFLINE:
      file = sitmap_tile_sources_dup_basemap_file ();
      break;
    case SITMAP_TILE_SOURCE_MBTILES:
    default:
      file = g_file_new_for_uri (sitmap_tile_source_get_location (source));
      break;
    }

  self->opening = g_cancellable_new ();
  opening = g_new0 (Opening, 1);
  opening->self = g_object_ref (self);
  opening->source = g_object_ref (source);
  opening->cancellable = g_object_ref (self->opening);
  opening->remember = remember;
  /* The installed basemap never changes under Sitmap, and may sit on read-only media. */
  sitmap_mbtiles_source_new_async (file, sitmap_tile_source_get_kind (source) == SITMAP_TILE_SOURCE_OFFLINE,
                                   self->opening, opened_cb, opening);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Another window (or dconf) changed the user's sources: take them as they are now. */
static void
custom_changed_cb (GSettings *settings, const char *key, SitmapTileSources *self)
{
  g_autoptr (GVariant) stored = g_settings_get_value (settings, key);
  g_autoptr (GVariant) ours = custom_to_variant (self);
  guint old_n = self->sources->len - N_BUILT_IN;
  guint position;

  if (g_variant_equal (stored, ours))
    return;
  g_ptr_array_remove_range (self->sources, N_BUILT_IN, old_n);
  load_custom (self);
  g_list_model_items_changed (G_LIST_MODEL (self), N_BUILT_IN, old_n, self->sources->len - N_BUILT_IN);

  if (self->current == NULL || !sitmap_tile_source_is_custom (self->current))
    return;
  position = find_position (self, sitmap_tile_source_get_id (self->current));
  if (position == G_MAXUINT)
    open_source (self, g_ptr_array_index (self->sources, 0), FALSE);
  else if (g_set_object (&self->current, g_ptr_array_index (self->sources, position)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
mbtiles_added_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SitmapTileSources *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (ShumateMapSource) map_source = NULL;
  g_autoptr (SitmapMbtilesSource) mbtiles = NULL;
  SitmapTileSource *source;
  GError *error = NULL;

  if ((mbtiles = sitmap_mbtiles_source_new_finish (result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((source = find_by_location (self, SITMAP_TILE_SOURCE_MBTILES, uri)) == NULL)
    {
      g_autofree char *id = new_custom_id ("mbtiles");
      g_autofree char *name = NULL;

      if (sitmap_mbtiles_source_get_name (mbtiles) != NULL)
        name = g_strdup (sitmap_mbtiles_source_get_name (mbtiles));
      else if (g_str_has_suffix (sitmap_mbtiles_source_get_display_name (mbtiles), ".mbtiles"))
        name = g_strndup (sitmap_mbtiles_source_get_display_name (mbtiles),
                          strlen (sitmap_mbtiles_source_get_display_name (mbtiles)) - strlen (".mbtiles"));
      else
        name = g_strdup (sitmap_mbtiles_source_get_display_name (mbtiles));
      source = sitmap_tile_source_new (SITMAP_TILE_SOURCE_MBTILES, id, name, uri,
                                       sitmap_mbtiles_source_get_attribution (mbtiles));
      insert_source (self, self->sources->len, source);
      g_object_unref (source);
    }
  source = with_guessed_place_names (self, source, mbtiles);
  cancel_opening (self);
  map_source = make_mbtiles_map_source (self, source, mbtiles);
  show (self, source, map_source, TRUE);
  g_task_return_pointer (task, g_object_ref (source), g_object_unref);
}

/*
 * GListModel
 */

static GType
sitmap_tile_sources_get_item_type (GListModel *model)
{
  return SITMAP_TYPE_TILE_SOURCE;
}

static guint
sitmap_tile_sources_get_n_items (GListModel *model)
{
  return SITMAP_TILE_SOURCES (model)->sources->len;
}

static gpointer
sitmap_tile_sources_get_item (GListModel *model, guint position)
{
  SitmapTileSources *self = SITMAP_TILE_SOURCES (model);

  return position < self->sources->len ? g_object_ref (g_ptr_array_index (self->sources, position)) : NULL;
}

static void
sitmap_tile_sources_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sitmap_tile_sources_get_item_type;
  iface->get_n_items = sitmap_tile_sources_get_n_items;
  iface->get_item = sitmap_tile_sources_get_item;
}

/*
 * GObject
 */

static void
sitmap_tile_sources_dispose (GObject *object)
{
  SitmapTileSources *self = (SitmapTileSources *) object;

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_object (&self->settings);
  g_clear_object (&self->current);
  g_clear_object (&self->map_source);
  g_clear_object (&self->blank);
  g_clear_object (&self->removed);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_func (self->watched, tiles_problem_cb, self);
  g_clear_object (&self->watched);
  G_OBJECT_CLASS (sitmap_tile_sources_parent_class)->dispose (object);
}

static void
sitmap_tile_sources_finalize (GObject *object)
{
  SitmapTileSources *self = (SitmapTileSources *) object;

  g_ptr_array_unref (self->sources);
  G_OBJECT_CLASS (sitmap_tile_sources_parent_class)->finalize (object);
}

static void
sitmap_tile_sources_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapTileSources *self = SITMAP_TILE_SOURCES (object);

  switch (prop_id)
    {
    case PROP_CURRENT: g_value_set_object (value, self->current); break;
    case PROP_MAP_SOURCE: g_value_set_object (value, self->map_source); break;
    case PROP_BUSY: g_value_set_boolean (value, self->opening != NULL); break;
    case PROP_TILES_PROBLEM: g_value_set_uint (value, sitmap_tile_sources_get_tiles_problem (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_tile_sources_class_init (SitmapTileSourcesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_tile_sources_dispose;
  object_class->finalize = sitmap_tile_sources_finalize;
  object_class->get_property = sitmap_tile_sources_get_property;

  properties[PROP_CURRENT] = g_param_spec_object ("current", NULL, NULL, SITMAP_TYPE_TILE_SOURCE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAP_SOURCE] = g_param_spec_object ("map-source", NULL, NULL, SHUMATE_TYPE_MAP_SOURCE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* (SitmapTilesProblem) */
  properties[PROP_TILES_PROBLEM] = g_param_spec_uint ("tiles-problem", NULL, NULL, SITMAP_TILES_LOADING,
                                                      SITMAP_TILES_REFUSED, SITMAP_TILES_LOADING,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A chosen source could not be opened (the error names the file); the one shown before stays. */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, SITMAP_TYPE_TILE_SOURCE, G_TYPE_ERROR);
  /* A tile of this MBTiles source was damaged: once each time it is opened. */
  signals[TILES_DAMAGED] = g_signal_new ("tiles-damaged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, SITMAP_TYPE_TILE_SOURCE);

  /* Before any tile source exists, so before any download. */
  sitmap_user_agent_install ();
}

static void
sitmap_tile_sources_init (SitmapTileSources *self)
{
  g_autoptr (SitmapBlankSource) blank = sitmap_blank_source_new ();

  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->sources, sitmap_tile_source_new (SITMAP_TILE_SOURCE_OFFLINE, SITMAP_TILE_SOURCES_OFFLINE_ID,
                                                          _("Offline Basemap"), NULL, NULL));
  g_ptr_array_add (self->sources, sitmap_tile_source_new (SITMAP_TILE_SOURCE_OSM, SITMAP_TILE_SOURCES_OSM_ID,
                                                          "OpenStreetMap", OSM_URL_TEMPLATE, OSM_ATTRIBUTION));
  self->blank = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full ("sitmap-blank", "", NULL, NULL, 0, BLANK_MAX_ZOOM,
                                                                      TILE_SIZE, SHUMATE_MAP_PROJECTION_MERCATOR,
                                                                      SHUMATE_DATA_SOURCE (blank)));
  self->map_source = g_object_ref (self->blank);
}

/*
 * Public API
 */

SitmapTileSources *
sitmap_tile_sources_new (GSettings *settings)
{
  SitmapTileSources *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SITMAP_TYPE_TILE_SOURCES, NULL);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      load_custom (self);
      g_signal_connect_object (settings, "changed::custom-map-sources", G_CALLBACK (custom_changed_cb), self, 0);
    }
  return self;
}

void
sitmap_tile_sources_restore (SitmapTileSources *self)
{
  g_autofree char *id = NULL;
  guint position = 0;

  g_return_if_fail (SITMAP_IS_TILE_SOURCES (self));

  if (self->settings != NULL)
    id = g_settings_get_string (self->settings, "map-source");
  if (id != NULL && (position = find_position (self, id)) == G_MAXUINT)
    position = 0;
  open_source (self, g_ptr_array_index (self->sources, position), FALSE);
}

void
sitmap_tile_sources_choose (SitmapTileSources *self, const char *id)
{
  SitmapTileSource *source;

  g_return_if_fail (SITMAP_IS_TILE_SOURCES (self));

  if ((source = sitmap_tile_sources_lookup (self, id)) == NULL)
    {
      g_warning ("No map source “%s”", id);
      return;
    }
  /* Choosing the source shown again only retries a basemap that could not be opened. */
  if (source == self->current && self->map_source != self->blank && self->opening == NULL)
    return;
  open_source (self, source, TRUE);
}

SitmapTileSource *
sitmap_tile_sources_lookup (SitmapTileSources *self, const char *id)
{
  guint position;

  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), NULL);
  position = find_position (self, id);
  return position == G_MAXUINT ? NULL : g_ptr_array_index (self->sources, position);
}

SitmapTileSource *
sitmap_tile_sources_get_current (SitmapTileSources *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), NULL);
  return self->current;
}

ShumateMapSource *
sitmap_tile_sources_get_map_source (SitmapTileSources *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), NULL);
  return self->map_source;
}

SitmapTilesProblem
sitmap_tile_sources_get_tiles_problem (SitmapTileSources *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), SITMAP_TILES_LOADING);
  return self->watched != NULL ? sitmap_online_tiles_get_problem (self->watched) : SITMAP_TILES_LOADING;
}

gboolean
sitmap_tile_sources_get_busy (SitmapTileSources *self)
{
  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), FALSE);
  return self->opening != NULL;
}

void
sitmap_tile_sources_add_mbtiles_async (SitmapTileSources  *self,
                                       GFile              *file,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SITMAP_IS_TILE_SOURCES (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_tile_sources_add_mbtiles_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  sitmap_mbtiles_source_new_async (file, FALSE, cancellable, mbtiles_added_cb, g_steal_pointer (&task));
}

SitmapTileSource *
sitmap_tile_sources_add_mbtiles_finish (SitmapTileSources *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

SitmapTileSource *
sitmap_tile_sources_add_online (SitmapTileSources *self,
                                const char        *name,
                                const char        *url_template,
                                const char        *attribution,
                                GError           **error)
{
  g_autofree char *clean_template = g_strstrip (g_strdup (url_template ? url_template : ""));
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *clean_attribution = g_strstrip (g_strdup (attribution ? attribution : ""));
  g_autoptr (SitmapTileSource) source = NULL;
  SitmapTileSource *existing;
  guint position;

  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), NULL);

  if (!sitmap_tile_sources_check_url_template (clean_template, error))
    return NULL;
  if (*clean_name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Give the source a name"));
      return NULL;
    }

  /* The same server again: its new name and attribution replace the old ones, in the same place. */
  existing = find_by_location (self, SITMAP_TILE_SOURCE_XYZ, clean_template);
  if (existing != NULL)
    {
      position = find_position (self, sitmap_tile_source_get_id (existing));
      source = sitmap_tile_source_new (SITMAP_TILE_SOURCE_XYZ, sitmap_tile_source_get_id (existing), clean_name,
                                       clean_template, clean_attribution);
      g_ptr_array_remove_index (self->sources, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  else
    {
      g_autofree char *id = new_custom_id ("xyz");

      position = self->sources->len;
      source = sitmap_tile_source_new (SITMAP_TILE_SOURCE_XYZ, id, clean_name, clean_template, clean_attribution);
    }
  insert_source (self, position, source);
  open_source (self, source, TRUE);
  return source;
}

void
sitmap_tile_sources_remove (SitmapTileSources *self, const char *id)
{
  g_autoptr (SitmapTileSource) source = NULL;
  guint position;

  g_return_if_fail (SITMAP_IS_TILE_SOURCES (self));

  position = find_position (self, id);
  g_return_if_fail (position != G_MAXUINT && position >= N_BUILT_IN);

  source = g_ptr_array_steal_index (self->sources, position);
  g_set_object (&self->removed, source);
  self->removed_position = position;
  self->removed_was_current = source == self->current;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  save_custom (self);
  if (self->removed_was_current)
    open_source (self, g_ptr_array_index (self->sources, 0), TRUE);
}

gboolean
sitmap_tile_sources_undo_remove (SitmapTileSources *self)
{
  g_autoptr (SitmapTileSource) source = NULL;

  g_return_val_if_fail (SITMAP_IS_TILE_SOURCES (self), FALSE);

  source = g_steal_pointer (&self->removed);
  if (source == NULL || find_position (self, sitmap_tile_source_get_id (source)) != G_MAXUINT)
    return FALSE;
  insert_source (self, CLAMP (self->removed_position, N_BUILT_IN, self->sources->len), source);
  if (self->removed_was_current)
    open_source (self, source, TRUE);
  return TRUE;
}

void
sitmap_tile_sources_set_place_names (SitmapTileSources *self, const char *id, gboolean has_place_names)
{
  g_autoptr (SitmapTileSource) chosen = NULL;
  SitmapTileSource *source;

  g_return_if_fail (SITMAP_IS_TILE_SOURCES (self));

  source = sitmap_tile_sources_lookup (self, id);
  g_return_if_fail (source != NULL && sitmap_tile_source_is_custom (source));

  if (sitmap_tile_source_get_place_names_chosen (source) && sitmap_tile_source_has_place_names (source) == !!has_place_names)
    return;
  chosen = sitmap_tile_source_copy_with_place_names (source, has_place_names, TRUE);
  replace_source (self, chosen);
  save_custom (self);
}

gboolean
sitmap_tile_sources_check_url_template (const char *url_template, GError **error)
{
  static const char *const placeholders[] = { "{x}", "{y}", "{z}", "{tmsy}" };
  g_autoptr (GString) filled = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *brace;

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the address of the tiles"));
      return FALSE;
    }
  filled = g_string_new (url_template);
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    g_string_replace (filled, placeholders[i], "0", 0);
  if ((brace = strchr (filled->str, '{')) != NULL)
    {
      g_autofree char *unknown = g_strndup (brace, strcspn (brace, "}") + 1);

      /* Leaflet's templates spread requests over servers a, b and c; one of them is enough. */
      if (g_str_equal (unknown, "{s}"))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Sitmap does not know the placeholder “{s}”: write one of the server’s names "
                               "instead, such as “a”"));
      else
        /* TRANSLATORS: %s is a placeholder in a tile address that Sitmap does not know, such as {r} */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Sitmap does not know the placeholder “%s”: use {x}, {y} and {z}"), unknown);
      return FALSE;
    }
  if (strstr (url_template, "{x}") == NULL || strstr (url_template, "{z}") == NULL ||
      (strstr (url_template, "{y}") == NULL && strstr (url_template, "{tmsy}") == NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The address needs {x}, {y} and {z} where the tile’s column, row and zoom level go"));
      return FALSE;
    }
  uri = g_uri_parse (filled->str, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("This is not a web address"));
      return FALSE;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The address must start with https:// or http://"));
      return FALSE;
    }
  return TRUE;
}

GFile *
sitmap_tile_sources_dup_basemap_file (void)
{
  const char *path = g_getenv ("SITMAP_BASEMAP");

  if (path != NULL && *path != '\0')
    return g_file_new_for_path (path);
  return g_file_new_for_path (PKGDATADIR "/basemap/sitmap-basemap.mbtiles");
}
