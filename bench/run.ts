/**
 * `npm run bench`: throughput figures on one PostgreSQL in one run, for Virkelyst's store, Emmett's
 * PostgreSQL event store and plain SQL inserts. Figures, not pass/fail; written to
 * bench/results/latest.json. BENCH_DATABASE_URL (or TEST_DATABASE_URL / DATABASE_URL) names the
 * server; otherwise an embedded PostgreSQL is started for the run.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { CommandHandler } from '../src/commands/handler.js';
import { connect, type Database } from '../src/database/connect.js';
import { startEmbeddedPostgres } from '../src/database/embedded.js';
import { migrateToLatest } from '../src/database/migrate.js';
import { centreDecider } from '../src/domain/centre/decide.js';
import { BUDGET_EVENT_SCHEMA_VERSIONS } from '../src/domain/budget/budget.js';
import type { NewEvent } from '../src/eventstore/port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { projections } from '../src/projections/index.js';
import { auditSealer } from '../src/audit/sealer.js';
import { loadAuditKey } from '../src/audit/signing.js';
import { LOG_COPY, openAuditSnapshot } from '../src/audit/source.js';
import { to as copyTo } from 'pg-copy-streams';
import { verifyLog } from '../src/audit/verify.js';
import { exportBundle } from '../src/audit/bundle.js';
import { spawnSync } from 'node:child_process';
import { centreBudgetsAsOf } from '../src/projections/budgets/queries.js';

const SINGLE = Number(process.env.BENCH_SINGLE ?? 3000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 8000);
const WRITERS = 8;
const BATCH = 500;
const IMPORT = Number(process.env.BENCH_IMPORT ?? 100_000);
const REBUILD = Number(process.env.BENCH_REBUILD ?? 200_000);
const VERIFY = Number(process.env.BENCH_VERIFY ?? 1_000_000);

type Appender = (stream: string, count: number, expected: number) => Promise<void>;

interface Contender {
  name: string;
  append: Appender;
  close(): Promise<void>;
}

const metadata = () => {
  const commandId = newId();
  return { actor: { id: commandId, role: 'staff' }, correlationId: commandId, causationId: commandId, commandId, occurredAt: new Date().toISOString() };
};
const payload = (i: number) => ({ centreId: newId(), note: `benchmark event ${i}`, amount: i * 100 });

async function virkelyst(url: string): Promise<Contender & { database: Database; store: PostgresEventStore }> {
  const database = connect(url, { max: WRITERS + 2 });
  await migrateToLatest(database);
  const store = new PostgresEventStore(database);
  return {
    name: 'virkelyst',
    database,
    store,
    append: async (stream, count, expected) => {
      const events: NewEvent[] = Array.from({ length: count }, (_, i) => ({
        eventId: newId(),
        type: 'BenchmarkRecorded',
        schemaVersion: 1,
        data: payload(i),
        metadata: metadata(),
      }));
      await store.append(stream, events, { expectedVersion: expected, commandId: newId() });
    },
    close: async () => {
      await store.close();
      await database.close();
    },
  };
}

async function emmett(url: string): Promise<Contender> {
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true } } as never);
  await store.schema.migrate();
  return {
    name: 'emmett',
    append: async (stream, count, expected) => {
      const events = Array.from({ length: count }, (_, i) => ({ type: 'BenchmarkRecorded', data: payload(i), metadata: metadata() }));
      await store.appendToStream(stream, events, { expectedStreamVersion: BigInt(expected) } as never);
    },
    close: () => store.close(),
  };
}

async function plain(url: string): Promise<Contender> {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
  await pool.query(`create table if not exists plain_events (
    global_position bigint generated always as identity primary key, stream_id text not null, stream_version bigint not null,
    event_id uuid not null unique, event_type text not null, data jsonb not null, metadata jsonb not null,
    recorded_at timestamptz not null default now(), unique (stream_id, stream_version))`);
  return {
    name: 'plain SQL',
    append: async (stream, count, expected) => {
      await pool.query({
        name: 'plain_insert',
        text: `insert into plain_events (stream_id, stream_version, event_id, event_type, data, metadata)
               select $1, $2 + u.ord, u.id, 'BenchmarkRecorded', u.d, u.m
                 from unnest($3::uuid[], $4::jsonb[], $5::jsonb[]) with ordinality as u(id, d, m, ord)`,
        values: [
          stream,
          expected,
          Array.from({ length: count }, () => newId()),
          Array.from({ length: count }, (_, i) => JSON.stringify(payload(i))),
          Array.from({ length: count }, () => JSON.stringify(metadata())),
        ],
      });
    },
    close: () => pool.end(),
  };
}

async function timed(work: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const events = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(events / seconds);
}

async function single(c: Contender): Promise<number> {
  return timed(async () => {
    const streams = 100;
    const versions = new Array<number>(streams).fill(0);
    for (let i = 0; i < SINGLE; i++) {
      const s = i % streams;
      await c.append(`single-${c.name}-${s}`, 1, versions[s]!);
      versions[s]!++;
    }
    return SINGLE;
  });
}

async function concurrent(c: Contender): Promise<number> {
  return timed(async () => {
    const per = Math.floor(CONCURRENT / WRITERS);
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let v = 0; v < per; v++) await c.append(`writer-${c.name}-${w}`, 1, v);
      }),
    );
    return per * WRITERS;
  });
}

async function batched(c: Contender): Promise<number> {
  return timed(async () => {
    const appends = Math.floor(IMPORT / BATCH);
    for (let i = 0; i < appends; i++) await c.append(`import-${c.name}-${i}`, BATCH, 0);
    return appends * BATCH;
  });
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/**
 * A decade of one centre's budgets: per year an annual budget (40 lines, amendments, approval,
 * enactment, monthly spending on every line, reallocations) and a five-year development budget.
 */
