/* test-tile-sources.c: the map sources, the chooser in the window, what is remembered, and that
 * offline means offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-tile-sources"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sitmap-blank-source.h"
#include "sitmap-mbtiles-source.h"
#include "sitmap-online-source-dialog.h"
#include "sitmap-online-tiles.h"
#include "sitmap-source-chooser.h"
#include "sitmap-tile-sources.h"
#include "sitmap-user-agent.h"
#include "sitmap-window.h"
#include "tiles-test-utils.h"

#define SERVER_COLOR 0x3366cc

static char *tmp_dir;
static char *basemap_path;
static char *imagery_path;
static char *broken_path;
static char *damaged_path;
static char *labelled_path;
static GSettings *settings;

/*
 * A tile server on the loopback interface: it answers every request with one PNG, and keeps the
 * request lines and user agents it saw.
 */

typedef struct
{
  GSocketService *service;
  guint16         port;
  GBytes         *png;
  GMutex          lock;
  GPtrArray      *requests;
  GPtrArray      *agents;
  gboolean        refusing; /* answers 503 instead of tiles */
} Server;

static Server server;

static gboolean
serve_cb (GThreadedSocketService *service, GSocketConnection *connection, GObject *source_object, gpointer user_data)
{
  GInputStream *base = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr (GDataInputStream) input = g_data_input_stream_new (base);
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *request = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *header = NULL;
  char *line;

  g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  while ((line = g_data_input_stream_read_line (input, NULL, NULL, NULL)) != NULL && *line != '\0')
    {
      if (request == NULL)
        request = g_strdup (line);
      else if (g_ascii_strncasecmp (line, "User-Agent:", 11) == 0)
        agent = g_strstrip (g_strdup (line + 11));
      g_free (line);
    }
  g_free (line);

  g_mutex_lock (&server.lock);
  g_ptr_array_add (server.requests, g_strdup (request));
  g_ptr_array_add (server.agents, g_strdup (agent));
  if (server.refusing)
    {
      static const char refusal[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

      g_mutex_unlock (&server.lock);
      g_output_stream_write_all (output, refusal, strlen (refusal), NULL, NULL, NULL);
      return TRUE;
    }
  g_mutex_unlock (&server.lock);

  header = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: %" G_GSIZE_FORMAT
                            "\r\nConnection: close\r\n\r\n",
                            g_bytes_get_size (server.png));
  g_output_stream_write_all (output, header, strlen (header), NULL, NULL, NULL);
  g_output_stream_write_all (output, g_bytes_get_data (server.png, NULL), g_bytes_get_size (server.png), NULL, NULL,
                             NULL);
  return TRUE;
}

static void
server_start (void)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  g_mutex_init (&server.lock);
  server.requests = g_ptr_array_new_with_free_func (g_free);
  server.agents = g_ptr_array_new_with_free_func (g_free);
  server.png = tiles_image (SERVER_COLOR, "png");
  server.service = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server.service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  server.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server.service, "run", G_CALLBACK (serve_cb), NULL);
  g_socket_service_start (server.service);
}

static void
server_stop (void)
{
  g_socket_service_stop (server.service);
  g_socket_listener_close (G_SOCKET_LISTENER (server.service));
  g_clear_object (&server.service);
  g_clear_pointer (&server.png, g_bytes_unref);
  g_clear_pointer (&server.requests, g_ptr_array_unref);
  g_clear_pointer (&server.agents, g_ptr_array_unref);
  g_mutex_clear (&server.lock);
}

static char *
server_template (void)
{
  return g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", server.port);
}

/*
 * Helpers
 */

static void
reset_settings (void)
{
  g_settings_reset (settings, "map-source");
  g_settings_reset (settings, "custom-map-sources");
}

static guint
n_custom_in_settings (void)
{
  g_autoptr (GVariant) list = g_settings_get_value (settings, "custom-map-sources");

  return g_variant_n_children (list);
}

static char *
remembered_choice (void)
{
  return g_settings_get_string (settings, "map-source");
}

static ShumateDataSource *
data_source_of (ShumateMapSource *map_source)
{
  ShumateDataSource *data_source = NULL;

  g_assert_true (SHUMATE_IS_RASTER_RENDERER (map_source));
  g_object_get (map_source, "data-source", &data_source, NULL);
  /* the renderer keeps it */
  g_object_unref (data_source);
  return data_source;
}

/* How many ShumateTileDownloaders exist. GObject counts instances only in debug builds of GLib, so
 * the test counts them itself, from the class's constructed and finalize. */
static int n_live_downloaders;
static void (*downloader_constructed) (GObject *object);
static void (*downloader_finalize) (GObject *object);

static void
counting_constructed (GObject *object)
{
  g_atomic_int_inc (&n_live_downloaders);
  downloader_constructed (object);
}

static void
counting_finalize (GObject *object)
{
  g_atomic_int_add (&n_live_downloaders, -1);
  downloader_finalize (object);
}

static void
count_downloaders (void)
{
  GObjectClass *klass = g_type_class_ref (SHUMATE_TYPE_TILE_DOWNLOADER);

  downloader_constructed = klass->constructed;
  downloader_finalize = klass->finalize;
  klass->constructed = counting_constructed;
  klass->finalize = counting_finalize;
}

