/* test-sidebar.c: what a user reads in the sidebar as events are selected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar-test"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "sidebar-fixture.h"
#include "sitmap-citation-card.h"
#include "sitmap-document-builder.h"
#include "sitmap-event-store.h"
#include "sitmap-event-row.h"
#include "sitmap-sidebar.h"
#include "sitmap-undo-stack.h"

#define DOCUMENT_TITLE "Syria, late 2024"
#define DOCUMENT_DESCRIPTION "Reported events in central and eastern Syria as the government fell."

typedef struct
{
  SitmapDocument  *document;
  SitmapViewState *view_state;
  GtkWidget       *window;
  SitmapSidebar   *sidebar;
} Fixture;

/*
 * Helpers
 */

static int
sitmap_test_compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
set_true_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* Runs the main loop until the window has been laid out and drawn once more. */
static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* Every widget of type under root that a user can see (with all its ancestors shown). */
static void
collect (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (!is_shown (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

static GPtrArray *
shown_widgets (gpointer root, GType type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (GTK_WIDGET (root), type, out);
  return out;
}

static GtkLabel *
find_label (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = shown_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static void
dump_labels (gpointer root)
{
  g_autoptr (GPtrArray) labels = shown_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    g_test_message ("shown label: “%s”", gtk_label_get_text (labels->pdata[i]));
}

/* The label a user sees, with exactly this text, and never parsed as markup: every label that can
 * show document text is plain. */
static GtkLabel *
assert_label (gpointer root, const char *text)
{
  GtkLabel *label = find_label (root, text);

  if (label == NULL)
    {
      dump_labels (root);
      g_error ("no shown label reads “%s”", text);
    }
  g_assert_false (gtk_label_get_use_markup (label));
  return label;
}

/* The status page's own strings: static and translatable, which AdwStatusPage may show as markup. */
static void
assert_status_text (gpointer root, const char *text)
{
  if (find_label (root, text) == NULL)
    {
      dump_labels (root);
      g_error ("no shown label reads “%s”", text);
    }
}

static void
assert_no_label (gpointer root, const char *text)
{
  if (find_label (root, text) != NULL)
    g_error ("a shown label reads “%s”", text);
}

static void
select_event (Fixture *fixture, const char *id)
{
  gint position = sitmap_document_find_event (fixture->document, id);

  g_assert_cmpint (position, >=, 0);
  sitmap_view_state_set_selected (fixture->view_state, position);
  wait_for_frame (fixture->window);
}

static GPtrArray *
shown_cards (Fixture *fixture)
{
  return shown_widgets (fixture->sidebar, SITMAP_TYPE_CITATION_CARD);
}

/* The clickable link of a card, or NULL. */
static GtkButton *
card_link (gpointer card)
{
  g_autoptr (GPtrArray) buttons = shown_widgets (card, GTK_TYPE_BUTTON);
  GtkButton *link = NULL;

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (buttons->pdata[i], "sitmap-link-button"))
      {
        g_assert_null (link);
        link = buttons->pdata[i];
      }
  return link;
}

/* The grade badge of a card: the button that opens the grade chooser. */
static GtkMenuButton *
card_grade_button (gpointer card)
{
  g_autoptr (GPtrArray) buttons = shown_widgets (card, GTK_TYPE_MENU_BUTTON);

  g_assert_cmpuint (buttons->len, ==, 1);
  return buttons->pdata[0];
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->document = sidebar_fixture_new_document (DOCUMENT_TITLE, DOCUMENT_DESCRIPTION);
  fixture->view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (fixture->view_state, fixture->document);
  fixture->sidebar = SITMAP_SIDEBAR (sitmap_sidebar_new ());
  sitmap_sidebar_set_view_state (fixture->sidebar, fixture->view_state);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->sidebar));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_frame (fixture->window);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->view_state);
  g_clear_object (&fixture->document);
}

/*
 * Tests
 */

static void
test_empty_without_document (void)
{
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  GtkWidget *sidebar = sitmap_sidebar_new ();
  GtkWidget *window = gtk_window_new ();

  sitmap_sidebar_set_view_state (SITMAP_SIDEBAR (sidebar), view_state);
  gtk_window_set_child (GTK_WINDOW (window), sidebar);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);

  assert_status_text (sidebar, "No Event Selected");
  assert_status_text (sidebar, "Click a marker on the map or a mark on the timeline to read what happened and "
                               "who reports it");
  assert_no_label (sidebar, "Untitled document");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_with_document (Fixture *fixture, gconstpointer data)
{
  assert_status_text (fixture->sidebar, "No Event Selected");
  assert_label (fixture->sidebar, DOCUMENT_TITLE);
  assert_label (fixture->sidebar, DOCUMENT_DESCRIPTION);
  assert_label (fixture->sidebar, "12 events · 7 sources · 4 places");
  assert_no_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
}

