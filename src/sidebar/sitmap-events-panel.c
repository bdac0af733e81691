/* sitmap-events-panel.c: the events that pass the filters, with the search and the filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sitmap-event-list.h"
#include "sitmap-event.h"
#include "sitmap-events-panel.h"
#include "sitmap-filter-popover.h"
#include "sitmap-sidebar-text.h"
#include "sitmap-views-popover.h"

typedef enum
{
  COLUMN_TIME,
  COLUMN_TITLE,
  COLUMN_PLACE,
  COLUMN_CATEGORY,
  COLUMN_KILLED,
  COLUMN_ORIGINS,
  N_COLUMNS
} Column;

/* What a chip removes. */
typedef enum
{
  CHIP_TEXT,
  CHIP_CATEGORY,
  CHIP_ACTOR,
  CHIP_SOURCE,
  CHIP_PLACE,
  CHIP_GRADING,
  CHIP_KILLED,
  CHIP_ORIGINS,
  CHIP_RANGE,
} ChipKind;

struct _SitmapEventsPanel
{
  GtkWidget           parent_instance;

  SitmapViewState    *view_state;
  GSignalGroup       *view_state_signals;
  SitmapEventList    *events;
  GtkMultiSelection  *selection; /* Ctrl and Shift pick several rows, to delete together */
  GtkColumnViewColumn *columns[N_COLUMNS];
  GObject            *probes[2]; /* for the sort order GTK 4.8 does not tell, see read_sort() */
  gboolean            syncing;   /* the selection or the entry is being set from the view state */
  int                 fitted_width; /* the width and character width fit_columns() last saw */
  int                 fitted_chars;

