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

/* Every element is tested against a dozen names: most differ in their first letter. */
static inline gboolean
has_name (SitmapKmlReader *reader, const char *name)
{
  const char *current = sitmap_xml_input_get_name (reader->in);

  return current[0] == name[0] && strcmp (current, name) == 0;
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
  g_return_val_if_fail (reader != NULL, FALSE);
  return has_name (reader, name) && in_kml_namespace (reader);
}

gboolean
sitmap_kml_is_gx_element (SitmapKmlReader *reader, const char *name)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return has_name (reader, name) && g_strcmp0 (sitmap_xml_input_get_namespace (reader->in),
                                                SITMAP_KML_GX_NAMESPACE) == 0;
}

gboolean
sitmap_kml_is_sitmap_element (SitmapKmlReader *reader, const char *name)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return has_name (reader, name) && g_strcmp0 (sitmap_xml_input_get_namespace (reader->in),
                                                SITMAP_KML_SITMAP_NAMESPACE) == 0;
}

/*
 * Leniency: where a problem leaves a part out, and where it refuses the file
 */

/* The value quoted as every message quotes a file's text (sitmap_quote_text): escaped, so that a bidi
 * override or a line break in it cannot spoof the message, and cut between characters, never inside one. */
gboolean
sitmap_kml_fail_value (SitmapKmlReader *reader,
                       SitmapXmlMark    mark,
                       const char      *attribute,
                       const char      *value,
                       const char      *known)
{
  g_autofree char *quoted = sitmap_quote_text (value);

  g_return_val_if_fail (reader != NULL, FALSE);

  return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                /* TRANSLATORS: rule="sometimes" is not a value Sitmap knows; it may be one of:
                                 * overlapping, within */
                                _("%s=“%s” is not a value Sitmap knows; it may be one of: %s"), attribute, quoted,
                                known);
}

gboolean
sitmap_kml_invalid (SitmapKmlReader *reader, SitmapXmlMark mark, const char *format, ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  if (reader->problem == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "%s", why);
  if (!reader->problem->failed)
    {
      reader->problem->failed = TRUE;
      reader->problem->mark = mark;
      reader->problem->why = g_steal_pointer (&why);
    }
  return FALSE;
}

SitmapKmlProblem *
sitmap_kml_set_problem (SitmapKmlReader *reader, SitmapKmlProblem *problem)
{
  SitmapKmlProblem *outer = reader->problem;

  reader->problem = problem;
  return outer;
}

/* Whether reading may go on after a part returned FALSE: it was left out, the file is not refused. */
static gboolean
may_go_on (SitmapKmlReader *reader)
{
  return !sitmap_xml_input_failed (reader->in);
}

/*
 * Time
 */

gboolean
sitmap_kml_parse_instant (SitmapKmlReader *reader, SitmapXmlMark mark, const char *text, SitmapTime *time)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (sitmap_time_init_instant (time, text, &error))
    return TRUE;
  return sitmap_kml_invalid (reader, mark, "%s", error->message);
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
      ok = sitmap_kml_parse_instant (reader, marks[0], texts[0], &feature->draft->time);
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
      ok = sitmap_time_init_span (&feature->draft->time, nonempty (texts[0]), nonempty (texts[1]), &error);
      if (!ok)
        sitmap_kml_invalid (reader, mark, "%s", error->message);
      feature->has_time = ok;
    }
  g_free (texts[0]);
  g_free (texts[1]);
  return ok;
}

/* A track is timed by its <when>s unless the feature has a time of its own: from the first to the last, or
 * the one moment when all are the same. */
static void
apply_track_time (SitmapKmlFeature *feature)
{
  SitmapTime *time = &feature->draft->time;

  if (feature->has_time || !feature->has_track_time)
    return;
  sitmap_time_init_undated (time);
  time->start = feature->track_first.start;
  time->start_unit = feature->track_first.unit;
  if (feature->track_first.start == feature->track_last.start)
    {
      time->end = feature->track_first.end;
      time->precision = sitmap_time_precision_of_unit (feature->track_first.unit);
    }
  else
    {
      time->end = feature->track_last.end;
      time->end_unit = feature->track_last.unit;
      time->precision = SITMAP_TIME_PRECISION_SPAN;
    }
  feature->has_time = TRUE;
}

