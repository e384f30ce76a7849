import { type Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { auditSealer } from '../audit/sealer.js';
import { loadAuditKey } from '../audit/signing.js';
import { witnessFileOf } from '../audit/witness.js';
import { CommandRefused } from '../commands/batch.js';
import { bindKeys } from '../database/keys.js';
import { defaultFrom, type DemoPeople, demoPeriod, generateDemo } from '../demo/generate.js';
import { PostgresEventStore } from '../eventstore/postgres/store.js';
import { inlineProjectionsHook } from '../projections/engine/inline.js';
import { projections } from '../projections/index.js';
import { loadMasterKey, Vault } from '../privacy/vault.js';
import { openDatabase } from '../server.js';

const whole = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name}: a whole number, 1 or more`);
  return n;
};

interface DemoCliOptions {
  centres: number;
  months: number;
  seed: string;
  from?: string;
}

/** `virkelyst demo` (issue 12): a realistic demo through the real command path. */
export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate a demo through the deciders: centres, boards, budgets, staff calendars and citizens’ journeys (idempotent, resumable)')
    .option('--centres <n>', 'centres, one per municipality (98 for the whole country)', whole('--centres'), 2)
    .option('--months <m>', 'months the period runs', whole('--months'), 3)
    .option('--seed <s>', 'the seed: the same seed and options give the same demo', 'virkelyst')
    .option('--from <YYYY-MM>', 'the first month (default: the period ends where this month begins)')
    .action(async (options: DemoCliOptions) => {
      // A demo's acts are dated in the past, which the audit's time checks hold against the log's own
      // clock (src/demo/README.md): it must never be mixed into a centre's real log.
      if (process.env.NODE_ENV === 'production') {
        console.error('virkelyst: the demo is not made with NODE_ENV=production: its made-up past would sit in a real log');
        process.exitCode = 1;
        return;
      }
      const from = options.from ?? defaultFrom(options.months);
      try {
        demoPeriod({ ...options, from });
      } catch (error) {
        console.error(`virkelyst: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      let cfg;
      try {
        cfg = loadConfig();
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(`virkelyst: ${error.message}`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
      const logger = pino({ level: 'warn' }, pino.destination(2));
      const { database, embedded } = await openDatabase(cfg, logger, 'attach');
      const masterKey = await loadMasterKey(cfg.dataDir, cfg.VIRKELYST_MASTER_KEY);
      const auditKey = await loadAuditKey(cfg.dataDir, cfg.AUDIT_SIGNING_KEY, { witnessFile: witnessFileOf(cfg), masterKey, sealEveryMs: cfg.AUDIT_SEAL_EVERY_MS });
      // The server's inline read models are kept in the appends' transactions, as on the server.
      const running = [...projections, auditSealer(auditKey, { every: cfg.AUDIT_SEAL_EVERY, everyMs: cfg.AUDIT_SEAL_EVERY_MS })];
      const store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(running)] });
      const bar = new cliProgress.SingleBar(
        { format: 'demo {bar} week {value}/{total} | {events} events written | {speed} events/s', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      const started = Date.now();
      try {
        await bindKeys(database.db, [
          { purpose: 'master', keyId: masterKey.kid, variable: 'VIRKELYST_MASTER_KEY' },
          { purpose: 'audit', keyId: auditKey.keyId, variable: 'AUDIT_SIGNING_KEY' },
        ]);
        bar.start(1, 0, { events: 0, speed: 0 });
        const result = await generateDemo(
          store,
          { centres: options.centres, months: options.months, seed: options.seed, from },
          {
            vault: new Vault(database, masterKey),
            onProgress: (p) => {
              bar.setTotal(p.weeks);
              bar.update(p.week, { events: p.written, speed: Math.round(p.written / Math.max(0.001, (Date.now() - started) / 1000)) });
            },
          },
        );
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        const t = result.writer.totals;
        console.log(`Demo "${options.seed}" from ${from}, ${options.months} month(s), ${options.centres} centre(s): ${result.decided} commands decided.`);
        console.log(`  ${t.events} events written in ${t.written} command parts and ${t.batches} transactions (${Math.round(t.events / Math.max(0.001, seconds))} events/s, ${seconds.toFixed(1)} s).`);
        if (t.skipped > 0) console.log(`  ${t.skippedEvents} events of ${t.skipped} command parts were already in the log from an earlier run: left as they are.`);
        console.log(`  Streams: ${result.streams} · weeks simulated: ${result.weeks}`);
        printSignIn(result.people);
      } catch (error) {
        bar.stop();
        if (error instanceof CommandRefused) {
          console.error(`virkelyst: the demo stopped: ${error.message}`);
          process.exitCode = 1;
          return;
        }
        throw error;
      } finally {
        await store.close();
        await database.close();
        await embedded?.stop();
      }
    });
}

/** How to sign in to the UI as the demo's people (the local development sign-in, /log-ind). */
function printSignIn(people: DemoPeople): void {
  const first = people.centres[0];
  if (!first) return;
  console.log('\nSign in at http://localhost:3000/log-ind (npm start; the local development sign-in): pick the role and give the person id.');
  console.log(`  administrator: ${people.admin}`);
  for (const c of people.centres.slice(0, 3)) {
    console.log(`  ${c.name} (centre ${c.centreId}, municipality ${c.municipalityCode}):`);
    console.log(`    staff (choose this centre):        ${c.staff.slice(0, 2).join(', ')}`);
    const chair = c.board.find((m) => m.role === 'chair');
    if (chair) console.log(`    board member, chair:               ${chair.memberId}`);
    const citizenSeat = c.board.find((m) => m.seat === 'citizen');
    if (citizenSeat) console.log(`    board member, citizens' seat:      ${citizenSeat.memberId}`);
    if (c.citizens.length > 0) console.log(`    citizens:                          ${c.citizens.join(', ')}`);
  }
  if (people.centres.length > 3) console.log(`  … and ${people.centres.length - 3} more centres.`);
}
