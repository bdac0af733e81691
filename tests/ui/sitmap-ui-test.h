/* sitmap-ui-test.h: driving the real window under Xvfb as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-application.h"
#include "sitmap-window.h"

G_BEGIN_DECLS

typedef gboolean (*SitmapTestCondition) (gpointer data);

/* Starts an X server of its own with a screen of width × height and makes it the display of what
 * follows (GTK and xdotool): before the application starts, for a test whose windows are larger than
 * the screen it was started on. The server ends when the test's connection does, crash or not. */
void          sitmap_test_use_own_screen (int width, int height);
/* Ends that server, once the application is gone. */
void          sitmap_test_stop_own_screen (void);

/* Registers app as a Sitmap of the test's own (never handing over to another instance: tests run
 * beside each other and beside a running Sitmap) and activates it as a user's start does. Returns its
 * window. */
SitmapWindow *sitmap_test_start (SitmapApplication *app);
/* Runs the main loop until window has a document, loaded, and has painted. */
void          sitmap_test_wait_for_document (SitmapWindow *window);

/* Runs the main loop until condition holds; fails the test after timeout_ms. */
void     sitmap_test_wait_until (SitmapTestCondition condition, gpointer data, guint timeout_ms, const char *what);
/* Runs the main loop until widget has been drawn at least once more. */
void     sitmap_test_wait_for_paint (GtkWidget *widget);
/* Runs the main loop until no stack inside widget is between two pages. */
void     sitmap_test_wait_for_transitions (GtkWidget *widget);
/* Runs the main loop until the window's map has stopped moving (a flight to the selected event has landed). */
void     sitmap_test_wait_for_map (SitmapWindow *window);
/* The text of every label shown inside widget (mapped), one per line. */
char    *sitmap_test_collect_text (GtkWidget *widget);
/* The widgets of type shown (mapped) inside root, root included, in the order of the widget tree. */
GPtrArray *sitmap_test_find_shown (gpointer root, GType type);
/* The first of them; the test fails when there is none. */
GtkWidget *sitmap_test_find_first_shown (gpointer root, GType type);
/* Where a point of widget is for xdotool: the X window's id (as text) and the point in that window. */
void     sitmap_test_window_point (GtkWidget *widget, double x, double y, char **window_id, int *window_x,
                                   int *window_y);
/* A real pointer click (or drag) through the X server with xdotool, at widget coordinates. */
void     sitmap_test_click (GtkWidget *widget, double x, double y);
/* The same with another mouse button (3: the right one, for a context menu). */
void     sitmap_test_click_button (GtkWidget *widget, guint button, double x, double y);
/* The same at the centre of widget. */
void     sitmap_test_click_centre (GtkWidget *widget);
void     sitmap_test_drag (GtkWidget *widget, double x0, double y0, double x1, double y1);
/* The same with another mouse button (2: the middle one). */
void     sitmap_test_drag_button (GtkWidget *widget, guint button, double x0, double y0, double x1, double y1);
/* A drag that presses keys (xdotool's names, "Escape") before the button is released. */
void     sitmap_test_drag_then_key (GtkWidget *widget, double x0, double y0, double x1, double y1, const char *keys);
void     sitmap_test_key (GtkWidget *widget, const char *keys);
/* Resizes window through the X server, as a window manager does, and waits until it has taken the
 * size it accepts (no less than its minimum) and painted. Returns FALSE when it kept another size. */
gboolean sitmap_test_resize (GtkWindow *window, int width, int height);
/* Types text on the keyboard into widget's window. */
void     sitmap_test_type (GtkWidget *widget, const char *text);
/* The same, to whatever has the keyboard now, without focusing a window first: for an open popover,
 * whose keyboard grab a change of X focus would break (and so close it). */
void     sitmap_test_key_here (const char *keys);
void     sitmap_test_type_here (const char *text);
/* What widget shows now, rendered by its window's renderer; saved as PNG when path is not NULL. */
GdkTexture *sitmap_test_render (GtkWidget *widget, const char *path);
/* Counts the pixels of texture inside rect (in pixels) for which test returns TRUE. */
guint    sitmap_test_count_pixels (GdkTexture *texture, const cairo_rectangle_int_t *rect,
                                   gboolean (*test) (guint8 r, guint8 g, guint8 b));

/* The toplevel windows other than main_window that are shown. */
GList   *sitmap_test_list_other_windows (GtkWindow *main_window);

G_END_DECLS
