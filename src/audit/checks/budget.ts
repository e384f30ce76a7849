/**
 * Check 11: the books. From the log alone, per budget stream (`budget-<budgetId>`) in log order,
 * that a budget's lines and the entries booked on them keep the budget domain's rules
 * (src/domain/budget/budget.ts): the appropriations are replayed from the enacted amounts, moved
 * by reallocations and raised by supplementary appropriations and carry-overs, and each line's
 * posted total from its entries less their corrections, as the domain's own fold does. The rules
 * are the budget decider's as they stand (src/domain/budget/decide.ts, which a check never
 * imports); the resolutions that must stand behind an approval, a move or a closing are in the
 * board's stream and are not checked here.
 *
 * 1. Lines. A line is expenditure or revenue, on the side its standard account is budgeted on (the
 *    reference of the state's chart of accounts: `standardAccount` of
 *    src/domain/budget/accounts.ts, imported as it is a pure list with its sources, not a rule of
 *    the deciders), and its amounts, as proposed, amended and enacted, are whole øre, never
 *    negative. Each line is proposed once.
 * 2. Entries (SpendingRecorded). Above zero, in whole øre, with the voucher's reference and text;
 *    booked on a line, not withdrawn, of an annual budget that is enacted and whose accounts are
 *    not closed; dated in the budget's fiscal year and not after the Copenhagen calendar day of
 *    the event's own time (`metadata.occurredAt`) nor of the log's time (`recordedAt`, give or
 *    take the five minutes the app's and the database's clocks may disagree); under an id no
 *    earlier entry or correction of the budget has.
 * 3. Overspending. An entry that takes an expenditure line beyond its appropriation states a
 *    reason; one that does not carries none; an entry on a revenue line never carries one.
 * 4. Corrections (SpendingCorrected). Each names an earlier entry of the same budget, on that
 *    entry's line, reverses above zero and at most what is left of it after earlier corrections,
 *    and is booked, dated and identified as an entry is.
 * 5. What the replay rests on. A budget is drafted once. It is enacted once, after its submission
 *    (a later enactment would replace the appropriations), naming only its own lines. Money is
 *    moved (above zero, never leaving a line below nothing) and appropriated in addition (above
 *    zero) only on the enacted budget's lines, before its accounts are closed. A carry-over brings
 *    into this year's annual budget no more than a line of the centre's closed accounts of the
 *    year before left unspent, and only from an expenditure line. A closing comes once, on an
 *    enacted budget, and fixes each line at what its entries less corrections come to.
 *    A budget event stands in its own budget's stream: the read models file it by the budget it
 *    names.
 *
 * Old forms, read as the domain reads them (as check 10 reads its votes in the clear): a line of
 * schema version 1 names no nature and is expenditure, with its amounts as stored, negative ones
 * too; an entry of version 1 has no voucher, text or reason, counts as stored (it may be negative:
 * a correction that names no entry), and is not held to rules 2 and 3. Both are the old form only
 * until the log holds a budget event of the new form; any after that is reported.
 *
 * Every budget event counts as examined. Reasons name ids, amounts and dates only, never a
 * voucher's text or a stated reason (free text); an id that is not a plain id is not repeated.
 */
import type { StoredEvent } from '../canonical.js';
import { standardAccount } from '../../domain/budget/accounts.js';
import { inCopenhagen } from '../../domain/journey/hours.js';
import { isCalendarDate } from './payload.js';
import { check, type Data, type EventChecks, type Meta, recordedMs, violation as v } from './types.js';

/**
 * The budget event types the books read, every one the budget domain writes (a test holds this to
 * the domain's list, so that a new type is read here on purpose). MonthlySplitSet (a line's
 * appropriation split over the months) moves no money: it is counted and held to its stream only.
 */
export const BOOKS_EVENT_TYPES: readonly string[] = [
  'BudgetDrafted',
  'BudgetLineProposed',
  'BudgetLineAmended',
  'BudgetLineWithdrawn',
  'BudgetApproved',
  'BudgetSubmitted',
  'BudgetEnacted',
  'SpendingRecorded',
  'SpendingCorrected',
  'BudgetReallocated',
  'BudgetSupplemented',
  'BudgetCarriedOver',
  'AccountsClosed',
  'MonthlySplitSet',
];
const BUDGET_TYPES = new Set(BOOKS_EVENT_TYPES);
/** Types only the software of the new form writes: once the log holds one, no old form follows. */
const NEW_TYPES = new Set(['SpendingCorrected', 'BudgetSupplemented', 'BudgetCarriedOver', 'AccountsClosed', 'MonthlySplitSet']);
type Nature = 'expenditure' | 'revenue';

