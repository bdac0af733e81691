/* sitmap-geojson-feature.c: one GeoJSON feature as one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geojson-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-category.h"
#include "sitmap-error.h"
#include "sitmap-geojson-private.h"
#include "sitmap-time.h"

/* The properties Sitmap writes beyond the mapping dialog's fields (docs/geojson-format.md) */
static const char *const sitmap_properties[] = {
  "actors", "figures", "citations", "folder", "location_precision", "radius_m", NULL,
};

void
sitmap_geojson_feature_fail (SitmapGeojsonFeature *feature, const char *format, ...)
{
  va_list args;

  g_return_if_fail (feature != NULL);

  if (feature->problem != NULL)
    return;
  va_start (args, format);
  feature->problem = g_strdup_vprintf (format, args);
  va_end (args);
}

static const char *
field (SitmapGeojsonReader *reader, SitmapImportField f)
{
  return reader->fields.names[f];
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/*
 * Time
 */

static gboolean
read_time (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *properties)
{
  g_autofree char *begin = NULL;
  g_autofree char *end = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  begin = sitmap_geojson_dup_time (reader, feature,
                                   sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_DATE)),
                                   reader->fields.date_in_ms);
  if (feature->problem != NULL)
    return FALSE;
  end = sitmap_geojson_dup_time (reader, feature,
                                 sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_END_DATE)),
                                 reader->fields.end_in_ms);
  if (feature->problem != NULL)
    return FALSE;
  if (g_strcmp0 (begin, OPEN_BOUND) == 0 || g_strcmp0 (end, OPEN_BOUND) == 0)
    ok = sitmap_time_init_span (&feature->draft.time, g_strcmp0 (begin, OPEN_BOUND) ? begin : NULL,
                                g_strcmp0 (end, OPEN_BOUND) ? end : NULL, &error);
  /* Another program's span that begins and ends at once is that moment; Sitmap's own says what it means. */
  else if (begin != NULL && (end == NULL || (strcmp (begin, end) == 0 && !reader->fields.own)))
    ok = sitmap_time_init_instant (&feature->draft.time, begin, &error);
  else if (end != NULL)
    ok = sitmap_time_init_span (&feature->draft.time, begin, end, &error);
  else
    return TRUE;
  if (!ok)
    sitmap_geojson_feature_fail (feature, "%s", error->message);
  return ok;
}

/*
 * Sitmap's own properties
 */

static void
read_actors (SitmapGeojsonFeature *feature, JsonNode *node)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (feature->draft.actors->len < SITMAP_GEOJSON_MAX_PER_EVENT && JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING && *json_node_get_string (element) != '\0')
        sitmap_event_draft_add_actor (&feature->draft, json_node_get_string (element));
    }
}

static gboolean
integer_member (JsonObject *object, const char *name, gint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static void
read_figures (SitmapGeojsonFeature *feature, JsonNode *node)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      SitmapFigure figure = { SITMAP_FIGURE_OTHER, SITMAP_QUALIFIER_EXACT, SITMAP_FIGURE_UNKNOWN,
                              SITMAP_FIGURE_UNKNOWN, NULL };
      const char *kind = string_member (object, "kind"), *qualifier = string_member (object, "qualifier");

      if (object == NULL || feature->draft.figures->len >= SITMAP_GEOJSON_MAX_PER_EVENT)
        continue;
      if (kind != NULL && !sitmap_figure_kind_from_id (kind, &figure.kind))
        continue;
      if (qualifier != NULL && !sitmap_qualifier_from_id (qualifier, &figure.qualifier))
        continue;
      integer_member (object, "min", &figure.min);
      integer_member (object, "max", &figure.max);
      if (figure.min < SITMAP_FIGURE_UNKNOWN || figure.max < SITMAP_FIGURE_UNKNOWN ||
          (figure.min == SITMAP_FIGURE_UNKNOWN && figure.qualifier != SITMAP_QUALIFIER_UNQUANTIFIED))
        continue;
      figure.text = string_member (object, "text");
      sitmap_event_draft_add_figure (&feature->draft, &figure);
    }
}

