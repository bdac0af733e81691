/* test-kml-hostile.c: broken and hostile files fail cleanly, name file, line and column, touch no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "io-test-util.h"
#include "sitmap-xml-input.h"

#define KML_OPEN "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:sitmap=\"https://sitmap.github.io/kml/1.0\">"

static void
assert_fails (const char *kml, int code, int line, int column)
{
  g_autofree char *message = io_assert_read_fails (kml, -1, SITMAP_DOCUMENT_ERROR, code, line, column);
}

/* Asserts that the message also says something specific. */
static void
assert_fails_saying (const char *kml, int code, int line, const char *words)
{
  g_autofree char *message = io_assert_read_fails (kml, -1, SITMAP_DOCUMENT_ERROR, code, line, 0);

  if (strstr (message, words) == NULL)
    g_error ("“%s” does not say “%s”", message, words);
}

/* A document whose only event has this inside its Placemark, which starts on line 3. */
static char *
placemark (const char *inside)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n" KML_OPEN "\n<Placemark>\n%s\n</Placemark>\n</kml>\n", inside);
}

static void
assert_placemark_fails (const char *inside, int code, int line, const char *words)
{
  g_autofree char *kml = placemark (inside);

  assert_fails_saying (kml, code, line, words);
}

/* A plain Placemark (without Sitmap's data) that cannot be read is left out, and the report says why and
 * where; the rest of the file is read. */
static void
assert_placemark_skipped (const char *inside, guint line, const char *words)
{
  g_autofree char *kml = g_strdup_printf ("<?xml version=\"1.0\"?>\n" KML_OPEN "\n<Placemark>\n%s\n</Placemark>\n"
                                          "<Placemark><name>fine</name></Placemark>\n</kml>\n",
                                          inside);
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = io_test_import_string (kml, -1, &report);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (document), 0), ==, "fine");
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 1);
  io_assert_skipped (report, line, 0, words);
  io_assert_skipped (report, line, 0, "Placemark without a name was left out");
  /* What was left out is not saved over: the file is not taken for one of Sitmap's own */
  g_assert_false (sitmap_document_is_native (document));
}

static char *
to_utf16 (const char *text, gsize *length)
{
  gsize written;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &written, NULL);
  char *with_bom = g_malloc (written + 2);

  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, utf16, written);
  *length = written + 2;
  return with_bom;
}

/*
 * Not a KML document at all
 */

static void
test_empty (void)
{
  assert_fails ("", SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 1);
  assert_fails ("  \n\n ", SITMAP_DOCUMENT_ERROR_MALFORMED, 3, 2);
  assert_fails ("<?xml version=\"1.0\"?>\n", SITMAP_DOCUMENT_ERROR_MALFORMED, 2, 1);
}

/* Every prefix of a good file is refused as malformed, wherever it is cut: mid-tag, mid-character, mid-prolog. */
static void
test_truncated (void)
{
  g_autofree char *path = io_test_data_path ("full-format.kml");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize cut = 1; cut < length - 8; cut += 97)
    {
      g_autofree char *message = io_assert_read_fails (contents, cut, SITMAP_DOCUMENT_ERROR,
                                                       SITMAP_DOCUMENT_ERROR_MALFORMED, 0, 0);
    }
}

static void
test_truncated_line (void)
{
  /* Cut inside the fourth line: the error is found at the end, on that line. */
  assert_fails_saying (KML_OPEN "\n<Document>\n<name>Cut</name>\n<Placemark><na", SITMAP_DOCUMENT_ERROR_MALFORMED, 4,
                       "cut short");
}

static void
test_binary_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20241210);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  for (guint round = 0; round < 50; round++)
    {
      guint8 garbage[2048];
      g_autofree char *message = NULL;

      for (guint i = 0; i < sizeof garbage; i++)
        garbage[i] = g_rand_int_range (rand, 0, 256);
      /* Half of them look like KML for a while */
      if (round % 2)
        memcpy (garbage, KML_OPEN "<Placemark><name>", strlen (KML_OPEN "<Placemark><name>"));
      message = io_assert_read_fails ((const char *) garbage, sizeof garbage, SITMAP_DOCUMENT_ERROR,
                                      SITMAP_DOCUMENT_ERROR_MALFORMED, 0, 0);
    }
  assert_fails (png, SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 1);
  {
    g_autofree char *message = io_assert_read_fails (png, sizeof png - 1, SITMAP_DOCUMENT_ERROR,
                                                     SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 1);
  }
}

