/* sitmap-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-import"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>

#include "sitmap-import.h"

/* Progress is kept in millionths, so that a poll from another thread reads a whole value. */
#define PROGRESS_SCALE 1000000

struct _SitmapImport
{
  char               *display_name;
  GCancellable       *cancellable;
  int                 progress; /* atomic, in millionths */
  GHashTable         *options;  /* name → value */
  GStrv               columns;
  int                 guesses[SITMAP_IMPORT_N_FIELDS];
  SitmapImportReport *report;
};

static void
import_clear (gpointer data)
{
  SitmapImport *self = data;

  g_free (self->display_name);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->options);
  g_strfreev (self->columns);
  g_clear_object (&self->report);
}

SitmapImport *
sitmap_import_new (void)
{
  SitmapImport *self = g_atomic_rc_box_new0 (SitmapImport);

  self->display_name = g_strdup (_("Untitled"));
  self->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->report = sitmap_import_report_new (self->display_name);
  for (guint i = 0; i < SITMAP_IMPORT_N_FIELDS; i++)
    self->guesses[i] = -1;
  return self;
}

SitmapImport *
sitmap_import_ref (SitmapImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sitmap_import_unref (SitmapImport *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, import_clear);
}

void
sitmap_import_begin (SitmapImport *self, const char *display_name, GCancellable *cancellable)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_set_object (&self->cancellable, cancellable);
  sitmap_import_report_set_display_name (self->report, display_name);
}

const char *
sitmap_import_get_display_name (SitmapImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

GCancellable *
sitmap_import_get_cancellable (SitmapImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cancellable;
}

gboolean
sitmap_import_cancelled (SitmapImport *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

void
sitmap_import_set_progress (SitmapImport *self, double fraction)
{
  g_return_if_fail (self != NULL);

  g_atomic_int_set (&self->progress, (int) (CLAMP (fraction, 0.0, 1.0) * PROGRESS_SCALE));
}

double
sitmap_import_get_progress (SitmapImport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_atomic_int_get (&self->progress) / (double) PROGRESS_SCALE;
}

void
sitmap_import_set_option (SitmapImport *self, const char *name, const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (self->options, name);
  else
    g_hash_table_insert (self->options, g_strdup (name), g_strdup (value));
}

const char *
sitmap_import_get_option (SitmapImport *self, const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->options, name);
}

static const struct
{
  const char *name;
  const char *label;
} fields[SITMAP_IMPORT_N_FIELDS] = {
  [SITMAP_IMPORT_FIELD_ID] = { "id", N_("Identifier") },
  [SITMAP_IMPORT_FIELD_TITLE] = { "title", N_("Title") },
  [SITMAP_IMPORT_FIELD_SUMMARY] = { "summary", N_("Summary") },
  [SITMAP_IMPORT_FIELD_DATE] = { "date", N_("Date") },
  [SITMAP_IMPORT_FIELD_END_DATE] = { "end-date", N_("End date") },
  [SITMAP_IMPORT_FIELD_LATITUDE] = { "latitude", N_("Latitude") },
  [SITMAP_IMPORT_FIELD_LONGITUDE] = { "longitude", N_("Longitude") },
  [SITMAP_IMPORT_FIELD_PLACE] = { "place", N_("Place") },
  [SITMAP_IMPORT_FIELD_CATEGORY] = { "category", N_("Category") },
  [SITMAP_IMPORT_FIELD_FATALITIES] = { "fatalities", N_("Killed") },
  [SITMAP_IMPORT_FIELD_SOURCE] = { "source", N_("Source") },
};

const char *
sitmap_import_field_get_name (SitmapImportField field)
{
  g_return_val_if_fail (field < SITMAP_IMPORT_N_FIELDS, NULL);

  return fields[field].name;
}

const char *
sitmap_import_field_get_label (SitmapImportField field)
{
  g_return_val_if_fail (field < SITMAP_IMPORT_N_FIELDS, NULL);

  return _(fields[field].label);
}

void
sitmap_import_set_columns (SitmapImport *self, const char *const *columns)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) columns);
}

const char *const *
sitmap_import_get_columns (SitmapImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *const *) self->columns;
}

void
sitmap_import_set_guess (SitmapImport *self, SitmapImportField field, int column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field < SITMAP_IMPORT_N_FIELDS);
  g_return_if_fail (column >= -1);

  self->guesses[field] = column;
}

int
sitmap_import_get_guess (SitmapImport *self, SitmapImportField field)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (field < SITMAP_IMPORT_N_FIELDS, -1);

  return self->guesses[field];
}

void
sitmap_import_skip (SitmapImport *self, guint line, guint column, const char *format, ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  /* Past what the report keeps, only the count matters: a file of a million bad rows formats none. */
  if (sitmap_import_report_get_n_skipped (self->report) >= SITMAP_IMPORT_REPORT_MAX_KEPT)
    {
      sitmap_import_report_add_skipped (self->report, line, column, "");
      return;
    }
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  sitmap_import_report_add_skipped (self->report, line, column, reason);
}

void
sitmap_import_note (SitmapImport *self, guint line, guint column, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sitmap_import_report_add_note (self->report, line, column, text);
}

void
sitmap_import_add_link (SitmapImport *self, guint line, const char *uri)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (uri != NULL);

  sitmap_import_report_add_link (self->report, line, uri);
}

SitmapImportReport *
sitmap_import_get_report (SitmapImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->report;
}
