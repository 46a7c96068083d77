/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CURATOR_TYPE_BULK_EDIT_FILE (curator_bulk_edit_file_get_type ())

G_DECLARE_FINAL_TYPE (CuratorBulkEditFile, curator_bulk_edit_file, CURATOR, BULK_EDIT_FILE, GObject)

/* One file of a bulk edit, and where it stands. */
typedef enum
{
  CURATOR_BULK_EDIT_FILE_PENDING,    /* not read yet */
  CURATOR_BULK_EDIT_FILE_CHANGE,     /* the edit changes it: see the diff */
  CURATOR_BULK_EDIT_FILE_UNCHANGED,  /* the edit changes nothing in it */
  CURATOR_BULK_EDIT_FILE_REFUSED,    /* the model refuses it: see the error; never written */
  CURATOR_BULK_EDIT_FILE_WRITTEN,
  CURATOR_BULK_EDIT_FILE_FAILED,     /* could not be written (or restored): see the error */
  CURATOR_BULK_EDIT_FILE_RESTORED,   /* undone: it holds its old bytes again */
} CuratorBulkEditFileState;

/* Properties: "file", "label" (the path shown), "state" (notified). */
GFile                    *curator_bulk_edit_file_get_file  (CuratorBulkEditFile *self);
const char               *curator_bulk_edit_file_get_label (CuratorBulkEditFile *self);
CuratorBulkEditFileState  curator_bulk_edit_file_get_state (CuratorBulkEditFile *self);
/* The unified diff of the change (CHANGE, WRITTEN, RESTORED), else NULL. */
const char               *curator_bulk_edit_file_get_diff  (CuratorBulkEditFile *self);
/* Why it is refused or failed, else NULL. */
const GError             *curator_bulk_edit_file_get_error (CuratorBulkEditFile *self);

G_END_DECLS
