/* gt-exchange-writer.c — writing a signed package with xmlTextWriter, streaming
 *
 * Every byte goes through one output callback that writes it to the temporary file and feeds
 * it to the signer, so the signature covers exactly what is on disk. After the signature
 * line the file is synced and renamed (gt-file), then read back and its signature verified
 * with this office's public key before success is reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "gt-exchange-private.h"
#include "gt-file.h"
#include "gt-keys.h"

typedef struct
{
  GtStorage *storage;
  const GtExchangeExportOptions *options;
  const char *path;
  FILE *stream;
  GtSigner *signer;
  gboolean write_failed;
  int write_errno;
  xmlTextWriterPtr writer;
  char *own_code;
  char *receiver_code;
  char *since; /* tombstones of a report: from the start of its period */
  GCancellable *cancellable;
  GtExchangeProgress progress;
  gpointer progress_data;
  guint64 done, total;
} Writer;

/* The rows of each type, with columns named as the XML attributes; "#text" is the element's
 * text. ?1 is the receiver's code, ?2 this office's code, ?3 the first day of the period. */
static const char *const type_sql[GT_EXCHANGE_N_TYPES] = {
  [GT_EXCHANGE_ORGANIZATION] =
    "SELECT o.uuid, o.rev, o.mtime, p.uuid AS parent, o.name, o.kind, o.level, o.code,"
    " o.org_type AS \"org-type\", o.secretary, o.founded, o.archived, o.sort_order AS sort"
    " FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id ORDER BY o.id",
  [GT_EXCHANGE_MEMBER] =
    "SELECT m.uuid, m.rev, m.mtime, o.uuid AS org, m.name, m.gender, m.ethnicity,"
    " m.id_number AS \"id-number\", m.phone, m.education, m.occupation,"
    " m.birth_date AS \"birth-date\", m.join_date AS \"join-date\", m.full_date AS \"full-date\","
    " m.category, m.status, m.flags, g.uuid AS \"group\""
    " FROM members m JOIN organizations o ON o.id = m.org_id"
    " LEFT JOIN organizations g ON g.id = m.group_id ORDER BY m.id",
  [GT_EXCHANGE_HOUSEHOLD] =
    "SELECT h.uuid, h.rev, h.mtime, h.head_name AS \"head-name\", v.name AS village, h.grid,"
    " h.address, h.size, h.notes"
    " FROM households h LEFT JOIN villages v ON v.id = h.village_id ORDER BY h.id",
  [GT_EXCHANGE_LINK] =
    "SELECT l.uuid, l.rev, l.mtime, m.uuid AS member, h.uuid AS household,"
    " l.link_type AS type, l.post"
    " FROM member_household_links l JOIN members m ON m.id = l.member_id"
    " JOIN households h ON h.id = l.household_id ORDER BY l.id",
  [GT_EXCHANGE_PROJECT] =
    "SELECT p.uuid, p.rev, p.mtime, o.uuid AS org, p.number, p.name, p.kind, p.level,"
    " v.name AS village, p.leader, p.cadre, p.start_date AS start, p.due_date AS due,"
    " p.budget_fen AS \"budget-fen\", p.closed_date AS closed, p.description"
    " FROM projects p LEFT JOIN organizations o ON o.id = p.org_id"
    " LEFT JOIN villages v ON v.id = p.village_id ORDER BY p.id",
  [GT_EXCHANGE_MILESTONE] =
    "SELECT ms.uuid, ms.rev, ms.mtime, p.uuid AS project, ms.seq, ms.name,"
    " ms.planned_date AS planned, ms.done_date AS done, ms.done_by AS \"done-by\""
    " FROM milestones ms JOIN projects p ON p.id = ms.project_id ORDER BY ms.id",
  /* Organisational life, dues, points and ratings: a report carries those of its period's
   * year onwards (?3 is the year), a full package all of them. */
  [GT_EXCHANGE_MEETING] =
    "SELECT mt.uuid, mt.rev, mt.mtime, o.uuid AS org, mt.kind, mt.date, mt.topic, mt.place,"
    " mt.host,"
    " (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.present)"
    "  AS present,"
    " (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND NOT a.present)"
    "  AS absent"
    " FROM meetings mt JOIN organizations o ON o.id = mt.org_id WHERE mt.date >= ?3"
    " ORDER BY mt.id",
  [GT_EXCHANGE_DUES_PAYMENT] =
    "SELECT d.uuid, d.rev, d.mtime, m.uuid AS member, o.uuid AS org, d.month,"
    " d.amount_fen AS \"amount-fen\", d.paid_on AS \"paid-on\""
    " FROM dues_payments d JOIN members m ON m.id = d.member_id"
    " LEFT JOIN organizations o ON o.id = d.org_id WHERE d.month >= ?3 ORDER BY d.id",
  [GT_EXCHANGE_POINT] =
    "SELECT p.uuid, p.rev, p.mtime, m.uuid AS member, o.uuid AS org, p.month, p.kind,"
    " p.item_code AS item, p.category, p.points, p.note"
    " FROM score_points p JOIN members m ON m.id = p.member_id"
    " JOIN organizations o ON o.id = p.org_id WHERE p.month >= ?3 ORDER BY p.id",
  [GT_EXCHANGE_RATING] =
    "SELECT r.uuid, s.rev, s.mtime, o.uuid AS org, s.uuid AS run, s.kind, s.period,"
    " s.rule_version AS \"rule-version\", s.published_at AS published,"
    " CASE WHEN r.member_id IS NULL THEN 'org' ELSE 'member' END AS subject,"
    " m.uuid AS member, r.name, r.org_name AS \"org-name\", r.score, r.class, r.grade,"
    " r.rank, r.stars, r.household_stars AS \"household-stars\", r.warning"
    " FROM score_results r JOIN score_runs s ON s.id = r.run_id"
    " LEFT JOIN members m ON m.id = r.member_id LEFT JOIN organizations o ON o.id = r.org_id"
    " WHERE s.published AND s.period >= ?3 ORDER BY r.id",
  [GT_EXCHANGE_TOMBSTONE] =
    "SELECT uuid, rev, mtime, type FROM ex_tombstones WHERE mtime >= ?3 ORDER BY id",
  [GT_EXCHANGE_TASK] =
    "SELECT uuid, rev, mtime, kind, title, issuer_code AS \"issuer-code\","
    " issuer_name AS \"issuer-name\", target_code AS target, issued_on AS issued,"
    " due_date AS due, withdrawn_on AS withdrawn,"
    " nullif (withdrawn_reason, '') AS \"withdrawn-reason\", body AS \"#text\""
    " FROM ex_tasks WHERE incoming = 0 AND target_code IN (?1, '*')"
    /* a task withdrawn before it went into a package never goes out */
    " AND (withdrawn_on IS NULL OR sent_on IS NOT NULL) ORDER BY id",
  [GT_EXCHANGE_ACK] =
    "SELECT uuid, rev, mtime, task_uuid AS task, office_code AS \"office-code\","
    " office_name AS \"office-name\", status, date, note AS \"#text\""
    " FROM ex_acks WHERE office_code = ?2 ORDER BY id",
};

