/* sitmap-import-summary-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-import-summary-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-import-summary-dialog.h"

struct _SitmapImportSummaryDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkLabel       *summary_label;
  GtkTextView    *text_view;
};

G_DEFINE_FINAL_TYPE (SitmapImportSummaryDialog, sitmap_import_summary_dialog, ADW_TYPE_WINDOW)

/*
 * Callbacks
 */

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapImportSummaryDialog *self = SITMAP_IMPORT_SUMMARY_DIALOG (widget);
  g_autofree char *text = sitmap_import_summary_dialog_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/*
 * GObject
 */

static void
sitmap_import_summary_dialog_class_init (SitmapImportSummaryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitmap/Sitmap/ui/sitmap-import-summary-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapImportSummaryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitmapImportSummaryDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapImportSummaryDialog, text_view);
  gtk_widget_class_install_action (widget_class, "summary.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitmap_import_summary_dialog_init (SitmapImportSummaryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

SitmapImportSummaryDialog *
sitmap_import_summary_dialog_new (GtkWindow *parent, const char *title, const char *summary, const char *text)
{
  SitmapImportSummaryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (summary != NULL && text != NULL, NULL);

  self = g_object_new (SITMAP_TYPE_IMPORT_SUMMARY_DIALOG, "transient-for", parent, NULL);
  if (title != NULL)
    adw_window_title_set_subtitle (self->window_title, title);
  gtk_label_set_text (self->summary_label, summary);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  return self;
}

const char *
sitmap_import_summary_dialog_get_summary (SitmapImportSummaryDialog *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_SUMMARY_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

char *
sitmap_import_summary_dialog_dup_text (SitmapImportSummaryDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SITMAP_IS_IMPORT_SUMMARY_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
