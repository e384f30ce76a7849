/**
 * A budget as pages show it, to the board and to the public alike: its lines with the Finance Act
 * account, the Finance Act's columns (R, B, F, BO1–BO3), the chart and its table, and the CSV
 * downloads. Amounts are øre in, kroner out (formatKroner); never a code in running text.
 */
import { STANDARD_ACCOUNTS } from '../../domain/budget/budget.js';
import type { FinanceActRow } from '../../projections/budgets/queries.js';
import type { BudgetView, LineView } from '../../projections/budgets/replay.js';
import { barChart, type ChartSeries } from '../chart.js';
import { html, type Html } from '../html.js';
import { formatKroner, type Lang, type Message, say } from '../i18n.js';
import { table } from '../components.js';
import { accountLabel, budgetName } from './board-parts.js';

const T = {
  account: { da: 'Finanslovskonto', en: 'Finance Act account' },
  standard: { da: 'Standardkonto', en: 'Standard account' },
  text: { da: 'Tekst', en: 'Description' },
  budgetYear: { da: 'Budget {year}', en: 'Budget {year}' },
  enactedYear: { da: 'Bevilget {year}', en: 'Enacted {year}' },
  spent: { da: 'Forbrug', en: 'Spent' },
  total: { da: 'I alt', en: 'Total' },
  history: { da: 'Historik', en: 'History' },
  historyOf: { da: 'Historik for {line}', en: 'History of {line}' },
  linesCaption: { da: 'Linjerne i {budget}', en: 'The lines of {budget}' },
  noLines: { da: 'Budgettet har ingen linjer endnu.', en: 'The budget has no lines yet.' },
  faCaption: { da: 'Finanslovens kolonner for {year}', en: 'The Finance Act’s columns for {year}' },
  faExplained: {
    da: 'R er regnskabet (forbruget) for {r}, B budgettet for {b} som bevilget, F årets bevilling for {f}, og BO1–BO3 overslagsårene {bo1}–{bo3} fra udviklingsbudgettet. Beløb i kroner.',
    en: 'R is the accounts (spending) of {r}, B the budget of {b} as enacted, F the appropriation for {f}, and BO1–BO3 the estimates for {bo1}–{bo3} from the development budget. Amounts in kroner.',
  },
  faEmpty: {
    da: 'Der er endnu ingen tal i Finanslovens kolonner for {year}. F kommer, når Finansloven har bevilget årsbudgettet; BO1–BO3, når et udviklingsbudget er godkendt.',
    en: 'There are no numbers in the Finance Act’s columns for {year} yet. F comes once the Finance Act has enacted the annual budget; BO1–BO3 once a development budget is approved.',
  },
  chartTitle: { da: '{budget}: budget, bevilling og forbrug pr. linje', en: '{budget}: budget, appropriation and spending by line' },
  chartDesc: {
    da: 'Søjlediagram med en gruppe søjler for hver af budgettets {lines} linjer: {series}. Budgettet i alt: {total}',
    en: 'Bar chart with a group of bars for each of the budget’s {lines} lines: {series}. The budget in total: {total}.',
  },
  chartDescOne: {
    da: 'Søjlediagram med en gruppe søjler for budgettets ene linje: {series}. Budgettet i alt: {total}',
    en: 'Bar chart with a group of bars for the budget’s one line: {series}. The budget in total: {total}.',
  },
  faChartTitle: { da: 'Finanslovens kolonner for {year} pr. konto', en: 'The Finance Act’s columns for {year} by account' },
  faChartDesc: { da: 'Søjlediagram med en gruppe søjler for hver konto: {series}.', en: 'Bar chart with a group of bars for each account: {series}.' },
  line: { da: 'Budgetlinje', en: 'Budget line' },
  accountAxis: { da: 'Konto', en: 'Account' },
  and: { da: ' og ', en: ' and ' },
  csvDa: { da: 'Hent som CSV til dansk regneark', en: 'Download as CSV for a Danish spreadsheet' },
  csvDaHint: { da: 'Semikolon mellem felterne og komma som decimaltegn (1.250.000,00), som dansk Excel læser det.', en: 'Semicolons between the fields and a decimal comma (1.250.000,00), as Danish Excel reads it.' },
  csvEn: { da: 'Hent som international CSV (RFC 4180)', en: 'Download as international CSV (RFC 4180)' },
  csvEnHint: { da: 'Komma mellem felterne og punktum som decimaltegn (1250000.00).', en: 'Commas between the fields and a decimal point (1250000.00).' },
  csvBoth: { da: 'Begge filer er UTF-8 med en overskriftsrække og et beløb i kroner pr. felt.', en: 'Both files are UTF-8 with a header row and one amount in kroner a field.' },
} satisfies Record<string, Message>;

