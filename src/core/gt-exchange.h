/* gt-exchange.h — signed XML exchange packages between township and county offices
 *
 * A package (docs/exchange.md, data/guatu-exchange-1.xsd, namespace urn:guatu:exchange:1)
 * is one UTF-8 XML file whose last line is
 *   <?guatu-signature alg="ecdsa-p256-sha256" key="FINGERPRINT" value="BASE64"?>
 * The signature covers every byte before that line.
 *
 * Export:  gt_exchange_export() — write to a temporary file, fsync, rename, read back and
 *          verify the signature before reporting success.
 * Verify:  gt_exchange_verify_file() — signature by a trusted key over the raw bytes, then a
 *          safe parse (no DOCTYPE, no entities, bounded depth and text), schema validation,
 *          receiver and version checks; changes nothing.
 * Import:  gt_exchange_import() — the same checks, then, unless dry-run, an automatic backup
 *          and ONE transaction (audited as one bulk entry) that applies the records and
 *          writes the ledger entry. Re-importing a package is a no-op. Records that conflict
 *          (older or diverging revisions) are never overwritten silently: the import stops
 *          unless a resolution (keep local / take incoming) is given.
 *
 * Every failure sets a GT_EXCHANGE_ERROR (or GT_KEYS_ERROR for signature problems) whose
 * message names the file (and line/field where there is one); the database is unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_EXCHANGE_NAMESPACE "urn:guatu:exchange:1"
#define GT_EXCHANGE_VERSION 1

#define GT_EXCHANGE_ERROR (gt_exchange_error_quark ())

typedef enum
{
  GT_EXCHANGE_ERROR_UNSIGNED,       /* no signature line */
  GT_EXCHANGE_ERROR_TOO_LARGE,      /* over the size limit */
  GT_EXCHANGE_ERROR_MALFORMED,      /* not well-formed XML, bad encoding, truncated */
  GT_EXCHANGE_ERROR_FORBIDDEN,      /* DOCTYPE, entities, too deep, too long a text */
  GT_EXCHANGE_ERROR_INVALID,        /* not valid against the schema, or inconsistent */
  GT_EXCHANGE_ERROR_VERSION,        /* a format version this build does not understand */
  GT_EXCHANGE_ERROR_WRONG_RECEIVER, /* addressed to another office */
  GT_EXCHANGE_ERROR_WRONG_SENDER,   /* signed by a key enrolled for another office */
  GT_EXCHANGE_ERROR_REPLAYED,       /* same package id, different contents */
  GT_EXCHANGE_ERROR_CONFLICTS,      /* conflicting records and no resolution given */
  GT_EXCHANGE_ERROR_FAILED,
  GT_EXCHANGE_ERROR_CANT_OPEN,      /* the package file is missing, unreadable or not a file */
} GtExchangeError;

GQuark gt_exchange_error_quark (void);

typedef enum
{
  GT_EXCHANGE_KIND_REPORT,   /* 月报: a township's registers for a period */
  GT_EXCHANGE_KIND_FULL,     /* full sync: the registers with every tombstone */
  GT_EXCHANGE_KIND_DISPATCH, /* tasks and notices from the county */
  GT_EXCHANGE_KIND_ACK,      /* acknowledgements of dispatched tasks */
} GtExchangeKind;

const char *gt_exchange_kind_to_string (GtExchangeKind kind);
/* "Monthly report", "Full sync", … (translated). */
const char *gt_exchange_kind_label (GtExchangeKind kind);
gboolean gt_exchange_kind_from_string (const char *text, GtExchangeKind *kind);

/* Whether @code can be an office code in a package (the XSD's g:code: 1 to 32 letters,
 * digits, "-" or "_"); else @error (GT_EXCHANGE_ERROR_FAILED) names it. */
gboolean gt_exchange_check_code (const char *code, GError **error);

/* Record types, in the order of the package's bodies. */
typedef enum
{
  GT_EXCHANGE_ORGANIZATION,
  GT_EXCHANGE_MEMBER,
  GT_EXCHANGE_HOUSEHOLD,
  GT_EXCHANGE_LINK,
  GT_EXCHANGE_PROJECT,
  GT_EXCHANGE_MILESTONE,
  GT_EXCHANGE_MEETING,      /* 三会一课 records with their attendance counts */
  GT_EXCHANGE_DUES_PAYMENT, /* one member's dues for one month */
  GT_EXCHANGE_POINT,        /* a 学分/工分 ledger entry */
  GT_EXCHANGE_RATING,       /* one result of a published score run (stars, red/black list,
                               fortress index, member points, household-link score) */
  GT_EXCHANGE_TOMBSTONE,
  GT_EXCHANGE_TASK,
  GT_EXCHANGE_ACK,
  GT_EXCHANGE_N_TYPES
} GtExchangeType;

