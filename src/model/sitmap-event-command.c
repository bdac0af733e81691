/* sitmap-event-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-command"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-document-builder.h"
#include "sitmap-document-private.h"
#include "sitmap-event-command.h"

typedef enum
{
  EDIT_ADD,
  EDIT_CHANGE,
  EDIT_DELETE,
} EditKind;

struct _SitmapEventCommand
{
  SitmapCommand    parent_instance;
  EditKind         kind;
  char            *id;
  SitmapEventDraft draft;       /* the event after the edit (add, change) */
  char            *merge_key;
  GPtrArray       *new_sources; /* SitmapSource the document gets with the edit */
  gint             old_position; /* change: the event's position before; delete: unused */
  gint             new_position; /* add, change: where the event went */
  guint            n_before;     /* add, change: the store's positions before: undo takes those after away */
  gboolean         applied;
  GStrv            ids;          /* delete: the events' ids */
  GArray          *deleted;      /* delete: guint32 positions, in the order deleted */
};

G_DEFINE_FINAL_TYPE (SitmapEventCommand, sitmap_event_command, SITMAP_TYPE_COMMAND)

/*
 * Drafts
 */

static void
copy_citation (SitmapCitationDraft *to, const SitmapCitationDraft *from)
{
  *to = *from;
  to->source_id = g_strdup (from->source_id);
  to->via_id = g_strdup (from->via_id);
  to->url = g_strdup (from->url);
  to->paraphrase = g_strdup (from->paraphrase);
}

/* A deep copy of from into to, initialised */
static void
copy_draft (SitmapEventDraft *to, const SitmapEventDraft *from)
{
  to->id = g_strdup (from->id);
  to->title = g_strdup (from->title);
  to->summary = g_strdup (from->summary);
  to->place_id = g_strdup (from->place_id);
  to->place_text = g_strdup (from->place_text);
  to->time = from->time;
  to->category = from->category;
  to->location_precision = from->location_precision;
  to->latitude = from->latitude;
  to->longitude = from->longitude;
  to->geometry = from->geometry ? sitmap_geometry_ref (from->geometry) : NULL;
  to->radius_m = from->radius_m;
  to->group = from->group;
  for (guint i = 0; from->actors && i < from->actors->len; i++)
    sitmap_event_draft_add_actor (to, g_ptr_array_index (from->actors, i));
  for (guint i = 0; from->figures && i < from->figures->len; i++)
    sitmap_event_draft_add_figure (to, &g_array_index (from->figures, SitmapFigure, i));
  for (guint i = 0; from->citations && i < from->citations->len; i++)
    {
      SitmapCitationDraft citation;

      copy_citation (&citation, &g_array_index (from->citations, SitmapCitationDraft, i));
      sitmap_event_draft_take_citation (to, &citation);
    }
  for (guint i = 0; from->attributes && i + 1 < from->attributes->len; i += 2)
    sitmap_event_draft_add_attribute (to, g_ptr_array_index (from->attributes, i),
                                      g_ptr_array_index (from->attributes, i + 1));
}

static void
read_citations (SitmapDocument *document, guint position, SitmapEventDraft *draft)
{
  guint n;
  const SitmapCitationRecord *citations =
    sitmap_event_store_get_citations (sitmap_document_get_store (document), position, &n);

  for (guint i = 0; i < n; i++)
    {
      SitmapCitationDraft citation = { 0 };
      const char *source_id = sitmap_source_get_id (sitmap_document_get_source (document, citations[i].source));

      /* The placeholder of citations without a source is not a source to name */
      citation.source_id = g_strcmp0 (source_id, SITMAP_UNNAMED_SOURCE_ID) == 0 ? NULL : g_strdup (source_id);
      if (citations[i].via != 0)
        citation.via_id = g_strdup (sitmap_source_get_id (sitmap_document_get_source (document, citations[i].via - 1)));
      citation.url = g_strdup (citations[i].url);
      citation.paraphrase = g_strdup (citations[i].paraphrase);
      citation.published = citations[i].published;
      citation.accessed = citations[i].accessed;
      citation.credibility = citations[i].credibility;
      sitmap_event_draft_take_citation (draft, &citation);
    }
}

