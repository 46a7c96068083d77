/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-charset"

#include "config.h"

#include "curator-charset.h"

#include <errno.h>
#include <string.h>

/* How far into a page its <meta charset> is looked for. The HTML standard
 * says 1024 bytes; real pages put long scripts or comments first, and
 * browsers keep looking in the head, so a wider window is read (but never
 * past the start of the body). */
#define META_SCAN_LIMIT 8192

typedef struct
{
  const char *label;
  const char *iconv_name;
} CharsetLabel;

/* The WHATWG Encoding standard's labels for the encodings of the web,
 * with the glibc iconv name that decodes each. Sorted by label. */
static const CharsetLabel labels[] = {
  { "866", "IBM866" },
  { "ansi_x3.4-1968", "WINDOWS-1252" },
  { "arabic", "ISO-8859-6" },
  { "ascii", "WINDOWS-1252" },
  { "big5", "BIG5-HKSCS" },
  { "big5-hkscs", "BIG5-HKSCS" },
  { "chinese", "GBK" },
  { "cn-big5", "BIG5-HKSCS" },
  { "cp1250", "WINDOWS-1250" },
  { "cp1251", "WINDOWS-1251" },
  { "cp1252", "WINDOWS-1252" },
  { "cp1253", "WINDOWS-1253" },
  { "cp1254", "WINDOWS-1254" },
  { "cp1255", "WINDOWS-1255" },
  { "cp1256", "WINDOWS-1256" },
  { "cp1257", "WINDOWS-1257" },
  { "cp1258", "WINDOWS-1258" },
  { "cp819", "WINDOWS-1252" },
  { "cp866", "IBM866" },
  { "csbig5", "BIG5-HKSCS" },
  { "cseuckr", "CP949" },
  { "cseucpkdfmtjapanese", "EUC-JP" },
  { "csgb2312", "GBK" },
  { "csibm866", "IBM866" },
  { "csiso2022jp", "ISO-2022-JP" },
  { "csiso58gb231280", "GBK" },
  { "csiso88596e", "ISO-8859-6" },
  { "csiso88596i", "ISO-8859-6" },
  { "csiso88598e", "ISO-8859-8" },
  { "csiso88598i", "ISO-8859-8" },
  { "csisolatin1", "WINDOWS-1252" },
  { "csisolatin2", "ISO-8859-2" },
  { "csisolatin3", "ISO-8859-3" },
  { "csisolatin4", "ISO-8859-4" },
  { "csisolatin5", "WINDOWS-1254" },
  { "csisolatin6", "ISO-8859-10" },
  { "csisolatin9", "ISO-8859-15" },
  { "csisolatinarabic", "ISO-8859-6" },
  { "csisolatincyrillic", "ISO-8859-5" },
  { "csisolatingreek", "ISO-8859-7" },
  { "csisolatinhebrew", "ISO-8859-8" },
  { "cskoi8r", "KOI8-R" },
  { "csksc56011987", "CP949" },
  { "csmacintosh", "MACINTOSH" },
  { "csshiftjis", "CP932" },
  { "csunicode", "UTF-16LE" },
  { "cyrillic", "ISO-8859-5" },
  { "dos-874", "WINDOWS-874" },
  { "ecma-114", "ISO-8859-6" },
  { "ecma-118", "ISO-8859-7" },
  { "elot_928", "ISO-8859-7" },
  { "euc-jp", "EUC-JP" },
  { "euc-kr", "CP949" },
  { "gb18030", "GB18030" },
  { "gb2312", "GBK" },
  { "gb_2312", "GBK" },
  { "gb_2312-80", "GBK" },
  { "gbk", "GBK" },
  { "greek", "ISO-8859-7" },
  { "greek8", "ISO-8859-7" },
  { "hebrew", "ISO-8859-8" },
  { "ibm819", "WINDOWS-1252" },
  { "ibm866", "IBM866" },
  { "iso-10646-ucs-2", "UTF-16LE" },
  { "iso-2022-jp", "ISO-2022-JP" },
  { "iso-8859-1", "WINDOWS-1252" },
  { "iso-8859-10", "ISO-8859-10" },
  { "iso-8859-11", "WINDOWS-874" },
  { "iso-8859-13", "ISO-8859-13" },
  { "iso-8859-14", "ISO-8859-14" },
  { "iso-8859-15", "ISO-8859-15" },
  { "iso-8859-16", "ISO-8859-16" },
  { "iso-8859-2", "ISO-8859-2" },
  { "iso-8859-3", "ISO-8859-3" },
  { "iso-8859-4", "ISO-8859-4" },
  { "iso-8859-5", "ISO-8859-5" },
  { "iso-8859-6", "ISO-8859-6" },
  { "iso-8859-6-e", "ISO-8859-6" },
  { "iso-8859-6-i", "ISO-8859-6" },
  { "iso-8859-7", "ISO-8859-7" },
  { "iso-8859-8", "ISO-8859-8" },
  { "iso-8859-8-e", "ISO-8859-8" },
  { "iso-8859-8-i", "ISO-8859-8" },
  { "iso-8859-9", "WINDOWS-1254" },
  { "iso-ir-100", "WINDOWS-1252" },
  { "iso-ir-101", "ISO-8859-2" },
  { "iso-ir-109", "ISO-8859-3" },
  { "iso-ir-110", "ISO-8859-4" },
  { "iso-ir-126", "ISO-8859-7" },
  { "iso-ir-127", "ISO-8859-6" },
  { "iso-ir-138", "ISO-8859-8" },
  { "iso-ir-144", "ISO-8859-5" },
  { "iso-ir-148", "WINDOWS-1254" },
  { "iso-ir-149", "CP949" },
  { "iso-ir-157", "ISO-8859-10" },
  { "iso-ir-58", "GBK" },
  { "iso8859-1", "WINDOWS-1252" },
  { "iso8859-10", "ISO-8859-10" },
  { "iso8859-11", "WINDOWS-874" },
  { "iso8859-13", "ISO-8859-13" },
  { "iso8859-14", "ISO-8859-14" },
  { "iso8859-15", "ISO-8859-15" },
  { "iso8859-2", "ISO-8859-2" },
  { "iso8859-3", "ISO-8859-3" },
  { "iso8859-4", "ISO-8859-4" },
  { "iso8859-5", "ISO-8859-5" },
  { "iso8859-6", "ISO-8859-6" },
  { "iso8859-7", "ISO-8859-7" },
  { "iso8859-8", "ISO-8859-8" },
  { "iso8859-9", "WINDOWS-1254" },
  { "iso88591", "WINDOWS-1252" },
  { "iso885910", "ISO-8859-10" },
  { "iso885911", "WINDOWS-874" },
  { "iso885913", "ISO-8859-13" },
  { "iso885914", "ISO-8859-14" },
  { "iso885915", "ISO-8859-15" },
  { "iso88592", "ISO-8859-2" },
  { "iso88593", "ISO-8859-3" },
  { "iso88594", "ISO-8859-4" },
  { "iso88595", "ISO-8859-5" },
  { "iso88596", "ISO-8859-6" },
  { "iso88597", "ISO-8859-7" },
  { "iso88598", "ISO-8859-8" },
  { "iso88599", "WINDOWS-1254" },
  { "iso_8859-1", "WINDOWS-1252" },
  { "iso_8859-15", "ISO-8859-15" },
  { "iso_8859-2", "ISO-8859-2" },
  { "iso_8859-5", "ISO-8859-5" },
  { "iso_8859-7", "ISO-8859-7" },
  { "iso_8859-9", "WINDOWS-1254" },
  { "koi", "KOI8-R" },
  { "koi8", "KOI8-R" },
  { "koi8-r", "KOI8-R" },
  { "koi8-ru", "KOI8-U" },
  { "koi8-u", "KOI8-U" },
  { "koi8_r", "KOI8-R" },
  { "korean", "CP949" },
  { "ks_c_5601-1987", "CP949" },
  { "ks_c_5601-1989", "CP949" },
  { "ksc5601", "CP949" },
  { "ksc_5601", "CP949" },
  { "l1", "WINDOWS-1252" },
  { "l2", "ISO-8859-2" },
  { "l3", "ISO-8859-3" },
  { "l4", "ISO-8859-4" },
  { "l5", "WINDOWS-1254" },
  { "l6", "ISO-8859-10" },
  { "l9", "ISO-8859-15" },
  { "latin1", "WINDOWS-1252" },
  { "latin2", "ISO-8859-2" },
  { "latin3", "ISO-8859-3" },
  { "latin4", "ISO-8859-4" },
  { "latin5", "WINDOWS-1254" },
  { "latin6", "ISO-8859-10" },
  { "logical", "ISO-8859-8" },
  { "mac", "MACINTOSH" },
  { "macintosh", "MACINTOSH" },
  { "ms932", "CP932" },
  { "ms_kanji", "CP932" },
  { "shift-jis", "CP932" },
  { "shift_jis", "CP932" },
  { "sjis", "CP932" },
  { "sun_eu_greek", "ISO-8859-7" },
  { "tis-620", "WINDOWS-874" },
  { "ucs-2", "UTF-16LE" },
  { "unicode", "UTF-16LE" },
  { "unicode-1-1-utf-8", "UTF-8" },
  { "unicode11utf8", "UTF-8" },
  { "unicode20utf8", "UTF-8" },
  { "unicodefeff", "UTF-16LE" },
  { "unicodefffe", "UTF-16BE" },
  { "us-ascii", "WINDOWS-1252" },
  { "utf-16", "UTF-16LE" },
  { "utf-16be", "UTF-16BE" },
  { "utf-16le", "UTF-16LE" },
  { "utf-8", "UTF-8" },
  { "utf8", "UTF-8" },
  { "visual", "ISO-8859-8" },
  { "windows-1250", "WINDOWS-1250" },
  { "windows-1251", "WINDOWS-1251" },
  { "windows-1252", "WINDOWS-1252" },
  { "windows-1253", "WINDOWS-1253" },
  { "windows-1254", "WINDOWS-1254" },
  { "windows-1255", "WINDOWS-1255" },
  { "windows-1256", "WINDOWS-1256" },
  { "windows-1257", "WINDOWS-1257" },
  { "windows-1258", "WINDOWS-1258" },
  { "windows-31j", "CP932" },
  { "windows-874", "WINDOWS-874" },
  { "windows-949", "CP949" },
  { "x-cp1250", "WINDOWS-1250" },
  { "x-cp1251", "WINDOWS-1251" },
  { "x-cp1252", "WINDOWS-1252" },
  { "x-cp1253", "WINDOWS-1253" },
  { "x-cp1254", "WINDOWS-1254" },
  { "x-cp1255", "WINDOWS-1255" },
  { "x-cp1256", "WINDOWS-1256" },
  { "x-cp1257", "WINDOWS-1257" },
  { "x-cp1258", "WINDOWS-1258" },
  { "x-euc-jp", "EUC-JP" },
  { "x-gbk", "GBK" },
  { "x-mac-cyrillic", "MAC-CYRILLIC" },
  { "x-mac-roman", "MACINTOSH" },
  { "x-mac-ukrainian", "MAC-CYRILLIC" },
  { "x-sjis", "CP932" },
  { "x-unicode20utf8", "UTF-8" },
  { "x-x-big5", "BIG5-HKSCS" },
};

