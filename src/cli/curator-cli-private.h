/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, the same for every command. */
typedef enum
{
  CURATOR_CLI_EXIT_OK = 0,
  /* The command ran and found a problem: bad input, a refused edit, a
   * file that differs (roundtrip) or an error (check). */
  CURATOR_CLI_EXIT_FAILURE = 1,
  /* The command line itself is wrong: unknown command or option, missing
   * or extra arguments, a path that does not exist. */
  CURATOR_CLI_EXIT_USAGE = 2,
} CuratorCliExit;

typedef int (*CuratorCliCommandFunc) (int    argc,
                                      char **argv);

typedef struct
{
  const char            *name;
  const char            *parameters;   /* e.g. "FILE KEYPATH VALUE" */
  const char            *summary;      /* one line, translatable */
  CuratorCliCommandFunc  run;
} CuratorCliCommand;

/* All commands, NULL-terminated. */
extern const CuratorCliCommand curator_cli_commands[];

int  curator_cli_roundtrip (int argc, char **argv);
int  curator_cli_get       (int argc, char **argv);
int  curator_cli_set       (int argc, char **argv);
int  curator_cli_unset     (int argc, char **argv);
int  curator_cli_dump      (int argc, char **argv);
int  curator_cli_check     (int argc, char **argv);
int  curator_cli_index     (int argc, char **argv);
int  curator_cli_render    (int argc, char **argv);

/* Output helpers: data goes to stdout as UTF-8 bytes, never converted to
 * the locale's charset (g_print would). */
void curator_cli_print        (const char *text);
void curator_cli_printerr     (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);
/* "path:line:col: severity: message\n" when @error names a line and a
 * column, else "path: severity: message\n". print_problem writes it to
 * standard error. */
char *curator_cli_format_problem (const char   *path,
                                  const char   *severity,
                                  const GError *error);
void  curator_cli_print_problem  (const char   *path,
                                  const char   *severity,
                                  const GError *error);
G_END_DECLS
