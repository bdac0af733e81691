/* sitmap-command.h: one edit of a document, which can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-document.h"

G_BEGIN_DECLS

/* Every change to a document is a command pushed on its undo stack: the only way a document changes,
 * so that everything can be undone and the document knows when it differs from its file. */
#define SITMAP_TYPE_COMMAND (sitmap_command_get_type ())
G_DECLARE_DERIVABLE_TYPE (SitmapCommand, sitmap_command, SITMAP, COMMAND, GObject)

struct _SitmapCommandClass
{
  GObjectClass parent_class;

  /* Make the change, or take it back; each ends by emitting the document's "changed". */
  void     (*apply)  (SitmapCommand *self, SitmapDocument *document);
  void     (*revert) (SitmapCommand *self, SitmapDocument *document);
  /* Fold next, pushed right after self, into self (typing, dragging a slider): TRUE if done. */
  gboolean (*merge)  (SitmapCommand *self, SitmapCommand *next);

  gpointer padding[8];
};

/* What the Undo and Redo items say: "Change Reliability of SOHR". */
const char *sitmap_command_get_label (SitmapCommand *self);
void        sitmap_command_set_label (SitmapCommand *self, const char *label);
void        sitmap_command_apply (SitmapCommand *self, SitmapDocument *document);
void        sitmap_command_revert (SitmapCommand *self, SitmapDocument *document);
gboolean    sitmap_command_merge (SitmapCommand *self, SitmapCommand *next);

G_END_DECLS
