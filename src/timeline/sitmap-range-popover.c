/* sitmap-range-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-range-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-range-popover.h"
#include "sitmap-time-axis.h"

struct _SitmapRangePopover
{
  GtkPopover       parent_instance;

  SitmapViewState *view_state;
  GTimeZone       *zone;
  gboolean         has_extent;
  gint64           extent_start;
  gint64           extent_end;

  GtkWidget       *from_entry;
  GtkWidget       *to_entry;
  GtkWidget       *from_error;
  GtkWidget       *to_error;
  GtkWidget       *last_changed; /* the entry typed in last: where "From is after To" is said */
  GtkWidget       *format_label;
  GtkWidget       *overlapping_check;
  GtkWidget       *within_check;
  GtkWidget       *local_check;
};

G_DEFINE_FINAL_TYPE (SitmapRangePopover, sitmap_range_popover, GTK_TYPE_POPOVER)

/*
 * Auxiliary methods
 */

static GtkWidget *
error_label_of (SitmapRangePopover *self, GtkWidget *entry)
{
  return entry == self->from_entry ? self->from_error : self->to_error;
}

static gboolean
has_error (SitmapRangePopover *self, GtkWidget *entry)
{
  return gtk_widget_get_visible (error_label_of (self, entry));
}

/* Why the entry's text is refused, under it, and to a screen reader as the entry's description and error
 * message; NULL takes it away. */
static void
set_entry_error (SitmapRangePopover *self, GtkWidget *entry, const char *message)
{
  GtkWidget *label = error_label_of (self, entry);

  if (g_strcmp0 (message, has_error (self, entry) ? gtk_label_get_text (GTK_LABEL (label)) : NULL) == 0)
    return;
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, label, -1);
#if GTK_CHECK_VERSION(4, 14, 0)
      gtk_accessible_announce (GTK_ACCESSIBLE (entry), message, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

/* Names the locale's own short form, so that people know they may type it. */
static void
update_format_label (SitmapRangePopover *self)
{
  g_autoptr (GDate) example = g_date_new_dmy (10, G_DATE_DECEMBER, 2024);
  g_autofree char *text = NULL;
  char local[64];

  if (g_date_strftime (local, sizeof local, "%x", example) == 0)
    g_strlcpy (local, "2024-12-10", sizeof local);
  /* TRANSLATORS: how to type a date in the time range's entries; %s is 10 December 2024 in the locale's short
   * form, such as "10/12/2024" */
  text = g_strdup_printf (_("A year, month or day: 2024, 2024-12, 2024-12-10, or %s. Add a time as 2024-12-10T05:30."),
                          local);
  gtk_label_set_text (GTK_LABEL (self->format_label), text);
}

static void
update_local_label (SitmapRangePopover *self)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *offset = sitmap_axis_format_zone (local, now);
  g_autofree char *label = NULL;

  if (g_str_equal (offset, "UTC"))
    label = g_strdup (_("Times in _local time (the same as UTC here)"));
  else
    /* TRANSLATORS: a check box in the time range popover; %s is the offset of the user's time zone, "UTC+03:00" */
    label = g_strdup_printf (_("Times in _local time (%s), not UTC"), offset);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->local_check), label);
}

/* The entries show the range, or the whole of the data when there is none. */
static void
fill_entries (SitmapRangePopover *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 start, end;

  if (self->view_state == NULL)
    return;
  if (!sitmap_view_state_get_range (self->view_state, &start, &end))
    {
      if (!self->has_extent)
        return;
      start = self->extent_start;
      end = self->extent_end;
    }
  from = sitmap_axis_format_date (self->zone, start, FALSE);
  to = sitmap_axis_format_date (self->zone, end, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  set_entry_error (self, self->from_entry, NULL);
  set_entry_error (self, self->to_entry, NULL);
  self->last_changed = NULL;
}

static void
update_rule (SitmapRangePopover *self)
{
  SitmapRangeRule rule = self->view_state ? sitmap_view_state_get_range_rule (self->view_state)
                                          : SITMAP_RANGE_OVERLAPPING;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (rule == SITMAP_RANGE_WITHIN ? self->within_check
                                                                            : self->overlapping_check),
                               TRUE);
}

/* The range an entry names: from its start, or to its end; a moment ends the range at that moment. Or
 * why it names none. */
static char *
parse_entry (SitmapRangePopover *self, GtkWidget *entry, gboolean is_end, gint64 *t)
{
  g_autoptr (GError) error = NULL;
  gint64 start, end;

  if (!sitmap_axis_parse_date (gtk_editable_get_text (GTK_EDITABLE (entry)), self->zone, &start, &end, &error))
    return g_strdup (error->message);
  *t = !is_end ? start : end - start == 1 ? start : end;
  return NULL;
}

/* Both dates, and their order; each refusal said under its field. */
static gboolean
check_dates (SitmapRangePopover *self, gint64 *start, gint64 *end)
{
  gint64 from = 0, to = 0;
  g_autofree char *from_why = parse_entry (self, self->from_entry, FALSE, &from);
  g_autofree char *to_why = parse_entry (self, self->to_entry, TRUE, &to);
  gboolean ok = from_why == NULL && to_why == NULL;

  if (ok && to <= from)
    {
      const char *why = to < from ? _("“From” is after “To”") : _("“From” and “To” are the same moment");

      /* Under the date typed last: the one the user is looking at. */
      if (self->last_changed == self->from_entry)
        from_why = g_strdup (why);
      else
        to_why = g_strdup (why);
      ok = FALSE;
    }
  set_entry_error (self, self->from_entry, from_why);
  set_entry_error (self, self->to_entry, to_why);
  if (ok && start != NULL)
    *start = from;
  if (ok && end != NULL)
    *end = to;
  return ok;
}

