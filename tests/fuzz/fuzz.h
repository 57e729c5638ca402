/* fuzz.h — the libFuzzer entry points every target defines
 *
 * Built with -Dfuzzing=true (clang), each target is a libFuzzer program; otherwise it links
 * fuzz-driver.c, which replays a corpus and a short, deterministic mutation smoke, so the
 * normal test run keeps every past finding fixed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* A critical or a warning is a bug the fuzzer found, as a crash would be: abort () (which
 * libFuzzer catches and saves the input for; GLib's own fatal path raises SIGTRAP, which it
 * does not). */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  /* The default writer: debug messages only with G_MESSAGES_DEBUG, as in the program (on
   * stdout they would break the TAP output). */
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return out;
}

/* Every target's LLVMFuzzerInitialize starts with this. */
#define FUZZ_SETUP() g_log_set_writer_func (fuzz_log_writer, NULL, NULL)

/* A broken invariant: say which, then crash so the fuzzer keeps the input. */
#define FUZZ_FAIL(what)                                                                      \
  (fprintf (stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, (what)), abort ())
