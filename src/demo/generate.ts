/**
 * The demo generator (`virkelyst demo`, issue 12): centres, their boards and budgets, staff and
 * their calendars, and citizens' journeys over a period, every act a command decided by the
 * domain's deciders with the envelope they expect (the principal who acts, the simulated moment
 * of the act as `now`), never an event written around them.
 *
 * The world is simulated week by week. Each week every centre's own agenda runs first (staff
 * publish next week's free times on Monday morning; the board meets; budgets are drafted, approved,
 * submitted, enacted and spent against), then each citizen's acts that fall in the week, in time
 * order per citizen. Everything random is drawn from generators seeded by the run's seed and the
 * thing it is about (a citizen, a centre), so the same options give the same commands with the
 * same ids: a second run appends nothing, and a run cut off and started again ends with the log
 * an uninterrupted run writes (src/commands/batch.ts).
 */
import { createHash } from 'node:crypto';
import { BatchWriter, type BatchWriterOptions } from '../commands/batch.js';
import type { ProcessStep } from '../commands/handler.js';
import type { EventStore } from '../eventstore/port.js';
import { derivedId } from '../ids.js';
import { boardStreamId, seatOf, type VoteChoice } from '../domain/board/board.js';
import { boardDecider, type BudgetFact, budgetFactOf } from '../domain/board/decide.js';
import { budgetStreamId, type Amounts, type BudgetKind, type LineNature } from '../domain/budget/budget.js';
import { budgetDecider, closedAccountsOf, type ResolutionFact } from '../domain/budget/decide.js';
import { calendarDecider } from '../domain/calendar/decide.js';
import { centreStreamId, type OpeningHours } from '../domain/centre/centre.js';
import { centreDecider } from '../domain/centre/decide.js';
import { MUNICIPALITIES } from '../domain/centre/municipalities.js';
import { journeyDecider, type JourneyCommand } from '../domain/journey/decide.js';
import { publicHoliday } from '../domain/journey/hours.js';
import { type CentreOfferKind, type Channel, type FirstContact, type GoalCategory, type Journey, journeyStreamId } from '../domain/journey/journey.js';
import type { Principal } from '../domain/shared/principal.js';
import { activityDecider } from '../domain/activity/decide.js';
import { agreementStreamId, inForceOn } from '../domain/agreement/agreement.js';
import { agreementDecider } from '../domain/agreement/decide.js';
import { catalogueOfferStreamId } from '../domain/catalogue/catalogue.js';
import { type AgreementFact, catalogueDecider } from '../domain/catalogue/decide.js';
import { groupDecider } from '../domain/group/decide.js';
import type { CatalogueOfferFact } from '../domain/journey/decide-sharing.js';
import { partnerDecider } from '../domain/partner/decide.js';
import { partnerStreamId } from '../domain/partner/partner.js';
import { ventureDecider } from '../domain/venture/decide.js';
import { type DemoRates, ratesWith } from './rates.js';
import * as T from './texts.js';

export interface DemoOptions {
  /** How many centres, one per municipality in the register's order (at most 98). */
  centres: number;
  /** How many months the period runs. */
  months: number;
  seed: string;
  /** The first month, YYYY-MM. The whole period must lie in the past. */
  from: string;
  rates?: Partial<DemoRates>;
}

/** Who the demo made, for signing in to the UI as one of them. */
export interface DemoPeople {
  admin: string;
  centres: { centreId: string; name: string; municipalityCode: string; staff: string[]; board: { memberId: string; seat: string; role?: string }[]; citizens: string[] }[];
}

export interface DemoProgress {
  week: number;
  weeks: number;
  decided: number;
  written: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SLOT_MINUTES = 45;
const SLOT_TIMES = ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00'];
export const OPENING_HOURS: OpeningHours = {
  monday: [{ opens: '09:00', closes: '16:00' }],
  tuesday: [{ opens: '09:00', closes: '16:00' }],
  wednesday: [{ opens: '09:00', closes: '16:00' }],
  thursday: [{ opens: '09:00', closes: '18:00' }],
  friday: [{ opens: '09:00', closes: '15:00' }],
  saturday: [],
  sunday: [],
};

/** The options' namespace: every id of the run derives from it. */
export const demoNamespace = (o: Pick<DemoOptions, 'seed' | 'centres' | 'months' | 'from'>) => `virkelyst-demo:${o.seed}:${o.centres}:${o.months}:${o.from}`;

/** Checks the options; returns the period in epoch ms. */
export function demoPeriod(o: Pick<DemoOptions, 'centres' | 'months' | 'from'>, now = Date.now()): { start: number; end: number } {
  if (!Number.isInteger(o.centres) || o.centres < 1 || o.centres > MUNICIPALITIES.length) throw new RangeError(`--centres: a whole number from 1 to ${MUNICIPALITIES.length}`);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 60) throw new RangeError('--months: a whole number from 1 to 60');
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(o.from);
  if (!m) throw new RangeError('--from: a month YYYY-MM');
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const start = copenhagen(`${m[1]}-${m[2]}-01`, '00:00');
  const endYear = year + Math.floor((month + o.months) / 12);
  const endMonth = (month + o.months) % 12;
  const end = copenhagen(`${endYear}-${String(endMonth + 1).padStart(2, '0')}-01`, '00:00');
  if (year < 2021) throw new RangeError('--from: 2021 or later (budgets start in 2020, and the centres are established the month before)');
  if (end > now) throw new RangeError('--from/--months: the period must lie in the past (acts happen at their own time; none in the future)');
  return { start, end };
}

