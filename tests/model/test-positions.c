/* test-positions.c: the binary search over ascending positions, and the sort that puts them in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitmap-positions.h"

static int
compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Sorted as qsort sorts them, for every length around the switch from insertion to counting, and for
 * positions as large as they come. */
static void
test_sort_random (void)
{
  static const gsize lengths[] = { 0, 1, 2, 3, 47, 48, 49, 50, 1000, 2049, 100000 };
  static const guint32 largest[] = { 1, 255, 2047, 2048, 1000000, G_MAXUINT32 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint m = 0; m < G_N_ELEMENTS (largest); m++)
      {
        gsize n = lengths[l];
        g_autofree guint32 *positions = g_new (guint32, MAX (n, 1));
        g_autofree guint32 *expected = g_new (guint32, MAX (n, 1));
        g_autofree guint32 *scratch = g_new (guint32, MAX (n, 1));

        for (gsize i = 0; i < n; i++)
          positions[i] = largest[m] == G_MAXUINT32 ? g_rand_int (rand) : (guint32) g_rand_int_range (rand, 0, (gint32) largest[m] + 1);
        if (n > 0 && largest[m] == G_MAXUINT32)
          positions[n / 2] = G_MAXUINT32;
        memcpy (expected, positions, n * sizeof (guint32));
        qsort (expected, n, sizeof (guint32), compare_guint32);
        sitmap_positions_sort (positions, n, scratch);
        g_assert_cmpmem (positions, n * sizeof (guint32), expected, n * sizeof (guint32));
      }
}

/* Already ascending: left as it is, scratch untouched; descending: reversed. */
static void
test_sort_ordered (void)
{
  guint32 positions[300], scratch[300];

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    positions[i] = 3 * i;
  memset (scratch, 0xab, sizeof scratch);
  sitmap_positions_sort (positions, G_N_ELEMENTS (positions), scratch);
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_assert_cmpuint (positions[i], ==, 3 * i);
      g_assert_cmpuint (scratch[i], ==, 0xabababab);
    }
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    positions[i] = 1000 - i;
  sitmap_positions_sort (positions, G_N_ELEMENTS (positions), scratch);
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    g_assert_cmpuint (positions[i], ==, 1000 - (G_N_ELEMENTS (positions) - 1) + i);
}

static void
test_lower_bound (void)
{
  static const guint32 positions[] = { 2, 4, 4, 9, 100 };
  struct { guint32 key; guint32 position; } pairs[] = { { 7, 1 }, { 7, 5 }, { 7, 6 } };

  g_assert_cmpuint (sitmap_positions_lower_bound (positions, 5, 0), ==, 0);
  g_assert_cmpuint (sitmap_positions_lower_bound (positions, 5, 4), ==, 1);
  g_assert_cmpuint (sitmap_positions_lower_bound (positions, 5, 5), ==, 3);
  g_assert_cmpuint (sitmap_positions_lower_bound (positions, 5, 101), ==, 5);
  g_assert_cmpuint (sitmap_positions_lower_bound (positions, 0, 3), ==, 0);
  g_assert_cmpint (sitmap_positions_index_of (positions, 5, 9), ==, 3);
  g_assert_cmpint (sitmap_positions_index_of (positions, 5, 10), ==, -1);
  g_assert_true (sitmap_positions_contain (positions, 5, 100));
  g_assert_false (sitmap_positions_contain (positions, 5, 1));
  g_assert_cmpint (sitmap_positions_index_of_strided (&pairs[0].position, sizeof pairs[0], 3, 5), ==, 1);
  g_assert_cmpint (sitmap_positions_index_of_strided (&pairs[0].position, sizeof pairs[0], 3, 7), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/positions/sort/random", test_sort_random);
  g_test_add_func ("/positions/sort/ordered", test_sort_ordered);
  g_test_add_func ("/positions/lower-bound", test_lower_bound);
  return g_test_run ();
}