static int
compare_label (const void *key,
               const void *element)
{
  return strcmp (key, ((const CharsetLabel *) element)->label);
}

const char *
curator_charset_from_label (const char *label)
{
  g_autofree char *lower = NULL;
  const CharsetLabel *found;

  g_return_val_if_fail (label != NULL, NULL);

  /* Labels are matched without surrounding ASCII white space and case. */
  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  /* Quotes are allowed around a value in a Content-Type. */
  if (lower[0] == '"' || lower[0] == '\'')
    {
      gsize len = strlen (lower);

      memmove (lower, lower + 1, len);
      len--;
      if (len > 0 && (lower[len - 1] == '"' || lower[len - 1] == '\''))
        lower[len - 1] = '\0';
      g_strstrip (lower);
    }

  found = bsearch (lower, labels, G_N_ELEMENTS (labels), sizeof labels[0], compare_label);
  return found != NULL ? found->iconv_name : NULL;
}

/* The value after "charset=" in @text (a Content-Type, or the content of a
 * meta http-equiv), up to ';', white space or a quote. */
static char *
charset_parameter (const char *text,
                   gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p + 7 <= end; p++)
    {
      const char *value, *stop;

      if (g_ascii_strncasecmp (p, "charset", 7) != 0)
        continue;
      value = p + 7;
      while (value < end && g_ascii_isspace (*value))
        value++;
      if (value >= end || *value != '=')
        continue;
      value++;
      while (value < end && g_ascii_isspace (*value))
        value++;
      if (value < end && (*value == '"' || *value == '\''))
        {
          char quote = *value++;

          stop = memchr (value, quote, end - value);
          if (stop == NULL)
            return NULL;
        }
      else
        {
          stop = value;
          while (stop < end && *stop != ';' && !g_ascii_isspace (*stop) &&
                 *stop != '"' && *stop != '\'')
            stop++;
        }
      if (stop == value)
        return NULL;
      return g_strndup (value, stop - value);
    }

  return NULL;
}