/*
 * Placemarks and ground overlays
 */

/* The reader's one draft, emptied for the next feature: its arrays are kept, not made again per feature. */
static void
draft_reset (SitmapEventDraft *draft)
{
  GPtrArray *actors = draft->actors, *attributes = draft->attributes;
  GArray *figures = draft->figures, *citations = draft->citations;

  g_free (draft->id);
  g_free (draft->title);
  g_free (draft->summary);
  g_free (draft->place_id);
  g_free (draft->place_text);
  g_clear_pointer (&draft->geometry, sitmap_geometry_unref);
  for (guint i = 0; i < figures->len; i++)
    g_free ((char *) g_array_index (figures, SitmapFigure, i).text);
  for (guint i = 0; i < citations->len; i++)
    sitmap_citation_draft_clear (&g_array_index (citations, SitmapCitationDraft, i));
  g_array_set_size (figures, 0);
  g_array_set_size (citations, 0);
  g_ptr_array_set_size (actors, 0);
  g_ptr_array_set_size (attributes, 0);
  memset (draft, 0, sizeof *draft);
  sitmap_time_init_undated (&draft->time);
  draft->category = SITMAP_CATEGORY_OTHER;
  draft->latitude = NAN;
  draft->longitude = NAN;
  draft->actors = actors;
  draft->figures = figures;
  draft->citations = citations;
  draft->attributes = attributes;
}

static void
feature_init (SitmapKmlReader *reader, SitmapKmlFeature *feature, SitmapXmlMark mark)
{
  memset (feature, 0, sizeof *feature);
  feature->draft = &reader->draft;
  draft_reset (feature->draft);
  feature->mark = mark;
  feature->latitude = feature->longitude = NAN;
}

static void
feature_clear (SitmapKmlFeature *feature)
{
  g_clear_pointer (&feature->shape, sitmap_geometry_unref);
  g_clear_object (&feature->annotation);
}

/* Sitmap's own data is read strictly: what is wrong in it refuses the file (docs/kml-format.md). */
static gboolean
read_sitmap_data (SitmapKmlReader *reader, SitmapKmlFeature *feature,
                  gboolean (*read) (SitmapKmlReader *, SitmapKmlFeature *))
{
  SitmapKmlProblem *outer = sitmap_kml_set_problem (reader, NULL);
  gboolean ok = read (reader, feature);

  sitmap_kml_set_problem (reader, outer);
  return ok;
}

gboolean
sitmap_kml_read_extended_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlChildren children;

  g_return_val_if_fail (reader != NULL, FALSE);

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (sitmap_kml_is_sitmap_element (reader, "event"))
        ok = read_sitmap_data (reader, feature, sitmap_kml_read_event_data);
      else if (sitmap_kml_is_sitmap_element (reader, "place"))
        ok = read_sitmap_data (reader, feature, sitmap_kml_read_place_data);
      else if (sitmap_kml_is_sitmap_element (reader, "annotation"))
        ok = read_sitmap_data (reader, feature, sitmap_kml_read_annotation_data);
      else if (sitmap_kml_is_element (reader, "Data"))
        ok = sitmap_kml_read_data (reader, feature);
      else if (sitmap_kml_is_element (reader, "SchemaData"))
        ok = sitmap_kml_read_schema_data (reader, feature);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok && !may_go_on (reader))
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

