/* gt-household-dialog.c — one household (一户一档): its file, linked members and visits
 *
 * The file (head, village, grid, address, size, 进门五看, 提笔四问, notes) is written when the
 * user saves; closing the dialog with changes to it asks first. Links (党员联户) and visits are changed at once, each through the core, which
 * refuses what breaks the rules; the reason is shown under the notebook.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-household-dialog.h"
#include "gt-household.h"
#include "gt-page.h"
#include "gt-registers.h"

#define MEMBER_MATCHES 30

/* The entries of the household file, in the order of GtHouseholdFile. */
#define N_FILE_FIELDS 9

struct _GtHouseholdDialog
{
  GtkDialog parent_instance;

  GtkEntry *head_entry;
  GtkComboBoxText *village_combo;
  GtkEntry *grid_entry;
  GtkSpinButton *size_spin;
  GtkEntry *address_entry;
  GtkEntry *file_entries[N_FILE_FIELDS];
  GtkEntry *notes_entry;
  GtkNotebook *notebook;
  GtkLabel *links_tab_label;
  GtkLabel *visits_tab_label;
  GtkListStore *links_store;
  GtkTreeView *links_view;
  GtkListStore *visits_store;
  GtkSearchEntry *member_search;
  GtkComboBoxText *member_combo;
  GtkComboBoxText *link_type_combo;
  GtkComboBoxText *post_combo;
  GtkLabel *error_label;

  GtStorage *storage;
  gint64 household_id;
  char *shown_file; /* the file as the entries showed it when the dialog opened */
};

G_DEFINE_TYPE (GtHouseholdDialog, gt_household_dialog, GTK_TYPE_DIALOG)

enum
{
  LINK_MEMBER,
  LINK_ORG,
  LINK_TYPE,
  LINK_PHONE,
  LINK_LAST_VISIT,
  LINK_MEMBER_ID,
};

enum
{
  VISIT_DATE,
  VISIT_MEMBER,
  VISIT_NOTES,
};

static void
show_error (GtHouseholdDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
fill_villages (GtHouseholdDialog *self)
{
  g_autoptr (GPtrArray) villages = gt_village_list (self->storage, NULL);
  GtkListStore *store = gt_combo_box_text_take_model (self->village_combo);

  gt_combo_box_text_store_append (store, "", _("(none)"));
  for (guint i = 0; villages != NULL && i < villages->len; i++)
    gt_combo_box_text_store_append (store, villages->pdata[i], villages->pdata[i]);
  gt_combo_box_text_give_model (self->village_combo, store);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->village_combo), 0);
}

/* The household's file into the entries; only when the dialog opens. */
static void
fill_file (GtHouseholdDialog *self, const GtHousehold *h)
{
  const char *const values[N_FILE_FIELDS] = {
    h->look_kitchen, h->look_bedroom, h->look_toilet, h->look_yard, h->look_fields,
    h->ask_family, h->ask_economy, h->ask_opinions, h->ask_needs,
  };
  g_autofree char *title = g_strdup_printf (_("Household: %s"), h->head_name);

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_entry_set_text (self->head_entry, h->head_name);
  if (h->village == NULL ||
      !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->village_combo), h->village))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->village_combo), 0);
  gtk_entry_set_text (self->grid_entry, h->grid);
  gtk_entry_set_text (self->address_entry, h->address);
  gtk_spin_button_set_value (self->size_spin, (double) MAX (h->size, 1));
  for (guint i = 0; i < N_FILE_FIELDS; i++)
    gtk_entry_set_text (self->file_entries[i], values[i] != NULL ? values[i] : "");
  gtk_entry_set_text (self->notes_entry, h->notes);
}

/* Reads the household again and shows its links and visits; the entries are left as the
 * user has them. */
static void
reload_links (GtHouseholdDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHousehold) h = NULL;
  g_autofree char *links_tab = NULL, *visits_tab = NULL;

  gtk_list_store_clear (self->links_store);
  gtk_list_store_clear (self->visits_store);
  h = gt_household_lookup (self->storage, self->household_id, &error);
  if (h == NULL)
    {
      show_error (self, gt_error_text (self->storage, error));
      return;
    }
  for (guint i = 0; i < h->links->len; i++)
    {
      GtHouseholdLink *l = h->links->pdata[i];
      g_autofree char *type = g_strdup_printf ("%s · %s", gt_label_link_type (l->link_type),
                                               l->post);
      g_autofree char *phone = gt_phone_mask (l->phone);

      gtk_list_store_insert_with_values (self->links_store, NULL, -1,
                                         LINK_MEMBER, l->member_name,
                                         LINK_ORG, l->org_name,
                                         LINK_TYPE, type,
                                         LINK_PHONE, phone != NULL ? phone : "",
                                         LINK_LAST_VISIT, l->last_visit != NULL ? l->last_visit
                                                                                : _("never"),
                                         LINK_MEMBER_ID, l->member_id, -1);
    }
  for (guint i = 0; i < h->visits->len; i++)
    {
      GtVisit *v = h->visits->pdata[i];

      gtk_list_store_insert_with_values (self->visits_store, NULL, -1,
                                         VISIT_DATE, v->date,
                                         VISIT_MEMBER, v->member_name,
                                         VISIT_NOTES, v->notes, -1);
    }
  links_tab = g_strdup_printf (_("Linked Members (%u)"), h->links->len);
  visits_tab = g_strdup_printf (_("Visits (%u)"), h->visits->len);
  gtk_label_set_label (self->links_tab_label, links_tab);
  gtk_label_set_label (self->visits_tab_label, visits_tab);
}