char *
curator_charset_from_content_type (const char *content_type)
{
  if (content_type == NULL)
    return NULL;
  return charset_parameter (content_type, strlen (content_type));
}

static gboolean
is_tag_end (char c)
{
  return g_ascii_isspace (c) || c == '/' || c == '>';
}

/* Reads one attribute of a tag at @p (the HTML standard's "get an
 * attribute" of the prescan, simplified). Returns where it ends, or NULL at
 * the end of the tag. */
static const char *
read_attribute (const char  *p,
                const char  *end,
                char       **name,
                char       **value)
{
  const char *start;

  while (p < end && (g_ascii_isspace (*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    return NULL;

  start = p;
  while (p < end && *p != '=' && !is_tag_end (*p))
    p++;
  *name = g_ascii_strdown (start, p - start);
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p != '=')
    {
      *value = g_strdup ("");
      return p;
    }
  p++;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p < end && (*p == '"' || *p == '\''))
    {
      char quote = *p++;

      start = p;
      while (p < end && *p != quote)
        p++;
      *value = g_strndup (start, p - start);
      return p < end ? p + 1 : p;
    }
  start = p;
  while (p < end && !g_ascii_isspace (*p) && *p != '>')
    p++;
  *value = g_strndup (start, p - start);
  return p;
}

/* The charset of a <meta> tag whose attributes start at @p, or NULL. */
static const char *
meta_charset (const char *p,
              const char *end)
{
  g_autofree char *charset = NULL;
  g_autofree char *content = NULL;
  gboolean http_equiv = FALSE;
  char *name, *value;

  while ((p = read_attribute (p, end, &name, &value)) != NULL)
    {
      if (strcmp (name, "charset") == 0 && charset == NULL)
        charset = g_steal_pointer (&value);
      else if (strcmp (name, "content") == 0 && content == NULL)
        content = g_steal_pointer (&value);
      else if (strcmp (name, "http-equiv") == 0)
        http_equiv = g_ascii_strcasecmp (value, "content-type") == 0;
      g_free (name);
      g_free (value);
    }

  if (charset == NULL && http_equiv && content != NULL)
    charset = charset_parameter (content, strlen (content));
  if (charset == NULL)
    return NULL;
  return curator_charset_from_label (charset);
}

/* The prescan of the HTML standard: the first <meta> that names a charset,
 * skipping comments and the insides of other tags. */
static const char *
prescan (const char *data,
         gsize       length)
{
  const char *end = data + MIN (length, META_SCAN_LIMIT);
  const char *p = data;

  while (p < end)
    {
      p = memchr (p, '<', end - p);
      if (p == NULL)
        break;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          if (close == NULL)
            break;
          p = close + 3;
        }
      else if (end - p >= 6 && g_ascii_strncasecmp (p, "<meta", 5) == 0 &&
               (g_ascii_isspace (p[5]) || p[5] == '/'))
        {
          const char *tag_end = memchr (p, '>', end - p);
          const char *charset = meta_charset (p + 5, tag_end != NULL ? tag_end : end);

          /* A page that says UTF-16 in ASCII bytes is not UTF-16. */
          if (charset != NULL && g_str_has_prefix (charset, "UTF-16"))
            charset = "UTF-8";
          if (charset != NULL)
            return charset;
          p = tag_end != NULL ? tag_end + 1 : end;
        }
      else if (end - p >= 5 && g_ascii_strncasecmp (p, "<body", 5) == 0 && is_tag_end (p[5]))
        {
          break;
        }
      else
        {
          p++;
        }
    }

  return NULL;
}

