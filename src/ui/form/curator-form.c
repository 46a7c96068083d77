/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "curator-form"

#include "config.h"

#include "curator-form.h"
#include "curator-paint-wait.h"

#include "curator-field-editor.h"
#include "curator-row-factory.h"

#include <glib/gi18n.h>
#include <string.h>

/* Rows for the first screen are built at once, the rest once that frame
 * is painted, in idle slices short enough to leave the frames that follow
 * (the preview's) on time: a long front matter is usable at once. The
 * first screen is at most FIRST_ROWS fields, and stops once their rows,
 * counting those open inside them, make FIRST_SCREEN_ROWS (a tall
 * window's worth). */
#define FIRST_ROWS 12
#define FIRST_SCREEN_ROWS 18
#define SLICE_USEC 4000

/* The rows of the last files whose fields differ from the one shown are
 * kept hidden, this many sets of them: going back to a file of those
 * fields binds its rows again instead of building them (a folder sorted
 * by date interleaves a few kinds of files). */
#define PARKED_FORMS_MAX 2

typedef struct
{
  char              *key;
  CuratorFieldGroup  group;
} PendingField;

/* The groups and Add Field button of an earlier file, hidden. */
typedef struct
{
  GtkWidget *groups[CURATOR_N_FIELD_GROUPS];
  GtkWidget *add_button;
} ParkedForm;

struct _CuratorForm
{
  GtkBox           parent_instance;

  CuratorDocument *document;
  GStrv            top_level_keys;
  GtkWidget       *groups[CURATOR_N_FIELD_GROUPS];
  GtkWidget       *context_menu;
  GtkWidget       *add_button;

  GArray          *pending;       /* of PendingField, in display order */
  guint            next_pending;
  /* Groups shown again below the first screen, as bits (1 << group):
   * shown after the first frame, as pending rows are built. */
  guint            later_groups;
  guint            build_source;
  CuratorPaintWait paint_wait;    /* for the first frame */
  /* The previous document's groups, released after the first frame of
   * the new one: freeing a group of rows takes longer than removing it. */
  GPtrArray       *retired;
  /* Of ParkedForm, the last parked first. */
  GPtrArray       *parked;

  /* While undoing or redoing: the key path the step changed last. */
  gboolean         watching_changes;
  char            *last_change;
};

