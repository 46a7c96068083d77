/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-html-document"

#include "config.h"

#include "curator-html-document.h"

#include <string.h>

/* Gumbo allocates each node, attribute and piece of text on its own
 * (60,000 allocations for a 200 KB page) and frees them one by one with
 * the tree. A document's tree is made in blocks of its own instead, all
 * freed at once: it never changes after the parse, and what the parse
 * frees on the way is a sixth of what it allocates. */
typedef struct _ArenaBlock ArenaBlock;
struct _ArenaBlock
{
  ArenaBlock *previous;
  gsize       padding;   /* what follows starts 16 bytes in */
};

typedef struct
{
  ArenaBlock *blocks;      /* the newest first */
  char       *next;
  gsize       left;
  gsize       block_size;  /* grows with the document */
} Arena;

#define ARENA_ALIGN 16
#define ARENA_FIRST_BLOCK (64 * 1024)
#define ARENA_MAX_BLOCK (1024 * 1024)

static void *
arena_new_block (Arena *arena,
                 gsize  size)
{
  ArenaBlock *block = g_malloc (sizeof (ArenaBlock) + size);

  block->previous = arena->blocks;
  arena->blocks = block;
  return block + 1;
}

static void *
arena_alloc (void   *userdata,
             size_t  size)
{
  Arena *arena = userdata;
  gsize aligned = (size + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);
  void *at;

  /* A large piece gets a block of its own; the current one stays. */
  if (aligned > arena->block_size / 4)
    {
      ArenaBlock *current = arena->blocks;

      at = arena_new_block (arena, aligned);
      if (current != NULL)
        {
          ArenaBlock *large = arena->blocks;

          arena->blocks = current;
          large->previous = current->previous;
          current->previous = large;
        }
      return at;
    }

  if (aligned > arena->left)
    {
      arena->next = arena_new_block (arena, arena->block_size);
      arena->left = arena->block_size;
      arena->block_size = MIN (arena->block_size * 2, ARENA_MAX_BLOCK);
    }
  at = arena->next;
  arena->next += aligned;
  arena->left -= aligned;
  return at;
}

static void
arena_free (void *userdata,
            void *pointer)
{
  /* All at once, with the document. */
}

static void
arena_clear (Arena *arena)
{
  while (arena->blocks != NULL)
    {
      ArenaBlock *block = arena->blocks;

      arena->blocks = block->previous;
      g_free (block);
    }
}

struct _CuratorHtmlDocument
{
  Arena         arena;
  GumboOutput  *output;
  /* The input Gumbo's tree points into (original text spans). */
  char         *text;
  gboolean      truncated;
  gboolean      fragment;
};

/* Elements whose contents the tokenizer reads as text up to their end tag:
 * a '<' inside them opens nothing. */
