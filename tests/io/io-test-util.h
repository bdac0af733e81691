/* io-test-util.h: what the io tests share: fixtures, document comparison, error checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document-builder.h"
#include "sitmap-error.h"
#include "sitmap-import.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"

G_BEGIN_DECLS

/* The path of a file in tests/data (SITMAP_TEST_DATA). */
char           *io_test_data_path (const char *name);
SitmapDocument *io_test_read_data (const char *name);
/* Reads KML text; the document, or NULL with *error set. */
SitmapDocument *io_test_read_string (const char *kml, const char *display_name, GError **error);
/* Writes and reads back, asserting success. */
SitmapDocument *io_test_round_trip (SitmapDocument *document, GBytes **written);

/* Every field a user can see, compared: title, description, view, sources, places and events with
 * their time, place, geometry, figures, actors and citations. */
void io_assert_documents_equal (SitmapDocument *a, SitmapDocument *b);

/* Asserts that reading kml fails with domain and code, and that the message reads
 * "<display_name>: line L, column C: …"; checks L when line > 0 and C when column > 0. Returns the message. */
char *io_assert_read_fails (const char *kml,
                            gssize      length,
                            GQuark      domain,
                            int         code,
                            int         line,
                            int         column);
/* The same for a message already in hand. */
void  io_assert_message_has_position (const char *message, const char *display_name, int line, int column);

/* An event's attributes as name, value, name, value… (2 × *n_attributes strings, the store's): free the
 * array alone, with g_free(). */
const char **io_dup_attributes (SitmapEventStore *store, guint position, guint *n_attributes);
/* Reads KML text as an import does (sitmap_kml_read()), asserting success; the import's report in *report. */
SitmapDocument *io_test_import_string (const char *kml, gssize length, SitmapImportReport **report);
/* Asserts that report says something was left out at line (and column, when > 0) in words that contain
 * words. */
void  io_assert_skipped (SitmapImportReport *report, guint line, guint column, const char *words);

/* The position of the event with this id, asserting it exists. */
guint io_find_event (SitmapDocument *document, const char *id);
/* Seconds since the epoch of an ISO date-time or date, for expectations. */
gint64 io_time (const char *iso);
/* Great-circle distance in kilometres */
double io_distance_km (double lat1, double lon1, double lat2, double lon2);

G_END_DECLS
