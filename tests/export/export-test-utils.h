/* export-test-utils.h: the demo in a view state, and scenes over the offline basemap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-export-scene.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

SitmapViewState *
export_test_load_demo (void);
/* The demo's own view at the size and scale of a preset. */
void
export_test_options_for (SitmapExportOptions *options, SitmapExportSize size, gboolean landscape,
                         SitmapExportFormat format);
/* A scene with its tiles from the offline basemap. */
SitmapExportScene *
export_test_scene_with_tiles (SitmapViewState *view_state, const SitmapExportOptions *options);

G_END_DECLS
