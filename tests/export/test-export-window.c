/* test-export-window.c: export and copy from the window, with real key presses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-export-dialog.h"
#include "sitmap-kml-reader.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

static SitmapWindow *window;

static gboolean
demo_shown (gpointer data)
{
  SitmapTileSources *sources = sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));

  return sitmap_view_state_get_document (sitmap_window_get_view_state (window)) != NULL
         && sitmap_tile_sources_get_current (sources) != NULL;
}

static gboolean
window_shows_text (gpointer data)
{
  g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (window));

  return strstr (text, data) != NULL;
}

static gboolean
other_window_titled (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), data) == 0)
      return TRUE;
  return FALSE;
}

static GtkWindow *
find_other_window (const char *title, GtkWindow *but)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    if (l->data != but && g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
      return l->data;
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_other_window ("Export Map", data) != NULL;
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

typedef struct
{
  GdkTexture *texture;
  gboolean    done;
} ClipboardRead;

static void
texture_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ClipboardRead *read = user_data;

  read->texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_has_image (gpointer data)
{
  GdkClipboard      *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE)
         || gdk_content_formats_contain_mime_type (formats, "image/png");
}

/* Ctrl+Shift+C puts the map on the clipboard as an image, the dialog's default size, and says so. */
static void
test_copy (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_set_text (clipboard, "before");
  sitmap_test_key (GTK_WIDGET (window), "ctrl+shift+c");
  sitmap_test_wait_until (window_shows_text, (gpointer) "Map copied to the clipboard", 20000, "the copy toast");
  sitmap_test_wait_until (clipboard_has_image, NULL, 5000, "an image on the clipboard");
  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (read.texture);
  g_assert_cmpint (gdk_texture_get_width (read.texture), ==, 1920);
  g_assert_cmpint (gdk_texture_get_height (read.texture), ==, 1080);
  g_object_unref (read.texture);
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* In the shown export dialog: Export…, the file chooser, path typed, Return, and the toast that names the
 * file; the toast's text must hold toast_says too. */
static void
export_through (GtkWindow *dialog, const char *path, const char *toast_says)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *exported = g_strdup_printf ("Exported “%s”", basename);
  GtkWindow       *chooser;
  GtkWidget       *export_button = find_button (GTK_WIDGET (dialog), "_Export…");

  g_assert_nonnull (export_button);
  sitmap_test_wait_for_paint (GTK_WIDGET (dialog));
  sitmap_test_click (export_button, gtk_widget_get_width (export_button) / 2.0,
                     gtk_widget_get_height (export_button) / 2.0);
  sitmap_test_wait_until (chooser_shown, dialog, 5000, "the file chooser");
  chooser = find_other_window ("Export Map", dialog);
  /* The dialog makes way for the chooser. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  sitmap_test_wait_for_paint (GTK_WIDGET (chooser));
  sitmap_test_key (GTK_WIDGET (chooser), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (chooser), path);
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (window_shows_text, exported, 30000, "the export toast");
  if (toast_says != NULL)
    sitmap_test_wait_until (window_shows_text, (gpointer)toast_says, 5000, "the toast's words");
  g_assert_true (file_written ((gpointer)path));
}

static char *
pdf_text (const char *path)
{
  const char      *argv[] = { "pdftotext", path, "-", NULL };
  g_autoptr (GError) error = NULL;
  char            *out = NULL;
  int              status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

/* Ctrl+E, PDF, Export…, the file chooser, and the toast that names the file. No range is set: the
 * subtitle says so, with the span of the events the page shows (2011 to December 2024), whatever stretch
 * the timeline shows. */
static void
test_export_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "briefing.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  GtkWindow       *dialog;
  gsize            length;

  g_assert_false (sitmap_view_state_get_range (sitmap_window_get_view_state (window), NULL, NULL));
  sitmap_test_key (GTK_WIDGET (window), "ctrl+e");
  sitmap_test_wait_until (other_window_titled, (gpointer) "Export Map", 5000, "the export dialog");
  dialog = find_other_window ("Export Map", NULL);
  export_through (dialog, path, NULL);
  /* The name the user typed decides the format: the dialog said PNG, the file is a PDF. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  text = pdf_text (path);
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  if (strstr (flat, "All dates, from 2011 to 10 December 2024 · 10 events") == NULL)
    g_error ("The subtitle does not say what the page shows: %s", text);
  g_remove (path);
  g_rmdir (dir);
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

/* Ctrl+E: the window's export dialog, made anew when the last one is gone. */
static SitmapExportDialog *
new_dialog (void)
{
  GtkWindow *dialog;

  sitmap_test_key (GTK_WIDGET (window), "ctrl+e");
  sitmap_test_wait_until (other_window_titled, (gpointer) "Export Map", 5000, "the export dialog");
  dialog = find_other_window ("Export Map", NULL);
  g_assert_true (SITMAP_IS_EXPORT_DIALOG (dialog));
  return SITMAP_EXPORT_DIALOG (dialog);
}

/* Gone, as when its window closes. */
static void
destroy_dialog (SitmapExportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_other_window ("Export Map", NULL));
}

