/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preloaded into test-import by the test test-import-late-unref: a
 * worker thread of GLib's pool that drops a reference to a GTask waits
 * CURATOR_LATE_UNREF_MS (50) first. GLib's worker drops its reference to
 * a thread task after the result is on its way to the main loop; on a
 * busy machine it can be preempted there, and the main loop may be done
 * with everything first, so that the worker's drop is the last one and
 * finalizes the task's source object and data in the worker. This makes
 * that order happen every time. curator_late_unref_count() says how many
 * drops waited, so the test can tell the preload took effect. */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <gio/gio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

unsigned curator_late_unref_count (void);

static void (*real_unref) (gpointer object);
static unsigned delay_ms = 50;
static unsigned late_count;

__attribute__((constructor)) static void
late_unref_init (void)
{
  const char *ms = getenv ("CURATOR_LATE_UNREF_MS");

  real_unref = (void (*) (gpointer)) dlsym (RTLD_NEXT, "g_object_unref");
  if (ms != NULL)
    delay_ms = (unsigned) strtoul (ms, NULL, 10);
  /* This process only: not WebKit's, which inherit the environment. */
  unsetenv ("LD_PRELOAD");
}

unsigned
curator_late_unref_count (void)
{
  return __atomic_load_n (&late_count, __ATOMIC_SEQ_CST);
}

/* GLib names its pool's threads "pool" or "pool-PROGRAM". */
static gboolean
in_pool_thread (void)
{
  char name[16] = "";

  return pthread_getname_np (pthread_self (), name, sizeof name) == 0 &&
         strncmp (name, "pool", 4) == 0 && strcmp (name, "pool-spawner") != 0;
}

void
g_object_unref (gpointer object)
{
  if (object != NULL && delay_ms > 0 && G_IS_TASK (object) && in_pool_thread ())
    {
      __atomic_add_fetch (&late_count, 1, __ATOMIC_SEQ_CST);
      g_usleep (delay_ms * G_TIME_SPAN_MILLISECOND);
    }
  real_unref (object);
}
