/* sitmap-xml-precheck.c: what is checked in a file's bytes before libxml2 parses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-xml-input"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-xml-input.h"
#include "sitmap-xml-precheck.h"

typedef struct
{
  const guint8     *data;
  gsize             len;
  guint             code_unit;
  SitmapXmlProblem *problem;
} Precheck;

static gboolean G_GNUC_PRINTF (5, 6)
fail_at_position (Precheck *self, int line, int column, int code, const char *format, ...)
{
  va_list args;

  self->problem->code = code;
  self->problem->line = line;
  self->problem->column = MAX (column, 1);
  va_start (args, format);
  self->problem->what = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/*
 * The prolog, checked before libxml2 sees it. A document type declaration has to be refused before it is
 * parsed, not when the reader reports it: its internal subset is where entity bombs are declared. So the
 * prolog is read here, in the encodings where a '<' is certain to be a '<'.
 */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  guint         unit; /* bytes per code unit: 1 for UTF-8 and the 8-bit encodings, 2 for UTF-16 */
  gboolean      big_endian;
  int           line;
  int           column;
} Prolog;

static gunichar
prolog_peek (const Prolog *p, gsize ahead)
{
  gsize at = p->pos + ahead * p->unit;

  if (at + p->unit > p->len)
    return 0;
  if (p->unit == 1)
    return p->data[at];
  return p->big_endian ? (p->data[at] << 8 | p->data[at + 1]) : (p->data[at + 1] << 8 | p->data[at]);
}

static gboolean
prolog_at_end (const Prolog *p)
{
  return p->pos + p->unit > p->len;
}

static void
prolog_advance (Prolog *p, gsize n)
{
  for (gsize i = 0; i < n && !prolog_at_end (p); i++)
    {
      gunichar c = prolog_peek (p, 0);

      if (c == '\n' || (c == '\r' && prolog_peek (p, 1) != '\n'))
        {
          p->line++;
          p->column = 1;
        }
      /* Columns count characters, as libxml2's do: not UTF-8 continuation bytes or low surrogates. */
      else if (c != '\r' && !(p->unit == 1 && (c & 0xC0) == 0x80) && !(c >= 0xDC00 && c <= 0xDFFF))
        p->column++;
      p->pos += p->unit;
    }
}

static gboolean
prolog_looking_at (const Prolog *p, const char *ascii)
{
  for (gsize i = 0; ascii[i] != '\0'; i++)
    if (prolog_peek (p, i) != (guchar) ascii[i])
      return FALSE;
  return TRUE;
}

