import { describe, expect, it } from 'vitest';
import { type BudgetEvent, evolve, initialState } from '../../domain/budget/budget.js';
import { budgetCsv, budgetSvg, kroner } from './export.js';
import { financeActColumns } from './queries.js';
import { diff, type HistoryEvent, lineHistory, publicLineHistory, publicView, replay } from './replay.js';

const centreId = 'c';
let position = 0;
const ev = (at: string, type: HistoryEvent['type'], data: object, actorId = 'anna', actorRole = 'board_member'): HistoryEvent => ({
  position: ++position,
  type,
  data: { budgetId: 'b27', ...data },
  actorId,
  actorRole,
  at: new Date(at),
});

// A year of one annual budget, by hand, in the events' first versions: lines with no nature
// (read as expenditure) and entries with no voucher.
const history: HistoryEvent[] = [
  ev('2026-09-01T10:00:00Z', 'BudgetDrafted', { centreId, fiscalYear: 2027, kind: 'annual', years: [2027] }),
  ev('2026-09-02T10:00:00Z', 'BudgetLineProposed', { lineId: 'løn', financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { '2027': 100_000_00 }, version: 1 }),
  ev('2026-09-03T10:00:00Z', 'BudgetLineProposed', { lineId: 'drift', financeAccount: '17411110', standardAccount: '22', description: 'Drift', amounts: { '2027': 30_000_00 }, version: 2 }, 'bo'),
  ev('2026-09-04T10:00:00Z', 'BudgetLineProposed', { lineId: 'kaffe', financeAccount: '17411110', standardAccount: '22', description: 'Kaffe', amounts: { '2027': 5_000_00 }, version: 3 }),
  ev('2026-09-10T10:00:00Z', 'BudgetLineAmended', { lineId: 'løn', description: 'Løn til vejledere', amounts: { '2027': 120_000_00 }, version: 4 }, 'bo'),
  ev('2026-09-11T10:00:00Z', 'BudgetLineWithdrawn', { lineId: 'kaffe', version: 5 }),
  ev('2026-09-20T10:00:00Z', 'BudgetApproved', { version: 5, resolutionId: 'r1' }),
  ev('2026-09-21T10:00:00Z', 'BudgetSubmitted', { version: 5 }),
  ev('2026-12-20T10:00:00Z', 'BudgetEnacted', { lines: [{ lineId: 'løn', amounts: { '2027': 110_000_00 } }, { lineId: 'drift', amounts: { '2027': 30_000_00 } }] }, 'admin', 'admin'),
  ev('2027-01-31T10:00:00Z', 'SpendingRecorded', { spendingId: 's1', lineId: 'løn', amountOre: 9_000_00, on: '2027-01-31' }, 'sara', 'staff'),
  ev('2027-02-28T10:00:00Z', 'SpendingRecorded', { spendingId: 's2', lineId: 'løn', amountOre: 9_500_00, on: '2027-02-28' }, 'sara', 'staff'),
  ev('2027-03-15T10:00:00Z', 'BudgetReallocated', { resolutionId: 'r2', fromLineId: 'løn', toLineId: 'drift', year: 2027, amountOre: 10_000_00 }),
  ev('2027-03-20T10:00:00Z', 'SpendingRecorded', { spendingId: 's3', lineId: 'drift', amountOre: 4_000_00, on: '2027-03-20' }, 'sara', 'staff'),
];
const at = (iso: string) => new Date(iso);