static void
test_sukhna (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;
  const char *tooltip;
  GtkLabel *grade;
  GtkButton *link;

  select_event (fixture, "ev-sukhna");

  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
  assert_label (fixture->sidebar, "Battle");
  assert_label (fixture->sidebar, "Reported by 1 independent origin");
  assert_no_label (fixture->sidebar, "Only parties to the conflict report this");
  assert_label (fixture->sidebar, "on 10 December 2024");
  assert_label (fixture->sidebar, "near As-Sukhnah, within about 25 km");
  assert_label (fixture->sidebar, "Reported as “desert near As-Sukhnah”");
  assert_label (fixture->sidebar, "34.8853° N, 38.8711° E");
  assert_label (fixture->sidebar, "at least 54 killed");
  assert_label (fixture->sidebar, "Islamic State");
  assert_no_label (fixture->sidebar, "No Event Selected");

  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 1);
  assert_label (cards->pdata[0], "SOHR");
  assert_label (cards->pdata[0], "Syrian Observatory for Human Rights");
  assert_label (cards->pdata[0], "Monitoring group");
  assert_label (cards->pdata[0], "via AFP");
  assert_label (cards->pdata[0], "The monitor counts at least 54 soldiers killed while fleeing military service.");
  assert_label (cards->pdata[0], "Published on 10 December 2024\nAccessed on 12 December 2024");
  assert_no_label (cards->pdata[0], "Party to the conflict");

  grade = assert_label (cards->pdata[0], "C3");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (grade), GTK_WIDGET (card_grade_button (cards->pdata[0]))));
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (card_grade_button (cards->pdata[0])));
  g_assert_nonnull (strstr (tooltip, "C: fairly reliable"));
  g_assert_nonnull (strstr (tooltip, "3: possibly true"));

  link = card_link (cards->pdata[0]);
  g_assert_nonnull (link);
  assert_label (link, "www.syriahr.com");
}

/* The choice of the grade chooser whose label is text: a check button. */
static GtkCheckButton *
find_choice (GtkWidget *popover, const char *text)
{
  GtkLabel *label = find_label (popover, text);
  GtkWidget *row = label ? gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_LIST_BOX_ROW) : NULL;
  g_autoptr (GPtrArray) buttons = NULL;

  if (row == NULL)
    g_error ("no choice reads “%s”", text);
  buttons = shown_widgets (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (buttons->len, ==, 1);
  return buttons->pdata[0];
}

static GtkWidget *
open_grade_chooser (Fixture *fixture, gpointer card)
{
  GtkMenuButton *button = card_grade_button (card);
  GtkWidget *popover;

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  wait_for_frame (fixture->window);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  return popover;
}

static const char *
card_grade (Fixture *fixture)
{
  g_autoptr (GPtrArray) cards = shown_cards (fixture);
  g_autoptr (GPtrArray) labels = shown_widgets (card_grade_button (cards->pdata[0]), GTK_TYPE_LABEL);

  return gtk_label_get_text (labels->pdata[0]);
}

/* The grade badge opens a chooser that explains every grade; a choice is an edit that Undo takes back.
 * Reliability is the publisher's: graded on one event, it shows on every event from it. */
static void
test_grading_edit (Fixture *fixture, gconstpointer data)
{
  SitmapUndoStack *undo_stack = sitmap_document_get_undo_stack (fixture->document);
  g_autoptr (GPtrArray) cards = NULL;
  GtkWidget *popover;
  GtkCheckButton *choice;

  select_event (fixture, "ev-sukhna");
  cards = shown_cards (fixture);
  popover = open_grade_chooser (fixture, cards->pdata[0]);
  assert_label (popover, "Source Reliability");
  assert_label (popover, "Of SOHR, in every report");
  assert_label (popover, "Information Credibility");
  assert_label (popover, "No basis exists for evaluating the reliability of the source.");
  assert_label (popover, "Not confirmed; reasonably logical in itself; agrees with some other information on the "
                         "subject.");
  g_assert_true (gtk_check_button_get_active (find_choice (popover, "C: fairly reliable")));
  g_assert_true (gtk_check_button_get_active (find_choice (popover, "3: possibly true")));
  g_assert_false (sitmap_undo_stack_can_undo (undo_stack));

  choice = find_choice (popover, "B: usually reliable");
  gtk_check_button_set_active (choice, TRUE);
  wait_for_frame (fixture->window);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (card_grade (fixture), ==, "B3");
  g_assert_true (sitmap_undo_stack_get_modified (undo_stack));

  /* The same publisher on another event. */
  select_event (fixture, "ev-damascus");
  assert_label (fixture->sidebar, "B2");
  select_event (fixture, "ev-sukhna");

  popover = open_grade_chooser (fixture, g_ptr_array_index (shown_cards (fixture), 0));
  gtk_check_button_set_active (find_choice (popover, "5: improbable"), TRUE);
  wait_for_frame (fixture->window);
  g_assert_cmpstr (card_grade (fixture), ==, "B5");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (assert_label (fixture->sidebar, "B5")), "sitmap-grade-weak"));

  g_assert_true (sitmap_undo_stack_undo (undo_stack));
  wait_for_frame (fixture->window);
  g_assert_cmpstr (card_grade (fixture), ==, "B3");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (assert_label (fixture->sidebar, "B3")), "sitmap-grade-weak"));
  g_assert_true (sitmap_undo_stack_undo (undo_stack));
  wait_for_frame (fixture->window);
  g_assert_cmpstr (card_grade (fixture), ==, "C3");
  g_assert_false (sitmap_undo_stack_get_modified (undo_stack));
  /* The chooser shows the grades as they are now. */
  popover = open_grade_chooser (fixture, g_ptr_array_index (shown_cards (fixture), 0));
  g_assert_true (gtk_check_button_get_active (find_choice (popover, "C: fairly reliable")));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static gboolean
