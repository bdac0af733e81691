/* sitmap-filter-popover.c: the filter controls: categories, actors, sources, places, grading, figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-filter-popover.h"

/* The drop-downs offer "A" to "E" and "1" to "5": F and 6 say a grade cannot be judged, which is no
 * step on the scale. */
#define N_RELIABILITY_CHOICES (SITMAP_RELIABILITY_E + 1)
#define N_CREDIBILITY_CHOICES (SITMAP_CREDIBILITY_5 + 1)

struct _SitmapFilterPopover
{
  GtkPopover       parent_instance;

  SitmapViewState *view_state;
  GSignalGroup    *view_state_signals;
  gboolean         syncing; /* the controls are being set from the filter */
  gboolean         sets_stale; /* the document changed while hidden: the lists are filled when shown */

  GtkWidget       *category_buttons[SITMAP_N_CATEGORIES];
  GtkDropDown     *set_dropdowns[SITMAP_FILTER_N_SETS];
  GPtrArray       *set_ids[SITMAP_FILTER_N_SETS]; /* the value of each drop-down item; item 0 is "Add…" */
  GtkDropDown     *reliability_dropdown;
  GtkDropDown     *credibility_dropdown;
  GtkSpinButton   *killed_spin;
  GtkSpinButton   *origins_spin;
};

G_DEFINE_FINAL_TYPE (SitmapFilterPopover, sitmap_filter_popover, GTK_TYPE_POPOVER)

/*
 * Editing the filter
 */

static SitmapFilter *
dup_filter (SitmapFilterPopover *self)
{
  return sitmap_filter_copy (sitmap_view_state_get_filter (self->view_state));
}

static gboolean
can_edit (SitmapFilterPopover *self)
{
  return !self->syncing && self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL;
}

static void
category_toggled_cb (GtkCheckButton *button, SitmapFilterPopover *self)
{
  guint category = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "category"));
  g_autoptr (SitmapFilter) filter = NULL;
  guint hidden;

  if (!can_edit (self))
    return;
  filter = dup_filter (self);
  hidden = sitmap_filter_get_hidden_categories (filter);
  if (gtk_check_button_get_active (button))
    hidden &= ~(1u << category);
  else
    hidden |= 1u << category;
  sitmap_filter_set_hidden_categories (filter, hidden);
  sitmap_view_state_set_filter (self->view_state, filter);
}

/* A value picked from a drop-down is added to the filter; the drop-down goes back to "Add…". */
static void
set_picked_cb (GtkDropDown *dropdown, GParamSpec *pspec, SitmapFilterPopover *self)
{
  SitmapFilterSet set = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "set"));
  guint item = gtk_drop_down_get_selected (dropdown);
  g_autoptr (SitmapFilter) filter = NULL;

  if (!can_edit (self) || item == 0 || item == GTK_INVALID_LIST_POSITION || item >= self->set_ids[set]->len)
    return;
  filter = dup_filter (self);
  sitmap_filter_add_value (filter, set, g_ptr_array_index (self->set_ids[set], item));
  self->syncing = TRUE;
  gtk_drop_down_set_selected (dropdown, 0);
  self->syncing = FALSE;
  sitmap_view_state_set_filter (self->view_state, filter);
}

static void
grading_changed_cb (SitmapFilterPopover *self)
{
  g_autoptr (SitmapFilter) filter = NULL;

  if (!can_edit (self))
    return;
  filter = dup_filter (self);
  sitmap_filter_set_min_reliability (filter, gtk_drop_down_get_selected (self->reliability_dropdown));
  sitmap_filter_set_min_credibility (filter, gtk_drop_down_get_selected (self->credibility_dropdown));
  sitmap_view_state_set_filter (self->view_state, filter);
}

static void
figures_changed_cb (SitmapFilterPopover *self)
{
  g_autoptr (SitmapFilter) filter = NULL;

  if (!can_edit (self))
    return;
  filter = dup_filter (self);
  sitmap_filter_set_min_killed (filter, gtk_spin_button_get_value_as_int (self->killed_spin));
  sitmap_filter_set_min_origins (filter, gtk_spin_button_get_value_as_int (self->origins_spin));
  sitmap_view_state_set_filter (self->view_state, filter);
}

static void
clear_clicked_cb (SitmapFilterPopover *self)
{
  if (self->view_state != NULL)
    sitmap_view_state_set_filter (self->view_state, NULL);
}

/*
 * Showing the filter
 */

