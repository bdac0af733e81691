/* sitmap-views-popover.c: the document's saved views: save the current one, recall, rename, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-named-view-command.h"
#include "sitmap-sidebar-text.h"
#include "sitmap-undo-stack.h"
#include "sitmap-views-popover.h"

struct _SitmapViewsPopover
{
  GtkPopover       parent_instance;

  SitmapViewState *view_state;
  SitmapDocument  *document;
  GSignalGroup    *view_state_signals;
  GSignalGroup    *views_signals;

  GtkListBox      *list;
  GtkWidget       *empty_label;
  GtkEntry        *name_entry;
  GtkWidget       *save_button;
};

G_DEFINE_FINAL_TYPE (SitmapViewsPopover, sitmap_views_popover, GTK_TYPE_POPOVER)

/*
 * Auxiliary methods
 */

static GListModel *
views (SitmapViewsPopover *self)
{
  return self->document ? sitmap_document_get_named_views (self->document) : NULL;
}

static void
push (SitmapViewsPopover *self, SitmapCommand *command)
{
  g_autoptr (SitmapCommand) owned = command;

  sitmap_undo_stack_push (sitmap_document_get_undo_stack (self->document), owned);
}

/* A row's view, by its index among the rows (the document's order). */
static guint
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row ? (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : G_MAXUINT;
}

/* What a view holds, in a line under its name: its range and how many filters. */
static char *
describe_view (SitmapNamedView *view)
{
  const SitmapFilter *filter = sitmap_named_view_get_filter (view);
  g_autofree char *range = NULL;
  gint64 start, end;

  if (sitmap_named_view_get_range (view, &start, &end))
    range = sitmap_sidebar_describe_range (start, end);
  if (sitmap_filter_is_empty (filter))
    return g_strdup (range ? range : _("All dates, no filter"));
  /* TRANSLATORS: a saved view with filters, "27 Nov – 8 Dec 2024, with filters" */
  return range ? g_strdup_printf (_("%s, with filters"), range) : g_strdup (_("All dates, with filters"));
}

/*
 * Callbacks
 */

static void
row_activated_cb (GtkListBox *list, GtkListBoxRow *row, SitmapViewsPopover *self)
{
  g_autoptr (SitmapNamedView) view = NULL;

  if (views (self) == NULL)
    return;
  view = g_list_model_get_item (views (self), gtk_list_box_row_get_index (row));
  if (view == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  sitmap_named_view_apply (view, self->view_state);
}

static void
delete_clicked_cb (GtkButton *button, SitmapViewsPopover *self)
{
  guint index = row_index (GTK_WIDGET (button));

  if (views (self) != NULL && index < g_list_model_get_n_items (views (self)))
    push (self, sitmap_named_view_command_new_delete (self->document, index));
}

static void
rename_clicked_cb (GtkButton *button, SitmapViewsPopover *self)
{
  GtkStack *stack = g_object_get_data (G_OBJECT (button), "stack");
  GtkWidget *entry = gtk_stack_get_child_by_name (stack, "entry");

  gtk_stack_set_visible_child_name (stack, "entry");
  gtk_widget_grab_focus (entry);
}

static void
rename_activate_cb (GtkEntry *entry, SitmapViewsPopover *self)
{
  guint index = row_index (GTK_WIDGET (entry));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr (SitmapNamedView) view = NULL;

  if (views (self) == NULL || index >= g_list_model_get_n_items (views (self)))
    return;
  view = g_list_model_get_item (views (self), index);
  if (*name != '\0' && g_strcmp0 (name, sitmap_named_view_get_name (view)) != 0)
    push (self, sitmap_named_view_command_new_rename (self->document, index, name));
  else
    gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (entry))), "label");
}

static void
save_cb (SitmapViewsPopover *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autoptr (SitmapNamedView) view = NULL;

  if (self->document == NULL)
    return;
  if (*name == '\0')
    {
      g_free (name);
      name = sitmap_views_popover_suggest_name (self);
    }
  view = sitmap_named_view_new_from_state (name, self->view_state);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  push (self, sitmap_named_view_command_new_add (self->document, view));
}

/*
 * Rows
 */

static GtkWidget *
new_name_stack (SitmapViewsPopover *self, SitmapNamedView *view)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (sitmap_named_view_get_name (view));
  g_autofree char *description = describe_view (view);
  GtkWidget *caption = gtk_label_new (description);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_editable_set_text (GTK_EDITABLE (entry), sitmap_named_view_get_name (view));
  gtk_entry_set_max_length (GTK_ENTRY (entry), SITMAP_NAMED_VIEW_MAX_NAME);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("View name"), -1);
  g_signal_connect (entry, "activate", G_CALLBACK (rename_activate_cb), self);
  gtk_stack_add_named (GTK_STACK (stack), box, "label");
  gtk_stack_add_named (GTK_STACK (stack), entry, "entry");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "label");
  gtk_widget_set_hexpand (stack, TRUE);
  return stack;
}

