/**
 * No refused request writes anything. For every command route (every POST and PUT in the OpenAPI
 * document) and every kind of caller, a refusal — any 4xx — answers in problem+json, appends no
 * event and changes no read model.
 *
 * One realistic state is set up through the HTTP API: two centres, a board with seats, members,
 * meetings and resolutions, staff calendars with free and booked times, citizens with journeys
 * (open, closed, erased), sessions requested, booked and cancelled, offers made and consented to, a
 * budget draft with lines, and a spokesperson ballot under way. Then each route family gets its
 * table of refused requests:
 *
 * - generated for every route: no token (401), a token that does not verify (401), every role
 *   that may not act here (403 forbidden); for every role that may, a query-string field the route
 *   does not declare (`?deadline=1`) and an unknown body field (`mandatory`, `deadline`,
 *   `sanction`), both 400 naming the field; and for one role that may, an Idempotency-Key that is
 *   no UUID (400), one reused from another request (422) and a body that is not JSON (400);
 * - written out per route: unknown ids (404), malformed values (400), and the domain's rules
 *   (409 for what conflicts with what happened, 422 for a rule, 400 coercive_wording).
 *
 * Each family's `it` runs its whole table and reports every case that went wrong at once (status,
 * media type, events appended), then compares a snapshot of every read model from before the run
 * with one after it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../src/domain/venture/venture.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;

// ---------------------------------------------------------------------------------------------
// Who calls

/** Every kind of caller. Each route's table lists those who may act; all others are refused. */
const ROLES = [
  'anonymous',
  'citizen', // the citizen whose journey it is
  'otherCitizen', // another citizen, with a journey of their own at the same centre
  'staff', // staff-1 of the centre: the counsellor whose calendar it is
  'otherStaff', // staff of another centre
  'partner',
  'boardMember', // emp-1, sitting in the employee seat of the centre's board
  'unseatedBoardMember', // a board_member token for the centre, without a seat
  'researcher',
  'auditor',
  'admin',
] as const;
type Role = (typeof ROLES)[number];
/** Callers beyond the roster, for cases about a particular person. */
type Extra = 'staff2' | 'cit1' | 'part1' | 'noJourney' | 'noJourney2' | 'closedCitizen' | 'erasedCitizen' | 'otherPartner' | 'badToken';
type Who = Role | Extra;
const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;

// ---------------------------------------------------------------------------------------------
// The tables

type Method = 'POST' | 'PUT';
/** One refused request. Unset fields take the route's own (its URL, its valid body). */
interface Refusal {
  name: string;
  as: Who;
  status: number;
  /** The problem's `code`, when the refusal has a specific one. */
  code?: string;
  /** A field the problem's `errors` must name (and where, if given). */
  field?: string;
  in?: 'body' | 'querystring' | 'params' | 'headers';
  url?: string;
  body?: unknown;
  query?: string;
  headers?: Record<string, string>;
}
interface Route {
  /** As in the OpenAPI document, e.g. `POST /journeys/{citizenId}/goals`. */
  route: `${Method} /${string}`;
  url: string;
  /** A body the route accepts from someone allowed (undefined: the route takes no body). */
  body?: object;
  /** The roster roles that may act on this route as set up; every other role is refused with 403. */
  allowed: Role[];
  refusals: Refusal[];
}

const UNKNOWN_FIELDS = ['mandatory', 'deadline', 'sanction'] as const;
/** The Idempotency-Key the administrator sent when establishing the second centre. */
const usedKey = newId();

/** The cases every route gets, then its own. */
function casesOf(r: Route): Refusal[] {
  const generated: Refusal[] = [
    { name: 'no token', as: 'anonymous', status: 401, code: 'not_authenticated' },
    { name: 'a token that does not verify', as: 'badToken', status: 401, code: 'not_authenticated' },
  ];
  for (const role of ROLES) {
    if (role !== 'anonymous' && !r.allowed.includes(role)) generated.push({ name: `${role} may not do this`, as: role, status: 403, code: 'forbidden' });
  }
  const [first] = r.allowed;
  if (first) {
    generated.push({ name: `${first}, with an Idempotency-Key that is no UUID`, as: first, headers: { 'idempotency-key': 'retry-1' }, status: 400, field: 'idempotency-key', in: 'headers' });
    generated.push({ name: `${first}, reusing the Idempotency-Key of an earlier, other request`, as: first, headers: { 'idempotency-key': usedKey }, status: 422, code: 'idempotency_key_reused' });
    generated.push({ name: `${first}, with a body that is not JSON`, as: first, body: '{"not": json', status: 400, code: 'malformed_json' });
  }
  r.allowed.forEach((role, i) => {
    const field = UNKNOWN_FIELDS[i % UNKNOWN_FIELDS.length]!;
    generated.push({ name: `${role}, with a query-string field the route does not declare`, as: role, query: 'deadline=1', status: 400, field: 'deadline', in: 'querystring' });
    generated.push({ name: `${role}, with an unknown body field \`${field}\``, as: role, body: { ...(r.body ?? {}), [field]: true }, status: 400, field, in: 'body' });
  });
  return [...generated, ...r.refusals];
}

// ---------------------------------------------------------------------------------------------
// The state the refusals are tried against

const ids = {} as {
  centre: string;
  otherCentre: string;
  citizen: string;
  otherCitizen: string;
  closedCitizen: string;
  erasedCitizen: string;
  noJourney: string;
  noJourney2: string;
  goal: string;
  requested: string; // a session the citizen asked for, no time proposed yet
  booked: string; // a session booked in staff-1's calendar (two days from now)
  cancelled: string; // a session booked and cancelled
  unanswered: string; // an offer (coaching) waiting for the citizen's answer
  consented: string; // an offer (education guidance) the citizen consented to
  slotBooked: string; // staff-1's time the citizen booked
  slotTaken: string; // staff-1's time another citizen booked
  slotFree: string; // staff-1's free time, for booking cases
  slotFree2: string; // staff-1's free time, for moving cases
  slotToWithdraw: string; // staff-1's free time, for the calendar cases
  slotToWithdraw2: string; // another, for the one case with a body
  slotOtherCentre: string; // a time of the other centre's staff
  partnerSeat: string; // occupied by part-1
  vacantSeat: string;
  openMeeting: string; // attendance recorded, a resolution under vote
  signedMeeting: string; // its resolution adopted, the minutes signed
  meetingWithoutAttendance: string;
  openResolution: string; // emp-1 voted for it; cit-1 and part-1 have not voted
  adoptedResolution: string; // general, adopted at the signed meeting
  budget: string; // annual 2027, draft at version 3
  line: string;
  withdrawnLine: string;
  ballot: string; // open, staff-1 voted
  study: string; // open, researcher-1 granted
  closedStudy: string;
  partner: string; // registered by staff-1; the roster's partner token is its own people's
  agreement: string; // in force, covering physical activity and workshops
  endedAgreement: string; // terminated by the centre, after an offer was published under it
  partnerOffer: string; // the partner's, listed
  centreOffer: string; // the centre's own workshop, listed
  retiredOffer: string; // the partner's, retired
  endedOffer: string; // the partner's, under the terminated agreement
  journeyOfEnded: string; // the citizen's journey offer of endedOffer, consented to before the agreement ended
  sharing: string; // the citizen's data-sharing consent with the partner, in force
  withdrawnSharing: string;
  activity: string; // in two days, capacity 2, the citizen and the other citizen registered
  cancelledActivity: string;
  group: string; // started by the citizen, who is its member
  closedGroup: string; // started by staff, closed with no members
  milestone: string; // on the citizen's track
  devBudget: string; // development 2027, draft, with one line
  devLine: string;
  idea: string; // the citizen's, open, supported by the other citizen
  answeredIdea: string; // the citizen's, not taken in by the adopted resolution
  withdrawnIdea: string; // the citizen's, withdrawn
};

const unknownId = () => newId();
/** A moment `days` from today at `time` UTC: 09:00–14:45 UTC is within 07–21 Copenhagen time, winter and summer. */
function at(days: number, time: string): string {
  const d = new Date();
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h, m)).toISOString();
}

