/* gt-project-dialog.c — one project of the 挂图作战 library: its fields, its milestones with
 * the tick-off (销号) and its supervision checks (督查)
 *
 * The fields are written when the user saves. Milestones, tick-offs and checks take effect at
 * once, each through the core, which refuses what breaks the rules; the reason is shown under
 * the notebook. A new project gets its number (挂号) on the first save; the dialog then stays
 * open on its milestones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-audit.h"
#include "gt-office.h"
#include "gt-page.h"
#include "gt-project-dialog.h"
#include "gt-project.h"
#include "gt-household.h"
#include "gt-registers.h"

struct _GtProjectDialog
{
  GtkDialog parent_instance;

  GtkLabel *number_label;
  GtkEntry *name_entry;
  GtkComboBoxText *kind_combo;
  GtkComboBoxText *level_combo;
  GtkComboBoxText *org_combo;
  GtkComboBoxText *village_combo;
  GtkEntry *leader_entry;
  GtkEntry *cadre_entry;
  GtkEntry *start_entry;
  GtkEntry *due_entry;
  GtkEntry *budget_entry;
  GtkEntry *description_entry;
  GtkNotebook *notebook;
  GtkLabel *milestones_tab_label;
  GtkLabel *supervision_tab_label;
  GtkListStore *milestones_store;
  GtkTreeView *milestones_view;
  GtkEntry *milestone_name_entry;
  GtkEntry *milestone_planned_entry;
  GtkEntry *tick_date_entry;
  GtkEntry *tick_by_entry;
  GtkEntry *untick_reason_entry;
  GtkListStore *supervisions_store;
  GtkLabel *accountability_label;
  GtkEntry *check_date_entry;
  GtkEntry *finding_entry;
  GtkEntry *deadline_entry;
  GtkEntry *circular_entry;
  GtkEntry *inspector_entry;
  GtkToggleButton *lagging_check;
  GtkLabel *error_label;
  GtkWidget *remove_button;

  GtStorage *storage;
  gint64 project_id;
};

G_DEFINE_TYPE (GtProjectDialog, gt_project_dialog, GTK_TYPE_DIALOG)

enum
{
  MS_SEQ,
  MS_NAME,
  MS_PLANNED,
  MS_DONE,
  MS_BY,
  MS_NOTE,
  MS_ID,
};

/* A note under the notebook: red for a refusal, plain for news. */
static void
show_note (GtProjectDialog *self, const char *message, gboolean refusal)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->error_label));

  if (refusal)
    gtk_style_context_add_class (style, "error");
  else
    gtk_style_context_remove_class (style, "error");
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_message (GtProjectDialog *self, const char *message)
{
  show_note (self, message, FALSE);
}

static void
show_error (GtProjectDialog *self, const GError *error)
{
  show_note (self, gt_error_text (self->storage, error), TRUE);
}

/* Who is working: the operator the window named for the audit log (from Preferences, or
 * $GUATU_OPERATOR), else the one set in Preferences, else the user's name. */
static char *
operator_name (GtProjectDialog *self)
{
  g_autofree char *name = NULL, *program = NULL;

  gt_audit_get_operator (self->storage, &name, &program);
  if (name == NULL || *g_strstrip (name) == '\0')
    {
      g_free (name);
      name = gt_storage_get_meta (self->storage, GT_OFFICE_KEY_OPERATOR);
    }
  if (name == NULL || *g_strstrip (name) == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_real_name ());
    }
  return g_steal_pointer (&name);
}

