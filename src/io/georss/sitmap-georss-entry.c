/* sitmap-georss-entry.c: one item or entry of a feed as one event: its place, time, texts and citation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-georss-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-category.h"
#include "sitmap-date-text.h"
#include "sitmap-error.h"
#include "sitmap-georss-private.h"

/* Entries read between two reports of progress */
#define PROGRESS_INTERVAL 1024

void
sitmap_georss_entry_fail (SitmapGeorssEntry *entry, const char *format, ...)
{
  va_list args;

  g_return_if_fail (entry != NULL);

  if (entry->problem != NULL)
    return;
  va_start (args, format);
  entry->problem = g_strdup_vprintf (format, args);
  va_end (args);
}

static void
entry_init (SitmapGeorssEntry *entry, SitmapXmlMark mark)
{
  memset (entry, 0, sizeof *entry);
  sitmap_event_draft_init (&entry->draft);
  entry->mark = mark;
}

static void
entry_clear (SitmapGeorssEntry *entry)
{
  sitmap_event_draft_clear (&entry->draft);
  g_free (entry->problem);
  for (guint i = 0; i < SITMAP_GEORSS_N_TIMES; i++)
    {
      g_free (entry->times[i]);
      g_free (entry->time_names[i]);
    }
  g_free (entry->link);
  g_free (entry->guid);
  g_free (entry->summary);
  g_free (entry->content);
  g_free (entry->w3c_latitude);
  g_free (entry->w3c_longitude);
}

static void
add_attribute (SitmapGeorssEntry *entry, const char *name, const char *value)
{
  if (value == NULL || *value == '\0' || entry->draft.attributes->len / 2 >= SITMAP_GEORSS_MAX_ATTRIBUTES)
    return;
  sitmap_event_draft_add_attribute (&entry->draft, name, value);
}

static gboolean
read_time (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, SitmapGeorssTime which)
{
  char *text = sitmap_xml_input_read_text (reader->in);

  if (text == NULL)
    return FALSE;
  if (entry->times[which] != NULL || *text == '\0')
    {
      g_autofree char *name = sitmap_georss_dup_attribute_name (reader);

      add_attribute (entry, name, text);
      g_free (text);
      return TRUE;
    }
  entry->times[which] = text;
  entry->time_names[which] = sitmap_georss_dup_attribute_name (reader);
  return TRUE;
}

/* Atom's <link href rel>: the alternate one is the report's address; RSS's <link> holds it as text. */
static gboolean
read_link (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *href = sitmap_xml_input_dup_attribute (reader->in, "href");
  g_autofree char *rel = sitmap_xml_input_dup_attribute (reader->in, "rel");

  if (href == NULL)
    return sitmap_georss_read_text_into (reader, &entry->link);
  if (rel == NULL || strcmp (rel, "alternate") == 0)
    {
      if (entry->link == NULL)
        entry->link = g_strstrip (g_steal_pointer (&href));
    }
  else if (strcmp (rel, "self") != 0)
    {
      g_autofree char *name = g_strdup_printf ("link:%s", rel);

      add_attribute (entry, name, g_strstrip (href));
    }
  return sitmap_xml_input_skip (reader->in);
}

/* RSS 2.0: a guid is the item's address too, unless isPermaLink says it is not. */
static gboolean
read_guid (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *permalink = sitmap_xml_input_dup_attribute (reader->in, "isPermaLink");

  if (entry->guid != NULL)
    return sitmap_xml_input_skip (reader->in);
  entry->guid_is_link = permalink == NULL || g_ascii_strcasecmp (permalink, "true") == 0;
  return sitmap_georss_read_text_into (reader, &entry->guid);
}

static gboolean
read_author (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *author = NULL;

  /* RSS's <author> holds only text, which children_next() passes over: read it as text. */
  if (sitmap_georss_is_core_namespace (sitmap_xml_input_get_namespace (reader->in)) &&
      g_strcmp0 (sitmap_xml_input_get_namespace (reader->in), SITMAP_ATOM_NAMESPACE) != 0 &&
      g_strcmp0 (sitmap_xml_input_get_namespace (reader->in), SITMAP_ATOM03_NAMESPACE) != 0)
    author = sitmap_xml_input_read_text (reader->in);
  else
    author = sitmap_georss_read_person (reader, NULL);
  if (author == NULL)
    return FALSE;
  add_attribute (entry, "author", author);
  return TRUE;
}

/* RSS: <category>text</category>; Atom: <category term label/>. The first that names one of Sitmap's
 * categories sets it; every one is kept. */
