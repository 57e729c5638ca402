/* gt-exchange-reader.c — the second pass: a streaming, validating, bounded parse
 *
 * xmlTextReader over the (already verified) bytes with XML_PARSE_NONET and nothing that
 * loads or substitutes entities; any DOCTYPE or entity is refused; depth, text and
 * attribute sizes are bounded; the XSD (compiled into the program) validates as the reader
 * goes, and errors carry the file's line. Records are handed out one by one with their
 * attributes in a buffer reused from record to record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "gt-exchange-private.h"
#include "gt-idcard.h"
#include "gt-exchange-resources.h"

struct _GtExchangeReader
{
  char *display;
  xmlTextReaderPtr reader;
  xmlSchemaValidCtxtPtr vctxt;
  char *xml_error;     /* first error reported by libxml2, with its line */
  int xml_error_code;  /* GT_EXCHANGE_ERROR_MALFORMED or _INVALID */
  GString *attrs;      /* name\0value\0… of the current record */
  GString *text;
  guint claimed[GT_EXCHANGE_N_TYPES];
  guint seen[GT_EXCHANGE_N_TYPES];
  int body;            /* the body being read, -1 outside */
  gsize length;        /* of the package */
  GtExchangeRefs *refs; /* the records read so far, for the references after them */
  gboolean header_read;
  /* Per record type, the attributes whose pattern is checked here (gt-exchange-xsd.c): names
   * interned in the reader's dictionary, as the attributes' names are. */
  const char **check_names[GT_EXCHANGE_N_TYPES];
  const GtExchangeXsdPattern **check_patterns[GT_EXCHANGE_N_TYPES];
  int n_checks[GT_EXCHANGE_N_TYPES];
  /* The same for the names every record has, and each type's parent attribute (or NULL) */
  const char *name_uuid, *name_rev, *name_mtime;
  const char *parent_names[GT_EXCHANGE_N_TYPES];
};

static void
on_error (void *data, xmlErrorPtr err)
{
  GtExchangeReader *self = data;
  g_autofree char *message = NULL;

  if (self->xml_error != NULL || err == NULL || err->level < XML_ERR_ERROR)
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
  if (err->line > 0)
    self->xml_error = g_strdup_printf ("%s:%d: %s", self->display, err->line, message);
  else
    self->xml_error = g_strdup_printf ("%s: %s", self->display, message);
  self->xml_error_code = err->domain == XML_FROM_SCHEMASV ? GT_EXCHANGE_ERROR_INVALID
                                                          : GT_EXCHANGE_ERROR_MALFORMED;
}

/* A package's text and tags are short (a text at most GT_EXCHANGE_MAX_TEXT bytes, a tag at
 * most GT_EXCHANGE_MAX_ATTRS such attributes), so two '<' never lie further apart than this.
 * Checked on the bytes before libxml2 sees them: libxml2 would first gather a long text
 * (up to its own 10 MB) in small reallocations, which costs time before it is refused. */
#define MAX_GAP (4 * GT_EXCHANGE_MAX_TEXT)

static int
line_at (const char *data, const char *p)
{
  int line = 1;

  for (const char *q = data; q < p; q++)
    line += *q == '\n';
  return line;
}

