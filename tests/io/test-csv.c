/* test-csv.c: ACLED's layouts and other tables read as docs/csv-format.md says; broken and hostile tables
 * refused or their rows skipped with file, line and column; the mapping protocol and --columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include "io-test-util.h"
#include "sitmap-csv-private.h"
#include "sitmap-csv-reader.h"
#include "sitmap-format.h"

#define DAY 86400

static SitmapDocument *
read_csv_full (const char *text, gssize length, SitmapImport *import, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  sitmap_import_begin (import, "table.csv", NULL);
  return sitmap_csv_read (bytes, import, error);
}

/* Reads text, asserting success; import may be NULL */
static SitmapDocument *
read_csv (const char *text, SitmapImport *import)
{
  g_autoptr (SitmapImport) own = import ? sitmap_import_ref (import) : sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = read_csv_full (text, -1, own, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static char *
read_fails (const char *text, gssize length, int code)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_csv_full (text, length, import, &error);

  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "table.csv: "));
  return g_strdup (error->message);
}

static SitmapEventStore *
store_of (SitmapDocument *document)
{
  return sitmap_document_get_store (document);
}

static guint
find (SitmapDocument *document, const char *id)
{
  gint position = sitmap_document_find_event (document, id);

  if (position < 0)
    g_error ("no event %s", id);
  return (guint) position;
}

static void
assert_time (SitmapDocument *document, guint position, SitmapTimePrecision precision, const char *start,
             const char *end_exclusive)
{
  SitmapTime time;

  sitmap_event_store_get_time (store_of (document), position, &time);
  g_assert_cmpint (time.precision, ==, precision);
  g_assert_cmpint (time.start, ==, io_time (start));
  g_assert_cmpint (time.end, ==, io_time (end_exclusive));
}

static const char *
attribute (SitmapDocument *document, guint position, const char *name)
{
  return sitmap_event_store_lookup_attribute (store_of (document), position, name);
}

/* The skipped record i of the report: its line and column, and that its reason holds words */
static void
assert_skipped (SitmapImport *import, guint i, guint line, guint column, const char *words)
{
  SitmapImportReport *report = sitmap_import_get_report (import);
  guint l = 0, c = 0;
  const char *reason;

  g_assert_cmpuint (i, <, sitmap_import_report_get_n_kept (report));
  reason = sitmap_import_report_get_skipped (report, i, &l, &c);
  if (l != line || c != column || strstr (reason, words) == NULL)
    g_error ("skipped %u: line %u, column %u: “%s”, expected line %u, column %u with “%s”", i, l, c, reason, line,
             column, words);
}

/*
 * ACLED
 */

#define ACLED_HEADER                                                                                               \
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"   \
  "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"     \
  "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

/* The current codebook: lines 2, 3–4 (a note over two lines, CR LF), 5, 6, then a bad row on line 7 */
static const char current_codebook[] =
  ACLED_HEADER "\n"
  "SYR1,2024-12-10,2024,1,Political violence,Battles,Armed clash,Military Forces of Syria (2000-2024),,1,"
  "Islamic State (Syria),,2,12,,760,Middle East,Syria,Homs,Tadmor,,As Sukhnah,34.8853,38.8711,2,"
  "Syrian Observatory for Human Rights; Step News Agency ,National,\"Clashes near As Sukhnah, east of Palmyra.\","
  "54,,1734567890\n"
  "SYR2,2024-12-07,2024,2,Political violence,Explosions/Remote violence,Air/drone strike,"
  "Military Forces of Russia (2000-),,8,Civilians (Syria),,7,78,Civilian targeting,760,Middle East,Syria,"
  "Idlib,Idlib,,Idlib,35.9306,36.6339,1,Syrian Observatory for Human Rights,Subnational,"
  "\"Strikes on \"\"the market\"\".\r\nA second line.\",3,,1734567890\r\n"
  "SYR3,2024-11-15,2024,3,Demonstrations,Protests,Peaceful protest,Protesters (Syria),"
  "Women (Syria); Farmers (Syria),6,,,0,60,,760,Middle East,Syria,Deir ez Zor,Al Mayadin,,"
  "\xD8\xA7\xD9\x84\xD9\x85\xD9\x8A\xD8\xA7\xD8\xAF\xD9\x8A\xD9\x86,35.0206,40.4523,3,Deir Ezzor 24,"
  "Local partner-National,Protest.,0,crowd size=no report,1734567891\n"
  "IRQ1,2024-12-01,2024,1,Strategic developments,Strategic developments,Arrests,Police Forces of Iraq (2020-),,1,"
  ",,0,10,,368,Middle East,Iraq,Baghdad,Baghdad,,Baghdad,33.3152,44.3661,1,Shafaq News,National,Arrests.,,,"
  "1734567892\n"
  "SYR4,2024-12-02,2024,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,760,Middle East,Syria,Homs,"
  "Homs,,Homs,123,36.7,1,SANA,National,Bad latitude.,0,,1734567892\n"
  "\n";

