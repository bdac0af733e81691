/* sitmap-blank-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-blank-source"

#include "config.h"

#include "sitmap-blank-source.h"

struct _SitmapBlankSource
{
  ShumateDataSource parent_instance;
};

G_DEFINE_FINAL_TYPE (SitmapBlankSource, sitmap_blank_source, SHUMATE_TYPE_DATA_SOURCE)

static void
sitmap_blank_source_get_tile_data_async (ShumateDataSource  *source,
                                         int                 x,
                                         int                 y,
                                         int                 zoom_level,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  g_task_report_new_error (source, callback, user_data, sitmap_blank_source_get_tile_data_async, G_IO_ERROR,
                           G_IO_ERROR_NOT_FOUND, "No tiles");
}

static void
sitmap_blank_source_class_init (SitmapBlankSourceClass *klass)
{
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = sitmap_blank_source_get_tile_data_async;
}

static void
sitmap_blank_source_init (SitmapBlankSource *self)
{
}

SitmapBlankSource *
sitmap_blank_source_new (void)
{
  return g_object_new (SITMAP_TYPE_BLANK_SOURCE, NULL);
}