describe('replaying a budget to a moment', () => {
  it('does not exist before it was drafted', () => {
    expect(replay(history, at('2026-08-31T23:59:59Z'))).toBeNull();
  });

  it('shows the draft as proposed on 5 September', () => {
    const v = replay(history, at('2026-09-05T00:00:00Z'))!;
    expect(v.status).toBe('draft');
    expect(v.version).toBe(3);
    expect(v.lines.map((l) => [l.lineId, l.amounts['2027'], l.proposedBy])).toEqual([
      ['løn', 100_000_00, 'anna'],
      ['drift', 30_000_00, 'bo'],
      ['kaffe', 5_000_00, 'anna'],
    ]);
    expect(v.totals.expenditure.amounts).toEqual({ '2027': 135_000_00 });
    expect(v.totals.revenue.amounts).toEqual({ '2027': 0 });
    expect(v.lines.every((l) => l.nature === 'expenditure')).toBe(true);
  });

  it('includes an event at exactly the moment asked for', () => {
    expect(replay(history, at('2026-09-10T10:00:00Z'))!.lines.find((l) => l.lineId === 'løn')!.amounts['2027']).toBe(120_000_00);
    expect(replay(history, at('2026-09-10T09:59:59.999Z'))!.lines.find((l) => l.lineId === 'løn')!.amounts['2027']).toBe(100_000_00);
  });

  it('shows the approved version, without the withdrawn line, on 1 October', () => {
    const v = replay(history, at('2026-10-01T00:00:00Z'))!;
    expect(v.status).toBe('submitted');
    expect(v.approval).toMatchObject({ resolutionId: 'r1', version: 5 });
    expect(v.lines.map((l) => l.lineId)).toEqual(['løn', 'drift']);
    expect(v.totals.expenditure).toEqual({ amounts: { '2027': 150_000_00 }, enacted: null, spentOre: 0, remainingOre: null, overspentOre: 0 });
    expect(v.totals.net).toEqual({ amounts: { '2027': 150_000_00 }, enacted: null, spentOre: 0 });
  });

  it('shows enacted amounts, reallocations and spending on 1 April 2027', () => {
    const v = replay(history, at('2027-04-01T00:00:00Z'))!;
    expect(v.status).toBe('enacted');
    const [løn, drift] = v.lines;
    expect(løn).toMatchObject({ lineId: 'løn', enacted: { '2027': 100_000_00 }, spentOre: 18_500_00, remainingOre: 81_500_00, overspentOre: 0 });
    expect(drift).toMatchObject({ lineId: 'drift', enacted: { '2027': 40_000_00 }, spentOre: 4_000_00, remainingOre: 36_000_00 });
    expect(løn!.spending[0]).toEqual({ spendingId: 's1', amountOre: 9_000_00, on: '2027-01-31', voucher: null, text: null, overspendReason: null, correctedOre: 0, corrections: [] });
    expect(v.totals.expenditure).toEqual({ amounts: { '2027': 150_000_00 }, enacted: { '2027': 140_000_00 }, spentOre: 22_500_00, remainingOre: 117_500_00, overspentOre: 0 });
  });

  it('agrees with the budget decider’s own fold of the same events', () => {
    const state = history.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as BudgetEvent), initialState);
    const view = replay(history)!;
    if (state.status === 'none') throw new Error('the decider saw no budget');
    expect([view.status, view.version]).toEqual([state.status, state.version]);
    const active = Object.values(state.lines).filter((l) => !l.withdrawn);
    expect(view.lines.map((l) => [l.lineId, l.amounts, l.enacted, l.description]).sort()).toEqual(active.map((l) => [l.lineId, l.amounts, l.enacted, l.description]).sort());
  });

  it('diffs two moments: lines added, changed and removed, with amounts before and after', () => {
    const d = diff(replay(history, at('2026-09-05T00:00:00Z')), replay(history, at('2026-09-12T00:00:00Z')));
    expect(d.added).toEqual([]);
    expect(d.removed.map((l) => l.lineId)).toEqual(['kaffe']);
    expect(d.changed).toEqual([
      {
        lineId: 'løn',
        financeAccount: '17411110',
        standardAccount: '18',
        description: { before: 'Løn', after: 'Løn til vejledere' },
        amounts: { before: { '2027': 100_000_00 }, after: { '2027': 120_000_00 } },
        enacted: null,
        spentOre: null,
      },
    ]);
    expect(diff(null, replay(history, at('2026-09-02T12:00:00Z'))).added.map((l) => l.lineId)).toEqual(['løn']);
  });

  it('tells one line’s story: who proposed and amended it, which resolutions approved and moved it, what was spent', () => {
    expect(lineHistory(history, 'løn').map((h) => [h.what, h.by.id, h.resolutionId ?? h.amountOre ?? h.amounts?.['2027'] ?? null])).toEqual([
      ['proposed', 'anna', 100_000_00],
      ['amended', 'bo', 120_000_00],
      ['approved', 'anna', 'r1'],
      ['submitted', 'anna', null],
      ['enacted', 'admin', 110_000_00],
      ['spent', 'sara', 9_000_00],
      ['spent', 'sara', 9_500_00],
      ['reallocated_out', 'anna', 'r2'],
    ]);
  });

  it('a line withdrawn from the draft has nothing of the budget’s later approval in its story, and no public story', () => {
    const kaffe = lineHistory(history, 'kaffe');
    expect(kaffe.map((h) => h.what)).toEqual(['proposed', 'withdrawn']);
    expect(publicLineHistory(kaffe)).toEqual([]);
    // A line approved with the budget starts its public story there.
    expect(publicLineHistory(lineHistory(history, 'løn')).map((h) => h.what)[0]).toBe('approved');
  });
});