/* The same scan finds any "<!": a DOCTYPE, an entity declaration, a comment or CDATA. */
static gboolean
check_gaps (const char *display, const char *data, gsize length, GError **error)
{
  const char *end = data + length, *p = data;

  while (p < end)
    {
      const char *next = memchr (p, '<', (gsize) (end - p));
      gsize gap = (gsize) ((next != NULL ? next : end) - p);

      if (gap > MAX_GAP)
        {
          g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN,
                       _("%s:%d: a text or a tag longer than %d bytes, which a package never "
                         "has; it was refused unread"), display, line_at (data, p), MAX_GAP);
          return FALSE;
        }
      if (next == NULL)
        break;
      p = next + 1;
      if (p < end && *p == '!')
        {
          g_autofree char *where = g_strdup_printf ("%s:%d", display, line_at (data, p));
          g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN,
                       _("%s: holds a DOCTYPE, an entity declaration, a comment or CDATA, which "
                         "a package never has; it was refused unread"), where);
          return FALSE;
        }
    }
  return TRUE;
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
  if (!check_gaps (display, data, length, error))
    return NULL;
  self = g_new0 (GtExchangeReader, 1);
  self->display = g_strdup (display);
  self->attrs = g_string_sized_new (1024);
  self->text = g_string_sized_new (256);
  self->body = -1;
  self->length = length;
  /* No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: ever. */
  self->reader = xmlReaderForMemory (data, (int) length, display, "UTF-8",
                                     XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (self->reader == NULL)
    {
      gt_exchange_reader_free (self);
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("%s: cannot start the XML reader"), display);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, on_error, self);
  self->vctxt = xmlSchemaNewValidCtxt (gt_exchange_xsd_get ()->schema);
  xmlSchemaSetValidStructuredErrors (self->vctxt, on_error, self);
  if (xmlTextReaderSchemaValidateCtxt (self->reader, self->vctxt, 0) != 0)
    {
      gt_exchange_reader_free (self);
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("%s: cannot start the schema validation"), display);
      return NULL;
    }
  self->name_uuid = (const char *) xmlTextReaderConstString (self->reader, BAD_CAST "uuid");
  self->name_rev = (const char *) xmlTextReaderConstString (self->reader, BAD_CAST "rev");
  self->name_mtime = (const char *) xmlTextReaderConstString (self->reader, BAD_CAST "mtime");
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      const char *parent = gt_exchange_type_parent_attr (t);
      GPtrArray *checks = gt_exchange_xsd_checks (gt_exchange_xsd_get (),
                                                  gt_exchange_type_name (t));
      int n = checks != NULL ? (int) checks->len : 0;

      if (parent != NULL)
        self->parent_names[t] = (const char *) xmlTextReaderConstString (self->reader,
                                                                         BAD_CAST parent);
      self->n_checks[t] = n;
      self->check_names[t] = g_new0 (const char *, n + 1);
      self->check_patterns[t] = g_new0 (const GtExchangeXsdPattern *, n + 1);
      for (int i = 0; i < n; i++)
        {
          GtExchangeXsdCheck *check = g_ptr_array_index (checks, i);
          self->check_names[t][i] = (const char *) xmlTextReaderConstString (
            self->reader, BAD_CAST check->attribute);
          self->check_patterns[t][i] = check->pattern;
        }
    }
  return self;
}

gsize
gt_exchange_reader_get_offset (GtExchangeReader *self)
{
  long n = xmlTextReaderByteConsumed (self->reader);
  return n > 0 ? (gsize) n : 0;
}

void
gt_exchange_reader_free (GtExchangeReader *self)
{
  if (self == NULL)
    return;
  if (self->reader != NULL)
    xmlFreeTextReader (self->reader);
  if (self->vctxt != NULL)
    xmlSchemaFreeValidCtxt (self->vctxt);
  g_free (self->display);
  g_free (self->xml_error);
  g_string_free (self->attrs, TRUE);
  g_string_free (self->text, TRUE);
  gt_exchange_refs_free (self->refs);
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      g_free (self->check_names[t]);
      g_free (self->check_patterns[t]);
    }
  g_free (self);
}

static gboolean
fail (GtExchangeReader *self, GError **error, int code, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

/* The line of the node the reader is on; the parser's own line runs ahead of it by what it
 * has read into its buffer (a whole small package). A node keeps its line in 16 bits: from
 * line 65 535 on, the parser's line (a chunk ahead, at most) is the better one. */
static int
node_line (GtExchangeReader *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);

  /* On an attribute (an xmlAttr, which has no line): its element's */
  if (node != NULL && node->type == XML_ATTRIBUTE_NODE)
    node = node->parent;
  if (node != NULL && node->line > 0 && node->line < 65535)
    return node->line;
  return xmlTextReaderGetParserLineNumber (self->reader);
}

static gboolean
fail (GtExchangeReader *self, GError **error, int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  int line = node_line (self);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GT_EXCHANGE_ERROR, code, "%s:%d: %s", self->display, line, message);
  return FALSE;
}

/* libxml2's unstructured messages ("encoding error : …") would go to stderr; the problem
 * reaches the user through the reader's error instead. */
static void
quiet (void *data, const char *format, ...)
{
}

