/* test-kml-review.c: the findings of the io review (H1–H3, M1–M4, L1–L7), each as the user would meet it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "io-test-util.h"
#include "sitmap-kml-private.h"
#include "sitmap-kml-reader-private.h"

#define KML_OPEN "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:sitmap=\"https://sitmap.github.io/kml/1.0\">"

/* What a message quoting document text may be at most, in bytes: a sentence, a file name, 40 quoted
 * characters of up to 4 bytes each, twice. */
#define MAX_MESSAGE_BYTES 600

static char *
read_error_message (const char *kml, gsize length)
{
  g_autoptr (GBytes) bytes = g_bytes_new (kml, length);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = sitmap_kml_read_bytes (bytes, "review.kml", NULL, &error);

  g_assert_null (document);
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  return g_strdup (error->message);
}

/* H1: an encoding named after a long XML declaration is not missed: the file is refused. */
static void
test_long_declaration (void)
{
  g_autoptr (GString) kml = g_string_new ("<?xml version=\"1.0\"");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 1100; i++)
    g_string_append_c (kml, ' ');
  g_string_append (kml, "encoding=\"UTF-7\"?>\n<?pi +AD8APg-\n<!DOCTYPE kml [<!ENTITY zz \"?><kml x\">]>\n"
                        "<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>");
  message = io_assert_read_fails (kml->str, kml->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 0);
  g_assert_nonnull (strstr (message, "longer than"));
}

/* H1: attributes hidden from the attribute count by UTF-7 never reach libxml2. */
static void
test_utf7_hidden_attributes (void)
{
  g_autoptr (GString) kml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n" KML_OPEN "<Document");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (kml, " a%u+AD0-\"\"", i);
  g_string_append (kml, "/></kml>");
  message = io_assert_read_fails (kml->str, kml->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 0);
  g_assert_nonnull (strstr (message, "UTF-7"));
}

/* H1: what the precheck converts is what libxml2 reads: a Latin-1 file reads with its accents. */
static void
test_declared_encoding_converted (void)
{
  static const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" KML_OPEN
                               "<Document><name>Caf\xe9 \xe0 Homs</name></Document></kml>";
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (latin1, "latin1.kml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "Café à Homs");
}

/* L3: a byte that is not in the declared encoding is reported with its line, in the error, not on stderr. */
static void
test_encoding_error_position (void)
{
  static const char sjis[] = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n" KML_OPEN
                             "\n<Document><name>\x81\x20 bad</name></Document></kml>";
  g_autofree char *message = io_assert_read_fails (sjis, sizeof sjis - 1, SITMAP_DOCUMENT_ERROR,
                                                   SITMAP_DOCUMENT_ERROR_MALFORMED, 3, 0);

  g_assert_nonnull (strstr (message, "Shift_JIS"));
}

/* H2: however long the text a message quotes, the message stays short and valid UTF-8. */
static void
test_messages_quote_briefly (void)
{
  g_autofree char *x = g_strnfill (200000, 'x');
  g_autofree char *date = g_strdup_printf (KML_OPEN "<Placemark><ExtendedData><sitmap:event/></ExtendedData>"
                                           "<TimeStamp><when>%s</when></TimeStamp></Placemark></kml>",
                                           x);
  g_autofree char *plain_date = g_strdup_printf (KML_OPEN "<Placemark><TimeStamp><when>%s</when></TimeStamp>"
                                                 "</Placemark></kml>",
                                                 x);
  g_autofree char *sources = g_strdup_printf (KML_OPEN "<Document><ExtendedData><sitmap:source id=\"%s\"/>"
                                              "<sitmap:source id=\"%s\"/></ExtendedData></Document></kml>",
                                              x, x);
  g_autofree char *zeros = g_strnfill (100000, '0');
  g_autofree char *zoom = g_strdup_printf (KML_OPEN "<Document><ExtendedData><sitmap:view latitude=\"1\" "
                                           "longitude=\"1\" zoom=\"%s21\"/></ExtendedData></Document></kml>",
                                           zeros);
  /* 39 ASCII characters then a two-byte one: a cut at 40 bytes would split it */
  g_autofree char *category = g_strdup_printf (KML_OPEN "<Placemark><ExtendedData><sitmap:event category=\"%s"
                                               "\xc3\xa9\xc3\xa9\"/></ExtendedData></Placemark></kml>",
                                               "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  const char *documents[] = { date, sources, zoom, category };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *message = read_error_message (documents[i], strlen (documents[i]));

      if (strlen (message) > MAX_MESSAGE_BYTES)
        g_error ("document %u: a message of %zu bytes", i, strlen (message));
    }
  /* What a lenient read leaves out is said as briefly */
  {
    g_autoptr (SitmapImportReport) report = NULL;
    g_autoptr (SitmapDocument) document = io_test_import_string (plain_date, -1, &report);
    guint line, column;
    const char *reason;

    g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 1);
    reason = sitmap_import_report_get_skipped (report, 0, &line, &column);
    g_assert_cmpuint (strlen (reason), <=, MAX_MESSAGE_BYTES);
  }
}

