/* sitmap-csv-reader.c: a table of events in, by every core
 *
 * The file is never copied (a mapped file is read where it lies, and given back behind the cursor). Its rows
 * are cut into as many ranges as there are cores, at record boundaries found by speculation (a line break
 * whose next two lines read as whole rows) and checked afterwards (the range before must end exactly there;
 * if not, the file is read again by one thread). Each thread fills an event store of its own: text copied
 * once, repeated text interned, runs of actors, figures and sources made once per distinct value and shared.
 * The stores are joined in the file's order, so the events, their order, the line numbers of skipped rows and
 * the sources are what one thread would have made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sitmap-csv-private.h"
#include "sitmap-csv-reader.h"
#include "sitmap-csv-worker.h"
#include "sitmap-document-builder.h"
#include "sitmap-error.h"
#include "sitmap-load-bytes.h"
#include "sitmap-string-table.h"

/* Below this, one thread: starting others costs more than it saves */
#define MIN_BYTES_PER_THREAD (4 * 1024 * 1024)
#define MAX_THREADS 8
/* Rows the guesses look at */
#define N_SAMPLE 200
/* The head the delimiter is sniffed from */
#define SNIFF_SIZE (64 * 1024)

/* A read: the plan every thread reads by, and how many threads may */
typedef struct
{
  SitmapCsvPlan plan;
  guint         max_threads;
  gsize         min_bytes;  /* a thread's least share */
} Reader;

/*
 * Splitting the rows between threads
 */

/* Whether a record begins at p: it and the next read as whole rows of the header's width. */
static gboolean
starts_record (const Reader *reader, const char *p)
{
  SitmapCsvScanner scanner;

  sitmap_csv_scanner_init (&scanner, p, reader->plan.text_end, reader->plan.layout->delimiter);
  for (guint i = 0; i < 2; i++)
    {
      guint n, bad;

      if (sitmap_csv_scan_row (&scanner, NULL, 0, &n, &bad) != SITMAP_CSV_ROW_OK || n != reader->plan.layout->n_columns)
        return FALSE;
      /* A row must end with its line, not with the data */
      if (scanner.p >= scanner.end && i == 0)
        return FALSE;
    }
  return TRUE;
}

/* A record boundary at or after from, or NULL when none is found soon */
static const char *
find_boundary (const Reader *reader, const char *from, const char *limit)
{
  const char *p = from;

  for (guint tries = 0; tries < 1000 && p < limit; tries++)
    {
      const char *newline = memchr (p, '\n', limit - p);

      if (newline == NULL)
        return NULL;
      if (starts_record (reader, newline + 1))
        return newline + 1;
      p = newline + 1;
    }
  return NULL;
}

static guint
choose_ranges (const Reader *reader, const char *data, const char **bounds)
{
  gsize size = reader->plan.text_end - data;
  guint n = reader->max_threads ? reader->max_threads : g_get_num_processors (), k = 1;

  n = CLAMP (n, 1, MAX_THREADS);
  n = (guint) MIN (n, MAX (size / MAX (reader->min_bytes, 1), 1));
  bounds[0] = data;
  for (guint t = 1; t < n; t++)
    {
      const char *boundary = find_boundary (reader, data + size * t / n, data + size * (t + 1) / n);

      if (boundary != NULL && boundary > bounds[k - 1])
        bounds[k++] = boundary;
    }
  bounds[k] = reader->plan.text_end;
  return k;
}

/* Runs the workers on their ranges; FALSE when a range did not end where the next began (the speculation
 * failed: a line break inside a quoted field looked like a record's end). */
static gboolean
run_workers (SitmapCsvWorker **workers, guint n)
{
  g_autofree GThread **threads = g_new0 (GThread *, n);
  gboolean ok = TRUE;

  for (guint t = 1; t < n; t++)
    threads[t] = g_thread_new ("sitmap-csv", sitmap_csv_worker_run, workers[t]);
  sitmap_csv_worker_run (workers[0]);
  for (guint t = 1; t < n; t++)
    g_thread_join (threads[t]);
  for (guint t = 0; t + 1 < n; t++)
    if (sitmap_csv_worker_get_status (workers[t], NULL, NULL) == SITMAP_CSV_WORKER_OK &&
        sitmap_csv_worker_get_end (workers[t]) != sitmap_csv_worker_get_start (workers[t + 1]))
      ok = FALSE;
  return ok;
}

