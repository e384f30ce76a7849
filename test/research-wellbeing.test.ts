/**
 * The WHO-5 answers in aggregate, against a real PostgreSQL: opened only to be counted and
 * averaged, by the group of each citizen's first answer in the year, under disclosure control; an
 * erased citizen's answers left out; for the indicators' readers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { InjectBrowser } from './support/inject-browser.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let handler: CommandHandler;
const centres: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  handler = new CommandHandler(t.store, { vault: t.vault });
  const admin = await t.token('admin');
  for (const [code, name] of [
    ['101', 'Virkelyst København'],
    ['461', 'Virkelyst Odense'],
    ['751', 'Virkelyst Aarhus'],
  ] as const) {
    const created = await t.app.inject({ method: 'POST', url: '/centres', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': newId() }, payload: { municipalityCode: code, name } });
    centres[code] = created.json().centreId;
  }
});
afterAll(async () => t.close());

/** Five whole-number answers 0–5 whose percentage score is `pct` (a multiple of 4). */
function scoresFor(pct: number): number[] {
  let raw = pct / 4;
  return [0, 1, 2, 3, 4].map(() => {
    const s = Math.min(5, raw);
    raw -= s;
    return s;
  });
}

/** A citizen with a journey at the centre, who answers the WHO-5 at each moment given (their own act, through the decider). */
async function citizenAnswering(code: string, answers: { at: string; scores: number[] }[]): Promise<string> {
  const citizenId = newId();
  const principal = { id: citizenId, role: 'citizen' as const };
  await handler.handle(journeyDecider, { type: 'StartJourney', citizenId, principal, now: '2026-01-02T09:00:00.000Z', data: { journeyId: newId(), centreId: centres[code]!, firstContact: 'self_service', centreKnown: true } }, { commandId: newId() });
  for (const a of answers) {
    await handler.handle(journeyDecider, { type: 'AnswerWellBeing', citizenId, principal, now: a.at, data: { answerId: newId(), scores: a.scores } }, { commandId: newId() });
  }
  return citizenId;
}

