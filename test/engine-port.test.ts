import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../src/database/connect.js';
import { LOG_START } from '../src/eventstore/port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../src/projections/engine/inline.js';
import { projections } from '../src/projections/index.js';
import { newEvent } from './eventstore-contract.js';
import { createTestDatabase } from './support/database.js';
import { createSeenTemplate, seenIds, seenProjection } from './support/seen-projection.js';

/**
 * What the projection engine asks of the store, through the port:
 * - the inline hook costs an append nothing unless an inline read model reads what is appended:
 *   otherwise the append is its one statement, with no transaction, no read-back, no build lookup
 *   (statements counted as the store sends them to PostgreSQL, on a pool of its own);
 * - the transactional log: lag counts, reads that stop at the horizon, and the append gate.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let counted: Database;
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await createSeenTemplate(database.db, 'inlineseen');
  counted = connect(database.url, { applicationName: 'virkelyst-counted' });
  const wrapped = new WeakSet<object>();
  counted.pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    client.query = new Proxy(client.query, {
      apply(target, self, args) {
        const first: unknown = args[0];
        statements.push(typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String(first.text) : '');
        return Reflect.apply(target, self, args);
      },
    });
  });
});
afterAll(async () => {
  await counted.close();
  await database.drop();
});

/** The statements one piece of work sends. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await work();
  return statements.splice(0).map((s) => s.replace(/\s+/g, ' ').trim().toLowerCase());
}

describe('the inline hook', () => {
  it('adds nothing to an append when no running projection is inline (the app today)', async () => {
    const store = new PostgresEventStore(counted, { inline: [inlineProjectionsHook([...projections, seenProjection('asyncseen')])] });
    const sent = await statementsOf(() => store.append(`s-${newId()}`, [newEvent(), newEvent('Paged')], { expectedVersion: 'no_stream' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('virkelyst_append');
    await store.close();
  });

  it('adds nothing when the inline read models do not read the appended types', async () => {
    const store = new PostgresEventStore(counted, { inline: [inlineProjectionsHook([seenProjection('inlineseen', { mode: 'inline', handles: ['Paged'] })])] });
    const sent = await statementsOf(() => store.append(`s-${newId()}`, [newEvent('Tested')], { expectedVersion: 'no_stream' }));
    expect(sent).toHaveLength(1);
    // Streams appended together need their transaction, but nothing more: no read-back, no lookup.
    const together = await statementsOf(() =>
      store.appendTogether([
        { streamId: `a-${newId()}`, events: [newEvent('Tested')], options: { expectedVersion: 'no_stream' } },
        { streamId: `b-${newId()}`, events: [newEvent('N')], options: { expectedVersion: 'no_stream' } },
      ]),
    );
    expect(together).toEqual(['begin', expect.stringContaining('virkelyst_append'), expect.stringContaining('virkelyst_append'), 'commit']);
    await store.close();
  });

  it('applies an inline read model that reads the type in the append’s transaction', async () => {
    const inline = seenProjection('inlineseen', { mode: 'inline', handles: ['Paged'] });
    const engine = new ProjectionEngine(database, new PostgresEventStore(database), [inline]);
    await engine.ensureBuilds();
    await engine.settle({ names: ['inlineseen'] });
    const store = new PostgresEventStore(counted, { inline: [inlineProjectionsHook([inline])] });
    const [tested, paged] = [newEvent('Tested'), newEvent('Paged')];
    const sent = await statementsOf(() => store.append(`s-${newId()}`, [tested, paged], { expectedVersion: 'no_stream' }));
    expect(sent[0]).toBe('begin');
    expect(sent.some((s) => s.includes('from projection_builds'))).toBe(true);
    expect(sent.at(-1)).toBe('commit');
    // Only what it reads reaches it.
    const seen = await seenIds(database.db, 'inlineseen');
    expect(seen).toContain(paged.eventId);
    expect(seen).not.toContain(tested.eventId);
    await store.close();
  });
});

describe('the transactional log', () => {
  it('counts the events after each checkpoint, in the order asked', async () => {
    const store = new PostgresEventStore(database);
    await store.append(`c-${newId()}`, [newEvent(), newEvent(), newEvent()], { expectedVersion: 'no_stream' });
    // The log in checkpoint order, read directly: a read through the store stops at the horizon,
    // which other databases' transactions on this server hold back.
    const { rows } = await sql<{ transaction_id: string; global_position: string }>`
      select transaction_id, global_position from events order by transaction_id, global_position`.execute(database.db);
    const log = rows.map((r) => ({ transactionId: Number(r.transaction_id), globalPosition: Number(r.global_position) }));
    const last = log.at(-1)!;
    const second = log[1]!;
    expect(await store.countAfter([last, second, LOG_START])).toEqual([0, log.length - 2, log.length]);
    expect(await store.countAfter([])).toEqual([]);
    await store.close();
  });

  it('reads only below the horizon, and past it while the appends are held off', async () => {
    const store = new PostgresEventStore(database);
    const { rows: end } = await sql<{ transaction_id: string; global_position: string }>`
      select transaction_id, global_position from events order by transaction_id desc, global_position desc limit 1`.execute(database.db);
    const after = { transactionId: Number(end[0]!.transaction_id), globalPosition: Number(end[0]!.global_position) };
    // A writing transaction that stays open holds the horizon back (it might still append).
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    await writer.query('begin');
    await writer.query('select pg_current_xact_id()');
    const committed = newEvent();
    await store.append(`committed-${newId()}`, [committed], { expectedVersion: 'no_stream' });
    const ids = (page: { events: { eventId: string }[] }) => page.events.map((e) => e.eventId);
    // A later transaction committed first; reading it now could skip the open one for good.
    expect(ids(await store.readPage(database.db, { after }))).not.toContain(committed.eventId);
    // With the appends held off nothing can commit late: the page goes to the end of the log.
    const page = await database.db.transaction().execute(async (trx) => {
      await store.holdAppends(trx);
      return store.readPage(trx, { after, pastHorizon: true });
    });
    await writer.query('commit');
    await writer.end();
    expect(ids(page)).toEqual([committed.eventId]);
    expect(page.full).toBe(false);
    await store.close();
  });

  it('holds appends off until the transaction that holds them ends', async () => {
    const store = new PostgresEventStore(database);
    let appended = false;
    // Handed out in a box: a promise returned from the transaction would be awaited inside it.
    const { pending } = await database.db.transaction().execute(async (trx) => {
      await store.holdAppends(trx);
      const pending = store.append(`held-${newId()}`, [newEvent()], { expectedVersion: 'no_stream' }).then(() => (appended = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(appended).toBe(false);
      return { pending };
    });
    await pending;
    expect(appended).toBe(true);
    await store.close();
  });
});
