/* gt-exchange-reader.c — the second pass: a streaming, validating, bounded parse
 *
 * libxml2's SAX2 push parser over the (already verified) bytes, fed in chunks, with the XSD
 * (compiled into the program, gt-exchange-xsd.c) plugged into its events
 * (xmlSchemaSAXPlug): a third less work than xmlTextReader with the same validation, which
 * builds and frees a node per element. Before libxml2 sees a byte, one scan refuses any
 * "<!" (so there is no DOCTYPE, no entity declaration, nothing to load or substitute) and
 * any overlong gap; XML_PARSE_NONET; depth, text and attribute sizes are bounded. Errors
 * carry the file's line. Each chunk's records are queued and handed out one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "gt-exchange-private.h"
#include "gt-idcard.h"

#define CHUNK (64 * 1024)

/* A record read but not handed out: its strings as offsets into the reader's store, which
 * may move while more are added. */
typedef struct
{
  GtExchangeType type;
  int line;
  gint64 rev;
  int n_attrs;
  gsize names[GT_EXCHANGE_MAX_ATTRS], values[GT_EXCHANGE_MAX_ATTRS];
  int uuid, mtime, parent; /* attribute indexes, -1 for none */
  gsize start, end;        /* the names and values, one after the other */
  gsize text;
} Queued;

struct _GtExchangeReader
{
  char *display;
  const char *data;
  gsize length, fed;   /* of the package; bytes given to the parser */
  xmlParserCtxtPtr ctxt;
  xmlSchemaValidCtxtPtr vctxt;
  xmlSchemaSAXPlugPtr plug;
  xmlSAXHandler sax;
  xmlSAXHandlerPtr plugged_sax; /* the plug writes these back when unplugged */
  void *plugged_data;
  GError *error;       /* the first problem, by libxml2 or found here */
  gboolean ended;      /* the last chunk was given */
  GtExchangeResult *result; /* filled by the header's events */
  gboolean root_seen, header_read;
  int depth;
  gsize run;           /* of the text outside records being read */
  /* the record being read */
  Queued current;
  gboolean in_record;
  GString *text;
  /* the records read from the chunks given, and their strings */
  GArray *queue;
  guint next;
  GString *store;
  guint claimed[GT_EXCHANGE_N_TYPES];
  guint seen[GT_EXCHANGE_N_TYPES];
  int body;            /* the body being read, -1 outside */
  GtExchangeRefs *refs; /* the records read so far, for the references after them */
  /* Names interned in the parser's dictionary, as the attributes' names are: those every
   * record has, each type's parent attribute (or NULL), and per type the attributes whose
   * pattern is checked here (gt-exchange-xsd.c). */
  const xmlChar *name_uuid, *name_rev, *name_mtime;
  const xmlChar *parent_names[GT_EXCHANGE_N_TYPES];
  const xmlChar **check_names[GT_EXCHANGE_N_TYPES];
  const GtExchangeXsdPattern **check_patterns[GT_EXCHANGE_N_TYPES];
  int n_checks[GT_EXCHANGE_N_TYPES];
};

static int
current_line (GtExchangeReader *self)
{
  return xmlSAX2GetLineNumber (self->ctxt);
}

/* Keeps the first problem; feed () gives the parser nothing more. Not xmlStopParser ()
 * here: called from a SAX callback, it frees the parser's input while the schema
 * validator, plugged in after these callbacks, still reads the element's attributes from it
 * (libxml2 2.9.14; valgrind showed the reads, a 70 000-byte attribute crashed). The rest of
 * the chunk under way (at most CHUNK bytes) is parsed with every callback of ours
 * returning at once. */
