/* test-event-export-window.c: File → Export Events from the window, with real key presses and clicks: the
 * events a search leaves as GeoJSON, all of them as CSV, and a failure said in a dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-document-io.h"
#include "sitmap-event-export-dialog.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

#define BAGHOUZ_ID "ev-2019-03-baghouz"
#define DIALOG_TITLE "Export Events"

static SitmapWindow *window;

/*
 * Helpers
 */

static SitmapViewState *
state (void)
{
  return sitmap_window_get_view_state (window);
}

static gboolean
demo_shown (gpointer data)
{
  return sitmap_view_state_get_document (state ()) != NULL;
}

static gboolean
n_visible_is (gpointer data)
{
  return sitmap_view_state_get_n_visible (state ()) == GPOINTER_TO_UINT (data);
}

static gboolean
focus_in_search (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (GTK_IS_SEARCH_ENTRY (focus) || GTK_IS_SEARCH_ENTRY (gtk_widget_get_parent (focus)));
}

static gboolean
window_shows_text (gpointer data)
{
  g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (window));

  return strstr (text, data) != NULL;
}

/* A shown window titled title, other than the main window and but. */
static GtkWindow *
find_other_window (const char *title, gpointer but)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    if (l->data != but && g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_other_window (DIALOG_TITLE, NULL) != NULL;
}

/* The file chooser is titled as the dialog, which it replaces. */
static gboolean
chooser_shown (gpointer data)
{
  return find_other_window (DIALOG_TITLE, data) != NULL;
}

static gboolean
text_shown_in (gpointer data)
{
  gpointer *pair = data;
  g_autofree char *text = sitmap_test_collect_text (pair[0]);

  return strstr (text, pair[1]) != NULL;
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A preferences row by its title, among a widget's descendants. */
static GtkWidget *
find_row (GtkWidget *widget, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+Shift+E: the dialog, which must say what the two choices hold. */
static SitmapEventExportDialog *
open_dialog (const char *shown_says)
{
  GtkWindow *dialog;
  gpointer pair[2];

  sitmap_test_key (GTK_WIDGET (window), "ctrl+shift+e");
  sitmap_test_wait_until (dialog_shown, NULL, 5000, "the export events dialog");
  dialog = find_other_window (DIALOG_TITLE, NULL);
  g_assert_true (SITMAP_IS_EVENT_EXPORT_DIALOG (dialog));
  pair[0] = dialog;
  pair[1] = (gpointer) shown_says;
  sitmap_test_wait_until (text_shown_in, pair, 5000, "the events shown, counted");
  return SITMAP_EVENT_EXPORT_DIALOG (dialog);
}

/* The format row set to the format named name (as the user picks it in its list). */
static void
choose_format (SitmapEventExportDialog *dialog, const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Format"));
  GListModel *names = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("the dialog offers no format “%s”", name);
}

/* Export…, the file chooser, the path typed, Return, and the toast. */
static void
export_through (SitmapEventExportDialog *dialog, const char *path, const char *toast_says)
{
  GtkWidget *export_button = find_button (GTK_WIDGET (dialog), "_Export…");
  GtkWindow *chooser;

  g_assert_nonnull (export_button);
  sitmap_test_wait_for_paint (GTK_WIDGET (dialog));
  sitmap_test_click_centre (export_button);
  sitmap_test_wait_until (chooser_shown, dialog, 5000, "the file chooser");
  chooser = find_other_window (DIALOG_TITLE, dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  sitmap_test_wait_for_paint (GTK_WIDGET (chooser));
  sitmap_test_key (GTK_WIDGET (chooser), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (chooser), path);
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (window_shows_text, (gpointer) toast_says, 30000, "the export's toast");
  g_assert_false (sitmap_event_export_dialog_get_busy (dialog));
}

static SitmapDocument *
read_back (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = sitmap_document_read_file (file, NULL, import, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/*
 * Tests
 */

/* The menu has Export Events… beside Export Map…, on the action Ctrl+Shift+E runs. */
static void
test_menu (void)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (window, GTK_TYPE_MENU_BUTTON);
  gboolean found = FALSE;

  for (guint b = 0; b < buttons->len && !found; b++)
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, b));

      for (int s = 0; menu != NULL && s < g_menu_model_get_n_items (menu) && !found; s++)
        {
          g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

          for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
            {
              g_autofree char *action = NULL;
              g_autofree char *label = NULL;

              g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
              g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
              if (g_strcmp0 (action, "win.export-events") == 0)
                {
                  g_assert_cmpstr (label, ==, "Export _Events…");
                  found = TRUE;
                }
            }
        }
    }
  g_assert_true (found);
}

/* Searching "Baghouz" leaves one event of ten; the dialog says so, and the GeoJSON written holds that event
 * alone. */
static void
test_shown_as_geojson (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-events-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "baghouz.geojson", NULL);
  g_autoptr (SitmapDocument) back = NULL;
  g_autofree char *contents = NULL;
  SitmapEventExportDialog *dialog;

  sitmap_test_click_centre (GTK_WIDGET (sitmap_window_get_map (window)));
  sitmap_test_key (GTK_WIDGET (window), "ctrl+f");
  sitmap_test_wait_until (focus_in_search, NULL, 5000, "the search entry to take the keyboard");
  sitmap_test_type (GTK_WIDGET (window), "Baghouz");
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (1), 5000, "one event to pass");

  dialog = open_dialog ("1 of 10: the current filter, search and time range");
  {
    g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (dialog));

    g_assert_nonnull (strstr (text, "\n10 events"));
  }
  choose_format (dialog, "GeoJSON");
  export_through (dialog, path, "Exported 1 event to “baghouz.geojson”");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\"type\":\"FeatureCollection\""));
  back = read_back (path);
  g_assert_cmpuint (sitmap_document_get_n_events (back), ==, 1);
  g_assert_cmpstr (sitmap_event_store_get_id (sitmap_document_get_store (back), 0), ==, BAGHOUZ_ID);

  g_unlink (path);
  g_rmdir (dir);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+f");
  sitmap_test_wait_until (focus_in_search, NULL, 5000, "the search entry");
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (10), 5000, "every event to pass again");
}

