/* sitmap-geojson-parse-ahead.c: a file's features parsed by json-glib in a thread of their own
 *
 * json-glib's parse of each feature, and the freeing of its tree, are half of a GeoJSON import. A thread
 * does both while the reader interprets the trees it already has: the two meet in two queues, one of
 * parsed trees (in the features' order) and one of spent trees, which also bounds how far ahead the
 * thread runs. An empty place in either queue is a token, since a queue holds no NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geojson-reader"

#include "config.h"

#include "sitmap-geojson-parse-ahead.h"
#include "sitmap-geojson-private.h"

/* Trees parsed and not yet read, at most */
#define MAX_AHEAD 256

static char token;
#define TOKEN ((gpointer) &token)

struct _SitmapGeojsonParseAhead
{
  const char  *data;
  GArray      *features;
  GThread     *thread;
  GAsyncQueue *parsed; /* JsonNode, or TOKEN: no tree */
  GAsyncQueue *spent;  /* JsonNode to free, or TOKEN: room for one more */
  int          stop;   /* atomic */
};

static void
free_item (gpointer item)
{
  if (item != TOKEN && item != NULL)
    json_node_unref (item);
}

static gpointer
parse_thread (gpointer data)
{
  SitmapGeojsonParseAhead *self = data;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();

  for (guint i = 0; i < self->features->len; i++)
    {
      const SitmapJsonSpan *span = &g_array_index (self->features, SitmapJsonSpan, i);
      JsonNode *node = NULL;

      /* Waits while MAX_AHEAD trees are unread */
      free_item (g_async_queue_pop (self->spent));
      if (g_atomic_int_get (&self->stop))
        break;
      if (sitmap_geojson_span_is_parseable (span))
        node = sitmap_geojson_parse_span (parser, self->data, span);
      g_async_queue_push (self->parsed, node != NULL ? node : TOKEN);
    }
  return NULL;
}

SitmapGeojsonParseAhead *
sitmap_geojson_parse_ahead_start (const char *data, GArray *features)
{
  SitmapGeojsonParseAhead *self = g_new0 (SitmapGeojsonParseAhead, 1);

  self->data = data;
  self->features = features;
  self->parsed = g_async_queue_new ();
  self->spent = g_async_queue_new ();
  for (guint i = 0; i < MAX_AHEAD; i++)
    g_async_queue_push (self->spent, TOKEN);
  self->thread = g_thread_try_new ("sitmap-geojson", parse_thread, self, NULL);
  if (self->thread == NULL)
    {
      sitmap_geojson_parse_ahead_free (self);
      return NULL;
    }
  return self;
}

JsonNode *
sitmap_geojson_parse_ahead_next (SitmapGeojsonParseAhead *self)
{
  gpointer item = g_async_queue_pop (self->parsed);

  return item != TOKEN ? item : NULL;
}

void
sitmap_geojson_parse_ahead_done (SitmapGeojsonParseAhead *self, JsonNode *node)
{
  g_return_if_fail (self != NULL);

  g_async_queue_push (self->spent, node != NULL ? node : TOKEN);
}

static void
drain (GAsyncQueue *queue)
{
  gpointer item;

  while ((item = g_async_queue_try_pop (queue)) != NULL)
    free_item (item);
}

void
sitmap_geojson_parse_ahead_free (SitmapGeojsonParseAhead *self)
{
  if (self == NULL)
    return;
  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->stop, 1);
      /* The thread may be waiting for room: give it some, so that it sees it must stop */
      g_async_queue_push (self->spent, TOKEN);
      g_thread_join (self->thread);
    }
  drain (self->parsed);
  drain (self->spent);
  g_async_queue_unref (self->parsed);
  g_async_queue_unref (self->spent);
  g_free (self);
}