/* A killed figure from a plain count ("fatalities": 3), when the feature has no figures of Sitmap's. */
static void
read_fatalities (SitmapGeojsonFeature *feature, JsonNode *node)
{
  SitmapFigure figure = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_EXACT, 0, SITMAP_FIGURE_UNKNOWN, NULL };
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return;
    }
  else if (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return;
  if (value < 0 || value != floor (value) || value > G_MAXINT32)
    return;
  figure.min = (gint64) value;
  sitmap_event_draft_add_figure (&feature->draft, &figure);
}

static void
ensure_source (SitmapGeojsonReader *reader, const char *id, const char *name)
{
  SitmapSource *source;

  if (g_hash_table_contains (reader->named_sources, id))
    return;
  source = sitmap_document_builder_add_source (reader->builder, id);
  sitmap_source_set_name (source, name != NULL ? name : id);
  g_hash_table_add (reader->named_sources, g_strdup (id));
}

static void
read_time_member (JsonObject *object, const char *name, SitmapTime *time)
{
  const char *text = string_member (object, name);

  if (text == NULL || !sitmap_time_init_instant (time, text, NULL))
    sitmap_time_init_undated (time);
}

static void
read_citations (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      SitmapCitationDraft citation = { 0 };
      const char *source = string_member (object, "source"), *via = string_member (object, "via");
      const char *credibility = string_member (object, "credibility");

      if (object == NULL || feature->draft.citations->len >= SITMAP_GEOJSON_MAX_PER_EVENT)
        continue;
      if (source != NULL && *source != '\0')
        {
          ensure_source (reader, source, string_member (object, "source_name"));
          citation.source_id = g_strdup (source);
        }
      if (via != NULL && *via != '\0')
        {
          ensure_source (reader, via, string_member (object, "via_name"));
          citation.via_id = g_strdup (via);
        }
      citation.url = g_strdup (string_member (object, "url"));
      citation.paraphrase = g_strdup (string_member (object, "paraphrase"));
      read_time_member (object, "published", &citation.published);
      read_time_member (object, "accessed", &citation.accessed);
      if (credibility == NULL || !sitmap_credibility_from_id (credibility, &citation.credibility))
        citation.credibility = SITMAP_CREDIBILITY_UNRATED;
      sitmap_event_draft_take_citation (&feature->draft, &citation);
    }
}

/* A citation from a plain address and publisher, when the feature has no citations of Sitmap's. */
static void
read_plain_citation (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *properties)
{
  g_autofree char *url = sitmap_geojson_dup_scalar (reader, feature,
                                                    sitmap_geojson_get_property (properties, reader->fields.url));
  g_autofree char *source = sitmap_geojson_dup_scalar (
    reader, feature, sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_SOURCE)));
  SitmapCitationDraft citation = { 0 };

  if (url == NULL && source == NULL)
    return;
  if (source != NULL && *g_strstrip (source) != '\0')
    {
      ensure_source (reader, source, NULL);
      citation.source_id = g_strdup (source);
    }
  else if (reader->collection_source != NULL)
    {
      ensure_source (reader, reader->collection_source, reader->collection_source_name);
      citation.source_id = g_strdup (reader->collection_source);
    }
  citation.url = g_steal_pointer (&url);
  sitmap_time_init_undated (&citation.published);
  sitmap_time_init_undated (&citation.accessed);
  sitmap_event_draft_take_citation (&feature->draft, &citation);
}

/* Folders as their path of names: the same path is the same group. */
static void
read_folder (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr (GString) path = g_string_new (NULL);
  guint group = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array) && i < 64; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name;
      gpointer found;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return;
      name = json_node_get_string (element);
      g_string_append (path, name);
      g_string_append_c (path, '\x1f');
      if (!g_hash_table_lookup_extended (reader->groups, path->str, NULL, &found))
        {
          found = GUINT_TO_POINTER (sitmap_document_builder_add_group (reader->builder, group, name));
          g_hash_table_insert (reader->groups, g_strdup (path->str), found);
        }
      group = GPOINTER_TO_UINT (found);
    }
  feature->draft.group = group;
}

/*
 * Attributes: every property no field takes, as written
 */

