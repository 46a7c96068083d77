/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-folder-item"

#include "config.h"

#include "curator-folder-item.h"
#include "curator-folder-index-private.h"

#include <stdlib.h>
#include <string.h>

struct _CuratorFolderItem
{
  GObject                  parent_instance;

  CuratorFolderIndexEntry *entry;
  /* Shared by the items of one folder (an interned GRefString). */
  char                    *section;
  /* Folded title, file name, tags and description, one per line: the
   * title first, so that it also orders by title. */
  char                    *search_text;
  gint64                   date_value;   /* seconds since the epoch; G_MININT64 if none */
  CuratorFileStamp         stamp;        /* of the bytes the entry was read from */
  guint                    revision;
};

/* Every entry an item takes gets a revision of its own, in all items. */
static gint last_revision;

G_DEFINE_FINAL_TYPE (CuratorFolderItem, curator_folder_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CuratorFolderSort, curator_folder_sort,
                    G_DEFINE_ENUM_VALUE (CURATOR_FOLDER_SORT_TITLE, "title"),
                    G_DEFINE_ENUM_VALUE (CURATOR_FOLDER_SORT_DATE, "date"),
                    G_DEFINE_ENUM_VALUE (CURATOR_FOLDER_SORT_MODIFIED, "modified"),
                    G_DEFINE_ENUM_VALUE (CURATOR_FOLDER_SORT_SECTION, "section"))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fold_append (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0';)
    {
      guchar c = (guchar) *p;

      if (c < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (c));
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, -1);
          gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n;

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              p++;
              continue;
            }
          p = g_utf8_next_char (p);
          /* The base letters without their accents (compatibility forms
           * too: "ﬁ" is "fi", "é" is "e" + U+0301). */
          n = g_unichar_fully_decompose (u, TRUE, decomposed, G_N_ELEMENTS (decomposed));
          for (gsize i = 0; i < n; i++)
            if (!g_unichar_ismark (decomposed[i]))
              g_string_append_unichar (out, g_unichar_tolower (decomposed[i]));
        }
    }
}

char *
curator_fold_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  fold_append (out, text);
  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *text,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* A date as written in front matter (2020-09-14, 2020-09-14T09:59:06Z,
 * with an offset or fractions) as seconds since the epoch, for sorting. A
 * time without a zone is taken as UTC. */
static gint64
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) date_time = NULL;

  if (text == NULL || strlen (text) < 10 || !all_digits (text, 4) || text[4] != '-' ||
      !all_digits (text + 5, 2) || text[7] != '-' || !all_digits (text + 8, 2))
    return G_MININT64;

  utc = g_time_zone_new_utc ();
  if (text[10] != '\0')
    {
      g_autofree char *iso = g_strdup (text);

      /* YAML also allows a space between date and time. */
      if (iso[10] == ' ')
        iso[10] = 'T';
      date_time = g_date_time_new_from_iso8601 (iso, utc);
    }
  if (date_time == NULL)
    date_time = g_date_time_new (utc, atoi (text), atoi (text + 5), atoi (text + 8), 0, 0, 0);
  return date_time != NULL ? g_date_time_to_unix (date_time) : G_MININT64;
}

static void
curator_folder_item_set_entry_internal (CuratorFolderItem       *self,
                                        CuratorFolderIndexEntry *entry)
{
  const char *slash = strrchr (entry->path, '/');
  g_autofree char *section = slash != NULL ? g_strndup (entry->path, slash - entry->path) : g_strdup ("");
  GString *search = g_string_sized_new (128);

  /* The path string stays the same for the item's life: the folder
   * model's threads read it without a lock. */
  if (self->entry != NULL && strcmp (self->entry->path, entry->path) == 0)
    {
      g_free (entry->path);
      entry->path = g_steal_pointer (&self->entry->path);
    }
  g_clear_pointer (&self->entry, curator_folder_index_entry_free);
  self->entry = entry;

  if (self->section == NULL || strcmp (self->section, section) != 0)
    {
      g_clear_pointer (&self->section, g_ref_string_release);
      self->section = g_ref_string_new_intern (section);
    }

  fold_append (search, curator_folder_item_get_title (self));
  g_string_append_c (search, '\n');
  fold_append (search, curator_folder_item_get_name (self));
  for (guint i = 0; entry->tags[i] != NULL; i++)
    {
      g_string_append_c (search, '\n');
      fold_append (search, entry->tags[i]);
    }
  if (entry->description != NULL)
    {
      g_string_append_c (search, '\n');
      fold_append (search, entry->description);
    }
  g_free (self->search_text);
  self->search_text = g_string_free (search, FALSE);
  self->revision = (guint) g_atomic_int_add (&last_revision, 1) + 1;

  self->date_value = parse_date (entry->date);
}

static void
curator_folder_item_finalize (GObject *object)
{
  CuratorFolderItem *self = (CuratorFolderItem *)object;

  g_clear_pointer (&self->entry, curator_folder_index_entry_free);
  g_clear_pointer (&self->section, g_ref_string_release);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (curator_folder_item_parent_class)->finalize (object);
}

