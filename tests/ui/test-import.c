/* test-import.c: File → Import in the real window (its file chooser: test-file-dialogs): events merged into the open document as one edit,
 * never twice, columns chosen when Sitmap cannot tell, what was skipped said with its lines, and a
 * cancelled import that leaves everything as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-import-summary-dialog.h"
#include "sitmap-mapping-dialog.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

static SitmapWindow *window;
static char *folder;
static guint n_demo;

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static guint
n_events (void)
{
  return sitmap_document_get_n_events (document ());
}

static SitmapUndoStack *
stack (void)
{
  return sitmap_document_get_undo_stack (document ());
}

static char *
write_file (const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A table Sitmap reads without asking: its columns say what they hold. n rows from line 2, ids prefix-N. */
static char *
write_table (const char *name, const char *prefix, guint n)
{
  g_autoptr (GString) text = g_string_new ("id,date,latitude,longitude,title\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s-%u,2024-11-%02u,%.3f,%.3f,Shelling reported near village %u\n", prefix, i,
                            1 + i % 28, 34.0 + (i % 50) * 0.02, 38.0 + (i % 40) * 0.03, i);
  return write_file (name, text->str);
}

static gboolean
not_loading (gpointer data)
{
  return !sitmap_window_get_loading (window);
}

static gboolean
has_n_events (gpointer data)
{
  return !sitmap_window_get_loading (window) && n_events () == GPOINTER_TO_UINT (data);
}

static void
import (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  sitmap_window_import (window, file);
}

static gpointer
find_window (GType type)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

static gboolean
window_shown (gpointer data)
{
  return find_window (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Until a window of type is on screen and drawn, ready for clicks */
static gpointer
wait_for_window (GType type, guint timeout_ms, const char *what)
{
  gpointer found;

  sitmap_test_wait_until (window_shown, GSIZE_TO_POINTER (type), timeout_ms, what);
  found = find_window (type);
  sitmap_test_wait_for_paint (found);
  return found;
}

static gboolean
no_window_of (gpointer data)
{
  return find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
close_window (GType type)
{
  gtk_window_close (GTK_WINDOW (find_window (type)));
  sitmap_test_wait_until (no_window_of, GSIZE_TO_POINTER (type), 5000, "the dialog to close");
}

static GtkWidget *
find_button (gpointer root, const char *label)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button “%s”", label);
}

static gboolean
shows_file (gpointer data)
{
  GFile *file = sitmap_document_get_file (document ());

  return !sitmap_window_get_loading (window) && file != NULL && g_file_equal (file, data);
}

/* A table imported over the bundled demo as it came opens as a document of its own: the user's events are
 * not mixed with the demo's. */
static void
test_import_over_demo_opens (void)
{
  g_autofree char *path = write_table ("own.csv", "own", 12);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) copy = NULL;
  g_autofree char *copy_path = g_build_filename (folder, "syria-2024.kml", NULL);
  g_autoptr (GFile) demo = sitmap_application_dup_demo_file ();
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_has_uri_scheme (sitmap_document_get_file (document ()), "resource"));
  import (path);
  sitmap_test_wait_until (shows_file, file, 20000, "the table to open as a document");
  g_assert_cmpuint (n_events (), ==, 12);
  g_assert_cmpint (sitmap_document_find_event (document (), "own-0"), >=, 0);
  g_assert_false (sitmap_undo_stack_get_modified (stack ()));

  /* The tests that follow import into a copy of the demo, a document like any other */
  copy = g_file_new_for_path (copy_path);
  g_assert_true (g_file_copy (demo, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sitmap_window_open (window, copy);
  sitmap_test_wait_until (shows_file, copy, 20000, "the copy of the demo to open");
  g_assert_cmpuint (n_events (), ==, n_demo);
}

/* A table imported (as a file dropped on the window is): its 40 events join the demo's; Ctrl+Z takes them
 * back and Ctrl+Shift+Z brings them again. */
static void
test_import_into_demo (void)
{
  g_autofree char *path = write_table ("events.csv", "first", 40);
  SitmapEventStore *demo_store = sitmap_document_get_store (document ());
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  double latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  g_assert_false (sitmap_undo_stack_get_modified (stack ()));
  import (path);
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (n_demo + 40), 20000, "the events to be imported");

  g_assert_true (sitmap_undo_stack_get_modified (stack ()));
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "Import events.csv");
  g_assert_cmpint (sitmap_document_find_event (document (), "first-39"), >=, 0);
  /* The views follow: every event passes, none is selected */
  g_assert_cmpuint (sitmap_view_state_get_n_visible (sitmap_window_get_view_state (window)), ==, n_demo + 40);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  /* Events where the map already looks: it stays where it was */
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), ==, latitude);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);

  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (n_demo), 5000, "the import to be undone");
  g_assert_true (sitmap_document_get_store (document ()) == demo_store);
  g_assert_false (sitmap_undo_stack_get_modified (stack ()));
  g_assert_cmpint (sitmap_document_find_event (document (), "first-0"), ==, -1);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+shift+z");
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (n_demo + 40), 5000, "the import to be redone");
}