record_link_cb (gpointer emitter, const char *uri, char **opened)
{
  g_free (*opened);
  *opened = g_strdup (uri);
  return TRUE;
}

/* Clicking the host opens the citation's address, and only then. */
static void
test_link_click (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;
  g_autofree char *opened = NULL;
  GtkButton *link;

  select_event (fixture, "ev-sukhna");
  cards = shown_cards (fixture);
  g_signal_connect (cards->pdata[0], "activate-link", G_CALLBACK (record_link_cb), &opened);
  g_assert_null (opened);

  link = card_link (cards->pdata[0]);
  g_signal_emit_by_name (link, "clicked");
  g_assert_cmpstr (opened, ==, SIDEBAR_FIXTURE_SUKHNA_URL);
}

static void
test_month (Fixture *fixture, gconstpointer data)
{
  select_event (fixture, "ev-baghouz");
  assert_label (fixture->sidebar, "in March 2019 (known only to the month)");
  assert_label (fixture->sidebar, "in Al-Baghuz Fawqani");
  assert_label (fixture->sidebar, "Strategic development");
  /* Unrated credibility from a rated source: the missing half is a dash, not a full grade. */
  assert_label (fixture->sidebar, "B2");
}

static void
test_year (Fixture *fixture, gconstpointer data)
{
  select_event (fixture, "ev-war-begins");
  assert_label (fixture->sidebar, "in 2011 (known only to the year)");
  assert_label (fixture->sidebar, "somewhere in Syria (country level)");
  assert_label (fixture->sidebar, "millions displaced");
  assert_label (fixture->sidebar, "Standing fact");
}

static void
test_span_party_only (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;
  GtkLabel *grade;

  select_event (fixture, "ev-strikes");
  assert_label (fixture->sidebar, "from 7 to 8 December 2024");
  assert_label (fixture->sidebar, "somewhere in the Badia");
  assert_label (fixture->sidebar, "more than 75 targets struck");
  assert_label (fixture->sidebar, "Only parties to the conflict report this");

  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 1);
  assert_label (cards->pdata[0], "CENTCOM");
  assert_label (cards->pdata[0], "Party to the conflict");
  grade = assert_label (cards->pdata[0], "B–");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (grade), GTK_WIDGET (card_grade_button (cards->pdata[0]))));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (card_grade_button (cards->pdata[0]))),
                            "Credibility not rated"));
}

static void
test_open_span (Fixture *fixture, gconstpointer data)
{
  select_event (fixture, "ev-kurdish-toll");
  assert_label (fixture->sidebar, "since March 2019");
  assert_label (fixture->sidebar, "Known only to the month · No end date is given");
  assert_label (fixture->sidebar, "more than 21000 killed");
  assert_label (fixture->sidebar, "Only parties to the conflict report this");
  assert_label (fixture->sidebar, "No place given");
  assert_label (fixture->sidebar, "D4");
}

static void
test_undated_unplaced (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;

  select_event (fixture, "ev-blinken");
  assert_label (fixture->sidebar, "Undated");
  assert_label (fixture->sidebar, "No place given");
  assert_label (fixture->sidebar, "Statement");
  assert_no_label (fixture->sidebar, "Figures");
  assert_no_label (fixture->sidebar, "Actors");
  assert_no_label (fixture->sidebar, "Summary");

  /* A file: address is shown as it is written, and nothing can open it. */
  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 1);
  assert_label (cards->pdata[0], "U.S. Department of State");
  assert_label (cards->pdata[0], "not rated");
  assert_label (cards->pdata[0], "file:///etc/passwd");
  g_assert_null (card_link (cards->pdata[0]));
}

static void
test_origins (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;

  select_event (fixture, "ev-damascus");
  assert_label (fixture->sidebar, "in Damascus");
  assert_label (fixture->sidebar, "Hayat Tahrir al-Sham\nSyrian government forces");
  /* SOHR directly and SOHR via AFP are one origin. */
  assert_label (fixture->sidebar, "Reported by 3 independent origins");
  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 4);
  assert_label (cards->pdata[2], "iKurd.net");
  assert_label (cards->pdata[2], "News outlet");

  /* The next event shows its own cards only. */
  select_event (fixture, "ev-sukhna");
  g_clear_pointer (&cards, g_ptr_array_unref);
  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 1);
}

