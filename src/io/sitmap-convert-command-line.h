/* sitmap-convert-command-line.h: `sitmap --convert IN OUT`, without a window or a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the command line gave: strings as typed, NULL when absent. */
typedef struct
{
  const char *input;       /* IN: a file name or URI */
  const char *output;      /* OUT */
  int         n_files;     /* the files named (IN and OUT when 2) */
  const char *from_format; /* a SitmapFormat id: read IN as this, whatever its content */
  const char *to_format;   /* write OUT as this, whatever its name */
  const char *columns;     /* "latitude=lat,longitude=lon,…": which columns hold what */
} SitmapConvertRequest;

/* Exit statuses, as `sitmap --export`'s: */
#define SITMAP_CONVERT_EXIT_OK 0
#define SITMAP_CONVERT_EXIT_FAILED 1 /* IN could not be read (refused, or its columns must be chosen), OUT not written */
#define SITMAP_CONVERT_EXIT_USAGE 2  /* the command line asks for something that cannot be */

/* Reads IN (in the format its content says, or --from-format's), says on stderr what came in and what was
 * skipped and where (the import's report, as the window's summary shows it), and writes every event to OUT
 * in the format its name says (or --to-format's), atomically: on any failure OUT is as it was. A file that
 * cannot be read is said as the window's dialog says it; a table whose columns Sitmap cannot tell, with its
 * columns and the --columns that would read it. */
int sitmap_convert_run_command_line (const SitmapConvertRequest *request);

/* Says on stderr what went wrong, as every `sitmap` command line does ("sitmap: " and the message), and
 * returns status: `return sitmap_command_line_fail (SITMAP_CONVERT_EXIT_USAGE, …);`. */
int sitmap_command_line_fail (int status, const char *format, ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
