import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;
const tokens: Record<string, string> = {};

type Json = Record<string, any>;
async function call(token: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.headers['content-type']?.toString().includes('json') ? (response.json() as Json) : ({} as Json), text: response.body, type: response.headers['content-type'] };
}
async function ok(token: string | undefined, method: 'POST' | 'PUT', url: string, payload: object = {}) {
  const r = await call(token, method, url, payload);
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
}
const get = async (token: string | undefined, url: string) => {
  await t.engine.settle();
  return call(token, 'GET', url);
};
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
/** A moment strictly between what happened before it and what happens after it. */
async function mark(): Promise<string> {
  await pause();
  const at = new Date().toISOString();
  await pause();
  return at;
}
const eventCount = async () => Number((await sql<{ n: string }>`select count(*) as n from events`.execute(t.database.db)).rows[0]!.n);

/** Convenes a meeting with everyone present, proposes the resolution, all vote for it, and it is adopted. */
async function adopt(title: string, subject: object): Promise<string> {
  const { created: meeting } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: [title] });
  await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
  const { created } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title, subject });
  for (const who of ['emp', 'cit', 'part']) await ok(tokens[who], 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/votes`, { choice: 'for' });
  await ok(tokens.cit, 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/decide`);
  return created.resolutionId;
}

beforeAll(async () => {
  t = await createTestApp();
  tokens.admin = await t.token('admin');
  ({ centreId } = await ok(tokens.admin, 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' }));
  await t.engine.settle();
  tokens.emp = await t.token('board_member', centreId, 'emp-1');
  tokens.cit = await t.token('board_member', centreId, 'cit-1');
  tokens.part = await t.token('board_member', centreId, 'part-1');
  tokens.staff = await t.token('staff', centreId, 'staff-1');
  tokens.staff2 = await t.token('staff', centreId, 'staff-2');
  tokens.citizen = await t.token('citizen', undefined, newId());
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board`);
  const { created } = await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Lokal A-kasse' });
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-01-01' });
  await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/${created.seatId}/member`, { memberId: 'part-1', how: 'appointed', from: '2026-01-01' });
});

afterAll(async () => {
  await t?.close();
});

describe('the board over HTTP', () => {
  it('is described in OpenAPI, with the budget line example', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/centres/{centreId}/board/seats/{seatId}/member', '/centres/{centreId}/board/resolutions/{resolutionId}/votes', '/budgets/{budgetId}/approve', '/finance-act/{year}']),
    );
    expect(JSON.stringify(openapi.paths['/budgets/{budgetId}/lines'].post.requestBody)).toContain('17411110');
  });

  it('refuses resolutions until the citizen seat is filled, then adopts by majority', async () => {
    const { created: meeting } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-11-30T17:00:00+01:00', agenda: ['Velkomst'] });
    await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'part-1'] });
    const { created } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title: 'Mødeplan', subject: { kind: 'general' } });
    const refused = await call(tokens.emp, 'POST', `/centres/${centreId}/board/resolutions/${created.resolutionId}/votes`, { choice: 'for' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('board_not_validly_composed');

    await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: 'cit-1', how: 'elected', from: '2026-11-01' });
    const board = await get(undefined, `/centres/${centreId}/board`);
    expect(board.body.validlyComposed).toBe(true);
  });

  it('lets staff and citizens read public minutes but not vote; only present members vote', async () => {
    const { created: meeting } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Åbningstider'] });
    await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'part-1'] });
    const { created } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title: 'Åbent til 19 torsdag', subject: { kind: 'general' } });
    const url = `/centres/${centreId}/board/resolutions/${created.resolutionId}`;
    expect((await call(tokens.staff, 'POST', `${url}/votes`, { choice: 'for' })).status).toBe(403);
    expect((await call(tokens.citizen, 'POST', `${url}/votes`, { choice: 'for' })).status).toBe(403);
    expect((await call(tokens.cit, 'POST', `${url}/votes`, { choice: 'for' })).status).toBe(403); // not present
    expect((await call(tokens.emp, 'POST', `${url}/votes`, { choice: 'maybe' })).body.errors[0].field).toBe('choice');
    await ok(tokens.emp, 'POST', `${url}/votes`, { choice: 'for' });
    await ok(tokens.part, 'POST', `${url}/votes`, { choice: 'against' });
    await ok(tokens.emp, 'POST', `${url}/decide`);
    expect((await call(tokens.part, 'POST', `${url}/dissent`, {})).body.code).toBe('voted_with_outcome');
    await ok(tokens.emp, 'POST', `${url}/dissent`);
    // Public before signing: not yet; the board sees the open meeting.
    const before = await get(tokens.citizen, `/centres/${centreId}/board`);
    expect(before.body.resolutions.map((r: Json) => r.resolutionId)).not.toContain(created.resolutionId);
    expect((await get(tokens.emp, `/centres/${centreId}/board`)).body.resolutions.map((r: Json) => r.resolutionId)).toContain(created.resolutionId);
    await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/minutes/sign`);
    await ok(tokens.part, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/minutes/sign`);
    const after = await get(tokens.citizen, `/centres/${centreId}/board`);
    const minutes = after.body.meetings.find((m: Json) => m.meetingId === meeting.meetingId);
    expect(minutes.minutes).toBe('signed');
    expect(after.body.resolutions.find((r: Json) => r.resolutionId === created.resolutionId)).toMatchObject({ status: 'rejected', dissents: ['emp-1'] });
    // Signed minutes do not change.
    expect((await call(tokens.part, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title: 'Efterskrift', subject: { kind: 'general' } })).status).toBe(409);
  });

  it('lets staff elect their spokesperson by secret ballot, one vote each, and nobody else vote; each voter finds their paper in the count', async () => {
    const closesAt = new Date(Date.now() + 1500).toISOString();
    const { created } = await ok(tokens.staff, 'POST', `/centres/${centreId}/spokesperson-ballots`, { candidates: ['staff-1', 'staff-2'], closesAt });
    expect((await call(tokens.staff2, 'POST', `/centres/${centreId}/spokesperson-ballots`, { candidates: ['staff-2'], closesAt })).body.code).toBe('ballot_open');
    const url = `/centres/${centreId}/spokesperson-ballots/${created.ballotId}`;
    const staff3 = await t.token('staff', centreId, 'staff-3');
    const key = newId();
    const mine = await call(tokens.staff, 'POST', `${url}/votes`, { candidateId: 'staff-2' }, { 'idempotency-key': key });
    expect(mine.status, mine.text).toBe(200);
    // The receipt: a random paper id (UUIDv4), and the same one on a retry.
    expect(mine.body.paperId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await call(tokens.staff, 'POST', `${url}/votes`, { candidateId: 'staff-2' }, { 'idempotency-key': key })).body).toMatchObject({ duplicate: true, paperId: mine.body.paperId });
    const receipts: Record<string, string> = { 'staff-1': mine.body.paperId };
    receipts['staff-2'] = (await ok(tokens.staff2, 'POST', `${url}/votes`, { candidateId: 'staff-2' })).paperId;
    receipts['staff-3'] = (await ok(staff3, 'POST', `${url}/votes`, { candidateId: 'staff-1' })).paperId;
    expect(new Set(Object.values(receipts)).size).toBe(3);
    expect((await call(tokens.staff, 'POST', `${url}/votes`, { candidateId: 'staff-1' })).status).toBe(409);
    expect((await call(tokens.emp, 'POST', `${url}/votes`, { candidateId: 'staff-1' })).status).toBe(403);
    expect((await call(tokens.staff, 'POST', `${url}/close`, {})).body.code).toBe('ballot_still_open');
    const during = (await get(undefined, `/centres/${centreId}/spokesperson`)).body.ballots[0];
    expect(during).toMatchObject({ status: 'open', votesCast: 3, voters: ['staff-1', 'staff-2', 'staff-3'], tally: null, papers: null });

    await new Promise((resolve) => setTimeout(resolve, Date.parse(closesAt) - Date.now() + 10));
    await ok(tokens.staff, 'POST', `${url}/close`);
    const result = await get(undefined, `/centres/${centreId}/spokesperson`);
    expect(result.body).toMatchObject({ spokespersonId: 'staff-2', electedIn: created.ballotId });
    const counted = result.body.ballots[0];
    expect(counted.tally).toEqual([{ candidateId: 'staff-2', votes: 2 }, { candidateId: 'staff-1', votes: 1 }]);
    // Every paper, by its id, with its candidate and nothing else; each voter finds theirs with their choice.
    expect(counted.papers.map((p: Json) => p.paperId)).toEqual(Object.values(receipts).sort());
    for (const paper of counted.papers) expect(Object.keys(paper).sort()).toEqual(['candidateId', 'paperId']);
    const choiceOf = (voter: string) => counted.papers.find((p: Json) => p.paperId === receipts[voter]).candidateId;
    expect([choiceOf('staff-1'), choiceOf('staff-2'), choiceOf('staff-3')]).toEqual(['staff-2', 'staff-2', 'staff-1']);
    expect(counted.voters).toHaveLength(counted.papers.length);
    // After the count the link between voter and paper is gone: not even a retry gets the receipt back.
    expect((await call(tokens.staff, 'POST', `${url}/votes`, { candidateId: 'staff-2' }, { 'idempotency-key': key })).body).toMatchObject({ duplicate: true, paperId: null });
    expect((await call(tokens.staff, 'POST', `${url}/close`, {})).body.code).toBe('ballot_closed');
  });
});

