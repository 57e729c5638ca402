/* gt-member-dialog.c — one member: record, history, and recording life-cycle events (a
 * transfer out through its 介绍信, gt-develop-dialogs.c);
 * linked households; status (流动, 失联, 年老体弱, employment) and posts (一员七职, A/B)
 *
 * ID and phone numbers are masked until the user presses "Show ID and phone".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-develop-dialogs.h"
#include "gt-heart-card.h"
#include "gt-household.h"
#include "gt-idcard.h"
#include "gt-member-add-dialog.h"
#include "gt-member-dialog.h"
#include "gt-member.h"
#include "gt-page.h"
#include "gt-registers.h"

struct _GtMemberDialog
{
  GtkDialog parent_instance;

  GtkLabel *name_label;
  GtkToggleButton *reveal_button;
  GtkLabel *details_label;
  GtkListStore *history_store;
  GtkComboBoxText *event_combo;
  GtkEntry *date_entry;
  GtkComboBoxText *org_combo;
  GtkLabel *error_label;
  GtkListStore *links_store;
  GtkTreeView *links_view;
  GtkLabel *links_tab_label;
  GtkComboBoxText *mobility_combo;
  GtkEntry *place_entry;
  GtkEntry *contact_entry;
  GtkComboBoxText *employment_combo;
  GtkComboBoxText *link_post_combo;
  GtkToggleButton *lost_contact_check;
  GtkToggleButton *frail_check;
  GtkBox *posts_box;
  GtkToggleButton *post_checks[7]; /* in the order of gt_member_post_codes () */

  GtStorage *storage;
  gint64 member_id;
  char *member_name;
};

G_DEFINE_TYPE (GtMemberDialog, gt_member_dialog, GTK_TYPE_DIALOG)

static const char *const event_kinds[] = {
  "full_membership", "transfer_out", "transfer_in", "suspension", "exit", "death",
};

static void
show_error (GtMemberDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
reload (GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) r = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, self->member_id);
  g_autofree char *id = NULL, *phone = NULL, *details = NULL, *title = NULL, *org = NULL;
  gboolean reveal = gtk_toggle_button_get_active (self->reveal_button);
  const char *status, *category;

  gtk_list_store_clear (self->history_store);
  r = gt_member_lookup (self->storage, key, &error);
  if (r == NULL)
    {
      show_error (self, error->message);
      return;
    }

  id = reveal ? g_strdup (r->id_number) : gt_idcard_mask (r->id_number);
  phone = reveal ? g_strdup (r->phone) : gt_phone_mask (r->phone);
  gt_member_state_from_events (r->events, &status, &category);

  g_free (self->member_name);
  self->member_name = g_strdup (r->name);
  title = g_strdup_printf ("%s  %s", r->name, r->gender == 'F' ? _("Female") : _("Male"));
  gtk_label_set_label (self->name_label, title);
  /* the branch, and the 党小组 the member is in, as lists show a group */
  org = r->group_name != NULL ? g_strdup_printf ("%s · %s", r->org_name, r->group_name)
                              : g_strdup (r->org_name);
  details = g_strdup_printf (_("Organisation: %s\n"
                               "State: %s, %s\n"
                               "ID number: %s    Phone: %s\n"
                               "Ethnicity: %s    Education: %s    Occupation: %s\n"
                               "Born: %s    Joined: %s    Full member: %s\n"
                               "Linked households: %d"),
                             org, gt_label_member_status (status),
                             category != NULL ? gt_label_member_category (category) : "",
                             id != NULL ? id : "", phone, r->ethnicity, r->education,
                             r->occupation, r->birth_date ? r->birth_date : "",
                             r->join_date ? r->join_date : "",
                             r->full_date ? r->full_date : "", (int) r->n_links);
  gtk_label_set_label (self->details_label, details);

  for (guint i = 0; i < r->events->len; i++)
    {
      GtMemberEvent *e = r->events->pdata[i];
      gtk_list_store_insert_with_values (self->history_store, NULL, -1,
                                         0, e->date,
                                         1, gt_label_member_event (e->kind),
                                         2, e->org_name != NULL ? e->org_name : "",
                                         3, e->detail != NULL ? e->detail : "", -1);
    }
}

