/**
 * A study's export row, made from a research fact (src/research/facts.ts): only the fields the
 * study asked for, each coarse and from a closed list. The moment becomes its ISO week or month
 * in Danish time, the citizen a pseudonym of this study alone, a duration whole weeks. A value
 * outside its column's declared list becomes empty rather than pass through, so no free text can
 * reach an export even if a fact were ever to carry one.
 */
import { CENTRE_OFFER_KINDS, FIRST_CONTACTS, GOAL_CATEGORIES, OUTCOME_KINDS } from '../../domain/journey/journey.js';
import { STUDY_EXPORT_FIELDS, type StudyExportField, type StudyPeriod } from '../../domain/study/study.js';
import { FACT_KINDS, type ResearchFact } from '../facts.js';
import type { StudyPseudonymiser } from '../pseudonym.js';

/** A column's type in the written file: text, or a whole number (INTEGER in Parquet, R, Python and Stata alike). */
export type ColumnType = 'VARCHAR' | 'INTEGER';
export type Cell = string | number | null;

export interface ExportColumn {
  name: StudyExportField;
  type: ColumnType;
  meaning: string;
  /** The values a text column may hold; absent for free codes (pseudonyms, centres, weeks) and numbers. */
  values?: readonly string[];
}

const ANSWERS = ['accepted', 'declined', 'withdrawn'] as const;
const PARTICIPATION_ENDS = ['consent_withdrawn', 'citizen_left', 'offer_completed'] as const;
const BOOKED_BY = ['citizen', 'citizen_confirmed_proposal'] as const;
const OFFER_SOURCES = ['centre', 'partner'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MUNICIPALITY = /^\d{3}$/;

/** What each field is in the file; `count` is made by the writer (see `writeStudyExport`). */
const TYPES: Record<StudyExportField, { type: ColumnType; values?: readonly string[] }> = {
  citizen_pseudonym: { type: 'VARCHAR' },
  centre_code: { type: 'VARCHAR' },
  municipality_code: { type: 'VARCHAR' },
  event_week: { type: 'VARCHAR' },
  event_month: { type: 'VARCHAR' },
  event_kind: { type: 'VARCHAR', values: FACT_KINDS },
  channel: { type: 'VARCHAR', values: FIRST_CONTACTS },
  booked_by: { type: 'VARCHAR', values: BOOKED_BY },
  offer_kind: { type: 'VARCHAR', values: CENTRE_OFFER_KINDS },
  offer_source: { type: 'VARCHAR', values: OFFER_SOURCES },
  answer: { type: 'VARCHAR', values: ANSWERS },
  participation_end: { type: 'VARCHAR', values: PARTICIPATION_ENDS },
  goal_category: { type: 'VARCHAR', values: GOAL_CATEGORIES },
  outcome_kind: { type: 'VARCHAR', values: OUTCOME_KINDS },
  duration_weeks: { type: 'INTEGER' },
  wellbeing_score: { type: 'INTEGER' },
  count: { type: 'INTEGER' },
};

/** The columns of a study's export, in the declared order (the study's own list is kept in it). */
export function exportColumns(fields: readonly StudyExportField[]): ExportColumn[] {
  return fields.map((name) => ({ name, ...TYPES[name], meaning: STUDY_EXPORT_FIELDS[name] }));
}

/** The columns a row carries: all but `count`, which the writer adds by counting equal rows. */
export const rowColumns = (fields: readonly StudyExportField[]) => exportColumns(fields.filter((f) => f !== 'count'));

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Danish days by UTC hour: Denmark's offsets are whole hours, so every moment of one UTC hour has the same Danish day. */
const daysByHour = new Map<number, string>();

/** The day a moment falls on in Denmark, YYYY-MM-DD (the days a study's period names are Danish days). */
export function danishDay(moment: string): string | undefined {
  const ms = Date.parse(moment);
  if (Number.isNaN(ms)) return undefined;
  const hour = Math.floor(ms / 3_600_000);
  let day = daysByHour.get(hour);
  if (day === undefined) {
    if (daysByHour.size >= 100_000) daysByHour.clear();
    day = DAY.format(ms);
    daysByHour.set(hour, day);
  }
  return day;
}

/** The ISO-8601 week of a day, YYYY-Www: weeks begin on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of the same week
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const oneOf = (values: readonly string[], value: string | null): string | null => (value !== null && values.includes(value) ? value : null);

/**
 * The row of one fact for a study's columns, or undefined when the fact falls outside the
 * study's period. Cells are in the order of `rowColumns(fields)`.
 */
export function exportRow(fact: ResearchFact, fields: readonly StudyExportField[], period: StudyPeriod, pseudonym: StudyPseudonymiser): Cell[] | undefined {
  const day = danishDay(fact.occurredAt);
  if (day === undefined || day < period.from || day > period.to) return undefined;
  const cells: Cell[] = [];
  for (const field of fields) {
    switch (field) {
      case 'citizen_pseudonym':
        cells.push(pseudonym(fact.citizenId));
        break;
      case 'centre_code':
        cells.push(UUID.test(fact.centreId) ? fact.centreId : null);
        break;
      case 'municipality_code':
        cells.push(MUNICIPALITY.test(fact.municipalityCode) ? fact.municipalityCode : null);
        break;
      case 'event_week':
        cells.push(isoWeek(day));
        break;
      case 'event_month':
        cells.push(day.slice(0, 7));
        break;
      case 'event_kind':
        cells.push(oneOf(FACT_KINDS, fact.kind));
        break;
      case 'channel':
        cells.push(oneOf(FIRST_CONTACTS, fact.channel));
        break;
      case 'booked_by':
        cells.push(oneOf(BOOKED_BY, fact.bookedBy));
        break;
      case 'offer_kind':
        cells.push(oneOf(CENTRE_OFFER_KINDS, fact.offerKind));
        break;
      case 'offer_source':
        cells.push(oneOf(OFFER_SOURCES, fact.offerSource));
        break;
      case 'answer':
        cells.push(oneOf(ANSWERS, fact.answer));
        break;
      case 'participation_end':
        cells.push(oneOf(PARTICIPATION_ENDS, fact.participationEnd));
        break;
      case 'goal_category':
        cells.push(oneOf(GOAL_CATEGORIES, fact.goalCategory));
        break;
      case 'outcome_kind':
        cells.push(oneOf(OUTCOME_KINDS, fact.outcomeKind));
        break;
      case 'duration_weeks':
        cells.push(Number.isFinite(fact.durationDays) && fact.durationDays !== null && fact.durationDays >= 0 ? Math.floor(fact.durationDays / 7) : null);
        break;
      case 'wellbeing_score': {
        const score = fact.kind === 'wellbeing_answered' ? fact.wellbeingScore : null;
        cells.push(typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= 100 && score % 4 === 0 ? score : null);
        break;
      }
      case 'count':
        break; // counted by the writer over equal rows
      default: {
        const unhandled: never = field;
        throw new Error(`no column ${String(unhandled)}`);
      }
    }
  }
  return cells;
}
