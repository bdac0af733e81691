/* sitmap-format.c: the registry of formats, and finding a file's format from its content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-csv-reader.h"
#include "sitmap-csv-writer.h"
#include "sitmap-error.h"
#include "sitmap-format.h"
#include "sitmap-geojson-reader.h"
#include "sitmap-geojson-writer.h"
#include "sitmap-georss-reader.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kml-writer.h"
#include "sitmap-kmz.h"

/*
 * XML files: what their root element is
 */

static gboolean
starts_with (const char *p, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && memcmp (p, prefix, n) == 0;
}

/* Past what is not an element: white space, the XML declaration, processing instructions, comments
 * and a DOCTYPE (which the readers refuse, but which does not change what the file is). */
static const char *
skip_prolog (const char *p, const char *end)
{
  for (;;)
    {
      const char *terminator;
      const char *close;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (starts_with (p, end, "<?"))
        terminator = "?>";
      else if (starts_with (p, end, "<!--"))
        terminator = "-->";
      else if (starts_with (p, end, "<!"))
        terminator = ">";
      else
        return p;
      close = g_strstr_len (p, end - p, terminator);
      if (close == NULL)
        return end;
      p = close + strlen (terminator);
    }
}

gboolean
sitmap_format_sniff_xml_root (const guint8 *head, gsize length, char *local_name, gsize size)
{
  const char *p = (const char *) head, *end = p + length, *name;
  gsize n;

  g_return_val_if_fail (size > 0, FALSE);

  if (starts_with (p, end, "\xEF\xBB\xBF"))
    p += 3;
  p = skip_prolog (p, end);
  if (p >= end || *p != '<')
    return FALSE;
  name = ++p;
  while (p < end && !g_ascii_isspace (*p) && *p != '>' && *p != '/')
    p++;
  /* Without its prefix: an undeclared or unusual prefix is still the same element to a sniffer. */
  for (const char *colon = name; colon < p; colon++)
    if (*colon == ':')
      name = colon + 1;
  n = p - name;
  if (n == 0 || n >= size || p >= end)
    return FALSE;
  memcpy (local_name, name, n);
  local_name[n] = '\0';
  return TRUE;
}

/*
 * KML
 */

static guint
kml_sniff (const guint8 *head, gsize length)
{
  char root[32];

  if (!sitmap_format_sniff_xml_root (head, length, root, sizeof root))
    return 0;
  if (strcmp (root, "kml") == 0)
    return 100;
  /* Google Earth also opens a Document, Folder or Placemark with no kml element around it. */
  if (strcmp (root, "Document") == 0 || strcmp (root, "Folder") == 0 || strcmp (root, "Placemark") == 0)
    return g_strstr_len ((const char *) head, length, "/kml/") != NULL ? 90 : 50;
  return 0;
}

static gboolean
kml_write (SitmapDocument *document, GArray *positions, GFile *file, GCancellable *cancellable, GError **error)
{
  return sitmap_kml_write_events_file (document, positions, file, cancellable, error);
}

/*
 * The registry
 */

static const char *const kmz_extensions[] = { "kmz", NULL };
static const char *const kmz_mime_types[] = { "application/vnd.google-earth.kmz", NULL };

static const SitmapFormat kmz_format = {
  .id = "kmz",
  .name = N_("KMZ"),
  .extensions = kmz_extensions,
  .mime_types = kmz_mime_types,
  .flags = 0,
  .sniff = sitmap_kmz_sniff,
  .read = sitmap_kmz_read,
  .write = sitmap_kmz_write_events_file,
};

static const char *const kml_extensions[] = { "kml", NULL };
static const char *const kml_mime_types[] = { "application/vnd.google-earth.kml+xml", NULL };

static const SitmapFormat kml_format = {
  .id = "kml",
  .name = N_("KML"),
  .extensions = kml_extensions,
  .mime_types = kml_mime_types,
  .flags = SITMAP_FORMAT_DOCUMENT,
  .sniff = kml_sniff,
  .read = sitmap_kml_read,
  .write = kml_write,
};

/* Feeds are read, not written: a feed is published by a server, and Sitmap's events go out as KML or
 * GeoJSON. */
static const char *const georss_extensions[] = { "rss", "atom", "xml", NULL };
static const char *const georss_mime_types[] = { "application/rss+xml", "application/atom+xml", NULL };

