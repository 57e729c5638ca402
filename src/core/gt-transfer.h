/* gt-transfer.h — organisation-relationship transfers (组织关系转接) and their letters
 *
 * A transfer out records the member's transfer_out event (the member stays in the register
 * with status transferred_out: history, never a gap) and keeps the three-part letter
 * (存根 / 介绍信 / 回执): number, validity, 党费交至 (the last month in the dues ledger, when
 * the life area's dues_payments table exists; else blank). A transfer in either transfers a
 * member back in (transfer_in event) or adds the member (gt_member_add) with the letter as
 * the reason. The receipt of a letter out is tracked; a letter out whose validity passed
 * without a receipt is overdue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TRANSFER_PAGE_WIDTH 595.276 /* A4 in points */
#define GT_TRANSFER_PAGE_HEIGHT 841.89

typedef struct
{
  gint64 id;
  char *uuid;
  char *number;
  char *direction; /* out or in */
  gint64 member_id;
  char *member_name;
  char *gender;    /* M or F */
  int age;
  char *ethnicity;
  char *id_number;
  char *category;  /* probationary or full */
  char *from_org;
  char *to_org;
  char *issued_on;
  int valid_days;
  char *valid_until; /* issued_on + valid_days */
  char *dues_paid_to; /* YYYY-MM or "" */
  char *receipt_on;   /* NULL while the receipt is out */
  char *notes;
} GtTransfer;

void gt_transfer_free (GtTransfer *transfer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtTransfer, gt_transfer_free)

typedef struct
{
  const char *member;  /* number or ID number (gt_member_lookup) */
  const char *to_org;  /* the receiving organisation, free text (outside this database) */
  const char *date;    /* issued on; NULL: today */
  const char *number;  /* NULL: the next "YYYY-NNN" of the year */
  int valid_days;      /* 0: the setting develop.letter_valid_days */
  const char *notes;
} GtTransferOutSpec;

/* Issues a letter out and records the member's transfer_out event, in one transaction. */
gboolean gt_transfer_out (GtStorage *storage, const GtTransferOutSpec *spec, gint64 *id,
                          GError **error);

typedef struct
{
  const char *number;    /* the sender's letter number, required */
  const char *from_org;  /* the sending organisation, required */
  const char *to_org;    /* the receiving organisation here (name or code), required */
  const char *issued_on; /* the letter's date; NULL: @received_on */
  const char *received_on; /* the member reported here; NULL: today */
  int valid_days;        /* 0: the setting */
  const char *dues_paid_to; /* YYYY-MM or NULL */
  /* A member transferred out earlier and now back: */
  const char *member;
  /* …or a new member: */
  const char *name, *id_number, *gender, *ethnicity, *education, *occupation, *phone;
  const char *join_date, *full_date;
} GtTransferInSpec;

/* Receives a member with a letter in; refuses a letter received after its validity. */
gboolean gt_transfer_in (GtStorage *storage, const GtTransferInSpec *spec, gint64 *id,
                         GError **error);

/* Records that the receipt of letter @id came back on @date (NULL: today). */
gboolean gt_transfer_receipt (GtStorage *storage, gint64 id, const char *date, GError **error);

GtTransfer *gt_transfer_lookup (GtStorage *storage, gint64 id, GError **error);
/* Letters of @direction (NULL: both), newest first; with @open_only, only letters out
 * whose receipt is outstanding. */
GPtrArray *gt_transfer_list (GtStorage *storage, const char *direction, gboolean open_only,
                             GError **error);

/* A letter out is overdue on @today when its receipt is outstanding after valid_until. */
gboolean gt_transfer_is_overdue (const GtTransfer *transfer, const char *today);

/* The last month paid in the dues ledger (YYYY-MM) of @member_id, or "" when there is no
 * ledger or no payment. Never fails. */
char *gt_transfer_dues_paid_to (GtStorage *storage, gint64 member_id);

/* Draws the three-part letter on one page of @width × @height points. */
void gt_transfer_letter_draw (const GtTransfer *transfer, const char *office, cairo_t *cr,
                              double width, double height);
/* Writes the letter as a one-page A4 PDF, atomically. */
gboolean gt_transfer_letter_write_pdf (const GtTransfer *transfer, const char *office,
                                       const char *path, GError **error);
/* The issuing office's name printed on @transfer's letter: the office_name setting for a
 * letter out, NULL for a letter in (issued elsewhere) or when there is no such setting. */
char *gt_transfer_letter_office (GtStorage *storage, const GtTransfer *transfer);
/* Looks letter @id up and writes it as PDF to @path (gt_transfer_letter_write_pdf); an
 * unknown @id fails and writes nothing. */
gboolean gt_transfer_letter_save (GtStorage *storage, gint64 id, const char *path,
                                  GError **error);

G_END_DECLS
