/**
 * What the board's and the budgets' pages share: the labels for the codes these pages show, and
 * the readers that turn what a person typed into a day, a moment in Danish time, or øre (the form
 * controls themselves are components.ts's). Pure: no I/O, no clock.
 */
import type { BoardRole, ResolutionSubject, Seat, SeatKind, VoteChoice } from '../../domain/board/board.js';
import type { BudgetKind } from '../../domain/budget/budget.js';
import { AMOUNT_MAX_ORE } from '../../domain/budget/decide.js';
import type { MinutesStatus } from '../../projections/board/queries.js';
import type { LineHistoryEntry } from '../../projections/budgets/replay.js';
import { formatKroner, formatMoment, type Lang, type Message, say } from '../i18n.js';

// ---- Labels ----

export const SEAT_KIND_LABELS: Record<SeatKind, Message> = {
  partner: { da: 'Medspiller', en: 'Partner' },
  employee: { da: 'Medarbejderrepræsentant', en: 'Employee representative' },
  citizen: { da: 'Borgerrepræsentant', en: 'Citizen representative' },
};

export const BOARD_ROLE_LABELS: Record<BoardRole, Message> = {
  chair: { da: 'Formand', en: 'Chair' },
  vice_chair: { da: 'Næstformand', en: 'Vice-chair' },
  secretary: { da: 'Sekretær', en: 'Secretary' },
};

/** A seat as a person names it: its kind, and a partner seat's organisation. */
export const seatName = (lang: Lang, seat: Pick<Seat, 'kind' | 'organisation'>) =>
  seat.kind === 'partner' && seat.organisation ? `${say(lang, SEAT_KIND_LABELS.partner)}: ${seat.organisation}` : say(lang, SEAT_KIND_LABELS[seat.kind]);

export const VOTE_LABELS: Record<VoteChoice, Message> = {
  for: { da: 'For', en: 'For' },
  against: { da: 'Imod', en: 'Against' },
  abstain: { da: 'Undlader at stemme', en: 'Abstains' },
};

export const RESOLUTION_STATUS_LABELS: Record<'proposed' | 'adopted' | 'rejected', Message> = {
  proposed: { da: 'Til afstemning', en: 'Open for voting' },
  adopted: { da: 'Vedtaget', en: 'Adopted' },
  rejected: { da: 'Forkastet', en: 'Rejected' },
};

export const MINUTES_LABELS: Record<Exclude<MinutesStatus, null> | 'none', Message> = {
  none: { da: 'Fremmøde er ikke registreret', en: 'Attendance not recorded' },
  open: { da: 'Referatet er ikke underskrevet', en: 'Minutes not signed' },
  signing: { da: 'Referatet er ved at blive underskrevet', en: 'Minutes being signed' },
  signed: { da: 'Referatet er underskrevet', en: 'Minutes signed' },
};

export const BUDGET_STATUS_LABELS: Record<'draft' | 'approved' | 'submitted' | 'enacted' | 'closed', Message> = {
  draft: { da: 'Udkast', en: 'Draft' },
  approved: { da: 'Godkendt af bestyrelsen', en: 'Approved by the board' },
  submitted: { da: 'Sendt til Finansloven', en: 'Submitted for the Finance Act' },
  enacted: { da: 'Bevilget på Finansloven', en: 'Enacted on the Finance Act' },
  closed: { da: 'Regnskab afsluttet', en: 'Accounts closed' },
};

export const BUDGET_KIND_LABELS: Record<BudgetKind, Message> = {
  annual: { da: 'Årsbudget', en: 'Annual budget' },
  development: { da: 'Udviklingsbudget (5 år)', en: 'Development budget (5 years)' },
};

export const HISTORY_LABELS: Record<LineHistoryEntry['what'], Message> = {
  proposed: { da: 'Foreslået', en: 'Proposed' },
  amended: { da: 'Ændret', en: 'Amended' },
  withdrawn: { da: 'Trukket tilbage', en: 'Withdrawn' },
  approved: { da: 'Godkendt ved beslutning', en: 'Approved by resolution' },
  submitted: { da: 'Sendt til Finansloven', en: 'Submitted for the Finance Act' },
  enacted: { da: 'Bevilget', en: 'Enacted' },
  spent: { da: 'Bilag bogført', en: 'Entry recorded' },
  corrected: { da: 'Bilag rettet', en: 'Entry corrected' },
  reallocated_out: { da: 'Penge flyttet fra linjen', en: 'Money moved off the line' },
  reallocated_in: { da: 'Penge flyttet til linjen', en: 'Money moved onto the line' },
  supplemented: { da: 'Tillægsbevilling', en: 'Supplementary appropriation' },
  carried_in: { da: 'Overført fra sidste år', en: 'Carried over from last year' },
  closed: { da: 'Regnskabet afsluttet', en: 'Accounts closed' },
};