/* The same counts without the joins and the ordering (the foreign keys that the joins follow
 * are NOT NULL, so no row is lost by them). */
static const char *const count_sql[GT_EXCHANGE_N_TYPES] = {
  [GT_EXCHANGE_ORGANIZATION] = "SELECT count(*) FROM organizations",
  [GT_EXCHANGE_MEMBER] = "SELECT count(*) FROM members",
  [GT_EXCHANGE_HOUSEHOLD] = "SELECT count(*) FROM households",
  [GT_EXCHANGE_LINK] = "SELECT count(*) FROM member_household_links",
  [GT_EXCHANGE_PROJECT] = "SELECT count(*) FROM projects",
  [GT_EXCHANGE_MILESTONE] = "SELECT count(*) FROM milestones",
  [GT_EXCHANGE_MEETING] = "SELECT count(*) FROM meetings WHERE date >= ?3",
  [GT_EXCHANGE_DUES_PAYMENT] = "SELECT count(*) FROM dues_payments WHERE month >= ?3",
  [GT_EXCHANGE_POINT] = "SELECT count(*) FROM score_points WHERE month >= ?3",
  [GT_EXCHANGE_RATING] =
    "SELECT count(*) FROM score_results r JOIN score_runs s ON s.id = r.run_id"
    " WHERE s.published AND s.period >= ?3",
};

