/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-bulk-edit-file.h"

G_BEGIN_DECLS

/* What CuratorBulkEdit sets on its files, on the main thread. */
CuratorBulkEditFile *_curator_bulk_edit_file_new          (GFile                    *file,
                                                           const char               *label);
/* NULL @original, @edited or @diff keep what the file had. */
void                 _curator_bulk_edit_file_set_outcome  (CuratorBulkEditFile      *self,
                                                           CuratorBulkEditFileState  state,
                                                           GBytes                   *original,
                                                           GBytes                   *edited,
                                                           const char               *diff,
                                                           const GError             *error);
GBytes              *_curator_bulk_edit_file_get_original (CuratorBulkEditFile      *self);
GBytes              *_curator_bulk_edit_file_get_edited   (CuratorBulkEditFile      *self);

G_END_DECLS