static void
stop (GtExchangeReader *self, GError *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

static gboolean
fail_at (GtExchangeReader *self, int line, int code, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (GtExchangeReader *self, int line, int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  stop (self, g_error_new (GT_EXCHANGE_ERROR, code, "%s:%d: %s", self->display, line, message));
  return FALSE;
}

static void
on_error (void *data, xmlErrorPtr err)
{
  GtExchangeReader *self = data;
  g_autofree char *message = NULL;
  int code, line;

  if (self->error != NULL || err == NULL || err->level < XML_ERR_ERROR)
    return;
  message = g_strstrip (g_strdup (err->message != NULL ? err->message : "?"));
  /* libxml2's own text is English and cannot be translated: a translated sentence leads it. */
  if (err->domain == XML_FROM_SCHEMASV)
    {
      /* TRANSLATORS: before libxml2's (English) description of what breaks the schema */
      char *led = g_strdup_printf (_("does not follow the data exchange format (schema): %s"),
                                   message);
      g_free (message);
      message = led;
    }
  code = err->domain == XML_FROM_SCHEMASV ? GT_EXCHANGE_ERROR_INVALID
                                          : GT_EXCHANGE_ERROR_MALFORMED;
  /* The schema's errors in SAX mode carry no line: it is the parser's, in the element's
   * event that raised it. */
  line = err->line > 0 ? err->line : self->ctxt != NULL ? current_line (self) : 0;
  if (line > 0)
    stop (self, g_error_new (GT_EXCHANGE_ERROR, code, "%s:%d: %s", self->display, line,
                             message));
  else
    stop (self, g_error_new (GT_EXCHANGE_ERROR, code, "%s: %s", self->display, message));
}

/* libxml2's unstructured messages ("encoding error : …") would go to stderr; the problem
 * reaches the user through the reader's error instead. */
static void
quiet (void *data, const char *format, ...)
{
}

/* ---- the header ---- */

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

/* @value of @attribute of @element is not of the form @pattern's type has (a facet
 * gt-exchange-xsd.c checks in place of libxml2). */
static gboolean
refuse_pattern (GtExchangeReader *self, int line, const char *element, const char *attribute,
                const char *value, const GtExchangeXsdPattern *pattern)
{
  g_autofree char *shown = g_utf8_strlen (value, -1) > 64 ? g_utf8_substring (value, 0, 64)
                                                           : g_strdup (value);
  /* TRANSLATORS: element and attribute names, the value, the XSD's pattern and type name */
  g_autofree char *what = g_strdup_printf (_("element “%s”, attribute “%s”: “%s” does not match "
                                             "the pattern %s of type %s"),
                                           element, attribute, shown, pattern->pattern,
                                           pattern->type);

  return fail_at (self, line, GT_EXCHANGE_ERROR_INVALID,
                  _("does not follow the data exchange format (schema): %s"), what);
}

/* @value of a record's rev is no revision (the XSD's g:rev). */
static gboolean
refuse_rev (GtExchangeReader *self, int line, GtExchangeType type, const char *value)
{
  g_autofree char *shown = g_utf8_strlen (value, -1) > 64 ? g_utf8_substring (value, 0, 64)
                                                           : g_strdup (value);
  /* TRANSLATORS: element name, the value, the largest revision */
  g_autofree char *what = g_strdup_printf (_("element “%s”, attribute “rev”: “%s” is not a "
                                             "revision (a whole number from 1 to %d)"),
                                           gt_exchange_type_name (type), shown,
                                           GT_EXCHANGE_MAX_REV);

  return fail_at (self, line, GT_EXCHANGE_ERROR_INVALID,
                  _("does not follow the data exchange format (schema): %s"), what);
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
        return refuse_pattern (self, current_line (self), element, check->attribute, value,
                               check->pattern);
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
        return fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
                        _("counts: %s=“%s” is not a count"), gt_exchange_type_plural (t), value);
      self->claimed[t] = (guint) count;
    }
  return TRUE;
}

static void
start_root (GtExchangeReader *self, const char *name, const char *ns, const xmlChar **attributes,
            int n)
{
  g_autofree char *version = attribute (attributes, n, "version");
  int line = current_line (self);

  self->root_seen = TRUE;
  /* The root's namespace and version are checked before the schema's errors (its events
   * come after these): a newer format is "please update", not "invalid". */
  if (ns != NULL && g_str_has_prefix (ns, "urn:guatu:exchange:") &&
      strcmp (ns, GT_EXCHANGE_NAMESPACE) != 0)
    fail_at (self, line, GT_EXCHANGE_ERROR_VERSION,
             _("package format “%s” is newer than this version of Guatu understands (%s); "
               "please update Guatu"), ns, GT_EXCHANGE_NAMESPACE);
  else if (strcmp (name, "package") != 0 || g_strcmp0 (ns, GT_EXCHANGE_NAMESPACE) != 0)
    fail_at (self, line, GT_EXCHANGE_ERROR_INVALID,
             _("not a Guatu exchange package (root element “%s”, namespace “%s”)"), name,
             ns != NULL ? ns : "");
  else if (g_strcmp0 (version, "1") != 0)
    fail_at (self, line, GT_EXCHANGE_ERROR_VERSION,
             _("package format version “%s” is not understood by this version of Guatu (it "
               "reads version %d); please update Guatu"),
             version != NULL ? version : "", GT_EXCHANGE_VERSION);
  else if (self->result != NULL)
    self->result->version = GT_EXCHANGE_VERSION;
}

