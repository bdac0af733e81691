/* sitmap-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-words"

#include "config.h"

#include <string.h>

#include "sitmap-words.h"

typedef struct
{
  char  bytes[SITMAP_WORD_MAX_BYTES + 8];
  gsize length;
} Word;

static void
word_append_char (Word *word, gunichar c)
{
  char utf8[8];
  int n = g_unichar_to_utf8 (c, utf8);

  /* A long word is cut on a character boundary. */
  if (word->length + n <= SITMAP_WORD_MAX_BYTES)
    {
      memcpy (word->bytes + word->length, utf8, n);
      word->length += n;
    }
}

static gboolean
word_flush (Word *word, SitmapWordFunc func, gpointer user_data)
{
  gboolean go_on = TRUE;

  if (word->length > 0)
    {
      word->bytes[word->length] = '\0';
      go_on = func (word->bytes, word->length, user_data);
    }
  word->length = 0;
  return go_on;
}

/* A letter or digit beyond ASCII, decomposed ("é" is "e" and an accent), its marks dropped and the
 * rest lowered. FALSE when c separates words. */
static gboolean
fold_char (Word *word, gunichar c)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (g_unichar_ismark (c))
    return TRUE;
  if (!g_unichar_isalnum (c))
    return FALSE;
  n = g_unichar_fully_decompose (c, TRUE, parts, G_N_ELEMENTS (parts));
  for (gsize i = 0; i < n; i++)
    if (g_unichar_isalnum (parts[i]))
      word_append_char (word, g_unichar_tolower (parts[i]));
  return TRUE;
}

void
sitmap_words_foreach (const char *text, SitmapWordFunc func, gpointer user_data)
{
  const guchar *p = (const guchar *) text;
  Word word = { .length = 0 };

  if (text == NULL)
    return;
  while (*p != '\0')
    {
      if (*p < 0x80)
        {
          if (g_ascii_isalnum (*p))
            {
              if (word.length < SITMAP_WORD_MAX_BYTES)
                word.bytes[word.length++] = *p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p;
            }
          else if (!word_flush (&word, func, user_data))
            return;
          p++;
          continue;
        }
      {
        gunichar c = g_utf8_get_char_validated ((const char *) p, -1);

        if (c == (gunichar) -1 || c == (gunichar) -2)
          {
            /* Not UTF-8: a separator, one byte at a time. */
            if (!word_flush (&word, func, user_data))
              return;
            p++;
            continue;
          }
        if (!fold_char (&word, c) && !word_flush (&word, func, user_data))
          return;
        p = (const guchar *) g_utf8_next_char (p);
      }
    }
  word_flush (&word, func, user_data);
}

static gboolean
join_cb (const char *word, gsize length, gpointer user_data)
{
  GString *out = user_data;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_len (out, word, length);
  return TRUE;
}

char *
sitmap_words_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  sitmap_words_foreach (text, join_cb, out);
  return g_string_free (out, FALSE);
}

gboolean
sitmap_words_have_prefix (const char *folded, const char *prefix, gsize prefix_length)
{
  const char *p = folded;

  if (folded == NULL || prefix_length == 0)
    return FALSE;
  while (*p != '\0')
    {
      if (strncmp (p, prefix, prefix_length) == 0)
        return TRUE;
      p = strchr (p, ' ');
      if (p == NULL)
        return FALSE;
      p++;
    }
  return FALSE;
}
