/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-html-sanitizer"

#include "config.h"

#include "curator-html-sanitizer.h"

#include "curator-html-document.h"
#include "curator-main-content.h"
#include "curator-page-facts.h"

#include <stdlib.h>
#include <string.h>

/* How many times the output is parsed again before it is stable; real
 * input settles after one. */
#define MAX_PASSES 4
/* Deeper elements are dropped (the parse is capped lower already). */
#define MAX_DEPTH 512

typedef enum
{
  ACTION_KEEP,
  ACTION_UNWRAP,  /* the element goes, its contents stay */
  ACTION_DROP,    /* the element goes with its contents */
} Action;

/* The clean tree: what is kept, before it is written. */
typedef struct _Node Node;
struct _Node
{
  GumboTag   tag;       /* GUMBO_TAG_UNKNOWN for text */
  GString   *text;      /* text nodes */
  GPtrArray *attributes; /* name, value, name, value, ... (elements) */
  GPtrArray *children;  /* Node (elements) */
  Node      *parent;
};

static Node *
node_new_element (GumboTag tag)
{
  Node *node = g_new0 (Node, 1);

  node->tag = tag;
  node->attributes = g_ptr_array_new_with_free_func (g_free);
  node->children = g_ptr_array_new ();
  return node;
}

static void
node_free (Node *node)
{
  if (node->children != NULL)
    {
      for (guint i = 0; i < node->children->len; i++)
        node_free (g_ptr_array_index (node->children, i));
      g_ptr_array_unref (node->children);
    }
  if (node->attributes != NULL)
    g_ptr_array_unref (node->attributes);
  if (node->text != NULL)
    g_string_free (node->text, TRUE);
  g_free (node);
}

static gboolean
is_text (const Node *node)
{
  return node->text != NULL;
}

static void
append_child (Node *parent,
              Node *child)
{
  child->parent = parent;
  g_ptr_array_add (parent->children, child);
}

/* Appends text to @parent, merged with a text node before it. */
static void
append_text (Node       *parent,
             const char *text)
{
  Node *last = parent->children->len > 0
               ? g_ptr_array_index (parent->children, parent->children->len - 1)
               : NULL;

  if (last != NULL && is_text (last))
    {
      g_string_append (last->text, text);
      return;
    }
  last = g_new0 (Node, 1);
  last->tag = GUMBO_TAG_UNKNOWN;
  last->text = g_string_new (text);
  append_child (parent, last);
}

/* The allowlist: ammonia's default tags (without map and area) */
static Action
element_action (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
      return ACTION_KEEP;

    /* Active content, forms, embedded documents and media, and the parts
     * of a page's head: gone with everything inside. */
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_METER:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_MENUITEM:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_BLINK:
    case GUMBO_TAG_LEGEND:
      return ACTION_DROP;

    /* Everything else (section, main, font, label, noscript, xmp, custom
     * elements, ...) gives way to its contents. */
    default:
      return ACTION_UNWRAP;
    }
}

static gboolean
is_void (GumboTag tag)
{
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG ||
         tag == GUMBO_TAG_WBR || tag == GUMBO_TAG_COL;
}

/* Elements that start a new line of text: white space at their edges is
 * not shown. */
