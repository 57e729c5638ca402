/* gt-roster.c — reading member rosters (党员花名册): header mapping and the checks of each row
 *
 * Import is parse → review → apply: gt_roster_parse() (gt-roster-read.c) reads and checks the
 * whole file against the database without writing, row by row through the checks here;
 * gt_roster_apply() (gt-roster-write.c) inserts the checked rows in one transaction.
 *
 * The file format is Chinese whatever the interface language: header names and the values
 * 男/女 and 正式党员/预备党员 are data, not messages, and are not translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-org.h"
#include "gt-registers.h"
#include "gt-roster-private.h"

G_DEFINE_QUARK (gt-roster-error-quark, gt_roster_error)

typedef GtRosterField Field;

typedef GtRosterParse Parse;

void
gt_roster_row_free (gpointer data)
{
  g_free (data); /* its strings belong to the report's chunk */
}

static void
row_free_typed (GtRosterRow *row)
{
  gt_roster_row_free (row);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtRosterRow, row_free_typed)

/* Adds a problem, keeping the list in line order (a duplicate's first line comes late). */
GtRosterProblem *
gt_roster_add_problem (GtRosterReport *report, guint line, const char *column, gboolean warning,
                       char *message)
{
  GtRosterProblem *problem = g_new0 (GtRosterProblem, 1);
  guint at = report->problems->len;

  problem->line = line;
  problem->column = g_strdup (column);
  problem->message = message;
  problem->warning = warning;
  while (at > 0 && ((GtRosterProblem *) report->problems->pdata[at - 1])->line > line)
    at--;
  g_ptr_array_insert (report->problems, at, problem);
  if (warning)
    report->n_warnings++;
  else
    report->n_errors++;
  return problem;
}

static const char *
column_name (Parse *p, Field field)
{
  return field < N_FIELDS && p->columns[field] >= 0 ? p->headers->pdata[p->columns[field]] : NULL;
}

/* An error in @field of @row; the row will not be imported. */
G_GNUC_PRINTF (4, 5) static void
row_error (Parse *p, GtRosterRow *row, Field field, const char *format, ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gt_roster_add_problem (p->report, row->line, column_name (p, field), FALSE, message);
  row->valid = FALSE;
}

/* Maps the header row to fields. FALSE when the file cannot be a roster. */
gboolean
gt_roster_read_header (Parse *p, GPtrArray *fields, guint line)
{
  for (guint f = 0; f < N_FIELDS; f++)
    p->columns[f] = -1;
  p->n_named = 0;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *header = gt_roster_strip (fields->pdata[i]);
      Field field = gt_roster_field_for_header (header);
      const char *remembered = g_hash_table_lookup (p->mapping, header);

      g_ptr_array_add (p->headers, g_strdup (header));
      if (*header == '\0')
        continue; /* an empty column at the end of a sheet */
      p->n_named = i + 1;
      if (field == N_FIELDS && remembered != NULL)
        {
          if (g_strcmp0 (remembered, "ignore") == 0)
            continue; /* the user said so: no warning */
          field = (Field) gt_roster_field_index (remembered);
        }
      if (field == N_FIELDS)
        {
          gt_roster_add_problem (p->report, line, header, TRUE,
                                 g_strdup (_("unknown column; it was ignored")));
          g_ptr_array_add (p->report->unknown_columns, g_strdup (header));
        }
      else if (p->columns[field] >= 0)
        gt_roster_add_problem (
            p->report, line, header, TRUE,
            g_strdup_printf (_("a second column for the same field as “%s”; it was "
                                "ignored"),
                             (char *) p->headers->pdata[p->columns[field]]));
      else
        p->columns[field] = (int) i;
    }

  if (p->columns[FIELD_NAME] < 0)
    p->report->stop = gt_roster_add_problem (
        p->report, line, NULL, FALSE,
        g_strdup (_("the header row has no column for the name (姓名); is this a "
                     "member roster?")));
  else if (p->columns[FIELD_JOIN_DATE] < 0)
    p->report->stop = gt_roster_add_problem (
        p->report, line, NULL, FALSE,
        g_strdup (_("the header row has no column for the joining date (入党日期)")));
  else if (p->columns[FIELD_BRANCH] < 0 && p->default_org == 0)
    p->report->stop = gt_roster_add_problem (
        p->report, line, NULL, FALSE,
        g_strdup (_("the header row has no column for the organisation (所在支部) "
                     "and no organisation was chosen for the whole file")));
  else
    return TRUE;
  return FALSE;
}

