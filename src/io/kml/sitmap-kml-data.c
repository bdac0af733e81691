/* sitmap-kml-data.c: ExtendedData: Data and SchemaData, and Sitmap's own: the view, sources, events, places
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

#define DEFAULT_ZOOM 6.0

/*
 * Attribute values
 */

/* Each enum's names with one signature, for join_ids(): calling the enum-typed functions through a cast
 * pointer would be undefined behaviour. */
static const char *
category_id (guint i)
{
  return sitmap_category_to_id (i);
}

static const char *
source_kind_id (guint i)
{
  return sitmap_source_kind_to_id (i);
}

static const char *
place_kind_id (guint i)
{
  return sitmap_place_kind_to_id (i);
}

static const char *
location_precision_id (guint i)
{
  return sitmap_location_precision_to_id (i);
}

static const char *
figure_kind_id (guint i)
{
  return sitmap_figure_kind_to_id (i);
}

static const char *
qualifier_id (guint i)
{
  return sitmap_qualifier_to_id (i);
}

static char *
join_ids (const char *(*id) (guint), guint n)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", id (i));
  return g_string_free (list, FALSE);
}

static gboolean
fail_unknown_id (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *value,
                 const char *(*id) (guint), guint n)
{
  g_autofree char *known = join_ids (id, n);

  return sitmap_kml_fail_value (reader, mark, attribute, value, known);
}

/* A whole number no larger than max, digits only. */
static gboolean
parse_whole (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *text, guint64 max,
             guint64 *value)
{
  g_autofree char *quoted = NULL;
  guint64 v = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      guint digit = *p - '0';

      if (!g_ascii_isdigit (*p))
        {
          quoted = sitmap_quote_text (text);
          return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                        _("%s=“%s” is not a whole number"), attribute, quoted);
        }
      if (v > (max - digit) / 10)
        {
          quoted = sitmap_quote_text (text);
          return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                        /* TRANSLATORS: min="99999999999999999999" is larger than
                                         * 9223372036854775807 */
                                        _("%s=“%s” is larger than %" G_GUINT64_FORMAT), attribute, quoted, max);
        }
      v = v * 10 + digit;
    }
  *value = v;
  return TRUE;
}

/* true or false, 1 or 0; absent is default. */
static gboolean
parse_boolean (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *text,
               gboolean *value)
{
  if (text == NULL)
    return TRUE;
  if (strcmp (text, "true") == 0 || strcmp (text, "1") == 0)
    *value = TRUE;
  else if (strcmp (text, "false") == 0 || strcmp (text, "0") == 0)
    *value = FALSE;
  else
    return sitmap_kml_fail_value (reader, mark, attribute, text, "true, false");
  return TRUE;
}

static gboolean
parse_decimal_attribute (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *text,
                         double *value)
{
  g_autofree char *quoted = NULL;

  if (sitmap_kml_parse_decimal (text, value) && isfinite (*value))
    return TRUE;
  quoted = sitmap_quote_text (text);
  return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                _("%s=“%s” is not a finite decimal number"), attribute, quoted);
}

/*
 * Data and SchemaData: a feature's values beyond KML's fields, kept as its attributes and written back as Data
 */

gboolean
sitmap_kml_add_attribute (SitmapKmlReader *reader, SitmapKmlFeature *feature, SitmapXmlMark mark, const char *name,
                          const char *value)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (feature->draft->attributes->len / 2 >= SITMAP_KML_MAX_PER_EVENT)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("a feature has more than %d data values"), SITMAP_KML_MAX_PER_EVENT);
  sitmap_event_draft_add_attribute (feature->draft, name, value);
  return TRUE;
}

/* n digits at p, as a number; -1 when they are not all digits. */
static int
read_digits (const char *p, guint n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }
  return value;
}

/* A date as GDAL writes its fields ("2024/12/10", "2024/12/10 05:30:00", "…+00", "…+0300"), into iso as the
 * time grammar's ("2024-12-10", "2024-12-10T05:30:00Z"); a midnight without a time zone is the date alone, as
 * GDAL writes a date read from a TimeStamp. FALSE for other text. Every feature GDAL wrote has one. */
