/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-html-document.h"

G_BEGIN_DECLS

/* Where a page's article is: the elements that hold its main text, found
 * by scoring paragraphs as Readability does (text length, commas, class
 * and id names, link density), without navigation, share bars, comments,
 * ads and other furniture. */

/* The main content of @document: one element or more, in document order
 * (the best candidate and the siblings that continue its text), owned by
 * the document. Empty when the page has no text. */
GPtrArray  *curator_main_content_find            (CuratorHtmlDocument *document);

/* TRUE for an element that is page furniture rather than content:
 * navigation, asides, forms, share bars, comments, ads, related links,
 * cookie and newsletter boxes, hidden elements. */
gboolean    curator_main_content_is_furniture    (const GumboNode     *node);

/* The text of the first real paragraph of @nodes (a <p> with enough words
 * that is not a caption, a byline or a date), or NULL. */
char       *curator_main_content_first_paragraph (GPtrArray           *nodes);

G_END_DECLS
