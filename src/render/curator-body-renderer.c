/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-body-renderer"

#include "config.h"

#include <string.h>

#include "curator-body-renderer.h"
#include "curator-markdown-private.h"
#include "curator-shortcode.h"

/* A Markdown body is rendered in runs of blocks ("chunks") that parse
 * alone into what they give within the whole body, so that an edit
 * re-parses only its own run (cmark-gfm takes ~25 ms per MB here; a
 * keystroke in a 200 KB body must cost far less).
 *
 * A run starts at a line that starts a block after a blank line and at
 * the margin: whatever was open before (a paragraph, a list, a block
 * quote, an indented code block, a definition list) is closed there,
 * unless the line goes on with it: a list item, a description (':').
 * What can reach past such a line is checked on the result: a fenced
 * code block or an HTML block (comment, <pre>, <script>...) left open at
 * the end of a run takes the next run in: such runs are rendered
 * together. Definition lists that end and start two runs are one list:
 * their HTML is joined when the runs are put together.
 * That is read from each run's outline (curator_markdown_outline(): a
 * parse alone, kept like the renderings), before the runs are rendered.
 * The outlines also give the body's definitions (of links and of
 * footnotes), which every run is then rendered with: the footnotes are
 * numbered and listed for the page when the runs are put together.
 * Where the outline cannot be sure of them ("[label]:" in code or in a
 * paragraph's text, a footnote in a list), the body is one run. Heading
 * ids are made unique across the runs when they are put together
 * (curator_markdown_assemble()), and each run is rendered with
 * the typographer's count of open quotes that the runs before it left
 * (and kept for that count).
 *
 * Of the possible starts, about one in four is used, chosen by a hash of
 * the text around it (and every sixteenth since the last one, for text
 * that repeats itself), so that an edit moves no start but those next
 * to it. */

#define SUMMARY_DIVIDER "<!--more-->"
#define SUMMARY_MARKER "HUGOMORE42"

#define CUT_ONE_IN 4
#define CUT_AT_LEAST_EVERY 16
#define CUT_HASH_SPAN 32

struct _CuratorBodyRenderer
{
  GObject            parent_instance;

  CuratorBodyFormat  format;
  gboolean           raw_html;
  /* What the runs of the last body were made into (RunEntry): their
   * text -> CuratorMarkdownOutline, and (with the quotes open before
   * them and the definitions) -> CuratorMarkdownChunk. */
  GHashTable        *outlines;
  GHashTable        *chunks;
  /* Bodies rendered: what a body does not use is dropped after it. */
  guint              renders;
  /* The last body's definitions, sorted out by label, and a count of
   * the changes to them (the runs' selections are of one). */
  CuratorLinkDefinitions *definitions;
  guint              definitions_generation;
  /* Its headings' ids, made unique. */
  CuratorHeadingIds *heading_ids;
  guint              n_raw_html;
  guint              n_runs;
};

