/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-library-filter"

#include "config.h"

#include "curator-library-filter.h"

#include <string.h>

/* What an item is known to give for the searches of the chain. */
typedef struct
{
  guint    revision;  /* the item's, when this was learnt */
  guint16  matching;  /* the searches up to this one (1-based) match; 0: none known */
  guint16  failing;   /* from this one on they do not; 0: none known */
} Known;

struct _CuratorLibraryFilter
{
  GtkFilter   parent_instance;

  char       *search;
  /* The search folded (curator_fold_text), and its words. */
  char       *folded;
  char      **words;
  /* The folded searches typed since the last that was not the one
   * before it extended or cut short ("", "c", "ch", …, this one last),
   * and what each item gave for them (CuratorFolderItem → Known): erasing
   * back to one of them answers from this instead of searching again
   * every file the longer search left out. */
  GPtrArray  *chain;
  GHashTable *known;
  gboolean    problems;
  gboolean    drafts;
  char       *tag;
  char       *section;
};

G_DEFINE_FINAL_TYPE (CuratorLibraryFilter, curator_library_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_PROBLEMS,
  PROP_DRAFTS,
  PROP_TAG,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Whether the words of the search are all in @item's listing text. */
static gboolean
words_match (CuratorLibraryFilter *self,
             CuratorFolderItem    *item)
{
  guint at = self->chain->len;
  guint revision = curator_folder_item_get_revision (item);
  Known *known;
  gboolean matches;

  if (self->words[0] == NULL)
    return TRUE;

  known = g_hash_table_lookup (self->known, item);
  if (known == NULL)
    {
      known = g_new0 (Known, 1);
      g_hash_table_insert (self->known, item, known);
    }
  else if (known->revision != revision)
    known->matching = known->failing = 0;
  else if (known->matching >= at)
    return TRUE;
  else if (known->failing != 0 && known->failing <= at)
    return FALSE;
  known->revision = revision;

  matches = curator_folder_item_matches (item, (const char * const *) self->words);
  if (matches)
    known->matching = at;
  else if (known->failing == 0 || at < known->failing)
    known->failing = at;
  return matches;
}

/* Starts a chain at @folded: nothing is known of it yet. */
static void
restart_chain (CuratorLibraryFilter *self,
               const char           *folded)
{
  g_ptr_array_set_size (self->chain, 0);
  g_ptr_array_add (self->chain, g_strdup (folded));
  g_hash_table_remove_all (self->known);
}

/* Goes back to the search @folded, cut short from the last: to where the
 * chain had it, forgetting what came after it (the next searches may
 * differ); or a new chain when it is not there. */
static void
cut_chain (CuratorLibraryFilter *self,
           const char           *folded)
{
  GHashTableIter iter;
  Known *known;
  guint at = self->chain->len;

  while (at > 1 && strcmp (g_ptr_array_index (self->chain, at - 1), folded) != 0)
    at--;
  if (strcmp (g_ptr_array_index (self->chain, at - 1), folded) != 0)
    {
      restart_chain (self, folded);
      return;
    }

  g_ptr_array_set_size (self->chain, at);
  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &known))
    {
      known->matching = MIN (known->matching, at);
      if (known->failing > at)
        known->failing = 0;
    }
}

static gboolean
curator_library_filter_match (GtkFilter *filter,
                              gpointer   object)
{
  CuratorLibraryFilter *self = CURATOR_LIBRARY_FILTER (filter);
  CuratorFolderItem *item = object;

  if (self->problems && curator_folder_item_get_problem (item) == NULL)
    return FALSE;
  if (self->drafts && !curator_folder_item_get_draft (item))
    return FALSE;
  if (self->section != NULL && strcmp (curator_folder_item_get_section (item), self->section) != 0)
    return FALSE;
  if (self->tag != NULL && !curator_folder_item_has_tag (item, self->tag))
    return FALSE;
  return words_match (self, item);
}

