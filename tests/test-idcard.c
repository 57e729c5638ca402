/* test-idcard.c — GB 11643-1999 ID numbers: check digit, dates, normalisation, masking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-idcard.h"

static void
test_valid (void)
{
  /* Vectors from shared/engineering.md §6.4, checked with the weighted algorithm. */
  const char *valid[] = { "360426199101010071", "34052419800101001X", "11010519491231002X" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_cmpint (gt_idcard_validate (valid[i], NULL, NULL, NULL), ==, GT_IDCARD_OK);
}

static void
test_derived (void)
{
  g_autofree char *normalized = NULL, *birth = NULL;
  char gender = 0;

  g_assert_cmpint (gt_idcard_validate ("360426199101010071", &normalized, &birth, &gender), ==,
                   GT_IDCARD_OK);
  g_assert_cmpstr (normalized, ==, "360426199101010071");
  g_assert_cmpstr (birth, ==, "1991-01-01");
  g_assert_cmpint (gender, ==, 'M'); /* 7 is odd */

  g_clear_pointer (&birth, g_free);
  g_assert_cmpint (gt_idcard_validate ("11010519491231002X", NULL, &birth, &gender), ==,
                   GT_IDCARD_OK);
  g_assert_cmpstr (birth, ==, "1949-12-31");
  g_assert_cmpint (gender, ==, 'F'); /* 2 is even */
}

static void
test_normalize (void)
{
  g_autofree char *normalized = NULL;

  /* Lower-case x, full-width digits from a Chinese IME, stray spaces. */
  g_assert_cmpint (gt_idcard_validate ("34052419800101001x", NULL, NULL, NULL), ==, GT_IDCARD_OK);
  g_assert_cmpint (gt_idcard_validate ("３４０５２４１９８００１０１００１Ｘ", &normalized, NULL, NULL),
                   ==, GT_IDCARD_OK);
  g_assert_cmpstr (normalized, ==, "34052419800101001X");
  g_assert_cmpint (gt_idcard_validate (" 340524 19800101 001X ", NULL, NULL, NULL), ==,
                   GT_IDCARD_OK);
}

static void
test_invalid (void)
{
  g_assert_cmpint (gt_idcard_validate ("360426199101010072", NULL, NULL, NULL), ==,
                   GT_IDCARD_BAD_CHECK_DIGIT);
  g_assert_cmpint (gt_idcard_validate ("36042619910101007", NULL, NULL, NULL), ==,
                   GT_IDCARD_BAD_LENGTH);
  g_assert_cmpint (gt_idcard_validate ("", NULL, NULL, NULL), ==, GT_IDCARD_BAD_LENGTH);
  g_assert_cmpint (gt_idcard_validate ("3604261991010100A1", NULL, NULL, NULL), ==,
                   GT_IDCARD_BAD_CHARACTER);
  g_assert_cmpint (gt_idcard_validate ("360426199102300071", NULL, NULL, NULL), ==,
                   GT_IDCARD_BAD_DATE); /* 30 February */
  g_assert_cmpint (gt_idcard_validate ("360426\xff\xfe" "99101010071", NULL, NULL, NULL), !=,
                   GT_IDCARD_OK);
  for (int s = GT_IDCARD_OK; s <= GT_IDCARD_BAD_CHECK_DIGIT; s++)
    g_assert_nonnull (gt_idcard_status_message (s));
}

static void
test_every_single_digit_error_detected (void)
{
  /* MOD 11-2 catches every single-digit substitution. */
  const char *id = "33082219880715003X";
  char copy[19];

  g_assert_cmpint (gt_idcard_validate (id, NULL, NULL, NULL), ==, GT_IDCARD_OK);
  for (int pos = 0; pos < 17; pos++)
    for (char d = '0'; d <= '9'; d++)
      {
        if (d == id[pos])
          continue;
        memcpy (copy, id, sizeof copy);
        copy[pos] = d;
        g_assert_cmpint (gt_idcard_validate (copy, NULL, NULL, NULL), !=, GT_IDCARD_OK);
      }
}

static void
test_mask (void)
{
  g_autofree char *masked = gt_idcard_mask ("330822198807151234");
  g_autofree char *empty = gt_idcard_mask (NULL);

  g_assert_cmpstr (masked, ==, "330822********1234");
  g_assert_cmpstr (empty, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idcard/valid", test_valid);
  g_test_add_func ("/idcard/derived", test_derived);
  g_test_add_func ("/idcard/normalize", test_normalize);
  g_test_add_func ("/idcard/invalid", test_invalid);
  g_test_add_func ("/idcard/single-digit-errors", test_every_single_digit_error_detected);
  g_test_add_func ("/idcard/mask", test_mask);

  return g_test_run ();
}
