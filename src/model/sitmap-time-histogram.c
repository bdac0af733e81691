/* sitmap-time-histogram.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-time-histogram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-time-histogram.h"
#include "sitmap-bitset.h"

#define DAY_SECONDS 86400
#define N_SLOTS (SITMAP_HISTOGRAM_N_LAYERS * SITMAP_N_CATEGORIES)
/* The bins may number a sixteenth of the events, and never fewer than this: enough for day bins over
 * the 45 years of a small document, bounded for a large one. */
#define MIN_BINS_CAP (1 << 14)
#define MAX_BINS_CAP (1 << 18)
/* The overview over far-out events needs only to say where they are. */
#define OVERVIEW_CAP 4096
/* Counts are kept in fixed point: this many units to an event, fewer when the events are so many that
 * their sum would not fit in 32 bits. */
#define MAX_UNIT 256

typedef struct
{
  gboolean by_month;
  gint64   length; /* seconds, or months */
} BinSize;

/* From the finest to the coarsest: the order in which bin sizes are tried. */
static const BinSize bin_sizes[] = {
  { FALSE, 60 },        { FALSE, 3600 },     { FALSE, DAY_SECONDS }, { TRUE, 1 },      { TRUE, 12 },
  { TRUE, 120 },        { TRUE, 1200 },      { TRUE, 12000 },        { TRUE, 120000 }, { TRUE, 1200000 },
  { TRUE, 12000000 },
};

/* Bins of one size over a stretch of time, with how much lies before each of their boundaries. */
typedef struct
{
  BinSize  size;
  gint64   origin;       /* where bin 0 starts */
  gint64   origin_month; /* year * 12 + month - 1 of bin 0, for bins of months */
  gint64   limit;        /* where the last bin ends */
  guint    n_bins;
  guint32 *prefix;       /* (n_bins + 1) * stride */
} Level;

struct _SitmapTimeHistogram
{
  gboolean has_extent;
  gint64   extent_start;
  gint64   extent_end;
  /* The longest of the counted events that are not in the store's side list of long spans, from its start
   * to its end as counted: how far back from the latest start the latest end can be. */
  gint64   max_short;

  guint    stride;           /* slots in use, per boundary */
  gint8    slot_of[N_SLOTS]; /* layer * SITMAP_N_CATEGORIES + category to slot, or -1 */
  double   unit;             /* fixed-point units to an event */

  /* Fine bins where nearly all events are; coarser ones over the whole extent when a few events lie far
   * out (one in 1066 among a million from this century), so that they cost little and blur nothing. */
  Level    detail;
  Level    overview;
  gboolean has_overview;
};

/*
 * Calendar
 */

