/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Messages that name a place in the file: "line L, column C: TEXT", in the
 * user's language. The CLI and the window read the position back with
 * curator_position_message_parse() rather than from the English words. */

char     *curator_position_message       (guint        line,
                                          guint        column,
                                          const char  *text);
/* Finds a message made by curator_position_message(), in the current
 * language or in English, at the start of @message or after a "PREFIX: ".
 * @line, @column and @text (newly allocated, the part after the position)
 * may be NULL. */
gboolean  curator_position_message_parse (const char  *message,
                                          guint       *line,
                                          guint       *column,
                                          char       **text);

G_END_DECLS
