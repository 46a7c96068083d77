/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-html-pieces"

#include "config.h"

#include <string.h>

#include "curator-html-pieces.h"

/* Splitting an HTML body into pieces that parse alone (in a <body>) into
 * exactly the nodes they give within the whole body, so that the preview
 * re-parses only the pieces an edit touched.
 *
 * A cut is made only where the HTML parser is back at the top of <body>
 * (no element open, no formatting element left to reconstruct, no form
 * pending) right after a block-level element, so that the preview can
 * give each piece a box of its own without splitting a line. The scanner below follows the HTML tokenizer exactly (tags,
 * attributes and their quoting, comments, raw text) and the tree builder
 * far enough to know the stack of open elements for common markup,
 * including its implied end tags. Whatever it does not model (misnested
 * formatting, templates, selects, foreign content breakouts, ...) stops
 * the cutting: the rest of the body is one piece, which is always right. */

enum
{
  KIND_VOID        = 1 << 0,  /* no element stays open */
  KIND_RAW_TEXT    = 1 << 1,  /* content is text up to its end tag */
  KIND_CLOSES_P    = 1 << 2,  /* closes a <p> in button scope first */
  KIND_FORMATTING  = 1 << 3,  /* reconstructed if closed implicitly */
  KIND_SPECIAL     = 1 << 4,
  KIND_SCOPE       = 1 << 5,  /* bounds "has an element in scope" */
  KIND_IMPLIED_END = 1 << 6,  /* closed by "generate implied end tags" */
  KIND_HEADING     = 1 << 7,
  KIND_UNMODELLED  = 1 << 8,  /* stop cutting */
  KIND_IGNORED     = 1 << 9,  /* no element in <body> */
  KIND_BREAKOUT    = 1 << 10, /* ends foreign content */
  KIND_FOREIGN     = 1 << 11, /* <svg>, <math> */
  KIND_BLOCK_END   = 1 << 12, /* end tag closes it when in scope */
  KIND_BLOCK       = 1 << 13, /* a block-level box: a cut after it splits no line */
};

typedef struct
{
  const char *name;
  guint       kinds;
} TagKinds;