static GtkWidget *
new_icon_button (const char *icon, const char *tooltip, GCallback callback, SitmapViewsPopover *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
new_row (SitmapViewsPopover *self, SitmapNamedView *view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *stack = new_name_stack (self, view);
  GtkWidget *rename = new_icon_button ("document-edit-symbolic", _("Rename"), G_CALLBACK (rename_clicked_cb), self);
  GtkWidget *delete = new_icon_button ("edit-delete-symbolic", _("Delete"), G_CALLBACK (delete_clicked_cb), self);
  GtkWidget *row = gtk_list_box_row_new ();

  g_object_set_data (G_OBJECT (rename), "stack", stack);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_box_append (GTK_BOX (box), rename);
  gtk_box_append (GTK_BOX (box), delete);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* TRANSLATORS: the tooltip of a saved view's row */
  gtk_widget_set_tooltip_text (row, _("Show the events of this view"));
  return row;
}

/* A document has a handful of views: the rows are made again when they change. */
static void
rebuild (SitmapViewsPopover *self)
{
  GListModel *model = views (self);
  GtkWidget *child;
  guint n = model ? g_list_model_get_n_items (model) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SitmapNamedView) view = g_list_model_get_item (model, i);

      gtk_list_box_append (self->list, new_row (self, view));
    }
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->list), GTK_TYPE_SCROLLED_WINDOW), n > 0);
  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), self->document != NULL);
  gtk_widget_set_sensitive (self->save_button, self->document != NULL);
}

static void
update_suggestion (SitmapViewsPopover *self)
{
  g_autofree char *suggestion = self->document ? sitmap_views_popover_suggest_name (self) : NULL;

  gtk_entry_set_placeholder_text (self->name_entry, suggestion);
}

static void
document_changed_cb (SitmapViewsPopover *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->views_signals, views (self));
  rebuild (self);
  update_suggestion (self);
}

/*
 * Building
 */

static void
build (SitmapViewsPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (_("Saved Views"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *save_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_size_request (box, 320, -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_box_append (GTK_BOX (box), scroller);

  self->empty_label = gtk_label_new (_("No saved views yet. Save the current filters and time range to come "
                                       "back to them."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (self->empty_label), 36);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->name_entry, SITMAP_NAMED_VIEW_MAX_NAME);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the new view"), -1);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (save_cb), self);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save View"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->save_button, _("Save the current filters and time range under this name"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_cb), self);
  gtk_box_append (GTK_BOX (save_box), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (save_box), self->save_button);
  gtk_box_append (GTK_BOX (box), save_box);
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

/*
 * GObject
 */

static void
sitmap_views_popover_dispose (GObject *object)
{
  SitmapViewsPopover *self = SITMAP_VIEWS_POPOVER (object);

  if (self->view_state_signals != NULL)
    g_signal_group_set_target (self->view_state_signals, NULL);
  if (self->views_signals != NULL)
    g_signal_group_set_target (self->views_signals, NULL);
  g_clear_object (&self->view_state_signals);
  g_clear_object (&self->views_signals);
  g_clear_object (&self->view_state);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (sitmap_views_popover_parent_class)->dispose (object);
}

static void
sitmap_views_popover_class_init (SitmapViewsPopoverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sitmap_views_popover_dispose;
}

static void
sitmap_views_popover_init (SitmapViewsPopover *self)
{
  build (self);
  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (document_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::filter", G_CALLBACK (update_suggestion), self);
  g_signal_group_connect_swapped (self->view_state_signals, "visible-changed", G_CALLBACK (update_suggestion), self);
  self->views_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->views_signals, "items-changed", G_CALLBACK (rebuild), self);
  rebuild (self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_views_popover_new (void)
{
  return g_object_new (SITMAP_TYPE_VIEWS_POPOVER, NULL);
}

void
sitmap_views_popover_set_view_state (SitmapViewsPopover *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_VIEWS_POPOVER (self));

  if (!g_set_object (&self->view_state, view_state))
    return;
  g_signal_group_set_target (self->view_state_signals, view_state);
  document_changed_cb (self);
}

char *
sitmap_views_popover_suggest_name (SitmapViewsPopover *self)
{
  const SitmapFilter *filter;
  g_autofree char *range = NULL;
  gint64 start, end;

  g_return_val_if_fail (SITMAP_IS_VIEWS_POPOVER (self), NULL);

  if (self->view_state == NULL)
    return g_strdup (_("New view"));
  filter = sitmap_view_state_get_filter (self->view_state);
  if (sitmap_view_state_get_range (self->view_state, &start, &end))
    range = sitmap_sidebar_describe_range (start, end);
  if (sitmap_filter_has_text (filter))
    /* TRANSLATORS: a suggested view name: the search, then the range, "“Baghouz”, 27 Nov – 8 Dec 2024" */
    return range ? g_strdup_printf (_("“%s”, %s"), sitmap_filter_get_text (filter), range)
                 : g_strdup_printf (_("“%s”"), sitmap_filter_get_text (filter));
  if (range != NULL)
    return g_steal_pointer (&range);
  return g_strdup (sitmap_filter_is_empty (filter) ? _("Everything") : _("Filtered view"));
}