static gboolean
iso_from_gdal (const char *text, char iso[32])
{
  gsize length = strlen (text);
  const char *zone;
  gboolean midnight;

  if (length < 10 || read_digits (text, 4) < 0 || text[4] != '/' || read_digits (text + 5, 2) < 0 || text[7] != '/' ||
      read_digits (text + 8, 2) < 0)
    return FALSE;
  memcpy (iso, text, 10);
  iso[4] = iso[7] = '-';
  iso[10] = '\0';
  if (length == 10)
    return TRUE;
  if (length < 19 || text[10] != ' ' || read_digits (text + 11, 2) < 0 || text[13] != ':' ||
      read_digits (text + 14, 2) < 0 || text[16] != ':' || read_digits (text + 17, 2) < 0)
    return FALSE;
  midnight = strncmp (text + 11, "00:00:00", 8) == 0;
  for (zone = text + 19; *zone == '.' || g_ascii_isdigit (*zone); zone++)
    midnight = midnight && (*zone == '.' || *zone == '0');
  if (*zone == '\0' && midnight)
    return TRUE;
  iso[10] = 'T';
  memcpy (iso + 11, text + 11, 8);
  if (*zone == '\0' || strcmp (zone, "+00") == 0 || strcmp (zone, "Z") == 0)
    {
      strcpy (iso + 19, "Z");
      return TRUE;
    }
  if ((zone[0] != '+' && zone[0] != '-') || read_digits (zone + 1, 2) < 0 ||
      (zone[3] != '\0' && (read_digits (zone + 3, 2) < 0 || zone[5] != '\0')))
    return FALSE;
  memcpy (iso + 19, zone, 3);
  iso[22] = ':';
  memcpy (iso + 23, zone[3] ? zone + 3 : "00", 2);
  iso[25] = '\0';
  return TRUE;
}

/* A field's date: GDAL's form, else the time grammar's. */
static const char *
field_date (const char *text, char iso[32])
{
  return iso_from_gdal (text, iso) ? iso : text;
}

void
sitmap_kml_time_from_fields (SitmapKmlFeature *feature)
{
  GPtrArray *attributes = feature->draft->attributes;
  const char *timestamp = NULL, *begin = NULL, *end = NULL;
  char a[32], b[32];

  if (feature->has_time)
    return;
  for (guint i = 0; i + 1 < attributes->len; i += 2)
    {
      const char *name = g_ptr_array_index (attributes, i);
      const char *value = g_ptr_array_index (attributes, i + 1);

      if (*value == '\0' || (name[0] != 't' && name[0] != 'b' && name[0] != 'e'))
        continue;
      if (timestamp == NULL && strcmp (name, "timestamp") == 0)
        timestamp = value;
      else if (begin == NULL && strcmp (name, "begin") == 0)
        begin = value;
      else if (end == NULL && strcmp (name, "end") == 0)
        end = value;
    }
  if (timestamp != NULL)
    feature->has_time = sitmap_time_init_instant (&feature->draft->time, field_date (timestamp, a), NULL);
  else if (begin != NULL || end != NULL)
    feature->has_time = sitmap_time_init_span (&feature->draft->time, begin ? field_date (begin, a) : NULL,
                                               end ? field_date (end, b) : NULL, NULL);
  if (!feature->has_time)
    sitmap_time_init_undated (&feature->draft->time);
}

/* <Data name="…"><displayName>…</displayName><value>…</value></Data> */
gboolean
sitmap_kml_read_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *name = sitmap_xml_input_dup_attribute (reader->in, "name");
  g_autofree char *value = NULL;
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok = sitmap_kml_is_element (reader, "value") && value == NULL
                      ? (value = sitmap_xml_input_read_text (reader->in)) != NULL
                      : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  if (sitmap_xml_input_failed (reader->in))
    return FALSE;
  if (name == NULL)
    {
      sitmap_xml_input_note (reader->in, mark, _("a <Data> value without a name was left out"));
      return TRUE;
    }
  return sitmap_kml_add_attribute (reader, feature, mark, name, value ? value : "");
}

/* gx:SimpleArrayData: a value per point of a track, kept as one value, separated by commas (an empty one
 * stays in its place: "151, , 76"). */
static gboolean
read_array_data (SitmapKmlReader *reader, SitmapKmlFeature *feature, SitmapXmlMark mark, const char *name)
{
  g_autoptr (GString) values = g_string_new (NULL);
  SitmapXmlChildren children;
  guint n_values = 0;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      const char *value = NULL;

      if (sitmap_kml_is_gx_element (reader, "value"))
        {
          if ((value = sitmap_xml_input_read_text_shared (reader->in)) == NULL)
            return FALSE;
          if (values->len + strlen (value) + 1 > SITMAP_XML_MAX_TEXT_BYTES)
            return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                          _("the values of a gx:SimpleArrayData are longer than %d MB"),
                                          SITMAP_XML_MAX_TEXT_BYTES / (1024 * 1024));
          if (n_values++ > 0)
            g_string_append (values, ", ");
          g_string_append (values, value);
        }
      else if (!sitmap_xml_input_skip (reader->in))
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in) && sitmap_kml_add_attribute (reader, feature, mark, name, values->str);
}

