import { describe, expect, it } from 'vitest';
import { feasibleIntervals, type PublishedCount } from './disclosure.js';
import { type Aggregated, coveringEntries, INDICATOR_IDS, INDICATORS, ownFigure, periodsOf, publishIndicator, type PublishedCell } from './indicators.js';

const cell = (group: string, period: string | null, category: string | null, citizens: number, num = citizens, den = 0, median: number | null = null): Aggregated => ({ group, period, category, citizens, num, den, median });
const count = (c: PublishedCell): PublishedCount => (c.suppressed ? { suppressed: 'primary' } : { value: c.citizens ?? 0 });

describe('indicator definitions', () => {
  it('defines every indicator a study may use, once, in Danish and English', () => {
    expect(Object.keys(INDICATORS).sort()).toEqual([...INDICATOR_IDS].sort());
    for (const id of INDICATOR_IDS) {
      expect(INDICATORS[id].id).toBe(id);
      for (const text of [INDICATORS[id].name, INDICATORS[id].definition, INDICATORS[id].population, INDICATORS[id].differs]) expect(text.da).not.toBe(text.en);
    }
  });

  it('covers whole calendar years, by month or by quarter, and refuses a year out of range naming it', () => {
    expect(periodsOf(2026, 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOf(2026, 'month')).toHaveLength(12);
    expect(periodsOf(2026, 'month')[0]).toBe('2026-01');
    expect(() => periodsOf(1999, 'month')).toThrow(expect.objectContaining({ field: 'year' }));
  });
});

describe('publishIndicator', () => {
  it('values by its aggregate: per citizen, and totals as the sums of their cells', () => {
    const t = publishIndicator({ indicator: 'contacts_per_citizen', by: 'municipality', per: 'quarter', year: 2026, groups: ['101', '147'] }, [
      cell('101', '2026-Q1', null, 10, 25),
      cell('101', '2026-Q2', null, 6, 6),
      cell('147', '2026-Q1', null, 8, 16),
      cell('147', '2026-Q2', null, 7, 21),
    ]);
    expect(t.cells[0]!.slice(0, 2)).toEqual([{ citizens: 10, value: 2.5, suppressed: false }, { citizens: 6, value: 1, suppressed: false }]);
    expect(t.rowTotals[0]).toEqual({ citizens: 16, value: round(31 / 16), suppressed: false, benchmark: true });
    expect(t.columnTotals[1]).toEqual({ citizens: 13, value: round(27 / 13), suppressed: false, benchmark: true });
    expect(t.grandTotal).toEqual({ citizens: 31, value: round(68 / 31), suppressed: false, benchmark: true });
  });

  it('suppresses small cells with their values, and what is left pins none of them', () => {
    const t = publishIndicator({ indicator: 'repeat_use', by: 'municipality', per: 'quarter', year: 2026, groups: ['101', '147', '151'] }, [
      cell('101', '2026-Q1', null, 3, 1, 3),
      cell('101', '2026-Q2', null, 12, 4, 12),
      cell('147', '2026-Q1', null, 9, 2, 9),
      cell('147', '2026-Q2', null, 20, 5, 20),
      cell('151', '2026-Q1', null, 30, 3, 30),
      cell('151', '2026-Q2', null, 2, 1, 2),
    ]);
    expect(t.cells[0]![0]).toEqual({ citizens: null, value: null, suppressed: true });
    expect(t.cells[2]![1]).toEqual({ citizens: null, value: null, suppressed: true });
    const published = { cells: t.cells.map((r) => r.map(count)), rowTotals: t.rowTotals.map(count), columnTotals: t.columnTotals.map(count), grandTotal: count(t.grandTotal) };
    for (const i of feasibleIntervals(published, 'unlabelled')) expect(i.max).toBeGreaterThan(i.min);
  });

  it('with categories, protects each period on its own and shows a year’s total only where every period’s was publishable', () => {
    const rows: Aggregated[] = [
      cell('101', '2026-Q1', 'phone', 20),
      cell('101', '2026-Q1', 'chat', 3),
      cell('147', '2026-Q1', 'phone', 9),
      cell('147', '2026-Q1', 'chat', 11),
      cell('101', '2026-Q2', 'phone', 30),
      cell('147', '2026-Q2', 'phone', 40),
    ];
    const t = publishIndicator({ indicator: 'first_contact_channel_share', by: 'municipality', per: 'quarter', year: 2026, groups: ['101', '147'] }, rows);
    expect(t.columnsAre).toBe('channel');
    expect(t.rows.slice(0, 2)).toEqual([{ group: '101', period: '2026-Q1' }, { group: '101', period: '2026-Q2' }]);
    const phone = t.columns.indexOf('phone');
    const chat = t.columns.indexOf('chat');
    expect(t.cells[0]![chat]!.suppressed).toBe(true);
    // Q2 has nothing to hide: its shares are shown.
    expect(t.cells[1]![phone]).toEqual({ citizens: 30, value: 1, suppressed: false });
    // Chat's year is suppressed when its Q1 total had to be; phone's is the sum of its quarters.
    const q1Chat = t.columnTotals[chat]!;
    if (!q1Chat.suppressed) expect(q1Chat.citizens).toBe(14);
    expect(t.columnTotals[t.columns.indexOf('video')]).toEqual({ citizens: 0, value: null, suppressed: false, benchmark: false });
  });

  it('a table nobody is counted in is empty, its totals 0', () => {
    const t = publishIndicator({ indicator: 'participation_duration', by: 'centre', per: 'month', year: 2026, groups: [] }, []);
    expect(t.rows).toEqual([]);
    expect(t.grandTotal).toEqual({ citizens: 0, value: null, suppressed: false, benchmark: false });
  });
});

describe('our figure beside the baseline', () => {
  const table = publishIndicator({ indicator: 'contacts_per_citizen', by: 'municipality', per: 'quarter', year: 2026, groups: ['101', '147'] }, [
    cell('101', '2026-Q1', null, 30, 60),
    cell('101', '2026-Q2', null, 25, 25),
    cell('147', '2026-Q1', null, 20, 20),
    cell('147', '2026-Q2', null, 15, 15),
  ]);
  const small = publishIndicator({ indicator: 'contacts_per_citizen', by: 'municipality', per: 'quarter', year: 2026, groups: ['101', '147'] }, [
    cell('101', '2026-Q1', null, 30, 60),
    cell('147', '2026-Q1', null, 3, 3),
    cell('147', '2026-Q2', null, 8, 8),
  ]);
  const line = cell('101', null, null, 30, 60);

  it('is one published entry of the tables: a cell, a row’s total, the whole', () => {
    expect(coveringEntries({ quarter: table, month: null }, '101', { kind: 'quarter', text: '2026-Q1', year: 2026 })).toEqual([{ ...table.cells[0]![0]!, benchmark: true }]);
    expect(coveringEntries({ quarter: table, month: null }, 'national', { kind: 'year', text: '2026', year: 2026 })).toEqual([table.grandTotal]);
    expect(coveringEntries({ quarter: table, month: null }, '101', { kind: 'month', text: '2026-01', year: 2026 })).toBeNull();
    expect(ownFigure('contacts_per_citizen', coveringEntries({ quarter: table, month: null }, '101', { kind: 'quarter', text: '2026-Q1', year: 2026 }), line)).toEqual({ citizens: 30, value: 2, withheld: null });
    expect(ownFigure('contacts_per_citizen', coveringEntries({ quarter: small, month: null }, '147', { kind: 'quarter', text: '2026-Q1', year: 2026 }), line).withheld).toBe('suppressed');
    // A year of a municipality is its row's total.
    expect(ownFigure('contacts_per_citizen', coveringEntries({ quarter: table, month: null }, '147', { kind: 'year', text: '2026', year: 2026 }), line)).toEqual({ citizens: 35, value: 1, withheld: null });
    expect(ownFigure('first_contact_channel_share', [table.grandTotal], line).withheld).toBe('no_single_figure');
  });
});

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
