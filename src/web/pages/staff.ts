/**
 * The staff member's pages that read: "Min dag" (today's conversations, in Copenhagen time, each
 * with the way to record it), finding a citizen of the centre by the reference they give, the
 * citizen's page as staff may see it, and the centre's offers in numbers (no names).
 */
import { CENTRE_OFFER_KINDS, type CentreOfferKind } from '../../domain/journey/journey.js';
import type { RecordView } from '../../projections/journeys/queries.js';
import type { StaffCitizen, StaffSession } from '../../projections/journeys/staff-queries.js';
import { ROLES } from '../../domain/shared/principal.js';
import { OFFER_KIND_LABELS } from '../../i18n/records.js';
import { badge, button, capitalised, errorFor, type FieldError, getForm, notice, shortInput, summaryList } from '../components.js';
import { html, type Html } from '../html.js';
import { WEEKDAYS } from '../../domain/centre/centre.js';
import { formatClock, formatDay, formatMoment, type Lang, type Message, ROLE_LABELS, say, weekdayLabel } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { copenhagenClockOf, shiftDay, STAFF_CHANNEL_LABELS, staffNav } from './staff-parts.js';

const T = {
  day: { da: 'Min dag', en: 'My day' },
  today: { da: 'I dag, {date}', en: 'Today, {date}' },
  previous: { da: 'Dagen før', en: 'The day before' },
  next: { da: 'Dagen efter', en: 'The day after' },
  backToToday: { da: 'Til i dag', en: 'Back to today' },
  nothingToday: { da: 'Du har ingen samtaler denne dag.', en: 'You have no conversations this day.' },
  when: { da: 'Tid', en: 'Time' },
  who: { da: 'Borger', en: 'Citizen' },
  how: { da: 'Hvordan', en: 'How' },
  status: { da: 'Status', en: 'Status' },
  actions: { da: 'Registrér', en: 'Record' },
  noName: { da: 'Intet navn oplyst', en: 'No name given' },
  booked: { da: 'Booket', en: 'Booked' },
  held: { da: 'Holdt', en: 'Held' },
  notHeld: { da: 'Ikke holdt', en: 'Not held' },
  requested: { da: 'Ønsket af borgeren', en: 'Asked for by the citizen' },
  proposed: { da: 'Tid foreslået', en: 'Time proposed' },
  cancelled: { da: 'Aflyst', en: 'Cancelled' },
  record: { da: 'Registrér samtalen', en: 'Record the conversation' },
  recordNotHeld: { da: 'Blev ikke holdt', en: 'Did not take place' },
  offerInSession: { da: 'Giv et tilbud i samtalen', en: 'Make an offer in the conversation' },
  recorded: { da: 'Samtalen er registreret. Det kan tage et øjeblik, før den vises som holdt.', en: 'The conversation is recorded. It may take a moment before it shows as held.' },
  notHeldRecorded: { da: 'Det er registreret, at samtalen ikke blev holdt. Det har ingen betydning for borgeren.', en: 'It is recorded that the conversation did not take place. It makes no difference to the citizen.' },
  minutes: { da: '{n} min.', en: '{n} min' },
  findTitle: { da: 'Find en borger', en: 'Find a citizen' },
  reference: { da: 'Borgerens reference', en: 'The citizen’s reference' },
  referenceHint: { da: 'Borgeren finder den på Mine sider, fx 7F3A-09C2. Du finder kun borgere på dit eget center.', en: 'The citizen finds it on their own pages, e.g. 7F3A-09C2. You only find citizens of your own centre.' },
  referenceBad: { da: 'Skriv referencen som otte tegn, fx 7F3A-09C2', en: 'Type the reference as eight characters, e.g. 7F3A-09C2' },
  find: { da: 'Find borgeren', en: 'Find the citizen' },
  noneFound: { da: 'Ingen borger på dit center har den reference. Tjek den med borgeren.', en: 'No citizen of your centre has that reference. Check it with the citizen.' },
  found: { da: 'Borgere med referencen', en: 'Citizens with the reference' },
  journey: { da: 'Forløb', en: 'Journey' },
  open: { da: 'I gang', en: 'Under way' },
  closed: { da: 'Afsluttet', en: 'Closed' },
  see: { da: 'Se borgeren', en: 'See the citizen' },
  citizenTitle: { da: 'Borger {reference}', en: 'Citizen {reference}' },
  nameHere: { da: 'Navn, borgeren bruger her', en: 'Name the citizen uses here' },
  makeOffer: { da: 'Giv et tilbud', en: 'Make an offer' },
  offered: { da: 'Tilbuddet er givet. Borgeren kan svare ja tak eller nej tak, når det passer. Det kan tage et øjeblik, før det vises her.', en: 'The offer is made. The citizen can say yes please or no thank you when it suits them. It may take a moment before it shows here.' },
  sessions: { da: 'Samtaler på dit center', en: 'Conversations at your centre' },
  propose: { da: 'Foreslå en tid', en: 'Propose a time' },
  proposedNotice: { da: 'Tiden er foreslået. Borgeren bekræfter den selv, hvis den passer. Det kan tage et øjeblik, før det vises her.', en: 'The time is proposed. The citizen confirms it themselves if it suits them. It may take a moment before it shows here.' },
  noSessions: { da: 'Ingen samtaler endnu.', en: 'No conversations yet.' },
  notBooked: { da: 'Ikke booket endnu', en: 'Not booked yet' },
  offers: { da: 'Tilbud', en: 'Offers' },
  noOffers: { da: 'Ingen tilbud endnu.', en: 'No offers yet.' },
  offer: { da: 'Tilbud', en: 'Offer' },
  made: { da: 'Givet', en: 'Made' },
  answer: { da: 'Borgerens svar', en: 'The citizen’s answer' },
  answerNone: { da: 'Intet svar endnu', en: 'No answer yet' },
  answerYes: { da: 'Ja tak', en: 'Yes please' },
  answerNo: { da: 'Nej tak', en: 'No thank you' },
  answerWithdrawn: { da: 'Trukket tilbage', en: 'Withdrawn' },
  partnerOffer: { da: 'Tilbud fra en samarbejdspartner', en: 'An offer from a partner' },
  records: { da: 'Det, borgeren ser registreret', en: 'What the citizen sees recorded' },
  recordsHint: { da: 'Skrevet til borgeren. Du ser det, der er registreret på dit center, og tidligere centres oplysninger kun, hvis borgeren har delt dem.', en: 'Written to the citizen. You see what was recorded at your centre, and earlier centres’ records only if the citizen shared them.' },
  nothingRecorded: { da: 'Intet registreret.', en: 'Nothing recorded.' },
  recordedBy: { da: 'Registreret af', en: 'Recorded by' },
  what: { da: 'Hvad', en: 'What' },
  dashboardTitle: { da: 'Centrets tilbud i tal', en: 'The centre’s offers in numbers' },
  dashboardIntro: { da: 'Alle tilbud på dit center, talt efter slags. Kun tal, ingen navne.', en: 'Every offer at your centre, counted by kind. Numbers only, no names.' },
  kind: { da: 'Slags tilbud', en: 'Kind of offer' },
  madeCount: { da: 'Givet', en: 'Made' },
  consented: { da: 'Ja tak', en: 'Yes please' },
  declined: { da: 'Nej tak', en: 'No thank you' },
  withdrawn: { da: 'Trukket tilbage', en: 'Withdrawn' },
  lapsed: { da: 'Ubesvaret i 60 dage', en: 'Unanswered for 60 days' },
  participating: { da: 'Deltager nu', en: 'Taking part now' },
  total: { da: 'I alt', en: 'Total' },
  noDashboard: { da: 'Der er ikke givet nogen tilbud på centret endnu.', en: 'No offers have been made at the centre yet.' },
  bookings: { da: 'Samtaler', en: 'Conversations' },
  bookingsText: { da: '{booked} samtaler er booket, {byCitizen} af dem af borgeren selv i en medarbejders kalender.', en: '{booked} conversations are booked, {byCitizen} of them by the citizen themselves in a staff member’s calendar.' },
  bookingsOneByCitizen: { da: '1 samtale er booket, af borgeren selv i en medarbejders kalender.', en: '1 conversation is booked, by the citizen themselves in a staff member’s calendar.' },
  bookingsOneProposed: { da: '1 samtale er booket, ved at borgeren sagde ja til en tid, borgeren selv havde bedt om.', en: '1 conversation is booked, by the citizen accepting a time they had asked for.' },
  bookingsProposed: { da: '{n} ved at sige ja til en tid, borgeren havde bedt om.', en: '{n} by accepting a time the citizen had asked for.' },
  noBookings: { da: 'Ingen samtaler er booket endnu.', en: 'No conversations are booked yet.' },
} satisfies Record<string, Message>;