/* M1: a moment that a time zone carries beyond the years Sitmap writes is refused on reading, so that
 * no file Sitmap saves is one it cannot open: in Sitmap's own events the file is refused, in another
 * program's Placemarks the event is left out and said. */
static void
test_dates_stay_writable (void)
{
  static const char *const refused[] = {
    "999999-12-31T23:00:00-14:00",
    "-999999-01-01T00:00:00+01:00",
    "999999-12-31T24:00:00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *kml = g_strdup_printf (KML_OPEN "<Placemark><TimeStamp><when>%s</when></TimeStamp>"
                                              "<ExtendedData><sitmap:event/></ExtendedData>"
                                              "<Point><coordinates>1,1</coordinates></Point></Placemark></kml>",
                                              refused[i]);
      g_autofree char *plain = g_strdup_printf (KML_OPEN "<Placemark><TimeStamp><when>%s</when></TimeStamp>"
                                                "<Point><coordinates>1,1</coordinates></Point></Placemark></kml>",
                                                refused[i]);
      g_autofree char *message = io_assert_read_fails (kml, -1, SITMAP_DOCUMENT_ERROR,
                                                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 1, 0);
      g_autoptr (SitmapImportReport) report = NULL;
      g_autoptr (SitmapDocument) document = io_test_import_string (plain, -1, &report);

      g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 0);
      io_assert_skipped (report, 1, 0, "years −999999…999999");
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (SitmapDocument) document = io_test_read_string (
      KML_OPEN "<Placemark><TimeStamp><when>999999-12-31T09:00:00-14:00</when></TimeStamp>"
               "<Point><coordinates>1,1</coordinates></Point></Placemark></kml>",
      "edge.kml", &error);
    g_autoptr (SitmapDocument) reread = NULL;

    g_assert_no_error (error);
    reread = io_test_round_trip (document, NULL);
    io_assert_documents_equal (document, reread);
  }
}

/* M2: a device or a pipe is refused before a byte is read: /dev/zero would fill the memory, a pipe block. */
static void
test_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-review-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.kml", NULL);
  const char *paths[] = { "/dev/zero", fifo };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (SitmapDocument) document = sitmap_kml_read_file (file, NULL, &error);

      g_assert_null (document);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    }
  g_unlink (fifo);
  g_rmdir (dir);
}

/* M3: sources only cited count against the limit on sources, as described ones do. */
static void
test_cited_sources_limited (void)
{
  g_autoptr (GString) kml = g_string_new (KML_OPEN "<Document>");
  guint n = 0;
  g_autofree char *message = NULL;

  while (n <= SITMAP_KML_MAX_SOURCES)
    {
      g_string_append (kml, "<Placemark><Point><coordinates>1,1</coordinates></Point><ExtendedData>"
                          "<sitmap:event>");
      for (guint i = 0; i < SITMAP_KML_MAX_PER_EVENT && n <= SITMAP_KML_MAX_SOURCES; i++, n++)
        g_string_append_printf (kml, "<sitmap:citation source=\"s%u\"/>", n);
      g_string_append (kml, "</sitmap:event></ExtendedData></Placemark>");
    }
  g_string_append (kml, "</Document></kml>");
  message = io_assert_read_fails (kml->str, kml->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1, 0);
  g_assert_nonnull (strstr (message, "sources"));
}

