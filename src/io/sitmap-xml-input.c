/* sitmap-xml-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-xml-input"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-time.h"
#include "sitmap-xml-input.h"
#include "sitmap-xml-precheck.h"

/* NONET: never fetch anything. IGNORE_ENC: the text is the UTF-8 that sitmap_xml_precheck() made and
 * checked, whatever encoding its declaration names. Deliberately absent: NOENT, DTDLOAD, DTDATTR (entity
 * expansion and external DTDs) and HUGE (libxml2's own limits on text and names stay in force). */
#define PARSE_OPTIONS \
  (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC)
/* The longest description of libxml2's quoted in a message, in characters: it may quote names. */
#define MAX_LIBXML_MESSAGE_CHARS 200
/* How often a long read looks at its cancellable, in nodes. */
#define CANCEL_CHECK_INTERVAL 4096

struct _SitmapXmlInput
{
  GBytes          *bytes; /* the text, in UTF-8 */
  char            *display_name;
  const char      *format_name; /* "KML" */
  GCancellable    *cancellable;
  xmlTextReaderPtr reader;
  SitmapXmlMark    n_elements;
  guint            n_reads;

  /* The first error, which ends the read */
  GError  *error;
  gboolean has_position;
  int      line;
  int      column;

  /* The thread's own libxml2 error handler, which this input replaces while it lives */
  xmlStructuredErrorFunc previous_handler;
  void                  *previous_context;
  gboolean               handler_installed;
};

/*
 * Errors
 */

static gboolean
record_error (SitmapXmlInput *self, GQuark domain, int code, const char *what)
{
  if (self->error == NULL)
    self->error = g_error_new_literal (domain, code, what);
  return FALSE;
}

static gboolean
record_positioned_error (SitmapXmlInput *self, int line, int column, int code, const char *what)
{
  if (self->error != NULL)
    return FALSE;
  self->has_position = line > 0;
  self->line = line;
  self->column = MAX (column, 1);
  return record_error (self, SITMAP_DOCUMENT_ERROR, code, what);
}

/* libxml2's own words are kept where they are clear enough; the usual failures get plain ones. Whatever
 * names or values it quotes are cut short, as ours are. */
static char *
describe_libxml_error (const xmlError *error, const char *format_name, int *code)
{
  g_autofree char *message = g_strchomp (sitmap_quote_text_max (error->message ? error->message : "",
                                                                MAX_LIBXML_MESSAGE_CHARS));

  *code = SITMAP_DOCUMENT_ERROR_MALFORMED;
  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("there is no XML element where the document should begin"));
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
      return g_strdup (_("there is more text after the end of the document"));
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
      return g_strdup (_("the file ends before the document is complete: is it cut short?"));
    case XML_ERR_TAG_NAME_MISMATCH:
      if (error->str1 != NULL && error->str2 != NULL)
        {
          g_autofree char *opened = sitmap_quote_text (error->str1);
          g_autofree char *closed = sitmap_quote_text (error->str2);

          /* TRANSLATORS: "the element <name> begun on line 12 is closed by </Name>" */
          return g_strdup_printf (_("the element <%s> begun on line %d is closed by </%s>"), opened, error->int1,
                                  closed);
        }
      /* TRANSLATORS: %s is libxml2's English description of which tags do not match */
      return g_strdup_printf (_("an element is closed by the wrong end tag (%s)"), message);
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      return g_strdup (_("the text is not valid UTF-8: the file may be in another encoding that it does not "
                         "declare"));
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      return g_strdup (_("the file declares a text encoding that Sitmap cannot read"));
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      {
        g_autofree char *entity = sitmap_quote_text (error->str1 ? error->str1 : "");

        /* TRANSLATORS: the first %s is an entity's name, the second a format's name, such as KML */
        return g_strdup_printf (_("the entity “&%s;” is not defined (%s may use only &amp; &lt; &gt; &quot; "
                                  "and &apos;)"),
                                entity, format_name);
      }
    case XML_ERR_NO_MEMORY:
    case XML_ERR_NAME_TOO_LONG:
      *code = SITMAP_DOCUMENT_ERROR_TOO_LARGE;
      return g_strdup (_("a text, name or value in the file is too long to read"));
    default:
      {
        g_autofree char *lower = g_ascii_strdown (message, -1);

        /* libxml2's limits on text, names and depth have no codes of their own */
        if (strstr (lower, "huge") != NULL || strstr (lower, "too long") != NULL ||
            strstr (lower, "excessive") != NULL)
          {
            *code = SITMAP_DOCUMENT_ERROR_TOO_LARGE;
            return g_strdup (_("a text, name or value in the file is too long to read"));
          }
      }
      /* TRANSLATORS: %s is libxml2's English description of the error */
      return g_strdup_printf (_("the XML is not well-formed: %s"), message);
    }
}