static void
test_markup_is_text (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;
  g_autoptr (GPtrArray) labels = NULL;
  guint n_literal = 0;

  select_event (fixture, "ev-markup");
  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_MARKUP);          /* title and actor */
  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_BROKEN);          /* summary */
  assert_label (fixture->sidebar, "in " SIDEBAR_FIXTURE_BROKEN);    /* place */
  assert_label (fixture->sidebar, "3 " SIDEBAR_FIXTURE_BROKEN);     /* figure */

  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 1);
  assert_label (cards->pdata[0], SIDEBAR_FIXTURE_BROKEN);           /* abbreviation */
  assert_label (cards->pdata[0], "via " SIDEBAR_FIXTURE_BROKEN);
  assert_label (cards->pdata[0], "javascript:alert('<b>x</b>')");
  g_assert_null (card_link (cards->pdata[0]));

  /* The name, the note and the paraphrase: three labels, all literal. */
  labels = shown_widgets (cards->pdata[0], GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      g_assert_false (gtk_label_get_use_markup (labels->pdata[i]));
      n_literal += g_strcmp0 (gtk_label_get_text (labels->pdata[i]), SIDEBAR_FIXTURE_MARKUP) == 0;
    }
  g_assert_cmpuint (n_literal, ==, 3);
  /* A weak grade on the scale, and F for a source that cannot be judged. */
  assert_label (cards->pdata[0], "F5");
}

static void
test_odd_links (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;
  GtkButton *link;

  select_event (fixture, "ev-links");
  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 4);

  link = card_link (cards->pdata[0]);
  g_assert_nonnull (link);
  assert_label (link, "evil.example");
  g_assert_null (card_link (cards->pdata[1]));
  assert_label (cards->pdata[1], "ftp://files.example.org/report.pdf");
  g_assert_nonnull (card_link (cards->pdata[2]));
  g_assert_null (card_link (cards->pdata[3]));
  assert_label (cards->pdata[3], "/home/analyst/notes.txt");
}

static void
test_no_source (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) cards = NULL;

  select_event (fixture, "ev-no-source");
  assert_label (fixture->sidebar, "No source reports it");
  assert_label (fixture->sidebar, "The document cites no source for this event.");
  cards = shown_cards (fixture);
  g_assert_cmpuint (cards->len, ==, 0);
}

static void
test_deselect (Fixture *fixture, gconstpointer data)
{
  select_event (fixture, "ev-sukhna");
  sitmap_view_state_set_selected (fixture->view_state, -1);
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
  assert_label (fixture->sidebar, DOCUMENT_TITLE);
  assert_no_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
  assert_no_label (fixture->sidebar, "SOHR");

  /* The close button and Escape deselect through the view state too. */
  select_event (fixture, "ev-sukhna");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.close", NULL));
  g_assert_cmpint (sitmap_view_state_get_selected (fixture->view_state), ==, -1);
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
}

static void
test_document_change (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SitmapDocument) other = sidebar_fixture_new_document (SIDEBAR_FIXTURE_MARKUP, SIDEBAR_FIXTURE_BROKEN);

  select_event (fixture, "ev-sukhna");
  sitmap_view_state_set_document (fixture->view_state, NULL);
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
  assert_no_label (fixture->sidebar, DOCUMENT_TITLE);
  assert_no_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);

  sitmap_view_state_set_document (fixture->view_state, other);
  wait_for_frame (fixture->window);
  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_MARKUP);
  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_BROKEN);

  /* A sidebar given another view state follows that one only. */
  sitmap_sidebar_set_view_state (fixture->sidebar, NULL);
  sitmap_view_state_set_selected (fixture->view_state, 0);
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
  assert_no_label (fixture->sidebar, SIDEBAR_FIXTURE_MARKUP);
}

/* Text the user selected in one event's title is not shown selected in the next event's title. */
static void
test_selection_dropped (Fixture *fixture, gconstpointer data)
{
  GtkLabel *title;
  int start, end;

  select_event (fixture, "ev-sukhna");
  title = assert_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
  g_assert_true (gtk_label_get_selectable (title));
  gtk_label_select_region (title, 0, -1);
  g_assert_true (gtk_label_get_selection_bounds (title, &start, &end));

  select_event (fixture, "ev-damascus");
  title = assert_label (fixture->sidebar, "The government falls in Damascus");
  g_assert_false (gtk_label_get_selection_bounds (title, &start, &end));
}

/* The user copies the document's description, then picks an event on the map: the page they were
 * on goes away, and the new event's title must not come up with all its text highlighted. */
static void
test_focus_on_page_change (Fixture *fixture, gconstpointer data)
{
  GtkLabel *description = assert_label (fixture->sidebar, DOCUMENT_DESCRIPTION);
  g_autoptr (GPtrArray) cards = NULL;
  GtkLabel *title;
  GtkWidget *focus;
  int start, end;

  /* The user tabs onto the document's title (past the Details and Events switcher), which selects all
   * its text, and picks an event. */
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  for (guint i = 0; i < 4 && !gtk_widget_has_focus (GTK_WIDGET (assert_label (fixture->sidebar, DOCUMENT_TITLE)));
       i++)
    g_assert_true (gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (assert_label (fixture->sidebar, DOCUMENT_TITLE))));
  g_assert_true (gtk_label_get_selection_bounds (assert_label (fixture->sidebar, DOCUMENT_TITLE), &start, &end));
  select_event (fixture, "ev-damascus");
  sitmap_view_state_set_selected (fixture->view_state, -1);
  wait_for_frame (fixture->window);
  g_assert_false (gtk_label_get_selection_bounds (assert_label (fixture->sidebar, DOCUMENT_TITLE), &start, &end));

  /* Or copies the document's description, and then picks an event. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (description)));
  select_event (fixture, "ev-sukhna");
  title = assert_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
  g_assert_false (gtk_label_get_selection_bounds (title, &start, &end));

  /* The keyboard user stays in the sidebar, on its close button; closing leaves no label selected. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "sidebar.close");
  g_signal_emit_by_name (focus, "clicked");
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
  g_assert_false (GTK_IS_LABEL (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  g_assert_false (gtk_label_get_selection_bounds (assert_label (fixture->sidebar, DOCUMENT_TITLE), &start, &end));

  /* Escape while on a source's link. */
  select_event (fixture, "ev-sukhna");
  cards = shown_cards (fixture);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card_link (cards->pdata[0]))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.close", NULL));
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
  g_assert_false (GTK_IS_LABEL (gtk_root_get_focus (GTK_ROOT (fixture->window))));
  g_assert_false (gtk_label_get_selection_bounds (assert_label (fixture->sidebar, DOCUMENT_TITLE), &start, &end));
}

