/**
 * The research indicators (issue 12), defined once: what each measures, who it counts, how its
 * cells are aggregated, and its definition in Danish and English. The SQL that computes them on
 * the research read model is in src/projections/research/queries.ts; this module turns what that
 * SQL counts into a table that may be published (disclosure control, src/research/disclosure.ts).
 *
 * Every indicator is a table of cells, and every cell is about a number of citizens: that number
 * is what disclosure control protects. Cells of 1–4 citizens are suppressed, and more where needed
 * so that no suppressed cell can be recovered from the rest (`protectTable`); a suppressed cell
 * shows neither its count nor its value. The totals are the sums of their cells (a citizen seen
 * in two months counts in both), so that the table adds up as the verification assumes. A total
 * is a benchmark only with 10 citizens or more.
 *
 * Two shapes: an indicator without categories is groups (centres or municipalities) × periods
 * (months or quarters); one with categories (channels, offer kinds, outcome kinds) is
 * (group, period) × categories, so each category's share of a group's month is a cell of one
 * two-way table, protected as one.
 *
 * Pure: no I/O, no clock.
 */
import { FIRST_CONTACTS, OUTCOME_KINDS, CENTRE_OFFER_KINDS } from '../domain/journey/journey.js';
import { InvalidValue } from '../domain/shared/errors.js';
import type { Role } from '../domain/shared/principal.js';
import { STUDY_INDICATORS, type StudyIndicator } from '../domain/study/study.js';
import { mayShowAsBenchmark, protectTable, type PublishedCount, type PublishedTable } from './disclosure.js';

export type IndicatorId = StudyIndicator;

/**
 * Who may read the indicators: researchers (whose home this is), administrators and auditors.
 * Every cell has passed disclosure control, but that control is proven one table at a time: open
 * to the public, anyone could line up many tables (by centre and by municipality, by month and by
 * quarter) and subtract them. So they are for people who answer for what they do with them; the
 * definitions are public. Staff, board members, partners and citizens are not refused from
 * distrust: none of them needs other centres' figures for their work here.
 */
export const INDICATOR_READERS: readonly Role[] = ['researcher', 'admin', 'auditor'];
export const INDICATOR_IDS: readonly IndicatorId[] = STUDY_INDICATORS;

export type Text = { da: string; en: string };

/**
 * How a cell's value is made from what it counts:
 * - `per_citizen`: the sum of the units divided by the citizens counted;
 * - `ratio`: the sum of the numerators divided by the sum of the denominators;
 * - `median`: the median of the units' durations (totals: the median of the whole line);
 * - `share_of_row`: the cell's citizens as a share of its row's.
 */
export type Aggregate = 'per_citizen' | 'ratio' | 'median' | 'share_of_row';
export type Unit = 'per_citizen' | 'share' | 'days' | 'dkk';
export type CategoryDimension = 'channel' | 'offer_kind' | 'outcome_kind';

export interface IndicatorDefinition {
  id: IndicatorId;
  name: Text;
  /** What the figure is, precisely. */
  definition: Text;
  /** Whom a cell counts: the citizens whose number disclosure control protects. */
  population: Text;
  /** Where it differs from what job centres report today, as far as we know. */
  differs: Text;
  unit: Unit;
  aggregate: Aggregate;
  /** The categories that are the columns, or null: the periods are. */
  category: CategoryDimension | null;
}

export const CATEGORIES: Record<CategoryDimension, readonly string[]> = {
  channel: FIRST_CONTACTS,
  offer_kind: [...CENTRE_OFFER_KINDS, 'partner'],
  outcome_kind: OUTCOME_KINDS,
};

const sameForAll: Text = {
  da: 'I dag tæller jobcentrene samtaler og tilbud, der er en del af et pligtigt forløb; i Virkelyst er alt frivilligt og sat i gang af borgeren selv, så tallene måler noget andet, selv hvor navnet er det samme.',
  en: 'Job centres today count conversations and offers that are part of a mandatory course; in Virkelyst everything is voluntary and started by the citizen, so the figures measure something else even where the name is the same.',
};