/* Reads one node; FALSE with @error on a problem, FALSE without one at the end. */
static gboolean
advance (GtExchangeReader *self, gboolean *end, GError **error)
{
  static _Thread_local gboolean quieted; /* the records are read on a thread of their own */
  int rc, type;

  if (!quieted)
    {
      xmlSetGenericErrorFunc (NULL, quiet);
      quieted = TRUE;
    }
  rc = xmlTextReaderRead (self->reader);

  *end = FALSE;
  if (rc == 1)
    {
      type = xmlTextReaderNodeType (self->reader);
      /* check_gaps refuses every "<!" before this; kept in case that scan ever changes */
      if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
          type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_NOTATION)
        return fail (self, error, GT_EXCHANGE_ERROR_FORBIDDEN,
                     _("a package never has a DOCTYPE or entities; this one does, so it was "
                       "refused unread"));
      if (xmlTextReaderDepth (self->reader) > GT_EXCHANGE_MAX_DEPTH)
        return fail (self, error, GT_EXCHANGE_ERROR_FORBIDDEN,
                     _("elements nested deeper than %d levels"), GT_EXCHANGE_MAX_DEPTH);
      /* The root's namespace and version are checked before schema errors: a newer format
       * is "please update", not "invalid". */
      if (!self->header_read && type == XML_READER_TYPE_ELEMENT &&
          xmlTextReaderDepth (self->reader) == 0)
        return TRUE;
    }
  if (self->xml_error != NULL)
    {
      g_set_error_literal (error, GT_EXCHANGE_ERROR, self->xml_error_code, self->xml_error);
      return FALSE;
    }
  if (rc < 0)
    {
      /* The reader does not always pass the parser's own error to on_error: this thread's
       * last error has it, with its line. */
      const xmlError *last = xmlGetLastError ();
      int line = last != NULL && last->line > 0 ? last->line
                                                : xmlTextReaderGetParserLineNumber (self->reader);
      g_autofree char *why = last != NULL && last->message != NULL
                               ? g_strstrip (g_strdup (last->message)) : NULL;

      if (why != NULL)
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_MALFORMED,
                     _("%s:%d: not well-formed XML: %s"), self->display, line, why);
      else
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_MALFORMED,
                     _("%s:%d: not well-formed XML"), self->display, line);
      return FALSE;
    }
  if (rc == 0)
    {
      *end = TRUE;
      return FALSE;
    }
  return TRUE;
}

static const char *
attr (GtExchangeReader *self, const char *name)
{
  return (const char *) xmlTextReaderGetAttribute (self->reader, BAD_CAST name);
}

/* xmlTextReaderGetAttribute returns a copy; this wraps it for g_autofree. */
#define ATTR(self, name) ((char *) attr ((self), (name)))

/* @value of @attribute of @element is not of the form @pattern's type has (a facet
 * gt-exchange-xsd.c checks in place of libxml2). */
static gboolean
refuse_pattern (GtExchangeReader *self, const char *element, const char *attribute,
                const char *value, const GtExchangeXsdPattern *pattern, GError **error)
{
  g_autofree char *shown = g_utf8_strlen (value, -1) > 64 ? g_utf8_substring (value, 0, 64)
                                                           : g_strdup (value);
  /* TRANSLATORS: element and attribute names, the value, the XSD's pattern and type name */
  g_autofree char *what = g_strdup_printf (_("element “%s”, attribute “%s”: “%s” does not match "
                                             "the pattern %s of type %s"),
                                           element, attribute, shown, pattern->pattern,
                                           pattern->type);

  return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
               _("does not follow the data exchange format (schema): %s"), what);
}

/* The header's elements are few: their attributes are looked up by name. */
static gboolean
check_header_patterns (GtExchangeReader *self, const char *element, GError **error)
{
  GPtrArray *checks = gt_exchange_xsd_checks (gt_exchange_xsd_get (), element);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      GtExchangeXsdCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *value = ATTR (self, check->attribute);

      if (value != NULL && !check->pattern->check (value))
        return refuse_pattern (self, element, check->attribute, value, check->pattern, error);
    }
  return TRUE;
}

static gboolean
read_counts (GtExchangeReader *self, GError **error)
{
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      g_autofree char *value = ATTR (self, gt_exchange_type_plural (t));
      guint64 n = 0;

      if (value == NULL)
        continue;
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL))
        return fail (self, error, GT_EXCHANGE_ERROR_INVALID, _("counts: %s=“%s” is not a count"),
                     gt_exchange_type_plural (t), value);
      self->claimed[t] = (guint) n;
    }
  return TRUE;
}

