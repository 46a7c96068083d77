/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-main-content"

#include "config.h"

#include "curator-main-content.h"

#include <string.h>

/* A paragraph shorter than this adds nothing to its container's score. */
#define MIN_PARAGRAPH_CHARS 25
/* How many ancestors a paragraph's score reaches. */
#define SCORE_ANCESTORS 5
/* The first real paragraph has at least this many characters. */
#define FIRST_PARAGRAPH_MIN_CHARS 40
/* A container gives way to a child holding this share of its text. */
#define DESCEND_SHARE 0.85

/* The class and id words of Readability (mozilla/readability, REGEXPS):
 * what makes an element unlikely to be the article, or a good or a bad
 * sign for it. */
static GRegex *unlikely_regex;
static GRegex *maybe_regex;
static GRegex *positive_regex;
static GRegex *negative_regex;
/* Page furniture, matched as whole words of class and id. */
static GRegex *furniture_regex;

static void
ensure_regexes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      GRegexCompileFlags flags = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;

      unlikely_regex = g_regex_new ("-ad-|ai2html|banner|breadcrumbs|combx|comment|community|"
                                    "cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|"
                                    "related|remark|replies|rss|shoutbox|sidebar|skyscraper|"
                                    "social|sponsor|supplemental|ad-break|agegate|pagination|"
                                    "pager|popup|yom-remote",
                                    flags, 0, NULL);
      maybe_regex = g_regex_new ("and|article|body|column|content|main|shadow", flags, 0, NULL);
      positive_regex = g_regex_new ("article|body|content|entry|hentry|h-entry|main|page|"
                                    "pagination|post|text|blog|story",
                                    flags, 0, NULL);
      negative_regex = g_regex_new ("-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|"
                                    "com-|contact|footer|gdpr|masthead|media|meta|outbrain|"
                                    "promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
                                    "sponsor|shopping|tags|widget",
                                    flags, 0, NULL);
      furniture_regex = g_regex_new ("(^|[\\s_-])(ad|ads|adsbygoogle|advert|advertisement|"
                                     "banner|breadcrumbs?|comments?|comment-list|cookies?|"
                                     "disqus|gdpr|menu|modal|nav|navbar|navigation|newsletter|"
                                     "outbrain|paywall|popup|promo|related|relatedposts|"
                                     "related-posts|share|sharing|sharedaddy|share-buttons|"
                                     "shoutbox|sidebar|signup|social|social-share|sponsor|"
                                     "sponsored|subscribe|subscription|taboola|toolbar|"
                                     "widget|print-only|screen-reader-text|sr-only|"
                                     "visually-hidden|skip-link|byline|entry-meta|post-meta|"
                                     "article-meta|posted-on|postmetadata|entry-footer|"
                                     "post-footer|tag-links|cat-links|tags|author-box|"
                                     "author-bio|about-author)([\\s_-]|$)",
                                     flags, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* The class and id of @node, joined by a space ("" when neither). */
static char *
class_and_id (const GumboNode *node)
{
  const char *class_name = curator_html_get_attribute (node, "class");
  const char *id = curator_html_get_attribute (node, "id");

  return g_strjoin (" ", class_name != NULL ? class_name : "", id != NULL ? id : "", NULL);
}

static gboolean
is_html_element (const GumboNode *node)
{
  return node->type == GUMBO_NODE_ELEMENT &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

static gboolean
is_hidden (const GumboNode *node)
{
  const char *style = curator_html_get_attribute (node, "style");
  const char *aria_hidden = curator_html_get_attribute (node, "aria-hidden");

  if (curator_html_get_attribute (node, "hidden") != NULL)
    return TRUE;
  if (aria_hidden != NULL && g_ascii_strcasecmp (aria_hidden, "true") == 0)
    return TRUE;
  if (style != NULL)
    {
      g_autofree char *compact = g_ascii_strdown (style, -1);
      char *out = compact;

      for (char *p = compact; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          *out++ = *p;
      *out = '\0';
      if (strstr (compact, "display:none") != NULL || strstr (compact, "visibility:hidden") != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_furniture_role (const GumboNode *node)
{
  static const char * const roles[] = {
    "navigation", "complementary", "banner", "contentinfo", "menu", "menubar",
    "dialog", "alertdialog", "search", "toolbar",
  };
  const char *role = curator_html_get_attribute (node, "role");

  if (role == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (role, roles[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
curator_main_content_is_furniture (const GumboNode *node)
{
  g_autofree char *names = NULL;

  g_return_val_if_fail (node != NULL, FALSE);

  if (!is_html_element (node))
    return FALSE;

  switch (node->v.element.tag)
    {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MENU:
      return TRUE;
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      return FALSE;
    default:
      break;
    }

  if (is_hidden (node) || has_furniture_role (node))
    return TRUE;

  ensure_regexes ();
  names = class_and_id (node);
  return names[1] != '\0' && g_regex_match (furniture_regex, names, 0, NULL);
}

/* Elements never searched for the article. */
static gboolean
is_skipped (const GumboNode *node)
{
  g_autofree char *names = NULL;

  switch (node->v.element.tag)
    {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return TRUE;
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_A:
      return FALSE;
    default:
      break;
    }

  if (is_hidden (node) || has_furniture_role (node))
    return TRUE;

  ensure_regexes ();
  names = class_and_id (node);
  if (names[1] == '\0')
    return FALSE;
  return g_regex_match (unlikely_regex, names, 0, NULL) &&
         !g_regex_match (maybe_regex, names, 0, NULL);
}

typedef struct
{
  GumboNode *node;
  double     score;
} Candidate;

static double
class_weight (const GumboNode *node)
{
  const char *names[] = {
    curator_html_get_attribute (node, "class"),
    curator_html_get_attribute (node, "id"),
  };
  double weight = 0;

  ensure_regexes ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i] == NULL || names[i][0] == '\0')
        continue;
      if (g_regex_match (negative_regex, names[i], 0, NULL))
        weight -= 25;
      if (g_regex_match (positive_regex, names[i], 0, NULL))
        weight += 25;
    }
  return weight;
}

static double
tag_weight (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
    }
}

/* The number of characters of text under @node and how many of them are
 * inside links. */
static void
text_lengths (GumboNode *node,
              gsize     *chars,
              gsize     *link_chars)
{
  GumboNode *current = node;

  *chars = 0;
  *link_chars = 0;
  while (current != NULL)
    {
      gboolean skip = FALSE;

      if (current->type == GUMBO_NODE_TEXT)
        {
          gsize n = g_utf8_strlen (current->v.text.text, -1);
          const GumboNode *up;

          *chars += n;
          for (up = current->parent; up != NULL && up != node->parent; up = up->parent)
            {
              if (curator_html_is_element (up, GUMBO_TAG_A))
                {
                  *link_chars += n;
                  break;
                }
            }
        }
      else if (current->type == GUMBO_NODE_ELEMENT && current != node)
        {
          GumboTag tag = current->v.element.tag;

          skip = tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT;
        }
      current = curator_html_next (current, node, skip);
    }
}

static double
link_density (GumboNode *node)
{
  gsize chars, link_chars;

  text_lengths (node, &chars, &link_chars);
  return chars > 0 ? (double) link_chars / chars : 0;
}

/* Text-level elements: a block holding only these is a paragraph. */
static gboolean
is_phrasing (GumboTag tag)
{
  switch (tag)
    {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_NOSCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A <div> with no block children reads as a paragraph (Readability). */
static gboolean
is_paragraph_like (const GumboNode *node)
{
  GumboVector *children;

  switch (node->v.element.tag)
    {
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return TRUE;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
      break;
    default:
      return FALSE;
    }

  children = curator_html_get_children (node);
  for (guint i = 0; i < children->length; i++)
    {
      const GumboNode *child = children->data[i];

      if (child->type == GUMBO_NODE_ELEMENT && !is_phrasing (child->v.element.tag))
        return FALSE;
    }
  return TRUE;
}

/* The characters of text under @node outside furniture and scripts. */
static gsize
content_length (GumboNode *node)
{
  GumboNode *current = node;
  gsize length = 0;

  while (current != NULL)
    {
      gboolean skip = FALSE;

      if (current->type == GUMBO_NODE_TEXT)
        length += g_utf8_strlen (current->v.text.text, -1);
      else if (current != node && is_html_element (current))
        skip = curator_main_content_is_furniture (current) ||
               current->v.element.tag == GUMBO_TAG_SCRIPT ||
               current->v.element.tag == GUMBO_TAG_STYLE ||
               current->v.element.tag == GUMBO_TAG_NOSCRIPT;
      current = curator_html_next (current, node, skip);
    }
  return length;
}

static guint
count_commas (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == 0xFF0C || c == 0x3001 || c == 0x060C)
        n++;
    }
  return n;
}

static Candidate *
candidate_for (GHashTable *candidates,
               GumboNode  *node)
{
  Candidate *candidate = g_hash_table_lookup (candidates, node);

  if (candidate == NULL)
    {
      candidate = g_new0 (Candidate, 1);
      candidate->node = node;
      candidate->score = tag_weight (node->v.element.tag) + class_weight (node);
      g_hash_table_insert (candidates, node, candidate);
    }
  return candidate;
}

GPtrArray *
curator_main_content_find (CuratorHtmlDocument *document)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GPtrArray *result = g_ptr_array_new ();
  GumboNode *body, *current;
  Candidate *best = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (document != NULL, result);

  body = curator_html_document_get_body (document);
  if (body == NULL)
    return result;

  current = body;
  while (current != NULL)
    {
      gboolean skip = FALSE;

      if (is_html_element (current) && current != body)
        {
          skip = is_skipped (current);
          if (!skip && is_paragraph_like (current))
            {
              g_autofree char *text = curator_html_dup_text (current);
              glong length = g_utf8_strlen (text, -1);
              GumboNode *ancestor = current->parent;
              double score;

              if (length >= MIN_PARAGRAPH_CHARS)
                {
                  score = 1 + count_commas (text) + MIN (length / 100, 3);
                  for (guint level = 0;
                       level < SCORE_ANCESTORS && ancestor != NULL &&
                       ancestor->type == GUMBO_NODE_ELEMENT;
                       level++, ancestor = ancestor->parent)
                    {
                      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

                      candidate_for (candidates, ancestor)->score += score / divider;
                    }
                }
              /* Its text is counted: what it holds is not scored again
               * (cells and quotes hold paragraphs that are). */
              skip = current->v.element.tag != GUMBO_TAG_TD &&
                     current->v.element.tag != GUMBO_TAG_BLOCKQUOTE;
            }
        }
      current = curator_html_next (current, body, skip);
    }

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Candidate *candidate = value;

      candidate->score *= 1 - link_density (candidate->node);
      if (best == NULL || candidate->score > best->score)
        best = candidate;
    }

  if (best == NULL)
    {
      /* No paragraph anywhere: the whole body is all there is. */
      g_ptr_array_add (result, body);
      return result;
    }

  /* A container whose text is almost all in one child (the page's
   * wrapper around the article's body, say) gives way to that child. */
  for (;;)
    {
      GumboVector *children = curator_html_get_children (best->node);
      gsize total = content_length (best->node);
      GumboNode *biggest = NULL;
      gsize biggest_length = 0;

      for (guint i = 0; i < children->length; i++)
        {
          GumboNode *child = children->data[i];
          gsize length;

          if (!is_html_element (child) || curator_main_content_is_furniture (child))
            continue;
          length = content_length (child);
          if (length > biggest_length)
            {
              biggest_length = length;
              biggest = child;
            }
        }
      if (biggest == NULL || total == 0 || biggest_length < DESCEND_SHARE * total)
        break;
      best = candidate_for (candidates, biggest);
    }

  /* The siblings that continue the article: scored well enough, or
   * paragraphs of plain text. */
  if (best->node->parent != NULL && best->node != body)
    {
      GumboVector *siblings = curator_html_get_children (best->node->parent);
      double threshold = MAX (10, best->score * 0.2);

      for (guint i = 0; i < siblings->length; i++)
        {
          GumboNode *sibling = siblings->data[i];
          Candidate *candidate;
          gboolean keep = sibling == best->node;

          if (!keep && is_html_element (sibling) && !curator_main_content_is_furniture (sibling))
            {
              candidate = g_hash_table_lookup (candidates, sibling);
              if (candidate != NULL && candidate->score >= threshold)
                {
                  keep = TRUE;
                }
              else if (sibling->v.element.tag == GUMBO_TAG_P)
                {
                  g_autofree char *text = curator_html_dup_text (sibling);
                  glong length = g_utf8_strlen (text, -1);
                  double density = link_density (sibling);

                  keep = (length > 80 && density < 0.25) ||
                         (length > 0 && density == 0 && strchr (text, '.') != NULL);
                }
            }
          if (keep)
            g_ptr_array_add (result, sibling);
        }
    }
  else
    {
      g_ptr_array_add (result, best->node);
    }

  return result;
}

/* TRUE when @text reads like a date, a byline or a caption credit rather
 * than a sentence. */
static gboolean
is_meta_line (const char *text)
{
  static const char * const prefixes[] = { "by ", "photo", "image", "credit", "posted", "published", "updated", "advertisement" };
  g_autofree char *lower = g_utf8_strdown (text, -1);
  guint words = 1;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (lower, prefixes[i]))
      return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (*p == ' ')
      words++;
  return words < 5;
}

char *
curator_main_content_first_paragraph (GPtrArray *nodes)
{
  g_return_val_if_fail (nodes != NULL, NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      GumboNode *root = g_ptr_array_index (nodes, i);
      GumboNode *current = root;

      while (current != NULL)
        {
          gboolean skip = FALSE;

          if (is_html_element (current))
            {
              if (current != root && curator_main_content_is_furniture (current))
                {
                  skip = TRUE;
                }
              else if (current->v.element.tag == GUMBO_TAG_FIGURE ||
                       current->v.element.tag == GUMBO_TAG_FIGCAPTION ||
                       current->v.element.tag == GUMBO_TAG_SCRIPT ||
                       current->v.element.tag == GUMBO_TAG_STYLE)
                {
                  skip = TRUE;
                }
              else if (current->v.element.tag == GUMBO_TAG_P)
                {
                  g_autofree char *text = curator_html_dup_text (current);

                  if (g_utf8_strlen (text, -1) >= FIRST_PARAGRAPH_MIN_CHARS && !is_meta_line (text))
                    return g_steal_pointer (&text);
                  skip = TRUE;
                }
            }
          current = curator_html_next (current, root, skip);
        }
    }

  return NULL;
}
