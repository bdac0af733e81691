/* sitmap-kml-views.c: named views in Sitmap's document-level ExtendedData, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-kml-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-kml-private.h"
#include "sitmap-kml-reader-private.h"

/* More values than this in one facet of one view is not something a person chose. */
#define MAX_FILTER_VALUES 1000

static const char *const rule_ids[] = { "overlapping", "within" };

char *
sitmap_kml_format_instant (gint64 t)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (t);

  /* GDateTime covers years 1 to 9999, and so does what the reader accepts. */
  if (time == NULL)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", g_date_time_get_year (time),
                          g_date_time_get_month (time), g_date_time_get_day_of_month (time),
                          g_date_time_get_hour (time), g_date_time_get_minute (time),
                          g_date_time_get_second (time));
}

const char *
sitmap_kml_range_rule_to_id (SitmapRangeRule rule)
{
  return rule_ids[rule == SITMAP_RANGE_WITHIN];
}

/* A time is not one of a list: the one shown is an example. */
static gboolean
fail_time (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *value)
{
  g_autofree char *quoted = sitmap_quote_text (value);

  return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                /* TRANSLATORS: end="27/11/2024" is not a time Sitmap reads; … */
                                _("%s=“%s” is not a time Sitmap reads; it is written as, for example, %s"),
                                attribute, quoted, "2024-11-27T00:00:00Z");
}

static gboolean
parse_instant (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *text, gint64 *t)
{
  g_autoptr (GDateTime) time = NULL;

  /* g_date_time_new_from_iso8601() wants a time zone: "Z" or an offset. */
  if (strlen (text) <= 64)
    time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return fail_time (reader, mark, attribute, text);
  *t = g_date_time_to_unix (time);
  return TRUE;
}

/* A whole number from 0 to max. */
static gboolean
parse_count (SitmapKmlReader *reader, SitmapXmlMark mark, const char *attribute, const char *text, guint max,
             guint *value)
{
  guint64 v;
  g_autofree char *known = g_strdup_printf ("0–%u", max);

  if (*text == '\0' || strspn (text, "0123456789") != strlen (text) || strlen (text) > 10 ||
      (v = g_ascii_strtoull (text, NULL, 10)) > max)
    return sitmap_kml_fail_value (reader, mark, attribute, text, known);
  *value = (guint) v;
  return TRUE;
}

static gboolean
read_range (SitmapKmlReader *reader, SitmapXmlMark mark, gboolean *has_range, gint64 *start, gint64 *end,
            SitmapRangeRule *rule)
{
  g_autofree char *start_text = sitmap_xml_input_dup_attribute (reader->in, "start");
  g_autofree char *end_text = sitmap_xml_input_dup_attribute (reader->in, "end");
  g_autofree char *rule_text = sitmap_xml_input_dup_attribute (reader->in, "rule");

  *rule = SITMAP_RANGE_OVERLAPPING;
  if (rule_text != NULL)
    {
      if (strcmp (rule_text, "within") == 0)
        *rule = SITMAP_RANGE_WITHIN;
      else if (strcmp (rule_text, "overlapping") != 0)
        return sitmap_kml_fail_value (reader, mark, "rule", rule_text, "overlapping, within");
    }
  *has_range = start_text != NULL || end_text != NULL;
  if (!*has_range)
    return TRUE;
  if (start_text == NULL || end_text == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("sitmap:named-view needs both start and end"));
  if (!parse_instant (reader, mark, "start", start_text, start) || !parse_instant (reader, mark, "end", end_text, end))
    return FALSE;
  if (*end <= *start)
    {
      g_autofree char *quoted_end = sitmap_quote_text (end_text);
      g_autofree char *quoted_start = sitmap_quote_text (start_text);

      return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                    _("the view ends (%s) before it begins (%s)"), quoted_end, quoted_start);
    }
  return TRUE;
}

