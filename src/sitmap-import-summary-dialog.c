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
  GtkWidget      *links_box;
  GtkListBox     *links_list;
};

enum
{
  IMPORT_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  gtk_widget_class_bind_template_child (widget_class, SitmapImportSummaryDialog, links_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapImportSummaryDialog, links_list);

  /**
   * SitmapImportSummaryDialog::import-link:
   * @index: the link's index in the report
   *
   * The user asked for the file a link names to be imported.
   */
  signals[IMPORT_LINK] = g_signal_new ("import-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
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

static void
import_clicked_cb (GtkButton *button, SitmapImportSummaryDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sitmap-link-index"));

  /* One import a link: the window says how it goes */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  g_signal_emit (self, signals[IMPORT_LINK], 0, index);
}

static GtkWidget *
new_link_row (SitmapImportSummaryDialog *self, SitmapImportReport *report, guint index)
{
  guint line = 0;
  const char *shown = sitmap_import_report_get_link (report, index, &line);
  const char *uri = sitmap_import_report_get_link_uri (report, index);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import"));
  g_autofree char *where = line > 0 ? g_strdup_printf (_("Line %u"), line) : NULL;

  /* The address is the file's text: plain, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  if (where != NULL)
    adw_action_row_set_subtitle (row, where);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, uri != NULL);
  gtk_widget_set_tooltip_text (button, uri != NULL ? _("Load the file this link names and import its events")
                                                   : _("This link is not an address Sitmap can follow"));
  g_object_set_data (G_OBJECT (button), "sitmap-link-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (import_clicked_cb), self);
  adw_action_row_add_suffix (row, button);
  return GTK_WIDGET (row);
}

void
sitmap_import_summary_dialog_set_links (SitmapImportSummaryDialog *self, SitmapImportReport *report)
{
  GtkWidget *child;
  guint n;

  g_return_if_fail (SITMAP_IS_IMPORT_SUMMARY_DIALOG (self));
  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (report));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->links_list))) != NULL)
    gtk_list_box_remove (self->links_list, child);
  n = MIN (sitmap_import_report_get_n_links (report), SITMAP_IMPORT_REPORT_MAX_KEPT);
  for (guint i = 0; i < n && sitmap_import_report_get_link (report, i, NULL) != NULL; i++)
    gtk_list_box_append (self->links_list, new_link_row (self, report, i));
  gtk_widget_set_visible (self->links_box, gtk_widget_get_first_child (GTK_WIDGET (self->links_list)) != NULL);
  /* Room for the list too, a few rows of it before it scrolls */
  if (gtk_widget_get_visible (self->links_box))
    gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
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