/* "organization", "member", … (the element name) */
const char *gt_exchange_type_name (GtExchangeType type);
/* "organizations", "members", … (the body and the header count attribute) */
const char *gt_exchange_type_plural (GtExchangeType type);
/* "Members", "Households", … (translated; a type this build has no word for shows its
 * element name, so new record types appear without changes here). */
const char *gt_exchange_type_label (GtExchangeType type);
/* One record of @type for messages: "member", "dues payment", … (translated). */
const char *gt_exchange_type_label_singular (GtExchangeType type);
/* "Gender" (性别 in Chinese) for "gender": a field of a package's record (an attribute of
 * data/guatu-exchange-1.xsd, or "text"/"#text", an element's own text) as import messages,
 * the import dialog and guatu-cli name it (translated); an unknown field is its own name. */
const char *gt_exchange_field_label (const char *field);

typedef enum
{
  GT_EXCHANGE_NEW,
  GT_EXCHANGE_UPDATED,
  GT_EXCHANGE_UNCHANGED,
  GT_EXCHANGE_CONFLICTING,
  GT_EXCHANGE_IGNORED, /* an acknowledgement of a task not issued to its sender: not stored */
  GT_EXCHANGE_N_OUTCOMES
} GtExchangeOutcome;

typedef enum
{
  GT_EXCHANGE_RESOLVE_NONE,          /* conflicts stop the import */
  GT_EXCHANGE_RESOLVE_KEEP_LOCAL,
  GT_EXCHANGE_RESOLVE_TAKE_INCOMING,
} GtExchangeResolution;

/* ---- export ---- */

typedef struct
{
  GtExchangeKind kind;
  const char *period;        /* "YYYY-MM" (report; default: the current month), or NULL */
  const char *to_code;       /* receiver; NULL: the parent office (meta exchange.parent_code,
                                else the first six digits of this office's code) */
  const char *to_name;       /* NULL: from the trust list, else empty */
  gboolean mask;             /* mask ID numbers and phones */
  const char *created;       /* ISO 8601 with zone; NULL: now (tests pass a fixed one) */
} GtExchangeExportOptions;

typedef struct
{
  char *path;
  char *package_uuid;
  char *sha256;              /* of the whole file */
  goffset size;
  guint counts[GT_EXCHANGE_N_TYPES];
  char *receiver_code;
} GtExchangeExportInfo;

void gt_exchange_export_info_free (GtExchangeExportInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtExchangeExportInfo, gt_exchange_export_info_free)

/* Progress of a long export or import: @fraction goes from 0 to 1. Called on the thread
 * doing the work (a GUI marshals it to the main loop). */
typedef void (*GtExchangeProgress) (double fraction, gpointer user_data);

/* Writes a signed package to @path. @info (may be NULL) receives what was written. */
gboolean gt_exchange_export (GtStorage *storage, const char *path,
                             const GtExchangeExportOptions *options, GtExchangeExportInfo **info,
                             GError **error);
/* The same with progress and cancellation (G_IO_ERROR_CANCELLED; nothing is left at @path). */
gboolean gt_exchange_export_full (GtStorage *storage, const char *path,
                                  const GtExchangeExportOptions *options,
                                  GCancellable *cancellable, GtExchangeProgress progress,
                                  gpointer progress_data, GtExchangeExportInfo **info,
                                  GError **error);

/* ---- verify and import ---- */

typedef struct
{
  GtExchangeType type;
  char *uuid;
  char *local;    /* JSON of the fields as stored here, with rev and mtime */
  char *incoming; /* JSON of the fields in the package */
} GtExchangeConflict;

/* One field of a conflict's two versions of a record: its name ("name", or "x.y" for a
 * field of an inner object; a record's own "data" object is flattened), its text here and
 * in the package ("" when absent), and whether they differ. */
typedef struct
{
  char *field;
  char *local;
  char *incoming;
  gboolean differs;
} GtConflictField;

void gt_conflict_field_free (GtConflictField *field);
/* The fields of a conflict's two JSON objects (local first, then fields only incoming), for
 * the import dialog's side-by-side view and guatu-cli import. */
GPtrArray *gt_conflict_fields (const GtExchangeConflict *conflict);

