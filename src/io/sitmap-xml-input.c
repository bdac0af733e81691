/* sitmap-xml-input.c: libxml2's SAX2 parser, turned into a pull reader that can run ahead in a thread
 *
 * libxml2's callbacks write what they see (start tags with their attributes, text, end tags) into a batch
 * of compact nodes, which the format's reader then walks as a stream. Below SITMAP_XML_THREAD_MIN_BYTES the
 * reader pushes the next chunk of text into libxml2 itself when it runs out of nodes; above it, a thread
 * parses while the reader interprets, a few batches apart. That thread lets libxml2 pull the text (it is
 * a quarter faster than being pushed chunks, which it must scan ahead for complete tags) and hands a batch
 * over from inside a callback once the batch is full. Nodes name elements
 * by the strings of the parser's dictionary, which live as long as the input, so that nothing is copied
 * but text and attribute values; the white space between tags rides on the next tag rather than making a
 * node of its own. An element is marked by where its start tag is in the text: lines and columns are
 * counted only for a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-xml-input"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-time.h"
#include "sitmap-xml-input.h"
#include "sitmap-xml-precheck.h"

/* NONET: never fetch anything. IGNORE_ENC: the text is the UTF-8 that sitmap_xml_precheck_prolog() made
 * and checked, whatever encoding its declaration names. Deliberately absent: NOENT, DTDLOAD, DTDATTR (entity
 * expansion and external DTDs) and HUGE (libxml2's own limits on text and names stay in force). */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC)
/* The longest description of libxml2's quoted in a message, in characters: it may quote names. */
#define MAX_LIBXML_MESSAGE_CHARS 200
/* A file's name in a message: whole, as long as any file system allows one. */
#define MAX_NAME_CHARS 1024
/* How often a long read looks at its cancellable, in nodes. */
#define CANCEL_CHECK_INTERVAL 4096
/* Bytes given to libxml2 at a time, and the nodes a batch gathers before it is handed over. */
#define CHUNK_SIZE      (64 * 1024)
#define BATCH_MIN_NODES 2048
/* Batches in flight between the parsing thread and the reader: the memory a read ahead may hold. */
#define N_BATCHES 4
/* Where an undeclared prefix leads: a namespace no format reads. */
static const char undeclared_namespace[] = "urn:x-sitmap:undeclared-prefix";

typedef enum
{
  NODE_START,
  NODE_END,
  NODE_TEXT,
} NodeType;

typedef struct
{
  guint8      type;
  guint16     depth;        /* of the element, the root's 0; a text's is its parent's */
  guint16     n_attributes; /* START */
  const char *name;         /* START, END: the local name, in the parser's dictionary */
  const char *prefix;       /* START, END: the prefix it is written with, NULL for none (for people only) */
  const char *ns;           /* START: the namespace, NULL for none */
  guint32     data;         /* START: the first attribute; TEXT: where its bytes are in the arena */
  guint32     length;       /* TEXT: its bytes; START, END: those of the white space before the tag */
  guint32     space;        /* START, END: where that white space is in the arena */
  guint64     offset;       /* START: where its start tag ends (its '>' or "/>") in the text */
} Node;

typedef struct
{
  const char *name;  /* local name, in the parser's dictionary */
  gboolean    plain; /* without a prefix */
  guint32     value; /* NUL-terminated, in the arena */
} Attribute;

/* Something the parser recovered from, said at offset (the '>' of a start tag) or at line and column. */
typedef struct
{
  guint64 offset;
  gsize   start;  /* of the start tag, once located */
  int     line;
  int     column;
  char   *text;   /* NULL for a link */
  char   *uri;
} Note;

/* Plain growing buffers rather than GArray: a callback appends to them for every node of the file. */
typedef struct
{
  Node       *nodes;
  guint       n_nodes;
  guint       nodes_size;
  Attribute  *attributes;
  guint       n_attributes;
  guint       attributes_size;
  guint8     *arena;      /* text and attribute values, each followed by a NUL */
  gsize       arena_len;
  gsize       arena_size;
  GArray     *notes;      /* Note, handed to the input with the batch */
  guint       next;       /* the next node to read */
  gboolean    last;       /* the parse ended with this batch */
  /* Why it ended early, said once its nodes are read */
  GError     *error;
  int         error_line; /* 0: at error_offset, or of the file as a whole when that is G_MAXUINT64 */
  int         error_column;
  guint64     error_offset;
} Batch;

typedef struct
{
  const char *prefix;
  const char *name;
} OpenElement;

/* What libxml2's callbacks write into: touched only by whoever parses (the parsing thread, if any). */
typedef struct
{
  xmlParserCtxtPtr   ctxt;
  const guint8      *data; /* the UTF-8 text */
  gsize              size;
  gsize              fed;  /* bytes given to libxml2 */
  /* The walk of the markup (sitmap_xml_precheck_markup()) that libxml2 is never given text ahead of: in the
   * parsing thread's mode the reader walks ahead too while it waits for nodes, so the lock. */
  GMutex             walk_lock;
  gsize              scanned;     /* where the walk has come to: the problem's offset once there is one */
  gboolean           has_problem;
  SitmapXmlProblem   problem;
  Batch             *batch;
  /* White space between tags, in the batch's arena, until the next node: it goes with the next tag rather
   * than into a node of its own (files have about as many such runs as elements) */
  guint32            space;
  guint32            space_length;
  /* The elements begun and not ended, for messages: no deeper than SITMAP_XML_MAX_DEPTH */
  OpenElement        open[SITMAP_XML_MAX_DEPTH];
  guint              n_open;
  const char *const *known_prefixes;
  GHashTable        *undeclared; /* prefixes already noted as undeclared (dictionary strings) */
  gboolean           failed;
  gboolean           done;
  /* In the parsing thread, libxml2 pulls the text, and full batches go to the reader from the callbacks */
  gboolean           pulling;
  GAsyncQueue       *full;  /* Batch: parsed, for the reader */
  GAsyncQueue       *empty; /* Batch: read, for the parser to fill again */
  int               *stop;  /* atomic: the reader wants no more */
} Parser;

struct _SitmapXmlInput
{
  GBytes       *bytes; /* the text, in UTF-8 */
  char         *display_name;
  GCancellable *cancellable;
  Parser        parser;
  gboolean      started;

