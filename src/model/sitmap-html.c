/* sitmap-html.c: a small reducer, not a parser: it never builds a tree, so no input can make it deep
 * or slow (one pass, output no longer than a few times the input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-html"

#include "config.h"

#include <string.h>

#include "sitmap-html.h"

/* Longest tag name or entity name looked at. */
#define MAX_NAME 16

typedef struct
{
  GString   *out;
  GPtrArray *links;
  guint      pending_breaks; /* line breaks owed before the next text: 1 a line, 2 a paragraph */
  gboolean   pending_space;
} Reducer;

static const struct
{
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' },      { "lt", '<' },       { "gt", '>' },       { "quot", '"' },     { "apos", '\'' },
  { "nbsp", 0x00a0 },  { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
  { "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d }, { "laquo", 0x00ab }, { "raquo", 0x00bb },
  { "bull", 0x2022 },  { "middot", 0x00b7 }, { "copy", 0x00a9 }, { "deg", 0x00b0 },   { "times", 0x00d7 },
  { "eacute", 0x00e9 }, { "egrave", 0x00e8 }, { "aacute", 0x00e1 }, { "agrave", 0x00e0 }, { "uuml", 0x00fc },
  { "ouml", 0x00f6 },  { "auml", 0x00e4 },  { "ccedil", 0x00e7 }, { "euro", 0x20ac },  { "shy", 0x00ad },
};

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Text the reader sees: white space is folded, breaks owed are paid first. */
static void
emit_char (Reducer *r, gunichar c)
{
  if (c == 0x00a0 || (c < 0x80 && is_space ((char) c)))
    {
      r->pending_space = TRUE;
      return;
    }
  if (c == 0x00ad) /* a soft hyphen is invisible */
    return;
  if (r->out->len > 0)
    {
      if (r->pending_breaks > 0)
        g_string_append (r->out, r->pending_breaks > 1 ? "\n\n" : "\n");
      else if (r->pending_space)
        g_string_append_c (r->out, ' ');
    }
  r->pending_breaks = 0;
  r->pending_space = FALSE;
  g_string_append_unichar (r->out, c);
}

static void
emit_break (Reducer *r, guint breaks)
{
  r->pending_breaks = MAX (r->pending_breaks, breaks);
}

static gboolean
acceptable_char (gunichar c)
{
  if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
    return FALSE;
  /* Control characters other than white space would reach the labels as they are. */
  if ((c < 0x20 && !is_space ((char) c)) || (c >= 0x7f && c < 0xa0))
    return FALSE;
  return TRUE;
}

/* A character reference at p ("&..."); returns the bytes it takes, 0 when it is a lone "&". */
static gsize
decode_entity (const char *p, gunichar *c)
{
  const char *q = p + 1;
  gsize n = 0;

  if (*q == '#')
    {
      gboolean hex = q[1] == 'x' || q[1] == 'X';
      guint64 value = 0;
      const char *digits = q + (hex ? 2 : 1), *d = digits;

      /* Every digit is taken, the value saturating beyond the last character. */
      while (hex ? g_ascii_isxdigit (*d) : g_ascii_isdigit (*d))
        {
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*d) : g_ascii_digit_value (*d));
          value = MIN (value, 0x110000);
          d++;
        }
      if (d == digits)
        return 0;
      *c = value <= 0x10ffff && acceptable_char ((gunichar) value) ? (gunichar) value : 0xfffd;
      return (d - p) + (*d == ';');
    }
  while (n < MAX_NAME && g_ascii_isalnum (q[n]))
    n++;
  if (n == 0 || q[n] != ';')
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == n && strncmp (entities[i].name, q, n) == 0)
      {
        *c = entities[i].c;
        return n + 2;
      }
  return 0;
}

