/**
 * The leak scan of issue 12. Through the API, a distinct marker string goes into every personal
 * field a citizen's journey has (PERSONAL_FIELDS, and the staff's free-text topics besides); once
 * the read models have caught up, every research output is made — each study's export as CSV and
 * as Parquet, its data dictionary in both forms, the indicators in JSON and CSV, the researcher's
 * pages — and every byte of each is scanned for every marker. Parquet is compressed, so its raw
 * bytes are scanned and so is every value and every metadata entry read back through DuckDB.
 * The citizens' own ids are markers too: an output names a citizen only by a study's pseudonym.
 *
 * Besides: two studies over the same citizens share no pseudonym, and an erased citizen is in no
 * output. And the scan itself is shown to find a marker hidden in a compressed Parquet value, so
 * that it cannot pass by looking at nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { PERSONAL_FIELDS } from '../src/domain/journey/journey.js';
import { STUDY_EXPORT_FIELD_NAMES, STUDY_INDICATORS } from '../src/domain/study/study.js';
import { newId } from '../src/ids.js';
import { studyPseudonymiser } from '../src/research/pseudonym.js';
import { writeStudyExport } from '../src/research/export/writer.js';
import { createTestApp } from './support/app.js';
import { InjectBrowser } from './support/inject-browser.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let work: string;
let duck: DuckDBInstance;

/** A marker per personal field, `EventType.field`: distinct, and found nowhere by chance. */
const marker = (name: string) => `LEAK${randomBytes(6).toString('hex')}${name.replace(/\W/g, '')}`;
const MARKERS = {
  'JourneyStarted.alias': marker('alias'),
  'GoalStated.text': marker('goal'),
  'GoalRevised.text': marker('goalrevised'),
  'SessionRequested.wishes': marker('wishes'),
  'SessionHeld.informationGiven': marker('informationgiven'),
  'SessionHeld.nextSteps': marker('nextsteps'),
  'SessionHeld.notes': marker('notes'),
  'OfferMade.information': marker('offerinformation'),
  'OfferDeclined.reason': marker('declinereason'),
  'OutcomeRecorded.note': marker('outcomenote'),
  'ReferralMade.contact': marker('referralcontact'),
  'ReferralMade.message': marker('referralmessage'),
} as const;
/** Personal fields no string can be planted in, and why; every other personal field has a marker. */
const NOT_TEXT: Record<string, string> = { 'WellBeingAnswered.scores': 'five answers of 0–5, numbers: an export field list has no place for them' };
/** Free text that is not sealed, and still never belongs in research: the staff's topics of a conversation. */
const TOPIC = marker('topic');

const staffId = 'staff-leak-1';
const citizens = { a: newId(), b: newId(), erased: newId() };
const dates = { from: '2026-01-01', to: '2027-12-31' };
const allRowFields = STUDY_EXPORT_FIELD_NAMES.filter((f) => f !== 'count');
const studies: Record<'one' | 'two' | 'counted', string> = { one: '', two: '', counted: '' };
let admin: string;
let researcher: string;
let centreId: string;
/** A partner the citizens are referred to, sharing what they wrote for it. */
let partnerId: string;

const request = (token: string, method: 'GET' | 'POST', url: string, payload?: object): InjectOptions => ({
  method,
  url,
  headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'idempotency-key': newId() } : {}) },
  ...(payload ? { payload } : {}),
});
async function ok(token: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await t.app.inject(request(token, method, url, payload));
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response;
}
const json = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => (await ok(token, method, url, payload)).json();

/** A time `days` from now at 10:00 UTC. */
const day = (days: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, 10)).toISOString();
};