static void
free_workers (SitmapCsvWorker **workers, guint n)
{
  for (guint t = 0; t < n; t++)
    g_clear_pointer (&workers[t], sitmap_csv_worker_free);
}

/*
 * The header
 */

typedef struct
{
  GPtrArray *headers;  /* char *, NULL-terminated */
  GPtrArray *sample;   /* char *, n_columns a row */
  guint      n_sample;
  const char *data;    /* the first record after the header */
  guint64     lines;   /* lines the header takes */
} Head;

static void
head_clear (Head *head)
{
  g_clear_pointer (&head->headers, g_ptr_array_unref);
  g_clear_pointer (&head->sample, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Head, head_clear)

static gboolean
fail (GError **error, SitmapImport *import, int code, guint line, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (GError **error, SitmapImport *import, int code, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    /* TRANSLATORS: a file name, a line number, then what is wrong there */
    g_set_error (error, SITMAP_DOCUMENT_ERROR, code, _("%s: line %u: %s"), sitmap_import_get_display_name (import),
                 line, message);
  else
    /* TRANSLATORS: a file name, then what is wrong with it */
    g_set_error (error, SITMAP_DOCUMENT_ERROR, code, _("%s: %s"), sitmap_import_get_display_name (import), message);
  return FALSE;
}

/* The header's names, and a sample of the rows after it, as text. FALSE with error set, or with *not_utf8
 * when the header is not UTF-8. */
static gboolean
read_head (Reader *reader, char delimiter, Head *head, gboolean *not_utf8, GError **error)
{
  SitmapCsvScanner scanner;
  g_autofree SitmapCsvField *fields = g_new0 (SitmapCsvField, SITMAP_CSV_MAX_COLUMNS + 1);
  g_autoptr (GString) scratch = g_string_new (NULL);
  const char *newline;
  guint n, bad;

  /* A table's first line is short: a megabyte without a line break is not one */
  newline = memchr (reader->plan.text, '\n', MIN ((gsize) (reader->plan.text_end - reader->plan.text), SITMAP_CSV_MAX_HEADER));
  if (newline == NULL && reader->plan.text_end - reader->plan.text > SITMAP_CSV_MAX_HEADER)
    return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1,
                 _("the first line is longer than 1 MB: it is not the header of a table"));
  sitmap_csv_scanner_init (&scanner, reader->plan.text, reader->plan.text_end, delimiter);
  switch (sitmap_csv_scan_row (&scanner, fields, SITMAP_CSV_MAX_COLUMNS + 1, &n, &bad))
    {
    case SITMAP_CSV_ROW_END:
      return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_MALFORMED, 0, _("the file is empty"));
    case SITMAP_CSV_ROW_UNTERMINATED:
      /* TRANSLATORS: in a file's table header */
      return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_MALFORMED, 1,
                   _("the quote that opens column %u never closes"), bad + 1);
    case SITMAP_CSV_ROW_FIELD_TOO_LONG:
    case SITMAP_CSV_ROW_OK:
    default:
      break;
    }
  if (scanner.p - reader->plan.text > SITMAP_CSV_MAX_HEADER)
    return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1,
                 _("the header is longer than 1 MB: it is not the header of a table"));
  if (n > SITMAP_CSV_MAX_COLUMNS)
    return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1,
                 _("the header has more than %d columns, more than Sitmap reads"), SITMAP_CSV_MAX_COLUMNS);
  head->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      gsize length, offset;
      const char *text = sitmap_csv_field_text (&fields[i], delimiter, scratch, &length);

      switch (sitmap_csv_check_utf8 (text, length, &offset))
        {
        case 2:
          return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_MALFORMED, 1,
                       _("the header holds a NUL character: this is not a text file"));
        case 1:
          *not_utf8 = TRUE;
          return FALSE;
        default:
          break;
        }
      g_ptr_array_add (head->headers, g_strndup (text, length));
    }
  g_ptr_array_add (head->headers, NULL);
  head->lines = scanner.line;
  head->data = scanner.p;

  /* The first rows, for the guesses that look at values */
  head->sample = g_ptr_array_new_with_free_func (g_free);
  while (head->n_sample < N_SAMPLE)
    {
      SitmapCsvRowStatus status;
      guint m;

      status = sitmap_csv_scan_row (&scanner, fields, SITMAP_CSV_MAX_COLUMNS + 1, &m, &bad);
      if (status == SITMAP_CSV_ROW_END || status == SITMAP_CSV_ROW_UNTERMINATED)
        break;
      if (status != SITMAP_CSV_ROW_OK || m != n)
        continue;
      for (guint i = 0; i < n; i++)
        {
          gsize length;
          const char *text = sitmap_csv_field_text (&fields[i], delimiter, scratch, &length);

          g_ptr_array_add (head->sample, g_utf8_make_valid (text, (gssize) MIN (length, 256)));
        }
      head->n_sample++;
    }
  return TRUE;
}

