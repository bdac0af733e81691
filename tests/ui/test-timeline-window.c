/* test-timeline-window.c: the timeline's playback and typed range in the real window, with real clicks,
 * drags and keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-application.h"
#include "sitmap-range-popover.h"
#include "sitmap-time.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

#define DAY G_GINT64_CONSTANT (86400)

static SitmapApplication *app;
static SitmapWindow *window;
static char *screenshots; /* SITMAP_SCREENSHOT_DIR, or NULL */

/*
 * Helpers
 */

static SitmapViewState *
state (void)
{
  return sitmap_window_get_view_state (window);
}

static SitmapTimeline *
timeline (void)
{
  return sitmap_window_get_timeline (window);
}

static SitmapPlayback *
playback (void)
{
  return sitmap_timeline_get_playback (timeline ());
}

static gint64
day (guint month, guint d)
{
  return sitmap_time_from_civil (2024, month, d, 0, 0, 0);
}

static void
screenshot (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (screenshots == NULL)
    return;
  path = g_build_filename (screenshots, name, NULL);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  texture = sitmap_test_render (GTK_WIDGET (window), path);
  g_test_message ("saved %s", path);
}

static GtkWidget *
find_button (gpointer root, const char *action)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  g_error ("no shown button does %s", action);
  return NULL;
}

static GtkWidget *
play_button (void)
{
  return find_button (timeline (), "timeline.play-pause");
}

static gboolean
playing_is (gpointer data)
{
  return sitmap_playback_get_playing (playback ()) == GPOINTER_TO_INT (data);
}

typedef struct
{
  gint64 start;
  gint64 end;
} Range;

static gboolean
range_is (gpointer data)
{
  const Range *expected = data;
  gint64 start, end;

  return sitmap_view_state_get_range (state (), &start, &end) && start == expected->start && end == expected->end;
}

static gboolean
range_starts_after (gpointer data)
{
  gint64 start;

  return sitmap_view_state_get_range (state (), &start, NULL) && start > *(const gint64 *) data;
}

/* Every range the view state takes, in order. */
static void
record_range_cb (SitmapViewState *view_state, GParamSpec *pspec, GArray *ranges)
{
  Range range;

  if (sitmap_view_state_get_range (view_state, &range.start, &range.end))
    g_array_append_val (ranges, range);
}

static void
show_window (gint64 start, gint64 end)
{
  sitmap_playback_pause (playback ());
  sitmap_view_state_clear_range (state ());
  sitmap_view_state_set_window (state (), start, end);
  sitmap_test_wait_for_paint (GTK_WIDGET (timeline ()));
}

/* A drag across the lanes from inside the first day to inside the last: the range snaps to whole days. */
static void
drag_days (gint64 first, gint64 last)
{
  SitmapTimeline *widget = timeline ();
  double y = gtk_widget_get_height (GTK_WIDGET (widget)) * 0.6;

  sitmap_test_drag (GTK_WIDGET (widget), sitmap_timeline_time_to_x (widget, first + 3 * 3600), y,
                    sitmap_timeline_time_to_x (widget, last + 21 * 3600), y);
  sitmap_test_wait_for_paint (GTK_WIDGET (widget));
}

/*
 * Playback
 */

/* After Play and Pause were clicked, a drag still makes a range: 1 to 4 December. Play then slides those
 * four days a day at a time. The drag used to make nothing: the timeline's drag, which saw the press on
 * Play but never its release (the button keeps it), held the pointer as denied, so Play started from
 * the window's first day, one day long ("13 Nov 2024"). */