export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = {
  contacts_per_citizen: {
    id: 'contacts_per_citizen',
    name: { da: 'Kontakter pr. borger', en: 'Contacts per citizen' },
    definition: {
      da: 'Første kontakter og afholdte samtaler (alle kanaler) i perioden, delt med antallet af borgere med mindst én af dem i perioden.',
      en: 'First contacts and conversations held (every channel) in the period, divided by the number of citizens with at least one of them in the period.',
    },
    population: { da: 'Borgere med en første kontakt eller en afholdt samtale i perioden', en: 'Citizens with a first contact or a conversation held in the period' },
    differs: {
      da: 'Jobcentrenes kontakttal omfatter lovpligtige samtaler og ofte også breve og digitale beskeder; her tæller kun første kontakter og samtaler, borgeren selv har valgt.',
      en: 'Job centres’ contact figures include statutory meetings and often letters and digital messages; here only first contacts and conversations the citizen chose count.',
    },
    unit: 'per_citizen',
    aggregate: 'per_citizen',
    category: null,
  },
  first_contact_channel_share: {
    id: 'first_contact_channel_share',
    name: { da: 'Første kontakt efter kanal', en: 'First contacts by channel' },
    definition: {
      da: 'Andelen af borgere, hvis første kontakt i perioden var på kanalen (fremmøde på centret eller hjemme, telefon, chat, video, selvbetjening), af alle borgere med en første kontakt i perioden.',
      en: 'The share of citizens whose first contact in the period was on the channel (in person at the centre or at home, phone, chat, video, self-service) among all citizens with a first contact in the period.',
    },
    population: { da: 'Borgere med en første kontakt på kanalen i perioden', en: 'Citizens with a first contact on the channel in the period' },
    differs: {
      da: 'Jobcentrene registrerer kanal for samtaler, ikke for borgerens første henvendelse; KL’s undersøgelse (2020) fandt, at de fleste kontakter var telefoniske.',
      en: 'Job centres record the channel of meetings, not of the citizen’s first approach; the KL survey (2020) found most contacts were by phone.',
    },
    unit: 'share',
    aggregate: 'share_of_row',
    category: 'channel',
  },
  self_booked_share: {
    id: 'self_booked_share',
    name: { da: 'Selvbookede samtaler', en: 'Self-booked conversations' },
    definition: {
      da: 'Andelen af samtaler booket i perioden, som borgeren selv bookede i en ledig tid (ikke et tidspunkt foreslået af en medarbejder, som borgeren bekræftede).',
      en: 'The share of conversations booked in the period that the citizen booked themselves in a free time (not a time proposed by staff that the citizen confirmed).',
    },
    population: { da: 'Borgere, der bookede en samtale i perioden', en: 'Citizens who booked a conversation in the period' },
    differs: {
      da: 'I jobcentrene indkalder jobcentret som regel til samtaler; selvbooking findes kun for nogle samtaler. Her findes indkaldelse ikke.',
      en: 'In job centres the centre usually summons citizens to meetings; self-booking exists for some meetings only. Here there are no summons.',
    },
    unit: 'share',
    aggregate: 'ratio',
    category: null,
  },
  time_to_first_conversation: {
    id: 'time_to_first_conversation',
    name: { da: 'Tid fra første kontakt til første samtale', en: 'Time from first contact to first conversation' },
    definition: {
      da: 'Medianen af hele dage fra et forløbs første kontakt til dets første afholdte samtale, for første samtaler afholdt i perioden.',
      en: 'The median of whole days from a journey’s first contact to its first conversation held, for first conversations held in the period.',
    },
    population: { da: 'Borgere, hvis første samtale blev afholdt i perioden', en: 'Citizens whose first conversation was held in the period' },
    differs: {
      da: 'Jobcentrene måler typisk tid fra ledighedens start til første lovpligtige samtale; her regnes fra borgerens egen første kontakt.',
      en: 'Job centres typically measure from the start of unemployment to the first statutory meeting; here it runs from the citizen’s own first contact.',
    },
    unit: 'days',
    aggregate: 'median',
    category: null,
  },
  offers_per_citizen: {
    id: 'offers_per_citizen',
    name: { da: 'Tilbud pr. borger', en: 'Offers made per citizen' },
    definition: {
      da: 'Tilbud givet i perioden, delt med antallet af borgere med mindst én registrering i perioden.',
      en: 'Offers made in the period, divided by the number of citizens with anything recorded in the period.',
    },
    population: { da: 'Borgere med mindst én registrering i perioden', en: 'Citizens with anything recorded in the period' },
    differs: { da: `Jobcentrenes tilbud kan være en betingelse for ydelsen; her er et tilbud kun et tilbud. ${sameForAll.da}`, en: `Job centres’ offers can be a condition of benefits; here an offer is only an offer. ${sameForAll.en}` },
    unit: 'per_citizen',
    aggregate: 'per_citizen',
    category: null,
  },
  offer_uptake_rate: {
    id: 'offer_uptake_rate',
    name: { da: 'Tilbud taget imod', en: 'Offer uptake' },
    definition: {
      da: 'Andelen af tilbud givet i perioden, som borgeren har sagt ja tak til (indtil i dag), efter tilbuddets art.',
      en: 'The share of offers made in the period that the citizen has accepted (up to today), by kind of offer.',
    },
    population: { da: 'Borgere, der fik et tilbud af den art i perioden', en: 'Citizens made an offer of the kind in the period' },
    differs: {
      da: 'Jobcentrenes aktiveringsgrad tæller borgere i tilbud, de kan være pålagt; her tæller kun tilbud, borgeren selv har sagt ja til.',
      en: 'Job centres’ activation rates count citizens in offers they may be required to take; here only offers the citizen accepted count.',
    },
    unit: 'share',
    aggregate: 'ratio',
    category: 'offer_kind',
  },
  offer_decline_rate: {
    id: 'offer_decline_rate',
    name: { da: 'Tilbud takket nej til', en: 'Offers declined' },
    definition: {
      da: 'Andelen af tilbud givet i perioden, som borgeren har takket nej til og aldrig sagt ja til (indtil i dag), efter tilbuddets art.',
      en: 'The share of offers made in the period that the citizen declined and never accepted (up to today), by kind of offer.',
    },
    population: { da: 'Borgere, der fik et tilbud af den art i perioden', en: 'Citizens made an offer of the kind in the period' },
    differs: {
      da: 'I jobcentrene kan et afslag få følger for ydelsen og registreres derfor sjældent som et frit valg; her har et nej tak ingen følger.',
      en: 'In job centres a refusal can affect benefits and is seldom recorded as a free choice; here declining has no consequence.',
    },
    unit: 'share',
    aggregate: 'ratio',
    category: 'offer_kind',
  },
  consent_withdrawal_rate: {
    id: 'consent_withdrawal_rate',
    name: { da: 'Samtykke trukket tilbage', en: 'Consent withdrawn' },
    definition: {
      da: 'Andelen af tilbud givet i perioden og taget imod, hvor borgeren siden har trukket sit samtykke tilbage (indtil i dag), efter tilbuddets art.',
      en: 'The share of offers made in the period and accepted for which the citizen has since withdrawn consent (up to today), by kind of offer.',
    },
    population: { da: 'Borgere, der fik et tilbud af den art i perioden', en: 'Citizens made an offer of the kind in the period' },
    differs: { da: 'Jobcentrene har ingen tilsvarende opgørelse: at forlade et pligtigt tilbud er et fravær, ikke et valg.', en: 'Job centres have no counterpart: leaving a mandatory offer is an absence, not a choice.' },
    unit: 'share',
    aggregate: 'ratio',
    category: 'offer_kind',
  },
  participation_duration: {
    id: 'participation_duration',
    name: { da: 'Deltagelsens varighed', en: 'Participation duration' },
    definition: {
      da: 'Medianen af hele dage fra deltagelsen i et tilbud begyndte, til den sluttede, for deltagelser, der sluttede i perioden (fuldført, forladt eller samtykke trukket tilbage).',
      en: 'The median of whole days from when taking part in an offer began to when it ended, for participations that ended in the period (completed, left or consent withdrawn).',
    },
    population: { da: 'Borgere, hvis deltagelse sluttede i perioden', en: 'Citizens whose participation ended in the period' },
    differs: { da: 'Jobcentrenes forløbsvarighed regnes ofte i uger på ydelse; her i dage, borgeren selv deltog.', en: 'Job centres’ durations are often weeks on benefits; here the days the citizen chose to take part.' },
    unit: 'days',
    aggregate: 'median',
    category: null,
  },
  time_to_first_outcome: {
    id: 'time_to_first_outcome',
    name: { da: 'Tid til første selvrapporterede resultat', en: 'Time to first self-reported outcome' },
    definition: {
      da: 'Medianen af hele dage fra et forløbs første kontakt til det første resultat, borgeren selv har fortalt om (job, uddannelse, egen virksomhed, frivilligt arbejde, andet), for første resultater i perioden, efter resultatets art.',
      en: 'The median of whole days from a journey’s first contact to the first outcome the citizen reported themselves (job, education, own business, volunteering, other), for first outcomes in the period, by kind of outcome.',
    },
    population: { da: 'Borgere, hvis første resultat af den art var i perioden', en: 'Citizens whose first outcome of the kind was in the period' },
    differs: {
      da: 'Jobcentrenes resultater er registeroplysninger (afgang fra ydelse, beskæftigelse i eIndkomst); her er de borgerens egne ord om, hvad der skete.',
      en: 'Job centres’ outcomes come from registers (leaving benefits, employment in eIndkomst); here they are the citizen’s own report of what happened.',
    },
    unit: 'days',
    aggregate: 'median',
    category: 'outcome_kind',
  },
  repeat_use: {
    id: 'repeat_use',
    name: { da: 'Genbrug', en: 'Repeat use' },
    definition: {
      da: 'Andelen af forløb begyndt i perioden, hvor borgeren havde begyndt et forløb før (på dette eller et andet center).',
      en: 'The share of journeys begun in the period by citizens who had begun one before (at this or another centre).',
    },
    population: { da: 'Borgere, der begyndte et forløb i perioden', en: 'Citizens who began a journey in the period' },
    differs: { da: 'Jobcentrene måler tilbagefald til ydelse; her måler vi, at borgeren selv kommer igen.', en: 'Job centres measure returns to benefits; here we measure the citizen choosing to come back.' },
    unit: 'share',
    aggregate: 'ratio',
    category: null,
  },
  cost_per_citizen: {
    id: 'cost_per_citizen',
    name: { da: 'Udgift pr. borger', en: 'Cost per citizen' },
    definition: {
      da: 'Forbrug bogført mod centrets årsbudget i perioden (kroner), delt med antallet af borgere med mindst én registrering i perioden.',
      en: 'Spending recorded against the centre’s annual budget in the period (kroner), divided by the number of citizens with anything recorded in the period.',
    },
    population: { da: 'Borgere med mindst én registrering i perioden', en: 'Citizens with anything recorded in the period' },
    differs: {
      da: 'Jobcentrenes udgifter omfatter ofte ydelser og forsørgelse; her er det kun centrets egen drift (budgettets forbrug), aldrig ydelser.',
      en: 'Job centres’ costs often include benefits; here it is the centre’s own running costs (its budget’s spending) only, never benefits.',
    },
    unit: 'dkk',
    aggregate: 'per_citizen',
    category: null,
  },
  cost_per_conversation: {
    id: 'cost_per_conversation',
    name: { da: 'Udgift pr. samtale', en: 'Cost per conversation' },
    definition: {
      da: 'Forbrug bogført mod centrets årsbudget i perioden (kroner), delt med antallet af samtaler afholdt i perioden.',
      en: 'Spending recorded against the centre’s annual budget in the period (kroner), divided by the conversations held in the period.',
    },
    population: { da: 'Borgere med en afholdt samtale i perioden', en: 'Citizens with a conversation held in the period' },
    differs: {
      da: 'Hele centrets drift fordeles på samtalerne, også grupper, arrangementer og tilbud; jobcentrenes tal for en samtale er sjældent opgjort sådan.',
      en: 'All of the centre’s running costs are spread over its conversations, groups, events and offers included; job centres seldom count a meeting’s cost this way.',
    },
    unit: 'dkk',
    aggregate: 'ratio',
    category: null,
  },
};

