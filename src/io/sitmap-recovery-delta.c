/* sitmap-recovery-delta.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-recovery-delta"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sitmap-annotation-command.h"
#include "sitmap-annotations-visible-command.h"
#include "sitmap-error.h"
#include "sitmap-event-command.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"
#include "sitmap-named-view-command.h"
#include "sitmap-recovery-delta.h"
#include "sitmap-reliability-command.h"
#include "sitmap-undo-stack.h"

#define DELTA_FORMAT "sitmap-recovery-delta"

gboolean
sitmap_recovery_delta_possible (SitmapDocument *document)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  return sitmap_document_get_file (document) != NULL && sitmap_document_is_native (document) &&
         sitmap_document_has_events_of_file (document);
}

static int
compare_position (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Live events edits added, and those whose credibility changed: what the delta writes as KML */
static GArray *
changed_positions (SitmapEventStore *store)
{
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (store);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 *touched;
  guint n_touched;

  touched = sitmap_event_store_get_touched (store, &n_touched);
  for (guint i = 0; i < n_touched; i++)
    if (touched[i] < columns->n_sorted && !(columns->flags[touched[i]] & SITMAP_EVENT_FLAG_DELETED))
      g_array_append_val (positions, touched[i]);
  /* The writer wants them ascending */
  g_array_sort (positions, compare_position);
  for (guint32 p = columns->n_sorted; p < columns->n_events; p++)
    if (!(columns->flags[p] & SITMAP_EVENT_FLAG_DELETED))
      g_array_append_val (positions, p);
  return positions;
}

/* Events of the file deleted, and not there again under their id (as an edit puts them) */
static void
add_deleted_ids (JsonBuilder *builder, SitmapEventStore *store)
{
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (store);
  const guint32 *deleted;
  guint n_deleted;

  json_builder_set_member_name (builder, "deleted");
  json_builder_begin_array (builder);
  deleted = sitmap_event_store_get_deleted (store, &n_deleted);
  for (guint i = 0; i < n_deleted; i++)
    {
      const char *id = sitmap_event_store_get_id (store, deleted[i]);

      if (deleted[i] < columns->n_sorted && id != NULL && sitmap_event_store_find (store, id) < 0)
        json_builder_add_string_value (builder, id);
    }
  json_builder_end_array (builder);
}

GBytes *
sitmap_recovery_delta_new (SitmapDocument *document, GError **error)
{
  SitmapEventStore *store;
  g_autoptr (GArray) positions = NULL;
  g_autoptr (GBytes) kml = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *kml_text = NULL;
  gsize length;
  char *text;

  g_return_val_if_fail (sitmap_recovery_delta_possible (document), NULL);

  store = sitmap_document_get_store (document);
  positions = changed_positions (store);
  kml = sitmap_kml_write_events_bytes (document, positions, NULL, error);
  if (kml == NULL)
    return NULL;
  kml_text = g_strndup (g_bytes_get_data (kml, NULL), g_bytes_get_size (kml));
  uri = g_file_get_uri (sitmap_document_get_file (document));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DELTA_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "base");
  json_builder_add_string_value (builder, uri);
  add_deleted_ids (builder, store);
  json_builder_set_member_name (builder, "kml");
  json_builder_add_string_value (builder, kml_text);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/*
 * Reading
 */

static JsonObject *
parse_delta (JsonParser *parser, GBytes *bytes, GError **error)
{
  JsonNode *root;
  JsonObject *object;
  g_autoptr (GError) parse_error = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                   &parse_error))
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED,
                   _("The recovery file is damaged: %s"), parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), DELTA_FORMAT) != 0 ||
      json_object_get_int_member_with_default (object, "version", 0) != 1 ||
      json_object_get_string_member_with_default (object, "base", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "kml", NULL) == NULL)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED,
                   _("The recovery file is damaged: it does not say what changed"));
      return NULL;
    }
  return object;
}

char *
sitmap_recovery_delta_dup_base_uri (GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object = parse_delta (parser, bytes, error);

  return object ? g_strdup (json_object_get_string_member (object, "base")) : NULL;
}

static void
push (SitmapDocument *document, SitmapCommand *command, guint *n_edits)
{
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  g_object_unref (command);
  (*n_edits)++;
}

/* The sources an event of the delta cites that base lacks come with it, as the delta names them */
static void
add_missing_sources (SitmapEventCommand *command, SitmapDocument *base, SitmapDocument *delta,
                     const SitmapEventDraft *draft)
{
  for (guint i = 0; i < draft->citations->len; i++)
    {
      const SitmapCitationDraft *citation = &g_array_index (draft->citations, SitmapCitationDraft, i);
      const char *ids[2] = { citation->source_id, citation->via_id };

      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          gint index;

          if (ids[k] == NULL || sitmap_document_find_source (base, ids[k]) >= 0)
            continue;
          index = sitmap_document_find_source (delta, ids[k]);
          if (index >= 0)
            sitmap_event_command_add_source (command, sitmap_document_get_source (delta, index));
        }
    }
}

