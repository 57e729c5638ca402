/* gt-office.c — a new office database: role, office name and code, operator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-office.h"

#define MAX_NAME_CHARS 100

G_DEFINE_QUARK (gt-office-error-quark, gt_office_error)

gboolean
gt_office_check_role (const char *role, GError **error)
{
  if (role == NULL || g_str_equal (role, "township") || g_str_equal (role, "county"))
    return TRUE;
  g_set_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_ROLE,
               _("The role must be “township” or “county”, not “%s”."), role);
  return FALSE;
}

gboolean
gt_office_check_name (const char *name, GError **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL)
    return TRUE;
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME,
                           _("The office name is not valid UTF-8 text."));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME,
                           _("Enter the office name, for example 中共某某镇委员会."));
      return FALSE;
    }
  if (g_utf8_strlen (stripped, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME,
                   _("The office name is longer than %d characters."), MAX_NAME_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_office_check_code (const char *role, const char *code, GError **error)
{
  gboolean county = g_strcmp0 (role, "county") == 0;
  size_t len;
  int province;

  if (code == NULL)
    return TRUE;
  len = strlen (code);
  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isdigit (code[i]))
      {
        g_set_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE,
                     _("The office code “%s” may only hold the digits 0–9."), code);
        return FALSE;
      }
  if (county ? len != 6 : (len != 6 && len != 9))
    {
      g_set_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE,
                   county ? _("The office code of a county has 6 digits (the administrative "
                              "division code, for example 330822); “%s” has %d.")
                          : _("The office code of a township has 6 or 9 digits (the county’s "
                              "code, for example 330822, or with the township’s three digits, "
                              "330822105); “%s” has %d."),
                   code, (int) len);
      return FALSE;
    }
  province = (code[0] - '0') * 10 + (code[1] - '0');
  if (province < 11 || province > 82)
    {
      g_set_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE,
                   _("The office code “%s” does not start with a province code (11 to 82)."),
                   code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_all (const GtOfficeInfo *info, GError **error)
{
  return gt_office_check_role (info->role, error) &&
         gt_office_check_name (info->office_name, error) &&
         gt_office_check_code (info->role, info->office_code, error);
}

static gboolean
set_stripped (GtStorage *storage, const char *key, const char *value, GError **error)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return TRUE;
  stripped = g_strstrip (g_strdup (value));
  return gt_storage_set_meta (storage, key, stripped, error);
}

gboolean
gt_office_write (GtStorage *storage, const GtOfficeInfo *info, GError **error)
{
  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!check_all (info, error))
    return FALSE;
  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_storage_set_meta (storage, GT_OFFICE_KEY_ROLE,
                            info->role != NULL ? info->role : "township", error) ||
      !set_stripped (storage, GT_OFFICE_KEY_NAME, info->office_name, error) ||
      !set_stripped (storage, GT_OFFICE_KEY_CODE, info->office_code, error) ||
      (info->operator_name != NULL && *info->operator_name != '\0' &&
       !set_stripped (storage, GT_OFFICE_KEY_OPERATOR, info->operator_name, error)) ||
      !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  return TRUE;
}

GtStorage *
gt_office_create (const char *path, const GtOfficeInfo *info, GError **error)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  if (!check_all (info, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_EXISTS,
                   _("%s already exists; it was left unchanged."), path);
      return NULL;
    }
  folder = g_path_get_dirname (path);
  g_mkdir_with_parents (folder, 0700);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, error);
  if (storage == NULL)
    return NULL;
  if (!gt_office_write (storage, info, error))
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&storage);
      g_unlink (path);
      g_unlink (journal);
      g_unlink (wal);
      g_unlink (shm);
      return NULL;
    }
  return g_steal_pointer (&storage);
}
