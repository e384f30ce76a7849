/**
 * A national year, measured (issue 12): into a database of its own (`virkelyst_bench_national`,
 * dropped at the start) on BENCH_DATABASE_URL / DATABASE_URL / postgres://postgres@127.0.0.1:5432,
 * the demo generates `--centres 98 --months 12` through the deciders; then every read model is
 * built from the whole log (with the audit log's sealer), and `audit verify` checks the whole log.
 * Figures, not assertions: printed and written to bench/results/national.json.
 *
 *   tsx bench/national.ts [--centres N] [--months M] [--from YYYY-MM] [--seed S]
 *   (or BENCH_CENTRES / BENCH_MONTHS / BENCH_FROM / BENCH_SEED)
 *
 * Each step is a function of its own, so more steps (indicators, the budget roll-up, a research
 * export) can be added to `main` with the same context.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, type Database } from '../src/database/connect.js';
import { migrateToLatest } from '../src/database/migrate.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { projections } from '../src/projections/index.js';
import { auditSealer, signPendingHead } from '../src/audit/sealer.js';
import { type AuditKey, loadAuditKey } from '../src/audit/signing.js';
import { verifyDatabase } from '../src/audit/live.js';
import { Vault } from '../src/privacy/vault.js';
import { defaultFrom, generateDemo } from '../src/demo/generate.js';

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

/** A fresh database of its own on the server: dropped if it is there, made, migrated. */
export async function freshDatabase(name = 'virkelyst_bench_national'): Promise<NationalContext> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), { max: 4, applicationName: 'virkelyst-bench-national' });
  await migrateToLatest(database);
  const keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-national-'));
  const auditKey = await loadAuditKey(keyDir);
  return { database, store: new PostgresEventStore(database), auditKey, vault: new Vault(database, { kid: 'bench', key: randomBytes(32) }), results: {} };
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

/** Step 2: every read model and the audit sealer built from the whole log, as a first build (a full rebuild). */
export async function rebuild(ctx: NationalContext) {
  await sql`vacuum (analyze) events`.execute(ctx.database.db);
  const running = [...projections, auditSealer(ctx.auditKey, { every: 10_000, everyMs: SEAL_EVERY_MS })];
  const engine = new ProjectionEngine(ctx.database, ctx.store, running, { batchSize: 5000 });
  const { rows } = await sql<{ n: string }>`select count(*) as n from events`.execute(ctx.database.db);
  const events = Number(rows[0]?.n ?? 0);
  const started = Date.now();
  await engine.ensureBuilds();
  await engine.settle({ timeoutMs: 6 * 3_600_000 });
  const seconds = (Date.now() - started) / 1000;
  await signPendingHead(ctx.database.db, ctx.auditKey, SEAL_EVERY_MS);
  const builds = await engine.status();
  const figures = { events, readModels: builds.map((b) => b.name), seconds, eventsPerSecond: Math.round(events / seconds), failures: builds.filter((b) => b.failure).map((b) => `${b.name}: ${b.failure!.error}`) };
  ctx.results.rebuild = figures;
  console.log(`rebuild of ${builds.length} read models (with the audit sealer): ${events} events in ${seconds.toFixed(1)} s (${figures.eventsPerSecond} events/s)${figures.failures.length ? ` FAILURES: ${figures.failures.join('; ')}` : ''}`);
  return figures;
}

/** Step 3: `audit verify` of the whole log. */
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

export async function writeResults(ctx: NationalContext): Promise<void> {
  const file = path.join(import.meta.dirname, 'results', 'national.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, ...ctx.results }, null, 2) + '\n');
  console.log(`figures written to ${path.relative(process.cwd(), file)}`);
}

export async function main(): Promise<void> {
  const size = sizeFromArgs();
  const ctx = await freshDatabase();
  try {
    await generate(ctx, size);
    await rebuild(ctx);
    await verify(ctx);
    await writeResults(ctx);
  } finally {
    await ctx.store.close();
    await ctx.database.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) await main();
