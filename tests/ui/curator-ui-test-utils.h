/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-window.h"

G_BEGIN_DECLS

/* Helpers shared by the UI test programs: a window on a copy of a test
 * file, widgets found as a screen reader finds them, and real keystrokes
 * typed through the X server (XTest), as a user types them. */

typedef struct
{
  char          *dir;
  GFile         *file;
  GBytes        *original;
  CuratorWindow *window;
} CuratorUiFixture;

/* The GTK set-up every UI test program makes (call before anything else). */
void        curator_ui_test_init           (int         *argc,
                                            char      ***argv);
/* After g_test_run(): removes the private data folder init made. */
void        curator_ui_test_cleanup        (void);

/* Copies @contents (or, when NULL, tests/ui/data/@data_name) into a new
 * folder as @data_name, opens it in a new window and waits for the form. */
void        curator_ui_fixture_open        (CuratorUiFixture *fixture,
                                            const char       *data_name,
                                            const char       *contents);
/* The same with the window in @application. */
void        curator_ui_fixture_open_in_app (CuratorUiFixture *fixture,
                                            GtkApplication   *application,
                                            const char       *data_name,
                                            const char       *contents);
/* Destroys the window, waits for it and its document to be finalized
 * (failing the test if they are not), and deletes the copy. */
void        curator_ui_fixture_close       (CuratorUiFixture *fixture);
GBytes     *curator_ui_fixture_read_file   (CuratorUiFixture *fixture);

gboolean    curator_ui_window_loaded       (gpointer          window);
gboolean    curator_ui_document_saved      (gpointer          window);

/* The first input named @label: by its accessible label, or by a
 * mnemonic label. */
GtkWidget  *curator_ui_find_by_label       (GtkWidget        *root,
                                            const char       *label);
/* The same, failing the test when there is none. */
GtkWidget  *curator_ui_require_input       (GtkWidget        *root,
                                            const char       *label);
GtkWidget  *curator_ui_find_type           (GtkWidget        *root,
                                            GType             type);
/* The first GtkLabel whose text is @text, or contains it if not @whole. */
GtkWidget  *curator_ui_find_label          (GtkWidget        *root,
                                            const char       *text,
                                            gboolean          whole);
/* The first GtkButton showing @label (mnemonic underscores included). */
GtkWidget  *curator_ui_find_button         (GtkWidget        *root,
                                            const char       *label);
/* The visible toplevel of @type that is transient for @parent, if any. */
GtkWindow  *curator_ui_find_dialog         (GtkWindow        *parent,
                                            GType             type);
/* The widget that has the keyboard focus in @window. */
GtkWidget  *curator_ui_get_focus           (GtkWindow        *window);
/* TRUE when @widget is or contains the focus of its window. */
gboolean    curator_ui_has_focus_within    (GtkWidget        *widget);

/* Real keys: FALSE (with the test skipped, naming "x11") when the display
 * is not an X11 one with XTest. */
gboolean    curator_ui_keyboard_available  (void);
/* Gives @window the X keyboard focus, presses and releases the key of
 * @accelerator ("Return", "<Control>z", "<Shift>Tab", ...) and handles
 * the events it causes. */
void        curator_ui_press               (GtkWindow        *window,
                                            const char       *accelerator);
/* Types @text (printable ASCII) into @window, its keys handled in
 * order, and handles them. */
void        curator_ui_type                (GtkWindow        *window,
                                            const char       *text);
/* Runs the main context until nothing is pending. */
void        curator_ui_flush_events        (void);

G_END_DECLS
