/* sitmap-mapping-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-mapping-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-mapping-dialog.h"

struct _SitmapMappingDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwPreferencesGroup  *group;

  GStrv                 columns; /* the file's, as the reader gave them */
  guint                 required;
  AdwComboRow          *rows[SITMAP_IMPORT_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (SitmapMappingDialog, sitmap_mapping_dialog, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows list "None" first, then the columns: item i + 1 is column i. */
#define NONE_ITEM 0

/*
 * Auxiliary methods
 */

/* A column without a name is called by its number, as the command line's --columns names it. */
static char *
column_label (const char *name, guint index)
{
  if (name == NULL || *name == '\0')
    /* TRANSLATORS: a column of a table that has no name in the file, by its number */
    return g_strdup_printf (_("Column %u"), index + 1);
  return g_strdup (name);
}

static GListModel *
column_model (SitmapMappingDialog *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  /* TRANSLATORS: in the column mapping dialog, a field that no column holds */
  gtk_string_list_append (list, _("None"));
  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      g_autofree char *label = column_label (self->columns[i], i);

      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static gboolean
is_complete (SitmapMappingDialog *self)
{
  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    if ((self->required & (1u << f)) && sitmap_mapping_dialog_get_choice (self, f) < 0)
      return FALSE;
  return TRUE;
}

static void
update_import (SitmapMappingDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.import", is_complete (self));
}

static void
add_rows (SitmapMappingDialog *self, SitmapImport *import)
{
  g_autoptr (GListModel) model = column_model (self);

  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      int guess = sitmap_import_get_guess (import, f);

      /* Row titles are markup by default; ours are plain words. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sitmap_import_field_get_label (f));
      if (self->required & (1u << f))
        /* TRANSLATORS: under a field of the column mapping dialog that must be chosen */
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required"));
      adw_combo_row_set_model (row, model);
      adw_combo_row_set_use_subtitle (row, FALSE);
      adw_combo_row_set_selected (row, guess >= 0 && (guint) guess < g_strv_length (self->columns) ? (guint) guess + 1
                                                                                                 : NONE_ITEM);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (update_import), self);
      adw_preferences_group_add (self->group, GTK_WIDGET (row));
      self->rows[f] = row;
    }
}

/*
 * Callbacks
 */

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapMappingDialog *self = SITMAP_MAPPING_DIALOG (widget);

  if (!is_complete (self))
    return;
  g_signal_emit (self, signals[CHOSEN], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/*
 * GObject
 */

static void
sitmap_mapping_dialog_finalize (GObject *object)
{
  SitmapMappingDialog *self = (SitmapMappingDialog *) object;

  g_strfreev (self->columns);
  G_OBJECT_CLASS (sitmap_mapping_dialog_parent_class)->finalize (object);
}

static void
sitmap_mapping_dialog_class_init (SitmapMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sitmap_mapping_dialog_finalize;

  /* The user pressed Import: read the choices with sitmap_mapping_dialog_apply(). */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sitmap/Sitmap/ui/sitmap-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapMappingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitmapMappingDialog, group);
  gtk_widget_class_install_action (widget_class, "mapping.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitmap_mapping_dialog_init (SitmapMappingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

SitmapMappingDialog *
sitmap_mapping_dialog_new (GtkWindow *parent, const char *file_name, SitmapImport *import, guint required)
{
  SitmapMappingDialog *self;
  const char *const *columns;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (import != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_MAPPING_DIALOG, "transient-for", parent, NULL);
  columns = sitmap_import_get_columns (import);
  self->columns = g_strdupv ((char **) (columns ? columns : (const char *const[]) { NULL }));
  self->required = required;
  adw_window_title_set_subtitle (self->window_title, file_name);
  add_rows (self, import);
  update_import (self);
  return self;
}

int
sitmap_mapping_dialog_get_choice (SitmapMappingDialog *self, SitmapImportField field)
{
  guint selected;

  g_return_val_if_fail (SITMAP_IS_MAPPING_DIALOG (self), -1);
  g_return_val_if_fail (field < SITMAP_IMPORT_N_FIELDS, -1);

  selected = adw_combo_row_get_selected (self->rows[field]);
  return selected == NONE_ITEM || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

void
sitmap_mapping_dialog_set_choice (SitmapMappingDialog *self, SitmapImportField field, int column)
{
  g_return_if_fail (SITMAP_IS_MAPPING_DIALOG (self));
  g_return_if_fail (field < SITMAP_IMPORT_N_FIELDS);
  g_return_if_fail (column >= -1 && column < (int) g_strv_length (self->columns));

  adw_combo_row_set_selected (self->rows[field], (guint) (column + 1));
}

void
sitmap_mapping_dialog_apply (SitmapMappingDialog *self, SitmapImport *import)
{
  g_return_if_fail (SITMAP_IS_MAPPING_DIALOG (self));
  g_return_if_fail (import != NULL);

  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      int column = sitmap_mapping_dialog_get_choice (self, f);
      g_autofree char *value = NULL;

      if (column < 0)
        value = g_strdup ("");
      else if (*self->columns[column] == '\0')
        value = g_strdup_printf ("#%d", column + 1);
      else
        value = g_strdup (self->columns[column]);
      sitmap_import_set_option (import, sitmap_import_field_get_name (f), value);
    }
}
