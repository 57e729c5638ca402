/* gt-exchange-xsd.c — the exchange schema as the reader validates with it
 *
 * libxml2 (2.9) checks an xs:pattern facet with its general regular-expression engine, about
 * 190 instructions per character whatever the pattern: on a 200 000-member package the nine
 * patterns of guatu-exchange-1.xsd took 45 % of the validating parse, more than all the
 * structure, enumerations, lengths and dates together. So the reader compiles the schema
 * with the pattern facets of the simple types listed below taken out, and checks each value
 * of an attribute of those types itself, with the function written for that very pattern
 * (test-exchange-xsd compares each function with libxml2's regular expression on many
 * thousands of strings, and the exchange fuzz target compares the reader with the whole
 * schema on every input).
 *
 * A type's pattern is taken over only when the XSD's pattern is, character for character,
 * the one its function was written for, the type restricts the built-in type the function
 * expects (whose whitespace processing it repeats), and every use of the type is an
 * attribute of an element this file can name. Anything else (an edited pattern, a new use in a list or an element's
 * content, a construct the walk below does not know) leaves the facet to libxml2: the result
 * is slower, never laxer. The published XSD keeps every pattern, for xmllint and anyone else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "gt-exchange-private.h"
#include "gt-exchange-resources.h"

#define XS "http://www.w3.org/2001/XMLSchema"
#define XSD_RESOURCE "/org/guatu/Guatu/exchange/guatu-exchange-1.xsd"

/* @n lower-case hex digits (the NUL ends a run early: it is none) */
static gboolean
hex_run (const char *p, int n)
{
  static const guint8 hex[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
  };

  for (int i = 0; i < n; i++)
    if (!hex[(guchar) p[i]])
      return FALSE;
  return TRUE;
}

