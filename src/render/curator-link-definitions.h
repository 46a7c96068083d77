/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A Markdown body's link reference definitions, as its runs' outlines
 * give them (see curator-body-renderer.c), sorted out by the labels they
 * define, so that each run is rendered with only those it may refer to:
 * a keystroke's run is parsed with a few definitions instead of all of
 * the body's, and an edit to one definition renders again only the runs
 * that may use it. What a run may refer to is a superset, by the first
 * word of each label; where that cannot be told (case folding beyond
 * ASCII, escapes, entities, a label over lines), everything is kept. */
typedef struct _CuratorLinkDefinitions CuratorLinkDefinitions;

/* The first words of the labels a run's text may refer to, as
 * curator_link_definitions_scan_references() reads them. */
typedef struct
{
  char    **words;   /* lowercase ASCII, no duplicates */
  gboolean  any;     /* it may refer to any definition */
} CuratorLinkReferences;

CuratorLinkDefinitions *curator_link_definitions_new             (const char                  *definitions);
void                    curator_link_definitions_free            (CuratorLinkDefinitions      *self);
const char             *curator_link_definitions_get_text        (CuratorLinkDefinitions      *self);
guint                   curator_link_definitions_select          (CuratorLinkDefinitions      *self,
                                                                  const CuratorLinkReferences *references);
char                   *curator_link_definitions_dup_selection   (CuratorLinkDefinitions      *self);

void                    curator_link_definitions_scan_references (const char                  *text,
                                                                  gsize                        length,
                                                                  CuratorLinkReferences       *references);
void                    curator_link_references_clear            (CuratorLinkReferences       *references);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuratorLinkDefinitions, curator_link_definitions_free)

G_END_DECLS
