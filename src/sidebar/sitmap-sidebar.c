/* sitmap-sidebar.c: the selected event and every source behind it, or the events of a group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sitmap-citation-card.h"
#include "sitmap-event-form.h"
#include "sitmap-event-row.h"
#include "sitmap-events-panel.h"
#include "sitmap-group-model.h"
#include "sitmap-html.h"
#include "sitmap-sidebar-text.h"
#include "sitmap-sidebar.h"

struct _SitmapSidebar
{
  GtkWidget        parent_instance;

  SitmapViewState *view_state;
  GSignalGroup    *view_state_signals;
  GSignalGroup    *document_signals;
  GdkRGBA          swatch_color;

  /* template widgets */
  GtkWidget       *sidebar_box;
  GtkStack        *view_stack;
  SitmapEventsPanel *events_panel;
  GtkWidget       *place_filter_button;
  GtkLabel        *place_filter_label;
  GtkWidget       *links_section;
  GtkBox          *links_box;
  GtkStack        *stack;
  GtkWidget       *document_box;
  GtkLabel        *document_title_label;
  GtkLabel        *document_description_label;
  GtkLabel        *document_counts_label;
  GtkScrolledWindow *event_scroller;
  GtkWidget       *back_button;
  GtkWidget       *swatch;
  GtkWidget       *close_button;
  GtkWidget       *edit_button;
  SitmapEventForm *event_form;
  GtkLabel        *category_label;
  GtkLabel        *title_label;
  GtkLabel        *origins_label;
  GtkWidget       *party_warning;
  GtkLabel        *when_label;
  GtkLabel        *when_detail_label;
  GtkLabel        *where_label;
  GtkLabel        *where_wording_label;
  GtkLabel        *coordinates_label;
  GtkWidget       *figures_section;
  GtkLabel        *figures_label;
  GtkWidget       *actors_section;
  GtkLabel        *actors_label;
  GtkWidget       *summary_section;
  GtkLabel        *summary_label;
  GtkBox          *sources_box;
  GtkWidget       *no_sources_label;
  GtkLabel        *group_title_label;
  GtkLabel        *group_subtitle_label;
  GtkListView     *group_list;

  /* The view state's group, as the list shows it */
  SitmapGroupModel   *group_model;
  GtkSingleSelection *group_selection;
  gint                group_item; /* the item of the group read last, or -1 */
  gboolean            editing;    /* the selected event shows in the form */
};

G_DEFINE_FINAL_TYPE (SitmapSidebar, sitmap_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Auxiliary methods
 */

/* Document text goes through here: set as plain text, and the label hidden when there is none; cut to
 * what a label is read for, so that a hostile text of megabytes does not freeze the window. */
static void
set_text_or_hide (GtkLabel *label, const char *text)
{
  gboolean has_text = text != NULL && *text != '\0';
  g_autofree char *shown = has_text ? sitmap_text_cut_paragraph (text) : NULL;

  gtk_label_set_text (label, has_text ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_text);
}

/* A title or a name from the document, cut as set_text_or_hide cuts. */
static void
set_name (GtkLabel *label, const char *text, const char *fallback)
{
  g_autofree char *shown = text != NULL && *text != '\0' ? sitmap_text_cut (text, SITMAP_LABEL_MAX_CHARS) : NULL;

  gtk_label_set_text (label, shown != NULL ? shown : fallback);
}

/* The document's description as plain text. HTML (Google Earth and QGIS write it) is reduced to its
 * text, and its links are listed after it as text, never as something a click opens: they come from
 * whoever wrote the file. */
static char *
dup_description_text (SitmapDocument *document)
{
  const char *description = sitmap_document_get_description (document);
  g_auto (GStrv) links = NULL;
  g_autofree char *text = NULL;
  GString *out;

  if (description == NULL || !sitmap_html_is_markup (description))
    return g_strdup (description);
  text = sitmap_html_to_text (description, &links);
  if (links[0] == NULL)
    return g_steal_pointer (&text);
  out = g_string_new (text);
  if (out->len > 0)
    g_string_append (out, "\n\n");
  /* TRANSLATORS: before the list of the web addresses a document's description links to */
  g_string_append (out, _("Links:"));
  for (guint i = 0; links[i] != NULL; i++)
    g_string_append_printf (out, "\n%s", links[i]);
  return g_string_free (out, FALSE);
}

static gboolean has_focus_within (GtkWidget *widget);
static void     show_source_cb (SitmapSidebar *self, const char *source_id);

static void
remove_cards (SitmapSidebar *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box));

  /* The focus may be in a card (or in its grade chooser, which a card owns): taken off first, so that
   * the window does not go looking for a new home for it among widgets on their way out. */
  if (has_focus_within (GTK_WIDGET (self->sources_box)))
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (SITMAP_IS_CITATION_CARD (child))
        gtk_box_remove (self->sources_box, child);
      child = next;
    }
}