/* Whether line and column are at the end of the text, where a cut-short file fails whatever libxml2 calls
 * the error. Counted in UTF-8 characters. */
static gboolean
is_at_end (SitmapXmlInput *self, int line, int column)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  int lines = 1, last_line_characters = 0;

  for (gsize i = 0; i < size; i++)
    {
      if (data[i] == '\n')
        {
          lines++;
          last_line_characters = 0;
        }
      else if ((data[i] & 0xC0) != 0x80)
        last_line_characters++;
    }
  return line == lines && column >= last_line_characters;
}

static void
libxml_error_cb (void *user_data, xmlErrorPtr error)
{
  SitmapXmlInput *self = user_data;
  g_autofree char *what = NULL;
  int code;

  if (error == NULL || error->level < XML_ERR_ERROR || self->error != NULL)
    return;
  if (error->code != XML_ERR_NO_MEMORY && is_at_end (self, error->line, error->int2))
    {
      record_positioned_error (self, error->line, error->int2, SITMAP_DOCUMENT_ERROR_MALFORMED,
                               _("the file ends before the document is complete: is it cut short?"));
      return;
    }
  what = describe_libxml_error (error, self->format_name, &code);
  record_positioned_error (self, error->line, error->int2, code, what);
}

static void
ignore_libxml_error_cb (void *user_data, xmlErrorPtr error)
{
}

/*
 * Finding an element again: libxml2's reader runs ahead of the node it returns, so its position is not the
 * element's. On error only, the bytes are parsed once more with SAX up to the element's start tag.
 */

typedef struct
{
  xmlParserCtxtPtr ctxt;
  SitmapXmlMark    target;
  SitmapXmlMark    count;
  gboolean         found;
  int              line;
  int              column;
} Locator;

/* Called with cur on the '>' or "/>" that ends the start tag, and line/col at cur. An attribute value
 * cannot hold a raw '<', so the nearest '<' back is where the tag begins. */
static void
locate_tag_start (Locator *locator)
{
  xmlParserInputPtr input = locator->ctxt->input;
  const xmlChar *p = input->cur;
  int newlines = 0, characters = 0;

  while (p > input->base && *p != '<')
    {
      p--;
      if (*p == '\n')
        newlines++;
      if ((*p & 0xC0) != 0x80)
        characters++;
    }
  locator->found = TRUE;
  locator->line = input->line;
  locator->column = input->col;
  if (*p != '<')
    return;
  if (newlines == 0)
    {
      locator->column = input->col - characters;
      return;
    }
  /* A start tag over several lines: count from the beginning of the line it starts on, if libxml2 still
   * holds it; otherwise the end of the tag is the best position known. */
  characters = 1;
  while (p > input->base && p[-1] != '\n')
    {
      p--;
      if ((*p & 0xC0) != 0x80)
        characters++;
    }
  if (p == input->base && input->consumed > 0)
    return;
  locator->line = input->line - newlines;
  locator->column = characters;
}

static void
locate_start_element_cb (void           *user_data,
                         const xmlChar  *localname,
                         const xmlChar  *prefix,
                         const xmlChar  *uri,
                         int             nb_namespaces,
                         const xmlChar **namespaces,
                         int             nb_attributes,
                         int             nb_defaulted,
                         const xmlChar **attributes)
{
  Locator *locator = user_data;

  if (locator->count++ != locator->target)
    return;
  locate_tag_start (locator);
  xmlStopParser (locator->ctxt);
}

