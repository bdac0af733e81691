/* test-window.c: the real window, driven as a user would drive it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

#define SUKHNA_ID "ev-2024-12-10-sukhna"

static SitmapApplication *app;
static SitmapWindow *window;

static gboolean
not_loading (gpointer data)
{
  return !sitmap_window_get_loading (window);
}

static gboolean
selection_is (gpointer data)
{
  return sitmap_view_state_get_selected (sitmap_window_get_view_state (window)) == GPOINTER_TO_INT (data);
}

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static gint
sukhna (void)
{
  gint position = sitmap_document_find_event (document (), SUKHNA_ID);

  g_assert_cmpint (position, >=, 0);
  return position;
}

static gboolean
offline_basemap_shown (gpointer data)
{
  SitmapTileSources *sources = sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));
  SitmapTileSource *current = sitmap_tile_sources_get_current (sources);

  return current != NULL && sitmap_tile_source_get_kind (current) == SITMAP_TILE_SOURCE_OFFLINE;
}

static void
test_opens_on_demo (void)
{
  g_autoptr (SitmapEvent) event = NULL;
  SitmapPlaceLayer *places = sitmap_window_get_place_layer (window);
  const guint32 *labelled;
  guint n_labelled;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Syria, late 2024 — Sitmap");
  g_assert_cmpstr (sitmap_document_get_title (document ()), ==, "Syria, late 2024");
  event = sitmap_document_get_event (document (), sukhna ());
  g_assert_nonnull (sitmap_event_get_title (event));

  /* Offline by default; the basemap names the towns, so the document's own names are not doubled,
   * but its areas (the Badia) are still named. */
  sitmap_test_wait_until (offline_basemap_shown, NULL, 10000, "the offline basemap");
  g_assert_false (sitmap_place_layer_get_show_settlements (places));
  sitmap_test_wait_for_paint (GTK_WIDGET (places));
  labelled = sitmap_place_layer_get_labelled (places, &n_labelled);
  g_assert_cmpuint (n_labelled, >, 0);
  for (guint i = 0; i < n_labelled; i++)
    {
      SitmapPlaceKind kind = sitmap_place_get_kind (sitmap_document_get_place (document (), labelled[i]));

      g_assert_true (kind != SITMAP_PLACE_KIND_CAPITAL && kind != SITMAP_PLACE_KIND_CITY &&
                     kind != SITMAP_PLACE_KIND_TOWN && kind != SITMAP_PLACE_KIND_VILLAGE);
    }
}

static void
assert_sidebar_shows_sukhna (void)
{
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document (), sukhna ());
  g_autofree char *text = NULL;

  sitmap_test_wait_for_transitions (GTK_WIDGET (sitmap_window_get_sidebar (window)));
  text = sitmap_test_collect_text (GTK_WIDGET (sitmap_window_get_sidebar (window)));
  g_test_message ("sidebar reads:\n%s", text);
  g_assert_null (strstr (text, "No Event Selected"));
  g_assert_nonnull (strstr (text, sitmap_event_get_title (event)));
  g_assert_nonnull (strstr (text, "SOHR"));
  g_assert_nonnull (strstr (text, "AFP"));
}

static void
test_select_by_api (void)
{
  SitmapViewState *state = sitmap_window_get_view_state (window);

  sitmap_view_state_set_selected (state, sukhna ());
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  assert_sidebar_shows_sukhna ();
  sitmap_view_state_set_selected (state, -1);
}

/* A real click through the X server on the pixel where the Sukhna symbol is drawn. */
static void
test_select_by_click (void)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  SitmapViewState *state = sitmap_window_get_view_state (window);
  double x, y;

  sitmap_view_state_set_selected (state, -1);
  sitmap_test_wait_for_paint (GTK_WIDGET (layer));
  g_assert_true (sitmap_event_layer_get_event_point (layer, sukhna (), &x, &y));
  g_test_message ("Sukhna is drawn at %.1f, %.1f", x, y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (layer)));
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (layer)));

  sitmap_test_click (GTK_WIDGET (layer), x, y);
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (sukhna ()), 5000, "the click to select Sukhna");
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  assert_sidebar_shows_sukhna ();
}

/* Every placed event that overlaps [from, to), by brute force over the columns. */
static GArray *
expected_on_map (gint64 from, gint64 to)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document ());
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint32 i = 0; i < columns->n_dated; i++)
    if ((columns->flags[i] & SITMAP_EVENT_FLAG_PLACED) && columns->start[i] < to && sitmap_event_columns_get_end (columns, i) > from)
      g_array_append_val (expected, i);
  return expected;
}

static void
assert_map_shows (GArray *expected)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  const guint32 *drawn;
  guint n;

  sitmap_test_wait_for_paint (GTK_WIDGET (layer));
  drawn = sitmap_event_layer_get_drawn (layer, &n);
  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpmem (drawn, n * sizeof (guint32), expected->data, expected->len * sizeof (guint32));
}

static gboolean
drawn_contains (const char *id)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  gint position = sitmap_document_find_event (document (), id);
  const guint32 *drawn;
  guint n;

  g_assert_cmpint (position, >=, 0);
  drawn = sitmap_event_layer_get_drawn (layer, &n);
  for (guint i = 0; i < n; i++)
    if (drawn[i] == (guint32) position)
      return TRUE;
  return FALSE;
}