  /* The parsing thread, when there is one */
  GThread      *thread;
  GAsyncQueue  *full;  /* Batch: parsed, for the reader */
  GAsyncQueue  *empty; /* Batch: read, for the parser to fill again */
  int           stop;  /* atomic: the reader wants no more */

  /* The reader's side */
  Batch        *batch;
  const Node   *node;       /* the current node, in batch */
  Node          element;    /* the last start tag read, kept when its batch is gone */
  gboolean      has_element;
  gboolean      on_element; /* node is that start tag: its attributes are at hand */
  guint         n_reads;
  GString      *text;
  gboolean      at_end;

  /* What was left out, and the links, for the report */
  GArray       *notes; /* Note */
  guint         n_dropped_notes;
  guint         n_dropped_links;
  guint         n_links;

  /* The first error, which ends the read */
  GError  *error;
  gboolean has_position;
  int      line;
  int      column;
};

/*
 * Positions: marks are offsets into the text, turned into lines and columns only when a message needs them
 */

static const guint8 *
text_data (SitmapXmlInput *self, gsize *size)
{
  return g_bytes_get_data (self->bytes, size);
}

/* The '<' that begins the start tag whose '>' is at offset. An attribute value cannot hold a raw '<'. */
static gsize
tag_start (const guint8 *data, gsize size, guint64 offset)
{
  gsize p = MIN (offset, size > 0 ? size - 1 : 0);

  while (p > 0 && data[p] != '<')
    p--;
  return p;
}

/* Advances a line and column count from byte from to byte to: lines at '\n', columns in characters. */
static void
count_position (const guint8 *data, gsize from, gsize to, int *line, int *column)
{
  for (gsize i = from; i < to; i++)
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

/* Where the text begins: past a UTF-8 byte order mark, which libxml2 does not count. */
static gsize
text_begins (const guint8 *data, gsize size)
{
  return size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void
sitmap_xml_input_locate (SitmapXmlInput *self, SitmapXmlMark mark, int *line, int *column)
{
  gsize size;
  const guint8 *data = text_data (self, &size);
  gsize begins = text_begins (data, size);

  *line = *column = 1;
  count_position (data, begins, MAX (tag_start (data, size, mark), begins), line, column);
}

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

gboolean
sitmap_xml_input_fail (SitmapXmlInput *self, SitmapXmlMark mark, int code, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;
  int line, column;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->error != NULL)
    return FALSE;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  sitmap_xml_input_locate (self, mark, &line, &column);
  return record_positioned_error (self, line, column, code, what);
}

gboolean
sitmap_xml_input_fail_whole (SitmapXmlInput *self, int code, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  g_return_val_if_fail (self != NULL, FALSE);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  return record_error (self, SITMAP_DOCUMENT_ERROR, code, what);
}

gboolean
sitmap_xml_input_failed (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->error != NULL;
}

void
sitmap_xml_input_propagate_error (SitmapXmlInput *self, GError **error)
{
  g_autofree char *name = NULL;

  g_return_if_fail (self->error != NULL);

  if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return;
    }
  name = sitmap_quote_text_max (self->display_name, MAX_NAME_CHARS);
  if (self->has_position)
    /* TRANSLATORS: where a file went wrong: file name, line, column, then what went wrong */
    g_set_error (error, self->error->domain, self->error->code, _("%s: line %d, column %d: %s"), name, self->line,
                 self->column, self->error->message);
  else
    /* TRANSLATORS: a file name, then what went wrong with it */
    g_set_error (error, self->error->domain, self->error->code, _("%s: %s"), name, self->error->message);
  g_clear_error (&self->error);
}

const char *
sitmap_xml_input_get_display_name (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_name;
}

/*
 * libxml2's errors, as the parser meets them
 */

/* Whether line and column are at the end of the text, where a cut-short file fails whatever libxml2 calls
 * the error. Counted in UTF-8 characters. */
static gboolean
is_at_end (Parser *parser, int line, int column)
{
  int lines = 1, last_line_characters = 0;

  for (gsize i = 0; i < parser->size; i++)
    {
      if (parser->data[i] == '\n')
        {
          lines++;
          last_line_characters = 0;
        }
      else if ((parser->data[i] & 0xC0) != 0x80)
        last_line_characters++;
    }
  return line == lines && column >= last_line_characters;
}

static guint64
current_offset (Parser *parser)
{
  xmlParserInputPtr input = parser->ctxt->input;

  return (guint64) input->consumed + (guint64) (input->cur - input->base);
}

static char *
qualified_name (const char *prefix, const char *name)
{
  return prefix ? g_strconcat (prefix, ":", name, NULL) : g_strdup (name);
}

/* The name of the end tag that ends before offset, as written: libxml2 names only its local part. */
static char *
written_end_tag (Parser *parser, guint64 offset)
{
  gsize p = MIN (offset, parser->size), end;

  while (p > 0 && !(parser->data[p - 1] == '<' && parser->data[p] == '/'))
    p--;
  if (p == 0)
    return NULL;
  end = ++p;
  while (end < parser->size && end - p < 256 && !g_ascii_isspace (parser->data[end]) && parser->data[end] != '>')
    end++;
  return g_strndup ((const char *) parser->data + p, end - p);
}

static char *
describe_mismatch (Parser *parser, const xmlError *error)
{
  const OpenElement *open = parser->n_open > 0 ? &parser->open[parser->n_open - 1] : NULL;
  g_autofree char *opened = open ? qualified_name (open->prefix, open->name) : g_strdup (error->str1);
  g_autofree char *closed = written_end_tag (parser, current_offset (parser));
  g_autofree char *quoted_opened = sitmap_quote_text (opened ? opened : "");
  g_autofree char *quoted_closed = sitmap_quote_text (closed ? closed : (error->str2 ? error->str2 : ""));

  /* TRANSLATORS: "the element <gx:Track> begun on line 12 is closed by </Track>" */
  return g_strdup_printf (_("the element <%s> begun on line %d is closed by </%s>"), quoted_opened, error->int1,
                          quoted_closed);
}

/* libxml2's own words are kept where they are clear enough; the usual failures get plain ones. Whatever
 * names or values it quotes are cut short and escaped, as ours are. */
static char *
describe_libxml_error (Parser *parser, const xmlError *error, int *code)
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
      return describe_mismatch (parser, error);
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

        return g_strdup_printf (_("the entity “&%s;” is not defined (XML defines only &amp; &lt; &gt; &quot; "
                                  "and &apos;, and Sitmap reads no others)"),
                                entity);
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

