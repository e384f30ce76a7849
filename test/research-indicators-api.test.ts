/**
 * The indicators through the API: who may read them, bad queries refused naming the field, CSV,
 * the baseline beside our figures, and an attacker who tries to recover a suppressed cell from
 * everything the API returns.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/domain/shared/principal.js';
import { feasibleIntervals } from '../src/research/disclosure.js';
import type { IndicatorTable, PublishedCell } from '../src/research/indicators.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { field, InjectBrowser } from './support/inject-browser.js';
import { asPublished, at, Population } from './support/research.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let centres: Record<string, string>;
/** The true counts of citizens with a first contact per municipality and quarter of 2026. */
const COUNTS: Record<string, number[]> = { '101': [20, 3, 15, 12], '461': [8, 9, 2, 30], '851': [6, 7, 11, 1] };

beforeAll(async () => {
  t = await createTestApp();
  const p = new Population();
  centres = Object.fromEntries(Object.keys(COUNTS).map((code) => [code, p.centre(code)]));
  for (const [code, perQuarter] of Object.entries(COUNTS)) {
    perQuarter.forEach((n, q) => {
      for (let i = 0; i < n; i++) p.journey({ centreId: centres[code]!, started: at(`2026-${String(q * 3 + 2).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`), firstContact: i % 2 ? 'phone' : 'self_service' });
    });
  }
  // Into the log as the store records them, stream by stream; the read models then catch up.
  const streams = new Map<string, typeof p.events>();
  for (const e of p.events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  for (const [streamId, events] of streams) {
    await t.store.append(
      streamId,
      events.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata })),
      { expectedVersion: 'no_stream' },
    );
  }
  await t.engine.settle({ names: ['research', 'centres', 'budgets'] });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = async (url: string, role: Role | null = 'researcher', centreId?: string): Promise<InjectOptions> => ({
  method: 'GET',
  url,
  headers: role === null ? {} : { authorization: `Bearer ${await t.token(role, centreId)}` },
});

describe('GET /research/indicators', () => {
  it('answers researchers, administrators and auditors; refuses everyone else with a problem', async () => {
    const url = '/research/indicators?indicator=contacts_per_citizen&by=municipality&per=quarter&year=2026';
    for (const role of ['researcher', 'admin', 'auditor'] as const) {
      const response = await t.app.inject(await get(url, role));
      expect(response.statusCode, `${role}: ${response.body}`).toBe(200);
    }
    for (const role of ['citizen', 'staff', 'board_member', 'partner'] as const) {
      const response = await t.app.inject(await get(url, role, role === 'staff' || role === 'board_member' ? centres['101'] : undefined));
      expect(response.statusCode, role).toBe(403);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    const anonymous = await t.app.inject(await get(url, null));
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/problem\+json/);
    // The definitions are public.
    const definitions = await t.app.inject({ method: 'GET', url: '/research/definitions' });
    expect(definitions.statusCode).toBe(200);
    expect(definitions.json().indicators).toHaveLength(13);
  });

  it('refuses a bad query with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/research/indicators?indicator=sanctions', 'indicator'],
      ['/research/indicators?by=street', 'by'],
      ['/research/indicators?per=week', 'per'],
      ['/research/indicators?year=1999', 'year'],
      ['/research/indicators?year=twenty', 'year'],
      ['/research/indicators?from=2026-01-01', 'from'],
      ['/research/baseline?indicator=x', 'indicator'],
    ];
    for (const [url, field] of cases) {
      const response = await t.app.inject(await get(url));
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(response.json()), url).toContain(`"${field}"`);
    }
  });

  it('gives the table with every small count suppressed, true counts elsewhere, labels and the rule', async () => {
    const response = await t.app.inject(await get('/research/indicators?indicator=contacts_per_citizen&by=municipality&per=quarter&year=2026'));
    const table = response.json() as Omit<IndicatorTable, 'rows'> & { rows: { group: string; label: string }[]; rule: string };
    expect(table.rows.map((r) => [r.group, r.label])).toEqual([['101', 'København'], ['461', 'Odense'], ['851', 'Aalborg']]);
    table.rows.forEach((row, r) =>
      table.cells[r]!.forEach((cell: PublishedCell, c) => {
        const truth = COUNTS[row.group]![c]!;
        if (truth > 0 && truth < 5) expect(cell).toEqual({ citizens: null, value: null, suppressed: true });
        if (!cell.suppressed) expect(cell.citizens).toBe(truth);
      }),
    );
    expect(table.rule).toMatch(/1–4 citizens/);
  });

  it('the attack: nothing the API returns pins a suppressed cell, by subtraction or by any combination of its totals', async () => {
    for (const indicator of ['contacts_per_citizen', 'first_contact_channel_share', 'repeat_use'] as const) {
      for (const by of ['municipality', 'centre'] as const) {
        for (const per of ['quarter', 'month'] as const) {
          const response = await t.app.inject(await get(`/research/indicators?indicator=${indicator}&by=${by}&per=${per}&year=2026`));
          const table = response.json() as IndicatorTable;
          if (table.rows.length === 0) continue;
          // Subtraction along each line: a line with one suppressed entry gives it away.
          const lines: PublishedCell[][] = [
            ...table.cells.map((row, r) => [...row, table.rowTotals[r]!]),
            ...table.columns.map((_, c) => [...table.cells.map((row) => row[c]!), table.columnTotals[c]!]),
            [...table.columnTotals, table.grandTotal],
            [...table.rowTotals, table.grandTotal],
          ];
          for (const line of lines) expect(line.filter((c) => c.suppressed).length, `${indicator} ${by} ${per}`).not.toBe(1);
          // The best attacker: the exact interval of every suppressed entry, from the published table alone.
          for (const interval of feasibleIntervals(asPublished(table), 'unlabelled')) {
            expect(interval.max, `${indicator} ${by} ${per} ${JSON.stringify(interval)}`).toBeGreaterThan(interval.min);
            expect(interval.max).toBeGreaterThanOrEqual(5);
          }
          // And no value of a suppressed entry is given.
          for (const cell of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.grandTotal]) if (cell.suppressed) expect(cell.value).toBeNull();
        }
      }
    }
  });

  it('gives the same table as CSV, formula-safe, with a byte-order mark', async () => {
    const response = await t.app.inject(await get('/research/indicators?indicator=contacts_per_citizen&by=municipality&per=quarter&year=2026&format=csv&numbers=en'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('contacts_per_citizen-municipality-quarter-2026.csv');
    expect(response.body.startsWith('\ufeff')).toBe(true);
    const lines = response.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Indicator,Municipality,Name,Period,Category,Citizens,Value,Status');
    expect(lines).toContain('contacts_per_citizen,101,København,2026-Q1,,20,1,');
    expect(lines).toContain('contacts_per_citizen,101,København,2026-Q2,,,,suppressed');
  });
});

