/* test-events.c: the sidebar's details and events pages in the real window, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-application.h"
#include "sitmap-event-list.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"

#define SUKHNA_ID  "ev-2024-12-10-sukhna"
#define BAGHOUZ_ID "ev-2019-03-baghouz"

static SitmapApplication *app;
static SitmapWindow *window;

/*
 * Helpers
 */

static SitmapViewState *
state (void)
{
  return sitmap_window_get_view_state (window);
}

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (state ());
}

static SitmapSidebar *
sidebar (void)
{
  return sitmap_window_get_sidebar (window);
}

static SitmapEventsPanel *
panel (void)
{
  return sitmap_sidebar_get_events_panel (sidebar ());
}

static gint
find_event (const char *id)
{
  gint position = sitmap_document_find_event (document (), id);

  g_assert_cmpint (position, >=, 0);
  return position;
}

static gboolean
selection_is (gpointer data)
{
  return sitmap_view_state_get_selected (state ()) == GPOINTER_TO_INT (data);
}

static gboolean
n_visible_is (gpointer data)
{
  return sitmap_view_state_get_n_visible (state ()) == GPOINTER_TO_UINT (data);
}

static gboolean
text_is (gpointer data)
{
  const char *text = sitmap_filter_get_text (sitmap_view_state_get_filter (state ()));

  return g_strcmp0 (text ? text : "", data) == 0;
}

static gboolean
focus_in_search (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (GTK_IS_SEARCH_ENTRY (focus) || GTK_IS_SEARCH_ENTRY (gtk_widget_get_parent (focus)));
}

static GtkWidget *
find_switcher_button (const char *label)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (sidebar (), GTK_TYPE_TOGGLE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      g_autofree char *text = sitmap_test_collect_text (buttons->pdata[i]);

      if (g_strcmp0 (g_strstrip (text), label) == 0)
        return buttons->pdata[i];
    }
  g_error ("no switcher button reads “%s”", label);
  return NULL;
}

static void
reset (void)
{
  sitmap_view_state_set_filter (state (), NULL);
  sitmap_view_state_clear_range (state ());
  sitmap_view_state_set_selected (state (), -1);
  sitmap_sidebar_show_details (sidebar ());
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
}

static char *
sidebar_text (void)
{
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar ()));
  return sitmap_test_collect_text (GTK_WIDGET (sidebar ()));
}

/*
 * Tests
 */

/* A real click on the Sukhna symbol: the sidebar shows its one origin, SOHR via AFP, with its grade. */
static void
test_sukhna_origin (void)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  g_autofree char *text = NULL;
  double x, y;

  reset ();
  sitmap_test_wait_for_paint (GTK_WIDGET (layer));
  g_assert_true (sitmap_event_layer_get_event_point (layer, find_event (SUKHNA_ID), &x, &y));
  sitmap_test_click (GTK_WIDGET (layer), x, y);
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (find_event (SUKHNA_ID)), 5000, "Sukhna to be selected");
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  text = sidebar_text ();
  g_test_message ("sidebar reads:\n%s", text);
  g_assert_nonnull (strstr (text, "Reported by 1 independent origin\n"));
  g_assert_nonnull (strstr (text, "\nSOHR\n"));
  g_assert_nonnull (strstr (text, "\nvia AFP\n"));
  g_assert_nonnull (strstr (text, "\nC3\n"));
}

/* Ctrl+F from the map takes the keyboard to the search; "Baghouz" leaves one event in the list and one
 * on the map; Escape clears the search. */
