/* sitmap-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-filter"

#include "config.h"

#include <string.h>

#include "sitmap-filter.h"
#include "sitmap-words.h"

struct _SitmapFilter
{
  char             *text;
  guint             hidden_categories;
  GPtrArray        *sets[SITMAP_FILTER_N_SETS]; /* char *, sorted, unique, NULL-terminated; NULL when empty */
  SitmapReliability min_reliability;
  SitmapCredibility min_credibility;
  guint             min_killed;
  guint             min_origins;
};

G_DEFINE_BOXED_TYPE (SitmapFilter, sitmap_filter, sitmap_filter_copy, sitmap_filter_free)

SitmapFilter *
sitmap_filter_new (void)
{
  return g_new0 (SitmapFilter, 1);
}

static GPtrArray *
copy_set (GPtrArray *set)
{
  GPtrArray *copy;

  if (set == NULL)
    return NULL;
  copy = g_ptr_array_new_null_terminated (set->len, g_free, TRUE);
  for (guint i = 0; i < set->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (set, i)));
  return copy;
}

SitmapFilter *
sitmap_filter_copy (const SitmapFilter *self)
{
  SitmapFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    copy->sets[s] = copy_set (self->sets[s]);
  return copy;
}

void
sitmap_filter_free (SitmapFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    g_clear_pointer (&self->sets[s], g_ptr_array_unref);
  g_free (self);
}

static gboolean
sets_equal (GPtrArray *a, GPtrArray *b)
{
  guint n_a = a ? a->len : 0, n_b = b ? b->len : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
sitmap_filter_equal (const SitmapFilter *a, const SitmapFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (a->text, b->text) != 0 || a->hidden_categories != b->hidden_categories ||
      a->min_reliability != b->min_reliability || a->min_credibility != b->min_credibility ||
      a->min_killed != b->min_killed || a->min_origins != b->min_origins)
    return FALSE;
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    if (!sets_equal (a->sets[s], b->sets[s]))
      return FALSE;
  return TRUE;
}

gboolean
sitmap_filter_is_empty (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return !sitmap_filter_has_text (self) && self->hidden_categories == 0 && !sitmap_filter_uses_sets (self) &&
         !sitmap_filter_uses_citations (self) && self->min_killed == 0;
}

const char *
sitmap_filter_get_text (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

void
sitmap_filter_set_text (SitmapFilter *self, const char *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->text);
  self->text = NULL;
  if (text == NULL || *text == '\0')
    return;
  /* Anything longer is not something typed; cut on a character boundary, not a byte. */
  if (strlen (text) > SITMAP_FILTER_MAX_TEXT)
    {
      const char *end = text + SITMAP_FILTER_MAX_TEXT;

      while (end > text && (*end & 0xc0) == 0x80)
        end--;
      self->text = g_utf8_make_valid (text, end - text);
    }
  else
    self->text = g_utf8_make_valid (text, -1);
}

static gboolean
found_word_cb (const char *word, gsize length, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return FALSE;
}

gboolean
sitmap_filter_has_text (const SitmapFilter *self)
{
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  sitmap_words_foreach (self->text, found_word_cb, &found);
  return found;
}

guint
sitmap_filter_get_hidden_categories (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->hidden_categories;
}

void
sitmap_filter_set_hidden_categories (SitmapFilter *self, guint mask)
{
  g_return_if_fail (self != NULL);
  self->hidden_categories = mask & ((1u << SITMAP_N_CATEGORIES) - 1);
}

/*
 * Facet sets
 */

/* The index of value in the sorted set, or where it would go (as a negative - 1). */
static gint
find_value (GPtrArray *set, const char *value)
{
  guint lo = 0, hi = set ? set->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (g_ptr_array_index (set, mid), value);

      if (cmp == 0)
        return (gint) mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -(gint) lo - 1;
}

const char *const *
sitmap_filter_get_values (const SitmapFilter *self, SitmapFilterSet set, guint *n_values)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (set < SITMAP_FILTER_N_SETS, NULL);

  if (n_values != NULL)
    *n_values = self->sets[set] ? self->sets[set]->len : 0;
  return self->sets[set] ? (const char *const *) self->sets[set]->pdata : NULL;
}

gboolean
sitmap_filter_has_value (const SitmapFilter *self, SitmapFilterSet set, const char *value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (set < SITMAP_FILTER_N_SETS, FALSE);
  return value != NULL && find_value (self->sets[set], value) >= 0;
}

void
sitmap_filter_add_value (SitmapFilter *self, SitmapFilterSet set, const char *value)
{
  gint found;

  g_return_if_fail (self != NULL);
  g_return_if_fail (set < SITMAP_FILTER_N_SETS);
  g_return_if_fail (value != NULL);

  found = find_value (self->sets[set], value);
  if (found >= 0)
    return;
  if (self->sets[set] == NULL)
    self->sets[set] = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_ptr_array_insert (self->sets[set], -found - 1, g_strdup (value));
}

void
sitmap_filter_remove_value (SitmapFilter *self, SitmapFilterSet set, const char *value)
{
  gint found;

  g_return_if_fail (self != NULL);
  g_return_if_fail (set < SITMAP_FILTER_N_SETS);

  found = value ? find_value (self->sets[set], value) : -1;
  if (found < 0)
    return;
  g_ptr_array_remove_index (self->sets[set], found);
  if (self->sets[set]->len == 0)
    g_clear_pointer (&self->sets[set], g_ptr_array_unref);
}

void
sitmap_filter_clear_values (SitmapFilter *self, SitmapFilterSet set)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (set < SITMAP_FILTER_N_SETS);
  g_clear_pointer (&self->sets[set], g_ptr_array_unref);
}

/*
 * Minimums
 */

SitmapReliability
sitmap_filter_get_min_reliability (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, SITMAP_RELIABILITY_UNRATED);
  return self->min_reliability;
}

void
sitmap_filter_set_min_reliability (SitmapFilter *self, SitmapReliability reliability)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (reliability <= SITMAP_RELIABILITY_F);
  self->min_reliability = reliability;
}

SitmapCredibility
sitmap_filter_get_min_credibility (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, SITMAP_CREDIBILITY_UNRATED);
  return self->min_credibility;
}

void
sitmap_filter_set_min_credibility (SitmapFilter *self, SitmapCredibility credibility)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (credibility <= SITMAP_CREDIBILITY_6);
  self->min_credibility = credibility;
}

guint
sitmap_filter_get_min_killed (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->min_killed;
}

void
sitmap_filter_set_min_killed (SitmapFilter *self, guint killed)
{
  g_return_if_fail (self != NULL);
  self->min_killed = MIN (killed, G_MAXINT32);
}

guint
sitmap_filter_get_min_origins (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->min_origins;
}

void
sitmap_filter_set_min_origins (SitmapFilter *self, guint origins)
{
  g_return_if_fail (self != NULL);
  self->min_origins = MIN (origins, 255);
}

gboolean
sitmap_filter_uses_citations (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->min_reliability != SITMAP_RELIABILITY_UNRATED || self->min_credibility != SITMAP_CREDIBILITY_UNRATED ||
         self->min_origins > 0;
}

gboolean
sitmap_filter_uses_sets (const SitmapFilter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    if (self->sets[s] != NULL)
      return TRUE;
  return FALSE;
}
