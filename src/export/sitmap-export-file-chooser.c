/* sitmap-export-file-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-export-file-chooser.h"

typedef struct
{
  GObject               *owner;
  SitmapExportFileChosen chosen;
} Question;

static void
answer (Question *question, GFile *file)
{
  if (file != NULL)
    question->chosen (question->owner, file);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Question *question = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  answer (question, file);
  g_object_unref (question->owner);
  g_free (question);
}

static void
ask (Question *question, GtkWindow *parent, const char *title, const char *name, GFile *folder,
     GtkFileFilter *filter)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_initial_name (dialog, name);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_default_filter (dialog, filter);
  question->owner = g_object_ref (question->owner);
  gtk_file_dialog_save (dialog, parent, NULL, save_cb, question);
}
#else
/* The chooser open for an owner, held on the owner: destroyed with it, or by the next question. */
#define CHOOSER_KEY "sitmap-export-file-chooser"

static void
destroy_chooser (gpointer data)
{
  gtk_native_dialog_destroy (data);
  g_object_unref (data);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  Question *question = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      answer (question, file);
    }
  g_object_set_data (question->owner, CHOOSER_KEY, NULL);
}

static void
ask (Question *question, GtkWindow *parent, const char *title, const char *name, GFile *folder,
     GtkFileFilter *filter)
{
  GtkNativeDialog *chooser = GTK_NATIVE_DIALOG (
      gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel")));

  g_object_set_data_full (question->owner, CHOOSER_KEY, chooser, destroy_chooser);
  gtk_native_dialog_set_modal (chooser, TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_data (chooser, "response", G_CALLBACK (chooser_response_cb), question,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_native_dialog_show (chooser);
}
#endif

void
sitmap_export_ask_for_file (gpointer               owner,
                            GtkWindow             *parent,
                            const char            *title,
                            const char            *name,
                            GFile                 *folder,
                            GtkFileFilter         *filter,
                            SitmapExportFileChosen chosen)
{
  Question *question;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (title != NULL && name != NULL);
  g_return_if_fail (GTK_IS_FILE_FILTER (filter));
  g_return_if_fail (chosen != NULL);

  question = g_new0 (Question, 1);
  question->owner = owner;
  question->chosen = chosen;
  ask (question, parent, title, name, folder, filter);
}