static void
test_acled_current (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = read_csv (current_codebook, import);
  SitmapEventStore *store = store_of (document);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const SitmapCitationRecord *citations;
  const char *const *actors;
  const SitmapFigure *figures;
  guint p, n;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 4);
  g_assert_cmpstr (sitmap_import_report_get_format_name (sitmap_import_get_report (import)), ==, "ACLED CSV");

  /* A day, a town's surroundings, two sources, killed, actors */
  p = find (document, "SYR1");
  assert_time (document, p, SITMAP_TIME_PRECISION_DAY, "2024-12-10", "2024-12-11");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_BATTLE);
  g_assert_cmpint (columns->location_precision[p], ==, SITMAP_LOCATION_PRECISION_NEAR_TOWN);
  /* The map draws its own ring for the precision: the file says no radius */
  g_assert_cmpuint (sitmap_event_store_get_radius (store, p), ==, 0);
  g_assert_cmpint (columns->fatalities[p], ==, 54);
  g_assert_cmpint (columns->origins[p], ==, 2);
  g_assert_cmpstr (sitmap_event_store_get_title (store, p), ==, "Armed clash in As Sukhnah");
  g_assert_cmpstr (sitmap_event_store_get_summary (store, p), ==, "Clashes near As Sukhnah, east of Palmyra.");
  g_assert_cmpstr (sitmap_event_store_get_place_text (store, p), ==, "As Sukhnah");
  actors = sitmap_event_store_get_actors (store, p, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (actors[0], ==, "Military Forces of Syria (2000-2024)");
  g_assert_cmpstr (actors[1], ==, "Islamic State (Syria)");
  citations = sitmap_event_store_get_citations (store, p, &n);
  g_assert_cmpuint (n, ==, 2);
  /* Each publisher is a source of the document, trimmed */
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (document, citations[0].source)), ==,
                   "Syrian Observatory for Human Rights");
  g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (document, citations[1].source)), ==,
                   "Step News Agency");
  figures = sitmap_event_store_get_figures (store, p, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (figures[0].kind, ==, SITMAP_FIGURE_KILLED);
  g_assert_cmpint (figures[0].min, ==, 54);
  g_assert_cmpstr (attribute (document, p, "admin1"), ==, "Homs");
  g_assert_cmpstr (attribute (document, p, "admin2"), ==, "Tadmor");
  g_assert_null (attribute (document, p, "admin3"));
  g_assert_cmpstr (attribute (document, p, "iso"), ==, "760");
  g_assert_cmpstr (attribute (document, p, "country"), ==, "Syria");
  /* The category says ACLED's current type: it is not kept twice (the writer writes it again) */
  g_assert_null (attribute (document, p, "event_type"));
  g_assert_cmpstr (attribute (document, p, "sub_event_type"), ==, "Armed clash");
  g_assert_cmpstr (attribute (document, p, "interaction"), ==, "12");
  g_assert_cmpstr (attribute (document, p, "source_scale"), ==, "National");
  g_assert_cmpstr (attribute (document, p, "timestamp"), ==, "1734567890");
  /* What Sitmap's fields say is not kept twice */
  g_assert_null (attribute (document, p, "notes"));
  g_assert_null (attribute (document, p, "latitude"));
  g_assert_null (attribute (document, p, "year"));

  /* time_precision 2: the week around the date; a note with quotes over two lines */
  p = find (document, "SYR2");
  assert_time (document, p, SITMAP_TIME_PRECISION_SPAN, "2024-12-04", "2024-12-11");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_REMOTE_VIOLENCE);
  g_assert_cmpint (columns->location_precision[p], ==, SITMAP_LOCATION_PRECISION_TOWN);
  g_assert_cmpstr (sitmap_event_store_get_summary (store, p), ==, "Strikes on \"the market\".\r\nA second line.");
  g_assert_cmpstr (attribute (document, p, "civilian_targeting"), ==, "Civilian targeting");

  /* time_precision 3: the month; geo_precision 3: the region; associates are actors too, after theirs */
  p = find (document, "SYR3");
  assert_time (document, p, SITMAP_TIME_PRECISION_MONTH, "2024-11-01", "2024-12-01");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_PROTEST);
  g_assert_cmpint (columns->location_precision[p], ==, SITMAP_LOCATION_PRECISION_REGION);
  g_assert_cmpint (columns->fatalities[p], ==, 0);
  actors = sitmap_event_store_get_actors (store, p, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (actors[0], ==, "Protesters (Syria)");
  g_assert_cmpstr (actors[1], ==, "Women (Syria)");
  g_assert_cmpstr (actors[2], ==, "Farmers (Syria)");
  g_assert_cmpstr (attribute (document, p, "assoc_actor_1"), ==, "Women (Syria); Farmers (Syria)");
  g_assert_cmpstr (sitmap_event_store_get_place_text (store, p), ==,
                   "\xD8\xA7\xD9\x84\xD9\x85\xD9\x8A\xD8\xA7\xD8\xAF\xD9\x8A\xD9\x86");
  g_assert_cmpstr (attribute (document, p, "tags"), ==, "crowd size=no report");

  /* No fatalities given: no figure */
  p = find (document, "IRQ1");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_STRATEGIC);
  g_assert_cmpint (columns->fatalities[p], ==, -1);
  g_assert_cmpuint (sitmap_event_store_get_actors (store, p, &n) != NULL, ==, TRUE);
  g_assert_cmpuint (n, ==, 1);

  /* The row after the two-line note is counted at its own line */
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 1);
  assert_skipped (import, 0, 7, 23, "latitude “123” is out of range");
  g_assert_cmpint (sitmap_document_find_event (document, "SYR4"), ==, -1);
  /* Publishers are the document's sources, once each; SANA's only row was skipped */
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (document)), ==, 4);
}

