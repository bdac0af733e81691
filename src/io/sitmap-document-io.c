/* sitmap-document-io.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-document-io"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-document-io.h"
#include "sitmap-error.h"
#include "sitmap-format.h"
#include "sitmap-kml-writer.h"
#include "sitmap-load-bytes.h"
#include "sitmap-xml-input.h"

typedef struct
{
  SitmapDocument *document;
  GFile          *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->document);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/*
 * Errors that name the file
 */

static char *
dup_display_name (GFile *file, GFileInfo *info)
{
  g_autofree char *basename = NULL;

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    return g_strdup (g_file_info_get_display_name (info));
  basename = g_file_get_basename (file);
  return basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

/* GIO's messages name the file by its full path; ours by the name the user sees, in plain words where
 * the cause is a common one. The domain and code stay GIO's, so that callers can tell them apart. */
static void
return_file_error (GTask *task, const char *display_name, GError *error, gboolean writing)
{
  const char *what;

  if (error->code == G_IO_ERROR_CANCELLED && error->domain == G_IO_ERROR)
    {
      g_task_return_error (task, error);
      return;
    }
  if (error->domain != G_IO_ERROR)
    {
      /* TRANSLATORS: a file name, then what went wrong with it */
      g_task_return_new_error (task, error->domain, error->code, _("%s: %s"), display_name, error->message);
      g_error_free (error);
      return;
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
  g_task_return_new_error (task, error->domain, error->code, _("%s: %s"), display_name, what);
  g_error_free (error);
}

/*
 * Loading
 */

/* The file's bytes, or NULL with the task's error returned. */
static GBytes *
load_bytes (GTask *task, GFile *file, GCancellable *cancellable, char **display_name)
{
  GError *error = NULL;
  GBytes *bytes = sitmap_load_bytes (file, cancellable, display_name, &error);

  if (bytes == NULL)
    return_file_error (task, *display_name, error, FALSE);
  return bytes;
}

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

/* The document in the file, read by the reader of its format. */
static SitmapDocument *
read_document (GBytes *bytes, SitmapImport *import, GError **error)
{
  const char *display_name = sitmap_import_get_display_name (import);
  SitmapImportReport *report = sitmap_import_get_report (import);
  const SitmapFormat *format = sitmap_format_detect (bytes, display_name, error);
  SitmapDocument *document;

  if (format == NULL)
    return NULL;
  sitmap_import_report_set_format_name (report, _(format->name));
  document = format->read (bytes, import, error);
  if (document == NULL)
    return NULL;
  sitmap_import_report_set_n_events (report, sitmap_document_get_n_events (document));
  sitmap_import_set_progress (import, 1.0);
  return document;
}

static void
load_thread_cb (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autofree char *display_name = NULL;
  g_autoptr (GBytes) bytes = load_bytes (task, data->file, cancellable, &display_name);
  g_autoptr (SitmapDocument) document = NULL;
  GError *error = NULL;

  if (bytes == NULL)
    return;
  sitmap_import_begin (data->import, display_name, cancellable);
  document = read_document (bytes, data->import, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Nobody else holds the new document yet, so setting its file here is safe. */
  sitmap_document_set_file (document, data->file);
  g_task_return_pointer (task, g_steal_pointer (&document), g_object_unref);
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

static void
save_thread_cb (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (!sitmap_kml_write_file (data->document, data->file, cancellable, &error))
    {
      g_autoptr (GFileInfo) info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                      G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autofree char *display_name = dup_display_name (data->file, info);

      return_file_error (task, display_name, error, TRUE);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
sitmap_document_save_async (SitmapDocument     *document,
                            GFile              *file,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (SaveData) data = g_new0 (SaveData, 1);

  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  sitmap_xml_init ();
  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitmap_document_save_async);
  data->document = g_object_ref (document);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, g_steal_pointer (&data), (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread_cb);
}

gboolean
sitmap_document_save_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sitmap_document_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