static void
set_switch (SitmapExportDialog *dialog, const char *title, gboolean active)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), active);
}

static void
select_in (SitmapExportDialog *dialog, const char *title, guint position)
{
  GtkWidget *row = find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
}

/* The export settings back to their defaults, for the tests that follow. */
static void
reset_settings (void)
{
  g_autoptr (GSettings) settings = sitmap_application_dup_settings ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_has_prefix (keys[i], "export-"))
      g_settings_reset (settings, keys[i]);
}

/* A dialog's choices are the next dialog's, after the first is gone (the window closed): format, size,
 * orientation, custom size and what to include. The title is the document's, and is not kept. */
static void
test_remembered (void)
{
  g_auto (SitmapExportOptions) options = { 0 };
  SitmapExportDialog *dialog = new_dialog ();
  GtkWidget          *title_row;

  select_in (dialog, "_Format", SITMAP_EXPORT_SVG);
  select_in (dialog, "_Size", SITMAP_EXPORT_SIZE_CUSTOM);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (
                                 ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "_Width")))),
                             1234);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (
                                 ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "_Height")))),
                             777);
  set_switch (dialog, "Legend", FALSE);
  set_switch (dialog, "Numbered source notes", FALSE);
  title_row = find_row (GTK_WIDGET (dialog), "Title (the document’s when empty)");
  g_assert_nonnull (title_row);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Briefing for one document");
  destroy_dialog (dialog);

  dialog = new_dialog ();
  sitmap_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, SITMAP_EXPORT_SVG);
  g_assert_cmpint (options.width, ==, 1234);
  g_assert_cmpint (options.height, ==, 777);
  g_assert_false (options.include & SITMAP_EXPORT_LEGEND);
  g_assert_false (options.include & SITMAP_EXPORT_NOTES);
  g_assert_true (options.include & SITMAP_EXPORT_SCALE_BAR);
  g_assert_true (options.include & SITMAP_EXPORT_TITLE);
  g_assert_null (options.title);
  sitmap_export_options_clear (&options);

  /* While the window lives the title stays, until another document comes. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Title (the document’s when empty)")),
                         "Briefing");
  sitmap_export_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.title, ==, "Briefing");
  sitmap_export_options_clear (&options);
  {
    g_autoptr (GFile) file = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
    g_autoptr (SitmapDocument) document = sitmap_kml_read_file (file, NULL, NULL);

    g_assert_nonnull (document);
    sitmap_view_state_set_document (sitmap_window_get_view_state (window), document);
  }
  sitmap_export_dialog_get_options (dialog, &options);
  g_assert_null (options.title);
  sitmap_export_options_clear (&options);

  /* Paper sideways, then back to the defaults for the other tests. */
  select_in (dialog, "_Format", SITMAP_EXPORT_PDF);
  select_in (dialog, "_Size", SITMAP_EXPORT_SIZE_A4_300);
  select_in (dialog, "_Orientation", 1);
  destroy_dialog (dialog);
  dialog = new_dialog ();
  sitmap_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, SITMAP_EXPORT_PDF);
  g_assert_cmpint (options.width, ==, 3508);
  g_assert_cmpint (options.height, ==, 2480);
  destroy_dialog (dialog);
  reset_settings ();
}


/* A custom page too small for its parts: the export is written without them, and the toast says what
 * was left out. */
static void
test_small_page (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "small.png", NULL);
  SitmapExportDialog *dialog = new_dialog ();

  select_in (dialog, "_Size", SITMAP_EXPORT_SIZE_CUSTOM);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (
                                 ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "_Width")))),
                             200);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (
                                 ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "_Height")))),
                             200);
  export_through (GTK_WINDOW (dialog), path, "The page is too small for the source notes");
  destroy_dialog (dialog);
  reset_settings ();
  g_remove (path);
  g_rmdir (dir);
}

#define MEGABYTE (1024 * 1024)
/* A name or title of the document, cut, with the words around it ("Show every event in …"). */
#define LONGEST 1100

/* text in the demo's KML replaced by a megabyte: of one long word (no room to wrap), or of words. */
static void
make_long (GString *kml, const char *text, gboolean words)
{
  g_autoptr (GString) replacement = g_string_sized_new (MEGABYTE + 64);
  g_autofree char *element = g_strdup (text);
  char *open_end = strchr (element, '>');

  g_assert_nonnull (open_end);
  g_string_append_len (replacement, element, open_end + 1 - element);
  while (replacement->len < MEGABYTE)
    g_string_append (replacement, words ? "Lorem ipsum dolor sit amet " : "xxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (replacement, strrchr (element, '<'));
  g_assert_cmpuint (g_string_replace (kml, text, replacement->str, 1), ==, 1);
}

/* The longest line of text any shown label has. */
static gsize
longest_label_line (void)
{
  g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (window));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gsize longest = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if ((gsize)g_utf8_strlen (lines[i], -1) > longest)
      {
        longest = g_utf8_strlen (lines[i], -1);
        if (longest >= LONGEST)
          g_test_message ("A label of %zu characters: %.40s…", longest, lines[i]);
      }
  return longest;
}

