/* sitmap-sidebar-text.c: the sentences the sidebar shows, composed from an event's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-sidebar-text.h"

#define SECONDS_PER_DAY 86400

/*
 * When
 */

static gint64
days_of (gint64 t)
{
  return t / SECONDS_PER_DAY - (t % SECONDS_PER_DAY < 0);
}

/* GDateTime knows only years 1–9999: outside them the caller falls back to the model's wording. */
static char *
format_utc (gint64 t, const char *format)
{
  g_autoptr (GDateTime) dt = NULL;
  gint64 year;
  guint month, day;

  sitmap_civil_from_days (days_of (t), &year, &month, &day);
  if (year < 1 || year > 9999)
    return NULL;
  dt = g_date_time_new_from_unix_utc (t);
  return dt ? g_date_time_format (dt, format) : NULL;
}

/* "from 7 to 8 December 2024" rather than the model's "from 7 December 2024 to 8 December 2024":
 * the first date leaves out what it shares with the second. NULL when there is nothing to share. */
static char *
describe_compact_span (const SitmapTime *time)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 start_year, last_year;
  guint start_month, last_month, start_day, last_day;

  if (time->start == SITMAP_TIME_OPEN_START || time->end == SITMAP_TIME_OPEN_END ||
      time->start_unit != time->end_unit)
    return NULL;
  sitmap_civil_from_days (days_of (time->start), &start_year, &start_month, &start_day);
  sitmap_civil_from_days (days_of (time->end - 1), &last_year, &last_month, &last_day);
  if (start_year != last_year)
    return NULL;

  if (time->start_unit == SITMAP_TIME_UNIT_DAY)
    {
      if (start_month == last_month)
        /* TRANSLATORS: the start of a span that ends in the same month, "7" in "from 7 to 8 December 2024" */
        first = format_utc (time->start, C_("span start", "%-d"));
      else
        /* TRANSLATORS: "30 November" in "from 30 November to 8 December 2024"; see strftime(3) */
        first = format_utc (time->start, C_("span start", "%-d %B"));
      /* TRANSLATORS: the end of a span, a full date; see strftime(3) */
      last = format_utc (time->end - 1, C_("span end", "%-d %B %Y"));
    }
  else if (time->start_unit == SITMAP_TIME_UNIT_MONTH)
    {
      /* TRANSLATORS: "March" in "from March to May 2019"; %OB is the standalone month name */
      first = format_utc (time->start, C_("span start", "%OB"));
      /* TRANSLATORS: "May 2019" in "from March to May 2019" */
      last = format_utc (time->end - 1, C_("span end", "%OB %Y"));
    }
  if (first == NULL || last == NULL)
    return NULL;
  /* TRANSLATORS: a span whose two ends share their year, "from 7 to 8 December 2024" */
  return g_strdup_printf (C_("span", "from %s to %s"), first, last);
}

char *
sitmap_sidebar_describe_when (const SitmapTime *time)
{
  g_autofree char *described = NULL;
  char *compact;

  g_return_val_if_fail (time != NULL, NULL);

  switch ((SitmapTimePrecision) time->precision)
    {
    case SITMAP_TIME_PRECISION_NONE:
      return g_strdup (_("Undated"));
    case SITMAP_TIME_PRECISION_MONTH:
    case SITMAP_TIME_PRECISION_YEAR:
      described = sitmap_time_describe (time);
      /* TRANSLATORS: a date and how exactly it is known, "in March 2019 (known only to the month)" */
      return g_strdup_printf (C_("when", "%s (%s)"), described,
                              sitmap_time_precision_to_string (time->precision));
    case SITMAP_TIME_PRECISION_SPAN:
      compact = describe_compact_span (time);
      return compact ? compact : sitmap_time_describe (time);
    case SITMAP_TIME_PRECISION_EXACT:
    case SITMAP_TIME_PRECISION_DAY:
    default:
      return sitmap_time_describe (time);
    }
}

static const char *
coarse_unit_note (SitmapTimeUnit unit)
{
  switch (unit)
    {
    case SITMAP_TIME_UNIT_MONTH: return _("Known only to the month");
    case SITMAP_TIME_UNIT_YEAR: return _("Known only to the year");
    case SITMAP_TIME_UNIT_NONE:
    case SITMAP_TIME_UNIT_SECOND:
    case SITMAP_TIME_UNIT_DAY:
    default: return NULL;
    }
}

/* A span's sentence cannot carry its uncertainty as an instant's does ("since March 2019"), so it is
 * said beside it: how coarse its dates are, and which end is missing. */
