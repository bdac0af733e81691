/* sitmap-credibility-command.h: grade the credibility of one citation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-command.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_CREDIBILITY_COMMAND (sitmap_credibility_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapCredibilityCommand, sitmap_credibility_command, SITMAP, CREDIBILITY_COMMAND,
                      SitmapCommand)

/* Sets the credibility (1–6, or unrated) of citation i of the event at position. */
SitmapCommand *sitmap_credibility_command_new (SitmapDocument   *document,
                                               guint             position,
                                               guint             i,
                                               SitmapCredibility credibility);

G_END_DECLS
