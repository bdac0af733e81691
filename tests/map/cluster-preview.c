/* cluster-preview.c: the event layer on many events gathered around towns, as reports are, to look at
 * its clusters and symbols at any zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cluster-preview"

#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-event-layer-private.h"
#include "sitmap-kml-reader.h"

/* Towns of central and eastern Syria and around, each with the kind of event most reported there. */
static const struct
{
  const char    *name;
  double         latitude;
  double         longitude;
  double         spread; /* degrees */
  SitmapCategory category;
} towns[] = {
  { "Damascus", 33.51, 36.29, 0.10, SITMAP_CATEGORY_PROTEST },
  { "Homs", 34.73, 36.71, 0.08, SITMAP_CATEGORY_BATTLE },
  { "Hama", 35.13, 36.75, 0.08, SITMAP_CATEGORY_BATTLE },
  { "Aleppo", 36.20, 37.16, 0.12, SITMAP_CATEGORY_REMOTE_VIOLENCE },
  { "Idlib", 35.93, 36.63, 0.10, SITMAP_CATEGORY_REMOTE_VIOLENCE },
  { "Raqqa", 35.95, 39.01, 0.08, SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS },
  { "Deir ez-Zor", 35.34, 40.14, 0.10, SITMAP_CATEGORY_BATTLE },
  { "Palmyra", 34.56, 38.28, 0.06, SITMAP_CATEGORY_STRATEGIC },
  { "As-Sukhnah", 34.89, 38.87, 0.15, SITMAP_CATEGORY_BATTLE },
  { "Abu Kamal", 34.45, 40.92, 0.06, SITMAP_CATEGORY_REMOTE_VIOLENCE },
  { "Al-Hasakah", 36.50, 40.75, 0.08, SITMAP_CATEGORY_RIOT },
  { "Qamishli", 37.05, 41.22, 0.06, SITMAP_CATEGORY_PROTEST },
  { "Daraa", 32.62, 36.10, 0.08, SITMAP_CATEGORY_PROTEST },
  { "Suwayda", 32.71, 36.57, 0.06, SITMAP_CATEGORY_PROTEST },
  { "Latakia", 35.52, 35.79, 0.06, SITMAP_CATEGORY_STRATEGIC },
  { "Tartus", 34.89, 35.89, 0.05, SITMAP_CATEGORY_STATEMENT },
  { "Manbij", 36.53, 37.95, 0.06, SITMAP_CATEGORY_BATTLE },
  { "Al-Tanf", 33.50, 38.62, 0.04, SITMAP_CATEGORY_REMOTE_VIOLENCE },
  { "Qaryatayn", 34.23, 37.24, 0.05, SITMAP_CATEGORY_BATTLE },
  { "Mayadin", 35.02, 40.45, 0.05, SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS },
};

static double
gaussian (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static void
add_event (SitmapDocumentBuilder *builder, GRand *rand, guint i)
{
  g_autofree char *id = g_strdup_printf ("e%u", i);
  g_autofree char *date = NULL;
  double roll = g_rand_double (rand);
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };
  SitmapFigure killed = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_AT_LEAST, 0, SITMAP_FIGURE_UNKNOWN, NULL };

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.title = g_strdup_printf ("Event %u", i);
  draft.location_precision = SITMAP_LOCATION_PRECISION_EXACT;
  if (roll < 0.8)
    {
      guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (towns));

      draft.latitude = towns[t].latitude + gaussian (rand) * towns[t].spread;
      draft.longitude = towns[t].longitude + gaussian (rand) * towns[t].spread;
      draft.category = g_rand_double (rand) < 0.7 ? towns[t].category
                                                  : (SitmapCategory) g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES);
    }
  else
    {
      draft.latitude = g_rand_double_range (rand, 32.5, 37.0);
      draft.longitude = g_rand_double_range (rand, 36.0, 41.5);
      draft.category = g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES);
    }
  if (g_rand_double (rand) < 0.15)
    {
      draft.location_precision = SITMAP_LOCATION_PRECISION_NEAR_TOWN;
      draft.radius_m = g_rand_int_range (rand, 5000, 30000);
    }
  if (g_rand_double (rand) < 0.1)
    date = g_strdup_printf ("2024-%02d", g_rand_int_range (rand, 1, 13));
  else
    date = g_strdup_printf ("2024-%02d-%02d", g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  sitmap_time_init_instant (&draft.time, date, NULL);
  if (g_rand_double (rand) < 0.4)
    {
      killed.min = (gint64) floor (exp (g_rand_double_range (rand, 0, 6)));
      sitmap_event_draft_add_figure (&draft, &killed);
    }
  citation.source_id = g_strdup (g_rand_double (rand) < 0.05 ? "party" : "monitor");
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

/* A country-level report without an outline: the labelled vague circle. */
static void
add_country_event (SitmapDocumentBuilder *builder)
{
  g_autoptr (SitmapPlace) syria = sitmap_place_new ("syria", "Syria", SITMAP_PLACE_KIND_COUNTRY, 35.0, 38.5, NULL);
  MapTestEvent event = { "country", "Displacement across the country", SITMAP_CATEGORY_CONTEXT, 35.0, 38.5, "2024",
                         NULL, SITMAP_LOCATION_PRECISION_COUNTRY, 0, FALSE, NULL, 0, "syria" };

  sitmap_document_builder_add_place (builder, syria);
  map_test_add_event (builder, &event);
}

static SitmapDocument *
towns_document (guint n, guint32 seed)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "monitor"), "Independent monitor");
  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "party"), TRUE);
  add_country_event (builder);
  for (guint i = 0; i < n; i++)
    add_event (builder, rand, i);
  return sitmap_document_builder_finish (builder);
}