/*
 * Encodings
 */

/* Windows-1252 beyond ASCII; bytes it leaves undefined become U+FFFD */
static const guint16 windows_1252[128] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
  0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
  0x0153, 0xFFFD, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9,
  0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5,
  0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
  0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1,
  0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
  0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD,
  0x00FE, 0x00FF,
};

static GBytes *
convert_windows_1252 (const char *text, gsize length)
{
  GString *out = g_string_sized_new (length + length / 8 + 16);

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = (guint8) text[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, windows_1252[c - 0x80]);
    }
  return g_string_free_to_bytes (out);
}

/* Whether text holds any valid multi-byte UTF-8 sequence: then bytes that are not are errors in UTF-8 text,
 * not another encoding. */
static gboolean
has_utf8_sequences (const char *text, gsize length)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      const char *bad;
      gsize n = end - p;

      if (g_utf8_validate_len (p, n, &bad))
        bad = end;
      for (const char *q = p; q < bad; q++)
        if ((guint8) *q >= 0x80)
          return TRUE;
      p = bad + 1;
    }
  return FALSE;
}

/* Where the first byte that is not UTF-8 is: its line */
static guint64
line_of_offset (const char *text, gsize offset)
{
  guint64 line = 1;
  const char *p = text, *end = text + offset;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      line++;
      p++;
    }
  return line;
}

static gsize
first_invalid (const char *text, gsize length)
{
  const char *bad;

  for (const char *p = text; p < text + length; p = bad + 1)
    {
      if (g_utf8_validate_len (p, text + length - p, &bad))
        return length;
      if (*bad != '\0')
        return bad - text;
    }
  return length;
}