static char *
cell (Parse *p, GPtrArray *fields, Field field)
{
  int column = p->columns[field];

  if (column < 0 || (guint) column >= fields->len)
    return g_strdup ("");
  return gt_roster_strip (fields->pdata[column]);
}

/* TRUE when the cell is empty: *cell () == '\0' without the copy. */
static gboolean
cell_is_blank (Parse *p, GPtrArray *fields, Field field)
{
  int column = p->columns[field];

  return column < 0 || (guint) column >= fields->len || gt_roster_is_blank_text (fields->pdata[column]);
}

/* @text (may be NULL) kept in the report's chunk; @text is freed. */
static const char *
keep (Parse *p, char *text)
{
  const char *kept;

  if (text == NULL)
    return NULL;
  kept = g_string_chunk_insert (p->report->strings, text);
  g_free (text);
  return kept;
}

/* The stripped cell, kept in the report's chunk. A @shared value (ethnicity, education)
 * repeats down the file and is kept once for all rows. */
static const char *
keep_cell (Parse *p, GPtrArray *fields, Field field, gboolean shared)
{
  int column = p->columns[field];
  const char *start;
  gsize length;

  if (column < 0 || (guint) column >= fields->len)
    return "";
  gt_roster_strip_span (fields->pdata[column], &start, &length);
  if (start[length] != '\0') /* spaces were cut off the end */
    return keep (p, g_strndup (start, length));
  if (shared)
    return g_string_chunk_insert_const (p->report->strings, start);
  return g_string_chunk_insert_len (p->report->strings, start, (gssize) length);
}

/* A date column: normalised, or NULL with an error (empty gives NULL without one). */
static char *
date_cell (Parse *p, GtRosterRow *row, GPtrArray *fields, Field field)
{
  g_autofree char *text = cell (p, fields, field);
  g_autofree char *date = NULL;

  if (*text == '\0')
    return NULL;
  date = gt_roster_parse_date (text);
  if (date == NULL)
    row_error (p, row, field, _("“%s” is not a date; write it as 2001-07-01"), text);
  else if (strcmp (date, p->today) > 0)
    row_error (p, row, field, _("the date %s lies in the future"), date);
  else
    return g_steal_pointer (&date);
  return NULL;
}

static void
check_id_number (Parse *p, GtRosterRow *row, GPtrArray *fields, char *id_gender,
                 char **id_birth)
{
  g_autofree char *text = cell (p, fields, FIELD_ID_NUMBER);
  g_autofree char *normalized = NULL, *name = NULL, *org = NULL;
  GtIdcardStatus status;
  GtRosterRow *first;

  if (*text == '\0')
    return;
  status = gt_idcard_validate (text, &normalized, id_birth, id_gender);
  if (status != GT_IDCARD_OK)
    {
      row_error (p, row, FIELD_ID_NUMBER, "%s", gt_idcard_status_message (status));
      return;
    }
  row->id_number = keep (p, g_steal_pointer (&normalized));

  first = g_hash_table_lookup (p->ids, row->id_number);
  if (first != NULL)
    {
      if (first->valid)
        {
          row_error (p, first, FIELD_ID_NUMBER,
                     _("the same ID number appears again on line %u"), row->line);
          p->report->n_valid--;
        }
      row_error (p, row, FIELD_ID_NUMBER, _("the same ID number is already on line %u"),
                 first->line);
      return;
    }
  /* Keyed by the row's own copy: rows outlive the parse. */
  g_hash_table_insert (p->ids, (gpointer) row->id_number, row);

  if (p->known == NULL)
    p->known = gt_roster_known_new (p->storage);
  if (gt_roster_known_owner (p->known, row->id_number, &name, &org))
    row_error (p, row, FIELD_ID_NUMBER,
               _("the database already holds a member with this ID number: %s of %s"), name,
               org);
}

/* A row without an ID number whose name (and birth date, when both have one) a member of
 * the same organisation already has: most likely the same roster imported again. */