/* The old upper-case layout: 01-January-2015, DD/MM/YYYY, Riots/Protests told apart by the first actor */
static void
test_acled_old_uppercase (void)
{
  static const char table[] =
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,"
    "ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,"
    "GEO_PRECISION,SOURCE,NOTES,FATALITIES\r\n"
    "771,1BNG,1,01-January-2015,2015,1,Riots/Protests,Rioters (Bangladesh),AL: Awami League,5,"
    "Rioters (Bangladesh),AL: Awami League,5,55,Bangladesh,Khulna,,Sharsha,Bagachra,22.95,88.96,1,"
    "United News of Bangladesh,\"One injured.\nTwo arrested.\",0\r\n"
    "615,1416RTA,,18/04/2001,2001,1,Riots/Protests,Protesters (Algeria),,6,Police Forces of Algeria (1999-),,1,16,"
    "Algeria,Tizi Ouzou,Beni-Douala,,Beni Douala,36.61954,4.08282,1,Associated Press Online,A protest.,1\r\n"
    "615,2229RTA,,31/02/2001,2001,1,Riots/Protests,Rioters (Algeria),,5,,,0,50,Algeria,Bejaia,Amizour,,Amizour,"
    "36.64022,4.90131,1,Crisis Group,Impossible date.,0\r\n"
    "615,2230RTA,,21-Sept-2001,2001,2,Non-violent transfer of territory,A,,2,,,0,20,Algeria,Bejaia,Amizour,,"
    "Amizour,36.64022,4.90131,3,Crisis Group,Sept.,0\r\n";
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = read_csv (table, import);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const char *const *actors;
  guint p, n;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 3);
  p = find (document, "1BNG");
  assert_time (document, p, SITMAP_TIME_PRECISION_DAY, "2015-01-01", "2015-01-02");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_RIOT);
  g_assert_cmpstr (sitmap_event_store_get_summary (store_of (document), p), ==, "One injured.\nTwo arrested.");
  /* ally_actor_1 is today's assoc_actor_1 */
  g_assert_cmpstr (attribute (document, p, "assoc_actor_1"), ==, "AL: Awami League");
  g_assert_cmpstr (attribute (document, p, "gwno"), ==, "771");
  /* A type of before 2019 is kept as written */
  g_assert_cmpstr (attribute (document, p, "event_type"), ==, "Riots/Protests");
  g_assert_cmpstr (attribute (document, p, "event_id_no_cnty"), ==, "1");
  actors = sitmap_event_store_get_actors (store_of (document), p, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (actors[1], ==, "AL: Awami League");
  g_assert_cmpstr (actors[2], ==, "Rioters (Bangladesh)");

  p = find (document, "1416RTA");
  assert_time (document, p, SITMAP_TIME_PRECISION_DAY, "2001-04-18", "2001-04-19");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_PROTEST);

  p = find (document, "2230RTA");
  assert_time (document, p, SITMAP_TIME_PRECISION_SPAN, "2001-09-18", "2001-09-25");
  g_assert_cmpint (columns->category[p], ==, SITMAP_CATEGORY_STRATEGIC);

  /* 31 February: skipped, at its line (the note above spans two), in the date's column */
  assert_skipped (import, 0, 5, 4, "there is no date “31/02/2001”");
}

/* pandas' output of the ACLED API: alphabetical columns, an index without a name, trailing spaces */
static void
test_acled_pandas (void)
{
  static const char table[] =
    ",actor1,actor2,admin1,country,event_date,event_id_cnty,event_type,fatalities,geo_precision,inter1,latitude,"
    "location,longitude,notes,source,time_precision,year\n"
    "0,Al Shabaab,Civilians (Somalia),Bay,Somalia,2016-07-02,8087RTA,Remote violence,2,1,2,3.11718,Baidoa,43.6469,"
    "Mortar attack. ,Agence France Presse ,1,2016\n";
  g_autoptr (SitmapDocument) document = read_csv (table, NULL);
  guint p = find (document, "8087RTA");
  const SitmapCitationRecord *citations;
  guint n;

  g_assert_cmpint (sitmap_document_get_columns (document)->category[p], ==, SITMAP_CATEGORY_REMOTE_VIOLENCE);
  g_assert_cmpstr (sitmap_event_store_get_summary (store_of (document), p), ==, "Mortar attack.");
  citations = sitmap_event_store_get_citations (store_of (document), p, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (document, citations[0].source)), ==,
                   "Agence France Presse");
  /* The index is the file's row number, not something the event says */
  g_assert_cmpuint (sitmap_event_store_get_n_attributes (store_of (document), p), ==, 4); /* admin1, country, event_type, inter1 */
  g_assert_cmpstr (attribute (document, p, "inter1"), ==, "2");
}

