/* sitmap-json-scan.c: a strict, iterative JSON lexer and structure check, in one pass
 *
 * json-glib 1.6 parses recursively, with no limit on depth, and is lenient where a reader must not be: it takes
 * comments, single quotes, leading zeros and text after the value, wraps integers beyond 64 bits round
 * silently, cuts text at \u0000 and makes invalid UTF-8 of a lone surrogate. This scan runs first, refuses
 * what is not JSON with its position, and finds the values json-glib is then given one at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-json-scan"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-json-scan.h"
#include "sitmap-time.h"

/* How often a long scan reports progress and looks at its cancellable, in bytes */
#define CHECK_INTERVAL (8 * 1024 * 1024)
/* Objects with more members than this find repeated names through a hash table, fewer by comparing. */
#define LINEAR_KEYS 32

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_END, /* after '[' */
  EXPECT_KEY_OR_END,   /* after '{' */
  EXPECT_KEY,          /* after ',' in an object */
  EXPECT_COLON,
  EXPECT_COMMA_OR_END,
  EXPECT_NOTHING,      /* after the root value */
} Expect;

typedef struct
{
  const char *text; /* the name, decoded; into the data when it has no escapes */
  gsize       length;
  guint       hash;
} Key;

typedef struct
{
  char        kind;        /* '{' or '[' */
  gsize       start;
  guint       first_key;   /* index into Scanner.keys */
  GHashTable *key_set;     /* made once an object has more than LINEAR_KEYS members */
  gboolean    is_features; /* the array whose elements are the features */
} Frame;

typedef struct
{
  const char        *data;
  gsize              length;
  gsize              pos;
  SitmapJsonScan    *scan;
  SitmapJsonProblem *problem;
  GArray            *stack;      /* Frame */
  GArray            *keys;       /* Key, of the open objects, innermost last */
  GPtrArray         *owned_keys; /* decoded names with escapes, freed with their object */
  GArray            *owned_marks; /* guint: owned_keys->len when each open object began */
  char              *last_key;   /* of the root object: the member whose value comes next */
  gsize              last_key_at;
  /* The value being read at the root object's top level and in the features array */
  SitmapJsonSpan     member;
  SitmapJsonSpan     feature;
  gboolean           in_member;
  gboolean           in_feature;
} Scanner;

static guint utf8_sequence_length (const guchar *p, gsize available);

/*
 * Problems
 */

static gboolean G_GNUC_PRINTF (4, 5)
fail (Scanner *self, gsize offset, int code, const char *format, ...)
{
  va_list args;

  if (self->problem->what != NULL)
    return FALSE;
  self->problem->code = code;
  self->problem->offset = offset;
  va_start (args, format);
  self->problem->what = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
fail_unexpected (Scanner *self, gsize at)
{
  const char *p = self->data + at;
  char c = at < self->length ? *p : '\0';
  g_autofree char *quoted = NULL;

  if (at >= self->length)
    return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED,
                 "%s", _("the file ends before the JSON is complete: is it cut short?"));
  if (c == '/')
    return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s", _("JSON has no comments"));
  if (c == '\'')
    return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                 _("text is in single quotes, but JSON writes text in double quotes"));
  if ((self->length - at >= 3 && memcmp (p, "NaN", 3) == 0) ||
      (self->length - at >= 8 && memcmp (p, "Infinity", 8) == 0) ||
      (self->length - at >= 9 && memcmp (p, "-Infinity", 9) == 0))
    return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s", _("NaN and Infinity are not numbers in JSON"));
  if ((guchar) c < 0x80 && g_ascii_isprint (c))
    quoted = g_strdup_printf ("%c", c);
  else if ((guchar) c < 0x80)
    quoted = g_strdup_printf ("U+%04X", (guint) (guchar) c);
  else if (utf8_sequence_length ((const guchar *) p, self->length - at) == 0)
    return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                 _("the text is not valid UTF-8: GeoJSON is always UTF-8, and this file may be in another "
                   "encoding"));
  else
    quoted = g_strdup_printf ("U+%04X", g_utf8_get_char (p));
  /* TRANSLATORS: %s is a character, such as "x" or U+00A0 */
  return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, _("the character “%s” is not JSON here"), quoted);
}

