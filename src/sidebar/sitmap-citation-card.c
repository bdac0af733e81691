/* sitmap-citation-card.c: one source's report of the selected event, as a card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-citation-card.h"
#include "sitmap-grade-chooser.h"
#include "sitmap-sidebar-text.h"

struct _SitmapCitationCard
{
  GtkWidget       parent_instance;

  SitmapCitation *citation;
  SitmapDocument *document; /* set when the grades can be edited */
  guint           position;
  guint           index;
  char           *uri; /* the web address the link opens; NULL unless http or https */

  /* template widgets */
  GtkWidget      *card;
  GtkLabel       *name_label;
  GtkLabel       *full_name_label;
  GtkLabel       *kind_label;
  GtkWidget      *grade_button;
  GtkLabel       *grade_label;
  GtkWidget      *source_filter_button;
  GtkWidget      *tags_box;
  GtkWidget      *party_label;
  GtkLabel       *via_label;
  GtkLabel       *note_label;
  GtkLabel       *paraphrase_label;
  GtkLabel       *dates_label;
  GtkWidget      *link_button;
  GtkLabel       *host_label;
  GtkLabel       *link_text_label;
};

G_DEFINE_FINAL_TYPE (SitmapCitationCard, sitmap_citation_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CITATION,
  N_PROPS
};

enum {
  ACTIVATE_LINK,
  SHOW_SOURCE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
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

static void
update_source (SitmapCitationCard *self)
{
  SitmapSource *source = sitmap_citation_get_source (self->citation);
  const char *name = sitmap_source_get_name (source);
  const char *abbreviation = sitmap_source_get_abbreviation (source);
  const char *short_name = sitmap_source_get_short_name (source);
  g_autofree char *tooltip = NULL;
  /* Names cut to what a card is read for (see sitmap-time.h). */
  g_autofree char *shown = sitmap_text_cut (short_name && *short_name ? short_name : sitmap_source_get_id (source),
                                                  SITMAP_LABEL_MAX_CHARS);
  g_autofree char *full_name = name != NULL ? sitmap_text_cut (name, SITMAP_LABEL_MAX_CHARS) : NULL;

  gtk_label_set_text (self->name_label, shown);

  /* The card's header is the abbreviation that analysts know ("SOHR"); the full name follows it. */
  set_text_or_hide (self->full_name_label, abbreviation && *abbreviation && g_strcmp0 (name, abbreviation) != 0
                                             ? full_name
                                             : NULL);
  gtk_label_set_text (self->kind_label, sitmap_source_kind_get_label (sitmap_source_get_kind (source)));
  gtk_widget_set_visible (self->party_label, sitmap_source_get_party (source));
  set_text_or_hide (self->note_label, sitmap_source_get_note (source));
  /* TRANSLATORS: the tooltip of the button that filters to a publisher, "Show every event SOHR reports" */
  tooltip = g_strdup_printf (_("Show every event %s reports"), gtk_label_get_text (self->name_label));
  gtk_widget_set_tooltip_text (self->source_filter_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_filter_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->name_label), -1);
}

static void
update_via (SitmapCitationCard *self)
{
  SitmapSource *via = sitmap_citation_get_via (self->citation);
  g_autofree char *text = NULL;

  if (via != NULL)
    {
      const char *short_name = sitmap_source_get_short_name (via);

      g_autofree char *shown = sitmap_text_cut (short_name && *short_name ? short_name : sitmap_source_get_id (via),
                                                      SITMAP_LABEL_MAX_CHARS);
      g_autofree char *name = sitmap_text_cut (sitmap_source_get_name (via), SITMAP_LABEL_MAX_CHARS);

      /* TRANSLATORS: the source a report reached us through, "via AFP" */
      text = g_strdup_printf (_("via %s"), shown);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->via_label), name);
    }
  set_text_or_hide (self->via_label, text);
  gtk_widget_set_visible (self->tags_box, via != NULL || sitmap_source_get_party (sitmap_citation_get_source (self->citation)));
}

static char *
describe_reliability (SitmapReliability reliability)
{
  if (reliability == SITMAP_RELIABILITY_UNRATED)
    return g_strdup (sitmap_reliability_get_label (reliability));
  /* TRANSLATORS: %s is a grade and its meaning, "C: fairly reliable", then what the grade says */
  return g_strdup_printf (_("Source reliability %s — %s"), sitmap_reliability_get_label (reliability),
                          sitmap_grade_describe_reliability (reliability));
}

static char *
describe_credibility (SitmapCredibility credibility)
{
  if (credibility == SITMAP_CREDIBILITY_UNRATED)
    return g_strdup (sitmap_credibility_get_label (credibility));
  /* TRANSLATORS: %s is a grade and its meaning, "3: possibly true", then what the grade says */
  return g_strdup_printf (_("Information credibility %s — %s"), sitmap_credibility_get_label (credibility),
                          sitmap_grade_describe_credibility (credibility));
}

