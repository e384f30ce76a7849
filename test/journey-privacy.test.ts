import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { journeyDecider, type JourneyCommand } from '../src/domain/journey/decide.js';
import type { Principal } from '../src/domain/shared/principal.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { projections } from '../src/projections/index.js';
import { ERASED, loadMasterKey, Vault } from '../src/privacy/vault.js';
import { createTestDatabase } from './support/database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let vault: Vault;
let store: PostgresEventStore;
let handler: CommandHandler;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-privacy-'));
  vault = new Vault(database, await loadMasterKey(dataDir));
  store = new PostgresEventStore(database);
  handler = new CommandHandler(store, { vault });
});
afterAll(async () => {
  await store.close();
  await database.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const now = '2026-11-23T10:00:00.000Z';
const run = (citizenId: string, principal: Principal, type: JourneyCommand['type'], data: unknown) =>
  handler.handle(journeyDecider, { type, data, principal, now, citizenId } as JourneyCommand, { commandId: newId() });

async function rawEvents(streamId: string) {
  const { rows } = await sql<{ data: string; event_type: string; global_position: string }>`
    select data::text as data, event_type, global_position from events where stream_id = ${streamId} order by global_position`.execute(database.db);
  return rows;
}

describe('personal data in the log', () => {
  it('is stored sealed from the first event, and erasure leaves the log’s count and order intact', async () => {
    const citizenId = newId();
    const citizen: Principal = { id: citizenId, role: 'citizen' };
    await run(citizenId, citizen, 'StartJourney', { journeyId: newId(), centreId: newId(), firstContact: 'self_service', alias: 'Kirsten Bager', centreKnown: true });
    await run(citizenId, citizen, 'StateGoal', { goalId: newId(), text: 'Jeg vil åbne et bageri i Vejle', category: 'own_business' });

    const before = await rawEvents(`journey-${citizenId}`);
    expect(before.map((e) => e.event_type)).toEqual(['JourneyStarted', 'GoalStated']);
    const stored = before.map((e) => e.data).join('\n');
    expect(stored).not.toContain('Kirsten');
    expect(stored).not.toContain('bageri');
    const goal = JSON.parse(before[1]!.data);
    expect(goal.category).toBe('own_business'); // not personal: stays readable
    expect(await vault.open(goal.text)).toBe('Jeg vil åbne et bageri i Vejle');

    await run(citizenId, { id: 'admin', role: 'admin' }, 'EraseCitizen', {});
    const engine = new ProjectionEngine(database, store, projections);
    await engine.ensureBuilds();
    await engine.settle();

    const after = await rawEvents(`journey-${citizenId}`);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.map((e) => e.event_type)).toEqual(['JourneyStarted', 'GoalStated', 'CitizenErased']);
    const fresh = new Vault(database, await loadMasterKey(dataDir));
    expect(await fresh.open(goal.text)).toEqual(ERASED);
    const { rows } = await sql<{ wrapped_key: Buffer | null }>`select wrapped_key from subject_keys where subject_id = ${citizenId}`.execute(database.db);
    expect(rows[0]!.wrapped_key).toBeNull();
    await expect(run(citizenId, citizen, 'StateGoal', { goalId: newId(), text: 'again' })).rejects.toMatchObject({ code: 'citizen_erased' });
  });

  it('a decider that declares personal fields cannot run without a vault', async () => {
    const bare = new CommandHandler(store);
    const citizenId = newId();
    await expect(
      bare.handle(journeyDecider, { type: 'StartJourney', data: { journeyId: newId(), centreId: newId(), firstContact: 'self_service', centreKnown: true }, principal: { id: citizenId, role: 'citizen' }, now, citizenId }, { commandId: newId() }),
    ).rejects.toThrow(/no vault/);
    expect(await store.readStream(`journey-${citizenId}`)).toEqual([]);
  });
});