/*
 * Positions
 */

void
sitmap_json_position_advance (SitmapJsonPosition *cursor, const char *data, gsize offset)
{
  g_return_if_fail (cursor != NULL);

  if (cursor->line == 0)
    {
      cursor->line = cursor->column = 1;
      cursor->offset = 0;
      /* A byte order mark takes no column */
      if (offset >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        cursor->offset = 3;
    }
  for (gsize i = cursor->offset; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          cursor->line++;
          cursor->column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        cursor->column++;
    }
  cursor->offset = MAX (cursor->offset, offset);
}

/*
 * Flags and repeated names, kept for the value they belong to
 */

static void
flag (Scanner *self, guint flags)
{
  self->scan->root.flags |= flags;
  if (self->in_member)
    self->member.flags |= flags;
  if (self->in_feature)
    self->feature.flags |= flags;
}

static void
flag_duplicate (Scanner *self, gsize at)
{
  self->scan->root.duplicate_at = MIN (self->scan->root.duplicate_at, at);
  if (!self->in_feature)
    self->scan->duplicate_at = MIN (self->scan->duplicate_at, at);
  if (self->in_member)
    self->member.duplicate_at = MIN (self->member.duplicate_at, at);
  if (self->in_feature)
    self->feature.duplicate_at = MIN (self->feature.duplicate_at, at);
}

/*
 * Strings
 */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits at p into code; FALSE when they are not. */
static gboolean
read_hex4 (const char *p, gsize available, gunichar *code)
{
  *code = 0;
  if (available < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int v = hex_value (p[i]);

      if (v < 0)
        return FALSE;
      *code = *code << 4 | v;
    }
  return TRUE;
}

/* The length of the valid UTF-8 sequence at p (a byte of 0x80 or more), 0 when it is not one. */
static guint
utf8_sequence_length (const guchar *p, gsize available)
{
  guint n;
  gunichar c, min;

  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    n = 2, c = p[0] & 0x1F, min = 0x80;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    n = 3, c = p[0] & 0x0F, min = 0x800;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    n = 4, c = p[0] & 0x07, min = 0x10000;
  else
    return 0;
  if (available < n)
    return 0;
  for (guint i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
      c = c << 6 | (p[i] & 0x3F);
    }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  return n;
}

/* An escape at self->pos (on the backslash); flags what json-glib would mangle. */
static gboolean
read_escape (Scanner *self)
{
  const char *p = self->data + self->pos;
  gsize available = self->length - self->pos;
  gunichar code, low;

  if (available < 2)
    return fail_unexpected (self, self->length);
  if (strchr ("\"\\/bfnrt", p[1]) != NULL && p[1] != '\0')
    {
      self->pos += 2;
      return TRUE;
    }
  if (p[1] != 'u' || !read_hex4 (p + 2, available - 2, &code))
    return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                 _("a backslash in a text begins no escape JSON knows"));
  self->pos += 6;
  if (code == 0)
    flag (self, SITMAP_JSON_SPAN_NUL);
  else if (code >= 0xD800 && code <= 0xDBFF)
    {
      /* A high surrogate must be followed by its low half */
      if (self->length - self->pos >= 6 && self->data[self->pos] == '\\' && self->data[self->pos + 1] == 'u' &&
          read_hex4 (self->data + self->pos + 2, 4, &low) && low >= 0xDC00 && low <= 0xDFFF)
        self->pos += 6;
      else
        flag (self, SITMAP_JSON_SPAN_SURROGATE);
    }
  else if (code >= 0xDC00 && code <= 0xDFFF)
    flag (self, SITMAP_JSON_SPAN_SURROGATE);
  return TRUE;
}