static void
fill_choices (GtProjectDialog *self)
{
  static const char *const levels[] = { "county", "township", "village" };
  g_autoptr (GPtrArray) kinds = gt_project_kind_list (self->storage, NULL);
  g_autoptr (GPtrArray) orgs = gt_org_list (self->storage, NULL);
  g_autoptr (GPtrArray) villages = gt_village_list (self->storage, NULL);
  GtkListStore *store;

  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      GtProjectKind *k = kinds->pdata[i];
      gtk_combo_box_text_append (self->kind_combo, k->code, k->label);
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->kind_combo), 0);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    gtk_combo_box_text_append (self->level_combo, levels[i], gt_label_org_level (levels[i]));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), "township");
  store = gt_combo_box_text_take_model (self->org_combo);
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, org->id);
      gt_combo_box_text_store_append (store, id, org->name);
    }
  gt_combo_box_text_give_model (self->org_combo, store);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->org_combo), 24);
  store = gt_combo_box_text_take_model (self->village_combo);
  gt_combo_box_text_store_append (store, "", _("(none)"));
  for (guint i = 0; villages != NULL && i < villages->len; i++)
    gt_combo_box_text_store_append (store, villages->pdata[i], villages->pdata[i]);
  gt_combo_box_text_give_model (self->village_combo, store);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->village_combo), 0);
}

static void
set_entry (GtkEntry *entry, const char *text)
{
  gtk_entry_set_text (entry, text != NULL ? text : "");
}

/* The project's fields into the entries; only when the dialog opens or after adding. */
static void
fill_fields (GtProjectDialog *self, const GtProjectInfo *p)
{
  g_autofree char *title = g_strdup_printf (_("Project %s: %s"), p->base.number, p->base.name);
  g_autofree char *org = g_strdup_printf ("%" G_GINT64_FORMAT, p->org_id);
  g_autofree char *budget = gt_project_format_yuan (p->budget_fen);

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->number_label, p->base.number);
  set_entry (self->name_entry, p->base.name);
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), p->base.kind))
    {
      /* a kind no longer in the list stays selectable */
      g_autofree char *label = gt_project_kind_label (self->storage, p->base.kind);
      gtk_combo_box_text_append (self->kind_combo, p->base.kind, label);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), p->base.kind);
    }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), p->level);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), org);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->village_combo),
                               p->village != NULL ? p->village : "");
  set_entry (self->leader_entry, p->base.leader);
  set_entry (self->cadre_entry, p->base.cadre);
  set_entry (self->start_entry, p->base.start_date);
  set_entry (self->due_entry, p->base.due_date);
  set_entry (self->budget_entry, budget);
  set_entry (self->description_entry, p->description);
}

/* Reads the project again and shows its milestones and checks. */
static void
reload_lists (GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtProjectInfo) p = NULL;
  g_autofree char *ms_tab = NULL, *sv_tab = NULL, *accountability = NULL;
  int rule = gt_project_accountability_checks (self->storage);

  gtk_list_store_clear (self->milestones_store);
  gtk_list_store_clear (self->supervisions_store);
  if (self->project_id == 0)
    return;
  p = gt_project_lookup (self->storage, self->project_id, NULL, &error);
  if (p == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < p->milestones->len; i++)
    {
      GtMilestone *m = p->milestones->pdata[i];
      g_autofree char *note = m->n_reopened > 0
                                ? g_strdup_printf (ngettext ("tick-off undone once",
                                                             "tick-off undone %d times",
                                                             (gulong) m->n_reopened),
                                                   (int) m->n_reopened)
                                : NULL;

      gtk_list_store_insert_with_values (self->milestones_store, NULL, -1,
                                         MS_SEQ, (int) m->seq, MS_NAME, m->name,
                                         MS_PLANNED, m->planned_date,
                                         MS_DONE, m->done_date != NULL ? m->done_date : "",
                                         MS_BY, m->done_by, MS_NOTE, note != NULL ? note : "",
                                         MS_ID, m->id, -1);
    }
  for (guint i = 0; i < p->supervisions->len; i++)
    {
      GtSupervision *s = p->supervisions->pdata[i];

      gtk_list_store_insert_with_values (self->supervisions_store, NULL, -1,
                                         0, s->checked_on, 1, s->lagging ? _("Lagging") : "",
                                         2, s->finding, 3, s->deadline != NULL ? s->deadline : "",
                                         4, s->circular, 5, s->inspector, -1);
    }
  ms_tab = g_strdup_printf (_("Milestones (%d/%u)"), (int) p->base.n_done,
                            p->milestones->len);
  gtk_label_set_label (self->milestones_tab_label, ms_tab);
  sv_tab = g_strdup_printf (_("Supervision (%u)"), p->supervisions->len);
  gtk_label_set_label (self->supervision_tab_label, sv_tab);
  if (p->accountable)
    accountability = g_strdup_printf (ngettext ("Accountability (问责): the last %d check found "
                                                "the project lagging.",
                                                "Accountability (问责): the last %d checks found "
                                                "the project lagging.", (gulong) p->n_lagging),
                                      (int) p->n_lagging);
  else
    accountability = g_strdup_printf (ngettext ("%d consecutive lagging check raises "
                                                "accountability (问责); so far %d.",
                                                "%d consecutive lagging checks raise "
                                                "accountability (问责); so far %d.",
                                                (gulong) rule),
                                      rule, (int) p->n_lagging);
  gtk_label_set_label (self->accountability_label, accountability);
}

