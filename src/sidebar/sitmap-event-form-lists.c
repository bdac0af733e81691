/* sitmap-event-form-lists.c: the event form's actors, figures and citations, a row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-form"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-event-command.h"
#include "sitmap-event-form-private.h"
#include "sitmap-grade-chooser.h"
#include "sitmap-typed-date.h"

/* The figure kinds and qualifiers the "Add Figure" rows offer, in their order. */
static const SitmapFigureKind figure_kinds[] = {
  SITMAP_FIGURE_KILLED, SITMAP_FIGURE_WOUNDED, SITMAP_FIGURE_DISPLACED, SITMAP_FIGURE_DETAINED,
};
static const SitmapQualifier qualifiers[] = {
  SITMAP_QUALIFIER_EXACT, SITMAP_QUALIFIER_ABOUT, SITMAP_QUALIFIER_AT_LEAST, SITMAP_QUALIFIER_MORE_THAN,
  SITMAP_QUALIFIER_AT_MOST,
};

#define INDEX_KEY "sitmap-index"

static guint
index_of (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), INDEX_KEY));
}

static void
set_index (gpointer widget, guint i)
{
  g_object_set_data (G_OBJECT (widget), INDEX_KEY, GUINT_TO_POINTER (i));
}

/* Document text in a row's title: plain, never markup. */
static void
plain_row (gpointer row)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
}

static GtkWidget *
new_icon_button (const char *icon, const char *tooltip, GCallback callback, SitmapEventForm *self, guint i)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* A click does not take the focus: the viewport would scroll to the focused row under the pointer,
   * between the press and the release, and the click would be lost (keyboard users still reach it) */
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  set_index (button, i);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
add_list_row (SitmapEventForm *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->list_rows, row);
}

/* Moves a group's last row (its "Add" row) back to the end, after the rows made for the event. */
static void
keep_last (AdwPreferencesGroup *group, GtkWidget *row)
{
  g_object_ref (row);
  adw_preferences_group_remove (group, row);
  adw_preferences_group_add (group, row);
  g_object_unref (row);
}

static void
remove_list_rows (SitmapEventForm *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);
}

/*
 * Actors
 */

static void
remove_actor_cb (GtkButton *button, SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  guint i = index_of (button);

  if (!_sitmap_event_form_read_draft (self, &draft) || i >= draft.actors->len)
    return;
  g_ptr_array_remove_index (draft.actors, i);
  _sitmap_event_form_push (self, &draft, _("Remove Actor"), NULL);
  _sitmap_event_form_load (self);
}

static void
add_actor_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  g_autofree char *actor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_actor_row))));

  if (*actor == '\0' || !_sitmap_event_form_read_draft (self, &draft))
    return;
  sitmap_event_draft_add_actor (&draft, actor);
  _sitmap_event_form_push (self, &draft, _("Add Actor"), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->add_actor_row), "");
  _sitmap_event_form_load (self);
}

static void
load_actors (SitmapEventForm *self, const SitmapEventDraft *draft)
{
  for (guint i = 0; i < draft->actors->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = sitmap_text_cut (g_ptr_array_index (draft->actors, i), SITMAP_LABEL_MAX_CHARS);

      plain_row (row);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_icon_button ("list-remove-symbolic", _("Remove Actor"),
                                                                         G_CALLBACK (remove_actor_cb), self, i));
      add_list_row (self, self->actors_group, row);
    }
  keep_last (self->actors_group, GTK_WIDGET (self->add_actor_row));
}

/*
 * Figures
 */

static void
remove_figure_cb (GtkButton *button, SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  guint i = index_of (button);

  if (!_sitmap_event_form_read_draft (self, &draft) || i >= draft.figures->len)
    return;
  g_free ((char *) g_array_index (draft.figures, SitmapFigure, i).text);
  g_array_remove_index (draft.figures, i);
  _sitmap_event_form_push (self, &draft, _("Remove Figure"), NULL);
  _sitmap_event_form_load (self);
}

/* "54", or a range "50-60" (or "50–60"). */
static gboolean
parse_count (const char *typed, gint64 *min, gint64 *max)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));
  char *end;

  *max = SITMAP_FIGURE_UNKNOWN;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  *min = g_ascii_strtoll (text, &end, 10);
  while (*end == ' ')
    end++;
  if (*end == '\0')
    return TRUE;
  if (g_str_has_prefix (end, "–"))
    end += strlen ("–");
  else if (*end == '-')
    end++;
  else
    return FALSE;
  while (*end == ' ')
    end++;
  if (!g_ascii_isdigit (*end))
    return FALSE;
  *max = g_ascii_strtoll (end, &end, 10);
  return *end == '\0' && *max > *min;
}