static void
read_lists (SitmapEventStore *store, guint position, SitmapEventDraft *draft)
{
  guint n;
  const char *const *actors = sitmap_event_store_get_actors (store, position, &n);
  const SitmapFigure *figures;

  for (guint i = 0; i < n; i++)
    sitmap_event_draft_add_actor (draft, actors[i]);
  figures = sitmap_event_store_get_figures (store, position, &n);
  for (guint i = 0; i < n; i++)
    sitmap_event_draft_add_figure (draft, &figures[i]);
  n = sitmap_event_store_get_n_attributes (store, position);
  for (guint i = 0; i < n; i++)
    {
      const char *value;
      const char *name = sitmap_event_store_get_attribute (store, position, i, &value);

      sitmap_event_draft_add_attribute (draft, name, value);
    }
}

/* What was derived when the event was read (its place's point and shape, a precision from its place) is left
 * to be derived again, so that an edit of another field does not pin the event to where its place was. */
void
sitmap_document_read_event_draft (SitmapDocument *document, guint position, SitmapEventDraft *draft)
{
  SitmapEventStore *store;
  const SitmapEventColumns *columns;
  guint place;

  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (position < sitmap_document_get_n_events (document));
  g_return_if_fail (draft != NULL && draft->actors != NULL && draft->id == NULL);

  store = sitmap_document_get_store (document);
  columns = sitmap_event_store_get_columns (store);
  place = sitmap_event_store_get_place (store, position);
  draft->id = g_strdup (sitmap_event_store_get_id (store, position));
  draft->title = g_strdup (sitmap_event_store_get_title (store, position));
  draft->summary = g_strdup (sitmap_event_store_get_summary (store, position));
  draft->place_text = g_strdup (sitmap_event_store_get_place_text (store, position));
  draft->place_id = place ? g_strdup (sitmap_place_get_id (sitmap_document_get_place (document, place - 1))) : NULL;
  sitmap_event_store_get_time (store, position, &draft->time);
  draft->category = columns->category[position];
  draft->location_precision = sitmap_event_store_get_stated_precision (store, position);
  if (sitmap_event_store_is_located_by_place (store, position))
    draft->latitude = draft->longitude = NAN;
  else
    {
      SitmapGeometry *geometry = sitmap_event_store_get_geometry (store, position);

      sitmap_event_store_get_location (store, position, &draft->latitude, &draft->longitude);
      draft->geometry = geometry ? sitmap_geometry_ref (geometry) : NULL;
    }
  draft->radius_m = sitmap_event_store_get_radius (store, position);
  draft->group = sitmap_event_store_get_group (store, position);
  read_citations (document, position, draft);
  read_lists (store, position, draft);
}

/*
 * The command
 */

static void
add_sources (SitmapEventCommand *self, SitmapDocument *document)
{
  for (guint i = 0; i < self->new_sources->len; i++)
    _sitmap_document_append_source (document, g_ptr_array_index (self->new_sources, i));
}

static void
remove_sources (SitmapEventCommand *self, SitmapDocument *document)
{
  for (guint i = self->new_sources->len; i-- > 0;)
    _sitmap_document_remove_last_source (document);
}

static SitmapDocumentChange
what_changed (SitmapEventCommand *self)
{
  return SITMAP_DOCUMENT_CHANGE_EVENT_EDITS | (self->new_sources->len > 0 ? SITMAP_DOCUMENT_CHANGE_SOURCES : 0);
}

static void
sitmap_event_command_apply (SitmapCommand *command, SitmapDocument *document)
{
  SitmapEventCommand *self = SITMAP_EVENT_COMMAND (command);
  SitmapEventStore *store = sitmap_document_get_store (document);

  switch (self->kind)
    {
    case EDIT_ADD:
      add_sources (self, document);
      self->n_before = sitmap_document_get_n_events (document);
      self->new_position = (gint) _sitmap_document_append_event (document, &self->draft);
      break;
    case EDIT_CHANGE:
      self->old_position = sitmap_event_store_find (store, self->id);
      g_return_if_fail (self->old_position >= 0);
      sitmap_event_store_set_deleted (store, self->old_position, TRUE);
      add_sources (self, document);
      self->n_before = sitmap_document_get_n_events (document);
      self->new_position = (gint) _sitmap_document_append_event (document, &self->draft);
      break;
    case EDIT_DELETE:
      g_array_set_size (self->deleted, 0);
      for (guint i = 0; self->ids[i] != NULL; i++)
        {
          gint position = sitmap_event_store_find (store, self->ids[i]);
          guint32 p = (guint32) position;

          if (position < 0)
            continue;
          sitmap_event_store_set_deleted (store, p, TRUE);
          g_array_append_val (self->deleted, p);
        }
      break;
    }
  self->applied = TRUE;
  sitmap_document_emit_changed (document, what_changed (self));
}