/* A string at self->pos (on its opening quote), left past its closing quote. */
static gboolean
read_string (Scanner *self, gboolean *escaped)
{
  gsize start = self->pos++;

  *escaped = FALSE;
  for (;;)
    {
      guchar c;

      if (self->pos >= self->length)
        return fail (self, start, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                     _("a text is not closed: the file ends inside it"));
      if (self->pos - start > SITMAP_JSON_MAX_STRING_BYTES)
        return fail (self, start, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                     /* TRANSLATORS: %d is a number of megabytes */
                     _("a text in the file is longer than %d MB"), SITMAP_JSON_MAX_STRING_BYTES / (1024 * 1024));
      c = (guchar) self->data[self->pos];
      if (c == '"')
        {
          self->pos++;
          return TRUE;
        }
      if (c == '\\')
        {
          *escaped = TRUE;
          if (!read_escape (self))
            return FALSE;
        }
      else if (c < 0x20)
        return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED,
                     /* TRANSLATORS: %04X is a character's number, such as 000A for a line break */
                     _("a text holds the control character U+%04X, which JSON writes as an escape"), c);
      else if (c < 0x80)
        self->pos++;
      else
        {
          guint n = utf8_sequence_length ((const guchar *) self->data + self->pos, self->length - self->pos);

          if (n == 0)
            return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                         _("the text is not valid UTF-8: GeoJSON is always UTF-8, and this file may be in "
                           "another encoding"));
          self->pos += n;
        }
    }
}

/* A member name with escapes, decoded (the scan has checked it). */
static char *
decode_string (const char *p, gsize length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      gunichar code, low;

      if (p[i] != '\\')
        {
          g_string_append_c (out, p[i]);
          continue;
        }
      i++;
      switch (p[i])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          read_hex4 (p + i + 1, length - i - 1, &code);
          i += 4;
          if (code >= 0xD800 && code <= 0xDBFF && i + 6 < length + 1 && p[i + 1] == '\\' && p[i + 2] == 'u' &&
              read_hex4 (p + i + 3, length - i - 3, &low) && low >= 0xDC00 && low <= 0xDFFF)
            {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          else if (code == 0 || (code >= 0xD800 && code <= 0xDFFF))
            code = 0xFFFD;
          g_string_append_unichar (out, code);
          break;
        default: g_string_append_c (out, p[i]); break;
        }
    }
  return g_string_free (out, FALSE);
}

/*
 * Numbers and literals
 */

static gboolean
is_delimiter (Scanner *self)
{
  char c = self->pos < self->length ? self->data[self->pos] : ' ';

  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}';
}

static guint
skip_digits (Scanner *self)
{
  guint n = 0;

  while (self->pos < self->length && g_ascii_isdigit (self->data[self->pos]))
    self->pos++, n++;
  return n;
}

/* Whether json-glib reads the number from start to self->pos wrongly: an integer beyond 64 bits (it wraps),
 * or a number beyond a double's range (it makes infinity). */
static gboolean
is_big_number (Scanner *self, gsize start, guint int_digits, gboolean integer, gint64 exponent)
{
  const char *p = self->data + start;
  gboolean negative = *p == '-';
  char buffer[SITMAP_JSON_MAX_NUMBER_CHARS + 1];

  if (integer)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

      return int_digits > 19 || (int_digits == 19 && memcmp (p + negative, limit, 19) > 0);
    }
  /* Only a number near the top of the range needs a closer look. */
  if ((p[negative] == '0' ? exponent : exponent + int_digits - 1) < 307)
    return FALSE;
  memcpy (buffer, p, self->pos - start);
  buffer[self->pos - start] = '\0';
  return isinf (g_ascii_strtod (buffer, NULL));
}