static void
add_figure_cb (SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  guint kind = adw_combo_row_get_selected (self->figure_kind_row);
  guint qualifier = adw_combo_row_get_selected (self->figure_qualifier_row);
  SitmapFigure figure = { 0 };

  if (!parse_count (gtk_editable_get_text (GTK_EDITABLE (self->figure_number_row)), &figure.min, &figure.max))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->figure_number_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->figure_number_row), _("Type a number, like 54, or a range, like 50-60"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->figure_number_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->figure_number_row), NULL);
  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  figure.kind = figure_kinds[MIN (kind, G_N_ELEMENTS (figure_kinds) - 1)];
  figure.qualifier = figure.max != SITMAP_FIGURE_UNKNOWN ? SITMAP_QUALIFIER_EXACT
                                                         : qualifiers[MIN (qualifier, G_N_ELEMENTS (qualifiers) - 1)];
  sitmap_event_draft_add_figure (&draft, &figure);
  _sitmap_event_form_push (self, &draft, _("Add Figure"), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->figure_number_row), "");
  _sitmap_event_form_load (self);
}

static void
load_figures (SitmapEventForm *self, const SitmapEventDraft *draft)
{
  for (guint i = 0; i < draft->figures->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = sitmap_figure_describe (&g_array_index (draft->figures, SitmapFigure, i));

      plain_row (row);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_icon_button ("list-remove-symbolic", _("Remove Figure"),
                                                                         G_CALLBACK (remove_figure_cb), self, i));
      add_list_row (self, self->figures_group, row);
    }
  keep_last (self->figures_group, GTK_WIDGET (self->add_figure_row));
}

/*
 * Citations
 */

static SitmapCitationDraft *
citation_at (SitmapEventDraft *draft, guint i)
{
  return i < draft->citations->len ? &g_array_index (draft->citations, SitmapCitationDraft, i) : NULL;
}

/* One change of citation i: read the event, change, push. */
typedef void (*CitationEdit) (SitmapCitationDraft *citation, gpointer data);

static void
edit_citation (SitmapEventForm *self, guint i, CitationEdit edit, gpointer data, const char *label,
               const char *merge_key)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  SitmapCitationDraft *citation;

  if (!_sitmap_event_form_read_draft (self, &draft) || (citation = citation_at (&draft, i)) == NULL)
    return;
  edit (citation, data);
  _sitmap_event_form_push (self, &draft, label, merge_key);
}

static void
set_url (SitmapCitationDraft *citation, gpointer data)
{
  g_free (citation->url);
  citation->url = *(char *) data != '\0' ? g_strdup (data) : NULL;
}

static void
set_paraphrase (SitmapCitationDraft *citation, gpointer data)
{
  g_free (citation->paraphrase);
  citation->paraphrase = *(char *) data != '\0' ? g_strdup (data) : NULL;
}

static void
set_published (SitmapCitationDraft *citation, gpointer data)
{
  citation->published = *(SitmapTime *) data;
}

static void
set_credibility (SitmapCitationDraft *citation, gpointer data)
{
  citation->credibility = GPOINTER_TO_UINT (data);
}

static void
set_source (SitmapCitationDraft *citation, gpointer data)
{
  g_free (citation->source_id);
  citation->source_id = g_strdup (data);
}

static void
url_changed_cb (AdwEntryRow *row, SitmapEventForm *self)
{
  g_autofree char *key = g_strdup_printf ("citation-%u-url", index_of (row));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW));

  if (self->loading)
    return;
  adw_expander_row_set_subtitle (expander, url);
  edit_citation (self, index_of (row), set_url, url, _("Change Citation"), key);
}

static void
quote_changed_cb (AdwEntryRow *row, SitmapEventForm *self)
{
  g_autofree char *key = g_strdup_printf ("citation-%u-quote", index_of (row));
  g_autofree char *quote = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (!self->loading)
    edit_citation (self, index_of (row), set_paraphrase, quote, _("Change Citation"), key);
}

/* The date a report was published, as the event's date is typed; a date Sitmap cannot read is marked,
 * and why is the row's tooltip. */
static void
published_changed_cb (AdwEntryRow *row, SitmapEventForm *self)
{
  g_autofree char *key = g_strdup_printf ("citation-%u-published", index_of (row));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  SitmapTime published;

  if (self->loading)
    return;
  sitmap_time_init_undated (&published);
  if (*text != '\0' && !sitmap_time_init_instant (&published, text, NULL))
    {
      g_autofree char *why = sitmap_typed_date_explain (text);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), why);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  edit_citation (self, index_of (row), set_published, &published, _("Change Citation"), key);
}

