/* sitmap-xml-precheck.c: what is checked in a file's bytes before libxml2 parses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-xml-input"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-time.h"
#include "sitmap-xml-input.h"
#include "sitmap-xml-precheck.h"

/* A declaration is a few dozen characters; one this long only hides what follows it. */
#define MAX_DECLARATION_CHARS 1024

typedef struct
{
  const guint8      *data; /* the file's bytes */
  gsize              len;
  GBytes            *utf8; /* its text in UTF-8, once known */
  const char        *format_name; /* the format expected, for messages: "KML" */
  const char *const *roots;       /* the local names its root element may have */
  SitmapXmlProblem  *problem;
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
 * encoding is found here, in the encodings where a '<' is certain to be a '<', the text converted to UTF-8,
 * and its prolog read; libxml2 then parses that same UTF-8 text, ignoring the declared encoding.
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
prolog_skip_past (Prolog *p, const char *end)
{
  while (!prolog_at_end (p))
    {
      if (prolog_looking_at (p, end))
        {
          prolog_advance (p, strlen (end));
          return TRUE;
        }
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

/* Reads the XML declaration at p, and the encoding it names into *encoding (NULL when it names none). */
static gboolean
read_declaration (Precheck *self, Prolog *p, char **encoding)
{
  g_autoptr (GString) declaration = g_string_new (NULL);
  int line = p->line, column = p->column;

  while (!prolog_looking_at (p, "?>"))
    {
      if (prolog_at_end (p))
        return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("the XML declaration is not finished"));
      /* Everything the declaration says is read, or the file is refused: an encoding named beyond what
       * was read would be one nobody checked. */
      if (declaration->len == MAX_DECLARATION_CHARS)
        return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("the XML declaration is longer than %d characters"), MAX_DECLARATION_CHARS);
      g_string_append_c (declaration, (char) MIN (prolog_peek (p, 0), 0x7F));
      prolog_advance (p, 1);
    }
  prolog_advance (p, 2);
  *encoding = declared_encoding (declaration->str);
  return TRUE;
}

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

/* The name iconv knows an encoding by, where it differs from the one XML files use. */
static const char *
iconv_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "ISO-LATIN-1") == 0 ? "ISO-8859-1" : encoding;
}

/* The encoding the text is in, as iconv names it, or NULL for UTF-8; FALSE if Sitmap does not read it.
 * A byte order mark and the declaration must agree. */
static gboolean
choose_encoding (Precheck *self, const Prolog *p, const char *declared, gboolean utf8_bom, const char **from)
{
  *from = NULL;
  if (p->unit == 2)
    *from = p->big_endian ? "UTF-16BE" : "UTF-16LE";
  else if (declared != NULL && !is_utf8_name (declared))
    *from = iconv_name (declared);
  if (declared == NULL || encoding_is_checkable (declared, p->unit))
    {
      if (!utf8_bom || declared == NULL || is_utf8_name (declared))
        return TRUE;
    }
  else if ((p->unit == 2) == (g_ascii_strncasecmp (declared, "UTF-16", 6) == 0))
    {
      g_autofree char *quoted = sitmap_quote_text (declared);

      return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED,
                               /* TRANSLATORS: %s is the name of a text encoding, such as UTF-7 */
                               _("the file is in the text encoding “%s”, which Sitmap does not read; save it as "
                                 "UTF-8"),
                               quoted);
    }
  return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED,
                           _("the file declares a text encoding other than the one it is written in"));
}

/* Line and column of a byte offset of UTF-8 text, counted as libxml2 counts them: characters, not bytes. */
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

/* An error converting the text: where the first character that is not in the encoding is. */
static gboolean
fail_conversion (Precheck *self, const char *from, gsize skip, gsize valid, const GError *error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *quoted = sitmap_quote_text (from);
  gsize written = 0;
  int line = 1, column = 1;

  if (g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED,
                             _("the file is in the text encoding “%s”, which Sitmap cannot read; save it as "
                               "UTF-8"),
                             quoted);
  prefix = g_convert ((const char *) self->data + skip, valid, "UTF-8", from, NULL, &written, NULL);
  if (prefix != NULL)
    position_of ((const guint8 *) prefix, written, &line, &column);
  return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                           /* TRANSLATORS: %s is the name of a text encoding, such as Shift_JIS */
                           _("the text is not valid %s: the file may be in another encoding than the one it "
                             "declares"),
                           quoted);
}

