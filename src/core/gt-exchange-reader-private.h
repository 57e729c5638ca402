/* gt-exchange-reader-private.h — the reader's state, shared by its events (gt-exchange-reader.c)
 * and those of the package's root and header (gt-exchange-header.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "gt-exchange-private.h"

G_BEGIN_DECLS

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
  gboolean feeding_last; /* the last chunk is being parsed */
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

/* The line the parser is on. */
int gt_exchange_reader_line (GtExchangeReader *self);
/* Keeps the first problem, "file:line: message" with @code; returns FALSE. */
gboolean gt_exchange_reader_fail_at (GtExchangeReader *self, int line, int code,
                                     const char *format, ...) G_GNUC_PRINTF (4, 5);

/* The events of the root and the header (gt-exchange-header.c). */
void gt_exchange_reader_start_root (GtExchangeReader *self, const char *name, const char *ns,
                                    const xmlChar **attributes, int n);
void gt_exchange_reader_start_header (GtExchangeReader *self, int depth, const char *name,
                                      const xmlChar **attributes, int n);
void gt_exchange_reader_end_header (GtExchangeReader *self);

G_END_DECLS
