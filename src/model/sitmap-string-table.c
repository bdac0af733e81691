/* sitmap-string-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-string-table"

#include "config.h"

#include <string.h>

#include "sitmap-memory.h"
#include "sitmap-string-table.h"

/* Text is copied into blocks of this size (longer strings get a block of their own size), or larger ones
 * once a large text is announced (sitmap_string_table_reserve()). */
#define BLOCK_SIZE     (256 * 1024)
#define MAX_BLOCK_SIZE (64 * 1024 * 1024)
/* Strings numbered, at most: ids are 32 bits and 0 names none. */
#define MAX_STRINGS (G_MAXUINT32 - 1)

SitmapStringTable *
sitmap_string_table_new (void)
{
  SitmapStringTable *self = g_new0 (SitmapStringTable, 1);

  self->next_block_size = BLOCK_SIZE;
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
sitmap_string_table_free (SitmapStringTable *self)
{
  if (self == NULL)
    return;
  g_free (self->strings);
  g_free (self->lengths);
  g_free (self->slots);
  g_ptr_array_unref (self->blocks);
  g_free (self);
}

/* A multiply-and-fold hash over 8 bytes at a time: a few nanoseconds for the short strings a table holds. */
guint32
sitmap_string_hash (const char *text, gsize length)
{
  guint64 h = 0x9E3779B97F4A7C15ull ^ (guint64) length;
  const char *p = text;
  gsize n = length;

  while (n >= 8)
    {
      guint64 word;

      memcpy (&word, p, 8);
      h = (h ^ word) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
      p += 8;
      n -= 8;
    }
  if (n > 0)
    {
      guint64 word = 0;

      memcpy (&word, p, n);
      h = (h ^ word) * 0xC4CEB9FE1A85EC53ull;
      h ^= h >> 29;
    }
  h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return (guint32) h;
}

const char *
sitmap_string_table_copy (SitmapStringTable *self, const char *text, gsize length)
{
  char *copy;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (self->block == NULL || self->block_size - self->block_used < length + 1)
    {
      gsize size = MAX (self->next_block_size, length + 1);

      self->block = g_malloc (size);
      self->block_size = size;
      self->block_used = 0;
      sitmap_memory_advise_huge (self->block, size);
      g_ptr_array_add (self->blocks, self->block);
    }
  copy = self->block + self->block_used;
  if (length > 0)
    memcpy (copy, text, length);
  copy[length] = '\0';
  self->block_used += length + 1;
  self->text_size += length + 1;
  return copy;
}

void
sitmap_string_table_reserve (SitmapStringTable *self, gsize text_bytes)
{
  g_return_if_fail (self != NULL);

  /* A few blocks for the whole text */
  self->next_block_size = CLAMP (text_bytes / 4, BLOCK_SIZE, MAX_BLOCK_SIZE);
}

static guint32
push (SitmapStringTable *self, const char *copy, gsize length)
{
  if (self->n == self->capacity)
    {
      g_return_val_if_fail (self->capacity < MAX_STRINGS, 0);
      self->capacity = self->capacity ? (guint32) MIN ((guint64) self->capacity * 2, MAX_STRINGS) : 256;
      self->strings = g_renew (const char *, self->strings, self->capacity);
      self->lengths = g_renew (guint32, self->lengths, self->capacity);
    }
  self->strings[self->n] = copy;
  self->lengths[self->n] = (guint32) MIN (length, G_MAXUINT32);
  return ++self->n;
}

guint32
sitmap_string_table_add (SitmapStringTable *self, const char *text, gsize length)
{
  g_return_val_if_fail (self != NULL, 0);

  return push (self, sitmap_string_table_copy (self, text, length), length);
}

static gboolean
equal (SitmapStringTable *self, guint32 id, const char *text, gsize length)
{
  return self->lengths[id - 1] == length && memcmp (self->strings[id - 1], text, length) == 0;
}

static void
insert_slot (SitmapStringTable *self, guint32 hash, guint32 id)
{
  guint32 i = hash & self->mask;

  while (self->slots[i] != 0)
    i = (i + 1) & self->mask;
  self->slots[i] = (guint64) hash << 32 | id;
}

/* Keeps the table at most half full, so that a probe ends within a few slots. */
static void
grow_slots (SitmapStringTable *self)
{
  g_autofree guint64 *old = self->slots;
  guint32 old_size = self->slots ? self->mask + 1 : 0;
  guint32 size = old_size ? old_size * 2 : 1024;

  self->slots = g_new0 (guint64, size);
  self->mask = size - 1;
  for (guint32 i = 0; i < old_size; i++)
    if (old[i] != 0)
      insert_slot (self, (guint32) (old[i] >> 32), (guint32) old[i]);
}

static guint32
find (SitmapStringTable *self, guint32 hash, const char *text, gsize length, guint32 *slot)
{
  guint32 i;

  if (self->slots == NULL)
    return 0;
  for (i = hash & self->mask; self->slots[i] != 0; i = (i + 1) & self->mask)
    {
      guint64 entry = self->slots[i];

      if ((guint32) (entry >> 32) == hash && equal (self, (guint32) entry, text, length))
        return (guint32) entry;
    }
  if (slot != NULL)
    *slot = i;
  return 0;
}

guint32
sitmap_string_table_lookup (SitmapStringTable *self, const char *text, gsize length)
{
  g_return_val_if_fail (self != NULL, 0);

  return find (self, sitmap_string_hash (text, length), text, length, NULL);
}

guint32
sitmap_string_table_intern (SitmapStringTable *self, const char *text, gsize length)
{
  guint32 hash = sitmap_string_hash (text, length), slot = 0, id;

  g_return_val_if_fail (self != NULL, 0);

  id = find (self, hash, text, length, &slot);
  if (id != 0)
    return id;
  if (self->slots == NULL || (self->n_interned + 1) * 2 > self->mask + 1)
    {
      grow_slots (self);
      find (self, hash, text, length, &slot);
    }
  id = sitmap_string_table_add (self, text, length);
  self->slots[slot] = (guint64) hash << 32 | id;
  self->n_interned++;
  return id;
}

guint32
sitmap_string_table_get_length (SitmapStringTable *self, guint32 id)
{
  g_return_val_if_fail (self != NULL && id >= 1 && id <= self->n, 0);

  return self->lengths[id - 1];
}

guint32
sitmap_string_table_get_n (SitmapStringTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

guint32
sitmap_string_table_append (SitmapStringTable *self, SitmapStringTable *other)
{
  guint32 offset = self->n;

  g_return_val_if_fail (self != NULL && other != NULL && self != other, 0);
  g_return_val_if_fail ((guint64) self->n + other->n <= MAX_STRINGS, 0);

  if (other->n > 0)
    {
      self->capacity = MAX (self->capacity, self->n + other->n);
      self->strings = g_renew (const char *, self->strings, self->capacity);
      self->lengths = g_renew (guint32, self->lengths, self->capacity);
      memcpy (self->strings + self->n, other->strings, other->n * sizeof (const char *));
      memcpy (self->lengths + self->n, other->lengths, other->n * sizeof (guint32));
      self->n += other->n;
    }
  /* Other's interned strings are found by lookups here, unless equal text was interned already. */
  for (guint32 i = 0; other->slots != NULL && i <= other->mask; i++)
    {
      guint32 hash = (guint32) (other->slots[i] >> 32), id = (guint32) other->slots[i] + offset, slot = 0;

      if (other->slots[i] == 0 || find (self, hash, self->strings[id - 1], self->lengths[id - 1], &slot) != 0)
        continue;
      if (self->slots == NULL || (self->n_interned + 1) * 2 > self->mask + 1)
        {
          grow_slots (self);
          find (self, hash, self->strings[id - 1], self->lengths[id - 1], &slot);
        }
      self->slots[slot] = (guint64) hash << 32 | id;
      self->n_interned++;
    }
  /* Other's blocks are self's now; self goes on copying into its own */
  g_ptr_array_extend_and_steal (self->blocks, g_steal_pointer (&other->blocks));
  self->text_size += other->text_size;
  other->blocks = g_ptr_array_new ();
  sitmap_string_table_free (other);
  return offset;
}

gsize
sitmap_string_table_get_memory_size (SitmapStringTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->text_size + self->capacity * (sizeof (const char *) + sizeof (guint32)) +
         (self->slots ? (self->mask + 1) * sizeof (guint64) : 0);
}