static void
update_document (SitmapSidebar *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  g_autofree char *events = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *places = NULL;
  g_autofree char *counts = NULL;
  guint n_events, n_sources, n_places;
  g_autofree char *description = NULL;
  const char *title;

  gtk_widget_set_visible (self->document_box, document != NULL);
  if (document == NULL)
    return;

  title = sitmap_document_get_title (document);
  set_name (self->document_title_label, title, _("Untitled document"));
  description = dup_description_text (document);
  set_text_or_hide (self->document_description_label, description);
  /* The same text is set again when the selection changes, and GTK keeps a selection made in it (all of
   * it, when the label took the focus): left over, it would show highlighted on the next visit. */
  gtk_label_select_region (self->document_title_label, 0, 0);
  gtk_label_select_region (self->document_description_label, 0, 0);

  n_events = sitmap_document_get_n_live_events (document);
  n_sources = g_list_model_get_n_items (sitmap_document_get_sources (document));
  n_places = g_list_model_get_n_items (sitmap_document_get_places (document));
  events = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
  sources = g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);
  places = g_strdup_printf (ngettext ("%u place", "%u places", n_places), n_places);
  /* TRANSLATORS: the document's counts, "12 events · 6 sources · 8 places" */
  counts = g_strdup_printf (C_("counts", "%s · %s · %s"), events, sources, places);
  gtk_label_set_text (self->document_counts_label, counts);
}

static void
update_header (SitmapSidebar *self, SitmapEvent *event)
{
  SitmapCategory category = sitmap_event_get_category (event);
  const char *title = sitmap_event_get_title (event);
  guint n_origins = sitmap_event_get_n_origins (event);
  g_autofree char *origins = NULL;

  if (!gdk_rgba_parse (&self->swatch_color, sitmap_category_get_color (category)))
    self->swatch_color = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  gtk_widget_queue_draw (self->swatch);
  gtk_label_set_text (self->category_label, sitmap_category_get_label (category));
  set_name (self->title_label, title, _("Untitled event"));

  if (n_origins > 0)
    origins = g_strdup_printf (ngettext ("Reported by %u independent origin", "Reported by %u independent origins",
                                         n_origins),
                               n_origins);
  gtk_label_set_text (self->origins_label, origins ? origins : _("No source reports it"));
  gtk_widget_set_visible (self->party_warning, sitmap_event_is_party_only (event));
}

static void
update_when (SitmapSidebar *self, SitmapEvent *event)
{
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;
  SitmapTime time;

  sitmap_event_get_time (event, &time);
  when = sitmap_sidebar_describe_when (&time);
  detail = sitmap_sidebar_describe_when_detail (&time);
  gtk_label_set_text (self->when_label, when);
  set_text_or_hide (self->when_detail_label, detail);
}

