/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-yaml-tree"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <yaml.h>

#include "curator-yaml-tree.h"
#include "curator-error.h"
#include "curator-position-private.h"
#include "curator-node-private.h"
#include "curator-scalar-private.h"
#include "curator-yaml-parser-private.h"

/* The tree builder runs its own libyaml event loop (no yaml_document_t:
 * libyaml's document loader expands nothing but copies everything, has no
 * depth limit and loses the byte positions we need). Each event becomes a
 * node with byte spans into the file; nodes and strings come from a few
 * large chunks freed with the tree. */

#define UTF8_BOM "\xef\xbb\xbf"

/* Mappings with more keys than this check duplicates with a hash table. */
#define LINEAR_KEY_CHECK_MAX 48

/* Nodes and strings come from chunks of this size (a typical front
 * matter needs one). Freed chunks wait in a small pool for the next tree:
 * parsing a folder then makes no large malloc, each of which would make
 * glibc consolidate the many small blocks libyaml frees. */
#define CHUNK_SIZE      (32 * 1024)
#define CHUNK_POOL_MAX  16

typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk *next;
  gsize  size;
  char   memory[];  /* follows two words: aligned for any node field */
};
G_STATIC_ASSERT (G_STRUCT_OFFSET (Chunk, memory) % 8 == 0);

G_LOCK_DEFINE_STATIC (chunk_pool);
static Chunk *chunk_pool;
static guint  chunk_pool_length;

static Chunk *
chunk_new (gsize size)
{
  Chunk *chunk = NULL;

  if (size <= CHUNK_SIZE)
    {
      G_LOCK (chunk_pool);
      if (chunk_pool != NULL)
        {
          chunk = chunk_pool;
          chunk_pool = chunk->next;
          chunk_pool_length--;
        }
      G_UNLOCK (chunk_pool);
      size = CHUNK_SIZE;
    }

  if (chunk == NULL)
    {
      chunk = g_malloc (sizeof (Chunk) + size);
      chunk->size = size;
    }
  chunk->next = NULL;
  return chunk;
}

static void
chunks_free (Chunk *chunk)
{
  while (chunk != NULL)
    {
      Chunk *next = chunk->next;
      gboolean pooled = FALSE;

      if (chunk->size == CHUNK_SIZE)
        {
          G_LOCK (chunk_pool);
          if (chunk_pool_length < CHUNK_POOL_MAX)
            {
              chunk->next = chunk_pool;
              chunk_pool = chunk;
              chunk_pool_length++;
              pooled = TRUE;
            }
          G_UNLOCK (chunk_pool);
        }
      if (!pooled)
        g_free (chunk);
      chunk = next;
    }
}

typedef struct
{
  CuratorNode *node;
  CuratorNode *pending_key;     /* mappings: the key waiting for its value */
  GHashTable  *seen_keys;       /* large mappings only: key text -> key node */
  gsize        last_end;        /* end of the previous child: the gap before a key */
  /* Small mappings: one bit per key_bloom_bit() of the keys so far; a key
   * whose bit is clear is new without comparing it to the others. */
  guint64      key_bloom[2];
  /* Where its children and keys start on the builder's stacks. */
  gsize        children_base;
  gsize        keys_base;
} Frame;

typedef struct
{
  CuratorNode *node;
  guint        hash;            /* quick_key_hash() of its text */
} KeyEntry;

/* The children and keys of the open collections, innermost last: a
 * collection's arrays are made once, at its end, at their final size. */
#define STACK_INLINE 256

typedef struct
{
  CuratorNode **children;
  gsize         n_children;
  gsize         children_capacity;
  KeyEntry     *keys;
  gsize         n_keys;
  gsize         keys_capacity;
  CuratorNode  *children_inline[STACK_INLINE];
  KeyEntry      keys_inline[STACK_INLINE];
} Stacks;

typedef struct
{
  CuratorYamlTree *tree;
  const char      *data;        /* the whole file */
  gsize            text_start;  /* the first byte libyaml sees (after a BOM) */
  gsize            end;

  /* libyaml marks count characters: a cursor turns them into bytes,
   * moving forward as the events do (and back for the odd earlier mark). */
  gboolean         ascii;
  /* Only LF line breaks: line ends are a memchr away. */
  gboolean         lf_only;
  /* NEL, LS or PS in the text: libyaml counts them as line breaks, an
   * editor does not, so lines and columns are counted from the bytes. */
  gboolean         unicode_breaks;
  gsize            position_byte;
  guint            position_line;
  gsize            position_line_start;
  gsize            cursor_char;
  gsize            cursor_byte;

  char            *chunk;
  gsize            chunk_left;

  guint            n_frames;

  GHashTable      *anchors;     /* name -> complete anchored node */
  Stacks          *stacks;
  guint            n_documents;

  /* The last line end found, so siblings on one long line (a flow list)
   * do not scan it again each. */
  gsize            line_end_from;
  gsize            line_end_at;

  /* Last: not cleared up front, set up as it is used. */
  Frame            stack[CURATOR_YAML_MAX_DEPTH + 1];
} Builder;

G_DEFINE_BOXED_TYPE (CuratorYamlTree, curator_yaml_tree,
                     curator_yaml_tree_ref, curator_yaml_tree_unref)

