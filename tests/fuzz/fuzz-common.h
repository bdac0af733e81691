/* fuzz-common.h: what every libFuzzer harness of tests/fuzz shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "sitmap-document.h"
#include "sitmap-format.h"

G_BEGIN_DECLS

/* libFuzzer's entry points (the harnesses define them). */
int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Once per process: criticals and warnings abort (a reader must not emit one, whatever the file),
 * and GLib's messages and debug output are kept off the fuzzer's log. */
void fuzz_init (void);

/* Reads data as the format with this id, as the window does: when the reader asks for a mapping of
 * its columns, it is read again with the reader's own guesses, as the dialog offers them. display_name
 * is the file's name in messages. Checks what every read must hold (a document or an error, never
 * both; messages valid UTF-8, with no control or format character of the file's), and returns the
 * document or NULL. */
SitmapDocument *fuzz_read (const SitmapFormat *format, const char *display_name, GBytes *bytes);

/* Aborts unless text is valid UTF-8 without raw control or format characters (a line break, a bidi
 * override): what a message quoting a hostile file must never carry. what names the text on failure. */
void fuzz_check_message (const char *what, const char *text);

G_END_DECLS

G_BEGIN_DECLS
/* Looks at every event of document (at most max_events) as the list and the sidebar do, and checks
 * that their texts are valid UTF-8 and their places on the globe. */
void fuzz_walk_document (SitmapDocument *document, guint max_events);
G_END_DECLS
