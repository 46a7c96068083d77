/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @html, read by the HTML5 parser, holds only what the
 * sanitizer's allowlist allows: allowed HTML elements and attributes,
 * addresses with http, https (and for links mailto, tel) or relative,
 * no comment, CDATA, template, svg or math. Else FALSE, and @why says what
 * was found. Shared by the sanitizer test and its fuzz target. */
gboolean web_test_html_is_clean (const char  *html,
                                 char       **why);

G_END_DECLS