static inline gpointer
builder_alloc (Builder *b,
               gsize    size)
{
  gpointer mem;

  size = (size + 7) & ~(gsize) 7;
  if (G_UNLIKELY (size > b->chunk_left))
    {
      Chunk *chunk = chunk_new (size);

      chunk->next = b->tree->chunks;
      b->tree->chunks = chunk;
      /* A long string gets a chunk of its own; the current one goes on. */
      if (size > CHUNK_SIZE / 4)
        return chunk->memory;
      b->chunk = chunk->memory;
      b->chunk_left = chunk->size;
    }

  mem = b->chunk;
  b->chunk += size;
  b->chunk_left -= size;
  return mem;
}

static char *
builder_strndup (Builder    *b,
                 const char *text,
                 gsize       length)
{
  char *copy = builder_alloc (b, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

static gsize
builder_byte_of_slow (Builder *b,
                      gsize    char_index)
{
  const guchar *text = (const guchar *) b->data + b->text_start;
  gsize length = b->end - b->text_start;

  /* Eight ASCII characters at a time. */
  while (b->cursor_char + 8 <= char_index && b->cursor_byte + 8 <= length)
    {
      guint64 word;

      memcpy (&word, text + b->cursor_byte, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
      b->cursor_byte += 8;
      b->cursor_char += 8;
    }
  while (b->cursor_char < char_index && b->cursor_byte < length)
    {
      guchar c = text[b->cursor_byte];

      b->cursor_byte += G_LIKELY (c < 0x80) ? 1 : (gsize) g_utf8_skip[c];
      b->cursor_char++;
    }
  while (b->cursor_char > char_index && b->cursor_byte > 0)
    {
      do
        b->cursor_byte--;
      while (b->cursor_byte > 0 && (text[b->cursor_byte] & 0xC0) == 0x80);
      b->cursor_char--;
    }

  return b->text_start + MIN (b->cursor_byte, length);
}

/* The byte offset in the file of libyaml's character index @char_index. */
static inline gsize
builder_byte_of (Builder *b,
                 gsize    char_index)
{
  if (G_LIKELY (b->ascii))
    return b->text_start + MIN (char_index, b->end - b->text_start);
  return builder_byte_of_slow (b, char_index);
}

/* The length of the line break at @pos, as libyaml sees breaks: LF, CR,
 * CRLF, NEL (U+0085), LS (U+2028), PS (U+2029). */
static inline gsize
break_length_at (const char *data,
                 gsize       end,
                 gsize       pos)
{
  const guchar *d = (const guchar *) data;

  if (pos >= end)
    return 0;
  switch (d[pos])
    {
    case '\n':
      return 1;
    case '\r':
      return (pos + 1 < end && d[pos + 1] == '\n') ? 2 : 1;
    case 0xC2:
      return (pos + 1 < end && d[pos + 1] == 0x85) ? 2 : 0;
    case 0xE2:
      return (pos + 2 < end && d[pos + 1] == 0x80 && (d[pos + 2] == 0xA8 || d[pos + 2] == 0xA9)) ? 3 : 0;
    default:
      return 0;
    }
}

/* Whether a line break ends right before @pos (so @pos starts a line). */
static inline gboolean
break_ends_before (const char *data,
                   gsize       start,
                   gsize       pos)
{
  const guchar *d = (const guchar *) data;

  if (pos <= start)
    return TRUE;
  if (d[pos - 1] == '\n' || d[pos - 1] == '\r')
    return TRUE;
  if (pos - start >= 2 && d[pos - 1] == 0x85 && d[pos - 2] == 0xC2)
    return TRUE;
  if (pos - start >= 3 && (d[pos - 1] == 0xA8 || d[pos - 1] == 0xA9) &&
      d[pos - 2] == 0x80 && d[pos - 3] == 0xE2)
    return TRUE;
  return FALSE;
}

static gsize
builder_line_end (Builder *b,
                  gsize    pos)
{
  gsize p;

  if (pos >= b->line_end_from && pos <= b->line_end_at)
    return b->line_end_at;

  if (b->lf_only)
    {
      const char *nl = pos < b->end ? memchr (b->data + pos, '\n', b->end - pos) : NULL;

      b->line_end_from = pos;
      b->line_end_at = nl != NULL ? (gsize) (nl - b->data) : b->end;
      return b->line_end_at;
    }

  for (p = pos; p < b->end; p++)
    {
      guchar c = (guchar) b->data[p];

      if ((c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2) &&
          break_length_at (b->data, b->end, p) > 0)
        break;
    }

  b->line_end_from = pos;
  b->line_end_at = p;
  return p;
}

/* 0-based column in characters of byte @pos. */
static guint
builder_column_of (Builder *b,
                   gsize    pos)
{
  gsize line_start = pos;
  guint column = 0;

  while (!break_ends_before (b->data, b->text_start, line_start))
    line_start--;
  for (gsize i = line_start; i < pos; i++)
    if (((guchar) b->data[i] & 0xC0) != 0x80)
      column++;
  return column;
}

/* File line (1-based) and column (1-based, characters) of byte @pos,
 * counting only LF, CR and CRLF as line breaks. A cursor moves forward
 * with the events. */
static void
builder_position_of (Builder *b,
                     gsize    pos,
                     guint   *line,
                     guint   *column)
{
  guint col = 1;

  if (pos < b->position_byte)
    {
      b->position_byte = b->text_start;
      b->position_line = b->tree->first_line;
      b->position_line_start = b->text_start;
    }

  for (; b->position_byte < pos; b->position_byte++)
    {
      char c = b->data[b->position_byte];

      if (c == '\n' || (c == '\r' && (b->position_byte + 1 >= b->end || b->data[b->position_byte + 1] != '\n')))
        {
          b->position_line++;
          b->position_line_start = b->position_byte + 1;
        }
    }

  for (gsize i = b->position_line_start; i < pos; i++)
    if (((guchar) b->data[i] & 0xC0) != 0x80)
      col++;

  *line = b->position_line;
  *column = col;
}

/* File line and column of a libyaml mark. */
static void
builder_mark_position (Builder           *b,
                       const yaml_mark_t *mark,
                       guint             *line,
                       guint             *column)
{
  if (b->unicode_breaks)
    {
      builder_position_of (b, builder_byte_of (b, mark->index), line, column);
      return;
    }
  *line = b->tree->first_line + (guint) mark->line;
  *column = (guint) mark->column + 1;
}

static inline gboolean
is_blank_or_break (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skips spaces, line breaks and comments from @pos; stops at @limit. */
static gsize
skip_blanks_and_comments (Builder *b,
                          gsize    pos,
                          gsize    limit)
{
  while (pos < limit)
    {
      guchar c = (guchar) b->data[pos];

      if (is_blank_or_break (c))
        pos++;
      else if (c == '#')
        pos = builder_line_end (b, pos);
      else if (break_length_at (b->data, limit, pos) > 0)
        pos += break_length_at (b->data, limit, pos);
      else
        break;
    }
  return MIN (pos, limit);
}

static inline gboolean
is_anchor_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';  /* as libyaml 0.2.5 reads anchors */
}

/* Reads the node properties (&anchor, !tag, in either order) written at
 * @node->start: sets the tag as written and the start of the value. */
static void
builder_read_properties (Builder     *b,
                         CuratorNode *node,
                         gsize        limit)
{
  gsize pos = node->start;

  for (guint i = 0; i < 2 && pos < limit; i++)
    {
      if (b->data[pos] == '&')
        {
          for (pos++; pos < limit && is_anchor_char ((guchar) b->data[pos]); pos++)
            ;
        }
      else if (b->data[pos] == '!')
        {
          gsize tag_start = pos;

          if (pos + 1 < limit && b->data[pos + 1] == '<')
            {
              while (pos < limit && b->data[pos] != '>')
                pos++;
              if (pos < limit)
                pos++;
            }
          else
            {
              while (pos < limit && !is_blank_or_break ((guchar) b->data[pos]) &&
                     b->data[pos] != ',' && b->data[pos] != ']' && b->data[pos] != '}' &&
                     break_length_at (b->data, limit, pos) == 0)
                pos++;
            }
          node->tag = builder_strndup (b, b->data + tag_start, pos - tag_start);
        }
      else
        break;

      while (pos < limit && (b->data[pos] == ' ' || b->data[pos] == '\t'))
        pos++;
    }

  node->value_start = skip_blanks_and_comments (b, pos, limit);
}

static CuratorNode *
builder_new_node (Builder           *b,
                  CuratorNodeKind    kind,
                  const yaml_mark_t *start_mark,
                  const yaml_mark_t *end_mark,
                  const char        *anchor,
                  const char        *tag)
{
  CuratorNode *node = builder_alloc (b, sizeof (CuratorNode));

  /* Field by field: a memset of fresh memory costs more than the rest. */
  node->kind = kind;
  node->style = CURATOR_NODE_STYLE_PLAIN;
  node->scalar_type = CURATOR_SCALAR_STRING;
  node->yaml11_ambiguous = FALSE;
  node->indentless = FALSE;
  node->value = NULL;
  node->tag = NULL;
  node->anchor = NULL;
  node->parent = NULL;
  node->key = NULL;
  node->keys = NULL;
  node->children = NULL;
  node->line_end = 0;
  node->depth = 0;
  node->index = 0;
  node->alias_target = NULL;
  node->start = builder_byte_of (b, start_mark->index);
  node->end = builder_byte_of (b, end_mark->index);
  if (G_UNLIKELY (b->unicode_breaks))
    builder_position_of (b, node->start, &node->line, &node->column);
  else
    {
      node->line = b->tree->first_line + (guint) start_mark->line;
      node->column = (guint) start_mark->column + 1;
    }
  node->value_start = node->start;

  if (anchor != NULL || tag != NULL)
    {
      /* Scalars stop at their end; a collection's value lies beyond
       * the properties' end mark. */
      builder_read_properties (b, node, kind == CURATOR_NODE_SCALAR ? node->end : b->end);
      if (anchor != NULL)
        node->anchor = builder_strndup (b, anchor, strlen (anchor));
    }

  if (node->value_start == node->start)
    node->indent = node->column - 1;
  else
    node->indent = builder_column_of (b, node->value_start);

  return node;
}

static void
set_error_at (Builder     *b,
              GError     **error,
              CuratorError code,
              guint        line,
              guint        column,
              const char  *message)
{
  curator_set_position_error (error, CURATOR_ERROR, code, line, column, "%s", message);
}

static const char *
kind_name (const CuratorNode *node)
{
  switch (node->kind)
    {
    case CURATOR_NODE_MAPPING:
      return _("a mapping");
    case CURATOR_NODE_SEQUENCE:
      return _("a list");
    case CURATOR_NODE_ALIAS:
      return _("an alias");
    case CURATOR_NODE_SCALAR:
    default:
      return _("a scalar");
    }
}

/* Tells most different keys apart without reading them whole. */
static inline guint
quick_key_hash (const char *key)
{
  gsize length = strlen (key);

  if (length == 0)
    return 0;
  return (guint) length << 16 ^ (guint) (guchar) key[0] << 8 ^ (guint) (guchar) key[length - 1];
}

static inline guint
key_bloom_bit (guint hash)
{
  return (hash * 0x9E3779B1u) >> 25;    /* 0..127 */
}

static void
stacks_init (Stacks *stacks)
{
  stacks->children = stacks->children_inline;
  stacks->n_children = 0;
  stacks->children_capacity = STACK_INLINE;
  stacks->keys = stacks->keys_inline;
  stacks->n_keys = 0;
  stacks->keys_capacity = STACK_INLINE;
}

static void
stacks_clear (Stacks *stacks)
{
  if (stacks->children != stacks->children_inline)
    g_free (stacks->children);
  if (stacks->keys != stacks->keys_inline)
    g_free (stacks->keys);
}

static gpointer
stack_grow (gpointer  items,
            gpointer  inline_items,
            gsize    *capacity,
            gsize     item_size)
{
  gsize new_capacity = *capacity * 2;
  gpointer grown;

  if (items == inline_items)
    {
      grown = g_malloc_n (new_capacity, item_size);
      memcpy (grown, items, *capacity * item_size);
    }
  else
    grown = g_realloc_n (items, new_capacity, item_size);
  *capacity = new_capacity;
  return grown;
}

static inline void
push_child (Stacks      *stacks,
            CuratorNode *node)
{
  if (G_UNLIKELY (stacks->n_children == stacks->children_capacity))
    stacks->children = stack_grow (stacks->children, stacks->children_inline,
                                   &stacks->children_capacity, sizeof (CuratorNode *));
  stacks->children[stacks->n_children++] = node;
}

static inline void
push_key (Stacks      *stacks,
          CuratorNode *node,
          guint        hash)
{
  if (G_UNLIKELY (stacks->n_keys == stacks->keys_capacity))
    stacks->keys = stack_grow (stacks->keys, stacks->keys_inline,
                               &stacks->keys_capacity, sizeof (KeyEntry));
  stacks->keys[stacks->n_keys].node = node;
  stacks->keys[stacks->n_keys].hash = hash;
  stacks->n_keys++;
}

/* A read-only GPtrArray holding @items, made at its final size in the
 * tree's chunks (no malloc, freed with the tree): only its public fields
 * (pdata, len) are valid, never pass it to a g_ptr_array_*() function. */
static GPtrArray *
ptr_array_from (Builder      *b,
                CuratorNode **items,
                gsize         n,
                gsize         stride)
{
  GPtrArray *array = builder_alloc (b, sizeof (GPtrArray) + n * sizeof (gpointer));

  array->len = (guint) n;
  if (n == 0)
    {
      array->pdata = NULL;    /* as g_ptr_array_sized_new (0) leaves it */
      return array;
    }
  array->pdata = (gpointer *) (array + 1);
  if (stride == sizeof (CuratorNode *))
    memcpy (array->pdata, items, n * sizeof (CuratorNode *));
  else
    for (gsize i = 0; i < n; i++)
      array->pdata[i] = *(CuratorNode **) ((char *) items + i * stride);
  return array;
}

static gboolean
builder_check_key (Builder      *b,
                   Frame        *frame,
                   CuratorNode  *key,
                   GError      **error)
{
  KeyEntry *keys = b->stacks->keys + frame->keys_base;
  gsize n_keys = b->stacks->n_keys - frame->keys_base;
  CuratorNode *first = NULL;
  guint hash = 0;

  if (key->kind != CURATOR_NODE_SCALAR)
    {
      g_autofree char *message =
        g_strdup_printf (_("complex key: a key must be plain text, this one is %s"),
                         kind_name (key));

      set_error_at (b, error, CURATOR_ERROR_COMPLEX_KEY, key->line, key->column, message);
      return FALSE;
    }

  /* libyaml reports "? key" exactly like "key": the indicator can only be
   * in the gap between the previous entry and this key (outside comments). */
  for (gsize pos = frame->last_end; pos < key->start; pos++)
    {
      char c = b->data[pos];

      if (c == '#')
        pos = builder_line_end (b, pos);
      else if (c == '?')
        {
          set_error_at (b, error, CURATOR_ERROR_COMPLEX_KEY, key->line, key->column,
                        _("complex key: explicit “?” keys are not supported"));
          return FALSE;
        }
    }

  if (frame->seen_keys == NULL && n_keys >= LINEAR_KEY_CHECK_MAX)
    {
      frame->seen_keys = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < n_keys; i++)
        g_hash_table_insert (frame->seen_keys, keys[i].node->value, keys[i].node);
    }

  if (frame->seen_keys != NULL)
    {
      first = g_hash_table_lookup (frame->seen_keys, key->value);
      if (first == NULL)
        g_hash_table_insert (frame->seen_keys, key->value, key);
    }
  else
    {
      guint bit;
      guint64 mask;

      hash = quick_key_hash (key->value);
      bit = key_bloom_bit (hash);
      mask = G_GUINT64_CONSTANT (1) << (bit & 63);
      if (frame->key_bloom[bit >> 6] & mask)
        {
          for (gsize i = 0; i < n_keys && first == NULL; i++)
            if (keys[i].hash == hash && strcmp (keys[i].node->value, key->value) == 0)
              first = keys[i].node;
        }
      else
        frame->key_bloom[bit >> 6] |= mask;
    }

  if (first != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("duplicate key “%s” (first defined at line %u, column %u)"),
                         key->value, first->line, first->column);

      set_error_at (b, error, CURATOR_ERROR_DUPLICATE_KEY, key->line, key->column, message);
      return FALSE;
    }

  push_key (b->stacks, key, hash);
  return TRUE;
}

/* Links a new node into the open collection (or makes it the root). */
static gboolean
builder_attach (Builder      *b,
                CuratorNode  *node,
                GError      **error)
{
  Frame *frame;
  CuratorNode *parent;

  if (b->n_frames == 0)
    {
      b->tree->root = node;
      return TRUE;
    }

  frame = &b->stack[b->n_frames - 1];
  parent = frame->node;
  node->parent = parent;
  node->depth = parent->depth + 1;

  if (parent->kind == CURATOR_NODE_MAPPING)
    {
      if (frame->pending_key == NULL)
        {
          node->index = (guint) (b->stacks->n_keys - frame->keys_base);
          if (!builder_check_key (b, frame, node, error))
            return FALSE;
          frame->pending_key = node;
          return TRUE;
        }

      node->key = frame->pending_key;
      frame->pending_key = NULL;
    }

  node->index = (guint) (b->stacks->n_children - frame->children_base);
  push_child (b->stacks, node);
  return TRUE;
}

/* A node is complete: later keys are checked from its end on, and aliases
 * may now refer to it. */
static void
builder_complete (Builder     *b,
                  CuratorNode *node)
{
  node->line_end = builder_line_end (b, node->end);

  if (b->n_frames > 0)
    b->stack[b->n_frames - 1].last_end = node->end;

  if (node->anchor != NULL && node->kind != CURATOR_NODE_ALIAS)
    {
      if (b->anchors == NULL)
        b->anchors = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (b->anchors, node->anchor, node);
    }
}

/* Block scalars: libyaml's end mark lies after the trailing blank lines;
 * the span ends with the last line holding content. A line of only
 * blanks counts as blank here. */
static gsize
block_scalar_end (Builder *b,
                  gsize    value_start,
                  gsize    end)
{
  const guchar *d = (const guchar *) b->data;
  gsize p = end;

  while (p > value_start)
    {
      guchar c = d[p - 1];

      if (is_blank_or_break (c))
        p--;
      else if (c == 0x85 && p - value_start >= 2 && d[p - 2] == 0xC2)
        p -= 2;
      else if ((c == 0xA8 || c == 0xA9) && p - value_start >= 3 &&
               d[p - 2] == 0x80 && d[p - 3] == 0xE2)
        p -= 3;
      else
        break;
    }

  while (p < end && break_length_at (b->data, end, p) == 0)
    p++;
  return p;
}

static CuratorScalarType
resolve_tagged (const char *tag,
                const char *value,
                gsize       length)
{
  static const char prefix[] = "tag:yaml.org,2002:";
  CuratorScalarType plain;
  const char *name;

  if (!g_str_has_prefix (tag, prefix))
    return CURATOR_SCALAR_STRING;

  name = tag + strlen (prefix);
  plain = curator_scalar_resolve_plain (value, length, NULL);

  if (strcmp (name, "null") == 0)
    return CURATOR_SCALAR_NULL;
  if (strcmp (name, "bool") == 0 && plain == CURATOR_SCALAR_BOOL)
    return CURATOR_SCALAR_BOOL;
  if (strcmp (name, "int") == 0 && plain == CURATOR_SCALAR_INT)
    return CURATOR_SCALAR_INT;
  if (strcmp (name, "float") == 0 &&
      (plain == CURATOR_SCALAR_FLOAT || plain == CURATOR_SCALAR_INT))
    return CURATOR_SCALAR_FLOAT;
  if (strcmp (name, "timestamp") == 0 && plain == CURATOR_SCALAR_TIMESTAMP)
    return CURATOR_SCALAR_TIMESTAMP;
  return CURATOR_SCALAR_STRING;
}

static gboolean
builder_scalar (Builder       *b,
                yaml_event_t  *event,
                GError       **error)
{
  const char *tag = (const char *) event->data.scalar.tag;
  const char *value = (const char *) event->data.scalar.value;
  gsize length = event->data.scalar.length;
  CuratorNode *node;

  node = builder_new_node (b, CURATOR_NODE_SCALAR, &event->start_mark, &event->end_mark,
                           (const char *) event->data.scalar.anchor, tag);

  /* "\0" in a double-quoted scalar: values are C strings here, and a
   * truncated value would be a guess. Only an escape makes a NUL: libyaml
   * refuses a raw one in the input ("control characters are not
   * allowed"), so other styles need no look. */
  if (G_UNLIKELY (event->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
                  memchr (value, '\0', length) != NULL))
    {
      set_error_at (b, error, CURATOR_ERROR_PARSE, node->line, node->column,
                    _("a NUL character (\\0) in a value is not supported"));
      return FALSE;
    }

  node->value = builder_strndup (b, value, length);

  switch (event->data.scalar.style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      node->style = CURATOR_NODE_STYLE_SINGLE_QUOTED;
      break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      node->style = CURATOR_NODE_STYLE_DOUBLE_QUOTED;
      break;
    case YAML_LITERAL_SCALAR_STYLE:
      node->style = CURATOR_NODE_STYLE_LITERAL;
      node->end = block_scalar_end (b, node->value_start, node->end);
      break;
    case YAML_FOLDED_SCALAR_STYLE:
      node->style = CURATOR_NODE_STYLE_FOLDED;
      node->end = block_scalar_end (b, node->value_start, node->end);
      break;
    case YAML_PLAIN_SCALAR_STYLE:
    case YAML_ANY_SCALAR_STYLE:
    default:
      node->style = CURATOR_NODE_STYLE_PLAIN;
      break;
    }

  if (tag != NULL && strcmp (tag, "!") != 0)
    node->scalar_type = resolve_tagged (tag, value, length);
  else if (tag == NULL && node->style == CURATOR_NODE_STYLE_PLAIN)
    {
      gboolean ambiguous = FALSE;

      node->scalar_type = curator_scalar_resolve_plain (value, length, &ambiguous);
      node->yaml11_ambiguous = ambiguous;
    }
  else
    node->scalar_type = CURATOR_SCALAR_STRING;

  if (!builder_attach (b, node, error))
    return FALSE;
  builder_complete (b, node);
  return TRUE;
}

static gboolean
builder_alias (Builder       *b,
               yaml_event_t  *event,
               GError       **error)
{
  const char *name = (const char *) event->data.alias.anchor;
  CuratorNode *node;

  node = builder_new_node (b, CURATOR_NODE_ALIAS, &event->start_mark, &event->end_mark,
                           NULL, NULL);
  node->style = CURATOR_NODE_STYLE_PLAIN;
  node->anchor = builder_strndup (b, name, strlen (name));
  if (b->anchors != NULL)
    node->alias_target = g_hash_table_lookup (b->anchors, name);

  if (!builder_attach (b, node, error))
    return FALSE;
  builder_complete (b, node);
  return TRUE;
}

static gboolean
builder_collection_start (Builder       *b,
                          yaml_event_t  *event,
                          GError       **error)
{
  gboolean mapping = event->type == YAML_MAPPING_START_EVENT;
  const char *anchor, *tag;
  gboolean flow;
  CuratorNode *node;
  Frame *frame;

  if (mapping)
    {
      anchor = (const char *) event->data.mapping_start.anchor;
      tag = (const char *) event->data.mapping_start.tag;
      flow = event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    }
  else
    {
      anchor = (const char *) event->data.sequence_start.anchor;
      tag = (const char *) event->data.sequence_start.tag;
      flow = event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    }

  node = builder_new_node (b, mapping ? CURATOR_NODE_MAPPING : CURATOR_NODE_SEQUENCE,
                           &event->start_mark, &event->end_mark, anchor, tag);

  if (b->n_frames >= CURATOR_YAML_MAX_DEPTH)
    {
      g_autofree char *message =
        g_strdup_printf (_("nested deeper than %d levels: refusing to parse"),
                         CURATOR_YAML_MAX_DEPTH);

      set_error_at (b, error, CURATOR_ERROR_TOO_DEEP, node->line, node->column, message);
      return FALSE;
    }

  node->style = flow ? CURATOR_NODE_STYLE_FLOW : CURATOR_NODE_STYLE_BLOCK;

  if (!builder_attach (b, node, error))
    return FALSE;

  if (!mapping && !flow && node->parent != NULL &&
      node->parent->kind == CURATOR_NODE_MAPPING &&
      node->parent->style == CURATOR_NODE_STYLE_BLOCK &&
      node->indent == node->parent->indent)
    node->indentless = TRUE;

  /* Until it is complete, an alias inside it cannot refer to it (nor to
   * an older node of the same name: the new anchor hides it). */
  if (node->anchor != NULL && b->anchors != NULL)
    g_hash_table_remove (b->anchors, node->anchor);

  frame = &b->stack[b->n_frames++];
  frame->node = node;
  frame->pending_key = NULL;
  frame->seen_keys = NULL;
  frame->key_bloom[0] = frame->key_bloom[1] = 0;
  frame->last_end = node->value_start;
  frame->children_base = b->stacks->n_children;
  frame->keys_base = b->stacks->n_keys;
  return TRUE;
}

static void
builder_collection_end (Builder      *b,
                        yaml_event_t *event)
{
  Frame *frame = &b->stack[--b->n_frames];
  CuratorNode *node = frame->node;
  char opening = node->value_start < b->end ? b->data[node->value_start] : '\0';
  Stacks *stacks = b->stacks;
  gsize n_children = stacks->n_children - frame->children_base;

  g_clear_pointer (&frame->seen_keys, g_hash_table_destroy);

  node->children = ptr_array_from (b, stacks->children + frame->children_base, n_children,
                                   sizeof (CuratorNode *));
  if (node->kind == CURATOR_NODE_MAPPING)
    node->keys = ptr_array_from (b, &stacks->keys[frame->keys_base].node, n_children,
                                 sizeof (KeyEntry));
  stacks->n_children = frame->children_base;
  stacks->n_keys = frame->keys_base;

  /* Flow collections end exactly at ] or }. Block collections (and the
   * single-pair mapping in [a: b], which has no braces) end with their
   * last child: libyaml's END mark sits at the next token. */
  if (node->style == CURATOR_NODE_STYLE_FLOW && (opening == '[' || opening == '{'))
    node->end = builder_byte_of (b, event->end_mark.index);
  else if (n_children > 0)
    node->end = ((CuratorNode *) node->children->pdata[n_children - 1])->end;
  else
    node->end = node->value_start;

  builder_complete (b, node);
}

static guint
count_lines_before (const char *data,
                    gsize       pos)
{
  guint lines = 1;

  for (gsize i = 0; i < pos; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= pos || data[i + 1] != '\n')))
      lines++;
  return lines;
}