describe('GET /research/baseline', () => {
  it('sets the synthetic example beside our figures, labelled as synthetic', async () => {
    const response = await t.app.inject(await get('/research/baseline?indicator=contacts_per_citizen&year=2024'));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.file).toEqual({ status: 'valid', synthetic: true, problems: [] });
    expect(body.comparisons.length).toBeGreaterThan(0);
    for (const c of body.comparisons) {
      expect(c.baseline.synthetic).toBe(true);
      expect(c.baseline.source).toMatch(/^SYNTHETIC/);
      // Nothing of ours in 2024: too few citizens, so no figure.
      expect(c.own).toEqual({ citizens: null, value: null, withheld: 'too_few_citizens' });
    }
    expect(body.definition.differs.en.length).toBeGreaterThan(10);
    const refused = await t.app.inject(await get('/research/baseline?indicator=contacts_per_citizen&year=2024', 'staff', centres['101']));
    expect(refused.statusCode).toBe(403);
  });
});

describe('the pages under /forskning', () => {
  class Browser extends InjectBrowser {
    constructor() {
      super(() => t.app, { 'accept-language': 'da' });
    }
  }
  async function signedIn(role: Role, centre = ''): Promise<Browser> {
    const browser = new Browser();
    const csrf = field((await browser.get('/log-ind')).body, '_csrf') ?? '';
    const answered = await browser.post('/log-ind', { _csrf: csrf, role, personId: `${role}-${newId().slice(-6)}`, centreId: centre });
    expect(answered.statusCode, answered.body).toBe(303);
    return browser;
  }

  it('are for researchers, administrators and auditors; others are refused, the signed-out sent to sign in', async () => {
    for (const role of ['researcher', 'admin', 'auditor'] as const) {
      const page = await (await signedIn(role)).get('/forskning?indikator=contacts_per_citizen&efter=kommune&per=kvartal&aar=2026');
      expect(page.statusCode, role).toBe(200);
      expect(page.body).toContain('Kontakter pr. borger');
      expect(page.body).toContain('København');
    }
    for (const role of ['staff', 'board_member'] as const) expect((await (await signedIn(role, centres['101'])).get('/forskning')).statusCode, role).toBe(403);
    for (const role of ['citizen', 'partner'] as const) expect((await (await signedIn(role)).get('/forskning')).statusCode, role).toBe(403);
    const signedOut = await new Browser().get('/forskning');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/log-ind');
  });

  it('refuse a bad choice with the error summary naming the field, and give the CSV of what they show', async () => {
    const researcher = await signedIn('researcher');
    const bad = await researcher.get('/forskning?indikator=sanktioner&aar=1999');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#indikator"');
    expect(bad.body).toContain('href="#aar"');
    const csv = await researcher.get('/forskning/indikatorer.csv?indikator=contacts_per_citizen&efter=kommune&per=kvartal&aar=2026');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('contacts_per_citizen;101;København;2026-Q1;;20;1;');
    expect(csv.body).toContain('contacts_per_citizen;101;København;2026-Q2;;;;diskretioneret');
  });

  it('show a suppressed cell as a mark, never its count', async () => {
    const page = await (await signedIn('researcher')).get('/forskning?indikator=contacts_per_citizen&efter=kommune&per=kvartal&aar=2026');
    const row = /<tr><th scope="row">København<\/th>([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
    expect(cells[1]).toContain('skjult af hensyn til diskretion');
    expect(cells[1]).not.toContain('(3)');
    expect(cells[0]).toContain('(20)');
  });
});
