/* sitmap-ui-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <shumate/shumate.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sitmap-ui-test.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
sitmap_test_wait_until (SitmapTestCondition condition, gpointer data, guint timeout_ms, const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
  g_source_remove (id);
}

static void
after_paint_cb (GdkFrameClock *clock, gpointer data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

void
sitmap_test_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  sitmap_test_wait_until (flag_is_set, &painted, 5000, "a frame to be painted");
  g_signal_handler_disconnect (clock, id);
}

static void
collect (GtkWidget *widget, GString *out)
{
  /* Only what is on screen: hidden stack pages and unmapped popovers are not read. */
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

char *
sitmap_test_collect_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect (widget, out);
  return g_string_free (out, FALSE);
}

static void
run_xdotool (const char *const *args)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("xdotool failed: %s", err);
}

/* Coordinates in the X window of a widget point: its place in the toplevel, plus where the toplevel
 * sits in its surface (client-side decorations add a shadow margin). */
static void
to_screen (GtkWidget *widget, double x, double y, char **window_id, int *sx, int *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double nx, ny;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &nx, &ny);
  *window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  *sx = (int) (out.x + nx + 0.5);
  *sy = (int) (out.y + ny + 0.5);
}

void
sitmap_test_window_point (GtkWidget *widget, double x, double y, char **window_id, int *window_x, int *window_y)
{
  to_screen (widget, x, y, window_id, window_x, window_y);
}

void
sitmap_test_click (GtkWidget *widget, double x, double y)
{
  sitmap_test_click_button (widget, 1, x, y);
}

void
sitmap_test_click_button (GtkWidget *widget, guint button, double x, double y)
{
  g_autofree char *window = NULL;
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  g_autofree char *pressed = g_strdup_printf ("%u", button);
  int ix, iy;

  to_screen (widget, x, y, &window, &ix, &iy);
  sx = g_strdup_printf ("%d", ix);
  sy = g_strdup_printf ("%d", iy);
  /* No --sync: it waits for the pointer to move, forever if it is already there. */
  run_xdotool ((const char *[]) { "xdotool", "mousemove", "--window", window, sx, sy, "sleep", "0.1", "click",
                                  pressed, NULL });
}

void
sitmap_test_drag (GtkWidget *widget, double x0, double y0, double x1, double y1)
{
  sitmap_test_drag_button (widget, 1, x0, y0, x1, y1);
}

void
sitmap_test_drag_button (GtkWidget *widget, guint button, double x0, double y0, double x1, double y1)
{
  g_autofree char *window = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *mx = NULL;
  g_autofree char *pressed = g_strdup_printf ("%u", button);
  int ix0, iy0, ix1, iy1;

  to_screen (widget, x0, y0, &window, &ix0, &iy0);
  g_free (window);
  to_screen (widget, x1, y1, &window, &ix1, &iy1);
  a = g_strdup_printf ("%d", ix0);
  b = g_strdup_printf ("%d", iy0);
  c = g_strdup_printf ("%d", ix1);
  d = g_strdup_printf ("%d", iy1);
  mx = g_strdup_printf ("%d", (ix0 + ix1) / 2);
  /* Move in steps, as a hand does, so the drag gesture sees motion before the release. */
  run_xdotool ((const char *[]) { "xdotool", "mousemove", "--window", window, a, b, "sleep", "0.1", "mousedown",
                                  pressed, "sleep", "0.1", "mousemove", "--window", window, mx, b, "sleep", "0.1",
                                  "mousemove", "--window", window, c, d, "sleep", "0.1", "mouseup", pressed, NULL });
}

void
sitmap_test_drag_then_key (GtkWidget *widget, double x0, double y0, double x1, double y1, const char *keys)
{
  g_autofree char *window = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  int ix0, iy0, ix1, iy1;

  to_screen (widget, x0, y0, &window, &ix0, &iy0);
  g_free (window);
  to_screen (widget, x1, y1, &window, &ix1, &iy1);
  a = g_strdup_printf ("%d", ix0);
  b = g_strdup_printf ("%d", iy0);
  c = g_strdup_printf ("%d", ix1);
  d = g_strdup_printf ("%d", iy1);
  run_xdotool ((const char *[]) { "xdotool", "mousemove", "--window", window, a, b, "sleep", "0.1", "mousedown", "1",
                                  "sleep", "0.1", "mousemove", "--window", window, c, d, "sleep", "0.2", "key", keys,
                                  "sleep", "0.1", "mouseup", "1", NULL });
}