static gint64
floor_div (gint64 a, gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static gint64
month_index (gint64 t)
{
  gint64 year;
  guint month, day;

  sitmap_civil_from_days (floor_div (t, DAY_SECONDS), &year, &month, &day);
  return year * 12 + month - 1;
}

static gint64
month_start (gint64 index)
{
  gint64 year = floor_div (index, 12);

  return sitmap_time_from_civil (year, (guint) (index - year * 12) + 1, 1, 0, 0, 0);
}

/*
 * Levels
 */

/* How many bins of size cover [start, end), from the boundary at or before start. */
static gint64
bins_needed (BinSize size, gint64 start, gint64 end, gint64 *origin, gint64 *origin_month)
{
  if (!size.by_month)
    {
      *origin = floor_div (start, size.length) * size.length;
      *origin_month = 0;
      return MAX (1, floor_div (end - 1 - *origin, size.length) + 1);
    }
  *origin_month = floor_div (month_index (start), size.length) * size.length;
  *origin = month_start (*origin_month);
  return MAX (1, floor_div (month_index (end - 1) - *origin_month, size.length) + 1);
}

static gint64
boundary_time (const Level *level, gint64 k)
{
  if (!level->size.by_month)
    return level->origin + k * level->size.length;
  return month_start (level->origin_month + k * level->size.length);
}

/* The finest bins over [start, end) that number no more than cap. */
static void
level_init (Level *level, gint64 start, gint64 end, gint64 cap)
{
  for (guint i = 0; i < G_N_ELEMENTS (bin_sizes); i++)
    {
      gint64 n = bins_needed (bin_sizes[i], start, end, &level->origin, &level->origin_month);

      level->size = bin_sizes[i];
      level->n_bins = (guint) MIN (n, G_MAXUINT);
      if (n <= cap)
        break;
    }
  level->limit = boundary_time (level, level->n_bins);
}

/* Where t lies in bin coordinates: the bin, and how far into it. Not clamped: before the level is
 * negative, after it beyond n_bins. */
static void
locate (const Level *level, gint64 t, gint64 *bin, double *fraction)
{
  gint64 k, start, end;

  if (!level->size.by_month)
    {
      k = floor_div (t - level->origin, level->size.length);
      start = level->origin + k * level->size.length;
      end = start + level->size.length;
    }
  else
    {
      k = floor_div (month_index (t) - level->origin_month, level->size.length);
      start = boundary_time (level, k);
      end = boundary_time (level, k + 1);
    }
  *bin = k;
  *fraction = (double) (t - start) / (double) (end - start);
}

static double
position (const Level *level, gint64 t)
{
  gint64 bin;
  double fraction;

  locate (level, t, &bin, &fraction);
  return (double) bin + fraction;
}

static gboolean
covers (const Level *level, gint64 t)
{
  return t >= level->origin && t <= level->limit;
}

/*
 * Building
 */

/* The events counted: every dated one, or those of an ascending list of positions. */
typedef struct
{
  const guint32 *positions; /* NULL: all */
  guint          n;         /* dated events counted */
} Subset;

static inline guint
subset_at (const Subset *subset, guint k)
{
  return subset->positions != NULL ? subset->positions[k] : k;
}

typedef enum
{
  SHAPE_NONE,
  SHAPE_POINT,
  SHAPE_SPREAD,
} Shape;

/* What an event adds: nothing when undated; a point at a moment or at an open span's known bound; else
 * its weight spread over [*a, *b). */
static Shape
shape_of (const SitmapEventColumns *columns, guint i, gint64 *a, gint64 *b)
{
  gint64 start = columns->start[i], end = sitmap_event_columns_get_end (columns, i);

  if (columns->time_precision[i] == SITMAP_TIME_PRECISION_NONE ||
      (start == SITMAP_TIME_OPEN_START && end == SITMAP_TIME_OPEN_END))
    return SHAPE_NONE;
  if (start == SITMAP_TIME_OPEN_START)
    {
      *a = end - 1;
      *b = end;
      return SHAPE_POINT;
    }
  *a = start;
  if (end == SITMAP_TIME_OPEN_END || columns->time_precision[i] == SITMAP_TIME_PRECISION_EXACT)
    {
      *b = start + 1;
      return SHAPE_POINT;
    }
  *b = end;
  return SHAPE_SPREAD;
}

static guint
slot_index (const SitmapEventColumns *columns, guint i)
{
  guint8 precision = columns->time_precision[i];
  guint layer = precision == SITMAP_TIME_PRECISION_MONTH || precision == SITMAP_TIME_PRECISION_YEAR
                  ? SITMAP_HISTOGRAM_VAGUE
                  : SITMAP_HISTOGRAM_SURE;

  return layer * SITMAP_N_CATEGORIES + MIN (columns->category[i], SITMAP_N_CATEGORIES - 1);
}

/* The extent, the slots in use and how many events count. */
static guint
survey (SitmapTimeHistogram *self, const SitmapEventColumns *columns, const Subset *subset)
{
  gint64 s = G_MAXINT64, e = G_MININT64;
  gboolean used[N_SLOTS] = { FALSE };
  guint n = 0;

  for (guint k = 0; k < subset->n; k++)
    {
      guint i = subset_at (subset, k);
      gint64 a, b;

      if (shape_of (columns, i, &a, &b) == SHAPE_NONE)
        continue;
      s = MIN (s, a);
      e = MAX (e, b);
      if (columns->duration[i] != SITMAP_EVENT_DURATION_LONG)
        self->max_short = MAX (self->max_short, b - columns->start[i]);
      used[slot_index (columns, i)] = TRUE;
      n++;
    }
  self->has_extent = n > 0;
  self->extent_start = s;
  self->extent_end = e;
  self->stride = 0;
  for (guint slot = 0; slot < N_SLOTS; slot++)
    self->slot_of[slot] = used[slot] ? (gint8) self->stride++ : -1;
  return n;
}

/* Where all but the earliest and the latest two hundredth of the events begin, with a margin: the events
 * are in time order, so this is two lookups. */
static void
core_of (SitmapTimeHistogram *self, const SitmapEventColumns *columns, const Subset *subset, gint64 *start,
         gint64 *end)
{
  guint first = 0, n;
  gint64 lo, hi, margin;

  while (first < subset->n && columns->start[subset_at (subset, first)] == SITMAP_TIME_OPEN_START)
    first++;
  n = subset->n - first;
  *start = self->extent_start;
  *end = self->extent_end;
  if (n < 1000)
    return;
  lo = columns->start[subset_at (subset, first + n / 200)];
  hi = columns->start[subset_at (subset, first + n - 1 - n / 200)];
  margin = (hi - lo) / 20 + DAY_SECONDS;
  *start = MAX (self->extent_start, lo - margin);
  *end = MIN (self->extent_end, hi + margin);
}

static void
choose_levels (SitmapTimeHistogram *self, const SitmapEventColumns *columns, const Subset *subset,
               guint n_events)
{
  gint64 cap = CLAMP (n_events / 16, MIN_BINS_CAP, MAX_BINS_CAP);
  gint64 core_start, core_end;
  Level whole;

  core_of (self, columns, subset, &core_start, &core_end);
  level_init (&whole, self->extent_start, self->extent_end, cap);
  level_init (&self->detail, core_start, core_end, cap);
  self->has_overview = whole.size.by_month != self->detail.size.by_month ||
                       whole.size.length != self->detail.size.length;
  if (!self->has_overview)
    self->detail = whole;
  else
    level_init (&self->overview, self->extent_start, self->extent_end, OVERVIEW_CAP);
}

/* The share of an event before boundary k rises from 0 at u0 to 1 at u1, in a straight line: kept as a
 * slope and an intercept from the first boundary past u0 to the last before u1, then a whole event from
 * there on. Prefix sums of both give every boundary's total in one pass. Only the boundaries 0 to n_bins
 * are kept: an event before them counts whole from 0, one after them not at all. */
static void
add_ramp (const Level *level, double *intercept, double *slope, guint stride, guint slot, double u0, double u1)
{
  double w = u1 - u0;
  gint64 k0 = MAX ((gint64) ceil (u0), 0), k1 = (gint64) floor (u1), k1_kept = MIN (k1, (gint64) level->n_bins);

  if (k0 <= k1_kept)
    {
      slope[k0 * stride + slot] += 1 / w;
      slope[(k1_kept + 1) * stride + slot] -= 1 / w;
      intercept[k0 * stride + slot] -= u0 / w;
      intercept[(k1_kept + 1) * stride + slot] += u0 / w;
    }
  if (k1 < (gint64) level->n_bins)
    intercept[(k1 + 1) * stride + slot] += 1;
}

static void
add_event (const Level *level, double *intercept, double *slope, guint stride, Shape shape, guint slot, gint64 a,
           gint64 b)
{
  double u0 = position (level, a), u1 = position (level, b);

  if (u1 <= 0)
    intercept[slot] += 1;
  else if (u0 >= level->n_bins)
    return;
  else if (shape == SHAPE_POINT || u1 - u0 < 1e-9)
    {
      /* Wholly in the bin it falls in: counted from the next boundary on. */
      gint64 k = (gint64) floor (u0);

      intercept[MAX (k + 1, 0) * stride + slot] += 1;
    }
  else
    add_ramp (level, intercept, slope, stride, slot, u0, u1);
}

static void
fill_prefix (SitmapTimeHistogram *self, Level *level, const double *intercept, const double *slope)
{
  g_autofree double *sum_intercept = g_new0 (double, self->stride);
  g_autofree double *sum_slope = g_new0 (double, self->stride);

  level->prefix = g_new (guint32, ((gsize) level->n_bins + 1) * self->stride);
  for (guint k = 0; k <= level->n_bins; k++)
    for (guint s = 0; s < self->stride; s++)
      {
        double value;

        sum_intercept[s] += intercept[k * self->stride + s];
        sum_slope[s] += slope[k * self->stride + s];
        value = (sum_intercept[s] + k * sum_slope[s]) * self->unit;
        level->prefix[k * self->stride + s] = (guint32) CLAMP (llround (value), 0, G_MAXUINT32);
      }
}

static void
build_level (SitmapTimeHistogram *self, Level *level, const SitmapEventColumns *columns, const Subset *subset)
{
  gsize size = ((gsize) level->n_bins + 2) * self->stride;
  g_autofree double *intercept = g_new0 (double, size);
  g_autofree double *slope = g_new0 (double, size);

  for (guint k = 0; k < subset->n; k++)
    {
      guint i = subset_at (subset, k);
      gint64 a, b;
      Shape shape = shape_of (columns, i, &a, &b);

      if (shape == SHAPE_NONE)
        continue;
      /* Every event counted has a slot: survey() made them, or the histogram taken from counted it too. */
      g_assert (self->slot_of[slot_index (columns, i)] >= 0);
      add_event (level, intercept, slope, self->stride, shape, (guint) self->slot_of[slot_index (columns, i)], a, b);
    }
  fill_prefix (self, level, intercept, slope);
}

/*
 * A histogram less some events
 */

static void
widen (const SitmapEventColumns *columns, guint p, gint64 *start, gint64 *end)
{
  gint64 a, b;

  if (shape_of (columns, p, &a, &b) == SHAPE_NONE)
    return;
  *start = MIN (*start, a);
  *end = MAX (*end, b);
}

static gboolean
is_short (const SitmapEventColumns *columns, guint p)
{
  return p < columns->n_dated && columns->duration[p] != SITMAP_EVENT_DURATION_LONG;
}

/* The earliest start of the sorted events in kept that are not long spans: the first of them. */
static void
widen_to_first (const SitmapEventColumns *columns, const SitmapBitset *kept, gint64 *start, gint64 *end)
{
  for (guint w = 0; w < kept->n_words && (w << 6) < columns->n_dated; w++)
    for (guint64 bits = kept->words[w]; bits != 0; bits &= bits - 1)
      {
        guint p = (w << 6) | (guint) __builtin_ctzll (bits);

        if (p >= columns->n_dated)
          return;
        if (is_short (columns, p))
          {
            widen (columns, p, start, end);
            return;
          }
      }
}

/* The latest end of the sorted events in kept that are not long spans: among the latest starts, back to
 * where no end could reach past it (max_short before it). */
static void
widen_to_last (SitmapTimeHistogram *whole, const SitmapEventColumns *columns, const SitmapBitset *kept,
               gint64 *start, gint64 *end)
{
  guint last = MIN (columns->n_dated, kept->n_bits);

  for (guint w = (last + 63) >> 6; w-- > 0;)
    {
      guint64 bits = kept->words[w];

      if (((w + 1) << 6) > last)
        bits &= (G_GUINT64_CONSTANT (1) << (last - (w << 6))) - 1;
      while (bits != 0)
        {
          guint bit = 63 - (guint) __builtin_clzll (bits);
          guint p = (w << 6) | bit;

          bits &= ~(G_GUINT64_CONSTANT (1) << bit);
          if (!is_short (columns, p))
            continue;
          if (*end != G_MININT64 && columns->start[p] + whole->max_short <= *end)
            return;
          widen (columns, p, start, end);
        }
    }
}

/* The extent of the events in kept, without a look at each: the sorted events begin with the earliest start
 * and end within max_short of the latest starts; the long spans and the events edits added are listed. */
static gboolean
kept_extent (SitmapTimeHistogram *whole, const SitmapEventColumns *columns, const SitmapBitset *kept,
             gint64 *start, gint64 *end)
{
  *start = G_MAXINT64;
  *end = G_MININT64;
  widen_to_first (columns, kept, start, end);
  widen_to_last (whole, columns, kept, start, end);
  for (guint i = 0; i < columns->n_long; i++)
    if (columns->long_positions[i] < kept->n_bits && sitmap_bitset_test (kept, columns->long_positions[i]) &&
        sitmap_event_columns_is_dated (columns, columns->long_positions[i]))
      widen (columns, columns->long_positions[i], start, end);
  for (guint p = columns->n_sorted; p < MIN (columns->n_events, kept->n_bits); p++)
    if (sitmap_bitset_test (kept, p) && sitmap_event_columns_is_dated (columns, p))
      widen (columns, p, start, end);
  g_assert (*start == G_MAXINT64 || *start < *end);
  return *start != G_MAXINT64;
}

/* The level's prefix sums less those of the removed events, counted in the same units. */
static guint32 *
subtract_level (SitmapTimeHistogram *whole, const Level *level, const SitmapEventColumns *columns,
                const Subset *removed)
{
  gsize n = ((gsize) level->n_bins + 1) * whole->stride;
  guint32 *prefix = g_memdup2 (level->prefix, n * sizeof (guint32));
  Level gone = *level;

  if (removed->n == 0)
    return prefix;
  gone.prefix = NULL;
  build_level (whole, &gone, columns, removed);
  for (gsize k = 0; k < n; k++)
    prefix[k] = prefix[k] > gone.prefix[k] ? prefix[k] - gone.prefix[k] : 0;
  g_free (gone.prefix);
  return prefix;
}

/*
 * Public API
 */

static void
histogram_clear (gpointer data)
{
  SitmapTimeHistogram *self = data;

  g_free (self->detail.prefix);
  g_free (self->overview.prefix);
}

static SitmapTimeHistogram *
build (const SitmapEventColumns *columns, const Subset *subset)
{
  SitmapTimeHistogram *self = g_atomic_rc_box_new0 (SitmapTimeHistogram);
  guint n = survey (self, columns, subset);

  if (n == 0)
    return self;
  self->unit = MIN (MAX_UNIT, floor ((double) G_MAXUINT32 / (n + 1)));
  choose_levels (self, columns, subset, n);
  build_level (self, &self->detail, columns, subset);
  if (self->has_overview)
    build_level (self, &self->overview, columns, subset);
  return self;
}

static gboolean
has_deleted (const SitmapEventColumns *columns)
{
  for (guint p = 0; p < columns->n_events; p++)
    if (columns->flags[p] & SITMAP_EVENT_FLAG_DELETED)
      return TRUE;
  return FALSE;
}

SitmapTimeHistogram *
sitmap_time_histogram_new (const SitmapEventColumns *columns)
{
  Subset all;

  g_return_val_if_fail (columns != NULL, NULL);

  /* Edits add events after the undated ones, and leave deleted ones in place: then the dated live ones, listed */
  if (columns->n_sorted == columns->n_events && !has_deleted (columns))
    {
      all = (Subset) { .positions = NULL, .n = columns->n_dated };
      return build (columns, &all);
    }
  else
    {
      g_autoptr (GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), columns->n_dated);

      for (guint32 p = 0; p < columns->n_events; p++)
        if (sitmap_event_columns_is_dated (columns, p) && !(columns->flags[p] & SITMAP_EVENT_FLAG_DELETED))
          g_array_append_val (positions, p);
      all = (Subset) { .positions = (const guint32 *) (gpointer) positions->data, .n = positions->len };
      return build (columns, &all);
    }
}

