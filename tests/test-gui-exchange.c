/* test-gui-exchange.c — the exchange area, township side: keys and the trust list on the
 * exchange page, a monthly report written through the export dialog, and that file imported
 * into a county database through the import dialog (preview, apply, re-import, a damaged
 * copy refused, a foreign package refused naming whom it claims to come from)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-backup.h"
#include "gt-exchange-check.h"
#include "gt-exchange-export-dialog.h"
#include "gt-exchange-import-dialog.h"
#include "gt-exchange-page.h"
#include "gt-keys.h"
#include "gt-office.h"
#include "gt-window-usb.h"
#include "gt-window.h"
#include "gui-test.h"

#define COUNTY_CODE "330822"
#define TOWNSHIP_CODE "330822105"

typedef struct
{
  char *dir;
  char *county_db;
  char *town_db;
  char *package;     /* written by the township */
  guint members;     /* members in it */
} Test;

static void
wait_until_idle (gboolean (*busy) (gpointer), gpointer object)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (busy (object))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  pump ();
}

static gboolean
export_busy (gpointer dialog)
{
  return gt_exchange_export_dialog_is_busy (dialog);
}

static gboolean
import_busy (gpointer dialog)
{
  return gt_exchange_import_dialog_is_busy (dialog);
}

static GtExchangePage *
exchange_page (GtkWidget *window)
{
  GtkWidget *page;

  g_assert_true (gt_window_show_page (GT_WINDOW (window), "exchange"));
  pump ();
  page = find_widget (window, GT_TYPE_EXCHANGE_PAGE, NULL);
  g_assert_nonnull (page);
  return GT_EXCHANGE_PAGE (page);
}

/* ---- the township ---- */

