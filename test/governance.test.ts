import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centreId: string;
/** The partner seat, and how the public names its member: by the place, never the identity. */
let partnerSeat: string;
const partnerPlace = () => `seat:${partnerSeat}`;
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
  partnerSeat = created.seatId;
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
    // The public names each member by their place on the board, never by the identity they sign in with.
    expect(after.body.resolutions.find((r: Json) => r.resolutionId === created.resolutionId)).toMatchObject({ status: 'rejected', dissents: ['seat:employee'] });
    expect(JSON.stringify(after.body)).not.toMatch(/emp-1|cit-1|part-1/);
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
    ({ budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2026, kind: 'annual' })).created);
    expect((await call(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2026, kind: 'annual' })).body.code).toBe('budget_exists');
    ({ lineId: salaries } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2026': 100_000_00 } })).created);
    ({ lineId: operating } = (await ok(tokens.cit, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { '2026': 30_000_00 } })).created);
    moments.twoLines = await mark();
    // A board member's token without a seat on this board acts for nobody.
    const ghost = await t.token('board_member', centreId, 'never-seated');
    expect((await call(ghost, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'x', amounts: { '2026': 1 } })).status).toBe(403);
    expect((await get(tokens.staff, `/budgets/${budgetId}`)).status).toBe(200);
    expect((await get(tokens.citizen, `/budgets/${budgetId}`)).status).toBe(403);
    expect((await get(undefined, `/budgets/${budgetId}`)).status).toBe(403);
    expect((await get(undefined, `/centres/${centreId}/budgets`)).body.budgets).toEqual([]);
  });

  it('refuses bad input with the field named, and records nothing', async () => {
    const before = await eventCount();
    const float = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'x', amounts: { '2026': 10.5 } });
    expect(float.status).toBe(400);
    expect(float.body.errors[0].field).toBe('amounts.2026');
    const account = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '174111', standardAccount: '22', nature: 'expenditure', description: 'x', amounts: { '2026': 1 } });
    expect(account.body.errors[0].field).toBe('financeAccount');
    const year = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'x', amounts: { '2027': 1 } });
    expect(year.status).toBe(400);
    expect(year.body.field ?? year.body.errors?.[0]?.field).toBe('amounts.2027');
    const mandatory = await call(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'x', amounts: { '2026': 1 }, mandatory: true });
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
    const stale = await adopt('Godkend budget 2026, version 2', { kind: 'budget_approval', budgetId, version: 2 });
    await ok(tokens.emp, 'PUT', `/budgets/${budgetId}/lines/${salaries}`, { amounts: { '2026': 120_000_00 } });
    const before = await eventCount();
    const refused = await call(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: stale });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('resolution_names_other_version');
    expect(await eventCount()).toBe(before);

    moments.amended = await mark();
    const resolution = await adopt('Godkend budget 2026, version 3', { kind: 'budget_approval', budgetId, version: 3 });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: resolution });
    moments.approved = await mark();
    expect((await get(tokens.citizen, `/budgets/${budgetId}`)).body.approval).toMatchObject({ resolutionId: resolution, version: 3 });
  });

  it('goes on the Finance Act, is spent against, and moves money only by resolution', async () => {
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/submit`);
    expect((await call(tokens.emp, 'POST', `/budgets/${budgetId}/enact`, { lines: [] })).status).toBe(403);
    await ok(tokens.admin, 'POST', `/budgets/${budgetId}/enact`, { lines: [{ lineId: salaries, amounts: { '2026': 110_000_00 } }] });
    await ok(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: salaries, amountOre: 9_000_00, on: '2026-01-31', voucher: '2026-0001', text: 'Løn januar' });
    await ok(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: operating, amountOre: 2_500_00, on: '2026-02-15', voucher: '2026-0002', text: 'Husleje februar' });
    moments.spent = await mark();
    const general = await adopt('Noget andet', { kind: 'general' });
    expect((await call(tokens.emp, 'POST', `/budgets/${budgetId}/reallocations`, { resolutionId: general })).body.code).toBe('resolution_not_about_this');
    const move = await adopt('Flyt 10.000 kr. fra løn til drift', { kind: 'budget_reallocation', budgetId, fromLineId: salaries, toLineId: operating, year: 2026, amountOre: 10_000_00 });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/reallocations`, { resolutionId: move });
    moments.moved = await mark();
  });

  it('replays to each moment exactly as worked out by hand', async () => {
    const at = async (moment: string) => (await get(tokens.emp, `/budgets/${budgetId}?asOf=${encodeURIComponent(moment)}`)).body;
    const amountsOf = (view: Json) => Object.fromEntries(view.lines.map((l: Json) => [l.description, [l.amounts['2026'], l.enacted?.['2026'] ?? null, l.spentOre]]));
    expect((await get(tokens.emp, `/budgets/${budgetId}?asOf=${encodeURIComponent(moments.beforeDraft!)}`)).status).toBe(404);
    expect(await at(moments.twoLines!)).toMatchObject({ status: 'draft', version: 2, totals: { expenditure: { amounts: { '2026': 130_000_00 }, enacted: null, spentOre: 0 } } });
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
    expect(d.changed.find((c: Json) => c.lineId === salaries)).toMatchObject({ amounts: { before: { '2026': 100_000_00 }, after: { '2026': 120_000_00 } }, enacted: { before: null, after: { '2026': 100_000_00 } } });
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
    expect(story.resolutions[approval]).toMatchObject({ title: 'Godkend budget 2026, version 3', status: 'adopted' });
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
    const fa = (await get(undefined, `/centres/${centreId}/finance-act/2026`)).body;
    expect(fa.rows.map((r: Json) => [r.standardAccount, r.nature, r.F])).toEqual([
      ['18', 'expenditure', 100_000_00],
      ['22', 'expenditure', 40_000_00],
    ]);
    const national = (await get(undefined, '/finance-act/2026')).body;
    expect(national.centres).toEqual([expect.objectContaining({ centreId, centreName: 'Virkelyst Nørrebro', approvedOre: 150_000_00, enactedOre: 140_000_00, spentOre: 11_500_00 })]);
    expect(national.national).toEqual({
      approvedOre: 150_000_00,
      enactedOre: 140_000_00,
      spentOre: 11_500_00,
      expenditure: { approvedOre: 150_000_00, enactedOre: 140_000_00, spentOre: 11_500_00 },
      revenue: { approvedOre: 0, enactedOre: 0, spentOre: 0 },
    });
    expect(national.byStandardAccount.map((s: Json) => [s.standardAccount, s.enactedOre])).toEqual([
      ['18', 100_000_00],
      ['22', 40_000_00],
    ]);
    const faCsv = (await get(undefined, `/centres/${centreId}/finance-act/2026?format=csv`)).text.split('\r\n');
    expect(faCsv[0]).toBe('\ufeffFinanslovskonto;Standardkonto;Art;Tekst;R 2024;B 2025;F 2026;BO1 2027;BO2 2028;BO3 2029');
    expect(faCsv[1]).toBe('17411110;18;Udgift;Løn;;;100.000,00;;;');
    const nationalCsv = (await get(undefined, '/finance-act/2026?format=csv&numbers=en')).text.split('\r\n');
    expect(nationalCsv[1]).toBe('101 København,Virkelyst Nørrebro,enacted,150000.00,140000.00,11500.00');
    expect(nationalCsv[2]).toBe(',National total,,150000.00,140000.00,11500.00');
    expect((await get(undefined, '/finance-act/1999')).status).toBe(400);
    expect((await get(undefined, '/finance-act/0x7eb')).body.errors[0].field).toBe('year');
    const csv = await get(undefined, `/budgets/${budgetId}/export?format=csv&numbers=da`);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('17411110;18;Udgift;Løn;120.000,00;100.000,00;9.000,00;91.000,00');
    expect((await get(undefined, `/budgets/${budgetId}/export?format=json`)).body.budgetId).toBe(budgetId);
    const svg = await get(undefined, `/budgets/${budgetId}/chart.svg`);
    expect(svg.type).toContain('image/svg+xml');
    expect(svg.text).toContain('140.000,00');
  });

  it('returns the same created ids to a retried command, and records it once', async () => {
    const key = newId();
    const headers = { 'idempotency-key': key };
    const first = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: operating, amountOre: 100, on: '2026-04-01', voucher: 'B-100', text: 'Frimærker' }, headers);
    const again = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId: operating, amountOre: 100, on: '2026-04-01', voucher: 'B-100', text: 'Frimærker' }, headers);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.created).toEqual(first.body.created);
    const view = (await get(tokens.emp, `/budgets/${budgetId}`)).body;
    expect(view.lines.find((l: Json) => l.lineId === operating).spending.filter((s: Json) => s.amountOre === 100)).toHaveLength(1);
  });
});