/** The months of a year, January first, as a monthly split and its table name them. */
export const MONTH_LABELS: readonly Message[] = [
  { da: 'Januar', en: 'January' },
  { da: 'Februar', en: 'February' },
  { da: 'Marts', en: 'March' },
  { da: 'April', en: 'April' },
  { da: 'Maj', en: 'May' },
  { da: 'Juni', en: 'June' },
  { da: 'Juli', en: 'July' },
  { da: 'August', en: 'August' },
  { da: 'September', en: 'September' },
  { da: 'Oktober', en: 'October' },
  { da: 'November', en: 'November' },
  { da: 'December', en: 'December' },
];

/** "Årsbudget 2027" / "Udviklingsbudget 2027–2031". */
export function budgetName(lang: Lang, budget: { kind: BudgetKind; fiscalYear: number; years?: readonly number[] }): string {
  const last = budget.years?.at(-1) ?? (budget.kind === 'development' ? budget.fiscalYear + 4 : budget.fiscalYear);
  return budget.kind === 'annual' ? `${say(lang, { da: 'Årsbudget', en: 'Annual budget' })} ${budget.fiscalYear}` : `${say(lang, { da: 'Udviklingsbudget', en: 'Development budget' })} ${budget.fiscalYear}–${last}`;
}

/** A budget's name inside a sentence: "godkender årsbudget 2027". */
export const budgetNameInText = (lang: Lang, budget: { kind: BudgetKind; fiscalYear: number; years?: readonly number[] }) => {
  const name = budgetName(lang, budget);
  return name.charAt(0).toLowerCase() + name.slice(1);
};

/** A Finance Act account as it is printed: paragraf, hovedområde and aktivitetsområde, hovedkonto, underkonto ("17.41.11.10"). */
export const accountLabel = (account: string) => (/^\d{8}$/.test(account) ? `${account.slice(0, 2)}.${account.slice(2, 4)}.${account.slice(4, 6)}.${account.slice(6, 8)}` : account);

/** What a resolution decides, in words (budgets by name when known). */
export function subjectText(lang: Lang, subject: ResolutionSubject, budgetNames: ReadonlyMap<string, string>, lineNames: ReadonlyMap<string, string> = new Map()): string {
  switch (subject.kind) {
    case 'general':
      return say(lang, { da: 'Generel beslutning', en: 'General resolution' });
    case 'budget_approval':
      return say(lang, { da: 'Godkender {budget}, version {version}', en: 'Approves {budget}, version {version}' }, { budget: budgetNames.get(subject.budgetId) ?? say(lang, { da: 'et budget', en: 'a budget' }), version: subject.version });
    case 'budget_reallocation':
      return say(lang, { da: 'Flytter {amount} i {year} fra {from} til {to} i {budget}', en: 'Moves {amount} in {year} from {from} to {to} in {budget}' }, {
        amount: formatKroner(lang, subject.amountOre),
        year: subject.year,
        from: lineNames.get(subject.fromLineId) ?? '–',
        to: lineNames.get(subject.toLineId) ?? '–',
        budget: budgetNames.get(subject.budgetId) ?? say(lang, { da: 'et budget', en: 'a budget' }),
      });
    case 'budget_supplement':
      return say(lang, { da: 'Tillægsbevilling på {amount} i {year} til {line} i {budget}', en: 'Supplementary appropriation of {amount} in {year} to {line} in {budget}' }, {
        amount: formatKroner(lang, subject.amountOre),
        year: subject.year,
        line: lineNames.get(subject.lineId) ?? '–',
        budget: budgetNames.get(subject.budgetId) ?? say(lang, { da: 'et budget', en: 'a budget' }),
      });
    case 'budget_carry_over':
      return say(lang, { da: 'Overfører {amount} uforbrugt fra {from} i {fromBudget} til {line} i {budget}', en: 'Carries {amount} unspent from {from} in {fromBudget} over to {line} in {budget}' }, {
        amount: formatKroner(lang, subject.amountOre),
        from: lineNames.get(subject.fromLineId) ?? '–',
        fromBudget: budgetNames.get(subject.fromBudgetId) ?? say(lang, { da: 'sidste års budget', en: 'last year’s budget' }),
        line: lineNames.get(subject.lineId) ?? '–',
        budget: budgetNames.get(subject.budgetId) ?? say(lang, { da: 'et budget', en: 'a budget' }),
      });
    case 'budget_closing':
      return say(lang, { da: 'Afslutter regnskabet for {budget}', en: 'Closes the accounts of {budget}' }, { budget: budgetNames.get(subject.budgetId) ?? say(lang, { da: 'et budget', en: 'a budget' }) });
    default: {
      const unknown: never = subject;
      return String(unknown);
    }
  }
}