/* The same, ignoring the case of ASCII letters: "<!doctype html>" starts many web pages. */
static gboolean
prolog_looking_at_caseless (const Prolog *p, const char *ascii)
{
  for (gsize i = 0; ascii[i] != '\0'; i++)
    {
      gunichar c = prolog_peek (p, i);

      if (c > 0x7F || g_ascii_tolower (c) != g_ascii_tolower (ascii[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_xml_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Advances past the next occurrence of end; FALSE if the data ends first. */
static gboolean
prolog_skip_past (Prolog *p, const char *end, GString *collect)
{
  while (!prolog_at_end (p))
    {
      if (prolog_looking_at (p, end))
        {
          prolog_advance (p, strlen (end));
          return TRUE;
        }
      if (collect != NULL && collect->len < 1024)
        g_string_append_c (collect, (char) MIN (prolog_peek (p, 0), 0x7F));
      prolog_advance (p, 1);
    }
  return FALSE;
}

/* Sets the code unit width from the byte order mark or the first bytes; FALSE for encodings that are not
 * read (UCS-4, EBCDIC), in which the prolog cannot be checked. */
static gboolean
prolog_detect_encoding (Prolog *p)
{
  const guint8 *d = p->data;
  gsize n = p->len;

  p->unit = 1;
  if (n >= 4 && ((d[0] == 0 && d[1] == 0) || (d[2] == 0 && d[3] == 0) || (d[0] == 0x4C && d[1] == 0x6F)))
    return FALSE;
  if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    p->pos = 3;
  else if (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
    {
      p->unit = 2;
      p->big_endian = d[0] == 0xFE;
      p->pos = 2;
    }
  else if (n >= 4 && ((d[0] == '<' && d[1] == 0 && d[2] == '?' && d[3] == 0) ||
                      (d[0] == 0 && d[1] == '<' && d[2] == 0 && d[3] == '?')))
    {
      p->unit = 2;
      p->big_endian = d[0] == 0;
    }
  return TRUE;
}

/* Encodings in which every byte below 0x80 is the ASCII character: no '<' can hide in them. Stateful
 * encodings such as UTF-7 or ISO-2022 are not, and are refused. */
static gboolean
encoding_is_checkable (const char *name, guint unit)
{
  static const char *const prefixes[] = {
    "ISO-8859-", "ISO_8859-", "WINDOWS-125", "CP125",
  };
  static const char *const names[] = {
    "UTF-8", "UTF8", "US-ASCII", "ASCII", "LATIN1", "ISO-LATIN-1", "KOI8-R", "KOI8-U",
    "SHIFT_JIS", "EUC-JP", "EUC-KR", "GB2312", "GBK", "GB18030", "BIG5",
  };
  g_autofree char *upper = g_ascii_strup (name, -1);

  if (g_str_has_prefix (upper, "UTF-16"))
    return unit == 2;
  if (unit == 2)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (upper, names[i]) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (upper, prefixes[i]) && upper[strlen (prefixes[i])] != '\0')
      return TRUE;
  return FALSE;
}

/* The value of encoding="…" in an XML declaration, or NULL. */
static char *
declared_encoding (const char *declaration)
{
  const char *p = strstr (declaration, "encoding");
  const char *end;
  char quote;

  if (p == NULL)
    return NULL;
  p += strlen ("encoding");
  while (is_xml_space (*p))
    p++;
  if (*p++ != '=')
    return NULL;
  while (is_xml_space (*p))
    p++;
  quote = *p++;
  if ((quote != '"' && quote != '\'') || (end = strchr (p, quote)) == NULL)
    return NULL;
  return g_strndup (p, end - p);
}

static gboolean
check_declaration (Precheck *self, Prolog *p)
{
  g_autoptr (GString) declaration = g_string_new (NULL);
  g_autofree char *encoding = NULL;
  int line = p->line, column = p->column;

  if (!prolog_skip_past (p, "?>", declaration))
    return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                             _("the XML declaration is not finished"));
  encoding = declared_encoding (declaration->str);
  if (encoding == NULL || encoding_is_checkable (encoding, p->unit))
    return TRUE;
  if ((p->unit == 2) != (g_ascii_strncasecmp (encoding, "UTF-16", 6) == 0))
    return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                             _("the file declares a text encoding other than the one it is written in"));
  return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                           /* TRANSLATORS: %s is the name of a text encoding, such as UTF-7 */
                           _("the file is in the text encoding “%s”, which Sitmap does not read; save it as "
                             "UTF-8"),
                           encoding);
}

static gboolean
is_name_start (gunichar c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || c >= 0x80;
}

/* The root element's name, up to its first delimiter. */
static char *
prolog_read_name (Prolog *p)
{
  g_autoptr (GString) name = g_string_new (NULL);

  for (gsize i = 1; i < 256; i++)
    {
      gunichar c = prolog_peek (p, i);

      if (c == 0 || is_xml_space (c) || c == '>' || c == '/')
        break;
      /* Quoted in a message: printable ASCII only */
      g_string_append_c (name, c > 0x20 && c < 0x7F ? (char) c : '?');
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static const char *
describe_other_format (const char *root)
{
  static const struct
  {
    const char *root;
    const char *what;
  } formats[] = {
    { "html", N_("a web page (HTML)") },
    { "gpx", N_("a GPS track (GPX)") },
    { "rss", N_("a news feed (RSS)") },
    { "feed", N_("a news feed (Atom)") },
    { "RDF", N_("a news feed (RSS 1.0)") },
    { "svg", N_("a drawing (SVG)") },
    { "osm", N_("OpenStreetMap data") },
    { "FeatureCollection", N_("a GML feature collection") },
  };
  const char *local = strchr (root, ':') ? strchr (root, ':') + 1 : root;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (local, formats[i].root) == 0)
      return _(formats[i].what);
  return NULL;
}

static gboolean
check_root (Precheck *self, Prolog *p, const char *expected_root)
{
  g_autofree char *root = prolog_read_name (p);
  const char *local = strchr (root, ':') ? strchr (root, ':') + 1 : root;
  const char *other;

  if (strcmp (local, expected_root) == 0)
    return TRUE;
  other = describe_other_format (root);
  if (other != NULL)
    return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_NOT_KML,
                             /* TRANSLATORS: %s is a kind of file, such as "a web page (HTML)" */
                             _("this is %s, not a KML document"), other);
  return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_NOT_KML,
                           /* TRANSLATORS: the first %s is an XML element name, the second the one expected */
                           _("the document begins with <%s>, but a KML document begins with <%s>"), root,
                           expected_root);
}

static gboolean
check_doctype (Precheck *self, Prolog *p)
{
  Prolog after = *p;

  prolog_advance (&after, strlen ("<!doctype"));
  while (is_xml_space (prolog_peek (&after, 0)))
    prolog_advance (&after, 1);
  if (g_ascii_tolower (prolog_peek (&after, 0)) == 'h' && g_ascii_tolower (prolog_peek (&after, 1)) == 't' &&
      g_ascii_tolower (prolog_peek (&after, 2)) == 'm' && g_ascii_tolower (prolog_peek (&after, 3)) == 'l')
    return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_NOT_KML,
                             _("this is %s, not a KML document"), _("a web page (HTML)"));
  return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_UNSAFE,
                           _("the document has a document type declaration (<!DOCTYPE>), which KML never needs "
                             "and which can hide entity expansion or references to other files: Sitmap does "
                             "not open such documents"));
}