static gboolean
digit_run (const char *p, int n)
{
  for (int i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* Characters that are lower-case ASCII letters (@lower), ASCII letters or digits (@alnum) or
 * in @extra: at least @min and at most @max of them. */
static gboolean
run_of (const char *value, gboolean lower, gboolean alnum, const char *extra, int min, int max)
{
  int n = 0;

  for (const char *p = value; *p != '\0'; p++, n++)
    {
      char c = *p;
      gboolean ok = (lower && c >= 'a' && c <= 'z') ||
                    (alnum && g_ascii_isalnum (c)) || strchr (extra, c) != NULL;
      if (!ok || n == max)
        return FALSE;
    }
  return n >= min;
}

/* Read in order: a shorter string fails at its NUL, before anything past it is read. */
static gboolean
check_uuid (const char *v)
{
  return hex_run (v, 8) && v[8] == '-' && hex_run (v + 9, 4) && v[13] == '-' &&
         hex_run (v + 14, 4) && v[18] == '-' && hex_run (v + 19, 4) && v[23] == '-' &&
         hex_run (v + 24, 12) && v[36] == '\0';
}

static gboolean
check_code (const char *v)
{
  return run_of (v, FALSE, TRUE, "_-", 1, 32);
}

static gboolean
check_word (const char *v)
{
  return run_of (v, TRUE, FALSE, "_", 0, 32);
}

static gboolean
check_id_number (const char *v)
{
  return run_of (v, FALSE, TRUE, "*", 1, 32);
}

/* YYYY-MM-DD: digits only, whatever they say (the xs:date types check the day itself). */
static gboolean
day_form (const char *v)
{
  return digit_run (v, 4) && v[4] == '-' && digit_run (v + 5, 2) && v[7] == '-' &&
         digit_run (v + 8, 2);
}

/* 01 to 12 */
static gboolean
month_number (const char *v)
{
  return (v[0] == '0' && v[1] >= '1' && v[1] <= '9') ||
         (v[0] == '1' && v[1] >= '0' && v[1] <= '2');
}

static gboolean
xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* xs:date collapses whitespace before its pattern applies: spaces around the day pass. */
static gboolean
check_date (const char *v)
{
  const char *end;

  while (xml_space (*v))
    v++;
  if (!day_form (v))
    return FALSE;
  for (end = v + 10; xml_space (*end); end++)
    ;
  return *end == '\0';
}

static gboolean
check_timestamp (const char *v)
{
  gsize len = strlen (v), n = 11;

  if (len < 10 || !day_form (v))
    return FALSE;
  if (len == 10)
    return TRUE;
  if (v[10] != 'T' && v[10] != ' ')
    return FALSE;
  /* [0-9:.]{5,15} as many as there are (the zone that may follow starts otherwise) */
  while (n < len && (g_ascii_isdigit (v[n]) || v[n] == ':' || v[n] == '.'))
    n++;
  if (n - 11 < 5 || n - 11 > 15)
    return FALSE;
  if (n == len)
    return TRUE;
  if (v[n] == 'Z')
    return n + 1 == len;
  if (v[n] != '+' && v[n] != '-')
    return FALSE;
  /* [0-9]{2}:?[0-9]{2} */
  v += n + 1;
  len -= n + 1;
  return (len == 4 && digit_run (v, 4)) ||
         (len == 5 && digit_run (v, 2) && v[2] == ':' && digit_run (v + 3, 2));
}

/* YYYY, then -MM, -Qn or (when @halves) -Hn, or nothing */
static gboolean
period_form (const char *v, gboolean halves)
{
  gsize len = strlen (v);

  if (len < 4 || !digit_run (v, 4))
    return FALSE;
  if (len == 4)
    return TRUE;
  if (len != 7 || v[4] != '-')
    return FALSE;
  if (v[5] == 'Q')
    return v[6] >= '1' && v[6] <= '4';
  if (v[5] == 'H')
    return halves && (v[6] == '1' || v[6] == '2');
  return month_number (v + 5);
}

static gboolean
check_period (const char *v)
{
  return *v == '\0' || period_form (v, FALSE);
}

static gboolean
check_month (const char *v)
{
  return strlen (v) == 7 && digit_run (v, 4) && v[4] == '-' && month_number (v + 5);
}

static gboolean
check_score_period (const char *v)
{
  return period_form (v, TRUE);
}

/* Each function with the pattern it stands for, exactly as the XSD writes it. */
static const GtExchangeXsdPattern patterns[] = {
  { "uuid", "xs:string", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    check_uuid },
  { "code", "xs:string", "[0-9A-Za-z_\\-]{1,32}", check_code },
  { "word", "xs:string", "[a-z_]{0,32}", check_word },
  { "date", "xs:date", "[0-9]{4}-[0-9]{2}-[0-9]{2}", check_date },
  { "timestamp", "xs:string",
    "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]{5,15}(Z|[+\\-][0-9]{2}:?[0-9]{2})?)?",
    check_timestamp },
  { "period", "xs:string", "([0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?)?", check_period },
  { "month", "xs:string", "[0-9]{4}-(0[1-9]|1[0-2])", check_month },
  { "scorePeriod", "xs:string", "[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?",
    check_score_period },
  { "idNumber", "xs:string", "[0-9A-Za-z*]{1,32}", check_id_number },
  { NULL, NULL, NULL, NULL }
};

const GtExchangeXsdPattern *
gt_exchange_xsd_patterns (void)
{
  return patterns;
}

gboolean
gt_exchange_check_code (const char *code, GError **error)
{
  /* The XSD's g:code (sender, receiver, issuer and office codes), checked where a code
   * enters: it also names the packages' files (dispatch-CODE-….xml). */
  if (code != NULL && check_code (code))
    return TRUE;
  g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
               _("office code “%s”: use 1 to 32 letters, digits, “-” or “_” (for example "
                 "330822105)"), code != NULL ? code : "");
  return FALSE;
}

/* ---- the walk over the XSD ---- */

typedef struct
{
  xmlDocPtr doc;
  GHashTable *complex_types; /* name → node */
  GHashTable *groups;        /* attributeGroup name → node */
  GHashTable *candidates;    /* simpleType name → its GtExchangeXsdPattern */
  GHashTable *pattern_nodes; /* simpleType name → its xs:pattern node */
  GHashTable *reached;       /* xs:attribute nodes reached from an element */
  GHashTable *element_types; /* element name → the complexType node it has */
  GHashTable *elements;      /* element name → GPtrArray of GtExchangeXsdCheck */
  gboolean unknown;          /* a construct the walk does not follow: take nothing over */
} Walk;

static gboolean
is_xs (xmlNodePtr node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         strcmp ((const char *) node->ns->href, XS) == 0 &&
         (name == NULL || strcmp ((const char *) node->name, name) == 0);
}

/* The local name of a reference "g:name" into the target namespace; NULL otherwise. */
static char *
local_ref (xmlNodePtr node, const char *attr)
{
  g_autofree char *value = (char *) xmlGetProp (node, BAD_CAST attr);
  const char *colon = value != NULL ? strchr (value, ':') : NULL;
  g_autofree char *prefix = NULL;
  xmlNsPtr ns;

  if (colon == NULL)
    return NULL;
  prefix = g_strndup (value, colon - value);
  ns = xmlSearchNs (node->doc, node, BAD_CAST prefix);
  if (ns == NULL || g_strcmp0 ((const char *) ns->href, GT_EXCHANGE_NAMESPACE) != 0)
    return NULL;
  return g_strdup (colon + 1);
}

static void
check_free (gpointer data)
{
  GtExchangeXsdCheck *check = data;

  xmlFree (check->attribute);
  g_free (check);
}

static void
add_check (Walk *w, const char *element, xmlNodePtr attribute, const GtExchangeXsdPattern *p)
{
  GPtrArray *checks = g_hash_table_lookup (w->elements, element);
  GtExchangeXsdCheck *check = g_new0 (GtExchangeXsdCheck, 1);

  if (checks == NULL)
    {
      checks = g_ptr_array_new_with_free_func (check_free);
      g_hash_table_insert (w->elements, g_strdup (element), checks);
    }
  check->attribute = (char *) xmlGetProp (attribute, BAD_CAST "name");
  check->pattern = p;
  g_ptr_array_add (checks, check);
}

/* The attributes of the complex type (or attribute group) @node for the element @element. */
static void
collect (Walk *w, xmlNodePtr node, const char *element, int depth)
{
  if (depth > 16)
    {
      w->unknown = TRUE;
      return;
    }
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_xs (child, NULL) || is_xs (child, "complexContent") || is_xs (child, "anyAttribute"))
        w->unknown = TRUE;
      else if (is_xs (child, "element"))
        continue; /* an element of its own, walked for itself */
      else if (is_xs (child, "attribute"))
        {
          g_autofree char *type = local_ref (child, "type");
          const GtExchangeXsdPattern *p = type != NULL ? g_hash_table_lookup (w->candidates, type)
                                                       : NULL;
          if (xmlHasProp (child, BAD_CAST "ref"))
            w->unknown = TRUE;
          if (p != NULL && xmlHasProp (child, BAD_CAST "name"))
            {
              g_hash_table_add (w->reached, child);
              add_check (w, element, child, p);
            }
        }
      else if (is_xs (child, "attributeGroup"))
        {
          g_autofree char *ref = local_ref (child, "ref");
          xmlNodePtr group = ref != NULL ? g_hash_table_lookup (w->groups, ref) : NULL;

          if (group == NULL)
            w->unknown = TRUE;
          else
            collect (w, group, element, depth + 1);
        }
      else
        collect (w, child, element, depth + 1);
    }
}

