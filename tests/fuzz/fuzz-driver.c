/* fuzz-driver.c — runs a fuzz target without libFuzzer: every file of the corpus folders,
 * then --smoke N inputs made by mutating them (bit flips, truncation, byte insertion and
 * duplication of a slice) with a fixed seed, so a run is repeatable.
 *
 * Usage: fuzz-TARGET [--smoke N] CORPUS_DIR|FILE…   Prints TAP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "fuzz.h"

static GBytes *
mutate (GRand *rand, GBytes *seed)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (seed, &len);
  GByteArray *out = g_byte_array_sized_new ((guint) len + 16);
  guint n_mutations = 1 + g_rand_int_range (rand, 0, 8);

  g_byte_array_append (out, data, (guint) len);
  for (guint i = 0; i < n_mutations; i++)
    {
      guint pos = out->len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) out->len) : 0;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0: /* flip a bit */
          if (out->len > 0)
            out->data[pos] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1: /* truncate */
          g_byte_array_set_size (out, pos);
          break;
        case 2: /* insert an interesting byte */
          {
            static const guint8 bytes[] = { 0, '"', ',', '\n', '\r', '<', '>', '&', 0xff, 0xe4,
                                            0x80, 0xbf, '\\', '{', '}', ':', 'X' };
            guint8 b = bytes[g_rand_int_range (rand, 0, G_N_ELEMENTS (bytes))];
            g_byte_array_append (out, &b, 1);
            memmove (out->data + pos + 1, out->data + pos, out->len - 1 - pos);
            out->data[pos] = b;
          }
          break;
        case 3: /* duplicate a slice */
          if (out->len > 0 && out->len < 1 << 20)
            {
              guint slice = (guint) g_rand_int_range (rand, 1, (gint32) MIN (out->len - pos, 64u) + 1);
              g_autofree guint8 *copy = g_memdup2 (out->data + pos, slice);
              g_byte_array_append (out, copy, slice);
            }
          break;
        default: /* replace with a random byte */
          if (out->len > 0)
            out->data[pos] = (guint8) g_rand_int_range (rand, 0, 256);
        }
    }
  return g_byte_array_free_to_bytes (out);
}

static void
collect (const char *path, GPtrArray *seeds)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        collect (names->pdata[i], seeds);
      return;
    }
  {
    char *contents = NULL;
    gsize len = 0;

    if (g_file_get_contents (path, &contents, &len, NULL))
      g_ptr_array_add (seeds, g_bytes_new_take (contents, len));
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261201);
  const char *last = g_getenv ("FUZZ_LAST");
  int smoke = 0, test = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--smoke") == 0 && i + 1 < argc)
        smoke = atoi (argv[++i]);
      else
        collect (argv[i], seeds);
    }
  g_print ("1..%u\n", seeds->len + (smoke > 0 ? 1 : 0));
  if (seeds->len == 0)
    {
      g_print ("Bail out! no corpus\n");
      return 1;
    }
  for (guint i = 0; i < seeds->len; i++)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (seeds->pdata[i], &len);

      LLVMFuzzerTestOneInput (data, len);
      g_print ("ok %d - corpus input %u (%" G_GSIZE_FORMAT " bytes)\n", ++test, i + 1, len);
    }
  if (smoke > 0)
    {
      for (int i = 0; i < smoke; i++)
        {
          g_autoptr (GBytes) input = mutate (rand, seeds->pdata[i % seeds->len]);
          gsize len = 0;
          const guint8 *data = g_bytes_get_data (input, &len);

          /* FUZZ_LAST=FILE keeps the input being tried, to add a finding to the corpus. */
          if (last != NULL)
            g_file_set_contents (last, (const char *) data, (gssize) len, NULL);
          LLVMFuzzerTestOneInput (data, len);
        }
      g_print ("ok %d - %d mutated inputs\n", ++test, smoke);
    }
  return 0;
}