/* The badge opens the chooser only where an edit can be made: a card that knows its event. */
static void
update_grade_chooser (SitmapCitationCard *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->grade_button));

  gtk_widget_set_sensitive (self->grade_button, self->document != NULL);
  if (self->document == NULL)
    return;
  if (popover == NULL)
    {
      popover = GTK_POPOVER (sitmap_grade_chooser_new ());
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->grade_button), GTK_WIDGET (popover));
    }
  sitmap_grade_chooser_set_citation (SITMAP_GRADE_CHOOSER (popover), self->document, self->position, self->index,
                                     self->citation);
}

/* The Admiralty grade as analysts write it, "C3": the publisher's reliability and this report's
 * credibility. A missing half is a dash, so that "C–" is never mistaken for a full grade. */
static void
update_grade (SitmapCitationCard *self)
{
  SitmapReliability reliability = sitmap_source_get_reliability (sitmap_citation_get_source (self->citation));
  SitmapCredibility credibility = sitmap_citation_get_credibility (self->citation);
  g_autofree char *tooltip = NULL;
  g_autofree char *reliability_text = describe_reliability (reliability);
  g_autofree char *credibility_text = describe_credibility (credibility);
  gboolean rated = reliability != SITMAP_RELIABILITY_UNRATED || credibility != SITMAP_CREDIBILITY_UNRATED;
  gboolean weak = (reliability >= SITMAP_RELIABILITY_D && reliability <= SITMAP_RELIABILITY_E) ||
                  (credibility >= SITMAP_CREDIBILITY_4 && credibility <= SITMAP_CREDIBILITY_5);

  if (rated)
    {
      g_autofree char *grade = NULL;

      grade = g_strdup_printf ("%s%s",
                               reliability != SITMAP_RELIABILITY_UNRATED ? sitmap_reliability_to_id (reliability) : "–",
                               credibility != SITMAP_CREDIBILITY_UNRATED ? sitmap_credibility_to_id (credibility) : "–");
      gtk_label_set_text (self->grade_label, grade);
    }
  else
    gtk_label_set_text (self->grade_label, _("not rated"));

  if (self->document != NULL)
    tooltip = g_strconcat (reliability_text, "\n", credibility_text, "\n", _("Click to change the grading"), NULL);
  else
    tooltip = g_strconcat (reliability_text, "\n", credibility_text, NULL);
  gtk_widget_set_tooltip_text (self->grade_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->grade_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  /* The card is given a new citation after an edit: the classes follow the grade both ways. */
  if (rated)
    gtk_widget_remove_css_class (GTK_WIDGET (self->grade_label), "sitmap-grade-unrated");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->grade_label), "sitmap-grade-unrated");
  if (weak)
    gtk_widget_add_css_class (GTK_WIDGET (self->grade_label), "sitmap-grade-weak");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->grade_label), "sitmap-grade-weak");
  update_grade_chooser (self);
}

static void
update_dates (SitmapCitationCard *self)
{
  const SitmapTime *published = sitmap_citation_get_published (self->citation);
  const SitmapTime *accessed = sitmap_citation_get_accessed (self->citation);
  g_autofree char *published_text = NULL;
  g_autofree char *accessed_text = NULL;
  g_autofree char *text = NULL;

  if (sitmap_time_is_dated (published))
    {
      g_autofree char *when = sitmap_time_describe (published);

      /* TRANSLATORS: %s is "on 11 December 2024" or "in March 2019" */
      published_text = g_strdup_printf (_("Published %s"), when);
    }
  if (sitmap_time_is_dated (accessed))
    {
      g_autofree char *when = sitmap_time_describe (accessed);

      /* TRANSLATORS: when the analyst read the source; %s is "on 12 December 2024" */
      accessed_text = g_strdup_printf (_("Accessed %s"), when);
    }
  if (published_text && accessed_text)
    text = g_strconcat (published_text, "\n", accessed_text, NULL);
  set_text_or_hide (self->dates_label, text ? text : published_text ? published_text : accessed_text);
}

/* Only http and https become a button; any other address (javascript:, file:, a local path) is shown
 * as text that cannot be clicked, so a hostile document cannot make Sitmap open it. */
static void
update_link (SitmapCitationCard *self)
{
  const char *url = sitmap_citation_get_url (self->citation);
  g_autofree char *host = NULL;
  g_autofree char *label = NULL;

  g_clear_pointer (&self->uri, g_free);
  if (sitmap_sidebar_parse_web_link (url, &self->uri, &host))
    {
      gtk_label_set_text (self->host_label, host);
      gtk_widget_set_tooltip_text (self->link_button, self->uri);
      /* TRANSLATORS: what a screen reader says for the link, %s is a host such as "www.syriahr.com" */
      label = g_strdup_printf (_("Open the report on %s in a web browser"), host);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_visible (self->link_button, TRUE);
      set_text_or_hide (self->link_text_label, NULL);
    }
  else
    {
      gtk_widget_set_visible (self->link_button, FALSE);
      set_text_or_hide (self->link_text_label, url);
    }
}

