/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The render layer: a body as its site publishes it (GLib, no GTK). */

#include "curator-body-renderer.h"
#include "curator-shortcode.h"
#include "curator-site-config.h"