async function request(who: Who, method: 'GET' | Method, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...extra };
  if (who === 'badToken') headers.authorization = 'Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.bm90IGEgc2lnbmF0dXJl';
  else if (who !== 'anonymous') headers.authorization = `Bearer ${tokens[who]}`;
  // A string is sent as it stands, declared as JSON (to send JSON that does not parse).
  if (typeof body === 'string') headers['content-type'] ??= 'application/json';
  const options: InjectOptions = { method, url, headers, ...(body === undefined ? {} : { payload: body as object }) };
  return t.app.inject(options);
}
async function ok(who: Who, method: Method, url: string, body: object = {}, headers: Record<string, string> = {}) {
  const response = await request(who, method, url, body, headers);
  if (response.statusCode >= 300) throw new Error(`set-up: ${method} ${url} as ${who} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

async function setUp() {
  tokens.admin = await t.token('admin', undefined, 'admin-1');
  tokens.researcher = await t.token('researcher', undefined, 'researcher-1');
  tokens.auditor = await t.token('auditor', undefined, 'auditor-1');

  // Two centres; the first opens its doors on Mondays.
  ids.centre = (await ok('admin', 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro', openingHours: { monday: [{ opens: '10:00', closes: '14:00' }] } })).centreId;
  ids.otherCentre = (await ok('admin', 'POST', '/centres', { municipalityCode: '461', name: 'Virkelyst Odense' }, { 'idempotency-key': usedKey })).centreId;
  const c = ids.centre;
  tokens.staff = await t.token('staff', c, 'staff-1');
  tokens.staff2 = await t.token('staff', c, 'staff-2');
  tokens.otherStaff = await t.token('staff', ids.otherCentre, 'staff-b');
  tokens.otherPartner = await t.token('partner', undefined, 'partner-9', newId());
  tokens.boardMember = await t.token('board_member', c, 'emp-1');
  tokens.cit1 = await t.token('board_member', c, 'cit-1');
  tokens.part1 = await t.token('board_member', c, 'part-1');
  tokens.unseatedBoardMember = await t.token('board_member', c, 'never-seated');

  // The board: four seats, three of them filled; the employee member chairs.
  await ok('admin', 'POST', `/centres/${c}/board`);
  ids.partnerSeat = (await ok('admin', 'POST', `/centres/${c}/board/seats`, { organisation: 'Dansk Erhverv' })).created.seatId;
  ids.vacantSeat = (await ok('admin', 'POST', `/centres/${c}/board/seats`, { organisation: 'Ungdomsskolen' })).created.seatId;
  await ok('admin', 'POST', `/centres/${c}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `/centres/${c}/board/seats/citizen/member`, { memberId: 'cit-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `/centres/${c}/board/seats/${ids.partnerSeat}/member`, { memberId: 'part-1', how: 'appointed', from: '2026-10-01' });
  await ok('admin', 'PUT', `/centres/${c}/board/roles/chair`, { memberId: 'emp-1' });
  const everyone = { present: ['emp-1', 'cit-1', 'part-1'] };
  // A meeting whose minutes are signed, with an adopted resolution.
  ids.signedMeeting = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings`, { at: '2026-11-10T17:00:00+01:00', agenda: ['Åbningstider'] })).created.meetingId;
  await ok('boardMember', 'POST', `/centres/${c}/board/meetings/${ids.signedMeeting}/attendance`, everyone);
  ids.adoptedResolution = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings/${ids.signedMeeting}/resolutions`, { title: 'Åbent om mandagen', subject: { kind: 'general' } })).created.resolutionId;
  for (const who of ['boardMember', 'cit1', 'part1'] as const) await ok(who, 'POST', `/centres/${c}/board/resolutions/${ids.adoptedResolution}/votes`, { choice: 'for' });
  await ok('boardMember', 'POST', `/centres/${c}/board/resolutions/${ids.adoptedResolution}/decide`);
  for (const who of ['boardMember', 'cit1', 'part1'] as const) await ok(who, 'POST', `/centres/${c}/board/meetings/${ids.signedMeeting}/minutes/sign`);
  // An open meeting with a resolution under vote, and one nobody has come to yet.
  ids.openMeeting = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Budget 2027', 'Eventuelt'] })).created.meetingId;
  await ok('boardMember', 'POST', `/centres/${c}/board/meetings/${ids.openMeeting}/attendance`, everyone);
  ids.openResolution = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings/${ids.openMeeting}/resolutions`, { title: 'Sommerskole for iværksættere', subject: { kind: 'general' } })).created.resolutionId;
  await ok('boardMember', 'POST', `/centres/${c}/board/resolutions/${ids.openResolution}/votes`, { choice: 'for' });
  ids.meetingWithoutAttendance = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings`, { at: '2027-01-12T17:00:00+01:00', agenda: ['Årsberetning'] })).created.meetingId;

  // A budget draft with a line (and one withdrawn): version 3.
  ids.budget = (await ok('boardMember', 'POST', `/centres/${c}/budgets`, { fiscalYear: 2027, kind: 'annual' })).created.budgetId;
  ids.line = (await ok('boardMember', 'POST', `/budgets/${ids.budget}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn til vejledere', amounts: { '2027': 100_000_00 } })).created.lineId;
  ids.withdrawnLine = (await ok('boardMember', 'POST', `/budgets/${ids.budget}/lines`, { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Drift', amounts: { '2027': 30_000_00 } })).created.lineId;
  await ok('boardMember', 'POST', `/budgets/${ids.budget}/lines/${ids.withdrawnLine}/withdraw`);

  // The staff's spokesperson ballot, open for two more days; staff-1 has voted.
  ids.ballot = (await ok('staff', 'POST', `/centres/${c}/spokesperson-ballots`, { candidates: ['staff-1', 'staff-2'], closesAt: at(3, '12:00') })).created.ballotId;
  await ok('staff', 'POST', `/centres/${c}/spokesperson-ballots/${ids.ballot}/votes`, { candidateId: 'staff-2' });

  // Calendars: staff-1's times two days from now; one time of the other centre's staff.
  const slot = async (who: 'staff' | 'otherStaff', staffId: string, start: string, channels: string[]) => (await ok(who, 'POST', `/calendars/${staffId}/slots`, { start, durationMinutes: 45, channels })).slotId as string;
  ids.slotBooked = await slot('staff', 'staff-1', at(2, '09:00'), ['video', 'phone']);
  ids.slotTaken = await slot('staff', 'staff-1', at(2, '10:00'), ['video', 'phone']);
  ids.slotFree = await slot('staff', 'staff-1', at(2, '11:00'), ['video', 'phone']);
  ids.slotFree2 = await slot('staff', 'staff-1', at(2, '12:00'), ['phone']);
  const slotForCancelled = await slot('staff', 'staff-1', at(2, '13:00'), ['phone']);
  ids.slotToWithdraw = await slot('staff', 'staff-1', at(2, '14:00'), ['chat']);
  ids.slotToWithdraw2 = await slot('staff', 'staff-1', at(2, '15:00'), ['chat']);
  ids.slotOtherCentre = await slot('otherStaff', 'staff-b', at(2, '09:00'), ['phone']);

  // Citizens.
  for (const name of ['citizen', 'otherCitizen', 'closedCitizen', 'erasedCitizen', 'noJourney', 'noJourney2'] as const) {
    ids[name] = newId();
    tokens[name] = await t.token('citizen', undefined, ids[name]);
  }
  const j = `/journeys/${ids.citizen}`;
  await ok('citizen', 'POST', '/journeys', { centreId: c, alias: 'Kirsten' });
  ids.goal = (await ok('citizen', 'POST', `${j}/goals`, { text: 'Åbne et bageri', category: 'own_business' })).created.goalId;
  ids.requested = (await ok('citizen', 'POST', `${j}/session-requests`, { channel: 'phone', wishes: 'Gerne en formiddag' })).created.sessionId;
  ids.booked = (await ok('citizen', 'POST', `${j}/sessions`, { staffId: 'staff-1', slotId: ids.slotBooked, channel: 'video' })).created.sessionId;
  ids.cancelled = (await ok('citizen', 'POST', `${j}/sessions`, { staffId: 'staff-1', slotId: slotForCancelled, channel: 'phone' })).created.sessionId;
  await ok('citizen', 'POST', `${j}/sessions/${ids.cancelled}/cancel`);
  ids.unanswered = (await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Ugentlig coaching; du kan stoppe når som helst.' })).created.offerId;
  ids.consented = (await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'education_guidance' }, information: 'Vejledning om uddannelse' })).created.offerId;
  await ok('citizen', 'POST', `${j}/offers/${ids.consented}/consent`);

  await ok('otherCitizen', 'POST', '/journeys', { centreId: c });
  await ok('otherCitizen', 'POST', `/journeys/${ids.otherCitizen}/sessions`, { staffId: 'staff-1', slotId: ids.slotTaken, channel: 'phone' });
  await ok('closedCitizen', 'POST', '/journeys', { centreId: c });
  await ok('closedCitizen', 'POST', `/journeys/${ids.closedCitizen}/close`);
  await ok('erasedCitizen', 'POST', '/journeys', { centreId: c, alias: 'Bo' });
  await ok('admin', 'POST', `/admin/citizens/${ids.erasedCitizen}/erase`);

  // Studies: one open with researcher-1 granted, one closed.
  ids.study = (await ok('admin', 'POST', '/studies', STUDY)).created.studyId;
  ids.closedStudy = (await ok('admin', 'POST', '/studies', STUDY)).created.studyId;
  await ok('admin', 'POST', `/studies/${ids.closedStudy}/close`);

  await setUpPartners();
  await setUpIdeas();
}

/** Issue 13's state: a partner and its agreements, the catalogue, referrals, activities, groups, a track. */
async function setUpPartners() {
  const c = ids.centre;
  const j = `/journeys/${ids.citizen}`;
  ids.partner = (await ok('staff', 'POST', '/partners', PARTNER())).partnerId;
  // The roster's partner: a person of this partner.
  tokens.partner = await t.token('partner', undefined, 'partner-1', ids.partner);
  ids.agreement = (await ok('staff', 'POST', `/partners/${ids.partner}/agreements`, AGREEMENT())).agreementId;
  ids.endedAgreement = (await ok('staff', 'POST', `/partners/${ids.partner}/agreements`, AGREEMENT())).agreementId;
  // The catalogue's read model names the partner's agreements to the facts (a referral needs one in force).
  await t.engine.settle();
  const publish = async (who: Who, body: object) => (await ok(who, 'POST', '/catalogue/offers', body)).offerId as string;
  ids.partnerOffer = await publish('partner', { centreId: c, partnerId: ids.partner, agreementId: ids.agreement, content: RUNNING });
  ids.centreOffer = await publish('staff', { centreId: c, content: WORKSHOP });
  ids.retiredOffer = await publish('partner', { centreId: c, partnerId: ids.partner, agreementId: ids.agreement, content: { ...RUNNING, title: 'Vinterløb' } });
  await ok('partner', 'POST', `/catalogue/offers/${ids.retiredOffer}/retire`);
  ids.endedOffer = await publish('partner', { centreId: c, partnerId: ids.partner, agreementId: ids.endedAgreement, content: { ...RUNNING, title: 'Sommerløb' } });
  ids.journeyOfEnded = (await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: ids.endedOffer }, information: 'Sommerløb med klubben' })).created.offerId;
  await ok('citizen', 'POST', `${j}/offers/${ids.journeyOfEnded}/consent`);
  await ok('staff', 'POST', `/agreements/${ids.endedAgreement}/terminate`, { by: 'centre' });

  ids.sharing = (await ok('citizen', 'POST', `${j}/referrals`, REFERRAL())).created.sharingId;
  ids.withdrawnSharing = (await ok('citizen', 'POST', `${j}/referrals`, REFERRAL())).created.sharingId;
  await ok('citizen', 'POST', `${j}/sharings/${ids.withdrawnSharing}/withdraw`);

  ids.activity = (await ok('staff', 'POST', `/centres/${c}/activities`, ACTIVITY())).activityId;
  await ok('citizen', 'POST', `/activities/${ids.activity}/places/${ids.citizen}`);
  await ok('otherCitizen', 'POST', `/activities/${ids.activity}/places/${ids.otherCitizen}`);
  ids.cancelledActivity = (await ok('staff', 'POST', `/centres/${c}/activities`, ACTIVITY())).activityId;
  await ok('staff', 'POST', `/activities/${ids.cancelledActivity}/cancel`);

  ids.group = (await ok('citizen', 'POST', `/centres/${c}/groups`, { kind: 'citizen_to_citizen', name: 'Iværksættere på Nørrebro' })).groupId;
  ids.closedGroup = (await ok('staff', 'POST', `/centres/${c}/groups`, { kind: 'citizen_to_citizen', name: 'Strikkecafé' })).groupId;
  await ok('staff', 'POST', `/groups/${ids.closedGroup}/close`);

  await ok('citizen', 'POST', `/ventures/${ids.citizen}/join`, { centreId: c, businessIdea: 'Et bageri' });
  ids.milestone = (await ok('citizen', 'POST', `/ventures/${ids.citizen}/milestones`, { text: 'Finde et lokale' })).created.milestoneId;
  // The closed journey's citizen joined the track, said when the business started (ten days ago) and left.
  const closed = `/ventures/${ids.closedCitizen}`;
  await ok('closedCitizen', 'POST', `${closed}/join`, { centreId: c });
  await ok('closedCitizen', 'PUT', `${closed}/business-start`, { startedOn: day(-10) });
  await ok('closedCitizen', 'POST', `${closed}/leave`);
}

/** Citizens' ideas for the centre's development budget: one open and supported, one answered, one withdrawn. */
async function setUpIdeas() {
  const c = ids.centre;
  ids.devBudget = (await ok('boardMember', 'POST', `/centres/${c}/budgets`, { fiscalYear: 2027, kind: 'development' })).created.budgetId;
  ids.devLine = (await ok('boardMember', 'POST', `/budgets/${ids.devBudget}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Reparationscafé', amounts: { '2027': 50_000_00, '2028': 50_000_00, '2029': 50_000_00, '2030': 50_000_00, '2031': 50_000_00 } })).created.lineId;
  const idea = (title: string) => ({ budgetId: ids.devBudget, title, description: 'Vi mødes og reparerer sammen.' });
  ids.idea = (await ok('citizen', 'POST', `/centres/${c}/ideas`, idea('Reparationscafé'))).ideaId;
  await ok('otherCitizen', 'POST', `/ideas/${ids.idea}/support`);
  ids.answeredIdea = (await ok('citizen', 'POST', `/centres/${c}/ideas`, idea('Udendørs fitness'))).ideaId;
  await ok('boardMember', 'POST', `/ideas/${ids.answeredIdea}/answer`, { resolutionId: ids.adoptedResolution, answer: { kind: 'not_taken_in', reason: 'Kommunen bygger det allerede.' } });
  ids.withdrawnIdea = (await ok('citizen', 'POST', `/centres/${c}/ideas`, idea('Strikkecafé'))).ideaId;
  await ok('citizen', 'POST', `/ideas/${ids.withdrawnIdea}/withdraw`);
}

/** A Copenhagen-ish date `days` from today (YYYY-MM-DD). */
const day = (days: number) => at(days, '10:00').slice(0, 10);
const SHA = (c: string) => c.repeat(64);
const SIGNATORIES = [
  { side: 'partner', name: 'Mette Holm' },
  { side: 'centre', name: 'Jens Jensen', title: 'Centerleder' },
];
const PARTNER = () => ({ centreId: ids.centre, kind: 'sports_club', name: 'Fitness Fyn', cvr: '29189897', contact: { name: 'Mette Holm', email: 'mette@fitnessfyn.dk' } });
const AGREEMENT = () => ({
  centreId: ids.centre,
  scope: 'Motion i fællesskab og workshops.',
  offerKinds: ['physical_activity_and_health', 'workshop'],
  startDate: day(-30),
  endDate: day(300),
  documentSha256: SHA('a'),
  signatories: SIGNATORIES,
});
const RUNNING = { kind: 'physical_activity_and_health', title: 'Løb for alle', description: 'Vi løber sammen.', channels: ['in_person'], municipalityCode: '101', place: 'Fælledparken', capacity: 20 };
const WORKSHOP = { kind: 'workshop', title: 'CV-værksted', description: 'Vi ser på dit CV sammen.', channels: ['video'], municipalityCode: '101', link: 'https://moede.virkelyst.dk/cv' };
const REFERRAL = () => ({ partnerId: ids.partner, purpose: 'introduction', fields: ['name'], until: day(30) });
const ACTIVITY = () => ({ kind: 'workshop', title: 'CV-værksted i huset', start: at(2, '12:00'), end: at(2, '13:00'), where: { place: 'Salen' }, capacity: 2 });

const STUDY = {
  title: 'Evaluering af huset',
  purpose: 'At forstå, hvordan borgerne bruger huset.',
  period: { from: '2027-01-01', to: '2027-12-31' },
  indicators: ['contacts_per_citizen'],
  exportFields: ['event_month', 'count'],
  legalBasis: 'Databeskyttelseslovens § 10.',
  researcherIds: ['researcher-1'],
};

// ---------------------------------------------------------------------------------------------
// Route families

function journeyRoutes(): Route[] {
  const c = ids.centre;
  const j = `/journeys/${ids.citizen}`;
  const none = `/journeys/${ids.noJourney}`;
  const closed = `/journeys/${ids.closedCitizen}`;
  const erased = `/journeys/${ids.erasedCitizen}`;
  const offer = { source: 'centre', kind: 'workshop' };
  return [
    {
      route: 'POST /journeys',
      url: '/journeys',
      body: { centreId: c, firstContact: 'phone' },
      allowed: ['citizen', 'otherCitizen', 'staff'],
      refusals: [
        { name: 'the citizen starts a journey while theirs is open', as: 'citizen', status: 409, code: 'journey_open' },
        { name: 'another citizen, whose journey is open, too', as: 'otherCitizen', status: 409, code: 'journey_open' },
        { name: 'staff register a citizen as “self service”', as: 'staff', body: { centreId: c, firstContact: 'self_service' }, status: 403 },
        { name: 'a citizen starts a journey at a centre that does not exist', as: 'noJourney2', body: { centreId: unknownId() }, status: 404, code: 'centre_not_found' },
        { name: 'a benefit status', as: 'noJourney', body: { centreId: c, benefitStatus: 'kontanthjælp' }, status: 400, field: 'benefitStatus' },
        { name: 'a first contact that is no channel', as: 'staff', body: { centreId: c, firstContact: 'summons' }, status: 400, field: 'firstContact' },
        { name: 'a centre id that is no UUID', as: 'noJourney', body: { centreId: 'nørrebro' }, status: 400, field: 'centreId' },
        { name: 'an alias that is a number', as: 'noJourney', body: { centreId: c, alias: 42 }, status: 400, field: 'alias' },
        { name: 'no body at all', as: 'noJourney', body: undefined, status: 400 },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/close',
      url: `${j}/close`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'closing a closed journey', as: 'closedCitizen', url: `${closed}/close`, status: 409, code: 'journey_closed' },
        { name: 'closing an erased citizen’s journey', as: 'erasedCitizen', url: `${erased}/close`, status: 409, code: 'citizen_erased' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/close`, status: 404, code: 'journey_not_found' },
        { name: 'a reason for closing', as: 'citizen', body: { reason: 'sanction' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/history/share',
      url: `${j}/history/share`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'sharing from a closed journey', as: 'closedCitizen', url: `${closed}/history/share`, status: 409, code: 'journey_closed' },
        { name: 'sharing from an erased citizen’s journey', as: 'erasedCitizen', url: `${erased}/history/share`, status: 409, code: 'citizen_erased' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/history/share`, status: 404, code: 'journey_not_found' },
        { name: 'naming a centre to share with', as: 'citizen', body: { centreId: c }, status: 400, field: 'centreId' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/goals',
      url: `${j}/goals`,
      body: { text: 'Lære at svejse', category: 'education' },
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff state a goal without naming the held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'staff name a conversation that was booked, not held', as: 'staff', body: { text: 'Lære at svejse', sessionId: ids.booked }, status: 422, code: 'session_not_held' },
        { name: 'availability', as: 'citizen', body: { text: 'x', availability: 'full-time' }, status: 400, field: 'availability' },
        { name: 'a category that is not one', as: 'citizen', body: { text: 'x', category: 'benefits' }, status: 400, field: 'category' },
        { name: 'an empty text', as: 'citizen', body: { text: '' }, status: 400, field: 'text' },
        { name: 'a text that is a number', as: 'citizen', body: { text: 7 }, status: 400, field: 'text' },
        { name: 'a text with a NUL character', as: 'citizen', body: { text: 'a\u0000b' }, status: 400, field: 'text' },
        { name: 'a body larger than the service accepts', as: 'citizen', body: { text: 'x'.repeat(20_000) }, status: 413, code: 'body_too_large' },
        { name: 'a body that is plain text', as: 'citizen', body: 'Lære at svejse', headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type' },
        { name: 'a session id that is no UUID', as: 'staff', body: { text: 'x', sessionId: 'yesterday' }, status: 400, field: 'sessionId' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/goals`, status: 404, code: 'journey_not_found' },
        { name: 'staff, on a journey that does not exist', as: 'staff', url: `/journeys/${unknownId()}/goals`, status: 404, code: 'journey_not_found' },
        { name: 'a closed journey', as: 'closedCitizen', url: `${closed}/goals`, status: 409, code: 'journey_closed' },
        { name: 'an erased citizen', as: 'erasedCitizen', url: `${erased}/goals`, status: 409, code: 'citizen_erased' },
        // Longer than the router's parameter limit: a 400 before the schema sees it.
        { name: 'a citizen id of 101 characters', as: 'citizen', url: `/journeys/${'x'.repeat(101)}/goals`, status: 400 },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/goals/{goalId}/revise',
      url: `${j}/goals/${ids.goal}/revise`,
      body: { text: 'Åbne et bageri med café', category: 'own_business' },
      allowed: ['citizen'],
      refusals: [
        { name: 'a goal that does not exist', as: 'citizen', url: `${j}/goals/${unknownId()}/revise`, status: 404, code: 'goal_not_found' },
        { name: 'a goal id that is no UUID', as: 'citizen', url: `${j}/goals/bageri/revise`, status: 400, field: 'goalId', in: 'params' },
        { name: 'no text', as: 'citizen', body: { category: 'job' }, status: 400, field: 'text' },
        { name: 'a deadline for the goal', as: 'citizen', body: { text: 'x', deadline: '2027-01-01' }, status: 400, field: 'deadline' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/goals/{goalId}/drop',
      url: `${j}/goals/${ids.goal}/drop`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'a goal that does not exist', as: 'citizen', url: `${j}/goals/${unknownId()}/drop`, status: 404, code: 'goal_not_found' },
        { name: 'a reason for dropping it', as: 'citizen', body: { reason: 'x' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/session-requests',
      url: `${j}/session-requests`,
      body: { channel: 'video', wishes: 'Gerne om eftermiddagen' },
      allowed: ['citizen'],
      refusals: [
        { name: 'a deadline for the conversation', as: 'citizen', body: { deadline: '2026-12-24' }, status: 400, field: 'deadline' },
        { name: 'a channel that is not one', as: 'citizen', body: { channel: 'letter' }, status: 400, field: 'channel' },
        { name: 'wishes of 1001 characters', as: 'citizen', body: { wishes: 'x'.repeat(1001) }, status: 400, field: 'wishes' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/session-requests`, status: 404, code: 'journey_not_found' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions/{sessionId}/proposal',
      url: `${j}/sessions/${ids.requested}/proposal`,
      body: { start: at(2, '13:00'), durationMinutes: 45, channel: 'phone' },
      allowed: ['staff'],
      refusals: [
        // A time in the past is a value the route cannot take, as when publishing a time: 400 naming `start`.
        { name: 'staff propose a time in the past', as: 'staff', body: { start: at(-1, '10:00'), durationMinutes: 45, channel: 'phone' }, status: 400, code: 'invalid_value', field: 'start' },
        { name: 'staff propose a time outside contact hours', as: 'staff', body: { start: at(2, '21:30'), durationMinutes: 45, channel: 'phone' }, status: 400, code: 'invalid_value', field: 'start' },
        { name: 'staff propose a time in person while the centre is closed', as: 'staff', body: { start: at(2, '03:00'), durationMinutes: 45, channel: 'in_person_centre' }, status: 400, field: 'start' },
        { name: 'a time for a conversation already booked', as: 'staff', url: `${j}/sessions/${ids.booked}/proposal`, status: 409, code: 'session_not_open_for_proposal' },
        { name: 'a time for a conversation nobody asked for', as: 'staff', url: `${j}/sessions/${unknownId()}/proposal`, status: 422, code: 'session_not_requested' },
        { name: 'a start without a zone', as: 'staff', body: { start: '2027-01-05T10:00:00', durationMinutes: 45, channel: 'phone' }, status: 400, field: 'start' },
        { name: 'five minutes', as: 'staff', body: { start: at(2, '13:00'), durationMinutes: 5, channel: 'phone' }, status: 400, field: 'durationMinutes' },
        { name: 'no channel', as: 'staff', body: { start: at(2, '13:00'), durationMinutes: 45 }, status: 400, field: 'channel' },
        { name: 'a journey that does not exist', as: 'staff', url: `/journeys/${unknownId()}/sessions/${ids.requested}/proposal`, status: 404, code: 'journey_not_found' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions/{sessionId}/confirm',
      url: `${j}/sessions/${ids.requested}/confirm`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'confirming when no time was proposed', as: 'citizen', status: 409, code: 'no_proposal' },
        { name: 'confirming a booked conversation', as: 'citizen', url: `${j}/sessions/${ids.booked}/confirm`, status: 409, code: 'no_proposal' },
        // An id nothing was recorded under is not found, as for cancel, move, held and not-held.
        { name: 'a conversation that does not exist', as: 'citizen', url: `${j}/sessions/${unknownId()}/confirm`, status: 404, code: 'session_not_found' },
        { name: 'a session id that is no UUID', as: 'citizen', url: `${j}/sessions/tomorrow/confirm`, status: 400, field: 'sessionId', in: 'params' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions',
      url: `${j}/sessions`,
      body: { staffId: 'staff-1', slotId: ids.slotFree, channel: 'video' },
      allowed: ['citizen'],
      refusals: [
        { name: 'booking a time another citizen booked', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotTaken, channel: 'video' }, status: 409, code: 'slot_taken' },
        { name: 'booking the citizen’s own booked time again', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotBooked, channel: 'video' }, status: 409, code: 'slot_taken' },
        { name: 'a time that does not exist', as: 'citizen', body: { staffId: 'staff-1', slotId: unknownId(), channel: 'video' }, status: 404, code: 'slot_not_found' },
        { name: 'a staff member with no calendar', as: 'citizen', body: { staffId: 'nobody', slotId: ids.slotFree, channel: 'video' }, status: 404, code: 'slot_not_found' },
        { name: 'a time of another centre’s staff', as: 'citizen', body: { staffId: 'staff-b', slotId: ids.slotOtherCentre, channel: 'phone' }, status: 422, code: 'slot_at_other_centre' },
        { name: 'a channel the time is not offered for', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotFree, channel: 'chat' }, status: 400, field: 'channel' },
        { name: 'a slot id that is no UUID', as: 'citizen', body: { staffId: 'staff-1', slotId: 'eleven', channel: 'video' }, status: 400, field: 'slotId' },
        { name: 'no staff id', as: 'citizen', body: { slotId: ids.slotFree, channel: 'video' }, status: 400, field: 'staffId' },
        { name: 'a citizen with no journey', as: 'noJourney', url: `${none}/sessions`, status: 404, code: 'journey_not_found' },
        { name: 'a closed journey', as: 'closedCitizen', url: `${closed}/sessions`, status: 409, code: 'journey_closed' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions/{sessionId}/move',
      url: `${j}/sessions/${ids.booked}/move`,
      body: { staffId: 'staff-1', slotId: ids.slotFree2, channel: 'phone' },
      allowed: ['citizen'],
      refusals: [
        { name: 'moving to a time another citizen booked', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotTaken, channel: 'phone' }, status: 409, code: 'slot_taken' },
        { name: 'moving to the time it already has', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotBooked, channel: 'video' }, status: 409, code: 'slot_taken' },
        { name: 'moving a cancelled conversation', as: 'citizen', url: `${j}/sessions/${ids.cancelled}/move`, status: 409, code: 'session_settled' },
        { name: 'moving a conversation that does not exist', as: 'citizen', url: `${j}/sessions/${unknownId()}/move`, status: 404, code: 'session_not_found' },
        { name: 'moving to a time that does not exist', as: 'citizen', body: { staffId: 'staff-1', slotId: unknownId(), channel: 'phone' }, status: 404, code: 'slot_not_found' },
        { name: 'moving to a time of another centre’s staff', as: 'citizen', body: { staffId: 'staff-b', slotId: ids.slotOtherCentre, channel: 'phone' }, status: 422, code: 'slot_at_other_centre' },
        { name: 'a channel the time is not offered for', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotFree2, channel: 'video' }, status: 400, field: 'channel' },
        { name: 'a reason for moving', as: 'citizen', body: { staffId: 'staff-1', slotId: ids.slotFree2, channel: 'phone', reason: 'x' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions/{sessionId}/cancel',
      url: `${j}/sessions/${ids.booked}/cancel`,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'the citizen cancels twice', as: 'citizen', url: `${j}/sessions/${ids.cancelled}/cancel`, status: 409, code: 'session_settled' },
        { name: 'staff cancel a cancelled conversation', as: 'staff', url: `${j}/sessions/${ids.cancelled}/cancel`, status: 409, code: 'session_settled' },
        { name: 'a conversation that does not exist', as: 'citizen', url: `${j}/sessions/${unknownId()}/cancel`, status: 404, code: 'session_not_found' },
        { name: 'a reason for cancelling', as: 'staff', body: { reason: 'no-show' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions/{sessionId}/held',
      url: `${j}/sessions/${ids.booked}/held`,
      body: { durationMinutes: 45, topics: ['Uddannelse'] },
      allowed: ['staff'],
      refusals: [
        { name: 'staff record a conversation as held before its booked start', as: 'staff', status: 422, code: 'session_not_begun' },
        { name: 'staff say it was held at a moment before its booked start', as: 'staff', body: { heldAt: at(-1, '10:00'), durationMinutes: 45, topics: ['Uddannelse'] }, status: 422, code: 'session_not_begun' },
        { name: 'another counsellor of the centre records it', as: 'staff2', status: 403 },
        { name: 'a conversation that was only asked for', as: 'staff', url: `${j}/sessions/${ids.requested}/held`, status: 409, code: 'session_not_booked' },
        { name: 'a cancelled conversation', as: 'staff', url: `${j}/sessions/${ids.cancelled}/held`, status: 409, code: 'session_not_booked' },
        { name: 'a conversation that does not exist', as: 'staff', url: `${j}/sessions/${unknownId()}/held`, status: 404, code: 'session_not_found' },
        { name: 'no topics', as: 'staff', body: { durationMinutes: 45 }, status: 400, field: 'topics' },
        { name: 'a heldAt that is no moment', as: 'staff', body: { heldAt: 'i går', durationMinutes: 45, topics: [] }, status: 400, field: 'heldAt' },
        { name: 'a no-show mark', as: 'staff', body: { durationMinutes: 45, topics: [], noShow: true }, status: 400, field: 'noShow' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sessions/{sessionId}/not-held',
      url: `${j}/sessions/${ids.booked}/not-held`,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'a conversation that was only asked for', as: 'staff', url: `${j}/sessions/${ids.requested}/not-held`, status: 409, code: 'session_not_booked' },
        { name: 'a cancelled conversation', as: 'citizen', url: `${j}/sessions/${ids.cancelled}/not-held`, status: 409, code: 'session_not_booked' },
        { name: 'a conversation that does not exist', as: 'staff', url: `${j}/sessions/${unknownId()}/not-held`, status: 404, code: 'session_not_found' },
        { name: 'a reason (a no-show)', as: 'staff', body: { reason: 'no-show' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offer-requests',
      url: `${j}/offer-requests`,
      body: { offer: { source: 'centre', kind: 'internship' } },
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff record a request without naming the held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'staff name a conversation that was booked, not held', as: 'staff', body: { offer: { source: 'centre', kind: 'internship' }, sessionId: ids.booked }, status: 422, code: 'session_not_held' },
        { name: 'a partner offer that names no partner', as: 'citizen', body: { offer: { source: 'partner', kind: 'internship' } }, status: 400, field: 'offer.partnerId' },
        { name: 'an offer from neither the centre nor a partner', as: 'citizen', body: { offer: { source: 'municipality', kind: 'internship' } }, status: 400, field: 'offer.source' },
        { name: 'a kind that is not one', as: 'citizen', body: { offer: { source: 'centre', kind: 'activation' } }, status: 400, field: 'offer.kind' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/offer-requests`, status: 404, code: 'journey_not_found' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offers',
      url: `${j}/offers`,
      body: { offer, information: 'Værksted om CV, torsdag kl. 10' },
      allowed: ['staff'],
      refusals: [
        { name: 'an offer that speaks of benefits (“ydelse”)', as: 'staff', body: { offer, information: 'Deltag, ellers kan din ydelse blive påvirket' }, status: 400, code: 'coercive_wording', field: 'information' },
        { name: 'an offer that speaks of sanctions (“sanktion”)', as: 'staff', body: { offer, information: 'Uden sanktion, naturligvis' }, status: 400, code: 'coercive_wording', field: 'information' },
        { name: 'an offer that speaks of consequences, in capitals', as: 'staff', body: { offer, information: 'Det har KONSEKVENSER at sige nej' }, status: 400, code: 'coercive_wording', field: 'information' },
        { name: 'the same offer again while the first waits for an answer', as: 'staff', body: { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching igen' }, status: 409, code: 'offer_unanswered' },
        { name: 'mandatory', as: 'staff', body: { offer, information: 'x', mandatory: true }, status: 400, field: 'mandatory' },
        { name: 'a required offer', as: 'staff', body: { offer: { ...offer, required: true }, information: 'x' }, status: 400, field: 'offer.required' },
        { name: 'no information', as: 'staff', body: { offer }, status: 400, field: 'information' },
        { name: 'a kind that is not one', as: 'staff', body: { offer: { source: 'centre', kind: 'workfare' }, information: 'x' }, status: 400, field: 'offer.kind' },
        { name: 'a journey that does not exist', as: 'staff', url: `/journeys/${unknownId()}/offers`, status: 404, code: 'journey_not_found' },
        { name: 'a partner’s offer not in the catalogue at all', as: 'staff', body: { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: unknownId() }, information: 'Løb' }, status: 404, code: 'catalogue_offer_not_found' },
        { name: 'a catalogue offer under another partner’s name', as: 'staff', body: { offer: { source: 'partner', partnerId: unknownId(), catalogueOfferId: ids.partnerOffer }, information: 'Løb' }, status: 404, code: 'catalogue_offer_not_found' },
        { name: 'the centre’s own catalogue offer under another kind', as: 'staff', body: { offer: { source: 'centre', kind: 'coaching', catalogueOfferId: ids.centreOffer }, information: 'CV' }, status: 404, code: 'catalogue_offer_not_found' },
        { name: 'a partner’s offer that was retired', as: 'staff', body: { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: ids.retiredOffer }, information: 'Løb' }, status: 422, code: 'offer_not_in_catalogue' },
        { name: 'a partner’s offer whose agreement was terminated', as: 'staff', body: { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: ids.endedOffer }, information: 'Løb' }, status: 422, code: 'offer_not_in_catalogue' },
        { name: 'a partner offer with a kind besides', as: 'staff', body: { offer: { source: 'partner', partnerId: ids.partner, catalogueOfferId: ids.partnerOffer, kind: 'internship' }, information: 'Løb' }, status: 400, field: 'offer.kind' },
        { name: 'a closed journey', as: 'staff', url: `${closed}/offers`, status: 409, code: 'journey_closed' },
        { name: 'an erased citizen', as: 'staff', url: `${erased}/offers`, status: 409, code: 'citizen_erased' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offers/{offerId}/consent',
      url: `${j}/offers/${ids.unanswered}/consent`,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff record consent without naming a held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'staff record consent from a conversation that was not held', as: 'staff', body: { sessionId: ids.booked }, status: 422, code: 'session_not_held' },
        { name: 'staff record consent from a cancelled conversation', as: 'staff', body: { sessionId: ids.cancelled, method: 'verbal_in_session' }, status: 422, code: 'session_not_held' },
        { name: 'consenting twice', as: 'citizen', url: `${j}/offers/${ids.consented}/consent`, status: 409, code: 'consent_already_given' },
        { name: 'an offer that does not exist', as: 'citizen', url: `${j}/offers/${unknownId()}/consent`, status: 404, code: 'offer_not_found' },
        { name: 'a method that is not one', as: 'staff', body: { method: 'assumed', sessionId: ids.booked }, status: 400, field: 'method' },
        { name: 'an offer id that is no UUID', as: 'citizen', url: `${j}/offers/coaching/consent`, status: 400, field: 'offerId', in: 'params' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offers/{offerId}/decline',
      url: `${j}/offers/${ids.unanswered}/decline`,
      body: { reason: 'Ikke lige nu' },
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff record a decline without naming a held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'declining an offer consented to', as: 'citizen', url: `${j}/offers/${ids.consented}/decline`, status: 409, code: 'consent_given' },
        { name: 'an offer that does not exist', as: 'citizen', url: `${j}/offers/${unknownId()}/decline`, status: 404, code: 'offer_not_found' },
        { name: 'a sanction for declining', as: 'citizen', body: { sanction: 'reduce' }, status: 400, field: 'sanction' },
        { name: 'a reason that is a number', as: 'citizen', body: { reason: 3 }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offers/{offerId}/withdraw',
      url: `${j}/offers/${ids.consented}/withdraw`,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'withdrawing consent never given', as: 'citizen', url: `${j}/offers/${ids.unanswered}/withdraw`, status: 409, code: 'no_consent' },
        { name: 'staff record a withdrawal without naming a held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'an offer that does not exist', as: 'citizen', url: `${j}/offers/${unknownId()}/withdraw`, status: 404, code: 'offer_not_found' },
        { name: 'a notice period', as: 'citizen', body: { noticeDays: 14 }, status: 400, field: 'noticeDays' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offers/{offerId}/participation/start',
      url: `${j}/offers/${ids.unanswered}/participation/start`,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'the citizen starts without having consented', as: 'citizen', status: 422, code: 'consent_required' },
        { name: 'staff start participation without consent', as: 'staff', status: 422, code: 'consent_required' },
        { name: 'an offer that does not exist', as: 'staff', url: `${j}/offers/${unknownId()}/participation/start`, status: 404, code: 'offer_not_found' },
        { name: 'an offer that left the catalogue (its agreement ended) after the citizen consented', as: 'citizen', url: `${j}/offers/${ids.journeyOfEnded}/participation/start`, status: 422, code: 'offer_not_in_catalogue' },
        { name: 'a start date set for the citizen', as: 'staff', body: { from: '2027-01-01' }, status: 400, field: 'from' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/offers/{offerId}/participation/end',
      url: `${j}/offers/${ids.consented}/participation/end`,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'an offer that does not exist', as: 'citizen', url: `${j}/offers/${unknownId()}/participation/end`, status: 404, code: 'offer_not_found' },
        { name: 'a consequence of leaving', as: 'staff', body: { consequence: 'none' }, status: 400, field: 'consequence' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/outcomes',
      url: `${j}/outcomes`,
      body: { kind: 'education', note: 'Optaget på bagerskolen' },
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff record an outcome without naming a held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'staff name a conversation that was booked, not held', as: 'staff', body: { kind: 'job', sessionId: ids.booked }, status: 422, code: 'session_not_held' },
        { name: 'a kind that is not one', as: 'citizen', body: { kind: 'sanctioned' }, status: 400, field: 'kind' },
        { name: 'no kind', as: 'citizen', body: { note: 'x' }, status: 400, field: 'kind' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/outcomes`, status: 404, code: 'journey_not_found' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/well-being',
      url: `${j}/well-being`,
      body: { scores: [3, 4, 2, 3, 4] },
      allowed: ['citizen'],
      refusals: [
        { name: 'four answers', as: 'citizen', body: { scores: [3, 4, 2, 3] }, status: 400, field: 'scores' },
        { name: 'an answer above 5', as: 'citizen', body: { scores: [3, 4, 2, 3, 6] }, status: 400, field: 'scores.4' },
        { name: 'an answer that is not whole', as: 'citizen', body: { scores: [3, 4, 2.5, 3, 4] }, status: 400, field: 'scores.2' },
        { name: 'a reminder date', as: 'citizen', body: { scores: [3, 4, 2, 3, 4], remindAt: '2027-01-01' }, status: 400, field: 'remindAt' },
        { name: 'a closed journey', as: 'closedCitizen', url: `/journeys/${ids.closedCitizen}/well-being`, status: 409, code: 'journey_closed' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `${none}/well-being`, status: 404, code: 'journey_not_found' },
        { name: 'another citizen’s journey', as: 'otherCitizen', status: 403, code: 'forbidden' },
      ],
    },
  ];
}

function calendarRoutes(): Route[] {
  const slots = '/calendars/staff-1/slots';
  const withdraw = `${slots}/${ids.slotToWithdraw}/withdraw`;
  return [
    {
      route: 'POST /calendars/{staffId}/slots',
      url: slots,
      body: { start: at(3, '10:00'), durationMinutes: 30, channels: ['phone'] },
      allowed: ['staff'],
      refusals: [
        { name: 'another counsellor publishes in staff-1’s calendar', as: 'staff2', status: 403 },
        { name: 'a time in the past', as: 'staff', body: { start: at(-1, '10:00'), durationMinutes: 30, channels: ['phone'] }, status: 400, field: 'start' },
        { name: 'a time after 21 Copenhagen time', as: 'staff', body: { start: at(3, '20:30'), durationMinutes: 30, channels: ['phone'] }, status: 400, field: 'start' },
        { name: 'in person while the centre is closed', as: 'staff', body: { start: at(3, '05:00'), durationMinutes: 30, channels: ['in_person_centre'] }, status: 400, field: 'start' },
        { name: 'a time overlapping a published one', as: 'staff', body: { start: at(2, '09:15'), durationMinutes: 30, channels: ['phone'] }, status: 409, code: 'slot_overlaps' },
        { name: 'no channels', as: 'staff', body: { start: at(3, '10:00'), durationMinutes: 30, channels: [] }, status: 400, field: 'channels' },
        { name: 'a channel that is not one', as: 'staff', body: { start: at(3, '10:00'), durationMinutes: 30, channels: ['fax'] }, status: 400, field: 'channels.0' },
        { name: 'five minutes', as: 'staff', body: { start: at(3, '10:00'), durationMinutes: 5, channels: ['phone'] }, status: 400, field: 'durationMinutes' },
        { name: 'a start without a zone', as: 'staff', body: { start: '2027-01-05T10:00:00', durationMinutes: 30, channels: ['phone'] }, status: 400, field: 'start' },
        // Longer than the router's parameter limit: a 400 before the schema sees it.
        { name: 'a staff id of 101 characters', as: 'staff', url: `/calendars/${'s'.repeat(101)}/slots`, status: 400 },
      ],
    },
    {
      route: 'POST /calendars/{staffId}/slots/{slotId}/withdraw',
      url: withdraw,
      body: undefined,
      allowed: ['staff'],
      refusals: [
        { name: 'another counsellor withdraws staff-1’s time', as: 'staff2', status: 403 },
        { name: 'withdrawing a time a citizen booked', as: 'staff', url: `${slots}/${ids.slotBooked}/withdraw`, status: 409, code: 'slot_booked' },
        { name: 'a time that does not exist', as: 'staff', url: `${slots}/${unknownId()}/withdraw`, status: 404, code: 'slot_not_found' },
        { name: 'a slot id that is no UUID', as: 'staff', url: `${slots}/ten-o-clock/withdraw`, status: 400, field: 'slotId', in: 'params' },
        // The route declares no body; a body it does not know is refused as everywhere else.
        { name: 'a reason to tell the citizen', as: 'staff', url: `${slots}/${ids.slotToWithdraw2}/withdraw`, body: { reason: 'x' }, status: 400, field: 'reason' },
      ],
    },
  ];
}

function centreRoutes(): Route[] {
  const c = ids.centre;
  return [
    {
      route: 'POST /centres',
      url: '/centres',
      body: { municipalityCode: '751', name: 'Virkelyst Aarhus' },
      allowed: ['admin'],
      refusals: [
        { name: 'a municipality code that is not one of the 98', as: 'admin', body: { municipalityCode: '999', name: 'Virkelyst Atlantis' }, status: 400, field: 'municipalityCode' },
        { name: 'a municipality code that is no code', as: 'admin', body: { municipalityCode: 'abc', name: 'x' }, status: 400, field: 'municipalityCode' },
        { name: 'an empty name', as: 'admin', body: { municipalityCode: '751', name: '' }, status: 400, field: 'name' },
        { name: 'a name of 121 characters', as: 'admin', body: { municipalityCode: '751', name: 'x'.repeat(121) }, status: 400, field: 'name' },
        { name: 'opening hours closing before they open', as: 'admin', body: { municipalityCode: '751', name: 'x', openingHours: { monday: [{ opens: '15:00', closes: '09:00' }] } }, status: 400 },
        { name: 'a benefit office attached', as: 'admin', body: { municipalityCode: '751', name: 'x', benefitOffice: true }, status: 400, field: 'benefitOffice' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/name',
      url: `/centres/${c}/name`,
      body: { name: 'Virkelyst Nørrebro-Nordvest' },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a centre that does not exist', as: 'admin', url: `/centres/${unknownId()}/name`, status: 404, code: 'centre_not_found' },
        { name: 'another centre’s board member', as: 'boardMember', url: `/centres/${ids.otherCentre}/name`, status: 403 },
        { name: 'a name of spaces only', as: 'boardMember', body: { name: '   ' }, status: 400, field: 'name' },
        { name: 'a name of 121 characters', as: 'admin', body: { name: 'x'.repeat(121) }, status: 400, field: 'name' },
        { name: 'a name that is a number', as: 'admin', body: { name: 42 }, status: 400, field: 'name' },
        { name: 'a centre id that is no UUID', as: 'admin', url: '/centres/norrebro/name', status: 400, field: 'centreId', in: 'params' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/opening-hours',
      url: `/centres/${c}/opening-hours`,
      body: { monday: [{ opens: '09:00', closes: '15:00' }], thursday: [{ opens: '12:00', closes: '18:00' }] },
      allowed: ['staff', 'boardMember', 'admin'],
      refusals: [
        { name: 'closing before opening', as: 'staff', body: { monday: [{ opens: '15:00', closes: '09:00' }] }, status: 400 },
        { name: 'intervals that overlap', as: 'staff', body: { monday: [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '15:00' }] }, status: 400 },
        { name: 'a time that is not one', as: 'staff', body: { monday: [{ opens: '25:00', closes: '26:00' }] }, status: 400, field: 'monday.0.opens' },
        { name: 'a day that is not one', as: 'admin', body: { funday: [] }, status: 400, field: 'funday' },
        { name: 'a centre that does not exist', as: 'admin', url: `/centres/${unknownId()}/opening-hours`, status: 404, code: 'centre_not_found' },
      ],
    },
  ];
}

function boardRoutes(): Route[] {
  const c = ids.centre;
  const b = `/centres/${c}/board`;
  const noBoard = `/centres/${ids.otherCentre}/board`;
  const seat = (id: string) => `${b}/seats/${id}`;
  const meeting = (id: string) => `${b}/meetings/${id}`;
  const resolution = (id: string) => `${b}/resolutions/${id}`;
  return [
    {
      route: 'POST /centres/{centreId}/board',
      url: b,
      body: {},
      allowed: ['admin'],
      refusals: [
        { name: 'constituting the board twice', as: 'admin', status: 409, code: 'board_exists' },
        { name: 'a board for a centre that does not exist', as: 'admin', url: `/centres/${unknownId()}/board`, status: 404, code: 'centre_not_found' },
        { name: 'seats given up front', as: 'admin', body: { seats: 5 }, status: 400, field: 'seats' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/seats',
      url: `${b}/seats`,
      body: { organisation: 'Foreningen Nydansker' },
      allowed: ['admin'],
      refusals: [
        { name: 'an organisation that has a seat (in other letters)', as: 'admin', body: { organisation: 'dansk erhverv' }, status: 409, code: 'organisation_seated' },
        { name: 'a centre without a board', as: 'admin', url: `${noBoard}/seats`, status: 404, code: 'board_not_found' },
        { name: 'an empty organisation', as: 'admin', body: { organisation: '' }, status: 400, field: 'organisation' },
        { name: 'an organisation of 201 characters', as: 'admin', body: { organisation: 'x'.repeat(201) }, status: 400, field: 'organisation' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/seats/{seatId}/remove',
      url: `${seat(ids.vacantSeat)}/remove`,
      body: {},
      allowed: ['admin'],
      refusals: [
        { name: 'removing the employee seat', as: 'admin', url: `${seat('employee')}/remove`, status: 422, code: 'seat_fixed' },
        { name: 'removing an occupied partner seat', as: 'admin', url: `${seat(ids.partnerSeat)}/remove`, status: 422, code: 'seat_occupied' },
        { name: 'a seat that does not exist', as: 'admin', url: `${seat(unknownId())}/remove`, status: 404, code: 'seat_not_found' },
        { name: 'a seat id that is neither a seat name nor a UUID', as: 'admin', url: `${seat('chair')}/remove`, status: 400, field: 'seatId', in: 'params' },
        { name: 'a centre without a board', as: 'admin', url: `${noBoard}/seats/${ids.vacantSeat}/remove`, status: 404, code: 'board_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/seats/{seatId}/member',
      url: `${seat(ids.vacantSeat)}/member`,
      body: { memberId: 'part-2', how: 'appointed', from: '2026-11-01' },
      allowed: ['admin'],
      refusals: [
        { name: 'seating someone in an occupied seat', as: 'admin', url: `${seat('employee')}/member`, body: { memberId: 'emp-2', how: 'elected', from: '2026-11-01' }, status: 409, code: 'seat_occupied' },
        { name: 'a member who holds another seat', as: 'admin', body: { memberId: 'emp-1', how: 'appointed', from: '2026-11-01' }, status: 409, code: 'member_seated' },
        { name: 'a seat that does not exist', as: 'admin', url: `${seat(unknownId())}/member`, status: 404, code: 'seat_not_found' },
        { name: 'a date that is no date', as: 'admin', body: { memberId: 'part-2', how: 'appointed', from: '1/11/2026' }, status: 400, field: 'from' },
        { name: 'a way in that is not one', as: 'admin', body: { memberId: 'part-2', how: 'drafted', from: '2026-11-01' }, status: 400, field: 'how' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/seats/{seatId}/leave',
      url: `${seat('citizen')}/leave`,
      body: { on: '2026-11-20' },
      allowed: ['admin'],
      refusals: [
        { name: 'the seat’s own member leaves before they joined', as: 'cit1', body: { on: '2026-09-01' }, status: 400, field: 'on' },
        { name: 'leaving a vacant seat', as: 'admin', url: `${seat(ids.vacantSeat)}/leave`, status: 409, code: 'seat_vacant' },
        { name: 'a seat that does not exist', as: 'admin', url: `${seat(unknownId())}/leave`, status: 404, code: 'seat_not_found' },
        { name: 'a date that is no date', as: 'cit1', body: { on: 'snart' }, status: 400, field: 'on' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/board/seats/{seatId}/deputy',
      url: `${seat(ids.vacantSeat)}/deputy`,
      body: { deputyId: 'dep-9', how: 'elected', from: '2026-11-01' },
      allowed: ['admin'],
      refusals: [
        { name: 'a member of the board as a deputy', as: 'admin', body: { deputyId: 'cit-1', how: 'elected', from: '2026-11-01' }, status: 409, code: 'member_seated' },
        { name: 'a seat that does not exist', as: 'admin', url: `${seat(unknownId())}/deputy`, status: 404, code: 'seat_not_found' },
        { name: 'a date that is no date', as: 'admin', body: { deputyId: 'dep-9', how: 'elected', from: '2026-02-30' }, status: 400, field: 'from' },
        { name: 'a way in that is not one', as: 'admin', body: { deputyId: 'dep-9', how: 'inherited', from: '2026-11-01' }, status: 400, field: 'how' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/seats/{seatId}/deputy/leave',
      url: `${seat(ids.partnerSeat)}/deputy/leave`,
      body: { on: '2026-11-20' },
      allowed: ['admin'],
      refusals: [
        { name: 'a seat with no deputy', as: 'admin', status: 409, code: 'no_deputy' },
        { name: 'a seat that does not exist', as: 'admin', url: `${seat(unknownId())}/deputy/leave`, status: 404, code: 'seat_not_found' },
        { name: 'a date that is no date', as: 'admin', body: { on: 'i morgen' }, status: 400, field: 'on' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/board/my-name',
      url: `${b}/my-name`,
      body: { name: 'Emil Sørensen' },
      allowed: ['boardMember'],
      refusals: [
        { name: 'an empty name', as: 'boardMember', body: { name: '' }, status: 400, field: 'name' },
        { name: 'a name longer than a name', as: 'boardMember', body: { name: 'E'.repeat(101) }, status: 400, field: 'name' },
        { name: 'a name that is no text', as: 'boardMember', body: { name: 42 }, status: 400, field: 'name' },
        { name: 'a centre without a board', as: 'boardMember', url: `${noBoard}/my-name`, status: 404, code: 'board_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/names/{memberId}/withdraw',
      url: `${b}/names/emp-1/withdraw`,
      body: {},
      allowed: ['boardMember', 'admin'],
      refusals: [{ name: 'another member’s name', as: 'cit1', status: 403, code: 'forbidden' }],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings/{meetingId}/documents',
      url: `${meeting(ids.openMeeting)}/documents`,
      body: { title: 'Budgetforslag', item: 1, mediaType: 'text/plain', published: true, content: Buffer.from('Budgetforslag 2027').toString('base64') },
      // The board member of these tests is the chair.
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a member who keeps no record', as: 'cit1', status: 403, code: 'forbidden' },
        { name: 'an item the agenda does not have', as: 'admin', body: { title: 'x', item: 9, mediaType: 'text/plain', published: true, content: 'eA==' }, status: 400, field: 'item' },
        { name: 'a format not accepted', as: 'admin', body: { title: 'x', mediaType: 'text/html', published: true, content: 'eA==' }, status: 400, field: 'mediaType' },
        { name: 'content that is not base64', as: 'admin', body: { title: 'x', mediaType: 'text/plain', published: true, content: 'not base64!' }, status: 400, field: 'content' },
        { name: 'no content', as: 'admin', body: { title: 'x', mediaType: 'text/plain', published: true, content: '' }, status: 400, field: 'content' },
        { name: 'a meeting whose minutes are signed', as: 'admin', url: `${meeting(ids.signedMeeting)}/documents`, status: 409, code: 'minutes_signed' },
        { name: 'a meeting that does not exist', as: 'admin', url: `${meeting(unknownId())}/documents`, status: 404, code: 'meeting_not_found' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/board/roles/{role}',
      url: `${b}/roles/vice_chair`,
      body: { memberId: 'part-1' },
      allowed: ['admin'],
      refusals: [
        { name: 'a role for someone without a seat', as: 'admin', body: { memberId: 'never-seated' }, status: 422, code: 'not_a_member' },
        { name: 'a second role for the chair', as: 'admin', url: `${b}/roles/secretary`, body: { memberId: 'emp-1' }, status: 422, code: 'role_held' },
        { name: 'a role that is not one', as: 'admin', url: `${b}/roles/treasurer`, status: 400, field: 'role', in: 'params' },
        { name: 'no member', as: 'admin', body: {}, status: 400, field: 'memberId' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings',
      url: `${b}/meetings`,
      body: { at: '2027-02-02T17:00:00+01:00', agenda: ['Budget 2028'] },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'no agenda', as: 'boardMember', body: { at: '2027-02-02T17:00:00+01:00', agenda: [] }, status: 400, field: 'agenda' },
        { name: 'a time that is no time', as: 'boardMember', body: { at: 'næste tirsdag', agenda: ['x'] }, status: 400, field: 'at' },
        { name: 'a centre without a board', as: 'admin', url: `${noBoard}/meetings`, status: 404, code: 'board_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings/{meetingId}/attendance',
      url: `${meeting(ids.meetingWithoutAttendance)}/attendance`,
      body: { present: ['emp-1', 'cit-1'] },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'changing attendance once voting has begun', as: 'boardMember', url: `${meeting(ids.openMeeting)}/attendance`, status: 409, code: 'voting_started' },
        { name: 'changing attendance of a meeting whose minutes are signed', as: 'admin', url: `${meeting(ids.signedMeeting)}/attendance`, status: 409, code: 'minutes_signed' },
        { name: 'someone present who has no seat', as: 'boardMember', body: { present: ['emp-1', 'stranger'] }, status: 400, field: 'present.1' },
        { name: 'a meeting that does not exist', as: 'boardMember', url: `${meeting(unknownId())}/attendance`, status: 404, code: 'meeting_not_found' },
        { name: 'present as a string', as: 'boardMember', body: { present: 'emp-1' }, status: 400, field: 'present' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings/{meetingId}/departures',
      url: `${meeting(ids.openMeeting)}/departures`,
      body: { memberId: 'part-1' },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'someone not recorded present', as: 'boardMember', body: { memberId: 'stranger' }, status: 400, field: 'memberId' },
        { name: 'leaving in the future', as: 'boardMember', body: { memberId: 'part-1', at: '2099-01-01T10:00:00+01:00' }, status: 400, field: 'at' },
        { name: 'a time that is no time', as: 'boardMember', body: { memberId: 'part-1', at: 'om lidt' }, status: 400, field: 'at' },
        { name: 'a meeting whose minutes are signed', as: 'admin', url: `${meeting(ids.signedMeeting)}/departures`, status: 409, code: 'minutes_signed' },
        { name: 'a meeting without attendance', as: 'boardMember', url: `${meeting(ids.meetingWithoutAttendance)}/departures`, status: 422, code: 'attendance_not_recorded' },
        { name: 'a meeting that does not exist', as: 'boardMember', url: `${meeting(unknownId())}/departures`, status: 404, code: 'meeting_not_found' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/board/vote-publication',
      url: `/centres/${ids.centre}/board/vote-publication`,
      body: { resolutionId: ids.openResolution, individualVotesPublic: true },
      // The board member of these tests is the chair.
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a resolution not yet adopted', as: 'admin', status: 422, code: 'resolution_not_adopted' },
        { name: 'a resolution that does not exist', as: 'admin', body: { resolutionId: unknownId(), individualVotesPublic: true }, status: 404, code: 'resolution_not_found' },
        { name: 'a setting that is no true or false', as: 'admin', body: { resolutionId: ids.openResolution, individualVotesPublic: 'yes' }, status: 400, field: 'individualVotesPublic' },
      ],
    },
    {
      route: 'PUT /centres/{centreId}/board/meetings/{meetingId}/items/{item}/minutes',
      url: `${meeting(ids.openMeeting)}/items/1/minutes`,
      body: { decision: 'Budgettet blev drøftet.' },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'an item the agenda does not have', as: 'admin', url: `${meeting(ids.openMeeting)}/items/3/minutes`, status: 400, field: 'item' },
        { name: 'an item that is no number', as: 'admin', url: `${meeting(ids.openMeeting)}/items/first/minutes`, status: 400, field: 'item' },
        { name: 'no decision', as: 'admin', body: { decision: '' }, status: 400, field: 'decision' },
        { name: 'a meeting whose minutes are signed', as: 'admin', url: `${meeting(ids.signedMeeting)}/items/1/minutes`, status: 409, code: 'minutes_signed' },
        { name: 'a meeting that does not exist', as: 'admin', url: `${meeting(unknownId())}/items/1/minutes`, status: 404, code: 'meeting_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings/{meetingId}/items/{item}/recusals',
      url: `${meeting(ids.openMeeting)}/items/1/recusals`,
      body: { memberId: 'cit-1' },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a member not present', as: 'admin', body: { memberId: 'stranger' }, status: 403, code: 'forbidden' },
        { name: 'an item the agenda does not have', as: 'admin', url: `${meeting(ids.openMeeting)}/items/9/recusals`, status: 400, field: 'item' },
        { name: 'a member id that is no id', as: 'admin', body: { memberId: '' }, status: 400, field: 'memberId' },
        { name: 'a meeting whose minutes are signed', as: 'admin', url: `${meeting(ids.signedMeeting)}/items/1/recusals`, status: 409, code: 'minutes_signed' },
        { name: 'a meeting that does not exist', as: 'admin', url: `${meeting(unknownId())}/items/1/recusals`, status: 404, code: 'meeting_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings/{meetingId}/resolutions',
      url: `${meeting(ids.openMeeting)}/resolutions`,
      body: { title: 'Åbent hus i foråret', subject: { kind: 'general' } },
      allowed: ['boardMember'],
      refusals: [
        { name: 'at a meeting whose minutes are signed', as: 'boardMember', url: `${meeting(ids.signedMeeting)}/resolutions`, status: 409, code: 'minutes_signed' },
        { name: 'at a meeting without attendance', as: 'boardMember', url: `${meeting(ids.meetingWithoutAttendance)}/resolutions`, status: 422, code: 'attendance_not_recorded' },
        { name: 'approving a version the budget is not at', as: 'boardMember', body: { title: 'Godkend v9', subject: { kind: 'budget_approval', budgetId: ids.budget, version: 9 } }, status: 422, code: 'version_not_current' },
        { name: 'approving a budget that does not exist', as: 'boardMember', body: { title: 'Godkend', subject: { kind: 'budget_approval', budgetId: unknownId(), version: 1 } }, status: 422, code: 'budget_not_found' },
        { name: 'a subject that is not one', as: 'boardMember', body: { title: 'x', subject: { kind: 'sanction' } }, status: 400, field: 'subject.kind' },
        { name: 'an empty title', as: 'boardMember', body: { title: '', subject: { kind: 'general' } }, status: 400, field: 'title' },
        { name: 'a meeting that does not exist', as: 'boardMember', url: `${meeting(unknownId())}/resolutions`, status: 404, code: 'meeting_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/resolutions/{resolutionId}/votes',
      url: `${resolution(ids.openResolution)}/votes`,
      body: { choice: 'against' },
      allowed: ['boardMember'],
      refusals: [
        { name: 'voting twice', as: 'boardMember', status: 409, code: 'already_voted' },
        { name: 'voting on a decided resolution of signed minutes', as: 'cit1', url: `${resolution(ids.adoptedResolution)}/votes`, status: 409, code: 'minutes_signed' },
        { name: 'a choice that is not one', as: 'cit1', body: { choice: 'maybe' }, status: 400, field: 'choice' },
        { name: 'a resolution that does not exist', as: 'cit1', url: `${resolution(unknownId())}/votes`, status: 404, code: 'resolution_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/resolutions/{resolutionId}/decide',
      url: `${resolution(ids.openResolution)}/decide`,
      body: {},
      allowed: ['boardMember'],
      refusals: [
        { name: 'deciding while present members have not voted', as: 'boardMember', status: 422, code: 'votes_outstanding' },
        { name: 'deciding a decided resolution', as: 'boardMember', url: `${resolution(ids.adoptedResolution)}/decide`, status: 409, code: 'minutes_signed' },
        { name: 'a resolution that does not exist', as: 'boardMember', url: `${resolution(unknownId())}/decide`, status: 404, code: 'resolution_not_found' },
        { name: 'an outcome given', as: 'boardMember', body: { outcome: 'adopted' }, status: 400, field: 'outcome' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/resolutions/{resolutionId}/dissent',
      url: `${resolution(ids.openResolution)}/dissent`,
      body: {},
      allowed: ['boardMember'],
      refusals: [
        { name: 'dissent from a resolution not yet decided', as: 'boardMember', status: 422, code: 'resolution_not_decided' },
        { name: 'dissent once the minutes are signed', as: 'boardMember', url: `${resolution(ids.adoptedResolution)}/dissent`, status: 409, code: 'minutes_signed' },
        { name: 'a resolution that does not exist', as: 'boardMember', url: `${resolution(unknownId())}/dissent`, status: 404, code: 'resolution_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/board/meetings/{meetingId}/minutes/sign',
      url: `${meeting(ids.openMeeting)}/minutes/sign`,
      body: {},
      allowed: ['boardMember'],
      refusals: [
        { name: 'signing while a resolution is undecided', as: 'boardMember', status: 422, code: 'resolution_not_decided' },
        { name: 'signing minutes of a meeting without attendance', as: 'boardMember', url: `${meeting(ids.meetingWithoutAttendance)}/minutes/sign`, status: 422, code: 'attendance_not_recorded' },
        { name: 'a meeting that does not exist', as: 'boardMember', url: `${meeting(unknownId())}/minutes/sign`, status: 404, code: 'meeting_not_found' },
      ],
    },
  ];
}

function spokespersonRoutes(): Route[] {
  const c = ids.centre;
  const ballots = `/centres/${c}/spokesperson-ballots`;
  const ballot = (id: string) => `${ballots}/${id}`;
  return [
    {
      route: 'POST /centres/{centreId}/spokesperson-ballots',
      url: ballots,
      body: { candidates: ['staff-2'], closesAt: at(4, '12:00') },
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a second ballot while one is open', as: 'staff', status: 409, code: 'ballot_open' },
        { name: 'an administrator opens a second one', as: 'admin', status: 409, code: 'ballot_open' },
        { name: 'voting that ended before it began', as: 'staff2', body: { candidates: ['staff-2'], closesAt: at(-1, '12:00') }, status: 400, field: 'closesAt' },
        { name: 'nobody standing', as: 'staff', body: { candidates: [], closesAt: at(4, '12:00') }, status: 400, field: 'candidates' },
        { name: 'a closing time that is no time', as: 'staff', body: { candidates: ['staff-2'], closesAt: 'fredag' }, status: 400, field: 'closesAt' },
        { name: 'a ballot for a centre that does not exist', as: 'admin', url: `/centres/${unknownId()}/spokesperson-ballots`, status: 404, code: 'centre_not_found' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/spokesperson-ballots/{ballotId}/votes',
      url: `${ballot(ids.ballot)}/votes`,
      body: { candidateId: 'staff-1' },
      allowed: ['staff'],
      refusals: [
        { name: 'voting twice', as: 'staff', status: 409, code: 'already_voted' },
        { name: 'a vote for someone not standing', as: 'staff2', body: { candidateId: 'staff-9' }, status: 400, field: 'candidateId' },
        { name: 'a ballot that does not exist', as: 'staff2', url: `${ballot(unknownId())}/votes`, status: 404, code: 'ballot_not_found' },
        { name: 'an empty candidate', as: 'staff2', body: { candidateId: '' }, status: 400, field: 'candidateId' },
        { name: 'a ballot id that is no UUID', as: 'staff2', url: `${ballots}/first/votes`, status: 400, field: 'ballotId', in: 'params' },
      ],
    },
    {
      route: 'POST /centres/{centreId}/spokesperson-ballots/{ballotId}/close',
      url: `${ballot(ids.ballot)}/close`,
      body: {},
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'counting while voting runs', as: 'staff', status: 422, code: 'ballot_still_open' },
        { name: 'an administrator counts while voting runs', as: 'admin', status: 422, code: 'ballot_still_open' },
        { name: 'a ballot that does not exist', as: 'staff', url: `${ballot(unknownId())}/close`, status: 404, code: 'ballot_not_found' },
        { name: 'a winner named', as: 'staff', body: { winner: 'staff-2' }, status: 400, field: 'winner' },
      ],
    },
  ];
}

function budgetRoutes(): Route[] {
  const c = ids.centre;
  const budget = `/budgets/${ids.budget}`;
  const line = { financeAccount: '17411110', standardAccount: '22', nature: 'expenditure', description: 'Husleje', amounts: { '2027': 5_000_00 } };
  const entry = { amountOre: 9_000_00, on: '2027-01-31', voucher: '2027-0001', text: 'Løn januar' };
  return [
    {
      route: 'POST /centres/{centreId}/budgets',
      url: `/centres/${c}/budgets`,
      body: { fiscalYear: 2028, kind: 'annual' },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a second annual budget for 2027', as: 'boardMember', body: { fiscalYear: 2027, kind: 'annual' }, status: 409, code: 'budget_exists' },
        { name: 'a year before 2020', as: 'boardMember', body: { fiscalYear: 1999, kind: 'annual' }, status: 400, field: 'fiscalYear' },
        { name: 'a year that is not whole', as: 'boardMember', body: { fiscalYear: 2027.5, kind: 'annual' }, status: 400, field: 'fiscalYear' },
        { name: 'a kind that is not one', as: 'admin', body: { fiscalYear: 2028, kind: 'monthly' }, status: 400, field: 'kind' },
        { name: 'a budget for a centre that does not exist', as: 'admin', url: `/centres/${unknownId()}/budgets`, status: 404, code: 'centre_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/lines',
      url: `${budget}/lines`,
      body: line,
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'an amount in decimals', as: 'boardMember', body: { ...line, amounts: { '2027': 10.5 } }, status: 400, field: 'amounts.2027' },
        { name: 'a year outside the budget', as: 'boardMember', body: { ...line, amounts: { '2028': 1 } }, status: 400, field: 'amounts.2028' },
        { name: 'an account of six digits', as: 'boardMember', body: { ...line, financeAccount: '174111' }, status: 400, field: 'financeAccount' },
        { name: 'an account that is not a hovedkonto of § 17', as: 'boardMember', body: { ...line, financeAccount: '17461210' }, status: 400, field: 'financeAccount' },
        { name: 'a standard account the state’s chart does not have', as: 'boardMember', body: { ...line, standardAccount: '27' }, status: 400, field: 'standardAccount' },
        { name: 'a negative amount', as: 'boardMember', body: { ...line, amounts: { '2027': -5_000_00 } }, status: 400, field: 'amounts.2027' },
        { name: 'no nature', as: 'boardMember', body: { ...line, nature: undefined }, status: 400, field: 'nature' },
        { name: 'a nature that is not one', as: 'boardMember', body: { ...line, nature: 'income' }, status: 400, field: 'nature' },
        { name: 'revenue on an expenditure account', as: 'boardMember', body: { ...line, nature: 'revenue' }, status: 400, field: 'nature' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/lines`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'PUT /budgets/{budgetId}/lines/{lineId}',
      url: `${budget}/lines/${ids.line}`,
      body: { amounts: { '2027': 110_000_00 } },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a line that does not exist', as: 'boardMember', url: `${budget}/lines/${unknownId()}`, status: 404, code: 'line_not_found' },
        { name: 'a withdrawn line', as: 'boardMember', url: `${budget}/lines/${ids.withdrawnLine}`, status: 409, code: 'line_withdrawn' },
        { name: 'an amount as a string', as: 'boardMember', body: { amounts: { '2027': '12' } }, status: 400, field: 'amounts.2027' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/lines/${ids.line}`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/lines/{lineId}/withdraw',
      url: `${budget}/lines/${ids.line}/withdraw`,
      body: {},
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'withdrawing a withdrawn line', as: 'boardMember', url: `${budget}/lines/${ids.withdrawnLine}/withdraw`, status: 409, code: 'line_withdrawn' },
        { name: 'a line that does not exist', as: 'boardMember', url: `${budget}/lines/${unknownId()}/withdraw`, status: 404, code: 'line_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/approve',
      url: `${budget}/approve`,
      body: { resolutionId: ids.openResolution },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'by a resolution not yet adopted', as: 'boardMember', status: 422, code: 'resolution_not_adopted' },
        { name: 'by a resolution about something else', as: 'boardMember', body: { resolutionId: ids.adoptedResolution }, status: 422, code: 'resolution_not_about_this' },
        { name: 'by a resolution that does not exist', as: 'admin', body: { resolutionId: unknownId() }, status: 422, code: 'resolution_not_found' },
        { name: 'a resolution id that is no UUID', as: 'boardMember', body: { resolutionId: 'the one from Tuesday' }, status: 400, field: 'resolutionId' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/approve`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/submit',
      url: `${budget}/submit`,
      body: {},
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'submitting a draft', as: 'boardMember', status: 422, code: 'budget_not_approved' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/submit`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/enact',
      url: `${budget}/enact`,
      body: { lines: [] },
      allowed: ['admin'],
      refusals: [
        { name: 'enacting a draft', as: 'admin', status: 422, code: 'budget_not_submitted' },
        { name: 'a line id that is no UUID', as: 'admin', body: { lines: [{ lineId: 'løn', amounts: {} }] }, status: 400, field: 'lines.0.lineId' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/enact`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/spending',
      url: `${budget}/spending`,
      body: { lineId: ids.line, ...entry },
      allowed: ['staff', 'boardMember', 'admin'],
      refusals: [
        { name: 'spending against a draft', as: 'staff', status: 422, code: 'budget_not_enacted' },
        { name: 'an amount in decimals', as: 'staff', body: { lineId: ids.line, ...entry, amountOre: 1.5 }, status: 400, field: 'amountOre' },
        { name: 'a negative amount (a correction is an entry of its own)', as: 'staff', body: { lineId: ids.line, ...entry, amountOre: -100 }, status: 400, field: 'amountOre' },
        { name: 'a date that is no date', as: 'staff', body: { lineId: ids.line, ...entry, on: '31-01-2027' }, status: 400, field: 'on' },
        { name: 'no voucher', as: 'staff', body: { lineId: ids.line, ...entry, voucher: undefined }, status: 400, field: 'voucher' },
        { name: 'no text', as: 'boardMember', body: { lineId: ids.line, ...entry, text: '' }, status: 400, field: 'text' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/spending`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/spending/{spendingId}/corrections',
      url: `${budget}/spending/${unknownId()}/corrections`,
      body: entry,
      allowed: ['staff', 'boardMember', 'admin'],
      refusals: [
        { name: 'an entry that does not exist', as: 'staff', status: 404, code: 'entry_not_found' },
        { name: 'a negative amount', as: 'staff', body: { ...entry, amountOre: -1 }, status: 400, field: 'amountOre' },
        { name: 'an entry id that is no UUID', as: 'staff', url: `${budget}/spending/the-first/corrections`, status: 400, field: 'spendingId' },
        { name: 'a line named (a correction stays on its entry’s line)', as: 'staff', body: { ...entry, lineId: ids.line }, status: 400, field: 'lineId' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/spending/${unknownId()}/corrections`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/supplements',
      url: `${budget}/supplements`,
      body: { resolutionId: ids.adoptedResolution },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a supplement to a draft', as: 'boardMember', status: 422, code: 'budget_not_enacted' },
        { name: 'an amount given beside the resolution', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, amountOre: 1 }, status: 400, field: 'amountOre' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/supplements`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/carry-overs',
      url: `${budget}/carry-overs`,
      body: { resolutionId: ids.adoptedResolution },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'a carry-over into a draft', as: 'boardMember', status: 422, code: 'budget_not_enacted' },
        { name: 'an amount given beside the resolution', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, amountOre: 1 }, status: 400, field: 'amountOre' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/carry-overs`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'PUT /budgets/{budgetId}/lines/{lineId}/monthly-split',
      url: `${budget}/lines/${ids.line}/monthly-split`,
      body: { months: Array.from({ length: 12 }, () => 1) },
      allowed: ['staff', 'boardMember', 'admin'],
      refusals: [
        { name: 'a split of a draft', as: 'staff', status: 422, code: 'budget_not_enacted' },
        { name: 'eleven months', as: 'staff', body: { months: Array.from({ length: 11 }, () => 1) }, status: 400, field: 'months' },
        { name: 'a negative month', as: 'boardMember', body: { months: [-1, ...Array.from({ length: 11 }, () => 1)] }, status: 400, field: 'months.0' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/lines/${ids.line}/monthly-split`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/closing',
      url: `${budget}/closing`,
      body: { resolutionId: ids.adoptedResolution },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'closing a draft', as: 'boardMember', status: 422, code: 'budget_not_enacted' },
        { name: 'a resolution id that is no UUID', as: 'boardMember', body: { resolutionId: 'regnskab' }, status: 400, field: 'resolutionId' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/closing`, status: 404, code: 'budget_not_found' },
      ],
    },
    {
      route: 'POST /budgets/{budgetId}/reallocations',
      url: `${budget}/reallocations`,
      body: { resolutionId: ids.adoptedResolution },
      allowed: ['boardMember', 'admin'],
      refusals: [
        { name: 'moving money in a draft', as: 'boardMember', status: 422, code: 'budget_not_enacted' },
        { name: 'an amount given beside the resolution', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, amountOre: 1 }, status: 400, field: 'amountOre' },
        { name: 'a budget that does not exist', as: 'admin', url: `/budgets/${unknownId()}/reallocations`, status: 404, code: 'budget_not_found' },
      ],
    },
  ];
}

function studyRoutes(): Route[] {
  const s = `/studies/${ids.study}`;
  return [
    {
      route: 'POST /studies',
      url: '/studies',
      body: STUDY,
      allowed: ['admin'],
      refusals: [
        { name: 'no purpose', as: 'admin', body: { ...STUDY, purpose: '   ' }, status: 400, field: 'purpose' },
        { name: 'a period that ends before it begins', as: 'admin', body: { ...STUDY, period: { from: '2027-06-01', to: '2027-01-01' } }, status: 400, field: 'period.to' },
        { name: 'an export field that is free text', as: 'admin', body: { ...STUDY, exportFields: ['event_month', 'goal_text'] }, status: 400, field: 'exportFields.1' },
        { name: 'an indicator that is not one', as: 'admin', body: { ...STUDY, indicators: ['benefit_days'] }, status: 400, field: 'indicators.0' },
        { name: 'neither an indicator nor an export field', as: 'admin', body: { ...STUDY, indicators: [], exportFields: [] }, status: 400, field: 'indicators' },
        { name: 'a purpose that speaks of sanctions', as: 'admin', body: { ...STUDY, purpose: 'At finde borgere, der bør have en sanktion.' }, status: 400, code: 'coercive_wording', field: 'purpose' },
        { name: 'a researcher id with a space', as: 'admin', body: { ...STUDY, researcherIds: ['forsker 1'] }, status: 400, field: 'researcherIds.0' },
      ],
    },
    {
      route: 'POST /studies/{studyId}/researchers',
      url: `${s}/researchers`,
      body: { researcherId: 'researcher-2' },
      allowed: ['admin'],
      refusals: [
        { name: 'a study never registered', as: 'admin', url: `/studies/${unknownId()}/researchers`, status: 404, code: 'study_not_found' },
        { name: 'a closed study', as: 'admin', url: `/studies/${ids.closedStudy}/researchers`, status: 409, code: 'study_closed' },
        { name: 'no researcher', as: 'admin', body: {}, status: 400, field: 'researcherId' },
      ],
    },
    {
      route: 'POST /studies/{studyId}/researchers/{researcherId}/revoke',
      url: `${s}/researchers/researcher-1/revoke`,
      body: {},
      allowed: ['admin'],
      refusals: [
        { name: 'a researcher never granted', as: 'admin', url: `${s}/researchers/researcher-9/revoke`, status: 409, code: 'access_not_granted' },
        { name: 'a closed study', as: 'admin', url: `/studies/${ids.closedStudy}/researchers/researcher-1/revoke`, status: 409, code: 'study_closed' },
      ],
    },
    {
      route: 'POST /studies/{studyId}/close',
      url: `${s}/close`,
      body: {},
      allowed: ['admin'],
      refusals: [
        { name: 'a study never registered', as: 'admin', url: `/studies/${unknownId()}/close`, status: 404, code: 'study_not_found' },
        { name: 'a study closed already', as: 'admin', url: `/studies/${ids.closedStudy}/close`, status: 409, code: 'study_closed' },
      ],
    },
  ];
}

function privacyRoutes(): Route[] {
  return [
    {
      route: 'POST /admin/citizens/{citizenId}/erase',
      url: `/admin/citizens/${ids.citizen}/erase`,
      body: {},
      allowed: ['admin'],
      refusals: [
        // Nothing is recorded about someone the centre never met.
        { name: 'erasing a citizen who has no journey', as: 'admin', url: `/admin/citizens/${unknownId()}/erase`, status: 404, code: 'journey_not_found' },
        // Longer than the router's parameter limit: a 400 before the schema sees it.
        { name: 'a citizen id of 101 characters', as: 'admin', url: `/admin/citizens/${'x'.repeat(101)}/erase`, status: 400 },
        { name: 'keeping the alias', as: 'admin', body: { keep: ['alias'] }, status: 400, field: 'keep' },
      ],
    },
  ];
}

function partnerRoutes(): Route[] {
  const p = `/partners/${ids.partner}`;
  const none = `/partners/${unknownId()}`;
  const a = `/agreements/${ids.agreement}`;
  const ended = `/agreements/${ids.endedAgreement}`;
  const amend = { scope: 'Motion, workshops og mentorer.', offerKinds: ['workshop'], endDate: day(300), documentSha256: SHA('b'), signatories: SIGNATORIES };
  const renew = { endDate: day(600), documentSha256: SHA('c'), signatories: SIGNATORIES };
  return [
    {
      route: 'POST /partners',
      url: '/partners',
      body: PARTNER(),
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'staff register a partner for another centre', as: 'staff', body: { ...PARTNER(), centreId: ids.otherCentre }, status: 403, code: 'forbidden' },
        { name: 'a CVR number whose modulus-11 check fails', as: 'staff', body: { ...PARTNER(), cvr: '12345678' }, status: 400, code: 'invalid_value', field: 'cvr' },
        { name: 'a kind that is not one', as: 'admin', body: { ...PARTNER(), kind: 'job_agency' }, status: 400, field: 'kind' },
        { name: 'no contact person', as: 'staff', body: { ...PARTNER(), contact: undefined }, status: 400, field: 'contact' },
        { name: 'an e-mail that is no address', as: 'staff', body: { ...PARTNER(), contact: { name: 'Mette', email: 'mette' } }, status: 400, field: 'contact.email' },
        { name: 'a phone number of letters', as: 'staff', body: { ...PARTNER(), contact: { name: 'Mette', phone: 'ring til mig' } }, status: 400, field: 'contact.phone' },
        { name: 'a name that speaks of sanctions', as: 'staff', body: { ...PARTNER(), name: 'Sanktionskontoret' }, status: 400, code: 'coercive_wording', field: 'name' },
        { name: 'a centre id that is no UUID', as: 'admin', body: { ...PARTNER(), centreId: 'odense' }, status: 400, field: 'centreId' },
      ],
    },
    {
      route: 'PUT /partners/{partnerId}/details',
      url: `${p}/details`,
      body: { kind: 'sports_club', name: 'Fitness Fyn Nørrebro', cvr: '29189897' },
      allowed: ['partner', 'staff', 'admin'],
      refusals: [
        { name: 'another partner’s people', as: 'otherPartner', status: 403, code: 'forbidden' },
        { name: 'a partner never registered', as: 'staff', url: `${none}/details`, status: 404, code: 'partner_not_found' },
        { name: 'a CVR number of seven digits', as: 'partner', body: { kind: 'sports_club', name: 'x', cvr: '1234567' }, status: 400, field: 'cvr' },
        { name: 'no kind', as: 'partner', body: { name: 'x' }, status: 400, field: 'kind' },
        { name: 'a partner id that is no UUID', as: 'staff', url: '/partners/fitness-fyn/details', status: 400, field: 'partnerId', in: 'params' },
      ],
    },
    {
      route: 'PUT /partners/{partnerId}/contact',
      url: `${p}/contact`,
      body: { name: 'Søren Lund', phone: '+45 12 34 56 78' },
      allowed: ['partner', 'staff', 'admin'],
      refusals: [
        { name: 'another partner’s people', as: 'otherPartner', status: 403, code: 'forbidden' },
        { name: 'staff, for a partner never registered', as: 'staff', url: `${none}/contact`, status: 404, code: 'partner_not_found' },
        { name: 'an empty name', as: 'partner', body: { name: '' }, status: 400, field: 'name' },
        { name: 'a phone number of letters', as: 'partner', body: { name: 'Søren', phone: 'ring' }, status: 400, field: 'phone' },
      ],
    },
    {
      route: 'POST /partners/{partnerId}/agreements',
      url: `${p}/agreements`,
      body: AGREEMENT(),
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a partner never registered', as: 'staff', url: `${none}/agreements`, status: 404, code: 'partner_not_found' },
        { name: 'staff sign for another centre', as: 'staff', body: { ...AGREEMENT(), centreId: ids.otherCentre }, status: 403, code: 'forbidden' },
        { name: 'an end before the start', as: 'staff', body: { ...AGREEMENT(), endDate: day(-40) }, status: 400, field: 'endDate' },
        { name: 'signed by one side only', as: 'staff', body: { ...AGREEMENT(), signatories: [SIGNATORIES[0]] }, status: 400, field: 'signatories' },
        { name: 'a kind of offer that is not one', as: 'admin', body: { ...AGREEMENT(), offerKinds: ['workfare'] }, status: 400, field: 'offerKinds.0' },
        { name: 'a payment in parts of an øre', as: 'staff', body: { ...AGREEMENT(), payment: { amountOre: 10.5, basis: 'per_year' } }, status: 400, field: 'payment.amountOre' },
        { name: 'a document hash that is no SHA-256', as: 'staff', body: { ...AGREEMENT(), documentSha256: 'abc' }, status: 400, field: 'documentSha256' },
        { name: 'a scope that speaks of obligations', as: 'staff', body: { ...AGREEMENT(), scope: 'Borgerne har mødepligt' }, status: 400, code: 'coercive_wording', field: 'scope' },
      ],
    },
    {
      route: 'POST /agreements/{agreementId}/amend',
      url: `${a}/amend`,
      body: amend,
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'an agreement never signed', as: 'staff', url: `/agreements/${unknownId()}/amend`, status: 404, code: 'agreement_not_found' },
        { name: 'a terminated agreement', as: 'staff', url: `${ended}/amend`, status: 409, code: 'agreement_terminated' },
        { name: 'the same document again', as: 'staff', body: { ...amend, documentSha256: SHA('a') }, status: 400, field: 'documentSha256' },
        { name: 'an end in the past', as: 'admin', body: { ...amend, endDate: day(-2) }, status: 400, field: 'endDate' },
        { name: 'no signatories', as: 'staff', body: { ...amend, signatories: [] }, status: 400, field: 'signatories' },
      ],
    },
    {
      route: 'POST /agreements/{agreementId}/renew',
      url: `${a}/renew`,
      body: renew,
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'an end no later than the present one', as: 'staff', body: { ...renew, endDate: day(300) }, status: 400, field: 'endDate' },
        { name: 'a terminated agreement', as: 'staff', url: `${ended}/renew`, status: 409, code: 'agreement_terminated' },
        { name: 'an agreement never signed', as: 'admin', url: `/agreements/${unknownId()}/renew`, status: 404, code: 'agreement_not_found' },
        { name: 'new terms besides', as: 'staff', body: { ...renew, scope: 'x' }, status: 400, field: 'scope' },
      ],
    },
    {
      route: 'POST /agreements/{agreementId}/terminate',
      url: `${a}/terminate`,
      body: { by: 'partner' },
      allowed: ['partner', 'staff', 'admin'],
      refusals: [
        { name: 'the partner’s people end it for the centre’s side', as: 'partner', body: { by: 'centre' }, status: 403, code: 'forbidden' },
        { name: 'another partner’s people', as: 'otherPartner', status: 403, code: 'forbidden' },
        { name: 'a terminated agreement', as: 'staff', url: `${ended}/terminate`, status: 409, code: 'agreement_terminated' },
        { name: 'a side that is not one', as: 'staff', body: { by: 'both' }, status: 400, field: 'by' },
        { name: 'a reason that speaks of consequences for citizens', as: 'partner', body: { by: 'partner', reason: 'Det får konsekvenser for de ledige' }, status: 400, code: 'coercive_wording', field: 'reason' },
        { name: 'an agreement never signed', as: 'staff', url: `/agreements/${unknownId()}/terminate`, status: 404, code: 'agreement_not_found' },
      ],
    },
  ];
}

function catalogueRoutes(): Route[] {
  const c = ids.centre;
  const offer = { centreId: c, partnerId: ids.partner, agreementId: ids.agreement, content: RUNNING };
  const o = `/catalogue/offers/${ids.partnerOffer}`;
  const retired = `/catalogue/offers/${ids.retiredOffer}`;
  return [
    {
      route: 'POST /catalogue/offers',
      url: '/catalogue/offers',
      body: offer,
      allowed: ['partner', 'staff', 'admin'],
      refusals: [
        { name: 'another partner’s people', as: 'otherPartner', status: 403, code: 'forbidden' },
        { name: 'a partner’s people publish the centre’s own', as: 'partner', body: { centreId: c, content: WORKSHOP }, status: 403, code: 'forbidden' },
        { name: 'a kind the agreement does not cover', as: 'partner', body: { ...offer, content: { ...RUNNING, kind: 'coaching' } }, status: 422, code: 'kind_not_covered' },
        { name: 'an agreement never signed', as: 'partner', body: { ...offer, agreementId: unknownId() }, status: 404, code: 'agreement_not_found' },
        { name: 'a terminated agreement', as: 'staff', body: { ...offer, agreementId: ids.endedAgreement }, status: 422, code: 'agreement_ended' },
        { name: 'a partner’s offer naming no agreement', as: 'staff', body: { ...offer, agreementId: null }, status: 400, field: 'agreementId' },
        { name: 'the centre’s own naming an agreement', as: 'staff', body: { centreId: c, agreementId: ids.agreement, content: WORKSHOP }, status: 400, field: 'agreementId' },
        { name: 'in person without saying where', as: 'partner', body: { ...offer, content: { ...RUNNING, place: null } }, status: 400, field: 'content.place' },
        { name: 'a link that is not https', as: 'staff', body: { centreId: c, content: { ...WORKSHOP, link: 'http://moede.dk' } }, status: 400, field: 'content.link' },
        { name: 'a municipality that is not one of the 98', as: 'partner', body: { ...offer, content: { ...RUNNING, municipalityCode: '999' } }, status: 400, field: 'content.municipalityCode' },
        { name: '“who it suits” as a condition of benefits', as: 'staff', body: { centreId: c, content: { ...WORKSHOP, suits: 'Kun for modtagere af kontanthjælp' } }, status: 400, code: 'coercive_wording', field: 'content.suits' },
        { name: 'no places at all', as: 'partner', body: { ...offer, content: { ...RUNNING, capacity: 0 } }, status: 400, field: 'content.capacity' },
        { name: 'a requirement in the content', as: 'partner', body: { ...offer, content: { ...RUNNING, required: true } }, status: 400, field: 'content.required' },
        { name: 'no channel', as: 'staff', body: { centreId: c, content: { ...WORKSHOP, channels: [] } }, status: 400, field: 'content.channels' },
      ],
    },
    {
      route: 'POST /catalogue/offers/{offerId}/revise',
      url: `${o}/revise`,
      body: { agreementId: ids.agreement, content: { ...RUNNING, capacity: 25 } },
      allowed: ['partner', 'staff', 'admin'],
      refusals: [
        { name: 'another partner’s people', as: 'otherPartner', status: 403, code: 'forbidden' },
        { name: 'a partner’s people revise the centre’s own', as: 'partner', url: `/catalogue/offers/${ids.centreOffer}/revise`, body: { content: WORKSHOP }, status: 403, code: 'forbidden' },
        { name: 'a retired offer', as: 'partner', url: `${retired}/revise`, status: 409, code: 'offer_retired' },
        { name: 'an offer never published', as: 'staff', url: `/catalogue/offers/${unknownId()}/revise`, status: 404, code: 'offer_not_found' },
        { name: 'a partner’s offer naming no agreement', as: 'partner', body: { content: RUNNING }, status: 400, field: 'agreementId' },
        { name: 'moving it to a terminated agreement', as: 'partner', body: { agreementId: ids.endedAgreement, content: RUNNING }, status: 422, code: 'agreement_ended' },
        { name: 'a title that is empty', as: 'staff', body: { agreementId: ids.agreement, content: { ...RUNNING, title: '' } }, status: 400, field: 'content.title' },
      ],
    },
    {
      route: 'POST /catalogue/offers/{offerId}/retire',
      url: `${o}/retire`,
      body: {},
      allowed: ['partner', 'staff', 'admin'],
      refusals: [
        { name: 'another partner’s people', as: 'otherPartner', status: 403, code: 'forbidden' },
        { name: 'a partner’s people retire the centre’s own', as: 'partner', url: `/catalogue/offers/${ids.centreOffer}/retire`, status: 403, code: 'forbidden' },
        { name: 'a retired offer', as: 'staff', url: `${retired}/retire`, status: 409, code: 'offer_retired' },
        { name: 'an offer never published', as: 'admin', url: `/catalogue/offers/${unknownId()}/retire`, status: 404, code: 'offer_not_found' },
        { name: 'a reason to tell the participants', as: 'partner', body: { reason: 'x' }, status: 400, field: 'reason' },
      ],
    },
  ];
}

function referralRoutes(): Route[] {
  const j = `/journeys/${ids.citizen}`;
  const referral = REFERRAL();
  const withdraw = `${j}/sharings/${ids.sharing}/withdraw`;
  return [
    {
      route: 'POST /journeys/{citizenId}/referrals',
      url: `${j}/referrals`,
      body: referral,
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff record a referral without naming the held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'staff name a conversation that was booked, not held', as: 'staff', body: { ...referral, sessionId: ids.booked }, status: 422, code: 'session_not_held' },
        { name: 'a partner never registered', as: 'citizen', body: { ...referral, partnerId: unknownId() }, status: 404, code: 'partner_not_found' },
        { name: 'an offer that is not this partner’s', as: 'citizen', body: { ...referral, purpose: 'referral_to_offer', catalogueOfferId: ids.centreOffer }, status: 404, code: 'offer_not_found' },
        { name: 'an offer that was retired', as: 'citizen', body: { ...referral, purpose: 'referral_to_offer', catalogueOfferId: ids.retiredOffer }, status: 422, code: 'offer_not_in_catalogue' },
        { name: 'a referral to an offer naming none', as: 'citizen', body: { ...referral, purpose: 'referral_to_offer' }, status: 400, field: 'catalogueOfferId' },
        { name: 'how to reach the citizen, without sharing it', as: 'citizen', body: { ...referral, contact: 'Ring på 12 34 56 78' }, status: 400, field: 'contact' },
        { name: 'sharing the contact without saying how', as: 'citizen', body: { ...referral, fields: ['name', 'contact'] }, status: 400, field: 'contact' },
        { name: 'until a day that has passed', as: 'citizen', body: { ...referral, until: day(-2) }, status: 400, field: 'until' },
        { name: 'until more than a year ahead', as: 'citizen', body: { ...referral, until: day(400) }, status: 400, field: 'until' },
        { name: 'a purpose that is not one', as: 'citizen', body: { ...referral, purpose: 'benefit_check' }, status: 400, field: 'purpose' },
        { name: 'nothing to share', as: 'citizen', body: { ...referral, fields: [] }, status: 400, field: 'fields' },
        { name: 'a field that is not one', as: 'citizen', body: { ...referral, fields: ['income'] }, status: 400, field: 'fields.0' },
        { name: 'a journey that does not exist', as: 'noJourney', url: `/journeys/${ids.noJourney}/referrals`, status: 404, code: 'journey_not_found' },
        { name: 'a closed journey', as: 'closedCitizen', url: `/journeys/${ids.closedCitizen}/referrals`, status: 409, code: 'journey_closed' },
        { name: 'an erased citizen', as: 'erasedCitizen', url: `/journeys/${ids.erasedCitizen}/referrals`, status: 409, code: 'citizen_erased' },
      ],
    },
    {
      route: 'POST /journeys/{citizenId}/sharings/{sharingId}/withdraw',
      url: withdraw,
      body: {},
      allowed: ['citizen', 'staff'],
      refusals: [
        { name: 'staff record a withdrawal without naming the held conversation', as: 'staff', status: 422, code: 'session_required' },
        { name: 'withdrawing twice', as: 'citizen', url: `${j}/sharings/${ids.withdrawnSharing}/withdraw`, status: 409, code: 'sharing_withdrawn' },
        { name: 'a consent never given', as: 'citizen', url: `${j}/sharings/${unknownId()}/withdraw`, status: 404, code: 'sharing_not_found' },
        { name: 'a sharing id that is no UUID', as: 'citizen', url: `${j}/sharings/fitness/withdraw`, status: 400, field: 'sharingId', in: 'params' },
        { name: 'a notice period', as: 'citizen', body: { noticeDays: 14 }, status: 400, field: 'noticeDays' },
        { name: 'an erased citizen', as: 'erasedCitizen', url: `/journeys/${ids.erasedCitizen}/sharings/${ids.sharing}/withdraw`, status: 409, code: 'citizen_erased' },
      ],
    },
  ];
}

function activityRoutes(): Route[] {
  const c = ids.centre;
  const a = `/activities/${ids.activity}`;
  const cancelled = `/activities/${ids.cancelledActivity}`;
  const none = `/activities/${unknownId()}`;
  return [
    {
      route: 'POST /centres/{centreId}/activities',
      url: `/centres/${c}/activities`,
      body: ACTIVITY(),
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a start in the past', as: 'staff', body: { ...ACTIVITY(), start: at(-1, '10:00') }, status: 400, field: 'start' },
        { name: 'an end before the start', as: 'staff', body: { ...ACTIVITY(), end: at(2, '11:00') }, status: 400, field: 'end' },
        { name: 'a place and a link at once', as: 'staff', body: { ...ACTIVITY(), where: { place: 'Salen', link: 'https://moede.dk' } }, status: 400, field: 'where' },
        { name: 'neither a place nor a link', as: 'admin', body: { ...ACTIVITY(), where: {} }, status: 400, field: 'where' },
        { name: 'a link that is not https', as: 'staff', body: { ...ACTIVITY(), where: { link: 'http://moede.dk' } }, status: 400, field: 'where.link' },
        { name: 'no places', as: 'staff', body: { ...ACTIVITY(), capacity: 0 }, status: 400, field: 'capacity' },
        { name: 'a kind that is not one', as: 'staff', body: { ...ACTIVITY(), kind: 'activation' }, status: 400, field: 'kind' },
        { name: 'a title that makes it obligatory', as: 'staff', body: { ...ACTIVITY(), title: 'Obligatorisk informationsmøde' }, status: 400, code: 'coercive_wording', field: 'title' },
        { name: 'a start without a zone', as: 'staff', body: { ...ACTIVITY(), start: '2027-01-05T10:00:00' }, status: 400, field: 'start' },
        { name: 'who must come', as: 'staff', body: { ...ACTIVITY(), invited: [ids.citizen] }, status: 400, field: 'invited' },
      ],
    },
    {
      route: 'POST /activities/{activityId}/change',
      url: `${a}/change`,
      body: { title: 'CV-værksted for alle' },
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a cancelled activity', as: 'staff', url: `${cancelled}/change`, status: 422, code: 'activity_cancelled' },
        { name: 'an activity never scheduled', as: 'staff', url: `${none}/change`, status: 404, code: 'activity_not_found' },
        { name: 'fewer places than those who have one', as: 'staff', body: { capacity: 1 }, status: 422, code: 'capacity_below_registered' },
        { name: 'a start moved into the past', as: 'admin', body: { start: at(-1, '10:00') }, status: 400, field: 'start' },
        { name: 'a place and a link at once', as: 'staff', body: { where: { place: 'x', link: 'https://x.dk' } }, status: 400, field: 'where' },
      ],
    },
    {
      route: 'POST /activities/{activityId}/cancel',
      url: `${a}/cancel`,
      body: {},
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'an activity never scheduled', as: 'staff', url: `${none}/cancel`, status: 404, code: 'activity_not_found' },
        { name: 'a reason to hold against anyone', as: 'staff', body: { reason: 'for få tilmeldte' }, status: 400, field: 'reason' },
        { name: 'an activity id that is no UUID', as: 'admin', url: '/activities/cv/cancel', status: 400, field: 'activityId', in: 'params' },
      ],
    },
    {
      route: 'PUT /activities/{activityId}/attendance',
      url: `${a}/attendance`,
      body: { count: 12 },
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a count before the end', as: 'staff', status: 422, code: 'activity_not_ended' },
        { name: 'a cancelled activity', as: 'staff', url: `${cancelled}/attendance`, status: 422, code: 'activity_cancelled' },
        { name: 'an activity never scheduled', as: 'admin', url: `${none}/attendance`, status: 404, code: 'activity_not_found' },
        { name: 'a count below zero', as: 'staff', body: { count: -1 }, status: 400, field: 'count' },
        { name: 'who came', as: 'staff', body: { count: 1, present: [ids.citizen] }, status: 400, field: 'present' },
      ],
    },
    {
      route: 'POST /activities/{activityId}/places/{citizenId}',
      url: `${a}/places/${ids.citizen}`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'a cancelled activity', as: 'citizen', url: `${cancelled}/places/${ids.citizen}`, status: 422, code: 'activity_cancelled' },
        { name: 'an activity never scheduled', as: 'citizen', url: `${none}/places/${ids.citizen}`, status: 404, code: 'activity_not_found' },
        { name: 'a citizen id of 101 characters', as: 'citizen', url: `${a}/places/${'x'.repeat(101)}`, status: 400 },
        { name: 'a reminder', as: 'citizen', body: { remindAt: at(1, '10:00') }, status: 400, field: 'remindAt' },
      ],
    },
    {
      route: 'POST /activities/{activityId}/places/{citizenId}/leave',
      url: `${a}/places/${ids.citizen}/leave`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'an activity never scheduled', as: 'citizen', url: `${none}/places/${ids.citizen}/leave`, status: 404, code: 'activity_not_found' },
        { name: 'a reason for leaving', as: 'citizen', body: { reason: 'syg' }, status: 400, field: 'reason' },
      ],
    },
  ];
}

function groupRoutes(): Route[] {
  const c = ids.centre;
  const g = `/groups/${ids.group}`;
  const closed = `/groups/${ids.closedGroup}`;
  const none = `/groups/${unknownId()}`;
  const start = { kind: 'citizen_to_citizen', name: 'Jobsøgere i Valby' };
  return [
    {
      route: 'POST /centres/{centreId}/groups',
      url: `/centres/${c}/groups`,
      body: start,
      allowed: ['citizen', 'otherCitizen', 'staff', 'admin'],
      refusals: [
        { name: 'a centre that does not exist', as: 'citizen', url: `/centres/${unknownId()}/groups`, status: 404, code: 'centre_not_found' },
        { name: 'a citizen-to-partner group naming no partner', as: 'citizen', body: { kind: 'citizen_to_partner', name: 'x' }, status: 400, field: 'partnerId' },
        { name: 'a citizen-to-citizen group naming an authority', as: 'staff', body: { ...start, authority: 'Kommunen' }, status: 400, field: 'authority' },
        { name: 'a kind that is not one', as: 'citizen', body: { kind: 'citizen_to_caseworker', name: 'x' }, status: 400, field: 'kind' },
        { name: 'an empty name', as: 'otherCitizen', body: { kind: 'citizen_to_citizen', name: '' }, status: 400, field: 'name' },
        { name: 'a purpose that speaks of an availability duty', as: 'staff', body: { ...start, purpose: 'For ledige med rådighedspligt' }, status: 400, code: 'coercive_wording', field: 'purpose' },
        { name: 'members named by staff', as: 'staff', body: { ...start, members: [ids.citizen] }, status: 400, field: 'members' },
      ],
    },
    {
      route: 'POST /groups/{groupId}/members/{citizenId}',
      url: `${g}/members/${ids.citizen}`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'a closed group', as: 'citizen', url: `${closed}/members/${ids.citizen}`, status: 409, code: 'group_closed' },
        { name: 'a group never started', as: 'citizen', url: `${none}/members/${ids.citizen}`, status: 404, code: 'group_not_found' },
        { name: 'a group id that is no UUID', as: 'citizen', url: `/groups/iværksættere/members/${ids.citizen}`, status: 400, field: 'groupId', in: 'params' },
      ],
    },
    {
      route: 'POST /groups/{groupId}/members/{citizenId}/leave',
      url: `${g}/members/${ids.citizen}/leave`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'a closed group', as: 'citizen', url: `${closed}/members/${ids.citizen}/leave`, status: 409, code: 'group_closed' },
        { name: 'a group never started', as: 'citizen', url: `${none}/members/${ids.citizen}/leave`, status: 404, code: 'group_not_found' },
        { name: 'a reason for leaving', as: 'citizen', body: { reason: 'x' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'PUT /groups/{groupId}/meeting-arrangement',
      url: `${g}/meeting-arrangement`,
      body: { arrangement: 'Hver tirsdag kl. 17 på biblioteket' },
      allowed: ['citizen'],
      refusals: [
        { name: 'a closed group', as: 'citizen', url: `${closed}/meeting-arrangement`, status: 409, code: 'group_closed' },
        { name: 'a group never started', as: 'citizen', url: `${none}/meeting-arrangement`, status: 404, code: 'group_not_found' },
        { name: 'an empty arrangement', as: 'citizen', body: { arrangement: '' }, status: 400, field: 'arrangement' },
        { name: 'who must attend', as: 'citizen', body: { arrangement: 'x', attendees: [ids.otherCitizen] }, status: 400, field: 'attendees' },
      ],
    },
    {
      route: 'PUT /groups/{groupId}/meeting-place',
      url: `${g}/meeting-place`,
      body: { link: 'https://moede.virkelyst.dk/ivaerksaettere' },
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a link that is not https', as: 'staff', body: { link: 'http://moede.dk' }, status: 400, field: 'link' },
        { name: 'a link with a password in it', as: 'staff', body: { link: 'https://bruger:hemmelig@moede.dk' }, status: 400, field: 'link' },
        { name: 'a closed group', as: 'staff', url: `${closed}/meeting-place`, status: 409, code: 'group_closed' },
        { name: 'a group never started', as: 'admin', url: `${none}/meeting-place`, status: 404, code: 'group_not_found' },
      ],
    },
    {
      route: 'POST /groups/{groupId}/meeting-place/detach',
      url: `${g}/meeting-place/detach`,
      body: {},
      allowed: ['staff', 'admin'],
      refusals: [
        { name: 'a closed group', as: 'staff', url: `${closed}/meeting-place/detach`, status: 409, code: 'group_closed' },
        { name: 'a group never started', as: 'staff', url: `${none}/meeting-place/detach`, status: 404, code: 'group_not_found' },
        { name: 'a reason', as: 'staff', body: { reason: 'x' }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /groups/{groupId}/close',
      url: `${g}/close`,
      body: {},
      allowed: ['citizen', 'staff', 'admin'],
      refusals: [
        { name: 'staff close a group that has members', as: 'staff', status: 422, code: 'group_has_members' },
        { name: 'an administrator closes a group that has members', as: 'admin', status: 422, code: 'group_has_members' },
        { name: 'a closed group', as: 'staff', url: `${closed}/close`, status: 409, code: 'group_closed' },
        { name: 'a group never started', as: 'citizen', url: `${none}/close`, status: 404, code: 'group_not_found' },
      ],
    },
  ];
}

function ventureRoutes(): Route[] {
  const v = `/ventures/${ids.citizen}`;
  const none = `/ventures/${ids.noJourney}`;
  const left = `/ventures/${ids.closedCitizen}`;
  const m = `${v}/milestones/${ids.milestone}`;
  const unknownMilestone = `${v}/milestones/${unknownId()}`;
  const quarter = quarterOf(day(0));
  return [
    {
      route: 'POST /ventures/{citizenId}/join',
      url: `${v}/join`,
      body: { centreId: ids.centre },
      allowed: ['citizen'],
      refusals: [
        { name: 'joining while on the track', as: 'citizen', status: 409, code: 'track_joined' },
        { name: 'a centre that does not exist', as: 'noJourney', url: `${none}/join`, body: { centreId: unknownId() }, status: 404, code: 'centre_not_found' },
        { name: 'a centre id that is no UUID', as: 'noJourney', url: `${none}/join`, body: { centreId: 'odense' }, status: 400, field: 'centreId' },
        { name: 'an allowance to report', as: 'noJourney', url: `${none}/join`, body: { centreId: ids.centre, allowanceRate: 0.8 }, status: 400, field: 'allowanceRate' },
      ],
    },
    {
      route: 'POST /ventures/{citizenId}/leave',
      url: `${v}/leave`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'a track never joined', as: 'noJourney', url: `${none}/leave`, status: 404, code: 'track_not_found' },
        { name: 'a reason that is a number', as: 'citizen', body: { reason: 3 }, status: 400, field: 'reason' },
      ],
    },
    {
      route: 'POST /ventures/{citizenId}/milestones',
      url: `${v}/milestones`,
      body: { text: 'Lave en budgetplan', hopedFor: '2027-05' },
      allowed: ['citizen'],
      refusals: [
        { name: 'a track never joined', as: 'noJourney', url: `${none}/milestones`, status: 404, code: 'track_not_found' },
        { name: 'a track the citizen left', as: 'closedCitizen', url: `${left}/milestones`, status: 409, code: 'track_left' },
        { name: 'a day, not a month', as: 'citizen', body: { text: 'x', hopedFor: '2027-05-01' }, status: 400, field: 'hopedFor' },
        { name: 'no words', as: 'citizen', body: { text: '' }, status: 400, field: 'text' },
        { name: 'a date it is due', as: 'citizen', body: { text: 'x', due: '2027-05-01' }, status: 400, field: 'due' },
      ],
    },
    {
      route: 'POST /ventures/{citizenId}/milestones/{milestoneId}/revise',
      url: `${m}/revise`,
      body: { text: 'Finde et lokale med ovn' },
      allowed: ['citizen'],
      refusals: [
        { name: 'a milestone never set', as: 'citizen', url: `${unknownMilestone}/revise`, status: 404, code: 'milestone_not_found' },
        { name: 'a milestone id that is no UUID', as: 'citizen', url: `${v}/milestones/lokale/revise`, status: 400, field: 'milestoneId', in: 'params' },
        { name: 'no words', as: 'citizen', body: { hopedFor: '2027-05' }, status: 400, field: 'text' },
      ],
    },
    {
      route: 'POST /ventures/{citizenId}/milestones/{milestoneId}/reached',
      url: `${m}/reached`,
      body: {},
      allowed: ['citizen'],
      refusals: [
        { name: 'a milestone never set', as: 'citizen', url: `${unknownMilestone}/reached`, status: 404, code: 'milestone_not_found' },
        { name: 'a track the citizen left', as: 'closedCitizen', url: `${left}/milestones/${ids.milestone}/reached`, status: 409, code: 'track_left' },
      ],
    },
    {
      route: 'POST /ventures/{citizenId}/milestones/{milestoneId}/remove',
      url: `${m}/remove`,
      body: {},
      allowed: ['citizen'],
      refusals: [{ name: 'a milestone never set', as: 'citizen', url: `${unknownMilestone}/remove`, status: 404, code: 'milestone_not_found' }],
    },
    {
      route: 'POST /ventures/{citizenId}/check-ins',
      url: `${v}/check-ins`,
      body: { quarter, status: 'not_started' },
      allowed: ['citizen'],
      refusals: [
        { name: 'a quarter that has not begun', as: 'citizen', body: { quarter: `${Number(quarter.slice(0, 4)) + 1}-Q1`, status: 'running' }, status: 400, field: 'quarter' },
        { name: 'a quarter before the citizen joined', as: 'citizen', body: { quarter: '2020-Q1', status: 'running' }, status: 400, field: 'quarter' },
        { name: 'a quarter written as a month', as: 'citizen', body: { quarter: '2027-03', status: 'running' }, status: 400, field: 'quarter' },
        { name: 'a status that is not one', as: 'citizen', body: { quarter, status: 'behind_schedule' }, status: 400, field: 'status' },
        { name: 'a track never joined', as: 'noJourney', url: `${none}/check-ins`, status: 404, code: 'track_not_found' },
      ],
    },
    {
      route: 'PUT /ventures/{citizenId}/business-start',
      url: `${v}/business-start`,
      body: { startedOn: day(-100) },
      allowed: ['citizen'],
      refusals: [
        { name: 'a start in the future', as: 'citizen', body: { startedOn: day(5) }, status: 400, field: 'startedOn' },
        { name: 'a start that is no date', as: 'citizen', body: { startedOn: 'i foråret' }, status: 400, field: 'startedOn' },
        { name: 'the CVR number itself', as: 'citizen', body: { startedOn: day(-100), cvr: '29189897' }, status: 400, field: 'cvr' },
        { name: 'a track never joined', as: 'noJourney', url: `${none}/business-start`, status: 404, code: 'track_not_found' },
      ],
    },
    {
      route: 'POST /ventures/{citizenId}/survival',
      url: `${v}/survival`,
      body: { years: 1, running: true },
      allowed: ['citizen'],
      refusals: [
        { name: 'before saying when the business started', as: 'citizen', status: 422, code: 'business_start_not_recorded' },
        { name: 'before the anniversary has come', as: 'closedCitizen', url: `${left}/survival`, status: 422, code: 'anniversary_not_come' },
        { name: 'four years', as: 'citizen', body: { years: 4, running: true }, status: 400, field: 'years' },
        { name: 'no answer', as: 'citizen', body: { years: 1 }, status: 400, field: 'running' },
        { name: 'a track never joined', as: 'noJourney', url: `${none}/survival`, status: 404, code: 'track_not_found' },
      ],
    },
  ];
}

function ideaRoutes(): Route[] {
  const c = ids.centre;
  const i = `/ideas/${ids.idea}`;
  const answered = `/ideas/${ids.answeredIdea}`;
  const withdrawn = `/ideas/${ids.withdrawnIdea}`;
  const none = `/ideas/${unknownId()}`;
  const propose = { budgetId: ids.devBudget, title: 'Lektiecafé', description: 'Hjælp til lektier for voksne, om aftenen.' };
  const onAnIdea = (path: string, as: Who): Refusal[] => [
    { name: 'an idea the board answered', as, url: `${answered}${path}`, status: 409, code: 'idea_answered' },
    { name: 'an idea its proposer withdrew', as, url: `${withdrawn}${path}`, status: 409, code: 'idea_withdrawn' },
    { name: 'an idea never proposed', as, url: `${none}${path}`, status: 404, code: 'idea_not_found' },
    { name: 'an idea id that is no UUID', as, url: `/ideas/reparation${path}`, status: 400, field: 'ideaId', in: 'params' },
  ];
  return [
    {
      route: 'POST /centres/{centreId}/ideas',
      url: `/centres/${c}/ideas`,
      body: propose,
      allowed: ['citizen', 'otherCitizen'],
      refusals: [
        { name: 'the annual budget', as: 'citizen', body: { ...propose, budgetId: ids.budget }, status: 422, code: 'not_development_budget' },
        { name: 'a budget that does not exist', as: 'citizen', body: { ...propose, budgetId: unknownId() }, status: 404, code: 'budget_not_found' },
        { name: 'the budget of another centre', as: 'otherCitizen', url: `/centres/${ids.otherCentre}/ideas`, status: 404, code: 'budget_not_found' },
        { name: 'an empty title', as: 'citizen', body: { ...propose, title: '' }, status: 400, field: 'title' },
        { name: 'a title of blanks', as: 'citizen', body: { ...propose, title: '   ' }, status: 400, field: 'title' },
        { name: 'no description', as: 'otherCitizen', body: { budgetId: ids.devBudget, title: 'x' }, status: 400, field: 'description' },
        { name: 'an erased citizen', as: 'erasedCitizen', status: 409, code: 'citizen_erased' },
        { name: 'a deadline for supports', as: 'citizen', body: { ...propose, supportsBy: '2027-01-01' }, status: 400, field: 'supportsBy' },
      ],
    },
    {
      route: 'POST /ideas/{ideaId}/support',
      url: `${i}/support`,
      body: {},
      allowed: ['otherCitizen', 'citizen'],
      refusals: [
        { name: 'the proposer supports their own idea', as: 'citizen', status: 422, code: 'own_idea' },
        { name: 'an erased citizen', as: 'erasedCitizen', status: 409, code: 'citizen_erased' },
        { name: 'a weight on the support', as: 'otherCitizen', body: { weight: 3 }, status: 400, field: 'weight' },
        ...onAnIdea('/support', 'otherCitizen'),
      ],
    },
    {
      route: 'POST /ideas/{ideaId}/support/withdraw',
      url: `${i}/support/withdraw`,
      body: {},
      allowed: ['otherCitizen', 'citizen'],
      refusals: [{ name: 'a reason for taking it back', as: 'otherCitizen', body: { reason: 'x' }, status: 400, field: 'reason' }, ...onAnIdea('/support/withdraw', 'otherCitizen')],
    },
    {
      route: 'POST /ideas/{ideaId}/withdraw',
      url: `${i}/withdraw`,
      body: {},
      allowed: ['citizen'],
      refusals: [{ name: 'a citizen who did not propose it', as: 'noJourney', status: 403, code: 'forbidden' }, ...onAnIdea('/withdraw', 'citizen')],
    },
    {
      route: 'POST /ideas/{ideaId}/answer',
      url: `${i}/answer`,
      body: { resolutionId: ids.adoptedResolution, answer: { kind: 'taken_in', lineId: ids.devLine } },
      allowed: ['boardMember'],
      refusals: [
        { name: 'a resolution still under vote', as: 'boardMember', body: { resolutionId: ids.openResolution, answer: { kind: 'taken_in', lineId: ids.devLine } }, status: 422, code: 'resolution_not_adopted' },
        { name: 'a resolution that does not exist', as: 'boardMember', body: { resolutionId: unknownId(), answer: { kind: 'taken_in', lineId: ids.devLine } }, status: 404, code: 'resolution_not_found' },
        { name: 'a line of the annual budget', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, answer: { kind: 'taken_in', lineId: ids.line } }, status: 400, field: 'answer.lineId' },
        { name: 'not taken in, with no reason', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, answer: { kind: 'not_taken_in', reason: '' } }, status: 400, field: 'answer.reason' },
        { name: 'not taken in, with a reason of blanks', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, answer: { kind: 'not_taken_in', reason: '   ' } }, status: 400, field: 'answer.reason' },
        { name: 'an answer of another kind', as: 'boardMember', body: { resolutionId: ids.adoptedResolution, answer: { kind: 'maybe' } }, status: 400, field: 'answer.kind' },
        { name: 'a sitting member who holds no office', as: 'cit1', status: 403, code: 'forbidden' },
        ...onAnIdea('/answer', 'boardMember'),
      ],
    },
  ];
}

/** The families, in the order they run (erasure last: should it go through, it would end the citizen's journey). */
const FAMILIES: Record<string, () => Route[]> = {
  journeys: journeyRoutes,
  calendars: calendarRoutes,
  centres: centreRoutes,
  board: boardRoutes,
  spokesperson: spokespersonRoutes,
  budgets: budgetRoutes,
  studies: studyRoutes,
  partners: partnerRoutes,
  catalogue: catalogueRoutes,
  referrals: referralRoutes,
  activities: activityRoutes,
  groups: groupRoutes,
  ventures: ventureRoutes,
  ideas: ideaRoutes,
  privacy: privacyRoutes,
};

// ---------------------------------------------------------------------------------------------
// Running a table

/** Every read model and everything else a command could leave behind, in a form to compare. */
async function snapshot(): Promise<Record<string, unknown>> {
  await t.engine.settle();
  const db = t.database.db;
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  const out: Record<string, unknown> = {};
  const { rows: views } = await sql<{ table_name: string }>`select table_name from information_schema.views where table_schema = 'rm' order by 1`.execute(db);
  for (const { table_name } of views) out[`rm.${table_name}`] = sorted((await sql`select * from ${sql.table(`rm.${table_name}`)}`.execute(db)).rows);
  out.streams = sorted((await sql`select stream_id, version from streams`.execute(db)).rows);
  out.commands = sorted((await sql`select command_id from commands`.execute(db)).rows);
  out.subject_keys = sorted((await sql`select subject_id, erased_at is null as held from subject_keys`.execute(db)).rows);
  // Their read models are among the rm views above; compare what the GET routes show too.
  const c = ids.centre;
  for (const [name, who, url] of [
    ['board', 'admin', `/centres/${c}/board`],
    ['spokesperson', 'anonymous', `/centres/${c}/spokesperson`],
    ['calendar staff-1', 'citizen', '/calendars/staff-1/slots'],
    ['calendar staff-b', 'citizen', '/calendars/staff-b/slots'],
    ['budget', 'admin', `/budgets/${ids.budget}`],
  ] as const) {
    out[name] = (await request(who, 'GET', url)).json();
  }
  return out;
}

/** What differs between two snapshots, one line each, with the rows that came or went. */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(before)
    .filter((key) => !isDeepStrictEqual(before[key], after[key]))
    .map((key) => {
      const b = before[key];
      const a = after[key];
      if (!Array.isArray(b) || !Array.isArray(a)) return `${key}: the view differs, now ${JSON.stringify(a).slice(0, 300)}`;
      const came = a.filter((row) => !b.includes(row));
      const went = b.filter((row) => !a.includes(row));
      const show = (rows: unknown[]) => rows.map((row) => `\n        ${String(row).slice(0, 300)}`).join('');
      return `${key}: ${came.length} row(s) new or changed, ${went.length} gone or changed${show(came)}`;
    });
}

interface Outcome {
  cases: number;
  failures: string[];
}

async function runFamily(routes: Route[]): Promise<Outcome> {
  const failures: string[] = [];
  let cases = 0;
  for (const r of routes) {
    const method = r.route.split(' ')[0] as Method;
    for (const c of casesOf(r)) {
      cases++;
      const url = (c.url ?? r.url) + (c.query ? `?${c.query}` : '');
      const body = 'body' in c ? c.body : r.body;
      const before = await t.eventCount();
      const response = await request(c.as, method, url, body, c.headers);
      const appended = (await t.eventCount()) - before;
      const type = String(response.headers['content-type'] ?? '');
      let problem: { code?: string; errors?: { in: string; field: string }[] } = {};
      try {
        problem = response.json();
      } catch {
        // not JSON: reported below through its media type
      }
      const wrong: string[] = [];
      if (response.statusCode !== c.status) {
        const what = response.statusCode >= 500 ? ' — a server error' : response.statusCode < 400 ? ' — it went through' : '';
        wrong.push(`answered ${response.statusCode}${what}, expected ${c.status}`);
      } else {
        if (c.code && problem.code !== c.code) wrong.push(`code ${problem.code}, expected ${c.code}`);
        if (c.field && !problem.errors?.some((e) => e.field === c.field && (!c.in || e.in === c.in))) {
          wrong.push(`does not name ${c.in ?? ''} field ${c.field} (errors: ${JSON.stringify(problem.errors ?? null)})`);
        }
      }
      if (!type.includes('application/problem+json')) wrong.push(`content-type “${type}”, not application/problem+json`);
      if (appended !== 0) wrong.push(`appended ${appended} event(s)`);
      if (wrong.length > 0) {
        const sent = body === undefined ? '(no body)' : typeof body === 'string' ? body : JSON.stringify(body);
        failures.push(`${r.route} · ${c.name} [as ${c.as}]: ${wrong.join('; ')}\n      ${method} ${url} ${sent}\n      → ${response.body.slice(0, 240)}`);
      }
    }
  }
  return { cases, failures };
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await createTestApp();
  await setUp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('no refused request writes anything', () => {
  it('covers every command route in the OpenAPI document, and every caller on each', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => m === 'post' || m === 'put' || m === 'patch' || m === 'delete')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tables = Object.values(FAMILIES).flatMap((family) => family());
    const tabled = tables.map((r) => r.route);
    expect(documented.filter((route) => !tabled.includes(route as Route['route'])), 'command routes in the OpenAPI document with no refusals in this file: add them to a table').toEqual([]);
    expect(tabled.filter((route) => !documented.includes(route)), 'routes in the tables that the OpenAPI document does not list').toEqual([]);
    expect(tabled.filter((route, i) => tabled.indexOf(route) !== i), 'routes tabled twice').toEqual([]);
    for (const r of tables) {
      const callers = new Set(casesOf(r).map((c) => c.as));
      expect(ROLES.filter((role) => !callers.has(role)), `${r.route}: roles no case is sent as`).toEqual([]);
    }
  });

  for (const [family, table] of Object.entries(FAMILIES)) {
    it(`${family}: every refusal is a 4xx in problem+json, appends no event and leaves every read model as it was`, async () => {
      const routes = table();
      const before = await snapshot();
      const { cases, failures } = await runFamily(routes);
      const after = await snapshot();
      console.info(`${family}: ${routes.length} routes, ${cases} refused requests, ${failures.length} not as expected`);
      expect.soft(failures, `${failures.length} of ${cases} cases were not refused as expected:\n${failures.join('\n')}`).toEqual([]);
      const changed = changesBetween(before, after);
      expect.soft(changed, `what changed during the refusals:\n${changed.join('\n')}`).toEqual([]);
    }, 300_000);
  }
});