static gboolean
is_raw_text (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Elements that never add to the depth: void elements, and those the
 * parser closes by itself when the next one starts. */
static gboolean
is_flat (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_formatting (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_A:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Elements an end tag does not look past for its start tag. */
static gboolean
is_scope_boundary (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TEMPLATE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* How far down the open elements an end tag is matched: a deeper match
 * is left alone (the estimate stays high, which only cuts sooner). */
#define END_TAG_SEARCH 16
/* The HTML standard's "Noah's Ark": at most three identical formatting
 * elements stay active. */
#define NOAHS_ARK 3

typedef struct
{
  GumboTag tag;
  guint    attributes_hash;
  guint    marker_level;
} FormattingEntry;

typedef struct
{
  GumboTag tag;
  guint    weight;   /* elements it stands for: a table is table and tbody */
} OpenEntry;

typedef struct
{
  GArray *open;        /* OpenEntry: the open non-formatting elements */
  guint   open_weight;
  GArray *formatting;  /* FormattingEntry: active formatting elements */
  guint   markers;     /* open scope boundaries (td, caption, object, ...) */
  guint   foreign;     /* open svg and math elements */
} DepthModel;

static GumboTag
open_tag (DepthModel *model,
          guint       index)
{
  return g_array_index (model->open, OpenEntry, index).tag;
}

/* Closes the open elements from @index up. */
static void
pop_to (DepthModel *model,
        guint       index)
{
  for (guint j = index; j < model->open->len; j++)
    {
      OpenEntry *entry = &g_array_index (model->open, OpenEntry, j);

      model->open_weight -= entry->weight;
      if ((entry->tag == GUMBO_TAG_SVG || entry->tag == GUMBO_TAG_MATH) && model->foreign > 0)
        model->foreign--;
      /* Closing a scope boundary ends the formatting elements opened in it. */
      if (is_scope_boundary (entry->tag) && model->markers > 0)
        {
          model->markers--;
          while (model->formatting->len > 0 &&
                 g_array_index (model->formatting, FormattingEntry,
                                model->formatting->len - 1).marker_level > model->markers)
            g_array_set_size (model->formatting, model->formatting->len - 1);
        }
    }
  g_array_set_size (model->open, index);
}

static void
push (DepthModel *model,
      GumboTag    tag,
      guint       weight)
{
  OpenEntry entry = { tag, weight };

  g_array_append_val (model->open, entry);
  model->open_weight += weight;
  if (is_scope_boundary (tag))
    model->markers++;
  if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH)
    model->foreign++;
}

static gboolean
is_table_part (GumboTag tag)
{
  return tag == GUMBO_TAG_TR || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH ||
         tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT ||
         tag == GUMBO_TAG_CAPTION;
}

/* The index of the innermost open table, or -1. */
static int
innermost_table (DepthModel *model)
{
  for (guint i = model->open->len; i > 0; i--)
    if (open_tag (model, i - 1) == GUMBO_TAG_TABLE)
      return i - 1;
  return -1;
}

/* A table's rows and cells close the ones before them: a new <tr> ends
 * the row, a new <td> the cell. */
static void
open_table_part (DepthModel *model,
                 GumboTag    tag)
{
  int table = innermost_table (model);
  guint keep;

  if (table < 0)
    return;  /* outside a table the parser ignores them */

  keep = table + 1;
  if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
    {
      /* Keep the open row, if any. */
      for (guint i = keep; i < model->open->len; i++)
        if (open_tag (model, i) == GUMBO_TAG_TR)
          keep = i + 1;
      pop_to (model, keep);
      if (keep == (guint) table + 1)
        push (model, GUMBO_TAG_TR, 1);
      push (model, tag, 1);
    }
  else if (tag == GUMBO_TAG_TR || tag == GUMBO_TAG_CAPTION)
    {
      pop_to (model, keep);
      push (model, tag, 1);
    }
  else
    {
      /* tbody, thead, tfoot: already counted with the table. */
      pop_to (model, keep);
    }
}

static void
close_element (DepthModel *model,
               GumboTag    tag)
{
  GArray *open = model->open;
  /* A table's own end tags look past its cells. */
  gboolean table_scope = tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TR || tag == GUMBO_TAG_TBODY ||
                         tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT;

  if (is_formatting (tag))
    {
      /* Its end tag ends the newest active one; if block elements were
       * opened inside it, the parser keeps them open (the adoption
       * agency moves a copy under them), so nothing else closes. */
      for (guint i = model->formatting->len; i > 0; i--)
        {
          FormattingEntry *entry = &g_array_index (model->formatting, FormattingEntry, i - 1);

          if (entry->marker_level < model->markers)
            break;
          if (entry->tag == tag)
            {
              g_array_remove_index (model->formatting, i - 1);
              break;
            }
        }
      return;
    }

  if (tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT)
    {
      int table = innermost_table (model);

      if (table >= 0)
        pop_to (model, table + 1);
      return;
    }

  for (guint i = open->len, n = 0; i > 0 && n < END_TAG_SEARCH; i--, n++)
    {
      GumboTag candidate = open_tag (model, i - 1);

      if (candidate == tag)
        {
          pop_to (model, i - 1);
          return;
        }
      if (table_scope ? (candidate == GUMBO_TAG_TABLE || candidate == GUMBO_TAG_HTML ||
                         candidate == GUMBO_TAG_TEMPLATE)
                      : is_scope_boundary (candidate))
        return;
    }
}

static void
open_formatting (DepthModel *model,
                 GumboTag    tag,
                 guint       attributes_hash)
{
  FormattingEntry entry = { tag, attributes_hash, model->markers };
  guint same = 0, earliest = 0;

  for (guint i = model->formatting->len; i > 0; i--)
    {
      FormattingEntry *other = &g_array_index (model->formatting, FormattingEntry, i - 1);

      if (other->marker_level < model->markers)
        break;
      if (other->tag == tag && other->attributes_hash == attributes_hash)
        {
          same++;
          earliest = i - 1;
        }
    }
  if (same >= NOAHS_ARK)
    g_array_remove_index (model->formatting, earliest);
  g_array_append_val (model->formatting, entry);
}

gsize
curator_html_depth_limit (const char *text,
                          gsize       length,
                          guint       max_depth,
                          gsize       max_elements)
{
  const char *end = text + length;
  const char *p = text;
  DepthModel model;
  gsize limit = length;
  gsize elements = 0;

  g_return_val_if_fail (text != NULL || length == 0, 0);

  /* An estimate of the parser's open elements: the open non-formatting
   * elements plus the active formatting elements (which the parser opens
   * again after a block closes them). It errs high: then a strange page
   * is cut sooner, never parsed deeper than the cap. */
  model.open = g_array_new (FALSE, FALSE, sizeof (OpenEntry));
  model.open_weight = 0;
  model.formatting = g_array_new (FALSE, FALSE, sizeof (FormattingEntry));
  model.markers = 0;
  model.foreign = 0;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      const char *tag_start = p;
      const char *name, *attributes;
      gboolean closing, self_closing = FALSE;
      GumboTag tag;

      p++;
      if (end - p >= 3 && memcmp (p, "!--", 3) == 0)
        {
          const char *close = g_strstr_len (p + 3, end - p - 3, "-->");

          p = close != NULL ? close + 3 : end;
          continue;
        }

      closing = p < end && *p == '/';
      if (closing)
        p++;
      if (p >= end || !g_ascii_isalpha (*p))
        continue;

      name = p;
      while (p < end && !g_ascii_isspace (*p) && *p != '/' && *p != '>')
        p++;
      tag = gumbo_tagn_enum (name, p - name);
      attributes = p;

      /* The rest of the tag, as the tokenizer reads it: a quote opens a
       * quoted value only right after '='. */
      while (p < end && *p != '>')
        {
          if (*p == '=')
            {
              p++;
              while (p < end && g_ascii_isspace (*p))
                p++;
              if (p < end && (*p == '"' || *p == '\''))
                {
                  const char *close = memchr (p + 1, *p, end - p - 1);

                  p = close != NULL ? close + 1 : end;
                }
              continue;
            }
          p++;
        }
      self_closing = p > attributes && p[-1] == '/';

      if (closing)
        {
          if (!is_flat (tag) || is_table_part (tag))
            close_element (&model, tag);
          continue;
        }
      /* Content inside this element makes the parser open every active
       * formatting element again: an estimate of the elements the tree
       * will hold, which grows with both counts. */
      elements += 1 + model.formatting->len;
      if (elements > max_elements)
        {
          limit = tag_start - text;
          break;
        }

      if (is_table_part (tag))
        {
          open_table_part (&model, tag);
          if (model.open_weight + model.formatting->len > max_depth)
            {
              limit = tag_start - text;
              break;
            }
          continue;
        }

      if (is_raw_text (tag))
        {
          /* Skip to "</name": the contents are text. */
          const char *tag_name = gumbo_normalized_tagname (tag);
          gsize name_length = strlen (tag_name);

          while (p < end && (p = memchr (p, '<', end - p)) != NULL)
            {
              if ((gsize) (end - p) > name_length + 1 && p[1] == '/' &&
                  g_ascii_strncasecmp (p + 2, tag_name, name_length) == 0)
                break;
              p++;
            }
          if (p == NULL)
            break;
          continue;
        }

      /* "<div/>" opens a div: only foreign elements close themselves. */
      if (is_flat (tag) ||
          (self_closing && (model.foreign > 0 || tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH)))
        continue;

      if (is_formatting (tag))
        {
          g_autofree char *attribute_text = g_strndup (attributes, p - attributes);

          open_formatting (&model, tag, g_str_hash (attribute_text));
        }
      else
        {
          /* A table stands for itself and its implied <tbody>. */
          push (&model, tag, tag == GUMBO_TAG_TABLE ? 2 : 1);
        }

      if (model.open_weight + model.formatting->len > max_depth)
        {
          limit = tag_start - text;
          break;
        }
    }

  g_array_unref (model.open);
  g_array_unref (model.formatting);
  return limit;
}

static CuratorHtmlDocument *
parse (const char *text,
       gsize       length,
       GumboTag    context)
{
  CuratorHtmlDocument *self = g_new0 (CuratorHtmlDocument, 1);
  gsize limit = curator_html_depth_limit (text, length, CURATOR_HTML_MAX_DEPTH, CURATOR_HTML_MAX_ELEMENTS);
  /* Only the parse reads them: the tree is freed with the arena, not by
   * gumbo_destroy_output(). */
  GumboOptions options = kGumboDefaultOptions;

  self->truncated = limit < length;
  self->fragment = context != GUMBO_TAG_LAST;
  self->text = g_strndup (text, limit);
  /* Gumbo records every parse error with a copy of the open elements:
   * quadratic in memory on bad pages, and never read here. */
  options.max_errors = 0;
  options.fragment_context = context;
  self->arena.block_size = ARENA_FIRST_BLOCK;
  options.allocator = arena_alloc;
  options.deallocator = arena_free;
  options.userdata = &self->arena;
  self->output = gumbo_parse_with_options (&options, self->text, limit);

  return self;
}

CuratorHtmlDocument *
curator_html_document_parse (const char *text,
                             gsize       length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return parse (text != NULL ? text : "", length, GUMBO_TAG_LAST);
}

CuratorHtmlDocument *
curator_html_document_parse_fragment (const char *text,
                                      gsize       length)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  return parse (text != NULL ? text : "", length, GUMBO_TAG_BODY);
}

void
curator_html_document_free (CuratorHtmlDocument *self)
{
  if (self == NULL)
    return;

  /* The whole tree is in the arena. */
  arena_clear (&self->arena);
  g_free (self->text);
  g_free (self);
}

GumboNode *
curator_html_document_get_document (CuratorHtmlDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->output->document;
}

GumboNode *
curator_html_document_get_root (CuratorHtmlDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->output->root;
}

static GumboNode *
root_child (CuratorHtmlDocument *self,
            GumboTag             tag)
{
  GumboVector *children = &self->output->root->v.element.children;

  for (guint i = 0; i < children->length; i++)
    if (curator_html_is_element (children->data[i], tag))
      return children->data[i];
  return NULL;
}

GumboNode *
curator_html_document_get_head (CuratorHtmlDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->fragment ? NULL : root_child (self, GUMBO_TAG_HEAD);
}

GumboNode *
curator_html_document_get_body (CuratorHtmlDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* A fragment's nodes are the children of the <html> root. */
  return self->fragment ? self->output->root : root_child (self, GUMBO_TAG_BODY);
}

gboolean
curator_html_document_was_truncated (CuratorHtmlDocument *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->truncated;
}

gboolean
curator_html_is_element (const GumboNode *node,
                         GumboTag         tag)
{
  return node != NULL &&
         (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) &&
         node->v.element.tag == tag &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

gboolean
curator_html_is_named (const GumboNode *node,
                       const char      *name)
{
  GumboStringPiece piece;

  if (node == NULL || (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE))
    return FALSE;
  if (node->v.element.tag != GUMBO_TAG_UNKNOWN)
    return g_ascii_strcasecmp (gumbo_normalized_tagname (node->v.element.tag), name) == 0;

  piece = node->v.element.original_tag;
  gumbo_tag_from_original_text (&piece);
  return piece.length == strlen (name) && g_ascii_strncasecmp (piece.data, name, piece.length) == 0;
}

const char *
curator_html_get_attribute (const GumboNode *node,
                            const char      *name)
{
  GumboAttribute *attribute;

  if (node == NULL || (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE))
    return NULL;
  attribute = gumbo_get_attribute (&node->v.element.attributes, name);
  return attribute != NULL ? attribute->value : NULL;
}

GumboVector *
curator_html_get_children (const GumboNode *node)
{
  switch (node->type)
    {
    case GUMBO_NODE_DOCUMENT:
      return (GumboVector *) &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return (GumboVector *) &node->v.element.children;
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_COMMENT:
    case GUMBO_NODE_WHITESPACE:
    default:
      return NULL;
    }
}

GumboNode *
curator_html_next (GumboNode *node,
                   GumboNode *root,
                   gboolean   skip_children)
{
  GumboVector *children = curator_html_get_children (node);

  if (!skip_children && children != NULL && children->length > 0)
    return children->data[0];

  while (node != root && node->parent != NULL)
    {
      GumboVector *siblings = curator_html_get_children (node->parent);
      guint next = node->index_within_parent + 1;

      if (next < siblings->length)
        return siblings->data[next];
      node = node->parent;
    }

  return NULL;
}

/* The largest candidate of a srcset ("a.jpg 480w, b.jpg 1024w"). */
static char *
largest_candidate (const char *srcset)
{
  g_auto(GStrv) candidates = g_strsplit (srcset, ",", -1);
  char *best_url = NULL;
  double best = -1;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      double size = 1;

      g_strstrip (candidates[i]);
      parts = g_strsplit_set (candidates[i], " \t\n", 2);
      if (parts[0] == NULL || parts[0][0] == '\0' || g_str_has_prefix (parts[0], "data:"))
        continue;
      if (parts[1] != NULL)
        {
          g_strstrip (parts[1]);
          size = g_ascii_strtod (parts[1], NULL);
          /* Density descriptors rank above none; widths by width. */
          if (g_str_has_suffix (parts[1], "x"))
            size *= 1000;
        }
      if (size > best)
        {
          best = size;
          g_free (best_url);
          best_url = g_strdup (parts[0]);
        }
    }
  return best_url;
}

const char *
curator_html_image_source (const GumboNode  *img,
                           char            **allocated)
{
  static const char * const lazy[] = {
    "data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src",
    "data-full-src", "data-orig-file", "data-large-file",
  };
  const char *srcset;
  const char *src;

  g_return_val_if_fail (img != NULL, NULL);
  g_return_val_if_fail (allocated != NULL, NULL);

  *allocated = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (lazy); i++)
    {
      const char *value = curator_html_get_attribute (img, lazy[i]);

      if (value != NULL && value[0] != '\0' && !g_str_has_prefix (value, "data:"))
        return value;
    }

  srcset = curator_html_get_attribute (img, "data-srcset");
  if (srcset == NULL)
    srcset = curator_html_get_attribute (img, "srcset");
  if (srcset != NULL && (*allocated = largest_candidate (srcset)) != NULL)
    return *allocated;

  src = curator_html_get_attribute (img, "src");
  if (src != NULL && src[0] != '\0' && !g_str_has_prefix (src, "data:"))
    return src;

  if (curator_html_is_named (img->parent, "picture"))
    {
      GumboVector *siblings = &img->parent->v.element.children;

      for (guint i = 0; i < siblings->length; i++)
        {
          const GumboNode *source = siblings->data[i];

          if (!curator_html_is_element (source, GUMBO_TAG_SOURCE))
            continue;
          srcset = curator_html_get_attribute (source, "data-srcset");
          if (srcset == NULL)
            srcset = curator_html_get_attribute (source, "srcset");
          if (srcset != NULL && (*allocated = largest_candidate (srcset)) != NULL)
            return *allocated;
        }
    }

  return src;
}