/* The text in UTF-8: the bytes themselves when they are, else converted from the encoding from. */
static gboolean
convert_to_utf8 (Precheck *self, const char *from, gsize skip)
{
  g_autoptr (GError) error = NULL;
  gsize read = 0, written = 0;
  char *converted;

  if (from == NULL)
    {
      self->utf8 = g_bytes_new_static (self->data, self->len);
      return TRUE;
    }
  converted = g_convert ((const char *) self->data + skip, self->len - skip, "UTF-8", from, &read, &written, &error);
  /* A character cut short at the end is not an error to g_convert(), but it is one to us. */
  if (converted != NULL && read < self->len - skip)
    {
      g_clear_pointer (&converted, g_free);
      g_set_error_literal (&error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT, "");
    }
  if (converted == NULL)
    return fail_conversion (self, from, skip, read, error);
  if (written > G_MAXINT)
    {
      g_free (converted);
      return fail_at_position (self, 0, 0, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                               _("the file is larger than 2 GB once converted to UTF-8"));
    }
  self->utf8 = g_bytes_new_take (converted, written);
  return TRUE;
}

/* Everything before the text: the byte order mark, and the encoding that the declaration names. */
static gboolean
decode (Precheck *self)
{
  g_autofree char *declared = NULL;
  const char *from;
  Prolog p = { 0 };
  gboolean utf8_bom;
  gsize bom;

  p.data = self->data;
  p.len = self->len;
  p.line = p.column = 1;
  if (self->len == 0)
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file is empty"));
  if (self->len >= 4 && memcmp (p.data, "PK\003\004", 4) == 0)
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_NOT_KML,
                             _("this is a compressed file (such as KMZ), not a KML document: extract the KML "
                               "file from it first"));
  if (!prolog_detect_encoding (&p))
    return fail_at_position (self, 1, 1, SITMAP_DOCUMENT_ERROR_MALFORMED,
                             _("the file is in a text encoding that Sitmap does not read (such as UCS-4 or "
                               "EBCDIC); save it as UTF-8"));
  bom = p.pos;
  utf8_bom = p.unit == 1 && bom == 3;
  if (prolog_looking_at (&p, "<?xml") && is_xml_space (prolog_peek (&p, 5)) && !read_declaration (self, &p, &declared))
    return FALSE;
  if (!choose_encoding (self, &p, declared, utf8_bom, &from))
    return FALSE;
  /* The UTF-16 byte order mark is not carried over: the text is UTF-8 now. */
  return convert_to_utf8 (self, from, p.unit == 2 ? bom : 0);
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
check_root (Precheck *self, Prolog *p)
{
  g_autofree char *root = prolog_read_name (p);
  const char *local = strchr (root, ':') ? strchr (root, ':') + 1 : root;
  g_autofree char *quoted = NULL;
  const char *other;

  for (guint i = 0; self->roots[i] != NULL; i++)
    if (strcmp (local, self->roots[i]) == 0)
      return TRUE;
  quoted = sitmap_quote_text (root);
  other = describe_other_format (root);
  if (other != NULL)
    return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_NOT_KML,
                             /* TRANSLATORS: the first %s is a kind of file, such as "a web page (HTML)", the
                              * second a format's name, such as KML */
                             _("this is %s, not a %s document"), other, self->format_name);
  return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_NOT_KML,
                           /* TRANSLATORS: the first %s is an XML element name, the second a format's name, the
                            * third the element its documents begin with */
                           _("the document begins with <%s>, but a %s document begins with <%s>"), quoted,
                           self->format_name, self->roots[0]);
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
                             _("this is %s, not a %s document"), _("a web page (HTML)"), self->format_name);
  return fail_at_position (self, p->line, p->column, SITMAP_DOCUMENT_ERROR_UNSAFE,
                           /* TRANSLATORS: %s is a format's name, such as KML */
                           _("the document has a document type declaration (<!DOCTYPE>), which %s never needs "
                             "and which can hide entity expansion or references to other files: Sitmap does "
                             "not open such documents"),
                           self->format_name);
}