/* A field of a custom feature (Google Earth 5's <Schema parent="Placemark">): one of its attributes. */
static gboolean
read_custom_field (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  const char *name = sitmap_xml_input_get_name (reader->in);
  const char *text = sitmap_xml_input_read_text_shared (reader->in);

  return text != NULL && sitmap_kml_add_attribute (reader, feature, mark, name, text);
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

/* Whether a link leaves the file: an address to fetch from, not a file beside it or in its archive. */
static gboolean
is_remote (const char *href)
{
  g_autofree char *scheme = g_uri_parse_scheme (href);

  return scheme != NULL && g_ascii_strcasecmp (scheme, "file") != 0;
}

/* An <href>, listed among the document's links for the user to choose (never fetched): any address, or
 * only one on the network. */
static gboolean
note_href (SitmapKmlReader *reader, gboolean remote_only)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  const char *href = sitmap_xml_input_read_text_shared (reader->in);

  if (href == NULL)
    return FALSE;
  if (remote_only ? is_remote (href) : *href != '\0')
    sitmap_xml_input_note_link (reader->in, mark, href);
  return TRUE;
}

/* An overlay's image: from the network, it is listed, never fetched. */
static gboolean
read_icon (SitmapKmlReader *reader)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok
          = sitmap_kml_is_element (reader, "href") ? note_href (reader, TRUE) : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

static gboolean
read_feature_child (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  if (sitmap_kml_is_element (reader, "name"))
    return sitmap_kml_read_text_into (reader, &feature->draft->title);
  if (sitmap_kml_is_element (reader, "description"))
    return sitmap_kml_read_text_into (reader, &feature->draft->summary);
  if (sitmap_kml_is_element (reader, "TimeStamp") || sitmap_kml_is_gx_element (reader, "TimeStamp"))
    return read_time_stamp (reader, feature, "when");
  if (sitmap_kml_is_element (reader, "TimeInstant"))
    return read_time_stamp (reader, feature, "timePosition");
  if (sitmap_kml_is_element (reader, "TimeSpan") || sitmap_kml_is_gx_element (reader, "TimeSpan"))
    return read_time_span (reader, feature);
  if (sitmap_kml_is_element (reader, "ExtendedData"))
    return sitmap_kml_read_extended_data (reader, feature);
  if (sitmap_kml_is_geometry (reader))
    return sitmap_kml_read_geometry (reader, feature);
  if (sitmap_kml_is_element (reader, "LatLonBox"))
    return sitmap_kml_read_lat_lon_box (reader, feature);
  if (sitmap_kml_is_gx_element (reader, "LatLonQuad"))
    return sitmap_kml_read_lat_lon_quad (reader, feature);
  if (sitmap_kml_is_element (reader, "Icon"))
    return read_icon (reader);
  if (feature->fields != NULL && g_hash_table_contains (feature->fields, sitmap_xml_input_get_name (reader->in)) &&
      sitmap_kml_is_element (reader, sitmap_xml_input_get_name (reader->in)))
    return read_custom_field (reader, feature);
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
  const char *id = feature->draft->id;
  double latitude, longitude;

  feature_get_anchor (feature, &latitude, &longitude);
  if (g_hash_table_size (reader->place_ids) + reader->unnamed_places->len >= SITMAP_KML_MAX_PLACES)
    return sitmap_xml_input_fail (reader->in, feature->mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("the document describes more than %d places"), SITMAP_KML_MAX_PLACES);
  place = sitmap_place_new (id ? id : "", feature->draft->title, feature->place_kind, latitude, longitude,
                            feature->shape);
  sitmap_place_set_description (place, feature->draft->summary);
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

static guint current_group (SitmapKmlReader *reader);

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
      feature_get_anchor (feature, &feature->draft->latitude, &feature->draft->longitude);
      feature->draft->geometry = g_steal_pointer (&feature->shape);
    }
  feature->draft->group = current_group (reader);
  sitmap_document_builder_add_event (reader->builder, feature->draft);
  return TRUE;
}

/* Whether the feature carries Sitmap's own data: then it is read strictly, as a whole. */
static gboolean
is_sitmap_feature (SitmapKmlFeature *feature)
{
  return feature->has_event_data || feature->is_place || feature->annotation != NULL;
}

