/* gt-org-dialog.c — adding an organisation and changing one (rename, kind, type, move)
 *
 * Upgrading a 党支部 that still has members to a 党总支 moves them in the same step: to a new
 * 党支部 under it (named by the user) or to a branch they choose; the rows for it are built
 * in code and shown only then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-org-dialog.h"
#include "gt-org.h"
#include "gt-page.h"
#include "gt-registers.h"

struct _GtOrgDialog
{
  GtkDialog parent_instance;

  GtkEntry *name_entry;
  GtkComboBoxText *parent_combo;
  GtkComboBoxText *kind_combo;
  GtkComboBoxText *type_combo;
  GtkComboBoxText *level_combo;
  GtkEntry *code_entry;
  GtkEntry *secretary_entry;
  GtkEntry *date_entry;
  GtkEntry *note_entry;
  GtkLabel *error_label;
  GtkLabel *move_label;
  GtkComboBoxText *move_combo; /* "" a new 党支部 under it, else an existing branch */
  GtkLabel *branch_name_label;
  GtkEntry *branch_name_entry;

  GtStorage *storage;
  gint64 n_members; /* active members registered directly with the organisation */
  GtOrgDialogMode mode;
  gint64 org_id;
  GHashTable *parent_kinds; /* parent id text → kind code */
  /* the organisations, read once per dialog (gt_org_list is costly on a prefecture's
   * 12 000): the dialog closes once it has changed the tree, so the list never goes stale
   * under it */
  GPtrArray *orgs;
};

G_DEFINE_TYPE (GtOrgDialog, gt_org_dialog, GTK_TYPE_DIALOG)

static const char *const kinds[] = { "committee", "general_branch", "branch", "group" };
static const char *const levels[] = { "county", "township", "village", "grid", "microgrid" };

/* Which rows each mode shows, by the widget's buildable name prefix. */
static const char *const mode_rows[][9] = {
  [GT_ORG_DIALOG_ADD] = { "name", "parent", "kind", "type", "level", "code", "secretary", "date",
                          NULL },
  [GT_ORG_DIALOG_RENAME] = { "name", "date", NULL },
  [GT_ORG_DIALOG_SET_KIND] = { "kind", "date", "note", NULL },
  [GT_ORG_DIALOG_MOVE] = { "parent", "date", NULL },
  [GT_ORG_DIALOG_SET_TYPE] = { "type", "date", NULL },
};

static void
show_rows (GtOrgDialog *self)
{
  static const char *const all[] = { "name", "parent", "kind", "type", "level", "code",
                                     "secretary", "date", "note" };
  GtkWidget *fields[] = {
    GTK_WIDGET (self->name_entry), GTK_WIDGET (self->parent_combo), GTK_WIDGET (self->kind_combo),
    GTK_WIDGET (self->type_combo), GTK_WIDGET (self->level_combo), GTK_WIDGET (self->code_entry),
    GTK_WIDGET (self->secretary_entry), GTK_WIDGET (self->date_entry),
    GTK_WIDGET (self->note_entry),
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      gboolean shown = g_strv_contains ((const char *const *) mode_rows[self->mode], all[i]);
      GtkWidget *grid = gtk_widget_get_parent (fields[i]);
      GtkWidget *label = gtk_grid_get_child_at (GTK_GRID (grid), 0,
                                                (int) i); /* rows are in this order */

      gtk_widget_set_visible (fields[i], shown);
      if (label != NULL)
        gtk_widget_set_visible (label, shown);
    }
}

/* The organisation of @id in the list, or NULL. */
static GtOrg *
org_of (GtOrgDialog *self, gint64 id)
{
  for (guint i = 0; self->orgs != NULL && i < self->orgs->len; i++)
    if (((GtOrg *) self->orgs->pdata[i])->id == id)
      return self->orgs->pdata[i];
  return NULL;
}

