/* sitmap-named-view.h: filters and a time range saved under a name, to be recalled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-filter.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Names longer than this many characters are cut; a document keeps at most this many views (a file
 * with more loses the rest when read). */
#define SITMAP_NAMED_VIEW_MAX_NAME 200
#define SITMAP_NAMED_VIEW_MAX_VIEWS 1000

/* "HTS offensive, 27 Nov – 8 Dec": what the user narrowed the events to, kept with the document.
 * Immutable: a rename makes a new view (see SitmapNamedViewCommand). */
#define SITMAP_TYPE_NAMED_VIEW (sitmap_named_view_get_type ())
G_DECLARE_FINAL_TYPE (SitmapNamedView, sitmap_named_view, SITMAP, NAMED_VIEW, GObject)

/* The name is made one line of valid UTF-8 (an empty name becomes "Unnamed View"); filter is copied
 * (NULL: no filter); start < end when has_range. */
SitmapNamedView    *sitmap_named_view_new (const char         *name,
                                           const SitmapFilter *filter,
                                           gboolean            has_range,
                                           gint64              start,
                                           gint64              end,
                                           SitmapRangeRule     rule);
/* What the view state shows now. */
SitmapNamedView    *sitmap_named_view_new_from_state (const char *name, SitmapViewState *state);
/* The same view under another name. */
SitmapNamedView    *sitmap_named_view_copy_renamed (SitmapNamedView *self, const char *name);

const char         *sitmap_named_view_get_name (SitmapNamedView *self);
const SitmapFilter *sitmap_named_view_get_filter (SitmapNamedView *self);
gboolean            sitmap_named_view_get_range (SitmapNamedView *self, gint64 *start, gint64 *end);
SitmapRangeRule     sitmap_named_view_get_range_rule (SitmapNamedView *self);
gboolean            sitmap_named_view_equal (SitmapNamedView *a, SitmapNamedView *b);

/* Gives the view state this view's filter, range (or none) and rule. */
void                sitmap_named_view_apply (SitmapNamedView *self, SitmapViewState *state);

G_END_DECLS