/* <SchemaData schemaUrl="#…"><SimpleData name="…">…</SimpleData></SchemaData>: the schema only types the
 * values, which are kept by their names. */
gboolean
sitmap_kml_read_schema_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlChildren children;

  g_return_val_if_fail (reader != NULL, FALSE);

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean simple = sitmap_kml_is_element (reader, "SimpleData");
      gboolean array = !simple && sitmap_kml_is_gx_element (reader, "SimpleArrayData");
      SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
      g_autofree char *name = simple || array ? sitmap_xml_input_dup_attribute (reader->in, "name") : NULL;
      gboolean ok;

      if ((simple || array) && name == NULL)
        {
          sitmap_xml_input_note (reader->in, mark, _("a <%s> value without a name was left out"),
                                 simple ? "SimpleData" : "gx:SimpleArrayData");
          ok = sitmap_xml_input_skip (reader->in);
        }
      else if (simple)
        {
          const char *value = sitmap_xml_input_read_text_shared (reader->in);

          ok = value != NULL && sitmap_kml_add_attribute (reader, feature, mark, name, value);
        }
      else if (array)
        ok = read_array_data (reader, feature, mark, name);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

/*
 * sitmap:view
 */

static gboolean
read_view_position (SitmapKmlReader *reader, SitmapXmlMark mark)
{
  g_autofree char *latitude_text = sitmap_xml_input_dup_attribute (reader->in, "latitude");
  g_autofree char *longitude_text = sitmap_xml_input_dup_attribute (reader->in, "longitude");
  g_autofree char *zoom_text = sitmap_xml_input_dup_attribute (reader->in, "zoom");
  double latitude, longitude, zoom = DEFAULT_ZOOM;

  if (latitude_text == NULL && longitude_text == NULL)
    {
      if (zoom_text != NULL)
        return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                      _("sitmap:view gives a zoom but no latitude and longitude"));
      return TRUE;
    }
  if (latitude_text == NULL || longitude_text == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("sitmap:view needs both a latitude and a longitude"));
  if (!parse_decimal_attribute (reader, mark, "latitude", latitude_text, &latitude) ||
      !parse_decimal_attribute (reader, mark, "longitude", longitude_text, &longitude) ||
      !sitmap_kml_check_position (reader, mark, latitude_text, latitude, longitude_text, longitude))
    return FALSE;
  if (zoom_text != NULL && !parse_decimal_attribute (reader, mark, "zoom", zoom_text, &zoom))
    return FALSE;
  if (zoom < 0 || zoom > 20)
    {
      g_autofree char *quoted = sitmap_quote_text (zoom_text);

      return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("the zoom %s is outside 0…20"), quoted);
    }
  sitmap_document_builder_set_position (reader->builder, latitude, longitude, zoom);
  reader->have_view_position = TRUE;
  return TRUE;
}

static gboolean
read_view_time (SitmapKmlReader *reader, SitmapXmlMark mark)
{
  g_autofree char *from_text = sitmap_xml_input_dup_attribute (reader->in, "from");
  g_autofree char *to_text = sitmap_xml_input_dup_attribute (reader->in, "to");
  g_autoptr (GError) error = NULL;
  gint64 from, to, ignored;
  SitmapTimeUnit unit;

  if (from_text == NULL && to_text == NULL)
    return TRUE;
  if (from_text == NULL || to_text == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("sitmap:view needs both from and to"));
  if (!sitmap_time_parse_bound (from_text, &from, &ignored, &unit, &error) ||
      !sitmap_time_parse_bound (to_text, &ignored, &to, &unit, &error))
    return sitmap_xml_input_fail (reader->in, mark, error->code, "%s", error->message);
  if (to <= from)
    {
      g_autofree char *quoted_from = sitmap_quote_text (from_text);
      g_autofree char *quoted_to = sitmap_quote_text (to_text);

      return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("the view ends (%s) before it begins (%s)"), quoted_to, quoted_from);
    }
  sitmap_document_builder_set_time_window (reader->builder, from, to);
  return TRUE;
}

