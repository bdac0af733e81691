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

#include "sitmap-csv-private.h"

void
sitmap_csv_scanner_init (SitmapCsvScanner *self, const char *start, const char *end, char delimiter)
{
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

/* Past a quoted field's closing quote, or NULL when the data ends inside it. */
static const char *
skip_quoted (SitmapCsvScanner *self, const char *p)
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
        q = quote + 2;
      else
        return quote + 1;
    }
}

SitmapCsvRowStatus
sitmap_csv_scan_row (SitmapCsvScanner *self, SitmapCsvField *fields, guint max_fields, guint *n_fields,
                     guint *bad_column)
{
  const char *p = self->p, *end = self->end;
  const guint8 *stop = self->stop;
  SitmapCsvRowStatus status = SITMAP_CSV_ROW_OK;
  guint n = 0;

  *n_fields = 0;
  if (p >= end)
    return SITMAP_CSV_ROW_END;
  for (;;)
    {
      const char *start = p;
      gboolean quoted = p < end && *p == '"';

      if (quoted)
        {
          p = skip_quoted (self, p);
          if (p == NULL)
            {
              self->p = end;
              *n_fields = n + 1;
              *bad_column = n;
              return SITMAP_CSV_ROW_UNTERMINATED;
            }
        }
      /* Unquoted text, or what follows a closing quote */
      while (p < end && !stop[(guint8) *p])
        p++;
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
        }
      if (n < G_MAXUINT)
        n++;
      if (p >= end)
        break;
      if (*p == self->delimiter)
        {
          p++;
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

  if (field->quoted)
    {
      const char *q = p + 1, *close = NULL;

      /* Find the closing quote: the first one not doubled */
      for (const char *s = q; s < end; s++)
        if (*s == '"')
          {
            if (s + 1 < end && s[1] == '"')
              s++;
            else
              {
                close = s;
                break;
              }
          }
      if (close == NULL)
        close = end;
      if (memchr (q, '"', close - q) == NULL && close + 1 >= end)
        {
          /* The common case: nothing to rewrite */
          p = q;
          end = close;
        }
      else
        {
          g_string_truncate (scratch, 0);
          for (const char *s = q; s < close; s++)
            {
              g_string_append_c (scratch, *s);
              if (*s == '"')
                s++;
            }
          if (close < end)
            g_string_append_len (scratch, close + 1, end - close - 1);
          p = scratch->str;
          end = scratch->str + scratch->len;
        }
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

  /* Eight ASCII bytes without NUL at a time */
  while (end - p >= 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      if ((word & HIGH_BITS) != 0 || ((word - LOW_BITS) & ~word & HIGH_BITS) != 0)
        break;
      p += 8;
    }
  if (g_utf8_validate_len (p, end - p, &bad))
    return 0;
  *offset = bad - text;
  return *bad == '\0' ? 2 : 1;
}
