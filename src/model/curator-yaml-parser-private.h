/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <yaml.h>

G_BEGIN_DECLS

/* A libyaml parser for one front matter, made from the calling thread's
 * spare when it has one. Returns FALSE when out of memory. Set its input
 * as after yaml_parser_initialize(). */
gboolean curator_yaml_parser_take      (yaml_parser_t *parser);
/* Frees @parser, or keeps it as the thread's spare. */
void     curator_yaml_parser_give_back (yaml_parser_t *parser);

G_END_DECLS
