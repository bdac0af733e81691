/* sitmap-csv-private.h: what the CSV reader's and writer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-category.h"
#include "sitmap-document.h"
#include "sitmap-geometry.h"
#include "sitmap-import.h"
#include "sitmap-time.h"

G_BEGIN_DECLS

/* Limits, beyond which a file is refused or a row skipped rather than read until memory runs out */
#define SITMAP_CSV_MAX_COLUMNS 10000         /* a wider header is refused */
#define SITMAP_CSV_MAX_FIELD   (1 << 20)     /* a longer field skips its row */
#define SITMAP_CSV_MAX_HEADER  (1 << 20)     /* a longer header is refused */
#define SITMAP_CSV_MAX_ROWS    10000000      /* more rows are refused, as KML's 10 million events */

/*
 * Scanning: fields of a record, quote-aware (RFC 4180, as spreadsheets write it), with line numbers
 */

typedef struct
{
  const char *start;   /* the raw bytes, quotes included */
  guint32     length;
  guint8      quoted;  /* began with a quote: the text is inside it, with "" for a quote */
  guint8      messy;   /* quoted, and a "" inside or text after the closing quote: its text must be rewritten */
} SitmapCsvField;

typedef enum
{
  SITMAP_CSV_ROW_OK,
  SITMAP_CSV_ROW_END,            /* no more data */
  SITMAP_CSV_ROW_FIELD_TOO_LONG, /* scanned to its end; *bad_column says which */
  SITMAP_CSV_ROW_UNTERMINATED,   /* a quote opened and the data ended inside it */
} SitmapCsvRowStatus;

typedef struct
{
  const char *p;
  const char *end;
  guint64     line;       /* newlines passed since the scanner began */
  char        delimiter;
  guint8      stop[256];  /* the delimiter, CR and LF */
  const char *block;      /* 64 bytes whose delimiters, CRs and LFs are the bits of mask */
  guint64     mask;
} SitmapCsvScanner;

void               sitmap_csv_scanner_init (SitmapCsvScanner *self, const char *start, const char *end, char delimiter);
/* The next record: at most max_fields fields into fields (*n_fields counts them all, even past max_fields).
 * *bad_column (from 0) is the field too long, or the one whose quote never closes. */
SitmapCsvRowStatus sitmap_csv_scan_row (SitmapCsvScanner *self,
                                        SitmapCsvField   *fields,
                                        guint             max_fields,
                                        guint            *n_fields,
                                        guint            *bad_column);

/* The text of a field: its bytes, without the quotes, "" made ", into scratch when it must be rewritten;
 * leading and trailing spaces trimmed (and tabs, unless the delimiter is a tab), a byte order mark at its
 * start dropped, and the apostrophe Sitmap writes before = + - @ (a spreadsheet formula guard) removed. */
const char *sitmap_csv_field_text (const SitmapCsvField *field, char delimiter, GString *scratch, gsize *length);

/* The delimiter of a table whose text begins at head: ',', ';' or '\t', the one that splits the first rows
 * into the same number of fields, most of them; 0 when none does. */
char sitmap_csv_sniff_delimiter (const char *head, gsize length, guint *n_columns);

/* Whether length bytes of text are valid UTF-8 without NUL: 0 if so, 1 if not UTF-8 (at *offset), 2 if a NUL
 * (at *offset). Quick for ASCII. */
guint sitmap_csv_check_utf8 (const char *text, gsize length, gsize *offset);

/*
 * Columns: what each column of a file holds
 */

typedef enum
{
  SITMAP_CSV_ROLE_ATTRIBUTE,       /* kept with the event under its name, written back */
  SITMAP_CSV_ROLE_IGNORE,          /* a pandas index, ACLED's year (the date says it) */
  SITMAP_CSV_ROLE_ID,
  SITMAP_CSV_ROLE_TITLE,
  SITMAP_CSV_ROLE_SUMMARY,
  SITMAP_CSV_ROLE_DATE,
  SITMAP_CSV_ROLE_END_DATE,
  SITMAP_CSV_ROLE_LATITUDE,
  SITMAP_CSV_ROLE_LONGITUDE,
  SITMAP_CSV_ROLE_PLACE,
  SITMAP_CSV_ROLE_CATEGORY,
  SITMAP_CSV_ROLE_FATALITIES,
  SITMAP_CSV_ROLE_SOURCE,
  /* ACLED's */
  SITMAP_CSV_ROLE_TIME_PRECISION,
  SITMAP_CSV_ROLE_GEO_PRECISION,
  SITMAP_CSV_ROLE_ACTOR1,
  SITMAP_CSV_ROLE_ASSOC_ACTOR_1,
  SITMAP_CSV_ROLE_ACTOR2,
  SITMAP_CSV_ROLE_ASSOC_ACTOR_2,
  SITMAP_CSV_ROLE_SUB_EVENT_TYPE,
  SITMAP_CSV_ROLE_INTER1,
  /* What Sitmap writes beside ACLED's columns when they cannot say it (see docs/csv-format.md) */
  SITMAP_CSV_ROLE_SITMAP_TITLE,
  SITMAP_CSV_ROLE_SITMAP_TIME,
  SITMAP_CSV_ROLE_SITMAP_CATEGORY,
  SITMAP_CSV_ROLE_SITMAP_PRECISION,
  SITMAP_CSV_ROLE_SITMAP_RADIUS,
  SITMAP_CSV_N_ROLES
} SitmapCsvRole;

typedef struct
{
  char         *header;  /* as the file writes it, trimmed */
  char         *name;    /* the attribute's name: ACLED's current name for ACLED's columns, else the header */
  SitmapCsvRole role;
  gboolean      keep;    /* also kept as an attribute (ACLED's event_type, inter1, …) */
} SitmapCsvColumn;

