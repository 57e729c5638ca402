/* gt-org-checklist-dialog.c — an organisation's site-standard checklist (e.g. 五有)
 *
 * The items are the office's own list (guatu-cli org checklist-items); each tick is saved
 * through the core as soon as it is made, with the date in the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-org-checklist-dialog.h"
#include "gt-org.h"
#include "gt-page.h"
#include "gt-registers.h"

struct _GtOrgChecklistDialog
{
  GtkDialog parent_instance;

  GtkLabel *org_label;
  GtkEntry *date_entry;
  GtkGrid *items_grid;
  GtkLabel *summary_label;
  GtkLabel *error_label;

  GtStorage *storage;
  gint64 org_id;
  GPtrArray *checks; /* GtkCheckButton per item, its item as "item" data */
  GPtrArray *dates;  /* GtkLabel per item */
  gboolean updating; /* set while the dialog itself changes the buttons */
};

G_DEFINE_TYPE (GtOrgChecklistDialog, gt_org_checklist_dialog, GTK_TYPE_DIALOG)

static void
show_error (GtOrgChecklistDialog *self, const GError *error)
{
  gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
  gtk_widget_show (GTK_WIDGET (self->error_label));
}

/* Sets the buttons, dates and summary from the database. */
static void
refresh (GtOrgChecklistDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = gt_org_checklist (self->storage, self->org_id, &error);
  g_autofree char *summary = NULL;
  guint done = 0;

  if (entries == NULL)
    {
      show_error (self, error);
      return;
    }
  self->updating = TRUE;
  for (guint i = 0; i < entries->len && i < self->checks->len; i++)
    {
      GtOrgChecklistEntry *entry = entries->pdata[i];

      gtk_toggle_button_set_active (self->checks->pdata[i], entry->done_date != NULL);
      gtk_label_set_label (self->dates->pdata[i],
                           entry->done_date != NULL ? entry->done_date : _("not yet"));
      done += entry->done_date != NULL;
    }
  self->updating = FALSE;
  if (entries->len > 0 && done == entries->len)
    summary = g_strdup (_("Every item is met."));
  else
    summary = g_strdup_printf (ngettext ("%u of %u item met", "%u of %u items met",
                                         entries->len), done, entries->len);
  gtk_label_set_label (self->summary_label, summary);
}

static void
item_toggled_cb (GtkToggleButton *check, GtOrgChecklistDialog *self)
{
  g_autoptr (GError) error = NULL;
  const char *item = g_object_get_data (G_OBJECT (check), "item");
  const char *date = gtk_entry_get_text (self->date_entry);
  gboolean done;

  if (self->updating)
    return;
  if (gtk_toggle_button_get_active (check))
    done = gt_org_checklist_tick (self->storage, self->org_id, item, *date ? date : NULL,
                                  &error);
  else
    done = gt_org_checklist_untick (self->storage, self->org_id, item, &error);
  /* on a refusal nothing was saved: the buttons go back to what the database holds */
  if (done)
    gtk_widget_hide (GTK_WIDGET (self->error_label));
  else
    show_error (self, error);
  refresh (self);
}

/* One row per item: the check button and the date it was ticked. */
static void
build (GtOrgChecklistDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = gt_org_list (self->storage, NULL);
  g_autoptr (GPtrArray) entries = gt_org_checklist (self->storage, self->org_id, &error);
  g_autofree char *today = gt_today ();

  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      if (org->id == self->org_id)
        gtk_label_set_label (self->org_label, org->name);
    }
  gtk_entry_set_text (self->date_entry, today);
  if (entries == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GtOrgChecklistEntry *entry = entries->pdata[i];
      GtkWidget *check = gtk_check_button_new_with_label (entry->item);
      GtkWidget *date = gtk_label_new (NULL);
      g_autofree char *check_name = g_strdup_printf ("item_check_%u", i);
      g_autofree char *date_name = g_strdup_printf ("item_date_%u", i);

      gtk_buildable_set_name (GTK_BUILDABLE (check), check_name);
      gtk_buildable_set_name (GTK_BUILDABLE (date), date_name);
      g_object_set_data_full (G_OBJECT (check), "item", g_strdup (entry->item), g_free);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_label_set_xalign (GTK_LABEL (date), 1);
      gtk_style_context_add_class (gtk_widget_get_style_context (date), "dim-label");
      g_signal_connect (check, "toggled", G_CALLBACK (item_toggled_cb), self);
      gtk_grid_attach (self->items_grid, check, 0, (int) i, 1, 1);
      gtk_grid_attach (self->items_grid, date, 1, (int) i, 1, 1);
      gtk_widget_show (check);
      gtk_widget_show (date);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->dates, date);
    }
  refresh (self);
}

static void
gt_org_checklist_dialog_response (GtkDialog *dialog, int response)
{
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_org_checklist_dialog_dispose (GObject *object)
{
  GtOrgChecklistDialog *self = GT_ORG_CHECKLIST_DIALOG (object);

  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_org_checklist_dialog_parent_class)->dispose (object);
}

static void
gt_org_checklist_dialog_finalize (GObject *object)
{
  GtOrgChecklistDialog *self = GT_ORG_CHECKLIST_DIALOG (object);

  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->dates);
  G_OBJECT_CLASS (gt_org_checklist_dialog_parent_class)->finalize (object);
}

static void
gt_org_checklist_dialog_class_init (GtOrgChecklistDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_org_checklist_dialog_dispose;
  object_class->finalize = gt_org_checklist_dialog_finalize;
  GTK_DIALOG_CLASS (klass)->response = gt_org_checklist_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-org-checklist-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtOrgChecklistDialog, org_label);
  gtk_widget_class_bind_template_child (widget_class, GtOrgChecklistDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, GtOrgChecklistDialog, items_grid);
  gtk_widget_class_bind_template_child (widget_class, GtOrgChecklistDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GtOrgChecklistDialog, error_label);
}

static void
gt_org_checklist_dialog_init (GtOrgChecklistDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->dates = g_ptr_array_new ();
}

GtOrgChecklistDialog *
gt_org_checklist_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 org_id)
{
  GtOrgChecklistDialog *self = g_object_new (GT_TYPE_ORG_CHECKLIST_DIALOG,
                                             "transient-for", parent,
                                             "use-header-bar", FALSE, NULL);

  self->storage = g_object_ref (storage);
  self->org_id = org_id;
  build (self);
  return self;
}