/* The same file again brings nothing: its events are there already; one more row comes in alone. */
static void
test_import_twice (void)
{
  g_autofree char *path = write_table ("events.csv", "first", 41);
  guint before = n_events ();
  SitmapEventStore *store;

  g_assert_cmpuint (before, ==, n_demo + 40);
  import (path);
  sitmap_test_wait_until (not_loading, NULL, 20000, "the import to end");
  g_assert_cmpuint (n_events (), ==, before + 1);
  g_assert_cmpint (sitmap_document_find_event (document (), "first-40"), >=, 0);
  store = sitmap_document_get_store (document ());
  import (path);
  sitmap_test_wait_until (not_loading, NULL, 20000, "the import to end");
  g_assert_cmpuint (n_events (), ==, before + 1);
  /* Nothing new: the document is the same, with no edit to undo for it */
  g_assert_true (sitmap_document_get_store (document ()) == store);
}

/* x and y may be metres: Sitmap asks, with its guesses set, and reads with the columns chosen. */
static void
test_mapping_dialog (void)
{
  g_autofree char *path = write_file ("points.csv", "ref,when,y,x,headline\n"
                                                    "p1,2024-12-01,34.5,38.2,Convoy struck\n"
                                                    "p2,2024-12-02,35.1,39.9,Checkpoint opened\n"
                                                    "p3,2024-12-03,33.9,37.0,Market reopened\n");
  guint before = n_events ();
  SitmapMappingDialog *dialog;

  import (path);
  dialog = wait_for_window (SITMAP_TYPE_MAPPING_DIALOG, 10000, "the mapping dialog");
  g_assert_cmpuint (n_events (), ==, before);
  /* The guesses: y the latitude, x the longitude, the dated column the date */
  g_assert_cmpint (sitmap_mapping_dialog_get_choice (dialog, SITMAP_IMPORT_FIELD_LATITUDE), ==, 2);
  g_assert_cmpint (sitmap_mapping_dialog_get_choice (dialog, SITMAP_IMPORT_FIELD_LONGITUDE), ==, 3);
  g_assert_cmpint (sitmap_mapping_dialog_get_choice (dialog, SITMAP_IMPORT_FIELD_DATE), ==, 1);
  /* Without a longitude, Import cannot be pressed */
  sitmap_mapping_dialog_set_choice (dialog, SITMAP_IMPORT_FIELD_LONGITUDE, -1);
  g_assert_false (gtk_widget_is_sensitive (find_button (dialog, "_Import")));
  sitmap_mapping_dialog_set_choice (dialog, SITMAP_IMPORT_FIELD_LONGITUDE, 3);
  sitmap_mapping_dialog_set_choice (dialog, SITMAP_IMPORT_FIELD_ID, 0);
  sitmap_mapping_dialog_set_choice (dialog, SITMAP_IMPORT_FIELD_TITLE, 4);
  sitmap_test_click_centre (find_button (dialog, "_Import"));
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before + 3), 20000, "the table read with the columns chosen");
  {
    gint position = sitmap_document_find_event (document (), "p2");
    double latitude, longitude;

    g_assert_cmpint (position, >=, 0);
    g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (document ()), position), ==,
                     "Checkpoint opened");
    g_assert_true (sitmap_event_store_get_location (sitmap_document_get_store (document ()), position, &latitude,
                                                    &longitude));
    g_assert_cmpfloat_with_epsilon (latitude, 35.1, 1e-9);
    g_assert_cmpfloat_with_epsilon (longitude, 39.9, 1e-9);
  }

  /* Cancel leaves the document as it was */
  before = n_events ();
  g_remove (path);
  g_free (g_steal_pointer (&path));
  path = write_file ("points2.csv", "ref,when,y,x\nq1,2024-12-01,34.5,38.2\n");
  import (path);
  sitmap_test_click_centre (find_button (wait_for_window (SITMAP_TYPE_MAPPING_DIALOG, 10000, "the mapping dialog"),
                                         "_Cancel"));
  sitmap_test_wait_until (no_window_of, GSIZE_TO_POINTER (SITMAP_TYPE_MAPPING_DIALOG), 5000, "the dialog to close");
  g_assert_cmpuint (n_events (), ==, before);
  g_assert_false (sitmap_window_get_loading (window));
}