async function seedCentreBudgets(store: PostgresEventStore, centreId: string, years = 10): Promise<number> {
  let written = 0;
  const e = (type: keyof typeof BUDGET_EVENT_SCHEMA_VERSIONS, data: object): NewEvent => ({ eventId: newId(), type, schemaVersion: BUDGET_EVENT_SCHEMA_VERSIONS[type], data, metadata: { ...metadata(), centreId } });
  for (let y = 0; y < years; y++) {
    for (const kind of ['annual', 'development'] as const) {
      const fiscalYear = 2027 + y;
      const budgetId = newId();
      const yearsOf = kind === 'annual' ? [fiscalYear] : [0, 1, 2, 3, 4].map((k) => fiscalYear + k);
      const amounts = (n: number) => Object.fromEntries(yearsOf.map((yr) => [yr, n * 100_00]));
      const lines = Array.from({ length: 40 }, () => newId());
      const events: NewEvent[] = [e('BudgetDrafted', { budgetId, centreId, fiscalYear, kind, years: yearsOf })];
      let version = 0;
      // Three expenditure accounts and one revenue account, in turn.
      const accounts = [['18', 'expenditure'], ['22', 'expenditure'], ['46', 'expenditure'], ['21', 'revenue']] as const;
      lines.forEach((lineId, i) => {
        const [standardAccount, nature] = accounts[i % accounts.length]!;
        events.push(e('BudgetLineProposed', { budgetId, lineId, financeAccount: '17411210', standardAccount, nature, description: `Linje ${i}`, amounts: amounts(1000 + i), version: ++version }));
      });
      lines.slice(0, kind === 'annual' ? 20 : 10).forEach((lineId, i) => events.push(e('BudgetLineAmended', { budgetId, lineId, description: `Linje ${i} (ændret)`, amounts: amounts(1100 + i), version: ++version })));
      events.push(e('BudgetApproved', { budgetId, version, resolutionId: newId() }), e('BudgetSubmitted', { budgetId, version }));
      events.push(e('BudgetEnacted', { budgetId, lines: lines.map((lineId) => ({ lineId, amounts: amounts(1000) })) }));
      if (kind === 'annual') {
        for (let month = 1; month <= 12; month++) {
          const on = `${fiscalYear}-${String(month).padStart(2, '0')}-28`;
          lines.forEach((lineId, i) => {
            const spendingId = newId();
            events.push(e('SpendingRecorded', { budgetId, spendingId, lineId, amountOre: 80_00, on, voucher: `${on}-${i}`, text: `Bilag ${i}`, overspendReason: null }));
            // One entry in ten is corrected in part.
            if (i % 10 === 0) events.push(e('SpendingCorrected', { budgetId, correctionId: newId(), spendingId, lineId, amountOre: 5_00, on, voucher: `K-${on}-${i}`, text: 'Kreditnota' }));
          });
        }
        for (let k = 0; k < 5; k++) events.push(e('BudgetReallocated', { budgetId, resolutionId: newId(), fromLineId: lines[k]!, toLineId: lines[k + 1]!, year: fiscalYear, amountOre: 10_00 }));
      }
      await store.append(`budget-${budgetId}`, events, { expectedVersion: 'no_stream' });
      written += events.length;
    }
  }
  return written;
}

