/* gt-exchange-refs.c — every reference inside a package names a record of the package
 *
 * A report or a full package carries all the register records of its office (the writer
 * exports every organisation, member, household and project), so a member's organisation,
 * a link's member and household, a project's organisation, a milestone's project and the
 * member or organisation of a meeting, dues payment, point or rating are records of the same
 * package. The schema cannot say so at this size (libxml2's xs:keyref keeps every key of the
 * document in lists), so the reader checks it as it goes: the bodies come in an order where
 * each referenced type comes first, and only an organisation's parent, which may come later
 * in its own body, waits for the end of the organisations.
 *
 * uuids are kept as 16 bytes in a sorted array per referenced type: 200 000 members take
 * 3.2 MB, a look-up is a binary search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-exchange-private.h"

#define UUID_BYTES 16

typedef struct
{
  GArray *keys;    /* of guint8[UUID_BYTES] */
  gboolean sorted;
} KeySet;

typedef struct
{
  guint8 parent[UUID_BYTES];
  char *uuid;
  char *parent_text;
  int line;
} PendingParent;

struct _GtExchangeRefs
{
  KeySet sets[GT_EXCHANGE_N_TYPES]; /* only the referenced types are filled */
  GArray *pending;                  /* of PendingParent: organisations' parents */
};

/* What refers to what: @type's attribute @attr names a record of @target. */
static const struct
{
  GtExchangeType type;
  const char *attr;
  GtExchangeType target;
} refs[] = {
  { GT_EXCHANGE_MEMBER, "org", GT_EXCHANGE_ORGANIZATION },
  { GT_EXCHANGE_MEMBER, "group", GT_EXCHANGE_ORGANIZATION },
  { GT_EXCHANGE_LINK, "member", GT_EXCHANGE_MEMBER },
  { GT_EXCHANGE_LINK, "household", GT_EXCHANGE_HOUSEHOLD },
  { GT_EXCHANGE_PROJECT, "org", GT_EXCHANGE_ORGANIZATION },
  { GT_EXCHANGE_MILESTONE, "project", GT_EXCHANGE_PROJECT },
  { GT_EXCHANGE_MEETING, "org", GT_EXCHANGE_ORGANIZATION },
  { GT_EXCHANGE_DUES_PAYMENT, "member", GT_EXCHANGE_MEMBER },
  { GT_EXCHANGE_DUES_PAYMENT, "org", GT_EXCHANGE_ORGANIZATION },
  { GT_EXCHANGE_POINT, "member", GT_EXCHANGE_MEMBER },
  { GT_EXCHANGE_POINT, "org", GT_EXCHANGE_ORGANIZATION },
  { GT_EXCHANGE_RATING, "member", GT_EXCHANGE_MEMBER },
  { GT_EXCHANGE_RATING, "org", GT_EXCHANGE_ORGANIZATION },
};

static gboolean
is_target (GtExchangeType type)
{
  return type == GT_EXCHANGE_ORGANIZATION || type == GT_EXCHANGE_MEMBER ||
         type == GT_EXCHANGE_HOUSEHOLD || type == GT_EXCHANGE_PROJECT;
}

/* The schema's uuid (8-4-4-4-12 lower-case hex digits) as 16 bytes; FALSE for anything else.
 * Read in order, so a shorter string ends at its NUL. */
static gboolean
parse_uuid (const char *text, guint8 out[UUID_BYTES])
{
  /* a digit's value plus one; 0 for anything else */
  static const guint8 hex[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
    ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
  };
  const guchar *p = (const guchar *) text;

  for (int n = 0; n < UUID_BYTES; n++)
    {
      if (n == 4 || n == 6 || n == 8 || n == 10)
        {
          if (*p != '-')
            return FALSE;
          p++;
        }
      if (hex[p[0]] == 0 || hex[p[1]] == 0)
        return FALSE;
      out[n] = (guint8) ((hex[p[0]] - 1) << 4 | (hex[p[1]] - 1));
      p += 2;
    }
  return *p == '\0';
}

static guint8 *
key_at (GArray *keys, gsize i)
{
  return (guint8 *) keys->data + i * UUID_BYTES;
}

static void
swap_keys (GArray *keys, gsize a, gsize b)
{
  guint8 tmp[UUID_BYTES];

  memcpy (tmp, key_at (keys, a), UUID_BYTES);
  memcpy (key_at (keys, a), key_at (keys, b), UUID_BYTES);
  memcpy (key_at (keys, b), tmp, UUID_BYTES);
}

static void
sift_down (GArray *keys, gsize root, gsize n)
{
  for (gsize child; (child = 2 * root + 1) < n; root = child)
    {
      if (child + 1 < n && memcmp (key_at (keys, child), key_at (keys, child + 1), UUID_BYTES) < 0)
        child++;
      if (memcmp (key_at (keys, root), key_at (keys, child), UUID_BYTES) >= 0)
        return;
      swap_keys (keys, root, child);
    }
}

/* A heap sort in place of the first @n keys: g_array_sort () would allocate a second copy
 * of the keys (3.2 MB at 200 000 members) while the package and the page cache are in
 * memory. */
static void
heap_sort (GArray *keys, gsize n)
{
  for (gsize i = n / 2; i-- > 0;)
    sift_down (keys, i, n);
  for (gsize end = n; end-- > 1;)
    {
      swap_keys (keys, 0, end);
      sift_down (keys, 0, end);
    }
}

