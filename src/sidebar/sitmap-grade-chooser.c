/* sitmap-grade-chooser.c: a popover to grade a citation on the NATO/Admiralty scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-credibility-command.h"
#include "sitmap-grade-chooser.h"
#include "sitmap-reliability-command.h"
#include "sitmap-undo-stack.h"

#define N_RELIABILITIES (SITMAP_RELIABILITY_F + 1)
#define N_CREDIBILITIES (SITMAP_CREDIBILITY_6 + 1)

struct _SitmapGradeChooser
{
  GtkPopover      parent_instance;

  SitmapDocument *document;
  SitmapCitation *citation;
  guint           position;
  guint           index;
  gboolean        updating; /* the buttons are being set to the grades, not chosen */

  GtkLabel       *source_label;
  GtkWidget      *reliability_buttons[N_RELIABILITIES];
  GtkWidget      *credibility_buttons[N_CREDIBILITIES];
};

G_DEFINE_FINAL_TYPE (SitmapGradeChooser, sitmap_grade_chooser, GTK_TYPE_POPOVER)

/* The wording of the NATO/Admiralty system (STANAG 2511, FM 2-22.3 appendix B), shortened. */
static const char *const reliability_meanings[N_RELIABILITIES] = {
  N_("The source has not been graded yet."),
  N_("No doubt of authenticity, trustworthiness or competency; a history of complete reliability."),
  N_("Minor doubt about authenticity, trustworthiness or competency; a history of valid information most of the time."),
  N_("Doubt of authenticity, trustworthiness or competency, but has provided valid information in the past."),
  N_("Significant doubt about authenticity, trustworthiness or competency, but has provided valid information in the past."),
  N_("Lacking in authenticity, trustworthiness and competency; a history of invalid information."),
  N_("No basis exists for evaluating the reliability of the source."),
};

static const char *const credibility_meanings[N_CREDIBILITIES] = {
  N_("This report has not been graded yet."),
  N_("Confirmed by other independent sources; logical in itself; consistent with other information on the subject."),
  N_("Not confirmed; logical in itself; consistent with other information on the subject."),
  N_("Not confirmed; reasonably logical in itself; agrees with some other information on the subject."),
  N_("Not confirmed; possible but not logical; no other information on the subject."),
  N_("Not confirmed; not logical in itself; contradicted by other information on the subject."),
  N_("No basis exists for evaluating the validity of the information."),
};

/*
 * Auxiliary methods
 */

static gboolean
is_bound (SitmapGradeChooser *self)
{
  return self->document != NULL && self->citation != NULL;
}

static void
push (SitmapGradeChooser *self, SitmapCommand *command)
{
  g_autoptr (SitmapCommand) owned = command;
  g_autoptr (SitmapDocument) document = g_object_ref (self->document);

  GtkWidget *badge = gtk_widget_get_parent (GTK_WIDGET (self));

  /* Closed first: the document's "changed" makes the sidebar give the card its new citation. The
   * keyboard goes back to the badge, not into a hidden popover, so that Ctrl+Z works at once. */
  gtk_popover_popdown (GTK_POPOVER (self));
  if (badge != NULL)
    gtk_widget_grab_focus (badge);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), owned);
}

/*
 * Callbacks
 */

static void
reliability_toggled_cb (GtkCheckButton *button, SitmapGradeChooser *self)
{
  SitmapReliability reliability = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "grade"));
  SitmapSource *source;

  if (self->updating || !gtk_check_button_get_active (button) || !is_bound (self))
    return;
  source = sitmap_citation_get_source (self->citation);
  if (sitmap_source_get_reliability (source) != reliability)
    push (self, sitmap_reliability_command_new (source, reliability));
}

static void
credibility_toggled_cb (GtkCheckButton *button, SitmapGradeChooser *self)
{
  SitmapCredibility credibility = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "grade"));

  if (self->updating || !gtk_check_button_get_active (button) || !is_bound (self))
    return;
  if (sitmap_citation_get_credibility (self->citation) != credibility)
    push (self, sitmap_credibility_command_new (self->document, self->position, self->index, credibility));
}

/*
 * Building the choices
 */

/* A wrapped label asks for its whole text's width; this one asks for a column's, and wraps in it. */
static void
set_wrapped_width (GtkWidget *label)
{
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_widget_set_size_request (label, 250, -1);
}

/* A choice: a radio button, the grade and its name, and its meaning beneath; a click anywhere on the
 * row picks it. A list box row, not a check button's child: rows wrap their text height-for-width. */
static GtkWidget *
new_choice (const char *title, const char *meaning, GtkCheckButton *group, guint grade, GCallback toggled,
            SitmapGradeChooser *self, GtkWidget **button_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *meaning_label = gtk_label_new (meaning);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (meaning_label), 0);
  set_wrapped_width (meaning_label);
  gtk_widget_add_css_class (meaning_label, "caption");
  gtk_widget_add_css_class (meaning_label, "dim-label");
  gtk_box_append (GTK_BOX (texts), title_label);
  gtk_box_append (GTK_BOX (texts), meaning_label);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meaning, -1);
  g_object_set_data (G_OBJECT (button), "grade", GUINT_TO_POINTER (grade));
  g_signal_connect (button, "toggled", toggled, self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "button", button);
  *button_out = button;
  return row;
}

static void
choice_activated_cb (GtkListBox *list, GtkListBoxRow *row, gpointer user_data)
{
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "button"), TRUE);
}

