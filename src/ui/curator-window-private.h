/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-window.h"
#include "curator-form.h"
#include "curator-body-pane.h"
#include "curator-recovery-bar.h"
#include "curator-refused-view.h"
#include "curator-web-import.h"
#include "curator-import-dialog.h"
#include "curator-library.h"
#include "curator-paint-wait.h"

G_BEGIN_DECLS

struct _CuratorWindow
{
  AdwApplicationWindow  parent_instance;

  CuratorDocument      *document;
  /* The document is a new curation, not saved yet: saving goes through
   * the import, which never overwrites a file. */
  CuratorWebImport     *new_import;
  /* Images a drop wrote beside the document before it was saved with
   * them (see curator-window-import.c). */
  GPtrArray            *written_images;
  GCancellable         *cancellable;
  GtkNativeDialog      *file_chooser;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *modified_indicator;
  GtkWidget            *save_button;
  GtkWidget            *review_button;
  GtkWidget            *preview_button;
  GtkToggleButton      *body_button;
  GMenu                *recent_menu;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;
  AdwFlap              *flap;
  GtkWidget            *library_button;
  GtkScrolledWindow    *form_scroller;
  GtkBox               *form_box;
  GtkBox               *body_pane_slot;
  GtkWidget            *body_pane_separator;
  GtkStack             *form_stack;

  CuratorForm          *form;
  CuratorRefusedView   *refused_view;
  CuratorBodyPane      *body_pane;
  CuratorLibrary       *library;
  /* The file chosen in the library, opened once the unsaved changes are
   * saved or discarded; the question asked meanwhile. */
  GFile                *open_after_save;
  GtkWidget            *unsaved_dialog;
  CuratorRecoveryBar   *recovery_bar;
  guint                 update_panes_source;
  /* Prepares the template of the folder a drop would go to, once the
   * window has imported (a curator who imports imports a series). */
  guint                 prepare_import_source;
  /* ... once the window has painted what the import showed. */
  CuratorPaintWait      prepare_import_wait;
  /* ... and the next import's dialog, hidden until a drop or a paste
   * needs it, with the rows of the last import's fields (its template's
   * rules, a CuratorFieldRule list). */
  CuratorImportDialog  *spare_import_dialog;
  GListModel           *last_import_rules;

  guint                 loading : 1;
  guint                 close_after_save : 1;
  guint                 discard_changes : 1;
  /* The file was not valid UTF-8, or its front matter never closes: the
   * refused view holds the whole file, made readable, and a fixed text
   * replaces the document's bytes. */
  guint                 raw_is_whole_file : 1;
  /* A repaired file differs from the disk without being "modified". */
  guint                 repaired : 1;
  /* The refused view's text is going to the document. */
  guint                 applying_raw_text : 1;
  /* An import was started here. */
  guint                 imported : 1;
};

void     _curator_window_class_actions_init (CuratorWindowClass *klass);
void     _curator_window_actions_init       (CuratorWindow      *self);
void     _curator_window_actions_update     (CuratorWindow      *self);
void     _curator_window_save               (CuratorWindow      *self,
                                             GFile              *file);
void     _curator_window_open_files         (CuratorWindow      *self,
                                             GFile             **files,
                                             guint               n_files);
void     _curator_window_update_recent_menu (CuratorWindow  *self);
void     _curator_window_review_changes     (CuratorWindow  *self);
/* Title, unsaved dot and enabled actions, after a change the document
 * does not signal (a repaired file saved). */
void     _curator_window_sync_state         (CuratorWindow  *self);
/* The document shown has what its file does not: edits, a repair, or
 * no file yet (a new curation). */
gboolean _curator_window_is_unsaved         (CuratorWindow      *self);
/* Shows @import's new document, unsaved, with its proposed file. */
void     _curator_window_show_new           (CuratorWindow      *self,
                                             CuratorWebImport   *import);
/* curator-window-library.c */
void     _curator_window_class_library_init (CuratorWindowClass *klass);
void     _curator_window_library_init       (CuratorWindow      *self);
void     _curator_window_library_dispose    (CuratorWindow      *self);
/* The library's current row, unsaved file and remembered file follow
 * the document (@new_document: it was just set). */
void     _curator_window_library_sync       (CuratorWindow      *self,
                                             gboolean            new_document);
/* The document shown can make way for another without a question: it
 * is saved, and its row in the library brings it back. */
gboolean _curator_window_library_can_replace (CuratorWindow    *self);
/* The row of the file shown is selected again (a switch refused or
 * failed). */
void     _curator_window_library_reselect   (CuratorWindow      *self);
/* The library folds away when a window @width wide cannot show it beside
 * the editor's panes side by side. */
void     _curator_window_library_fold_for_width (CuratorWindow  *self,
                                                 int             width);
/* A save ended: the file chosen in the library meanwhile opens, or its
 * row goes back to the file shown. */
void     _curator_window_library_save_finished (CuratorWindow   *self,
                                                gboolean         saved);
void     _curator_window_toast              (CuratorWindow      *self,
                                             const char         *message);

G_END_DECLS
