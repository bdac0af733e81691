/* sitmap-link-fetch.c: the files a document links to, brought in when the user asks
 *
 * Opening a document never touches the network: a KML NetworkLink or a remote href is only listed in the
 * import's report. From there the user may ask for one, and only then is it fetched: a local file is read
 * where it is, a web address downloaded with libsoup (which Sitmap has anyway, through libshumate) into the
 * user's cache, and imported from there like any file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-link-fetch"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sitmap-link-fetch.h"
#include "sitmap-time.h"
#include "sitmap-user-agent.h"

#define READ_SIZE (64 * 1024)

static gboolean
is_web_scheme (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

GFile *
sitmap_link_resolve (const char *uri, GFile *base, GError **error)
{
  g_autofree char *base_uri = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (base == NULL || G_IS_FILE (base), NULL);

  if (g_uri_peek_scheme (uri) == NULL && base == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("the link leads to a place beside the document, and the document is in no folder"));
      return NULL;
    }
  base_uri = base != NULL ? g_file_get_uri (base) : NULL;
  resolved = g_uri_resolve_relative (base_uri, uri, G_URI_FLAGS_ENCODED, NULL);
  scheme = resolved != NULL ? g_uri_parse_scheme (resolved) : NULL;
  if (scheme == NULL)
    {
      g_autofree char *quoted = sitmap_quote_text (uri);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not an address Sitmap can follow"),
                   quoted);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "file") != 0 && !is_web_scheme (scheme))
    {
      g_autofree char *quoted = sitmap_quote_text (scheme);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Sitmap follows links to files and to web addresses (http, https), not “%s:” ones"), quoted);
      return NULL;
    }
  return g_file_new_for_uri (resolved);
}

/* The name the address ends with, made safe as the name of a file: "events.kml" for
 * https://example.org/feeds/events.kml?key=1, "download" when it ends with none. */
static char *
download_name (const char *uri)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  const char *path = parsed != NULL ? g_uri_get_path (parsed) : NULL;
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;
  g_autofree char *name = g_uri_unescape_string (slash ? slash + 1 : (path ? path : ""), "/");

  if (name == NULL || name[0] == '\0' || name[0] == '.' || !g_utf8_validate (name, -1, NULL) ||
      strlen (name) > 200)
    return g_strdup ("download");
  g_strdelimit (name, "\\:*?\"<>|", '_');
  for (char *c = name; *c != '\0'; c++)
    if ((guchar) *c < 0x20)
      *c = '_';
  return g_steal_pointer (&name);
}

/* A folder of its own in the user's cache, so that two downloads of the same name never meet. */
static GFile *
new_download_file (const char *uri, GError **error)
{
  g_autofree char *links = g_build_filename (g_get_user_cache_dir (), "sitmap", "links", NULL);
  g_autofree char *folder = g_build_filename (links, "XXXXXX", NULL);
  g_autofree char *name = download_name (uri);

  if (g_mkdir_with_parents (links, 0700) != 0 || g_mkdtemp_full (folder, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("no folder for the download: %s"),
                   g_strerror (saved));
      return NULL;
    }
  return g_file_new_build_filename (folder, name, NULL);
}

static char *
size_text (goffset bytes)
{
  return g_format_size ((guint64) bytes);
}

/* The response's status said for the user: "the server answered 404 Not Found". */
static gboolean
check_status (SoupMessage *message, GError **error)
{
  guint status = soup_message_get_status (message);
  g_autofree char *reason = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;
  reason = sitmap_quote_text_max (soup_message_get_reason_phrase (message) ? soup_message_get_reason_phrase (message)
                                                                          : "",
                                  80);
  g_set_error (error, G_IO_ERROR, status == SOUP_STATUS_NOT_FOUND ? G_IO_ERROR_NOT_FOUND : G_IO_ERROR_FAILED,
               _("the server answered %u %s"), status, reason);
  return FALSE;
}

static gboolean
too_large (goffset max_bytes, GError **error)
{
  g_autofree char *limit = size_text (max_bytes);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("the file is larger than %s, more than Sitmap opens"), limit);
  return FALSE;
}

/* The body into file, a piece at a time, never more than max_bytes. */
static gboolean
save_body (GInputStream *body, GFile *file, goffset max_bytes, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileOutputStream) out = g_file_create (file, G_FILE_CREATE_PRIVATE, cancellable, error);
  g_autofree guint8 *buffer = g_malloc (READ_SIZE);
  goffset total = 0;

  if (out == NULL)
    return FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (body, buffer, READ_SIZE, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      total += n;
      if (total > max_bytes)
        return too_large (max_bytes, error);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, n, NULL, cancellable, error))
        return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

/* In a worker thread, with a session of its own: libsoup's synchronous calls are for such threads. */
static GFile *
download (const char *uri, goffset max_bytes, GCancellable *cancellable, GError **error)
{
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", SITMAP_LINK_TIMEOUT_S,
                                                                   "user-agent", SITMAP_USER_AGENT, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (SOUP_METHOD_GET, uri);
  g_autoptr (GInputStream) body = NULL;
  g_autoptr (GFile) file = NULL;
  goffset announced;

  if (message == NULL)
    {
      g_autofree char *quoted = sitmap_quote_text (uri);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a web address"), quoted);
      return NULL;
    }
  body = soup_session_send (session, message, cancellable, error);
  if (body == NULL || !check_status (message, error))
    return NULL;
  announced = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (announced > max_bytes)
    {
      too_large (max_bytes, error);
      return NULL;
    }
  file = new_download_file (uri, error);
  if (file == NULL)
    return NULL;
  if (!save_body (body, file, max_bytes, cancellable, error))
    {
      sitmap_link_remove_download (file);
      return NULL;
    }
  return g_steal_pointer (&file);
}

typedef struct
{
  GFile  *file;
  goffset max_bytes;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->file);
  g_free (fetch);
}

static void
fetch_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  g_autofree char *uri = g_file_get_uri (fetch->file);
  GError *error = NULL;
  GFile *file = download (uri, fetch->max_bytes, cancellable, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

void
sitmap_link_fetch_async (const char         *uri,
                         GFile              *base,
                         goffset             max_bytes,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GFile) file = NULL;
  g_autofree char *scheme = NULL;
  GError *error = NULL;
  Fetch *fetch;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (max_bytes >= 0);

  g_task_set_source_tag (task, sitmap_link_fetch_async);
  file = sitmap_link_resolve (uri, base, &error);
  if (file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  scheme = g_file_get_uri_scheme (file);
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      /* A local file is read where it is (the import says it if it is missing): no task data, no download */
      g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
      return;
    }
  fetch = g_new0 (Fetch, 1);
  fetch->file = g_steal_pointer (&file);
  fetch->max_bytes = max_bytes > 0 ? max_bytes : SITMAP_LINK_MAX_BYTES;
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  g_task_run_in_thread (task, fetch_thread);
}

GFile *
sitmap_link_fetch_finish (GAsyncResult *result, gboolean *downloaded, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sitmap_link_fetch_async, NULL);

  if (downloaded != NULL)
    *downloaded = g_task_get_task_data (G_TASK (result)) != NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sitmap_link_remove_download (GFile *file)
{
  g_autoptr (GFile) folder = NULL;

  g_return_if_fail (G_IS_FILE (file));

  folder = g_file_get_parent (file);
  g_file_delete (file, NULL, NULL);
  if (folder != NULL)
    g_file_delete (folder, NULL, NULL);
}