static gboolean
is_block (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Elements kept even when empty: a table cell holds its place. */
static gboolean
is_kept_empty (GumboTag tag)
{
  return is_void (tag) || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
}

/* Building the clean tree */

typedef struct
{
  const char           *base;
  CuratorSanitizeFlags  flags;
  gboolean              main_content;
  GHashTable           *images;   /* the addresses of images already kept */
} Builder;

static gboolean
is_digits (const char *value,
           guint       max_length)
{
  gsize length = strlen (value);

  if (length == 0 || length > max_length)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* An address allowed for @attribute, resolved against the base; NULL when
 * it is not allowed. */
static char *
clean_url (const Builder *builder,
           const char    *value,
           gboolean       image)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *scheme;

  /* As browsers read it: tabs and newlines anywhere are dropped, spaces
   * and controls at the ends trimmed ("java\tscript:" is "javascript:"). */
  for (const char *p = value; *p != '\0'; p++)
    if (*p != '\t' && *p != '\n' && *p != '\r')
      g_string_append_c (clean, *p);
  while (clean->len > 0 && (guchar) clean->str[clean->len - 1] <= ' ')
    g_string_truncate (clean, clean->len - 1);
  while (clean->len > 0 && (guchar) clean->str[0] <= ' ')
    g_string_erase (clean, 0, 1);
  if (clean->len == 0)
    return NULL;

  scheme = g_uri_peek_scheme (clean->str);
  if (scheme != NULL)
    {
      if (strcmp (scheme, "http") == 0 || strcmp (scheme, "https") == 0)
        return curator_page_facts_resolve_url (NULL, clean->str);
      if (!image && (strcmp (scheme, "mailto") == 0 || strcmp (scheme, "tel") == 0))
        return g_string_free (g_steal_pointer (&clean), FALSE);
      return NULL;
    }

  /* A relative address, or something with a ':' that is not a scheme. */
  if (strchr (clean->str, ':') != NULL &&
      strcspn (clean->str, ":") < strcspn (clean->str, "/?#"))
    return NULL;
  if (builder->base != NULL)
    return curator_page_facts_resolve_url (builder->base, clean->str);
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

/* Images that count visits rather than show something. */
static gboolean
is_tracking_image (const GumboNode *img,
                   const char      *src)
{
  static const char * const trackers[] = {
    "facebook.com/tr", "google-analytics.com", "googletagmanager.com", "doubleclick.net",
    "scorecardresearch.com", "quantserve.com", "pixel.wp.com", "stats.wp.com",
    "feeds.feedburner.com/~r/", "feedsportal.com", "/pixel.gif", "/pixel.png", "/1x1.gif",
    "/1x1.png", "/spacer.gif", "/blank.gif", "/transparent.gif", "/__utm.gif", "/beacon",
    "/b.gif?", "/t.gif?", "/track/", "/tracking/", "/open.gif", "/open.aspx", "list-manage.com/track",
    "mailchimp.com/track", "/e/o/", "sb.scorecardresearch", "analytics.",
  };
  const char *width = curator_html_get_attribute (img, "width");
  const char *height = curator_html_get_attribute (img, "height");
  g_autofree char *lower = g_ascii_strdown (src, -1);

  if ((width != NULL && is_digits (width, 6) && atoi (width) <= 2) ||
      (height != NULL && is_digits (height, 6) && atoi (height) <= 2))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (trackers); i++)
    if (strstr (lower, trackers[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
add_attribute (Node       *node,
               const char *name,
               char       *value)
{
  g_ptr_array_add (node->attributes, g_strdup (name));
  g_ptr_array_add (node->attributes, value);
}

static gboolean
is_language_tag (const char *value)
{
  gsize length = strlen (value);

  if (length == 0 || length > 35)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* The attributes of the allowlist, checked. */
static void
copy_attributes (const Builder   *builder,
                 const GumboNode *element,
                 Node            *node)
{
  const GumboVector *attributes = &element->v.element.attributes;
  GumboTag tag = element->v.element.tag;

  for (guint i = 0; i < attributes->length; i++)
    {
      const GumboAttribute *attribute = attributes->data[i];
      const char *name = attribute->name;
      const char *value = attribute->value;

      if (attribute->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE)
        continue;

      if (strcmp (name, "lang") == 0 && is_language_tag (value))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "title") == 0 && value[0] != '\0')
        add_attribute (node, name, curator_html_collapse_whitespace (value));
      else if (strcmp (name, "href") == 0 && tag == GUMBO_TAG_A)
        {
          char *url = clean_url (builder, value, FALSE);

          if (url != NULL)
            add_attribute (node, name, url);
        }
      else if (strcmp (name, "hreflang") == 0 && tag == GUMBO_TAG_A && is_language_tag (value))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "cite") == 0 &&
               (tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_Q ||
                tag == GUMBO_TAG_DEL || tag == GUMBO_TAG_INS))
        {
          char *url = clean_url (builder, value, FALSE);

          if (url != NULL)
            add_attribute (node, name, url);
        }
      else if (strcmp (name, "alt") == 0 && tag == GUMBO_TAG_IMG)
        add_attribute (node, name, curator_html_collapse_whitespace (value));
      else if ((strcmp (name, "width") == 0 || strcmp (name, "height") == 0) &&
               tag == GUMBO_TAG_IMG && is_digits (value, 5))
        add_attribute (node, name, g_strdup (value));
      else if ((strcmp (name, "colspan") == 0 || strcmp (name, "rowspan") == 0) &&
               (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) && is_digits (value, 4))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "scope") == 0 && tag == GUMBO_TAG_TH &&
               (strcmp (value, "row") == 0 || strcmp (value, "col") == 0 ||
                strcmp (value, "rowgroup") == 0 || strcmp (value, "colgroup") == 0))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "span") == 0 &&
               (tag == GUMBO_TAG_COL || tag == GUMBO_TAG_COLGROUP) && is_digits (value, 4))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "start") == 0 && tag == GUMBO_TAG_OL && is_digits (value, 9))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "dir") == 0 && tag == GUMBO_TAG_BDO &&
               (strcmp (value, "ltr") == 0 || strcmp (value, "rtl") == 0))
        add_attribute (node, name, g_strdup (value));
      else if (strcmp (name, "datetime") == 0 &&
               (tag == GUMBO_TAG_TIME || tag == GUMBO_TAG_DEL || tag == GUMBO_TAG_INS))
        add_attribute (node, name, curator_html_collapse_whitespace (value));
      else if (strcmp (name, "value") == 0 && tag == GUMBO_TAG_DATA)
        add_attribute (node, name, g_strdup (value));
    }
}

