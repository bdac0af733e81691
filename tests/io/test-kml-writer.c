/* test-kml-writer.c: saving loses nothing, reads back the same, shows in other viewers, and is atomic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io-test-util.h"

static SitmapDocument *fixture;

/*
 * Reading back what was written, with XPath
 */

typedef struct
{
  xmlDocPtr          doc;
  xmlXPathContextPtr xpath;
} Written;

static void
written_free (Written *written)
{
  xmlXPathFreeContext (written->xpath);
  xmlFreeDoc (written->doc);
  g_free (written);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Written, written_free)

static Written *
parse_written (GBytes *bytes)
{
  Written *written = g_new0 (Written, 1);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  written->doc = xmlReadMemory (data, (int) size, NULL, NULL, XML_PARSE_NONET);
  g_assert_nonnull (written->doc);
  written->xpath = xmlXPathNewContext (written->doc);
  xmlXPathRegisterNs (written->xpath, (const xmlChar *) "k", (const xmlChar *) "http://www.opengis.net/kml/2.2");
  xmlXPathRegisterNs (written->xpath, (const xmlChar *) "s", (const xmlChar *) "https://sitmap.github.io/kml/1.0");
  return written;
}

/* The text of the only node the expression finds; NULL when it finds none. */
static char *
xpath_text (Written *written, const char *expression)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) expression, written->xpath);
  char *text = NULL;

  g_assert_nonnull (result);
  if (result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
    {
      xmlChar *content;

      g_assert_cmpint (result->nodesetval->nodeNr, ==, 1);
      content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);
      text = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  return text;
}

static int
xpath_count (Written *written, const char *expression)
{
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) expression, written->xpath);
  int n = result->nodesetval ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  return n;
}

static void
assert_xpath (Written *written, const char *expression, const char *expected)
{
  g_autofree char *text = xpath_text (written, expression);

  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s is “%s”, expected “%s”", expression, text, expected);
}