/* A plain feature that cannot be read whole is left out, and the note says why and which. */
static void
note_left_out (SitmapKmlReader *reader, SitmapKmlFeature *feature, const SitmapKmlProblem *problem)
{
  g_autofree char *kind = sitmap_quote_text (feature->kind);

  if (feature->draft->title != NULL)
    {
      g_autofree char *title = sitmap_quote_text (feature->draft->title);

      /* TRANSLATORS: what is wrong, then the kind of element (Placemark) and its name */
      sitmap_xml_input_note (reader->in, problem->mark, _("%s: the %s “%s” was left out"), problem->why, kind, title);
    }
  else
    /* TRANSLATORS: what is wrong, then the kind of element (Placemark) */
    sitmap_xml_input_note (reader->in, problem->mark, _("%s: a %s without a name was left out"), problem->why, kind);
}

/* A Placemark, GroundOverlay or custom feature (fields: its Schema's fields, else NULL). */
static gboolean
read_feature (SitmapKmlReader *reader, GHashTable *fields)
{
  SitmapKmlFeature feature;
  SitmapKmlProblem problem = { 0 };
  SitmapKmlProblem *outer;
  SitmapXmlChildren children;
  gboolean ok = TRUE;

  feature_init (reader, &feature, sitmap_xml_input_get_mark (reader->in));
  feature.kind = sitmap_xml_input_get_name (reader->in);
  feature.fields = fields;
  feature.draft->id = sitmap_xml_input_dup_attribute (reader->in, "id");
  outer = sitmap_kml_set_problem (reader, &problem);
  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_feature_child (reader, &feature) && !may_go_on (reader))
      break;
  sitmap_kml_set_problem (reader, outer);
  ok = !sitmap_xml_input_failed (reader->in);
  if (ok)
    {
      apply_track_time (&feature);
      sitmap_kml_time_from_fields (&feature);
    }
  if (ok && problem.failed && is_sitmap_feature (&feature))
    ok = sitmap_xml_input_fail (reader->in, problem.mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "%s", problem.why);
  else if (ok && problem.failed)
    note_left_out (reader, &feature, &problem);
  else if (ok)
    ok = feature.annotation != NULL ? sitmap_kml_add_annotation (reader, &feature)
         : feature.is_place           ? add_place (reader, &feature)
                                      : add_event (reader, &feature);
  feature_clear (&feature);
  g_free (problem.why);
  return ok;
}

/*
 * The document and its folders
 */

