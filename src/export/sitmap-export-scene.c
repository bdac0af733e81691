/* sitmap-export-scene.c: what an export shows, read from the document once, on the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-annotation.h"
#include "sitmap-event.h"
#include "sitmap-export-scene-private.h"
#include "sitmap-geometry.h"
#include "sitmap-shape-table.h"
#include "sitmap-symbol.h"
#include "sitmap-positions.h"

#define MARGIN 24.0
#define CELL_PIXELS 44.0
#define TITLE_SIZE 22.0
#define SUBTITLE_SIZE 14.0
#define TIMELINE_HEIGHT 64.0
#define FOOTER_HEIGHT 18.0
#define NOTES_HEADING 22.0
#define NOTE_GAP 6.0
#define COLUMN_GAP 24.0
#define MIN_MAP_HEIGHT 160.0
/* Most of a page the notes may take; more notes are counted, not listed. */
#define NOTES_SHARE 0.32
/* Most lines of a title and a subtitle: a longer one ends in an ellipsis. */
#define TITLE_LINES 3
#define SUBTITLE_LINES 2
#define ATTRIBUTION_LINES 3
/* A place's name is written at about this size (sitmap-export-draw.c), on one line. */
#define PLACE_NAME_SIZE 13.2
/* The tiles' own text (towns' names) is this many of their pixels or more: the offline basemap's
 * smallest names are 10.5 px, and 10 px for the countries of the world's zooms (up to 3); most of
 * OpenStreetMap's are 10 px or more. */
#define TILE_TEXT_PIXELS 10.5
#define TILE_WORLD_TEXT_PIXELS 10.0
#define TILE_WORLD_MAX_ZOOM 3
/* No text on a sheet of paper is smaller than this: the smallest a reader reads without a glass. */
#define MIN_PRINTED_POINTS 6.0
/* A logical pixel is 1/96 inch on paper; a point 1/72. */
#define POINTS_PER_PIXEL 0.75

G_DEFINE_FINAL_TYPE (SitmapExportScene, sitmap_export_scene, G_TYPE_OBJECT)

G_DEFINE_QUARK (sitmap - export - error - quark, sitmap_export_error)

/*
 * Auxiliary methods
 */

static void
shape_clear (gpointer data)
{
  SitmapExportShape *shape = data;

  g_clear_pointer (&shape->rings, g_array_unref);
}

static void
cluster_clear (gpointer data)
{
  g_free (((SitmapExportCluster *)data)->numbers);
}

static void
place_clear (gpointer data)
{
  g_free (((SitmapExportPlace *)data)->name);
}

static void
note_clear (gpointer data)
{
  SitmapExportNote *note = data;

  g_free (note->title);
  g_free (note->details);
  g_free (note->head);
}

static void
label_clear (gpointer data)
{
  g_free (((SitmapExportLabel *)data)->text);
}

void
_sitmap_export_scene_world_to_page (SitmapExportScene *self, double x, double y, double *px, double *py)
{
  double dx = x - self->center_x;

  dx -= round (dx);
  *px = self->map.x + self->map.width / 2 + dx * self->world_pixels;
  *py = self->map.y + self->map.height / 2 + (y - self->center_y) * self->world_pixels;
}

static gboolean
in_map (SitmapExportScene *self, double x, double y, double margin)
{
  return x >= self->map.x - margin && x <= self->map.x + self->map.width + margin && y >= self->map.y - margin
         && y <= self->map.y + self->map.height + margin;
}

static char *
format_day (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  /* Translators: a date in an export's subtitle, see g_date_time_format() */
  return dt != NULL ? g_date_time_format (dt, _ ("%-d %B %Y")) : g_strdup ("?");
}

/*
 * What the page shows of time: the range, or without one the span of the shown events' dates
 */

/* The dated events shown, from the earliest thing known of their time to the latest. */
typedef struct
{
  gint64 first;      /* the earliest known instant of a shown event */
  gint64 last;       /* the latest known instant (inclusive) */
  guint  first_position;
  guint  last_position;
  gboolean first_from_end; /* the event's start is open: its end is the earliest known */
  gboolean last_from_start; /* its end is open: its start is the latest known */
  guint  n_dated;
  guint  n_open; /* spans with an open end or start */
  guint  n_undated;
} ShownSpan;

/* How coarse an event's date is, to pick the coarser of two that start (or end) together. */
static int
coarseness (guint8 precision)
{
  switch (precision)
    {
      case SITMAP_TIME_PRECISION_YEAR:
        return 3;
      case SITMAP_TIME_PRECISION_MONTH:
        return 2;
      case SITMAP_TIME_PRECISION_SPAN:
        return 0;
      default:
        return 1;
    }
}

/* One pass over the shown events; objects only for the two that set the span's ends. */
static void
shown_span (SitmapDocument *document, const guint32 *visible, guint n_visible, ShownSpan *span)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  *span = (ShownSpan){ .first = G_MAXINT64, .last = G_MININT64 };
  for (guint i = 0; i < n_visible; i++)
    {
      guint    p = visible[i];
      gint64   start, end, first, last;
      gboolean open_start, open_end;
      int      coarse;

      if (!sitmap_event_columns_is_dated (columns, p))
        {
          span->n_undated++;
          continue;
        }
      start = columns->start[p];
      end = sitmap_event_columns_get_end (columns, p);
      open_start = start == SITMAP_TIME_OPEN_START;
      open_end = end == SITMAP_TIME_OPEN_END;
      if (open_start && open_end)
        continue;
      span->n_dated++;
      span->n_open += open_start || open_end;
      first = open_start ? end - 1 : start;
      last = open_end ? start : end - 1;
      coarse = coarseness (columns->time_precision[p]);
      if (first < span->first
          || (first == span->first && coarse > coarseness (columns->time_precision[span->first_position])))
        {
          span->first = first;
          span->first_position = p;
          span->first_from_end = open_start;
        }
      if (last > span->last
          || (last == span->last && coarse > coarseness (columns->time_precision[span->last_position])))
        {
          span->last = last;
          span->last_position = p;
          span->last_from_start = open_end;
        }
    }
}