SitmapTimeHistogram *
sitmap_time_histogram_new_for (const SitmapEventColumns *columns, const guint32 *positions, guint n_positions)
{
  Subset some = { .positions = positions, .n = 0 };

  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (n_positions == 0 || positions != NULL, NULL);

  /* Undated events count for nothing: those of the sorted store come after the dated ones, and only those edits
   * added after them may be dated again (shape_of() passes over the undated). */
  while (some.n < n_positions && positions[some.n] < columns->n_dated)
    {
      g_return_val_if_fail (some.n == 0 || positions[some.n] > positions[some.n - 1], NULL);
      some.n++;
    }
  if (some.n < n_positions && positions[n_positions - 1] >= columns->n_sorted)
    {
      g_autoptr (GArray) dated = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_positions);

      g_array_append_vals (dated, positions, some.n);
      for (guint k = some.n; k < n_positions; k++)
        if (positions[k] >= columns->n_sorted)
          g_array_append_val (dated, positions[k]);
      some = (Subset) { .positions = (const guint32 *) (gpointer) dated->data, .n = dated->len };
      return build (columns, &some);
    }
  return build (columns, &some);
}

SitmapTimeHistogram *
sitmap_time_histogram_ref (SitmapTimeHistogram *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
sitmap_time_histogram_free (SitmapTimeHistogram *self)
{
  if (self == NULL)
    return;
  g_atomic_rc_box_release_full (self, histogram_clear);
}

gboolean
sitmap_time_histogram_get_extent (SitmapTimeHistogram *self, gint64 *start, gint64 *end)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->has_extent)
    return FALSE;
  if (start)
    *start = self->extent_start;
  if (end)
    *end = self->extent_end;
  return TRUE;
}

