/* gt-exchange.c — names of kinds and record types, results, the office's identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-exchange-private.h"

G_DEFINE_QUARK (gt-exchange-error-quark, gt_exchange_error)

static const char *const kinds[] = { "report", "full", "dispatch", "ack" };

static const struct
{
  const char *name;
  const char *plural;
  const char *parent;
} types[GT_EXCHANGE_N_TYPES] = {
  { "organization", "organizations", "parent" },
  { "member", "members", "org" },
  { "household", "households", NULL },
  { "link", "links", "member" },
  { "project", "projects", "org" },
  { "milestone", "milestones", "project" },
  { "meeting", "meetings", "org" },
  { "dues-payment", "dues-payments", "member" },
  { "point", "points", "member" },
  { "rating", "ratings", "org" },
  { "tombstone", "tombstones", NULL },
  { "task", "tasks", NULL },
  { "ack", "acks", "task" },
};

const char *
gt_exchange_kind_to_string (GtExchangeKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind];
}

gboolean
gt_exchange_kind_from_string (const char *text, GtExchangeKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gt_exchange_kind_label (GtExchangeKind kind)
{
  switch (kind)
    {
    case GT_EXCHANGE_KIND_REPORT:
      return _("Monthly report");
    case GT_EXCHANGE_KIND_FULL:
      return _("Full sync");
    case GT_EXCHANGE_KIND_DISPATCH:
      return _("Tasks and notices");
    case GT_EXCHANGE_KIND_ACK:
      return _("Acknowledgement");
    default:
      return gt_exchange_kind_to_string (kind);
    }
}
const char *
gt_exchange_type_name (GtExchangeType type)
{
  g_return_val_if_fail ((guint) type < GT_EXCHANGE_N_TYPES, NULL);
  return types[type].name;
}

const char *
gt_exchange_type_plural (GtExchangeType type)
{
  g_return_val_if_fail ((guint) type < GT_EXCHANGE_N_TYPES, NULL);
  return types[type].plural;
}

/* The plural element names, marked for translation; gettext finds them at run time. */
static const char *const type_words[] G_GNUC_UNUSED = {
  NC_ ("exchange record type", "organizations"), NC_ ("exchange record type", "members"),
  NC_ ("exchange record type", "households"), NC_ ("exchange record type", "links"),
  NC_ ("exchange record type", "projects"), NC_ ("exchange record type", "milestones"),
  NC_ ("exchange record type", "meetings"), NC_ ("exchange record type", "dues-payments"),
  NC_ ("exchange record type", "points"), NC_ ("exchange record type", "ratings"),
  NC_ ("exchange record type", "tombstones"), NC_ ("exchange record type", "tasks"),
  NC_ ("exchange record type", "acks"),
};

const char *
gt_exchange_type_label (GtExchangeType type)
{
  g_return_val_if_fail ((guint) type < GT_EXCHANGE_N_TYPES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "exchange record type", types[type].plural);
}

const char *
gt_exchange_type_label_singular (GtExchangeType type)
{
  switch (type)
    {
    case GT_EXCHANGE_ORGANIZATION: return C_("exchange record", "organisation");
    case GT_EXCHANGE_MEMBER: return C_("exchange record", "member");
    case GT_EXCHANGE_HOUSEHOLD: return C_("exchange record", "household");
    case GT_EXCHANGE_LINK: return C_("exchange record", "link");
    case GT_EXCHANGE_PROJECT: return C_("exchange record", "project");
    case GT_EXCHANGE_MILESTONE: return C_("exchange record", "milestone");
    case GT_EXCHANGE_MEETING: return C_("exchange record", "meeting");
    case GT_EXCHANGE_DUES_PAYMENT: return C_("exchange record", "dues payment");
    case GT_EXCHANGE_POINT: return C_("exchange record", "points entry");
    case GT_EXCHANGE_RATING: return C_("exchange record", "rating");
    case GT_EXCHANGE_TOMBSTONE: return C_("exchange record", "deletion");
    case GT_EXCHANGE_TASK: return C_("exchange record", "task");
    case GT_EXCHANGE_ACK: return C_("exchange record", "acknowledgement");
    default: return gt_exchange_type_name (type);
    }
}

const char *
gt_exchange_type_parent_attr (GtExchangeType type)
{
  g_return_val_if_fail ((guint) type < GT_EXCHANGE_N_TYPES, NULL);
  return types[type].parent;
}

int
gt_exchange_type_from_name (const char *name)
{
  for (int i = 0; i < GT_EXCHANGE_N_TYPES; i++)
    if (strcmp (name, types[i].name) == 0)
      return i;
  return -1;
}

int
gt_exchange_type_from_plural (const char *name)
{
  for (int i = 0; i < GT_EXCHANGE_N_TYPES; i++)
    if (strcmp (name, types[i].plural) == 0)
      return i;
  return -1;
}

void
gt_exchange_export_info_free (GtExchangeExportInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->package_uuid);
  g_free (info->sha256);
  g_free (info->receiver_code);
  g_free (info);
}

static void
conflict_free (GtExchangeConflict *conflict)
{
  g_free (conflict->uuid);
  g_free (conflict->local);
  g_free (conflict->incoming);
  g_free (conflict);
}