/** A conversation on the day, as the read model behind GET /counsellors/{id}/day gives it. */
export interface DaySession {
  sessionId: string;
  citizenId: string;
  alias: unknown;
  start: string;
  durationMinutes: number;
  channel: keyof typeof STAFF_CHANNEL_LABELS;
  status: 'booked' | 'held' | 'not_held';
}

const STATUS: Record<StaffSession['status'], [Message, 'success' | 'info' | 'warning' | 'error']> = {
  booked: [T.booked, 'info'],
  held: [T.held, 'success'],
  not_held: [T.notHeld, 'warning'],
  requested: [T.requested, 'info'],
  proposed: [T.proposed, 'info'],
  cancelled: [T.cancelled, 'warning'],
};
const statusBadge = (lang: Lang, status: StaffSession['status']) => badge(say(lang, STATUS[status][0]), STATUS[status][1]);

const span = (lang: Lang, start: string, minutes: number) =>
  `${lang === 'da' ? 'kl. ' : ''}${formatClock(lang, copenhagenClockOf(start))}–${formatClock(lang, copenhagenClockOf(new Date(Date.parse(start) + minutes * 60_000)))}`;

/** A centre offer's kind, or a partner's offer, in words. */
export function offerKindLabel(lang: Lang, kind: string): string {
  const known = CENTRE_OFFER_KINDS.find((k): k is CentreOfferKind => k === kind);
  if (known) {
    return capitalised(say(lang, OFFER_KIND_LABELS[known]));
  }
  return say(lang, T.partnerOffer);
}