G_DEFINE_FINAL_TYPE (CuratorBodyRenderer, curator_body_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_RAW_HTML,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * curator_body_format_for_path:
 * @path: (nullable): a content file's path
 *
 * Returns: Markdown for the extensions Hugo renders with goldmark (.md,
 *   .markdown, .mdown), else HTML
 */
CuratorBodyFormat
curator_body_format_for_path (const char *path)
{
  static const char * const markdown[] = { ".md", ".markdown", ".mdown" };
  const char *dot;

  if (path == NULL)
    return CURATOR_BODY_FORMAT_HTML;
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return CURATOR_BODY_FORMAT_HTML;

  for (guint i = 0; i < G_N_ELEMENTS (markdown); i++)
    if (g_ascii_strcasecmp (dot, markdown[i]) == 0)
      return CURATOR_BODY_FORMAT_MARKDOWN;
  return CURATOR_BODY_FORMAT_HTML;
}

/* Splitting ---------------------------------------------------------------- */

static gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

static gsize
next_line (const char *text,
           gsize       length,
           gsize       at)
{
  while (at < length && !is_line_end (text[at]))
    at++;
  if (at < length && text[at] == '\r' && at + 1 < length && text[at + 1] == '\n')
    at++;
  return at < length ? at + 1 : length;
}

/* next_line() for a text without CR. */
static gsize
next_lf_line (const char *text,
              gsize       length,
              gsize       at)
{
  const char *newline = memchr (text + at, '\n', length - at);

  return newline != NULL ? (gsize)(newline - text) + 1 : length;
}

static gboolean
is_blank_line (const char *text,
               gsize       length,
               gsize       at)
{
  while (at < length && (text[at] == ' ' || text[at] == '\t'))
    at++;
  return at >= length || is_line_end (text[at]);
}

static gboolean
is_space_or_end (const char *text,
                 gsize       length,
                 gsize       at)
{
  return at >= length || text[at] == ' ' || text[at] == '\t' || is_line_end (text[at]);
}

/* A line at the margin that starts a block of its own: not a list item
 * (which may go on with a list above) nor a description. */
static gboolean
starts_run (const char *text,
            gsize       length,
            gsize       at)
{
  char c = text[at];
  gsize digits = 0;

  if (c == ' ' || c == '\t' || is_line_end (c))
    return FALSE;
  if ((c == '-' || c == '+' || c == '*' || c == ':') && is_space_or_end (text, length, at + 1))
    return FALSE;
  while (at + digits < length && g_ascii_isdigit (text[at + digits]) && digits < 10)
    digits++;
  if (digits > 0 && digits < 10 && at + digits < length &&
      (text[at + digits] == '.' || text[at + digits] == ')') &&
      is_space_or_end (text, length, at + digits + 1))
    return FALSE;
  return TRUE;
}

/* A hash of @length bytes at @data, eight at a time (the runs' keys and
 * cuts hash every run of a body on each keystroke). */
static guint64
hash_bytes (guint64     hash,
            const char *data,
            gsize       length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      hash ^= hash >> 29;
    }
  for (; i < length; i++)
    hash = (hash ^ (guchar)data[i]) * G_GUINT64_CONSTANT (0x100000001B3);
  return hash ^ (hash >> 32);
}

static guint
hash_around (const char *text,
             gsize       length,
             gsize       at)
{
  gsize start = at > CUT_HASH_SPAN ? at - CUT_HASH_SPAN : 0;
  gsize end = MIN (length, at + CUT_HASH_SPAN);

  return (guint)hash_bytes (0, text + start, end - start);
}

/* Where the runs of @text start (the first at 0). */
static GArray *
split_runs (const char *text,
            gsize       length)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) shortcodes = NULL;
  gsize zero = 0;
  gboolean previous_blank = FALSE;
  guint since_cut = 0;
  guint shortcode = 0;
  gboolean lf_only;

  g_array_append_val (starts, zero);
  if (length == 0)
    return starts;
  lf_only = memchr (text, '\r', length) == NULL;

  /* Never in the middle of a shortcode tag written over several lines. */
  shortcodes = curator_shortcode_scan (text, length);

  for (gsize at = 0; at < length; at = lf_only ? next_lf_line (text, length, at) : next_line (text, length, at))
    {
      gboolean blank = is_blank_line (text, length, at);

      while (shortcode < shortcodes->len &&
             g_array_index (shortcodes, CuratorShortcode, shortcode).offset +
             g_array_index (shortcodes, CuratorShortcode, shortcode).length <= at)
        shortcode++;

      if (previous_blank && !blank && at > 0 && starts_run (text, length, at) &&
          (shortcode >= shortcodes->len || g_array_index (shortcodes, CuratorShortcode, shortcode).offset >= at))
        {
          if (++since_cut >= CUT_AT_LEAST_EVERY || hash_around (text, length, at) % CUT_ONE_IN == 0)
            {
              g_array_append_val (starts, at);
              since_cut = 0;
            }
        }
      previous_blank = blank;
    }

  return starts;
}

/* Rendering ---------------------------------------------------------------- */

/* Runs are kept by their text, and what else their rendering depends
 * on. A lookup borrows the text from the body (nothing is copied unless
 * the run is new); the hash is of the text's ends and length, the text
 * compared in full on a match. */
typedef struct
{
  const char              *text;
  gsize                    length;
  CuratorTypographerState  quotes;
  guint                    definitions;
  guint                    hash;
} RunKey;

