/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The web layer's public API: GLib, GIO, libsoup 3, Gumbo, json-glib,
 * gdk-pixbuf and the model. Never GTK. */
#include "curator-web-error.h"
#include "curator-charset.h"
#include "curator-html-document.h"
#include "curator-main-content.h"
#include "curator-page-facts.h"
#include "curator-page-fetcher.h"
#include "curator-html-sanitizer.h"
#include "curator-markdown-writer.h"
#include "curator-image-info.h"
#include "curator-folder-template.h"
#include "curator-web-import.h"
