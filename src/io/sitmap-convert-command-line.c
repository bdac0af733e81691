/* sitmap-convert-command-line.c: `sitmap --convert IN OUT`, between every format Sitmap reads and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-convert"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-convert-command-line.h"
#include "sitmap-csv-reader.h"
#include "sitmap-document-io.h"
#include "sitmap-error.h"
#include "sitmap-format.h"
#include "sitmap-time.h"

/*
 * Auxiliary methods
 */

int
sitmap_command_line_fail (int status, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("sitmap: %s\n", message);
  return status;
}

/* The ids of the formats that read (or write): "kml, kmz, csv, geojson". */
static char *
dup_format_ids (gboolean writing)
{
  const SitmapFormat *const *formats = sitmap_formats ();
  GString *ids = g_string_new (NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (writing ? formats[i]->write != NULL : formats[i]->read != NULL)
      g_string_append_printf (ids, "%s%s", ids->len > 0 ? ", " : "", formats[i]->id);
  return g_string_free (ids, FALSE);
}

/* The extensions of the formats that write: ".kml, .kmz, .csv, .geojson". */
static char *
dup_write_extensions (void)
{
  const SitmapFormat *const *formats = sitmap_formats ();
  GString *names = g_string_new (NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (formats[i]->write != NULL)
      g_string_append_printf (names, "%s.%s", names->len > 0 ? ", " : "", formats[i]->extensions[0]);
  return g_string_free (names, FALSE);
}

static int
find_input_format (const SitmapConvertRequest *request, const SitmapFormat **format)
{
  g_autofree char *ids = NULL;

  *format = NULL;
  if (request->from_format == NULL)
    return SITMAP_CONVERT_EXIT_OK;
  *format = sitmap_format_find (request->from_format);
  if (*format != NULL && (*format)->read != NULL)
    return SITMAP_CONVERT_EXIT_OK;
  ids = dup_format_ids (FALSE);
  /* TRANSLATORS: what the user gave, then the ids of the formats ("kml, kmz, csv") */
  return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE,
                                   _ ("--from-format “%s” is not a format Sitmap reads: it reads %s"),
                                   request->from_format, ids);
}

/* The format to write: --to-format's, else the one OUT's name ends in. */
static int
find_output_format (const SitmapConvertRequest *request, const SitmapFormat **format)
{
  g_autofree char *ids = dup_format_ids (TRUE);
  g_autofree char *extensions = NULL;

  if (request->to_format != NULL)
    {
      *format = sitmap_format_find (request->to_format);
      if (*format == NULL)
        return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE,
                                         _ ("--to-format “%s” is not a format Sitmap writes: it writes %s"),
                                         request->to_format, ids);
      if ((*format)->write == NULL)
        /* TRANSLATORS: a format's id ("georss"), its name ("GeoRSS"), then the ids of the formats Sitmap writes */
        return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE,
                                         _ ("--to-format %s: Sitmap reads %s but does not write it; it writes %s"),
                                         request->to_format, _ ((*format)->name), ids);
      return SITMAP_CONVERT_EXIT_OK;
    }
  *format = sitmap_format_for_name (request->output);
  if (*format != NULL && (*format)->write != NULL)
    return SITMAP_CONVERT_EXIT_OK;
  extensions = dup_write_extensions ();
  if (*format != NULL)
    /* TRANSLATORS: a file name, a format's name ("GeoRSS"), the extensions Sitmap writes, then the ids */
    return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE,
                 _("“%s” names a %s file, which Sitmap reads but does not write: end the name in %s, or give "
                   "--to-format (%s)"),
                 request->output, _((*format)->name), extensions, ids);
  /* TRANSLATORS: a file name, the extensions Sitmap writes (".kml, .csv"), then the ids of the formats */
  return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE,
               _("Cannot tell which format to write “%s” in from its name: end it in %s, or give --to-format (%s)"),
               request->output, extensions, ids);
}

/* A column's name as --columns takes it, inside the shell's single quotes: in double quotes when it holds
 * what would end it, a double quote doubled. A name that cannot be shown as it is (a line break, a control
 * or bidi character: the file's text never reaches the terminal raw) or that holds a single quote is given by
 * its number in a table, and shown escaped otherwise. */
static void
append_column (GString *spec, const char *column, guint index, gboolean table)
{
  g_autofree char *shown = sitmap_quote_text (column);
  gsize n = strlen (shown);
  gboolean quote;

  if (table && (strcmp (shown, column) != 0 || strchr (column, '\'') != NULL))
    {
      g_string_append_printf (spec, "#%u", index + 1);
      return;
    }
  quote = strpbrk (shown, ",=\"") != NULL || (n > 0 && (shown[0] == ' ' || shown[n - 1] == ' '));
  if (quote)
    g_string_append_c (spec, '"');
  for (const char *p = shown; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (spec, "\"\"");
      else if (*p == '\'')
        g_string_append (spec, "'\\''");
      else
        g_string_append_c (spec, *p);
    }
  if (quote)
    g_string_append_c (spec, '"');
}

