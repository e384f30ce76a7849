/**
 * A study's export made from hand-made research facts: the rows hold only the study's fields,
 * coarsened (ISO week, month, whole weeks), the study's own pseudonyms, nothing outside its
 * period; CSV and Parquet written by DuckDB, typed and read back; the data dictionary.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyExportField } from '../src/domain/study/study.js';
import { NO_DETAILS, type ResearchFact } from '../src/research/facts.js';
import { studyPseudonymiser } from '../src/research/pseudonym.js';
import { dataDictionary, dictionaryMarkdown } from '../src/research/export/dictionary.js';
import { exportRow, isoWeek, rowColumns } from '../src/research/export/rows.js';
import { type FactPages, writeStudyExport } from '../src/research/export/writer.js';

const key = randomBytes(32);
const studyA = '0190f5f0-0000-7000-8000-0000000000a1';
const studyB = '0190f5f0-0000-7000-8000-0000000000b2';
const centreId = '0190f5f0-0000-7000-8000-00000000c001';
const citizens = ['0190f5f0-0000-7000-8000-0000000000e1', '0190f5f0-0000-7000-8000-0000000000e2', '0190f5f0-0000-7000-8000-0000000000e3'];
const period = { from: '2027-01-01', to: '2027-03-31' };

const fact = (over: Partial<ResearchFact>): ResearchFact => ({
  position: 1,
  citizenId: citizens[0]!,
  centreId,
  municipalityCode: '101',
  occurredAt: '2027-01-05T10:00:00.000+01:00',
  kind: 'first_contact',
  ...NO_DETAILS,
  channel: 'phone',
  ...over,
});

const facts: ResearchFact[] = [
  fact({ position: 1 }),
  fact({ position: 2, citizenId: citizens[1]!, channel: 'self_service', occurredAt: '2027-01-31T23:30:00.000Z' }), // 1 February in Denmark
  fact({ position: 3, kind: 'offer_made', channel: null, offerKind: 'coaching', offerSource: 'centre', occurredAt: '2027-02-10T09:00:00.000+01:00' }),
  fact({ position: 4, kind: 'offer_answered', channel: null, offerKind: 'coaching', offerSource: 'centre', answer: 'declined', occurredAt: '2027-02-11T09:00:00.000+01:00' }),
  fact({ position: 5, kind: 'participation_ended', channel: null, participationEnd: 'offer_completed', durationDays: 20, occurredAt: '2027-03-02T09:00:00.000+01:00' }),
  fact({ position: 6, citizenId: citizens[2]!, kind: 'outcome_reported', channel: null, outcomeKind: 'job', durationDays: 6, occurredAt: '2027-03-31T22:30:00.000Z' }), // 1 April in Denmark: outside
  fact({ position: 7, citizenId: citizens[2]!, occurredAt: '2026-12-31T22:59:00.000Z' }), // 31 December in Denmark: outside
  fact({ position: 8, citizenId: citizens[2]!, occurredAt: '2026-12-31T23:00:00.000Z' }), // 1 January in Denmark: inside
];
const study = (exportFields: StudyExportField[], studyId = studyA) => ({ studyId, title: 'Evaluering', purpose: 'At forstå brugen af huset', legalBasis: 'Databeskyttelseslovens § 10', period, exportFields });
async function* pages(all: readonly ResearchFact[], size = 3): FactPages {
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

let dir: string;
let duck: Awaited<ReturnType<typeof DuckDBInstance.create>>;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-study-test-'));
  duck = await DuckDBInstance.create(':memory:');
});
afterAll(async () => {
  duck.closeSync();
  await fs.rm(dir, { recursive: true, force: true });
});
const read = async (sqlText: string) => (await (await duck.connect()).runAndReadAll(sqlText)).getRowObjectsJS();

describe('a row of a study’s export', () => {
  const all: StudyExportField[] = ['citizen_pseudonym', 'centre_code', 'municipality_code', 'event_week', 'event_month', 'event_kind', 'channel', 'booked_by', 'offer_kind', 'offer_source', 'answer', 'participation_end', 'goal_category', 'outcome_kind', 'duration_weeks'];
  const pseudonym = studyPseudonymiser(key, studyA);

  it('holds the study’s fields only, in order: the pseudonym, codes, the week and month in Danish time, whole weeks', () => {
    expect(exportRow(facts[4]!, all, period, pseudonym)).toEqual([pseudonym(citizens[0]!), centreId, '101', '2027-W09', '2027-03', 'participation_ended', null, null, null, null, null, 'offer_completed', null, null, 2]);
    expect(exportRow(facts[1]!, ['event_month', 'channel'], period, pseudonym)).toEqual(['2027-02', 'self_service']);
    expect(rowColumns(['citizen_pseudonym', 'count']).map((c) => c.name)).toEqual(['citizen_pseudonym']);
  });

  it('leaves out facts outside the period, by the Danish day at both ends', () => {
    expect(exportRow(facts[5]!, all, period, pseudonym)).toBeUndefined();
    expect(exportRow(facts[6]!, all, period, pseudonym)).toBeUndefined();
    expect(exportRow(facts[7]!, ['event_month', 'event_week'], period, pseudonym)).toEqual(['2027-01', '2026-W53']);
  });

  it('gives ISO weeks across year ends', () => {
    expect(['2026-12-28', '2027-01-03', '2027-01-04', '2025-12-29', '2024-12-30', '2021-01-03', '2020-12-31'].map(isoWeek)).toEqual(['2026-W53', '2026-W53', '2027-W01', '2026-W01', '2025-W01', '2020-W53', '2020-W53']);
  });

  it('never passes on a value outside its column’s list: no free text reaches an export', () => {
    const odd = fact({ kind: 'offer_made', offerKind: 'Kirsten Hansen, tlf 12345678', channel: 'note: x' as never, municipalityCode: 'Nørrebro', centreId: 'a name' });
    expect(exportRow(odd, ['centre_code', 'municipality_code', 'channel', 'offer_kind'], period, pseudonym)).toEqual([null, null, null, null]);
  });
});

describe('the files of a study’s export', () => {
  it('writes typed, compressed Parquet sorted by its columns, with its dictionary in the file', async () => {
    const out = path.join(dir, 'parquet');
    const progress: number[] = [];
    const written = await writeStudyExport({ study: study(['citizen_pseudonym', 'event_month', 'event_kind', 'duration_weeks']), facts: pages(facts), pseudonym: studyPseudonymiser(key, studyA), format: 'parquet', dir: out, madeAt: '2027-04-02T10:00:00.000Z', onProgress: (p) => progress.push(p.facts) });
    expect(written).toMatchObject({ format: 'parquet', rows: 6, facts: 8 });
    expect(progress).toContain(8);
    const file = path.join(out, written.file);
    const schema = await read(`select name, type from parquet_schema('${file}') where name <> 'duckdb_schema'`);
    expect(schema).toEqual([
      { name: 'citizen_pseudonym', type: 'BYTE_ARRAY' },
      { name: 'event_month', type: 'BYTE_ARRAY' },
      { name: 'event_kind', type: 'BYTE_ARRAY' },
      { name: 'duration_weeks', type: 'INT32' },
    ]);
    const codecs = await read(`select distinct compression from parquet_metadata('${file}')`);
    expect(codecs).toEqual([{ compression: 'ZSTD' }]);
    const rows = await read(`select * from read_parquet('${file}')`);
    const p = studyPseudonymiser(key, studyA);
    const expected = [
      { citizen_pseudonym: p(citizens[0]!), event_month: '2027-01', event_kind: 'first_contact', duration_weeks: null },
      { citizen_pseudonym: p(citizens[1]!), event_month: '2027-02', event_kind: 'first_contact', duration_weeks: null },
      { citizen_pseudonym: p(citizens[0]!), event_month: '2027-02', event_kind: 'offer_made', duration_weeks: null },
      { citizen_pseudonym: p(citizens[0]!), event_month: '2027-02', event_kind: 'offer_answered', duration_weeks: null },
      { citizen_pseudonym: p(citizens[0]!), event_month: '2027-03', event_kind: 'participation_ended', duration_weeks: 2 },
      { citizen_pseudonym: p(citizens[2]!), event_month: '2027-01', event_kind: 'first_contact', duration_weeks: null },
    ];
    const order = (r: Record<string, unknown>) => JSON.stringify(Object.values(r));
    expect(rows).toEqual([...expected].sort((a, b) => (a.citizen_pseudonym < b.citizen_pseudonym ? -1 : a.citizen_pseudonym > b.citizen_pseudonym ? 1 : order(a) < order(b) ? -1 : 1)));
    const meta = await read(`select decode(key) as key, decode(value) as value from parquet_kv_metadata('${file}') where decode(key) like 'virkelyst.%'`);
    const dictionary = JSON.parse(String(meta.find((m) => m.key === 'virkelyst.dictionary')?.value));
    expect(dictionary.study).toMatchObject({ studyId: studyA, period });
    expect(dictionary.columns.map((c: { name: string }) => c.name)).toEqual(['citizen_pseudonym', 'event_month', 'event_kind', 'duration_weeks']);
  });

  it('writes CSV with a header that DuckDB reads back, and counts equal rows when the study asks for `count`', async () => {
    const out = path.join(dir, 'csv');
    const written = await writeStudyExport({ study: study(['municipality_code', 'event_kind', 'count']), facts: pages(facts, 2), pseudonym: studyPseudonymiser(key, studyA), format: 'csv', dir: out, madeAt: '2027-04-02T10:00:00.000Z' });
    const text = await fs.readFile(path.join(out, written.file), 'utf8');
    expect(text.split('\n')[0]).toBe('municipality_code,event_kind,count');
    const rows = await read(`select * from read_csv('${path.join(out, written.file)}', types = {'municipality_code': 'VARCHAR', 'count': 'INTEGER'})`);
    expect(rows).toEqual([
      { municipality_code: '101', event_kind: 'first_contact', count: 3 },
      { municipality_code: '101', event_kind: 'offer_answered', count: 1 },
      { municipality_code: '101', event_kind: 'offer_made', count: 1 },
      { municipality_code: '101', event_kind: 'participation_ended', count: 1 },
    ]);
    expect(written.rows).toBe(4);
    const total = await writeStudyExport({ study: study(['count']), facts: pages(facts), pseudonym: studyPseudonymiser(key, studyA), format: 'csv', dir: path.join(dir, 'total'), madeAt: '2027-04-02T10:00:00.000Z' });
    expect(await fs.readFile(path.join(dir, 'total', total.file), 'utf8')).toBe('count\n6\n');
  });

  it('gives two studies over the same citizens pseudonyms with no overlap', async () => {
    const fields: StudyExportField[] = ['citizen_pseudonym'];
    const [a, b] = await Promise.all(
      [studyA, studyB].map(async (id) => {
        const out = path.join(dir, `two-${id}`);
        const w = await writeStudyExport({ study: study(fields, id), facts: pages(facts), pseudonym: studyPseudonymiser(key, id), format: 'csv', dir: out, madeAt: '2027-04-02T10:00:00.000Z' });
        return new Set((await fs.readFile(path.join(out, w.file), 'utf8')).trim().split('\n').slice(1));
      }),
    );
    expect(a!.size).toBe(3);
    expect(b!.size).toBe(3);
    expect([...a!].filter((p) => b!.has(p))).toEqual([]);
  });
});

describe('the data dictionary', () => {
  it('names each column with its type and meaning, the period and how pseudonyms work', () => {
    const d = dataDictionary(study(['citizen_pseudonym', 'event_week', 'duration_weeks', 'count']), { file: 'study.parquet', format: 'parquet', madeAt: '2027-04-02T10:00:00.000Z', rows: 12 });
    expect(d.columns.map((c) => [c.name, c.type])).toEqual([
      ['citizen_pseudonym', 'VARCHAR'],
      ['event_week', 'VARCHAR'],
      ['duration_weeks', 'INTEGER'],
      ['count', 'INTEGER'],
    ]);
    const md = dictionaryMarkdown(d);
    for (const text of ['2027-01-01 to 2027-03-31', 'HMAC-SHA256', '`citizen_pseudonym`', 'the ISO week of the event', 'Rows: 12', 'cannot be joined on a person']) expect(md).toContain(text);
  });
});