static gboolean
save (GtProjectDialog *self, GError **error)
{
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  const char *budget = gtk_entry_get_text (self->budget_entry);
  GtProjectSpec spec = {
    .name = gtk_entry_get_text (self->name_entry),
    .kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo)),
    .level = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo)),
    .org_id = org != NULL ? g_ascii_strtoll (org, NULL, 10) : 0,
    .village = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->village_combo)),
    .leader = gtk_entry_get_text (self->leader_entry),
    .cadre = gtk_entry_get_text (self->cadre_entry),
    .start_date = gtk_entry_get_text (self->start_entry),
    .due_date = gtk_entry_get_text (self->due_entry),
    .budget_fen = 0,
    .description = gtk_entry_get_text (self->description_entry),
  };

  if (*budget != '\0' && !gt_project_parse_yuan (budget, &spec.budget_fen))
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                   _("field “budget”: “%s” is not an amount in yuan, like 12000.50"), budget);
      return FALSE;
    }
  if (self->project_id == 0)
    return gt_project_add (self->storage, &spec, &self->project_id, NULL, error);
  return gt_project_update (self->storage, self->project_id, &spec, error);
}

static void
set_editing (GtProjectDialog *self)
{
  gtk_widget_show (self->remove_button);
  gtk_widget_show (gtk_notebook_get_nth_page (self->notebook, 1));
  gtk_widget_show (gtk_notebook_get_nth_page (self->notebook, 2));
}

static void
gt_project_dialog_response (GtkDialog *dialog, int response)
{
  GtProjectDialog *self = GT_PROJECT_DIALOG (dialog);
  g_autoptr (GError) error = NULL;
  gboolean adding = self->project_id == 0;

  if (response == GTK_RESPONSE_OK)
    {
      if (!save (self, &error))
        {
          /* keep the dialog open with the reason; nothing was changed */
          show_error (self, error);
          return;
        }
      if (adding)
        {
          /* stay open on the milestones of the new project */
          g_autoptr (GtProjectInfo) p = gt_project_lookup (self->storage, self->project_id,
                                                           NULL, NULL);
          g_autofree char *message = NULL;

          if (p != NULL)
            {
              fill_fields (self, p);
              message = g_strdup_printf (_("Project %s added. Add its milestones (time nodes) "
                                           "now, or close the dialog."), p->base.number);
            }
          set_editing (self);
          reload_lists (self);
          gtk_notebook_set_current_page (self->notebook, 1);
          show_message (self, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->milestone_name_entry));
          return;
        }
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

/* The id of the selected milestone, 0 when none is selected. */
static gint64
selected_milestone (GtProjectDialog *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->milestones_view);
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, MS_ID, &id, -1);
  return id;
}

static void
select_milestone (GtProjectDialog *self, gint64 id)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->milestones_store);
  GtkTreeIter iter;

  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    {
      gint64 row_id = 0;

      gtk_tree_model_get (model, &iter, MS_ID, &row_id, -1);
      if (row_id == id)
        gtk_tree_selection_select_iter (gtk_tree_view_get_selection (self->milestones_view),
                                        &iter);
    }
}