static gboolean
has_heading (const GumboNode *node)
{
  GumboNode *current = (GumboNode *) node;

  while (current != NULL)
    {
      if (curator_html_is_element (current, GUMBO_TAG_H1))
        return TRUE;
      current = curator_html_next (current, (GumboNode *) node, FALSE);
    }
  return FALSE;
}

static void build_children (Builder         *builder,
                            const GumboNode *element,
                            Node            *parent,
                            guint            depth,
                            gboolean         in_noscript);

/* An <img>: its real address (lazy loaders), no pixels, each image once
 * (a <noscript> copy of a lazy image is the same image). */
static void
build_image (Builder         *builder,
             const GumboNode *element,
             Node            *parent)
{
  g_autofree char *allocated = NULL;
  const char *src = curator_html_image_source (element, &allocated);
  g_autofree char *url = NULL;
  Node *node;

  if (src == NULL || (url = clean_url (builder, src, TRUE)) == NULL || is_tracking_image (element, url))
    return;
  if (g_hash_table_contains (builder->images, url))
    return;
  g_hash_table_add (builder->images, g_strdup (url));

  node = node_new_element (GUMBO_TAG_IMG);
  add_attribute (node, "src", g_steal_pointer (&url));
  copy_attributes (builder, element, node);
  append_child (parent, node);
}

static void
build_node (Builder         *builder,
            const GumboNode *source,
            Node            *parent,
            guint            depth,
            gboolean         in_noscript)
{
  GumboTag tag;
  Node *node;

  switch (source->type)
    {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
      append_text (parent, source->v.text.text);
      return;
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_COMMENT:
    case GUMBO_NODE_DOCUMENT:
      return;
    case GUMBO_NODE_TEMPLATE:
      return;
    case GUMBO_NODE_ELEMENT:
    default:
      break;
    }

  /* svg and math, and everything in them. */
  if (source->v.element.tag_namespace != GUMBO_NAMESPACE_HTML || depth > MAX_DEPTH)
    return;
  /* In an article, its title and the header around it are the front
   * matter's. */
  if (builder->main_content &&
      (curator_main_content_is_furniture (source) ||
       curator_html_is_element (source, GUMBO_TAG_H1) ||
       (curator_html_is_element (source, GUMBO_TAG_HEADER) && has_heading (source))))
    return;

  tag = source->v.element.tag;
  if (curator_html_is_named (source, "picture") || curator_html_is_named (source, "dialog") ||
      curator_html_is_named (source, "portal") || curator_html_is_named (source, "slot"))
    {
      /* picture gives way to its <img>; the others are active. */
      if (curator_html_is_named (source, "picture"))
        build_children (builder, source, parent, depth + 1, in_noscript);
      return;
    }

  switch (element_action (tag))
    {
    case ACTION_DROP:
      return;
    case ACTION_UNWRAP:
      build_children (builder, source, parent, depth + 1,
                      in_noscript || tag == GUMBO_TAG_NOSCRIPT);
      return;
    case ACTION_KEEP:
    default:
      break;
    }

  if (tag == GUMBO_TAG_IMG)
    {
      build_image (builder, source, parent);
      return;
    }

  node = node_new_element (tag);
  copy_attributes (builder, source, node);

  /* A link to nowhere allowed is its text. */
  if (tag == GUMBO_TAG_A && node->attributes->len == 0)
    {
      node_free (node);
      build_children (builder, source, parent, depth + 1, in_noscript);
      return;
    }

  append_child (parent, node);
  build_children (builder, source, node, depth + 1, in_noscript);
}

static void
build_children (Builder         *builder,
                const GumboNode *element,
                Node            *parent,
                guint            depth,
                gboolean         in_noscript)
{
  GumboVector *children = curator_html_get_children (element);

  for (guint i = 0; children != NULL && i < children->length; i++)
    build_node (builder, children->data[i], parent, depth, in_noscript);
}

