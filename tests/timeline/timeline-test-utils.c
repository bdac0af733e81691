/* timeline-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "timeline-test"

#include "config.h"

#include <unistd.h>

#include "timeline-test-utils.h"

gint64
timeline_test_time (const char *iso)
{
  g_autoptr (GError) error = NULL;
  SitmapTimeUnit unit;
  gint64 start, end;

  sitmap_time_parse_bound (iso, &start, &end, &unit, &error);
  g_assert_no_error (error);
  return start;
}

void
timeline_test_add_event (SitmapDocumentBuilder *builder,
                         const char            *id,
                         const char            *title,
                         SitmapCategory         category,
                         const char            *when,
                         const char            *begin,
                         const char            *end)
{
  g_autoptr (GError) error = NULL;
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.title = g_strdup (title);
  draft.category = category;
  draft.latitude = 34.8853;
  draft.longitude = 38.8711;
  if (when != NULL)
    sitmap_time_init_instant (&draft.time, when, &error);
  else if (begin != NULL || end != NULL)
    sitmap_time_init_span (&draft.time, begin, end, &error);
  g_assert_no_error (error);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

SitmapDocument *
timeline_test_demo_document (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();

  sitmap_document_builder_set_title (builder, "Syria, late 2024");
  timeline_test_add_event (builder, "ev-2011", "The conflict begins", SITMAP_CATEGORY_STRATEGIC, "2011", NULL, NULL);
  timeline_test_add_event (builder, "ev-baghouz", "SDF drive IS out of Baghouz, its last stronghold",
                           SITMAP_CATEGORY_BATTLE, "2019-03", NULL, NULL);
  timeline_test_add_event (builder, "ev-badia", "The Badia remains a refuge for IS remnants", SITMAP_CATEGORY_CONTEXT,
                           NULL, "2019", NULL);
  timeline_test_add_event (builder, "ev-offensive", "HTS and allied factions launch an offensive",
                           SITMAP_CATEGORY_BATTLE, "2024-11-27", NULL, NULL);
  timeline_test_add_event (builder, "ev-strikes", "US forces strike more than 75 IS targets in the Badia",
                           SITMAP_CATEGORY_REMOTE_VIOLENCE, NULL, "2024-12-07", "2024-12-08");
  timeline_test_add_event (builder, "ev-fall", "The Assad government falls", SITMAP_CATEGORY_STRATEGIC, "2024-12-08",
                           NULL, NULL);
  timeline_test_add_event (builder, "ev-blinken", "Blinken: IS could exploit the chaos to rebuild",
                           SITMAP_CATEGORY_STATEMENT, "2024-12-09", NULL, NULL);
  timeline_test_add_event (builder, "ev-sukhna", "IS kills 54 soldiers fleeing near Sukhna", SITMAP_CATEGORY_BATTLE,
                           "2024-12-10", NULL, NULL);
  timeline_test_add_event (builder, "ev-prisons", "About 12,000 suspected IS members held in Kurdish-run prisons",
                           SITMAP_CATEGORY_CONTEXT, NULL, NULL, NULL);
  return sitmap_document_builder_finish (builder);
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  gboolean   drawn;
} ShowData;

static gboolean
shown_cb (gpointer data)
{
  ShowData *show = data;

  return show->drawn && gtk_widget_get_mapped (show->widget) && gtk_widget_get_width (show->widget) == show->width;
}

static void
frame_cb (GdkFrameClock *clock, ShowData *show)
{
  show->drawn = TRUE;
}

/* Tests run in parallel on one X server: the process id tells their windows apart. */
char *
timeline_test_window_title (void)
{
  return g_strdup_printf ("Sitmap timeline test %d", (int) getpid ());
}

GtkWidget *
timeline_test_show (GtkWidget *widget, int width, int height)
{
  GtkWidget *window = gtk_window_new ();
  ShowData show = { widget, width, FALSE };
  GdkFrameClock *clock;
  gulong handler;

  g_autofree char *title = timeline_test_window_title ();

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_realized (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), &show);
  g_assert_true (timeline_test_wait (shown_cb, &show));
  g_signal_handler_disconnect (clock, handler);
  return window;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
timeline_test_wait (gboolean (*condition) (gpointer data), gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

void
timeline_test_load_app_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *css = g_test_build_filename (G_TEST_DIST, "..", "resources", "style.css", NULL);

  gtk_css_provider_load_from_path (provider, css);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
timeline_test_pause (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
timeline_test_settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GdkTexture *
timeline_test_render (GtkWidget *widget, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkTexture *texture;

  timeline_test_settle ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_assert_null (path);
      return NULL;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (path != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, path));
  return texture;
}