G_DEFINE_FINAL_TYPE (CuratorForm, curator_form, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_BUILDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GStrv
dup_top_level_keys (CuratorDocument *document)
{
  const CuratorNode *root = curator_document_get_editable (document) ? curator_document_get_root (document) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (root != NULL && curator_node_get_kind (root) == CURATOR_NODE_MAPPING)
    for (guint i = 0; i < curator_node_get_n_children (root); i++)
      g_strv_builder_add (builder, curator_node_get_key (root, i));

  return g_strv_builder_end (builder);
}

/* "a.b[2]" → "a.b", "a.b" → "a", "a" → "" (escapes respected). */
static char *
dup_parent_path (const char *key_path)
{
  gssize cut = 0;

  for (gsize i = 0; key_path[i] != '\0'; i++)
    {
      if (key_path[i] == '\\' && key_path[i + 1] != '\0')
        i++;
      else if (key_path[i] == '.' || key_path[i] == '[')
        cut = i;
    }

  return g_strndup (key_path, cut);
}

static gboolean
path_is_within (const char *path,
                const char *ancestor)
{
  gsize len = strlen (ancestor);

  return strncmp (path, ancestor, len) == 0 &&
         (path[len] == '\0' || path[len] == '.' || path[len] == '[');
}

/* The deepest row whose key path is @key_path or contains it. */
static CuratorFieldEditor *
find_editor (GtkWidget  *widget,
             const char *key_path,
             gboolean    exact)
{
  CuratorFieldEditor *best = NULL;

  if (CURATOR_IS_FIELD_EDITOR (widget))
    {
      const char *path = curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (widget));

      if (g_strcmp0 (path, key_path) == 0)
        return CURATOR_FIELD_EDITOR (widget);
      if (!path_is_within (key_path, path))
        return NULL;
      if (!exact)
        best = CURATOR_FIELD_EDITOR (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CuratorFieldEditor *found = find_editor (child, key_path, exact);

      if (found != NULL)
        return found;
    }

  return best;
}

/* find_editor() among the rows shown (not the parked ones). */
static CuratorFieldEditor *
find_shown_editor (CuratorForm *self,
                   const char  *key_path,
                   gboolean     exact)
{
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS && self->groups[g] != NULL; g++)
    {
      CuratorFieldEditor *found = find_editor (self->groups[g], key_path, exact);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  guint             index;
  CuratorFieldGroup group;
  guint             rank;
} FieldOrder;

static int
compare_field_order (gconstpointer a,
                     gconstpointer b)
{
  const FieldOrder *x = a, *y = b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return 0;
}

/* Takes @widget out of the form, to be released after the next frame. */
static void
curator_form_retire (CuratorForm *self,
                     GtkWidget   *widget)
{
  g_ptr_array_add (self->retired, g_object_ref (widget));
  gtk_box_remove (GTK_BOX (self), widget);
}

/* Retires the rows shown. */
static void
curator_form_clear (CuratorForm *self)
{
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    if (self->groups[g] != NULL)
      curator_form_retire (self, g_steal_pointer (&self->groups[g]));
  if (self->add_button != NULL)
    curator_form_retire (self, g_steal_pointer (&self->add_button));
}

static void
parked_form_free (gpointer data)
{
  ParkedForm *parked = data;

  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    g_clear_object (&parked->groups[g]);
  g_clear_object (&parked->add_button);
  g_free (parked);
}

/* Retires the sets parked longest ago, keeping @keep. */
static void
curator_form_drop_parked (CuratorForm *self,
                          guint        keep)
{
  while (self->parked->len > keep)
    {
      ParkedForm *parked = g_ptr_array_steal_index (self->parked, self->parked->len - 1);

      for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
        curator_form_retire (self, parked->groups[g]);
      if (parked->add_button != NULL)
        curator_form_retire (self, parked->add_button);
      parked_form_free (parked);
    }
}

/* Hides the form's rows and keeps them, after those shown, for a later
 * file of the same fields; the set parked longest ago is released with
 * the other retired rows. Hidden rows stay in the window: taking them out
 * and putting them back (unrooting and rooting some hundred widgets,
 * accessibility included) costs as much as building new ones. */
static void
curator_form_park (CuratorForm *self)
{
  ParkedForm *parked;

  if (self->groups[0] == NULL)
    return;

  self->later_groups = 0;
  parked = g_new0 (ParkedForm, 1);
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    parked->groups[g] = g_object_ref (g_steal_pointer (&self->groups[g]));
  parked->add_button = self->add_button != NULL ? g_object_ref (g_steal_pointer (&self->add_button)) : NULL;

  /* Widgets found in the form are those shown first, wherever they are
   * looked for from. */
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    {
      gtk_widget_set_visible (parked->groups[g], FALSE);
      gtk_box_reorder_child_after (GTK_BOX (self), parked->groups[g],
                                   gtk_widget_get_last_child (GTK_WIDGET (self)));
    }
  if (parked->add_button != NULL)
    {
      gtk_widget_set_visible (parked->add_button, FALSE);
      gtk_box_reorder_child_after (GTK_BOX (self), parked->add_button,
                                   gtk_widget_get_last_child (GTK_WIDGET (self)));
    }
  g_ptr_array_insert (self->parked, 0, parked);

  curator_form_drop_parked (self, PARKED_FORMS_MAX);
}

/* Puts the parked set @index back first in the form, in place of the
 * rows shown (parked in turn); its groups show once they keep a row. */
static void
curator_form_unpark (CuratorForm *self,
                     guint        index)
{
  ParkedForm *parked = g_ptr_array_steal_index (self->parked, index);
  GtkWidget *previous = NULL;

  curator_form_park (self);
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    {
      self->groups[g] = parked->groups[g];
      gtk_box_reorder_child_after (GTK_BOX (self), self->groups[g], previous);
      previous = self->groups[g];
    }
  self->add_button = parked->add_button;
  if (self->add_button != NULL)
    {
      gtk_box_reorder_child_after (GTK_BOX (self), self->add_button, previous);
      gtk_widget_set_visible (self->add_button, TRUE);
    }
  parked_form_free (parked);
}

static void
pending_field_clear (gpointer data)
{
  PendingField *field = data;

  g_free (field->key);
}

/* The row of the top-level field @key, or NULL when it is gone. */
static GtkWidget *
create_row (CuratorForm *self,
            const char  *key)
{
  const CuratorNode *root = curator_document_get_root (self->document);
  const CuratorNode *node = root != NULL ? curator_node_lookup_key (root, key) : NULL;
  g_autoptr(GString) path = g_string_new (NULL);

  /* Nodes do not outlive an edit: look the field up again now. */
  if (node == NULL)
    return NULL;

  curator_key_path_append_key (path, key);
  return curator_row_factory_create (self->document, path->str, node, NULL, TRUE);
}

static GtkWidget *
curator_form_create_field_row (CuratorForm  *self,
                               PendingField *field)
{
  GtkWidget *row = create_row (self, field->key);

  if (row == NULL)
    return NULL;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[field->group]), row);
  gtk_widget_set_visible (self->groups[field->group], TRUE);
  return row;
}

static gboolean
curator_form_build_rows (CuratorForm *self,
                         guint        max_rows)
{
  for (guint i = 0; i < max_rows && self->next_pending < self->pending->len; i++)
    curator_form_create_field_row (self, &g_array_index (self->pending, PendingField, self->next_pending++));

  return self->next_pending < self->pending->len;
}