static void
start_header (GtExchangeReader *self, int depth, const char *name, const xmlChar **attributes,
              int n)
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
        fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
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

static void
end_header (GtExchangeReader *self)
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

/* ---- records ---- */

/* Copies the attributes of a record's start tag into the store (names and values, each with
 * its NUL) and checks the patterns the reader checks. */
static gboolean
start_record (GtExchangeReader *self, GtExchangeType type, const xmlChar **attributes, int n)
{
  Queued *q = &self->current;
  const xmlChar **check_names = self->check_names[type];
  int n_checks = self->n_checks[type];

  q->type = type;
  q->line = current_line (self);
  q->rev = 0;
  q->uuid = q->mtime = q->parent = -1;
  q->start = self->store->len;
  if (n > GT_EXCHANGE_MAX_ATTRS)
    return fail_at (self, q->line, GT_EXCHANGE_ERROR_INVALID,
                    _("a record with more than %d attributes"), GT_EXCHANGE_MAX_ATTRS);
  for (int i = 0; i < n; i++)
    {
      const xmlChar *name = attributes[5 * i];
      const char *value = (const char *) attributes[5 * i + 3];
      gsize len = attributes[5 * i + 4] - attributes[5 * i + 3], name_len, at;
      char *copy;

      if (len > GT_EXCHANGE_MAX_TEXT)
        return fail_at (self, q->line, GT_EXCHANGE_ERROR_FORBIDDEN,
                        _("attribute “%s” is longer than %d bytes"), (const char *) name,
                        GT_EXCHANGE_MAX_TEXT);
      name_len = strlen ((const char *) name) + 1;
      at = self->store->len;
      g_string_set_size (self->store, at + name_len + len + 1);
      memcpy (self->store->str + at, name, name_len);
      copy = self->store->str + at + name_len;
      memcpy (copy, value, len);
      copy[len] = '\0';
      q->names[i] = at;
      q->values[i] = at + name_len;
      for (int k = 0; k < n_checks; k++)
        if (name == check_names[k])
          {
            const GtExchangeXsdPattern *pattern = self->check_patterns[type][k];
            if (!pattern->check (copy))
              return refuse_pattern (self, q->line, gt_exchange_type_name (type),
                                     (const char *) name, copy, pattern);
            break;
          }
      if (name == self->name_uuid)
        q->uuid = i;
      else if (name == self->name_rev)
        {
          /* whole and bounded as the XSD's g:rev: strtoll clamped 99999999999999999999999
           * to G_MAXINT64, a revision taken as valid */
          guint64 rev = 0;
          if (!g_ascii_string_to_unsigned (copy, 10, 1, GT_EXCHANGE_MAX_REV, &rev, NULL))
            return refuse_rev (self, q->line, type, copy);
          q->rev = (gint64) rev;
        }
      else if (name == self->name_mtime)
        q->mtime = i;
      else if (name == self->parent_names[type])
        q->parent = i;
    }
  q->n_attrs = n;
  q->end = self->store->len;
  if (q->uuid < 0 || q->mtime < 0 || q->rev < 1)
    return fail_at (self, q->line, GT_EXCHANGE_ERROR_INVALID, _("a %s without uuid, rev or mtime"),
                    gt_exchange_type_label_singular (type));
  g_string_truncate (self->text, 0);
  self->in_record = TRUE;
  return TRUE;
}

/* @q's strings where they are now. */
static void
resolve (GtExchangeReader *self, const Queued *q, GtExchangeRecord *record)
{
  const char *base = self->store->str;

  record->type = q->type;
  record->line = q->line;
  record->rev = q->rev;
  record->n_attrs = q->n_attrs;
  for (int i = 0; i < q->n_attrs; i++)
    {
      record->names[i] = base + q->names[i];
      record->values[i] = base + q->values[i];
    }
  record->uuid = base + q->values[q->uuid];
  record->mtime = base + q->values[q->mtime];
  record->parent = q->parent >= 0 ? base + q->values[q->parent] : NULL;
  record->text = base + q->text;
  record->strings = base + q->start;
  record->strings_len = q->end - q->start;
  record->json = NULL;
  record->json_len = 0;
}