static const SitmapFormat georss_format = {
  .id = "georss",
  .name = N_("GeoRSS"),
  .extensions = georss_extensions,
  .mime_types = georss_mime_types,
  .sniff = sitmap_georss_sniff,
  .read = sitmap_georss_read,
};

static const char *const geojson_extensions[] = { "geojson", "json", NULL };
static const char *const geojson_mime_types[] = { "application/geo+json", "application/json", NULL };

static const SitmapFormat geojson_format = {
  .id = "geojson",
  .name = N_("GeoJSON"),
  .extensions = geojson_extensions,
  .mime_types = geojson_mime_types,
  .sniff = sitmap_geojson_sniff,
  .read = sitmap_geojson_read,
  .write = sitmap_geojson_write_events_file,
};

/* Tables: ACLED's exports and any other with coordinates. Their sniffer is sure only of ACLED's header;
 * a .txt file is not taken for a table unless its content says so. */
static const char *const csv_extensions[] = { "csv", "tsv", NULL };
static const char *const csv_mime_types[] = { "text/csv", "text/tab-separated-values", NULL };

static const SitmapFormat csv_format = {
  .id = "csv",
  .name = N_("CSV"),
  .extensions = csv_extensions,
  .mime_types = csv_mime_types,
  .flags = 0,
  .sniff = sitmap_csv_sniff,
  .read = sitmap_csv_read,
  .write = sitmap_csv_write_events_file,
};

static const SitmapFormat *const formats[] = {
  &kml_format,
  &kmz_format,
  &csv_format,
  &geojson_format,
  &georss_format,
  NULL,
};

const SitmapFormat *const *
sitmap_formats (void)
{
  return formats;
}

const SitmapFormat *
sitmap_format_find (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (g_ascii_strcasecmp (formats[i]->id, id) == 0)
      return formats[i];
  return NULL;
}

static gboolean
has_extension (const SitmapFormat *format, const char *filename)
{
  const char *dot = filename ? strrchr (filename, '.') : NULL;

  if (dot == NULL)
    return FALSE;
  for (guint i = 0; format->extensions[i] != NULL; i++)
    if (g_ascii_strcasecmp (dot + 1, format->extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

const SitmapFormat *
sitmap_format_for_name (const char *filename)
{
  g_return_val_if_fail (filename != NULL, NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (has_extension (formats[i], filename))
      return formats[i];
  return NULL;
}

/* The first bytes of bytes as sniffers read them: text in UTF-16 is shown them as UTF-8. */
static GBytes *
dup_head (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize length = MIN (size, SITMAP_FORMAT_SNIFF_SIZE);
  const char *encoding = NULL;
  char *converted;
  gsize converted_length = 0;

  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    encoding = "UTF-16LE";
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    encoding = "UTF-16BE";
  if (encoding == NULL)
    return g_bytes_new_static (data, length);
  /* An even number of bytes past the mark: the last character may still be cut, which is fine here. */
  converted = g_convert ((const char *) data + 2, (length - 2) & ~(gsize) 1, "UTF-8", encoding, NULL,
                         &converted_length, NULL);
  if (converted == NULL)
    return g_bytes_new_static (data, length);
  return g_bytes_new_take (converted, converted_length);
}

static char *
dup_readable_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    if (formats[i]->read != NULL)
      {
        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, _(formats[i]->name));
      }
  return g_string_free (names, FALSE);
}

const SitmapFormat *
sitmap_format_detect (GBytes *bytes, const char *filename, GError **error)
{
  g_autoptr (GBytes) head = NULL;
  const SitmapFormat *best = NULL;
  g_autofree char *names = NULL;
  guint best_score = 0;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  head = dup_head (bytes);
  data = g_bytes_get_data (head, &length);
  for (guint i = 0; formats[i] != NULL; i++)
    {
      guint score;

      if (formats[i]->read == NULL)
        continue;
      score = formats[i]->sniff ? formats[i]->sniff (data, length) : 0;
      /* The name breaks a tie, and is all there is to go on for a format without a signature. */
      if (score > best_score || (score == best_score && has_extension (formats[i], filename)))
        {
          best = formats[i];
          best_score = score;
        }
    }
  if (best != NULL && (best_score > 0 || has_extension (best, filename)))
    return best;
  names = dup_readable_names ();
  g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNKNOWN_FORMAT,
               /* TRANSLATORS: a file name, then the list of formats Sitmap reads ("KML, GeoJSON") */
               _("%s: Sitmap cannot tell what kind of file this is: it reads %s"),
               filename ? filename : _("Untitled"), names);
  return NULL;
}