static void
parser_stop (Parser *parser)
{
  parser->failed = TRUE;
  xmlStopParser (parser->ctxt);
}

/* The failure that ends the parse, said with the batch in which it happened. */
static void
parser_record_failure (Parser *parser, int line, int column, guint64 offset, int code, const char *what)
{
  Batch *batch = parser->batch;

  batch->error = g_error_new_literal (SITMAP_DOCUMENT_ERROR, code, what);
  batch->error_line = line;
  batch->error_column = column;
  batch->error_offset = offset;
  parser->failed = TRUE;
}

static void
parser_fail (Parser *parser, int line, int column, guint64 offset, int code, const char *what)
{
  if (parser->failed)
    return;
  parser_record_failure (parser, line, column, offset, code, what);
  parser_stop (parser);
}

static void
parser_note (Parser *parser, guint64 offset, char *text)
{
  Note note = { 0 };

  note.offset = offset;
  note.text = text;
  g_array_append_val (parser->batch->notes, note);
}

/* What an XML namespace error leaves out: libxml2 goes on without the declaration or the prefix. */
static char *
describe_namespace_error (const xmlError *error)
{
  g_autofree char *prefix = sitmap_quote_text (error->str1 ? error->str1 : "");
  g_autofree char *name = sitmap_quote_text (error->str2 ? error->str2 : "");
  g_autofree char *element = sitmap_quote_text (error->str3 ? error->str3 : "");

  if (error->code == XML_NS_ERR_UNDEFINED_NAMESPACE && error->str3 != NULL)
    /* TRANSLATORS: "the prefix “xsi” of the attribute xsi:type on <Placemark> is not declared: …" */
    return g_strdup_printf (_("the prefix “%s” of the attribute %s:%s on <%s> is not declared: the attribute was "
                              "left out"),
                            prefix, prefix, name, element);
  /* libxml2 2.9 says so under XML_NS_ERR_XML_NAMESPACE, later ones under XML_NS_ERR_EMPTY */
  if (error->code == XML_NS_ERR_EMPTY || (error->message && strstr (error->message, "Empty XML namespace")))
    return g_strdup_printf (_("the prefix “%s” is declared with an empty namespace, which XML does not allow: "
                              "the declaration was left out"),
                            prefix);
  {
    g_autofree char *message = g_strchomp (sitmap_quote_text_max (error->message ? error->message : "",
                                                                  MAX_LIBXML_MESSAGE_CHARS));

    /* TRANSLATORS: %s is libxml2's English description of an error in XML namespaces */
    return g_strdup_printf (_("an XML namespace is used wrongly (%s): what it names was left out"), message);
  }
}

static void
parser_error_cb (void *user_data, xmlErrorPtr error)
{
  Parser *parser = user_data;
  g_autofree char *what = NULL;
  int code;

  if (error == NULL || error->level < XML_ERR_ERROR || parser->failed)
    return;
  if (error->domain == XML_FROM_NAMESPACE && error->level == XML_ERR_ERROR)
    {
      /* Recoverable: libxml2 reads on without the declaration or the namespace. An undeclared element
       * prefix is said once, where it is first met, by prefix_namespace(). */
      if (error->code != XML_NS_ERR_UNDEFINED_NAMESPACE || error->str3 != NULL)
        parser_note (parser, current_offset (parser), describe_namespace_error (error));
      return;
    }
  if (error->code != XML_ERR_NO_MEMORY && is_at_end (parser, error->line, error->int2))
    {
      parser_fail (parser, error->line, error->int2, 0, SITMAP_DOCUMENT_ERROR_MALFORMED,
                   _("the file ends before the document is complete: is it cut short?"));
      return;
    }
  what = describe_libxml_error (parser, error, &code);
  parser_fail (parser, error->line, error->int2, error->line > 0 ? 0 : G_MAXUINT64, code, what);
}

/*
 * Building nodes, in libxml2's callbacks
 */

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->nodes_size = BATCH_MIN_NODES * 4;
  batch->nodes = g_new (Node, batch->nodes_size);
  batch->attributes_size = 256;
  batch->attributes = g_new (Attribute, batch->attributes_size);
  batch->arena_size = CHUNK_SIZE * 2;
  batch->arena = g_malloc (batch->arena_size);
  batch->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  return batch;
}

static Node *
batch_add_node (Batch *batch)
{
  if (G_UNLIKELY (batch->n_nodes == batch->nodes_size))
    {
      batch->nodes_size *= 2;
      batch->nodes = g_renew (Node, batch->nodes, batch->nodes_size);
    }
  return &batch->nodes[batch->n_nodes++];
}

static Attribute *
batch_add_attribute (Batch *batch)
{
  if (G_UNLIKELY (batch->n_attributes == batch->attributes_size))
    {
      batch->attributes_size *= 2;
      batch->attributes = g_renew (Attribute, batch->attributes, batch->attributes_size);
    }
  return &batch->attributes[batch->n_attributes++];
}

/* Room for length more bytes in the arena; where they go. */
static guint8 *
arena_reserve (Batch *batch, gsize length)
{
  if (G_UNLIKELY (batch->arena_len + length > batch->arena_size))
    {
      while (batch->arena_len + length > batch->arena_size)
        batch->arena_size *= 2;
      batch->arena = g_realloc (batch->arena, batch->arena_size);
    }
  return batch->arena + batch->arena_len;
}

static void
note_clear (Note *note)
{
  g_free (note->text);
  g_free (note->uri);
}

static void
batch_reset (Batch *batch)
{
  batch->n_nodes = 0;
  batch->n_attributes = 0;
  batch->arena_len = 0;
  for (guint i = 0; i < batch->notes->len; i++)
    note_clear (&g_array_index (batch->notes, Note, i));
  g_array_set_size (batch->notes, 0);
  batch->next = 0;
  batch->last = FALSE;
  g_clear_error (&batch->error);
}

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;
  batch_reset (batch);
  g_free (batch->nodes);
  g_free (batch->attributes);
  g_free (batch->arena);
  g_array_unref (batch->notes);
  g_free (batch);
}

static guint32
arena_add (Batch *batch, const xmlChar *text, gsize length)
{
  guint32 at = batch->arena_len;
  guint8 *to = arena_reserve (batch, length + 1);

  memcpy (to, text, length);
  to[length] = '\0';
  batch->arena_len += length + 1;
  return at;
}

