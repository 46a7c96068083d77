/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-html-document.h"

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CURATOR_SANITIZE_NONE = 0,
  /* The input is a whole page: only its main content is kept (the
   * article, without navigation, share bars, comments, ads). Without
   * this flag the input is a fragment (a drop, a paste, a body). */
  CURATOR_SANITIZE_MAIN_CONTENT = 1 << 0,
  /* A line break between top-level blocks, for folders whose bodies are
   * written that way; by default the output is one line. */
  CURATOR_SANITIZE_BLOCKS_ON_LINES = 1 << 1,
} CuratorSanitizeFlags;

/* HTML from the web made safe and clean for a content file's body, on the
 * HTML5 tree Gumbo builds (as a browser would):
 *
 * - only the elements and attributes of an allowlist (docs/import.md;
 *   ammonia's default is the reference) are kept; other elements are
 *   replaced by their contents, and script, style, template, iframe,
 *   object, embed, forms, svg, math, audio and video are removed with
 *   their contents; comments are removed;
 * - no event handler, style, class or id attribute; addresses only with
 *   http, https, mailto or tel (images: http and https), resolved against
 *   @base_url (may be NULL: relative addresses are then kept relative);
 * - lazy images get their real address (data-src, srcset, ...); tracking
 *   pixels and placeholders are dropped;
 * - written compactly: white space collapsed outside <pre>, empty
 *   elements dropped, U+00A0 as &nbsp;.
 *
 * The output, parsed and sanitized again, gives itself back (the tree is
 * rebuilt until the parser no longer changes it). @length may be -1. */
char *curator_html_sanitize (const char           *html,
                             gssize                length,
                             const char           *base_url,
                             CuratorSanitizeFlags  flags);

/* The same for the main content of a whole page parsed already
 * (curator_html_document_parse()), as CURATOR_SANITIZE_MAIN_CONTENT
 * does: a page's facts and its body come from one parse. @page is not
 * changed. */
char *curator_html_sanitize_page (CuratorHtmlDocument  *page,
                                  const char           *base_url,
                                  CuratorSanitizeFlags  flags);

G_END_DECLS