static gboolean
read_number (Scanner *self)
{
  gsize start = self->pos;
  guint int_digits;
  gboolean integer = TRUE;
  gint64 exponent = 0;

  if (self->data[self->pos] == '-')
    self->pos++;
  if (self->pos < self->length && self->data[self->pos] == '0' && self->pos + 1 < self->length &&
      g_ascii_isdigit (self->data[self->pos + 1]))
    return fail (self, start, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                 _("a number begins with a zero followed by other digits, which JSON does not allow"));
  if ((int_digits = skip_digits (self)) == 0)
    return fail_unexpected (self, start);
  if (self->pos < self->length && self->data[self->pos] == '.')
    {
      self->pos++;
      integer = FALSE;
      if (skip_digits (self) == 0)
        return fail (self, start, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                     _("a number has no digits after its decimal point"));
    }
  if (self->pos < self->length && (self->data[self->pos] == 'e' || self->data[self->pos] == 'E'))
    {
      gboolean negative;
      gsize digits_start;

      self->pos++;
      integer = FALSE;
      negative = self->pos < self->length && self->data[self->pos] == '-';
      if (self->pos < self->length && (self->data[self->pos] == '+' || self->data[self->pos] == '-'))
        self->pos++;
      digits_start = self->pos;
      if (skip_digits (self) == 0)
        return fail (self, start, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s", _("a number has no digits in its exponent"));
      for (gsize i = digits_start; i < self->pos && exponent < 100000; i++)
        exponent = exponent * 10 + (self->data[i] - '0');
      if (negative)
        exponent = -exponent;
    }
  if (self->pos - start > SITMAP_JSON_MAX_NUMBER_CHARS)
    return fail (self, start, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                 _("a number is written with more than %d characters"), SITMAP_JSON_MAX_NUMBER_CHARS);
  if (!is_delimiter (self))
    return fail_unexpected (self, self->pos);
  if (is_big_number (self, start, int_digits, integer, exponent))
    flag (self, SITMAP_JSON_SPAN_BIG_NUMBER);
  return TRUE;
}

static gboolean
read_literal (Scanner *self)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (self->length - self->pos >= n && memcmp (self->data + self->pos, literals[i], n) == 0)
        {
          self->pos += n;
          if (!is_delimiter (self))
            return fail_unexpected (self, self->pos);
          return TRUE;
        }
    }
  return fail_unexpected (self, self->pos);
}

/*
 * Structure
 */

static Frame *
top (Scanner *self)
{
  return self->stack->len ? &g_array_index (self->stack, Frame, self->stack->len - 1) : NULL;
}

static guint
key_hash (const char *text, gsize length)
{
  guint h = 5381;

  for (gsize i = 0; i < length; i++)
    h = h * 33 + (guchar) text[i];
  return h;
}

static gboolean
key_equal (const Key *a, const Key *b)
{
  return a->hash == b->hash && a->length == b->length && memcmp (a->text, b->text, a->length) == 0;
}

static guint
key_set_hash (gconstpointer key)
{
  return ((const Key *) key)->hash;
}

static gboolean
key_set_equal (gconstpointer a, gconstpointer b)
{
  return key_equal (a, b);
}

/* A member name of the innermost object: FALSE (and the value flagged) when the object has it already. */
static void
add_key (Scanner *self, gsize at, gsize length, gboolean escaped)
{
  Frame *frame = top (self);
  Key key;
  guint n;

  key.text = self->data + at + 1;
  key.length = length;
  if (escaped)
    {
      char *decoded = decode_string (key.text, length);

      g_ptr_array_add (self->owned_keys, decoded);
      key.text = decoded;
      key.length = strlen (decoded);
    }
  key.hash = key_hash (key.text, key.length);
  n = self->keys->len - frame->first_key;
  if (frame->key_set != NULL)
    {
      Key *stored;

      if (g_hash_table_contains (frame->key_set, &key))
        flag_duplicate (self, at);
      g_array_append_val (self->keys, key);
      stored = &g_array_index (self->keys, Key, self->keys->len - 1);
      g_hash_table_add (frame->key_set, g_memdup2 (stored, sizeof *stored));
      return;
    }
  for (guint i = frame->first_key; i < self->keys->len; i++)
    if (key_equal (&g_array_index (self->keys, Key, i), &key))
      {
        flag_duplicate (self, at);
        break;
      }
  g_array_append_val (self->keys, key);
  if (n + 1 > LINEAR_KEYS)
    {
      frame->key_set = g_hash_table_new_full (key_set_hash, key_set_equal, g_free, NULL);
      for (guint i = frame->first_key; i < self->keys->len; i++)
        g_hash_table_add (frame->key_set, g_memdup2 (&g_array_index (self->keys, Key, i), sizeof (Key)));
    }
}