/* What the schema cannot say: an ID number in clear has the right check character (a masked
 * one, "330822********1234", cannot be checked), and the organisation, member, household or
 * project a record names is in the package (gt-exchange-refs.c). */
static gboolean
check_record (GtExchangeReader *self, const GtExchangeRecord *record)
{
  const char *id = record->type == GT_EXCHANGE_MEMBER
                     ? gt_exchange_record_get (record, "id-number") : NULL;
  g_autofree char *problem = NULL;

  if (id != NULL && strchr (id, '*') == NULL)
    {
      GtIdcardStatus status = gt_idcard_validate (id, NULL, NULL, NULL);

      if (status != GT_IDCARD_OK)
        return fail_at (self, record->line, GT_EXCHANGE_ERROR_INVALID,
                        _("member %s: ID number %s: %s"), record->uuid, id,
                        gt_idcard_status_message (status));
    }
  problem = gt_exchange_refs_add (self->refs, record, record->line);
  return problem == NULL ||
         fail_at (self, record->line, GT_EXCHANGE_ERROR_INVALID, "%s", problem);
}

static void
end_record (GtExchangeReader *self)
{
  Queued *q = &self->current;
  GtExchangeRecord record;

  self->in_record = FALSE;
  q->text = self->store->len;
  g_string_append_len (self->store, self->text->str, self->text->len + 1);
  resolve (self, q, &record);
  if (!check_record (self, &record))
    return;
  if (++self->seen[q->type] > self->claimed[q->type])
    {
      fail_at (self, q->line, GT_EXCHANGE_ERROR_INVALID,
               _("more %s than the %u the header announces"), gt_exchange_type_label (q->type),
               self->claimed[q->type]);
      return;
    }
  g_array_append_val (self->queue, *q);
}

static void
end_organizations (GtExchangeReader *self)
{
  int line = 0;
  g_autofree char *problem = gt_exchange_refs_finish_organizations (self->refs, &line);

  if (problem != NULL)
    fail_at (self, line, GT_EXCHANGE_ERROR_INVALID, "%s", problem);
}

/* ---- the SAX2 events ---- */

static void
on_start (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
          const xmlChar **attributes)
{
  GtExchangeReader *self = data;
  const char *name = (const char *) localname;
  int depth = self->depth++;

  if (self->error != NULL)
    return;
  self->run = 0;
  if (depth >= GT_EXCHANGE_MAX_DEPTH)
    {
      fail_at (self, current_line (self), GT_EXCHANGE_ERROR_FORBIDDEN,
               _("elements nested deeper than %d levels"), GT_EXCHANGE_MAX_DEPTH);
      return;
    }
  if (depth == 0)
    start_root (self, name, (const char *) uri, attributes, nb_attributes);
  else if (!self->header_read)
    {
      if (depth == 1 && strcmp (name, "header") != 0)
        fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
                 _("the package has no complete header"));
      else
        start_header (self, depth, name, attributes, nb_attributes);
    }
  else if (self->in_record)
    fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
             _("unexpected element inside a %s"),
             gt_exchange_type_label_singular (self->current.type));
  else if (depth == 1)
    {
      self->body = gt_exchange_type_from_plural (name);
      if (self->body < 0)
        fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
                 _("unknown section “%s”"), name);
    }
  else if (depth == 2 && self->body >= 0)
    {
      if (strcmp (name, gt_exchange_type_name (self->body)) != 0)
        fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID, _("“%s” inside “%s”"),
                 name, gt_exchange_type_plural (self->body));
      else
        start_record (self, self->body, attributes, nb_attributes);
    }
  else
    fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
             _("unexpected element “%s”"), name);
}

static void
on_end (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  GtExchangeReader *self = data;
  int depth = --self->depth;

  if (self->error != NULL)
    return;
  self->run = 0;
  if (!self->header_read)
    {
      if (depth == 1 && strcmp ((const char *) localname, "header") == 0)
        end_header (self);
    }
  else if (depth == 2 && self->in_record)
    end_record (self);
  else if (depth == 1)
    {
      if (self->body == GT_EXCHANGE_ORGANIZATION)
        end_organizations (self);
      self->body = -1;
    }
}