enum
{
  LINK_HEAD,
  LINK_VILLAGE,
  LINK_ADDRESS,
  LINK_TYPE,
  LINK_LAST_VISIT,
  LINK_HOUSEHOLD_ID,
};

static void
reload_links (GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) links = gt_member_links (self->storage, self->member_id, &error);
  g_autofree char *tab = NULL;
  int minimum = gt_rules_get_link_minimum (self->storage);

  gtk_list_store_clear (self->links_store);
  if (links == NULL)
    {
      show_error (self, gt_error_text (self->storage, error));
      return;
    }
  for (guint i = 0; i < links->len; i++)
    {
      GtMemberLink *l = links->pdata[i];
      g_autofree char *type = g_strdup_printf ("%s · %s", gt_label_link_type (l->link_type),
                                               l->post);

      gtk_list_store_insert_with_values (self->links_store, NULL, -1,
                                         LINK_HEAD, l->head_name,
                                         LINK_VILLAGE, l->village != NULL ? l->village : "",
                                         LINK_ADDRESS, l->address,
                                         LINK_TYPE, type,
                                         LINK_LAST_VISIT, l->last_visit != NULL
                                                            ? l->last_visit
                                                            : _("never"),
                                         LINK_HOUSEHOLD_ID, l->household_id, -1);
    }
  /* "Linked Households (6 of 7)" warns when the member links too few */
  tab = links->len < (guint) minimum
          ? g_strdup_printf (_("Linked Households (%u of %d)"), links->len, minimum)
          : g_strdup_printf (_("Linked Households (%u)"), links->len);
  gtk_label_set_label (self->links_tab_label, tab);
}

static gint64
selected_household (GtMemberDialog *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->links_view), &model,
                                       &iter))
    gtk_tree_model_get (model, &iter, LINK_HOUSEHOLD_ID, &id, -1);
  return id;
}

static void
visit_clicked_cb (GtkButton *button, GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 household = selected_household (self);

  if (household == 0)
    {
      show_error (self, _("Select a household first."));
      return;
    }
  if (!gt_household_visit (self->storage, self->member_id, household, NULL, NULL, NULL, &error))
    show_error (self, gt_error_text (self->storage, error));
  else
    show_error (self, NULL);
  reload_links (self);
}

static void
unlink_clicked_cb (GtkButton *button, GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 household = selected_household (self);

  if (household == 0)
    {
      show_error (self, _("Select a household first."));
      return;
    }
  if (!gt_household_unlink (self->storage, self->member_id, household, &error))
    show_error (self, gt_error_text (self->storage, error));
  else
    show_error (self, NULL);
  reload_links (self);
  reload (self);
}

/* Writes the 连心卡 to @path; returns FALSE with the reason shown in the dialog. */
gboolean
gt_member_dialog_write_card (GtMemberDialog *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHeartCard) card = gt_heart_card_load (self->storage, self->member_id, NULL,
                                                     &error);

  if (card == NULL || !gt_heart_card_write_pdf (card, path, &error))
    {
      show_error (self, gt_error_text (self->storage, error));
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

static void
card_response_cb (GtkNativeDialog *chooser, int response, GtMemberDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
      if (path != NULL && gt_member_dialog_write_card (self, path))
        {
          g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
          /* open it for printing; without a PDF viewer the file is simply saved */
          gtk_show_uri_on_window (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL);
        }
    }
  g_object_unref (chooser);
}

