/**
 * The researcher's pages (issue 12), under /forskning: the indicators as tables and charts, by
 * centre or municipality and by month or quarter, every cell under disclosure control, each
 * indicator's definition, and today's job-centre figures (the baseline) beside ours, saying
 * where the definitions differ. For researchers, administrators and auditors (INDICATOR_READERS,
 * the same as the API). The studies' exports are at /forskning/studier (the studies' own pages).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { municipalityByCode } from '../../domain/centre/municipalities.js';
import { OFFER_KIND_LABELS, OUTCOME_LABELS } from '../../i18n/records.js';
import { type Comparison, compareWithBaseline, type LoadedBaseline, loadBaseline } from '../../projections/research/baseline.js';
import { indicatorCsv } from '../../projections/research/export.js';
import { groupLabels, indicatorTable } from '../../projections/research/queries.js';
import { AGAIN_AFTER_DAYS, wellBeingTable } from '../../projections/research/wellbeing.js';
import type { PublishedCount } from '../../research/disclosure.js';
import { MIN_BENCHMARK_GROUP, MIN_PUBLISHED_COUNT } from '../../research/disclosure.js';
import {
  FIRST_YEAR,
  type Grouping,
  INDICATOR_IDS,
  INDICATOR_READERS,
  type IndicatorDefinition,
  type IndicatorId,
  type IndicatorTable,
  INDICATORS,
  LAST_YEAR,
  type PeriodKind,
  type PublishedCell,
  type PublishedTotal,
  thisYear,
} from '../../research/indicators.js';
import { alert, button, type FieldError, getForm, select, table, type TableCell } from '../components.js';
import { html, type Html } from '../html.js';
import { FIRST_CONTACT_LABELS, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { sendPage } from '../request.js';
import { asRole, hide, queryOf, type WebArea, type WebOptions } from './shared.js';

export const RESEARCH_HOME = '/forskning';
export const RESEARCH_CSV = '/forskning/indikatorer.csv';
export const STUDIES_PATH = '/forskning/studier';
export const WELLBEING_TABLE_PATH = '/forskning/trivsel';

const W = {
  title: { da: 'Trivsel (WHO-5) blandt dem, der selv valgte at svare', en: 'Well-being (WHO-5) among those who chose to answer' },
  intro: {
    da: 'Borgerne kan frivilligt besvare WHO-5 Trivselsindeks på Mine sider. Her er svarene samlet efter, hvor borgeren var, da de svarede første gang i året: hvor mange svarede, deres gennemsnitlige score (0–100) første gang, hvor mange svarede igen mindst {days} dage senere, og den gennemsnitlige ændring fra første til seneste svar. Kun dem, der selv valgte at svare, er med: tallene siger intet om dem, der ikke svarede.',
    en: 'Citizens may answer the WHO-5 Well-Being Index on My pages if they wish. Here the answers are gathered by where the citizen was when they first answered in the year: how many answered, their mean score (0–100) the first time, how many answered again at least {days} days later, and the mean change from first to latest answer. Only those who chose to answer are counted: the figures say nothing of those who did not.',
  },
  caption: { da: 'WHO-5 {year}', en: 'WHO-5 {year}' },
  group: { da: 'Hvor', en: 'Where' },
  answered: { da: 'Svarede', en: 'Answered' },
  firstMean: { da: 'Gns. score første gang', en: 'Mean score, first answer' },
  again: { da: 'Svarede igen', en: 'Answered again' },
  change: { da: 'Gns. ændring', en: 'Mean change' },
  total: { da: 'I alt', en: 'Total' },
  suppressed: { da: 'udeladt', en: 'suppressed' },
  rule: {
    da: 'Antal under {min} borgere udelades, og flere hvor det skal til, så intet udeladt tal kan regnes ud af de andre; et gennemsnit vises kun, hvor dets antal vises.',
    en: 'Counts under {min} citizens are suppressed, and more where needed so that no suppressed count can be worked out from the others; a mean is shown only where its count is.',
  },
  link: { da: 'Trivsel (WHO-5) blandt dem, der selv valgte at svare', en: 'Well-being (WHO-5) among those who chose to answer' },
} satisfies Record<string, Message>;

const T = {
  title: { da: 'Forskning: indikatorerne', en: 'Research: the indicators' },
  lead: {
    da: 'Virkelysts egne tal, opgjort på samme måde for alle centre, og dagens jobcentertal ved siden af. Alle tal er optællinger af borgere; ingen enkelt borger kan findes i dem.',
    en: 'Virkelyst’s own figures, counted the same way for every centre, with today’s job-centre figures beside them. Every figure is a count of citizens; no single citizen can be found in them.',
  },
  studies: { da: 'Dine studier og deres eksporter', en: 'Your studies and their exports' },
  choose: { da: 'Vælg tal', en: 'Choose figures' },
  indicator: { da: 'Indikator', en: 'Indicator' },
  by: { da: 'Opdelt efter', en: 'Broken down by' },
  centre: { da: 'Center', en: 'Centre' },
  municipality: { da: 'Kommune', en: 'Municipality' },
  per: { da: 'Periode', en: 'Period' },
  month: { da: 'Måned', en: 'Month' },
  quarter: { da: 'Kvartal', en: 'Quarter' },
  year: { da: 'År', en: 'Year' },
  show: { da: 'Vis', en: 'Show' },
  definition: { da: 'Definition', en: 'Definition' },
  population: { da: 'Hvem tælles', en: 'Who is counted' },
  differs: { da: 'Forskel fra jobcentrenes tal', en: 'How it differs from job centres’ figures' },
  ruleHeading: { da: 'Diskretionering', en: 'Disclosure control' },
  rule: {
    da: 'Celler og totaler med 1–{small} borgere vises ikke (markeret «–»), og flere celler skjules, hvor det er nødvendigt, så en skjult celle aldrig kan regnes ud af de andre tal eller totalerne. Totaler er summen af deres celler (en borger, der er med i to måneder, tælles i begge). En gruppe vises kun som sammenligningsgrundlag (benchmark) med mindst {benchmark} borgere.',
    en: 'Cells and totals of 1–{small} citizens are not shown (marked “–”), and further cells are hidden where needed, so that a hidden cell can never be worked out from the other figures or the totals. Totals are the sums of their cells (a citizen counted in two months counts in both). A group is shown as a benchmark only with at least {benchmark} citizens.',
  },
  suppressed: { da: 'skjult af hensyn til diskretion', en: 'hidden for disclosure control' },
  chartTitle: { da: '{name}, {year}, alle {groups} i alt', en: '{name}, {year}, all {groups} together' },
  chartDesc: {
    da: 'Søjlediagram med én søjle pr. {columns}: værdien for alle {groups} tilsammen. En stiplet, tom søjle er skjult af hensyn til diskretion. Tallene står også i tabellen herunder.',
    en: 'Bar chart with one bar per {columns}: the value for all {groups} together. A dashed, empty bar is hidden for disclosure control. The numbers are also in the table below.',
  },
  centres: { da: 'centre', en: 'centres' },
  municipalities: { da: 'kommuner', en: 'municipalities' },
  periodWord: { da: 'periode', en: 'period' },
  categoryWord: { da: 'kategori', en: 'category' },
  tableCaption: { da: '{name} {year}: værdi (antal borgere)', en: '{name} {year}: value (number of citizens)' },
  total: { da: 'I alt', en: 'Total' },
  benchmark: { da: 'benchmark', en: 'benchmark' },
  none: { da: 'Ingen borgere er talt med i {year} endnu.', en: 'No citizens are counted in {year} yet.' },
  csv: { da: 'Hent tabellen som CSV', en: 'Download the table as CSV' },
  baselineHeading: { da: 'Dagens jobcentre ved siden af', en: 'Today’s job centres beside it' },
  baselineSynthetic: {
    da: 'Sammenligningstallene herunder er SYNTETISKE: opdigtede til demonstration, ikke rigtige jobcentertal. Brug dem ikke som sådan.',
    en: 'The comparison figures below are SYNTHETIC: made up for the demonstration, not real job-centre figures. Do not use them as such.',
  },
  baselineMissing: { da: 'Der er ingen fil med sammenligningstal.', en: 'There is no file of comparison figures.' },
  baselineInvalid: { da: 'Filen med sammenligningstal blev afvist:', en: 'The file of comparison figures was refused:' },
  baselineNone: { da: 'Filen har ingen tal for denne indikator i {year}.', en: 'The file has no figures for this indicator in {year}.' },
  baselineCaption: { da: 'Jobcentrenes tal og Virkelysts for {name}, {year}', en: 'Job centres’ figures and Virkelyst’s for {name}, {year}' },
  area: { da: 'Område', en: 'Area' },
  national: { da: 'Hele landet', en: 'The whole country' },
  theirs: { da: 'Jobcentrenes tal', en: 'Job centres’ figure' },
  ours: { da: 'Virkelysts tal', en: 'Virkelyst’s figure' },
  source: { da: 'Kilde', en: 'Source' },
  theirDefinition: { da: 'Kildens definition', en: 'The source’s definition' },
  tooFew: { da: 'færre end {n} borgere', en: 'fewer than {n} citizens' },
  noSingle: { da: 'intet enkelt tal at sammenligne', en: 'no single figure to compare' },
  badIndicator: { da: 'Vælg en af indikatorerne på listen', en: 'Choose one of the indicators in the list' },
  badBy: { da: 'Vælg center eller kommune', en: 'Choose centre or municipality' },
  badPer: { da: 'Vælg måned eller kvartal', en: 'Choose month or quarter' },
  badYear: { da: 'Vælg et år fra {from} til {to}', en: 'Choose a year from {from} to {to}' },
} satisfies Record<string, Message>;

/** The query's words (Danish, as the house's paths are) and what they mean. */
const BY: Record<string, Grouping> = { center: 'centre', kommune: 'municipality' };
const PER: Record<string, PeriodKind> = { maaned: 'month', kvartal: 'quarter' };
const wordOf = <V extends string>(map: Record<string, V>, value: V) => Object.entries(map).find(([, v]) => v === value)![0];