/* The unit an event's start (or end) is written in, never finer than a day: a subtitle names days. */
static SitmapTimeUnit
bound_unit (SitmapDocument *document, guint position, gboolean end)
{
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, position);
  SitmapTime     time;
  SitmapTimeUnit unit;

  sitmap_event_get_time (event, &time);
  unit = end && time.precision == SITMAP_TIME_PRECISION_SPAN ? time.end_unit : time.start_unit;
  return unit == SITMAP_TIME_UNIT_NONE || unit == SITMAP_TIME_UNIT_SECOND ? SITMAP_TIME_UNIT_DAY : unit;
}

static SitmapTime
instant_in (gint64 t, SitmapTimeUnit unit)
{
  SitmapTime time = { .start = t, .end = t + 1, .start_unit = unit };

  time.precision = unit == SITMAP_TIME_UNIT_YEAR    ? SITMAP_TIME_PRECISION_YEAR
                   : unit == SITMAP_TIME_UNIT_MONTH ? SITMAP_TIME_PRECISION_MONTH
                                                    : SITMAP_TIME_PRECISION_DAY;
  return time;
}

/* "from 2011 to 10 December 2024": each end as precisely as the event that sets it is known, so that a
 * year is not made a day. */
static char *
describe_span (SitmapDocument *document, const ShownSpan *span)
{
  SitmapTimeUnit first_unit = bound_unit (document, span->first_position, span->first_from_end);
  SitmapTimeUnit last_unit = bound_unit (document, span->last_position, !span->last_from_start);
  SitmapTime     first = instant_in (span->first, first_unit), last = instant_in (span->last, last_unit);
  SitmapTime     whole = { .start = span->first,
                           .end = span->last + 1,
                           .precision = SITMAP_TIME_PRECISION_SPAN,
                           .start_unit = first_unit,
                           .end_unit = last_unit };
  g_autofree char *a = sitmap_time_describe (&first);
  g_autofree char *b = sitmap_time_describe (&last);

  if (g_strcmp0 (a, b) == 0)
    return g_steal_pointer (&a);
  return sitmap_time_describe (&whole);
}