  /* template widgets */
  GtkWidget          *panel_box;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkMenuButton      *views_button;
  GtkFlowBox         *chips_box;
  GtkLabel           *count_label;
  GtkWidget          *clear_button;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (SitmapEventsPanel, sitmap_events_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  N_PROPS
};

enum {
  ACTIVATE_EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Widths of the cells, in characters (of the cells' font): every cell of a column is as wide, so that
 * no column changes width as rows scroll by and nothing is measured per event. The title takes the
 * rest. Place and category are shown only where the title keeps TITLE_COMFORT_CHARS beside them. */
static int column_chars[N_COLUMNS] = {
  [COLUMN_TIME] = 11,     /* "2024-11-27", and a span's "2024-11-27 …" */
  [COLUMN_TITLE] = 8,     /* the least: it expands */
  [COLUMN_PLACE] = 16,
  [COLUMN_CATEGORY] = 0,  /* the longest category's name: see class_init */
  [COLUMN_KILLED] = 7,    /* a figure in the millions */
  [COLUMN_ORIGINS] = 3,
};
#define TITLE_COMFORT_CHARS 28
#define CELL_PADDING        16 /* a cell's and its header's padding, beside its text */

static const SitmapEventSort column_sorts[N_COLUMNS] = {
  [COLUMN_TIME] = SITMAP_EVENT_SORT_TIME,
  [COLUMN_TITLE] = SITMAP_EVENT_SORT_TITLE,
  [COLUMN_PLACE] = SITMAP_EVENT_SORT_PLACE,
  [COLUMN_CATEGORY] = SITMAP_EVENT_SORT_CATEGORY,
  [COLUMN_KILLED] = SITMAP_EVENT_SORT_FATALITIES,
  [COLUMN_ORIGINS] = SITMAP_EVENT_SORT_ORIGINS,
};

/*
 * Cells
 */

static char *
cell_text (SitmapEvent *event, Column column, char **tooltip)
{
  SitmapDocument *document = sitmap_event_get_document (event);
  guint position = sitmap_event_get_position (event);
  SitmapTime time;
  gint32 killed;
  guint n_origins;

  switch (column)
    {
    case COLUMN_TIME:
      sitmap_event_get_time (event, &time);
      *tooltip = sitmap_sidebar_describe_when (&time);
      return sitmap_sidebar_describe_short_time (&time);
    case COLUMN_TITLE:
      return g_strdup (sitmap_event_get_title (event) ? sitmap_event_get_title (event) : _("Untitled event"));
    case COLUMN_PLACE: return g_strdup (sitmap_event_get_place_name (event));
    case COLUMN_CATEGORY: return g_strdup (sitmap_category_get_label (sitmap_event_get_category (event)));
    case COLUMN_KILLED:
      killed = sitmap_document_get_columns (document)->fatalities[position];
      /* TRANSLATORS: the tooltip of the Killed column: the lower bound of the figure */
      *tooltip = killed >= 0 ? g_strdup (_("At least this many killed, by the lowest figure reported")) : NULL;
      return killed >= 0 ? g_strdup_printf ("%d", killed) : g_strdup ("");
    case COLUMN_ORIGINS:
      n_origins = sitmap_event_get_n_origins (event);
      if (sitmap_event_is_party_only (event))
        *tooltip = g_strdup (_("Only parties to the conflict report this"));
      else
        *tooltip = g_strdup_printf (ngettext ("Reported by %u independent origin", "Reported by %u independent origins",
                                              n_origins),
                                    n_origins);
      return g_strdup_printf ("%u", n_origins);
    case N_COLUMNS:
    default: return NULL;
    }
}

/* A title or a place cut short shows itself whole in a tooltip, as plain text; one shown whole has
 * none. The other columns' tooltips are made when asked for: setting one per bind would make GTK look
 * for the pointer (a round trip to the display server) for every cell of every row bound. */
static gboolean
cell_query_tooltip_cb (GtkWidget *label, int x, int y, gboolean keyboard, GtkTooltip *tooltip, GtkListItem *item)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column"));
  SitmapEvent *event = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *described = NULL;

  if (column == COLUMN_TITLE || column == COLUMN_PLACE)
    {
      if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
        return FALSE;
      gtk_tooltip_set_text (tooltip, gtk_label_get_text (GTK_LABEL (label)));
      return TRUE;
    }
  if (event == NULL)
    return FALSE;
  text = cell_text (event, column, &described);
  if (described == NULL)
    return FALSE;
  shown = sitmap_text_cut (described, SITMAP_LABEL_MAX_CHARS);
  gtk_tooltip_set_text (tooltip, shown);
  return TRUE;
}

/* Document text, set as plain text. */
static void
fill_cell (GtkWidget *label, GtkListItem *item)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "column"));
  SitmapEvent *event = gtk_list_item_get_item (item);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  if (event == NULL)
    return;
  text = cell_text (event, column, &tooltip);
  /* Cut to what a cell is read for: a title of a megabyte would freeze the list (see sitmap-time.h). */
  shown = sitmap_text_cut (text ? text : "", SITMAP_LABEL_MAX_CHARS);
  gtk_label_set_text (GTK_LABEL (label), shown);
  /* What a tooltip would say, for screen readers (as gtk_widget_set_tooltip_text() would set it). */
  if (column != COLUMN_TITLE && column != COLUMN_PLACE)
    {
      g_autofree char *shown_tooltip = tooltip ? sitmap_text_cut (tooltip, SITMAP_LABEL_MAX_CHARS) : NULL;

      if (shown_tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown_tooltip, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (column == COLUMN_ORIGINS && sitmap_event_is_party_only (event))
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

/* A cell bound: filled at once. (Filling only the cells in view, on "map", would spare GTK 4.8 laying
 * out the text of the 200 rows it keeps bound; but the map comes during the list's allocation, and the
 * text set then leaves rows to be drawn before they are allocated again.) */
static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  fill_cell (gtk_list_item_get_child (item), item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_KILLED || column == COLUMN_ORIGINS ? 1 : 0);
  gtk_label_set_width_chars (GTK_LABEL (label), column_chars[column]);
  if (column != COLUMN_TITLE)
    gtk_label_set_max_width_chars (GTK_LABEL (label), column_chars[column]);
  g_object_set_data (G_OBJECT (label), "column", GUINT_TO_POINTER (column));
  if (column != COLUMN_CATEGORY)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect_object (label, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), item, 0);
    }
  if (column == COLUMN_TIME || column == COLUMN_KILLED || column == COLUMN_ORIGINS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/*
 * Sorting by column
 */

static int
compare_probe_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  const guint8 *x = g_object_get_data (G_OBJECT (a), "keys");
  const guint8 *y = g_object_get_data (G_OBJECT (b), "keys");

  if (x == NULL || y == NULL)
    return GTK_ORDERING_EQUAL;
  return x[column] < y[column] ? GTK_ORDERING_SMALLER : x[column] > y[column] ? GTK_ORDERING_LARGER
                                                                               : GTK_ORDERING_EQUAL;
}