static gint64
level_resolution (const Level *level)
{
  if (!level->size.by_month)
    return level->size.length;
  /* The shortest month, or the shortest of so many years */
  return level->size.length == 1 ? 28 * DAY_SECONDS : level->size.length / 12 * 365 * DAY_SECONDS;
}

gint64
sitmap_time_histogram_get_resolution (SitmapTimeHistogram *self, gint64 from, gint64 to)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!self->has_extent)
    return 0;
  /* Where the detail does not reach, the overview's coarser bins are all there is. */
  if (self->has_overview && (from < self->detail.origin || to > self->detail.limit) &&
      from < self->extent_end && to > self->extent_start)
    return level_resolution (&self->overview);
  return level_resolution (&self->detail);
}

static const Level *
level_at (SitmapTimeHistogram *self, gint64 t)
{
  return !self->has_overview || covers (&self->detail, t) ? &self->detail : &self->overview;
}

gboolean
sitmap_time_histogram_is_boundary (SitmapTimeHistogram *self, gint64 t)
{
  const Level *level;
  gint64 bin;
  double fraction;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->has_extent)
    return TRUE;
  level = level_at (self, t);
  if (t <= level->origin || t >= level->limit)
    return TRUE;
  locate (level, t, &bin, &fraction);
  return fraction == 0;
}