interface Choice {
  indicator: IndicatorId;
  by: Grouping;
  per: PeriodKind;
  year: number;
}

/** What the query asks for, or the fields it got wrong. */
function choiceOf(request: FastifyRequest, lang: Lang): { choice: Choice; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const indicatorText = queryOf(request, 'indikator');
  const byText = queryOf(request, 'efter');
  const perText = queryOf(request, 'per');
  const yearText = queryOf(request, 'aar');
  const indicator = indicatorText === undefined ? 'contacts_per_citizen' : (INDICATOR_IDS as readonly string[]).includes(indicatorText) ? (indicatorText as IndicatorId) : null;
  if (indicator === null) errors.push({ field: 'indikator', message: say(lang, T.badIndicator) });
  const by = byText === undefined ? 'municipality' : (BY[byText] ?? null);
  if (by === null) errors.push({ field: 'efter', message: say(lang, T.badBy) });
  const per = perText === undefined ? 'quarter' : (PER[perText] ?? null);
  if (per === null) errors.push({ field: 'per', message: say(lang, T.badPer) });
  const year = yearText === undefined ? thisYear() : /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  const yearOk = Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;
  if (!yearOk) errors.push({ field: 'aar', message: say(lang, T.badYear, { from: FIRST_YEAR, to: LAST_YEAR }) });
  return { choice: { indicator: indicator ?? 'contacts_per_citizen', by: by ?? 'municipality', per: per ?? 'quarter', year: yearOk ? year : thisYear() }, errors };
}

