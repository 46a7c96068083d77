/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers shared by the test programs (GLib only). */

/* The tests' log writer (below), and a backtrace on stderr when the
 * program dies of a signal. */
void  curator_test_log_init          (void);
/* Up to @max ends of the preview's web process ("The preview's web
 * process ended (reason 0)", which it recovers from by reloading) are
 * logged as test messages instead of aborting; one more is fatal again.
 * docs/preview.md says which WebKit warning ends it, and why this is
 * tolerated. */
void  curator_test_tolerate_web_process_ends (guint max);
/* How many ends were tolerated so far. */
guint curator_test_get_web_process_ends (void);
/* A new private folder for this test program (from @name_template, as
 * g_dir_make_tmp takes it) with HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME,
 * XDG_DATA_HOME, XDG_STATE_HOME and XDG_RUNTIME_DIR inside it, empty: what
 * the code under test and the processes it starts (WebKit's, GStreamer's
 * registry, D-Bus proxies) read and write stays there, whatever the
 * machine's own home holds or lacks. Call it first, before anything reads
 * those directories (GLib keeps them once read). */
char *curator_test_make_private_dir  (const char *name_template);
/* Deletes @path and, for a folder, everything in it (links not followed). */
void  curator_test_remove_tree       (const char *path);

typedef gboolean (*CuratorTestCondition) (gpointer data);

/* How long a test waits for something that signals before it gives up:
 * generous, so that only a real hang reaches it on a loaded machine. */
#define CURATOR_TEST_DEADLINE_MS 30000

/* Runs the default main context until @condition holds or @timeout_ms
 * pass; TRUE if it holds. Wakes every few milliseconds, so a condition
 * that no source signals (a clock, a file) is seen too. */
gboolean curator_test_wait_until     (CuratorTestCondition condition,
                                      gpointer             data,
                                      guint                timeout_ms);
/* The same with CURATOR_TEST_DEADLINE_MS, failing the test with "Timed out
 * after N ms waiting for @what" when @condition does not hold. */
void     curator_test_wait_for       (CuratorTestCondition condition,
                                      gpointer             data,
                                      const char          *what);

/* Skips the current test because @requirement (a short name: "x11",
 * "pyyaml", "json-glib", "openssl", "shared-corpus", ...) is missing.
 * The skip reads "missing REQUIREMENT: why", which build-aux/run-tests.sh
 * counts as a failure when its set-up provides @requirement. */
void     curator_test_skip_missing   (const char          *requirement,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