/* Rows Sitmap cannot keep are skipped with where and why; reading goes on */
static void
test_skipped_rows (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GString) table = g_string_new (ACLED_HEADER "\n");
  g_autoptr (SitmapDocument) document = NULL;
  static const char *const rows[] = {
    /* line 2: fine */
    "A1,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,34,38,1,S,,N,0,,",
    /* 3 */ "A2,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,1e308,38,1,S,,N,0,,",
    /* 4 */ "A3,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,34,1e999,1,S,,N,0,,",
    /* 5 */ "A4,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,34,38,1,S,,N,99999999999999999999,,",
    /* 6: the largest count a figure has room for in the column, kept */
    "A5,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,34,38,1,S,,N,2147483647,,",
    /* 7 */ "A6,2024-13-01,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,34,38,1,S,,N,0,,",
    /* 8 */ "A7,2024-12-10,2024,7,,Battles,,X,,1,,,,,,,,,,,,P,34,38,1,S,,N,0,,",
    /* 9 */ "A8,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,34,38,4,S,,N,0,,",
    /* 10 */ "A9,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,,38,1,S,,N,0,,",
    /* 11: too few fields */ "A10,2024-12-10,2024",
    /* 12: a NUL (written below) */ "A11,2024-12-10,2024,1,,Battles,,X@,,1,,,,,,,,,,,,P,34,38,1,S,,N,0,,",
    /* 13: the header again, as where two files were joined, its byte order mark inside */
    "\xEF\xBB\xBF" ACLED_HEADER,
    /* 14: no coordinates at all: kept, not placed */
    "A12,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,,,,,S,,N,0,,",
    /* 15: twelve o'clock pandas writes 12.0 */
    "A13,2024-12-10,2024,1,,Battles,,X,,1,,,,,,,,,,,,P,-33.5,-70.6,1,S,,N,12.0,,",
  };
  guint n_nul;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (table, "%s\n", rows[i]);
  /* The @ is a NUL */
  n_nul = (guint) (strchr (table->str, '@') - table->str);
  table->str[n_nul] = '\0';
  {
    g_autoptr (GError) error = NULL;

    document = read_csv_full (table->str, table->len, import, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 4);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 10);
  assert_skipped (import, 0, 3, 23, "latitude “1e308” is out of range");
  assert_skipped (import, 1, 4, 24, "longitude “1e999” is not a number");
  assert_skipped (import, 2, 5, 29, "“99999999999999999999” is not a whole number");
  assert_skipped (import, 3, 7, 2, "there is no date “2024-13-01”");
  assert_skipped (import, 4, 8, 4, "time precision “7”");
  assert_skipped (import, 5, 9, 25, "geo precision “4”");
  assert_skipped (import, 6, 10, 23, "longitude is given without the latitude");
  assert_skipped (import, 7, 11, 0, "3 fields where the header has 31");
  assert_skipped (import, 8, 12, 8, "NUL");
  assert_skipped (import, 9, 13, 2, "the date “event_date” is not one Sitmap reads");
  g_assert_cmpint (sitmap_document_get_columns (document)->fatalities[find (document, "A5")], ==, G_MAXINT32);
  g_assert_cmpint (sitmap_event_store_get_figures (store_of (document), find (document, "A5"), &n_nul)[0].min, ==,
                   2147483647);
  g_assert_false (sitmap_document_get_columns (document)->flags[find (document, "A12")] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_cmpint (sitmap_document_get_columns (document)->fatalities[find (document, "A13")], ==, 12);
  /* And the messages a user copies name the file (the loader counts the events) */
  {
    g_autofree char *text = NULL;

    sitmap_import_report_set_n_events (sitmap_import_get_report (import), 4);
    text = sitmap_import_report_dup_text (sitmap_import_get_report (import));

    g_assert_nonnull (strstr (text, "table.csv: 4 events imported; 10 skipped"));
    g_assert_nonnull (strstr (text, "line 3, column 23: the latitude “1e308” is out of range"));
  }
}

/*
 * Hostile tables: refused, or their rows skipped, quickly, never crashing
 */

static void
test_unterminated_quote (void)
{
  g_autofree char *message = read_fails ("a,b,latitude,longitude\n1,2,3,4\n5,\"six,7,8\n9,10,11,12\n", -1,
                                         SITMAP_DOCUMENT_ERROR_MALFORMED);

  g_assert_nonnull (strstr (message, "line 3: column 2: its quote opens here and never closes"));
}

/* A first line of a gigabyte: refused after its first megabyte, without reading the rest. The gigabyte is
 * reserved, not touched: its pages beyond the first megabytes stay untouched. */
static void
test_gigabyte_line (void)
{
  gsize size = (gsize) 1 << 30;
  char *data = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;

  g_assert_true (data != MAP_FAILED);
  memset (data, 'x', 4 << 20);
  memcpy (data, "latitude,longitude,", 19);
  bytes = g_bytes_new_static (data, size);
  sitmap_import_begin (import, "table.csv", NULL);
  document = sitmap_csv_read (bytes, import, &error);
  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "line 1: the first line is longer than 1 MB"));
  g_clear_pointer (&bytes, g_bytes_unref);
  munmap (data, size);
}

