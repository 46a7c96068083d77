/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"

static void
split_ok (const char              *text,
          gsize                    length,
          CuratorFrontMatterSplit *split)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (curator_front_matter_split (text, length, split, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (split->length, ==, length);
  g_assert_cmpuint (split->front_matter_start, <=, split->front_matter_end);
  g_assert_cmpuint (split->front_matter_end, <=, split->body_start);
  g_assert_cmpuint (split->body_start, <=, length);
}

static char *
front_matter_of (const char                    *text,
                 const CuratorFrontMatterSplit *split)
{
  return g_strndup (text + split->front_matter_start,
                    split->front_matter_end - split->front_matter_start);
}

static void
test_yaml_lf (void)
{
  const char *text = "---\ntitle: x\ntags: [a]\n---\n<p>body</p>\n";
  CuratorFrontMatterSplit split;
  g_autofree char *fm = NULL;

  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_YAML);
  g_assert_false (split.has_bom);
  g_assert_cmpint (split.line_ending, ==, CURATOR_LINE_ENDING_LF);
  fm = front_matter_of (text, &split);
  g_assert_cmpstr (fm, ==, "title: x\ntags: [a]\n");
  g_assert_cmpstr (text + split.body_start, ==, "<p>body</p>\n");
}

static void
test_yaml_variants (void)
{
  CuratorFrontMatterSplit split;
  const char *text;
  g_autofree char *fm1 = NULL, *fm2 = NULL, *fm3 = NULL, *fm4 = NULL, *fm5 = NULL;

  /* Trailing spaces after the delimiters; "..." closes too. */
  text = "---  \na: 1\n... \nbody";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_YAML);
  fm1 = front_matter_of (text, &split);
  g_assert_cmpstr (fm1, ==, "a: 1\n");
  g_assert_cmpstr (text + split.body_start, ==, "body");

  /* CRLF */
  text = "---\r\na: 1\r\n---\r\nbody\r\n";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.line_ending, ==, CURATOR_LINE_ENDING_CRLF);
  fm2 = front_matter_of (text, &split);
  g_assert_cmpstr (fm2, ==, "a: 1\r\n");
  g_assert_cmpstr (text + split.body_start, ==, "body\r\n");

  /* CR only */
  text = "---\ra: 1\rb: 2\r---\rbody";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.line_ending, ==, CURATOR_LINE_ENDING_CR);
  fm3 = front_matter_of (text, &split);
  g_assert_cmpstr (fm3, ==, "a: 1\rb: 2\r");
  g_assert_cmpstr (text + split.body_start, ==, "body");

  /* BOM */
  text = "\xef\xbb\xbf---\na: 1\n---\nbody";
  split_ok (text, strlen (text), &split);
  g_assert_true (split.has_bom);
  g_assert_cmpuint (split.front_matter_start, ==, 7);
  fm4 = front_matter_of (text, &split);
  g_assert_cmpstr (fm4, ==, "a: 1\n");

  /* Closing delimiter at the end of the file, no final newline. */
  text = "---\na: 1\n---";
  split_ok (text, strlen (text), &split);
  g_assert_cmpuint (split.front_matter_end, ==, 9);
  g_assert_cmpuint (split.body_start, ==, strlen (text));

  /* Empty front matter. */
  text = "---\n---\nbody";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_YAML);
  g_assert_cmpuint (split.front_matter_start, ==, split.front_matter_end);
  g_assert_cmpstr (text + split.body_start, ==, "body");

  /* "----" and "--- x" are not delimiters. */
  text = "---\na: ----\n--- x\n---\n";
  split_ok (text, strlen (text), &split);
  fm5 = front_matter_of (text, &split);
  g_assert_cmpstr (fm5, ==, "a: ----\n--- x\n");
}

