/* sitmap-document-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-document-io"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-atomic-write.h"
#include "sitmap-document-io.h"
#include "sitmap-error.h"
#include "sitmap-format.h"
#include "sitmap-kml-writer.h"
#include "sitmap-load-bytes.h"
#include "sitmap-xml-input.h"

/*
 * Errors that name the file
 */

/* GIO's messages name the file by its full path; ours by the name the user sees, in plain words where
 * the cause is a common one. The domain and code stay GIO's, so that callers can tell them apart.
 * Takes error; returns the error to report. */
static GError *
name_file_error (const char *display_name, GError *error, gboolean writing)
{
  const char *what;
  GError *named;

  if (error->code == G_IO_ERROR_CANCELLED && error->domain == G_IO_ERROR)
    return error;
  if (error->domain != G_IO_ERROR)
    {
      /* TRANSLATORS: a file name, then what went wrong with it */
      named = g_error_new (error->domain, error->code, _("%s: %s"), display_name, error->message);
      g_error_free (error);
      return named;
    }
  switch (error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      what = writing ? _("the folder it should be saved in does not exist") : _("the file does not exist");
      break;
    case G_IO_ERROR_PERMISSION_DENIED:
      what = writing ? _("you are not allowed to write it here") : _("you are not allowed to read it");
      break;
    case G_IO_ERROR_IS_DIRECTORY:
      what = _("it is a folder, not a file");
      break;
    case G_IO_ERROR_NO_SPACE:
      what = _("the disk is full");
      break;
    case G_IO_ERROR_READ_ONLY:
      what = _("the disk can only be read");
      break;
    default:
      what = error->message;
      break;
    }
  /* TRANSLATORS: a file name, then what went wrong with it */
  named = g_error_new (error->domain, error->code, _("%s: %s"), display_name, what);
  g_error_free (error);
  return named;
}

/* The name a file being written is shown by. */
static char *
dup_target_name (GFile *file)
{
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return sitmap_file_dup_display_name (file, info);
}

/*
 * Loading
 */

typedef struct
{
  GFile        *file;
  SitmapImport *import;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->import, sitmap_import_unref);
  g_free (data);
}

SitmapDocument *
sitmap_document_read_bytes (GBytes *bytes, const SitmapFormat *format, SitmapImport *import, GError **error)
{
  const char *display_name = sitmap_import_get_display_name (import);
  SitmapImportReport *report = sitmap_import_get_report (import);
  SitmapDocument *document;

  if (format == NULL && (format = sitmap_format_detect (bytes, display_name, error)) == NULL)
    return NULL;
  if (format->read == NULL)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT,
                   /* TRANSLATORS: a file name, then a format's name ("GeoRSS") */
                   _("%s: Sitmap does not read %s"), display_name, _(format->name));
      return NULL;
    }
  sitmap_import_report_set_format_name (report, _(format->name));
  document = format->read (bytes, import, error);
  if (document == NULL)
    return NULL;
  sitmap_import_report_set_n_events (report, sitmap_document_get_n_events (document));
  sitmap_import_set_progress (import, 1.0);
  return document;
}

SitmapDocument *
sitmap_document_read_file (GFile              *file,
                           const SitmapFormat *format,
                           SitmapImport       *import,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  SitmapDocument *document;
  GError *local = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sitmap_xml_init ();
  bytes = sitmap_load_bytes (file, cancellable, &display_name, &local);
  if (bytes == NULL)
    {
      g_propagate_error (error, name_file_error (display_name, local, FALSE));
      return NULL;
    }
  sitmap_import_begin (import, display_name, cancellable);
  document = sitmap_document_read_bytes (bytes, format, import, error);
  /* Nobody else holds the new document yet, so setting its file here is safe in any thread. */
  if (document != NULL)
    sitmap_document_set_file (document, file);
  return document;
}

static void
load_thread_cb (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  SitmapDocument *document = sitmap_document_read_file (data->file, NULL, data->import, cancellable, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
sitmap_document_load_async (GFile              *file,
                            SitmapImport       *import,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  sitmap_xml_init ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_document_load_async);
  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->import = import ? sitmap_import_ref (import) : sitmap_import_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread_cb);
}

SitmapDocument *
sitmap_document_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sitmap_document_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Saving
 */

/* Why a save failed, in words, and that the file is as it was (or, new, was not made). The domain and code
 * stay the cause's. Takes error. */
