/* sidebar-fixture.c: a document that mirrors the demo's events, for the sidebar tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar-test"

#include "config.h"

#include <math.h>

#include "sitmap-document-builder.h"
#include "sidebar-fixture.h"

static void
add_source (SitmapDocumentBuilder *builder,
            const char            *id,
            const char            *name,
            const char            *abbreviation,
            SitmapSourceKind       kind,
            gboolean               party,
            SitmapReliability      reliability,
            const char            *note)
{
  SitmapSource *source = sitmap_document_builder_add_source (builder, id);

  sitmap_source_set_name (source, name);
  sitmap_source_set_abbreviation (source, abbreviation);
  sitmap_source_set_kind (source, kind);
  sitmap_source_set_party (source, party);
  sitmap_source_set_reliability (source, reliability);
  sitmap_source_set_note (source, note);
}

static void
add_place (SitmapDocumentBuilder *builder, const char *id, const char *name, SitmapPlaceKind kind, double latitude,
           double longitude)
{
  g_autoptr (SitmapPlace) place = sitmap_place_new (id, name, kind, latitude, longitude, NULL);

  g_assert_true (sitmap_document_builder_add_place (builder, place));
}

static void
set_time (SitmapTime *time, const char *when)
{
  g_autoptr (GError) error = NULL;

  if (when == NULL)
    sitmap_time_init_undated (time);
  else
    g_assert_true (sitmap_time_init_instant (time, when, &error));
  g_assert_no_error (error);
}

static void
add_citation (SitmapEventDraft *draft,
              const char       *source,
              const char       *via,
              const char       *url,
              const char       *paraphrase,
              const char       *published,
              const char       *accessed,
              SitmapCredibility credibility)
{
  SitmapCitationDraft citation = { 0 };

  citation.source_id = g_strdup (source);
  citation.via_id = g_strdup (via);
  citation.url = g_strdup (url);
  citation.paraphrase = g_strdup (paraphrase);
  set_time (&citation.published, published);
  set_time (&citation.accessed, accessed);
  citation.credibility = credibility;
  sitmap_event_draft_take_citation (draft, &citation);
}

static void
add_figure (SitmapEventDraft *draft, SitmapFigureKind kind, SitmapQualifier qualifier, gint64 min, const char *text)
{
  SitmapFigure figure = { kind, qualifier, min, SITMAP_FIGURE_UNKNOWN, text };

  sitmap_event_draft_add_figure (draft, &figure);
}

static void
begin_event (SitmapEventDraft *draft, const char *id, const char *title, SitmapCategory category, const char *when)
{
  sitmap_event_draft_init (draft);
  draft->id = g_strdup (id);
  draft->title = g_strdup (title);
  draft->category = category;
  set_time (&draft->time, when);
}

static void
end_event (SitmapDocumentBuilder *builder, SitmapEventDraft *draft)
{
  sitmap_document_builder_add_event (builder, draft);
  sitmap_event_draft_clear (draft);
}

static void
add_sources_and_places (SitmapDocumentBuilder *builder)
{
  add_source (builder, "sohr", "Syrian Observatory for Human Rights", "SOHR", SITMAP_SOURCE_KIND_MONITOR, FALSE,
              SITMAP_RELIABILITY_C, "Britain-based monitor with contacts inside Syria; its figures are often "
                                    "impossible to verify independently.");
  add_source (builder, "afp", "Agence France-Presse", "AFP", SITMAP_SOURCE_KIND_NEWS_AGENCY, FALSE,
              SITMAP_RELIABILITY_B, NULL);
  add_source (builder, "ikurd", "iKurd.net", NULL, SITMAP_SOURCE_KIND_NEWS_SITE, FALSE, SITMAP_RELIABILITY_UNRATED,
              NULL);
  add_source (builder, "centcom", "U.S. Central Command", "CENTCOM", SITMAP_SOURCE_KIND_OFFICIAL, TRUE,
              SITMAP_RELIABILITY_B, NULL);
  add_source (builder, "state", "U.S. Department of State", NULL, SITMAP_SOURCE_KIND_OFFICIAL, FALSE,
              SITMAP_RELIABILITY_UNRATED, NULL);
  add_source (builder, "sdc", "Ilham Ahmed, Syrian Democratic Council", "SDC", SITMAP_SOURCE_KIND_INDIVIDUAL, TRUE,
              SITMAP_RELIABILITY_D, NULL);
  add_source (builder, "markup", SIDEBAR_FIXTURE_MARKUP, SIDEBAR_FIXTURE_BROKEN, SITMAP_SOURCE_KIND_SOCIAL_MEDIA,
              FALSE, SITMAP_RELIABILITY_F, SIDEBAR_FIXTURE_MARKUP);

  add_place (builder, "place-sukhna", "As-Sukhnah", SITMAP_PLACE_KIND_TOWN, 34.8853, 38.8711);
  add_place (builder, "place-damascus", "Damascus", SITMAP_PLACE_KIND_CAPITAL, 33.5102, 36.2913);
  add_place (builder, "place-baghouz", "Al-Baghuz Fawqani", SITMAP_PLACE_KIND_VILLAGE, 34.4586, 40.9506);
  add_place (builder, "place-syria", "Syria", SITMAP_PLACE_KIND_COUNTRY, 35.0, 38.5);
}

static void
add_demo_events (SitmapDocumentBuilder *builder)
{
  SitmapEventDraft draft;

  begin_event (&draft, "ev-sukhna", SIDEBAR_FIXTURE_SUKHNA_TITLE, SITMAP_CATEGORY_BATTLE, "2024-12-10");
  draft.summary = g_strdup ("As the government collapsed, militants stopped soldiers who were leaving their posts "
                            "and killed them in the desert east of Homs.");
  draft.place_id = g_strdup ("place-sukhna");
  draft.place_text = g_strdup ("desert near As-Sukhnah");
  draft.location_precision = SITMAP_LOCATION_PRECISION_NEAR_TOWN;
  draft.radius_m = 25000;
  add_figure (&draft, SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_AT_LEAST, 54, NULL);
  sitmap_event_draft_add_actor (&draft, "Islamic State");
  add_citation (&draft, "sohr", "afp", SIDEBAR_FIXTURE_SUKHNA_URL,
                "The monitor counts at least 54 soldiers killed while fleeing military service.", "2024-12-10",
                "2024-12-12", SITMAP_CREDIBILITY_3);
  end_event (builder, &draft);

  begin_event (&draft, "ev-baghouz", "SDF end the territorial caliphate at Baghouz", SITMAP_CATEGORY_STRATEGIC,
               "2019-03");
  draft.place_id = g_strdup ("place-baghouz");
  add_citation (&draft, "afp", NULL, "https://www.afp.com/", NULL, NULL, NULL, SITMAP_CREDIBILITY_2);
  end_event (builder, &draft);

  begin_event (&draft, "ev-strikes", "U.S. strikes on Islamic State camps in the Badia",
               SITMAP_CATEGORY_REMOTE_VIOLENCE, NULL);
  g_assert_true (sitmap_time_init_span (&draft.time, "2024-12-07", "2024-12-08", NULL));
  draft.place_text = g_strdup ("the Badia");
  draft.latitude = 34.5;
  draft.longitude = 38.5;
  draft.location_precision = SITMAP_LOCATION_PRECISION_REGION;
  add_figure (&draft, SITMAP_FIGURE_OTHER, SITMAP_QUALIFIER_MORE_THAN, 75, "targets struck");
  add_citation (&draft, "centcom", NULL, "https://www.centcom.mil/", "The command says it struck leaders, "
                "operatives and camps.", "2024-12-08", NULL, SITMAP_CREDIBILITY_UNRATED);
  end_event (builder, &draft);

  begin_event (&draft, "ev-blinken", "Blinken warns that IS may exploit the chaos", SITMAP_CATEGORY_STATEMENT, NULL);
  add_citation (&draft, "state", NULL, "file:///etc/passwd", NULL, NULL, NULL, SITMAP_CREDIBILITY_UNRATED);
  end_event (builder, &draft);

  begin_event (&draft, "ev-war-begins", "The conflict begins", SITMAP_CATEGORY_CONTEXT, "2011");
  draft.place_id = g_strdup ("place-syria");
  add_figure (&draft, SITMAP_FIGURE_DISPLACED, SITMAP_QUALIFIER_UNQUANTIFIED, SITMAP_FIGURE_UNKNOWN, "millions");
  add_citation (&draft, "afp", NULL, NULL, NULL, NULL, NULL, SITMAP_CREDIBILITY_1);
  end_event (builder, &draft);

  begin_event (&draft, "ev-damascus", "The government falls in Damascus", SITMAP_CATEGORY_STRATEGIC, "2024-12-08");
  draft.place_id = g_strdup ("place-damascus");
  sitmap_event_draft_add_actor (&draft, "Hayat Tahrir al-Sham");
  sitmap_event_draft_add_actor (&draft, "Syrian government forces");
  add_citation (&draft, "sohr", "afp", NULL, NULL, NULL, NULL, SITMAP_CREDIBILITY_2);
  add_citation (&draft, "afp", NULL, NULL, NULL, NULL, NULL, SITMAP_CREDIBILITY_2);
  add_citation (&draft, "ikurd", NULL, "https://ikurd.net/", NULL, NULL, NULL, SITMAP_CREDIBILITY_UNRATED);
  add_citation (&draft, "sohr", NULL, NULL, NULL, NULL, NULL, SITMAP_CREDIBILITY_2);
  end_event (builder, &draft);

  begin_event (&draft, "ev-kurdish-toll", "Kurdish fighters killed fighting IS", SITMAP_CATEGORY_CONTEXT, NULL);
  g_assert_true (sitmap_time_init_span (&draft.time, "2019-03", NULL, NULL));
  add_figure (&draft, SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_MORE_THAN, 21000, NULL);
  add_citation (&draft, "sdc", NULL, NULL, NULL, NULL, NULL, SITMAP_CREDIBILITY_4);
  end_event (builder, &draft);
}

static void
add_edge_events (SitmapDocumentBuilder *builder)
{
  SitmapEventDraft draft;

  begin_event (&draft, "ev-markup", SIDEBAR_FIXTURE_MARKUP, SITMAP_CATEGORY_OTHER, "2024-12-01");
  draft.summary = g_strdup (SIDEBAR_FIXTURE_BROKEN);
  draft.place_text = g_strdup (SIDEBAR_FIXTURE_BROKEN);
  draft.latitude = 34.0;
  draft.longitude = 37.0;
  draft.location_precision = SITMAP_LOCATION_PRECISION_TOWN;
  sitmap_event_draft_add_actor (&draft, SIDEBAR_FIXTURE_MARKUP);
  add_figure (&draft, SITMAP_FIGURE_OTHER, SITMAP_QUALIFIER_EXACT, 3, SIDEBAR_FIXTURE_BROKEN);
  add_citation (&draft, "markup", "markup", "javascript:alert('<b>x</b>')", SIDEBAR_FIXTURE_MARKUP, NULL, NULL,
                SITMAP_CREDIBILITY_5);
  end_event (builder, &draft);

  begin_event (&draft, "ev-links", "Links of every kind", SITMAP_CATEGORY_OTHER, "2024-12-02");
  add_citation (&draft, "afp", NULL, "https://www.syriahr.com@evil.example/path", NULL, NULL, NULL,
                SITMAP_CREDIBILITY_UNRATED);
  add_citation (&draft, "afp", NULL, "ftp://files.example.org/report.pdf", NULL, NULL, NULL,
                SITMAP_CREDIBILITY_UNRATED);
  add_citation (&draft, "afp", NULL, "HTTP://News.Example.ORG/a?b=1", NULL, NULL, NULL, SITMAP_CREDIBILITY_UNRATED);
  add_citation (&draft, "afp", NULL, "/home/analyst/notes.txt", NULL, NULL, NULL, SITMAP_CREDIBILITY_UNRATED);
  end_event (builder, &draft);

  begin_event (&draft, "ev-no-source", "An event nobody cites", SITMAP_CATEGORY_PROTEST, "2024-12-03");
  end_event (builder, &draft);

  begin_event (&draft, "ev-point", "Something at a point", SITMAP_CATEGORY_RIOT, "2024-12-04T05:30:00Z");
  draft.latitude = 34.0;
  draft.longitude = 36.0;
  draft.radius_m = 500;
  end_event (builder, &draft);

  begin_event (&draft, "ev-unlocated", "A statement in Washington", SITMAP_CATEGORY_STATEMENT, "2024-12-09");
  draft.place_text = g_strdup ("Washington");
  end_event (builder, &draft);
}

SitmapDocument *
sidebar_fixture_new_document (const char *title, const char *description)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();

  sitmap_document_builder_set_title (builder, title);
  sitmap_document_builder_set_description (builder, description);
  add_sources_and_places (builder);
  add_demo_events (builder);
  add_edge_events (builder);
  return sitmap_document_builder_finish (builder);
}