static void
set_probes (SitmapEventsPanel *self, guint column, guint8 others_a, guint8 others_b)
{
  guint8 *a = g_object_get_data (self->probes[0], "keys");
  guint8 *b = g_object_get_data (self->probes[1], "keys");

  memset (a, others_a, N_COLUMNS);
  memset (b, others_b, N_COLUMNS);
  a[column] = 0;
  b[column] = 1;
}

/* The column the user sorts by and its direction. GTK 4.8 does not say which column comes first in
 * the column view's sorter, so two probe items ask it: a column is first when it alone decides their
 * order, whatever the other columns say. */
static gboolean
read_sort (SitmapEventsPanel *self, Column *column_out, GtkSortType *order_out)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

#if GTK_CHECK_VERSION(4, 10, 0)
  GtkColumnViewColumn *primary = gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));

  for (guint c = 0; c < N_COLUMNS && primary != NULL; c++)
    if (self->columns[c] == primary)
      {
        *column_out = c;
        *order_out = gtk_column_view_sorter_get_primary_sort_order (GTK_COLUMN_VIEW_SORTER (sorter));
        return TRUE;
      }
  return FALSE;
#else
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkOrdering against, along;

      set_probes (self, c, 1, 0);
      against = gtk_sorter_compare (sorter, self->probes[0], self->probes[1]);
      set_probes (self, c, 0, 1);
      along = gtk_sorter_compare (sorter, self->probes[0], self->probes[1]);
      if (against == along && along != GTK_ORDERING_EQUAL)
        {
          *column_out = c;
          *order_out = along == GTK_ORDERING_SMALLER ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING;
          return TRUE;
        }
    }
  return FALSE;
#endif
}

static void sync_selection (SitmapEventsPanel *self);

static void
sorter_changed_cb (SitmapEventsPanel *self)
{
  Column column = COLUMN_TIME;
  GtkSortType order = GTK_SORT_ASCENDING;

  if (self->events == NULL)
    return;
  read_sort (self, &column, &order);
  sitmap_event_list_set_sort (self->events, column_sorts[column], order == GTK_SORT_DESCENDING);
  sync_selection (self);
}

static GtkColumnViewColumn *
add_column (SitmapEventsPanel *self, Column column, const char *title, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_probe_cb, GUINT_TO_POINTER (column), NULL));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (sorter);
  g_object_unref (view_column);
  self->columns[column] = view_column;
  return view_column;
}

static void
build_columns (SitmapEventsPanel *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->probes); i++)
    {
      self->probes[i] = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data_full (self->probes[i], "keys", g_new0 (guint8, N_COLUMNS), g_free);
    }
  /* The title takes what the others leave (column_chars): the list reads well at the sidebar's width
   * and wider, and the numbers always show. */
  add_column (self, COLUMN_TIME, _("Date"), FALSE);
  add_column (self, COLUMN_TITLE, _("Title"), TRUE);
  add_column (self, COLUMN_PLACE, _("Place"), FALSE);
  add_column (self, COLUMN_CATEGORY, _("Category"), FALSE);
  /* TRANSLATORS: a column header: the number of people killed */
  add_column (self, COLUMN_KILLED, C_("column", "Killed"), FALSE);
  /* TRANSLATORS: a column header: how many independent origins report the event */
  add_column (self, COLUMN_ORIGINS, C_("column", "Origins"), FALSE);
  /* Time order, as the timeline reads, until the user picks another column. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_TIME], GTK_SORT_ASCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
}

/*
 * Selection, both ways
 */

