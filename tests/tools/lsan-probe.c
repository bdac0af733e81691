/* lsan-probe.c: what tools/lsan-check must tell apart: a clean run, a leak of ours, GLib's quark table
 * growing, a heap overflow. Built with AddressSanitizer whatever the build's own options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

static void *kept;

int
main (int argc, char *argv[])
{
  const char *what = argc > 1 ? argv[1] : "clean";

  if (strcmp (what, "leak") == 0)
    {
      /* Lost, as a forgotten g_free would lose it. */
      kept = g_malloc (100);
      kept = NULL;
    }
  else if (strcmp (what, "quarks") == 0)
    {
      /* Past 2048 quarks GLib moves its table and leaves the old block behind. */
      for (int i = 0; i < 3000; i++)
        {
          char name[32];

          g_snprintf (name, sizeof name, "lsan-probe-%d", i);
          g_quark_from_string (name);
        }
    }
  else if (strcmp (what, "overflow") == 0)
    {
      char *buffer = g_malloc (4);

      memset (buffer, 0, 5);
      g_free (buffer);
    }
  return 0;
}
