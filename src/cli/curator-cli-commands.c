/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-cli"

#include "config.h"

#include "curator-cli-private.h"

#include "curator-model.h"
#include "curator-render.h"
#include "curator-unified-diff.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define DIFF_CONTEXT_LINES 3

void
curator_cli_print (const char *text)
{
  fputs (text, stdout);
}

void
curator_cli_printerr (const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
}

char *
curator_cli_format_problem (const char   *path,
                            const char   *severity,
                            const GError *error)
{
  guint line, column;
  g_autofree char *rest = NULL;

  /* The model's messages start with "line L, column C: ", in the user's
   * language, when the problem has a place in the file (after "FILE: "
   * when the document read the file itself). */
  if (curator_position_message_parse (error->message, &line, &column, &rest))
    return g_strdup_printf ("%s:%u:%u: %s: %s\n", path, line, column, severity, rest);
  else
    return g_strdup_printf ("%s: %s: %s\n", path, severity, error->message);
}

void
curator_cli_print_problem (const char   *path,
                           const char   *severity,
                           const GError *error)
{
  g_autofree char *line = curator_cli_format_problem (path, severity, error);

  fputs (line, stderr);
}

static const CuratorCliCommand *
find_command (const char *name)
{
  for (guint i = 0; curator_cli_commands[i].name != NULL; i++)
    if (strcmp (curator_cli_commands[i].name, name) == 0)
      return &curator_cli_commands[i];
  g_assert_not_reached ();
}

/* Parses the options of @name; on success argv[1..argc) are the operands,
 * of which there must be between @min_operands and @max_operands (-1: no
 * limit). Returns FALSE after printing the problem. */
static gboolean
parse_command_line (const char    *name,
                    const GOptionEntry *entries,
                    const char    *description,
                    int           *argc,
                    char        ***argv,
                    int            min_operands,
                    int            max_operands)
{
  const CuratorCliCommand *command = find_command (name);
  g_autoptr(GOptionContext) context = g_option_context_new (_(command->parameters));
  g_autoptr(GError) error = NULL;
  int n_operands;

  g_option_context_set_summary (context, _(command->summary));
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      curator_cli_printerr ("curator-cli %s: %s\n", name, error->message);
      curator_cli_printerr (_("Run “curator-cli %s --help” for usage.\n"), name);
      return FALSE;
    }

  /* A "--" that ends the options (before a VALUE starting with '-') is
   * not an operand. */
  for (int i = 1; i < *argc; i++)
    {
      if (strcmp ((*argv)[i], "--") == 0)
        {
          memmove (&(*argv)[i], &(*argv)[i + 1], sizeof (char *) * (*argc - i));
          (*argc)--;
          break;
        }
    }

  n_operands = *argc - 1;
  if (n_operands < min_operands || (max_operands >= 0 && n_operands > max_operands))
    {
      curator_cli_printerr (_("curator-cli %s: expected %s\n"), name, _(command->parameters));
      curator_cli_printerr (_("Run “curator-cli %s --help” for usage.\n"), name);
      return FALSE;
    }

  return TRUE;
}

/* Reads @path whole the way the model reads a document (GIO), so that
 * every command words a file it cannot read the same way. */
static GBytes *
read_file_bytes (const char  *path,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return g_file_load_bytes (file, NULL, NULL, error);
}

/* Loads @path for reading or editing. Prints the problem and returns NULL
 * when the file cannot be read or its front matter cannot be edited. */
static CuratorDocument *
load_editable_document (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CuratorDocument) document = curator_document_new (file);
  g_autoptr(GError) error = NULL;
  const GError *load_error;

  if (!curator_document_load (document, NULL, &error))
    {
      curator_cli_print_problem (path, "error", error);
      return NULL;
    }

  load_error = curator_document_get_load_error (document);
  if (load_error != NULL)
    {
      curator_cli_print_problem (path, "error", load_error);
      return NULL;
    }

  return g_steal_pointer (&document);
}

