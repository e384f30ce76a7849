import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CountTable,
  type EntryRef,
  type FeasibleInterval,
  type PublishedCount,
  type PublishedTable,
  type ReaderKnowledge,
  feasibleIntervals,
  isPrimarySensitive,
  mayShowAsBenchmark,
  protectTable,
} from './disclosure.js';

// Fixed, so a failure replays; fast-check prints the seed and the shrunk table when one fails.
const SEED = 20_260_412;

// ——— The table as it truly is, and patterns the tests build by hand ———

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Every entry of a table with its true count, in the same order as the module's intervals. */
function truth(cells: readonly (readonly number[])[]): { at: EntryRef; value: number }[] {
  const columns = cells[0]?.length ?? 0;
  const column = (c: number) => cells.map((row) => row[c] ?? 0);
  return [
    ...cells.flatMap((row, r) => row.map((value, c) => ({ at: { kind: 'cell', row: r, column: c } as const, value }))),
    ...cells.map((row, r) => ({ at: { kind: 'rowTotal', row: r } as const, value: sum(row) })),
    ...Array.from({ length: columns }, (_, c) => ({ at: { kind: 'columnTotal', column: c } as const, value: sum(column(c)) })),
    { at: { kind: 'grandTotal' } as const, value: sum(cells.map(sum)) },
  ];
}

const keyOf = (at: EntryRef) => JSON.stringify(at);

function entryAt(table: PublishedTable, at: EntryRef): PublishedCount | undefined {
  if (at.kind === 'cell') return table.cells[at.row]?.[at.column];
  if (at.kind === 'rowTotal') return table.rowTotals[at.row];
  if (at.kind === 'columnTotal') return table.columnTotals[at.column];
  return table.grandTotal;
}

/** A hand-made publication: the listed entries suppressed (reason from the count), the rest shown. */
function publishedWith(cells: readonly (readonly number[])[], suppress: (at: EntryRef, value: number) => boolean): PublishedTable {
  const shown = (at: EntryRef, value: number): PublishedCount =>
    suppress(at, value) ? { suppressed: isPrimarySensitive(value) ? 'primary' : 'secondary' } : { value };
  const entries = truth(cells).map(({ at, value }) => shown(at, value));
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  return {
    cells: cells.map((_, r) => entries.slice(r * columns, (r + 1) * columns)),
    rowTotals: entries.slice(rows * columns, rows * columns + rows),
    columnTotals: entries.slice(rows * columns + rows, rows * columns + rows + columns),
    grandTotal: entries[entries.length - 1] ?? { value: 0 },
  };
}

/** The naive rule: suppress 1–4 and nothing else. */
const primaryOnly = (cells: readonly (readonly number[])[]) => publishedWith(cells, (_, v) => isPrimarySensitive(v));

// ——— The attack ———

/** The lines of a table: each row, each column, the column totals and the row totals, each with the grand total. */
function lines(table: PublishedTable): PublishedCount[][] {
  const columns = table.columnTotals.length;
  return [
    ...table.cells.map((row, r) => [...row, table.rowTotals[r] ?? { value: 0 }]),
    ...Array.from({ length: columns }, (_, c) => [...table.cells.map((row) => row[c] ?? { value: 0 }), table.columnTotals[c] ?? { value: 0 }]),
    [...table.columnTotals, table.grandTotal],
    [...table.rowTotals, table.grandTotal],
  ];
}

/** Subtraction along one line: a line with exactly one suppressed entry gives it away. */
const linesWithOneSuppressed = (table: PublishedTable) => lines(table).filter((line) => line.filter((e) => 'suppressed' in e).length === 1).length;

interface Recovered {
  at: EntryRef;
  why: string;
}

/** Every way the public table (one mark for every suppression) gives a suppressed entry away. */
function recover(published: PublishedTable, knowledge: ReaderKnowledge = 'unlabelled'): Recovered[] {
  const intervals = feasibleIntervals(published, knowledge);
  return [
    ...intervals.filter((i) => i.min === i.max).map((i) => ({ at: i.at, why: `exactly ${i.min}` })),
    ...intervals.filter((i) => knowledge === 'unlabelled' && i.reason === 'primary' && i.max < 5).map((i) => ({ at: i.at, why: `known to be ${i.min}–${i.max}` })),
  ];
}

/** The attacker's intervals must hold the truth, or the "protection" is computed against a wrong table. */
function expectIntervalsHoldTheTruth(cells: readonly (readonly number[])[], intervals: readonly FeasibleInterval[]): void {
  const truthOf = new Map(truth(cells).map((t) => [keyOf(t.at), t.value]));
  for (const i of intervals) {
    const value = truthOf.get(keyOf(i.at)) ?? NaN;
    expect(value).toBeGreaterThanOrEqual(i.min);
    expect(value).toBeLessThanOrEqual(i.max);
  }
}