static void
sitmap_event_command_revert (SitmapCommand *command, SitmapDocument *document)
{
  SitmapEventCommand *self = SITMAP_EVENT_COMMAND (command);
  SitmapEventStore *store = sitmap_document_get_store (document);

  switch (self->kind)
    {
    case EDIT_ADD:
    case EDIT_CHANGE:
      /* Every later edit was undone first: what comes after n_before is this edit's, the steps merged into it
       * included */
      g_return_if_fail ((guint) self->new_position + 1 == sitmap_document_get_n_events (document));
      sitmap_event_store_truncate (store, self->n_before);
      remove_sources (self, document);
      if (self->kind == EDIT_CHANGE)
        sitmap_event_store_set_deleted (store, self->old_position, FALSE);
      break;
    case EDIT_DELETE:
      for (guint i = self->deleted->len; i-- > 0;)
        sitmap_event_store_set_deleted (store, g_array_index (self->deleted, guint32, i), FALSE);
      break;
    }
  self->applied = FALSE;
  sitmap_document_emit_changed (document, what_changed (self));
}

/* Typing a title letter by letter is one step. The positions the steps in between took stay, deleted, until the
 * step is undone (they come after n_before). A step that adds a source is a step of its own. */
static gboolean
sitmap_event_command_merge (SitmapCommand *command, SitmapCommand *next_command)
{
  SitmapEventCommand *self = SITMAP_EVENT_COMMAND (command);
  SitmapEventCommand *next;

  if (!SITMAP_IS_EVENT_COMMAND (next_command))
    return FALSE;
  next = SITMAP_EVENT_COMMAND (next_command);
  if (self->kind != EDIT_CHANGE || next->kind != EDIT_CHANGE || self->merge_key == NULL ||
      g_strcmp0 (self->merge_key, next->merge_key) != 0 || g_strcmp0 (self->id, next->id) != 0 ||
      self->new_sources->len > 0 || next->new_sources->len > 0 || next->old_position != self->new_position)
    return FALSE;
  sitmap_event_draft_clear (&self->draft);
  sitmap_event_draft_init (&self->draft);
  copy_draft (&self->draft, &next->draft);
  self->new_position = next->new_position;
  return TRUE;
}

static void
sitmap_event_command_finalize (GObject *object)
{
  SitmapEventCommand *self = (SitmapEventCommand *) object;

  g_free (self->id);
  g_free (self->merge_key);
  sitmap_event_draft_clear (&self->draft);
  g_ptr_array_unref (self->new_sources);
  g_strfreev (self->ids);
  g_clear_pointer (&self->deleted, g_array_unref);
  G_OBJECT_CLASS (sitmap_event_command_parent_class)->finalize (object);
}

static void
sitmap_event_command_class_init (SitmapEventCommandClass *klass)
{
  SitmapCommandClass *command_class = SITMAP_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sitmap_event_command_finalize;
  command_class->apply = sitmap_event_command_apply;
  command_class->revert = sitmap_event_command_revert;
  command_class->merge = sitmap_event_command_merge;
}

static void
sitmap_event_command_init (SitmapEventCommand *self)
{
  sitmap_event_draft_init (&self->draft);
  self->new_sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->old_position = self->new_position = -1;
}

/* Sources the draft's citations name that the document lacks come with the edit, named by their id until the
 * analyst names them. */
static void
add_missing_sources (SitmapEventCommand *self, SitmapDocument *document)
{
  for (guint i = 0; i < self->draft.citations->len; i++)
    {
      const SitmapCitationDraft *citation = &g_array_index (self->draft.citations, SitmapCitationDraft, i);
      const char *ids[2] = { citation->source_id ? citation->source_id : SITMAP_UNNAMED_SOURCE_ID,
                             citation->via_id };

      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          g_autoptr (SitmapSource) source = NULL;
          gboolean known = FALSE;

          if (ids[k] == NULL || sitmap_document_find_source (document, ids[k]) >= 0)
            continue;
          for (guint s = 0; s < self->new_sources->len && !known; s++)
            known = g_strcmp0 (sitmap_source_get_id (g_ptr_array_index (self->new_sources, s)), ids[k]) == 0;
          if (known)
            continue;
          source = sitmap_source_new (ids[k]);
          sitmap_source_set_name (source, *ids[k] ? ids[k] : _("Unnamed source"));
          g_ptr_array_add (self->new_sources, g_steal_pointer (&source));
        }
    }
}

