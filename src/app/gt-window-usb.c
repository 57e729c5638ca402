/* gt-window-usb.c — removable drives and dropped package files
 *
 * A GVolumeMonitor tells the window when a drive is mounted. A drive that can be removed
 * (its GDrive says so, or the mount can be ejected or unmounted by the user) is offered in a
 * bar: import the packages on it, or export the monthly report to it. The buttons activate
 * the exchange area's window actions with the drive's folder; see gt-window-usb.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-task-bar.h"
#include "gt-window-usb.h"

#define IMPORT_FROM "exchange-import-from"
#define EXPORT_TO "exchange-export-to"
#define IMPORT_FILES "exchange-import-files"

enum
{
  RESPONSE_IMPORT = 1,
  RESPONSE_EXPORT,
};

static gboolean
has_action (GtWindow *self, const char *name, const GVariantType *type)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);
  const GVariantType *param = action != NULL ? g_action_get_parameter_type (action) : NULL;

  return action != NULL && param != NULL && g_variant_type_equal (param, type);
}

static gboolean
is_package_name (const char *name)
{
  size_t len = strlen (name);

  return len > 4 && g_ascii_strcasecmp (name + len - 4, ".xml") == 0;
}

/* Package files (*.xml) directly in @root; the exchange area looks deeper itself. */
static guint
count_packages (const char *root)
{
  g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_package_name (name))
      n++;
  return n;
}

static GtkWidget *
find_offer (GtWindow *self, const char *root)
{
  g_autoptr (GList) children = gtk_container_get_children (
    GTK_CONTAINER (gt_window_get_banner_box (self)));

  for (GList *l = children; l != NULL; l = l->next)
    if (g_strcmp0 (g_object_get_data (l->data, "drive-root"), root) == 0)
      return l->data;
  return NULL;
}

static void
offer_response_cb (GtkInfoBar *bar, int response, GtWindow *self)
{
  const char *root = g_object_get_data (G_OBJECT (bar), "drive-root");

  if (response == RESPONSE_IMPORT || response == RESPONSE_EXPORT)
    g_action_group_activate_action (G_ACTION_GROUP (self),
                                    response == RESPONSE_IMPORT ? IMPORT_FROM : EXPORT_TO,
                                    g_variant_new_string (root));
  gtk_widget_destroy (GTK_WIDGET (bar));
}

GtkWidget *
gt_window_offer_drive (GtWindow *self, const char *root, const char *name)
{
  gboolean can_import = has_action (self, IMPORT_FROM, G_VARIANT_TYPE_STRING);
  gboolean can_export = has_action (self, EXPORT_TO, G_VARIANT_TYPE_STRING);
  g_autofree char *message = NULL, *detail = NULL;
  GtkWidget *bar, *old, *button;
  guint packages;

  g_return_val_if_fail (GT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (root != NULL, NULL);

  old = find_offer (self, root);
  if (old != NULL)
    gtk_widget_destroy (old);
  if (!can_import && !can_export)
    return NULL;

  packages = count_packages (root);
  message = g_strdup_printf (_("The removable drive “%s” is plugged in."),
                             name != NULL ? name : root);
  if (packages > 0)
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "It holds %u exchange package.",
                                           "It holds %u exchange packages.", packages),
                              packages);
  bar = gt_banner_new (GTK_MESSAGE_QUESTION, message, detail, NULL, NULL, NULL);
  g_signal_handlers_disconnect_matched (bar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
  gtk_buildable_set_name (GTK_BUILDABLE (bar), "drive_bar");
  g_object_set_data_full (G_OBJECT (bar), "drive-root", g_strdup (root), g_free);
  if (can_import)
    {
      button = gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Import Packages on This Drive"),
                                        RESPONSE_IMPORT);
      gtk_buildable_set_name (GTK_BUILDABLE (button), "import_button");
    }
  if (can_export)
    {
      button = gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Export the Monthly Report…"),
                                        RESPONSE_EXPORT);
      gtk_buildable_set_name (GTK_BUILDABLE (button), "export_button");
    }
  g_signal_connect (bar, "response", G_CALLBACK (offer_response_cb), self);
  gtk_box_pack_start (gt_window_get_banner_box (self), bar, FALSE, TRUE, 0);
  return bar;
}

void
gt_window_withdraw_drive (GtWindow *self, const char *root)
{
  GtkWidget *old = find_offer (self, root);

  if (old != NULL)
    gtk_widget_destroy (old);
}