static void
update_where (SitmapSidebar *self, SitmapEvent *event)
{
  SitmapPlace *place = sitmap_event_get_place (event);
  const char *wording = sitmap_event_get_place_name (event);
  g_autofree char *where = sitmap_sidebar_describe_where (event);
  g_autofree char *reported = NULL;
  g_autofree char *coordinates = NULL;
  double latitude, longitude;

  set_name (self->where_label, where, "");
  /* The sentence names the gazetteer place; the report's own words are kept beside it. */
  if (place != NULL && wording != NULL && g_strcmp0 (wording, sitmap_place_get_name (place)) != 0)
    {
      g_autofree char *shown = sitmap_text_cut (wording, SITMAP_LABEL_MAX_CHARS);

      /* TRANSLATORS: the place as the report words it, "Reported as “desert near As-Sukhnah”" */
      reported = g_strdup_printf (_("Reported as “%s”"), shown);
    }
  set_text_or_hide (self->where_wording_label, reported);
  if (sitmap_event_get_location (event, &latitude, &longitude))
    coordinates = sitmap_sidebar_describe_coordinates (latitude, longitude);
  set_text_or_hide (self->coordinates_label, coordinates);

  /* The gazetteer place, as a filter: every event reported there. */
  gtk_widget_set_visible (self->place_filter_button, place != NULL);
  if (place != NULL)
    {
      /* TRANSLATORS: a button under "Where": every event at the place, "Show every event in Baghouz" */
      g_autofree char *name = sitmap_text_cut (sitmap_place_get_name (place), SITMAP_LABEL_MAX_CHARS);
      g_autofree char *label = g_strdup_printf (_("Show every event in %s"), name);

      gtk_label_set_text (self->place_filter_label, label);
      gtk_widget_set_tooltip_text (self->place_filter_button, label);
    }
}

/*
 * Links of the description
 */

#if GTK_CHECK_VERSION(4, 10, 0)
static void
launch_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open %s: %s", gtk_uri_launcher_get_uri (GTK_URI_LAUNCHER (object)), error->message);
}
#endif

/* Checked again at the moment of opening: nothing but a web address ever reaches the launcher. */
static void
link_clicked_cb (GtkButton *button, SitmapSidebar *self)
{
  const char *uri = g_object_get_data (G_OBJECT (button), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  gboolean handled = FALSE;

  if (uri == NULL || !sitmap_sidebar_parse_web_link (uri, NULL, NULL))
    return;
  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
  if (handled)
    return;
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, launch_done_cb, NULL);
  }
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

/* A web link is a button showing its address; anything else is text that cannot be clicked. */
static GtkWidget *
new_link (SitmapSidebar *self, const char *target)
{
  g_autofree char *uri = NULL;
  g_autofree char *host = NULL;
  GtkWidget *widget;

  if (sitmap_sidebar_parse_web_link (target, &uri, &host))
    {
      GtkWidget *label = gtk_label_new (uri);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      widget = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (widget), label);
      gtk_widget_set_halign (widget, GTK_ALIGN_START);
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_add_css_class (widget, "sitmap-link-button");
      gtk_widget_set_tooltip_text (widget, uri);
      g_object_set_data_full (G_OBJECT (widget), "uri", g_steal_pointer (&uri), g_free);
      g_signal_connect (widget, "clicked", G_CALLBACK (link_clicked_cb), self);
      return widget;
    }
  widget = gtk_label_new (target);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
  gtk_widget_add_css_class (widget, "caption");
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_widget_set_tooltip_text (widget, _("Not a web address: Sitmap does not open it"));
  return widget;
}

static void
update_links (SitmapSidebar *self, SitmapEvent *event)
{
  const char *const *links = sitmap_event_get_links (event);
  GtkWidget *child;
  guint n = 0;

  if (has_focus_within (GTK_WIDGET (self->links_box)))
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->links_box))) != NULL)
    gtk_box_remove (self->links_box, child);
  for (; links != NULL && links[n] != NULL; n++)
    gtk_box_append (self->links_box, new_link (self, links[n]));
  gtk_widget_set_visible (self->links_section, n > 0);
}