static RunKey
make_key (const char                    *text,
          gsize                          length,
          const CuratorTypographerState *quotes,
          guint                          definitions)
{
  RunKey key = { text, length, { 0, 0 }, definitions, 0 };
  guint64 hash = hash_bytes (length, text, MIN (length, 64));

  if (quotes != NULL)
    key.quotes = *quotes;
  if (length > 64)
    hash = hash_bytes (hash, text + MAX (64, length - 64), length - MAX (64, length - 64));
  key.hash = (guint)hash ^ key.definitions ^ (guint)(key.quotes.single_quotes * 31 + key.quotes.double_quotes);
  return key;
}

static guint
run_key_hash (gconstpointer data)
{
  return ((const RunKey *)data)->hash;
}

static gboolean
run_key_equal (gconstpointer a,
               gconstpointer b)
{
  const RunKey *x = a, *y = b;

  return x->hash == y->hash && x->length == y->length && x->definitions == y->definitions &&
         x->quotes.single_quotes == y->quotes.single_quotes &&
         x->quotes.double_quotes == y->quotes.double_quotes &&
         memcmp (x->text, y->text, x->length) == 0;
}

/* What a run was made into, with its key (the tables' key is the
 * entry) and the last body that used it. */
typedef struct
{
  RunKey          key;
  gpointer        value;
  GDestroyNotify  free_value;
  guint           used;
  /* Outlines only: the hash of the definitions selected for the run from
   * the body's definitions of that generation (0: not yet). */
  guint           selected_from;
  guint           selection_hash;
} RunEntry;

static void
run_entry_free (gpointer data)
{
  RunEntry *entry = data;

  entry->free_value (entry->value);
  g_free ((char *)entry->key.text);
  g_free (entry);
}

static GHashTable *
new_run_table (void)
{
  return g_hash_table_new_full (run_key_hash, run_key_equal, run_entry_free, NULL);
}

static gboolean
entry_unused (gpointer key,
              gpointer value,
              gpointer user_data)
{
  return ((RunEntry *)key)->used != GPOINTER_TO_UINT (user_data);
}

/* Finds @key in @table, marked used by this body; NULL when it is not
 * there. */
static RunEntry *
find_run (CuratorBodyRenderer *self,
          GHashTable          *table,
          const RunKey        *key)
{
  RunEntry *entry = g_hash_table_lookup (table, key);

  if (entry != NULL)
    entry->used = self->renders;
  return entry;
}

static RunEntry *
add_run (CuratorBodyRenderer *self,
         GHashTable          *table,
         const RunKey        *key,
         gpointer             value,
         GDestroyNotify       free_value)
{
  RunEntry *entry = g_new0 (RunEntry, 1);

  entry->key = *key;
  entry->key.text = g_strndup (key->text, key->length);
  entry->value = value;
  entry->free_value = free_value;
  entry->used = self->renders;
  g_hash_table_add (table, entry);
  return entry;
}

static RunEntry *
get_outline (CuratorBodyRenderer *self,
             const char          *text,
             gsize                start,
             gsize                end)
{
  RunKey key = make_key (text + start, end - start, NULL, 0);
  RunEntry *entry = find_run (self, self->outlines, &key);

  if (entry == NULL)
    entry = add_run (self, self->outlines, &key, curator_markdown_outline (text + start, end - start),
                     (GDestroyNotify)curator_markdown_outline_free);
  return entry;
}

/* The hash of the body's definitions that the run of @entry may refer
 * to (0 for none), selected once for each generation of them. */
static guint
select_definitions (CuratorBodyRenderer *self,
                    RunEntry            *entry)
{
  const CuratorMarkdownOutline *outline = entry->value;

  if (self->definitions == NULL)
    return 0;
  if (entry->selected_from != self->definitions_generation)
    {
      entry->selection_hash = curator_link_definitions_select (self->definitions, &outline->references);
      entry->selected_from = self->definitions_generation;
    }
  return entry->selection_hash;
}

/* The run of @text from @start to @end, rendered after runs that left
 * @quotes open (the typographer counts them to the end of the page),
 * with the body's definitions its outline @references may refer to
 * (@definitions_hash, 0 for none, is their hash). */