static gboolean
read_category (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *term = sitmap_xml_input_dup_attribute (reader->in, "term");
  g_autofree char *label = sitmap_xml_input_dup_attribute (reader->in, "label");
  g_autofree char *text = sitmap_xml_input_read_text (reader->in);
  const char *value = term != NULL ? term : text;
  SitmapCategory category;

  if (text == NULL)
    return FALSE;
  if (value == NULL || *value == '\0')
    return TRUE;
  if (entry->draft.category == SITMAP_CATEGORY_OTHER &&
      (sitmap_category_from_text (value, &category) || sitmap_category_from_text (label, &category)))
    entry->draft.category = category;
  add_attribute (entry, "category", value);
  return TRUE;
}

/* An element of another vocabulary (gdacs:alertlevel): kept when it is a plain value. */
static gboolean
read_extension (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *name = sitmap_georss_dup_attribute_name (reader);
  g_autofree char *text = NULL;
  guint n_elements = 0;

  text = sitmap_xml_input_read_content (reader->in, NULL, &n_elements);
  if (text == NULL)
    return FALSE;
  if (n_elements == 0)
    add_attribute (entry, name, text);
  return TRUE;
}

static gboolean
read_radius (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *text = sitmap_xml_input_read_text (reader->in);
  double radius;

  if (text == NULL)
    return FALSE;
  if (*text == '\0')
    return TRUE;
  if (sitmap_georss_parse_decimal (text, &radius) && radius >= 0 && radius <= SITMAP_GEORSS_MAX_RADIUS_M)
    entry->draft.radius_m = (guint) lround (radius);
  else
    {
      g_autofree char *quoted = sitmap_quote_text (text);

      sitmap_georss_entry_fail (entry, _("the radius “%s” is not a distance in metres on Earth"), quoted);
    }
  return TRUE;
}

static gboolean
read_georss_child (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  const char *name = sitmap_xml_input_get_name (reader->in);

  if (strcmp (name, "point") == 0 || strcmp (name, "line") == 0 || strcmp (name, "polygon") == 0 ||
      strcmp (name, "box") == 0)
    return sitmap_georss_read_simple (reader, entry, name);
  if (strcmp (name, "where") == 0)
    return sitmap_georss_read_where (reader, entry);
  if (strcmp (name, "radius") == 0)
    return read_radius (reader, entry);
  if (strcmp (name, "featurename") == 0)
    return sitmap_georss_read_text_into (reader, &entry->draft.place_text);
  /* elev, floor, featuretypetag, relationshiptag */
  return read_extension (reader, entry);
}

/* Domain ranges: gdacs:fromdate/todate, the RSS event module's ev:startdate/enddate, and their kin. */
static gboolean
is_range_bound (SitmapGeorssReader *reader, SitmapGeorssTime *which)
{
  const char *name = sitmap_xml_input_get_name (reader->in);

  if (sitmap_georss_is_core_namespace (sitmap_xml_input_get_namespace (reader->in)))
    return FALSE;
  if (strcmp (name, "fromdate") == 0 || strcmp (name, "startdate") == 0)
    *which = SITMAP_GEORSS_TIME_FROM;
  else if (strcmp (name, "todate") == 0 || strcmp (name, "enddate") == 0)
    *which = SITMAP_GEORSS_TIME_TO;
  else
    return FALSE;
  return TRUE;
}

static gboolean
read_core_child (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, gboolean rss)
{
  static const struct
  {
    const char      *name;
    SitmapGeorssTime time;
  } times[] = {
    { "published", SITMAP_GEORSS_TIME_PUBLISHED }, { "pubDate", SITMAP_GEORSS_TIME_PUB_DATE },
    { "issued", SITMAP_GEORSS_TIME_ISSUED },       { "created", SITMAP_GEORSS_TIME_ISSUED },
    { "updated", SITMAP_GEORSS_TIME_UPDATED },     { "modified", SITMAP_GEORSS_TIME_UPDATED },
  };
  const char *name = sitmap_xml_input_get_name (reader->in);

  if (strcmp (name, "title") == 0 && entry->draft.title == NULL)
    return sitmap_georss_read_title_into (reader, &entry->draft.title);
  if (strcmp (name, "link") == 0)
    return read_link (reader, entry);
  if (strcmp (name, "id") == 0)
    return sitmap_georss_read_text_into (reader, &entry->draft.id);
  if (strcmp (name, "guid") == 0)
    return read_guid (reader, entry);
  if ((strcmp (name, "description") == 0 || strcmp (name, "summary") == 0) && entry->summary == NULL)
    return (entry->summary = sitmap_georss_read_summary (reader, rss)) != NULL;
  if (strcmp (name, "content") == 0 && entry->content == NULL)
    return (entry->content = sitmap_georss_read_summary (reader, rss)) != NULL;
  if (strcmp (name, "author") == 0)
    return read_author (reader, entry);
  if (strcmp (name, "category") == 0)
    return read_category (reader, entry);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (strcmp (name, times[i].name) == 0)
      return read_time (reader, entry, times[i].time);
  /* An Atom entry copied from another feed says so in <source>: not the entry's own data. */
  if (strcmp (name, "source") == 0 && !rss)
    return sitmap_xml_input_skip (reader->in);
  return read_extension (reader, entry);
}