/* An attribute value as SAX2 gives it while entities are not replaced: a literal '&' stays "&#38;" (every
 * other reference is already replaced; no other entity can be declared). */
static guint32
arena_add_value (Batch *batch, const xmlChar *value, gsize length)
{
  guint32 at = batch->arena_len;
  const xmlChar *p = value, *end = value + length;
  guint8 *to;

  if (memchr (value, '&', length) == NULL)
    return arena_add (batch, value, length);
  to = arena_reserve (batch, length + 1);
  while (p < end)
    {
      const xmlChar *amp = memchr (p, '&', end - p);

      if (amp == NULL)
        amp = end;
      memcpy (to, p, amp - p);
      to += amp - p;
      if (amp == end)
        break;
      *to++ = '&';
      p = end - amp >= 5 && memcmp (amp, "&#38;", 5) == 0 ? amp + 5 : amp + 1;
    }
  *to++ = '\0';
  batch->arena_len = to - batch->arena;
  return at;
}

/* The namespace of an element whose prefix is not declared: the one a careless writer meant, when the
 * format knows the prefix, or none that any format reads. Said once per prefix, where it is first met. */
static const char *
prefix_namespace (Parser *parser, const char *prefix, const char *name, guint64 offset)
{
  const char *ns = undeclared_namespace;
  g_autofree char *quoted_prefix = NULL;
  g_autofree char *quoted_name = NULL;

  for (guint i = 0; parser->known_prefixes != NULL && parser->known_prefixes[i] != NULL; i += 2)
    if (strcmp (prefix, parser->known_prefixes[i]) == 0)
      ns = parser->known_prefixes[i + 1];
  if (parser->undeclared == NULL)
    parser->undeclared = g_hash_table_new (NULL, NULL);
  if (!g_hash_table_add (parser->undeclared, (gpointer) prefix))
    return ns;
  quoted_prefix = sitmap_quote_text (prefix);
  quoted_name = sitmap_quote_text (name);
  if (ns != undeclared_namespace)
    parser_note (parser, offset,
                 /* TRANSLATORS: "the prefix “gx” of <gx:Track> is not declared: it and every other element with
                  * that prefix were read as the usual gx, http://www.google.com/kml/ext/2.2" */
                 g_strdup_printf (_("the prefix “%s” of <%s:%s> is not declared: it and every other element with "
                                    "that prefix were read as the usual %s, %s"),
                                  quoted_prefix, quoted_prefix, quoted_name, quoted_prefix, ns));
  else
    parser_note (parser, offset,
                 g_strdup_printf (_("the prefix “%s” of <%s:%s> is not declared: it and every other element with "
                                    "that prefix were left out with everything in them"),
                                  quoted_prefix, quoted_prefix, quoted_name));
  return ns;
}

static void take_space (Parser *parser, Node *node);
static void hand_over_full_batch (Parser *parser);

static void
start_element_cb (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Parser *parser = user_data;
  Batch *batch;
  guint64 offset = current_offset (parser);
  OpenElement open;
  Node *node;

  hand_over_full_batch (parser);
  batch = parser->batch;
  if (parser->n_open >= SITMAP_XML_MAX_DEPTH)
    {
      g_autofree char *what = g_strdup_printf (_("the elements are nested more than %d deep"), SITMAP_XML_MAX_DEPTH);

      parser_fail (parser, 0, 0, offset, SITMAP_DOCUMENT_ERROR_TOO_LARGE, what);
      return;
    }
  /* A second line behind the precheck: libxml2 must read the text as the UTF-8 that was checked. */
  if (parser->n_open == 0 && parser->ctxt->input->buf != NULL && parser->ctxt->input->buf->encoder != NULL)
    {
      parser_fail (parser, 0, 0, G_MAXUINT64, SITMAP_DOCUMENT_ERROR_UNSAFE,
                   _("the file was read in another text encoding than the one it was checked in"));
      return;
    }
  node = batch_add_node (batch);
  node->type = NODE_START;
  node->offset = offset;
  node->depth = parser->n_open;
  node->name = (const char *) localname;
  node->prefix = (const char *) prefix;
  node->ns = (const char *) uri;
  take_space (parser, node);
  if (prefix != NULL && uri == NULL)
    node->ns = prefix_namespace (parser, (const char *) prefix, (const char *) localname, offset);
  node->data = batch->n_attributes;
  node->n_attributes = MIN (n_attributes, G_MAXUINT16);
  for (int i = 0; i < node->n_attributes; i++)
    {
      const xmlChar **a = &attributes[5 * i];
      Attribute *attribute = batch_add_attribute (batch);

      attribute->name = (const char *) a[0];
      attribute->plain = a[1] == NULL;
      attribute->value = arena_add_value (batch, a[3], a[4] - a[3]);
    }
  open.prefix = (const char *) prefix;
  open.name = (const char *) localname;
  parser->open[parser->n_open++] = open;
}

static void
end_element_cb (void *user_data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  Parser *parser = user_data;
  Node *node;

  if (parser->n_open == 0)
    return;
  hand_over_full_batch (parser);
  parser->n_open--;
  node = batch_add_node (parser->batch);
  node->type = NODE_END;
  node->depth = parser->n_open;
  node->name = (const char *) localname;
  node->prefix = (const char *) prefix;
  take_space (parser, node);
}

