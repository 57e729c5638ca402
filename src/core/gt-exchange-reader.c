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

#include "gt-exchange-reader-private.h"
#include "gt-idcard.h"

#define CHUNK (64 * 1024)

int
gt_exchange_reader_line (GtExchangeReader *self)
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

gboolean
gt_exchange_reader_fail_at (GtExchangeReader *self, int line, int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  stop (self, g_error_new (GT_EXCHANGE_ERROR, code, "%s:%d: %s", self->display, line, message));
  return FALSE;
}

/* Whether the parser stands at the end of the last chunk, nothing but spaces after it: where
 * a cut-off file makes it stop. */
static gboolean
parser_at_end (GtExchangeReader *self)
{
  xmlParserInputPtr input = self->ctxt != NULL ? self->ctxt->input : NULL;

  if (!self->feeding_last || input == NULL || input->cur == NULL || input->end == NULL)
    return FALSE;
  for (const xmlChar *p = input->cur; p < input->end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* @err told in our words; a parse that stopped at the end of a cut-off file names the element
 * left open (libxml2's push parser says "Extra content at the end of the document"). */
static char *
describe_error (GtExchangeReader *self, const xmlError *err, gboolean at_end)
{
  if (at_end && err != NULL && err->code != XML_ERR_TAG_NOT_FINISHED &&
      gt_exchange_xml_error_may_be_cut (err->code) && self->ctxt != NULL &&
      self->ctxt->name != NULL)
    {
      xmlError open = *err;

      open.code = XML_ERR_TAG_NOT_FINISHED;
      open.str1 = (char *) self->ctxt->name;
      open.int1 = 0;
      return gt_exchange_describe_xml_error (&open, TRUE);
    }
  return gt_exchange_describe_xml_error (err, at_end);
}

static void
on_error (void *data, xmlErrorPtr err)
{
  GtExchangeReader *self = data;
  g_autofree char *message = NULL;
  int code, line;

  if (self->error != NULL || err == NULL || err->level < XML_ERR_ERROR)
    return;
  message = describe_error (self, err, err->domain != XML_FROM_SCHEMASV &&
                                         parser_at_end (self));
  code = err->domain == XML_FROM_SCHEMASV ? GT_EXCHANGE_ERROR_INVALID
                                          : GT_EXCHANGE_ERROR_MALFORMED;
  /* The schema's errors in SAX mode carry no line: it is the parser's, in the element's
   * event that raised it. */
  line = err->line > 0 ? err->line : self->ctxt != NULL ? gt_exchange_reader_line (self) : 0;
  if (line > 0)
    stop (self, g_error_new (GT_EXCHANGE_ERROR, code, "%s:%d: %s", self->display, line, message));
  else
    stop (self, g_error_new (GT_EXCHANGE_ERROR, code, "%s: %s", self->display, message));
}

/* libxml2's unstructured messages ("encoding error : …") would go to stderr; the problem
 * reaches the user through the reader's error instead. */
static void
quiet (void *data, const char *format, ...)
{
}

/* ---- records ---- */

/* @value of @attribute of @element is not of the form @pattern's type has (a facet
 * gt-exchange-xsd.c checks in place of libxml2). */
static gboolean
refuse_pattern (GtExchangeReader *self, int line, const char *element, const char *attribute,
                const char *value, const GtExchangeXsdPattern *pattern)
{
  g_autofree char *what = gt_exchange_describe_pattern (element, attribute, value, pattern);

  return gt_exchange_reader_fail_at (self, line, GT_EXCHANGE_ERROR_INVALID, "%s", what);
}

/* @value of a record's rev is no revision (the XSD's g:rev). */
static gboolean
refuse_rev (GtExchangeReader *self, int line, GtExchangeType type, const char *value)
{
  g_autofree char *what = gt_exchange_describe_rev (type, value);

  return gt_exchange_reader_fail_at (self, line, GT_EXCHANGE_ERROR_INVALID, "%s", what);
}

/* Copies the attributes of a record's start tag into the store (names and values, each with
 * its NUL) and checks the patterns the reader checks. */
static gboolean
start_record (GtExchangeReader *self, GtExchangeType type, const xmlChar **attributes, int n)
{
  Queued *q = &self->current;
  const xmlChar **check_names = self->check_names[type];
  int n_checks = self->n_checks[type];

  q->type = type;
  q->line = gt_exchange_reader_line (self);
  q->rev = 0;
  q->uuid = q->mtime = q->parent = -1;
  q->start = self->store->len;
  if (n > GT_EXCHANGE_MAX_ATTRS)
    return gt_exchange_reader_fail_at (self, q->line, GT_EXCHANGE_ERROR_INVALID,
                                       _("a record with more than %d attributes"),
                                       GT_EXCHANGE_MAX_ATTRS);
  for (int i = 0; i < n; i++)
    {
      const xmlChar *name = attributes[5 * i];
      const char *value = (const char *) attributes[5 * i + 3];
      gsize len = attributes[5 * i + 4] - attributes[5 * i + 3], name_len, at;
      char *copy;

      if (len > GT_EXCHANGE_MAX_TEXT)
        return gt_exchange_reader_fail_at (self, q->line, GT_EXCHANGE_ERROR_FORBIDDEN,
                                           _("attribute “%s” is longer than %d bytes"),
                                           (const char *) name, GT_EXCHANGE_MAX_TEXT);
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
    return gt_exchange_reader_fail_at (self, q->line, GT_EXCHANGE_ERROR_INVALID,
                                       _("a %s without uuid, rev or mtime"),
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
        return gt_exchange_reader_fail_at (self, record->line, GT_EXCHANGE_ERROR_INVALID,
                                           _("member %s: ID number %s: %s"), record->uuid, id,
                                           gt_idcard_status_message (status));
    }
  problem = gt_exchange_refs_add (self->refs, record, record->line);
  return problem == NULL ||
         gt_exchange_reader_fail_at (self, record->line, GT_EXCHANGE_ERROR_INVALID, "%s",
                                     problem);
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
      gt_exchange_reader_fail_at (self, q->line, GT_EXCHANGE_ERROR_INVALID,
                                  _("more %s than the %u the header announces"),
                                  gt_exchange_type_label (q->type), self->claimed[q->type]);
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
    gt_exchange_reader_fail_at (self, line, GT_EXCHANGE_ERROR_INVALID, "%s", problem);
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
      gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_FORBIDDEN,
                                  _("elements nested deeper than %d levels"),
                                  GT_EXCHANGE_MAX_DEPTH);
      return;
    }
  if (depth == 0)
    gt_exchange_reader_start_root (self, name, (const char *) uri, attributes, nb_attributes);
  else if (!self->header_read)
    {
      if (depth == 1 && strcmp (name, "header") != 0)
        gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
                                    _("the package has no complete header"));
      else
        gt_exchange_reader_start_header (self, depth, name, attributes, nb_attributes);
    }
  else if (self->in_record)
    gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
                                _("unexpected element inside a %s"),
                                gt_exchange_type_label_singular (self->current.type));
  else if (depth == 1)
    {
      self->body = gt_exchange_type_from_plural (name);
      if (self->body < 0)
        gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
                                    _("unknown section “%s”"), name);
    }
  else if (depth == 2 && self->body >= 0)
    {
      if (strcmp (name, gt_exchange_type_name (self->body)) != 0)
        gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
                                    _("“%s” inside “%s”"), name,
                                    gt_exchange_type_plural (self->body));
      else
        start_record (self, self->body, attributes, nb_attributes);
    }
  else
    gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
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
        gt_exchange_reader_end_header (self);
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
        gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self),
                                    GT_EXCHANGE_ERROR_FORBIDDEN, _("a text longer than %d bytes"),
                                    GT_EXCHANGE_MAX_TEXT);
      else
        g_string_append_len (self->text, (const char *) text, len);
    }
  else if ((self->run += len) > GT_EXCHANGE_MAX_TEXT)
    gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_FORBIDDEN,
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
      gt_exchange_reader_fail_at (self, gt_exchange_reader_line (self), GT_EXCHANGE_ERROR_INVALID,
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
  self->feeding_last = last;
  rc = xmlParseChunk (self->ctxt, self->data + self->fed, (int) n, last);
  self->fed += n;
  self->ended = last;
  if (self->error == NULL && (rc != 0 || !self->ctxt->wellFormed))
    {
      /* The parser's own error, should it not have reached on_error */
      const xmlError *err = xmlCtxtGetLastError (self->ctxt);
      g_autofree char *why = describe_error (self, err, last);
      int line = err != NULL && err->line > 0 ? err->line : gt_exchange_reader_line (self);

      gt_exchange_reader_fail_at (self, line, GT_EXCHANGE_ERROR_MALFORMED, "%s", why);
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
