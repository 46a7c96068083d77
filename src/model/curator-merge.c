/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-merge"

#include "config.h"

#include "curator-merge.h"

#include <glib/gi18n.h>
#include <string.h>

#include "curator-error.h"
#include "curator-key-path.h"
#include "curator-node.h"

/* A three-way merge: the base is what the document was loaded from (its
 * saved bytes), "ours" its edits, "theirs" the file on disk now. The
 * front matter (with its delimiters) and the body are each taken whole
 * from the side that changed them. When both changed the front matter,
 * each side's changes are the key paths where its data differs from the
 * base: recursing into mappings, a list or a scalar compared whole (by
 * its JSON). Paths of both sides that overlap are conflicts; otherwise
 * our changes are set, added or removed in a document loaded from their
 * bytes. */

static CuratorDocument *
load (GBytes  *bytes,
      GError **error)
{
  g_autoptr(CuratorDocument) document = curator_document_new (NULL);

  if (!curator_document_load_from_bytes (document, bytes, error))
    return NULL;
  return g_steal_pointer (&document);
}

static gboolean
same_data (const CuratorNode *a,
           const CuratorNode *b)
{
  g_autofree char *x = curator_node_to_json (a, FALSE);
  g_autofree char *y = curator_node_to_json (b, FALSE);

  return g_strcmp0 (x, y) == 0;
}

static char *
child_path (const char *parent,
            const char *key)
{
  GString *path = g_string_new (parent);

  curator_key_path_append_key (path, key);
  return g_string_free (path, FALSE);
}

/* Adds the key paths under @path where @changed differs from @base. */
static void
collect_changes (const CuratorNode *base,
                 const CuratorNode *changed,
                 const char        *path,
                 GPtrArray         *paths)
{
  if (base != NULL && changed != NULL &&
      curator_node_get_kind (base) == CURATOR_NODE_MAPPING &&
      curator_node_get_kind (changed) == CURATOR_NODE_MAPPING)
    {
      for (guint i = 0; i < curator_node_get_n_children (base); i++)
        {
          const char *key = curator_node_get_key (base, i);
          g_autofree char *key_path = child_path (path, key);

          collect_changes (curator_node_get_child (base, i), curator_node_lookup_key (changed, key),
                           key_path, paths);
        }
      for (guint i = 0; i < curator_node_get_n_children (changed); i++)
        {
          const char *key = curator_node_get_key (changed, i);

          if (curator_node_lookup_key (base, key) == NULL)
            g_ptr_array_add (paths, child_path (path, key));
        }
      return;
    }

  if (base == NULL || changed == NULL || !same_data (base, changed))
    g_ptr_array_add (paths, g_strdup (path));
}

/* One path is the other, or inside it. */
static gboolean
overlap (const char *a,
         const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  gsize shorter = MIN (la, lb);
  const char *longer = la > lb ? a : b;

  return strncmp (a, b, shorter) == 0 &&
         (la == lb || shorter == 0 || longer[shorter] == '.' || longer[shorter] == '[');
}

static const CuratorNode *
lookup (CuratorDocument *document,
        const char      *path)
{
  return path[0] == '\0' ? curator_document_get_root (document)
                         : curator_document_lookup (document, path, NULL);
}

/* Sets @path in @target to @node's data, as the model writes values. */
static gboolean
apply (CuratorDocument   *target,
       const char        *path,
       const CuratorNode *node,
       GError           **error)
{
  if (node == NULL)
    return lookup (target, path) == NULL || curator_document_unset (target, path, error);

  if (curator_node_get_kind (node) == CURATOR_NODE_SCALAR)
    return curator_document_set_value (target, path, curator_node_get_value (node),
                                       curator_node_get_scalar_type (node), error);
  {
    g_autofree char *json = curator_node_to_json (node, FALSE);

    return curator_document_set_json (target, path, json, error);
  }
}

/* The file in two parts: what comes before the body (BOM, delimiters,
 * front matter) and the body. */
typedef struct
{
  GBytes *head;
  char   *body;
} Parts;

/* The length of @head without the line ending of its closing delimiter:
 * a body typed after a delimiter at the end of the file gives it one
 * (curator_document_set_body()), which is no change of the front matter. */
static gsize
head_length (GBytes *head)
{
  gsize length;
  const char *data = g_bytes_get_data (head, &length);

  if (length > 0 && data[length - 1] == '\n')
    length--;
  if (length > 0 && data[length - 1] == '\r')
    length--;
  return length;
}

static gboolean
same_head (GBytes *a,
           GBytes *b)
{
  gsize length = head_length (a);

  return length == head_length (b) &&
         (length == 0 || memcmp (g_bytes_get_data (a, NULL), g_bytes_get_data (b, NULL), length) == 0);
}

/* Appends @head's closing line ending, if it has one. */
static gboolean
append_line_ending (GByteArray *out,
                    GBytes     *head)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (head, &length);
  gsize start = head_length (head);

  g_byte_array_append (out, data + start, length - start);
  return start < length;
}

static void
parts_init (Parts           *parts,
            CuratorDocument *document)
{
  g_autoptr(GBytes) bytes = curator_document_serialize (document);

  parts->body = curator_document_dup_body (document);
  parts->head = g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) - strlen (parts->body));
}

