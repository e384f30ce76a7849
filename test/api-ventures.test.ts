/**
 * The entrepreneurs' track over HTTP, per role: every command the citizen's own (nobody acts for
 * them); their track read and downloaded by them alone, their words opened; the survival share of
 * the centre's businesses for its staff and sitting board members, counts only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { danishDate, quarterOf } from '../src/domain/venture/venture.js';
import { newId } from '../src/ids.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'citizen' | 'otherCitizen' | 'milestone' | 'second', string>;
const IDEA = 'Et bageri med surdejsbrød på Amager';
const MILESTONE = 'Finde et lokale med ovn';
const daysAgo = (days: number) => danishDate(new Date(Date.now() - days * 24 * 3600_000).toISOString());
const thisQuarter = () => quarterOf(danishDate(new Date().toISOString()));
const nextQuarter = () => {
  const [year, q] = thisQuarter().split('-Q').map(Number) as [number, number];
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
};

const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens, { settleBeforeGet: true });

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  tokens.partner = await t.token('partner', undefined, 'coach-1');
  tokens.researcher = await t.token('researcher', undefined, 'researcher-1');
  tokens.seated = await t.token('board_member', ids.centre, 'emp-1');
  tokens.unseated = await t.token('board_member', ids.centre, 'never-seated');
  await ok('admin', 'POST', `/centres/${ids.centre}/board`);
  await ok('admin', 'POST', `/centres/${ids.centre}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-10-01' });
  ids.citizen = await citizen('citizen');
  ids.otherCitizen = await citizen('otherCitizen');
}, 120_000);
afterAll(async () => t?.close());

const track = (citizenId: string) => `/ventures/${citizenId}`;

describe('the citizen’s own commands', () => {
  it('the citizen joins at a centre with a business idea of their own, sealed in the log', async () => {
    for (const who of ['otherCitizen', 'staff', 'admin', 'partner']) expect((await refused(who, 'POST', `${track(ids.citizen)}/join`, 403, { centreId: ids.centre })).code).toBe('forbidden');
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/join`, 404, { centreId: newId() })).code).toBe('centre_not_found');
    await ok('citizen', 'POST', `${track(ids.citizen)}/join`, { centreId: ids.centre, businessIdea: IDEA });
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/join`, 409, { centreId: ids.centre })).code).toBe('track_joined');
    const { rows } = await sql<{ data: string }>`select data::text as data from events where stream_id = ${`venture-${ids.citizen}`}`.execute(t.database.db);
    expect(rows.map((r) => r.data).join()).not.toContain('surdejsbrød');
  });

  it('milestones with a month hoped for, revised, reached and removed: the citizen’s only', async () => {
    const set = await ok('citizen', 'POST', `${track(ids.citizen)}/milestones`, { text: MILESTONE, hopedFor: '2027-05' });
    ids.milestone = set.created.milestoneId;
    ids.second = (await ok('citizen', 'POST', `${track(ids.citizen)}/milestones`, { text: 'Lave en budgetplan' })).created.milestoneId;
    for (const who of ['staff', 'otherCitizen']) await refused(who, 'POST', `${track(ids.citizen)}/milestones`, 403, { text: 'x' });
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/milestones`, 400, { text: 'x', hopedFor: '2027-13' })).errors?.[0]?.field).toBe('hopedFor');
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/milestones`, 400, { text: 'x', due: '2027-05-01' })).errors?.[0]?.field).toBe('due');
    await ok('citizen', 'POST', `${track(ids.citizen)}/milestones/${ids.milestone}/revise`, { text: `${MILESTONE} i Sundby`, hopedFor: '2027-06' });
    await ok('citizen', 'POST', `${track(ids.citizen)}/milestones/${ids.milestone}/reached`);
    await refused('staff', 'POST', `${track(ids.citizen)}/milestones/${ids.second}/remove`, 403);
    await ok('citizen', 'POST', `${track(ids.citizen)}/milestones/${ids.second}/remove`);
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/milestones/${ids.second}/reached`, 404)).code).toBe('milestone_not_found');
  });

  it('a check-in for a quarter that has begun, when the citizen chooses', async () => {
    await ok('citizen', 'POST', `${track(ids.citizen)}/check-ins`, { quarter: thisQuarter(), status: 'not_started', note: 'Jeg har talt med banken.' });
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/check-ins`, 400, { quarter: nextQuarter(), status: 'running' })).errors?.[0]?.field).toBe('quarter');
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/check-ins`, 400, { quarter: thisQuarter(), status: 'bankrupt' })).errors?.[0]?.field).toBe('status');
    await refused('staff', 'POST', `${track(ids.citizen)}/check-ins`, 403, { quarter: thisQuarter(), status: 'running' });
  });

  it('the business start, and whether it still runs once an anniversary has come', async () => {
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/survival`, 422, { years: 1, running: true })).code).toBe('business_start_not_recorded');
    expect((await refused('citizen', 'PUT', `${track(ids.citizen)}/business-start`, 400, { startedOn: daysAgo(-3) })).errors?.[0]?.field).toBe('startedOn');
    await ok('citizen', 'PUT', `${track(ids.citizen)}/business-start`, { startedOn: daysAgo(400), hasCvr: true });
    await refused('staff', 'PUT', `${track(ids.citizen)}/business-start`, 403, { startedOn: daysAgo(400) });
    await ok('citizen', 'POST', `${track(ids.citizen)}/survival`, { years: 1, running: true });
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/survival`, 422, { years: 2, running: true })).code).toBe('anniversary_not_come');
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/survival`, 400, { years: 4, running: true })).errors?.[0]?.field).toBe('years');
  });
});

describe('reading the track', () => {
  it('the citizen reads their own track, their words opened; nobody else reads it', async () => {
    const mine = await ok('citizen', 'GET', track(ids.citizen));
    expect(mine).toMatchObject({ citizenId: ids.citizen, status: 'joined', centreId: ids.centre, memberships: [{ centreId: ids.centre, businessIdea: IDEA }] });
    expect(mine.milestones).toMatchObject([{ milestoneId: ids.milestone, text: `${MILESTONE} i Sundby`, hopedFor: '2027-06', status: 'reached' }]);
    expect(mine.checkIns).toMatchObject([{ quarter: thisQuarter(), status: 'not_started', note: 'Jeg har talt med banken.' }]);
    expect(mine.businessStart).toMatchObject({ startedOn: daysAgo(400), hasCvr: true });
    expect(mine.survival).toMatchObject([{ years: 1, running: true }]);
    expect(JSON.stringify(mine)).not.toContain('$sealed');
    for (const who of ['otherCitizen', 'staff', 'admin', 'seated', 'partner']) await refused(who, 'GET', track(ids.citizen), 403);
    await refused(null, 'GET', track(ids.citizen), 401);
    expect((await refused('otherCitizen', 'GET', track(ids.otherCitizen), 404)).code).toBe('track_not_found');
  });

  it('the citizen downloads their progress summary as a file, their words opened', async () => {
    await t.engine.settle();
    const response = await t.app.inject(request('citizen', 'GET', `${track(ids.citizen)}/summary`));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.json"$/);
    const summary = response.json();
    expect(summary).toMatchObject({ citizenId: ids.citizen, status: 'joined', memberships: [{ businessIdea: IDEA }], milestones: [{ text: `${MILESTONE} i Sundby` }] });
    expect(summary).not.toHaveProperty('centreId');
    expect(response.body).not.toContain('$sealed');
    for (const who of ['staff', 'otherCitizen', 'admin']) await refused(who, 'GET', `${track(ids.citizen)}/summary`, 403);
  });
});

describe('the survival share', () => {
  it('counts only, for the centre’s staff, its sitting board members and administrators', async () => {
    await ok('otherCitizen', 'POST', `${track(ids.otherCitizen)}/join`, { centreId: ids.centre });
    await ok('otherCitizen', 'PUT', `${track(ids.otherCitizen)}/business-start`, { startedOn: daysAgo(500) });
    await ok('otherCitizen', 'POST', `${track(ids.otherCitizen)}/survival`, { years: 1, running: false });
    for (const who of ['staff', 'seated', 'admin']) {
      const share = await ok(who, 'GET', `/centres/${ids.centre}/venture-survival`);
      expect(share.goal).toBe(0.5);
      // Two businesses: too few to show as numbers, and no share (one owner's answer could be read from it).
      expect(share.years[0]).toEqual({ years: 1, reached: null, answered: null, running: null, share: null, meetsGoal: null });
      expect(share.years[1]).toMatchObject({ years: 2, reached: 0, answered: 0, share: null, meetsGoal: null });
      expect(JSON.stringify(share)).not.toContain(ids.citizen);
    }
    expect((await ok('otherStaff', 'GET', `/centres/${ids.otherCentre}/venture-survival`)).years[0].reached).toBe(0);
    for (const who of ['otherStaff', 'unseated', 'citizen', 'partner', 'researcher']) await refused(who, 'GET', `/centres/${ids.centre}/venture-survival`, 403);
  });
});

describe('leaving', () => {
  it('the citizen leaves at any time, with a reason only if they like; milestones wait until they join again', async () => {
    await refused('staff', 'POST', `${track(ids.citizen)}/leave`, 403);
    await ok('citizen', 'POST', `${track(ids.citizen)}/leave`, { reason: 'Jeg har fået et job.' });
    expect((await refused('citizen', 'POST', `${track(ids.citizen)}/milestones`, 409, { text: 'x' })).code).toBe('track_left');
    const mine = await ok('citizen', 'GET', track(ids.citizen));
    expect(mine.status).toBe('left');
    expect(mine.memberships[0].leftReason).toBe('Jeg har fået et job.');
    await ok('citizen', 'POST', `${track(ids.citizen)}/join`, { centreId: ids.otherCentre });
    expect((await ok('citizen', 'GET', track(ids.citizen))).memberships).toHaveLength(2);
    expect((await refused('otherCitizen', 'POST', `${track(newId())}/leave`, 403)).code).toBe('forbidden');
  });
});