static gboolean
is_name (const char *option, const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (option, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *const windows_names[] = { "windows-1252", "cp1252", "latin1", "latin-1", "iso-8859-1",
                                             "iso8859-1", "iso-8859-15", NULL };

/* The text to read: past a UTF-8 byte order mark, converted from UTF-16 or from an encoding the import's
 * "encoding" option declares. *converted holds what was made. */
static gboolean
prepare_text (Reader *reader, GBytes *bytes, GBytes **converted, GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *encoding = sitmap_import_get_option (reader->plan.import, "encoding");
  const char *utf16 = NULL;

  reader->plan.bytes = bytes;
  reader->plan.release = sitmap_bytes_is_mapped (bytes);
  if (size >= 2 && (guint8) data[0] == 0xFF && (guint8) data[1] == 0xFE)
    utf16 = "UTF-16LE";
  else if (size >= 2 && (guint8) data[0] == 0xFE && (guint8) data[1] == 0xFF)
    utf16 = "UTF-16BE";
  if (utf16 != NULL)
    {
      gsize written = 0;
      g_autoptr (GError) local = NULL;
      char *text = g_convert (data + 2, (size - 2) & ~(gsize) 1, "UTF-8", utf16, NULL, &written, &local);

      if (text == NULL)
        return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_MALFORMED, 0,
                     _("the file says it is UTF-16 but is not: %s"), local->message);
      *converted = g_bytes_new_take (text, written);
      reader->plan.release = FALSE;
      /* TRANSLATORS: an encoding's name */
      sitmap_import_note (reader->plan.import, 0, 0, _("Converted from %s"), utf16);
    }
  else if (encoding != NULL && is_name (encoding, windows_names))
    {
      *converted = convert_windows_1252 (data, size);
      reader->plan.release = FALSE;
      sitmap_import_note (reader->plan.import, 0, 0, _("Converted from Windows-1252, as asked"));
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") != 0 && g_ascii_strcasecmp (encoding, "utf8") != 0)
    return fail (error, reader->plan.import, SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 0,
                 _("Sitmap reads tables in UTF-8, UTF-16 and Windows-1252 (Latin-1), not in %s"), encoding);
  if (*converted != NULL)
    data = g_bytes_get_data (*converted, &size);
  /* An empty file's bytes have no data: text and text_end must still point somewhere. */
  if (data == NULL)
    data = "";
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  reader->plan.text = data;
  reader->plan.text_end = data + size;
  reader->plan.total = size;
  return TRUE;
}

/* Text that is not UTF-8: Windows-1252 when it has no UTF-8 at all, else UTF-8 with errors, repaired. */
static void
reencode (Reader *reader, GBytes **converted)
{
  gsize length = reader->plan.text_end - reader->plan.text;
  GBytes *made;

  if (!has_utf8_sequences (reader->plan.text, length))
    {
      made = convert_windows_1252 (reader->plan.text, length);
      sitmap_import_note (reader->plan.import, 0, 0,
                          _("The file is not UTF-8: it was read as Windows-1252 (Latin-1), the encoding of "
                            "spreadsheets on Windows"));
    }
  else
    {
      gsize offset = first_invalid (reader->plan.text, length);
      char *repaired = g_utf8_make_valid (reader->plan.text, (gssize) length);

      made = g_bytes_new_take (repaired, strlen (repaired));
      sitmap_import_note (reader->plan.import, (guint) MIN (line_of_offset (reader->plan.text, offset), G_MAXUINT), 0,
                          _("Bytes that are not UTF-8, from here on, were replaced with “\xEF\xBF\xBD”"));
    }
  g_clear_pointer (converted, g_bytes_unref);
  *converted = made;
  reader->plan.release = FALSE;
  reader->plan.text = g_bytes_get_data (made, &length);
  reader->plan.text_end = reader->plan.text + length;
  reader->plan.total = length;
}

/*
 * Reading
 */

typedef enum
{
  READ_DONE,
  READ_FAILED,
  READ_REENCODE,
} ReadResult;

/* What the workers found, into the import and the builder, in the file's order */
static SitmapDocument *
join_workers (Reader *reader, SitmapCsvWorker **workers, guint n, guint64 header_lines, GError **error)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  SitmapImport *import = reader->plan.import;
  guint64 base = header_lines, rows = 0;
  gint64 start_time = g_get_monotonic_time ();

  for (guint t = 0; t < n; t++)
    {
      guint64 line;
      guint column;

      switch (sitmap_csv_worker_get_status (workers[t], &line, &column))
        {
        case SITMAP_CSV_WORKER_CANCELLED:
          sitmap_import_cancelled (import, error);
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return NULL;
        case SITMAP_CSV_WORKER_UNTERMINATED:
          fail (error, import, SITMAP_DOCUMENT_ERROR_MALFORMED, (guint) MIN (base + line, G_MAXUINT),
                _("column %u: its quote opens here and never closes: the rest of the file would be one field"),
                column);
          return NULL;
        case SITMAP_CSV_WORKER_TOO_MANY_ROWS:
        case SITMAP_CSV_WORKER_OK:
        case SITMAP_CSV_WORKER_NOT_UTF8:
        default:
          break;
        }
      rows += sitmap_csv_worker_get_rows (workers[t]);
      if (rows > SITMAP_CSV_MAX_ROWS)
        {
          fail (error, import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 0,
                _("the table has more than %d rows, more than Sitmap reads"), SITMAP_CSV_MAX_ROWS);
          return NULL;
        }
      base += sitmap_csv_worker_get_lines (workers[t]);
    }
  base = header_lines;
  for (guint t = 0; t < n; t++)
    {
      guint64 n_skipped;
      GArray *skips = sitmap_csv_worker_get_skips (workers[t], &n_skipped);

      for (guint i = 0; i < skips->len; i++)
        {
          SitmapCsvSkip *skip = &g_array_index (skips, SitmapCsvSkip, i);

          sitmap_import_skip (import, (guint) MIN (base + skip->line, G_MAXUINT), skip->column, "%s", skip->reason);
        }
      for (guint64 i = skips->len; i < n_skipped; i++)
        sitmap_import_skip (import, 0, 0, "%s", "");
      base += sitmap_csv_worker_get_lines (workers[t]);
      /* Every publisher a source, in the order first cited */
      for (guint i = 0; i < sitmap_csv_worker_get_n_publishers (workers[t]); i++)
        {
          const char *name = sitmap_csv_worker_get_publisher (workers[t], i);

          sitmap_source_set_name (sitmap_document_builder_add_source (builder, name), name);
        }
      sitmap_document_builder_add_events (builder, sitmap_csv_worker_steal_store (workers[t]));
    }
  g_debug ("joined in %.3f s", (g_get_monotonic_time () - start_time) / 1e6);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static ReadResult
read_table (Reader *reader, SitmapDocument **document, GError **error)
{
  SitmapCsvPlan *plan = &reader->plan;
  char delimiter = sitmap_csv_sniff_delimiter (plan->text, MIN ((gsize) (plan->text_end - plan->text), SNIFF_SIZE),
                                               NULL);
  SitmapCsvLayout layout = { 0 };
  g_auto (Head) head = { 0 };
  const char *bounds[MAX_THREADS + 1];
  SitmapCsvWorker *workers[MAX_THREADS] = { NULL };
  gboolean not_utf8 = FALSE, split_ok;
  ReadResult result = READ_DONE;
  gint64 start_time;
  guint n;

  if (delimiter == 0)
    delimiter = ',';
  if (!read_head (reader, delimiter, &head, &not_utf8, error))
    return not_utf8 ? READ_REENCODE : READ_FAILED;
  if (!sitmap_csv_layout_init (&layout, delimiter, (const char *const *) head.headers->pdata, head.headers->len - 1,
                               (const char *const *) head.sample->pdata, head.n_sample, plan->import, error))
    {
      sitmap_csv_layout_clear (&layout);
      return READ_FAILED;
    }
  if (layout.acled)
    sitmap_import_report_set_format_name (sitmap_import_get_report (plan->import), _("ACLED CSV"));
  sitmap_csv_plan_init (plan, &layout);

  start_time = g_get_monotonic_time ();
  n = choose_ranges (reader, head.data, bounds);
  for (guint t = 0; t < n; t++)
    workers[t] = sitmap_csv_worker_new (plan, bounds[t], bounds[t + 1]);
  split_ok = run_workers (workers, n);
  g_debug ("%u threads read %zu bytes in %.3f s", n, (gsize) (plan->text_end - head.data),
           (g_get_monotonic_time () - start_time) / 1e6);
  if (!split_ok)
    {
      /* The speculation failed: one thread reads it all again */
      g_debug ("a range did not end where the next began: read again by one thread");
      free_workers (workers, n);
      g_atomic_int_set (&plan->progress, 0);
      n = 1;
      workers[0] = sitmap_csv_worker_new (plan, head.data, plan->text_end);
      run_workers (workers, 1);
    }
  for (guint t = 0; t < n; t++)
    if (sitmap_csv_worker_get_status (workers[t], NULL, NULL) == SITMAP_CSV_WORKER_NOT_UTF8)
      result = READ_REENCODE;
  if (result == READ_DONE)
    {
      start_time = g_get_monotonic_time ();
      *document = join_workers (reader, workers, n, head.lines, error);
      g_debug ("joined and finished in %.3f s", (g_get_monotonic_time () - start_time) / 1e6);
      result = *document != NULL ? READ_DONE : READ_FAILED;
    }
  if (result == READ_DONE && !layout.acled)
    {
      /* Guessed or chosen, the user should know which column became what */
      g_autofree char *columns = sitmap_csv_layout_describe (&layout);

      /* TRANSLATORS: the fields and the columns they were read from: latitude = “Lat”, longitude = “Lon” */
      sitmap_import_note (plan->import, 0, 0, _("Columns read: %s"), columns);
    }
  free_workers (workers, n);
  sitmap_csv_plan_clear (plan);
  sitmap_csv_layout_clear (&layout);
  return result;
}

SitmapDocument *
sitmap_csv_read (GBytes *bytes, SitmapImport *import, GError **error)
{
  return sitmap_csv_read_full (bytes, import, 0, 0, error);
}

SitmapDocument *
sitmap_csv_read_full (GBytes *bytes, SitmapImport *import, guint max_threads, gsize min_bytes, GError **error)
{
  g_autoptr (GBytes) converted = NULL;
  SitmapDocument *document = NULL;
  Reader reader = { 0 };
  ReadResult result;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader.plan.import = import;
  reader.max_threads = max_threads;
  reader.min_bytes = min_bytes ? min_bytes : MIN_BYTES_PER_THREAD;
  if (!prepare_text (&reader, bytes, &converted, error))
    return NULL;
  result = read_table (&reader, &document, error);
  if (result == READ_REENCODE)
    {
      reencode (&reader, &converted);
      result = read_table (&reader, &document, error);
      /* Converted text is valid UTF-8: a second failure of that kind cannot happen */
      g_assert (result != READ_REENCODE);
    }
  return result == READ_DONE ? document : NULL;
}

/*
 * Sniffing
 */

guint
sitmap_csv_sniff (const guint8 *head, gsize length)
{
  const char *text = (const char *) head;
  g_autoptr (GPtrArray) headers = NULL;
  g_autoptr (GString) scratch = NULL;
  SitmapCsvField fields[64];
  SitmapCsvScanner scanner;
  guint n_columns, n, bad;
  char delimiter;
  gsize i = 0;

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (text[i]))
    i++;
  /* XML, JSON and binary files are not tables */
  if (i >= length || text[i] == '<' || text[i] == '{' || text[i] == '[' || memchr (text, '\0', length) != NULL)
    return 0;
  delimiter = sitmap_csv_sniff_delimiter (text, length, &n_columns);
  if (delimiter == 0)
    return 0;
  sitmap_csv_scanner_init (&scanner, text, text + length, delimiter);
  sitmap_csv_scan_row (&scanner, fields, G_N_ELEMENTS (fields), &n, &bad);
  headers = g_ptr_array_new_with_free_func (g_free);
  scratch = g_string_new (NULL);
  for (guint k = 0; k < MIN (n, G_N_ELEMENTS (fields)); k++)
    {
      gsize field_length;
      const char *field = sitmap_csv_field_text (&fields[k], delimiter, scratch, &field_length);

      g_ptr_array_add (headers, g_strndup (field, field_length));
    }
  if (sitmap_csv_is_acled_header ((const char *const *) headers->pdata, headers->len))
    return 90;
  return 15;
}

/*
 * --columns
 */

static char *
dup_field_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      if (f > 0)
        g_string_append (names, ", ");
      g_string_append (names, sitmap_import_field_get_name (f));
    }
  return g_string_free (names, FALSE);
}