/* One line per figure and per actor, in one plain label each: copied together, they read as a list. */
static void
update_figures_and_actors (SitmapSidebar *self, SitmapEvent *event)
{
  g_autoptr (GString) figures_text = g_string_new (NULL);
  g_autoptr (GString) actors_text = g_string_new (NULL);
  const SitmapFigure *figures;
  const char *const *actors;
  guint n_figures = 0, n_actors = 0;

  figures = sitmap_event_get_figures (event, &n_figures);
  for (guint i = 0; i < n_figures; i++)
    {
      g_autofree char *text = sitmap_figure_describe (&figures[i]);

      g_string_append_printf (figures_text, "%s%s", i ? "\n" : "", text);
    }
  set_text_or_hide (self->figures_label, figures_text->str);
  gtk_widget_set_visible (self->figures_section, n_figures > 0);

  actors = sitmap_event_get_actors (event, &n_actors);
  for (guint i = 0; i < n_actors; i++)
    g_string_append_printf (actors_text, "%s%s", i ? "\n" : "", actors[i]);
  set_text_or_hide (self->actors_label, actors_text->str);
  gtk_widget_set_visible (self->actors_section, n_actors > 0);
}

/* An event has a handful of citations: a card each, rebuilt when the selection changes. Each card
 * knows its event, so that its grade badge can edit the grading. */
static void
update_sources (SitmapSidebar *self, SitmapEvent *event)
{
  g_autoptr (GListModel) citations = sitmap_event_dup_citations (event);
  guint n = g_list_model_get_n_items (citations);

  remove_cards (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapCitation) citation = g_list_model_get_item (citations, i);
      GtkWidget *card = sitmap_citation_card_new (citation);

      sitmap_citation_card_set_event (SITMAP_CITATION_CARD (card), sitmap_event_get_document (event),
                                      sitmap_event_get_position (event), i);
      sitmap_citation_card_set_show_source (SITMAP_CITATION_CARD (card), TRUE);
      g_signal_connect_object (card, "show-source", G_CALLBACK (show_source_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->sources_box, card);
    }
  gtk_widget_set_visible (self->no_sources_label, n == 0);
}

/* After a grading edit (or its undo) the cards stay, with their focus and any open popover, and are
 * given their citations read again. */
static void
refresh_sources (SitmapSidebar *self, SitmapEvent *event)
{
  g_autoptr (GListModel) citations = sitmap_event_dup_citations (event);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box));
  guint i = 0;

  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SITMAP_IS_CITATION_CARD (child) && i < g_list_model_get_n_items (citations))
      {
        g_autoptr (SitmapCitation) citation = g_list_model_get_item (citations, i++);

        sitmap_citation_card_set_citation (SITMAP_CITATION_CARD (child), citation);
      }
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* When the page that holds the keyboard focus goes away, GtkStack may hand the focus to the first
 * focusable widget of the new page; if that is a selectable label, all its text shows selected. The
 * sidebar decides instead: the focus is taken off first, and an event page gives it to its close
 * button, which keeps keyboard users in the sidebar. */
static void
show_page (SitmapSidebar *self, const char *name)
{
  GtkWidget *leaving = gtk_stack_get_visible_child (self->stack);
  gboolean move_focus = FALSE;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) != 0 && leaving != NULL &&
      has_focus_within (leaving))
    {
      gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
      move_focus = TRUE;
    }
  gtk_stack_set_visible_child_name (self->stack, name);
  if (move_focus && g_strcmp0 (name, "event") == 0)
    gtk_widget_grab_focus (self->close_button);
  else if (move_focus && g_strcmp0 (name, "group") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->group_list));
}

static void
show_event (SitmapSidebar *self, SitmapEvent *event)
{
  update_header (self, event);
  update_when (self, event);
  update_where (self, event);
  update_figures_and_actors (self, event);
  set_text_or_hide (self->summary_label, sitmap_event_get_summary (event));
  gtk_widget_set_visible (self->summary_section, gtk_widget_get_visible (GTK_WIDGET (self->summary_label)));
  update_links (self, event);
  update_sources (self, event);

  /* A new event is read from its top, whatever the previous one was scrolled to. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->event_scroller), 0);
  show_page (self, "event");
}

static void
clear_event (SitmapSidebar *self)
{
  remove_cards (self);
  show_page (self, "empty");
}

/* Whether every event of the group is at one point, from the store's projected columns. */
static gboolean
group_at_one_point (SitmapDocument *document, const guint32 *positions, guint n)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  for (guint i = 1; i < n; i++)
    if (columns->x[positions[i]] != columns->x[positions[0]] || columns->y[positions[i]] != columns->y[positions[0]])
      return FALSE;
  return TRUE;
}