static gboolean
read_minimums (SitmapKmlReader *reader, SitmapXmlMark mark, SitmapFilter *filter)
{
  g_autofree char *reliability_text = sitmap_xml_input_dup_attribute (reader->in, "min-reliability");
  g_autofree char *credibility_text = sitmap_xml_input_dup_attribute (reader->in, "min-credibility");
  g_autofree char *killed_text = sitmap_xml_input_dup_attribute (reader->in, "min-killed");
  g_autofree char *origins_text = sitmap_xml_input_dup_attribute (reader->in, "min-origins");
  SitmapReliability reliability = SITMAP_RELIABILITY_UNRATED;
  SitmapCredibility credibility = SITMAP_CREDIBILITY_UNRATED;
  guint killed = 0, origins = 0;

  if (reliability_text != NULL && !sitmap_reliability_from_id (reliability_text, &reliability))
    return sitmap_kml_fail_value (reader, mark, "min-reliability", reliability_text, "A, B, C, D, E, F");
  if (credibility_text != NULL && !sitmap_credibility_from_id (credibility_text, &credibility))
    return sitmap_kml_fail_value (reader, mark, "min-credibility", credibility_text, "1, 2, 3, 4, 5, 6");
  if (killed_text != NULL && !parse_count (reader, mark, "min-killed", killed_text, G_MAXINT32, &killed))
    return FALSE;
  if (origins_text != NULL && !parse_count (reader, mark, "min-origins", origins_text, 255, &origins))
    return FALSE;
  sitmap_filter_set_min_reliability (filter, reliability);
  sitmap_filter_set_min_credibility (filter, credibility);
  sitmap_filter_set_min_killed (filter, killed);
  sitmap_filter_set_min_origins (filter, origins);
  return TRUE;
}

static gboolean
add_value (SitmapKmlReader *reader, SitmapFilter *filter, SitmapFilterSet set)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *text = NULL;
  guint n = 0;

  if (!sitmap_kml_read_text_into (reader, &text))
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;
  sitmap_filter_get_values (filter, set, &n);
  if (n >= MAX_FILTER_VALUES)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  _("a named view filters on more than %d values of one kind"), MAX_FILTER_VALUES);
  sitmap_filter_add_value (filter, set, text);
  return TRUE;
}

static gboolean
read_child (SitmapKmlReader *reader, SitmapFilter *filter)
{
  static const struct
  {
    const char     *name;
    SitmapFilterSet set;
  } sets[] = {
    { "filter-actor", SITMAP_FILTER_ACTORS },
    { "filter-source", SITMAP_FILTER_SOURCES },
    { "filter-place", SITMAP_FILTER_PLACES },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    if (sitmap_kml_is_sitmap_element (reader, sets[i].name))
      return add_value (reader, filter, sets[i].set);
  if (sitmap_kml_is_sitmap_element (reader, "search"))
    {
      g_autofree char *text = NULL;

      if (!sitmap_kml_read_text_into (reader, &text))
        return FALSE;
      sitmap_filter_set_text (filter, text);
      return TRUE;
    }
  if (sitmap_kml_is_sitmap_element (reader, "hidden-category"))
    {
      SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
      g_autofree char *text = NULL;
      SitmapCategory category;

      if (!sitmap_kml_read_text_into (reader, &text))
        return FALSE;
      if (text == NULL || !sitmap_category_from_id (text, &category))
        {
          g_autoptr (GString) known = g_string_new (NULL);

          for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
            g_string_append_printf (known, "%s%s", c > 0 ? ", " : "", sitmap_category_to_id (c));
          return sitmap_kml_fail_value (reader, mark, "sitmap:hidden-category", text ? text : "", known->str);
        }
      sitmap_filter_set_hidden_categories (filter, sitmap_filter_get_hidden_categories (filter) | (1u << category));
      return TRUE;
    }
  return sitmap_xml_input_skip (reader->in);
}

gboolean
sitmap_kml_read_named_view (SitmapKmlReader *reader)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autofree char *name = sitmap_xml_input_dup_attribute (reader->in, "name");
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  g_autoptr (SitmapNamedView) view = NULL;
  SitmapXmlChildren children;
  SitmapRangeRule rule;
  gint64 start = 0, end = 0;
  gboolean has_range;

  reader->native = TRUE;
  /* Past the limit, views are dropped unread. */
  if (reader->n_named_views >= SITMAP_NAMED_VIEW_MAX_VIEWS)
    return sitmap_xml_input_skip (reader->in);
  if (name == NULL)
    return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
                                  _("a sitmap:named-view needs a name"));
  if (!read_range (reader, mark, &has_range, &start, &end, &rule) || !read_minimums (reader, mark, filter))
    return FALSE;
  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_child (reader, filter))
      return FALSE;
  if (sitmap_xml_input_failed (reader->in))
    return FALSE;
  view = sitmap_named_view_new (name, filter, has_range, start, end, rule);
  reader->n_named_views++;
  sitmap_document_builder_add_named_view (reader->builder, view);
  return TRUE;
}