static void
builder_set_yaml_error (Builder        *b,
                        yaml_parser_t  *parser,
                        GError        **error)
{
  guint line, column;
  g_autofree char *message = NULL;

  switch (parser->error)
    {
    case YAML_MEMORY_ERROR:
      g_set_error_literal (error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE,
                           _("out of memory while parsing the front matter"));
      return;

    case YAML_READER_ERROR:
      {
        gsize pos = b->text_start + MIN (parser->problem_offset, b->end - b->text_start);
        gsize line_start = b->text_start;

        line = b->tree->first_line;
        for (gsize i = b->text_start; i < pos; i++)
          {
            gsize n = break_length_at (b->data, pos, i);
            if (n > 0)
              {
                line++;
                i += n - 1;
                line_start = i + 1;
              }
          }
        column = 1;
        for (gsize i = line_start; i < pos; i++)
          if (((guchar) b->data[i] & 0xC0) != 0x80)
            column++;
        set_error_at (b, error, CURATOR_ERROR_PARSE, line, column, parser->problem);
        return;
      }

    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
    default:
      if (parser->context != NULL)
        {
          guint context_line, context_column;

          builder_mark_position (b, &parser->context_mark, &context_line, &context_column);
          message = g_strdup_printf (_("%s (%s at line %u, column %u)"),
                                     parser->problem, parser->context,
                                     context_line, context_column);
        }
      else
        message = g_strdup (parser->problem != NULL ? parser->problem : _("invalid YAML"));

      /* libyaml's words for a key over YAML's 1024-character limit do
       * not say so. */
      if (parser->problem_mark.column >= 1024 && parser->problem != NULL &&
          strcmp (parser->problem, "mapping values are not allowed in this context") == 0)
        {
          char *with_hint = g_strdup_printf (_("%s: a key can be at most 1024 characters long"),
                                             message);

          g_free (message);
          message = with_hint;
        }

      builder_mark_position (b, &parser->problem_mark, &line, &column);
      set_error_at (b, error, CURATOR_ERROR_PARSE, line, column, message);
      return;
    }
}