static void
test_search_baghouz (void)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  const guint32 *drawn;
  guint n_drawn;

  reset ();
  sitmap_test_click_centre (GTK_WIDGET (sitmap_window_get_map (window)));
  sitmap_test_key (GTK_WIDGET (window), "ctrl+f");
  sitmap_test_wait_until (focus_in_search, NULL, 5000, "the search entry to take the keyboard");
  sitmap_test_type (GTK_WIDGET (window), "Baghouz");
  sitmap_test_wait_until (text_is, "Baghouz", 5000, "the search to reach the filter");
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (1), 5000, "one event to pass");
  sitmap_test_wait_for_paint (GTK_WIDGET (window));

  g_assert_cmpuint (g_list_model_get_n_items (sitmap_events_panel_get_model (panel ())), ==, 1);
  {
    g_autoptr (SitmapEvent) event = g_list_model_get_item (sitmap_events_panel_get_model (panel ()), 0);

    g_assert_cmpint (sitmap_event_get_position (event), ==, find_event (BAGHOUZ_ID));
  }
  drawn = sitmap_event_layer_get_drawn (layer, &n_drawn);
  g_assert_cmpuint (n_drawn, ==, 1);
  g_assert_cmpuint (drawn[0], ==, find_event (BAGHOUZ_ID));
  {
    g_autofree char *text = sidebar_text ();

    g_assert_nonnull (strstr (text, "1 of 10 events"));
    g_assert_nonnull (strstr (text, "“Baghouz”"));
  }

  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (text_is, "", 5000, "Escape to clear the search");
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (10), 5000, "every event to pass again");
}

static GtkLabel *
find_label (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static GtkLabel *
assert_label (gpointer root, const char *text)
{
  GtkLabel *label = find_label (root, text);

  if (label == NULL)
    {
      g_autofree char *all = sitmap_test_collect_text (root);

      g_error ("no shown label reads “%s”; shown:\n%s", text, all);
    }
  g_assert_false (gtk_label_get_use_markup (label));
  return label;
}

static GtkSingleSelection *
list_selection (void)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (sitmap_events_panel_get_column_view (panel ())));
}

static gboolean
list_selected_is (gpointer data)
{
  guint item = gtk_single_selection_get_selected (list_selection ());
  g_autoptr (SitmapEvent) event = NULL;

  if (item == GTK_INVALID_LIST_POSITION)
    return FALSE;
  event = g_list_model_get_item (sitmap_events_panel_get_model (panel ()), item);
  return sitmap_event_get_position (event) == GPOINTER_TO_UINT (data);
}

/* Two clicks on one header must not make a double click: the second would not sort again. */
static void
pause_past_double_click (void)
{
  int time_ms = 400;
  gint64 end;

  g_object_get (gtk_settings_get_default (), "gtk-double-click-time", &time_ms, NULL);
  end = g_get_monotonic_time () + (time_ms + 200) * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
show_events_by_click (void)
{
  sitmap_test_click_centre (find_switcher_button ("Events"));
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar ()));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
}

/* A row clicked selects its event for the map and the timeline; an event clicked on the map is
 * selected in the list. */
static void
test_list_map_sync (void)
{
  SitmapEventLayer *layer = sitmap_window_get_event_layer (window);
  g_autoptr (SitmapEvent) offensive = NULL;
  double x, y;

  reset ();
  show_events_by_click ();
  offensive = sitmap_document_get_event (document (), find_event ("ev-2024-11-27-offensive"));
  sitmap_test_click_centre (GTK_WIDGET (assert_label (sitmap_events_panel_get_column_view (panel ()),
                                          sitmap_event_get_title (offensive))));
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (find_event ("ev-2024-11-27-offensive")), 5000,
                          "the row to select its event");
  g_assert_true (list_selected_is (GUINT_TO_POINTER (find_event ("ev-2024-11-27-offensive"))));

  sitmap_test_wait_for_paint (GTK_WIDGET (layer));
  g_assert_true (sitmap_event_layer_get_event_point (layer, find_event (SUKHNA_ID), &x, &y));
  sitmap_test_click (GTK_WIDGET (layer), x, y);
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (find_event (SUKHNA_ID)), 5000, "the map click");
  sitmap_test_wait_until (list_selected_is, GUINT_TO_POINTER (find_event (SUKHNA_ID)), 5000,
                          "the list to follow the map");
  /* The list stays on screen: the user was browsing it. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (panel ()), GTK_TYPE_STACK))),
                   ==, "events");

  /* A row activated (Enter, double click) is read in the details. */
  g_signal_emit_by_name (sitmap_events_panel_get_column_view (panel ()), "activate",
                         sitmap_event_list_find (SITMAP_EVENT_LIST (sitmap_events_panel_get_model (panel ())),
                                                 find_event ("ev-2024-11-27-offensive")));
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (find_event ("ev-2024-11-27-offensive")), 5000,
                          "the activated row to be selected");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (panel ()), GTK_TYPE_STACK))),
                   ==, "details");
}

