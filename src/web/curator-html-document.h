/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <gumbo.h>

G_BEGIN_DECLS

/* An HTML5 tree built by Gumbo (the browser tree-building algorithm),
 * with the walks and reads the web layer shares. Input is UTF-8 (decode
 * with curator_charset_decode_html() first).
 *
 * Gumbo's tree building takes time in proportion to the nesting depth
 * for each tag, so a page nested thousands deep would take minutes: the
 * input is cut before the tag that would open more than
 * CURATOR_HTML_MAX_DEPTH elements (browsers cap the depth too; Blink at
 * 512). Real pages nest a few dozen deep. */

#define CURATOR_HTML_MAX_DEPTH 256
/* Unclosed formatting elements are opened again in every block after
 * them, so a small page can make a tree of millions of elements: the
 * input is cut before the tag that would make the tree hold more than
 * this many (real pages hold a few thousand). */
#define CURATOR_HTML_MAX_ELEMENTS 100000

typedef struct _CuratorHtmlDocument CuratorHtmlDocument;

/* A whole page. */
CuratorHtmlDocument *curator_html_document_parse          (const char          *text,
                                                           gsize                length);
/* A fragment as if it were the inside of a <body> (what a drop or a paste
 * carries, or a content file's body). */
CuratorHtmlDocument *curator_html_document_parse_fragment (const char          *text,
                                                           gsize                length);
void                 curator_html_document_free           (CuratorHtmlDocument *self);

/* The document node, the <html> element, its <head> and <body> (NULL
 * when missing, e.g. a <frameset> page). For a fragment, get_body()
 * returns the element whose children are the fragment. */
GumboNode           *curator_html_document_get_document   (CuratorHtmlDocument *self);
GumboNode           *curator_html_document_get_root       (CuratorHtmlDocument *self);
GumboNode           *curator_html_document_get_head       (CuratorHtmlDocument *self);
GumboNode           *curator_html_document_get_body       (CuratorHtmlDocument *self);
/* TRUE when the input was cut at the depth cap. */
gboolean             curator_html_document_was_truncated  (CuratorHtmlDocument *self);

/* Where the input must be cut so that no element nests deeper than
 * @max_depth and the tree holds no more than @max_elements (by a
 * tokenizer-level estimate that ignores elements the parser closes by
 * itself, such as p and li, and errs high); @length when it need not. */
gsize                curator_html_depth_limit             (const char          *text,
                                                           gsize                length,
                                                           guint                max_depth,
                                                           gsize                max_elements);

/* Reading nodes. */
gboolean     curator_html_is_element     (const GumboNode *node,
                                          GumboTag         tag);
/* TRUE for an element named @name (lower case), also one Gumbo has no
 * tag for (picture, dialog, custom elements). */
gboolean     curator_html_is_named       (const GumboNode *node,
                                          const char      *name);
/* The value of attribute @name (lower case), or NULL. */
const char  *curator_html_get_attribute  (const GumboNode *node,
                                          const char      *name);
/* The children of an element, a template or the document (NULL for text). */
GumboVector *curator_html_get_children   (const GumboNode *node);
/* The next node of a pre-order walk of @root's subtree, without going
 * into @node's children when @skip_children; NULL at the end. */
GumboNode   *curator_html_next           (GumboNode       *node,
                                          GumboNode       *root,
                                          gboolean         skip_children);
/* The text of @node and its descendants (script, style and template
 * contents left out), white space collapsed to single spaces and trimmed. */
char        *curator_html_dup_text       (const GumboNode *node);
/* Appends the raw text of @node's descendants, as the DOM's textContent
 * would without script and style. */
void         curator_html_append_text    (GString         *out,
                                          const GumboNode *node);

/* The address an <img> shows, lazy loaders included: data-src and the
 * like, then the largest candidate of data-srcset or srcset, then src
 * (a data: placeholder is passed over; a <source> of an enclosing
 * <picture> when the image has none). *@allocated holds the string when
 * one had to be made (free it); the result may be NULL. */
const char  *curator_html_image_source   (const GumboNode *img,
                                          char           **allocated);

/* White space runs (ASCII and U+00A0) become one space; the ends are
 * trimmed. Returns a new string. */
char        *curator_html_collapse_whitespace (const char *text);
/* @text with character references decoded as in HTML text (all the
 * standard's named references, numeric ones); text without '&' is
 * returned as a copy. Tags are left as they are. */
char        *curator_html_decode_entities     (const char *text);
/* @text without tags (parsed as a fragment, its text kept), decoded and
 * collapsed: for metadata values that carry markup. */
char        *curator_html_strip_tags          (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorHtmlDocument, curator_html_document_free)

G_END_DECLS