static guint
n_downloaders (void)
{
  return g_atomic_int_get (&n_live_downloaders);
}

typedef struct
{
  SitmapTileSources *sources;
  const char        *id;
} CurrentIs;

static gboolean
current_is (gpointer data)
{
  CurrentIs *wanted = data;
  SitmapTileSource *current = sitmap_tile_sources_get_current (wanted->sources);

  return current != NULL && g_strcmp0 (sitmap_tile_source_get_id (current), wanted->id) == 0 &&
         !sitmap_tile_sources_get_busy (wanted->sources);
}

static gboolean
no_downloader (gpointer data)
{
  return n_downloaders () == 0;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean (*condition) (gpointer), gpointer data, const char *what)
{
  guint timeout = g_timeout_add_seconds (60, timed_out_cb, (gpointer) what);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
wait_for_current (SitmapTileSources *sources, const char *id)
{
  CurrentIs wanted = { sources, id };

  wait_until (current_is, &wanted, id);
}

typedef struct
{
  gboolean          done;
  SitmapTileSource *source;
  GError           *error;
} Added;

static void
added_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Added *added = user_data;

  added->source = sitmap_tile_sources_add_mbtiles_finish (SITMAP_TILE_SOURCES (object), result, &added->error);
  g_assert_true ((added->source != NULL) != (added->error != NULL));
  added->done = TRUE;
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Adds the file and returns the source shown then, or NULL and the error. */
static SitmapTileSource *
add_file (SitmapTileSources *sources, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapTileSource) source = NULL;
  Added added = { FALSE, NULL, NULL };

  sitmap_tile_sources_add_mbtiles_async (sources, file, NULL, added_cb, &added);
  tiles_wait_for (&added.done);
  if (added.error != NULL)
    {
      g_propagate_error (error, added.error);
      return NULL;
    }
  source = added.source;
  g_assert_true (sitmap_tile_sources_get_current (sources) == source);
  return sitmap_tile_sources_get_current (sources);
}

static SitmapWindow *
new_window (void)
{
  SitmapWindow *window = g_object_new (SITMAP_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static SitmapTileSources *
window_sources (SitmapWindow *window)
{
  return sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));
}

static ShumateMapSource *
window_map_source (SitmapWindow *window)
{
  return shumate_simple_map_get_map_source (sitmap_window_get_map (window));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
destroy_window (SitmapWindow *window)
{
  gpointer pointer = window;

  g_object_add_weak_pointer (G_OBJECT (window), &pointer);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (window_gone, &pointer, "the window to go");
}

static void
message_cb (SitmapSourceChooser *chooser, const char *text, const char *undo_action, gpointer user_data)
{
  GPtrArray *messages = user_data;

  g_ptr_array_add (messages, g_strdup (text));
  g_ptr_array_add (messages, g_strdup (undo_action));
}

static gboolean
has_messages (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/*
 * Tests of the sources
 */

/* The first start shows the offline basemap, and no tile downloader exists. */
static void
test_default_is_offline (void)
{
  g_autoptr (SitmapTileSources) sources = sitmap_tile_sources_new (settings);
  ShumateMapSource *map_source;

  reset_settings ();
  /* before anything opened: blank, never nothing */
  g_assert_true (SITMAP_IS_BLANK_SOURCE (data_source_of (sitmap_tile_sources_get_map_source (sources))));
  sitmap_tile_sources_restore (sources);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  map_source = sitmap_tile_sources_get_map_source (sources);
  g_assert_true (SITMAP_IS_MBTILES_SOURCE (data_source_of (map_source)));
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 6);
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© Test basemap");
  g_assert_cmpuint (n_downloaders (), ==, 0);

  /* The count is real: an online source makes one. */
  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OSM_ID);
  g_assert_cmpuint (n_downloaders (), ==, 1);
  map_source = sitmap_tile_sources_get_map_source (sources);
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© OpenStreetMap contributors");
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 19);
  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_cmpuint (n_downloaders (), ==, 0);
}

static void
failed_cb (SitmapTileSources *sources, SitmapTileSource *source, GError *error, gpointer user_data)
{
  GError **failure = user_data;

  g_assert_null (*failure);
  *failure = g_error_copy (error);
}

