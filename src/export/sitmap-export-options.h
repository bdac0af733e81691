/* sitmap-export-options.h: what an export makes: its format, its size and what it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SITMAP_EXPORT_PNG,
  SITMAP_EXPORT_SVG,
  SITMAP_EXPORT_PDF,
  SITMAP_N_EXPORT_FORMATS
} SitmapExportFormat;

/* What the page shows beside the map. The attribution is not here: it is always drawn, because the
 * map's licence asks for it. */
typedef enum
{
  SITMAP_EXPORT_TITLE = 1 << 0,  /* title and subtitle above the map */
  SITMAP_EXPORT_LEGEND = 1 << 1, /* the categories shown, and what the symbols' cues mean */
  SITMAP_EXPORT_SCALE_BAR = 1 << 2,
  SITMAP_EXPORT_NORTH_ARROW = 1 << 3,
  SITMAP_EXPORT_TIMELINE = 1 << 4,    /* the range as a strip under the map */
  SITMAP_EXPORT_NOTES = 1 << 5,       /* numbers on the map, and a numbered line per event below it */
  SITMAP_EXPORT_EXPORTED_ON = 1 << 6, /* "Exported on … from …" */
  SITMAP_EXPORT_ANNOTATIONS = 1 << 7, /* the analyst's annotations, if the document shows them */
} SitmapExportInclude;

#define SITMAP_EXPORT_INCLUDE_ALL 0xff

typedef enum
{
  SITMAP_EXPORT_SIZE_WINDOW, /* what the map shows now, at the display's resolution */
  SITMAP_EXPORT_SIZE_HD,     /* 1920 × 1080 */
  SITMAP_EXPORT_SIZE_4K,     /* 3840 × 2160: the HD layout at twice its resolution */
  SITMAP_EXPORT_SIZE_A4_150,
  SITMAP_EXPORT_SIZE_A4_300,
  SITMAP_EXPORT_SIZE_LETTER_150,
  SITMAP_EXPORT_SIZE_LETTER_300,
  SITMAP_EXPORT_SIZE_CUSTOM,
  SITMAP_N_EXPORT_SIZES
} SitmapExportSize;

/* Largest side of an export, in pixels: a 1.2 m poster at 300 dpi. */
#define SITMAP_EXPORT_MAX_SIDE 14000
#define SITMAP_EXPORT_MIN_SIDE 200

/* An export's page is laid out in logical pixels (a 96 dpi pixel, as on screen) and drawn at scale
 * device pixels for each: the same layout at 1920 × 1080 (scale 1) and 3840 × 2160 (scale 2), and an
 * A4 page at 300 dpi is 2480 × 3508 pixels at scale 300 / 96. Map tiles are fetched at the zoom that
 * gives the device pixels their own tile pixels. PDF and SVG pages measure the same logical page in
 * points (0.75 a logical pixel); their tiles are embedded at the device resolution. */
typedef struct
{
  SitmapExportFormat  format;
  int                 width; /* device pixels */
  int                 height;
  double              scale; /* device pixels per logical pixel */
  double              latitude;
  double              longitude;
  double              zoom;     /* the map's zoom level for logical pixels, as on screen */
  char               *title;    /* NULL: the document's title */
  char               *subtitle; /* NULL: the time range and the number of events */
  SitmapExportInclude include;
  GDateTime          *now;   /* the "exported on" time; NULL: now */
  gboolean            paper; /* a sheet of paper (A4, Letter, a printer's page): read at its size, a logical
                              * pixel 1/96 inch, so no text on it, the map tiles' names included, is
                              * smaller than 6 pt. Screen pages keep the tiles' own resolution. */
} SitmapExportOptions;

void
sitmap_export_options_init (SitmapExportOptions *self);
void
sitmap_export_options_clear (SitmapExportOptions *self);
void
sitmap_export_options_copy (SitmapExportOptions *dest, const SitmapExportOptions *src);

/* The format a file name's extension (.png, .svg, .pdf, any case) asks for; FALSE for any other. */
gboolean
sitmap_export_format_from_filename (const char *filename, SitmapExportFormat *format);
const char *
sitmap_export_format_get_extension (SitmapExportFormat format);
const char *
sitmap_export_format_get_mime_type (SitmapExportFormat format);
const char *
sitmap_export_format_get_label (SitmapExportFormat format);

/* The size in device pixels and the scale of a preset; landscape turns paper sizes sideways (the
 * screen sizes are always landscape). FALSE for WINDOW and CUSTOM, whose sizes the caller knows. */
gboolean
sitmap_export_size_get (SitmapExportSize size, gboolean landscape, int *width, int *height, double *scale);
const char *
sitmap_export_size_get_label (SitmapExportSize size);
/* Whether the size is a sheet of paper (and has an orientation). */
gboolean
sitmap_export_size_is_paper (SitmapExportSize size);
/* The scale for a custom size: 1 up to 1920 × 1080, then growing with the size, so that a large image
 * is the same layout at a higher resolution rather than a tiny one. */
double
sitmap_export_scale_for_size (int width, int height);
/* A paper size by name for the command line: "a4", "a4-landscape", "letter", "letter-landscape", at 300
 * dpi ("a4@150" for 150 dpi). FALSE for any other name. */
gboolean
sitmap_export_size_from_name (const char *name, int *width, int *height, double *scale);
/* "WxH" (or "W×H"), each side from SITMAP_EXPORT_MIN_SIDE to SITMAP_EXPORT_MAX_SIDE. */
gboolean
sitmap_export_parse_size (const char *text, int *width, int *height, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitmapExportOptions, sitmap_export_options_clear)

G_END_DECLS