/* The Title header sorts by title, and again the other way; the selection stays on its event. */
static void
test_sort_by_column (void)
{
  GListModel *model;
  g_autoptr (SitmapEvent) first = NULL;
  g_autoptr (SitmapEvent) last = NULL;
  guint n;

  reset ();
  sitmap_view_state_set_selected (state (), find_event (SUKHNA_ID));
  show_events_by_click ();
  sitmap_test_click_centre (GTK_WIDGET (assert_label (sitmap_events_panel_get_column_view (panel ()), "Title")));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  model = sitmap_events_panel_get_model (panel ());
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr (SitmapEvent) a = g_list_model_get_item (model, i - 1);
      g_autoptr (SitmapEvent) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_ascii_strcasecmp (sitmap_event_get_title (a), sitmap_event_get_title (b)), <=, 0);
    }
  g_assert_true (list_selected_is (GUINT_TO_POINTER (find_event (SUKHNA_ID))));

  pause_past_double_click ();
  sitmap_test_click_centre (GTK_WIDGET (assert_label (sitmap_events_panel_get_column_view (panel ()), "Title")));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, n - 1);
  g_assert_cmpint (g_ascii_strcasecmp (sitmap_event_get_title (first), sitmap_event_get_title (last)), >, 0);
  g_assert_true (list_selected_is (GUINT_TO_POINTER (find_event (SUKHNA_ID))));

  /* Back to time order for the other tests. */
  pause_past_double_click ();
  sitmap_test_click_centre (GTK_WIDGET (assert_label (sitmap_events_panel_get_column_view (panel ()), "Date")));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_clear_object (&first);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpuint (sitmap_event_get_position (first), ==, 0);
}

static const char *
shown_grade (void)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (sidebar (), GTK_TYPE_MENU_BUTTON);
  g_autoptr (GPtrArray) labels = NULL;

  g_assert_cmpuint (buttons->len, ==, 1);
  labels = sitmap_test_find_shown (buttons->pdata[0], GTK_TYPE_LABEL);
  return gtk_label_get_text (labels->pdata[0]);
}

static gboolean
grade_is (gpointer data)
{
  return g_strcmp0 (shown_grade (), data) == 0;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The badge opens the grade chooser; a click on B grades SOHR; Ctrl+Z shows C3 again. */
static void
test_grading_edit_undo (void)
{
  SitmapUndoStack *undo_stack = sitmap_document_get_undo_stack (document ());
  g_autoptr (GPtrArray) buttons = NULL;
  GtkWidget *popover;
  GtkLabel *choice;

  reset ();
  sitmap_view_state_set_selected (state (), find_event (SUKHNA_ID));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpstr (shown_grade (), ==, "C3");
  buttons = sitmap_test_find_shown (sidebar (), GTK_TYPE_MENU_BUTTON);
  sitmap_test_click_centre (buttons->pdata[0]);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (buttons->pdata[0]));
  sitmap_test_wait_until (popover_shown, popover, 5000, "the grade chooser");
  sitmap_test_wait_for_paint (popover);
  choice = assert_label (popover, "B: usually reliable");
  sitmap_test_click_centre (GTK_WIDGET (choice));
  sitmap_test_wait_until (grade_is, "B3", 5000, "the new grade");
  g_assert_true (sitmap_undo_stack_get_modified (undo_stack));

  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (grade_is, "C3", 5000, "Ctrl+Z to show the old grade");
  g_assert_false (sitmap_undo_stack_get_modified (undo_stack));
}

/* Alt+Down and Alt+Up step through the events in time order. */
static void
test_previous_next (void)
{
  const guint32 *visible;
  guint n;

  reset ();
  visible = sitmap_view_state_get_visible (state (), &n);
  g_assert_cmpuint (n, >, 3);
  /* The keyboard on the map, which takes plain arrows for itself; the click is handled before the
   * selection is made. */
  sitmap_test_click_centre (GTK_WIDGET (sitmap_window_get_map (window)));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  sitmap_view_state_set_selected (state (), visible[1]);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  sitmap_test_key (GTK_WIDGET (window), "alt+Down");
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (visible[2]), 5000, "Alt+Down");
  sitmap_test_key (GTK_WIDGET (window), "alt+Up");
  sitmap_test_key (GTK_WIDGET (window), "alt+Up");
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (visible[0]), 5000, "Alt+Up twice");
  /* Nothing before the first: the selection stays. */
  sitmap_test_key (GTK_WIDGET (window), "alt+Up");
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpint (sitmap_view_state_get_selected (state ()), ==, visible[0]);
}