static void
scroll_to_item (SitmapEventsPanel *self, guint i)
{
#if GTK_CHECK_VERSION(4, 12, 0)
  gtk_column_view_scroll_to (self->column_view, i, NULL, GTK_LIST_SCROLL_NONE, NULL);
#else
  /* GTK 4.8 scrolls only its list views: the column view's rows are one. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
#endif
}

static void
sync_selection (SitmapEventsPanel *self)
{
  gint selected = self->view_state ? sitmap_view_state_get_selected (self->view_state) : -1;
  gint item;

  if (self->selection == NULL)
    return;
  item = selected >= 0 ? sitmap_event_list_find (self->events, selected) : -1;
  self->syncing = TRUE;
  /* The selected event among several rows picked keeps them picked. */
  if (item < 0)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), item))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), item, TRUE);
  self->syncing = FALSE;
  if (item >= 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    scroll_to_item (self, item);
}

/* A row picked: the event is selected everywhere. A selection the list loses (its event filtered
 * out) is not a deselection: the sidebar keeps showing the event. */
static void
selection_changed_cb (SitmapEventsPanel *self, guint first, guint n_changed)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  gint selected;
  guint item = GTK_INVALID_LIST_POSITION;

  if (self->syncing || self->view_state == NULL)
    return;
  selected = sitmap_view_state_get_selected (self->view_state);
  if (selected >= 0)
    {
      gint selected_item = sitmap_event_list_find (self->events, selected);

      if (selected_item >= 0 && gtk_selection_model_is_selected (model, selected_item))
        return;
    }
  /* The row just picked: the first picked among those that changed, else any picked. */
  for (guint i = first; i < first + n_changed && item == GTK_INVALID_LIST_POSITION; i++)
    if (gtk_selection_model_is_selected (model, i))
      item = i;
  if (item == GTK_INVALID_LIST_POSITION)
    {
      g_autoptr (GtkBitset) picked = gtk_selection_model_get_selection (model);

      if (gtk_bitset_is_empty (picked))
        return;
      item = gtk_bitset_get_minimum (picked);
    }
  sitmap_view_state_select (self->view_state, sitmap_event_list_get_position (self->events, item));
}

static void
activate_cb (GtkColumnView *view, guint item, SitmapEventsPanel *self)
{
  if (item >= g_list_model_get_n_items (G_LIST_MODEL (self->events)))
    return;
  g_signal_emit (self, signals[ACTIVATE_EVENT], 0, sitmap_event_list_get_position (self->events, item));
}

/*
 * Chips: the active filters
 */

static void
remove_chip_cb (GtkButton *button, SitmapEventsPanel *self)
{
  ChipKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kind"));
  const char *value = g_object_get_data (G_OBJECT (button), "value");
  g_autoptr (SitmapFilter) filter = NULL;

  if (self->view_state == NULL)
    return;
  if (kind == CHIP_RANGE)
    {
      sitmap_view_state_clear_range (self->view_state);
      return;
    }
  filter = sitmap_filter_copy (sitmap_view_state_get_filter (self->view_state));
  switch (kind)
    {
    case CHIP_TEXT: sitmap_filter_set_text (filter, NULL); break;
    case CHIP_CATEGORY:
      sitmap_filter_set_hidden_categories (filter, sitmap_filter_get_hidden_categories (filter) &
                                                     ~(1u << GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                                                  "category"))));
      break;
    case CHIP_ACTOR: sitmap_filter_remove_value (filter, SITMAP_FILTER_ACTORS, value); break;
    case CHIP_SOURCE: sitmap_filter_remove_value (filter, SITMAP_FILTER_SOURCES, value); break;
    case CHIP_PLACE: sitmap_filter_remove_value (filter, SITMAP_FILTER_PLACES, value); break;
    case CHIP_GRADING:
      sitmap_filter_set_min_reliability (filter, SITMAP_RELIABILITY_UNRATED);
      sitmap_filter_set_min_credibility (filter, SITMAP_CREDIBILITY_UNRATED);
      break;
    case CHIP_KILLED: sitmap_filter_set_min_killed (filter, 0); break;
    case CHIP_ORIGINS: sitmap_filter_set_min_origins (filter, 0); break;
    case CHIP_RANGE:
    default: break;
    }
  sitmap_view_state_set_filter (self->view_state, filter);
}

