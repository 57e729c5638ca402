/* test-gui-legend.c — the Chart Legend dialog: a county's own colour and meaning for a status
 * and its at-risk window are stored and come back; an empty meaning is refused with a
 * message and nothing is stored; Defaults brings back red / yellow / blue / green
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-legend-dialog.h"
#include "gt-project-status.h"
#include "gt-window.h"
#include "gui-test.h"

static GtkWidget *
open_legend (GtkWindow *toplevel)
{
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "chart-legend", NULL);
  pump ();
  return find_dialog ("GtLegendDialog");
}

static GtkWidget *
child (GtkWidget *dialog, GType type, const char *name)
{
  GtkWidget *widget = find_widget (dialog, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
assert_legend (GtStorage *storage, GtProjectStatus status, const char *colour,
               const char *meaning)
{
  g_autoptr (GPtrArray) legend = gt_project_legend_load (storage, NULL);
  const GtLegendEntry *entry = gt_project_legend_lookup (legend, status);
  g_autofree char *got = gt_colour_format (entry->r, entry->g, entry->b);

  g_assert_cmpstr (got, ==, colour);
  g_assert_cmpstr (entry->meaning, ==, meaning);
}

static gboolean
drive_legend (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (toplevel));
  GdkRGBA purple = { 0x80 / 255.0, 0, 0x80 / 255.0, 1 };
  GtkWidget *dialog;
  GtkEntry *meaning;

  pump ();
  /* A county whose overdue projects are purple and "红牌督办", at risk within 10 days. */
  dialog = open_legend (toplevel);
  screenshot (dialog, "chart-legend");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (child (dialog, GTK_TYPE_COLOR_BUTTON,
                                                        "overdue_colour")), &purple);
  meaning = GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "overdue_meaning"));
  gtk_entry_set_text (meaning, "红牌督办：节点已过");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, GTK_TYPE_SPIN_BUTTON, "days_spin")),
                             10);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  assert_legend (storage, GT_PROJECT_STATUS_OVERDUE, "#800080", "红牌督办：节点已过");
  g_assert_cmpint (gt_project_at_risk_days (storage), ==, 10);

  /* It comes back; an empty meaning is refused and changes nothing. */
  dialog = open_legend (toplevel);
  meaning = GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "overdue_meaning"));
  g_assert_cmpstr (gtk_entry_get_text (meaning), ==, "红牌督办：节点已过");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "done_meaning")), "  ");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (child (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_cmpstr (label_text (dialog, "error_label"), !=, "");
  screenshot (dialog, "chart-legend-refused");
  assert_legend (storage, GT_PROJECT_STATUS_OVERDUE, "#800080", "红牌督办：节点已过");

  /* Defaults: the overdue colour is red again once saved. */
  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "defaults_button")));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  {
    g_autoptr (GPtrArray) defaults = gt_project_legend_default ();
    const GtLegendEntry *red = gt_project_legend_lookup (defaults, GT_PROJECT_STATUS_OVERDUE);
    g_autofree char *colour = gt_colour_format (red->r, red->g, red->b);

    assert_legend (storage, GT_PROJECT_STATUS_OVERDUE, colour, red->meaning);
  }
  g_assert_cmpint (gt_project_at_risk_days (storage), ==, 14);

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_legend (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("legend.db", &dir);

  gui_test_run_app (path, drive_legend, NULL);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/chart-legend", test_legend);
  return g_test_run ();
}