static gboolean
has_utf8_sequences (const char *data,
                    gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

const char *
curator_charset_detect_html (const char *data,
                             gsize       length,
                             const char *content_type)
{
  g_autofree char *header_label = NULL;
  const char *charset;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return "UTF-8";
  if (length >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    return "UTF-16LE";
  if (length >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    return "UTF-16BE";

  header_label = curator_charset_from_content_type (content_type);
  if (header_label != NULL && (charset = curator_charset_from_label (header_label)) != NULL)
    return charset;

  /* A page saved as UTF-8 often keeps the <meta> of its legacy charset:
   * bytes beyond ASCII that are valid UTF-8 are almost never text in
   * another charset, so they win over the <meta> (not over the header). */
  if ((charset = prescan (data, length)) != NULL)
    {
      if (strcmp (charset, "UTF-8") != 0 && has_utf8_sequences (data, length) &&
          g_utf8_validate_len (data, length, NULL))
        return "UTF-8";
      return charset;
    }

  if (g_utf8_validate_len (data, length, NULL))
    return "UTF-8";
  return "WINDOWS-1252";
}

static void
append_replacement (GString *out)
{
  g_string_append (out, "\xEF\xBF\xBD");
}

/* UTF-8 input: valid sequences copied, anything else replaced. */
static void
sanitize_utf8 (GString    *out,
               const char *data,
               gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const char *valid_end;

      if (g_utf8_validate_len (p, end - p, &valid_end))
        valid_end = end;
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;
      if (p < end)
        {
          /* A NUL is valid UTF-8 but ends C strings: replace it too. */
          append_replacement (out);
          p++;
        }
    }
}

char *
curator_charset_to_utf8 (const char *data,
                         gsize       length,
                         const char *charset,
                         gsize      *out_length)
{
  GString *out;
  GIConv conv;
  const char *in;
  gsize in_left;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (charset != NULL, NULL);

  out = g_string_sized_new (length + length / 4 + 16);

  if (g_ascii_strcasecmp (charset, "UTF-8") == 0)
    {
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          length -= 3;
        }
      sanitize_utf8 (out, data, length);
      goto done;
    }

  if (g_str_has_prefix (charset, "UTF-16") && length >= 2 &&
      (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      data += 2;
      length -= 2;
    }

  conv = g_iconv_open ("UTF-8", charset);
  if (conv == (GIConv) -1)
    {
      /* Only reached for a name curator_charset_from_label() does not
       * give: read it as windows-1252, as a browser would. */
      conv = g_iconv_open ("UTF-8", "WINDOWS-1252");
      g_assert (conv != (GIConv) -1);
    }

  in = data;
  in_left = length;
  while (in_left > 0)
    {
      char buffer[4096];
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize result = g_iconv (conv, (char **) &in, &in_left, &outp, &out_left);
      int saved_errno = errno;

      g_string_append_len (out, buffer, outp - buffer);
      if (result != (gsize) -1)
        continue;

      if (saved_errno == E2BIG)
        continue;
      /* EILSEQ: an invalid byte; EINVAL: a truncated sequence at the end.
       * Either way one byte is skipped and shown as U+FFFD. */
      append_replacement (out);
      in++;
      in_left--;
      g_iconv (conv, NULL, NULL, NULL, NULL);
    }
  g_iconv_close (conv);

  /* The converted text may hold NULs (from NUL bytes in the input). */
  if (memchr (out->str, '\0', out->len) != NULL)
    {
      GString *clean = g_string_sized_new (out->len);

      sanitize_utf8 (clean, out->str, out->len);
      g_string_free (out, TRUE);
      out = clean;
    }

done:
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

char *
curator_charset_decode_html (const char  *data,
                             gsize        length,
                             const char  *content_type,
                             const char **charset_out,
                             gsize       *out_length)
{
  const char *charset = curator_charset_detect_html (data, length, content_type);

  if (charset_out != NULL)
    *charset_out = charset;
  return curator_charset_to_utf8 (data, length, charset, out_length);
}
