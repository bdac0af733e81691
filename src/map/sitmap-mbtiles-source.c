/* sitmap-mbtiles-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-mbtiles-source"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "sitmap-mbtiles-private.h"
#include "sitmap-mbtiles-source.h"
#include "sitmap-tile-source.h"

/* A map tile is tens of kilobytes: a bigger blob is refused by SQLite itself before it reaches memory. */
#define MAX_BLOB_BYTES (8 * 1024 * 1024)
#define MAX_METADATA_ROWS  1000
#define MAX_METADATA_CHARS 2000
/* A query may run this long: a hostile view (a recursive one that never ends) is cut off here. */
#define QUERY_TIME_LIMIT (5 * G_USEC_PER_SEC)
/* How many zoom levels up a missing tile is looked for, to be shown enlarged: 6 levels make each
 * pixel of the ancestor 64 pixels wide, about as blurred as is still worth showing. */
#define MAX_GAP_LEVELS 6
/* The deepest zoom libshumate's viewport goes to. */
#define MAX_ZOOM 20

typedef struct
{
  int x;
  int y;
  int z;
} TileRequest;

struct _SitmapMbtilesSource
{
  ShumateDataSource parent_instance;

  GFile      *file;
  gboolean    immutable;
  char       *display_name;
  char       *name;
  char       *attribution;
  const char *format;
  guint       min_zoom;
  guint       max_zoom;
  gboolean    has_bounds;
  double      west, south, east, north;
  gboolean    names_places;

  /* One query at a time on the one connection, from whichever worker thread runs it. */
  GMutex        lock;
  sqlite3      *db;
  sqlite3_stmt *tile_statement;
  GCancellable *query_cancellable;
  gint64        query_deadline;
};

static void sitmap_mbtiles_source_initable_iface_init (GInitableIface *iface);

/* GAsyncInitable's default implementation runs GInitable's init in a worker thread. */
G_DEFINE_FINAL_TYPE_WITH_CODE (SitmapMbtilesSource, sitmap_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, sitmap_mbtiles_source_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE, NULL))

G_DEFINE_QUARK (sitmap-mbtiles-error-quark, sitmap_mbtiles_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_IMMUTABLE,
  N_PROPS
};

enum {
  TILE_DAMAGED_SIGNAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/*
 * Errors
 */

static void G_GNUC_PRINTF (4, 5)
set_error (SitmapMbtilesSource *self, GError **error, SitmapMbtilesError code, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: an MBTiles file's name, then why it cannot be used */
  g_set_error (error, SITMAP_MBTILES_ERROR, code, _("%s: %s"), self->display_name, reason);
}

static void
set_sqlite_error (SitmapMbtilesSource *self, int rc, GError **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      set_error (self, error, SITMAP_MBTILES_ERROR_NOT_MBTILES, _("not an SQLite database"));
      break;
    case SQLITE_CORRUPT:
      set_error (self, error, SITMAP_MBTILES_ERROR_DAMAGED, _("the database is damaged"));
      break;
    case SQLITE_TOOBIG:
      set_error (self, error, SITMAP_MBTILES_ERROR_DAMAGED, _("a tile is too large to be a map tile"));
      break;
    case SQLITE_INTERRUPT:
      if (!g_cancellable_set_error_if_cancelled (self->query_cancellable, error))
        set_error (self, error, SITMAP_MBTILES_ERROR_FAILED, _("reading took too long"));
      break;
    default:
      set_error (self, error, SITMAP_MBTILES_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
    }
}

/*
 * Auxiliary methods
 */

static int
progress_cb (void *user_data)
{
  SitmapMbtilesSource *self = user_data;

  return g_cancellable_is_cancelled (self->query_cancellable) || g_get_monotonic_time () > self->query_deadline;
}

static void
begin_query (SitmapMbtilesSource *self, GCancellable *cancellable)
{
  self->query_cancellable = cancellable;
  self->query_deadline = g_get_monotonic_time () + QUERY_TIME_LIMIT;
}

static gboolean
prepare (SitmapMbtilesSource *self, const char *sql, sqlite3_stmt **statement, GError **error)
{
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, NULL);