static gboolean
is_space_only (const xmlChar *text, int length)
{
  for (int i = 0; i < length; i++)
    if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Appends to the arena's last bytes, which end with their NUL. */
static void
arena_extend (Batch *batch, const xmlChar *text, gsize length)
{
  batch->arena_len--;
  arena_add (batch, text, length);
}

/* The white space before a tag goes with it. */
static void
take_space (Parser *parser, Node *node)
{
  node->space = parser->space;
  node->length = parser->space_length;
  parser->space_length = 0;
}

/* White space left before the end of a batch is a node of its own: nothing is lost between batches. */
static void
flush_space (Parser *parser)
{
  Node *node;

  if (parser->space_length == 0 || parser->n_open == 0)
    {
      parser->space_length = 0;
      return;
    }
  node = batch_add_node (parser->batch);
  node->type = NODE_TEXT;
  node->depth = parser->n_open - 1;
  node->data = parser->space;
  node->length = parser->space_length;
  parser->space_length = 0;
}

static void
characters_cb (void *user_data, const xmlChar *text, int length)
{
  Parser *parser = user_data;
  Batch *batch = parser->batch;
  Node *last = batch->n_nodes > 0 ? &batch->nodes[batch->n_nodes - 1] : NULL;
  Node *node;

  if (length <= 0 || parser->n_open == 0)
    return;
  /* Text that libxml2 hands over in pieces is one node: its bytes end the arena, before their NUL. */
  if (parser->space_length == 0 && last != NULL && last->type == NODE_TEXT &&
      last->data + last->length + 1 == batch->arena_len && (gsize) last->length + length < G_MAXUINT32)
    {
      arena_extend (batch, text, length);
      last->length += length;
      return;
    }
  if (is_space_only (text, length) && (gsize) parser->space_length + length < G_MAXUINT32)
    {
      if (parser->space_length > 0)
        arena_extend (batch, text, length);
      else
        parser->space = arena_add (batch, text, length);
      parser->space_length += length;
      return;
    }
  node = batch_add_node (batch);
  node->type = NODE_TEXT;
  node->depth = parser->n_open - 1;
  node->length = length;
  /* Text after white space begins with it: the space's bytes end the arena */
  if (parser->space_length > 0)
    {
      node->data = parser->space;
      node->length += parser->space_length;
      parser->space_length = 0;
      arena_extend (batch, text, length);
    }
  else
    node->data = arena_add (batch, text, length);
}

/*
 * Parsing, a chunk at a time, into a batch
 */

/* libxml2 reports some errors (input and output, encodings) to the thread's handler rather than the
 * parser's, and that one prints to stderr: while a chunk is parsed, they come here too. */
static void
parse_chunk (Parser *parser, const char *data, gsize length, gboolean terminate)
{
  xmlStructuredErrorFunc previous_handler = xmlStructuredError;
  void *previous_context = xmlStructuredErrorContext;

  xmlSetStructuredErrorFunc (parser, parser_error_cb);
  xmlParseChunk (parser->ctxt, data, (int) length, terminate);
  xmlSetStructuredErrorFunc (previous_context, previous_handler);
}

/* In the parsing thread, between two nodes: a full batch goes to the reader, and an empty one comes back
 * (or the reader's wish to stop, which ends the parse). Text and white space never straddle the hand-over:
 * white space still waiting for its tag becomes a node of the full batch. */
static void
hand_over_full_batch (Parser *parser)
{
  if (!parser->pulling || parser->batch->n_nodes < BATCH_MIN_NODES)
    return;
  flush_space (parser);
  g_async_queue_push (parser->full, parser->batch);
  /* The batch is the reader's from here on: not to be touched */
  parser->batch = g_async_queue_pop (parser->empty);
  batch_reset (parser->batch);
  if (g_atomic_int_get (parser->stop))
    parser_stop (parser);
}

/* Walks the markup up to until, unless it has been already: TRUE when the text before until may be given to
 * libxml2. A problem found further on by a walk ahead does not stop the text before it. */
static gboolean
walk_markup (Parser *parser, gsize until)
{
  gboolean fine;

  g_mutex_lock (&parser->walk_lock);
  if (!parser->has_problem && parser->scanned < until)
    parser->has_problem = !sitmap_xml_precheck_markup (parser->data, parser->size, &parser->scanned, until,
                                                       &parser->problem);
  fine = !parser->has_problem || until <= parser->scanned;
  g_mutex_unlock (&parser->walk_lock);
  return fine;
}

/* The reader's part of the walk, while it has no nodes to read: the next stretch, if any is left. */
#define WALK_AHEAD_STEP (256 * 1024)

static gboolean
walk_ahead (Parser *parser)
{
  gsize until;

  g_mutex_lock (&parser->walk_lock);
  until = parser->has_problem ? 0 : MIN (parser->scanned + WALK_AHEAD_STEP, parser->size);
  g_mutex_unlock (&parser->walk_lock);
  if (until == 0 || !walk_markup (parser, until))
    return FALSE;
  return until < parser->size;
}

/* The problem the walk found, as the failure of the parse. */
static void
parser_record_walk_failure (Parser *parser)
{
  parser_record_failure (parser, parser->problem.line, parser->problem.column, 0, parser->problem.code,
                         parser->problem.what);
}

/* libxml2 asks for the text a few kilobytes at a time: what it is given has had its markup walked first. */
static int
pull_text_cb (void *user_data, char *buffer, int size)
{
  Parser *parser = user_data;
  gsize length = MIN ((gsize) MAX (size, 0), parser->size - parser->fed);

  if (parser->failed || g_atomic_int_get (parser->stop))
    return -1;
  /* Not xmlStopParser() from inside its read: libxml2 2.9 then grows an input it has just freed. A failed
   * read stops it as well. */
  if (!walk_markup (parser, parser->fed + length))
    {
      parser_record_walk_failure (parser);
      return -1;
    }
  memcpy (buffer, parser->data + parser->fed, length);
  parser->fed += length;
  return (int) length;
}

static gboolean
parser_begin (Parser *parser)
{
  xmlSAXHandler sax = { 0 };
  gsize head = MIN (parser->size, 4);

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element_cb;
  sax.endElementNs = end_element_cb;
  sax.characters = characters_cb;
  sax.ignorableWhitespace = characters_cb;
  sax.serror = parser_error_cb;
  if (parser->pulling)
    parser->ctxt = xmlCreateIOParserCtxt (&sax, parser, pull_text_cb, NULL, parser, XML_CHAR_ENCODING_NONE);
  else
    /* The first bytes go in with the context so that it can detect the encoding, as libxml2 advises. */
    parser->ctxt = xmlCreatePushParserCtxt (&sax, parser, (const char *) parser->data, (int) head, NULL);
  if (parser->ctxt == NULL)
    return FALSE;
  xmlCtxtUseOptions (parser->ctxt, PARSE_OPTIONS);
  parser->fed = parser->pulling ? 0 : head;
  return TRUE;
}

/* Parses into batch until it holds enough nodes, the text ends, or the parse fails. */
static void
parser_fill (Parser *parser, Batch *batch)
{
  parser->batch = batch;
  while (!parser->done && batch->n_nodes < BATCH_MIN_NODES)
    {
      gsize length = MIN (CHUNK_SIZE, parser->size - parser->fed);
      gboolean terminate = parser->fed + length == parser->size;

      /* What libxml2 must not be given, or would name wrongly, is found before it parses it. */
      if (!walk_markup (parser, parser->fed + length))
        {
          parser_record_walk_failure (parser);
          parser_stop (parser);
          parser->done = TRUE;
          break;
        }

      parse_chunk (parser, (const char *) parser->data + parser->fed, length, terminate);
      parser->fed += length;
      parser->done = terminate || parser->failed;
    }
  flush_space (parser);
  batch->last = parser->done;
  parser->batch = NULL;
}

static void
parser_clear (Parser *parser)
{
  if (parser->ctxt != NULL)
    xmlFreeParserCtxt (parser->ctxt);
  parser->ctxt = NULL;
  sitmap_xml_problem_clear (&parser->problem);
  g_clear_pointer (&parser->undeclared, g_hash_table_unref);
}

/* The whole parse, in one call of libxml2's: the callbacks hand the batches over as they fill. */
static gpointer
parse_thread (gpointer data)
{
  Parser *parser = data;
  xmlStructuredErrorFunc previous_handler = xmlStructuredError;
  void *previous_context = xmlStructuredErrorContext;

  parser->batch = g_async_queue_pop (parser->empty);
  batch_reset (parser->batch);
  if (!g_atomic_int_get (parser->stop))
    {
      /* libxml2 reports some errors (input and output, encodings) to the thread's handler rather than the
       * parser's, and that one prints to stderr */
      xmlSetStructuredErrorFunc (parser, parser_error_cb);
      xmlParseDocument (parser->ctxt);
      xmlSetStructuredErrorFunc (previous_context, previous_handler);
    }
  flush_space (parser);
  parser->done = TRUE;
  parser->batch->last = TRUE;
  g_async_queue_push (parser->full, g_steal_pointer (&parser->batch));
  return NULL;
}

/*
 * Reading: the reader's side
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

SitmapXmlInput *
sitmap_xml_input_new (GBytes            *bytes,
                      const char        *display_name,
                      const char        *format_name,
                      const char *const *roots,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr (SitmapXmlInput) self = g_new0 (SitmapXmlInput, 1);
  g_auto (SitmapXmlProblem) problem = { 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format_name != NULL, NULL);
  g_return_val_if_fail (roots != NULL && roots[0] != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  sitmap_xml_init ();
  g_mutex_init (&self->parser.walk_lock);
  self->display_name = g_strdup (display_name ? display_name : _("Untitled"));
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->text = g_string_new (NULL);
  self->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  g_array_set_clear_func (self->notes, (GDestroyNotify) note_clear);

  if (g_bytes_get_size (bytes) > G_MAXINT)
    sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_TOO_LARGE, _("the file is larger than 2 GB"));
  else if (!sitmap_xml_precheck_prolog (bytes, format_name, roots, &self->bytes, &problem))
    record_positioned_error (self, problem.line, problem.column, problem.code, problem.what);
  if (self->error != NULL)
    {
      sitmap_xml_input_propagate_error (self, error);
      return NULL;
    }
  self->parser.data = text_data (self, &self->parser.size);
  return g_steal_pointer (&self);
}

void
sitmap_xml_input_set_known_prefixes (SitmapXmlInput *self, const char *const *prefixes)
{
  g_return_if_fail (!self->started);

  self->parser.known_prefixes = prefixes;
}

static void
drain_queue (GAsyncQueue *queue)
{
  Batch *batch;

  while ((batch = g_async_queue_try_pop (queue)) != NULL)
    batch_free (batch);
}

static void
stop_thread (SitmapXmlInput *self)
{
  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stop, 1);
  /* The parser may be waiting for an empty batch: give it one, so that it sees it must stop. */
  g_async_queue_push (self->empty, batch_new ());
  g_thread_join (g_steal_pointer (&self->thread));
  drain_queue (self->full);
  drain_queue (self->empty);
}

