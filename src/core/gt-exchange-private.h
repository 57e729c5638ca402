/* gt-exchange-private.h — shared between the exchange writer, verifier, reader and importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlschemas.h>

#include "gt-exchange.h"

G_BEGIN_DECLS

/* The signature line: <?guatu-signature alg="…" key="…" value="…"?> */
#define GT_EXCHANGE_SIGNATURE_PI "guatu-signature"
/* A signature line is never longer than this. */
#define GT_EXCHANGE_MAX_SIGNATURE_LINE 512

/* Per record type: its parent attribute (stored as parent_uuid), NULL for none. */
const char *gt_exchange_type_parent_attr (GtExchangeType type);
/* The type whose element name or plural is @name, or -1. */
int gt_exchange_type_from_name (const char *name);
int gt_exchange_type_from_plural (const char *name);

GtExchangeResult *gt_exchange_result_new (const char *path);
/* Takes @local and @incoming; keeps the first GT_EXCHANGE_MAX_CONFLICTS, counts all. */
void gt_exchange_result_add_conflict (GtExchangeResult *result, GtExchangeType type,
                                      const char *uuid, char *local, char *incoming);

/* ---- masking (gt-exchange-mask.c) ---- */

/* Writes @value to @out (as long as @value plus its NUL) with all but the first @keep_head
 * and last @keep_tail bytes replaced by '*'; all of it when it is not longer than both. */
void gt_exchange_mask_into (char *out, const char *value, gsize keep_head, gsize keep_tail);
/* A copy of the flat JSON object @json in which each masked "id-number" and "phone" value
 * that hides the same field's value in @clear_json is replaced by that value; NULL when
 * nothing was replaced. */
char *gt_exchange_unmask_json (const char *json, const char *clear_json);

/* ---- verify (gt-exchange-verify.c) ---- */

typedef struct
{
  char *alg;
  char *fingerprint;
  char *file_sha256;     /* hex SHA-256 of the whole file */
  gsize signed_length;   /* bytes before the signature line */
  gsize length;          /* bytes of the whole file */
  char *org_code;        /* of the trusted key */
  char *org_name;
} GtExchangeSignature;

void gt_exchange_signature_free (GtExchangeSignature *sig);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtExchangeSignature, gt_exchange_signature_free)

/* Checks the signature of @data (the file's bytes, @display names it in messages) against
 * the trust list of @storage, before any XML parsing. */
GtExchangeSignature *gt_exchange_check_signature (GtStorage *storage, const char *display,
                                                  const guint8 *data, gsize length,
                                                  GError **error);
/* The same with one given public key (PEM) instead of the trust list (the read-back check
 * after export). */
GtExchangeSignature *gt_exchange_check_signature_with (const char *public_pem,
                                                       const char *display, const guint8 *data,
                                                       gsize length, GError **error);
/* The same for the file at @path, read in chunks (the export's read-back check). */
GtExchangeSignature *gt_exchange_check_file_with (const char *public_pem, const char *path,
                                                  GError **error);
/* Reads @path into memory (refusing files over the size limit); the bytes are followed by a
 * NUL (not counted). */
GBytes *gt_exchange_load_file (GtStorage *storage, const char *path, GError **error);

/* Before the XML parser sees a byte of @data: no "<!" (a DOCTYPE, an entity declaration, a
 * comment or CDATA, which a package never has) and no overlong text or tag; the refusal
 * names the line. */
gboolean gt_exchange_check_bytes (const char *display, const char *data, gsize length,
                                  GError **error);

/* ---- the schema as the reader validates with it (gt-exchange-xsd.c) ---- */

/* A string type of the XSD whose pattern facet the reader checks in C. */
typedef struct
{
  const char *type;     /* its name in the XSD */
  const char *base;     /* the built-in type it restricts: "xs:string" or "xs:date" */
  const char *pattern;  /* the facet, exactly as the XSD writes it */
  gboolean (*check) (const char *value);
} GtExchangeXsdPattern;

typedef struct
{
  char *attribute;
  const GtExchangeXsdPattern *pattern;
} GtExchangeXsdCheck;