static void
add_milestone_clicked_cb (GtkButton *button, GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  if (!gt_milestone_add (self->storage, self->project_id,
                         gtk_entry_get_text (self->milestone_name_entry),
                         gtk_entry_get_text (self->milestone_planned_entry), &id, &error))
    {
      show_error (self, error);
      return;
    }
  show_message (self, NULL);
  reload_lists (self);
  select_milestone (self, id);
}

/* The selected milestone's name and planned date into the entries, to change them. */
static void
milestone_selected_cb (GtkTreeSelection *selection, GtProjectDialog *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *name = NULL, *planned = NULL;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, MS_NAME, &name, MS_PLANNED, &planned, -1);
  gtk_entry_set_text (self->milestone_name_entry, name != NULL ? name : "");
  gtk_entry_set_text (self->milestone_planned_entry, planned != NULL ? planned : "");
}

static void
update_milestone_clicked_cb (GtkButton *button, GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = selected_milestone (self);

  if (id == 0)
    {
      show_note (self, _("Select the milestone to change."), TRUE);
      return;
    }
  if (!gt_milestone_update (self->storage, id, gtk_entry_get_text (self->milestone_name_entry),
                            gtk_entry_get_text (self->milestone_planned_entry), &error))
    {
      show_error (self, error);
      return;
    }
  show_message (self, NULL);
  reload_lists (self);
  select_milestone (self, id);
}

static void
tick_clicked_cb (GtkButton *button, GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = selected_milestone (self);
  gboolean closed = FALSE;

  if (id == 0)
    {
      show_note (self, _("Select the milestone to tick off."), TRUE);
      return;
    }
  if (!gt_milestone_tick (self->storage, id, gtk_entry_get_text (self->tick_date_entry),
                          gtk_entry_get_text (self->tick_by_entry), &closed, &error))
    {
      show_error (self, error);
      return;
    }
  reload_lists (self);
  select_milestone (self, id);
  show_message (self, closed ? _("Every milestone is ticked off: the project is closed.")
                             : NULL);
}

static void
untick_clicked_cb (GtkButton *button, GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *who = operator_name (self);
  gint64 id = selected_milestone (self);

  if (id == 0)
    {
      show_note (self, _("Select the milestone whose tick-off to undo."), TRUE);
      return;
    }
  if (!gt_milestone_untick (self->storage, id, gtk_entry_get_text (self->untick_reason_entry),
                            who, &error))
    {
      show_error (self, error);
      return;
    }
  show_message (self, NULL);
  gtk_entry_set_text (self->untick_reason_entry, "");
  reload_lists (self);
  select_milestone (self, id);
}

static void
check_clicked_cb (GtkButton *button, GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  GtSupervisionSpec spec = {
    .checked_on = gtk_entry_get_text (self->check_date_entry),
    .finding = gtk_entry_get_text (self->finding_entry),
    .deadline = gtk_entry_get_text (self->deadline_entry),
    .circular = gtk_entry_get_text (self->circular_entry),
    .lagging = gtk_toggle_button_get_active (self->lagging_check),
    .inspector = gtk_entry_get_text (self->inspector_entry),
  };

  if (!gt_supervision_add (self->storage, self->project_id, &spec, NULL, &error))
    {
      show_error (self, error);
      return;
    }
  show_message (self, NULL);
  gtk_entry_set_text (self->finding_entry, "");
  gtk_entry_set_text (self->deadline_entry, "");
  gtk_entry_set_text (self->circular_entry, "");
  gtk_toggle_button_set_active (self->lagging_check, FALSE);
  reload_lists (self);
}

