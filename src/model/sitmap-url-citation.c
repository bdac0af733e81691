/* sitmap-url-citation.c: a citation made from a web address, its publisher guessed from the address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-model"

#include "config.h"

#include <string.h>

#include "sitmap-url-citation.h"

/*
 * Auxiliary methods
 */

static const char *
skip_www (const char *host)
{
  return g_ascii_strncasecmp (host, "www.", 4) == 0 ? host + 4 : host;
}

/* Whether host is site or one of its subdomains: "news.bbc.co.uk" is on "bbc.co.uk". */
static gboolean
host_is_on (const char *host, const char *site)
{
  gsize host_length = strlen (host), site_length = strlen (site);

  if (site_length == 0 || host_length < site_length)
    return FALSE;
  if (g_ascii_strcasecmp (host + host_length - site_length, site) != 0)
    return FALSE;
  return host_length == site_length || host[host_length - site_length - 1] == '.';
}

static gboolean
source_matches (SitmapSource *source, const char *host)
{
  const char *url = sitmap_source_get_url (source);
  g_autofree char *source_host = NULL;

  if (url != NULL && sitmap_url_citation_parse (url, &source_host) && host_is_on (host, source_host))
    return TRUE;
  return g_ascii_strcasecmp (sitmap_source_get_name (source), host) == 0;
}

/* "bbc.co.uk" → "bbc-co-uk", made unique among the document's sources. */
static char *
dup_source_id (SitmapDocument *document, const char *host)
{
  g_autoptr (GString) id = g_string_new (NULL);
  g_autofree char *base = NULL;

  for (const char *p = host; *p != '\0'; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '-');
  base = g_strdup (id->str);
  for (guint n = 2; sitmap_document_find_source (document, id->str) >= 0; n++)
    g_string_printf (id, "%s-%u", base, n);
  return g_string_free (g_steal_pointer (&id), FALSE);
}

static SitmapSource *
new_source (SitmapDocument *document, const char *host)
{
  g_autofree char *id = dup_source_id (document, host);
  g_autofree char *url = g_strdup_printf ("https://%s/", host);
  SitmapSource *source = sitmap_source_new (id);

  sitmap_source_set_name (source, host);
  sitmap_source_set_url (source, url);
  return source;
}

/*
 * Public API
 */

gboolean
sitmap_url_citation_parse (const char *text, char **host)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  if (text == NULL || strpbrk (text, " \t\r\n") != NULL)
    return FALSE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;
  if (host != NULL)
    *host = g_ascii_strdown (skip_www (g_uri_get_host (uri)), -1);
  return TRUE;
}

gboolean
sitmap_url_citation_init (SitmapCitationDraft *citation, SitmapDocument *document, const char *url,
                          SitmapSource **new_source_out)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *host = NULL;
  GListModel *sources;

  g_return_val_if_fail (citation != NULL, FALSE);
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (new_source_out != NULL, FALSE);

  *new_source_out = NULL;
  if (!sitmap_url_citation_parse (url, &host))
    return FALSE;
  sitmap_citation_draft_clear (citation);
  memset (citation, 0, sizeof *citation);
  citation->url = g_strdup (url);
  sitmap_time_init_undated (&citation->published);
  sitmap_time_init_instant (&citation->accessed, today, NULL);
  sources = sitmap_document_get_sources (document);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    if (source_matches (sitmap_document_get_source (document, i), host))
      {
        citation->source_id = g_strdup (sitmap_source_get_id (sitmap_document_get_source (document, i)));
        return TRUE;
      }
  *new_source_out = new_source (document, host);
  citation->source_id = g_strdup (sitmap_source_get_id (*new_source_out));
  return TRUE;
}
