/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The curator-cli contract (docs: design/brief.md), command by command, on
 * the fixtures in tests/cli/data copied to a temporary folder: exact
 * standard output, standard error and exit status; set/unset write
 * atomically and keep the mode; --diff writes nothing; every kind of bad
 * input gets one line naming file, line and column, a non-zero exit and no
 * write. Also the unified diff itself against `diff -u` output. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include "curator-unified-diff.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *workdir;

static const char * const fixtures[] = {
  "ambiguous.md",
  "curated-item.md",
  "dup-key.md",
  "hugo-page.md",
  "no-front-matter.md",
  "parse-error.md",
  "toml-page.md",
  "unterminated.md",
  "folder/index.md",
  "folder/notes.txt",
  "folder/section/landing.html",
  "folder/section/page.markdown",
  "folder/.hidden/skipped.md",
};

/* Runs curator-cli in the work folder; returns the exit status. */
static int
run_cli (char       **out,
         char       **err,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) CURATOR_CLI_PATH);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Untranslated messages, whatever the machine's locale. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (workdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static char *
read_work_file (const char *name)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_work_file (const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
list_work_folder (void)
{
  g_autoptr(GDir) dir = g_dir_open (workdir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* The bytes and the modification time, to prove nothing was written. */
typedef struct
{
  char   *contents;
  gsize   length;
  time_t  mtime;
  mode_t  mode;
} Snapshot;

static void
snapshot_take (Snapshot   *snapshot,
               const char *name)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  GStatBuf buf;

  if (!g_file_get_contents (path, &snapshot->contents, &snapshot->length, NULL))
    {
      snapshot->contents = NULL;
      snapshot->length = 0;
    }
  if (g_stat (path, &buf) == 0)
    {
      snapshot->mtime = buf.st_mtime;
      snapshot->mode = buf.st_mode;
    }
}

static void
snapshot_assert_unchanged (Snapshot   *before,
                           const char *name)
{
  Snapshot after = { 0 };

  snapshot_take (&after, name);
  g_assert_cmpmem (after.contents, after.length, before->contents, before->length);
  g_assert_cmpint (after.mtime, ==, before->mtime);
  g_free (after.contents);
  g_free (before->contents);
}

/* An old time stamp, so that any write shows. */
static void
age_work_file (const char *name)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  struct utimbuf times = { 1000000000, 1000000000 };

  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
copy_fixtures (void)
{
  g_autoptr(GError) error = NULL;

  workdir = g_dir_make_tmp ("curator-cli-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "cli", "data", fixtures[i], NULL);
      g_autofree char *target = g_build_filename (workdir, fixtures[i], NULL);
      g_autofree char *target_dir = g_path_get_dirname (target);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (target_dir, 0755), ==, 0);
      g_file_set_contents (target, contents, length, &error);
      g_assert_no_error (error);
      age_work_file (fixtures[i]);
    }

  /* Bad input that is better not kept in git as is. */
  write_work_file ("binary.md", "---\ntitle: x\n---\n\x89PNG\0\0\0", 24);
  write_work_file ("invalid-utf8.md", "---\ntitle: caf\xe9\n---\n", -1);
  age_work_file ("binary.md");
  age_work_file ("invalid-utf8.md");
}

/* The unified diff: the same output as `diff -u` (headers aside). */

static void
assert_diff (const char *old_text,
             const char *new_text,
             const char *expected_hunks)
{
  g_autofree char *diff = curator_unified_diff (old_text, strlen (old_text),
                                                new_text, strlen (new_text),
                                                "a.md", "a.md", 3);
  g_autofree char *expected = g_strconcat ("--- a.md\n+++ a.md\n", expected_hunks, NULL);

  g_assert_cmpstr (diff, ==, expected);
}

static void
test_unified_diff (void)
{
  g_autofree char *same = curator_unified_diff ("a\nb\n", 4, "a\nb\n", 4, "x", "x", 3);

  g_assert_cmpstr (same, ==, "");
  /* Two hunks: the changes are more than 6 lines apart. */
  assert_diff ("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n",
               "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nM\n",
               "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
               "@@ -10,4 +10,4 @@\n j\n k\n l\n-m\n+M\n");
  /* One hunk: contexts touch. */
  assert_diff ("a\nb\nc\nd\ne\nf\ng\nh\n",
               "a\nb\nX\nd\ne\nf\nY\nh\n",
               "@@ -1,8 +1,8 @@\n a\n b\n-c\n+X\n d\n e\n f\n-g\n+Y\n h\n");
  assert_diff ("a\nb", "a\nc",
               "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  assert_diff ("", "new\n", "@@ -0,0 +1 @@\n+new\n");
  assert_diff ("a\nb\nc\n", "a\nc\n", "@@ -1,3 +1,2 @@\n a\n-b\n c\n");
  assert_diff ("a\nb\nc\nd\n", "a\nb\nc\nd\ne\n", "@@ -2,3 +2,4 @@\n b\n c\n d\n+e\n");
}

/* Help */

static void
test_help (void)
{
  const char * const commands[] = { "roundtrip", "get", "set", "unset", "dump", "check", "index", "render" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (out, commands[i]));
  g_assert_nonnull (strstr (out, "KEYPATH"));
  g_assert_nonnull (strstr (out, "Exit status"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *command_out = NULL;
      g_autofree char *command_err = NULL;
      g_autofree char *usage = g_strdup_printf ("curator-cli %s [OPTION…]", commands[i]);

      g_assert_cmpint (run_cli (&command_out, &command_err, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (command_out, usage));
      g_assert_nonnull (strstr (command_out, "Exit status"));
      g_assert_cmpstr (command_err, ==, "");
    }

  {
    g_autofree char *set_out = NULL;
    const char * const options[] = { "--string", "--int", "--float", "--bool", "--null", "--json", "--diff" };

    g_assert_cmpint (run_cli (&set_out, NULL, "set", "--help", NULL), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (options); i++)
      g_assert_nonnull (strstr (set_out, options[i]));
  }
}

static void
test_usage_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *out4 = NULL;
  g_autofree char *err4 = NULL;

  g_assert_cmpint (run_cli (&out, &err, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Usage:"));

  g_assert_cmpint (run_cli (&out2, &err2, "frobnicate", NULL), ==, 2);
  g_assert_cmpstr (err2, ==, "curator-cli: unknown command “frobnicate”; run “curator-cli --help” to list the commands\n");

  g_assert_cmpint (run_cli (&out3, &err3, "get", "curated-item.md", NULL), ==, 2);
  g_assert_cmpstr (err3, ==, "curator-cli get: expected FILE KEYPATH\n"
                             "Run “curator-cli get --help” for usage.\n");

  g_assert_cmpint (run_cli (&out4, &err4, "set", "--int", "--bool", "curated-item.md", "id", "1", NULL), ==, 2);
  g_assert_nonnull (strstr (err4, "exclude each other"));
}

/* roundtrip */

static void
test_roundtrip (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli (&out, &err, "roundtrip", ".", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "ERROR ./binary.md: line 4, column 4: a NUL byte: this is a binary file, not text\n"
                   "ERROR ./dup-key.md: line 4, column 1: duplicate key “title” (first defined at line 2, column 1)\n"
                   "ERROR ./invalid-utf8.md: line 2, column 11: invalid UTF-8 (byte 0xE9)\n"
                   "ERROR ./no-front-matter.md: line 1, column 1: no front matter (the file does not start with a --- line)\n"
                   "ERROR ./parse-error.md: line 4, column 12: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 7)\n"
                   "ERROR ./unterminated.md: line 1, column 1: the front matter opened here with --- is never closed by a --- or ... line\n"
                   "13 files, 7 identical, 0 differ, 6 errors\n");
  g_assert_cmpstr (err, ==, "");

  /* Files named one by one, in the order given; a missing one is a usage error. */
  g_assert_cmpint (run_cli (&out2, &err2, "roundtrip", "hugo-page.md", "toml-page.md", "missing.md", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (out2, "ERROR missing.md: "));
  g_assert_true (g_str_has_suffix (out2, "3 files, 2 identical, 0 differ, 1 errors\n"));
}

/* The corpus: nothing differs. Files the model refuses are ERROR lines,
 * each justified below; TOML front matter is kept verbatim (identical). */
static void
test_roundtrip_corpus (void)
{
  const char *corpus = curator_test_corpus_dir ();
  const CuratorTestCorpusFacts *facts = curator_test_corpus_facts ();
  g_autofree char *medigy = g_strdup_printf ("%u files, %u identical, 0 differ, 0 errors\n",
                                             facts->medigy_files, facts->medigy_files);
  g_autofree char *hugodocs = g_strdup_printf ("%u files, %u identical, 0 differ, 0 errors\n",
                                               facts->hugodocs_files, facts->hugodocs_files);
  struct {
    const char *folder;
    const char *expected;
  } folders[] = {
    { "medigy", medigy },
    { "hugodocs", hugodocs },
    /* Only fm_crlf_utf8.md is a content file; the bare YAML cases follow. */
    { "edge", "1 files, 1 identical, 0 differ, 0 errors\n" },
  };
  g_autoptr(GPtrArray) edge = NULL;
  g_autofree char *wrapped_dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (corpus == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = curator_test_corpus_path (folders[i].folder, NULL);
      g_autofree char *folder_out = NULL;
      g_autofree char *folder_err = NULL;

      g_assert_cmpint (run_cli (&folder_out, &folder_err, "roundtrip", path, NULL), ==, 0);
      g_assert_cmpstr (folder_out, ==, folders[i].expected);
      g_assert_cmpstr (folder_err, ==, "");
    }

  /* edge/NN.yaml as front matter ("---", the YAML, "---"). */
  wrapped_dir = g_build_filename (workdir, "edge-wrapped", NULL);
  g_assert_cmpint (g_mkdir (wrapped_dir, 0755), ==, 0);
  edge = curator_test_corpus_files ("edge");
  for (guint i = 0; i < edge->len; i++)
    {
      const char *path = g_ptr_array_index (edge, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *name = NULL;
      g_autofree char *target = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (base, ".yaml"))
        continue;
      base[strlen (base) - strlen (".yaml")] = '\0';
      name = g_strconcat (base, ".md", NULL);
      target = g_build_filename (wrapped_dir, name, NULL);
      bytes = curator_test_corpus_read (path);
      g_file_set_contents (target, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (run_cli (&out, &err, "roundtrip", "edge-wrapped", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   /* A tab in indentation is not YAML (libyaml: parse error). */
                   "ERROR edge-wrapped/09b_tab_indent.md: line 3, column 1: found character that cannot start any token (while scanning for the next token at line 3, column 1)\n"
                   /* Duplicate keys are refused by design. */
                   "ERROR edge-wrapped/14_dupkey.md: line 3, column 1: duplicate key “a” (first defined at line 2, column 1)\n"
                   /* An implicit key longer than 1024 characters is not YAML. */
                   "ERROR edge-wrapped/15_longkey.md: line 2, column 1101: mapping values are not allowed in this context: a key can be at most 1024 characters long\n"
                   /* NEL is a line break to libyaml: "y" starts a line with no ':'. */
                   "ERROR edge-wrapped/16_nel.md: line 3, column 1: could not find expected ':' (while scanning a simple key at line 2, column 6)\n"
                   /* Explicit "?" keys are complex keys, refused by design. */
                   "ERROR edge-wrapped/17_keys.md: line 2, column 3: complex key: explicit “?” keys are not supported\n"
                   /* A tab after "-" is a parse error to libyaml 0.2.5. */
                   "ERROR edge-wrapped/20_tab_after_dash.md: line 2, column 2: found character that cannot start any token (while scanning for the next token at line 2, column 2)\n"
                   "22 files, 16 identical, 0 differ, 6 errors\n");
  g_assert_cmpstr (err, ==, "");
}

/* get and dump */

static void
test_get (void)
{
  struct {
    const char *key_path;
    const char *expected;
  } cases[] = {
    { "title", "Remote Patient Monitoring Moves Into Primary Care\n" },
    { "date", "2021-03-02T10:15:00Z\n" },
    { "description", "Remote patient monitoring programs are moving from pilots into routine "
                     "primary care, as payers start to reimburse the time clinicians spend reviewing "
                     "device data between visits.\n" },
    { "communityTopics[0]", "HIMSS: Interoperability\n" },
    { "featuredImage.size[1]", "562\n" },
    { "featuredImage.size", "[\n  750,\n  562\n]\n" },
    { "categories", "[]\n" },
    { "tags", "[\n  \"remote monitoring\",\n  \"primary care\",\n  \"reimbursement\"\n]\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (&out, &err, "get", "curated-item.md", cases[i].key_path, NULL), ==, 0);
      g_assert_cmpstr (out, ==, cases[i].expected);
      g_assert_cmpstr (err, ==, "");
    }

  /* A key with a dot is written with a backslash. */
  write_work_file ("keys.md", "---\n\"a.b\": dotted\na:\n  b: nested\n---\n", -1);
  {
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;

    g_assert_cmpint (run_cli (&out, NULL, "get", "keys.md", "a\\.b", NULL), ==, 0);
    g_assert_cmpstr (out, ==, "dotted\n");
    g_assert_cmpint (run_cli (&out2, NULL, "get", "keys.md", "a.b", NULL), ==, 0);
    g_assert_cmpstr (out2, ==, "nested\n");
  }
  {
    g_autofree char *keys_path = g_build_filename (workdir, "keys.md", NULL);

    g_remove (keys_path);
  }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "get", "curated-item.md", "featuredImage.width", NULL), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_cmpstr (err, ==, "curated-item.md: error: no key “width” in featuredImage\n");
  }
}

static void
test_dump (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "dump", "hugo-page.md", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "{\n"
                   "  \"title\": \"Front matter\",\n"
                   "  \"description\": \"Use front matter to add metadata to your content.\",\n"
                   "  \"categories\": [\n    \"content management\"\n  ],\n"
                   "  \"keywords\": [\n    \"front matter\",\n    \"yaml\"\n  ],\n"
                   "  \"menu\": {\n    \"docs\": {\n      \"parent\": \"content-management\",\n"
                   "      \"weight\": 30\n    }\n  },\n"
                   "  \"weight\": 30,\n"
                   "  \"toc\": true,\n"
                   "  \"aliases\": [\n    \"/content/front-matter/\"\n  ]\n"
                   "}\n");
  g_assert_cmpstr (err, ==, "");
}

/* set and unset */

static void
test_set_diff (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Snapshot before = { 0 };

  snapshot_take (&before, "curated-item.md");
  g_assert_cmpint (run_cli (&out, &err, "set", "--diff", "curated-item.md", "description", "Short: now", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "--- curated-item.md\n"
                   "+++ curated-item.md\n"
                   "@@ -13,9 +13,7 @@\n"
                   " - 'HIMSS: Interoperability'\n"
                   " - 'Medigy: Remote Monitoring'\n"
                   " date: '2021-03-02T10:15:00Z'\n"
                   "-description: Remote patient monitoring programs are moving from pilots into routine\n"
                   "-  primary care, as payers start to reimburse the time clinicians spend reviewing\n"
                   "-  device data between visits.\n"
                   "+description: 'Short: now'\n"
                   " draft: false\n"
                   " featuredImage:\n"
                   "   alt: Remote Patient Monitoring Moves Into Primary Care\n");
  g_assert_cmpstr (err, ==, "");
  snapshot_assert_unchanged (&before, "curated-item.md");
}

static void
test_set_writes (void)
{
  g_autofree char *original = read_work_file ("curated-item.md");
  g_autofree char *listing = list_work_folder ();
  g_autofree char *path = g_build_filename (workdir, "curated-item.md", NULL);
  struct {
    const char *args[6];
    const char *old_line;
    const char *new_line;
  } cases[] = {
    { { "title", "New title", NULL }, "\ntitle: Remote Patient Monitoring Moves Into Primary Care\n", "\ntitle: New title\n" },
    { { "id", "4411", NULL }, "\nid: 4410\n", "\nid: 4411\n" },
    { { "--string", "weight", "11", NULL }, "\nweight: 10\n", "\nweight: '11'\n" },
    { { "--bool", "draft", "true", NULL }, "\ndraft: false\n", "\ndraft: true\n" },
    { { "--float", "weight", "2.5", NULL }, "\nweight: 10\n", "\nweight: 2.5\n" },
    { { "--null", "link", NULL }, "\nlink: https://example.org/articles/rpm-primary-care\n", "\nlink: null\n" },
    { { "date", "2021-04-01T08:00:00Z", NULL }, "\ndate: '2021-03-02T10:15:00Z'\n", "\ndate: '2021-04-01T08:00:00Z'\n" },
    { { "featuredImage.size[0]", "800", NULL }, "\n  - 750\n", "\n  - 800\n" },
    { { "tags[3]", "telehealth", NULL }, "- reimbursement\n", "- reimbursement\n- telehealth\n" },
    { { "--json", "categories", "[\"news\", \"rpm\"]", NULL }, "\ncategories: []\n", "\ncategories: [news, rpm]\n" },
    { { "source", "Example Health", NULL }, "weight: 10\n---\n", "weight: 10\nsource: Example Health\n---\n" },
    { { "--", "weight", "-5", NULL }, "\nweight: 10\n", "\nweight: -5\n" },
    /* New keys: after the last sibling; a new value has no type to keep. */
    { { "featuredImage.width", "800", NULL }, "  valid: true\n", "  valid: true\n  width: '800'\n" },
    { { "--int", "featuredImage.width", "800", NULL }, "  valid: true\n", "  valid: true\n  width: 800\n" },
    { { "--bool", "params.seo.noindex", "true", NULL }, "weight: 10\n---\n",
      "weight: 10\nparams:\n  seo:\n    noindex: true\n---\n" },
  };

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *now = NULL;
      g_autofree char *listing_now = NULL;
      const char **args = cases[i].args;
      GStatBuf buf;
      int status;

      write_work_file ("curated-item.md", original, -1);
      g_assert_cmpint (g_chmod (path, 0640), ==, 0);
      g_assert_nonnull (strstr (original, cases[i].old_line));

      status = run_cli (&out, &err, "set", "curated-item.md", args[0], args[1], args[2], args[3], NULL);
      g_test_message ("set %s %s %s: %s", args[0], args[1], args[2] ? args[2] : "", err);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, "");

      /* Exactly the value's line changed. */
      {
        g_autoptr(GString) replaced = g_string_new (original);

        g_string_replace (replaced, cases[i].old_line, cases[i].new_line, 1);
        expected = g_string_free (g_steal_pointer (&replaced), FALSE);
      }
      now = read_work_file ("curated-item.md");
      g_assert_cmpstr (now, ==, expected);

      /* Atomic: no temporary file left behind, the mode kept. */
      listing_now = list_work_folder ();
      g_assert_cmpstr (listing_now, ==, listing);
      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      g_assert_cmpint (buf.st_mode & 07777, ==, 0640);
    }

  write_work_file ("curated-item.md", original, -1);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  age_work_file ("curated-item.md");
}

static void
test_set_refused (void)
{
  struct {
    const char *args[5];
    const char *message;
  } cases[] = {
    { { "--int", "id", "abc", NULL }, "curated-item.md: error: “id”: “abc” is not a valid integer\n" },
    { { "--bool", "draft", "maybe", NULL }, NULL },
    { { "--json", "tags", "[unclosed", NULL }, NULL },
    { { "featuredImage.size[5]", "1", NULL }, NULL },
    { { "title[0]", "x", NULL }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      Snapshot before = { 0 };
      const char **args = cases[i].args;

      snapshot_take (&before, "curated-item.md");
      g_assert_cmpint (run_cli (&out, &err, "set", "curated-item.md", args[0], args[1], args[2], NULL), ==, 1);
      g_test_message ("set %s %s: %s", args[0], args[1], err);
      g_assert_cmpstr (out, ==, "");
      if (cases[i].message != NULL)
        g_assert_cmpstr (err, ==, cases[i].message);
      g_assert_true (g_str_has_prefix (err, "curated-item.md:"));
      g_assert_nonnull (strstr (err, ": error: "));
      g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));
      snapshot_assert_unchanged (&before, "curated-item.md");
    }
}

/* A file or a folder that is read-only: one line saying so, nothing
 * written, no temporary file left. */
static void
test_set_save_fails (void)
{
  g_autofree char *folder = g_build_filename (workdir, "locked", NULL);
  g_autofree char *source = read_work_file ("curated-item.md");

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_work_file ("locked/item.md", source, -1);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *path = g_build_filename (workdir, "locked", "item.md", NULL);
      Snapshot before = { 0 };

      g_assert_cmpint (g_chmod (i == 0 ? path : folder, i == 0 ? 0444 : 0555), ==, 0);
      snapshot_take (&before, "locked/item.md");
      g_assert_cmpint (run_cli (&out, &err, "set", "locked/item.md", "title", "Never written", NULL), ==, 1);
      g_test_message ("%s", err);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "locked/item.md: error: "));
      g_assert_nonnull (strstr (err, i == 0 ? "cannot save: the file is read-only" : "cannot save: the folder"));
      g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));
      snapshot_assert_unchanged (&before, "locked/item.md");
      g_assert_cmpint (g_chmod (i == 0 ? path : folder, i == 0 ? 0644 : 0755), ==, 0);
    }

  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (dir), ==, "item.md");
    g_assert_null (g_dir_read_name (dir));
  }
  curator_test_remove_tree (folder);
}

