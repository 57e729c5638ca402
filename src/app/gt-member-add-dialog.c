/* gt-member-add-dialog.c — entering a new member, or correcting one's details, checked as
 * it is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-member-add-dialog.h"
#include "gt-member.h"
#include "gt-org.h"
#include "gt-page.h"
#include "gt-registers.h"

struct _GtMemberAddDialog
{
  GtkDialog parent_instance;

  GtkEntry *name_entry;
  GtkComboBoxText *org_combo;
  GtkComboBoxText *group_combo;
  GtkEntry *id_number_entry;
  GtkComboBoxText *gender_combo;
  GtkEntry *ethnicity_entry;
  GtkEntry *phone_entry;
  GtkEntry *education_entry;
  GtkEntry *occupation_entry;
  GtkEntry *joined_entry;
  GtkEntry *full_entry;
  GtkLabel *error_label;

  GtStorage *storage;
  gint64 member_id; /* the member being corrected; 0 for a new one */
};

G_DEFINE_TYPE (GtMemberAddDialog, gt_member_add_dialog, GTK_TYPE_DIALOG)

static const char *
text_or_null (GtkEntry *entry)
{
  const char *text = gtk_entry_get_text (entry);
  return *text != '\0' ? text : NULL;
}

/* Offers "None" and the 党小组 of branch @branch_id, @active_id (0: "None") chosen. */
static void
fill_groups (GtMemberAddDialog *self, gint64 branch_id, gint64 active_id)
{
  g_autoptr (GPtrArray) groups = branch_id > 0 ? gt_member_groups (self->storage, branch_id,
                                                                   NULL)
                                               : NULL;
  g_autofree char *active = g_strdup_printf ("%" G_GINT64_FORMAT, active_id);

  gtk_combo_box_text_remove_all (self->group_combo);
  gtk_combo_box_text_append (self->group_combo, "0", C_("party group", "None"));
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      GtMemberGroup *group = groups->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, group->id);

      gtk_combo_box_text_append (self->group_combo, id, group->name);
    }
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->group_combo), active))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->group_combo), 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group_combo), groups != NULL && groups->len > 0);
}

/* The branch chosen changes the groups offered. */
static void
org_changed_cb (GtMemberAddDialog *self)
{
  const char *org;
  gint64 branch_id = 0;

  if (self->storage == NULL || self->org_combo == NULL)
    return;
  org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  if (org == NULL || !gt_org_find (self->storage, org, &branch_id, NULL))
    branch_id = 0;
  fill_groups (self, branch_id, 0);
}

static gint64
chosen_group (GtMemberAddDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->group_combo));

  return id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0;
}

/* The correction and the group in one transaction: both or neither. */
static gboolean
update_member (GtMemberAddDialog *self, const GtMemberSpec *spec, GError **error)
{
  if (!gt_storage_begin (self->storage, error))
    return FALSE;
  if (!gt_member_update (self->storage, self->member_id, spec, error) ||
      !gt_member_set_group (self->storage, self->member_id, chosen_group (self), error) ||
      !gt_storage_commit (self->storage, error))
    {
      gt_storage_rollback (self->storage);
      return FALSE;
    }
  return TRUE;
}

static void
gt_member_add_dialog_response (GtkDialog *dialog, int response)
{
  GtMemberAddDialog *self = GT_MEMBER_ADD_DIALOG (dialog);
  g_autoptr (GError) error = NULL;
  const char *gender = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->gender_combo));
  GtMemberSpec spec = {
    self->org_combo != NULL ? gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo)) : NULL,
    gtk_entry_get_text (self->name_entry),
    gender != NULL && *gender != '\0' ? gender : NULL,
    gtk_entry_get_text (self->ethnicity_entry),
    text_or_null (self->id_number_entry),
    text_or_null (self->phone_entry),
    gtk_entry_get_text (self->education_entry),
    gtk_entry_get_text (self->occupation_entry),
    self->joined_entry != NULL ? gtk_entry_get_text (self->joined_entry) : NULL,
    self->full_entry != NULL ? text_or_null (self->full_entry) : NULL,
    chosen_group (self),
  };

  if (response == GTK_RESPONSE_OK &&
      !(self->member_id != 0 ? update_member (self, &spec, &error)
                             : gt_member_add (self->storage, &spec, NULL, &error)))
    {
      gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
      gtk_widget_show (GTK_WIDGET (self->error_label));
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_member_add_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_MEMBER_ADD_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_member_add_dialog_parent_class)->dispose (object);
}

