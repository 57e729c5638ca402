/* gt-life-page.c — organisational life (三会一课): a year's compliance dashboard
 * (organisations × months in the legend colours of the settings), the meetings with their
 * dialog, and dues in arrears with recording a payment. The A4 reports are the same drawing
 * for printing (GtkPrintOperation) and PDF export (gt-report.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "gt-dues.h"
#include "gt-life-page.h"
#include "gt-page.h"
#include "gt-life-report.h"
#include "gt-life.h"
#include "gt-life-rules-dialog.h"
#include "gt-meeting-dialog.h"
#include "gt-registers.h"

enum
{
  AR_MEMBER,
  AR_ORG,
  AR_LAST_PAID,
  AR_IN_A_ROW,
  AR_UNPAID,
  AR_OWED,
  AR_NOTE,
  AR_MEMBER_ID,
  AR_NOTE_COLOUR,
};

enum
{
  MT_DATE,
  MT_ORG,
  MT_KIND,
  MT_TOPIC,
  MT_ATTENDANCE,
  MT_ID,
};

#define CO_HELD 25
#define CO_ORG_ID 26

struct _GtLifePage
{
  GtkBox parent_instance;

  GtkNotebook *notebook;
  GtkSpinButton *year_spin;
  GtkBox *legend_box;
  GtkSpinner *compliance_spinner;
  GtkListStore *compliance_store;
  GtkComboBoxText *org_combo;
  GtkLabel *meetings_label;
  GtkListStore *meetings_store;
  GtkTreeView *meetings_view;
  GtkLabel *dues_label;
  GtkListStore *arrears_store;
  GtkTreeView *arrears_view;
  GtkEntry *month_entry;
  GtkEntry *amount_entry;
  GtkLabel *pay_label;
  GtkEntry *payer_entry;

  GtStorage *storage;
  gboolean filling;
  GCancellable *compliance_cancellable; /* of the computation under way, or NULL */
  GCancellable *dues_cancellable;       /* of the dues count under way, or NULL */
};

static void gt_life_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtLifePage, gt_life_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_life_page_page_init))

static GtkWindow *
parent_window (GtLifePage *self)
{
  GtkWidget *top = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return GTK_IS_WINDOW (top) ? GTK_WINDOW (top) : NULL;
}

static void
fill_legend (GtLifePage *self)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (self->legend_box));

  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  if (self->storage == NULL)
    return;
  for (GtLifeStatus s = GT_LIFE_DONE; s <= GT_LIFE_MISSING; s++)
    {
      g_autofree char *colour = gt_life_status_colour (self->storage, s);
      g_autofree char *markup = g_markup_printf_escaped ("<span background=\"%s\">\u3000\u3000</span> %s",
                                                         colour, gt_label_life_status (s));
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_widget_show (label);
      gtk_box_pack_start (self->legend_box, label, FALSE, FALSE, 0);
    }
}

static char *
year_text (GtLifePage *self)
{
  return g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->year_spin));
}

/* In a worker thread: at prefecture scale this takes seconds. @data is the year. */
static gpointer
compliance_work (GtStorage *storage, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autofree char *from = g_strconcat (data, "-01", NULL);
  g_autofree char *to = g_strconcat (data, "-12", NULL);

  return gt_life_compliance_cancellable (storage, from, to, NULL, cancellable, error);
}