static void
drive_township (Test *test, GtkWidget *window)
{
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (window));
  GtExchangePage *page = exchange_page (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) county = NULL;
  g_autofree char *fingerprint = NULL, *pem = NULL, *shown = NULL, *county_pem = NULL;
  g_autofree char *county_pem_path = g_build_filename (test->dir, "county.pem", NULL);
  g_autofree char *bad_pem = g_build_filename (test->dir, "bad.pem", NULL);
  g_autofree char *own_pem = g_build_filename (test->dir, "township.pem", NULL);
  g_autofree char *out = g_build_filename (test->dir, "stick", NULL);
  g_autofree char *data = NULL, *sha = NULL;
  GtkWidget *dialog, *button, *generate;
  GtkTreeModel *trust;
  GtkTreeIter iter;
  gsize length = 0;
  gint64 start;

  /* No key yet: the page offers to make one; the button makes it and shows it in groups. */
  g_assert_false (gt_keys_have_own (storage));
  generate = find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "generate_button");
  g_assert_true (gtk_widget_is_visible (generate));
  gtk_button_clicked (GTK_BUTTON (generate));
  pump ();
  g_assert_true (gt_keys_have_own (storage));
  g_assert_false (gtk_widget_is_visible (generate));
  pem = gt_keys_get_public_pem (storage, &fingerprint, &error);
  g_assert_no_error (error);
  shown = gt_keys_format_fingerprint (fingerprint);
  g_assert_cmpuint (strlen (shown), ==, 79);
  {
    /* The fingerprint of a PEM, read without enrolling it, is the one its owner shows. */
    g_autofree char *from_pem = gt_keys_fingerprint_pem (pem, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (from_pem, ==, fingerprint);
  }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (page),
                                                               GTK_TYPE_LABEL, "key_label"))), ==, shown);

  /* Export Public Key writes the PEM the county will enrol. */
  g_assert_true (gt_exchange_page_export_key (page, own_pem, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (own_pem, &data, &length, NULL));
  g_assert_cmpstr (data, ==, pem);
  g_clear_pointer (&data, g_free);

  /* The county's database, with its key (guatu-cli init --role county does the same). */
  {
    GtOfficeInfo info = { "county", "常山县", COUNTY_CODE, NULL };
    county = gt_office_create (test->county_db, &info, &error);
    g_assert_no_error (error);
    g_assert_true (gt_keys_generate (county, FALSE, &error));
    g_assert_no_error (error);
    county_pem = gt_keys_get_public_pem (county, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (county_pem_path, county_pem, -1, NULL));
  }

  /* A file that is no key is refused before anything is asked, naming the file. */
  g_assert_true (g_file_set_contents (bad_pem, "-----BEGIN PUBLIC KEY-----\nxx\n", -1, NULL));
  g_assert_null (gt_exchange_page_trust_file (page, bad_pem));
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (gt_window_get_banner_box (GT_WINDOW (window))),
                                        "banner_message"), "bad.pem"));

  /* Trusting the county's key: the fingerprint in groups, and Trust only once the user says
   * it was compared by phone and the office code is given. */
  dialog = gt_exchange_page_trust_file (page, county_pem_path);
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  {
    g_autofree char *county_fp = gt_keys_fingerprint_pem (county_pem, -1, NULL);
    g_autofree char *county_shown = gt_keys_format_fingerprint (county_fp);
    g_assert_cmpstr (label_text (dialog, "fingerprint_label"), ==, county_shown);
  }
  button = find_widget (dialog, GTK_TYPE_BUTTON, "trust_button");
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "code_entry")),
                      COUNTY_CODE);
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")), "常山县");
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "confirm_check")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (button));
  pump ();
  screenshot (dialog, "exchange-trust-dialog");
  gtk_button_clicked (GTK_BUTTON (button));
  pump ();
  trust = gtk_tree_view_get_model (
    GTK_TREE_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_TREE_VIEW, "trust_view")));
  g_assert_cmpint (count_rows (trust, NULL), ==, 1);
  g_assert_true (gtk_tree_model_get_iter_first (trust, &iter));
  {
    g_autofree char *code = NULL;
    gtk_tree_model_get (trust, &iter, 0, &code, -1);
    g_assert_cmpstr (code, ==, COUNTY_CODE);
  }
  screenshot (window, "exchange-page");

  /* The drive bar's "export the monthly report" opens the dialog aimed at the drive, for
   * the last month that has ended. */
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (window), "exchange-export-to",
                                  g_variant_new_string (out));
  pump ();
  dialog = find_dialog ("GtExchangeExportDialog");
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX, "receiver_combo"))),
                   ==, COUNTY_CODE);
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX, "folder_combo"))),
                   ==, out);
  {
    g_autofree char *last = gt_exchange_default_period ();
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *current = g_date_time_format (now, "%Y-%m");

    g_assert_cmpstr (gtk_combo_box_get_active_id (
                       GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX, "period_combo"))),
                     ==, last);
    g_assert_cmpstr (last, <, current);
  }
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "mask_check"))));
  g_assert_true (g_str_has_prefix (gtk_entry_get_text (GTK_ENTRY (
                   find_widget (dialog, GTK_TYPE_ENTRY, "name_entry"))), TOWNSHIP_CODE "-"));
  screenshot (dialog, "exchange-export-dialog");
  start = g_get_monotonic_time ();
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "export_button")));
  g_assert_true (gt_exchange_export_dialog_is_busy (GT_EXCHANGE_EXPORT_DIALOG (dialog)));
  wait_until_idle (export_busy, dialog);
  g_test_message ("export through the dialog: %.2f s (with 120 ms of pumping)",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_nonnull (gt_exchange_export_dialog_get_written (GT_EXCHANGE_EXPORT_DIALOG (dialog)));
  test->package = g_strdup (gt_exchange_export_dialog_get_written (
    GT_EXCHANGE_EXPORT_DIALOG (dialog)));
  g_assert_true (g_str_has_prefix (test->package, out));
  g_assert_true (g_file_get_contents (test->package, &data, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  g_assert_nonnull (strstr (label_text (dialog, "status_label"), sha));
  screenshot (dialog, "exchange-export-done");

  /* A second export under the same name is refused and changes nothing. */
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "export_button")));
  g_assert_false (gt_exchange_export_dialog_is_busy (GT_EXCHANGE_EXPORT_DIALOG (dialog)));
  g_assert_nonnull (strstr (label_text (dialog, "status_label"), TOWNSHIP_CODE));

  /* Cancel while it runs: the dialog stays, says so, and leaves no file behind. */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")),
                      "cancelled");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "export_button")));
  g_assert_true (gt_exchange_export_dialog_is_busy (GT_EXCHANGE_EXPORT_DIALOG (dialog)));
  g_assert_true (gtk_widget_is_visible (find_widget (dialog, GTK_TYPE_PROGRESS_BAR,
                                                     "progress_bar")));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  wait_until_idle (export_busy, dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (label_text (dialog, "status_label"), ==,
                   _("The export was cancelled; no file was written."));
  {
    g_autoptr (GDir) folder = g_dir_open (out, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (folder) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  gtk_widget_destroy (dialog);

  /* The county checks the file completely: it trusts the township's key first. */
  g_assert_true (gt_keys_trust (county, pem, strlen (pem), TOWNSHIP_CODE, "青石镇", fingerprint,
                                NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtExchangeResult) r = gt_exchange_verify_file (county, test->package, &error);
    g_assert_no_error (error);
    g_assert_nonnull (r);
    g_assert_cmpstr (r->sender_code, ==, TOWNSHIP_CODE);
    g_assert_cmpstr (r->receiver_code, ==, COUNTY_CODE);
    g_assert_true (r->masked);
    g_assert_cmpint (r->kind, ==, GT_EXCHANGE_KIND_REPORT);
    test->members = r->claimed[GT_EXCHANGE_MEMBER];
    g_assert_cmpuint (test->members, >, 0);
    g_assert_cmpuint (test->members, ==, gui_test_scalar (storage, "SELECT count(*) FROM members"));
  }

  /* Remove takes the selected key off the trust list, once confirmed. */
  {
    GtkTreeView *view = GTK_TREE_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_TREE_VIEW,
                                                    "trust_view"));
    GtkWidget *remove = find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "remove_key_button");

    g_assert_false (gtk_widget_is_sensitive (remove));
    g_assert_true (gtk_tree_model_get_iter_first (gtk_tree_view_get_model (view), &iter));
    gtk_tree_selection_select_iter (gtk_tree_view_get_selection (view), &iter);
    g_assert_true (gtk_widget_is_sensitive (remove));
    gtk_button_clicked (GTK_BUTTON (remove));
    pump ();
    g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_trusted_keys"), ==, 1);
    gtk_dialog_response (GTK_DIALOG (find_dialog ("GtkMessageDialog")), GTK_RESPONSE_ACCEPT);
    pump ();
    g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_trusted_keys"), ==, 0);
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (view), NULL), ==, 0);
  }

  /* A key trusted for one office, enrolled for another: the reason and the offer to move it
   * show as soon as the other office's code is typed; Trust refuses until the offer is
   * ticked, then moves the key. */
  g_assert_true (gt_keys_trust (storage, county_pem, strlen (county_pem), COUNTY_CODE, "常山县",
                                NULL, NULL, &error));
  g_assert_no_error (error);
  dialog = gt_exchange_page_trust_file (page, county_pem_path);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  pump ();
  {
    GtkWidget *replace = find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "replace_check");
    GtkWidget *code = find_widget (dialog, GTK_TYPE_ENTRY, "code_entry");
    GtkWidget *error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
    g_autofree char *county_fp = gt_keys_fingerprint_pem (county_pem, -1, NULL);
    GtkTreeView *view = GTK_TREE_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_TREE_VIEW,
                                                    "trust_view"));
    g_autofree char *listed = NULL;

    g_assert_false (gtk_widget_get_visible (replace));
    /* its own office: nothing to point out */
    gtk_entry_set_text (GTK_ENTRY (code), COUNTY_CODE);
    g_assert_false (gtk_widget_get_visible (replace));
    g_assert_false (gtk_widget_get_visible (error_label));
    gtk_entry_set_text (GTK_ENTRY (code), "330822999");
    g_assert_true (gtk_widget_get_visible (replace));
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), COUNTY_CODE));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (replace)), ==,
                     _("_Move the key to this office, away from the office it is trusted for"));
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")), "别的县");
    gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "confirm_check")), TRUE);
    button = find_widget (dialog, GTK_TYPE_BUTTON, "trust_button");
    gtk_button_clicked (GTK_BUTTON (button));
    pump ();
    g_assert_nonnull (dialog);
    g_assert_true (gtk_widget_get_visible (dialog));
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), COUNTY_CODE));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "330822999"));
    g_assert_true (gtk_widget_get_visible (replace));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (replace)));
    screenshot (dialog, "exchange-trust-dialog-refused");
    {
      g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (storage, county_fp, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key->org_code, ==, COUNTY_CODE);
    }
    /* the offer was ticked for that office: another code is asked again, unticked */
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (replace), TRUE);
    gtk_entry_set_text (GTK_ENTRY (code), "330822998");
    g_assert_true (gtk_widget_get_visible (replace));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (replace)));
    gtk_entry_set_text (GTK_ENTRY (code), "330822999");
    g_assert_true (gtk_widget_get_visible (replace));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (replace)));

    /* ticked, Trust moves the key and the dialog closes */
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (replace), TRUE);
    gtk_button_clicked (GTK_BUTTON (button));
    pump ();
    g_assert_null (dialog);
    {
      g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (storage, county_fp, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key->org_code, ==, "330822999");
      g_assert_cmpstr (key->name, ==, "别的县");
    }
    g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_trusted_keys"), ==, 1);
    g_assert_true (gtk_tree_model_get_iter_first (gtk_tree_view_get_model (view), &iter));
    gtk_tree_model_get (gtk_tree_view_get_model (view), &iter, 0, &listed, -1);
    g_assert_cmpstr (listed, ==, "330822999");
  }

  /* A new key of an office that has one (a new computer): the offer to replace the old one
   * shows with the code. This office's own key: the reason, and nothing to tick. */
  {
    g_autofree char *third_db = g_build_filename (test->dir, "third.db", NULL);
    g_autofree char *third_pem_path = g_build_filename (test->dir, "third.pem", NULL);
    g_autofree char *third_pem = NULL;
    GtOfficeInfo info = { "township", "别的镇", "330822999", NULL };
    g_autoptr (GtStorage) third = gt_office_create (third_db, &info, &error);

    g_assert_no_error (error);
    g_assert_true (gt_keys_generate (third, FALSE, &error));
    third_pem = gt_keys_get_public_pem (third, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (third_pem_path, third_pem, -1, NULL));
    dialog = gt_exchange_page_trust_file (page, third_pem_path);
    g_assert_nonnull (dialog);
    gtk_window_present (GTK_WINDOW (dialog));
    pump ();
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "code_entry")),
                        "330822999");
    g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                        "replace_check")));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                    "replace_check"))),
                     ==, _("_Replace the key trusted for this office until now (packages"
                           " signed with it are then refused)"));
    g_assert_nonnull (strstr (label_text (dialog, "error_label"), "330822999"));
    screenshot (dialog, "exchange-trust-dialog-new-key");
    gtk_widget_destroy (dialog);

    dialog = gt_exchange_page_trust_file (page, own_pem);
    g_assert_nonnull (dialog);
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "code_entry")),
                        "330822777");
    g_assert_false (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                         "replace_check")));
    g_assert_cmpstr (label_text (dialog, "error_label"), ==,
                     _("this is this office's own key; trust the key the other office exported"));
    gtk_widget_destroy (dialog);
  }
}

