/* sitmap-generate: ACLED-shaped events as CSV or KML, N of them, the same bytes for the same seed
 *
 *   sitmap-generate [--format acled-csv|kml|kml-gdal] [--events N] [--seed S] [--order desc|asc|random]
 *                   [--crlf] [-o FILE]
 *
 * For benchmarks and tests that need large files shaped like the real ones: ACLED's current codebook (31
 * columns, `event_id_cnty … timestamp`) in central and eastern Syria and its neighbours, dated 2018–2024,
 * in ACLED's own export order (newest first) unless --order says otherwise. About 480 bytes a row. A few
 * notes hold commas, quotes and line breaks, as real ones do. The KML forms carry the same events:
 * `kml` as plain placemarks (name, description, TimeStamp, Point), `kml-gdal` as ogr2ogr writes a CSV
 * it converts (ExtendedData/SchemaData/SimpleData, one field per column).
 *
 * Deterministic: a splitmix64 generator seeded with S, no clock, no locale (numbers are formatted by hand).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/*
 * Randomness
 */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* A whole number in [0, n) */
static guint
rng_below (Rng *rng, guint n)
{
  return (guint) ((rng_next (rng) >> 32) * n >> 32);
}

/* TRUE with probability percent / 100 */
static gboolean
rng_percent (Rng *rng, guint percent)
{
  return rng_below (rng, 100) < percent;
}

/*
 * What ACLED's rows are made of
 */

typedef struct
{
  const char *name;
  const char *iso;
  const char *code; /* of event_id_cnty */
  const char *region;
  double      lat0, lat1, lon0, lon1;
} Country;

static const Country countries[] = {
  { "Syria", "760", "SYR", "Middle East", 32.5, 37.0, 35.8, 42.0 },
  { "Iraq", "368", "IRQ", "Middle East", 30.0, 37.0, 39.5, 47.5 },
  { "Lebanon", "422", "LBN", "Middle East", 33.1, 34.6, 35.2, 36.5 },
  { "Turkey", "792", "TUR", "Middle East", 36.2, 38.5, 36.0, 44.0 },
  { "Jordan", "400", "JOR", "Middle East", 29.5, 32.5, 35.5, 38.5 },
};

typedef struct
{
  const char *disorder;
  const char *event_type;
  const char *sub_event_type;
} EventKind;

static const EventKind kinds[] = {
  { "Political violence", "Battles", "Armed clash" },
  { "Political violence", "Battles", "Government regains territory" },
  { "Political violence", "Battles", "Non-state actor overtakes territory" },
  { "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack" },
  { "Political violence", "Explosions/Remote violence", "Air/drone strike" },
  { "Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED" },
  { "Political violence", "Violence against civilians", "Attack" },
  { "Political violence", "Violence against civilians", "Abduction/forced disappearance" },
  { "Demonstrations", "Protests", "Peaceful protest" },
  { "Demonstrations", "Protests", "Protest with intervention" },
  { "Demonstrations", "Riots", "Violent demonstration" },
  { "Political violence; Demonstrations", "Riots", "Mob violence" },
  { "Strategic developments", "Strategic developments", "Looting/property destruction" },
  { "Strategic developments", "Strategic developments", "Arrests" },
  { "Strategic developments", "Strategic developments", "Disrupted weapons use" },
};

typedef struct
{
  const char *name;
  guint       inter;
} Actor;

static const Actor actors[] = {
  { "Military Forces of Syria (2000-2024)", 1 },
  { "Military Forces of Russia (2000-)", 8 },
  { "Military Forces of Turkey (2016-)", 8 },
  { "Military Forces of Iraq (2020-)", 1 },
  { "Police Forces of Iraq (2020-)", 1 },
  { "Military Forces of Israel (2022-)", 8 },
  { "Military Forces of the United States (2021-)", 8 },
  { "Hayat Tahrir al-Sham", 2 },
  { "Islamic State (Syria)", 2 },
  { "Islamic State (Iraq)", 2 },
  { "SDF: Syrian Democratic Forces", 2 },
  { "SNA: Syrian National Army", 2 },
  { "Hezbollah", 3 },
  { "PMF: Popular Mobilization Forces", 3 },
  { "Unidentified Armed Group (Syria)", 3 },
  { "Unidentified Armed Group (Iraq)", 3 },
  { "Tribal Militia (Syria)", 4 },
  { "Protesters (Syria)", 6 },
  { "Protesters (Iraq)", 6 },
  { "Rioters (Lebanon)", 5 },
  { "Civilians (Syria)", 7 },
  { "Civilians (Iraq)", 7 },
};