static void
show_compliance (GtLifePage *self, GPtrArray *cells)
{
  g_auto (GStrv) colours = g_new0 (char *, GT_LIFE_MISSING + 2);

  for (GtLifeStatus s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
    colours[s] = gt_life_status_colour (self->storage, s);
  for (guint i = 0; i + 12 <= cells->len; i += 12)
    {
      GtLifeCell *first = cells->pdata[i];
      GtkTreeIter iter;
      int held = 0, due = 0;
      g_autofree char *name = g_strconcat (g_strcmp0 (first->org_kind, "group") == 0
                                             ? "\u3000\u3000" : "", first->org_name, NULL);

      gtk_list_store_append (self->compliance_store, &iter);
      gtk_list_store_set (self->compliance_store, &iter, 0, name, CO_ORG_ID, first->org_id, -1);
      for (int m = 0; m < 12; m++)
        {
          GtLifeCell *cell = cells->pdata[i + m];
          int cell_held = 0, cell_due = 0;
          g_autofree char *text = NULL;

          for (guint j = 0; j < cell->items->len; j++)
            {
              GtLifeItem *item = cell->items->pdata[j];

              if (item->status == GT_LIFE_PENDING)
                continue;
              cell_due++;
              cell_held += item->status == GT_LIFE_DONE;
            }
          held += cell_held;
          due += cell_due;
          text = cell_due > 0 ? g_strdup_printf ("%d/%d", cell_held, cell_due) : g_strdup ("");
          gtk_list_store_set (self->compliance_store, &iter, 1 + 2 * m, text, 2 + 2 * m,
                              cell->status != GT_LIFE_NONE ? colours[cell->status] : NULL, -1);
        }
      {
        g_autofree char *rate = due > 0 ? g_strdup_printf ("%d%%", (held * 100 + due / 2) / due)
                                        : g_strdup ("—");
        gtk_list_store_set (self->compliance_store, &iter, CO_HELD, rate, -1);
      }
    }
}

static void
compliance_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cells = g_task_propagate_pointer (G_TASK (result), &error);
  GtLifePage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer computation replaced it, or the page is gone */
  self = GT_LIFE_PAGE (source);
  g_clear_object (&self->compliance_cancellable);
  gtk_spinner_stop (self->compliance_spinner);
  gtk_widget_hide (GTK_WIDGET (self->compliance_spinner));
  if (cells == NULL)
    gt_page_report_error (GT_PAGE (self), error);
  else if (self->storage != NULL)
    show_compliance (self, cells);
}

static void
fill_compliance (GtLifePage *self)
{
  gt_page_cancel (&self->compliance_cancellable);
  gtk_list_store_clear (self->compliance_store);
  gtk_spinner_stop (self->compliance_spinner);
  gtk_widget_hide (GTK_WIDGET (self->compliance_spinner));
  if (self->storage == NULL)
    return;
  gtk_widget_show (GTK_WIDGET (self->compliance_spinner));
  gtk_spinner_start (self->compliance_spinner);
  gt_page_run_in_thread (self, self->storage, &self->compliance_cancellable, compliance_work,
                         year_text (self), g_free, (GDestroyNotify) g_ptr_array_unref,
                         compliance_done);
}

gboolean
gt_life_page_is_busy (GtLifePage *self)
{
  return self->compliance_cancellable != NULL || self->dues_cancellable != NULL;
}

static void
fill_orgs (GtLifePage *self)
{
  g_autoptr (GPtrArray) orgs = NULL;
  g_autofree char *active = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo)));
  GtkListStore *store;

  self->filling = TRUE;
  store = gt_combo_box_text_take_model (self->org_combo);
  gt_combo_box_text_store_append (store, "0", _("All organisations"));
  orgs = self->storage != NULL ? gt_org_list (self->storage, NULL) : NULL;
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *o = orgs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, o->id);

      if (g_strcmp0 (o->kind, "branch") == 0 || g_strcmp0 (o->kind, "general_branch") == 0)
        gt_combo_box_text_store_append (store, id, o->name);
    }
  gt_combo_box_text_give_model (self->org_combo, store);
  if (active == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), active))
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), "0");
  self->filling = FALSE;
}

static gint64
selected_org (GtLifePage *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));

  return id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0;
}

/* A prefecture's year is over 200 000 meetings: the list shows the latest. */
#define MAX_MEETINGS_SHOWN 1000

static void
fill_meetings (GtLifePage *self)
{
  gint64 total = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) meetings = NULL;
  g_autofree char *summary = NULL;

  gtk_list_store_clear (self->meetings_store);
  gtk_label_set_label (self->meetings_label, "");
  if (self->storage == NULL)
    return;
  meetings = gt_meeting_list_latest (self->storage, selected_org (self), MAX_MEETINGS_SHOWN,
                                     &total, &error);
  if (meetings == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      GtMeeting *m = meetings->pdata[i];
      g_autofree char *attendance = g_strdup_printf ("%d / %d", (int) m->n_present,
                                                     (int) (m->n_present + m->n_absent));

      gtk_list_store_insert_with_values (self->meetings_store, NULL, -1, MT_DATE, m->date,
                                         MT_ORG, m->org_name, MT_KIND,
                                         gt_label_meeting_kind (m->kind), MT_TOPIC, m->topic,
                                         MT_ATTENDANCE, attendance, MT_ID, m->id, -1);
    }
  if (total > meetings->len)
    summary = g_strdup_printf (_("The latest %u of %u meetings; choose a branch to see all "
                                 "of its own"), meetings->len, (guint) total);
  else
    summary = g_strdup_printf (ngettext ("%u meeting", "%u meetings", meetings->len),
                               meetings->len);
  gtk_label_set_label (self->meetings_label, summary);
}

