/**
 * `virkelyst research export`: a study's data file and its dictionary written into a directory,
 * the export on record as the operator's; a study that is not open is refused and nothing written.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandHandler } from '../src/commands/handler.js';
import { connect, type Database } from '../src/database/connect.js';
import { migrateToLatest } from '../src/database/migrate.js';
import { centreDecider } from '../src/domain/centre/decide.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { studyDecider } from '../src/domain/study/decide.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { loadMasterKey, Vault } from '../src/privacy/vault.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../src/projections/engine/inline.js';
import { projections } from '../src/projections/index.js';
import { researchRootKey, studyPseudonymiser } from '../src/research/pseudonym.js';
import { createTestDatabaseUrl } from './support/database.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let dataDir: string;
let out: string;
let db: { url: string; drop: () => Promise<void> };
let database: Database;
let store: PostgresEventStore;
const studyId = newId();
const closedId = newId();
const citizenId = newId();
const admin = { id: 'admin-1', role: 'admin' as const };
const now = () => new Date().toISOString();

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'virkelyst.mjs'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, VIRKELYST_DATA_DIR: dataDir, TEST_DATABASE_URL: undefined } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-research-cli-'));
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-research-out-'));
  db = await createTestDatabaseUrl('vt_research_cli');
  database = connect(db.url);
  await migrateToLatest(database);
  store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(projections)] });
  const engine = new ProjectionEngine(database, store, projections);
  await engine.ensureBuilds();
  const handler = new CommandHandler(store, { vault: new Vault(database, await loadMasterKey(dataDir)) });
  const centreId = newId();
  await handler.handle(centreDecider, { type: 'EstablishCentre', now: now(), principal: admin, data: { centreId, municipalityCode: '751', name: 'Virkelyst Aarhus' } }, { commandId: newId() });
  await handler.handle(journeyDecider, { type: 'StartJourney', citizenId, now: now(), principal: { id: citizenId, role: 'citizen' }, data: { journeyId: newId(), centreId, firstContact: 'self_service', centreKnown: true } }, { commandId: newId() });
  const registration = (id: string) => ({
    type: 'RegisterStudy' as const,
    now: now(),
    principal: admin,
    data: { studyId: id, title: 'Kanaler', purpose: 'Hvordan borgere kontakter huset.', period: { from: '2020-01-01', to: '2035-12-31' }, indicators: [], exportFields: ['citizen_pseudonym', 'municipality_code', 'event_kind', 'channel'], legalBasis: 'Databeskyttelseslovens § 10.', researcherIds: [] },
  });
  await handler.handle(studyDecider, registration(studyId), { commandId: newId() });
  await handler.handle(studyDecider, registration(closedId), { commandId: newId() });
  await handler.handle(studyDecider, { type: 'CloseStudy', now: now(), principal: admin, data: { studyId: closedId } }, { commandId: newId() });
  await engine.stop();
}, 60_000);
afterAll(async () => {
  await store.close();
  await database.close();
  await db.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(out, { recursive: true, force: true });
});

describe('virkelyst research export', () => {
  it('writes the data file and its dictionary into the directory, and records the export as the operator’s', async () => {
    const dir = path.join(out, 'csv');
    const result = await cli('research', 'export', '--study', studyId, '--format', 'csv', dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`1 rows written to ${path.join(dir, `study-${studyId}.csv`)}`);
    expect((await fs.readdir(dir)).sort()).toEqual(['dictionary.json', 'dictionary.md', `study-${studyId}.csv`]);
    const pseudonym = studyPseudonymiser(researchRootKey((await loadMasterKey(dataDir)).key), studyId)(citizenId);
    expect(await fs.readFile(path.join(dir, `study-${studyId}.csv`), 'utf8')).toBe(`citizen_pseudonym,municipality_code,event_kind,channel\n${pseudonym},751,first_contact,self_service\n`);
    const dictionary = JSON.parse(await fs.readFile(path.join(dir, 'dictionary.json'), 'utf8'));
    expect(dictionary.export).toMatchObject({ file: `study-${studyId}.csv`, format: 'csv', rows: 1 });
    expect(await fs.readFile(path.join(dir, 'dictionary.md'), 'utf8')).toContain('`municipality_code`');
    const recorded = (await store.readStream(`study-${studyId}`)).filter((e) => e.type === 'StudyExported');
    expect(recorded).toEqual([expect.objectContaining({ data: { studyId, format: 'csv', rows: 1 }, metadata: expect.objectContaining({ actor: { id: `operator:${os.userInfo().username}`, role: 'admin' } }) })]);
  });

  it('writes Parquet', async () => {
    const dir = path.join(out, 'parquet');
    const result = await cli('research', 'export', '--study', studyId, dir);
    expect(result.code, result.stderr).toBe(0);
    const bytes = await fs.readFile(path.join(dir, `study-${studyId}.parquet`));
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
  });

  it('refuses a closed or unknown study, writing nothing', async () => {
    for (const id of [closedId, newId()]) {
      const dir = path.join(out, `refused-${id}`);
      const result = await cli('research', 'export', '--study', id, '--format', 'csv', dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('study_not_found');
      await expect(fs.readdir(dir)).rejects.toThrow();
    }
  });
});
