/* gt-project-status.c — project status from dates and milestones; the chart legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gt-project-status.h"

#define DEFAULT_AT_RISK_DAYS 14
#define MAX_AT_RISK_DAYS 3660

static const char *const codes[GT_PROJECT_N_STATUS] = { "done", "on_track", "at_risk", "overdue" };

static const char *const labels[GT_PROJECT_N_STATUS] = {
  N_("Done"),
  N_("On track"),
  N_("At risk"),
  N_("Overdue"),
};

static const char *const default_meanings[GT_PROJECT_N_STATUS] = {
  N_("Done: all time nodes ticked off"),
  N_("On track: progressing as planned"),
  N_("At risk: next time node close or behind schedule"),
  N_("Overdue: a time node or the deadline has passed"),
};

static const struct
{
  double r, g, b;
} default_colours[GT_PROJECT_N_STATUS] = {
  { 0.18, 0.56, 0.25 }, /* done: green */
  { 0.12, 0.40, 0.80 }, /* on track: blue */
  { 0.96, 0.76, 0.05 }, /* at risk: yellow */
  { 0.83, 0.11, 0.13 }, /* overdue: red */
};

/* Day number of a YYYY-MM-DD date, or 0 when it is not one. */
static guint32
julian (const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return 0;
  if (!g_date_valid_dmy (d, m, y))
    return 0;
  {
    GDate g;
    g_date_clear (&g, 1);
    g_date_set_dmy (&g, d, m, y);
    return g_date_get_julian (&g);
  }
}

GtProjectStatus
gt_project_status_compute (const GtProject *project, const char *today, int at_risk_days)
{
  g_autofree char *local = NULL;
  guint32 now, due, next, start;

  g_return_val_if_fail (project != NULL, GT_PROJECT_STATUS_ON_TRACK);

  if (project->closed_date != NULL && *project->closed_date != '\0')
    return GT_PROJECT_STATUS_DONE;
  if (project->n_milestones > 0 && project->n_done >= project->n_milestones)
    return GT_PROJECT_STATUS_DONE;

  if (today == NULL)
    today = local = gt_today ();
  now = julian (today);
  if (now == 0)
    return GT_PROJECT_STATUS_ON_TRACK;
  if (at_risk_days < 0)
    at_risk_days = 0;

  due = julian (project->due_date);
  next = julian (project->next_date);
  if ((due != 0 && due < now) || (next != 0 && next < now))
    return GT_PROJECT_STATUS_OVERDUE;

  /* The next node: the next milestone, else the deadline. */
  if (next == 0)
    next = due;
  if (next != 0 && next - now <= (guint32) at_risk_days)
    return GT_PROJECT_STATUS_AT_RISK;

  start = julian (project->start_date);
  if (start != 0 && due > start && now > start && project->n_milestones > 0)
    {
      double elapsed = (double) (now - start) / (double) (due - start);
      gint64 expected = (gint64) floor ((double) project->n_milestones * MIN (elapsed, 1.0));

      if (project->n_done < expected)
        return GT_PROJECT_STATUS_AT_RISK;
    }
  return GT_PROJECT_STATUS_ON_TRACK;
}

const char *
gt_project_status_code (GtProjectStatus status)
{
  g_return_val_if_fail ((guint) status < GT_PROJECT_N_STATUS, "on_track");
  return codes[status];
}

gboolean
gt_project_status_from_code (const char *code, GtProjectStatus *status)
{
  for (guint i = 0; i < GT_PROJECT_N_STATUS; i++)
    if (g_strcmp0 (code, codes[i]) == 0)
      {
        if (status != NULL)
          *status = (GtProjectStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gt_project_status_label (GtProjectStatus status)
{
  g_return_val_if_fail ((guint) status < GT_PROJECT_N_STATUS, "");
  return _(labels[status]);
}

void
gt_legend_entry_free (GtLegendEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->meaning);
  g_free (entry);
}

gboolean
gt_colour_parse (const char *text, double *r, double *g, double *b)
{
  guint v = 0;

  if (text == NULL)
    return FALSE;
  if (*text == '#')
    text++;
  if (strlen (text) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++)
    {
      int x = g_ascii_xdigit_value (text[i]);
      if (x < 0)
        return FALSE;
      v = v * 16 + (guint) x;
    }
  *r = ((v >> 16) & 0xff) / 255.0;
  *g = ((v >> 8) & 0xff) / 255.0;
  *b = (v & 0xff) / 255.0;
  return TRUE;
}

static guint
channel (double c)
{
  return (guint) lround (CLAMP (c, 0.0, 1.0) * 255.0);
}

char *
gt_colour_format (double r, double g, double b)
{
  return g_strdup_printf ("#%02X%02X%02X", channel (r), channel (g), channel (b));
}

GPtrArray *
gt_project_legend_default (void)
{
  GPtrArray *legend = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_legend_entry_free);

  for (guint i = 0; i < GT_PROJECT_N_STATUS; i++)
    {
      GtLegendEntry *entry = g_new0 (GtLegendEntry, 1);
      entry->status = (GtProjectStatus) i;
      entry->r = default_colours[i].r;
      entry->g = default_colours[i].g;
      entry->b = default_colours[i].b;
      entry->meaning = g_strdup (_(default_meanings[i]));
      g_ptr_array_add (legend, entry);
    }
  return legend;
}

GPtrArray *
gt_project_legend_load (GtStorage *storage, GError **error)
{
  GPtrArray *legend = gt_project_legend_default ();

  for (guint i = 0; i < legend->len; i++)
    {
      GtLegendEntry *entry = legend->pdata[i];
      const char *code = codes[entry->status];
      g_autofree char *colour_key = g_strdup_printf ("chart.legend.%s.color", code);
      g_autofree char *meaning_key = g_strdup_printf ("chart.legend.%s.meaning", code);
      g_autofree char *colour = gt_storage_get_meta (storage, colour_key);
      g_autofree char *meaning = gt_storage_get_meta (storage, meaning_key);

      if (colour != NULL && !gt_colour_parse (colour, &entry->r, &entry->g, &entry->b))
        {
          g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                       _("%s: setting %s: “%s” is not a colour like #D32F2F"),
                       gt_storage_get_path (storage), colour_key, colour);
          g_ptr_array_unref (legend);
          return NULL;
        }
      if (meaning != NULL && *meaning != '\0')
        {
          g_free (entry->meaning);
          entry->meaning = g_steal_pointer (&meaning);
        }
    }
  return legend;
}

