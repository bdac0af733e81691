/* test-print-window.c: Ctrl+P and the menu's Print… in the real window, with real key presses and
 * clicks: the print dialog, its paper and orientation, and the page "Print to File" writes, which must
 * be the page the PDF export of the same view writes at that paper size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "sitmap-application.h"
#include "sitmap-export-dialog.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

/* What the demo prints as its title, and so the name "Print to File" offers. */
#define DEMO_TITLE "Syria, late 2024"

static SitmapWindow *window;
static GSettings    *settings;
static char         *dir; /* where this test's prints and exports go */

/*
 * Finding things on screen
 */

static gboolean
window_shows_text (gpointer data)
{
  g_autofree char *text = sitmap_test_collect_text (GTK_WIDGET (window));

  return strstr (text, data) != NULL;
}

static GtkPrintUnixDialog *
find_print_dialog (void)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    if (GTK_IS_PRINT_UNIX_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
print_dialog_shown (gpointer data)
{
  return find_print_dialog () != NULL;
}

static gboolean
print_dialog_gone (gpointer data)
{
  return find_print_dialog () == NULL;
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
other_window_titled (gpointer data)
{
  return find_other_window (data, NULL) != NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_other_window ("Export Map", data) != NULL;
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
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

/* A label shown inside root whose text is text. */
static GtkWidget *
find_label (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  const char *const *where_what = data;

  return find_label ((gpointer)where_what[0], where_what[1]) != NULL;
}

/* A drop-down's list is a popover, its last child. */
static gboolean
popover_closed (gpointer data)
{
  GtkWidget *popover = gtk_widget_get_last_child (data);

  return GTK_IS_POPOVER (popover) && !gtk_widget_get_mapped (popover);
}

static gboolean
button_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
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

/*
 * Files
 */

/* A PDF is whole once cairo has written its trailer. */
static gboolean
pdf_complete (gpointer data)
{
  g_autofree char *contents = NULL;
  gsize            length;

  return g_file_get_contents (data, &contents, &length, NULL) && length > 1000
         && memcmp (contents + length - strlen ("%%EOF\n"), "%%EOF\n", strlen ("%%EOF\n")) == 0;
}

static int
run_tool (const char *const *argv, char **out)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The page's text, but for the minute of the "Exported on" line, which may differ between two files
 * written a moment apart. */
static char *
page_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);
  gboolean exported_on = FALSE;

  g_assert_cmpint (run_tool (argv, &text), ==, 0);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Exported on "))
      {
        exported_on = TRUE;
        g_string_append (kept, "Exported on …\n");
      }
    else
      g_string_append_printf (kept, "%s\n", lines[i]);
  g_assert_true (exported_on);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* pdfinfo's "Pages:" and "Page size:" lines. */
static void
assert_one_page (const char *path, double width, double height)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = NULL;
  const char      *size;
  double           w, h;

  g_assert_cmpint (run_tool (argv, &info), ==, 0);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  size = strstr (info, "Page size:");
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf pts", &w, &h), ==, 2);
  g_assert_cmpfloat_with_epsilon (w, width, 1);
  g_assert_cmpfloat_with_epsilon (height, h, 1);
}

/* Share of a band across the page (fractions of its height) that is not white paper: the map's tiles. */
static double
ink_share (const char *path, double top, double bottom)
{
  g_autofree char *prefix = g_build_filename (dir, "render", NULL);
  g_autofree char *png = g_build_filename (dir, "render-1.png", NULL);
  const char      *argv[] = { "pdftoppm", "-r", "40", "-png", path, prefix, NULL };
  g_autoptr (GFile) file = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  guint64            ink = 0, total = 0;
  int                width, height;

  g_assert_cmpint (run_tool (argv, NULL), ==, 0);
  file = g_file_new_for_path (png);
  texture = gdk_texture_new_from_file (file, NULL);
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  data = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  for (int y = top * height; y < bottom * height; y++)
    for (int x = width / 10; x < width * 9 / 10; x++)
      {
        const guchar *p = data + ((gsize)y * width + x) * 4;

        ink += p[0] < 252 || p[1] < 252 || p[2] < 252;
        total++;
      }
  g_remove (png);
  return (double)ink / total;
}

/*
 * The user's steps
 */

static GtkPrintUnixDialog *
press_ctrl_p (void)
{
  GtkPrintUnixDialog *dialog;

  sitmap_test_key (GTK_WIDGET (window), "ctrl+p");
  sitmap_test_wait_until (print_dialog_shown, NULL, 10000, "the print dialog");
  dialog = find_print_dialog ();
  sitmap_test_wait_for_paint (GTK_WIDGET (dialog));
  return dialog;
}

/* The printer list's first row, clicked: with only the file backend, "Print to File". */
/* The "Print to File" row of the printer list, clicked. */
static void
click_print_to_file (GtkPrintUnixDialog *dialog)
{
  const char *where_what[2] = { (const char *)dialog, "Print to File" };
  GtkWidget  *row;

  sitmap_test_wait_until (label_shown, where_what, 10000, "the printers");
  row = find_label (dialog, "Print to File");
  sitmap_test_wait_for_paint (row);
  sitmap_test_click_centre (row);
}

static gboolean
print_to_file_selected (gpointer data)
{
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (data);

  return printer != NULL && g_strcmp0 (gtk_printer_get_name (printer), "Print to File") == 0;
}

static void
click_print (GtkPrintUnixDialog *dialog)
{
  GtkWidget *print = find_button (GTK_WIDGET (dialog), "_Print");

  g_assert_nonnull (print);
  sitmap_test_wait_until (button_sensitive, print, 5000, "the Print button");
  sitmap_test_click_centre (print);
  sitmap_test_wait_until (print_dialog_gone, NULL, 5000, "the print dialog to close");
}

/* Ctrl+E, PDF at a paper size, Export…, the file's name typed in the chooser, Enter: the export a user
 * makes of the view on screen. */
static void
export_pdf (const char *path, SitmapExportSize size, gboolean landscape)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *toast = g_strdup_printf ("Exported “%s”", basename);
  GtkWindow       *dialog, *chooser;
  GtkWidget       *export_button;

  sitmap_test_key (GTK_WIDGET (window), "ctrl+e");
  sitmap_test_wait_until (other_window_titled, (gpointer) "Export Map", 5000, "the export dialog");
  dialog = find_other_window ("Export Map", NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Format")), SITMAP_EXPORT_PDF);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Size")), size);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), "_Orientation")), landscape ? 1 : 0);
  export_button = find_button (GTK_WIDGET (dialog), "_Export…");
  g_assert_nonnull (export_button);
  sitmap_test_wait_for_paint (GTK_WIDGET (dialog));
  sitmap_test_click_centre (export_button);
  sitmap_test_wait_until (chooser_shown, dialog, 5000, "the file chooser");
  chooser = find_other_window ("Export Map", dialog);
  sitmap_test_wait_for_paint (GTK_WIDGET (chooser));
  sitmap_test_key (GTK_WIDGET (chooser), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (chooser), path);
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (window_shows_text, toast, 30000, "the export toast");
  sitmap_test_wait_until (pdf_complete, (gpointer)path, 5000, "the exported PDF");
}