static gboolean
locate_mark (SitmapXmlInput *self, SitmapXmlMark mark, int *line, int *column)
{
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);
  xmlSAXHandler sax = { 0 };
  Locator locator = { 0 };
  gsize head = MIN (size, 4);

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = locate_start_element_cb;
  sax.serror = ignore_libxml_error_cb;
  locator.target = mark;
  /* The first bytes go in with the context so that it can detect the encoding, as libxml2 advises. */
  locator.ctxt = xmlCreatePushParserCtxt (&sax, &locator, data, (int) head, NULL);
  if (locator.ctxt == NULL)
    return FALSE;
  xmlCtxtUseOptions (locator.ctxt, PARSE_OPTIONS | XML_PARSE_NOERROR);
  xmlParseChunk (locator.ctxt, data + head, (int) (size - head), 1);
  xmlFreeParserCtxt (locator.ctxt);
  *line = locator.line;
  *column = locator.column;
  return locator.found;
}

gboolean
sitmap_xml_input_fail (SitmapXmlInput *self, SitmapXmlMark mark, int code, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;
  int line = 0, column = 0;

  if (self->error != NULL)
    return FALSE;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  locate_mark (self, mark, &line, &column);
  return record_positioned_error (self, line, column, code, what);
}

gboolean
sitmap_xml_input_fail_whole (SitmapXmlInput *self, int code, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  return record_error (self, SITMAP_DOCUMENT_ERROR, code, what);
}

gboolean
sitmap_xml_input_failed (SitmapXmlInput *self)
{
  return self->error != NULL;
}

void
sitmap_xml_input_propagate_error (SitmapXmlInput *self, GError **error)
{
  g_return_if_fail (self->error != NULL);

  if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&self->error));
  else if (self->has_position)
    /* TRANSLATORS: where a file went wrong: file name, line, column, then what went wrong */
    g_set_error (error, self->error->domain, self->error->code, _("%s: line %d, column %d: %s"),
                 self->display_name, self->line, self->column, self->error->message);
  else
    /* TRANSLATORS: a file name, then what went wrong with it */
    g_set_error (error, self->error->domain, self->error->code, _("%s: %s"), self->display_name,
                 self->error->message);
  g_clear_error (&self->error);
}

const char *
sitmap_xml_input_get_display_name (SitmapXmlInput *self)
{
  return self->display_name;
}

/*
 * Reading
 */

void
sitmap_xml_init (void)
{
  static gsize initialized = 0;

  /* libxml2 wants its global state set up once, before threads use it. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* libxml2 reports some errors (input and output, encodings) to the thread's handler rather than the
 * reader's, and that one prints to stderr: while this input lives, they come here too. */
static void
install_thread_handler (SitmapXmlInput *self)
{
  self->previous_handler = xmlStructuredError;
  self->previous_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc (self, libxml_error_cb);
  self->handler_installed = TRUE;
}

SitmapXmlInput *
sitmap_xml_input_new (GBytes *bytes, const char *display_name, GCancellable *cancellable, GError **error)
{
  static const char *const roots[] = { "kml", NULL };

  return sitmap_xml_input_new_for_format (bytes, _("KML"), roots, display_name, cancellable, error);
}

SitmapXmlInput *
sitmap_xml_input_new_for_format (GBytes            *bytes,
                                 const char        *format_name,
                                 const char *const *roots,
                                 const char        *display_name,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autoptr (SitmapXmlInput) self = g_new0 (SitmapXmlInput, 1);
  g_auto (SitmapXmlProblem) problem = { 0 };
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format_name != NULL, NULL);
  g_return_val_if_fail (roots != NULL && roots[0] != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  sitmap_xml_init ();
  self->display_name = g_strdup (display_name ? display_name : _("Untitled"));
  self->format_name = format_name;
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  if (g_bytes_get_size (bytes) > G_MAXINT)
    sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_TOO_LARGE, _("the file is larger than 2 GB"));
  else if (!sitmap_xml_precheck (bytes, format_name, roots, &self->bytes, &problem))
    record_positioned_error (self, problem.line, problem.column, problem.code, problem.what);
  else
    {
      data = g_bytes_get_data (self->bytes, &size);
      install_thread_handler (self);
      self->reader = xmlReaderForMemory (data, (int) size, NULL, NULL, PARSE_OPTIONS);
      if (self->reader == NULL)
        sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file cannot be read as XML"));
      else
        xmlTextReaderSetStructuredErrorHandler (self->reader, libxml_error_cb, self);
    }
  if (self->error != NULL)
    {
      sitmap_xml_input_propagate_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
sitmap_xml_input_free (SitmapXmlInput *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  if (self->handler_installed)
    xmlSetStructuredErrorFunc (self->previous_context, self->previous_handler);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->display_name);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self);
}