static void
test_wrong_root (void)
{
  assert_fails_saying ("<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>x</title></head></html>",
                       SITMAP_DOCUMENT_ERROR_NOT_KML, 1, "web page");
  assert_fails_saying ("<!doctype html>\n<html lang=en>", SITMAP_DOCUMENT_ERROR_NOT_KML, 1, "web page");
  assert_fails_saying ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
                       SITMAP_DOCUMENT_ERROR_NOT_KML, 2, "web page");
  assert_fails_saying ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- exported -->\n"
                       "<gpx version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\"><wpt lat=\"1\" lon=\"2\"/></gpx>",
                       SITMAP_DOCUMENT_ERROR_NOT_KML, 3, "GPX");
  assert_fails_saying ("<rss version=\"2.0\"><channel/></rss>", SITMAP_DOCUMENT_ERROR_NOT_KML, 1, "news feed");
  assert_fails_saying ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", SITMAP_DOCUMENT_ERROR_NOT_KML, 1, "SVG");
  assert_fails_saying ("<Style><name>no kml</name></Style>", SITMAP_DOCUMENT_ERROR_NOT_KML, 1, "<Style>");
  assert_fails_saying ("\n  <bad\x01name/>", SITMAP_DOCUMENT_ERROR_NOT_KML, 2, "<bad?name>");
  assert_fails_saying ("<kml xmlns=\"http://example.org/not-kml\"/>", SITMAP_DOCUMENT_ERROR_NOT_KML, 1,
                       "http://example.org/not-kml");
  assert_fails_saying ("PK\003\004\024\0\0\0\010\0doc.kml", SITMAP_DOCUMENT_ERROR_NOT_KML, 1, "KMZ");
}

/*
 * Attacks through the document type declaration
 */

static const char billion_laughs[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE kml [\n"
  " <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n" KML_OPEN "<Document><name>&lol9;</name></Document></kml>\n";

static void
test_billion_laughs (void)
{
  assert_fails_saying (billion_laughs, SITMAP_DOCUMENT_ERROR_UNSAFE, 2, "DOCTYPE");
}

/* The same bomb built from parameter entities, which a parser expands inside the DTD itself. */
static void
test_parameter_entity_bomb (void)
{
  assert_fails ("<!DOCTYPE kml [\n"
                " <!ENTITY % a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
                " <!ENTITY % b \"%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;\">\n"
                " <!ENTITY % c \"%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;\">\n"
                " <!ENTITY % d \"%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;\">\n"
                " <!ENTITY % e \"<!ENTITY big '%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;'>\">\n"
                " %e;\n"
                "]>\n<kml><Document><name>&big;&big;&big;</name></Document></kml>",
                SITMAP_DOCUMENT_ERROR_UNSAFE, 1, 1);
}

static void
test_external_entity_file (void)
{
  g_autofree char *kml = g_strdup_printf ("<?xml version=\"1.0\"?>\n<!-- a comment first -->\n<?pi first?>\n"
                                          "<!DOCTYPE kml [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
                                          "%s<Document><name>&xxe;</name></Document></kml>",
                                          KML_OPEN);

  assert_fails (kml, SITMAP_DOCUMENT_ERROR_UNSAFE, 4, 1);
}

/* A listening socket on the loopback: if anything connected to it, the connection waits in its queue. */
static GSocket *
listen_on_loopback (guint16 *port)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

static void
assert_nobody_connected (GSocket *socket)
{
  g_assert_cmpint (g_socket_condition_check (socket, G_IO_IN), ==, 0);
}

static void
test_external_entity_network (void)
{
  guint16 port;
  g_autoptr (GSocket) socket = listen_on_loopback (&port);
  g_autofree char *entity = g_strdup_printf ("<!DOCTYPE kml [ <!ENTITY net SYSTEM \"http://127.0.0.1:%u/x\"> ]>\n"
                                             "<kml><Document><name>&net;</name></Document></kml>",
                                             port);
  g_autofree char *dtd = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                          "<!DOCTYPE kml SYSTEM \"http://127.0.0.1:%u/kml.dtd\">\n<kml/>", port);

  assert_fails (entity, SITMAP_DOCUMENT_ERROR_UNSAFE, 1, 1);
  assert_fails (dtd, SITMAP_DOCUMENT_ERROR_UNSAFE, 2, 1);
  assert_nobody_connected (socket);
}

/* A document Sitmap opens may name other files and addresses: none is ever fetched. */
static void
test_links_never_fetched (void)
{
  guint16 port;
  g_autoptr (GSocket) socket = listen_on_loopback (&port);
  g_autofree char *kml = g_strdup_printf (
    KML_OPEN "<Document xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
    "<NetworkLink><Link><href>http://127.0.0.1:%u/more.kml</href></Link></NetworkLink>"
    "<Style id=\"s\"><IconStyle><Icon><href>http://127.0.0.1:%u/icon.png</href></Icon></IconStyle></Style>"
    "<Placemark><name>A<xi:include href=\"http://127.0.0.1:%u/name\" parse=\"text\"/></name>"
    "<styleUrl>http://127.0.0.1:%u/styles.kml#s</styleUrl></Placemark>"
    "<GroundOverlay><Icon><href>http://127.0.0.1:%u/image.png</href></Icon>"
    "<LatLonBox><north>1</north><south>0</south><east>1</east><west>0</west></LatLonBox></GroundOverlay>"
    "</Document></kml>",
    port, port, port, port, port);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (kml, "links.kml", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (document), 0), ==, "A");
  assert_nobody_connected (socket);
}

