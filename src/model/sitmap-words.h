/* sitmap-words.h: text cut into words, folded so that search ignores case and accents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words are runs of letters and digits. Folded, a word is lower case and without accents or other
 * combining marks (compatibility decomposition, marks dropped): "Ḥomṣ" and "HOMS" are both "homs",
 * "As-Sukhnah" is "as" and "sukhnah". Words longer than this many bytes are cut. */
#define SITMAP_WORD_MAX_BYTES 64

/* Called for each folded word of a text, with its length in bytes (the word is not NUL-terminated
 * beyond it). Return FALSE to stop. */
typedef gboolean (*SitmapWordFunc) (const char *word, gsize length, gpointer user_data);

/* Invalid UTF-8 separates words, like punctuation. Allocates nothing for ASCII text. */
void     sitmap_words_foreach (const char *text, SitmapWordFunc func, gpointer user_data);
/* The folded words of text, joined by single spaces ("" when it has none). */
char    *sitmap_words_fold (const char *text);
/* The same, appended to out (after a space when out is not empty) */
void     sitmap_words_fold_into (const char *text, GString *out);
/* Whether some word of folded (a sitmap_words_fold() result) starts with prefix (a folded word). */
gboolean sitmap_words_have_prefix (const char *folded, const char *prefix, gsize prefix_length);

G_END_DECLS
