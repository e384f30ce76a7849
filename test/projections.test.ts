import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import pino from 'pino';
import { newId } from '../src/ids.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../src/projections/engine/inline.js';
import { createTestDatabase } from './support/database.js';
import { newEvent } from './eventstore-contract.js';
import { createSeenTemplate, seenIds, seenProjection } from './support/seen-projection.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = new PostgresEventStore(database);
  for (const name of ['late', 'naive', 'healthy', 'fragile', 'bluegreen', 'inl']) await createSeenTemplate(database.db, name);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

async function allEventIds(): Promise<string[]> {
  const { rows } = await sql<{ event_id: string }>`select event_id from events order by global_position`.execute(database.db);
  return rows.map((r) => r.event_id);
}

/** Appends one event in a transaction that stays open until `commit` is called. */
async function appendAndHold(streamId: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const event = newEvent();
  await client.query('begin');
  await client.query('select * from virkelyst_append($1, $2, $3, $4, $5)', [streamId, 'any', null, null, JSON.stringify([event])]);
  return {
    eventId: event.eventId,
    commit: async () => {
      await client.query('commit');
      await client.end();
    },
  };
}

/** The textbook mistake: read `global_position > checkpoint` and move the checkpoint to the last row. */
async function naiveCatchUp(checkpoint: { position: number }, into: string[]) {
  const { rows } = await sql<{ event_id: string; global_position: string }>`
    select event_id, global_position from events where global_position > ${checkpoint.position} order by global_position`.execute(database.db);
  for (const r of rows) {
    into.push(r.event_id);
    checkpoint.position = Number(r.global_position);
  }
}

describe('late commits', () => {
  it('an async projection applies an event that commits after later ones exactly once', async () => {
    const engine = new ProjectionEngine(database, store, [seenProjection('late')]);
    await engine.ensureBuilds();
    await engine.settle({ names: ['late'] });

    const held = await appendAndHold(`late-${newId()}`); // takes the lower position, commits last
    const later = newEvent();
    await store.append(`late-${newId()}`, [later], { expectedVersion: 'any' });
    await engine.catchUp();
    await held.commit();
    await engine.settle({ names: ['late'] });

    const seen = await seenIds(database.db, 'late');
    expect(seen).toContain(held.eventId);
    expect(seen).toContain(later.eventId);
    expect(seen.sort()).toEqual((await allEventIds()).sort());
  });

  it('the same scenario loses the late event with a naive position reader (so the test above can fail)', async () => {
    const naive = { position: 0 };
    const seen: string[] = [];
    await naiveCatchUp(naive, seen);
    const held = await appendAndHold(`naive-${newId()}`);
    await store.append(`naive-${newId()}`, [newEvent()], { expectedVersion: 'any' });
    await naiveCatchUp(naive, seen);
    await held.commit();
    await naiveCatchUp(naive, seen);
    expect(seen).not.toContain(held.eventId);
  });
});

