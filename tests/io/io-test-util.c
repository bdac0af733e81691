/* io-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io-test-util.h"

char *
io_test_data_path (const char *name)
{
  const char *dir = g_getenv ("SITMAP_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

SitmapDocument *
io_test_read_data (const char *name)
{
  g_autofree char *path = io_test_data_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = sitmap_kml_read_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

SitmapDocument *
io_test_read_string (const char *kml, const char *display_name, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (kml, strlen (kml));

  return sitmap_kml_read_bytes (bytes, display_name, NULL, error);
}

SitmapDocument *
io_test_round_trip (SitmapDocument *document, GBytes **written)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = sitmap_kml_write_bytes (document, &error);
  SitmapDocument *copy;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  copy = sitmap_kml_read_bytes (bytes, "round-trip.kml", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  if (written != NULL)
    *written = g_steal_pointer (&bytes);
  return copy;
}

/*
 * Comparison
 */

static void
assert_double_same (double a, double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_time_same (const SitmapTime *a, const SitmapTime *b)
{
  g_assert_cmpint (a->precision, ==, b->precision);
  if (a->precision == SITMAP_TIME_PRECISION_NONE)
    return;
  g_assert_cmpint (a->start, ==, b->start);
  g_assert_cmpint (a->end, ==, b->end);
  g_assert_cmpint (a->start_unit, ==, b->start_unit);
  g_assert_cmpint (a->end_unit, ==, b->end_unit);
}

static void
assert_geometry_same (SitmapGeometry *a, SitmapGeometry *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_true (sitmap_geometry_equal (a, b));
}

static void
assert_view_same (SitmapDocument *a, SitmapDocument *b)
{
  const SitmapDocumentView *va = sitmap_document_get_view (a);
  const SitmapDocumentView *vb = sitmap_document_get_view (b);

  g_assert_cmpint (va->has_position, ==, vb->has_position);
  if (va->has_position)
    {
      g_assert_cmpfloat (va->latitude, ==, vb->latitude);
      g_assert_cmpfloat (va->longitude, ==, vb->longitude);
      g_assert_cmpfloat (va->zoom, ==, vb->zoom);
    }
  g_assert_cmpint (va->has_time, ==, vb->has_time);
  if (va->has_time)
    {
      g_assert_cmpint (va->from, ==, vb->from);
      g_assert_cmpint (va->to, ==, vb->to);
    }
}

static void
assert_sources_same (SitmapDocument *a, SitmapDocument *b)
{
  guint n = g_list_model_get_n_items (sitmap_document_get_sources (a));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (sitmap_document_get_sources (b)));
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *sa = sitmap_document_get_source (a, i);
      SitmapSource *sb = sitmap_document_get_source (b, i);

      g_assert_cmpstr (sitmap_source_get_id (sa), ==, sitmap_source_get_id (sb));
      g_assert_cmpstr (sitmap_source_get_name (sa), ==, sitmap_source_get_name (sb));
      g_assert_cmpstr (sitmap_source_get_abbreviation (sa), ==, sitmap_source_get_abbreviation (sb));
      g_assert_cmpstr (sitmap_source_get_url (sa), ==, sitmap_source_get_url (sb));
      g_assert_cmpstr (sitmap_source_get_note (sa), ==, sitmap_source_get_note (sb));
      g_assert_cmpint (sitmap_source_get_kind (sa), ==, sitmap_source_get_kind (sb));
      g_assert_cmpint (sitmap_source_get_party (sa), ==, sitmap_source_get_party (sb));
      g_assert_cmpint (sitmap_source_get_reliability (sa), ==, sitmap_source_get_reliability (sb));
    }
}

static void
assert_places_same (SitmapDocument *a, SitmapDocument *b)
{
  guint n = g_list_model_get_n_items (sitmap_document_get_places (a));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (sitmap_document_get_places (b)));
  for (guint i = 0; i < n; i++)
    {
      SitmapPlace *pa = sitmap_document_get_place (a, i);
      SitmapPlace *pb = sitmap_document_get_place (b, i);

      g_assert_cmpstr (sitmap_place_get_id (pa), ==, sitmap_place_get_id (pb));
      g_assert_cmpstr (sitmap_place_get_name (pa), ==, sitmap_place_get_name (pb));
      g_assert_cmpstr (sitmap_place_get_description (pa), ==, sitmap_place_get_description (pb));
      g_assert_cmpint (sitmap_place_get_kind (pa), ==, sitmap_place_get_kind (pb));
      assert_double_same (sitmap_place_get_latitude (pa), sitmap_place_get_latitude (pb));
      assert_double_same (sitmap_place_get_longitude (pa), sitmap_place_get_longitude (pb));
      assert_geometry_same (sitmap_place_get_geometry (pa), sitmap_place_get_geometry (pb));
    }
}