gboolean
gt_exchange_reader_read_header (GtExchangeReader *self, GtExchangeResult *result,
                                GError **error)
{
  gboolean end = FALSE, root_seen = FALSE;

  while (advance (self, &end, error))
    {
      int type = xmlTextReaderNodeType (self->reader);
      int depth = xmlTextReaderDepth (self->reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);

      if (type == XML_READER_TYPE_END_ELEMENT && depth == 1 && strcmp (name, "header") == 0)
        {
          guint sizes[GT_EXCHANGE_N_TYPES];

          self->header_read = TRUE;
          memcpy (result->claimed, self->claimed, sizeof self->claimed);
          /* A record takes more than 64 bytes of the package, whatever the header claims. */
          for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
            sizes[t] = MIN (self->claimed[t], self->length / 64);
          self->refs = gt_exchange_refs_new (sizes);
          return TRUE;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (depth > 0 && depth <= 2 && !check_header_patterns (self, name, error))
        return FALSE;
      if (depth == 0)
        {
          const char *ns = (const char *) xmlTextReaderConstNamespaceUri (self->reader);
          g_autofree char *version = ATTR (self, "version");

          root_seen = TRUE;
          if (ns != NULL && g_str_has_prefix (ns, "urn:guatu:exchange:") &&
              strcmp (ns, GT_EXCHANGE_NAMESPACE) != 0)
            return fail (self, error, GT_EXCHANGE_ERROR_VERSION,
                         _("package format “%s” is newer than this version of Guatu understands "
                           "(%s); please update Guatu"), ns, GT_EXCHANGE_NAMESPACE);
          if (strcmp (name, "package") != 0 || g_strcmp0 (ns, GT_EXCHANGE_NAMESPACE) != 0)
            return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
                         _("not a Guatu exchange package (root element “%s”, namespace “%s”)"),
                         name, ns != NULL ? ns : "");
          if (g_strcmp0 (version, "1") != 0)
            return fail (self, error, GT_EXCHANGE_ERROR_VERSION,
                         _("package format version “%s” is not understood by this version of "
                           "Guatu (it reads version %d); please update Guatu"),
                         version != NULL ? version : "", GT_EXCHANGE_VERSION);
          result->version = GT_EXCHANGE_VERSION;
          if (self->xml_error != NULL)
            {
              g_set_error_literal (error, GT_EXCHANGE_ERROR, self->xml_error_code,
                                   self->xml_error);
              return FALSE;
            }
        }
      else if (depth == 1 && strcmp (name, "header") == 0)
        {
          g_autofree char *kind = ATTR (self, "kind"), *masked = ATTR (self, "masked");

          result->package_uuid = ATTR (self, "uuid");
          result->period = ATTR (self, "period");
          result->created = ATTR (self, "created");
          result->generator = ATTR (self, "generator");
          result->masked = g_strcmp0 (masked, "1") == 0;
          if (result->period == NULL)
            result->period = g_strdup ("");
          if (!gt_exchange_kind_from_string (kind, &result->kind))
            return fail (self, error, GT_EXCHANGE_ERROR_INVALID, _("header: unknown kind “%s”"),
                         kind != NULL ? kind : "");
        }
      else if (depth == 2 && strcmp (name, "sender") == 0)
        {
          result->sender_code = ATTR (self, "code");
          result->sender_name = ATTR (self, "name");
        }
      else if (depth == 2 && strcmp (name, "receiver") == 0)
        {
          result->receiver_code = ATTR (self, "code");
          result->receiver_name = ATTR (self, "name");
        }
      else if (depth == 2 && strcmp (name, "counts") == 0)
        {
          if (!read_counts (self, error))
            return FALSE;
        }
      else if (depth == 1)
        break;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
               root_seen ? _("the package has no complete header")
                         : _("the file holds no XML element"));
}