static gboolean
kind_has_type (GtExchangeKind kind, GtExchangeType type)
{
  switch (kind)
    {
    case GT_EXCHANGE_KIND_REPORT:
    case GT_EXCHANGE_KIND_FULL:
      return type <= GT_EXCHANGE_TOMBSTONE;
    case GT_EXCHANGE_KIND_DISPATCH:
      return type == GT_EXCHANGE_TASK;
    case GT_EXCHANGE_KIND_ACK:
      return type == GT_EXCHANGE_ACK;
    default:
      return FALSE;
    }
}

static int
output_write (void *data, const char *buffer, int len)
{
  Writer *w = data;

  if (w->write_failed)
    return -1;
  if (len > 0 && fwrite (buffer, 1, len, w->stream) != (size_t) len)
    {
      w->write_failed = TRUE;
      w->write_errno = errno;
      return -1;
    }
  gt_signer_update (w->signer, buffer, len);
  return len;
}

static int
output_close (void *data)
{
  return 0;
}

/* libxml2's own report of a failed write ("I/O error : write error" on stderr): the export's
 * error says which file and why. */
static void
quiet (void *data, const char *format, ...)
{
}

static sqlite3_stmt *
prepare_type (Writer *w, GtExchangeType type, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (w->storage, sql, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, w->receiver_code, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, w->own_code, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, w->since, -1, SQLITE_STATIC);
  return stmt;
}

static gboolean
count_type (Writer *w, GtExchangeType type, guint *count, GError **error)
{
  g_autofree char *sql = count_sql[type] != NULL ? g_strdup (count_sql[type])
                        : g_strdup_printf ("SELECT count(*) FROM (%s)", type_sql[type]);
  sqlite3_stmt *stmt = prepare_type (w, type, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (w->storage, error, _("counting the records to export"));
      return FALSE;
    }
  return TRUE;
}

/* The column that names a record of @type in messages (-1: none, the uuid does). */
static int
name_column (const char **names, int n_cols)
{
  for (int c = 0; c < n_cols; c++)
    if (strcmp (names[c], "name") == 0 || strcmp (names[c], "head-name") == 0 ||
        strcmp (names[c], "title") == 0)
      return c;
  return -1;
}

/* The export stops at a value that the receiver's schema check would refuse (a record saved
 * before the write paths checked the lengths, or changed behind Guatu's back): the message
 * names the record and the field, where the receiver could only give a line number. */
static gboolean
refuse_long_value (Writer *w, GtExchangeType type, sqlite3_stmt *stmt, int name_col,
                   const char *column, glong length, glong max, GError **error)
{
  const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
  const char *name = name_col >= 0 ? (const char *) sqlite3_column_text (stmt, name_col) : NULL;
  g_autofree char *record = NULL, *field = gt_exchange_describe_field (column[0] == '#'
                                                                          ? column + 1 : column);

  if (name != NULL && *name != '\0')
    {
      /* g_utf8_substring () reads past the end of a string shorter than its range */
      g_autofree char *cut = g_utf8_strlen (name, -1) > 40 ? g_utf8_substring (name, 0, 40) : NULL;
      g_autofree char *shown = cut != NULL ? g_strconcat (cut, "…", NULL) : g_strdup (name);

      /* TRANSLATORS: a record in a message: its type, name and uuid */
      record = g_strdup_printf (_("%s “%s” (%s)"), gt_exchange_type_label_singular (type), shown,
                                uuid != NULL ? uuid : "");
    }
  else
    record = g_strdup_printf ("%s %s", gt_exchange_type_label_singular (type),
                              uuid != NULL ? uuid : "");
  g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
               /* TRANSLATORS: the file, the record, the field (“field “Notes” (notes)”, its
                * label then its name in the exchange format), its length and the limit */
               _("%s: not written: %s, %s: %ld characters; at most %ld fit in an exchange "
                 "package. Shorten it and export again."),
               w->path, record, field, length, max);
  return FALSE;
}

#define XW(call) \
  G_STMT_START { if ((call) < 0) goto xml_failed; } G_STMT_END

/* Appends @value escaped as xmlTextWriter escapes an attribute value (@attribute) or element
 * text, so that the package reads the same as when every record went through it. */