typedef struct
{
  xmlSchemaPtr schema;
  GHashTable *elements; /* element name → GPtrArray of GtExchangeXsdCheck */
  int n_taken_over;     /* pattern facets left out of the schema */
} GtExchangeXsd;

/* The functions, ending with an entry of NULLs. */
const GtExchangeXsdPattern *gt_exchange_xsd_patterns (void);
/* The XSD built into the program. */
GBytes *gt_exchange_xsd_text (void);
/* The schema compiled from the XSD @text (NULL: the built-in one), with the facets of
 * gt_exchange_xsd_patterns() taken out where that is safe when @take_over (the reader's, see
 * gt_exchange_xsd_get), or whole; NULL if it does not compile. */
GtExchangeXsd *gt_exchange_xsd_new (GBytes *text, gboolean take_over);
void gt_exchange_xsd_free (GtExchangeXsd *xsd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtExchangeXsd, gt_exchange_xsd_free)
/* The reader's, compiled once. */
GtExchangeXsd *gt_exchange_xsd_get (void);
/* The checks the attributes of an element named @element need, or NULL. */
GPtrArray *gt_exchange_xsd_checks (GtExchangeXsd *xsd, const char *element);
/* Whether @data is well-formed and valid against @xsd's schema alone (for the tests). */
gboolean gt_exchange_xsd_valid (GtExchangeXsd *xsd, const char *data, gsize length);

/* ---- reader (gt-exchange-reader.c) ---- */

typedef struct _GtExchangeReader GtExchangeReader;

#define GT_EXCHANGE_MAX_ATTRS 32
/* A record's largest revision, the XSD's g:rev (maxInclusive): a revision goes up by one per
 * change, and one near G_MAXINT64 would overflow at the next. */
#define GT_EXCHANGE_MAX_REV G_MAXINT32

typedef struct
{
  GtExchangeType type;
  const char *uuid;
  gint64 rev;
  const char *mtime;
  const char *parent;      /* the parent attribute, or NULL */
  int n_attrs;             /* every attribute, uuid/rev/mtime/parent included, in order */
  const char *names[GT_EXCHANGE_MAX_ATTRS];
  const char *values[GT_EXCHANGE_MAX_ATTRS];
  const char *text;        /* element text (task body, ack note), "" when none */
  int line;
  const char *json;        /* from the pipe: the record as JSON (registers only), else NULL */
  gsize json_len;
  const char *strings;     /* names and values lie in these bytes, one after the other */
  gsize strings_len;
} GtExchangeRecord;

/* A reader over @data (not copied; must outlive the reader). @display names the file in
 * messages. */
GtExchangeReader *gt_exchange_reader_new (const char *display, const char *data, gsize length,
                                          GError **error);
/* Reads up to the end of the header and fills @result's header fields. */
gboolean gt_exchange_reader_read_header (GtExchangeReader *reader, GtExchangeResult *result,
                                         GError **error);
/* The next record into @record (valid until the next call); FALSE at the end (no error) or
 * on a problem (@error set). At the end the counts are checked against the header. */
gboolean gt_exchange_reader_next (GtExchangeReader *reader, GtExchangeRecord *record,
                                  GError **error);
/* Bytes of the package consumed so far. */
gsize gt_exchange_reader_get_offset (GtExchangeReader *reader);
void gt_exchange_reader_free (GtExchangeReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtExchangeReader, gt_exchange_reader_free)

/* The value of attribute @name of @record, or NULL. */
/* ---- messages (gt-exchange-message.c): the reader's refusals in the user's language ---- */

/* What libxml2's error @err says, as a translated sentence built from its fields (code,
 * element, attribute, value, limit): the common schema and well-formedness errors; for a
 * code not known here, libxml2's own (English) text after a translated lead-in. @at_end: the
 * parser stopped at the end of the bytes, as in a cut-off file. No file or line in front. */