async function table(by: 'municipality' | 'centre', token?: string) {
  await t.engine.settle();
  const response = await t.app.inject({ method: 'GET', url: `/research/well-being?by=${by}&year=2026`, headers: { authorization: `Bearer ${token ?? (await t.token('researcher'))}` } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('the WHO-5 answers in aggregate', () => {
  // Twelve in Copenhagen: six answer again two weeks or more later, and one of the others three days on.
  const firsts = [84, 40, 60, 28, 80, 8, 52, 100, 0, 64, 44, 72].map((pct) => scoresFor(pct));
  const later = [96, 60, 60, 40, 80, 20].map((pct) => scoresFor(pct));
  const copenhagen: string[] = [];

  it('counts and averages by the first answer, and a later answer two weeks on as answering again', async () => {
    for (const [i, scores] of firsts.entries()) {
      const answers = [{ at: '2026-03-02T10:00:00.000Z', scores }];
      if (i < later.length) answers.push({ at: '2026-04-20T10:00:00.000Z', scores: later[i]! });
      // The last one answers again three days on: not yet "again".
      if (i === firsts.length - 1) answers.push({ at: '2026-03-05T10:00:00.000Z', scores: [5, 5, 5, 5, 5] });
      copenhagen.push(await citizenAnswering('101', answers));
    }
    // Two in Odense: too few to show, and so placed that the total cannot give them away.
    await citizenAnswering('461', [{ at: '2026-05-04T10:00:00.000Z', scores: [1, 1, 1, 1, 1] }]);
    await citizenAnswering('461', [{ at: '2026-05-04T10:00:00.000Z', scores: [2, 2, 2, 2, 2] }]);
    // Six in Aarhus.
    for (const pct of [20, 40, 60, 80, 100, 0]) await citizenAnswering('751', [{ at: '2026-06-01T10:00:00.000Z', scores: scoresFor(pct) }]);
    // One whose first answer was in another year is not in 2026's table.
    await citizenAnswering('101', [{ at: '2025-12-01T10:00:00.000Z', scores: [5, 5, 5, 5, 5] }, { at: '2026-03-02T10:00:00.000Z', scores: [0, 0, 0, 0, 0] }]);

    const result = await table('municipality');
    const kbh = result.rows.find((r: { group: string }) => r.group === '101');
    const pct = (s: number[]) => s.reduce((a, b) => a + b, 0) * 4;
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    expect(kbh).toMatchObject({
      label: 'København',
      answered: 12,
      firstMean: mean(firsts.map(pct)),
      answeredAgain: 6,
      changeMean: mean(later.map((l, i) => pct(l) - pct(firsts[i]!))),
      benchmark: true,
    });
    const odense = result.rows.find((r: { group: string }) => r.group === '461');
    expect(odense).toMatchObject({ answered: null, firstMean: null });
    // Odense's count cannot be worked out from the total and the others.
    const aarhus = result.rows.find((r: { group: string }) => r.group === '751');
    expect(result.total.answered === null || aarhus.answered === null, 'the total and Aarhus both shown give Odense away').toBe(true);
  });

  it('leaves an erased citizen out', async () => {
    const admin = await t.token('admin');
    const erased = await t.app.inject({ method: 'POST', url: `/admin/citizens/${copenhagen[8]}/erase`, headers: { authorization: `Bearer ${admin}`, 'idempotency-key': newId() }, payload: {} });
    expect(erased.statusCode).toBe(200);
    const kbh = (await table('municipality')).rows.find((r: { group: string }) => r.group === '101');
    expect(kbh).toMatchObject({ answered: 11, answeredAgain: 6 });
  });

  it('by centre too; and only for the indicators’ readers', async () => {
    const byCentre = await table('centre', await t.token('auditor'));
    expect(byCentre.rows.map((r: { group: string }) => r.group).sort()).toEqual([centres['101'], centres['461'], centres['751']].sort());
    for (const role of ['staff', 'citizen', 'board_member', 'partner'] as const) {
      const response = await t.app.inject({ method: 'GET', url: '/research/well-being?by=centre&year=2026', headers: { authorization: `Bearer ${await t.token(role, role === 'staff' || role === 'board_member' ? centres['101'] : undefined)}` } });
      expect(response.statusCode, role).toBe(403);
    }
    const bad = await t.app.inject({ method: 'GET', url: '/research/well-being?by=person', headers: { authorization: `Bearer ${await t.token('researcher')}` } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('by');
  });

  it('shows the table on its page to a researcher, suppressed counts as such and no score of anyone', async () => {
    const browser = new InjectBrowser(() => t.app, { 'accept-language': 'da' });
    await browser.get('/log-ind');
    expect((await browser.post('/log-ind', { _csrf: browser.lastCsrf, role: 'researcher', personId: 'researcher-w', centreId: '' })).statusCode).toBe(303);
    const page = await browser.get('/forskning/trivsel?efter=kommune&aar=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('København');
    expect(page.body).toMatch(/<td class="align-text-right">11<\/td>/);
    expect(page.body).toContain('aria-label="udeladt"');
    const bad = await browser.get('/forskning/trivsel?efter=person&aar=2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#efter"');
  });

  it('are in a study’s export only as scores of the answers, for a study that asks for them, by the study’s pseudonyms', async () => {
    const admin = await t.token('admin');
    const study = {
      title: 'Trivsel og brug af huset',
      purpose: 'Om borgere, der bruger huset, trives bedre over tid.',
      period: { from: '2026-01-01', to: '2026-12-31' },
      indicators: [],
      exportFields: ['citizen_pseudonym', 'municipality_code', 'event_kind', 'wellbeing_score'],
      legalBasis: 'Databeskyttelseslovens § 10.',
      researcherIds: ['researcher-x'],
    };
    const registered = await t.app.inject({ method: 'POST', url: '/studies', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': newId() }, payload: study });
    expect(registered.statusCode, registered.body).toBe(201);
    const studyId = registered.json().created.studyId;
    await t.engine.settle();
    const exported = await t.app.inject({ method: 'GET', url: `/research/studies/${studyId}/export?format=csv`, headers: { authorization: `Bearer ${await t.token('researcher', undefined, 'researcher-x')}` } });
    expect(exported.statusCode, exported.body).toBe(200);
    const lines = exported.body.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    const answers = rows.filter((r) => r.event_kind === 'wellbeing_answered');
    // Copenhagen's 2026 answers: six twice, five once, one twice within three days, less the erased citizen's one, and the 2026 answer of the one who began in 2025.
    expect(answers.filter((r) => r.municipality_code === '101')).toHaveLength(12 + 5 + 2 - 1 + 1);
    expect(answers.filter((r) => r.municipality_code === '751').map((r) => Number(r.wellbeing_score)).sort((a, b) => a - b)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(answers.every((r) => /^[A-Za-z0-9_-]{22}$/.test(r.citizen_pseudonym!))).toBe(true);
    // No row carries a score but an answer's.
    expect(rows.filter((r) => r.event_kind !== 'wellbeing_answered').every((r) => r.wellbeing_score === '')).toBe(true);
  });
});