static gboolean
collect_attributes (GtExchangeReader *self, GtExchangeRecord *record, GError **error)
{
  const char **check_names = self->check_names[record->type];
  int n_checks = self->n_checks[record->type];
  gsize offsets[GT_EXCHANGE_MAX_ATTRS * 2];
  const char *interned[GT_EXCHANGE_MAX_ATTRS];
  gsize name_len, at;
  int n = 0;

  g_string_truncate (self->attrs, 0);
  if (xmlTextReaderMoveToFirstAttribute (self->reader) == 1)
    do
      {
        const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);
        const char *value = (const char *) xmlTextReaderConstValue (self->reader);
        gsize len = strlen (value);

        if (n == GT_EXCHANGE_MAX_ATTRS)
          return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
                       _("a record with more than %d attributes"), GT_EXCHANGE_MAX_ATTRS);
        if (len > GT_EXCHANGE_MAX_TEXT)
          return fail (self, error, GT_EXCHANGE_ERROR_FORBIDDEN,
                       _("attribute “%s” is longer than %d bytes"), name, GT_EXCHANGE_MAX_TEXT);
        for (int k = 0; k < n_checks; k++)
          if (name == check_names[k])
            {
              const GtExchangeXsdPattern *pattern = self->check_patterns[record->type][k];
              if (!pattern->check (value))
                return refuse_pattern (self, gt_exchange_type_name (record->type), name, value,
                                       pattern, error);
              break;
            }
        interned[n] = name;
        name_len = strlen (name) + 1;
        at = self->attrs->len;
        g_string_set_size (self->attrs, at + name_len + len + 1);
        offsets[2 * n] = at;
        memcpy (self->attrs->str + at, name, name_len);
        offsets[2 * n + 1] = at + name_len;
        memcpy (self->attrs->str + at + name_len, value, len + 1);
        n++;
      }
    while (xmlTextReaderMoveToNextAttribute (self->reader) == 1);
  xmlTextReaderMoveToElement (self->reader);

  record->n_attrs = n;
  record->strings = self->attrs->str;
  record->strings_len = self->attrs->len;
  record->uuid = record->mtime = record->parent = record->json = NULL;
  record->json_len = 0;
  record->rev = 0;
  for (int i = 0; i < n; i++)
    {
      const char *value = self->attrs->str + offsets[2 * i + 1];

      record->names[i] = self->attrs->str + offsets[2 * i];
      record->values[i] = value;
      if (interned[i] == self->name_uuid)
        record->uuid = value;
      else if (interned[i] == self->name_rev)
        record->rev = g_ascii_strtoll (value, NULL, 10);
      else if (interned[i] == self->name_mtime)
        record->mtime = value;
      else if (interned[i] == self->parent_names[record->type])
        record->parent = value;
    }
  if (record->uuid == NULL || record->mtime == NULL || record->rev < 1)
    return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
                 _("a %s without uuid, rev or mtime"),
                 gt_exchange_type_label_singular (record->type));
  return TRUE;
}

static gboolean
count_record (GtExchangeReader *self, GtExchangeType type, GError **error)
{
  if (++self->seen[type] > self->claimed[type])
    return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
                 _("more %s than the %u the header announces"), gt_exchange_type_label (type),
                 self->claimed[type]);
  return TRUE;
}

/* What the schema cannot say: an ID number in clear has the right check character (a masked
 * one, "330822********1234", cannot be checked). */
static gboolean
check_record (GtExchangeReader *self, const GtExchangeRecord *record, GError **error)
{
  const char *id = record->type == GT_EXCHANGE_MEMBER
                     ? gt_exchange_record_get (record, "id-number") : NULL;
  GtIdcardStatus status;

  if (id == NULL || strchr (id, '*') != NULL)
    return TRUE;
  status = gt_idcard_validate (id, NULL, NULL, NULL);
  if (status == GT_IDCARD_OK)
    return TRUE;
  return fail (self, error, GT_EXCHANGE_ERROR_INVALID, _("member %s: ID number %s: %s"),
               record->uuid, id, gt_idcard_status_message (status));
}

/* What the schema cannot say either: the organisation, member, household or project a record
 * names is in the package (gt-exchange-refs.c). */
static gboolean
check_refs (GtExchangeReader *self, const GtExchangeRecord *record, GError **error)
{
  g_autofree char *problem = gt_exchange_refs_add (self->refs, record, record->line);

  return problem == NULL || fail (self, error, GT_EXCHANGE_ERROR_INVALID, "%s", problem);
}

static gboolean
check_parents (GtExchangeReader *self, GError **error)
{
  int line = 0;
  g_autofree char *problem = gt_exchange_refs_finish_organizations (self->refs, &line);

  if (problem == NULL)
    return TRUE;
  g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, "%s:%d: %s", self->display,
               line, problem);
  return FALSE;
}

