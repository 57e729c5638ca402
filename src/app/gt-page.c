/* gt-page.c — what every area of the main window implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-page.h"

G_DEFINE_INTERFACE (GtPage, gt_page, GTK_TYPE_WIDGET)

static void
gt_page_default_init (GtPageInterface *iface)
{
}

void
gt_page_set_storage (GtPage *page, GtStorage *storage)
{
  g_return_if_fail (GT_IS_PAGE (page));
  g_return_if_fail (storage == NULL || GT_IS_STORAGE (storage));

  GT_PAGE_GET_IFACE (page)->set_storage (page, storage);
}

void
gt_page_report_error (GtPage *page, const GError *error)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (page));

  g_warning ("%s", error->message);
  /* The window shows errors in its info bar; it listens for this signal name. */
  if (GTK_IS_WINDOW (toplevel))
    g_signal_emit_by_name (toplevel, "report-error", error->message);
}