static gboolean
sohr_filtered (gpointer data)
{
  return sitmap_filter_has_value (sitmap_view_state_get_filter (state ()), SITMAP_FILTER_SOURCES, "sohr");
}

/* The place of an event and the publisher of a report are filters; a chip's button removes them. */
static void
test_place_and_publisher_filters (void)
{
  g_autoptr (GPtrArray) chips = NULL;
  const SitmapFilter *filter;
  GtkLabel *label;

  reset ();
  sitmap_view_state_set_selected (state (), find_event (BAGHOUZ_ID));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  label = find_label (sidebar (), "Show every event in Al-Baghuz Fawqani");
  g_assert_nonnull (label);
  sitmap_test_click_centre (GTK_WIDGET (label));
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (1), 5000, "the place filter");
  filter = sitmap_view_state_get_filter (state ());
  g_assert_true (sitmap_filter_has_value (filter, SITMAP_FILTER_PLACES, "place-baghouz"));
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar ()));
  assert_label (panel (), "Place: Al-Baghuz Fawqani");
  assert_label (panel (), "1 of 10 events");

  /* The chip's button takes the filter away. */
  sitmap_test_click_centre (gtk_widget_get_next_sibling (GTK_WIDGET (assert_label (panel (), "Place: Al-Baghuz Fawqani"))));
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (10), 5000, "the chip to be removed");
  g_assert_true (sitmap_filter_is_empty (sitmap_view_state_get_filter (state ())));

  /* SOHR, from the card of Sukhna: every event it reports, as origin or through another outlet. */
  sitmap_sidebar_show_details (sidebar ());
  sitmap_view_state_set_selected (state (), find_event (SUKHNA_ID));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  {
    g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (sidebar (), GTK_TYPE_BUTTON);
    GtkWidget *show_source = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Show every event SOHR reports") == 0)
        show_source = buttons->pdata[i];
    g_assert_nonnull (show_source);
    /* Scrolled into view (the viewport follows the focus), then clicked. */
    gtk_widget_grab_focus (show_source);
    sitmap_test_wait_for_paint (GTK_WIDGET (window));
    sitmap_test_click_centre (show_source);
  }
  sitmap_test_wait_until (sohr_filtered, NULL, 5000, "the publisher filter");
  sitmap_test_wait_for_transitions (GTK_WIDGET (sidebar ()));
  assert_label (panel (), "Source: SOHR");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state ()), <, 10);
  g_assert_true (sitmap_view_state_is_visible (state (), find_event (SUKHNA_ID)));
  reset ();
}

static GtkMenuButton *
menu_button_with_tooltip (const char *tooltip)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (panel (), GTK_TYPE_MENU_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), tooltip) == 0)
      return buttons->pdata[i];
  g_error ("no menu button “%s”", tooltip);
  return NULL;
}

static gboolean
hidden_categories_are (gpointer data)
{
  return sitmap_view_state_get_hidden_categories (state ()) == GPOINTER_TO_UINT (data);
}

static gboolean
filter_is_empty (gpointer data)
{
  return sitmap_filter_is_empty (sitmap_view_state_get_filter (state ()));
}

/* The filter menu: a category unticked, a minimum toll, a source picked; each shows as a chip, and
 * Clear All Filters takes them all away. */
