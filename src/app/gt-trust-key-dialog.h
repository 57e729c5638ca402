/* gt-trust-key-dialog.h — enrolling another office's public key, once its fingerprint has
 * been compared by phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_TRUST_KEY_DIALOG (gt_trust_key_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtTrustKeyDialog, gt_trust_key_dialog, GT, TRUST_KEY_DIALOG, GtkDialog)

/* @pem: the key read from @path; @fingerprint: its fingerprint (64 hex digits). */
GtTrustKeyDialog *gt_trust_key_dialog_new (GtkWindow *parent, GtStorage *storage,
                                           const char *path, const char *pem,
                                           const char *fingerprint);

G_END_DECLS