static gboolean
clipboard_has_text (gpointer data)
{
  return gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (data), G_TYPE_STRING);
}

static void
read_text_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(char **) user_data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

/* A GeoJSON file whose time Sitmap cannot tell asks which property holds it, its guess set; the geometry is
 * the feature's, so nothing is required. */
static void
test_geojson_mapping (void)
{
  g_autofree char *path = write_file ("fires.geojson",
                                      "{\"type\":\"FeatureCollection\",\"features\":["
                                      "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38.1,34.6]},"
                                      "\"properties\":{\"headline\":\"Fire seen\",\"reported_on\":\"2024-12-10\","
                                      "\"acq_date\":\"2024-12-09\",\"count\":3}}]}");
  guint before = n_events ();
  SitmapMappingDialog *dialog;

  import (path);
  dialog = wait_for_window (SITMAP_TYPE_MAPPING_DIALOG, 10000, "the mapping dialog");
  g_assert_cmpint (sitmap_mapping_dialog_get_choice (dialog, SITMAP_IMPORT_FIELD_TITLE), ==, 0);
  g_assert_cmpint (sitmap_mapping_dialog_get_choice (dialog, SITMAP_IMPORT_FIELD_DATE), ==, 1);
  sitmap_mapping_dialog_set_choice (dialog, SITMAP_IMPORT_FIELD_DATE, 2);
  sitmap_test_click_centre (find_button (dialog, "_Import"));
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before + 1), 20000, "the features read with the time chosen");
  {
    SitmapEventStore *store = sitmap_document_get_store (document ());
    gint position = -1;
    SitmapTime time;

    for (guint i = 0; i < n_events () && position < 0; i++)
      if (g_strcmp0 (sitmap_event_store_get_title (store, i), "Fire seen") == 0)
        position = (gint) i;
    g_assert_cmpint (position, >=, 0);
    sitmap_event_store_get_time (store, position, &time);
    g_assert_cmpint (time.start, ==, sitmap_time_from_civil (2024, 12, 9, 0, 0, 0));
  }
}

/* Rows that cannot be read are left out, and the summary says which, by line, in text the user can copy. */
static void
test_summary_lists_skipped_lines (void)
{
  g_autoptr (GString) rows = g_string_new ("id,date,latitude,longitude,title\n"
                                           "b1,2024-10-01,34.1,38.1,Fine\n"
                                           "b2,2024-10-02,123,38.1,Latitude out of range\n"
                                           "b3,2024-10-03,34.2,38.2,Fine <b>too</b> & more\n"
                                           "b4,2024-10-04,34.3,938.2,Longitude out of range\n");
  g_autofree char *path = NULL;
  guint before = n_events ();
  SitmapImportSummaryDialog *dialog;
  g_autofree char *text = NULL;

  /* Enough good rows that the columns are clearly coordinates */
  for (guint i = 5; i < 25; i++)
    g_string_append_printf (rows, "b%u,2024-10-05,34.%u,38.%u,Fine\n", i, i, i);
  path = write_file ("bad-rows.csv", rows->str);
  import (path);
  dialog = wait_for_window (SITMAP_TYPE_IMPORT_SUMMARY_DIALOG, 20000, "the summary");
  g_assert_cmpuint (n_events (), ==, before + 22);
  g_assert_cmpstr (sitmap_import_summary_dialog_get_summary (dialog), ==, "22 events imported; 2 skipped");
  text = sitmap_import_summary_dialog_dup_text (dialog);
  g_test_message ("summary: %s", text);
  g_assert_nonnull (strstr (text, "line 3"));
  g_assert_nonnull (strstr (text, "line 5"));
  g_assert_null (strstr (text, "line 4"));
  /* Copy puts the whole text on the clipboard */
  sitmap_test_click_centre (find_button (dialog, "_Copy"));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
    char *copied = NULL;

    sitmap_test_wait_until (clipboard_has_text, clipboard, 5000, "the text to be copied");
    gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &copied);
    sitmap_test_wait_until (text_read, &copied, 5000, "the clipboard to be read");
    g_assert_cmpstr (copied, ==, text);
    g_free (copied);
  }
  close_window (SITMAP_TYPE_IMPORT_SUMMARY_DIALOG);
  /* The title with markup characters came in as plain text */
  g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (document ()),
                                                 sitmap_document_find_event (document (), "b3")),
                   ==, "Fine <b>too</b> & more");
}