static void
set_export_switch (const char *title, gboolean active)
{
  GtkWindow *dialog;
  GtkWidget *row;

  sitmap_test_key (GTK_WIDGET (window), "ctrl+e");
  sitmap_test_wait_until (other_window_titled, (gpointer) "Export Map", 5000, "the export dialog");
  dialog = find_other_window ("Export Map", NULL);
  row = find_row (GTK_WIDGET (dialog), title);
  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), active);
  gtk_window_close (dialog);
}

static void
seed_print_settings (const char *output_dir, const char *printer)
{
  g_autoptr (GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr (GtkPageSetup) a4 = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, output_dir);
  if (printer != NULL)
    gtk_print_settings_set_printer (print_settings, printer);
  g_settings_set_value (settings, "print-settings", gtk_print_settings_to_gvariant (print_settings));
  gtk_page_setup_set_paper_size (a4, paper);
  gtk_page_setup_set_orientation (a4, GTK_PAGE_ORIENTATION_PORTRAIT);
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (a4));
}

static gboolean
settings_saved (gpointer data)
{
  g_autoptr (GVariant) kept = g_settings_get_value (settings, "print-settings");
  const char *printer = NULL;

  return g_variant_lookup (kept, "printer", "&s", &printer) && g_strcmp0 (printer, "Print to File") == 0;
}

