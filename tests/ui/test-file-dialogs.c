/* test-file-dialogs.c: the Open, Save and Import dialogs start in the document's folder (the user's
 * documents for the demo), Open and Import with every format Sitmap reads, Save with KML, and a path typed
 * from there opens, saves or imports with one Enter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

static SitmapApplication *app;
static SitmapWindow *window;
static char *home;      /* a private XDG home, with its own documents folder */
static char *documents;
static char *folder;    /* where the documents of the test live */
static char *screenshots;

/*
 * Helpers
 */

static char *
write_document (const char *dir, const char *name, const char *title)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents =
    g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>%s</name>"
                     "<Placemark><name>Somewhere</name><TimeStamp><when>2020-05-01</when></TimeStamp>"
                     "<Point><coordinates>36.2,33.5</coordinates></Point></Placemark></Document></kml>\n",
                     title);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
title_is (gpointer data)
{
  return g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), data) == 0 && !sitmap_window_get_loading (window);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
other_window_shown (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  return others != NULL;
}

static gboolean
other_windows_gone (gpointer data)
{
  return !other_window_shown (data);
}

/* The file chooser that keys opened, once it shows a folder. */
static GtkFileChooser *
wait_for_chooser (const char *keys, const char *title)
{
  g_autoptr (GList) others = NULL;
  GtkWindow *dialog;

  sitmap_test_key (GTK_WIDGET (window), keys);
  sitmap_test_wait_until (other_window_shown, NULL, 5000, title);
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  dialog = others->data;
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, title);
  g_assert_true (GTK_IS_FILE_CHOOSER (dialog));
  sitmap_test_wait_for_paint (GTK_WIDGET (dialog));
  return GTK_FILE_CHOOSER (dialog);
}

/* Open lists every format Sitmap reads, all of them chosen; Save writes KML. */
static void
assert_starts_in (GtkFileChooser *chooser, const char *expected)
{
  gboolean saving = gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr (GFile) current = gtk_file_chooser_get_current_folder (chooser);
  g_autoptr (GFile) wanted = g_file_new_for_path (expected);
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);

  g_assert_nonnull (current);
  g_test_message ("the dialog shows %s", g_file_peek_path (current));
  g_assert_true (g_file_equal (current, wanted));
  g_assert_nonnull (filter);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, saving ? "KML documents" : "All supported files");
}

static void
screenshot (GtkFileChooser *chooser, const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (screenshots == NULL)
    return;
  path = g_build_filename (screenshots, name, NULL);
  sitmap_test_wait_for_paint (GTK_WIDGET (chooser));
  texture = sitmap_test_render (GTK_WIDGET (chooser), path);
}

/*
 * Tests
 */

/* On the demo, Ctrl+O shows the user's documents folder; a path typed from there and one Enter opens it.
 * It used to show "Recent", which is no folder: a typed path was read from Sitmap's working folder, and
 * a typed name searched the recent files, so that Enter opened nothing. (A bare name typed over the
 * list searches the folder in GTK 4.8: Down picks the result, then Enter opens it.) */
static void
test_open_from_demo (void)
{
  g_autofree char *path = write_document (documents, "field-notes.kml", "Field notes");
  GtkFileChooser *chooser;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Syria, late 2024 — Sitmap");
  chooser = wait_for_chooser ("ctrl+o", "Open Document");
  assert_starts_in (chooser, documents);
  screenshot (chooser, "open-dialog-demo.png");
  sitmap_test_type (GTK_WIDGET (chooser), "./field-notes.kml");
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (title_is, "Field notes — Sitmap", 10000, "one Enter to open the typed name");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the dialog to close");
}

/* With a document from a folder, Open starts in that folder. */
static void
test_open_beside_document (void)
{
  g_autofree char *first = write_document (folder, "first.kml", "First map");
  g_autofree char *second = write_document (folder, "second.kml", "Second map");
  g_autoptr (GFile) file = g_file_new_for_path (first);
  GtkFileChooser *chooser;

  sitmap_window_open (window, file);
  sitmap_test_wait_until (title_is, "First map — Sitmap", 10000, "the first document");
  chooser = wait_for_chooser ("ctrl+o", "Open Document");
  assert_starts_in (chooser, folder);
  screenshot (chooser, "open-dialog-folder.png");
  sitmap_test_type (GTK_WIDGET (chooser), "./second.kml");
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (title_is, "Second map — Sitmap", 10000, "one Enter to open the typed name");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the dialog to close");
}