/* Walks the prolog (declaration, comments, processing instructions) of the UTF-8 text to the root element.
 * Anything else in it is refused here, so that libxml2 never sees a prolog this scan did not understand. */
static gboolean
check_prolog (Precheck *self)
{
  Prolog p = { 0 };
  gboolean after_space = TRUE;
  gsize start;

  p.data = g_bytes_get_data (self->utf8, &p.len);
  p.unit = 1;
  p.line = p.column = 1;
  if (p.len >= 3 && memcmp (p.data, "\xEF\xBB\xBF", 3) == 0)
    p.pos = 3;
  start = p.pos;
  for (;;)
    {
      gunichar c = prolog_peek (&p, 0);
      int line = p.line, column = p.column;

      if (is_xml_space (c))
        prolog_advance (&p, 1);
      else if (prolog_looking_at (&p, "<!--"))
        {
          after_space = FALSE;
          if (!prolog_skip_past (&p, "-->"))
            return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                     _("a comment is not finished: is the file cut short?"));
        }
      else if (p.pos != start && prolog_looking_at (&p, "<?xml") && is_xml_space (prolog_peek (&p, 5)))
        /* decode() reads a declaration only where XML allows one: at the very beginning. */
        return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                                 after_space ? _("white space comes before the XML declaration (<?xml …?>), "
                                                 "which must be the very first thing in the file")
                                             : _("the XML declaration (<?xml …?>) must be the very first thing "
                                                 "in the file, but it comes after other markup"));
      else if (prolog_looking_at (&p, "<?"))
        {
          after_space = FALSE;
          if (!prolog_skip_past (&p, "?>"))
            return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                     _("a processing instruction is not finished: is the file cut short?"));
        }
      else if (prolog_looking_at_caseless (&p, "<!doctype"))
        return check_doctype (self, &p);
      else if (c == '<' && is_name_start (prolog_peek (&p, 1)))
        return check_root (self, &p);
      else if (prolog_at_end (&p))
        return fail_at_position (self, p.line, p.column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("the file holds no XML element"));
      else
        return fail_at_position (self, p.line, p.column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("this is not an XML document: it does not begin with an XML element"));
    }
}

/*
 * The markup, walked before libxml2 sees it: crowded tags (see SITMAP_XML_MAX_ATTRIBUTES), CDATA sections
 * and comments never closed, declarations inside the content. One linear pass over the bytes with the
 * lexical rules of XML: comments, CDATA sections and processing instructions are skipped, and so are quoted
 * attribute values, in which a '>' may stand.
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

/* Attributes are separated by white space and hold at least a name, '=' and two quotes: a start tag shorter
 * than this cannot have more than SITMAP_XML_MAX_ATTRIBUTES. */
#define MAX_UNCOUNTED_TAG_BYTES (SITMAP_XML_MAX_ATTRIBUTES * 4)

/* The offset of the first c in data[from, to), or to. */
static gsize
find_byte (const guint8 *data, gsize from, gsize to, guint8 c)
{
  const guint8 *found = from < to ? memchr (data + from, c, to - from) : NULL;

  return found ? (gsize) (found - data) : to;
}

/* Counts the attributes of the start tag at at, byte by byte; TRUE if it has more than allowed. */
static gboolean
count_attributes (const guint8 *data, gsize len, gsize at)
{
  guint n_attributes = 0;
  gsize i = at + 1;

  while (i < len && data[i] != '>')
    {
      if (data[i] == '"' || data[i] == '\'')
        {
          i = find_byte (data, i + 1, len, data[i]) + 1;
          continue;
        }
      if (data[i] == '=' && ++n_attributes > SITMAP_XML_MAX_ATTRIBUTES)
        return TRUE;
      i++;
    }
  return FALSE;
}

