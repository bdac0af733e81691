/* sitmap-kmz-reader.c: a KMZ archive in, unpacked in memory with libarchive, its KML read as KML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-kmz"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-kml-reader.h"
#include "sitmap-kmz.h"
#include "sitmap-time.h"

/* Bytes unpacked at a time, between looks at the limits and the cancellable */
#define READ_CHUNK (256 * 1024)

/* One file of the archive, unpacked */
typedef struct
{
  char   *name; /* its path in the archive, made safe (see safe_name()) */
  GBytes *bytes;
} Entry;

typedef struct
{
  SitmapImport *import;
  const char   *display_name;
  gsize         archive_size;
  gsize         unpacked; /* every file's bytes so far */
  GPtrArray    *entries;  /* Entry, in the archive's order */
} Unpacking;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_free (entry);
}

/*
 * Sniffing
 */

static gboolean
ends_with_kml (const char *name, gsize length)
{
  return length >= 4 && g_ascii_strncasecmp (name + length - 4, ".kml", 4) == 0;
}

guint
sitmap_kmz_sniff (const guint8 *head, gsize length)
{
  guint name_length;

  if (length < 30 || memcmp (head, "PK\003\004", 4) != 0)
    return 0;
  /* A local file header: the name's length at 26, the name at 30 */
  name_length = head[26] | head[27] << 8;
  if (30 + (gsize) name_length <= length && ends_with_kml ((const char *) head + 30, name_length))
    return 100;
  /* A zip archive of something else first: KMZ is the only archive Sitmap reads, and it will say when there
   * is no KML inside. */
  return 60;
}

/*
 * Names: an archive's names never reach the disk, but they are kept and written back into archives, where
 * another program may unpack them. Only plain relative paths are.
 */

/* The name with '/' between its parts, or NULL when it leads outside the archive or is not a plain path:
 * absolute, a drive, "..", empty parts, control characters, not UTF-8. */
static char *
safe_name (const char *name)
{
  g_autofree char *slashed = NULL;
  g_auto (GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || strlen (name) > SITMAP_KMZ_MAX_NAME_LENGTH ||
      !g_utf8_validate (name, -1, NULL))
    return NULL;
  slashed = g_strdup (name);
  /* Archives made on Windows separate with backslashes */
  g_strdelimit (slashed, "\\", '/');
  if (slashed[0] == '/' || (g_ascii_isalpha (slashed[0]) && slashed[1] == ':'))
    return NULL;
  for (const char *p = slashed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return NULL;
  parts = g_strsplit (slashed, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0 || strcmp (parts[i], ".") == 0 ||
        (*parts[i] == '\0' && parts[i + 1] != NULL))
      return NULL;
  return g_steal_pointer (&slashed);
}

static gboolean
is_archive_name (const char *name)
{
  return g_str_has_suffix (name, ".kmz") || g_str_has_suffix (name, ".zip") || g_str_has_suffix (name, ".KMZ") ||
         g_str_has_suffix (name, ".ZIP");
}

/*
 * Unpacking
 */

static gboolean
fail_damaged (Unpacking *unpacking, struct archive *archive, GError **error)
{
  g_autofree char *quoted = sitmap_quote_text_max (archive_error_string (archive) ? archive_error_string (archive)
                                                                                   : "",
                                                   200);

  g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED,
               /* TRANSLATORS: a file name, then libarchive's English description of what is wrong */
               _("%s: the archive cannot be unpacked: it is damaged or not a zip archive (%s)"),
               unpacking->display_name, quoted);
  return FALSE;
}

/* Whether unpacking more would make the archive a zip bomb: counted on what is unpacked, never on what the
 * archive says its files' sizes are. */
static gboolean
check_unpacked (Unpacking *unpacking, GError **error)
{
  if (unpacking->unpacked > SITMAP_KMZ_MAX_UNPACKED)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                   /* TRANSLATORS: a file name, then a number of megabytes */
                   _("%s: the archive unpacks to more than %" G_GSIZE_FORMAT " MB, more than Sitmap opens"),
                   unpacking->display_name, SITMAP_KMZ_MAX_UNPACKED / (1024 * 1024));
      return FALSE;
    }
  if (unpacking->unpacked > SITMAP_KMZ_RATIO_FREE &&
      unpacking->unpacked / SITMAP_KMZ_MAX_RATIO > unpacking->archive_size)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_UNSAFE,
                   /* TRANSLATORS: a file name, then how many times larger than the archive */
                   _("%s: the archive unpacks to more than %d times its size, as a zip bomb does: Sitmap does not "
                     "open it"),
                   unpacking->display_name, SITMAP_KMZ_MAX_RATIO);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
unpack_entry (Unpacking *unpacking, struct archive *archive, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();

  for (;;)
    {
      guint len = data->len;
      la_ssize_t n;

      if (sitmap_import_cancelled (unpacking->import, error))
        return NULL;
      g_byte_array_set_size (data, len + READ_CHUNK);
      n = archive_read_data (archive, data->data + len, READ_CHUNK);
      if (n < 0)
        {
          fail_damaged (unpacking, archive, error);
          return NULL;
        }
      g_byte_array_set_size (data, len + n);
      if (n == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&data));
      unpacking->unpacked += n;
      if (!check_unpacked (unpacking, error))
        return NULL;
    }
}

/* What is left out of an archive is said without a line: it is not in the text. Names are quoted by the
 * caller (sitmap_quote_text()). */
static void G_GNUC_PRINTF (2, 3)
note (Unpacking *unpacking, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  sitmap_import_skip (unpacking->import, 0, 0, "%s", what);
}