static void
member_search_changed_cb (GtkSearchEntry *entry, GtHouseholdDialog *self)
{
  const char *text = gtk_entry_get_text (GTK_ENTRY (entry));
  g_autoptr (GPtrArray) members = NULL;

  gtk_combo_box_text_remove_all (self->member_combo);
  if (*text == '\0')
    return;
  members = gt_member_list (self->storage, text, MEMBER_MATCHES, NULL);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      GtMember *m = members->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
      g_autofree char *label = g_strdup_printf ("%s · %s", m->name, m->org_name);

      gtk_combo_box_text_append (self->member_combo, id, label);
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->member_combo), 0);
}

/* Reports the outcome of a change of links or visits and shows the household again. */
static void
after_change (GtHouseholdDialog *self, gboolean ok, const GError *error)
{
  show_error (self, ok ? NULL : gt_error_text (self->storage, error));
  reload_links (self);
}

static void
link_clicked_cb (GtkButton *button, GtHouseholdDialog *self)
{
  g_autoptr (GError) error = NULL;
  const char *member = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->member_combo));
  gboolean ok;

  if (member == NULL)
    {
      show_error (self, _("Find the member to link first."));
      return;
    }
  ok = gt_household_link (self->storage, g_ascii_strtoll (member, NULL, 10), self->household_id,
                          gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->link_type_combo)),
                          gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->post_combo)),
                          &error);
  after_change (self, ok, error);
}

static gint64
selected_member (GtHouseholdDialog *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->links_view), &model,
                                       &iter))
    gtk_tree_model_get (model, &iter, LINK_MEMBER_ID, &id, -1);
  if (id == 0)
    show_error (self, _("Select a linked member first."));
  return id;
}

static void
visit_clicked_cb (GtkButton *button, GtHouseholdDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 member = selected_member (self);

  if (member != 0)
    after_change (self, gt_household_visit (self->storage, member, self->household_id, NULL,
                                            NULL, NULL, &error), error);
}

static void
unlink_clicked_cb (GtkButton *button, GtHouseholdDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 member = selected_member (self);

  if (member != 0)
    after_change (self, gt_household_unlink (self->storage, member, self->household_id, &error),
                  error);
}

/* What the entries of the file hold, as one string, to notice changes. */
static char *
file_state (GtHouseholdDialog *self)
{
  GString *state = g_string_new (gtk_entry_get_text (self->head_entry));
  const char *village = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->village_combo));

  g_string_append_c (state, '\x1f');
  g_string_append (state, village != NULL ? village : "");
  g_string_append_c (state, '\x1f');
  g_string_append (state, gtk_entry_get_text (self->grid_entry));
  g_string_append_c (state, '\x1f');
  /* the spin button's text: typed digits count before it parses them */
  g_string_append (state, gtk_entry_get_text (GTK_ENTRY (self->size_spin)));
  g_string_append_c (state, '\x1f');
  g_string_append (state, gtk_entry_get_text (self->address_entry));
  for (guint i = 0; i < N_FILE_FIELDS; i++)
    {
      g_string_append_c (state, '\x1f');
      g_string_append (state, gtk_entry_get_text (self->file_entries[i]));
    }
  g_string_append_c (state, '\x1f');
  g_string_append (state, gtk_entry_get_text (self->notes_entry));
  return g_string_free (state, FALSE);
}

/* Edits of the file not saved yet; links and visits are saved as they are made. */
static gboolean
file_changed (GtkDialog *dialog)
{
  GtHouseholdDialog *self = GT_HOUSEHOLD_DIALOG (dialog);
  g_autofree char *state = file_state (self);

  return g_strcmp0 (state, self->shown_file) != 0;
}