/* The rows @widget shows: itself, and those open inside it. */
static guint
count_shown_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget) ? 1 : 0;

  if (ADW_IS_EXPANDER_ROW (widget) && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (widget)))
    return n;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_shown_rows (child);
  return n;
}

/* The rows of the first screen: up to @max_fields fields, fewer when
 * their rows fill it before. */
static gboolean
curator_form_build_first_rows (CuratorForm *self,
                               guint        max_fields)
{
  guint shown = 0;

  for (guint i = 0; i < max_fields && shown < FIRST_SCREEN_ROWS && self->next_pending < self->pending->len; i++)
    {
      GtkWidget *row = curator_form_create_field_row (self, &g_array_index (self->pending, PendingField,
                                                                             self->next_pending++));

      if (row != NULL)
        shown += count_shown_rows (row);
    }

  return self->next_pending < self->pending->len;
}

/* Shows the first group left for later; FALSE when none is. */
static gboolean
curator_form_show_later_group (CuratorForm *self)
{
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    if (self->later_groups & (1u << g))
      {
        self->later_groups &= ~(1u << g);
        gtk_widget_set_visible (self->groups[g], TRUE);
        return TRUE;
      }

  return FALSE;
}

static gboolean
build_slice_cb (gpointer user_data)
{
  CuratorForm *self = user_data;
  gint64 end = g_get_monotonic_time () + SLICE_USEC;

  do
    {
      /* The rows first: the curator may scroll to them. */
      if (curator_form_show_later_group (self))
        continue;
      if (self->next_pending < self->pending->len)
        curator_form_build_rows (self, 1);
      else if (self->retired->len > 0)
        g_ptr_array_remove_index (self->retired, self->retired->len - 1);
      else
        {
          self->build_source = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);
          return G_SOURCE_REMOVE;
        }
    }
  while (g_get_monotonic_time () < end);

  return G_SOURCE_CONTINUE;
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        CuratorForm   *self)
{
  curator_paint_wait_stop (&self->paint_wait);
  self->build_source = g_idle_add (build_slice_cb, self);
}

/* The rest of the rows once the first ones are on screen. An idle before
 * that frame ran in front of it: the frame clock waits for its time. */
static void
curator_form_build_later (CuratorForm *self)
{
  if (!curator_paint_wait_start (&self->paint_wait, GTK_WIDGET (self), G_CALLBACK (first_frame_painted_cb), self))
    self->build_source = g_idle_add (build_slice_cb, self);
}

static void curator_form_focus_change (CuratorForm *self,
                                       const char  *key_path,
                                       GPtrArray   *order);

/* Takes the keyboard focus off the rows before they go, and returns the
 * key path of the field that had it. GTK would move a focus left on a
 * removed widget only at the next frame: keys pressed before then went
 * to a widget outside the window, and shortcuts such as Ctrl+S were
 * lost. */
static char *
release_focus (CuratorForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  char *key_path = NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  for (GtkWidget *widget = focus; widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    if (CURATOR_IS_FIELD_EDITOR (widget))
      {
        key_path = g_strdup (curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (widget)));
        break;
      }

  gtk_root_set_focus (root, NULL);

  return key_path;
}

/* The top-level rows under @widget, in the order shown. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CURATOR_IS_FIELD_EDITOR (child))
        g_ptr_array_add (rows, child);
      else
        collect_rows (child, rows);
    }
}

/* Whether the form is at the top of its scrolled window, if it is in
 * one. */
static gboolean
scrolled_to_top (CuratorForm *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  return scroller == NULL ||
         gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))) <= 0;
}

/* Keeps the rows of the last document that show fields of this one (same
 * key, kind and label), bound to this one; a field between kept rows
 * gets its row now, in place; the fields after the last kept row of
 * their group are pending. The other rows go. Returns how many of the
 * first FIRST_ROWS fields are pending. */
