/**
 * A budget as pages show it, to the board and to the public alike: its lines with the Finance Act
 * account (and once closed, their accounts), the Finance Act's columns (R, B, F, BO1–BO3), a line
 * month by month, the entries beyond their line with the reason, the chart and its table, and the
 * CSV downloads. Amounts are øre in, kroner out (formatKroner); never a code in running text.
 */
import { type LineNature, STANDARD_ACCOUNTS } from '../../domain/budget/budget.js';
import type { FinanceActRow } from '../../projections/budgets/queries.js';
import type { BudgetView, LineView, Spending, Sum } from '../../projections/budgets/replay.js';
import { barChart, type ChartSeries } from '../chart.js';
import { html, type Html } from '../html.js';
import { formatDay, formatKroner, type Lang, type Message, say } from '../i18n.js';
import { type TableCell, table } from '../components.js';
import { accountLabel, budgetName, MONTH_LABELS } from './board-parts.js';

const T = {
  account: { da: 'Finanslovskonto', en: 'Finance Act account' },
  standard: { da: 'Standardkonto', en: 'Standard account' },
  text: { da: 'Tekst', en: 'Description' },
  budgetYear: { da: 'Budget {year}', en: 'Budget {year}' },
  enactedYear: { da: 'Bevilget {year}', en: 'Enacted {year}' },
  spent: { da: 'Forbrug', en: 'Spent' },
  remaining: { da: 'Rest', en: 'Remaining' },
  overspent: { da: 'Merforbrug', en: 'Overspent' },
  accountsYear: { da: 'Regnskab {year}', en: 'Accounts {year}' },
  accountsHint: {
    da: 'Regnskabet for {year} er afsluttet: kolonnen Regnskab {year} er det, hver linje brugte (eller modtog), fastlagt ved afslutningen. Det står i Finanslovens kolonne R for {r}.',
    en: 'The accounts of {year} are closed: the column Accounts {year} is what each line spent (or received), fixed at the closing. It is column R of the Finance Act for {r}.',
  },
  received: { da: 'Modtaget', en: 'Received' },
  month: { da: 'Måned', en: 'Month' },
  monthBudget: { da: 'Budget', en: 'Budget' },
  monthBudgetSoFar: { da: 'Budget til og med måneden', en: 'Budget to date' },
  monthSpentSoFar: { da: 'Forbrug til og med måneden', en: 'Spent to date' },
  monthReceivedSoFar: { da: 'Modtaget til og med måneden', en: 'Received to date' },
  monthDifference: { da: 'Forskel (budget minus forbrug til dato)', en: 'Difference (budget less spent to date)' },
  monthDifferenceRevenue: { da: 'Forskel (budget minus modtaget til dato)', en: 'Difference (budget less received to date)' },
  monthlyCaption: { da: 'Måned for måned på {line}, {year}', en: 'Month by month on {line}, {year}' },
  monthlyTotal: { da: 'I alt', en: 'Total' },
  noSplit: {
    da: 'Linjens bevilling er ikke fordelt på måneder endnu: tabellen viser kun, hvad der er bogført i hver måned.',
    en: 'The line’s appropriation is not split over the months yet: the table shows only what was recorded in each month.',
  },
  splitShort: {
    da: 'Fordelingen på måneder dækker {split} af linjens bevilling på {appropriation}: {rest} er ikke fordelt (bevillingen er ændret, siden linjen blev fordelt).',
    en: 'The split over the months covers {split} of the line’s appropriation of {appropriation}: {rest} is not split (the appropriation changed after the line was split).',
  },
  splitOver: {
    da: 'Fordelingen på måneder er {split}, mere end linjens bevilling på {appropriation} (bevillingen er ændret, siden linjen blev fordelt).',
    en: 'The split over the months is {split}, more than the line’s appropriation of {appropriation} (the appropriation changed after the line was split).',
  },
  overspendCaption: { da: 'Bilag, der bragte en linje ud over bevillingen, med begrundelsen', en: 'Entries that took a line beyond its appropriation, with the reason' },
  noOverspend: { da: 'Intet bilag har bragt en linje ud over bevillingen.', en: 'No entry has taken a line beyond its appropriation.' },
  overspendLine: { da: 'Linje', en: 'Line' },
  nature: { da: 'Art', en: 'Nature' },
  expenditureTotal: { da: 'Udgifter i alt', en: 'Total expenditure' },
  revenueTotal: { da: 'Indtægter i alt', en: 'Total revenue' },
  net: { da: 'Netto (udgifter minus indtægter)', en: 'Net (expenditure less revenue)' },
  entriesCaption: { da: 'Bilag bogført på {line}', en: 'Entries recorded on {line}' },
  noEntries: { da: 'Der er ikke bogført bilag på linjen endnu.', en: 'No entries have been recorded on the line yet.' },
  entryOn: { da: 'Dato', en: 'Date' },
  voucher: { da: 'Bilagsnummer', en: 'Voucher number' },
  entryText: { da: 'Bilagstekst', en: 'Voucher text' },
  amount: { da: 'Beløb', en: 'Amount' },
  corrected: { da: 'Rettet', en: 'Corrected' },
  left: { da: 'Tilbage', en: 'Left' },
  reason: { da: 'Begrundelse for merforbrug', en: 'Reason for overspending' },
  correctionOf: { da: '{amount} den {day}', en: '{amount} on {day}' },
  correctionVoucher: { da: 'bilag {voucher}: {text}', en: 'voucher {voucher}: {text}' },
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
    da: 'Søjlediagram med en gruppe søjler for hver af budgettets {lines} linjer: {series}. Budgettet for {year}: udgifter i alt {expenditure}, indtægter i alt {revenue}, netto {net}',
    en: 'Bar chart with a group of bars for each of the budget’s {lines} lines: {series}. The budget for {year}: total expenditure {expenditure}, total revenue {revenue}, net {net}.',
  },
  chartDescOne: {
    da: 'Søjlediagram med en gruppe søjler for budgettets ene linje: {series}. Budgettet for {year}: udgifter i alt {expenditure}, indtægter i alt {revenue}, netto {net}',
    en: 'Bar chart with a group of bars for the budget’s one line: {series}. The budget for {year}: total expenditure {expenditure}, total revenue {revenue}, net {net}.',
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

/** Expenditure or revenue, as a cell or a choice says it. */
export const NATURE_LABELS: Record<LineNature, Message> = {
  expenditure: { da: 'Udgift', en: 'Expenditure' },
  revenue: { da: 'Indtægt', en: 'Revenue' },
};

/** The line's name with its nature, where lines of both natures are listed together: "17.41.11.10 Løn (udgift)". */
export const lineLabel = (lang: Lang, line: Pick<LineView, 'financeAccount' | 'description' | 'nature'>) => `${lineName(line)} (${say(lang, NATURE_LABELS[line.nature]).toLowerCase()})`;

/** Expenditure lines first, then revenue lines, each in the view's order (by account). */
const byNature = (lines: readonly LineView[]) => (['expenditure', 'revenue'] as const).map((nature) => ({ nature, lines: lines.filter((l) => l.nature === nature) }));

/**
 * The lines with the Finance Act account, expenditure or revenue, the amount for each year, what
 * was enacted and spent (or received), and once enacted what is left and what went beyond; the
 * expenditure lines with their total, then the revenue lines with theirs, and net at the foot.
 */
export function linesTable(lang: Lang, view: BudgetView, historyHref?: (line: LineView) => string): Html {
  if (view.lines.length === 0) return html`<p>${say(lang, T.noLines)}</p>`;
  const enacted = view.lines.some((l) => l.enacted !== null);
  // Once the accounts are closed, what each line spent is fixed: a column of its own.
  const closed = view.lines.some((l) => l.accountsOre !== null);
  const money = (ore: number | null | undefined): TableCell => ({ value: moneyCell(lang, ore), numeric: true });
  const head = [
    { text: say(lang, T.account) },
    { text: say(lang, T.standard) },
    { text: say(lang, T.nature) },
    { text: say(lang, T.text) },
    ...view.years.map((year) => ({ text: say(lang, T.budgetYear, { year }), numeric: true })),
    ...(enacted ? view.years.map((year) => ({ text: say(lang, T.enactedYear, { year }), numeric: true })) : []),
    { text: say(lang, T.spent), numeric: true },
    ...(enacted ? [{ text: say(lang, T.remaining), numeric: true }, { text: say(lang, T.overspent), numeric: true }] : []),
    ...(closed ? [{ text: say(lang, T.accountsYear, { year: view.fiscalYear }), numeric: true }] : []),
    ...(historyHref ? [{ text: say(lang, T.history) }] : []),
  ];
  const lineRow = (l: LineView): TableCell[] => [
    { value: accountLabel(l.financeAccount), header: true },
    { value: standardLabel(lang, l.standardAccount) },
    { value: say(lang, NATURE_LABELS[l.nature]) },
    { value: l.description },
    ...view.years.map((y) => money(l.amounts[y])),
    ...(enacted ? view.years.map((y) => money(l.enacted?.[y])) : []),
    money(l.spentOre),
    ...(enacted ? [money(l.remainingOre), money(l.nature === 'expenditure' ? l.overspentOre : null)] : []),
    ...(closed ? [money(l.accountsOre)] : []),
    ...(historyHref ? [{ value: html`<a href="${historyHref(l)}">${say(lang, T.history)}<span class="sr-only"> ${say(lang, T.historyOf, { line: lineName(l) })}</span></a>` }] : []),
  ];
  const sumRow = (label: string, sum: Pick<Sum, 'amounts' | 'enacted' | 'spentOre'> & { remainingOre?: number | null; overspentOre?: number | null }, accountsOre: number | null): TableCell[] => [
    { value: label, header: true },
    { value: '' },
    { value: '' },
    { value: '' },
    ...view.years.map((y) => money(sum.amounts[y])),
    ...(enacted ? view.years.map((y) => money(sum.enacted?.[y])) : []),
    money(sum.spentOre),
    ...(enacted ? [money(sum.remainingOre), money(sum.overspentOre)] : []),
    ...(closed ? [money(accountsOre)] : []),
    ...(historyHref ? [{ value: '' }] : []),
  ];
  const { expenditure, revenue, net } = view.totals;
  const accountsOf = (nature: LineNature) => view.lines.filter((l) => l.nature === nature).reduce((s, l) => s + (l.accountsOre ?? 0), 0);
  const rows = byNature(view.lines).flatMap(({ nature, lines }) => [
    ...lines.map(lineRow),
    nature === 'expenditure' ? sumRow(say(lang, T.expenditureTotal), expenditure, accountsOf('expenditure')) : sumRow(say(lang, T.revenueTotal), { ...revenue, overspentOre: null }, accountsOf('revenue')),
  ]);
  const foot = sumRow(say(lang, T.net), { ...net, remainingOre: null, overspentOre: null }, accountsOf('expenditure') - accountsOf('revenue'));
  return table(say(lang, T.linesCaption, { budget: budgetName(lang, view) }), head, rows, foot);
}

/**
 * A line's entries: the day, the voucher's number and text, the amount, what corrections took off
 * it (each with its own day and voucher) and what is left, and the reason when it went beyond the
 * appropriation. Vouchers are null in what the public sees: shown as "–".
 */
export function entriesTable(lang: Lang, line: LineView): Html {
  if (line.spending.length === 0) return html`<p>${say(lang, T.noEntries)}</p>`;
  const orDash = (text: string | null) => text ?? '–';
  const corrections = (s: Spending): Html | string =>
    s.corrections.length === 0
      ? '–'
      : html`${s.corrections.map((c, i) => {
          const what = say(lang, T.correctionOf, { amount: formatKroner(lang, c.amountOre), day: formatDay(lang, c.on) });
          return html`${i > 0 ? html`<br>` : null}${c.voucher === null ? what : `${what}, ${say(lang, T.correctionVoucher, { voucher: c.voucher, text: c.text ?? '' })}`}`;
        })}`;
  const rows = line.spending.map((s) => [
    { value: formatDay(lang, s.on), header: true },
    { value: orDash(s.voucher) },
    { value: orDash(s.text) },
    { value: moneyCell(lang, s.amountOre), numeric: true },
    { value: corrections(s) },
    { value: moneyCell(lang, s.amountOre - s.correctedOre), numeric: true },
    { value: orDash(s.overspendReason) },
  ]);
  return table(
    say(lang, T.entriesCaption, { line: lineName(line) }),
    [
      { text: say(lang, T.entryOn) },
      { text: say(lang, T.voucher) },
      { text: say(lang, T.entryText) },
      { text: say(lang, T.amount), numeric: true },
      { text: say(lang, T.corrected) },
      { text: say(lang, T.left), numeric: true },
      { text: say(lang, T.reason) },
    ],
    rows,
  );
}

/** Once a budget's accounts are closed: what its accounts column is, and where the Finance Act shows it (R, two years on); nothing while open. */
export function accountsHint(lang: Lang, view: Pick<BudgetView, 'fiscalYear' | 'closing'>): Html | null {
  return view.closing ? html`<p class="form-hint" id="accounts-hint">${say(lang, T.accountsHint, { year: view.fiscalYear, r: view.fiscalYear + 2 })}</p>` : null;
}

/**
 * A line month by month (an annual budget's fiscal year, January first): its budget for the month
 * (the monthly split, if one was set), what was spent (or received) in it, both summed up to the
 * month, and the difference between those sums.
 */
export function monthlyTable(lang: Lang, view: Pick<BudgetView, 'fiscalYear'>, line: LineView): Html {
  const money = (ore: number | null | undefined): TableCell => ({ value: moneyCell(lang, ore), numeric: true });
  const revenue = line.nature === 'revenue';
  const split = line.monthly;
  let budgetSoFar = 0;
  let spentSoFar = 0;
  const rows = MONTH_LABELS.map((month, i): TableCell[] => {
    const budget = split?.[i] ?? null;
    const spent = line.monthlySpentOre[i] ?? 0;
    budgetSoFar += budget ?? 0;
    spentSoFar += spent;
    return [{ value: say(lang, month), header: true }, money(budget), money(spent), money(split ? budgetSoFar : null), money(spentSoFar), money(split ? budgetSoFar - spentSoFar : null)];
  });
  const foot: TableCell[] = [{ value: say(lang, T.monthlyTotal), header: true }, money(split ? budgetSoFar : null), money(spentSoFar), { value: '' }, { value: '' }, money(split ? budgetSoFar - spentSoFar : null)];
  const appropriation = line.enacted?.[view.fiscalYear] ?? 0;
  const note = !split
    ? html`<p>${say(lang, T.noSplit)}</p>`
    : budgetSoFar < appropriation
      ? html`<p>${say(lang, T.splitShort, { split: formatKroner(lang, budgetSoFar), appropriation: formatKroner(lang, appropriation), rest: formatKroner(lang, appropriation - budgetSoFar) })}</p>`
      : budgetSoFar > appropriation
        ? html`<p>${say(lang, T.splitOver, { split: formatKroner(lang, budgetSoFar), appropriation: formatKroner(lang, appropriation) })}</p>`
        : null;
  return html`${note}${table(
    say(lang, T.monthlyCaption, { line: lineName(line), year: view.fiscalYear }),
    [
      { text: say(lang, T.month) },
      { text: say(lang, T.monthBudget), numeric: true },
      { text: say(lang, revenue ? T.received : T.spent), numeric: true },
      { text: say(lang, T.monthBudgetSoFar), numeric: true },
      { text: say(lang, revenue ? T.monthReceivedSoFar : T.monthSpentSoFar), numeric: true },
      { text: say(lang, revenue ? T.monthDifferenceRevenue : T.monthDifference), numeric: true },
    ],
    rows,
    foot,
  )}`;
}

/**
 * Every entry that took an expenditure line beyond its appropriation, with the reason given for
 * it: the line, the day, the amount and the reason. Public, like the overspending itself; never
 * the voucher's number or text (which may name a supplier or a person).
 */
export function overspendingTable(lang: Lang, view: Pick<BudgetView, 'lines'>): Html {
  const rows = view.lines.flatMap((l) =>
    l.spending
      .filter((s) => s.overspendReason !== null)
      .map((s): TableCell[] => [{ value: lineName(l), header: true }, { value: formatDay(lang, s.on) }, { value: moneyCell(lang, s.amountOre), numeric: true }, { value: s.overspendReason }]),
  );
  if (rows.length === 0) return html`<p id="overspending">${say(lang, T.noOverspend)}</p>`;
  return html`<div id="overspending">${table(
    say(lang, T.overspendCaption),
    [{ text: say(lang, T.overspendLine) }, { text: say(lang, T.entryOn) }, { text: say(lang, T.amount), numeric: true }, { text: say(lang, T.reason) }],
    rows,
  )}</div>`;
}

const FA_COLUMNS = ['R', 'B', 'F', 'BO1', 'BO2', 'BO3'] as const;
const faYears = (year: number) => ({ R: year - 2, B: year - 1, F: year, BO1: year + 1, BO2: year + 2, BO3: year + 3 });

/** R, B, F, BO1–BO3 for a fiscal year, a row per account and nature, with what each column means; expenditure and revenue totalled apart, net at the foot. */
export function financeActTable(lang: Lang, rows: readonly FinanceActRow[], year: number): Html {
  const years = faYears(year);
  const explained = html`<p>${say(lang, T.faExplained, { r: years.R, b: years.B, f: years.F, bo1: years.BO1, bo3: years.BO3 })}</p>`;
  if (rows.length === 0) return html`${explained}<p>${say(lang, T.faEmpty, { year })}</p>`;
  const head = [{ text: say(lang, T.account) }, { text: say(lang, T.standard) }, { text: say(lang, T.nature) }, { text: say(lang, T.text) }, ...FA_COLUMNS.map((c) => ({ text: `${c} ${years[c]}`, numeric: true }))];
  const body = rows.map((r) => [
    { value: accountLabel(r.financeAccount), header: true },
    { value: standardLabel(lang, r.standardAccount) },
    { value: say(lang, NATURE_LABELS[r.nature]) },
    { value: r.descriptions.join(' / ') },
    ...FA_COLUMNS.map((c) => ({ value: moneyCell(lang, r[c]), numeric: true })),
  ]);
  const sum = (of: readonly FinanceActRow[], c: (typeof FA_COLUMNS)[number]) => (of.every((r) => r[c] === null) ? null : of.reduce((s, r) => s + (r[c] ?? 0), 0));
  const expenditure = rows.filter((r) => r.nature === 'expenditure');
  const revenue = rows.filter((r) => r.nature === 'revenue');
  const net = (c: (typeof FA_COLUMNS)[number]) => {
    const [e, r] = [sum(expenditure, c), sum(revenue, c)];
    return e === null && r === null ? null : (e ?? 0) - (r ?? 0);
  };
  const sumRow = (label: string, value: (c: (typeof FA_COLUMNS)[number]) => number | null) => [
    { value: label, header: true },
    { value: '' },
    { value: '' },
    { value: '' },
    ...FA_COLUMNS.map((c) => ({ value: moneyCell(lang, value(c)), numeric: true })),
  ];
  const totals = [sumRow(say(lang, T.expenditureTotal), (c) => sum(expenditure, c)), sumRow(say(lang, T.revenueTotal), (c) => sum(revenue, c))];
  return html`${explained}${table(say(lang, T.faCaption, { year }), head, [...body, ...totals], sumRow(say(lang, T.net), net))}`;
}

const listOf = (lang: Lang, items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${say(lang, T.and)}${items.at(-1)}`);

/**
 * The budget's lines as a bar chart: the amount for each year, and once there is any, enacted and
 * spent (or received) for the fiscal year; each line named with its nature where the budget has
 * both. Its description gives the fiscal year's budget: expenditure and revenue apart, and net.
 */
export function budgetChart(lang: Lang, view: BudgetView, id: string): Html {
  const year = view.fiscalYear;
  const series: ChartSeries[] = view.years.map((y) => ({ label: say(lang, T.budgetYear, { year: y }), values: view.lines.map((l) => l.amounts[y] ?? null) }));
  if (view.lines.some((l) => l.enacted !== null)) series.push({ label: say(lang, T.enactedYear, { year }), values: view.lines.map((l) => l.enacted?.[year] ?? null) });
  if (view.lines.some((l) => l.spentOre !== 0) || view.status === 'enacted' || view.status === 'closed') series.push({ label: say(lang, T.spent), values: view.lines.map((l) => l.spentOre) });
  const name = budgetName(lang, view);
  const { expenditure, revenue, net } = view.totals;
  const mixed = view.lines.some((l) => l.nature !== view.lines[0]!.nature);
  return barChart({
    lang,
    id,
    title: say(lang, T.chartTitle, { budget: name }),
    description: say(lang, view.lines.length === 1 ? T.chartDescOne : T.chartDesc, {
      lines: view.lines.length,
      series: listOf(lang, series.map((s) => s.label.toLowerCase())),
      year,
      expenditure: formatKroner(lang, expenditure.amounts[year] ?? 0),
      revenue: formatKroner(lang, revenue.amounts[year] ?? 0),
      net: formatKroner(lang, net.amounts[year] ?? 0),
    }),
    categoryAxis: say(lang, T.line),
    categories: view.lines.map((l) => (mixed ? lineLabel(lang, l) : lineName(l))),
    series,
  });
}

/** The Finance Act's columns as a bar chart: a group per account (and nature, where there are both), a bar per column that has numbers (when two or more have). */
export function financeActChart(lang: Lang, rows: readonly FinanceActRow[], year: number, id: string): Html {
  if (rows.length === 0) return html``;
  const years = faYears(year);
  const columns = FA_COLUMNS.filter((c) => rows.some((r) => r[c] !== null));
  // One column is what the budget's own chart shows already; the columns' chart is for comparing them.
  if (columns.length < 2) return html``;
  const series = columns.map((c) => ({ label: `${c} ${years[c]}`, values: rows.map((r) => r[c]) }));
  const mixed = rows.some((r) => r.nature !== rows[0]!.nature);
  return barChart({
    lang,
    id,
    title: say(lang, T.faChartTitle, { year }),
    description: say(lang, T.faChartDesc, { series: listOf(lang, series.map((s) => s.label)) }),
    categoryAxis: say(lang, T.accountAxis),
    categories: rows.map((r) => `${accountLabel(r.financeAccount)} ${standardLabel(lang, r.standardAccount)}${mixed ? ` (${say(lang, NATURE_LABELS[r.nature]).toLowerCase()})` : ''}`),
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