static const char *
source_id (SitmapDocument *document, guint index)
{
  return sitmap_source_get_id (sitmap_document_get_source (document, index));
}

static void
assert_citations_same (SitmapDocument *a, SitmapDocument *b, guint position)
{
  guint na, nb;
  const SitmapCitationRecord *ca = sitmap_event_store_get_citations (sitmap_document_get_store (a), position, &na);
  const SitmapCitationRecord *cb = sitmap_event_store_get_citations (sitmap_document_get_store (b), position, &nb);

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpstr (source_id (a, ca[i].source), ==, source_id (b, cb[i].source));
      g_assert_cmpuint (ca[i].via > 0, ==, cb[i].via > 0);
      if (ca[i].via > 0)
        g_assert_cmpstr (source_id (a, ca[i].via - 1), ==, source_id (b, cb[i].via - 1));
      g_assert_cmpstr (ca[i].url, ==, cb[i].url);
      g_assert_cmpstr (ca[i].paraphrase, ==, cb[i].paraphrase);
      assert_time_same (&ca[i].published, &cb[i].published);
      assert_time_same (&ca[i].accessed, &cb[i].accessed);
      g_assert_cmpint (ca[i].credibility, ==, cb[i].credibility);
    }
}

static void
assert_figures_and_actors_same (SitmapEventStore *sa, SitmapEventStore *sb, guint position)
{
  guint na, nb;
  const SitmapFigure *fa = sitmap_event_store_get_figures (sa, position, &na);
  const SitmapFigure *fb = sitmap_event_store_get_figures (sb, position, &nb);
  const char *const *aa, *const *ab;

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpint (fa[i].kind, ==, fb[i].kind);
      g_assert_cmpint (fa[i].qualifier, ==, fb[i].qualifier);
      g_assert_cmpint (fa[i].min, ==, fb[i].min);
      g_assert_cmpint (fa[i].max, ==, fb[i].max);
      g_assert_cmpstr (fa[i].text, ==, fb[i].text);
    }
  aa = sitmap_event_store_get_actors (sa, position, &na);
  ab = sitmap_event_store_get_actors (sb, position, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_cmpstr (aa[i], ==, ab[i]);
}

/* What the file said beyond Sitmap's fields, name by name, in order */
static void
assert_attributes_same (SitmapEventStore *sa, SitmapEventStore *sb, guint position)
{
  guint na, nb;
  g_autofree const char **aa = io_dup_attributes (sa, position, &na);
  g_autofree const char **ab = io_dup_attributes (sb, position, &nb);

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < 2 * na; i++)
    g_assert_cmpstr (aa[i], ==, ab[i]);
}

/* The folders events came in: the same tree, numbered the same */
static void
assert_groups_same (SitmapEventStore *sa, SitmapEventStore *sb)
{
  guint n = sitmap_event_store_get_n_groups (sa);

  g_assert_cmpuint (n, ==, sitmap_event_store_get_n_groups (sb));
  for (guint g = 1; g <= n; g++)
    {
      guint pa, pb;

      g_assert_cmpstr (sitmap_event_store_get_group_name (sa, g, &pa), ==, sitmap_event_store_get_group_name (sb, g, &pb));
      g_assert_cmpuint (pa, ==, pb);
    }
}

