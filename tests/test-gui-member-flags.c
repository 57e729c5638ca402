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
#include "gt-develop-dialogs.h"
#include "gt-develop-page.h"
#include "gt-household-page.h"
#include "gt-household.h"
#include "gt-member-dialog.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-transfer.h"
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

/* The member window's transfer out: through the 介绍信 (asked for, refused without the
 * receiving organisation), recorded with gt_transfer_out (), then offered for printing or
 * saving as PDF; the letter is in the development area's transfers tab. */
static void
test_member_transfer_out (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GtTransfer) letter = NULL;
  g_autofree char *dir = NULL, *path = NULL, *pdf = NULL, *cmd = NULL, *text = NULL;
  g_autofree char *info = NULL;
  const char *to = "中共江山市某镇委员会";
  GtkWidget *dialog, *form, *offer, *chooser, *history, *window, *page;
  gint64 id;

  dir = g_dir_make_tmp ("guatu-gui-letter-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "letter.db", NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM transfers"), ==, 0);

  dialog = GTK_WIDGET (gt_member_dialog_new (NULL, storage, 1));
  gtk_widget_show (dialog);
  pump ();
  history = find_widget (dialog, GTK_TYPE_TREE_VIEW, "history_view");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "event_combo")), "transfer_out");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2026-10-01");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "record_button")));
  pump ();

  /* the letter's form, over the member window, with the date and the validity setting */
  form = find_dialog ("GtkDialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (form)) == GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (form)));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (form, GTK_TYPE_ENTRY,
                                                              "date_entry"))), ==, "2026-10-01");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (form, GTK_TYPE_ENTRY,
                                                              "days_entry"))), ==, "30");
  screenshot (form, "member-transfer-out-letter");
  /* without the receiving organisation: refused in the form, nothing written */
  gtk_dialog_response (GTK_DIALOG (form), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (form, GTK_TYPE_LABEL, "error_label")));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM transfers"), ==, 0);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM member_events"
                                             " WHERE member_id = 1 AND kind = 'transfer_out'"),
                   ==, 0);
  gtk_entry_set_text (GTK_ENTRY (find_widget (form, GTK_TYPE_ENTRY, "to_entry")), to);
  gtk_entry_set_text (GTK_ENTRY (find_widget (form, GTK_TYPE_ENTRY, "days_entry")), "60");
  gtk_dialog_response (GTK_DIALOG (form), GTK_RESPONSE_OK);
  pump ();
  g_assert_null (shown_dialog ("GtkDialog"));

  /* one letter and its event, the member transferred out, the history shows it */
  id = gui_test_scalar (storage, "SELECT id FROM transfers");
  g_assert_cmpint (id, >, 0);
  letter = gt_transfer_lookup (storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (letter->direction, ==, "out");
  g_assert_cmpint (letter->member_id, ==, 1);
  g_assert_cmpstr (letter->to_org, ==, to);
  g_assert_cmpstr (letter->issued_on, ==, "2026-10-01");
  g_assert_cmpint (letter->valid_days, ==, 60);
  g_assert_cmpstr (letter->number, ==, "2026-001");
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM member_events"
                                             " WHERE member_id = 1 AND kind = 'transfer_out'"),
                   ==, 1);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT status = 'transferred_out' FROM members"
                                             " WHERE id = 1"), ==, 1);
  {
    GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (history));
    GtkTreeIter iter;
    gboolean found = FALSE;

    for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
         ok = gtk_tree_model_iter_next (model, &iter))
      {
        g_autofree char *detail = NULL;

        gtk_tree_model_get (model, &iter, 3, &detail, -1);
        found |= detail != NULL && strstr (detail, "2026-001") != NULL;
      }
    g_assert_true (found);
  }

  /* the offer: print now or save as PDF; saved through the file chooser */
  offer = find_dialog ("GtkMessageDialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (offer)) == GTK_WINDOW (dialog));
  screenshot (offer, "member-transfer-out-offer");
  gtk_dialog_response (GTK_DIALOG (offer), GT_LETTER_RESPONSE_SAVE);
  pump ();
  chooser = find_dialog ("GtkFileChooserDialog");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (offer));
  pdf = g_build_filename (dir, "letter.pdf", NULL);
  g_assert_true (gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), pdf));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "letter.pdf");
  pump ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  {
    /* the chooser checks the folder asynchronously before it answers */
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!g_file_test (pdf, G_FILE_TEST_IS_REGULAR) && g_get_monotonic_time () < deadline)
      pump ();
  }
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  pump ();
  g_assert_null (shown_dialog ("GtkMessageDialog"));
  cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  info = gui_test_run (cmd);
  g_assert_nonnull (strstr (info, "Pages:           1"));
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_free (cmd);
  cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  text = gui_test_run (cmd);
  g_assert_nonnull (strstr (text, to));
  g_assert_nonnull (strstr (text, "2026-001"));
  g_assert_nonnull (strstr (text, letter->member_name));

  /* the development area's transfers tab lists the letter */
  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  page = g_object_new (GT_TYPE_DEVELOP_PAGE, NULL);
  gtk_container_add (GTK_CONTAINER (window), page);
  gt_page_set_storage (GT_PAGE (page), storage);
  gtk_widget_show_all (window);
  pump ();
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (
                     find_widget (page, GTK_TYPE_TREE_VIEW, "transfers_view"))), NULL), ==, 1);
  gt_page_set_storage (GT_PAGE (page), NULL);
  gtk_widget_destroy (window);

  gtk_widget_destroy (dialog);
  g_clear_object (&storage);
  gui_test_remove_dir (dir);
}