/* How much lies before t, per slot in use, interpolated within t's bin. */
static void
value_at (SitmapTimeHistogram *self, gint64 t, double *values)
{
  const Level *level = level_at (self, t);
  const guint32 *row;
  gint64 bin;
  double fraction = 0;

  if (t <= level->origin)
    bin = 0;
  else if (t >= level->limit)
    bin = level->n_bins;
  else
    locate (level, t, &bin, &fraction);
  row = level->prefix + (gsize) bin * self->stride;
  for (guint s = 0; s < self->stride; s++)
    values[s] = row[s];
  if (fraction > 0)
    for (guint s = 0; s < self->stride; s++)
      values[s] += fraction * ((double) row[self->stride + s] - row[s]);
}

static void
store_difference (SitmapTimeHistogram *self, const double *before, const double *after,
                  SitmapHistogramCounts *counts)
{
  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      int s = self->slot_of[slot];

      counts->counts[slot / SITMAP_N_CATEGORIES][slot % SITMAP_N_CATEGORIES] =
        s < 0 ? 0 : MAX (0, after[s] - before[s]) / self->unit;
    }
}

void
sitmap_time_histogram_count (SitmapTimeHistogram *self, gint64 from, gint64 to, SitmapHistogramCounts *counts)
{
  gint64 edges[2] = { from, MAX (from, to) };

  sitmap_time_histogram_count_bins (self, edges, 2, counts);
}

