import { describe, expect, it } from 'vitest';
import { BUDGET_EVENT_SCHEMA_VERSIONS, BUDGET_EVENT_TYPES, budgetStreamId, type Budget } from '../../domain/budget/budget.js';
import { type BudgetCommand, budgetDecider, closedAccountsOf, type ResolutionFact } from '../../domain/budget/decide.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { StoredEvent } from '../canonical.js';
import { BOOKS_EVENT_TYPES, budgetChecks } from './budget.js';
import type { Data, Meta } from './types.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const budgetId = 'b-2027';
const stream = budgetStreamId(budgetId);
/** 09:00 in Copenhagen on 15 December 2027: entries dated up to that day are not ahead of their time. */
const AT = '2027-12-15T08:00:00.000Z';
const micro = (iso: string) => `${new Date(iso).toISOString().slice(0, 23)}000Z`;

let position = 0;
interface Options {
  schemaVersion?: number;
  stream?: string;
  occurredAt?: string;
  recordedAt?: string;
}
/** A raw event as the log stores it, made by hand. */
function raw(type: string, data: object, options: Options = {}): StoredEvent {
  position++;
  const versions: Record<string, number> = BUDGET_EVENT_SCHEMA_VERSIONS;
  const metadata = { actor: { id: 'staff-1', role: 'staff' }, centreId, correlationId: `k${position}`, causationId: `k${position}`, commandId: `k${position}`, occurredAt: options.occurredAt ?? AT };
  return {
    position,
    stream: options.stream ?? stream,
    version: position,
    id: `event-${position}`,
    type,
    schemaVersion: options.schemaVersion ?? versions[type] ?? 1,
    data,
    metadata,
    recordedAt: options.recordedAt ?? micro(options.occurredAt ?? AT),
  };
}

const drafted = (kind = 'annual', options: Options = {}) =>
  raw('BudgetDrafted', { budgetId, centreId, fiscalYear: 2027, kind, years: kind === 'annual' ? [2027] : [2027, 2028, 2029, 2030, 2031] }, options);
const line = (lineId: string, standardAccount: string, nature: unknown, amount: number, more: object = {}) =>
  raw('BudgetLineProposed', { budgetId, lineId, financeAccount: '17411110', standardAccount, nature, description: 'Linje', amounts: { '2027': amount }, version: position, ...more });
/** A line of schema version 1: no nature, read as expenditure, its amounts as stored. */
const oldLine = (lineId: string, amount: number) =>
  raw('BudgetLineProposed', { budgetId, lineId, financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { '2027': amount }, version: position }, { schemaVersion: 1 });
const amended = (lineId: string, amount: number) => raw('BudgetLineAmended', { budgetId, lineId, description: 'Linje', amounts: { '2027': amount }, version: position });
const withdrawn = (lineId: string) => raw('BudgetLineWithdrawn', { budgetId, lineId, version: position });
const approved = () => raw('BudgetApproved', { budgetId, version: 3, resolutionId: 'r1' });
const submitted = () => raw('BudgetSubmitted', { budgetId, version: 3 });
const enacted = (...lines: [string, number][]) => raw('BudgetEnacted', { budgetId, lines: lines.map(([lineId, amount]) => ({ lineId, amounts: { '2027': amount } })) });
const spend = (spendingId: string, lineId: string, amountOre: unknown, more: object = {}, options: Options = {}) =>
  raw('SpendingRecorded', { budgetId, spendingId, lineId, amountOre, on: '2027-12-01', voucher: '2027-0001', text: 'Løn december', overspendReason: null, ...more }, options);
/** An entry of schema version 1: no voucher, text or reason; it may be negative. */
const oldSpend = (spendingId: string, lineId: string, amountOre: number) => raw('SpendingRecorded', { budgetId, spendingId, lineId, amountOre, on: '2027-06-01' }, { schemaVersion: 1 });
const correct = (correctionId: string, spendingId: string, lineId: string, amountOre: unknown, more: object = {}, options: Options = {}) =>
  raw('SpendingCorrected', { budgetId, correctionId, spendingId, lineId, amountOre, on: '2027-12-02', voucher: 'K-0001', text: 'Kreditnota', ...more }, options);
const moved = (fromLineId: string, toLineId: string, amountOre: unknown) => raw('BudgetReallocated', { budgetId, resolutionId: 'r2', fromLineId, toLineId, year: 2027, amountOre });
const supplemented = (lineId: string, amountOre: unknown) => raw('BudgetSupplemented', { budgetId, resolutionId: 'r3', lineId, year: 2027, amountOre });
const closing = (...lines: [string, unknown][]) =>
  raw('AccountsClosed', { budgetId, resolutionId: 'r4', lines: lines.map(([lineId, spentOre]) => ({ lineId, spentOre })) }, { occurredAt: '2028-01-10T09:00:00.000Z' });

/** An enacted annual budget: salaries (l1) and operating costs (l2) are expenditure, rent received (l3) revenue. */
const enactedBudget = () => [
  drafted(),
  line('l1', '18', 'expenditure', 1000),
  line('l2', '22', 'expenditure', 200),
  line('l3', '21', 'revenue', 100),
  approved(),
  submitted(),
  enacted(['l1', 950], ['l2', 200], ['l3', 100]),
];

function run(events: StoredEvent[]) {
  const checks = budgetChecks();
  for (const e of events) checks.onEvent(e, e.data as Data, e.metadata as Meta);
  checks.endOfAppend?.();
  checks.finish?.();
  expect(checks.checks.map((c) => c.id)).toEqual([11]);
  return checks.checks[0]!;
}
/** The reasons reported, each with the position of the event it names. */
const reasons = (events: StoredEvent[]) => run(events).violations.map((x) => [x.position, x.reason]);
/** A log that passes but for `forged`, which is reported with a reason matching `reason`. */
function flags(events: StoredEvent[], forged: StoredEvent, reason: RegExp) {
  const found = reasons(events);
  expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
  expect(found.some(([at, why]) => at === forged.position && reason.test(String(why))), JSON.stringify(found)).toBe(true);
  expect(found.every(([at]) => at === forged.position), JSON.stringify(found)).toBe(true);
}
const passes = (events: StoredEvent[]) => expect(reasons(events)).toEqual([]);