/* From the start tag at *at to the next '<' (no attribute value may hold one: libxml2 stops there); TRUE if
 * the tag has more attributes than allowed. Only a tag with room for that many is counted. */
static gboolean
skip_start_tag (const guint8 *data, gsize len, gsize *at)
{
  gsize next = find_byte (data, *at + 1, len, '<');

  if (next - *at > MAX_UNCOUNTED_TAG_BYTES && count_attributes (data, len, *at))
    return TRUE;
  *at = next;
  return FALSE;
}

typedef enum
{
  MARKUP_FINE,
  MARKUP_CROWDED_TAG,   /* a start tag with too many attributes */
  MARKUP_OPEN_CDATA,    /* <![CDATA[ never closed */
  MARKUP_OPEN_COMMENT,  /* <!-- never closed */
  MARKUP_DECLARATION,   /* <!DOCTYPE, <!ENTITY… in the content */
} MarkupProblem;

/* The first problem in the markup of data[*at, until), and its offset in *at; or, when there is none, where
 * the next walk begins in *at: a construct begun before until is walked to its end. Line by line these are
 * libxml2's errors too, but it names them by what it meets next ("extra content at the end", "internal
 * error"), not by what is wrong. */
static MarkupProblem
find_markup_problem (const guint8 *data, gsize len, gsize *at, gsize until)
{
  gsize i = *at;

  until = MIN (until, len);
  while (i < until)
    {
      const guint8 *lt = memchr (data + i, '<', until - i);
      gsize end;

      if (lt == NULL)
        {
          i = until;
          break;
        }
      i = *at = lt - data;
      /* By the character after '<': most are start and end tags */
      switch (i + 1 < len ? data[i + 1] : 0)
        {
        case '/':
          i += 2;
          break;
        case '?':
          i = find_sequence (data, len, i + 2, "?>");
          break;
        case '!':
          if (has_prefix_at (data, len, i, "<!--"))
            {
              if ((end = find_sequence (data, len, i + 4, "-->")) == len)
                return MARKUP_OPEN_COMMENT;
              i = end;
            }
          else if (has_prefix_at (data, len, i, "<![CDATA["))
            {
              if ((end = find_sequence (data, len, i + 9, "]]>")) == len)
                return MARKUP_OPEN_CDATA;
              i = end;
            }
          /* Past the prolog (check_prolog() refused a DOCTYPE there), a declaration is out of place. */
          else if (i + 2 < len && g_ascii_isalpha (data[i + 2]))
            return MARKUP_DECLARATION;
          else
            i += 2;
          break;
        default:
          if (skip_start_tag (data, len, &i))
            return MARKUP_CROWDED_TAG;
          break;
        }
    }
  *at = i;
  return MARKUP_FINE;
}

/* The keyword after "<!" at offset, as written, for a message: printable ASCII letters only. */
static char *
declaration_keyword (const guint8 *data, gsize len, gsize offset)
{
  gsize end = offset + 2;

  while (end < len && end - offset < 12 && g_ascii_isalpha (data[end]))
    end++;
  return g_strndup ((const char *) data + offset, end - offset);
}