/* Nothing runs into what follows it: the wrapped text of every shown label fits the height the label
 * was given, and every shown widget lies within its parent (the scrolled content and GTK's own
 * scrollbars excepted). */
static void
assert_layout_fits (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (!is_shown (widget) || GTK_IS_SCROLLBAR (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      int text_height;

      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (widget)), NULL, &text_height);
      if (text_height > gtk_widget_get_height (widget))
        g_error ("the text “%s” is %d pixels high, but its label only %d", gtk_label_get_text (GTK_LABEL (widget)),
                 text_height, gtk_widget_get_height (widget));
    }
  if (parent != NULL && !GTK_IS_VIEWPORT (parent) && !GTK_IS_SCROLLED_WINDOW (parent))
    {
      graphene_rect_t bounds, parent_bounds;

      g_assert_true (gtk_widget_compute_bounds (widget, parent, &bounds));
      g_assert_true (gtk_widget_compute_bounds (parent, parent, &parent_bounds));
      if (bounds.origin.y < parent_bounds.origin.y - 0.5 ||
          bounds.origin.y + bounds.size.height > parent_bounds.origin.y + parent_bounds.size.height + 0.5)
        g_error ("a %s (%s) reaches out of its %s: %g to %g, not within %g to %g", G_OBJECT_TYPE_NAME (widget),
                 GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "", G_OBJECT_TYPE_NAME (parent),
                 bounds.origin.y, bounds.origin.y + bounds.size.height, parent_bounds.origin.y,
                 parent_bounds.origin.y + parent_bounds.size.height);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    assert_layout_fits (child);
}

/* The user drags the pane wider and narrower while reading one event after another: the text
 * rewraps, and nothing runs into what follows it. */
static void
test_resize_relayout (Fixture *fixture, gconstpointer data)
{
  static const int widths[] = { 480, 360, 320, 420 };
  guint n = sitmap_document_get_n_events (fixture->document);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (SitmapEvent) event = sitmap_document_get_event (fixture->document, i);

        gtk_widget_set_size_request (fixture->window, widths[w], 900);
        gtk_window_set_default_size (GTK_WINDOW (fixture->window), widths[w], 900);
        sitmap_view_state_set_selected (fixture->view_state, i);
        wait_for_frame (fixture->window);
        g_test_message ("%s at %d", sitmap_event_get_id (event), widths[w]);
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->sidebar)), ==, widths[w]);
        assert_layout_fits (GTK_WIDGET (fixture->sidebar));
      }
}

/* Every event fits a sidebar 320 pixels wide: long text wraps instead of widening the panel. */
static void
test_narrow (Fixture *fixture, gconstpointer data)
{
  guint n = sitmap_document_get_n_events (fixture->document);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapEvent) event = sitmap_document_get_event (fixture->document, i);
      int minimum;

      sitmap_view_state_set_selected (fixture->view_state, i);
      wait_for_frame (fixture->window);
      gtk_widget_measure (GTK_WIDGET (fixture->sidebar), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: minimum width %d", sitmap_event_get_id (event), minimum);
      g_assert_cmpint (minimum, <=, 320);
    }
}

static void
test_builder (void)
{
  static const char *ui = "<interface>"
                          "  <object class='SitmapViewState' id='state'/>"
                          "  <object class='SitmapSidebar' id='sidebar'>"
                          "    <property name='view-state'>state</property>"
                          "  </object>"
                          "</interface>";
  g_autoptr (GtkBuilder) builder = NULL;
  g_autoptr (SitmapViewState) from_property = NULL;
  GObject *sidebar;

  g_type_ensure (SITMAP_TYPE_VIEW_STATE);
  g_type_ensure (SITMAP_TYPE_SIDEBAR);
  builder = gtk_builder_new_from_string (ui, -1);
  sidebar = gtk_builder_get_object (builder, "sidebar");
  g_assert_true (SITMAP_IS_SIDEBAR (sidebar));
  g_object_ref_sink (sidebar);
  g_object_get (sidebar, "view-state", &from_property, NULL);
  g_assert_true (from_property == SITMAP_VIEW_STATE (gtk_builder_get_object (builder, "state")));
  g_assert_true (sitmap_sidebar_get_view_state (SITMAP_SIDEBAR (sidebar)) == from_property);
  g_object_unref (sidebar);
}

/* A description in HTML, from another tool or a hostile file: its text is shown plain, its links are
 * listed; only the web address is a button, and only a click on it would open it. */
