/* gt-exchange-message.c — the reader's refusals in the user's language
 *
 * libxml2 writes its errors in English, and a township or county user reads only Chinese.
 * Its structured error (xmlError) carries the code and, for the common ones, the pieces:
 * the offending value, the allowed set or limit, the attribute's name. The element and
 * attribute of a schema error are only in the text ("Element '{ns}member', attribute
 * 'gender': …"): libxml2 2.9.14 gives no node in SAX mode, so they are read from there.
 * Each common code gets a sentence of ours naming the record and the field as the import
 * dialog names them; an unknown code keeps libxml2's text after a translated lead-in.
 * The file and line are put in front by the reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-exchange-private.h"

/* A value as shown in a message: at most 64 characters. */
static char *
shown (const char *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (value, -1, NULL))
    return g_utf8_make_valid (value, -1);
  if (g_utf8_strlen (value, -1) > 64)
    {
      g_autofree char *head = g_utf8_substring (value, 0, 64);
      return g_strconcat (head, "…", NULL);
    }
  return g_strdup (value);
}

char *
gt_exchange_describe_element (const char *element)
{
  int type = element != NULL ? gt_exchange_type_from_name (element) : -1;

  if (type >= 0)
    /* TRANSLATORS: a record of a package: its kind ("member" translated) and element name */
    return g_strdup_printf (_("%s record (%s)"),
                            gt_exchange_type_label_singular ((GtExchangeType) type), element);
  if (g_strcmp0 (element, "header") == 0 || g_strcmp0 (element, "sender") == 0 ||
      g_strcmp0 (element, "receiver") == 0 || g_strcmp0 (element, "counts") == 0)
    /* TRANSLATORS: an element of the package's header, by its name */
    return g_strdup_printf (_("header element “%s”"), element);
  /* TRANSLATORS: an element of the package, by its name */
  return g_strdup_printf (_("element “%s”"), element != NULL ? element : "?");
}

char *
gt_exchange_describe_field (const char *attribute)
{
  const char *label = g_dpgettext2 (GETTEXT_PACKAGE, "exchange field", attribute);

  if (strcmp (label, attribute) == 0)
    /* TRANSLATORS: an attribute of a package's element, by its name */
    return g_strdup_printf (_("field “%s”"), attribute);
  /* TRANSLATORS: an attribute of a package's element: its translated name, then its own */
  return g_strdup_printf (_("field “%s” (%s)"), label, attribute);
}

/* "党员记录（member），字段“性别”（gender）", or the element's alone. */
static char *
describe_place (const char *element, const char *attribute)
{
  g_autofree char *el = gt_exchange_describe_element (element);
  g_autofree char *field = NULL;

  if (attribute == NULL)
    return g_steal_pointer (&el);
  field = gt_exchange_describe_field (attribute);
  /* TRANSLATORS: an element then one of its fields, e.g. "member record (member), field …" */
  return g_strdup_printf (_("%s, %s"), el, field);
}

/* The local name of "{urn:…}member" or "member", from @start up to @end. */
static char *
local_name (const char *start, const char *end)
{
  const char *brace = memchr (start, '}', end - start);

  return g_strndup (brace != NULL ? brace + 1 : start, end - (brace != NULL ? brace + 1 : start));
}

/* The element and attribute libxml2's schema messages start with: "Element '{ns}member',
 * attribute 'gender': …" or "Element '{ns}member': …". */
static void
split_schema_message (const char *message, char **element, char **attribute)
{
  const char *p = message, *q;

  *element = *attribute = NULL;
  if (!g_str_has_prefix (p, "Element '"))
    return;
  p += strlen ("Element '");
  q = strchr (p, '\'');
  if (q == NULL)
    return;
  *element = local_name (p, q);
  p = q + 1;
  if (g_str_has_prefix (p, ", attribute '"))
    {
      p += strlen (", attribute '");
      q = strchr (p, '\'');
      if (q != NULL)
        *attribute = local_name (p, q);
    }
}

