/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "curator-model.h"
#include "curator-position-private.h"

#define ENGLISH "line %u, column %u: %s"

/* Parses @message with @format; checks the three parts. */
static void
assert_parses (const char *format,
               const char *message,
               guint       expected_line,
               guint       expected_column,
               const char *expected_text)
{
  g_autofree char *text = NULL;
  guint line = 0, column = 0;

  if (!curator_position_message_parse_format (format, message, &line, &column, &text))
    g_error ("“%s” does not parse with “%s”", message, format);
  g_assert_cmpuint (line, ==, expected_line);
  g_assert_cmpuint (column, ==, expected_column);
  g_assert_cmpstr (text, ==, expected_text);
}

static void
assert_refused (const char *format,
                const char *message)
{
  g_autofree char *text = NULL;
  guint line = 0, column = 0;

  if (curator_position_message_parse_format (format, message, &line, &column, &text))
    g_error ("“%s” parses with “%s”: line %u, column %u, “%s”",
             message, format, line, column, text);
  g_assert_null (text);
}

static void
test_english (void)
{
  g_autofree char *message = curator_position_message (3, 5, "duplicate key “a”");
  g_autofree char *text = NULL;
  guint line = 0, column = 0;

  /* The tests run without a catalogue: the English words, byte for byte. */
  g_assert_cmpstr (message, ==, "line 3, column 5: duplicate key “a”");
  assert_parses (ENGLISH, message, 3, 5, "duplicate key “a”");
  assert_parses (ENGLISH, "line 12, column 1: ", 12, 1, "");
  /* The text may hold positions of its own. */
  assert_parses (ENGLISH, "line 4, column 12: did not find expected ',' (while parsing at line 3, column 7)",
                 4, 12, "did not find expected ',' (while parsing at line 3, column 7)");
  assert_parses (ENGLISH, "line 2, column 9: a: line 1, column 1: b", 2, 9, "a: line 1, column 1: b");

  g_assert_true (curator_position_message_parse (message, &line, &column, &text));
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 5);
  g_assert_cmpstr (text, ==, "duplicate key “a”");
  /* Every out argument may be left out. */
  g_assert_true (curator_position_message_parse (message, NULL, NULL, NULL));
  g_assert_false (curator_position_message_parse ("duplicate key “a”", NULL, NULL, NULL));
}

static void
test_french (void)
{
  /* A narrow no-break space before the colon, then a plain one. */
  const char *narrow = "ligne %u, colonne %u\u202F: %s";
  const char *plain = "ligne %u, colonne %u : %s";

  assert_parses (narrow, "ligne 3, colonne 1\u202F: clé « a » en double", 3, 1, "clé « a » en double");
  assert_parses (plain, "ligne 3, colonne 1 : clé « a » en double", 3, 1, "clé « a » en double");
  assert_refused (narrow, "ligne 3, colonne 1 : clé « a » en double");
  assert_refused (plain, "ligne 3, colonne 1\u202F: clé « a » en double");
  /* The explicit format only: English is the caller's fallback. */
  assert_refused (plain, "line 3, column 1: duplicate key “a”");
  assert_refused (ENGLISH, "ligne 3, colonne 1 : clé « a » en double");
}

static void
test_reordered (void)
{
  const char *german = "%3$s (Z. %1$u, S. %2$u)";
  const char *columns_first = "column %2$u, line %1$u: %3$s";

  assert_parses (german, "doppelter Schlüssel „a“ (Z. 3, S. 5)", 3, 5, "doppelter Schlüssel „a“");
  /* The position is the last one: the text keeps the others. */
  assert_parses (german, "a (Z. 1, S. 2) b (Z. 3, S. 4)", 3, 4, "a (Z. 1, S. 2) b");
  assert_parses (columns_first, "column 7, line 2: x", 2, 7, "x");
  assert_refused (german, "doppelter Schlüssel (Z. 3, S. 5) danach");
  assert_refused (german, "doppelter Schlüssel (Z. 3)");
}

static void
test_prefix (void)
{
  assert_parses (ENGLISH, "dup.md: line 3, column 1: duplicate key “a”", 3, 1, "duplicate key “a”");
  assert_parses (ENGLISH, "a: b.md: line 3, column 1: x", 3, 1, "x");
  assert_parses ("ligne %u, colonne %u : %s", "dup.md: ligne 3, colonne 1 : clé en double", 3, 1, "clé en double");
  /* Only after "PREFIX: ", not anywhere. */
  assert_refused (ENGLISH, "see line 3, column 1: x");
  assert_refused (ENGLISH, "dup.md:line 3, column 1: x");
}

static void
test_refused (void)
{
  assert_refused (ENGLISH, "");
  assert_refused (ENGLISH, "no position here");
  assert_refused (ENGLISH, "line x, column 1: a");
  assert_refused (ENGLISH, "line , column 1: a");
  assert_refused (ENGLISH, "line 3, column : a");
  assert_refused (ENGLISH, "line -3, column 1: a");
  assert_refused (ENGLISH, "line 3; column 1: a");
  assert_refused (ENGLISH, "Line 3, column 1: a");
  assert_refused (ENGLISH, "line 3, column 1");
  assert_refused (ENGLISH, "line 3, column 1 a");
  g_assert_false (curator_position_message_parse_format (ENGLISH, NULL, NULL, NULL, NULL));

  /* Formats that do not name the three parts, once each. */
  assert_refused ("line %d, column %u: %s", "line 3, column 1: a");
  assert_refused ("line %u: %s", "line 3: a");
  assert_refused ("line %u, column %u", "line 3, column 1");
  assert_refused ("line %u, column %u: %s %s", "line 3, column 1: a b");
  assert_refused ("line %u, column %2$u: %3$s", "line 3, column 1: a");
  assert_refused ("line %1$u, column %1$u: %3$s", "line 3, column 3: a");
  assert_refused ("line %1$u, column %2$u: %4$s", "line 3, column 1: a");
  assert_refused ("line %1$s, column %2$u: %3$u", "line a, column 1: 3");
  assert_refused ("line %u, column %u: %s %", "line 3, column 1: a %");
}

static void
test_percent (void)
{
  assert_parses ("%u%% %u%%: %s", "3% 4%: x", 3, 4, "x");
  assert_refused ("%u%% %u%%: %s", "3 4: x");
}

static void
test_overflow (void)
{
  assert_parses (ENGLISH, "line 4294967295, column 1: a", G_MAXUINT, 1, "a");
  assert_parses (ENGLISH, "line 0004294967295, column 1: a", G_MAXUINT, 1, "a");
  assert_refused (ENGLISH, "line 4294967296, column 1: a");
  assert_refused (ENGLISH, "line 1, column 42949672950: a");
  assert_refused (ENGLISH, "line 99999999999999999999999, column 1: a");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/position/english", test_english);
  g_test_add_func ("/position/french", test_french);
  g_test_add_func ("/position/reordered", test_reordered);
  g_test_add_func ("/position/prefix", test_prefix);
  g_test_add_func ("/position/refused", test_refused);
  g_test_add_func ("/position/percent", test_percent);
  g_test_add_func ("/position/overflow", test_overflow);

  return g_test_run ();
}