/* The opening view Google Earth would take. One that cannot be read is left out, and the note says why. */
static gboolean
read_look_at (SitmapKmlReader *reader)
{
  static const char *const names[] = { "latitude", "longitude", "range", NULL };
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  char *texts[3] = { NULL, NULL, NULL };
  SitmapXmlMark marks[3] = { 0 };
  double values[3] = { 0, 0, 0 };
  SitmapKmlProblem problem = { 0 };
  SitmapKmlProblem *outer = sitmap_kml_set_problem (reader, &problem);
  gboolean ok = read_child_texts (reader, names, texts, marks);

  for (guint i = 0; ok && i < 3; i++)
    if (nonempty (texts[i]) && !sitmap_kml_parse_decimal (texts[i], &values[i]))
      {
        g_autofree char *quoted = sitmap_quote_text (texts[i]);

        ok = sitmap_kml_invalid (reader, marks[i], _("“%s” is not a decimal number"), quoted);
      }
  if (ok && nonempty (texts[0]) && nonempty (texts[1]) &&
      sitmap_kml_check_position (reader, mark, texts[0], values[0], texts[1], values[1]))
    {
      reader->have_look_at = TRUE;
      reader->look_at_latitude = values[0];
      reader->look_at_longitude = values[1];
      /* Without a usable range, the view is of a region, as Google Earth's default is. */
      reader->look_at_zoom = nonempty (texts[2]) && isfinite (values[2]) && values[2] > 0
                               ? sitmap_kml_zoom_from_range (values[2], values[0])
                               : 6;
    }
  sitmap_kml_set_problem (reader, outer);
  if (problem.failed)
    /* TRANSLATORS: what is wrong with the LookAt, the view Google Earth opens the document on */
    sitmap_xml_input_note (reader->in, problem.mark, _("%s: the opening view (LookAt) was left out"), problem.why);
  g_free (problem.why);
  for (guint i = 0; i < 3; i++)
    g_free (texts[i]);
  return !sitmap_xml_input_failed (reader->in);
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

/*
 * Folders: those inside the document's own are kept as the events' groups
 */

/* The group of the innermost folder, made with those around it the first time an event is in it. */
static guint
current_group (SitmapKmlReader *reader)
{
  guint group = 0;

  for (guint i = 0; i < reader->folders->len; i++)
    {
      SitmapKmlFolder *folder = &g_array_index (reader->folders, SitmapKmlFolder, i);

      if (!folder->is_group)
        continue;
      if (folder->group == 0)
        folder->group = sitmap_document_builder_add_group (reader->builder, group, folder->name);
      group = folder->group;
    }
  return group;
}

/* A folder's name names its group when it comes before the folder's first event, as writers put it. */
static gboolean
read_folder_name (SitmapKmlReader *reader)
{
  SitmapKmlFolder *folder = &g_array_index (reader->folders, SitmapKmlFolder, reader->folders->len - 1);
  const char *text = sitmap_xml_input_read_text_shared (reader->in);

  if (text == NULL)
    return FALSE;
  if (folder->name == NULL && folder->group == 0 && *text != '\0')
    folder->name = g_strdup (text);
  return TRUE;
}

/* Sitmap's own folders hold places, events and annotations: they are not the analyst's groups. */
static gboolean
is_sitmap_folder (const char *id)
{
  return g_strcmp0 (id, "sitmap-places") == 0 || g_strcmp0 (id, "sitmap-events") == 0 ||
         g_strcmp0 (id, "sitmap-annotations") == 0;
}

/* The first folder of annotations (id sitmap-annotations) is remembered while it is read, for its visibility.
 * A folder at level 0 is the document itself. */
static gboolean
read_folder (SitmapKmlReader *reader, guint level)
{
  g_autofree char *id = sitmap_xml_input_dup_attribute (reader->in, "id");
  gboolean annotations = !reader->seen_annotation_folder && g_strcmp0 (id, "sitmap-annotations") == 0;
  guint outer = reader->annotation_folder_level;
  SitmapKmlFolder folder = { 0 };
  gboolean ok;

  if (annotations)
    {
      reader->seen_annotation_folder = TRUE;
      reader->annotation_folder_level = level + 1;
    }
  if (reader->folders->len >= SITMAP_XML_MAX_DEPTH)
    return sitmap_xml_input_fail (reader->in, sitmap_xml_input_get_mark (reader->in),
                                  SITMAP_DOCUMENT_ERROR_TOO_LARGE, _("the folders are nested more than %d deep"),
                                  SITMAP_XML_MAX_DEPTH);
  folder.is_group = level >= 1 && !is_sitmap_folder (id);
  g_array_append_val (reader->folders, folder);
  ok = read_container (reader, level + 1);
  g_free (g_array_index (reader->folders, SitmapKmlFolder, reader->folders->len - 1).name);
  g_array_set_size (reader->folders, reader->folders->len - 1);
  reader->annotation_folder_level = annotations ? 0 : outer;
  return ok;
}

/*
 * What else a container holds
 */

/* A NetworkLink's address is listed for the user to choose, never loaded (KML 2.0 calls its Link a Url). */
static gboolean
read_network_link (SitmapKmlReader *reader)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (sitmap_kml_is_element (reader, "Link") || sitmap_kml_is_element (reader, "Url"))
        ok = read_network_link (reader);
      else if (sitmap_kml_is_element (reader, "href"))
        ok = note_href (reader, FALSE);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

/* Google Earth 5's custom features: <Schema parent="Placemark" name="S_quake"> makes <S_quake> a Placemark
 * whose <SimpleField>s are elements of their own. A KML 2.2 Schema (for SchemaData) declares nothing to read. */
static gboolean
read_schema (SitmapKmlReader *reader)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *parent = sitmap_xml_input_dup_attribute (reader->in, "parent");
  g_autofree char *name = sitmap_xml_input_dup_attribute (reader->in, "name");
  g_autoptr (GHashTable) fields = NULL;
  SitmapXmlChildren children;

  if (g_strcmp0 (parent, "Placemark") != 0 || name == NULL)
    return sitmap_xml_input_skip (reader->in);
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      char *field = sitmap_kml_is_element (reader, "SimpleField")
                      ? sitmap_xml_input_dup_attribute (reader->in, "name")
                      : NULL;

      if (field != NULL && g_hash_table_size (fields) < SITMAP_KML_MAX_PER_EVENT)
        g_hash_table_add (fields, field);
      else
        g_free (field);
      if (!sitmap_xml_input_skip (reader->in))
        return FALSE;
    }
  if (sitmap_xml_input_failed (reader->in))
    return FALSE;
  if (g_hash_table_size (reader->custom_features) >= SITMAP_KML_MAX_SCHEMAS)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("the document declares more than %d kinds of features"), SITMAP_KML_MAX_SCHEMAS);
  /* Features of this kind met before it were taken for unknown elements: Google Earth skips them too */
  if (g_hash_table_contains (reader->unknown_elements, name))
    {
      g_autofree char *quoted = sitmap_quote_text (name);

      sitmap_xml_input_note (reader->in, *(SitmapXmlMark *) g_hash_table_lookup (reader->unknown_elements, name),
                             _("<%s> elements come before the Schema that makes them Placemarks, where Google Earth "
                               "does not read them either: they were left out"),
                             quoted);
    }
  g_hash_table_replace (reader->custom_features, g_steal_pointer (&name), g_steal_pointer (&fields));
  return TRUE;
}

