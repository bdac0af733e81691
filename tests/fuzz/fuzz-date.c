/* fuzz-date.c: the date parsers: dates as feeds write them (sitmap_date_text_normalize), ISO 8601 as KML
 * writes them (sitmap_time_parse_bound, instants and spans), and dates as tables write them
 * (sitmap_csv_parse_date). What one parser accepts must also hold together: normalized text is ISO 8601
 * that parses, and a bound Sitmap writes reads back to the same interval.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "sitmap-csv-private.h"
#include "sitmap-date-text.h"
#include "sitmap-time.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

/* A bound Sitmap writes reads back as the same bound. */
static void
check_bound_round_trip (gint64 start, gint64 end, SitmapTimeUnit unit)
{
  g_autofree char *written = sitmap_time_format_bound (start, unit);
  g_autoptr (GError) error = NULL;
  gint64         start2 = 0, end2 = 0;
  SitmapTimeUnit unit2 = SITMAP_TIME_UNIT_NONE;

  if (!sitmap_time_parse_bound (written, &start2, &end2, &unit2, &error))
    g_error ("%s, written by Sitmap, does not read back: %s", written, error->message);
  if (start2 != start || end2 != end || unit2 != unit)
    g_error ("%s reads back as [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") unit %d, not [%" G_GINT64_FORMAT
             ", %" G_GINT64_FORMAT ") unit %d",
             written, start2, end2, unit2, start, end, unit);
}

static void
check_time (const SitmapTime *time)
{
  g_autofree char *described = sitmap_time_describe (time);
  g_autofree char *begin = sitmap_time_format_begin (time);
  g_autofree char *end = sitmap_time_format_end (time);

  g_assert_true (described == NULL || g_utf8_validate (described, -1, NULL));
  if (sitmap_time_is_dated (time))
    g_assert_cmpint (time->start, <=, time->end);
}

static void
fuzz_bound (const char *text)
{
  g_autoptr (GError) error = NULL;
  gint64         start = 0, end = 0;
  SitmapTimeUnit unit = SITMAP_TIME_UNIT_NONE;

  if (!sitmap_time_parse_bound (text, &start, &end, &unit, &error))
    {
      fuzz_check_message ("bound error", error->message);
      return;
    }
  g_assert_cmpint (start, <, end);
  check_bound_round_trip (start, end, unit);
}

static void
fuzz_normalize (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = sitmap_date_text_normalize (text, &error);
  gint64         start, end;
  SitmapTimeUnit unit;

  if (iso == NULL)
    {
      fuzz_check_message ("date error", error->message);
      return;
    }
  if (!sitmap_time_parse_bound (iso, &start, &end, &unit, &error))
    g_error ("normalized %s does not parse: %s", iso, error->message);
}

static void
fuzz_instant_and_span (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = g_strsplit (text, "/", 2);
  SitmapTime time;

  if (sitmap_time_init_instant (&time, text, &error))
    check_time (&time);
  else
    fuzz_check_message ("instant error", error->message);
  g_clear_error (&error);
  if (parts[0] != NULL && parts[1] != NULL)
    {
      const char *begin = *parts[0] ? parts[0] : NULL, *end = *parts[1] ? parts[1] : NULL;

      if (sitmap_time_init_span (&time, begin, end, &error))
        check_time (&time);
      else
        fuzz_check_message ("span error", error->message);
    }
}

static void
fuzz_table_date (const char *text, gsize length)
{
  for (int order = SITMAP_CSV_DAY_FIRST; order <= SITMAP_CSV_MONTH_FIRST; order++)
    {
      SitmapTime time;

      if (sitmap_csv_parse_date (text, length, order, &time) == SITMAP_CSV_DATE_OK)
        check_time (&time);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* The parsers read C strings: the input up to its first NUL. The table's parser reads a field of
   * the file, which has no NUL at its end: its own copy, so that ASan sees any read past it. */
  g_autofree char *text = g_strndup ((const char *)data, MIN (size, 256));
  gsize            length = strlen (text);
  g_autofree char *field = g_memdup2 (text, MAX (length, 1));

  fuzz_normalize (text);
  fuzz_bound (text);
  fuzz_instant_and_span (text);
  fuzz_table_date (field, length);
  return 0;
}
