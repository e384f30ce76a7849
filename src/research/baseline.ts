/**
 * The baseline (issue 12): today's job-centre figures, read from a CSV so researchers can see them
 * side by side with Virkelyst's own indicators. This is the parser and its rules only; nothing is
 * stored or served here.
 *
 * The file is UTF-8 (a byte-order mark is allowed), comma-separated with RFC 4180 quoting, and
 * begins with exactly this header: indicator,municipality,period,value,source,definition.
 * Every figure names who published it and how they define it, because a figure nobody can trace
 * must not be shown beside ours, and because the same name ("contacts per citizen") often means
 * something different at the source; the definition is what lets the UI say where they differ.
 *
 * A source beginning with `SYNTHETIC` marks a made-up figure (the shipped demo file); such rows are
 * flagged so no page can present them as real. data/baseline/README.md explains the columns.
 */
import { MUNICIPALITIES } from '../domain/centre/municipalities.js';
import { DomainError } from '../domain/shared/errors.js';
import { STUDY_INDICATORS, type StudyIndicator } from '../domain/study/study.js';

export const BASELINE_COLUMNS = ['indicator', 'municipality', 'period', 'value', 'source', 'definition'] as const;
export type BaselineColumn = (typeof BASELINE_COLUMNS)[number];

/** A municipality's three-digit code, or the whole country. */
export type BaselineArea = string;
export const NATIONAL = 'national';

export type BaselinePeriod =
  | { kind: 'year'; year: number; text: string }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4; text: string }
  | { kind: 'month'; year: number; month: number; text: string };

export interface BaselineRow {
  /** Where the row starts in the file (1 is the header). */
  line: number;
  indicator: StudyIndicator;
  /** A municipality's three-digit code ('0101' is read as '101'), or `national`. */
  municipality: BaselineArea;
  period: BaselinePeriod;
  value: number;
  /** Who published the figure and where: a citation or a URL. */
  source: string;
  /** How the source defines the figure, in its own terms. */
  definition: string;
  /** The source begins with `SYNTHETIC`: a made-up figure, never to be shown as a real one. */
  synthetic: boolean;
}

/** One thing wrong with the file, where it is, in plain English. */
export interface BaselineProblem {
  line: number;
  /** Absent when the problem is the whole line (the header, the number of fields, a duplicate). */
  column?: BaselineColumn;
  message: string;
}

export type BaselineReading = { status: 'valid'; rows: BaselineRow[] } | { status: 'invalid'; problems: BaselineProblem[] };

/** `line 4, column period: …` — how a problem is shown to whoever prepared the file. */
export const describeProblem = (p: BaselineProblem) => `line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}: ${p.message}`;

/** The baseline file was refused; `problems` lists every fault found, each with its line and column. */
export class BaselineInvalid extends DomainError {
  readonly kind = 'invalid' as const;
  readonly code = 'baseline_invalid';
  constructor(readonly problems: readonly BaselineProblem[]) {
    super(`the baseline file was refused: ${problems.map(describeProblem).join('; ')}`, { problems: problems.length, firstLine: problems[0]?.line ?? null });
  }
}

/** The rows of a valid baseline file; throws `BaselineInvalid` naming every fault otherwise. */
export function parseBaseline(input: string | Uint8Array): { rows: BaselineRow[] } {
  const reading = readBaseline(input);
  if (reading.status === 'invalid') throw new BaselineInvalid(reading.problems);
  return { rows: reading.rows };
}

/** Reads a baseline file and reports every fault at once, so it can be fixed in one pass. */
export function readBaseline(input: string | Uint8Array): BaselineReading {
  const text = decode(input);
  if (typeof text !== 'string') return { status: 'invalid', problems: [text] };
  const { records, problems } = splitRecords(text);
  if (problems.length > 0) return { status: 'invalid', problems };

  const [header, ...body] = records;
  const expected = BASELINE_COLUMNS.join(',');
  if (header === undefined) return { status: 'invalid', problems: [{ line: 1, message: `the file is empty; it must begin with the header ${expected}` }] };
  if (header.fields.join(',') !== expected) {
    return { status: 'invalid', problems: [{ line: header.line, message: `the header must be exactly ${expected}, but it is ${quote(header.fields.join(','))}` }] };
  }

  const rows: BaselineRow[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    if (record.fields.length !== BASELINE_COLUMNS.length) {
      problems.push({ line: record.line, message: `expected ${BASELINE_COLUMNS.length} fields (${BASELINE_COLUMNS.join(', ')}), found ${record.fields.length}` });
      continue;
    }
    const row = readRow(record, problems);
    if (row === undefined) continue;
    const key = [row.indicator, row.municipality, row.period.text].join('|');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ line: row.line, message: `${row.indicator} for ${row.municipality} in ${row.period.text} is already given on line ${earlier}; each indicator, municipality and period may appear once` });
      continue;
    }
    seen.set(key, row.line);
    rows.push(row);
  }
  return problems.length > 0 ? { status: 'invalid', problems } : { status: 'valid', rows };
}