static GBytes *
write_ok (SitmapDocument *document)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = sitmap_kml_write_bytes (document, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/*
 * Round trip
 */

static void
test_round_trip_lossless (void)
{
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (SitmapDocument) copy = io_test_round_trip (fixture, &first);
  g_autoptr (SitmapDocument) copy_of_copy = io_test_round_trip (copy, &second);

  io_assert_documents_equal (fixture, copy);
  io_assert_documents_equal (copy, copy_of_copy);
  /* Saving twice gives the same bytes: no churn in version control, no spurious "modified" */
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_format (void)
{
  g_autoptr (GBytes) bytes = write_ok (fixture);
  g_autoptr (Written) written = parse_written (bytes);
  const char *text = g_bytes_get_data (bytes, NULL);
  g_autofree char *copy = g_strndup (text, g_bytes_get_size (bytes));

  g_assert_true (g_str_has_prefix (copy, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns="));
  g_assert_nonnull (strstr (copy, "\n  <Document>\n"));
  /* Both namespaces declared once, on <kml> */
  g_assert_cmpint (xpath_count (written, "//namespace::*[name()='sitmap']"), >, 1);
  g_assert_null (strstr (strstr (copy, "<Document>"), "xmlns"));
  /* Nothing that makes a viewer fetch anything */
  g_assert_null (strstr (copy, "href"));
  g_assert_null (strstr (copy, "NetworkLink"));

  assert_xpath (written, "/k:kml/k:Document/k:name", "Format test: central Syria");
  assert_xpath (written, "/k:kml/k:Document/k:LookAt/k:latitude", "34.7");
  assert_xpath (written, "/k:kml/k:Document/k:ExtendedData/s:view/@zoom", "6.5");
  assert_xpath (written, "/k:kml/k:Document/k:ExtendedData/s:view/@from", "2011");
  assert_xpath (written, "/k:kml/k:Document/k:Folder[@id='sitmap-places']/k:name", "Places");
  assert_xpath (written, "/k:kml/k:Document/k:Folder[@id='sitmap-events']/k:name", "Events");
  g_assert_cmpint (xpath_count (written, "//k:Folder[@id='sitmap-places']/k:Placemark"), ==, 10);
  g_assert_cmpint (xpath_count (written, "//k:Folder[@id='sitmap-events']//k:Placemark"), ==, 14);
  /* The file's folders are written back as folders, with their events */
  g_assert_cmpint (xpath_count (written, "//k:Folder[@id='sitmap-events']/k:Placemark"), ==, 12);
  assert_xpath (written, "//k:Folder[@id='sitmap-events']/k:Folder/k:name", "A nested folder");
  assert_xpath (written, "//k:Folder[@id='sitmap-events']/k:Folder/k:Folder/k:name", "Deeper");
  g_assert_cmpint (xpath_count (written, "//k:Folder[k:name='Deeper']/k:Placemark"), ==, 2);
  assert_xpath (written, "//k:Placemark[@id='place-homs']/k:styleUrl", "#sitmap-place");
  assert_xpath (written, "//s:source[@id='centcom']/@party", "true");
  assert_xpath (written, "//s:source[@id='centcom']/@reliability", "B");
}

/* Dates are written in the form they were read: their form is their precision. */
static void
test_dates_as_read (void)
{
  g_autoptr (GBytes) bytes = write_ok (fixture);
  g_autoptr (Written) written = parse_written (bytes);

  assert_xpath (written, "//k:Placemark[@id='ev-2011']/k:TimeStamp/k:when", "2011");
  assert_xpath (written, "//k:Placemark[@id='ev-baghouz']/k:TimeStamp/k:when", "2019-03");
  assert_xpath (written, "//k:Placemark[@id='ev-sukhna']/k:TimeStamp/k:when", "2024-12-10");
  assert_xpath (written, "//k:Placemark[@id='ev-strikes']/k:TimeSpan/k:begin", "2024-12-07");
  assert_xpath (written, "//k:Placemark[@id='ev-strikes']/k:TimeSpan/k:end", "2024-12-08");
  assert_xpath (written, "//k:Placemark[@id='ev-exact']/k:TimeStamp/k:when", "2024-12-10T02:30:00Z");
  assert_xpath (written, "//k:Placemark[@id='ev-since']/k:TimeSpan/k:begin", "2019-03");
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-since']/k:TimeSpan/k:end"), ==, 0);
  assert_xpath (written, "//k:Placemark[@id='ev-ring']/k:TimeStamp/k:when", "-0044-03-15");
  assert_xpath (written, "//k:Placemark[@id='ev-sukhna']//s:citation[@source='sohr']/s:accessed",
                "2024-12-12T08:15:00Z");
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-statement']/k:TimeStamp"), ==, 0);
}

/* Google Earth shows each category in Sitmap's colour: KML writes colours as aabbggrr. */
static void
test_category_styles (void)
{
  g_autoptr (GBytes) bytes = write_ok (fixture);
  g_autoptr (Written) written = parse_written (bytes);

  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    {
      const char *rgb = sitmap_category_get_color (c);
      g_autofree char *style = g_strdup_printf ("//k:Style[@id='sitmap-%s']", sitmap_category_to_id (c));
      g_autofree char *icon = g_strconcat (style, "/k:IconStyle/k:color", NULL);
      g_autofree char *fill = g_strconcat (style, "/k:PolyStyle/k:color", NULL);
      g_autofree char *abgr = g_strdup_printf ("ff%c%c%c%c%c%c", rgb[5], rgb[6], rgb[3], rgb[4], rgb[1], rgb[2]);
      g_autofree char *fill_color = xpath_text (written, fill);

      assert_xpath (written, icon, abgr);
      /* The fill is the same colour, translucent */
      g_assert_cmpstr (fill_color + 2, ==, abgr + 2);
      g_assert_cmpuint (g_ascii_strtoull (fill_color, NULL, 16) >> 24, <, 0xff);
    }
  assert_xpath (written, "//k:Placemark[@id='ev-sukhna']/k:styleUrl", "#sitmap-battle");
  assert_xpath (written, "//k:Placemark[@id='ev-strikes']/k:styleUrl", "#sitmap-remote-violence");
  g_assert_cmpint (xpath_count (written, "//k:Style[@id='sitmap-place']"), ==, 1);
}

/* An event placed only by its place is written with the place's point, so other viewers show it, marked
 * as coming from the place, and never with the place's shape (H3). */
static void
test_geometry_always_written (void)
{
  g_autoptr (GBytes) bytes = write_ok (fixture);
  g_autoptr (Written) written = parse_written (bytes);

  assert_xpath (written, "//k:Placemark[@id='ev-baghouz']/k:Point/k:coordinates", "40.9506,34.4586");
  assert_xpath (written, "//k:Placemark[@id='ev-baghouz']//s:location/@place", "place-baghouz");
  assert_xpath (written, "//k:Placemark[@id='ev-baghouz']//s:location/@from-place", "true");
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-since']//k:Polygon"), ==, 0);
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-since']/k:Point"), ==, 1);
  assert_xpath (written, "//k:Placemark[@id='ev-since']//s:location/@from-place", "true");
  /* An event with a point of its own is not from its place */
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-until']//s:location/@from-place"), ==, 0);
  /* A shape anchored at its middle is written alone; any other anchor beside it */
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-strikes']/k:Polygon/k:innerBoundaryIs"), ==, 2);
  assert_xpath (written, "//k:Placemark[@id='ev-road']/k:MultiGeometry/k:Point/k:coordinates", "38.5,34.7");
  g_assert_cmpint (xpath_count (written, "//k:Placemark[@id='ev-statement']/k:Point"), ==, 0);
}

/*
 * Documents made in code, as edits will make them
 */

static void
add_event (SitmapDocumentBuilder *builder, const char *id, const char *title, double latitude, double longitude)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.title = g_strdup (title);
  draft.latitude = latitude;
  draft.longitude = longitude;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

/* Every double comes back as exactly the same double, written in its shortest form. */
static void
test_numbers_exact (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapGeometry) line = sitmap_geometry_new (SITMAP_GEOMETRY_LINE);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Written) written = NULL;
  SitmapEventDraft draft;

  sitmap_document_builder_set_position (builder, 0.1 + 0.2, 1.0 / 3.0, 6.123456789012345);
  add_event (builder, "thirds", "t", 2.0 / 3.0, -179.99999999999997);
  add_event (builder, "tiny", "t", 1e-300, -0.0);
  add_event (builder, "plain", "t", 34.7308, 36.7094);
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("line");
  sitmap_geometry_add_point (line, 0.1 + 0.7, 5e-324);
  sitmap_geometry_add_point (line, 179.99999999999997, 89.99999999999999);
  draft.geometry = sitmap_geometry_ref (line);
  draft.latitude = 1;
  draft.longitude = 2;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  copy = io_test_round_trip (document, &bytes);
  io_assert_documents_equal (document, copy);
  written = parse_written (bytes);
  assert_xpath (written, "//k:Placemark[@id='plain']/k:Point/k:coordinates", "36.7094,34.7308");
  assert_xpath (written, "//s:view/@latitude", "0.30000000000000004");
}

/* Characters XML cannot carry, and broken UTF-8, cannot make a saved file unreadable. */
static void
test_unwritable_characters (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  SitmapSource *source;
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };
  const char *const *actors;
  guint n;

  sitmap_document_builder_set_title (builder, "bell \a, escape \x1b, \xff\xfe broken");
  source = sitmap_document_builder_add_source (builder, "s\"<&>'");
  sitmap_source_set_name (source, "nul-free \x01 name");
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("id with \"quotes\" & <angles>");
  draft.summary = g_strdup ("line\r\nbreaks\tand \xef\xbf\xbe noncharacter");
  sitmap_event_draft_add_actor (&draft, "vertical \x0b tab");
  citation.source_id = g_strdup ("s\"<&>'");
  citation.paraphrase = g_strdup ("form \x0c feed");
  sitmap_time_init_undated (&citation.published);
  sitmap_time_init_undated (&citation.accessed);
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  copy = io_test_round_trip (document, NULL);
  g_assert_cmpstr (sitmap_document_get_title (copy), ==, "bell \uFFFD, escape \uFFFD, \uFFFD\uFFFD broken");
  g_assert_cmpint (sitmap_document_find_event (copy, "id with \"quotes\" & <angles>"), ==, 0);
  g_assert_cmpstr (sitmap_event_store_get_summary (sitmap_document_get_store (copy), 0), ==,
                   "line\r\nbreaks\tand \uFFFD noncharacter");
  actors = sitmap_event_store_get_actors (sitmap_document_get_store (copy), 0, &n);
  g_assert_cmpstr (actors[0], ==, "vertical \uFFFD tab");
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (copy, 0)), ==, "nul-free \uFFFD name");
  g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (copy, 0)), ==, "s\"<&>'");
}

