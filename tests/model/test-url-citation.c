/* test-url-citation.c: a pasted web address as a citation, its publisher found by host or made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-document-builder.h"
#include "sitmap-url-citation.h"

static SitmapDocument *
new_document (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new (); /* finish frees it */
  SitmapSource *sohr = sitmap_document_builder_add_source (builder, "sohr");
  SitmapSource *bbc = sitmap_document_builder_add_source (builder, "bbc");
  SitmapSource *named = sitmap_document_builder_add_source (builder, "named");

  sitmap_source_set_name (sohr, "Syrian Observatory for Human Rights");
  sitmap_source_set_url (sohr, "https://www.syriahr.com/en/");
  sitmap_source_set_name (bbc, "BBC News");
  sitmap_source_set_url (bbc, "https://bbc.co.uk");
  /* Known only by its name, which is its host */
  sitmap_source_set_name (named, "example.net");
  return sitmap_document_builder_finish (builder);
}

static void
assert_publisher (SitmapDocument *document, const char *url, const char *source_id)
{
  SitmapCitationDraft citation = { 0 };
  g_autoptr (SitmapSource) made = NULL;

  g_assert_true (sitmap_url_citation_init (&citation, document, url, &made));
  g_assert_null (made);
  g_assert_cmpstr (citation.source_id, ==, source_id);
  g_assert_cmpstr (citation.url, ==, url);
  g_assert_true (sitmap_time_is_dated (&citation.accessed));
  g_assert_cmpint (citation.accessed.precision, ==, SITMAP_TIME_PRECISION_DAY);
  g_assert_false (sitmap_time_is_dated (&citation.published));
  sitmap_citation_draft_clear (&citation);
}

/* The document's source on the host, with or without www., on a subdomain, or named by the host. */
static void
test_known_publisher (void)
{
  g_autoptr (SitmapDocument) document = new_document ();

  assert_publisher (document, "https://www.syriahr.com/en/350000/", "sohr");
  assert_publisher (document, "http://syriahr.com/?p=12", "sohr");
  assert_publisher (document, "https://www.bbc.co.uk/news/world-middle-east-1", "bbc");
  assert_publisher (document, "https://news.bbc.co.uk/2/hi/middle_east/1.stm", "bbc");
  assert_publisher (document, "https://www.example.net/a", "named");
}

/* Another host: a new source named after it (not added: the edit that cites it adds it), an id the
 * document does not have; a host that only ends like a known one is another host. */
static void
test_new_publisher (void)
{
  g_autoptr (SitmapDocument) document = new_document ();
  SitmapCitationDraft citation = { 0 };
  g_autoptr (SitmapSource) made = NULL;

  g_assert_true (sitmap_url_citation_init (&citation, document, "https://www.notbbc.co.uk/story", &made));
  g_assert_nonnull (made);
  g_assert_cmpstr (sitmap_source_get_name (made), ==, "notbbc.co.uk");
  g_assert_cmpstr (sitmap_source_get_url (made), ==, "https://notbbc.co.uk/");
  g_assert_cmpstr (citation.source_id, ==, sitmap_source_get_id (made));
  g_assert_cmpint (sitmap_document_find_source (document, citation.source_id), <, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), ==, 3);
  sitmap_citation_draft_clear (&citation);
}

/* Only one http or https address is a link to cite. */
static void
test_not_links (void)
{
  const char *not_links[] = {
    "", "hello", "www.bbc.co.uk/news", "ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)",
    "https://", "https://example.org/a https://example.org/b", "mailto:someone@example.org",
  };
  g_autoptr (SitmapDocument) document = new_document ();
  g_autofree char *host = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (not_links); i++)
    {
      SitmapCitationDraft citation = { 0 };
      SitmapSource *made = NULL;

      g_assert_false (sitmap_url_citation_parse (not_links[i], NULL));
      g_assert_false (sitmap_url_citation_init (&citation, document, not_links[i], &made));
      g_assert_null (made);
      g_assert_null (citation.url);
    }
  g_assert_true (sitmap_url_citation_parse ("HTTPS://WWW.Example.ORG/Path", &host));
  g_assert_cmpstr (host, ==, "example.org");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/url-citation/known-publisher", test_known_publisher);
  g_test_add_func ("/url-citation/new-publisher", test_new_publisher);
  g_test_add_func ("/url-citation/not-links", test_not_links);
  return g_test_run ();
}
