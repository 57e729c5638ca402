/* gt-meeting-dialog.c — one meeting of organisational life: when, what, who came, who did
 * not and why, the minutes and attached files
 *
 * Attendees are picked from the organisation's roster (gt_life_roster): everyone starts
 * ticked as present; untick the absentees and type their reasons. Saving writes the meeting,
 * its attendance and the new attachments in one transaction; a refusal keeps the dialog open
 * with the reason and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-life.h"
#include "gt-meeting-dialog.h"
#include "gt-page.h"
#include "gt-registers.h"

enum
{
  ATT_PRESENT,
  ATT_NAME,
  ATT_REASON,
  ATT_MEMBER_ID,
};

struct _GtMeetingDialog
{
  GtkDialog parent_instance;

  GtkComboBoxText *org_combo;
  GtkComboBoxText *kind_combo;
  GtkEntry *date_entry;
  GtkEntry *topic_entry;
  GtkEntry *place_entry;
  GtkEntry *host_entry;
  GtkTextView *minutes_view;
  GtkListStore *attendance_store;
  GtkListStore *attachments_store;
  GtkEntry *attach_entry;
  GtkLabel *attendance_tab_label;
  GtkLabel *error_label;

  GtStorage *storage;
  gint64 meeting_id;
  gint64 loaded_org;     /* the organisation whose roster fills the attendance list */
  GHashTable *groups;    /* the ids ("%" G_GINT64_FORMAT) of the 党小组 in org_combo */
  int n_attachments;     /* attachments already stored; rows after them are new */
};

G_DEFINE_TYPE (GtMeetingDialog, gt_meeting_dialog, GTK_TYPE_DIALOG)

static void
show_error (GtMeetingDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gint64
selected_org (GtMeetingDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));

  return id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0;
}

static void
update_count (GtMeetingDialog *self)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->attendance_store);
  GtkTreeIter iter;
  int present = 0, total = 0;
  g_autofree char *text = NULL;

  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    {
      gboolean p;

      gtk_tree_model_get (model, &iter, ATT_PRESENT, &p, -1);
      present += p;
      total++;
    }
  text = g_strdup_printf (_("Attendance (%d of %d)"), present, total);
  gtk_label_set_label (self->attendance_tab_label, text);
}

/* Fills the attendance list: @recorded (may be NULL) first as recorded, then the rest of
 * the roster of @org_id, present. */
static void
fill_attendance (GtMeetingDialog *self, gint64 org_id, GPtrArray *recorded)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) roster = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_list_store_clear (self->attendance_store);
  self->loaded_org = org_id;
  for (guint i = 0; recorded != NULL && i < recorded->len; i++)
    {
      GtAttendance *a = recorded->pdata[i];

      g_hash_table_add (seen, &a->member_id);
      gtk_list_store_insert_with_values (self->attendance_store, NULL, -1, ATT_PRESENT, a->present,
                                         ATT_NAME, a->name, ATT_REASON, a->reason,
                                         ATT_MEMBER_ID, a->member_id, -1);
    }
  if (org_id > 0)
    {
      roster = gt_life_roster (self->storage, org_id, &error);
      if (roster == NULL)
        show_error (self, gt_error_text (self->storage, error));
      for (guint i = 0; roster != NULL && i < roster->len; i++)
        {
          GtAttendance *a = roster->pdata[i];

          if (g_hash_table_contains (seen, &a->member_id))
            continue;
          gtk_list_store_insert_with_values (self->attendance_store, NULL, -1,
                                             ATT_PRESENT, recorded == NULL, ATT_NAME, a->name,
                                             ATT_REASON, "", ATT_MEMBER_ID, a->member_id, -1);
        }
    }
  update_count (self);
}

/* A refusal is about what was entered: once anything changes it no longer applies, and
 * the next Save checks again. */
static void
input_changed_cb (GtMeetingDialog *self)
{
  show_error (self, NULL);
}

static void
org_changed_cb (GtkWidget *widget, GtMeetingDialog *self)
{
  gint64 org_id = selected_org (self);

  input_changed_cb (self);
  /* A new meeting of a 党小组 is a 党小组会 (a group holds no 支委会); of a branch, not. */
  if (self->meeting_id == 0 && self->groups != NULL)
    {
      const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
      gboolean group = id != NULL && g_hash_table_contains (self->groups, id);
      const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));

      if (group && g_strcmp0 (kind, GT_MEETING_GROUP) != 0)
        gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), GT_MEETING_GROUP);
      else if (!group && g_strcmp0 (kind, GT_MEETING_GROUP) == 0)
        gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), GT_MEETING_COMMITTEE);
    }
  if (self->storage != NULL && org_id != self->loaded_org)
    fill_attendance (self, org_id, NULL);
}