gboolean
sitmap_kml_read_view (SitmapKmlReader *reader)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);

  reader->native = TRUE;

  /* The first view is the document's; a second, from a file pasted into another, is ignored. */
  if (!reader->have_view)
    {
      reader->have_view = TRUE;
      if (!read_view_position (reader, mark) || !read_view_time (reader, mark))
        return FALSE;
    }
  return sitmap_xml_input_skip (reader->in);
}

/*
 * sitmap:source
 */

/* Every source id the document names, described or only cited, becomes a source: all count against
 * SITMAP_KML_MAX_SOURCES, or a million citations could make a million sources. */
static gboolean
count_source (SitmapKmlReader *reader, SitmapXmlMark mark, const char *id)
{
  if (id == NULL || g_hash_table_contains (reader->named_source_ids, id))
    return TRUE;
  if (g_hash_table_size (reader->named_source_ids) >= SITMAP_KML_MAX_SOURCES)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("the document names more than %d sources"), SITMAP_KML_MAX_SOURCES);
  g_hash_table_add (reader->named_source_ids, g_strdup (id));
  return TRUE;
}

static gboolean
read_source_attributes (SitmapKmlReader *reader, SitmapXmlMark mark, SitmapSource *source)
{
  g_autofree char *kind_text = sitmap_xml_input_dup_attribute (reader->in, "kind");
  g_autofree char *party_text = sitmap_xml_input_dup_attribute (reader->in, "party");
  g_autofree char *reliability_text = sitmap_xml_input_dup_attribute (reader->in, "reliability");
  SitmapSourceKind kind = SITMAP_SOURCE_KIND_UNKNOWN;
  SitmapReliability reliability = SITMAP_RELIABILITY_UNRATED;
  gboolean party = FALSE;

  if (kind_text != NULL && !sitmap_source_kind_from_id (kind_text, &kind))
    return fail_unknown_id (reader, mark, "kind", kind_text, source_kind_id, SITMAP_N_SOURCE_KINDS);
  if (!parse_boolean (reader, mark, "party", party_text, &party))
    return FALSE;
  if (reliability_text != NULL && !sitmap_reliability_from_id (reliability_text, &reliability))
    return sitmap_kml_fail_value (reader, mark, "reliability", reliability_text, "A, B, C, D, E, F");
  sitmap_source_set_kind (source, kind);
  sitmap_source_set_party (source, party);
  sitmap_source_set_reliability (source, reliability);
  return TRUE;
}

static gboolean
read_source_child (SitmapKmlReader *reader, SitmapSource *source)
{
  static const struct
  {
    const char *name;
    void (*set) (SitmapSource *, const char *);
  } fields[] = {
    { "name", sitmap_source_set_name },
    { "abbreviation", sitmap_source_set_abbreviation },
    { "url", sitmap_source_set_url },
    { "note", sitmap_source_set_note },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (sitmap_kml_is_sitmap_element (reader, fields[i].name))
      {
        g_autofree char *text = NULL;

        if (!sitmap_kml_read_text_into (reader, &text))
          return FALSE;
        fields[i].set (source, text);
        return TRUE;
      }
  return sitmap_xml_input_skip (reader->in);
}

gboolean
sitmap_kml_read_source (SitmapKmlReader *reader)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *id = sitmap_xml_input_dup_attribute (reader->in, "id");
  SitmapXmlChildren children;
  SitmapSource *source;

  reader->native = TRUE;

  /* An empty id is none: it is the one Sitmap gives citations that name no source. */
  if (id == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a sitmap:source needs an id"));
  if (g_hash_table_contains (reader->source_ids, id))
    {
      g_autofree char *quoted = sitmap_quote_text (id);

      return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("two sources have the id “%s”"), quoted);
    }
  if (!count_source (reader, mark, id))
    return FALSE;
  g_hash_table_add (reader->source_ids, g_strdup (id));
  source = sitmap_document_builder_add_source (reader->builder, id);
  if (!read_source_attributes (reader, mark, source))
    return FALSE;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_source_child (reader, source))
      return FALSE;
  return !sitmap_xml_input_failed (reader->in);
}

/*
 * sitmap:event
 */