/** The years one may choose, newest first. */
const yearChoices = () => Array.from({ length: Math.max(1, thisYear() + 1 - FIRST_YEAR) }, (_, i) => FIRST_YEAR + i).reverse();

const queryString = (c: Choice) => `indikator=${c.indicator}&efter=${wordOf(BY, c.by)}&per=${wordOf(PER, c.per)}&aar=${c.year}`;

/** A value as the reader reads it: a share in per cent, days and amounts with a decimal comma in Danish. */
function formatValue(lang: Lang, definition: IndicatorDefinition, value: number | null): string {
  if (value === null) return '';
  const decimal = (x: number, digits: number) => {
    const text = x.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    return text;
  };
  switch (definition.unit) {
    case 'share':
      return `${decimal(value * 100, 1)} %`;
    case 'days':
      return `${decimal(value, 1)} ${lang === 'da' ? 'dage' : 'days'}`;
    case 'dkk':
      return `${decimal(value, 0)} kr.`;
    default:
      return decimal(value, 2);
  }
}

const QUARTER: Message = { da: '{q}. kvartal {year}', en: 'Q{q} {year}' };
const MONTHS: Record<Lang, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const PARTNER: Message = { da: 'medspillers tilbud', en: 'partner’s offer' };

function periodLabel(lang: Lang, period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return say(lang, QUARTER, { q: q[2]!, year: q[1]! });
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`;
  return period;
}

function columnLabel(lang: Lang, t: Pick<IndicatorTable, 'columnsAre'>, column: string): string {
  switch (t.columnsAre) {
    case 'period':
      return periodLabel(lang, column);
    case 'channel':
      return say(lang, FIRST_CONTACT_LABELS[column as keyof typeof FIRST_CONTACT_LABELS] ?? { da: column, en: column });
    case 'offer_kind':
      return column === 'partner' ? say(lang, PARTNER) : say(lang, OFFER_KIND_LABELS[column as keyof typeof OFFER_KIND_LABELS] ?? { da: column, en: column });
    case 'outcome_kind':
      return say(lang, OUTCOME_LABELS[column as keyof typeof OUTCOME_LABELS] ?? { da: column, en: column });
    default:
      return column;
  }
}

/** A cell as the table shows it: the value and the count, or the mark of a hidden cell with its reason for screen readers. */
function cellText(lang: Lang, definition: IndicatorDefinition, cell: PublishedCell | PublishedTotal): Html {
  if (cell.suppressed) return html`<span aria-hidden="true">–</span><span class="sr-only">${say(lang, T.suppressed)}</span>`;
  if (cell.citizens === 0) return html`0`;
  const benchmark = 'benchmark' in cell && cell.benchmark ? html` <span class="badge badge-small badge-info">${say(lang, T.benchmark)}</span>` : null;
  return html`${formatValue(lang, definition, cell.value)} <span class="text-nowrap">(${cell.citizens})</span>${benchmark}`;
}

/** The column totals as bars, drawn on the server: no script, no style attribute. */
function chart(lang: Lang, t: IndicatorTable, definition: IndicatorDefinition): Html {
  const groups = say(lang, t.by === 'centre' ? T.centres : T.municipalities);
  const title = say(lang, T.chartTitle, { name: say(lang, definition.name), year: t.year, groups });
  const desc = say(lang, T.chartDesc, { columns: say(lang, t.columnsAre === 'period' ? T.periodWord : T.categoryWord), groups });
  const width = 720;
  const height = 300;
  const left = 70;
  const right = 16;
  const top = 20;
  const bottom = 80;
  const values = t.columnTotals.map((c) => (c.suppressed ? null : c.value));
  const max = Math.max(definition.unit === 'share' ? 1 : 0, ...values.map((v) => v ?? 0)) || 1;
  const slot = (width - left - right) / Math.max(t.columns.length, 1);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const bars = t.columns.map((column, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const cx = x + w / 2;
    const label = columnLabel(lang, t, column);
    const total = t.columnTotals[i]!;
    const under = html`<text x="${cx.toFixed(1)}" y="${height - bottom + 14}" font-size="11" fill="#1a1a1a" text-anchor="end" transform="rotate(-40 ${cx.toFixed(1)} ${height - bottom + 14})">${label}</text>`;
    if (total.suppressed) {
      return html`<g><rect x="${x.toFixed(1)}" y="${y(max * 0.15).toFixed(1)}" width="${w.toFixed(1)}" height="${(y(0) - y(max * 0.15)).toFixed(1)}" fill="none" stroke="#595959" stroke-dasharray="4 3"></rect><text x="${cx.toFixed(1)}" y="${(y(0) - 6).toFixed(1)}" font-size="12" fill="#1a1a1a" text-anchor="middle">–</text>${under}</g>`;
    }
    const v = total.value ?? 0;
    return html`<g><rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${w.toFixed(1)}" height="${(y(0) - y(v)).toFixed(1)}" fill="#0059b3"></rect>${
      total.value === null ? null : html`<text x="${cx.toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" font-size="11" fill="#1a1a1a" text-anchor="middle">${formatValue(lang, definition, total.value)}</text>`
    }${under}</g>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="research-chart" width="100%" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="IBM Plex Sans, Arial, sans-serif">