/* A NetworkLink is never fetched: the summary lists it as not loaded, with its line. */
/* The Import buttons of the summary's linked files, in order */
static GPtrArray *
link_buttons (gpointer dialog)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (dialog, GTK_TYPE_BUTTON);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Import") == 0)
      g_ptr_array_add (found, g_ptr_array_index (buttons, i));
  return found;
}

/* Links are listed, never followed on their own; Import on one beside the file brings its events in. */
static void
test_summary_lists_links (void)
{
  g_autofree char *layer = write_file ("linked-layer.kml",
                                       "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
                                       "<Placemark id=\"linked-1\"><name>Linked one</name><Point><coordinates>38.6,34.6"
                                       "</coordinates></Point></Placemark><Placemark id=\"linked-2\"><name>Linked two"
                                       "</name><Point><coordinates>38.7,34.7</coordinates></Point></Placemark>"
                                       "</Document></kml>\n");
  g_autofree char *path = write_file ("linked.kml",
                                      "<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n"
                                      "<Document>\n<Placemark><name>Here</name><Point><coordinates>38.5,34.5</coordinates>"
                                      "</Point></Placemark>\n"
                                      "<NetworkLink><name>More</name><Link><href>https://example.org/more.kml</href></Link>"
                                      "</NetworkLink>\n"
                                      "<NetworkLink><name>Beside</name><Link><href>linked-layer.kml</href></Link>"
                                      "</NetworkLink>\n</Document></kml>\n");
  guint before = n_events ();
  SitmapImportSummaryDialog *dialog;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) buttons = NULL;

  import (path);
  dialog = wait_for_window (SITMAP_TYPE_IMPORT_SUMMARY_DIALOG, 20000, "the summary");
  g_assert_cmpuint (n_events (), ==, before + 1);
  text = sitmap_import_summary_dialog_dup_text (dialog);
  g_test_message ("summary: %s", text);
  g_assert_nonnull (strstr (text, "not loaded"));
  g_assert_nonnull (strstr (text, "https://example.org/more.kml"));
  /* Nothing was fetched: the linked layer's events are not in */
  g_assert_cmpint (sitmap_document_find_event (document (), "linked-1"), ==, -1);

  buttons = link_buttons (dialog);
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (buttons, 0)));
  gtk_widget_activate (g_ptr_array_index (buttons, 1));
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before + 3), 20000, "the linked file's events");
  /* One import a link */
  g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (buttons, 1)));
  g_assert_cmpint (sitmap_document_find_event (document (), "linked-2"), >=, 0);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "Import linked-layer.kml");
  close_window (SITMAP_TYPE_IMPORT_SUMMARY_DIALOG);
}

/* A file Sitmap refuses says why, with where, and changes nothing. */
static void
test_refused_file (void)
{
  g_autofree char *path = write_file ("broken.kml", "<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n"
                                                    "<Document><Placemark><name>x</name>\n</Document></kml>\n");
  guint before = n_events ();
  guint serial = sitmap_document_get_events_serial (document ());
  g_autoptr (GList) others = NULL;

  import (path);
  sitmap_test_wait_until (window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 20000, "the error");
  g_assert_cmpstr (adw_message_dialog_get_heading (find_window (ADW_TYPE_MESSAGE_DIALOG)), ==,
                   "Could Not Import “broken.kml”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_window (ADW_TYPE_MESSAGE_DIALOG)), "broken.kml: line 4, column 12"));
  close_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpuint (n_events (), ==, before);
  g_assert_cmpuint (sitmap_document_get_events_serial (document ()), ==, serial);
}

/* Events from elsewhere do not come in unseen: the map goes to them when none is in view. */
static void
test_elsewhere_shown (void)
{
  g_autofree char *path = write_file ("kyiv.csv", "id,date,latitude,longitude,title\n"
                                                  "k1,2024-09-01,50.45,30.52,Strike on Kyiv\n"
                                                  "k2,2024-09-02,50.40,30.60,Strike near Kyiv\n");
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));
  guint before = n_events ();

  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), <, 40);
  import (path);
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before + 2), 20000, "the events to be imported");
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 50.43, 0.5);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 30.56, 0.5);
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before), 5000, "the import to be undone");
}

static GtkDropTarget *
find_drop_target (void)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Files dropped on the window are imported one after the other, each its own edit. (The drop itself is
 * the toolkit's: the test gives the window's drop target what a drop of two files gives it.) */