describe('bookkeeping an accountant accepts', () => {
  let budgetId: string;
  let courses: string;
  let rent: string;
  let firstBooked: string;
  /** An enacted annual budget of a past year with an expenditure and a revenue line of one account. */
  async function enactedBudget(fiscalYear: number) {
    const { budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear, kind: 'annual' })).created;
    const line = (standardAccount: string, nature: string, description: string, ore: number) =>
      ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount, nature, description, amounts: { [fiscalYear]: ore } });
    const { lineId: courses } = (await line('22', 'expenditure', 'Kurser', 20_000_00)).created;
    const { lineId: rent } = (await line('21', 'revenue', 'Udlejning af lokaler', 5_000_00)).created;
    const { version } = (await get(tokens.emp, `/budgets/${budgetId}`)).body;
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: await adopt(`Godkend budget ${fiscalYear}`, { kind: 'budget_approval', budgetId, version }) });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/submit`);
    await ok(tokens.admin, 'POST', `/budgets/${budgetId}/enact`, { lines: [] });
    return { budgetId, courses, rent };
  }

  beforeAll(async () => {
    ({ budgetId, courses, rent } = await enactedBudget(2025));
  });

  it('refuses a negative amount and a line of no nature, naming the field, and records nothing', async () => {
    const { budgetId: draft } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2024, kind: 'annual' })).created;
    const before = await eventCount();
    const negative = await call(tokens.emp, 'POST', `/budgets/${draft}/lines`, { financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Leje', amounts: { '2024': -5_000_00 } });
    expect([negative.status, negative.body.field ?? negative.body.errors?.[0]?.field]).toEqual([400, 'amounts.2024']);
    const none = await call(tokens.emp, 'POST', `/budgets/${draft}/lines`, { financeAccount: '17411110', standardAccount: '21', description: 'Leje', amounts: { '2024': 5_000_00 } });
    expect([none.status, none.body.errors?.[0]?.field]).toEqual([400, 'nature']);
    const other = await call(tokens.emp, 'POST', `/budgets/${draft}/lines`, { financeAccount: '17411110', standardAccount: '21', nature: 'income', description: 'Leje', amounts: { '2024': 5_000_00 } });
    expect([other.status, other.body.errors?.[0]?.field]).toEqual([400, 'nature']);
    expect(await eventCount()).toBe(before);
  });

  it('books entries with voucher and text, apart for expenditure and revenue, and shows consumed, remaining and over-spent', async () => {
    const entry = (lineId: string, amountOre: number, on: string, voucher: string, text: string, extra: object = {}) =>
      call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId, amountOre, on, voucher, text, ...extra });
    expect((await entry(courses, 15_000_00, '2025-03-01', 'B-0001', 'Kursus i regnskab')).status).toBe(201);
    firstBooked = await mark();
    expect((await entry(rent, 7_500_00, '2025-04-01', 'F-0001', 'Leje, foreningen')).status).toBe(201);
    // Beyond the line's appropriation: allowed, never silent.
    const before = await eventCount();
    const silent = await entry(courses, 6_000_00, '2025-05-01', 'B-0002', 'Kursus i Excel');
    expect([silent.status, silent.body.code, silent.body.field]).toEqual([422, 'overspending_needs_reason', 'overspendReason']);
    expect(await eventCount()).toBe(before);
    for (const [field, body] of [
      ['voucher', { lineId: courses, amountOre: 1, on: '2025-05-01', text: 'x' }],
      ['amountOre', { lineId: courses, amountOre: -1, on: '2025-05-01', voucher: 'B', text: 'x' }],
      ['on', { lineId: courses, amountOre: 1, on: '2024-12-31', voucher: 'B', text: 'x' }],
    ] as const) {
      const refused = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, body);
      expect([refused.status, refused.body.field ?? refused.body.errors?.[0]?.field]).toEqual([400, field]);
    }
    expect(await eventCount()).toBe(before);
    expect((await entry(courses, 6_000_00, '2025-05-01', 'B-0002', 'Kursus i Excel', { overspendReason: 'Nye regler for bogføring; besluttet på mødet i april' })).status).toBe(201);

    const view = (await get(tokens.staff, `/budgets/${budgetId}`)).body;
    const line = (id: string) => view.lines.find((l: Json) => l.lineId === id);
    expect(line(courses)).toMatchObject({ nature: 'expenditure', spentOre: 21_000_00, remainingOre: -1_000_00, overspentOre: 1_000_00 });
    expect(line(rent)).toMatchObject({ nature: 'revenue', spentOre: 7_500_00, remainingOre: -2_500_00, overspentOre: 0 });
    expect(view.totals.expenditure).toMatchObject({ spentOre: 21_000_00, overspentOre: 1_000_00 });
    expect(view.totals.net).toMatchObject({ enacted: { '2025': 15_000_00 }, spentOre: 13_500_00 });
    // The public sees the overspending and its reason, not the vouchers' references and texts.
    const seen = (await get(undefined, `/budgets/${budgetId}`)).body;
    const entries = seen.lines.flatMap((l: Json) => l.spending);
    expect(entries.map((e: Json) => [e.voucher, e.text])).toEqual(entries.map(() => [null, null]));
    expect(entries.map((e: Json) => e.overspendReason).filter(Boolean)).toEqual(['Nye regler for bogføring; besluttet på mødet i april']);
    expect(JSON.stringify(seen)).not.toContain('Kursus i Excel');
    // A board member's token without a seat on this board is no insider: they see what the public sees.
    const ghost = await t.token('board_member', centreId, 'never-seated');
    for (const url of [`/budgets/${budgetId}`, `/budgets/${budgetId}/export?format=json`, `/centres/${centreId}/budget-history`, `/budgets/${budgetId}/lines/${courses}/history`]) {
      expect(JSON.stringify((await get(ghost, url)).body), url).not.toContain('Kursus i Excel');
    }
    expect(JSON.stringify((await get(tokens.emp, `/budgets/${budgetId}`)).body)).toContain('Kursus i Excel');
    const fa = (await get(undefined, `/centres/${centreId}/finance-act/2025`)).body;
    expect(fa.rows.map((r: Json) => [r.standardAccount, r.nature, r.F])).toEqual([
      ['21', 'revenue', 5_000_00],
      ['22', 'expenditure', 20_000_00],
    ]);
  });

  it('corrects an entry by an entry of its own that names it, never beyond what is left of it', async () => {
    const view = (await get(tokens.staff, `/budgets/${budgetId}`)).body;
    const booked = view.lines.find((l: Json) => l.lineId === courses).spending.find((s: Json) => s.voucher === 'B-0001');
    const url = `/budgets/${budgetId}/spending/${booked.spendingId}/corrections`;
    const before = await eventCount();
    const tooMuch = await call(tokens.staff, 'POST', url, { amountOre: 15_000_01, on: '2025-03-10', voucher: 'K-0001', text: 'Kreditnota' });
    expect([tooMuch.status, tooMuch.body.code, tooMuch.body.field]).toEqual([422, 'correction_exceeds_entry', 'amountOre']);
    const unknown = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending/${newId()}/corrections`, { amountOre: 1, on: '2025-03-10', voucher: 'K-0001', text: 'Kreditnota' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'entry_not_found']);
    expect((await call(tokens.citizen, 'POST', url, { amountOre: 1, on: '2025-03-10', voucher: 'K-0001', text: 'Kreditnota' })).status).toBe(403);
    expect(await eventCount()).toBe(before);
    const { created } = await ok(tokens.staff, 'POST', url, { amountOre: 5_000_00, on: '2025-03-10', voucher: 'K-0001', text: 'Kreditnota: kurset blev kortere' });
    expect(created.correctionId).toEqual(expect.any(String));
    const after = (await get(tokens.staff, `/budgets/${budgetId}`)).body.lines.find((l: Json) => l.lineId === courses);
    expect(after).toMatchObject({ spentOre: 16_000_00, remainingOre: 4_000_00, overspentOre: 0 });
    expect(after.spending.find((s: Json) => s.spendingId === booked.spendingId)).toMatchObject({ amountOre: 15_000_00, correctedOre: 5_000_00 });
    const story = (await get(tokens.staff, `/budgets/${budgetId}/lines/${courses}/history`)).body.entries;
    expect(story.filter((e: Json) => e.what === 'spent' || e.what === 'corrected').map((e: Json) => [e.what, e.amountOre, e.voucher])).toEqual([
      ['spent', 15_000_00, 'B-0001'],
      ['spent', 6_000_00, 'B-0002'],
      ['corrected', 5_000_00, 'K-0001'],
    ]);
  });

  it('refuses an entry dated in the future', async () => {
    // The last fiscal year a budget may have: every day of it lies ahead for a long while yet.
    const far = await enactedBudget(2100);
    const before = await eventCount();
    const refused = await call(tokens.staff, 'POST', `/budgets/${far.budgetId}/spending`, { lineId: far.courses, amountOre: 100, on: '2100-01-04', voucher: 'B-1', text: 'Kontorartikler' });
    expect([refused.status, refused.body.field]).toEqual([400, 'on']);
    expect(refused.body.detail).toContain('future');
    expect(await eventCount()).toBe(before);
  });

  it('rolls the country up as of any moment, expenditure and revenue apart', async () => {
    const now = (await get(undefined, '/finance-act/2025')).body;
    const mine = now.centres.find((c: Json) => c.centreId === centreId);
    expect(mine).toMatchObject({ approvedOre: 15_000_00, enactedOre: 15_000_00, spentOre: 8_500_00, expenditure: { approvedOre: 20_000_00, spentOre: 16_000_00 }, revenue: { approvedOre: 5_000_00, spentOre: 7_500_00 } });
    expect(now.byStandardAccount.map((s: Json) => [s.standardAccount, s.nature, s.spentOre])).toEqual([
      ['21', 'revenue', 7_500_00],
      ['22', 'expenditure', 16_000_00],
    ]);
    const then = (await get(undefined, `/finance-act/2025?asOf=${encodeURIComponent(firstBooked)}`)).body;
    expect(then.asOf).toBe(firstBooked);
    expect(then.centres.find((c: Json) => c.centreId === centreId)).toMatchObject({ spentOre: 15_000_00, expenditure: { spentOre: 15_000_00 }, revenue: { spentOre: 0 } });
    const beforeAll = (await get(undefined, `/finance-act/2025?asOf=${encodeURIComponent('2020-01-01T00:00:00Z')}`)).body;
    expect(beforeAll).toMatchObject({ asOf: '2020-01-01T00:00:00.000Z', centres: [] });
    expect((await get(undefined, '/finance-act/2025?asOf=yesterday')).status).toBe(400);
  });
});

