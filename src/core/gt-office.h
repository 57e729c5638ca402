/* gt-office.h — a new office database: role, office name and code, operator (used by
 * `guatu-cli init` and the first-run assistant)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_OFFICE_ERROR (gt_office_error_quark ())

typedef enum
{
  GT_OFFICE_ERROR_ROLE,   /* role is not "township" or "county" */
  GT_OFFICE_ERROR_NAME,   /* office name missing or too long */
  GT_OFFICE_ERROR_CODE,   /* office code is not an administrative code of the right length */
  GT_OFFICE_ERROR_EXISTS, /* the database file already exists */
} GtOfficeError;

GQuark gt_office_error_quark (void);

typedef struct
{
  const char *role;          /* "township" or "county"; NULL means "township" */
  const char *office_name;   /* may be NULL (CLI) */
  const char *office_code;   /* may be NULL (CLI) */
  const char *operator_name; /* may be NULL */
} GtOfficeInfo;

/* Meta keys the office identity is stored under. */
#define GT_OFFICE_KEY_ROLE "role"
#define GT_OFFICE_KEY_NAME "office_name"
#define GT_OFFICE_KEY_CODE "office_code"
#define GT_OFFICE_KEY_OPERATOR "operator"

/* Checks one field; the message says what is wrong and what is expected.
 * An office code is ASCII digits: 6 for a county (县级行政区划代码), 6 or 9 for a township
 * (the county's code followed by the township's three digits), with a province prefix
 * between 11 and 82. */
gboolean gt_office_check_role (const char *role, GError **error);
gboolean gt_office_check_name (const char *name, GError **error);
gboolean gt_office_check_code (const char *role, const char *code, GError **error);

/* Checks every field given in @info and writes them to the database's meta table in one
 * transaction; writes nothing when a field is wrong. */
gboolean gt_office_write (GtStorage *storage, const GtOfficeInfo *info, GError **error);

/* Creates the database @path (with its folder) holding the office identity. Refuses an
 * existing file (GT_OFFICE_ERROR_EXISTS) and leaves it unchanged; checks the fields before
 * creating anything; removes the new file when writing fails. */
GtStorage *gt_office_create (const char *path, const GtOfficeInfo *info, GError **error);

G_END_DECLS
