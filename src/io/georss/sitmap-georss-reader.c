/* sitmap-georss-reader.c: a feed in, one step: the channel or feed, its own elements and its entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-georss-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-format.h"
#include "sitmap-georss-private.h"
#include "sitmap-georss-reader.h"

/*
 * The feed
 */

/* The feed's own elements: its title, description, address and author. */
static gboolean
read_feed_child (SitmapGeorssReader *reader)
{
  const char *name = sitmap_xml_input_get_name (reader->in);

  if (!sitmap_georss_is_core_namespace (sitmap_xml_input_get_namespace (reader->in)))
    return sitmap_xml_input_skip (reader->in);
  if (strcmp (name, "title") == 0 && reader->feed_title == NULL)
    return sitmap_georss_read_title_into (reader, &reader->feed_title);
  if ((strcmp (name, "subtitle") == 0 || strcmp (name, "description") == 0 || strcmp (name, "tagline") == 0) &&
      reader->feed_description == NULL)
    return sitmap_georss_read_title_into (reader, &reader->feed_description);
  if (strcmp (name, "id") == 0)
    return sitmap_georss_read_text_into (reader, &reader->feed_id);
  if (strcmp (name, "link") == 0)
    {
      g_autofree char *href = sitmap_xml_input_dup_attribute (reader->in, "href");
      g_autofree char *rel = sitmap_xml_input_dup_attribute (reader->in, "rel");

      if (href == NULL)
        return sitmap_georss_read_text_into (reader, &reader->feed_link);
      if ((rel == NULL || strcmp (rel, "alternate") == 0) && reader->feed_link == NULL)
        reader->feed_link = g_strstrip (g_steal_pointer (&href));
      return sitmap_xml_input_skip (reader->in);
    }
  if (strcmp (name, "author") == 0 && reader->author_name == NULL)
    {
      char *author = sitmap_georss_read_person (reader, &reader->author_uri);

      if (author == NULL)
        return FALSE;
      reader->author_name = *author != '\0' ? author : (g_free (author), NULL);
      return TRUE;
    }
  return sitmap_xml_input_skip (reader->in);
}

/* The source every entry cites: the feed's publisher. Its id is the feed's address (the same feed read again
 * is the same source), else its name. */
static void
ensure_source (SitmapGeorssReader *reader)
{
  const char *id;

  if (reader->source_id != NULL)
    return;
  id = reader->feed_id ? reader->feed_id
       : reader->feed_link ? reader->feed_link
       : reader->author_uri ? reader->author_uri
       : reader->feed_title ? reader->feed_title
       : reader->author_name ? reader->author_name
                             : sitmap_import_get_display_name (reader->import);
  reader->source_id = g_strdup (id);
}

static void
describe_source (SitmapGeorssReader *reader)
{
  SitmapSource *source;
  const char *name = reader->author_name ? reader->author_name : reader->feed_title;

  /* Only a feed with entries has anything to cite. */
  if (reader->source_id != NULL)
    {
      source = sitmap_document_builder_add_source (reader->builder, reader->source_id);
      sitmap_source_set_name (source, name ? name : sitmap_import_get_display_name (reader->import));
      sitmap_source_set_url (source, reader->author_uri ? reader->author_uri : reader->feed_link);
      if (reader->author_name != NULL && reader->feed_title != NULL)
        sitmap_source_set_note (source, reader->feed_title);
    }
  if (reader->feed_title != NULL)
    sitmap_document_builder_set_title (reader->builder, reader->feed_title);
  if (reader->feed_description != NULL)
    sitmap_document_builder_set_description (reader->builder, reader->feed_description);
}

/* An RSS channel, an Atom feed, or RSS 1.0's rdf:RDF: its entries and its own elements, in any order. */
static gboolean
read_container (SitmapGeorssReader *reader, gboolean rss)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (sitmap_georss_is_core (reader, "item") || sitmap_georss_is_core (reader, "entry"))
        {
          ensure_source (reader);
          ok = sitmap_georss_read_entry (reader, rss);
        }
      else if (sitmap_georss_is_core (reader, "channel"))
        ok = read_container (reader, rss);
      else
        ok = read_feed_child (reader);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

static gboolean
read_feed (SitmapGeorssReader *reader)
{
  const char *name, *ns;

  if (!sitmap_xml_input_read_root (reader->in))
    return FALSE;
  name = sitmap_xml_input_get_name (reader->in);
  ns = sitmap_xml_input_get_namespace (reader->in);
  if ((strcmp (name, "feed") == 0 && sitmap_georss_is_core_namespace (ns)) || (strcmp (name, "rss") == 0 && sitmap_georss_is_core_namespace (ns)) ||
      (strcmp (name, "RDF") == 0 && g_strcmp0 (ns, SITMAP_RDF_NAMESPACE) == 0))
    return read_container (reader, strcmp (name, "feed") != 0) && sitmap_xml_input_read_end (reader->in);
  return sitmap_xml_input_fail (reader->in, sitmap_xml_input_get_mark (reader->in), SITMAP_DOCUMENT_ERROR_NOT_KML,
                                _("the <%s> element is not in the namespace of RSS, RSS 1.0 or Atom"), name);
}

/*
 * Public API
 */

guint
sitmap_georss_sniff (const guint8 *head, gsize length)
{
  char root[16];
  gboolean geo;

  if (!sitmap_format_sniff_xml_root (head, length, root, sizeof root))
    return 0;
  geo = g_strstr_len ((const char *) head, length, SITMAP_GEORSS_NAMESPACE) != NULL ||
        g_strstr_len ((const char *) head, length, SITMAP_W3C_GEO_NAMESPACE) != NULL;
  if (strcmp (root, "rss") == 0 || strcmp (root, "feed") == 0)
    return geo ? 100 : 90;
  if (strcmp (root, "RDF") == 0 && (geo || g_strstr_len ((const char *) head, length, SITMAP_RSS1_NAMESPACE)))
    return geo ? 100 : 90;
  return 0;
}

SitmapDocument *
sitmap_georss_read (GBytes *bytes, SitmapImport *import, GError **error)
{
  static const char *const roots[] = { "rss", "feed", "RDF", NULL };
  g_autoptr (SitmapXmlInput) in = NULL;
  SitmapGeorssReader reader = { 0 };
  SitmapDocument *document = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = sitmap_xml_input_new (bytes, sitmap_import_get_display_name (import), _("GeoRSS"), roots,
                             sitmap_import_get_cancellable (import), error);
  if (in == NULL)
    return NULL;
  reader.in = in;
  reader.import = import;
  reader.builder = sitmap_document_builder_new ();
  reader.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (read_feed (&reader) && !sitmap_import_cancelled (import, error))
    {
      describe_source (&reader);
      sitmap_xml_input_report (in, import);
      document = sitmap_document_builder_finish (g_steal_pointer (&reader.builder));
    }
  else if (sitmap_xml_input_failed (in))
    sitmap_xml_input_propagate_error (in, error);
  g_clear_pointer (&reader.builder, sitmap_document_builder_free);
  g_hash_table_unref (reader.ids);
  g_free (reader.source_id);
  g_free (reader.feed_title);
  g_free (reader.feed_description);
  g_free (reader.feed_link);
  g_free (reader.feed_id);
  g_free (reader.author_name);
  g_free (reader.author_uri);
  return document;
}