static gboolean
read_entry_child (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, gboolean rss)
{
  const char *ns = sitmap_xml_input_get_namespace (reader->in);
  SitmapGeorssTime which;

  if (sitmap_georss_is_core_namespace (ns))
    return read_core_child (reader, entry, rss);
  if (strcmp (ns, SITMAP_GEORSS_NAMESPACE) == 0)
    return read_georss_child (reader, entry);
  if (strcmp (ns, SITMAP_W3C_GEO_NAMESPACE) == 0)
    return sitmap_georss_read_w3c (reader, entry);
  if (sitmap_georss_is_in (reader, SITMAP_DC_NAMESPACE, "date"))
    return read_time (reader, entry, SITMAP_GEORSS_TIME_DC_DATE);
  if (sitmap_georss_is_in (reader, SITMAP_DC_NAMESPACE, "creator"))
    return read_author (reader, entry);
  if (sitmap_georss_is_in (reader, SITMAP_CONTENT_NAMESPACE, "encoded") && entry->content == NULL)
    return (entry->content = sitmap_georss_read_summary (reader, TRUE)) != NULL;
  if (is_range_bound (reader, &which))
    return read_time (reader, entry, which);
  return read_extension (reader, entry);
}

/* The entry's dates, as ISO 8601 into iso (NULL where the entry has none, or where it cannot be read). */
static void
normalize_times (SitmapGeorssEntry *entry, char **iso, GError **errors)
{
  for (guint i = 0; i < SITMAP_GEORSS_N_TIMES; i++)
    iso[i] = entry->times[i] ? sitmap_date_text_normalize (entry->times[i], &errors[i]) : NULL;
}

/* The event's time: a domain range, else the first of the entry's dates in order of preference, which must
 * be readable. The publication date goes to the citation; the other dates are kept as attributes. */
