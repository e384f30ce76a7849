/**
 * Groups over HTTP, per role: staff help start one (no member made), a citizen starts one and is
 * its first member; joining and leaving only by the member themselves; how the group meets set by
 * a member and opened only for members and the centre's staff; the meeting place attached by staff;
 * no list ever names a member, and no answer carries a sealed value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'helped' | 'own' | 'citizen' | 'otherCitizen' | 'third', string>;
const ARRANGEMENT = 'Vi mødes hver anden onsdag kl. 19 hos Lone på Vesterbrogade';

const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens);
/** A GET answered 200; the response itself, to read its body as text. */
async function raw(who: string | null, url: string) {
  const response = await t.app.inject(request(who, 'GET', url));
  expect(response.statusCode, `GET ${url} as ${who}: ${response.body}`).toBe(200);
  return response;
}
type Group = { groupId: string; members: number; arrangement: { text: string } | null; meetingPlace: string | null };
const find = (groups: Group[], groupId: string) => groups.find((g) => g.groupId === groupId)!;

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  tokens.partner = await t.token('partner', undefined, 'coach-1');
  tokens.researcher = await t.token('researcher', undefined, 'researcher-1');
  tokens.seated = await t.token('board_member', ids.centre, 'emp-1');
  for (const who of ['citizen', 'otherCitizen', 'third'] as const) ids[who] = await citizen(who);
}, 120_000);
afterAll(async () => t?.close());

describe('starting', () => {
  it('staff help start a group and are no member of it; a citizen starts one and is its first member', async () => {
    const helped = await t.app.inject(request('staff', 'POST', `/centres/${ids.centre}/groups`, { kind: 'citizen_to_citizen', name: 'Iværksættere', purpose: 'Vi deler erfaringer.' }));
    expect(helped.statusCode, helped.body).toBe(201);
    ids.helped = helped.json().groupId;
    expect(helped.json().events.map((e: { type: string }) => e.type)).toEqual(['GroupStarted']);
    const own = await ok('citizen', 'POST', `/centres/${ids.centre}/groups`, { kind: 'citizen_to_authority', name: 'Spørg kommunen', authority: 'Odense Kommune' });
    ids.own = own.groupId;
    expect(own.events.map((e: { type: string }) => e.type)).toEqual(['GroupStarted', 'GroupJoined']);
  });

  it('is refused for partners, board members and staff of another centre; for a centre that does not exist; and names the wrong field', async () => {
    const url = `/centres/${ids.centre}/groups`;
    for (const who of ['partner', 'seated', 'otherStaff', 'researcher']) expect((await refused(who, 'POST', url, 403, { kind: 'citizen_to_citizen', name: 'x' })).code).toBe('forbidden');
    expect((await refused('citizen', 'POST', `/centres/${newId()}/groups`, 404, { kind: 'citizen_to_citizen', name: 'x' })).code).toBe('centre_not_found');
    expect((await refused('citizen', 'POST', url, 400, { kind: 'citizen_to_partner', name: 'x' })).errors?.[0]?.field).toBe('partnerId');
    expect((await refused('staff', 'POST', url, 400, { kind: 'citizen_to_citizen', name: 'Mødepligt for ledige' })).code).toBe('coercive_wording');
  });
});

describe('members', () => {
  it('only the citizen themselves joins and leaves; nobody adds or removes anyone', async () => {
    const join = (citizen: string) => `/groups/${ids.helped}/members/${citizen}`;
    for (const who of ['staff', 'admin', 'otherCitizen', 'partner']) expect((await refused(who, 'POST', join(ids.citizen), 403)).code).toBe('forbidden');
    await ok('citizen', 'POST', join(ids.citizen));
    await ok('otherCitizen', 'POST', join(ids.otherCitizen));
    for (const who of ['staff', 'admin', 'otherCitizen']) await refused(who, 'POST', `${join(ids.citizen)}/leave`, 403);
    await ok('otherCitizen', 'POST', `${join(ids.otherCitizen)}/leave`);
    expect((await refused('citizen', 'POST', `/groups/${newId()}/members/${ids.citizen}`, 404)).code).toBe('group_not_found');
  });

  it('a member sets how the group meets; not staff, not a citizen outside it', async () => {
    const url = `/groups/${ids.helped}/meeting-arrangement`;
    for (const who of ['staff', 'admin', 'otherCitizen']) expect((await refused(who, 'PUT', url, 403, { arrangement: 'x' })).code).toBe('forbidden');
    await ok('citizen', 'PUT', url, { arrangement: ARRANGEMENT });
  });

  it('staff of the centre attach a virtual meeting place, an https link', async () => {
    const url = `/groups/${ids.helped}/meeting-place`;
    for (const who of ['citizen', 'otherStaff', 'partner']) await refused(who, 'PUT', url, 403, { link: 'https://moede.virkelyst.dk/ivaerksaettere' });
    expect((await refused('staff', 'PUT', url, 400, { link: 'http://moede.virkelyst.dk/x' })).errors?.[0]?.field).toBe('link');
    await ok('staff', 'PUT', url, { link: 'https://moede.virkelyst.dk/ivaerksaettere' });
  });
});