/* A broken install: a plain background and a reason, never the network. */
static void
test_basemap_missing (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (GError) failure = NULL;

  reset_settings ();
  g_setenv ("SITMAP_BASEMAP", "/nonexistent/sitmap-basemap.mbtiles", TRUE);
  sources = sitmap_tile_sources_new (settings);
  g_signal_connect (sources, "failed", G_CALLBACK (failed_cb), &failure);
  sitmap_tile_sources_restore (sources);
  wait_until (error_set, &failure, "the failure");
  g_setenv ("SITMAP_BASEMAP", basemap_path, TRUE);

  g_assert_error (failure, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (sitmap_tile_source_get_id (sitmap_tile_sources_get_current (sources)), ==,
                   SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_true (SITMAP_IS_BLANK_SOURCE (data_source_of (sitmap_tile_sources_get_map_source (sources))));
  g_assert_cmpuint (n_downloaders (), ==, 0);

  /* Choosing it again tries again. */
  g_clear_error (&failure);
  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_true (SITMAP_IS_MBTILES_SOURCE (data_source_of (sitmap_tile_sources_get_map_source (sources))));
  g_assert_null (failure);
}

static void
test_add_mbtiles (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (SitmapTileSources) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *choice = NULL;
  SitmapTileSource *source;
  g_autofree char *id = NULL;

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  sitmap_tile_sources_restore (sources);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);

  source = add_file (sources, imagery_path, &error);
  g_assert_no_error (error);
  id = g_strdup (sitmap_tile_source_get_id (source));
  g_assert_cmpint (sitmap_tile_source_get_kind (source), ==, SITMAP_TILE_SOURCE_MBTILES);
  g_assert_cmpstr (sitmap_tile_source_get_name (source), ==, "Sukhna imagery");
  g_assert_true (sitmap_tile_source_is_custom (source));
  g_assert_false (sitmap_tile_source_is_online (source));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (sitmap_tile_sources_get_map_source (sources)), ==, 4);
  g_assert_cmpstr (shumate_map_source_get_license (sitmap_tile_sources_get_map_source (sources)), ==,
                   "© Test imagery");
  choice = remembered_choice ();
  g_assert_cmpstr (choice, ==, id);
  g_assert_cmpuint (n_custom_in_settings (), ==, 1);

  /* The same file again is the same source. */
  source = add_file (sources, imagery_path, &error);
  g_assert_cmpstr (sitmap_tile_source_get_id (source), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);

  /* What a restart sees */
  again = sitmap_tile_sources_new (settings);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  sitmap_tile_sources_restore (again);
  wait_for_current (again, id);
  g_assert_true (SITMAP_IS_MBTILES_SOURCE (data_source_of (sitmap_tile_sources_get_map_source (again))));
}