static void
pop_frame (Scanner *self)
{
  Frame *frame = top (self);
  guint owned_mark = 0;

  if (frame->kind == '{')
    {
      g_clear_pointer (&frame->key_set, g_hash_table_unref);
      g_array_set_size (self->keys, frame->first_key);
      owned_mark = g_array_index (self->owned_marks, guint, self->owned_marks->len - 1);
      g_array_set_size (self->owned_marks, self->owned_marks->len - 1);
      g_ptr_array_set_size (self->owned_keys, owned_mark);
    }
  g_array_set_size (self->stack, self->stack->len - 1);
}

/* Where a value begins: the root, a member of the root object, or a feature. */
static void
begin_value (Scanner *self)
{
  Frame *frame = top (self);
  guint depth = self->stack->len;

  if (depth == 0)
    {
      self->scan->root.start = self->pos;
      self->scan->root_kind = self->data[self->pos];
    }
  else if (depth == 1 && frame->kind == '{')
    {
      self->in_member = TRUE;
      self->member = (SitmapJsonSpan) { self->pos, 0, 0, G_MAXSIZE };
    }
  if (frame != NULL && frame->is_features)
    {
      self->in_feature = TRUE;
      self->feature = (SitmapJsonSpan) { self->pos, 0, 0, G_MAXSIZE };
    }
}

/* Where a value ends, at self->pos: what it was part of is recorded. */
static void
end_value (Scanner *self)
{
  Frame *frame = top (self);
  guint depth = self->stack->len;

  if (depth == 0)
    self->scan->root.end = self->pos;
  else if (depth == 1 && frame->kind == '{')
    {
      SitmapJsonMember member = { g_steal_pointer (&self->last_key), self->member };

      member.value.end = self->pos;
      g_array_append_val (self->scan->members, member);
      self->in_member = FALSE;
    }
  if (frame != NULL && frame->is_features)
    {
      self->feature.end = self->pos;
      g_array_append_val (self->scan->features, self->feature);
      self->in_feature = FALSE;
    }
}

static gboolean
push_frame (Scanner *self, char kind)
{
  Frame frame = { kind, self->pos, self->keys->len, NULL, FALSE };
  guint depth = self->stack->len;

  if (depth >= SITMAP_JSON_MAX_DEPTH)
    return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_TOO_LARGE, _("the values are nested more than %d deep"),
                 SITMAP_JSON_MAX_DEPTH);
  /* The features: the root object's "features" array, or the root array itself */
  frame.is_features = kind == '[' && (depth == 0 || (depth == 1 && top (self)->kind == '{' &&
                                                      g_strcmp0 (self->last_key, "features") == 0));
  if (kind == '{')
    {
      guint mark = self->owned_keys->len;

      g_array_append_val (self->owned_marks, mark);
    }
  g_array_append_val (self->stack, frame);
  self->pos++;
  return TRUE;
}

/* A value at self->pos, when one is expected. Containers are opened; scalars are read whole. */
static gboolean
read_value (Scanner *self, Expect *expect)
{
  char c = self->data[self->pos];
  gboolean escaped;

  begin_value (self);
  if (c == '{' || c == '[')
    {
      *expect = c == '{' ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END;
      return push_frame (self, c);
    }
  if (c == '"')
    {
      if (!read_string (self, &escaped))
        return FALSE;
    }
  else if (c == '-' || g_ascii_isdigit (c))
    {
      if (!read_number (self))
        return FALSE;
    }
  else if (!read_literal (self))
    return FALSE;
  end_value (self);
  *expect = self->stack->len == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
  return TRUE;
}