static void
fill (GtOrgDialog *self)
{
  GPtrArray *orgs = self->orgs;
  /* moving: not under itself nor under one of its descendants (the list has parents
   * before children, so one pass finds them all) */
  g_autoptr (GHashTable) moved = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) types = gt_org_types (self->storage, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkListStore *store;
  gint64 selected = self->mode == GT_ORG_DIALOG_ADD ? self->org_id : 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_combo_box_text_append (self->kind_combo, kinds[i], gt_label_org_kind (kinds[i]));
  /* the built-in types and the ones the office added (guatu-cli org type-add) */
  gtk_combo_box_text_append (self->type_combo, "", gt_label_org_type (""));
  for (guint i = 0; types != NULL && i < types->len; i++)
    {
      GtOrgType *type = types->pdata[i];
      gtk_combo_box_text_append (self->type_combo, type->code, type->label);
    }
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    gtk_combo_box_text_append (self->level_combo, levels[i], gt_label_org_level (levels[i]));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), "branch");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->type_combo), "");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), "village");
  gtk_entry_set_text (self->date_entry, today);

  store = gt_combo_box_text_take_model (self->parent_combo);
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, org->id);

      if (self->mode == GT_ORG_DIALOG_MOVE &&
          (org->id == self->org_id || g_hash_table_contains (moved, &org->parent_id)))
        g_hash_table_add (moved, &org->id);
      else if (g_strcmp0 (org->kind, "group") != 0)
        {
          gt_combo_box_text_store_append (store, id, org->name);
          g_hash_table_insert (self->parent_kinds, g_strdup (id), g_strdup (org->kind));
        }
      if (org->id == self->org_id && self->mode != GT_ORG_DIALOG_ADD)
        {
          gtk_entry_set_text (self->name_entry, org->name);
          gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), org->kind);
          gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->type_combo), org->org_type);
          /* moving starts from where it stands now */
          if (self->mode == GT_ORG_DIALOG_MOVE)
            selected = org->parent_id;
        }
    }
  gt_combo_box_text_give_model (self->parent_combo, store);
  if (selected > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, selected);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->parent_combo), id);
    }
  if (gtk_combo_box_get_active (GTK_COMBO_BOX (self->parent_combo)) < 0)
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->parent_combo), 0);
}

/* A new organisation is one step below its parent: a 党小组 under a 党支部, otherwise a
 * 党支部 (the core refuses a 党支部 inside a 党支部). */
static void
parent_changed_cb (GtkComboBox *combo, GtOrgDialog *self)
{
  const char *parent = gtk_combo_box_get_active_id (combo);
  const char *parent_kind = parent != NULL ? g_hash_table_lookup (self->parent_kinds, parent)
                                           : NULL;

  gboolean group = g_strcmp0 (parent_kind, "branch") == 0;

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), group ? "group" : "branch");
  /* a 党小组 works a grid (网格) of its branch's village */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), group ? "grid" : "village");
}

/* The moving rows show while the chosen kind holds no members and the organisation has
 * some; the name row only for a new branch. */
static void
update_move_rows (GtOrgDialog *self)
{
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  gboolean move = self->mode == GT_ORG_DIALOG_SET_KIND && self->n_members > 0 &&
                  kind != NULL && !gt_org_kind_holds_members (kind);
  gboolean create = g_strcmp0 (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->move_combo)),
                               "") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->move_label), move);
  gtk_widget_set_visible (GTK_WIDGET (self->move_combo), move);
  gtk_widget_set_visible (GTK_WIDGET (self->branch_name_label), move && create);
  gtk_widget_set_visible (GTK_WIDGET (self->branch_name_entry), move && create);
}

static void
move_changed_cb (GtOrgDialog *self)
{
  update_move_rows (self);
}

static GtkLabel *
grid_label (GtkGrid *grid, const char *text, GtkWidget *field, const char *name, int row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_buildable_set_name (GTK_BUILDABLE (field), name);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return GTK_LABEL (label);
}