/* Save As starts in the document's folder with its name: a new name and Enter save beside it. */
static void
test_save_as_beside_document (void)
{
  g_autofree char *copy = g_build_filename (folder, "second copy.kml", NULL);
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;

  chooser = wait_for_chooser ("ctrl+shift+s", "Save Document");
  assert_starts_in (chooser, folder);
  name = gtk_file_chooser_get_current_name (chooser);
  /* Named after the document's title, as Save always suggests */
  g_assert_cmpstr (name, ==, "Second map.kml");
  screenshot (chooser, "save-dialog-folder.png");
  sitmap_test_key (GTK_WIDGET (chooser), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (chooser), "second copy.kml");
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (file_exists, copy, 10000, "one Enter to save beside the document");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the dialog to close");
}

static guint
n_events (void)
{
  return sitmap_document_get_n_events (sitmap_view_state_get_document (sitmap_window_get_view_state (window)));
}

static gboolean
has_n_events (gpointer data)
{
  return !sitmap_window_get_loading (window) && n_events () == GPOINTER_TO_UINT (data);
}

/* Import (Ctrl+I) starts in the document's folder too, on every format Sitmap reads, one filter each
 * after all of them; a table's name typed and Enter bring its events into the document. */
static void
test_import_beside_document (void)
{
  g_autofree char *path = g_build_filename (folder, "events.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) filters = NULL;
  g_autoptr (GtkFileFilter) last = NULL;
  g_autoptr (GtkFileFilter) csv = NULL;
  GtkFileChooser *chooser;
  guint before = n_events ();

  g_file_set_contents (path, "id,date,latitude,longitude,title\n"
                             "e1,2024-11-01,34.1,38.1,Shelling\n"
                             "e2,2024-11-02,34.2,38.2,Clashes\n"
                             "e3,2024-11-03,34.3,38.3,Strike\n", -1, &error);
  g_assert_no_error (error);
  chooser = wait_for_chooser ("ctrl+i", "Import Events");
  assert_starts_in (chooser, folder);
  g_assert_true (gtk_file_chooser_get_select_multiple (chooser));
  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 7);
  csv = g_list_model_get_item (filters, 3);
  g_assert_cmpstr (gtk_file_filter_get_name (csv), ==, "CSV (.csv, .tsv)");
  last = g_list_model_get_item (filters, 6);
  g_assert_cmpstr (gtk_file_filter_get_name (last), ==, "All files");
  screenshot (chooser, "import-dialog-folder.png");
  sitmap_test_type (GTK_WIDGET (chooser), "./events.csv");
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before + 3), 10000, "one Enter to import the typed name");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the dialog to close");
}

static void
remove_files (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *dirs = NULL;
  g_autofree char *dirs_file = NULL;
  int status;

  /* Before GLib reads them: a home of the test's own, whose documents folder is not its home. */
  home = g_dir_make_tmp ("sitmap-dialogs-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (home, "config", NULL);
  documents = g_build_filename (home, "Papers", NULL);
  folder = g_build_filename (home, "Work", NULL);
  g_mkdir (config, 0700);
  g_mkdir (documents, 0700);
  g_mkdir (folder, 0700);
  dirs = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  dirs_file = g_build_filename (config, "user-dirs.dirs", NULL);
  g_file_set_contents (dirs_file, dirs, -1, &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  screenshots = g_strdup (g_getenv ("SITMAP_SCREENSHOT_DIR"));

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/file-dialogs/open-from-demo", test_open_from_demo);
  g_test_add_func ("/file-dialogs/open-beside-document", test_open_beside_document);
  g_test_add_func ("/file-dialogs/save-as-beside-document", test_save_as_beside_document);
  g_test_add_func ("/file-dialogs/import-beside-document", test_import_beside_document);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  remove_files (documents);
  remove_files (folder);
  g_unlink (dirs_file);
  g_rmdir (config);
  g_rmdir (home);
  g_free (home);
  g_free (documents);
  g_free (folder);
  g_free (screenshots);
  return status;
}
