/** The indicators out of the system: CSV (formula-safe, Danish or international numbers) and an SVG chart. */
import { municipalityByCode } from '../../domain/centre/municipalities.js';
import { INDICATORS, type IndicatorTable, type PublishedCell } from '../../research/indicators.js';

export type NumberFormat = 'da' | 'en';

function cell(value: string, separator: string): string {
  return value.includes(separator) || /["\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
/** Text from outside our own code (a centre's name): a spreadsheet must never run it as a formula. */
const typed = (value: string) => value.replace(/[\t\r\n]/g, ' ').replace(/(^|[,;|])([=+\-@])/g, "$1'$2");

const number = (value: number | null, format: NumberFormat) => (value === null ? '' : format === 'da' ? String(value).replace('.', ',') : String(value));

/** What a suppressed cell says, in the file. */
export const SUPPRESSED_MARK = { da: 'diskretioneret', en: 'suppressed' } as const;

/**
 * One line per cell and total: indicator, group, its name, period, category, citizens, value and
 * whether it is suppressed (then neither citizens nor value is given) or a benchmark.
 */
export function indicatorCsv(table: IndicatorTable, labels: ReadonlyMap<string, string>, format: NumberFormat): string {
  const sep = format === 'da' ? ';' : ',';
  const words =
    format === 'da'
      ? { indicator: 'Indikator', group: table.by === 'centre' ? 'Center' : 'Kommune', name: 'Navn', period: 'Periode', category: 'Kategori', citizens: 'Borgere', value: 'Værdi', status: 'Status', total: 'I alt', benchmark: 'benchmark' }
      : { indicator: 'Indicator', group: table.by === 'centre' ? 'Centre' : 'Municipality', name: 'Name', period: 'Period', category: 'Category', citizens: 'Citizens', value: 'Value', status: 'Status', total: 'Total', benchmark: 'benchmark' };
  const name = (group: string) => typed(labels.get(group) ?? (table.by === 'municipality' ? (municipalityByCode(group)?.name ?? group) : group));
  const line = (group: string, label: string, period: string, category: string, c: PublishedCell & { benchmark?: boolean }) => [
    table.indicator,
    group,
    label,
    period,
    category,
    c.citizens === null ? '' : String(c.citizens),
    number(c.value, format),
    c.suppressed ? SUPPRESSED_MARK[format] : c.benchmark ? words.benchmark : '',
  ];
  const byPeriod = table.columnsAre === 'period';
  const rows: string[][] = [[words.indicator, words.group, words.name, words.period, words.category, words.citizens, words.value, words.status]];
  table.rows.forEach((r, i) => {
    table.columns.forEach((c, j) => rows.push(line(r.group, name(r.group), byPeriod ? c : (r.period ?? ''), byPeriod ? '' : c, table.cells[i]![j]!)));
    rows.push(line(r.group, name(r.group), byPeriod ? words.total : (r.period ?? ''), byPeriod ? '' : words.total, table.rowTotals[i]!));
  });
  table.columns.forEach((c, j) => rows.push(line(words.total, words.total, byPeriod ? c : words.total, byPeriod ? '' : c, table.columnTotals[j]!)));
  rows.push(line(words.total, words.total, words.total, byPeriod ? '' : words.total, table.grandTotal));
  return `${rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join('\r\n')}\r\n`;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The column totals as bars (the whole country, or all groups, per period or category): a
 * suppressed total is drawn as an empty, dashed bar marked "–", never as a value.
 */
export function indicatorSvg(table: IndicatorTable, language: 'da' | 'en', columnLabel: (column: string) => string): string {
  const definition = INDICATORS[table.indicator];
  const title = `${definition.name[language]} ${table.year}`;
  const values = table.columnTotals.map((t) => t.value);
  const max = Math.max(...values.map((v) => v ?? 0), definition.unit === 'share' ? 1 : 0, 1e-9);
  const width = 640;
  const height = 320;
  const left = 60;
  const right = 20;
  const top = 40;
  const bottom = 70;
  const n = Math.max(table.columns.length, 1);
  const slot = (width - left - right) / n;
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const format = (v: number) => (definition.unit === 'share' ? `${Math.round(v * 100)} %` : language === 'da' ? String(Math.round(v * 10) / 10).replace('.', ',') : String(Math.round(v * 10) / 10));
  const suppressedText = language === 'da' ? 'diskretioneret' : 'suppressed';
  const bars = table.columns.map((column, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const label = escapeXml(columnLabel(column));
    const t = table.columnTotals[i]!;
    const labelY = height - bottom + 14;
    const under = `<text x="${(x + w / 2).toFixed(1)}" y="${labelY}" font-family="sans-serif" font-size="10" text-anchor="end" transform="rotate(-35 ${(x + w / 2).toFixed(1)} ${labelY})">${label}</text>`;
    if (t.suppressed || t.value === null) {
      const mark = t.suppressed ? `<text x="${(x + w / 2).toFixed(1)}" y="${(y(0) - 6).toFixed(1)}" font-family="sans-serif" font-size="11" text-anchor="middle">–</text>` : '';
      return `<g class="${t.suppressed ? 'suppressed' : 'empty'}"><title>${label}: ${t.suppressed ? suppressedText : '–'}</title>${t.suppressed ? `<rect x="${x.toFixed(1)}" y="${y(max * 0.1).toFixed(1)}" width="${w.toFixed(1)}" height="${(y(0) - y(max * 0.1)).toFixed(1)}" fill="none" stroke="#767676" stroke-dasharray="4 3"/>` : ''}${mark}${under}</g>`;
    }
    return `<g class="bar"><title>${label}: ${escapeXml(format(t.value))}</title><rect x="${x.toFixed(1)}" y="${y(t.value).toFixed(1)}" width="${w.toFixed(1)}" height="${(y(0) - y(t.value)).toFixed(1)}" fill="#0059b3"/><text x="${(x + w / 2).toFixed(1)}" y="${(y(t.value) - 4).toFixed(1)}" font-family="sans-serif" font-size="10" text-anchor="middle">${escapeXml(format(t.value))}</text>${under}</g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="24" font-family="sans-serif" font-size="14">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${y(0).toFixed(1)}" x2="${width - right}" y2="${y(0).toFixed(1)}" stroke="#767676"/>`,
    `<text x="${left - 6}" y="${(y(max) + 4).toFixed(1)}" font-family="sans-serif" font-size="10" text-anchor="end">${escapeXml(format(max))}</text>`,
    ...bars,
    '</svg>',
  ].join('\n');
}
