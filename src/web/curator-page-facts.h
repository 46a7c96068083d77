/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "curator-html-document.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_PAGE_FACTS (curator_page_facts_get_type ())

G_DECLARE_FINAL_TYPE (CuratorPageFacts, curator_page_facts, CURATOR, PAGE_FACTS, GObject)

/* What a web page says about itself, read from its HTML5 tree: each fact
 * is a string property (NULL when the page does not give it) that the
 * import panel binds to and the curator can change.
 *
 * "url"         the page's address (after redirects)
 * "canonical"   <link rel=canonical>, else og:url, absolute
 * "title"       without the site's name the <title> appends
 * "description" the page's summary, else its first real paragraph
 * "author"      names, joined with ", "
 * "published"   ISO 8601: 2024-03-01, 2024-03-01T09:30:00Z or with an offset
 * "site"        the site's name
 * "image"       the featured image, absolute
 * "language"    a BCP 47 tag: en, en-US
 *
 * The sources and their order are in docs/import.md. */

typedef enum
{
  CURATOR_PAGE_FACT_URL,
  CURATOR_PAGE_FACT_CANONICAL,
  CURATOR_PAGE_FACT_TITLE,
  CURATOR_PAGE_FACT_DESCRIPTION,
  CURATOR_PAGE_FACT_AUTHOR,
  CURATOR_PAGE_FACT_PUBLISHED,
  CURATOR_PAGE_FACT_SITE,
  CURATOR_PAGE_FACT_IMAGE,
  CURATOR_PAGE_FACT_LANGUAGE,
  CURATOR_N_PAGE_FACTS,
} CuratorPageFact;

CuratorPageFacts *curator_page_facts_new               (void);
/* Reads the facts of a page; @html is UTF-8 (see curator_charset_decode_html),
 * @url the page's address (may be NULL: relative addresses are then
 * resolved against the page's canonical address when it gives one). */
CuratorPageFacts *curator_page_facts_new_from_html     (const char           *html,
                                                        gsize                 length,
                                                        const char           *url);
CuratorPageFacts *curator_page_facts_new_from_document (CuratorHtmlDocument  *document,
                                                        const char           *url);

/* The property name of a fact ("url", "canonical", ...), and back (-1
 * for an unknown name). */
const char       *curator_page_fact_get_name           (CuratorPageFact       fact);
int               curator_page_fact_from_name          (const char           *name);

const char       *curator_page_facts_get               (CuratorPageFacts     *self,
                                                        CuratorPageFact       fact);
/* NULL or "" clears the fact. */
void              curator_page_facts_set               (CuratorPageFacts     *self,
                                                        CuratorPageFact       fact,
                                                        const char           *value);
/* Fills the facts @self lacks from @other (what a drop carried, say). */
void              curator_page_facts_merge             (CuratorPageFacts     *self,
                                                        CuratorPageFacts     *other);
/* The base for the page's relative addresses: <base href>, the URL, or
 * the canonical address. */
const char       *curator_page_facts_get_base          (CuratorPageFacts     *self);

/* One JSON object with every fact as a key, null when absent. */
char             *curator_page_facts_to_json           (CuratorPageFacts     *self);

/* Helpers shared with the rest of the web layer. */

/* @href resolved against @base when relative; NULL for an address that is
 * not http(s) once resolved (or cannot be parsed). */
char             *curator_page_facts_resolve_url       (const char           *base,
                                                        const char           *href);
/* A date as ISO 8601 (as in "published"), from the forms pages use:
 * ISO 8601 and its variants, RFC 822 (Tue, 05 Mar 2024 10:00:00 GMT),
 * 2024/03/05, 5 March 2024, March 5, 2024. NULL when it is none. */
char             *curator_page_facts_normalize_date    (const char           *text);

G_END_DECLS