static void
card_clicked_cb (GtkButton *button, GtMemberDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  /* Translators: file name of the card; %s is the member's name */
  name = g_strdup_printf (_("%s heart-link card.pdf"),
                          self->member_name != NULL ? self->member_name : "");
  chooser = gt_save_chooser_new (_("Save Heart-Link Card"), GTK_WINDOW (self), _("_Save"),
                                 _("_Cancel"), name);
  /* modal: the dialog cannot be changed, or closed, while its card is being saved */
  gtk_native_dialog_set_transient_for (GTK_NATIVE_DIALOG (chooser), GTK_WINDOW (self));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (card_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
fill_orgs (GtMemberDialog *self)
{
  g_autoptr (GPtrArray) orgs = gt_org_list (self->storage, NULL);

  GtkListStore *store;

  if (orgs == NULL)
    return;
  store = gt_combo_box_text_take_model (self->org_combo);
  for (guint i = 0; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      if (g_strcmp0 (org->kind, "branch") == 0 || g_strcmp0 (org->kind, "general_branch") == 0)
        gt_combo_box_text_store_append (store, org->code[0] ? org->code : org->name, org->name);
    }
  gt_combo_box_text_give_model (self->org_combo, store);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
}

static void
event_changed_cb (GtkComboBox *combo, GtMemberDialog *self)
{
  const char *kind = gtk_combo_box_get_active_id (combo);
  /* Only a transfer names a receiving organisation. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->org_combo),
                            g_strcmp0 (kind, "transfer_in") == 0 ||
                              g_strcmp0 (kind, "transfer") == 0);
}

static void
letter_destroyed_cb (GtMemberDialog *self)
{
  reload (self);
}

/* A transfer out goes through the 组织关系介绍信: the letter's form asks for what it needs,
 * gt_transfer_out () records the letter with the event, and printing is offered. */
static void
transfer_out (GtMemberDialog *self, const char *date)
{
  GtkWidget *letter = gt_member_transfer_out_dialog_new (GTK_WINDOW (self), self->storage,
                                                         self->member_id, self->member_name,
                                                         date);

  g_signal_connect_object (letter, "destroy", G_CALLBACK (letter_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (letter));
}

static void
record_clicked_cb (GtkButton *button, GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->event_combo));
  const char *date = gtk_entry_get_text (self->date_entry);
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  gboolean ok;

  if (kind == NULL)
    return;
  if (g_strcmp0 (kind, "transfer_out") == 0)
    {
      show_error (self, NULL);
      transfer_out (self, date);
      return;
    }
  if (g_strcmp0 (kind, "transfer") == 0)
    ok = gt_member_transfer (self->storage, self->member_id, org, date, NULL, &error);
  else
    ok = gt_member_record_event (self->storage, self->member_id, kind, date, org, NULL, &error);
  show_error (self, ok ? NULL : gt_error_text (self->storage, error));
  reload (self);
}

static void
edit_destroyed_cb (GtMemberDialog *self)
{
  reload (self);
}

static void
edit_clicked_cb (GtkButton *button, GtMemberDialog *self)
{
  GtMemberAddDialog *edit = gt_member_add_dialog_new_edit (GTK_WINDOW (self), self->storage,
                                                           self->member_id);

  gtk_window_set_modal (GTK_WINDOW (edit), TRUE);
  g_signal_connect_object (edit, "destroy", G_CALLBACK (edit_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (edit));
}

static void
mobility_changed_cb (GtkComboBox *combo, GtMemberDialog *self)
{
  /* Only a mobile member has a place and a contact. */
  gboolean mobile = g_strcmp0 (gtk_combo_box_get_active_id (combo), "none") != 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->place_entry), mobile);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_entry), mobile);
}

static void
reload_flags (GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberFlags) flags = gt_member_get_flags (self->storage, self->member_id, &error);
  const char *const *codes = gt_member_post_codes ();

  if (flags == NULL)
    {
      show_error (self, gt_error_text (self->storage, error));
      return;
    }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->mobility_combo), flags->mobility);
  gtk_entry_set_text (self->place_entry, flags->place);
  gtk_entry_set_text (self->contact_entry, flags->contact);
  gtk_toggle_button_set_active (self->lost_contact_check, flags->lost_contact);
  gtk_toggle_button_set_active (self->frail_check, flags->frail);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->employment_combo), flags->employment);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->link_post_combo), flags->link_post);
  for (guint i = 0; codes[i] != NULL && i < G_N_ELEMENTS (self->post_checks); i++)
    gtk_toggle_button_set_active (self->post_checks[i],
                                  g_strv_contains ((const char *const *) flags->posts, codes[i]));
}