/* An element a container holds that Sitmap does not read, remembered in case a Schema says later what it
 * was. */
static gboolean
skip_unknown (SitmapKmlReader *reader)
{
  const char *name = sitmap_xml_input_get_name (reader->in);
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);

  if (g_hash_table_size (reader->unknown_elements) < SITMAP_KML_MAX_SCHEMAS && sitmap_kml_is_element (reader, name) &&
      !g_hash_table_contains (reader->unknown_elements, name))
    g_hash_table_insert (reader->unknown_elements, g_strdup (name), g_memdup2 (&mark, sizeof mark));
  return sitmap_xml_input_skip (reader->in);
}

/* The fields of a custom feature, when the current element is one. */
static GHashTable *
lookup_custom_feature (SitmapKmlReader *reader)
{
  GHashTable *fields;

  if (g_hash_table_size (reader->custom_features) == 0)
    return NULL;
  fields = g_hash_table_lookup (reader->custom_features, sitmap_xml_input_get_name (reader->in));
  if (fields == NULL || !sitmap_kml_is_element (reader, sitmap_xml_input_get_name (reader->in)))
    return NULL;
  return fields;
}

/* The document's own name, description and view come from <kml>'s outermost Document or Folder. */
static gboolean
read_container_child (SitmapKmlReader *reader, guint level)
{
  gboolean header = level <= 1;
  GHashTable *fields;

  if (sitmap_kml_is_element (reader, "Document") || sitmap_kml_is_element (reader, "Folder"))
    return read_folder (reader, level);
  /* Whether the annotations are shown is their folder's visibility. */
  if (level > 0 && level == reader->annotation_folder_level && sitmap_kml_is_element (reader, "visibility"))
    return sitmap_kml_read_annotation_visibility (reader);
  if (sitmap_kml_is_element (reader, "Placemark") || sitmap_kml_is_element (reader, "GroundOverlay"))
    return read_feature (reader, NULL);
  if (header && sitmap_kml_is_element (reader, "name"))
    return read_header_text (reader, &reader->have_title, sitmap_document_builder_set_title);
  if (!header && reader->folders->len > 0 && sitmap_kml_is_element (reader, "name"))
    return read_folder_name (reader);
  if (header && sitmap_kml_is_element (reader, "description"))
    return read_header_text (reader, &reader->have_description, sitmap_document_builder_set_description);
  if (header && !reader->have_look_at && sitmap_kml_is_element (reader, "LookAt"))
    return read_look_at (reader);
  if (sitmap_kml_is_element (reader, "ExtendedData"))
    return read_document_data (reader, header);
  if (sitmap_kml_is_element (reader, "Schema"))
    return read_schema (reader);
  /* Sitmap never fetches what a file points to: a NetworkLink is listed for the user. */
  if (sitmap_kml_is_element (reader, "NetworkLink"))
    return read_network_link (reader);
  if ((fields = lookup_custom_feature (reader)) != NULL)
    return read_feature (reader, fields);
  return skip_unknown (reader);
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

/* The root: <kml>, or a Document, Folder or Placemark alone, as Google Earth opens them. */
static gboolean
read_kml (SitmapKmlReader *reader)
{
  const char *ns;
  gboolean ok;

  if (!sitmap_xml_input_read_root (reader->in))
    return FALSE;
  ns = sitmap_xml_input_get_namespace (reader->in);
  if (!sitmap_kml_is_kml_namespace (ns))
    {
      g_autofree char *quoted = sitmap_quote_text (ns);
      g_autofree char *name = sitmap_quote_text (sitmap_xml_input_get_name (reader->in));

      return sitmap_xml_input_fail (reader->in, sitmap_xml_input_get_mark (reader->in),
                                    SITMAP_DOCUMENT_ERROR_NOT_KML,
                                    /* TRANSLATORS: the root element's name, then its namespace */
                                    _("the <%s> element is in the namespace “%s”, which is not KML’s"), name, quoted);
    }
  if (sitmap_kml_is_element (reader, "kml"))
    ok = read_container (reader, 0);
  else if (sitmap_kml_is_element (reader, "Placemark"))
    ok = read_feature (reader, NULL);
  else
    ok = read_folder (reader, 0);
  return ok && sitmap_xml_input_read_end (reader->in);
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
  reader->folders = g_array_new (FALSE, TRUE, sizeof (SitmapKmlFolder));
  sitmap_event_draft_init (&reader->draft);
  reader->custom_features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_hash_table_unref);
  reader->unknown_elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  for (guint i = 0; i < reader->folders->len; i++)
    g_free (g_array_index (reader->folders, SitmapKmlFolder, i).name);
  g_array_unref (reader->folders);
  g_hash_table_unref (reader->custom_features);
  g_hash_table_unref (reader->unknown_elements);
  sitmap_event_draft_clear (&reader->draft);
}

