/* sitmap-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "sitmap-annotation-layer.h"
#include "sitmap-annotation-toolbar.h"
#include "sitmap-edit-layer.h"
#include "sitmap-event-layer.h"
#include "sitmap-place-layer.h"
#include "sitmap-recovery.h"
#include "sitmap-sidebar.h"
#include "sitmap-source-chooser.h"
#include "sitmap-timeline.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_WINDOW (sitmap_window_get_type ())
G_DECLARE_FINAL_TYPE (SitmapWindow, sitmap_window, SITMAP, WINDOW, AdwApplicationWindow)

SitmapWindow     *sitmap_window_new (GtkApplication *application);
/* Loads file in the background; the open document stays until the new one is ready, and stays for
 * good if the file cannot be read (the user is told why, with line and column). */
void              sitmap_window_open (SitmapWindow *self, GFile *file);
/* Brings the file's events into the open document as one edit (File → Import, a file dropped on the
 * window); with no document open, opens it. Files imported while one is read wait their turn. */
void              sitmap_window_import (SitmapWindow *self, GFile *file);
gboolean          sitmap_window_get_loading (SitmapWindow *self);
/* Offers, one after the other, to restore the unsaved changes of documents that a Sitmap which ended
 * without closing them left (a crash, a kill): once the window's document is read. */
void              sitmap_window_offer_recovery (SitmapWindow *self);
/* What keeps the document's unsaved changes on disk. */
SitmapRecovery   *sitmap_window_get_recovery (SitmapWindow *self);
SitmapViewState  *sitmap_window_get_view_state (SitmapWindow *self);
ShumateSimpleMap *sitmap_window_get_map (SitmapWindow *self);
SitmapEventLayer *sitmap_window_get_event_layer (SitmapWindow *self);
SitmapPlaceLayer *sitmap_window_get_place_layer (SitmapWindow *self);
/* The annotations' layer and its tools over the map. */
SitmapAnnotationLayer   *sitmap_window_get_annotation_layer (SitmapWindow *self);
SitmapAnnotationToolbar *sitmap_window_get_annotation_toolbar (SitmapWindow *self);
SitmapEditLayer         *sitmap_window_get_edit_layer (SitmapWindow *self);
/* The header bar's map source menu, which sets the map's source. */
SitmapSourceChooser *sitmap_window_get_source_chooser (SitmapWindow *self);
SitmapTimeline   *sitmap_window_get_timeline (SitmapWindow *self);
SitmapSidebar    *sitmap_window_get_sidebar (SitmapWindow *self);

G_END_DECLS
