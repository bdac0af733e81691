/* sitmap-figure.h: a number a report gives, with how sure it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SITMAP_FIGURE_KILLED,
  SITMAP_FIGURE_WOUNDED,
  SITMAP_FIGURE_DISPLACED,
  SITMAP_FIGURE_DETAINED,
  SITMAP_FIGURE_OTHER, /* what is counted is said by the text: "targets struck" */
  SITMAP_N_FIGURE_KINDS
} SitmapFigureKind;

typedef enum
{
  SITMAP_QUALIFIER_EXACT,        /* "54 killed"; with a max, "between 50 and 60" */
  SITMAP_QUALIFIER_ABOUT,        /* "about 12,000" */
  SITMAP_QUALIFIER_AT_LEAST,     /* "at least 54" */
  SITMAP_QUALIFIER_MORE_THAN,    /* "more than 75" */
  SITMAP_QUALIFIER_AT_MOST,      /* "up to 20" */
  SITMAP_QUALIFIER_UNQUANTIFIED, /* no number, only words: "millions displaced" */
  SITMAP_N_QUALIFIERS
} SitmapQualifier;

#define SITMAP_FIGURE_UNKNOWN (-1)

typedef struct
{
  SitmapFigureKind kind;
  SitmapQualifier  qualifier;
  gint64           min;  /* SITMAP_FIGURE_UNKNOWN when unquantified */
  gint64           max;  /* SITMAP_FIGURE_UNKNOWN unless sources give a range */
  const char      *text; /* what is counted (OTHER), or the words of an unquantified figure; may be NULL */
} SitmapFigure;

/* "at least 54 killed", "more than 75 targets struck", "between 50 and 60 killed" */
char *sitmap_figure_describe (const SitmapFigure *figure);

const char *sitmap_figure_kind_to_id (SitmapFigureKind kind);
gboolean    sitmap_figure_kind_from_id (const char *id, SitmapFigureKind *kind);
const char *sitmap_qualifier_to_id (SitmapQualifier qualifier);
gboolean    sitmap_qualifier_from_id (const char *id, SitmapQualifier *qualifier);

G_END_DECLS