/* A column's name from p: in double quotes (with "" for a quote) or up to the next comma, trimmed */
static char *
read_column_name (const char **p, GError **error)
{
  GString *name = g_string_new (NULL);
  const char *q = *p;

  while (*q == ' ')
    q++;
  if (*q == '"')
    {
      for (q++;; q++)
        {
          if (*q == '\0')
            {
              g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                   _("--columns: a quoted column name does not end"));
              g_string_free (name, TRUE);
              return NULL;
            }
          if (*q == '"' && q[1] == '"')
            q++;
          else if (*q == '"')
            break;
          g_string_append_c (name, *q);
        }
      q++;
      while (*q == ' ')
        q++;
      if (*q != ',' && *q != '\0')
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--columns: after a quoted column name comes a comma or the end"));
          g_string_free (name, TRUE);
          return NULL;
        }
    }
  else
    {
      while (*q != ',' && *q != '\0')
        g_string_append_c (name, *q++);
      while (name->len > 0 && name->str[name->len - 1] == ' ')
        g_string_truncate (name, name->len - 1);
    }
  *p = q;
  return g_string_free (name, FALSE);
}

gboolean
sitmap_csv_parse_columns (const char *spec, SitmapImport *import, GError **error)
{
  g_autoptr (GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = spec;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  while (*p != '\0')
    {
      const char *equals, *start;
      g_autofree char *field = NULL;
      char *column;
      gboolean known = FALSE;

      while (*p == ' ' || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      equals = strchr (p, '=');
      if (equals == NULL || (strchr (p, ',') != NULL && strchr (p, ',') < equals))
        {
          g_autofree char *pair = g_strndup (start, strcspn (start, ","));

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* TRANSLATORS: %s is what the user wrote; FIELD and COLUMN are placeholders */
                       _("--columns: “%s” has no “=”: write FIELD=COLUMN, for example latitude=lat"), pair);
          return FALSE;
        }
      field = g_strstrip (g_strndup (start, equals - start));
      for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
        known |= strcmp (field, sitmap_import_field_get_name (f)) == 0;
      if (!known)
        {
          g_autofree char *names = dup_field_names ();

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--columns: “%s” is not a field; the fields are %s"), field, names);
          return FALSE;
        }
      if (g_hash_table_contains (given, field))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--columns: “%s” is given twice"), field);
          return FALSE;
        }
      p = equals + 1;
      column = read_column_name (&p, error);
      if (column == NULL)
        return FALSE;
      g_hash_table_insert (given, g_steal_pointer (&field), column);
    }
  if (g_hash_table_size (given) == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--columns: no column is given: write FIELD=COLUMN, for example latitude=lat,longitude=lon"));
      return FALSE;
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, given);
    while (g_hash_table_iter_next (&iter, &key, &value))
      sitmap_import_set_option (import, key, value);
  }
  return TRUE;
}