static void
append_escaped (GString *out, const char *value, gboolean attribute)
{
  const char *run = value;

  for (const char *p = value; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '&': entity = "&amp;"; break;
        case '"': entity = "&quot;"; break;
        case '\r': entity = "&#13;"; break;
        case '\n': entity = attribute ? "&#10;" : NULL; break;
        case '\t': entity = attribute ? "&#9;" : NULL; break;
        default: entity = NULL; break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append (out, run);
}

#define FLUSH_AT (64 * 1024)

/* The records of one type: the section element through xmlTextWriter, each record serialised
 * straight into a buffer handed to the writer in large pieces (xmlTextWriter's per-attribute
 * calls were half of an export's time), indented as the writer indents. */
static gboolean
write_type (Writer *w, GtExchangeType type, GError **error)
{
  sqlite3_stmt *stmt = prepare_type (w, type, type_sql[type], error);
  const char *element = gt_exchange_type_name (type);
  g_autoptr (GString) buf = NULL;
  const char **names;
  glong *limits;
  gboolean any = FALSE;
  int n_cols, rc, name_col;
  char masked[256];

  if (stmt == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  n_cols = sqlite3_column_count (stmt);
  names = g_newa (const char *, n_cols);
  limits = g_newa (glong, n_cols);
  for (int c = 0; c < n_cols; c++)
    {
      names[c] = sqlite3_column_name (stmt, c);
      limits[c] = gt_exchange_attribute_limit (type, names[c]);
    }
  name_col = name_column (names, n_cols);
  buf = g_string_sized_new (FLUSH_AT + 4096);
  if (xmlTextWriterStartElement (w->writer, BAD_CAST gt_exchange_type_plural (type)) < 0)
    goto xml_failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = NULL;

      any = TRUE;
      g_string_append (buf, "\n  <");
      g_string_append (buf, element);
      for (int c = 0; c < n_cols; c++)
        {
          const char *name = names[c];
          const char *value = (const char *) sqlite3_column_text (stmt, c);

          if (value == NULL)
            continue;
          if (limits[c] > 0)
            {
              glong length = gt_text_over_limit (value, sqlite3_column_bytes (stmt, c),
                                                 limits[c]);
              if (length > 0)
                {
                  refuse_long_value (w, type, stmt, name_col, name, length, limits[c], error);
                  sqlite3_reset (stmt);
                  return FALSE;
                }
            }
          if (name[0] == '#')
            {
              text = value;
              continue;
            }
          if (w->options->mask && strlen (value) < sizeof masked)
            {
              if (strcmp (name, "id-number") == 0)
                value = (gt_exchange_mask_into (masked, value, 6, 4), masked);
              else if (strcmp (name, "phone") == 0)
                value = (gt_exchange_mask_into (masked, value, 3, 4), masked);
            }
          g_string_append_c (buf, ' ');
          g_string_append (buf, name);
          g_string_append (buf, "=\"");
          append_escaped (buf, value, TRUE);
          g_string_append_c (buf, '"');
        }
      if (text != NULL && *text != '\0')
        {
          g_string_append_c (buf, '>');
          append_escaped (buf, text, FALSE);
          g_string_append (buf, "</");
          g_string_append (buf, element);
          g_string_append_c (buf, '>');
        }
      else
        g_string_append (buf, "/>");
      if (buf->len >= FLUSH_AT)
        {
          XW (xmlTextWriterWriteRawLen (w->writer, BAD_CAST buf->str, (int) buf->len));
          g_string_truncate (buf, 0);
        }
      if (++w->done % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          if (w->progress != NULL)
            w->progress ((double) w->done / MAX (w->total, 1), w->progress_data);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (w->storage, error, _("reading the records to export"));
      return FALSE;
    }
  if (any)
    g_string_append (buf, "\n ");
  if (buf->len > 0)
    XW (xmlTextWriterWriteRawLen (w->writer, BAD_CAST buf->str, (int) buf->len));
  XW (xmlTextWriterEndElement (w->writer));
  return TRUE;

xml_failed:
  sqlite3_reset (stmt);
  return FALSE; /* the caller reports the write error */
}

/* The tasks a dispatch package carried are "sent": withdrawn later, they go out withdrawn. */
static gboolean
mark_sent (Writer *w, GError **error)
{
  g_autofree char *today = gt_today ();
  sqlite3_stmt *stmt = gt_storage_prepare (w->storage,
                                           "UPDATE ex_tasks SET sent_on = ?2 WHERE incoming = 0"
                                           " AND sent_on IS NULL AND withdrawn_on IS NULL"
                                           " AND target_code IN (?1, '*')", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->receiver_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (w->storage, stmt, error))
    {
      g_prefix_error (error, _("%s was written, but recording its tasks as sent failed: "),
                      w->path);
      return FALSE;
    }
  return TRUE;
}

static char *
receiver_name (GtStorage *storage, const GtExchangeExportOptions *options, const char *code)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (options->to_name != NULL)
    return g_strdup (options->to_name);
  stmt = gt_storage_prepare (storage, "SELECT name FROM ex_trusted_keys WHERE org_code = ?"
                                      " ORDER BY id DESC LIMIT 1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = GT_COLUMN_TEXT (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (name == NULL)
    {
      g_autofree char *parent = gt_exchange_parent_code (storage);
      if (g_strcmp0 (parent, code) == 0)
        name = gt_storage_get_meta (storage, "exchange.parent_name");
    }
  return name != NULL ? name : g_strdup ("");
}

static gboolean
write_document (Writer *w, const char *package_uuid, const char *period, const char *created,
                const guint counts[], GError **error)
{
  g_autofree char *own_name = gt_storage_get_meta (w->storage, "office_name");
  g_autofree char *to_name = receiver_name (w->storage, w->options, w->receiver_code);
  glong length;

  /* the sender's name is limited where it is set (gt-office.c), the receiver's too when its
   * key is trusted; a name given for this export only is not */
  length = gt_text_over_limit (to_name, strlen (to_name), GT_TEXT_MAX_CHARS);
  if (length > 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("%s: not written: the receiver's name is %ld characters long; at most %ld "
                     "fit in an exchange package"), w->path, length, (glong) GT_TEXT_MAX_CHARS);
      return FALSE;
    }

  XW (xmlTextWriterSetIndent (w->writer, 1));
  XW (xmlTextWriterSetIndentString (w->writer, BAD_CAST " "));
  XW (xmlTextWriterStartDocument (w->writer, "1.0", "UTF-8", NULL));
  XW (xmlTextWriterStartElementNS (w->writer, NULL, BAD_CAST "package",
                                   BAD_CAST GT_EXCHANGE_NAMESPACE));
  XW (xmlTextWriterWriteFormatAttribute (w->writer, BAD_CAST "version", "%d",
                                         GT_EXCHANGE_VERSION));
  XW (xmlTextWriterStartElement (w->writer, BAD_CAST "header"));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "uuid", BAD_CAST package_uuid));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "kind",
                                   BAD_CAST gt_exchange_kind_to_string (w->options->kind)));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "period", BAD_CAST period));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "created", BAD_CAST created));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "generator",
                                   BAD_CAST "Guatu " PACKAGE_VERSION));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "masked",
                                   BAD_CAST (w->options->mask ? "1" : "0")));
  XW (xmlTextWriterStartElement (w->writer, BAD_CAST "sender"));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "code", BAD_CAST w->own_code));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "name",
                                   BAD_CAST (own_name != NULL ? own_name : "")));
  XW (xmlTextWriterEndElement (w->writer));
  XW (xmlTextWriterStartElement (w->writer, BAD_CAST "receiver"));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "code", BAD_CAST w->receiver_code));
  XW (xmlTextWriterWriteAttribute (w->writer, BAD_CAST "name", BAD_CAST to_name));
  XW (xmlTextWriterEndElement (w->writer));
  XW (xmlTextWriterStartElement (w->writer, BAD_CAST "counts"));
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (kind_has_type (w->options->kind, t))
      XW (xmlTextWriterWriteFormatAttribute (w->writer, BAD_CAST gt_exchange_type_plural (t),
                                             "%u", counts[t]));
  XW (xmlTextWriterEndElement (w->writer));
  XW (xmlTextWriterEndElement (w->writer)); /* header */

  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (kind_has_type (w->options->kind, t) && !write_type (w, t, error))
      {
        if (error != NULL && *error != NULL)
          return FALSE;
        goto xml_failed;
      }
  XW (xmlTextWriterEndElement (w->writer)); /* package */
  XW (xmlTextWriterEndDocument (w->writer));
  XW (xmlTextWriterFlush (w->writer));
  return TRUE;

