/**
 * The spec helper itself: it gives a projection only what the engine would, in the batches it is
 * told, and its batch-splitting property fails for a read model that depends on batch sizes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Projection } from '../../src/projections/engine/projection.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { admin } from './histories.js';

/** Writes one row per batch it is given, with the types in it: batch sizes show in its rows. */
const batchesProjection: Projection = {
  name: 'specbatches',
  version: 1,
  mode: 'async',
  tables: ['batches'],
  handles: ['Counted'],
  async apply(trx, schema, events) {
    await trx
      .withSchema(schema)
      .insertInto('batches')
      .values({ first_position: events[0]!.globalPosition, types: events.map((e) => e.type) })
      .execute();
  },
};

const specs = projectionSpecs(batchesProjection);
beforeAll(async () => {
  await specs.setUp();
  await sql`create schema rm_specbatches_v1`.execute(specs.db);
  await sql`create table rm_specbatches_v1.batches (first_position bigint primary key, types text[] not null)`.execute(specs.db);
});
afterAll(specs.tearDown);

const events = (n: number) => {
  const log = new EventLog();
  return Array.from({ length: n }, (_, i) =>
    log.record(`specbatches-${i % 2}`, { type: i === 1 ? 'Unhandled' : 'Counted', data: { i } }, 1, { actor: admin, at: '2026-11-22T10:00:00.000+01:00' }),
  );
};

describe('projection specs', () => {
  it('apply one batch per list given, with only the handled types, and no empty batch', async () => {
    const spec = await specs.fresh();
    const [a, unhandled, c, d] = events(4);
    await spec.given([a!, unhandled!], [unhandled!], [c!, d!]);
    expect(await spec.rows('batches')).toEqual([
      { first_position: '1', types: ['Counted'] },
      { first_position: '3', types: ['Counted', 'Counted'] },
    ]);
  });

  it('each fresh build starts empty', async () => {
    const spec = await specs.fresh();
    expect(await spec.rows('batches')).toEqual([]);
  });

  it('the batch-splitting property fails for a read model whose rows depend on batch sizes', async () => {
    await expect(specs.expectSameRowsForEverySplit(events(3))).rejects.toThrow(/split at 1/);
  });
});