static void
apply_events (SitmapDocument *base, SitmapDocument *delta, guint *n_edits)
{
  SitmapEventStore *store = sitmap_document_get_store (delta);
  guint n = sitmap_document_get_n_events (delta);

  for (guint p = 0; p < n; p++)
    {
      const char *id = sitmap_event_store_get_id (store, p);
      SitmapEventDraft draft;
      SitmapCommand *command;

      sitmap_event_draft_init (&draft);
      sitmap_document_read_event_draft (delta, p, &draft);
      if (id != NULL && sitmap_event_store_find (sitmap_document_get_store (base), id) >= 0)
        command = sitmap_event_command_new_edit (base, id, &draft, _("Restore Event"), NULL);
      else
        command = sitmap_event_command_new_add (base, &draft);
      add_missing_sources (SITMAP_EVENT_COMMAND (command), base, delta, &draft);
      push (base, command, n_edits);
      sitmap_event_draft_clear (&draft);
    }
}

static void
apply_deletions (SitmapDocument *base, JsonArray *deleted, guint *n_edits)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; deleted != NULL && i < json_array_get_length (deleted); i++)
    {
      JsonNode *node = json_array_get_element (deleted, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          sitmap_event_store_find (sitmap_document_get_store (base), json_node_get_string (node)) >= 0)
        g_ptr_array_add (ids, (gpointer) json_node_get_string (node));
    }
  if (ids->len > 0)
    push (base, sitmap_event_command_new_delete (base, (const char *const *) ids->pdata, ids->len), n_edits);
}

static void
apply_reliabilities (SitmapDocument *base, SitmapDocument *delta, guint *n_edits)
{
  guint n = g_list_model_get_n_items (sitmap_document_get_sources (delta));

  for (guint i = 0; i < n; i++)
    {
      SitmapSource *theirs = sitmap_document_get_source (delta, i);
      gint index = sitmap_document_find_source (base, sitmap_source_get_id (theirs));
      SitmapSource *ours = index >= 0 ? sitmap_document_get_source (base, index) : NULL;

      if (ours != NULL && sitmap_source_get_reliability (ours) != sitmap_source_get_reliability (theirs))
        push (base, sitmap_reliability_command_new (ours, sitmap_source_get_reliability (theirs)), n_edits);
    }
}

static gboolean
same_items (GListModel *a, GListModel *b, gboolean (*equal) (gpointer, gpointer))
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) x = g_list_model_get_item (a, i);
      g_autoptr (GObject) y = g_list_model_get_item (b, i);

      if (!equal (x, y))
        return FALSE;
    }
  return TRUE;
}

/* Annotations and named views are few: when they differ, the delta's replace base's */
static void
apply_annotations (SitmapDocument *base, SitmapDocument *delta, guint *n_edits)
{
  GListModel *ours = sitmap_document_get_annotations (base), *theirs = sitmap_document_get_annotations (delta);

  if (!same_items (ours, theirs, (gboolean (*) (gpointer, gpointer)) sitmap_annotation_equal))
    {
      while (g_list_model_get_n_items (ours) > 0)
        {
          g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (ours, g_list_model_get_n_items (ours) - 1);

          push (base, sitmap_annotation_command_new_remove (annotation), n_edits);
        }
      for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
        {
          g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (theirs, i);
          g_autoptr (SitmapAnnotation) copy = sitmap_annotation_copy (annotation);

          push (base, sitmap_annotation_command_new_add (copy), n_edits);
        }
    }
  if (sitmap_document_get_annotations_visible (base) != sitmap_document_get_annotations_visible (delta))
    push (base, sitmap_annotations_visible_command_new (base, sitmap_document_get_annotations_visible (delta)),
          n_edits);
}

static void
apply_named_views (SitmapDocument *base, SitmapDocument *delta, guint *n_edits)
{
  GListModel *ours = sitmap_document_get_named_views (base), *theirs = sitmap_document_get_named_views (delta);

  if (same_items (ours, theirs, (gboolean (*) (gpointer, gpointer)) sitmap_named_view_equal))
    return;
  while (g_list_model_get_n_items (ours) > 0)
    push (base, sitmap_named_view_command_new_delete (base, g_list_model_get_n_items (ours) - 1), n_edits);
  for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
    {
      g_autoptr (SitmapNamedView) view = g_list_model_get_item (theirs, i);

      push (base, sitmap_named_view_command_new_add (base, view), n_edits);
    }
}

gboolean
sitmap_recovery_delta_apply (SitmapDocument *base, GBytes *bytes, guint *n_edits, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) kml = NULL;
  g_autoptr (SitmapDocument) delta = NULL;
  JsonObject *object;
  const char *text;
  guint n = 0;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (base), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  object = parse_delta (parser, bytes, error);
  if (object == NULL)
    return FALSE;
  text = json_object_get_string_member (object, "kml");
  kml = g_bytes_new_static (text, strlen (text));
  delta = sitmap_kml_read_bytes (kml, _("recovery file"), NULL, error);
  if (delta == NULL)
    return FALSE;
  /* Sources first: an edited event's citations then find them graded as they were */
  apply_reliabilities (base, delta, &n);
  apply_events (base, delta, &n);
  apply_deletions (base,
                   json_object_has_member (object, "deleted") &&
                       JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "deleted"))
                     ? json_object_get_array_member (object, "deleted")
                     : NULL,
                   &n);
  apply_annotations (base, delta, &n);
  apply_named_views (base, delta, &n);
  if (n_edits != NULL)
    *n_edits = n;
  return TRUE;
}
