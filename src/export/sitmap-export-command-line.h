/* sitmap-export-command-line.h: `sitmap --export`, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the command line gave: strings as typed, NULL when absent. */
typedef struct
{
  const char *output;
  const char *size;
  const char *center;
  const char *zoom;
  const char *from;
  const char *to;
  const char *title;
  const char *document; /* the one positional argument, or the bundled demo's URI for --demo */
  int         n_documents; /* positional arguments, and --demo */
} SitmapExportRequest;

/* Exit statuses: */
#define SITMAP_EXPORT_EXIT_OK 0
#define SITMAP_EXPORT_EXIT_FAILED 1 /* the document could not be read, the file not written */
#define SITMAP_EXPORT_EXIT_USAGE 2  /* the command line asks for something that cannot be */

/* Reads the document, draws it as asked over the offline basemap (never the network) and writes the
 * output atomically. Says what went wrong on stderr, naming the option or the file. */
int
sitmap_export_run_command_line (const SitmapExportRequest *request);

G_END_DECLS
