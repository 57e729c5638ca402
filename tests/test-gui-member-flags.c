/* test-gui-member-flags.c — the member window's status and posts tab
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-household-page.h"
#include "gt-household.h"
#include "gt-member-dialog.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-roster-export-dialog.h"
#include "gt-roster-import-dialog.h"
#include "gt-window.h"
#include "gui-test.h"

/* The member window's status tab: mobility with a place, posts, A/B; saved to the database
 * and seen by the member list's filters. In a process of its own, with a demo database of
 * its own, like the roster dialogs. */
static void
test_member_flags_dialog (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL, reader = NULL;
  g_autoptr (GtMemberFlags) flags = NULL;
  g_autofree char *dir = NULL, *path = NULL, *wal = NULL, *shm = NULL;
  GtMemberFilter mobile = { .flag = GT_MEMBER_FLAG_MOBILE };
  GtMemberFilter frail = { .flag = GT_MEMBER_FLAG_FRAIL };
  GtkWidget *dialog, *notebook, *mobility, *place, *contact, *save, *error_label, *tab;
  gint64 n = 0;

  dir = g_dir_make_tmp ("guatu-gui-flags-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "flags.db", NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));

  dialog = GTK_WIDGET (gt_member_dialog_new (NULL, storage, 1));
  gtk_widget_show (dialog);
  pump ();
  notebook = find_widget (dialog, GTK_TYPE_NOTEBOOK, "notebook");
  g_assert_cmpint (gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)), ==, 3);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), 2);
  pump ();
  tab = find_widget (gtk_notebook_get_tab_label (GTK_NOTEBOOK (notebook),
                                                 gtk_notebook_get_nth_page (
                                                   GTK_NOTEBOOK (notebook), 2)),
                     GTK_TYPE_LABEL, NULL);
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tab)), ==, "状态与岗位");
  else
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tab)), ==, "Status and Posts");

  mobility = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "mobility_combo");
  place = find_widget (dialog, GTK_TYPE_ENTRY, "place_entry");
  contact = find_widget (dialog, GTK_TYPE_ENTRY, "contact_entry");
  save = find_widget (dialog, GTK_TYPE_BUTTON, "save_flags_button");
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (mobility)), ==, "none");
  g_assert_false (gtk_widget_get_sensitive (place));
  g_assert_false (gtk_widget_get_sensitive (contact));

  /* gone out, but where to is missing: refused, the reason shown, nothing written */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mobility), "out");
  g_assert_true (gtk_widget_get_sensitive (place));
  g_assert_true (gtk_widget_get_sensitive (contact));
  gtk_button_clicked (GTK_BUTTON (save));
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (error_label)), path));
  g_assert_true (gt_member_count (storage, NULL, &mobile, 0, &n, &error));
  g_assert_cmpint (n, ==, 0);

  /* with the place, elderly or frail, two posts, employed, B post */
  gtk_entry_set_text (GTK_ENTRY (place), "浙江省杭州市余杭区");
  gtk_entry_set_text (GTK_ENTRY (contact), "13800001234");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "frail_check")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "post_policy_publicist")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "post_dispute_mediator")), TRUE);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "employment_combo")), "employed");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "link_post_combo")), "B");
  gtk_button_clicked (GTK_BUTTON (save));
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  screenshot (dialog, "member-dialog-flags");

  /* in the database, as another connection reads it */
  reader = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  flags = gt_member_get_flags (reader, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flags->mobility, ==, "out");
  g_assert_cmpstr (flags->place, ==, "浙江省杭州市余杭区");
  g_assert_cmpstr (flags->contact, ==, "13800001234");
  g_assert_false (flags->lost_contact);
  g_assert_true (flags->frail);
  g_assert_cmpstr (flags->employment, ==, "employed");
  g_assert_cmpuint (g_strv_length (flags->posts), ==, 2);
  g_assert_cmpstr (flags->posts[0], ==, "policy_publicist");
  g_assert_cmpstr (flags->posts[1], ==, "dispute_mediator");
  g_assert_cmpstr (flags->link_post, ==, "B");
  g_assert_true (gt_member_count (reader, NULL, &mobile, 0, &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (gt_member_count (reader, NULL, &frail, 0, &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_clear_object (&reader);

  /* back home: the place goes with it, the entries are insensitive again */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mobility), "none");
  g_assert_false (gtk_widget_get_sensitive (place));
  gtk_button_clicked (GTK_BUTTON (save));
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (place)), ==, "");
  g_assert_true (gt_member_count (storage, NULL, &mobile, 0, &n, &error));
  g_assert_cmpint (n, ==, 0);

  gtk_widget_destroy (dialog);
  g_clear_object (&storage);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/member-flags-dialog", test_member_flags_dialog);
  return g_test_run ();
}
