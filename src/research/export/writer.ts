/**
 * Writes a study's export with DuckDB: facts stream in page by page, become rows (rows.ts), and
 * are appended to a table in a DuckDB database file of the export's own; DuckDB then sorts (and,
 * for `count`, groups) them out of core and writes typed, compressed Parquet or CSV. Nothing holds
 * a whole national export in memory: a page of facts at a time in Node, and DuckDB within its
 * memory limit, spilling to its temporary directory.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ExportFormat } from '../../domain/study/study.js';
import type { ResearchFact } from '../facts.js';
import type { StudyPseudonymiser } from '../pseudonym.js';
import { type DataDictionary, type DictionaryStudy, dataDictionary, dictionaryMarkdown } from './dictionary.js';
import { type Cell, exportRow, rowColumns } from './rows.js';

/** Facts of a period, page by page (src/projections/research/queries.ts `researchFacts`). */
export type FactPages = AsyncIterable<readonly ResearchFact[]>;

export interface ExportProgress {
  /** Facts read so far, and rows appended from them (facts outside the period make none). */
  facts: number;
  rows: number;
  /** `reading` while facts stream in; `writing` while DuckDB sorts and writes the file. */
  stage: 'reading' | 'writing';
}

export interface WrittenExport {
  /** The data file, in `dir`. */
  file: string;
  format: ExportFormat;
  /** Rows in the file. */
  rows: number;
  /** Facts read from the source. */
  facts: number;
}

/** DuckDB's working limits for one export: it spills to disk beyond them. */
const DUCKDB_SETTINGS = { memory_limit: '256MB', threads: '2', preserve_insertion_order: 'false' };
/** A cell of the staged rows: empty for none, text quoted when it holds a comma, a quote or a line break (no declared value does). */
const csvCell = (cell: Cell) => (cell === null ? '' : typeof cell === 'number' ? String(cell) : /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The file's name: the study and the format, nothing more. */
export const exportFileName = (studyId: string, format: ExportFormat) => `study-${studyId}.${format}`;

/**
 * Writes the study's rows from `facts` to `dir/<file>`, in `format`. The caller decides who may
 * have it; this only makes it. Returns what was written.
 */
export async function writeStudyExport(options: {
  study: DictionaryStudy;
  facts: FactPages;
  pseudonym: StudyPseudonymiser;
  format: ExportFormat;
  dir: string;
  /** When the export is made: written into a Parquet file's metadata. */
  madeAt: string;
  onProgress?(progress: ExportProgress): void;
}): Promise<WrittenExport> {
  const { study, format } = options;
  const columns = rowColumns(study.exportFields);
  const counted = study.exportFields.includes('count');
  const file = exportFileName(study.studyId, format);
  const target = path.join(options.dir, file);
  const pseudonym = remembered(options.pseudonym);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-export-'));
  const instance = await DuckDBInstance.create(path.join(work, 'export.duckdb'), { ...DUCKDB_SETTINGS, temp_directory: path.join(work, 'spill') });
  const connection = await instance.connect();
  let out: WriteStream | undefined;
  try {
    // Rows go to a plain CSV file of the export's own first (one write per page, with back-pressure),
    // which DuckDB then reads with the columns' declared types: far faster than appending value by
    // value through the bindings. A study that asked only for `count` has no row column: one of nothing.
    const staged = path.join(work, 'rows.csv');
    out = createWriteStream(staged);
    const staging = out;
    let facts = 0;
    let appended = 0;
    for await (const page of options.facts) {
      let text = '';
      for (const fact of page) {
        const row = exportRow(fact, study.exportFields, study.period, pseudonym);
        if (!row) continue;
        text += columns.length === 0 ? 'x\n' : `${row.map(csvCell).join(',')}\n`;
        appended += 1;
      }
      facts += page.length;
      if (text.length > 0 && !staging.write(text)) await once(staging, 'drain');
      options.onProgress?.({ facts, rows: appended, stage: 'reading' });
    }
    await new Promise<void>((resolve, reject) => staging.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const declared = columns.length > 0 ? columns.map((c) => `${quote(c.name)}: ${quote(c.type)}`).join(', ') : `'_': 'VARCHAR'`;
    await connection.run(
      `create table export_rows as select * from read_csv(${quote(staged)}, header = false, delim = ',', quote = '"', escape = '"', nullstr = '', auto_detect = false, columns = {${declared}})`,
    );
    await fs.rm(staged, { force: true });
    options.onProgress?.({ facts, rows: appended, stage: 'writing' });

    const names = columns.map((c) => ident(c.name));
    // Sorted by the columns, never in the log's order: rows in the order events happened would
    // pair up two studies' pseudonyms row by row.
    const select = counted
      ? names.length > 0
        ? `select ${names.join(', ')}, count(*)::INTEGER as "count" from export_rows group by ${names.join(', ')} order by ${names.join(', ')}`
        : `select count(*)::INTEGER as "count" from export_rows`
      : `select ${names.join(', ')} from export_rows order by ${names.join(', ')}`;
    const dictionary = dataDictionary(study, { file, format, madeAt: options.madeAt, rows: 0 });
    const options_ =
      format === 'parquet'
        ? `format parquet, compression zstd, kv_metadata {${quote('virkelyst.study')}: ${quote(study.studyId)}, ${quote('virkelyst.dictionary')}: ${quote(JSON.stringify(withoutRows(dictionary)))}}`
        : `format csv, header true, delimiter ','`;
    await fs.mkdir(options.dir, { recursive: true });
    await connection.run(`copy (${select}) to ${quote(target)} (${options_})`);
    const counting = await connection.runAndReadAll(counted ? `select count(*)::INTEGER as n from (${select})` : `select count(*)::INTEGER as n from export_rows`);
    const rows = Number(counting.getRows()[0]?.[0] ?? 0);
    return { file, format, rows, facts };
  } finally {
    out?.destroy();
    connection.closeSync();
    instance.closeSync();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** A citizen's pseudonym computed once while their rows come (a citizen has many facts), in bounded memory. */
function remembered(pseudonym: StudyPseudonymiser): StudyPseudonymiser {
  const known = new Map<string, string>();
  return (citizenId) => {
    let p = known.get(citizenId);
    if (p === undefined) {
      if (known.size >= 200_000) known.clear();
      p = pseudonym(citizenId);
      known.set(citizenId, p);
    }
    return p;
  };
}

/** The dictionary in a Parquet file's metadata: the row count is the file's own (in its footer). */
function withoutRows(d: DataDictionary): Omit<DataDictionary, 'export'> & { export?: Omit<NonNullable<DataDictionary['export']>, 'rows'> } {
  if (!d.export) return d;
  const { rows: _rows, ...made } = d.export;
  return { ...d, export: made };
}

/** Writes the dictionary beside an export: `dictionary.md` for people, `dictionary.json` for programs. */
export async function writeDictionary(dir: string, dictionary: DataDictionary): Promise<{ markdown: string; json: string }> {
  const markdown = path.join(dir, 'dictionary.md');
  const json = path.join(dir, 'dictionary.json');
  await fs.writeFile(markdown, dictionaryMarkdown(dictionary));
  await fs.writeFile(json, `${JSON.stringify(dictionary, null, 2)}\n`);
  return { markdown, json };
}