<title id="chart-title">${title}</title>
<desc id="chart-desc">${desc}</desc>
<rect width="${width}" height="${height}" fill="#ffffff"></rect>
<line x1="${left}" y1="${y(0).toFixed(1)}" x2="${width - right}" y2="${y(0).toFixed(1)}" stroke="#595959"></line>
<text x="${left - 6}" y="${(y(max) + 4).toFixed(1)}" font-size="11" fill="#1a1a1a" text-anchor="end">${formatValue(lang, definition, max)}</text>
<text x="${left - 6}" y="${(y(0) + 4).toFixed(1)}" font-size="11" fill="#1a1a1a" text-anchor="end">0</text>
${bars}
</svg>`;
}

function indicatorSection(lang: Lang, t: IndicatorTable, labels: ReadonlyMap<string, string>, choice: Choice): Html {
  const definition = INDICATORS[t.indicator];
  if (t.rows.length === 0) return html`<p id="no-figures">${say(lang, T.none, { year: t.year })}</p>`;
  const groupLabel = (group: string) => labels.get(group) ?? (t.by === 'municipality' ? (municipalityByCode(group)?.name ?? group) : group);
  const byPeriod = t.columnsAre === 'period';
  const head = [
    { text: say(lang, t.by === 'centre' ? T.centre : T.municipality) },
    ...(byPeriod ? [] : [{ text: say(lang, T.per) }]),
    ...t.columns.map((c) => ({ text: columnLabel(lang, t, c), numeric: true })),
    { text: say(lang, T.total), numeric: true },
  ];
  const rows: TableCell[][] = t.rows.map((row, r) => [
    { value: groupLabel(row.group), header: true },
    ...(byPeriod ? [] : [{ value: periodLabel(lang, row.period ?? '') }]),
    ...t.cells[r]!.map((cell) => ({ value: cellText(lang, definition, cell), numeric: true })),
    { value: cellText(lang, definition, t.rowTotals[r]!), numeric: true },
  ]);
  const foot: TableCell[] = [
    { value: say(lang, T.total), header: true },
    ...(byPeriod ? [] : [{ value: '' }]),
    ...t.columnTotals.map((cell) => ({ value: cellText(lang, definition, cell), numeric: true })),
    { value: cellText(lang, definition, t.grandTotal), numeric: true },
  ];
  return html`<figure class="mt-5">${chart(lang, t, definition)}</figure>