typedef struct
{
  GPtrArray *arrears;
  GPtrArray *summary;
} DuesResult;

static void
dues_result_free (DuesResult *result)
{
  g_clear_pointer (&result->arrears, g_ptr_array_unref);
  g_clear_pointer (&result->summary, g_ptr_array_unref);
  g_free (result);
}

/* In a worker thread: every member's months, a minute at prefecture scale. */
static gpointer
dues_work (GtStorage *storage, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autofree char *now = gt_today ();
  DuesResult *result = g_new0 (DuesResult, 1);

  result->arrears = gt_dues_arrears (storage, NULL, error);
  if (result->arrears != NULL)
    result->summary = gt_dues_summary (storage, atoi (now), error);
  if (result->summary == NULL)
    {
      dues_result_free (result);
      return NULL;
    }
  return result;
}

static void
show_dues (GtLifePage *self, GPtrArray *arrears, GPtrArray *summary)
{
  g_autofree char *total_text = NULL, *text = NULL;
  g_autofree char *warning = gt_life_status_colour (self->storage, GT_LIFE_OVERDUE);
  g_autofree char *missing = gt_life_status_colour (self->storage, GT_LIFE_MISSING);
  gint64 total = 0;
  guint rule = 0;

  for (guint i = 0; i < arrears->len; i++)
    {
      GtDuesArrears *a = arrears->pdata[i];
      g_autofree char *owed = gt_dues_arrears_owed_text (a);

      rule += a->rule;
      gtk_list_store_insert_with_values (
        self->arrears_store, NULL, -1, AR_MEMBER, a->member_name, AR_ORG, a->org_name,
        AR_LAST_PAID, a->last_paid != NULL ? a->last_paid : _("never"),
        AR_IN_A_ROW, a->consecutive, AR_UNPAID, a->months_unpaid, AR_OWED, owed,
        AR_NOTE, a->rule ? _("6-month rule (党章第九条)") : a->warning ? _("Warning") : "",
        AR_MEMBER_ID, a->member_id,
        AR_NOTE_COLOUR, a->rule ? missing : a->warning ? warning : NULL, -1);
    }
  for (guint i = 0; i < summary->len; i++)
    total += ((GtDuesSummary *) summary->pdata[i])->total_fen;
  total_text = gt_fen_format (total);
  text = g_strdup_printf (_("%u members behind with their dues, %u of them six months or more; "
                            "%s 元 received for this year"), arrears->len, rule, total_text);
  gtk_label_set_label (self->dues_label, text);
}

static void
dues_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  DuesResult *dues = g_task_propagate_pointer (G_TASK (result), &error);
  GtLifePage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer count replaced it, or the page is gone */
  self = GT_LIFE_PAGE (source);
  g_clear_object (&self->dues_cancellable);
  gtk_label_set_label (self->dues_label, "");
  if (dues == NULL)
    gt_page_report_error (GT_PAGE (self), error);
  else if (self->storage != NULL)
    show_dues (self, dues->arrears, dues->summary);
  if (dues != NULL)
    dues_result_free (dues);
}

static void
fill_dues (GtLifePage *self)
{
  gt_page_cancel (&self->dues_cancellable);
  gtk_list_store_clear (self->arrears_store);
  gtk_label_set_label (self->dues_label, "");
  if (self->storage == NULL)
    return;
  gtk_label_set_label (self->dues_label, _("Counting the dues…"));
  gt_page_run_in_thread (self, self->storage, &self->dues_cancellable, dues_work, NULL, NULL,
                         (GDestroyNotify) dues_result_free, dues_done);
}

static void
reload (GtLifePage *self)
{
  fill_legend (self);
  fill_compliance (self);
  fill_orgs (self);
  fill_meetings (self);
  fill_dues (self);
}

static void
gt_life_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtLifePage *self = GT_LIFE_PAGE (page);

  g_set_object (&self->storage, storage);
  reload (self);
}

static void
year_changed_cb (GtkWidget *widget, GtLifePage *self)
{
  /* also called while the template is being built */
  if (self->compliance_store != NULL)
    fill_compliance (self);
}

static void
org_changed_cb (GtkWidget *widget, GtLifePage *self)
{
  if (!self->filling && self->meetings_store != NULL)
    fill_meetings (self);
}

