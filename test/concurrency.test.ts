import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { CommandHandler } from '../src/commands/handler.js';
import { centreDecider } from '../src/domain/centre/decide.js';
import { Conflict } from '../src/domain/shared/errors.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { createTestDatabase } from './support/database.js';
import { newEvent } from './eventstore-contract.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: PostgresEventStore;
const admin: Principal = { id: newId(), role: 'admin' };
const now = '2026-11-22T10:00:00.000Z';

beforeAll(async () => {
  database = await createTestDatabase({ max: 24 });
  store = new PostgresEventStore(database);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

async function establish(handler: CommandHandler): Promise<string> {
  const centreId = newId();
  await handler.handle(centreDecider, { type: 'EstablishCentre', now, principal: admin, data: { centreId, municipalityCode: '101', name: 'Start' } }, { commandId: newId() });
  return centreId;
}

const rename = (centreId: string, name: string) => ({ type: 'RenameCentre' as const, now, principal: admin, data: { centreId, name, actorSits: false } });

describe('16 concurrent writers on one stream', () => {
  it('take every version once and lose no write when they may re-decide', async () => {
    const handler = new CommandHandler(store, { maxAttempts: 50 });
    const centreId = await establish(handler);
    const names = Array.from({ length: 16 }, (_, i) => `Writer ${i}`);
    const results = await Promise.all(names.map((name) => handler.handle(centreDecider, rename(centreId, name), { commandId: newId() })));
    const events = await store.readStream(`centre-${centreId}`);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(events.slice(1).map((e) => (e.data as { name: string }).name).sort()).toEqual([...names].sort());
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
  });

  it('answer 409 when they may not retry, and the log holds exactly the winners', async () => {
    const handler = new CommandHandler(store, { maxAttempts: 1 });
    const centreId = await establish(handler);
    const settled = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => handler.handle(centreDecider, rename(centreId, `Writer ${i}`), { commandId: newId() })),
    );
    const won = settled.filter((s) => s.status === 'fulfilled');
    const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(Conflict);
      expect((l.reason as Conflict).code).toBe('concurrency_conflict');
    }
    const events = await store.readStream(`centre-${centreId}`);
    expect(events).toHaveLength(1 + won.length);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
  });
});

describe('the same command id at the same moment', () => {
  it('appends once and every caller gets the same answer', async () => {
    const handler = new CommandHandler(store);
    const centreId = newId();
    const commandId = newId();
    const command = { type: 'EstablishCentre' as const, now, principal: admin, data: { centreId, municipalityCode: '101', name: 'Once' } };
    const results = await Promise.all(Array.from({ length: 10 }, () => handler.handle(centreDecider, command, { commandId })));
    expect(await store.readStream(`centre-${centreId}`)).toHaveLength(1);
    expect(new Set(results.map((r) => `${r.streamId}@${r.version}`))).toEqual(new Set([`centre-${centreId}@1`]));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });
});

describe('the log is append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even for the owner', async () => {
    await store.append(`immutable-${newId()}`, [newEvent()], { expectedVersion: 'any' });
    for (const statement of ['update events set data = \'{}\'', 'delete from events', 'truncate events']) {
      await expect(sql.raw(statement).execute(database.db), statement).rejects.toMatchObject({ code: 'VS001' });
    }
  });

  it('refuses them by privilege to the application role, even with the trigger out of the way', async () => {
    const role = `vt_app_${newId().slice(-8)}`;
    const password = newId();
    await sql.raw(`create role ${role} login password '${password}' in role virkelyst_app`).execute(database.db);
    try {
      const url = new URL(database.url);
      url.username = role;
      url.password = password;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await expect(client.query('select count(*) from events')).resolves.toBeDefined();
        for (const statement of ['update events set data = \'{}\'', 'delete from events', 'truncate events', 'alter table events disable trigger events_no_update_delete']) {
          await expect(client.query(statement), statement).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
        }
      } finally {
        await client.end();
      }
    } finally {
      await sql.raw(`drop role ${role}`).execute(database.db);
    }
  });
});