static SitmapDocument *
read_with_max_points (const char *kml, guint64 max_points, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (kml, strlen (kml));

  return sitmap_kml_read_bytes_with_max_points (bytes, "points.kml", max_points, NULL, error);
}

/* M3: the coordinates of the whole document are limited, however they are spread. */
static void
test_points_limited (void)
{
  static const char one_line[] = KML_OPEN "<Document><Placemark><LineString>"
                                          "<coordinates>1,1 2,2 3,3</coordinates><coordinates>4,4 5,5 6,6</coordinates>"
                                          "</LineString></Placemark></Document></kml>";
  static const char spread[] = KML_OPEN "<Document>"
                                        "<Placemark><LineString><coordinates>1,1 2,2 3,3</coordinates></LineString></Placemark>"
                                        "<Placemark><LineString><coordinates>1,1 2,2 3,3</coordinates></LineString></Placemark>"
                                        "</Document></kml>";
  const char *documents[] = { one_line, spread };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SitmapDocument) fits = read_with_max_points (documents[i], 6, &error);
      g_autoptr (SitmapDocument) too_many = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (fits);
      too_many = read_with_max_points (documents[i], 5, &error);
      g_assert_null (too_many);
      g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE);
    }
}

static char *
write_string (SitmapDocument *document)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = sitmap_kml_write_bytes (document, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static guint
count_occurrences (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

#define PROVINCE \
  "<Placemark id=\"prov\"><name>Province</name><ExtendedData><sitmap:place kind=\"province\"/></ExtendedData>" \
  "<MultiGeometry><Point><coordinates>40,35</coordinates></Point><Polygon><outerBoundaryIs><LinearRing>" \
  "<coordinates>39,34 41,34 41,36 39,36 39,34</coordinates></LinearRing></outerBoundaryIs></Polygon>" \
  "</MultiGeometry></Placemark>"

/* H3: events located by a place are saved with its point and a mark, never with a copy of its shape; read
 * back, they have the place's shape again. */
static void
test_place_shape_not_copied (void)
{
  g_autoptr (GString) kml = g_string_new (KML_OPEN "<Document>" PROVINCE);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) reread = NULL;
  g_autofree char *written = NULL;
  SitmapEventStore *store;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (kml, "<Placemark id=\"e%u\"><ExtendedData><sitmap:event><sitmap:location place=\"prov\"/>"
                                 "</sitmap:event></ExtendedData></Placemark>", i);
  g_string_append (kml, "</Document></kml>");
  document = io_test_read_string (kml->str, "province.kml", &error);
  g_assert_no_error (error);
  written = write_string (document);
  g_assert_cmpuint (count_occurrences (written, "<Polygon>"), ==, 1);
  g_assert_cmpuint (count_occurrences (written, "from-place=\"true\""), ==, 50);
  /* Other viewers still show each event, at its place */
  g_assert_cmpuint (count_occurrences (written, "<coordinates>40,35</coordinates>"), >=, 50);

  reread = io_test_read_string (written, "province.kml", &error);
  g_assert_no_error (error);
  io_assert_documents_equal (document, reread);
  store = sitmap_document_get_store (reread);
  for (guint i = 0; i < sitmap_document_get_n_events (reread); i++)
    {
      SitmapGeometry *shape = sitmap_event_store_get_geometry (store, i);

      g_assert_true (sitmap_event_store_is_located_by_place (store, i));
      g_assert_nonnull (shape);
      g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_POLYGON);
    }
}