char *
sitmap_sidebar_describe_when_detail (const SitmapTime *time)
{
  g_autoptr (GPtrArray) notes = NULL;
  const char *coarse;

  g_return_val_if_fail (time != NULL, NULL);

  if (time->precision != SITMAP_TIME_PRECISION_SPAN)
    return NULL;
  notes = g_ptr_array_new_null_terminated (3, NULL, TRUE);
  coarse = coarse_unit_note (MAX (time->start_unit, time->end_unit));
  if (coarse != NULL)
    g_ptr_array_add (notes, (gpointer) coarse);
  if (time->start == SITMAP_TIME_OPEN_START)
    g_ptr_array_add (notes, _("No start date is given"));
  if (time->end == SITMAP_TIME_OPEN_END)
    g_ptr_array_add (notes, _("No end date is given"));
  if (notes->len == 0)
    return NULL;
  /* TRANSLATORS: the separator between notes on one line */
  return g_strjoinv (C_("notes", " · "), (char **) notes->pdata);
}

/*
 * Where
 */

char *
sitmap_sidebar_describe_distance (guint metres)
{
  double km = metres / 1000.0;
  double tenths = round (km * 10) / 10;

  if (metres < 1000)
    /* TRANSLATORS: a distance in metres */
    return g_strdup_printf (_("%u m"), metres);
  if (km < 10 && tenths != floor (tenths))
    /* TRANSLATORS: a distance in kilometres with one decimal */
    return g_strdup_printf (_("%.1f km"), tenths);
  /* TRANSLATORS: a distance in whole kilometres */
  return g_strdup_printf (_("%.0f km"), round (km));
}

char *
sitmap_sidebar_describe_coordinates (double latitude, double longitude)
{
  const char *north_south = latitude >= 0 ? C_("compass", "N") : C_("compass", "S");
  const char *east_west = longitude >= 0 ? C_("compass", "E") : C_("compass", "W");

  /* TRANSLATORS: a latitude and a longitude, "34.8853° N, 38.8711° E" */
  return g_strdup_printf (_("%.4f° %s, %.4f° %s"), fabs (latitude), north_south, fabs (longitude), east_west);
}

static char *
describe_located (SitmapLocationPrecision precision, const char *name, const char *distance)
{
  switch (precision)
    {
    case SITMAP_LOCATION_PRECISION_EXACT:
      /* TRANSLATORS: "at Homs, within about 2 km" */
      return distance ? g_strdup_printf (_("at %s, within about %s"), name, distance)
                      : g_strdup_printf (_("at %s"), name);
    case SITMAP_LOCATION_PRECISION_TOWN:
      /* TRANSLATORS: "in Damascus, within about 10 km" */
      return distance ? g_strdup_printf (_("in %s, within about %s"), name, distance)
                      : g_strdup_printf (_("in %s"), name);
    case SITMAP_LOCATION_PRECISION_NEAR_TOWN:
      /* TRANSLATORS: "near As-Sukhnah, within about 25 km" */
      return distance ? g_strdup_printf (_("near %s, within about %s"), name, distance)
                      : g_strdup_printf (_("near %s"), name);
    case SITMAP_LOCATION_PRECISION_REGION:
      /* TRANSLATORS: "somewhere in the Badia" */
      return g_strdup_printf (_("somewhere in %s"), name);
    case SITMAP_LOCATION_PRECISION_COUNTRY:
      /* TRANSLATORS: "somewhere in Syria (country level)" */
      return g_strdup_printf (_("somewhere in %s (country level)"), name);
    case SITMAP_LOCATION_PRECISION_NONE:
    default:
      /* TRANSLATORS: a place the report names but the document does not locate */
      return g_strdup_printf (_("%s, not located on the map"), name);
    }
}

/* An event placed only by a point: coordinates are not a region's name, so "around" them. */
static char *
describe_unnamed (SitmapLocationPrecision precision, const char *coordinates, const char *distance)
{
  switch (precision)
    {
    case SITMAP_LOCATION_PRECISION_REGION:
      /* TRANSLATORS: a region known only by a point, "somewhere around 34.5000° N, 37.9000° E" */
      return g_strdup_printf (_("somewhere around %s"), coordinates);
    case SITMAP_LOCATION_PRECISION_COUNTRY:
      /* TRANSLATORS: a country known only by a point */
      return g_strdup_printf (_("somewhere around %s (country level)"), coordinates);
    case SITMAP_LOCATION_PRECISION_EXACT:
    case SITMAP_LOCATION_PRECISION_TOWN:
    case SITMAP_LOCATION_PRECISION_NEAR_TOWN:
    case SITMAP_LOCATION_PRECISION_NONE:
    default:
      return describe_located (precision == SITMAP_LOCATION_PRECISION_NONE ? SITMAP_LOCATION_PRECISION_EXACT
                                                                           : precision,
                               coordinates, distance);
    }
}

