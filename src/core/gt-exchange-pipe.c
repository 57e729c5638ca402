/* gt-exchange-pipe.c — the validating parse on a thread of its own, beside the inserts
 *
 * An import spends about as long parsing and validating a package (libxml2's reader and
 * its XSD) as SQLite spends storing the records. The pipe runs the reader on a second
 * thread: it copies each record into a batch and hands full batches to the importing thread,
 * which holds the only database connection and builds each register record's JSON as it
 * takes it (the parse, with libxml2's validation, is the longer of the two threads). A few batches
 * go round between two queues (full, free), so memory stays bounded whatever the size of the
 * package, and a parse error reaches the importer as the last batch, after every record
 * before it, so an invalid package is refused exactly as by the reader itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "gt-exchange-private.h"

#define N_BATCHES 4
#define BATCH_RECORDS 1024
#define BATCH_BYTES (1024 * 1024)

typedef struct
{
  GtExchangeRecord records[BATCH_RECORDS];
  guint n;
  char *buffer;      /* the records' strings; never moves while records point into it */
  gsize size, used;
  gsize offset;      /* bytes of the package consumed after the batch's last record */
  gboolean last;     /* the parse ended after this batch… */
  GError *error;     /* …because of this, or NULL at the regular end */
} Batch;

struct _GtExchangePipe
{
  GtExchangeReader *reader;
  GThread *thread;
  GAsyncQueue *full, *free;
  Batch batches[N_BATCHES];
  Batch *current;    /* the batch the importer reads, NULL before the first */
  GString *json;     /* the JSON of the record last handed out */
  guint next;        /* its next record */
  gsize offset;
  int stop;          /* atomic: the importer gave up; the parser is to end */
  double parse_cpu;  /* the parser thread's CPU time, in seconds, once it ended */
  gboolean done;     /* the last batch was read */
};

/* A pointer into @rec's strings, moved to the same place in @copy's. */
#define REBASE(copy, rec, p) ((p) != NULL ? (copy) + ((p) - (rec)->strings) : NULL)

/* Copies @rec into @b: its block of names and values in one piece, then its text; FALSE
 * when it does not fit. */
static gboolean
batch_add (Batch *b, const GtExchangeRecord *rec)
{
  GtExchangeRecord *copy;
  gsize text_len = strlen (rec->text) + 1, need = rec->strings_len + text_len;
  char *strings;

  if (b->used + need > b->size)
    {
      if (b->n > 0)
        return FALSE;
      b->size = MAX (need, BATCH_BYTES);
      b->buffer = g_realloc (b->buffer, b->size);
    }
  strings = b->buffer + b->used;
  memcpy (strings, rec->strings, rec->strings_len);
  memcpy (strings + rec->strings_len, rec->text, text_len);
  b->used += need;
  copy = &b->records[b->n++];
  *copy = *rec;
  copy->strings = strings;
  for (int i = 0; i < rec->n_attrs; i++)
    {
      copy->names[i] = REBASE (strings, rec, rec->names[i]);
      copy->values[i] = REBASE (strings, rec, rec->values[i]);
    }
  copy->uuid = REBASE (strings, rec, rec->uuid);
  copy->mtime = REBASE (strings, rec, rec->mtime);
  copy->parent = REBASE (strings, rec, rec->parent);
  copy->text = strings + rec->strings_len;
  return TRUE;
}

static double
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gpointer
parse (gpointer data)
{
  GtExchangePipe *pipe = data;
  GtExchangeRecord rec;
  gboolean held = FALSE; /* rec did not fit into the previous batch */

  for (;;)
    {
      Batch *b = g_async_queue_pop (pipe->free);

      if (g_atomic_int_get (&pipe->stop))
        return NULL;
      b->n = 0;
      b->used = 0;
      b->last = FALSE;
      while (b->n < BATCH_RECORDS)
        {
          if (!held && !gt_exchange_reader_next (pipe->reader, &rec, &b->error))
            {
              b->last = TRUE;
              break;
            }
          held = !batch_add (b, &rec);
          if (held)
            break;
        }
      b->offset = gt_exchange_reader_get_offset (pipe->reader);
      if (b->last)
        pipe->parse_cpu = thread_cpu (); /* before the push: the importer reads it after */
      g_async_queue_push (pipe->full, b);
      if (b->last)
        return NULL;
    }
}

GtExchangePipe *
gt_exchange_pipe_new (GtExchangeReader *reader)
{
  GtExchangePipe *pipe = g_new0 (GtExchangePipe, 1);

  pipe->reader = reader;
  pipe->json = g_string_sized_new (1024);
  pipe->full = g_async_queue_new ();
  pipe->free = g_async_queue_new ();
  for (int i = 0; i < N_BATCHES; i++)
    {
      pipe->batches[i].size = BATCH_BYTES;
      pipe->batches[i].buffer = g_malloc (BATCH_BYTES);
      g_async_queue_push (pipe->free, &pipe->batches[i]);
    }
  pipe->thread = g_thread_new ("gt-exchange-parse", parse, pipe);
  return pipe;
}

gboolean
gt_exchange_pipe_next (GtExchangePipe *pipe, GtExchangeRecord *record, GError **error)
{
  while (pipe->current == NULL || pipe->next == pipe->current->n)
    {
      if (pipe->current != NULL && pipe->current->last)
        {
          if (!pipe->done && pipe->current->error != NULL)
            g_propagate_error (error, g_steal_pointer (&pipe->current->error));
          pipe->done = TRUE;
          return FALSE;
        }
      if (pipe->current != NULL)
        g_async_queue_push (pipe->free, pipe->current);
      pipe->current = g_async_queue_pop (pipe->full);
      pipe->next = 0;
      pipe->offset = pipe->current->offset;
    }
  *record = pipe->current->records[pipe->next++];
  /* Tasks and acknowledgements have tables of their own; a tombstone has no data. */
  if (record->type != GT_EXCHANGE_TASK && record->type != GT_EXCHANGE_ACK &&
      record->type != GT_EXCHANGE_TOMBSTONE)
    {
      g_string_truncate (pipe->json, 0);
      gt_exchange_record_to_json (record, pipe->json);
      record->json = pipe->json->str;
      record->json_len = pipe->json->len;
    }
  return TRUE;
}

gsize
gt_exchange_pipe_get_offset (GtExchangePipe *pipe)
{
  return pipe->offset;
}

void
gt_exchange_pipe_free (GtExchangePipe *pipe)
{
  Batch *b;

  if (pipe == NULL)
    return;
  /* Wake the parser if it waits for a free batch; it sees the stop and ends. */
  g_atomic_int_set (&pipe->stop, 1);
  if (pipe->current != NULL)
    g_async_queue_push (pipe->free, pipe->current);
  while ((b = g_async_queue_try_pop (pipe->full)) != NULL)
    g_async_queue_push (pipe->free, b);
  g_thread_join (pipe->thread);
  /* For profiling: G_MESSAGES_DEBUG=all guatu-cli import … (which thread is the longer) */
  g_debug ("exchange import: parsing thread %.3f s cpu, importing thread %.3f s cpu so far",
           pipe->parse_cpu, thread_cpu ());
  for (int i = 0; i < N_BATCHES; i++)
    {
      g_free (pipe->batches[i].buffer);
      g_clear_error (&pipe->batches[i].error);
    }
  g_async_queue_unref (pipe->full);
  g_async_queue_unref (pipe->free);
  g_string_free (pipe->json, TRUE);
  g_free (pipe);
}