static gboolean
check_cancelled (SitmapXmlInput *self)
{
  GError *error = NULL;

  if (++self->n_reads % CANCEL_CHECK_INTERVAL != 0 || !g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    return FALSE;
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
  return TRUE;
}

/* The next node of any kind; FALSE at the end of the document or on error. */
static gboolean
read_node (SitmapXmlInput *self)
{
  int ret, type;

  if (self->error != NULL || check_cancelled (self))
    return FALSE;
  ret = xmlTextReaderRead (self->reader);
  if (self->error != NULL)
    return FALSE;
  if (ret < 0)
    return sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the XML cannot be read"));
  if (ret == 0)
    return FALSE;

  type = xmlTextReaderNodeType (self->reader);
  if (type == XML_READER_TYPE_ELEMENT)
    {
      SitmapXmlMark mark = self->n_elements++;

      if (xmlTextReaderDepth (self->reader) >= SITMAP_XML_MAX_DEPTH)
        return sitmap_xml_input_fail (self, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                      _("the elements are nested more than %d deep"), SITMAP_XML_MAX_DEPTH);
    }
  else if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE)
    /* Unreachable after check_prolog(), kept so that a gap there cannot become an expansion. */
    return sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_UNSAFE,
                                        _("the document declares entities, which Sitmap does not expand"));
  return TRUE;
}

/* A second line behind the precheck: libxml2 must have read the text as the UTF-8 that was checked. */
static gboolean
check_encoding (SitmapXmlInput *self)
{
  const char *encoding = (const char *) xmlTextReaderConstEncoding (self->reader);
  g_autofree char *quoted = NULL;

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    return TRUE;
  quoted = sitmap_quote_text (encoding);
  return sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_UNSAFE,
                                      /* TRANSLATORS: %s is the name of a text encoding */
                                      _("the file was read in the text encoding “%s”, not in the one it was "
                                        "checked in"),
                                      quoted);
}

gboolean
sitmap_xml_input_read_root (SitmapXmlInput *self)
{
  while (read_node (self))
    if (xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_ELEMENT)
      return check_encoding (self);
  if (self->error == NULL)
    sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file holds no XML element"));
  return FALSE;
}

gboolean
sitmap_xml_input_read_end (SitmapXmlInput *self)
{
  while (read_node (self))
    ;
  return self->error == NULL;
}

void
sitmap_xml_input_children_begin (SitmapXmlInput *self, SitmapXmlChildren *children)
{
  children->depth = xmlTextReaderDepth (self->reader);
  children->done = self->error != NULL || xmlTextReaderIsEmptyElement (self->reader) == 1;
}

gboolean
sitmap_xml_input_children_next (SitmapXmlInput *self, SitmapXmlChildren *children)
{
  while (!children->done && read_node (self))
    {
      int type = xmlTextReaderNodeType (self->reader);
      int depth = xmlTextReaderDepth (self->reader);

      if (type == XML_READER_TYPE_END_ELEMENT && depth == children->depth)
        break;
      if (type == XML_READER_TYPE_ELEMENT && depth == children->depth + 1)
        return TRUE;
    }
  children->done = TRUE;
  return FALSE;
}

double
sitmap_xml_input_get_fraction (SitmapXmlInput *self)
{
  long consumed = self->reader ? xmlTextReaderByteConsumed (self->reader) : -1;
  gsize size = self->bytes ? g_bytes_get_size (self->bytes) : 0;

  if (consumed < 0 || size == 0)
    return 0;
  return MIN ((double) consumed / size, 1.0);
}

const char *
sitmap_xml_input_get_name (SitmapXmlInput *self)
{
  return (const char *) xmlTextReaderConstLocalName (self->reader);
}

const char *
sitmap_xml_input_get_namespace (SitmapXmlInput *self)
{
  return (const char *) xmlTextReaderConstNamespaceUri (self->reader);
}

