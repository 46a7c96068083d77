/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-web-error"

#include "config.h"

#include "curator-web-error.h"

G_DEFINE_QUARK (curator-web-error-quark, curator_web_error)
