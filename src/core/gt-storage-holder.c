/* gt-storage-holder.c — who has a database open, so "busy" can say who holds it
 *
 * When the application or guatu-cli opens a database it names its operator; this file then
 * writes a small key file next to the database, DB.holder-PID (0600): operator, program,
 * process, host and since when. It is removed when that connection closes. A program that
 * finds the database busy lists the holders other than itself whose process still runs
 * (on this host; a holder on another host, over a shared folder, is listed as it is).
 * A crashed program leaves its file behind; it is ignored once its process is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "gt-storage-holder.h"

#define GROUP "holder"

char *
gt_storage_holder_path (const char *db_path, gint64 pid)
{
  return g_strdup_printf ("%s.holder-%" G_GINT64_FORMAT, db_path, pid);
}

char *
gt_storage_holder_write (const char *db_path, const char *operator_name, const char *program)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *data = NULL;
  char *path = gt_storage_holder_path (db_path, getpid ());
  gsize length;

  g_key_file_set_string (file, GROUP, "operator", operator_name != NULL ? operator_name : "");
  g_key_file_set_string (file, GROUP, "program", program != NULL ? program : "");
  g_key_file_set_int64 (file, GROUP, "pid", getpid ());
  g_key_file_set_string (file, GROUP, "host", g_get_host_name ());
  g_key_file_set_string (file, GROUP, "since", since);
  data = g_key_file_to_data (file, &length, NULL);
  /* Only a courtesy for the message: a folder we cannot write to is no error here. */
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_clear_pointer (&path, g_free);
  return path;
}

static gboolean
process_runs (const char *host, gint64 pid)
{
  if (g_strcmp0 (host, g_get_host_name ()) != 0)
    return TRUE; /* cannot tell: list it */
  return pid > 0 && (kill ((pid_t) pid, 0) == 0 || errno == EPERM);
}

char *
gt_storage_holder_describe (const char *db_path)
{
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *prefix = g_strconcat (base, ".holder-", NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (GKeyFile) file = g_key_file_new ();
      g_autofree char *path = NULL, *operator_name = NULL, *program = NULL, *host = NULL;
      g_autofree char *since = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
        continue;
      pid = g_key_file_get_int64 (file, GROUP, "pid", NULL);
      host = g_key_file_get_string (file, GROUP, "host", NULL);
      if (pid == getpid () && g_strcmp0 (host, g_get_host_name ()) == 0)
        continue;
      if (!process_runs (host, pid))
        continue;
      operator_name = g_key_file_get_string (file, GROUP, "operator", NULL);
      program = g_key_file_get_string (file, GROUP, "program", NULL);
      since = g_key_file_get_string (file, GROUP, "since", NULL);
      if (out->len > 0)
        g_string_append (out, _("; "));
      g_string_append_printf (out,
                              /* Translators: who has the database open: operator, program,
                               * process number, computer, since when */
                              _("%s with %s (process %lld on %s, since %s)"),
                              operator_name != NULL && *operator_name != '\0' ? operator_name
                                                                              : _("someone"),
                              program != NULL ? program : "?", (long long) pid,
                              host != NULL ? host : "?",
                              since != NULL ? since : "?");
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

void
gt_storage_holder_remove (const char *holder_path)
{
  if (holder_path != NULL)
    g_unlink (holder_path);
}