static guint
curator_form_reuse_rows (CuratorForm      *self,
                         const FieldOrder *order,
                         guint             n)
{
  const CuratorNode *root = curator_document_get_root (self->document);
  guint first_pending = 0;
  guint start = 0;

  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autoptr(GHashTable) unused = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      GtkWidget *list = NULL;
      guint end = start, last_kept = 0, position = 0;

      collect_rows (self->groups[g], rows);
      for (guint i = 0; i < rows->len; i++)
        g_hash_table_insert (unused,
                             (gpointer)curator_field_editor_get_key_path (g_ptr_array_index (rows, i)),
                             g_ptr_array_index (rows, i));

      for (; end < n && order[end].group == g; end++)
        {
          g_autoptr(GString) path = g_string_new (NULL);
          GtkWidget *row;

          curator_key_path_append_key (path, curator_node_get_key (root, order[end].index));
          row = g_hash_table_lookup (unused, path->str);
          if (row != NULL &&
              curator_row_factory_rebind (row, self->document, path->str,
                                          curator_node_get_child (root, order[end].index), NULL, TRUE))
            {
              g_hash_table_remove (unused, path->str);
              last_kept = end + 1;
              list = gtk_widget_get_parent (row);
            }
          else
            row = NULL;
          g_ptr_array_add (kept, row);
        }

      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (rows, i);

          if (g_hash_table_contains (unused, curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (row))))
            {
              g_ptr_array_add (self->retired, g_object_ref (row));
              adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->groups[g]), row);
            }
        }

      /* The kept rows in the new order (the same, mostly: then nothing
       * moves), a row made for each field between them. */
      for (guint o = start; o < end; o++)
        {
          GtkWidget *row = g_ptr_array_index (kept, o - start);

          if (o >= last_kept)
            {
              PendingField field = { g_strdup (curator_node_get_key (root, order[o].index)), g };

              g_array_append_val (self->pending, field);
              if (o < FIRST_ROWS)
                first_pending++;
              continue;
            }

          g_assert (GTK_IS_LIST_BOX (list));
          if (row == NULL)
            {
              row = create_row (self, curator_node_get_key (root, order[o].index));
              gtk_list_box_insert (GTK_LIST_BOX (list), row, position);
            }
          else if (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), position)) != row)
            {
              g_object_ref (row);
              gtk_list_box_remove (GTK_LIST_BOX (list), row);
              gtk_list_box_insert (GTK_LIST_BOX (list), row, position);
              g_object_unref (row);
            }
          position++;
        }

      /* A group shown again below the first screen: its rows, mapped,
       * lay their texts out and take their style (a few milliseconds for
       * a dozen rows), after the first frame. Only with the form scrolled
       * to its top: scrolled further, the view would lose its place. */
      if (last_kept > 0 && start >= FIRST_ROWS && !gtk_widget_get_visible (self->groups[g]) &&
          gtk_widget_get_mapped (GTK_WIDGET (self)) && scrolled_to_top (self))
        self->later_groups |= 1u << g;
      else
        gtk_widget_set_visible (self->groups[g], last_kept > 0);
      start = end;
    }

  return first_pending;
}

/* The top-level key paths of @document, as a set. */
static GHashTable *
dup_top_level_paths (CuratorDocument *document)
{
  const CuratorNode *root = curator_document_get_root (document);
  GHashTable *paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = root != NULL ? curator_node_get_n_children (root) : 0;

  for (guint i = 0; i < n; i++)
    {
      GString *path = g_string_new (NULL);

      curator_key_path_append_key (path, curator_node_get_key (root, i));
      g_hash_table_add (paths, g_string_free (path, FALSE));
    }

  return paths;
}

/* How many rows in @groups are of fields in @paths, or -1 when fewer
 * than half are: keeping the rows then saves building; otherwise
 * removing the others one by one costs more than building anew. */
static int
count_fitting_rows (GtkWidget  *const *groups,
                    GHashTable *paths)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint fitting = 0;

  if (groups[0] == NULL)
    return -1;

  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
    collect_rows (groups[g], rows);
  for (guint i = 0; i < rows->len; i++)
    fitting += g_hash_table_contains (paths, curator_field_editor_get_key_path (g_ptr_array_index (rows, i)));

  return fitting * 2 >= rows->len ? (int)fitting : -1;
}

/* Puts in the window the rows that fit the document best, those shown or
 * a parked set; returns FALSE when none fit it. */
static gboolean
curator_form_take_fitting_rows (CuratorForm *self)
{
  g_autoptr(GHashTable) paths = dup_top_level_paths (self->document);
  int best = count_fitting_rows (self->groups, paths);
  int best_parked = -1;

  for (guint i = 0; i < self->parked->len; i++)
    {
      ParkedForm *parked = g_ptr_array_index (self->parked, i);
      int fitting = count_fitting_rows (parked->groups, paths);

      if (fitting > best)
        {
          best = fitting;
          best_parked = i;
        }
    }

  if (best_parked >= 0)
    curator_form_unpark (self, best_parked);

  return best >= 0;
}