static void
test_filter_popover (void)
{
  GtkMenuButton *button;
  GtkWidget *popover;
  GtkDropDown *sources = NULL;
  g_autoptr (GPtrArray) dropdowns = NULL;
  g_autoptr (GPtrArray) spins = NULL;

  reset ();
  show_events_by_click ();
  button = menu_button_with_tooltip ("Filter by category, actor, source, place, grading and fatalities");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  sitmap_test_click_centre (GTK_WIDGET (button));
  sitmap_test_wait_until (popover_shown, popover, 5000, "the filter menu");
  sitmap_test_wait_for_paint (popover);

  sitmap_test_click_centre (GTK_WIDGET (assert_label (popover, "Battle")));
  sitmap_test_wait_until (hidden_categories_are, GUINT_TO_POINTER (1u << SITMAP_CATEGORY_BATTLE), 5000,
                          "Battle to be hidden");

  spins = sitmap_test_find_shown (popover, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (spins->pdata[0], 50);
  /* Fifty killed or more, battles aside: the Kurdish toll statement alone. */
  sitmap_test_wait_until (n_visible_is, GUINT_TO_POINTER (1), 5000, "the minimum toll");

  dropdowns = sitmap_test_find_shown (popover, GTK_TYPE_DROP_DOWN);
  for (guint i = 0; i < dropdowns->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (dropdowns->pdata[i]);

      for (guint j = 0; model != NULL && j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr (GtkStringObject) item = g_list_model_get_item (model, j);

          if (g_strcmp0 (gtk_string_object_get_string (item), "Syrian Observatory for Human Rights") == 0)
            {
              sources = dropdowns->pdata[i];
              gtk_drop_down_set_selected (sources, j);
            }
        }
    }
  g_assert_nonnull (sources);
  sitmap_test_wait_until (sohr_filtered, NULL, 5000, "the source to be added");
  g_assert_cmpuint (gtk_drop_down_get_selected (sources), ==, 0);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  assert_label (panel (), "Without Battle");
  assert_label (panel (), "At least 50 killed");
  assert_label (panel (), "Source: SOHR");

  sitmap_test_click_centre (GTK_WIDGET (assert_label (popover, "Clear All Filters")));
  sitmap_test_wait_until (filter_is_empty, NULL, 5000, "Clear All Filters");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (state ()), ==, 10);
  g_assert_cmpfloat (gtk_spin_button_get_value (spins->pdata[0]), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (popover));
  reset ();
}

static GtkMenuButton *
views_button (void)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (panel (), GTK_TYPE_MENU_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Saved Views") == 0)
      return buttons->pdata[i];
  g_error ("no Saved Views button");
  return NULL;
}

static GtkWidget *
open_views (void)
{
  GtkMenuButton *button = views_button ();
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));

  sitmap_test_click_centre (GTK_WIDGET (button));
  sitmap_test_wait_until (popover_shown, popover, 5000, "the saved views");
  sitmap_test_wait_for_paint (popover);
  return popover;
}

static gboolean
n_views_is (gpointer data)
{
  return g_list_model_get_n_items (sitmap_document_get_named_views (document ())) == GPOINTER_TO_UINT (data);
}

static gboolean
range_is_set (gpointer data)
{
  return sitmap_view_state_get_range (state (), NULL, NULL) == GPOINTER_TO_INT (data);
}

/* The range of the HTS offensive, 27 November to 8 December 2024 (end exclusive). */
#define OFFENSIVE_START G_GINT64_CONSTANT (1732665600)
#define OFFENSIVE_END   G_GINT64_CONSTANT (1733702400)

/* Saved by name from the star menu, the filters and range come back from it after being cleared; the
 * save is an edit that Ctrl+Z takes back. */
