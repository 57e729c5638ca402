/* gt-cli-exchange.c — guatu-cli keys, export, import and verify: signed exchange packages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-cli.h"
#include "gt-exchange.h"
#include "gt-keys.h"

static const char *const outcome_keys[GT_EXCHANGE_N_OUTCOMES] = {
  "new", "updated", "unchanged", "conflicting", "ignored"
};

/* Package problems are bad data (65); a missing key or unreadable file keep their codes. */
static int
exchange_fail (const GError *error)
{
  g_printerr ("guatu-cli: %s\n", error->message);
  if (g_error_matches (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CANT_OPEN))
    return GT_EXIT_NOINPUT;
  if (error->domain == GT_EXCHANGE_ERROR || error->domain == GT_KEYS_ERROR)
    return GT_EXIT_DATAERR;
  return gt_cli_exit_code_for (error);
}

/* ---- keys ---- */

static int
keys_generate (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = { "keys generate", "[--replace]",
                                        N_("Generate this office's signing key"), NULL };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = NULL, *fingerprint = NULL, *shown = NULL;
  gboolean replace = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace an existing key (every other office must enrol the new one)"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_keys_generate (storage, replace, &error) ||
      (pem = gt_keys_get_public_pem (storage, &fingerprint, &error)) == NULL)
    return exchange_fail (error);
  shown = gt_keys_format_fingerprint (fingerprint);
  g_print (_("Key generated; fingerprint %s\n"), shown);
  return GT_EXIT_OK;
}

static int
keys_export (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = { "keys export", "[--out FILE.pem]",
                                        N_("Write this office's public key as PEM"), NULL };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *pem = NULL, *fingerprint = NULL, *shown = NULL;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to this file (default: standard "
                                                    "output)"), N_("FILE") },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  pem = gt_keys_get_public_pem (storage, &fingerprint, &error);
  if (pem == NULL)
    return exchange_fail (error);
  shown = gt_keys_format_fingerprint (fingerprint);
  if (out == NULL)
    {
      g_print ("%s", pem);
      g_printerr (_("Fingerprint: %s\n"), shown);
      return GT_EXIT_OK;
    }
  if (!g_file_set_contents_full (out, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_CANTCREAT;
    }
  g_print (_("Public key written to %s; fingerprint %s\n"), out, shown);
  return GT_EXIT_OK;
}

static int
keys_trust (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = { "keys trust", "FILE.pem --code CODE [--name NAME] "
                                        "[--fingerprint FP] [--replace]",
                                        N_("Enrol another office's public key"), NULL };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL, *name = NULL, *expected = NULL, *pem = NULL;
  g_autofree char *fingerprint = NULL, *shown = NULL;
  const char *file = gt_cli_take_arg (&argc, &argv);
  gsize length = 0;
  gboolean replace = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("Code of the office that owns the key"),
      N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of that office"), N_("NAME") },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &expected,
      N_("The fingerprint read out by the other office; the key must match it"), N_("FP") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace the office's earlier key, or move a key trusted for another office to this one"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (file == NULL || code == NULL)
    {
      g_printerr (_("guatu-cli keys trust: name the key file and the office's --code\n"));
      return GT_EXIT_USAGE;
    }
  if (!gt_exchange_check_code (code, &error))
    {
      g_printerr ("guatu-cli keys trust: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  if (!g_file_get_contents (file, &pem, &length, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_NOINPUT;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_keys_trust_full (storage, pem, length, code, name, expected, replace, &fingerprint,
                           &error))
    {
      g_prefix_error (&error, "%s: ", file);
      return exchange_fail (error);
    }
  shown = gt_keys_format_fingerprint (fingerprint);
  g_print (_("Trusted the key of office %s; fingerprint %s\n"), code, shown);
  return GT_EXIT_OK;
}

