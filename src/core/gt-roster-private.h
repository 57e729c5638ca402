/* gt-roster-private.h — what the gt-roster*.c files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/resource.h>

#include "gt-roster.h"

G_BEGIN_DECLS

/* One checked row of a roster, ready to insert. Its strings live in the report's string
 * chunk (a roster of 200 000 rows: one allocation per row instead of ten). */
struct _GtRosterRow
{
  guint line;
  gboolean valid;
  char gender;
  const char *name;
  const char *ethnicity;
  const char *id_number; /* NULL when not given */
  const char *phone;
  const char *education;
  const char *occupation;
  const char *birth_date;
  const char *join_date;
  const char *full_date;
  const char *category;
  gint64 org_id;
  gint64 group_id; /* a 党小组 of org_id, 0 for none */
};

/* The organisation (not archived) whose code or name is @text; GT_ROSTER_ERROR_UNKNOWN_ORG
 * when there is none, or when several share the name. */
gboolean gt_roster_find_org (GtStorage *storage, const char *text, gint64 *id, GError **error);

/* The organisations (not archived) a roster's rows may name, read once (gt-roster-orgs.c). */
typedef struct
{
  GHashTable *names;        /* name → gint64 id, or 0 when several share the name */
  GHashTable *codes;        /* code → gint64 id */
  GHashTable *kinds;        /* gint64 id → kind (interned), for those that hold no members */
  GHashTable *branches;     /* gint64 id of a 党支部 → its name, for the messages */
  GHashTable *groups;       /* "BRANCH-ID NAME" and "BRANCH-ID CODE" of a 党小组 → gint64 id */
  GHashTable *group_branch; /* gint64 id of a 党小组 of a 党支部 → gint64 id of the branch */
} GtRosterOrgs;

void gt_roster_orgs_init (GtRosterOrgs *orgs);
void gt_roster_orgs_clear (GtRosterOrgs *orgs);
gboolean gt_roster_orgs_load (GtRosterOrgs *orgs, GtStorage *storage, GError **error);
/* The organisation named or coded @text: its id, 0 when there is none, -1 when the name is
 * shared by several; and the message that says which. */
gint64 gt_roster_orgs_find (GtRosterOrgs *orgs, const char *text);
char *gt_roster_orgs_message (const char *text, gint64 found);
/* The kind of organisation @id when it holds no members (a 党委 …), else NULL. */
const char *gt_roster_orgs_refused_kind (GtRosterOrgs *orgs, gint64 id);
/* The branch of 党小组 @group_id; 0 when it is no group of a 党支部. */
gint64 gt_roster_orgs_group_branch (GtRosterOrgs *orgs, gint64 group_id);
/* The 党小组 of branch @branch_id named or coded @text; 0 when there is none. */
gint64 gt_roster_orgs_group (GtRosterOrgs *orgs, gint64 branch_id, const char *text);
/* The name of 党支部 @branch_id; NULL when it is no 党支部. */
const char *gt_roster_orgs_branch_name (GtRosterOrgs *orgs, gint64 branch_id);
/* gt_roster_find_org () in tables already read. */
gboolean gt_roster_orgs_resolve (GtRosterOrgs *orgs, GtStorage *storage, const char *text,
                                 gint64 *out, GError **error);

/* The fields of a member a roster's columns hold. */
typedef enum
{
  FIELD_NAME,
  FIELD_GENDER,
  FIELD_ETHNICITY,
  FIELD_ID_NUMBER,
  FIELD_PHONE,
  FIELD_EDUCATION,
  FIELD_OCCUPATION,
  FIELD_BIRTH_DATE,
  FIELD_JOIN_DATE,
  FIELD_FULL_DATE,
  FIELD_BRANCH,
  FIELD_CATEGORY,
  FIELD_GROUP,    /* 所在党小组: a 党小组 of the row's branch, by name or code */
  N_FIELDS
} GtRosterField;

/* The field codes in the order of GtRosterField, then "ignore". */
const char *gt_roster_field_code (guint index);
int gt_roster_field_index (const char *code);
/* The field a header names (姓名, *姓名, name, ID number…), or N_FIELDS. */
GtRosterField gt_roster_field_for_header (const char *header);

/* Cell text (gt-roster-text.c). Blank means empty or spaces only, full-width ones included. */
gboolean gt_roster_is_blank_text (const char *text);
/* The part of @text without surrounding spaces: *@length bytes from *@start. */
void gt_roster_strip_span (const char *text, const char **start, gsize *length);
/* A copy of @text without surrounding spaces. */
char *gt_roster_strip (const char *text);
/* Full-width digits and date punctuation folded to ASCII; spaces and the ASCII characters
 * in @drop left out. */
char *gt_roster_fold (const char *text, const char *drop);
/* The 18th birthday of someone born on @birth (YYYY-MM-DD) into @out, as SQLite's date (birth,
 * '+18 years') reckons it. */
void gt_roster_age_18 (const char *birth, char out[11]);
/* The members already stored, by ID number (gt-roster-known.c). */
typedef struct _GtRosterKnown GtRosterKnown;
GtRosterKnown *gt_roster_known_new (GtStorage *storage);
void gt_roster_known_free (GtRosterKnown *known);
/* Whether a stored member has @id_number; if so, their name and organisation's. */
gboolean gt_roster_known_owner (GtRosterKnown *known, const char *id_number, char **name,
                                char **org);
/* For tests: above @max stored ID numbers, each row's is looked up in SQLite instead of in
 * a table read once (default 50 000). */
void gt_roster_set_known_ids_max (guint max);

/* The process's CPU time (user and system) in seconds, for the import's debug timings. */
static inline double
gt_roster_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* ---- reading a roster: shared by the row checks (gt-roster.c) and the file's reading
 * (gt-roster-read.c) ---- */

typedef struct
{
  GtStorage *storage;
  GtRosterReport *report;
  int columns[N_FIELDS]; /* column index of each field, or -1 */
  GPtrArray *headers;    /* the header row as written */
  guint n_named;         /* the columns up to the last one with a header: every row has them */
  GtRosterOrgs orgs;     /* the organisations, read once (gt-roster-orgs.c) */
  gint64 default_org;
  GHashTable *ids;       /* ID number → GtRosterRow of its first line */
  GHashTable *mapping;   /* remembered: header → field code */
  GtRosterKnown *known;  /* the members stored, by ID number */
  char today[11];
  /* the cells of the ID number and phone columns not blank, and those with a "*" in them
   * (a masked export, gt-roster-read.c) */
  guint n_id_cells, n_id_masked, n_phone_cells, n_phone_masked;
} GtRosterParse;

/* Adds a problem, keeping the list in line order; takes @message. Returns the problem. */
GtRosterProblem *gt_roster_add_problem (GtRosterReport *report, guint line, const char *column,
                                        gboolean warning, char *message);
/* Frees a row (its strings belong to the report's chunk). */
void gt_roster_row_free (gpointer row);
/* Maps the header row to fields; FALSE when the file cannot be a roster. */
gboolean gt_roster_read_header (GtRosterParse *p, GPtrArray *fields, guint line);
/* Checks one record and adds it to the report. */
void gt_roster_read_row (GtRosterParse *p, GPtrArray *fields, guint line);

G_END_DECLS