/* Whether the shortcuts window lists Ctrl+P as printing. */
static gboolean
lists_print_shortcut (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      g_object_get (widget, "accelerator", &accelerator, "title", &title, NULL);
      if (g_strcmp0 (accelerator, "<Primary>p") == 0 && strstr (title, "Print") != NULL)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (lists_print_shortcut (child))
      return TRUE;
  return FALSE;
}

/*
 * Tests
 */

/* The menu has Print… and the shortcuts window has Ctrl+P. The menu item, clicked, opens the print
 * dialog; Escape closes it and nothing is printed or said. */
static void
test_menu_and_cancel (void)
{
  GtkWidget *menu_button = NULL;
  GtkWidget *item;
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (window, GTK_TYPE_MENU_BUTTON);
  g_autoptr (GVariant) before = g_settings_get_value (settings, "print-settings");
  g_autoptr (GVariant) after = NULL;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  const char *where_what[2];
  gboolean    listed = FALSE;
  g_autoptr (GDir) folder = NULL;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (buttons->pdata[i]), "open-menu-symbolic") == 0)
      menu_button = buttons->pdata[i];
  g_assert_nonnull (menu_button);
  sitmap_test_click_centre (menu_button);
  where_what[0] = (const char *)menu_button;
  where_what[1] = "Print…";
  sitmap_test_wait_until (label_shown, where_what, 5000, "Print… in the menu");
  item = find_label (menu_button, "Print…");
  sitmap_test_wait_for_paint (item);
  sitmap_test_click_centre (item);
  sitmap_test_wait_until (print_dialog_shown, NULL, 10000, "the print dialog");
  /* The paper and its orientation are chosen in the dialog itself, in its Page Setup tab. */
  g_assert_true (gtk_print_unix_dialog_get_embed_page_setup (find_print_dialog ()));
  sitmap_test_wait_for_paint (GTK_WIDGET (find_print_dialog ()));
  sitmap_test_key (GTK_WIDGET (find_print_dialog ()), "Escape");
  sitmap_test_wait_until (print_dialog_gone, NULL, 5000, "the print dialog to close");
  /* Nothing written, nothing remembered, nothing said. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  folder = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (folder));
  after = g_settings_get_value (settings, "print-settings");
  g_assert_true (g_variant_equal (before, after));
  g_assert_false (window_shows_text ((gpointer) "printed"));

  /* The shortcuts window is not shown: its whole tree is searched. */
  g_assert_nonnull (overlay);
  listed = lists_print_shortcut (GTK_WIDGET (overlay));
  g_assert_true (listed);
}

/* The first print: Ctrl+P, the "Print to File" printer clicked, Print clicked. The file is named after
 * the document, in the folder used last, and holds one A4 page whose text is the text of the A4 PDF
 * export of the same view; the printer and folder are remembered, the file itself is not. */