static gboolean
read_location (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapEventDraft *draft = feature->draft;
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *place = sitmap_xml_input_dup_attribute (reader->in, "place");
  g_autofree char *precision = sitmap_xml_input_dup_attribute (reader->in, "precision");
  g_autofree char *radius = sitmap_xml_input_dup_attribute (reader->in, "radius");
  g_autofree char *from_place = sitmap_xml_input_dup_attribute (reader->in, "from-place");
  guint64 radius_m = 0;

  if (precision != NULL && !sitmap_location_precision_from_id (precision, &draft->location_precision))
    return fail_unknown_id (reader, mark, "precision", precision, location_precision_id,
                            SITMAP_LOCATION_PRECISION_COUNTRY + 1);
  if (radius != NULL && !parse_whole (reader, mark, "radius", radius, SITMAP_KML_MAX_RADIUS_M, &radius_m))
    return FALSE;
  if (!parse_boolean (reader, mark, "from-place", from_place, &feature->from_place))
    return FALSE;
  if (feature->from_place && place == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a location from its place needs a place"));
  draft->radius_m = (guint) radius_m;
  if (place != NULL)
    {
      if (!g_hash_table_contains (reader->place_refs, place))
        g_hash_table_insert (reader->place_refs, g_strdup (place), g_memdup2 (&mark, sizeof mark));
      g_free (draft->place_id);
      draft->place_id = g_steal_pointer (&place);
    }
  return sitmap_kml_read_text_into (reader, &draft->place_text);
}

static gboolean
read_figure_numbers (SitmapKmlReader *reader, SitmapXmlMark mark, SitmapFigure *figure)
{
  g_autofree char *min = sitmap_xml_input_dup_attribute (reader->in, "min");
  g_autofree char *max = sitmap_xml_input_dup_attribute (reader->in, "max");
  g_autofree char *qualifier = sitmap_xml_input_dup_attribute (reader->in, "qualifier");
  guint64 value;

  figure->qualifier = min != NULL ? SITMAP_QUALIFIER_EXACT : SITMAP_QUALIFIER_UNQUANTIFIED;
  figure->min = figure->max = SITMAP_FIGURE_UNKNOWN;
  if (qualifier != NULL && !sitmap_qualifier_from_id (qualifier, &figure->qualifier))
    return fail_unknown_id (reader, mark, "qualifier", qualifier, qualifier_id, SITMAP_N_QUALIFIERS);
  if (figure->qualifier == SITMAP_QUALIFIER_UNQUANTIFIED && (min != NULL || max != NULL))
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("an unquantified figure cannot have a min or a max"));
  if (figure->qualifier == SITMAP_QUALIFIER_UNQUANTIFIED)
    return TRUE;
  if (min == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a figure needs a min, unless it is unquantified"));
  if (!parse_whole (reader, mark, "min", min, G_MAXINT64, &value))
    return FALSE;
  figure->min = (gint64) value;
  if (max == NULL)
    return TRUE;
  if (!parse_whole (reader, mark, "max", max, G_MAXINT64, &value))
    return FALSE;
  if ((gint64) value < figure->min)
    {
      g_autofree char *quoted_max = sitmap_quote_text (max);
      g_autofree char *quoted_min = sitmap_quote_text (min);

      return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("the figure's max %s is smaller than its min %s"), quoted_max, quoted_min);
    }
  figure->max = (gint64) value;
  return TRUE;
}

static gboolean
read_figure (SitmapKmlReader *reader, SitmapEventDraft *draft)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *kind = sitmap_xml_input_dup_attribute (reader->in, "kind");
  g_autofree char *text = NULL;
  SitmapFigure figure = { 0 };

  if (kind == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a sitmap:figure needs a kind"));
  if (!sitmap_figure_kind_from_id (kind, &figure.kind))
    return fail_unknown_id (reader, mark, "kind", kind, figure_kind_id, SITMAP_N_FIGURE_KINDS);
  if (draft->figures->len >= SITMAP_KML_MAX_PER_EVENT)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("an event has more than %d figures"), SITMAP_KML_MAX_PER_EVENT);
  if (!read_figure_numbers (reader, mark, &figure) || !sitmap_kml_read_text_into (reader, &text))
    return FALSE;
  figure.text = text;
  sitmap_event_draft_add_figure (draft, &figure);
  return TRUE;
}

static gboolean
read_actor (SitmapKmlReader *reader, SitmapEventDraft *draft)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *actor = NULL;

  if (draft->actors->len >= SITMAP_KML_MAX_PER_EVENT)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("an event has more than %d actors"), SITMAP_KML_MAX_PER_EVENT);
  if (!sitmap_kml_read_text_into (reader, &actor))
    return FALSE;
  if (actor != NULL)
    sitmap_event_draft_add_actor (draft, actor);
  return TRUE;
}