/* A field of 100 MB skips its row; the rows after it are read */
static void
test_huge_field (void)
{
  gsize field = 100 << 20;
  g_autoptr (GString) table = g_string_sized_new (field + 1024);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  g_string_append (table, "id,latitude,longitude,notes\n1,34,38,short\n2,34,38,\"");
  g_string_set_size (table, table->len + field);
  memset (table->str + table->len - field, 'x', field);
  g_string_append (table, "\"\n3,34,38,short\n");
  document = read_csv_full (table->str, table->len, import, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  assert_skipped (import, 0, 3, 4, "a field longer than 1 MB");
  g_assert_cmpint (sitmap_document_find_event (document, "3"), >=, 0);
}

/* A header of a million columns is refused (its line is over a megabyte), and so is one of 20,000; a row of
 * a million fields is skipped */
static void
test_million_columns (void)
{
  g_autoptr (GString) table = g_string_new (NULL);
  g_autofree char *message = NULL;
  g_autofree char *wide = NULL;
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 1000000; i++)
    g_string_append (table, i ? ",c" : "c");
  g_string_append (table, "\n");
  message = read_fails (table->str, table->len, SITMAP_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (message, "line 1: the first line is longer than 1 MB"));
  g_string_truncate (table, 2 * 20000 - 1);
  g_string_append (table, "\n1\n");
  wide = read_fails (table->str, table->len, SITMAP_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (wide, "line 1: the header has more than 10000 columns"));

  g_string_assign (table, "id,latitude,longitude\n1,34,38\n");
  for (guint i = 0; i < 1000000; i++)
    g_string_append (table, ",");
  g_string_append (table, "\n3,34,38\n");
  document = read_csv_full (table->str, table->len, import, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  assert_skipped (import, 0, 3, 0, "1000001 fields where the header has 3");
}

static void
test_binary_header (void)
{
  static const char table[] = "id,lat\0itude,longitude\n1,34,38\n";
  g_autofree char *message = read_fails (table, sizeof table - 1, SITMAP_DOCUMENT_ERROR_MALFORMED);

  g_assert_nonnull (strstr (message, "NUL"));
}

/*
 * Encodings
 */

static const char *
first_place (SitmapDocument *document)
{
  return sitmap_event_store_get_place_text (store_of (document), 0);
}

/* Whether a note of the report says words; its line in *line */
static gboolean
has_note_at (SitmapImport *import, const char *words, guint *line)
{
  SitmapImportReport *report = sitmap_import_get_report (import);

  for (guint i = 0; i < sitmap_import_report_get_n_notes (report); i++)
    if (strstr (sitmap_import_report_get_note (report, i, line, NULL), words) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_note (SitmapImport *import, const char *words)
{
  return has_note_at (import, words, NULL);
}

/* An empty file, and one of a byte order mark alone, are refused with words, not read. (Found by fuzz-csv:
 * the empty file's bytes have no data, and the reader did arithmetic on that NULL, which clang's UBSan
 * stops on; GCC's does not, so tests/fuzz/regressions/csv/empty.csv is the check that fails without it.) */
static void
test_empty (void)
{
  g_autofree char *empty = read_fails ("", 0, SITMAP_DOCUMENT_ERROR_MALFORMED);
  g_autofree char *bom = read_fails ("\xEF\xBB\xBF", 3, SITMAP_DOCUMENT_ERROR_MALFORMED);

  g_assert_cmpstr (empty, ==, "table.csv: the file is empty");
  g_assert_cmpstr (bom, ==, "table.csv: the file is empty");
}

static void
test_encodings (void)
{
  /* Windows-1252: é (E9), € (80), ’ (92); no UTF-8 in it */
  {
    g_autoptr (SitmapImport) import = sitmap_import_new ();
    g_autoptr (SitmapDocument) document = read_csv ("id,place,latitude,longitude\n1,Caf\xE9 \x80 l\x92\x61rbre,34,38\n",
                                                    import);

    g_assert_cmpstr (first_place (document), ==, "Caf\xC3\xA9 \xE2\x82\xAC l\xE2\x80\x99\x61rbre");
    g_assert_true (has_note (import, "Windows-1252"));
    /* The report the user reads and copies says so, under its summary */
    {
      g_autofree char *text = sitmap_import_report_dup_text (sitmap_import_get_report (import));

      g_assert_nonnull (strstr (text, "\nThe file is not UTF-8: it was read as Windows-1252"));
    }
  }
  /* UTF-8 with one broken byte: repaired, and said where */
  {
    g_autoptr (SitmapImport) import = sitmap_import_new ();
    g_autoptr (SitmapDocument) document =
      read_csv ("id,place,latitude,longitude\n1,D\xC3\xA9ir,34,38\n2,Bad\xFF,34,38\n", import);
    guint line = 0;

    g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
    g_assert_cmpstr (sitmap_event_store_get_place_text (store_of (document), find (document, "2")), ==,
                     "Bad\xEF\xBF\xBD");
    g_assert_true (has_note_at (import, "not UTF-8", &line));
    g_assert_cmpuint (line, ==, 3);
    /* Said once, though the file was read twice */
    g_assert_cmpuint (sitmap_import_report_get_n_notes (sitmap_import_get_report (import)), ==, 2);
  }
  /* UTF-16 with its byte order mark, as Excel's "Unicode Text" writes, tab-separated */
  {
    static const char utf8[] = "id\tplace\tlatitude\tlongitude\r\n1\tD\xC3\xA9ir ez-Zor\t35.33\t40.14\r\n";
    g_autoptr (SitmapImport) import = sitmap_import_new ();
    gsize length = 0;
    g_autofree char *utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
    g_autofree char *with_mark = g_malloc (length + 2);
    g_autoptr (GError) error = NULL;
    g_autoptr (SitmapDocument) document = NULL;

    with_mark[0] = '\xFF';
    with_mark[1] = '\xFE';
    memcpy (with_mark + 2, utf16, length);
    document = read_csv_full (with_mark, length + 2, import, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (first_place (document), ==, "D\xC3\xA9ir ez-Zor");
    g_assert_true (has_note (import, "UTF-16"));
  }
  /* The encoding an option declares */
  {
    g_autoptr (SitmapImport) import = sitmap_import_new ();
    g_autoptr (SitmapDocument) document = NULL;

    sitmap_import_set_option (import, "encoding", "ISO-8859-1");
    /* These bytes are valid UTF-8 too: only the option says they are not */
    document = read_csv ("id,place,latitude,longitude\n1,\xC3\xA9,34,38\n", import);
    g_assert_cmpstr (first_place (document), ==, "\xC3\x83\xC2\xA9");
  }
  /* A byte order mark before the header, and another inside a value */
  {
    g_autoptr (SitmapDocument) document =
      read_csv ("\xEF\xBB\xBFid,place,latitude,longitude\n\xEF\xBB\xBF\x31,\xEF\xBB\xBFHoms,34,38\n", NULL);

    g_assert_cmpint (sitmap_document_find_event (document, "1"), ==, 0);
    g_assert_cmpstr (first_place (document), ==, "Homs");
  }
}

/*
 * Tables that are not ACLED's
 */

static void
test_generic_sure (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document =
    read_csv ("Name;Lat;Lon;When;Type;Killed;Remarks\r\n"
              "Strike on a depot;34,8853;38,8711;07/12/2024;battle;3;A depot was hit.\r\n"
              "Convoy;35,1;39,2;2024-12-08T05:30:00Z;earthquake;;\r\n",
              import);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  double latitude, longitude;
  SitmapTime time;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  /* A semicolon table writes decimal commas */
  g_assert_true (sitmap_event_store_get_location (store_of (document), 0, &latitude, &longitude));
  g_assert_cmpfloat (latitude, ==, 34.8853);
  g_assert_cmpfloat (longitude, ==, 38.8711);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), 0), ==, "Strike on a depot");
  /* Day first where nothing says otherwise */
  assert_time (document, 0, SITMAP_TIME_PRECISION_DAY, "2024-12-07", "2024-12-08");
  g_assert_cmpint (columns->category[0], ==, SITMAP_CATEGORY_BATTLE);
  g_assert_cmpint (columns->fatalities[0], ==, 3);
  sitmap_event_store_get_time (store_of (document), 1, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (time.start, ==, io_time ("2024-12-08T05:30:00Z"));
  g_assert_cmpint (columns->category[1], ==, SITMAP_CATEGORY_OTHER);
  /* The category's own word is kept, and the column no field took */
  g_assert_cmpstr (attribute (document, 1, "Type"), ==, "earthquake");
  g_assert_cmpstr (attribute (document, 0, "Remarks"), ==, "A depot was hit.");
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_LATITUDE), ==, 1);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_DATE), ==, 3);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_TITLE), ==, 0);
  /* The report says which column became what, as --columns would write it */
  g_assert_cmpstr (sitmap_import_report_get_note (sitmap_import_get_report (import), 0, NULL, NULL), ==,
                   "Columns read: title = “Name”, date = “When”, latitude = “Lat”, longitude = “Lon”, "
                   "category = “Type”, fatalities = “Killed”");
}

