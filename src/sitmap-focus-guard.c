/* sitmap-focus-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-window"

#include "config.h"

#include "sitmap-focus-guard.h"

struct _SitmapFocusGuard
{
  GObject    parent_instance;

  GtkWindow *window;     /* weak */
  gulong     focus_id;
  GtkWidget *watched;    /* weak: the widget with the focus */
  gulong     unmap_id;
  GtkWidget *popover;    /* weak: the popover the lost focus was in */
  GtkWidget *anchor;     /* weak: its nearest ancestor still shown when it was lost */
  guint      restore_id;
};

G_DEFINE_FINAL_TYPE (SitmapFocusGuard, sitmap_focus_guard, G_TYPE_OBJECT)

/*
 * Auxiliary methods
 */

static void
unwatch (SitmapFocusGuard *self)
{
  if (self->watched != NULL)
    g_signal_handler_disconnect (self->watched, self->unmap_id);
  self->unmap_id = 0;
  g_clear_weak_pointer (&self->watched);
}

/* The popover still open; else, from the button it hangs from upwards, the first shown widget that
 * takes the focus. The window itself is left out: it would hand the focus to its first button. */
static void
give_focus_back (SitmapFocusGuard *self)
{
  if (self->popover != NULL && gtk_widget_get_mapped (self->popover) &&
      gtk_widget_child_focus (self->popover, GTK_DIR_TAB_FORWARD))
    return;
  for (GtkWidget *widget = self->anchor; widget != NULL && widget != GTK_WIDGET (self->window);
       widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_mapped (widget) && gtk_widget_grab_focus (widget))
      return;
}

/*
 * Callbacks
 */

/* Once the change that unmapped it is over: rows made again, the popover closed. */
static gboolean
restore_cb (gpointer data)
{
  SitmapFocusGuard *self = data;

  self->restore_id = 0;
  /* Someone gave it a place meanwhile (a click, a widget that grabbed it): theirs. */
  if (self->window != NULL && gtk_root_get_focus (GTK_ROOT (self->window)) == NULL)
    give_focus_back (self);
  g_clear_weak_pointer (&self->popover);
  g_clear_weak_pointer (&self->anchor);
  return G_SOURCE_REMOVE;
}

static void
focus_unmapped_cb (SitmapFocusGuard *self, GtkWidget *focus)
{
  GtkWidget *anchor = gtk_widget_get_parent (focus);

  if (self->window == NULL || gtk_root_get_focus (GTK_ROOT (self->window)) != focus)
    return;
  while (anchor != NULL && !gtk_widget_get_mapped (anchor))
    anchor = gtk_widget_get_parent (anchor);
  g_set_weak_pointer (&self->popover, gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER));
  g_set_weak_pointer (&self->anchor, anchor);
  /* Now, while the widget is still in the window: later it may be out of it, or gone. */
  gtk_root_set_focus (GTK_ROOT (self->window), NULL);
  if (self->restore_id == 0)
    self->restore_id = g_idle_add_full (G_PRIORITY_HIGH, restore_cb, self, NULL);
}

static void
focus_changed_cb (SitmapFocusGuard *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->window));

  if (focus == self->watched)
    return;
  unwatch (self);
  if (focus == NULL)
    return;
  g_set_weak_pointer (&self->watched, focus);
  self->unmap_id = g_signal_connect_swapped (focus, "unmap", G_CALLBACK (focus_unmapped_cb), self);
}

/*
 * GObject
 */

static void
sitmap_focus_guard_dispose (GObject *object)
{
  SitmapFocusGuard *self = SITMAP_FOCUS_GUARD (object);

  unwatch (self);
  if (self->window != NULL)
    g_clear_signal_handler (&self->focus_id, self->window);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->popover);
  g_clear_weak_pointer (&self->anchor);
  g_clear_handle_id (&self->restore_id, g_source_remove);
  G_OBJECT_CLASS (sitmap_focus_guard_parent_class)->dispose (object);
}

static void
sitmap_focus_guard_class_init (SitmapFocusGuardClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sitmap_focus_guard_dispose;
}

static void
sitmap_focus_guard_init (SitmapFocusGuard *self)
{
}

/*
 * Public API
 */

SitmapFocusGuard *
sitmap_focus_guard_new (GtkWindow *window)
{
  SitmapFocusGuard *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (SITMAP_TYPE_FOCUS_GUARD, NULL);
  g_set_weak_pointer (&self->window, window);
  self->focus_id = g_signal_connect_swapped (window, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self);
  focus_changed_cb (self);
  return self;
}