/* "4 of 10 events overlapping, filtered (1 open-ended, 2 undated)": what the notes and the map hold. */
static char *
describe_counts (SitmapExportScene *self, SitmapViewState *view_state, const ShownSpan *span)
{
  SitmapDocument *document = sitmap_view_state_get_document (view_state);
  guint           n = self->n_visible, total = sitmap_document_get_n_live_events (document);
  g_autoptr (GString) text = g_string_new (NULL);

  if (n == 0 && total == 0)
    return g_strdup (_ ("No events"));
  if (self->has_range && sitmap_view_state_get_range_rule (view_state) == SITMAP_RANGE_WITHIN)
    /* Translators: in an export's subtitle, the events wholly in its time range, "3 of 9 events entirely within" */
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u event entirely within",
                                        "%u of %u events entirely within", total),
                     n, total);
  else if (self->has_range)
    /* Translators: in an export's subtitle, the events that overlap its time range, "5 of 9 events overlapping" */
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u event overlapping", "%u of %u events overlapping",
                                        total),
                     n, total);
  else if (n < total)
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u event", "%u of %u events", total), n, total);
  else
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  if (!sitmap_filter_is_empty (sitmap_view_state_get_filter (view_state)))
    /* Translators: appended to an export's count of events when a search or filter leaves some out */
    g_string_append (text, _ (", filtered"));
  if (n > 0 && span->n_dated == 0)
    /* Translators: after the count of events in an export's subtitle, when none of them has a date */
    g_string_append (text, _ (" (all undated)"));
  else if (span->n_open > 0 || span->n_undated > 0)
    {
      g_autofree char *open = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u open-ended", "%u open-ended", span->n_open), span->n_open);
      g_autofree char *undated = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u undated", "%u undated", span->n_undated), span->n_undated);

      if (span->n_open > 0 && span->n_undated > 0)
        /* Translators: after the count of events in an export's subtitle, "(1 open-ended, 2 undated)" */
        g_string_append_printf (text, _ (" (%s, %s)"), open, undated);
      else
        g_string_append_printf (text, " (%s)", span->n_open > 0 ? open : undated);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The subtitle says exactly what the page shows: the range, or "All dates" and the span of the shown
 * events' dates; how many events, whether a filter left some out, and which have no date. */
static char *
describe_shown (SitmapExportScene *self, SitmapViewState *view_state, const ShownSpan *span)
{
  SitmapDocument  *document = sitmap_view_state_get_document (view_state);
  g_autofree char *counts = describe_counts (self, view_state, span);
  g_autofree char *dates = NULL;

  if (self->has_range)
    {
      g_autofree char *from = format_day (self->range_start);
      /* The end is exclusive: the range of December ends on the 31st. */
      g_autofree char *to = format_day (self->range_end - 1);

      dates = g_strcmp0 (from, to) == 0 ? g_steal_pointer (&from) : g_strdup_printf (_ ("%s to %s"), from, to);
    }
  else if (span->n_dated > 0)
    {
      g_autofree char *when = describe_span (document, span);

      /* Translators: an export's subtitle without a time range: the span of the events shown, "All dates,
       * from 2011 to 10 December 2024" */
      dates = g_strdup_printf (_ ("All dates, %s"), when);
    }
  if (dates == NULL)
    return g_steal_pointer (&counts);
  return g_strdup_printf ("%s · %s", dates, counts);
}

/* The timeline strip spans the range, or without one the shown events' dates with a little room either
 * side: never the timeline's window, which the page does not show. */
static void
take_range (SitmapExportScene *self, SitmapViewState *view_state, const ShownSpan *span)
{
  gint64 pad;

  self->has_range = sitmap_view_state_get_range (view_state, &self->range_start, &self->range_end);
  if (self->has_range)
    return;
  self->range_start = self->range_end = 0;
  if (span->n_dated == 0)
    return;
  pad = MAX ((span->last - span->first) / 20, 86400);
  self->range_start = span->first > G_MININT64 + pad ? span->first - pad : G_MININT64;
  self->range_end = span->last < G_MAXINT64 - pad ? span->last + pad : G_MAXINT64;
}

/* "on 10 December 2024 · near Sukhna · SOHR via AFP, AFP" */
static char *
describe_event (SitmapDocument *document, guint position, gboolean *party_only)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document, position);
  const SitmapCitationRecord *citations;
  SitmapTime                  time;
  const char                 *place;
  guint                       n_citations;

  sitmap_event_get_time (event, &time);
  if (sitmap_time_is_dated (&time))
    {
      g_autofree char *when = sitmap_time_describe (&time);

      g_string_append (text, when);
    }
  else
    g_string_append (text, _ ("undated"));
  place = sitmap_event_get_place_name (event);
  if (place != NULL && *place != '\0')
    g_string_append_printf (text, " · %s", place);
  citations = sitmap_event_store_get_citations (store, position, &n_citations);
  for (guint i = 0; i < n_citations; i++)
    {
      SitmapSource *source = sitmap_document_get_source (document, citations[i].source);

      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, source != NULL ? sitmap_source_get_short_name (source) : "?");
      if (citations[i].via > 0)
        {
          SitmapSource *via = sitmap_document_get_source (document, citations[i].via - 1);

          if (via != NULL)
            g_string_append_printf (text, _ (" via %s"), sitmap_source_get_short_name (via));
        }
    }
  if (n_citations == 0)
    g_string_append_printf (text, " · %s", _ ("no source given"));
  *party_only = sitmap_event_is_party_only (event);
  if (*party_only)
    g_string_append_printf (text, " · %s", _ ("reported only by parties to the conflict"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
collect_notes (SitmapExportScene *self, SitmapDocument *document, const guint32 *visible, guint n_visible)
{
  guint n = MIN (n_visible, SITMAP_EXPORT_MAX_NOTES);

  for (guint i = 0; i < n; i++)
    {
      SitmapEventStore *store = sitmap_document_get_store (document);
      const char       *title = sitmap_event_store_get_title (store, visible[i]);
      SitmapExportNote  note = { .number = i + 1 };

      note.title = g_strdup (title != NULL && *title != '\0' ? title : _ ("Untitled event"));
      note.details = describe_event (document, visible[i], &note.party_only);
      g_array_append_val (self->notes, note);
    }
}

/* The timeline strip's marks, or past SITMAP_EXPORT_MAX_MARKS its histogram: one pass over the visible
 * events, binned by their start over the range. */
static void
collect_marks (SitmapExportScene *self, const SitmapEventColumns *columns, const guint32 *visible, guint n_visible)
{
  gint64 t0 = self->range_start, t1 = self->range_end;
  guint  n_dated = 0;

  for (guint i = 0; i < n_visible; i++)
    n_dated += sitmap_event_columns_is_dated (columns, visible[i]);
  if (n_dated <= SITMAP_EXPORT_MAX_MARKS)
    {
      for (guint i = 0; i < n_visible; i++)
        {
          guint            p = visible[i];
          SitmapExportMark mark;

          if (!sitmap_event_columns_is_dated (columns, p))
            continue;
          mark.start = columns->start[p];
          mark.end = sitmap_event_columns_get_end (columns, p);
          mark.category = columns->category[p];
          mark.precision = columns->time_precision[p];
          g_array_append_val (self->marks, mark);
        }
      return;
    }
  if (t1 <= t0 || self->timeline.width <= 16)
    return;
  self->n_bins = MAX (1, (guint)((self->timeline.width - 16) / SITMAP_EXPORT_BIN_PIXELS));
  self->histogram = g_new0 (guint32, (gsize)self->n_bins * SITMAP_N_CATEGORIES);
  for (guint i = 0; i < n_visible; i++)
    {
      guint p = visible[i];
      guint bin;

      if (!sitmap_event_columns_is_dated (columns, p) || columns->start[p] < t0 || columns->start[p] >= t1)
        continue;
      bin = MIN (self->n_bins - 1, (guint)((double)(columns->start[p] - t0) / (t1 - t0) * self->n_bins));
      self->histogram[bin * SITMAP_N_CATEGORIES + columns->category[p]]++;
    }
}

/*
 * Layout
 */

static double
layout_height (PangoContext *context, const char *text, double size, gboolean bold, double width)
{
  g_autoptr (PangoLayout) layout = _sitmap_export_create_layout (context, text, size, bold);
  int h;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_size (layout, NULL, &h);
  return (double)h / PANGO_SCALE;
}

static double
note_column_width (SitmapExportScene *self)
{
  double inner = self->page_width - 2 * self->margin;

  return MAX ((inner - (self->note_columns - 1) * COLUMN_GAP) / self->note_columns, 1);
}

/* How many notes fit in columns at most max_height high, and how high the tallest column is. Columns
 * are filled evenly: each up to an equal share of all the notes' height, or of max_height. */
static guint
fit_notes (SitmapExportScene *self, PangoContext *context, double column_width, double max_height, double *height)
{
  g_autofree double *heights = g_new (double, MAX (self->notes->len, 1));
  double             total = 0, target, column_height = 0, tallest = 0;
  int                column = 0;
  guint              n = 0;

  for (guint i = 0; i < self->notes->len; i++)
    {
      heights[i]
          = _sitmap_export_measure_note (context, &g_array_index (self->notes, SitmapExportNote, i), column_width)
            + NOTE_GAP;
      total += heights[i];
    }
  target = MIN (max_height, total / self->note_columns);
  for (; n < self->notes->len; n++)
    {
      if (column_height + heights[n] > target + 0.5 && column_height > 0)
        {
          /* The last column takes what is left, up to the most it may. */
          if (++column >= self->note_columns)
            break;
          column_height = 0;
          if (column == self->note_columns - 1)
            target = max_height;
        }
      if (column_height + heights[n] > max_height && column_height > 0)
        break;
      g_array_index (self->notes, SitmapExportNote, n).column = column;
      g_array_index (self->notes, SitmapExportNote, n).top = column_height;
      column_height += heights[n];
      tallest = MAX (tallest, column_height);
    }
  *height = tallest;
  return n;
}

static void
lay_out_with (SitmapExportScene *self, PangoContext *context, SitmapExportInclude include)
{
  double m = self->margin, w = self->page_width, y = m, bottom = self->page_height - m;
  double inner = MAX (w - 2 * m, 1);

  self->header = (SitmapExportRect){ m, m, inner, 0 };
  if (include & SITMAP_EXPORT_TITLE)
    {
      self->header.height = layout_height (context, self->title, TITLE_SIZE, TRUE, inner) + 4
                            + layout_height (context, self->subtitle, SUBTITLE_SIZE, FALSE, inner);
      y += self->header.height + 12;
    }
  if (include & SITMAP_EXPORT_EXPORTED_ON)
    {
      self->footer = (SitmapExportRect){ m, bottom - FOOTER_HEIGHT + 6, inner, FOOTER_HEIGHT - 6 };
      bottom -= FOOTER_HEIGHT;
    }
  if ((include & SITMAP_EXPORT_NOTES) && self->notes->len > 0)
    {
      double column_width = note_column_width (self), height, max_height;

      max_height = MAX (60, MIN ((bottom - y) * NOTES_SHARE, bottom - y - MIN_MAP_HEIGHT)) - NOTES_HEADING;
      self->n_notes_shown = fit_notes (self, context, column_width, max_height, &height);
      height += NOTES_HEADING;
      self->notes_area = (SitmapExportRect){ m, bottom - height, inner, height };
      bottom -= height + 12;
    }
  if (include & SITMAP_EXPORT_TIMELINE)
    {
      self->timeline = (SitmapExportRect){ m, bottom - TIMELINE_HEIGHT, inner, TIMELINE_HEIGHT };
      bottom -= TIMELINE_HEIGHT + 10;
    }
  self->map = (SitmapExportRect){ m, y, inner, bottom - y };
}

/* The texts around the map, cut to what the page can show before the page is fitted around them: a
 * title of a megabyte is laid out once, as three lines and an ellipsis, not again and again. */
static void
fit_texts (SitmapExportScene *self, PangoContext *context)
{
  double inner = MAX (self->page_width - 2 * self->margin, 1);
  char  *fitted;

  fitted = _sitmap_export_fit_text (context, self->title, TITLE_SIZE, TRUE, inner, TITLE_LINES);
  g_free (self->title);
  self->title = fitted;
  fitted = _sitmap_export_fit_text (context, self->subtitle, SUBTITLE_SIZE, FALSE, inner, SUBTITLE_LINES);
  g_free (self->subtitle);
  self->subtitle = fitted;
  if (self->options.include & SITMAP_EXPORT_NOTES)
    for (guint i = 0; i < self->notes->len; i++)
      _sitmap_export_fit_note (context, &g_array_index (self->notes, SitmapExportNote, i),
                               note_column_width (self));
}

/* Lays out the page; on a page too small for the map and all that goes around it, the map keeps its
 * room and the rest goes, least needed first: notes, timeline strip, "exported on" line, title. What
 * goes is kept in dropped, for the caller to say. */
static void
lay_out (SitmapExportScene *self, PangoContext *context)
{
  static const SitmapExportInclude droppable[] = {
    SITMAP_EXPORT_NOTES,
    SITMAP_EXPORT_TIMELINE,
    SITMAP_EXPORT_EXPORTED_ON,
    SITMAP_EXPORT_TITLE,
  };
  double min_height = MIN (MIN_MAP_HEIGHT, self->page_height * 0.5);

  /* A page smaller than a stamp keeps a margin in proportion. */
  self->margin = MIN (MARGIN, floor (MIN (self->page_width, self->page_height) / 8));
  self->note_columns = self->page_width >= 1400 ? 3 : self->page_width >= 760 ? 2 : 1;
  fit_texts (self, context);
  lay_out_with (self, context, self->options.include);
  for (guint i = 0; i < G_N_ELEMENTS (droppable) && self->map.height < min_height; i++)
    {
      if (self->options.include & droppable[i]
          && (droppable[i] != SITMAP_EXPORT_NOTES || self->notes->len > 0))
        self->dropped |= droppable[i];
      self->options.include &= ~droppable[i];
      self->n_notes_shown = 0;
      self->timeline = self->footer = self->notes_area = (SitmapExportRect){ 0 };
      lay_out_with (self, context, self->options.include);
    }
  self->map.height = MAX (self->map.height, MAX (1, MIN (20, self->page_height - 2 * self->margin)));
}

/*
 * The map's content
 */

static int
note_number (const guint32 *visible, guint n_listed, guint32 position)
{
  /* The visible set is ascending, and the notes are its first events. */
  return sitmap_positions_index_of (visible, n_listed, position) + 1;
}

/* Clear functions get a pointer to the element. */
static void
ring_clear (gpointer data)
{
  g_array_unref (*(GArray **)data);
}

static GArray *
copy_path (SitmapExportScene *self, SitmapShapeTable *table, const SitmapShape *shape)
{
  GArray *rings = g_array_new (FALSE, FALSE, sizeof (GArray *));

  g_array_set_clear_func (rings, ring_clear);
  for (guint r = 0; r < sitmap_shape_table_get_n_rings (table, shape->path); r++)
    {
      guint         n_points;
      const double *points = sitmap_shape_table_get_ring (table, shape->path, r, &n_points);
      GArray       *ring = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n_points);

      for (guint i = 0; i < n_points; i++)
        {
          double xy[2];

          _sitmap_export_scene_world_to_page (self, points[2 * i], points[2 * i + 1], &xy[0], &xy[1]);
          g_array_append_vals (ring, xy, 2);
        }
      g_array_append_val (rings, ring);
    }
  return rings;
}

/* Metres to page pixels at normalised latitude y. */
static double
metres_to_pixels (SitmapExportScene *self, double y, double metres)
{
  double latitude = atan (sinh (G_PI * (1 - 2 * y)));

  return metres / (40075016.686 * cos (latitude)) * self->world_pixels;
}

/* What makes two events' shapes the same drawing: an area's path, whatever its events (the screen
 * washes it once, in the colour of its first event); a line's path in one category; a ring's place,
 * size and category, to the pixel. */
static guint64
shape_key (const SitmapShape *shape, guint8 category, double x, double y, double radius)
{
  guint64 kind = (guint64)shape->kind << 60;

  if (shape->kind == SITMAP_SHAPE_AREA)
    return kind | (guint64)shape->path << 8;
  if (shape->kind == SITMAP_SHAPE_LINE)
    return kind | (guint64)shape->path << 8 | category;
  return kind | (guint64)CLAMP ((gint64)round (x) + 32768, 0, 65535) << 40
         | (guint64)CLAMP ((gint64)round (y) + 32768, 0, 65535) << 24 | (guint64)MIN (round (radius), 65535) << 8
         | category;
}

/* Each distinct shape once: stacked, a party-only event's dashed outline would lie under another's
 * solid one, and washes would darken. Its outline is solid when any event drawn with it is reported by
 * an independent origin: the dashes say that no one but a party says so. */
static void
add_shape (SitmapExportScene *self, SitmapShapeTable *table, const SitmapEventColumns *columns, guint position)
{
  const SitmapShape *shape = sitmap_shape_table_lookup (table, position);
  SitmapExportShape  item = { 0 };
  gboolean           party_only = (columns->flags[position] & SITMAP_EVENT_FLAG_PARTY_ONLY) != 0;
  double             x, y, radius = 0;
  guint64            key;
  gpointer           index;

  if (shape == NULL)
    return;
  _sitmap_export_scene_world_to_page (self, shape->x, shape->y, &x, &y);
  if (shape->kind == SITMAP_SHAPE_RING || shape->kind == SITMAP_SHAPE_VAGUE)
    radius = metres_to_pixels (self, shape->y, shape->radius_m);
  key = shape_key (shape, columns->category[position], x, y, radius);
  if (g_hash_table_lookup_extended (self->shape_index, &key, NULL, &index))
    {
      SitmapExportShape *drawn = &g_array_index (self->shapes, SitmapExportShape, GPOINTER_TO_UINT (index));

      drawn->party_only = drawn->party_only && party_only;
      return;
    }
  item.kind = shape->kind;
  item.category = columns->category[position];
  item.party_only = party_only;
  item.x = x;
  item.y = y;
  item.radius = radius;
  if (shape->kind == SITMAP_SHAPE_AREA || shape->kind == SITMAP_SHAPE_LINE)
    item.rings = copy_path (self, table, shape);
  g_hash_table_insert (self->shape_index, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (self->shapes->len));
  g_array_append_val (self->shapes, item);
}

static void
add_single (SitmapExportScene *self, SitmapShapeTable *table, const SitmapEventColumns *columns,
            const SitmapClusterPoint *points, const guint32 *visible, guint32 position)
{
  SitmapExportSymbol symbol;
  double             x, y;

  _sitmap_export_scene_world_to_page (self, sitmap_cluster_point_to_world (points[position].x),
                                      sitmap_cluster_point_to_world (points[position].y), &x, &y);
  if (!in_map (self, x, y, SITMAP_SYMBOL_RADIUS * 2))
    return;
  symbol.x = x;
  symbol.y = y;
  symbol.category = columns->category[position];
  symbol.style = sitmap_symbol_style_for_event (columns, position);
  symbol.number = note_number (visible, self->n_notes_shown, position);
  g_array_append_val (self->symbols, symbol);
  self->categories_shown |= 1u << symbol.category;
  self->cues_shown |= symbol.style;
  self->n_drawn++;
  /* Areas and lines are drawn for every visible event (add_paths), as the map does; rings only around
   * singles. */
  if (!(columns->flags[position] & (SITMAP_EVENT_FLAG_AREA | SITMAP_EVENT_FLAG_LINE)))
    add_shape (self, table, columns, position);
}

static void
add_paths (SitmapExportScene *self, SitmapShapeTable *table, const SitmapEventColumns *columns, const guint32 *visible,
           guint n_visible)
{
  double x0, y0, x1, y1;

  for (guint i = 0; i < n_visible; i++)
    {
      const SitmapShape *shape;

      if (!(columns->flags[visible[i]] & (SITMAP_EVENT_FLAG_AREA | SITMAP_EVENT_FLAG_LINE)))
        continue;
      shape = sitmap_shape_table_lookup (table, visible[i]);
      if (shape == NULL || (shape->kind != SITMAP_SHAPE_AREA && shape->kind != SITMAP_SHAPE_LINE))
        continue;
      _sitmap_export_scene_world_to_page (self, shape->min_x, shape->min_y, &x0, &y0);
      _sitmap_export_scene_world_to_page (self, shape->max_x, shape->max_y, &x1, &y1);
      if (x1 < self->map.x || x0 > self->map.x + self->map.width || y1 < self->map.y
          || y0 > self->map.y + self->map.height)
        continue;
      add_shape (self, table, columns, visible[i]);
    }
}

static char *
cluster_numbers (SitmapExportScene *self, SitmapClusterIndex *index, guint cluster, const guint32 *visible)
{
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GString) text = g_string_new (NULL);

  sitmap_cluster_index_get_members (index, cluster, members);
  if (members->len > 4)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    {
      int number = note_number (visible, self->n_notes_shown, g_array_index (members, guint32, i));

      if (number == 0)
        return NULL;
      g_string_append_printf (text, i == 0 ? "%d" : ", %d", number);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_clusters (SitmapExportScene *self, SitmapClusterIndex *index, const guint32 *visible)
{
  guint                n_clusters;
  const SitmapCluster *clusters = sitmap_cluster_index_get_clusters (index, &n_clusters);

  for (guint i = 0; i < n_clusters; i++)
    {
      SitmapExportCluster item = { 0 };
      double              x, y;

      _sitmap_export_scene_world_to_page (self, clusters[i].x, clusters[i].y, &x, &y);
      if (!in_map (self, x, y, clusters[i].radius + 2))
        continue;
      item.x = x;
      item.y = y;
      item.radius = clusters[i].radius;
      item.n_events = clusters[i].n_events;
      item.dominant = clusters[i].dominant;
      memcpy (item.category_counts, clusters[i].category_counts, sizeof item.category_counts);
      item.numbers = cluster_numbers (self, index, i, visible);
      for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
        if (item.category_counts[c] > 0)
          self->categories_shown |= 1u << c;
      self->n_drawn += item.n_events;
      g_array_append_val (self->clusters, item);
    }
}

static SitmapClusterPoint *
prepare_points (SitmapDocument *document, SitmapShapeTable *table)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  SitmapClusterPoint       *points = g_new (SitmapClusterPoint, MAX (columns->n_events, 1));
  const SitmapShape        *shapes;
  guint                     n_shapes;

  for (guint i = 0; i < columns->n_events; i++)
    points[i] = (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED)
                    ? sitmap_cluster_point_from_world (columns->x[i], columns->y[i])
                    : sitmap_cluster_point_from_world (NAN, NAN);
  /* As on screen: an event located by a shape alone is drawn at the middle of its shape. */
  shapes = sitmap_shape_table_get_shapes (table, &n_shapes);
  for (guint s = 0; s < n_shapes; s++)
    if (!(columns->flags[shapes[s].position] & SITMAP_EVENT_FLAG_PLACED))
      points[shapes[s].position] = sitmap_cluster_point_from_world (shapes[s].x, shapes[s].y);
  return points;
}

/* Bins the visible events on the same grid as the map does, at the page's scale, in a window of cells
 * around the map, and keeps what lands on the page: clusters, single symbols and their shapes. */
static void
collect_events (SitmapExportScene *self, SitmapDocument *document, const guint32 *visible, guint n_visible)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  g_autoptr (SitmapShapeTable) table = sitmap_shape_table_new (document);
  g_autofree SitmapClusterPoint *points = prepare_points (document, table);
  g_autoptr (SitmapClusterIndex) index = sitmap_cluster_index_new ();
  SitmapClusterGrid   grid;
  SitmapClusterWindow window;
  SitmapClusterInput  input = { points, columns->category, NULL, visible, n_visible };
  double              left = self->center_x * self->world_pixels - self->map.width / 2 - CELL_PIXELS;
  double              top = self->center_y * self->world_pixels - self->map.height / 2 - CELL_PIXELS;

  sitmap_cluster_grid_init (&grid, self->world_pixels, CELL_PIXELS);
  /* Columns go around the world: the window starts within it. */
  window.x0 = (gint64)floor (left / grid.cell_pixels) % (gint64)grid.cells_across;
  window.x0 = (window.x0 + grid.cells_across) % grid.cells_across;
  window.y0 = (gint64)CLAMP (floor (top / grid.cell_pixels), 0, grid.cells_across - 1);
  window.width = MIN ((guint32)ceil ((self->map.width + 2 * CELL_PIXELS) / grid.cell_pixels) + 2, grid.cells_across);
  window.height = MIN ((guint32)ceil ((self->map.height + 2 * CELL_PIXELS) / grid.cell_pixels) + 2,
                       grid.cells_across - MIN (window.y0, grid.cells_across - 1));
  while ((guint64)window.width * window.height > SITMAP_CLUSTER_MAX_CELLS)
    window.height--;
  sitmap_cluster_index_build (index, &grid, &window, &input);

  add_paths (self, table, columns, visible, n_visible);
  add_clusters (self, index, visible);
  for (guint cell = 0; cell < window.width * window.height; cell++)
    {
      const guint32 *singles;
      guint          n_singles;

      if (sitmap_cluster_index_get_cell (index, cell, &singles, &n_singles) >= 0)
        continue;
      for (guint i = 0; i < n_singles; i++)
        add_single (self, table, columns, points, visible, singles[i]);
    }
}

