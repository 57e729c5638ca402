/* gt-exchange-check.h — the import dialog's model: the packages chosen, each checked (a dry
 * run) and then applied one by one in a worker thread; and the words the exchange area
 * shows for kinds, record types and counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-exchange.h"

G_BEGIN_DECLS

typedef enum
{
  GT_PACKAGE_CHECKING,
  GT_PACKAGE_READY,     /* checked; will be imported */
  GT_PACKAGE_CONFLICTS, /* checked; the user must choose keep local / take incoming */
  GT_PACKAGE_ALREADY,   /* imported before: nothing to do */
  GT_PACKAGE_REJECTED,  /* refused: the reason is in message */
  GT_PACKAGE_IMPORTED,
  GT_PACKAGE_FAILED,    /* the import itself failed: nothing changed */
} GtPackageState;

typedef struct
{
  char *path;
  GtPackageState state;
  GtExchangeResult *result;         /* the preview, then what was applied */
  char *message;                    /* why it was refused or failed */
  GtExchangeResolution resolution;  /* for conflicts: chosen by the user */
} GtPackage;

/* Columns of the list store gt_package_store_new() makes. */
enum
{
  GT_PACKAGE_COL_PACKAGE, /* GtPackage *, owned by the store's array */
  GT_PACKAGE_COL_FILE,
  GT_PACKAGE_COL_SENDER,
  GT_PACKAGE_COL_KIND,
  GT_PACKAGE_COL_PERIOD,
  GT_PACKAGE_COL_STATE,
  GT_PACKAGE_N_COLUMNS
};

/* Text of a package's state: "Ready", "Already imported on …", "Rejected: …". */
char *gt_package_state_text (const GtPackage *package);

/* Adds @path unless it is in the list already (a package there that was refused or not
 * checked is set to be checked again); returns the package to check, or NULL. The packages
 * live as long as @store (an array kept on it). */
GtPackage *gt_package_store_add (GtkListStore *store, const char *path);
/* Writes @package's columns again after its state changed. */
void gt_package_store_update (GtkListStore *store, GtPackage *package);
GtkListStore *gt_package_store_new (void);
/* Every package in @store, in order (the array belongs to the store). */
GPtrArray *gt_package_store_get (GtkListStore *store);

/* Every *.xml file below @folder (sorted), for "Add Folder" and removable drives. */
GPtrArray *gt_exchange_find_packages (const char *folder);

/* Runs the packages of @store through gt_exchange_import_full() one by one in a worker
 * thread, on a GtStorage of its own opened on @db_path: a dry run when @dry_run (the
 * preview), else the import (only packages READY or CONFLICTS with a resolution). Each
 * package's result reaches the main thread, @updated is called with it there, and
 * @progress with the fraction of all done. @callback runs at the end (the GTask's boolean
 * is FALSE with G_IO_ERROR_CANCELLED when cancelled between or inside packages). */
typedef void (*GtPackageUpdated) (GtPackage *package, gpointer user_data);
typedef void (*GtPackageProgress) (double fraction, const char *file, gpointer user_data);

void gt_exchange_check_run (gpointer source_object, const char *db_path, GtkListStore *store,
                            gboolean dry_run, GCancellable *cancellable,
                            GtPackageUpdated updated, GtPackageProgress progress,
                            gpointer user_data, GAsyncReadyCallback callback);
gboolean gt_exchange_check_finish (GAsyncResult *result, GError **error);

G_END_DECLS