/* A chip: what it filters, as plain text, and a button that removes it. */
static GtkWidget *
add_chip (SitmapEventsPanel *self, ChipKind kind, const char *text, const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* TRANSLATORS: what a screen reader says for the button of a filter chip, "Remove filter Place: Baghouz" */
  g_autofree char *remove = g_strdup_printf (_("Remove filter %s"), text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (box, "sitmap-chip");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, _("Remove Filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data (G_OBJECT (button), "kind", GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (button), "value", g_strdup (value), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_chip_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_flow_box_append (self->chips_box, box);
  return button;
}

static void
add_set_chips (SitmapEventsPanel *self, const SitmapFilter *filter, SitmapFilterSet set)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  const char *const *values = sitmap_filter_get_values (filter, set, NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      const char *name = values[i];
      gint index;

      if (set == SITMAP_FILTER_SOURCES && (index = sitmap_document_find_source (document, values[i])) >= 0)
        name = sitmap_source_get_short_name (sitmap_document_get_source (document, index));
      else if (set == SITMAP_FILTER_PLACES && (index = sitmap_document_find_place (document, values[i])) >= 0)
        name = sitmap_place_get_name (sitmap_document_get_place (document, index));
      if (set == SITMAP_FILTER_ACTORS)
        /* TRANSLATORS: a filter chip, "Actor: Hayat Tahrir al-Sham" */
        text = g_strdup_printf (_("Actor: %s"), name);
      else if (set == SITMAP_FILTER_SOURCES)
        /* TRANSLATORS: a filter chip, "Source: SOHR" */
        text = g_strdup_printf (_("Source: %s"), name);
      else
        /* TRANSLATORS: a filter chip, "Place: Baghouz" */
        text = g_strdup_printf (_("Place: %s"), name);
      add_chip (self, set == SITMAP_FILTER_ACTORS ? CHIP_ACTOR : set == SITMAP_FILTER_SOURCES ? CHIP_SOURCE : CHIP_PLACE,
                text, values[i]);
    }
}

static char *
describe_grading (SitmapReliability reliability, SitmapCredibility credibility)
{
  if (reliability != SITMAP_RELIABILITY_UNRATED && credibility != SITMAP_CREDIBILITY_UNRATED)
    /* TRANSLATORS: a filter chip, "Graded B2 or better" */
    return g_strdup_printf (_("Graded %s%s or better"), sitmap_reliability_to_id (reliability),
                            sitmap_credibility_to_id (credibility));
  if (reliability != SITMAP_RELIABILITY_UNRATED)
    /* TRANSLATORS: a filter chip, "Source B or better" */
    return g_strdup_printf (_("Source %s or better"), sitmap_reliability_to_id (reliability));
  /* TRANSLATORS: a filter chip, "Credibility 2 or better" */
  return g_strdup_printf (_("Credibility %s or better"), sitmap_credibility_to_id (credibility));
}

static guint
add_filter_chips (SitmapEventsPanel *self, const SitmapFilter *filter)
{
  guint hidden = sitmap_filter_get_hidden_categories (filter);
  guint n = 0;

  if (sitmap_filter_has_text (filter))
    {
      /* TRANSLATORS: the chip of a search, “Baghouz” */
      g_autofree char *text = g_strdup_printf (_("“%s”"), sitmap_filter_get_text (filter));

      add_chip (self, CHIP_TEXT, text, NULL), n++;
    }
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    if (hidden & (1u << c))
      {
        /* TRANSLATORS: a filter chip for a hidden category, "Without Protest" */
        g_autofree char *text = g_strdup_printf (_("Without %s"), sitmap_category_get_label (c));
        GtkWidget *button = add_chip (self, CHIP_CATEGORY, text, NULL);

        g_object_set_data (G_OBJECT (button), "category", GUINT_TO_POINTER (c));
        n++;
      }
  for (SitmapFilterSet set = 0; set < SITMAP_FILTER_N_SETS; set++)
    {
      guint n_values = 0;

      sitmap_filter_get_values (filter, set, &n_values);
      add_set_chips (self, filter, set);
      n += n_values;
    }
  if (sitmap_filter_get_min_reliability (filter) != SITMAP_RELIABILITY_UNRATED ||
      sitmap_filter_get_min_credibility (filter) != SITMAP_CREDIBILITY_UNRATED)
    {
      g_autofree char *text = describe_grading (sitmap_filter_get_min_reliability (filter),
                                                sitmap_filter_get_min_credibility (filter));

      add_chip (self, CHIP_GRADING, text, NULL), n++;
    }
  if (sitmap_filter_get_min_killed (filter) > 0)
    {
      guint killed = sitmap_filter_get_min_killed (filter);
      /* TRANSLATORS: a filter chip, "At least 10 killed" */
      g_autofree char *text = g_strdup_printf (ngettext ("At least %u killed", "At least %u killed", killed), killed);

      add_chip (self, CHIP_KILLED, text, NULL), n++;
    }
  if (sitmap_filter_get_min_origins (filter) > 0)
    {
      guint origins = sitmap_filter_get_min_origins (filter);
      /* TRANSLATORS: a filter chip, "At least 2 origins" */
      g_autofree char *text = g_strdup_printf (ngettext ("At least %u origin", "At least %u origins", origins),
                                               origins);

      add_chip (self, CHIP_ORIGINS, text, NULL), n++;
    }
  return n;
}

static void
update_chips (SitmapEventsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;
  gint64 start, end;
  guint n = 0;

  /* A chip's button that removed its own chip had the focus: the search entry takes it. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->chips_box)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);
  if (self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL)
    {
      if (sitmap_view_state_get_range (self->view_state, &start, &end))
        {
          g_autofree char *text = sitmap_sidebar_describe_range (start, end);

          add_chip (self, CHIP_RANGE, text, NULL), n++;
        }
      n += add_filter_chips (self, sitmap_view_state_get_filter (self->view_state));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.clear-filters", n > 0);
  gtk_widget_set_visible (self->clear_button, n > 0);
}

/*
 * Following the view state
 */

static gboolean
is_sorting (SitmapEventsPanel *self)
{
  gboolean sorting = FALSE;

  g_object_get (self->events, "sorting", &sorting, NULL);
  return sorting;
}

static void
update_count (SitmapEventsPanel *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  guint n_events = document ? sitmap_document_get_n_live_events (document) : 0;
  guint n_visible = document ? sitmap_view_state_get_n_visible (self->view_state) : 0;
  g_autofree char *text = NULL;

  if (n_visible == n_events)
    text = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
  else
    /* TRANSLATORS: how many events pass the filters, "3 of 12 events" */
    text = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", n_events), n_visible, n_events);
  if (self->events != NULL && is_sorting (self))
    {
      /* TRANSLATORS: while a big list is sorted in the background, "1000000 events · sorting…" */
      g_autofree char *sorting = g_strdup_printf (_("%s · sorting…"), text);

      g_free (text);
      text = g_steal_pointer (&sorting);
    }
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n_visible > 0 || document == NULL ? "list" : "empty");
}

/* The entry shows the filter's text when something else changed it: a chip removed, a view recalled. */
static void
update_entry (SitmapEventsPanel *self)
{
  const char *text = NULL;

  if (self->view_state != NULL)
    text = sitmap_filter_get_text (sitmap_view_state_get_filter (self->view_state));
  if (g_strcmp0 (text ? text : "", gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) == 0)
    return;
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->syncing = FALSE;
}

static void
visible_changed_cb (SitmapEventsPanel *self)
{
  update_count (self);
  sync_selection (self);
}

static void
filter_changed_cb (SitmapEventsPanel *self)
{
  update_entry (self);
  update_chips (self);
}

static void
search_changed_cb (SitmapEventsPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *current;

  if (self->syncing || self->view_state == NULL)
    return;
  current = sitmap_filter_get_text (sitmap_view_state_get_filter (self->view_state));
  if (g_strcmp0 (current ? current : "", text) != 0)
    sitmap_view_state_set_text (self->view_state, text);
}

/* Escape empties the search at once. */
static void
stop_search_cb (SitmapEventsPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->view_state != NULL)
    sitmap_view_state_set_text (self->view_state, NULL);
}