static void
test_dropped_files (void)
{
  g_autofree char *first = write_table ("dropped-1.csv", "dropped-a", 5);
  g_autofree char *second = write_table ("dropped-2.csv", "dropped-b", 7);
  GFile *files[2] = { g_file_new_for_path (first), g_file_new_for_path (second) };
  GtkDropTarget *target = find_drop_target ();
  g_auto (GValue) value = G_VALUE_INIT;
  gsize n_types;
  const GType *types;
  gboolean accepted = FALSE;
  guint before = n_events ();

  g_assert_nonnull (target);
  types = gtk_drop_target_get_gtypes (target, &n_types);
  g_assert_cmpuint (n_types, >=, 1);
  g_assert_true (types[0] == GDK_TYPE_FILE_LIST);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  sitmap_test_wait_until (has_n_events, GUINT_TO_POINTER (before + 12), 20000, "both files to be imported");
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "Import dropped-2.csv");
  g_assert_true (sitmap_undo_stack_undo (stack ()));
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, "Import dropped-1.csv");
  g_assert_cmpuint (n_events (), ==, before + 5);
  g_assert_true (sitmap_undo_stack_redo (stack ()));
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static gboolean
progress_shown (gpointer data)
{
  GtkWidget *strip = data;

  return gtk_widget_get_mapped (strip) && gtk_revealer_get_child_revealed (GTK_REVEALER (strip));
}

/* A large file shows its progress with Cancel; Cancel leaves the document as it was, and the window
 * stays usable while it reads. */
static void
test_cancel_slow_import (void)
{
  g_autofree char *path = write_table ("large.csv", "large", 1500000);
  g_autoptr (GPtrArray) revealers = sitmap_test_find_shown (window, GTK_TYPE_REVEALER);
  SitmapEventStore *store = sitmap_document_get_store (document ());
  const char *undo_label = sitmap_undo_stack_get_undo_label (stack ());
  guint before = n_events ();
  GtkRevealer *strip = NULL;

  for (guint i = 0; i < revealers->len && strip == NULL; i++)
    if (gtk_widget_has_css_class (gtk_revealer_get_child (g_ptr_array_index (revealers, i)), "sitmap-progress-strip"))
      strip = g_ptr_array_index (revealers, i);
  g_assert_nonnull (strip);
  g_assert_false (gtk_revealer_get_reveal_child (strip));

  import (path);
  sitmap_test_wait_until (progress_shown, strip, 10000, "the progress strip");
  g_assert_true (sitmap_window_get_loading (window));
  /* The window answers while it reads: the sidebar goes and comes with F9 */
  sitmap_test_key (GTK_WIDGET (window), "F9");
  sitmap_test_key (GTK_WIDGET (window), "F9");
  sitmap_test_click_centre (find_button (window, "_Cancel"));
  sitmap_test_wait_until (not_loading, NULL, 5000, "the import to be cancelled");
  g_assert_false (gtk_revealer_get_reveal_child (strip));
  g_assert_true (sitmap_document_get_store (document ()) == store);
  g_assert_cmpuint (n_events (), ==, before);
  g_assert_cmpstr (sitmap_undo_stack_get_undo_label (stack ()), ==, undo_label);
  /* and it stays so once the worker threads are done */
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_usleep (G_USEC_PER_SEC);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_events (), ==, before);
  g_remove (path);
}

/* The demo's own view is applied once the map has its size */
static gboolean
demo_view_applied (gpointer data)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));

  return shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) > 30;
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("sitmap-import-XXXXXX", &error);
  g_assert_no_error (error);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  sitmap_test_wait_for_document (window);
  sitmap_test_wait_until (demo_view_applied, NULL, 10000, "the demo's view");
  n_demo = n_events ();

  g_test_add_func ("/import/over-demo-opens", test_import_over_demo_opens);
  g_test_add_func ("/import/into-demo", test_import_into_demo);
  g_test_add_func ("/import/twice", test_import_twice);
  g_test_add_func ("/import/dropped-files", test_dropped_files);
  g_test_add_func ("/import/elsewhere-shown", test_elsewhere_shown);
  g_test_add_func ("/import/mapping-dialog", test_mapping_dialog);
  g_test_add_func ("/import/geojson-mapping", test_geojson_mapping);
  g_test_add_func ("/import/summary-lists-skipped-lines", test_summary_lists_skipped_lines);
  g_test_add_func ("/import/summary-lists-links", test_summary_lists_links);
  g_test_add_func ("/import/refused-file", test_refused_file);
  g_test_add_func ("/import/cancel-slow-import", test_cancel_slow_import);
  status = g_test_run ();

  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (folder);
  return status;
}
