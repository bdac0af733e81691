/* sitmap-json-scan.h: one strict pass over JSON text before json-glib parses any of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Limits that keep a hostile file from exhausting the stack (json-glib parses recursively) or memory. */
#define SITMAP_JSON_MAX_DEPTH        100
#define SITMAP_JSON_MAX_STRING_BYTES (10 * 1024 * 1024)
#define SITMAP_JSON_MAX_NUMBER_CHARS 1024

/* What json-glib 1.6 would read wrongly in a value, which sitmap_json_scan_sanitize() mends in a copy. */
typedef enum
{
  SITMAP_JSON_SPAN_NUL = 1 << 0,       /* a \u0000, at which json-glib would cut the text */
  SITMAP_JSON_SPAN_SURROGATE = 1 << 1, /* a \uD800… without its other half: json-glib makes invalid UTF-8 */
  SITMAP_JSON_SPAN_BIG_NUMBER = 1 << 2, /* an integer beyond 64 bits, which json-glib wraps round, or a number
                                         * beyond a double's range */
} SitmapJsonSpanFlags;

/* One value of the text: where it is, and what is wrong with it that only skips it. */
typedef struct
{
  gsize  start; /* offset of its first byte */
  gsize  end;   /* one past its last byte */
  guint  flags; /* SitmapJsonSpanFlags */
  gsize  duplicate_at; /* offset of the first member named twice in one of its objects, or G_MAXSIZE */
} SitmapJsonSpan;

typedef struct
{
  char          *name;  /* decoded */
  SitmapJsonSpan value;
} SitmapJsonMember;

typedef struct
{
  SitmapJsonSpan root;
  char           root_kind;  /* '{', '[', or another first character of a value */
  GArray        *members;    /* SitmapJsonMember: the root object's, in order */
  /* SitmapJsonSpan: the elements of the root object's "features" array, or of the root array */
  GArray        *features;
  gsize          duplicate_at; /* the first member named twice outside the features, or G_MAXSIZE */
} SitmapJsonScan;

/* What makes the whole text unreadable, and where. */
typedef struct
{
  int   code; /* SitmapDocumentError */
  gsize offset;
  char *what;
} SitmapJsonProblem;

/* Checks that data is one JSON value (RFC 8259) and nothing else but white space (a UTF-8 byte order mark is
 * allowed before it): no comments, single quotes, trailing commas, leading zeros, NaN or Infinity (json-glib
 * takes all of these), no control characters in strings, valid UTF-8, depth, string and number lengths
 * within the limits; finds the root's members and features. Reports progress from 0 to 1 through progress
 * (may be NULL) and stops when cancellable is cancelled (problem->code is then -1). Linear in the length,
 * never recursive. */
gboolean sitmap_json_scan (const char        *data,
                           gsize              length,
                           GCancellable      *cancellable,
                           void             (*progress) (double fraction, gpointer user_data),
                           gpointer           user_data,
                           SitmapJsonScan    *scan,
                           SitmapJsonProblem *problem);
void     sitmap_json_scan_clear (SitmapJsonScan *scan);
void     sitmap_json_problem_clear (SitmapJsonProblem *problem);

/* The text of span, mended for json-glib where its flags say so: \u0000 and a lone surrogate become
 * U+FFFD, a number json-glib cannot hold becomes a string of the digits as written. */
GString *sitmap_json_scan_sanitize (const char *data, const SitmapJsonSpan *span);

/* The text of the number (or string, without its quotes and undecoded) that is the value of the member name
 * of the object at span, at its top level; NULL when there is none. For quoting numbers as written. */
char    *sitmap_json_scan_dup_member_text (const char *data, const SitmapJsonSpan *span, const char *name);
/* The text of the first number within span whose value is value, as written; NULL when none is. */
char    *sitmap_json_scan_dup_number_text (const char *data, const SitmapJsonSpan *span, double value);

/* Line and column (from 1; the column in characters) of offsets, counted forward from a cursor: linear over
 * a whole file read in order. Start with a zeroed cursor. */
typedef struct
{
  gsize offset;
  guint line;
  guint column;
} SitmapJsonPosition;

void sitmap_json_position_advance (SitmapJsonPosition *cursor, const char *data, gsize offset);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitmapJsonScan, sitmap_json_scan_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitmapJsonProblem, sitmap_json_problem_clear)

G_END_DECLS