/* One file of the archive: kept (unpacked), or left out and said, or the archive refused. */
static gboolean
read_entry (Unpacking *unpacking, struct archive *archive, struct archive_entry *header, GError **error)
{
  const char *written = archive_entry_pathname_utf8 (header);
  g_autofree char *name = NULL;
  g_autofree char *quoted = NULL;
  Entry *entry;
  GBytes *bytes;

  if (written == NULL)
    written = archive_entry_pathname (header);
  quoted = sitmap_quote_text_max (written ? written : "", 200);
  if (archive_entry_filetype (header) == AE_IFDIR)
    return TRUE;
  if (archive_entry_filetype (header) != AE_IFREG)
    {
      /* TRANSLATORS: %s is a name inside a zip archive */
      note (unpacking, _("“%s” in the archive is not a file (a link, perhaps): it was left out"), quoted);
      return TRUE;
    }
  if ((name = safe_name (written)) == NULL)
    {
      note (unpacking,
            _("“%s” in the archive is not a plain path inside it (it may lead outside, as “../” does): it was left "
              "out"),
            quoted);
      return TRUE;
    }
  if (archive_entry_is_encrypted (header))
    {
      note (unpacking, _("“%s” in the archive is encrypted: it was left out"), quoted);
      return TRUE;
    }
  if (is_archive_name (name))
    {
      note (unpacking, _("“%s” is an archive inside the archive, which Sitmap does not open: it was left out"), quoted);
      return TRUE;
    }
  bytes = unpack_entry (unpacking, archive, error);
  if (bytes == NULL)
    return FALSE;
  if (g_bytes_get_size (bytes) >= 4 && memcmp (g_bytes_get_data (bytes, NULL), "PK\003\004", 4) == 0 &&
      !ends_with_kml (name, strlen (name)))
    {
      note (unpacking, _("“%s” is an archive inside the archive, which Sitmap does not open: it was left out"), quoted);
      g_bytes_unref (bytes);
      return TRUE;
    }
  entry = g_new0 (Entry, 1);
  entry->name = g_steal_pointer (&name);
  entry->bytes = bytes;
  g_ptr_array_add (unpacking->entries, entry);
  return TRUE;
}

static gboolean
unpack (Unpacking *unpacking, GBytes *bytes, GError **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *header;
  gboolean ok = TRUE;
  guint n_entries = 0;
  int result;

  /* Only zip: a KMZ is nothing else, and no other format's code is reached by a hostile file. */
  archive_read_support_format_zip (archive);
  result = archive_read_open_memory (archive, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (result != ARCHIVE_OK)
    ok = fail_damaged (unpacking, archive, error);
  while (ok && (result = archive_read_next_header (archive, &header)) == ARCHIVE_OK)
    {
      if (++n_entries > SITMAP_KMZ_MAX_ENTRIES)
        {
          g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                       _("%s: the archive holds more than %d files, more than Sitmap opens"), unpacking->display_name,
                       SITMAP_KMZ_MAX_ENTRIES);
          ok = FALSE;
        }
      else
        ok = read_entry (unpacking, archive, header, error);
    }
  if (ok && result != ARCHIVE_EOF)
    ok = fail_damaged (unpacking, archive, error);
  archive_read_free (archive);
  return ok;
}

/*
 * The document
 */

/* doc.kml, else the first .kml at the top level, else the first anywhere (said). */
static Entry *
find_main (Unpacking *unpacking)
{
  Entry *first_top = NULL, *first_anywhere = NULL;

  for (guint i = 0; i < unpacking->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (unpacking->entries, i);
      gboolean top = strchr (entry->name, '/') == NULL;

      if (!ends_with_kml (entry->name, strlen (entry->name)))
        continue;
      if (top && g_ascii_strcasecmp (entry->name, "doc.kml") == 0)
        return entry;
      if (top && first_top == NULL)
        first_top = entry;
      if (first_anywhere == NULL)
        first_anywhere = entry;
    }
  if (first_top != NULL || first_anywhere == NULL)
    return first_top;
  {
    g_autofree char *quoted = sitmap_quote_text_max (first_anywhere->name, 200);

    note (unpacking, _("the archive has no KML file at its top level, where Google Earth looks: “%s” was read"),
          quoted);
  }
  return first_anywhere;
}

SitmapDocument *
sitmap_kmz_read (GBytes *bytes, SitmapImport *import, GError **error)
{
  Unpacking unpacking = { 0 };
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autofree char *quoted_name = NULL;
  g_autofree char *kml_name = NULL;
  SitmapDocument *document;
  Entry *main;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  quoted_name = sitmap_quote_text_max (sitmap_import_get_display_name (import), 1024);
  unpacking.import = import;
  unpacking.display_name = quoted_name;
  unpacking.archive_size = g_bytes_get_size (bytes);
  unpacking.entries = entries;
  if (!unpack (&unpacking, bytes, error))
    return NULL;
  main = find_main (&unpacking);
  if (main == NULL)
    {
      g_set_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NOT_KML,
                   _("%s: the archive holds no KML document (a KMZ has a doc.kml)"), quoted_name);
      return NULL;
    }
  /* TRANSLATORS: how a file inside an archive is named in messages: "syria.kmz › doc.kml" */
  kml_name = g_strdup_printf (_("%s › %s"), sitmap_import_get_display_name (import), main->name);
  document = sitmap_kml_read_named (main->bytes, kml_name, import, error);
  if (document == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (entry != main)
        sitmap_document_add_resource (document, entry->name, entry->bytes);
    }
  /* Sitmap saves documents as KML: saving over the archive would make it one, so a KMZ is saved elsewhere. */
  sitmap_document_set_native (document, FALSE);
  return document;
}