describe('a budget’s life, replayed', () => {
  let budgetId: string;
  let salaries: string;
  let operating: string;
  const moments: Record<string, string> = {};

  it('is drafted by the board, visible only to the board and staff while a draft', async () => {
    moments.beforeDraft = await mark();
    ({ budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2027, kind: 'annual' })).created);
    expect((await call(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2027, kind: 'annual' })).body.code).toBe('budget_exists');
    ({ lineId: salaries } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { '2027': 100_000_00 } })).created);
    ({ lineId: operating } = (await ok(tokens.cit, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', description: 'Drift', amounts: { '2027': 30_000_00 } })).created);
    moments.twoLines = await mark();
    // A board member's token without a seat on this board acts for nobody.
    const ghost = await t.token('board_member', centreId, 'never-seated');
    expect((await call(ghost, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', description: 'x', amounts: { '2027': 1 } })).status).toBe(403);
    expect((await get(tokens.staff, `/budgets/${budgetId}`)).status).toBe(200);
    expect((await get(tokens.citizen, `/budgets/${budgetId}`)).status).toBe(403);
    expect((await get(undefined, `/budgets/${budgetId}`)).status).toBe(403);
    expect((await get(undefined, `/centres/${centreId}/budgets`)).body.budgets).toEqual([]);
  });

  it('refuses bad input with the field named, and records nothing', async () => {
    const before = await eventCount();
    const float = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', description: 'x', amounts: { '2027': 10.5 } });
    expect(float.status).toBe(400);
    expect(float.body.errors[0].field).toBe('amounts.2027');
    const account = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '174111', standardAccount: '22', description: 'x', amounts: { '2027': 1 } });
    expect(account.body.errors[0].field).toBe('financeAccount');
    const year = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', description: 'x', amounts: { '2028': 1 } });
    expect(year.status).toBe(400);
    expect(year.body.field ?? year.body.errors?.[0]?.field).toBe('amounts.2028');
    const mandatory = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', description: 'x', amounts: { '2027': 1 }, mandatory: true });
    expect(mandatory.status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  it('is approved only by an adopted resolution naming its exact version', async () => {
    // A board votes on the budget as it stands: a version that is not the current one cannot be proposed.
    const { created: meeting } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Budget'] });
    await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
    const future = await call(tokens.emp, 'POST', `/centres/${centreId}/board/meetings/${meeting.meetingId}/resolutions`, { title: 'Godkend v3', subject: { kind: 'budget_approval', budgetId, version: 3 } });
    expect(future.body.code).toBe('version_not_current');

    // Adopted for version 2; the draft then changes: the resolution no longer approves it.
    const stale = await adopt('Godkend budget 2027, version 2', { kind: 'budget_approval', budgetId, version: 2 });
    await ok(tokens.emp, 'PUT', `/budgets/${budgetId}/lines/${salaries}`, { amounts: { '2027': 120_000_00 } });
    const before = await eventCount();
    const refused = await call(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: stale });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('resolution_names_other_version');
    expect(await eventCount()).toBe(before);

    moments.amended = await mark();
    const resolution = await adopt('Godkend budget 2027, version 3', { kind: 'budget_approval', budgetId, version: 3 });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: resolution });
    moments.approved = await mark();
    expect((await get(tokens.citizen, `/budgets/${budgetId}`)).body.approval).toMatchObject({ resolutionId: resolution, version: 3 });
  });

  it('goes on the Finance Act, is spent against, and moves money only by resolution', async () => {
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/submit`);
    expect((await call(tokens.emp, 'POST', `/budgets/${budgetId}/enact`, { lines: [] })).status).toBe(403);
    await ok(tokens.admin, 'POST', `/budgets/${budgetId}/enact`, { lines: [{ lineId: salaries, amounts: { '2027': 110_000_00 } }] });
    await ok(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: salaries, amountOre: 9_000_00, on: '2027-01-31' });
    await ok(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: operating, amountOre: 2_500_00, on: '2027-02-15' });
    moments.spent = await mark();
    const general = await adopt('Noget andet', { kind: 'general' });
    expect((await call(tokens.emp, 'POST', `/budgets/${budgetId}/reallocations`, { resolutionId: general })).body.code).toBe('resolution_not_about_this');
    const move = await adopt('Flyt 10.000 kr. fra løn til drift', { kind: 'budget_reallocation', budgetId, fromLineId: salaries, toLineId: operating, year: 2027, amountOre: 10_000_00 });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/reallocations`, { resolutionId: move });
    moments.moved = await mark();
  });

  it('replays to each moment exactly as worked out by hand', async () => {
    const at = async (moment: string) => (await get(tokens.emp, `/budgets/${budgetId}?asOf=${encodeURIComponent(moment)}`)).body;
    const amountsOf = (view: Json) => Object.fromEntries(view.lines.map((l: Json) => [l.description, [l.amounts['2027'], l.enacted?.['2027'] ?? null, l.spentOre]]));
    expect((await get(tokens.emp, `/budgets/${budgetId}?asOf=${encodeURIComponent(moments.beforeDraft!)}`)).status).toBe(404);
    expect(await at(moments.twoLines!)).toMatchObject({ status: 'draft', version: 2, totals: { amounts: { '2027': 130_000_00 }, enacted: null, spentOre: 0 } });
    expect(amountsOf(await at(moments.amended!))).toEqual({ Løn: [120_000_00, null, 0], Drift: [30_000_00, null, 0] });
    expect(await at(moments.approved!)).toMatchObject({ status: 'approved', version: 3 });
    expect(amountsOf(await at(moments.spent!))).toEqual({ Løn: [120_000_00, 110_000_00, 9_000_00], Drift: [30_000_00, 30_000_00, 2_500_00] });
    expect(amountsOf(await at(moments.moved!))).toEqual({ Løn: [120_000_00, 100_000_00, 9_000_00], Drift: [30_000_00, 40_000_00, 2_500_00] });
    // Nobody outside sees the draft as it stood; everyone sees it once approved.
    expect((await get(tokens.citizen, `/budgets/${budgetId}?asOf=${encodeURIComponent(moments.twoLines!)}`)).status).toBe(403);
    expect((await get(tokens.citizen, `/budgets/${budgetId}?asOf=${encodeURIComponent(moments.approved!)}`)).status).toBe(200);
  });

  it('diffs two moments and tells a line’s story', async () => {
    const d = (await get(tokens.emp, `/budgets/${budgetId}/diff?from=${encodeURIComponent(moments.twoLines!)}&to=${encodeURIComponent(moments.moved!)}`)).body;
    expect(d.added).toEqual([]);
    expect(d.changed.find((c: Json) => c.lineId === salaries)).toMatchObject({ amounts: { before: { '2027': 100_000_00 }, after: { '2027': 120_000_00 } }, enacted: { before: null, after: { '2027': 100_000_00 } } });
    const story = (await get(tokens.staff, `/budgets/${budgetId}/lines/${salaries}/history`)).body;
    expect(story.entries.map((e: Json) => [e.what, e.by.id])).toEqual([
      ['proposed', 'emp-1'],
      ['amended', 'emp-1'],
      ['approved', 'emp-1'],
      ['submitted', 'emp-1'],
      ['enacted', expect.any(String)],
      ['spent', 'staff-1'],
      ['reallocated_out', 'emp-1'],
    ]);
    const approval = story.entries.find((e: Json) => e.what === 'approved').resolutionId;
    expect(story.resolutions[approval]).toMatchObject({ title: 'Godkend budget 2027, version 3', status: 'adopted' });
    // The public sees the line from its approval on, and what was decided, not who acted or the draft's working.
    const publicStory = (await get(tokens.citizen, `/budgets/${budgetId}/lines/${salaries}/history`)).body;
    expect(publicStory.entries.map((e: Json) => [e.what, e.by.id])).toEqual([
      ['approved', null],
      ['submitted', null],
      ['enacted', null],
      ['spent', null],
      ['reallocated_out', null],
    ]);
    expect(JSON.stringify((await get(undefined, `/budgets/${budgetId}`)).body)).not.toContain('emp-1');
  });

  it('shows the Finance Act columns, the national roll-up, and exports CSV, JSON and SVG', async () => {
    const fa = (await get(undefined, `/centres/${centreId}/finance-act/2027`)).body;
    expect(fa.rows.map((r: Json) => [r.standardAccount, r.F])).toEqual([
      ['18', 100_000_00],
      ['22', 40_000_00],
    ]);
    const national = (await get(undefined, '/finance-act/2027')).body;
    expect(national.centres).toEqual([expect.objectContaining({ centreId, centreName: 'Virkelyst Nørrebro', approvedOre: 150_000_00, enactedOre: 140_000_00, spentOre: 11_500_00 })]);
    expect(national.national).toEqual({ approvedOre: 150_000_00, enactedOre: 140_000_00, spentOre: 11_500_00 });
    expect(national.byStandardAccount.map((s: Json) => [s.standardAccount, s.enactedOre])).toEqual([
      ['18', 100_000_00],
      ['22', 40_000_00],
    ]);
    const faCsv = (await get(undefined, `/centres/${centreId}/finance-act/2027?format=csv`)).text.split('\r\n');
    expect(faCsv[0]).toBe('\ufeffFinanslovskonto;Standardkonto;Tekst;R 2025;B 2026;F 2027;BO1 2028;BO2 2029;BO3 2030');
    expect(faCsv[1]).toBe('17411110;18;Løn;;;100.000,00;;;');
    const nationalCsv = (await get(undefined, '/finance-act/2027?format=csv&numbers=en')).text.split('\r\n');
    expect(nationalCsv[1]).toBe('101 København,Virkelyst Nørrebro,enacted,150000.00,140000.00,11500.00');
    expect(nationalCsv[2]).toBe(',National total,,150000.00,140000.00,11500.00');
    expect((await get(undefined, '/finance-act/1999')).status).toBe(400);
    expect((await get(undefined, '/finance-act/0x7eb')).body.errors[0].field).toBe('year');
    const csv = await get(undefined, `/budgets/${budgetId}/export?format=csv&numbers=da`);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('17411110;18;Løn;120.000,00;100.000,00;9.000,00');
    expect((await get(undefined, `/budgets/${budgetId}/export?format=json`)).body.budgetId).toBe(budgetId);
    const svg = await get(undefined, `/budgets/${budgetId}/chart.svg`);
    expect(svg.type).toContain('image/svg+xml');
    expect(svg.text).toContain('140.000,00');
  });

  it('returns the same created ids to a retried command, and records it once', async () => {
    const key = newId();
    const headers = { 'idempotency-key': key };
    const first = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: operating, amountOre: 100, on: '2027-04-01' }, headers);
    const again = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: operating, amountOre: 100, on: '2027-04-01' }, headers);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.created).toEqual(first.body.created);
    const view = (await get(tokens.emp, `/budgets/${budgetId}`)).body;
    expect(view.lines.find((l: Json) => l.lineId === operating).spending.filter((s: Json) => s.amountOre === 100)).toHaveLength(1);
  });
});