static void
save_flags_clicked_cb (GtkButton *button, GtMemberDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberFlags) flags = g_new0 (GtMemberFlags, 1);
  g_autoptr (GStrvBuilder) posts = g_strv_builder_new ();
  const char *const *codes = gt_member_post_codes ();
  const char *mobility = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->mobility_combo));
  gboolean mobile = g_strcmp0 (mobility, "none") != 0;

  flags->mobility = g_strdup (mobility);
  /* the entries keep their text while insensitive; a member at home has neither */
  flags->place = g_strdup (mobile ? gtk_entry_get_text (self->place_entry) : "");
  flags->contact = g_strdup (mobile ? gtk_entry_get_text (self->contact_entry) : "");
  flags->lost_contact = gtk_toggle_button_get_active (self->lost_contact_check);
  flags->frail = gtk_toggle_button_get_active (self->frail_check);
  flags->employment = g_strdup (gtk_combo_box_get_active_id (
    GTK_COMBO_BOX (self->employment_combo)));
  for (guint i = 0; codes[i] != NULL && i < G_N_ELEMENTS (self->post_checks); i++)
    if (gtk_toggle_button_get_active (self->post_checks[i]))
      g_strv_builder_add (posts, codes[i]);
  flags->posts = g_strv_builder_end (posts);
  flags->link_post = g_strdup (gtk_combo_box_get_active_id (
    GTK_COMBO_BOX (self->link_post_combo)));

  if (!gt_member_set_flags (self->storage, self->member_id, flags, &error))
    {
      show_error (self, gt_error_text (self->storage, error));
      return;
    }
  show_error (self, NULL);
  reload_flags (self);
}

static void
reveal_toggled_cb (GtkToggleButton *button, GtMemberDialog *self)
{
  reload (self);
}

static void
gt_member_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_MEMBER_DIALOG (object)->storage);
  g_clear_pointer (&GT_MEMBER_DIALOG (object)->member_name, g_free);
  G_OBJECT_CLASS (gt_member_dialog_parent_class)->dispose (object);
}

static void
gt_member_dialog_class_init (GtMemberDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_member_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-member-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, history_store);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, event_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, links_store);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, links_view);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, links_tab_label);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, mobility_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, place_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, contact_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, employment_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, link_post_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, lost_contact_check);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, frail_check);
  gtk_widget_class_bind_template_child (widget_class, GtMemberDialog, posts_box);
  gtk_widget_class_bind_template_callback (widget_class, visit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlink_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, event_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reveal_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, mobility_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_flags_clicked_cb);
}

/* The choices of the status tab; labels come from the core, like the stored codes. */
static void
fill_flag_choices (GtMemberDialog *self)
{
  static const char *const mobilities[] = { "none", "out", "in" };
  static const char *const employments[] = { "", "employed", "retired", "none" };
  const char *const *codes = gt_member_post_codes ();

  for (guint i = 0; i < G_N_ELEMENTS (mobilities); i++)
    gtk_combo_box_text_append (self->mobility_combo, mobilities[i],
                               gt_label_member_mobility (mobilities[i]));
  for (guint i = 0; i < G_N_ELEMENTS (employments); i++)
    gtk_combo_box_text_append (self->employment_combo, employments[i],
                               gt_label_member_employment (employments[i]));
  gtk_combo_box_text_append (self->link_post_combo, "A", gt_label_link_post ("A"));
  gtk_combo_box_text_append (self->link_post_combo, "B", gt_label_link_post ("B"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->mobility_combo), 0);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->employment_combo), 0);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->link_post_combo), 0);
  g_assert (g_strv_length ((GStrv) codes) == G_N_ELEMENTS (self->post_checks));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (gt_label_member_post (codes[i]));
      g_autofree char *name = g_strconcat ("post_", codes[i], NULL);

      /* named like template children, so tests find them */
      gtk_buildable_set_name (GTK_BUILDABLE (check), name);
      gtk_widget_show (check);
      gtk_box_pack_start (self->posts_box, check, FALSE, FALSE, 0);
      self->post_checks[i] = GTK_TOGGLE_BUTTON (check);
    }
}

static void
gt_member_dialog_init (GtMemberDialog *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_combo_box_text_append (self->event_combo, "transfer", _("Transfer to another branch"));
  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    gtk_combo_box_text_append (self->event_combo, event_kinds[i],
                               gt_label_member_event (event_kinds[i]));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->event_combo), 0);
  gtk_entry_set_text (self->date_entry, today);
  fill_flag_choices (self);
}

GtMemberDialog *
gt_member_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 member_id)
{
  GtMemberDialog *self = g_object_new (GT_TYPE_MEMBER_DIALOG, "transient-for", parent,
                                       "use-header-bar", FALSE, NULL);

  self->storage = g_object_ref (storage);
  self->member_id = member_id;
  fill_orgs (self);
  reload (self);
  reload_links (self);
  reload_flags (self);
  return self;
}