/* Whatever state edits leave a figure in, the file says what the sidebar shows, and reads back. */
static void
test_odd_figures (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  SitmapFigure figure = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_AT_LEAST, SITMAP_FIGURE_UNKNOWN, 7, "dozens" };
  SitmapFigure reversed = { SITMAP_FIGURE_WOUNDED, SITMAP_QUALIFIER_EXACT, 9, 5, NULL };
  SitmapEventDraft draft;
  const SitmapFigure *figures;
  guint n;

  sitmap_event_draft_init (&draft);
  sitmap_event_draft_add_figure (&draft, &figure);
  sitmap_event_draft_add_figure (&draft, &reversed);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  copy = io_test_round_trip (document, NULL);
  figures = sitmap_event_store_get_figures (sitmap_document_get_store (copy), 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (figures[0].qualifier, ==, SITMAP_QUALIFIER_UNQUANTIFIED);
  g_assert_cmpstr (figures[0].text, ==, "dozens");
  g_assert_cmpint (figures[1].min, ==, 9);
  g_assert_cmpint (figures[1].max, ==, SITMAP_FIGURE_UNKNOWN);
}

/* Whatever an edit leaves behind, the saved file opens again: shapes the reader would refuse are trimmed. */
static void
test_never_unreadable (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapGeometry) polygon = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  g_autoptr (SitmapGeometry) flat = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  SitmapGeometry *geometry;
  SitmapEventDraft draft;
  const double *points;
  guint n;

  /* An outer ring with a point off the globe, a hole of two points */
  sitmap_geometry_begin_ring (polygon);
  sitmap_geometry_add_point (polygon, 0, 0);
  sitmap_geometry_add_point (polygon, 1, 0);
  sitmap_geometry_add_point (polygon, NAN, 0.5);
  sitmap_geometry_add_point (polygon, 1, 1);
  sitmap_geometry_add_point (polygon, 0, 0);
  sitmap_geometry_begin_ring (polygon);
  sitmap_geometry_add_point (polygon, 0.2, 0.2);
  sitmap_geometry_add_point (polygon, 0.3, 0.3);
  sitmap_geometry_add_point (flat, 5, 5);
  sitmap_geometry_add_point (flat, 6, 200);

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("area");
  draft.latitude = 0.5;
  draft.longitude = 0.5;
  draft.geometry = sitmap_geometry_ref (polygon);
  draft.radius_m = G_MAXUINT32;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("flat");
  draft.latitude = 5;
  draft.longitude = 5;
  draft.geometry = sitmap_geometry_ref (flat);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  copy = io_test_round_trip (document, NULL);
  geometry = sitmap_event_store_get_geometry (sitmap_document_get_store (copy), io_find_event (copy, "area"));
  g_assert_cmpuint (sitmap_geometry_get_n_rings (geometry), ==, 1);
  points = sitmap_geometry_get_ring (geometry, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (points[4], ==, 1);
  g_assert_cmpuint (sitmap_event_store_get_radius (sitmap_document_get_store (copy), io_find_event (copy, "area")), ==,
                    20037509);
  /* A polygon with nothing left to enclose leaves the event at its point */
  g_assert_null (sitmap_event_store_get_geometry (sitmap_document_get_store (copy), io_find_event (copy, "flat")));
}

