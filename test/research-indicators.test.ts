/**
 * The indicators on the research read model: each computed in SQL from a population whose answer
 * is known by construction, and every table under disclosure control.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feasibleIntervals } from '../src/research/disclosure.js';
import { compareWithBaseline } from '../src/projections/research/baseline.js';
import { indicatorCsv, indicatorSvg } from '../src/projections/research/export.js';
import { groupLabels, indicatorTable } from '../src/projections/research/queries.js';
import { readBaseline } from '../src/research/baseline.js';
import { INDICATOR_IDS, INDICATORS, type IndicatorTable, ownFigure, type PublishedCell } from '../src/research/indicators.js';
import { asPublished, at, Population, researchDatabase } from './support/research.js';

let world: Awaited<ReturnType<typeof researchDatabase>>;
beforeAll(async () => {
  world = await researchDatabase();
});
afterAll(async () => {
  await world?.drop();
});
beforeEach(async () => {
  await world.empty();
});

const cellAt = (table: IndicatorTable, group: string, column: string, period: string | null = null): PublishedCell => {
  const r = table.rows.findIndex((row) => row.group === group && row.period === period);
  const c = table.columns.indexOf(column);
  expect(r, `row ${group} ${period ?? ''}`).toBeGreaterThanOrEqual(0);
  expect(c, `column ${column}`).toBeGreaterThanOrEqual(0);
  return table.cells[r]![c]!;
};
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe('the indicators', () => {
  it('contacts per citizen, by municipality and quarter: first contacts and conversations held over the citizens counted', async () => {
    const p = new Population();
    const kbh = p.centre('101');
    const aarhus = p.centre('751');
    // København Q1: 6 citizens, each a first contact and two conversations held (one not held): 18 contacts.
    times(6, () => p.journey({ centreId: kbh, started: at('2026-02-02'), conversations: [{ at: at('2026-02-10') }, { at: at('2026-03-01') }, { at: at('2026-03-05'), held: false }] }));
    // Aarhus Q1: 5 citizens, a first contact each; Q2: the same 5 hold a conversation, and 5 more begin.
    times(5, () => p.journey({ centreId: aarhus, started: at('2026-01-15'), conversations: [{ at: at('2026-04-15') }] }));
    times(5, () => p.journey({ centreId: aarhus, started: at('2026-05-15') }));
    await world.given(p.events);
    const table = await indicatorTable(world.db, { indicator: 'contacts_per_citizen', by: 'municipality', per: 'quarter', year: 2026 });
    expect(table.rows.map((r) => r.group)).toEqual(['101', '751']);
    expect(table.columns).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(cellAt(table, '101', '2026-Q1')).toEqual({ citizens: 6, value: 3, suppressed: false });
    expect(cellAt(table, '751', '2026-Q1')).toEqual({ citizens: 5, value: 1, suppressed: false });
    expect(cellAt(table, '751', '2026-Q2')).toEqual({ citizens: 10, value: 1, suppressed: false });
    expect(cellAt(table, '751', '2026-Q3')).toEqual({ citizens: 0, value: null, suppressed: false });
    // Totals are the sums of their cells (citizens counted once per cell), and benchmarks from 10.
    expect(table.rowTotals[1]).toEqual({ citizens: 15, value: 1, suppressed: false, benchmark: true });
    expect(table.rowTotals[0]).toEqual({ citizens: 6, value: 3, suppressed: false, benchmark: false });
    expect(table.columnTotals[0]).toEqual({ citizens: 11, value: round((18 + 5) / 11), suppressed: false, benchmark: true });
    expect(table.grandTotal).toEqual({ citizens: 21, value: round((18 + 5 + 10) / 21), suppressed: false, benchmark: true });
  });

  it('suppresses cells of 1–4 citizens, and more so that none can be recovered; a suppressed cell shows no value', async () => {
    const p = new Population();
    const centres = { '101': p.centre('101'), '461': p.centre('461'), '851': p.centre('851') };
    const counts: Record<keyof typeof centres, number[]> = { '101': [20, 3, 15, 12], '461': [8, 9, 2, 30], '851': [6, 7, 11, 1] };
    for (const [code, perQuarter] of Object.entries(counts) as [keyof typeof centres, number[]][]) {
      perQuarter.forEach((n, q) => times(n, () => p.journey({ centreId: centres[code], started: at(`2026-${String(q * 3 + 2).padStart(2, '0')}-10`) })));
    }
    await world.given(p.events);
    const table = await indicatorTable(world.db, { indicator: 'contacts_per_citizen', by: 'municipality', per: 'quarter', year: 2026 });
    // The primaries.
    expect(cellAt(table, '101', '2026-Q2')).toEqual({ citizens: null, value: null, suppressed: true });
    expect(cellAt(table, '461', '2026-Q3')).toEqual({ citizens: null, value: null, suppressed: true });
    expect(cellAt(table, '851', '2026-Q4')).toEqual({ citizens: null, value: null, suppressed: true });
    // Every line with a suppressed entry has another, and the public reader cannot pin one.
    const published = asPublished(table);
    for (const interval of feasibleIntervals(published, 'unlabelled')) {
      expect(interval.max, JSON.stringify(interval)).toBeGreaterThan(interval.min);
      expect(interval.max, JSON.stringify(interval)).toBeGreaterThanOrEqual(5);
    }
    const suppressedInRow = table.cells.map((row, r) => row.filter((c) => c.suppressed).length + (table.rowTotals[r]!.suppressed ? 1 : 0));
    for (const n of suppressedInRow) expect(n === 0 || n >= 2).toBe(true);
    // What is published is true.
    for (const [r, row] of table.rows.entries()) {
      table.cells[r]!.forEach((cell, c) => {
        if (!cell.suppressed) expect(cell.citizens).toBe(counts[row.group as keyof typeof counts][c]);
      });
    }
  });

  it('first contacts by channel: each channel’s share of the group’s period, channels as the columns', async () => {
    const p = new Population();
    const centre = p.centre('101');
    times(6, () => p.journey({ centreId: centre, started: at('2026-03-02'), firstContact: 'phone' }));
    times(9, () => p.journey({ centreId: centre, started: at('2026-03-03'), firstContact: 'self_service' }));
    times(5, () => p.journey({ centreId: centre, started: at('2026-03-04'), firstContact: 'in_person_centre' }));
    await world.given(p.events);
    const table = await indicatorTable(world.db, { indicator: 'first_contact_channel_share', by: 'municipality', per: 'quarter', year: 2026 });
    expect(table.columnsAre).toBe('channel');
    expect(table.rows.map((r) => `${r.group} ${r.period}`)).toEqual(['101 2026-Q1', '101 2026-Q2', '101 2026-Q3', '101 2026-Q4']);
    expect(cellAt(table, '101', 'phone', '2026-Q1')).toEqual({ citizens: 6, value: 0.3, suppressed: false });
    expect(cellAt(table, '101', 'self_service', '2026-Q1')).toEqual({ citizens: 9, value: 0.45, suppressed: false });
    expect(cellAt(table, '101', 'in_person_centre', '2026-Q1')).toEqual({ citizens: 5, value: 0.25, suppressed: false });
    expect(cellAt(table, '101', 'video', '2026-Q1')).toEqual({ citizens: 0, value: null, suppressed: false });
  });

  it('a share is not shown where the whole it is a share of is suppressed (it would give the whole away)', async () => {
    const p = new Population();
    const centre = p.centre('101');
    // Q1: 6 by phone, 3 by chat: the chat cell is suppressed, so is another, and the row's whole with them.
    times(6, () => p.journey({ centreId: centre, started: at('2026-03-02'), firstContact: 'phone' }));
    times(3, () => p.journey({ centreId: centre, started: at('2026-03-02'), firstContact: 'chat' }));
    await world.given(p.events);
    const table = await indicatorTable(world.db, { indicator: 'first_contact_channel_share', by: 'municipality', per: 'quarter', year: 2026 });
    const r = table.rows.findIndex((row) => row.period === '2026-Q1');
    for (const [c, cell] of table.cells[r]!.entries()) {
      if (!cell.suppressed && cell.citizens! > 0 && table.rowTotals[r]!.suppressed) expect(cell.value, table.columns[c]).toBeNull();
    }
    expect(cellAt(table, '101', 'chat', '2026-Q1').suppressed).toBe(true);
  });

  it('self-booked share, time to first conversation, offers per citizen, participation duration and repeat use', async () => {
    const p = new Population();
    const centre = p.centre('101');
    // 5 citizens: first contact 1 March; a conversation they booked themselves held 4, 6, 8, 10, 30 days later, and one on a proposal.
    const citizens = [4, 6, 8, 10, 30].map((days) =>
      p.journey({
        centreId: centre,
        started: at('2026-03-01'),
        conversations: [{ at: at(`2026-03-${String(1 + days).padStart(2, '0')}`) }, { at: at('2026-03-31', 15), selfBooked: false }],
        offers: [
          { at: at('2026-03-20'), kind: 'coaching', answer: 'accepted', participation: { from: at('2026-03-21'), to: at(`2026-03-${String(21 + Math.min(days, 10)).padStart(2, '0')}`) } },
          { at: at('2026-03-22'), kind: 'workshop', answer: 'declined' },
        ],
      }),
    );
    // Two of them come back in Q2 (a new journey); three new citizens begin.
    p.journey({ centreId: centre, started: at('2026-05-01') }, citizens[0]);
    p.journey({ centreId: centre, started: at('2026-05-02') }, citizens[1]);
    times(3, () => p.journey({ centreId: centre, started: at('2026-05-03') }));
    await world.given(p.events);
    const q1 = async (indicator: (typeof INDICATOR_IDS)[number]) => cellAt(await indicatorTable(world.db, { indicator, by: 'municipality', per: 'quarter', year: 2026 }), '101', '2026-Q1');
    // Every citizen booked once themselves and once on a proposal.
    expect(await q1('self_booked_share')).toEqual({ citizens: 5, value: 0.5, suppressed: false });
    // First conversations 4, 6, 8, 10 and 30 days after the first contact: a median of 8.
    expect(await q1('time_to_first_conversation')).toEqual({ citizens: 5, value: 8, suppressed: false });
    expect(await q1('offers_per_citizen')).toEqual({ citizens: 5, value: 2, suppressed: false });
    // Taking part: 4, 6, 8, 10, 10 days → 8.
    expect(await q1('participation_duration')).toEqual({ citizens: 5, value: 8, suppressed: false });
    const repeat = await indicatorTable(world.db, { indicator: 'repeat_use', by: 'municipality', per: 'quarter', year: 2026 });
    expect(cellAt(repeat, '101', '2026-Q1')).toEqual({ citizens: 5, value: 0, suppressed: false });
    expect(cellAt(repeat, '101', '2026-Q2')).toEqual({ citizens: 5, value: 0.4, suppressed: false });
  });

  it('uptake, decline and withdrawal per kind of offer, counted on the offers made in the period', async () => {
    const p = new Population();
    const centre = p.centre('101');
    // Coaching: 10 offers to 10 citizens; 6 accepted (2 of them later withdrawn), 3 declined, 1 unanswered.
    times(10, (i) =>
      p.journey({
        centreId: centre,
        started: at('2026-01-05'),
        offers: [{ at: at('2026-01-10'), kind: 'coaching', answer: i < 6 ? 'accepted' : i < 9 ? 'declined' : 'none', ...(i < 2 ? { withdrawnAt: at('2026-02-10') } : {}) }],
      }),
    );
    await world.given(p.events);
    const table = (indicator: (typeof INDICATOR_IDS)[number]) => indicatorTable(world.db, { indicator, by: 'municipality', per: 'quarter', year: 2026 });
    expect(cellAt(await table('offer_uptake_rate'), '101', 'coaching', '2026-Q1')).toEqual({ citizens: 10, value: 0.6, suppressed: false });
    expect(cellAt(await table('offer_decline_rate'), '101', 'coaching', '2026-Q1')).toEqual({ citizens: 10, value: 0.3, suppressed: false });
    expect(cellAt(await table('consent_withdrawal_rate'), '101', 'coaching', '2026-Q1')).toEqual({ citizens: 10, value: round(2 / 6), suppressed: false });
    expect(cellAt(await table('offer_uptake_rate'), '101', 'internship', '2026-Q1')).toEqual({ citizens: 0, value: null, suppressed: false });
  });

  it('time to first self-reported outcome by kind; cost per citizen and per conversation from the budgets’ spending', async () => {
    const p = new Population();
    const centre = p.centre('101');
    times(6, (i) =>
      p.journey({
        centreId: centre,
        started: at('2026-01-05'),
        conversations: [{ at: at('2026-01-20') }],
        outcomes: [{ at: at(`2026-02-${String(4 + i).padStart(2, '0')}`), kind: 'job' }, { at: at('2026-03-01'), kind: 'education' }],
      }),
    );
    p.spending(centre, [{ on: '2026-01-31', kroner: 30_000 }, { on: '2026-03-15', kroner: 6_000 }, { on: '2026-04-01', kroner: 99_000 }]);
    await world.given(p.events);
    const outcome = await indicatorTable(world.db, { indicator: 'time_to_first_outcome', by: 'municipality', per: 'quarter', year: 2026 });
    // 30 … 35 days from 5 January: the median of 30, 31, 32, 33, 34, 35 is 32.5; the education outcome is no first.
    expect(cellAt(outcome, '101', 'job', '2026-Q1')).toEqual({ citizens: 6, value: 32.5, suppressed: false });
    expect(cellAt(outcome, '101', 'education', '2026-Q1')).toEqual({ citizens: 0, value: null, suppressed: false });
    const perCitizen = await indicatorTable(world.db, { indicator: 'cost_per_citizen', by: 'centre', per: 'quarter', year: 2026 });
    expect(cellAt(perCitizen, centre, '2026-Q1')).toEqual({ citizens: 6, value: 6_000, suppressed: false });
    const perConversation = await indicatorTable(world.db, { indicator: 'cost_per_conversation', by: 'centre', per: 'quarter', year: 2026 });
    expect(cellAt(perConversation, centre, '2026-Q1')).toEqual({ citizens: 6, value: 6_000, suppressed: false });
    // Spending in a quarter without citizens has nothing to divide by.
    expect(cellAt(perConversation, centre, '2026-Q2')).toEqual({ citizens: 0, value: null, suppressed: false });
  });

  it('leaves erased citizens out of every indicator', async () => {
    const p = new Population();
    const centre = p.centre('101');
    times(5, () => p.journey({ centreId: centre, started: at('2026-01-05') }));
    times(3, () => p.journey({ centreId: centre, started: at('2026-01-05'), erasedAt: at('2026-06-01') }));
    await world.given(p.events);
    for (const indicator of ['contacts_per_citizen', 'repeat_use', 'offers_per_citizen'] as const) {
      const table = await indicatorTable(world.db, { indicator, by: 'municipality', per: 'quarter', year: 2026 });
      expect(cellAt(table, '101', '2026-Q1').citizens, indicator).toBe(5);
    }
  });

  it('every indicator answers for every grouping and period, and has its definition in Danish and English', async () => {
    const p = new Population();
    const centre = p.centre('101');
    times(7, () => p.journey({ centreId: centre, started: at('2026-01-05'), conversations: [{ at: at('2026-01-07') }], offers: [{ at: at('2026-01-08'), answer: 'accepted' }], outcomes: [{ at: at('2026-02-01'), kind: 'job' }] }));
    await world.given(p.events);
    for (const indicator of INDICATOR_IDS) {
      const d = INDICATORS[indicator];
      for (const t of [d.name, d.definition, d.population, d.differs]) {
        expect(t.da.length).toBeGreaterThan(5);
        expect(t.en.length).toBeGreaterThan(5);
        expect(t.da).not.toBe(t.en);
      }
      for (const by of ['centre', 'municipality'] as const) {
        for (const per of ['month', 'quarter'] as const) {
          const table = await indicatorTable(world.db, { indicator, by, per, year: 2026 });
          expect(table.cells.length, `${indicator} ${by} ${per}`).toBe(table.rows.length);
          expect(table.columns.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('CSV: a line per cell and total, suppressed cells marked and empty, names never run as formulas', async () => {
    const p = new Population();
    const centre = p.centre('101', '=HYPERLINK("http://evil")');
    times(3, () => p.journey({ centreId: centre, started: at('2026-01-05') }));
    times(7, () => p.journey({ centreId: centre, started: at('2026-05-05') }));
    await world.given(p.events);
    const table = await indicatorTable(world.db, { indicator: 'contacts_per_citizen', by: 'centre', per: 'quarter', year: 2026 });
    const labels = await groupLabels(world.db, 'centre', [centre]);
    const csv = indicatorCsv(table, labels, 'da');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Indikator;Center;Navn;Periode;Kategori;Borgere;Værdi;Status');
    expect(lines).toContain(`contacts_per_citizen;${centre};"'=HYPERLINK(""http://evil"")";2026-Q1;;;;diskretioneret`);
    expect(lines.some((l) => l.includes(';;') && /;3;/.test(l))).toBe(false);
    expect(lines).toHaveLength(1 + 4 + 1 + 4 + 1);
    const svg = indicatorSvg(table, 'en', (c) => c);
    expect(svg).toContain('<title>Contacts per citizen 2026</title>');
    expect(svg).toContain('class="suppressed"');
    expect(svg).not.toContain('HYPERLINK');
  });

  it('sets our own figure beside the baseline only where the published tables show it, for 10 citizens or more', async () => {
    const p = new Population();
    const kbh = p.centre('101');
    const aarhus = p.centre('751');
    const aalborg = p.centre('851');
    const odense = p.centre('461');
    times(30, () => p.journey({ centreId: kbh, started: at('2024-02-05') }));
    // Aarhus's 4 are suppressed, and Aalborg's 10 with them (the smallest beside them in the quarter).
    times(4, () => p.journey({ centreId: aarhus, started: at('2024-02-05') }));
    times(10, () => p.journey({ centreId: aalborg, started: at('2024-02-05') }));
    times(7, () => p.journey({ centreId: odense, started: at('2024-05-05') }));
    await world.given(p.events);
    const table = await indicatorTable(world.db, { indicator: 'contacts_per_citizen', by: 'municipality', per: 'quarter', year: 2024 });
    expect(cellAt(table, '851', '2024-Q1').suppressed).toBe(true);
    const reading = readBaseline(
      [
        'indicator,municipality,period,value,source,definition',
        'contacts_per_citizen,101,2024-Q1,2.4,SYNTHETIC test,contacts per citizen',
        'contacts_per_citizen,751,2024-Q1,2.1,SYNTHETIC test,contacts per citizen',
        'contacts_per_citizen,851,2024-Q1,2.0,SYNTHETIC test,contacts per citizen',
        'contacts_per_citizen,461,2024-Q2,1.9,SYNTHETIC test,contacts per citizen',
        'contacts_per_citizen,101,2024,2.2,SYNTHETIC test,contacts per citizen',
        'contacts_per_citizen,national,2024-Q2,2.2,SYNTHETIC test,contacts per citizen',
        'first_contact_channel_share,101,2024,0.5,SYNTHETIC test,phone share',
      ].join('\n'),
    );
    if (reading.status !== 'valid') throw new Error('the test file is valid');
    const comparisons = await compareWithBaseline(world.db, reading.rows, 'contacts_per_citizen', 2024);
    expect(comparisons.map((c) => [c.baseline.municipality, c.baseline.period.text, c.own])).toEqual([
      ['101', '2024-Q1', { citizens: 30, value: 1, withheld: null }],
      // Suppressed in the table: never shown beside the baseline, whatever its size.
      ['751', '2024-Q1', { citizens: null, value: null, withheld: 'suppressed' }],
      ['851', '2024-Q1', { citizens: null, value: null, withheld: 'suppressed' }],
      // Under 10: suppressed with the rest of its line, or published but no benchmark.
      ['461', '2024-Q2', { citizens: null, value: null, withheld: cellAt(table, '461', '2024-Q2').suppressed ? 'suppressed' : 'too_few_citizens' }],
      ['101', '2024', { citizens: 30, value: 1, withheld: null }],
      ['national', '2024-Q2', { citizens: null, value: null, withheld: table.columnTotals[1]!.suppressed ? 'suppressed' : 'too_few_citizens' }],
    ]);
    // A published entry under 10 citizens is no benchmark; several entries count together.
    const line = { group: null, period: null, category: null, citizens: 14, num: 28, den: 0, median: null };
    const published = (citizens: number) => ({ citizens, value: 2, suppressed: false, benchmark: citizens >= 10 });
    expect(ownFigure('contacts_per_citizen', [published(7)], line)).toEqual({ citizens: null, value: null, withheld: 'too_few_citizens' });
    expect(ownFigure('contacts_per_citizen', [published(7), published(8)], line)).toEqual({ citizens: 15, value: 2, withheld: null });
    expect(ownFigure('contacts_per_citizen', [published(30), { citizens: null, value: null, suppressed: true, benchmark: false }], line).withheld).toBe('suppressed');
    const shares = await compareWithBaseline(world.db, reading.rows, 'first_contact_channel_share', 2024);
    expect(shares.map((c) => c.own.withheld)).toEqual(['no_single_figure']);
  });
});

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