/* The rows that move the members of a 党支部 being upgraded (SET_KIND mode only). */
static void
add_move_rows (GtOrgDialog *self, const char *name)
{
  GtkGrid *grid = GTK_GRID (gtk_widget_get_parent (GTK_WIDGET (self->note_entry)));
  GPtrArray *orgs = self->orgs;
  g_autofree char *text = NULL, *stem = NULL, *suggested = NULL;
  GtkListStore *store;

  if (!gt_org_count_members (self->storage, self->org_id, &self->n_members, NULL))
    self->n_members = 0;
  self->move_combo = GTK_COMBO_BOX_TEXT (gtk_combo_box_text_new ());
  self->branch_name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (self->branch_name_entry, TRUE);
  text = g_strdup_printf (ngettext ("Its %d _member moves to", "Its %d _members move to",
                                    (gulong) self->n_members), (int) self->n_members);
  self->move_label = grid_label (grid, text, GTK_WIDGET (self->move_combo), "move_combo", 9);
  self->branch_name_label = grid_label (grid, _("New _branch's name"),
                                        GTK_WIDGET (self->branch_name_entry),
                                        "branch_name_entry", 10);

  /* a new branch under it, or a branch of this database (by id) */
  store = gt_combo_box_text_take_model (self->move_combo);
  gt_combo_box_text_store_append (store, "", _("a new 党支部 under it"));
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];

      if (org->id != self->org_id && g_strcmp0 (org->kind, "branch") == 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, org->id);

          gt_combo_box_text_store_append (store, id, org->name);
        }
    }
  gt_combo_box_text_give_model (self->move_combo, store);
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->move_combo), 30);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->move_combo), 0);

  /* 青石村党支部 → 青石村第一党支部 */
  stem = g_str_has_suffix (name, "党支部") ? g_strndup (name, strlen (name) - strlen ("党支部"))
                                          : g_strdup (name);
  /* Translators: the suggested name of the new branch; %s is the organisation's name (with
   * 党支部 taken off its end) */
  suggested = g_strdup_printf (_("%s First Branch"), stem);
  gtk_entry_set_text (self->branch_name_entry, suggested);

  g_signal_connect_object (self->move_combo, "changed", G_CALLBACK (move_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_combo, "changed", G_CALLBACK (move_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_show (GTK_WIDGET (self->move_label));
  gtk_widget_show (GTK_WIDGET (self->branch_name_label));
}

static gboolean
apply (GtOrgDialog *self, GError **error)
{
  const char *date = gtk_entry_get_text (self->date_entry);
  const char *parent = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->parent_combo));
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  gint64 parent_id = parent != NULL ? g_ascii_strtoll (parent, NULL, 10) : 0;

  switch (self->mode)
    {
    case GT_ORG_DIALOG_ADD:
      {
        g_autofree char *parent_code = NULL;
        GtOrgSpec spec = { 0 };

        /* gt_org_add names the parent by code or name; pass the unique code when set */
        if (parent_id > 0)
          {
            GtOrg *org = org_of (self, parent_id);

            if (org != NULL)
              parent_code = g_strdup (*org->code ? org->code : org->name);
          }
        spec.parent = parent_code;
        spec.name = gtk_entry_get_text (self->name_entry);
        spec.kind = kind;
        spec.org_type = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->type_combo));
        spec.level = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));
        spec.code = gtk_entry_get_text (self->code_entry);
        spec.secretary = gtk_entry_get_text (self->secretary_entry);
        spec.founded = *date ? date : NULL;
        return gt_org_add (self->storage, &spec, NULL, error);
      }
    case GT_ORG_DIALOG_RENAME:
      return gt_org_rename (self->storage, self->org_id, gtk_entry_get_text (self->name_entry),
                            *date ? date : NULL, error);
    case GT_ORG_DIALOG_SET_KIND:
      if (gtk_widget_get_visible (GTK_WIDGET (self->move_combo)))
        {
          const char *to = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->move_combo));
          const char *note = gtk_entry_get_text (self->note_entry);
          guint moved = 0;

          if (to == NULL || *to == '\0')
            return gt_org_set_kind_moving_members (
              self->storage, self->org_id, kind, *date ? date : NULL, note,
              gtk_entry_get_text (self->branch_name_entry), TRUE, &moved, error);
          return gt_org_set_kind_moving_members_to (self->storage, self->org_id, kind,
                                                    *date ? date : NULL, note,
                                                    g_ascii_strtoll (to, NULL, 10), &moved,
                                                    error);
        }
      return gt_org_set_kind (self->storage, self->org_id, kind, *date ? date : NULL,
                              gtk_entry_get_text (self->note_entry), error);
    case GT_ORG_DIALOG_MOVE:
      return gt_org_move (self->storage, self->org_id, parent_id, *date ? date : NULL, error);
    case GT_ORG_DIALOG_SET_TYPE:
      return gt_org_set_type (self->storage, self->org_id,
                              gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->type_combo)),
                              *date ? date : NULL, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