/* A named view saved with the document comes back the same, to the second; one whose range lies
 * beyond the years a file can state keeps its name and filters, without the range. */
static void
test_named_views (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapFilter) filter = sitmap_filter_new ();
  g_autoptr (SitmapNamedView) odd = NULL;
  g_autoptr (SitmapNamedView) far = NULL;
  g_autoptr (SitmapNamedView) back = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  GListModel *views;

  sitmap_filter_set_text (filter, "Ḥomṣ, “convoy” & <b>");
  sitmap_filter_add_value (filter, SITMAP_FILTER_ACTORS, "Actor with\ttab");
  sitmap_filter_set_min_killed (filter, G_MAXINT32);
  sitmap_filter_set_min_origins (filter, 255);
  odd = sitmap_named_view_new ("Odd seconds", filter, TRUE, io_time ("2024-11-27T10:11:12Z") + 1,
                               io_time ("2024-12-09T00:00:00Z") - 1, SITMAP_RANGE_OVERLAPPING);
  far = sitmap_named_view_new ("Far", filter, TRUE, G_GINT64_CONSTANT (400000000000), G_GINT64_CONSTANT (400000000001),
                               SITMAP_RANGE_WITHIN);
  sitmap_document_builder_add_named_view (builder, odd);
  sitmap_document_builder_add_named_view (builder, far);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  copy = io_test_round_trip (document, NULL);
  views = sitmap_document_get_named_views (copy);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 2);
  back = g_list_model_get_item (views, 0);
  g_assert_true (sitmap_named_view_equal (back, odd));
  g_clear_object (&back);
  back = g_list_model_get_item (views, 1);
  g_assert_cmpstr (sitmap_named_view_get_name (back), ==, "Far");
  g_assert_false (sitmap_named_view_get_range (back, NULL, NULL));
  g_assert_true (sitmap_filter_equal (sitmap_named_view_get_filter (back), filter));
}

