/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "curator-position.h"

G_BEGIN_DECLS

/* curator_position_message_parse() with the format given: a printf format
 * with one %u for the line, one %u for the column and one %s for the text,
 * in that order or numbered (%1$u, %2$u, %3$s). Exposed for tests. */
gboolean curator_position_message_parse_format (const char  *format,
                                                const char  *message,
                                                guint       *line,
                                                guint       *column,
                                                char       **text);

/* g_set_error() with curator_position_message (@line, @column, TEXT),
 * TEXT being @format and its arguments. */
void     curator_set_position_error            (GError     **error,
                                                GQuark       domain,
                                                gint         code,
                                                guint        line,
                                                guint        column,
                                                const char  *format,
                                                ...) G_GNUC_PRINTF (6, 7);

G_END_DECLS
