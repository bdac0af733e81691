/* sitmap-string-table.h: text kept once, numbered, and found again by its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the event store keeps its text in. Every string is copied once into the table's memory and stays
 * where it is until the table is freed, so pointers to it may be kept. Strings that repeat (actors, admin
 * areas, attribute names) are interned: the same bytes give the same number. Numbered strings are counted
 * from 1; 0 names no string.
 *
 * Not thread-safe: a reader filling several tables in threads gives each its own, then appends them. */
typedef struct _SitmapStringTable SitmapStringTable;

SitmapStringTable *sitmap_string_table_new (void);
void               sitmap_string_table_free (SitmapStringTable *self);

/* A NUL-terminated copy of length bytes of text, not numbered. */
const char *sitmap_string_table_copy (SitmapStringTable *self, const char *text, gsize length);
/* The number of a copy of text, a new one each time. */
guint32     sitmap_string_table_add (SitmapStringTable *self, const char *text, gsize length);
/* The number of the string equal to text, added if none is. */
guint32     sitmap_string_table_intern (SitmapStringTable *self, const char *text, gsize length);
/* The number of the string equal to text, or 0. */
guint32     sitmap_string_table_lookup (SitmapStringTable *self, const char *text, gsize length);

/* NULL for 0 */
static inline const char *sitmap_string_table_get (SitmapStringTable *self, guint32 id);
guint32     sitmap_string_table_get_length (SitmapStringTable *self, guint32 id);
guint32     sitmap_string_table_get_n (SitmapStringTable *self);

/* Takes other's strings and memory: its string n becomes n + the count self had (returned), and its interned
 * strings are found by self's lookups (where self already had equal text, both numbers stay valid). Frees other. */
guint32     sitmap_string_table_append (SitmapStringTable *self, SitmapStringTable *other);

/* Text of about this many bytes will be copied: the table takes memory in larger blocks, which the system
 * may back with huge pages. */
void        sitmap_string_table_reserve (SitmapStringTable *self, gsize text_bytes);

/* Bytes of memory the table holds */
gsize       sitmap_string_table_get_memory_size (SitmapStringTable *self);

/* The hash the table uses, for callers that key their own caches by text. */
guint32     sitmap_string_hash (const char *text, gsize length);

/* Inline for the readers' hot loops */
struct _SitmapStringTable
{
  const char **strings; /* [id - 1] */
  guint32     *lengths; /* [id - 1] */
  guint32      n;
  guint32      capacity;
  guint64     *slots;   /* hash << 32 | id, 0 when empty */
  guint32      mask;
  guint32      n_interned;
  char        *block;   /* where text is copied to: block_used of block_size bytes taken */
  gsize        block_used;
  gsize        block_size;
  gsize        next_block_size;
  GPtrArray   *blocks;  /* every block, its own and those of appended tables */
  gsize        text_size;
};

static inline const char *
sitmap_string_table_get (SitmapStringTable *self, guint32 id)
{
  g_assert (id <= self->n);
  return id > 0 ? self->strings[id - 1] : NULL;
}

G_END_DECLS
