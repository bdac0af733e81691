/* sitmap-csv-scanner.c: records and fields of delimited text, quote-aware, counting lines
 *
 * RFC 4180 as spreadsheets and pandas write it, read as Python's csv module reads it: a field that begins
 * with a quote runs to the quote that is not doubled, and may hold delimiters and line breaks; a quote
 * anywhere else is a character; text after a closing quote belongs to the field. Records end at LF, CR LF
 * or CR. Nothing is copied: fields point into the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sitmap-csv-private.h"

void
sitmap_csv_scanner_init (SitmapCsvScanner *self, const char *start, const char *end, char delimiter)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->p = start;
  self->end = end;
  self->delimiter = delimiter;
  self->stop[(guint8) delimiter] = 1;
  self->stop['\n'] = 1;
  self->stop['\r'] = 1;
}

/* Line breaks inside a quoted field count for the lines of the records after it. */
static guint64
count_newlines (const char *p, const char *end)
{
  guint64 n = 0;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* Past a quoted field's closing quote, or NULL when the data ends inside it. *doubled says whether a ""
 * was inside. */
static const char *
skip_quoted (SitmapCsvScanner *self, const char *p, gboolean *doubled)
{
  const char *q = p + 1;

  for (;;)
    {
      const char *quote = memchr (q, '"', self->end - q);

      if (quote == NULL)
        {
          self->line += count_newlines (q, self->end);
          return NULL;
        }
      self->line += count_newlines (q, quote);
      if (quote + 1 < self->end && quote[1] == '"')
        {
          *doubled = TRUE;
          q = quote + 2;
        }
      else
        return quote + 1;
    }
}

#if defined(__SSE2__)
/* Bit i set where block[i] is the delimiter, CR or LF, for 64 bytes */
static inline guint64
stop_mask (const SitmapCsvScanner *self, const char *block)
{
  const __m128i delimiter = _mm_set1_epi8 (self->delimiter), lf = _mm_set1_epi8 ('\n'), cr = _mm_set1_epi8 ('\r');
  guint64 mask = 0;

  for (guint i = 0; i < 4; i++)
    {
      __m128i bytes = _mm_loadu_si128 ((const __m128i *) (const void *) (block + 16 * i));
      __m128i found = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, delimiter), _mm_cmpeq_epi8 (bytes, lf)),
                                    _mm_cmpeq_epi8 (bytes, cr));

      mask |= (guint64) (guint16) _mm_movemask_epi8 (found) << (16 * i);
    }
  return mask;
}
#endif

/* The first delimiter, CR or LF from p on, or end. Where the processor has SSE2 (every x86-64 does), the
 * positions of those bytes in 64 bytes at a time are kept as a mask, so that the short fields that follow
 * one another are found by counting zeros in it; elsewhere eight bytes at a time, with arithmetic. */
static inline const char *
find_stop (SitmapCsvScanner *self, const char *p, const char *end)
{
#if defined(__SSE2__)
  for (;;)
    {
      /* p within the block, in one unsigned comparison of addresses: also before the first block,
       * when block is NULL, where pointer arithmetic (NULL + 64) would be undefined. */
      guintptr offset = (guintptr) p - (guintptr) self->block;

      if (offset < 64)
        {
          guint64 rest = self->mask >> offset;

          if (rest != 0)
            return p + __builtin_ctzll (rest);
          p = self->block + 64;
        }
      if (end - p < 64)
        break;
      self->block = p;
      self->mask = stop_mask (self, p);
    }
#else
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101), highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 delimiter = ones * (guint8) self->delimiter, lf = ones * '\n', cr = ones * '\r';

  while (end - p >= 8)
    {
      guint64 word, a, b, c, found;

      memcpy (&word, p, 8);
      a = word ^ delimiter;
      b = word ^ lf;
      c = word ^ cr;
      /* A zero byte in a, b or c: the lowest one found is exact */
      found = ((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c);
      found &= highs;
      if (found != 0)
        {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          return p + __builtin_ctzll (found) / 8;
#else
          break;
#endif
        }
      p += 8;
    }
#endif
  while (p < end && !self->stop[(guint8) *p])
    p++;
  return p;
}

SitmapCsvRowStatus
sitmap_csv_scan_row (SitmapCsvScanner *self, SitmapCsvField *fields, guint max_fields, guint *n_fields,
                     guint *bad_column)
{
  const char *p = self->p, *end = self->end;
  SitmapCsvRowStatus status = SITMAP_CSV_ROW_OK;
  guint n = 0;

  *n_fields = 0;
  if (p >= end)
    return SITMAP_CSV_ROW_END;
  for (;;)
    {
      const char *start = p;
      gboolean quoted = *p == '"', doubled = FALSE;
      const char *closed = NULL;

      if (quoted)
        {
          p = skip_quoted (self, p, &doubled);
          if (p == NULL)
            {
              self->p = end;
              *n_fields = n + 1;
              *bad_column = n;
              return SITMAP_CSV_ROW_UNTERMINATED;
            }
          closed = p;
        }
      /* Unquoted text, or what follows a closing quote */
      p = find_stop (self, p, end);
      if ((gsize) (p - start) > SITMAP_CSV_MAX_FIELD && status == SITMAP_CSV_ROW_OK)
        {
          status = SITMAP_CSV_ROW_FIELD_TOO_LONG;
          *bad_column = n;
        }
      if (n < max_fields)
        {
          fields[n].start = start;
          fields[n].length = (guint32) MIN ((gsize) (p - start), G_MAXUINT32);
          fields[n].quoted = quoted;
          fields[n].messy = quoted && (doubled || p != closed);
        }
      if (n < G_MAXUINT)
        n++;
      if (p >= end)
        break;
      if (*p == self->delimiter)
        {
          p++;
          if (p >= end)
            {
              /* A delimiter last: one more, empty field */
              if (n < max_fields)
                {
                  fields[n].start = p;
                  fields[n].length = 0;
                  fields[n].quoted = fields[n].messy = FALSE;
                }
              n++;
              break;
            }
          continue;
        }
      /* The end of the record: LF, CR LF or CR */
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      self->line++;
      break;
    }
  self->p = p;
  *n_fields = n;
  return status;
}

