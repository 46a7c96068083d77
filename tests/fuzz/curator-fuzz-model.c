/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target over the whole model: split, parse, one edit chosen from
 * the input bytes, serialize. Invariants (abort on violation):
 *  - nothing crashes (ASan/UBSan catch the rest);
 *  - a serialize without edits gives back the input bytes;
 *  - an edit either is refused, with an error and the bytes unchanged, or
 *    gives bytes that load again with editable front matter (and, for a
 *    scalar set, read back the value that was set);
 *  - an edit merges onto the file changed on disk in its body, giving the
 *    edit's data with the new body.
 * Built as a libFuzzer binary (clang, -Dfuzzing=true) and, with
 * curator-fuzz-replay.c, as a plain program that replays files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curator-model.h"

#include "curator-fuzz.h"

static const char * const fuzz_values[] = {
  "plain text",
  "",
  "a: b # c",
  "'quoted' \"double\"",
  "- item",
  "line one\nline two",
  "Café ✓",
  "123",
  "true",
  "null",
  "  padded  ",
  "[x]",
};

static const char * const fuzz_json[] = {
  "[\"a\", \"b\"]",
  "{\"k\": 1, \"l\": [true, null]}",
  "[]",
  "{}",
  "\"text\"",
  "42",
};

/* g_error() ends in a breakpoint (SIGTRAP), which libFuzzer does not
 * catch: report and abort() so that the input is saved as a crash. */
static G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  fputs ("curator-fuzz: invariant broken: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  abort ();
}

static gboolean
is_null_spelling (const char *text)
{
  return text[0] == '\0' || g_str_equal (text, "~") || g_str_equal (text, "null") ||
         g_str_equal (text, "Null") || g_str_equal (text, "NULL");
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  guint32       state;
} Choice;

/* Deterministic choices derived from the input bytes. */
static guint
choose (Choice *choice,
        guint   n)
{
  choice->state = choice->state * 1103515245u + 12345u;
  return n == 0 ? 0 : (choice->state >> 8) % n;
}

static void
collect_paths (const CuratorNode *node,
               GPtrArray         *paths)
{
  guint n;

  if (node == NULL)
    return;

  g_ptr_array_add (paths, curator_node_dup_key_path (node));
  if (curator_node_get_kind (node) == CURATOR_NODE_MAPPING ||
      curator_node_get_kind (node) == CURATOR_NODE_SEQUENCE)
    {
      n = curator_node_get_n_children (node);
      for (guint i = 0; i < n; i++)
        collect_paths (curator_node_get_child (node, i), paths);
    }
}

/* A splice of the body (curator_document_replace_body, as the source view
 * makes them): exactly the asked bytes change, and undo gives them back. */
static void
fuzz_replace_body (CuratorDocument *document,
                   Choice          *choice)
{
  g_autofree char *body = curator_document_dup_body (document);
  g_autoptr(GBytes) before = curator_document_serialize (document);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GString) expected = NULL;
  const char *text = fuzz_values[choose (choice, G_N_ELEMENTS (fuzz_values))];
  gsize body_length = strlen (body);
  gsize body_start = g_bytes_get_size (before) - body_length;
  gsize at = choose (choice, body_length + 1);
  gsize cut;

  while (at > 0 && at < body_length && (body[at] & 0xC0) == 0x80)
    at--;
  cut = choose (choice, MIN (body_length - at, 16) + 1);
  while (at + cut < body_length && (body[at + cut] & 0xC0) == 0x80)
    cut++;

  curator_document_replace_body (document, at, cut, text, -1);
  after = curator_document_serialize (document);

  /* The bytes before the body stay; text typed after a closing delimiter
   * that ends the file without a line ending gets one first (else the
   * delimiter line would run on into the body). */
  expected = g_string_new_len (g_bytes_get_data (before, NULL), body_start + at);
  if (body_length == 0 && text[0] != '\0' && body_start > 0 &&
      curator_document_get_front_matter_kind (document) != CURATOR_FRONT_MATTER_NONE &&
      expected->str[body_start - 1] != '\n' && expected->str[body_start - 1] != '\r')
    {
      const char *rest = (const char *) g_bytes_get_data (after, NULL) + body_start;

      g_string_append_len (expected, rest, rest[0] == '\r' && rest[1] == '\n' ? 2 : 1);
      if (rest[0] != '\n' && rest[0] != '\r')
        fuzz_fail ("text after a closing delimiter at the end joined its line");
    }
  g_string_append (expected, text);
  g_string_append (expected, body + at + cut);
  if (g_bytes_get_size (after) != expected->len ||
      memcmp (g_bytes_get_data (after, NULL), expected->str, expected->len) != 0)
    fuzz_fail ("a body splice did not give the expected bytes");

  if (!g_bytes_equal (before, after))
    {
      g_autoptr(GBytes) undone = NULL;

      if (!curator_document_undo (document))
        fuzz_fail ("a body splice cannot be undone");
      undone = curator_document_serialize (document);
      if (!g_bytes_equal (undone, before))
        fuzz_fail ("undo did not restore the body");
    }
}