/* The width of an area's outline on the page: the screen names no area smaller than a word. */
static double
outline_width (SitmapExportScene *self, SitmapGeometry *geometry)
{
  double min_x = INFINITY, max_x = -INFINITY;

  for (guint r = 0; r < sitmap_geometry_get_n_rings (geometry); r++)
    {
      guint         n;
      const double *lon_lat = sitmap_geometry_get_ring (geometry, r, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          sitmap_mercator_from_lat_lon (lon_lat[2 * i + 1], lon_lat[2 * i], &x, &y);
          min_x = MIN (min_x, x);
          max_x = MAX (max_x, x);
        }
    }
  return max_x > min_x ? (max_x - min_x) * self->world_pixels : 0;
}

static int
compare_places (gconstpointer a, gconstpointer b)
{
  const SitmapExportPlace *pa = a, *pb = b;

  return (pa->rank > pb->rank) - (pa->rank < pb->rank);
}

static void
collect_places (SitmapExportScene *self, SitmapDocument *document, gboolean tiles_name_places)
{
  GListModel *places = sitmap_document_get_places (document);

  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr (SitmapPlace) place = g_list_model_get_item (places, i);
      SitmapPlaceKind   kind = sitmap_place_get_kind (place);
      SitmapExportPlace item = { .kind = kind, .rank = sitmap_place_kind_get_rank (kind) };
      double            latitude = sitmap_place_get_latitude (place), longitude = sitmap_place_get_longitude (place);
      double            x, y;

      item.area = !sitmap_place_is_settlement (place);
      /* Over tiles that name towns, the document's towns would be written twice. */
      if ((tiles_name_places && !item.area) || !sitmap_place_kind_shown_at_zoom (kind, self->options.zoom)
          || sitmap_place_get_name (place) == NULL || *sitmap_place_get_name (place) == '\0')
        continue;
      if (sitmap_place_is_area (place))
        {
          item.width = outline_width (self, sitmap_place_get_geometry (place));
          if (!sitmap_coordinates_valid (latitude, longitude))
            sitmap_geometry_get_center (sitmap_place_get_geometry (place), &latitude, &longitude);
        }
      if (!sitmap_coordinates_valid (latitude, longitude))
        continue;
      sitmap_mercator_from_lat_lon (latitude, longitude, &x, &y);
      _sitmap_export_scene_world_to_page (self, x, y, &x, &y);
      if (!in_map (self, x, y, 0))
        continue;
      item.x = x;
      item.y = y;
      /* A name is one line: what is longer than the map is cut before it is measured. */
      item.name = _sitmap_export_cut_text (sitmap_place_get_name (place),
                                           _sitmap_export_text_budget (self->map.width, PLACE_NAME_SIZE, 1));
      g_array_append_val (self->places, item);
    }
  /* Stable: places of one rank keep the document's order. */
  g_array_sort (self->places, compare_places);
}