describe('a failing projection', () => {
  it('stops at the failing event, reports it, keeps the others running and resumes after a fix', async () => {
    let broken = true;
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const engine = new ProjectionEngine(
      database,
      store,
      [seenProjection('healthy'), seenProjection('fragile', { failOn: (type) => broken && type === 'Poison' })],
      { retryMs: 1, logger },
    );
    await engine.ensureBuilds();
    await engine.settle({ names: ['healthy', 'fragile'] });
    const stream = `poison-${newId()}`;
    const before = newEvent();
    const poison = newEvent('Poison', { note: 'Jens Hansen, 12345678' });
    const after = newEvent();
    await store.append(stream, [before, poison, after], { expectedVersion: 'no_stream' });
    await engine.settle({ names: ['healthy'] });
    for (let i = 0; i < 500 && !(await engine.status()).find((s) => s.name === 'fragile')?.failure; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await engine.catchUp();
    }

    const healthy = await seenIds(database.db, 'healthy');
    expect(healthy).toEqual(expect.arrayContaining([before.eventId, poison.eventId, after.eventId]));
    const fragile = await seenIds(database.db, 'fragile');
    expect(fragile).toContain(before.eventId);
    expect(fragile).not.toContain(poison.eventId);
    expect(fragile).not.toContain(after.eventId);

    const status = (await engine.status()).find((s) => s.name === 'fragile')!;
    expect(status.failure).toMatchObject({ eventId: poison.eventId, eventType: 'Poison', error: 'PoisonError' });
    expect(status.lag).toBeGreaterThan(0);
    const logged = lines.join('\n');
    expect(JSON.parse(lines.find((l) => l.includes('failing event'))!)).toMatchObject({
      level: 50,
      projection: 'fragile',
      position: expect.any(Number),
      eventType: 'Poison',
      eventId: poison.eventId,
      error: 'PoisonError',
    });
    expect(logged).not.toContain('Jens');
    expect(logged).not.toContain('12345678');

    broken = false;
    await new Promise((r) => setTimeout(r, 5));
    await engine.settle({ names: ['fragile'] });
    expect((await seenIds(database.db, 'fragile')).sort()).toEqual((await seenIds(database.db, 'healthy')).sort());
    const resumed = (await engine.status()).find((s) => s.name === 'fragile')!;
    expect(resumed.failure).toBeNull();
    expect(resumed.lag).toBe(0);
  });
});