// ——— The rows ———

const INDICATORS: ReadonlySet<string> = new Set(STUDY_INDICATORS);
const MUNICIPALITY_CODES: ReadonlySet<string> = new Set(MUNICIPALITIES.map((m) => m.code));

function readRow(record: CsvRecord, problems: BaselineProblem[]): BaselineRow | undefined {
  const field = (column: BaselineColumn) => (record.fields[BASELINE_COLUMNS.indexOf(column)] ?? '').trim();
  const before = problems.length;
  const fault = (column: BaselineColumn, message: string) => {
    problems.push({ line: record.line, column, message });
    return undefined;
  };

  const indicatorText = field('indicator');
  const indicator = INDICATORS.has(indicatorText)
    ? (indicatorText as StudyIndicator)
    : fault('indicator', indicatorText === '' ? 'an indicator is required' : `${quote(indicatorText)} is not an indicator; use one of ${STUDY_INDICATORS.join(', ')}`);

  const municipality = readMunicipality(field('municipality'));
  if (typeof municipality !== 'string') fault('municipality', municipality.message);

  const period = readPeriod(field('period'));
  if ('message' in period) fault('period', period.message);

  const value = readValue(field('value'));
  if (typeof value !== 'number') fault('value', value.message);

  const source = field('source');
  if (source === '') fault('source', 'a source is required: who published the figure and where (a citation or a URL)');

  const definition = field('definition');
  if (definition === '') fault('definition', 'a definition is required: how the source defines the figure');

  if (problems.length > before || indicator === undefined || typeof municipality !== 'string' || 'message' in period || typeof value !== 'number') return undefined;
  return { line: record.line, indicator, municipality, period, value, source, definition, synthetic: source.startsWith('SYNTHETIC') };
}

interface Fault {
  message: string;
}

function readMunicipality(text: string): BaselineArea | Fault {
  if (text === NATIONAL) return NATIONAL;
  if (text === '') return { message: `a municipality is required: its three-digit code (101 for København) or ${NATIONAL}` };
  // The register often writes codes with a leading zero (0101); both mean København.
  const code = /^0\d{3}$/.test(text) ? text.slice(1) : text;
  if (MUNICIPALITY_CODES.has(code)) return code;
  return { message: `${quote(text)} is not a municipality code; use the official three-digit code (101 for København) or ${NATIONAL}` };
}

function readPeriod(text: string): BaselinePeriod | Fault {
  const shape = 'a period is a year (2024), a quarter (2024-Q1) or a month (2024-01)';
  if (text === '') return { message: `a period is required; ${shape}` };
  let m = /^(\d{4})$/.exec(text);
  if (m) return { kind: 'year', year: Number(m[1]), text };
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4, text };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]), text };
  return { message: `${quote(text)} is not a period; ${shape}` };
}

function readValue(text: string): number | Fault {
  if (text === '') return { message: 'a value is required: a number such as 12 or 0.35' };
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  // Danish spreadsheets write 0,35 and 1.234,5; say so rather than guess which was meant.
  if (/^-?[\d.]*,[\d.,]*$/.test(text)) return { message: `${quote(text)} is not a number with a dot as the decimal separator; write 0.35, not 0,35, and no thousands separators` };
  return { message: `${quote(text)} is not a number; write a decimal number with a dot, such as 12 or 0.35` };
}

// ——— The file: UTF-8 and RFC 4180 ———

function decode(input: string | Uint8Array): string | BaselineProblem {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    // The decoder drops a leading byte-order mark; `fatal` refuses bytes that are not UTF-8.
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return { line: 1, message: 'the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)' };
  }
}

interface CsvRecord {
  /** The line the record starts on; a quoted field may carry it over several lines. */
  line: number;
  fields: string[];
}

/**
 * Splits RFC 4180 text into records: fields separated by commas, records by CRLF (or LF), a field
 * in double quotes may hold commas, line breaks and "" for a quote. Blank lines are skipped.
 */
function splitRecords(text: string): { records: CsvRecord[]; problems: BaselineProblem[] } {
  const records: CsvRecord[] = [];
  const problems: BaselineProblem[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let broken = false;
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) {
            problems.push({ line: start, message: `a quoted field (field ${fields.length + 1}) opened here is never closed` });
            return { records, problems };
          }
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r' && !broken) {
          broken = true;
          problems.push({ line, message: `field ${fields.length + 1} has text after its closing quote; quote the whole field and write "" for a quote inside it` });
        }
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"' && !broken) {
          broken = true;
          problems.push({ line, message: `field ${fields.length + 1} has a quote inside an unquoted field; quote the whole field and write "" for a quote inside it` });
        }
        value += text[i];
        i++;
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    // The end of the record: CRLF, LF, a lone CR, or the end of the text.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank && !broken) records.push({ line: start, fields });
  }
  return { records, problems };
}

/** A value quoted back to whoever wrote it, cut short so a long source does not swamp the message. */
const quote = (value: string) => `“${value.length > 60 ? `${value.slice(0, 57)}…` : value}”`;
