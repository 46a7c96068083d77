/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-web.h"

#include "web-test-html.h"

static gboolean
fail (char **why,
      char  *text)
{
  if (why != NULL)
    *why = text;
  else
    g_free (text);
  return FALSE;
}

static const char * const allowed_elements[] = {
  "a", "abbr", "acronym", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
  "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl",
  "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hgroup", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "rp", "rt",
  "rtc", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
  "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
  /* The fragment's own root. */
  "html",
};

static const char * const url_attributes[] = { "href", "src", "cite" };

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *name)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
attribute_allowed (const char *element,
                   const char *attribute)
{
  static const struct { const char *element; const char *attributes; } allowed[] = {
    { "*", " lang title " },
    { "a", " href hreflang " },
    { "img", " src alt width height " },
    { "td", " colspan rowspan " },
    { "th", " colspan rowspan scope " },
    { "blockquote", " cite " },
    { "q", " cite " },
    { "del", " cite datetime " },
    { "ins", " cite datetime " },
    { "time", " datetime " },
    { "col", " span " },
    { "colgroup", " span " },
    { "ol", " start " },
    { "bdo", " dir " },
    { "data", " value " },
  };
  g_autofree char *needle = g_strdup_printf (" %s ", attribute);

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if ((strcmp (allowed[i].element, "*") == 0 || strcmp (allowed[i].element, element) == 0) &&
        strstr (allowed[i].attributes, needle) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
web_test_html_is_clean (const char  *html,
                        char       **why)
{
  g_autoptr(CuratorHtmlDocument) fragment = curator_html_document_parse_fragment (html, strlen (html));
  GumboNode *root = curator_html_document_get_body (fragment);

  for (GumboNode *node = root; node != NULL; node = curator_html_next (node, root, FALSE))
    {
      const char *name;

      if (node->type == GUMBO_NODE_COMMENT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_TEMPLATE)
        return fail (why, g_strdup ("a comment, CDATA or template survived"));
      if (node->type != GUMBO_NODE_ELEMENT)
        continue;
      if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
        return fail (why, g_strdup ("a foreign (svg or math) element survived"));
      name = gumbo_normalized_tagname (node->v.element.tag);
      if (node->v.element.tag == GUMBO_TAG_UNKNOWN || !in_list (allowed_elements, G_N_ELEMENTS (allowed_elements), name))
        return fail (why, g_strdup_printf ("element <%s> is not allowed", name));

      for (guint i = 0; i < node->v.element.attributes.length; i++)
        {
          GumboAttribute *attribute = node->v.element.attributes.data[i];
          g_autofree char *lower = g_ascii_strdown (attribute->value, -1);

          if (!attribute_allowed (name, attribute->name))
            return fail (why, g_strdup_printf ("attribute %s on <%s> is not allowed", attribute->name, name));
          if (in_list (url_attributes, G_N_ELEMENTS (url_attributes), attribute->name))
            {
              const char *scheme = g_uri_peek_scheme (attribute->value);
              gboolean image = strcmp (name, "img") == 0;

              if (scheme != NULL && strcmp (scheme, "http") != 0 && strcmp (scheme, "https") != 0 &&
                  (image || (strcmp (scheme, "mailto") != 0 && strcmp (scheme, "tel") != 0)))
                return fail (why, g_strdup_printf ("scheme %s in %s of <%s>", scheme, attribute->name, name));
              if (scheme == NULL && strchr (attribute->value, ':') != NULL &&
                  strcspn (attribute->value, ":") < strcspn (attribute->value, "/?#"))
                return fail (why, g_strdup_printf ("a colon before any slash in %s=\"%s\"", attribute->name, attribute->value));
            }
          g_strstrip (lower);
          if (g_str_has_prefix (lower, "javascript:") && strcmp (attribute->name, "title") != 0 &&
              strcmp (attribute->name, "alt") != 0)
            return fail (why, g_strdup_printf ("javascript in %s=\"%s\"", attribute->name, attribute->value));
        }
    }
  return TRUE;
}

