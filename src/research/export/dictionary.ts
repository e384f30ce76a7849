/**
 * A study's data dictionary: each column of its export with its type and meaning, the study's
 * period, how its pseudonyms are made and what an export never holds. The same for CSV and
 * Parquet (a Parquet file also carries it in its key-value metadata, so the file describes
 * itself). It names no person and holds no row: it follows from the study alone, plus, for one
 * export, when it was made and how many rows it has.
 */
import type { StudyExportField, StudyPeriod } from '../../domain/study/study.js';
import { PSEUDONYM_LENGTH } from '../pseudonym.js';
import { type ExportColumn, exportColumns } from './rows.js';

/** What the dictionary needs of a study: its own description, no researcher and no row. */
export interface DictionaryStudy {
  studyId: string;
  title: string;
  purpose: string;
  legalBasis: string;
  period: StudyPeriod;
  exportFields: readonly StudyExportField[];
}

export interface DataDictionary {
  study: { studyId: string; title: string; purpose: string; legalBasis: string; period: StudyPeriod };
  /** One export: the file it describes, when it was made, how many rows. Absent for the study's dictionary on its own. */
  export?: { file: string; format: 'csv' | 'parquet'; madeAt: string; rows: number };
  columns: (ExportColumn & { parquetType: string; csv: string })[];
  rows: string;
  pseudonyms: string;
  coarsening: string;
  leftOut: string;
}

const PARQUET: Record<ExportColumn['type'], string> = { VARCHAR: 'BYTE_ARRAY (UTF8 string)', INTEGER: 'INT32' };
const CSV: Record<ExportColumn['type'], string> = { VARCHAR: 'text; empty when not applicable', INTEGER: 'whole number; empty when not applicable' };

export function dataDictionary(study: DictionaryStudy, made?: DataDictionary['export']): DataDictionary {
  const counted = study.exportFields.includes('count');
  return {
    study: { studyId: study.studyId, title: study.title, purpose: study.purpose, legalBasis: study.legalBasis, period: study.period },
    ...(made ? { export: made } : {}),
    columns: exportColumns(study.exportFields).map((c) => ({ ...c, parquetType: PARQUET[c.type], csv: CSV[c.type] })),
    rows: counted
      ? 'One row per distinct combination of the other columns, with `count` the number of events that have it. Rows are sorted by their columns, left to right.'
      : 'One row per event (a first contact, a conversation booked or held, a goal stated, an offer made or answered, taking part begun or ended, an outcome reported, a journey closed). Rows are sorted by their columns, left to right, never in the order the events happened.',
    pseudonyms: [
      `A citizen is named by a pseudonym of this study alone: HMAC-SHA256 under the study's own key, base64url, its first ${PSEUDONYM_LENGTH} characters (132 bits).`,
      'The same citizen has the same pseudonym in every export of this study, so their rows can be followed; in another study they have another pseudonym, unrelated to this one, so two studies cannot be joined on a person.',
      'The key is derived on the server from the installation’s master key and never leaves it: a pseudonym cannot be turned back into a person without it.',
    ].join(' '),
    coarsening: 'No exact date or time: an event is given by its ISO week (YYYY-Www, weeks from Monday) and month (YYYY-MM), in Danish time. Durations are whole weeks, rounded down. Centres are their ids, municipalities their three-digit codes.',
    leftOut: `Events outside the study's period (${study.period.from} to ${study.period.to}, both included, Danish days) are left out, as are citizens whose personal data was erased. No free text, no name or contact data, and no field sealed as personal data is ever in an export.`,
  };
}

/** The dictionary as a Markdown document for people (the JSON form is for programs). */
export function dictionaryMarkdown(d: DataDictionary): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const lines = [
    `# Data dictionary: ${cell(d.study.title)}`,
    '',
    '*Datadokumentation for et pseudonymiseret forskningsudtræk fra Virkelyst (på engelsk).*',
    '',
    `- Study: \`${d.study.studyId}\``,
    `- Period: ${d.study.period.from} to ${d.study.period.to} (both included)`,
    ...(d.export ? [`- File: \`${d.export.file}\` (${d.export.format === 'csv' ? 'CSV, UTF-8, comma-separated, header row' : 'Parquet, zstd-compressed'})`, `- Made: ${d.export.madeAt}`, `- Rows: ${d.export.rows}`] : []),
    '',
    '## Purpose',
    '',
    d.study.purpose,
    '',
    '## Legal basis',
    '',
    d.study.legalBasis,
    '',
    '## Columns',
    '',
    '| column | type | meaning | values |',
    '| --- | --- | --- | --- |',
    ...d.columns.map((c) => `| \`${c.name}\` | ${c.type === 'VARCHAR' ? 'text' : 'integer'} (Parquet ${c.parquetType}) | ${cell(c.meaning)} | ${c.values ? c.values.map((v) => `\`${v}\``).join(', ') : ''} |`),
    '',
    '## Rows',
    '',
    d.rows,
    '',
    '## Pseudonyms',
    '',
    d.pseudonyms,
    '',
    '## Coarsening',
    '',
    d.coarsening,
    '',
    '## Left out',
    '',
    d.leftOut,
    '',
  ];
  return lines.join('\n');
}