static void
test_other_kinds (void)
{
  CuratorFrontMatterSplit split;
  const char *text;
  g_autofree char *fm = NULL, *json = NULL;

  text = "+++\ntitle = 'x'\n+++\nbody\n";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_TOML);
  fm = front_matter_of (text, &split);
  g_assert_cmpstr (fm, ==, "title = 'x'\n");
  g_assert_cmpstr (text + split.body_start, ==, "body\n");

  text = "{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}\nbody\n";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_JSON);
  json = front_matter_of (text, &split);
  g_assert_cmpstr (json, ==, "{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}");
  g_assert_cmpstr (text + split.body_start, ==, "body\n");

  text = "Just a page.\n---\n";
  split_ok (text, strlen (text), &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_NONE);
  g_assert_cmpuint (split.body_start, ==, 0);

  split_ok ("", 0, &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_NONE);
}

static void
test_refusals (void)
{
  CuratorFrontMatterSplit split;
  g_autoptr(GError) error = NULL;
  const char binary[] = "---\na: x\0y\n---\n";
  const char *text;

  g_assert_false (curator_front_matter_split (binary, sizeof binary - 1, &split, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_BINARY);
  g_assert_true (g_str_has_prefix (error->message, "line 2, column 5: "));
  g_clear_error (&error);

  text = "---\nt: caf\xc3\xa9 caf\xe9\n---\n";
  g_assert_false (curator_front_matter_split (text, strlen (text), &split, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8);
  g_assert_true (g_str_has_prefix (error->message, "line 2, column 12: "));
  g_clear_error (&error);

  {
    /* Overlong, surrogate, bad continuation, truncated, out of range, stray
     * continuation: each at column 4 of line 2, after a long ASCII run. */
    static const char * const bad[] = {
      "\xc0\x80", "\xed\xa0\x80", "\xc3\x28", "\xe2\x82", "\xf8\x88\x80\x80\x80",
      "\xf4\x90\x80\x80", "\x80",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *bad_text = g_strconcat ("---\na: ", bad[i], "\nbbbbbbbbbbbbbbbbbbbbbbbb\n---\n", NULL);

        g_assert_false (curator_front_matter_split (bad_text, strlen (bad_text), &split, &error));
        g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8);
        g_assert_true (g_str_has_prefix (error->message, "line 2, column 4: "));
        g_clear_error (&error);
      }
    /* Truncated at the very end. */
    g_assert_false (curator_front_matter_split ("---\n\xe2\x82", 6, &split, &error));
    g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_UTF8);
    g_clear_error (&error);
  }

  text = "---\na: 1\nb: 2\n";
  g_assert_false (curator_front_matter_split (text, strlen (text), &split, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column 1: "));
  g_clear_error (&error);

  text = "+++\na = 1\n---\n";
  g_assert_false (curator_front_matter_split (text, strlen (text), &split, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED);
  g_clear_error (&error);

  text = "{\"a\": [1, 2}\n";
  g_assert_false (curator_front_matter_split (text, strlen (text), &split, &error));
  g_assert_error (error, CURATOR_ERROR, CURATOR_ERROR_UNTERMINATED);
}

/* What the split says of @data: 0 accepted, else the error's code plus
 * one, with the message's prefix in @where. */
static int
split_verdict (const char *data,
               gsize       length,
               char      **where)
{
  CuratorFrontMatterSplit split;
  g_autoptr(GError) error = NULL;

  if (curator_front_matter_split (data, length, &split, &error))
    return 0;
  *where = g_strndup (error->message, strcspn (error->message, ":"));
  return error->code + 1;
}

/* What it should say: a NUL anywhere is a binary file; else the first
 * byte g_utf8_validate() stops at. */
static int
expected_verdict (const char *data,
                  gsize       length,
                  char      **where)
{
  const char *nul = memchr (data, '\0', length);
  const char *end;

  if (nul == NULL && g_utf8_validate_len (data, length, &end))
    return 0;
  if (nul != NULL)
    end = nul;
  /* On the first line, the column counts the characters before (the
   * message counts them only where they are valid UTF-8). */
  if (strcspn (data, "\n\r") >= (gsize) (end - data) && g_utf8_validate_len (data, end - data, NULL))
    *where = g_strdup_printf ("line 1, column %ld", g_utf8_strlen (data, end - data) + 1);
  return (nul != NULL ? CURATOR_ERROR_BINARY : CURATOR_ERROR_INVALID_UTF8) + 1;
}

static void
check_text_verdict (const char *data,
                    gsize       length)
{
  g_autofree char *where = NULL;
  g_autofree char *expected_where = NULL;
  int verdict = split_verdict (data, length, &where);
  int expected = expected_verdict (data, length, &expected_where);

  if (verdict != expected || (expected_where != NULL && g_strcmp0 (where, expected_where) != 0))
    {
      g_autofree char *hex = g_strescape (data, NULL);

      g_error ("\"%s\" (%" G_GSIZE_FORMAT " bytes): refused as %d (%s), expected %d (%s)",
               hex, length, verdict, where ? where : "-", expected, expected_where ? expected_where : "-");
    }
}

/* The text check (every byte of a file is looked at before its front
 * matter is split) agrees with g_utf8_validate() on every character of
 * one to four bytes, well-formed or not, where it is checked 64 or 16
 * bytes at a time or one at a time: at each place in the first 80 bytes
 * of plain text, and among other characters. */
static void
test_text_check (void)
{
  static const guchar edges[] = { 0x00, 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
                                  0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff };
  char buffer[128];
  GRand *rand = g_rand_new_with_seed (20261207);

  /* Every pair of bytes, where the checks meet. */
  for (guint a = 0; a < 256; a++)
    for (guint b = 0; b < 256; b++)
      for (guint at = 14; at <= 17; at++)
        {
          memset (buffer, 'a', 96);
          buffer[at] = (char) a;
          buffer[at + 1] = (char) b;
          check_text_verdict (buffer, 96);
          check_text_verdict (buffer, at + 1);
        }

  /* Three and four bytes from the edges of each range, at every place. */
  for (guint a = 0xc0; a < 256; a++)
    for (guint b = 0; b < G_N_ELEMENTS (edges); b++)
      for (guint c = 0; c < G_N_ELEMENTS (edges); c++)
        for (guint d = 0; d < G_N_ELEMENTS (edges); d += 3)
          for (guint at = 0; at < 80; at += (a == 0xe0 || a == 0xf0) ? 1 : 13)
            {
              memset (buffer, 'a', 96);
              buffer[at] = (char) a;
              buffer[at + 1] = (char) edges[b];
              buffer[at + 2] = (char) edges[c];
              buffer[at + 3] = (char) edges[d];
              check_text_verdict (buffer, 96);
              check_text_verdict (buffer, at + 3);
            }

  /* Text with a character of any kind here and there. */
  for (guint round = 0; round < 20000; round++)
    {
      guint length = g_rand_int_range (rand, 1, sizeof buffer);

      for (guint i = 0; i < length; i++)
        {
          guint32 pick = g_rand_int_range (rand, 0, 100);

          if (pick < 90)
            buffer[i] = (char) g_rand_int_range (rand, 0x20, 0x7f);
          else if (pick < 98 && i + 4 <= length)
            {
              gunichar c = g_rand_int_range (rand, 0x80, 0x110000);

              if (c >= 0xd800 && c < 0xe000)
                c = 0xfffd;
              i += g_unichar_to_utf8 (c, buffer + i) - 1;
            }
          else
            buffer[i] = (char) g_rand_int_range (rand, 0, 256);
        }
      /* Not a front matter's opening: the text check alone. */
      buffer[0] = 'a';
      check_text_verdict (buffer, length);
    }
  g_rand_free (rand);
}

static void
test_edge_file (void)
{
  g_autofree char *path = curator_test_corpus_path ("edge", "fm_crlf_utf8.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *fm = NULL;
  g_autoptr(GError) error = NULL;
  CuratorFrontMatterSplit split;
  gsize length;

  if (path == NULL)
    return;
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  split_ok (contents, length, &split);
  g_assert_cmpint (split.kind, ==, CURATOR_FRONT_MATTER_YAML);
  g_assert_cmpint (split.line_ending, ==, CURATOR_LINE_ENDING_CRLF);
  g_assert_cmpuint (split.front_matter_start, ==, 5);
  fm = front_matter_of (contents, &split);
  g_assert_true (g_str_has_prefix (fm, "# comment kept\r\n"));
  g_assert_true (g_str_has_suffix (fm, "  keep\r\n"));
  g_assert_cmpstr (contents + split.body_start, ==, "body text\r\n");
}

typedef struct
{
  guint files;
  guint kinds[4];
  guint failures;
} CorpusCount;

static void
split_tree (const char  *dir,
            CorpusCount *count)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      CuratorFrontMatterSplit split;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          split_tree (path, count);
          continue;
        }
      if (!g_str_has_suffix (name, ".md") ||
          !g_file_get_contents (path, &contents, &length, NULL))
        continue;

      count->files++;
      if (!curator_front_matter_split (contents, length, &split, &error))
        {
          g_test_message ("%s: %s", path, error->message);
          count->failures++;
          continue;
        }
      count->kinds[split.kind]++;
      /* Concatenating the parts gives the file back. */
      g_assert_cmpuint (split.front_matter_start, <=, split.front_matter_end);
      g_assert_cmpuint (split.body_start, <=, length);
    }
}

static void
test_corpus (void)
{
  const CuratorTestCorpusFacts *facts = curator_test_corpus_facts ();
  g_autofree char *medigy = curator_test_corpus_path ("medigy", NULL);
  g_autofree char *hugodocs = curator_test_corpus_path ("hugodocs", NULL);
  CorpusCount count = { 0 };

  if (medigy == NULL)
    return;

  split_tree (medigy, &count);
  g_test_message ("medigy: %u files, %u YAML, %u TOML", count.files,
                  count.kinds[CURATOR_FRONT_MATTER_YAML], count.kinds[CURATOR_FRONT_MATTER_TOML]);
  /* As the corpus README counts them. */
  g_assert_cmpuint (count.failures, ==, 0);
  g_assert_cmpuint (count.files, ==, facts->medigy_files);
  g_assert_cmpuint (count.kinds[CURATOR_FRONT_MATTER_YAML], ==, facts->medigy_files - facts->medigy_toml);
  g_assert_cmpuint (count.kinds[CURATOR_FRONT_MATTER_TOML], ==, facts->medigy_toml);

  memset (&count, 0, sizeof count);
  split_tree (hugodocs, &count);
  g_test_message ("hugodocs: %u files, %u YAML, %u TOML, %u JSON, %u none",
                  count.files, count.kinds[CURATOR_FRONT_MATTER_YAML],
                  count.kinds[CURATOR_FRONT_MATTER_TOML], count.kinds[CURATOR_FRONT_MATTER_JSON],
                  count.kinds[CURATOR_FRONT_MATTER_NONE]);
  g_assert_cmpuint (count.failures, ==, 0);
  g_assert_cmpuint (count.files, ==, facts->hugodocs_files);
  g_assert_cmpuint (count.kinds[CURATOR_FRONT_MATTER_YAML], >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/yaml-lf", test_yaml_lf);
  g_test_add_func ("/front-matter/yaml-variants", test_yaml_variants);
  g_test_add_func ("/front-matter/other-kinds", test_other_kinds);
  g_test_add_func ("/front-matter/refusals", test_refusals);
  g_test_add_func ("/front-matter/text-check", test_text_check);
  g_test_add_func ("/front-matter/edge-file", test_edge_file);
  g_test_add_func ("/front-matter/corpus", test_corpus);

  return g_test_run ();
}