static void
collect_annotations (SitmapExportScene *self, SitmapDocument *document)
{
  GListModel *annotations = sitmap_document_get_annotations (document);

  if (!(self->options.include & SITMAP_EXPORT_ANNOTATIONS) || annotations == NULL
      || !sitmap_document_get_annotations_visible (document))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

      g_ptr_array_add (self->annotations, sitmap_annotation_copy (annotation));
    }
  if (self->annotations->len > 0)
    self->document = g_object_ref (document);
}

static char *
document_display_name (SitmapDocument *document)
{
  GFile           *file = sitmap_document_get_file (document);
  g_autofree char *basename = NULL;

  if (file == NULL)
    return NULL;
  if (g_file_has_uri_scheme (file, "resource"))
    return g_strdup (_ ("the bundled demo"));
  basename = g_file_get_basename (file);
  return g_filename_display_name (basename);
}

/*
 * GObject
 */

static void
sitmap_export_scene_finalize (GObject *object)
{
  SitmapExportScene *self = SITMAP_EXPORT_SCENE (object);

  sitmap_export_options_clear (&self->options);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->attribution);
  g_free (self->document_name);
  g_array_unref (self->shapes);
  g_hash_table_unref (self->shape_index);
  g_array_unref (self->symbols);
  g_array_unref (self->clusters);
  g_array_unref (self->places);
  g_array_unref (self->panels);
  g_ptr_array_unref (self->annotations);
  g_array_unref (self->labels);
  g_clear_object (&self->document);
  g_array_unref (self->notes);
  g_array_unref (self->marks);
  g_free (self->histogram);
  if (self->tiles.data != NULL)
    {
      for (int i = 0; i < self->tiles.columns * self->tiles.rows; i++)
        g_clear_pointer (&self->tiles.data[i], g_bytes_unref);
      g_free (self->tiles.data);
    }
  G_OBJECT_CLASS (sitmap_export_scene_parent_class)->finalize (object);
}