static gboolean
remembered_place_names (const char *id, gboolean *place_names)
{
  g_autoptr (GVariant) list = g_settings_get_value (settings, "custom-map-sources");

  for (gsize i = 0; i < g_variant_n_children (list); i++)
    {
      g_autoptr (GVariant) entry = g_variant_get_child_value (list, i);
      g_auto (GVariantDict) dict = G_VARIANT_DICT_INIT (entry);
      const char *entry_id;

      if (g_variant_dict_lookup (&dict, "id", "&s", &entry_id) && g_str_equal (entry_id, id))
        return g_variant_dict_lookup (&dict, "place-names", "b", place_names);
    }
  g_assert_not_reached ();
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Whether a source's tiles name places: guessed from an MBTiles file's metadata (so the map does not
 * name its towns twice), corrected by the user, and the correction remembered with the source. */
static void
test_place_names (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (SitmapTileSources) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  SitmapTileSource *source;
  gboolean remembered;
  guint n_notified = 0;

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  sitmap_tile_sources_restore (sources);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_true (sitmap_tile_source_has_place_names (sitmap_tile_sources_get_current (sources)));

  /* Imagery does not name places; a street map that says it has labels does. */
  source = add_file (sources, imagery_path, &error);
  g_assert_no_error (error);
  g_assert_false (sitmap_tile_source_has_place_names (source));
  source = add_file (sources, labelled_path, &error);
  g_assert_no_error (error);
  id = g_strdup (sitmap_tile_source_get_id (source));
  g_assert_true (sitmap_tile_source_has_place_names (source));
  g_assert_false (sitmap_tile_source_get_place_names_chosen (source));
  /* A guess is not remembered: it is made again from the file. */
  g_assert_false (remembered_place_names (id, &remembered));

  /* The user says otherwise: the shown source says so at once, and the word is remembered. */
  g_signal_connect (sources, "notify::current", G_CALLBACK (count_notify_cb), &n_notified);
  sitmap_tile_sources_set_place_names (sources, id, FALSE);
  source = sitmap_tile_sources_get_current (sources);
  g_assert_cmpstr (sitmap_tile_source_get_id (source), ==, id);
  g_assert_false (sitmap_tile_source_has_place_names (source));
  g_assert_true (sitmap_tile_source_get_place_names_chosen (source));
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_true (sitmap_tile_sources_lookup (sources, id) == source);
  g_assert_true (remembered_place_names (id, &remembered));
  g_assert_false (remembered);

  /* After a restart, opening the file does not guess over the user's word. */
  again = sitmap_tile_sources_new (settings);
  sitmap_tile_sources_restore (again);
  wait_for_current (again, id);
  g_assert_false (sitmap_tile_source_has_place_names (sitmap_tile_sources_get_current (again)));

  sitmap_tile_sources_set_place_names (sources, id, TRUE);
  g_assert_true (sitmap_tile_source_has_place_names (sitmap_tile_sources_get_current (sources)));
  g_assert_true (remembered_place_names (id, &remembered));
  g_assert_true (remembered);
}

/* A broken file changes nothing: not shown, not listed, not remembered. */
static void
test_broken_refused (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *choice = NULL;
  SitmapTileSource *shown;

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  sitmap_tile_sources_restore (sources);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  shown = add_file (sources, imagery_path, &error);
  g_assert_no_error (error);

  g_assert_null (add_file (sources, broken_path, &error));
  g_assert_error (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES);
  g_assert_true (sitmap_tile_sources_get_current (sources) == shown);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_cmpuint (n_custom_in_settings (), ==, 1);
  choice = remembered_choice ();
  g_assert_cmpstr (choice, ==, sitmap_tile_source_get_id (shown));
}

/* A remembered file that is gone: the offline basemap instead, and the user is told. */
static void
test_remembered_file_gone (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (SitmapTileSources) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) failure = NULL;
  g_autofree char *copy = g_build_filename (tmp_dir, "moved.mbtiles", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  reset_settings ();
  g_assert_true (g_file_get_contents (imagery_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  sources = sitmap_tile_sources_new (settings);
  add_file (sources, copy, &error);
  g_assert_no_error (error);
  g_unlink (copy);

  again = sitmap_tile_sources_new (settings);
  g_signal_connect (again, "failed", G_CALLBACK (failed_cb), &failure);
  sitmap_tile_sources_restore (again);
  wait_for_current (again, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_error (failure, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (failure->message, "moved.mbtiles"));
  /* still listed, for when the drive is back */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
}

static void
damaged_cb (SitmapTileSources *sources, SitmapTileSource *source, gpointer user_data)
{
  g_assert_cmpstr (sitmap_tile_source_get_name (source), ==, "Damaged");
  (*(int *) user_data)++;
}

/* Damaged tiles stay blank; the user hears of it once, not once a tile. */
static void
test_damaged_tiles (void)
{
  g_autoptr (SitmapTileSources) sources = sitmap_tile_sources_new (NULL);
  g_autoptr (GError) error = NULL;
  ShumateDataSource *data_source;
  int damaged = 0;

  add_file (sources, damaged_path, &error);
  g_assert_no_error (error);
  g_signal_connect (sources, "tiles-damaged", G_CALLBACK (damaged_cb), &damaged);
  data_source = data_source_of (sitmap_tile_sources_get_map_source (sources));
  for (int x = 0; x < 2; x++)
    {
      g_autoptr (GBytes) bytes = tiles_fetch (data_source, x, 1, 1, NULL, &error);

      g_assert_null (bytes);
      g_assert_error (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_DAMAGED);
      g_clear_error (&error);
    }
  g_assert_cmpint (damaged, ==, 1);
}

static void
test_online (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = server_template ();
  g_autofree char *choice = NULL;
  SitmapTileSource *source;
  ShumateMapSource *map_source;

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  source = sitmap_tile_sources_add_online (sources, "  Local tiles ", url, "© Local <b>tiles</b>", &error);
  g_assert_no_error (error);
  g_assert_true (sitmap_tile_sources_get_current (sources) == source);
  g_assert_cmpstr (sitmap_tile_source_get_name (source), ==, "Local tiles");
  g_assert_true (sitmap_tile_source_is_online (source));
  map_source = sitmap_tile_sources_get_map_source (sources);
  /* libshumate's downloader fetches the tiles; Sitmap only listens to how each request ends. */
  g_assert_true (SITMAP_IS_ONLINE_TILES (data_source_of (map_source)));
  /* shown as typed: ShumateLicense shows plain text */
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© Local <b>tiles</b>");
  choice = remembered_choice ();
  g_assert_cmpstr (choice, ==, sitmap_tile_source_get_id (source));
  g_assert_cmpuint (n_custom_in_settings (), ==, 1);

  /* The same template again: renamed in place, not listed twice. */
  source = sitmap_tile_sources_add_online (sources, "Renamed", url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_cmpstr (sitmap_tile_source_get_name (source), ==, "Renamed");
  g_assert_null (sitmap_tile_source_get_attribution (source));

  g_assert_null (sitmap_tile_sources_add_online (sources, "", url, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (
    sitmap_tile_sources_add_online (sources, "Bad", "https://example.org/{s}/{z}/{x}/{y}.png", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);

  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_until (no_downloader, NULL, "the downloader to go");
}

/* A port on the loopback interface where nothing listens: a request there fails at once, as one does
 * without a network, and reaches no network. */
static guint16
closed_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static void
set_refusing (gboolean refusing)
{
  g_mutex_lock (&server.lock);
  server.refusing = refusing;
  g_mutex_unlock (&server.lock);
}

/* Fetches tiles of the shown source (a new one each time: none from the cache) and returns whether
 * the last one loaded. */
static gboolean
fetch_tiles (SitmapTileSources *sources, guint n, int *next)
{
  gboolean loaded = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      int x = (*next)++;

      bytes = tiles_fetch (data_source_of (sitmap_tile_sources_get_map_source (sources)), x % 64, x / 64, 6, NULL,
                           &error);
      loaded = bytes != NULL;
    }
  return loaded;
}

/* Without a network an online source's tiles fail one by one: after a few in a row the sources say the
 * tiles cannot be loaded (once, not per tile), and say it no more when one loads or another source is
 * shown. A server that answers errors is told apart from one that cannot be reached. */
static void
test_tiles_problem (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", closed_port ());
  g_autofree char *refusing = g_strdup_printf ("http://127.0.0.1:%u/refusing/{z}/{x}/{y}.png", server.port);
  guint n_notified = 0;
  int next = 0;

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  g_signal_connect (sources, "notify::tiles-problem", G_CALLBACK (count_notify_cb), &n_notified);
  sitmap_tile_sources_add_online (sources, "Nobody listens", closed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_tile_sources_get_tiles_problem (sources), ==, SITMAP_TILES_LOADING);
  /* One tile is not enough to say so. */
  g_assert_false (fetch_tiles (sources, SITMAP_ONLINE_TILES_FAILURES - 1, &next));
  g_assert_cmpuint (sitmap_tile_sources_get_tiles_problem (sources), ==, SITMAP_TILES_LOADING);
  g_assert_false (fetch_tiles (sources, 1, &next));
  g_assert_cmpuint (sitmap_tile_sources_get_tiles_problem (sources), ==, SITMAP_TILES_NO_NETWORK);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_false (fetch_tiles (sources, 5, &next));
  g_assert_cmpuint (n_notified, ==, 1);

  /* The offline basemap: nothing to say. */
  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_cmpuint (sitmap_tile_sources_get_tiles_problem (sources), ==, SITMAP_TILES_LOADING);
  g_assert_cmpuint (n_notified, ==, 2);

  /* A server that answers, with errors; then tiles again. */
  set_refusing (TRUE);
  sitmap_tile_sources_add_online (sources, "Refusing", refusing, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (fetch_tiles (sources, SITMAP_ONLINE_TILES_FAILURES, &next));
  g_assert_cmpuint (sitmap_tile_sources_get_tiles_problem (sources), ==, SITMAP_TILES_REFUSED);
  set_refusing (FALSE);
  g_assert_true (fetch_tiles (sources, 1, &next));
  g_assert_cmpuint (sitmap_tile_sources_get_tiles_problem (sources), ==, SITMAP_TILES_LOADING);

  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
}

static void
test_url_templates (void)
{
  static const char *const good[] = {
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "http://localhost:8080/tiles/{z}/{x}/{tmsy}.jpg",
    "https://example.org/wmts?layer=a&z={z}&x={x}&y={y}",
  };
  static const struct
  {
    const char *url_template;
    const char *why;
  } bad[] = {
    { "", "Enter" },
    { "https://{s}.tile.example.org/{z}/{x}/{y}.png", "such as “a”" },
    { "https://example.org/{z}/{x}/{y}{r}.png", "“{r}”" },
    { "https://example.org/{z}/{x}.png", "{x}, {y} and {z}" },
    { "ftp://example.org/{z}/{x}/{y}.png", "https://" },
    { "file:///home/me/{z}/{x}/{y}.png", "web address" },
    { "not a url {z} {x} {y}", "web address" },
    { "https:///{z}/{x}/{y}", "web address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (sitmap_tile_sources_check_url_template (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (sitmap_tile_sources_check_url_template (bad[i].url_template, &error));
      g_test_message ("%s: %s", bad[i].url_template, error->message);
      g_assert_nonnull (strstr (error->message, bad[i].why));
    }
}

static void
test_remove_and_undo (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = server_template ();
  g_autofree char *id = NULL;
  g_autofree char *choice = NULL;
  SitmapTileSource *source;

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  add_file (sources, imagery_path, &error);
  g_assert_no_error (error);
  source = sitmap_tile_sources_add_online (sources, "Local", url, NULL, &error);
  id = g_strdup (sitmap_tile_source_get_id (source));

  sitmap_tile_sources_remove (sources, id);
  g_assert_null (sitmap_tile_sources_lookup (sources, id));
  g_assert_cmpuint (n_custom_in_settings (), ==, 1);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  choice = remembered_choice ();
  g_assert_cmpstr (choice, ==, SITMAP_TILE_SOURCES_OFFLINE_ID);

  g_assert_true (sitmap_tile_sources_undo_remove (sources));
  g_assert_false (sitmap_tile_sources_undo_remove (sources));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 4);
  g_assert_cmpuint (n_custom_in_settings (), ==, 2);
  /* it was shown: it is shown again */
  wait_for_current (sources, id);
}

/* Tiles come down with Sitmap's name on them, as OpenStreetMap's policy asks, and are cached in the
 * user's cache folder. */
static void
test_user_agent (void)
{
  g_autoptr (SitmapTileSources) sources = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *url = server_template ();
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "shumate", "cache.db", NULL);

  reset_settings ();
  sources = sitmap_tile_sources_new (settings);
  sitmap_tile_sources_add_online (sources, "Local", url, NULL, &error);
  g_assert_no_error (error);
  bytes = tiles_fetch (data_source_of (sitmap_tile_sources_get_map_source (sources)), 3, 5, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (tiles_image_color (bytes), ==, SERVER_COLOR);

  g_mutex_lock (&server.lock);
  g_assert_cmpuint (server.requests->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (server.requests, server.requests->len - 1), ==, "GET /4/3/5.png HTTP/1.1");
  g_assert_cmpstr (g_ptr_array_index (server.agents, server.agents->len - 1), ==, SITMAP_USER_AGENT);
  g_mutex_unlock (&server.lock);
  g_assert_true (g_str_has_prefix (SITMAP_USER_AGENT, "Sitmap/" PACKAGE_VERSION " (+https://"));
  g_assert_true (g_file_test (cache, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (cache, tmp_dir));
}

/*
 * Tests of the chooser in the window
 */

static double
latitude (ShumateViewport *viewport)
{
  return shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
}

static double
longitude (ShumateViewport *viewport)
{
  return shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
}

/* The window opens on the offline basemap; switching keeps the view, within each source's zooms. */
static void
test_window_switch_keeps_view (void)
{
  SitmapWindow *window;
  SitmapSourceChooser *chooser;
  SitmapTileSources *sources;
  ShumateViewport *viewport;
  SitmapTileSource *imagery;
  SitmapTileSource *source;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = server_template ();
  g_autofree char *online_id = NULL;

  reset_settings ();
  window = new_window ();
  chooser = sitmap_window_get_source_chooser (window);
  sources = window_sources (window);
  viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_true (window_map_source (window) == sitmap_tile_sources_get_map_source (sources));
  g_assert_true (SITMAP_IS_MBTILES_SOURCE (data_source_of (window_map_source (window))));
  g_assert_cmpuint (n_downloaders (), ==, 0);

  source = sitmap_tile_sources_add_online (sources, "Local", url, NULL, &error);
  online_id = g_strdup (sitmap_tile_source_get_id (source));
  g_assert_no_error (error);
  g_assert_true (window_map_source (window) == sitmap_tile_sources_get_map_source (sources));
  shumate_viewport_set_zoom_level (viewport, 8);
  shumate_map_center_on (shumate_simple_map_get_map (sitmap_window_get_map (window)), 34.8853, 38.8711);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 8);

  /* imagery goes to zoom 4: the zoom comes down to it, the center stays */
  imagery = add_file (sources, imagery_path, &error);
  g_assert_no_error (error);
  g_assert_true (window_map_source (window) == sitmap_tile_sources_get_map_source (sources));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 4);
  g_assert_cmpfloat_with_epsilon (latitude (viewport), 34.8853, 1e-6);
  g_assert_cmpfloat_with_epsilon (longitude (viewport), 38.8711, 1e-6);

  /* through the menu's action, as a click on a radio item does */
  gtk_widget_activate_action (GTK_WIDGET (chooser), "map.source", "s", SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_true (window_map_source (window) == sitmap_tile_sources_get_map_source (sources));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 4);
  g_assert_cmpfloat_with_epsilon (latitude (viewport), 34.8853, 1e-6);
  g_assert_cmpuint (shumate_viewport_get_max_zoom_level (viewport), ==, 6);

  gtk_widget_activate_action (GTK_WIDGET (chooser), "map.source", "s", online_id);
  wait_for_current (sources, online_id);
  g_assert_cmpuint (shumate_viewport_get_max_zoom_level (viewport), ==, 19);
  g_assert_cmpuint (shumate_viewport_get_min_zoom_level (viewport), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (chooser), "map.source", "s", sitmap_tile_source_get_id (imagery));
  wait_for_current (sources, sitmap_tile_source_get_id (imagery));
  destroy_window (window);
}

static guint
n_radio_items (GMenuModel *menu)
{
  GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  guint n = g_menu_model_get_n_items (section);

  g_object_unref (section);
  return n;
}

/* Both kinds of source the user adds, and the choice, survive a restart. */
static void
test_window_restart (void)
{
  SitmapWindow *window;
  SitmapTileSources *sources;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = server_template ();
  g_autofree char *online_id = NULL;
  g_autofree char *imagery_id = NULL;
  SitmapTileSource *source;
  GMenuModel *menu;

  reset_settings ();
  window = new_window ();
  sources = window_sources (window);
  imagery_id = g_strdup (sitmap_tile_source_get_id (add_file (sources, imagery_path, &error)));
  g_assert_no_error (error);
  source = sitmap_tile_sources_add_online (sources, "Local tiles", url, "© Local", &error);
  online_id = g_strdup (sitmap_tile_source_get_id (source));
  g_assert_no_error (error);
  destroy_window (window);

  window = new_window ();
  sources = window_sources (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 4);
  g_assert_cmpstr (sitmap_tile_source_get_name (sitmap_tile_sources_lookup (sources, imagery_id)), ==,
                   "Sukhna imagery");
  g_assert_cmpstr (sitmap_tile_source_get_name (sitmap_tile_sources_lookup (sources, online_id)), ==, "Local tiles");
  wait_for_current (sources, online_id);
  g_assert_true (SITMAP_IS_ONLINE_TILES (data_source_of (window_map_source (window))));
  g_assert_cmpstr (shumate_map_source_get_license (window_map_source (window)), ==, "© Local");
  /* The menu lists all four, then whether the map names towns over them, then what adds and removes. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (gtk_widget_get_first_child (
    GTK_WIDGET (sitmap_window_get_source_chooser (window)))));
  g_assert_cmpuint (n_radio_items (menu), ==, 4);
  g_assert_cmpuint (g_menu_model_get_n_items (menu), ==, 4);

  gtk_widget_activate_action (GTK_WIDGET (sitmap_window_get_source_chooser (window)), "map.source", "s", imagery_id);
  wait_for_current (sources, imagery_id);
  destroy_window (window);

  window = new_window ();
  wait_for_current (window_sources (window), imagery_id);
  g_assert_true (SITMAP_IS_MBTILES_SOURCE (data_source_of (window_map_source (window))));
  destroy_window (window);
}

/* A broken file: a toast that names it and says why; the source shown stays. */
static void
test_window_broken_file (void)
{
  SitmapWindow *window;
  SitmapSourceChooser *chooser;
  SitmapTileSources *sources;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr (GError) error = NULL;
  SitmapTileSource *imagery;
  g_autofree char *choice = NULL;

  reset_settings ();
  window = new_window ();
  chooser = sitmap_window_get_source_chooser (window);
  sources = window_sources (window);
  imagery = add_file (sources, imagery_path, &error);
  g_assert_no_error (error);
  g_signal_connect (chooser, "message", G_CALLBACK (message_cb), messages);

  sitmap_source_chooser_add_file (chooser, broken);
  wait_until (has_messages, messages, "the toast");
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "Could not use “broken.mbtiles”: not an SQLite database");
  g_assert_null (g_ptr_array_index (messages, 1));
  g_assert_true (sitmap_tile_sources_get_current (sources) == imagery);
  g_assert_true (SITMAP_IS_MBTILES_SOURCE (data_source_of (window_map_source (window))));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_cmpuint (n_custom_in_settings (), ==, 1);
  choice = remembered_choice ();
  g_assert_cmpstr (choice, ==, sitmap_tile_source_get_id (imagery));
  destroy_window (window);
}

/* The window's own toast button reaches the chooser's undo. */
static void
test_window_remove_and_undo (void)
{
  SitmapWindow *window;
  SitmapTileSources *sources;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *url = server_template ();
  g_autofree char *id = NULL;
  SitmapTileSource *source;

  reset_settings ();
  window = new_window ();
  sources = window_sources (window);
  source = sitmap_tile_sources_add_online (sources, "Local_tiles", url, NULL, &error);
  id = g_strdup (sitmap_tile_source_get_id (source));
  g_signal_connect (sitmap_window_get_source_chooser (window), "message", G_CALLBACK (message_cb), messages);

  gtk_widget_activate_action (GTK_WIDGET (sitmap_window_get_source_chooser (window)), "map.remove", "s", id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "Removed “Local_tiles”");
  g_assert_cmpstr (g_ptr_array_index (messages, 1), ==, "map.undo-remove");
  g_assert_null (sitmap_tile_sources_lookup (sources, id));
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "map.undo-remove", NULL));
  g_assert_nonnull (sitmap_tile_sources_lookup (sources, id));
  wait_for_current (sources, id);
  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  destroy_window (window);
}

static void
collect_entry_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwEntryRow"))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_text (GtkWidget *widget, GString *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
text_of (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);
  return g_string_free (text, FALSE);
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SITMAP_IS_ONLINE_SOURCE_DIALOG (window))
        return window;
    }
  return NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static void
test_window_online_dialog (void)
{
  SitmapWindow *window;
  SitmapTileSources *sources;
  GtkWindow *dialog;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *url = server_template ();
  g_autofree char *leaflet_url = g_strdup_printf ("http://{s}.127.0.0.1:%u/{z}/{x}/{y}.png", server.port);
  g_autofree char *text = NULL;
  GtkWidget *add;

  reset_settings ();
  window = new_window ();
  sources = window_sources (window);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "map.add-online", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));

  collect_entry_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 3);
  add = find_button (gtk_window_get_titlebar (dialog), "_Add");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (g_ptr_array_index (rows, 0), "Test tiles");
  gtk_editable_set_text (g_ptr_array_index (rows, 1), leaflet_url);
  /* a Leaflet template with {s}: refused, and the dialog says why */
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 1), "error"));
  text = text_of (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "placeholder “{s}”: write one of the server’s names instead"));

  gtk_editable_set_text (g_ptr_array_index (rows, 1), url);
  gtk_editable_set_text (g_ptr_array_index (rows, 2), "© Test tiles");
  g_assert_true (gtk_widget_get_sensitive (add));
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (rows, 1), "error"));
  gtk_widget_activate (add);
  wait_until (dialog_gone, NULL, "the dialog to close");
  g_assert_cmpstr (sitmap_tile_source_get_name (sitmap_tile_sources_get_current (sources)), ==, "Test tiles");
  g_assert_cmpstr (shumate_map_source_get_license (window_map_source (window)), ==, "© Test tiles");
  g_assert_cmpuint (n_custom_in_settings (), ==, 1);

  sitmap_tile_sources_choose (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  wait_for_current (sources, SITMAP_TILE_SOURCES_OFFLINE_ID);
  destroy_window (window);
}

