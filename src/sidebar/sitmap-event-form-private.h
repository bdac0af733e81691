/* sitmap-event-form-private.h: what the event form's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sitmap-command.h"
#include "sitmap-event-form.h"
#include "sitmap-event-store.h"

G_BEGIN_DECLS

struct _SitmapEventForm
{
  GtkWidget        parent_instance;

  SitmapViewState *view_state;
  GSignalGroup    *view_state_signals;
  GSignalGroup    *document_signals;
  char            *id;       /* the event edited, or NULL */
  gint             position; /* where it is now: an edit moves it to the end of the store */
  gboolean         loading;  /* the fields are being filled from the document: their changes are no edits */
  gboolean         pushing;  /* the form's own command is being applied */
  GPtrArray       *list_rows; /* the rows of actors, figures and citations, made per event */
  gint             expanded_citation; /* the citation whose row stays open when the rows are made again */

  /* template widgets */
  GtkLabel          *heading_label;
  GtkWidget         *delete_button;
  GtkWidget         *done_button;
  GtkScrolledWindow *scroller;
  AdwEntryRow       *title_row;
  GtkLabel          *title_message;
  AdwComboRow       *category_row;
  GtkTextView       *summary_view;
  AdwEntryRow       *start_row;
  GtkSwitch         *span_switch;
  AdwEntryRow       *end_row;
  AdwComboRow       *zone_row;
  GtkLabel          *when_message;
  AdwComboRow       *place_kind_row;
  AdwComboRow       *gazetteer_row;
  AdwEntryRow       *latitude_row;
  AdwEntryRow       *longitude_row;
  AdwActionRow      *pick_row;
  AdwActionRow      *area_row;
  AdwComboRow       *precision_row;
  GtkLabel          *where_message;
  AdwPreferencesGroup *actors_group;
  AdwEntryRow       *add_actor_row;
  GtkWidget         *add_actor_button;
  AdwPreferencesGroup *figures_group;
  AdwExpanderRow    *add_figure_row;
  AdwComboRow       *figure_kind_row;
  AdwComboRow       *figure_qualifier_row;
  AdwEntryRow       *figure_number_row;
  GtkWidget         *add_figure_button;
  AdwPreferencesGroup *citations_group;
};

/* A draft that clears itself: g_auto (SitmapFormDraft) draft = { 0 }; (a name of the form's own, so that
 * the model may declare its own cleanup for SitmapEventDraft). */
typedef SitmapEventDraft SitmapFormDraft;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitmapFormDraft, sitmap_event_draft_clear)

/* sitmap-event-form.c */
SitmapDocument *_sitmap_event_form_get_document (SitmapEventForm *self);
gboolean        _sitmap_event_form_read_draft (SitmapEventForm *self, SitmapEventDraft *draft);
/* Replaces the event with draft, one undo step labelled label (merged with the previous of the same
 * merge_key), and follows the event to its new position. */
void            _sitmap_event_form_push (SitmapEventForm *self, const SitmapEventDraft *draft, const char *label,
                                         const char *merge_key);
void            _sitmap_event_form_push_command (SitmapEventForm *self, SitmapCommand *command);
void            _sitmap_event_form_load (SitmapEventForm *self);
void            _sitmap_event_form_set_message (GtkLabel *label, GtkWidget *row, const char *message);
void            _sitmap_event_form_set_text (GtkEditable *editable, const char *text);

/* sitmap-event-form-lists.c: actors, figures and citations, a row each */
void _sitmap_event_form_init_lists (SitmapEventForm *self);
void _sitmap_event_form_load_lists (SitmapEventForm *self, const SitmapEventDraft *draft);
void _sitmap_event_form_add_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