/* H3/M4: with from-place, the event is where its place is now, whatever point other viewers were given. */
static void
test_from_place_follows_place (void)
{
  static const char kml[] = KML_OPEN "<Document>" PROVINCE
                            "<Placemark id=\"e\"><ExtendedData><sitmap:event><sitmap:location place=\"prov\" "
                            "from-place=\"true\"/></sitmap:event></ExtendedData>"
                            "<Point><coordinates>10,10</coordinates></Point></Placemark></Document></kml>";
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (kml, "moved.kml", &error);
  SitmapEventStore *store;
  double latitude, longitude;

  g_assert_no_error (error);
  store = sitmap_document_get_store (document);
  g_assert_true (sitmap_event_store_get_location (store, io_find_event (document, "e"), &latitude, &longitude));
  g_assert_cmpfloat (latitude, ==, 35);
  g_assert_cmpfloat (longitude, ==, 40);

  /* from-place needs a place */
  {
    static const char lone[] = KML_OPEN "<Placemark><ExtendedData><sitmap:event><sitmap:location from-place=\"true\"/>"
                               "</sitmap:event></ExtendedData></Placemark></kml>";
    g_autofree char *message = io_assert_read_fails (lone, -1, SITMAP_DOCUMENT_ERROR,
                                                     SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 1, 0);
  }
}

/* M4: a precision the file did not state is not written: a plain point does not become "exact", an event at
 * a province does not become "region". One that was stated is kept. */
static void
test_precision_written_only_when_stated (void)
{
  static const char kml[] = KML_OPEN "<Document>" PROVINCE
                            "<Placemark id=\"plain\"><Point><coordinates>38,34</coordinates></Point></Placemark>"
                            "<Placemark id=\"at-place\"><ExtendedData><sitmap:event><sitmap:location place=\"prov\"/>"
                            "</sitmap:event></ExtendedData></Placemark>"
                            "<Placemark id=\"stated\"><ExtendedData><sitmap:event><sitmap:location place=\"prov\" "
                            "precision=\"town\"/></sitmap:event></ExtendedData></Placemark></Document></kml>";
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (kml, "precision.kml", &error);
  g_autoptr (SitmapDocument) reread = NULL;
  g_autofree char *written = NULL;
  const SitmapEventColumns *columns;

  g_assert_no_error (error);
  columns = sitmap_event_store_get_columns (sitmap_document_get_store (document));
  /* Derived for display as before */
  g_assert_cmpint (columns->location_precision[io_find_event (document, "plain")], ==, SITMAP_LOCATION_PRECISION_EXACT);
  g_assert_cmpint (columns->location_precision[io_find_event (document, "at-place")], ==,
                   SITMAP_LOCATION_PRECISION_REGION);
  written = write_string (document);
  g_assert_cmpuint (count_occurrences (written, "precision="), ==, 1);
  g_assert_cmpuint (count_occurrences (written, "precision=\"town\""), ==, 1);
  reread = io_test_read_string (written, "precision.kml", &error);
  g_assert_no_error (error);
  io_assert_documents_equal (document, reread);
}

/* M4: a citation that names no source is never attributed to a source a file declares, and saves as it
 * was read: without a source. */