void
sitmap_xml_input_free (SitmapXmlInput *self)
{
  if (self == NULL)
    return;
  stop_thread (self);
  g_clear_pointer (&self->full, g_async_queue_unref);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  batch_free (self->batch);
  /* Last: nodes name elements with the strings of the parser's dictionary. */
  parser_clear (&self->parser);
  g_mutex_clear (&self->parser.walk_lock);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->display_name);
  g_clear_object (&self->cancellable);
  g_string_free (self->text, TRUE);
  g_array_unref (self->notes);
  g_clear_error (&self->error);
  g_free (self);
}

/* Starts the parse: in a thread for a large text, so that libxml2 runs on one core and the reader on the
 * other. Either way, the reader sees the same batches. */
static gboolean
start_parsing (SitmapXmlInput *self)
{
  Parser *parser = &self->parser;

  self->started = TRUE;
  parser->pulling = parser->size >= SITMAP_XML_THREAD_MIN_BYTES;
  if (!parser_begin (parser))
    return sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file cannot be read as XML"));
  if (!parser->pulling)
    return TRUE;
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  parser->full = self->full;
  parser->empty = self->empty;
  parser->stop = &self->stop;
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (self->empty, batch_new ());
  self->thread = g_thread_try_new ("sitmap-xml", parse_thread, parser, NULL);
  if (self->thread != NULL)
    return TRUE;
  /* No thread: the reader pushes the text into libxml2 as it goes, as for a small file. */
  drain_queue (self->empty);
  g_clear_pointer (&self->full, g_async_queue_unref);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  parser->full = parser->empty = NULL;
  parser->stop = NULL;
  parser_clear (parser);
  parser->pulling = FALSE;
  if (!parser_begin (parser))
    return sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file cannot be read as XML"));
  return TRUE;
}

static void
take_notes (SitmapXmlInput *self, Batch *batch)
{
  for (guint i = 0; i < batch->notes->len; i++)
    {
      Note *note = &g_array_index (batch->notes, Note, i);

      if (self->notes->len < SITMAP_IMPORT_REPORT_MAX_KEPT)
        {
          g_array_append_val (self->notes, *note);
          memset (note, 0, sizeof *note);
        }
      else
        self->n_dropped_notes++;
    }
}