static void
test_description_links (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_autofree char *opened = NULL;
  GtkWidget *sidebar = sitmap_sidebar_new ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr (GPtrArray) buttons = NULL;
  GtkWidget *link = NULL;
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ev-html");
  draft.title = g_strdup ("Shelling reported");
  draft.summary = g_strdup ("<p>Read <a href=\"https://example.org/report?id=1&amp;x=2\">the <b>report</b></a>.</p>"
                            "<script>alert(1)</script><p>Also <a href=\"javascript:alert(2)\">this</a> and "
                            "<a href=\"file:///etc/passwd\">that</a> &amp; <span foreground='red'>x</span></p>");
  sitmap_time_init_instant (&draft.time, "2024-12-01", NULL);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (builder);

  sitmap_view_state_set_document (view_state, document);
  sitmap_sidebar_set_view_state (SITMAP_SIDEBAR (sidebar), view_state);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (window), sidebar);
  gtk_window_present (GTK_WINDOW (window));
  sitmap_view_state_set_selected (view_state, 0);
  wait_for_frame (window);

  assert_label (sidebar, "Read the report.\n\nAlso this and that & x");
  assert_label (sidebar, "Links");
  assert_label (sidebar, "javascript:alert(2)");
  assert_label (sidebar, "file:///etc/passwd");
  buttons = shown_widgets (sidebar, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (find_label (buttons->pdata[i], "https://example.org/report?id=1&x=2") != NULL)
      {
        g_assert_null (link);
        link = buttons->pdata[i];
      }
  g_assert_nonnull (link);
  /* The other two are text, not buttons. */
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (find_label (sidebar, "javascript:alert(2)")), GTK_TYPE_BUTTON));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (find_label (sidebar, "file:///etc/passwd")), GTK_TYPE_BUTTON));

  g_signal_connect (sidebar, "activate-link", G_CALLBACK (record_link_cb), &opened);
  g_assert_null (opened);
  g_signal_emit_by_name (link, "clicked");
  g_assert_cmpstr (opened, ==, "https://example.org/report?id=1&x=2");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The document's own description in HTML (as Google Earth writes it): shown as its text, with its links
 * listed after it as plain text, none of them a button. */
static void
test_document_description_html (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  GtkWidget *sidebar = sitmap_sidebar_new ();
  GtkWidget *window = gtk_window_new ();
  GtkLabel *label;

  sitmap_document_builder_set_title (builder, "Field notes");
  sitmap_document_builder_set_description (builder, "<h1>Notes</h1><p>From <a href=\"https://example.org/a\">the "
                                                    "<b>desk</b></a> &amp; <span foreground='red'>field</span>."
                                                    "</p><script>alert(1)</script>");
  document = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (view_state, document);
  sitmap_sidebar_set_view_state (SITMAP_SIDEBAR (sidebar), view_state);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (window), sidebar);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);

  label = find_label (sidebar, "Notes\n\nFrom the desk & field.\n\nLinks:\nhttps://example.org/a");
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON));

  /* Plain text stays as it is, "<" and "&" included. */
  g_clear_object (&document);
  builder = sitmap_document_builder_new ();
  sitmap_document_builder_set_description (builder, "Casualties < 10 & rising");
  document = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (view_state, document);
  wait_for_frame (window);
  g_assert_nonnull (find_label (sidebar, "Casualties < 10 & rising"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/*
 * The group: events the map could not tell apart, listed
 */

static void
set_group (Fixture *fixture, const char *const *ids)
{
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint32 position = sitmap_document_find_event (fixture->document, ids[i]);

      g_array_append_val (positions, position);
    }
  g_array_sort (positions, (GCompareFunc) sitmap_test_compare_guint32);
  sitmap_view_state_set_group (fixture->view_state, (const guint32 *) (gconstpointer) positions->data, positions->len);
  wait_for_frame (fixture->window);
}

static GtkListView *
group_list (Fixture *fixture)
{
  g_autoptr (GPtrArray) lists = shown_widgets (fixture->sidebar, GTK_TYPE_LIST_VIEW);

  g_assert_cmpuint (lists->len, ==, 1);
  return lists->pdata[0];
}

static GtkWidget *
back_button (Fixture *fixture)
{
  g_autoptr (GPtrArray) buttons = shown_widgets (fixture->sidebar, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "sidebar.back") == 0)
      return buttons->pdata[i];
  return NULL;
}

static guint
count_rows (Fixture *fixture)
{
  g_autoptr (GPtrArray) rows = shown_widgets (fixture->sidebar, SITMAP_TYPE_EVENT_ROW);

  return rows->len;
}

/* With a group and nothing selected, the sidebar lists the group: a heading with the count, a row per
 * event with its title, category and date, all plain text. */
