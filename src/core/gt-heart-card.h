/* gt-heart-card.h — the 党员连心卡: a member's card for the households they link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* A4 in PostScript points. */
#define GT_HEART_CARD_PAGE_WIDTH 595.276
#define GT_HEART_CARD_PAGE_HEIGHT 841.89

typedef struct
{
  gint64 member_id;
  char *member_name;
  char *org_name;
  char *phone;        /* in full: the card is how households reach the member */
  char *commitment;   /* 服务承诺 */
  char *issuer;       /* the office's name, or NULL */
  char *date;         /* YYYY-MM-DD, the day the card was made */
  GPtrArray *households; /* of GtHousehold (without links and visits), by number */
} GtHeartCard;

void gt_heart_card_free (GtHeartCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtHeartCard, gt_heart_card_free)

/* The card of an active member, with their linked households. @commitment: the service
 * commitment, NULL for the default text. The ID number is never read. */
GtHeartCard *gt_heart_card_load (GtStorage *storage, gint64 member_id, const char *commitment,
                                 GError **error);

/* The default service commitment (translated). */
const char *gt_heart_card_default_commitment (void);

/* Draws one A4 page holding two copies of the card (the member's and the households'),
 * with a cutting line between them, scaled to fit @width × @height in @cr's units and
 * centred. The same drawing serves PDF, print and screen. */
void gt_heart_card_draw_page (const GtHeartCard *card, cairo_t *cr, double width,
                              double height);

/* Writes the page as a one-page A4 PDF, through a temporary file in the same folder that is
 * renamed over @path; on failure nothing is left behind (G_FILE_ERROR). */
gboolean gt_heart_card_write_pdf (const GtHeartCard *card, const char *path, GError **error);

G_END_DECLS