static GtkWidget *
new_choice_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "sitmap-grade-choices");
  g_signal_connect (list, "row-activated", G_CALLBACK (choice_activated_cb), NULL);
  return list;
}

static GtkWidget *
new_heading (const char *text, const char *explanation, GtkLabel **label_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (text);
  GtkWidget *caption = gtk_label_new (explanation);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  set_wrapped_width (caption);
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_widget_set_margin_bottom (box, 6);
  if (label_out != NULL)
    *label_out = GTK_LABEL (caption);
  return box;
}

static GtkWidget *
build_reliability_column (SitmapGradeChooser *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  GtkWidget *list = new_choice_list ();

  gtk_box_append (GTK_BOX (column), new_heading (_("Source Reliability"), "", &self->source_label));
  /* A to F first, "not rated" last: the order analysts read the scale in. */
  for (guint i = 0; i < N_RELIABILITIES; i++)
    {
      SitmapReliability grade = (i + 1) % N_RELIABILITIES;

      gtk_list_box_append (GTK_LIST_BOX (list),
                           new_choice (sitmap_reliability_get_label (grade), _(reliability_meanings[grade]),
                                       i ? GTK_CHECK_BUTTON (self->reliability_buttons[1]) : NULL, grade,
                                       G_CALLBACK (reliability_toggled_cb), self, &self->reliability_buttons[grade]));
    }
  gtk_box_append (GTK_BOX (column), list);
  return column;
}

static GtkWidget *
build_credibility_column (SitmapGradeChooser *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  GtkWidget *list = new_choice_list ();

  gtk_box_append (GTK_BOX (column),
                  new_heading (_("Information Credibility"), _("Of this report only"), NULL));
  for (guint i = 0; i < N_CREDIBILITIES; i++)
    {
      SitmapCredibility grade = (i + 1) % N_CREDIBILITIES;

      gtk_list_box_append (GTK_LIST_BOX (list),
                           new_choice (sitmap_credibility_get_label (grade), _(credibility_meanings[grade]),
                                       i ? GTK_CHECK_BUTTON (self->credibility_buttons[1]) : NULL, grade,
                                       G_CALLBACK (credibility_toggled_cb), self, &self->credibility_buttons[grade]));
    }
  gtk_box_append (GTK_BOX (column), list);
  return column;
}

/*
 * GObject
 */

static void
sitmap_grade_chooser_dispose (GObject *object)
{
  SitmapGradeChooser *self = SITMAP_GRADE_CHOOSER (object);

  g_clear_object (&self->document);
  g_clear_object (&self->citation);
  G_OBJECT_CLASS (sitmap_grade_chooser_parent_class)->dispose (object);
}

static void
sitmap_grade_chooser_class_init (SitmapGradeChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_grade_chooser_dispose;
}

static void
sitmap_grade_chooser_init (SitmapGradeChooser *self)
{
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  gtk_widget_set_margin_top (columns, 6);
  gtk_widget_set_margin_bottom (columns, 6);
  gtk_widget_set_margin_start (columns, 6);
  gtk_widget_set_margin_end (columns, 6);
  gtk_box_append (GTK_BOX (columns), build_reliability_column (self));
  gtk_box_append (GTK_BOX (columns), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_box_append (GTK_BOX (columns), build_credibility_column (self));
  /* Fourteen grades with their meanings are taller than a small screen leaves below a badge. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), columns);
  gtk_popover_set_child (GTK_POPOVER (self), scroller);
  gtk_widget_add_css_class (GTK_WIDGET (self), "sitmap-grade-chooser");
}

/*
 * Public API
 */

GtkWidget *
sitmap_grade_chooser_new (void)
{
  return g_object_new (SITMAP_TYPE_GRADE_CHOOSER, NULL);
}

void
sitmap_grade_chooser_set_citation (SitmapGradeChooser *self,
                                   SitmapDocument     *document,
                                   guint               position,
                                   guint               i,
                                   SitmapCitation     *citation)
{
  SitmapSource *source;
  g_autofree char *caption = NULL;
  const char *name;

  g_return_if_fail (SITMAP_IS_GRADE_CHOOSER (self));
  g_return_if_fail (SITMAP_IS_DOCUMENT (document));
  g_return_if_fail (SITMAP_IS_CITATION (citation));

  g_set_object (&self->document, document);
  g_set_object (&self->citation, citation);
  self->position = position;
  self->index = i;

  source = sitmap_citation_get_source (citation);
  name = sitmap_source_get_short_name (source);
  /* TRANSLATORS: under "Source Reliability": the grade is the publisher's, "Of SOHR, in every report" */
  caption = g_strdup_printf (_("Of %s, in every report"), name && *name ? name : sitmap_source_get_id (source));
  gtk_label_set_text (self->source_label, caption);

  self->updating = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->reliability_buttons[sitmap_source_get_reliability (source)]),
                               TRUE);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (self->credibility_buttons[sitmap_citation_get_credibility (citation)]), TRUE);
  self->updating = FALSE;
}

const char *
sitmap_grade_describe_reliability (SitmapReliability reliability)
{
  g_return_val_if_fail (reliability < N_RELIABILITIES, "");
  return _(reliability_meanings[reliability]);
}

const char *
sitmap_grade_describe_credibility (SitmapCredibility credibility)
{
  g_return_val_if_fail (credibility < N_CREDIBILITIES, "");
  return _(credibility_meanings[credibility]);
}