static void
curator_folder_item_class_init (CuratorFolderItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = curator_folder_item_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
curator_folder_item_init (CuratorFolderItem *self)
{
}

CuratorFolderItem *
curator_folder_item_new (CuratorFolderIndexEntry *entry)
{
  CuratorFolderItem *self;

  g_return_val_if_fail (entry != NULL && entry->path != NULL, NULL);

  self = g_object_new (CURATOR_TYPE_FOLDER_ITEM, NULL);
  curator_folder_item_set_entry_internal (self, entry);
  return self;
}

const CuratorFolderIndexEntry *
curator_folder_item_get_entry (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  return self->entry;
}

const char *
curator_folder_item_get_path (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  return self->entry->path;
}

const char *
curator_folder_item_get_name (CuratorFolderItem *self)
{
  const char *slash;

  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  slash = strrchr (self->entry->path, '/');
  return slash != NULL ? slash + 1 : self->entry->path;
}

const char *
curator_folder_item_get_title (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  if (self->entry->title != NULL && self->entry->title[0] != '\0')
    return self->entry->title;
  return curator_folder_item_get_name (self);
}

const char *
curator_folder_item_get_section (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  return self->section;
}

const char *
curator_folder_item_get_date (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  return self->entry->date;
}

gint64
curator_folder_item_get_mtime (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), 0);

  return self->entry->mtime;
}

gboolean
curator_folder_item_get_draft (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), FALSE);

  return self->entry->draft;
}

gboolean
curator_folder_item_has_tag (CuratorFolderItem *self,
                             const char        *tag)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->entry->tags, tag);
}

const GError *
curator_folder_item_get_problem (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), NULL);

  return self->entry->error != NULL ? self->entry->error : self->entry->warning;
}

gboolean
curator_folder_item_get_refused (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), FALSE);

  return self->entry->error != NULL;
}

gboolean
curator_folder_item_matches (CuratorFolderItem  *self,
                             const char * const *words)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), FALSE);
  g_return_val_if_fail (words != NULL, FALSE);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (self->search_text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The folded titles: the search text up to its first line break. */
static int
compare_titles (const char *a,
                const char *b)
{
  while (*a == *b && *a != '\n')
    {
      a++;
      b++;
    }
  return (*a == '\n' ? 0 : (guchar) *a) - (*b == '\n' ? 0 : (guchar) *b);
}

guint
curator_folder_item_get_revision (CuratorFolderItem *self)
{
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), 0);

  return self->revision;
}

int
curator_folder_item_compare (CuratorFolderItem *a,
                             CuratorFolderItem *b,
                             CuratorFolderSort  sort)
{
  int result = 0;

  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (a), 0);
  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (b), 0);

  switch (sort)
    {
    case CURATOR_FOLDER_SORT_DATE:
      result = (a->date_value < b->date_value) - (a->date_value > b->date_value);
      break;
    case CURATOR_FOLDER_SORT_MODIFIED:
      result = (a->entry->mtime < b->entry->mtime) - (a->entry->mtime > b->entry->mtime);
      break;
    case CURATOR_FOLDER_SORT_SECTION:
      /* Interned: the same folder is the same pointer. */
      if (a->section != b->section)
        result = strcmp (a->section, b->section);
      break;
    case CURATOR_FOLDER_SORT_TITLE:
    default:
      break;
    }

  if (result == 0)
    result = compare_titles (a->search_text, b->search_text);
  if (result == 0)
    result = strcmp (a->entry->path, b->entry->path);
  return result;
}

static gboolean
entries_listed_alike (const CuratorFolderIndexEntry *a,
                      const CuratorFolderIndexEntry *b)
{
  const GError *a_problem = a->error != NULL ? a->error : a->warning;
  const GError *b_problem = b->error != NULL ? b->error : b->warning;

  return strcmp (a->path, b->path) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->date, b->date) == 0 &&
         g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->draft == b->draft &&
         a->kind == b->kind &&
         a->mtime == b->mtime &&
         (a->error == NULL) == (b->error == NULL) &&
         (a_problem == NULL) == (b_problem == NULL) &&
         (a_problem == NULL || strcmp (a_problem->message, b_problem->message) == 0);
}

gboolean
curator_folder_item_set_entry (CuratorFolderItem       *self,
                               CuratorFolderIndexEntry *entry)
{
  gboolean same;

  g_return_val_if_fail (CURATOR_IS_FOLDER_ITEM (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->path != NULL, FALSE);

  same = entries_listed_alike (self->entry, entry);
  curator_folder_item_set_entry_internal (self, entry);
  if (!same)
    g_signal_emit (self, signals[CHANGED], 0);
  return !same;
}

const CuratorFileStamp *
_curator_folder_item_get_stamp (CuratorFolderItem *self)
{
  return &self->stamp;
}

void
_curator_folder_item_set_stamp (CuratorFolderItem      *self,
                                const CuratorFileStamp *stamp)
{
  self->stamp = *stamp;
}