static void
visit_elements (Walk *w, xmlNodePtr node)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_xs (child, "element") && xmlHasProp (child, BAD_CAST "name"))
        {
          g_autofree char *name = (char *) xmlGetProp (child, BAD_CAST "name");
          g_autofree char *type = local_ref (child, "type");
          xmlNodePtr ctype = NULL;

          if (type != NULL)
            ctype = g_hash_table_lookup (w->complex_types, type);
          else
            for (xmlNodePtr c = child->children; c != NULL; c = c->next)
              if (is_xs (c, "complexType"))
                ctype = c;
          if (ctype != NULL)
            {
              xmlNodePtr seen = g_hash_table_lookup (w->element_types, name);
              if (seen != NULL && seen != ctype)
                w->unknown = TRUE; /* one name, two types: which check is whose is unclear */
              else if (seen == NULL)
                {
                  g_hash_table_insert (w->element_types, g_strdup (name), ctype);
                  collect (w, ctype, name, 0);
                }
            }
        }
      else if (is_xs (child, "include") || is_xs (child, "import") || is_xs (child, "redefine") ||
               is_xs (child, "override"))
        w->unknown = TRUE;
      visit_elements (w, child);
    }
}

/* Every mention of the candidate types outside a reached attribute declaration (a list's item
 * type, a derived type, an element's type, an attribute never reached) keeps its pattern. */
