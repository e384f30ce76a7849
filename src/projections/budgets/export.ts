/** Budgets out of the system: CSV (Danish or international number format) and an SVG chart. */
import type { FinanceActRow, nationalRollUp } from './queries.js';
import type { BudgetView, LineView } from './replay.js';

export type NumberFormat = 'da' | 'en';

/** Øre as kroner with two decimals: "1.234.567,89" (da) or "1234567.89" (en). Integer arithmetic only. */
export function kroner(ore: number, format: NumberFormat): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const whole = String(Math.floor(abs / 100));
  const cents = String(abs % 100).padStart(2, '0');
  if (format === 'en') return `${sign}${whole}.${cents}`;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
}

function cell(value: string, separator: string): string {
  return value.includes(separator) || /["\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text someone typed: a spreadsheet must not run it as a formula (amounts are ours, and may be
 * negative). Not only at the start: a spreadsheet that splits the file on the other separator
 * (`;` for `,`, or a tab or `|`) starts a new cell there, quotes or not, so a trigger after any of
 * them is made text too. Tabs and line breaks become spaces; a dash inside a sentence stays.
 */
const typed = (value: string) => value.replace(/[\t\r\n]/g, ' ').replace(/(^|[,;|])([=+\-@])/g, "$1'$2");

const NATURE_WORDS = { da: { expenditure: 'Udgift', revenue: 'Indtægt' }, en: { expenditure: 'Expenditure', revenue: 'Revenue' } } as const;

/** One row per line: accounts, expenditure or revenue, text, amount per year, enacted per year, spent, remaining; then the totals apart and net. */
export function budgetCsv(view: BudgetView, format: NumberFormat): string {
  const sep = format === 'da' ? ';' : ',';
  const words =
    format === 'da'
      ? { account: 'Finanslovskonto', standard: 'Standardkonto', nature: 'Art', text: 'Tekst', budget: 'Budget', enacted: 'Bevilget', spent: 'Forbrug', remaining: 'Rest', accounts: 'Regnskab', total: 'I alt', net: 'Netto' }
      : { account: 'Finance Act account', standard: 'Standard account', nature: 'Nature', text: 'Description', budget: 'Budget', enacted: 'Enacted', spent: 'Spent', remaining: 'Remaining', accounts: 'Accounts', total: 'Total', net: 'Net' };
  const natures = NATURE_WORDS[format];
  // An annual budget has accounts (regnskab): empty while the year is open, fixed at its closing.
  const annual = view.kind === 'annual';
  const header = [
    words.account,
    words.standard,
    words.nature,
    words.text,
    ...view.years.map((y) => `${words.budget} ${y}`),
    ...view.years.map((y) => `${words.enacted} ${y}`),
    words.spent,
    words.remaining,
    ...(annual ? [`${words.accounts} ${view.fiscalYear}`] : []),
  ];
  const money = (ore: number | undefined | null) => (ore == null ? '' : kroner(ore, format));
  const row = (account: string, standard: string, nature: string, text: string, amounts: Record<string, number>, enacted: Record<string, number> | null, spent: number, remaining: number | null, accounts: number | null) => [
    account,
    standard,
    nature,
    text,
    ...view.years.map((y) => money(amounts[y])),
    ...view.years.map((y) => money(enacted?.[y])),
    money(spent),
    money(remaining),
    ...(annual ? [money(accounts)] : []),
  ];
  const closed = view.closing !== null;
  const accountsOf = (nature: LineView['nature']) => (closed ? view.lines.filter((l) => l.nature === nature).reduce((sum, l) => sum + (l.accountsOre ?? 0), 0) : null);
  const { expenditure, revenue, net } = view.totals;
  const spentAccounts = accountsOf('expenditure');
  const receivedAccounts = accountsOf('revenue');
  const lines = [
    header,
    ...view.lines.map((l: LineView) => row(l.financeAccount, l.standardAccount, natures[l.nature], typed(l.description), l.amounts, l.enacted, l.spentOre, l.remainingOre, l.accountsOre)),
    row('', '', natures.expenditure, words.total, expenditure.amounts, expenditure.enacted, expenditure.spentOre, expenditure.remainingOre, spentAccounts),
    row('', '', natures.revenue, words.total, revenue.amounts, revenue.enacted, revenue.spentOre, revenue.remainingOre, receivedAccounts),
    row('', '', '', words.net, net.amounts, net.enacted, net.spentOre, null, spentAccounts === null || receivedAccounts === null ? null : spentAccounts - receivedAccounts),
  ];
  return `${lines.map((r) => r.map((v) => cell(v, sep)).join(sep)).join('\r\n')}\r\n`;
}

function table(rows: string[][], format: NumberFormat): string {
  const sep = format === 'da' ? ';' : ',';
  return `${rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join('\r\n')}\r\n`;
}
const money = (ore: number | null | undefined, format: NumberFormat) => (ore == null ? '' : kroner(ore, format));

/** A centre's Finance Act columns: R, B, F, BO1–BO3 per account. */
export function financeActCsv(rows: readonly FinanceActRow[], year: number, format: NumberFormat): string {
  const head = format === 'da' ? ['Finanslovskonto', 'Standardkonto', 'Art', 'Tekst'] : ['Finance Act account', 'Standard account', 'Nature', 'Description'];
  return table(
    [
      [...head, `R ${year - 2}`, `B ${year - 1}`, `F ${year}`, `BO1 ${year + 1}`, `BO2 ${year + 2}`, `BO3 ${year + 3}`],
      ...rows.map((r) => [r.financeAccount, r.standardAccount, NATURE_WORDS[format][r.nature], typed(r.descriptions.join(' / ')), ...[r.R, r.B, r.F, r.BO1, r.BO2, r.BO3].map((v) => money(v, format))]),
    ],
    format,
  );
}

/** Every centre's annual budget for a year side by side, then the national total. */
export function rollUpCsv(rollUp: Awaited<ReturnType<typeof nationalRollUp>>, format: NumberFormat): string {
  const head = format === 'da' ? ['Kommune', 'Center', 'Status', 'Godkendt', 'Bevilget', 'Forbrug'] : ['Municipality', 'Centre', 'Status', 'Approved', 'Enacted', 'Spent'];
  return table(
    [
      head,
      ...rollUp.centres.map((c) => [c.municipality ? `${c.municipality.code} ${c.municipality.name}` : '', typed(c.centreName ?? c.centreId), c.status, money(c.approvedOre, format), money(c.enactedOre, format), money(c.spentOre, format)]),
      ['', format === 'da' ? 'Hele landet' : 'National total', '', money(rollUp.national.approvedOre, format), money(rollUp.national.enactedOre, format), money(rollUp.national.spentOre, format)],
    ],
    format,
  );
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * Budget against actuals over the fiscal year, for one line or the whole budget: the budget (as
 * enacted, else as approved) as a level line, cumulative spending by month as a step line.
 */
export function budgetSvg(view: BudgetView, lineId?: string): string {
  // The whole budget's chart is its expenditure: revenue received is not spending.
  const lines = lineId ? view.lines.filter((l) => l.lineId === lineId) : view.lines.filter((l) => l.nature === 'expenditure');
  const year = view.fiscalYear;
  const budget = lines.reduce((sum, l) => sum + (l.enacted?.[year] ?? l.amounts[year] ?? 0), 0);
  const perMonth = Array.from({ length: 12 }, () => 0);
  const post = (on: string, ore: number) => {
    if (Number(on.slice(0, 4)) === year) perMonth[Number(on.slice(5, 7)) - 1]! += ore;
  };
  for (const l of lines) {
    for (const s of l.spending) {
      post(s.on, s.amountOre);
      for (const c of s.corrections) post(c.on, -c.amountOre); // a correction counts in its own month
    }
  }
  const cumulative = perMonth.map(((sum) => (v: number) => (sum += v))(0));
  const width = 640;
  const height = 320;
  const left = 90;
  const right = 20;
  const top = 40;
  const bottom = 40;
  const max = Math.max(budget, ...cumulative, 1);
  const x = (month: number) => left + ((width - left - right) * month) / 12;
  const y = (ore: number) => top + (height - top - bottom) * (1 - Math.max(ore, 0) / max);
  const steps = cumulative.map((v, m) => `L${x(m).toFixed(1)},${y(v).toFixed(1)} L${x(m + 1).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const months = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
  const title = lineId ? `${lines[0]?.financeAccount ?? ''}.${lines[0]?.standardAccount ?? ''} ${lines[0]?.description ?? ''}` : `Udgifter ${year} i alt`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`${title}: budget og forbrug`)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="24" font-family="sans-serif" font-size="14">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${width - right}" y2="${y(0)}" stroke="#999"/>`,
    ...months.map((m, i) => `<text x="${(x(i) + x(i + 1)) / 2}" y="${height - 20}" font-family="sans-serif" font-size="11" text-anchor="middle">${m}</text>`),
    `<line class="budget" x1="${x(0)}" y1="${y(budget).toFixed(1)}" x2="${x(12)}" y2="${y(budget).toFixed(1)}" stroke="#1f77b4" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${left - 6}" y="${(y(budget) + 4).toFixed(1)}" font-family="sans-serif" font-size="11" text-anchor="end">${kroner(budget, 'da')}</text>`,
    `<path class="actual" d="M${x(0)},${y(0)} ${steps}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    `<text x="${left - 6}" y="${(y(cumulative[11]!) + 4).toFixed(1)}" font-family="sans-serif" font-size="11" text-anchor="end" fill="#d62728">${kroner(cumulative[11]!, 'da')}</text>`,
    '</svg>',
  ].join('\n');
}