static const TagKinds tag_kinds[] = {
  { "a", KIND_FORMATTING },
  { "address", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "applet", KIND_SPECIAL | KIND_SCOPE | KIND_UNMODELLED },
  { "area", KIND_VOID | KIND_SPECIAL },
  { "article", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "aside", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "b", KIND_FORMATTING | KIND_BREAKOUT },
  { "base", KIND_VOID | KIND_SPECIAL },
  { "basefont", KIND_VOID | KIND_SPECIAL },
  { "bgsound", KIND_VOID | KIND_SPECIAL },
  { "big", KIND_FORMATTING | KIND_BREAKOUT },
  { "blockquote", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "body", KIND_IGNORED | KIND_SPECIAL | KIND_BREAKOUT },
  { "br", KIND_VOID | KIND_SPECIAL | KIND_BREAKOUT },
  { "button", KIND_SPECIAL | KIND_BLOCK_END },
  { "caption", KIND_IGNORED | KIND_SPECIAL | KIND_SCOPE },
  { "center", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "code", KIND_FORMATTING | KIND_BREAKOUT },
  { "col", KIND_IGNORED | KIND_SPECIAL },
  { "colgroup", KIND_IGNORED | KIND_SPECIAL },
  { "dd", KIND_SPECIAL | KIND_IMPLIED_END | KIND_BREAKOUT | KIND_BLOCK },
  { "details", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "dialog", KIND_CLOSES_P | KIND_BLOCK_END | KIND_BLOCK },
  { "dir", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "div", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "dl", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "dt", KIND_SPECIAL | KIND_IMPLIED_END | KIND_BREAKOUT | KIND_BLOCK },
  { "em", KIND_FORMATTING | KIND_BREAKOUT },
  { "embed", KIND_VOID | KIND_SPECIAL | KIND_BREAKOUT },
  { "fieldset", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "figcaption", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "figure", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "font", KIND_FORMATTING | KIND_BREAKOUT },
  { "footer", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "form", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK },
  { "frame", KIND_IGNORED | KIND_SPECIAL },
  { "frameset", KIND_UNMODELLED },
  { "h1", KIND_CLOSES_P | KIND_SPECIAL | KIND_HEADING | KIND_BREAKOUT | KIND_BLOCK },
  { "h2", KIND_CLOSES_P | KIND_SPECIAL | KIND_HEADING | KIND_BREAKOUT | KIND_BLOCK },
  { "h3", KIND_CLOSES_P | KIND_SPECIAL | KIND_HEADING | KIND_BREAKOUT | KIND_BLOCK },
  { "h4", KIND_CLOSES_P | KIND_SPECIAL | KIND_HEADING | KIND_BREAKOUT | KIND_BLOCK },
  { "h5", KIND_CLOSES_P | KIND_SPECIAL | KIND_HEADING | KIND_BREAKOUT | KIND_BLOCK },
  { "h6", KIND_CLOSES_P | KIND_SPECIAL | KIND_HEADING | KIND_BREAKOUT | KIND_BLOCK },
  { "head", KIND_IGNORED | KIND_SPECIAL | KIND_BREAKOUT },
  { "header", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "hgroup", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "hr", KIND_VOID | KIND_CLOSES_P | KIND_SPECIAL | KIND_BREAKOUT | KIND_BLOCK },
  { "html", KIND_IGNORED | KIND_SPECIAL | KIND_SCOPE },
  { "i", KIND_FORMATTING | KIND_BREAKOUT },
  { "iframe", KIND_RAW_TEXT | KIND_SPECIAL },
  { "image", KIND_VOID },
  { "img", KIND_VOID | KIND_SPECIAL | KIND_BREAKOUT },
  { "input", KIND_VOID | KIND_SPECIAL },
  { "keygen", KIND_VOID | KIND_SPECIAL },
  { "li", KIND_SPECIAL | KIND_IMPLIED_END | KIND_BREAKOUT | KIND_BLOCK },
  { "link", KIND_VOID | KIND_SPECIAL },
  { "listing", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "main", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "marquee", KIND_SPECIAL | KIND_SCOPE | KIND_UNMODELLED },
  { "math", KIND_FOREIGN },
  { "menu", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "meta", KIND_VOID | KIND_SPECIAL | KIND_BREAKOUT },
  { "nav", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "nobr", KIND_FORMATTING | KIND_BREAKOUT },
  { "noembed", KIND_RAW_TEXT | KIND_SPECIAL },
  { "noframes", KIND_RAW_TEXT | KIND_SPECIAL },
  { "noscript", KIND_RAW_TEXT | KIND_SPECIAL },
  { "object", KIND_SPECIAL | KIND_SCOPE | KIND_UNMODELLED },
  { "ol", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "optgroup", KIND_IMPLIED_END },
  { "option", KIND_IMPLIED_END },
  { "p", KIND_CLOSES_P | KIND_SPECIAL | KIND_IMPLIED_END | KIND_BREAKOUT | KIND_BLOCK },
  { "param", KIND_VOID | KIND_SPECIAL },
  { "plaintext", KIND_UNMODELLED },
  { "pre", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "rb", KIND_IMPLIED_END },
  { "rp", KIND_IMPLIED_END },
  { "rt", KIND_IMPLIED_END },
  { "rtc", KIND_IMPLIED_END },
  { "ruby", KIND_BREAKOUT },
  { "s", KIND_FORMATTING | KIND_BREAKOUT },
  { "script", KIND_RAW_TEXT | KIND_SPECIAL },
  { "search", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "section", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "select", KIND_UNMODELLED },
  { "small", KIND_FORMATTING | KIND_BREAKOUT },
  { "source", KIND_VOID | KIND_SPECIAL },
  { "span", KIND_BREAKOUT },
  { "strike", KIND_FORMATTING | KIND_BREAKOUT },
  { "strong", KIND_FORMATTING | KIND_BREAKOUT },
  { "style", KIND_RAW_TEXT | KIND_SPECIAL },
  { "sub", KIND_BREAKOUT },
  { "summary", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BLOCK },
  { "sup", KIND_BREAKOUT },
  { "svg", KIND_FOREIGN },
  { "table", KIND_CLOSES_P | KIND_SPECIAL | KIND_SCOPE | KIND_BREAKOUT | KIND_BLOCK },
  { "tbody", KIND_IGNORED | KIND_SPECIAL },
  { "td", KIND_IGNORED | KIND_SPECIAL | KIND_SCOPE },
  { "template", KIND_UNMODELLED },
  { "textarea", KIND_RAW_TEXT | KIND_SPECIAL },
  { "tfoot", KIND_IGNORED | KIND_SPECIAL },
  { "th", KIND_IGNORED | KIND_SPECIAL | KIND_SCOPE },
  { "thead", KIND_IGNORED | KIND_SPECIAL },
  { "title", KIND_RAW_TEXT | KIND_SPECIAL },
  { "tr", KIND_IGNORED | KIND_SPECIAL },
  { "track", KIND_VOID | KIND_SPECIAL },
  { "tt", KIND_FORMATTING | KIND_BREAKOUT },
  { "u", KIND_FORMATTING | KIND_BREAKOUT },
  { "ul", KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK_END | KIND_BREAKOUT | KIND_BLOCK },
  { "var", KIND_BREAKOUT },
  { "wbr", KIND_VOID | KIND_SPECIAL },
  { "xmp", KIND_RAW_TEXT | KIND_CLOSES_P | KIND_SPECIAL | KIND_BLOCK },
};