/* The element names of "Expected is ( {ns}counts )" or "Expected is one of ( {ns}a, {ns}b )"
 * in @message, as "counts" or "a, b"; NULL when there is none. */
static char *
expected_elements (const char *message)
{
  const char *p = strstr (message, "Expected is");
  const char *open, *close;
  g_autoptr (GString) names = g_string_new (NULL);
  g_auto (GStrv) parts = NULL;
  g_autofree char *inside = NULL;

  if (p == NULL || (open = strchr (p, '(')) == NULL || (close = strchr (open, ')')) == NULL)
    return NULL;
  inside = g_strndup (open + 1, close - open - 1);
  parts = g_strsplit (inside, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      g_autofree char *name = local_name (part, part + strlen (part));

      if (*name == '\0')
        continue;
      if (names->len > 0)
        g_string_append (names, _(", "));
      g_string_append_printf (names, "“%s”", name);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* What the atomic type named in "… of the atomic type 'xs:integer'." asks for. */
static char *
describe_datatype (const char *message, const char *value)
{
  const char *p = strstr (message, "atomic type '");
  g_autofree char *type = NULL, *v = shown (value);

  if (p != NULL)
    {
      const char *q;

      p += strlen ("atomic type '");
      q = strchr (p, '\'');
      if (q != NULL)
        type = local_name (strchr (p, ':') != NULL && *p != '{' ? strchr (p, ':') + 1 : p, q);
    }
  if (type == NULL)
    type = g_strdup ("");
  if (strcmp (type, "date") == 0)
    return g_strdup_printf (_("“%s” is not a real date written as YYYY-MM-DD (for example "
                              "2021-07-01)"), v);
  if (strcmp (type, "timestamp") == 0 || strcmp (type, "dateTime") == 0)
    return g_strdup_printf (_("“%s” is not a date and time (for example "
                              "2026-11-01T08:00:00+08:00)"), v);
  if (strcmp (type, "count") == 0 || strcmp (type, "nonNegativeInteger") == 0)
    return g_strdup_printf (_("“%s” is not a count (a whole number, 0 or more)"), v);
  if (strcmp (type, "integer") == 0 || strcmp (type, "int") == 0 ||
      strcmp (type, "long") == 0 || strcmp (type, "rev") == 0 ||
      strcmp (type, "positiveInteger") == 0)
    return g_strdup_printf (_("“%s” is not a whole number"), v);
  if (strcmp (type, "flag") == 0 || strcmp (type, "boolean") == 0)
    return g_strdup_printf (_("“%s” is not 0 or 1"), v);
  /* TRANSLATORS: a value, then the name of the XSD type it does not belong to */
  return g_strdup_printf (_("“%s” is not a valid value of type %s"), v, type);
}

/* The sentence for a schema error, without the lead-in; NULL for a code not handled. */
static char *
describe_schema (const xmlError *err, const char *message)
{
  g_autofree char *element = NULL, *attribute = NULL, *place = NULL, *what = NULL;
  g_autofree char *value = shown (err->str1), *expected = NULL;

  split_schema_message (message, &element, &attribute);
  switch (err->code)
    {
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
      {
        g_autoptr (GString) set = g_string_new (NULL);

        /* "'M', 'F'" → "M, F" */
        for (const char *c = err->str2 != NULL ? err->str2 : ""; *c != '\0'; c++)
          if (*c != '\'')
            g_string_append_c (set, *c);
        /* TRANSLATORS: the value, then the values allowed, e.g. "M, F" */
        what = g_strdup_printf (_("the value “%s” is not one of the allowed values (%s)"),
                                value, set->str);
        break;
      }
    case XML_SCHEMAV_CVC_PATTERN_VALID:
      /* TRANSLATORS: the value, then the XSD's pattern */
      what = g_strdup_printf (_("the value “%s” is not written in the required form "
                                "(pattern %s)"), value, err->str2 != NULL ? err->str2 : "?");
      break;
    case XML_SCHEMAV_CVC_LENGTH_VALID:
      what = g_strdup_printf (_("the value “%s” has %s characters; it must have exactly %s"),
                              value, err->str2 != NULL ? err->str2 : "?",
                              err->str3 != NULL ? err->str3 : "?");
      break;
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
      if (err->str1 != NULL && *err->str1 == '\0')
        what = g_strdup (_("the value is empty; it must not be"));
      else
        what = g_strdup_printf (_("the value “%s” has %s characters; it must have at least %s"),
                                value, err->str2 != NULL ? err->str2 : "?",
                                err->str3 != NULL ? err->str3 : "?");
      break;
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
      what = g_strdup_printf (_("the value “%s” has %s characters; at most %s are allowed"),
                              value, err->str2 != NULL ? err->str2 : "?",
                              err->str3 != NULL ? err->str3 : "?");
      break;
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
      what = g_strdup_printf (_("the value “%s” is below the smallest allowed (%s)"), value,
                              err->str2 != NULL ? err->str2 : "?");
      break;
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
      what = g_strdup_printf (_("the value “%s” is above the largest allowed (%s)"), value,
                              err->str2 != NULL ? err->str2 : "?");
      break;
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
      what = describe_datatype (message, err->str1);
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      /* the required attribute is str1, not in the element part */
      g_clear_pointer (&attribute, g_free);
      attribute = g_strdup (err->str1 != NULL ? err->str1 : "?");
      place = describe_place (element, attribute);
      /* TRANSLATORS: where, e.g. "member record (member), field “gender” (gender)" */
      return g_strdup_printf (_("%s: this required field is missing"), place);
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      if (attribute == NULL && err->str1 != NULL)
        attribute = g_strdup (err->str1);
      place = describe_place (element, attribute);
      return g_strdup_printf (_("%s: this field is not part of the exchange format"), place);
    case XML_SCHEMAV_ELEMENT_CONTENT:
      place = describe_place (element, NULL);
      expected = expected_elements (message);
      if (strstr (message, "Missing child element") != NULL)
        return g_strdup_printf (_("%s is incomplete: the element %s is missing"), place,
                                expected != NULL ? expected : "?");
      if (expected != NULL)
        /* TRANSLATORS: the element found, then the one(s) expected in its place */
        return g_strdup_printf (_("%s is not expected here (expected: %s)"), place, expected);
      return g_strdup_printf (_("%s is not expected here"), place);
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
      place = describe_place (element, NULL);
      return g_strdup_printf (_("%s holds an element it may not hold"), place);
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
      place = describe_place (element, NULL);
      return g_strdup_printf (_("%s holds text it may not hold"), place);
    default:
      return NULL;
    }
  place = describe_place (element, attribute);
  /* TRANSLATORS: where (record and field), then what is wrong with the value */
  return g_strdup_printf (_("%s: %s"), place, what);
}

gboolean
gt_exchange_xml_error_may_be_cut (int code)
{
  switch (code)
    {
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_STRING_NOT_CLOSED:
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
    case XML_ERR_EQUAL_REQUIRED:
    case XML_ERR_LT_REQUIRED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The sentence for a parser error; NULL for a code not handled. @at_end: the error is at
 * the end of the bytes given, which a cut-off file ends with. */
static char *
describe_parser (const xmlError *err, gboolean at_end)
{
  const char *name = err->str1 != NULL ? err->str1 : "?";

  if (err->code == XML_ERR_TAG_NOT_FINISHED ||
      (at_end && gt_exchange_xml_error_may_be_cut (err->code)))
    {
      if (err->code == XML_ERR_TAG_NOT_FINISHED && err->int1 > 0)
        /* TRANSLATORS: an element's name and the line it starts on */
        return g_strdup_printf (_("the file ends inside element “%s” (begun on line %d): it is "
                                  "cut off (truncated); copy the package again from the "
                                  "sender's drive"), name, err->int1);
      if (err->code == XML_ERR_TAG_NOT_FINISHED && err->str1 != NULL)
        return g_strdup_printf (_("the file ends inside element “%s”: it is cut off "
                                  "(truncated); copy the package again from the sender's "
                                  "drive"), name);
      return g_strdup (_("the file ends in the middle of an element: it is cut off "
                         "(truncated); copy the package again from the sender's drive"));
    }
  switch (err->code)
    {
    case XML_ERR_TAG_NAME_MISMATCH:
      /* TRANSLATORS: the element's name, the line it starts on, the name of the end tag */
      return g_strdup_printf (_("not well-formed XML: element “%s” begun on line %d is closed "
                                "by “%s”"), name, err->int1,
                              err->str2 != NULL ? err->str2 : "?");
    case XML_ERR_ATTRIBUTE_REDEFINED:
      {
        g_autofree char *field = gt_exchange_describe_field (name);
        return g_strdup_printf (_("not well-formed XML: %s is written twice in one element"),
                                field);
      }
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      return g_strdup (_("not well-formed XML: the text is not in UTF-8 or holds a character "
                         "XML forbids; was the file opened and saved by another program?"));
    case XML_ERR_LT_IN_ATTRIBUTE:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_GT_REQUIRED:
      return g_strdup (_("not well-formed XML: a tag or a field's value is broken (a quote, "
                         "“<” or “>” missing or out of place)"));
    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("not well-formed XML: the file holds no XML"));
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
      return g_strdup (_("not well-formed XML: there is more after the end of the package"));
    default:
      return NULL;
    }
}

char *
gt_exchange_describe_xml_error (const xmlError *err, gboolean at_end)
{
  g_autofree char *message = g_strstrip (g_strdup (err != NULL && err->message != NULL
                                                     ? err->message : "?"));
  g_autofree char *what = NULL;

  if (err == NULL)
    return g_strdup (_("not well-formed XML"));
  if (err->domain == XML_FROM_SCHEMASV)
    {
      what = describe_schema (err, message);
      /* libxml2's own text is English and cannot be translated: a translated sentence leads
       * it when the code is not one of those above. */
      /* TRANSLATORS: before what breaks the schema (for a rare error, libxml2's English) */
      return g_strdup_printf (_("does not follow the data exchange format (schema): %s"),
                              what != NULL ? what : message);
    }
  what = describe_parser (err, at_end);
  if (what != NULL)
    return g_steal_pointer (&what);
  /* TRANSLATORS: before libxml2's (English) description of the XML error */
  return g_strdup_printf (_("not well-formed XML: %s"), message);
}

char *
gt_exchange_describe_pattern (const char *element, const char *attribute, const char *value,
                              const GtExchangeXsdPattern *pattern)
{
  g_autofree char *place = describe_place (element, attribute), *v = shown (value);
  g_autofree char *what = NULL, *both = NULL;

  if (strcmp (pattern->base, "xs:date") == 0)
    what = g_strdup_printf (_("“%s” is not a real date written as YYYY-MM-DD (for example "
                              "2021-07-01)"), v);
  else
    /* TRANSLATORS: the value, the XSD's pattern and type name */
    what = g_strdup_printf (_("“%s” does not match the pattern %s of type %s"), v,
                            pattern->pattern, pattern->type);
  both = g_strdup_printf (_("%s: %s"), place, what);
  return g_strdup_printf (_("does not follow the data exchange format (schema): %s"), both);
}

char *
gt_exchange_describe_rev (GtExchangeType type, const char *value)
{
  g_autofree char *place = describe_place (gt_exchange_type_name (type), "rev");
  g_autofree char *v = shown (value);
  /* TRANSLATORS: the value, the largest revision */
  g_autofree char *what = g_strdup_printf (_("“%s” is not a revision (a whole number from 1 "
                                             "to %d)"), v, GT_EXCHANGE_MAX_REV);
  g_autofree char *both = g_strdup_printf (_("%s: %s"), place, what);

  return g_strdup_printf (_("does not follow the data exchange format (schema): %s"), both);
}
