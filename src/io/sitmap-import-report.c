/* sitmap-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-import-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitmap-import-report.h"
#include "sitmap-time.h"

/* A link longer than this is cut: nobody reads it, and it is not followed anyway. */
#define MAX_LINK_CHARS 2048

typedef struct
{
  guint line;
  guint column;
  char *text; /* a reason, or a link's address */
} Note;

struct _SitmapImportReport
{
  GObject parent_instance;

  char   *display_name;
  char   *format_name;
  guint   n_events;
  guint   n_skipped;
  GArray *skipped; /* Note, at most SITMAP_IMPORT_REPORT_MAX_KEPT */
  GArray *links;   /* Note, at most SITMAP_IMPORT_REPORT_MAX_KEPT */
  GPtrArray *link_uris; /* each link's address as the file wrote it, for following it; NULL when unusable */
  guint   n_links;
  GArray *notes;   /* Note, at most SITMAP_IMPORT_REPORT_MAX_KEPT */
};

G_DEFINE_FINAL_TYPE (SitmapImportReport, sitmap_import_report, G_TYPE_OBJECT)

/*
 * Auxiliary methods
 */

static void
note_clear (gpointer data)
{
  Note *note = data;

  g_free (note->text);
}

static void
append_note (GArray *notes, guint line, guint column, const char *text)
{
  Note note = { line, column, g_strdup (text) };

  if (notes->len < SITMAP_IMPORT_REPORT_MAX_KEPT)
    g_array_append_val (notes, note);
  else
    g_free (note.text);
}

static const Note *
get_note (GArray *notes, guint index)
{
  g_return_val_if_fail (index < notes->len, NULL);

  return &g_array_index (notes, Note, index);
}

/* "line 17, column 3: ", "line 17: " or nothing, before a reason or a link. */
static void
append_where (GString *text, guint line, guint column)
{
  if (line > 0 && column > 0)
    /* TRANSLATORS: where in a file something was found, before what it is */
    g_string_append_printf (text, _("line %u, column %u: "), line, column);
  else if (line > 0)
    /* TRANSLATORS: where in a file something was found, before what it is */
    g_string_append_printf (text, _("line %u: "), line);
}

/*
 * GObject overrides
 */

static void
sitmap_import_report_finalize (GObject *object)
{
  SitmapImportReport *self = SITMAP_IMPORT_REPORT (object);

  g_free (self->display_name);
  g_free (self->format_name);
  g_array_unref (self->skipped);
  g_array_unref (self->links);
  g_ptr_array_unref (self->link_uris);
  g_array_unref (self->notes);

  G_OBJECT_CLASS (sitmap_import_report_parent_class)->finalize (object);
}

static void
sitmap_import_report_class_init (SitmapImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sitmap_import_report_finalize;
}

static void
sitmap_import_report_init (SitmapImportReport *self)
{
  self->skipped = g_array_new (FALSE, FALSE, sizeof (Note));
  g_array_set_clear_func (self->skipped, note_clear);
  self->links = g_array_new (FALSE, FALSE, sizeof (Note));
  self->link_uris = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (self->links, note_clear);
  self->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  g_array_set_clear_func (self->notes, note_clear);
}

/*
 * Public API
 */

SitmapImportReport *
sitmap_import_report_new (const char *display_name)
{
  SitmapImportReport *self = g_object_new (SITMAP_TYPE_IMPORT_REPORT, NULL);

  g_return_val_if_fail (display_name != NULL, NULL);

  self->display_name = g_strdup (display_name);
  return self;
}

const char *
sitmap_import_report_get_display_name (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  return self->display_name;
}

void
sitmap_import_report_set_display_name (SitmapImportReport *self, const char *display_name)
{
  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (self));
  g_return_if_fail (display_name != NULL);

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
}

const char *
sitmap_import_report_get_format_name (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  return self->format_name;
}

void
sitmap_import_report_set_format_name (SitmapImportReport *self, const char *format_name)
{
  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (self));

  g_free (self->format_name);
  self->format_name = g_strdup (format_name);
}

guint
sitmap_import_report_get_n_events (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), 0);

  return self->n_events;
}

void
sitmap_import_report_set_n_events (SitmapImportReport *self, guint n_events)
{
  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (self));

  self->n_events = n_events;
}

void
sitmap_import_report_add_skipped (SitmapImportReport *self, guint line, guint column, const char *reason)
{
  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (self));
  g_return_if_fail (reason != NULL);

  if (self->n_skipped < G_MAXUINT)
    self->n_skipped++;
  append_note (self->skipped, line, column, reason);
}

guint
sitmap_import_report_get_n_skipped (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), 0);

  return self->n_skipped;
}

guint
sitmap_import_report_get_n_kept (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), 0);

  return self->skipped->len;
}