/* A document without a title of its own shows its file's name; that name is not saved as its title. */
static void
test_untitled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "named.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Written) written = NULL;

  g_assert_true (g_file_set_contents (path, "<kml xmlns='http://www.opengis.net/kml/2.2'><Document/></kml>", -1, NULL));
  document = sitmap_kml_read_file (file, NULL, NULL);
  sitmap_document_set_file (document, file);
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "named.kml");
  bytes = write_ok (document);
  written = parse_written (bytes);
  g_assert_cmpint (xpath_count (written, "/k:kml/k:Document/k:name"), ==, 0);
  g_unlink (path);
  g_rmdir (dir);
}

/*
 * Atomic saves
 */

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
assert_file_contents (const char *path, const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_write_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.kml", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "saved.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (GBytes) expected = write_ok (fixture);
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "the previous version", -1, NULL));
  g_assert_true (sitmap_kml_write_file (fixture, file, NULL, &error));
  g_assert_no_error (error);
  saved = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_true (g_bytes_equal (saved, expected));
  /* Nothing left beside it */
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_false (sitmap_kml_write_file (fixture, missing_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_write_cancelled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "the previous version", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (sitmap_kml_write_file (fixture, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_file_contents (path, "the previous version");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* Saving keeps the file's permissions, and a symbolic link stays a link to the file it names. */
static void
test_write_keeps_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-io-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.kml", NULL);
  g_autofree char *link = g_build_filename (dir, "link.kml", NULL);
  g_autoptr (GFile) link_file = g_file_new_for_path (link);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) expected = write_ok (fixture);
  g_autoptr (GBytes) saved = NULL;
  g_autoptr (GFile) real_file = g_file_new_for_path (real);
  GStatBuf info;

  g_assert_true (g_file_set_contents (real, "the previous version", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("real.kml", link), ==, 0);
  g_assert_true (sitmap_kml_write_file (fixture, link_file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_lstat (link, &info), ==, 0);
  g_assert_true (S_ISLNK (info.st_mode));
  g_assert_cmpint (g_stat (real, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0640);
  saved = g_file_load_bytes (real_file, NULL, NULL, &error);
  g_assert_true (g_bytes_equal (saved, expected));
  g_assert_cmpuint (count_files (dir), ==, 2);
  g_unlink (link);
  g_unlink (real);
  g_rmdir (dir);
}

/* A disk that fills up in the middle of a save: here, a limit on file size the kernel enforces. */
static void
test_write_disk_full (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr (GFile) file = g_file_new_for_path (g_getenv ("SITMAP_DISK_FULL_PATH"));
      struct rlimit limit = { 4096, 4096 };
      g_autoptr (GError) error = NULL;

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (sitmap_kml_write_file (fixture, file, NULL, &error));
      g_assert_nonnull (error);
      return;
    }
  dir = g_dir_make_tmp ("sitmap-io-XXXXXX", NULL);
  path = g_build_filename (dir, "saved.kml", NULL);
  g_assert_true (g_file_set_contents (path, "the previous version", -1, NULL));
  g_setenv ("SITMAP_DISK_FULL_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* The previous version is whole, and no partial file is left beside it */
  assert_file_contents (path, "the previous version");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  fixture = io_test_read_data ("full-format.kml");

  g_test_add_func ("/io/kml-writer/round-trip-lossless", test_round_trip_lossless);
  g_test_add_func ("/io/kml-writer/named-views", test_named_views);
  g_test_add_func ("/io/kml-writer/format", test_format);
  g_test_add_func ("/io/kml-writer/dates-as-read", test_dates_as_read);
  g_test_add_func ("/io/kml-writer/category-styles", test_category_styles);
  g_test_add_func ("/io/kml-writer/geometry-always-written", test_geometry_always_written);
  g_test_add_func ("/io/kml-writer/numbers-exact", test_numbers_exact);
  g_test_add_func ("/io/kml-writer/unwritable-characters", test_unwritable_characters);
  g_test_add_func ("/io/kml-writer/odd-figures", test_odd_figures);
  g_test_add_func ("/io/kml-writer/never-unreadable", test_never_unreadable);
  g_test_add_func ("/io/kml-writer/untitled", test_untitled);
  g_test_add_func ("/io/kml-writer/write-file", test_write_file);
  g_test_add_func ("/io/kml-writer/write-cancelled", test_write_cancelled);
  g_test_add_func ("/io/kml-writer/write-keeps-file", test_write_keeps_file);
  g_test_add_func ("/io/kml-writer/write-disk-full", test_write_disk_full);

  result = g_test_run ();
  g_clear_object (&fixture);
  return result;
}