/* ---- the county ---- */

static GtPackage *
only_package (GtkWidget *dialog)
{
  GtkListStore *store = gt_exchange_import_dialog_get_store (GT_EXCHANGE_IMPORT_DIALOG (dialog));
  GPtrArray *packages = gt_package_store_get (store);

  g_assert_cmpuint (packages->len, ==, 1);
  return packages->pdata[0];
}

static GtkWidget *
import_files (GtkWidget *window, const char *path)
{
  const char *paths[] = { path, NULL };
  GtkWidget *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "exchange-import-files",
                                  g_variant_new_strv (paths, 1));
  dialog = find_dialog ("GtExchangeImportDialog");
  wait_until_idle (import_busy, dialog);
  return dialog;
}

/* The row of the counts table for members: "New" column. */
static char *
members_new (GtkWidget *dialog)
{
  GtkTreeModel *counts = gtk_tree_view_get_model (
    GTK_TREE_VIEW (find_widget (dialog, GTK_TYPE_TREE_VIEW, "counts_view")));
  GtkTreeIter iter;

  g_assert_true (gtk_tree_model_get_iter_first (counts, &iter));
  do
    {
      g_autofree char *type = NULL;
      char *n = NULL;

      gtk_tree_model_get (counts, &iter, 0, &type, 2, &n, -1);
      if (g_strcmp0 (type, gt_exchange_type_label (GT_EXCHANGE_MEMBER)) == 0)
        return n;
      g_free (n);
    }
  while (gtk_tree_model_iter_next (counts, &iter));
  return NULL;
}