static void
clear_filters_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapEventsPanel *self = SITMAP_EVENTS_PANEL (widget);

  if (self->view_state == NULL)
    return;
  sitmap_view_state_set_filter (self->view_state, NULL);
  sitmap_view_state_clear_range (self->view_state);
}

/*
 * Layout: the columns that fit
 */

/* The width of a character in the list's font, as GtkLabel counts it for width-chars. */
static int
char_width (SitmapEventsPanel *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->column_view));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                   pango_font_metrics_get_approximate_digit_width (metrics));

  pango_font_metrics_unref (metrics);
  return PANGO_PIXELS_CEIL (width);
}

/* Place, then category, where the title keeps room to be read beside them: the width decides, so
 * this is only done when it changes. */
static void
fit_columns (SitmapEventsPanel *self, int width)
{
  static const Column optional[] = { COLUMN_PLACE, COLUMN_CATEGORY };
  int chars = char_width (self);
  int least, rest;

  if (width == self->fitted_width && chars == self->fitted_chars)
    return;
  self->fitted_width = width;
  self->fitted_chars = chars;
  /* What the list needs with the title at its ease and no optional column. */
  gtk_widget_measure (GTK_WIDGET (self->column_view), GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (gtk_column_view_column_get_visible (self->columns[optional[i]]))
      least -= column_chars[optional[i]] * chars + CELL_PADDING;
  rest = width - least - (TITLE_COMFORT_CHARS - column_chars[COLUMN_TITLE]) * chars;
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      int needs = column_chars[optional[i]] * chars + CELL_PADDING;

      gtk_column_view_column_set_visible (self->columns[optional[i]], rest >= needs);
      rest -= needs;
    }
}