void
sitmap_test_key (GtkWidget *widget, const char *keys)
{
  g_autofree char *window = NULL;
  int x, y;

  /* Keys sent to a window with XSendEvent are ignored by GTK: focus it and type for real. */
  to_screen (widget, 0, 0, &window, &x, &y);
  run_xdotool ((const char *[]) { "xdotool", "windowfocus", "--sync", window, "key", "--clearmodifiers", keys, NULL });
}

typedef struct
{
  GtkWidget *widget;
  int        width, height;
} SizeWanted;

static gboolean
has_size (gpointer data)
{
  SizeWanted *wanted = data;

  return gtk_widget_get_width (wanted->widget) == wanted->width &&
         gtk_widget_get_height (wanted->widget) == wanted->height;
}

gboolean
sitmap_test_resize (GtkWindow *window, int width, int height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  /* The surface holds the window and its frame (client-side decorations): the size asked for is the
   * window's own. */
  int frame_x = gdk_surface_get_width (surface) - gtk_widget_get_width (GTK_WIDGET (window));
  int frame_y = gdk_surface_get_height (surface) - gtk_widget_get_height (GTK_WIDGET (window));
  g_autofree char *id = NULL;
  g_autofree char *w = g_strdup_printf ("%d", width + frame_x);
  g_autofree char *h = g_strdup_printf ("%d", height + frame_y);
  SizeWanted wanted = { GTK_WIDGET (window), width, height };
  gboolean timed_out = FALSE;
  int min_width, min_height, x, y;
  guint timeout;

  to_screen (GTK_WIDGET (window), 0, 0, &id, &x, &y);
  run_xdotool ((const char *[]) { "xdotool", "windowsize", id, w, h, NULL });
  /* A window refuses less than its minimum size (which counts its frame): it then keeps that. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  wanted.width = MAX (width, min_width - frame_x);
  wanted.height = MAX (height, min_height - frame_y);
  timeout = g_timeout_add (5000, timeout_cb, &timed_out);
  while (!has_size (&wanted) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("The window is %d×%d, not %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
             gtk_widget_get_height (GTK_WIDGET (window)), wanted.width, wanted.height);
  g_source_remove (timeout);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  return wanted.width == width && wanted.height == height;
}

void
sitmap_test_type (GtkWidget *widget, const char *text)
{
  g_autofree char *window = NULL;
  int x, y;

  to_screen (widget, 0, 0, &window, &x, &y);
  run_xdotool ((const char *[]) { "xdotool", "windowfocus", "--sync", window, "type", "--delay", "5", text, NULL });
}

void
sitmap_test_key_here (const char *keys)
{
  run_xdotool ((const char *[]) { "xdotool", "key", "--clearmodifiers", keys, NULL });
}

void
sitmap_test_type_here (const char *text)
{
  run_xdotool ((const char *[]) { "xdotool", "type", "--delay", "5", text, NULL });
}

GList *
sitmap_test_list_other_windows (GtkWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  GList *others = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != main_window && gtk_widget_get_visible (GTK_WIDGET (window)))
        others = g_list_prepend (others, window);
    }
  return others;
}

static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

static gboolean
transitions_done (gpointer data)
{
  return !transition_running (data);
}

void
sitmap_test_wait_for_transitions (GtkWidget *widget)
{
  sitmap_test_wait_until (transitions_done, widget, 5000, "page transitions to end");
}

GdkTexture *
sitmap_test_render (GtkWidget *widget, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (path != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, path));
  return texture;
}

guint
sitmap_test_count_pixels (GdkTexture *texture, const cairo_rectangle_int_t *rect,
                          gboolean (*test) (guint8 r, guint8 g, guint8 b))
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint8 *data = g_malloc (stride * height);
  guint count = 0;

  /* GDK_MEMORY_DEFAULT is premultiplied BGRA on little-endian machines: B, G, R, A in memory. */
  gdk_texture_download (texture, data, stride);
  for (int y = MAX (rect->y, 0); y < MIN (rect->y + rect->height, height); y++)
    for (int x = MAX (rect->x, 0); x < MIN (rect->x + rect->width, width); x++)
      {
        const guint8 *p = data + y * stride + x * 4;

        count += test (p[2], p[1], p[0]);
      }
  return count;
}

