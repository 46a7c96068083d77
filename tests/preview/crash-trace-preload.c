/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preloaded into WebKit's processes by the preview tests: when one of
 * them dies of a signal (an abort from a warning made fatal by the
 * inherited G_DEBUG=fatal-warnings, a crash), it writes its backtrace to
 * stderr, which is the test's, before dying as it would have
 * (tests/crash-trace.c). The warning, if any, is on the line before. */
#define _GNU_SOURCE

#include <errno.h>
#include <string.h>

#include "crash-trace.h"

__attribute__((constructor)) static void
install (void)
{
  /* Only WebKit's own processes (not bwrap or the D-Bus proxy). */
  if (strncmp (program_invocation_short_name, "WebKit", 6) != 0)
    return;
  curator_crash_trace_install ();
}