static const char *const associates[] = {
  "Women (Syria)", "Farmers (Syria)", "Journalists (Iraq)", "Health Workers (Syria)", "Students (Iraq)",
  "Refugees/IDPs (Syria)", "Teachers (Lebanon)", "Government of Syria (2000-2024)",
};

static const char *const publishers[] = {
  "Syrian Observatory for Human Rights", "Step News Agency", "Deir Ezzor 24", "North Press Agency",
  "Shafaq News", "Rudaw", "Kurdistan 24", "Al Sumaria", "Enab Baladi", "SANA", "Reuters",
  "Agence France Presse", "Associated Press", "Xinhua", "Anadolu Agency", "National News Agency",
  "Jordan Times", "Smart News Agency", "Halab Today TV", "Syria Direct", "Twitter", "Facebook",
  "Telegram", "Liveuamap", "Airwars",
};

static const char *const scales[] = {
  "National", "Subnational", "Regional", "International", "National-Regional", "New media",
  "Local partner-National", "Other-New media",
};

static const char *const verbs[] = {
  "clashed with", "shelled positions of", "attacked", "struck", "ambushed", "exchanged fire with",
};

/* What a note says beyond who did what where: ACLED's notes run to a sentence or two more. */
static const char *const details[] = {
  " The clashes took place near the main road, according to local sources.",
  " Residents reported heavy damage to houses and a school in the area.",
  " The group claimed responsibility in a statement on its channels the next day.",
  " Local sources said the attack targeted a checkpoint at the entrance of the town.",
  " Several people were arrested afterwards; their number is not known.",
  " Reports differ on who started the fighting.",
};

static const char *const syllables[] = {
  "al", "ash", "der", "tal", "ain", "kafr", "abu", "umm", "bir", "jis", "ras", "qal", "mar", "bab", "hay",
  "sha", "dar", "kou", "nah", "sal", "rak", "ham", "zor", "bay", "mus", "tik", "ram", "sin", "jar", "dum",
};

#define N_ADMIN1 6
#define N_ADMIN2 5
#define N_PLACES 400

typedef struct
{
  char   *name;
  char   *admin1;
  char   *admin2;
  char   *admin3;
  guint   country;
  double  latitude;
  double  longitude;
} Place;

static char *
make_name (Rng *rng, guint n_syllables)
{
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < n_syllables; i++)
    g_string_append (name, syllables[rng_below (rng, G_N_ELEMENTS (syllables))]);
  name->str[0] = g_ascii_toupper (name->str[0]);
  return g_string_free (name, FALSE);
}

/* A gazetteer of places, each in its admin areas, made once from the seed. */
static Place *
make_places (Rng *rng)
{
  Place *places = g_new0 (Place, N_PLACES);
  char *admin1[G_N_ELEMENTS (countries)][N_ADMIN1];
  char *admin2[G_N_ELEMENTS (countries)][N_ADMIN1][N_ADMIN2];

  for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
    for (guint a = 0; a < N_ADMIN1; a++)
      {
        admin1[c][a] = make_name (rng, 2);
        for (guint b = 0; b < N_ADMIN2; b++)
          admin2[c][a][b] = make_name (rng, 2 + rng_below (rng, 2));
      }
  for (guint i = 0; i < N_PLACES; i++)
    {
      Place *place = &places[i];
      const Country *country;
      guint a = rng_below (rng, N_ADMIN1), b = rng_below (rng, N_ADMIN2);

      /* Most events are in Syria and Iraq. */
      place->country = rng_percent (rng, 80) ? rng_below (rng, 2) : rng_below (rng, G_N_ELEMENTS (countries));
      country = &countries[place->country];
      place->name = make_name (rng, 2 + rng_below (rng, 2));
      place->admin1 = g_strdup (admin1[place->country][a]);
      place->admin2 = g_strdup (admin2[place->country][a][b]);
      place->admin3 = rng_percent (rng, 70) ? make_name (rng, 2) : g_strdup ("");
      place->latitude = country->lat0 + (country->lat1 - country->lat0) * rng_below (rng, 1000000) / 1e6;
      place->longitude = country->lon0 + (country->lon1 - country->lon0) * rng_below (rng, 1000000) / 1e6;
    }
  for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
    for (guint a = 0; a < N_ADMIN1; a++)
      {
        g_free (admin1[c][a]);
        for (guint b = 0; b < N_ADMIN2; b++)
          g_free (admin2[c][a][b]);
      }
  return places;
}