const char *
sitmap_import_report_get_skipped (SitmapImportReport *self, guint index, guint *line, guint *column)
{
  const Note *note;

  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  note = get_note (self->skipped, index);
  if (note == NULL)
    return NULL;
  if (line != NULL)
    *line = note->line;
  if (column != NULL)
    *column = note->column;
  return note->text;
}

/* A link worth following: not cut, valid UTF-8, no control characters nor spaces (an address has none). */
static gboolean
could_be_address (const char *uri)
{
  if (uri[0] == '\0' || strlen (uri) > MAX_LINK_CHARS || !g_utf8_validate (uri, -1, NULL))
    return FALSE;
  for (const char *c = uri; *c != '\0'; c++)
    if ((guchar) *c <= ' ' || *c == 0x7f)
      return FALSE;
  return TRUE;
}

void
sitmap_import_report_add_link (SitmapImportReport *self, guint line, const char *uri)
{
  g_autofree char *quoted = NULL;

  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (self));
  g_return_if_fail (uri != NULL);

  if (self->n_links < G_MAXUINT)
    self->n_links++;
  /* Document text, shown to the user: quoted as every message quotes it, at a link's length. */
  quoted = sitmap_quote_text_max (uri, MAX_LINK_CHARS);
  append_note (self->links, line, 0, quoted);
  /* Kept alongside, as far as the notes are: only what could be an address at all */
  if (self->link_uris->len < self->links->len)
    g_ptr_array_add (self->link_uris, could_be_address (uri) ? g_strdup (uri) : NULL);
}

const char *
sitmap_import_report_get_link_uri (SitmapImportReport *self, guint index)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  return index < self->link_uris->len ? g_ptr_array_index (self->link_uris, index) : NULL;
}

guint
sitmap_import_report_get_n_links (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), 0);

  return self->n_links;
}

const char *
sitmap_import_report_get_link (SitmapImportReport *self, guint index, guint *line)
{
  const Note *note;

  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  note = get_note (self->links, index);
  if (note == NULL)
    return NULL;
  if (line != NULL)
    *line = note->line;
  return note->text;
}

void
sitmap_import_report_add_note (SitmapImportReport *self, guint line, guint column, const char *text)
{
  g_return_if_fail (SITMAP_IS_IMPORT_REPORT (self));
  g_return_if_fail (text != NULL);

  append_note (self->notes, line, column, text);
}

guint
sitmap_import_report_get_n_notes (SitmapImportReport *self)
{
  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), 0);

  return self->notes->len;
}

const char *
sitmap_import_report_get_note (SitmapImportReport *self, guint index, guint *line, guint *column)
{
  const Note *note;

  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  note = get_note (self->notes, index);
  if (note == NULL)
    return NULL;
  if (line != NULL)
    *line = note->line;
  if (column != NULL)
    *column = note->column;
  return note->text;
}

char *
sitmap_import_report_dup_summary (SitmapImportReport *self)
{
  g_autofree char *events = NULL;

  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  /* TRANSLATORS: %'u is a number of events, with thousands separators */
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u event imported", "%'u events imported",
                                         self->n_events), self->n_events);
  if (self->n_skipped == 0)
    return g_steal_pointer (&events);
  /* TRANSLATORS: the first %s is "N events imported", then a number of records of the file left out */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %'u skipped", "%s; %'u skipped", self->n_skipped),
                          events, self->n_skipped);
}

char *
sitmap_import_report_dup_text (SitmapImportReport *self)
{
  g_autofree char *summary = NULL;
  GString *text;

  g_return_val_if_fail (SITMAP_IS_IMPORT_REPORT (self), NULL);

  summary = sitmap_import_report_dup_summary (self);
  text = g_string_new (NULL);
  /* TRANSLATORS: a file name, then "N events imported; N skipped" */
  g_string_append_printf (text, _("%s: %s\n"), self->display_name, summary);
  for (guint i = 0; i < self->notes->len; i++)
    {
      const Note *note = get_note (self->notes, i);

      append_where (text, note->line, note->column);
      g_string_append_printf (text, "%s\n", note->text);
    }
  for (guint i = 0; i < self->skipped->len; i++)
    {
      const Note *note = get_note (self->skipped, i);

      append_where (text, note->line, note->column);
      g_string_append_printf (text, "%s\n", note->text);
    }
  if (self->n_skipped > self->skipped->len)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %'u more skipped\n", "and %'u more skipped\n",
                                               self->n_skipped - self->skipped->len),
                            self->n_skipped - self->skipped->len);
  if (self->n_links > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%'u remote resource named by the file, not loaded:\n",
                                               "%'u remote resources named by the file, not loaded:\n",
                                               self->n_links),
                            self->n_links);
  for (guint i = 0; i < self->links->len; i++)
    {
      const Note *note = get_note (self->links, i);

      append_where (text, note->line, 0);
      g_string_append_printf (text, "%s\n", note->text);
    }
  return g_string_free (text, FALSE);
}