/* Compacting */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static gboolean
inside_pre (const Node *node)
{
  for (const Node *up = node->parent; up != NULL; up = up->parent)
    if (up->tag == GUMBO_TAG_PRE)
      return TRUE;
  return FALSE;
}

/* Drops elements left with nothing in them (bottom up). */
static void
remove_empty (Node *node)
{
  for (guint i = 0; i < node->children->len;)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (is_text (child))
        {
          if (child->text->len == 0)
            {
              g_ptr_array_remove_index (node->children, i);
              node_free (child);
              continue;
            }
        }
      else
        {
          remove_empty (child);
          if (child->children->len == 0 && !is_kept_empty (child->tag))
            {
              g_ptr_array_remove_index (node->children, i);
              node_free (child);
              continue;
            }
        }
      i++;
    }
}

/* Merges neighbouring text nodes (left by removed elements). */
static void
merge_texts (Node *node)
{
  for (guint i = 0; i < node->children->len;)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (!is_text (child))
        {
          merge_texts (child);
          i++;
          continue;
        }
      if (i + 1 < node->children->len && is_text (g_ptr_array_index (node->children, i + 1)))
        {
          Node *next = g_ptr_array_index (node->children, i + 1);

          g_string_append (child->text, next->text->str);
          g_ptr_array_remove_index (node->children, i + 1);
          node_free (next);
          continue;
        }
      i++;
    }
}

typedef struct
{
  /* The text node the current line ends in, and whether its last
   * character is a collapsible space. */
  Node     *last_text;
  gboolean  after_space;
} Flow;

static void
end_line (Flow *flow)
{
  if (flow->last_text != NULL && flow->after_space && flow->last_text->text->len > 0)
    g_string_truncate (flow->last_text->text, flow->last_text->text->len - 1);
  flow->last_text = NULL;
  flow->after_space = TRUE;
}

/* White space as a browser shows it: runs collapse to one space, none at
 * the start or end of a line (a block's edges, around a <br>). */
static void
collapse_whitespace (Node *node,
                     Flow *flow)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (is_text (child))
        {
          GString *collapsed;

          if (inside_pre (child))
            {
              flow->last_text = NULL;
              flow->after_space = FALSE;
              continue;
            }

          collapsed = g_string_sized_new (child->text->len);
          for (const char *p = child->text->str; *p != '\0'; p++)
            {
              if (is_space (*p))
                {
                  if (!flow->after_space)
                    g_string_append_c (collapsed, ' ');
                  flow->after_space = TRUE;
                }
              else
                {
                  g_string_append_c (collapsed, *p);
                  flow->after_space = FALSE;
                }
            }
          g_string_free (child->text, TRUE);
          child->text = collapsed;
          if (collapsed->len > 0)
            flow->last_text = child;
          continue;
        }

      if (is_block (child->tag))
        {
          end_line (flow);
          collapse_whitespace (child, flow);
          end_line (flow);
        }
      else if (child->tag == GUMBO_TAG_IMG || child->tag == GUMBO_TAG_WBR)
        {
          flow->after_space = FALSE;
          flow->last_text = NULL;
        }
      else
        {
          collapse_whitespace (child, flow);
        }
    }
}

/* Writing */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, '"');
          break;
        case '\xC2':
          if (p[1] == '\xA0')
            {
              g_string_append (out, "&nbsp;");
              p++;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static void
write_node (GString    *out,
            const Node *node,
            gboolean    blocks_on_lines)
{
  const char *name;

  if (is_text (node))
    {
      append_escaped (out, node->text->str, FALSE);
      return;
    }

  name = gumbo_normalized_tagname (node->tag);
  g_string_append_c (out, '<');
  g_string_append (out, name);
  for (guint i = 0; i + 1 < node->attributes->len; i += 2)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (node->attributes, i));
      g_string_append (out, "=\"");
      append_escaped (out, g_ptr_array_index (node->attributes, i + 1), TRUE);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '>');
  if (is_void (node->tag))
    return;

  /* The parser drops a newline right after <pre>: one more keeps it. */
  if (node->tag == GUMBO_TAG_PRE && node->children->len > 0 &&
      is_text (g_ptr_array_index (node->children, 0)) &&
      ((Node *) g_ptr_array_index (node->children, 0))->text->str[0] == '\n')
    g_string_append_c (out, '\n');

  for (guint i = 0; i < node->children->len; i++)
    write_node (out, g_ptr_array_index (node->children, i), FALSE);

  g_string_append (out, "</");
  g_string_append (out, name);
  g_string_append_c (out, '>');
}