static CuratorMarkdownChunk *
get_chunk (CuratorBodyRenderer           *self,
           const char                    *text,
           gsize                          start,
           gsize                          end,
           const CuratorTypographerState *quotes,
           const CuratorLinkReferences   *references,
           guint                          definitions_hash)
{
  RunKey key = make_key (text + start, end - start, quotes, definitions_hash);
  RunEntry *entry = find_run (self, self->chunks, &key);

  if (entry == NULL)
    {
      g_autofree char *selected = NULL;

      if (definitions_hash != 0)
        {
          curator_link_definitions_select (self->definitions, references);
          selected = curator_link_definitions_dup_selection (self->definitions);
        }
      entry = add_run (self, self->chunks, &key,
                       curator_markdown_render_chunk (text + start, end - start, self->raw_html, quotes, selected),
                       (GDestroyNotify)curator_markdown_chunk_free);
    }
  return entry->value;
}

/* Whether the first line of @text that is not blank is indented by four
 * columns or more: put after the definitions, it would go on with a
 * footnote's definition instead of being code. */
static gboolean
starts_indented (const char *text,
                 gsize       length)
{
  gsize at = 0;

  while (at < length && is_blank_line (text, length, at))
    at = next_line (text, length, at);
  for (guint column = 0; at < length; at++)
    {
      if (text[at] == ' ')
        column++;
      else if (text[at] == '\t')
        column += 4 - column % 4;
      else
        return FALSE;
      if (column >= 4)
        return TRUE;
    }
  return FALSE;
}

/* The runs of @text: where each starts and ends, as the outlines of its
 * pieces join them (a fence or an HTML block left open takes the next
 * in), their outlines, and the body's definitions. FALSE when the body
 * is to be rendered whole. */
static gboolean
plan_runs (CuratorBodyRenderer  *self,
           const char           *text,
           gsize                 length,
           GArray               *runs,
           GPtrArray            *run_outlines,
           GString              *definitions)
{
  g_autoptr(GArray) starts = split_runs (text, length);
  gboolean after_dl = FALSE;
  guint run = 0;

  if (starts->len == 1)
    return FALSE;

  while (run < starts->len)
    {
      gsize start = g_array_index (starts, gsize, run);
      guint next = run + 1;
      RunEntry *entry;
      CuratorMarkdownOutline *outline;

      while (TRUE)
        {
          gsize end = next < starts->len ? g_array_index (starts, gsize, next) : length;

          entry = get_outline (self, text, start, end);
          outline = entry->value;
          if (next < starts->len && outline->ends_open)
            {
              next++;
              continue;
            }
          g_array_append_val (runs, start);
          g_array_append_val (runs, end);
          g_ptr_array_add (run_outlines, entry);
          break;
        }

      if (outline->unknown_definitions)
        {
          g_debug ("Definitions the outline cannot tell: the body is rendered whole");
          return FALSE;
        }
      /* goldmark makes them terms of the list before. */
      if (after_dl && outline->starts_with_definitions_of_terms)
        {
          g_debug ("Definitions before terms after a list: the body is rendered whole");
          return FALSE;
        }
      if (start > 0 && outline->starts_with_description)
        {
          g_debug ("A description after definitions, its term in the run before: the body is rendered whole");
          return FALSE;
        }
      after_dl = outline->ends_with_dl;
      if (outline->definitions != NULL)
        {
          if (definitions->len > 0)
            g_string_append_c (definitions, '\n');
          g_string_append (definitions, outline->definitions);
        }
      run = next;
    }

  /* Every run is rendered after the definitions (see
   * curator_markdown_render_chunk()). */
  if (strstr (definitions->str, "[^") != NULL && starts_indented (text, length))
    {
      g_debug ("Indented text after a footnote's definition: the body is rendered whole");
      return FALSE;
    }

  return TRUE;
}