static void
add_attribute (SitmapGeojsonFeature *feature, const char *name, const char *value)
{
  if (feature->draft.attributes->len / 2 < SITMAP_GEOJSON_MAX_ATTRIBUTES)
    sitmap_event_draft_add_attribute (&feature->draft, name, value);
}

static void
read_attribute (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, const char *name, JsonNode *node)
{
  g_autofree char *text = NULL;

  if (g_str_has_prefix (name, SITMAP_GEOJSON_ATTRIBUTE_PREFIX))
    name += strlen (SITMAP_GEOJSON_ATTRIBUTE_PREFIX);
  /* JSON allows a property named "" (or "attribute:" alone); an attribute needs a name to be shown by. */
  if (JSON_NODE_HOLDS_NULL (node) || *name == '\0')
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      gboolean texts = json_array_get_length (array) > 0;

      /* An array of texts is a repeated attribute; anything else is kept as its JSON. */
      for (guint i = 0; texts && i < json_array_get_length (array); i++)
        texts = JSON_NODE_HOLDS_VALUE (json_array_get_element (array, i)) &&
                json_node_get_value_type (json_array_get_element (array, i)) == G_TYPE_STRING;
      for (guint i = 0; texts && i < json_array_get_length (array); i++)
        add_attribute (feature, name, json_node_get_string (json_array_get_element (array, i)));
      if (texts)
        return;
    }
  text = JSON_NODE_HOLDS_VALUE (node) ? sitmap_geojson_dup_scalar (reader, feature, node) : json_to_string (node, FALSE);
  if (text != NULL)
    add_attribute (feature, name, text);
}

static gboolean
is_sitmap_property (const char *name)
{
  return g_strv_contains (sitmap_properties, name);
}

/* Whether a field took the property: the position and id properties only when the feature had no geometry or
 * id of its own, the category only when it names one of Sitmap's. */
static gboolean
is_taken (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, const char *name, gboolean category_taken)
{
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      if (g_strcmp0 (reader->fields.names[f], name) != 0)
        continue;
      if ((f == SITMAP_IMPORT_FIELD_LATITUDE || f == SITMAP_IMPORT_FIELD_LONGITUDE) && !feature->placed_by_properties)
        continue;
      if (f == SITMAP_IMPORT_FIELD_ID && !feature->id_from_properties)
        continue;
      if (f == SITMAP_IMPORT_FIELD_CATEGORY && !category_taken)
        continue;
      return TRUE;
    }
  return g_strcmp0 (reader->fields.url, name) == 0;
}

/*
 * The feature
 */

static void
read_category (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *properties,
               gboolean *consumed)
{
  const char *name = field (reader, SITMAP_IMPORT_FIELD_CATEGORY);
  g_autofree char *text = sitmap_geojson_dup_scalar (reader, feature, sitmap_geojson_get_property (properties, name));

  /* A value that is no category of Sitmap's stays what the file says, an attribute. */
  *consumed = text == NULL || sitmap_category_from_text (text, &feature->draft.category);
}

static void
read_texts (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *properties)
{
  JsonNode *title = sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_TITLE));
  JsonNode *summary = sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_SUMMARY));
  JsonNode *place = sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_PLACE));

  feature->draft.title = sitmap_geojson_dup_scalar (reader, feature, title);
  feature->draft.summary = sitmap_geojson_dup_scalar (reader, feature, summary);
  feature->draft.place_text = sitmap_geojson_dup_scalar (reader, feature, place);
  if (feature->draft.title != NULL && *g_strstrip (feature->draft.title) == '\0')
    g_clear_pointer (&feature->draft.title, g_free);
}