static void
curator_form_rebuild_full (CuratorForm *self,
                           gboolean     reuse)
{
  const CuratorNode *root;
  GtkWidget *add_button;
  g_autofree FieldOrder *order = NULL;
  g_autofree char *focused_path = NULL;
  gboolean was_building;
  guint n, first_rows = FIRST_ROWS;

  g_return_if_fail (CURATOR_IS_FORM (self));

  was_building = curator_form_get_building (self);
  g_clear_handle_id (&self->build_source, g_source_remove);
  curator_paint_wait_stop (&self->paint_wait);
  g_array_set_size (self->pending, 0);
  self->next_pending = 0;
  self->later_groups = 0;
  focused_path = release_focus (self);
  g_clear_pointer (&self->top_level_keys, g_strfreev);

  /* Another file (@reuse): its rows are those of the last file, or of an
   * earlier one of the same fields; the rows shown are kept for later
   * when they are of other fields. */
  if (reuse && self->document != NULL)
    {
      if (!curator_document_get_editable (self->document) || !curator_form_take_fitting_rows (self))
        {
          curator_form_park (self);
          reuse = FALSE;
        }
    }
  else
    {
      curator_form_clear (self);
      if (self->document == NULL)
        curator_form_drop_parked (self, 0);
      reuse = FALSE;
    }

  if (self->document == NULL || !curator_document_get_editable (self->document))
    {
      /* No new rows to show first. */
      g_ptr_array_set_size (self->retired, 0);
      if (was_building)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);
      return;
    }

  self->top_level_keys = dup_top_level_keys (self->document);
  root = curator_document_get_root (self->document);

  /* Groups in a fixed order, shown once they get a row; before the
   * parked ones. */
  if (!reuse)
    {
      GtkWidget *previous = NULL;

      for (guint g = 0; g < CURATOR_N_FIELD_GROUPS; g++)
        {
          self->groups[g] = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->groups[g]),
                                           curator_field_group_get_title (g));
          gtk_widget_set_visible (self->groups[g], FALSE);
          gtk_box_insert_child_after (GTK_BOX (self), self->groups[g], previous);
          previous = self->groups[g];
        }

      add_button = gtk_button_new_with_mnemonic (_("_Add Field…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "win.add-field");
      gtk_widget_set_halign (add_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (add_button, "pill");
      gtk_box_insert_child_after (GTK_BOX (self), add_button, previous);
      self->add_button = add_button;
    }

  /* Known fields in the catalog's order (title first), then the others
   * as the file has them. The file's order is never changed. */
  n = root != NULL ? curator_node_get_n_children (root) : 0;
  order = g_new (FieldOrder, n);
  for (guint i = 0; i < n; i++)
    {
      const char *key = curator_node_get_key (root, i);
      int known = curator_field_catalog_get_order (key);

      order[i].index = i;
      order[i].group = curator_field_catalog_get_group (key);
      order[i].rank = known >= 0 ? (guint)known : 10000 + i;
    }
  qsort (order, n, sizeof *order, compare_field_order);

  if (reuse)
    first_rows = curator_form_reuse_rows (self, order, n);
  else
    for (guint o = 0; o < n; o++)
      {
        PendingField field = { g_strdup (curator_node_get_key (root, order[o].index)), order[o].group };

        g_array_append_val (self->pending, field);
      }

  if (curator_form_build_first_rows (self, first_rows) || self->retired->len > 0 || self->later_groups != 0)
    curator_form_build_later (self);

  if (was_building != curator_form_get_building (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);

  /* The same field keeps the focus; callers that know better (a field
   * removed, an undo) move it again. */
  if (focused_path != NULL)
    curator_form_focus_change (self, focused_path, NULL);
}

void
curator_form_rebuild (CuratorForm *self)
{
  curator_form_rebuild_full (self, FALSE);
}

/* Creates the rows still pending now (a field is about to be focused or
 * refreshed). */
static void
curator_form_finish_building (CuratorForm *self)
{
  if (!curator_form_get_building (self))
    return;

  while (curator_form_show_later_group (self))
    ;
  curator_form_build_rows (self, G_MAXUINT);
  g_ptr_array_set_size (self->retired, 0);
  g_clear_handle_id (&self->build_source, g_source_remove);
  curator_paint_wait_stop (&self->paint_wait);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);
}

gboolean
curator_form_get_building (CuratorForm *self)
{
  g_return_val_if_fail (CURATOR_IS_FORM (self), FALSE);

  return self->build_source != 0 || curator_paint_wait_pending (&self->paint_wait);
}

static gboolean
same_keys (GStrv a,
           GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal ((const char * const *)a, (const char * const *)b);
}

static void
document_changed_cb (CuratorForm     *self,
                     const char      *key_path,
                     CuratorDocument *document)
{
  g_auto(GStrv) keys = NULL;
  CuratorFieldEditor *editor;

  /* A row's own edit: it already shows the value. */
  if (curator_field_editor_is_applying ())
    return;

  if (g_strcmp0 (key_path, CURATOR_DOCUMENT_BODY_PATH) == 0)
    return;

  if (self->watching_changes && key_path != NULL && key_path[0] != '\0')
    {
      g_free (self->last_change);
      self->last_change = g_strdup (key_path);
    }

  keys = dup_top_level_keys (document);
  if (key_path == NULL || key_path[0] == '\0' || !same_keys (keys, self->top_level_keys))
    {
      curator_form_rebuild (self);
      return;
    }

  /* A list item may have been added, removed or moved: item rows are
   * addressed by index, so the whole list re-reads. */
  if (g_str_has_suffix (key_path, "]"))
    {
      g_autofree char *list_path = dup_parent_path (key_path);

      editor = find_shown_editor (self, list_path, FALSE);
    }
  else
    editor = find_shown_editor (self, key_path, FALSE);

  /* The field's row may not be built yet. */
  if (editor == NULL && curator_form_get_building (self))
    {
      curator_form_finish_building (self);
      editor = find_shown_editor (self, key_path, FALSE);
    }
  if (editor == NULL)
    {
      curator_form_rebuild (self);
      return;
    }

  /* A value that changed kind (undoing a list into a string, ...) needs
   * another row: rebuild; otherwise the row re-reads its value. */
  {
    const char *path = curator_field_editor_get_key_path (editor);
    const CuratorNode *node = curator_document_lookup (document, path, NULL);
    gpointer built_kind = g_object_get_data (G_OBJECT (editor), "curator-field-kind");

    if (node == NULL ||
        (built_kind != NULL &&
         GPOINTER_TO_INT (built_kind) - 1 != (int)curator_field_catalog_kind_for_node (path, node)))
      curator_form_rebuild (self);
    else
      curator_field_editor_refresh (editor);
  }
}

static void
collect_field_paths (GtkWidget *widget,
                     GPtrArray *paths)
{
  if (CURATOR_IS_FIELD_EDITOR (widget))
    g_ptr_array_add (paths, g_strdup (curator_field_editor_get_key_path (CURATOR_FIELD_EDITOR (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_field_paths (child, paths);
}

/* The key paths of the rows, in the order they are shown. */
static GPtrArray *
dup_field_order (CuratorForm *self)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  curator_form_finish_building (self);
  for (guint g = 0; g < CURATOR_N_FIELD_GROUPS && self->groups[g] != NULL; g++)
    collect_field_paths (self->groups[g], paths);

  return paths;
}

/* The row shown next to where @key_path's row was in @order (the rows
 * before it went): the following row of the same parent, else the one
 * before it. */
static CuratorFieldEditor *
find_neighbour (CuratorForm *self,
                const char  *key_path,
                GPtrArray   *order)
{
  g_autofree char *parent = dup_parent_path (key_path);
  guint at;

  if (order == NULL || !g_ptr_array_find_with_equal_func (order, key_path, g_str_equal, &at))
    return NULL;

  for (guint i = at + 1; i < order->len; i++)
    {
      const char *path = g_ptr_array_index (order, i);
      g_autofree char *path_parent = dup_parent_path (path);
      CuratorFieldEditor *editor;

      if (g_strcmp0 (path_parent, parent) == 0 &&
          (editor = find_shown_editor (self, path, TRUE)) != NULL)
        return editor;
    }

  for (guint i = at; i > 0; i--)
    {
      const char *path = g_ptr_array_index (order, i - 1);
      g_autofree char *path_parent = dup_parent_path (path);
      CuratorFieldEditor *editor;

      if (g_strcmp0 (path_parent, parent) == 0 &&
          (editor = find_shown_editor (self, path, TRUE)) != NULL)
        return editor;
    }

  return NULL;
}

/* Puts the keyboard focus where a change of @key_path shows: its row
 * (groups opened down to it), the list item it touched, or, when the
 * field is gone, the row that took its place (@order: the rows before
 * the change), else its group. */
static void
curator_form_focus_change (CuratorForm *self,
                           const char  *key_path,
                           GPtrArray   *order)
{
  CuratorFieldEditor *editor;

  curator_form_finish_building (self);

  while ((editor = find_shown_editor (self, key_path, TRUE)) == NULL)
    {
      CuratorFieldEditor *outer = find_shown_editor (self, key_path, FALSE);

      if (outer == NULL || !ADW_IS_EXPANDER_ROW (outer) ||
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (outer)))
        break;
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (outer), TRUE);
    }

  if (editor == NULL && curator_document_lookup (self->document, key_path, NULL) == NULL)
    editor = find_neighbour (self, key_path, order);
  /* A list item, or a field whose row and neighbours are gone: the list
   * or group that held it. */
  if (editor == NULL)
    editor = find_shown_editor (self, key_path, FALSE);

  /* The last field went: Add Field is all the form has left. */
  if (editor == NULL)
    {
      if (self->add_button != NULL)
        gtk_widget_grab_focus (self->add_button);
      return;
    }

  /* Rows stay in a group that was closed after they were built. */
  for (GtkWidget *ancestor = gtk_widget_get_parent (GTK_WIDGET (editor));
       ancestor != NULL && ancestor != GTK_WIDGET (self);
       ancestor = gtk_widget_get_parent (ancestor))
    if (ADW_IS_EXPANDER_ROW (ancestor))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ancestor), TRUE);

  curator_field_editor_focus (editor);
}