const char *
sitmap_xml_input_get_prefix (SitmapXmlInput *self)
{
  return (const char *) xmlTextReaderConstPrefix (self->reader);
}

SitmapXmlMark
sitmap_xml_input_get_mark (SitmapXmlInput *self)
{
  return self->n_elements - 1;
}

guint
sitmap_xml_input_get_line (SitmapXmlInput *self)
{
  xmlNodePtr node = self->reader ? xmlTextReaderCurrentNode (self->reader) : NULL;
  long line = node ? xmlGetLineNo (node) : -1;

  return line > 0 && line <= G_MAXUINT ? (guint) line : 0;
}

char *
sitmap_xml_input_dup_attribute (SitmapXmlInput *self, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (self->reader, (const xmlChar *) name);
  char *copy = NULL;

  if (value != NULL && *value != '\0')
    copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

char *
sitmap_xml_input_read_text (SitmapXmlInput *self)
{
  return sitmap_xml_input_read_content (self, NULL, NULL);
}

/* A start tag with its attributes, or an end tag, into markup. */
static void
append_tag (SitmapXmlInput *self, GString *markup, gboolean end)
{
  const char *name = (const char *) xmlTextReaderConstName (self->reader);

  if (end)
    {
      g_string_append_printf (markup, "</%s>", name);
      return;
    }
  g_string_append_printf (markup, "<%s", name);
  while (xmlTextReaderMoveToNextAttribute (self->reader) == 1)
    {
      g_autofree char *value = g_markup_escape_text ((const char *) xmlTextReaderConstValue (self->reader), -1);

      g_string_append_printf (markup, " %s=\"%s\"", (const char *) xmlTextReaderConstName (self->reader), value);
    }
  xmlTextReaderMoveToElement (self->reader);
  g_string_append (markup, xmlTextReaderIsEmptyElement (self->reader) == 1 ? "/>" : ">");
}

char *
sitmap_xml_input_read_content (SitmapXmlInput *self, GString *markup, guint *n_elements)
{
  g_autoptr (GString) text = g_string_new (NULL);
  SitmapXmlMark mark = sitmap_xml_input_get_mark (self);
  g_autofree char *element = g_strdup (sitmap_xml_input_get_name (self));
  int depth = xmlTextReaderDepth (self->reader);
  gsize markup_start = markup ? markup->len : 0;

  if (n_elements != NULL)
    *n_elements = 0;
  if (xmlTextReaderIsEmptyElement (self->reader) == 1)
    return g_strdup ("");
  while (read_node (self))
    {
      int type = xmlTextReaderNodeType (self->reader);
      const char *value = NULL;
      gsize length = 0;

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (self->reader) == depth)
        return g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
      if (type == XML_READER_TYPE_ELEMENT && n_elements != NULL)
        (*n_elements)++;
      if (is_text_node (type))
        {
          value = (const char *) xmlTextReaderConstValue (self->reader);
          length = value ? strlen (value) : 0;
          g_string_append_len (text, value, length);
        }
      if (markup != NULL && (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT))
        append_tag (self, markup, type == XML_READER_TYPE_END_ELEMENT);
      else if (markup != NULL && value != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (value, length);

          g_string_append (markup, escaped);
        }
      if (text->len + (markup ? markup->len - markup_start : 0) > SITMAP_XML_MAX_TEXT_BYTES)
        {
          g_autofree char *quoted = sitmap_quote_text (element);

          sitmap_xml_input_fail (self, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                 /* TRANSLATORS: %s is an element name, %d a number of megabytes */
                                 _("the text of <%s> is longer than %d MB"), quoted,
                                 SITMAP_XML_MAX_TEXT_BYTES / (1024 * 1024));
          return NULL;
        }
    }
  return NULL;
}

gboolean
sitmap_xml_input_skip (SitmapXmlInput *self)
{
  int depth = xmlTextReaderDepth (self->reader);

  if (xmlTextReaderIsEmptyElement (self->reader) == 1)
    return TRUE;
  /* Node by node rather than xmlTextReaderNext(), so that every start tag is counted for error positions. */
  while (read_node (self))
    if (xmlTextReaderNodeType (self->reader) == XML_READER_TYPE_END_ELEMENT &&
        xmlTextReaderDepth (self->reader) == depth)
      return TRUE;
  return FALSE;
}