static void
read_own_properties (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *properties)
{
  JsonNode *node;

  if ((node = sitmap_geojson_get_property (properties, "actors")) != NULL)
    read_actors (feature, node);
  if ((node = sitmap_geojson_get_property (properties, "figures")) != NULL)
    read_figures (feature, node);
  else
    read_fatalities (feature, sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_FATALITIES)));
  if ((node = sitmap_geojson_get_property (properties, "citations")) != NULL)
    read_citations (reader, feature, node);
  else
    read_plain_citation (reader, feature, properties);
  if ((node = sitmap_geojson_get_property (properties, "folder")) != NULL)
    read_folder (reader, feature, node);
  if ((node = sitmap_geojson_get_property (properties, "location_precision")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    sitmap_location_precision_from_id (json_node_get_string (node), &feature->draft.location_precision);
  if ((node = sitmap_geojson_get_property (properties, "radius_m")) != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) >= 0 &&
      json_node_get_int (node) <= SITMAP_GEOJSON_MAX_RADIUS_M)
    feature->draft.radius_m = (guint) json_node_get_int (node);
}

static void
read_attributes (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *properties,
                 gboolean category_consumed)
{
  g_autoptr (GList) members = json_object_get_members (properties);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (is_sitmap_property (name) || is_taken (reader, feature, name, category_consumed))
        continue;
      /* A plain count beside Sitmap's figures repeats them. */
      if (g_strcmp0 (name, "fatalities") == 0 && json_object_has_member (properties, "figures"))
        continue;
      read_attribute (reader, feature, name, json_object_get_member (properties, name));
    }
}

/* The feature's id: its own (a number as written), else the id property. */
static void
read_id (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *object, JsonObject *properties)
{
  JsonNode *id = json_object_get_member (object, "id");
  const char *id_field = field (reader, SITMAP_IMPORT_FIELD_ID);

  if (sitmap_import_get_option (reader->import, sitmap_import_field_get_name (SITMAP_IMPORT_FIELD_ID)) != NULL ||
      id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    {
      feature->draft.id = sitmap_geojson_dup_scalar (reader, feature, sitmap_geojson_get_property (properties, id_field));
      feature->id_from_properties = feature->draft.id != NULL;
      return;
    }
  if (json_node_get_value_type (id) == G_TYPE_STRING)
    feature->draft.id = g_strdup (json_node_get_string (id));
  else
    feature->draft.id = sitmap_json_scan_dup_member_text (reader->data, feature->span, "id");
}

gboolean
sitmap_geojson_read_feature (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *type = string_member (object, "type");
  JsonNode *properties_node, *geometry;
  JsonObject *properties = NULL;
  gboolean category_consumed;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (object == NULL)
    {
      sitmap_geojson_feature_fail (feature, _("a feature is not an object"));
      return FALSE;
    }
  /* A bare geometry among the features is a feature with nothing but a place. */
  if (sitmap_geojson_is_geometry_type (type))
    return sitmap_geojson_read_geometry (reader, feature, node);
  if (type != NULL && strcmp (type, "Feature") != 0)
    {
      g_autofree char *quoted = sitmap_quote_text (type);

      sitmap_geojson_feature_fail (feature, _("a feature has the type “%s”, not “Feature”"), quoted);
      return FALSE;
    }
  properties_node = json_object_get_member (object, "properties");
  if (properties_node != NULL && JSON_NODE_HOLDS_OBJECT (properties_node))
    properties = json_node_get_object (properties_node);
  geometry = json_object_get_member (object, "geometry");
  if (!sitmap_geojson_read_geometry (reader, feature, geometry))
    return FALSE;
  /* Without a geometry, a table's latitude and longitude columns place it. */
  if ((geometry == NULL || JSON_NODE_HOLDS_NULL (geometry)) && properties != NULL)
    {
      JsonNode *latitude = sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_LATITUDE));
      JsonNode *longitude = sitmap_geojson_get_property (properties, field (reader, SITMAP_IMPORT_FIELD_LONGITUDE));

      feature->placed_by_properties = latitude != NULL && longitude != NULL;
      if (feature->placed_by_properties && !sitmap_geojson_set_point (reader, feature, latitude, longitude))
        return FALSE;
    }
  read_id (reader, feature, object, properties);
  if (properties == NULL)
    return TRUE;
  if (!read_time (reader, feature, properties))
    return FALSE;
  read_texts (reader, feature, properties);
  read_category (reader, feature, properties, &category_consumed);
  read_own_properties (reader, feature, properties);
  read_attributes (reader, feature, properties, category_consumed);
  return TRUE;
}