  if (rc != SQLITE_OK)
    set_sqlite_error (self, rc, error);
  return rc == SQLITE_OK;
}

/* The file may come from anyone: SQLite's own advice for untrusted databases. */
static void
harden (SitmapMbtilesSource *self)
{
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, MAX_BLOB_BYTES);
  sqlite3_limit (self->db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
#endif
  sqlite3_exec (self->db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);
  sqlite3_busy_timeout (self->db, 2000);
  sqlite3_progress_handler (self->db, 1000, progress_cb, self);
}

static gboolean
open_database (SitmapMbtilesSource *self, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  int rc;

  if (path == NULL)
    {
      set_error (self, error, SITMAP_MBTILES_ERROR_FAILED, _("only files on this computer can be used"));
      return FALSE;
    }
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, cancellable,
                            &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: %s"), self->display_name,
                     _("the file does not exist"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_error (self, error, SITMAP_MBTILES_ERROR_NOT_MBTILES, _("not a file"));
      return FALSE;
    }

  /* SQLite reads %HH escapes in a URI's path, so any file name goes through. */
  escaped = g_uri_escape_string (path, "/", TRUE);
  uri = g_strconcat ("file:", escaped, "?mode=ro", self->immutable ? "&immutable=1" : "", NULL);
  rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, error, SITMAP_MBTILES_ERROR_FAILED, "%s",
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  harden (self);
  return TRUE;
}

/* Whether the database has a table or view of that name: the first query, which reads the schema. */
static gboolean
check_relation (SitmapMbtilesSource *self, const char *name, GError **error)
{
  sqlite3_stmt *statement = NULL;
  int rc;

  if (!prepare (self, "SELECT 1 FROM sqlite_master WHERE name = ?1 COLLATE NOCASE AND type IN ('table', 'view')",
                &statement, error))
    return FALSE;
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_DONE)
    /* TRANSLATORS: %s is the name of a table in the file: "tiles" or "metadata" */
    set_error (self, error, SITMAP_MBTILES_ERROR_NOT_MBTILES, _("it has no “%s” table, so it is not an MBTiles file"),
               name);
  else if (rc != SQLITE_ROW)
    set_sqlite_error (self, rc, error);
  sqlite3_finalize (statement);
  return rc == SQLITE_ROW;
}

