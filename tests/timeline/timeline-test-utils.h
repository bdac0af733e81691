/* timeline-test-utils.h: documents, windows and pictures for the timeline's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-document-builder.h"
#include "sitmap-timeline.h"

G_BEGIN_DECLS

/* The start of an ISO date ("2024-12-10", "2019-03"), in seconds. */
gint64 timeline_test_time (const char *iso);

/* when for an instant, or begin and end (either NULL) for a span; all three NULL for undated. */
void timeline_test_add_event (SitmapDocumentBuilder *builder,
                              const char            *id,
                              const char            *title,
                              SitmapCategory         category,
                              const char            *when,
                              const char            *begin,
                              const char            *end);

/* The demo's events: 2011 (year), 2019-03 (month), an open span since 2019, 27 Nov, 7–8 Dec (span),
 * 8 Dec, 9 Dec, 10 Dec 2024, and one undated. */
SitmapDocument *timeline_test_demo_document (void);

/* The title of this process's test windows. */
char      *timeline_test_window_title (void);
/* A borderless window holding widget at width × height, shown, laid out and drawn once. */
GtkWidget *timeline_test_show (GtkWidget *widget, int width, int height);
/* Runs the main loop until condition holds, for five seconds at most; returns whether it held. */
gboolean   timeline_test_wait (gboolean (*condition) (gpointer data), gpointer data);
/* The application's stylesheet, resources/style.css, as the application loads it. */
void       timeline_test_load_app_style (void);
/* Runs the main loop for this long: for GTK's own timers, never to wait for the code under test. */
void       timeline_test_pause (guint milliseconds);
/* Lets every pending layout and redraw happen. */
void       timeline_test_settle (void);
/* The widget as the screen would show it, saved as a PNG too when path is not NULL; NULL when it draws
 * nothing at all. */
GdkTexture *timeline_test_render (GtkWidget *widget, const char *path);

G_END_DECLS