void
curator_fuzz_one_input (const guint8 *data,
                        gsize         size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(CuratorDocument) document = curator_document_new (NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;
  CuratorFrontMatterSplit split;
  Choice choice = { data, size, 0x9e3779b9u };
  const char *path;
  const char *value = NULL;
  gboolean edited = FALSE;
  guint op;

  for (gsize i = 0; i < size; i++)
    choice.state = (choice.state ^ data[i]) * 16777619u;

  /* The splitter and the tree on their own, over the whole input too. */
  if (curator_front_matter_split ((const char *) data, size, &split, NULL))
    {
      g_assert_cmpuint (split.front_matter_start, <=, split.front_matter_end);
      g_assert_cmpuint (split.front_matter_end, <=, split.body_start);
      g_assert_cmpuint (split.body_start, <=, size);
    }
  /* An empty GBytes has no data pointer, and libyaml asserts on a NULL
   * input: the model's tree parser does not guard that yet (reported). */
  if (size > 0)
    {
      CuratorYamlTree *tree = curator_yaml_tree_parse (input, 0, size, NULL);

      g_clear_pointer (&tree, curator_yaml_tree_unref);
    }

  if (!curator_document_load_from_bytes (document, input, &error))
    return;

  saved = curator_document_serialize (document);
  if (!g_bytes_equal (saved, input))
    fuzz_fail ("a no-op serialize changed the bytes");

  if (!curator_document_get_editable (document))
    return;

  /* On a copy: the edit below starts from the loaded bytes, as before. */
  {
    g_autoptr(CuratorDocument) copy = curator_document_new (NULL);
    Choice body_choice = { data, size, choice.state ^ 0x5bd1e995u };

    if (curator_document_load_from_bytes (copy, input, NULL))
      fuzz_replace_body (copy, &body_choice);
  }

  paths = g_ptr_array_new_with_free_func (g_free);
  collect_paths (curator_document_get_root (document), paths);
  /* A key that does not exist yet: set adds it, unset refuses. */
  g_ptr_array_add (paths, g_strdup ("fuzzNewKey"));
  g_ptr_array_add (paths, g_strdup ("fuzz.new[0]"));
  path = g_ptr_array_index (paths, choose (&choice, paths->len));

  before = curator_document_serialize (document);
  op = choose (&choice, 6);
  switch (op)
    {
    case 0:
      value = fuzz_values[choose (&choice, G_N_ELEMENTS (fuzz_values))];
      edited = curator_document_set_value (document, path, value, CURATOR_SCALAR_AUTO, &error);
      break;
    case 1:
      value = fuzz_values[choose (&choice, G_N_ELEMENTS (fuzz_values))];
      edited = curator_document_set_value (document, path, value, CURATOR_SCALAR_STRING, &error);
      break;
    case 2:
      edited = curator_document_set_json (document, path,
                                          fuzz_json[choose (&choice, G_N_ELEMENTS (fuzz_json))],
                                          &error);
      value = NULL;
      break;
    case 3:
      edited = curator_document_unset (document, path, &error);
      break;
    case 4:
      /* An item into a list (or a refusal when path is not one). */
      edited = curator_document_insert_item (document, path, choose (&choice, 4),
                                             fuzz_values[choose (&choice, G_N_ELEMENTS (fuzz_values))],
                                             CURATOR_SCALAR_AUTO, &error);
      break;
    case 5:
    default:
      edited = curator_document_move_item (document, path, choose (&choice, 4), choose (&choice, 4),
                                           &error);
      break;
    }

  after = curator_document_serialize (document);
  if (!edited)
    {
      if (error == NULL)
        fuzz_fail ("an edit failed without an error");
      if (!g_bytes_equal (before, after))
        fuzz_fail ("a refused edit changed the bytes: %s", error->message);
      return;
    }

  g_assert_no_error (error);

  /* Undo gives back the bytes from before the edit, redo those after (an
   * edit that changed nothing leaves nothing to undo). */
  if (!g_bytes_equal (before, after))
    {
      g_autoptr(GBytes) undone = NULL;
      g_autoptr(GBytes) redone = NULL;

      if (!curator_document_undo (document))
        fuzz_fail ("an edit cannot be undone");
      undone = curator_document_serialize (document);
      if (!g_bytes_equal (undone, before))
        fuzz_fail ("undo did not restore the bytes");
      if (!curator_document_redo (document))
        fuzz_fail ("an undone edit cannot be redone");
      redone = curator_document_serialize (document);
      if (!g_bytes_equal (redone, after))
        fuzz_fail ("redo did not give the edited bytes back");
    }

  /* Meanwhile the file changed on disk, in its body: the edit merges
   * onto it field by field, giving our data with their body. */
  if (!g_bytes_equal (before, after))
    {
      g_autoptr(CuratorDocument) theirs = curator_document_new (NULL);
      g_autoptr(CuratorDocument) result = curator_document_new (NULL);
      g_autoptr(GBytes) disk = NULL;
      g_autoptr(GBytes) merged = NULL;
      g_autoptr(GError) merge_error = NULL;
      g_auto(GStrv) conflicts = NULL;
      g_autofree char *ours_json = NULL;
      g_autofree char *merged_json = NULL;
      g_autofree char *merged_body = NULL;

      if (!curator_document_load_from_bytes (theirs, input, NULL))
        fuzz_fail ("the input does not load twice");
      curator_document_set_body (theirs, "<p>Changed on disk</p>\n");
      disk = curator_document_serialize (theirs);
      merged = curator_document_merge_onto (document, disk, &conflicts, &merge_error);
      if (merged == NULL)
        fuzz_fail ("an edit does not merge onto a change of the body: %s",
                   merge_error != NULL ? merge_error->message : conflicts[0]);
      if (!curator_document_load_from_bytes (result, merged, NULL) || !curator_document_get_editable (result))
        fuzz_fail ("merged bytes do not parse");
      ours_json = curator_node_to_json (curator_document_get_root (document), FALSE);
      merged_json = curator_node_to_json (curator_document_get_root (result), FALSE);
      if (g_strcmp0 (ours_json, merged_json) != 0)
        fuzz_fail ("the merge has other data than the edit: %s / %s", merged_json, ours_json);
      merged_body = curator_document_dup_body (result);
      if (g_strcmp0 (merged_body, "<p>Changed on disk</p>\n") != 0)
        fuzz_fail ("the merge lost the body changed on disk");
    }

  {
    g_autoptr(CuratorDocument) reloaded = curator_document_new (NULL);
    g_autoptr(GError) reload_error = NULL;
    const CuratorNode *node;

    if (!curator_document_load_from_bytes (reloaded, after, &reload_error))
      fuzz_fail ("edited bytes do not load: %s", reload_error->message);
    if (!curator_document_get_editable (reloaded))
      fuzz_fail ("edited bytes do not parse: %s",
               curator_document_get_load_error (reloaded)->message);
    if (value != NULL)
      {
        node = curator_document_lookup (reloaded, path, &reload_error);
        if (node == NULL)
          fuzz_fail ("%s is gone after setting it: %s", path, reload_error->message);
        /* A null keeps its spelling (`key:` stays empty), so a null
         * reads back as any null spelling. */
        if (curator_node_get_kind (node) == CURATOR_NODE_SCALAR &&
            g_strcmp0 (curator_node_get_value (node), value) != 0 &&
            !(curator_node_get_scalar_type (node) == CURATOR_SCALAR_NULL && is_null_spelling (value)))
          fuzz_fail ("%s reads back “%s” after setting “%s”", path,
                   curator_node_get_value (node), value);
      }
  }
}
