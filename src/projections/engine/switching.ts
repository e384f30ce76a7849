/**
 * A build's life: the first build of a read model, a rebuild beside the live one, and the switch
 * that puts a caught-up build in (blue/green) and drops the old one, in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { compareCheckpoints } from '../../eventstore/port.js';
import { readFor, type BatchContext } from './batch.js';
import {
  activateBuild,
  buildCheckpoint,
  type BuildRow,
  createBuild,
  currentBuilds,
  dropBuild,
  dropSchema,
  liveBuildsForUpdate,
  lockReadModel,
  pointViews,
  retireBuild,
  saveCheckpoint,
  tryLockBuild,
} from './builds.js';
import type { Projection } from './projection.js';

/**
 * Makes sure a projection has a build of its version: the first build of a read model is active
 * at once (there is nothing older to serve); a new version builds beside the old one. Returns
 * whether it made a first build, which the caller fills before anything reads it.
 */
export async function ensureBuild(db: Kysely<any>, projection: Projection): Promise<{ first: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockReadModel(trx, projection.name);
    const builds = await currentBuilds(trx, projection.name);
    if (builds.some((b) => b.version === projection.version)) return { first: false };
    const newer = builds.find((b) => b.status === 'active' && b.version > projection.version);
    if (newer) return { first: false }; // an older release still running beside a newer one: leave it be
    // An async read model serves while it fills. An inline one must hold every event before
    // appends write to it, so it always fills first and goes live through a switch.
    const hasActive = builds.some((b) => b.status === 'active');
    await createBuild(trx, projection, hasActive || projection.mode === 'inline' ? 'building' : 'active');
    return { first: !hasActive };
  });
}

/** Starts a fresh build of a projection's current version beside the active one. */
export async function startRebuild(db: Kysely<any>, projection: Projection): Promise<{ schema: string; build: number }> {
  return db.transaction().execute(async (trx) => {
    await lockReadModel(trx, projection.name);
    // A rebuild replaces any unfinished one; a batch of it in flight finishes before it is dropped.
    const builds = await currentBuilds(trx, projection.name);
    for (const b of builds) if (b.status === 'building') await dropBuild(trx, b.schema_name);
    return createBuild(trx, projection, 'building');
  });
}

/**
 * Switches a caught-up build in: the views move to it and the old build is dropped, in one
 * transaction. For an inline projection appends are held off meanwhile, so that no event lands
 * between the last catch-up and the switch. Returns the schema it replaced ('' when there was
 * none), or null when it did not switch.
 */
export async function trySwitch(ctx: BatchContext, projection: Projection, row: BuildRow, logger?: Logger): Promise<{ replaced: string } | null> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockReadModel(trx, projection.name);
    // Re-read under the lock: another process may have switched this build in (or out) already.
    const live = await liveBuildsForUpdate(trx, projection.name);
    const self = live.find((b) => b.schema_name === row.schema_name);
    if (self?.status !== 'building') return null;
    const active = live.find((b) => b.status === 'active');
    if (active && active.version > row.version) return null;
    // Hold both builds' locks, always in the order batches take them (build lock first), so a
    // batch of either build cannot be half-way through while we switch.
    if (!(await tryLockBuild(trx, row.schema_name))) return null;
    if (active && !(await tryLockBuild(trx, active.schema_name))) return null;
    let current = buildCheckpoint(self);
    if (projection.mode === 'inline') {
      // With appends held off (give up rather than stall writers for long), everything committed
      // is final: read past the horizon up to the end.
      await ctx.log.holdAppends(trx);
      for (;;) {
        const page = await readFor(ctx, projection, trx, current, true);
        if (compareCheckpoints(page.checkpoint, current) <= 0) break;
        if (page.events.length > 0) await projection.apply(trx, row.schema_name, page.events);
        await saveCheckpoint(trx, row.schema_name, page.checkpoint, page.events.length);
        current = page.checkpoint;
      }
    } else {
      // Close enough to switch when what is left fits in one batch: apply it here, so the
      // build goes live at the horizon. Further behind, the next cycles catch up first.
      const page = await readFor(ctx, projection, trx, current);
      if (page.full) return null;
      if (page.events.length > 0) await projection.apply(trx, row.schema_name, page.events);
      await saveCheckpoint(trx, row.schema_name, page.checkpoint, page.events.length);
    }
    if (active) await retireBuild(trx, active.schema_name);
    await activateBuild(trx, row.schema_name);
    await pointViews(trx, projection, row.schema_name);
    if (active) await dropSchema(trx, active.schema_name);
    logger?.info({ projection: projection.name, version: projection.version, build: row.build }, 'projection build switched in');
    return { replaced: active?.schema_name ?? '' };
  });
}
