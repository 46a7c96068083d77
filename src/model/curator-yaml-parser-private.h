/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <yaml.h>

G_BEGIN_DECLS

/* A libyaml parser for one front matter, made from the calling thread's
 * spare when it has one. Returns FALSE when out of memory. Set its input
 * as after yaml_parser_initialize(). */
gboolean curator_yaml_parser_take      (yaml_parser_t *parser);
/* Sets @parser's input to @length bytes of UTF-8 at @data, which must
 * outlive the parse; as yaml_parser_set_input_string() and
 * yaml_parser_set_encoding() do, but faster on text libyaml accepts. */
void     curator_yaml_parser_set_input (yaml_parser_t *parser,
                                        const char    *data,
                                        gsize          length);
/* Whether this libyaml is one whose parser fields Curator knows (0.2):
 * only then are parsers reused and input copied. */
gboolean curator_yaml_parser_knows_fields (void);
/* Frees @parser, or keeps it as the thread's spare. */
void     curator_yaml_parser_give_back (yaml_parser_t *parser);

G_END_DECLS