/* Writes the edited document, or with @diff_only prints what would change. */
static int
finish_edit (CuratorDocument *document,
             const char      *path,
             GBytes          *original,
             gboolean         diff_only)
{
  g_autoptr(GBytes) edited = curator_document_serialize (document);
  g_autoptr(GError) error = NULL;

  if (diff_only)
    {
      g_autofree char *diff = NULL;

      diff = curator_unified_diff (g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                                   g_bytes_get_data (edited, NULL), g_bytes_get_size (edited),
                                   path, path, DIFF_CONTEXT_LINES);
      curator_cli_print (diff);
      return CURATOR_CLI_EXIT_OK;
    }

  /* Nothing changed: leave the file (and its time stamps) alone. */
  if (g_bytes_equal (original, edited))
    return CURATOR_CLI_EXIT_OK;

  if (!curator_document_save (document, NULL, CURATOR_SAVE_FLAGS_NONE, NULL, &error))
    {
      curator_cli_print_problem (path, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  return CURATOR_CLI_EXIT_OK;
}

/* Files named on the command line, with folders replaced by the content
 * files under them (sorted). Missing paths are reported and counted. */
static GPtrArray *
expand_paths (int     argc,
              char  **argv,
              guint  *n_missing)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  *n_missing = 0;
  for (int i = 1; i < argc; i++)
    {
      const char *path = argv[i];

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) files = curator_folder_index_list_files (path, &error);

          if (files == NULL)
            {
              g_ptr_array_add (paths, g_strdup (path));
              continue;
            }
          for (guint j = 0; j < files->len; j++)
            g_ptr_array_add (paths, g_build_filename (path, g_ptr_array_index (files, j), NULL));
        }
      else
        {
          if (!g_file_test (path, G_FILE_TEST_EXISTS))
            (*n_missing)++;
          g_ptr_array_add (paths, g_strdup (path));
        }
    }

  return paths;
}

/* roundtrip */

int
curator_cli_roundtrip (int    argc,
                       char **argv)
{
  g_autoptr(GPtrArray) paths = NULL;
  guint n_missing = 0, n_identical = 0, n_differ = 0, n_errors = 0;

  if (!parse_command_line ("roundtrip", NULL,
                           _("Each file is loaded and serialized without edits, in memory: nothing is "
                             "written. Folders are searched recursively for *.md, *.markdown and *.html "
                             "files (hidden folders skipped), in sorted order.\n\n"
                             "Output: “DIFF path” for a file whose bytes would change, “ERROR path: "
                             "message” for a file the model refuses (its front matter cannot be "
                             "read or edited; TOML and JSON front matter is kept verbatim and is not an "
                             "error), then “N files, N identical, N differ, N errors”.\n\n"
                             "Exit status: 0 if no file differs, 1 if a file differs, 2 if a path does "
                             "not exist."),
                           &argc, &argv, 1, -1))
    return CURATOR_CLI_EXIT_USAGE;

  paths = expand_paths (argc, argv, &n_missing);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(CuratorDocument) document = NULL;
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) saved = NULL;
      const GError *load_error;

      if ((original = read_file_bytes (path, &error)) == NULL)
        {
          printf ("ERROR %s: %s\n", path, error->message);
          n_errors++;
          continue;
        }

      document = curator_document_new (NULL);
      if (!curator_document_load_from_bytes (document, original, &error))
        {
          printf ("ERROR %s: %s\n", path, error->message);
          n_errors++;
          continue;
        }

      load_error = curator_document_get_load_error (document);
      if (load_error != NULL &&
          !g_error_matches (load_error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT))
        {
          printf ("ERROR %s: %s\n", path, load_error->message);
          n_errors++;
          continue;
        }

      saved = curator_document_serialize (document);
      if (g_bytes_equal (original, saved))
        {
          n_identical++;
        }
      else
        {
          printf ("DIFF %s\n", path);
          n_differ++;
        }
    }

  printf ("%u files, %u identical, %u differ, %u errors\n",
          paths->len, n_identical, n_differ, n_errors);

  if (n_differ > 0)
    return CURATOR_CLI_EXIT_FAILURE;
  if (n_missing > 0)
    return CURATOR_CLI_EXIT_USAGE;
  return CURATOR_CLI_EXIT_OK;
}

/* get */