static void
open_meeting (GtLifePage *self, gint64 meeting_id)
{
  GtMeetingDialog *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_meeting_dialog_new (parent_window (self), self->storage, meeting_id,
                                  selected_org (self));
  gtk_widget_show (GTK_WIDGET (dialog));
}

static void
record_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  open_meeting (self, 0);
}

static void
meeting_activated_cb (GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
                      GtLifePage *self)
{
  GtkTreeIter iter;
  gint64 id = 0;

  if (!gtk_tree_model_get_iter (GTK_TREE_MODEL (self->meetings_store), &iter, path))
    return;
  gtk_tree_model_get (GTK_TREE_MODEL (self->meetings_store), &iter, MT_ID, &id, -1);
  open_meeting (self, id);
}

static void
rules_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  if (self->storage != NULL)
    gtk_widget_show (GTK_WIDGET (gt_life_rules_dialog_new (parent_window (self), self->storage)));
}

/* ---- reports: the same drawing for print and PDF ---- */

static void
draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, GtReport *report)
{
  gt_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page,
                       gtk_print_context_get_width (context),
                       gtk_print_context_get_height (context));
}

static void
report_free_notify (gpointer data, GClosure *closure)
{
  gt_report_free (data);
}

static void
show_message (GtLifePage *self, GtkMessageType type, const char *text)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent_window (self), GTK_DIALOG_MODAL, type,
                                              GTK_BUTTONS_CLOSE, "%s", text);

  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_widget_show (dialog);
}

static GtReport *
compliance_report (GtLifePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *year = year_text (self);
  GtReport *report = gt_life_report_compliance (self->storage, year, NULL, &error);

  if (report == NULL)
    show_message (self, GTK_MESSAGE_ERROR, gt_error_text (self->storage, error));
  return report;
}

static void
print_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  g_autoptr (GtkPrintOperation) op = NULL;
  g_autoptr (GError) error = NULL;
  GtReport *report;

  if (self->storage == NULL || (report = compliance_report (self)) == NULL)
    return;
  op = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (op, (int) gt_report_get_n_pages (report));
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_signal_connect_data (op, "draw-page", G_CALLBACK (draw_page_cb), report, report_free_notify,
                         0);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent_window (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, GTK_MESSAGE_ERROR, error->message);
}

/* Asks where to save, then writes @report there; takes @report. */
static void
export_report (GtLifePage *self, GtReport *report, const char *suggested)
{
  g_autofree char *path = gt_choose_pdf_path (parent_window (self), suggested);
  g_autoptr (GError) error = NULL;

  if (path != NULL && !gt_report_write_pdf (report, path, &error))
    show_message (self, GTK_MESSAGE_ERROR, error->message);
  gt_report_free (report);
}

static void
export_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  g_autofree char *year = year_text (self);
  g_autofree char *name = g_strdup_printf (_("compliance-%s.pdf"), year);
  GtReport *report;

  if (self->storage != NULL && (report = compliance_report (self)) != NULL)
    export_report (self, report, name);
}

static void
dues_report (GtLifePage *self, gboolean receipts)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *now = gt_today ();
  g_autofree char *month = gt_month_of (NULL), *last = gt_month_add (month, -1);
  g_autofree char *year = g_strndup (now, 4);
  g_autofree char *name = NULL;
  GtReport *report;

  if (self->storage == NULL)
    return;
  report = receipts ? gt_dues_report_receipts (self->storage, year, &error)
                    : gt_dues_report_arrears (self->storage, last, &error);
  if (report == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, gt_error_text (self->storage, error));
      return;
    }
  name = g_strdup_printf (receipts ? _("dues-received-%s.pdf") : _("dues-arrears-%s.pdf"),
                          receipts ? year : last);
  export_report (self, report, name);
}

static void
arrears_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  dues_report (self, FALSE);
}

static void
receipts_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  dues_report (self, TRUE);
}

/* The first month the selected member has not paid, into the month entry. */
static void
arrears_selection_changed_cb (GtkTreeSelection *selection, GtLifePage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *last = NULL, *next = NULL;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, AR_LAST_PAID, &last, -1);
  next = gt_month_is_valid (last) ? gt_month_add (last, 1) : NULL;
  if (next != NULL)
    gtk_entry_set_text (self->month_entry, next);
}

