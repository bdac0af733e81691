/* sitmap-export-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-export-options.h"

#define MM_PER_INCH 25.4

typedef struct
{
  const char *label;
  double      width; /* pixels, or millimetres for paper */
  double      height;
  double      dpi; /* 0 for screens */
} SizeInfo;

static const SizeInfo sizes[SITMAP_N_EXPORT_SIZES] = {
  [SITMAP_EXPORT_SIZE_WINDOW] = { N_ ("Current Window"), 0, 0, 0 },
  [SITMAP_EXPORT_SIZE_HD] = { N_ ("1920 × 1080 (Full HD)"), 1920, 1080, 0 },
  [SITMAP_EXPORT_SIZE_4K] = { N_ ("3840 × 2160 (4K)"), 3840, 2160, 0 },
  [SITMAP_EXPORT_SIZE_A4_150] = { N_ ("A4, 150 dpi"), 210, 297, 150 },
  [SITMAP_EXPORT_SIZE_A4_300] = { N_ ("A4, 300 dpi"), 210, 297, 300 },
  [SITMAP_EXPORT_SIZE_LETTER_150] = { N_ ("US Letter, 150 dpi"), 215.9, 279.4, 150 },
  [SITMAP_EXPORT_SIZE_LETTER_300] = { N_ ("US Letter, 300 dpi"), 215.9, 279.4, 300 },
  [SITMAP_EXPORT_SIZE_CUSTOM] = { N_ ("Custom"), 0, 0, 0 },
};

static const struct
{
  const char *extension;
  const char *mime_type;
  const char *label;
} formats[SITMAP_N_EXPORT_FORMATS] = {
  [SITMAP_EXPORT_PNG] = { "png", "image/png", N_ ("PNG") },
  [SITMAP_EXPORT_SVG] = { "svg", "image/svg+xml", N_ ("SVG") },
  [SITMAP_EXPORT_PDF] = { "pdf", "application/pdf", N_ ("PDF") },
};

void
sitmap_export_options_init (SitmapExportOptions *self)
{
  g_return_if_fail (self != NULL);

  *self = (SitmapExportOptions){
    .format = SITMAP_EXPORT_PNG,
    .width = 1920,
    .height = 1080,
    .scale = 1,
    .zoom = 3,
    .include = SITMAP_EXPORT_INCLUDE_ALL,
  };
}

void
sitmap_export_options_clear (SitmapExportOptions *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);
}

void
sitmap_export_options_copy (SitmapExportOptions *dest, const SitmapExportOptions *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->title = g_strdup (src->title);
  dest->subtitle = g_strdup (src->subtitle);
  dest->now = src->now != NULL ? g_date_time_ref (src->now) : NULL;
}

gboolean
sitmap_export_format_from_filename (const char *filename, SitmapExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (filename != NULL, FALSE);

  dot = strrchr (filename, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;
  for (guint i = 0; i < SITMAP_N_EXPORT_FORMATS; i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_export_format_get_extension (SitmapExportFormat format)
{
  g_return_val_if_fail (format < SITMAP_N_EXPORT_FORMATS, NULL);
  return formats[format].extension;
}

const char *
sitmap_export_format_get_mime_type (SitmapExportFormat format)
{
  g_return_val_if_fail (format < SITMAP_N_EXPORT_FORMATS, NULL);
  return formats[format].mime_type;
}

const char *
sitmap_export_format_get_label (SitmapExportFormat format)
{
  g_return_val_if_fail (format < SITMAP_N_EXPORT_FORMATS, NULL);
  return _ (formats[format].label);
}

gboolean
sitmap_export_size_is_paper (SitmapExportSize size)
{
  g_return_val_if_fail (size < SITMAP_N_EXPORT_SIZES, FALSE);
  return sizes[size].dpi > 0;
}

gboolean
sitmap_export_size_get (SitmapExportSize size, gboolean landscape, int *width, int *height, double *scale)
{
  const SizeInfo *info;
  double          w, h;

  g_return_val_if_fail (size < SITMAP_N_EXPORT_SIZES, FALSE);

  info = &sizes[size];
  if (info->width == 0)
    return FALSE;
  if (info->dpi > 0)
    {
      w = round (info->width / MM_PER_INCH * info->dpi);
      h = round (info->height / MM_PER_INCH * info->dpi);
      *scale = info->dpi / 96.0;
      if (landscape)
        {
          double t = w;

          w = h;
          h = t;
        }
    }
  else
    {
      w = info->width;
      h = info->height;
      *scale = sitmap_export_scale_for_size (w, h);
    }
  *width = w;
  *height = h;
  return TRUE;
}

const char *
sitmap_export_size_get_label (SitmapExportSize size)
{
  g_return_val_if_fail (size < SITMAP_N_EXPORT_SIZES, NULL);
  return _ (sizes[size].label);
}

double
sitmap_export_scale_for_size (int width, int height)
{
  return MAX (1.0, MIN (width / 1920.0, height / 1080.0));
}

gboolean
sitmap_export_size_from_name (const char *name, int *width, int *height, double *scale)
{
  static const struct
  {
    const char      *name;
    SitmapExportSize size;
  } papers[] = {
    { "a4", SITMAP_EXPORT_SIZE_A4_300 },
    { "a4@300", SITMAP_EXPORT_SIZE_A4_300 },
    { "a4@150", SITMAP_EXPORT_SIZE_A4_150 },
    { "letter", SITMAP_EXPORT_SIZE_LETTER_300 },
    { "letter@300", SITMAP_EXPORT_SIZE_LETTER_300 },
    { "letter@150", SITMAP_EXPORT_SIZE_LETTER_150 },
  };
  g_autofree char *lower = NULL;
  gboolean         landscape;
  char            *suffix;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  suffix = strstr (lower, "-landscape");
  landscape = suffix != NULL;
  if (suffix != NULL)
    {
      /* "a4-landscape@150" or "a4@150-landscape" */
      memmove (suffix, suffix + strlen ("-landscape"), strlen (suffix + strlen ("-landscape")) + 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (lower, papers[i].name))
      return sitmap_export_size_get (papers[i].size, landscape, width, height, scale);
  return FALSE;
}

static gboolean
parse_side (const char *text, const char **end, int *side)
{
  guint64 value;
  char   *stop;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoull (text, &stop, 10);
  if (stop == text || value > G_MAXINT)
    return FALSE;
  *side = value;
  *end = stop;
  return TRUE;
}

gboolean
sitmap_export_parse_size (const char *text, int *width, int *height, GError **error)
{
  const char *p = text;
  int         w, h;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!parse_side (p, &p, &w))
    goto bad;
  if (*p == 'x' || *p == 'X')
    p++;
  else if (g_str_has_prefix (p, "×"))
    p += strlen ("×");
  else
    goto bad;
  if (!parse_side (p, &p, &h) || *p != '\0')
    goto bad;
  if (w < SITMAP_EXPORT_MIN_SIDE || h < SITMAP_EXPORT_MIN_SIDE || w > SITMAP_EXPORT_MAX_SIDE
      || h > SITMAP_EXPORT_MAX_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("Size “%s” is out of range: each side must be %d to %d pixels"), text, SITMAP_EXPORT_MIN_SIDE,
                   SITMAP_EXPORT_MAX_SIDE);
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("Size “%s” is not understood: give the width and height in pixels, such as 1920x1080"), text);
  return FALSE;
}