static void
credibility_changed_cb (AdwComboRow *row, GParamSpec *pspec, SitmapEventForm *self)
{
  if (!self->loading)
    edit_citation (self, index_of (row), set_credibility, GUINT_TO_POINTER (adw_combo_row_get_selected (row)),
                   _("Change Credibility"), NULL);
}

/* An id for a new source named name: its words in lower case, joined by dashes, and a number when taken. */
static char *
dup_new_source_id (SitmapDocument *document, const char *name)
{
  g_autoptr (GString) id = g_string_new (NULL);
  g_autofree char *base = NULL;

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
    else if (id->len > 0 && id->str[id->len - 1] != '-')
      g_string_append_c (id, '-');
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  base = g_strdup (id->len > 0 ? id->str : "source");
  g_string_assign (id, base);
  for (guint n = 2; sitmap_document_find_source (document, id->str) >= 0; n++)
    g_string_printf (id, "%s-%u", base, n);
  return g_string_free (g_steal_pointer (&id), FALSE);
}

/* A publisher the document does not have yet: made with the name typed and the reliability chosen, and
 * added with the edit that cites it (and taken away by its undo). */
static void
create_source_cb (AdwEntryRow *row, SitmapEventForm *self)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  AdwComboRow *reliability_row = g_object_get_data (G_OBJECT (row), "reliability-row");
  g_auto (SitmapFormDraft) draft = { 0 };
  g_autoptr (SitmapCommand) command = NULL;
  g_autoptr (SitmapSource) source = NULL;
  g_autofree char *id = NULL;
  SitmapCitationDraft *citation;

  if (*name == '\0' || !_sitmap_event_form_read_draft (self, &draft) ||
      (citation = citation_at (&draft, index_of (row))) == NULL)
    return;
  id = dup_new_source_id (document, name);
  source = sitmap_source_new (id);
  sitmap_source_set_name (source, name);
  sitmap_source_set_reliability (source, adw_combo_row_get_selected (reliability_row));
  set_source (citation, id);
  command = sitmap_event_command_new_edit (document, self->id, &draft, _("Add Publisher"), NULL);
  sitmap_event_command_add_source (SITMAP_EVENT_COMMAND (command), source);
  _sitmap_event_form_push_command (self, command);
  _sitmap_event_form_load (self);
}

static void
publisher_changed_cb (AdwComboRow *row, GParamSpec *pspec, SitmapEventForm *self)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  GListModel *sources = sitmap_document_get_sources (document);
  guint chosen = adw_combo_row_get_selected (row);
  GtkWidget *new_rows = g_object_get_data (G_OBJECT (row), "new-rows");
  gboolean is_new = chosen == g_list_model_get_n_items (sources);

  gtk_widget_set_visible (new_rows, is_new);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (new_rows), "reliability-row"), is_new);
  if (self->loading || is_new || chosen == GTK_INVALID_LIST_POSITION)
    return;
  self->expanded_citation = index_of (row);
  edit_citation (self, index_of (row), set_source,
                 (gpointer) sitmap_source_get_id (sitmap_document_get_source (document, chosen)),
                 _("Change Publisher"), NULL);
  _sitmap_event_form_load (self);
}

static void
move_citation (SitmapEventForm *self, guint i, int direction)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  guint j = i + direction;
  SitmapCitationDraft swap;

  if (!_sitmap_event_form_read_draft (self, &draft) || i >= draft.citations->len || j >= draft.citations->len)
    return;
  swap = g_array_index (draft.citations, SitmapCitationDraft, i);
  g_array_index (draft.citations, SitmapCitationDraft, i) = g_array_index (draft.citations, SitmapCitationDraft, j);
  g_array_index (draft.citations, SitmapCitationDraft, j) = swap;
  _sitmap_event_form_push (self, &draft, _("Move Citation"), NULL);
  self->expanded_citation = -1;
  _sitmap_event_form_load (self);
}

static void
citation_up_cb (GtkButton *button, SitmapEventForm *self)
{
  move_citation (self, index_of (button), -1);
}

static void
citation_down_cb (GtkButton *button, SitmapEventForm *self)
{
  move_citation (self, index_of (button), 1);
}

static void
remove_citation_cb (GtkButton *button, SitmapEventForm *self)
{
  g_auto (SitmapFormDraft) draft = { 0 };
  guint i = index_of (button);

  if (!_sitmap_event_form_read_draft (self, &draft) || i >= draft.citations->len)
    return;
  sitmap_citation_draft_clear (citation_at (&draft, i));
  g_array_remove_index (draft.citations, i);
  _sitmap_event_form_push (self, &draft, _("Remove Citation"), NULL);
  self->expanded_citation = -1;
  _sitmap_event_form_load (self);
}