static void
test_a4 (void)
{
  g_autofree char *printed = g_build_filename (dir, DEMO_TITLE ".pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "export-a4.pdf", NULL);
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autoptr (GVariant) kept = NULL;
  GtkPrintUnixDialog *dialog;
  const char         *output_dir = NULL;

  seed_print_settings (dir, NULL);
  dialog = press_ctrl_p ();
  click_print_to_file (dialog);
  sitmap_test_wait_until (print_to_file_selected, dialog, 5000, "Print to File");
  click_print (dialog);
  sitmap_test_wait_until (pdf_complete, printed, 30000, "the printed page");
  assert_one_page (printed, 595.28, 841.89);
  /* The map is there, tiles and all. */
  g_assert_cmpfloat (ink_share (printed, 0.2, 0.4), >, 0.5);

  export_pdf (exported, SITMAP_EXPORT_SIZE_A4_300, FALSE);
  printed_text = page_text (printed);
  exported_text = page_text (exported);
  g_assert_cmpstr (printed_text, ==, exported_text);
  g_assert_nonnull (strstr (printed_text, DEMO_TITLE));
  g_assert_nonnull (strstr (printed_text, "Events and their sources"));
  g_assert_nonnull (strstr (printed_text, "Natural Earth"));

  sitmap_test_wait_until (settings_saved, NULL, 5000, "the printer remembered");
  kept = g_settings_get_value (settings, "print-settings");
  g_assert_true (g_variant_lookup (kept, "output-dir", "&s", &output_dir));
  g_assert_cmpstr (output_dir, ==, dir);
  g_assert_false (g_variant_lookup (kept, "output-uri", "&s", NULL));
  g_assert_false (g_variant_lookup (kept, "output-basename", "&s", NULL));
  g_remove (printed);
  g_remove (exported);
}

/* The next print starts on "Print to File". US Letter is chosen, then Landscape with real clicks in the
 * Page Setup tab; the export's parts chosen last (no notes) are printed: the page is the Letter
 * landscape PDF export's, and Letter landscape is remembered. */
static void
test_letter_landscape (void)
{
  g_autofree char *printed = g_build_filename (dir, DEMO_TITLE ".pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "export-letter.pdf", NULL);
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autoptr (GVariant) kept = NULL;
  g_autoptr (GtkPageSetup) remembered = NULL;
  GtkPrintUnixDialog *dialog;
  GtkWidget          *tab, *orientation, *landscape;
  GtkDropDown        *paper_menu;
  GListModel         *papers;
  const char         *where_what[2];

  set_export_switch ("Numbered source notes", FALSE);
  dialog = press_ctrl_p ();
  sitmap_test_wait_until (print_to_file_selected, dialog, 5000, "Print to File, as last time");
  tab = find_label (dialog, "Page Setup");
  g_assert_nonnull (tab);
  sitmap_test_click_centre (tab);
  where_what[0] = (const char *)dialog;
  where_what[1] = "Orientation:";
  sitmap_test_wait_until (label_shown, where_what, 5000, "the Page Setup tab");
  /* The paper menu lists 183 sizes, with no search: US Letter is chosen in it as its row would. */
  paper_menu = GTK_DROP_DOWN (gtk_label_get_mnemonic_widget (GTK_LABEL (find_label (dialog, "Paper size:"))));
  papers = gtk_drop_down_get_model (paper_menu);
  for (guint i = 0; i < g_list_model_get_n_items (papers); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (papers, i);

      if (GTK_IS_PAGE_SETUP (item)
          && g_strcmp0 (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (GTK_PAGE_SETUP (item))),
                        GTK_PAPER_NAME_LETTER)
                 == 0)
        gtk_drop_down_set_selected (paper_menu, i);
    }
  g_assert_true (strstr (sitmap_test_collect_text (GTK_WIDGET (paper_menu)), "Letter") != NULL);
  orientation = gtk_label_get_mnemonic_widget (GTK_LABEL (find_label (dialog, "Orientation:")));
  g_assert_true (GTK_IS_DROP_DOWN (orientation));
  sitmap_test_wait_for_paint (orientation);
  sitmap_test_click_centre (orientation);
  where_what[0] = (const char *)orientation;
  where_what[1] = "Landscape";
  sitmap_test_wait_until (label_shown, where_what, 5000, "the orientations");
  landscape = find_label (gtk_widget_get_last_child (orientation), "Landscape");
  g_assert_nonnull (landscape);
  sitmap_test_wait_for_paint (landscape);
  sitmap_test_click_centre (landscape);
  sitmap_test_wait_until (popover_closed, orientation, 5000, "the orientations to close");
  click_print (dialog);
  sitmap_test_wait_until (pdf_complete, printed, 30000, "the printed page");
  assert_one_page (printed, 792, 612);
  g_assert_cmpfloat (ink_share (printed, 0.2, 0.6), >, 0.5);

  export_pdf (exported, SITMAP_EXPORT_SIZE_LETTER_300, TRUE);
  printed_text = page_text (printed);
  exported_text = page_text (exported);
  g_assert_cmpstr (printed_text, ==, exported_text);
  g_assert_nonnull (strstr (printed_text, DEMO_TITLE));
  g_assert_null (strstr (printed_text, "Events and their sources"));

  kept = g_settings_get_value (settings, "page-setup");
  remembered = gtk_page_setup_new_from_gvariant (kept);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (remembered)), ==, GTK_PAPER_NAME_LETTER);
  g_assert_cmpint (gtk_page_setup_get_orientation (remembered), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  set_export_switch ("Numbered source notes", TRUE);
  g_remove (printed);
  g_remove (exported);
}