gboolean
gt_mount_is_removable (GMount *mount)
{
  g_autoptr (GDrive) drive = g_mount_get_drive (mount);

  if (drive != NULL)
    return g_drive_is_removable (drive) || g_drive_is_media_removable (drive);
  /* No drive (e.g. a stick mounted by hand): one the user can take out. */
  return g_mount_can_eject (mount);
}

static char *
mount_root_path (GMount *mount)
{
  g_autoptr (GFile) root = g_mount_get_root (mount);

  return g_file_get_path (root);
}

static void
mount_added_cb (GVolumeMonitor *monitor, GMount *mount, GtWindow *self)
{
  g_autofree char *root = NULL, *name = NULL;

  if (g_mount_is_shadowed (mount) || !gt_mount_is_removable (mount))
    return;
  root = mount_root_path (mount);
  if (root == NULL)
    return; /* not a local folder (a phone, a network share) */
  name = g_mount_get_name (mount);
  gt_window_offer_drive (self, root, name);
}

static void
mount_removed_cb (GVolumeMonitor *monitor, GMount *mount, GtWindow *self)
{
  g_autofree char *root = mount_root_path (mount);

  if (root != NULL)
    gt_window_withdraw_drive (self, root);
}

gboolean
gt_window_drop_files (GtWindow *self, const char *const *paths)
{
  g_autoptr (GPtrArray) packages = g_ptr_array_new ();

  g_return_val_if_fail (GT_IS_WINDOW (self), FALSE);

  if (!has_action (self, IMPORT_FILES, G_VARIANT_TYPE_STRING_ARRAY))
    return FALSE;
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (is_package_name (paths[i]))
      g_ptr_array_add (packages, (gpointer) paths[i]);
  if (packages->len == 0)
    {
      gt_window_show_problem (self, _("Only exchange packages (.xml files) can be dropped here."),
                              _("To import a roster, use Import Roster in the main menu."),
                              _("_Import Roster…"), "win.import-roster");
      return FALSE;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self), IMPORT_FILES,
                                  g_variant_new_strv ((const char *const *) packages->pdata,
                                                      packages->len));
  return TRUE;
}

static void
drag_data_received_cb (GtkWidget *widget, GdkDragContext *context, int x, int y,
                       GtkSelectionData *data, guint info, guint time, GtWindow *self)
{
  g_auto (GStrv) uris = gtk_selection_data_get_uris (data);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    {
      char *path = g_filename_from_uri (uris[i], NULL, NULL);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  ok = gt_window_drop_files (self, (const char *const *) paths->pdata);
  gtk_drag_finish (context, ok, FALSE, time);
}

static gboolean
drag_motion_cb (GtkWidget *widget, GdkDragContext *context, int x, int y, guint time,
                GtWindow *self)
{
  /* Drops are only taken while the exchange area can import them. */
  if (!has_action (self, IMPORT_FILES, G_VARIANT_TYPE_STRING_ARRAY))
    {
      gdk_drag_status (context, 0, time);
      return TRUE;
    }
  return FALSE;
}

void
gt_window_usb_init (GtWindow *self)
{
  GVolumeMonitor *monitor = g_volume_monitor_get ();

  g_signal_connect_object (monitor, "mount-added", G_CALLBACK (mount_added_cb), self, 0);
  g_signal_connect_object (monitor, "mount-removed", G_CALLBACK (mount_removed_cb), self, 0);
  g_object_set_data_full (G_OBJECT (self), "gt-volume-monitor", monitor, g_object_unref);

  gtk_drag_dest_set (GTK_WIDGET (self), GTK_DEST_DEFAULT_ALL, NULL, 0, GDK_ACTION_COPY);
  gtk_drag_dest_add_uri_targets (GTK_WIDGET (self));
  g_signal_connect (self, "drag-data-received", G_CALLBACK (drag_data_received_cb), self);
  g_signal_connect (self, "drag-motion", G_CALLBACK (drag_motion_cb), self);
}

GPtrArray *
gt_removable_drives (void)
{
  g_autoptr (GVolumeMonitor) monitor = g_volume_monitor_get ();
  GList *mounts = g_volume_monitor_get_mounts (monitor);
  GPtrArray *drives = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = mounts; l != NULL; l = l->next)
    {
      char *path;

      if (g_mount_is_shadowed (l->data) || !gt_mount_is_removable (l->data))
        continue;
      path = mount_root_path (l->data);
      if (path == NULL)
        continue; /* not a local folder (a phone, a network share) */
      g_ptr_array_add (drives, path);
      g_ptr_array_add (drives, g_mount_get_name (l->data));
    }
  g_list_free_full (mounts, g_object_unref);
  return drives;
}
