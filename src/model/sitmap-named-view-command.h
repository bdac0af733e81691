/* sitmap-named-view-command.h: saving, renaming and deleting a named view, as edits that undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-command.h"
#include "sitmap-named-view.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_NAMED_VIEW_COMMAND (sitmap_named_view_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapNamedViewCommand, sitmap_named_view_command, SITMAP, NAMED_VIEW_COMMAND, SitmapCommand)

/* Push these on the document's undo stack. index is a position in sitmap_document_get_named_views();
 * each emits "changed" with SITMAP_DOCUMENT_CHANGE_VIEWS. */
SitmapCommand *sitmap_named_view_command_new_add (SitmapDocument *document, SitmapNamedView *view);
SitmapCommand *sitmap_named_view_command_new_rename (SitmapDocument *document, guint index, const char *name);
SitmapCommand *sitmap_named_view_command_new_delete (SitmapDocument *document, guint index);

G_END_DECLS