/*
 * Callbacks
 */

static void
entry_activate_cb (SitmapRangePopover *self)
{
  if (sitmap_range_popover_apply (self))
    gtk_popover_popdown (GTK_POPOVER (self));
}

/* Once a date was refused, the words under it follow what is typed, and go when it is a date again. */
static void
entry_changed_cb (SitmapRangePopover *self, GtkEditable *entry)
{
  self->last_changed = GTK_WIDGET (entry);
  if (has_error (self, self->from_entry) || has_error (self, self->to_entry))
    check_dates (self, NULL, NULL);
}

/* Leaving a field that holds no date says so at once; its order with the other waits for Enter. */
static void
entry_leave_cb (SitmapRangePopover *self, GtkEventControllerFocus *controller)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (entry);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *why = NULL;
  gint64 t;

  /* Only when the keyboard went elsewhere in the popover: not when the window lost it mid-date. */
  if (!gtk_widget_get_mapped (entry) || has_error (self, entry) || focus == NULL ||
      gtk_widget_is_ancestor (focus, entry) || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  why = parse_entry (self, entry, entry == self->to_entry, &t);
  if (why != NULL)
    set_entry_error (self, entry, why);
}

static void
apply_clicked_cb (SitmapRangePopover *self)
{
  entry_activate_cb (self);
}

static void
preset_clicked_cb (SitmapRangePopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
rule_toggled_cb (SitmapRangePopover *self, GtkCheckButton *check)
{
  if (self->view_state == NULL || !gtk_check_button_get_active (check))
    return;
  sitmap_view_state_set_range_rule (self->view_state, GTK_WIDGET (check) == self->within_check
                                                        ? SITMAP_RANGE_WITHIN
                                                        : SITMAP_RANGE_OVERLAPPING);
}

/*
 * GtkWidget
 */

static void
sitmap_range_popover_show (GtkWidget *widget)
{
  SitmapRangePopover *self = SITMAP_RANGE_POPOVER (widget);

  fill_entries (self);
  update_rule (self);
  update_local_label (self);
  GTK_WIDGET_CLASS (sitmap_range_popover_parent_class)->show (widget);
  gtk_widget_grab_focus (self->from_entry);
}

/*
 * GObject
 */

static void
sitmap_range_popover_dispose (GObject *object)
{
  SitmapRangePopover *self = (SitmapRangePopover *) object;

  sitmap_range_popover_set_view_state (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITMAP_TYPE_RANGE_POPOVER);
  G_OBJECT_CLASS (sitmap_range_popover_parent_class)->dispose (object);
}

static void
sitmap_range_popover_finalize (GObject *object)
{
  SitmapRangePopover *self = (SitmapRangePopover *) object;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  G_OBJECT_CLASS (sitmap_range_popover_parent_class)->finalize (object);
}

static void
sitmap_range_popover_class_init (SitmapRangePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitmap_range_popover_dispose;
  object_class->finalize = sitmap_range_popover_finalize;
  widget_class->show = sitmap_range_popover_show;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sitmap-range-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, from_entry);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, to_entry);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, from_error);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, to_error);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, format_label);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, overlapping_check);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, within_check);
  gtk_widget_class_bind_template_child (widget_class, SitmapRangePopover, local_check);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_toggled_cb);
}

static void
sitmap_range_popover_init (SitmapRangePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < 2; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (focus, "leave", G_CALLBACK (entry_leave_cb), self);
      gtk_widget_add_controller (i == 0 ? self->from_entry : self->to_entry, focus);
    }
  update_format_label (self);
  update_local_label (self);
}

/*
 * Public API
 */

GtkWidget *
sitmap_range_popover_new (void)
{
  return g_object_new (SITMAP_TYPE_RANGE_POPOVER, NULL);
}

void
sitmap_range_popover_set_view_state (SitmapRangePopover *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_RANGE_POPOVER (self));

  if (self->view_state == view_state)
    return;
  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);
  g_set_object (&self->view_state, view_state);
  if (view_state != NULL)
    g_signal_connect_object (view_state, "notify::range-rule", G_CALLBACK (update_rule), self, G_CONNECT_SWAPPED);
  update_rule (self);
}

void
sitmap_range_popover_set_time_zone (SitmapRangePopover *self, GTimeZone *zone)
{
  g_return_if_fail (SITMAP_IS_RANGE_POPOVER (self));

  if (zone != NULL)
    g_time_zone_ref (zone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    fill_entries (self);
}

void
sitmap_range_popover_set_extent (SitmapRangePopover *self, gboolean has_extent, gint64 start, gint64 end)
{
  g_return_if_fail (SITMAP_IS_RANGE_POPOVER (self));

  self->has_extent = has_extent;
  self->extent_start = start;
  self->extent_end = end;
}

gboolean
sitmap_range_popover_apply (SitmapRangePopover *self)
{
  gint64 start, end;

  g_return_val_if_fail (SITMAP_IS_RANGE_POPOVER (self), FALSE);

  if (!check_dates (self, &start, &end) || self->view_state == NULL)
    return FALSE;
  sitmap_view_state_set_range (self->view_state, start, end);
  gtk_widget_activate_action (GTK_WIDGET (self), "timeline.show-range", NULL);
  return TRUE;
}