interface Line {
  nature: Nature;
  /** Proposed in the new form: its amounts are held to "never negative" wherever they are set. */
  newForm: boolean;
  withdrawn: boolean;
  /** Enacted amounts by year (as the key is written), moved and raised; null before enactment. */
  enacted: Map<string, number> | null;
  /** Entries less corrections, øre. */
  posted: number;
  /** Carried over from it into next year's budget, øre. */
  carriedOut: number;
}
interface Booked {
  kind: 'entry' | 'correction';
  lineId: unknown;
  /** For an entry: what is left of it to correct. */
  remaining: number;
  /** The voucher's date as written. */
  on: unknown;
}
interface Budget {
  drafted: boolean;
  centreId: unknown;
  fiscalYear: unknown;
  kind: unknown;
  status: 'none' | 'draft' | 'approved' | 'submitted' | 'enacted' | 'closed';
  everEnacted: boolean;
  lines: Map<unknown, Line>;
  booked: Map<unknown, Booked>;
}

const PLAIN_ID = /^[\p{L}\p{N}._:@-]{1,64}$/u;
/** An id as a reason may name it: a plain id, never a text someone wrote in its place. */
const show = (id: unknown) => (typeof id === 'string' && PLAIN_ID.test(id) ? id : '(not a plain id)');
const ore = (x: unknown) => (Number.isSafeInteger(x) ? `${x as number} øre` : 'an amount that is not a whole number of øre');
const positive = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;
/** A value as the fold adds it: the number stored, or nothing. */
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const present = (x: unknown) => typeof x === 'string' && x.trim() !== '';
const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const yearOf = (key: string) => (/^\d{4}$/.test(key) ? key : '(a year that is not four digits)');

/**
 * How far the app's clock (an event's `occurredAt`) may run ahead of the database's (its
 * `recordedAt`, when its transaction began) before an entry dated on the app's today is ahead of
 * the log's: the five minutes check 7 allows recorded times to run back.
 */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The Copenhagen calendar day of instants, each text's once: events of one append share their times. */
function days(): (text: unknown, ms: number) => string | null {
  let lastText: unknown = null;
  let lastDay: string | null = null;
  return (text, ms) => {
    if (text !== lastText) {
      lastText = text;
      lastDay = Number.isFinite(ms) ? inCopenhagen(new Date(ms)).date : null;
    }
    return lastDay;
  };
}

