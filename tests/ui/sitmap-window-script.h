/* sitmap-window-script.h: a user's session in the real window, one input a frame, with every frame timed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-window.h"

G_BEGIN_DECLS

typedef enum
{
  SITMAP_SCRIPT_PAN,          /* the map dragged right and back with the mouse */
  SITMAP_SCRIPT_ZOOM,         /* the mouse wheel, in then out, across the cluster levels */
  SITMAP_SCRIPT_RANGE,        /* a time range dragged across the timeline's lanes */
  SITMAP_SCRIPT_PLAYBACK,     /* a year played by weeks: the timeline's step-forward button, once a frame */
  SITMAP_SCRIPT_LIST,         /* the events list scrolled with the wheel */
  SITMAP_SCRIPT_SEARCH,       /* a word typed into the search and taken back */
  SITMAP_SCRIPT_MARKER_LAYER, /* the pan's input on a plain ShumateMap with libshumate's marker layer */
  SITMAP_SCRIPT_N_PARTS
} SitmapScriptPart;

typedef struct
{
  const char *name;      /* as the benchmark prints it: "pan" */
  GArray     *frames;    /* double: each frame's milliseconds, stalls included, in order */
  GArray     *paints;    /* double: of each cycle, the milliseconds from the clock's paint to the end (snapshot
                          * and render) */
  guint       n_stalls;  /* how many of them were stalls between frame clock cycles */
  guint       n_steps;   /* the script's inputs, one a frame */
  gboolean    settled;   /* what the inputs set off had ended before the time allowed after them */
  /* What the part moves (the map's longitude, its zoom, the range's length in days, the range's start in
   * days, the list's scroll offset, the number of events visible): before, after, the furthest it went
   * from before, and in how many frames it changed. */
  double      before;
  double      after;
  double      furthest;
  guint       n_changed;
} SitmapScriptResult;

typedef struct _SitmapWindowScript SitmapWindowScript;

/* The script drives window (shown, with its document) through real input (xdotool, fed a line per
 * frame): the sidebar shows the events page from now on. */
SitmapWindowScript       *sitmap_window_script_new (SitmapWindow *window);
void                      sitmap_window_script_free (SitmapWindowScript *self);
/* Runs one part and keeps its result. The marker layer's part opens a window of its own, a plain
 * ShumateMap of the window's map's size over the same tiles, with n_markers markers (a small image each) at
 * random points over Syria, and closes it after. */
void                      sitmap_window_script_run (SitmapWindowScript *self, SitmapScriptPart part);
void                      sitmap_window_script_set_n_markers (SitmapWindowScript *self, guint n_markers);
const SitmapScriptResult *sitmap_window_script_get_result (SitmapWindowScript *self, SitmapScriptPart part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapWindowScript, sitmap_window_script_free)

G_END_DECLS