static void
free_places (Place *places)
{
  for (guint i = 0; i < N_PLACES; i++)
    {
      g_free (places[i].name);
      g_free (places[i].admin1);
      g_free (places[i].admin2);
      g_free (places[i].admin3);
    }
  g_free (places);
}

/*
 * One event
 */

typedef struct
{
  guint       number;
  gint64      day;  /* days since 1970-01-01 */
  guint       time_precision;
  guint       kind;
  const Actor *actor1;
  const char *associate1;
  const Actor *actor2;
  const char *associate2;
  const Place *place;
  double      latitude, longitude;
  guint       geo_precision;
  char        source[160];
  const char *scale;
  GString    *notes;
  guint       fatalities;
  gboolean    civilian_targeting;
  gint64      timestamp;
} Event;

static void
civil_from_days (gint64 z, int *year, int *month, int *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

static const char *const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December",
};

/* The first and last days the events fall on: 2018-01-01 and 2024-12-31 */
#define FIRST_DAY 17532
#define N_DAYS    2557

static void
make_event (Rng *rng, const Place *places, guint number, gint64 day, Event *event)
{
  const EventKind *kind;
  int year, month, mday;
  guint n_sources;

  event->number = number;
  event->day = day;
  event->time_precision = rng_percent (rng, 85) ? 1 : rng_percent (rng, 65) ? 2 : 3;
  event->kind = rng_below (rng, G_N_ELEMENTS (kinds));
  kind = &kinds[event->kind];
  event->actor1 = &actors[rng_below (rng, G_N_ELEMENTS (actors))];
  event->associate1 = rng_percent (rng, 20) ? associates[rng_below (rng, G_N_ELEMENTS (associates))] : "";
  event->actor2 = rng_percent (rng, 75) ? &actors[rng_below (rng, G_N_ELEMENTS (actors))] : NULL;
  event->associate2 = event->actor2 && rng_percent (rng, 15) ? associates[rng_below (rng, G_N_ELEMENTS (associates))]
                                                               : "";
  event->place = &places[rng_below (rng, N_PLACES)];
  event->latitude = event->place->latitude;
  event->longitude = event->place->longitude;
  event->geo_precision = rng_percent (rng, 70) ? 1 : rng_percent (rng, 80) ? 2 : 3;
  event->scale = scales[rng_below (rng, G_N_ELEMENTS (scales))];
  event->fatalities = rng_percent (rng, 60) ? 0 : rng_percent (rng, 75) ? 1 + rng_below (rng, 5)
                                                                       : rng_below (rng, 120);
  event->civilian_targeting = strcmp (kind->event_type, "Violence against civilians") == 0;
  /* ACLED publishes weekly, on Tuesdays: a row's timestamp is the upload after its date. */
  event->timestamp = ((day + 7 + 4) / 7 * 7 + 1) * 86400 + 3600 * (7 + rng_below (rng, 3));

  n_sources = rng_percent (rng, 70) ? 1 : 2 + rng_below (rng, 2);
  event->source[0] = '\0';
  for (guint s = 0; s < n_sources; s++)
    {
      if (s > 0)
        g_strlcat (event->source, "; ", sizeof event->source);
      g_strlcat (event->source, publishers[rng_below (rng, G_N_ELEMENTS (publishers))], sizeof event->source);
    }

  civil_from_days (day, &year, &month, &mday);
  g_string_truncate (event->notes, 0);
  g_string_append_printf (event->notes, "On %d %s %d, %s %s %s in %s (%s, %s).", mday, month_names[month - 1], year,
                          event->actor1->name, verbs[rng_below (rng, G_N_ELEMENTS (verbs))],
                          event->actor2 ? event->actor2->name : "unknown targets", event->place->name,
                          event->place->admin2, event->place->admin1);
  if (event->fatalities > 0)
    g_string_append_printf (event->notes, " %u fatalities.", event->fatalities);
  else
    g_string_append (event->notes, " Casualties unknown.");
  g_string_append (event->notes, details[rng_below (rng, G_N_ELEMENTS (details))]);
  /* Some notes quote a source, some run over several lines, as real ones do. */
  if (rng_percent (rng, 5))
    g_string_append (event->notes, " A witness said: \"the shelling, which began at dawn, lasted hours\".");
  if (rng_percent (rng, 2))
    g_string_append (event->notes, "\nUpdate: a second report gives the same figure.");
}

