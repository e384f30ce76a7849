/**
 * Citizens' ideas for the development budget over HTTP, on real PostgreSQL: a citizen proposes in
 * their own words (sealed in the log, opened for everyone to read); another supports it, and the
 * support counts in the very answer to the request (no basket, nothing to confirm); a support is
 * taken back and given again; the board's chair answers by an adopted resolution, taken in as a
 * line (whose text shows once the budget is approved) or not with the reason; supports freeze at
 * the answer; the idea's path is public and names no one; erasing the proposer leaves the path and
 * not the words.
 */
import { sql } from 'kysely';
import { signPendingHead } from '../src/audit/sealer.js';
import { verifyDatabase } from '../src/audit/live.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ideaStreamId } from '../src/domain/idea/idea.js';
import { apiCalls, type TestApp } from './support/api-calls.js';
import { createTestApp } from './support/app.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'centre' | 'otherCentre' | 'budget' | 'annual' | 'repairs' | 'garden' | 'adopted' | 'open' | 'meeting' | 'anna' | 'bo' | 'cy', string>;
const { request, ok, refused, citizen, twoCentres } = apiCalls(() => t, tokens, { settleBeforeGet: true });

const TITLE = 'Reparationscafé i centret';
const DESCRIPTION = 'Et sted hvor vi mødes og lærer at reparere cykler, tøj og elektronik sammen.';
const line = (description: string) => ({
  financeAccount: '17411110',
  standardAccount: '18',
  nature: 'expenditure',
  description,
  amounts: { '2027': 50_000_00, '2028': 50_000_00, '2029': 50_000_00, '2030': 50_000_00, '2031': 50_000_00 },
});

type Idea = {
  ideaId: string;
  title: string | null;
  description: string | null;
  erased: boolean;
  status: string;
  supports: number;
  answer: { kind: string; supports: number; reason: string | null; resolution: { resolutionId: string; title: string | null }; line: { lineId: string; description: string | null } | null } | null;
  mine?: { proposed: boolean; supporting: boolean };
};
const ideasOf = async (who: string | null) => (await ok(who, 'GET', `/budgets/${ids.budget}/ideas`)).ideas as Idea[];
const find = (ideas: Idea[], ideaId: string) => ideas.find((i) => i.ideaId === ideaId);
const propose = async (who: string, title = TITLE) => (await ok(who, 'POST', `/centres/${ids.centre}/ideas`, { budgetId: ids.budget, title, description: DESCRIPTION })).ideaId as string;