/* Preview: GTK draws the page into a PDF and hands it to the desktop's previewer (here, a copy): one
 * page, on the paper of the last print (US Letter, landscape), with the notes now switched on again. */
static void
test_preview (void)
{
  g_autofree char *previewed = g_build_filename (dir, "preview.pdf", NULL);
  g_autofree char *quoted = g_shell_quote (previewed);
  g_autofree char *command = g_strdup_printf ("cp %%f %s", quoted);
  g_autofree char *text = NULL;
  GtkPrintUnixDialog *dialog;
  GtkWidget          *preview;

  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command", command, NULL);
  dialog = press_ctrl_p ();
  preview = find_button (GTK_WIDGET (dialog), "Pre_view");
  g_assert_nonnull (preview);
  sitmap_test_click_centre (preview);
  sitmap_test_wait_until (print_dialog_gone, NULL, 5000, "the print dialog to close");
  sitmap_test_wait_until (pdf_complete, previewed, 30000, "the preview");
  assert_one_page (previewed, 792, 612);
  text = page_text (previewed);
  g_assert_nonnull (strstr (text, DEMO_TITLE));
  g_assert_nonnull (strstr (text, "Events and their sources"));
  g_remove (previewed);
}

/* A print that cannot be sent (its folder is gone) is said in a toast. */
static void
test_failure (void)
{
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder", NULL);
  GtkPrintUnixDialog *dialog;

  seed_print_settings (missing, "Print to File");
  dialog = press_ctrl_p ();
  sitmap_test_wait_until (print_to_file_selected, dialog, 5000, "Print to File");
  click_print (dialog);
  sitmap_test_wait_until (window_shows_text, (gpointer) "The map could not be printed", 30000, "the failure toast");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* A map source that gives no tile: the print is cancelled, no file is written, and a toast says why. */
static void
test_no_tiles (void)
{
  g_autofree char *printed = g_build_filename (dir, DEMO_TITLE ".pdf", NULL);
  SitmapTileSources *sources = sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));
  g_autoptr (GError) error = NULL;
  SitmapTileSource   *unreachable;
  GtkPrintUnixDialog *dialog;

  /* Nothing listens on the discard port: every tile is refused at once, without the network. */
  unreachable = sitmap_tile_sources_add_online (sources, "Nowhere", "http://127.0.0.1:9/{z}/{x}/{y}.png", "Nowhere",
                                                &error);
  g_assert_no_error (error);
  seed_print_settings (dir, "Print to File");
  dialog = press_ctrl_p ();
  sitmap_test_wait_until (print_to_file_selected, dialog, 5000, "Print to File");
  click_print (dialog);
  sitmap_test_wait_until (window_shows_text, (gpointer) "The map could not be printed: The map’s tiles could not be fetched",
                          30000, "the no-tiles toast");
  g_assert_false (g_file_test (printed, G_FILE_TEST_EXISTS));
  sitmap_tile_sources_remove (sources, sitmap_tile_source_get_id (unreachable));
}