${table(say(lang, T.tableCaption, { name: say(lang, definition.name), year: t.year }), head, rows, foot)}
<p><a href="${RESEARCH_CSV}?${queryString(choice)}" id="download-csv" download>${say(lang, T.csv)}</a></p>`;
}

function baselineSection(lang: Lang, loaded: LoadedBaseline, comparisons: readonly Comparison[], definition: IndicatorDefinition, year: number): Html {
  const heading = html`<h2 id="baseline">${say(lang, T.baselineHeading)}</h2>`;
  if (loaded.status === 'missing') return html`${heading}${alert('info', say(lang, T.baselineMissing))}`;
  if (loaded.status === 'invalid') {
    return html`${heading}<div class="alert alert-warning"><div class="alert-body"><p class="alert-heading">${say(lang, T.baselineInvalid)}</p><ul class="alert-text">${loaded.problems
      .slice(0, 20)
      .map((p) => html`<li>line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}</li>`)}</ul></div></div>`;
  }
  const synthetic = loaded.synthetic ? alert('warning', html`<strong>${say(lang, T.baselineSynthetic)}</strong>`, { id: 'baseline-synthetic' }) : null;
  if (comparisons.length === 0) return html`${heading}${synthetic}<p>${say(lang, T.baselineNone, { year })}</p>`;
  const area = (code: string) => (code === 'national' ? say(lang, T.national) : (municipalityByCode(code)?.name ?? code));
  const ours = (c: Comparison) =>
    c.own.withheld === 'too_few_citizens'
      ? say(lang, T.tooFew, { n: MIN_BENCHMARK_GROUP })
      : c.own.withheld === 'no_single_figure'
        ? say(lang, T.noSingle)
        : c.own.withheld === 'suppressed'
          ? say(lang, T.suppressed)
        : `${formatValue(lang, definition, c.own.value)} (${c.own.citizens})`;
  const rows: TableCell[][] = comparisons.map((c) => [
    { value: area(c.baseline.municipality), header: true },
    { value: periodLabel(lang, c.baseline.period.text) },
    { value: html`${formatValue(lang, definition, c.baseline.value)}${c.baseline.synthetic ? html` <span class="badge badge-small badge-warning">${lang === 'da' ? 'syntetisk' : 'synthetic'}</span>` : null}`, numeric: true },
    { value: ours(c), numeric: true },
    { value: c.baseline.source },
    { value: c.baseline.definition },
  ]);
  return html`${heading}${synthetic}