static char *
write_tree (const Node *root,
            gboolean    blocks_on_lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < root->children->len; i++)
    {
      const Node *child = g_ptr_array_index (root->children, i);

      if (blocks_on_lines && i > 0 && !is_text (child) && is_block (child->tag))
        g_string_append_c (out, '\n');
      write_node (out, child, blocks_on_lines);
    }
  return g_string_free (out, FALSE);
}

/* One pass: parse (unless @page is the whole page parsed), keep what is
 * allowed, compact, write. */
static char *
sanitize_once (const char           *html,
               gsize                 length,
               CuratorHtmlDocument  *page,
               const char           *base_url,
               CuratorSanitizeFlags  flags)
{
  g_autoptr(CuratorHtmlDocument) document = NULL;
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Builder builder = { base_url, flags, FALSE, images };
  Node *root = node_new_element (GUMBO_TAG_BODY);
  Flow flow = { NULL, TRUE };
  char *result;

  if (page != NULL || (flags & CURATOR_SANITIZE_MAIN_CONTENT) != 0)
    {
      g_autoptr(GPtrArray) content = NULL;

      if (page == NULL)
        page = document = curator_html_document_parse (html, length);
      content = curator_main_content_find (page);
      builder.main_content = TRUE;
      for (guint i = 0; i < content->len; i++)
        {
          GumboNode *element = g_ptr_array_index (content, i);

          /* The article's own container gives way to its contents;
           * paragraphs and lists that continue it are kept as they are. */
          switch (element->v.element.tag)
            {
            case GUMBO_TAG_BODY:
            case GUMBO_TAG_DIV:
            case GUMBO_TAG_ARTICLE:
            case GUMBO_TAG_SECTION:
            case GUMBO_TAG_MAIN:
            case GUMBO_TAG_TD:
            case GUMBO_TAG_UNKNOWN:
              build_children (&builder, element, root, 0, FALSE);
              break;
            default:
              build_node (&builder, element, root, 0, FALSE);
              break;
            }
        }
    }
  else
    {
      document = curator_html_document_parse_fragment (html, length);
      build_children (&builder, curator_html_document_get_body (document), root, 0, FALSE);
    }

  remove_empty (root);
  merge_texts (root);
  collapse_whitespace (root, &flow);
  end_line (&flow);
  remove_empty (root);
  merge_texts (root);

  result = write_tree (root, (flags & CURATOR_SANITIZE_BLOCKS_ON_LINES) != 0);
  node_free (root);
  return result;
}

/* The last resort for input the parser never settles on: its text. */
static char *
text_only (const char *html)
{
  g_autoptr(CuratorHtmlDocument) document = curator_html_document_parse_fragment (html, strlen (html));
  g_autofree char *text = curator_html_dup_text (curator_html_document_get_body (document));
  GString *out = g_string_new (NULL);

  if (text[0] != '\0')
    {
      g_string_append (out, "<p>");
      append_escaped (out, text, FALSE);
      g_string_append (out, "</p>");
    }
  return g_string_free (out, FALSE);
}

/* The output is parsed again until the parser builds the tree that was
 * written: then sanitizing it again gives it back unchanged. */
static char *
settle (char                 *output,
        const char           *base_url,
        CuratorSanitizeFlags  flags)
{
  flags &= ~CURATOR_SANITIZE_MAIN_CONTENT;
  for (guint pass = 0; pass < MAX_PASSES; pass++)
    {
      g_autofree char *again = sanitize_once (output, strlen (output), NULL, base_url, flags);

      if (strcmp (again, output) == 0)
        return output;
      g_free (output);
      output = g_steal_pointer (&again);
    }

  {
    g_autofree char *unsettled = output;

    return text_only (unsettled);
  }
}

char *
curator_html_sanitize (const char           *html,
                       gssize                length,
                       const char           *base_url,
                       CuratorSanitizeFlags  flags)
{
  g_return_val_if_fail (html != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (html);

  return settle (sanitize_once (html != NULL ? html : "", length, NULL, base_url, flags), base_url, flags);
}

char *
curator_html_sanitize_page (CuratorHtmlDocument  *page,
                            const char           *base_url,
                            CuratorSanitizeFlags  flags)
{
  g_return_val_if_fail (page != NULL, NULL);

  return settle (sanitize_once (NULL, 0, page, base_url, flags), base_url, flags);
}