static void
test_drag_then_play (void)
{
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  Range dragged = { day (12, 1), day (12, 5) };
  gint64 first = dragged.start;
  gulong id;

  show_window (day (11, 13), day (12, 15));
  /* A step a second: each click lands long before playback could reach the end by itself. */
  sitmap_playback_set_speed (playback (), 1);
  sitmap_test_click_centre (play_button ());
  sitmap_test_wait_until (playing_is, GINT_TO_POINTER (TRUE), 5000, "Play");
  sitmap_test_click_centre (play_button ());
  sitmap_test_wait_until (playing_is, GINT_TO_POINTER (FALSE), 5000, "Pause");

  drag_days (day (12, 1), day (12, 4));
  g_assert_true (range_is (&dragged));

  id = g_signal_connect (state (), "notify::range-end", G_CALLBACK (record_range_cb), ranges);
  sitmap_test_click_centre (play_button ());
  sitmap_test_wait_until (range_starts_after, &first, 5000, "playback to step");
  screenshot ("playback-drag-then-play.png");
  sitmap_test_click_centre (play_button ());
  sitmap_test_wait_until (playing_is, GINT_TO_POINTER (FALSE), 5000, "Pause");
  g_signal_handler_disconnect (state (), id);

  /* Four days, starting on 1 December, a day later at each step. */
  g_assert_cmpuint (ranges->len, >=, 1);
  for (guint i = 0; i < ranges->len; i++)
    {
      Range *range = &g_array_index (ranges, Range, i);

      g_assert_cmpint (range->end - range->start, ==, 4 * DAY);
      g_assert_cmpint (range->start, ==, day (12, 2) + i * DAY);
    }
}

/* Played to the end of the data (10 December), Play plays again from where it began: 6 December. */
static void
test_play_at_end_goes_back (void)
{
  Range dragged = { day (12, 6), day (12, 8) };
  Range last = { day (12, 9), day (12, 11) };
  gint64 first = dragged.start;
  const char *label;

  show_window (day (11, 25), day (12, 12));
  sitmap_playback_set_speed (playback (), 16);
  drag_days (day (12, 6), day (12, 7));
  g_assert_true (range_is (&dragged));
  sitmap_test_click_centre (play_button ());
  sitmap_test_wait_until (range_is, &last, 5000, "playback to reach the end of the data");
  sitmap_test_wait_until (playing_is, GINT_TO_POINTER (FALSE), 5000, "playback to stop at the end");

  /* The button says what Play does now. */
  sitmap_test_wait_for_paint (GTK_WIDGET (timeline ()));
  label = gtk_widget_get_tooltip_text (play_button ());
  g_assert_cmpstr (label, ==, "At the End: Play From the Start (Space)");
  screenshot ("playback-at-end.png");

  sitmap_test_click_centre (play_button ());
  sitmap_test_wait_until (range_is, &dragged, 5000, "Play to go back to 6 December");
  g_assert_true (sitmap_playback_get_playing (playback ()));
  sitmap_test_wait_until (range_starts_after, &first, 5000, "playback to go on from there");
  sitmap_test_wait_until (range_is, &last, 5000, "playback to reach the end again");
  sitmap_test_wait_until (playing_is, GINT_TO_POINTER (FALSE), 5000, "playback to stop at the end again");
  sitmap_playback_set_speed (playback (), 1);
  sitmap_view_state_clear_range (state ());
}

/*
 * Typed dates
 */

static gboolean
shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
hidden (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static GtkWidget *
popover_child (GtkWidget *popover, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (popover, SITMAP_TYPE_RANGE_POPOVER, name));
}

typedef struct
{
  GtkWidget  *label;
  const char *text;
} Said;

static gboolean
label_says (gpointer data)
{
  Said *said = data;

  return gtk_widget_get_mapped (said->label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (said->label)), said->text) == 0;
}

/* Under entry, right below it and aligned with it, reads text; a screen reader gets text as the entry's
 * description, the label as what describes it and its error message, and the entry as invalid. */
static void
assert_said_under (GtkWidget *entry, GtkWidget *label, const char *text)
{
  Said said = { label, text };
  graphene_point_t origin;
  g_autofree char *description = NULL;
  g_autofree char *described_by = NULL;
  g_autofree char *error_message = NULL;
  g_autofree char *invalid = NULL;

  sitmap_test_wait_until (label_says, &said, 5000, text);
  sitmap_test_wait_for_paint (label);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_compute_point (label, entry, &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_test_message ("“%s” is at %.0f, %.0f from the field", text, origin.x, origin.y);
  g_assert_cmpfloat (origin.y, >=, gtk_widget_get_height (entry));
  g_assert_cmpfloat (origin.y, <=, gtk_widget_get_height (entry) + 12);
  g_assert_cmpfloat (fabs (origin.x), <=, 12);

  description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_null (description);
  described_by = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                                     label, NULL);
  g_assert_null (described_by);
  error_message = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                                      label);
  g_assert_null (error_message);
  invalid = gtk_test_accessible_check_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                             GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_null (invalid);
}