/** The standard account with its name: "18 Lønninger / personaleomkostninger". */
export const standardLabel = (lang: Lang, account: string) => {
  const name = STANDARD_ACCOUNTS[account];
  return name ? `${account} ${name[lang]}` : account;
};

/** An amount in a table cell: kept on one line (a no-break space before "kr."). */
export const moneyCell = (lang: Lang, ore: number | null | undefined) => (ore === null || ore === undefined ? '–' : formatKroner(lang, ore).replace(/ /g, '\u00a0'));

/** The line's name in a list: account and text. */
export const lineName = (line: Pick<LineView, 'financeAccount' | 'description'>) => `${accountLabel(line.financeAccount)} ${line.description}`;

/** The lines with the Finance Act account, the amount for each year, what was enacted and spent; totals at the foot. */
export function linesTable(lang: Lang, view: BudgetView, historyHref?: (line: LineView) => string): Html {
  if (view.lines.length === 0) return html`<p>${say(lang, T.noLines)}</p>`;
  const enacted = view.lines.some((l) => l.enacted !== null);
  const head = [
    { text: say(lang, T.account) },
    { text: say(lang, T.standard) },
    { text: say(lang, T.text) },
    ...view.years.map((year) => ({ text: say(lang, T.budgetYear, { year }), numeric: true })),
    ...(enacted ? view.years.map((year) => ({ text: say(lang, T.enactedYear, { year }), numeric: true })) : []),
    { text: say(lang, T.spent), numeric: true },
    ...(historyHref ? [{ text: say(lang, T.history) }] : []),
  ];
  const rows = view.lines.map((l) => [
    { value: accountLabel(l.financeAccount), header: true },
    { value: standardLabel(lang, l.standardAccount) },
    { value: l.description },
    ...view.years.map((y) => ({ value: moneyCell(lang, l.amounts[y]), numeric: true })),
    ...(enacted ? view.years.map((y) => ({ value: moneyCell(lang, l.enacted?.[y]), numeric: true })) : []),
    { value: moneyCell(lang, l.spentOre), numeric: true },
    ...(historyHref ? [{ value: html`<a href="${historyHref(l)}">${say(lang, T.history)}<span class="sr-only"> ${say(lang, T.historyOf, { line: lineName(l) })}</span></a>` }] : []),
  ]);
  const foot = [
    { value: say(lang, T.total), header: true },
    { value: '' },
    { value: '' },
    ...view.years.map((y) => ({ value: moneyCell(lang, view.totals.amounts[y]), numeric: true })),
    ...(enacted ? view.years.map((y) => ({ value: moneyCell(lang, view.totals.enacted?.[y]), numeric: true })) : []),
    { value: moneyCell(lang, view.totals.spentOre), numeric: true },
    ...(historyHref ? [{ value: '' }] : []),
  ];
  return table(say(lang, T.linesCaption, { budget: budgetName(lang, view) }), head, rows, foot);
}

const FA_COLUMNS = ['R', 'B', 'F', 'BO1', 'BO2', 'BO3'] as const;
const faYears = (year: number) => ({ R: year - 2, B: year - 1, F: year, BO1: year + 1, BO2: year + 2, BO3: year + 3 });