/* A new list for a new group; the rows are made by the list view for what it shows, no more. */
static void
update_group_model (SitmapSidebar *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  g_autofree char *title = NULL;
  const guint32 *positions = NULL;
  guint n = 0;

  if (document != NULL)
    positions = sitmap_view_state_get_group (self->view_state, &n);
  g_clear_object (&self->group_model);
  if (n > 0)
    self->group_model = sitmap_group_model_new (document, positions, n);
  gtk_single_selection_set_model (self->group_selection, G_LIST_MODEL (self->group_model));
  gtk_single_selection_set_selected (self->group_selection, GTK_INVALID_LIST_POSITION);
  if (n == 0)
    return;
  /* TRANSLATORS: the heading of the list of events the map could not tell apart */
  title = g_strdup_printf (ngettext ("%u event here", "%u events here", n), n);
  gtk_label_set_text (self->group_title_label, title);
  gtk_label_set_text (self->group_subtitle_label,
                      group_at_one_point (document, positions, n)
                        ? _("They are reported at one place. Pick one to read it.")
                        : _("They are too close together for the map to tell apart. Pick one to read it."));
}

static gint
group_item_of_selection (SitmapSidebar *self)
{
  gint selected = self->view_state ? sitmap_view_state_get_selected (self->view_state) : -1;

  if (selected < 0 || self->group_model == NULL)
    return -1;
  return sitmap_group_model_find (self->group_model, selected);
}

static void
update_back_button (SitmapSidebar *self, gboolean in_group)
{
  g_autofree char *tooltip = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->group_selection));

  gtk_widget_set_visible (self->back_button, in_group);
  /* Escape goes back to the list when there is one; the close button closes it too. */
  gtk_widget_set_tooltip_text (self->close_button, in_group ? _("Close") : _("Close (Esc)"));
  if (!in_group)
    return;
  /* TRANSLATORS: the tooltip of the button that goes back from an event to the list it was picked from */
  tooltip = g_strdup_printf (ngettext ("Back to the %u event here (Esc)", "Back to the %u events here (Esc)", n), n);
  gtk_widget_set_tooltip_text (self->back_button, tooltip);
}

/* The list as it was left: the event read last marked, and in view. */
static void
show_group (SitmapSidebar *self, gint came_from)
{
  if (came_from >= 0)
    {
      gtk_single_selection_set_selected (self->group_selection, came_from);
      gtk_widget_activate_action (GTK_WIDGET (self->group_list), "list.scroll-to-item", "u", came_from);
    }
  show_page (self, "group");
}

/* The form lets go of its event: another is selected, or none. */
static void
stop_editing (SitmapSidebar *self)
{
  if (!self->editing)
    return;
  self->editing = FALSE;
  sitmap_event_form_edit (self->event_form, NULL);
}

static void
update (SitmapSidebar *self)
{
  g_autoptr (SitmapEvent) event = NULL;
  guint n_group = 0;
  gint item;

  if (self->view_state != NULL)
    {
      event = sitmap_view_state_dup_selected_event (self->view_state);
      sitmap_view_state_get_group (self->view_state, &n_group);
    }
  update_document (self);
  item = group_item_of_selection (self);
  /* Before the page changes: a disabled close button could not take the focus. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.close", event != NULL || n_group > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.back", event != NULL || n_group > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.edit", event != NULL);
  if (event != NULL && self->editing &&
      g_strcmp0 (sitmap_event_get_id (event), sitmap_event_form_get_event_id (self->event_form)) == 0)
    show_page (self, "form");
  else if (event != NULL)
    {
      stop_editing (self);
      update_back_button (self, item >= 0);
      if (item >= 0)
        self->group_item = item;
      show_event (self, event);
    }
  else if (n_group > 0)
    {
      stop_editing (self);
      show_group (self, self->group_item);
    }
  else
    {
      stop_editing (self);
      clear_event (self);
    }
}

/*
 * Previous and next event: in the group the selection belongs to, else in time order among those that pass
 * the filters (the view state's rule)
 */

static void
update_navigation (SitmapSidebar *self)
{
  gboolean has_document = self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.previous-event",
                                 has_document && sitmap_view_state_get_neighbour (self->view_state, -1) >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.next-event",
                                 has_document && sitmap_view_state_get_neighbour (self->view_state, 1) >= 0);
}