static void
test_group_list (Fixture *fixture, gconstpointer data)
{
  static const char *const ids[] = { "ev-sukhna", "ev-damascus", "ev-markup", "ev-baghouz", NULL };

  set_group (fixture, ids);
  assert_label (fixture->sidebar, "4 events here");
  assert_no_label (fixture->sidebar, "No Event Selected");
  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
  assert_label (fixture->sidebar, "Battle · on 10 December 2024");
  assert_label (fixture->sidebar, "The government falls in Damascus");
  assert_label (fixture->sidebar, SIDEBAR_FIXTURE_MARKUP);
  /* A date known to the month says so in the list too. */
  assert_label (fixture->sidebar, "Strategic development · in March 2019 (known only to the month)");
  assert_label (fixture->sidebar, "They are too close together for the map to tell apart. Pick one to read it.");
  g_assert_cmpuint (count_rows (fixture), ==, 4);
  g_assert_null (back_button (fixture));

  /* A selection comes first; without it, the list again. An empty group, the document. */
  select_event (fixture, "ev-strikes");
  assert_no_label (fixture->sidebar, "4 events here");
  g_assert_null (back_button (fixture));
  sitmap_view_state_set_selected (fixture->view_state, -1);
  wait_for_frame (fixture->window);
  assert_label (fixture->sidebar, "4 events here");
  sitmap_view_state_set_group (fixture->view_state, NULL, 0);
  wait_for_frame (fixture->window);
  assert_status_text (fixture->sidebar, "No Event Selected");
}

/* A row picked reads its event, with a way back to the list; Escape goes back a step at a time, the
 * close button all the way. */
static void
test_group_activate_and_back (Fixture *fixture, gconstpointer data)
{
  static const char *const ids[] = { "ev-sukhna", "ev-damascus", "ev-baghouz", NULL };
  GtkWidget *back;
  guint n;

  /* In the document's order: Baghouz, Damascus, Sukhna. */
  set_group (fixture, ids);
  g_signal_emit_by_name (group_list (fixture), "activate", 1);
  wait_for_frame (fixture->window);
  g_assert_cmpint (sitmap_view_state_get_selected (fixture->view_state), ==,
                   sitmap_document_find_event (fixture->document, "ev-damascus"));
  assert_label (fixture->sidebar, "Reported by 3 independent origins");
  back = back_button (fixture);
  g_assert_nonnull (back);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back to the 3 events here (Esc)");
  sitmap_view_state_get_group (fixture->view_state, &n);
  g_assert_cmpuint (n, ==, 3);

  /* Back: the list, with the event read last marked. */
  g_signal_emit_by_name (back, "clicked");
  wait_for_frame (fixture->window);
  g_assert_cmpint (sitmap_view_state_get_selected (fixture->view_state), ==, -1);
  assert_label (fixture->sidebar, "3 events here");
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (gtk_list_view_get_model (group_list (fixture)))), ==, 1);

  /* Escape from an event of the group: the list; from the list: nothing. The list is in the document's
   * order, which is time: Baghouz first. */
  g_signal_emit_by_name (group_list (fixture), "activate", 0);
  wait_for_frame (fixture->window);
  assert_label (fixture->sidebar, "SDF end the territorial caliphate at Baghouz");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.back", NULL));
  wait_for_frame (fixture->window);
  assert_label (fixture->sidebar, "3 events here");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.back", NULL));
  wait_for_frame (fixture->window);
  sitmap_view_state_get_group (fixture->view_state, &n);
  g_assert_cmpuint (n, ==, 0);
  assert_status_text (fixture->sidebar, "No Event Selected");

  /* The close button of an event read from the list closes both. */
  set_group (fixture, ids);
  g_signal_emit_by_name (group_list (fixture), "activate", 2);
  wait_for_frame (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.close", NULL));
  wait_for_frame (fixture->window);
  sitmap_view_state_get_group (fixture->view_state, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (sitmap_view_state_get_selected (fixture->view_state), ==, -1);
  assert_status_text (fixture->sidebar, "No Event Selected");
}

/* Sent to the sidebar (Enter on the map), the keyboard lands on the event's title, unselected, for a
 * screen reader to read; on a group, in its list. */
static void
test_grab_focus (Fixture *fixture, gconstpointer data)
{
  static const char *const ids[] = { "ev-sukhna", "ev-damascus", NULL };
  GtkWidget *focus;
  GtkLabel *title;
  int start, end;

  select_event (fixture, "ev-sukhna");
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->sidebar)));
  title = assert_label (fixture->sidebar, SIDEBAR_FIXTURE_SUKHNA_TITLE);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (title)));
  g_assert_false (gtk_label_get_selection_bounds (title, &start, &end));

  sitmap_view_state_set_selected (fixture->view_state, -1);
  set_group (fixture, ids);
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fixture->sidebar)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (group_list (fixture)) || gtk_widget_is_ancestor (focus, GTK_WIDGET (group_list (fixture))));
}

/* A group of twenty thousand makes rows for what shows, not for every event. */
static void
test_group_lazy (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) big = NULL;
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < 20000; i++)
    {
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      draft.id = g_strdup_printf ("many-%05u", i);
      draft.title = g_strdup_printf ("Clash number %u", i);
      draft.latitude = 34.8853;
      draft.longitude = 38.8711;
      draft.location_precision = SITMAP_LOCATION_PRECISION_TOWN;
      g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
      g_array_append_val (positions, i);
    }
  big = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (fixture->view_state, big);
  sitmap_view_state_set_group (fixture->view_state, (const guint32 *) (gconstpointer) positions->data, positions->len);
  wait_for_frame (fixture->window);
  assert_label (fixture->sidebar, "20000 events here");
  assert_label (fixture->sidebar, "They are reported at one place. Pick one to read it.");
  g_assert_cmpuint (count_rows (fixture), >, 5);
  g_assert_cmpuint (count_rows (fixture), <, 200);
}