// ——— Periods ———

export const GROUPINGS = ['centre', 'municipality'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const PERIODS = ['month', 'quarter'] as const;
export type PeriodKind = (typeof PERIODS)[number];

/** The first and last year an indicator may be asked for. */
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2100;

/** The year it is now in Denmark: the tables' default. */
export const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(new Date()));

/**
 * The periods of a calendar year: `2026-01` … `2026-12`, or `2026-Q1` … `2026-Q4`. Tables always
 * cover whole calendar years, so two requests never overlap in part: one table cannot be
 * subtracted from another to find the citizens of a few days.
 */
export function periodsOf(year: number, per: PeriodKind): string[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidValue('year', `a year from ${FIRST_YEAR} to ${LAST_YEAR}`);
  return per === 'month' ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`) : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

// ——— From counts to a published table ———

/**
 * What the SQL counted for one set of units: a cell, or a line of cells (for the medians of
 * totals). `group`, `period`, `category` are null where the row is summed over them.
 */
export interface Aggregated {
  group: string | null;
  period: string | null;
  category: string | null;
  /** Distinct citizens among the units. */
  citizens: number;
  num: number;
  den: number;
  /** The median of the units' durations, if any. */
  median: number | null;
}

export interface PublishedCell {
  /** Null when suppressed. */
  citizens: number | null;
  /** Null when suppressed, or when there is nothing to divide by. */
  value: number | null;
  suppressed: boolean;
}
export interface PublishedTotal extends PublishedCell {
  /** Whether it may be shown as a benchmark: published and at least 10 citizens. */
  benchmark: boolean;
}

export interface IndicatorRow {
  /** A centre's id or a municipality's code. */
  group: string;
  /** The period, when the columns are categories. */
  period: string | null;
}

export interface IndicatorTable {
  indicator: IndicatorId;
  by: Grouping;
  per: PeriodKind;
  year: number;
  /** What the columns are: the periods, or the indicator's categories. */
  columnsAre: 'period' | CategoryDimension;
  rows: IndicatorRow[];
  columns: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedTotal[];
  columnTotals: PublishedTotal[];
  grandTotal: PublishedTotal;
}

const key = (group: string | null, period: string | null, category: string | null) => `${group ?? '*'}|${period ?? '*'}|${category ?? '*'}`;
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const divide = (a: number, b: number) => (b > 0 ? round(a / b) : null);

/**
 * The table of one indicator, as it may be published: cells and totals, with every count under
 * disclosure control. `aggregated` holds the cells (every key set) and, for medians, the lines.
 */
export function publishIndicator(spec: { indicator: IndicatorId; by: Grouping; per: PeriodKind; year: number; groups: readonly string[] }, aggregated: readonly Aggregated[]): IndicatorTable {
  const definition = INDICATORS[spec.indicator];
  const periods = periodsOf(spec.year, spec.per);
  const at = new Map(aggregated.map((a) => [key(a.group, a.period, a.category), a]));
  const categoryOf = definition.category;
  const rows: IndicatorRow[] = categoryOf === null ? spec.groups.map((group) => ({ group, period: null })) : spec.groups.flatMap((group) => periods.map((period) => ({ group, period })));
  const columns = categoryOf === null ? periods : [...CATEGORIES[categoryOf]];
  // The keys of a cell, a row's line, a column's line and the whole table.
  const cellKey = (r: IndicatorRow, c: string) => (categoryOf === null ? key(r.group, c, null) : key(r.group, r.period, c));
  const rowKey = (r: IndicatorRow) => (categoryOf === null ? key(r.group, null, null) : key(r.group, r.period, null));
  const columnKey = (c: string) => (categoryOf === null ? key(null, c, null) : key(null, null, c));
  const nothing: Aggregated = { group: null, period: null, category: null, citizens: 0, num: 0, den: 0, median: null };
  const cellsIn = rows.map((r) => columns.map((c) => at.get(cellKey(r, c)) ?? nothing));
  // A table without rows (nobody counted in the year) has nothing to protect: every total is 0.
  const zero: PublishedCount = { value: 0 };
  const counts = cellsIn.map((row) => row.map((a) => a.citizens));
  const protectedTable =
    rows.length === 0
      ? { cells: [], rowTotals: [], columnTotals: columns.map(() => zero), grandTotal: zero }
      : categoryOf === null
        ? protectTable({ cells: counts })
        : protectByPeriod(rows, counts, periods);

  const sum = (list: readonly Aggregated[]) => list.reduce((acc, a) => ({ ...acc, citizens: acc.citizens + a.citizens, num: acc.num + a.num, den: acc.den + a.den }), nothing);
  const rowSums = cellsIn.map(sum);
  const columnSums = columns.map((_, c) => sum(cellsIn.map((row) => row[c]!)));
  const grandSum = sum(rowSums);

  const valueOf = (line: Aggregated, median: Aggregated | undefined, rowCitizens: number | null): number | null => {
    switch (definition.aggregate) {
      case 'per_citizen':
        return divide(line.num, line.citizens);
      case 'ratio':
        return divide(line.num, line.den);
      case 'median':
        return median?.median ?? null;
      case 'share_of_row':
        return rowCitizens === null ? null : divide(line.citizens, rowCitizens);
      default: {
        const unhandled: never = definition.aggregate;
        return unhandled;
      }
    }
  };
  const published = (count: PublishedCount, value: number | null): PublishedCell =>
    'suppressed' in count ? { citizens: null, value: null, suppressed: true } : { citizens: count.value, value: count.value > 0 ? value : null, suppressed: false };
  const total = (count: PublishedCount, value: number | null): PublishedTotal => {
    const cell = published(count, value);
    return { ...cell, benchmark: cell.citizens !== null && mayShowAsBenchmark(cell.citizens) };
  };
  // A share of its row: a row total is the whole (1), a column total its share of the grand total.
  // A published count and its share give away the whole, so a share is shown only where the
  // whole it is a share of is published too.
  const shareBase = (citizens: number, whole: PublishedCount) => (definition.aggregate === 'share_of_row' && !('suppressed' in whole) ? citizens : null);

  return {
    indicator: spec.indicator,
    by: spec.by,
    per: spec.per,
    year: spec.year,
    columnsAre: categoryOf ?? 'period',
    rows,
    columns,
    cells: cellsIn.map((row, r) => row.map((a, c) => published(protectedTable.cells[r]![c]!, valueOf(a, a, shareBase(rowSums[r]!.citizens, protectedTable.rowTotals[r]!))))),
    rowTotals: rowSums.map((line, r) => total(protectedTable.rowTotals[r]!, valueOf(line, at.get(rowKey(rows[r]!)), shareBase(line.citizens, protectedTable.rowTotals[r]!)))),
    columnTotals: columnSums.map((line, c) => total(protectedTable.columnTotals[c]!, valueOf(line, at.get(columnKey(columns[c]!)), shareBase(grandSum.citizens, protectedTable.grandTotal)))),
    grandTotal: total(protectedTable.grandTotal, valueOf(grandSum, at.get(key(null, null, null)), shareBase(grandSum.citizens, protectedTable.grandTotal))),
  };
}

/**
 * A table of (group, period) rows × categories, protected one period at a time: each period's
 * groups × categories is a two-way table of its own with its margins (the rows' totals, the
 * period's column totals and total). A total over the year is shown only where every period's
 * total it adds up was publishable, so it tells nothing those would not. Protecting the periods
 * apart is what the tables are (no row spans two periods), and far faster than one long table.
 */
function protectByPeriod(rows: readonly IndicatorRow[], counts: readonly (readonly number[])[], periods: readonly string[]): PublishedTable {
  const columns = counts[0]?.length ?? 0;
  const cells: PublishedCount[][] = rows.map(() => []);
  const rowTotals: PublishedCount[] = rows.map(() => ({ value: 0 }));
  const columnTotals: PublishedCount[][] = Array.from({ length: columns }, () => []);
  const grandTotals: PublishedCount[] = [];
  for (const period of periods) {
    const at = rows.flatMap((r, i) => (r.period === period ? [i] : []));
    if (at.length === 0) continue;
    const part = protectTable({ cells: at.map((i) => counts[i]!) });
    at.forEach((i, k) => {
      cells[i] = [...part.cells[k]!];
      rowTotals[i] = part.rowTotals[k]!;
    });
    part.columnTotals.forEach((t, c) => columnTotals[c]!.push(t));
    grandTotals.push(part.grandTotal);
  }
  const sumOf = (parts: readonly PublishedCount[]): PublishedCount =>
    parts.every((p) => 'value' in p) ? { value: parts.reduce((n, p) => n + ('value' in p ? p.value : 0), 0) } : { suppressed: 'secondary' };
  return { cells, rowTotals, columnTotals: columnTotals.map(sumOf), grandTotal: sumOf(grandTotals) };
}

/** Virkelyst's own figure for one group and period, beside a baseline figure. */
export interface OwnFigure {
  citizens: number | null;
  value: number | null;
  /** Why no figure is shown, if none is. */
  withheld: 'too_few_citizens' | 'suppressed' | 'no_single_figure' | null;
}

/**
 * The entries of the published tables (by municipality, per quarter or per month) that a
 * baseline figure's group and period cover: a cell, a row's or a column's total, or the whole.
 * Null where no set of entries covers it (a category indicator's whole country in one period).
 */
export function coveringEntries(tables: { quarter: IndicatorTable; month: IndicatorTable | null }, area: string, period: { kind: 'year' | 'quarter' | 'month'; text: string; year: number }): PublishedTotal[] | null {
  const national = area === 'national';
  const t = period.kind === 'month' ? tables.month : tables.quarter;
  if (t === null) return null;
  const byPeriod = t.columnsAre === 'period';
  const missing: PublishedTotal = { citizens: 0, value: null, suppressed: false, benchmark: false };
  const asTotal = (c: PublishedCell | undefined): PublishedTotal => (c === undefined ? missing : { ...c, benchmark: c.citizens !== null && mayShowAsBenchmark(c.citizens) });
  if (byPeriod) {
    if (period.kind === 'year') return [national ? t.grandTotal : asTotal(t.rowTotals[t.rows.findIndex((r) => r.group === area)])];
    const c = t.columns.indexOf(period.text);
    if (c < 0) return null;
    if (national) return [t.columnTotals[c]!];
    const r = t.rows.findIndex((row) => row.group === area);
    return [r < 0 ? missing : asTotal(t.cells[r]![c])];
  }
  // Categories as the columns: the rows are (group, period), their totals all categories together.
  if (national) return period.kind === 'year' ? [t.grandTotal] : null;
  const periods = period.kind === 'year' ? t.rows.filter((r) => r.group === area).map((r) => r.period) : [period.text];
  return periods.map((p) => asTotal(t.rowTotals[t.rows.findIndex((r) => r.group === area && r.period === p)]));
}

/**
 * One figure for a whole group and period (a municipality's quarter, the country's year), shown
 * beside a baseline figure only where it gives nothing the tables do not: every table entry it
 * covers is published, and together they hold 10 citizens or more (a benchmark). Where it is one
 * entry, it is that entry's value and count; where several (a year of quarters), the count is
 * their sum and the value the whole period's. A share of a row (channels) has no single figure.
 */
export function ownFigure(indicator: IndicatorId, entries: readonly PublishedTotal[] | null, line: Aggregated): OwnFigure {
  const definition = INDICATORS[indicator];
  if (definition.aggregate === 'share_of_row' || entries === null || entries.length === 0) return { citizens: null, value: null, withheld: 'no_single_figure' };
  if (entries.some((e) => e.suppressed)) return { citizens: null, value: null, withheld: 'suppressed' };
  const citizens = entries.reduce((sum, e) => sum + (e.citizens ?? 0), 0);
  if (!mayShowAsBenchmark(citizens)) return { citizens: null, value: null, withheld: 'too_few_citizens' };
  if (entries.length === 1) return { citizens, value: entries[0]!.value, withheld: null };
  const value = definition.aggregate === 'per_citizen' ? divide(line.num, line.citizens) : definition.aggregate === 'ratio' ? divide(line.num, line.den) : line.median;
  return { citizens, value, withheld: null };
}
