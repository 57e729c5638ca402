/* gt-uuid.c — record identifiers: time-ordered UUIDs (RFC 9562 version 7)
 *
 * Every record carries a uuid in a UNIQUE index. Random (version 4) uuids land on a random
 * page of that index, so a bulk import of 200 000 members and their 400 000 events touched
 * pages all over two indexes larger than the page cache. A version-7 uuid starts with the
 * time in milliseconds, followed here by a counter for uuids made within one millisecond
 * (RFC 9562 §6.2, method 1) and 62 random bits: the uuids one process makes only grow, each
 * new one goes to the end of the index, and uuids made by different offices still differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-storage.h"

static GMutex uuid_lock;
static guint64 uuid_last_ms;
static guint uuid_counter; /* 12 bits */

void
gt_uuid7_compose (char out[37], guint64 ms, guint counter, guint32 r0, guint32 r1)
{
  static const char hex[] = "0123456789abcdef";
  guint8 b[16];
  int pos = 0;

  for (int i = 0; i < 6; i++)
    b[i] = (guint8) (ms >> (40 - 8 * i));
  b[6] = (guint8) (0x70 | ((counter >> 8) & 0x0F));
  b[7] = (guint8) (counter & 0xFF);
  b[8] = (guint8) (0x80 | ((r0 >> 24) & 0x3F));
  b[9] = (guint8) (r0 >> 16);
  b[10] = (guint8) (r0 >> 8);
  b[11] = (guint8) r0;
  b[12] = (guint8) (r1 >> 24);
  b[13] = (guint8) (r1 >> 16);
  b[14] = (guint8) (r1 >> 8);
  b[15] = (guint8) r1;

  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[pos++] = '-';
      out[pos++] = hex[b[i] >> 4];
      out[pos++] = hex[b[i] & 0xF];
    }
  out[pos] = '\0';
}

static void
uuid7_format (char out[37])
{
  guint64 ms = (guint64) g_get_real_time () / 1000;
  guint32 r[3] = { g_random_int (), g_random_int (), g_random_int () };
  guint counter;

  g_mutex_lock (&uuid_lock);
  if (ms > uuid_last_ms)
    {
      uuid_last_ms = ms;
      /* Start low in the counter's range, so a busy millisecond rarely overflows it. */
      uuid_counter = r[2] & 0x1FF;
    }
  else if (++uuid_counter > 0xFFF)
    {
      /* More than the counter holds in one millisecond, or the clock went back: borrow
       * from the next millisecond rather than go backwards. */
      uuid_last_ms++;
      uuid_counter = 0;
    }
  ms = uuid_last_ms;
  counter = uuid_counter;
  g_mutex_unlock (&uuid_lock);
  gt_uuid7_compose (out, ms, counter, r[0], r[1]);
}

char *
gt_new_uuid (void)
{
  char text[37];

  uuid7_format (text);
  return g_strdup (text);
}

static void
sql_uuid (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  char text[37];

  (void) argc;
  (void) argv;
  uuid7_format (text);
  sqlite3_result_text (context, text, 36, SQLITE_TRANSIENT);
}

gboolean
gt_uuid_register (sqlite3 *db)
{
  return sqlite3_create_function_v2 (db, "gt_uuid", 0, SQLITE_UTF8, NULL, sql_uuid, NULL, NULL,
                                     NULL) == SQLITE_OK;
}
