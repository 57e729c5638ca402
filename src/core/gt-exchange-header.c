/* gt-exchange-header.c — the reader's events for the package's root and header
 *
 * The root's namespace and version, then the header: its package id, kind, period, sender,
 * receiver and the counts it announces, each checked as the reader reads it
 * (gt-exchange-reader.c), before any record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-exchange-reader-private.h"

/* The value of attribute @name in SAX2's @attributes (5 pointers each), a new string. */
static char *
attribute (const xmlChar **attributes, int n, const char *name)
{
  for (int i = 0; i < n; i++)
    if (strcmp ((const char *) attributes[5 * i], name) == 0)
      return g_strndup ((const char *) attributes[5 * i + 3],
                        attributes[5 * i + 4] - attributes[5 * i + 3]);
  return NULL;
}

/* The header's elements are few: their attributes are looked up by name. */
static gboolean
check_header_patterns (GtExchangeReader *self, const char *element, const xmlChar **attributes,
                       int n)
{
  GPtrArray *checks = gt_exchange_xsd_checks (gt_exchange_xsd_get (), element);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      GtExchangeXsdCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *value = attribute (attributes, n, check->attribute);

      if (value != NULL && !check->pattern->check (value))
        {
          g_autofree char *what = gt_exchange_describe_pattern (element, check->attribute,
                                                                value, check->pattern);
          return gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self),
                                             GT_EXCHANGE_ERROR_INVALID, "%s", what);
        }
    }
  return TRUE;
}

static gboolean
read_counts (GtExchangeReader *self, const xmlChar **attributes, int n)
{
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      g_autofree char *value = attribute (attributes, n, gt_exchange_type_plural (t));
      guint64 count = 0;

      if (value == NULL)
        continue;
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &count, NULL))
        return gt_exchange_reader_fail_at (
            self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
            _("counts: %s=“%s” is not a count"), gt_exchange_type_plural (t), value);
      self->claimed[t] = (guint) count;
    }
  return TRUE;
}

void
gt_exchange_reader_start_root (GtExchangeReader *self, const char *name, const char *ns,
                               const xmlChar **attributes, int n)
{
  g_autofree char *version = attribute (attributes, n, "version");
  int line = gt_exchange_reader_line (self);

  self->root_seen = TRUE;
  /* The root's namespace and version are checked before the schema's errors (its events
   * come after these): a newer format is "please update", not "invalid". */
  if (ns != NULL && g_str_has_prefix (ns, "urn:guatu:exchange:") &&
      strcmp (ns, GT_EXCHANGE_NAMESPACE) != 0)
    gt_exchange_reader_fail_at (
        self, line, GT_EXCHANGE_ERROR_VERSION,
        _("package format “%s” is newer than this version of Guatu understands (%s); "
           "please update Guatu"),
        ns, GT_EXCHANGE_NAMESPACE);
  else if (strcmp (name, "package") != 0 || g_strcmp0 (ns, GT_EXCHANGE_NAMESPACE) != 0)
    gt_exchange_reader_fail_at (
        self, line, GT_EXCHANGE_ERROR_INVALID,
        _("not a Guatu exchange package (root element “%s”, namespace “%s”)"), name,
        ns != NULL ? ns : "");
  else if (g_strcmp0 (version, "1") != 0)
    gt_exchange_reader_fail_at (
        self, line, GT_EXCHANGE_ERROR_VERSION,
        _("package format version “%s” is not understood by this version of Guatu (it "
           "reads version %d); please update Guatu"),
        version != NULL ? version : "", GT_EXCHANGE_VERSION);
  else if (self->result != NULL)
    self->result->version = GT_EXCHANGE_VERSION;
}

void
gt_exchange_reader_start_header (GtExchangeReader *self, int depth, const char *name,
                                 const xmlChar **attributes, int n)
{
  GtExchangeResult *result = self->result;

  if (!check_header_patterns (self, name, attributes, n) || result == NULL)
    return;
  if (depth == 1 && strcmp (name, "header") == 0)
    {
      g_autofree char *kind = attribute (attributes, n, "kind");
      g_autofree char *masked = attribute (attributes, n, "masked");

      result->package_uuid = attribute (attributes, n, "uuid");
      result->period = attribute (attributes, n, "period");
      result->created = attribute (attributes, n, "created");
      result->generator = attribute (attributes, n, "generator");
      result->masked = g_strcmp0 (masked, "1") == 0;
      if (result->period == NULL)
        result->period = g_strdup ("");
      if (!gt_exchange_kind_from_string (kind, &result->kind))
        gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
                                    _("header: unknown kind “%s”"), kind != NULL ? kind : "");
    }
  else if (depth == 2 && strcmp (name, "sender") == 0)
    {
      result->sender_code = attribute (attributes, n, "code");
      result->sender_name = attribute (attributes, n, "name");
    }
  else if (depth == 2 && strcmp (name, "receiver") == 0)
    {
      result->receiver_code = attribute (attributes, n, "code");
      result->receiver_name = attribute (attributes, n, "name");
    }
  else if (depth == 2 && strcmp (name, "counts") == 0)
    read_counts (self, attributes, n);
}

void
gt_exchange_reader_end_header (GtExchangeReader *self)
{
  guint sizes[GT_EXCHANGE_N_TYPES];

  self->header_read = TRUE;
  if (self->result != NULL)
    memcpy (self->result->claimed, self->claimed, sizeof self->claimed);
  /* A record takes more than 64 bytes of the package, whatever the header claims. */
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    sizes[t] = MIN (self->claimed[t], self->length / 64);
  self->refs = gt_exchange_refs_new (sizes);
}