static void
on_text (void *data, const xmlChar *text, int len)
{
  GtExchangeReader *self = data;

  if (self->error != NULL)
    return;
  if (self->in_record)
    {
      if (self->text->len + len > GT_EXCHANGE_MAX_TEXT)
        fail_at (self, current_line (self), GT_EXCHANGE_ERROR_FORBIDDEN,
                 _("a text longer than %d bytes"), GT_EXCHANGE_MAX_TEXT);
      else
        g_string_append_len (self->text, (const char *) text, len);
    }
  else if ((self->run += len) > GT_EXCHANGE_MAX_TEXT)
    fail_at (self, current_line (self), GT_EXCHANGE_ERROR_FORBIDDEN,
             _("a text longer than %d bytes"), GT_EXCHANGE_MAX_TEXT);
}

/* ---- feeding the parser ---- */

/* After the last chunk: what only the end can tell. */
static void
check_end (GtExchangeReader *self)
{
  if (self->error != NULL)
    return;
  if (!self->header_read)
    {
      fail_at (self, current_line (self), GT_EXCHANGE_ERROR_INVALID,
               self->root_seen ? _("the package has no complete header")
                               : _("the file holds no XML element"));
      return;
    }
  if (xmlSchemaIsValid (self->vctxt) != 1)
    {
      stop (self, g_error_new (GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                               _("%s: not valid against the exchange schema"), self->display));
      return;
    }
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (self->seen[t] != self->claimed[t])
      {
        stop (self, g_error_new (GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                                 _("%s: the header announces %u %s but the package holds %u"),
                                 self->display, self->claimed[t], gt_exchange_type_label (t),
                                 self->seen[t]));
        return;
      }
}

/* Gives the parser its next chunk; FALSE once there is nothing more to read or a problem. */
static gboolean
feed (GtExchangeReader *self)
{
  static _Thread_local gboolean quieted; /* the records are read on a thread of their own */
  gsize n = MIN (CHUNK, self->length - self->fed);
  gboolean last = self->fed + n == self->length;
  int rc;

  if (self->ended || self->error != NULL)
    return FALSE;
  if (!quieted)
    {
      xmlSetGenericErrorFunc (NULL, quiet);
      quieted = TRUE;
    }
  rc = xmlParseChunk (self->ctxt, self->data + self->fed, (int) n, last);
  self->fed += n;
  self->ended = last;
  if (self->error == NULL && (rc != 0 || !self->ctxt->wellFormed))
    {
      /* The parser's own error, should it not have reached on_error */
      const xmlError *err = xmlCtxtGetLastError (self->ctxt);
      g_autofree char *why = err != NULL && err->message != NULL
                               ? g_strstrip (g_strdup (err->message)) : NULL;
      int line = err != NULL && err->line > 0 ? err->line : current_line (self);

      if (why != NULL)
        fail_at (self, line, GT_EXCHANGE_ERROR_MALFORMED, _("not well-formed XML: %s"), why);
      else
        fail_at (self, line, GT_EXCHANGE_ERROR_MALFORMED, _("not well-formed XML"));
    }
  if (last)
    check_end (self);
  if (self->error != NULL)
    xmlStopParser (self->ctxt); /* outside the callbacks: see stop () */
  return self->error == NULL;
}

