/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-cli"

#include "config.h"

#include "curator-cli-private.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

const CuratorCliCommand curator_cli_commands[] = {
  { "roundtrip", N_("FILE|DIR…"),
    N_("Load and serialize files in memory and report any that are not byte-identical"),
    curator_cli_roundtrip },
  { "get", N_("FILE KEYPATH"),
    N_("Print a value: a scalar as its text, a list or a map as JSON"),
    curator_cli_get },
  { "set", N_("FILE KEYPATH VALUE"),
    N_("Change or add a value in place, changing nothing else in the file"),
    curator_cli_set },
  { "unset", N_("FILE KEYPATH"),
    N_("Remove a key or a list item"),
    curator_cli_unset },
  { "dump", N_("FILE"),
    N_("Print the front matter as JSON, keys in file order"),
    curator_cli_dump },
  { "check", N_("PATH…"),
    N_("Validate files and report each problem with its line and column"),
    curator_cli_check },
  { "index", N_("DIR"),
    N_("Print one JSON line per content file of a folder (path, title, date, tags, kind)"),
    curator_cli_index },
  { "render", N_("FILE"),
    N_("Print the body's HTML as the preview renders it (Markdown as Hugo renders it)"),
    curator_cli_render },
  { NULL, NULL, NULL, NULL },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; curator_cli_commands[i].name != NULL; i++)
    g_string_append_printf (text, "  %-10s %s\n",
                            curator_cli_commands[i].name,
                            _(curator_cli_commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text,
                   _("KEYPATH: dot-separated keys with [N] for list items, for example "
                     "featuredImage.size[0] or tags[2]; a key that contains “.”, “[” or “\\” "
                     "is written with a backslash escape (a\\.b).\n\n"
                     "Exit status: 0 on success, 1 when the command found a problem "
                     "(bad input, a refused edit, a file that differs, an error found "
                     "by check), 2 on a usage error.\n\n"
                     "Run “curator-cli COMMAND --help” for the options of a command."));

  return g_string_free (text, FALSE);
}

static int
print_main_help (gboolean to_stderr)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_autofree char *description = describe_commands ();
  g_autofree char *help = NULL;

  g_option_context_set_summary (context,
                                _("Read and edit the front matter of Hugo content files, "
                                  "changing only the bytes of what you change."));
  g_option_context_set_description (context, description);
  help = g_option_context_get_help (context, TRUE, NULL);

  if (to_stderr)
    curator_cli_printerr ("%s", help);
  else
    curator_cli_print (help);

  return to_stderr ? CURATOR_CLI_EXIT_USAGE : CURATOR_CLI_EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("curator-cli");

  if (argc < 2)
    return print_main_help (TRUE);

  command = argv[1];
  if (strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0 ||
      strcmp (command, "-?") == 0 || strcmp (command, "help") == 0 ||
      strcmp (command, "--help-all") == 0)
    return print_main_help (FALSE);

  if (strcmp (command, "--version") == 0)
    {
      curator_cli_print ("curator-cli " PACKAGE_VERSION "\n");
      return CURATOR_CLI_EXIT_OK;
    }

  for (guint i = 0; curator_cli_commands[i].name != NULL; i++)
    {
      if (strcmp (command, curator_cli_commands[i].name) == 0)
        {
          g_autofree char *prgname = g_strdup_printf ("curator-cli %s", command);

          g_set_prgname (prgname);
          /* The command sees itself as argv[0]. */
          return curator_cli_commands[i].run (argc - 1, argv + 1);
        }
    }

  curator_cli_printerr (_("curator-cli: unknown command “%s”; run “curator-cli --help” to list the commands\n"),
                        command);
  return CURATOR_CLI_EXIT_USAGE;
}
