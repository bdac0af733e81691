/* sitmap-figure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-figure"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-figure.h"

/* The ids are Sitmap's file format: never rename one. */
static const char *const kind_ids[SITMAP_N_FIGURE_KINDS] = {
  [SITMAP_FIGURE_KILLED] = "killed",
  [SITMAP_FIGURE_WOUNDED] = "wounded",
  [SITMAP_FIGURE_DISPLACED] = "displaced",
  [SITMAP_FIGURE_DETAINED] = "detained",
  [SITMAP_FIGURE_OTHER] = "other",
};

static const char *const qualifier_ids[SITMAP_N_QUALIFIERS] = {
  [SITMAP_QUALIFIER_EXACT] = "exact",
  [SITMAP_QUALIFIER_ABOUT] = "about",
  [SITMAP_QUALIFIER_AT_LEAST] = "at-least",
  [SITMAP_QUALIFIER_MORE_THAN] = "more-than",
  [SITMAP_QUALIFIER_AT_MOST] = "at-most",
  [SITMAP_QUALIFIER_UNQUANTIFIED] = "unquantified",
};

static gboolean
lookup (const char *const *ids, guint n, const char *id, guint *out)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (id, ids[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_figure_kind_to_id (SitmapFigureKind kind)
{
  g_return_val_if_fail (kind < SITMAP_N_FIGURE_KINDS, "other");
  return kind_ids[kind];
}

gboolean
sitmap_figure_kind_from_id (const char *id, SitmapFigureKind *kind)
{
  return lookup (kind_ids, SITMAP_N_FIGURE_KINDS, id, (guint *) kind);
}

const char *
sitmap_qualifier_to_id (SitmapQualifier qualifier)
{
  g_return_val_if_fail (qualifier < SITMAP_N_QUALIFIERS, "exact");
  return qualifier_ids[qualifier];
}

gboolean
sitmap_qualifier_from_id (const char *id, SitmapQualifier *qualifier)
{
  return lookup (qualifier_ids, SITMAP_N_QUALIFIERS, id, (guint *) qualifier);
}

static const char *
kind_noun (const SitmapFigure *figure)
{
  switch (figure->kind)
    {
    case SITMAP_FIGURE_KILLED: return _("killed");
    case SITMAP_FIGURE_WOUNDED: return _("wounded");
    case SITMAP_FIGURE_DISPLACED: return _("displaced");
    case SITMAP_FIGURE_DETAINED: return _("detained");
    case SITMAP_FIGURE_OTHER:
    case SITMAP_N_FIGURE_KINDS:
    default: return figure->text ? figure->text : "";
    }
}

static char *
format_count (gint64 n)
{
  /* %'d groups thousands the locale's way: 12,000 or 12 000 */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

char *
sitmap_figure_describe (const SitmapFigure *figure)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  const char *noun = kind_noun (figure);

  if (figure->qualifier == SITMAP_QUALIFIER_UNQUANTIFIED || figure->min < 0)
    {
      if (figure->kind == SITMAP_FIGURE_OTHER)
        return g_strdup (noun);
      /* TRANSLATORS: an unquantified figure, "millions displaced": words, then what they count */
      return g_strdup_printf (C_("figure", "%s %s"), figure->text ? figure->text : _("an unknown number"), noun);
    }

  min = format_count (figure->min);
  if (figure->max > figure->min)
    {
      max = format_count (figure->max);
      /* TRANSLATORS: sources disagree, "between 50 and 60 killed" */
      return g_strdup_printf (_("between %s and %s %s"), min, max, noun);
    }
  switch (figure->qualifier)
    {
    case SITMAP_QUALIFIER_ABOUT: return g_strdup_printf (_("about %s %s"), min, noun);
    case SITMAP_QUALIFIER_AT_LEAST: return g_strdup_printf (_("at least %s %s"), min, noun);
    case SITMAP_QUALIFIER_MORE_THAN: return g_strdup_printf (_("more than %s %s"), min, noun);
    case SITMAP_QUALIFIER_AT_MOST: return g_strdup_printf (_("up to %s %s"), min, noun);
    case SITMAP_QUALIFIER_EXACT:
    case SITMAP_QUALIFIER_UNQUANTIFIED:
    case SITMAP_N_QUALIFIERS:
    default:
      /* TRANSLATORS: an exact figure, "54 killed" */
      return g_strdup_printf (C_("figure", "%s %s"), min, noun);
    }
}