static void
step_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (widget);

  if (self->view_state == NULL || sitmap_view_state_get_document (self->view_state) == NULL)
    return;
  sitmap_view_state_select_neighbour (self->view_state, g_str_equal (action_name, "sidebar.next-event") ? 1 : -1);
}

/*
 * Places and sources as filters
 */

static void
add_filter_value (SitmapSidebar *self, SitmapFilterSet set, const char *value)
{
  g_autoptr (SitmapFilter) filter = NULL;

  if (self->view_state == NULL || value == NULL)
    return;
  filter = sitmap_filter_copy (sitmap_view_state_get_filter (self->view_state));
  sitmap_filter_add_value (filter, set, value);
  sitmap_view_state_set_filter (self->view_state, filter);
  gtk_stack_set_visible_child_name (self->view_stack, "events");
}

static void
filter_place_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (widget);
  g_autoptr (SitmapEvent) event = NULL;
  SitmapPlace *place;

  if (self->view_state == NULL || (event = sitmap_view_state_dup_selected_event (self->view_state)) == NULL)
    return;
  place = sitmap_event_get_place (event);
  if (place != NULL)
    add_filter_value (self, SITMAP_FILTER_PLACES, sitmap_place_get_id (place));
}

static void
show_source_cb (SitmapSidebar *self, const char *source_id)
{
  add_filter_value (self, SITMAP_FILTER_SOURCES, source_id);
}

/* A row activated in the list (Enter, double click): the event, read. */
static void
events_activate_cb (SitmapSidebar *self, guint position)
{
  gtk_stack_set_visible_child_name (self->view_stack, "details");
  if (self->view_state != NULL)
    sitmap_view_state_select (self->view_state, position);
}

/*
 * Callbacks
 */

static void
view_state_changed_cb (SitmapSidebar *self)
{
  update (self);
  update_navigation (self);
}

static void
document_changed_cb (SitmapSidebar *self, SitmapDocumentChange what)
{
  g_autoptr (SitmapEvent) event = NULL;

  /* The selected event changed (the selection follows it), or the document's counts */
  if (self->view_state != NULL && (what & SITMAP_DOCUMENT_CHANGE_EVENT_EDITS))
    {
      update (self);
      return;
    }
  if (self->view_state == NULL || !(what & (SITMAP_DOCUMENT_CHANGE_SOURCES | SITMAP_DOCUMENT_CHANGE_CITATIONS)))
    return;
  event = sitmap_view_state_dup_selected_event (self->view_state);
  if (event != NULL)
    refresh_sources (self, event);
}

static void
document_notify_cb (SitmapSidebar *self)
{
  g_signal_group_set_target (self->document_signals,
                             self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL);
  update (self);
}

static void
group_changed_cb (SitmapSidebar *self)
{
  self->group_item = -1;
  update_group_model (self);
  update (self);
}

/* A row picked from the list: the event is read, and the group stays for the way back. */
static void
group_activate_cb (GtkListView *list, guint item, SitmapSidebar *self)
{
  if (self->view_state == NULL || self->group_model == NULL ||
      item >= g_list_model_get_n_items (G_LIST_MODEL (self->group_model)))
    return;
  self->group_item = item;
  sitmap_view_state_select (self->view_state, sitmap_group_model_get_position (self->group_model, item));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, sitmap_event_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  sitmap_event_row_set_event (SITMAP_EVENT_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  sitmap_event_row_set_event (SITMAP_EVENT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
draw_swatch_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SitmapSidebar *self = user_data;

  sitmap_event_row_draw_swatch (GTK_WIDGET (area), cr, width, height, &self->swatch_color);
}

/* "Done" in the form, or its event gone: the event's details again (or nothing, when it is gone). */
static void
form_done_cb (SitmapSidebar *self)
{
  gboolean had_focus = has_focus_within (GTK_WIDGET (self->event_form));

  stop_editing (self);
  update (self);
  if (had_focus && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "event") == 0)
    gtk_widget_grab_focus (self->edit_button);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (widget);
  g_autoptr (SitmapEvent) event = NULL;

  if (self->view_state == NULL || (event = sitmap_view_state_dup_selected_event (self->view_state)) == NULL)
    return;
  sitmap_sidebar_edit_event (self, sitmap_event_get_id (event));
}

/* Closes everything the sidebar shows: the event and the group it came from. */
static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (widget);

  if (self->view_state == NULL)
    return;
  sitmap_view_state_select (self->view_state, -1);
}