static GHashTable *
read_metadata (SitmapMbtilesSource *self, GError **error)
{
  g_autoptr (GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *statement = NULL;
  int rc;

  if (!prepare (self, "SELECT name, value FROM metadata", &statement, error))
    return NULL;
  for (guint n = 0; (rc = sqlite3_step (statement)) == SQLITE_ROW && n < MAX_METADATA_ROWS; n++)
    {
      const char *name = (const char *) sqlite3_column_text (statement, 0);
      const char *value = (const char *) sqlite3_column_text (statement, 1);
      g_autofree char *key = NULL;

      if (name == NULL || value == NULL)
        continue;
      key = g_utf8_make_valid (name, MIN (strlen (name), 64));
      if (!g_hash_table_contains (metadata, key))
        g_hash_table_insert (metadata, g_ascii_strdown (key, -1),
                             g_strstrip (g_utf8_make_valid (value, MIN (strlen (value), MAX_METADATA_CHARS))));
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      g_clear_pointer (&metadata, g_hash_table_unref);
    }
  sqlite3_finalize (statement);
  return g_steal_pointer (&metadata);
}

static gboolean
check_format (SitmapMbtilesSource *self, const char *format, GError **error)
{
  g_autofree char *lower = format ? g_ascii_strdown (format, -1) : NULL;

  if (lower == NULL || *lower == '\0')
    return TRUE; /* the first tile tells */
  if (g_str_equal (lower, "png"))
    self->format = "png";
  else if (g_str_equal (lower, "jpg") || g_str_equal (lower, "jpeg"))
    self->format = "jpg";
  else if (g_str_equal (lower, "pbf") || g_str_equal (lower, "mvt"))
    set_error (self, error, SITMAP_MBTILES_ERROR_UNSUPPORTED, _("it holds vector tiles, which Sitmap cannot show"));
  else
    /* TRANSLATORS: %s is an image format named in the file, such as "webp" */
    set_error (self, error, SITMAP_MBTILES_ERROR_UNSUPPORTED,
               _("its tiles are in the format “%s”; Sitmap shows PNG and JPEG tiles"), lower);
  return self->format != NULL;
}

/* Reads one tile to be sure the tiles are images Sitmap can show, and learns their format. */
static gboolean
check_sample_tile (SitmapMbtilesSource *self, GError **error)
{
  sqlite3_stmt *statement = NULL;
  SitmapTileKind kind = SITMAP_TILE_DAMAGED;
  int rc;

  if (!prepare (self, "SELECT tile_data FROM tiles LIMIT 1", &statement, error))
    return FALSE;
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    kind = sitmap_mbtiles_sniff_tile (sqlite3_column_blob (statement, 0), sqlite3_column_bytes (statement, 0));
  else if (rc == SQLITE_DONE)
    set_error (self, error, SITMAP_MBTILES_ERROR_EMPTY, _("it holds no tiles"));
  else
    set_sqlite_error (self, rc, error);
  sqlite3_finalize (statement);
  if (rc != SQLITE_ROW)
    return FALSE;

  switch (kind)
    {
    case SITMAP_TILE_PNG:
    case SITMAP_TILE_JPEG:
      if (self->format == NULL)
        self->format = kind == SITMAP_TILE_PNG ? "png" : "jpg";
      return TRUE;
    case SITMAP_TILE_VECTOR:
      set_error (self, error, SITMAP_MBTILES_ERROR_UNSUPPORTED, _("it holds vector tiles, which Sitmap cannot show"));
      return FALSE;
    case SITMAP_TILE_WEBP:
      set_error (self, error, SITMAP_MBTILES_ERROR_UNSUPPORTED,
                 _("its tiles are in the format “%s”; Sitmap shows PNG and JPEG tiles"), "webp");
      return FALSE;
    case SITMAP_TILE_DAMAGED:
    default:
      set_error (self, error, SITMAP_MBTILES_ERROR_DAMAGED,
                 _("its tiles are damaged: they are not whole PNG or JPEG images"));
      return FALSE;
    }
}

static gboolean
parse_zoom (GHashTable *metadata, const char *key, guint *zoom)
{
  const char *value = g_hash_table_lookup (metadata, key);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, MAX_ZOOM, &number, NULL))
    return FALSE;
  *zoom = number;
  return TRUE;
}

