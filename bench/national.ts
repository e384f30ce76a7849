/**
 * A national year, measured (issue 12): into a database of its own (`virkelyst_bench_national`,
 * dropped at the start) on BENCH_DATABASE_URL / DATABASE_URL / postgres://postgres@127.0.0.1:5432,
 * the demo generates `--centres 98 --months 12` through the deciders; the audit log's sealer seals
 * it; every read model is built from the whole log, and `audit verify` checks the whole log.
 * Figures, not assertions: printed and written to bench/results/national.json (other sizes:
 * national-<centres>x<months>.json).
 *
 *   tsx bench/national.ts [--centres N] [--months M] [--from YYYY-MM] [--seed S]
 *   (or BENCH_CENTRES / BENCH_MONTHS / BENCH_FROM / BENCH_SEED)
 *
 * Then every indicator for every municipality (by quarter) and the WHO-5 table, the national budget
 * roll-up, and a research export of every field in CSV and Parquet. Each step is a function of its
 * own, with the same context.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, type Database } from '../src/database/connect.js';
import { migrateToLatest } from '../src/database/migrate.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../src/projections/engine/inline.js';
import { projections } from '../src/projections/index.js';
import { auditSealer, signPendingHead } from '../src/audit/sealer.js';
import { type AuditKey, loadAuditKey } from '../src/audit/signing.js';
import { verifyDatabase } from '../src/audit/live.js';
import { Vault } from '../src/privacy/vault.js';
import { defaultFrom, generateDemo } from '../src/demo/generate.js';
import { CommandHandler } from '../src/commands/handler.js';
import { studyDecider } from '../src/domain/study/decide.js';
import { STUDY_EXPORT_FIELD_NAMES, STUDY_INDICATORS } from '../src/domain/study/study.js';
import { newId } from '../src/ids.js';
import { nationalRollUp } from '../src/projections/budgets/queries.js';
import { indicatorTable } from '../src/projections/research/queries.js';
import { wellBeingTable } from '../src/projections/research/wellbeing.js';
import { makeStudyExport } from '../src/research/export/service.js';

export interface NationalContext {
  database: Database;
  store: PostgresEventStore;
  auditKey: AuditKey;
  vault: Vault;
  results: Record<string, unknown>;
}

export interface NationalSize {
  centres: number;
  months: number;
  from: string;
  seed: string;
}

const SEAL_EVERY_MS = 3_600_000;

function argument(name: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? process.env[env] ?? fallback;
}

export function sizeFromArgs(): NationalSize {
  const months = Number(argument('months', 'BENCH_MONTHS', '12'));
  return { centres: Number(argument('centres', 'BENCH_CENTRES', '98')), months, from: argument('from', 'BENCH_FROM', defaultFrom(months)), seed: argument('seed', 'BENCH_SEED', 'national') };
}

/**
 * A fresh database of its own on the server: dropped if it is there, made, migrated. With `reuse`,
 * the one a run before left (its generated log and built read models), for the query steps alone.
 */
export async function freshDatabase(name = 'virkelyst_bench_national', reuse = false): Promise<NationalContext> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!reuse) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), { max: 4, applicationName: 'virkelyst-bench-national' });
  await migrateToLatest(database);
  const keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-national-'));
  const auditKey = await loadAuditKey(keyDir);
  return { database, store: new PostgresEventStore(database), auditKey, vault: new Vault(database, { kid: 'bench', key: createHash('sha256').update('virkelyst bench national: a key for generated data only').digest() }), results: {} };
}

