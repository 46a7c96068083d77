/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-scalar"

#include "config.h"

#include <string.h>

#include "curator-scalar-private.h"

/* Plain scalars are typed by hand-written scanners: the YAML regular
 * expressions (1.2 core schema, YAML 1.1 types as PyYAML reads them, the
 * timestamp type) run on every plain value of every file of a folder, and
 * a regex engine costs more than the parse itself. Each scanner matches the
 * whole text or nothing. */

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static inline gboolean
scan_at_end (const Scan *s)
{
  return s->p == s->end;
}

static inline gboolean
scan_char (Scan *s,
           char  c)
{
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

static inline gboolean
scan_sign (Scan *s)
{
  return scan_char (s, '-') || scan_char (s, '+');
}

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_hex (char c)
{
  return is_digit (c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Counts the characters of the given class (digits, optionally '_'). */
static inline gsize
scan_digits (Scan     *s,
             gboolean  underscores)
{
  gsize n = 0;

  while (s->p < s->end && (is_digit (*s->p) || (underscores && *s->p == '_')))
    {
      s->p++;
      n++;
    }
  return n;
}

/* The words YAML spells in three cases: lower, capitalized, upper
 * ("null", "Null", "NULL"). @word is the lower-case spelling. */
static inline gboolean
is_word_in_yaml_cases (const char *text,
                       gsize       length,
                       const char *word,
                       gsize       word_length)
{
  gsize i;

  if (length != word_length)
    return FALSE;
  if (memcmp (text + 1, word + 1, length - 1) == 0)
    return text[0] == word[0] || text[0] == g_ascii_toupper (word[0]);
  if (text[0] != g_ascii_toupper (word[0]))
    return FALSE;
  for (i = 1; i < length; i++)
    if (text[i] != g_ascii_toupper (word[i]))
      return FALSE;
  return TRUE;
}

#define IS_WORD(text, length, word) \
  is_word_in_yaml_cases ((text), (length), (word), sizeof (word) - 1)

static gboolean
is_null (const char *text,
         gsize       length)
{
  return length == 0 || (length == 1 && text[0] == '~') || IS_WORD (text, length, "null");
}

static gboolean
is_bool_1_2 (const char *text,
             gsize       length)
{
  return IS_WORD (text, length, "true") || IS_WORD (text, length, "false");
}

static gboolean
is_bool_1_1 (const char *text,
             gsize       length)
{
  if (length == 1)
    return text[0] == 'y' || text[0] == 'Y' || text[0] == 'n' || text[0] == 'N';
  return IS_WORD (text, length, "yes") || IS_WORD (text, length, "no") ||
         IS_WORD (text, length, "true") || IS_WORD (text, length, "false") ||
         IS_WORD (text, length, "on") || IS_WORD (text, length, "off");
}

/* .inf .Inf .INF with an optional sign; .nan .NaN .NAN without. */
static gboolean
is_inf_or_nan (const char *text,
               gsize       length)
{
  if (length < 4)
    return FALSE;
  if (text[0] == '-' || text[0] == '+')
    return text[1] == '.' && IS_WORD (text + 2, length - 2, "inf");
  if (text[0] != '.')
    return FALSE;
  return IS_WORD (text + 1, length - 1, "inf") ||
         (length == 4 && (memcmp (text, ".nan", 4) == 0 || memcmp (text, ".NaN", 4) == 0 ||
                          memcmp (text, ".NAN", 4) == 0));
}

/* [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
static gboolean
is_int_1_2 (const char *text,
            gsize       length)
{
  Scan s = { text, text + length };

  if (length > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x'))
    {
      gboolean hex = text[1] == 'x';

      for (gsize i = 2; i < length; i++)
        if (hex ? !is_hex (text[i]) : (text[i] < '0' || text[i] > '7'))
          return FALSE;
      return TRUE;
    }

  scan_sign (&s);
  return scan_digits (&s, FALSE) > 0 && scan_at_end (&s);
}

/* [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE][-+]?[0-9]+ )? */
static gboolean
is_float_1_2 (const char *text,
              gsize       length)
{
  Scan s = { text, text + length };

  if (is_inf_or_nan (text, length))
    return TRUE;

  scan_sign (&s);
  if (scan_char (&s, '.'))
    {
      if (scan_digits (&s, FALSE) == 0)
        return FALSE;
    }
  else
    {
      if (scan_digits (&s, FALSE) == 0)
        return FALSE;
      if (scan_char (&s, '.'))
        scan_digits (&s, FALSE);
    }

  if (scan_char (&s, 'e') || scan_char (&s, 'E'))
    {
      scan_sign (&s);
      if (scan_digits (&s, FALSE) == 0)
        return FALSE;
    }

  return scan_at_end (&s);
}

/* (:[0-5]?[0-9])+ : the base-60 part of a YAML 1.1 sexagesimal number. */
static gboolean
scan_sexagesimal (Scan *s)
{
  gboolean any = FALSE;

  while (s->p < s->end && *s->p == ':')
    {
      const char *start = ++s->p;
      gsize n = scan_digits (s, FALSE);

      if (n == 0 || n > 2 || (n == 2 && start[0] > '5'))
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* YAML 1.1 int, as PyYAML reads it:
 *   [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*)
 *   | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+
 * Sets @octal for the leading-zero form, which 1.2 reads as decimal. */
static gboolean
is_int_1_1 (const char *text,
            gsize       length,
            gboolean   *octal)
{
  Scan s = { text, text + length };

  *octal = FALSE;
  scan_sign (&s);
  if (scan_at_end (&s))
    return FALSE;

  if (*s.p == '0')
    {
      s.p++;
      if (scan_at_end (&s))
        return TRUE;
      if (*s.p == 'b' || *s.p == 'x')
        {
          gboolean hex = *s.p == 'x';
          gsize n = 0;

          for (s.p++; s.p < s.end; s.p++, n++)
            if (*s.p != '_' && (hex ? !is_hex (*s.p) : (*s.p != '0' && *s.p != '1')))
              return FALSE;
          return n > 0;
        }
      for (; s.p < s.end; s.p++)
        if (*s.p != '_' && (*s.p < '0' || *s.p > '7'))
          return FALSE;
      *octal = TRUE;
      return TRUE;
    }

  if (!is_digit (*s.p))
    return FALSE;
  scan_digits (&s, TRUE);
  if (scan_at_end (&s))
    return TRUE;
  return scan_sexagesimal (&s) && scan_at_end (&s);
}

/* YAML 1.1 float, as PyYAML reads it (but "-.5" is a float, as the 1.1
 * spec says):
 *   [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? | [-+]?\.[0-9_]+([eE][-+][0-9]+)?
 *   | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN) */
static gboolean
is_float_1_1 (const char *text,
              gsize       length)
{
  Scan s = { text, text + length };

  if (is_inf_or_nan (text, length))
    return TRUE;

  scan_sign (&s);
  if (scan_char (&s, '.'))
    {
      if (scan_digits (&s, TRUE) == 0)
        return FALSE;
    }
  else
    {
      if (s.p >= s.end || !is_digit (*s.p))
        return FALSE;
      scan_digits (&s, TRUE);
      if (s.p < s.end && *s.p == ':')
        {
          if (!scan_sexagesimal (&s) || !scan_char (&s, '.'))
            return FALSE;
          scan_digits (&s, TRUE);
          return scan_at_end (&s);
        }
      if (!scan_char (&s, '.'))
        return FALSE;
      scan_digits (&s, TRUE);
    }

  if (scan_char (&s, 'e') || scan_char (&s, 'E'))
    {
      if (!scan_sign (&s) || scan_digits (&s, FALSE) == 0)
        return FALSE;
    }

  return scan_at_end (&s);
}

static gboolean
scan_exact_digits (Scan  *s,
                   guint  min,
                   guint  max)
{
  guint n = 0;

  while (n < max && s->p < s->end && is_digit (*s->p))
    {
      s->p++;
      n++;
    }
  return n >= min;
}

static inline gboolean
scan_blanks (Scan *s)
{
  gboolean any = FALSE;

  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
    {
      s->p++;
      any = TRUE;
    }
  return any;
}

/* The YAML timestamp type:
 *   [0-9]{4}-[0-9]{2}-[0-9]{2}
 *   | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} ([Tt]|[ \t]+) [0-9]{1,2}:[0-9]{2}:[0-9]{2}
 *     (\.[0-9]*)? (([ \t]*)(Z|[-+][0-9]{1,2}(:[0-9]{2})?))? */
static gboolean
is_timestamp (const char *text,
              gsize       length)
{
  Scan s = { text, text + length };
  const char *month, *day;

  if (length < 8 || !is_digit (text[0]))
    return FALSE;

  if (!scan_exact_digits (&s, 4, 4) || !scan_char (&s, '-'))
    return FALSE;
  month = s.p;
  if (!scan_exact_digits (&s, 1, 2) || !scan_char (&s, '-'))
    return FALSE;
  day = s.p;
  if (!scan_exact_digits (&s, 1, 2))
    return FALSE;

  if (scan_at_end (&s))
    return day - month == 3 && s.p - day == 2;

  if (!scan_char (&s, 'T') && !scan_char (&s, 't') && !scan_blanks (&s))
    return FALSE;

  if (!scan_exact_digits (&s, 1, 2) || !scan_char (&s, ':') ||
      !scan_exact_digits (&s, 2, 2) || !scan_char (&s, ':') ||
      !scan_exact_digits (&s, 2, 2))
    return FALSE;

  if (scan_char (&s, '.'))
    scan_digits (&s, FALSE);

  if (scan_at_end (&s))
    return TRUE;

  scan_blanks (&s);
  if (scan_char (&s, 'Z'))
    return scan_at_end (&s);
  if (!scan_sign (&s) || !scan_exact_digits (&s, 1, 2))
    return FALSE;
  if (scan_char (&s, ':') && !scan_exact_digits (&s, 2, 2))
    return FALSE;
  return scan_at_end (&s);
}

static CuratorScalarType
resolve_1_1 (const char *text,
             gsize       length,
             gboolean   *octal)
{
  *octal = FALSE;
  if (is_null (text, length))
    return CURATOR_SCALAR_NULL;
  if (is_bool_1_1 (text, length))
    return CURATOR_SCALAR_BOOL;
  if (is_int_1_1 (text, length, octal))
    return CURATOR_SCALAR_INT;
  if (is_float_1_1 (text, length))
    return CURATOR_SCALAR_FLOAT;
  if (is_timestamp (text, length))
    return CURATOR_SCALAR_TIMESTAMP;
  return CURATOR_SCALAR_STRING;
}

CuratorScalarType
curator_scalar_resolve_plain (const char *text,
                              gsize       length,
                              gboolean   *yaml11_ambiguous)
{
  CuratorScalarType type = CURATOR_SCALAR_STRING;
  CuratorScalarType type_1_1;
  gboolean octal;
  char first;

  g_return_val_if_fail (text != NULL || length == 0, CURATOR_SCALAR_STRING);

  if (yaml11_ambiguous != NULL)
    *yaml11_ambiguous = FALSE;

  /* Most values are words. A word is null, a bool or a string in YAML
   * 1.2; YAML 1.1 reads it differently only as one of its extra bools. */
  first = length > 0 ? text[0] : '\0';
  if (length > 0 && !is_digit (first) && first != '-' && first != '+' && first != '.')
    {
      if (is_null (text, length))
        return CURATOR_SCALAR_NULL;
      if (is_bool_1_2 (text, length))
        return CURATOR_SCALAR_BOOL;
      if (yaml11_ambiguous != NULL &&
          (first == 'y' || first == 'Y' || first == 'n' || first == 'N' ||
           first == 'o' || first == 'O'))
        *yaml11_ambiguous = is_bool_1_1 (text, length);
      return CURATOR_SCALAR_STRING;
    }

  if (is_null (text, length))
    type = CURATOR_SCALAR_NULL;
  else if (is_bool_1_2 (text, length))
    type = CURATOR_SCALAR_BOOL;
  else if (is_int_1_2 (text, length))
    type = CURATOR_SCALAR_INT;
  else if (is_float_1_2 (text, length))
    type = CURATOR_SCALAR_FLOAT;
  else if (is_timestamp (text, length))
    type = CURATOR_SCALAR_TIMESTAMP;

  if (yaml11_ambiguous != NULL)
    {
      type_1_1 = resolve_1_1 (text, length, &octal);
      /* 010 is 8 in YAML 1.1 and 10 in 1.2; 0 and 00 agree but are
       * still shown with a note, as every leading-zero number is. */
      *yaml11_ambiguous = type_1_1 != type || (octal && type == CURATOR_SCALAR_INT);
    }

  return type;
}