xml_failed:
  return FALSE;
}

/* The connection's cache size (PRAGMA cache_size), 0 when it cannot be read. */
static gint64
cache_size (GtStorage *storage)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "PRAGMA cache_size", NULL);
  gint64 size = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return size;
}

static void
set_cache_size (GtStorage *storage, gint64 size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  gt_storage_exec (storage, sql, NULL);
}

void
gt_exchange_period_first_month (const char *period, char first[8])
{
  if (strlen (period) == 4)
    g_snprintf (first, 8, "%s-01", period);
  else if (strlen (period) >= 7 && period[5] == 'Q')
    g_snprintf (first, 8, "%.4s-%02d", period, 3 * (period[6] - '0') - 2);
  else
    g_snprintf (first, 8, "%.7s", period);
}

/* A report of a period that has not begun yet (2027-06 made in December 2026) would become
 * the county's newest month; @created is the package's creation time. The import refuses
 * it the same way (gt-exchange-import.c). */
static gboolean
period_begun (const char *period, const char *created, GError **error)
{
  char first[8];

  if (*period == '\0' || strlen (created) < 7)
    return TRUE;
  gt_exchange_period_first_month (period, first);
  if (strncmp (first, created, 7) <= 0)
    return TRUE;
  g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
               _("period “%s” has not begun yet (this is %.7s): report a month that has"),
               period, created);
  return FALSE;
}

