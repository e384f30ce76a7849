import { type Kysely, type Selectable, sql } from 'kysely';
import type { Principal } from '../../domain/shared/principal.js';
import type { StudyDetails } from '../../domain/study/study.js';
import type { StudyTables } from './tables.js';

/** A study as its readers see it. `researcherIds` only for administrators; a researcher sees their own access. */
export interface StudyView extends Omit<StudyDetails, 'researcherIds'> {
  status: 'open' | 'closed';
  registeredAt: string;
  closedAt: string | null;
  /** How many exports were handed out, and when the last one was. */
  exports: number;
  lastExportedAt: string | null;
  researcherIds?: string[];
}

type Row = Selectable<StudyTables['studies']>;

function viewOf(row: Row, withResearchers: boolean): StudyView {
  return {
    studyId: row.study_id,
    title: row.title,
    purpose: row.purpose,
    period: { from: row.period_from, to: row.period_to },
    indicators: row.indicators,
    exportFields: row.export_fields,
    legalBasis: row.legal_basis,
    status: row.status,
    registeredAt: row.registered_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    exports: Number(row.exports),
    lastExportedAt: row.last_exported_at?.toISOString() ?? null,
    ...(withResearchers ? { researcherIds: row.researcher_ids } : {}),
  };
}

/**
 * The rule of who reads which study, here beside the table: an administrator every study; a
 * researcher those they are granted (open, or closed while they had access); anyone else none.
 */
function visibleTo(principal: Principal) {
  if (principal.role === 'admin') return (q: ReturnType<typeof base>) => q;
  if (principal.role === 'researcher') return (q: ReturnType<typeof base>) => q.where(sql<boolean>`researcher_ids @> array[${principal.id}]::text[]`);
  return undefined;
}
const base = (db: Kysely<StudyTables>) => db.withSchema('rm').selectFrom('studies').selectAll();

/** The studies the principal may read, newest first. */
export async function listStudies(db: Kysely<StudyTables>, principal: Principal): Promise<StudyView[]> {
  const scope = visibleTo(principal);
  if (!scope) return [];
  const rows = await scope(base(db)).orderBy('registered_at', 'desc').orderBy('study_id').execute();
  return rows.map((row) => viewOf(row, principal.role === 'admin'));
}

/** One study, if the principal may read it (else undefined: the same as no such study). */
export async function getStudy(db: Kysely<StudyTables>, principal: Principal, studyId: string): Promise<StudyView | undefined> {
  const scope = visibleTo(principal);
  if (!scope) return undefined;
  const row = await scope(base(db)).where('study_id', '=', studyId).executeTakeFirst();
  return row ? viewOf(row, principal.role === 'admin') : undefined;
}

/**
 * The study a researcher may receive an export of now: open, and they are granted. Read from the
 * inline read model, so a revocation or a closing recorded a moment ago already holds.
 */
export async function exportableStudy(db: Kysely<StudyTables>, researcherId: string, studyId: string): Promise<StudyView | undefined> {
  const row = await base(db).where('study_id', '=', studyId).where('status', '=', 'open').where(sql<boolean>`researcher_ids @> array[${researcherId}]::text[]`).executeTakeFirst();
  return row ? viewOf(row, false) : undefined;
}

/** A study by id, for an administrator's export on the server (the CLI): open or not. */
export async function studyById(db: Kysely<StudyTables>, studyId: string): Promise<StudyView | undefined> {
  const row = await base(db).where('study_id', '=', studyId).executeTakeFirst();
  return row ? viewOf(row, true) : undefined;
}
