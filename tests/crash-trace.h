/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* When the process dies of a signal (an abort from a warning made fatal
 * by G_DEBUG=fatal-warnings, a trap, a crash), it first writes its
 * backtrace to stderr, which the test log keeps, then dies as it would
 * have. Signals that already have a handler (AddressSanitizer's) keep it.
 * Plain C: also built into the preload for WebKit's processes. */
void curator_crash_trace_install (void);