/* The metadata's zoom levels, else the lowest and highest of the tiles. */
static gboolean
read_zoom_range (SitmapMbtilesSource *self, GHashTable *metadata, GError **error)
{
  sqlite3_stmt *statement = NULL;
  int rc;

  if (parse_zoom (metadata, "minzoom", &self->min_zoom) && parse_zoom (metadata, "maxzoom", &self->max_zoom) &&
      self->min_zoom <= self->max_zoom)
    return TRUE;
  if (!prepare (self, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles", &statement, error))
    return FALSE;
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    {
      self->min_zoom = CLAMP (sqlite3_column_int (statement, 0), 0, MAX_ZOOM);
      self->max_zoom = CLAMP (sqlite3_column_int (statement, 1), (int) self->min_zoom, MAX_ZOOM);
    }
  else
    set_sqlite_error (self, rc, error);
  sqlite3_finalize (statement);
  return rc == SQLITE_ROW;
}

static void
apply_metadata (SitmapMbtilesSource *self, GHashTable *metadata)
{
  const char *name = g_hash_table_lookup (metadata, "name");
  const char *attribution = g_hash_table_lookup (metadata, "attribution");
  g_autofree char *description = NULL;
  const char *describing[4];
  double bounds[4];

  if (name != NULL && *name != '\0')
    self->name = g_strdup (name);
  if (attribution != NULL)
    self->attribution = sitmap_mbtiles_plain_text (attribution);
  if (g_hash_table_lookup (metadata, "description") != NULL)
    description = sitmap_mbtiles_plain_text (g_hash_table_lookup (metadata, "description"));
  /* A tile set of the user's own is imagery unless it says otherwise. */
  describing[0] = g_hash_table_lookup (metadata, "type");
  describing[1] = self->name;
  describing[2] = description;
  describing[3] = self->attribution;
  self->names_places = sitmap_tile_source_guess_place_names (describing, G_N_ELEMENTS (describing), FALSE);
  if (sitmap_mbtiles_parse_bounds (g_hash_table_lookup (metadata, "bounds"), bounds))
    {
      self->has_bounds = TRUE;
      self->west = bounds[0];
      self->south = bounds[1];
      self->east = bounds[2];
      self->north = bounds[3];
    }
  else if (g_hash_table_contains (metadata, "bounds"))
    g_debug ("%s: ignoring the bounds “%s”", self->display_name, (char *) g_hash_table_lookup (metadata, "bounds"));
}

static gboolean
check_database (SitmapMbtilesSource *self, GError **error)
{
  g_autoptr (GHashTable) metadata = NULL;

  if (!check_relation (self, "tiles", error) || !check_relation (self, "metadata", error))
    return FALSE;
  if (!prepare (self, "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                &self->tile_statement, NULL))
    {
      set_error (self, error, SITMAP_MBTILES_ERROR_NOT_MBTILES,
                 _("its “tiles” table lacks the columns zoom_level, tile_column, tile_row and "
                   "tile_data"));
      return FALSE;
    }
  if ((metadata = read_metadata (self, error)) == NULL)
    return FALSE;
  if (!check_format (self, g_hash_table_lookup (metadata, "format"), error) || !check_sample_tile (self, error) ||
      !read_zoom_range (self, metadata, error))
    return FALSE;
  apply_metadata (self, metadata);
  return TRUE;
}

static double
tile_latitude (gint64 y, gint64 n)
{
  return atan (sinh (G_PI * (1 - 2.0 * y / n))) * 180 / G_PI;
}

/* Whether the file may have this tile: within its zoom levels and overlapping its bounds. */
static gboolean
may_have_tile (SitmapMbtilesSource *self, int x, int y, int z)
{
  gint64 n;

  if (z < (int) self->min_zoom || z > (int) self->max_zoom)
    return FALSE;
  n = G_GINT64_CONSTANT (1) << z;
  if (x < 0 || y < 0 || x >= n || y >= n)
    return FALSE;
  if (!self->has_bounds)
    return TRUE;
  return (x + 1) * 360.0 / n - 180 > self->west && x * 360.0 / n - 180 < self->east &&
         tile_latitude (y, n) > self->south && tile_latitude (y + 1, n) < self->north;
}

/* One tile's bytes, or NULL and SQLite's code: SQLITE_DONE when there is none. Under the lock. */
static GBytes *
query_tile (SitmapMbtilesSource *self, int x, int y, int z, int *rc)
{
  GBytes *bytes = NULL;

  sqlite3_bind_int (self->tile_statement, 1, z);
  sqlite3_bind_int (self->tile_statement, 2, x);
  /* MBTiles numbers rows from the south (TMS), XYZ from the north. */
  sqlite3_bind_int (self->tile_statement, 3, (1 << z) - 1 - y);
  *rc = sqlite3_step (self->tile_statement);
  if (*rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->tile_statement, 0), sqlite3_column_bytes (self->tile_statement, 0));
  sqlite3_reset (self->tile_statement);
  return bytes;
}

/* The tile's bytes; for a tile missing within the file's zooms and bounds (a tile set that covers
 * some places deeper than others), the nearest tile above it, enlarged: a blurred map rather than
 * none. */
static GBytes *
read_tile (SitmapMbtilesSource *self, const TileRequest *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) ancestor = NULL;
  int levels;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  locker = g_mutex_locker_new (&self->lock);
  begin_query (self, cancellable);
  bytes = query_tile (self, request->x, request->y, request->z, &rc);
  for (levels = 1; bytes == NULL && rc == SQLITE_DONE && levels <= MAX_GAP_LEVELS; levels++)
    {
      if (request->z - levels < (int) self->min_zoom)
        break;
      ancestor = query_tile (self, request->x >> levels, request->y >> levels, request->z - levels, &rc);
      if (ancestor != NULL)
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_sqlite_error (self, rc, error);
  self->query_cancellable = NULL;
  g_clear_pointer (&locker, g_mutex_locker_free);

  if (ancestor != NULL && (bytes = sitmap_mbtiles_enlarge_tile (ancestor, request->x, request->y, levels)) != NULL)
    return g_steal_pointer (&bytes);
  if (bytes == NULL)
    {
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        set_error (self, error, SITMAP_MBTILES_ERROR_NO_TILE, _("no tile at zoom %d, column %d, row %d"), request->z,
                   request->x, request->y);
      return NULL;
    }
  switch (sitmap_mbtiles_sniff_tile (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    {
    case SITMAP_TILE_PNG:
    case SITMAP_TILE_JPEG:
      return g_steal_pointer (&bytes);
    default:
      set_error (self, error, SITMAP_MBTILES_ERROR_DAMAGED,
                 _("the tile at zoom %d, column %d, row %d is not a whole PNG or JPEG image"), request->z, request->x,
                 request->y);
      return NULL;
    }
}

/*
 * Callbacks
 */

static void
read_tile_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = read_tile (source_object, task_data, cancellable, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/* Back in the thread libshumate called from: hand the bytes over as ShumateRasterRenderer expects. */
static void
read_tile_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  SitmapMbtilesSource *self = SITMAP_MBTILES_SOURCE (source_object);
  g_autoptr (GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_DAMAGED))
        g_signal_emit (self, signals[TILE_DAMAGED_SIGNAL], 0, request->x, request->y, request->z);
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  /* ShumateRasterRenderer makes the tile's texture in its handler of this signal. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->z, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

/*
 * ShumateDataSource
 */

static void
sitmap_mbtiles_source_get_tile_data_async (ShumateDataSource  *source,
                                           int                 x,
                                           int                 y,
                                           int                 zoom_level,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data)
{
  SitmapMbtilesSource *self = SITMAP_MBTILES_SOURCE (source);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker = NULL;
  TileRequest *request;

  g_return_if_fail (self->db != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_mbtiles_source_get_tile_data_async);
  request = g_new (TileRequest, 1);
  *request = (TileRequest) { x, y, zoom_level };
  g_task_set_task_data (task, request, g_free);

  if (!may_have_tile (self, x, y, zoom_level))
    {
      g_task_return_new_error (task, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NO_TILE,
                               _("%s: no tile at zoom %d, column %d, row %d"), self->display_name, zoom_level, x, y);
      return;
    }
  worker = g_task_new (self, cancellable, read_tile_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, read_tile_thread);
  g_task_set_task_data (worker, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (worker, read_tile_thread);
}

/*
 * GInitable
 */

static gboolean
sitmap_mbtiles_source_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  SitmapMbtilesSource *self = SITMAP_MBTILES_SOURCE (initable);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (GFileInfo) info = NULL;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (self->file), FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME, G_FILE_QUERY_INFO_NONE, cancellable,
                            NULL);
  if (info != NULL)
    self->display_name = g_strdup (g_file_info_get_display_name (info));
  else
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      self->display_name = g_filename_display_name (basename);
    }

  if (!open_database (self, cancellable, error))
    return FALSE;
  begin_query (self, cancellable);
  ok = check_database (self, error);
  self->query_cancellable = NULL;
  return ok;
}

static void
sitmap_mbtiles_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = sitmap_mbtiles_source_initable_init;
}

/*
 * GObject
 */

static void
sitmap_mbtiles_source_finalize (GObject *object)
{
  SitmapMbtilesSource *self = (SitmapMbtilesSource *) object;

  g_clear_pointer (&self->tile_statement, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_clear_object (&self->file);
  g_free (self->display_name);
  g_free (self->name);
  g_free (self->attribution);
  G_OBJECT_CLASS (sitmap_mbtiles_source_parent_class)->finalize (object);
}

static void
sitmap_mbtiles_source_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapMbtilesSource *self = SITMAP_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_IMMUTABLE: g_value_set_boolean (value, self->immutable); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_mbtiles_source_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapMbtilesSource *self = SITMAP_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_FILE: self->file = g_value_dup_object (value); break;
    case PROP_IMMUTABLE: self->immutable = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_mbtiles_source_class_init (SitmapMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *data_source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = sitmap_mbtiles_source_finalize;
  object_class->get_property = sitmap_mbtiles_source_get_property;
  object_class->set_property = sitmap_mbtiles_source_set_property;
  data_source_class->get_tile_data_async = sitmap_mbtiles_source_get_tile_data_async;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMMUTABLE] = g_param_spec_boolean ("immutable", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A tile's bytes were not a whole PNG or JPEG image: that tile stays blank. In the main thread. */
  signals[TILE_DAMAGED_SIGNAL] = g_signal_new ("tile-damaged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                               NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
}

static void
sitmap_mbtiles_source_init (SitmapMbtilesSource *self)
{
  g_mutex_init (&self->lock);
  self->west = -180;
  self->east = 180;
  self->south = -SITMAP_MBTILES_MAX_LATITUDE;
  self->north = SITMAP_MBTILES_MAX_LATITUDE;
}

/*
 * Public API
 */

SitmapMbtilesSource *
sitmap_mbtiles_source_new (GFile *file, gboolean immutable, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return g_initable_new (SITMAP_TYPE_MBTILES_SOURCE, cancellable, error, "file", file, "immutable", immutable, NULL);
}

void
sitmap_mbtiles_source_new_async (GFile              *file,
                                 gboolean            immutable,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  g_async_initable_new_async (SITMAP_TYPE_MBTILES_SOURCE, G_PRIORITY_DEFAULT, cancellable, callback, user_data, "file",
                              file, "immutable", immutable, NULL);
}

SitmapMbtilesSource *
sitmap_mbtiles_source_new_finish (GAsyncResult *result, GError **error)
{
  g_autoptr (GObject) source_object = g_async_result_get_source_object (result);

  return SITMAP_MBTILES_SOURCE (g_async_initable_new_finish (G_ASYNC_INITABLE (source_object), result, error));
}

GFile *
sitmap_mbtiles_source_get_file (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), NULL);
  return self->file;
}

const char *
sitmap_mbtiles_source_get_display_name (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), NULL);
  return self->display_name;
}