static void
present_toggled_cb (GtkCellRendererToggle *cell, char *path, GtMeetingDialog *self)
{
  GtkTreeIter iter;
  gboolean present;

  if (!gtk_tree_model_get_iter_from_string (GTK_TREE_MODEL (self->attendance_store), &iter, path))
    return;
  gtk_tree_model_get (GTK_TREE_MODEL (self->attendance_store), &iter, ATT_PRESENT, &present, -1);
  gtk_list_store_set (self->attendance_store, &iter, ATT_PRESENT, !present, -1);
  if (!present)
    gtk_list_store_set (self->attendance_store, &iter, ATT_REASON, "", -1);
  update_count (self);
}

static void
reason_edited_cb (GtkCellRendererText *cell, char *path, char *text, GtMeetingDialog *self)
{
  GtkTreeIter iter;

  if (!gtk_tree_model_get_iter_from_string (GTK_TREE_MODEL (self->attendance_store), &iter, path))
    return;
  /* A reason marks the member absent. */
  gtk_list_store_set (self->attendance_store, &iter, ATT_REASON, g_strstrip (text),
                      ATT_PRESENT, *text == '\0', -1);
  update_count (self);
}

static void
attach_clicked_cb (GtkWidget *widget, GtMeetingDialog *self)
{
  g_autofree char *path = g_strstrip (g_strdup (gtk_entry_get_text (self->attach_entry)));

  if (*path == '\0')
    return;
  gtk_list_store_insert_with_values (self->attachments_store, NULL, -1, 0, path, 1, "", -1);
  gtk_entry_set_text (self->attach_entry, "");
}

static char *
minutes_text (GtMeetingDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->minutes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
save (GtMeetingDialog *self, GError **error)
{
  g_autoptr (GPtrArray) attendance = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_attendance_free);
  g_autofree char *minutes = minutes_text (self);
  GtkTreeModel *model = GTK_TREE_MODEL (self->attendance_store);
  GtMeetingSpec spec = { 0 };
  GtkTreeIter iter;
  gint64 id = self->meeting_id;
  int row = 0;

  spec.org_id = selected_org (self);
  spec.kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  spec.date = gtk_entry_get_text (self->date_entry);
  spec.topic = gtk_entry_get_text (self->topic_entry);
  spec.place = gtk_entry_get_text (self->place_entry);
  spec.host = gtk_entry_get_text (self->host_entry);
  spec.minutes = minutes;
  if (spec.org_id <= 0)
    return gt_storage_refuse (self->storage, error, _("Choose the organisation that held it"));
  if (spec.kind == NULL)
    return gt_storage_refuse (self->storage, error, _("Choose the kind of meeting"));

  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    {
      GtAttendance *a = g_new0 (GtAttendance, 1);

      gtk_tree_model_get (model, &iter, ATT_PRESENT, &a->present, ATT_REASON, &a->reason,
                          ATT_MEMBER_ID, &a->member_id, -1);
      if (a->present)
        g_clear_pointer (&a->reason, g_free);
      g_ptr_array_add (attendance, a);
    }

  if (!gt_storage_begin (self->storage, error))
    return FALSE;
  if ((id == 0 ? !gt_meeting_add (self->storage, &spec, &id, error)
               : !gt_meeting_update (self->storage, id, &spec, error)) ||
      !gt_meeting_set_attendance (self->storage, id, attendance, error))
    goto fail;
  model = GTK_TREE_MODEL (self->attachments_store);
  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter), row++)
    {
      g_autofree char *path = NULL, *note = NULL;

      if (row < self->n_attachments)
        continue;
      gtk_tree_model_get (model, &iter, 0, &path, 1, &note, -1);
      if (!gt_meeting_attach (self->storage, id, path, note, NULL, error))
        goto fail;
    }
  if (!gt_storage_commit (self->storage, error))
    goto fail;
  self->meeting_id = id;
  return TRUE;
fail:
  gt_storage_rollback (self->storage);
  return FALSE;
}

static void
gt_meeting_dialog_response (GtkDialog *dialog, int response)
{
  GtMeetingDialog *self = GT_MEETING_DIALOG (dialog);
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_OK && !save (self, &error))
    {
      show_error (self, gt_error_text (self->storage, error));
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_meeting_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_MEETING_DIALOG (object)->storage);
  g_clear_pointer (&GT_MEETING_DIALOG (object)->groups, g_hash_table_unref);
  G_OBJECT_CLASS (gt_meeting_dialog_parent_class)->dispose (object);
}