// Budgets kept through the deciders, as the application keeps them.
const board: Principal = { id: 'board-1', role: 'board_member', centreId };
const staff: Principal = { id: 'staff-1', role: 'staff', centreId };
const admin: Principal = { id: 'admin-1', role: 'admin' };
const adopted = (resolutionId: string, subject: ResolutionFact['subject']): ResolutionFact => ({ resolutionId, centreId, status: 'adopted', subject });
/** A step: a command's type, who gives it, when, its data (or data made from the budgets' states then), and the budget. */
type Step = [string, Principal, string, object | ((states: Map<string, Budget>) => object), string?];
function written(steps: Step[]): StoredEvent[] {
  const states = new Map<string, Budget>();
  const versions = new Map<string, number>();
  const out: StoredEvent[] = [];
  for (const [type, principal, now, data, id = budgetId] of steps) {
    const state = states.get(id) ?? budgetDecider.initialState;
    const command = { type, now, principal, data: { budgetId: id, actorSits: true, ...(typeof data === 'function' ? data(states) : data) } } as BudgetCommand;
    let next = state;
    for (const event of budgetDecider.decide(command, state)) {
      next = budgetDecider.evolve(next, event);
      position++;
      versions.set(id, (versions.get(id) ?? 0) + 1);
      out.push({
        position,
        stream: budgetStreamId(id),
        version: versions.get(id)!,
        id: `event-${position}`,
        type: event.type,
        schemaVersion: BUDGET_EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        metadata: { actor: { id: principal.id, role: principal.role }, centreId, correlationId: `k${position}`, causationId: `k${position}`, commandId: `k${position}`, occurredAt: now },
        recordedAt: micro(now),
      });
    }
    states.set(id, next);
  }
  return out;
}

