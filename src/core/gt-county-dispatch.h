/* gt-county-dispatch.h — writing the county's dispatch packages, and the township's view of
 * the tasks and notices it received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gt-county.h"
#include "gt-exchange.h"
#include "gt-keys.h"

G_BEGIN_DECLS

/* The townships a dispatch for @target (a code, or "*" / NULL for every township) goes to:
 * one GtTrustedKey per office code of the trust list, by code. Empty when none is trusted. */
GPtrArray *gt_county_dispatch_targets (GtStorage *storage, const char *target, GError **error);

/* Issues a task or notice (as gt_county_add_task) for @target (a township's code, or "*" /
 * NULL for every trusted township) and writes one signed dispatch package per township into
 * @dir, named dispatch-CODE-DATE-TASK.xml; each carries every task and notice of this office
 * for that township. All or nothing: the task is recorded only when every package was
 * written, synced and renamed into place; on any failure, a full drive or cancellation, the
 * task is not recorded and no package stays, and @error says which one failed. Progress
 * goes from 0 to 1 over all of them. @uuid and @paths (may be NULL) receive the task's id
 * and the files written. */
gboolean gt_county_issue_dispatch (GtStorage *storage, const char *kind, const char *title,
                                   const char *body, const char *due_date, const char *target,
                                   const char *dir, GCancellable *cancellable,
                                   GtExchangeProgress progress, gpointer progress_data,
                                   char **uuid, GPtrArray **paths, GError **error);

/* Withdraws (撤回) task or notice @task_uuid that this office issued, on @date (YYYY-MM-DD;
 * NULL: today) for @reason (may be NULL). Its revision goes up, so the next dispatch package
 * for its townships carries the withdrawal and each township's copy is marked withdrawn too;
 * a task never written into a package never goes out. A withdrawn task counts in no
 * acknowledgement figure. Refused for a task received from elsewhere, an unknown id, a task
 * already withdrawn or a date before the day it was issued. */
gboolean gt_county_withdraw_task (GtStorage *storage, const char *task_uuid, const char *date,
                                  const char *reason, GError **error);

typedef struct
{
  char *uuid;
  char *kind;        /* "task" or "notice" */
  char *title;
  char *body;
  char *due_date;    /* or NULL */
  char *issuer_name;
  char *issued_on;
  char *status;      /* this office's acknowledgement: NULL, "received" or "done" */
  char *withdrawn_on;     /* the day the county withdrew it, or NULL */
  char *withdrawn_reason; /* "" when none was given */
} GtCountyReceived;

void gt_county_received_free (GtCountyReceived *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCountyReceived, gt_county_received_free)

/* Township side: the tasks and notices received from the county (imported dispatch
 * packages), open ones first, then by due date; withdrawn ones last. */
GPtrArray *gt_county_list_received (GtStorage *storage, GError **error);

G_END_DECLS