static gboolean
builder_run (Builder        *b,
             yaml_parser_t  *parser,
             GError        **error)
{
  gboolean done = FALSE;
  gboolean ok = TRUE;

  while (ok && !done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (parser, &event))
        {
          builder_set_yaml_error (b, parser, error);
          return FALSE;
        }

      switch (event.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_DOCUMENT_START_EVENT:
          if (++b->n_documents > 1)
            {
              guint line, column;

              builder_mark_position (b, &event.start_mark, &line, &column);
              set_error_at (b, error, CURATOR_ERROR_PARSE, line, column,
                            _("a second YAML document starts here: the front matter must be one document"));
              ok = FALSE;
            }
          break;

        case YAML_SCALAR_EVENT:
          ok = builder_scalar (b, &event, error);
          break;

        case YAML_ALIAS_EVENT:
          ok = builder_alias (b, &event, error);
          break;

        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          ok = builder_collection_start (b, &event, error);
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          builder_collection_end (b, &event);
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
    }

  return ok;
}

static gboolean
is_ascii (const char *data,
          gsize       length)
{
  const guchar *d = (const guchar *) data;
  guint64 any = 0;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, d + i, 8);
      any |= word;
    }
  for (; i < length; i++)
    any |= d[i];
  return (any & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static gboolean
has_unicode_breaks (const char *data,
                    gsize       length)
{
  const char *end = data + length;
  const char *p;

  for (p = data; (p = memchr (p, 0xC2, end - p)) != NULL && p + 1 < end; p++)
    if ((guchar) p[1] == 0x85)
      return TRUE;
  for (p = data; (p = memchr (p, 0xE2, end - p)) != NULL && p + 2 < end; p++)
    if ((guchar) p[1] == 0x80 && ((guchar) p[2] == 0xA8 || (guchar) p[2] == 0xA9))
      return TRUE;
  return FALSE;
}

CuratorYamlTree *
curator_yaml_tree_parse (GBytes  *bytes,
                         gsize    start,
                         gsize    end,
                         GError **error)
{
  g_autoptr(CuratorYamlTree) tree = NULL;
  yaml_parser_t parser;
  Builder b;
  Stacks stacks;
  gsize size;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (start <= end && end <= g_bytes_get_size (bytes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = end - start;

  /* Not "= { 0 }": the frame stack is large and is set up as it is used. */
  memset (&b, 0, G_STRUCT_OFFSET (Builder, stack));
  stacks_init (&stacks);
  b.stacks = &stacks;

  tree = g_new0 (CuratorYamlTree, 1);
  g_atomic_ref_count_init (&tree->ref_count);
  tree->bytes = g_bytes_ref (bytes);
  tree->start = start;
  tree->end = end;

  b.tree = tree;
  b.data = g_bytes_get_data (bytes, NULL);
  if (b.data == NULL)
    b.data = "";    /* empty GBytes have no data; libyaml wants a pointer */
  b.text_start = start;
  b.end = end;
  tree->first_line = count_lines_before (b.data, start);

  if (size > CURATOR_YAML_MAX_SIZE)
    {
      curator_set_position_error (error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE, tree->first_line, 1,
                                  /* Not G_GSIZE_FORMAT: xgettext cuts a message at a macro. */
                                  _("the front matter is %lu bytes, over the limit of %d bytes"),
                                  (gulong) size, CURATOR_YAML_MAX_SIZE);
      return NULL;
    }

  /* libyaml skips a BOM before counting marks: skip it here instead, so
   * marks and bytes start together. */
  if (size >= 3 && memcmp (b.data + start, UTF8_BOM, 3) == 0)
    b.text_start += 3;

  b.ascii = is_ascii (b.data + b.text_start, end - b.text_start);
  b.unicode_breaks = !b.ascii && has_unicode_breaks (b.data + b.text_start, end - b.text_start);
  b.lf_only = !b.unicode_breaks && memchr (b.data + b.text_start, '\r', end - b.text_start) == NULL;
  b.position_byte = b.text_start;
  b.position_line = tree->first_line;
  b.position_line_start = b.text_start;
  b.line_end_from = G_MAXSIZE;
  b.line_end_at = 0;

  if (!curator_yaml_parser_take (&parser))
    {
      g_set_error_literal (error, CURATOR_ERROR, CURATOR_ERROR_TOO_LARGE,
                           _("out of memory while parsing the front matter"));
      return NULL;
    }
  curator_yaml_parser_set_input (&parser, b.data + b.text_start, end - b.text_start);

  ok = builder_run (&b, &parser, error);

  curator_yaml_parser_give_back (&parser);
  for (guint i = 0; i < b.n_frames; i++)
    g_clear_pointer (&b.stack[i].seen_keys, g_hash_table_destroy);
  stacks_clear (&stacks);
  g_clear_pointer (&b.anchors, g_hash_table_destroy);

  if (!ok)
    return NULL;

  if (tree->root == NULL)
    {
      /* Empty (or comments only): an empty block mapping at the start. */
      CuratorNode *root = builder_alloc (&b, sizeof (CuratorNode));

      memset (root, 0, sizeof *root);
      root->kind = CURATOR_NODE_MAPPING;
      root->style = CURATOR_NODE_STYLE_BLOCK;
      root->scalar_type = CURATOR_SCALAR_STRING;
      root->start = root->value_start = root->end = b.text_start;
      root->line_end = builder_line_end (&b, b.text_start);
      root->line = tree->first_line;
      root->column = 1;
      root->keys = ptr_array_from (&b, NULL, 0, sizeof (CuratorNode *));
      root->children = ptr_array_from (&b, NULL, 0, sizeof (CuratorNode *));
      tree->root = root;
    }

  return g_steal_pointer (&tree);
}

void
curator_yaml_tree_rebase (CuratorYamlTree *tree,
                          GBytes          *bytes)
{
  g_return_if_fail (tree != NULL);
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (g_bytes_get_size (bytes) >= tree->end);
  g_assert (tree->end == 0 ||
            memcmp (g_bytes_get_data (bytes, NULL), g_bytes_get_data (tree->bytes, NULL), tree->end) == 0);

  g_bytes_ref (bytes);
  g_bytes_unref (tree->bytes);
  tree->bytes = bytes;
}

CuratorYamlTree *
curator_yaml_tree_ref (CuratorYamlTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  g_atomic_ref_count_inc (&tree->ref_count);
  return tree;
}

void
curator_yaml_tree_unref (CuratorYamlTree *tree)
{
  g_return_if_fail (tree != NULL);

  if (g_atomic_ref_count_dec (&tree->ref_count))
    {
      /* Nodes, strings and keys/children arrays all live in the chunks. */
      chunks_free (tree->chunks);
      g_clear_pointer (&tree->bytes, g_bytes_unref);
      g_free (tree);
    }
}

const CuratorNode *
curator_yaml_tree_get_root (CuratorYamlTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  return tree->root;
}