double
sitmap_time_histogram_count_total (SitmapTimeHistogram *self, gint64 from, gint64 to, guint hidden)
{
  SitmapHistogramCounts counts;
  double total = 0;

  sitmap_time_histogram_count (self, from, to, &counts);
  for (guint layer = 0; layer < SITMAP_HISTOGRAM_N_LAYERS; layer++)
    for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
      if (!(hidden & (1u << c)))
        total += counts.counts[layer][c];
  return total;
}

void
sitmap_time_histogram_count_bins (SitmapTimeHistogram   *self,
                                  const gint64          *edges,
                                  guint                  n_edges,
                                  SitmapHistogramCounts *counts)
{
  double *before, *after;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_edges == 0 || edges != NULL);

  if (n_edges < 2)
    return;
  if (!self->has_extent)
    {
      memset (counts, 0, (n_edges - 1) * sizeof *counts);
      return;
    }
  before = g_newa (double, self->stride);
  after = g_newa (double, self->stride);
  value_at (self, edges[0], before);
  for (guint i = 1; i < n_edges; i++)
    {
      double *swap;

      value_at (self, MAX (edges[i], edges[i - 1]), after);
      store_difference (self, before, after, &counts[i - 1]);
      swap = before;
      before = after;
      after = swap;
    }
}