/**
 * An independent attacker for small tables: enumerate every table of non-negative integers that
 * agrees with the publication and what the reader knows, and take each suppressed entry's min and
 * max. Only where the grand total is published, so the enumeration is finite and complete.
 */
function bruteForce(published: PublishedTable, knowledge: ReaderKnowledge): Map<string, [number, number]> {
  const rows = published.cells.length;
  const columns = published.columnTotals.length;
  const grand = 'value' in published.grandTotal ? published.grandTotal.value : undefined;
  if (grand === undefined) throw new Error('the brute force needs the grand total');
  const allows = (entry: PublishedCount | undefined, v: number) => {
    if (entry === undefined) return false;
    if ('value' in entry) return entry.value === v;
    if (knowledge === 'unlabelled') return v >= 1;
    return entry.suppressed === 'primary' ? v >= 1 && v <= 4 : v >= 5;
  };
  const found = new Map<string, [number, number]>();
  const note = (at: EntryRef, v: number) => {
    if (!('suppressed' in (entryAt(published, at) ?? { value: 0 }))) return;
    const [lo, hi] = found.get(keyOf(at)) ?? [Infinity, -Infinity];
    found.set(keyOf(at), [Math.min(lo, v), Math.max(hi, v)]);
  };
  const x = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  const visit = (k: number, used: number) => {
    if (k === rows * columns) {
      if (used !== grand) return;
      const candidate = truth(x);
      if (!candidate.every(({ at, value }) => allows(entryAt(published, at), value))) return;
      candidate.forEach(({ at, value }) => note(at, value));
      return;
    }
    const r = Math.floor(k / columns);
    const c = k % columns;
    const entry = published.cells[r]?.[c];
    const options = entry !== undefined && 'value' in entry ? [entry.value] : Array.from({ length: grand - used + 1 }, (_, v) => v);
    for (const v of options) {
      if (used + v > grand || !allows(entry, v)) continue;
      (x[r] as number[])[c] = v;
      visit(k + 1, used + v);
    }
  };
  visit(0, 0);
  return found;
}

// ——— Arbitraries ———