/* Whether the file was read as a table, whose events need their coordinates' columns named (a GeoJSON
 * feature has its geometry, and only its time may need naming). */
static gboolean
read_as_table (SitmapImport *import)
{
  const char *read_as = sitmap_import_report_get_format_name (sitmap_import_get_report (import));

  return g_strcmp0 (read_as, _(sitmap_format_find ("csv")->name)) == 0;
}

/* The --columns the reader's guesses make; for a table, with the coordinates to fill in when it has no
 * guess for them. */
static char *
dup_columns_example (SitmapImport *import, const char *const *columns)
{
  guint n_columns = g_strv_length ((char **) columns);
  GString *spec = g_string_new ("--columns '");
  gboolean table = read_as_table (import);
  gboolean first = TRUE;

  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      int guess = sitmap_import_get_guess (import, f);
      gboolean coordinate = f == SITMAP_IMPORT_FIELD_LATITUDE || f == SITMAP_IMPORT_FIELD_LONGITUDE;

      if ((guess < 0 || (guint) guess >= n_columns) && !(table && coordinate))
        continue;
      g_string_append_printf (spec, "%s%s=", first ? "" : ",", sitmap_import_field_get_name (f));
      first = FALSE;
      if (guess < 0 || (guint) guess >= n_columns)
        /* TRANSLATORS: a placeholder for a column's name, in --columns latitude=COLUMN */
        g_string_append (spec, _("COLUMN"));
      else
        append_column (spec, columns[guess], guess, table);
    }
  g_string_append_c (spec, '\'');
  return g_string_free (spec, FALSE);
}

/* After the reader's message: the columns it found, quoted as document text is (unless the message names
 * them, as when the user's --columns named none of them), and a --columns to try. */
static void
say_columns (SitmapImport *import, gboolean listed)
{
  const char *const *columns = sitmap_import_get_columns (import);
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *example = NULL;

  if (columns == NULL || columns[0] == NULL)
    return;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *quoted = sitmap_quote_text (columns[i]);

      g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", quoted);
    }
  example = dup_columns_example (import, columns);
  if (!listed && read_as_table (import))
    /* TRANSLATORS: the table's columns, quoted ("“lat”, “lon”") */
    sitmap_command_line_fail (SITMAP_CONVERT_EXIT_FAILED, _("the columns are %s"), list->str);
  else if (!listed)
    /* TRANSLATORS: the names of the features' properties, quoted ("“time”, “mag”") */
    sitmap_command_line_fail (SITMAP_CONVERT_EXIT_FAILED, _("the properties are %s"), list->str);
  /* TRANSLATORS: a --columns option, as the user would type it; FIELD and COLUMN are placeholders */
  sitmap_command_line_fail (SITMAP_CONVERT_EXIT_FAILED,
                            _ ("say which column holds what with --columns FIELD=COLUMN,…, for example %s"), example);
}

static int
say_read_error (SitmapImport *import, const GError *error, gboolean columns_given)
{
  g_printerr ("sitmap: %s\n", error->message);
  if (g_error_matches (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING))
    say_columns (import, columns_given);
  return SITMAP_CONVERT_EXIT_FAILED;
}

/*
 * Public API
 */

int
sitmap_convert_run_command_line (const SitmapConvertRequest *request)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GFile) input = NULL;
  g_autoptr (GFile) output = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *report = NULL;
  const SitmapFormat *from, *to;
  guint n_events;
  int status;

  g_return_val_if_fail (request != NULL, SITMAP_CONVERT_EXIT_USAGE);

  if (request->n_files != 2)
    return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE,
                 _("--convert needs two files, IN and OUT (sitmap --convert events.csv events.kml); %d given"),
                 request->n_files);
  if ((status = find_input_format (request, &from)) != SITMAP_CONVERT_EXIT_OK
      || (status = find_output_format (request, &to)) != SITMAP_CONVERT_EXIT_OK)
    return status;
  if (request->columns != NULL && !sitmap_csv_parse_columns (request->columns, import, &error))
    return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE, "%s", error->message);

  input = g_file_new_for_commandline_arg (request->input);
  document = sitmap_document_read_file (input, from, import, NULL, &error);
  if (document == NULL)
    return say_read_error (import, error, request->columns != NULL);
  report = sitmap_import_report_dup_text (sitmap_import_get_report (import));
  g_printerr ("%s", report);

  output = g_file_new_for_commandline_arg (request->output);
  if (!sitmap_document_export (document, NULL, to, output, NULL, &error))
    return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_FAILED, "%s", error->message);
  n_events = sitmap_document_get_n_events (document);
  /* TRANSLATORS: a number of events, a file name, then a format's name ("GeoJSON") */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "sitmap: wrote %'u event to “%s” (%s)\n",
                           "sitmap: wrote %'u events to “%s” (%s)\n", n_events),
              n_events, request->output, _(to->name));
  return SITMAP_CONVERT_EXIT_OK;
}