describe('the year’s end', () => {
  it('grants a supplementary appropriation by resolution, closes the accounts once the year is over, and shows them as R two years on', async () => {
    const fiscalYear = 2021;
    const { budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear, kind: 'annual' })).created;
    const { lineId } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { [fiscalYear]: 10_000_00 } })).created;
    const { lineId: courses } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Kurser', amounts: { [fiscalYear]: 5_000_00 } })).created;
    const { version } = (await get(tokens.emp, `/budgets/${budgetId}`)).body;
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: await adopt('Godkend budget 2021', { kind: 'budget_approval', budgetId, version }) });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/submit`);
    await ok(tokens.admin, 'POST', `/budgets/${budgetId}/enact`, { lines: [] });
    await ok(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId, amountOre: 9_000_00, on: '2021-06-30', voucher: 'B-1', text: 'Husleje' });
    // 3,000 more would go beyond the appropriation; a supplementary appropriation of 2,000 makes room.
    const more = await adopt('Tillægsbevilling til drift', { kind: 'budget_supplement', budgetId, lineId, year: fiscalYear, amountOre: 2_000_00 });
    const general = await adopt('Noget andet', { kind: 'general' });
    expect((await call(tokens.emp, 'POST', `/budgets/${budgetId}/supplements`, { resolutionId: general })).body.code).toBe('resolution_not_about_this');
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/supplements`, { resolutionId: more });
    expect((await call(tokens.emp, 'POST', `/budgets/${budgetId}/supplements`, { resolutionId: more })).body.code).toBe('resolution_used');
    await ok(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId, amountOre: 3_000_00, on: '2021-11-30', voucher: 'B-2', text: 'Varme' });
    expect((await get(tokens.staff, `/budgets/${budgetId}`)).body.lines[0]).toMatchObject({ enacted: { '2021': 12_000_00 }, spentOre: 12_000_00, remainingOre: 0, overspentOre: 0 });

    const closing = await adopt('Regnskab 2021', { kind: 'budget_closing', budgetId });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/closing`, { resolutionId: closing });
    const closed = (await get(undefined, `/budgets/${budgetId}`)).body;
    expect(closed).toMatchObject({ status: 'closed', closing: { resolutionId: closing } });
    expect(closed.lines.map((l: Json) => [l.description, l.accountsOre])).toEqual([
      ['Drift', 12_000_00],
      ['Kurser', 0],
    ]);
    // Closed accounts are fixed: nothing is booked on them, and nothing changes.
    const before = await eventCount();
    const late = await call(tokens.staff, 'POST', `/budgets/${budgetId}/spending`, { lineId, amountOre: 1, on: '2021-12-31', voucher: 'B-3', text: 'Sent' });
    expect([late.status, late.body.code]).toEqual([409, 'accounts_closed']);
    expect(await eventCount()).toBe(before);
    const fa = (await get(undefined, `/centres/${centreId}/finance-act/2023`)).body;
    expect(fa.rows.find((r: Json) => r.standardAccount === '22' && r.nature === 'expenditure').R).toBe(12_000_00);
    expect((await get(undefined, `/centres/${centreId}/budgets`)).body.budgets.find((b: Json) => b.budgetId === budgetId).status).toBe('closed');

    // The next year: what 2021 left unspent is carried over by resolution, no more than that.
    const { budgetId: next } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2022, kind: 'annual' })).created;
    const { lineId: nextLine } = (await ok(tokens.emp, 'POST', `/budgets/${next}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { '2022': 10_000_00 } })).created;
    const nextVersion = (await get(tokens.emp, `/budgets/${next}`)).body.version;
    await ok(tokens.emp, 'POST', `/budgets/${next}/approve`, { resolutionId: await adopt('Godkend budget 2022', { kind: 'budget_approval', budgetId: next, version: nextVersion }) });
    await ok(tokens.emp, 'POST', `/budgets/${next}/submit`);
    await ok(tokens.admin, 'POST', `/budgets/${next}/enact`, { lines: [] });
    // 2021's line: 12,000.00 appropriated, 12,000.00 spent: nothing left to carry.
    const tooMuch = await adopt('Overførsel fra 2021', { kind: 'budget_carry_over', budgetId: next, lineId: nextLine, year: 2022, fromBudgetId: budgetId, fromLineId: lineId, amountOre: 1 });
    const refusedCarry = await call(tokens.emp, 'POST', `/budgets/${next}/carry-overs`, { resolutionId: tooMuch });
    expect([refusedCarry.status, refusedCarry.body.code]).toEqual([422, 'more_than_unspent']);
    // The courses line spent nothing of its 5,000.00: 4,000.00 goes on to 2022, then at most 1,000.00 more.
    const carry = (amountOre: number) => adopt('Overførsel af kursusmidler', { kind: 'budget_carry_over', budgetId: next, lineId: nextLine, year: 2022, fromBudgetId: budgetId, fromLineId: courses, amountOre });
    await ok(tokens.emp, 'POST', `/budgets/${next}/carry-overs`, { resolutionId: await carry(4_000_00) });
    const beyond = await call(tokens.emp, 'POST', `/budgets/${next}/carry-overs`, { resolutionId: await carry(1_000_01) });
    expect([beyond.status, beyond.body.code]).toEqual([422, 'more_than_unspent']);
    const nextView = (await get(undefined, `/budgets/${next}`)).body;
    expect(nextView.lines[0].enacted).toEqual({ '2022': 14_000_00 });
    expect(nextView.carriedIn).toEqual([expect.objectContaining({ fromBudgetId: budgetId, fromLineId: courses, amountOre: 4_000_00, lineId: nextLine })]);
    const story = (await get(undefined, `/budgets/${next}/lines/${nextLine}/history`)).body.entries.map((e: Json) => e.what);
    expect(story).toContain('carried_in');
  });

  it('does not close a year that is not over', async () => {
    const { budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2099, kind: 'annual' })).created;
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { '2099': 1 } });
    const { version } = (await get(tokens.emp, `/budgets/${budgetId}`)).body;
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/approve`, { resolutionId: await adopt('Godkend budget 2099', { kind: 'budget_approval', budgetId, version }) });
    await ok(tokens.emp, 'POST', `/budgets/${budgetId}/submit`);
    await ok(tokens.admin, 'POST', `/budgets/${budgetId}/enact`, { lines: [] });
    const closing = await adopt('Regnskab 2099', { kind: 'budget_closing', budgetId });
    const before = await eventCount();
    const refused = await call(tokens.emp, 'POST', `/budgets/${budgetId}/closing`, { resolutionId: closing });
    expect([refused.status, refused.body.code]).toEqual([422, 'year_not_over']);
    expect(await eventCount()).toBe(before);
  });
});

describe('a line withdrawn from a draft', () => {
  it('has only its own story, and none for the public, once the budget is approved', async () => {
    const { budgetId } = (await ok(tokens.emp, 'POST', `/centres/${centreId}/budgets`, { fiscalYear: 2028, kind: 'annual' })).created;
    const { lineId: kept } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2028': 90_000_00 } })).created;
    const { lineId: dropped } = (await ok(tokens.emp, 'POST', `/budgets/${budgetId}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Kaffe', amounts: { '2028': 5_000_00 } })).created;
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
    expect(held).toMatchObject({ present: ['seat:employee', 'seat:citizen', partnerPlace()], departed: { [partnerPlace()]: leftAt }, minutes: 'signed' });
    expect(board.resolutions.find((x: Json) => x.resolutionId === created.resolutionId)).toMatchObject({ status: 'adopted', tally: { for: 2, against: 0, abstained: 0 } });
  });
});