describe('a line withdrawn from a draft', () => {
  it('has only its own story, and none for the public, once the budget is approved', async () => {
    const { budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2028, kind: 'annual' })).created;
    const { lineId: kept } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { '2028': 90_000_00 } })).created;
    const { lineId: dropped } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', description: 'Kaffe', amounts: { '2028': 5_000_00 } })).created;
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines/${dropped}/withdraw`);
    const { version } = (await get(tokens.emp, `/budgets/${budgetId}`)).body;
    const resolution = await adopt(`Godkend budget 2028, version ${version}`, { kind: 'budget_approval', budgetId, version });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: resolution });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/submit`);
    // Inside: proposed and withdrawn, and nothing of the approval or submission that came after.
    const story = (await get(tokens.staff, `/budgets/${budgetId}/lines/${dropped}/history`)).body;
    expect(story.entries.map((e: Json) => e.what)).toEqual(['proposed', 'withdrawn']);
    // The public: a line that never reached an approved version is not there at all.
    for (const who of [tokens.citizen, undefined]) {
      const refused = await get(who, `/budgets/${budgetId}/lines/${dropped}/history`);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('line_not_found');
    }
    expect((await get(tokens.citizen, `/budgets/${budgetId}/lines/${kept}/history`)).body.entries.map((e: Json) => e.what)).toEqual(['approved', 'submitted']);
  });
});