static gboolean
close_container (Scanner *self, Expect *expect)
{
  pop_frame (self);
  self->pos++;
  end_value (self);
  *expect = self->stack->len == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
  return TRUE;
}

static gboolean
read_key (Scanner *self, Expect *expect)
{
  gsize at = self->pos;
  gboolean escaped;

  if (self->data[self->pos] != '"')
    {
      if (self->data[self->pos] == '}' || self->data[self->pos] == ']')
        return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                     _("a comma comes before the end of an object, which JSON does not allow"));
      if (self->data[self->pos] == '\'' || self->data[self->pos] == '/')
        return fail_unexpected (self, at);
      return fail (self, at, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                   _("a member name must be a text in double quotes"));
    }
  if (!read_string (self, &escaped))
    return FALSE;
  add_key (self, at, self->pos - at - 2, escaped);
  if (self->stack->len == 1)
    {
      g_free (self->last_key);
      self->last_key = escaped ? decode_string (self->data + at + 1, self->pos - at - 2)
                               : g_strndup (self->data + at + 1, self->pos - at - 2);
      self->last_key_at = at;
    }
  *expect = EXPECT_COLON;
  return TRUE;
}

static gboolean
read_separator (Scanner *self, Expect *expect)
{
  Frame *frame = top (self);
  char c = self->data[self->pos];

  if (c == ',')
    {
      self->pos++;
      *expect = frame->kind == '{' ? EXPECT_KEY : EXPECT_VALUE;
      return TRUE;
    }
  if ((c == '}' && frame->kind == '{') || (c == ']' && frame->kind == '['))
    return close_container (self, expect);
  if (c == '}' || c == ']')
    return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED,
                 /* TRANSLATORS: %c is the bracket that would close it */
                 _("a bracket closes what it did not open (“%c” was expected)"), frame->kind == '{' ? '}' : ']');
  if (c == '/')
    return fail_unexpected (self, self->pos);
  return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED,
               /* TRANSLATORS: %c is the bracket that would close it */
               _("a comma or “%c” was expected here"), frame->kind == '{' ? '}' : ']');
}