describe('a member re-elected', () => {
  it('keeps the seat and every role until the board changes them', async () => {
    await ok(tokens.admin, 'PUT', `/centres/${centreId}/board/roles/vice_chair`, { memberId: 'emp-1' });
    const again = await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2028-01-01' });
    expect(again.events.map((e: Json) => e.type)).toEqual(['MemberReelected']);
    const board = (await get(undefined, `/centres/${centreId}/board`)).body;
    expect(board.roles.vice_chair).toBe('seat:employee');
    expect(board.seats.find((s: Json) => s.seatId === 'employee')).toMatchObject({ memberId: 'seat:employee', since: '2026-01-01' });
    expect((await get(tokens.staff, `/centres/${centreId}/board`)).body.roles.vice_chair).toBe('emp-1');
    // The same term again records nothing.
    expect((await ok(tokens.admin, 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2028-01-01' })).events).toEqual([]);
  });
});

describe('a meeting held and documented item by item', () => {
  it('gives notice with place and agenda, takes a disqualified member out of one item, and minutes each item; all public once signed', async () => {
    await ok(tokens.admin, 'PUT', `/centres/${centreId}/board/roles/secretary`, { memberId: 'cit-1' });
    const { created: meeting } = await ok(tokens.emp, 'POST', `/centres/${centreId}/board/meetings`, {
      at: '2026-12-02T17:00:00+01:00',
      agenda: ['Godkendelse af dagsorden', 'Lejeaftale med Lokal A-kasse'],
      place: 'https://meet.example.dk/bestyrelsen',
    });
    const m = `/centres/${centreId}/board/meetings/${meeting.meetingId}`;
    await ok(tokens.emp, 'POST', `${m}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
    // The partner member's organisation is the other party: they are disqualified on item 2.
    const before = await eventCount();
    // A member without a role cannot declare another disqualified; there is no item 3.
    expect((await call(tokens.part, 'POST', `${m}/items/2/recusals`, { memberId: 'emp-1' })).status).toBe(403);
    const noItem = await call(tokens.part, 'POST', `${m}/items/3/recusals`, { memberId: 'part-1' });
    expect([noItem.status, noItem.body.field]).toEqual([400, 'item']);
    expect(await eventCount()).toBe(before);
    await ok(tokens.part, 'POST', `${m}/items/2/recusals`, { memberId: 'part-1' });
    const { created } = await ok(tokens.emp, 'POST', `${m}/resolutions`, { title: 'Lejeaftale for 2027', subject: { kind: 'general' }, item: 2 });
    const r = `/centres/${centreId}/board/resolutions/${created.resolutionId}`;
    expect((await call(tokens.part, 'POST', `${r}/votes`, { choice: 'for' })).body.code).toBe('recused');
    await ok(tokens.emp, 'POST', `${r}/votes`, { choice: 'for' });
    await ok(tokens.cit, 'POST', `${r}/votes`, { choice: 'for' });
    // The count does not wait for the disqualified member.
    await ok(tokens.emp, 'POST', `${r}/decide`);
    expect((await call(tokens.part, 'PUT', `${m}/items/2/minutes`, { decision: 'x' })).status).toBe(403);
    await ok(tokens.cit, 'PUT', `${m}/items/1/minutes`, { decision: 'Dagsordenen blev godkendt.' });
    await ok(tokens.cit, 'PUT', `${m}/items/2/minutes`, { decision: 'Lejeaftalen blev godkendt.', reasoning: 'Lejen svarer til markedslejen.' });
    for (const who of ['emp', 'cit', 'part']) await ok(tokens[who]!, 'POST', `${m}/minutes/sign`);
    expect((await call(tokens.cit, 'PUT', `${m}/items/2/minutes`, { decision: 'Ændret' })).body.code).toBe('minutes_signed');
    const board = (await get(undefined, `/centres/${centreId}/board`)).body;
    expect(board.meetings.find((x: Json) => x.meetingId === meeting.meetingId)).toMatchObject({
      place: 'https://meet.example.dk/bestyrelsen',
      agenda: ['Godkendelse af dagsorden', 'Lejeaftale med Lokal A-kasse'],
      recused: { '2': [partnerPlace()] },
      itemMinutes: { '1': { decision: 'Dagsordenen blev godkendt.', reasoning: null }, '2': { decision: 'Lejeaftalen blev godkendt.', reasoning: 'Lejen svarer til markedslejen.' } },
      minutes: 'signed',
    });
    expect(board.resolutions.find((x: Json) => x.resolutionId === created.resolutionId)).toMatchObject({ item: 2, status: 'adopted', tally: { for: 2, against: 0, abstained: 0 } });
  });
});