static GtkWidget *
new_entry_row (const char *title, const char *text, guint i, GCallback changed, SitmapEventForm *self)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  set_index (row, i);
  if (changed != NULL)
    g_signal_connect (row, "changed", changed, self);
  return row;
}

static GtkWidget *
new_combo_row (const char *title, GListModel *model, guint selected, guint i)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  set_index (row, i);
  return row;
}

static GListModel *
new_publisher_model (SitmapDocument *document)
{
  GListModel *sources = sitmap_document_get_sources (document);
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autofree char *name = sitmap_text_cut (sitmap_source_get_name (sitmap_document_get_source (document, i)), 60);

      gtk_string_list_append (names, name);
    }
  gtk_string_list_append (names, _("New Publisher…"));
  return G_LIST_MODEL (names);
}

static GListModel *
new_grade_model (gboolean reliability)
{
  GtkStringList *grades = gtk_string_list_new (NULL);

  for (guint g = 0; g <= 6; g++)
    {
      const char *label = reliability ? sitmap_reliability_get_label (g) : sitmap_credibility_get_label (g);
      const char *meaning = reliability ? sitmap_grade_describe_reliability (g) : sitmap_grade_describe_credibility (g);
      /* TRANSLATORS: a grade and its meaning, "B — Usually reliable" */
      g_autofree char *text = g == 0 ? g_strdup (label) : g_strdup_printf (_("%s — %s"), label, meaning);

      gtk_string_list_append (grades, text);
    }
  return G_LIST_MODEL (grades);
}

static void
add_citation_rows (SitmapEventForm *self, AdwExpanderRow *expander, const SitmapCitationDraft *citation, guint i)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  g_autoptr (GListModel) publishers = new_publisher_model (document);
  g_autoptr (GListModel) reliabilities = new_grade_model (TRUE);
  g_autoptr (GListModel) credibilities = new_grade_model (FALSE);
  gint source = sitmap_document_find_source (document, citation->source_id);
  g_autofree char *published = NULL;
  GtkWidget *publisher, *new_name, *reliability, *credibility;

  publisher = new_combo_row (_("Publisher"), publishers, source >= 0 ? (guint) source : 0, i);
  new_name = new_entry_row (_("Name of the New Publisher"), NULL, i, NULL, self);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (new_name), TRUE);
  g_signal_connect (new_name, "apply", G_CALLBACK (create_source_cb), self);
  g_signal_connect (new_name, "entry-activated", G_CALLBACK (create_source_cb), self);
  reliability = new_combo_row (_("Its Reliability"), reliabilities, 0, i);
  g_object_set_data (G_OBJECT (new_name), "reliability-row", reliability);
  g_object_set_data (G_OBJECT (publisher), "new-rows", new_name);
  gtk_widget_set_visible (new_name, FALSE);
  gtk_widget_set_visible (reliability, FALSE);
  g_signal_connect (publisher, "notify::selected", G_CALLBACK (publisher_changed_cb), self);

  if (sitmap_time_is_dated (&citation->published))
    published = sitmap_time_format_begin (&citation->published);
  credibility = new_combo_row (_("Credibility of the Report"), credibilities, citation->credibility, i);
  g_signal_connect (credibility, "notify::selected", G_CALLBACK (credibility_changed_cb), self);

  adw_expander_row_add_row (expander, publisher);
  adw_expander_row_add_row (expander, new_name);
  adw_expander_row_add_row (expander, reliability);
  adw_expander_row_add_row (expander, new_entry_row (_("Web Address"), citation->url, i, G_CALLBACK (url_changed_cb),
                                                     self));
  adw_expander_row_add_row (expander, new_entry_row (_("Published"), published, i, G_CALLBACK (published_changed_cb),
                                                     self));
  adw_expander_row_add_row (expander, new_entry_row (_("Quote"), citation->paraphrase, i,
                                                     G_CALLBACK (quote_changed_cb), self));
  adw_expander_row_add_row (expander, credibility);
}

static void
add_citation_buttons (SitmapEventForm *self, AdwExpanderRow *expander, guint i, guint n)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *up = new_icon_button ("go-up-symbolic", _("Move Up"), G_CALLBACK (citation_up_cb), self, i);
  GtkWidget *down = new_icon_button ("go-down-symbolic", _("Move Down"), G_CALLBACK (citation_down_cb), self, i);

  gtk_widget_set_sensitive (up, i > 0);
  gtk_widget_set_sensitive (down, i + 1 < n);
  gtk_box_append (GTK_BOX (buttons), up);
  gtk_box_append (GTK_BOX (buttons), down);
  gtk_box_append (GTK_BOX (buttons), new_icon_button ("list-remove-symbolic", _("Remove Citation"),
                                                      G_CALLBACK (remove_citation_cb), self, i));
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
#if ADW_CHECK_VERSION(1, 4, 0)
  adw_expander_row_add_suffix (expander, buttons);