static void
test_saved_view (void)
{
  SitmapUndoStack *undo_stack = sitmap_document_get_undo_stack (document ());
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  GtkWidget *popover;
  GtkWidget *entry;
  gint64 start, end;

  reset ();
  sitmap_sidebar_show_events (sidebar (), FALSE);
  sitmap_filter_set_text (filter, "IS");
  sitmap_filter_set_hidden_categories (filter, 1u << SITMAP_CATEGORY_STATEMENT);
  sitmap_view_state_set_filter (state (), filter);
  sitmap_view_state_set_range (state (), OFFENSIVE_START, OFFENSIVE_END);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));

  popover = open_views ();
  assert_label (popover, "No saved views yet. Save the current filters and time range to come back to them.");
  entry = sitmap_test_find_first_shown (popover, GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "“IS”, 27 Nov – 8 Dec 2024");
  sitmap_test_click_centre (entry);
  sitmap_test_type (entry, "HTS offensive, 27 Nov - 8 Dec");
  sitmap_test_key (entry, "Return");
  sitmap_test_wait_until (n_views_is, GUINT_TO_POINTER (1), 5000, "the view to be saved");
  g_assert_true (sitmap_undo_stack_get_modified (undo_stack));
  sitmap_test_wait_for_paint (popover);
  assert_label (popover, "HTS offensive, 27 Nov - 8 Dec");
  assert_label (popover, "27 Nov – 8 Dec 2024, with filters");
  gtk_popover_popdown (GTK_POPOVER (popover));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));

  /* Cleared with the button, recalled from the menu. */
  sitmap_test_click_centre (GTK_WIDGET (assert_label (panel (), "Clear Filters")));
  sitmap_test_wait_until (range_is_set, GINT_TO_POINTER (FALSE), 5000, "the filters to be cleared");
  g_assert_true (sitmap_filter_is_empty (sitmap_view_state_get_filter (state ())));
  popover = open_views ();
  sitmap_test_click_centre (GTK_WIDGET (assert_label (popover, "HTS offensive, 27 Nov - 8 Dec")));
  sitmap_test_wait_until (range_is_set, GINT_TO_POINTER (TRUE), 5000, "the view to be recalled");
  g_assert_true (sitmap_view_state_get_range (state (), &start, &end));
  g_assert_cmpint (start, ==, OFFENSIVE_START);
  g_assert_cmpint (end, ==, OFFENSIVE_END);
  g_assert_true (sitmap_filter_equal (sitmap_view_state_get_filter (state ()), filter));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  assert_label (panel (), "“IS”");
  assert_label (panel (), "Without Statement");

  /* Saving was an edit: Ctrl+Z removes the view. */
  sitmap_test_key (GTK_WIDGET (window), "ctrl+z");
  sitmap_test_wait_until (n_views_is, GUINT_TO_POINTER (0), 5000, "Ctrl+Z to take the view back");
  g_assert_false (sitmap_undo_stack_get_modified (undo_stack));
  reset ();
}

static gboolean
group_size_is (gpointer data)
{
  guint n;

  sitmap_view_state_get_group (state (), &n);
  return n == GPOINTER_TO_UINT (data);
}

/* Escape steps back one way wherever the keyboard is, as the sidebar's back button does: from an event
 * picked from a group to the group, from the group to nothing, and only then clears the time range. */
static void
test_escape_steps_back (void)
{
  guint32 group[2] = { (guint32) find_event (BAGHOUZ_ID), (guint32) find_event (SUKHNA_ID) };

  reset ();
  if (group[0] > group[1])
    {
      guint32 t = group[0];

      group[0] = group[1], group[1] = t;
    }
  sitmap_view_state_set_range (state (), G_GINT64_CONSTANT (1262304000) /* 2010 */,
                               G_GINT64_CONSTANT (1767225600) /* 2026 */);
  sitmap_view_state_set_group (state (), group, 2);
  sitmap_view_state_select (state (), find_event (SUKHNA_ID));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));

  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (selection_is, GINT_TO_POINTER (-1), 5000, "Escape to leave the event");
  g_assert_true (group_size_is (GUINT_TO_POINTER (2)));
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (group_size_is, GUINT_TO_POINTER (0), 5000, "Escape to leave the group");
  g_assert_true (sitmap_view_state_get_range (state (), NULL, NULL));
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  sitmap_test_wait_until (range_is_set, GINT_TO_POINTER (FALSE), 5000, "Escape to clear the range");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/events/sukhna-origin", test_sukhna_origin);
  g_test_add_func ("/events/search-baghouz", test_search_baghouz);
  g_test_add_func ("/events/list-map-sync", test_list_map_sync);
  g_test_add_func ("/events/sort-by-column", test_sort_by_column);
  g_test_add_func ("/events/grading-edit-undo", test_grading_edit_undo);
  g_test_add_func ("/events/previous-next", test_previous_next);
  g_test_add_func ("/events/place-and-publisher-filters", test_place_and_publisher_filters);
  g_test_add_func ("/events/filter-popover", test_filter_popover);
  g_test_add_func ("/events/saved-view", test_saved_view);
  g_test_add_func ("/events/escape-steps-back", test_escape_steps_back);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