<p><strong>${say(lang, T.differs)}:</strong> ${say(lang, definition.differs)}</p>
${table(
  say(lang, T.baselineCaption, { name: say(lang, definition.name), year }),
  [{ text: say(lang, T.area) }, { text: say(lang, T.per) }, { text: say(lang, T.theirs), numeric: true }, { text: say(lang, T.ours), numeric: true }, { text: say(lang, T.source) }, { text: say(lang, T.theirDefinition) }],
  rows,
)}`;
}

function researchPage(
  context: PageContext,
  o: { choice: Choice; errors: readonly FieldError[]; table: IndicatorTable | null; labels: ReadonlyMap<string, string>; baseline: LoadedBaseline; comparisons: readonly Comparison[] },
): Html {
  const { lang } = context;
  const { choice } = o;
  const definition = INDICATORS[choice.indicator];
  const errorOf = (field: string) => o.errors.find((e) => e.field === field)?.message;
  const years = yearChoices();
  const form = getForm(
    RESEARCH_HOME,
    html`<fieldset><legend class="h3">${say(lang, T.choose)}</legend>
${select({ lang, id: 'indikator', label: say(lang, T.indicator), choices: INDICATOR_IDS.map((id) => ({ value: id, label: say(lang, INDICATORS[id].name) })), selected: choice.indicator, error: errorOf('indikator') })}
${select({ lang, id: 'efter', label: say(lang, T.by), choices: [{ value: 'kommune', label: say(lang, T.municipality) }, { value: 'center', label: say(lang, T.centre) }], selected: wordOf(BY, choice.by), error: errorOf('efter') })}
${select({ lang, id: 'per', label: say(lang, T.per), choices: [{ value: 'kvartal', label: say(lang, T.quarter) }, { value: 'maaned', label: say(lang, T.month) }], selected: wordOf(PER, choice.per), error: errorOf('per') })}
${select({ lang, id: 'aar', label: say(lang, T.year), choices: years.map((y) => ({ value: String(y), label: String(y) })), selected: String(choice.year), error: errorOf('aar') })}
${button(say(lang, T.show), { id: 'show' })}
</fieldset>`,
    'choose-figures',
  );
  const body = html`<p class="font-lead">${say(lang, T.lead)}</p>