static void
update (SitmapCitationCard *self)
{
  update_source (self);
  update_via (self);
  update_grade (self);
  set_text_or_hide (self->paraphrase_label, sitmap_citation_get_paraphrase (self->citation));
  update_dates (self);
  update_link (self);
}

/*
 * Callbacks
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

static void
source_filter_clicked_cb (SitmapCitationCard *self)
{
  g_signal_emit (self, signals[SHOW_SOURCE], 0, sitmap_source_get_id (sitmap_citation_get_source (self->citation)));
}

static void
link_clicked_cb (SitmapCitationCard *self)
{
  gboolean handled = FALSE;

  /* Checked again at the moment of opening: nothing but a web address ever reaches the launcher. */
  if (self->uri == NULL || !sitmap_sidebar_parse_web_link (self->uri, NULL, NULL))
    return;
  g_signal_emit (self, signals[ACTIVATE_LINK], 0, self->uri, &handled);
}

/*
 * GtkWidget
 */

static gboolean
sitmap_citation_card_activate_link (SitmapCitationCard *self, const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

  gtk_uri_launcher_launch (launcher, parent, NULL, launch_done_cb, NULL);
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
  return TRUE;
}

static void
sitmap_citation_card_dispose (GObject *object)
{
  SitmapCitationCard *self = SITMAP_CITATION_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_CITATION_CARD);
  g_clear_object (&self->citation);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (sitmap_citation_card_parent_class)->dispose (object);
}

static void
sitmap_citation_card_finalize (GObject *object)
{
  SitmapCitationCard *self = SITMAP_CITATION_CARD (object);

  g_free (self->uri);
  G_OBJECT_CLASS (sitmap_citation_card_parent_class)->finalize (object);
}

static void
sitmap_citation_card_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapCitationCard *self = SITMAP_CITATION_CARD (object);

  switch (prop_id)
    {
    case PROP_CITATION: g_value_set_object (value, self->citation); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_citation_card_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapCitationCard *self = SITMAP_CITATION_CARD (object);

  switch (prop_id)
    {
    case PROP_CITATION: sitmap_citation_card_set_citation (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_citation_card_class_init (SitmapCitationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_citation_card_dispose;
  object_class->finalize = sitmap_citation_card_finalize;
  object_class->get_property = sitmap_citation_card_get_property;
  object_class->set_property = sitmap_citation_card_set_property;

  properties[PROP_CITATION] = g_param_spec_object ("citation", NULL, NULL, SITMAP_TYPE_CITATION,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitmapCitationCard::activate-link:
   * @uri: the http or https address to open
   *
   * Emitted when the user clicks the link. The default handler opens it in the web browser; a
   * handler that returns %TRUE stops that (as GtkLabel::activate-link does).
   */
  signals[ACTIVATE_LINK] = g_signal_new_class_handler ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                       G_CALLBACK (sitmap_citation_card_activate_link),
                                                       g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN,
                                                       1, G_TYPE_STRING);

  /**
   * SitmapCitationCard::show-source:
   * @source_id: the id of the citation's source
   *
   * Emitted when the user asks for every event the card's publisher reports.
   */
  signals[SHOW_SOURCE] = g_signal_new ("show-source", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-citation-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, card);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, full_name_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, grade_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, grade_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, source_filter_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, tags_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, party_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, via_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, note_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, paraphrase_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, dates_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, link_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, host_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapCitationCard, link_text_label);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_filter_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sitmap-citation-card");
}

static void
sitmap_citation_card_init (SitmapCitationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
sitmap_citation_card_new (SitmapCitation *citation)
{
  g_return_val_if_fail (SITMAP_IS_CITATION (citation), NULL);
  return g_object_new (SITMAP_TYPE_CITATION_CARD, "citation", citation, NULL);
}

SitmapCitation *
sitmap_citation_card_get_citation (SitmapCitationCard *self)
{
  g_return_val_if_fail (SITMAP_IS_CITATION_CARD (self), NULL);
  return self->citation;
}

void
sitmap_citation_card_set_citation (SitmapCitationCard *self, SitmapCitation *citation)
{
  g_return_if_fail (SITMAP_IS_CITATION_CARD (self));
  g_return_if_fail (SITMAP_IS_CITATION (citation));

  if (!g_set_object (&self->citation, citation))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITATION]);
}

void
sitmap_citation_card_set_event (SitmapCitationCard *self, SitmapDocument *document, guint position, guint i)
{
  g_return_if_fail (SITMAP_IS_CITATION_CARD (self));
  g_return_if_fail (document == NULL || SITMAP_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  self->position = position;
  self->index = i;
  update_grade (self);
}

void
sitmap_citation_card_set_show_source (SitmapCitationCard *self, gboolean show)
{
  g_return_if_fail (SITMAP_IS_CITATION_CARD (self));
  gtk_widget_set_visible (self->source_filter_button, show);
}
