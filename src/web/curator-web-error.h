/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CURATOR_WEB_ERROR (curator_web_error_quark ())

/* Why a page or an image could not be imported. Each has its own message,
 * worded for the curator. Cancellation is G_IO_ERROR_CANCELLED. */
typedef enum
{
  CURATOR_WEB_ERROR_INVALID_URL,        /* not an absolute http(s) address */
  CURATOR_WEB_ERROR_OFFLINE,            /* no network, or the host is unreachable */
  CURATOR_WEB_ERROR_DNS,                /* the host name does not resolve */
  CURATOR_WEB_ERROR_CONNECTION,         /* refused or reset */
  CURATOR_WEB_ERROR_TLS,                /* certificate or handshake failure */
  CURATOR_WEB_ERROR_TIMED_OUT,
  CURATOR_WEB_ERROR_TOO_MANY_REDIRECTS,
  CURATOR_WEB_ERROR_NOT_FOUND,          /* HTTP 404 or 410 */
  CURATOR_WEB_ERROR_HTTP,               /* any other unsuccessful HTTP status */
  CURATOR_WEB_ERROR_TOO_LARGE,          /* over the page or image cap */
  CURATOR_WEB_ERROR_NOT_HTML,           /* the address gives something else than a web page */
  CURATOR_WEB_ERROR_NOT_IMAGE,          /* the bytes are not an image gdk-pixbuf reads */
  CURATOR_WEB_ERROR_NO_TEMPLATE,        /* a folder Curator cannot make a new file in */
  CURATOR_WEB_ERROR_EXISTS,             /* saving would overwrite a file */
} CuratorWebError;

GQuark curator_web_error_quark (void);

G_END_DECLS