static void
save_png (GtkWidget *window, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("could not save %s\n", path);
}

static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* Usage: cluster-preview [--n N] [--file KML] [--zoom Z] [--latitude L --longitude L] [--fatalities]
 *                        [--select-middle] [--hover X,Y] [--focus] [--png FILE] */
int
main (int argc, char *argv[])
{
  g_autofree char *png = NULL;
  g_autofree char *hover = NULL;
  g_autofree char *path = NULL;
  double zoom = 6.6, latitude = 34.8, longitude = 38.5;
  int n = 100000;
  gboolean fatalities = FALSE, select_middle = FALSE, focus = FALSE;
  GOptionEntry entries[] = {
    { "n", 0, 0, G_OPTION_ARG_INT, &n, "How many synthetic events", "N" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &path, "Show the events of this KML document", "FILE" },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &zoom, "Zoom level", "Z" },
    { "latitude", 0, 0, G_OPTION_ARG_DOUBLE, &latitude, "Latitude of the centre", "DEGREES" },
    { "longitude", 0, 0, G_OPTION_ARG_DOUBLE, &longitude, "Longitude of the centre", "DEGREES" },
    { "fatalities", 0, 0, G_OPTION_ARG_NONE, &fatalities, "Size symbols by fatalities", NULL },
    { "select-middle", 0, 0, G_OPTION_ARG_NONE, &select_middle, "Select the event nearest the middle", NULL },
    { "hover", 0, 0, G_OPTION_ARG_STRING, &hover, "Put the pointer at X,Y", "X,Y" },
    { "focus", 0, 0, G_OPTION_ARG_NONE, &focus, "Give the map the keyboard focus, visibly", NULL },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Render the window to FILE and quit", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (MapTestWindow) w = NULL;

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
  else
    document = towns_document (n, 7);
  w = map_test_window_new (1280, 800);
  sitmap_view_state_set_document (w->view_state, document);
  sitmap_event_layer_set_size_by_fatalities (w->events, fatalities);
  map_test_window_show (w, latitude, longitude, zoom);
  if (select_middle)
    _sitmap_event_layer_move_selection (w->events, 0, 0);
  if (hover != NULL)
    {
      g_auto (GStrv) xy = g_strsplit (hover, ",", 2);

      if (g_strv_length (xy) == 2)
        g_signal_emit_by_name (find_controller (GTK_WIDGET (w->events), GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion",
                               g_ascii_strtod (xy[0], NULL), g_ascii_strtod (xy[1], NULL));
    }
  if (focus)
    {
      gtk_widget_grab_focus (GTK_WIDGET (w->events));
      gtk_window_set_focus_visible (w->window, TRUE);
    }
  map_test_window_wait (w);
  if (png != NULL)
    {
      save_png (GTK_WIDGET (w->window), png);
      return 0;
    }
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