static void
gt_meeting_dialog_class_init (GtMeetingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_meeting_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_meeting_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-meeting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, topic_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, place_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, minutes_view);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, attendance_store);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, attachments_store);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, attach_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, attendance_tab_label);
  gtk_widget_class_bind_template_child (widget_class, GtMeetingDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, org_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, present_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
}

static void
gt_meeting_dialog_init (GtMeetingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; gt_meeting_kinds[i] != NULL; i++)
    gtk_combo_box_text_append (self->kind_combo, gt_meeting_kinds[i],
                               gt_label_meeting_kind (gt_meeting_kinds[i]));
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->error_label)),
                               "error");
  gtk_widget_hide (GTK_WIDGET (self->error_label));
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->org_combo), 24);
}

/* The organisations that hold meetings, a party group shown under its branch's name. */
static void
fill_orgs (GtMeetingDialog *self)
{
  g_autoptr (GPtrArray) orgs = gt_org_list (self->storage, NULL);
  g_autoptr (GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  GtkListStore *store = gt_combo_box_text_take_model (self->org_combo);

  g_clear_pointer (&self->groups, g_hash_table_unref);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *o = orgs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, o->id);

      g_hash_table_insert (names, &o->id, o->name);
      if (g_strcmp0 (o->kind, "branch") == 0 || g_strcmp0 (o->kind, "general_branch") == 0)
        gt_combo_box_text_store_append (store, id, o->name);
      else if (g_strcmp0 (o->kind, "group") == 0)
        {
          const char *parent = g_hash_table_lookup (names, &o->parent_id);
          g_autofree char *label = g_strdup_printf ("%s · %s", parent != NULL ? parent : "", o->name);
          gt_combo_box_text_store_append (store, id, label);
          g_hash_table_add (self->groups, g_strdup (id));
        }
    }
  gt_combo_box_text_give_model (self->org_combo, store);
}

/* Connected once the dialog is filled, so that filling it clears nothing. */
static void
watch_inputs (GtMeetingDialog *self)
{
  g_signal_connect_swapped (self->kind_combo, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->date_entry, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->topic_entry, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->place_entry, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->host_entry, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->minutes_view), "changed",
                            G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->attendance_store, "row-changed",
                            G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->attachments_store, "row-inserted",
                            G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->attachments_store, "row-deleted",
                            G_CALLBACK (input_changed_cb), self);
}

GtMeetingDialog *
gt_meeting_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 meeting_id, gint64 org_id)
{
  GtMeetingDialog *self = g_object_new (GT_TYPE_MEETING_DIALOG, "transient-for", parent,
                                        "use-header-bar", FALSE, NULL);
  g_autofree char *org_text = NULL;

  self->storage = g_object_ref (storage);
  self->meeting_id = meeting_id;
  fill_orgs (self);
  if (meeting_id == 0)
    {
      g_autofree char *today = gt_today ();

      gtk_window_set_title (GTK_WINDOW (self), _("Record Meeting"));
      gtk_entry_set_text (self->date_entry, today);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), GT_MEETING_COMMITTEE);
      org_text = g_strdup_printf ("%" G_GINT64_FORMAT, org_id);
      if (org_id > 0)
        gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), org_text);
    }
  else
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GtMeeting) m = gt_meeting_lookup (storage, meeting_id, &error);

      if (m == NULL)
        {
          show_error (self, gt_error_text (storage, error));
          return self;
        }
      org_text = g_strdup_printf ("%" G_GINT64_FORMAT, m->org_id);
      /* the recorded attendance first, so changing the organisation does not wipe it */
      self->loaded_org = m->org_id;
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), org_text);
      fill_attendance (self, m->org_id, m->attendance);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), m->kind);
      gtk_entry_set_text (self->date_entry, m->date);
      gtk_entry_set_text (self->topic_entry, m->topic);
      gtk_entry_set_text (self->place_entry, m->place);
      gtk_entry_set_text (self->host_entry, m->host);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->minutes_view), m->minutes, -1);
      for (guint i = 0; i < m->attachments->len; i++)
        {
          GtAttachment *a = m->attachments->pdata[i];
          gtk_list_store_insert_with_values (self->attachments_store, NULL, -1, 0, a->path,
                                             1, a->note, -1);
        }
      self->n_attachments = (int) m->attachments->len;
    }
  watch_inputs (self);
  return self;
}

gint64
gt_meeting_dialog_get_meeting_id (GtMeetingDialog *self)
{
  return self->meeting_id;
}
