/* test-saved-views.c: a named view survives saving the document and opening it again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

#define VIEW_NAME "HTS offensive, 27 Nov - 8 Dec"
/* 27 November to 8 December 2024, the end exclusive */
#define OFFENSIVE_START G_GINT64_CONSTANT (1732665600)
#define OFFENSIVE_END   G_GINT64_CONSTANT (1733702400)

static SitmapApplication *app;
static char *folder;

/*
 * Helpers
 */

static SitmapDocument *
document_of (SitmapWindow *window)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

typedef struct
{
  SitmapWindow *window;
  guint         n;
} ViewsCount;

static gboolean
n_views_is (gpointer data)
{
  ViewsCount *count = data;

  return g_list_model_get_n_items (sitmap_document_get_named_views (document_of (count->window))) == count->n;
}

static gboolean
range_is_set (gpointer data)
{
  return sitmap_view_state_get_range (sitmap_window_get_view_state (data), NULL, NULL);
}

static gboolean
other_window_appeared (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (data);

  return others != NULL;
}

static GtkWidget *
find_label (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  g_error ("no shown label reads “%s”", text);
  return NULL;
}

/* The star menu of window's events page, opened by a click. */
static GtkWidget *
open_views (SitmapWindow *window)
{
  SitmapSidebar *sidebar = sitmap_window_get_sidebar (window);
  g_autoptr (GPtrArray) buttons = NULL;
  GtkMenuButton *button = NULL;
  GtkWidget *popover;

  sitmap_sidebar_show_events (sidebar, FALSE);
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  buttons = sitmap_test_find_shown (sitmap_sidebar_get_events_panel (sidebar), GTK_TYPE_MENU_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Saved Views") == 0)
      button = buttons->pdata[i];
  g_assert_nonnull (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  sitmap_test_click_centre (GTK_WIDGET (button));
  sitmap_test_wait_until (popover_shown, popover, 5000, "the saved views");
  sitmap_test_wait_for_paint (popover);
  return popover;
}

static SitmapFilter *
offensive_filter (void)
{
  SitmapFilter *filter = sitmap_filter_new ();

  sitmap_filter_set_text (filter, "IS");
  sitmap_filter_set_hidden_categories (filter, 1u << SITMAP_CATEGORY_STATEMENT);
  sitmap_filter_add_value (filter, SITMAP_FILTER_SOURCES, "sohr");
  return filter;
}

/*
 * Test
 */

/* The user narrows the demo, saves that as a view, saves the document; in a new window on that file,
 * the view is in the star menu and brings back the same filters and range. */
static void
test_view_survives_reopening (void)
{
  SitmapWindow *window = SITMAP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autofree char *path = g_build_filename (folder, "offensive.kml", NULL);
  g_autoptr (SitmapFilter) filter = offensive_filter ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  SitmapViewState *state = sitmap_window_get_view_state (window);
  ViewsCount count = { window, 1 };
  SitmapWindow *second;
  g_autoptr (GList) others = NULL;
  GtkWidget *popover, *entry;
  GtkWindow *chooser;
  gint64 start, end;

  sitmap_view_state_set_filter (state, filter);
  sitmap_view_state_set_range (state, OFFENSIVE_START, OFFENSIVE_END);
  popover = open_views (window);
  entry = sitmap_test_find_first_shown (popover, GTK_TYPE_ENTRY);
  sitmap_test_click_centre (entry);
  sitmap_test_type (entry, VIEW_NAME);
  sitmap_test_key (entry, "Return");
  sitmap_test_wait_until (n_views_is, &count, 5000, "the view to be saved");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Saved where the user says: the demo is not Sitmap's own file. */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+s");
  sitmap_test_wait_until (other_window_appeared, window, 5000, "the save dialog");
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  chooser = others->data;
  sitmap_test_key (GTK_WIDGET (chooser), "ctrl+a");
  sitmap_test_type (GTK_WIDGET (chooser), path);
  sitmap_test_key (GTK_WIDGET (chooser), "Return");
  sitmap_test_wait_until (file_exists, path, 10000, "the document to be saved");

  /* Opened again in a new window, which starts with no filter. */
  second = sitmap_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (second));
  sitmap_window_open (second, file);
  sitmap_test_wait_for_document (second);
  g_assert_true (sitmap_filter_is_empty (sitmap_view_state_get_filter (sitmap_window_get_view_state (second))));
  count.window = second;
  g_assert_true (n_views_is (&count));

  popover = open_views (second);
  sitmap_test_click_centre (find_label (popover, VIEW_NAME));
  sitmap_test_wait_until (range_is_set, second, 5000, "the view to be recalled");
  g_assert_true (sitmap_view_state_get_range (sitmap_window_get_view_state (second), &start, &end));
  g_assert_cmpint (start, ==, OFFENSIVE_START);
  g_assert_cmpint (end, ==, OFFENSIVE_END);
  g_assert_true (sitmap_filter_equal (sitmap_view_state_get_filter (sitmap_window_get_view_state (second)), filter));
  sitmap_test_wait_for_paint (GTK_WIDGET (second));
  find_label (sitmap_window_get_sidebar (second), "Source: SOHR");
  find_label (sitmap_window_get_sidebar (second), "Without Statement");
  gtk_window_destroy (GTK_WINDOW (second));
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  SitmapWindow *window;
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("sitmap-views-XXXXXX", &error);
  g_assert_no_error (error);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/saved-views/survive-reopening", test_view_survives_reopening);
  status = g_test_run ();

  /* The edits are saved: the window closes without asking. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  {
    g_autofree char *path = g_build_filename (folder, "offensive.kml", NULL);

    g_unlink (path);
  }
  g_rmdir (folder);
  g_free (folder);
  return status;
}