const citizenLink = (lang: Lang, citizenId: string, alias: unknown, reference: string | undefined) =>
  html`<a href="/medarbejder/borger/${encodeURIComponent(citizenId)}">${typeof alias === 'string' && alias ? alias : say(lang, T.noName)}</a>${reference ? html`<br><span class="weight-normal">${reference}</span>` : null}`;

/** A "YYYY-MM-DD" day with its weekday: "onsdag 2. december 2026" / "Wednesday 2 December 2026". */
export function dayWithWeekday(lang: Lang, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7] ?? 'monday';
  const name = weekdayLabel(lang, weekday);
  return `${lang === 'da' ? name.toLocaleLowerCase('da') : name} ${formatDay(lang, date)}`;
}

/** How many conversations are booked, and how: in the singular for one. */
function bookingsSentence(lang: Lang, s: DashboardView['sessions'], number: (n: number) => string): string {
  if (s.booked === 0) return say(lang, T.noBookings);
  if (s.booked === 1) return say(lang, s.bookedInCalendarByCitizen === 1 ? T.bookingsOneByCitizen : T.bookingsOneProposed);
  const proposed = s.booked - s.bookedInCalendarByCitizen;
  return `${say(lang, T.bookingsText, { booked: number(s.booked), byCitizen: number(s.bookedInCalendarByCitizen) })}${proposed > 0 ? ` ${say(lang, T.bookingsProposed, { n: number(proposed) })}` : ''}`;
}

export interface DayView {
  date: string;
  today: string;
  sessions: readonly DaySession[];
  references: ReadonlyMap<string, string>;
  /** Just recorded as held: the conversation and its citizen, for the way on to an offer. */
  recorded: { sessionId: string; citizenId: string } | null;
  notHeld: boolean;
  /** The held conversations an offer can still be made in (up to 24 hours after they ended). */
  offerable: ReadonlySet<string>;
}