/** Counts as indicators meet them: many zeros and small counts, some mid-sized, a few large. */
const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 4 },
  { arbitrary: fc.integer({ min: 5, max: 40 }), weight: 4 },
  { arbitrary: fc.integer({ min: 41, max: 300 }), weight: 1 },
);
const tableOf = (maxRows: number, maxColumns: number, cell: fc.Arbitrary<number>) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxColumns }))
    .chain(([rows, columns]) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

// ——— Tests ———

describe('primary suppression', () => {
  it('suppresses 1–4 citizens and publishes 0 and 5 as they are', () => {
    const published = protectTable({ cells: [[0, 1, 4, 5, 100]] });
    expect(published.cells[0]?.[0]).toEqual({ value: 0 });
    expect(published.cells[0]?.[1]).toEqual({ suppressed: 'primary' });
    expect(published.cells[0]?.[2]).toEqual({ suppressed: 'primary' });
    // In one row the column totals are the cells: they follow the cells.
    expect(published.columnTotals[1]).toEqual({ suppressed: 'primary' });
  });

  it('suppresses a total under 5 as primary, and protects what it exposes', () => {
    const cells = [[1, 2, 0], [20, 30, 40]];
    const published = protectTable({ cells });
    expect(published.rowTotals[0]).toEqual({ suppressed: 'primary' });
    expect(linesWithOneSuppressed(published)).toBe(0);
    expect(recover(published)).toEqual([]);
  });
});

describe('where the naive rule leaks', () => {
  it('a lone small cell is its row total minus the rest', () => {
    const cells = [[3, 10, 12], [8, 9, 7], [6, 11, 20]];
    const naive = feasibleIntervals(primaryOnly(cells), 'labelled');
    expect(naive).toEqual([{ at: { kind: 'cell', row: 0, column: 0 }, reason: 'primary', min: 3, max: 3 }]);

    const published = protectTable({ cells });
    expect(recover(published)).toEqual([]);
    expect(linesWithOneSuppressed(published)).toBe(0);
  });

  it('two small cells in every line can still be pinned: suppressed cells hold at least 1 when zeros are shown', () => {
    // Primary-only already leaves two suppressions in every touched line, so the line rule adds nothing.
    const cells = [[1, 1, 7], [1, 1, 9], [20, 30, 40]];
    const naive = primaryOnly(cells);
    expect(linesWithOneSuppressed(naive)).toBe(0);
    expect(feasibleIntervals(naive, 'unlabelled').map((i) => [i.min, i.max])).toEqual([[1, 1], [1, 1], [1, 1], [1, 1]]);

    expect(recover(protectTable({ cells }))).toEqual([]);
  });

  it('a cell bridging two suppressed blocks is recovered by combining rows and columns', () => {
    const cells = [
      [6, 7, 30, 40],
      [8, 9, 2, 50],
      [60, 70, 5, 6],
      [80, 90, 7, 8],
    ];
    // Two blocks of four, joined by the 2 at (1,2): every line has 0, 2 or 3 suppressions.
    const blocks = new Set(['0,0', '0,1', '1,0', '1,1', '1,2', '2,2', '2,3', '3,2', '3,3']);
    const pattern = publishedWith(cells, (at) => at.kind === 'cell' && blocks.has(`${at.row},${at.column}`));
    expect(linesWithOneSuppressed(pattern)).toBe(0);
    // Rows 0–1 minus columns 0–1 leave exactly the bridge.
    const bridge = feasibleIntervals(pattern, 'labelled').find((i) => i.at.kind === 'cell' && i.at.row === 1 && i.at.column === 2);
    expect(bridge).toMatchObject({ min: 2, max: 2 });

    expect(recover(protectTable({ cells }))).toEqual([]);
  });

  it('two primaries whose line adds up to 5 are known to be small, so a third entry is suppressed', () => {
    const cells = [[2, 3, 50], [30, 40, 60]];
    const naive = publishedWith(cells, (at, v) => isPrimarySensitive(v) || (at.kind === 'cell' && at.row === 1 && at.column < 2));
    expect(linesWithOneSuppressed(naive)).toBe(0);
    expect(recover(naive).map((r) => r.why)).toEqual(['known to be 1–4', 'known to be 1–4']);

    const published = protectTable({ cells });
    expect(published.cells[0]?.[2]).toEqual({ suppressed: 'secondary' });
    expect(recover(published)).toEqual([]);
  });
});

describe('why the reasons stay out of the public table', () => {
  it('a reader who knows them pins two primaries that must add up to 8; the public cannot', () => {
    const cells = [[4, 4, 50], [30, 40, 60]];
    // The line rule's pattern: the row already has two; the columns get the 30 and the 40.
    const pattern = publishedWith(cells, (at, v) => isPrimarySensitive(v) || (at.kind === 'cell' && at.row === 1 && at.column < 2));
    // And with them the two secondaries beside them: 34 − 4 and 44 − 4.
    expect(recover(pattern, 'labelled').map((r) => r.why)).toEqual(['exactly 4', 'exactly 4', 'exactly 30', 'exactly 40']);
    expect(recover(pattern)).toEqual([]);
  });

  it('four citizens, one in each of four months: the reasons alone give them away, whatever is suppressed', () => {
    const cells = [[1, 1, 0, 1, 1], [20, 30, 40, 50, 60]];
    const published = protectTable({ cells });
    expect(recover(published)).toEqual([]);
    const everything = publishedWith(cells, (_, v) => v > 0);
    expect(recover(everything, 'labelled').map((r) => r.why)).toContain('exactly 1');
  });
});

describe('the attack on random tables', () => {
  // Mostly small counts, as a small municipality's month by category looks: the fix-up loop works hardest here.
  const sparse = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 6 }), weight: 5 }, { arbitrary: fc.integer({ min: 7, max: 30 }), weight: 1 });

  it.each([
    ['mixed counts', tableOf(7, 7, count), 300],
    ['mostly small counts', tableOf(6, 8, sparse), 300],
    ['larger tables', tableOf(15, 12, count), 40],
  ] as const)('recovers no suppressed entry, by subtraction or by the exact intervals, and pins no small count (%s)', (_, tables, numRuns) => {
    fc.assert(
      fc.property(tables, (cells) => {
        const published = protectTable({ cells });
        for (const { at, value } of truth(cells)) {
          const entry = entryAt(published, at);
          if (entry === undefined) throw new Error('missing entry');
          if ('value' in entry) expect(entry.value).toBe(value);
          else expect(entry.suppressed).toBe(isPrimarySensitive(value) ? 'primary' : 'secondary');
          if ('suppressed' in entry && entry.suppressed === 'secondary') expect(value).toBeGreaterThanOrEqual(5);
        }
        expect(linesWithOneSuppressed(published)).toBe(0);
        expectIntervalsHoldTheTruth(cells, feasibleIntervals(published, 'labelled'));
        expectIntervalsHoldTheTruth(cells, feasibleIntervals(published, 'unlabelled'));
        expect(recover(published)).toEqual([]);
      }),
      { seed: SEED, numRuns },
    );
  });

  it('gives the same publication for the same table', () => {
    fc.assert(
      fc.property(tableOf(5, 5, count), (cells) => {
        expect(protectTable({ cells: cells.map((row) => [...row]) })).toEqual(protectTable({ cells }));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('computes the same intervals as enumerating every consistent table (small tables, any pattern)', () => {
    const small = fc.integer({ min: 0, max: 7 });
    const cellsAndMask = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 })).chain(([rows, columns]) =>
      fc.tuple(
        fc.array(fc.array(small, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
        fc.array(fc.boolean(), { minLength: rows * columns + rows + columns, maxLength: rows * columns + rows + columns }),
      ),
    );
    fc.assert(
      fc.property(cellsAndMask, fc.constantFrom<ReaderKnowledge>('labelled', 'unlabelled'), ([cells, mask], knowledge) => {
        // Any pattern a publisher might try; zeros stay shown (the module never suppresses them), the grand total too.
        const index = new Map(truth(cells).map((t, k) => [keyOf(t.at), k]));
        const published = publishedWith(cells, (at, v) => v > 0 && at.kind !== 'grandTotal' && (isPrimarySensitive(v) || mask[index.get(keyOf(at)) ?? 0] === true));
        const expected = bruteForce(published, knowledge);
        const computed = new Map(feasibleIntervals(published, knowledge).map((i) => [keyOf(i.at), [i.min, i.max]]));
        expect(computed).toEqual(expected);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('edge cases', () => {
  it('all small: every cell suppressed, and still nothing recovered', () => {
    const cells = [[1, 2], [3, 4]];
    const published = protectTable({ cells });
    expect(published.cells.flat().every((e) => 'suppressed' in e && e.suppressed === 'primary')).toBe(true);
    expect(recover(published)).toEqual([]);
  });

  it('one row: the column totals are the cells and are suppressed with them', () => {
    const cells = [[2, 30, 40, 0]];
    const published = protectTable({ cells });
    expect(published.cells[0]?.[0]).toEqual({ suppressed: 'primary' });
    expect(published.columnTotals[0]).toEqual({ suppressed: 'primary' });
    expect(published.cells[0]?.[3]).toEqual({ value: 0 });
    expect(recover(published)).toEqual([]);
  });

  it('one column', () => {
    const cells = [[3], [12], [0], [40]];
    const published = protectTable({ cells });
    expect(published.rowTotals[0]).toEqual({ suppressed: 'primary' });
    expect(recover(published)).toEqual([]);
  });

  it('one cell of 3: everything is suppressed, since every total is that 3', () => {
    const published = protectTable({ cells: [[3]] });
    expect(published).toEqual({
      cells: [[{ suppressed: 'primary' }]],
      rowTotals: [{ suppressed: 'primary' }],
      columnTotals: [{ suppressed: 'primary' }],
      grandTotal: { suppressed: 'primary' },
    });
    expect(recover(published)).toEqual([]);
  });

  it('zeros and large counts only: nothing to suppress', () => {
    const cells = [[0, 0, 12], [0, 7, 9]];
    expect(protectTable({ cells })).toEqual(publishedWith(cells, () => false));
    expect(protectTable({ cells: [[0, 0], [0, 0]] })).toEqual(publishedWith([[0, 0], [0, 0]], () => false));
  });

  it('a national table (98 centres × 12 months) is protected', () => {
    const cells = fc.sample(fc.array(fc.array(count, { minLength: 12, maxLength: 12 }), { minLength: 98, maxLength: 98 }), { seed: SEED, numRuns: 1 })[0] ?? [];
    const published = protectTable({ cells });
    expect(linesWithOneSuppressed(published)).toBe(0);
    expect(recover(published)).toEqual([]);
  });

  it('refuses tables that are not counts', () => {
    const bad: CountTable[] = [{ cells: [] }, { cells: [[]] }, { cells: [[1, 2], [3]] }, { cells: [[-1]] }, { cells: [[1.5]] }];
    for (const table of bad) expect(() => protectTable(table)).toThrow(/table|counts|column/);
  });
});

describe('benchmarks', () => {
  it('shows a group as a benchmark only with 10 citizens or more', () => {
    expect(mayShowAsBenchmark(0)).toBe(false);
    expect(mayShowAsBenchmark(9)).toBe(false);
    expect(mayShowAsBenchmark(10)).toBe(true);
    expect(mayShowAsBenchmark(250)).toBe(true);
  });
});
