/* test-kml-annotations.c: annotations saved in KML and read back exactly; what other viewers see; hostile input
 *
 * Usage: test-kml-annotations OGRINFO — meson passes the ogrinfo it found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"

static const char *ogrinfo;

#define HEAD                                                                                                           \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                                       \
  "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:sitmap=\"https://sitmap.github.io/kml/1.0\"><Document>\n"
#define TAIL "</Document></kml>\n"

/* One of each kind, with what each may carry, on the full-format document (whose events the highlight rings). */
static SitmapDocument *
make_document (void)
{
  SitmapDocument *document = io_test_read_data ("full-format.kml");
  const char     *event_id = sitmap_event_store_get_id (sitmap_document_get_store (document), 0);
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "label-1");
  g_autoptr (SitmapAnnotation) leader = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "label-2");
  g_autoptr (SitmapAnnotation) arrow = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, "arrow");
  g_autoptr (SitmapAnnotation) circle = sitmap_annotation_new (SITMAP_ANNOTATION_CIRCLE, "circle");
  g_autoptr (SitmapAnnotation) area = sitmap_annotation_new (SITMAP_ANNOTATION_AREA, "area");
  g_autoptr (SitmapAnnotation) highlight = sitmap_annotation_new (SITMAP_ANNOTATION_HIGHLIGHT, "ring");

  sitmap_annotation_set_text (label, "SDF-held <b>not markup</b> & “quoted”");
  sitmap_annotation_add_point (label, 35.9501234567891, 39.0123456789012);
  sitmap_annotation_set_text (leader, "Ambush");
  sitmap_annotation_add_point (leader, 34.9, 38.9);
  sitmap_annotation_add_point (leader, 34.8853, 38.8711);
  sitmap_annotation_set_color (leader, SITMAP_ANNOTATION_COLOR_WHITE);
  sitmap_annotation_add_point (arrow, 35.0, 40.0);
  sitmap_annotation_add_point (arrow, 34.4, 40.9);
  sitmap_annotation_set_width (arrow, 6.25);
  sitmap_annotation_set_color (arrow, SITMAP_ANNOTATION_COLOR_ORANGE);
  sitmap_annotation_add_point (circle, 34.55, 38.27);
  sitmap_annotation_set_radius (circle, 25000.5);
  sitmap_annotation_set_text (circle, "25 km");
  sitmap_annotation_add_point (area, 34.0, 38.0);
  sitmap_annotation_add_point (area, 34.5, 39.0);
  sitmap_annotation_add_point (area, 33.5, 39.5);
  sitmap_annotation_add_point (area, 33.2, 38.4);
  sitmap_annotation_set_color (area, SITMAP_ANNOTATION_COLOR_PURPLE);
  sitmap_annotation_add_event (highlight, event_id);
  sitmap_annotation_add_event (highlight, "an-event-the-file-lacks");
  sitmap_annotation_set_text (highlight, "Claimed by one party only");
  sitmap_document_insert_annotation (document, 0, label);
  sitmap_document_insert_annotation (document, 1, leader);
  sitmap_document_insert_annotation (document, 2, arrow);
  sitmap_document_insert_annotation (document, 3, circle);
  sitmap_document_insert_annotation (document, 4, area);
  sitmap_document_insert_annotation (document, 5, highlight);
  return document;
}

/* Load → save → load gives the same annotations, exactly, in the same order; saving again the same bytes. */
static void
test_round_trip (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autoptr (SitmapDocument) back = NULL;
  g_autoptr (SitmapDocument) again = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autoptr (GBytes) rewritten = NULL;

  back = io_test_round_trip (document, &written);
  /* Annotations included, to the bit. */
  io_assert_documents_equal (document, back);
  g_assert_true (sitmap_document_is_native (back));
  again = io_test_round_trip (back, &rewritten);
  g_assert_true (g_bytes_equal (written, rewritten));

  /* Hidden stays hidden. */
  sitmap_document_set_annotations_visible (document, FALSE);
  g_clear_object (&back);
  back = io_test_round_trip (document, NULL);
  g_assert_false (sitmap_document_get_annotations_visible (back));
}

/* What is written: their own folder, ordinary geometry, the text as the name, plain text. */
static void
test_written_form (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = sitmap_kml_write_bytes (document, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "<Folder id=\"sitmap-annotations\">"));
  g_assert_nonnull (strstr (text, "<name>SDF-held &lt;b&gt;not markup&lt;/b&gt; &amp; “quoted”</name>"));
  g_assert_nonnull (
      strstr (text, "<sitmap:annotation kind=\"circle\" color=\"blue\" width=\"3.5\" radius=\"25000.5\">"));
  g_assert_nonnull (strstr (text, "<sitmap:event id=\"an-event-the-file-lacks\"/>"));
  /* The annotations come after the events, so that other viewers draw them on top. */
  g_assert_true (strstr (text, "sitmap-annotations") > strstr (text, "sitmap-events"));
}

static void
test_unnamed_get_ids (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (
      HEAD
      "<Folder id=\"sitmap-annotations\"><visibility>0</visibility>"
      "<Placemark id=\"annotation-1\"><ExtendedData><sitmap:annotation kind=\"arrow\">"
      "<sitmap:coordinates>38,34 39,35</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>"
      "<Placemark><ExtendedData><sitmap:annotation kind=\"area\">"
      "<sitmap:coordinates>38,34 39,35 39,34 38,34</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>"
      "</Folder>" TAIL,
      "unnamed.kml", &error);
  g_autoptr (SitmapAnnotation) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_annotations (document)), ==, 2);
  second = g_list_model_get_item (sitmap_document_get_annotations (document), 1);
  g_assert_cmpstr (sitmap_annotation_get_id (second), ==, "annotation-2");
  /* A closed ring comes back open: three corners. */
  g_assert_cmpuint (sitmap_annotation_get_n_points (second), ==, 3);
  g_assert_false (sitmap_document_get_annotations_visible (document));
  /* Its style defaults by kind. */
  g_assert_cmpint (sitmap_annotation_get_color (second), ==, SITMAP_ANNOTATION_COLOR_BLUE);
}

