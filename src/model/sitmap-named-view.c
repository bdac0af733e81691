/* sitmap-named-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-named-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sitmap-enums.h"
#include "sitmap-named-view.h"

struct _SitmapNamedView
{
  GObject         parent_instance;
  char           *name;
  SitmapFilter   *filter;
  gboolean        has_range;
  gint64          start;
  gint64          end;
  SitmapRangeRule rule;
};

G_DEFINE_FINAL_TYPE (SitmapNamedView, sitmap_named_view, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitmap_named_view_finalize (GObject *object)
{
  SitmapNamedView *self = (SitmapNamedView *) object;

  g_free (self->name);
  sitmap_filter_free (self->filter);
  G_OBJECT_CLASS (sitmap_named_view_parent_class)->finalize (object);
}

static void
sitmap_named_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapNamedView *self = SITMAP_NAMED_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_named_view_class_init (SitmapNamedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitmap_named_view_finalize;
  object_class->get_property = sitmap_named_view_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_named_view_init (SitmapNamedView *self)
{
}

/* A menu item's label: one line, no control characters, not endless. */
static char *
clean_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name ? name : "", -1);
  GString *out = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0' && n_chars < SITMAP_NAMED_VIEW_MAX_NAME; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        c = ' ';
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_unichar (out, c);
      n_chars++;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_assign (out, _("Unnamed View"));
  return g_string_free (out, FALSE);
}

SitmapNamedView *
sitmap_named_view_new (const char *name, const SitmapFilter *filter, gboolean has_range, gint64 start, gint64 end,
                       SitmapRangeRule rule)
{
  SitmapNamedView *self;

  g_return_val_if_fail (!has_range || start < end, NULL);
  g_return_val_if_fail (rule == SITMAP_RANGE_OVERLAPPING || rule == SITMAP_RANGE_WITHIN, NULL);

  self = g_object_new (SITMAP_TYPE_NAMED_VIEW, NULL);
  self->name = clean_name (name);
  self->filter = filter ? sitmap_filter_copy (filter) : sitmap_filter_new ();
  self->has_range = has_range;
  self->start = has_range ? start : 0;
  self->end = has_range ? end : 0;
  self->rule = rule;
  return self;
}

SitmapNamedView *
sitmap_named_view_new_from_state (const char *name, SitmapViewState *state)
{
  gint64 start, end;
  gboolean has_range;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (state), NULL);

  has_range = sitmap_view_state_get_range (state, &start, &end);
  return sitmap_named_view_new (name, sitmap_view_state_get_filter (state), has_range, start, end,
                                sitmap_view_state_get_range_rule (state));
}

SitmapNamedView *
sitmap_named_view_copy_renamed (SitmapNamedView *self, const char *name)
{
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (self), NULL);
  return sitmap_named_view_new (name, self->filter, self->has_range, self->start, self->end, self->rule);
}

const char *
sitmap_named_view_get_name (SitmapNamedView *self)
{
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (self), NULL);
  return self->name;
}

const SitmapFilter *
sitmap_named_view_get_filter (SitmapNamedView *self)
{
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (self), NULL);
  return self->filter;
}

gboolean
sitmap_named_view_get_range (SitmapNamedView *self, gint64 *start, gint64 *end)
{
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (self), FALSE);
  if (start != NULL)
    *start = self->start;
  if (end != NULL)
    *end = self->end;
  return self->has_range;
}

SitmapRangeRule
sitmap_named_view_get_range_rule (SitmapNamedView *self)
{
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (self), SITMAP_RANGE_OVERLAPPING);
  return self->rule;
}

gboolean
sitmap_named_view_equal (SitmapNamedView *a, SitmapNamedView *b)
{
  g_return_val_if_fail (SITMAP_IS_NAMED_VIEW (a) && SITMAP_IS_NAMED_VIEW (b), FALSE);
  return g_str_equal (a->name, b->name) && sitmap_filter_equal (a->filter, b->filter) &&
         a->has_range == b->has_range && a->start == b->start && a->end == b->end && a->rule == b->rule;
}

void
sitmap_named_view_apply (SitmapNamedView *self, SitmapViewState *state)
{
  g_return_if_fail (SITMAP_IS_NAMED_VIEW (self));
  g_return_if_fail (SITMAP_IS_VIEW_STATE (state));

  g_object_freeze_notify (G_OBJECT (state));
  sitmap_view_state_set_range_rule (state, self->rule);
  if (self->has_range)
    sitmap_view_state_set_range (state, self->start, self->end);
  else
    sitmap_view_state_clear_range (state);
  sitmap_view_state_set_filter (state, self->filter);
  g_object_thaw_notify (G_OBJECT (state));
}