/** Centre events to rebuild from: establishments and renames, imported in batches. */
async function seedCentreEvents(store: PostgresEventStore, total: number): Promise<number> {
  const perCentre = 10;
  const centres = Math.floor(total / perCentre);
  let written = 0;
  let batch: { stream: string; events: NewEvent[] }[] = [];
  const flush = async () => {
    await Promise.all(batch.map((b) => store.append(b.stream, b.events, { expectedVersion: 'no_stream' })));
    batch = [];
  };
  for (let c = 0; c < centres; c++) {
    const centreId = newId();
    const events: NewEvent[] = [
      {
        eventId: newId(),
        type: 'CentreEstablished',
        schemaVersion: 1,
        data: { centreId, municipalityCode: '101', name: `Centre ${c}`, openingHours: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] } },
        metadata: { ...metadata(), centreId },
      },
      ...Array.from({ length: perCentre - 1 }, (_, r) => ({
        eventId: newId(),
        type: 'CentreRenamed',
        schemaVersion: 1,
        data: { centreId, name: `Centre ${c} rename ${r}` },
        metadata: { ...metadata(), centreId },
      })),
    ];
    batch.push({ stream: `centre-${centreId}`, events });
    written += events.length;
    if (batch.length >= 50) await flush();
  }
  await flush();
  return written;
}

