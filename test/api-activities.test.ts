/**
 * Local activities over HTTP, per role: staff of the centre schedule, change, cancel and count
 * them; a citizen takes a place (or a place in line) and gives it up, only themselves; anyone reads
 * what is coming, with counts and never who; a citizen reads their own places.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { activityDecider } from '../src/domain/activity/decide.js';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'meeting' | 'small' | 'past' | 'citizen' | 'otherCitizen' | 'third', string>;
/** A moment `hours` from now. */
const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens);

const meeting = () => ({
  kind: 'information_meeting',
  title: 'Informationsmøde om iværksætteri',
  description: 'Hør om husets forløb for iværksættere.',
  start: inHours(48),
  end: inHours(49.5),
  where: { place: 'Huset, salen' },
  capacity: 30,
});

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  tokens.partner = await t.token('partner', undefined, 'coach-1');
  tokens.seated = await t.token('board_member', ids.centre, 'emp-1');
  ids.citizen = await citizen('citizen');
  ids.otherCitizen = await citizen('otherCitizen');
  ids.third = await citizen('thirdCitizen');
  // An activity that has ended: scheduled yesterday for earlier today, on the command path.
  ids.past = newId();
  const handler = new CommandHandler(t.store, { vault: t.vault });
  await handler.handle(
    activityDecider,
    {
      type: 'ScheduleActivity',
      principal: { id: 'staff-1', role: 'staff', centreId: ids.centre },
      now: inHours(-24),
      data: { activityId: ids.past, centreId: ids.centre, kind: 'workshop', title: 'CV-værksted', start: inHours(-3), end: inHours(-1), where: { link: 'https://moede.virkelyst.dk/cv' }, capacity: 10 },
    },
    { commandId: newId() },
  );
}, 120_000);
afterAll(async () => t?.close());

describe('scheduling', () => {
  it('staff of the centre schedule an activity; the answer says where to read it', async () => {
    const response = await t.app.inject(request('staff', 'POST', `/centres/${ids.centre}/activities`, meeting()));
    expect(response.statusCode, response.body).toBe(201);
    ids.meeting = response.json().activityId;
    expect(response.headers.location).toBe(`/activities/${ids.meeting}`);
    ids.small = (await ok('admin', 'POST', `/centres/${ids.centre}/activities`, { ...meeting(), kind: 'self_help_group', title: 'Selvhjælpsgruppe', capacity: 1, where: { link: 'https://moede.virkelyst.dk/gruppe' } })).activityId;
  });

  it('is refused for anyone not of the centre, and for a time past, a place and a link at once, or words of coercion', async () => {
    const url = `/centres/${ids.centre}/activities`;
    for (const who of ['otherStaff', 'citizen', 'partner', 'seated']) expect((await refused(who, 'POST', url, 403, meeting())).code).toBe('forbidden');
    await refused(null, 'POST', url, 401, meeting());
    expect((await refused('staff', 'POST', url, 400, { ...meeting(), start: inHours(-2) })).errors?.[0]?.field).toBe('start');
    expect((await refused('staff', 'POST', url, 400, { ...meeting(), where: { place: 'Salen', link: 'https://moede.dk' } })).errors?.[0]?.field).toBe('where');
    expect((await refused('staff', 'POST', url, 400, { ...meeting(), title: 'Obligatorisk møde: udebliver du, får det konsekvenser' })).code).toBe('coercive_wording');
    expect((await refused('staff', 'POST', url, 400, { ...meeting(), mandatory: true })).errors?.[0]?.field).toBe('mandatory');
  });
});

describe('places', () => {
  it('a citizen takes a place only for themselves; staff and other citizens cannot put anyone on it', async () => {
    const url = `/activities/${ids.meeting}/places/${ids.citizen}`;
    for (const who of ['otherCitizen', 'staff', 'admin', 'partner']) expect((await refused(who, 'POST', url, 403)).code).toBe('forbidden');
    await ok('citizen', 'POST', url);
    expect((await ok('citizen', 'POST', url)).events).toEqual([]);
    expect((await ok('citizen', 'GET', `/activities/${ids.meeting}`)).place).toMatchObject({ status: 'registered' });
    expect((await refused('citizen', 'POST', `/activities/${newId()}/places/${ids.citizen}`, 404)).code).toBe('activity_not_found');
  });

  it('when it is full, the next waits in line; a place given up goes to the first in line', async () => {
    await ok('citizen', 'POST', `/activities/${ids.small}/places/${ids.citizen}`);
    await ok('otherCitizen', 'POST', `/activities/${ids.small}/places/${ids.otherCitizen}`);
    expect((await ok('otherCitizen', 'GET', `/activities/${ids.small}`)).place).toMatchObject({ status: 'waiting', position: 1 });
    await refused('otherCitizen', 'POST', `/activities/${ids.small}/places/${ids.citizen}/leave`, 403);
    await refused('staff', 'POST', `/activities/${ids.small}/places/${ids.citizen}/leave`, 403);
    const left = await ok('citizen', 'POST', `/activities/${ids.small}/places/${ids.citizen}/leave`);
    expect(left.events.map((e: { type: string }) => e.type)).toEqual(['ActivityUnregistered', 'MovedUpFromWaitingList']);
    const own = (await ok('otherCitizen', 'GET', `/citizens/${ids.otherCitizen}/activities`)).activities;
    expect(own.map((a: { activityId: string; place: { status: string } }) => [a.activityId, a.place.status])).toEqual([[ids.small, 'registered']]);
  });

  it('a citizen’s own places are theirs to read only', async () => {
    expect((await ok('citizen', 'GET', `/citizens/${ids.citizen}/activities`)).activities.map((a: { activityId: string }) => a.activityId)).toEqual([ids.meeting]);
    for (const who of ['otherCitizen', 'staff', 'admin', 'partner']) await refused(who, 'GET', `/citizens/${ids.citizen}/activities`, 403);
    await refused(null, 'GET', `/citizens/${ids.citizen}/activities`, 401);
  });
});