/** Step 1: the demo through the deciders, batched through the store. */
export async function generate(ctx: NationalContext, size: NationalSize) {
  const started = Date.now();
  let last = 0;
  const result = await generateDemo(ctx.store, size, {
    vault: ctx.vault,
    onProgress: (p) => {
      if (Date.now() - last < 5000 && p.week < p.weeks) return;
      last = Date.now();
      const s = (Date.now() - started) / 1000;
      process.stderr.write(`  week ${p.week}/${p.weeks}: ${p.written} events in ${s.toFixed(0)} s (${Math.round(p.written / s)} events/s)\n`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const figures = {
    ...size,
    events: result.writer.totals.events,
    commands: result.decided,
    streams: result.streams,
    transactions: result.writer.totals.batches,
    seconds,
    eventsPerSecond: Math.round(result.writer.totals.events / seconds),
    /** Where the time went (ms): the simulation and deciding in memory; command-id look-ups; sealing and building events; the appends. */
    ms: Object.fromEntries(Object.entries(result.writer.totals.ms).map(([k, v]) => [k, Math.round(v)])),
  };
  ctx.results.generate = figures;
  console.log(`generate ${size.centres} centres × ${size.months} months: ${figures.events} events, ${figures.streams} streams in ${seconds.toFixed(1)} s (${figures.eventsPerSecond} events/s); ms: ${JSON.stringify(figures.ms)}`);
  return figures;
}

/** Step 2: the audit log's sealer over the whole log (done once in a log's life, as events come; never rebuilt). */
export async function seal(ctx: NationalContext) {
  await sql`vacuum (analyze) events`.execute(ctx.database.db);
  const engine = new ProjectionEngine(ctx.database, ctx.store, [auditSealer(ctx.auditKey, { every: 10_000, everyMs: SEAL_EVERY_MS })], { batchSize: 5000 });
  const events = await eventCount(ctx);
  const started = Date.now();
  await engine.ensureBuilds();
  await engine.settle({ timeoutMs: 6 * 3_600_000 });
  await signPendingHead(ctx.database.db, ctx.auditKey, SEAL_EVERY_MS);
  const seconds = (Date.now() - started) / 1000;
  const figures = { events, seconds, eventsPerSecond: Math.round(events / seconds) };
  ctx.results.seal = figures;
  console.log(`audit sealer: ${events} events sealed in ${seconds.toFixed(1)} s (${figures.eventsPerSecond} events/s)`);
  return figures;
}

async function eventCount(ctx: NationalContext): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from events`.execute(ctx.database.db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Step 3: every read model built from the whole log, all at once, as a first build (a full
 * rebuild): the runner reads each page once for all of them and takes two batches at a time. Then
 * each read model's share: the time its batches took to apply (they overlap two by two).
 */
export async function rebuild(ctx: NationalContext) {
  const applyMs: Record<string, number> = {};
  const timed = projections.map((p) => ({
    ...p,
    async apply(...args: Parameters<typeof p.apply>) {
      const t0 = performance.now();
      await p.apply(...args);
      applyMs[p.name] = (applyMs[p.name] ?? 0) + performance.now() - t0;
    },
  }));
  const engine = new ProjectionEngine(ctx.database, ctx.store, timed, { batchSize: 5000 });
  const events = await eventCount(ctx);
  const started = Date.now();
  await engine.ensureBuilds();
  await engine.settle({ timeoutMs: 6 * 3_600_000 });
  const seconds = (Date.now() - started) / 1000;
  // The sealer's build is listed too (a build of no read model this engine runs): leave it out.
  const builds = (await engine.status()).filter((b) => b.mode !== 'unknown');
  const figures = {
    events,
    readModels: builds.map((b) => b.name),
    seconds,
    eventsPerSecond: Math.round(events / seconds),
    applySeconds: Object.fromEntries(Object.entries(applyMs).map(([name, ms]) => [name, Math.round(ms / 100) / 10])),
    failures: builds.filter((b) => b.failure).map((b) => `${b.name}: ${b.failure!.error}`),
  };
  ctx.results.rebuild = figures;
  console.log(
    `rebuild of ${builds.length} read models: ${events} events in ${seconds.toFixed(1)} s (${figures.eventsPerSecond} events/s); applying, s: ${JSON.stringify(figures.applySeconds)}${figures.failures.length ? ` FAILURES: ${figures.failures.join('; ')}` : ''}`,
  );
  return figures;
}

/** Step 4: `audit verify` of the whole log. */
export async function verify(ctx: NationalContext) {
  const started = Date.now();
  const report = await verifyDatabase(ctx.database, { publicKeyPem: ctx.auditKey.publicKeyPem, sealEveryMs: SEAL_EVERY_MS, pseudonym: ctx.auditKey.pseudonym });
  const seconds = (Date.now() - started) / 1000;
  const failed = report.checks.filter((c) => c.violations.length > 0).map((c) => ({ check: `${c.id} ${c.name}`, violations: c.violations.length, first: c.violations[0] }));
  const figures = { ok: report.ok, events: report.events, seconds, eventsPerSecond: Math.round(report.events / seconds), coverage: report.coverage, failed };
  ctx.results.verify = figures;
  console.log(`audit verify of ${report.events} events: ${report.ok ? 'ok' : `VIOLATIONS ${JSON.stringify(failed)}`} in ${seconds.toFixed(1)} s (${figures.eventsPerSecond} events/s)`);
  return { figures, report };
}

/** The years the generated period touches (by the log's acts). */
async function yearsOf(ctx: NationalContext): Promise<number[]> {
  const { rows } = await sql<{ y: number }>`select distinct extract(year from occurred_at at time zone 'Europe/Copenhagen')::int as y from rm.research_facts order by 1`.execute(ctx.database.db);
  return rows.map((r) => r.y);
}

/** Step 5: every indicator for every municipality, by quarter, for each year of the period; and the WHO-5 table. */
export async function indicators(ctx: NationalContext) {
  const years = await yearsOf(ctx);
  const started = Date.now();
  const each: Record<string, number> = {};
  for (const year of years) {
    for (const indicator of STUDY_INDICATORS) {
      const t0 = Date.now();
      await indicatorTable(ctx.database.db, { indicator, by: 'municipality', per: 'quarter', year });
      each[indicator] = (each[indicator] ?? 0) + (Date.now() - t0);
    }
  }
  const t0 = Date.now();
  let wellBeingMs: number | string;
  try {
    for (const year of years) await wellBeingTable(ctx.database.db, ctx.vault, { by: 'municipality', year });
    wellBeingMs = Date.now() - t0;
  } catch (error) {
    // A log generated under another master key (before the bench's key was fixed) cannot be opened.
    wellBeingMs = `not measured: ${(error as Error).name}`;
  }
  const seconds = (Date.now() - started) / 1000;
  const figures = { years, tables: years.length * STUDY_INDICATORS.length, seconds, msPerIndicator: each, wellBeingMs };
  ctx.results.indicators = figures;
  console.log(`indicators: ${figures.tables} tables (every municipality, by quarter) in ${seconds.toFixed(1)} s; the slowest ${Object.entries(each).sort((a, b) => b[1] - a[1])[0]?.join(' ')} ms; WHO-5 ${wellBeingMs} ms`);
  return figures;
}

/** Step 6: the national budget roll-up for each year. */
export async function rollUp(ctx: NationalContext) {
  const years = await yearsOf(ctx);
  const ms: Record<string, number> = {};
  for (const year of years) {
    const t0 = Date.now();
    await nationalRollUp(ctx.database.db as never, year);
    ms[year] = Date.now() - t0;
  }
  ctx.results.rollUp = { ms };
  console.log(`national roll-up: ${JSON.stringify(ms)} ms`);
  return ms;
}

/** Step 7: a study of the whole period with every export field but the WHO-5 score (timed with the WHO-5 table), exported as CSV and as Parquet. */
export async function researchExport(ctx: NationalContext) {
  // The studies' read model is inline: registering goes through a store that keeps it.
  const store = new PostgresEventStore(ctx.database, { inline: [inlineProjectionsHook(projections)] });
  const handler = new CommandHandler(store, { vault: ctx.vault });
  const admin = { id: 'bench-admin', role: 'admin' as const };
  const studyId = newId();
  const years = await yearsOf(ctx);
  await handler.handle(
    studyDecider,
    {
      type: 'RegisterStudy',
      principal: admin,
      now: new Date().toISOString(),
      data: { studyId, title: 'Benchmark', purpose: 'How long a national export takes.', period: { from: `${years[0]}-01-01`, to: `${years.at(-1)}-12-31` }, indicators: [], exportFields: STUDY_EXPORT_FIELD_NAMES.filter((f) => f !== 'wellbeing_score'), legalBasis: 'Benchmark on generated data.', researcherIds: [] },
    },
    { commandId: newId() },
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-export-'));
  const out: Record<string, { rows: number; seconds: number; bytes: number }> = {};
  try {
    for (const format of ['csv', 'parquet'] as const) {
      const t0 = Date.now();
      const made = await makeStudyExport({ db: ctx.database.db, handler, researchKey: randomBytes(32), vault: ctx.vault }, { principal: admin, studyId, format, dir });
      out[format] = { rows: made.rows, seconds: (Date.now() - t0) / 1000, bytes: (await fs.stat(made.path)).size };
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
    await store.close();
  }
  ctx.results.researchExport = out;
  console.log(`research export of every field but the WHO-5 score: ${Object.entries(out).map(([f, o]) => `${f} ${o.rows} rows in ${o.seconds.toFixed(1)} s (${(o.bytes / 1e6).toFixed(1)} MB)`).join('; ')}`);
  return out;
}

/** Each size's figures in a file of their own: `npm run bench`'s small run keeps the national one's. */
const resultsFile = (size: NationalSize) => path.join(import.meta.dirname, 'results', size.centres === 98 && size.months === 12 ? 'national.json' : `national-${size.centres}x${size.months}.json`);

export async function writeResults(ctx: NationalContext, size: NationalSize): Promise<void> {
  const file = resultsFile(size);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, ...ctx.results }, null, 2) + '\n');
  console.log(`figures written to ${path.relative(process.cwd(), file)}`);
}

export async function main(): Promise<void> {
  const size = sizeFromArgs();
  // BENCH_REUSE=1: only the query steps, on the log and read models the last run left.
  const reuse = process.env.BENCH_REUSE === '1';
  const ctx = await freshDatabase(undefined, reuse);
  try {
    if (reuse) {
      const file = resultsFile(size);
      const { at: _at, cpus: _cpus, ...before } = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
      Object.assign(ctx.results, before);
    } else {
      await generate(ctx, size);
      await seal(ctx);
      await rebuild(ctx);
      await verify(ctx);
    }
    await indicators(ctx);
    await rollUp(ctx);
    await researchExport(ctx);
    await writeResults(ctx, size);
  } finally {
    await ctx.store.close();
    await ctx.database.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) await main();
