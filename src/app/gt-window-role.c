/* gt-window-role.c — what a county's database says on the townships' pages
 *
 * A county office keeps what the townships reported in the roll-up (gt-county.c), not in
 * its own registers: its member list, households, meetings, points and projects hold only
 * the county office's own records, empty in most counties. Opened on such a page, a county
 * user saw "0 名党员" beside an overview that counts the townships' 645. A banner on those
 * pages says where the townships' data is and opens the roll-up. Closed, it stays away
 * until another database is opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-task-bar.h"
#include "gt-window-role.h"

#define BANNER_KEY "gt-role-banner"
#define DISMISSED_KEY "gt-role-banner-dismissed"

/* The pages that show the office's own registers. */
static const char *const register_pages[] = {
  "organizations", "members", "households", "develop", "life", "points", "charts",
  "wall-charts",
};

static gboolean
is_register_page (const char *page)
{
  return page != NULL && g_strv_contains (register_pages, page);
}

static void
banner_destroyed_cb (GtkWidget *banner, GtWindow *self)
{
  /* Closed by the user (not replaced below, which disconnects first): for this database. */
  g_object_set_data (G_OBJECT (self), BANNER_KEY, NULL);
  g_object_set_data (G_OBJECT (self), DISMISSED_KEY, gt_window_get_storage (self));
}

static void
remove_banner (GtWindow *self)
{
  GtkWidget *banner = g_object_get_data (G_OBJECT (self), BANNER_KEY);

  if (banner == NULL)
    return;
  g_signal_handlers_disconnect_by_func (banner, banner_destroyed_cb, self);
  g_object_set_data (G_OBJECT (self), BANNER_KEY, NULL);
  gtk_widget_destroy (banner);
}

void
gt_window_role_update (GtWindow *self, const char *page)
{
  GtStorage *storage = gt_window_get_storage (self);
  g_autofree char *role = storage != NULL ? gt_storage_get_meta (storage, "role") : NULL;
  GtkWidget *banner;

  g_return_if_fail (GT_IS_WINDOW (self));

  if (g_strcmp0 (role, "county") != 0 || !is_register_page (page) ||
      g_object_get_data (G_OBJECT (self), DISMISSED_KEY) == (gpointer) storage)
    {
      remove_banner (self);
      return;
    }
  if (g_object_get_data (G_OBJECT (self), BANNER_KEY) != NULL)
    return;
  banner = gt_banner_new (GTK_MESSAGE_INFO,
                          _("This is a county office’s database. The members, households, "
                            "meetings, points and projects the townships reported are in the "
                            "roll-up; these pages hold the county office’s own records."),
                          NULL, _("Open the _Roll-up"), "win.show-page",
                          g_variant_new_string ("county"));
  g_object_set_data (G_OBJECT (self), BANNER_KEY, banner);
  g_signal_connect (banner, "destroy", G_CALLBACK (banner_destroyed_cb), self);
  gtk_box_pack_start (gt_window_get_banner_box (self), banner, FALSE, TRUE, 0);
}

GtkWidget *
gt_window_role_get_banner (GtWindow *self)
{
  g_return_val_if_fail (GT_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), BANNER_KEY);
}