export function dayPage(context: PageContext, v: DayView): Html {
  const { lang } = context;
  const dayName = dayWithWeekday(lang, v.date);
  const rows = v.sessions.map((s) => {
    const when = span(lang, s.start, s.durationMinutes);
    const actions =
      s.status === 'booked'
        ? html`<a href="/medarbejder/samtale/${s.sessionId}" class="record-link">${say(lang, T.record)}<span class="sr-only"> ${when}</span></a><br>
<a href="/medarbejder/samtale/${s.sessionId}/ikke-holdt">${say(lang, T.recordNotHeld)}<span class="sr-only"> ${when}</span></a>`
        : s.status === 'held' && v.offerable.has(s.sessionId)
          ? html`<a href="/medarbejder/borger/${encodeURIComponent(s.citizenId)}/tilbud?samtale=${s.sessionId}">${say(lang, T.offerInSession)}<span class="sr-only"> ${when}</span></a>`
          : null;
    return html`<tr><td>${when}<br><span class="weight-normal">${say(lang, T.minutes, { n: s.durationMinutes })}</span></td>
<td>${citizenLink(lang, s.citizenId, s.alias, v.references.get(s.citizenId))}</td>
<td>${say(lang, STAFF_CHANNEL_LABELS[s.channel])}</td><td>${statusBadge(lang, s.status)}</td><td>${actions}</td></tr>`;
  });
  const table =
    v.sessions.length === 0
      ? html`<p>${say(lang, T.nothingToday)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table table--zebra" id="day-table">
<caption class="sr-only">${dayName}</caption>
<thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.who)}</th><th scope="col">${say(lang, T.how)}</th><th scope="col">${say(lang, T.status)}</th><th scope="col">${say(lang, T.actions)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  const recorded = v.recorded
    ? notice(
        v.offerable.has(v.recorded.sessionId)
          ? html`${say(lang, T.recorded)} <a href="/medarbejder/borger/${encodeURIComponent(v.recorded.citizenId)}/tilbud?samtale=${v.recorded.sessionId}" id="offer-after-record">${say(lang, T.offerInSession)}</a>`
          : say(lang, T.recorded),
      )
    : null;
  return page(context, {
    title: say(lang, T.day),
    body: html`${staffNav(context)}
${recorded}${v.notHeld ? notice(say(lang, T.notHeldRecorded)) : null}
<h2>${v.date === v.today ? say(lang, T.today, { date: dayName }) : capitalised(dayName)}</h2>
<ul class="inline-list">
<li class="mr-5"><a href="/medarbejder?dato=${shiftDay(v.date, -1)}">${say(lang, T.previous)}</a></li>
${v.date === v.today ? null : html`<li class="mr-5"><a href="/medarbejder">${say(lang, T.backToToday)}</a></li>`}
<li class="mr-5"><a href="/medarbejder?dato=${shiftDay(v.date, 1)}">${say(lang, T.next)}</a></li>
</ul>
${table}`,
  });
}

/** The search: one field, sent with GET (it changes nothing); the result below it. */
export function findPage(context: PageContext, typed: string | undefined, results: readonly StaffCitizen[] | null, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const found =
    results === null
      ? null
      : results.length === 0
        ? notice(say(lang, T.noneFound), 'info')
        : html`<h2>${say(lang, T.found)}</h2><div class="table--responsive-scroll"><table class="table">
<thead><tr><th scope="col">${say(lang, T.reference)}</th><th scope="col">${say(lang, T.nameHere)}</th><th scope="col">${say(lang, T.journey)}</th></tr></thead>
<tbody>${results.map(
            (c) => html`<tr><td><a href="/medarbejder/borger/${encodeURIComponent(c.citizenId)}">${c.reference}</a></td><td>${c.alias ?? say(lang, T.noName)}</td><td>${say(lang, c.status === 'open' ? T.open : T.closed)}</td></tr>`,
          )}</tbody></table></div>`;
  return page(context, {
    title: say(lang, T.findTitle),
    errors,
    body: html`${staffNav(context)}
${getForm(
  '/medarbejder/find',
  html`${shortInput({ lang, id: 'reference', label: say(lang, T.reference), hint: say(lang, T.referenceHint), type: 'text', width: 's', value: typed, error: errorFor(errors, 'reference'), maxLength: 20, autocomplete: 'off' })}
${button(say(lang, T.find), { id: 'find' })}`,
  'find-form',
)}
${found}`,
  });
}

export const referenceError = (lang: Lang): FieldError => ({ field: 'reference', message: say(lang, T.referenceBad) });

/** One offer and where it stands, from the consent register. */
export interface OfferStanding {
  offerId: string;
  kind: string;
  madeAt: string;
  answer: string;
}

const ANSWERS: Record<string, Message> = { none: T.answerNone, consented: T.answerYes, declined: T.answerNo, withdrawn: T.answerWithdrawn };

const roleLabel = (lang: Lang, role: string) => {
  const known = ROLES.find((r) => r === role);
  return known ? say(lang, ROLE_LABELS[known]) : '–';
};

export interface CitizenView {
  citizen: StaffCitizen;
  sessions: readonly StaffSession[];
  offers: readonly OfferStanding[];
  records: readonly RecordView[];
  staffId: string;
  offered: boolean;
  proposed: boolean;
  /** The held conversations an offer can still be made in (up to 24 hours after they ended). */
  offerable: ReadonlySet<string>;
}

/** A citizen of the centre as staff may see them: the journey, conversations, offers and records. */
export function citizenPage(context: PageContext, v: CitizenView): Html {
  const { lang } = context;
  const { citizen } = v;
  const base = `/medarbejder/borger/${encodeURIComponent(citizen.citizenId)}`;
  const sessionRows = v.sessions.map((s) => {
    const mine = s.staffId === context.principal?.id;
    const when = s.start ? formatMoment(lang, s.start) : say(lang, T.notBooked);
    const action =
      mine && s.status === 'booked'
        ? html`<a href="/medarbejder/samtale/${s.sessionId}">${say(lang, T.record)}<span class="sr-only"> ${when}</span></a>`
        : mine && s.status === 'held' && v.offerable.has(s.sessionId)
          ? html`<a href="${base}/tilbud?samtale=${s.sessionId}">${say(lang, T.offerInSession)}<span class="sr-only"> ${when}</span></a>`
          : s.status === 'requested' || s.status === 'proposed'
            ? html`<a href="/medarbejder/samtale/${s.sessionId}/foreslaa">${say(lang, T.propose)}<span class="sr-only"> ${when}</span></a>`
            : null;
    return html`<tr><td>${when}</td><td>${s.channel ? say(lang, STAFF_CHANNEL_LABELS[s.channel]) : '–'}</td><td>${statusBadge(lang, s.status)}</td><td>${action}</td></tr>`;
  });
  const sessions =
    v.sessions.length === 0
      ? html`<p>${say(lang, T.noSessions)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table"><thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.how)}</th><th scope="col">${say(lang, T.status)}</th><th scope="col"><span class="sr-only">${say(lang, T.actions)}</span></th></tr></thead>
<tbody>${sessionRows}</tbody></table></div>`;
  const offers =
    v.offers.length === 0
      ? html`<p>${say(lang, T.noOffers)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table"><thead><tr><th scope="col">${say(lang, T.offer)}</th><th scope="col">${say(lang, T.made)}</th><th scope="col">${say(lang, T.answer)}</th></tr></thead>
<tbody>${v.offers.map((o) => html`<tr><td>${offerKindLabel(lang, o.kind)}</td><td>${formatMoment(lang, o.madeAt)}</td><td>${say(lang, ANSWERS[o.answer] ?? T.answerNone)}</td></tr>`)}</tbody></table></div>`;
  const records =
    v.records.length === 0
      ? html`<p>${say(lang, T.nothingRecorded)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table"><thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.what)}</th><th scope="col">${say(lang, T.recordedBy)}</th></tr></thead>
<tbody>${v.records.map((r) => html`<tr><td>${formatMoment(lang, r.at)}</td><td>${r.text}</td><td>${roleLabel(lang, r.recordedBy)}</td></tr>`)}</tbody></table></div>`;
  return page(context, {
    title: say(lang, T.citizenTitle, { reference: citizen.reference }),
    back: '/medarbejder/find',
    body: html`${staffNav(context)}
${v.offered ? notice(say(lang, T.offered)) : null}${v.proposed ? notice(say(lang, T.proposedNotice)) : null}
${summaryList([
  { label: say(lang, T.reference), value: citizen.reference },
  { label: say(lang, T.nameHere), value: citizen.alias ?? say(lang, T.noName) },
  { label: say(lang, T.journey), value: say(lang, citizen.status === 'open' ? T.open : T.closed) },
])}
${citizen.status === 'open' ? html`<p><a class="button button-secondary" href="${base}/tilbud" id="make-offer">${say(lang, T.makeOffer)}</a></p>` : null}
<h2>${say(lang, T.sessions)}</h2>
${sessions}
<h2>${say(lang, T.offers)}</h2>
${offers}
<h2>${say(lang, T.records)}</h2>
<p>${say(lang, T.recordsHint)}</p>
${records}`,
  });
}

/** The dashboard's read model, as offerDashboard answers it. */
export interface DashboardView {
  offers: readonly { kind: string; made: number; consented: number; declined: number; withdrawn: number; lapsed: number; participating: number }[];
  sessions: { booked: number; bookedInCalendarByCitizen: number };
}

const COUNTS = ['made', 'consented', 'declined', 'withdrawn', 'lapsed', 'participating'] as const;
const COUNT_LABELS: Record<(typeof COUNTS)[number], Message> = {
  made: T.madeCount,
  consented: T.consented,
  declined: T.declined,
  withdrawn: T.withdrawn,
  lapsed: T.lapsed,
  participating: T.participating,
};

/** Offers made, accepted, declined, withdrawn per kind (every month together), and how conversations were booked. */
export function dashboardPage(context: PageContext, v: DashboardView): Html {
  const { lang } = context;
  const byKind = new Map<string, Record<(typeof COUNTS)[number], number>>();
  for (const row of v.offers) {
    // Partner offers are counted together: the dashboard names kinds, not partners' catalogue entries.
    const kind = row.kind.startsWith('partner:') ? 'partner' : row.kind;
    const sum = byKind.get(kind) ?? { made: 0, consented: 0, declined: 0, withdrawn: 0, lapsed: 0, participating: 0 };
    for (const c of COUNTS) sum[c] += row[c];
    byKind.set(kind, sum);
  }
  const kinds = [...byKind.entries()].sort(([a], [b]) => offerKindLabel(lang, a).localeCompare(offerKindLabel(lang, b), lang));
  const total = Object.fromEntries(COUNTS.map((c) => [c, kinds.reduce((n, [, s]) => n + s[c], 0)])) as Record<(typeof COUNTS)[number], number>;
  const number = (n: number) => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB');
  const cells = (s: Record<(typeof COUNTS)[number], number>) => COUNTS.map((c) => html`<td class="align-text-right">${number(s[c])}</td>`);
  const table =
    kinds.length === 0
      ? html`<p>${say(lang, T.noDashboard)}</p>`
      : html`<div class="table--responsive-scroll"><table class="table table--zebra" id="dashboard-table">
<thead><tr><th scope="col">${say(lang, T.kind)}</th>${COUNTS.map((c) => html`<th scope="col" class="align-text-right">${say(lang, COUNT_LABELS[c])}</th>`)}</tr></thead>
<tbody>${kinds.map(([kind, s]) => html`<tr><th scope="row">${offerKindLabel(lang, kind)}</th>${cells(s)}</tr>`)}</tbody>
<tfoot><tr><th scope="row">${say(lang, T.total)}</th>${cells(total)}</tr></tfoot>
</table></div>`;
  return page(context, {
    title: say(lang, T.dashboardTitle),
    body: html`${staffNav(context)}
<p>${say(lang, T.dashboardIntro)}</p>
${table}
<h2>${say(lang, T.bookings)}</h2>
<p>${bookingsSentence(lang, v.sessions, number)}</p>`,
  });
}