static GtkFilterMatch
curator_library_filter_get_strictness (GtkFilter *filter)
{
  CuratorLibraryFilter *self = CURATOR_LIBRARY_FILTER (filter);

  if (self->words[0] == NULL && !self->problems && !self->drafts && self->tag == NULL && self->section == NULL)
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

static void
curator_library_filter_finalize (GObject *object)
{
  CuratorLibraryFilter *self = (CuratorLibraryFilter *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->section, g_free);

  G_OBJECT_CLASS (curator_library_filter_parent_class)->finalize (object);
}

static void
curator_library_filter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CuratorLibraryFilter *self = CURATOR_LIBRARY_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_PROBLEMS:
      g_value_set_boolean (value, self->problems);
      break;
    case PROP_DRAFTS:
      g_value_set_boolean (value, self->drafts);
      break;
    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;
    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_filter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CuratorLibraryFilter *self = CURATOR_LIBRARY_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      curator_library_filter_set_search (self, g_value_get_string (value));
      break;
    case PROP_PROBLEMS:
      curator_library_filter_set_problems (self, g_value_get_boolean (value));
      break;
    case PROP_DRAFTS:
      curator_library_filter_set_drafts (self, g_value_get_boolean (value));
      break;
    case PROP_TAG:
      curator_library_filter_set_tag (self, g_value_get_string (value));
      break;
    case PROP_SECTION:
      curator_library_filter_set_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_library_filter_class_init (CuratorLibraryFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = curator_library_filter_finalize;
  object_class->get_property = curator_library_filter_get_property;
  object_class->set_property = curator_library_filter_set_property;
  filter_class->match = curator_library_filter_match;
  filter_class->get_strictness = curator_library_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROBLEMS] =
    g_param_spec_boolean ("problems", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DRAFTS] =
    g_param_spec_boolean ("drafts", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TAG] =
    g_param_spec_string ("tag", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
curator_library_filter_init (CuratorLibraryFilter *self)
{
  self->search = g_strdup ("");
  self->folded = g_strdup ("");
  self->words = g_new0 (char *, 1);
  self->chain = g_ptr_array_new_with_free_func (g_free);
  self->known = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_ptr_array_add (self->chain, g_strdup (""));
}

CuratorLibraryFilter *
curator_library_filter_new (void)
{
  return g_object_new (CURATOR_TYPE_LIBRARY_FILTER, NULL);
}

const char *
curator_library_filter_get_search (CuratorLibraryFilter *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_FILTER (self), NULL);

  return self->search;
}

void
curator_library_filter_set_search (CuratorLibraryFilter *self,
                                   const char           *search)
{
  g_autofree char *folded = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) split = NULL;
  GtkFilterChange change;

  g_return_if_fail (CURATOR_IS_LIBRARY_FILTER (self));

  if (search == NULL)
    search = "";
  if (strcmp (search, self->search) == 0)
    return;

  folded = curator_fold_text (search);
  split = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_strv_builder_add (builder, split[i]);

  /* "car" to "care" or "care m": each row shown now passes the old
   * search too, so only those are looked at again. */
  if (g_str_has_prefix (folded, self->folded))
    {
      change = GTK_FILTER_CHANGE_MORE_STRICT;
      if (self->chain->len < G_MAXUINT16)
        g_ptr_array_add (self->chain, g_strdup (folded));
      else
        restart_chain (self, folded);
    }
  else if (g_str_has_prefix (self->folded, folded))
    {
      change = GTK_FILTER_CHANGE_LESS_STRICT;
      cut_chain (self, folded);
    }
  else
    {
      change = GTK_FILTER_CHANGE_DIFFERENT;
      restart_chain (self, folded);
    }

  g_free (self->search);
  self->search = g_strdup (search);
  g_free (self->folded);
  self->folded = g_steal_pointer (&folded);
  g_strfreev (self->words);
  self->words = g_strv_builder_end (builder);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

gboolean
curator_library_filter_get_problems (CuratorLibraryFilter *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_FILTER (self), FALSE);

  return self->problems;
}

void
curator_library_filter_set_problems (CuratorLibraryFilter *self,
                                     gboolean              problems)
{
  g_return_if_fail (CURATOR_IS_LIBRARY_FILTER (self));

  problems = !!problems;
  if (self->problems == problems)
    return;
  self->problems = problems;
  gtk_filter_changed (GTK_FILTER (self), problems ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}

gboolean
curator_library_filter_get_drafts (CuratorLibraryFilter *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_FILTER (self), FALSE);

  return self->drafts;
}

void
curator_library_filter_set_drafts (CuratorLibraryFilter *self,
                                   gboolean              drafts)
{
  g_return_if_fail (CURATOR_IS_LIBRARY_FILTER (self));

  drafts = !!drafts;
  if (self->drafts == drafts)
    return;
  self->drafts = drafts;
  gtk_filter_changed (GTK_FILTER (self), drafts ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFTS]);
}

/* Sets *@slot to @value; the filter change it makes. */
static GtkFilterChange
set_limit (char       **slot,
           const char  *value)
{
  GtkFilterChange change = *slot == NULL ? GTK_FILTER_CHANGE_MORE_STRICT :
                           value == NULL ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_DIFFERENT;

  g_free (*slot);
  *slot = g_strdup (value);
  return change;
}

const char *
curator_library_filter_get_tag (CuratorLibraryFilter *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_FILTER (self), NULL);

  return self->tag;
}

void
curator_library_filter_set_tag (CuratorLibraryFilter *self,
                                const char           *tag)
{
  g_return_if_fail (CURATOR_IS_LIBRARY_FILTER (self));

  if (g_strcmp0 (self->tag, tag) == 0)
    return;
  gtk_filter_changed (GTK_FILTER (self), set_limit (&self->tag, tag));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
}

const char *
curator_library_filter_get_section (CuratorLibraryFilter *self)
{
  g_return_val_if_fail (CURATOR_IS_LIBRARY_FILTER (self), NULL);

  return self->section;
}

void
curator_library_filter_set_section (CuratorLibraryFilter *self,
                                    const char           *section)
{
  g_return_if_fail (CURATOR_IS_LIBRARY_FILTER (self));

  if (g_strcmp0 (self->section, section) == 0)
    return;
  gtk_filter_changed (GTK_FILTER (self), set_limit (&self->section, section));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}
