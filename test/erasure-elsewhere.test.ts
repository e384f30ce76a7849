/**
 * Erasing a citizen ends what they held outside their journey, in the erasure's own append: their
 * place at an activity (the first in line has it), their place in line, their membership of a
 * group, and their entrepreneurs' track. Afterwards nothing new is recorded for them anywhere, a
 * citizen who never started a journey but holds something can be erased too, and the audit finds
 * nothing wrong in the log it leaves.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsFromDatabase, headsFromDatabase, leavesFromDatabase } from '../src/audit/source.js';
import { verifyLog } from '../src/audit/verify.js';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
let centreId: string;
const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

// Its refusals are checked for their status, their code and nothing appended, not for their content type.
const { ok, refused, citizen } = apiCalls(() => t, tokens);

const typesOn = async (streamId: string) =>
  (await sql<{ event_type: string }>`select event_type from events where stream_id = ${streamId} order by stream_version`.execute(t.database.db)).rows.map((r) => r.event_type);

beforeAll(async () => {
  t = await createTestApp();
  tokens.admin = await t.token('admin', undefined, 'admin-1');
  centreId = (await ok('admin', 'POST', '/centres', { municipalityCode: '461', name: 'Virkelyst Odense' })).centreId;
  tokens.staff = await t.token('staff', centreId, 'staff-1');
}, 120_000);
afterAll(async () => t?.close());

describe('erasing a citizen who holds places, memberships and a track', () => {
  it('ends each in the same append, gives the freed place to the first in line, and refuses them anything new', async () => {
    const [erased, waiting, member] = [await citizen('erased'), await citizen('waiting'), await citizen('member')];
    await ok('erased', 'POST', '/journeys', { centreId });
    const activityId = (
      await ok('staff', 'POST', `/centres/${centreId}/activities`, {
        kind: 'workshop',
        title: 'CV-værksted',
        start: inHours(48),
        end: inHours(50),
        where: { place: 'Huset, lokale 2' },
        capacity: 1,
      })
    ).created.activityId as string;
    const lineId = (
      await ok('staff', 'POST', `/centres/${centreId}/activities`, { kind: 'seminar', title: 'Iværksætteraften', start: inHours(72), end: inHours(74), where: { place: 'Salen' }, capacity: 1 })
    ).created.activityId as string;
    await ok('erased', 'POST', `/activities/${activityId}/places/${erased}`);
    await ok('waiting', 'POST', `/activities/${activityId}/places/${waiting}`);
    await ok('waiting', 'POST', `/activities/${lineId}/places/${waiting}`);
    await ok('erased', 'POST', `/activities/${lineId}/places/${erased}`);
    const groupId = (await ok('erased', 'POST', `/centres/${centreId}/groups`, { kind: 'citizen_to_citizen', name: 'Iværksættere i Odense' })).created.groupId as string;
    await ok('member', 'POST', `/groups/${groupId}/members/${member}`);
    await ok('erased', 'POST', `/ventures/${erased}/join`, { centreId, businessIdea: 'Et bageri' });

    const before = await t.eventCount();
    const erasure = await ok('admin', 'POST', `/admin/citizens/${erased}/erase`);
    expect(erasure.events.map((e: { type: string }) => e.type)).toEqual(['CitizenErased']);
    const { rows } = await sql<{ event_type: string; transaction_id: string }>`
      select event_type, transaction_id::text from events order by global_position offset ${before}`.execute(t.database.db);
    // One transaction: the erasure and all it ends, or none of it.
    expect(new Set(rows.map((r) => r.transaction_id)).size).toBe(1);
    expect(rows.map((r) => r.event_type).sort()).toEqual(['ActivityPlaceErased', 'ActivityPlaceErased', 'CitizenErased', 'GroupMembershipErased', 'MovedUpFromWaitingList', 'TrackErased']);

    // The place went to the one waiting; the line is shorter; the group keeps its other member.
    expect(await ok('waiting', 'GET', `/activities/${activityId}`)).toMatchObject({ registered: 1, waiting: 0, place: { status: 'registered' } });
    expect(await ok('waiting', 'GET', `/activities/${lineId}`)).toMatchObject({ registered: 1, waiting: 0 });
    const group = (await ok('member', 'GET', `/citizens/${member}/groups`)).groups.find((g: { groupId: string }) => g.groupId === groupId);
    expect(group).toMatchObject({ members: 1, status: 'open' });
    expect(await typesOn(`venture-${erased}`)).toEqual(['TrackJoined', 'TrackErased']);

    // Nothing new for them anywhere, and nothing appended by trying.
    expect((await refused('erased', 'POST', `/activities/${activityId}/places/${erased}`, 409)).code).toBe('citizen_erased');
    expect((await refused('erased', 'POST', `/groups/${groupId}/members/${erased}`, 409)).code).toBe('citizen_erased');
    expect((await refused('erased', 'POST', `/centres/${centreId}/groups`, 409, { kind: 'citizen_to_citizen', name: 'En ny gruppe' })).code).toBe('citizen_erased');
    expect((await refused('erased', 'POST', `/ventures/${erased}/join`, 409, { centreId })).code).toBe('citizen_erased');
    expect((await refused('erased', 'POST', `/ventures/${erased}/milestones`, 409, { text: 'Et mål' })).code).toBe('citizen_erased');

    // Erasing again appends nothing.
    const again = await ok('admin', 'POST', `/admin/citizens/${erased}/erase`);
    expect(again.events).toEqual([]);
    expect(await t.eventCount()).toBe(before + rows.length);
  });

  it('erases a citizen with no journey who holds a track or a place, and refuses one who holds nothing', async () => {
    const trackOnly = await citizen('trackOnly');
    await ok('trackOnly', 'POST', `/ventures/${trackOnly}/join`, { centreId, businessIdea: 'Et værksted' });
    await ok('admin', 'POST', `/admin/citizens/${trackOnly}/erase`);
    expect(await typesOn(`journey-${trackOnly}`)).toEqual(['CitizenErased']);
    expect(await typesOn(`venture-${trackOnly}`)).toEqual(['TrackJoined', 'TrackErased']);
    // Their journey can never start now: nothing more is recorded for them.
    expect((await refused('trackOnly', 'POST', '/journeys', 409, { centreId })).code).toBe('citizen_erased');

    const nobody = newId();
    expect((await refused('admin', 'POST', `/admin/citizens/${nobody}/erase`, 404)).code).toBe('journey_not_found');
  });

  it('leaves a log in which the audit finds nothing wrong about the erasures', async () => {
    await t.engine.settle();
    const { rows } = await sql<{ position: string }>`
      select global_position as position from events
      where event_type in ('CitizenErased', 'ActivityPlaceErased', 'GroupMembershipErased', 'TrackErased', 'MovedUpFromWaitingList')`.execute(t.database.db);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const positions = new Set(rows.map((r) => Number(r.position)));
    const report = await verifyLog({
      events: eventsFromDatabase(t.database.pool),
      leaves: await leavesFromDatabase(t.database.db),
      heads: await headsFromDatabase(t.database.db),
      publicKeyPem: t.auditKey.publicKeyPem,
    });
    const about = report.checks.flatMap((c) => c.violations.filter((v) => v.position !== null && positions.has(v.position)).map((v) => `check ${c.id}: ${v.reason}`));
    expect(about).toEqual([]);
  });
});
