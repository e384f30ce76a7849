import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { CommandHandler } from '../commands/handler.js';
import { bindKeys } from '../database/keys.js';
import { DomainError } from '../domain/shared/errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../domain/study/study.js';
import { errorCode } from '../errors.js';
import { PostgresEventStore } from '../eventstore/postgres/store.js';
import { loadMasterKey, Vault } from '../privacy/vault.js';
import { ProjectionEngine } from '../projections/engine/engine.js';
import { inlineProjectionsHook } from '../projections/engine/inline.js';
import { projections } from '../projections/index.js';
import { writeDictionary } from '../research/export/writer.js';
import { makeStudyExport } from '../research/export/service.js';
import { researchRootKey } from '../research/pseudonym.js';
import { openDatabase } from '../server.js';

/**
 * `virkelyst research export --study S --format parquet|csv DIR` (issue 12): the study's export
 * and its data dictionary (`dictionary.md`, `dictionary.json`) written into DIR, with progress.
 *
 * It runs on the server, with the installation's master key, as the operator: the export is put on
 * record as theirs (an administrator's, named by the operating-system user) before it is written
 * out, exactly as a researcher's download is. The study must be open.
 */
export function researchCommand(program: Command): void {
  const research = program.command('research').description('research studies: their pseudonymised exports');
  research
    .command('export')
    .argument('<dir>', 'where to write the data file and its dictionary')
    .requiredOption('--study <studyId>', 'the study')
    .addOption(new Option('--format <format>', 'the data file’s format').choices([...EXPORT_FORMATS]).default('parquet'))
    .description('write a study’s pseudonymised rows (Parquet or CSV) and its data dictionary into a directory; the export is recorded in the log')
    .action(async (dir: string, options: { study: string; format: ExportFormat }) => {
      try {
        await exportStudy(path.resolve(dir), options.study, options.format);
      } catch (error) {
        const message = error instanceof ConfigError ? error.message : error instanceof DomainError ? `${error.code}: ${error.message}` : `research export failed (${errorCode(error)})`;
        console.error(`virkelyst: ${message}`);
        process.exitCode = error instanceof DomainError ? 1 : 2;
      }
    });
}

async function exportStudy(dir: string, studyId: string, format: ExportFormat): Promise<void> {
  const cfg = loadConfig();
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const { database, embedded } = await openDatabase(cfg, logger, 'attach');
  // Inline read models on the append, as in the server: the studies' read model counts the export at once.
  const store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(projections)] });
  const bar = new cliProgress.SingleBar({ format: 'export {bar} {stage} | {facts} facts read | {rows} rows', stream: process.stderr }, cliProgress.Presets.shades_classic);
  try {
    const masterKey = await loadMasterKey(cfg.dataDir, cfg.VIRKELYST_MASTER_KEY);
    // The same master key as the server's: another one would make other pseudonyms.
    await bindKeys(database.db, [{ purpose: 'master', keyId: masterKey.kid, variable: 'VIRKELYST_MASTER_KEY' }]);
    const engine = new ProjectionEngine(database, store, projections, { logger });
    await engine.ensureBuilds();
    // The research facts as far as the log goes now.
    await engine.settle();
    const operator = { id: `operator:${os.userInfo().username}`, role: 'admin' as const };
    bar.start(0, 0, { stage: 'reading', facts: 0, rows: 0 });
    const made = await makeStudyExport(
      { db: database.db, handler: new CommandHandler(store), researchKey: researchRootKey(masterKey.key), vault: new Vault(database, masterKey) },
      { principal: operator, studyId, format, dir, onProgress: (p) => bar.update(p.facts, { stage: p.stage, facts: p.facts, rows: p.rows }) },
    );
    bar.stop();
    const dictionary = await writeDictionary(dir, made.dictionary);
    console.log(`${made.rows} rows written to ${made.path}`);
    console.log(`data dictionary: ${dictionary.markdown}, ${dictionary.json}`);
  } finally {
    bar.stop();
    await store.close();
    await database.close();
    await embedded?.stop();
  }
}