/* A package's keys are mostly one ascending run, version-7 uuids in the order they were
 * made, after a few older, random ones (version 4: the demo's, or those of records made
 * before Guatu used version 7). Those few are sorted alone and merged in front of the run
 * through a copy of only them; the heap sort of all 200 000 members' keys took 1.6 % of the
 * parsing thread. Keys in any other order are heap-sorted. */
static void
sort_keys (GArray *keys)
{
  gsize n = keys->len, start = n > 0 ? n - 1 : 0, i = 0, j, out = 0;
  g_autofree guint8 *head = NULL;

  while (start > 0 && memcmp (key_at (keys, start - 1), key_at (keys, start), UUID_BYTES) <= 0)
    start--;
  if (start == 0)
    return;
  if (start > n / 8)
    {
      heap_sort (keys, n);
      return;
    }
  heap_sort (keys, start);
  head = g_memdup2 (keys->data, start * UUID_BYTES);
  /* The merge writes at out = i + (j - start) <= j: never over a key of the run not yet
   * read. */
  for (j = start; i < start && j < n; out++)
    if (memcmp (head + i * UUID_BYTES, key_at (keys, j), UUID_BYTES) <= 0)
      memcpy (key_at (keys, out), head + i++ * UUID_BYTES, UUID_BYTES);
    else
      memmove (key_at (keys, out), key_at (keys, j++), UUID_BYTES);
  if (i < start)
    memcpy (key_at (keys, out), head + i * UUID_BYTES, (start - i) * UUID_BYTES);
}

static gboolean
has_key (KeySet *set, const guint8 key[UUID_BYTES])
{
  gsize lo = 0, hi;

  if (set->keys == NULL)
    return FALSE;
  if (!set->sorted)
    {
      sort_keys (set->keys);
      set->sorted = TRUE;
    }
  hi = set->keys->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int c = memcmp (&g_array_index (set->keys, guint8, mid * UUID_BYTES), key, UUID_BYTES);

      if (c == 0)
        return TRUE;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

GtExchangeRefs *
gt_exchange_refs_new (const guint counts[GT_EXCHANGE_N_TYPES])
{
  GtExchangeRefs *self = g_new0 (GtExchangeRefs, 1);

  /* Sized by the header's counts (which the reader holds the package to), so that the
   * arrays are never copied while they grow. */
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (is_target (t))
      {
        self->sets[t].keys = g_array_sized_new (FALSE, FALSE, UUID_BYTES, counts[t]);
        self->sets[t].sorted = TRUE;
      }
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingParent));
  return self;
}

void
gt_exchange_refs_free (GtExchangeRefs *self)
{
  if (self == NULL)
    return;
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (self->sets[t].keys != NULL)
      g_array_free (self->sets[t].keys, TRUE);
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingParent *p = &g_array_index (self->pending, PendingParent, i);
      g_free (p->uuid);
      g_free (p->parent_text);
    }
  g_array_free (self->pending, TRUE);
  g_free (self);
}


static char *
missing (GtExchangeType type, const char *uuid, GtExchangeType target, const char *ref)
{
  /* TRANSLATORS: "member 1a2b… refers to organisation 3c4d…, which the package does not hold" */
  return g_strdup_printf (_("%s %s refers to %s %s, which the package does not hold"),
                          gt_exchange_type_label_singular (type), uuid,
                          gt_exchange_type_label_singular (target), ref);
}

char *
gt_exchange_refs_add (GtExchangeRefs *self, const GtExchangeRecord *record, int line)
{
  guint8 key[UUID_BYTES];

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      const char *ref;

      if (refs[i].type != record->type)
        continue;
      ref = gt_exchange_record_get (record, refs[i].attr);
      if (ref == NULL)
        continue;
      if (!parse_uuid (ref, key) || !has_key (&self->sets[refs[i].target], key))
        return missing (record->type, record->uuid, refs[i].target, ref);
    }
  if (record->type == GT_EXCHANGE_ORGANIZATION && record->parent != NULL)
    {
      PendingParent p = { .uuid = NULL };

      if (!parse_uuid (record->parent, p.parent))
        return missing (record->type, record->uuid, GT_EXCHANGE_ORGANIZATION, record->parent);
      p.uuid = g_strdup (record->uuid);
      p.parent_text = g_strdup (record->parent);
      p.line = line;
      g_array_append_val (self->pending, p);
    }
  if (is_target (record->type) && parse_uuid (record->uuid, key))
    {
      KeySet *set = &self->sets[record->type];

      /* Guatu's uuids count up with time (version 7) and records go out in the order they
       * were made, so a package's keys mostly come sorted already. */
      if (set->sorted && set->keys->len > 0 &&
          memcmp (key, key_at (set->keys, set->keys->len - 1), UUID_BYTES) <= 0)
        set->sorted = FALSE;
      g_array_append_vals (set->keys, key, 1);
    }
  return NULL;
}

char *
gt_exchange_refs_finish_organizations (GtExchangeRefs *self, int *line)
{
  char *problem = NULL;

  for (guint i = 0; i < self->pending->len && problem == NULL; i++)
    {
      PendingParent *p = &g_array_index (self->pending, PendingParent, i);

      if (!has_key (&self->sets[GT_EXCHANGE_ORGANIZATION], p->parent))
        {
          problem = missing (GT_EXCHANGE_ORGANIZATION, p->uuid, GT_EXCHANGE_ORGANIZATION,
                             p->parent_text);
          *line = p->line;
        }
    }
  return problem;
}