static gboolean
is_space (char c, char delimiter)
{
  return c == ' ' || (c == '\t' && delimiter != '\t');
}

const char *
sitmap_csv_field_text (const SitmapCsvField *field, char delimiter, GString *scratch, gsize *length)
{
  const char *p = field->start, *end = field->start + field->length, *text;
  gsize n;

  if (field->quoted && !field->messy)
    {
      /* The common case: the text between the quotes as it is */
      p++;
      end--;
    }
  else if (field->quoted)
    {
      const char *close = end;

      /* Doubled quotes made single, up to the closing one; what follows it kept as it is */
      g_string_truncate (scratch, 0);
      for (const char *s = p + 1; s < end; s++)
        {
          if (*s == '"' && s + 1 < end && s[1] == '"')
            {
              g_string_append_c (scratch, '"');
              s++;
            }
          else if (*s == '"')
            {
              close = s;
              break;
            }
          else
            {
              const char *quote = memchr (s, '"', end - s);
              const char *stop = quote ? quote : end;

              g_string_append_len (scratch, s, stop - s);
              s = stop - 1;
            }
        }
      if (close < end)
        g_string_append_len (scratch, close + 1, end - close - 1);
      p = scratch->str;
      end = scratch->str + scratch->len;
    }
  while (p < end && is_space (*p, delimiter))
    p++;
  while (end > p && is_space (end[-1], delimiter))
    end--;
  /* A byte order mark where files were joined, or a spreadsheet put one */
  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  /* The formula guard Sitmap's writer adds */
  if (end - p >= 2 && p[0] == '\'' && strchr ("=+-@\t\r", p[1]) != NULL && p[1] != '\0')
    p++;
  text = p;
  n = end - p;
  *length = n;
  return text;
}

/*
 * The delimiter
 */

/* The fields of the first rows of head for delimiter (the same number in each), or FALSE when they differ. */
static gboolean
count_columns (const char *head, gsize length, char delimiter, guint *n_columns)
{
  SitmapCsvScanner scanner;
  guint first = 0, rows = 0, n, bad;

  sitmap_csv_scanner_init (&scanner, head, head + length, delimiter);
  while (rows < 20)
    {
      const char *before = scanner.p;
      SitmapCsvRowStatus status = sitmap_csv_scan_row (&scanner, NULL, 0, &n, &bad);

      /* A quote still open where the head ends says nothing either way */
      if (status == SITMAP_CSV_ROW_END || status == SITMAP_CSV_ROW_UNTERMINATED)
        break;
      /* An empty line */
      if (n == 1 && scanner.p - before <= 2 && (before == scanner.end || *before == '\r' || *before == '\n'))
        continue;
      /* The head may cut its last row short */
      if (scanner.p >= scanner.end && rows > 0)
        break;
      if (rows == 0)
        first = n;
      else if (n != first)
        return FALSE;
      rows++;
    }
  *n_columns = first;
  return rows > 0;
}

char
sitmap_csv_sniff_delimiter (const char *head, gsize length, guint *n_columns)
{
  static const char candidates[] = { ',', ';', '\t' };
  char best = 0;
  guint best_columns = 1;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint columns;

      if (count_columns (head, length, candidates[i], &columns) && columns > best_columns)
        {
          best = candidates[i];
          best_columns = columns;
        }
    }
  if (n_columns != NULL)
    *n_columns = best ? best_columns : 0;
  return best;
}

/*
 * UTF-8
 */

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)
#define LOW_BITS  G_GUINT64_CONSTANT (0x0101010101010101)

guint
sitmap_csv_check_utf8 (const char *text, gsize length, gsize *offset)
{
  const char *p = text, *end = text + length, *bad;

  /* ASCII without NUL, sixteen or eight bytes at a time */
#if defined(__SSE2__)
  while (end - p >= 16)
    {
      __m128i bytes = _mm_loadu_si128 ((const __m128i *) (const void *) p);

      if (_mm_movemask_epi8 (_mm_or_si128 (bytes, _mm_cmpeq_epi8 (bytes, _mm_setzero_si128 ()))) != 0)
        break;
      p += 16;
    }
#endif
  while (end - p >= 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      if ((word & HIGH_BITS) != 0 || ((word - LOW_BITS) & ~word & HIGH_BITS) != 0)
        break;
      p += 8;
    }
  while (p < end && (guint8) *p - 1u < 0x7Fu)
    p++;
  if (p == end)
    return 0;
  if (g_utf8_validate_len (p, end - p, &bad))
    return 0;
  *offset = bad - text;
  return *bad == '\0' ? 2 : 1;
}