static gboolean
save (GtHouseholdDialog *self, GError **error)
{
  const char *values[N_FILE_FIELDS];
  GtHouseholdSpec spec = { 0 };

  for (guint i = 0; i < N_FILE_FIELDS; i++)
    values[i] = gtk_entry_get_text (self->file_entries[i]);
  spec.head_name = gtk_entry_get_text (self->head_entry);
  spec.village = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->village_combo));
  spec.grid = gtk_entry_get_text (self->grid_entry);
  spec.address = gtk_entry_get_text (self->address_entry);
  spec.size = gtk_spin_button_get_value_as_int (self->size_spin);
  spec.file = (GtHouseholdFile) {
    values[0], values[1], values[2], values[3], values[4],
    values[5], values[6], values[7], values[8],
  };
  spec.notes = gtk_entry_get_text (self->notes_entry);
  if (self->household_id == 0)
    return gt_household_add (self->storage, &spec, &self->household_id, error);
  return gt_household_update (self->storage, self->household_id, &spec, error);
}

static void
gt_household_dialog_response (GtkDialog *dialog, int response)
{
  GtHouseholdDialog *self = GT_HOUSEHOLD_DIALOG (dialog);
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_OK)
    {
      /* the spin button keeps typed text until it loses focus */
      gtk_spin_button_update (self->size_spin);
      if (!save (self, &error))
        {
          /* keep the dialog open with the reason; nothing was changed */
          show_error (self, gt_error_text (self->storage, error));
          return;
        }
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_household_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_HOUSEHOLD_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_household_dialog_parent_class)->dispose (object);
}

static void
gt_household_dialog_finalize (GObject *object)
{
  g_free (GT_HOUSEHOLD_DIALOG (object)->shown_file);
  G_OBJECT_CLASS (gt_household_dialog_parent_class)->finalize (object);
}

/* The 进门五看 and 提笔四问 entries, in the order of file_entries[]. */
static const char *const file_entry_names[] = {
  "look_kitchen_entry", "look_bedroom_entry", "look_toilet_entry", "look_yard_entry",
  "look_fields_entry", "ask_family_entry", "ask_economy_entry", "ask_opinions_entry",
  "ask_needs_entry",
};
G_STATIC_ASSERT (G_N_ELEMENTS (file_entry_names) == N_FILE_FIELDS);

static void
gt_household_dialog_class_init (GtHouseholdDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = gt_household_dialog_dispose;
  object_class->finalize = gt_household_dialog_finalize;
  dialog_class->response = gt_household_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-household-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, head_entry);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, village_combo);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, grid_entry);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, size_spin);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, address_entry);
  for (guint i = 0; i < G_N_ELEMENTS (file_entry_names); i++)
    gtk_widget_class_bind_template_child_full (widget_class, file_entry_names[i], FALSE,
                                               G_STRUCT_OFFSET (GtHouseholdDialog, file_entries)
                                                 + (goffset) (i * sizeof (GtkWidget *)));
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, notebook);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, links_tab_label);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, visits_tab_label);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, links_store);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, links_view);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, visits_store);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, member_search);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, member_combo);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, link_type_combo);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, post_combo);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, member_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlink_clicked_cb);
}

static void
gt_household_dialog_init (GtHouseholdDialog *self)
{
  static const char *const link_types[] = { "area", "kinship", "service" };

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (link_types); i++)
    gtk_combo_box_text_append (self->link_type_combo, link_types[i],
                               gt_label_link_type (link_types[i]));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->link_type_combo), 0);
  gtk_combo_box_text_append (self->post_combo, "A", _("Post A (A岗)"));
  gtk_combo_box_text_append (self->post_combo, "B", _("Post B (B岗)"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->post_combo), 0);
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->member_combo), 16);
  /* Esc, the close button and Cancel ask before typed edits are thrown away */
  gt_dialog_confirm_discard (GTK_DIALOG (self), file_changed,
                             _("Discard the changes to this household?"));
}

GtHouseholdDialog *
gt_household_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 household_id)
{
  GtHouseholdDialog *self = g_object_new (GT_TYPE_HOUSEHOLD_DIALOG, "transient-for", parent,
                                          "use-header-bar", FALSE, NULL);

  self->storage = g_object_ref (storage);
  self->household_id = household_id;
  fill_villages (self);
  if (household_id == 0)
    {
      /* links and visits need the household to exist: they come after the first save */
      gtk_window_set_title (GTK_WINDOW (self), _("New Household"));
      gtk_widget_hide (gtk_notebook_get_nth_page (self->notebook, 1));
      gtk_widget_hide (gtk_notebook_get_nth_page (self->notebook, 2));
    }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GtHousehold) h = gt_household_lookup (storage, household_id, &error);

      if (h == NULL)
        show_error (self, gt_error_text (storage, error));
      else
        fill_file (self, h);
      reload_links (self);
    }
  self->shown_file = file_state (self);
  return self;
}