describe('reading', () => {
  it('anyone reads what is coming, with counts and never who; an activity that has ended is left out', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/centres/${ids.centre}/activities` });
    expect(response.statusCode).toBe(200);
    const { activities } = response.json();
    expect(activities.map((a: { activityId: string }) => a.activityId).sort()).toEqual([ids.meeting, ids.small].sort());
    expect(activities.find((a: { activityId: string }) => a.activityId === ids.small)).toMatchObject({ capacity: 1, registered: 1, waiting: 0, freePlaces: 0 });
    expect(response.body).not.toContain(ids.citizen);
    expect(response.body).not.toContain(ids.otherCitizen);
    const one = await t.app.inject({ method: 'GET', url: `/activities/${ids.meeting}` });
    expect(one.json()).toMatchObject({ registered: 1, title: 'Informationsmøde om iværksætteri' });
    expect(one.json()).not.toHaveProperty('place');
    // Staff read the counts, never a place of anyone's.
    expect((await ok('staff', 'GET', `/activities/${ids.meeting}`))).not.toHaveProperty('place');
    expect((await refused(null, 'GET', `/activities/${newId()}`, 404)).code).toBe('activity_not_found');
  });
});

describe('changing, counting and cancelling', () => {
  it('staff change what was announced, never the capacity below those who have a place', async () => {
    await ok('staff', 'POST', `/activities/${ids.meeting}/change`, { title: 'Informationsmøde om at starte for dig selv', capacity: 40 });
    await ok('thirdCitizen', 'POST', `/activities/${ids.meeting}/places/${ids.third}`);
    expect((await refused('staff', 'POST', `/activities/${ids.meeting}/change`, 422, { capacity: 1 })).code).toBe('capacity_below_registered');
    expect((await refused('staff', 'POST', `/activities/${ids.meeting}/change`, 400, { capacity: 0 })).errors?.[0]?.field).toBe('capacity');
    for (const who of ['otherStaff', 'citizen', 'partner']) await refused(who, 'POST', `/activities/${ids.meeting}/change`, 403, { capacity: 50 });
    expect((await refused('staff', 'POST', `/activities/${ids.past}/change`, 422, { title: 'x' })).code).toBe('activity_begun');
  });

  it('staff count how many came after the end, a count only', async () => {
    expect((await refused('staff', 'PUT', `/activities/${ids.meeting}/attendance`, 422, { count: 12 })).code).toBe('activity_not_ended');
    for (const who of ['otherStaff', 'citizen']) await refused(who, 'PUT', `/activities/${ids.past}/attendance`, 403, { count: 7 });
    expect((await refused('staff', 'PUT', `/activities/${ids.past}/attendance`, 400, { count: 7, who: [ids.citizen] })).errors?.[0]?.field).toBe('who');
    await ok('staff', 'PUT', `/activities/${ids.past}/attendance`, { count: 7 });
    expect((await ok(null, 'GET', `/activities/${ids.past}`)).attendance).toBe(7);
    expect((await refused('staff', 'POST', `/activities/${ids.past}/cancel`, 422)).code).toBe('activity_ended');
  });

  it('staff cancel one that has not taken place; nobody has a place in it then, and nobody takes one', async () => {
    await refused('citizen', 'POST', `/activities/${ids.meeting}/cancel`, 403);
    await ok('staff', 'POST', `/activities/${ids.meeting}/cancel`);
    expect((await ok(null, 'GET', `/activities/${ids.meeting}`)).status).toBe('cancelled');
    expect((await refused('citizen', 'POST', `/activities/${ids.meeting}/places/${ids.citizen}`, 422)).code).toBe('activity_cancelled');
    expect((await ok(null, 'GET', `/centres/${ids.centre}/activities`)).activities.map((a: { activityId: string }) => a.activityId)).toEqual([ids.small]);
  });
});