static void
parts_clear (Parts *parts)
{
  g_clear_pointer (&parts->head, g_bytes_unref);
  g_clear_pointer (&parts->body, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parts, parts_clear)

/* Adds to @clashes the fields both sides changed differently; the paths
 * @self changed go to @our_paths. */
static void
compare_fields (CuratorDocument *self,
                CuratorDocument *base,
                CuratorDocument *theirs,
                GPtrArray       *our_paths,
                GStrvBuilder    *clashes,
                gboolean        *any_clash)
{
  g_autoptr(GPtrArray) their_paths = g_ptr_array_new_with_free_func (g_free);

  collect_changes (curator_document_get_root (base), curator_document_get_root (self), "", our_paths);
  collect_changes (curator_document_get_root (base), curator_document_get_root (theirs), "", their_paths);

  for (guint i = 0; i < our_paths->len; i++)
    for (guint j = 0; j < their_paths->len; j++)
      {
        const char *ours = g_ptr_array_index (our_paths, i);
        const char *them = g_ptr_array_index (their_paths, j);

        /* Both made the same change: nothing to choose. */
        if (overlap (ours, them) && !(g_str_equal (ours, them) &&
                                      lookup (self, ours) != NULL && lookup (theirs, them) != NULL &&
                                      same_data (lookup (self, ours), lookup (theirs, them))))
          {
            g_strv_builder_add (clashes, ours);
            *any_clash = TRUE;
            break;
          }
      }
}

GBytes *
curator_document_merge_onto (CuratorDocument  *self,
                             GBytes           *disk_bytes,
                             GStrv            *conflicts,
                             GError          **error)
{
  g_autoptr(CuratorDocument) base = NULL;
  g_autoptr(CuratorDocument) theirs = NULL;
  g_autoptr(GPtrArray) our_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) clashes = g_strv_builder_new ();
  g_auto(Parts) base_parts = { 0 };
  g_auto(Parts) our_parts = { 0 };
  g_auto(Parts) their_parts = { 0 };
  g_autoptr(GByteArray) merged = g_byte_array_new ();
  gboolean any_clash = FALSE;
  gboolean ours_changed_head, theirs_changed_head;
  GBytes *head;
  const char *body;

  g_return_val_if_fail (CURATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (disk_bytes != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL && *conflicts == NULL, NULL);

  if (!(base = load (curator_document_get_saved_bytes (self), error)) ||
      !(theirs = load (disk_bytes, error)))
    return NULL;
  parts_init (&base_parts, base);
  parts_init (&our_parts, self);
  parts_init (&their_parts, theirs);
  ours_changed_head = !same_head (our_parts.head, base_parts.head);
  theirs_changed_head = !same_head (their_parts.head, base_parts.head);

  /* Only both changing the front matter needs a look at the fields: in
   * any other case one side's bytes are taken whole. */
  if (ours_changed_head && theirs_changed_head && !same_head (our_parts.head, their_parts.head))
    {
      if (!curator_document_get_editable (self) || !curator_document_get_editable (base) ||
          !curator_document_get_editable (theirs))
        {
          CuratorDocument *refused = !curator_document_get_editable (theirs) ? theirs
                                     : !curator_document_get_editable (self) ? self : base;

          g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_NOT_EDITABLE,
                       _("The edits cannot be merged field by field: %s"),
                       curator_document_get_load_error (refused)->message);
          return NULL;
        }
      compare_fields (self, base, theirs, our_paths, clashes, &any_clash);
    }

  if (g_strcmp0 (base_parts.body, our_parts.body) != 0 && g_strcmp0 (base_parts.body, their_parts.body) != 0 &&
      g_strcmp0 (our_parts.body, their_parts.body) != 0)
    {
      g_strv_builder_add (clashes, CURATOR_DOCUMENT_BODY_PATH);
      any_clash = TRUE;
    }

  if (!any_clash && our_paths->len > 0)
    {
      /* Our fields set through the model onto their front matter. One
       * that cannot be set there as it was here (through an anchor, say)
       * is for the curator to decide. */
      for (guint i = 0; i < our_paths->len; i++)
        {
          const char *path = g_ptr_array_index (our_paths, i);
          g_autoptr(GError) apply_error = NULL;

          if (!apply (theirs, path, lookup (self, path), &apply_error))
            {
              g_debug ("Cannot merge %s: %s", path, apply_error->message);
              g_strv_builder_add (clashes, path);
              any_clash = TRUE;
            }
        }
      parts_clear (&their_parts);
      parts_init (&their_parts, theirs);
    }

  if (any_clash)
    {
      *conflicts = g_strv_builder_end (clashes);
      return NULL;
    }

  head = our_paths->len > 0 || !ours_changed_head ? their_parts.head : our_parts.head;
  body = g_strcmp0 (base_parts.body, our_parts.body) != 0 ? our_parts.body : their_parts.body;
  g_byte_array_append (merged, g_bytes_get_data (head, NULL), head_length (head));
  /* The closing delimiter's line ending: the head's own, or, when a body
   * now follows a delimiter that ended the file, the other side's. */
  if (g_bytes_get_size (head) > head_length (head))
    append_line_ending (merged, head);
  else if (body[0] != '\0' && g_bytes_get_size (head) > 0 &&
           !append_line_ending (merged, our_parts.head) && !append_line_ending (merged, their_parts.head))
    g_byte_array_append (merged, (const guint8 *) "\n", 1);
  g_byte_array_append (merged, (const guint8 *) body, strlen (body));
  return g_byte_array_free_to_bytes (g_steal_pointer (&merged));
}