/** R, B, F, BO1–BO3 for a fiscal year, a row per account, with what each column means. */
export function financeActTable(lang: Lang, rows: readonly FinanceActRow[], year: number): Html {
  const years = faYears(year);
  const explained = html`<p>${say(lang, T.faExplained, { r: years.R, b: years.B, f: years.F, bo1: years.BO1, bo3: years.BO3 })}</p>`;
  if (rows.length === 0) return html`${explained}<p>${say(lang, T.faEmpty, { year })}</p>`;
  const head = [{ text: say(lang, T.account) }, { text: say(lang, T.standard) }, { text: say(lang, T.text) }, ...FA_COLUMNS.map((c) => ({ text: `${c} ${years[c]}`, numeric: true }))];
  const body = rows.map((r) => [
    { value: accountLabel(r.financeAccount), header: true },
    { value: standardLabel(lang, r.standardAccount) },
    { value: r.descriptions.join(' / ') },
    ...FA_COLUMNS.map((c) => ({ value: moneyCell(lang, r[c]), numeric: true })),
  ]);
  const sum = (c: (typeof FA_COLUMNS)[number]) => (rows.every((r) => r[c] === null) ? null : rows.reduce((s, r) => s + (r[c] ?? 0), 0));
  const foot = [{ value: say(lang, T.total), header: true }, { value: '' }, { value: '' }, ...FA_COLUMNS.map((c) => ({ value: moneyCell(lang, sum(c)), numeric: true }))];
  return html`${explained}${table(say(lang, T.faCaption, { year }), head, body, foot)}`;
}

const listOf = (lang: Lang, items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${say(lang, T.and)}${items.at(-1)}`);

/** The budget's lines as a bar chart: the amount for each year, and once there is any, enacted and spent for the fiscal year. */
export function budgetChart(lang: Lang, view: BudgetView, id: string): Html {
  const year = view.fiscalYear;
  const series: ChartSeries[] = view.years.map((y) => ({ label: say(lang, T.budgetYear, { year: y }), values: view.lines.map((l) => l.amounts[y] ?? null) }));
  if (view.lines.some((l) => l.enacted !== null)) series.push({ label: say(lang, T.enactedYear, { year }), values: view.lines.map((l) => l.enacted?.[year] ?? null) });
  if (view.lines.some((l) => l.spentOre !== 0) || view.status === 'enacted') series.push({ label: say(lang, T.spent), values: view.lines.map((l) => l.spentOre) });
  const name = budgetName(lang, view);
  return barChart({
    lang,
    id,
    title: say(lang, T.chartTitle, { budget: name }),
    description: say(lang, view.lines.length === 1 ? T.chartDescOne : T.chartDesc, { lines: view.lines.length, series: listOf(lang, series.map((s) => s.label.toLowerCase())), total: formatKroner(lang, view.totals.amounts[year] ?? 0) }),
    categoryAxis: say(lang, T.line),
    categories: view.lines.map(lineName),
    series,
  });
}

/** The Finance Act's columns as a bar chart: a group per account, a bar per column that has numbers (when two or more have). */
export function financeActChart(lang: Lang, rows: readonly FinanceActRow[], year: number, id: string): Html {
  if (rows.length === 0) return html``;
  const years = faYears(year);
  const columns = FA_COLUMNS.filter((c) => rows.some((r) => r[c] !== null));
  // One column is what the budget's own chart shows already; the columns' chart is for comparing them.
  if (columns.length < 2) return html``;
  const series = columns.map((c) => ({ label: `${c} ${years[c]}`, values: rows.map((r) => r[c]) }));
  return barChart({
    lang,
    id,
    title: say(lang, T.faChartTitle, { year }),
    description: say(lang, T.faChartDesc, { series: listOf(lang, series.map((s) => s.label)) }),
    categoryAxis: say(lang, T.accountAxis),
    categories: rows.map((r) => `${accountLabel(r.financeAccount)} ${standardLabel(lang, r.standardAccount)}`),
    series,
  });
}

/** The two CSV downloads, each saying which convention it follows. */
export function csvLinks(lang: Lang, href: (numbers: 'da' | 'en') => string): Html {
  return html`<ul>
<li><a href="${href('da')}" download id="csv-da">${say(lang, T.csvDa)}</a><br><span class="form-hint">${say(lang, T.csvDaHint)}</span></li>
<li><a href="${href('en')}" download id="csv-en">${say(lang, T.csvEn)}</a><br><span class="form-hint">${say(lang, T.csvEnHint)}</span></li>
</ul>
<p>${say(lang, T.csvBoth)}</p>`;
}

/** The CSV file's name: the budget's kind and year, as a person finds it in their downloads. */
export const csvFileName = (view: BudgetView, numbers: 'da' | 'en') => `virkelyst-${view.kind === 'annual' ? 'aarsbudget' : 'udviklingsbudget'}-${view.fiscalYear}-${numbers === 'da' ? 'dansk' : 'rfc4180'}.csv`;