static void
gt_member_add_dialog_class_init (GtMemberAddDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_member_add_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_member_add_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-member-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, group_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, id_number_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, gender_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, ethnicity_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, education_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, occupation_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, joined_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, full_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberAddDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, org_changed_cb);
}

static void
gt_member_add_dialog_init (GtMemberAddDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_combo_box_text_append (self->gender_combo, "", _("From the ID number"));
  gtk_combo_box_text_append (self->gender_combo, "M", _("Male"));
  gtk_combo_box_text_append (self->gender_combo, "F", _("Female"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->gender_combo), 0);
  gtk_entry_set_text (self->ethnicity_entry, C_("ethnicity", "Han"));
  gtk_entry_set_placeholder_text (self->joined_entry, _("YYYY-MM-DD"));
  gtk_entry_set_placeholder_text (self->full_entry, _("empty for a probationary member"));
}

GtMemberAddDialog *
gt_member_add_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtMemberAddDialog *self = g_object_new (GT_TYPE_MEMBER_ADD_DIALOG, "transient-for", parent,
                                          "use-header-bar", FALSE, "title", _("Add Member"),
                                          NULL);
  g_autoptr (GPtrArray) orgs = gt_org_list (storage, NULL);
  GtkListStore *store;

  self->storage = g_object_ref (storage);
  store = gt_combo_box_text_take_model (self->org_combo);
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *o = orgs->pdata[i];
      if (g_strcmp0 (o->kind, "branch") == 0 || g_strcmp0 (o->kind, "general_branch") == 0)
        gt_combo_box_text_store_append (store, *o->code ? o->code : o->name, o->name);
    }
  gt_combo_box_text_give_model (self->org_combo, store);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
  org_changed_cb (self);
  return self;
}

/* Takes out the grid row of @widget (its label and itself). */
static void
remove_row (GtkWidget *widget)
{
  GtkWidget *grid = gtk_widget_get_parent (widget);
  int top = 0;

  gtk_container_child_get (GTK_CONTAINER (grid), widget, "top-attach", &top, NULL);
  gtk_grid_remove_row (GTK_GRID (grid), top);
}

/**
 * gt_member_add_dialog_new_edit:
 *
 * The same form for correcting member @member_id's name, ID number, gender, ethnicity,
 * phone, education and occupation, and for choosing their 党小组 within the branch. The
 * organisation and the dates are not in it: they change through the member's events,
 * which are never rewritten.
 */
GtMemberAddDialog *
gt_member_add_dialog_new_edit (GtkWindow *parent, GtStorage *storage, gint64 member_id)
{
  GtMemberAddDialog *self = gt_member_add_dialog_new (parent, storage);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);
  g_autoptr (GtMemberRecord) r = gt_member_lookup (storage, key, NULL);
  char gender[2] = { 0 };

  self->member_id = member_id;
  gtk_window_set_title (GTK_WINDOW (self), _("Correct Member Details"));
  /* bottom up, so that the rows above keep their numbers */
  remove_row (GTK_WIDGET (self->full_entry));
  remove_row (GTK_WIDGET (self->joined_entry));
  remove_row (GTK_WIDGET (self->org_combo));
  self->full_entry = self->joined_entry = NULL;
  self->org_combo = NULL;
  if (r != NULL)
    {
      gender[0] = r->gender;
      gtk_entry_set_text (self->name_entry, r->name);
      gtk_entry_set_text (self->id_number_entry, r->id_number != NULL ? r->id_number : "");
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->gender_combo), gender);
      gtk_entry_set_text (self->ethnicity_entry, r->ethnicity != NULL ? r->ethnicity : "");
      gtk_entry_set_text (self->phone_entry, r->phone != NULL ? r->phone : "");
      gtk_entry_set_text (self->education_entry, r->education != NULL ? r->education : "");
      gtk_entry_set_text (self->occupation_entry, r->occupation != NULL ? r->occupation : "");
      fill_groups (self, r->org_id, r->group_id);
    }
  return self;
}