static void
sitmap_export_scene_class_init (SitmapExportSceneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_export_scene_finalize;
}

static void
sitmap_export_scene_init (SitmapExportScene *self)
{
  self->shapes = g_array_new (FALSE, TRUE, sizeof (SitmapExportShape));
  g_array_set_clear_func (self->shapes, shape_clear);
  self->shape_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->symbols = g_array_new (FALSE, FALSE, sizeof (SitmapExportSymbol));
  self->clusters = g_array_new (FALSE, TRUE, sizeof (SitmapExportCluster));
  g_array_set_clear_func (self->clusters, cluster_clear);
  self->places = g_array_new (FALSE, TRUE, sizeof (SitmapExportPlace));
  g_array_set_clear_func (self->places, place_clear);
  self->panels = g_array_new (FALSE, FALSE, sizeof (SitmapExportRect));
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  self->labels = g_array_new (FALSE, TRUE, sizeof (SitmapExportLabel));
  g_array_set_clear_func (self->labels, label_clear);
  self->notes = g_array_new (FALSE, TRUE, sizeof (SitmapExportNote));
  g_array_set_clear_func (self->notes, note_clear);
  self->marks = g_array_new (FALSE, FALSE, sizeof (SitmapExportMark));
}

/* The zoom that gives each device pixel a tile pixel of its own, rounded so that tiles are enlarged by
 * at most a fifth. On paper, the names the tiles write must be read at the page's size: a tile whose
 * smallest text (TILE_TEXT_PIXELS of its pixels) would print under MIN_PRINTED_POINTS is taken from a
 * lower zoom, enlarged, rather than printed as specks. */