/* Each mistake is an error at its line and column, never a guess nor a crash. */
static void
test_hostile (void)
{
  static const struct
  {
    const char *body;
    int         code;
    const char *says;
  } cases[] = {
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"spiral\"/></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "kind=“spiral”" },
    { "<Placemark><ExtendedData><sitmap:annotation/></ExtendedData></Placemark>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
      "needs a kind" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"arrow\" color=\"pink\"><sitmap:coordinates>1,2 "
      "3,4</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "color=“pink”" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"arrow\" width=\"nan\"><sitmap:coordinates>1,2 "
      "3,4</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "width=“nan”" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"circle\" "
      "radius=\"1e999\"><sitmap:coordinates>1,2</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "radius=“1e999”" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"arrow\"><sitmap:coordinates>1,2 3,4 "
      "5,6</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "an arrow has two points" },
    { "<Placemark><ExtendedData><sitmap:annotation "
      "kind=\"label\"><sitmap:coordinates>1,2</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "a label needs a text" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"highlight\"/></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "names at least one event" },
    { "<Placemark><ExtendedData><sitmap:annotation "
      "kind=\"highlight\"><sitmap:event/></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "needs an id" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"arrow\"><sitmap:coordinates>1,200 "
      "3,4</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "200" },
    { "<Placemark><ExtendedData><sitmap:event/><sitmap:annotation "
      "kind=\"circle\"><sitmap:coordinates>1,2</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "both an annotation" },
    { "<Placemark id=\"x\"><ExtendedData><sitmap:annotation "
      "kind=\"circle\"><sitmap:coordinates>1,2</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>"
      "<Placemark id=\"x\"><ExtendedData><sitmap:annotation "
      "kind=\"circle\"><sitmap:coordinates>1,2</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "two annotations have the id “x”" },
    { "<Placemark><ExtendedData><sitmap:annotation kind=\"circle\"><sitmap:coordinates>1,2</sitmap:coordinates>"
      "<sitmap:coordinates>1,2</sitmap:coordinates></sitmap:annotation></ExtendedData></Placemark>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "more than one sitmap:coordinates" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *kml = g_strconcat (HEAD, cases[i].body, TAIL, NULL);
      g_autofree char *message = io_assert_read_fails (kml, -1, SITMAP_DOCUMENT_ERROR, cases[i].code, 3, 0);

      if (strstr (message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, message, cases[i].says);
    }
}

/* A highlight of a hundred thousand repeats of one event is one event; beyond 10,000 distinct, refused. */
static void
test_bounded (void)
{
  g_autoptr (GString) kml = g_string_new (HEAD "<Placemark><ExtendedData><sitmap:annotation kind=\"highlight\">");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 10001; i++)
    g_string_append_printf (kml, "<sitmap:event id=\"e%u\"/>", i);
  g_string_append (kml, "</sitmap:annotation></ExtendedData></Placemark>" TAIL);
  message = io_assert_read_fails (kml->str, kml->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 0, 0);
  g_assert_nonnull (strstr (message, "10000"));
}

/* GDAL (and so QGIS) sees the annotations as a layer of ordinary shapes. */
static void
test_gdal (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autofree char *dir = NULL, *path = NULL, *output = NULL, *errors = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_nonnull (ogrinfo);
  dir = g_dir_make_tmp ("sitmap-gdal-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "annotated.kml", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (sitmap_kml_write_file (document, file, NULL, &error));
  g_assert_no_error (error);
  {
    const char *args[] = { ogrinfo, "-ro", path, "Annotations", NULL };

    g_assert_true (
        g_spawn_sync (NULL, (char **)args, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ogrinfo failed on %s:\n%s\n%s", path, output, errors);
  g_test_message ("%s", output);
  for (const char *const *expected
       = (const char *const[]){ "Layer name: Annotations", "Feature Count: 6", "Name (String) = Ambush",
                                "Name (String) = 25 km", "POINT (39.0123456789012 35.9501234567891)",
                                "GEOMETRYCOLLECTION (POINT (38.9 34.9),LINESTRING (38.9 34.9,38.8711 34.8853))",
                                "LINESTRING (40 35,40.9 34.4)",
                                /* GDAL may write 39 as "39.0": the ring's ends */
                                "POLYGON ((38 34,", "39.5 33.5,38.4 33.2,38 34))", NULL };
       *expected != NULL; expected++)
    if (strstr (output, *expected) == NULL)
      g_error ("ogrinfo does not list “%s”:\n%s", *expected, output);
  /* The circle is a polygon of its 72 points, closed. */
  g_assert_nonnull (strstr (output, "Name (String) = 25 km"));
  g_assert_nonnull (strstr (strstr (output, "Name (String) = 25 km"), "POLYGON (("));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ogrinfo = argc > 1 ? argv[1] : NULL;
  g_test_add_func ("/kml-annotations/round-trip", test_round_trip);
  g_test_add_func ("/kml-annotations/written-form", test_written_form);
  g_test_add_func ("/kml-annotations/unnamed-get-ids", test_unnamed_get_ids);
  g_test_add_func ("/kml-annotations/hostile", test_hostile);
  g_test_add_func ("/kml-annotations/bounded", test_bounded);
  g_test_add_func ("/kml-annotations/gdal", test_gdal);
  return g_test_run ();
}