static void
find_shown (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_shown (child, type, out);
}

GPtrArray *
sitmap_test_find_shown (gpointer root, GType type)
{
  GPtrArray *out = g_ptr_array_new ();

  find_shown (GTK_WIDGET (root), type, out);
  return out;
}

GtkWidget *
sitmap_test_find_first_shown (gpointer root, GType type)
{
  g_autoptr (GPtrArray) shown = sitmap_test_find_shown (root, type);

  if (shown->len == 0)
    g_error ("no %s is shown in %s", g_type_name (type), G_OBJECT_TYPE_NAME (root));
  return shown->pdata[0];
}

void
sitmap_test_click_centre (GtkWidget *widget)
{
  sitmap_test_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

static GPid        own_screen;
static GIOChannel *own_screen_out; /* kept open: a server that writes to a closed pipe would die */

void
sitmap_test_use_own_screen (int width, int height)
{
  g_autofree char *screen = g_strdup_printf ("%dx%dx24", width, height);
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp", "-terminate", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *display = NULL;
  int out;

  g_assert_null (gdk_display_get_default ());
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &own_screen, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* The server writes its display's number when it takes connections. */
  own_screen_out = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (own_screen_out, TRUE);
  g_io_channel_read_line (own_screen_out, &line, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  display = g_strdup_printf (":%s", g_strstrip (line));
  g_setenv ("DISPLAY", display, TRUE);
  g_unsetenv ("XAUTHORITY");
  g_test_message ("on a %s screen of our own, %s", screen, display);
}

void
sitmap_test_stop_own_screen (void)
{
  int status;

  if (own_screen == 0)
    return;
  kill (own_screen, SIGTERM);
  waitpid (own_screen, &status, 0);
  g_spawn_close_pid (own_screen);
  own_screen = 0;
  g_clear_pointer (&own_screen_out, g_io_channel_unref);
}

static char *state_home;

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_state_home (void)
{
  remove_tree (state_home);
  g_clear_pointer (&state_home, g_free);
}

/* Unsaved changes are kept in the user's state folder (SitmapRecovery): each test has its own, so that what
 * one leaves (a window destroyed with unsaved edits leaves them, as a crash does) is never offered to another,
 * and nothing is left in the real one. A test that set XDG_STATE_HOME itself keeps it. */
static void
use_own_state_home (void)
{
  if (state_home != NULL || g_getenv ("SITMAP_TEST_STATE_HOME_SET") != NULL)
    return;
  state_home = g_dir_make_tmp ("sitmap-test-state-XXXXXX", NULL);
  g_assert_nonnull (state_home);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  /* GLib reads it once: nothing may have asked before */
  g_assert_cmpstr (g_get_user_state_dir (), ==, state_home);
  atexit (remove_state_home);
}

SitmapWindow *
sitmap_test_start (SitmapApplication *app)
{
  GtkWindow *window;

  use_own_state_home ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SITMAP_IS_WINDOW (window));
  return SITMAP_WINDOW (window);
}

static gboolean
document_loaded (gpointer data)
{
  SitmapWindow *window = data;

  return sitmap_view_state_get_document (sitmap_window_get_view_state (window)) != NULL &&
         !sitmap_window_get_loading (window);
}

void
sitmap_test_wait_for_document (SitmapWindow *window)
{
  sitmap_test_wait_until (document_loaded, window, 10000, "the document to load");
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
}

typedef struct
{
  SitmapWindow *window;
  double        last[3];
} MapLook;

/* The map has not moved since the last look */
static gboolean
map_settled (gpointer data)
{
  MapLook *look = data;
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (look->window));
  double now[3] = { shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                    shumate_viewport_get_zoom_level (viewport) };
  gboolean same = memcmp (now, look->last, sizeof now) == 0;

  memcpy (look->last, now, sizeof now);
  sitmap_test_wait_for_paint (GTK_WIDGET (sitmap_window_get_map (look->window)));
  return same;
}

void
sitmap_test_wait_for_map (SitmapWindow *window)
{
  MapLook look = { window, { NAN, NAN, NAN } };

  sitmap_test_wait_until (map_settled, &look, 5000, "the map to stop moving");
}