/* The window with the basemap gone: the toast says so, and the map stays offline. */
static void
test_window_basemap_missing (void)
{
  SitmapWindow *window;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *button;

  reset_settings ();
  g_setenv ("SITMAP_BASEMAP", "/nonexistent/sitmap-basemap.mbtiles", TRUE);
  window = g_object_new (SITMAP_TYPE_WINDOW, NULL);
  g_signal_connect (sitmap_window_get_source_chooser (window), "message", G_CALLBACK (message_cb), messages);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (has_messages, messages, "the toast");
  g_setenv ("SITMAP_BASEMAP", basemap_path, TRUE);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==,
                   "The offline basemap is missing: Sitmap may not be installed correctly");
  g_assert_true (SITMAP_IS_BLANK_SOURCE (data_source_of (window_map_source (window))));
  g_assert_cmpuint (n_downloaders (), ==, 0);
  /* and the button keeps saying so after the toast is gone */
  button = gtk_widget_get_first_child (GTK_WIDGET (sitmap_window_get_source_chooser (window)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, g_ptr_array_index (messages, 0));
  destroy_window (window);
}

/*
 * Set-up
 */

static void
write_test_files (void)
{
  TilesWriter *writer;
  g_autoptr (GBytes) land = tiles_image (0xe8e4d8, "png");
  g_autoptr (GBytes) imagery = tiles_image (0x556b2f, "jpeg");
  g_autoptr (GBytes) truncated = g_bytes_new_from_bytes (land, 0, g_bytes_get_size (land) - 1);

  basemap_path = g_build_filename (tmp_dir, "basemap.mbtiles", NULL);
  writer = tiles_writer_new (basemap_path, TILES_LAYOUT_TABLE,
                             (const char *const[]) { "name", "Test basemap", "format", "png", "minzoom", "0", "maxzoom",
                                                     "6", "attribution", "© Test basemap", NULL });
  tiles_writer_put (writer, 0, 0, 0, land);
  tiles_writer_close (writer);

  imagery_path = g_build_filename (tmp_dir, "imagery.mbtiles", NULL);
  writer = tiles_writer_new (imagery_path, TILES_LAYOUT_VIEW,
                             (const char *const[]) { "name", "Sukhna imagery", "format", "jpg", "minzoom", "0",
                                                     "maxzoom", "4", "attribution", "© Test imagery", NULL });
  tiles_writer_put (writer, 0, 0, 0, imagery);
  tiles_writer_close (writer);

  damaged_path = g_build_filename (tmp_dir, "damaged.mbtiles", NULL);
  writer = tiles_writer_new (damaged_path, TILES_LAYOUT_TABLE,
                             (const char *const[]) { "name", "Damaged", "format", "png", NULL });
  tiles_writer_put (writer, 0, 0, 0, land);
  tiles_writer_put (writer, 1, 0, 0, truncated);
  tiles_writer_put (writer, 1, 1, 0, truncated);
  tiles_writer_close (writer);

  /* A street map that writes its towns' names, as its metadata says. */
  labelled_path = g_build_filename (tmp_dir, "labelled.mbtiles", NULL);
  writer = tiles_writer_new (labelled_path, TILES_LAYOUT_TABLE,
                             (const char *const[]) { "name", "Levant streets", "type", "baselayer", "format", "png",
                                                     "description", "Roads and towns, with their labels", NULL });
  tiles_writer_put (writer, 0, 0, 0, land);
  tiles_writer_close (writer);

  broken_path = g_build_filename (tmp_dir, "broken.mbtiles", NULL);
  g_assert_true (g_file_set_contents (broken_path, "<html>not tiles</html>\n", -1, NULL));
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  /* Before anything asks: libshumate's tile cache goes to the user cache folder, here a temporary one. */
  tmp_dir = g_dir_make_tmp ("sitmap-tile-sources-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);
  g_setenv ("no_proxy", "127.0.0.1", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run the map tests under xvfb-run\n");
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  write_test_files ();
  g_setenv ("SITMAP_BASEMAP", basemap_path, TRUE);
  settings = g_settings_new (APPLICATION_ID);
  server_start ();
  count_downloaders ();

  g_test_add_func ("/tile-sources/default-is-offline", test_default_is_offline);
  g_test_add_func ("/tile-sources/basemap-missing", test_basemap_missing);
  g_test_add_func ("/tile-sources/add-mbtiles", test_add_mbtiles);
  g_test_add_func ("/tile-sources/broken-refused", test_broken_refused);
  g_test_add_func ("/tile-sources/remembered-file-gone", test_remembered_file_gone);
  g_test_add_func ("/tile-sources/damaged-tiles", test_damaged_tiles);
  g_test_add_func ("/tile-sources/online", test_online);
  g_test_add_func ("/tile-sources/url-templates", test_url_templates);
  g_test_add_func ("/tile-sources/tiles-problem", test_tiles_problem);
  g_test_add_func ("/tile-sources/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/tile-sources/place-names", test_place_names);
  g_test_add_func ("/tile-sources/user-agent", test_user_agent);
  g_test_add_func ("/source-chooser/switch-keeps-view", test_window_switch_keeps_view);
  g_test_add_func ("/source-chooser/restart", test_window_restart);
  g_test_add_func ("/source-chooser/broken-file", test_window_broken_file);
  g_test_add_func ("/source-chooser/remove-and-undo", test_window_remove_and_undo);
  g_test_add_func ("/source-chooser/online-dialog", test_window_online_dialog);
  g_test_add_func ("/source-chooser/basemap-missing", test_window_basemap_missing);
  status = g_test_run ();

  server_stop ();
  g_clear_object (&settings);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (basemap_path);
  g_free (imagery_path);
  g_free (broken_path);
  g_free (damaged_path);
  g_free (labelled_path);
  return status;
}