static int
desired_tile_zoom (SitmapExportScene *self)
{
  double zoom = self->options.zoom;
  int    tile_zoom = (int)ceil (zoom + log2 (MAX (self->options.scale, 0.1)) - 0.3);

  if (self->options.paper)
    {
      int legible = (int)floor (zoom + log2 (TILE_TEXT_PIXELS * POINTS_PER_PIXEL / MIN_PRINTED_POINTS));

      if (legible <= TILE_WORLD_MAX_ZOOM)
        legible = (int)floor (zoom + log2 (TILE_WORLD_TEXT_PIXELS * POINTS_PER_PIXEL / MIN_PRINTED_POINTS));
      tile_zoom = MIN (tile_zoom, legible);
    }
  return CLAMP (tile_zoom, 0, 22);
}

/*
 * Public API
 */

SitmapExportScene *
sitmap_export_scene_new (SitmapViewState *view_state, const SitmapExportOptions *options, const char *attribution,
                         gboolean tiles_name_places)
{
  g_autoptr (GObject) font_map = NULL;
  g_autoptr (GObject) context_object = NULL;
  PangoContext      *context;
  SitmapExportScene *self;
  SitmapDocument    *document;
  const guint32     *visible;
  guint              n_visible;
  ShownSpan          span;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);
  g_return_val_if_fail (options != NULL && options->width > 0 && options->height > 0 && options->scale > 0, NULL);
  document = sitmap_view_state_get_document (view_state);
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);

  self = g_object_new (SITMAP_TYPE_EXPORT_SCENE, NULL);
  sitmap_export_options_copy (&self->options, options);
  if (self->options.now == NULL)
    self->options.now = g_date_time_new_now_local ();
  self->page_width = options->width / options->scale;
  self->page_height = options->height / options->scale;
  self->document_name = document_display_name (document);
  sitmap_mercator_from_lat_lon (options->latitude, options->longitude, &self->center_x, &self->center_y);
  self->world_pixels = 256.0 * exp2 (options->zoom);
  /* Measured once, with the metrics every surface draws with. */
  font_map = G_OBJECT (pango_cairo_font_map_new ());
  context_object = G_OBJECT (pango_font_map_create_context (PANGO_FONT_MAP (font_map)));
  context = PANGO_CONTEXT (context_object);

  visible = sitmap_view_state_get_visible (view_state, &n_visible);
  self->n_visible = n_visible;
  shown_span (document, visible, n_visible, &span);
  take_range (self, view_state, &span);
  self->title = g_strdup (options->title != NULL ? options->title : sitmap_document_get_title (document));
  self->subtitle = options->subtitle != NULL ? g_strdup (options->subtitle) : describe_shown (self, view_state, &span);
  /* Nothing dated to show and no range: no strip (the subtitle says the events are undated). */
  if (!self->has_range && span.n_dated == 0)
    self->options.include &= ~SITMAP_EXPORT_TIMELINE;
  if (self->options.include & SITMAP_EXPORT_NOTES)
    collect_notes (self, document, visible, n_visible);
  lay_out (self, context);
  self->attribution = _sitmap_export_fit_text (
      context, attribution != NULL && *attribution != '\0' ? attribution : _ ("Map data: unknown"), 10.5, FALSE,
      MAX (self->map.width * 0.6, 1), ATTRIBUTION_LINES);
  collect_events (self, document, visible, n_visible);
  collect_places (self, document, tiles_name_places);
  collect_annotations (self, document);
  _sitmap_export_scene_place_labels (self, context);
  if (self->options.include & SITMAP_EXPORT_TIMELINE)
    collect_marks (self, sitmap_document_get_columns (document), visible, n_visible);
  self->tiles.zoom = desired_tile_zoom (self);
  return self;
}