static char *
render_markdown (CuratorBodyRenderer *self,
                 const char          *text,
                 gsize                length,
                 gboolean             in_runs)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) run_outlines = g_ptr_array_new ();
  g_autoptr(GString) definitions = g_string_new (NULL);
  CuratorTypographerState quotes = { 0 };
  GString *html;
  gsize html_length = 64;

  /* A BOM that starts the body is not text (as cmark-gfm has it). */
  if (length >= strlen (UTF8_BOM) && memcmp (text, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    {
      text += strlen (UTF8_BOM);
      length -= strlen (UTF8_BOM);
    }

  self->renders++;

  if (in_runs && plan_runs (self, text, length, runs, run_outlines, definitions))
    {
      if (definitions->len == 0
          ? self->definitions != NULL
          : self->definitions == NULL ||
            !g_str_equal (curator_link_definitions_get_text (self->definitions), definitions->str))
        {
          g_clear_pointer (&self->definitions, curator_link_definitions_free);
          if (definitions->len > 0)
            self->definitions = curator_link_definitions_new (definitions->str);
          self->definitions_generation++;
        }

      for (guint i = 0; i < runs->len; i += 2)
        {
          RunEntry *entry = run_outlines->pdata[i / 2];
          const CuratorMarkdownOutline *outline = entry->value;
          CuratorMarkdownChunk *chunk = get_chunk (self, text,
                                                   g_array_index (runs, gsize, i),
                                                   g_array_index (runs, gsize, i + 1),
                                                   &quotes, &outline->references,
                                                   select_definitions (self, entry));

          /* Not definitions after all: the body goes whole. */
          if (chunk->definitions_shown)
            {
              g_debug ("Definitions made a block: the body is rendered whole");
              g_ptr_array_set_size (used, 0);
              break;
            }
          /* A run of nothing but link definitions gives no block: the
           * definition lists on either side are one, as in the whole
           * body, where nothing stands between them. */
          if (*chunk->html != '\0' || chunk->footnotes->len > 0)
            g_ptr_array_add (used, chunk);
          quotes = chunk->quotes;
        }
    }

  if (used->len == 0)
    {
      quotes = (CuratorTypographerState) { 0 };
      g_ptr_array_add (used, get_chunk (self, text, 0, length, &quotes, NULL, 0));
    }

  self->n_runs = used->len;
  self->n_raw_html = 0;
  for (guint i = 0; i < used->len; i++)
    {
      CuratorMarkdownChunk *chunk = used->pdata[i];

      self->n_raw_html += chunk->n_raw_html;
      html_length += strlen (chunk->html) + 16 * chunk->headings->len;
    }
  html = g_string_sized_new (html_length);
  curator_markdown_assemble (html, (CuratorMarkdownChunk * const *)used->pdata, used->len, self->heading_ids);

  /* Keep what this body is made of for the next one, and only that. */
  g_hash_table_foreach_remove (self->outlines, entry_unused, GUINT_TO_POINTER (self->renders));
  g_hash_table_foreach_remove (self->chunks, entry_unused, GUINT_TO_POINTER (self->renders));

  return g_string_free (html, FALSE);
}

static void
curator_body_renderer_finalize (GObject *object)
{
  CuratorBodyRenderer *self = (CuratorBodyRenderer *)object;

  g_clear_pointer (&self->outlines, g_hash_table_unref);
  g_clear_pointer (&self->chunks, g_hash_table_unref);
  g_clear_pointer (&self->definitions, curator_link_definitions_free);
  g_clear_pointer (&self->heading_ids, curator_heading_ids_free);

  G_OBJECT_CLASS (curator_body_renderer_parent_class)->finalize (object);
}

static void
curator_body_renderer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CuratorBodyRenderer *self = CURATOR_BODY_RENDERER (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;

    case PROP_RAW_HTML:
      g_value_set_boolean (value, self->raw_html);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_body_renderer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CuratorBodyRenderer *self = CURATOR_BODY_RENDERER (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      curator_body_renderer_set_format (self, g_value_get_int (value));
      break;

    case PROP_RAW_HTML:
      curator_body_renderer_set_raw_html (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_body_renderer_class_init (CuratorBodyRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_body_renderer_finalize;
  object_class->get_property = curator_body_renderer_get_property;
  object_class->set_property = curator_body_renderer_set_property;

  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL,
                      CURATOR_BODY_FORMAT_HTML, CURATOR_BODY_FORMAT_MARKDOWN, CURATOR_BODY_FORMAT_HTML,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RAW_HTML] =
    g_param_spec_boolean ("raw-html", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_body_renderer_init (CuratorBodyRenderer *self)
{
  self->raw_html = TRUE;
  self->outlines = new_run_table ();
  self->chunks = new_run_table ();
  self->heading_ids = curator_heading_ids_new ();
}

CuratorBodyRenderer *
curator_body_renderer_new (CuratorBodyFormat format,
                           gboolean          raw_html)
{
  return g_object_new (CURATOR_TYPE_BODY_RENDERER,
                       "format", format,
                       "raw-html", raw_html,
                       NULL);
}

CuratorBodyFormat
curator_body_renderer_get_format (CuratorBodyRenderer *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_RENDERER (self), CURATOR_BODY_FORMAT_HTML);

  return self->format;
}

void
curator_body_renderer_set_format (CuratorBodyRenderer *self,
                                  CuratorBodyFormat    format)
{
  g_return_if_fail (CURATOR_IS_BODY_RENDERER (self));

  if (self->format == format)
    return;

  self->format = format;
  self->n_raw_html = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

gboolean
curator_body_renderer_get_raw_html (CuratorBodyRenderer *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_RENDERER (self), TRUE);

  return self->raw_html;
}

void
curator_body_renderer_set_raw_html (CuratorBodyRenderer *self,
                                    gboolean             raw_html)
{
  g_return_if_fail (CURATOR_IS_BODY_RENDERER (self));

  raw_html = !!raw_html;
  if (self->raw_html == raw_html)
    return;

  self->raw_html = raw_html;
  /* What was rendered under the other rule is no use. */
  g_hash_table_remove_all (self->chunks);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAW_HTML]);
}

/* The body as Hugo renders it, in runs or as one. Hugo's summary
 * divider: the first <!--more--> and the white space after it become a
 * marker paragraph, which goes after rendering with the paragraph it is
 * in and the newlines around (hugolib/page__per_output.go). */
static char *
render_body (CuratorBodyRenderer *self,
             const char          *body,
             gsize                length,
             gboolean             in_runs)
{
  const char *divider = curator_markdown_find (body, length, SUMMARY_DIVIDER);
  g_autoptr(GString) content = NULL;
  g_autofree char *html = NULL;
  const char *marker;
  const char *after;
  const char *paragraph;
  const char *paragraph_end;
  GString *result;

  if (divider == NULL)
    return render_markdown (self, body, length, in_runs);

  content = g_string_new_len (body, divider - body);
  for (after = divider + strlen (SUMMARY_DIVIDER); after < body + length && g_ascii_isspace (*after); after++)
    ;
  g_string_append (content, "\n\n" SUMMARY_MARKER "\n\n");
  g_string_append_len (content, after, body + length - after);
  html = render_markdown (self, content->str, content->len, in_runs);

  marker = strstr (html, SUMMARY_MARKER);
  if (marker == NULL)
    return g_steal_pointer (&html);
  paragraph = g_strrstr_len (html, marker - html, "<p");
  paragraph_end = strstr (marker, "</p");
  if (paragraph == NULL)
    paragraph = marker;
  paragraph_end = paragraph_end != NULL ? paragraph_end + strlen ("</p>") : marker + strlen (SUMMARY_MARKER);
  paragraph_end = MIN (paragraph_end, html + strlen (html));

  result = g_string_new_len (html, paragraph - html);
  while (*paragraph_end == '\n')
    paragraph_end++;
  g_string_append (result, paragraph_end);
  while (result->len > 0 && result->str[result->len - 1] == '\n')
    g_string_truncate (result, result->len - 1);
  return g_string_free (result, FALSE);
}

/**
 * curator_body_renderer_render:
 * @body: the body, UTF-8
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Returns: (transfer full): the body's HTML
 */
char *
curator_body_renderer_render (CuratorBodyRenderer *self,
                              const char          *body,
                              gssize               length)
{
  g_return_val_if_fail (CURATOR_IS_BODY_RENDERER (self), NULL);
  g_return_val_if_fail (body != NULL || length <= 0, NULL);

  if (body == NULL)
    body = "";
  if (length < 0)
    length = strlen (body);

  if (self->format == CURATOR_BODY_FORMAT_HTML)
    return g_strndup (body, length);

  return render_body (self, body, length, TRUE);
}

/* For the tests: what rendering in runs must add up to. */
char *
curator_body_renderer_render_whole (CuratorBodyRenderer *self,
                                    const char          *body)
{
  g_return_val_if_fail (CURATOR_IS_BODY_RENDERER (self), NULL);
  g_return_val_if_fail (self->format == CURATOR_BODY_FORMAT_MARKDOWN, NULL);

  return render_body (self, body, strlen (body), FALSE);
}

guint
curator_body_renderer_get_n_runs (CuratorBodyRenderer *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_RENDERER (self), 0);

  return self->n_runs;
}

guint
curator_body_renderer_get_n_raw_html (CuratorBodyRenderer *self)
{
  g_return_val_if_fail (CURATOR_IS_BODY_RENDERER (self), 0);

  return self->n_raw_html;
}