async function main() {
  let adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-'));
    const embedded = await startEmbeddedPostgres({ dataDir });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const server = new URL(adminUrl);
  console.log(`PostgreSQL at ${server.hostname}:${server.port || 5432}; ${os.cpus().length} cores; Node ${process.version}`);
  const names = { virkelyst: 'vbench_virkelyst', emmett: 'vbench_emmett', plain: 'vbench_plain' };
  const results: Record<string, Record<string, number>> = {};
  const contenders = [
    await virkelyst(await createDatabase(adminUrl, names.virkelyst)),
    await emmett(await createDatabase(adminUrl, names.emmett)),
    await plain(await createDatabase(adminUrl, names.plain)),
  ];
  const scenarios: [string, (c: Contender) => Promise<number>][] = [
    [`single-event appends, one at a time (${SINGLE})`, single],
    [`${WRITERS} concurrent writers, own streams (${CONCURRENT})`, concurrent],
    [`batched import, ${BATCH} events per append (${IMPORT})`, batched],
  ];
  for (const [label, run] of scenarios) {
    results[label] = {};
    for (const c of contenders) {
      results[label]![c.name] = await run(c);
      console.log(`${label.padEnd(52)} ${c.name.padEnd(10)} ${String(results[label]![c.name]).padStart(8)} events/s`);
    }
  }

  const v = contenders[0] as Awaited<ReturnType<typeof virkelyst>>;
  const handler = new CommandHandler(v.store);
  const commands = Math.min(SINGLE, 2000);
  const commandRate = await timed(async () => {
    for (let i = 0; i < commands; i++) {
      const command = { municipalityCode: '101', name: `Bench ${i}`, centreId: newId() };
      await handler.handle(centreDecider, { type: 'EstablishCentre', now: new Date().toISOString(), principal: { id: 'bench', role: 'admin' }, data: command }, { commandId: newId() });
    }
    return commands;
  });
  // Idempotency look-up, stream read, decide, append: three round trips per command.
  console.log(`${'full command path: EstablishCentre, one at a time'.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(commandRate).padStart(8)} commands/s`);

  const seeded = await seedCentreEvents(v.store, REBUILD);
  const { rows } = await sql<{ n: string }>`select count(*) as n from events`.execute(v.database.db);
  const total = Number(rows[0]!.n);
  const readRate = await timed(async () => {
    let checkpoint;
    let read = 0;
    for (;;) {
      const page = await v.store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), maxCount: 5000 });
      read += page.events.length;
      if (page.events.length === 0) return read;
      checkpoint = page.checkpoint;
    }
  });
  console.log(`${`reading all events in order (${total})`.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(readRate).padStart(8)} events/s`);

  const engine = new ProjectionEngine(v.database, v.store, projections, { batchSize: 5000 });
  await engine.ensureBuilds();
  await engine.catchUp();
  await engine.startRebuild('centres');
  const rebuildRate = await timed(async () => {
    await engine.catchUp();
    return seeded;
  });
  console.log(`${`projection rebuild: centres (${seeded} centre events)`.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(rebuildRate).padStart(8)} events/s`);

  // Governance: replay a centre's whole budget history (every budget, folded to a moment).
  const budgetCentre = newId();
  const budgetEvents = await seedCentreBudgets(v.store, budgetCentre);
  await engine.settle({ names: ['budgets'], timeoutMs: 600_000 });
  const replayTimes: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    const views = await centreBudgetsAsOf(v.database.db, budgetCentre, new Date());
    replayTimes.push(performance.now() - started);
    if (views.length !== 20) throw new Error(`replayed ${views.length} budgets, expected 20`);
  }
  replayTimes.sort((a, b) => a - b);
  const replayMedianMs = Number(replayTimes[12]!.toFixed(1));
  const replayP95Ms = Number(replayTimes[23]!.toFixed(1));
  console.log(`${`replay a centre's budget history (${budgetEvents} events)`.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(replayMedianMs).padStart(8)} ms median, ${replayP95Ms} ms p95`);

  // The contenders' databases are done with: drop them, so their clean-up does not share the
  // cores with the audit figures below.
  for (const c of contenders) await c.close();
  for (const name of Object.values(names)) await dropDatabase(adminUrl, name);

  // Audit: seal a large log, then verify it from the database (every check, leaves recomputed).
  const verifyDb = await createDatabase(adminUrl, 'vbench_audit');
  const audited = connect(verifyDb, { max: 6 });
  await migrateToLatest(audited);
  const auditStore = new PostgresEventStore(audited);
  const target = VERIFY;
  for (let written = 0; written < target; written += 1000) {
    const events: NewEvent[] = Array.from({ length: Math.min(1000, target - written) }, (_, i) => ({
      eventId: newId(),
      type: 'CentreRenamed',
      schemaVersion: 1,
      data: { centreId: newId(), name: `Centre ${written + i}` },
      metadata: metadata(),
    }));
    await auditStore.append(`centre-${newId()}`, events, { expectedVersion: 'no_stream' });
  }
  const auditKey = await loadAuditKey(await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-key-')));
  const sealEngine = new ProjectionEngine(audited, auditStore, [auditSealer(auditKey, { every: 10_000, everyMs: 3_600_000 })], { batchSize: 5000 });
  // A first build fills before it serves: ensureBuilds does the sealing, so it is timed too.
  const sealRate = await timed(async () => {
    await sealEngine.ensureBuilds();
    await sealEngine.settle({ timeoutMs: 3_600_000 });
    return target;
  });
  console.log(`${`sealing the audit log (${target})`.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(sealRate).padStart(8)} events/s`);
  // What autovacuum would do after a million inserts, done now, so it does not share the cores with what is timed next.
  await sql`vacuum (analyze) events`.execute(audited.db);
  await sql`vacuum (analyze) audit_leaves`.execute(audited.db);
  // The leaves, heads and frontier are read into the snapshot first; the events are what is timed.
  const snapshot = await openAuditSnapshot(audited.pool);
  let verified: Awaited<ReturnType<typeof verifyLog>> | undefined;
  const verifyRate = await timed(async () => {
    verified = await verifyLog({
      events: snapshot.events(10_000),
      leaves: snapshot.leaves,
      heads: snapshot.heads,
      publicKeyPem: auditKey.publicKeyPem,
      live: { nowMs: snapshot.nowMs, sealEveryMs: 3_600_000, frontier: snapshot.frontier },
    });
    return target;
  });
  await snapshot.close();
  console.log(`${`audit verify, every check (${target})`.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(verifyRate).padStart(8)} events/s${verified?.ok ? '' : ' (REPORTED VIOLATIONS)'}`);
  // The ceiling on this machine: PostgreSQL writing the same log out, the bytes received and dropped.
  const copyRate = await timed(async () => {
    const client = await audited.pool.connect();
    try {
      for await (const _chunk of client.query(copyTo(LOG_COPY)) as AsyncIterable<Buffer>);
    } finally {
      client.release();
    }
    return target;
  });
  console.log(`${`  PostgreSQL alone: COPY of that log, not parsed`.padEnd(52)} ${'postgres'.padEnd(10)} ${String(copyRate).padStart(8)} events/s`);
  // The auditor's offline path: the exported bundle, verified with no database, in a process of
  // its own as `virkelyst audit verify --bundle` runs (timed from reading the bundle to the report).
  const bundleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-bundle-'));
  await exportBundle(audited, auditKey, bundleDir);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'verify-bundle.ts'), bundleDir], { encoding: 'utf8' });
  await fs.rm(bundleDir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`bundle verification failed: ${child.stderr}`);
  const bundleResult = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { events: number; ok: boolean; ms: number };
  const bundleRate = Math.round((bundleResult.events / bundleResult.ms) * 1000);
  console.log(`${`audit verify --bundle, every check (${bundleResult.events})`.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(bundleRate).padStart(8)} events/s${bundleResult.ok ? '' : ' (REPORTED VIOLATIONS)'}`);
  await auditStore.close();
  await audited.close();
  await dropDatabase(adminUrl, 'vbench_audit');

  // `npx virkelyst token` in a loop, as scripts call it: wall time of a whole process each time.
  const tokenDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vbench-token-'));
  const tokenMs: number[] = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    const minted = spawnSync(process.execPath, [path.join(import.meta.dirname, '..', 'bin', 'virkelyst.mjs'), 'token', '--role', 'citizen'], {
      env: { ...process.env, VIRKELYST_DATA_DIR: tokenDir, OIDC_ISSUER: '' },
      encoding: 'utf8',
    });
    if (minted.status !== 0) throw new Error(`virkelyst token failed: ${minted.stderr}`);
    if (i > 0) tokenMs.push(performance.now() - started); // the first run fills tsx's cache
  }
  await fs.rm(tokenDir, { recursive: true, force: true });
  tokenMs.sort((a, b) => a - b);
  const tokenMedianMs = Math.round(tokenMs[Math.floor(tokenMs.length / 2)]!);
  console.log(`${'virkelyst token, a whole process (10 runs)'.padEnd(52)} ${'virkelyst'.padEnd(10)} ${String(tokenMedianMs).padStart(8)} ms median, ${Math.round(tokenMs.at(-1)!)} ms slowest`);

  console.log('\nratios (Virkelyst ÷ other; goals: ≥1.3× Emmett single, ≥1.5× concurrent, ≥2.5× batched):');
  for (const [label] of scenarios) {
    const r = results[label]!;
    console.log(`  ${label.padEnd(52)} vs Emmett ${(r.virkelyst! / r.emmett!).toFixed(2)}×   vs plain SQL ${(r.virkelyst! / r['plain SQL']!).toFixed(2)}×`);
  }
  console.log(`  projection rebuild ${rebuildRate} events/s (goal ≥ 50,000)`);
  console.log(`  budget replay of a centre's whole history ${replayMedianMs} ms median (goal: well under 100 ms)`);
  console.log(`  audit verification of a bundle ${bundleRate} events/s (goal ≥ 200,000)`);
  console.log(`  audit verification from the database ${verifyRate} events/s (PostgreSQL alone outputs the log at ${copyRate}/s here)`);
  console.log(`  virkelyst token ${tokenMedianMs} ms median (goal: under 1 s)`);

  const out = {
    at: new Date().toISOString(),
    node: process.version,
    cores: os.cpus().length,
    appends: results,
    fullCommandsPerSecond: commandRate,
    readAllEventsPerSecond: readRate,
    rebuildEventsPerSecond: rebuildRate,
    budgetReplay: { events: budgetEvents, medianMs: replayMedianMs, p95Ms: replayP95Ms },
    auditSealEventsPerSecond: sealRate,
    auditVerifyEventsPerSecond: verifyRate,
    auditLogCopyEventsPerSecond: copyRate,
    auditVerifyBundleEventsPerSecond: bundleRate,
    tokenCommandMedianMs: tokenMedianMs,
    ratios: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { vsEmmett: r.virkelyst! / r.emmett!, vsPlainSql: r.virkelyst! / r['plain SQL']! }])),
  };
  await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
  await fs.writeFile(path.join(import.meta.dirname, 'results', 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('\nwritten to bench/results/latest.json');

  await stopEmbedded?.();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}

await main();