/* How dates with slashes are read */
typedef enum
{
  SITMAP_CSV_DAY_FIRST,   /* 18/04/2001: ACLED's, and most of the world's */
  SITMAP_CSV_MONTH_FIRST, /* 04/18/2001: when a column's values say so */
} SitmapCsvDateOrder;

typedef struct
{
  char               delimiter;
  gboolean           acled;     /* ACLED's columns, ACLED's meaning of their values */
  guint              n_columns;
  SitmapCsvColumn   *columns;
  int                role_column[SITMAP_CSV_N_ROLES]; /* the column of each role but attribute and ignore, or -1 */
  SitmapCsvDateOrder date_order;
} SitmapCsvLayout;

void sitmap_csv_layout_clear (SitmapCsvLayout *layout);

/* What a header name means in ACLED's layouts: its role and ACLED's current name for it (the name the
 * writer writes), or FALSE. Any case, spaces or underscores; the old names (ally_actor_1…) too. */
gboolean sitmap_csv_acled_column (const char *header, SitmapCsvRole *role, const char **name, gboolean *keep);
/* Whether headers (n of them) are ACLED's: its date, coordinates and event type or id, and more of its columns */
gboolean sitmap_csv_is_acled_header (const char *const *headers, guint n);

/* Fills layout's columns for headers: ACLED's roles, or guesses for any other table, then the import's
 * options (field = column name, or #N). FALSE with error when an option names no column, and, for a table
 * that is not ACLED's, with SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING (columns and guesses set on import) when no
 * option is given and the coordinates cannot be told for sure. sample holds the first rows' fields (n_columns
 * each, n_sample rows) for guesses that look at values. */
gboolean sitmap_csv_layout_init (SitmapCsvLayout   *layout,
                                 char               delimiter,
                                 const char *const *headers,
                                 guint              n_columns,
                                 const char *const *sample,
                                 guint              n_sample,
                                 SitmapImport      *import,
                                 GError           **error);

/* sitmap_csv_read() with at most max_threads threads (0: one per core) of at least min_bytes each (0: the
 * default): for tests, which read small tables in several threads. */
SitmapDocument *sitmap_csv_read_full (GBytes       *bytes,
                                      SitmapImport *import,
                                      guint         max_threads,
                                      gsize         min_bytes,
                                      GError      **error);

/* Which column each field was read from, as --columns writes it: "latitude = “Lat”, longitude = “Lon”" */
char *sitmap_csv_layout_describe (const SitmapCsvLayout *layout);

/*
 * Values
 */

/* A decimal number as written (digits, one point or, with decimal_comma, one comma, an exponent); FALSE for
 * anything else, nan and inf included. Correctly rounded: the fast path for up to 15 significant digits,
 * g_ascii_strtod past that. */
gboolean sitmap_csv_parse_double (const char *text, gsize length, gboolean decimal_comma, double *value);
/* A whole number >= 0 (no sign, no point; "12.0" too, as spreadsheets write whole numbers) */
gboolean sitmap_csv_parse_count (const char *text, gsize length, gint64 *value);

typedef enum
{
  SITMAP_CSV_DATE_OK,
  SITMAP_CSV_DATE_UNREADABLE,  /* not a form Sitmap reads */
  SITMAP_CSV_DATE_IMPOSSIBLE,  /* 31/02/2015, month 13 */
} SitmapCsvDateStatus;

/* A date as tables write it, into time (its precision the form's: a day, a month, a year, a moment):
 * 2024-12-10, 2024-12, 2024, 2024-12-10T05:30:00Z (and with a space, without zone: UTC), 10/12/2024 and
 * 10.12.2024 (in order), 10-12-2024, 01-January-2015, 1 Jan 2015, January 1, 2015, 2024/12/10, and epoch
 * seconds (9 to 11 digits) or milliseconds (12 to 14). */
SitmapCsvDateStatus sitmap_csv_parse_date (const char *text, gsize length, SitmapCsvDateOrder order, SitmapTime *time);

/* ACLED's event types, old and new, to Sitmap's categories; "Riots/Protests" (before 2019) by its first actor's
 * type (inter1 5, rioters, or 6, protesters) or name. */
SitmapCategory sitmap_csv_acled_category (const char *event_type, const char *inter1, const char *actor1);
/* Sitmap's category as ACLED's current event type, or NULL (statement, context, other) */
const char    *sitmap_csv_acled_event_type (SitmapCategory category);
/* A category from a generic table: Sitmap's ids and labels, ACLED's event types; other when none matches */
SitmapCategory sitmap_csv_category_from_text (const char *text);

/* ACLED's time_precision on the day it codes: 1 the day, 2 the week around it (three days before to three
 * after), 3 its month. */
void     sitmap_csv_acled_time (gint64 day_start, guint time_precision, SitmapTime *time);
/* The date and time_precision ACLED would write for time, FALSE when ACLED cannot say it (a moment, a year,
 * another span, undated): then *day and *time_precision are the nearest it can. */
gboolean sitmap_csv_acled_date_of (const SitmapTime *time, gint64 *day_start, guint *time_precision);
SitmapLocationPrecision sitmap_csv_acled_location_precision (guint geo_precision);
/* 0 for none */
guint    sitmap_csv_acled_geo_precision (SitmapLocationPrecision precision);
/* The title Sitmap gives an ACLED event that has none: "Armed clash in Darkosh" */
char    *sitmap_csv_acled_title (const char *sub_event_type, const char *event_type, const char *location);

/* Splits "A; B;C" into trimmed, non-empty parts (sources, associated actors), appended to parts as
 * (offset, length) pairs of guint32 into text. */
void sitmap_csv_split_list (const char *text, gsize length, GArray *parts);

G_END_DECLS