/* All Events, as CSV, to a name without an extension: the chosen format's is added, and every event is in it. */
static void
test_all_as_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-events-XXXXXX", NULL);
  g_autofree char *typed = g_build_filename (dir, "everything", NULL);
  g_autofree char *path = g_build_filename (dir, "everything.csv", NULL);
  g_autoptr (SitmapDocument) back = NULL;
  SitmapEventExportDialog *dialog;
  GtkWidget *all_row;

  sitmap_view_state_set_text (state (), "Baghouz");
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (1), 5000, "one event to pass");
  dialog = open_dialog ("1 of 10");
  all_row = find_row (GTK_WIDGET (dialog), "_All Events");
  g_assert_nonnull (all_row);
  sitmap_test_wait_for_paint (GTK_WIDGET (dialog));
  sitmap_test_click_centre (all_row);
  choose_format (dialog, "CSV");
  export_through (dialog, typed, "Exported 10 events to “everything.csv”");

  g_assert_false (g_file_test (typed, G_FILE_TEST_EXISTS));
  back = read_back (path);
  g_assert_cmpuint (sitmap_document_get_n_events (back), ==, 10);
  g_unlink (path);
  g_rmdir (dir);
  sitmap_view_state_set_text (state (), NULL);
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (10), 5000, "every event to pass again");
}

static gboolean
error_dialog_shown (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    {
      g_autofree char *text = sitmap_test_collect_text (l->data);

      if (strstr (text, "Could Not Export Events") != NULL && strstr (text, data) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A folder that is not there: the error dialog says so, naming the file. */
static void
test_failure (void)
{
  SitmapEventExportDialog *dialog = open_dialog ("10 of 10");
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent-sitmap-folder/events.kml");

  gtk_window_close (GTK_WINDOW (dialog));
  sitmap_event_export_dialog_export_to (dialog, file);
  sitmap_test_wait_until (error_dialog_shown, (gpointer) "events.kml: the folder it should be saved in does not exist",
                          10000, "the error dialog");
  g_assert_false (sitmap_event_export_dialog_get_busy (dialog));
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_until (demo_shown, NULL, 10000, "the demo");
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/export/events-window/menu", test_menu);
  g_test_add_func ("/export/events-window/shown-as-geojson", test_shown_as_geojson);
  g_test_add_func ("/export/events-window/all-as-csv", test_all_as_csv);
  g_test_add_func ("/export/events-window/failure", test_failure);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
