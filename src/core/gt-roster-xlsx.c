/* gt-roster-xlsx.c — the roster export as an Excel workbook (.xlsx)
 *
 * The same columns, masking and subtree as the CSV export in gt-roster-write.c, for offices
 * that hand the roster on as a spreadsheet. Every cell is text: Excel and WPS turn an
 * 18-digit ID number typed as a number into 3.30822E+17 and drop its last digits, so ID and
 * phone numbers are written as strings in columns formatted as text ("@"), and dates stay
 * as YYYY-MM-DD. The workbook is written in libxlsxwriter's constant-memory mode, which
 * also puts the strings inline in the sheet (no shared-string table).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-roster-private.h"

typedef struct
{
  const char *header;
  double width; /* in Excel's character widths; a CJK character counts about 2 */
  gboolean text; /* formatted as text, so digits are never read as a number */
} Column;

/* The columns of the CSV export, in its order, with their widths. */
static const Column columns[] = {
  { "姓名", 10, FALSE },
  { "性别", 6, FALSE },
  { "民族", 8, FALSE },
  { "身份证号", 22, TRUE },
  { "手机号码", 15, TRUE },
  { "学历", 10, FALSE },
  { "职业", 12, FALSE },
  { "入党日期", 12, FALSE },
  { "转正日期", 12, FALSE },
  { "所在支部", 28, FALSE },
  { "党员类别", 10, FALSE },
  { "所在党小组", 14, FALSE },
};

/* The active members of the subtree of @org_id (0 for every root), in the order of the tree
 * and then of entry: the query of the CSV export (gt-roster-write.c), kept in step. */
static const char export_sql[] =
  "WITH RECURSIVE tree (id, path) AS ("
  "  SELECT id, printf ('%08d', sort_order) || printf ('%012d', id) FROM organizations"
  "   WHERE archived = 0 AND CASE WHEN ?1 IS NULL THEN parent_id IS NULL ELSE id = ?1 END"
  "  UNION ALL SELECT o.id, tree.path || '/' || printf ('%08d', o.sort_order)"
  "   || printf ('%012d', o.id) FROM organizations o JOIN tree ON o.parent_id = tree.id"
  "   WHERE o.archived = 0)"
  " SELECT m.name, m.gender, m.ethnicity, m.id_number, m.phone, m.education, m.occupation,"
  "  m.join_date, m.full_date,"
  "  CASE WHEN o.code <> '' AND (SELECT count(*) FROM organizations x WHERE x.name = o.name"
  "   AND x.archived = 0) > 1 THEN o.code ELSE o.name END, m.category,"
  "  (SELECT name FROM organizations WHERE id = m.group_id)"
  " FROM tree JOIN members m ON m.org_id = tree.id JOIN organizations o ON o.id = m.org_id"
  " WHERE m.status = 'active' AND (?2 IS NULL OR m.group_id = ?2)"
  " ORDER BY tree.path, m.id";

/* @saved: errno just after the failing call. A failed write in the zip library leaves it
 * set ("No space left on device" says more than "Zip generic error ZIP_ERRNO"). */
static gboolean
xlsx_error (GError **error, const char *display, lxw_error code, int saved)
{
  g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT, _("%s: cannot write: %s"),
               display, code == LXW_ERROR_ZIP_FILE_OPERATION && saved != 0
                          ? g_strerror (saved) : lxw_strerror (code));
  return FALSE;
}

static lxw_error
write_cell (lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, const char *value,
            lxw_format *format)
{
  if (value == NULL || *value == '\0')
    return LXW_NO_ERROR;
  return worksheet_write_string (sheet, row, col, value, format);
}

/* Writes the header and one row per member into @sheet. FALSE with @error set when the
 * database cannot be read; @lxw receives libxlsxwriter's first error. */