/* The sentence names the gazetteer place ("near As-Sukhnah"); the report's own wording ("desert near
 * As-Sukhnah") would read badly after "near", so the sidebar shows it on its own line. */
char *
sitmap_sidebar_describe_where (SitmapEvent *event)
{
  SitmapLocationPrecision precision;
  SitmapPlace *place;
  g_autofree char *distance = NULL;
  g_autofree char *coordinates = NULL;
  const char *name;
  double latitude, longitude;

  g_return_val_if_fail (SITMAP_IS_EVENT (event), NULL);

  precision = sitmap_event_get_location_precision (event);
  place = sitmap_event_get_place (event);
  name = place ? sitmap_place_get_name (place) : sitmap_event_get_place_name (event);
  if (name != NULL && *name == '\0')
    name = NULL;
  if (sitmap_event_get_radius (event) > 0)
    distance = sitmap_sidebar_describe_distance (sitmap_event_get_radius (event));

  if (name != NULL)
    return describe_located (precision, name, distance);
  if (sitmap_event_get_location (event, &latitude, &longitude))
    {
      coordinates = sitmap_sidebar_describe_coordinates (latitude, longitude);
      return describe_unnamed (precision, coordinates, distance);
    }
  return g_strdup (_("No place given"));
}

/*
 * Links
 */

gboolean
sitmap_sidebar_parse_web_link (const char *url, char **uri, char **host)
{
  g_autoptr (GUri) parsed = NULL;
  g_autofree char *stripped = NULL;
  const char *scheme, *parsed_host;

  if (uri != NULL)
    *uri = NULL;
  if (host != NULL)
    *host = NULL;
  if (url == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (url));
  /* ENCODED: the path and query stay exactly as written, so the address opened is the one in the file. */
  parsed = g_uri_parse (stripped, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (parsed);
  parsed_host = g_uri_get_host (parsed);
  if ((g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) || parsed_host == NULL ||
      *parsed_host == '\0')
    return FALSE;

  if (uri != NULL)
    *uri = g_uri_to_string (parsed);
  /* The host is shown in its ASCII form: an internationalised name that imitates a known site
   * ("sуriahr.com" with a Cyrillic у) shows up as xn--… instead of passing for the real one. */
  if (host != NULL)
    {
      *host = g_hostname_to_ascii (parsed_host);
      if (*host == NULL)
        *host = g_strdup (parsed_host);
    }
  return TRUE;
}

/* A list cell: the date as written, ISO style, so that a month ("2019-03") looks as coarse as it is
 * and the column reads in order; a span as its two ends. */
char *
sitmap_sidebar_describe_short_time (const SitmapTime *time)
{
  g_autofree char *begin = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  if (!sitmap_time_is_dated (time))
    return g_strdup (_("Undated"));
  begin = sitmap_time_format_begin (time);
  if (time->precision != SITMAP_TIME_PRECISION_SPAN)
    return g_steal_pointer (&begin);
  end = sitmap_time_format_end (time);
  /* TRANSLATORS: a span in a list cell, "2024-11-27 – 2024-12-08"; an open end is left empty */
  return g_strdup_printf (C_("short span", "%s – %s"), begin ? begin : "", end ? end : "");
}

/* A time range as a chip names it: "27 Nov – 8 Dec 2024", [start, end) in seconds. */
char *
sitmap_sidebar_describe_range (gint64 start, gint64 end)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  gint64 start_year, last_year;
  guint month, day;

  sitmap_civil_from_days (days_of (start), &start_year, &month, &day);
  sitmap_civil_from_days (days_of (end - 1), &last_year, &month, &day);
  if (start_year == last_year)
    /* TRANSLATORS: the start of a range that ends in the same year; see strftime(3) */
    first = format_utc (start, C_("range start", "%-d %b"));
  else
    /* TRANSLATORS: the start of a range, a full date; see strftime(3) */
    first = format_utc (start, C_("range end", "%-d %b %Y"));
  /* TRANSLATORS: the end of a range, a full date; see strftime(3) */
  last = format_utc (end - 1, C_("range end", "%-d %b %Y"));
  if (first == NULL || last == NULL)
    {
      g_clear_pointer (&first, g_free);
      g_clear_pointer (&last, g_free);
      first = sitmap_time_format_bound (start, SITMAP_TIME_UNIT_DAY);
      last = sitmap_time_format_bound (end - 1, SITMAP_TIME_UNIT_DAY);
    }
  /* TRANSLATORS: a time range, "27 Nov – 8 Dec 2024" */
  return g_strdup_printf (C_("range", "%s – %s"), first, last);
}