static void
test_range_filters_map (void)
{
  SitmapViewState *state = sitmap_window_get_view_state (window);
  gint64 from = sitmap_time_from_civil (2024, 11, 27, 0, 0, 0);
  gint64 to = sitmap_time_from_civil (2024, 12, 11, 0, 0, 0);
  g_autoptr (GArray) expected = expected_on_map (from, to);

  sitmap_view_state_set_range (state, from, to);
  assert_map_shows (expected);
  g_assert_true (drawn_contains (SUKHNA_ID));
  g_assert_false (drawn_contains ("ev-2019-03-baghouz"));
  g_assert_false (drawn_contains ("ev-2011-conflict-begins"));
  sitmap_view_state_clear_range (state);
}

/* The same range, dragged on the timeline with the pointer. */
static void
test_range_by_drag (void)
{
  SitmapViewState *state = sitmap_window_get_view_state (window);
  SitmapTimeline *timeline = sitmap_window_get_timeline (window);
  gint64 from = sitmap_time_from_civil (2024, 11, 27, 0, 0, 0);
  gint64 to = sitmap_time_from_civil (2024, 12, 11, 0, 0, 0);
  g_autoptr (GArray) expected = expected_on_map (from, to);
  gint64 got_from, got_to;
  double x0, x1, y;

  sitmap_view_state_clear_range (state);
  sitmap_view_state_set_window (state, sitmap_time_from_civil (2024, 11, 15, 0, 0, 0),
                                sitmap_time_from_civil (2024, 12, 20, 0, 0, 0));
  sitmap_test_wait_for_paint (GTK_WIDGET (timeline));
  /* Start a little inside each day, as a hand would: the range snaps to whole days. */
  x0 = sitmap_timeline_time_to_x (timeline, from + 3 * 3600);
  x1 = sitmap_timeline_time_to_x (timeline, to - 3 * 3600);
  y = gtk_widget_get_height (GTK_WIDGET (timeline)) / 2.0;
  sitmap_test_drag (GTK_WIDGET (timeline), x0, y, x1, y);
  sitmap_test_wait_for_paint (GTK_WIDGET (timeline));

  g_assert_true (sitmap_view_state_get_range (state, &got_from, &got_to));
  g_assert_cmpint (got_from, ==, from);
  g_assert_cmpint (got_to, ==, to);
  assert_map_shows (expected);
  sitmap_view_state_clear_range (state);
}

static char *
write_temp (const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
other_window_appeared (gpointer data)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  return others != NULL;
}

static void
close_other_windows (void)
{
  g_autoptr (GList) others = sitmap_test_list_other_windows (GTK_WINDOW (window));

  for (GList *l = others; l; l = l->next)
    gtk_window_destroy (l->data);
}

/* A hostile file: a dialog names file, line and column, and the demo stays as it was. */
static void
test_bad_file_leaves_document (void)
{
  g_autofree char *path = write_temp ("sitmap-test-laughs.kml",
                                      "<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE kml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
                                      "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>&b;</name>"
                                      "</Document></kml>\n");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  SitmapDocument *before = document ();
  g_autofree char *text = NULL;
  g_autoptr (GList) others = NULL;

  sitmap_window_open (window, file);
  sitmap_test_wait_until (not_loading, NULL, 10000, "the bad file to be refused");
  g_assert_true (document () == before);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Syria, late 2024 — Sitmap");

  sitmap_test_wait_until (other_window_appeared, NULL, 5000, "the error dialog");
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  text = sitmap_test_collect_text (others->data);
  g_test_message ("dialog reads:\n%s", text);
  g_assert_nonnull (strstr (text, "sitmap-test-laughs.kml"));
  g_assert_nonnull (strstr (text, "line 2"));
  g_assert_nonnull (strstr (text, "column"));
  close_other_windows ();
  g_unlink (path);
}

static gboolean
other_windows_gone (gpointer data)
{
  return !other_window_appeared (data);
}

/* Ctrl+O, pressed on the keyboard, asks for a file; Escape gives up, and nothing changes. */
static void
test_ctrl_o_opens_chooser (void)
{
  SitmapDocument *before = document ();
  g_autoptr (GList) others = NULL;

  close_other_windows ();
  sitmap_test_key (GTK_WIDGET (window), "ctrl+o");
  sitmap_test_wait_until (other_window_appeared, NULL, 5000, "the file chooser");
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (others->data), ==, "Open Document");
  sitmap_test_key (others->data, "Escape");
  sitmap_test_wait_until (other_windows_gone, NULL, 5000, "the file chooser to close");
  g_assert_true (document () == before);
}

static void
test_opens_another_document (void)
{
  g_autofree char *path = write_temp ("sitmap-test-other.kml",
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                      "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>Another map</name>"
                                      "<Placemark><name>Somewhere</name><TimeStamp><when>2020-05-01</when></TimeStamp>"
                                      "<Point><coordinates>36.2,33.5</coordinates></Point></Placemark>"
                                      "</Document></kml>\n");
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  sitmap_test_wait_until (not_loading, NULL, 10000, "the other document to load");
  g_assert_cmpstr (sitmap_document_get_title (document ()), ==, "Another map");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Another map — Sitmap");
  g_assert_cmpuint (sitmap_document_get_n_events (document ()), ==, 1);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/window/opens-on-demo", test_opens_on_demo);
  g_test_add_func ("/window/select-by-api", test_select_by_api);
  g_test_add_func ("/window/select-by-click", test_select_by_click);
  g_test_add_func ("/window/range-filters-map", test_range_filters_map);
  g_test_add_func ("/window/range-by-drag", test_range_by_drag);
  g_test_add_func ("/window/bad-file-leaves-document", test_bad_file_leaves_document);
  g_test_add_func ("/window/ctrl-o-opens-chooser", test_ctrl_o_opens_chooser);
  g_test_add_func ("/window/opens-another-document", test_opens_another_document);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