export function budgetChecks(): EventChecks {
  const books = check(
    11,
    'the books: budget lines are expenditure or revenue as their standard account is, and never negative; entries and corrections are above zero, on a voucher, dated in the fiscal year and not ahead of their own time, against the lines of an enacted annual budget, a correction reversing at most what is left of its entry; and an entry beyond a line’s appropriation states why, as no other does',
  );
  const budgets = new Map<string, Budget>();
  const madeDay = days();
  const recordedDay = days();
  /** Whether the log has held a budget event of the new form: from then on, no old form. */
  let newSince: number | null = null;

  const budgetOf = (stream: string): Budget => {
    let b = budgets.get(stream);
    if (!b) {
      b = { drafted: false, centreId: null, fiscalYear: null, kind: null, status: 'none', everEnacted: false, lines: new Map(), booked: new Map() };
      budgets.set(stream, b);
    }
    return b;
  };

  /** Every amount a whole number of øre, zero or more; `what` says where the amounts were set. */
  function notNegative(e: StoredEvent, amounts: unknown, what: string): void {
    if (!isObject(amounts)) return; // not a map: check 7's
    for (const [year, value] of Object.entries(amounts)) {
      if (!(Number.isSafeInteger(value) && (value as number) >= 0)) v(books, e, `${what} an amount for ${yearOf(year)} that is negative or not a whole number of øre: a line's amounts are never negative`);
    }
  }

  function proposed(e: StoredEvent, d: Data, b: Budget): void {
    const oldForm = e.schemaVersion === 1 && !('nature' in d);
    const lineId = d.lineId;
    if (oldForm) {
      if (newSince !== null) v(books, e, `line ${show(lineId)} is proposed in the old form (schema version 1, no nature) after the log held budget events of the new form`);
    } else {
      newSince ??= e.position;
      if (d.nature !== 'expenditure' && d.nature !== 'revenue') v(books, e, `line ${show(lineId)} is neither expenditure nor revenue`);
      const code = typeof d.standardAccount === 'string' ? d.standardAccount : '';
      const standard = standardAccount(code);
      if (!standard) v(books, e, `line ${show(lineId)} names standard account ${/^\d{2}$/.test(code) ? code : '(not two digits)'}, not one a centre budgets on: its side is not known`);
      else {
        const side: Nature = standard.kind === 'udgift' ? 'expenditure' : 'revenue';
        if ((d.nature === 'expenditure' || d.nature === 'revenue') && d.nature !== side) v(books, e, `line ${show(lineId)} is ${d.nature}, but standard account ${code} is budgeted as ${side}`);
      }
      notNegative(e, d.amounts, `line ${show(lineId)} is proposed with`);
    }
    if (!b.drafted) return; // the domain's fold ignores it
    if (b.lines.has(lineId)) v(books, e, `line ${show(lineId)} is proposed a second time in this budget: its postings would start again from nothing`);
    b.lines.set(lineId, { nature: d.nature === 'revenue' ? 'revenue' : 'expenditure', newForm: !oldForm, withdrawn: false, enacted: null, posted: 0, carriedOut: 0 });
  }

  function enacted(e: StoredEvent, d: Data, b: Budget): void {
    if (!b.drafted) return; // the domain's fold ignores it
    const lines: unknown[] = Array.isArray(d.lines) ? d.lines : [];
    for (const l of lines) {
      if (!isObject(l)) continue;
      const line = b.lines.get(l.lineId);
      if (!line) v(books, e, `the enactment names line ${show(l.lineId)}, which is not a line of this budget`);
      else if (line.newForm) notNegative(e, l.amounts, `the enactment gives line ${show(l.lineId)}`);
    }
    if (b.status !== 'submitted') {
      v(books, e, b.everEnacted ? 'the budget is enacted a second time, without a new approval and submission' : 'the budget is enacted though it was not submitted for the Finance Act after its approval');
      return; // the domain's fold ignores it
    }
    if (b.everEnacted) v(books, e, 'the budget is enacted a second time: its appropriations would be replaced');
    for (const l of lines) {
      const line = isObject(l) ? b.lines.get(l.lineId) : undefined;
      if (line && isObject(l)) line.enacted = new Map(isObject(l.amounts) ? Object.entries(l.amounts).map(([year, amount]) => [year, num(amount)]) : []);
    }
    b.status = 'enacted';
    b.everEnacted = true;
  }

  /** Why money cannot be moved or appropriated in this budget now, or null. */
  const notOpen = (b: Budget) => (b.status === 'closed' ? 'after its accounts were closed' : b.status !== 'enacted' ? 'in a budget not enacted' : null);

  function reallocated(e: StoredEvent, d: Data, b: Budget): void {
    if (!b.drafted) return;
    const why = notOpen(b);
    if (why) v(books, e, `money is moved between lines ${why}`);
    if (!positive(d.amountOre)) v(books, e, `a reallocation moves ${ore(d.amountOre)}: it moves a whole number of øre above zero`);
    const from = b.lines.get(d.fromLineId);
    const to = b.lines.get(d.toLineId);
    for (const [line, id] of [[from, d.fromLineId], [to, d.toLineId]] as const) {
      if (!line) v(books, e, `a reallocation names line ${show(id)}, which is not a line of this budget`);
      else if (line.withdrawn) v(books, e, `a reallocation names line ${show(id)}, which was withdrawn`);
    }
    const year = String(d.year);
    const amount = num(d.amountOre);
    if (from && to && from.nature !== to.nature) v(books, e, `a reallocation moves money from ${from.nature} line ${show(d.fromLineId)} to ${to.nature} line ${show(d.toLineId)}: it would change the net appropriation`);
    if (from) {
      from.enacted ??= new Map();
      const left = (from.enacted.get(year) ?? 0) - amount;
      from.enacted.set(year, left);
      if (left < 0 && positive(d.amountOre)) v(books, e, `a reallocation of ${ore(d.amountOre)} leaves line ${show(d.fromLineId)} with less than nothing for ${yearOf(year)}`);
      // What a line has spent has gone: a move of it would leave the spending beyond the appropriation, with no reason ever stated.
      else if (from.newForm && b.kind === 'annual' && year === String(b.fiscalYear) && from.nature === 'expenditure' && positive(d.amountOre) && from.posted > left) {
        v(books, e, `a reallocation of ${ore(d.amountOre)} moves money line ${show(d.fromLineId)} has spent: ${ore(from.posted)} posted, ${ore(left)} left`);
      }
    }
    if (to) {
      to.enacted ??= new Map();
      to.enacted.set(year, (to.enacted.get(year) ?? 0) + amount);
    }
  }

  function supplemented(e: StoredEvent, d: Data, b: Budget): void {
    if (!b.drafted) return;
    const why = notOpen(b);
    if (why) v(books, e, `a supplementary appropriation is granted ${why}`);
    if (!positive(d.amountOre)) v(books, e, `a supplementary appropriation of ${ore(d.amountOre)}: it is a whole number of øre above zero`);
    const line = b.lines.get(d.lineId);
    if (!line) return v(books, e, `a supplementary appropriation names line ${show(d.lineId)}, which is not a line of this budget`);
    if (line.withdrawn) v(books, e, `a supplementary appropriation names line ${show(d.lineId)}, which was withdrawn`);
    const year = String(d.year);
    line.enacted ??= new Map();
    line.enacted.set(year, (line.enacted.get(year) ?? 0) + num(d.amountOre));
  }

  /** An expenditure line's appropriation for a year: enacted, moved, raised. */
  const appropriation = (line: Line, year: unknown) => line.enacted?.get(String(year)) ?? 0;

  /**
   * A carry-over (overførsel): money last year's closed accounts left unspent on an expenditure
   * line, added to a line of this year's. The source is in the log too: the centre's annual budget
   * of the year before, closed; what is carried from one line, into any budget, never comes to
   * more than it left unspent.
   */
  function carriedOver(e: StoredEvent, d: Data, b: Budget): void {
    if (!b.drafted) return;
    const why = notOpen(b);
    if (why) v(books, e, `money is carried over ${why}`);
    if (b.kind !== 'annual') v(books, e, 'money is carried over into a budget that is not annual');
    if (!positive(d.amountOre)) v(books, e, `a carry-over of ${ore(d.amountOre)}: it is a whole number of øre above zero`);
    if (d.year !== b.fiscalYear) v(books, e, 'a carry-over names another year than the budget’s fiscal year');
    const source = typeof d.fromBudgetId === 'string' ? budgets.get(`budget-${d.fromBudgetId}`) : undefined;
    const from = `budget ${show(d.fromBudgetId)}`;
    if (!source?.drafted || source.centreId !== b.centreId || source.kind !== 'annual' || typeof b.fiscalYear !== 'number' || source.fiscalYear !== b.fiscalYear - 1) {
      v(books, e, `a carry-over from ${from}, which is not the centre’s annual budget of the year before`);
    } else if (source.status !== 'closed') v(books, e, `a carry-over from ${from}, whose accounts were not closed`);
    else {
      const sourceLine = source.lines.get(d.fromLineId);
      if (!sourceLine || sourceLine.withdrawn) v(books, e, `a carry-over from line ${show(d.fromLineId)}, which is not a line of ${from}`);
      else if (sourceLine.nature !== 'expenditure') v(books, e, `a carry-over from revenue line ${show(d.fromLineId)} of ${from}: what is carried over is unspent expenditure`);
      else {
        const appropriated = appropriation(sourceLine, source.fiscalYear);
        const unspent = Math.min(appropriated, Math.max(0, appropriated - sourceLine.posted));
        if (positive(d.amountOre) && sourceLine.carriedOut + d.amountOre > unspent) {
          v(books, e, `a carry-over of ${ore(d.amountOre)} from line ${show(d.fromLineId)} of ${from}, which left ${ore(unspent)} unspent, of which ${ore(sourceLine.carriedOut)} were carried over already`);
        }
        sourceLine.carriedOut += num(d.amountOre);
      }
    }
    const line = b.lines.get(d.lineId);
    if (!line) return v(books, e, `a carry-over names line ${show(d.lineId)}, which is not a line of this budget`);
    if (line.withdrawn) v(books, e, `a carry-over names line ${show(d.lineId)}, which was withdrawn`);
    if (line.nature !== 'expenditure') v(books, e, `a carry-over onto revenue line ${show(d.lineId)}: unspent expenditure goes onto an expenditure line`);
    const year = String(d.year);
    line.enacted ??= new Map();
    line.enacted.set(year, (line.enacted.get(year) ?? 0) + num(d.amountOre));
  }

  function closed(e: StoredEvent, d: Data, b: Budget): void {
    if (!b.drafted) return;
    const lines: unknown[] = Array.isArray(d.lines) ? d.lines : [];
    if (b.status !== 'enacted') v(books, e, b.status === 'closed' ? 'the accounts are closed a second time' : 'the accounts are closed on a budget not enacted');
    const named = new Set<unknown>();
    for (const l of lines) {
      if (!isObject(l)) continue;
      named.add(l.lineId);
      const line = b.lines.get(l.lineId);
      if (!line) v(books, e, `the closing names line ${show(l.lineId)}, which is not a line of this budget`);
      else if (l.spentOre !== line.posted) v(books, e, `the closing fixes line ${show(l.lineId)} at ${ore(l.spentOre)}, but its entries less corrections come to ${ore(line.posted)}`);
    }
    for (const [lineId, line] of b.lines) if (!line.withdrawn && !named.has(lineId)) v(books, e, `the closing leaves out line ${show(lineId)}`);
    if (b.status === 'enacted') b.status = 'closed';
  }

  /**
   * The rules an entry and a correction share (2): above zero, voucher and text, dated in the year
   * and not ahead of its time, a new id, booked on an enacted annual budget. Returns whether the
   * budget is one to book on (enacted, annual, not closed).
   */
  function booking(e: StoredEvent, d: Data, meta: Meta, b: Budget, what: string, id: unknown): boolean {
    if (!positive(d.amountOre)) v(books, e, `${what} of ${ore(d.amountOre)}: an entry or correction is a whole number of øre above zero`);
    if (!present(d.voucher)) v(books, e, `${what} has no voucher reference`);
    if (!present(d.text)) v(books, e, `${what} has no voucher text`);
    if (b.booked.has(id)) v(books, e, `${what} has the id of an earlier entry or correction of this budget`);
    const on: unknown = d.on;
    const dated = isCalendarDate(on);
    if (!(dated && typeof b.fiscalYear === 'number' && Number(on.slice(0, 4)) === b.fiscalYear)) {
      v(books, e, `${what} is dated ${dated ? on : '(not a date)'}, outside the budget's fiscal year${typeof b.fiscalYear === 'number' ? ` ${b.fiscalYear}` : ''}`);
    }
    if (dated) {
      const made = typeof meta.occurredAt === 'string' ? madeDay(meta.occurredAt, Date.parse(meta.occurredAt)) : null;
      const recorded = recordedDay(e.recordedAt, recordedMs(e) + CLOCK_SKEW_MS);
      if (made !== null && on > made) v(books, e, `${what} is dated ${on}, after the day it was made (${made} in Copenhagen)`);
      else if (recorded !== null && on > recorded) v(books, e, `${what} is dated ${on}, after the day the log recorded it (${inCopenhagen(new Date(recordedMs(e))).date} in Copenhagen)`);
    }
    if (b.kind !== 'annual') v(books, e, `${what} is booked on a budget that is not annual: entries are booked on the annual budget`);
    if (b.status === 'closed') v(books, e, `${what} is booked after the budget's accounts were closed`);
    else if (b.status !== 'enacted') v(books, e, `${what} is booked on a budget not enacted`);
    return b.kind === 'annual' && b.status === 'enacted';
  }

  function entry(e: StoredEvent, d: Data, meta: Meta, b: Budget): void {
    const id = d.spendingId;
    const what = `entry ${show(id)}`;
    const oldForm = e.schemaVersion === 1 && d.voucher === undefined && d.text === undefined && d.overspendReason === undefined;
    const line = b.lines.get(d.lineId);
    if (oldForm) {
      if (newSince !== null) v(books, e, `${what} is in the old form (schema version 1, no voucher) after the log held budget events of the new form`);
    } else {
      newSince ??= e.position;
      if (!b.drafted) v(books, e, `${what} is booked in a budget that was never drafted`);
      else {
        const open = booking(e, d, meta, b, what, id);
        if (!line) v(books, e, `${what} is booked on line ${show(d.lineId)}, which is not a line of this budget`);
        else if (line.withdrawn) v(books, e, `${what} is booked on line ${show(d.lineId)}, which was withdrawn`);
        if (line && open && positive(d.amountOre)) overspending(e, d, b, line, what);
      }
    }
    if (!b.drafted) return;
    if (line) line.posted += num(d.amountOre);
    b.booked.set(id, { kind: 'entry', lineId: d.lineId, remaining: Math.max(num(d.amountOre), 0), on: d.on });
  }

  /** Rule 3: a reason when, and only when, the entry takes an expenditure line beyond its appropriation. */
  function overspending(e: StoredEvent, d: Data, b: Budget, line: Line, what: string): void {
    const stated = d.overspendReason !== undefined && d.overspendReason !== null;
    const lineId = show(d.lineId);
    if (line.nature === 'revenue') {
      if (stated) v(books, e, `${what} on revenue line ${lineId} carries an overspending reason: revenue is never overspent`);
      return;
    }
    const available = appropriation(line, b.fiscalYear);
    const amount = d.amountOre as number;
    const beyond = line.posted + amount > available;
    if (beyond && !present(d.overspendReason)) {
      v(books, e, `${what} takes line ${lineId} beyond its appropriation with no reason stated: ${ore(amount)} on ${ore(line.posted)} posted, of ${ore(available)} appropriated`);
    }
    if (!beyond && stated) v(books, e, `${what} carries an overspending reason, but does not take line ${lineId} beyond its appropriation`);
  }

  function correction(e: StoredEvent, d: Data, meta: Meta, b: Budget): void {
    const id = d.correctionId;
    const what = `correction ${show(id)}`;
    if (!b.drafted) return v(books, e, `${what} is booked in a budget that was never drafted`);
    booking(e, d, meta, b, what, id);
    const corrected = b.booked.get(d.spendingId);
    if (!corrected || corrected.kind !== 'entry') v(books, e, `${what} names no earlier entry of this budget (${show(d.spendingId)})`);
    else {
      if (corrected.lineId !== d.lineId) v(books, e, `${what} is on line ${show(d.lineId)}, but the entry it corrects (${show(d.spendingId)}) is on line ${show(corrected.lineId)}`);
      if (typeof d.on === 'string' && typeof corrected.on === 'string' && d.on < corrected.on) v(books, e, `${what} is dated before the entry it corrects (${show(d.spendingId)})`);
      if (positive(d.amountOre) && d.amountOre > corrected.remaining) {
        v(books, e, `${what} reverses ${ore(d.amountOre)} of entry ${show(d.spendingId)}, which has ${ore(corrected.remaining)} left to correct`);
      }
      corrected.remaining -= num(d.amountOre);
    }
    const line = b.lines.get(d.lineId);
    if (line) line.posted -= num(d.amountOre);
    b.booked.set(id, { kind: 'correction', lineId: d.lineId, remaining: 0, on: d.on });
  }

  return {
    checks: [books],
    onEvent(e: StoredEvent, d: Data, meta: Meta) {
      if (!BUDGET_TYPES.has(e.type)) return;
      books.examined++;
      if (typeof d.budgetId !== 'string' || e.stream !== `budget-${d.budgetId}`) {
        v(books, e, `a budget event outside its budget's stream: it names budget ${show(d.budgetId)}, and the read models file it there`);
        return;
      }
      if (NEW_TYPES.has(e.type)) newSince ??= e.position;
      const b = budgetOf(e.stream);
      switch (e.type) {
        case 'BudgetDrafted':
          if (b.drafted) {
            v(books, e, 'the budget is drafted a second time: its lines and entries would start again from nothing');
            break;
          }
          Object.assign(b, { drafted: true, centreId: d.centreId, fiscalYear: d.fiscalYear, kind: d.kind, status: 'draft' });
          break;
        case 'BudgetLineProposed':
          proposed(e, d, b);
          break;
        case 'BudgetLineAmended': {
          const line = b.lines.get(d.lineId);
          if (line?.newForm) notNegative(e, d.amounts, `the amendment gives line ${show(d.lineId)}`);
          break;
        }
        case 'BudgetLineWithdrawn': {
          const line = b.lines.get(d.lineId);
          if (line) line.withdrawn = true;
          break;
        }
        case 'BudgetApproved':
          if (b.drafted) b.status = 'approved';
          break;
        case 'BudgetSubmitted':
          if (b.status === 'approved') b.status = 'submitted';
          break;
        case 'BudgetEnacted':
          enacted(e, d, b);
          break;
        case 'SpendingRecorded':
          entry(e, d, meta, b);
          break;
        case 'SpendingCorrected':
          correction(e, d, meta, b);
          break;
        case 'BudgetReallocated':
          reallocated(e, d, b);
          break;
        case 'BudgetSupplemented':
          supplemented(e, d, b);
          break;
        case 'BudgetCarriedOver':
          carriedOver(e, d, b);
          break;
        case 'AccountsClosed':
          closed(e, d, b);
          break;
        default:
          break;
      }
    },
  };
}
