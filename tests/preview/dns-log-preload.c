/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preloaded into the test and (through the environment) into WebKit's
 * network and web processes: appends every host name looked up with
 * getaddrinfo() or gethostbyname*() to the file named by
 * CURATOR_TEST_DNS_LOG, one per line, then does the real lookup. Each
 * process it is loaded into first writes "#loaded PROGRAM", so that the
 * test can tell the preload reached WebKit's processes. */
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void log_name (const char *name);

__attribute__((constructor)) static void
log_loaded (void)
{
  char line[600] = "#loaded ";

  strncat (line, program_invocation_short_name, sizeof line - strlen (line) - 1);
  log_name (line);
}

static void
log_name (const char *name)
{
  const char *path = getenv ("CURATOR_TEST_DNS_LOG");
  char line[1100];
  size_t len;
  int fd;

  if (path == NULL || name == NULL)
    return;
  len = strnlen (name, 1024);
  memcpy (line, name, len);
  line[len++] = '\n';
  /* One write with O_APPEND: lines from several processes stay whole. */
  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  if (write (fd, line, len) < 0)
    {
      /* Nothing to do: the test sees the name missing. */
    }
  close (fd);
}

int
getaddrinfo (const char               *node,
             const char               *service,
             const struct addrinfo    *hints,
             struct addrinfo         **res)
{
  int (*real) (const char *, const char *, const struct addrinfo *, struct addrinfo **) =
    dlsym (RTLD_NEXT, "getaddrinfo");

  log_name (node);
  return real (node, service, hints, res);
}

struct hostent *
gethostbyname (const char *name)
{
  struct hostent *(*real) (const char *) = dlsym (RTLD_NEXT, "gethostbyname");

  log_name (name);
  return real (name);
}

int
gethostbyname_r (const char       *name,
                 struct hostent   *ret,
                 char             *buf,
                 size_t            buflen,
                 struct hostent  **result,
                 int              *h_errnop)
{
  int (*real) (const char *, struct hostent *, char *, size_t, struct hostent **, int *) =
    dlsym (RTLD_NEXT, "gethostbyname_r");

  log_name (name);
  return real (name, ret, buf, buflen, result, h_errnop);
}