static gboolean
write_sheet (GtStorage *storage, gint64 org_id, GtRosterExportFlags flags,
             lxw_worksheet *sheet, lxw_format *bold, lxw_format *text, guint *n_written,
             lxw_error *lxw, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 branch_id = 0, group_id = 0;
  lxw_row_t row = 1;
  int rc = SQLITE_DONE;

  /* a 党小组: the members placed in it, who are registered with its branch */
  if (org_id > 0 && !gt_member_resolve_org (storage, org_id, &branch_id, &group_id, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, export_sql, error);
  if (stmt == NULL)
    return FALSE;
  for (lxw_col_t col = 0; col < G_N_ELEMENTS (columns) && *lxw == LXW_NO_ERROR; col++)
    *lxw = write_cell (sheet, 0, col, columns[col].header, bold);
  if (org_id > 0)
    sqlite3_bind_int64 (stmt, 1, branch_id);
  if (group_id > 0)
    sqlite3_bind_int64 (stmt, 2, group_id);
  while (*lxw == LXW_NO_ERROR && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id_number = (const char *) sqlite3_column_text (stmt, 3);
      const char *phone = (const char *) sqlite3_column_text (stmt, 4);
      const char *gender = (const char *) sqlite3_column_text (stmt, 1);
      const char *category = (const char *) sqlite3_column_text (stmt, 10);
      g_autofree char *masked_id = NULL, *masked_phone = NULL;
      const char *values[G_N_ELEMENTS (columns)];

      if (!(flags & GT_ROSTER_EXPORT_UNMASKED))
        {
          id_number = masked_id = gt_idcard_mask (id_number);
          phone = masked_phone = gt_phone_mask (phone);
        }
      values[0] = (const char *) sqlite3_column_text (stmt, 0);
      values[1] = g_strcmp0 (gender, "F") == 0 ? "女" : "男";
      values[2] = (const char *) sqlite3_column_text (stmt, 2);
      values[3] = id_number;
      values[4] = phone;
      for (int col = 5; col <= 9; col++)
        values[col] = (const char *) sqlite3_column_text (stmt, col);
      values[10] = g_strcmp0 (category, "full") == 0 ? "正式党员" : "预备党员";
      values[11] = (const char *) sqlite3_column_text (stmt, 11);

      for (lxw_col_t col = 0; col < G_N_ELEMENTS (columns) && *lxw == LXW_NO_ERROR; col++)
        *lxw = write_cell (sheet, row, col, values[col], columns[col].text ? text : NULL);
      row++;
      (*n_written)++;
    }
  sqlite3_reset (stmt);
  if (*lxw == LXW_NO_ERROR && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

/* Makes what libxlsxwriter wrote durable: the file's data, then after the rename the
 * folder. Some file systems cannot sync a folder: not an error. */
static int
sync_path (const char *path, gboolean directory)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved = 0;

  if (fd < 0)
    return errno;
  if (fsync (fd) != 0)
    saved = errno;
  close (fd);
  return saved;
}

gboolean
gt_roster_export_xlsx (GtStorage *storage, const char *org, const char *path,
                       GtRosterExportFlags flags, guint *n_written, GError **error)
{
  g_autofree char *display = NULL, *dir = NULL, *base = NULL, *temp = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold, *text;
  lxw_error lxw = LXW_NO_ERROR;
  gint64 org_id = 0;
  guint n = 0;
  int fd, saved;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (org != NULL && *org != '\0' && !gt_roster_find_org (storage, org, &org_id, error))
    return FALSE;

  display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  /* Reserve a temporary name beside @path, readable by its owner only; libxlsxwriter
   * then writes into that file, which keeps its mode. */
  temp = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT, _("%s: cannot create: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  workbook = workbook_new_opt (temp, &options);
  if (workbook == NULL)
    {
      g_unlink (temp);
      return xlsx_error (error, display, LXW_ERROR_MEMORY_MALLOC_FAILED, 0);
    }
  sheet = workbook_add_worksheet (workbook, NULL);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  text = workbook_add_format (workbook);
  format_set_num_format (text, "@");
  for (lxw_col_t col = 0; col < G_N_ELEMENTS (columns) && lxw == LXW_NO_ERROR; col++)
    lxw = worksheet_set_column (sheet, col, col, columns[col].width,
                                columns[col].text ? text : NULL);
  worksheet_freeze_panes (sheet, 1, 0);

  if (lxw != LXW_NO_ERROR ||
      !write_sheet (storage, org_id, flags, sheet, bold, text, &n, &lxw, error))
    {
      workbook_close (workbook); /* frees it; what it wrote goes with the temporary file */
      g_unlink (temp);
      return lxw != LXW_NO_ERROR ? xlsx_error (error, display, lxw, 0) : FALSE;
    }
  errno = 0;
  lxw = workbook_close (workbook);
  if (lxw != LXW_NO_ERROR)
    {
      int zip_errno = errno;

      g_unlink (temp);
      return xlsx_error (error, display, lxw, zip_errno);
    }

  saved = sync_path (temp, FALSE);
  if (saved == 0 && g_rename (temp, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (temp);
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT, _("%s: cannot write: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  saved = sync_path (dir, TRUE);
  if (saved != 0)
    g_debug ("%s: syncing the folder: %s", dir, g_strerror (saved));

  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}