typedef struct
{
  char *path;
  char *sha256;
  char *key_fingerprint;
  char *package_uuid;
  GtExchangeKind kind;
  int version;
  char *sender_code, *sender_name;  /* as the package's header writes them */
  char *trusted_name;      /* the sender's name as this office's trust list has it, or NULL */
  gboolean sender_verified; /* signed by a key trusted for sender_code; FALSE: only claimed */
  char *receiver_code, *receiver_name;
  char *period;
  char *created;
  char *generator;
  gboolean masked;
  guint claimed[GT_EXCHANGE_N_TYPES];                    /* header counts */
  guint counts[GT_EXCHANGE_N_TYPES][GT_EXCHANGE_N_OUTCOMES]; /* import preview/result */
  GPtrArray *conflicts;    /* GtExchangeConflict, the first GT_EXCHANGE_MAX_CONFLICTS */
  guint n_conflicts;       /* all of them */
  GPtrArray *ignored;      /* why each record GT_EXCHANGE_IGNORED was (translated, the first
                              GT_EXCHANGE_MAX_CONFLICTS) */
  gboolean already_imported;
  char *imported_on;       /* when already_imported */
  gboolean applied;        /* the database was changed */
  char *backup_path;       /* the automatic backup made before applying */
} GtExchangeResult;

/* What importing the records of @type did, e.g. "215 new, 0 updated, 3 unchanged, 1
 * conflicting" (", 2 ignored" when some were); for deletions "2 deleted, 0 already deleted, 1 not held here, 0 conflicting". */
char *gt_exchange_result_outcome_text (const GtExchangeResult *result, GtExchangeType type);

#define GT_EXCHANGE_MAX_CONFLICTS 100

/* Who the package comes from, for the user: a verified sender by the name the trust list
 * gives it, with the package's own name too when that differs; one only claimed (signed by
 * a key not in the trust list) marked as claimed and unverified. NULL without a sender. */
char *gt_exchange_result_sender_text (const GtExchangeResult *result);

void gt_exchange_result_free (GtExchangeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtExchangeResult, gt_exchange_result_free)

/* Checks @path completely (signature, safety limits, schema, receiver, version, counts)
 * without changing anything. The result carries the header. */
GtExchangeResult *gt_exchange_verify_file (GtStorage *storage, const char *path, GError **error);

typedef enum
{
  GT_EXCHANGE_IMPORT_DEFAULT = 0,
  GT_EXCHANGE_IMPORT_DRY_RUN = 1 << 0, /* preview only: everything is rolled back */
  GT_EXCHANGE_IMPORT_NO_BACKUP = 1 << 1, /* tests and benchmarks only */
} GtExchangeImportFlags;

/* Imports @path. Returns NULL with @error for a rejected package (database unchanged).
 * With conflicts and GT_EXCHANGE_RESOLVE_NONE it fails with GT_EXCHANGE_ERROR_CONFLICTS
 * unless dry-run; then the preview is in @preview (may be NULL) for a resolution dialog.
 * A package signed by a key not in the trust list (GT_KEYS_ERROR_UNTRUSTED) puts in
 * @preview the header it claims, sender_verified FALSE, and @error names that sender. */
GtExchangeResult *gt_exchange_import (GtStorage *storage, const char *path,
                                      GtExchangeImportFlags flags,
                                      GtExchangeResolution resolution,
                                      GtExchangeResult **preview, GError **error);
/* The same with progress and cancellation (G_IO_ERROR_CANCELLED; the transaction is rolled
 * back). Run it in a GTask with its own GtStorage: it blocks for seconds on big packages. */
GtExchangeResult *gt_exchange_import_full (GtStorage *storage, const char *path,
                                           GtExchangeImportFlags flags,
                                           GtExchangeResolution resolution,
                                           GCancellable *cancellable,
                                           GtExchangeProgress progress, gpointer progress_data,
                                           GtExchangeResult **preview, GError **error);

/* Limits (settings in the meta table, these are the defaults). */
#define GT_EXCHANGE_MAX_BYTES_DEFAULT (512 * 1024 * 1024) /* meta exchange.max_bytes */
#define GT_EXCHANGE_MAX_DEPTH 8
#define GT_EXCHANGE_MAX_TEXT (64 * 1024)

/* This office's code and name (meta office_code/office_name), and the parent office's code. */
char *gt_exchange_office_code (GtStorage *storage);
char *gt_exchange_parent_code (GtStorage *storage);

/* The period of a report package when none is named: the last month that has ended (on
 * 4 December, November), as YYYY-MM. A month under way is not yet over to report. */
char *gt_exchange_default_period (void);

G_END_DECLS
