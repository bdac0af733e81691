/* sitmap-event-command.h: adding, changing and deleting events, as edits that can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-command.h"
#include "sitmap-event-store.h"
#include "sitmap-source.h"

G_BEGIN_DECLS

/*
 * Events are edited as whole drafts (SitmapEventDraft): the form reads an event into a draft
 * (sitmap_document_read_event_draft()), changes a field, and pushes a command that replaces the event
 * with the draft. The store never moves an event it keeps: an edited event leaves its position (which
 * stays, deleted) and takes a new one at the end of the store, as a new event does, so that every index
 * built over positions stays valid and is only added to. After apply or revert, ask the command where its
 * event is now (sitmap_event_command_get_position()).
 *
 * Commands name events by id, never by position, so that they stay right whatever happened since.
 */

#define SITMAP_TYPE_EVENT_COMMAND (sitmap_event_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventCommand, sitmap_event_command, SITMAP, EVENT_COMMAND, SitmapCommand)

/* A new event made of draft (copied). An id is made when draft has none
 * (sitmap_document_dup_new_event_id()); label: "New Event". */
SitmapCommand *sitmap_event_command_new_add (SitmapDocument *document, const SitmapEventDraft *draft);

/* The event with this id replaced by draft (copied; its id is the event's, whatever the draft says).
 * label says what changed: "Change Title". Two edit commands pushed one after the other merge into one
 * undo step when they edit the same event with the same non-NULL merge_key: typing a title letter by
 * letter is one step ("title"). A drag pushes one edit when it ends, with no key: two drags are two steps. */
SitmapCommand *sitmap_event_command_new_edit (SitmapDocument          *document,
                                              const char              *id,
                                              const SitmapEventDraft  *draft,
                                              const char              *label,
                                              const char              *merge_key);

/* The events with these ids deleted: label "Delete Event" or "Delete 3 Events". Unknown ids are left out. */
SitmapCommand *sitmap_event_command_new_delete (SitmapDocument *document, const char *const *ids, guint n_ids);

/* A source the edit's citations name that the document does not have yet (a publisher made in the form):
 * added to the document when the command applies, taken away when it is reverted. */
void           sitmap_event_command_add_source (SitmapEventCommand *self, SitmapSource *source);

/* Where the added or edited event is after the command was last applied, or where the edited one is back
 * after revert; -1 when the event is not in the document (a deleted event, an add reverted). For a delete:
 * the position of its first event after revert. */
gint           sitmap_event_command_get_position (SitmapEventCommand *self);
const char    *sitmap_event_command_get_id (SitmapEventCommand *self);

/* The event at position as a draft: every field, its citations naming sources by id, its place by id.
 * draft must be initialised (sitmap_event_draft_init()); clear it with sitmap_event_draft_clear(). */
void  sitmap_document_read_event_draft (SitmapDocument *document, guint position, SitmapEventDraft *draft);

/* An id no event of the document has: "event-1", "event-2"… */
char *sitmap_document_dup_new_event_id (SitmapDocument *document);

G_END_DECLS
