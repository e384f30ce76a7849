import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { isDate, noCoercion, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  evolve,
  EXPORT_FORMATS,
  type ExportFormat,
  initialState,
  mayReceiveExports,
  type OpenStudy,
  STUDY_EVENT_SCHEMA_VERSIONS,
  STUDY_EXPORT_FIELD_NAMES,
  STUDY_INDICATORS,
  type Study,
  type StudyEvent,
  type StudyPeriod,
  studyStreamId,
} from './study.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { studyId: string } };
/** Lists arrive as the edge received them (strings); the decider keeps only declared values. */
export type RegisterStudy = Cmd<
  'RegisterStudy',
  { title: string; purpose: string; period: StudyPeriod; indicators: readonly string[]; exportFields: readonly string[]; legalBasis: string; researcherIds: readonly string[] }
>;
export type GrantStudyAccess = Cmd<'GrantStudyAccess', { researcherId: string }>;
export type RevokeStudyAccess = Cmd<'RevokeStudyAccess', { researcherId: string }>;
export type CloseStudy = Cmd<'CloseStudy', Record<never, never>>;
/**
 * Puts an export on record before it is handed out: `rows` is what the file made holds. A
 * researcher records their own; an administrator records one made on the server (the CLI).
 */
export type RecordStudyExport = Cmd<'RecordStudyExport', { format: string; rows: number }>;

export type StudyCommand = RegisterStudy | GrantStudyAccess | RevokeStudyAccess | CloseStudy | RecordStudyExport;

export const TITLE_MAX = 200;
export const PURPOSE_MAX = 4000;
export const LEGAL_BASIS_MAX = 2000;
export const RESEARCHER_ID_MAX = 200;
export const RESEARCHERS_MAX = 100;

export function decide(command: StudyCommand, state: Study): StudyEvent[] {
  // An export is received, not a change to the study: the one command a researcher gives.
  if (command.type === 'RecordStudyExport') return recordExport(command, state);
  // Every change to a study is an administrator's: researchers register nothing, nor grant themselves access.
  admin(command.principal);
  return match(command)
    .with({ type: 'RegisterStudy' }, (c) => register(c, state))
    .with({ type: 'GrantStudyAccess' }, (c) => grant(c, open(state, c.data.studyId)))
    .with({ type: 'RevokeStudyAccess' }, (c) => revoke(c, open(state, c.data.studyId)))
    .with({ type: 'CloseStudy' }, (c) => close(c, open(state, c.data.studyId)))
    .exhaustive();
}

/**
 * Only a researcher granted access to an open study receives its exports, and every export is on
 * record (who, when, format, rows) before its first byte leaves. To anyone else the study is
 * refused as unknown, so that a refusal does not tell whether a study exists: the same answer for
 * a study never registered, one closed, and one they were never granted or no longer are.
 */
function recordExport(c: RecordStudyExport, state: Study): StudyEvent[] {
  const { studyId } = c.data;
  const p = c.principal;
  if (p.role !== 'researcher' && p.role !== 'admin') throw new Forbidden('only researchers granted access receive a study’s exports', { role: p.role });
  const receives = p.role === 'admin' ? state.status === 'open' : mayReceiveExports(state, p.id);
  if (!receives) throw new NotFound('study_not_found', 'no such study open to you', { studyId });
  // A study of indicators only has nothing to export: nothing there (not a rule broken, as a GET reads it).
  if (state.status === 'open' && state.exportFields.length === 0) throw new NotFound('study_without_export_fields', 'the study uses indicators only; it has no export fields', { studyId });
  if (!(EXPORT_FORMATS as readonly string[]).includes(c.data.format)) throw new InvalidValue('format', `one of ${EXPORT_FORMATS.join(', ')}`);
  if (!Number.isSafeInteger(c.data.rows) || c.data.rows < 0) throw new InvalidValue('rows', 'a whole number of rows, 0 or more');
  return [{ type: 'StudyExported', data: { studyId, format: c.data.format as ExportFormat, rows: c.data.rows } }];
}

function admin(principal: Principal): void {
  if (principal.role !== 'admin') throw new Forbidden('only an administrator registers and changes a study', { role: principal.role });
}