GtExchangeReader *
gt_exchange_reader_new (const char *display, const char *data, gsize length, GError **error)
{
  GtExchangeReader *self;

  if (length > G_MAXINT)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_TOO_LARGE,
                   _("%s: the package is too large"), display);
      return NULL;
    }
  if (!gt_exchange_check_bytes (display, data, length, error))
    return NULL;
  self = g_new0 (GtExchangeReader, 1);
  self->display = g_strdup (display);
  self->data = data;
  self->length = length;
  self->text = g_string_sized_new (256);
  self->store = g_string_sized_new (2 * CHUNK);
  self->queue = g_array_sized_new (FALSE, FALSE, sizeof (Queued), 256);
  self->body = -1;

  self->sax.initialized = XML_SAX2_MAGIC;
  self->sax.startElementNs = on_start;
  self->sax.endElementNs = on_end;
  self->sax.characters = on_text;
  self->sax.serror = on_error;
  self->vctxt = xmlSchemaNewValidCtxt (gt_exchange_xsd_get ()->schema);
  xmlSchemaSetValidStructuredErrors (self->vctxt, on_error, self);
  self->plugged_sax = &self->sax;
  self->plugged_data = self;
  self->plug = xmlSchemaSAXPlug (self->vctxt, &self->plugged_sax, &self->plugged_data);
  /* Entities: none can be declared (no "<!"), so substituting them only turns &amp; and
   * character references into their characters, in the values libxml2 and the schema see
   * alike. No DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: ever. */
  self->ctxt = self->plug != NULL ? xmlCreatePushParserCtxt (self->plugged_sax,
                                                              self->plugged_data, NULL, 0, display)
                                  : NULL;
  if (self->ctxt == NULL ||
      xmlCtxtResetPush (self->ctxt, NULL, 0, display, "UTF-8") != 0 ||
      xmlCtxtUseOptions (self->ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOENT) < 0)
    {
      gt_exchange_reader_free (self);
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("%s: cannot start the XML reader"), display);
      return NULL;
    }

  self->name_uuid = xmlDictLookup (self->ctxt->dict, BAD_CAST "uuid", -1);
  self->name_rev = xmlDictLookup (self->ctxt->dict, BAD_CAST "rev", -1);
  self->name_mtime = xmlDictLookup (self->ctxt->dict, BAD_CAST "mtime", -1);
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      const char *parent = gt_exchange_type_parent_attr (t);
      GPtrArray *checks = gt_exchange_xsd_checks (gt_exchange_xsd_get (),
                                                  gt_exchange_type_name (t));
      int n = checks != NULL ? (int) checks->len : 0;

      if (parent != NULL)
        self->parent_names[t] = xmlDictLookup (self->ctxt->dict, BAD_CAST parent, -1);
      self->n_checks[t] = n;
      self->check_names[t] = g_new0 (const xmlChar *, n + 1);
      self->check_patterns[t] = g_new0 (const GtExchangeXsdPattern *, n + 1);
      for (int i = 0; i < n; i++)
        {
          GtExchangeXsdCheck *check = g_ptr_array_index (checks, i);
          self->check_names[t][i] = xmlDictLookup (self->ctxt->dict, BAD_CAST check->attribute,
                                                   -1);
          self->check_patterns[t][i] = check->pattern;
        }
    }
  return self;
}

gboolean
gt_exchange_reader_read_header (GtExchangeReader *self, GtExchangeResult *result,
                                GError **error)
{
  self->result = result;
  while (!self->header_read && feed (self))
    ;
  self->result = NULL;
  if (self->error == NULL && !self->header_read)
    check_end (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}

/* Empties the store of the records handed out, keeping the attributes of a record whose
 * start tag was in the chunks given and whose end is not. */
static void
forget_handed_out (GtExchangeReader *self)
{
  Queued *q = &self->current;
  gsize shift;

  if (!self->in_record)
    {
      g_string_truncate (self->store, 0);
      return;
    }
  shift = q->start;
  memmove (self->store->str, self->store->str + shift, q->end - shift);
  g_string_truncate (self->store, q->end - shift);
  for (int i = 0; i < q->n_attrs; i++)
    {
      q->names[i] -= shift;
      q->values[i] -= shift;
    }
  q->start = 0;
  q->end -= shift;
}

gboolean
gt_exchange_reader_next (GtExchangeReader *self, GtExchangeRecord *record, GError **error)
{
  g_return_val_if_fail (self->header_read, FALSE);
  /* The records of the chunks given so far come before a problem found after them. */
  while (self->next == self->queue->len)
    {
      g_array_set_size (self->queue, 0);
      self->next = 0;
      forget_handed_out (self);
      if (!feed (self))
        break;
    }
  if (self->next < self->queue->len)
    {
      resolve (self, &g_array_index (self->queue, Queued, self->next++), record);
      return TRUE;
    }
  if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

gsize
gt_exchange_reader_get_offset (GtExchangeReader *self)
{
  return self->fed;
}

void
gt_exchange_reader_free (GtExchangeReader *self)
{
  if (self == NULL)
    return;
  if (self->ctxt != NULL)
    xmlFreeParserCtxt (self->ctxt);
  if (self->plug != NULL)
    xmlSchemaSAXUnplug (self->plug);
  if (self->vctxt != NULL)
    xmlSchemaFreeValidCtxt (self->vctxt);
  g_free (self->display);
  g_clear_error (&self->error);
  g_string_free (self->text, TRUE);
  g_string_free (self->store, TRUE);
  g_array_unref (self->queue);
  gt_exchange_refs_free (self->refs);
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      g_free (self->check_names[t]);
      g_free (self->check_patterns[t]);
    }
  g_free (self);
}