// ---- Reading what was typed ----

const ZONE = 'Europe/Copenhagen';
const WALL = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number): Wall {
  const parts: Record<string, number> = {};
  for (const p of WALL.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Copenhagen's offset from UTC at a moment, in milliseconds. */
function offsetAt(ms: number): number {
  const w = wallClock(ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The moment a wall-clock time in Copenhagen names (the later one in the autumn's repeated hour). */
export function fromCopenhagen(w: Wall): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

const two = (n: number) => String(n).padStart(2, '0');

/** A moment as a datetime-local field's value: Copenhagen wall-clock time to the second. */
export function localMomentValue(moment: Date | string): string {
  const w = wallClock(new Date(moment).getTime());
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}

/** Today's date in Copenhagen, as a date field's value. */
export const localDayValue = (moment: Date) => localMomentValue(moment).slice(0, 10);

const validDay = (year: number, month: number, day: number) => {
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && year <= 9999 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

/** A day as typed ("2027-06-30", "30-06-2027", "30.6.2027"), as YYYY-MM-DD; null if it is not one. */
export function parseDay(text: string | undefined): string | null {
  const value = (text ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const danish = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : danish ? [Number(danish[3]), Number(danish[2]), Number(danish[1])] : [0, 0, 0];
  if (!validDay(year, month, day)) return null;
  return `${year}-${two(month)}-${two(day)}`;
}

/**
 * A moment as typed: a datetime-local value ("2027-01-05T10:00" or with seconds), Danish writing
 * ("5-1-2027 10.00", "5.1.2027 kl. 10.00.05"), both in Danish time; or ISO-8601 with a zone. Null
 * if it is none of these.
 */
export function parseMoment(text: string | undefined): { at: Date; exact: boolean } | null {
  const value = (text ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) || !validDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))) ? null : { at, exact: true };
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/.exec(value);
  const danish = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/i.exec(value);
  const m = iso
    ? { year: iso[1], month: iso[2], day: iso[3], hour: iso[4], minute: iso[5], second: iso[6] }
    : danish
      ? { year: danish[3], month: danish[2], day: danish[1], hour: danish[4], minute: danish[5], second: danish[6] }
      : null;
  if (!m) return null;
  const w = { year: Number(m.year), month: Number(m.month), day: Number(m.day), hour: Number(m.hour), minute: Number(m.minute), second: Number(m.second ?? 0) };
  if (!validDay(w.year, w.month, w.day) || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  return { at: fromCopenhagen(w), exact: false };
}

/**
 * The moment a replay runs to. A wall-clock time names a whole second (or minute): everything
 * recorded within it counts, as a person reading "kl. 10.00.05" expects; an ISO moment is exact.
 */
export function replayMoment(parsed: { at: Date; exact: boolean }): Date {
  return parsed.exact ? parsed.at : new Date(parsed.at.getTime() + 999);
}

/** A moment to the second: "tirsdag 5. januar kl. 10.00.05" / "Tuesday 5 January at 10:00:05" (seconds only when not zero). */
export function formatMomentPrecise(lang: Lang, moment: Date | string): string {
  const at = new Date(moment);
  const seconds = at.getUTCSeconds(); // Copenhagen's offset is whole hours: its seconds are UTC's.
  return seconds === 0 ? formatMoment(lang, at) : `${formatMoment(lang, at)}${lang === 'da' ? '.' : ':'}${two(seconds)}`;
}

const KRONER_DA = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;
const KRONER_EN = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * An amount in kroner as typed in the reader's language ("1.250.000,50" / "1,250,000.50", or
 * plain digits; spaces, "kr." and "DKK" are ignored), as whole øre; null if it is not one or is
 * beyond what a budget line may hold.
 */
export function parseKroner(lang: Lang, text: string | undefined): number | null {
  const value = (text ?? '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^(?:DKK|kr\.?)/i, '')
    .replace(/(?:DKK|kr\.?)$/i, '')
    .replace(/^−/, '-');
  const m = (lang === 'da' ? KRONER_DA : KRONER_EN).exec(value);
  if (!m) return null;
  const whole = Number(m[2]!.replace(/[.,]/g, ''));
  const ore = whole * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(ore) || ore > AMOUNT_MAX_ORE) return null;
  return m[1] ? -ore : ore;
}

/** Øre as the reader types kroner ("1.250.000,50" / "1250000.50"), for a field's value. */
export function kronerValue(lang: Lang, ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const whole = String(Math.floor(abs / 100));
  const cents = two(abs % 100);
  return lang === 'da' ? `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}` : `${sign}${whole}.${cents}`;
}