gt_org_dialog_response (GtkDialog *dialog, int response)
{
  GtOrgDialog *self = GT_ORG_DIALOG (dialog);
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_OK && !apply (self, &error))
    {
      /* keep the dialog open with the reason; nothing was changed */
      gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
      gtk_widget_show (GTK_WIDGET (self->error_label));
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_org_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_ORG_DIALOG (object)->storage);
  g_clear_pointer (&GT_ORG_DIALOG (object)->parent_kinds, g_hash_table_unref);
  g_clear_pointer (&GT_ORG_DIALOG (object)->orgs, g_ptr_array_unref);
  G_OBJECT_CLASS (gt_org_dialog_parent_class)->dispose (object);
}

static void
gt_org_dialog_class_init (GtOrgDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = gt_org_dialog_dispose;
  dialog_class->response = gt_org_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-org-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, parent_combo);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, type_combo);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, level_combo);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, secretary_entry);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, GtOrgDialog, error_label);
}

static void
gt_org_dialog_init (GtOrgDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->parent_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtOrgDialog *
gt_org_dialog_new (GtkWindow *parent, GtStorage *storage, GtOrgDialogMode mode, gint64 org_id)
{
  static const char *const titles[] = {
    [GT_ORG_DIALOG_ADD] = N_("New Organisation"),
    [GT_ORG_DIALOG_RENAME] = N_("Rename Organisation"),
    [GT_ORG_DIALOG_SET_KIND] = N_("Upgrade or Change Kind"),
    [GT_ORG_DIALOG_MOVE] = N_("Move Organisation"),
    [GT_ORG_DIALOG_SET_TYPE] = N_("Change Type"),
  };
  GtOrgDialog *self = g_object_new (GT_TYPE_ORG_DIALOG, "transient-for", parent,
                                    "use-header-bar", FALSE, "title", _(titles[mode]), NULL);

  self->storage = g_object_ref (storage);
  self->mode = mode;
  self->org_id = org_id;
  self->orgs = gt_org_list (storage, NULL);
  fill (self);
  if (mode == GT_ORG_DIALOG_ADD)
    {
      parent_changed_cb (GTK_COMBO_BOX (self->parent_combo), self);
      g_signal_connect_object (self->parent_combo, "changed", G_CALLBACK (parent_changed_cb),
                               self, 0);
    }
  show_rows (self);
  if (mode == GT_ORG_DIALOG_MOVE &&
      gtk_combo_box_get_active (GTK_COMBO_BOX (self->parent_combo)) < 0)
    {
      /* the one top organisation: nothing outside it to move it under */
      gtk_label_set_label (self->error_label, _("There is no other organisation to move it "
                                                "under."));
      gtk_widget_show (GTK_WIDGET (self->error_label));
      gtk_dialog_set_response_sensitive (GTK_DIALOG (self), GTK_RESPONSE_OK, FALSE);
    }
  if (mode == GT_ORG_DIALOG_SET_KIND)
    {
      add_move_rows (self, gtk_entry_get_text (self->name_entry));
      update_move_rows (self);
    }
  return self;
}