GtExchangeResult *
gt_exchange_result_new (const char *path)
{
  GtExchangeResult *result = g_new0 (GtExchangeResult, 1);

  result->path = g_strdup (path);
  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);
  result->ignored = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
gt_exchange_result_add_conflict (GtExchangeResult *result, GtExchangeType type,
                                 const char *uuid, char *local, char *incoming)
{
  GtExchangeConflict *conflict;

  result->n_conflicts++;
  if (result->conflicts->len >= GT_EXCHANGE_MAX_CONFLICTS)
    {
      g_free (local);
      g_free (incoming);
      return;
    }
  conflict = g_new0 (GtExchangeConflict, 1);
  conflict->type = type;
  conflict->uuid = g_strdup (uuid);
  conflict->local = local;
  conflict->incoming = incoming;
  g_ptr_array_add (result->conflicts, conflict);
}

void
gt_exchange_result_free (GtExchangeResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->sha256);
  g_free (result->key_fingerprint);
  g_free (result->package_uuid);
  g_free (result->sender_code);
  g_free (result->sender_name);
  g_free (result->trusted_name);
  g_free (result->receiver_code);
  g_free (result->receiver_name);
  g_free (result->period);
  g_free (result->created);
  g_free (result->generator);
  g_ptr_array_unref (result->conflicts);
  g_ptr_array_unref (result->ignored);
  g_free (result->imported_on);
  g_free (result->backup_path);
  g_free (result);
}

char *
gt_exchange_result_sender_text (const GtExchangeResult *r)
{
  const char *written = r->sender_name != NULL ? r->sender_name : "";

  if (r->sender_code == NULL)
    return NULL;
  if (!r->sender_verified)
    {
      if (*written == '\0')
        /* TRANSLATORS: the office code a package's header names, not proven by its key */
        return g_strdup_printf (_("%s (claimed, not verified)"), r->sender_code);
      /* TRANSLATORS: the office name and code a package's header names, not proven by its
       * key */
      return g_strdup_printf (_("%s (%s) (claimed, not verified)"), written, r->sender_code);
    }
  if (r->trusted_name == NULL || *r->trusted_name == '\0')
    return *written != '\0' ? g_strdup_printf ("%s (%s)", written, r->sender_code)
                             : g_strdup (r->sender_code);
  if (*written != '\0' && strcmp (written, r->trusted_name) != 0)
    /* TRANSLATORS: the sender's name in the trust list, its code, the name in the package */
    return g_strdup_printf (_("%s (%s; the package calls it “%s”)"), r->trusted_name,
                            r->sender_code, written);
  return g_strdup_printf ("%s (%s)", r->trusted_name, r->sender_code);
}

char *
gt_exchange_office_code (GtStorage *storage)
{
  char *code = gt_storage_get_meta (storage, "office_code");
  if (code == NULL)
    code = g_strdup ("");
  return code;
}

char *
gt_exchange_parent_code (GtStorage *storage)
{
  char *code = gt_storage_get_meta (storage, "exchange.parent_code");
  g_autofree char *own = NULL;

  if (code != NULL && *code != '\0')
    return code;
  g_free (code);
  own = gt_exchange_office_code (storage);
  if (strlen (own) > 6)
    return g_strndup (own, 6);
  return g_strdup ("");
}

char *
gt_exchange_result_outcome_text (const GtExchangeResult *r, GtExchangeType type)
{
  const guint *c = r->counts[type];

  /* A deletion of a record held here updates it; of one already deleted changes nothing; of
   * one never received is kept as a deletion (new). */
  if (type == GT_EXCHANGE_TOMBSTONE)
    return g_strdup_printf (_("%u deleted, %u already deleted, %u not held here, %u conflicting"),
                            c[GT_EXCHANGE_UPDATED], c[GT_EXCHANGE_UNCHANGED], c[GT_EXCHANGE_NEW],
                            c[GT_EXCHANGE_CONFLICTING]);
  if (c[GT_EXCHANGE_IGNORED] > 0)
    /* Translators: as "%u new, %u updated, %u unchanged, %u conflicting", and the records
     * ignored (acknowledgements of tasks not issued to their sender) */
    return g_strdup_printf (_("%u new, %u updated, %u unchanged, %u conflicting, %u ignored"),
                            c[GT_EXCHANGE_NEW], c[GT_EXCHANGE_UPDATED],
                            c[GT_EXCHANGE_UNCHANGED], c[GT_EXCHANGE_CONFLICTING],
                            c[GT_EXCHANGE_IGNORED]);
  /* Translators: what importing one record type does, e.g. "215 new, 0 updated, 3 unchanged,
   * 1 conflicting" */
  return g_strdup_printf (_("%u new, %u updated, %u unchanged, %u conflicting"),
                          c[GT_EXCHANGE_NEW], c[GT_EXCHANGE_UPDATED], c[GT_EXCHANGE_UNCHANGED],
                          c[GT_EXCHANGE_CONFLICTING]);
}

char *
gt_exchange_default_period (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) last = g_date_time_add_months (now, -1);

  return g_date_time_format (last, "%Y-%m");
}