static void
sync_controls (SitmapFilterPopover *self)
{
  const SitmapFilter *filter;
  guint hidden;

  if (self->view_state == NULL)
    return;
  filter = sitmap_view_state_get_filter (self->view_state);
  hidden = sitmap_filter_get_hidden_categories (filter);
  self->syncing = TRUE;
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->category_buttons[c]), !(hidden & (1u << c)));
  gtk_drop_down_set_selected (self->reliability_dropdown,
                              MIN (sitmap_filter_get_min_reliability (filter), N_RELIABILITY_CHOICES - 1));
  gtk_drop_down_set_selected (self->credibility_dropdown,
                              MIN (sitmap_filter_get_min_credibility (filter), N_CREDIBILITY_CHOICES - 1));
  gtk_spin_button_set_value (self->killed_spin, sitmap_filter_get_min_killed (filter));
  gtk_spin_button_set_value (self->origins_spin, sitmap_filter_get_min_origins (filter));
  self->syncing = FALSE;
}

/* The values a drop-down offers: actors most reported first, sources and places as the document lists
 * them. The labels are plain text (GtkStringList shows them in plain labels). */
/* A name from the document, cut to what a list is read for (see sitmap-time.h). */
static void
append_name (GtkStringList *labels, const char *name)
{
  g_autofree char *shown = sitmap_text_cut (name != NULL ? name : "", SITMAP_LABEL_MAX_CHARS);

  gtk_string_list_append (labels, shown);
}

static void
fill_set (SitmapFilterPopover *self, SitmapFilterSet set, const char *add_label)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  SitmapFacetIndex *index;
  guint n = 0;

  g_ptr_array_set_size (self->set_ids[set], 0);
  gtk_string_list_append (labels, add_label);
  g_ptr_array_add (self->set_ids[set], g_strdup (""));
  if (set == SITMAP_FILTER_ACTORS && document != NULL && (index = sitmap_view_state_get_facet_index (self->view_state)))
    n = sitmap_facet_index_get_n_values (index, set);
  else if (set == SITMAP_FILTER_SOURCES && document != NULL)
    n = g_list_model_get_n_items (sitmap_document_get_sources (document));
  else if (set == SITMAP_FILTER_PLACES && document != NULL)
    n = g_list_model_get_n_items (sitmap_document_get_places (document));
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source;
      SitmapPlace *place;

      switch (set)
        {
        case SITMAP_FILTER_ACTORS:
          {
            const char *actor = sitmap_facet_index_get_actor (sitmap_view_state_get_facet_index (self->view_state), i);

            append_name (labels, actor);
            g_ptr_array_add (self->set_ids[set], g_strdup (actor));
          }
          break;
        case SITMAP_FILTER_SOURCES:
          source = sitmap_document_get_source (document, i);
          append_name (labels, sitmap_source_get_name (source) ? sitmap_source_get_name (source)
                                                               : sitmap_source_get_id (source));
          g_ptr_array_add (self->set_ids[set], g_strdup (sitmap_source_get_id (source)));
          break;
        case SITMAP_FILTER_PLACES:
          place = sitmap_document_get_place (document, i);
          append_name (labels, sitmap_place_get_name (place));
          g_ptr_array_add (self->set_ids[set], g_strdup (sitmap_place_get_id (place)));
          break;
        case SITMAP_FILTER_N_SETS:
        default: break;
        }
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->set_dropdowns[set], G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->set_dropdowns[set], 0);
  self->syncing = FALSE;
}

static void
fill_sets (SitmapFilterPopover *self)
{
  self->sets_stale = FALSE;
  fill_set (self, SITMAP_FILTER_ACTORS, _("Add an actor…"));
  fill_set (self, SITMAP_FILTER_SOURCES, _("Add a source…"));
  fill_set (self, SITMAP_FILTER_PLACES, _("Add a place…"));
}

/* The actors' list needs the view state's facet index, made in a thread when a big document opens:
 * asked for at once, opening would wait for it. The lists are filled when the menu shows instead. */
static void
document_changed_cb (SitmapFilterPopover *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    fill_sets (self);
  else
    self->sets_stale = TRUE;
  sync_controls (self);
}

/*
 * Building the controls
 */

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
build_categories (SitmapFilterPopover *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    {
      GtkWidget *button = gtk_check_button_new_with_label (sitmap_category_get_label (c));

      g_object_set_data (G_OBJECT (button), "category", GUINT_TO_POINTER (c));
      g_signal_connect (button, "toggled", G_CALLBACK (category_toggled_cb), self);
      gtk_grid_attach (GTK_GRID (grid), button, c % 2, c / 2, 1, 1);
      self->category_buttons[c] = button;
    }
  return grid;
}

