/**
 * One batch of one build: the events after its checkpoint, the read-model change and the new
 * checkpoint, in one transaction. A batch that fails is taken apart event by event, so the read
 * model stops exactly before the event that fails.
 */
import type { Kysely, QueryExecutorProvider } from 'kysely';
import { compareCheckpoints, checkpointOf, type LogCheckpoint, type LogPage, type RecordedEvent, type TransactionalLog } from '../../eventstore/port.js';
import { checkpointOfBuild, saveCheckpoint, tryLockBuild } from './builds.js';
import { handlesType, type Projection, typesOf } from './projection.js';

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

/** The types a read for these projections must bring: undefined when one of them reads every type. */
export function typesFor(projections: readonly Pick<Projection, 'handles'>[]): ReadonlySet<string> | undefined {
  const types = new Set<string>();
  for (const p of projections) {
    if (p.handles === 'all') return undefined;
    for (const type of p.handles) types.add(type);
  }
  return types;
}

/**
 * A page read ahead, on a connection of its own, for every build that will start its next batch
 * at `after`: builds that move together (a rebuild of several read models from the start of the
 * log) read each page once instead of once each. It brings the types all of them read; each
 * takes its own from it. Null if that read failed: the batch then reads in its own transaction.
 */
export interface SharedRead {
  after: LogCheckpoint;
  types: ReadonlySet<string> | undefined;
  page: Promise<LogPage | null>;
}

export function readShared(ctx: BatchContext, after: LogCheckpoint, types: ReadonlySet<string> | undefined): SharedRead {
  const page = ctx.log
    .readPage(ctx.db, { after, maxCount: ctx.batchSize, ...(types ? { types: [...types] } : {}) })
    .catch(() => null); // a failed read-ahead is just read again in the batch's transaction
  return { after, types, page };
}

/** The projection's part of a shared read, if the read brought every type it handles. */
export async function takeShared(read: SharedRead, projection: Projection): Promise<ReadAhead | null> {
  if (read.types && (projection.handles === 'all' || projection.handles.some((type) => !read.types!.has(type)))) return null;
  const page = await read.page;
  if (!page) return null;
  return { after: read.after, page: read.types === undefined && projection.handles === 'all' ? page : { ...page, events: page.events.filter((e) => handlesType(projection, e.type)) } };
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
    // A page read ahead that brought nothing past the checkpoint is stale, not an answer: the log
    // may have grown since, so it is read again rather than taken as 'idle' for ever.
    const usable = prefetched && compareCheckpoints(prefetched.after, current) === 0 && compareCheckpoints(prefetched.page.checkpoint, current) > 0;
    const page = usable ? prefetched.page : await readFor(ctx, projection, trx, current);
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
