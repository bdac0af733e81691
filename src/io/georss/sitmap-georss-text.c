/* sitmap-georss-text.c: the text of a feed's elements: namespaces, titles, summaries, people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-georss-reader"

#include "config.h"

#include <string.h>

#include "sitmap-georss-private.h"
#include "sitmap-html.h"

typedef enum
{
  TEXT_PLAIN,
  TEXT_HTML,
  TEXT_XHTML,
} TextType;

/*
 * Namespaces
 */

/* The feed's own elements: RSS 2.0 has no namespace, RSS 1.0 and Atom have theirs. Any of them is read in any
 * feed, since feeds mix them (atom:link in RSS). */
gboolean
sitmap_georss_is_core_namespace (const char *ns)
{
  return ns == NULL || *ns == '\0' || strcmp (ns, SITMAP_ATOM_NAMESPACE) == 0 ||
         strcmp (ns, SITMAP_RSS1_NAMESPACE) == 0 || strcmp (ns, SITMAP_ATOM03_NAMESPACE) == 0 ||
         strcmp (ns, SITMAP_RSS090_NAMESPACE) == 0;
}

gboolean
sitmap_georss_is_in (SitmapGeorssReader *reader, const char *ns, const char *name)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return strcmp (sitmap_xml_input_get_name (reader->in), name) == 0 &&
         g_strcmp0 (sitmap_xml_input_get_namespace (reader->in), ns) == 0;
}

gboolean
sitmap_georss_is_core (SitmapGeorssReader *reader, const char *name)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return strcmp (sitmap_xml_input_get_name (reader->in), name) == 0 &&
         sitmap_georss_is_core_namespace (sitmap_xml_input_get_namespace (reader->in));
}

/* How an element is named in an event's attributes: by the usual prefix of a namespace Sitmap knows, else by
 * the file's own prefix. */
char *
sitmap_georss_dup_attribute_name (SitmapGeorssReader *reader)
{
  static const struct
  {
    const char *ns;
    const char *prefix;
  } known[] = {
    { SITMAP_DC_NAMESPACE, "dc" },         { SITMAP_DCTERMS_NAMESPACE, "dcterms" },
    { SITMAP_GEORSS_NAMESPACE, "georss" }, { SITMAP_W3C_GEO_NAMESPACE, "geo" },
    { SITMAP_CONTENT_NAMESPACE, "content" },
  };
  const char *ns = sitmap_xml_input_get_namespace (reader->in);
  const char *name = sitmap_xml_input_get_name (reader->in);
  const char *prefix = sitmap_xml_input_get_prefix (reader->in);

  if (sitmap_georss_is_core_namespace (ns))
    return g_strdup (name);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (ns, known[i].ns) == 0)
      return g_strdup_printf ("%s:%s", known[i].prefix, name);
  return prefix != NULL ? g_strdup_printf ("%s:%s", prefix, name) : g_strdup (name);
}

/*
 * Text
 */

static TextType
read_text_type (SitmapGeorssReader *reader)
{
  g_autofree char *type = sitmap_xml_input_dup_attribute (reader->in, "type");

  if (type == NULL || g_ascii_strcasecmp (type, "text") == 0 || g_ascii_strcasecmp (type, "text/plain") == 0)
    return TEXT_PLAIN;
  if (g_ascii_strcasecmp (type, "xhtml") == 0 || g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    return TEXT_XHTML;
  return TEXT_HTML;
}

/* Runs of white space with a line break in them become one space: a title is one line. */
static char *
one_line (char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0';)
    {
      const char *q = p;
      gboolean newline = FALSE;

      while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
        newline |= *q == '\r' || *q == '\n', q++;
      if (q > p && newline)
        g_string_append_c (out, ' ');
      else if (q > p)
        g_string_append_len (out, p, q - p);
      else
        g_string_append_c (out, *q++);
      p = q;
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

/* A title: plain text, whatever the feed wrote it in. NULL on an XML error. */
static char *
read_title (SitmapGeorssReader *reader)
{
  TextType type = read_text_type (reader);
  g_autoptr (GString) markup = g_string_new (NULL);
  g_autofree char *text = sitmap_xml_input_read_content (reader->in, type == TEXT_XHTML ? markup : NULL, NULL);

  if (text == NULL)
    return NULL;
  /* RSS says nothing of HTML in titles, and feeds put escaped tags there anyway. */
  if (type == TEXT_XHTML)
    return one_line (sitmap_html_to_text (markup->str, NULL));
  if (type == TEXT_HTML || sitmap_html_is_markup (text))
    return one_line (sitmap_html_to_text (text, NULL));
  return one_line (g_steal_pointer (&text));
}

/* A title into *out, NULL when empty; FALSE on an XML error. */
gboolean
sitmap_georss_read_title_into (SitmapGeorssReader *reader, char **out)
{
  char *title = read_title (reader);

  if (title == NULL)
    return FALSE;
  if (*title == '\0')
    g_free (title);
  else
    *out = title;
  return TRUE;
}

/* A summary as the document keeps descriptions: HTML as written (the event reduces it to plain text and its
 * links when shown), plain text as it is, unless it looks like HTML, when it is escaped so that it is shown
 * as written. NULL on an XML error. */
char *
sitmap_georss_read_summary (SitmapGeorssReader *reader, gboolean rss)
{
  TextType type = rss ? TEXT_HTML : read_text_type (reader);
  g_autoptr (GString) markup = g_string_new (NULL);
  g_autofree char *text = sitmap_xml_input_read_content (reader->in, type == TEXT_XHTML ? markup : NULL, NULL);

  if (text == NULL)
    return NULL;
  if (type == TEXT_XHTML)
    return g_strstrip (g_string_free (g_steal_pointer (&markup), FALSE));
  if (type == TEXT_PLAIN && sitmap_html_is_markup (text))
    return g_markup_escape_text (text, -1);
  return g_steal_pointer (&text);
}

gboolean
sitmap_georss_read_text_into (SitmapGeorssReader *reader, char **out)
{
  char *text = sitmap_xml_input_read_text (reader->in);

  if (text == NULL)
    return FALSE;
  if (*out != NULL || *text == '\0')
    {
      g_free (text);
      return TRUE;
    }
  *out = text;
  return TRUE;
}

/* Atom: <author><name/><email/><uri/></author>; RSS: <author>an e-mail address</author> */
char *
sitmap_georss_read_person (SitmapGeorssReader *reader, char **uri)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *text = NULL;
  SitmapXmlChildren children;
  guint n_elements = 0;

  g_return_val_if_fail (reader != NULL, NULL);

  /* Children are read one by one where there are some; text alone is RSS's. */
  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      n_elements++;
      if (sitmap_georss_is_core (reader, "name"))
        ok = sitmap_georss_read_text_into (reader, &name);
      else if (sitmap_georss_is_core (reader, "email"))
        ok = sitmap_georss_read_text_into (reader, &email);
      else if (sitmap_georss_is_core (reader, "uri") && uri != NULL)
        ok = sitmap_georss_read_text_into (reader, uri);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return NULL;
    }
  if (sitmap_xml_input_failed (reader->in))
    return NULL;
  if (name != NULL)
    return g_steal_pointer (&name);
  return email != NULL ? g_steal_pointer (&email) : g_strdup ("");
}
