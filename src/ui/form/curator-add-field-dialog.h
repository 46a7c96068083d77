/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "curator-form.h"

G_BEGIN_DECLS

#define CURATOR_TYPE_ADD_FIELD_DIALOG (curator_add_field_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CuratorAddFieldDialog, curator_add_field_dialog, CURATOR, ADD_FIELD_DIALOG, AdwMessageDialog)

/* Asks for a field name and kind, then adds the field through @form. */
GtkWidget *curator_add_field_dialog_new (GtkWindow   *parent,
                                         CuratorForm *form);

G_END_DECLS