static SitmapEventCommand *
new_with_draft (SitmapDocument *document, EditKind kind, const SitmapEventDraft *draft)
{
  SitmapEventCommand *self = g_object_new (SITMAP_TYPE_EVENT_COMMAND, NULL);

  self->kind = kind;
  copy_draft (&self->draft, draft);
  return self;
}

SitmapCommand *
sitmap_event_command_new_add (SitmapDocument *document, const SitmapEventDraft *draft)
{
  SitmapEventCommand *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  self = new_with_draft (document, EDIT_ADD, draft);
  if (self->draft.id == NULL || *self->draft.id == '\0' ||
      sitmap_event_store_find (sitmap_document_get_store (document), self->draft.id) >= 0)
    {
      g_free (self->draft.id);
      self->draft.id = sitmap_document_dup_new_event_id (document);
    }
  self->id = g_strdup (self->draft.id);
  add_missing_sources (self, document);
  sitmap_command_set_label (SITMAP_COMMAND (self), _("New Event"));
  return SITMAP_COMMAND (self);
}

SitmapCommand *
sitmap_event_command_new_edit (SitmapDocument         *document,
                               const char             *id,
                               const SitmapEventDraft *draft,
                               const char             *label,
                               const char             *merge_key)
{
  SitmapEventCommand *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (id != NULL && draft != NULL, NULL);

  self = new_with_draft (document, EDIT_CHANGE, draft);
  g_free (self->draft.id);
  self->draft.id = g_strdup (id);
  self->id = g_strdup (id);
  self->merge_key = g_strdup (merge_key);
  self->old_position = sitmap_event_store_find (sitmap_document_get_store (document), id);
  add_missing_sources (self, document);
  sitmap_command_set_label (SITMAP_COMMAND (self), label ? label : _("Change Event"));
  return SITMAP_COMMAND (self);
}

SitmapCommand *
sitmap_event_command_new_delete (SitmapDocument *document, const char *const *ids, guint n_ids)
{
  SitmapEventCommand *self;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *label = NULL;
  guint n = 0;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  for (guint i = 0; i < n_ids; i++)
    if (ids[i] != NULL && sitmap_event_store_find (sitmap_document_get_store (document), ids[i]) >= 0)
      {
        g_strv_builder_add (builder, ids[i]);
        n++;
      }
  self = g_object_new (SITMAP_TYPE_EVENT_COMMAND, NULL);
  self->kind = EDIT_DELETE;
  self->ids = g_strv_builder_end (builder);
  self->deleted = g_array_new (FALSE, FALSE, sizeof (guint32));
  /* TRANSLATORS: an Undo item: "Delete 3 Events" */
  label = n == 1 ? g_strdup (_("Delete Event")) : g_strdup_printf (ngettext ("Delete %u Event", "Delete %u Events", n), n);
  sitmap_command_set_label (SITMAP_COMMAND (self), label);
  return SITMAP_COMMAND (self);
}

void
sitmap_event_command_add_source (SitmapEventCommand *self, SitmapSource *source)
{
  g_return_if_fail (SITMAP_IS_EVENT_COMMAND (self));
  g_return_if_fail (SITMAP_IS_SOURCE (source));
  g_return_if_fail (!self->applied);

  for (guint i = 0; i < self->new_sources->len; i++)
    if (g_strcmp0 (sitmap_source_get_id (g_ptr_array_index (self->new_sources, i)), sitmap_source_get_id (source)) == 0)
      {
        /* The one made for an id the draft named: the analyst's version replaces it */
        g_object_unref (g_ptr_array_index (self->new_sources, i));
        g_ptr_array_index (self->new_sources, i) = g_object_ref (source);
        return;
      }
  g_ptr_array_add (self->new_sources, g_object_ref (source));
}

gint
sitmap_event_command_get_position (SitmapEventCommand *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_COMMAND (self), -1);

  switch (self->kind)
    {
    case EDIT_ADD:
      return self->applied ? self->new_position : -1;
    case EDIT_CHANGE:
      return self->applied ? self->new_position : self->old_position;
    case EDIT_DELETE:
      return !self->applied && self->deleted->len > 0 ? (gint) g_array_index (self->deleted, guint32, 0) : -1;
    }
  return -1;
}

const char *
sitmap_event_command_get_id (SitmapEventCommand *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_COMMAND (self), NULL);
  return self->id != NULL ? self->id : (self->ids != NULL ? self->ids[0] : NULL);
}
