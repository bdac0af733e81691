/* sitmap-kml-reader.c: a KML document in, one step: containers, placemarks, time, and the finished document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-kml-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-kml-private.h"
#include "sitmap-kml-reader-private.h"
#include "sitmap-kml-reader.h"
#include "sitmap-load-bytes.h"

/* Events read between two reports of progress */
#define PROGRESS_INTERVAL 4096

/*
 * Namespaces
 */

gboolean
sitmap_kml_is_kml_namespace (const char *ns)
{
  static const char *const namespaces[] = {
    SITMAP_KML_NAMESPACE,
    "http://www.opengis.net/kml/2.3",
    "http://earth.google.com/kml/2.2",
    "http://earth.google.com/kml/2.1",
    "http://earth.google.com/kml/2.0",
  };

  if (ns == NULL || *ns == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    if (strcmp (ns, namespaces[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_name (SitmapKmlReader *reader, const char *name)
{
  return strcmp (sitmap_xml_input_get_name (reader->in), name) == 0;
}

static gboolean
in_kml_namespace (SitmapKmlReader *reader)
{
  const char *ns = sitmap_xml_input_get_namespace (reader->in);

  if (ns != NULL && ns == reader->kml_namespace)
    return TRUE;
  if (!sitmap_kml_is_kml_namespace (ns))
    return FALSE;
  reader->kml_namespace = ns;
  return TRUE;
}

gboolean
sitmap_kml_is_element (SitmapKmlReader *reader, const char *name)
{
  return has_name (reader, name) && in_kml_namespace (reader);
}

gboolean
sitmap_kml_is_gx_element (SitmapKmlReader *reader, const char *name)
{
  return has_name (reader, name) && g_strcmp0 (sitmap_xml_input_get_namespace (reader->in),
                                                SITMAP_KML_GX_NAMESPACE) == 0;
}

gboolean
sitmap_kml_is_sitmap_element (SitmapKmlReader *reader, const char *name)
{
  return has_name (reader, name) && g_strcmp0 (sitmap_xml_input_get_namespace (reader->in),
                                                SITMAP_KML_SITMAP_NAMESPACE) == 0;
}

/*
 * Time
 */

gboolean
sitmap_kml_parse_instant (SitmapKmlReader *reader, SitmapXmlMark mark, const char *text, SitmapTime *time)
{
  g_autoptr (GError) error = NULL;

  if (sitmap_time_init_instant (time, text, &error))
    return TRUE;
  return sitmap_xml_input_fail (reader->in, mark, error->code, "%s", error->message);
}

/* For each of names (NULL-terminated), the text of the current element's first child element of that
 * name into texts[i] (left NULL when there is none) and its mark into marks[i]. */
static gboolean
read_child_texts (SitmapKmlReader *reader, const char *const *names, char **texts, SitmapXmlMark *marks)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean matched = FALSE;

      for (guint i = 0; names[i] != NULL && !matched; i++)
        if (texts[i] == NULL && sitmap_kml_is_element (reader, names[i]))
          {
            marks[i] = sitmap_xml_input_get_mark (reader->in);
            texts[i] = sitmap_xml_input_read_text (reader->in);
            if (texts[i] == NULL)
              return FALSE;
            matched = TRUE;
          }
      if (!matched && !sitmap_xml_input_skip (reader->in))
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* TimeStamp (and KML 2.0's TimeInstant) holds one date; an empty one leaves the feature undated. */
static gboolean
read_time_stamp (SitmapKmlReader *reader, SitmapKmlFeature *feature, const char *child)
{
  const char *names[] = { child, NULL };
  char *texts[1] = { NULL };
  SitmapXmlMark marks[1] = { 0 };
  gboolean ok;

  ok = read_child_texts (reader, names, texts, marks);
  if (ok && nonempty (texts[0]) && !feature->has_time)
    {
      ok = sitmap_kml_parse_instant (reader, marks[0], texts[0], &feature->draft.time);
      feature->has_time = ok;
    }
  g_free (texts[0]);
  return ok;
}

static gboolean
read_time_span (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  static const char *const names[] = { "begin", "end", NULL };
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  char *texts[2] = { NULL, NULL };
  SitmapXmlMark marks[2] = { 0, 0 };
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = read_child_texts (reader, names, texts, marks);
  if (ok && !feature->has_time && (nonempty (texts[0]) || nonempty (texts[1])))
    {
      ok = sitmap_time_init_span (&feature->draft.time, nonempty (texts[0]), nonempty (texts[1]), &error);
      if (!ok)
        sitmap_xml_input_fail (reader->in, mark, error->code, "%s", error->message);
      feature->has_time = ok;
    }
  g_free (texts[0]);
  g_free (texts[1]);
  return ok;
}

/* A track is timed by its <when>s unless the feature has a time of its own. */
static gboolean
apply_track_time (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (feature->has_time || feature->track_first == NULL)
    return TRUE;
  if (feature->track_first_start == feature->track_last_start)
    ok = sitmap_time_init_instant (&feature->draft.time, feature->track_first, &error);
  else
    ok = sitmap_time_init_span (&feature->draft.time, feature->track_first, feature->track_last, &error);
  if (!ok)
    return sitmap_xml_input_fail (reader->in, feature->track_mark, error->code, "%s", error->message);
  feature->has_time = TRUE;
  return TRUE;
}

/*
 * Placemarks and ground overlays
 */

static void
feature_init (SitmapKmlFeature *feature, SitmapXmlMark mark)
{
  memset (feature, 0, sizeof *feature);
  sitmap_event_draft_init (&feature->draft);
  feature->mark = mark;
  feature->latitude = feature->longitude = NAN;
}

static void
feature_clear (SitmapKmlFeature *feature)
{
  sitmap_event_draft_clear (&feature->draft);
  g_clear_pointer (&feature->shape, sitmap_geometry_unref);
  g_clear_pointer (&feature->track_first, g_free);
  g_clear_pointer (&feature->track_last, g_free);
  g_clear_object (&feature->annotation);
}

static gboolean
read_extended_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (sitmap_kml_is_sitmap_element (reader, "event"))
        ok = sitmap_kml_read_event_data (reader, feature);
      else if (sitmap_kml_is_sitmap_element (reader, "place"))
        ok = sitmap_kml_read_place_data (reader, feature);
      else if (sitmap_kml_is_sitmap_element (reader, "annotation"))
        ok = sitmap_kml_read_annotation_data (reader, feature);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

gboolean
sitmap_kml_read_text_into (SitmapKmlReader *reader, char **out)
{
  char *text = sitmap_xml_input_read_text (reader->in);

  if (text == NULL)
    return FALSE;
  g_free (*out);
  *out = text;
  if (*text == '\0')
    g_clear_pointer (out, g_free);
  return TRUE;
}

static gboolean
read_feature_child (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  if (sitmap_kml_is_element (reader, "name"))
    return sitmap_kml_read_text_into (reader, &feature->draft.title);
  if (sitmap_kml_is_element (reader, "description"))
    return sitmap_kml_read_text_into (reader, &feature->draft.summary);
  if (sitmap_kml_is_element (reader, "TimeStamp") || sitmap_kml_is_gx_element (reader, "TimeStamp"))
    return read_time_stamp (reader, feature, "when");
  if (sitmap_kml_is_element (reader, "TimeInstant"))
    return read_time_stamp (reader, feature, "timePosition");
  if (sitmap_kml_is_element (reader, "TimeSpan") || sitmap_kml_is_gx_element (reader, "TimeSpan"))
    return read_time_span (reader, feature);
  if (sitmap_kml_is_element (reader, "ExtendedData"))
    return read_extended_data (reader, feature);
  if (sitmap_kml_is_geometry (reader))
    return sitmap_kml_read_geometry (reader, feature);
  if (sitmap_kml_is_element (reader, "LatLonBox"))
    return sitmap_kml_read_lat_lon_box (reader, feature);
  if (sitmap_kml_is_gx_element (reader, "LatLonQuad"))
    return sitmap_kml_read_lat_lon_quad (reader, feature);
  return sitmap_xml_input_skip (reader->in);
}

/* Where a feature is drawn: its Point, else the middle of its shape. */
static void
feature_get_anchor (SitmapKmlFeature *feature, double *latitude, double *longitude)
{
  *latitude = feature->latitude;
  *longitude = feature->longitude;
  if (!feature->has_point && feature->shape != NULL)
    sitmap_geometry_get_center (feature->shape, latitude, longitude);
}

static gboolean
add_place (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  g_autoptr (SitmapPlace) place = NULL;
  const char *id = feature->draft.id;
  double latitude, longitude;

  feature_get_anchor (feature, &latitude, &longitude);
  if (g_hash_table_size (reader->place_ids) + reader->unnamed_places->len >= SITMAP_KML_MAX_PLACES)
    return sitmap_xml_input_fail (reader->in, feature->mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("the document describes more than %d places"), SITMAP_KML_MAX_PLACES);
  place = sitmap_place_new (id ? id : "", feature->draft.title, feature->place_kind, latitude, longitude,
                            feature->shape);
  sitmap_place_set_description (place, feature->draft.summary);
  if (id == NULL)
    {
      g_ptr_array_add (reader->unnamed_places, g_steal_pointer (&place));
      return TRUE;
    }
  if (!sitmap_document_builder_add_place (reader->builder, place))
    {
      g_autofree char *quoted = sitmap_quote_text (id);

      return sitmap_xml_input_fail (reader->in, feature->mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("two places have the id “%s”"), quoted);
    }
  g_hash_table_add (reader->place_ids, g_strdup (id));
  return TRUE;
}

static gboolean
add_event (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  if (reader->n_events >= SITMAP_KML_MAX_EVENTS)
    return sitmap_xml_input_fail (reader->in, feature->mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("the document has more than %d events"), SITMAP_KML_MAX_EVENTS);
  reader->n_events++;
  if (reader->import != NULL && reader->n_events % PROGRESS_INTERVAL == 0)
    sitmap_import_set_progress (reader->import, sitmap_xml_input_get_fraction (reader->in));
  /* A geometry written from the event's place is only there for other viewers: the event is at its place,
   * wherever that is now, with its shape. */
  if (!feature->from_place)
    {
      feature_get_anchor (feature, &feature->draft.latitude, &feature->draft.longitude);
      feature->draft.geometry = g_steal_pointer (&feature->shape);
    }
  sitmap_document_builder_add_event (reader->builder, &feature->draft);
  return TRUE;
}

static gboolean
read_feature (SitmapKmlReader *reader)
{
  SitmapKmlFeature feature;
  SitmapXmlChildren children;
  gboolean ok = TRUE;

  feature_init (&feature, sitmap_xml_input_get_mark (reader->in));
  feature.draft.id = sitmap_xml_input_dup_attribute (reader->in, "id");
  sitmap_xml_input_children_begin (reader->in, &children);
  while (ok && sitmap_xml_input_children_next (reader->in, &children))
    ok = read_feature_child (reader, &feature);
  ok = ok && !sitmap_xml_input_failed (reader->in) && apply_track_time (reader, &feature);
  if (ok)
    ok = feature.annotation != NULL ? sitmap_kml_add_annotation (reader, &feature)
         : feature.is_place           ? add_place (reader, &feature)
                                      : add_event (reader, &feature);
  feature_clear (&feature);
  return ok;
}

/*
 * The document and its folders
 */

static gboolean
read_look_at (SitmapKmlReader *reader)
{
  static const char *const names[] = { "latitude", "longitude", "range", NULL };
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  char *texts[3] = { NULL, NULL, NULL };
  SitmapXmlMark marks[3] = { 0 };
  double values[3] = { 0, 0, 0 };
  gboolean ok = read_child_texts (reader, names, texts, marks);

  for (guint i = 0; ok && i < 3; i++)
    if (nonempty (texts[i]) && !sitmap_kml_parse_decimal (texts[i], &values[i]))
      {
        g_autofree char *quoted = sitmap_quote_text (texts[i]);

        ok = sitmap_xml_input_fail (reader->in, marks[i], SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("“%s” is not a decimal number"), quoted);
      }
  if (ok && nonempty (texts[0]) && nonempty (texts[1]))
    {
      ok = sitmap_kml_check_position (reader, mark, texts[0], values[0], texts[1], values[1]);
      reader->have_look_at = ok;
      reader->look_at_latitude = values[0];
      reader->look_at_longitude = values[1];
      /* Without a usable range, the view is of a region, as Google Earth's default is. */
      reader->look_at_zoom = nonempty (texts[2]) && isfinite (values[2]) && values[2] > 0
                               ? sitmap_kml_zoom_from_range (values[2], values[0])
                               : 6;
    }
  for (guint i = 0; i < 3; i++)
    g_free (texts[i]);
  return ok;
}

static gboolean
read_document_data (SitmapKmlReader *reader, gboolean header)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (header && sitmap_kml_is_sitmap_element (reader, "view"))
        ok = sitmap_kml_read_view (reader);
      else if (sitmap_kml_is_sitmap_element (reader, "source"))
        ok = sitmap_kml_read_source (reader);
      /* Views belong to the document: those of a file pasted inside another are not its own. */
      else if (header && sitmap_kml_is_sitmap_element (reader, "named-view"))
        ok = sitmap_kml_read_named_view (reader);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

static gboolean
read_header_text (SitmapKmlReader *reader, gboolean *have, void (*set) (SitmapDocumentBuilder *, const char *))
{
  g_autofree char *text = sitmap_xml_input_read_text (reader->in);

  if (text == NULL)
    return FALSE;
  if (!*have && *text != '\0')
    {
      set (reader->builder, text);
      *have = TRUE;
    }
  return TRUE;
}

static gboolean read_container (SitmapKmlReader *reader, guint level);

/* The first folder of annotations (id sitmap-annotations) is remembered while it is read, for its visibility. */
static gboolean
read_folder (SitmapKmlReader *reader, guint level)
{
  g_autofree char *id = sitmap_xml_input_dup_attribute (reader->in, "id");
  gboolean annotations = !reader->seen_annotation_folder && g_strcmp0 (id, "sitmap-annotations") == 0;
  guint outer = reader->annotation_folder_level;
  gboolean ok;

  if (annotations)
    {
      reader->seen_annotation_folder = TRUE;
      reader->annotation_folder_level = level + 1;
    }
  ok = read_container (reader, level + 1);
  reader->annotation_folder_level = annotations ? 0 : outer;
  return ok;
}

/* The document's own name, description and view come from <kml>'s outermost Document or Folder. */
static gboolean
read_container_child (SitmapKmlReader *reader, guint level)
{
  gboolean header = level <= 1;

  if (sitmap_kml_is_element (reader, "Document") || sitmap_kml_is_element (reader, "Folder"))
    return read_folder (reader, level);
  /* Whether the annotations are shown is their folder's visibility. */
  if (level > 0 && level == reader->annotation_folder_level && sitmap_kml_is_element (reader, "visibility"))
    return sitmap_kml_read_annotation_visibility (reader);
  if (sitmap_kml_is_element (reader, "Placemark") || sitmap_kml_is_element (reader, "GroundOverlay"))
    return read_feature (reader);
  if (header && sitmap_kml_is_element (reader, "name"))
    return read_header_text (reader, &reader->have_title, sitmap_document_builder_set_title);
  if (header && sitmap_kml_is_element (reader, "description"))
    return read_header_text (reader, &reader->have_description, sitmap_document_builder_set_description);
  if (header && !reader->have_look_at && sitmap_kml_is_element (reader, "LookAt"))
    return read_look_at (reader);
  if (sitmap_kml_is_element (reader, "ExtendedData"))
    return read_document_data (reader, header);
  /* Everything else, NetworkLink included, is skipped: Sitmap never fetches what a file points to. */
  return sitmap_xml_input_skip (reader->in);
}

static gboolean
read_container (SitmapKmlReader *reader, guint level)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_container_child (reader, level))
      return FALSE;
  return !sitmap_xml_input_failed (reader->in);
}

static gboolean
read_kml (SitmapKmlReader *reader)
{
  const char *ns;

  if (!sitmap_xml_input_read_root (reader->in))
    return FALSE;
  ns = sitmap_xml_input_get_namespace (reader->in);
  if (!sitmap_kml_is_kml_namespace (ns))
    {
      g_autofree char *quoted = sitmap_quote_text (ns);

      return sitmap_xml_input_fail (reader->in, sitmap_xml_input_get_mark (reader->in),
                                    SITMAP_DOCUMENT_ERROR_NOT_KML,
                                    _("the <kml> element is in the namespace “%s”, which is not KML’s"), quoted);
    }
  return read_container (reader, 0) && sitmap_xml_input_read_end (reader->in);
}

/*
 * Finishing
 */

/* An event naming a place the file does not describe would silently lose it on the next save. */
static gboolean
check_place_references (SitmapKmlReader *reader)
{
  GHashTableIter iter;
  gpointer id, mark;
  const char *missing = NULL;
  g_autofree char *quoted = NULL;
  SitmapXmlMark first = G_MAXUINT64;

  g_hash_table_iter_init (&iter, reader->place_refs);
  while (g_hash_table_iter_next (&iter, &id, &mark))
    if (!g_hash_table_contains (reader->place_ids, id) && *(SitmapXmlMark *) mark < first)
      {
        first = *(SitmapXmlMark *) mark;
        missing = id;
      }
  if (missing == NULL)
    return TRUE;
  quoted = sitmap_quote_text (missing);
  return sitmap_xml_input_fail (reader->in, first, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                _("an event is at the place “%s”, which the document does not describe"), quoted);
}

/* Places written without an id get one that no other place of the file has. */
static void
add_unnamed_places (SitmapKmlReader *reader)
{
  guint n = 0;

  for (guint i = 0; i < reader->unnamed_places->len; i++)
    {
      SitmapPlace *unnamed = g_ptr_array_index (reader->unnamed_places, i);
      g_autoptr (SitmapPlace) place = NULL;
      g_autofree char *id = NULL;

      do
        {
          g_free (id);
          id = g_strdup_printf ("place-%u", ++n);
        }
      while (g_hash_table_contains (reader->place_ids, id));
      place = sitmap_place_new (id, sitmap_place_get_name (unnamed), sitmap_place_get_kind (unnamed),
                                sitmap_place_get_latitude (unnamed), sitmap_place_get_longitude (unnamed),
                                sitmap_place_get_geometry (unnamed));
      sitmap_place_set_description (place, sitmap_place_get_description (unnamed));
      sitmap_document_builder_add_place (reader->builder, place);
      g_hash_table_add (reader->place_ids, g_steal_pointer (&id));
    }
}

static void
reader_init (SitmapKmlReader *reader, SitmapXmlInput *in)
{
  memset (reader, 0, sizeof *reader);
  reader->in = in;
  reader->builder = sitmap_document_builder_new ();
  reader->source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->named_source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->max_points = SITMAP_KML_MAX_POINTS;
  reader->place_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->place_refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->unnamed_places = g_ptr_array_new_with_free_func (g_object_unref);
  reader->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  reader->annotation_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
reader_clear (SitmapKmlReader *reader)
{
  g_clear_pointer (&reader->builder, sitmap_document_builder_free);
  g_hash_table_unref (reader->source_ids);
  g_hash_table_unref (reader->named_source_ids);
  g_hash_table_unref (reader->place_ids);
  g_hash_table_unref (reader->place_refs);
  g_ptr_array_unref (reader->unnamed_places);
  g_ptr_array_unref (reader->annotations);
  g_hash_table_unref (reader->annotation_ids);
}

static SitmapDocument *
finish (SitmapKmlReader *reader)
{
  SitmapDocument *document;

  if (!reader->have_view_position && reader->have_look_at)
    sitmap_document_builder_set_position (reader->builder, reader->look_at_latitude, reader->look_at_longitude,
                                          reader->look_at_zoom);
  add_unnamed_places (reader);
  document = sitmap_document_builder_finish (g_steal_pointer (&reader->builder));
  /* Annotations go in once the document exists, before anyone sees it. */
  sitmap_kml_finish_annotations (reader, document);
  return document;
}

/*
 * Public API
 */

static SitmapDocument *
read_bytes (GBytes       *bytes,
            const char   *display_name,
            SitmapImport *import,
            guint64       max_points,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr (SitmapXmlInput) in = NULL;
  SitmapKmlReader reader;
  SitmapDocument *document = NULL;

  in = sitmap_xml_input_new (bytes, display_name, cancellable, error);
  if (in == NULL)
    return NULL;
  reader_init (&reader, in);
  reader.import = import;
  reader.max_points = max_points;
  if (read_kml (&reader) && check_place_references (&reader) &&
      !g_cancellable_set_error_if_cancelled (cancellable, error))
    document = finish (&reader);
  else if (sitmap_xml_input_failed (in))
    sitmap_xml_input_propagate_error (in, error);
  else if (error != NULL && *error == NULL)
    g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED, _("%s: the document cannot be read"),
                 sitmap_xml_input_get_display_name (in));
  reader_clear (&reader);
  return document;
}

SitmapDocument *
sitmap_kml_read_bytes_with_max_points (GBytes       *bytes,
                                       const char   *display_name,
                                       guint64       max_points,
                                       GCancellable *cancellable,
                                       GError      **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (bytes, display_name, NULL, max_points, cancellable, error);
}

SitmapDocument *
sitmap_kml_read_bytes (GBytes *bytes, const char *display_name, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (bytes, display_name, NULL, SITMAP_KML_MAX_POINTS, cancellable, error);
}

SitmapDocument *
sitmap_kml_read (GBytes *bytes, SitmapImport *import, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (bytes, sitmap_import_get_display_name (import), import, SITMAP_KML_MAX_POINTS,
                     sitmap_import_get_cancellable (import), error);
}

SitmapDocument *
sitmap_kml_read_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *display_name = NULL;
  GError *load_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = sitmap_load_bytes (file, cancellable, &display_name, &load_error);
  if (bytes == NULL)
    {
      /* TRANSLATORS: a file name, before what went wrong with it */
      g_propagate_prefixed_error (error, load_error, _("%s: "), display_name);
      return NULL;
    }
  return sitmap_kml_read_bytes (bytes, display_name, cancellable, error);
}
