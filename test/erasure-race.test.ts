/**
 * An erasure and an entry of the same citizen sent at the same moment: whichever commits first,
 * the erased citizen holds nothing afterwards. Either the entry is refused (citizen_erased), or
 * the place or track it took is ended by the erasure.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterAsCitizen } from '../src/commands/citizen-entry.js';
import { CommandHandler } from '../src/commands/handler.js';
import { activityDecider } from '../src/domain/activity/decide.js';
import { DomainError } from '../src/domain/shared/errors.js';
import { newId } from '../src/ids.js';
import { activitiesOfCitizen } from '../src/projections/activities/queries.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
let centreId: string;
const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const { ok, citizen, request } = apiCalls(() => t, tokens);
const ROUNDS = 20;

/** The stream's events that name the citizen, in order. */
const eventsOf = async (streamId: string, citizenId?: string) =>
  (
    await sql<{ event_type: string }>`select event_type from events where stream_id = ${streamId}
      and (${citizenId ?? null}::text is null or data->>'citizenId' = ${citizenId ?? null}) order by stream_version`.execute(t.database.db)
  ).rows.map((r) => r.event_type);

beforeAll(async () => {
  t = await createTestApp();
  tokens.admin = await t.token('admin', undefined, 'admin-1');
  centreId = (await ok('admin', 'POST', '/centres', { municipalityCode: '461', name: 'Virkelyst Odense' })).centreId;
  tokens.staff = await t.token('staff', centreId, 'staff-1');
}, 120_000);
afterAll(async () => t?.close());

/** Sends the entry and the erasure together; the entry's status and code. */
async function race(entry: ReturnType<typeof request>, citizenId: string) {
  const [entered, erased] = await Promise.all([t.app.inject(entry), t.app.inject(request('admin', 'POST', `/admin/citizens/${citizenId}/erase`))]);
  expect(erased.statusCode, erased.body).toBeLessThan(300);
  expect([200, 201, 409], entered.body).toContain(entered.statusCode);
  if (entered.statusCode === 409) expect(entered.json().code).toBe('citizen_erased');
  return entered.statusCode;
}

describe('an erasure racing an entry of the same citizen', () => {
  it('leaves no place at an activity for the erased citizen', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const name = `place-${round}`;
      const citizenId = await citizen(name);
      await ok(name, 'POST', '/journeys', { centreId });
      const activityId = (
        await ok('staff', 'POST', `/centres/${centreId}/activities`, { kind: 'workshop', title: `Værksted ${round}`, start: inHours(48), end: inHours(50), where: { place: 'Huset' }, capacity: 5 })
      ).created.activityId as string;
      statuses.push(await race(request(name, 'POST', `/activities/${activityId}/places/${citizenId}`), citizenId));

      const held = (await activitiesOfCitizen(t.database.db, citizenId)).map((a) => a.activityId);
      expect(held, `round ${round}`).toEqual([]);
      const mine = await eventsOf(`activity-${activityId}`, citizenId);
      if (mine.includes('ActivityRegistered')) expect(mine.at(-1), `round ${round}: ${mine.join(', ')}`).toBe('ActivityPlaceErased');
      else expect(mine, `round ${round}`).toEqual([]);
    }
    expect(statuses.length).toBe(ROUNDS);
  }, 120_000);

  it('leaves no entrepreneurs’ track for the erased citizen', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `track-${round}`;
      const citizenId = await citizen(name);
      await ok(name, 'POST', '/journeys', { centreId });
      await race(request(name, 'POST', `/ventures/${citizenId}/join`, { centreId }), citizenId);
      const track = await eventsOf(`venture-${citizenId}`);
      if (track.includes('TrackJoined')) expect(track.at(-1), `round ${round}: ${track.join(', ')}`).toBe('TrackErased');
      else expect(track, `round ${round}`).toEqual([]);
    }
  }, 120_000);

  it('decides a registration again when the erasure commits between its read of the journey and its append, and refuses it', async () => {
    const name = 'between';
    const citizenId = await citizen(name);
    await ok(name, 'POST', '/journeys', { centreId });
    const activityId = (
      await ok('staff', 'POST', `/centres/${centreId}/activities`, { kind: 'workshop', title: 'Værksted', start: inHours(48), end: inHours(50), where: { place: 'Huset' }, capacity: 5 })
    ).created.activityId as string;
    const handler = new CommandHandler(t.store, { vault: t.vault });
    const principal = { id: citizenId, role: 'citizen' as const };
    const seen: boolean[] = [];
    const error = await enterAsCitizen(
      handler,
      activityDecider,
      citizenId,
      async (citizenErased) => {
        seen.push(citizenErased);
        // The first decision is made on the journey as it was; the erasure commits before its append.
        if (seen.length === 1) await ok('admin', 'POST', `/admin/citizens/${citizenId}/erase`);
        return { type: 'RegisterForActivity' as const, principal, now: new Date().toISOString(), data: { activityId, citizenId, citizenErased } };
      },
      { commandId: newId() },
      citizenId,
    ).catch((e: unknown) => e);
    expect(seen).toEqual([false, true]);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('citizen_erased');
    expect(await eventsOf(`activity-${activityId}`, citizenId)).toEqual([]);
  });
});