static void
drop_unreached_uses (Walk *w, xmlNodePtr node)
{
  static const char *const refs[] = { "type", "base", "itemType", "memberTypes", NULL };

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      for (int i = 0; refs[i] != NULL; i++)
        {
          g_autofree char *value = (char *) xmlGetProp (child, BAD_CAST refs[i]);
          g_auto (GStrv) words = value != NULL ? g_strsplit_set (value, " \t\r\n", -1) : NULL;

          for (int j = 0; words != NULL && words[j] != NULL; j++)
            {
              const char *colon = strchr (words[j], ':');
              const char *local = colon != NULL ? colon + 1 : words[j];
              g_autofree char *prefix = colon != NULL ? g_strndup (words[j], colon - words[j])
                                                      : NULL;
              xmlNsPtr ns = xmlSearchNs (w->doc, child, BAD_CAST prefix);

              /* xs:date is not g:date */
              if (ns == NULL || strcmp ((const char *) ns->href, GT_EXCHANGE_NAMESPACE) != 0 ||
                  !g_hash_table_contains (w->candidates, local))
                continue;
              if (!(is_xs (child, "attribute") && strcmp (refs[i], "type") == 0 &&
                    g_hash_table_contains (w->reached, child)))
                g_hash_table_remove (w->candidates, local);
            }
        }
      drop_unreached_uses (w, child);
    }
}

/* The simple types whose only facet libxml2 would run through its regular expressions can be
 * taken over: named, restricting the built-in type its function expects (xs:string, which
 * keeps whitespace, or xs:date, which collapses it first), with one pattern equal to the
 * function's. */
static void
find_candidates (Walk *w, xmlNodePtr root)
{
  for (xmlNodePtr child = root->children; child != NULL; child = child->next)
    {
      g_autofree char *name = NULL;
      xmlNodePtr restriction = NULL, pattern = NULL;
      g_autofree char *base_name = NULL;
      int n_patterns = 0;

      if (is_xs (child, "complexType") || is_xs (child, "attributeGroup"))
        {
          name = (char *) xmlGetProp (child, BAD_CAST "name");
          if (name != NULL)
            g_hash_table_insert (is_xs (child, "complexType") ? w->complex_types : w->groups,
                                 g_steal_pointer (&name), child);
          continue;
        }
      if (!is_xs (child, "simpleType") || (name = (char *) xmlGetProp (child, BAD_CAST "name")) == NULL)
        continue;
      for (xmlNodePtr c = child->children; c != NULL; c = c->next)
        if (is_xs (c, "restriction"))
          restriction = c;
      if (restriction == NULL)
        continue;
      {
        g_autofree char *base = (char *) xmlGetProp (restriction, BAD_CAST "base");
        xmlNsPtr ns = base != NULL && g_str_has_prefix (base, "xs:")
                        ? xmlSearchNs (w->doc, restriction, BAD_CAST "xs") : NULL;
        if (ns == NULL || strcmp ((const char *) ns->href, XS) != 0)
          continue;
        base_name = g_steal_pointer (&base);
      }
      for (xmlNodePtr c = restriction->children; c != NULL; c = c->next)
        if (is_xs (c, "pattern"))
          {
            pattern = c;
            n_patterns++;
          }
      if (n_patterns != 1)
        continue;
      for (const GtExchangeXsdPattern *p = patterns; p->type != NULL; p++)
        {
          g_autofree char *value = (char *) xmlGetProp (pattern, BAD_CAST "value");
          if (strcmp (p->type, name) == 0 && strcmp (p->base, base_name) == 0 &&
              g_strcmp0 (value, p->pattern) == 0)
            {
              g_hash_table_insert (w->candidates, g_strdup (name), (gpointer) p);
              g_hash_table_insert (w->pattern_nodes, g_strdup (name), pattern);
            }
        }
    }
}

static void
drop_checks_of_kept_types (Walk *w)
{
  GHashTableIter iter;
  GPtrArray *checks;

  g_hash_table_iter_init (&iter, w->elements);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &checks))
    {
      for (guint i = checks->len; i > 0; i--)
        {
          GtExchangeXsdCheck *check = g_ptr_array_index (checks, i - 1);
          if (w->unknown || !g_hash_table_contains (w->candidates, check->pattern->type))
            g_ptr_array_remove_index (checks, i - 1);
        }
      if (checks->len == 0)
        g_hash_table_iter_remove (&iter);
    }
}