static gboolean
curator_form_step (CuratorForm *self,
                   gboolean     redo)
{
  g_autoptr(GPtrArray) order = NULL;
  gboolean done;

  if (self->document == NULL)
    return FALSE;

  curator_field_editor_end_typing (self->document);
  order = dup_field_order (self);

  g_clear_pointer (&self->last_change, g_free);
  self->watching_changes = TRUE;
  done = redo ? curator_document_redo (self->document) : curator_document_undo (self->document);
  self->watching_changes = FALSE;

  if (done && self->last_change != NULL && curator_document_get_editable (self->document))
    curator_form_focus_change (self, self->last_change, order);
  g_clear_pointer (&self->last_change, g_free);

  return done;
}

static void
show_context_menu (CuratorForm        *self,
                   CuratorFieldEditor *editor,
                   double              x,
                   double              y)
{
  g_autoptr(GMenuModel) menu = curator_field_editor_dup_menu (editor);
  GdkRectangle rect = { (int)x, (int)y, 1, 1 };

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static CuratorFieldEditor *
editor_ancestor (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (CURATOR_IS_FIELD_EDITOR (widget))
      return CURATOR_FIELD_EDITOR (widget);

  return NULL;
}

static void
secondary_click_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CuratorForm     *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  CuratorFieldEditor *editor = editor_ancestor (picked);

  if (editor == NULL)
    return;

  /* A text input shows its own menu (cut, copy, paste), which holds the
   * field's menu too. */
  if (picked != NULL &&
      (GTK_IS_TEXT (picked) || GTK_IS_TEXT_VIEW (picked) ||
       gtk_widget_get_ancestor (picked, GTK_TYPE_TEXT) != NULL ||
       gtk_widget_get_ancestor (picked, GTK_TYPE_TEXT_VIEW) != NULL))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_context_menu (self, editor, x, y);
}