static void
sitmap_events_panel_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                             int *minimum_baseline, int *natural_baseline)
{
  gtk_widget_measure (SITMAP_EVENTS_PANEL (widget)->panel_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
sitmap_events_panel_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SitmapEventsPanel *self = SITMAP_EVENTS_PANEL (widget);

  fit_columns (self, width);
  gtk_widget_size_allocate (self->panel_box, &(GtkAllocation) { 0, 0, width, height }, baseline);
}

/*
 * GObject
 */

static void
sitmap_events_panel_dispose (GObject *object)
{
  SitmapEventsPanel *self = SITMAP_EVENTS_PANEL (object);

  if (self->view_state_signals != NULL)
    g_signal_group_set_target (self->view_state_signals, NULL);
  g_clear_object (&self->view_state_signals);
  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->view_state);
  for (guint i = 0; i < G_N_ELEMENTS (self->probes); i++)
    g_clear_object (&self->probes[i]);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_EVENTS_PANEL);
  G_OBJECT_CLASS (sitmap_events_panel_parent_class)->dispose (object);
}

static void
sitmap_events_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEventsPanel *self = SITMAP_EVENTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_events_panel_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapEventsPanel *self = SITMAP_EVENTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: sitmap_events_panel_set_view_state (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_events_panel_class_init (SitmapEventsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_events_panel_dispose;
  object_class->get_property = sitmap_events_panel_get_property;
  object_class->set_property = sitmap_events_panel_set_property;

  properties[PROP_VIEW_STATE] = g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitmapEventsPanel::activate-event:
   * @position: the document position of the event
   *
   * Emitted when the user activates a row (Enter, double click): to read the event.
   */
  signals[ACTIVATE_EVENT] = g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  for (SitmapCategory c = 0; c < SITMAP_N_CATEGORIES; c++)
    column_chars[COLUMN_CATEGORY] = MAX (column_chars[COLUMN_CATEGORY],
                                         (int) g_utf8_strlen (sitmap_category_get_label (c), -1));

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-events-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, panel_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, views_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, chips_box);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, clear_button);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SitmapEventsPanel, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_install_action (widget_class, "events.clear-filters", NULL, clear_filters_action);

  widget_class->measure = sitmap_events_panel_measure;
  widget_class->size_allocate = sitmap_events_panel_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "sitmap-events-panel");
}

