/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include "curator-test-utils.h"

#include <errno.h>
#include <execinfo.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* GTK 4.8 warns "Trying to snapshot ... without a current allocation" when
 * the window's leaflet and the body pane's own leaflet settle their
 * folding over more layout passes than one frame allows: that frame shows
 * the previous allocation and the next one is right. It happens at random
 * on a loaded machine, so the UI tests log it as a test message instead of
 * aborting; every other warning still goes to the default writer, which
 * keeps G_DEBUG=fatal-warnings fatal. */
static guint web_process_ends_tolerated;
static guint web_process_ends;

static GLogWriterOutput
curator_test_log_writer (GLogLevelFlags   log_level,
                         const GLogField *fields,
                         gsize            n_fields,
                         gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) != 0
      && g_strcmp0 (domain, "Gtk") == 0
      && message != NULL
      && g_str_has_prefix (message, "Trying to snapshot ")
      && strstr (message, " without a current allocation") != NULL)
    {
      g_test_message ("Tolerated: %s", message);
      return G_LOG_WRITER_HANDLED;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) != 0
      && g_strcmp0 (domain, "curator-preview") == 0
      && message != NULL
      && g_str_has_prefix (message, "The preview's web process ended (reason 0)"))
    {
      if (web_process_ends >= web_process_ends_tolerated)
        return g_log_writer_default (log_level, fields, n_fields, user_data);
      web_process_ends++;
      g_test_message ("Tolerated (%u of at most %u): %s", web_process_ends, web_process_ends_tolerated, message);
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* A test program that dies of a signal (a warning made fatal by
 * G_DEBUG=fatal-warnings traps, a crash) writes its backtrace to stderr
 * first, which the test log keeps: a failure seen once in many runs can
 * then be read. Frames of GLib and GTK are named; the program's own are
 * offsets, for addr2line on the same build. */
static void
trace_crash_cb (int        signal_number,
                siginfo_t *info,
                void      *context)
{
  void *frames[64];
  char line[192];
  int n_frames = backtrace (frames, G_N_ELEMENTS (frames));
  int length = snprintf (line, sizeof line, "\n=== %s ended by signal %d (%s); backtrace:\n",
                         program_invocation_short_name, signal_number, strsignal (signal_number));

  if (write (STDERR_FILENO, line, (size_t)length) < 0)
    return;
  backtrace_symbols_fd (frames, n_frames, STDERR_FILENO);
  if (write (STDERR_FILENO, "=== end of backtrace\n", 21) < 0)
    return;
  /* SA_RESETHAND put the default action back: die of the same signal. */
  raise (signal_number);
}

static void
trace_crashes (void)
{
  static const int signals[] = { SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
  struct sigaction action = { 0 };
  void *frames[1];

  /* Loads libgcc's unwinder now, not in the handler. */
  backtrace (frames, 1);
  action.sa_sigaction = trace_crash_cb;
  action.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigemptyset (&action.sa_mask);
  /* A handler already there (AddressSanitizer's) reports better. */
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      struct sigaction old = { 0 };

      if (sigaction (signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
        sigaction (signals[i], &action, NULL);
    }
}

void
curator_test_log_init (void)
{
  g_log_set_writer_func (curator_test_log_writer, NULL, NULL);
  trace_crashes ();
}

void
curator_test_tolerate_web_process_ends (guint max)
{
  web_process_ends_tolerated = max;
}

guint
curator_test_get_web_process_ends (void)
{
  return web_process_ends;
}

char *
curator_test_make_private_dir (const char *name_template)
{
  static const struct { const char *variable; const char *folder; } homes[] = {
    { "HOME", "home" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_STATE_HOME", "state" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (name_template, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *path = g_build_filename (dir, homes[i].folder, NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      g_setenv (homes[i].variable, path, TRUE);
    }

  return g_steal_pointer (&dir);
}

void
curator_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          curator_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
curator_test_wait_until (CuratorTestCondition condition,
                         gpointer             data,
                         guint                timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  guint wake = g_timeout_add (5, wake_cb, NULL);
  gboolean held;

  while (!(held = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
  return held;
}

void
curator_test_wait_for (CuratorTestCondition condition,
                       gpointer             data,
                       const char          *what)
{
  if (!curator_test_wait_until (condition, data, CURATOR_TEST_DEADLINE_MS))
    g_error ("Timed out after %u ms waiting for %s", CURATOR_TEST_DEADLINE_MS, what);
}

void
curator_test_skip_missing (const char *requirement,
                           const char *format,
                           ...)
{
  g_autofree char *why = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  message = g_strdup_printf ("missing %s: %s", requirement, why);
  g_test_skip (message);
}