/* The offer is destroyed while its "Save as PDF…" chooser is open — closed by itself, or
 * with the window it is over: the chooser goes with it, and an answer the chooser still
 * gives reaches nothing (no use of the destroyed offer, which ASan would catch). */
static void
test_member_transfer_out_closed_while_saving (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *dir = NULL, *path = NULL, *pdf = NULL;
  GtTransferOutSpec spec = { .member = "1", .to_org = "中共江山市某镇委员会",
                             .date = "2026-10-01" };
  GtkWidget *window, *offer, *chooser;
  gint64 id = 0;

  dir = g_dir_make_tmp ("guatu-gui-letter-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "letter.db", NULL);
  pdf = g_build_filename (dir, "letter.pdf", NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));
  g_assert_true (gt_transfer_out (storage, &spec, &id, &error));
  g_assert_no_error (error);

  for (int closing_window = 0; closing_window < 2; closing_window++)
    {
      window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
      gtk_widget_show (window);
      offer = gt_transfer_letter_offer_new (GTK_WINDOW (window), storage, id);
      gtk_widget_show (offer);
      pump ();
      gtk_dialog_response (GTK_DIALOG (offer), GT_LETTER_RESPONSE_SAVE);
      pump ();
      chooser = g_object_ref (find_dialog ("GtkFileChooserDialog"));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (offer));
      g_assert_true (gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), pdf));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "letter.pdf");
      pump ();

      if (closing_window)
        gtk_widget_destroy (window); /* the offer goes with its window */
      else
        gtk_widget_destroy (offer);
      pump ();
      g_assert_null (shown_dialog ("GtkMessageDialog"));
      g_assert_null (shown_dialog ("GtkFileChooserDialog"));

      /* an answer from the chooser now saves nothing and touches nothing */
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
      {
        gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

        while (g_get_monotonic_time () < deadline)
          pump ();
      }
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      g_object_unref (chooser);
      if (!closing_window)
        gtk_widget_destroy (window);
      pump ();
    }

  g_clear_object (&storage);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/member-flags-dialog", test_member_flags_dialog);
  g_test_add_func ("/gui/member-transfer-out", test_member_transfer_out);
  g_test_add_func ("/gui/member-transfer-out/closed-while-saving",
                   test_member_transfer_out_closed_while_saving);
  return g_test_run ();
}