/* One step back: from the form to the event's details, from an event to the list it was picked from (or to
 * nothing), from the list to nothing (the view state's rule, the map's and the window's too). */
static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (widget);

  if (self->view_state == NULL)
    return;
  /* From the form, to the event's details */
  if (self->editing)
    form_done_cb (self);
  else
    sitmap_view_state_step_back (self->view_state);
}

/*
 * Overrides
 */

/* Where the keyboard lands when the window sends it here (Enter on a map event): the event's title,
 * which a screen reader reads out; or the group's list. */
static gboolean
sitmap_sidebar_grab_focus (GtkWidget *widget)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "event") == 0)
    {
      if (!gtk_widget_grab_focus (GTK_WIDGET (self->title_label)))
        return gtk_widget_grab_focus (self->close_button);
      /* A selectable label selects all its text as it takes the focus: the user came to read it. */
      gtk_label_select_region (self->title_label, 0, 0);
      return TRUE;
    }
  if (g_strcmp0 (page, "group") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->group_list));
  if (g_strcmp0 (page, "form") == 0)
    {
      sitmap_event_form_focus_title (self->event_form);
      return TRUE;
    }
  return GTK_WIDGET_CLASS (sitmap_sidebar_parent_class)->grab_focus (widget);
}

/*
 * GObject
 */

static void
sitmap_sidebar_dispose (GObject *object)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (object);

  if (self->view_state_signals != NULL)
    g_signal_group_set_target (self->view_state_signals, NULL);
  g_clear_object (&self->view_state_signals);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->view_state);
  g_clear_object (&self->group_model);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_SIDEBAR);
  G_OBJECT_CLASS (sitmap_sidebar_parent_class)->dispose (object);
}