static gboolean
describe_markup_problem (Precheck *self, const guint8 *data, gsize size, MarkupProblem problem, gsize offset)
{
  g_autofree char *keyword = NULL;
  int line, column;

  position_of (data, offset, &line, &column);
  switch (problem)
    {
    case MARKUP_CROWDED_TAG:
      return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                               _("an element has more than %d attributes"), SITMAP_XML_MAX_ATTRIBUTES);
    case MARKUP_OPEN_CDATA:
      return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                               _("a CDATA section (<![CDATA[) begins here and is never closed by “]]>”"));
    case MARKUP_OPEN_COMMENT:
      return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                               _("a comment (<!--) begins here and is never closed by “-->”"));
    case MARKUP_DECLARATION:
      keyword = declaration_keyword (data, size, offset);
      if (g_ascii_strcasecmp (keyword, "<!DOCTYPE") == 0)
        return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("a document type declaration (<!DOCTYPE>) stands inside the document, where XML "
                                   "allows none: it may only come before the first element, and Sitmap refuses it "
                                   "there too"));
      if (g_ascii_strcasecmp (keyword, "<!ENTITY") == 0)
        return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                 _("an entity declaration (<!ENTITY>) stands inside the document, where XML allows "
                                   "none: entities are declared only in a document type declaration, which Sitmap "
                                   "refuses"));
      /* TRANSLATORS: %s is what the file has, such as <!ELEMENT */
      return fail_at_position (self, line, column, SITMAP_DOCUMENT_ERROR_MALFORMED,
                               _("a declaration (%s) stands inside the document, where XML allows none"), keyword);
    case MARKUP_FINE:
    default:
      return TRUE;
    }
}

static gboolean
check_markup (Precheck *self)
{
  gsize size, at = 0;
  const guint8 *data = g_bytes_get_data (self->utf8, &size);
  MarkupProblem problem = find_markup_problem (data, size, &at, size);

  return problem == MARKUP_FINE || describe_markup_problem (self, data, size, problem, at);
}

/* Decodes the bytes to UTF-8 and checks the prolog, then the whole markup when asked to. On success *utf8
 * holds the text: the same bytes, kept alive by the GBytes they came from, when they were UTF-8 already. */
static gboolean
run_precheck (GBytes            *bytes,
              const char        *format_name,
              const char *const *roots,
              gboolean           whole_markup,
              GBytes           **utf8,
              SitmapXmlProblem  *problem)
{
  Precheck self = { 0 };
  gboolean ok;

  /* The guards of both public entry points, which only pass their arguments on. */
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (format_name != NULL, FALSE);
  g_return_val_if_fail (roots != NULL && roots[0] != NULL, FALSE);
  g_return_val_if_fail (utf8 != NULL, FALSE);

  memset (problem, 0, sizeof *problem);
  self.data = g_bytes_get_data (bytes, &self.len);
  self.format_name = format_name;
  self.roots = roots;
  self.problem = problem;
  ok = decode (&self) && check_prolog (&self) && (!whole_markup || check_markup (&self));
  if (ok && g_bytes_get_data (self.utf8, NULL) == (gconstpointer) self.data)
    {
      g_bytes_unref (self.utf8);
      self.utf8 = g_bytes_ref (bytes);
    }
  if (ok)
    *utf8 = g_steal_pointer (&self.utf8);
  g_clear_pointer (&self.utf8, g_bytes_unref);
  return ok;
}

/*
 * Public API
 */

gboolean
sitmap_xml_precheck (GBytes            *bytes,
                     const char        *format_name,
                     const char *const *roots,
                     GBytes           **utf8,
                     SitmapXmlProblem  *problem)
{
  return run_precheck (bytes, format_name, roots, TRUE, utf8, problem);
}

gboolean
sitmap_xml_precheck_prolog (GBytes            *bytes,
                            const char        *format_name,
                            const char *const *roots,
                            GBytes           **utf8,
                            SitmapXmlProblem  *problem)
{
  return run_precheck (bytes, format_name, roots, FALSE, utf8, problem);
}

gboolean
sitmap_xml_precheck_markup (const guint8 *text, gsize size, gsize *scanned, gsize until, SitmapXmlProblem *problem)
{
  Precheck self = { 0 };
  MarkupProblem found;

  g_return_val_if_fail (scanned != NULL && problem != NULL, FALSE);

  if (*scanned >= until)
    return TRUE;
  found = find_markup_problem (text, size, scanned, until);
  if (found == MARKUP_FINE)
    return TRUE;
  memset (problem, 0, sizeof *problem);
  self.problem = problem;
  return describe_markup_problem (&self, text, size, found, *scanned);
}

void
sitmap_xml_problem_clear (SitmapXmlProblem *problem)
{
  g_clear_pointer (&problem->what, g_free);
}