static SitmapDocument *
finish (SitmapKmlReader *reader)
{
  SitmapDocument *document;

  if (!reader->have_view_position && reader->have_look_at)
    sitmap_document_builder_set_position (reader->builder, reader->look_at_latitude, reader->look_at_longitude,
                                          reader->look_at_zoom);
  add_unnamed_places (reader);
  /* A file read with parts left out is not saved over: saving would lose them for good. */
  if (reader->native && sitmap_xml_input_get_n_notes (reader->in) == 0)
    sitmap_document_builder_set_native (reader->builder);
  if (reader->import != NULL)
    sitmap_xml_input_report (reader->in, reader->import);
  document = sitmap_document_builder_finish (g_steal_pointer (&reader->builder));
  /* Annotations go in once the document exists, before anyone sees it. */
  sitmap_kml_finish_annotations (reader, document);
  return document;
}

/*
 * Public API
 */

/* Google Earth opens a Document, Folder or Placemark without <kml> around it. */
static const char *const kml_roots[] = { "kml", "Document", "Folder", "Placemark", NULL };
/* Prefixes of KML's own namespaces that careless writers use undeclared */
static const char *const kml_prefixes[] = {
  "gx", SITMAP_KML_GX_NAMESPACE,
  "kml", SITMAP_KML_NAMESPACE,
  NULL,
};

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

  in = sitmap_xml_input_new (bytes, display_name, "KML", kml_roots, cancellable, error);
  if (in == NULL)
    return NULL;
  sitmap_xml_input_set_known_prefixes (in, kml_prefixes);
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
sitmap_kml_read_named (GBytes *bytes, const char *display_name, SitmapImport *import, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (bytes, display_name, import, SITMAP_KML_MAX_POINTS, sitmap_import_get_cancellable (import),
                     error);
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