static int
keys_list (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = { "keys list", "[--json]",
                                        N_("List this office's key and the trusted keys"), NULL };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_autofree char *pem = NULL, *own = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  pem = gt_keys_get_public_pem (storage, &own, NULL);
  keys = gt_keys_list_trusted (storage, &error);
  if (keys == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "own", own);
      json_builder_set_member_name (builder, "trusted");
      json_builder_begin_array (builder);
      for (guint i = 0; i < keys->len; i++)
        {
          GtTrustedKey *key = keys->pdata[i];
          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "fingerprint", key->fingerprint);
          gt_cli_json_add_string (builder, "code", key->org_code);
          gt_cli_json_add_string (builder, "name", key->name);
          gt_cli_json_add_string (builder, "enrolled_on", key->enrolled_on);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  if (own != NULL)
    {
      g_autofree char *shown = gt_keys_format_fingerprint (own);
      g_print (_("This office: %s\n"), shown);
    }
  else
    g_print (_("This office has no key yet (guatu-cli keys generate)\n"));
  for (guint i = 0; i < keys->len; i++)
    {
      GtTrustedKey *key = keys->pdata[i];
      g_autofree char *shown = gt_keys_format_fingerprint (key->fingerprint);
      g_print ("%-12s %s  %s  %s\n", key->org_code, key->enrolled_on, shown, key->name);
    }
  return GT_EXIT_OK;
}

int
gt_cli_cmd_keys (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  const char *sub = argc >= 2 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "generate") == 0)
    return keys_generate (ctx, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "export") == 0)
    return keys_export (ctx, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "trust") == 0)
    return keys_trust (ctx, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "list") == 0)
    return keys_list (ctx, argc - 1, argv + 1);
  g_printerr (_("guatu-cli keys: expected a subcommand: generate, export, trust, list\n"));
  return GT_EXIT_USAGE;
}

/* ---- export ---- */