/* Walks the prolog (declaration, comments, processing instructions) to the root element. Anything else in
 * it is refused here, so that libxml2 never sees a prolog this scan did not understand. */
static gboolean
check_prolog (Precheck *self, const char *expected_root)
{
  gsize size = self->len;
  Prolog p = { 0 };

  p.data = self->data;
  p.len = size;
  p.line = p.column = 1;
  self->code_unit = 1;
  if (size == 0)
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file is empty"));
  if (size >= 4 && memcmp (p.data, "PK\003\004", 4) == 0)
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_NOT_KML,
                             _("this is a compressed file (such as KMZ), not a KML document: extract the KML "
                               "file from it first"));
  if (!prolog_detect_encoding (&p))
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED,
                             _("the file is in a text encoding that Sitmap does not read (such as UCS-4 or "
                               "EBCDIC); save it as UTF-8"));

  self->code_unit = p.unit;
  if (prolog_looking_at (&p, "<?xml") && is_xml_space (prolog_peek (&p, 5)) && !check_declaration (self, &p))
    return FALSE;

  for (;;)
    {
      gunichar c = prolog_peek (&p, 0);

      if (is_xml_space (c))
        prolog_advance (&p, 1);
      else if (prolog_looking_at (&p, "<!--"))
        {
          int line = p.line, column = p.column;

          if (!prolog_skip_past (&p, "-->", NULL))
            return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                     _("a comment is not finished: is the file cut short?"));
        }
      else if (prolog_looking_at (&p, "<?"))
        {
          int line = p.line, column = p.column;

          if (!prolog_skip_past (&p, "?>", NULL))
            return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                     _("a processing instruction is not finished: is the file cut short?"));
        }
      else if (prolog_looking_at_caseless (&p, "<!doctype"))
        return check_doctype (self, &p);
      else if (c == '<' && is_name_start (prolog_peek (&p, 1)))
        return check_root (self, &p, expected_root);
      else if (prolog_at_end (&p))
        return fail_at_position (self, p.line, p.column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("the file holds no XML element"));
      else
        return fail_at_position (self, p.line, p.column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("this is not an XML document: it does not begin with an XML element"));
    }
}

/*
 * Crowded tags, counted before libxml2 sees them (see SITMAP_XML_MAX_ATTRIBUTES). One linear pass over the
 * bytes with the lexical rules of XML: comments, CDATA sections and processing instructions are skipped,
 * and so are quoted attribute values, in which a '>' may stand.
 */