function register(c: RegisterStudy, state: Study): StudyEvent[] {
  const { studyId } = c.data;
  if (state.status !== 'none') throw new Conflict('study_exists', 'the study is registered', { studyId });
  const title = noCoercion('title', tidyText(c.data.title, 'title', TITLE_MAX));
  const purpose = noCoercion('purpose', tidyText(c.data.purpose, 'purpose', PURPOSE_MAX, 'a study states its purpose'));
  const legalBasis = noCoercion('legalBasis', tidyText(c.data.legalBasis, 'legalBasis', LEGAL_BASIS_MAX, 'a study states its legal basis'));
  const period = checkPeriod(c.data.period);
  const indicators = chosen(c.data.indicators, STUDY_INDICATORS, 'indicators');
  const exportFields = chosen(c.data.exportFields, STUDY_EXPORT_FIELD_NAMES, 'exportFields');
  if (indicators.length === 0 && exportFields.length === 0) throw new InvalidValue('indicators', 'a study uses at least one indicator or one export field');
  if (c.data.researcherIds.length > RESEARCHERS_MAX) throw new InvalidValue('researcherIds', `at most ${RESEARCHERS_MAX} researchers`);
  const researcherIds = [...new Set(c.data.researcherIds.map((id, i) => researcherId(id, `researcherIds.${i}`)))];
  return [{ type: 'StudyRegistered', data: { studyId, title, purpose, period, indicators, exportFields, legalBasis, researcherIds } }];
}

function grant(c: GrantStudyAccess, study: OpenStudy): StudyEvent[] {
  const id = researcherId(c.data.researcherId, 'researcherId');
  if (study.researcherIds.includes(id)) return [];
  if (study.researcherIds.length >= RESEARCHERS_MAX) throw new InvalidValue('researcherId', `a study has at most ${RESEARCHERS_MAX} researchers`);
  return [{ type: 'StudyAccessGranted', data: { studyId: study.studyId, researcherId: id } }];
}

function revoke(c: RevokeStudyAccess, study: OpenStudy): StudyEvent[] {
  const id = c.data.researcherId;
  if (!study.researcherIds.includes(id)) throw new Conflict('access_not_granted', 'the researcher has no access to this study', { studyId: study.studyId, researcherId: id });
  return [{ type: 'StudyAccessRevoked', data: { studyId: study.studyId, researcherId: id } }];
}

function close(_c: CloseStudy, study: OpenStudy): StudyEvent[] {
  return [{ type: 'StudyClosed', data: { studyId: study.studyId } }];
}

/** A registered study that is still open: a closed study never changes again. */
function open(state: Study, studyId: string): OpenStudy {
  if (state.status === 'none') throw new NotFound('study_not_found', 'no such study', { studyId });
  if (state.status === 'closed') throw new Conflict('study_closed', 'the study is closed; nothing about it changes any more', { studyId });
  return state;
}

/** A study's texts never speak of benefits, sanctions, duties or consequences for anyone. */

function checkPeriod(period: StudyPeriod): StudyPeriod {
  if (!isDate(period.from)) throw new InvalidValue('period.from', 'a date YYYY-MM-DD');
  if (!isDate(period.to)) throw new InvalidValue('period.to', 'a date YYYY-MM-DD');
  if (period.to <= period.from) throw new InvalidValue('period.to', 'must be after period.from');
  return { from: period.from, to: period.to };
}

/** Values from a declared list, each once, in the list's order; any other value is refused by its place. */
function chosen<T extends string>(values: readonly string[], declared: readonly T[], field: string): T[] {
  for (const [i, value] of values.entries()) {
    if (!(declared as readonly string[]).includes(value)) throw new InvalidValue(`${field}.${i}`, `not one of the declared ${field}`);
  }
  return declared.filter((d) => values.includes(d));
}

/** The subject of a researcher's sign-in: one token, no spaces. */
function researcherId(raw: string, field: string): string {
  if (!/^\S+$/.test(raw)) throw new InvalidValue(field, 'an identity, without spaces');
  if (raw.length > RESEARCHER_ID_MAX) throw new InvalidValue(field, `at most ${RESEARCHER_ID_MAX} characters`);
  return raw;
}

export const studyDecider: Decider<Study, StudyCommand, StudyEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => studyStreamId(command.data.studyId),
  schemaVersions: STUDY_EVENT_SCHEMA_VERSIONS,
};