static gboolean
window_titled_with (gpointer data)
{
  return g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), data);
}

/* A hostile document whose title, an event's title and summary, its source's name, its place's words and
 * an area's name are each a megabyte: the window opens it, shows the event, its tooltip on the map, and
 * lists it, with every text cut to what a label shows (and an ellipsis), rather than stalling for
 * minutes on laying out a megabyte in the window's title, the sidebar, the map and the events list.
 * (The map's names: the benchmark place_layer_snapshot_1mb_name_ms.) */
static void
test_long_texts (void)
{
  g_autofree char *demo = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-long-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.kml", NULL);
  g_autoptr (GString) kml = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  SitmapViewState *view_state = sitmap_window_get_view_state (window);
  gint64 start;

  g_assert_true (g_file_get_contents (g_getenv ("SITMAP_DEMO"), &demo, NULL, NULL));
  kml = g_string_new (demo);
  make_long (kml, "<name>Syria, late 2024</name>", FALSE);
  make_long (kml, "<name>IS kills 54 fleeing government soldiers near As-Sukhnah</name>", TRUE);
  make_long (kml, "<sitmap:name>Syrian Observatory for Human Rights</sitmap:name>", TRUE);
  /* An area of the gazetteer: the map names it, on every frame. */
  make_long (kml, "<name>Badia (Syrian Desert)</name>", TRUE);
  make_long (kml, "<sitmap:location place=\"place-sukhna\" precision=\"near-town\" radius=\"25000\">desert near Sukhna, "
                  "Homs governorate</sitmap:location>",
             FALSE);
  make_long (kml,
             "<description>Islamic State fighters stopped and killed Syrian government soldiers who were deserting as "
             "the government collapsed, in the desert near As-Sukhnah in eastern Homs governorate. The toll of 54 comes "
             "from SOHR alone, through AFP.</description>",
             FALSE);
  g_assert_true (g_file_set_contents (path, kml->str, kml->len, NULL));
  file = g_file_new_for_path (path);

  /* Opened as Ctrl+O opens it. */
  start = g_get_monotonic_time ();
  sitmap_window_open (window, file);
  sitmap_test_wait_until (window_titled_with, (gpointer) "xxxxx", 60000, "the window's title");
  document = g_object_ref (sitmap_view_state_get_document (view_state));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_test_message ("Shown in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (g_utf8_strlen (gtk_window_get_title (GTK_WINDOW (window)), -1), <, LONGEST);
  g_assert_cmpuint (longest_label_line (), <, LONGEST);

  start = g_get_monotonic_time ();
  sitmap_view_state_set_selected (view_state, sitmap_document_find_event (document, "ev-2024-12-10-sukhna"));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_test_message ("Selected in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (longest_label_line (), <, LONGEST);

  /* The map's tooltip over the event: its title, cut. */
  {
    ShumateSimpleMap *map = sitmap_window_get_map (window);
    ShumateViewport  *viewport = shumate_simple_map_get_viewport (map);
    GtkWidget        *layer = GTK_WIDGET (sitmap_window_get_event_layer (window));
    g_autofree char  *tooltip = NULL;
    g_auto (GStrv) lines = NULL;
    double x, y;

    shumate_location_set_location (SHUMATE_LOCATION (viewport), 34.8853, 38.8711);
    shumate_viewport_set_zoom_level (viewport, 10);
    sitmap_test_wait_for_paint (GTK_WIDGET (window));
    shumate_viewport_location_to_widget_coords (viewport, layer, 34.8853, 38.8711, &x, &y);
    tooltip = sitmap_event_layer_dup_tooltip_text (sitmap_window_get_event_layer (window), x, y);
    g_assert_nonnull (tooltip);
    g_assert_true (g_str_has_prefix (tooltip, "Lorem ipsum"));
    lines = g_strsplit (tooltip, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpuint (g_utf8_strlen (lines[i], -1), <, LONGEST);
  }

  start = g_get_monotonic_time ();
  sitmap_sidebar_show_events (sitmap_window_get_sidebar (window), FALSE);
  sitmap_test_wait_for_transitions (GTK_WIDGET (window));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_test_message ("Listed in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (longest_label_line (), <, LONGEST);
  g_remove (path);
  g_rmdir (dir);
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

  g_test_add_func ("/export/window/copy", test_copy);
  g_test_add_func ("/export/window/dialog", test_export_dialog);
  g_test_add_func ("/export/window/remembered", test_remembered);
  g_test_add_func ("/export/window/small-page", test_small_page);
  g_test_add_func ("/export/window/long-texts", test_long_texts);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