gboolean
gt_exchange_export (GtStorage *storage, const char *path, const GtExchangeExportOptions *options,
                    GtExchangeExportInfo **info_out, GError **error)
{
  return gt_exchange_export_full (storage, path, options, NULL, NULL, NULL, info_out, error);
}

gboolean
gt_exchange_export_full (GtStorage *storage, const char *path,
                         const GtExchangeExportOptions *options, GCancellable *cancellable,
                         GtExchangeProgress progress, gpointer progress_data,
                         GtExchangeExportInfo **info_out, GError **error)
{
  Writer w = { .storage = storage, .options = options, .path = path, .cancellable = cancellable,
               .progress = progress, .progress_data = progress_data };
  g_autofree char *package_uuid = gt_new_uuid ();
  g_autofree char *period = NULL, *created = NULL, *signature = NULL, *line = NULL;
  g_autofree char *public_pem = NULL;
  g_autoptr (GtExchangeSignature) check = NULL;
  g_autoptr (GError) local_error = NULL;
  GtSafeFile *file;
  xmlOutputBufferPtr out;
  guint counts[GT_EXCHANGE_N_TYPES] = { 0 };
  gint64 old_cache = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (GT_IS_STORAGE (storage) && path != NULL && options != NULL, FALSE);

  w.own_code = gt_exchange_office_code (storage);
  w.receiver_code = options->to_code != NULL ? g_strdup (options->to_code)
                                             : gt_exchange_parent_code (storage);
  if (!gt_exchange_check_code (w.own_code, NULL))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("%s: this office has no valid office code; set one with “guatu-cli init "
                     "--code”"), gt_storage_get_path (storage));
      goto out;
    }
  if (options->kind == GT_EXCHANGE_KIND_DISPATCH)
    {
      g_autofree char *role = gt_storage_get_meta (storage, "role");

      /* a township's dispatch would be refused by every office it could go to */
      if (g_strcmp0 (role, "county") != 0)
        {
          g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                       _("%s: only a county sends dispatch packages (tasks and notices); this "
                         "office is a township, and sends reports, full packages and "
                         "acknowledgements"), path);
          goto out;
        }
    }
  if (options->to_code != NULL && !gt_exchange_check_code (options->to_code, error))
    {
      g_prefix_error (error, "%s: ", path);
      goto out;
    }
  if (!gt_exchange_check_code (w.receiver_code, NULL))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("%s: no receiver: name the office the package is for with --to CODE"),
                   path);
      goto out;
    }

  if (options->period != NULL)
    period = g_strdup (options->period);
  else if (options->kind == GT_EXCHANGE_KIND_REPORT)
    period = gt_exchange_default_period ();
  else
    period = g_strdup ("");
  if (*period != '\0' && !g_regex_match_simple ("^[0-9]{4}(-[0-9]{2}|-Q[1-4])?$", period, 0, 0))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("period “%s”: write it as YYYY-MM, YYYY-Qn or YYYY"), period);
      goto out;
    }
  /* The XSD's g:period takes the months 01 to 12 only. */
  if (strlen (period) == 7 && period[5] != 'Q' &&
      (strcmp (period + 5, "01") < 0 || strcmp (period + 5, "12") > 0))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("period “%s”: the month must be 01 to 12"), period);
      goto out;
    }
  w.since = options->kind == GT_EXCHANGE_KIND_REPORT && *period != '\0'
              ? g_strndup (period, 4) : g_strdup ("");
  if (options->created != NULL)
    created = g_strdup (options->created);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
    }
  if (!period_begun (period, created, error))
    goto out;

  w.signer = gt_signer_new (storage, error);
  if (w.signer == NULL)
    goto out;
  /* One pass over every row gains nothing from the connection's large cache: filling it
   * cost a page fault per page read (a fifth of an export). A small one while exporting. */
  old_cache = cache_size (storage);
  if (old_cache < -4096 || old_cache > 1024)
    set_cache_size (storage, -4096);
  else
    old_cache = 0;
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (kind_has_type (options->kind, t) && !count_type (&w, t, &counts[t], error))
      goto out;
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    w.total += counts[t];

  file = gt_safe_file_open (path, error);
  if (file == NULL)
    goto out;
  w.stream = gt_safe_file_get_stream (file);
  /* Nothing written yet: large writes, not one system call per 4 KB. */
  setvbuf (w.stream, NULL, _IOFBF, 1024 * 1024);
  xmlSetGenericErrorFunc (NULL, quiet); /* this thread's libxml2 only */
  out = xmlOutputBufferCreateIO (output_write, output_close, &w, NULL);
  w.writer = xmlNewTextWriter (out);
  ok = write_document (&w, package_uuid, period, created, counts, &local_error);
  xmlFreeTextWriter (w.writer);
  if (ok)
    {
      signature = gt_signer_finish (w.signer, &local_error);
      ok = signature != NULL;
    }
  if (ok)
    {
      line = g_strdup_printf ("<?" GT_EXCHANGE_SIGNATURE_PI " alg=\"%s\" key=\"%s\" value=\"%s\"?>\n",
                              GT_KEYS_ALG, gt_signer_get_fingerprint (w.signer), signature);
      if (fputs (line, w.stream) < 0)
        w.write_failed = TRUE, w.write_errno = errno;
    }
  if (!ok || w.write_failed)
    {
      gt_safe_file_abort (file);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (w.write_errno),
                     _("%s: cannot write: %s"), path,
                     w.write_errno != 0 ? g_strerror (w.write_errno) : _("XML writer failed"));
      ok = FALSE;
      goto out;
    }
  if (!gt_safe_file_commit (file, error))
    {
      ok = FALSE;
      goto out;
    }

  /* Read back what is on the disk and check its signature with our own public key. */
  ok = FALSE;
  public_pem = gt_keys_get_public_pem (storage, NULL, error);
  if (public_pem == NULL)
    goto out;
  check = gt_exchange_check_file_with (public_pem, path, error);
  if (check == NULL)
    {
      g_prefix_error (error, _("%s was written but does not read back correctly (the drive "
                               "may be faulty): "), path);
      goto out;
    }
  if (options->kind == GT_EXCHANGE_KIND_DISPATCH && !mark_sent (&w, error))
    goto out;
  ok = TRUE;
  if (progress != NULL)
    progress (1.0, progress_data);
  if (info_out != NULL)
    {
      GtExchangeExportInfo *info = g_new0 (GtExchangeExportInfo, 1);
      info->path = g_strdup (path);
      info->package_uuid = g_strdup (package_uuid);
      info->sha256 = g_strdup (check->file_sha256);
      info->size = check->length;
      info->receiver_code = g_strdup (w.receiver_code);
      memcpy (info->counts, counts, sizeof counts);
      *info_out = info;
    }

out:
  if (old_cache != 0)
    set_cache_size (storage, old_cache);
  gt_signer_free (w.signer);
  g_free (w.own_code);
  g_free (w.receiver_code);
  g_free (w.since);
  return ok;
}