int
gt_cli_cmd_exchange_export (GtCliContext *ctx, const GtCliCommand *command, int argc,
                            char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeExportInfo) info = NULL;
  g_autofree char *kind = NULL, *period = NULL, *to = NULL, *out = NULL, *size = NULL;
  gboolean mask = FALSE, json = FALSE;
  GtExchangeExportOptions options = { 0 };
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("report, full, dispatch or ack"),
      N_("KIND") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Period of a report: YYYY-MM (default: the last month that has ended)"),
      N_("P") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Code of the receiving office (default: the "
                                               "parent office)"), N_("ORG") },
    { "mask", 0, 0, G_OPTION_ARG_NONE, &mask, N_("Mask ID numbers and phone numbers"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The package file to write"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (out == NULL)
    {
      g_printerr (_("guatu-cli export: name the package file with --out FILE\n"));
      return GT_EXIT_USAGE;
    }
  if (!gt_exchange_kind_from_string (kind != NULL ? kind : "report", &options.kind))
    {
      g_printerr (_("guatu-cli export: --kind must be report, full, dispatch or ack, not “%s”\n"),
                  kind);
      return GT_EXIT_USAGE;
    }
  if (to != NULL && !gt_exchange_check_code (to, &error))
    {
      g_printerr ("guatu-cli export: --to: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  options.period = period;
  options.to_code = to;
  options.mask = mask;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_exchange_export (storage, out, &options, &info, &error))
    {
      exit_code = exchange_fail (error);
      if (error->domain == G_FILE_ERROR)
        exit_code = GT_EXIT_CANTCREAT;
      return exit_code;
    }
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "path", info->path);
      gt_cli_json_add_string (builder, "package", info->package_uuid);
      gt_cli_json_add_string (builder, "receiver", info->receiver_code);
      gt_cli_json_add_int (builder, "size", info->size);
      gt_cli_json_add_string (builder, "sha256", info->sha256);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_object (builder);
      for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
        gt_cli_json_add_int (builder, gt_exchange_type_plural (t), info->counts[t]);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  size = g_format_size (info->size);
  g_print (_("Wrote %s (%s, to office %s), signature checked\nSHA-256 %s\n"), info->path, size,
           info->receiver_code, info->sha256);
  return GT_EXIT_OK;
}

/* ---- import and verify ---- */

static void
add_result_json (JsonBuilder *builder, const GtExchangeResult *r, const char *status)
{
  gt_cli_json_add_string (builder, "file", r->path);
  gt_cli_json_add_string (builder, "status", status);
  gt_cli_json_add_string (builder, "package", r->package_uuid);
  gt_cli_json_add_string (builder, "kind", gt_exchange_kind_to_string (r->kind));
  gt_cli_json_add_string (builder, "sender", r->sender_code);
  gt_cli_json_add_string (builder, "sender_name", r->sender_name);
  /* the name this office's trust list gives the sender, which the key proves */
  gt_cli_json_add_string (builder, "sender_trusted_name", r->trusted_name);
  gt_cli_json_add_string (builder, "receiver", r->receiver_code);
  gt_cli_json_add_string (builder, "period", r->period);
  gt_cli_json_add_string (builder, "created", r->created);
  gt_cli_json_add_string (builder, "key", r->key_fingerprint);
  gt_cli_json_add_string (builder, "sha256", r->sha256);
  gt_cli_json_add_int (builder, "masked", r->masked);
  if (r->imported_on != NULL)
    gt_cli_json_add_string (builder, "imported_on", r->imported_on);
  if (r->backup_path != NULL)
    gt_cli_json_add_string (builder, "backup", r->backup_path);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    {
      if (r->claimed[t] == 0)
        continue;
      json_builder_set_member_name (builder, gt_exchange_type_plural (t));
      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "total", r->claimed[t]);
      for (int o = 0; o < GT_EXCHANGE_N_OUTCOMES; o++)
        gt_cli_json_add_int (builder, outcome_keys[o], r->counts[t][o]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  gt_cli_json_add_int (builder, "conflicts", r->n_conflicts);
  json_builder_set_member_name (builder, "ignored_details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->ignored->len; i++)
    json_builder_add_string_value (builder, r->ignored->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "conflict_details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->conflicts->len; i++)
    {
      GtExchangeConflict *c = r->conflicts->pdata[i];
      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "type", gt_exchange_type_name (c->type));
      gt_cli_json_add_string (builder, "uuid", c->uuid);
      gt_cli_json_add_string (builder, "local", c->local);
      gt_cli_json_add_string (builder, "incoming", c->incoming);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* "Status, Text": the fields, by their labels, in which @c's incoming record differs from
 * the one here (rev and mtime aside); NULL when none does. */
static char *
conflict_differs (const GtExchangeConflict *c)
{
  g_autoptr (GPtrArray) fields = gt_conflict_fields (c);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const GtConflictField *f = fields->pdata[i];

      if (!f->differs || g_str_equal (f->field, "rev") || g_str_equal (f->field, "mtime"))
        continue;
      g_string_append_printf (names, "%s%s", names->len > 0 ? _(", ") : "",
                              gt_exchange_field_label (f->field));
    }
  return names->len > 0 ? g_strdup (names->str) : NULL;
}

static void
print_result (const GtExchangeResult *r)
{
  g_autofree char *sender = gt_exchange_result_sender_text (r);

  g_print (_("%s: %s package %s from %s, period %s, created %s\n"), r->path,
           gt_exchange_kind_label (r->kind), r->package_uuid, sender != NULL ? sender : "",
           *r->period != '\0' ? r->period : "-", r->created);
  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    if (r->claimed[t] > 0)
      {
        g_autofree char *outcome = gt_exchange_result_outcome_text (r, t);

        /* TRANSLATORS: record type, how many, what importing them did */
        g_print (_("  %-13s %6u: %s\n"), gt_exchange_type_label (t), r->claimed[t], outcome);
      }
  for (guint i = 0; i < r->conflicts->len; i++)
    {
      GtExchangeConflict *c = r->conflicts->pdata[i];
      g_autofree char *differs = conflict_differs (c);

      g_print (_("  conflict: %s %s\n    here:     %s\n    incoming: %s\n"),
               gt_exchange_type_label_singular (c->type), c->uuid, c->local, c->incoming);
      if (differs != NULL)
        /* TRANSLATORS: the fields that differ, by their labels; aligned with "here:" */
        g_print (_("    differs:  %s\n"), differs);
    }
  for (guint i = 0; i < r->ignored->len; i++)
    /* TRANSLATORS: why a record of the package was ignored */
    g_print (_("  ignored: %s\n"), (const char *) r->ignored->pdata[i]);
}

int
gt_cli_cmd_exchange_import (GtCliContext *ctx, const GtCliCommand *command, int argc,
                            char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_auto (GStrv) files = NULL;
  gboolean dry = FALSE, json = FALSE, take = FALSE, keep = FALSE;
  GtExchangeResolution resolution = GT_EXCHANGE_RESOLVE_NONE;
  int exit_code = GT_EXIT_OK, worst = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry, N_("Check and preview; change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per package"), NULL },
    { "take-incoming", 0, 0, G_OPTION_ARG_NONE, &take,
      N_("Resolve conflicts by taking the package's records"), NULL },
    { "keep-local", 0, 0, G_OPTION_ARG_NONE, &keep,
      N_("Resolve conflicts by keeping this database's records"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (files == NULL || files[0] == NULL || (take && keep))
    {
      g_printerr (take && keep ? _("guatu-cli import: choose --take-incoming or --keep-local, "
                                   "not both\n")
                               : _("guatu-cli import: name the package files\n"));
      return GT_EXIT_USAGE;
    }
  resolution = take ? GT_EXCHANGE_RESOLVE_TAKE_INCOMING
               : keep ? GT_EXCHANGE_RESOLVE_KEEP_LOCAL : GT_EXCHANGE_RESOLVE_NONE;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GtExchangeResult) preview = NULL;
      g_autoptr (GtExchangeResult) result = NULL;
      const char *status;

      result = gt_exchange_import (storage, files[i], dry ? GT_EXCHANGE_IMPORT_DRY_RUN : 0,
                                   resolution, &preview, &error);
      if (result == NULL)
        {
          /* a package of an unknown key: only its claimed sender, unverified, was read */
          gboolean untrusted = g_error_matches (error, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED);
          int code = exchange_fail (error);
          worst = MAX (worst, code);
          if (json)
            {
              g_autoptr (JsonBuilder) builder = json_builder_new ();
              json_builder_begin_object (builder);
              if (preview != NULL)
                add_result_json (builder, preview, untrusted ? "rejected" : "conflicts");
              else
                {
                  gt_cli_json_add_string (builder, "file", files[i]);
                  gt_cli_json_add_string (builder, "status", "rejected");
                }
              gt_cli_json_add_string (builder, "error", error->message);
              json_builder_end_object (builder);
              gt_cli_print_json (builder);
            }
          else if (preview != NULL && !untrusted)
            print_result (preview); /* the conflicts (untrusted: the error names the sender) */
          continue;
        }
      status = result->already_imported ? "already-imported" : dry ? "preview" : "imported";
      if (json)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new ();
          json_builder_begin_object (builder);
          add_result_json (builder, result, status);
          json_builder_end_object (builder);
          gt_cli_print_json (builder);
        }
      else if (result->already_imported)
        g_print (_("%s: package %s was already imported on %s; nothing to do\n"), files[i],
                 result->package_uuid, result->imported_on);
      else
        {
          print_result (result);
          if (dry)
            g_print (_("Dry run: nothing was changed\n"));
          else
            g_print (_("Imported; the database as it was is kept in %s\n"),
                     result->backup_path != NULL ? result->backup_path : "-");
        }
    }
  return worst;
}

int
gt_cli_cmd_exchange_verify (GtCliContext *ctx, const GtCliCommand *command, int argc,
                            char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  const char *file = gt_cli_take_arg (&argc, &argv);
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (file == NULL)
    {
      g_printerr (_("guatu-cli verify: name the package file\n"));
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  result = gt_exchange_verify_file (storage, file, &error);
  if (result == NULL)
    return exchange_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      add_result_json (builder, result, "valid");
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  {
    g_autofree char *shown = gt_keys_format_fingerprint (result->key_fingerprint);
    g_autofree char *sender = gt_exchange_result_sender_text (result);
    g_print (_("%s: valid %s package from %s to %s, signed by key %s\n"), file,
             gt_exchange_kind_label (result->kind), sender != NULL ? sender : "",
             result->receiver_code, shown);
  }
  if (result->already_imported)
    g_print (_("Already imported on %s\n"), result->imported_on);
  return GT_EXIT_OK;
}