/*
 * Writing
 */

static void
append_double (GString *out, double value)
{
  /* Four decimals, as ACLED writes them, without the locale's decimal separator */
  gint64 scaled = (gint64) (value * 10000 + (value < 0 ? -0.5 : 0.5));
  gint64 whole = scaled / 10000, part = llabs (scaled % 10000);

  if (scaled < 0 && whole == 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT, whole, part);
}

/* A CSV field, quoted when it must be */
static void
append_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char acled_header[] =
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
  "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
  "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

static void
write_csv_row (GString *out, const Event *event, const char *eol)
{
  const Country *country = &countries[event->place->country];
  const EventKind *kind = &kinds[event->kind];
  guint inter1 = event->actor1->inter, inter2 = event->actor2 ? event->actor2->inter : 0;
  int year, month, day;

  civil_from_days (event->day, &year, &month, &day);
  g_string_append_printf (out, "%s%u,%04d-%02d-%02d,%d,%u,", country->code, event->number, year, month, day, year,
                          event->time_precision);
  append_field (out, kind->disorder);
  g_string_append_c (out, ',');
  append_field (out, kind->event_type);
  g_string_append_c (out, ',');
  append_field (out, kind->sub_event_type);
  g_string_append_c (out, ',');
  append_field (out, event->actor1->name);
  g_string_append_c (out, ',');
  append_field (out, event->associate1);
  g_string_append_printf (out, ",%u,", inter1);
  append_field (out, event->actor2 ? event->actor2->name : "");
  g_string_append_c (out, ',');
  append_field (out, event->associate2);
  /* The interaction is the two codes, lower first; one actor alone is its code and a zero */
  g_string_append_printf (out, ",%u,%u%u,%s,%s,%s,%s,", inter2, inter2 ? MIN (inter1, inter2) : inter1, inter2 ? MAX (inter1, inter2) : 0,
                          event->civilian_targeting ? "Civilian targeting" : "", country->iso, country->region,
                          country->name);
  append_field (out, event->place->admin1);
  g_string_append_c (out, ',');
  append_field (out, event->place->admin2);
  g_string_append_c (out, ',');
  append_field (out, event->place->admin3);
  g_string_append_c (out, ',');
  append_field (out, event->place->name);
  g_string_append_c (out, ',');
  append_double (out, event->latitude);
  g_string_append_c (out, ',');
  append_double (out, event->longitude);
  g_string_append_printf (out, ",%u,", event->geo_precision);
  append_field (out, event->source);
  g_string_append_c (out, ',');
  append_field (out, event->scale);
  g_string_append_c (out, ',');
  append_field (out, event->notes->str);
  g_string_append_printf (out, ",%u,%s,%" G_GINT64_FORMAT "%s", event->fatalities,
                          event->fatalities >= 10 ? "casualties reported" : "", event->timestamp, eol);
}

