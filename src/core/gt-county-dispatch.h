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

/* Writes one signed dispatch package per township of @targets (GtTrustedKey) into @dir,
 * named dispatch-CODE-DATE-TASK.xml after @task_uuid. Each package carries every task and
 * notice of this office for that township. @paths (may be NULL) receives the files written.
 * Progress goes from 0 to 1 over all of them; on failure or cancellation the packages
 * already written stay (each is complete and verified) and @error says which one failed. */
gboolean gt_county_write_dispatch (GtStorage *storage, const char *task_uuid,
                                   GPtrArray *targets, const char *dir,
                                   GCancellable *cancellable, GtExchangeProgress progress,
                                   gpointer progress_data, GPtrArray **paths, GError **error);

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
} GtCountyReceived;

void gt_county_received_free (GtCountyReceived *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCountyReceived, gt_county_received_free)

/* Township side: the tasks and notices received from the county (imported dispatch
 * packages), open ones first, then by due date. */
GPtrArray *gt_county_list_received (GtStorage *storage, GError **error);

G_END_DECLS