/* Month first when a value cannot be day first */
static void
test_generic_month_first (void)
{
  g_autoptr (SitmapDocument) document =
    read_csv ("latitude,longitude,date\n34,38,12/10/2024\n34,38,12/25/2024\n", NULL);

  assert_time (document, 0, SITMAP_TIME_PRECISION_DAY, "2024-12-10", "2024-12-11");
  assert_time (document, 1, SITMAP_TIME_PRECISION_DAY, "2024-12-25", "2024-12-26");
}

/* Columns Sitmap cannot tell: the guesses, and an error the window answers with the mapping dialog */
static void
test_generic_needs_mapping (void)
{
  static const char table[] = "site,northing,easting,day,what\nA,34.1,38.2,2024-12-10,x\nB,35,39,2024-12-11,y\n";
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_csv_full (table, -1, import, &error);
  const char *const *columns;

  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  g_assert_nonnull (strstr (error->message, "--columns latitude="));
  columns = sitmap_import_get_columns (import);
  g_assert_nonnull (columns);
  g_assert_cmpuint (g_strv_length ((char **) columns), ==, 5);
  g_assert_cmpstr (columns[1], ==, "northing");
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_LATITUDE), ==, -1);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_DATE), ==, 3);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_PLACE), ==, 0);

  /* The user's choice, as the dialog and --columns set it */
  g_clear_error (&error);
  g_assert_true (sitmap_csv_parse_columns ("latitude=northing, longitude = #3,title=\"what\"", import, &error));
  g_assert_no_error (error);
  document = read_csv_full (table, -1, import, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), 0), ==, "x");
  g_assert_cmpstr (sitmap_event_store_get_place_text (store_of (document), 0), ==, "A");
  assert_time (document, 1, SITMAP_TIME_PRECISION_DAY, "2024-12-11", "2024-12-12");
  g_clear_object (&document);

  /* A column no table has */
  sitmap_import_set_option (import, "latitude", "lat");
  document = read_csv_full (table, -1, import, &error);
  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  g_assert_nonnull (strstr (error->message, "there is no column “lat” for the latitude; the columns are “site”, “northing”"));
}

/* x and y may be metres of a projection: a guess, not a certainty */
static void
test_generic_xy_asks (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_csv_full ("x,y,name\n38,34,a\n", -1, import, &error);

  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_LONGITUDE), ==, 0);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_LATITUDE), ==, 1);
}

static void
test_parse_columns (void)
{
  static const struct
  {
    const char *spec;
    const char *words; /* of the error, NULL when it parses */
  } cases[] = {
    { "latitude=lat,longitude=lon,date=when,title=name", NULL },
    { "latitude=\"a, \"\"b\"\"\",summary=", NULL },
    { "lat=x", "“lat” is not a field; the fields are id, title" },
    { "latitude", "has no “=”" },
    { "latitude=a,latitude=b", "“latitude” is given twice" },
    { "title=\"unfinished", "does not end" },
    { "", "no column is given" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SitmapImport) import = sitmap_import_new ();
      g_autoptr (GError) error = NULL;
      gboolean ok = sitmap_csv_parse_columns (cases[i].spec, import, &error);

      if (cases[i].words == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
          if (strstr (error->message, cases[i].words) == NULL)
            g_error ("“%s”: “%s” does not say “%s”", cases[i].spec, error->message, cases[i].words);
        }
    }
  {
    g_autoptr (SitmapImport) import = sitmap_import_new ();

    g_assert_true (sitmap_csv_parse_columns ("latitude=\"a, \"\"b\"\"\",summary=, date = when ", import, NULL));
    g_assert_cmpstr (sitmap_import_get_option (import, "latitude"), ==, "a, \"b\"");
    g_assert_cmpstr (sitmap_import_get_option (import, "summary"), ==, "");
    g_assert_cmpstr (sitmap_import_get_option (import, "date"), ==, "when");
  }
}

/*
 * Detection
 */

static const SitmapFormat *
detect (const char *text, const char *name)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));

  return sitmap_format_detect (bytes, name, NULL);
}

static void
test_detection (void)
{
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) current_codebook, sizeof current_codebook - 1), >=, 90);
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) "a,b\n1,2\n3,4\n", 12), >, 0);
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) "a,b\n1,2\n3,4\n", 12), <, 50);
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) "<kml><Document/></kml>", 22), ==, 0);
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) "{\"type\": \"a,b\"}", 15), ==, 0);
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) "a,b\0\n1,2\n", 9), ==, 0);
  g_assert_cmpuint (sitmap_csv_sniff ((const guint8 *) "just words\nmore words\n", 22), ==, 0);

  /* By content, whatever the name says; the name for a table without ACLED's header */
  g_assert_cmpstr (detect (current_codebook, "export.txt")->id, ==, "csv");
  g_assert_cmpstr (detect ("a;b\n1;2\n", "points.tsv")->id, ==, "csv");
  g_assert_cmpstr (detect ("a,b\n1,2\n", "points.csv")->id, ==, "csv");
  g_assert_cmpstr (detect ("<?xml version=\"1.0\"?><kml/>", "points.csv")->id, ==, "kml");
  g_assert_cmpstr (sitmap_format_for_name ("Export.CSV")->id, ==, "csv");
  g_assert_null (sitmap_format_for_name ("notes.txt"));
}