static void
append_xml (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
write_kml_header (GString *out, gboolean gdal)
{
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n"
                        "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document id=\"root_doc\">\n");
  if (gdal)
    {
      g_auto (GStrv) names = g_strsplit (acled_header, ",", -1);

      g_string_append (out, "<Schema name=\"acled\" id=\"acled\">\n");
      for (guint i = 0; names[i] != NULL; i++)
        g_string_append_printf (out, "\t<SimpleField name=\"%s\" type=\"string\"></SimpleField>\n", names[i]);
      g_string_append (out, "</Schema>\n");
    }
  g_string_append (out, "<Folder><name>acled</name>\n");
}

static void
write_kml_placemark (GString *out, const Event *event, gboolean gdal)
{
  const EventKind *kind = &kinds[event->kind];
  int year, month, day;

  civil_from_days (event->day, &year, &month, &day);
  g_string_append (out, "  <Placemark>\n    <name>");
  append_xml (out, kind->sub_event_type);
  g_string_append (out, " in ");
  append_xml (out, event->place->name);
  g_string_append (out, "</name>\n    <description>");
  append_xml (out, event->notes->str);
  g_string_append_printf (out, "</description>\n    <TimeStamp><when>%04d-%02d-%02d</when></TimeStamp>\n", year,
                          month, day);
  if (gdal)
    {
      g_autoptr (GString) row = g_string_new (NULL);
      g_auto (GStrv) names = g_strsplit (acled_header, ",", -1);
      g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      const char *p;

      /* The same values as the CSV row, split again: one writer of them */
      write_csv_row (row, event, "");
      p = row->str;
      while (*p)
        {
          GString *value = g_string_new (NULL);
          gboolean quoted = *p == '"';

          if (quoted)
            p++;
          for (; *p; p++)
            {
              if (quoted && *p == '"' && p[1] == '"')
                g_string_append_c (value, *p++);
              else if (quoted && *p == '"')
                quoted = FALSE;
              else if (!quoted && *p == ',')
                break;
              else
                g_string_append_c (value, *p);
            }
          g_ptr_array_add (values, g_string_free (value, FALSE));
          if (*p == ',')
            p++;
        }
      g_string_append (out, "    <ExtendedData><SchemaData schemaUrl=\"#acled\">\n");
      for (guint i = 0; names[i] != NULL && i < values->len; i++)
        {
          g_string_append_printf (out, "      <SimpleData name=\"%s\">", names[i]);
          append_xml (out, g_ptr_array_index (values, i));
          g_string_append (out, "</SimpleData>\n");
        }
      g_string_append (out, "    </SchemaData></ExtendedData>\n");
    }
  g_string_append (out, "    <Point><coordinates>");
  append_double (out, event->longitude);
  g_string_append_c (out, ',');
  append_double (out, event->latitude);
  g_string_append (out, "</coordinates></Point>\n  </Placemark>\n");
}

typedef enum
{
  FORMAT_ACLED_CSV,
  FORMAT_KML,
  FORMAT_KML_GDAL,
} Format;

typedef enum
{
  ORDER_DESCENDING,
  ORDER_ASCENDING,
  ORDER_RANDOM,
} Order;

/* Days of the events, in the order asked for: an even spread over the years, newest first by default. */
static gint64 *
make_days (Rng *rng, guint n_events, Order order)
{
  gint64 *days = g_new (gint64, MAX (n_events, 1));

  for (guint i = 0; i < n_events; i++)
    days[i] = FIRST_DAY + (gint64) rng_below (rng, N_DAYS);
  if (order != ORDER_RANDOM)
    {
      /* Counting sort: days are few */
      guint counts[N_DAYS] = { 0 };
      guint k = 0;

      for (guint i = 0; i < n_events; i++)
        counts[days[i] - FIRST_DAY]++;
      for (guint d = 0; d < N_DAYS; d++)
        {
          guint day = order == ORDER_ASCENDING ? d : N_DAYS - 1 - d;

          for (guint c = 0; c < counts[day]; c++)
            days[k++] = FIRST_DAY + day;
        }
    }
  return days;
}

static gboolean
flush (GString *out, FILE *file)
{
  gboolean ok = fwrite (out->str, 1, out->len, file) == out->len;

  g_string_truncate (out, 0);
  return ok;
}

