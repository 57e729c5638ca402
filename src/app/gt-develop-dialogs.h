/* gt-develop-dialogs.h — adding a person to the pipeline and issuing a letter out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* Adds an applicant (step 1) to branch @org_id (0: the user picks); a refusal stays in the
 * dialog. */
GtkWidget *gt_develop_applicant_dialog_new (GtkWindow *parent, GtStorage *storage,
                                            gint64 org_id);
/* Issues a transfer letter out (the member is transferred out), then offers to print it or
 * save it as PDF (gt_transfer_letter_offer_new). */
GtkWidget *gt_develop_transfer_dialog_new (GtkWindow *parent, GtStorage *storage);
/* The member window's transfer out: the same letter for member @member_id (asking for the
 * receiving organisation, the date — @date by default — and the validity); once issued,
 * offers to print the letter or save it as PDF (gt_transfer_letter_offer_new). */
GtkWidget *gt_member_transfer_out_dialog_new (GtkWindow *parent, GtStorage *storage,
                                              gint64 member_id, const char *member_name,
                                              const char *date);

/* The offer's responses besides GTK_RESPONSE_CLOSE ("Later"). */
enum
{
  GT_LETTER_RESPONSE_PRINT = 1,
  GT_LETTER_RESPONSE_SAVE = 2,
};

/* Asks, after letter @id was issued, whether to print it now or save it as PDF. */
GtkWidget *gt_transfer_letter_offer_new (GtkWindow *parent, GtStorage *storage, gint64 id);
/* The one-page A4 print operation of letter @id (NULL when there is none), not yet run. */
GtkPrintOperation *gt_transfer_letter_operation_new (GtStorage *storage, gint64 id);

G_END_DECLS