/* Tag names up to this long are followed; a longer one stops the cuts. */
#define MAX_NAME 64
#define MAX_DEPTH 512

static const char * const formatting_names[] = {
  "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
};

typedef struct
{
  char  name[MAX_NAME];
  guint kinds;
  guint foreign : 1;
} Element;

typedef struct
{
  const char *html;
  const char *end;
  const char *at;

  /* The tag just read. */
  char        name[MAX_NAME];
  gboolean    self_closing;

  Element     stack[MAX_DEPTH];
  guint       depth;
  /* Inside a <table>: only nested tables and the tokenizer are followed. */
  guint       table_depth;
  /* Formatting start minus end tags in it, by name. */
  int         table_formatting[G_N_ELEMENTS (formatting_names)];

  /* The markup just read ended a block-level element. A cut goes only
   * there: no text is split between two pieces, and the page may put
   * each piece in a box of its own without breaking a line. */
  gboolean    block_ended;
  gboolean    stopped;
} Scanner;

static int
compare_tag_kinds (const void *key,
                   const void *member)
{
  return strcmp (key, ((const TagKinds *)member)->name);
}

static guint
lookup_kinds (const char *name)
{
  const TagKinds *found = bsearch (name, tag_kinds, G_N_ELEMENTS (tag_kinds),
                                   sizeof tag_kinds[0], compare_tag_kinds);

  return found != NULL ? found->kinds : 0;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static inline gboolean
is_ascii_alpha (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads a tag name at @s->at; names are compared lower case. */
static void
read_tag_name (Scanner *s)
{
  gsize length = 0;

  while (s->at < s->end && !is_space (*s->at) && *s->at != '/' && *s->at != '>')
    {
      if (length < MAX_NAME - 1)
        s->name[length++] = g_ascii_tolower (*s->at);
      else
        s->stopped = TRUE;
      s->at++;
    }
  s->name[length] = '\0';
}

/* Skips the attributes up to and past the tag's '>', as the tokenizer
 * does (a quote opens a value only after '='). FALSE at the end of input:
 * the tokenizer drops such a tag. */
static gboolean
skip_attributes (Scanner *s)
{
  s->self_closing = FALSE;

  while (s->at < s->end)
    {
      char c = *s->at;

      if (is_space (c))
        {
          s->at++;
          continue;
        }
      if (c == '>')
        {
          s->at++;
          return TRUE;
        }
      if (c == '/')
        {
          s->at++;
          if (s->at < s->end && *s->at == '>')
            {
              s->self_closing = TRUE;
              s->at++;
              return TRUE;
            }
          continue;
        }

      /* An attribute name; its first character may be '='. */
      s->at++;
      while (s->at < s->end && !is_space (*s->at) && *s->at != '/' &&
             *s->at != '>' && *s->at != '=')
        s->at++;
      while (s->at < s->end && is_space (*s->at))
        s->at++;
      if (s->at >= s->end || *s->at != '=')
        continue;

      /* Its value. */
      s->at++;
      while (s->at < s->end && is_space (*s->at))
        s->at++;
      if (s->at >= s->end)
        return FALSE;
      if (*s->at == '"' || *s->at == '\'')
        {
          const char *close = memchr (s->at + 1, *s->at, s->end - s->at - 1);

          if (close == NULL)
            return FALSE;
          s->at = close + 1;
        }
      else
        {
          while (s->at < s->end && !is_space (*s->at) && *s->at != '>')
            s->at++;
        }
    }

  return FALSE;
}

/* Finds `</name` followed by a space, '/' or '>' from @from; NULL if
 * there is none. */
static const char *
find_end_tag (Scanner    *s,
              const char *from,
              const char *name)
{
  gsize length = strlen (name);
  const char *at = from;

  while ((at = memchr (at, '<', s->end - at)) != NULL)
    {
      if (at + 2 + length <= s->end && at[1] == '/' &&
          g_ascii_strncasecmp (at + 2, name, length) == 0 &&
          (at + 2 + length == s->end || is_space (at[2 + length]) ||
           at[2 + length] == '/' || at[2 + length] == '>'))
        return at;
      at++;
    }

  return NULL;
}

/* Skips raw text or RCDATA content and its end tag. */
static void
skip_raw_text (Scanner *s)
{
  const char *content = s->at;
  const char *close = find_end_tag (s, s->at, s->name);
  gsize length;

  if (close == NULL)
    {
      s->stopped = TRUE;
      return;
    }

  length = close - content;
  /* Script data has escaped states in which `</script>` does not end
   * it; <noscript> is markup when scripting is off. Cutting after
   * either is not worth modelling those. */
  if ((strcmp (s->name, "script") == 0 && g_strstr_len (content, length, "<!--") != NULL) ||
      (strcmp (s->name, "noscript") == 0 && memchr (content, '<', length) != NULL))
    s->stopped = TRUE;

  s->at = close + 2;
  read_tag_name (s);
  if (!skip_attributes (s))
    s->stopped = TRUE;
  s->block_ended = strcmp (s->name, "xmp") == 0;
}

/* Whether an element named @name is in scope: found before any of the
 * scope's boundaries, searching from the current node. */
static gboolean
has_in_scope (Scanner    *s,
              const char *name,
              guint       extra_boundaries)
{
  for (guint i = s->depth; i > 0; i--)
    {
      const Element *element = &s->stack[i - 1];

      if (strcmp (element->name, name) == 0 && !element->foreign)
        return TRUE;
      if (element->foreign || (element->kinds & KIND_SCOPE) != 0)
        return FALSE;
      if ((extra_boundaries & 1) != 0 && strcmp (element->name, "button") == 0)
        return FALSE;
      if ((extra_boundaries & 2) != 0 &&
          (strcmp (element->name, "ol") == 0 || strcmp (element->name, "ul") == 0))
        return FALSE;
    }

  return FALSE;
}

#define BUTTON_SCOPE 1
#define LIST_ITEM_SCOPE (1 | 2)

/* Pops elements down to and including the one at @index. A formatting
 * element closed this way would be reconstructed later by the parser:
 * stop there. */
static void
pop_to_index (Scanner *s,
              guint    index)
{
  s->block_ended = (s->stack[index].kinds & KIND_BLOCK) != 0;
  while (s->depth > index)
    {
      s->depth--;
      if (s->depth > index && (s->stack[s->depth].kinds & KIND_FORMATTING) != 0)
        s->stopped = TRUE;
    }
}

static void
pop_to_name (Scanner    *s,
             const char *name)
{
  for (guint i = s->depth; i > 0; i--)
    if (strcmp (s->stack[i - 1].name, name) == 0)
      {
        pop_to_index (s, i - 1);
        return;
      }
}

static void
close_p_in_button_scope (Scanner *s)
{
  if (has_in_scope (s, "p", BUTTON_SCOPE))
    pop_to_name (s, "p");
}

static void
push (Scanner  *s,
      guint     kinds,
      gboolean  foreign)
{
  Element *element;

  if (s->depth == MAX_DEPTH)
    {
      s->stopped = TRUE;
      return;
    }

  element = &s->stack[s->depth++];
  memcpy (element->name, s->name, sizeof element->name);
  element->kinds = kinds;
  element->foreign = foreign;
}

static gboolean
is_in_stack (Scanner    *s,
             const char *name)
{
  for (guint i = 0; i < s->depth; i++)
    if (strcmp (s->stack[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

static int *
table_formatting_count (Scanner *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (formatting_names); i++)
    if (strcmp (s->name, formatting_names[i]) == 0)
      return &s->table_formatting[i];

  g_assert_not_reached ();
}

static void
start_tag_in_table (Scanner *s,
                    guint    kinds)
{
  if (strcmp (s->name, "table") == 0)
    s->table_depth++;
  else if ((kinds & KIND_RAW_TEXT) != 0)
    skip_raw_text (s);
  else if ((kinds & (KIND_UNMODELLED | KIND_FOREIGN)) != 0 || strcmp (s->name, "form") == 0)
    s->stopped = TRUE;
  else if ((kinds & KIND_FORMATTING) != 0)
    (*table_formatting_count (s))++;
}

static void
end_tag_in_table (Scanner *s,
                  guint    kinds)
{
  if ((kinds & KIND_FORMATTING) != 0)
    (*table_formatting_count (s))--;
  else if (strcmp (s->name, "table") == 0 && --s->table_depth == 0)
    {
      /* A formatting element left open in the table (misnested, or
       * outside its cells) may be reconstructed after it. */
      for (guint i = 0; i < G_N_ELEMENTS (formatting_names); i++)
        if (s->table_formatting[i] != 0)
          s->stopped = TRUE;
      pop_to_name (s, "table");
    }
}

static void
start_tag_in_foreign_content (Scanner *s,
                              guint    kinds)
{
  /* HTML inside foreign content (integration points, breakouts) is not
   * modelled. */
  if ((kinds & KIND_BREAKOUT) != 0 ||
      strcmp (s->name, "foreignobject") == 0 || strcmp (s->name, "desc") == 0 ||
      strcmp (s->name, "title") == 0 || strcmp (s->name, "annotation-xml") == 0 ||
      strcmp (s->name, "mi") == 0 || strcmp (s->name, "mo") == 0 ||
      strcmp (s->name, "mn") == 0 || strcmp (s->name, "ms") == 0 ||
      strcmp (s->name, "mtext") == 0)
    s->stopped = TRUE;
  else if (!s->self_closing)
    push (s, 0, TRUE);
}

static void
end_tag_in_foreign_content (Scanner *s)
{
  for (guint i = s->depth; i > 0 && s->stack[i - 1].foreign; i--)
    if (strcmp (s->stack[i - 1].name, s->name) == 0)
      {
        s->depth = i - 1;
        return;
      }

  s->stopped = TRUE;
}

static void
start_tag (Scanner *s)
{
  guint kinds = lookup_kinds (s->name);

  if (s->table_depth > 0)
    {
      start_tag_in_table (s, kinds);
      return;
    }
  if (s->depth > 0 && s->stack[s->depth - 1].foreign)
    {
      start_tag_in_foreign_content (s, kinds);
      return;
    }

  if ((kinds & (KIND_UNMODELLED | KIND_IGNORED)) != 0)
    {
      if ((kinds & KIND_UNMODELLED) != 0)
        s->stopped = TRUE;
      return;
    }

  /* A new list item or definition closes the open one. */
  if (strcmp (s->name, "li") == 0 || strcmp (s->name, "dd") == 0 || strcmp (s->name, "dt") == 0)
    {
      for (guint i = s->depth; i > 0; i--)
        {
          const Element *element = &s->stack[i - 1];
          gboolean same = s->name[0] == 'l'
            ? strcmp (element->name, "li") == 0
            : strcmp (element->name, "dd") == 0 || strcmp (element->name, "dt") == 0;

          if (same)
            {
              pop_to_index (s, i - 1);
              break;
            }
          if ((element->kinds & KIND_SPECIAL) != 0 &&
              strcmp (element->name, "address") != 0 &&
              strcmp (element->name, "div") != 0 &&
              strcmp (element->name, "p") != 0)
            break;
        }
      close_p_in_button_scope (s);
      push (s, kinds, FALSE);
      return;
    }

  if ((kinds & KIND_CLOSES_P) != 0)
    close_p_in_button_scope (s);

  if ((kinds & KIND_HEADING) != 0 && s->depth > 0 &&
      (s->stack[s->depth - 1].kinds & KIND_HEADING) != 0)
    s->depth--;

  if ((kinds & KIND_VOID) != 0)
    {
      s->block_ended = (kinds & KIND_BLOCK) != 0;
      return;
    }
  if ((kinds & KIND_RAW_TEXT) != 0)
    {
      skip_raw_text (s);
      return;
    }
  if ((kinds & KIND_FOREIGN) != 0)
    {
      if (!s->self_closing)
        push (s, kinds, TRUE);
      return;
    }

  if (strcmp (s->name, "table") == 0)
    {
      push (s, kinds, FALSE);
      s->table_depth = 1;
      memset (s->table_formatting, 0, sizeof s->table_formatting);
      return;
    }

  /* Nested ones the parser closes or ignores in ways not modelled. */
  if ((strcmp (s->name, "a") == 0 || strcmp (s->name, "nobr") == 0 ||
       strcmp (s->name, "button") == 0 || strcmp (s->name, "form") == 0) &&
      is_in_stack (s, s->name))
    {
      s->stopped = TRUE;
      return;
    }

  if ((strcmp (s->name, "option") == 0 || strcmp (s->name, "optgroup") == 0) &&
      s->depth > 0 && strcmp (s->stack[s->depth - 1].name, "option") == 0)
    s->depth--;

  push (s, kinds, FALSE);
}

static void
end_tag (Scanner *s)
{
  guint kinds = lookup_kinds (s->name);

  if (s->table_depth > 0)
    {
      end_tag_in_table (s, kinds);
      return;
    }
  if (s->depth > 0 && s->stack[s->depth - 1].foreign)
    {
      end_tag_in_foreign_content (s);
      return;
    }

  /* </p> without a <p> makes an empty one; </br> is a <br>. Neither
   * changes what is open. */
  if (strcmp (s->name, "p") == 0)
    {
      if (has_in_scope (s, "p", BUTTON_SCOPE))
        pop_to_name (s, "p");
      s->block_ended = TRUE;
      return;
    }
  if (strcmp (s->name, "br") == 0)
    return;

  if ((kinds & KIND_HEADING) != 0)
    {
      for (guint i = s->depth; i > 0; i--)
        {
          const Element *element = &s->stack[i - 1];

          if ((element->kinds & KIND_HEADING) != 0)
            {
              pop_to_index (s, i - 1);
              return;
            }
          if ((element->kinds & KIND_SCOPE) != 0)
            return;
        }
      return;
    }

  if (strcmp (s->name, "li") == 0 || strcmp (s->name, "dd") == 0 || strcmp (s->name, "dt") == 0)
    {
      if (has_in_scope (s, s->name, s->name[0] == 'l' ? LIST_ITEM_SCOPE : 0))
        pop_to_name (s, s->name);
      return;
    }

  if ((kinds & KIND_BLOCK_END) != 0)
    {
      if (has_in_scope (s, s->name, 0))
        pop_to_name (s, s->name);
      return;
    }

  if (strcmp (s->name, "form") == 0)
    {
      /* The parser removes the form from the stack and leaves what is in
       * it open: only the plain case is followed. */
      if (s->depth > 0 && strcmp (s->stack[s->depth - 1].name, "form") == 0)
        {
          s->depth--;
          s->block_ended = TRUE;
        }
      else if (is_in_stack (s, "form"))
        s->stopped = TRUE;
      return;
    }

  if ((kinds & KIND_FORMATTING) != 0)
    {
      /* The adoption agency's simple case; misnesting is not followed. */
      if (s->depth > 0 && strcmp (s->stack[s->depth - 1].name, s->name) == 0)
        s->depth--;
      else if (is_in_stack (s, s->name))
        s->stopped = TRUE;
      return;
    }

  /* Any other end tag: closes the nearest such element unless a special
   * one comes first. */
  for (guint i = s->depth; i > 0; i--)
    {
      const Element *element = &s->stack[i - 1];

      if (strcmp (element->name, s->name) == 0)
        {
          pop_to_index (s, i - 1);
          return;
        }
      if ((element->kinds & KIND_SPECIAL) != 0)
        return;
    }
}

/* Reads one piece of markup at '<' and follows what it opens or closes. */
static void
read_markup (Scanner *s)
{
  const char *lt = s->at;

  s->at = lt + 1;
  if (s->at >= s->end)
    return;

  if (*s->at == '!')
    {
      const char *close;

      if (s->end - s->at >= 3 && s->at[1] == '-' && s->at[2] == '-')
        {
          const char *body = s->at + 3;

          /* <!--> and <!---> end at once. */
          if (body < s->end && *body == '>')
            close = body;
          else if (body + 1 < s->end && body[0] == '-' && body[1] == '>')
            close = body + 1;
          else
            {
              close = NULL;
              for (const char *at = body; at + 2 < s->end; at++)
                if (at[0] == '-' && at[1] == '-' &&
                    (at[2] == '>' || (at[2] == '!' && at + 3 < s->end && at[3] == '>')))
                  {
                    close = at[2] == '>' ? at + 2 : at + 3;
                    break;
                  }
            }
        }
      else if (s->depth > 0 && s->stack[s->depth - 1].foreign &&
               s->end - s->at >= 8 && memcmp (s->at, "![CDATA[", 8) == 0)
        {
          close = NULL;
          for (const char *at = s->at + 8; at + 2 < s->end; at++)
            if (at[0] == ']' && at[1] == ']' && at[2] == '>')
              {
                close = at + 2;
                break;
              }
        }
      else
        close = memchr (s->at, '>', s->end - s->at);

      if (close == NULL)
        s->stopped = TRUE;
      else
        s->at = close + 1;
      return;
    }

  if (*s->at == '?')
    {
      const char *close = memchr (s->at, '>', s->end - s->at);

      if (close == NULL)
        s->stopped = TRUE;
      else
        s->at = close + 1;
      return;
    }

  if (*s->at == '/')
    {
      s->at++;
      if (s->at >= s->end)
        return;
      if (*s->at == '>')
        {
          s->at++;
          return;
        }
      if (!is_ascii_alpha (*s->at))
        {
          const char *close = memchr (s->at, '>', s->end - s->at);

          if (close == NULL)
            s->stopped = TRUE;
          else
            s->at = close + 1;
          return;
        }
      read_tag_name (s);
      if (!skip_attributes (s))
        {
          s->stopped = TRUE;
          return;
        }
      end_tag (s);
      return;
    }

  if (is_ascii_alpha (*s->at))
    {
      read_tag_name (s);
      if (!skip_attributes (s))
        {
          s->stopped = TRUE;
          return;
        }
      start_tag (s);
      return;
    }

  /* A '<' that starts no markup is text. */
}

/* How much of the text before a point where a cut is possible chooses
 * whether to cut there. */
#define CHOICE_WINDOW 32

/* Whether to cut at @offset, a point where a cut is possible, the
 * @since-th since the last cut: about one such point in @spacing, chosen
 * by the text just before it. Not by the distance from the last cut in
 * bytes: then typing could move every cut after it, and the page would
 * parse the whole body again. Text that repeats itself can go without a
 * chosen point for long: then every 2 × @spacing-th point is cut, which
 * typing within blocks leaves in place too. */
static gboolean
is_chosen_cut (const char *html,
               gsize       offset,
               guint       spacing,
               guint       since)
{
  guint32 hash = 2166136261u;

  if (spacing <= 1 || since >= 2 * spacing)
    return TRUE;
  for (gsize i = offset > CHOICE_WINDOW ? offset - CHOICE_WINDOW : 0; i < offset; i++)
    hash = (hash ^ (guchar)html[i]) * 16777619u;
  return hash % spacing == 0;
}

/* Appends the pieces of @html from @from (0 or a cut: the scanner's
 * state is empty there) to @pieces. With @old_cuts (sorted offsets, in
 * @html's terms, where an unchanged rest of the text was cut before),
 * stops at the first cut that is one of them and returns that offset;
 * otherwise goes to the end and returns @length. */
static gsize
append_pieces (GArray      *pieces,
               const char  *html,
               gsize        length,
               guint        spacing,
               gsize        from,
               const gsize *old_cuts,
               guint        n_old_cuts)
{
  Scanner *s;
  gsize start = from;
  gsize content_end = length;
  guint next_old = 0;
  guint since = 0;

  if (from >= length)
    return length;

  /* No piece of white space alone at the end. */
  while (content_end > from && is_space (html[content_end - 1]))
    content_end--;

  s = g_new0 (Scanner, 1);
  s->html = html;
  s->at = html + from;
  s->end = html + length;

  while (!s->stopped && s->at < s->end)
    {
      const char *lt = memchr (s->at, '<', s->end - s->at);
      gsize offset;

      if (lt == NULL)
        break;
      s->at = lt;
      s->block_ended = FALSE;
      read_markup (s);

      offset = s->at - html;
      if (!s->stopped && s->block_ended && s->depth == 0 && s->table_depth == 0 &&
          offset < content_end && is_chosen_cut (html, offset, spacing, ++since))
        {
          CuratorHtmlPiece piece = { start, offset - start };

          g_array_append_val (pieces, piece);
          start = offset;
          since = 0;

          while (next_old < n_old_cuts && old_cuts[next_old] < offset)
            next_old++;
          if (next_old < n_old_cuts && old_cuts[next_old] == offset)
            {
              g_free (s);
              return offset;
            }
        }
    }

  if (start < length)
    {
      CuratorHtmlPiece piece = { start, length - start };

      g_array_append_val (pieces, piece);
    }

  g_free (s);
  return length;
}

/**
 * curator_html_split_pieces:
 * @html: the body, HTML
 * @length: its length in bytes
 * @spacing: about how many points where a cut is possible make a piece
 *   (1: a cut at each)
 *
 * Splits @html into consecutive pieces, each of which parses alone in a
 * <body> into the same nodes as within the whole (see above). A cut is
 * possible right after a block-level element where nothing is left open;
 * about one in @spacing of them is made, chosen by the text just before
 * it, so that an edit moves no cut but those next to it.
 *
 * Returns: (transfer full) (element-type CuratorHtmlPiece): the pieces,
 *   covering @html in order (none for an empty body)
 */
GArray *
curator_html_split_pieces (const char *html,
                           gsize       length,
                           guint       spacing)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (CuratorHtmlPiece));

  append_pieces (pieces, html, length, spacing, 0, NULL, 0);
  return pieces;
}

static gboolean
is_blank (const char *from,
          const char *end)
{
  for (const char *at = from; at < end; at++)
    if (!is_space (*at))
      return FALSE;
  return TRUE;
}

static gsize
common_prefix (const char *a,
               const char *b,
               gsize       length)
{
  gsize done = 0;

  /* Block by block first: memcmp is much faster than a byte loop. */
  while (done + 256 <= length && memcmp (a + done, b + done, 256) == 0)
    done += 256;
  while (done < length && a[done] == b[done])
    done++;
  return done;
}

static gsize
common_suffix (const char *a,
               gsize       a_length,
               const char *b,
               gsize       b_length,
               gsize       limit)
{
  gsize done = 0;

  while (done + 256 <= limit &&
         memcmp (a + a_length - done - 256, b + b_length - done - 256, 256) == 0)
    done += 256;
  while (done < limit && a[a_length - done - 1] == b[b_length - done - 1])
    done++;
  return done;
}

/**
 * curator_html_resplit_pieces:
 * @old_html: the text @old_pieces were cut from
 * @old_length: its length
 * @old_pieces: (element-type CuratorHtmlPiece): its pieces, from
 *   curator_html_split_pieces() or this function, with @spacing
 * @html: the new text
 * @length: its length
 * @spacing: as for @old_pieces
 * @first: (out): how many pieces at the start are the same in both
 * @last: (out): how many pieces at the end are the same in both (their
 *   text; their offsets move with the edit)
 *
 * Gives the same pieces as curator_html_split_pieces() on @html, scanning
 * only from the piece where the texts start to differ to the first cut
 * that falls where the old text was cut too, past the change: an edit in
 * a long body costs about a piece's worth of scanning.
 *
 * Returns: (transfer full) (element-type CuratorHtmlPiece): the pieces
 *   of @html
 */
GArray *
curator_html_resplit_pieces (const char *old_html,
                             gsize       old_length,
                             GArray     *old_pieces,
                             const char *html,
                             gsize       length,
                             guint       spacing,
                             guint      *first,
                             guint      *last)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (CuratorHtmlPiece));
  g_autofree gsize *old_cuts = NULL;
  gsize prefix, suffix, from, stopped_at;
  gssize shift = (gssize)length - (gssize)old_length;
  guint n_old = old_pieces->len;
  guint changed = 0;
  guint n_old_cuts = 0;

  prefix = common_prefix (old_html, html, MIN (old_length, length));
  suffix = common_suffix (old_html, old_length, html, length, MIN (old_length, length) - prefix);

  /* The piece where the texts start to differ (the last one if they
   * differ only past its end: the text added may belong to it). */
  while (changed + 1 < n_old &&
         g_array_index (old_pieces, CuratorHtmlPiece, changed + 1).offset <= prefix)
    changed++;
  /* A cut is made only where more than white space follows
   * (append_pieces): when the edit leaves only white space after the
   * changed piece's start, the cut before it goes too. */
  while (changed > 0 && changed < n_old &&
         is_blank (html + g_array_index (old_pieces, CuratorHtmlPiece, changed).offset,
                   html + length))
    changed--;
  if (prefix == old_length && prefix == length)
    changed = n_old;

  for (guint i = 0; i < changed; i++)
    g_array_append_val (pieces, g_array_index (old_pieces, CuratorHtmlPiece, i));
  from = changed < n_old ? g_array_index (old_pieces, CuratorHtmlPiece, changed).offset : old_length;

  /* Where the old text was cut, in the new text's terms, within the
   * unchanged end and far enough into it that every choice of a cut after
   * it reads unchanged text (is_chosen_cut): reaching one of them, the
   * rest is cut as before. */
  old_cuts = g_new (gsize, MAX (n_old, 1));
  for (guint i = changed + 1; i < n_old; i++)
    {
      gsize cut = g_array_index (old_pieces, CuratorHtmlPiece, i).offset;

      if (cut >= old_length - suffix + CHOICE_WINDOW && cut > prefix)
        old_cuts[n_old_cuts++] = cut + shift;
    }

  stopped_at = append_pieces (pieces, html, length, spacing, from, old_cuts, n_old_cuts);

  *first = changed;
  *last = 0;
  if (stopped_at < length)
    {
      for (guint i = changed + 1; i < n_old; i++)
        {
          CuratorHtmlPiece piece = g_array_index (old_pieces, CuratorHtmlPiece, i);

          if ((gssize)piece.offset + shift < (gssize)stopped_at)
            continue;
          piece.offset = (gssize)piece.offset + shift;
          g_array_append_val (pieces, piece);
          (*last)++;
        }
    }

  return pieces;
}
