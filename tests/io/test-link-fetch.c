/* test-link-fetch.c: following a document's links, only when asked, against a web server of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sitmap-link-fetch.h"

static const char layer[] = "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Placemark><name>Linked</name>"
                            "<Point><coordinates>38.3,34.6</coordinates></Point></Placemark></kml>";

typedef struct
{
  SoupServer *server;
  char       *base; /* http://127.0.0.1:PORT/ */
  guint       n_requests;
} Fixture;

/* The user's cache for the whole run: GLib reads XDG_CACHE_HOME once */
static char *cache;

static void
handle_cb (SoupServer *server, SoupServerMessage *message, const char *path, GHashTable *query, gpointer data)
{
  Fixture *fixture = data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  fixture->n_requests++;
  if (strcmp (path, "/feeds/layer.kml") == 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/vnd.google-earth.kml+xml", SOUP_MEMORY_STATIC, layer,
                                        strlen (layer));
    }
  else if (strcmp (path, "/big") == 0)
    {
      /* Sent whole, with its length announced */
      g_autofree char *body = g_strnfill (4096, 'x');

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY, body, 4096);
    }
  else if (strcmp (path, "/big-chunked") == 0)
    {
      /* No length announced: only counting what comes tells */
      SoupMessageBody *body = soup_server_message_get_response_body (message);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      for (guint i = 0; i < 8; i++)
        soup_message_body_append_take (body, (guchar *) g_strnfill (1024, 'y'), 1024);
      soup_message_body_complete (body);
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, "Not \u202eFound");
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handle_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) links = g_file_new_build_filename (cache, "sitmap", "links", NULL);
  g_autoptr (GFileEnumerator) left = g_file_enumerate_children (links, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                G_FILE_QUERY_INFO_NONE, NULL, NULL);

  /* Every download was removed, with its folder */
  g_assert_true (left == NULL || g_file_enumerator_next_file (left, NULL, NULL) == NULL);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The fetch, with the main loop turning so that the server answers. */
static GFile *
fetch (const char *uri, GFile *base, goffset max_bytes, gboolean *downloaded, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sitmap_link_fetch_async (uri, base, max_bytes, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sitmap_link_fetch_finish (result, downloaded, error);
}

static void
test_download (Fixture *fixture, gconstpointer data)
{
  g_autofree char *uri = g_strconcat (fixture->base, "feeds/layer.kml?key=1", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gboolean downloaded = FALSE;
  gsize length;

  file = fetch (uri, NULL, 0, &downloaded, &error);
  g_assert_no_error (error);
  g_assert_true (downloaded);
  /* Named as the address ends, in the user's cache */
  name = g_file_get_basename (file);
  g_assert_cmpstr (name, ==, "layer.kml");
  g_assert_true (g_str_has_prefix (g_file_peek_path (file), cache));
  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_cmpmem (contents, length, layer, strlen (layer));
  sitmap_link_remove_download (file);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *missing = g_strconcat (fixture->base, "gone.kml", NULL);
  g_autofree char *big = g_strconcat (fixture->base, "big", NULL);
  g_autofree char *chunked = g_strconcat (fixture->base, "big-chunked", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;

  /* The server's answer, its reason quoted as remote text (the bidi override escaped) */
  file = fetch (missing, NULL, 0, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_null (strstr (error->message, "\u202e"));
  g_clear_error (&error);

  /* Too large, announced or counted; nothing is left behind */
  file = fetch (big, NULL, 1000, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  file = fetch (chunked, NULL, 5000, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "larger than"));
}

static void
test_local (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) document = g_file_new_for_path ("/data/reports/syria.kml");
  g_autoptr (GFile) expected = g_file_new_for_path ("/data/reports/layers/north.kml");
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  gboolean downloaded = TRUE;

  /* Beside the document, read where it is: no request, no download */
  file = fetch ("layers/north.kml", document, 0, &downloaded, &error);
  g_assert_no_error (error);
  g_assert_false (downloaded);
  g_assert_true (g_file_equal (file, expected));
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_resolve (void)
{
  g_autoptr (GFile) document = g_file_new_for_path ("/data/reports/syria.kml");
  g_autoptr (GFile) sibling = NULL;
  g_autoptr (GFile) web = NULL;
  g_autoptr (GFile) none = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;

  sibling = sitmap_link_resolve ("../maps/a%20b.kml", document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_peek_path (sibling), ==, "/data/maps/a b.kml");
  web = sitmap_link_resolve ("https://example.org/x.kml", document, &error);
  g_assert_no_error (error);
  uri = g_file_get_uri (web);
  g_assert_cmpstr (uri, ==, "https://example.org/x.kml");

  none = sitmap_link_resolve ("ftp://example.org/x.kml", document, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "“ftp:”"));
  g_clear_error (&error);
  none = sitmap_link_resolve ("layer.kml", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sitmap = NULL;
  g_autofree char *links = NULL;
  int status;

  cache = g_dir_make_tmp ("sitmap-link-cache-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* The test's server is local: no proxy in between */
  g_setenv ("no_proxy", "*", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/io/link-fetch/download", Fixture, NULL, fixture_set_up, test_download, fixture_tear_down);
  g_test_add ("/io/link-fetch/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/io/link-fetch/local", Fixture, NULL, fixture_set_up, test_local, fixture_tear_down);
  g_test_add_func ("/io/link-fetch/resolve", test_resolve);
  status = g_test_run ();
  links = g_build_filename (cache, "sitmap", "links", NULL);
  sitmap = g_path_get_dirname (links);
  g_rmdir (links);
  g_rmdir (sitmap);
  g_rmdir (cache);
  g_free (cache);
  return status;
}