static GtkDropDown *
new_set_dropdown (SitmapFilterPopover *self, SitmapFilterSet set, const char *accessible_label)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, expression));

  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (dropdown), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_object_set_data (G_OBJECT (dropdown), "set", GUINT_TO_POINTER (set));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (set_picked_cb), self);
  self->set_dropdowns[set] = dropdown;
  self->set_ids[set] = g_ptr_array_new_with_free_func (g_free);
  return dropdown;
}

static GtkDropDown *
new_grade_dropdown (SitmapFilterPopover *self, gboolean reliability)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  GtkDropDown *dropdown;

  gtk_string_list_append (labels, reliability ? _("Any source") : _("Any credibility"));
  for (guint i = 1; i < (reliability ? N_RELIABILITY_CHOICES : N_CREDIBILITY_CHOICES); i++)
    {
      g_autofree char *label = NULL;

      if (i == 1)
        label = g_strdup (reliability ? sitmap_reliability_get_label (i) : sitmap_credibility_get_label (i));
      else
        /* TRANSLATORS: a minimum grade, "B or better" */
        label = g_strdup_printf (_("%s or better"), reliability ? sitmap_reliability_to_id (i)
                                                                : sitmap_credibility_to_id (i));
      gtk_string_list_append (labels, label);
    }
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (dropdown), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reliability ? _("Minimum source reliability") : _("Minimum information credibility"),
                                  -1);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (grading_changed_cb), self);
  return dropdown;
}

static GtkSpinButton *
new_spin (SitmapFilterPopover *self, double max, const char *label, GtkWidget *box)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (figures_changed_cb), self);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), spin);
  gtk_box_append (GTK_BOX (box), row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build (SitmapFilterPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear All Filters"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_size_request (box, 320, -1);

  gtk_box_append (GTK_BOX (box), new_heading (_("Categories")));
  gtk_box_append (GTK_BOX (box), build_categories (self));
  gtk_box_append (GTK_BOX (box), new_heading (_("Actors, Sources and Places")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (new_set_dropdown (self, SITMAP_FILTER_ACTORS, _("Add an actor"))));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (new_set_dropdown (self, SITMAP_FILTER_SOURCES, _("Add a source"))));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (new_set_dropdown (self, SITMAP_FILTER_PLACES, _("Add a place"))));
  gtk_box_append (GTK_BOX (box), new_heading (_("Minimum Grading")));
  self->reliability_dropdown = new_grade_dropdown (self, TRUE);
  self->credibility_dropdown = new_grade_dropdown (self, FALSE);
  gtk_box_append (GTK_BOX (grading), GTK_WIDGET (self->reliability_dropdown));
  gtk_box_append (GTK_BOX (grading), GTK_WIDGET (self->credibility_dropdown));
  gtk_box_append (GTK_BOX (box), grading);
  gtk_box_append (GTK_BOX (box), new_heading (_("Figures and Corroboration")));
  self->killed_spin = new_spin (self, 1000000, _("At least this many killed"), box);
  self->origins_spin = new_spin (self, 50, _("At least this many independent origins"), box);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_widget_set_margin_top (clear, 6);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

/*
 * GObject
 */

static void
sitmap_filter_popover_dispose (GObject *object)
{
  SitmapFilterPopover *self = SITMAP_FILTER_POPOVER (object);

  if (self->view_state_signals != NULL)
    g_signal_group_set_target (self->view_state_signals, NULL);
  g_clear_object (&self->view_state_signals);
  g_clear_object (&self->view_state);
  for (guint i = 0; i < SITMAP_FILTER_N_SETS; i++)
    g_clear_pointer (&self->set_ids[i], g_ptr_array_unref);
  G_OBJECT_CLASS (sitmap_filter_popover_parent_class)->dispose (object);
}

static void
sitmap_filter_popover_show (GtkWidget *widget)
{
  SitmapFilterPopover *self = SITMAP_FILTER_POPOVER (widget);

  if (self->sets_stale)
    fill_sets (self);
  GTK_WIDGET_CLASS (sitmap_filter_popover_parent_class)->show (widget);
}

static void
sitmap_filter_popover_class_init (SitmapFilterPopoverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sitmap_filter_popover_dispose;
  GTK_WIDGET_CLASS (klass)->show = sitmap_filter_popover_show;
}

static void
sitmap_filter_popover_init (SitmapFilterPopover *self)
{
  build (self);
  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::filter", G_CALLBACK (sync_controls), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (document_changed_cb),
                                  self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_filter_popover_new (void)
{
  return g_object_new (SITMAP_TYPE_FILTER_POPOVER, NULL);
}

void
sitmap_filter_popover_set_view_state (SitmapFilterPopover *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_FILTER_POPOVER (self));

  if (!g_set_object (&self->view_state, view_state))
    return;
  g_signal_group_set_target (self->view_state_signals, view_state);
  document_changed_cb (self);
}
