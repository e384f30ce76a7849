/**
 * The baseline of today's job-centre figures beside Virkelyst's own (issue 12). The file is read
 * from `BASELINE_FILE` (a path), by default the shipped synthetic example, and checked by
 * src/research/baseline.ts; a file that is refused is reported with every problem, never shown in
 * part. Made-up rows stay marked as such everywhere they are shown.
 */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { type BaselineProblem, type BaselineRow, readBaseline } from '../../research/baseline.js';
import { coveringEntries, type IndicatorId, type OwnFigure, ownFigure } from '../../research/indicators.js';
import { indicatorLines, indicatorTable } from './queries.js';

/** The shipped, clearly labelled synthetic example. */
export const SYNTHETIC_BASELINE = fileURLToPath(new URL('../../../data/baseline/synthetic-example.csv', import.meta.url));

/** Where the baseline is read from: `BASELINE_FILE`, else the synthetic example. */
export const baselineFile = (env: NodeJS.ProcessEnv = process.env) => (env.BASELINE_FILE && env.BASELINE_FILE.trim() !== '' ? env.BASELINE_FILE : SYNTHETIC_BASELINE);

export type LoadedBaseline =
  | { status: 'valid'; file: string; rows: BaselineRow[]; synthetic: boolean }
  | { status: 'invalid'; file: string; problems: BaselineProblem[] }
  | { status: 'missing'; file: string };

let cached: { file: string; mtimeMs: number; loaded: LoadedBaseline } | undefined;

/** The baseline file, read again only when it changed. */
export async function loadBaseline(file = baselineFile()): Promise<LoadedBaseline> {
  let mtimeMs: number;
  try {
    mtimeMs = (await fs.stat(file)).mtimeMs;
  } catch {
    return { status: 'missing', file };
  }
  if (cached && cached.file === file && cached.mtimeMs === mtimeMs) return cached.loaded;
  const reading = readBaseline(await fs.readFile(file));
  const loaded: LoadedBaseline =
    reading.status === 'valid' ? { status: 'valid', file, rows: reading.rows, synthetic: reading.rows.some((r) => r.synthetic) } : { status: 'invalid', file, problems: reading.problems };
  cached = { file, mtimeMs, loaded };
  return loaded;
}

/** One baseline figure and Virkelyst's own for the same indicator, municipality and period. */
export interface Comparison {
  baseline: BaselineRow;
  own: OwnFigure;
}

/**
 * The baseline's rows of one indicator and year, each beside Virkelyst's own figure: only where
 * the published tables (by municipality, per quarter and per month) show the same group and
 * period, and it holds 10 citizens or more. A figure shown beside the baseline is no second,
 * unprotected table.
 */
export async function compareWithBaseline(db: Kysely<any>, rows: readonly BaselineRow[], indicator: IndicatorId, year: number): Promise<Comparison[]> {
  const chosen = rows.filter((r) => r.indicator === indicator && r.period.year === year);
  if (chosen.length === 0) return [];
  const [quarter, month, lines] = await Promise.all([
    indicatorTable(db, { indicator, by: 'municipality', per: 'quarter', year }),
    chosen.some((r) => r.period.kind === 'month') ? indicatorTable(db, { indicator, by: 'municipality', per: 'month', year }) : Promise.resolve(null),
    indicatorLines(db, indicator, year),
  ]);
  const none = { group: null, period: null, category: null, citizens: 0, num: 0, den: 0, median: null };
  return chosen.map((baseline) => ({
    baseline,
    own: ownFigure(indicator, coveringEntries({ quarter, month }, baseline.municipality, baseline.period), lines.get(`${baseline.municipality}|${baseline.period.text}`) ?? none),
  }));
}
