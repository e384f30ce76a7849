/**
 * One export of a study, from the request to the file: who may have it, the rows written, and the
 * export put on record before the file is handed out. The API, the researcher's pages and the CLI
 * all come through here, so the rule is kept once.
 *
 * The order matters. The study is read from the `studies` read model (inline: a revocation or a
 * closing holds the moment it is recorded) to refuse early; the file is written to a directory of
 * its own; then the export is recorded through the study's decider, which decides on the study's
 * own stream whether this principal may receive it *now*. Only after that is anything handed out:
 * a revocation that lands while the file is being written still stops it, and no export leaves
 * without its record (who, which study, when, format, rows).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { CommandHandler } from '../../commands/handler.js';
import { newId } from '../../ids.js';
import type { Principal } from '../../domain/shared/principal.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import { studyDecider } from '../../domain/study/decide.js';
import type { ExportFormat } from '../../domain/study/study.js';
import { researchFacts } from '../../projections/research/queries.js';
import { wellBeingFacts } from '../../projections/research/wellbeing.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { exportableStudy, studyById, type StudyView } from '../../projections/studies/queries.js';
import { studyPseudonymiser } from '../pseudonym.js';
import { type DataDictionary, dataDictionary } from './dictionary.js';
import { type ExportProgress, type FactPages, writeStudyExport } from './writer.js';

export interface StudyExportDeps {
  db: Kysely<any>;
  handler: CommandHandler;
  /** The root of every study's pseudonym key (src/research/pseudonym.ts). */
  researchKey: Buffer;
  /** Opens the WHO-5 scores for a study that asks for `wellbeing_score`, on the way out only. */
  vault: PersonalData;
  /** Where the facts come from (default: the research read model). */
  facts?(db: Kysely<any>, period: { from: string; to: string }): FactPages;
  /** The clock (default: now). */
  now?(): string;
}

export interface MadeExport {
  study: StudyView;
  /** The data file's path, and its name. */
  path: string;
  file: string;
  format: ExportFormat;
  rows: number;
  dictionary: DataDictionary;
  /** Removes the file and its directory (for exports made in a temporary directory). */
  remove(): Promise<void>;
}

/** The study this principal may have exports of now, or a refusal that tells nothing about other studies. */
export async function studyForExport(db: Kysely<any>, principal: Principal, studyId: string): Promise<StudyView> {
  if (principal.role !== 'researcher' && principal.role !== 'admin') throw new Forbidden('only researchers granted access receive a study’s exports', { role: principal.role });
  const study = principal.role === 'admin' ? await studyById(db, studyId) : await exportableStudy(db, principal.id, studyId);
  if (!study || study.status !== 'open') throw new NotFound('study_not_found', 'no such study open to you', { studyId });
  // Nothing to export is a thing not there (a 404), not a broken rule: a GET answers no 422.
  if (study.exportFields.length === 0) throw new NotFound('study_without_export_fields', 'the study uses indicators only; it has no export fields', { studyId });
  return study;
}

/**
 * Makes the study's export for `principal` in `format` and records it. Without `dir`, in a
 * temporary directory of its own that `remove()` deletes. Throws a domain error when the principal
 * may not have it (also when their access ended while it was written: then the file is removed).
 */
export async function makeStudyExport(
  deps: StudyExportDeps,
  request: { principal: Principal; studyId: string; format: ExportFormat; dir?: string; onProgress?(progress: ExportProgress): void },
): Promise<MadeExport> {
  const study = await studyForExport(deps.db, request.principal, request.studyId);
  const dir = request.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-study-')));
  let file = '';
  const remove = async () => {
    if (!request.dir) await fs.rm(dir, { recursive: true, force: true });
    else if (file) await fs.rm(path.join(dir, file), { force: true });
  };
  try {
    const madeAt = deps.now?.() ?? new Date().toISOString();
    const facts = withWellBeing(deps, study, (deps.facts ?? researchFacts)(deps.db, study.period));
    const written = await writeStudyExport({
      study,
      facts,
      pseudonym: studyPseudonymiser(deps.researchKey, study.studyId),
      format: request.format,
      dir,
      madeAt,
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    file = written.file;
    await deps.handler.handle(
      studyDecider,
      { type: 'RecordStudyExport', now: madeAt, principal: request.principal, data: { studyId: study.studyId, format: request.format, rows: written.rows } },
      { commandId: newId() },
    );
    const dictionary = dataDictionary(study, { file: written.file, format: request.format, madeAt, rows: written.rows });
    return { study, path: path.join(dir, written.file), file: written.file, format: request.format, rows: written.rows, dictionary, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** The journey facts, then (when the study asks for the score) the WHO-5 answers as facts of their own. */
async function* withWellBeing(deps: StudyExportDeps, study: StudyView, facts: FactPages): FactPages {
  yield* facts;
  if (study.exportFields.includes('wellbeing_score')) yield* wellBeingFacts(deps.db, deps.vault, study.period);
}