static void
assert_event_same (SitmapDocument *a, SitmapDocument *b, guint i)
{
  SitmapEventStore *sa = sitmap_document_get_store (a);
  SitmapEventStore *sb = sitmap_document_get_store (b);
  const SitmapEventColumns *ca = sitmap_document_get_columns (a);
  const SitmapEventColumns *cb = sitmap_document_get_columns (b);
  SitmapTime ta, tb;
  double lat_a, lon_a, lat_b, lon_b;
  guint place_a = sitmap_event_store_get_place (sa, i);
  guint place_b = sitmap_event_store_get_place (sb, i);

  g_assert_cmpstr (sitmap_event_store_get_id (sa, i), ==, sitmap_event_store_get_id (sb, i));
  g_assert_cmpstr (sitmap_event_store_get_title (sa, i), ==, sitmap_event_store_get_title (sb, i));
  g_assert_cmpstr (sitmap_event_store_get_summary (sa, i), ==, sitmap_event_store_get_summary (sb, i));
  g_assert_cmpstr (sitmap_event_store_get_place_text (sa, i), ==, sitmap_event_store_get_place_text (sb, i));
  sitmap_event_store_get_time (sa, i, &ta);
  sitmap_event_store_get_time (sb, i, &tb);
  assert_time_same (&ta, &tb);
  g_assert_cmpint (ca->start[i], ==, cb->start[i]);
  g_assert_cmpint (sitmap_event_columns_get_end (ca, i), ==, sitmap_event_columns_get_end (cb, i));
  g_assert_cmpint (ca->time_precision[i], ==, cb->time_precision[i]);
  g_assert_cmpint (ca->category[i], ==, cb->category[i]);
  g_assert_cmpint (ca->location_precision[i], ==, cb->location_precision[i]);
  g_assert_cmpint (ca->flags[i], ==, cb->flags[i]);
  g_assert_cmpint (ca->fatalities[i], ==, cb->fatalities[i]);
  assert_double_same (ca->x[i], cb->x[i]);
  assert_double_same (ca->y[i], cb->y[i]);
  g_assert_cmpint (sitmap_event_store_get_location (sa, i, &lat_a, &lon_a), ==,
                   sitmap_event_store_get_location (sb, i, &lat_b, &lon_b));
  assert_double_same (lat_a, lat_b);
  assert_double_same (lon_a, lon_b);
  assert_geometry_same (sitmap_event_store_get_geometry (sa, i), sitmap_event_store_get_geometry (sb, i));
  g_assert_cmpuint (sitmap_event_store_get_radius (sa, i), ==, sitmap_event_store_get_radius (sb, i));
  g_assert_cmpuint (place_a > 0, ==, place_b > 0);
  if (place_a > 0)
    g_assert_cmpstr (sitmap_place_get_id (sitmap_document_get_place (a, place_a - 1)), ==,
                     sitmap_place_get_id (sitmap_document_get_place (b, place_b - 1)));
  assert_figures_and_actors_same (sa, sb, i);
  assert_citations_same (a, b, i);
  assert_attributes_same (sa, sb, i);
  g_assert_cmpuint (sitmap_event_store_get_group (sa, i), ==, sitmap_event_store_get_group (sb, i));
}

static void
assert_named_views_same (SitmapDocument *a, SitmapDocument *b)
{
  GListModel *va = sitmap_document_get_named_views (a), *vb = sitmap_document_get_named_views (b);

  g_assert_cmpuint (g_list_model_get_n_items (va), ==, g_list_model_get_n_items (vb));
  for (guint i = 0; i < g_list_model_get_n_items (va); i++)
    {
      g_autoptr (SitmapNamedView) x = g_list_model_get_item (va, i);
      g_autoptr (SitmapNamedView) y = g_list_model_get_item (vb, i);

      g_assert_cmpstr (sitmap_named_view_get_name (x), ==, sitmap_named_view_get_name (y));
      g_assert_true (sitmap_named_view_equal (x, y));
    }
}

/* Every annotation, exactly (points to the bit), in the same order, and whether they are shown. */
static void
assert_annotations_same (SitmapDocument *a, SitmapDocument *b)
{
  GListModel *la = sitmap_document_get_annotations (a), *lb = sitmap_document_get_annotations (b);

  g_assert_cmpuint (g_list_model_get_n_items (la), ==, g_list_model_get_n_items (lb));
  for (guint i = 0; i < g_list_model_get_n_items (la); i++)
    {
      g_autoptr (SitmapAnnotation) x = g_list_model_get_item (la, i);
      g_autoptr (SitmapAnnotation) y = g_list_model_get_item (lb, i);

      if (!sitmap_annotation_equal (x, y))
        g_error ("annotation %u (%s) is not the same", i, sitmap_annotation_get_id (x));
    }
  g_assert_cmpint (sitmap_document_get_annotations_visible (a), ==, sitmap_document_get_annotations_visible (b));
}