static gboolean
resolve_time (SitmapGeorssEntry *entry, SitmapTime *published)
{
  static const SitmapGeorssTime publication[] = {
    SITMAP_GEORSS_TIME_PUBLISHED, SITMAP_GEORSS_TIME_PUB_DATE, SITMAP_GEORSS_TIME_ISSUED,
  };
  char *iso[SITMAP_GEORSS_N_TIMES];
  GError *errors[SITMAP_GEORSS_N_TIMES] = { NULL };
  g_autoptr (GError) error = NULL;
  gboolean used[SITMAP_GEORSS_N_TIMES] = { FALSE };
  gboolean ok = TRUE;
  int first = SITMAP_GEORSS_TIME_DC_DATE;

  normalize_times (entry, iso, errors);
  sitmap_time_init_undated (published);
  if (entry->times[SITMAP_GEORSS_TIME_FROM] != NULL || entry->times[SITMAP_GEORSS_TIME_TO] != NULL)
    first = entry->times[SITMAP_GEORSS_TIME_FROM] != NULL ? SITMAP_GEORSS_TIME_FROM : SITMAP_GEORSS_TIME_TO;
  while (first < SITMAP_GEORSS_N_TIMES && entry->times[first] == NULL)
    first++;
  if (first < SITMAP_GEORSS_N_TIMES && errors[first] != NULL)
    ok = (sitmap_georss_entry_fail (entry, "%s", errors[first]->message), FALSE);
  else if (first <= SITMAP_GEORSS_TIME_TO)
    {
      /* A range that begins and ends at the same moment is that moment. */
      const char *from = iso[SITMAP_GEORSS_TIME_FROM], *to = iso[SITMAP_GEORSS_TIME_TO];

      if (from != NULL && to != NULL && errors[SITMAP_GEORSS_TIME_TO] == NULL && strcmp (from, to) == 0)
        to = NULL;
      if (errors[SITMAP_GEORSS_TIME_TO] != NULL)
        ok = (sitmap_georss_entry_fail (entry, "%s", errors[SITMAP_GEORSS_TIME_TO]->message), FALSE);
      else if (to == NULL || from == NULL)
        ok = sitmap_time_init_instant (&entry->draft.time, from ? from : to, &error);
      else
        ok = sitmap_time_init_span (&entry->draft.time, from, to, &error);
      used[SITMAP_GEORSS_TIME_FROM] = used[SITMAP_GEORSS_TIME_TO] = TRUE;
    }
  else if (first < SITMAP_GEORSS_N_TIMES)
    {
      ok = sitmap_time_init_instant (&entry->draft.time, iso[first], &error);
      used[first] = TRUE;
    }
  if (error != NULL)
    sitmap_georss_entry_fail (entry, "%s", error->message);
  for (guint i = 0; ok && i < G_N_ELEMENTS (publication); i++)
    if (iso[publication[i]] != NULL && sitmap_time_init_instant (published, iso[publication[i]], NULL))
      {
        used[publication[i]] = TRUE;
        break;
      }
  for (guint i = 0; ok && i < SITMAP_GEORSS_N_TIMES; i++)
    if (entry->times[i] != NULL && !used[i])
      add_attribute (entry, entry->time_names[i], entry->times[i]);
  for (guint i = 0; i < SITMAP_GEORSS_N_TIMES; i++)
    {
      g_free (iso[i]);
      g_clear_error (&errors[i]);
    }
  return ok;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
is_web_address (const char *text)
{
  return text != NULL && (g_ascii_strncasecmp (text, "http://", 7) == 0 || g_ascii_strncasecmp (text, "https://", 8) == 0);
}

/* What the entry says becomes the draft: its id, summary, citation and time. FALSE when it is skipped. */
static gboolean
finish_entry (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  SitmapCitationDraft citation = { 0 };
  SitmapTime published;
  const char *url;

  sitmap_georss_apply_w3c (reader, entry);
  if (entry->problem != NULL || !resolve_time (entry, &published))
    return FALSE;
  /* Feed readers tell entries apart by their guid, else by their address: so does Sitmap when it merges. */
  if (entry->draft.id == NULL)
    entry->draft.id = g_strdup (entry->guid != NULL ? entry->guid : entry->link);
  entry->draft.summary = g_strdup (nonempty (entry->summary) ? entry->summary : nonempty (entry->content));
  url = entry->link != NULL ? entry->link : entry->guid_is_link && is_web_address (entry->guid) ? entry->guid : NULL;
  /* Every entry is cited to the feed, so that grading the feed grades its events. */
  citation.source_id = g_strdup (reader->source_id);
  citation.url = g_strdup (url);
  citation.published = published;
  sitmap_time_init_undated (&citation.accessed);
  sitmap_event_draft_take_citation (&entry->draft, &citation);
  return TRUE;
}

static gboolean
check_id (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autofree char *quoted = NULL;

  if (entry->draft.id == NULL)
    return TRUE;
  if (g_hash_table_add (reader->ids, g_strdup (entry->draft.id)))
    return TRUE;
  quoted = sitmap_quote_text (entry->draft.id);
  sitmap_georss_entry_fail (entry, _("the entry has the same id “%s” as one before it"), quoted);
  return FALSE;
}

gboolean
sitmap_georss_read_entry (SitmapGeorssReader *reader, gboolean rss)
{
  SitmapGeorssEntry entry;
  SitmapXmlChildren children;
  gboolean ok = TRUE;

  g_return_val_if_fail (reader != NULL, FALSE);

  entry_init (&entry, sitmap_xml_input_get_mark (reader->in));
  sitmap_xml_input_children_begin (reader->in, &children);
  while (ok && sitmap_xml_input_children_next (reader->in, &children))
    ok = read_entry_child (reader, &entry, rss);
  ok = ok && !sitmap_xml_input_failed (reader->in);
  if (ok && finish_entry (reader, &entry) && check_id (reader, &entry))
    {
      if (reader->n_events >= SITMAP_GEORSS_MAX_EVENTS)
        ok = sitmap_xml_input_fail (reader->in, sitmap_xml_input_get_mark (reader->in),
                                    SITMAP_DOCUMENT_ERROR_TOO_LARGE, _("the feed has more than %d entries"),
                                    SITMAP_GEORSS_MAX_EVENTS);
      else
        {
          sitmap_document_builder_add_event (reader->builder, &entry.draft);
          if (++reader->n_events % PROGRESS_INTERVAL == 0)
            sitmap_import_set_progress (reader->import, sitmap_xml_input_get_fraction (reader->in));
        }
    }
  else if (ok && entry.draft.title != NULL)
    {
      g_autofree char *quoted = sitmap_quote_text (entry.draft.title);

      /* TRANSLATORS: an entry's title, then why it was left out */
      sitmap_xml_input_note (reader->in, entry.mark, _("the entry “%s”: %s"), quoted, entry.problem);
    }
  else if (ok)
    sitmap_xml_input_note (reader->in, entry.mark, "%s", entry.problem);
  entry_clear (&entry);
  return ok;
}