static void
sitmap_events_panel_init (SitmapEventsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_columns (self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);

  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::selected", G_CALLBACK (sync_selection), self);
  g_signal_group_connect_swapped (self->view_state_signals, "visible-changed", G_CALLBACK (visible_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::filter", G_CALLBACK (filter_changed_cb), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::has-range", G_CALLBACK (update_chips), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::range-start", G_CALLBACK (update_chips), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::range-end", G_CALLBACK (update_chips), self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (filter_changed_cb), self);
  gtk_menu_button_set_popover (self->filter_button, sitmap_filter_popover_new ());
  gtk_menu_button_set_popover (self->views_button, sitmap_views_popover_new ());
  update_chips (self);
  update_count (self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_events_panel_new (void)
{
  return g_object_new (SITMAP_TYPE_EVENTS_PANEL, NULL);
}

SitmapViewState *
sitmap_events_panel_get_view_state (SitmapEventsPanel *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENTS_PANEL (self), NULL);
  return self->view_state;
}

void
sitmap_events_panel_set_view_state (SitmapEventsPanel *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_EVENTS_PANEL (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (!g_set_object (&self->view_state, view_state))
    return;
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  if (view_state != NULL)
    {
      Column column = COLUMN_TIME;
      GtkSortType order = GTK_SORT_ASCENDING;

      self->events = sitmap_event_list_new_visible (view_state);
      read_sort (self, &column, &order);
      sitmap_event_list_set_sort (self->events, column_sorts[column], order == GTK_SORT_DESCENDING);
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
      g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
      /* After the selection model has seen the change: the row of the selected event is marked again. */
      g_signal_connect_object (self->events, "items-changed", G_CALLBACK (sync_selection), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->events, "notify::sorting", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  g_signal_group_set_target (self->view_state_signals, view_state);
  sitmap_filter_popover_set_view_state (SITMAP_FILTER_POPOVER (gtk_menu_button_get_popover (self->filter_button)),
                                        view_state);
  sitmap_views_popover_set_view_state (SITMAP_VIEWS_POPOVER (gtk_menu_button_get_popover (self->views_button)),
                                       view_state);
  filter_changed_cb (self);
  update_count (self);
  sync_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}

void
sitmap_events_panel_focus_search (SitmapEventsPanel *self)
{
  g_return_if_fail (SITMAP_IS_EVENTS_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GtkColumnView *
sitmap_events_panel_get_column_view (SitmapEventsPanel *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENTS_PANEL (self), NULL);
  return self->column_view;
}

GListModel *
sitmap_events_panel_get_model (SitmapEventsPanel *self)
{
  g_return_val_if_fail (SITMAP_IS_EVENTS_PANEL (self), NULL);
  return G_LIST_MODEL (self->events);
}

guint32 *
sitmap_events_panel_dup_selected_positions (SitmapEventsPanel *self, guint *n_positions)
{
  g_autoptr (GtkBitset) picked = NULL;
  GtkBitsetIter iter;
  guint32 *positions;
  guint item, n = 0;

  g_return_val_if_fail (SITMAP_IS_EVENTS_PANEL (self), NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);

  *n_positions = 0;
  if (self->selection == NULL)
    return NULL;
  picked = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  positions = g_new (guint32, gtk_bitset_get_size (picked) + 1);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, picked, &item); more;
       more = gtk_bitset_iter_next (&iter, &item))
    positions[n++] = sitmap_event_list_get_position (self->events, item);
  *n_positions = n;
  return positions;
}
