/* sitmap-reliability-command.h: grade a source's reliability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-command.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_RELIABILITY_COMMAND (sitmap_reliability_command_get_type ())
G_DECLARE_FINAL_TYPE (SitmapReliabilityCommand, sitmap_reliability_command, SITMAP, RELIABILITY_COMMAND,
                      SitmapCommand)

/* Sets source's reliability (A–F, or unrated); the source is one of the document's. */
SitmapCommand *sitmap_reliability_command_new (SitmapSource *source, SitmapReliability reliability);

G_END_DECLS