/* GTK's "Preparing" dialog, shown while a print waits for its page. */
static GtkWindow *
find_progress_dialog (void)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l != NULL; l = l->next)
    if (find_label (l->data, "Preparing") != NULL)
      return l->data;
  return NULL;
}

static gboolean
progress_shown (gpointer data)
{
  return find_progress_dialog () != NULL;
}

static gboolean
progress_gone (gpointer data)
{
  return find_progress_dialog () == NULL;
}

static gboolean
hold_connection_cb (GSocketService *service, GSocketConnection *connection, GObject *source, gpointer user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

static gboolean
has_connection (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* A tile server that takes the requests and never answers: the print waits for its tiles, GTK's
 * progress dialog comes, and its Cancel stops the print. Nothing is written and nothing is said, and
 * the next print prints. */
static void
test_cancel_while_preparing (void)
{
  g_autofree char *printed = g_build_filename (dir, DEMO_TITLE ".pdf", NULL);
  SitmapTileSources *sources = sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));
  g_autoptr (GSocketService) service = g_socket_service_new ();
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  SitmapTileSource   *silent;
  GtkPrintUnixDialog *dialog;
  GtkWindow          *progress;
  guint16             port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (hold_connection_cb), held);
  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", port);
  silent = sitmap_tile_sources_add_online (sources, "Silent", url, "Silent", &error);
  g_assert_no_error (error);
  seed_print_settings (dir, "Print to File");
  dialog = press_ctrl_p ();
  sitmap_test_wait_until (print_to_file_selected, dialog, 5000, "Print to File");
  click_print (dialog);
  sitmap_test_wait_until (progress_shown, NULL, 10000, "the Preparing dialog");
  progress = find_progress_dialog ();
  /* The tiles were asked for: the connection is taken on this thread, perhaps just after the dialog came */
  sitmap_test_wait_until (has_connection, held, 10000, "the tile server to be asked");
  sitmap_test_wait_for_paint (GTK_WIDGET (progress));
  sitmap_test_click_centre (find_button (GTK_WIDGET (progress), "_Cancel"));
  sitmap_test_wait_until (progress_gone, NULL, 5000, "the Preparing dialog to close");
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (g_file_test (printed, G_FILE_TEST_EXISTS));
  g_assert_false (window_shows_text ((gpointer) "could not be printed"));
  g_socket_service_stop (service);
  sitmap_tile_sources_remove (sources, sitmap_tile_source_get_id (silent));

  /* Over the offline basemap again, the next print prints. */
  dialog = press_ctrl_p ();
  sitmap_test_wait_until (print_to_file_selected, dialog, 5000, "Print to File");
  click_print (dialog);
  sitmap_test_wait_until (pdf_complete, printed, 30000, "the printed page");
  g_remove (printed);
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);
  /* This machine has no CUPS: the file backend's "Print to File" is the only printer. */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);
  settings = sitmap_application_dup_settings ();
  dir = g_dir_make_tmp ("sitmap-print-XXXXXX", NULL);
  g_assert_nonnull (dir);

  g_test_add_func ("/export/print/menu-and-cancel", test_menu_and_cancel);
  g_test_add_func ("/export/print/a4", test_a4);
  g_test_add_func ("/export/print/letter-landscape", test_letter_landscape);
  g_test_add_func ("/export/print/preview", test_preview);
  /* In this order: each failure's toast stays a while, and the cancelled print must say nothing. */
  g_test_add_func ("/export/print/cancel-while-preparing", test_cancel_while_preparing);
  g_test_add_func ("/export/print/failure", test_failure);
  g_test_add_func ("/export/print/no-tiles", test_no_tiles);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
  g_free (dir);
  g_object_unref (settings);
  return status;
}