describe('blue/green rebuilds', () => {
  it('builds beside the active read model, which keeps serving, then switches atomically', async () => {
    const engine = new ProjectionEngine(database, store, [seenProjection('bluegreen')], { batchSize: 2 });
    await engine.ensureBuilds();
    await engine.settle({ names: ['bluegreen'] });
    const servingBefore = await seenIds(database.db, 'bluegreen');
    expect(servingBefore.length).toBeGreaterThan(0);

    const { schema } = await engine.startRebuild('bluegreen');
    // Still the old build behind the view, and the new one is empty and building.
    expect(await seenIds(database.db, 'bluegreen')).toEqual(servingBefore);
    const statuses = (await engine.status()).filter((s) => s.name === 'bluegreen');
    expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'building']);
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.id(schema, 'bluegreen')}`.execute(database.db);
    expect(Number(rows[0]!.n)).toBe(0);

    await engine.settle({ names: ['bluegreen'] });
    const after = (await engine.status()).filter((s) => s.name === 'bluegreen');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'active', schema, lag: 0 });
    expect((await seenIds(database.db, 'bluegreen')).sort()).toEqual(servingBefore.sort());
  });

  it('a new version builds beside the old one and takes over when it has caught up', async () => {
    await createSeenTemplate(database.db, 'bluegreen', 2);
    const v2 = { ...seenProjection('bluegreen'), version: 2 };
    const engine = new ProjectionEngine(database, store, [seenProjection('bluegreen'), v2]);
    await engine.ensureBuilds();
    expect((await engine.status()).filter((s) => s.name === 'bluegreen').map((s) => `${s.version}:${s.status}`).sort()).toEqual([
      '1:active',
      '2:building',
    ]);
    await engine.settle({ names: ['bluegreen'] });
    const now = (await engine.status()).filter((s) => s.name === 'bluegreen');
    expect(now.map((s) => `${s.version}:${s.status}`)).toEqual(['2:active']);
  });
});

describe('two processes switching builds at once', () => {
  it('never drop the live read model nor deadlock', async () => {
    await createSeenTemplate(database.db, 'racy');
    const a = new ProjectionEngine(database, store, [seenProjection('racy')], { batchSize: 3 });
    const b = new ProjectionEngine(database, store, [seenProjection('racy')], { batchSize: 3 });
    await a.ensureBuilds();
    await a.settle({ names: ['racy'] });
    for (let round = 0; round < 12; round++) {
      await (round % 2 ? a : b).startRebuild('racy');
      await store.append(`racy-${newId()}`, [newEvent()], { expectedVersion: 'any' });
      await Promise.all([a.catchUp(), b.catchUp(), a.catchUp()]);
      await Promise.all([a.settle({ names: ['racy'] }), b.settle({ names: ['racy'] })]);
      const builds = (await a.status()).filter((s) => s.name === 'racy');
      expect(builds.map((s) => s.status)).toEqual(['active']);
      const { rows } = await sql<{ n: string }>`select count(*) as n from rm.racy`.execute(database.db);
      const handled = (await sql<{ n: string }>`select count(*) as n from events where event_type in ('Tested','Poison','Paged','N')`.execute(database.db)).rows;
      expect(Number(rows[0]!.n)).toBe(Number(handled[0]!.n));
    }
  });
});

describe('a page read ahead that found the end of the log', () => {
  it('is read again, not taken as the answer for as long as the build stays there', async () => {
    await createSeenTemplate(database.db, 'aligned');
    // A batch of one: every page is full, so every batch reads the next page ahead, and the
    // last one finds nothing newer yet.
    const engine = new ProjectionEngine(database, store, [seenProjection('aligned')], { batchSize: 1 });
    await engine.ensureBuilds();
    await engine.settle({ names: ['aligned'] });
    for (let round = 0; round < 3; round++) {
      await store.append(`aligned-${newId()}`, [newEvent()], { expectedVersion: 'any' });
      await engine.settle({ names: ['aligned'], timeoutMs: 5_000 });
    }
    const handled = (await sql<{ event_id: string }>`select event_id from events where event_type in ('Tested','Poison','Paged','N') order by global_position`.execute(database.db)).rows;
    expect(await seenIds(database.db, 'aligned')).toEqual(handled.map((r) => r.event_id));
  });
});

describe('inline projections', () => {
  it('commit with the append, and roll back with it', async () => {
    const inl = seenProjection('inl', { mode: 'inline' });
    const engine = new ProjectionEngine(database, store, [inl]);
    await engine.ensureBuilds();
    await engine.settle({ names: ['inl'] });
    // The first build took in the events already in the log before it went live.
    const handledSoFar = (await sql<{ event_id: string }>`select event_id from events where event_type in ('Tested','Poison','Paged','N')`.execute(database.db)).rows;
    expect((await seenIds(database.db, 'inl')).sort()).toEqual(handledSoFar.map((r) => r.event_id).sort());
    const inlineStore = new PostgresEventStore(database, { inline: [inlineProjectionsHook([inl])] });
    const event = newEvent();
    const stream = `inline-${newId()}`;
    await inlineStore.append(stream, [event], { expectedVersion: 'no_stream' });
    expect(await seenIds(database.db, 'inl')).toContain(event.eventId);

    const refused = newEvent();
    await expect(inlineStore.append(stream, [refused], { expectedVersion: 'no_stream' })).rejects.toThrow();
    expect(await seenIds(database.db, 'inl')).not.toContain(refused.eventId);

    // A rebuild of an inline read model ends with the same rows, appends included.
    await engine.startRebuild('inl');
    const during = newEvent();
    await inlineStore.append(stream, [during], { expectedVersion: 1 });
    await engine.settle({ names: ['inl'] });
    const seen = await seenIds(database.db, 'inl');
    expect(seen).toContain(during.eventId);
    const handled = (await sql<{ event_id: string }>`select event_id from events where event_type in ('Tested','Poison','Paged','N')`.execute(database.db)).rows;
    expect(seen.sort()).toEqual(handled.map((r) => r.event_id).sort());
    await inlineStore.close();
  });
});

describe('starting with an inline read model that cannot be built', () => {
  it('stops at once, naming the event it fails on, instead of waiting silently', async () => {
    await createSeenTemplate(database.db, 'inlpoison');
    const poison = newEvent('Poison');
    await store.append(`poison-${newId()}`, [poison], { expectedVersion: 'no_stream' });
    const engine = new ProjectionEngine(database, store, [seenProjection('inlpoison', { mode: 'inline', failOn: (type) => type === 'Poison' })], { retryMs: 10 });
    const started = Date.now();
    // The first Poison in the log stops it (an earlier test may have appended one before this one).
    await expect(engine.ensureBuilds()).rejects.toThrow(/read model inlpoison v1 stops at event [0-9a-f-]{36} \(Poison, position \d+\)/);
    // Well inside the 10 minutes a slow first build may take.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('a new async read model on a log that already has events', () => {
  it('is filled before anything reads it, not served half full', async () => {
    await createSeenTemplate(database.db, 'latecomer');
    await store.append(`late-${newId()}`, [newEvent(), newEvent()], { expectedVersion: 'no_stream' });
    const engine = new ProjectionEngine(database, store, [seenProjection('latecomer', { failOn: () => false })]);
    await engine.ensureBuilds();
    // No settle: what ensureBuilds leaves is what the first request would see.
    const handled = (await sql<{ event_id: string }>`select event_id from events where event_type in ('Tested','Poison','Paged','N')`.execute(database.db)).rows;
    expect((await seenIds(database.db, 'latecomer')).sort()).toEqual(handled.map((r) => r.event_id).sort());
  });
});

/** Waits until every event in the log lies below the read horizon (no older transaction still runs). */
async function untilBelowHorizon(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await sql<{ below: boolean }>`
      select coalesce(max(transaction_id) < pg_snapshot_xmin(pg_current_snapshot()), true) as below from events`.execute(database.db);
    if (rows[0]!.below) return;
    if (Date.now() > deadline) throw new Error('a transaction elsewhere on the server held the read horizon back for a minute');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('read models built together', () => {
  it('read each page of the log once for all of them, each given only the types it handles, exactly once', async () => {
    for (const name of ['togethera', 'togetherb', 'togetherc']) await createSeenTemplate(database.db, name);
    for (let i = 0; i < 12; i++) await store.append(`together-${newId()}`, [newEvent('N'), newEvent('Paged'), newEvent('Unread')], { expectedVersion: 'no_stream' });
    let reads = 0;
    const counting = Object.create(store) as PostgresEventStore;
    counting.readPage = (executor, options) => {
      reads += 1;
      return store.readPage(executor, options);
    };
    // The read horizon is the whole cluster's: a transaction another test file holds open on the
    // same server keeps these events out of every read until it ends, and each pass of settle
    // then reads the end of the log again. What is counted here is how the builds share pages,
    // so the count starts once every event is below the horizon.
    await untilBelowHorizon();
    const batchSize = 10;
    const engine = new ProjectionEngine(
      database,
      counting,
      [seenProjection('togethera', { handles: ['N'] }), seenProjection('togetherb', { handles: ['Paged'] }), seenProjection('togetherc', { handles: ['N', 'Paged'] })],
      { batchSize, parallel: 2 },
    );
    await engine.ensureBuilds(); // three first builds, filled together from the start of the log
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from events`.execute(database.db);
    const pages = Math.ceil(rows[0]!.n / batchSize);
    // Each build reads its first page itself; every later page is read once for all three (a
    // build reading alone would read every page: 3 × pages). The end of the log is read by each.
    expect(reads).toBeGreaterThanOrEqual(pages);
    expect(reads).toBeLessThanOrEqual(pages + 2 * 3);
    const typed = async (types: string[]) =>
      (await sql<{ event_id: string }>`select event_id from events where event_type = any(${types}) order by global_position`.execute(database.db)).rows.map((r) => r.event_id);
    expect(await seenIds(database.db, 'togethera')).toEqual(await typed(['N']));
    expect(await seenIds(database.db, 'togetherb')).toEqual(await typed(['Paged']));
    expect(await seenIds(database.db, 'togetherc')).toEqual(await typed(['N', 'Paged']));
  });
});