describe('reading', () => {
  it('the centre’s staff read how and where each group meets, and how many are members, never who', async () => {
    const response = await raw('staff', `/centres/${ids.centre}/groups`);
    const group = find(response.json().groups, ids.helped);
    expect(group).toMatchObject({ members: 1, meetingPlace: 'https://moede.virkelyst.dk/ivaerksaettere', arrangement: { text: ARRANGEMENT } });
    for (const id of [ids.citizen, ids.otherCitizen]) expect(response.body).not.toContain(id);
    expect(response.body).not.toContain('$sealed');
  });

  it('a member reads how and where their group meets; a citizen outside it sees the group and a count only', async () => {
    expect(find((await ok('citizen', 'GET', `/centres/${ids.centre}/groups`)).groups, ids.helped).arrangement?.text).toBe(ARRANGEMENT);
    const outside = await raw('third', `/centres/${ids.centre}/groups`);
    expect(find(outside.json().groups, ids.helped)).toMatchObject({ name: 'Iværksættere', members: 1, arrangement: null, meetingPlace: null });
    expect(outside.body).not.toMatch(/Vesterbrogade|moede\.virkelyst|\$sealed/);
    expect(outside.body).not.toContain(ids.citizen);
  });

  it('is refused for partners, researchers, board members and staff of another centre', async () => {
    for (const who of ['partner', 'researcher', 'seated', 'otherStaff']) await refused(who, 'GET', `/centres/${ids.centre}/groups`, 403);
    await refused(null, 'GET', `/centres/${ids.centre}/groups`, 401);
  });

  it('a citizen reads their own groups, with how each meets; nobody else reads them', async () => {
    const mine = (await ok('citizen', 'GET', `/citizens/${ids.citizen}/groups`)).groups;
    expect(mine.map((g: Group) => g.groupId).sort()).toEqual([ids.helped, ids.own].sort());
    expect(find(mine, ids.helped).arrangement?.text).toBe(ARRANGEMENT);
    expect((await ok('otherCitizen', 'GET', `/citizens/${ids.otherCitizen}/groups`)).groups).toEqual([]);
    for (const who of ['otherCitizen', 'staff', 'admin']) await refused(who, 'GET', `/citizens/${ids.citizen}/groups`, 403);
  });
});

describe('closing', () => {
  it('staff close only a group without members; a member closes theirs; a closed group changes no more', async () => {
    expect((await refused('staff', 'POST', `/groups/${ids.helped}/close`, 422)).code).toBe('group_has_members');
    await refused('otherCitizen', 'POST', `/groups/${ids.helped}/close`, 403);
    await ok('citizen', 'POST', `/groups/${ids.helped}/close`);
    expect((await refused('third', 'POST', `/groups/${ids.helped}/members/${ids.third}`, 409)).code).toBe('group_closed');
    expect((await ok('staff', 'GET', `/centres/${ids.centre}/groups`)).groups.map((g: Group) => g.groupId)).toEqual([ids.own]);
    await ok('staff', 'POST', `/groups/${ids.own}/meeting-place/detach`);
    await ok('citizen', 'POST', `/groups/${ids.own}/members/${ids.citizen}/leave`);
    await ok('staff', 'POST', `/groups/${ids.own}/close`);
  });
});
