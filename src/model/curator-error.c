/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-error"

#include "config.h"

#include "curator-error.h"

G_DEFINE_QUARK (curator-error-quark, curator_error)