/** One citizen's journey with a marker in every personal field, through the API (the past conversation is booked on the command path: no time can be booked in the past through the API). */
async function markedJourney(citizenId: string, label: string) {
  const citizen = await t.token('citizen', undefined, citizenId);
  const staff = await t.token('staff', centreId, staffId);
  const m = (key: keyof typeof MARKERS) => `${MARKERS[key]}${label}`;
  const j = `/journeys/${citizenId}`;
  await ok(citizen, 'POST', '/journeys', { centreId, alias: m('JourneyStarted.alias') });
  const { goalId } = (await json(citizen, 'POST', `${j}/goals`, { text: m('GoalStated.text'), category: 'job' })).created;
  await ok(citizen, 'POST', `${j}/goals/${goalId}/revise`, { text: m('GoalRevised.text'), category: 'education' });
  await ok(citizen, 'POST', `${j}/session-requests`, { channel: 'video', wishes: m('SessionRequested.wishes') });
  const sessionId = newId();
  const handler = new CommandHandler(t.store, { vault: t.vault });
  const booking = { sessionId, staffId, start: day(-1), durationMinutes: 45, channel: 'phone' as const, openingHours: null };
  await handler.handle(journeyDecider, { type: 'BookSession', citizenId, principal: { id: citizenId, role: 'citizen' }, now: day(-2), data: booking }, { commandId: newId() });
  await ok(staff, 'POST', `${j}/sessions/${sessionId}/held`, {
    durationMinutes: 45,
    topics: [`${TOPIC}${label}`],
    informationGiven: m('SessionHeld.informationGiven'),
    nextSteps: m('SessionHeld.nextSteps'),
    notes: m('SessionHeld.notes'),
  });
  const declined = (await json(staff, 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: m('OfferMade.information') })).created.offerId;
  await ok(citizen, 'POST', `${j}/offers/${declined}/decline`, { reason: m('OfferDeclined.reason') });
  const accepted = (await json(staff, 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: `${m('OfferMade.information')}b` })).created.offerId;
  await ok(citizen, 'POST', `${j}/offers/${accepted}/consent`, {});
  await ok(citizen, 'POST', `${j}/offers/${accepted}/participation/start`, {});
  await ok(citizen, 'POST', `${j}/offers/${accepted}/withdraw`, {});
  await ok(citizen, 'POST', `${j}/outcomes`, { kind: 'job', note: m('OutcomeRecorded.note') });
  const until = day(60).slice(0, 10);
  await ok(citizen, 'POST', `${j}/referrals`, { partnerId, purpose: 'introduction', fields: ['contact', 'message'], until, contact: m('ReferralMade.contact'), message: m('ReferralMade.message') });
}

/** Every marker, and every citizen's own id: none may be in a research output. */
const needles = () => [...Object.values(MARKERS), TOPIC, ...Object.values(citizens)];

/** The markers found in these bytes (as UTF-8, the only encoding the outputs are written in). */
const found = (bytes: Buffer | string) => {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return needles().filter((n) => buffer.includes(Buffer.from(n, 'utf8')));
};

/** A Parquet file's values and metadata, read back through DuckDB, as one text to scan. */
async function parquetText(file: string): Promise<string> {
  const connection = await duck.connect();
  try {
    const columns = (await connection.runAndReadAll(`select name from parquet_schema('${file}') where name <> 'duckdb_schema'`)).getRowObjectsJS().map((r) => String(r.name));
    const values = columns.length === 0 ? [] : (await connection.runAndReadAll(`select ${columns.map((c) => `cast("${c}" as varchar)`).join(', ')} from read_parquet('${file}')`)).getRows().flat();
    const meta = (await connection.runAndReadAll(`select decode(key) as k, decode(value) as v from parquet_kv_metadata('${file}')`)).getRows().flat();
    return [...columns, ...values.map(String), ...meta.map(String)].join('\n');
  } finally {
    connection.closeSync();
  }
}

/** Every research output, by name, with its bytes (Parquet: also its values read back). */
const outputs = new Map<string, Buffer | string>();
const pseudonymsIn = new Map<string, Set<string>>();