static void
test_unsourced_citation (void)
{
  static const char kml[] = KML_OPEN "<Document><ExtendedData>"
                            "<sitmap:source id=\"sitmap-unnamed-source\" kind=\"official\" party=\"true\">"
                            "<sitmap:name>Ministry</sitmap:name></sitmap:source></ExtendedData>"
                            "<Placemark id=\"e\"><ExtendedData><sitmap:event><sitmap:citation credibility=\"2\"/>"
                            "</sitmap:event></ExtendedData><Point><coordinates>1,1</coordinates></Point></Placemark>"
                            "</Document></kml>";
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (kml, "unsourced.kml", &error);
  g_autoptr (SitmapDocument) reread = NULL;
  g_autofree char *written = NULL;
  const SitmapCitationRecord *citations;
  SitmapSource *source;
  guint n;

  g_assert_no_error (error);
  citations = sitmap_event_store_get_citations (sitmap_document_get_store (document),
                                                io_find_event (document, "e"), &n);
  g_assert_cmpuint (n, ==, 1);
  source = sitmap_document_get_source (document, citations[0].source);
  g_assert_cmpstr (sitmap_source_get_name (source), !=, "Ministry");
  g_assert_false (sitmap_source_get_party (source));
  /* Not only a party says so: the event is not weakened as party-only by a source nobody named */
  g_assert_false (sitmap_event_store_get_columns (sitmap_document_get_store (document))->flags[0] &
                  SITMAP_EVENT_FLAG_PARTY_ONLY);

  written = write_string (document);
  g_assert_cmpuint (count_occurrences (written, "<sitmap:source "), ==, 1);
  g_assert_cmpuint (count_occurrences (written, "source=\""), ==, 0);
  g_assert_cmpuint (count_occurrences (written, "<sitmap:citation"), ==, 1);
  reread = io_test_read_string (written, "unsourced.kml", &error);
  g_assert_no_error (error);
  io_assert_documents_equal (document, reread);

  /* The placeholder's id is one no file can declare */
  {
    static const char empty_id[] = KML_OPEN "<Document><ExtendedData><sitmap:source id=\"\" kind=\"official\"/>"
                                   "</ExtendedData></Document></kml>";
    g_autofree char *message = io_assert_read_fails (empty_id, -1, SITMAP_DOCUMENT_ERROR,
                                                     SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 1, 0);
  }
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* H3: a save that would grow past what the reader opens is refused while it streams, and the file saved
 * before stays as it was, with nothing left beside it. */
static void
test_oversized_save_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-review-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.kml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "the previous version", -1, NULL));
  g_assert_false (sitmap_kml_write_file_with_max_size (document, file, 2000, NULL, &error));
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the previous version");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_clear_error (&error);

  /* Within the limit, the same document is saved whole */
  g_assert_true (sitmap_kml_write_file_with_max_size (document, file, 1024 * 1024, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* L2: a file whose name is as long as the file system allows can be saved: the temporary name beside it
 * is short. */
static void
test_long_file_name_saved (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-review-XXXXXX", NULL);
  g_autofree char *stem = g_strnfill (251, 'n');
  g_autofree char *name = g_strconcat (stem, ".kml", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autoptr (GError) error = NULL;

  g_assert_true (sitmap_kml_write_file (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* L2: a read-only file is not silently replaced. */
static void
test_read_only_file_kept (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write any file");
      return;
    }
  dir = g_dir_make_tmp ("sitmap-review-XXXXXX", NULL);
  path = g_build_filename (dir, "locked.kml", NULL);
  file = g_file_new_for_path (path);
  document = io_test_read_data ("full-format.kml");
  g_assert_true (g_file_set_contents (path, "the previous version", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_false (sitmap_kml_write_file (document, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the previous version");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/kml-review/long-declaration", test_long_declaration);
  g_test_add_func ("/io/kml-review/utf7-hidden-attributes", test_utf7_hidden_attributes);
  g_test_add_func ("/io/kml-review/declared-encoding-converted", test_declared_encoding_converted);
  g_test_add_func ("/io/kml-review/encoding-error-position", test_encoding_error_position);
  g_test_add_func ("/io/kml-review/messages-quote-briefly", test_messages_quote_briefly);
  g_test_add_func ("/io/kml-review/dates-stay-writable", test_dates_stay_writable);
  g_test_add_func ("/io/kml-review/special-files", test_special_files);
  g_test_add_func ("/io/kml-review/cited-sources-limited", test_cited_sources_limited);
  g_test_add_func ("/io/kml-review/points-limited", test_points_limited);

  g_test_add_func ("/io/kml-review/place-shape-not-copied", test_place_shape_not_copied);
  g_test_add_func ("/io/kml-review/from-place-follows-place", test_from_place_follows_place);
  g_test_add_func ("/io/kml-review/precision-written-only-when-stated", test_precision_written_only_when_stated);

  g_test_add_func ("/io/kml-review/oversized-save-refused", test_oversized_save_refused);
  g_test_add_func ("/io/kml-review/long-file-name-saved", test_long_file_name_saved);
  g_test_add_func ("/io/kml-review/read-only-file-kept", test_read_only_file_kept);

  g_test_add_func ("/io/kml-review/unsourced-citation", test_unsourced_citation);

  return g_test_run ();
}
