/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The model's public API: GLib, GObject, GIO and libyaml only. */
#include "curator-types.h"
#include "curator-error.h"
#include "curator-position.h"
#include "curator-front-matter.h"
#include "curator-json.h"
#include "curator-key-path.h"
#include "curator-node.h"
#include "curator-yaml-tree.h"
#include "curator-document.h"
#include "curator-safe-file.h"
#include "curator-file-read.h"
#include "curator-draft-store.h"
#include "curator-draft-keeper.h"
#include "curator-file-watch.h"
#include "curator-merge.h"
#include "curator-unified-diff.h"
#include "curator-folder-index.h"
#include "curator-folder-item.h"
#include "curator-folder-model.h"
#include "curator-bulk-edit.h"
