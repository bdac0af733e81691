/* sitmap-kml-annotation.c: reading the analyst's annotations, Placemarks with a sitmap:annotation
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

/* The id of an annotation read before its Placemark's id is known: never a file's (XML cannot carry U+0001),
 * nor one Sitmap makes. */
#define UNNAMED "\001"

/* A decimal number, finite; clamped to what an annotation may be by its setter. */
static gboolean
parse_number (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *text, double *value)
{
  g_autofree char *quoted = NULL;

  if (sitmap_kml_parse_decimal (text, value) && isfinite (*value))
    return TRUE;
  quoted = sitmap_quote_text (text);
  return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                _ ("%s=“%s” is not a decimal number"), attribute, quoted);
}

static gboolean
read_attributes (SitmapKmlReader *reader, SitmapXmlMark mark, SitmapAnnotation **out)
{
  g_autofree char      *kind_text = sitmap_xml_input_dup_attribute (reader->in, "kind");
  g_autofree char      *color_text = sitmap_xml_input_dup_attribute (reader->in, "color");
  g_autofree char      *width_text = sitmap_xml_input_dup_attribute (reader->in, "width");
  g_autofree char      *radius_text = sitmap_xml_input_dup_attribute (reader->in, "radius");
  SitmapAnnotationKind  kind;
  SitmapAnnotationColor color;
  double                width, radius;

  if (kind_text == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _ ("a sitmap:annotation needs a kind"));
  if (!sitmap_annotation_kind_from_id (kind_text, &kind))
    {
      g_autofree char *known = sitmap_annotation_list_kind_ids ();

      return sitmap_kml_fail_value (reader, mark, "kind", kind_text, known);
    }
  /* Its id comes from the Placemark, once it is read whole. */
  *out = sitmap_annotation_new (kind, UNNAMED);
  if (color_text != NULL)
    {
      if (!sitmap_annotation_color_from_id (color_text, &color))
        {
          g_autofree char *known = sitmap_annotation_list_color_ids ();

          return sitmap_kml_fail_value (reader, mark, "color", color_text, known);
        }
      sitmap_annotation_set_color (*out, color);
    }
  if (width_text != NULL)
    {
      if (!parse_number (reader, mark, "width", width_text, &width))
        return FALSE;
      sitmap_annotation_set_width (*out, width);
    }
  if (radius_text != NULL)
    {
      if (!parse_number (reader, mark, "radius", radius_text, &radius))
        return FALSE;
      sitmap_annotation_set_radius (*out, radius);
    }
  return TRUE;
}

static gboolean
read_points (SitmapKmlReader *reader, SitmapAnnotation *annotation)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  guint n;

  if (sitmap_annotation_get_n_points (annotation) > 0)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _ ("a sitmap:annotation has more than one sitmap:coordinates"));
  if (!sitmap_kml_read_coordinates (reader, points))
    return FALSE;
  n = points->len / 2;
  /* An area's ring may be written closed, as KML's are. */
  if (sitmap_annotation_get_kind (annotation) == SITMAP_ANNOTATION_AREA && n > 3
      && g_array_index (points, double, 0) == g_array_index (points, double, 2 * (n - 1))
      && g_array_index (points, double, 1) == g_array_index (points, double, 2 * (n - 1) + 1))
    n--;
  if (n > SITMAP_ANNOTATION_MAX_POINTS)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _ ("an annotation has more than %d points"), SITMAP_ANNOTATION_MAX_POINTS);
  for (guint i = 0; i < n; i++)
    sitmap_annotation_add_point (annotation, g_array_index (points, double, 2 * i + 1),
                                 g_array_index (points, double, 2 * i));
  return TRUE;
}

static gboolean
read_event (SitmapKmlReader *reader, SitmapAnnotation *annotation)
{
  SitmapXmlMark    mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *id = sitmap_xml_input_dup_attribute (reader->in, "id");
  guint            n;

  if (id == NULL || *id == '\0')
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _ ("a sitmap:event of an annotation needs an id"));
  sitmap_annotation_get_event_ids (annotation, &n);
  if (n >= SITMAP_ANNOTATION_MAX_EVENTS)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _ ("an annotation names more than %d events"), SITMAP_ANNOTATION_MAX_EVENTS);
  /* A repeat adds nothing. */
  sitmap_annotation_add_event (annotation, id);
  return sitmap_xml_input_skip (reader->in);
}