/* Nothing under entry, and nothing said about it any more. */
static void
assert_nothing_said (GtkWidget *entry, GtkWidget *label)
{
  sitmap_test_wait_until (hidden, label, 5000, "the words under the field to go");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID));
}

static gboolean
has_focus_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

static void
type_over (GtkWidget *entry, const char *text)
{
  sitmap_test_wait_until (has_focus_in, entry, 5000, "the keyboard in the field");
  sitmap_test_key_here ("ctrl+a");
  sitmap_test_type_here (text);
}

static gboolean
entry_reads (gpointer data)
{
  Said *said = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (said->label)), said->text) == 0;
}

static void
type_date (GtkWidget *entry, const char *text)
{
  Said typed = { entry, text };

  type_over (entry, text);
  sitmap_test_wait_until (entry_reads, &typed, 5000, "the date to be typed");
}

/* "2024-13-45" typed in From and Enter: "There is no month 13" under From, and the range stays as it
 * was. It goes as the date is mended. From later than To: "“From” is after “To”" under To, until To
 * is mended; then Enter sets the range. */
static void
test_refused_date (void)
{
  GtkWidget *range_button = NULL;
  GtkWidget *popover, *from, *to, *from_error, *to_error;
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (timeline (), GTK_TYPE_MENU_BUTTON);
  Range typed = { day (12, 1), day (12, 6) };

  show_window (day (11, 13), day (12, 15));
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_popover (buttons->pdata[i]) != NULL &&
        SITMAP_IS_RANGE_POPOVER (gtk_menu_button_get_popover (buttons->pdata[i])))
      range_button = buttons->pdata[i];
  g_assert_nonnull (range_button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (range_button)));
  from = popover_child (popover, "from_entry");
  to = popover_child (popover, "to_entry");
  from_error = popover_child (popover, "from_error");
  to_error = popover_child (popover, "to_error");

  sitmap_test_click_centre (range_button);
  sitmap_test_wait_until (shown, popover, 5000, "the time range popover");
  sitmap_test_wait_for_paint (popover);
  g_assert_false (gtk_widget_get_mapped (from_error));

  type_date (from, "2024-13-45");
  sitmap_test_key_here ("Return");
  assert_said_under (from, from_error, "There is no month 13");
  g_assert_false (gtk_widget_get_mapped (to_error));
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_false (sitmap_view_state_get_range (state (), NULL, NULL));
  if (screenshots != NULL)
    {
      g_autofree char *path = g_build_filename (screenshots, "range-no-month-13.png", NULL);
      g_autoptr (GdkTexture) texture = sitmap_test_render (popover, path);
    }

  /* Mended as it is typed, without Enter */
  type_date (from, "2024-12-01");
  assert_nothing_said (from, from_error);

  sitmap_test_click_centre (to);
  type_date (to, "2024-11-20");
  sitmap_test_key_here ("Return");
  assert_said_under (to, to_error, "“From” is after “To”");
  g_assert_false (gtk_widget_get_mapped (from_error));
  g_assert_false (sitmap_view_state_get_range (state (), NULL, NULL));
  if (screenshots != NULL)
    {
      g_autofree char *path = g_build_filename (screenshots, "range-from-after-to.png", NULL);
      g_autoptr (GdkTexture) texture = sitmap_test_render (popover, path);
    }

  type_date (to, "2024-12-05");
  assert_nothing_said (to, to_error);
  sitmap_test_key_here ("Return");
  sitmap_test_wait_until (range_is, &typed, 5000, "Enter to set the range");
  sitmap_test_wait_until (hidden, popover, 5000, "the popover to close");
  sitmap_view_state_clear_range (state ());
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  screenshots = g_strdup (g_getenv ("SITMAP_SCREENSHOT_DIR"));
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/timeline-window/drag-then-play", test_drag_then_play);
  g_test_add_func ("/timeline-window/play-at-end-goes-back", test_play_at_end_goes_back);
  g_test_add_func ("/timeline-window/refused-date", test_refused_date);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_free (screenshots);
  return status;
}