gboolean
sitmap_mbtiles_source_get_names_places (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), FALSE);
  return self->names_places;
}

const char *
sitmap_mbtiles_source_get_name (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), NULL);
  return self->name;
}

const char *
sitmap_mbtiles_source_get_attribution (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution;
}

const char *
sitmap_mbtiles_source_get_format (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), NULL);
  return self->format;
}

guint
sitmap_mbtiles_source_get_min_zoom (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), 0);
  return self->min_zoom;
}

guint
sitmap_mbtiles_source_get_max_zoom (SitmapMbtilesSource *self)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), 0);
  return self->max_zoom;
}

gboolean
sitmap_mbtiles_source_get_bounds (SitmapMbtilesSource *self, double *west, double *south, double *east, double *north)
{
  g_return_val_if_fail (SITMAP_IS_MBTILES_SOURCE (self), FALSE);
  if (west != NULL)
    *west = self->west;
  if (south != NULL)
    *south = self->south;
  if (east != NULL)
    *east = self->east;
  if (north != NULL)
    *north = self->north;
  return self->has_bounds;
}

const char *
sitmap_mbtiles_error_get_reason (const GError *error, const char *display_name)
{
  gsize length = display_name ? strlen (display_name) : 0;

  g_return_val_if_fail (error != NULL, NULL);
  if (length > 0 && g_str_has_prefix (error->message, display_name) && strncmp (error->message + length, ": ", 2) == 0)
    return error->message + length + 2;
  return error->message;
}