static gboolean
popup_menu_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CuratorForm *self = CURATOR_FORM (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  CuratorFieldEditor *editor = editor_ancestor (focus);
  graphene_point_t point;

  if (editor == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (editor), widget, &GRAPHENE_POINT_INIT (24, 24), &point))
    return FALSE;

  show_context_menu (self, editor, point.x, point.y);

  return TRUE;
}

/* A field the model will not remove (one holding an anchor or an alias)
 * stays, and its row says why, as for a value it refuses. */
static void
remove_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CuratorForm *self = CURATOR_FORM (widget);
  const char *key_path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  CuratorFieldEditor *editor;

  if (curator_form_remove_field (self, key_path, &error) || error == NULL)
    return;

  editor = find_shown_editor (self, key_path, FALSE);
  if (editor != NULL)
    curator_field_editor_show_problem (GTK_WIDGET (editor), NULL, error->message);
  else
    g_message ("Could not remove %s: %s", key_path, error->message);
}

static void
curator_form_unmap (GtkWidget *widget)
{
  CuratorForm *self = CURATOR_FORM (widget);

  /* No frame of it is coming (its window may be going, frame clock and
   * all): the rows are built without waiting for one. */
  if (curator_paint_wait_pending (&self->paint_wait))
    {
      curator_paint_wait_stop (&self->paint_wait);
      self->build_source = g_idle_add (build_slice_cb, self);
    }

  GTK_WIDGET_CLASS (curator_form_parent_class)->unmap (widget);
}

static void
curator_form_finalize (GObject *object)
{
  CuratorForm *self = (CuratorForm *)object;

  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_pointer (&self->parked, g_ptr_array_unref);
  g_clear_pointer (&self->last_change, g_free);

  G_OBJECT_CLASS (curator_form_parent_class)->finalize (object);
}

static void
curator_form_dispose (GObject *object)
{
  CuratorForm *self = (CuratorForm *)object;

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_handle_id (&self->build_source, g_source_remove);
  curator_paint_wait_stop (&self->paint_wait);
  curator_form_clear (self);
  curator_form_drop_parked (self, 0);
  g_ptr_array_set_size (self->retired, 0);
  g_clear_object (&self->document);
  g_clear_pointer (&self->top_level_keys, g_strfreev);

  G_OBJECT_CLASS (curator_form_parent_class)->dispose (object);
}

