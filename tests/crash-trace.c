/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Frames of GLib, GTK and GStreamer come out named; a program's own and
 * WebKit's (Debian has no symbols for them) as offsets, for addr2line on
 * the same build. */
#define _GNU_SOURCE

#include "crash-trace.h"

#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void
write_all (const char *text,
           size_t      length)
{
  while (length > 0)
    {
      ssize_t written = write (STDERR_FILENO, text, length);

      if (written <= 0)
        return;
      text += written;
      length -= (size_t)written;
    }
}

static void
trace_cb (int        signal_number,
          siginfo_t *info,
          void      *context)
{
  void *frames[64];
  char line[256];
  int n_frames = backtrace (frames, 64);
  int length = snprintf (line, sizeof line,
                         "\n=== %s (pid %d in its namespace) ended by signal %d (%s); backtrace:\n",
                         program_invocation_short_name, (int)getpid (),
                         signal_number, strsignal (signal_number));

  write_all (line, (size_t)length);
  backtrace_symbols_fd (frames, n_frames, STDERR_FILENO);
  write_all ("=== end of backtrace\n", 21);

  /* SA_RESETHAND put the default action back: die of the same signal. */
  raise (signal_number);
}

void
curator_crash_trace_install (void)
{
  static const int signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE };
  struct sigaction action = { 0 };
  void *frames[1];

  /* backtrace() loads libgcc_s on first use: not in a signal handler. */
  backtrace (frames, 1);
  action.sa_sigaction = trace_cb;
  action.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigemptyset (&action.sa_mask);
  for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
    {
      struct sigaction old = { 0 };

      if (sigaction (signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
        sigaction (signals[i], &action, NULL);
    }
}