/*
 * Threads
 */

static char *
make_table (guint n_rows, gboolean crlf)
{
  GString *table = g_string_new (ACLED_HEADER);

  g_string_append (table, crlf ? "\r\n" : "\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (table,
                            "E%u,2024-%02u-%02u,2024,%u,Political violence,Battles,Armed clash,Actor %u,,1,Actor %u,,2,12,,"
                            "760,Middle East,Syria,Admin %u,,,Place %u,%u.%04u,%u.%04u,%u,Source %u; Source %u,,"
                            "\"Note %u, with a comma%s\",%u,,17345%05u%s",
                            i, 1 + i % 12, 1 + i % 28, 1 + i % 3, i % 7, i % 5, i % 9, i % 101, 30 + i % 5, i % 9999,
                            36 + i % 5, (i * 7) % 9999, 1 + i % 3, i % 11, i % 13, i,
                            i % 10 == 3 ? "\nover two lines" : "", i % 50, i % 1000, crlf ? "\r\n" : "\n");
  return g_string_free (table, FALSE);
}

static SitmapDocument *
read_with_threads (const char *text, guint threads, gsize min_bytes, SitmapImport *import)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;
  SitmapDocument *document;

  sitmap_import_begin (import, "table.csv", NULL);
  document = sitmap_csv_read_full (bytes, import, threads, min_bytes, &error);
  g_assert_no_error (error);
  return document;
}

static void
assert_same_events (SitmapDocument *a, SitmapDocument *b)
{
  SitmapEventStore *sa = store_of (a), *sb = store_of (b);

  g_assert_cmpuint (sitmap_document_get_n_events (a), ==, sitmap_document_get_n_events (b));
  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (a)), ==,
                    g_list_model_get_n_items (sitmap_document_get_sources (b)));
  for (guint s = 0; s < g_list_model_get_n_items (sitmap_document_get_sources (a)); s++)
    g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (a, s)), ==,
                     sitmap_source_get_id (sitmap_document_get_source (b, s)));
  for (guint i = 0; i < sitmap_document_get_n_events (a); i++)
    {
      SitmapTime ta, tb;
      guint na, nb;

      g_assert_cmpstr (sitmap_event_store_get_id (sa, i), ==, sitmap_event_store_get_id (sb, i));
      g_assert_cmpstr (sitmap_event_store_get_title (sa, i), ==, sitmap_event_store_get_title (sb, i));
      g_assert_cmpstr (sitmap_event_store_get_summary (sa, i), ==, sitmap_event_store_get_summary (sb, i));
      sitmap_event_store_get_time (sa, i, &ta);
      sitmap_event_store_get_time (sb, i, &tb);
      g_assert_cmpint (ta.start, ==, tb.start);
      g_assert_cmpint (ta.end, ==, tb.end);
      g_assert_cmpuint (sitmap_event_store_get_n_attributes (sa, i), ==, sitmap_event_store_get_n_attributes (sb, i));
      g_assert_cmpstr (sitmap_event_store_lookup_attribute (sa, i, "timestamp"), ==,
                       sitmap_event_store_lookup_attribute (sb, i, "timestamp"));
      sitmap_event_store_get_citations (sa, i, &na);
      sitmap_event_store_get_citations (sb, i, &nb);
      g_assert_cmpuint (na, ==, nb);
      sitmap_event_store_get_actors (sa, i, &na);
      sitmap_event_store_get_actors (sb, i, &nb);
      g_assert_cmpuint (na, ==, nb);
    }
}

/* Several threads make what one makes: the same events in the same order, the same sources, and skipped rows
 * at the same lines */
static void
test_threads_agree (void)
{
  g_autofree char *table = make_table (20000, TRUE);
  g_autoptr (SitmapImport) one = sitmap_import_new ();
  g_autoptr (SitmapImport) four = sitmap_import_new ();
  g_autoptr (SitmapDocument) a = NULL;
  g_autoptr (SitmapDocument) b = NULL;
  char *bad;

  /* Two bad rows, one late in the file: their lines must not depend on the threads */
  bad = strstr (table, "\nE15001,");
  bad = strchr (bad + 1, ',') + 1;
  memcpy (bad, "2024-13", 7);
  bad = strstr (table, "\nE3,");
  bad = strchr (bad + 1, ',') + 1;
  memcpy (bad, "2024-13", 7);
  a = read_with_threads (table, 1, 0, one);
  b = read_with_threads (table, 4, 64 * 1024, four);
  assert_same_events (a, b);
  g_assert_cmpuint (sitmap_document_get_n_events (a), ==, 19998);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (four)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      guint la, lb, ca, cb;

      sitmap_import_report_get_skipped (sitmap_import_get_report (one), i, &la, &ca);
      sitmap_import_report_get_skipped (sitmap_import_get_report (four), i, &lb, &cb);
      g_assert_cmpuint (la, ==, lb);
      g_assert_cmpuint (ca, ==, cb);
    }
  /* E3 is on line 5 (E0…E2 on lines 2–4, E3's note is the first over two lines) */
  assert_skipped (one, 0, 5, 2, "2024-13");
}

/* A quoted field whose lines look like rows: where a thread begins inside it, the range before does not end
 * there, and the file is read again by one thread, rightly. */
static void
test_threads_mistaken_boundary (void)
{
  g_autoptr (GString) table = g_string_new ("id,latitude,longitude,notes\n1,34,38,\"");
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (table, "fake%u,34,38,looks like a row\n", i);
  g_string_append (table, "\"\n2,35,39,last\n");
  document = read_with_threads (table->str, 2, 1024, import);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  g_assert_true (g_str_has_prefix (sitmap_event_store_get_summary (store_of (document), 0), "fake0,34,38,"));
}

