/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"

#include "curator-test-corpus.h"
#include "curator-test-utils.h"

/* The counts the corpus READMEs give (tests/corpus/README.md for the
 * sample, which tests/corpus/make-sample.py prints when it makes it). */
static const CuratorTestCorpusFacts sample_facts = { 174, 4, 93 };
static const CuratorTestCorpusFacts shared_facts = { 4160, 14, 992 };

gboolean
curator_test_corpus_is_sample (void)
{
  return g_strcmp0 (g_getenv ("CURATOR_CORPUS_KIND"), "shared") != 0;
}

const CuratorTestCorpusFacts *
curator_test_corpus_facts (void)
{
  return curator_test_corpus_is_sample () ? &sample_facts : &shared_facts;
}

const char *
curator_test_corpus_dir (void)
{
  const char *dir = g_getenv ("CURATOR_CORPUS_DIR");

  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    return dir;
  if (!curator_test_corpus_is_sample ())
    {
      curator_test_skip_missing ("shared-corpus", "no %s (the sample in tests/corpus ran instead)",
                                 dir != NULL ? dir : "../shared/corpus");
      return NULL;
    }
  g_error ("The corpus sample %s is missing: it is part of the source tree",
           dir != NULL ? dir : "(CURATOR_CORPUS_DIR is not set)");
}

char *
curator_test_corpus_path (const char *first_element,
                          ...)
{
  const char *dir = curator_test_corpus_dir ();
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autofree char *path = NULL;
  va_list args;

  if (dir == NULL)
    return NULL;

  g_ptr_array_add (elements, (char *)dir);
  va_start (args, first_element);
  for (const char *element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (elements, (char *)element);
  va_end (args);
  g_ptr_array_add (elements, NULL);

  path = g_build_filenamev ((char **)elements->pdata);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("%s is missing from the corpus: the test names it", path);
  return g_steal_pointer (&path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
curator_test_corpus_files (const char *folder)
{
  g_autofree char *dir = curator_test_corpus_path (folder, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  /* The caller checked curator_test_corpus_dir(). */
  g_assert_nonnull (dir);

  if (g_str_equal (folder, "edge"))
    {
      g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (handle);
      while ((name = g_dir_read_name (handle)) != NULL)
        g_ptr_array_add (files, g_build_filename (dir, name, NULL));
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) relative = curator_folder_index_list_files (dir, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < relative->len; i++)
        g_ptr_array_add (files, g_build_filename (dir, g_ptr_array_index (relative, i), NULL));
    }

  g_ptr_array_sort (files, compare_strings);
  return files;
}

GBytes *
curator_test_corpus_read (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *eol = "\n";
  const char *text;
  gsize length;
  GString *wrapped;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  if (!g_str_has_suffix (path, ".yaml"))
    return g_bytes_new_take (g_steal_pointer (&contents), length);

  text = contents;
  wrapped = g_string_sized_new (length + 16);
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      g_string_append_len (wrapped, text, 3);
      text += 3;
      length -= 3;
    }
  if (g_strstr_len (text, length, "\r\n") != NULL)
    eol = "\r\n";
  else if (memchr (text, '\r', length) != NULL && memchr (text, '\n', length) == NULL)
    eol = "\r";

  g_string_append (wrapped, "---");
  g_string_append (wrapped, eol);
  g_string_append_len (wrapped, text, length);
  if (length > 0 && text[length - 1] != '\n' && text[length - 1] != '\r')
    g_string_append (wrapped, eol);
  g_string_append (wrapped, "---");
  g_string_append (wrapped, eol);

  return g_string_free_to_bytes (wrapped);
}

void
curator_test_append_json_string (GString    *out,
                                 const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}