/* The offset of the first occurrence of needle at or after from, or len. */
static gsize
find_sequence (const guint8 *data, gsize len, gsize from, const char *needle)
{
  gsize needle_len = strlen (needle);

  while (from + needle_len <= len)
    {
      const guint8 *hit = memchr (data + from, needle[0], len - from - needle_len + 1);

      if (hit == NULL)
        return len;
      if (memcmp (hit, needle, needle_len) == 0)
        return hit - data;
      from = hit - data + 1;
    }
  return len;
}

static gboolean
has_prefix_at (const guint8 *data, gsize len, gsize at, const char *prefix)
{
  gsize n = strlen (prefix);

  return at + n <= len && memcmp (data + at, prefix, n) == 0;
}

/* Past the start tag beginning at *at; TRUE if it has more attributes than allowed. */
static gboolean
skip_start_tag (const guint8 *data, gsize len, gsize *at)
{
  guint n_attributes = 0;
  gsize i = *at + 1;

  while (i < len && data[i] != '>')
    {
      if (data[i] == '"' || data[i] == '\'')
        {
          const guint8 *quote = memchr (data + i + 1, data[i], len - i - 1);

          i = quote ? (gsize) (quote - data) + 1 : len;
          continue;
        }
      if (data[i] == '=' && ++n_attributes > SITMAP_XML_MAX_ATTRIBUTES)
        return TRUE;
      i++;
    }
  *at = i;
  return FALSE;
}

/* The offset of the first start tag with too many attributes, or len. UTF-8 or an 8-bit encoding. */
static gsize
find_crowded_tag (const guint8 *data, gsize len)
{
  gsize i = 0;

  for (;;)
    {
      const guint8 *lt = memchr (data + i, '<', len - i);

      if (lt == NULL)
        return len;
      i = lt - data;
      if (has_prefix_at (data, len, i, "<!--"))
        i = find_sequence (data, len, i + 4, "-->");
      else if (has_prefix_at (data, len, i, "<![CDATA["))
        i = find_sequence (data, len, i + 9, "]]>");
      else if (has_prefix_at (data, len, i, "<?"))
        i = find_sequence (data, len, i + 2, "?>");
      else if (has_prefix_at (data, len, i, "</") || has_prefix_at (data, len, i, "<!"))
        i += 2;
      else
        {
          gsize start = i;

          if (skip_start_tag (data, len, &i))
            return start;
        }
      if (i >= len)
        return len;
    }
}

/* Line and column of a byte offset, counted as libxml2 counts them: characters, not bytes. */
static void
position_of (const guint8 *data, gsize offset, int *line, int *column)
{
  *line = *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((data[i] & 0xC0) != 0x80)
        (*column)++;
    }
}

static gboolean
check_attribute_counts (Precheck *self)
{
  gsize size = self->len;
  const guint8 *data = self->data;
  g_autofree char *converted = NULL;
  gsize offset;
  int line, column;

  if (self->code_unit == 2)
    {
      gboolean big_endian = data[0] == 0xFE || data[0] == 0;
      gsize bom = (data[0] == 0xFE || data[0] == 0xFF) ? 2 : 0;
      gsize written = 0;

      /* Not readable as UTF-16 here means libxml2 would fail too, perhaps after a crowded tag. */
      converted = g_convert ((const char *) data + bom, size - bom, "UTF-8", big_endian ? "UTF-16BE" : "UTF-16LE",
                             NULL, &written, NULL);
      if (converted == NULL)
        return fail_at_position (self, 0, 0, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the text is not valid UTF-16"));
      data = (const guint8 *) converted;
      size = written;
    }
  offset = find_crowded_tag (data, size);
  if (offset == size)
    return TRUE;
  position_of (data, offset, &line, &column);
  return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                           _("an element has more than %d attributes"), SITMAP_XML_MAX_ATTRIBUTES);
}

/*
 * Public API
 */

gboolean
sitmap_xml_precheck (GBytes *bytes, const char *expected_root, guint *code_unit, SitmapXmlProblem *problem)
{
  Precheck self = { 0 };

  memset (problem, 0, sizeof *problem);
  self.data = g_bytes_get_data (bytes, &self.len);
  self.problem = problem;
  if (!check_prolog (&self, expected_root) || !check_attribute_counts (&self))
    return FALSE;
  *code_unit = self.code_unit;
  return TRUE;
}

void
sitmap_xml_problem_clear (SitmapXmlProblem *problem)
{
  g_clear_pointer (&problem->what, g_free);
}
