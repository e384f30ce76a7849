import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import pino from 'pino';
import { sql } from 'kysely';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { ROLES } from '../domain/shared/principal.js';
import { PostgresEventStore } from '../eventstore/postgres/store.js';
import { ProjectionEngine, type BuildInfo } from '../projections/engine/engine.js';
import { projections } from '../projections/index.js';
import { auditSealer } from '../audit/sealer.js';
import { type AuditKey, loadAuditKey } from '../audit/signing.js';
import { formatReport } from '../audit/report.js';
import { type Report, verifyLog } from '../audit/verify.js';
import { exportBundle, readBundle } from '../audit/bundle.js';
import { AuditInputError, publicKeyFrom, readPublicKey, readTrustedHeads } from '../audit/input.js';
import { verifyDatabase } from '../audit/live.js';
import { oneOffPseudonymiser, type Pseudonymiser, pseudonymiser, pseudonymKeyOf } from '../audit/pseudonym.js';
import { witnessFileOf } from '../audit/witness.js';
import { errorCode } from '../errors.js';
import { loadMasterKey } from '../privacy/vault.js';
import { bindKeys } from '../database/keys.js';
import { openDatabase } from '../server.js';
import { printToken, type TokenOptions } from './token.js';
import { demoCommand } from './demo.js';
import { researchCommand } from './research.js';

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`virkelyst: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/** Opens the database (attaching to a running server's embedded one) and the projection engine. */
async function withEngine<T>(
  work: (engine: ProjectionEngine, db: Awaited<ReturnType<typeof openDatabase>>['database'], auditKey: AuditKey) => Promise<T>,
): Promise<T> {
  const cfg = config();
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const { database, embedded } = await openDatabase(cfg, logger, 'attach');
  const store = new PostgresEventStore(database);
  const masterKey = await loadMasterKey(cfg.dataDir, cfg.VIRKELYST_MASTER_KEY);
  const auditKey = await loadAuditKey(cfg.dataDir, cfg.AUDIT_SIGNING_KEY, {
    witnessFile: witnessFileOf(cfg),
    masterKey,
    sealEveryMs: cfg.AUDIT_SEAL_EVERY_MS,
  });
  // The server's projections: the read models and the audit log's sealer.
  const running = [...projections, auditSealer(auditKey, { every: cfg.AUDIT_SEAL_EVERY, everyMs: cfg.AUDIT_SEAL_EVERY_MS })];
  const engine = new ProjectionEngine(database, store, running, { logger });
  try {
    // The same keys as the server's: another data dir would verify with a stranger's key.
    await bindKeys(database.db, [
      { purpose: 'master', keyId: masterKey.kid, variable: 'VIRKELYST_MASTER_KEY' },
      { purpose: 'audit', keyId: auditKey.keyId, variable: 'AUDIT_SIGNING_KEY' },
    ]);
    return await work(engine, database, auditKey);
  } finally {
    await store.close();
    await database.close();
    await embedded?.stop();
  }
}

const { version } = JSON.parse(await fs.readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const program = new Command('virkelyst').description('Virkelyst: the house of opportunities, on the command line').version(version, '-V, --version', 'print the version');

program
  .command('token')
  .description('mint a bearer token signed with the local key (development and tests; production uses OIDC)')
  .addOption(new Option('--role <role>', 'the principal\'s role').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .option('--centre <centreId>', 'the centre the principal belongs to (required for staff and board_member)')
  .option('--partner <partnerId>', 'the partner whose people the principal is (required for partner)')
  .option('--sub <id>', 'the subject id (default: a new UUID)')
  .option('--ttl <seconds>', 'lifetime in seconds', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a whole number of seconds');
    return n;
  })
  // bin/virkelyst.mjs takes a faster path to the same function (src/cli/token.ts).
  .action(async (options: TokenOptions) => printToken(options));

const proj = program.command('projections').description('read models: status and rebuilds');

proj
  .command('status')
  .description('position, lag and health of every read model')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    await withEngine(async (engine) => {
      const builds = await engine.status();
      if (options.json) {
        process.stdout.write(JSON.stringify(builds, null, 2) + '\n');
        return;
      }
      printStatus(builds);
    });
  });

proj
  .command('rebuild')
  .argument('[name]', 'the read model (default: all)')
  .description('rebuild from the log into fresh tables while the old ones keep serving, then switch')
  .action(async (name: string | undefined) => {
    await withEngine(async (engine, database) => {
      const known = engine.projections.map((p) => p.name);
      const names = name ? [name] : known;
      for (const n of names) {
        if (!known.includes(n)) {
          console.error(`virkelyst: no read model named ${n} (known: ${known.join(', ')})`);
          process.exitCode = 1;
          return;
        }
      }
      await engine.ensureBuilds();
      const { rows } = await sql<{ n: string }>`select count(*) as n from events`.execute(database.db);
      const total = Number(rows[0]?.n ?? 0);
      for (const n of names) {
        const { schema } = await engine.startRebuild(n);
        const bar = new cliProgress.SingleBar(
          { format: `${n.padEnd(16)} {bar} {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}`, etaBuffer: 50 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { speed: 0 });
        const started = Date.now();
        let done = false;
        while (!done) {
          await engine.catchUp();
          const builds = await engine.status();
          const mine = builds.find((b) => b.schema === schema);
          const position = mine ? total - Math.min(total, mine.lag) : total;
          bar.update(position, { speed: Math.round(position / Math.max(0.001, (Date.now() - started) / 1000)) });
          if (!mine) throw new Error(`the build ${schema} was replaced by another rebuild`);
          if (mine.failure) {
            bar.stop();
            console.error(`virkelyst: ${n} stopped at position ${mine.failure.position} (${mine.failure.eventType}): ${mine.failure.error}`);
            process.exitCode = 1;
            return;
          }
          done = mine.status === 'active';
          if (!done) await new Promise((r) => setTimeout(r, 50));
        }
        bar.update(total);
        bar.stop();
        console.log(`${n}: rebuilt and switched in (${schema}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    });
  });