/* Removing a project takes its milestones and checks along: asked first. */
static void
remove_clicked_cb (GtkButton *button, GtProjectDialog *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *ask;
  int answer;

  if (self->project_id == 0)
    return;
  ask = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL, GTK_MESSAGE_QUESTION,
                                GTK_BUTTONS_NONE,
                                _("Remove project %s with its milestones and supervision "
                                  "records?"), gtk_label_get_label (self->number_label));
  gtk_dialog_add_buttons (GTK_DIALOG (ask), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Remove"),
                          GTK_RESPONSE_ACCEPT, NULL);
  answer = gtk_dialog_run (GTK_DIALOG (ask));
  gtk_widget_destroy (ask);
  if (answer != GTK_RESPONSE_ACCEPT)
    return;
  if (!gt_project_remove (self->storage, self->project_id, &error))
    {
      show_error (self, error);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (self));
}

/* For the tests: removes without asking. */
gboolean
gt_project_dialog_remove (GtProjectDialog *self, GError **error)
{
  g_return_val_if_fail (GT_IS_PROJECT_DIALOG (self), FALSE);
  if (!gt_project_remove (self->storage, self->project_id, error))
    return FALSE;
  gtk_widget_destroy (GTK_WIDGET (self));
  return TRUE;
}

static void
gt_project_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_PROJECT_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_project_dialog_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GtProjectDialog, name)

static void
gt_project_dialog_class_init (GtProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = gt_project_dialog_dispose;
  dialog_class->response = gt_project_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-project-dialog.ui");
  BIND (number_label);
  BIND (name_entry);
  BIND (kind_combo);
  BIND (level_combo);
  BIND (org_combo);
  BIND (village_combo);
  BIND (leader_entry);
  BIND (cadre_entry);
  BIND (start_entry);
  BIND (due_entry);
  BIND (budget_entry);
  BIND (description_entry);
  BIND (notebook);
  BIND (milestones_tab_label);
  BIND (supervision_tab_label);
  BIND (milestones_store);
  BIND (milestones_view);
  BIND (milestone_name_entry);
  BIND (milestone_planned_entry);
  BIND (tick_date_entry);
  BIND (tick_by_entry);
  BIND (untick_reason_entry);
  BIND (supervisions_store);
  BIND (accountability_label);
  BIND (check_date_entry);
  BIND (finding_entry);
  BIND (deadline_entry);
  BIND (circular_entry);
  BIND (inspector_entry);
  BIND (lagging_check);
  BIND (error_label);
  BIND (remove_button);
  gtk_widget_class_bind_template_callback (widget_class, add_milestone_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_milestone_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tick_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, untick_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
gt_project_dialog_init (GtProjectDialog *self)
{
  g_autofree char *today = gt_today ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (gtk_tree_view_get_selection (self->milestones_view), "changed",
                    G_CALLBACK (milestone_selected_cb), self);
  gtk_entry_set_text (self->tick_date_entry, today);
  gtk_entry_set_text (self->check_date_entry, today);
}

GtProjectDialog *
gt_project_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 project_id)
{
  GtProjectDialog *self = g_object_new (GT_TYPE_PROJECT_DIALOG, "transient-for", parent,
                                        "use-header-bar", FALSE, NULL);
  g_autofree char *who = NULL;

  self->storage = g_object_ref (storage);
  self->project_id = project_id;
  who = operator_name (self);
  gtk_entry_set_text (self->tick_by_entry, who);
  gtk_entry_set_text (self->inspector_entry, who);
  fill_choices (self);
  if (project_id == 0)
    {
      /* milestones and checks need the project to exist: they come after the first save */
      gtk_window_set_title (GTK_WINDOW (self), _("New Project"));
      gtk_label_set_label (self->number_label, _("given when saved (挂号)"));
      gtk_widget_hide (gtk_notebook_get_nth_page (self->notebook, 1));
      gtk_widget_hide (gtk_notebook_get_nth_page (self->notebook, 2));
      gtk_widget_hide (self->remove_button);
    }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GtProjectInfo) p = gt_project_lookup (storage, project_id, NULL, &error);

      if (p == NULL)
        show_error (self, error);
      else
        fill_fields (self, p);
      reload_lists (self);
    }
  return self;
}

gint64
gt_project_dialog_get_project_id (GtProjectDialog *self)
{
  g_return_val_if_fail (GT_IS_PROJECT_DIALOG (self), 0);
  return self->project_id;
}