/* Decodes references in an attribute value. */
static char *
decode_value (const char *value, gsize length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length;)
    {
      gunichar c;
      gsize taken = value[i] == '&' ? decode_entity (value + i, &c) : 0;

      if (taken > 0 && i + taken <= length)
        {
          g_string_append_unichar (out, c);
          i += taken;
        }
      else
        g_string_append_c (out, value[i++]);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static void
add_link (Reducer *r, const char *value, gsize length)
{
  g_autofree char *link = NULL;

  if (r->links == NULL || r->links->len >= SITMAP_HTML_MAX_LINKS || length > SITMAP_HTML_MAX_LINK_LENGTH)
    return;
  link = decode_value (value, length);
  /* A fragment only points into the description itself. */
  if (*link == '\0' || *link == '#')
    return;
  for (guint i = 0; i < r->links->len; i++)
    if (strcmp (g_ptr_array_index (r->links, i), link) == 0)
      return;
  g_ptr_array_add (r->links, g_steal_pointer (&link));
}

/* Finds the href attribute of an <a> tag between p and end (the tag's ">"). */
static void
scan_href (Reducer *r, const char *p, const char *end)
{
  while (p < end)
    {
      const char *name = p;
      gsize name_length;

      while (p < end && (is_space (*p) || *p == '/'))
        p++;
      name = p;
      while (p < end && !is_space (*p) && *p != '=' && *p != '/')
        p++;
      name_length = p - name;
      while (p < end && is_space (*p))
        p++;
      if (p < end && *p == '=')
        {
          const char *value;
          gsize value_length;

          p++;
          while (p < end && is_space (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              char quote = *p++;

              value = p;
              while (p < end && *p != quote)
                p++;
              value_length = p - value;
              if (p < end)
                p++;
            }
          else
            {
              value = p;
              while (p < end && !is_space (*p))
                p++;
              value_length = p - value;
            }
          if (name_length == 4 && g_ascii_strncasecmp (name, "href", 4) == 0)
            {
              add_link (r, value, value_length);
              return;
            }
        }
      else if (name_length == 0 && p < end)
        p++;
    }
}

/* Where the tag that starts at p ends (its ">"), quotes respected; NULL when it never does. */
static const char *
tag_end (const char *p)
{
  char quote = 0;

  for (p++; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }
  return NULL;
}

static gboolean
name_is (const char *name, const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The end of the element whose content is never shown (script, style…), after its closing tag. */
static const char *
skip_raw_content (const char *p, const char *name)
{
  gsize n = strlen (name);

  for (; *p != '\0'; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, n) == 0 &&
        !g_ascii_isalnum (p[2 + n]))
      {
        const char *end = tag_end (p);

        return end ? end + 1 : p + strlen (p);
      }
  return p;
}

static void
tag_breaks (Reducer *r, const char *name, gboolean closing)
{
  static const char *const paragraphs[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                                            "ul", "ol", "dl", "table", "section", "article", "header", "footer",
                                            "address", "figure", "hr", NULL };
  static const char *const lines[] = { "br", "tr", "dt", "dd", "caption", "li", NULL };

  if (name_is (name, paragraphs))
    emit_break (r, 2);
  else if (name_is (name, lines))
    {
      emit_break (r, 1);
      if (!closing && g_ascii_strcasecmp (name, "li") == 0)
        {
          emit_char (r, 0x2022);
          r->pending_space = TRUE;
        }
    }
  else if (name_is (name, (const char *const[]) { "td", "th", NULL }))
    r->pending_space = TRUE;
}

/* Handles the markup at p ("<..."); returns where the text goes on. */
static const char *
reduce_tag (Reducer *r, const char *p)
{
  static const char *const hidden[] = { "script", "style", "head", "title", "template", "noscript", "textarea", NULL };
  char name[MAX_NAME + 1];
  gsize n = 0;
  gboolean closing = p[1] == '/';
  const char *q = p + 1 + closing, *end;

  if (g_str_has_prefix (p, "<!--"))
    {
      end = strstr (p + 4, "-->");
      return end ? end + 3 : p + strlen (p);
    }
  end = tag_end (p);
  if (end == NULL)
    return p + strlen (p);
  if (*q == '!' || *q == '?')
    return end + 1;
  while (n < MAX_NAME && g_ascii_isalnum (q[n]))
    {
      name[n] = q[n];
      n++;
    }
  name[n] = '\0';
  tag_breaks (r, name, closing);
  if (!closing && g_ascii_strcasecmp (name, "a") == 0)
    scan_href (r, q + n, end);
  if (!closing && name_is (name, hidden) && end[-1] != '/')
    return skip_raw_content (end + 1, name);
  return end + 1;
}

static gboolean
starts_tag (const char *p)
{
  return p[0] == '<' && (g_ascii_isalpha (p[1]) || p[1] == '!' || p[1] == '?' || (p[1] == '/' && g_ascii_isalpha (p[2])));
}

gboolean
sitmap_html_is_markup (const char *text)
{
  const char *last_close;

  if (text == NULL)
    return FALSE;
  /* Not tag_end() at each "<": that would be quadratic on "<a<a<a…". */
  last_close = strrchr (text, '>');
  for (const char *p = text; *p != '\0'; p++)
    {
      gunichar c;

      if (*p == '<' && starts_tag (p) && last_close != NULL && p < last_close)
        return TRUE;
      if (*p == '&' && decode_entity (p, &c) > 0)
        return TRUE;
    }
  return FALSE;
}

char *
sitmap_html_to_text (const char *html, char ***links)
{
  g_autofree char *valid = g_utf8_make_valid (html ? html : "", -1);
  Reducer r = { .out = g_string_sized_new (strlen (valid)) };
  const char *p = valid;

  if (links != NULL)
    r.links = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  while (*p != '\0')
    {
      gunichar c;
      gsize taken;

      if (starts_tag (p))
        {
          p = reduce_tag (&r, p);
          continue;
        }
      if (*p == '&' && (taken = decode_entity (p, &c)) > 0)
        {
          emit_char (&r, c);
          p += taken;
          continue;
        }
      c = g_utf8_get_char (p);
      emit_char (&r, acceptable_char (c) ? c : 0xfffd);
      p = g_utf8_next_char (p);
    }
  if (links != NULL)
    *links = (char **) g_ptr_array_free (r.links, FALSE);
  return g_string_free (r.out, FALSE);
}