#else
  adw_expander_row_add_action (expander, buttons);
#endif
}

static void
load_citations (SitmapEventForm *self, const SitmapEventDraft *draft)
{
  SitmapDocument *document = _sitmap_event_form_get_document (self);

  for (guint i = 0; i < draft->citations->len; i++)
    {
      const SitmapCitationDraft *citation = &g_array_index (draft->citations, SitmapCitationDraft, i);
      gint source = sitmap_document_find_source (document, citation->source_id);
      GtkWidget *expander = adw_expander_row_new ();

      plain_row (expander);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     source >= 0 ? sitmap_source_get_name (sitmap_document_get_source (document, source))
                                                 : citation->source_id);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), citation->url != NULL ? citation->url : "");
      add_citation_buttons (self, ADW_EXPANDER_ROW (expander), i, draft->citations->len);
      add_citation_rows (self, ADW_EXPANDER_ROW (expander), citation, i);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), (gint) i == self->expanded_citation);
      add_list_row (self, self->citations_group, expander);
    }
}

/* "Add Citation": the document's first publisher (or a new one), read today; its row opens. */
void
_sitmap_event_form_add_citation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapEventForm *self = SITMAP_EVENT_FORM (widget);
  SitmapDocument *document = _sitmap_event_form_get_document (self);
  g_auto (SitmapFormDraft) draft = { 0 };
  g_autoptr (SitmapCommand) command = NULL;
  g_autoptr (SitmapSource) source = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  SitmapCitationDraft citation = { 0 };

  if (!_sitmap_event_form_read_draft (self, &draft))
    return;
  if (g_list_model_get_n_items (sitmap_document_get_sources (document)) > 0)
    citation.source_id = g_strdup (sitmap_source_get_id (sitmap_document_get_source (document, 0)));
  else
    {
      citation.source_id = dup_new_source_id (document, "publisher");
      source = sitmap_source_new (citation.source_id);
      sitmap_source_set_name (source, _("New Publisher"));
    }
  sitmap_time_init_undated (&citation.published);
  sitmap_time_init_instant (&citation.accessed, today, NULL);
  sitmap_event_draft_take_citation (&draft, &citation);
  command = sitmap_event_command_new_edit (document, self->id, &draft, _("Add Citation"), NULL);
  if (source != NULL)
    sitmap_event_command_add_source (SITMAP_EVENT_COMMAND (command), source);
  _sitmap_event_form_push_command (self, command);
  self->expanded_citation = draft.citations->len - 1;
  _sitmap_event_form_load (self);
}

/*
 * The lists, made per event
 */

void
_sitmap_event_form_init_lists (SitmapEventForm *self)
{
  const char *kinds[] = { _("Killed"), _("Wounded"), _("Displaced"), _("Detained"), NULL };
  const char *qualifier_names[] = { _("Exactly"), _("About"), _("At Least"), _("More Than"), _("Up To"), NULL };
  g_autoptr (GtkStringList) kind_model = gtk_string_list_new (kinds);
  g_autoptr (GtkStringList) qualifier_model = gtk_string_list_new (qualifier_names);

  self->expanded_citation = -1;
  adw_combo_row_set_model (self->figure_kind_row, G_LIST_MODEL (kind_model));
  adw_combo_row_set_model (self->figure_qualifier_row, G_LIST_MODEL (qualifier_model));
  g_signal_connect_swapped (self->add_actor_button, "clicked", G_CALLBACK (add_actor_cb), self);
  g_signal_connect_swapped (self->add_actor_row, "entry-activated", G_CALLBACK (add_actor_cb), self);
  g_signal_connect_swapped (self->add_figure_button, "clicked", G_CALLBACK (add_figure_cb), self);
  g_signal_connect_swapped (self->figure_number_row, "entry-activated", G_CALLBACK (add_figure_cb), self);
}

void
_sitmap_event_form_load_lists (SitmapEventForm *self, const SitmapEventDraft *draft)
{
  gboolean loading = self->loading;

  /* Rows on their way out may hold the keyboard: it goes back to the form first. */
  self->loading = TRUE;
  remove_list_rows (self);
  load_actors (self, draft);
  load_figures (self, draft);
  load_citations (self, draft);
  self->loading = loading;
}
