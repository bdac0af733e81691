/* sitmap-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-annotation-layer.h"
#include "sitmap-annotation-toolbar.h"
#include "sitmap-event-export-dialog.h"
#include "sitmap-export-dialog.h"
#include "sitmap-file-watch.h"
#include "sitmap-recovery.h"
#include "sitmap-exporter.h"
#include "sitmap-import.h"
#include "sitmap-focus-guard.h"
#include "sitmap-place-layer.h"
#include "sitmap-plain-toast.h"
#include "sitmap-tile-status.h"
#include "sitmap-window.h"

G_BEGIN_DECLS

struct _SitmapWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *sidebar_button;
  GtkPaned            *map_paned;
  GtkWidget           *sidebar_column;
  GtkWidget           *sidebar_handle;
  ShumateSimpleMap    *map;
  SitmapSourceChooser *source_chooser;
  SitmapTimeline      *timeline;
  SitmapSidebar       *sidebar;
  SitmapAnnotationToolbar *annotation_toolbar;
  SitmapTileStatus    *tile_status;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;

  SitmapViewState     *view_state;
  SitmapEventLayer    *event_layer;
  SitmapPlaceLayer    *place_layer;
  SitmapAnnotationLayer *annotation_layer;
  SitmapEditLayer     *edit_layer;
  SitmapExporter      *exporter;
  SitmapExportDialog  *export_dialog; /* made when first asked for; kept, with its choices */
  SitmapEventExportDialog *event_export_dialog; /* likewise */
  GSettings           *settings;
  SitmapFocusGuard    *focus_guard;   /* the keyboard never left on a widget that is gone */
  GCancellable        *load_cancellable; /* the read (and merge) under way: sitmap-window-import.c */
  GFile               *loading_file;
  gboolean             view_pending;  /* the document's view waits for the map to have a size */
  gboolean             panes_pending; /* likewise the sidebar's and timeline's remembered sizes */
  guint                pending_tick;

  /* sitmap-window-layout.c */
  GtkWidget           *split;          /* AdwFlap, or AdwOverlaySplitView from libadwaita 1.4 */
#if ADW_CHECK_VERSION(1, 4, 0)
  AdwBreakpoint       *breakpoint;     /* folds the split view; owned by the window */
#endif
  int                  sidebar_width;  /* beside the map, as the handle left it */
  gboolean             sidebar_wanted; /* shown beside the map: the user's choice, kept through folding */
  gboolean             focus_sidebar;  /* when it comes on screen over the map */
  gboolean             focus_search;   /* likewise, its search (Ctrl+F) */
  int                  drag_start_width;
  double               drag_start_x;

  /* sitmap-window-files.c */
  SitmapDocument      *bound_document; /* whose undo stack the title and actions follow */
  gboolean             close_confirmed;
  guint                history_serial;  /* moves with every change of the history: a save knows what it wrote */
  SitmapRecovery      *recovery;        /* the document's unsaved changes, kept on disk */
  SitmapFileWatch     *file_watch;      /* its file, changed by another program */
  GtkWidget           *changed_dialog;  /* weak: asking what to do about that */
  GQueue               recovery_offers; /* SitmapRecoveryEntry: changes a crash left, to offer */
  gboolean             offering;        /* a recovery offer is on screen */

  /* sitmap-window-import.c */
  SitmapImport        *import;          /* the read under way: its progress, options and report */
  int                  read_mode;       /* SitmapWindowReadMode of the read under way */
  gboolean             merging;         /* its events being merged into the document, in a thread */
  gboolean             merge_stale;     /* the document changed while they were */
  SitmapDocument      *merge_document;  /* the document merged into, watched for changes */
  guint                progress_show_id;
  guint                progress_poll_id;
  GQueue               pending_imports; /* GFile: files dropped together, imported one after the other */
  GtkWidget           *mapping_dialog;  /* weak */
  GPtrArray           *downloads;       /* GFile: linked files downloaded to be imported, removed once read */
};