static gboolean
is_hidden_text_parent (const GumboNode *node)
{
  return node->type == GUMBO_NODE_TEMPLATE ||
         curator_html_is_element (node, GUMBO_TAG_SCRIPT) ||
         curator_html_is_element (node, GUMBO_TAG_STYLE) ||
         curator_html_is_element (node, GUMBO_TAG_NOSCRIPT);
}

void
curator_html_append_text (GString         *out,
                          const GumboNode *node)
{
  GumboNode *root = (GumboNode *) node;
  GumboNode *current = root;

  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  while (current != NULL)
    {
      gboolean skip = current != root && is_hidden_text_parent (current);

      if (current->type == GUMBO_NODE_TEXT || current->type == GUMBO_NODE_WHITESPACE ||
          current->type == GUMBO_NODE_CDATA)
        g_string_append (out, current->v.text.text);
      else if (curator_html_is_element (current, GUMBO_TAG_BR))
        g_string_append_c (out, '\n');
      current = curator_html_next (current, root, skip);
    }
}

char *
curator_html_collapse_whitespace (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      /* U+00A0 is C2 A0 in UTF-8. */
      if (g_ascii_isspace (*p) || ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0))
        {
          if ((guchar) *p == 0xC2)
            p++;
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
curator_html_dup_text (const GumboNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  curator_html_append_text (text, node);
  return curator_html_collapse_whitespace (text->str);
}

char *
curator_html_decode_entities (const char *text)
{
  GumboOptions options = kGumboDefaultOptions;
  GumboOutput *output;
  GumboVector *children;
  GString *decoded;

  g_return_val_if_fail (text != NULL, NULL);

  if (strchr (text, '&') == NULL)
    return g_strdup (text);

  /* The inside of a <textarea> is RCDATA: references are decoded as in
   * text and nothing else is markup, so Gumbo's own complete table of
   * named references decodes it. */
  options.max_errors = 0;
  options.fragment_context = GUMBO_TAG_TEXTAREA;
  output = gumbo_parse_with_options (&options, text, strlen (text));
  decoded = g_string_new (NULL);
  children = &output->root->v.element.children;
  for (guint i = 0; i < children->length; i++)
    {
      GumboNode *child = children->data[i];

      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
        g_string_append (decoded, child->v.text.text);
    }
  gumbo_destroy_output (&options, output);

  return g_string_free (decoded, FALSE);
}

char *
curator_html_strip_tags (const char *text)
{
  g_autoptr(CuratorHtmlDocument) fragment = NULL;
  g_autofree char *decoded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (strchr (text, '<') == NULL)
    {
      decoded = curator_html_decode_entities (text);
      return curator_html_collapse_whitespace (decoded);
    }

  fragment = curator_html_document_parse_fragment (text, strlen (text));
  return curator_html_dup_text (curator_html_document_get_body (fragment));
}