static void
test_unset (void)
{
  g_autofree char *original = read_work_file ("curated-item.md");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *now = NULL;
  g_autofree char *now2 = NULL;
  g_autoptr(GString) expected = g_string_new (original);
  g_autoptr(GString) expected2 = NULL;

  g_assert_cmpint (run_cli (&out, &err, "unset", "curated-item.md", "featuredImage.size", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_string_replace (expected, "  size:\n  - 750\n  - 562\n", "", 1);
  now = read_work_file ("curated-item.md");
  g_assert_cmpstr (now, ==, expected->str);

  expected2 = g_string_new (now);
  g_assert_cmpint (run_cli (&out2, NULL, "unset", "curated-item.md", "tags[1]", NULL), ==, 0);
  g_string_replace (expected2, "- primary care\n", "", 1);
  now2 = read_work_file ("curated-item.md");
  g_assert_cmpstr (now2, ==, expected2->str);

  write_work_file ("curated-item.md", original, -1);
  age_work_file ("curated-item.md");
}

/* check and index */

static void
test_check (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run_cli (&out, &err, "check", ".", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "./ambiguous.md:3:10: warning: “NO” is text here (YAML 1.2) but YAML 1.1 parsers read it as another type; quote it to keep every reader in agreement\n"
                   "./ambiguous.md:4:10: warning: “yes” is text here (YAML 1.2) but YAML 1.1 parsers read it as another type; quote it to keep every reader in agreement\n"
                   "./ambiguous.md:5:6: warning: “010079” is text here (YAML 1.2) but YAML 1.1 parsers read it as another type; quote it to keep every reader in agreement\n"
                   "./binary.md:4:4: error: a NUL byte: this is a binary file, not text\n"
                   "./dup-key.md:4:1: error: duplicate key “title” (first defined at line 2, column 1)\n"
                   "./invalid-utf8.md:2:11: error: invalid UTF-8 (byte 0xE9)\n"
                   "./no-front-matter.md:1:1: error: no front matter (the file does not start with a --- line)\n"
                   "./parse-error.md:4:12: error: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 7)\n"
                   "./toml-page.md:1:1: warning: TOML front matter (+++) is kept as it is but cannot be edited in forms\n"
                   "./unterminated.md:1:1: error: the front matter opened here with --- is never closed by a --- or ... line\n");

  /* Warnings alone: exit 0. */
  g_assert_cmpint (run_cli (&out2, &err2, "check", "ambiguous.md", "toml-page.md", "curated-item.md", "folder", NULL), ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (out2, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines) - 1, ==, 4);
  }
  g_assert_cmpstr (err2, ==, "");

  g_assert_cmpint (run_cli (&out3, &err3, "check", "hugo-page.md", NULL), ==, 0);
  g_assert_cmpstr (out3, ==, "");
  g_assert_cmpstr (err3, ==, "");
}

static void
test_index (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out1 = NULL;
  g_autoptr(GRegex) summary = g_regex_new ("^3 files, 0 errors, [0-9]+\\.[0-9] ms, [0-9]+ threads\n$", 0, 0, NULL);

  g_assert_cmpint (run_cli (&out, &err, "index", "folder", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "{\"path\":\"folder/index.md\",\"title\":\"Folder index\",\"date\":\"2023-07-08T09:10:11Z\",\"tags\":[\"one\",\"two\"],\"kind\":\"yaml\"}\n"
                   "{\"path\":\"folder/section/landing.html\",\"title\":\"Landing\",\"date\":null,\"tags\":[\"a\",\"b c\"],\"kind\":\"yaml\"}\n"
                   "{\"path\":\"folder/section/page.markdown\",\"title\":\"Page in a \\\"section\\\"\",\"date\":\"2022-05-04\",\"tags\":[\"dates\"],\"kind\":\"yaml\"}\n");
  g_assert_true (g_regex_match (summary, err, 0, NULL));

  /* The same lines with one thread, and with the whole front matter parsed. */
  g_assert_cmpint (run_cli (&out1, NULL, "index", "--threads", "1", "folder", NULL), ==, 0);
  g_assert_cmpstr (out1, ==, out);
  {
    g_autofree char *out_validated = NULL;

    g_assert_cmpint (run_cli (&out_validated, NULL, "index", "--validate", "folder", NULL), ==, 0);
    g_assert_cmpstr (out_validated, ==, out);
  }

  {
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;

    g_assert_cmpint (run_cli (&out2, &err2, "index", ".", NULL), ==, 0);
    g_assert_nonnull (strstr (out2, "{\"path\":\"./dup-key.md\",\"title\":\"First title\",\"date\":\"2020-01-01\",\"tags\":[],\"kind\":\"yaml\","
                                    "\"error\":\"line 4, column 1: duplicate key “title” (first defined at line 2, column 1)\"}\n"));
    g_assert_nonnull (strstr (out2, "{\"path\":\"./toml-page.md\",\"title\":\"TOML page\",\"date\":\"2019-01-01\",\"tags\":[\"toml\"],\"kind\":\"toml\","));
  }

  {
    g_autofree char *err3 = NULL;

    g_assert_cmpint (run_cli (NULL, &err3, "index", "curated-item.md", NULL), ==, 1);
    g_assert_cmpstr (err3, ==, "curated-item.md: error: not a folder\n");
  }
}

/* Bad input: one line naming file, line and column; non-zero exit; the
 * file untouched. */
static void
test_bad_input (void)
{
  struct {
    const char *file;
    const char *message;   /* after "FILE:" */
  } cases[] = {
    { "binary.md", "4:4: error: a NUL byte: this is a binary file, not text\n" },
    { "invalid-utf8.md", "2:11: error: invalid UTF-8 (byte 0xE9)\n" },
    { "no-front-matter.md", "1:1: error: no front matter (the file does not start with a --- line)\n" },
    { "unterminated.md", "1:1: error: the front matter opened here with --- is never closed by a --- or ... line\n" },
    { "parse-error.md", "4:12: error: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 7)\n" },
    { "dup-key.md", "4:1: error: duplicate key “title” (first defined at line 2, column 1)\n" },
    { "toml-page.md", "1:1: error: TOML front matter (+++) is kept as it is but cannot be edited in forms\n" },
  };
  const char *commands[][4] = {
    { "get", "title", NULL },
    { "set", "title", "New", NULL },
    { "set", "--diff", "title", "New" },
    { "unset", "title", NULL },
    { "dump", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *expected = g_strconcat (cases[i].file, ":", cases[i].message, NULL);
        Snapshot before = { 0 };
        int status;

        snapshot_take (&before, cases[i].file);
        if (c == 2)
          status = run_cli (&out, &err, commands[c][0], commands[c][1], cases[i].file,
                            commands[c][2], commands[c][3], NULL);
        else
          status = run_cli (&out, &err, commands[c][0], cases[i].file,
                            commands[c][1], commands[c][2], NULL);
        g_assert_cmpint (status, ==, 1);
        g_assert_cmpstr (out, ==, "");
        g_assert_cmpstr (err, ==, expected);
        snapshot_assert_unchanged (&before, cases[i].file);
      }

  /* A missing file: no line or column to name, still one line. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *missing_path = NULL;

    g_assert_cmpint (run_cli (&out, &err, "set", "missing.md", "title", "x", NULL), ==, 1);
    g_assert_true (g_str_has_prefix (err, "missing.md: error: "));
    g_assert_nonnull (strstr (err, "No such file or directory"));
    g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));
    missing_path = g_build_filename (workdir, "missing.md", NULL);
    g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
  }
}

/* render: the body's HTML, as the preview renders it before isolation. */
static void
test_render (void)
{
  static const struct {
    const char *file;
    const char *html;
  } cases[] = {
    /* Markdown, as Hugo renders it. */
    { "hugo-page.md", "<p>Front matter allows you to keep metadata attached to an instance of a\ncontent type.</p>\n" },
    { "toml-page.md", "<p>Hugo also reads TOML front matter.</p>\n" },
    { "no-front-matter.md", "<h1 id=\"just-a-heading\">Just a heading</h1>\n<p>No front matter here.</p>\n" },
    { "folder/section/page.markdown", "" },
    /* HTML stays as it is. */
    { "folder/section/landing.html", "<h1>Landing</h1>\n" },
  };
  g_autofree char *curated_out = NULL;
  g_autofree char *curated_err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("render %s", cases[i].file);
      g_assert_cmpint (run_cli (&out, &err, "render", cases[i].file, NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpstr (out, ==, cases[i].html);
    }

  /* A Medigy item, in no site: its HTML is published as it is. */
  g_assert_cmpint (run_cli (&curated_out, &curated_err, "render", "curated-item.md", NULL), ==, 0);
  g_assert_cmpstr (curated_err, ==, "");
  g_assert_nonnull (strstr (curated_out, "<p>"));
  g_assert_null (strstr (curated_out, "raw HTML omitted"));

  /* Shortcodes as chips, the content between paired ones rendered;
   * an alert as a callout. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    write_work_file ("shortcodes.md",
                     "---\ntitle: x\n---\n"
                     "{{< figure src=\"a.png\" >}}\n\n"
                     "{{% note %}}\n**Bold** inside\n{{% /note %}}\n\n"
                     "> [!NOTE]\n> Hi\n", -1);
    g_assert_cmpint (run_cli (&out, &err, "render", "shortcodes.md", NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpstr (out, ==,
                     "<div class=\"shortcode\" data-name=\"figure\" data-kind=\"open\">"
                     "<span class=\"shortcode-name\">figure</span> "
                     "<span class=\"shortcode-args\">src=&quot;a.png&quot;</span></div>\n"
                     "<p><span class=\"shortcode\" data-name=\"note\" data-kind=\"open\">"
                     "<span class=\"shortcode-name\">note</span></span>\n"
                     "<strong>Bold</strong> inside\n"
                     "<span class=\"shortcode\" data-name=\"note\" data-kind=\"close\">"
                     "<span class=\"shortcode-name\">/note</span></span></p>\n"
                     "<div class=\"markdown-alert markdown-alert-note\" role=\"note\">\n"
                     "<p class=\"markdown-alert-title\">Note</p>\n"
                     "<p>Hi</p>\n"
                     "</div>\n");
  }

  /* A site that does not publish raw HTML; then one whose configuration
   * cannot be read: a warning, and the HTML shown. */
  {
    g_autofree char *site = g_build_filename (workdir, "site", "content", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (g_mkdir_with_parents (site, 0700), ==, 0);
    write_work_file ("site/hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n", -1);
    write_work_file ("site/content/page.md", "---\ntitle: x\n---\n<div>raw</div>\n\nText <b>bold</b>.\n", -1);
    g_assert_cmpint (run_cli (&out, &err, "render", "site/content/page.md", NULL), ==, 0);
    g_assert_cmpstr (out, ==,
                     "<!-- raw HTML omitted -->\n"
                     "<p>Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.</p>\n");
    g_assert_cmpstr (err, ==, "");

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    write_work_file ("site/hugo.toml", "[markup.goldmark.renderer\n", -1);
    g_assert_cmpint (run_cli (&out, &err, "render", "site/content/page.md", NULL), ==, 0);
    g_assert_cmpstr (out, ==, "<div>raw</div>\n<p>Text <b>bold</b>.</p>\n");
    g_assert_true (g_str_has_prefix (err, "site/content/page.md: warning: "));
    g_assert_nonnull (strstr (err, "hugo.toml: line 1: "));
    g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));
  }

  /* What Hugo would refuse too: one line, exit 1. */
  {
    static const char * const broken[] = { "unterminated.md", "parse-error.md", "binary.md", "invalid-utf8.md", "missing.md" };

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *prefix = g_strconcat (broken[i], ":", NULL);

        g_assert_cmpint (run_cli (&out, &err, "render", broken[i], NULL), ==, 1);
        g_assert_cmpstr (out, ==, "");
        g_assert_true (g_str_has_prefix (err, prefix));
        g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));
      }
  }
}

/* A file that is not there reads the same in every command: "FILE:
 * error: " and one reason (check prints it on standard output, roundtrip
 * as its ERROR line). */
static void
test_missing_file_wording (void)
{
  static const char * const commands[][3] = {
    { "get", "title", NULL },
    { "dump", NULL, NULL },
    { "unset", "title", NULL },
    { "check", NULL, NULL },
  };
  g_autofree char *reason = NULL;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *line;

      g_assert_cmpint (run_cli (&out, &err, commands[c][0], "missing.md", commands[c][1], NULL), ==, 1);
      line = g_str_equal (commands[c][0], "check") ? out : err;
      g_test_message ("%s: %s", commands[c][0], line);
      g_assert_true (g_str_has_prefix (line, "missing.md: error: "));
      g_assert_true (g_str_has_suffix (line, "\n"));
      if (reason == NULL)
        reason = g_strdup (line + strlen ("missing.md: error: "));
      g_assert_cmpstr (line + strlen ("missing.md: error: "), ==, reason);
    }
  g_assert_nonnull (strstr (reason, "No such file or directory"));

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *expected = g_strconcat ("ERROR missing.md: ", reason, NULL);

    g_assert_cmpint (run_cli (&out, &err, "roundtrip", "missing.md", NULL), ==, 2);
    g_assert_true (g_str_has_prefix (out, expected));
  }
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);

  copy_fixtures ();

  g_test_add_func ("/cli/unified-diff", test_unified_diff);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/roundtrip", test_roundtrip);
  g_test_add_func ("/cli/roundtrip/corpus", test_roundtrip_corpus);
  g_test_add_func ("/cli/get", test_get);
  g_test_add_func ("/cli/dump", test_dump);
  g_test_add_func ("/cli/set/diff", test_set_diff);
  g_test_add_func ("/cli/set/writes", test_set_writes);
  g_test_add_func ("/cli/set/refused", test_set_refused);
  g_test_add_func ("/cli/set/save-fails", test_set_save_fails);
  g_test_add_func ("/cli/unset", test_unset);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/index", test_index);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/render", test_render);
  g_test_add_func ("/cli/missing-file-wording", test_missing_file_wording);

  result = g_test_run ();
  curator_test_remove_tree (workdir);
  g_free (workdir);

  return result;
}