const SitmapExportOptions *
sitmap_export_scene_get_options (SitmapExportScene *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), NULL);
  return &self->options;
}

void
sitmap_export_scene_get_page_size (SitmapExportScene *self, double *width, double *height)
{
  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));
  *width = self->page_width;
  *height = self->page_height;
}

void
sitmap_export_scene_get_map_size (SitmapExportScene *self, double *width, double *height)
{
  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));
  *width = self->map.width;
  *height = self->map.height;
}

int
sitmap_export_scene_get_tile_zoom (SitmapExportScene *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), 0);
  return self->tiles.zoom;
}

guint
sitmap_export_scene_get_n_drawn (SitmapExportScene *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), 0);
  return self->n_drawn;
}

guint
sitmap_export_scene_get_n_notes (SitmapExportScene *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), 0);
  return self->n_notes_shown;
}

SitmapExportInclude
sitmap_export_scene_get_dropped (SitmapExportScene *self)
{
  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), 0);
  return self->dropped;
}

char *
sitmap_export_scene_dup_dropped_message (SitmapExportScene *self)
{
  static const struct
  {
    SitmapExportInclude part;
    const char         *name;
  } parts[] = {
    { SITMAP_EXPORT_NOTES, N_ ("the source notes") },
    { SITMAP_EXPORT_TIMELINE, N_ ("the timeline strip") },
    { SITMAP_EXPORT_EXPORTED_ON, N_ ("the “exported on” line") },
    { SITMAP_EXPORT_TITLE, N_ ("the title") },
    { SITMAP_EXPORT_LEGEND, N_ ("the legend") },
    { SITMAP_EXPORT_SCALE_BAR, N_ ("the scale bar") },
    { SITMAP_EXPORT_NORTH_ARROW, N_ ("the north arrow") },
  };
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GString) list = g_string_new (NULL);

  g_return_val_if_fail (SITMAP_IS_EXPORT_SCENE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (self->dropped & parts[i].part)
      g_ptr_array_add (names, (gpointer)_ (parts[i].name));
  if (names->len == 0)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        /* Translators: between the parts of a page left out, "the source notes, the timeline strip and the
         * title" */
        g_string_append (list, i + 1 == names->len ? _ (" and ") : _ (", "));
      g_string_append (list, g_ptr_array_index (names, i));
    }
  /* Translators: said when an export's page is too small; %s lists what was left out */
  return g_strdup_printf (_ ("The page is too small for %s: left out"), list->str);
}

void
sitmap_export_scene_set_basemap_names (SitmapExportScene *self, gboolean basemap_names)
{
  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));
  self->basemap_names = basemap_names;
}

void
sitmap_export_scene_draw (SitmapExportScene *self, cairo_t *cr, SitmapExportTextSink *text_sink)
{
  g_return_if_fail (SITMAP_IS_EXPORT_SCENE (self));
  g_return_if_fail (cr != NULL);
  _sitmap_export_scene_draw_page (self, cr, text_sink);
}