static gboolean
step (Scanner *self, Expect *expect)
{
  char c = self->data[self->pos];

  switch (*expect)
    {
    case EXPECT_VALUE_OR_END:
      if (c == ']')
        return close_container (self, expect);
      G_GNUC_FALLTHROUGH;
    case EXPECT_VALUE:
      if (c == ']' || c == '}')
        return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                     _("a comma comes before the end of an array, or a value is missing"));
      return read_value (self, expect);
    case EXPECT_KEY_OR_END:
      if (c == '}')
        return close_container (self, expect);
      G_GNUC_FALLTHROUGH;
    case EXPECT_KEY:
      return read_key (self, expect);
    case EXPECT_COLON:
      if (c == '/')
        return fail_unexpected (self, self->pos);
      if (c != ':')
        return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                     _("a colon (:) must follow a member name"));
      self->pos++;
      *expect = EXPECT_VALUE;
      return TRUE;
    case EXPECT_COMMA_OR_END:
      return read_separator (self, expect);
    case EXPECT_NOTHING:
    default:
      return fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                   _("there is more after the end of the JSON value"));
    }
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static gboolean
check_start (Scanner *self)
{
  const guchar *d = (const guchar *) self->data;

  if (self->length >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
    return fail (self, 0, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s",
                 _("the file is in UTF-16, but GeoJSON is always UTF-8: save it as UTF-8"));
  if (self->length >= 3 && memcmp (d, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;
  return TRUE;
}

static gboolean
run (Scanner *self, GCancellable *cancellable, void (*progress) (double, gpointer), gpointer user_data)
{
  Expect expect = EXPECT_VALUE;
  gsize next_check = CHECK_INTERVAL;

  if (!check_start (self))
    return FALSE;
  for (;;)
    {
      while (self->pos < self->length && is_space (self->data[self->pos]))
        self->pos++;
      if (self->pos >= self->length)
        break;
      if (!step (self, &expect))
        return FALSE;
      if (self->pos >= next_check)
        {
          next_check = self->pos + CHECK_INTERVAL;
          if (g_cancellable_is_cancelled (cancellable))
            {
              self->problem->code = -1;
              return FALSE;
            }
          if (progress != NULL)
            progress ((double) self->pos / self->length, user_data);
        }
    }
  if (expect != EXPECT_NOTHING)
    return self->stack->len == 0 && expect == EXPECT_VALUE
             ? fail (self, self->pos, SITMAP_DOCUMENT_ERROR_MALFORMED, "%s", _("the file holds no JSON value"))
             : fail_unexpected (self, self->length);
  return TRUE;
}

/*
 * Public API
 */

static void
member_clear (gpointer data)
{
  g_free (((SitmapJsonMember *) data)->name);
}

gboolean
sitmap_json_scan (const char        *data,
                  gsize              length,
                  GCancellable      *cancellable,
                  void             (*progress) (double fraction, gpointer user_data),
                  gpointer           user_data,
                  SitmapJsonScan    *scan,
                  SitmapJsonProblem *problem)
{
  Scanner self = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (scan != NULL && problem != NULL, FALSE);

  memset (scan, 0, sizeof *scan);
  memset (problem, 0, sizeof *problem);
  scan->members = g_array_new (FALSE, FALSE, sizeof (SitmapJsonMember));
  g_array_set_clear_func (scan->members, member_clear);
  scan->features = g_array_new (FALSE, FALSE, sizeof (SitmapJsonSpan));
  scan->root.duplicate_at = G_MAXSIZE;
  scan->duplicate_at = G_MAXSIZE;
  self.data = data;
  self.length = length;
  self.scan = scan;
  self.problem = problem;
  self.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  self.keys = g_array_new (FALSE, FALSE, sizeof (Key));
  self.owned_keys = g_ptr_array_new_with_free_func (g_free);
  self.owned_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  ok = run (&self, cancellable, progress, user_data);
  while (self.stack->len > 0)
    pop_frame (&self);
  g_array_unref (self.stack);
  g_array_unref (self.keys);
  g_ptr_array_unref (self.owned_keys);
  g_array_unref (self.owned_marks);
  g_free (self.last_key);
  return ok;
}

void
sitmap_json_scan_clear (SitmapJsonScan *scan)
{
  g_clear_pointer (&scan->members, g_array_unref);
  g_clear_pointer (&scan->features, g_array_unref);
}

void
sitmap_json_problem_clear (SitmapJsonProblem *problem)
{
  g_clear_pointer (&problem->what, g_free);
}

/*
 * Mending and quoting, over a span the scan has checked
 */

/* The end of the string or number token at p */
static const char *
token_end (const char *p, const char *end)
{
  if (*p == '"')
    {
      for (p++; p < end && *p != '"'; p++)
        if (*p == '\\')
          p++;
      return MIN (p + 1, end);
    }
  while (p < end && (g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E'))
    p++;
  return p;
}

static gboolean
is_json_big_number (const char *p, gsize length)
{
  Scanner self = { 0 };
  SitmapJsonScan scan = { 0 };
  SitmapJsonProblem problem = { 0 };

  self.data = p;
  self.length = length;
  self.scan = &scan;
  self.problem = &problem;
  read_number (&self);
  g_free (problem.what);
  return (scan.root.flags & SITMAP_JSON_SPAN_BIG_NUMBER) != 0;
}

GString *
sitmap_json_scan_sanitize (const char *data, const SitmapJsonSpan *span)
{
  const char *p = data + span->start, *end = data + span->end;
  GString *out = g_string_sized_new (span->end - span->start + 16);

  while (p < end)
    {
      const char *q;
      gunichar code, low;

      if (*p == '"')
        {
          g_string_append_c (out, *p++);
          while (p < end && *p != '"')
            {
              gsize n = 1;

              if (*p == '\\' && p[1] == 'u' && read_hex4 (p + 2, end - p - 2, &code))
                {
                  n = 6;
                  if (code >= 0xD800 && code <= 0xDBFF && end - p >= 12 && p[6] == '\\' && p[7] == 'u' &&
                      read_hex4 (p + 8, 4, &low) && low >= 0xDC00 && low <= 0xDFFF)
                    n = 12;
                  else if (code == 0 || (code >= 0xD800 && code <= 0xDFFF))
                    {
                      g_string_append (out, "\\uFFFD");
                      p += 6;
                      continue;
                    }
                }
              else if (*p == '\\')
                n = 2;
              g_string_append_len (out, p, n);
              p += n;
            }
          if (p < end)
            g_string_append_c (out, *p++);
          continue;
        }
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          q = token_end (p, end);
          if (is_json_big_number (p, q - p))
            {
              g_string_append_c (out, '"');
              g_string_append_len (out, p, q - p);
              g_string_append_c (out, '"');
            }
          else
            g_string_append_len (out, p, q - p);
          p = q;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return out;
}

/* Past the value at p (the scan has checked it), or NULL. */
static const char *
skip_value (const char *p, const char *end)
{
  int depth = 0;

  do
    {
      while (p < end && is_space (*p))
        p++;
      if (p >= end)
        return NULL;
      if (*p == '"' || *p == '-' || g_ascii_isdigit (*p))
        p = token_end (p, end);
      else if (*p == '{' || *p == '[')
        depth++, p++;
      else if (*p == '}' || *p == ']')
        depth--, p++;
      else
        p++;
      while (depth > 0 && p < end && (is_space (*p) || *p == ',' || *p == ':'))
        p++;
    }
  while (depth > 0 && p < end);
  if (g_ascii_isalpha (p[-1]))
    while (p < end && g_ascii_isalpha (*p))
      p++;
  return p;
}

char *
sitmap_json_scan_dup_member_text (const char *data, const SitmapJsonSpan *span, const char *name)
{
  const char *p = data + span->start, *end = data + span->end;
  gsize name_length = strlen (name);

  if (p >= end || *p != '{')
    return NULL;
  p++;
  for (;;)
    {
      const char *key, *key_end, *value_end;

      while (p < end && (is_space (*p) || *p == ','))
        p++;
      if (p >= end || *p != '"')
        return NULL;
      key = p + 1;
      key_end = token_end (p, end) - 1;
      p = key_end + 1;
      while (p < end && (is_space (*p) || *p == ':'))
        p++;
      value_end = skip_value (p, end);
      if (value_end == NULL)
        return NULL;
      if ((gsize) (key_end - key) == name_length && memcmp (key, name, name_length) == 0)
        {
          if (*p == '"')
            return g_strndup (p + 1, value_end - p - 2);
          if (*p == '-' || g_ascii_isdigit (*p))
            return g_strndup (p, value_end - p);
          return NULL;
        }
      p = value_end;
    }
}

char *
sitmap_json_scan_dup_number_text (const char *data, const SitmapJsonSpan *span, double value)
{
  const char *p = data + span->start, *end = data + span->end;

  while (p < end)
    {
      const char *q;
      char buffer[SITMAP_JSON_MAX_NUMBER_CHARS + 1];

      if (*p == '"')
        {
          p = token_end (p, end);
          continue;
        }
      if (!(*p == '-' || g_ascii_isdigit (*p)))
        {
          p++;
          continue;
        }
      q = token_end (p, end);
      if ((gsize) (q - p) <= SITMAP_JSON_MAX_NUMBER_CHARS)
        {
          double v;

          memcpy (buffer, p, q - p);
          buffer[q - p] = '\0';
          v = g_ascii_strtod (buffer, NULL);
          if (v == value || (isnan (v) && isnan (value)))
            return g_strdup (buffer);
        }
      p = q;
    }
  return NULL;
}