static GError *
describe_save_error (const char *display_name, GError *error, gboolean existed)
{
  g_autofree char *outcome = NULL;
  const char *why;
  GError *described;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  /* TRANSLATORS: what a failed save left; %s is a file name */
  outcome = g_strdup_printf (existed ? _("“%s” was not changed") : _("“%s” was not saved"), display_name);
  if (error->domain != G_IO_ERROR)
    why = error->message;
  else
    switch (error->code)
      {
      case G_IO_ERROR_NO_SPACE: why = _("The disk is full"); break;
      case G_IO_ERROR_PERMISSION_DENIED: why = _("You are not allowed to write there"); break;
      case G_IO_ERROR_READ_ONLY: why = _("The disk or folder can only be read"); break;
      case G_IO_ERROR_NOT_FOUND: why = _("The folder to save in does not exist"); break;
      case G_IO_ERROR_IS_DIRECTORY: why = _("A folder has that name"); break;
      default: why = error->message; break;
      }
  /* TRANSLATORS: why a save failed ("The disk is full"), then what it left ("“a.kml” was not changed") */
  described = g_error_new (error->domain, error->code, _("%s: %s."), why, outcome);
  g_error_free (error);
  return described;
}

gboolean
sitmap_document_save (SitmapDocument *document, GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (SitmapAtomicFile) output = NULL;
  gboolean existed;
  GError *local = NULL;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sitmap_xml_init ();
  existed = g_file_query_exists (file, cancellable);
  output = sitmap_atomic_file_new (file, cancellable, &local);
  if (output != NULL)
    {
      sitmap_atomic_file_set_backup (output, TRUE);
      if (sitmap_kml_write_atomic (document, output, cancellable, &local) &&
          sitmap_atomic_file_commit (output, &local))
        return TRUE;
    }
  {
    g_autofree char *display_name = dup_target_name (file);

    g_propagate_error (error, describe_save_error (display_name, local, existed));
  }
  return FALSE;
}

/*
 * Exporting
 */

gboolean
sitmap_document_export (SitmapDocument     *document,
                        GArray             *positions,
                        const SitmapFormat *format,
                        GFile              *file,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autofree char *display_name = NULL;
  GError *local = NULL;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = dup_target_name (file);
  if (format->write == NULL)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT,
                   /* TRANSLATORS: a file name, then a format's name ("GeoRSS") */
                   _("%s: Sitmap does not write %s"), display_name, _(format->name));
      return FALSE;
    }
  sitmap_xml_init ();
  if (format->write (document, positions, file, cancellable, &local))
    return TRUE;
  g_propagate_error (error, name_file_error (display_name, local, TRUE));
  return FALSE;
}

/*
 * Writing in a thread: a save (no format) or an export
 */

typedef struct
{
  SitmapDocument     *document;
  GArray             *positions;
  const SitmapFormat *format; /* NULL for a save */
  GFile              *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->document);
  g_clear_pointer (&data->positions, g_array_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static void
write_thread_cb (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;
  gboolean written;

  if (data->format == NULL)
    written = sitmap_document_save (data->document, data->file, cancellable, &error);
  else
    written = sitmap_document_export (data->document, data->positions, data->format, data->file, cancellable,
                                      &error);
  /* The document was held for this thread when the task started: edits wait until it is written */
  sitmap_document_end_reading (data->document);
  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_write (SitmapDocument     *document,
             GArray             *positions,
             const SitmapFormat *format,
             GFile              *file,
             GCancellable       *cancellable,
             gpointer            source_tag,
             GAsyncReadyCallback callback,
             gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  WriteData *data = g_new0 (WriteData, 1);

  sitmap_xml_init ();
  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  data->document = g_object_ref (document);
  data->positions = positions ? g_array_ref (positions) : NULL;
  data->format = format;
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  sitmap_document_begin_reading (document);
  g_task_run_in_thread (task, write_thread_cb);
}

static gboolean
write_finish (GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sitmap_document_save_async (SitmapDocument     *document,
                            GFile              *file,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_write (document, NULL, NULL, file, cancellable, sitmap_document_save_async, callback, user_data);
}

gboolean
sitmap_document_save_finish (GAsyncResult *result, GError **error)
{
  return write_finish (result, sitmap_document_save_async, error);
}

void
sitmap_document_export_async (SitmapDocument     *document,
                              GArray             *positions,
                              const SitmapFormat *format,
                              GFile              *file,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (format != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_write (document, positions, format, file, cancellable, sitmap_document_export_async, callback, user_data);
}

gboolean
sitmap_document_export_finish (GAsyncResult *result, GError **error)
{
  return write_finish (result, sitmap_document_export_async, error);
}
