/* sitmap-mbtiles-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-mbtiles-source"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>

#include "sitmap-mbtiles-private.h"

/*
 * Auxiliary methods
 */

static gboolean
append_entity (GString *out, const char *entity, gsize length)
{
  static const struct
  {
    const char *name;
    gunichar    character;
  } named[] = {
    { "amp", '&' },      { "lt", '<' },       { "gt", '>' },        { "quot", '"' },   { "apos", '\'' },
    { "nbsp", ' ' },     { "copy", 0xa9 },    { "reg", 0xae },      { "ndash", 0x2013 }, { "mdash", 0x2014 },
    { "middot", 0xb7 },
  };
  g_autofree char *name = g_strndup (entity, length);
  guint64 code;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (name, named[i].name))
      {
        g_string_append_unichar (out, named[i].character);
        return TRUE;
      }
  if (name[0] != '#')
    return FALSE;
  if ((name[1] == 'x' || name[1] == 'X') ? !g_ascii_string_to_unsigned (name + 2, 16, 1, 0x10ffff, &code, NULL)
                                         : !g_ascii_string_to_unsigned (name + 1, 10, 1, 0x10ffff, &code, NULL))
    return FALSE;
  if (!g_unichar_validate (code))
    return FALSE;
  /* A line break or other control character in an attribution is a space. */
  g_string_append_unichar (out, g_unichar_iscntrl (code) ? ' ' : code);
  return TRUE;
}

/* The words of text with one space between them, or NULL when there are none. */
static char *
collapse_spaces (const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len ? " " : "", words[i]);
  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

/*
 * Private API
 */

SitmapTileKind
sitmap_mbtiles_sniff_tile (const guint8 *data, gsize size)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 png_end[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };

  /* A PNG must end with its IEND chunk: a truncated one does not. */
  if (size >= sizeof png_signature + sizeof png_end && memcmp (data, png_signature, sizeof png_signature) == 0)
    return memcmp (data + size - sizeof png_end, png_end, sizeof png_end) == 0 ? SITMAP_TILE_PNG : SITMAP_TILE_DAMAGED;
  /* A JPEG ends with its EOI marker, give or take a few bytes of padding. */
  if (size >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    {
      for (gsize i = size - 1; i > 2 && i + 32 > size; i--)
        if (data[i - 1] == 0xff && data[i] == 0xd9)
          return SITMAP_TILE_JPEG;
      return SITMAP_TILE_DAMAGED;
    }
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return SITMAP_TILE_WEBP;
  /* Vector tiles are gzip-compressed protocol buffers, or bare ones that start with a layer (field 3). */
  if (size >= 2 && ((data[0] == 0x1f && data[1] == 0x8b) || data[0] == 0x1a))
    return SITMAP_TILE_VECTOR;
  return SITMAP_TILE_DAMAGED;
}

GBytes *
sitmap_mbtiles_enlarge_tile (GBytes *ancestor, int x, int y, int levels)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (ancestor);
  g_autoptr (GdkPixbuf) image = NULL;
  g_autoptr (GdkPixbuf) part = NULL;
  g_autoptr (GdkPixbuf) enlarged = NULL;
  int mask = (1 << levels) - 1;
  int size, part_size;
  gchar *buffer = NULL;
  gsize length = 0;
  gsize ancestor_size;
  const guint8 *ancestor_data = g_bytes_get_data (ancestor, &ancestor_size);

  if (sitmap_mbtiles_sniff_tile (ancestor_data, ancestor_size) == SITMAP_TILE_DAMAGED ||
      (image = gdk_pixbuf_new_from_stream (stream, NULL, NULL)) == NULL)
    return NULL;
  size = MIN (gdk_pixbuf_get_width (image), gdk_pixbuf_get_height (image));
  if ((part_size = size >> levels) < 1)
    return NULL;
  part = gdk_pixbuf_new_subpixbuf (image, (x & mask) * part_size, (y & mask) * part_size, part_size, part_size);
  enlarged = gdk_pixbuf_scale_simple (part, size, size, GDK_INTERP_BILINEAR);
  /* Fast rather than small: the tile lives in memory only. */
  if (enlarged == NULL ||
      !gdk_pixbuf_save_to_buffer (enlarged, &buffer, &length, "png", NULL, "compression", "1", NULL))
    return NULL;
  return g_bytes_new_take (buffer, length);
}

char *
sitmap_mbtiles_plain_text (const char *html)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (html != NULL, NULL);

  for (const char *p = html; *p != '\0'; p++)
    {
      const char *end;

      if (*p == '<' && (end = strchr (p, '>')) != NULL)
        {
          p = end;
          g_string_append_c (out, ' ');
        }
      else if (*p == '&' && (end = strchr (p, ';')) != NULL && end - p <= 10 && append_entity (out, p + 1, end - p - 1))
        p = end;
      else
        g_string_append_c (out, g_ascii_isspace (*p) || g_ascii_iscntrl (*p) ? ' ' : *p);
    }
  return collapse_spaces (out->str);
}

gboolean
sitmap_mbtiles_parse_bounds (const char *text, double bounds[4])
{
  g_auto (GStrv) parts = text ? g_strsplit (text, ",", -1) : NULL;
  double values[4];

  if (parts == NULL || g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      values[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (values[i]))
        return FALSE;
    }
  if (values[0] < -180 || values[2] > 180 || values[0] >= values[2] || values[1] < -90 || values[3] > 90 ||
      values[1] >= values[3])
    return FALSE;
  bounds[0] = values[0];
  bounds[1] = MAX (values[1], -SITMAP_MBTILES_MAX_LATITUDE);
  bounds[2] = values[2];
  bounds[3] = MIN (values[3], SITMAP_MBTILES_MAX_LATITUDE);
  return bounds[1] < bounds[3];
}
