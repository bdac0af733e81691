/* map-preview.c: the map layers with demo-like events, to look at (and to screenshot under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "map-preview"

#include "config.h"

#include "map-test-utils.h"
#include "sitmap-kml-reader.h"

static void
close_cb (GtkWindow *window, gboolean *done)
{
  *done = TRUE;
}

/* Usage: map-preview [--file KML | --synthetic N] [--select ID] [--zoom Z] [--latitude L --longitude L]
 *                    [--screenshot PNG] */
int
main (int argc, char *argv[])
{
  g_autofree char *screenshot = NULL;
  g_autofree char *select = NULL;
  double zoom = 6.6, latitude = 34.45, longitude = 38.5;
  int synthetic = 0;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Grab the root window to FILE and quit", "FILE" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &path, "Show the events of this KML document", "FILE" },
    { "synthetic", 0, 0, G_OPTION_ARG_INT, &synthetic, "Show N synthetic events instead of the demo", "N" },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select, "Select the event with this id", "ID" },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &zoom, "Zoom level", "Z" },
    { "latitude", 0, 0, G_OPTION_ARG_DOUBLE, &latitude, "Latitude of the centre", "DEGREES" },
    { "longitude", 0, 0, G_OPTION_ARG_DOUBLE, &longitude, "Longitude of the centre", "DEGREES" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (MapTestWindow) w = NULL;
  gboolean done = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_init ();
  if (path != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);

      document = sitmap_kml_read_file (file, NULL, &error);
      if (document == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else if (synthetic > 0)
    document = map_test_synthetic_document (synthetic, 42);
  else
    document = map_test_demo_document ();
  w = map_test_window_new (1100, 760);
  sitmap_view_state_set_document (w->view_state, document);
  if (select != NULL)
    sitmap_view_state_set_selected (w->view_state, sitmap_document_find_event (document, select));
  map_test_window_show (w, latitude, longitude, zoom);

  if (screenshot != NULL)
    {
      const char *grab[] = { "import", "-window", "root", screenshot, NULL };
      int status;

      if (!g_spawn_sync (NULL, (char **) grab, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
    }
  g_signal_connect (w->window, "close-request", G_CALLBACK (close_cb), &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