beforeAll(async () => {
  t = await createTestApp();
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-leak-'));
  duck = await DuckDBInstance.create(':memory:');
  admin = await t.token('admin', undefined, 'admin-leak');
  researcher = await t.token('researcher', undefined, 'forsker-leak');
  centreId = (await json(admin, 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' })).centreId;
  const staffToken = await t.token('staff', centreId, staffId);
  partnerId = (await json(staffToken, 'POST', '/partners', { centreId, kind: 'volunteer_organisation', name: 'Nørrebro Frivilligcenter', contact: { name: 'Ali Hassan' } })).partnerId as string;
  // In the centre's network by an agreement in force: only such a partner is referred to.
  await ok(staffToken, 'POST', `/partners/${partnerId}/agreements`, {
    centreId,
    scope: 'Frivilligt arbejde.',
    offerKinds: ['experience_forum'],
    startDate: day(-30).slice(0, 10),
    endDate: day(300).slice(0, 10),
    documentSha256: 'ab'.repeat(32),
    signatories: [
      { side: 'partner', name: 'Ali Hassan' },
      { side: 'centre', name: 'Jens Jensen' },
    ],
  });
  await t.engine.settle();
  await markedJourney(citizens.a, 'a');
  await markedJourney(citizens.b, 'b');
  await markedJourney(citizens.erased, 'erased');
  await ok(admin, 'POST', `/admin/citizens/${citizens.erased}/erase`, {});
  const register = async (title: string, exportFields: readonly string[]) =>
    (await json(admin, 'POST', '/studies', { title, purpose: 'At forstå brugen af huset.', period: dates, indicators: [...STUDY_INDICATORS], exportFields, legalBasis: 'Databeskyttelseslovens § 10.', researcherIds: ['forsker-leak'] })).studyId as string;
  studies.one = await register('Første studie', allRowFields);
  studies.two = await register('Andet studie', allRowFields);
  studies.counted = await register('Optalt studie', STUDY_EXPORT_FIELD_NAMES.filter((f) => f !== 'citizen_pseudonym'));
  await t.engine.settle();

  // Every study's export in both formats, and its dictionary in both forms.
  for (const [name, studyId] of Object.entries(studies)) {
    for (const format of ['csv', 'parquet'] as const) {
      const response = await ok(researcher, 'GET', `/research/studies/${studyId}/export?format=${format}`);
      outputs.set(`${name}.${format}`, response.rawPayload);
      if (format === 'parquet') {
        const file = path.join(work, `${name}.parquet`);
        await fs.writeFile(file, response.rawPayload);
        outputs.set(`${name}.parquet read back`, await parquetText(file));
      }
      if (format === 'csv' && name !== 'counted') pseudonymsIn.set(name, new Set(response.body.trim().split('\n').slice(1).map((line) => line.split(',')[0]!)));
    }
    for (const format of ['md', 'json']) outputs.set(`${name}.dictionary.${format}`, (await ok(researcher, 'GET', `/research/studies/${studyId}/dictionary?format=${format}`)).rawPayload);
  }
  // The indicators (the API and its CSV) and the researcher's pages.
  const year = new Date().getUTCFullYear();
  for (const indicator of STUDY_INDICATORS) {
    for (const by of ['centre', 'municipality']) {
      outputs.set(`indicators ${indicator} ${by}`, (await ok(researcher, 'GET', `/research/indicators?indicator=${indicator}&by=${by}&per=month&year=${year}`)).rawPayload);
      outputs.set(`indicators ${indicator} ${by} csv`, (await ok(researcher, 'GET', `/research/indicators?indicator=${indicator}&by=${by}&per=month&year=${year}&format=csv`)).rawPayload);
    }
    outputs.set(`baseline ${indicator}`, (await ok(researcher, 'GET', `/research/baseline?indicator=${indicator}&year=${year}`)).rawPayload);
  }
  outputs.set('definitions', (await ok(researcher, 'GET', '/research/definitions')).rawPayload);
  outputs.set('studies', (await ok(researcher, 'GET', '/studies')).rawPayload);
  const browser = new InjectBrowser(() => t.app);
  await browser.get('/log-ind');
  const signedIn = await browser.post('/log-ind', { _csrf: browser.lastCsrf, role: 'researcher', personId: 'forsker-leak', centreId: '' });
  expect(signedIn.statusCode, signedIn.body).toBe(303);
  const pages = ['/forskning', '/forskning/studier', ...Object.values(studies).map((id) => `/forskning/studier/${id}`)];
  for (const indicator of STUDY_INDICATORS) pages.push(`/forskning?indikator=${indicator}&efter=center&per=maaned&aar=${year}`, `/forskning/indikatorer.csv?indikator=${indicator}&efter=kommune&per=maaned&aar=${year}`);
  for (const page of pages) {
    const response = await browser.get(page);
    expect(response.statusCode, `${page}: ${response.body.slice(0, 300)}`).toBe(200);
    outputs.set(`page ${page}`, response.rawPayload);
  }
  // The downloads the researcher's pages give: the same export, made through the web, and the dictionary.
  for (const [name, studyId] of Object.entries(studies)) {
    const studyPage = await browser.get(`/forskning/studier/${studyId}`);
    for (const format of ['csv', 'parquet'] as const) {
      const download = await browser.submit(studyPage, `/forskning/studier/${studyId}/eksport`, { format });
      expect(download.statusCode, download.body.slice(0, 300)).toBe(200);
      outputs.set(`web ${name}.${format}`, download.rawPayload);
      if (format === 'parquet') {
        const file = path.join(work, `web-${name}.parquet`);
        await fs.writeFile(file, download.rawPayload);
        outputs.set(`web ${name}.parquet read back`, await parquetText(file));
      }
    }
    outputs.set(`web ${name}.dictionary`, (await browser.get(`/forskning/studier/${studyId}/datadokumentation`)).rawPayload);
  }
}, 120_000);
afterAll(async () => {
  duck?.closeSync();
  await fs.rm(work, { recursive: true, force: true });
  await t.close();
});

describe('the leak scan', () => {
  it('plants a marker in every personal field the journey has', () => {
    const personal = Object.entries(PERSONAL_FIELDS).flatMap(([type, fields]) => fields.map((f) => `${type}.${f}`));
    const covered = [...Object.keys(MARKERS), ...Object.keys(NOT_TEXT).filter((k) => personal.includes(k))];
    expect(covered.sort()).toEqual(personal.sort());
    expect(new Set(needles()).size).toBe(needles().length);
  });

  it('finds no marker and no citizen id in any byte of any research output', () => {
    // The outputs are really there: each study's rows, both formats, the indicators and the pages.
    expect(outputs.size).toBeGreaterThan(40);
    const leaks = [...outputs].flatMap(([name, bytes]) => found(bytes).map((needle) => `${name}: ${needle}`));
    expect(leaks).toEqual([]);
  });

  it('has the citizens in the exports, by pseudonyms of each study alone: two studies share none', () => {
    const one = pseudonymsIn.get('one')!;
    const two = pseudonymsIn.get('two')!;
    const a = (studyId: string) => studyPseudonymiser(t.researchKey, studyId)(citizens.a);
    expect(one).toEqual(new Set([a(studies.one), studyPseudonymiser(t.researchKey, studies.one)(citizens.b)]));
    expect(two.size).toBe(2);
    expect([...one].filter((p) => two.has(p))).toEqual([]);
  });

  it('leaves the erased citizen out of every output, also by their pseudonym', () => {
    const theirs = Object.values(studies).map((id) => studyPseudonymiser(t.researchKey, id)(citizens.erased));
    const seen = [...outputs].flatMap(([name, bytes]) => theirs.filter((p) => (typeof bytes === 'string' ? bytes.includes(p) : bytes.includes(Buffer.from(p)))).map((p) => `${name}: ${p}`));
    expect(seen).toEqual([]);
  });

  it('would find a marker that reached a compressed Parquet value, or a CSV', async () => {
    // The scan is only worth something if it can fail: a file made with a marker in it.
    const planted = MARKERS['OutcomeRecorded.note'];
    const dir = path.join(work, 'planted');
    const written = await writeStudyExport({
      study: { studyId: studies.one, title: 'x', purpose: 'x', legalBasis: 'x', period: dates, exportFields: ['citizen_pseudonym', 'event_kind'] },
      facts: (async function* () {
        yield Array.from({ length: 500 }, (_, i) => ({ position: i, citizenId: `c${i % 7}`, centreId, municipalityCode: '101', occurredAt: day(0), kind: 'first_contact' as const, channel: null, bookedBy: null, offerKind: null, offerSource: null, answer: null, participationEnd: null, goalCategory: null, outcomeKind: null, durationDays: null }));
      })(),
      pseudonym: (id) => (id === 'c3' ? planted : id),
      format: 'parquet',
      dir,
      madeAt: day(0),
    });
    const file = path.join(dir, written.file);
    expect(found(await parquetText(file))).toEqual([planted]);
    expect(found(`event_kind,citizen\nfirst_contact,${planted}\n`)).toEqual([planted]);
  });
});