// A year in the events' present versions: expenditure and revenue, vouchers, a correction, and an
// entry beyond its line's appropriation with its reason.
const v2 = (at: string, type: HistoryEvent['type'], data: object, actorId = 'anna', actorRole = 'board_member') => ({ ...ev(at, type, data, actorId, actorRole), data: { budgetId: 'b2', ...data } });
const year2027: HistoryEvent[] = [
  v2('2026-09-01T10:00:00Z', 'BudgetDrafted', { centreId, fiscalYear: 2027, kind: 'annual', years: [2027] }),
  v2('2026-09-02T10:00:00Z', 'BudgetLineProposed', { lineId: 'løn', financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn', amounts: { '2027': 1_000_000_00 }, version: 1 }),
  v2('2026-09-02T11:00:00Z', 'BudgetLineProposed', { lineId: 'kursus', financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Kurser', amounts: { '2027': 50_000_00 }, version: 2 }),
  v2('2026-09-02T12:00:00Z', 'BudgetLineProposed', { lineId: 'leje', financeAccount: '17411110', standardAccount: '21', nature: 'revenue', description: 'Udlejning af lokaler', amounts: { '2027': 10_000_00 }, version: 3 }),
  v2('2026-09-20T10:00:00Z', 'BudgetApproved', { version: 3, resolutionId: 'r1' }),
  v2('2026-09-21T10:00:00Z', 'BudgetSubmitted', { version: 3 }),
  v2('2026-12-20T10:00:00Z', 'BudgetEnacted', { lines: [{ lineId: 'løn', amounts: { '2027': 1_000_000_00 } }, { lineId: 'kursus', amounts: { '2027': 50_000_00 } }, { lineId: 'leje', amounts: { '2027': 10_000_00 } }] }, 'admin', 'admin'),
  v2('2027-03-10T10:00:00Z', 'SpendingRecorded', { spendingId: 'k1', lineId: 'kursus', amountOre: 5_000_00, on: '2027-03-10', voucher: 'B-0007', text: 'Kursus i Excel, Jensen ApS', overspendReason: null }, 'sara', 'staff'),
  v2('2027-03-12T10:00:00Z', 'SpendingCorrected', { correctionId: 'c1', spendingId: 'k1', lineId: 'kursus', amountOre: 2_000_00, on: '2027-03-12', voucher: 'K-0001', text: 'Kreditnota' }, 'sara', 'staff'),
  v2('2027-05-01T10:00:00Z', 'SpendingRecorded', { spendingId: 'i1', lineId: 'leje', amountOre: 25_000_00, on: '2027-05-01', voucher: 'F-0017', text: 'Leje, foreningen', overspendReason: null }, 'sara', 'staff'),
  v2('2027-12-20T10:00:00Z', 'SpendingRecorded', { spendingId: 'l1', lineId: 'løn', amountOre: 1_010_000_00, on: '2027-12-20', voucher: 'L-2027', text: 'Løn hele året', overspendReason: 'Vikar under barsel' }, 'sara', 'staff'),
];

// The same year supplemented and closed at its end.
const closed2027: HistoryEvent[] = [
  ...year2027,
  v2('2027-11-20T10:00:00Z', 'BudgetSupplemented', { resolutionId: 'r3', lineId: 'løn', year: 2027, amountOre: 10_000_00 }),
  v2('2028-02-01T10:00:00Z', 'AccountsClosed', { resolutionId: 'r4', lines: [{ lineId: 'løn', spentOre: 1_010_000_00 }, { lineId: 'kursus', spentOre: 3_000_00 }, { lineId: 'leje', spentOre: 25_000_00 }] }),
];

describe('expenditure, revenue and entries', () => {
  it('shows consumed, remaining and over-spent per line and in total, expenditure and revenue apart', () => {
    const v = replay(year2027)!;
    const line = (id: string) => v.lines.find((l) => l.lineId === id)!;
    expect(line('kursus')).toMatchObject({ nature: 'expenditure', spentOre: 3_000_00, remainingOre: 47_000_00, overspentOre: 0 });
    expect(line('løn')).toMatchObject({ spentOre: 1_010_000_00, remainingOre: -10_000_00, overspentOre: 10_000_00 });
    // More revenue than estimated is not overspending.
    expect(line('leje')).toMatchObject({ nature: 'revenue', spentOre: 25_000_00, remainingOre: -15_000_00, overspentOre: 0 });
    expect(v.totals.expenditure).toEqual({ amounts: { '2027': 1_050_000_00 }, enacted: { '2027': 1_050_000_00 }, spentOre: 1_013_000_00, remainingOre: 37_000_00, overspentOre: 10_000_00 });
    expect(v.totals.revenue).toEqual({ amounts: { '2027': 10_000_00 }, enacted: { '2027': 10_000_00 }, spentOre: 25_000_00, remainingOre: -15_000_00, overspentOre: 0 });
    expect(v.totals.net).toEqual({ amounts: { '2027': 1_040_000_00 }, enacted: { '2027': 1_040_000_00 }, spentOre: 988_000_00 });
  });

  it('follows spending month by month against the monthly split, corrections in their own month', () => {
    const split = [0, 0, 10_000_00, 10_000_00, 5_000_00, 5_000_00, 5_000_00, 5_000_00, 5_000_00, 5_000_00, 0, 0];
    const view = replay([...year2027, v2('2027-01-05T10:00:00Z', 'MonthlySplitSet', { lineId: 'kursus', months: split })])!;
    const kursus = view.lines.find((l) => l.lineId === 'kursus')!;
    expect(kursus.monthly).toEqual(split);
    // 5,000.00 booked on 10 March, 2,000.00 corrected on 12 March.
    expect(kursus.monthlySpentOre).toEqual([0, 0, 3_000_00, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(view.lines.find((l) => l.lineId === 'løn')).toMatchObject({ monthly: null });
  });

  it('keeps an entry as booked, with its corrections beside it', () => {
    const kursus = replay(year2027)!.lines.find((l) => l.lineId === 'kursus')!;
    expect(kursus.spending).toEqual([
      {
        spendingId: 'k1',
        amountOre: 5_000_00,
        on: '2027-03-10',
        voucher: 'B-0007',
        text: 'Kursus i Excel, Jensen ApS',
        overspendReason: null,
        correctedOre: 2_000_00,
        corrections: [{ correctionId: 'c1', amountOre: 2_000_00, on: '2027-03-12', voucher: 'K-0001', text: 'Kreditnota' }],
      },
    ]);
    // Before the correction, the entry stood whole.
    expect(replay(year2027, at('2027-03-11T00:00:00Z'))!.lines.find((l) => l.lineId === 'kursus')).toMatchObject({ spentOre: 5_000_00 });
    expect(lineHistory(year2027, 'kursus').slice(-2).map((h) => [h.what, h.spendingId, h.amountOre, h.voucher])).toEqual([
      ['spent', 'k1', 5_000_00, 'B-0007'],
      ['corrected', 'k1', 2_000_00, 'K-0001'],
    ]);
  });

  it('shows the public amounts, dates and the reason for overspending, not the vouchers’ references and texts', () => {
    const seen = publicView(replay(year2027)!);
    const all = seen.lines.flatMap((l) => l.spending);
    expect(all.map((s) => [s.voucher, s.text])).toEqual(all.map(() => [null, null]));
    expect(all.flatMap((s) => s.corrections).map((c) => [c.voucher, c.text])).toEqual([[null, null]]);
    expect(all.find((s) => s.spendingId === 'l1')!.overspendReason).toBe('Vikar under barsel');
    expect(JSON.stringify(seen)).not.toContain('Jensen');
    const story = publicLineHistory(lineHistory(year2027, 'kursus'));
    expect(story.filter((h) => h.what === 'spent' || h.what === 'corrected').map((h) => [h.voucher, h.text])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(JSON.stringify(story)).not.toContain('Jensen');
  });
});

describe('the Finance Act’s columns', () => {
  it('puts R (Y-2 accounts), B (Y-1 enacted), F (Y enacted) and BO1–BO3 (development budget) side by side per account', () => {
    const annual = (year: number, enactedLøn: number, spent: number): HistoryEvent[] => [
      { ...ev('2020-01-01T00:00:00Z', 'BudgetDrafted', { centreId, fiscalYear: year, kind: 'annual', years: [year] }), data: { budgetId: `a${year}`, centreId, fiscalYear: year, kind: 'annual', years: [year] } },
      { ...ev('2020-01-02T00:00:00Z', 'BudgetLineProposed', {}), data: { budgetId: `a${year}`, lineId: 'l', financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { [year]: enactedLøn }, version: 1 } },
      { ...ev('2020-01-03T00:00:00Z', 'BudgetApproved', {}), data: { budgetId: `a${year}`, version: 1, resolutionId: `r${year}` } },
      { ...ev('2020-01-04T00:00:00Z', 'BudgetSubmitted', {}), data: { budgetId: `a${year}`, version: 1 } },
      { ...ev('2020-01-05T00:00:00Z', 'BudgetEnacted', {}), data: { budgetId: `a${year}`, lines: [{ lineId: 'l', amounts: { [year]: enactedLøn } }] } },
      { ...ev('2020-01-06T00:00:00Z', 'SpendingRecorded', {}), data: { budgetId: `a${year}`, spendingId: 's', lineId: 'l', amountOre: spent, on: `${year}-06-01` } },
      { ...ev('2020-01-07T00:00:00Z', 'AccountsClosed', {}), data: { budgetId: `a${year}`, resolutionId: `c${year}`, lines: [{ lineId: 'l', spentOre: spent }] } },
    ];
    const development: HistoryEvent[] = [
      { ...ev('2020-01-01T00:00:00Z', 'BudgetDrafted', {}), data: { budgetId: 'd', centreId, fiscalYear: 2027, kind: 'development', years: [2027, 2028, 2029, 2030, 2031] } },
      { ...ev('2020-01-02T00:00:00Z', 'BudgetLineProposed', {}), data: { budgetId: 'd', lineId: 'l', financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { 2027: 1, 2028: 2, 2029: 3, 2030: 4, 2031: 5 }, version: 1 } },
      { ...ev('2020-01-03T00:00:00Z', 'BudgetApproved', {}), data: { budgetId: 'd', version: 1, resolutionId: 'rd' } },
    ];
    const views = [annual(2025, 500, 480), annual(2026, 600, 0), annual(2027, 700, 0), development].map((h) => replay(h)!);
    expect(financeActColumns(views, 2027)).toEqual([
      { financeAccount: '17411110', standardAccount: '18', standardAccountName: 'Lønninger / personaleomkostninger', nature: 'expenditure', descriptions: ['Løn'], R: 480, B: 600, F: 700, BO1: 2, BO2: 3, BO3: 4 },
    ]);
  });

  it('takes R from the accounts as closed, not from a year whose accounts are open', () => {
    expect(financeActColumns([replay(year2027)!], 2029)).toEqual([]);
    const view = replay(closed2027)!;
    expect(view).toMatchObject({ status: 'closed', closing: { resolutionId: 'r4', at: '2028-02-01T10:00:00.000Z' }, supplements: [{ resolutionId: 'r3', lineId: 'løn', amountOre: 10_000_00 }] });
    // The supplementary appropriation covered the overspending on salaries.
    expect(view.lines.find((l) => l.lineId === 'løn')).toMatchObject({ enacted: { '2027': 1_010_000_00 }, spentOre: 1_010_000_00, accountsOre: 1_010_000_00, remainingOre: 0, overspentOre: 0 });
    expect(lineHistory(closed2027, 'løn').slice(-3).map((h) => [h.what, h.amountOre, h.resolutionId ?? null])).toEqual([
      ['spent', 1_010_000_00, null],
      ['supplemented', 10_000_00, 'r3'],
      ['closed', 1_010_000_00, 'r4'],
    ]);
    // Before the closing, the same budget was enacted, its accounts open.
    expect(replay(closed2027, at('2028-01-31T00:00:00Z'))).toMatchObject({ status: 'enacted', closing: null });
  });

  it('keeps expenditure and revenue apart, and counts corrections in R', () => {
    const views = [replay(closed2027)!];
    const twoYearsOn = financeActColumns(views, 2029);
    expect(twoYearsOn.map((r) => [r.financeAccount, r.standardAccount, r.nature, r.R])).toEqual([
      ['17411110', '18', 'expenditure', 1_010_000_00],
      ['17411110', '21', 'revenue', 25_000_00],
      ['17411110', '22', 'expenditure', 3_000_00],
    ]);
    expect(financeActColumns(views, 2027).map((r) => [r.standardAccount, r.nature, r.F])).toEqual([
      ['18', 'expenditure', 1_010_000_00],
      ['21', 'revenue', 10_000_00],
      ['22', 'expenditure', 50_000_00],
    ]);
    // A line of version 1 could share its account with one of the other nature: they stay two rows.
    const legacy = replay([
      v2('2026-09-01T10:00:00Z', 'BudgetDrafted', { centreId, fiscalYear: 2027, kind: 'annual', years: [2027] }),
      v2('2026-09-02T10:00:00Z', 'BudgetLineProposed', { lineId: 'a', financeAccount: '17411110', standardAccount: '22', description: 'Drift', amounts: { '2027': 5 }, version: 1 }),
      v2('2026-09-02T11:00:00Z', 'BudgetLineProposed', { lineId: 'b', financeAccount: '17411110', standardAccount: '22', nature: 'revenue', description: 'Salg', amounts: { '2027': 2 }, version: 2 }),
      v2('2026-09-03T10:00:00Z', 'BudgetApproved', { version: 2, resolutionId: 'r' }),
      v2('2026-09-04T10:00:00Z', 'BudgetSubmitted', { version: 2 }),
      v2('2026-09-05T10:00:00Z', 'BudgetEnacted', { lines: [{ lineId: 'a', amounts: { '2027': 5 } }, { lineId: 'b', amounts: { '2027': 2 } }] }),
    ])!;
    expect(financeActColumns([legacy], 2027).map((r) => [r.standardAccount, r.nature, r.F])).toEqual([
      ['22', 'expenditure', 5],
      ['22', 'revenue', 2],
    ]);
  });
});

describe('exports', () => {
  it('writes kroner from øre in Danish and international format, exactly', () => {
    expect(kroner(123456789, 'da')).toBe('1.234.567,89');
    expect(kroner(-5, 'da')).toBe('-0,05');
    expect(kroner(123456789, 'en')).toBe('1234567.89');
    expect(kroner(1_300_000_000_000, 'da')).toBe('13.000.000.000,00');
  });

  it('writes CSV with semicolons in Danish, and never lets a description run as a formula', () => {
    const view = replay([...history, ev('2026-09-05T00:00:00Z', 'BudgetLineProposed', { lineId: 'x', financeAccount: '17411110', standardAccount: '22', description: '=HYPERLINK("x")', amounts: { '2027': 1 }, version: 9 })], at('2026-09-06T00:00:00Z'))!;
    const csv = budgetCsv(view, 'da').split('\r\n');
    expect(csv[0]).toBe('Finanslovskonto;Standardkonto;Art;Tekst;Budget 2027;Bevilget 2027;Forbrug;Rest;Regnskab 2027');
    expect(csv[1]).toBe('17411110;18;Udgift;Løn;100.000,00;;0,00;;');
    expect(csv).toContain(`17411110;22;Udgift;"'=HYPERLINK(""x"")";0,01;;0,00;;`);
    expect(budgetCsv(view, 'en').split('\r\n')[1]).toBe('17411110,18,Expenditure,Løn,100000.00,,0.00,,');
    // A spreadsheet that splits on the other separator starts a cell there: a formula after it is text too.
    const split = replay([...history, ev('2026-09-05T00:00:00Z', 'BudgetLineProposed', { lineId: 'y', financeAccount: '17411110', standardAccount: '22', description: 'x;=1+1,@SUM(A1)\t+2|-3 og løn - fuldtid', amounts: { '2027': 1 }, version: 9 })], at('2026-09-06T00:00:00Z'))!;
    for (const format of ['da', 'en'] as const) {
      const text = budgetCsv(split, format).split('\r\n').find((l) => l.includes('x;') || l.includes('"x;'))!;
      expect(text).toContain(`x;'=1+1,'@SUM(A1) +2|'-3 og løn - fuldtid`);
      expect(text).not.toMatch(/[,;|\t]["]?[=+\-@]/);
    }
    // A line of version 1 with a negative amount (once accepted, with no meaning stated) is shown as stored.
    const negative = replay([history[0]!, ev('2026-09-02T10:00:00Z', 'BudgetLineProposed', { lineId: 'ind', financeAccount: '17411110', standardAccount: '11', description: 'Indtægt', amounts: { '2027': -500 }, version: 1 })])!;
    expect(budgetCsv(negative, 'da').split('\r\n')[1]).toBe('17411110;11;Udgift;Indtægt;-5,00;;0,00;;');
  });

  it('writes the totals of expenditure and revenue apart, then the net, with the accounts once the year is closed', () => {
    // While the year is open, the accounts column is empty.
    const csv = budgetCsv(replay(year2027)!, 'da').split('\r\n');
    expect(csv.slice(-4, -1)).toEqual([
      ';;Udgift;I alt;1.050.000,00;1.050.000,00;1.013.000,00;37.000,00;',
      ';;Indtægt;I alt;10.000,00;10.000,00;25.000,00;-15.000,00;',
      ';;;Netto;1.040.000,00;1.040.000,00;988.000,00;;',
    ]);
    // Closed: each line's accounts as the closing fixed them, and their totals.
    const closed = budgetCsv(replay(closed2027)!, 'da').split('\r\n');
    expect(closed[0]).toBe('Finanslovskonto;Standardkonto;Art;Tekst;Budget 2027;Bevilget 2027;Forbrug;Rest;Regnskab 2027');
    expect(closed.slice(1, -1).map((l) => [l.split(';')[3], l.split(';').at(-1)])).toEqual([
      ['Løn', '1.010.000,00'],
      ['Udlejning af lokaler', '25.000,00'],
      ['Kurser', '3.000,00'],
      ['I alt', '1.013.000,00'],
      ['I alt', '25.000,00'],
      ['Netto', '988.000,00'],
    ]);
    // A development budget has no accounts.
    const development = replay([{ ...ev('2020-01-01T00:00:00Z', 'BudgetDrafted', {}), data: { budgetId: 'd', centreId, fiscalYear: 2027, kind: 'development', years: [2027, 2028, 2029, 2030, 2031] } }])!;
    expect(budgetCsv(development, 'en').split('\r\n')[0]).toBe('Finance Act account,Standard account,Nature,Description,Budget 2027,Budget 2028,Budget 2029,Budget 2030,Budget 2031,Enacted 2027,Enacted 2028,Enacted 2029,Enacted 2030,Enacted 2031,Spent,Remaining');
  });

  it('draws budget against cumulative actuals as SVG', () => {
    const svg = budgetSvg(replay(history)!);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('140.000,00'); // the enacted total
    expect(svg).toContain('22.500,00'); // spent by year end
    expect(budgetSvg(replay(history)!, 'drift')).toContain('4.000,00');
    // The whole budget's chart is its expenditure, net of corrections; revenue is not spending.
    const year = budgetSvg(replay(year2027)!);
    expect(year).toContain('1.050.000,00');
    expect(year).toContain('1.013.000,00');
  });
});