describe('check 11: the books', () => {
  it('passes budgets the deciders kept: lines of both natures, entries, an overspending with its reason, a correction, money moved, appropriated and carried over, the closing', () => {
    const march = '2027-03-31T14:00:00.000+02:00';
    const next = 'b-2028';
    const log = written([
      ['DraftBudget', board, '2026-11-01T10:00:00.000+01:00', { centreId, fiscalYear: 2027, kind: 'annual', centreKnown: true }],
      ['ProposeBudgetLine', board, '2026-11-01T10:05:00.000+01:00', { lineId: 'l1', financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2027': 1_000_000_00 } }],
      ['ProposeBudgetLine', board, '2026-11-01T10:06:00.000+01:00', { lineId: 'l2', financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { '2027': 200_000_00 } }],
      ['ProposeBudgetLine', board, '2026-11-01T10:07:00.000+01:00', { lineId: 'l3', financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Udlejning', amounts: { '2027': 10_000_00 } }],
      ['ApproveBudget', board, '2026-11-20T18:00:00.000+01:00', { resolutionId: 'r1', resolution: adopted('r1', { kind: 'budget_approval', budgetId, version: 3 }) }],
      ['SubmitBudget', board, '2026-11-21T10:00:00.000+01:00', {}],
      ['EnactBudget', admin, '2026-12-20T10:00:00.000+01:00', { lines: [{ lineId: 'l1', amounts: { '2027': 950_000_00 } }] }],
      ['RecordSpending', staff, march, { spendingId: 'x1', lineId: 'l1', amountOre: 80_000_00, on: '2027-03-31', voucher: '2027-0001', text: 'Løn marts' }],
      // Revenue beyond its estimate needs no reason.
      ['RecordSpending', staff, march, { spendingId: 'x2', lineId: 'l3', amountOre: 12_000_00, on: '2027-03-31', voucher: '2027-0002', text: 'Leje' }],
      ['ReallocateBudget', board, '2027-04-10T18:00:00.000+02:00', { resolutionId: 'r2', resolution: adopted('r2', { kind: 'budget_reallocation', budgetId, fromLineId: 'l2', toLineId: 'l1', year: 2027, amountOre: 150_000_00 }) }],
      ['RecordSpending', staff, '2027-04-30T14:00:00.000+02:00', { spendingId: 'x3', lineId: 'l2', amountOre: 60_000_00, on: '2027-04-30', voucher: '2027-0003', text: 'Drift', overspendReason: 'Flere arrangementer' }],
      ['CorrectSpending', staff, '2027-05-02T09:00:00.000+02:00', { correctionId: 'k1', spendingId: 'x3', amountOre: 20_000_00, on: '2027-05-02', voucher: 'K-0001', text: 'Kreditnota' }],
      ['SupplementBudget', board, '2027-05-10T18:00:00.000+02:00', { resolutionId: 'r3', resolution: adopted('r3', { kind: 'budget_supplement', budgetId, lineId: 'l2', year: 2027, amountOre: 20_000_00 }) }],
      ['RecordSpending', staff, '2027-05-31T14:00:00.000+02:00', { spendingId: 'x4', lineId: 'l2', amountOre: 25_000_00, on: '2027-05-31', voucher: '2027-0004', text: 'Drift' }],
      // Next year's budget, enacted before this year's accounts are closed.
      ['DraftBudget', board, '2027-11-01T10:00:00.000+01:00', { centreId, fiscalYear: 2028, kind: 'annual', centreKnown: true }, next],
      ['ProposeBudgetLine', board, '2027-11-01T10:05:00.000+01:00', { lineId: 'm1', financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2028': 50_000_00 } }, next],
      ['ApproveBudget', board, '2027-11-20T18:00:00.000+01:00', { resolutionId: 's1', resolution: adopted('s1', { kind: 'budget_approval', budgetId: next, version: 1 }) }, next],
      ['SubmitBudget', board, '2027-11-21T10:00:00.000+01:00', {}, next],
      ['EnactBudget', admin, '2027-12-20T10:00:00.000+01:00', { lines: [] }, next],
      ['CloseAccounts', board, '2028-01-15T18:00:00.000+01:00', { resolutionId: 'r4', resolution: adopted('r4', { kind: 'budget_closing', budgetId }) }],
      // l1 left 1,020,000 kr. unspent of 1,100,000: 100,000 of it goes on next year's salaries.
      [
        'CarryOver',
        board,
        '2028-01-20T18:00:00.000+01:00',
        (states) => ({
          resolutionId: 's2',
          resolution: adopted('s2', { kind: 'budget_carry_over', budgetId: next, lineId: 'm1', year: 2028, fromBudgetId: budgetId, fromLineId: 'l1', amountOre: 100_000_00 }),
          source: closedAccountsOf(states.get(budgetId)!),
        }),
        next,
      ],
      // Beyond what was enacted, within what was carried over: no reason.
      ['RecordSpending', staff, '2028-01-31T14:00:00.000+01:00', { spendingId: 'y1', lineId: 'm1', amountOre: 120_000_00, on: '2028-01-31', voucher: '2028-0001', text: 'Løn januar' }, next],
    ]);
    expect(log.map((e) => e.type)).toEqual(expect.arrayContaining(['SpendingCorrected', 'BudgetReallocated', 'BudgetSupplemented', 'AccountsClosed', 'BudgetCarriedOver']));
    expect(log.filter((e) => e.type === 'SpendingRecorded')).toHaveLength(5);
    expect(run(log)).toMatchObject({ examined: log.length, violations: [] });
  });

  it('passes the same by hand, and examines every budget event', () => {
    const log = [
      ...enactedBudget(),
      spend('x1', 'l1', 500),
      spend('x2', 'l3', 150), // revenue beyond its estimate: no reason
      correct('k1', 'x1', 'l1', 100),
      moved('l1', 'l2', 50), // l2: 250
      spend('x3', 'l2', 240),
      spend('x4', 'l2', 20, { overspendReason: 'Ekstra arrangement' }), // 260 of 250
      supplemented('l2', 100), // l2: 350
      spend('x5', 'l2', 50), // 310 of 350
      closing(['l1', 400], ['l2', 310], ['l3', 150]),
    ];
    expect(run(log)).toMatchObject({ examined: log.length, violations: [] });
  });

  it('reports nothing examined when the log holds no budget', () => {
    expect(run([raw('CentreRenamed', { centreId, name: 'x' }, { stream: `centre-${centreId}` })])).toMatchObject({ examined: 0, violations: [] });
    expect(run([])).toMatchObject({ examined: 0, violations: [] });
  });

  it('reads every budget event type the domain writes', () => {
    expect([...BOOKS_EVENT_TYPES].sort()).toEqual([...BUDGET_EVENT_TYPES].sort());
  });

  describe('1. lines', () => {
    it('flags a line that is neither expenditure nor revenue, or not on its standard account’s side', () => {
      const base = [drafted()];
      const income = line('l1', '21', 'income', 10);
      flags([...base, income], income, /line l1 is neither expenditure nor revenue/);
      const none = line('l1', '21', undefined, 10);
      flags([drafted(), none], none, /neither expenditure nor revenue/);
      const salariesAsRevenue = line('l1', '18', 'revenue', 10);
      flags([drafted(), salariesAsRevenue], salariesAsRevenue, /line l1 is revenue, but standard account 18 is budgeted as expenditure/);
      const rentAsExpenditure = line('l1', '21', 'expenditure', 10);
      flags([drafted(), rentAsExpenditure], rentAsExpenditure, /line l1 is expenditure, but standard account 21 is budgeted as revenue/);
      // 27 is no standard account; 80 is the state's borrowing, not a centre's to budget.
      for (const code of ['27', '80', '4']) {
        const unknown = line('l1', code, 'expenditure', 10);
        flags([drafted(), unknown], unknown, /not one a centre budgets on: its side is not known/);
      }
    });

    it('flags a negative amount (or one not in whole øre) proposed, amended or enacted for a line', () => {
      const negative = line('l1', '21', 'revenue', -10);
      flags([drafted(), negative], negative, /line l1 is proposed with an amount for 2027 that is negative/);
      const fraction = line('l1', '18', 'expenditure', 10.5);
      flags([drafted(), fraction], fraction, /not a whole number of øre/);
      const draft = [drafted(), line('l1', '18', 'expenditure', 10)];
      const amendment = amended('l1', -5);
      flags([...draft, amendment], amendment, /the amendment gives line l1 an amount for 2027 that is negative/);
      passes([drafted(), line('l1', '18', 'expenditure', 10), amended('l1', 0)]);
      const toEnact = [drafted(), line('l1', '18', 'expenditure', 10), approved(), submitted()];
      const enactment = enacted(['l1', -1]);
      flags([...toEnact, enactment], enactment, /the enactment gives line l1 an amount for 2027 that is negative/);
    });

    it('flags a line proposed twice: its postings would start again from nothing', () => {
      const log = [drafted(), line('l1', '18', 'expenditure', 10)];
      const again = line('l1', '18', 'expenditure', 10);
      flags([...log, again], again, /line l1 is proposed a second time/);
    });

    it('reads a line of version 1 as expenditure with its amounts as stored, and flags one after the new form', () => {
      // The old form: negative amounts (revenue written as a minus) are as stored, not a violation.
      const old = [drafted(), oldLine('l1', 1000), oldLine('l9', -500), amended('l9', -400), approved(), submitted(), enacted(['l1', 1000], ['l9', -400])];
      passes(old);
      // Expenditure: an entry beyond its appropriation needs a reason.
      const beyond = spend('x1', 'l1', 1001);
      flags([...old, beyond], beyond, /entry x1 takes line l1 beyond its appropriation with no reason stated/);
      passes([drafted(), oldLine('l1', 1000), approved(), submitted(), enacted(['l1', 1000]), spend('x1', 'l1', 1001, { overspendReason: 'Overarbejde' })]);
      const late = [drafted(), line('l1', '18', 'expenditure', 10)];
      const afterwards = oldLine('l2', 10);
      flags([...late, afterwards], afterwards, /line l2 is proposed in the old form \(schema version 1, no nature\) after the log held budget events of the new form/);
    });
  });

  describe('2. entries', () => {
    it('flags an entry that is not above zero in whole øre, or has no voucher reference or text', () => {
      for (const amount of [0, -100, 1.5, '100', null]) {
        const log = enactedBudget();
        const forged = spend('x1', 'l1', amount);
        flags([...log, forged], forged, /entry x1 of .*: an entry or correction is a whole number of øre above zero/);
      }
      for (const [more, reason] of [
        [{ voucher: '' }, /entry x1 has no voucher reference/],
        [{ voucher: undefined }, /entry x1 has no voucher reference/],
        [{ voucher: 42 }, /entry x1 has no voucher reference/],
        [{ text: '   ' }, /entry x1 has no voucher text/],
        [{ text: null }, /entry x1 has no voucher text/],
      ] as const) {
        const log = enactedBudget();
        const forged = spend('x1', 'l1', 100, more);
        flags([...log, forged], forged, reason);
      }
    });

    it('flags an entry on a line the budget does not have, or withdrew', () => {
      const log = enactedBudget();
      const nowhere = spend('x1', 'l7', 100);
      flags([...log, nowhere], nowhere, /entry x1 is booked on line l7, which is not a line of this budget/);
      const withdrew = [drafted(), line('l1', '18', 'expenditure', 10), line('l2', '22', 'expenditure', 10), withdrawn('l2'), approved(), submitted(), enacted(['l1', 10])];
      const onWithdrawn = spend('x1', 'l2', 5);
      flags([...withdrew, onWithdrawn], onWithdrawn, /entry x1 is booked on line l2, which was withdrawn/);
    });

    it('flags an entry on a budget not enacted, not annual, closed, or never drafted', () => {
      const draft = [drafted(), line('l1', '18', 'expenditure', 10)];
      const early = spend('x1', 'l1', 5);
      flags([...draft, early], early, /entry x1 is booked on a budget not enacted/);
      const approvedOnly = [drafted(), line('l1', '18', 'expenditure', 10), approved(), submitted()];
      const beforeAct = spend('x1', 'l1', 5);
      flags([...approvedOnly, beforeAct], beforeAct, /not enacted/);
      const development = [drafted('development'), line('l1', '18', 'expenditure', 10), approved(), submitted(), enacted(['l1', 10])];
      const onDevelopment = spend('x1', 'l1', 5);
      flags([...development, onDevelopment], onDevelopment, /entry x1 is booked on a budget that is not annual/);
      const closed = [...enactedBudget(), closing(['l1', 0], ['l2', 0], ['l3', 0])];
      const afterClosing = spend('x1', 'l1', 5);
      flags([...closed, afterClosing], afterClosing, /entry x1 is booked after the budget's accounts were closed/);
      const stray = spend('x1', 'l1', 5);
      flags([stray], stray, /entry x1 is booked in a budget that was never drafted/);
      expect(reasons([stray])).toHaveLength(1);
    });

    it('flags an entry dated outside the fiscal year, or after the day it was made or recorded in Copenhagen', () => {
      const log = enactedBudget();
      const lastYear = spend('x1', 'l1', 5, { on: '2026-12-31' });
      flags([...log, lastYear], lastYear, /entry x1 is dated 2026-12-31, outside the budget's fiscal year 2027/);
      const noDate = spend('x1', 'l1', 5, { on: '2027-02-30' });
      flags([...enactedBudget(), noDate], noDate, /dated \(not a date\), outside the budget's fiscal year 2027/);
      // Made at 09:00 on 15 December in Copenhagen: the 16th is tomorrow.
      const tomorrow = spend('x1', 'l1', 5, { on: '2027-12-16' });
      flags([...enactedBudget(), tomorrow], tomorrow, /entry x1 is dated 2027-12-16, after the day it was made \(2027-12-15 in Copenhagen\)/);
      // 23:30 UTC on the 15th is already the 16th in Copenhagen.
      passes([...enactedBudget(), spend('x1', 'l1', 5, { on: '2027-12-16' }, { occurredAt: '2027-12-15T23:30:00.000Z' })]);
      // A time the event claims is held to the log's own: recorded on the 15th, it is not dated the 20th.
      const claimed = spend('x1', 'l1', 5, { on: '2027-12-20' }, { occurredAt: '2027-12-20T09:00:00.000Z', recordedAt: '2027-12-15T08:00:00.000000Z' });
      flags([...enactedBudget(), claimed], claimed, /entry x1 is dated 2027-12-20, after the day the log recorded it \(2027-12-15 in Copenhagen\)/);
      // Five minutes of difference between the app's clock and the database's are allowed, not ten.
      passes([...enactedBudget(), spend('x1', 'l1', 5, { on: '2027-12-16' }, { occurredAt: '2027-12-15T23:02:00.000Z', recordedAt: '2027-12-15T22:58:00.000000Z' })]);
      const skewed = spend('x1', 'l1', 5, { on: '2027-12-16' }, { occurredAt: '2027-12-15T23:02:00.000Z', recordedAt: '2027-12-15T22:50:00.000000Z' });
      flags([...enactedBudget(), skewed], skewed, /after the day the log recorded it/);
    });

    it('flags an entry under the id of an earlier entry or correction of the budget', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 5)];
      const again = spend('x1', 'l1', 5);
      flags([...log, again], again, /entry x1 has the id of an earlier entry or correction of this budget/);
      const corrected = [...enactedBudget(), spend('x1', 'l1', 5), correct('k1', 'x1', 'l1', 5)];
      const asCorrection = spend('k1', 'l1', 5);
      flags([...corrected, asCorrection], asCorrection, /entry k1 has the id of an earlier entry or correction/);
    });

    it('counts entries of version 1 as stored, negative ones too, and flags one after the new form', () => {
      const oldBudget = () => [drafted(), oldLine('l1', 1000), approved(), submitted(), enacted(['l1', 950])];
      const old = [...oldBudget(), oldSpend('v1', 'l1', 300), oldSpend('v2', 'l1', -50)];
      passes(old);
      // 250 posted: 700 more stays within the 950 appropriated (without the minus it would not).
      passes([...old, spend('x1', 'l1', 700)]);
      const beyond = [...oldBudget(), oldSpend('v1', 'l1', 300), oldSpend('v2', 'l1', -50)];
      const tooMuch = spend('x1', 'l1', 701);
      flags([...beyond, tooMuch], tooMuch, /entry x1 takes line l1 beyond its appropriation with no reason stated: 701 øre on 250 øre posted, of 950 øre appropriated/);
      const later = [...oldBudget(), spend('x1', 'l1', 5)];
      const oldAfterwards = oldSpend('v3', 'l1', -5);
      flags([...later, oldAfterwards], oldAfterwards, /entry v3 is in the old form \(schema version 1, no voucher\) after the log held budget events of the new form/);
      const afterLines = enactedBudget();
      const oldOnNewLines = oldSpend('v4', 'l1', 5);
      flags([...afterLines, oldOnNewLines], oldOnNewLines, /in the old form/);
    });
  });

  describe('3. spending beyond an appropriation', () => {
    it('flags an entry that takes an expenditure line beyond its appropriation with no reason stated', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 900)];
      const over = spend('x2', 'l1', 51);
      flags([...log, over], over, /entry x2 takes line l1 beyond its appropriation with no reason stated: 51 øre on 900 øre posted, of 950 øre appropriated/);
      passes([...enactedBudget(), spend('x1', 'l1', 900), spend('x2', 'l1', 50)]);
      for (const blank of ['', '  ', null, 7]) {
        const log2 = [...enactedBudget(), spend('x1', 'l1', 900)];
        const empty = spend('x2', 'l1', 51, { overspendReason: blank });
        flags([...log2, empty], empty, /beyond its appropriation with no reason stated/);
      }
    });

    it('flags a reason on an entry that stays within its appropriation, and on a revenue line', () => {
      const log = enactedBudget();
      const within = spend('x1', 'l1', 950, { overspendReason: 'Ingen grund' });
      flags([...log, within], within, /entry x1 carries an overspending reason, but does not take line l1 beyond its appropriation/);
      const revenue = spend('x1', 'l3', 500, { overspendReason: 'Mere leje' });
      flags([...enactedBudget(), revenue], revenue, /entry x1 on revenue line l3 carries an overspending reason: revenue is never overspent/);
    });

    it('replays the appropriation as moved and raised, and the posted total less corrections', () => {
      // Moved away: 900 of l1's 950 went to l2, so 100 is beyond l1 (50 left).
      const moveAway = [...enactedBudget(), moved('l1', 'l2', 900)];
      const over = spend('x1', 'l1', 100);
      flags([...moveAway, over], over, /takes line l1 beyond its appropriation with no reason stated: 100 øre on 0 øre posted, of 50 øre appropriated/);
      passes([...enactedBudget(), moved('l1', 'l2', 900), spend('x1', 'l2', 1100)]);
      // Raised: a supplementary appropriation makes room.
      passes([...enactedBudget(), spend('x1', 'l2', 200), supplemented('l2', 100), spend('x2', 'l2', 100)]);
      const noRoom = [...enactedBudget(), spend('x1', 'l2', 200), supplemented('l2', 100)];
      const beyondRaised = spend('x2', 'l2', 101);
      flags([...noRoom, beyondRaised], beyondRaised, /takes line l2 beyond its appropriation/);
      // A correction takes the posted total down: room again, and a reason then is one too many.
      passes([...enactedBudget(), spend('x1', 'l2', 200), correct('k1', 'x1', 'l2', 50), spend('x2', 'l2', 50)]);
      const corrected = [...enactedBudget(), spend('x1', 'l2', 200), correct('k1', 'x1', 'l2', 50)];
      const needless = spend('x2', 'l2', 50, { overspendReason: 'Overskridelse' });
      flags([...corrected, needless], needless, /carries an overspending reason, but does not take line l2 beyond/);
      // A line the enactment left as approved has nothing appropriated before its enactment names it: nothing here names l4.
      const unenacted = [drafted(), line('l1', '18', 'expenditure', 10), line('l4', '22', 'expenditure', 10), approved(), submitted(), enacted(['l1', 10])];
      const onL4 = spend('x1', 'l4', 1);
      flags([...unenacted, onL4], onL4, /takes line l4 beyond its appropriation with no reason stated: 1 øre on 0 øre posted, of 0 øre appropriated/);
    });
  });

  describe('4. corrections', () => {
    it('flags a correction that names no earlier entry of the budget, or an entry on another line', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 100)];
      const nothing = correct('k1', 'x9', 'l1', 10);
      flags([...log, nothing], nothing, /correction k1 names no earlier entry of this budget \(x9\)/);
      const ofCorrection = [...enactedBudget(), spend('x1', 'l1', 100), correct('k1', 'x1', 'l1', 10)];
      const correctsCorrection = correct('k2', 'k1', 'l1', 5);
      flags([...ofCorrection, correctsCorrection], correctsCorrection, /correction k2 names no earlier entry of this budget \(k1\)/);
      // An entry of another budget is not this budget's.
      const other = 'b-other';
      const elsewhere = [
        raw('BudgetDrafted', { budgetId: other, centreId, fiscalYear: 2027, kind: 'annual', years: [2027] }, { stream: budgetStreamId(other) }),
        raw('BudgetLineProposed', { budgetId: other, lineId: 'l1', financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'x', amounts: { '2027': 10 }, version: 1 }, { stream: budgetStreamId(other) }),
        raw('BudgetApproved', { budgetId: other, version: 1, resolutionId: 'q1' }, { stream: budgetStreamId(other) }),
        raw('BudgetSubmitted', { budgetId: other, version: 1 }, { stream: budgetStreamId(other) }),
        raw('BudgetEnacted', { budgetId: other, lines: [{ lineId: 'l1', amounts: { '2027': 10 } }] }, { stream: budgetStreamId(other) }),
        raw('SpendingRecorded', { budgetId: other, spendingId: 'y1', lineId: 'l1', amountOre: 5, on: '2027-12-01', voucher: 'V', text: 'T', overspendReason: null }, { stream: budgetStreamId(other) }),
        ...enactedBudget(),
      ];
      const acrossBudgets = correct('k1', 'y1', 'l1', 5);
      flags([...elsewhere, acrossBudgets], acrossBudgets, /correction k1 names no earlier entry of this budget \(y1\)/);
      const otherLine = [...enactedBudget(), spend('x1', 'l1', 100)];
      const wrongLine = correct('k1', 'x1', 'l2', 10);
      flags([...otherLine, wrongLine], wrongLine, /correction k1 is on line l2, but the entry it corrects \(x1\) is on line l1/);
    });

    it('flags a correction not above zero, or reversing more than is left of its entry', () => {
      for (const amount of [0, -10, 2.5]) {
        const log = [...enactedBudget(), spend('x1', 'l1', 100)];
        const forged = correct('k1', 'x1', 'l1', amount);
        flags([...log, forged], forged, /correction k1 of .*: an entry or correction is a whole number of øre above zero/);
      }
      const log = [...enactedBudget(), spend('x1', 'l1', 100)];
      const tooMuch = correct('k1', 'x1', 'l1', 101);
      flags([...log, tooMuch], tooMuch, /correction k1 reverses 101 øre of entry x1, which has 100 øre left to correct/);
      passes([...enactedBudget(), spend('x1', 'l1', 100), correct('k1', 'x1', 'l1', 60), correct('k2', 'x1', 'l1', 40)]);
      const partly = [...enactedBudget(), spend('x1', 'l1', 100), correct('k1', 'x1', 'l1', 60)];
      const second = correct('k2', 'x1', 'l1', 41);
      flags([...partly, second], second, /correction k2 reverses 41 øre of entry x1, which has 40 øre left to correct/);
      // An entry of version 1 that was negative has nothing to correct.
      const negative = [drafted(), oldLine('l1', 1000), approved(), submitted(), enacted(['l1', 950]), oldSpend('v1', 'l1', -50)];
      const ofNegative = correct('k1', 'v1', 'l1', 1);
      flags([...negative, ofNegative], ofNegative, /reverses 1 øre of entry v1, which has 0 øre left to correct/);
    });

    it('flags a correction without voucher or text, dated ahead of its time, under an id already used, or after the closing', () => {
      const base = () => [...enactedBudget(), spend('x1', 'l1', 100)];
      const noVoucher = correct('k1', 'x1', 'l1', 10, { voucher: ' ' });
      flags([...base(), noVoucher], noVoucher, /correction k1 has no voucher reference/);
      const noText = correct('k1', 'x1', 'l1', 10, { text: '' });
      flags([...base(), noText], noText, /correction k1 has no voucher text/);
      const ahead = correct('k1', 'x1', 'l1', 10, { on: '2027-12-24' });
      flags([...base(), ahead], ahead, /correction k1 is dated 2027-12-24, after the day it was made/);
      const nextYear = correct('k1', 'x1', 'l1', 10, { on: '2028-01-02' }, { occurredAt: '2028-01-05T09:00:00.000Z' });
      flags([...base(), nextYear], nextYear, /correction k1 is dated 2028-01-02, outside the budget's fiscal year 2027/);
      const reused = correct('x1', 'x1', 'l1', 10);
      flags([...base(), reused], reused, /correction x1 has the id of an earlier entry or correction/);
      const closed = [...enactedBudget(), spend('x1', 'l1', 100), closing(['l1', 100], ['l2', 0], ['l3', 0])];
      const late = correct('k1', 'x1', 'l1', 10);
      flags([...closed, late], late, /correction k1 is booked after the budget's accounts were closed/);
      const stray = correct('k1', 'x1', 'l1', 10);
      flags([stray], stray, /correction k1 is booked in a budget that was never drafted/);
    });
  });

  describe('5. what the replay rests on', () => {
    it('flags a budget event outside its budget’s stream', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 100)];
      const elsewhere = spend('x2', 'l1', 100, {}, { stream: 'budget-b-other' });
      flags([...log, elsewhere], elsewhere, /a budget event outside its budget's stream: it names budget b-2027/);
      const inJourney = raw('BudgetDrafted', { budgetId, centreId, fiscalYear: 2027, kind: 'annual', years: [2027] }, { stream: `journey-${centreId}` });
      flags([inJourney], inJourney, /outside its budget's stream/);
    });

    it('flags a budget drafted again, which would start its books again', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 900)];
      const again = drafted();
      // The books are not started again: the entry that follows is still beyond the appropriation.
      const after = spend('x1', 'l1', 100);
      const found = reasons([...log, again, after]);
      expect(found).toContainEqual([again.position, 'the budget is drafted a second time: its lines and entries would start again from nothing']);
      expect(found.some(([at, why]) => at === after.position && /has the id of an earlier entry/.test(String(why)))).toBe(true);
      expect(found.some(([at, why]) => at === after.position && /beyond its appropriation with no reason stated/.test(String(why)))).toBe(true);
    });

    it('flags an enactment not after the budget’s submission, a second one, and one naming a line the budget lacks', () => {
      const draft = [drafted(), line('l1', '18', 'expenditure', 10)];
      const unsubmitted = enacted(['l1', 10]);
      flags([...draft, unsubmitted], unsubmitted, /enacted though it was not submitted for the Finance Act after its approval/);
      // The domain ignores it: entries on it are on a budget not enacted.
      const found = reasons([drafted(), line('l1', '18', 'expenditure', 10), enacted(['l1', 10]), spend('x1', 'l1', 5)]);
      expect(found.some(([, why]) => /entry x1 is booked on a budget not enacted/.test(String(why)))).toBe(true);
      const twice = enactedBudget();
      const raise = enacted(['l1', 100_000]);
      flags([...twice, raise], raise, /the budget is enacted a second time, without a new approval and submission/);
      const reapproved = [...enactedBudget(), approved(), submitted()];
      const again = enacted(['l1', 100_000], ['l2', 200], ['l3', 100]);
      flags([...reapproved, again], again, /the budget is enacted a second time: its appropriations would be replaced/);
      const toEnact = [drafted(), line('l1', '18', 'expenditure', 10), approved(), submitted()];
      const stranger = enacted(['l1', 10], ['l8', 1000]);
      flags([...toEnact, stranger], stranger, /the enactment names line l8, which is not a line of this budget/);
    });

    it('flags money moved or appropriated outside an enacted budget, not above zero, on lines the budget lacks, or leaving a line below nothing', () => {
      const draft = [drafted(), line('l1', '18', 'expenditure', 10), line('l2', '22', 'expenditure', 10)];
      const early = moved('l1', 'l2', 5);
      flags([...draft, early], early, /money is moved between lines in a budget not enacted/);
      const closed = [...enactedBudget(), closing(['l1', 0], ['l2', 0], ['l3', 0])];
      const late = moved('l1', 'l2', 5);
      flags([...closed, late], late, /money is moved between lines after its accounts were closed/);
      for (const amount of [0, -100, 0.5]) {
        const log = enactedBudget();
        const forged = moved('l1', 'l2', amount);
        flags([...log, forged], forged, /a reallocation moves .*: it moves a whole number of øre above zero/);
      }
      const log = enactedBudget();
      const stranger = moved('l1', 'l8', 5);
      flags([...log, stranger], stranger, /a reallocation names line l8, which is not a line of this budget/);
      const tooMuch = moved('l2', 'l1', 201);
      flags([...enactedBudget(), tooMuch], tooMuch, /a reallocation of 201 øre leaves line l2 with less than nothing for 2027/);
      // A negative move would raise the line it is "from": it is not taken as room.
      const negative = [...enactedBudget(), moved('l1', 'l2', -1000)];
      const spent = spend('x1', 'l1', 1900);
      const found = reasons([...negative, spent]);
      expect(found.some(([, why]) => /a reallocation moves -1000 øre/.test(String(why)))).toBe(true);

      const supplementEarly = supplemented('l1', 5);
      flags([...draft.map((e) => ({ ...e })), supplementEarly], supplementEarly, /a supplementary appropriation is granted in a budget not enacted/);
      const closedSupplement = supplemented('l1', 5);
      flags([...enactedBudget(), closing(['l1', 0], ['l2', 0], ['l3', 0]), closedSupplement], closedSupplement, /a supplementary appropriation is granted after its accounts were closed/);
      const zero = supplemented('l1', 0);
      flags([...enactedBudget(), zero], zero, /a supplementary appropriation of 0 øre: it is a whole number of øre above zero/);
      const strangerLine = supplemented('l8', 5);
      flags([...enactedBudget(), strangerLine], strangerLine, /a supplementary appropriation names line l8, which is not a line of this budget/);
    });

    it('flags money moved that its line had spent, or moved between expenditure and revenue', () => {
      // l2: 200 enacted, 150 spent: 50 may move, 51 may not.
      const spentBudget = [...enactedBudget(), spend('x1', 'l2', 150)];
      passes([...spentBudget, moved('l2', 'l1', 50)]);
      const spentMove = moved('l2', 'l1', 51);
      flags([...spentBudget, spentMove], spentMove, /a reallocation of 51 øre moves money line l2 has spent: 150 øre posted, 149 øre left/);
      const across = moved('l3', 'l2', 10);
      flags([...enactedBudget(), across], across, /a reallocation moves money from revenue line l3 to expenditure line l2: it would change the net appropriation/);
    });

    it('flags a correction dated before the entry it corrects', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 100)];
      passes([...log, correct('k1', 'x1', 'l1', 10, { on: '2027-12-01' })]);
      const early = correct('k1', 'x1', 'l1', 10, { on: '2027-11-30' });
      flags([...log, early], early, /correction k1 is dated before the entry it corrects \(x1\)/);
    });

    it('flags a carry-over that is not last year’s unspent expenditure from closed accounts, or not into this year’s enacted line', () => {
      const next = 'b-2028';
      const nx = (type: string, data: object, options: Options = {}) => raw(type, { budgetId: next, ...data }, { stream: budgetStreamId(next), occurredAt: '2028-02-01T09:00:00.000Z', ...options });
      const nextBudget = (enact = true) => [
        nx('BudgetDrafted', { centreId, fiscalYear: 2028, kind: 'annual', years: [2028] }),
        nx('BudgetLineProposed', { lineId: 'm1', financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2028': 50 }, version: 1 }),
        ...(enact ? [nx('BudgetApproved', { version: 1, resolutionId: 's1' }), nx('BudgetSubmitted', { version: 1 }), nx('BudgetEnacted', { lines: [{ lineId: 'm1', amounts: { '2028': 50 } }] })] : []),
      ];
      const carry = (amountOre: unknown, more: object = {}) => nx('BudgetCarriedOver', { resolutionId: `s${position}`, lineId: 'm1', year: 2028, amountOre, fromBudgetId: budgetId, fromLineId: 'l1', ...more });
      const nextSpend = (spendingId: string, amountOre: number, more: object = {}) =>
        nx('SpendingRecorded', { spendingId, lineId: 'm1', amountOre, on: '2028-01-31', voucher: '2028-0001', text: 'Løn januar', overspendReason: null, ...more });
      // 2027: l1 spent 900 of 950, so 50 is left to carry over.
      const lastYear = () => [...enactedBudget(), spend('x1', 'l1', 900), closing(['l1', 900], ['l2', 0], ['l3', 0])];

      passes([...lastYear(), ...nextBudget(), carry(30), carry(20), nextSpend('y1', 100)]);
      const over = [...lastYear(), ...nextBudget(), carry(30)];
      const tooMuch = carry(21);
      flags([...over, tooMuch], tooMuch, /a carry-over of 21 øre from line l1 of budget b-2027, which left 50 øre unspent, of which 30 øre were carried over already/);
      // The carried money is room on the line: beyond it, a reason.
      const room = [...lastYear(), ...nextBudget(), carry(50)];
      const beyond = nextSpend('y1', 101);
      flags([...room, beyond], beyond, /entry y1 takes line m1 beyond its appropriation with no reason stated: 101 øre on 0 øre posted, of 100 øre appropriated/);

      const revenue = carry(10, { fromLineId: 'l3' });
      flags([...lastYear(), ...nextBudget(), revenue], revenue, /a carry-over from revenue line l3 of budget b-2027: what is carried over is unspent expenditure/);
      const open = [...enactedBudget(), spend('x1', 'l1', 900), ...nextBudget()];
      const fromOpen = carry(10);
      flags([...open, fromOpen], fromOpen, /a carry-over from budget b-2027, whose accounts were not closed/);
      const nowhere = carry(10, { fromBudgetId: 'b-2020' });
      flags([...lastYear(), ...nextBudget(), nowhere], nowhere, /a carry-over from budget b-2020, which is not the centre’s annual budget of the year before/);
      const otherLine = carry(10, { fromLineId: 'l9' });
      flags([...lastYear(), ...nextBudget(), otherLine], otherLine, /a carry-over from line l9, which is not a line of budget b-2027/);
      const intoDraft = carry(10);
      flags([...lastYear(), ...nextBudget(false), intoDraft], intoDraft, /money is carried over in a budget not enacted/);
      const zero = carry(0);
      flags([...lastYear(), ...nextBudget(), zero], zero, /a carry-over of 0 øre: it is a whole number of øre above zero/);
      const wrongYear = carry(10, { year: 2027 });
      flags([...lastYear(), ...nextBudget(), wrongYear], wrongYear, /a carry-over names another year than the budget’s fiscal year/);
      const strangerLine = carry(10, { lineId: 'm9' });
      flags([...lastYear(), ...nextBudget(), strangerLine], strangerLine, /a carry-over names line m9, which is not a line of this budget/);
      const withRevenue = [...nextBudget().slice(0, 2), nx('BudgetLineProposed', { lineId: 'm2', financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Leje', amounts: { '2028': 5 }, version: 2 }), nx('BudgetApproved', { version: 2, resolutionId: 's1' }), nx('BudgetSubmitted', { version: 2 }), nx('BudgetEnacted', { lines: [] })];
      const ontoRevenue = carry(10, { lineId: 'm2' });
      flags([...lastYear(), ...withRevenue, ontoRevenue], ontoRevenue, /a carry-over onto revenue line m2: unspent expenditure goes onto an expenditure line/);
    });

    it('flags a closing whose accounts are not the entries less corrections, that leaves out a line, or that comes twice or early', () => {
      const log = [...enactedBudget(), spend('x1', 'l1', 100), correct('k1', 'x1', 'l1', 30)];
      const wrong = closing(['l1', 100], ['l2', 0], ['l3', 0]);
      flags([...log, wrong], wrong, /the closing fixes line l1 at 100 øre, but its entries less corrections come to 70 øre/);
      const short = closing(['l1', 70], ['l3', 0]);
      flags([...enactedBudget(), spend('x1', 'l1', 100), correct('k1', 'x1', 'l1', 30), short], short, /the closing leaves out line l2/);
      const twice = [...enactedBudget(), closing(['l1', 0], ['l2', 0], ['l3', 0])];
      const again = closing(['l1', 0], ['l2', 0], ['l3', 0]);
      flags([...twice, again], again, /the accounts are closed a second time/);
      const draft = [drafted(), line('l1', '18', 'expenditure', 10)];
      const early = closing(['l1', 0]);
      flags([...draft, early], early, /the accounts are closed on a budget not enacted/);
    });
  });

  it('never repeats a voucher’s text or a stated reason, nor a text written where an id belongs', () => {
    const marker = 'MARKER-borger-Sofie-Jensen';
    const log = [
      ...enactedBudget(),
      spend('x1', 'l1', 900),
      spend('x2', 'l1', 100, { voucher: marker, text: marker, overspendReason: '' }),
      spend('x3', 'l3', 100, { text: marker, overspendReason: marker }),
      spend(`${marker} with spaces`, 'l1', -1, { text: marker }),
      spend('x4', `lønnen til ${marker}`, 10),
      correct('k1', 'x1', 'l1', 10_000, { text: marker }),
    ];
    const found = run(log).violations;
    expect(found.length).toBeGreaterThan(4);
    expect(JSON.stringify(found)).not.toContain('MARKER');
    expect(JSON.stringify(found)).toContain('(not a plain id)');
  });
});