/* The member @text names (a name, part of one, or an ID number): the only active member it
 * finds, or the one of that exact name among several. Says in pay_label otherwise. */
static gboolean
find_payer (GtLifePage *self, const char *text, gint64 *member, char **name)
{
  const GtMemberFilter active = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = gt_member_search (self->storage, text, &active, 0, 50, &error);
  g_autofree char *message = NULL;
  GtMember *only = NULL;

  if (found == NULL)
    {
      gtk_label_set_label (self->pay_label, gt_error_text (self->storage, error));
      return FALSE;
    }
  if (found->len == 1)
    only = found->pdata[0];
  for (guint i = 0; only == NULL && i < found->len; i++)
    if (g_strcmp0 (((GtMember *) found->pdata[i])->name, text) == 0)
      {
        if (only != NULL)
          break;
        only = found->pdata[i];
      }
  if (only == NULL)
    {
      message = found->len == 0
                  ? g_strdup_printf (_("No member in the register is called or numbered “%s”."),
                                     text)
                  : g_strdup_printf (_("“%s” fits several members: type the whole name or the "
                                       "ID number."), text);
      gtk_label_set_label (self->pay_label, message);
      return FALSE;
    }
  *member = only->id;
  *name = g_strdup (only->name);
  return TRUE;
}

static void
pay_clicked_cb (GtkWidget *widget, GtLifePage *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->arrears_view);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL, *message = NULL;
  const char *amount_text = gtk_entry_get_text (self->amount_entry);
  /* a copy: paying reloads the list, its cursor moves to the next member and the month
   * entry follows it, which frees the entry's text */
  g_autofree char *month = g_strdup (gtk_entry_get_text (self->month_entry));
  g_autofree char *payer = g_strdup (gtk_entry_get_text (self->payer_entry));
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 member = 0, fen = 0;

  if (self->storage == NULL)
    return;
  /* Any member typed in, or the one selected among those in arrears. */
  g_strstrip (payer);
  if (*payer != '\0')
    {
      if (!find_payer (self, payer, &member, &name))
        return;
    }
  else if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    {
      gtk_label_set_label (self->pay_label, _("Type a member's name or ID number, or choose "
                                              "one in the list first."));
      return;
    }
  else
    /* name is a copy too: the row is gone once the payment is recorded */
    gtk_tree_model_get (model, &iter, AR_MEMBER_ID, &member, AR_MEMBER, &name, -1);
  if (*amount_text != '\0' && (!gt_fen_parse (amount_text, &fen) || fen == 0))
    {
      message = g_strdup_printf (_("“%s” is not an amount in 元"), amount_text);
      gtk_label_set_label (self->pay_label, message);
      return;
    }
  if (!gt_dues_pay (self->storage, member, month, fen, NULL, NULL, &error))
    {
      gtk_label_set_label (self->pay_label, gt_error_text (self->storage, error));
      return;
    }
  message = g_strdup_printf (_("Recorded the dues of %s for %s."), name, month);
  gtk_entry_set_text (self->amount_entry, "");
  gtk_entry_set_text (self->payer_entry, "");
  /* the storage's change signal reloads the page; the message stays */
  gtk_label_set_label (self->pay_label, message);
}

static void
gt_life_page_dispose (GObject *object)
{
  GtLifePage *self = GT_LIFE_PAGE (object);

  gt_page_cancel (&self->compliance_cancellable);
  gt_page_cancel (&self->dues_cancellable);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_life_page_parent_class)->dispose (object);
}

static void
gt_life_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_life_page_set_storage;
}

static void
gt_life_page_class_init (GtLifePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gt_life_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-life-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, notebook);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, compliance_spinner);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, compliance_store);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, meetings_label);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, meetings_store);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, meetings_view);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, dues_label);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, arrears_store);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, arrears_view);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, month_entry);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, pay_label);
  gtk_widget_class_bind_template_child (widget_class, GtLifePage, payer_entry);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, meeting_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, arrears_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, receipts_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pay_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_clicked_cb);
}

static void
gt_life_page_init (GtLifePage *self)
{
  g_autofree char *today = gt_today ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_value (self->year_spin, atoi (today));
  g_signal_connect (gtk_tree_view_get_selection (self->arrears_view), "changed",
                    G_CALLBACK (arrears_selection_changed_cb), self);
  {
    g_autofree char *month = gt_month_of (NULL), *last = gt_month_add (month, -1);
    gtk_entry_set_text (self->month_entry, last);
  }
}
