/* sitmap-time.h: when an event happened, and how exactly we know it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How exactly a report pins an event in time. */
typedef enum
{
  SITMAP_TIME_PRECISION_NONE,  /* undated */
  SITMAP_TIME_PRECISION_EXACT, /* a moment, to the second */
  SITMAP_TIME_PRECISION_DAY,
  SITMAP_TIME_PRECISION_MONTH,
  SITMAP_TIME_PRECISION_YEAR,
  SITMAP_TIME_PRECISION_SPAN, /* from a begin to an end, either of which may be open */
} SitmapTimePrecision;

/* The granularity of one written date ("2019-03" is a month). */
typedef enum
{
  SITMAP_TIME_UNIT_NONE, /* the bound is absent: an open span */
  SITMAP_TIME_UNIT_SECOND,
  SITMAP_TIME_UNIT_DAY,
  SITMAP_TIME_UNIT_MONTH,
  SITMAP_TIME_UNIT_YEAR,
} SitmapTimeUnit;

/* Open bounds of a span sit at the ends of the time line, so that overlap tests need no special case. */
#define SITMAP_TIME_OPEN_START G_MININT64
#define SITMAP_TIME_OPEN_END   G_MAXINT64

/* Seconds since 1970-01-01T00:00:00Z, proleptic Gregorian, UTC. [start, end) covers everything the
 * report allows: "2019-03" is [2019-03-01, 2019-04-01), an exact moment t is [t, t + 1). */
typedef struct
{
  gint64 start;
  gint64 end;
  guint8 precision;  /* SitmapTimePrecision */
  guint8 start_unit; /* SitmapTimeUnit of the written begin (or of the single date) */
  guint8 end_unit;   /* SitmapTimeUnit of the written end; NONE unless a span */
} SitmapTime;

#define SITMAP_TYPE_TIME (sitmap_time_get_type ())
GType sitmap_time_get_type (void) G_GNUC_CONST;

SitmapTime *sitmap_time_copy (const SitmapTime *self);
void        sitmap_time_free (SitmapTime *self);

void     sitmap_time_init_undated (SitmapTime *self);
gboolean sitmap_time_init_instant (SitmapTime *self, const char *text, GError **error);
gboolean sitmap_time_init_span (SitmapTime *self, const char *begin, const char *end, GError **error);

gboolean sitmap_time_is_dated (const SitmapTime *self);
gboolean sitmap_time_overlaps (const SitmapTime *self, gint64 start, gint64 end);
gboolean sitmap_time_within (const SitmapTime *self, gint64 start, gint64 end);

/* One ISO 8601 / XSD date as KML writes it ("2011", "2019-03", "2024-12-10", "2024-12-10T05:30:00Z",
 * each with an optional time zone), parsed to the interval it covers. A moment is converted to UTC; a date,
 * month or year is the calendar one written, whatever its zone. Years run from -999999 to 999999, and so
 * must the moment once converted: a file Sitmap writes then always reads back. */
gboolean sitmap_time_parse_bound (const char     *text,
                                  gint64         *start,
                                  gint64         *end,
                                  SitmapTimeUnit *unit,
                                  GError        **error);
/* Sets error to SITMAP_DOCUMENT_ERROR_INVALID_VALUE, "“text” is not a date Sitmap understands (why)", and
 * returns FALSE: the one way every date reader says it cannot read a date. */
gboolean sitmap_time_invalid_date (GError **error, const char *text, const char *why);
char *sitmap_time_format_bound (gint64 t, SitmapTimeUnit unit);
char *sitmap_time_format_begin (const SitmapTime *self);
char *sitmap_time_format_end (const SitmapTime *self);

/* A sentence fragment for people: "on 10 December 2024", "in March 2019", "from 7 to 8 December 2024". */
char *sitmap_time_describe (const SitmapTime *self);
const char *sitmap_time_precision_to_string (SitmapTimePrecision precision);
/* How precise a time is that covers one unit of the calendar as parsed (a day, a month, a year). */
SitmapTimePrecision sitmap_time_precision_of_unit (SitmapTimeUnit unit);

/* Civil calendar arithmetic, valid far beyond GDateTime's years 1–9999. */
gint64 sitmap_days_from_civil (gint64 year, guint month, guint day);
void   sitmap_civil_from_days (gint64 days, gint64 *year, guint *month, guint *day);
gint64 sitmap_time_from_civil (gint64 year, guint month, guint day, guint hour, guint minute, guint second);
gint64 sitmap_time_add_months (gint64 t, int months);

/* How an error message quotes text from a document: valid UTF-8, at most SITMAP_QUOTE_MAX_CHARS
 * characters, then "…". A message is shown in a dialog, which takes minutes to lay out a megabyte. What
 * would change what the message says is escaped visibly: line breaks and other controls as \n, \r, \t or
 * \u{7}, format characters such as the bidi override U+202E as \u{202E}, a backslash as \\; an escape
 * counts for the characters it is shown with. Every message that quotes a document goes through here.
 * (Here because the model quotes dates; src/io quotes everything else with it.) */
#define SITMAP_QUOTE_MAX_CHARS 40
char *sitmap_quote_text (const char *text);
/* The same with another limit, for longer text such as libxml2's own descriptions. */
char *sitmap_quote_text_max (const char *text, guint max_chars);
/* How much of a document's text a label shows: GTK lays out a label's whole text, many times over while
 * it measures it, and a hostile file's title of a megabyte took minutes, during which the window froze.
 * A name or title is cut at SITMAP_LABEL_MAX_CHARS (sitmap_text_cut), a paragraph (a description, a
 * summary) at SITMAP_PARAGRAPH_MAX_CHARS and at the end of a run of SITMAP_LABEL_MAX_CHARS without a
 * space, which a label can only wrap letter by letter, slowly (sitmap_text_cut_paragraph). Far beyond
 * what a label is read for; the document keeps the whole text. Unlike a quote in a message, the text is
 * shown as it is (its line breaks are line breaks): only made valid UTF-8, and cut with "…". */
#define SITMAP_LABEL_MAX_CHARS     1000
#define SITMAP_PARAGRAPH_MAX_CHARS 10000
char *sitmap_text_cut (const char *text, guint max_chars);
char *sitmap_text_cut_paragraph (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapTime, sitmap_time_free)

G_END_DECLS