const audit = program.command('audit').description('auditors: verify the log from the log itself');

audit
  .command('verify')
  .description('run every voluntariness and integrity check; exits 1 on any violation, 2 when it cannot verify')
  .option('--json', 'print the report as JSON')
  .option('--bundle <dir>', 'verify an exported bundle, with no database')
  .option('--public-key <file>', 'check the signed heads against this key: a PEM, or what GET /audit/public-key serves — the published key, not the bundle’s own')
  .option(
    '--trusted-head <file>',
    'a tree head you kept (one head, a JSON array of heads, GET /audit/tree-heads, an old bundle’s tree-heads.json, or the witness file): the log must still be consistent with it; repeatable',
    (file: string, files: string[]) => [...files, file],
    [] as string[],
  )
  .addOption(new Option('--lang <lang>', 'report language').choices(['da', 'en']).default('da'))
  .action(async (options: { json?: boolean; lang: 'da' | 'en'; bundle?: string; publicKey?: string; trustedHead: string[] }) => {
    const bar = new cliProgress.SingleBar({ format: 'verify {bar} {value} events', stream: process.stderr }, cliProgress.Presets.shades_classic);
    const print = (report: Report) => {
      process.stdout.write((options.json ? JSON.stringify(report, null, 2) : formatReport(report, options.lang)) + '\n');
      if (!report.ok) process.exitCode = 1;
    };
    try {
      const pinned = options.publicKey ? await readPublicKey(options.publicKey) : undefined;
      const trustedHeads = (await Promise.all(options.trustedHead.map(readTrustedHeads))).flat();
      if (options.bundle) {
        const bundle = await readBundle(options.bundle, { alsoAt: trustedHeads.map((h) => h.treeSize) });
        const publicKeyPem = pinned ?? publicKeyFrom(bundle.publicKeyPem, `--bundle ${options.bundle}: public-key.pem`);
        bar.start(0, 0);
        const report = await verifyLog({ ...bundle, publicKeyPem, trustedHeads, pseudonym: await offlinePseudonyms(), onProgress: (n) => bar.update(n) });
        bar.stop();
        print(report);
        return;
      }
      await withEngine(async (_engine, database, auditKey) => {
        bar.start(0, 0);
        const report = await verifyDatabase(database, {
          publicKeyPem: pinned ?? auditKey.publicKeyPem,
          sealEveryMs: auditKey.sealEveryMs,
          witnessFile: auditKey.witness?.file ?? null,
          trustedHeads,
          pseudonym: auditKey.pseudonym,
          onProgress: (n) => bar.update(n),
        });
        bar.stop();
        print(report);
      });
    } catch (error) {
      bar.stop();
      // One line, exit code 2: the files given are not what they should be, or the log cannot be read.
      console.error(`virkelyst: ${error instanceof AuditInputError ? error.message : `audit verify could not run (${describe(error)})`}`);
      process.exitCode = 2;
    }
  });

audit
  .command('export')
  .argument('<dir>', 'where to write the bundle')
  .description('write an offline bundle: events in canonical form, leaves, signed heads, public key and a README')
  .action(async (dir: string) => {
    try {
      await withEngine(async (_engine, database, auditKey) => {
        const { events } = await exportBundle(database, auditKey, dir);
        console.log(`${events} events written to ${dir}`);
      });
    } catch (error) {
      console.error(`virkelyst: audit export failed (${describe(error)})`);
      process.exitCode = 2;
    }
  });

/** An error in one line: our own audit errors say what is wrong (sizes and positions only); others by their code. */
function describe(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown };
  if (typeof e?.name === 'string' && e.name.startsWith('Audit') && typeof e.message === 'string') return `${e.name}: ${e.message}`;
  return errorCode(error);
}

/**
 * Pseudonyms for an offline report: the installation's, when its master key is at hand (set, or
 * a key file in the data dir — none is made); otherwise under a key of this run only.
 */
async function offlinePseudonyms(): Promise<Pseudonymiser> {
  try {
    const cfg = loadConfig();
    if (!cfg.VIRKELYST_MASTER_KEY) await fs.access(path.join(cfg.dataDir, 'keys', 'master.key'));
    return pseudonymiser(pseudonymKeyOf((await loadMasterKey(cfg.dataDir, cfg.VIRKELYST_MASTER_KEY)).key));
  } catch {
    return oneOffPseudonymiser();
  }
}

function printStatus(builds: BuildInfo[]): void {
  const rows = builds.map((b) => ({
    name: b.name,
    version: String(b.version),
    build: String(b.build),
    status: b.status,
    mode: b.mode,
    position: `${b.checkpoint.transactionId}/${b.checkpoint.globalPosition}`,
    lag: String(b.lag),
    applied: String(b.eventsApplied),
    health: b.failure ? `FAILING at ${b.failure.position} ${b.failure.eventType} (${b.failure.error})` : 'ok',
  }));
  const headers = Object.keys(rows[0] ?? { name: '' }) as (keyof (typeof rows)[number])[];
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(headers.map(String)));
  for (const r of rows) console.log(line(headers.map((h) => r[h])));
  if (rows.length === 0) console.log('(no read models)');
}

demoCommand(program);
researchCommand(program);

await program.parseAsync(process.argv);