static void
test_doctype_in_utf16 (void)
{
  gsize length;
  g_autofree char *utf16 = to_utf16 ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                     "<!DOCTYPE kml [<!ENTITY a \"b\">]>\n<kml/>", &length);
  g_autofree char *message = io_assert_read_fails (utf16, length, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNSAFE,
                                                   2, 1);
}

/* "<!DOCTYPE" in a comment is only a comment. */
static void
test_doctype_in_comment_is_harmless (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (
    "<?xml version=\"1.0\"?><!-- <!DOCTYPE kml [ ]> --><?xml-stylesheet href=\"x\"?>\n" KML_OPEN
    "<Document><name>Fine</name></Document></kml>",
    "comment.kml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "Fine");
}

static void
test_undefined_entity (void)
{
  assert_fails_saying (KML_OPEN "\n<Document>\n<name>Tom &amp; &jerry;</name>\n</Document></kml>",
                       SITMAP_DOCUMENT_ERROR_MALFORMED, 3, "jerry");
}

/*
 * Encodings
 */

static void
test_latin1_declared_utf8 (void)
{
  assert_fails_saying ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" KML_OPEN "\n<Document>\n<name>Caf\xe9 Homs</name>",
                       SITMAP_DOCUMENT_ERROR_MALFORMED, 4, "UTF-8");
}

static void
test_refused_encodings (void)
{
  /* UTF-7 could hide "<!DOCTYPE" as "+ADw-!DOCTYPE" from any check that reads bytes */
  assert_fails_saying ("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n+ADw-!DOCTYPE kml+AD4-\n<kml/>",
                       SITMAP_DOCUMENT_ERROR_MALFORMED, 1, "UTF-7");
  assert_fails_saying ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<kml/>", SITMAP_DOCUMENT_ERROR_MALFORMED, 1,
                       "encoding");
  assert_fails_saying ("<?xml version=\"1.0\" encoding=\"x-unheard-of\"?>\n<kml/>", SITMAP_DOCUMENT_ERROR_MALFORMED,
                       1, "x-unheard-of");
  {
    static const char ucs4[] = "\0\0\0<\0\0\0k\0\0\0m\0\0\0l\0\0\0/\0\0\0>";
    g_autofree char *message = io_assert_read_fails (ucs4, sizeof ucs4 - 1, SITMAP_DOCUMENT_ERROR,
                                                     SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 1);
  }
  {
    static const char ebcdic[] = "\x4c\x6f\xa7\x94\x93\x40";
    g_autofree char *message = io_assert_read_fails (ebcdic, sizeof ebcdic - 1, SITMAP_DOCUMENT_ERROR,
                                                     SITMAP_DOCUMENT_ERROR_MALFORMED, 1, 1);
  }
}

static void
test_forbidden_characters (void)
{
  static const char nul[] = KML_OPEN "\n<Document><name>a\0b</name></Document></kml>";
  g_autofree char *message = io_assert_read_fails (nul, sizeof nul - 1, SITMAP_DOCUMENT_ERROR,
                                                   SITMAP_DOCUMENT_ERROR_MALFORMED, 2, 0);

  assert_fails (KML_OPEN "\n<Document><name>bell \x07</name></Document></kml>", SITMAP_DOCUMENT_ERROR_MALFORMED, 2, 0);
  assert_fails (KML_OPEN "\n\n<Document><name>&#0;</name></Document></kml>", SITMAP_DOCUMENT_ERROR_MALFORMED, 3, 0);
  assert_fails (KML_OPEN "\n<Document><name>&#xFFFE;</name></Document></kml>", SITMAP_DOCUMENT_ERROR_MALFORMED, 2, 0);
}

/*
 * Structure
 */