char *gt_exchange_describe_xml_error (const xmlError *err, gboolean at_end);
/* Whether a parser error of @code, met at the end of the bytes, is how a cut-off file ends. */
gboolean gt_exchange_xml_error_may_be_cut (int code);
/* "member record (member)", "header element “counts”", "element “x”" (translated). */
char *gt_exchange_describe_element (const char *element);
/* "field “性别” (gender)": the attribute as the import dialog names it, and its own name. */
char *gt_exchange_describe_field (const char *attribute);
/* The refusal of @value of @attribute of @element, not of the form @pattern's type has. */
char *gt_exchange_describe_pattern (const char *element, const char *attribute,
                                    const char *value, const GtExchangeXsdPattern *pattern);
/* The refusal of @value of a record's rev (the XSD's g:rev). */
char *gt_exchange_describe_rev (GtExchangeType type, const char *value);

/* ---- references (gt-exchange-refs.c): what a record names is in the package ---- */

typedef struct _GtExchangeRefs GtExchangeRefs;

/* @counts: the header's count of each type, to size the key arrays. */
GtExchangeRefs *gt_exchange_refs_new (const guint counts[GT_EXCHANGE_N_TYPES]);
/* Checks the references of @record (read at @line) against the records before it and
 * remembers it: NULL, or what is missing (to be freed). An organisation's parent is checked
 * by gt_exchange_refs_finish_organizations () at the end of its body. */
char *gt_exchange_refs_add (GtExchangeRefs *refs, const GtExchangeRecord *record, int line);
/* NULL, or the first organisation whose parent is not in the package, and its @line. */
char *gt_exchange_refs_finish_organizations (GtExchangeRefs *refs, int *line);
void gt_exchange_refs_free (GtExchangeRefs *refs);

/* ---- pipe (gt-exchange-pipe.c): the reader on a thread of its own ---- */

typedef struct _GtExchangePipe GtExchangePipe;

/* Starts reading the records of @reader (its header already read) on a second thread;
 * @reader must outlive the pipe and is not to be used until the pipe is freed. */
GtExchangePipe *gt_exchange_pipe_new (GtExchangeReader *reader);
/* As gt_exchange_reader_next (), with record->json set for register records (valid until
 * the next call). */
gboolean gt_exchange_pipe_next (GtExchangePipe *pipe, GtExchangeRecord *record, GError **error);
/* Bytes of the package consumed up to the records handed out so far. */
gsize gt_exchange_pipe_get_offset (GtExchangePipe *pipe);
/* Stops the parse where it is and joins its thread. */
void gt_exchange_pipe_free (GtExchangePipe *pipe);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtExchangePipe, gt_exchange_pipe_free)

/* ---- header checks (gt-exchange-admit.c) ---- */

/* Checks @r's header against this office: the sender is @key_code, the owner of the key
 * that signed it; the receiver is this office; the kind is one this office takes; a
 * report's period has begun; no different package with the same id was imported (one
 * already imported sets r->already_imported). */
gboolean gt_exchange_check_header (GtStorage *storage, GtExchangeResult *r,
                                   const char *key_code, GError **error);
/* Adds to @error's message, when a package from the same office created after @result's is
 * already here, that this one is older (the most common cause of conflicts). */
void gt_exchange_say_older (GtStorage *storage, GtExchangeResult *result, GError *error);

/* The first month (YYYY-MM) of @period (YYYY, YYYY-Qn or YYYY-MM, not empty) into @first
 * (gt-exchange-writer.c). */
void gt_exchange_period_first_month (const char *period, char first[8]);

const char *gt_exchange_record_get (const GtExchangeRecord *record, const char *name);
/* The longest value, in characters, that the XSD takes for the attribute @name of @type
 * (its g:name, g:text or g:phone; "#text" is the element's text of a task or an ack); 0 for
 * an attribute whose type is not limited by length. See gt-exchange-record.c. */
glong gt_exchange_attribute_limit (GtExchangeType type, const char *name);
/* Appends the record's fields (all attributes but uuid, rev, mtime and the parent, plus
 * "text" when not empty) as a JSON object. */
void gt_exchange_record_to_json (const GtExchangeRecord *record, GString *out);
/* Appends @text as a JSON string. */
void gt_exchange_json_string (GString *out, const char *text);

G_END_DECLS