/* The township changes a member's name without a new revision and reports again: the county
 * sees a conflict, both versions side by side, and imports once "take incoming" is chosen. */
static void
drive_conflict (Test *test, GtkWidget *window)
{
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (window));
  g_autofree char *second = g_build_filename (test->dir, "second.xml", NULL);
  g_autoptr (GError) error = NULL;
  GtkTreeModel *conflicts;
  GtkTreeIter parent, child;
  GtkWidget *dialog, *import;
  GtPackage *p;
  gboolean found = FALSE;

  {
    g_autoptr (GtStorage) town = gt_storage_open (test->town_db, GT_STORAGE_OPEN_DEFAULT, &error);
    GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, NULL, NULL, NULL, TRUE, NULL };

    g_assert_no_error (error);
    g_assert_true (gt_storage_exec (town, "UPDATE members SET name = '冲突测试'"
                                          " WHERE id = (SELECT min (id) FROM members)", &error));
    g_assert_no_error (error);
    g_assert_true (gt_exchange_export (town, second, &options, NULL, &error));
    g_assert_no_error (error);
  }

  dialog = import_files (window, second);
  p = only_package (dialog);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_CONFLICTS);
  g_assert_cmpuint (p->result->n_conflicts, ==, 1);
  import = find_widget (dialog, GTK_TYPE_BUTTON, "import_button");
  g_assert_false (gtk_widget_is_sensitive (import));
  g_assert_true (gtk_widget_is_visible (find_widget (dialog, GTK_TYPE_BOX, "conflict_box")));
  conflicts = gtk_tree_view_get_model (
    GTK_TREE_VIEW (find_widget (dialog, GTK_TYPE_TREE_VIEW, "conflict_view")));
  g_assert_cmpint (gtk_tree_model_iter_n_children (conflicts, NULL), ==, 1);
  g_assert_true (gtk_tree_model_get_iter_first (conflicts, &parent));
  g_assert_true (gtk_tree_model_iter_children (conflicts, &child, &parent));
  do
    {
      g_autofree char *field = NULL, *local = NULL, *incoming = NULL;
      int weight = 0;

      gtk_tree_model_get (conflicts, &child, 0, &field, 1, &local, 2, &incoming, 3, &weight, -1);
      if (g_strcmp0 (field, gt_exchange_field_label ("name")) == 0)
        {
          found = TRUE;
          g_assert_cmpstr (incoming, ==, "冲突测试");
          g_assert_cmpstr (local, !=, incoming);
          g_assert_cmpint (weight, ==, PANGO_WEIGHT_BOLD);
        }
    }
  while (gtk_tree_model_iter_next (conflicts, &child));
  g_assert_true (found);
  screenshot (dialog, "exchange-import-conflicts");

  /* Take incoming: ready, imported, the county holds the new name. */
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_RADIO_BUTTON, "take_radio")), TRUE);
  g_assert_cmpint (p->resolution, ==, GT_EXCHANGE_RESOLVE_TAKE_INCOMING);
  g_assert_true (gtk_widget_is_sensitive (import));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records"
                                   " WHERE data LIKE '%冲突测试%'"), ==, 0);
  gtk_button_clicked (GTK_BUTTON (import));
  wait_until_idle (import_busy, dialog);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_IMPORTED);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records"
                                   " WHERE data LIKE '%冲突测试%'"), ==, 1);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_ledger"
                                   " WHERE resolution = 'take-incoming'"), ==, 1);
  gtk_widget_destroy (dialog);
}

