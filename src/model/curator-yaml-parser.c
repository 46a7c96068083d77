/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-yaml-parser"

#include "config.h"

#include <string.h>

#include "curator-yaml-parser-private.h"

/* Each thread keeps the parser of its last front matter for the next one.
 * A new libyaml parser allocates 64 KB of input buffers and six queues and
 * stacks; freeing them merges chunks of over 64 KB, and glibc then
 * consolidates every small block libyaml freed meanwhile. On front matters
 * of a few hundred bytes (Hugo docs pages) that was 3,100 instructions a
 * file, a quarter of what opening one cost beyond the bare scan.
 *
 * Reusing one rests on yaml_parser_t's fields (public in yaml.h): a parser
 * is kept only after a parse that left nothing allocated in its queues (no
 * error, no token waiting, no tag directive open), and is emptied as
 * yaml_parser_initialize() leaves a new one, its buffers kept. A libyaml
 * other than 0.2 (whose fields these are) gets a new parser each time. */

static void spare_parser_free (gpointer data);
static GPrivate spare_parser = G_PRIVATE_INIT (spare_parser_free);

static void
spare_parser_free (gpointer data)
{
  yaml_parser_t *parser = data;

  yaml_parser_delete (parser);
  g_free (parser);
}

static gboolean
can_reuse_parsers (void)
{
  static gsize known;
  static gboolean reuse;

  if (g_once_init_enter (&known))
    {
      int major = 0, minor = 0, patch = 0;

      yaml_get_version (&major, &minor, &patch);
      reuse = major == 0 && minor == 2;
      g_once_init_leave (&known, 1);
    }
  return reuse;
}

gboolean
curator_yaml_parser_take (yaml_parser_t *parser)
{
  yaml_parser_t *spare = g_private_get (&spare_parser);
  yaml_parser_t kept;

  if (spare == NULL || spare->raw_buffer.start == NULL)
    return yaml_parser_initialize (parser) != 0;

  /* The spare is empty again until this one comes back. */
  kept = *spare;
  memset (spare, 0, sizeof *spare);
  memset (parser, 0, sizeof *parser);

  parser->raw_buffer.start = parser->raw_buffer.pointer = parser->raw_buffer.last = kept.raw_buffer.start;
  parser->raw_buffer.end = kept.raw_buffer.end;
  parser->buffer.start = parser->buffer.pointer = parser->buffer.last = kept.buffer.start;
  parser->buffer.end = kept.buffer.end;
  parser->tokens.start = parser->tokens.head = parser->tokens.tail = kept.tokens.start;
  parser->tokens.end = kept.tokens.end;
  parser->indents.start = parser->indents.top = kept.indents.start;
  parser->indents.end = kept.indents.end;
  parser->simple_keys.start = parser->simple_keys.top = kept.simple_keys.start;
  parser->simple_keys.end = kept.simple_keys.end;
  parser->states.start = parser->states.top = kept.states.start;
  parser->states.end = kept.states.end;
  parser->marks.start = parser->marks.top = kept.marks.start;
  parser->marks.end = kept.marks.end;
  parser->tag_directives.start = parser->tag_directives.top = kept.tag_directives.start;
  parser->tag_directives.end = kept.tag_directives.end;
  return TRUE;
}

void
curator_yaml_parser_give_back (yaml_parser_t *parser)
{
  yaml_parser_t *spare;

  /* Only the queue of tokens and the tag directives hold allocations of
   * their own; the other stacks hold plain values. */
  if (!can_reuse_parsers () || parser->error != YAML_NO_ERROR ||
      parser->tokens.head != parser->tokens.tail ||
      parser->tag_directives.top != parser->tag_directives.start)
    {
      yaml_parser_delete (parser);
      return;
    }

  spare = g_private_get (&spare_parser);
  if (spare == NULL)
    {
      spare = g_new0 (yaml_parser_t, 1);
      g_private_set (&spare_parser, spare);
    }
  if (spare->raw_buffer.start != NULL)
    {
      /* Two parsers at once on this thread: keep one. */
      yaml_parser_delete (parser);
      return;
    }
  *spare = *parser;
  memset (parser, 0, sizeof *parser);
}