static int
generate (Format format, guint n_events, guint64 seed, Order order, gboolean crlf, FILE *file)
{
  Rng rng = { seed };
  Place *places = make_places (&rng);
  g_autofree gint64 *days = make_days (&rng, n_events, order);
  g_autoptr (GString) out = g_string_sized_new (1 << 20);
  const char *eol = crlf ? "\r\n" : "\n";
  Event event = { 0 };
  gboolean ok = TRUE;

  event.notes = g_string_new (NULL);
  if (format == FORMAT_ACLED_CSV)
    g_string_append_printf (out, "%s%s", acled_header, eol);
  else
    write_kml_header (out, format == FORMAT_KML_GDAL);
  for (guint i = 0; i < n_events && ok; i++)
    {
      make_event (&rng, places, 100000 + i, days[i], &event);
      if (format == FORMAT_ACLED_CSV)
        write_csv_row (out, &event, eol);
      else
        write_kml_placemark (out, &event, format == FORMAT_KML_GDAL);
      if (out->len > (1 << 20))
        ok = flush (out, file);
    }
  if (format != FORMAT_ACLED_CSV)
    g_string_append (out, "</Folder>\n</Document>\n</kml>\n");
  ok = ok && flush (out, file);
  g_string_free (event.notes, TRUE);
  free_places (places);
  return ok ? 0 : 1;
}

int
main (int argc, char *argv[])
{
  g_autofree char *format_name = NULL;
  g_autofree char *order_name = NULL;
  g_autofree char *output = NULL;
  gint64 n_events = 1000, seed = 1;
  gboolean crlf = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, "acled-csv (default), kml or kml-gdal", "FORMAT" },
    { "events", 'n', 0, G_OPTION_ARG_INT64, &n_events, "How many events (1000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "The seed (1): the same seed gives the same bytes", "S" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order_name, "desc (ACLED's, the default), asc or random", "ORDER" },
    { "crlf", 0, 0, G_OPTION_ARG_NONE, &crlf, "End rows with CR LF, as some exports do", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write (standard output)", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("— ACLED-shaped events for benchmarks and tests");
  g_autoptr (GError) error = NULL;
  Format format = FORMAT_ACLED_CSV;
  Order order = ORDER_DESCENDING;
  FILE *file = stdout;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sitmap-generate: %s\n", error->message);
      return 2;
    }
  if (format_name == NULL || strcmp (format_name, "acled-csv") == 0)
    format = FORMAT_ACLED_CSV;
  else if (strcmp (format_name, "kml") == 0)
    format = FORMAT_KML;
  else if (strcmp (format_name, "kml-gdal") == 0)
    format = FORMAT_KML_GDAL;
  else
    {
      g_printerr ("sitmap-generate: unknown format “%s”: acled-csv, kml or kml-gdal\n", format_name);
      return 2;
    }
  if (order_name == NULL || strcmp (order_name, "desc") == 0)
    order = ORDER_DESCENDING;
  else if (strcmp (order_name, "asc") == 0)
    order = ORDER_ASCENDING;
  else if (strcmp (order_name, "random") == 0)
    order = ORDER_RANDOM;
  else
    {
      g_printerr ("sitmap-generate: unknown order “%s”: desc, asc or random\n", order_name);
      return 2;
    }
  if (n_events < 0 || n_events > G_MAXUINT32 - 200000)
    {
      g_printerr ("sitmap-generate: --events must be between 0 and %u\n", G_MAXUINT32 - 200000);
      return 2;
    }
  if (output != NULL && (file = fopen (output, "wb")) == NULL)
    {
      g_printerr ("sitmap-generate: %s: %s\n", output, g_strerror (errno));
      return 1;
    }
  status = generate (format, (guint) n_events, (guint64) seed, order, crlf, file);
  if (file != stdout && fclose (file) != 0)
    status = 1;
  if (status != 0)
    g_printerr ("sitmap-generate: could not write %s: %s\n", output ? output : "to standard output",
                g_strerror (errno));
  return status;
}