gboolean
gt_project_legend_save (GtStorage *storage, GPtrArray *legend, GError **error)
{
  gboolean seen[GT_PROJECT_N_STATUS] = { FALSE };

  g_return_val_if_fail (legend != NULL, FALSE);

  for (guint i = 0; i < legend->len; i++)
    {
      const GtLegendEntry *entry = legend->pdata[i];

      if ((guint) entry->status >= GT_PROJECT_N_STATUS)
        return gt_storage_refuse (storage, error, _("legend entry %u: unknown status"), i + 1);
      if (seen[entry->status])
        return gt_storage_refuse (storage, error, _("legend: status “%s” appears twice"),
                                  codes[entry->status]);
      seen[entry->status] = TRUE;
      if (entry->r < 0 || entry->r > 1 || entry->g < 0 || entry->g > 1 || entry->b < 0
          || entry->b > 1 || isnan (entry->r) || isnan (entry->g) || isnan (entry->b))
        return gt_storage_refuse (storage, error, _("legend: colour of “%s” is out of range"),
                                  codes[entry->status]);
    }
  for (guint i = 0; i < legend->len; i++)
    {
      const GtLegendEntry *entry = legend->pdata[i];
      g_autofree char *stripped = g_strstrip (g_strdup (entry->meaning ? entry->meaning : ""));
      if (*stripped == '\0')
        return gt_storage_refuse (storage, error, _("legend: the meaning of “%s” is empty"),
                                  gt_project_status_label (entry->status));
    }

  if (!gt_storage_begin (storage, error))
    return FALSE;
  for (guint i = 0; i < legend->len; i++)
    {
      const GtLegendEntry *entry = legend->pdata[i];
      const char *code = codes[entry->status];
      g_autofree char *colour_key = g_strdup_printf ("chart.legend.%s.color", code);
      g_autofree char *meaning_key = g_strdup_printf ("chart.legend.%s.meaning", code);
      g_autofree char *colour = gt_colour_format (entry->r, entry->g, entry->b);

      if (!gt_storage_set_meta (storage, colour_key, colour, error)
          || !gt_storage_set_meta (storage, meaning_key, entry->meaning, error))
        {
          gt_storage_rollback (storage);
          return FALSE;
        }
    }
  if (!gt_storage_commit (storage, error))
    return FALSE;
  gt_storage_emit_changed (storage, "meta");
  return TRUE;
}

const GtLegendEntry *
gt_project_legend_lookup (GPtrArray *legend, GtProjectStatus status)
{
  for (guint i = 0; legend != NULL && i < legend->len; i++)
    {
      const GtLegendEntry *entry = legend->pdata[i];
      if (entry->status == status)
        return entry;
    }
  return NULL;
}

int
gt_project_at_risk_days (GtStorage *storage)
{
  g_autofree char *text = gt_storage_get_meta (storage, "chart.at_risk_days");
  gint64 days;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, MAX_AT_RISK_DAYS, &days, NULL))
    return DEFAULT_AT_RISK_DAYS;
  return (int) days;
}

gboolean
gt_project_set_at_risk_days (GtStorage *storage, int days, GError **error)
{
  g_autofree char *text = NULL;

  if (days < 0 || days > MAX_AT_RISK_DAYS)
    return gt_storage_refuse (storage, error, _("at-risk days must be between 0 and %d, not %d"),
                              MAX_AT_RISK_DAYS, days);
  text = g_strdup_printf ("%d", days);
  if (!gt_storage_set_meta (storage, "chart.at_risk_days", text, error))
    return FALSE;
  gt_storage_emit_changed (storage, "meta");
  return TRUE;
}