/** The default first month: the period ends where the current month begins. */
export function defaultFrom(months: number, now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Time: local wall-clock in Copenhagen, as instants.

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', timeZoneName: 'shortOffset' });
const ymdFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
const offsets = new Map<string, number>();

/** The instant of a local date and time in Copenhagen. */
export function copenhagen(date: string, time: string): number {
  let offset = offsets.get(date);
  if (offset === undefined) {
    const noon = Date.parse(`${date}T12:00:00Z`);
    const name = offsetFormat.formatToParts(new Date(noon)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+1';
    offset = Number(/GMT([+-]\d+)/.exec(name)?.[1] ?? 1);
    offsets.set(date, offset);
  }
  return Date.parse(`${date}T${time}:00Z`) - offset * HOUR;
}

/** The local date (YYYY-MM-DD) of an instant in Copenhagen. */
export const localDate = (ms: number) => ymdFormat.format(new Date(ms));
const iso = (ms: number) => new Date(ms).toISOString();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** The Monday (local date) of the week an instant falls in. */
function mondayOf(ms: number): string {
  const date = localDate(ms);
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Whether a local date is a Danish public holiday (publicHoliday remembers each date's answer). */
const holiday = (date: string): boolean => publicHoliday(date) !== null;

// ---------------------------------------------------------------------------------------------
// Randomness, seeded by what it is about.

export class Rng {
  private s: number;
  constructor(seed: string) {
    this.s = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  }
  /** A number in [0, 1) (mulberry32). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<K extends string>(shares: Record<K, number>): K {
    const entries = Object.entries(shares) as [K, number][];
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)![0];
  }
  /** A geometric count with this mean. */
  geometric(mean: number): number {
    const p = 1 / (1 + mean);
    let n = 0;
    while (!this.chance(p) && n < 20) n++;
    return n;
  }
}

// ---------------------------------------------------------------------------------------------

interface Act {
  at: number;
  seq: number;
  run: () => void;
}

/** Acts in time order (ties in the order they were planned). */
class Agenda {
  private acts: Act[] = [];
  private seq = 0;
  add(at: number, run: () => void): void {
    this.acts.push({ at, seq: this.seq++, run });
  }
  /** Runs every act before `until`, including those the acts plan meanwhile. */
  runUntil(until: number): number {
    let n = 0;
    for (;;) {
      let best = -1;
      for (let i = 0; i < this.acts.length; i++) {
        const a = this.acts[i]!;
        if (a.at < until && (best < 0 || a.at < this.acts[best]!.at || (a.at === this.acts[best]!.at && a.seq < this.acts[best]!.seq))) best = i;
      }
      if (best < 0) return n;
      const [act] = this.acts.splice(best, 1);
      act!.run();
      n++;
    }
  }
  get size(): number {
    return this.acts.length;
  }
}

interface FreeSlot {
  slotId: string;
  staffId: string;
  start: number;
  channels: Channel[];
  taken: boolean;
}

interface CentreSim {
  index: number;
  centreId: string;
  name: string;
  municipalityCode: string;
  staff: string[];
  /** Board members by seat (employee: the first staff member; citizen: a citizen representative). */
  members: { seatId: string; memberId: string }[];
  chair: string;
  agenda: Agenda;
  rng: Rng;
  /** Free times published, by the Monday of their week. */
  slots: Map<string, FreeSlot[]>;
  citizens: CitizenSim[];
  /** Budgets made, by fiscal year and kind. */
  budgets: Map<string, string>;
  meetings: number;
  /** A few citizens to sign in as. */
  sampled: CitizenSim[];
  /** The centre's partners and their offers in the catalogue, and its own offer there (issue 13). */
  partners: { partnerId: string; offerId: string; person: Principal; kinds: readonly string[] }[];
  ownOfferId: string;
  /** Its activities, by start; its groups. */
  activities: { activityId: string; start: number; scheduledAt: number }[];
  groupIds: string[];
}

interface CitizenSim {
  key: string;
  citizenId: string;
  centre: CentreSim;
  rng: Rng;
  agenda: Agenda;
  category: GoalCategory;
  goalId: string | null;
  conversationsLeft: number;
  offered: Set<CentreOfferKind>;
  outcomeDone: boolean;
  step: number;
}

export interface DemoSummary {
  people: DemoPeople;
  weeks: number;
  decided: number;
  /** Commands per type, as decided (also those an earlier run had written). */
  commands: Record<string, number>;
  /** Streams written to. */
  streams: number;
}

/**
 * Generates the demo into the store. `onProgress` is called after each week; the writer's totals
 * say what was written and what an earlier run had written already.
 */
export async function generateDemo(
  store: EventStore,
  options: DemoOptions,
  writerOptions: BatchWriterOptions & { onProgress?: (p: DemoProgress) => void; now?: number } = {},
): Promise<DemoSummary & { writer: BatchWriter }> {
  const rates = ratesWith(options.rates);
  const { start, end } = demoPeriod(options, writerOptions.now);
  const ns = demoNamespace(options);
  const id = (label: string) => derivedId(ns, label);
  const writer = new BatchWriter(store, writerOptions);
  const admin: Principal = { id: id('admin'), role: 'admin' };
  const commands: Record<string, number> = {};
  let decided = 0;

  // One act: a command on one stream, or a process over several; the command id from its label.
  const run = (label: string, steps: ProcessStep[], actorId: string) => {
    for (const s of steps) {
      const type = (s.command as { type: string }).type;
      commands[type] = (commands[type] ?? 0) + 1;
    }
    decided++;
    return writer.process(id(`cmd:${label}`), actorId, steps);
  };
  const one = <C extends { principal: Principal }>(label: string, decider: ProcessStep['decider'], command: C) => run(label, [{ decider, command }], command.principal.id);

  // Facts, from the streams as this run decided them (as src/commands/facts.ts reads them from the store).
  const centreState = (c: CentreSim) => writer.state(centreDecider, centreStreamId(c.centreId));
  const openingHoursOf = (c: CentreSim) => {
    const s = centreState(c);
    return s.status === 'established' ? s.openingHours : null;
  };
  const board = (c: CentreSim) => writer.state(boardDecider, boardStreamId(c.centreId));
  const sits = (c: CentreSim, memberId: string) => {
    const b = board(c);
    return b.status === 'constituted' && seatOf(b, memberId) !== undefined;
  };
  const budgetFact = (budgetId: string): BudgetFact | null => budgetFactOf(writer.state(budgetDecider, budgetStreamId(budgetId)));
  const resolutionFact = (c: CentreSim, resolutionId: string): ResolutionFact | null => {
    const b = board(c);
    const r = b.status === 'constituted' ? b.resolutions[resolutionId] : undefined;
    return r ? { resolutionId, centreId: c.centreId, status: r.status, subject: r.subject } : null;
  };

  // -------------------------------------------------------------------------------------------
  // The centres.
  const setupAt = copenhagen(addDays(localDate(start), -10), '09:00');
  const centres: CentreSim[] = MUNICIPALITIES.slice(0, options.centres).map((m, index) => {
    const key = `centre:${index}`;
    const staff = Array.from({ length: rates.staffPerCentre }, (_, i) => id(`${key}:staff:${i}`));
    const members = [
      ...T.PARTNERS.map((_, i) => ({ seatId: id(`${key}:seat:${i}`), memberId: id(`${key}:partner-member:${i}`) })),
      { seatId: 'employee', memberId: staff[0]! },
      { seatId: 'citizen', memberId: id(`${key}:citizen-representative`) },
    ];
    return {
      index,
      centreId: id(key),
      name: `Virkelyst ${m.name}`,
      municipalityCode: m.code,
      staff,
      members,
      chair: members[0]!.memberId,
      agenda: new Agenda(),
      rng: new Rng(`${ns}:${key}`),
      slots: new Map(),
      citizens: [],
      budgets: new Map(),
      meetings: 0,
      sampled: [],
      partners: T.CATALOGUE_PARTNERS.map((p, i) => ({
        partnerId: id(`${key}:partner:${i}`),
        offerId: id(`${key}:partner:${i}:offer`),
        person: { id: id(`${key}:partner:${i}:person`), role: 'partner', partnerId: id(`${key}:partner:${i}`) },
        kinds: p.kinds,
      })),
      ownOfferId: id(`${key}:own-offer`),
      activities: [],
      groupIds: [],
    };
  });

  const staffPrincipal = (c: CentreSim, staffId: string): Principal => ({ id: staffId, role: 'staff', centreId: c.centreId });
  const memberPrincipal = (c: CentreSim, memberId: string): Principal => ({ id: memberId, role: 'board_member', centreId: c.centreId });
  /** The deputy for a centre's citizen seat. */
  const deputyOf = (c: CentreSim) => id(`centre:${c.index}:deputy`);

  for (const c of centres) {
    c.agenda.add(setupAt, () => establish(c));
    // Staff publish next week's free times every Monday morning.
    for (let monday = mondayOf(setupAt); copenhagen(monday, '07:00') < end; monday = addDays(monday, 7)) {
      const at = copenhagen(monday, '07:00');
      if (at > setupAt) c.agenda.add(at, () => publishWeek(c, addDays(monday, 7), at));
    }
    // An activity each week, scheduled the Monday before.
    for (let monday = mondayOf(setupAt); copenhagen(monday, '07:30') < end; monday = addDays(monday, 7)) {
      const at = copenhagen(monday, '07:30');
      if (at > setupAt) c.agenda.add(at, () => scheduleActivity(c, addDays(monday, 10), at));
    }
    // The board meets every few months, from the period's first week.
    for (let m = 0; m < options.months; m += rates.monthsBetweenMeetings) {
      const date = addDays(localDate(monthStart(start, m)), 3);
      const at = copenhagen(date, '17:00');
      if (at < end) c.agenda.add(at - 2 * DAY, () => prepareMeeting(c, at));
    }
    // Spending is recorded at the end of each month.
    for (let m = 0; m < options.months; m++) {
      const last = addDays(localDate(monthStart(start, m + 1)), -1);
      const at = copenhagen(last, '14:00');
      if (at < end) c.agenda.add(at, () => recordSpending(c, last, at));
    }
  }

  function monthStart(from: number, months: number): number {
    const d = localDate(from);
    const y = Number(d.slice(0, 4));
    const mo = Number(d.slice(5, 7)) - 1 + months;
    const date = `${y + Math.floor(mo / 12)}-${String((mo % 12) + 1).padStart(2, '0')}-01`;
    return copenhagen(date, '00:00');
  }

  function establish(c: CentreSim): void {
    const now = iso(setupAt);
    const key = `centre:${c.index}`;
    one(`${key}:establish`, centreDecider, { type: 'EstablishCentre', principal: admin, now, data: { centreId: c.centreId, municipalityCode: c.municipalityCode, name: c.name, openingHours: OPENING_HOURS } });
    one(`${key}:board`, boardDecider, { type: 'ConstituteBoard', principal: admin, now, data: { centreId: c.centreId, centreKnown: centreState(c).status === 'established', citizenErased: false } });
    T.PARTNERS.forEach((organisation, i) => {
      one(`${key}:seat:${i}`, boardDecider, { type: 'AddPartnerSeat', principal: admin, now, data: { centreId: c.centreId, seatId: c.members[i]!.seatId, organisation } });
    });
    const from = localDate(setupAt);
    c.members.forEach((m, i) => {
      one(`${key}:member:${i}`, boardDecider, { type: 'SeatMember', principal: admin, now, data: { centreId: c.centreId, seatId: m.seatId, memberId: m.memberId, how: m.seatId === 'employee' || m.seatId === 'citizen' ? 'elected' : 'appointed', from } });
    });
    one(`${key}:chair`, boardDecider, { type: 'AssignBoardRole', principal: admin, now, data: { centreId: c.centreId, role: 'chair', memberId: c.chair } });
    one(`${key}:vice-chair`, boardDecider, { type: 'AssignBoardRole', principal: admin, now, data: { centreId: c.centreId, role: 'vice_chair', memberId: c.members[1]!.memberId } });
    // The citizen seat has a deputy, who takes it at a meeting its member misses.
    one(`${key}:deputy`, boardDecider, { type: 'SeatDeputy', principal: admin, now, data: { centreId: c.centreId, seatId: 'citizen', deputyId: deputyOf(c), how: 'elected', from } });
    // The chair and the vice-chair publish the names the public may know them by; the others do not.
    c.members.slice(0, 2).forEach((m, i) => {
      const name = `${T.FIRST_NAMES[(c.index * 7 + i * 11) % T.FIRST_NAMES.length]} ${T.SURNAMES[(c.index * 5 + i * 3) % T.SURNAMES.length]}`;
      one(`${key}:name:${i}`, boardDecider, { type: 'PublishMemberName', principal: memberPrincipal(c, m.memberId), now, data: { centreId: c.centreId, nameId: id(`${key}:name:${i}`), name } });
    });
    partnersOf(c);
  }

  // -------------------------------------------------------------------------------------------
  // Partners, their agreements and the catalogue; activities and groups (issue 13).
  const partnerKnown = (partnerId: string) => writer.state(partnerDecider, partnerStreamId(partnerId)).status === 'registered';
  const agreementFact = (agreementId: string, at: number): AgreementFact | null => {
    const a = writer.state(agreementDecider, agreementStreamId(agreementId));
    if (a.status === 'none') return null;
    const terms = a.versions.at(-1)!;
    const today = localDate(at);
    const standing = inForceOn(a, today) ? 'in_force' : a.status === 'signed' && today < terms.startDate ? 'not_yet' : 'ended';
    return { agreementId, partnerId: a.partnerId, centreId: a.centreId, offerKinds: terms.offerKinds, standing };
  };
  const catalogueOfferFact = (offerId: string, at: number): CatalogueOfferFact | null => {
    const o = writer.state(catalogueDecider, catalogueOfferStreamId(offerId));
    if (o.status === 'none') return null;
    const listed = o.status === 'published' && (o.agreementId === null || agreementFact(o.agreementId, at)?.standing === 'in_force');
    return { catalogueOfferId: offerId, centreId: o.centreId, partnerId: o.partnerId, kind: o.kind, listed };
  };

  function partnersOf(c: CentreSim): void {
    const now = iso(setupAt);
    const key = `centre:${c.index}`;
    const staff = staffPrincipal(c, c.staff[0]!);
    const from = addDays(localDate(setupAt), -30);
    T.CATALOGUE_PARTNERS.forEach((p, i) => {
      const partner = c.partners[i]!;
      const contact = { name: `${c.rng.pick(T.FIRST_NAMES)} ${c.rng.pick(T.SURNAMES)}`, email: null, phone: null };
      one(`${key}:partner:${i}`, partnerDecider, { type: 'RegisterPartner', principal: staff, now, data: { partnerId: partner.partnerId, centreId: c.centreId, kind: p.kind, name: p.name, cvr: p.cvr, contact } });
      const agreementId = id(`${key}:partner:${i}:agreement`);
      one(`${key}:partner:${i}:agreement`, agreementDecider, {
        type: 'SignAgreement',
        principal: staff,
        now,
        data: {
          agreementId,
          partnerId: partner.partnerId,
          centreId: c.centreId,
          partnerKnown: partnerKnown(partner.partnerId),
          scope: `${p.name} er med i huset med tilbud, som borgerne selv vælger.`,
          offerKinds: p.kinds,
          startDate: from,
          endDate: addDays(from, 730),
          payment: null,
          documentSha256: createHash('sha256').update(`${ns}:${key}:agreement:${i}`).digest('hex'),
          signatories: [
            { side: 'partner', name: contact.name, title: 'Formand' },
            { side: 'centre', name: `${c.rng.pick(T.FIRST_NAMES)} ${c.rng.pick(T.SURNAMES)}`, title: 'Centerleder' },
          ],
        },
      });
      const o = p.offer;
      one(`${key}:partner:${i}:offer`, catalogueDecider, {
        type: 'PublishCatalogueOffer',
        principal: partner.person,
        now,
        data: {
          offerId: partner.offerId,
          centreId: c.centreId,
          partnerId: partner.partnerId,
          agreementId,
          agreement: agreementFact(agreementId, setupAt),
          content: { kind: o.kind, title: o.title, titleEn: null, description: o.description, descriptionEn: null, channels: [...o.channels], municipalityCode: c.municipalityCode, place: o.place, link: null, capacity: o.capacity, suits: o.suits },
        },
      });
    });
    const own = T.CENTRE_CATALOGUE_OFFER;
    one(`${key}:own-offer`, catalogueDecider, {
      type: 'PublishCatalogueOffer',
      principal: staff,
      now,
      data: {
        offerId: c.ownOfferId,
        centreId: c.centreId,
        partnerId: null,
        agreementId: null,
        agreement: null,
        content: { kind: own.kind, title: own.title, titleEn: null, description: own.description, descriptionEn: null, channels: [...own.channels], municipalityCode: c.municipalityCode, place: own.place, link: null, capacity: own.capacity, suits: own.suits },
      },
    });
    T.GROUP_NAMES.forEach((name, i) => {
      const groupId = id(`${key}:group:${i}`);
      c.groupIds.push(groupId);
      one(`${key}:group:${i}`, groupDecider, { type: 'StartGroup', principal: staff, now, data: { groupId, centreId: c.centreId, centreKnown: centreState(c).status === 'established', citizenErased: false, partnerKnown: true, kind: 'citizen_to_citizen', name } });
    });
  }

  function scheduleActivity(c: CentreSim, date: string, at: number): void {
    const n = c.activities.length;
    const activityId = id(`activity:${c.index}:${date}`);
    const startMs = copenhagen(date, '10:00');
    one(`activity:${c.index}:${date}`, activityDecider, {
      type: 'ScheduleActivity',
      principal: staffPrincipal(c, c.staff[1] ?? c.staff[0]!),
      now: iso(at),
      data: { activityId, centreId: c.centreId, kind: n % 2 === 0 ? 'information_meeting' : 'workshop', title: T.ACTIVITY_TITLES[n % T.ACTIVITY_TITLES.length]!, start: iso(startMs), end: iso(startMs + 90 * MINUTE), where: { place: 'Huset, store sal' }, capacity: 12 },
    });
    c.activities.push({ activityId, start: startMs, scheduledAt: at });
  }

  /** What a citizen does of issue 13's parts, drawn apart from the rest of their simulation (so that stays as it was). */
  function alongside(z: CitizenSim, at: number): void {
    const c = z.centre;
    const rng = new Rng(`${ns}:${z.key}:alongside`);
    let step = 0;
    const mine = (label: string) => `${z.key}:alongside:${label}:${step++}`;
    const citizen = me(z);
    if (z.category === 'own_business' && rng.chance(rates.ventureTrack)) {
      one(mine('track'), ventureDecider, { type: 'JoinTrack', citizenId: z.citizenId, principal: citizen, now: iso(at + 2 * MINUTE), data: { centreId: c.centreId, centreKnown: centreState(c).status === 'established', citizenErased: false } });
      one(mine('milestone'), ventureDecider, { type: 'SetMilestone', citizenId: z.citizenId, principal: citizen, now: iso(at + 3 * MINUTE), data: { milestoneId: id(`${z.key}:milestone`), text: rng.pick(T.MILESTONES) } });
    }
    const partner = z.category === 'health' ? c.partners[0] : z.category === 'own_business' ? c.partners[1] : undefined;
    if (partner && rng.chance(rates.referral)) {
      const referAt = at + 4 * MINUTE;
      const sharingId = id(`${z.key}:sharing`);
      const message = rng.pick(T.PARTNER_MESSAGES);
      const journeyAct = (label: string, when: number, type: JourneyCommand['type'], data: object) =>
        one(mine(label), journeyDecider, { type, citizenId: z.citizenId, principal: citizen, now: iso(when), data } as JourneyCommand);
      journeyAct('referral', referAt, 'ReferToPartner', {
        referralId: id(`${z.key}:referral`),
        sharingId,
        receiptId: id(`${z.key}:sharing-receipt`),
        partnerId: partner.partnerId,
        partnerKnown: partnerKnown(partner.partnerId),
        purpose: 'referral_to_offer',
        catalogueOfferId: partner.offerId,
        catalogueOffer: catalogueOfferFact(partner.offerId, referAt),
        fields: message ? ['name', 'goals', 'message'] : ['name', 'goals'],
        until: localDate(referAt + 120 * DAY),
        ...(message ? { message } : {}),
      });
      if (rng.chance(rates.referralWithdrawn)) {
        const withdrawAt = referAt + rng.int(3, 40) * DAY;
        plan(z, withdrawAt, () => journeyOf(z).status !== 'erased' && journeyAct('withdraw-sharing', withdrawAt, 'WithdrawDataSharing', { sharingId }));
      }
    }
    const next = c.activities.find((a) => a.scheduledAt <= at && a.start > at + DAY);
    if (next && rng.chance(rates.activity)) {
      one(mine('activity'), activityDecider, { type: 'RegisterForActivity', principal: citizen, now: iso(at + 5 * MINUTE), data: { activityId: next.activityId, citizenId: z.citizenId, citizenErased: false } });
      if (rng.chance(0.2)) {
        const leaveAt = Math.min(next.start - HOUR, at + rng.int(1, 20) * HOUR);
        plan(z, leaveAt, () => one(mine('activity-leave'), activityDecider, { type: 'UnregisterFromActivity', principal: citizen, now: iso(leaveAt), data: { activityId: next.activityId, citizenId: z.citizenId } }));
      }
    }
    if (c.groupIds.length > 0 && rng.chance(rates.group)) {
      one(mine('group'), groupDecider, { type: 'JoinGroup', principal: citizen, now: iso(at + 6 * MINUTE), data: { groupId: rng.pick(c.groupIds), citizenId: z.citizenId, citizenErased: false } });
    }
  }

  function publishWeek(c: CentreSim, monday: string, at: number): void {
    const week: FreeSlot[] = [];
    const hours = openingHoursOf(c);
    c.staff.forEach((staffId, s) => {
      const perDay = Math.ceil(rates.slotsPerStaffPerWeek / 5);
      let left = rates.slotsPerStaffPerWeek;
      for (let d = 0; d < 5 && left > 0; d++) {
        const date = addDays(monday, d);
        const kind = (s + d) % 3;
        const inPerson = kind === 0 && !holiday(date);
        const channels: Channel[] = inPerson ? ['in_person_centre', 'in_person_home'] : kind === 1 ? ['phone', 'video'] : ['phone', 'chat'];
        // Friday closes at 15:00: the last in-person time is 14:00.
        const times = SLOT_TIMES.filter((t) => !(inPerson && d === 4 && t === '15:00')).slice(0, Math.min(perDay, left));
        for (const time of times) {
          const slotId = id(`slot:${c.index}:${s}:${date}:${time}`);
          const startMs = copenhagen(date, time);
          one(`slot:${c.index}:${s}:${date}:${time}`, calendarDecider, {
            type: 'PublishAvailability',
            staffId,
            principal: staffPrincipal(c, staffId),
            now: iso(at),
            data: { slotId, start: iso(startMs), durationMinutes: SLOT_MINUTES, channels, openingHours: hours },
          });
          week.push({ slotId, staffId, start: startMs, channels, taken: false });
          left--;
        }
      }
    });
    week.sort((a, b) => a.start - b.start);
    c.slots.set(monday, week);
  }

  // -------------------------------------------------------------------------------------------
  // The board and the budgets.

  function prepareMeeting(c: CentreSim, at: number): void {
    const n = c.meetings++;
    const key = `centre:${c.index}:meeting:${n}`;
    const chair = memberPrincipal(c, c.chair);
    const prepareAt = iso(at - 2 * DAY);
    const year = Number(localDate(at).slice(0, 4));
    const budgets: { budgetId: string; version: number }[] = [];
    const wanted: [number, BudgetKind][] = [];
    if (!c.budgets.has(`${year}:annual`)) wanted.push([year, 'annual']);
    if (!c.budgets.has(`${year}:development`) && n === 0) wanted.push([year, 'development']);
    if (Number(localDate(at).slice(5, 7)) >= 10 && monthStart(end, 0) > copenhagen(`${year + 1}-01-01`, '00:00')) wanted.push([year + 1, 'annual']);
    for (const [fiscalYear, kind] of wanted) budgets.push(draftBudget(c, fiscalYear, kind, prepareAt));

    const agenda = ['Godkendelse af dagsorden', ...budgets.map(() => 'Budget'), 'Eventuelt'];
    const meetingId = id(key);
    one(`${key}:convene`, boardDecider, { type: 'ConveneMeeting', principal: chair, now: prepareAt, data: { centreId: c.centreId, meetingId, at: iso(at), agenda } });
    c.agenda.add(at, () => holdMeeting(c, n, meetingId, at, budgets));
  }

  function draftBudget(c: CentreSim, fiscalYear: number, kind: BudgetKind, now: string): { budgetId: string; version: number } {
    const key = `centre:${c.index}:budget:${fiscalYear}:${kind}`;
    const budgetId = id(key);
    c.budgets.set(`${fiscalYear}:${kind}`, budgetId);
    const chair = memberPrincipal(c, c.chair);
    const actorSits = sits(c, c.chair);
    one(`${key}:draft`, budgetDecider, { type: 'DraftBudget', principal: chair, now, data: { budgetId, centreId: c.centreId, fiscalYear, kind, centreKnown: true, actorSits } });
    const years = kind === 'annual' ? [fiscalYear] : [0, 1, 2, 3, 4].map((i) => fiscalYear + i);
    const lines: [string, string, LineNature, string, number][] = [
      ['salaries', '18', 'expenditure', 'Lønninger til husets medarbejdere', rates.budgetDkk.salaries],
      ['operating', '22', 'expenditure', 'Husets drift: lokaler, it og arrangementer', rates.budgetDkk.operating],
      ['grants', '46', 'expenditure', 'Tilskud til borgernes egne initiativer', rates.budgetDkk.grants],
      ['rental', '21', 'revenue', 'Udlejning af husets lokaler til foreninger', rates.budgetDkk.rentalIncome],
    ];
    for (const [name, standardAccount, nature, description, dkk] of lines) {
      const amounts: Amounts = {};
      // The revenue line draws from its own sequence, so the centre's other draws stay as they were before it.
      const rng = nature === 'revenue' ? new Rng(`${ns}:${key}:line:${name}`) : c.rng;
      years.forEach((y, i) => (amounts[y] = Math.round(dkk * (1 + 0.02 * i) * (0.95 + 0.1 * rng.next())) * 100));
      one(`${key}:line:${name}`, budgetDecider, {
        type: 'ProposeBudgetLine',
        principal: chair,
        now,
        // § 17.41.12 Beskæftigelsesrettede aktiviteter, underkonto 10: a hovedkonto of today's Finance Act.
        data: { budgetId, lineId: id(`${key}:line:${name}`), financeAccount: '17411210', standardAccount, nature, description, amounts, actorSits },
      });
    }
    return { budgetId, version: budgetFact(budgetId)!.version };
  }

  function holdMeeting(c: CentreSim, n: number, meetingId: string, at: number, budgets: { budgetId: string; version: number }[]): void {
    const key = `centre:${c.index}:meeting:${n}`;
    const now = iso(at);
    const chair = memberPrincipal(c, c.chair);
    // Everyone present, but now and then one member (never the chair) sends apologies.
    const absent = c.rng.chance(0.3) ? c.rng.int(1, c.members.length - 1) : -1;
    const present = c.members.filter((_, i) => i !== absent).map((m) => m.memberId);
    one(`${key}:attendance`, boardDecider, { type: 'RecordAttendance', principal: chair, now, data: { centreId: c.centreId, meetingId, present } });

    const resolutions: { resolutionId: string; subject: Parameters<typeof proposeOne>[2]; pass: boolean; budgetId?: string }[] = [];
    budgets.forEach((b, i) => resolutions.push({ resolutionId: id(`${key}:resolution:budget:${i}`), subject: { kind: 'budget_approval', budgetId: b.budgetId, version: b.version }, pass: true, budgetId: b.budgetId }));
    resolutions.push({ resolutionId: id(`${key}:resolution:general`), subject: { kind: 'general' }, pass: !c.rng.chance(rates.resolutionRejected) });
    // Every second meeting moves money from operating costs to grants in this year's enacted budget.
    const annual = c.budgets.get(`${localDate(at).slice(0, 4)}:annual`);
    const enacted = annual ? budgetFact(annual) : null;
    if (n % 2 === 1 && enacted?.status === 'enacted') {
      const line = (name: string) => id(`centre:${c.index}:budget:${localDate(at).slice(0, 4)}:annual:line:${name}`);
      resolutions.push({
        resolutionId: id(`${key}:resolution:reallocation`),
        subject: { kind: 'budget_reallocation', budgetId: annual!, fromLineId: line('operating'), toLineId: line('grants'), year: Number(localDate(at).slice(0, 4)), amountOre: 5_000_000 },
        pass: true,
        budgetId: annual!,
      });
    }
    // The first meeting of a new year closes last year's accounts.
    const lastYear = Number(localDate(at).slice(0, 4)) - 1;
    const previous = c.budgets.get(`${lastYear}:annual`);
    if (previous && budgetFact(previous)?.status === 'enacted') {
      resolutions.push({ resolutionId: id(`${key}:resolution:closing`), subject: { kind: 'budget_closing', budgetId: previous }, pass: true, budgetId: previous });
      // What last year's operating costs left unspent goes on to this year's (acted on after the closing).
      const last = writer.state(budgetDecider, budgetStreamId(previous));
      const from = last.status === 'none' ? undefined : last.lines[id(`centre:${c.index}:budget:${lastYear}:annual:line:operating`)];
      const unspent = from ? (from.enacted?.[lastYear] ?? 0) - from.postedOre : 0;
      if (from && unspent > 0 && enacted?.status === 'enacted') {
        const toLineId = id(`centre:${c.index}:budget:${lastYear + 1}:annual:line:operating`);
        resolutions.push({
          resolutionId: id(`${key}:resolution:carry-over`),
          subject: { kind: 'budget_carry_over', budgetId: annual!, lineId: toLineId, year: lastYear + 1, fromBudgetId: previous, fromLineId: from.lineId, amountOre: Math.min(unspent, 20_000_00) },
          pass: true,
          budgetId: annual!,
        });
      }
    }
    function proposeOne(resolutionId: string, title: string, subject: import('../domain/board/board.js').ResolutionSubject, budgetId?: string) {
      one(`${key}:propose:${resolutionId}`, boardDecider, {
        type: 'ProposeResolution',
        principal: chair,
        now,
        data: { centreId: c.centreId, meetingId, resolutionId, title, subject, ...(budgetId ? { budget: budgetFact(budgetId) } : {}) },
      });
    }
    for (const r of resolutions) {
      // A closing draws from its own sequence, so the meeting's other draws stay as they were before closings.
      const rng = r.subject.kind === 'budget_closing' || r.subject.kind === 'budget_carry_over' ? new Rng(`${ns}:${key}:${r.subject.kind}`) : c.rng;
      const title =
        r.subject.kind === 'budget_approval'
          ? 'Godkendelse af budget'
          : r.subject.kind === 'budget_reallocation'
            ? 'Flytning af midler fra drift til tilskud'
            : r.subject.kind === 'budget_closing'
              ? `Regnskab ${lastYear}`
              : r.subject.kind === 'budget_carry_over'
                ? `Overførsel af uforbrugte driftsmidler fra ${lastYear}`
                : c.rng.pick(T.RESOLUTION_TITLES);
      proposeOne(r.resolutionId, title, r.subject, r.budgetId);
      const against = r.pass ? (rng.chance(0.3) ? 1 : 0) : Math.ceil(present.length / 2) + 1;
      present.forEach((memberId, i) => {
        // The chair (first) votes for; the last ones against, as many as drawn.
        const choice: VoteChoice = i >= present.length - against && i > 0 ? 'against' : r.pass || i === 0 ? 'for' : 'abstain';
        one(`${key}:vote:${r.resolutionId}:${i}`, boardDecider, { type: 'CastVote', principal: memberPrincipal(c, memberId), now, data: { centreId: c.centreId, resolutionId: r.resolutionId, choice } });
      });
      one(`${key}:decide:${r.resolutionId}`, boardDecider, { type: 'DecideResolution', principal: chair, now, data: { centreId: c.centreId, resolutionId: r.resolutionId } });
      // A member outvoted on an adopted resolution has their dissent recorded.
      if (r.pass && against > 0) {
        const dissenter = present[present.length - 1]!;
        one(`${key}:dissent:${r.resolutionId}`, boardDecider, { type: 'RecordDissent', principal: memberPrincipal(c, dissenter), now, data: { centreId: c.centreId, resolutionId: r.resolutionId } });
      }
    }
    const signAt = iso(at + 2 * HOUR);
    present.forEach((memberId, i) => one(`${key}:sign:${i}`, boardDecider, { type: 'SignMinutes', principal: memberPrincipal(c, memberId), now: signAt, data: { centreId: c.centreId, meetingId } }));

    // The adopted budget resolutions are acted on: approved, submitted; enacted a week later; money moved.
    for (const r of resolutions) {
      if (!r.budgetId || resolutionFact(c, r.resolutionId)?.status !== 'adopted') continue;
      const bkey = `${key}:act:${r.resolutionId}`;
      const actorSits = sits(c, c.chair);
      if (r.subject.kind === 'budget_approval') {
        one(`${bkey}:approve`, budgetDecider, { type: 'ApproveBudget', principal: chair, now: signAt, data: { budgetId: r.budgetId, resolutionId: r.resolutionId, resolution: resolutionFact(c, r.resolutionId), actorSits } });
        one(`${bkey}:submit`, budgetDecider, { type: 'SubmitBudget', principal: chair, now: iso(at + DAY), data: { budgetId: r.budgetId, actorSits } });
        const budgetId = r.budgetId;
        c.agenda.add(at + 7 * DAY, () => {
          one(`${bkey}:enact`, budgetDecider, { type: 'EnactBudget', principal: admin, now: iso(at + 7 * DAY), data: { budgetId, lines: [] } });
          splitMonthly(c, budgetId, iso(at + 8 * DAY));
        });
      } else if (r.subject.kind === 'budget_closing') {
        one(`${bkey}:close`, budgetDecider, { type: 'CloseAccounts', principal: chair, now: signAt, data: { budgetId: r.budgetId, resolutionId: r.resolutionId, resolution: resolutionFact(c, r.resolutionId), actorSits } });
      } else if (r.subject.kind === 'budget_carry_over') {
        const source = closedAccountsOf(writer.state(budgetDecider, budgetStreamId(r.subject.fromBudgetId)));
        one(`${bkey}:carry`, budgetDecider, { type: 'CarryOver', principal: chair, now: signAt, data: { budgetId: r.budgetId, resolutionId: r.resolutionId, resolution: resolutionFact(c, r.resolutionId), source, actorSits } });
      } else {
        one(`${bkey}:reallocate`, budgetDecider, { type: 'ReallocateBudget', principal: chair, now: signAt, data: { budgetId: r.budgetId, resolutionId: r.resolutionId, resolution: resolutionFact(c, r.resolutionId), actorSits } });
      }
    }
  }

  /** Staff spread an enacted annual budget's lines evenly over the months (the last month takes the øre left over). */
  function splitMonthly(c: CentreSim, budgetId: string, now: string): void {
    const budget = writer.state(budgetDecider, budgetStreamId(budgetId));
    if (budget.status !== 'enacted' || budget.kind !== 'annual') return;
    const staff = staffPrincipal(c, c.staff[c.staff.length - 1]!);
    for (const line of Object.values(budget.lines)) {
      if (line.withdrawn) continue;
      const total = line.enacted?.[budget.fiscalYear] ?? 0;
      const month = Math.floor(total / 12);
      const months = [...Array.from({ length: 11 }, () => month), total - 11 * month];
      one(`${budgetId}:split:${line.lineId}`, budgetDecider, { type: 'SplitMonthly', principal: staff, now, data: { budgetId, lineId: line.lineId, months } });
    }
  }

  /** A voucher's text per line, by the line's name in the demo. */
  const ENTRY_TEXTS: Record<string, string> = {
    salaries: 'Løn',
    operating: 'Husleje, it og arrangementer',
    grants: 'Tilskud til borgernes initiativer',
    rental: 'Leje fra foreninger',
  };

  function recordSpending(c: CentreSim, on: string, at: number): void {
    const year = on.slice(0, 4);
    const budgetId = c.budgets.get(`${year}:annual`);
    if (!budgetId) return;
    let budget = writer.state(budgetDecider, budgetStreamId(budgetId));
    if (budget.status !== 'enacted') return;
    const staff = staffPrincipal(c, c.staff[c.staff.length - 1]!);
    const lineName = (lineId: string) => Object.keys(ENTRY_TEXTS).find((name) => id(`centre:${c.index}:budget:${year}:annual:line:${name}`) === lineId) ?? 'operating';
    // Now and then last month's entry on operating costs is corrected in part: a credit note.
    const operating = id(`centre:${c.index}:budget:${year}:annual:line:operating`);
    const earlier = Object.entries(budget.entries).filter(([, e]) => e.kind === 'entry' && e.lineId === operating && e.remainingOre > 0).at(-1);
    if (earlier && new Rng(`${ns}:centre:${c.index}:correction:${on}`).chance(rates.correctedEntry)) {
      const key = `centre:${c.index}:correction:${on}`;
      const amountOre = Math.max(1, Math.round(earlier[1].remainingOre * 0.1));
      one(key, budgetDecider, { type: 'CorrectSpending', principal: staff, now: iso(at), data: { budgetId, correctionId: id(key), spendingId: earlier[0], amountOre, on, voucher: `K-${on}`, text: 'Kreditnota' } });
      budget = writer.state(budgetDecider, budgetStreamId(budgetId));
      if (budget.status !== 'enacted') return;
    }
    let n = 0;
    for (const line of Object.values(budget.lines)) {
      if (line.withdrawn || !line.enacted) continue;
      const available = line.enacted[year] ?? 0;
      const key = `centre:${c.index}:spending:${on}:${line.lineId}`;
      const rng = line.nature === 'revenue' ? new Rng(`${ns}:${key}`) : c.rng; // as in draftBudget
      const amount = Math.round(((available * rates.spentShare) / 12) * (0.85 + 0.3 * rng.next()));
      if (amount <= 0) continue;
      const spendingId = id(key);
      // Money moved away from a line by resolution may leave it short late in the year: said so, never silent.
      const beyond = line.nature === 'expenditure' && line.postedOre + amount > available;
      const overspendReason = beyond ? 'Flere arrangementer end ventet; drøftet på bestyrelsesmødet' : undefined;
      const data = { budgetId, spendingId, lineId: line.lineId, amountOre: amount, on, voucher: `${on}-${++n}`, text: ENTRY_TEXTS[lineName(line.lineId)]!, ...(overspendReason ? { overspendReason } : {}) };
      one(key, budgetDecider, { type: 'RecordSpending', principal: staff, now: iso(at), data });
    }
  }

  // -------------------------------------------------------------------------------------------
  // The citizens.

  function arrive(c: CentreSim, monday: string): void {
    const count = Math.round(rates.newCitizensPerCentrePerWeek * (0.8 + 0.4 * c.rng.next()));
    for (let i = 0; i < count; i++) {
      const at = copenhagen(addDays(monday, c.rng.int(0, 6)), `${String(c.rng.int(8, 19)).padStart(2, '0')}:${String(c.rng.int(0, 59)).padStart(2, '0')}`);
      if (at < start || at >= end) continue;
      const key = `citizen:${c.index}:${monday}:${i}`;
      const rng = new Rng(`${ns}:${key}`);
      const citizen: CitizenSim = {
        key,
        citizenId: id(key),
        centre: c,
        rng,
        agenda: new Agenda(),
        category: rng.weighted({ job: 0.45, education: 0.2, own_business: 0.12, volunteering: 0.06, health: 0.1, other: 0.07 } as Record<GoalCategory, number>),
        goalId: null,
        conversationsLeft: 1 + rng.geometric(rates.extraConversationsMean),
        offered: new Set(),
        outcomeDone: false,
        step: 0,
      };
      c.citizens.push(citizen);
      citizen.agenda.add(at, () => startJourney(citizen, at));
    }
  }

  const journeyOf = (z: CitizenSim): Journey => writer.state(journeyDecider, journeyStreamId(z.citizenId));
  const isOpen = (z: CitizenSim) => journeyOf(z).status === 'open';
  const me = (z: CitizenSim): Principal => ({ id: z.citizenId, role: 'citizen' });
  const act = (z: CitizenSim, principal: Principal, at: number, type: JourneyCommand['type'], data: object) =>
    one(`${z.key}:${z.step++}`, journeyDecider, { type, citizenId: z.citizenId, principal, now: iso(at), data } as JourneyCommand);
  /** A later moment in the citizen's waking hours (08–20 local). */
  const later = (z: CitizenSim, from: number, days: number) => {
    const date = localDate(from + days * DAY);
    return Math.max(from + MINUTE, copenhagen(date, `${String(z.rng.int(8, 19)).padStart(2, '0')}:${String(z.rng.int(0, 59)).padStart(2, '0')}`));
  };
  const plan = (z: CitizenSim, at: number, what: () => void) => {
    if (at < end) z.agenda.add(at, what);
  };

  function startJourney(z: CitizenSim, at: number): void {
    const c = z.centre;
    const firstContact = z.rng.weighted(rates.firstContact) as FirstContact;
    const alias = `${z.rng.pick(T.FIRST_NAMES)} ${z.rng.pick(T.SURNAMES)}`;
    const principal = firstContact === 'self_service' ? me(z) : staffPrincipal(c, z.rng.pick(c.staff));
    act(z, principal, at, 'StartJourney', { journeyId: id(`${z.key}:journey`), centreId: c.centreId, firstContact, alias, centreKnown: centreState(c).status === 'established' });
    let t = at + 5 * MINUTE;
    if (z.rng.chance(rates.wellBeing)) act(z, me(z), (t += MINUTE), 'AnswerWellBeing', { answerId: id(`${z.key}:who5`), scores: [0, 1, 2, 3, 4].map(() => z.rng.int(1, 5)) });
    if (z.rng.chance(rates.goalAtStart)) {
      z.goalId = id(`${z.key}:goal`);
      act(z, me(z), (t += MINUTE), 'StateGoal', { goalId: z.goalId, text: z.rng.pick(T.GOALS[z.category]), category: z.category });
      const changeAt = later(z, t, z.rng.int(14, 60));
      if (z.rng.chance(rates.goalRevised)) plan(z, changeAt, () => isOpen(z) && act(z, me(z), changeAt, 'ReviseGoal', { goalId: z.goalId!, text: z.rng.pick(T.REVISED_GOALS), category: z.category }));
      else if (z.rng.chance(rates.goalDropped)) plan(z, changeAt, () => isOpen(z) && act(z, me(z), changeAt, 'DropGoal', { goalId: z.goalId! }));
    }
    if (z.rng.chance(rates.askForOffer)) act(z, me(z), (t += MINUTE), 'AskForOffer', { offer: { source: 'centre', kind: T.OFFERS_FOR[z.category][0]! } });
    alongside(z, t);
    plan(z, t + 20 * MINUTE, () => wantConversation(z, t + 20 * MINUTE));
    if (z.rng.chance(rates.outcome)) {
      const outcomeAt = later(z, at, z.rng.int(rates.daysToOutcome[0], rates.daysToOutcome[1]));
      plan(z, outcomeAt, () => outcome(z, outcomeAt));
    }
  }

  function wantConversation(z: CitizenSim, at: number): void {
    if (!isOpen(z) || z.conversationsLeft <= 0) return;
    z.conversationsLeft--;
    const c = z.centre;
    const channel = z.rng.weighted(rates.channel) as Channel;
    const sessionId = id(`${z.key}:session:${z.step}`);
    const nextWeek = addDays(mondayOf(at), 7);
    const free = z.rng.chance(rates.selfBooked) ? freeSlot(c, nextWeek, channel, at) : undefined;
    if (free) {
      free.taken = true;
      const chosen = free.channels.includes(channel) ? channel : free.channels[0]!;
      const principal = me(z);
      // The booking: a process over the staff member's calendar and the citizen's journey (as src/commands/sessions.ts books).
      run(`${z.key}:${z.step++}`, [
        {
          decider: journeyDecider,
          command: { type: 'BookSession', citizenId: z.citizenId, principal, now: iso(at), data: { sessionId, staffId: free.staffId, slotId: free.slotId, start: iso(free.start), durationMinutes: SLOT_MINUTES, channel: chosen, openingHours: openingHoursOf(c), slotCentreId: c.centreId } },
        },
        { decider: calendarDecider, command: { type: 'BookSlot', staffId: free.staffId, principal, now: iso(at), data: { slotId: free.slotId, sessionId, citizenId: z.citizenId, channel: chosen } } },
      ], principal.id);
      conversation(z, sessionId, free.staffId, free.start, chosen, at, free.slotId);
      return;
    }
    // Asked for instead: a staff member proposes a time within the centre's hours, the citizen confirms it.
    act(z, me(z), at, 'RequestSession', { sessionId, channel, ...(z.rng.chance(0.5) ? { wishes: z.rng.pick(T.WISHES.filter((w) => w !== null)) } : {}) });
    const staffId = z.rng.pick(c.staff);
    const day = addDays(nextWeek, z.rng.int(0, 3));
    const inPerson = channel === 'in_person_centre';
    const usable = inPerson && holiday(day) ? 'phone' : channel;
    const startMs = copenhagen(day, '12:00');
    // Proposed within a day, and always hours before the time proposed.
    const proposeAt = Math.max(at + MINUTE, Math.min(at + z.rng.int(2, 20) * HOUR, startMs - 3 * HOUR));
    plan(z, proposeAt, () => {
      if (!isOpen(z)) return;
      act(z, staffPrincipal(c, staffId), proposeAt, 'ProposeSessionTime', { sessionId, start: iso(startMs), durationMinutes: SLOT_MINUTES, channel: usable, openingHours: openingHoursOf(c) });
      const confirmAt = Math.min(startMs - HOUR, proposeAt + z.rng.int(1, 30) * HOUR);
      plan(z, confirmAt, () => {
        if (!isOpen(z)) return;
        act(z, me(z), confirmAt, 'ConfirmSessionTime', { sessionId });
        conversation(z, sessionId, staffId, startMs, usable, confirmAt);
      });
    });
  }

  function freeSlot(c: CentreSim, monday: string, channel: Channel, after: number): FreeSlot | undefined {
    const week = c.slots.get(monday);
    if (!week) return undefined;
    const open = week.filter((s) => !s.taken && s.start > after + HOUR);
    if (open.length === 0) return undefined;
    const fitting = open.filter((s) => s.channels.includes(channel));
    return c.rng.pick(fitting.length > 0 ? fitting : open);
  }

  function conversation(z: CitizenSim, sessionId: string, staffId: string, startMs: number, channel: Channel, bookedAt: number, slotId?: string): void {
    const c = z.centre;
    const staff = staffPrincipal(c, staffId);
    const draw = z.rng.next();
    const endMs = startMs + SLOT_MINUTES * MINUTE;
    const next = () => {
      const at = later(z, endMs, z.rng.int(rates.daysBetweenConversations[0], rates.daysBetweenConversations[1]));
      plan(z, at, () => wantConversation(z, at));
    };
    if (draw < rates.cancelled) {
      const cancelAt = bookedAt + Math.floor((startMs - bookedAt) / 2);
      plan(z, cancelAt, () => {
        if (!isOpen(z)) return;
        const principal = z.rng.chance(rates.cancelledByStaff) ? staff : me(z);
        const steps: ProcessStep[] = [{ decider: journeyDecider, command: { type: 'CancelSession', citizenId: z.citizenId, principal, now: iso(cancelAt), data: { sessionId } } }];
        // The time goes back to the calendar in the same append (as src/commands/sessions.ts cancels).
        if (slotId) steps.push({ decider: calendarDecider, command: { type: 'ReleaseSlot', staffId, principal, now: iso(cancelAt), data: { slotId, sessionId } } });
        run(`${z.key}:${z.step++}`, steps, principal.id);
        z.conversationsLeft++;
        plan(z, cancelAt + 2 * HOUR, () => wantConversation(z, cancelAt + 2 * HOUR));
      });
      return;
    }
    if (draw < rates.cancelled + rates.notHeld) {
      const at = startMs + 30 * MINUTE;
      plan(z, at, () => {
        if (!isOpen(z)) return;
        act(z, z.rng.chance(0.5) ? staff : me(z), at, 'RecordSessionNotHeld', { sessionId });
        next();
      });
      return;
    }
    const heldAt = endMs + 5 * MINUTE;
    plan(z, heldAt, () => {
      if (!isOpen(z)) return;
      const topics = [...T.TOPICS[z.category]].slice(0, z.rng.int(1, 2));
      act(z, staff, heldAt, 'RecordSessionHeld', {
        sessionId,
        heldAt: iso(startMs),
        durationMinutes: SLOT_MINUTES,
        topics,
        informationGiven: z.rng.pick(T.INFORMATION_GIVEN),
        nextSteps: z.rng.pick(T.NEXT_STEPS),
        ...(z.rng.chance(0.5) ? { notes: z.rng.pick(T.NOTES.filter((n) => n !== null)) } : {}),
      });
      let t = heldAt + MINUTE;
      if (!z.goalId && z.rng.chance(0.6)) {
        z.goalId = id(`${z.key}:goal`);
        act(z, staff, (t += MINUTE), 'StateGoal', { goalId: z.goalId, text: z.rng.pick(T.GOALS[z.category]), category: z.category, sessionId });
      }
      const kinds = T.OFFERS_FOR[z.category].filter((k) => !z.offered.has(k));
      if (kinds.length > 0 && z.rng.chance(rates.offerInConversation)) {
        const kind = kinds[0]!;
        z.offered.add(kind);
        const offerId = id(`${z.key}:offer:${kind}`);
        act(z, staff, (t += MINUTE), 'MakeOffer', { offerId, offer: { source: 'centre', kind }, information: z.rng.pick(T.OFFER_INFORMATION), sessionId });
        const answer = z.rng.next();
        if (answer < rates.consentInConversation) {
          act(z, staff, (t += MINUTE), 'GiveConsent', { offerId, receiptId: id(`${z.key}:receipt:${kind}`), sessionId });
          participate(z, offerId, t);
        } else if (answer < rates.consentInConversation + rates.declineInConversation) {
          act(z, staff, (t += MINUTE), 'DeclineOffer', { offerId, sessionId });
        } else if (answer < rates.consentInConversation + rates.declineInConversation + rates.answerLater) {
          const answerAt = later(z, t, z.rng.int(1, 20));
          plan(z, answerAt, () => {
            if (!isOpen(z)) return;
            if (z.rng.chance(rates.laterYes)) {
              act(z, me(z), answerAt, 'GiveConsent', { offerId, receiptId: id(`${z.key}:receipt:${kind}`) });
              participate(z, offerId, answerAt);
            } else {
              const reason = z.rng.pick(T.DECLINE_REASONS);
              act(z, me(z), answerAt, 'DeclineOffer', { offerId, ...(reason ? { reason } : {}) });
            }
          });
        }
      }
      if (!z.outcomeDone && z.rng.chance(0.08)) {
        z.outcomeDone = true;
        const kind = T.OUTCOME_FOR[z.category];
        const note = z.rng.pick(T.OUTCOME_NOTES[kind]);
        act(z, staff, (t += MINUTE), 'RecordOutcome', { outcomeId: id(`${z.key}:outcome`), kind, sessionId, ...(note ? { note } : {}) });
      }
      next();
    });
  }

  function participate(z: CitizenSim, offerId: string, from: number): void {
    const startAt = later(z, from, z.rng.int(2, 7));
    plan(z, startAt, () => {
      if (!isOpen(z)) return;
      act(z, me(z), startAt, 'StartParticipation', { offerId });
      const days = z.rng.int(rates.participationDays[0], rates.participationDays[1]);
      if (z.rng.chance(rates.withdrawn)) {
        const at = later(z, startAt, z.rng.int(3, Math.max(3, Math.floor(days / 2))));
        plan(z, at, () => {
          const j = journeyOf(z);
          if ((j.status === 'open' || j.status === 'closed') && j.offers[offerId]?.answer === 'consented') act(z, me(z), at, 'WithdrawConsent', { offerId });
        });
        return;
      }
      const at = later(z, startAt, days);
      plan(z, at, () => {
        const j = journeyOf(z);
        if (j.status !== 'open' || !j.offers[offerId]?.participating) return;
        act(z, z.rng.chance(0.8) ? staffPrincipal(z.centre, z.rng.pick(z.centre.staff)) : me(z), at, 'EndParticipation', { offerId });
      });
    });
  }

  function outcome(z: CitizenSim, at: number): void {
    if (!isOpen(z)) return;
    if (!z.outcomeDone) {
      z.outcomeDone = true;
      const kind = T.OUTCOME_FOR[z.category];
      const note = z.rng.pick(T.OUTCOME_NOTES[kind]);
      act(z, me(z), at, 'RecordOutcome', { outcomeId: id(`${z.key}:outcome`), kind, ...(note ? { note } : {}) });
    }
    if (z.rng.chance(rates.closeAfterOutcome)) {
      const closeAt = later(z, at, z.rng.int(1, 14));
      plan(z, closeAt, () => {
        const j = journeyOf(z);
        if (j.status !== 'open') return;
        // Leaving the offers they take part in, then closing: nothing stays open behind them.
        for (const [offerId, o] of Object.entries(j.offers)) if (o.participating) act(z, me(z), closeAt, 'EndParticipation', { offerId });
        act(z, me(z), closeAt, 'CloseJourney', {});
        z.conversationsLeft = 0;
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // The weeks.
  const firstMonday = mondayOf(setupAt);
  const weeks: string[] = [];
  for (let monday = firstMonday; copenhagen(monday, '00:00') < end; monday = addDays(monday, 7)) weeks.push(monday);
  for (const [w, monday] of weeks.entries()) {
    const weekEnd = Math.min(end, copenhagen(addDays(monday, 7), '00:00'));
    for (const c of centres) {
      c.agenda.runUntil(weekEnd);
      arrive(c, monday);
      if (writer.full) await writer.send();
    }
    for (const c of centres) {
      for (const z of c.citizens) {
        z.agenda.runUntil(weekEnd);
        if (c.sampled.length < 3 && !c.sampled.includes(z) && journeyOf(z).status !== 'none') c.sampled.push(z);
        if (writer.full) await writer.send();
      }
      c.citizens = c.citizens.filter((z) => z.agenda.size > 0);
      if (writer.full) await writer.send();
    }
    writerOptions.onProgress?.({ week: w + 1, weeks: weeks.length, decided, written: writer.totals.events });
  }
  await writer.flush();

  const made: DemoPeople = {
    admin: admin.id,
    centres: centres.map((c) => ({
      centreId: c.centreId,
      name: c.name,
      municipalityCode: c.municipalityCode,
      staff: c.staff,
      board: c.members.map((m) => {
        const b = board(c);
        const role = b.status === 'constituted' ? (Object.entries(b.roles).find(([, who]) => who === m.memberId)?.[0] ?? undefined) : undefined;
        return { memberId: m.memberId, seat: m.seatId, ...(role ? { role } : {}) };
      }).concat([{ memberId: deputyOf(c), seat: 'citizen', role: 'deputy' }]),
      citizens: c.sampled.map((z) => z.citizenId),
    })),
  };
  return { people: made, weeks: weeks.length, decided, commands, streams: writer.streamCount, writer };
}