describe('a centre’s public figures', () => {
  it('are not found for a centre that was never established: not an empty table', async () => {
    const unknown = '019a2051-0000-7000-8000-0000000000ff';
    for (const url of [`/centres/${unknown}/finance-act/2027`, `/centres/${unknown}/finance-act/2027?format=csv`, `/centres/${unknown}/budget-history`]) {
      const refused = await get(undefined, url);
      expect(refused.status, url).toBe(404);
      expect(refused.body.code).toBe('centre_not_found');
    }
    expect((await get(undefined, `/centres/${centreId}/finance-act/2027`)).status).toBe(200);
  });
});


describe('a member who leaves the room after voting began', () => {
  it('is recorded leaving, with the time; the vote is counted among those present, and the minutes are signed and public', async () => {
    const { created: meeting } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Sommerlukning'] });
    const m = `/centres/${centreId}/board/meetings/${meeting.meetingId}`;
    await ok(tokens.emp, 'POST', `${m}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
    const { created } = await ok(tokens.emp, 'POST', `${m}/resolutions`, { title: 'Lukket i uge 29', subject: { kind: 'general' } });
    const r = `/centres/${centreId}/board/resolutions/${created.resolutionId}`;
    await ok(tokens.emp, 'POST', `${r}/votes`, { choice: 'for' });
    await ok(tokens.cit, 'POST', `${r}/votes`, { choice: 'for' });
    // part-1 leaves without voting: before it is recorded, the count waits for them.
    expect((await call(tokens.emp, 'POST', `${r}/decide`, {})).body.code).toBe('votes_outstanding');
    expect((await call(tokens.emp, 'POST', `${m}/attendance`, { present: ['emp-1', 'cit-1'] })).body.code).toBe('voting_started');
    const leftAt = new Date(Date.now() - 60_000).toISOString();
    // Another member without a role cannot say someone left; the member leaving says so themselves.
    expect((await call(tokens.cit, 'POST', `${m}/departures`, { memberId: 'part-1', at: leftAt })).status).toBe(403);
    await ok(tokens.part, 'POST', `${m}/departures`, { memberId: 'part-1', at: leftAt });
    expect((await call(tokens.part, 'POST', `${r}/votes`, { choice: 'against' })).body.code).toBe('member_left_meeting');
    await ok(tokens.emp, 'POST', `${r}/decide`);
    await ok(tokens.emp, 'POST', `${m}/minutes/sign`);
    await ok(tokens.cit, 'POST', `${m}/minutes/sign`);
    const board = (await get(undefined, `/centres/${centreId}/board`)).body;
    const held = board.meetings.find((x: Json) => x.meetingId === meeting.meetingId);
    expect(held).toMatchObject({ present: ['emp-1', 'cit-1', 'part-1'], departed: { 'part-1': leftAt }, minutes: 'signed' });
    expect(board.resolutions.find((x: Json) => x.resolutionId === created.resolutionId)).toMatchObject({ status: 'adopted', tally: { for: 2, against: 0, abstained: 0 } });
  });
});

describe('a member re-elected', () => {
  it('keeps the seat and every role until the board changes them', async () => {
    await ok(tokens.admin, 'PUT', `/centres/${centreId}/board/roles/vice_chair`, { memberId: 'emp-1' });
    const again = await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2028-01-01' });
    expect(again.events.map((e: Json) => e.type)).toEqual(['MemberReelected']);
    const board = (await get(undefined, `/centres/${centreId}/board`)).body;
    expect(board.roles.vice_chair).toBe('emp-1');
    expect(board.seats.find((s: Json) => s.seatId === 'employee')).toMatchObject({ memberId: 'emp-1', since: '2026-01-01' });
    // The same term again records nothing.
    expect((await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2028-01-01' })).events).toEqual([]);
  });
});