/* The sender column of @dialog's only package. */
static char *
sender_column (GtkWidget *dialog)
{
  GtkTreeModel *model = GTK_TREE_MODEL (
    gt_exchange_import_dialog_get_store (GT_EXCHANGE_IMPORT_DIALOG (dialog)));
  GtkTreeIter iter;
  char *sender = NULL;

  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, GT_PACKAGE_COL_SENDER, &sender, -1);
  return sender;
}

/* A package from an office whose key the county does not trust, claiming to be 冒名镇
 * (330822109): refused, and the list and the details say whom it claims to come from,
 * marked as claimed. */
static void
drive_foreign (Test *test, GtkWidget *window)
{
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (window));
  g_autofree char *db = g_build_filename (test->dir, "stranger.db", NULL);
  g_autofree char *path = g_build_filename (test->dir, "foreign.xml", NULL);
  g_autofree char *sender = NULL, *claimed = NULL;
  g_autoptr (GtStorage) stranger = NULL;
  g_autoptr (GError) error = NULL;
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, NULL, COUNTY_CODE, NULL, FALSE,
                                      NULL };
  gint64 records = gui_test_scalar (storage, "SELECT count(*) FROM ex_records");
  GtkWidget *dialog;
  GtPackage *p;

  stranger = gt_storage_open (db, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (stranger, "office_code", "330822109", &error));
  g_assert_true (gt_storage_set_meta (stranger, "office_name", "冒名镇", &error));
  g_assert_true (gt_keys_generate (stranger, FALSE, &error));
  g_assert_true (gt_exchange_export (stranger, path, &options, NULL, &error));
  g_assert_no_error (error);

  dialog = import_files (window, path);
  p = only_package (dialog);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_REJECTED);
  g_assert_nonnull (p->result);
  g_assert_false (p->result->sender_verified);
  claimed = g_strdup_printf (_("%s (%s) (claimed, not verified)"), "冒名镇", "330822109");
  sender = sender_column (dialog);
  g_assert_cmpstr (sender, ==, claimed);
  g_assert_nonnull (strstr (p->message, claimed));
  g_assert_nonnull (strstr (label_text (dialog, "detail_label"), claimed));
  g_assert_false (gt_exchange_import_dialog_start (GT_EXCHANGE_IMPORT_DIALOG (dialog)));
  screenshot (dialog, "exchange-import-foreign");
  gtk_widget_destroy (dialog);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records"), ==, records);
}