int
curator_cli_get (int    argc,
                 char **argv)
{
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const CuratorNode *node;
  const char *path, *key_path;

  if (!parse_command_line ("get", NULL,
                           _("A scalar prints as its decoded text (quotes removed, escapes and "
                             "folding resolved) followed by a newline; a list or a map prints as "
                             "JSON, keys in file order.\n\n"
                             "Exit status: 0 on success, 1 if the file cannot be read or has no "
                             "value at KEYPATH, 2 on a usage error."),
                           &argc, &argv, 2, 2))
    return CURATOR_CLI_EXIT_USAGE;

  path = argv[1];
  key_path = argv[2];

  document = load_editable_document (path);
  if (document == NULL)
    return CURATOR_CLI_EXIT_FAILURE;

  node = curator_document_lookup (document, key_path, &error);
  if (node == NULL)
    {
      curator_cli_print_problem (path, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  if (curator_node_get_kind (node) == CURATOR_NODE_SCALAR)
    {
      const char *value = curator_node_get_value (node);

      curator_cli_print (value != NULL ? value : "");
      curator_cli_print ("\n");
    }
  else
    {
      g_autofree char *json = curator_node_to_json (node, TRUE);

      curator_cli_print (json);
      curator_cli_print ("\n");
    }

  return CURATOR_CLI_EXIT_OK;
}

/* set */

int
curator_cli_set (int    argc,
                 char **argv)
{
  gboolean as_string = FALSE, as_int = FALSE, as_float = FALSE;
  gboolean as_bool = FALSE, as_null = FALSE, as_json = FALSE, diff_only = FALSE;
  const GOptionEntry entries[] = {
    { "string", 0, 0, G_OPTION_ARG_NONE, &as_string, N_("Write VALUE as a string (quoted if needed)"), NULL },
    { "int", 0, 0, G_OPTION_ARG_NONE, &as_int, N_("Write VALUE as an integer"), NULL },
    { "float", 0, 0, G_OPTION_ARG_NONE, &as_float, N_("Write VALUE as a floating point number"), NULL },
    { "bool", 0, 0, G_OPTION_ARG_NONE, &as_bool, N_("Write VALUE as a boolean (true or false)"), NULL },
    { "null", 0, 0, G_OPTION_ARG_NONE, &as_null, N_("Write a null (VALUE may be left out)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("VALUE is JSON: a list or a map is written in the file’s style"), NULL },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff_only, N_("Print a unified diff of the change instead of writing the file"), NULL },
    { NULL }
  };
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  CuratorScalarType type = CURATOR_SCALAR_AUTO;
  const char *path, *key_path, *value;
  gboolean edited;

  if (!parse_command_line ("set", entries,
                           _("The value keeps the node’s current type when it fits (a number stays a "
                             "number), else it becomes a string; the type options force a type. The "
                             "value keeps the node’s style: quoting is added only when needed and a "
                             "folded value is refolded at its width. A missing key is added after its "
                             "last sibling; an index equal to the length of a list appends to it.\n\n"
                             "The file is replaced atomically (its permissions kept) and only the bytes "
                             "of the value change. Put “--” before a VALUE that starts with “-”.\n\n"
                             "Exit status: 0 on success, 1 if the file cannot be read or the edit is "
                             "refused (nothing is written), 2 on a usage error."),
                           &argc, &argv, 2, 3))
    return CURATOR_CLI_EXIT_USAGE;

  if (as_string + as_int + as_float + as_bool + as_null + as_json > 1)
    {
      curator_cli_printerr (_("curator-cli set: the options --string, --int, --float, --bool, --null "
                              "and --json exclude each other\n"));
      return CURATOR_CLI_EXIT_USAGE;
    }
  if (argc == 3 && !as_null)
    {
      curator_cli_printerr (_("curator-cli set: expected %s\n"), _(find_command ("set")->parameters));
      curator_cli_printerr (_("Run “curator-cli %s --help” for usage.\n"), "set");
      return CURATOR_CLI_EXIT_USAGE;
    }

  path = argv[1];
  key_path = argv[2];
  value = argc > 3 ? argv[3] : "null";

  if (as_string)
    type = CURATOR_SCALAR_STRING;
  else if (as_int)
    type = CURATOR_SCALAR_INT;
  else if (as_float)
    type = CURATOR_SCALAR_FLOAT;
  else if (as_bool)
    type = CURATOR_SCALAR_BOOL;
  else if (as_null)
    type = CURATOR_SCALAR_NULL;

  document = load_editable_document (path);
  if (document == NULL)
    return CURATOR_CLI_EXIT_FAILURE;
  original = curator_document_serialize (document);

  if (as_json)
    edited = curator_document_set_json (document, key_path, value, &error);
  else
    edited = curator_document_set_value (document, key_path, value, type, &error);

  if (!edited)
    {
      curator_cli_print_problem (path, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  return finish_edit (document, path, original, diff_only);
}

/* unset */

int
curator_cli_unset (int    argc,
                   char **argv)
{
  gboolean diff_only = FALSE;
  const GOptionEntry entries[] = {
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff_only, N_("Print a unified diff of the change instead of writing the file"), NULL },
    { NULL }
  };
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  if (!parse_command_line ("unset", entries,
                           _("A key is removed with its lines (and a comment on the same line); "
                             "comment lines of their own stay. A list item is removed from its list.\n\n"
                             "Exit status: 0 on success, 1 if the file cannot be read or the edit is "
                             "refused (nothing is written), 2 on a usage error."),
                           &argc, &argv, 2, 2))
    return CURATOR_CLI_EXIT_USAGE;

  path = argv[1];
  document = load_editable_document (path);
  if (document == NULL)
    return CURATOR_CLI_EXIT_FAILURE;
  original = curator_document_serialize (document);

  if (!curator_document_unset (document, argv[2], &error))
    {
      curator_cli_print_problem (path, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  return finish_edit (document, path, original, diff_only);
}

/* dump */

int
curator_cli_dump (int    argc,
                  char **argv)
{
  g_autoptr(CuratorDocument) document = NULL;
  g_autofree char *json = NULL;

  if (!parse_command_line ("dump", NULL,
                           _("Scalars are typed by the YAML 1.2 core schema (null, booleans, numbers); "
                             "dates and values that YAML 1.1 reads differently are printed as "
                             "strings.\n\n"
                             "Exit status: 0 on success, 1 if the file cannot be read, 2 on a usage "
                             "error."),
                           &argc, &argv, 1, 1))
    return CURATOR_CLI_EXIT_USAGE;

  document = load_editable_document (argv[1]);
  if (document == NULL)
    return CURATOR_CLI_EXIT_FAILURE;

  json = curator_node_to_json (curator_document_get_root (document), TRUE);
  curator_cli_print (json);
  curator_cli_print ("\n");

  return CURATOR_CLI_EXIT_OK;
}

/* check */

/* Problems are what check reports: they go to standard output. */
static void
print_check_problem (const char   *path,
                     const char   *severity,
                     const GError *error)
{
  g_autofree char *line = curator_cli_format_problem (path, severity, error);

  fputs (line, stdout);
}

static void
check_ambiguous (const CuratorNode *node,
                 const char        *path,
                 guint             *n_warnings)
{
  guint n_children;

  switch (curator_node_get_kind (node))
    {
    case CURATOR_NODE_SCALAR:
      if (curator_node_is_yaml11_ambiguous (node))
        {
          printf ("%s:%u:%u: warning: ", path,
                  curator_node_get_line (node), curator_node_get_column (node));
          printf (_("“%s” is text here (YAML 1.2) but YAML 1.1 parsers read it as "
                    "another type; quote it to keep every reader in agreement\n"),
                  curator_node_get_value (node));
          (*n_warnings)++;
        }
      break;

    case CURATOR_NODE_MAPPING:
      n_children = curator_node_get_n_children (node);
      for (guint i = 0; i < n_children; i++)
        {
          check_ambiguous (curator_node_get_key_node (node, i), path, n_warnings);
          check_ambiguous (curator_node_get_child (node, i), path, n_warnings);
        }
      break;

    case CURATOR_NODE_SEQUENCE:
      n_children = curator_node_get_n_children (node);
      for (guint i = 0; i < n_children; i++)
        check_ambiguous (curator_node_get_child (node, i), path, n_warnings);
      break;

    case CURATOR_NODE_ALIAS:
    default:
      break;
    }
}

int
curator_cli_check (int    argc,
                   char **argv)
{
  g_autoptr(GPtrArray) paths = NULL;
  guint n_missing = 0, n_errors = 0, n_warnings = 0;

  if (!parse_command_line ("check", NULL,
                           _("Folders are searched recursively for *.md, *.markdown and *.html files "
                             "(hidden folders skipped), in sorted order. Each problem is one line on "
                             "standard output: “path:line:col: error: message” for what makes a file "
                             "unreadable or its front matter uneditable (no front matter, unterminated "
                             "front matter, binary data, invalid UTF-8, YAML errors, duplicate or "
                             "complex keys, size and depth caps), “path:line:col: warning: message” "
                             "for plain values that YAML 1.1 reads differently (yes, on, 010079, …) and "
                             "for TOML or JSON front matter, which is kept but cannot be edited.\n\n"
                             "Exit status: 0 if there is no error (warnings allowed), 1 if there is "
                             "an error, 2 on a usage error."),
                           &argc, &argv, 1, -1))
    return CURATOR_CLI_EXIT_USAGE;

  paths = expand_paths (argc, argv, &n_missing);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(CuratorDocument) document = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const GError *load_error;

      if ((bytes = read_file_bytes (path, &error)) == NULL)
        {
          print_check_problem (path, "error", error);
          n_errors++;
          continue;
        }

      document = curator_document_new (NULL);
      if (!curator_document_load_from_bytes (document, bytes, &error))
        {
          print_check_problem (path, "error", error);
          n_errors++;
          continue;
        }

      load_error = curator_document_get_load_error (document);
      if (load_error != NULL)
        {
          if (g_error_matches (load_error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT))
            {
              print_check_problem (path, "warning", load_error);
              n_warnings++;
            }
          else
            {
              print_check_problem (path, "error", load_error);
              n_errors++;
            }
          continue;
        }

      check_ambiguous (curator_document_get_root (document), path, &n_warnings);
    }

  return n_errors > 0 ? CURATOR_CLI_EXIT_FAILURE : CURATOR_CLI_EXIT_OK;
}

/* index */

static const char *
front_matter_kind_name (CuratorFrontMatterKind kind)
{
  switch (kind)
    {
    case CURATOR_FRONT_MATTER_YAML:
      return "yaml";
    case CURATOR_FRONT_MATTER_TOML:
      return "toml";
    case CURATOR_FRONT_MATTER_JSON:
      return "json";
    case CURATOR_FRONT_MATTER_NONE:
    default:
      return "none";
    }
}

static void
append_json_string_or_null (GString    *out,
                            const char *text)
{
  if (text != NULL)
    curator_json_append_string (out, text);
  else
    g_string_append (out, "null");
}

int
curator_cli_index (int    argc,
                   char **argv)
{
  int n_threads = 0;
  gboolean validate = FALSE;
  const GOptionEntry entries[] = {
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads, N_("Use N worker threads (default: one per processor)"), N_("N") },
    { "validate", 'V', 0, G_OPTION_ARG_NONE, &validate, N_("Parse all of each front matter, so that \"error\" also reports problems outside the title, date and tags entries (slower)"), NULL },
    { NULL }
  };
  g_autoptr(CuratorFolderIndex) index = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  const char *folder_path;
  gint64 started;
  guint n_entries, n_errors = 0;
  double elapsed_ms;

  if (!parse_command_line ("index", entries,
                           _("Every *.md, *.markdown and *.html file under DIR (hidden folders skipped) "
                             "gives one line of JSON on standard output, sorted by path: "
                             "{\"path\", \"title\", \"date\", \"tags\", \"kind\"} where kind is the front "
                             "matter format (yaml, toml, json or none), plus \"error\" when the front "
                             "matter cannot be read. Only what the listing needs is parsed: the split, and "
                             "the title, date and tags entries; with --validate all of the front matter, "
                             "so that \"error\" says whether the file would open (curator-cli check "
                             "lists every problem). Standard error ends with a summary: files, errors, "
                             "milliseconds and threads.\n\n"
                             "Exit status: 0 on success (files with errors included), 1 if DIR cannot be "
                             "read, 2 on a usage error."),
                           &argc, &argv, 1, 1))
    return CURATOR_CLI_EXIT_USAGE;

  if (n_threads < 0)
    {
      curator_cli_printerr (_("curator-cli index: --threads must be 0 or more\n"));
      return CURATOR_CLI_EXIT_USAGE;
    }

  folder_path = argv[1];
  if (!g_file_test (folder_path, G_FILE_TEST_IS_DIR))
    {
      curator_cli_printerr (_("%s: error: not a folder\n"), folder_path);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  started = g_get_monotonic_time ();

  folder = g_file_new_for_commandline_arg (folder_path);
  index = curator_folder_index_new (folder);
  curator_folder_index_set_n_threads (index, (guint) n_threads);
  /* Listing is what index is for: validation is check's job, or --validate's. */
  curator_folder_index_set_fast (index, !validate);
  if (!curator_folder_index_build (index, NULL, &error))
    {
      curator_cli_print_problem (folder_path, "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  n_entries = curator_folder_index_get_n_entries (index);
  out = g_string_sized_new (256 * (gsize) n_entries + 1);
  for (guint i = 0; i < n_entries; i++)
    {
      const CuratorFolderIndexEntry *entry = curator_folder_index_get_entry (index, i);
      g_autofree char *path = g_build_filename (folder_path, entry->path, NULL);

      g_string_append (out, "{\"path\":");
      curator_json_append_string (out, path);
      g_string_append (out, ",\"title\":");
      append_json_string_or_null (out, entry->title);
      g_string_append (out, ",\"date\":");
      append_json_string_or_null (out, entry->date);
      g_string_append (out, ",\"tags\":[");
      for (guint t = 0; entry->tags[t] != NULL; t++)
        {
          if (t > 0)
            g_string_append_c (out, ',');
          curator_json_append_string (out, entry->tags[t]);
        }
      g_string_append (out, "],\"kind\":\"");
      g_string_append (out, front_matter_kind_name (entry->kind));
      g_string_append_c (out, '"');
      if (entry->error != NULL)
        {
          g_string_append (out, ",\"error\":");
          curator_json_append_string (out, entry->error->message);
          n_errors++;
        }
      g_string_append (out, "}\n");
    }
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);

  elapsed_ms = (g_get_monotonic_time () - started) / 1000.0;
  /* Not translated: scripts and the benchmark read this line. */
  curator_cli_printerr ("%u files, %u errors, %.1f ms, %u threads\n",
                        n_entries, n_errors, elapsed_ms,
                        curator_folder_index_get_n_threads_used (index));

  return CURATOR_CLI_EXIT_OK;
}

/* render */

int
curator_cli_render (int    argc,
                    char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CuratorDocument) document = NULL;
  g_autoptr(CuratorBodyRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;
  const GError *load_error;
  CuratorBodyFormat format;
  gboolean raw_html = TRUE;

  if (!parse_command_line ("render", NULL,
                           _("Prints the body's HTML as the preview renders it, before the preview's "
                             "isolation: a .md, .markdown or .mdown body rendered as Hugo renders "
                             "Markdown (CommonMark, tables, strikethrough, autolinks, task lists, "
                             "definition lists, footnotes, smart punctuation, heading ids), "
                             "GitHub alerts as callouts and shortcodes as chips (elements with "
                             "class=\"shortcode\" and data-name=\"NAME\"); any other body as it is. "
                             "Raw HTML in Markdown is kept unless the file's site (the nearest folder "
                             "above it with a Hugo configuration) leaves it out "
                             "(markup.goldmark.renderer.unsafe), as Hugo does.\n\n"
                             "Exit status: 0 on success, 1 if the file cannot be read or its front "
                             "matter is broken, 2 on a usage error."),
                           &argc, &argv, 1, 1))
    return CURATOR_CLI_EXIT_USAGE;

  file = g_file_new_for_commandline_arg (argv[1]);
  document = curator_document_new (file);
  if (!curator_document_load (document, NULL, &error))
    {
      curator_cli_print_problem (argv[1], "error", error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  /* Hugo renders a body under TOML or JSON front matter, or none. */
  load_error = curator_document_get_load_error (document);
  if (load_error != NULL &&
      !g_error_matches (load_error, CURATOR_ERROR, CURATOR_ERROR_NO_FRONT_MATTER) &&
      !g_error_matches (load_error, CURATOR_ERROR, CURATOR_ERROR_UNSUPPORTED_FORMAT))
    {
      curator_cli_print_problem (argv[1], "error", load_error);
      return CURATOR_CLI_EXIT_FAILURE;
    }

  format = curator_body_format_for_path (g_file_peek_path (file));
  if (format == CURATOR_BODY_FORMAT_MARKDOWN)
    {
      g_autoptr(CuratorSiteConfig) site = curator_site_config_load (file, NULL, &error);

      /* A site whose configuration Hugo could not read either: its rule
       * is unknown, the raw HTML is shown. */
      if (site == NULL)
        curator_cli_print_problem (argv[1], "warning", error);
      else
        raw_html = curator_site_config_get_raw_html (site);
    }

  renderer = curator_body_renderer_new (format, raw_html);
  body = curator_document_dup_body (document);
  html = curator_body_renderer_render (renderer, body, -1);
  curator_cli_print (html);

  return CURATOR_CLI_EXIT_OK;
}