/*
 * Screenshots (only when SITMAP_SIDEBAR_SCREENSHOTS names a folder)
 */

static void
save_screenshot (GtkWidget *window, const char *dir, const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = 0, height = 0;

  /* In the application the map holds the focus; a bare window would give it to the first label. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  while (node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      wait_for_frame (window);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
screenshot_event (Fixture *fixture, const char *dir, const char *id, int width, const char *name)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 1000);
  gtk_widget_set_size_request (fixture->window, width, 1000);
  if (id != NULL)
    select_event (fixture, id);
  else
    sitmap_view_state_set_selected (fixture->view_state, -1);
  save_screenshot (fixture->window, dir, name);
}

static void
test_screenshots (Fixture *fixture, gconstpointer data)
{
  static const char *const group[] = { "ev-sukhna", "ev-damascus", "ev-markup", "ev-baghouz", "ev-strikes", NULL };
  const char *dir = g_getenv ("SITMAP_SIDEBAR_SCREENSHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (dir == NULL || *dir == '\0')
    {
      g_test_skip ("set SITMAP_SIDEBAR_SCREENSHOTS to a folder to save screenshots");
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  screenshot_event (fixture, dir, "ev-sukhna", 360, "sukhna-360.png");
  screenshot_event (fixture, dir, "ev-sukhna", 320, "sukhna-320.png");
  screenshot_event (fixture, dir, "ev-sukhna", 480, "sukhna-480.png");
  screenshot_event (fixture, dir, "ev-damascus", 360, "damascus-360.png");
  screenshot_event (fixture, dir, "ev-strikes", 360, "strikes-360.png");
  screenshot_event (fixture, dir, "ev-markup", 360, "markup-360.png");
  screenshot_event (fixture, dir, NULL, 360, "empty-360.png");
  set_group (fixture, group);
  screenshot_event (fixture, dir, NULL, 360, "group-360.png");
  screenshot_event (fixture, dir, "ev-damascus", 360, "group-event-360.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot_event (fixture, dir, NULL, 360, "group-360-dark.png");
  screenshot_event (fixture, dir, "ev-sukhna", 360, "sukhna-360-dark.png");
  screenshot_event (fixture, dir, "ev-strikes", 360, "strikes-360-dark.png");
  sitmap_view_state_set_group (fixture->view_state, NULL, 0);
  screenshot_event (fixture, dir, NULL, 360, "empty-360-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
load_stylesheet (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

#define ADD_TEST(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  /* No accessibility bus, as tests/meson.build intends: NO_AT_BRIDGE is GTK 3's switch, GTK_A11Y is
   * GTK 4's. Without it GTK warns (fatally, under GTest) when plain xvfb-run has no session bus. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run the sidebar tests under xvfb-run\n");
      return 77;
    }
  adw_init ();
  /* Stack transitions would leave the old page on screen for a moment; the tests read the new one. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  load_stylesheet ();

  g_test_add_func ("/sidebar/empty-without-document", test_empty_without_document);
  g_test_add_func ("/sidebar/builder", test_builder);
  g_test_add_func ("/sidebar/description-links", test_description_links);
  g_test_add_func ("/sidebar/document-description-html", test_document_description_html);
  ADD_TEST ("/sidebar/empty-with-document", test_empty_with_document);
  ADD_TEST ("/sidebar/sukhna", test_sukhna);
  ADD_TEST ("/sidebar/link-click", test_link_click);
  ADD_TEST ("/sidebar/grading-edit", test_grading_edit);
  ADD_TEST ("/sidebar/month", test_month);
  ADD_TEST ("/sidebar/year", test_year);
  ADD_TEST ("/sidebar/span-party-only", test_span_party_only);
  ADD_TEST ("/sidebar/open-span", test_open_span);
  ADD_TEST ("/sidebar/undated-unplaced", test_undated_unplaced);
  ADD_TEST ("/sidebar/origins", test_origins);
  ADD_TEST ("/sidebar/markup-is-text", test_markup_is_text);
  ADD_TEST ("/sidebar/odd-links", test_odd_links);
  ADD_TEST ("/sidebar/no-source", test_no_source);
  ADD_TEST ("/sidebar/deselect", test_deselect);
  ADD_TEST ("/sidebar/document-change", test_document_change);
  ADD_TEST ("/sidebar/narrow", test_narrow);
  ADD_TEST ("/sidebar/resize-relayout", test_resize_relayout);
  ADD_TEST ("/sidebar/selection-dropped", test_selection_dropped);
  ADD_TEST ("/sidebar/focus-on-page-change", test_focus_on_page_change);
  ADD_TEST ("/sidebar/group-list", test_group_list);
  ADD_TEST ("/sidebar/group-activate-and-back", test_group_activate_and_back);
  ADD_TEST ("/sidebar/grab-focus", test_grab_focus);
  ADD_TEST ("/sidebar/group-lazy", test_group_lazy);
  ADD_TEST ("/sidebar/screenshots", test_screenshots);
  return g_test_run ();
}