static void
drive_county (Test *test, GtkWidget *window)
{
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (window));
  g_autofree char *damaged = g_build_filename (test->dir, "damaged.xml", NULL);
  g_autofree char *data = NULL, *expected = NULL, *n_new = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  GtkWidget *dialog, *page;
  GtPackage *p;
  gsize length = 0;
  gint64 records, start;
  guint n_backups;

  /* Checking: a dry run; the preview shows every member as new, and nothing changes. */
  dialog = import_files (window, test->package);
  p = only_package (dialog);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_READY);
  g_assert_cmpstr (p->result->sender_code, ==, TOWNSHIP_CODE);
  g_assert_true (p->result->sender_verified);
  {
    /* the sender by the name the county gave it in its trust list */
    g_autofree char *sender = sender_column (dialog);
    g_autofree char *want = gt_exchange_result_sender_text (p->result);

    g_assert_cmpstr (sender, ==, want);
    g_assert_true (g_str_has_prefix (sender, p->result->trusted_name));
    g_assert_nonnull (strstr (label_text (dialog, "detail_label"), sender));
  }
  n_new = members_new (dialog);
  expected = g_strdup_printf ("%u", test->members);
  g_assert_cmpstr (n_new, ==, expected);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records"), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON,
                                                       "import_button")));
  screenshot (dialog, "exchange-import-preview");

  /* Import: the members arrive, with a backup made first. */
  start = g_get_monotonic_time ();
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "import_button")));
  wait_until_idle (import_busy, dialog);
  g_test_message ("import through the dialog: %.2f s (with 120 ms of pumping)",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_IMPORTED);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records WHERE type = 'member'"
                                   " AND source_code = '" TOWNSHIP_CODE "'"),
                   ==, test->members);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_ledger"), ==, 1);
  g_assert_nonnull (p->result->backup_path);
  g_assert_nonnull (strstr (label_text (dialog, "status_label"), p->result->backup_path));
  g_assert_false (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON,
                                                        "import_button")));
  screenshot (dialog, "exchange-import-done");
  gtk_widget_destroy (dialog);

  /* The page's history lists it. */
  page = GTK_WIDGET (exchange_page (window));
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (
                     find_widget (page, GTK_TYPE_TREE_VIEW, "history_view"))), NULL), ==, 1);
  g_assert_false (gtk_widget_is_visible (find_widget (page, GTK_TYPE_LABEL, "packages_label")));
  screenshot (window, "exchange-page-county");

  /* Again, from the drive bar that offers the stick (every .xml below it): already
   * imported, nothing to import. */
  records = gui_test_scalar (storage, "SELECT count(*) FROM ex_records");
  {
    g_autofree char *stick = g_path_get_dirname (test->package);
    GtkWidget *bar = gt_window_offer_drive (GT_WINDOW (window), stick, "KINGSTON");

    g_assert_nonnull (bar);
    gtk_button_clicked (GTK_BUTTON (find_widget (bar, GTK_TYPE_BUTTON, "import_button")));
    dialog = find_dialog ("GtExchangeImportDialog");
    wait_until_idle (import_busy, dialog);
  }
  p = only_package (dialog);
  g_assert_cmpstr (p->path, ==, test->package);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_ALREADY);
  {
    /* The time of the first import, as a person writes it in the local zone. */
    g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (p->result->imported_on, NULL);
    g_autoptr (GDateTime) local = g_date_time_to_local (when);
    g_autofree char *shown = g_date_time_format (local, "%Y-%m-%d %H:%M");
    g_autofree char *state = gt_package_state_text (p);
    g_autofree char *expect = g_strdup_printf (_("Already imported on %s"), shown);
    g_assert_cmpstr (state, ==, expect);
  }
  g_assert_false (gtk_widget_is_sensitive (find_widget (dialog, GTK_TYPE_BUTTON,
                                                        "import_button")));
  g_assert_false (gt_exchange_import_dialog_start (GT_EXCHANGE_IMPORT_DIALOG (dialog)));
  gtk_widget_destroy (dialog);

  /* One flipped byte: refused with the reason, the database unchanged, no backup made. */
  backups = gt_backup_list (storage);
  n_backups = backups->len;
  g_assert_true (g_file_get_contents (test->package, &data, &length, NULL));
  data[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (damaged, data, length, NULL));
  dialog = import_files (window, damaged);
  p = only_package (dialog);
  g_assert_cmpint (p->state, ==, GT_PACKAGE_REJECTED);
  g_assert_nonnull (strstr (p->message, "damaged.xml"));
  g_assert_nonnull (strstr (label_text (dialog, "detail_label"), p->message));
  g_assert_false (gt_exchange_import_dialog_start (GT_EXCHANGE_IMPORT_DIALOG (dialog)));
  screenshot (dialog, "exchange-import-rejected");
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records"), ==, records);

  /* The file put right and added again is checked again: the package it now holds was
   * imported already. */
  data[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (damaged, data, length, NULL));
  {
    const char *again[] = { damaged, NULL };
    gt_exchange_import_dialog_add_files (GT_EXCHANGE_IMPORT_DIALOG (dialog), again);
  }
  wait_until_idle (import_busy, dialog);
  g_assert_true (p == only_package (dialog));
  g_assert_cmpint (p->state, ==, GT_PACKAGE_ALREADY);
  gtk_widget_destroy (dialog);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_records"), ==, records);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_ledger"), ==, 1);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = gt_backup_list (storage);
  g_assert_cmpuint (backups->len, ==, n_backups);

  drive_foreign (test, window);
  drive_conflict (test, window);

  /* At the county the export dialog offers the townships of the trust list, not itself. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "exchange-export", NULL);
  pump ();
  dialog = find_dialog ("GtExchangeExportDialog");
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX, "receiver_combo"))),
                   ==, TOWNSHIP_CODE);
  gtk_widget_destroy (dialog);
}

/* One application (GLib allows one per process): the township's database first, then the
 * county's, opened in the same window as a user would. */