static gboolean
read_citation_date (SitmapKmlReader *reader, SitmapTime *time)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *text = NULL;

  if (!sitmap_kml_read_text_into (reader, &text))
    return FALSE;
  if (text == NULL)
    {
      sitmap_time_init_undated (time);
      return TRUE;
    }
  return sitmap_kml_parse_instant (reader, mark, text, time);
}

static gboolean
read_citation_child (SitmapKmlReader *reader, SitmapCitationDraft *citation)
{
  if (sitmap_kml_is_sitmap_element (reader, "url"))
    return sitmap_kml_read_text_into (reader, &citation->url);
  if (sitmap_kml_is_sitmap_element (reader, "paraphrase"))
    return sitmap_kml_read_text_into (reader, &citation->paraphrase);
  if (sitmap_kml_is_sitmap_element (reader, "published"))
    return read_citation_date (reader, &citation->published);
  if (sitmap_kml_is_sitmap_element (reader, "accessed"))
    return read_citation_date (reader, &citation->accessed);
  return sitmap_xml_input_skip (reader->in);
}

static gboolean
read_citation (SitmapKmlReader *reader, SitmapEventDraft *draft)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *credibility = sitmap_xml_input_dup_attribute (reader->in, "credibility");
  SitmapCitationDraft citation = { 0 };
  SitmapXmlChildren children;

  if (draft->citations->len >= SITMAP_KML_MAX_PER_EVENT)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("an event has more than %d citations"), SITMAP_KML_MAX_PER_EVENT);
  if (credibility != NULL && !sitmap_credibility_from_id (credibility, &citation.credibility))
    return sitmap_kml_fail_value (reader, mark, "credibility", credibility, "1, 2, 3, 4, 5, 6");
  citation.source_id = sitmap_xml_input_dup_attribute (reader->in, "source");
  citation.via_id = sitmap_xml_input_dup_attribute (reader->in, "via");
  if (!count_source (reader, mark, citation.source_id) || !count_source (reader, mark, citation.via_id))
    {
      sitmap_citation_draft_clear (&citation);
      return FALSE;
    }
  sitmap_time_init_undated (&citation.published);
  sitmap_time_init_undated (&citation.accessed);

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_citation_child (reader, &citation))
      break;
  if (sitmap_xml_input_failed (reader->in))
    {
      sitmap_citation_draft_clear (&citation);
      return FALSE;
    }
  sitmap_event_draft_take_citation (draft, &citation);
  return TRUE;
}

static gboolean
read_event_child (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapEventDraft *draft = feature->draft;

  if (sitmap_kml_is_sitmap_element (reader, "location"))
    return read_location (reader, feature);
  if (sitmap_kml_is_sitmap_element (reader, "figure"))
    return read_figure (reader, draft);
  if (sitmap_kml_is_sitmap_element (reader, "actor"))
    return read_actor (reader, draft);
  if (sitmap_kml_is_sitmap_element (reader, "citation"))
    return read_citation (reader, draft);
  return sitmap_xml_input_skip (reader->in);
}

static gboolean
check_single_kind (SitmapKmlReader *reader, SitmapKmlFeature *feature, SitmapXmlMark mark)
{
  if (feature->has_event_data && feature->is_place)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a Placemark cannot be both a place and an event"));
  return TRUE;
}

gboolean
sitmap_kml_read_event_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *category = sitmap_xml_input_dup_attribute (reader->in, "category");
  SitmapXmlChildren children;

  reader->native = TRUE;

  if (feature->has_event_data)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a Placemark has more than one sitmap:event"));
  feature->has_event_data = TRUE;
  if (!check_single_kind (reader, feature, mark))
    return FALSE;
  if (category != NULL && !sitmap_category_from_id (category, &feature->draft->category))
    return fail_unknown_id (reader, mark, "category", category, category_id, SITMAP_N_CATEGORIES);

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_event_child (reader, feature))
      return FALSE;
  return !sitmap_xml_input_failed (reader->in);
}

gboolean
sitmap_kml_read_place_data (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *kind = sitmap_xml_input_dup_attribute (reader->in, "kind");

  reader->native = TRUE;

  feature->is_place = TRUE;
  if (!check_single_kind (reader, feature, mark))
    return FALSE;
  if (kind != NULL && !sitmap_place_kind_from_id (kind, &feature->place_kind))
    return fail_unknown_id (reader, mark, "kind", kind, place_kind_id, SITMAP_N_PLACE_KINDS);
  return sitmap_xml_input_skip (reader->in);
}