/* The next batch of nodes, parsed here or taken from the parsing thread. */
static Batch *
next_batch (SitmapXmlInput *self)
{
  Batch *batch;

  if (self->thread == NULL)
    {
      batch = self->batch ? self->batch : batch_new ();
      batch_reset (batch);
      parser_fill (&self->parser, batch);
      return batch;
    }
  if (self->batch != NULL)
    g_async_queue_push (self->empty, self->batch);
  /* Rather than wait for the parser, walk the markup ahead of it: that much less for its thread to do */
  while ((batch = g_async_queue_try_pop (self->full)) == NULL)
    if (!walk_ahead (&self->parser))
      return g_async_queue_pop (self->full);
  return batch;
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

/* The error that ended the parse, once every node before it has been read. */
static gboolean
take_batch_error (SitmapXmlInput *self, Batch *batch)
{
  int line = batch->error_line, column = batch->error_column;

  if (batch->error_offset == G_MAXUINT64)
    return record_error (self, batch->error->domain, batch->error->code, batch->error->message);
  if (line == 0)
    sitmap_xml_input_locate (self, batch->error_offset, &line, &column);
  return record_positioned_error (self, line, column, batch->error->code, batch->error->message);
}

/* The next node of any kind; FALSE at the end of the document or on error. */
static gboolean
read_node (SitmapXmlInput *self)
{
  if (self->error != NULL || self->at_end || check_cancelled (self))
    return FALSE;
  while (self->batch == NULL || self->batch->next == self->batch->n_nodes)
    {
      if (self->batch != NULL && self->batch->last)
        {
          self->at_end = TRUE;
          self->node = NULL;
          self->on_element = FALSE;
          if (self->batch->error != NULL)
            return take_batch_error (self, self->batch);
          return FALSE;
        }
      self->node = NULL;
      self->on_element = FALSE;
      self->batch = next_batch (self);
      take_notes (self, self->batch);
    }
  self->node = &self->batch->nodes[self->batch->next++];
  self->on_element = self->node->type == NODE_START;
  if (self->on_element)
    {
      self->element = *self->node;
      self->has_element = TRUE;
    }
  return TRUE;
}

gboolean
sitmap_xml_input_read_root (SitmapXmlInput *self)
{
  g_return_val_if_fail (!self->started, FALSE);

  if (!start_parsing (self))
    return FALSE;
  while (read_node (self))
    if (self->node->type == NODE_START)
      return TRUE;
  if (self->error == NULL)
    sitmap_xml_input_fail_whole (self, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the file holds no XML element"));
  return FALSE;
}

gboolean
sitmap_xml_input_read_end (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (read_node (self))
    ;
  return self->error == NULL;
}

/* Whether the current node ends the element at depth. */
static gboolean
ends (const Node *node, int depth)
{
  return node->type == NODE_END && node->depth == depth;
}

void
sitmap_xml_input_children_begin (SitmapXmlInput *self, SitmapXmlChildren *children)
{
  g_return_if_fail (self != NULL);

  children->depth = self->element.depth;
  children->done = self->error != NULL;
}

gboolean
sitmap_xml_input_children_next (SitmapXmlInput *self, SitmapXmlChildren *children)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* The current element may be the parent itself (no child read yet) or an end already reached. */
  if (!children->done && self->node != NULL && ends (self->node, children->depth))
    children->done = TRUE;
  while (!children->done && read_node (self))
    {
      if (ends (self->node, children->depth))
        break;
      if (self->node->type == NODE_START && self->node->depth == children->depth + 1)
        return TRUE;
    }
  children->done = TRUE;
  return FALSE;
}

double
sitmap_xml_input_get_fraction (SitmapXmlInput *self)
{
  if (self->parser.size == 0 || !self->has_element)
    return 0;
  return MIN ((double) self->element.offset / self->parser.size, 1.0);
}

const char *
sitmap_xml_input_get_name (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_element ? self->element.name : "";
}

const char *
sitmap_xml_input_get_namespace (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_element ? self->element.ns : NULL;
}

const char *
sitmap_xml_input_get_prefix (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_element ? self->element.prefix : NULL;
}

SitmapXmlMark
sitmap_xml_input_get_mark (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->has_element ? self->element.offset : 0;
}

char *
sitmap_xml_input_dup_attribute (SitmapXmlInput *self, const char *name)
{
  const Node *element = &self->element;

  /* Attributes are read on the start tag: its batch may be gone after. */
  g_return_val_if_fail (self->on_element, NULL);

  for (guint i = 0; i < element->n_attributes; i++)
    {
      const Attribute *attribute = &self->batch->attributes[element->data + i];
      const char *value = (const char *) self->batch->arena + attribute->value;

      if (attribute->plain && strcmp (attribute->name, name) == 0)
        return *value != '\0' ? g_strdup (value) : NULL;
    }
  return NULL;
}

/* Reads the text of the current element into self->text, untrimmed; FALSE on error. */
static gboolean
gather_text (SitmapXmlInput *self)
{
  int depth = self->element.depth;
  SitmapXmlMark mark = self->element.offset;
  const char *name = self->element.name;

  g_string_truncate (self->text, 0);
  g_return_val_if_fail (self->on_element || self->error != NULL, FALSE);
  if (self->error != NULL)
    return FALSE;
  while (read_node (self))
    {
      const Node *node = self->node;

      if (ends (node, depth))
        return TRUE;
      /* White space between the element's own child elements is part of its text ("<b>a</b> <i>b</i>") */
      if (node->type == NODE_TEXT || node->length > 0)
        {
          if (self->text->len + node->length > SITMAP_XML_MAX_TEXT_BYTES)
            {
              g_autofree char *quoted = sitmap_quote_text (name);

              return sitmap_xml_input_fail (self, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                            /* TRANSLATORS: %s is an element name, %d a number of megabytes */
                                            _("the text of <%s> is longer than %d MB"), quoted,
                                            SITMAP_XML_MAX_TEXT_BYTES / (1024 * 1024));
            }
          g_string_append_len (self->text,
                               (const char *) self->batch->arena + (node->type == NODE_TEXT ? node->data : node->space),
                               node->length);
        }
    }
  return FALSE;
}

const char *
sitmap_xml_input_read_text_shared (SitmapXmlInput *self)
{
  gsize start = 0, end;

  g_return_val_if_fail (self != NULL, NULL);

  if (!gather_text (self))
    return NULL;
  end = self->text->len;
  while (end > 0 && g_ascii_isspace (self->text->str[end - 1]))
    end--;
  while (start < end && g_ascii_isspace (self->text->str[start]))
    start++;
  self->text->str[end] = '\0';
  self->text->len = end;
  return self->text->str + start;
}

char *
sitmap_xml_input_read_text (SitmapXmlInput *self)
{
  const char *text = sitmap_xml_input_read_text_shared (self);

  return text ? g_strdup (text) : NULL;
}

/* A tag as markup: "<prefix:name a="v">" or "</prefix:name>". */
static void
append_tag (SitmapXmlInput *self, const Node *node, GString *markup)
{
  g_string_append_c (markup, '<');
  if (node->type == NODE_END)
    g_string_append_c (markup, '/');
  if (node->prefix != NULL)
    g_string_append_printf (markup, "%s:", node->prefix);
  g_string_append (markup, node->name);
  for (guint i = 0; node->type == NODE_START && i < node->n_attributes; i++)
    {
      const Attribute *attribute = &self->batch->attributes[node->data + i];
      g_autofree char *value = g_markup_escape_text ((const char *) self->batch->arena + attribute->value, -1);

      g_string_append_printf (markup, " %s=\"%s\"", attribute->name, value);
    }
  g_string_append_c (markup, '>');
}

char *
sitmap_xml_input_read_content (SitmapXmlInput *self, GString *markup, guint *n_elements)
{
  int depth = self->element.depth;
  SitmapXmlMark mark = self->element.offset;
  const char *name = self->element.name;
  gsize start = 0, end, markup_start = markup ? markup->len : 0;
  guint n = 0;

  g_string_truncate (self->text, 0);
  g_return_val_if_fail (self->on_element || self->error != NULL, NULL);
  if (self->error != NULL)
    return NULL;
  while (read_node (self))
    {
      const Node *node = self->node;
      const char *text = (const char *) self->batch->arena + (node->type == NODE_TEXT ? node->data : node->space);

      if (node->type != NODE_TEXT && node->length == 0 && ends (node, depth))
        break;
      if (self->text->len + node->length + (markup ? markup->len - markup_start : 0) > SITMAP_XML_MAX_TEXT_BYTES)
        {
          g_autofree char *quoted = sitmap_quote_text (name);

          sitmap_xml_input_fail (self, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                 _("the text of <%s> is longer than %d MB"), quoted,
                                 SITMAP_XML_MAX_TEXT_BYTES / (1024 * 1024));
          return NULL;
        }
      /* The text, and the white space before a tag, which is part of the element's text */
      g_string_append_len (self->text, text, node->length);
      if (markup != NULL && node->length > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (text, node->length);

          g_string_append (markup, escaped);
        }
      if (ends (node, depth))
        break;
      n += node->type == NODE_START;
      if (markup != NULL && node->type != NODE_TEXT)
        append_tag (self, node, markup);
    }
  if (self->error != NULL || self->node == NULL)
    return NULL;
  if (n_elements != NULL)
    *n_elements = n;
  end = self->text->len;
  while (end > 0 && g_ascii_isspace (self->text->str[end - 1]))
    end--;
  while (start < end && g_ascii_isspace (self->text->str[start]))
    start++;
  return g_strndup (self->text->str + start, end - start);
}

gboolean
sitmap_xml_input_skip (SitmapXmlInput *self)
{
  int depth = self->element.depth;

  g_return_val_if_fail (self->on_element || self->error != NULL, FALSE);
  while (read_node (self))
    if (ends (self->node, depth))
      return TRUE;
  return FALSE;
}

/*
 * Notes and links, for the report
 */

void
sitmap_xml_input_note (SitmapXmlInput *self, SitmapXmlMark mark, const char *format, ...)
{
  Note note = { 0 };
  va_list args;

  g_return_if_fail (self != NULL);

  if (self->notes->len >= SITMAP_IMPORT_REPORT_MAX_KEPT)
    {
      self->n_dropped_notes++;
      return;
    }
  note.offset = mark;
  va_start (args, format);
  note.text = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (self->notes, note);
}

void
sitmap_xml_input_note_link (SitmapXmlInput *self, SitmapXmlMark mark, const char *uri)
{
  Note note = { 0 };

  g_return_if_fail (self != NULL);

  /* As many links as skipped records are kept; more are only counted. */
  if (self->n_links >= SITMAP_IMPORT_REPORT_MAX_KEPT)
    {
      self->n_dropped_links++;
      return;
    }
  self->n_links++;
  note.offset = mark;
  note.uri = g_strdup (uri);
  g_array_append_val (self->notes, note);
}

guint
sitmap_xml_input_get_n_notes (SitmapXmlInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->notes->len - self->n_links + self->n_dropped_notes;
}

static int
compare_note_starts (gconstpointer a, gconstpointer b)
{
  const Note *na = a, *nb = b;

  return na->start < nb->start ? -1 : na->start > nb->start;
}

/* Lines and columns of every note, in one pass over the text, and the notes in document order. */
static void
locate_notes (SitmapXmlInput *self)
{
  gsize size, at;
  const guint8 *data = text_data (self, &size);
  int line = 1, column = 1;

  for (guint i = 0; i < self->notes->len; i++)
    {
      Note *note = &g_array_index (self->notes, Note, i);

      note->start = tag_start (data, size, note->offset);
    }
  /* Stable: what was said of one element stays in the order it was said. */
  g_array_sort (self->notes, compare_note_starts);
  at = text_begins (data, size);
  for (guint i = 0; i < self->notes->len; i++)
    {
      Note *note = &g_array_index (self->notes, Note, i);

      count_position (data, at, MAX (note->start, at), &line, &column);
      at = MAX (note->start, at);
      note->line = line;
      note->column = column;
    }
}

void
sitmap_xml_input_report (SitmapXmlInput *self, SitmapImport *import)
{
  g_return_if_fail (import != NULL);

  locate_notes (self);
  for (guint i = 0; i < self->notes->len; i++)
    {
      const Note *note = &g_array_index (self->notes, Note, i);

      if (note->uri != NULL)
        sitmap_import_add_link (import, note->line, note->uri);
      else
        sitmap_import_skip (import, note->line, note->column, "%s", note->text);
    }
  for (guint i = 0; i < self->n_dropped_notes; i++)
    sitmap_import_skip (import, 0, 0, "%s", "");
  if (self->n_dropped_links > 0)
    sitmap_import_skip (import, 0, 0,
                        g_dngettext (GETTEXT_PACKAGE, "%u more link was not listed", "%u more links were not listed",
                                     self->n_dropped_links),
                        self->n_dropped_links);
}
