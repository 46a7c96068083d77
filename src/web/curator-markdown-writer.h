/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sanitized HTML (curator_html_sanitize's output) written as CommonMark,
 * for folders whose bodies are Markdown: paragraphs, headings, lists,
 * quotes, fenced code, pipe tables, links, images, emphasis. Hugo's
 * Goldmark drops raw HTML by default, so none is left in the output.
 * Blocks are separated by a blank line; the text is escaped where
 * Markdown would read it as markup. */
char *curator_markdown_from_html (const char *html);

G_END_DECLS