static void
check_known_name (Parse *p, GtRosterRow *row)
{
  sqlite3_stmt *stmt;

  if (!row->valid || row->id_number != NULL || *row->name == '\0' || row->org_id <= 0)
    return;
  stmt = gt_storage_prepare (p->storage,
                             "SELECT o.name FROM members m"
                             " JOIN organizations o ON o.id = m.org_id"
                             " WHERE m.org_id = ?1 AND m.name = ?2 AND (?3 IS NULL OR"
                             "  m.birth_date IS NULL OR m.birth_date = ?3) LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, row->org_id);
  sqlite3_bind_text (stmt, 2, row->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->birth_date, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row_error (p, row, FIELD_ID_NUMBER,
               _("the database already holds %s of %s; give this row's ID number to add a "
                 "second member of that name"),
               row->name, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
}

static void
check_gender (Parse *p, GtRosterRow *row, GPtrArray *fields, char id_gender)
{
  g_autofree char *text = cell (p, fields, FIELD_GENDER);

  if (strcmp (text, "男") == 0)
    row->gender = 'M';
  else if (strcmp (text, "女") == 0)
    row->gender = 'F';
  else if (*text != '\0')
    {
      g_autofree char *lower = g_utf8_strdown (text, -1);

      if (strcmp (lower, "m") == 0 || strcmp (lower, "male") == 0)
        row->gender = 'M';
      else if (strcmp (lower, "f") == 0 || strcmp (lower, "female") == 0)
        row->gender = 'F';
      else
        {
          row_error (p, row, FIELD_GENDER, _("the gender must be 男 or 女, not “%s”"), text);
          return;
        }
    }

  if (row->gender == 0)
    row->gender = id_gender;
  if (row->gender == 0 && cell_is_blank (p, fields, FIELD_ID_NUMBER))
    row_error (p, row, p->columns[FIELD_GENDER] >= 0 ? FIELD_GENDER : FIELD_NAME,
               _("the gender is missing; give 男 or 女, or the ID number"));
  else if (id_gender != 0 && row->gender != id_gender)
    row_error (p, row, FIELD_GENDER,
               id_gender == 'M' ? _("the gender “%s” does not match the ID number, which is "
                                    "a man’s")
                                : _("the gender “%s” does not match the ID number, which is "
                                    "a woman’s"), text);
}

static void
check_dates (Parse *p, GtRosterRow *row, GPtrArray *fields, char *id_birth)
{
  g_autofree char *birth = date_cell (p, row, fields, FIELD_BIRTH_DATE);

  if (birth != NULL && id_birth != NULL && strcmp (birth, id_birth) != 0)
    row_error (p, row, FIELD_BIRTH_DATE,
               _("the birth date %s does not match the ID number, which says %s"), birth,
               id_birth);
  row->birth_date = keep (p, g_strdup (id_birth != NULL ? id_birth : birth));

  row->join_date = keep (p, date_cell (p, row, fields, FIELD_JOIN_DATE));
  row->full_date = keep (p, date_cell (p, row, fields, FIELD_FULL_DATE));
  if (cell_is_blank (p, fields, FIELD_JOIN_DATE))
    row_error (p, row, FIELD_JOIN_DATE, _("the joining date is missing"));
  if (row->join_date != NULL && row->birth_date != NULL)
    {
      char adult[11];

      gt_roster_age_18 (row->birth_date, adult);
      if (strcmp (row->join_date, adult) < 0)
        row_error (p, row, FIELD_JOIN_DATE, _("joined on %s, before the age of 18 (born %s)"),
                   row->join_date, row->birth_date);
    }
  if (row->join_date != NULL && row->full_date != NULL &&
      strcmp (row->full_date, row->join_date) < 0)
    row_error (p, row, FIELD_FULL_DATE, _("became a full member on %s, before joining on %s"),
               row->full_date, row->join_date);
  else if (row->join_date != NULL && row->full_date != NULL &&
           !gt_member_probation_served (row->join_date, row->full_date))
    row_error (p, row, FIELD_FULL_DATE,
               _("became a full member on %s, less than a year of probation after joining on"
                 " %s"), row->full_date, row->join_date);
}

static void
check_category (Parse *p, GtRosterRow *row, GPtrArray *fields)
{
  g_autofree char *text = cell (p, fields, FIELD_CATEGORY);
  gboolean no_full_date = cell_is_blank (p, fields, FIELD_FULL_DATE);

  if (*text == '\0')
    row->category = !no_full_date ? "full" : "probationary";
  else if (strstr (text, "预备") != NULL || g_ascii_strcasecmp (text, "probationary") == 0)
    row->category = "probationary";
  else if (strstr (text, "正式") != NULL || g_ascii_strcasecmp (text, "full") == 0)
    row->category = "full";
  else
    {
      row_error (p, row, FIELD_CATEGORY, _("the category must be 正式党员 or 预备党员, not “%s”"),
                 text);
      return;
    }
  if (strcmp (row->category, "full") == 0 && no_full_date)
    row_error (p, row, FIELD_CATEGORY,
               _("a full member needs the date of full membership (转正日期)"));
  else if (strcmp (row->category, "probationary") == 0 && !no_full_date)
    row_error (p, row, FIELD_CATEGORY,
               _("a probationary member has no date of full membership (转正日期)"));
}

static void
check_phone (Parse *p, GtRosterRow *row, GPtrArray *fields)
{
  g_autofree char *text = cell (p, fields, FIELD_PHONE);
  /* Plain digits fold to themselves. */
  g_autofree char *phone = strspn (text, "0123456789") == strlen (text) ? g_strdup (text)
                                                                         : gt_roster_fold (text, "-()");

  if (g_str_has_prefix (phone, "+86"))
    memmove (phone, phone + 3, strlen (phone + 3) + 1);
  if (*phone != '\0' && (strlen (phone) != 11 || phone[0] != '1' ||
                         strspn (phone, "0123456789") != 11))
    row_error (p, row, FIELD_PHONE,
               _("“%s” is not a mobile phone number: 11 digits starting with 1"), text);
  else
    row->phone = keep (p, g_steal_pointer (&phone));
}

static void
check_branch (Parse *p, GtRosterRow *row, GPtrArray *fields)
{
  g_autofree char *text = cell (p, fields, FIELD_BRANCH);
  const char *kind;
  gint64 found, branch;

  if (*text == '\0')
    {
      if (p->default_org > 0)
        row->org_id = p->default_org;
      else
        row_error (p, row, FIELD_BRANCH, _("no organisation given, and none was chosen for the "
                                           "whole file"));
      return;
    }
  found = gt_roster_orgs_find (&p->orgs, text);
  if (found > 0 && (kind = gt_roster_orgs_refused_kind (&p->orgs, found)) != NULL)
    row_error (p, row, FIELD_BRANCH, _("“%s” is a %s; members belong to a 党支部 or a 党小组"),
               text, gt_label_org_kind (kind));
  else if (found > 0 && (branch = gt_roster_orgs_group_branch (&p->orgs, found)) > 0)
    {
      /* a 党小组: the member is registered with its branch, in the group */
      row->org_id = branch;
      row->group_id = found;
    }
  else if (found > 0)
    row->org_id = found;
  else
    {
      g_autofree char *message = gt_roster_orgs_message (text, found);
      row_error (p, row, FIELD_BRANCH, "%s", message);
    }
}

/* 所在党小组: a group of the row's branch, looked up in the table read once. */
static void
check_group (Parse *p, GtRosterRow *row, GPtrArray *fields)
{
  g_autofree char *text = NULL;
  const char *branch;
  gint64 found;

  if (p->columns[FIELD_GROUP] < 0)
    return;
  text = cell (p, fields, FIELD_GROUP);
  if (*text == '\0' || row->org_id <= 0)
    return; /* none, or the branch is wrong already */
  found = gt_roster_orgs_group (&p->orgs, row->org_id, text);
  if (found > 0 && (row->group_id == 0 || row->group_id == found))
    {
      row->group_id = found;
      return;
    }
  branch = gt_roster_orgs_branch_name (&p->orgs, row->org_id);
  if (branch == NULL)
    row_error (p, row, FIELD_GROUP, _("“%s”: only the members of a 党支部 are placed in a Party "
                                      "group"), text);
  else if (found > 0)
    row_error (p, row, FIELD_GROUP, _("“%s” differs from the Party group named in the "
                                      "organisation column"), text);
  else
    row_error (p, row, FIELD_GROUP, _("“%s” is not a Party group (党小组) of “%s”"), text,
               branch);
}

/* A name or free text within the exchange format's limit of @max characters. */
static void
check_length (Parse *p, GtRosterRow *row, Field field, const char *text, glong max)
{
  glong length = g_utf8_strlen (text, -1);

  if (length > max)
    row_error (p, row, field, _("%ld characters; at most %ld are allowed"), length, max);
}

/* Whether @text is partly replaced by asterisks, as a masked export writes numbers. */
static gboolean
is_masked (const char *text)
{
  return strchr (text, '*') != NULL || strstr (text, "＊") != NULL;
}

/* Counts the ID number and phone cells that are not blank, and those masked, for the check
 * of the whole file (gt-roster-read.c). */
static void
count_masked (Parse *p, GPtrArray *fields)
{
  g_autofree char *id = cell (p, fields, FIELD_ID_NUMBER);
  g_autofree char *phone = cell (p, fields, FIELD_PHONE);

  if (*id != '\0')
    {
      p->n_id_cells++;
      p->n_id_masked += is_masked (id);
    }
  if (*phone != '\0')
    {
      p->n_phone_cells++;
      p->n_phone_masked += is_masked (phone);
    }
}

void
gt_roster_read_row (Parse *p, GPtrArray *fields, guint line)
{
  g_autoptr (GtRosterRow) row = NULL;
  g_autofree char *id_birth = NULL;
  /* Excel and WPS end the header row with empty cells (a trailing comma) that the rows
   * after it often leave out: those columns are not required. */
  guint n_columns = p->n_named;
  char id_gender = 0;
  gboolean blank = TRUE;

  for (guint i = 0; i < fields->len && blank; i++)
    blank = gt_roster_is_blank_text (fields->pdata[i]);
  if (blank)
    return;
  p->report->n_rows++;

  row = g_new0 (GtRosterRow, 1);
  row->line = line;
  row->valid = TRUE;
  if (fields->len < n_columns)
    {
      /* Named after the first missing column. */
      gt_roster_add_problem (
          p->report, line, p->headers->pdata[fields->len], FALSE,
          g_strdup_printf (_("the row has only %u of the header’s %u columns; is the "
                              "file truncated?"),
                           fields->len, n_columns));
      return;
    }
  for (guint i = p->headers->len; i < fields->len; i++)
    {
      if (!gt_roster_is_blank_text (fields->pdata[i]))
        {
          g_autofree char *column = g_strdup_printf (_("column %u"), i + 1);
          gt_roster_add_problem (p->report, line, column, FALSE,
                                 g_strdup (_("a value beyond the last column of the header row")));
          row->valid = FALSE;
          break;
        }
    }

  count_masked (p, fields);
  row->name = keep_cell (p, fields, FIELD_NAME, FALSE);
  if (*row->name == '\0')
    row_error (p, row, FIELD_NAME, _("the name is missing"));
  check_length (p, row, FIELD_NAME, row->name, GT_NAME_MAX_CHARS);
  check_id_number (p, row, fields, &id_gender, &id_birth);
  check_gender (p, row, fields, id_gender);
  row->ethnicity = keep_cell (p, fields, FIELD_ETHNICITY, TRUE);
  check_length (p, row, FIELD_ETHNICITY, row->ethnicity, GT_TEXT_MAX_CHARS);
  check_phone (p, row, fields);
  row->education = keep_cell (p, fields, FIELD_EDUCATION, TRUE);
  check_length (p, row, FIELD_EDUCATION, row->education, GT_TEXT_MAX_CHARS);
  row->occupation = keep_cell (p, fields, FIELD_OCCUPATION, TRUE);
  check_length (p, row, FIELD_OCCUPATION, row->occupation, GT_TEXT_MAX_CHARS);
  check_dates (p, row, fields, id_birth);
  check_category (p, row, fields);
  check_branch (p, row, fields);
  check_group (p, row, fields);
  check_known_name (p, row);

  /* Kept even when invalid: a later duplicate of its ID number points back to it. */
  if (row->valid)
    p->report->n_valid++;
  g_ptr_array_add (p->report->rows, g_steal_pointer (&row));
}