static void
test_not_well_formed (void)
{
  assert_fails_saying (KML_OPEN "\n<Document>\n<name>x</Document>\n</kml>", SITMAP_DOCUMENT_ERROR_MALFORMED, 3,
                       "<name> begun on line 3 is closed by </Document>");
  assert_fails_saying (KML_OPEN "</kml>\n<kml/>", SITMAP_DOCUMENT_ERROR_MALFORMED, 2, "after the end");
  assert_fails (KML_OPEN "</kml>\ntrailing text", SITMAP_DOCUMENT_ERROR_MALFORMED, 2, 0);
  assert_fails_saying (KML_OPEN "\n<Document><name><![CDATA[never closed</name></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_MALFORMED, 2, "CDATA section (<![CDATA[) begins here and is never closed");
  assert_fails (KML_OPEN "\n<Document a=\"1\" a=\"2\"/></kml>", SITMAP_DOCUMENT_ERROR_MALFORMED, 2, 0);
}

/* Placemarks enough for a text read by the parsing thread (SITMAP_XML_THREAD_MIN_BYTES), one a line. */
static void
append_placemarks (GString *kml, guint n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (kml, "<Placemark><name>Event %u</name><Point><coordinates>36.7,34.7</coordinates>"
                                 "</Point></Placemark>\n",
                            i);
}

/* In a large file the reader walks the markup ahead of libxml2 while it waits for nodes: a fault found far
 * ahead must not be said before an earlier one, nor keep the text before it from being read and checked. */
static void
test_faults_in_large_file (void)
{
  const guint n = 30000; /* about 3 MB */
  g_autoptr (GString) doctype_late = g_string_new (KML_OPEN "\n<Document>\n");
  g_autoptr (GString) both = g_string_new (KML_OPEN "\n<Document>\n");
  g_autofree char *message = NULL;

  append_placemarks (doctype_late, n);
  g_string_append (doctype_late, "<!DOCTYPE kml>\n</Document></kml>\n");
  message = io_assert_read_fails (doctype_late->str, doctype_late->len, SITMAP_DOCUMENT_ERROR,
                                  SITMAP_DOCUMENT_ERROR_MALFORMED, n + 3, 1);
  g_assert_nonnull (strstr (message, "document type declaration"));
  g_clear_pointer (&message, g_free);

  /* A mismatched tag a third of the way in, and the same declaration at the end: the tag is said */
  append_placemarks (both, n / 3);
  g_string_append (both, "<name>x</Document>\n");
  append_placemarks (both, n);
  g_string_append (both, "<!DOCTYPE kml>\n</Document></kml>\n");
  message = io_assert_read_fails (both->str, both->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED,
                                  n / 3 + 3, 0);
  g_assert_nonnull (strstr (message, "<name> begun on line"));
}

/* XML namespace errors, which libxml2 recovers from, leave out what they touch and say so: the rest is read. */
static void
test_namespace_errors (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) empty = NULL;
  g_autoptr (SitmapDocument) undeclared = io_test_import_string (
    "<kml>\n<Placemark><name>kept</name>\n  <undeclared:Point><coordinates>1,2</coordinates></undeclared:Point>"
    "</Placemark></kml>",
    -1, &report);

  /* The Point in an unknown namespace is not KML's: the event is kept, without it */
  g_assert_cmpuint (sitmap_document_get_n_events (undeclared), ==, 1);
  g_assert_false (sitmap_document_get_columns (undeclared)->flags[0] & SITMAP_EVENT_FLAG_PLACED);
  io_assert_skipped (report, 3, 3, "the prefix “undeclared” of <undeclared:Point> is not declared");
  g_clear_object (&report);

  empty = io_test_import_string ("<kml xmlns:gml=\"\">\n<gml:Point/><Placemark/></kml>", -1, &report);
  g_assert_cmpuint (sitmap_document_get_n_events (empty), ==, 1);
  io_assert_skipped (report, 1, 1, "empty namespace");
  io_assert_skipped (report, 2, 1, "“gml”");
}

static void
test_deep_nesting (void)
{
  g_autoptr (GString) kml = g_string_new (KML_OPEN "\n");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (kml, "<Folder>\n");
  /* kml is at depth 0 on line 1, the 100th Folder at depth 100 on line 101 */
  message = io_assert_read_fails (kml->str, kml->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 101, 1);
}

static void
test_huge_values (void)
{
  gsize size = 20 * 1024 * 1024;
  g_autoptr (GString) text = g_string_sized_new (size + 200);
  g_autoptr (GString) attribute = g_string_sized_new (size + 200);
  g_autoptr (GString) name = g_string_sized_new (200000);
  g_autoptr (GString) pieces = g_string_new (KML_OPEN "\n<Document>\n<name>");
  g_autofree char *message = NULL;

  g_string_append (text, KML_OPEN "\n<Document>\n<name>");
  for (gsize i = 0; i < size; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, "</name></Document></kml>");
  message = io_assert_read_fails (text->str, text->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 0, 0);
  g_clear_pointer (&message, g_free);

  g_string_append (attribute, KML_OPEN "\n<Placemark id=\"");
  for (gsize i = 0; i < size; i++)
    g_string_append_c (attribute, 'a' + i % 26);
  g_string_append (attribute, "\"/></kml>");
  message = io_assert_read_fails (attribute->str, attribute->len, SITMAP_DOCUMENT_ERROR,
                                  SITMAP_DOCUMENT_ERROR_TOO_LARGE, 0, 0);
  g_clear_pointer (&message, g_free);

  g_string_append (name, KML_OPEN "\n<");
  for (gsize i = 0; i < 100000; i++)
    g_string_append_c (name, 'a');
  g_string_append (name, "/></kml>");
  message = io_assert_read_fails (name->str, name->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 2, 0);
  g_clear_pointer (&message, g_free);

  /* Many text pieces, each small, that add up to more than a text may hold */
  for (guint i = 0; i < 12; i++)
    {
      g_string_append (pieces, "<![CDATA[");
      for (gsize j = 0; j < 1024 * 1024; j++)
        g_string_append_c (pieces, 'x');
      g_string_append (pieces, "]]>");
    }
  g_string_append (pieces, "</name></Document></kml>");
  message = io_assert_read_fails (pieces->str, pieces->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                  3, 0);
}

/* libxml2 checks attributes for duplicates pairwise: 100,000 of them would take minutes, not an error. */
static void
test_crowded_tag (void)
{
  g_autoptr (GString) kml = g_string_new (KML_OPEN "\n<!-- a=1 b=2 c=3 -->\n<Document>\n  <Placemark");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (kml, " a%u=\"=>\"", i);
  g_string_append (kml, "/>\n</Document></kml>");
  message = io_assert_read_fails (kml->str, kml->len, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 4, 3);
}

static void
test_crowded_tag_utf16 (void)
{
  g_autoptr (GString) kml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<kml><Placemark");
  g_autofree char *utf16 = NULL;
  g_autofree char *message = NULL;
  gsize length;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (kml, " a%u=\"\"", i);
  g_string_append (kml, "/></kml>");
  utf16 = to_utf16 (kml->str, &length);
  message = io_assert_read_fails (utf16, length, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 2, 6);
  /* A lone surrogate: not UTF-16 at all */
  memcpy (utf16 + length - 4, "\x00\xd8", 2);
  {
    g_autoptr (GBytes) bytes = g_bytes_new (utf16, length);
    g_autoptr (GError) error = NULL;
    g_autoptr (SitmapDocument) document = sitmap_kml_read_bytes (bytes, "utf16.kml", NULL, &error);

    g_assert_null (document);
    g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED);
  }
}

static void
test_too_many_citations (void)
{
  g_autoptr (GString) inside = g_string_new ("<ExtendedData><sitmap:event>\n");
  g_autofree char *kml = NULL;

  for (guint i = 0; i < 1001; i++)
    g_string_append (inside, "<sitmap:citation source=\"s\"/>\n");
  g_string_append (inside, "</sitmap:event></ExtendedData>");
  kml = placemark (inside->str);
  /* The citations begin on line 5: the 1001st is on line 1005 */
  assert_fails_saying (kml, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1005, "1000");
}

/*
 * Values that make no sense
 */

static void
test_coordinates (void)
{
  assert_placemark_skipped ("<Point><coordinates>38.8,123.4</coordinates></Point>", 4,
                            "the latitude 123.4 is outside −90…90");
  assert_placemark_skipped ("<Point><coordinates>200,34</coordinates></Point>", 4, "longitude 200");
  assert_placemark_skipped ("<Point><coordinates>1e999,34</coordinates></Point>", 4, "1e999 is not a finite number");
  assert_placemark_skipped ("<Point><coordinates>38,nan</coordinates></Point>", 4, "“nan”");
  assert_placemark_skipped ("<Point><coordinates>inf,1</coordinates></Point>", 4, "“inf”");
  assert_placemark_skipped ("<Point><coordinates>0x1p3,1</coordinates></Point>", 4, "0x1p3");
  assert_placemark_skipped ("<Point><coordinates>38,34,0,7</coordinates></Point>", 4, "more than three");
  assert_placemark_skipped ("<Point><coordinates>38,,34</coordinates></Point>", 4, "missing a number");
  assert_placemark_skipped ("<Point><coordinates>38</coordinates></Point>", 4, "longitude and a latitude");
  assert_placemark_skipped ("<Point><coordinates>1,2 3,4</coordinates></Point>", 4, "more than one");
  assert_placemark_skipped ("<LineString>\n<coordinates>1,2\n3,4\n5,95</coordinates></LineString>", 5, "95");
  assert_placemark_skipped ("<Polygon><outerBoundaryIs><LinearRing><coordinates>1,2 3,4</coordinates></LinearRing>"
                            "</outerBoundaryIs></Polygon>",
                            4, "three points");
  assert_placemark_skipped ("<gx:Track xmlns:gx=\"http://www.google.com/kml/ext/2.2\"><gx:coord>1 100 0</gx:coord>"
                            "</gx:Track>",
                            4, "latitude 100");
  /* In a Placemark that carries Sitmap's data, the same refuses the file: skipping it would lose that data
   * on the next save. */
  assert_placemark_fails ("<ExtendedData><sitmap:event category=\"battle\"/></ExtendedData>\n"
                          "<Point><coordinates>38.8,123.4</coordinates></Point>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 5, "the latitude 123.4 is outside −90…90");
}

/* The position is the element's own, even on a long line or after wide characters. */
static void
test_column (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) first = io_test_import_string (
    KML_OPEN "\n<Placemark>\n    <Point><coordinates>0,91</coordinates></Point>\n</Placemark></kml>", -1, &report);
  g_autoptr (SitmapDocument) second = NULL;

  io_assert_skipped (report, 3, 12, "latitude 91");
  g_clear_object (&report);
  second = io_test_import_string (
    KML_OPEN "<Placemark><name>حمص</name><Point><coordinates>0,91</coordinates></Point></Placemark></kml>", -1,
    &report);
  io_assert_skipped (report, 1, g_utf8_strlen (KML_OPEN "<Placemark><name>حمص</name><Point>", -1) + 1,
                     "the Placemark “حمص” was left out");
  /* A start tag over several lines is found where it begins */
  assert_fails (KML_OPEN "\n<Placemark>\n  <ExtendedData><sitmap:event\n     category=\"nonsense\"/></ExtendedData>"
                "</Placemark></kml>",
                SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 3, 17);
}

static void
test_dates (void)
{
  assert_placemark_skipped ("<TimeStamp>\n<when>2024-13-01</when></TimeStamp>", 5, "2024-13-01");
  assert_placemark_skipped ("<TimeStamp><when>yesterday</when></TimeStamp>", 4, "yesterday");
  assert_placemark_skipped ("<TimeStamp><when>2024-02-30</when></TimeStamp>", 4, "2024-02-30");
  assert_placemark_skipped ("<TimeStamp><when>10/12/2024</when></TimeStamp>", 4, "10/12/2024");
  assert_placemark_skipped ("<TimeStamp><when>2024-12-10T25:00:00Z</when></TimeStamp>", 4, "2024-12-10T25:00:00Z");
  assert_placemark_skipped ("<TimeStamp><when>99999999999</when></TimeStamp>", 4, "99999999999");
  assert_placemark_skipped ("<TimeSpan><begin>2024-12-08</begin><end>2024-12-07</end></TimeSpan>", 4,
                            "before it begins");
  assert_placemark_skipped ("<gx:Track xmlns:gx=\"http://www.google.com/kml/ext/2.2\"><when>soon</when></gx:Track>",
                            4, "soon");
  /* Sitmap's own data is strict */
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:citation>\n<sitmap:published>someday</sitmap:published>"
                          "</sitmap:citation></sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 5, "someday");
}

static void
test_numbers (void)
{
  assert_placemark_fails ("<ExtendedData><sitmap:event>\n<sitmap:figure kind=\"killed\" min=\"99999999999999999999\"/>"
                          "</sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 5, "99999999999999999999");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure kind=\"killed\" min=\"-5\"/></sitmap:event>"
                          "</ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "not a whole number");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure kind=\"killed\" min=\"1e3\"/></sitmap:event>"
                          "</ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "1e3");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure kind=\"killed\" min=\"9\" max=\"5\"/>"
                          "</sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "smaller than its min");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure kind=\"killed\" qualifier=\"about\"/>"
                          "</sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "needs a min");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure kind=\"killed\" min=\"3\" "
                          "qualifier=\"unquantified\"/></sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "unquantified");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:location radius=\"99999999999\"/></sitmap:event>"
                          "</ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "radius");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure min=\"3\"/></sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "needs a kind");
}

static void
test_unknown_values (void)
{
  assert_placemark_fails ("<ExtendedData><sitmap:event category=\"fight\"/></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "battle, remote-violence");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:location precision=\"nearby\"/></sitmap:event>"
                          "</ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "near-town");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:citation credibility=\"7\"/></sitmap:event>"
                          "</ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "credibility=“7”");
  assert_placemark_fails ("<ExtendedData><sitmap:event><sitmap:figure kind=\"killed\" min=\"1\" "
                          "qualifier=\"roughly\"/></sitmap:event></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "at-least");
  assert_placemark_fails ("<ExtendedData><sitmap:place kind=\"hamlet\"/></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "village");
  assert_placemark_fails ("<ExtendedData><sitmap:event/><sitmap:place/></ExtendedData>",
                          SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "both a place and an event");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:source id=\"a\" kind=\"rumour\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "monitor");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:source id=\"a\" reliability=\"G\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "reliability");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:source id=\"a\" party=\"maybe\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "party");
}

static void
test_references (void)
{
  assert_fails_saying (KML_OPEN "\n<Placemark>\n<ExtendedData><sitmap:event>\n<sitmap:location place=\"nowhere\"/>"
                       "</sitmap:event></ExtendedData></Placemark></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 4, "nowhere");
  assert_fails_saying (KML_OPEN "\n<Placemark id=\"p\"><ExtendedData><sitmap:place/></ExtendedData></Placemark>\n"
                       "<Placemark id=\"p\"><ExtendedData><sitmap:place/></ExtendedData></Placemark></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 3, "two places");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData><sitmap:source id=\"s\"/>\n<sitmap:source id=\"s\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "two sources");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:source kind=\"monitor\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "needs an id");
}

static void
test_view (void)
{
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:view latitude=\"1\" longitude=\"2\" zoom=\"25\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "zoom 25");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:view latitude=\"1\"/></ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "longitude");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:view latitude=\"91\" longitude=\"1\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "latitude 91");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:view from=\"2024\" to=\"2011\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "before it begins");
  assert_fails_saying (KML_OPEN "<Document><ExtendedData>\n<sitmap:view from=\"2024\"/>"
                       "</ExtendedData></Document></kml>",
                       SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 2, "both from and to");
  /* Google Earth's opening view that cannot be read is left out; the document is read */
  {
    g_autoptr (SitmapImportReport) report = NULL;
    g_autoptr (SitmapDocument) document = io_test_import_string (
      KML_OPEN "<Document><name>View</name>\n<LookAt><longitude>1</longitude><latitude>-100</latitude></LookAt>"
      "</Document></kml>",
      -1, &report);

    g_assert_cmpstr (sitmap_document_get_title (document), ==, "View");
    g_assert_false (sitmap_document_get_view (document)->has_position);
    io_assert_skipped (report, 2, 1, "the latitude -100 is outside −90…90: the opening view (LookAt) was left out");
  }
}

static void
test_overlay_boxes (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = io_test_import_string (
    KML_OPEN "\n<GroundOverlay><name>three edges</name>\n<LatLonBox><north>1</north><south>0</south><east>1</east>"
    "</LatLonBox></GroundOverlay>\n"
    "<GroundOverlay><name>upside down</name>\n<LatLonBox><north>0</north><south>1</south><east>1</east>"
    "<west>0</west></LatLonBox></GroundOverlay>\n"
    "<GroundOverlay><name>nan</name><LatLonBox>\n<north>nan</north></LatLonBox></GroundOverlay>\n"
    "<GroundOverlay><name>far north</name><LatLonBox>\n<north>2147483647</north></LatLonBox></GroundOverlay>\n"
    "<GroundOverlay><name>empty box</name><LatLonBox/></GroundOverlay>\n"
    "<GroundOverlay><name>empty edges</name><LatLonBox><north/><south> </south></LatLonBox></GroundOverlay>\n"
    "<GroundOverlay><name>empty quad</name><gx:LatLonQuad xmlns:gx=\"http://www.google.com/kml/ext/2.2\">"
    "<coordinates> </coordinates></gx:LatLonQuad></GroundOverlay>\n"
    "</kml>",
    -1, &report);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  io_assert_skipped (report, 3, 1, "a LatLonBox needs a north, a south, an east and a west edge");
  io_assert_skipped (report, 5, 1, "north edge");
  io_assert_skipped (report, 7, 1, "“nan”");
  /* Numbers are quoted as written, not as a double prints them (2.14748e+09) */
  io_assert_skipped (report, 9, 1, "the latitude 2147483647 is outside −90…90");
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 4);
  /* Empty boxes and quads are no place: the overlays are read, unplaced */
  g_assert_cmpuint (columns->n_events, ==, 3);
  for (guint i = 0; i < columns->n_events; i++)
    g_assert_false (columns->flags[i] & (SITMAP_EVENT_FLAG_PLACED | SITMAP_EVENT_FLAG_AREA));
}

/* Text that looks like markup or steers the direction of writing is plain text, kept as it is. */
static void
test_text_stays_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = io_test_read_string (
    KML_OPEN "<Placemark><name>&lt;span foreground=\"red\"&gt;x&lt;/span&gt; \u202Egnp.exe</name></Placemark></kml>",
    "text.kml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sitmap_event_store_get_title (sitmap_document_get_store (document), 0), ==,
                   "<span foreground=\"red\">x</span> \u202Egnp.exe");
}

static void
test_cancelled (void)
{
  g_autoptr (GString) big = g_string_new (KML_OPEN "<Document>");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "<Placemark><name>e</name></Placemark>");
  g_string_append (big, "</Document></kml>");
  bytes = g_bytes_new (big->str, big->len);
  g_cancellable_cancel (cancellable);
  document = sitmap_kml_read_bytes (bytes, "big.kml", cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Past SITMAP_XML_THREAD_MIN_BYTES libxml2 parses in a thread of its own: it is stopped as well */
  g_string_truncate (big, big->len - strlen ("</Document></kml>"));
  while (big->len < 2 * SITMAP_XML_THREAD_MIN_BYTES)
    g_string_append (big, "<Placemark><name>e</name></Placemark>");
  g_string_append (big, "</Document></kml>");
  bytes = g_bytes_new (big->str, big->len);
  document = sitmap_kml_read_bytes (bytes, "bigger.kml", cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A document whose ExtendedData holds this, on line 4. */
static char *
document_data (const char *inside)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n" KML_OPEN "\n<Document><ExtendedData>\n%s\n"
                          "</ExtendedData></Document>\n</kml>\n", inside);
}

/* Named views: bounded in number, names and values; nonsense refused with its line. */
static void
test_named_views (void)
{
  static const struct
  {
    const char *inside;
    int         code;
    const char *words;
  } bad[] = {
    { "<sitmap:named-view/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "name" },
    { "<sitmap:named-view name=\"x\" rule=\"sometimes\"/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "within" },
    { "<sitmap:named-view name=\"x\" start=\"2024-11-27T00:00:00Z\"/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "end" },
    { "<sitmap:named-view name=\"x\" start=\"27/11/2024\" end=\"2024-12-09T00:00:00Z\"/>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "27/11/2024" },
    { "<sitmap:named-view name=\"x\" start=\"2024-12-09T00:00:00Z\" end=\"2024-11-27T00:00:00Z\"/>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "before" },
    { "<sitmap:named-view name=\"x\" min-reliability=\"G\"/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "A, B" },
    { "<sitmap:named-view name=\"x\" min-credibility=\"0\"/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "1, 2" },
    { "<sitmap:named-view name=\"x\" min-killed=\"-5\"/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "-5" },
    { "<sitmap:named-view name=\"x\" min-origins=\"99999999999999999999\"/>", SITMAP_DOCUMENT_ERROR_INVALID_VALUE,
      "0–255" },
    { "<sitmap:named-view name=\"x\"><sitmap:hidden-category>fight</sitmap:hidden-category></sitmap:named-view>",
      SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "battle" },
  };
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapNamedView) view = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *kml = NULL;
  g_autofree char *huge = g_strnfill (1 << 20, 'n');

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = document_data (bad[i].inside);

      assert_fails_saying (text, bad[i].code, 4, bad[i].words);
    }

  /* Thousands of views, one with a megabyte name: a thousand kept, the name cut. */
  g_string_append_printf (many, "<sitmap:named-view name=\"%s\"/>\n", huge);
  for (guint i = 0; i < SITMAP_NAMED_VIEW_MAX_VIEWS + 500; i++)
    g_string_append_printf (many, "<sitmap:named-view name=\"view %u\" start=\"2024-11-27T00:00:00Z\" "
                            "end=\"2024-12-09T00:00:00Z\"><sitmap:search>homs</sitmap:search></sitmap:named-view>\n", i);
  kml = document_data (many->str);
  document = io_test_read_string (kml, "many.kml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_named_views (document)), ==,
                    SITMAP_NAMED_VIEW_MAX_VIEWS);
  view = g_list_model_get_item (sitmap_document_get_named_views (document), 0);
  g_assert_cmpuint (g_utf8_strlen (sitmap_named_view_get_name (view), -1), ==, SITMAP_NAMED_VIEW_MAX_NAME);
  g_clear_pointer (&kml, g_free);

  /* Too many values of one facet in one view */
  g_string_truncate (many, 0);
  g_string_append (many, "<sitmap:named-view name=\"x\">");
  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (many, "<sitmap:filter-actor>actor %u</sitmap:filter-actor>", i);
  g_string_append (many, "</sitmap:named-view>");
  kml = document_data (many->str);
  assert_fails_saying (kml, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 4, "1000");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/kml-hostile/empty", test_empty);
  g_test_add_func ("/io/kml-hostile/truncated", test_truncated);
  g_test_add_func ("/io/kml-hostile/truncated-line", test_truncated_line);
  g_test_add_func ("/io/kml-hostile/binary-garbage", test_binary_garbage);
  g_test_add_func ("/io/kml-hostile/wrong-root", test_wrong_root);
  g_test_add_func ("/io/kml-hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/io/kml-hostile/parameter-entity-bomb", test_parameter_entity_bomb);
  g_test_add_func ("/io/kml-hostile/external-entity-file", test_external_entity_file);
  g_test_add_func ("/io/kml-hostile/external-entity-network", test_external_entity_network);
  g_test_add_func ("/io/kml-hostile/links-never-fetched", test_links_never_fetched);
  g_test_add_func ("/io/kml-hostile/doctype-in-utf16", test_doctype_in_utf16);
  g_test_add_func ("/io/kml-hostile/doctype-in-comment", test_doctype_in_comment_is_harmless);
  g_test_add_func ("/io/kml-hostile/undefined-entity", test_undefined_entity);
  g_test_add_func ("/io/kml-hostile/latin1-declared-utf8", test_latin1_declared_utf8);
  g_test_add_func ("/io/kml-hostile/refused-encodings", test_refused_encodings);
  g_test_add_func ("/io/kml-hostile/forbidden-characters", test_forbidden_characters);
  g_test_add_func ("/io/kml-hostile/not-well-formed", test_not_well_formed);
  g_test_add_func ("/io/kml-hostile/namespace-errors", test_namespace_errors);
  g_test_add_func ("/io/kml-hostile/faults-in-large-file", test_faults_in_large_file);
  g_test_add_func ("/io/kml-hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/io/kml-hostile/huge-values", test_huge_values);
  g_test_add_func ("/io/kml-hostile/crowded-tag", test_crowded_tag);
  g_test_add_func ("/io/kml-hostile/crowded-tag-utf16", test_crowded_tag_utf16);
  g_test_add_func ("/io/kml-hostile/too-many-citations", test_too_many_citations);
  g_test_add_func ("/io/kml-hostile/coordinates", test_coordinates);
  g_test_add_func ("/io/kml-hostile/column", test_column);
  g_test_add_func ("/io/kml-hostile/dates", test_dates);
  g_test_add_func ("/io/kml-hostile/numbers", test_numbers);
  g_test_add_func ("/io/kml-hostile/unknown-values", test_unknown_values);
  g_test_add_func ("/io/kml-hostile/references", test_references);
  g_test_add_func ("/io/kml-hostile/view", test_view);
  g_test_add_func ("/io/kml-hostile/overlay-boxes", test_overlay_boxes);
  g_test_add_func ("/io/kml-hostile/text-stays-text", test_text_stays_text);
  g_test_add_func ("/io/kml-hostile/cancelled", test_cancelled);
  g_test_add_func ("/io/kml-hostile/named-views", test_named_views);

  return g_test_run ();
}
