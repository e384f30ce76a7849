/**
 * One batch of one build: the events after its checkpoint, the read-model change and the new
 * checkpoint, in one transaction. A batch that fails is taken apart event by event, so the read
 * model stops exactly before the event that fails.
 */
import type { Kysely, QueryExecutorProvider } from 'kysely';
import { compareCheckpoints, checkpointOf, type LogCheckpoint, type LogPage, type RecordedEvent, type TransactionalLog } from '../../eventstore/port.js';
import { checkpointOfBuild, saveCheckpoint, tryLockBuild } from './builds.js';
import { type Projection, typesOf } from './projection.js';

/** What a batch needs: the database the builds live in, the log, and how much to read at once. */
export interface BatchContext {
  db: Kysely<any>;
  log: TransactionalLog;
  batchSize: number;
}

export type BatchOutcome = 'idle' | 'progress' | 'failed' | 'busy';

/** A page read ahead of its batch, usable only while the build's checkpoint is still `after`. */
export interface ReadAhead {
  after: LogCheckpoint;
  page: LogPage;
}

/** The log read for one projection: only the types it handles reach it. */
export function readFor(ctx: BatchContext, projection: Pick<Projection, 'handles'>, executor: QueryExecutorProvider, after: LogCheckpoint, pastHorizon = false): Promise<LogPage> {
  const types = typesOf(projection);
  return ctx.log.readPage(executor, { after, maxCount: ctx.batchSize, ...(types ? { types } : {}), ...(pastHorizon ? { pastHorizon } : {}) });
}

/** Starts reading the page after `after` on a connection of its own; null if that read fails. */
export function readAhead(ctx: BatchContext, projection: Projection, after: LogCheckpoint): Promise<ReadAhead | null> {
  return readFor(ctx, projection, ctx.db, after)
    .then((page) => ({ after, page }))
    .catch(() => null); // a failed read-ahead is just read again in the batch's transaction
}

/**
 * Applies one batch to the build in `schema`. A page read ahead is used if the checkpoint has not
 * moved since; when this batch's page was cut by its size, `onFull` is told where the next one
 * starts, so it can be read while this one is applied. Throws when `apply` fails.
 */
export async function applyBatch(
  ctx: BatchContext,
  projection: Projection,
  schema: string,
  prefetched: ReadAhead | null,
  onFull: (next: LogCheckpoint) => void,
): Promise<{ outcome: Exclude<BatchOutcome, 'failed'>; count: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await tryLockBuild(trx, schema))) return { outcome: 'busy' as const, count: 0 };
    const current = await checkpointOfBuild(trx, schema);
    if (!current) return { outcome: 'idle' as const, count: 0 }; // retired meanwhile
    const page = prefetched && compareCheckpoints(prefetched.after, current) === 0 ? prefetched.page : await readFor(ctx, projection, trx, current);
    if (compareCheckpoints(page.checkpoint, current) <= 0) return { outcome: 'idle' as const, count: 0 };
    if (page.full) onFull(page.checkpoint);
    if (page.events.length > 0) await projection.apply(trx, schema, page.events);
    await saveCheckpoint(trx, schema, page.checkpoint, page.events.length);
    return { outcome: 'progress' as const, count: page.events.length };
  });
}

/** Where taking a failed batch apart ended: how many events went in, and the one that failed. */
export interface Isolated {
  applied: number;
  failed: { event: RecordedEvent; error: unknown } | null;
}

/**
 * A batch failed: applies its events one by one, each in its own transaction with its checkpoint,
 * so the good ones stay and the read model stops exactly before the failing event.
 */
export async function isolateFailure(ctx: BatchContext, projection: Projection, schema: string): Promise<Isolated> {
  const start = await checkpointOfBuild(ctx.db, schema);
  if (!start) return { applied: 0, failed: null };
  const page = await readFor(ctx, projection, ctx.db, start);
  let expected = start;
  let applied = 0;
  const advance = async (events: RecordedEvent[], to: LogCheckpoint) =>
    ctx.db.transaction().execute(async (trx) => {
      if (!(await tryLockBuild(trx, schema))) return false;
      const current = await checkpointOfBuild(trx, schema);
      if (!current || compareCheckpoints(current, expected) !== 0) return false; // someone else moved it
      if (events.length > 0) await projection.apply(trx, schema, events);
      await saveCheckpoint(trx, schema, to, events.length);
      return true;
    });
  for (const event of page.events) {
    const to = checkpointOf(event);
    try {
      if (!(await advance([event], to))) return { applied, failed: null };
    } catch (error) {
      return { applied, failed: { event, error } };
    }
    expected = to;
    applied++;
  }
  await advance([], page.checkpoint);
  return { applied, failed: null };
}