/** A resolution of the board adopted at a meeting of its three members; its id. */
async function adopt(title: string, subject: object = { kind: 'general' }): Promise<string> {
  const b = `/centres/${ids.centre}/board`;
  const resolution = (await ok('chair', 'POST', `${b}/meetings/${ids.meeting}/resolutions`, { title, subject })).created.resolutionId as string;
  for (const who of ['chair', 'citizenMember', 'secretary']) await ok(who, 'POST', `${b}/resolutions/${resolution}/votes`, { choice: 'for' });
  await ok('chair', 'POST', `${b}/resolutions/${resolution}/decide`);
  return resolution;
}

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(ids, await twoCentres());
  const b = `/centres/${ids.centre}/board`;
  tokens.chair = await t.token('board_member', ids.centre, 'emp-1');
  tokens.citizenMember = await t.token('board_member', ids.centre, 'cit-1');
  tokens.secretary = await t.token('board_member', ids.centre, 'part-1');
  tokens.unseated = await t.token('board_member', ids.centre, 'never-seated');
  await ok('admin', 'POST', `${b}`);
  const seatId = (await ok('admin', 'POST', `${b}/seats`, { organisation: 'Dansk Erhverv' })).created.seatId as string;
  await ok('admin', 'POST', `${b}/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `${b}/seats/citizen/member`, { memberId: 'cit-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `${b}/seats/${seatId}/member`, { memberId: 'part-1', how: 'appointed', from: '2026-10-01' });
  await ok('admin', 'PUT', `${b}/roles/chair`, { memberId: 'emp-1' });
  await ok('admin', 'PUT', `${b}/roles/secretary`, { memberId: 'part-1' });
  ids.meeting = (await ok('chair', 'POST', `${b}/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Udviklingsbudget 2027–2031', 'Borgernes idéer'] })).created.meetingId;
  await ok('chair', 'POST', `${b}/meetings/${ids.meeting}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
  ids.adopted = await adopt('Svar på borgernes idéer');
  ids.open = (await ok('chair', 'POST', `${b}/meetings/${ids.meeting}/resolutions`, { title: 'Endnu ikke stemt om', subject: { kind: 'general' } })).created.resolutionId;

  ids.budget = (await ok('chair', 'POST', `/centres/${ids.centre}/budgets`, { fiscalYear: 2027, kind: 'development' })).created.budgetId;
  ids.annual = (await ok('chair', 'POST', `/centres/${ids.centre}/budgets`, { fiscalYear: 2027, kind: 'annual' })).created.budgetId;
  ids.repairs = (await ok('chair', 'POST', `/budgets/${ids.budget}/lines`, line('Reparationscafé'))).created.lineId;
  ids.garden = (await ok('chair', 'POST', `/budgets/${ids.budget}/lines`, line('Byhave'))).created.lineId;
  for (const who of ['anna', 'bo', 'cy'] as const) ids[who] = await citizen(who);
}, 120_000);
afterAll(async () => t?.close());

describe('proposing', () => {
  it('a citizen proposes in their own words: sealed in the log, read by everyone, their own on their page', async () => {
    const ideaId = await propose('anna');
    const [stored] = (await sql<{ data: Record<string, unknown> }>`select data from events where stream_id = ${ideaStreamId(ideaId)}`.execute(t.database.db)).rows;
    expect(JSON.stringify(stored!.data)).not.toContain('Reparationscafé');
    expect(stored!.data.title).toMatchObject({ $sealed: 'v1' });
    const seen = find(await ideasOf(null), ideaId)!;
    expect(seen).toMatchObject({ title: TITLE, description: DESCRIPTION, erased: false, status: 'open', supports: 0, answer: null });
    expect(seen.mine).toBeUndefined();
    expect(find(await ideasOf('anna'), ideaId)!.mine).toEqual({ proposed: true, supporting: false });
    expect(find(await ideasOf('bo'), ideaId)!.mine).toEqual({ proposed: false, supporting: false });
  });

  it('is refused for other roles, for the annual budget, another centre’s budget, and an empty title', async () => {
    const body = { budgetId: ids.budget, title: 'x', description: 'y' };
    for (const who of ['staff', 'chair', 'admin']) expect((await refused(who, 'POST', `/centres/${ids.centre}/ideas`, 403, body)).code).toBe('forbidden');
    expect((await refused('anna', 'POST', `/centres/${ids.centre}/ideas`, 422, { ...body, budgetId: ids.annual })).code).toBe('not_development_budget');
    expect((await refused('anna', 'POST', `/centres/${ids.otherCentre}/ideas`, 404, body)).code).toBe('budget_not_found');
    expect((await refused('anna', 'POST', `/centres/${ids.centre}/ideas`, 400, { ...body, title: '  ' })).errors?.[0]?.field).toBe('title');
    for (const budgetId of [ids.annual, ids.repairs]) expect((await refused(null, 'GET', `/budgets/${budgetId}/ideas`, 404)).code).toBe('budget_not_found');
  });
});

describe('supporting', () => {
  it('counts in the answer to the request itself, one support each, taken back and given again', async () => {
    const ideaId = await propose('anna', 'Lektiecafé for voksne');
    const given = await ok('bo', 'POST', `/ideas/${ideaId}/support`);
    expect(given.events.map((e: { type: string }) => e.type)).toEqual(['IdeaSupported']);
    // Read straight after, without waiting: it counts now.
    const now = await t.app.inject(request('bo', 'GET', `/budgets/${ids.budget}/ideas`));
    expect(find(now.json().ideas, ideaId)).toMatchObject({ supports: 1, mine: { proposed: false, supporting: true } });
    expect((await ok('bo', 'POST', `/ideas/${ideaId}/support`)).events).toEqual([]);
    await ok('cy', 'POST', `/ideas/${ideaId}/support`);
    expect(find(await ideasOf(null), ideaId)!.supports).toBe(2);
    await ok('bo', 'POST', `/ideas/${ideaId}/support/withdraw`);
    expect(find(await ideasOf('bo'), ideaId)).toMatchObject({ supports: 1, mine: { supporting: false } });
    await ok('bo', 'POST', `/ideas/${ideaId}/support`);
    expect(find(await ideasOf('bo'), ideaId)).toMatchObject({ supports: 2, mine: { supporting: true } });
  });

  it('is not the proposer’s own, and not a board member’s or staff’s', async () => {
    const ideaId = await propose('anna', 'Cykelværksted');
    expect((await refused('anna', 'POST', `/ideas/${ideaId}/support`, 422)).code).toBe('own_idea');
    for (const who of ['staff', 'chair']) expect((await refused(who, 'POST', `/ideas/${ideaId}/support`, 403)).code).toBe('forbidden');
  });
});

describe('the board’s answer', () => {
  it('takes an idea in as a line, by an adopted resolution, with the count then; the supports are frozen after', async () => {
    const ideaId = await propose('anna', 'En reparationscafé om torsdagen');
    await ok('bo', 'POST', `/ideas/${ideaId}/support`);
    await ok('cy', 'POST', `/ideas/${ideaId}/support`);
    expect((await refused('citizenMember', 'POST', `/ideas/${ideaId}/answer`, 403, { resolutionId: ids.adopted, answer: { kind: 'taken_in', lineId: ids.repairs } })).code).toBe('forbidden');
    expect((await refused('unseated', 'POST', `/ideas/${ideaId}/answer`, 403, { resolutionId: ids.adopted, answer: { kind: 'taken_in', lineId: ids.repairs } })).code).toBe('forbidden');
    expect((await refused('chair', 'POST', `/ideas/${ideaId}/answer`, 422, { resolutionId: ids.open, answer: { kind: 'taken_in', lineId: ids.repairs } })).code).toBe('resolution_not_adopted');
    expect((await refused('chair', 'POST', `/ideas/${ideaId}/answer`, 400, { resolutionId: ids.adopted, answer: { kind: 'taken_in', lineId: ids.annual } })).errors?.[0]?.field).toBe('answer.lineId');
    await ok('chair', 'POST', `/ideas/${ideaId}/answer`, { resolutionId: ids.adopted, answer: { kind: 'taken_in', lineId: ids.repairs } });
    const answered = find(await ideasOf(null), ideaId)!;
    // The budget is a draft: the line is named, its text shown once the budget is approved.
    expect(answered).toMatchObject({ status: 'answered', supports: 2, answer: { kind: 'taken_in', supports: 2, reason: null, resolution: { resolutionId: ids.adopted, title: 'Svar på borgernes idéer' }, line: { lineId: ids.repairs, description: null } } });
    expect((await refused('bo', 'POST', `/ideas/${ideaId}/support/withdraw`, 409)).code).toBe('idea_answered');
    expect((await refused('anna', 'POST', `/ideas/${ideaId}/withdraw`, 409)).code).toBe('idea_answered');
    expect((await refused('chair', 'POST', `/ideas/${ideaId}/answer`, 409, { resolutionId: ids.adopted, answer: { kind: 'not_taken_in', reason: 'Alligevel ikke' } })).code).toBe('idea_answered');
  });

  it('or not, with the reason, recorded by the secretary; a reason is needed', async () => {
    const ideaId = await propose('anna', 'Svømmehal');
    expect((await refused('secretary', 'POST', `/ideas/${ideaId}/answer`, 400, { resolutionId: ids.adopted, answer: { kind: 'not_taken_in', reason: ' ' } })).errors?.[0]?.field).toBe('answer.reason');
    await ok('secretary', 'POST', `/ideas/${ideaId}/answer`, { resolutionId: ids.adopted, answer: { kind: 'not_taken_in', reason: 'Det ligger uden for centrets opgaver; kommunen planlægger en.' } });
    expect(find(await ideasOf(null), ideaId)!.answer).toMatchObject({ kind: 'not_taken_in', reason: 'Det ligger uden for centrets opgaver; kommunen planlægger en.', line: null });
  });
});

describe('the path', () => {
  it('shows each step with the count after it, the resolution and the line; never who proposed or supported', async () => {
    const ideaId = await propose('anna', 'Byhave på taget');
    await ok('bo', 'POST', `/ideas/${ideaId}/support`);
    await ok('cy', 'POST', `/ideas/${ideaId}/support`);
    await ok('bo', 'POST', `/ideas/${ideaId}/support/withdraw`);
    await ok('chair', 'POST', `/ideas/${ideaId}/answer`, { resolutionId: ids.adopted, answer: { kind: 'taken_in', lineId: ids.garden } });
    const response = await t.app.inject(request(null, 'GET', `/ideas/${ideaId}`));
    expect(response.statusCode).toBe(200);
    const { idea, path } = response.json() as { idea: Idea; path: { type: string; supports: number; lineId: string | null; resolutionId: string | null }[] };
    expect(idea).toMatchObject({ title: 'Byhave på taget', supports: 1, answer: { line: { lineId: ids.garden } } });
    expect(path.map((s) => [s.type, s.supports])).toEqual([
      ['IdeaProposed', 0],
      ['IdeaSupported', 1],
      ['IdeaSupported', 2],
      ['IdeaSupportWithdrawn', 1],
      ['IdeaAnswered', 1],
    ]);
    expect(path.at(-1)).toMatchObject({ lineId: ids.garden, resolutionId: ids.adopted });
    const list = (await t.app.inject(request(null, 'GET', `/budgets/${ids.budget}/ideas`))).body;
    for (const person of [ids.anna, ids.bo, ids.cy]) {
      expect(response.body).not.toContain(person);
      expect(list).not.toContain(person);
    }
    expect((await refused(null, 'GET', `/ideas/${ids.repairs}`, 404)).code).toBe('idea_not_found');
  });

  it('shows the line’s text once the budget is approved', async () => {
    await t.engine.settle();
    const version = (await ok('chair', 'GET', `/budgets/${ids.budget}`)).version as number;
    const approval = await adopt('Godkend udviklingsbudget 2027–2031', { kind: 'budget_approval', budgetId: ids.budget, version });
    await ok('chair', 'POST', `/budgets/${ids.budget}/approve`, { resolutionId: approval });
    const taken = (await ideasOf(null)).filter((i) => i.answer?.kind === 'taken_in');
    expect(taken.length).toBeGreaterThan(0);
    for (const i of taken) expect(i.answer!.line!.description).toBe(i.answer!.line!.lineId === ids.repairs ? 'Reparationscafé' : 'Byhave');
  });
});

describe('withdrawing and erasure', () => {
  it('the proposer withdraws their idea: it leaves the list, its path stays without its words', async () => {
    const ideaId = await propose('anna', 'Noget jeg fortryder');
    expect((await refused('bo', 'POST', `/ideas/${ideaId}/withdraw`, 403)).code).toBe('forbidden');
    await ok('anna', 'POST', `/ideas/${ideaId}/withdraw`);
    expect(find(await ideasOf(null), ideaId)).toBeUndefined();
    const { idea } = await ok(null, 'GET', `/ideas/${ideaId}`);
    expect(idea).toMatchObject({ status: 'withdrawn', title: null, description: null });
    expect((await refused('bo', 'POST', `/ideas/${ideaId}/support`, 409)).code).toBe('idea_withdrawn');
  });

  it('erasing a supporter ends their support of ideas not yet answered; an answered idea keeps its count', async () => {
    const open = await propose('anna', 'Fællesværksted');
    await ok('cy', 'POST', `/ideas/${open}/support`);
    await ok('bo', 'POST', `/ideas/${open}/support`);
    const answered = (await ideasOf(null)).find((i) => i.answer !== null && i.supports > 0)!;
    await ok('admin', 'POST', `/admin/citizens/${ids.cy}/erase`);
    expect(find(await ideasOf(null), open)!.supports).toBe(1);
    expect(find(await ideasOf(null), answered.ideaId)!.supports).toBe(answered.supports);
    const { path } = await ok(null, 'GET', `/ideas/${open}`);
    expect(path.at(-1)).toMatchObject({ type: 'IdeaSupportErased', supports: 1 });
    expect(JSON.stringify(path)).not.toContain(ids.cy);
    expect((await refused('cy', 'POST', `/ideas/${open}/support`, 409)).code).toBe('citizen_erased');
  });

  it('erasing the proposer erases the words; the path, the count and the answer stay', async () => {
    const before = (await ideasOf(null)).filter((i) => i.title !== null);
    expect(before.length).toBeGreaterThan(3);
    await ok('admin', 'POST', `/admin/citizens/${ids.anna}/erase`);
    const after = await ideasOf(null);
    for (const i of before) {
      const now = find(after, i.ideaId)!;
      expect(now).toMatchObject({ title: null, description: null, erased: true, status: i.status, supports: i.supports });
      expect(now.answer).toEqual(i.answer);
    }
    expect((await refused('anna', 'POST', `/centres/${ids.centre}/ideas`, 409, { budgetId: ids.budget, title: 'x', description: 'y' })).code).toBe('citizen_erased');
  });
});

describe('the log, as an auditor reads it', () => {
  it('holds every idea, support, withdrawal, erasure and answer above to check 13, and to check 12 the board that answered', async () => {
    await t.engine.settle();
    await signPendingHead(t.database.db, t.auditKey, 0);
    const report = await verifyDatabase(t.database, { publicKeyPem: t.auditKey.publicKeyPem, sealEveryMs: t.auditKey.sealEveryMs, witnessFile: t.auditKey.witness!.file, pseudonym: t.auditKey.pseudonym });
    const ideas = report.checks.find((c) => c.id === 13)!;
    expect(ideas.examined).toBeGreaterThan(10);
    expect(ideas.violations).toEqual([]);
    expect(report.checks.find((c) => c.id === 12)!.violations).toEqual([]);
  });
});