<p><a href="${STUDIES_PATH}" id="studies-link">${say(lang, T.studies)}</a></p>
<p><a href="${WELLBEING_TABLE_PATH}" id="wellbeing-link">${say(lang, W.link)}</a></p>
${form}
<h2 id="indicator-name">${say(lang, definition.name)}</h2>
<dl>
<dt>${say(lang, T.definition)}</dt><dd>${say(lang, definition.definition)}</dd>
<dt>${say(lang, T.population)}</dt><dd>${say(lang, definition.population)}</dd>
</dl>
<div class="alert alert-info" id="disclosure-rule"><div class="alert-body"><p class="alert-heading">${say(lang, T.ruleHeading)}</p><p class="alert-text">${say(lang, T.rule, { small: MIN_PUBLISHED_COUNT - 1, benchmark: MIN_BENCHMARK_GROUP })}</p></div></div>
${o.table ? indicatorSection(lang, o.table, o.labels, choice) : null}
${o.errors.length === 0 ? baselineSection(lang, o.baseline, o.comparisons, definition, choice.year) : null}`;
  return page(context, { title: say(lang, T.title), body, errors: o.errors });
}

export const researchArea: WebArea = {
  segments: ['forskning'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, sessionKey } = options;
    const db = database.db;
    const asReader = (request: FastifyRequest, reply: FastifyReply) => asRole(request, reply, sessionKey, INDICATOR_READERS);

    app.get(RESEARCH_HOME, hide, async (request, reply) => {
      const me = await asReader(request, reply);
      if (!me) return reply;
      const { choice, errors } = choiceOf(request, me.context.lang);
      const baseline = await loadBaseline();
      if (errors.length > 0) {
        return sendPage(reply, 400, researchPage(me.context, { choice, errors, table: null, labels: new Map(), baseline, comparisons: [] }));
      }
      const t = await indicatorTable(db, choice);
      const labels = await groupLabels(db, choice.by, [...new Set(t.rows.map((r) => r.group))]);
      const comparisons = baseline.status === 'valid' ? await compareWithBaseline(db, baseline.rows, choice.indicator, choice.year) : [];
      return sendPage(reply, 200, researchPage(me.context, { choice, errors, table: t, labels, baseline, comparisons }));
    });

    app.get(WELLBEING_TABLE_PATH, hide, async (request, reply) => {
      const me = await asReader(request, reply);
      if (!me) return reply;
      const lang = me.context.lang;
      const { choice, errors } = choiceOf(request, lang);
      const relevant = errors.filter((e) => e.field === 'efter' || e.field === 'aar');
      const result = relevant.length > 0 ? null : await wellBeingTable(db, options.vault, { by: choice.by, year: choice.year });
      const labels = result ? await groupLabels(db, choice.by, result.rows.map((r) => r.group)) : new Map<string, string>();
      const count = (c: PublishedCount): TableCell => ({ value: 'value' in c ? c.value.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB') : html`<span aria-label="${say(lang, W.suppressed)}">–</span>`, numeric: true });
      const num = (x: number | null, signed = false): TableCell => ({ value: x === null ? '' : `${signed && x > 0 ? '+' : ''}${x.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })}`, numeric: true });
      const body = html`<p class="font-lead">${say(lang, W.intro, { days: AGAIN_AFTER_DAYS })}</p>
${getForm(
  WELLBEING_TABLE_PATH,
  html`<fieldset><legend class="h3">${say(lang, T.choose)}</legend>
${select({ lang, id: 'efter', label: say(lang, T.by), choices: [{ value: 'kommune', label: say(lang, T.municipality) }, { value: 'center', label: say(lang, T.centre) }], selected: wordOf(BY, choice.by), error: relevant.find((e) => e.field === 'efter')?.message })}
${select({ lang, id: 'aar', label: say(lang, T.year), choices: yearChoices().map((y) => ({ value: String(y), label: String(y) })), selected: String(choice.year), error: relevant.find((e) => e.field === 'aar')?.message })}
${button(say(lang, T.show), { id: 'show' })}
</fieldset>`,
  'choose-wellbeing',
)}
${
  result
    ? table(
        say(lang, W.caption, { year: result.year }),
        [{ text: say(lang, W.group) }, { text: say(lang, W.answered), numeric: true }, { text: say(lang, W.firstMean), numeric: true }, { text: say(lang, W.again), numeric: true }, { text: say(lang, W.change), numeric: true }],
        result.rows.map((r) => [{ value: labels.get(r.group) ?? r.group, header: true }, count(r.answered), num(r.firstMean), count(r.answeredAgain), num(r.changeMean, true)]),
        [{ value: say(lang, W.total), header: true }, count(result.total.answered), num(result.total.firstMean), count(result.total.answeredAgain), num(result.total.changeMean, true)],
      )
    : null
}
<p>${say(lang, W.rule, { min: MIN_PUBLISHED_COUNT })}</p>
<p><a href="${RESEARCH_HOME}">${say(lang, T.title)}</a></p>`;
      return sendPage(reply, relevant.length > 0 ? 400 : 200, page(me.context, { title: say(lang, W.title), body, errors: relevant }));
    });

    app.get(RESEARCH_CSV, hide, async (request, reply) => {
      const me = await asReader(request, reply);
      if (!me) return reply;
      const { choice, errors } = choiceOf(request, me.context.lang);
      if (errors.length > 0) {
        const baseline = await loadBaseline();
        return sendPage(reply, 400, researchPage(me.context, { choice, errors, table: null, labels: new Map(), baseline, comparisons: [] }));
      }
      const t = await indicatorTable(db, choice);
      const labels = await groupLabels(db, choice.by, [...new Set(t.rows.map((r) => r.group))]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${choice.indicator}-${choice.by}-${choice.per}-${choice.year}.csv"`)
        .send(`\ufeff${indicatorCsv(t, labels, me.context.lang)}`);
    });
  },
};