gboolean
gt_exchange_reader_next (GtExchangeReader *self, GtExchangeRecord *record, GError **error)
{
  gboolean end = FALSE, pending = FALSE;

  g_return_val_if_fail (self->header_read, FALSE);
  while (advance (self, &end, error))
    {
      int type = xmlTextReaderNodeType (self->reader);
      int depth = xmlTextReaderDepth (self->reader);

      if (pending)
        {
          if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
              type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
            {
              const char *value = (const char *) xmlTextReaderConstValue (self->reader);
              gsize len = value != NULL ? strlen (value) : 0;

              if (self->text->len + len > GT_EXCHANGE_MAX_TEXT)
                return fail (self, error, GT_EXCHANGE_ERROR_FORBIDDEN,
                             _("a text longer than %d bytes"), GT_EXCHANGE_MAX_TEXT);
              g_string_append_len (self->text, value, len);
            }
          else if (type == XML_READER_TYPE_END_ELEMENT && depth == 2)
            {
              record->text = self->text->str;
              return count_record (self, record->type, error);
            }
          else if (type == XML_READER_TYPE_ELEMENT)
            return fail (self, error, GT_EXCHANGE_ERROR_INVALID,
                         _("unexpected element inside a %s"),
                         gt_exchange_type_label_singular (record->type));
          continue;
        }
      if (type == XML_READER_TYPE_TEXT)
        {
          const char *value = (const char *) xmlTextReaderConstValue (self->reader);
          if (value != NULL && strlen (value) > GT_EXCHANGE_MAX_TEXT)
            return fail (self, error, GT_EXCHANGE_ERROR_FORBIDDEN,
                         _("a text longer than %d bytes"), GT_EXCHANGE_MAX_TEXT);
          continue;
        }
      if (type == XML_READER_TYPE_END_ELEMENT && depth == 1)
        {
          if (self->body == GT_EXCHANGE_ORGANIZATION && !check_parents (self, error))
            return FALSE;
          self->body = -1;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (depth == 1)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);
          self->body = gt_exchange_type_from_plural (name);
          if (self->body < 0)
            return fail (self, error, GT_EXCHANGE_ERROR_INVALID, _("unknown section “%s”"), name);
          continue;
        }
      if (depth == 2 && self->body >= 0)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (self->reader);

          if (strcmp (name, gt_exchange_type_name (self->body)) != 0)
            return fail (self, error, GT_EXCHANGE_ERROR_INVALID, _("“%s” inside “%s”"), name,
                         gt_exchange_type_plural (self->body));
          record->type = self->body;
          record->line = node_line (self);
          g_string_truncate (self->text, 0);
          record->text = self->text->str;
          if (!collect_attributes (self, record, error) || !check_record (self, record, error) ||
              !check_refs (self, record, error))
            return FALSE;
          if (xmlTextReaderIsEmptyElement (self->reader))
            return count_record (self, record->type, error);
          pending = TRUE;
          continue;
        }
      return fail (self, error, GT_EXCHANGE_ERROR_INVALID, _("unexpected element “%s”"),
                   (const char *) xmlTextReaderConstLocalName (self->reader));
    }
  if (!end)
    return FALSE;
  if (xmlTextReaderIsValid (self->reader) != 1)
    {
      if (self->xml_error != NULL)
        g_set_error_literal (error, GT_EXCHANGE_ERROR, self->xml_error_code, self->xml_error);
      else
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                     _("%s: not valid against the exchange schema"), self->display);
      return FALSE;
    }
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (self->seen[t] != self->claimed[t])
      {
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                     _("%s: the header announces %u %s but the package holds %u"),
                     self->display, self->claimed[t], gt_exchange_type_label (t),
                     self->seen[t]);
        return FALSE;
      }
  return FALSE;
}

const char *
gt_exchange_record_get (const GtExchangeRecord *record, const char *name)
{
  for (int i = 0; i < record->n_attrs; i++)
    if (strcmp (record->names[i], name) == 0)
      return record->values[i];
  return NULL;
}

void
gt_exchange_json_string (GString *out, const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else
        {
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 15]);
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
gt_exchange_record_to_json (const GtExchangeRecord *record, GString *out)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (int i = 0; i < record->n_attrs; i++)
    {
      const char *value = record->values[i];
      if (value == record->uuid || value == record->mtime || value == record->parent ||
          strcmp (record->names[i], "rev") == 0)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      gt_exchange_json_string (out, record->names[i]);
      g_string_append_c (out, ':');
      gt_exchange_json_string (out, value);
    }
  if (record->text != NULL && *record->text != '\0')
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, "\"text\":");
      gt_exchange_json_string (out, record->text);
    }
  g_string_append_c (out, '}');
}