/*
 * The scanner against a reference: byte by byte, as Python's csv module reads
 */

typedef struct
{
  const char *start;
  gsize       length;
  gboolean    quoted;
} RefField;

/* One record from *p: its fields, the lines it takes; FALSE when a quote does not close */
static gboolean
reference_row (const char **p, const char *end, GArray *fields, guint64 *lines)
{
  const char *q = *p;

  g_array_set_size (fields, 0);
  for (;;)
    {
      RefField field = { q, 0, FALSE };

      if (q < end && *q == '"')
        {
          field.quoted = TRUE;
          for (q++;; q++)
            {
              if (q >= end)
                return FALSE;
              if (*q == '\n')
                (*lines)++;
              if (*q == '"' && q + 1 < end && q[1] == '"')
                q++;
              else if (*q == '"')
                break;
            }
          q++;
        }
      while (q < end && *q != ',' && *q != '\n' && *q != '\r')
        q++;
      field.length = q - field.start;
      g_array_append_val (fields, field);
      if (q >= end)
        break;
      if (*q == ',')
        {
          q++;
          if (q >= end)
            {
              RefField empty = { q, 0, FALSE };

              g_array_append_val (fields, empty);
              break;
            }
          continue;
        }
      if (*q == '\r' && q + 1 < end && q[1] == '\n')
        q++;
      q++;
      (*lines)++;
      break;
    }
  *p = q;
  return TRUE;
}

/* Random text of commas, quotes, line breaks and letters, in every length around the scanner's blocks */
static void
test_scanner_matches_reference (void)
{
  static const char alphabet[] = "aaaaaaaaab ,,,\"\"\n\r";
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (RefField));
  SitmapCsvField fields[64];

  for (guint round = 0; round < 20000; round++)
    {
      guint length = g_rand_int_range (rand, 0, 80);
      /* Exactly as long as the text: reading past it would be caught by AddressSanitizer */
      g_autofree char *text = g_malloc (MAX (length, 1));
      const char *p, *end = text + length;
      SitmapCsvScanner scanner;
      guint64 lines = 0;

      for (guint i = 0; i < length; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      sitmap_csv_scanner_init (&scanner, text, end, ',');
      p = text;
      while (p < end)
        {
          gboolean closed = reference_row (&p, end, expected, &lines);
          guint n, bad;
          SitmapCsvRowStatus status = sitmap_csv_scan_row (&scanner, fields, G_N_ELEMENTS (fields), &n, &bad);

          if (!closed)
            {
              g_assert_cmpint (status, ==, SITMAP_CSV_ROW_UNTERMINATED);
              g_assert_cmpuint (bad + 1, ==, n);
              break;
            }
          g_assert_cmpint (status, ==, SITMAP_CSV_ROW_OK);
          g_assert_cmpuint (n, ==, expected->len);
          for (guint i = 0; i < n && i < G_N_ELEMENTS (fields); i++)
            {
              const RefField *e = &g_array_index (expected, RefField, i);

              g_assert_true (fields[i].start == e->start);
              g_assert_cmpuint (fields[i].length, ==, e->length);
              g_assert_cmpint (fields[i].quoted, ==, e->quoted);
            }
          g_assert_true (scanner.p == p);
          g_assert_cmpuint (scanner.line, ==, lines);
        }
    }
  /* A field's text: quotes doubled made single, what follows the closing quote kept */
  {
    static const char messy[] = "\"ab\"\"c\"d ,\" plain \",x";
    g_autoptr (GString) scratch = g_string_new (NULL);
    SitmapCsvScanner scanner;
    const char *text;
    gsize n;
    guint count, bad;

    sitmap_csv_scanner_init (&scanner, messy, messy + sizeof messy - 1, ',');
    g_assert_cmpint (sitmap_csv_scan_row (&scanner, fields, 4, &count, &bad), ==, SITMAP_CSV_ROW_OK);
    g_assert_cmpuint (count, ==, 3);
    text = sitmap_csv_field_text (&fields[0], ',', scratch, &n);
    g_assert_cmpmem (text, n, "ab\"cd", 5);
    text = sitmap_csv_field_text (&fields[1], ',', scratch, &n);
    g_assert_cmpmem (text, n, "plain", 5);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/acled/current-codebook", test_acled_current);
  g_test_add_func ("/csv/acled/old-upper-case", test_acled_old_uppercase);
  g_test_add_func ("/csv/acled/pandas", test_acled_pandas);
  g_test_add_func ("/csv/skipped-rows", test_skipped_rows);
  g_test_add_func ("/csv/hostile/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/hostile/gigabyte-line", test_gigabyte_line);
  g_test_add_func ("/csv/hostile/huge-field", test_huge_field);
  g_test_add_func ("/csv/hostile/million-columns", test_million_columns);
  g_test_add_func ("/csv/hostile/binary-header", test_binary_header);
  g_test_add_func ("/csv/hostile/empty", test_empty);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/generic/sure", test_generic_sure);
  g_test_add_func ("/csv/generic/month-first", test_generic_month_first);
  g_test_add_func ("/csv/generic/needs-mapping", test_generic_needs_mapping);
  g_test_add_func ("/csv/generic/x-y-asks", test_generic_xy_asks);
  g_test_add_func ("/csv/parse-columns", test_parse_columns);
  g_test_add_func ("/csv/detection", test_detection);
  g_test_add_func ("/csv/scanner-matches-reference", test_scanner_matches_reference);
  g_test_add_func ("/csv/threads/agree", test_threads_agree);
  g_test_add_func ("/csv/threads/mistaken-boundary", test_threads_mistaken_boundary);
  return g_test_run ();
}