gsize
sitmap_time_histogram_get_memory_size (SitmapTimeHistogram *self)
{
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  size = sizeof *self;
  if (self->detail.prefix != NULL)
    size += ((gsize) self->detail.n_bins + 1) * self->stride * sizeof (guint32);
  if (self->overview.prefix != NULL)
    size += ((gsize) self->overview.n_bins + 1) * self->stride * sizeof (guint32);
  return size;
}

SitmapTimeHistogram *
sitmap_time_histogram_new_without (SitmapTimeHistogram      *whole,
                                   const SitmapEventColumns *columns,
                                   const guint32            *removed,
                                   guint                     n_removed,
                                   const SitmapBitset       *kept)
{
  SitmapTimeHistogram *self;
  Subset gone = { .positions = removed, .n = n_removed };

  g_return_val_if_fail (whole != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);
  g_return_val_if_fail (n_removed == 0 || removed != NULL, NULL);
  g_return_val_if_fail (kept != NULL, NULL);

  self = g_atomic_rc_box_new0 (SitmapTimeHistogram);
  if (!whole->has_extent)
    return self;
  *self = *whole;
  self->detail.prefix = subtract_level (whole, &whole->detail, columns, &gone);
  self->overview.prefix = whole->has_overview ? subtract_level (whole, &whole->overview, columns, &gone) : NULL;
  self->has_extent = kept_extent (whole, columns, kept, &self->extent_start, &self->extent_end);
  return self;
}