static gboolean
drive (gpointer user_data)
{
  GApplication *app = user_data;
  Test *test = g_object_get_data (G_OBJECT (app), "test-data");
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  drive_township (test, window);
  g_assert_true (gt_window_open_database (GT_WINDOW (window), test->county_db, FALSE));
  pump ();
  drive_county (test, window);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_export_import (void)
{
  Test test = { 0 };
  g_autofree char *town = gui_test_demo_db ("town.db", &test.dir);

  test.county_db = g_build_filename (test.dir, "county.db", NULL);
  test.town_db = town;
  gui_test_run_app (town, drive, &test);
  g_assert_nonnull (test.package);

  gui_test_remove_dir (test.dir);
  g_free (test.dir);
  g_free (test.county_db);
  g_free (test.package);
}

/* Conflicts are shown field by field, local against incoming, whatever the record type. */
static void
test_conflict_fields (void)
{
  /* The fields may sit in a "data" object (as the county keeps them). */
  GtExchangeConflict conflict = {
    GT_EXCHANGE_MEMBER, "c0ffee",
    "{\"rev\":2,\"data\":{\"name\":\"张三\",\"phone\":\"138****0000\"}}",
    "{\"rev\":2,\"data\":{\"name\":\"张三\",\"phone\":\"139****1111\",\"education\":\"大专\"}}",
  };
  g_autoptr (GPtrArray) fields = gt_conflict_fields (&conflict);
  GtConflictField *f;

  g_assert_cmpuint (fields->len, ==, 4);
  f = fields->pdata[0];
  g_assert_cmpstr (f->local, ==, "2");
  g_assert_false (f->differs);
  f = fields->pdata[1];
  g_assert_cmpstr (f->field, ==, "name");
  g_assert_cmpstr (f->incoming, ==, "张三");
  g_assert_false (f->differs);
  f = fields->pdata[2];
  g_assert_cmpstr (f->incoming, ==, "139****1111");
  g_assert_true (f->differs);
  f = fields->pdata[3];
  g_assert_cmpstr (f->field, ==, "education");
  g_assert_cmpstr (f->local, ==, "");
  g_assert_true (f->differs);
  /* Every record type has a name to show, new ones included. */
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    g_assert_cmpstr (gt_exchange_type_label (t), !=, "");
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/exchange/conflict-fields", test_conflict_fields);
  g_test_add_func ("/gui/exchange/export-import", test_export_import);
  return g_test_run ();
}