GBytes *
gt_exchange_xsd_text (void)
{
  return g_resource_lookup_data (gt_exchange_get_resource (), XSD_RESOURCE, 0, NULL);
}

GtExchangeXsd *
gt_exchange_xsd_new (GBytes *text, gboolean take_over)
{
  g_autoptr (GBytes) bytes = text != NULL ? g_bytes_ref (text) : gt_exchange_xsd_text ();
  GtExchangeXsd *xsd = g_new0 (GtExchangeXsd, 1);
  Walk w = { 0 };
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlSchemaParserCtxtPtr pctxt;
  xmlNodePtr root;

  w.doc = xmlReadMemory (data, (int) size, XSD_RESOURCE, NULL, XML_PARSE_NONET);
  if (w.doc == NULL)
    {
      g_free (xsd);
      return NULL;
    }
  root = xmlDocGetRootElement (w.doc);
  w.complex_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.pattern_nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.reached = g_hash_table_new (NULL, NULL);
  w.element_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  if (take_over && is_xs (root, "schema"))
    {
      find_candidates (&w, root);
      visit_elements (&w, root);
      drop_unreached_uses (&w, root);
      drop_checks_of_kept_types (&w);
      if (!w.unknown)
        {
          GHashTableIter iter;
          const char *type;
          xmlNodePtr pattern;

          g_hash_table_iter_init (&iter, w.pattern_nodes);
          while (g_hash_table_iter_next (&iter, (gpointer *) &type, (gpointer *) &pattern))
            if (g_hash_table_contains (w.candidates, type))
              {
                xmlUnlinkNode (pattern);
                xmlFreeNode (pattern);
                xsd->n_taken_over++;
              }
        }
    }
  pctxt = xmlSchemaNewDocParserCtxt (w.doc);
  xsd->schema = xmlSchemaParse (pctxt);
  xmlSchemaFreeParserCtxt (pctxt);
  xsd->elements = g_steal_pointer (&w.elements);
  xmlFreeDoc (w.doc);
  g_hash_table_unref (w.complex_types);
  g_hash_table_unref (w.groups);
  g_hash_table_unref (w.candidates);
  g_hash_table_unref (w.pattern_nodes);
  g_hash_table_unref (w.reached);
  g_hash_table_unref (w.element_types);
  if (xsd->schema == NULL)
    g_clear_pointer (&xsd, gt_exchange_xsd_free);
  return xsd;
}

GtExchangeXsd *
gt_exchange_xsd_get (void)
{
  static GtExchangeXsd *xsd;

  if (g_once_init_enter (&xsd))
    g_once_init_leave (&xsd, gt_exchange_xsd_new (NULL, TRUE));
  return xsd;
}

void
gt_exchange_xsd_free (GtExchangeXsd *xsd)
{
  if (xsd == NULL)
    return;
  if (xsd->schema != NULL)
    xmlSchemaFree (xsd->schema);
  g_hash_table_unref (xsd->elements);
  g_free (xsd);
}

GPtrArray *
gt_exchange_xsd_checks (GtExchangeXsd *xsd, const char *element)
{
  return g_hash_table_lookup (xsd->elements, element);
}

static void
ignore_error (void *data, xmlErrorPtr err)
{
}

gboolean
gt_exchange_xsd_valid (GtExchangeXsd *xsd, const char *data, gsize length)
{
  xmlTextReaderPtr reader;
  xmlSchemaValidCtxtPtr vctxt;
  int rc = -1;

  if (length > G_MAXINT)
    return FALSE;
  reader = xmlReaderForMemory (data, (int) length, "package.xml", "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (reader == NULL)
    return FALSE;
  xmlTextReaderSetStructuredErrorHandler (reader, ignore_error, NULL);
  vctxt = xmlSchemaNewValidCtxt (xsd->schema);
  xmlSchemaSetValidStructuredErrors (vctxt, ignore_error, NULL);
  if (xmlTextReaderSchemaValidateCtxt (reader, vctxt, 0) == 0)
    while ((rc = xmlTextReaderRead (reader)) == 1)
      ;
  rc = rc == 0 && xmlTextReaderIsValid (reader) == 1;
  xmlFreeTextReader (reader);
  xmlSchemaFreeValidCtxt (vctxt);
  return rc;
}