/* sitmap-window.c */
gboolean _sitmap_window_is_bundled (GFile *file);
char    *_sitmap_window_dup_display_name (GFile *file);
void     _sitmap_window_update_title (SitmapWindow *self);
void     _sitmap_window_remember_document (SitmapWindow *self, GFile *file);
void     _sitmap_window_show_toast (SitmapWindow *self, const char *text);
void      _sitmap_window_show_document (SitmapWindow *self, SitmapDocument *document);
void      _sitmap_window_notify_loading (SitmapWindow *self);
void      _sitmap_window_reveal_box (SitmapWindow *self, double x0, double y0, double x1, double y1);

/* sitmap-window-layout.c: the sidebar beside the map, or over it in a narrow window */
#define SITMAP_WINDOW_MIN_WIDTH  560
#define SITMAP_WINDOW_MIN_HEIGHT 480

void       _sitmap_window_init_layout (SitmapWindow *self);
void       _sitmap_window_remember_layout (SitmapWindow *self);
gboolean   _sitmap_window_is_folded (SitmapWindow *self);
gboolean   _sitmap_window_get_sidebar_shown (SitmapWindow *self);
void       _sitmap_window_set_sidebar_shown (SitmapWindow *self, gboolean shown);
void       _sitmap_window_focus_sidebar (SitmapWindow *self);
void       _sitmap_window_show_search (SitmapWindow *self);
/* Puts the sidebar away when it is over the map; FALSE when it is not. */
gboolean   _sitmap_window_put_sidebar_away (SitmapWindow *self);

/* sitmap-window-files.c: opening, saving, and not losing unsaved changes */
typedef void (*SitmapWindowThen) (SitmapWindow *self, gpointer data);

void     _sitmap_window_class_init_files (GtkWidgetClass *widget_class);
/* Follows the view state's document: its undo stack drives the title and the Undo/Redo actions. */
void     _sitmap_window_bind_document (SitmapWindow *self);
/* Runs then (and destroy on data) once the document's unsaved changes are saved or knowingly
 * dropped; never when the user cancels. Right away when there is nothing to lose. */
void     _sitmap_window_confirm_discard (SitmapWindow *self, SitmapWindowThen then, gpointer data,
                                         GDestroyNotify destroy);
void     _sitmap_window_dispose_files (SitmapWindow *self);
/* The window closes as the user meant: its recovery file goes. */
void     _sitmap_window_close_files (SitmapWindow *self);
gboolean _sitmap_window_has_unsaved_changes (SitmapWindow *self);
/* Where a file dialog starts: the document's folder, else the user's documents, else home */
GFile   *_sitmap_window_dup_dialog_folder (SitmapWindow *self);

/* sitmap-window-import.c: reading files into the window, off the main thread, with progress and Cancel */
typedef enum
{
  SITMAP_WINDOW_READ_OPEN,   /* the file becomes the window's document */
  SITMAP_WINDOW_READ_IMPORT, /* its events come into the open document, as one edit (or it opens, when none is) */
} SitmapWindowReadMode;

void     _sitmap_window_class_init_import (GtkWidgetClass *widget_class);
void     _sitmap_window_init_import (SitmapWindow *self);
void     _sitmap_window_dispose_import (SitmapWindow *self);
/* Reads file as mode says, with import's options (NULL: none). Any read under way is cancelled. */
void     _sitmap_window_read (SitmapWindow *self, GFile *file, SitmapWindowReadMode mode, SitmapImport *import);
/* The file dialogs' filters: every format Sitmap reads, together first, then one by one, then all files. */
GListModel *_sitmap_window_dup_read_filters (void);
/* While an import merges, the document must not be swapped by undo or redo: the merge reads it. */
gboolean _sitmap_window_is_merging (SitmapWindow *self);

/* sitmap-window-edit.c: new events (Ctrl+N, win.new-event-at from the map), deleting them (Delete), a
 * pasted link (Ctrl+V), and the event form's requests of the map */
void     _sitmap_window_class_init_edit (GtkWidgetClass *widget_class);
void     _sitmap_window_init_edit (SitmapWindow *self);

G_END_DECLS