static void
sitmap_sidebar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_sidebar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapSidebar *self = SITMAP_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: sitmap_sidebar_set_view_state (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_sidebar_class_init (SitmapSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_sidebar_dispose;
  object_class->get_property = sitmap_sidebar_get_property;
  object_class->set_property = sitmap_sidebar_set_property;
  widget_class->grab_focus = sitmap_sidebar_grab_focus;

  properties[PROP_VIEW_STATE] = g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (SITMAP_TYPE_CITATION_CARD);
  g_type_ensure (SITMAP_TYPE_EVENTS_PANEL);
  g_type_ensure (SITMAP_TYPE_EVENT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, events_panel);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, place_filter_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, place_filter_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, links_section);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, links_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, document_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, document_title_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, document_description_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, document_counts_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, event_scroller);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, back_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, swatch);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, close_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, edit_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, event_form);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, category_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, title_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, origins_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, party_warning);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, when_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, when_detail_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, where_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, where_wording_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, coordinates_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, figures_section);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, figures_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, actors_section);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, actors_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, summary_section);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, sources_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, no_sources_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, group_title_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, group_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapSidebar, group_list);

  gtk_widget_class_install_action (widget_class, "sidebar.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "sidebar.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "sidebar.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sidebar.back", NULL);
  gtk_widget_class_install_action (widget_class, "sidebar.previous-event", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "sidebar.next-event", NULL, step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "sidebar.previous-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "sidebar.next-event", NULL);
  gtk_widget_class_install_action (widget_class, "sidebar.filter-place", NULL, filter_place_action);

  /**
   * SitmapSidebar::activate-link:
   * @uri: the http or https address of a link of the description
   *
   * Emitted when the user clicks a link of the description. The sidebar opens it in the web browser
   * unless a handler returns %TRUE.
   */
  signals[ACTIVATE_LINK] = g_signal_new ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1,
                                         G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitmap-sidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitmap_sidebar_init (SitmapSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->swatch), draw_swatch_cb, self, NULL);

  self->group_item = -1;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->group_list, factory);
  g_object_unref (factory);
  self->group_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->group_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->group_selection, TRUE);
  gtk_list_view_set_model (self->group_list, GTK_SELECTION_MODEL (self->group_selection));
  g_object_unref (self->group_selection);
  g_signal_connect (self->group_list, "activate", G_CALLBACK (group_activate_cb), self);

  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::selected", G_CALLBACK (view_state_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (document_notify_cb),
                                  self);
  self->document_signals = g_signal_group_new (SITMAP_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::group-size", G_CALLBACK (group_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "visible-changed", G_CALLBACK (update_navigation), self);
  g_signal_connect_swapped (self->events_panel, "activate-event", G_CALLBACK (events_activate_cb), self);
  g_signal_connect_swapped (self->event_form, "done", G_CALLBACK (form_done_cb), self);
  update (self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_sidebar_new (void)
{
  return g_object_new (SITMAP_TYPE_SIDEBAR, NULL);
}

SitmapViewState *
sitmap_sidebar_get_view_state (SitmapSidebar *self)
{
  g_return_val_if_fail (SITMAP_IS_SIDEBAR (self), NULL);
  return self->view_state;
}

void
sitmap_sidebar_set_view_state (SitmapSidebar *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_SIDEBAR (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (!g_set_object (&self->view_state, view_state))
    return;
  g_signal_group_set_target (self->view_state_signals, view_state);
  g_signal_group_set_target (self->document_signals, view_state ? sitmap_view_state_get_document (view_state) : NULL);
  sitmap_events_panel_set_view_state (self->events_panel, view_state);
  sitmap_event_form_set_view_state (self->event_form, view_state);
  self->group_item = -1;
  update_group_model (self);
  update (self);
  update_navigation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}

SitmapEventsPanel *
sitmap_sidebar_get_events_panel (SitmapSidebar *self)
{
  g_return_val_if_fail (SITMAP_IS_SIDEBAR (self), NULL);
  return self->events_panel;
}

void
sitmap_sidebar_show_events (SitmapSidebar *self, gboolean focus_search)
{
  g_return_if_fail (SITMAP_IS_SIDEBAR (self));

  gtk_stack_set_visible_child_name (self->view_stack, "events");
  if (focus_search)
    sitmap_events_panel_focus_search (self->events_panel);
}

void
sitmap_sidebar_show_details (SitmapSidebar *self)
{
  g_return_if_fail (SITMAP_IS_SIDEBAR (self));
  gtk_stack_set_visible_child_name (self->view_stack, "details");
}

SitmapEventForm *
sitmap_sidebar_get_event_form (SitmapSidebar *self)
{
  g_return_val_if_fail (SITMAP_IS_SIDEBAR (self), NULL);
  return self->event_form;
}

void
sitmap_sidebar_edit_event (SitmapSidebar *self, const char *id)
{
  gint position;

  g_return_if_fail (SITMAP_IS_SIDEBAR (self));
  g_return_if_fail (id != NULL);

  if (self->view_state == NULL || sitmap_view_state_get_document (self->view_state) == NULL)
    return;
  position = sitmap_document_find_event (sitmap_view_state_get_document (self->view_state), id);
  if (position < 0)
    return;
  self->editing = TRUE;
  sitmap_event_form_edit (self->event_form, id);
  gtk_stack_set_visible_child_name (self->view_stack, "details");
  if (sitmap_view_state_get_selected (self->view_state) != position)
    sitmap_view_state_set_selected (self->view_state, position);
  else
    update (self);
}

gboolean
sitmap_sidebar_is_editing (SitmapSidebar *self)
{
  g_return_val_if_fail (SITMAP_IS_SIDEBAR (self), FALSE);
  return self->editing;
}