static void
curator_form_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CuratorForm *self = CURATOR_FORM (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_BUILDING:
      g_value_set_boolean (value, curator_form_get_building (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_form_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CuratorForm *self = CURATOR_FORM (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      curator_form_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
curator_form_class_init (CuratorFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = curator_form_dispose;
  object_class->finalize = curator_form_finalize;
  object_class->get_property = curator_form_get_property;
  object_class->set_property = curator_form_set_property;
  widget_class->unmap = curator_form_unmap;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CURATOR_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUILDING] =
    g_param_spec_boolean ("building", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "form.remove-field", "s", remove_field_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_menu_cb, NULL);
}

static void
curator_form_init (CuratorForm *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingField));
  self->retired = g_ptr_array_new_with_free_func (g_object_unref);
  self->parked = g_ptr_array_new_with_free_func (parked_form_free);
  g_array_set_clear_func (self->pending, pending_field_clear);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
curator_form_new (void)
{
  return g_object_new (CURATOR_TYPE_FORM, NULL);
}

CuratorDocument *
curator_form_get_document (CuratorForm *self)
{
  g_return_val_if_fail (CURATOR_IS_FORM (self), NULL);

  return self->document;
}

void
curator_form_set_document (CuratorForm     *self,
                           CuratorDocument *document)
{
  g_return_if_fail (CURATOR_IS_FORM (self));
  g_return_if_fail (!document || CURATOR_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);

  g_set_object (&self->document, document);

  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  /* Another file: the rows of this one that fit it are kept. */
  curator_form_rebuild_full (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GtkWidget *
curator_form_find_row (CuratorForm *self,
                       const char  *key_path)
{
  g_return_val_if_fail (CURATOR_IS_FORM (self), NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  return (GtkWidget *)find_shown_editor (self, key_path, TRUE);
}

typedef struct
{
  const char       *key;
  CuratorFieldKind  kind;
} AddField;

static gboolean
add_field_edit (CuratorDocument  *document,
                gpointer          data,
                GError          **error)
{
  AddField *add = data;
  g_autoptr(GString) path = g_string_new (NULL);

  curator_key_path_append_key (path, add->key);

  switch (add->kind)
    {
    case CURATOR_FIELD_KIND_INT:
      return curator_document_set_value (document, path->str, "0", CURATOR_SCALAR_INT, error);
    case CURATOR_FIELD_KIND_FLOAT:
      return curator_document_set_value (document, path->str, "0.0", CURATOR_SCALAR_FLOAT, error);
    case CURATOR_FIELD_KIND_BOOL:
      return curator_document_set_value (document, path->str, "false", CURATOR_SCALAR_BOOL, error);
    case CURATOR_FIELD_KIND_DATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

        return curator_document_set_value (document, path->str, today, CURATOR_SCALAR_STRING, error);
      }
    case CURATOR_FIELD_KIND_STRING_LIST:
    case CURATOR_FIELD_KIND_MAP_LIST:
      return curator_document_set_json (document, path->str, "[]", error);
    case CURATOR_FIELD_KIND_MAP:
      return curator_document_set_json (document, path->str, "{}", error);
    case CURATOR_FIELD_KIND_TEXT:
    case CURATOR_FIELD_KIND_LONG_TEXT:
    case CURATOR_FIELD_KIND_URL:
    case CURATOR_FIELD_KIND_JSON_LIST:
    case CURATOR_FIELD_KIND_READ_ONLY:
    default:
      return curator_document_set_value (document, path->str, "", CURATOR_SCALAR_STRING, error);
    }
}

gboolean
curator_form_add_field (CuratorForm       *self,
                        const char        *key,
                        CuratorFieldKind   kind,
                        GError           **error)
{
  AddField add = { key, kind };
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_val_if_fail (CURATOR_IS_FORM (self), FALSE);
  g_return_val_if_fail (key != NULL && key[0] != '\0', FALSE);

  if (self->document == NULL)
    return FALSE;

  curator_key_path_append_key (path, key);
  if (curator_document_lookup (self->document, path->str, NULL) != NULL)
    {
      g_set_error (error, CURATOR_ERROR, CURATOR_ERROR_INVALID_VALUE,
                   _("The field “%s” already exists"), key);
      return FALSE;
    }

  curator_field_editor_end_typing (self->document);
  curator_document_begin_user_action (self->document);
  if (!add_field_edit (self->document, &add, error))
    {
      curator_document_end_user_action (self->document);
      return FALSE;
    }
  curator_document_end_user_action (self->document);

  /* The "changed" signal rebuilt the form; the new row takes the focus. */
  curator_form_focus_change (self, path->str, NULL);

  return TRUE;
}

gboolean
curator_form_remove_field (CuratorForm  *self,
                           const char   *key_path,
                           GError      **error)
{
  g_autoptr(GPtrArray) order = NULL;
  gboolean ok;

  g_return_val_if_fail (CURATOR_IS_FORM (self), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);

  if (self->document == NULL)
    return FALSE;

  order = dup_field_order (self);
  curator_field_editor_end_typing (self->document);
  curator_document_begin_user_action (self->document);
  ok = curator_document_unset (self->document, key_path, error);
  curator_document_end_user_action (self->document);

  /* The "changed" signal re-read the container (or rebuilt the form for a
   * top-level key); make sure the container of a nested field did. */
  if (ok)
    {
      g_autofree char *parent = dup_parent_path (key_path);
      CuratorFieldEditor *editor = parent[0] != '\0' ? find_shown_editor (self, parent, FALSE) : NULL;

      if (editor != NULL)
        curator_field_editor_refresh (editor);

      /* The row that takes its place gets the focus. */
      curator_form_focus_change (self, key_path, order);
    }

  return ok;
}

gboolean
curator_form_undo (CuratorForm *self)
{
  g_return_val_if_fail (CURATOR_IS_FORM (self), FALSE);

  return curator_form_step (self, FALSE);
}

gboolean
curator_form_redo (CuratorForm *self)
{
  g_return_val_if_fail (CURATOR_IS_FORM (self), FALSE);

  return curator_form_step (self, TRUE);
}
