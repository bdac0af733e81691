/* model-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "model-test-utils.h"
#include "sitmap-document-builder.h"

const char *const model_test_words[] = {
  "Ḥomṣ", "HOMS", "As-Sukhnah", "Sukhna", "Deir ez-Zor", "Baghouz", "café", "Ṣaydnāyā", "Raqqa", "Aleppo",
  "shelling", "airstrike", "clashes", "convoy", "ambush", "checkpoint", "drone", "Palmyra", "Tadmur",
  "Euphrates", "ÉTAT", "l'armée", "al-Bab", "Kobanî", "Qamishli", "Idlib", "Hama", "Ḥamāh", "Daraa",
  "killed", "wounded", "civilians", "fighters", "withdrew", "advanced", "captured", "badia", "Mayadin",
};
const guint model_test_n_words = G_N_ELEMENTS (model_test_words);

const char *const model_test_actors[] = {
  "Hayat Tahrir al-Sham", "Syrian Arab Army", "Islamic State", "SDF", "Syrian National Army", "Russia",
  "Türkiye", "United States", "Israel", "Local militia",
};
const guint model_test_n_actors = G_N_ELEMENTS (model_test_actors);

static const struct
{
  const char *id, *name, *abbreviation;
  gboolean    party;
} sources[] = {
  { "sohr", "Syrian Observatory for Human Rights", "SOHR", FALSE },
  { "afp", "Agence France-Presse", "AFP", FALSE },
  { "reuters", "Reuters", NULL, FALSE },
  { "sana", "Syrian Arab News Agency", "SANA", TRUE },
  { "hts-media", "HTS Military Operations Command", NULL, TRUE },
  { "acled", "ACLED", NULL, FALSE },
  { "enab", "Enab Baladi", NULL, FALSE },
  { "planet", "Planet Labs imagery", NULL, FALSE },
};

static const struct
{
  const char *id, *name;
  double      latitude, longitude;
} places[] = {
  { "homs", "Ḥomṣ", 34.73, 36.71 },       { "sukhnah", "As-Sukhnah", 34.88, 38.87 },
  { "deir", "Deir ez-Zor", 35.33, 40.14 }, { "baghouz", "Al-Baghuz Fawqani", 34.45, 40.95 },
  { "palmyra", "Palmyra", 34.56, 38.27 }, { "raqqa", "Raqqa", 35.95, 39.01 },
};

/* Names of villages and people: three syllables make tens of thousands of rarer words, so that the
 * vocabulary is not only the common words. */
static void
append_name (GString *text, GRand *rand)
{
  static const char *const syllables[] = { "al", "ba", "da", "far", "ghu", "ha", "ja", "kha", "ma", "na",
                                           "qa", "ra", "sa", "sha", "ta", "wa", "ya", "za", "dhi", "mu",
                                           "ris", "tun", "bur", "sal", "kan", "dir", "hum", "nab", "raq", "zor" };

  for (guint i = 0; i < 3; i++)
    g_string_append (text, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
  g_string_append_printf (text, "%u", g_rand_int_range (rand, 0, 10));
}

static char *
random_text (GRand *rand, guint n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append (text, g_rand_int_range (rand, 0, 8) == 0 ? ", " : " ");
      if (g_rand_int_range (rand, 0, 4) == 0)
        append_name (text, rand);
      else
        g_string_append (text, model_test_words[g_rand_int_range (rand, 0, model_test_n_words)]);
    }
  return g_string_free (text, FALSE);
}

/* One summary in ten is HTML, as descriptions from other tools are. */
static char *
random_summary (GRand *rand)
{
  g_autofree char *text = random_text (rand, g_rand_int_range (rand, 3, 12));

  if (g_rand_int_range (rand, 0, 10) == 0)
    return g_strdup_printf ("<p>%s</p><p><a href=\"https://example.org/a\">l&eacute;gende</a> &amp; more</p>", text);
  return g_steal_pointer (&text);
}

static void
add_citations (SitmapEventDraft *draft, GRand *rand)
{
  guint n = g_rand_int_range (rand, 0, 5);

  for (guint i = 0; i < n; i++)
    {
      SitmapCitationDraft citation = { 0 };
      guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (sources));

      citation.source_id = g_strdup (sources[s].id);
      /* SOHR's reports often reach us through AFP. */
      if (s == 0 && g_rand_boolean (rand))
        citation.via_id = g_strdup ("afp");
      citation.credibility = g_rand_int_range (rand, SITMAP_CREDIBILITY_UNRATED, SITMAP_CREDIBILITY_6 + 1);
      sitmap_event_draft_take_citation (draft, &citation);
    }
}

static void
random_event (SitmapDocumentBuilder *builder, GRand *rand, const char *prefix, guint i)
{
  SitmapEventDraft draft;
  g_autofree char *date = NULL;
  guint n_actors = g_rand_int_range (rand, 0, 4);

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup_printf ("%s%u", prefix, i);
  draft.title = random_text (rand, g_rand_int_range (rand, 2, 6));
  draft.summary = g_rand_int_range (rand, 0, 8) ? random_summary (rand) : NULL;
  draft.category = g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES);
  date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2020, 2025), g_rand_int_range (rand, 1, 13),
                          g_rand_int_range (rand, 1, 29));
  g_assert_true (sitmap_time_init_instant (&draft.time, date, NULL));
  if (g_rand_int_range (rand, 0, 7) > 0)
    draft.place_id = g_strdup (places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))].id);
  else
    {
      draft.latitude = g_rand_double_range (rand, 32.5, 37);
      draft.longitude = g_rand_double_range (rand, 36, 42);
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    draft.place_text = g_strdup_printf ("near %s", model_test_words[g_rand_int_range (rand, 0, model_test_n_words)]);
  for (guint a = 0; a < n_actors; a++)
    sitmap_event_draft_add_actor (&draft, model_test_actors[g_rand_int_range (rand, 0, model_test_n_actors)]);
  if (g_rand_boolean (rand))
    {
      SitmapFigure killed = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_AT_LEAST, g_rand_int_range (rand, 0, 200),
                              SITMAP_FIGURE_UNKNOWN, NULL };

      sitmap_event_draft_add_figure (&draft, &killed);
    }
  add_citations (&draft, rand);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

SitmapDocument *
model_test_random_document (guint n, guint32 seed)
{
  return model_test_random_document_with_ids (n, seed, "event-");
}

SitmapDocument *
model_test_random_document_with_ids (guint n, guint32 seed, const char *prefix)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      SitmapSource *source = sitmap_document_builder_add_source (builder, sources[s].id);

      sitmap_source_set_name (source, sources[s].name);
      sitmap_source_set_abbreviation (source, sources[s].abbreviation);
      sitmap_source_set_party (source, sources[s].party);
      sitmap_source_set_reliability (source, (s + 1) % (SITMAP_RELIABILITY_F + 1));
    }
  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      g_autoptr (SitmapPlace) place = sitmap_place_new (places[p].id, places[p].name, SITMAP_PLACE_KIND_TOWN,
                                                        places[p].latitude, places[p].longitude, NULL);

      sitmap_document_builder_add_place (builder, place);
    }
  for (guint i = 0; i < n; i++)
    random_event (builder, rand, prefix, i);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}