void
io_assert_documents_equal (SitmapDocument *a, SitmapDocument *b)
{
  const SitmapEventColumns *ca = sitmap_document_get_columns (a);
  const SitmapEventColumns *cb = sitmap_document_get_columns (b);

  g_assert_cmpstr (sitmap_document_get_title (a), ==, sitmap_document_get_title (b));
  g_assert_cmpstr (sitmap_document_get_description (a), ==, sitmap_document_get_description (b));
  assert_view_same (a, b);
  assert_sources_same (a, b);
  assert_places_same (a, b);
  assert_named_views_same (a, b);
  g_assert_cmpuint (ca->n_events, ==, cb->n_events);
  g_assert_cmpuint (ca->n_dated, ==, cb->n_dated);
  assert_groups_same (sitmap_document_get_store (a), sitmap_document_get_store (b));
  for (guint i = 0; i < ca->n_events; i++)
    assert_event_same (a, b, i);
  assert_annotations_same (a, b);
}

/*
 * Errors
 */

void
io_assert_message_has_position (const char *message, const char *display_name, int line, int column)
{
  g_autofree char *prefix = g_strdup_printf ("%s: line ", display_name);
  const char *p;
  char *end;
  gint64 l, c;

  if (!g_str_has_prefix (message, prefix))
    g_error ("“%s” does not start with “%s”", message, prefix);
  p = message + strlen (prefix);
  l = g_ascii_strtoll (p, &end, 10);
  g_assert_cmpint (l, >=, 1);
  if (!g_str_has_prefix (end, ", column "))
    g_error ("“%s” has no column", message);
  c = g_ascii_strtoll (end + strlen (", column "), &end, 10);
  g_assert_cmpint (c, >=, 1);
  g_assert_true (g_str_has_prefix (end, ": "));
  g_assert_cmpint (strlen (end), >, 2);
  if (line > 0 && l != line)
    g_error ("“%s”: expected line %d", message, line);
  if (column > 0 && c != column)
    g_error ("“%s”: expected column %d", message, column);
}

char *
io_assert_read_fails (const char *kml, gssize length, GQuark domain, int code, int line, int column)
{
  g_autoptr (GBytes) bytes = g_bytes_new (kml, length < 0 ? strlen (kml) : (gsize) length);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = sitmap_kml_read_bytes (bytes, "hostile.kml", NULL, &error);

  g_assert_null (document);
  if (!g_error_matches (error, domain, code))
    g_error ("expected error %s %d, got %s %d: %s", g_quark_to_string (domain), code,
             error ? g_quark_to_string (error->domain) : "none", error ? error->code : 0,
             error ? error->message : "");
  io_assert_message_has_position (error->message, "hostile.kml", line, column);
  return g_strdup (error->message);
}

SitmapDocument *
io_test_import_string (const char *kml, gssize length, SitmapImportReport **report)
{
  g_autoptr (GBytes) bytes = g_bytes_new (kml, length < 0 ? strlen (kml) : (gsize) length);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document;

  sitmap_import_begin (import, "lenient.kml", NULL);
  document = sitmap_kml_read (bytes, import, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  if (report != NULL)
    *report = g_object_ref (sitmap_import_get_report (import));
  return document;
}

void
io_assert_skipped (SitmapImportReport *report, guint line, guint column, const char *words)
{
  g_autofree char *text = sitmap_import_report_dup_text (report);

  for (guint i = 0; i < sitmap_import_report_get_n_kept (report); i++)
    {
      guint l, c;
      const char *reason = sitmap_import_report_get_skipped (report, i, &l, &c);

      if (l == line && (column == 0 || c == column) && strstr (reason, words) != NULL)
        return;
    }
  g_error ("the report does not say “%s” at line %u, column %u:\n%s", words, line, column, text);
}

/*
 * Small helpers
 */

guint
io_find_event (SitmapDocument *document, const char *id)
{
  gint position = sitmap_document_find_event (document, id);

  if (position < 0)
    g_error ("no event “%s”", id);
  return (guint) position;
}

gint64
io_time (const char *iso)
{
  gint64 start, end;
  SitmapTimeUnit unit;
  g_autoptr (GError) error = NULL;

  g_assert_true (sitmap_time_parse_bound (iso, &start, &end, &unit, &error));
  g_assert_no_error (error);
  return start;
}

double
io_distance_km (double lat1, double lon1, double lat2, double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double h = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371.0 * asin (MIN (1, sqrt (h)));
}

const char **
io_dup_attributes (SitmapEventStore *store, guint position, guint *n_attributes)
{
  guint n = sitmap_event_store_get_n_attributes (store, position);
  const char **attributes = g_new0 (const char *, 2 * n + 1);

  for (guint i = 0; i < n; i++)
    attributes[2 * i] = sitmap_event_store_get_attribute (store, position, i, &attributes[2 * i + 1]);
  *n_attributes = n;
  return attributes;
}
