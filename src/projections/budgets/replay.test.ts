import { describe, expect, it } from 'vitest';
import { type BudgetEvent, evolve, initialState } from '../../domain/budget/budget.js';
import { budgetCsv, budgetSvg, kroner } from './export.js';
import { financeActColumns } from './queries.js';
import { diff, type HistoryEvent, lineHistory, publicLineHistory, replay } from './replay.js';

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

// A year of one annual budget, by hand.
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
    expect(v.totals.amounts).toEqual({ '2027': 135_000_00 });
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
    expect(v.totals).toEqual({ amounts: { '2027': 150_000_00 }, enacted: null, spentOre: 0 });
  });

  it('shows enacted amounts, reallocations and spending on 1 April 2027', () => {
    const v = replay(history, at('2027-04-01T00:00:00Z'))!;
    expect(v.status).toBe('enacted');
    const [løn, drift] = v.lines;
    expect(løn).toMatchObject({ lineId: 'løn', enacted: { '2027': 100_000_00 }, spentOre: 18_500_00 });
    expect(drift).toMatchObject({ lineId: 'drift', enacted: { '2027': 40_000_00 }, spentOre: 4_000_00 });
    expect(v.totals).toEqual({ amounts: { '2027': 150_000_00 }, enacted: { '2027': 140_000_00 }, spentOre: 22_500_00 });
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

describe('the Finance Act’s columns', () => {
  it('puts R (Y-2 accounts), B (Y-1 enacted), F (Y enacted) and BO1–BO3 (development budget) side by side per account', () => {
    const annual = (year: number, enactedLøn: number, spent: number): HistoryEvent[] => [
      { ...ev('2020-01-01T00:00:00Z', 'BudgetDrafted', { centreId, fiscalYear: year, kind: 'annual', years: [year] }), data: { budgetId: `a${year}`, centreId, fiscalYear: year, kind: 'annual', years: [year] } },
      { ...ev('2020-01-02T00:00:00Z', 'BudgetLineProposed', {}), data: { budgetId: `a${year}`, lineId: 'l', financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { [year]: enactedLøn }, version: 1 } },
      { ...ev('2020-01-03T00:00:00Z', 'BudgetApproved', {}), data: { budgetId: `a${year}`, version: 1, resolutionId: `r${year}` } },
      { ...ev('2020-01-04T00:00:00Z', 'BudgetSubmitted', {}), data: { budgetId: `a${year}`, version: 1 } },
      { ...ev('2020-01-05T00:00:00Z', 'BudgetEnacted', {}), data: { budgetId: `a${year}`, lines: [{ lineId: 'l', amounts: { [year]: enactedLøn } }] } },
      { ...ev('2020-01-06T00:00:00Z', 'SpendingRecorded', {}), data: { budgetId: `a${year}`, spendingId: 's', lineId: 'l', amountOre: spent, on: `${year}-06-01` } },
    ];
    const development: HistoryEvent[] = [
      { ...ev('2020-01-01T00:00:00Z', 'BudgetDrafted', {}), data: { budgetId: 'd', centreId, fiscalYear: 2027, kind: 'development', years: [2027, 2028, 2029, 2030, 2031] } },
      { ...ev('2020-01-02T00:00:00Z', 'BudgetLineProposed', {}), data: { budgetId: 'd', lineId: 'l', financeAccount: '17411110', standardAccount: '18', description: 'Løn', amounts: { 2027: 1, 2028: 2, 2029: 3, 2030: 4, 2031: 5 }, version: 1 } },
      { ...ev('2020-01-03T00:00:00Z', 'BudgetApproved', {}), data: { budgetId: 'd', version: 1, resolutionId: 'rd' } },
    ];
    const views = [annual(2025, 500, 480), annual(2026, 600, 0), annual(2027, 700, 0), development].map((h) => replay(h)!);
    expect(financeActColumns(views, 2027)).toEqual([
      { financeAccount: '17411110', standardAccount: '18', standardAccountName: 'Lønninger / personaleomkostninger', descriptions: ['Løn'], R: 480, B: 600, F: 700, BO1: 2, BO2: 3, BO3: 4 },
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
    expect(csv[0]).toBe('Finanslovskonto;Standardkonto;Tekst;Budget 2027;Bevilget 2027;Forbrug');
    expect(csv[1]).toBe('17411110;18;Løn;100.000,00;;0,00');
    expect(csv).toContain(`17411110;22;"'=HYPERLINK(""x"")";0,01;;0,00`);
    expect(budgetCsv(view, 'en').split('\r\n')[1]).toBe('17411110,18,Løn,100000.00,,0.00');
    // A spreadsheet that splits on the other separator starts a cell there: a formula after it is text too.
    const split = replay([...history, ev('2026-09-05T00:00:00Z', 'BudgetLineProposed', { lineId: 'y', financeAccount: '17411110', standardAccount: '22', description: 'x;=1+1,@SUM(A1)\t+2|-3 og løn - fuldtid', amounts: { '2027': 1 }, version: 9 })], at('2026-09-06T00:00:00Z'))!;
    for (const format of ['da', 'en'] as const) {
      const text = budgetCsv(split, format).split('\r\n').find((l) => l.includes('x;') || l.includes('"x;'))!;
      expect(text).toContain(`x;'=1+1,'@SUM(A1) +2|'-3 og løn - fuldtid`);
      expect(text).not.toMatch(/[,;|\t]["]?[=+\-@]/);
    }
    const negative = replay([history[0]!, ev('2026-09-02T10:00:00Z', 'BudgetLineProposed', { lineId: 'ind', financeAccount: '17411110', standardAccount: '11', description: 'Indtægt', amounts: { '2027': -500 }, version: 1 })])!;
    expect(budgetCsv(negative, 'da').split('\r\n')[1]).toBe('17411110;11;Indtægt;-5,00;;0,00');
  });

  it('draws budget against cumulative actuals as SVG', () => {
    const svg = budgetSvg(replay(history)!);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('140.000,00'); // the enacted total
    expect(svg).toContain('22.500,00'); // spent by year end
    expect(budgetSvg(replay(history)!, 'drift')).toContain('4.000,00');
  });
});
