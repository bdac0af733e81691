/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <stdlib.h>

#include "sitmap-error.h"
#include "sitmap-event.h"
#include "sitmap-import.h"

static GLogWriterOutput
quiet_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      /* GLib ends a fatal message with a breakpoint (SIGTRAP), which libFuzzer does not catch: abort, so
       * that it reports the stack and keeps the input. */
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
}

void
fuzz_check_message (const char *what, const char *text)
{
  const char *end = NULL;

  if (text == NULL || *text == '\0')
    g_error ("%s: empty", what);
  if (!g_utf8_validate (text, -1, &end))
    g_error ("%s: invalid UTF-8 at byte %" G_GSIZE_FORMAT, what, (gsize)(end - text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
          g_error ("%s: raw U+%04X at byte %" G_GSIZE_FORMAT ": %s", what, c, (gsize)(p - text), text);
        default:
          break;
        }
    }
}

static void
check_report (SitmapImport *import)
{
  SitmapImportReport *report = sitmap_import_get_report (import);
  g_autofree char    *text = sitmap_import_report_dup_text (report);
  g_autofree char    *summary = sitmap_import_report_dup_summary (report);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_utf8_validate (summary, -1, NULL));
  for (guint i = 0; i < sitmap_import_report_get_n_kept (report); i++)
    fuzz_check_message ("skipped", sitmap_import_report_get_skipped (report, i, NULL, NULL));
  for (guint i = 0; i < sitmap_import_report_get_n_notes (report); i++)
    fuzz_check_message ("note", sitmap_import_report_get_note (report, i, NULL, NULL));
}

static SitmapDocument *
read_once (const SitmapFormat *format, const char *display_name, GBytes *bytes, SitmapImport *import, GError **error)
{
  SitmapDocument *document;

  sitmap_import_begin (import, display_name, NULL);
  document = format->read (bytes, import, error);
  g_assert_true ((document == NULL) != (*error == NULL));
  if (*error != NULL)
    fuzz_check_message ("error", (*error)->message);
  else
    check_report (import);
  return document;
}

/* The options the mapping dialog would offer: each field set to the column the reader guessed. */
static gboolean
apply_guesses (SitmapImport *import)
{
  const char *const *columns = sitmap_import_get_columns (import);
  guint              n_columns = columns ? g_strv_length ((char **)columns) : 0;
  gboolean           any = FALSE;

  for (int field = 0; field < SITMAP_IMPORT_N_FIELDS; field++)
    {
      int guess = sitmap_import_get_guess (import, field);

      if (guess < 0 || (guint)guess >= n_columns)
        continue;
      sitmap_import_set_option (import, sitmap_import_field_get_name (field), columns[guess]);
      any = TRUE;
    }
  return any;
}

SitmapDocument *
fuzz_read (const SitmapFormat *format, const char *display_name, GBytes *bytes)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = read_once (format, display_name, bytes, import, &error);

  if (document == NULL && g_error_matches (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING))
    {
      g_autoptr (SitmapImport) again = sitmap_import_new ();

      /* A second read with the guesses, as the dialog's OK gives them. */
      sitmap_import_set_columns (again, sitmap_import_get_columns (import));
      for (int field = 0; field < SITMAP_IMPORT_N_FIELDS; field++)
        sitmap_import_set_guess (again, field, sitmap_import_get_guess (import, field));
      if (apply_guesses (again))
        {
          g_clear_error (&error);
          document = read_once (format, display_name, bytes, again, &error);
        }
    }
  return document;
}

static void
check_utf8 (const char *what, const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("%s: invalid UTF-8 in a document", what);
}

void
fuzz_walk_document (SitmapDocument *document, guint max_events)
{
  guint n = MIN (sitmap_document_get_n_events (document), max_events);

  check_utf8 ("document title", sitmap_document_get_title (document));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, i);
      g_autofree char *when = NULL;
      SitmapTime       time;
      double           latitude, longitude;
      guint            n_actors = 0;
      const char *const *actors;

      check_utf8 ("id", sitmap_event_get_id (event));
      check_utf8 ("title", sitmap_event_get_title (event));
      check_utf8 ("summary", sitmap_event_get_summary (event));
      check_utf8 ("place name", sitmap_event_get_place_name (event));
      actors = sitmap_event_get_actors (event, &n_actors);
      for (guint a = 0; a < n_actors; a++)
        check_utf8 ("actor", actors[a]);
      for (guint a = 0; a < sitmap_event_get_n_attributes (event); a++)
        {
          const char *value = NULL;

          check_utf8 ("attribute name", sitmap_event_get_attribute (event, a, &value));
          check_utf8 ("attribute value", value);
        }
      if (sitmap_event_get_location (event, &latitude, &longitude))
        {
          g_assert_true (latitude >= -90 && latitude <= 90);
          g_assert_true (longitude >= -180 && longitude <= 180);
        }
      sitmap_event_get_time (event, &time);
      when = sitmap_time_describe (&time);
      check_utf8 ("time", when);
    }
}
