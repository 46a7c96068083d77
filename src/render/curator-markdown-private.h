/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>

#include "curator-link-definitions.h"

G_BEGIN_DECLS

#define UTF8_BOM "\xef\xbb\xbf"

/* The first @needle in the @length bytes at @text, or NULL: memmem()
 * without _GNU_SOURCE. GLib's g_strstr_len() compares at every byte;
 * memchr() skips to the candidates, many bytes at a time. */
static inline const char *
curator_markdown_find (const char *text,
                       gsize       length,
                       const char *needle)
{
  gsize needle_length = strlen (needle);
  const char *end = text + length;

  if (needle_length == 0)
    return text;
  while ((gsize)(end - text) >= needle_length)
    {
      const char *at = memchr (text, needle[0], (end - text) - needle_length + 1);

      if (at == NULL)
        return NULL;
      if (memcmp (at, needle, needle_length) == 0)
        return at;
      text = at + 1;
    }
  return NULL;
}

/* cmark-gfm's CMARK_NODE_TYPE_BLOCK_P, which it keeps to itself. */
#define CURATOR_CMARK_IS_BLOCK(type) (((type) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)

/* Definition lists (PHP Markdown Extra, as goldmark parses them for
 * Hugo): a paragraph's lines become terms when a line ": text" follows
 * it. The parse leaves each run of terms and descriptions in a list of
 * its own: curator_deflist_merge() joins neighbouring lists, as goldmark
 * keeps them one. */
typedef struct
{
  cmark_node_type dl;
  cmark_node_type dt;
  cmark_node_type dd;
} CuratorDeflistTypes;

cmark_syntax_extension    *curator_deflist_extension_get (const CuratorDeflistTypes **types);
void                       curator_deflist_merge         (cmark_node                 *root);
gboolean                   curator_deflist_dd_is_tight   (cmark_node                 *dd);

/* goldmark's typographer (Hugo's default "typographer" extension): the
 * text of a run of the inline text of one block, with quotes, dashes,
 * ellipses and angle quotes replaced by entities. See
 * curator-typographer.c for what @flat and @text_offset are.
 *
 * The count of quotes left open goes on from block to block to the end
 * of the page, as in goldmark 1.5.4 (its reset at the end of a block is
 * never called). */
typedef struct
{
  int single_quotes;
  int double_quotes;
} CuratorTypographerState;

void curator_typographer_append (GString                 *html,
                                 const char              *flat,
                                 gsize                    flat_length,
                                 gsize                    text_offset,
                                 gsize                    text_length,
                                 gboolean                 escape,
                                 CuratorTypographerState *state);

/* One run of a body rendered alone (see curator-body-renderer.c): its
 * HTML, less the automatic ids of its headings, which depend on the
 * headings before it. */
typedef struct
{
  /* Where ` id="…"` goes in the HTML, or G_MAXSIZE for an id given in
   * the Markdown ({#id}), already written: it only counts as taken. */
  gsize  offset;
  char  *id;
} CuratorHeadingSlot;

/* A footnote reference: where it goes in the HTML, and the footnote it
 * refers to, by the line its definition starts at (the same in every
 * chunk of a body: they all come with the body's definitions first).
 * The numbers are the page's, given when the chunks are put together. */
typedef struct
{
  gsize offset;
  guint footnote;
} CuratorFootnoteSlot;

/* A footnote's definition as rendered, for the list at the end. */
typedef struct
{
  guint  id;
  char  *html;
  /* Where the back links go in it, and the references in it. */
  gsize  backlinks;
  GArray *references;     /* CuratorFootnoteSlot */
} CuratorFootnote;

typedef struct
{
  char     *html;
  GArray   *headings;     /* CuratorHeadingSlot */
  GArray   *references;   /* CuratorFootnoteSlot */
  GPtrArray *footnotes;   /* CuratorFootnote, the ones referred to */
  /* The typographer's count of open quotes after the chunk. */
  CuratorTypographerState quotes;
  guint     n_raw_html;   /* raw HTML blocks and inline tags, not comments */
  /* What a neighbour rendered alone could change: a fenced code block or
   * an HTML block left open at the end takes in what follows; definition
   * lists side by side are one list (their HTML is joined). */
  guint     ends_open : 1;
  guint     starts_with_dl : 1;
  guint     ends_with_dl : 1;
  /* The definitions given made a block: they were not all definitions,
   * and the body must be rendered whole. */
  guint     definitions_shown : 1;
} CuratorMarkdownChunk;

CuratorMarkdownChunk *curator_markdown_render_chunk (const char                    *text,
                                                     gsize                          length,
                                                     gboolean                       raw_html,
                                                     const CuratorTypographerState *quotes,
                                                     const char                    *definitions);

/* What a chunk parsed alone says of the rest of the body: whether it
 * ends open or with a definition list, as above, and its definitions, as
 * written. */
typedef struct
{
  char                  *definitions;
  /* The labels it may refer to (the first word of each). */
  CuratorLinkReferences  references;
  guint                  ends_open : 1;
  guint                  ends_with_dl : 1;
  /* "]:" where the outline cannot tell a definition. */
  guint                  unknown_definitions : 1;
  /* It starts with definitions taken out of a paragraph right before a
   * definition list's terms or ':' line: after a list, they would be
   * terms of that list (see curator-deflist.c). */
  guint                  starts_with_definitions_of_terms : 1;
  /* Its first block, after link definitions, starts with a ": " line
   * (alone a paragraph or a term): in the body, the block before the
   * definitions may be its term. */
  guint                  starts_with_description : 1;
} CuratorMarkdownOutline;

CuratorMarkdownOutline *curator_markdown_outline      (const char             *text,
                                                       gsize                   length);
void                    curator_markdown_outline_free (CuratorMarkdownOutline *outline);
void                  curator_markdown_chunk_free   (CuratorMarkdownChunk       *chunk);
/* The unique ids of a page's headings, kept from one assembly to the
 * next. */
typedef struct _CuratorHeadingIds CuratorHeadingIds;

CuratorHeadingIds    *curator_heading_ids_new       (void);
void                  curator_heading_ids_free      (CuratorHeadingIds          *self);

/* Appends the chunks' HTML to @html with the headings' ids, made unique
 * across them as Hugo makes them unique in a page and kept in
 * @heading_ids (taken from it when the headings ask for the same ids as
 * last time), the footnote references numbered in page order and the
 * list of footnotes last. */
void                  curator_markdown_assemble     (GString                    *html,
                                                     CuratorMarkdownChunk * const *chunks,
                                                     guint                       n_chunks,
                                                     CuratorHeadingIds          *heading_ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorMarkdownChunk, curator_markdown_chunk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorMarkdownOutline, curator_markdown_outline_free)

/* A Markdown body rendered in one run, for the tests: what rendering in
 * runs must give. */
typedef struct _CuratorBodyRenderer CuratorBodyRenderer;
char *curator_body_renderer_render_whole (CuratorBodyRenderer *self,
                                          const char          *body);
/* How many runs the last body was rendered in (1: whole). */
guint curator_body_renderer_get_n_runs    (CuratorBodyRenderer *self);

/* The HTML escaping goldmark gives text: & < > " */
void curator_markdown_append_escaped (GString    *html,
                                      const char *text,
                                      gsize       length);

G_END_DECLS