gboolean
sitmap_kml_read_annotation_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  SitmapXmlMark     mark = sitmap_xml_input_get_mark (reader->in);
  SitmapXmlChildren children;

  reader->native = TRUE;
  if (feature->annotation != NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _ ("a Placemark has more than one sitmap:annotation"));
  if (!read_attributes (reader, mark, &feature->annotation))
    return FALSE;
  feature->annotation_mark = mark;
  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (sitmap_kml_is_sitmap_element (reader, "coordinates"))
        ok = read_points (reader, feature->annotation);
      else if (sitmap_kml_is_sitmap_element (reader, "event"))
        ok = read_event (reader, feature->annotation);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

gboolean
sitmap_kml_add_annotation (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapAnnotation *read = feature->annotation;
  g_autoptr (SitmapAnnotation) annotation = NULL;
  g_autoptr (GError) error = NULL;
  const char *id = feature->draft->id;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (feature->has_event_data || feature->is_place)
    return sitmap_xml_input_fail (reader->in, feature->annotation_mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _ ("a Placemark cannot be both an annotation and an event or place"));
  if (reader->annotations->len >= SITMAP_KML_MAX_ANNOTATIONS)
    return sitmap_xml_input_fail (reader->in, feature->mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _ ("the document has more than %d annotations"), SITMAP_KML_MAX_ANNOTATIONS);
  sitmap_annotation_set_text (read, feature->draft->title);
  if (!sitmap_annotation_validate (read, &error))
    return sitmap_xml_input_fail (reader->in, feature->annotation_mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  /* TRANSLATORS: %s says what is missing: "an arrow has two points" */
                                  _ ("this annotation cannot be drawn: %s"), error->message);
  if (id != NULL && *id != '\0')
    {
      if (g_hash_table_contains (reader->annotation_ids, id))
        {
          g_autofree char *quoted = sitmap_quote_text (id);

          return sitmap_xml_input_fail (reader->in, feature->mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                        _ ("two annotations have the id “%s”"), quoted);
        }
      g_hash_table_add (reader->annotation_ids, g_strdup (id));
    }
  /* Kept under its own id; one without is named when the file is read (sitmap_kml_finish_annotations). */
  if (id != NULL && *id != '\0')
    {
      annotation = sitmap_annotation_new (sitmap_annotation_get_kind (read), id);
      sitmap_annotation_assign (annotation, read);
    }
  else
    annotation = g_object_ref (read);
  g_ptr_array_add (reader->annotations, g_steal_pointer (&annotation));
  return TRUE;
}

gboolean
sitmap_kml_read_annotation_visibility (SitmapKmlReader *reader)
{
  g_autofree char *text = sitmap_xml_input_read_text (reader->in);

  if (text == NULL)
    return FALSE;
  /* KML's booleans: 0 or 1, and the words some writers use. */
  reader->annotations_hidden = strcmp (text, "0") == 0 || g_ascii_strcasecmp (text, "false") == 0;
  return TRUE;
}

void
sitmap_kml_finish_annotations (SitmapKmlReader *reader, SitmapDocument *document)
{
  guint n = 0;

  for (guint i = 0; i < reader->annotations->len; i++)
    {
      SitmapAnnotation *annotation = g_ptr_array_index (reader->annotations, i);
      g_autoptr (SitmapAnnotation) named = NULL;
      g_autofree char *id = NULL;

      if (strcmp (sitmap_annotation_get_id (annotation), UNNAMED) != 0)
        {
          sitmap_document_insert_annotation (document, i, annotation);
          continue;
        }
      /* The first "annotation-N" no annotation of the file has. */
      do
        {
          g_free (id);
          id = g_strdup_printf ("annotation-%u", ++n);
        }
      while (g_hash_table_contains (reader->annotation_ids, id));
      named = sitmap_annotation_new (sitmap_annotation_get_kind (annotation), id);
      sitmap_annotation_assign (named, annotation);
      g_hash_table_add (reader->annotation_ids, g_steal_pointer (&id));
      sitmap_document_insert_annotation (document, i, named);
    }
  sitmap_document_set_annotations_visible (document, !reader->annotations_hidden);
}
