/**
 * Every command route goes through the one helper (src/api/command-route.ts), and so every
 * command route answers a retry with the same Idempotency-Key as it answered the first time,
 * with the same `created` ids: they are derived from the command id, not drawn anew.
 *
 * A walk through the house sends each command route a request that succeeds, then the same
 * request again with the same key, and compares the answers. The walk must reach every command
 * operation in the OpenAPI document, and every such operation must carry the helper's mark.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_MARK } from '../src/api/command-route.js';
import { CommandHandler } from '../src/commands/handler.js';
import { activityDecider } from '../src/domain/activity/decide.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { danishDate, quarterOf } from '../src/domain/venture/venture.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
type Json = Record<string, any>;
const tokens: Record<string, string> = {};

/** The command operations the walk retried, as in the OpenAPI document (`POST /journeys/{citizenId}/goals`). */
const retried = new Set<string>();
const failures: string[] = [];

/** A moment `days` from today at `time` UTC (within 07–21 Copenhagen time, winter and summer). */
function at(days: number, time: string): string {
  const d = new Date();
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h, m)).toISOString();
}

async function inject(who: string, method: 'POST' | 'PUT', url: string, body: object | undefined, key: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}`, 'idempotency-key': key }, ...(body === undefined ? {} : { payload: body }) });
}

/** What must be the same in a first answer and its retry: all but whether it was a retry and what it appended. */
function comparable(response: LightMyRequestResponse) {
  const { duplicate: _duplicate, events: _events, ...rest } = response.json();
  return { status: response.statusCode, location: response.headers.location ?? null, ...rest };
}

/**
 * Sends the request, then the same again with the same key; records a failure if the retry
 * answers otherwise. `route` names the operation as the OpenAPI document does.
 */
async function twice(route: string, who: string, url: string, body: object = {}): Promise<Json> {
  const [method] = route.split(' ') as ['POST' | 'PUT'];
  const key = newId();
  const first = await inject(who, method, url, body, key);
  if (first.statusCode >= 300) throw new Error(`walk: ${route} as ${who} answered ${first.statusCode}: ${first.body}`);
  const again = await inject(who, method, url, body, key);
  retried.add(route);
  const [a, b] = [comparable(first), comparable(again)];
  if (JSON.stringify(a) !== JSON.stringify(b)) failures.push(`${route}: first ${JSON.stringify(a)}\n      retry ${JSON.stringify(b)}`);
  if (first.json().events.length > 0 && again.json().duplicate !== true) failures.push(`${route}: the retry was not answered as a duplicate`);
  return first.json();
}

/** A request the walk needs but does not retry (set-up). */
async function ok(who: string, method: 'POST' | 'PUT', url: string, body: object = {}): Promise<Json> {
  const response = await inject(who, method, url, body, newId());
  if (response.statusCode >= 300) throw new Error(`set-up: ${method} ${url} as ${who} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

async function walk() {
  tokens.admin = await t.token('admin', undefined, 'admin-1');

  // Centres.
  const established = await twice('POST /centres', 'admin', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' });
  const c = established.centreId as string;
  expect(established.created).toEqual({ centreId: c });
  await twice('PUT /centres/{centreId}/name', 'admin', `/centres/${c}/name`, { name: 'Virkelyst Indre Nørrebro' });
  await twice('PUT /centres/{centreId}/opening-hours', 'admin', `/centres/${c}/opening-hours`, { monday: [{ opens: '10:00', closes: '14:00' }] });
  tokens.staff = await t.token('staff', c, 'staff-1');
  tokens.staff2 = await t.token('staff', c, 'staff-2');
  tokens.emp = await t.token('board_member', c, 'emp-1');
  tokens.cit = await t.token('board_member', c, 'cit-1');
  tokens.part = await t.token('board_member', c, 'part-1');
  const citizenId = newId();
  tokens.citizen = await t.token('citizen', undefined, citizenId);

  // Calendars.
  const slot = (await twice('POST /calendars/{staffId}/slots', 'staff', '/calendars/staff-1/slots', { start: at(2, '09:00'), durationMinutes: 45, channels: ['phone'] })).slotId as string;
  const slot2 = (await ok('staff', 'POST', '/calendars/staff-1/slots', { start: at(2, '10:00'), durationMinutes: 45, channels: ['phone'] })).slotId as string;
  const slot3 = (await ok('staff', 'POST', '/calendars/staff-1/slots', { start: at(2, '11:00'), durationMinutes: 45, channels: ['phone'] })).slotId as string;
  await twice('POST /calendars/{staffId}/slots/{slotId}/withdraw', 'staff', `/calendars/staff-1/slots/${slot3}/withdraw`);

  // A journey: goals, conversations, offers, outcomes.
  const started = await twice('POST /journeys', 'citizen', '/journeys', { centreId: c, alias: 'Kim' });
  expect(started.created.citizenId).toBe(citizenId);
  const j = `/journeys/${citizenId}`;
  const { goalId } = (await twice('POST /journeys/{citizenId}/goals', 'citizen', `${j}/goals`, { text: 'Åbne et bageri' })).created;
  await twice('POST /journeys/{citizenId}/goals/{goalId}/revise', 'citizen', `${j}/goals/${goalId}/revise`, { text: 'Åbne et stort bageri' });
  await twice('POST /journeys/{citizenId}/goals/{goalId}/drop', 'citizen', `${j}/goals/${goalId}/drop`);
  const requested = (await twice('POST /journeys/{citizenId}/session-requests', 'citizen', `${j}/session-requests`, { channel: 'phone' })).created.sessionId as string;
  await twice('POST /journeys/{citizenId}/sessions/{sessionId}/proposal', 'staff', `${j}/sessions/${requested}/proposal`, { start: at(3, '10:00'), durationMinutes: 45, channel: 'phone' });
  await twice('POST /journeys/{citizenId}/sessions/{sessionId}/confirm', 'citizen', `${j}/sessions/${requested}/confirm`);
  await twice('POST /journeys/{citizenId}/sessions/{sessionId}/cancel', 'citizen', `${j}/sessions/${requested}/cancel`);
  const booked = (await twice('POST /journeys/{citizenId}/sessions', 'citizen', `${j}/sessions`, { staffId: 'staff-1', slotId: slot, channel: 'phone' })).created.sessionId as string;
  await twice('POST /journeys/{citizenId}/sessions/{sessionId}/move', 'citizen', `${j}/sessions/${booked}/move`, { staffId: 'staff-1', slotId: slot2, channel: 'phone' });
  // Conversations whose time has come: booked the day before yesterday for yesterday, straight through the handler.
  const handler = new CommandHandler(t.store, { vault: t.vault });
  const pastSession = async () => {
    const sessionId = newId();
    const data = { sessionId, staffId: 'staff-1', start: at(-1, '10:00'), durationMinutes: 45, channel: 'phone' as const, openingHours: null };
    const principal = { id: citizenId, role: 'citizen' as const };
    await handler.handle(journeyDecider, { type: 'BookSession', citizenId, principal, now: at(-2, '10:00'), data }, { commandId: newId() });
    return sessionId;
  };
  const held = await pastSession();
  await twice('POST /journeys/{citizenId}/sessions/{sessionId}/held', 'staff', `${j}/sessions/${held}/held`, { durationMinutes: 45, topics: ['Uddannelse'] });
  await twice('POST /journeys/{citizenId}/sessions/{sessionId}/not-held', 'citizen', `${j}/sessions/${await pastSession()}/not-held`);
  await twice('POST /journeys/{citizenId}/offer-requests', 'citizen', `${j}/offer-requests`, { offer: { source: 'centre', kind: 'internship' } });
  const { offerId } = (await twice('POST /journeys/{citizenId}/offers', 'staff', `${j}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching hver tirsdag' })).created;
  await twice('POST /journeys/{citizenId}/offers/{offerId}/consent', 'citizen', `${j}/offers/${offerId}/consent`, {});
  await twice('POST /journeys/{citizenId}/offers/{offerId}/participation/start', 'citizen', `${j}/offers/${offerId}/participation/start`);
  await twice('POST /journeys/{citizenId}/offers/{offerId}/participation/end', 'citizen', `${j}/offers/${offerId}/participation/end`);
  await twice('POST /journeys/{citizenId}/offers/{offerId}/withdraw', 'citizen', `${j}/offers/${offerId}/withdraw`, {});
  const other = (await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop om CV' })).created.offerId as string;
  await twice('POST /journeys/{citizenId}/offers/{offerId}/decline', 'citizen', `${j}/offers/${other}/decline`, {});
  await twice('POST /journeys/{citizenId}/outcomes', 'citizen', `${j}/outcomes`, { kind: 'education' });
  await twice('POST /journeys/{citizenId}/well-being', 'citizen', `${j}/well-being`, { scores: [3, 4, 2, 3, 4] });
  await twice('POST /journeys/{citizenId}/history/share', 'citizen', `${j}/history/share`);
  await twice('POST /journeys/{citizenId}/close', 'citizen', `${j}/close`);
  // Staff record a first contact: the new citizen's id, too, is the same on a retry.
  const contact = await twice('POST /journeys', 'staff', '/journeys', { centreId: c, firstContact: 'phone' });
  await twice('POST /admin/citizens/{citizenId}/erase', 'admin', `/admin/citizens/${contact.created.citizenId}/erase`);

  // The board.
  const b = `/centres/${c}/board`;
  await twice('POST /centres/{centreId}/board', 'admin', b);
  const { seatId } = (await twice('POST /centres/{centreId}/board/seats', 'admin', `${b}/seats`, { organisation: 'Dansk Erhverv' })).created;
  const vacant = (await ok('admin', 'POST', `${b}/seats`, { organisation: 'Ungdomsskolen' })).created.seatId as string;
  await twice('POST /centres/{centreId}/board/seats/{seatId}/remove', 'admin', `${b}/seats/${vacant}/remove`);
  await twice('POST /centres/{centreId}/board/seats/{seatId}/member', 'admin', `${b}/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `${b}/seats/citizen/member`, { memberId: 'cit-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `${b}/seats/${seatId}/member`, { memberId: 'part-1', how: 'appointed', from: '2026-10-01' });
  await twice('PUT /centres/{centreId}/board/roles/{role}', 'admin', `${b}/roles/chair`, { memberId: 'emp-1' });
  await twice('PUT /centres/{centreId}/board/seats/{seatId}/deputy', 'admin', `${b}/seats/employee/deputy`, { deputyId: 'dep-1', how: 'elected', from: '2026-10-01' });
  await twice('POST /centres/{centreId}/board/seats/{seatId}/deputy/leave', 'admin', `${b}/seats/employee/deputy/leave`, { on: '2026-11-01' });
  const { meetingId } = (await twice('POST /centres/{centreId}/board/meetings', 'emp', `${b}/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Åbningstider', 'Lejeaftale'], place: 'Huset, lokale 2' })).created;
  await twice('POST /centres/{centreId}/board/meetings/{meetingId}/attendance', 'emp', `${b}/meetings/${meetingId}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
  await twice('POST /centres/{centreId}/board/meetings/{meetingId}/items/{item}/recusals', 'part', `${b}/meetings/${meetingId}/items/2/recusals`, { memberId: 'part-1' });
  await twice('PUT /centres/{centreId}/board/meetings/{meetingId}/items/{item}/minutes', 'emp', `${b}/meetings/${meetingId}/items/1/minutes`, { decision: 'Åbent om mandagen.', reasoning: 'Flere borgere kan komme.' });
  const { resolutionId } = (await twice('POST /centres/{centreId}/board/meetings/{meetingId}/resolutions', 'emp', `${b}/meetings/${meetingId}/resolutions`, { title: 'Åbent om mandagen', subject: { kind: 'general' } })).created;
  await twice('POST /centres/{centreId}/board/resolutions/{resolutionId}/votes', 'emp', `${b}/resolutions/${resolutionId}/votes`, { choice: 'for' });
  await ok('part', 'POST', `${b}/resolutions/${resolutionId}/votes`, { choice: 'for' });
  await ok('cit', 'POST', `${b}/resolutions/${resolutionId}/votes`, { choice: 'against' });
  await twice('POST /centres/{centreId}/board/resolutions/{resolutionId}/decide', 'emp', `${b}/resolutions/${resolutionId}/decide`);
  await twice('POST /centres/{centreId}/board/resolutions/{resolutionId}/dissent', 'cit', `${b}/resolutions/${resolutionId}/dissent`);
  await twice('PUT /centres/{centreId}/board/vote-publication', 'emp', `${b}/vote-publication`, { resolutionId, individualVotesPublic: true });
  await twice('POST /centres/{centreId}/board/meetings/{meetingId}/departures', 'emp', `${b}/meetings/${meetingId}/departures`, { memberId: 'part-1' });
  await twice('POST /centres/{centreId}/board/meetings/{meetingId}/documents', 'emp', `${b}/meetings/${meetingId}/documents`, { title: 'Budgetforslag', item: 1, mediaType: 'text/plain', published: true, content: Buffer.from('Budgetforslag 2027').toString('base64') });
  await twice('POST /centres/{centreId}/board/meetings/{meetingId}/minutes/sign', 'emp', `${b}/meetings/${meetingId}/minutes/sign`);
  await twice('PUT /centres/{centreId}/board/my-name', 'emp', `${b}/my-name`, { name: 'Emil Sørensen' });
  await twice('POST /centres/{centreId}/board/names/{memberId}/withdraw', 'emp', `${b}/names/emp-1/withdraw`);

  // A budget from draft to reallocation.
  const adopt = async (title: string, subject: object) => {
    const meeting = (await ok('emp', 'POST', `${b}/meetings`, { at: '2026-12-02T17:00:00+01:00', agenda: [title] })).created.meetingId as string;
    await ok('emp', 'POST', `${b}/meetings/${meeting}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
    const resolution = (await ok('emp', 'POST', `${b}/meetings/${meeting}/resolutions`, { title, subject })).created.resolutionId as string;
    for (const who of ['emp', 'cit', 'part']) await ok(who, 'POST', `${b}/resolutions/${resolution}/votes`, { choice: 'for' });
    await ok('emp', 'POST', `${b}/resolutions/${resolution}/decide`);
    return resolution;
  };
  const { budgetId } = (await twice('POST /centres/{centreId}/budgets', 'emp', `/centres/${c}/budgets`, { fiscalYear: 2025, kind: 'annual' })).created;
  const line = { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn til vejledere', amounts: { '2025': 100_000_00 } };
  const { lineId: salaries } = (await twice('POST /budgets/{budgetId}/lines', 'emp', `/budgets/${budgetId}/lines`, line)).created;
  const operating = (await ok('emp', 'POST', `/budgets/${budgetId}/lines`, { ...line, standardAccount: '22', description: 'Drift' })).created.lineId as string;
  const dropped = (await ok('emp', 'POST', `/budgets/${budgetId}/lines`, { ...line, standardAccount: '29', description: 'Andet' })).created.lineId as string;
  await twice('PUT /budgets/{budgetId}/lines/{lineId}', 'emp', `/budgets/${budgetId}/lines/${salaries}`, { amounts: { '2025': 120_000_00 } });
  await twice('POST /budgets/{budgetId}/lines/{lineId}/withdraw', 'emp', `/budgets/${budgetId}/lines/${dropped}/withdraw`);
  await t.engine.settle();
  const version = (await t.app.inject({ method: 'GET', url: `/budgets/${budgetId}`, headers: { authorization: `Bearer ${tokens.emp}` } })).json().version as number;
  const approval = await adopt('Godkend budget 2025', { kind: 'budget_approval', budgetId, version });
  await twice('POST /budgets/{budgetId}/approve', 'emp', `/budgets/${budgetId}/approve`, { resolutionId: approval });
  await twice('POST /budgets/{budgetId}/submit', 'emp', `/budgets/${budgetId}/submit`);
  await twice('POST /budgets/{budgetId}/enact', 'admin', `/budgets/${budgetId}/enact`, { lines: [{ lineId: salaries, amounts: { '2025': 110_000_00 } }] });
  const { spendingId } = (await twice('POST /budgets/{budgetId}/spending', 'staff', `/budgets/${budgetId}/spending`, { lineId: salaries, amountOre: 9_000_00, on: '2025-01-31', voucher: '2025-0001', text: 'Løn januar' })).created;
  await twice('POST /budgets/{budgetId}/spending/{spendingId}/corrections', 'staff', `/budgets/${budgetId}/spending/${spendingId}/corrections`, { amountOre: 1_000_00, on: '2025-02-02', voucher: '2025-0002', text: 'Forkert timetal' });
  const move = await adopt('Flyt 10.000 kr.', { kind: 'budget_reallocation', budgetId, fromLineId: salaries, toLineId: operating, year: 2025, amountOre: 10_000_00 });
  await twice('POST /budgets/{budgetId}/reallocations', 'emp', `/budgets/${budgetId}/reallocations`, { resolutionId: move });
  // The operating line: 100,000.00 enacted, 10,000.00 moved to it.
  const split = [...Array.from({ length: 11 }, () => 9_000_00), 11_000_00];
  await twice('PUT /budgets/{budgetId}/lines/{lineId}/monthly-split', 'staff', `/budgets/${budgetId}/lines/${operating}/monthly-split`, { months: split });
  const more = await adopt('Tillægsbevilling', { kind: 'budget_supplement', budgetId, lineId: operating, year: 2025, amountOre: 5_000_00 });
  await twice('POST /budgets/{budgetId}/supplements', 'emp', `/budgets/${budgetId}/supplements`, { resolutionId: more });
  // 2025 is over: its accounts are closed.
  const closing = await adopt('Regnskab 2025', { kind: 'budget_closing', budgetId });
  await twice('POST /budgets/{budgetId}/closing', 'emp', `/budgets/${budgetId}/closing`, { resolutionId: closing });
  // What 2025 left unspent on the operating line goes on to 2026.
  const { budgetId: next } = (await ok('emp', 'POST', `/centres/${c}/budgets`, { fiscalYear: 2026, kind: 'annual' })).created as { budgetId: string };
  const nextLine = (await ok('emp', 'POST', `/budgets/${next}/lines`, { ...line, amounts: { '2026': 1_000_00 } })).created.lineId as string;
  await t.engine.settle();
  const nextVersion = (await t.app.inject({ method: 'GET', url: `/budgets/${next}`, headers: { authorization: `Bearer ${tokens.emp}` } })).json().version as number;
  await ok('emp', 'POST', `/budgets/${next}/approve`, { resolutionId: await adopt('Godkend budget 2026', { kind: 'budget_approval', budgetId: next, version: nextVersion }) });
  await ok('emp', 'POST', `/budgets/${next}/submit`);
  await ok('admin', 'POST', `/budgets/${next}/enact`, { lines: [] });
  const carry = await adopt('Overførsel', { kind: 'budget_carry_over', budgetId: next, lineId: nextLine, year: 2026, fromBudgetId: budgetId, fromLineId: operating, amountOre: 1_000_00 });
  await twice('POST /budgets/{budgetId}/carry-overs', 'emp', `/budgets/${next}/carry-overs`, { resolutionId: carry });

  // Citizens' ideas for the development budget: proposed, supported, support taken back, withdrawn, answered.
  const { budgetId: development } = (await ok('emp', 'POST', `/centres/${c}/budgets`, { fiscalYear: 2027, kind: 'development' })).created as { budgetId: string };
  const repairs = (await ok('emp', 'POST', `/budgets/${development}/lines`, { ...line, description: 'Reparationscafé', amounts: { '2027': 50_000_00, '2028': 50_000_00, '2029': 50_000_00, '2030': 50_000_00, '2031': 50_000_00 } })).created.lineId as string;
  tokens.supporter = await t.token('citizen', undefined, newId());
  const idea = { budgetId: development, title: 'Reparationscafé', description: 'Vi reparerer cykler og tøj sammen.' };
  const { ideaId } = (await twice('POST /centres/{centreId}/ideas', 'citizen', `/centres/${c}/ideas`, idea)).created;
  await twice('POST /ideas/{ideaId}/support', 'supporter', `/ideas/${ideaId}/support`);
  await twice('POST /ideas/{ideaId}/support/withdraw', 'supporter', `/ideas/${ideaId}/support/withdraw`);
  await ok('supporter', 'POST', `/ideas/${ideaId}/support`);
  const dropIdea = (await ok('citizen', 'POST', `/centres/${c}/ideas`, { ...idea, title: 'Noget andet' })).created.ideaId as string;
  await twice('POST /ideas/{ideaId}/withdraw', 'citizen', `/ideas/${dropIdea}/withdraw`);
  const answered = await adopt('Svar på borgernes idéer', { kind: 'general' });
  await twice('POST /ideas/{ideaId}/answer', 'emp', `/ideas/${ideaId}/answer`, { resolutionId: answered, answer: { kind: 'taken_in', lineId: repairs } });

  // The partner member leaves, last: the board's quorum was needed until now.
  await twice('POST /centres/{centreId}/board/seats/{seatId}/leave', 'admin', `${b}/seats/${seatId}/leave`, { on: '2027-06-01' });

  // The spokesperson ballot: open, a secret vote (its receipt the same on a retry), the count.
  const closesAt = new Date(Date.now() + 1500).toISOString();
  const s = `/centres/${c}/spokesperson-ballots`;
  const { ballotId } = (await twice('POST /centres/{centreId}/spokesperson-ballots', 'staff', s, { candidates: ['staff-1', 'staff-2'], closesAt })).created;
  const vote = await twice('POST /centres/{centreId}/spokesperson-ballots/{ballotId}/votes', 'staff', `${s}/${ballotId}/votes`, { candidateId: 'staff-2' });
  expect(vote.paperId).toEqual(expect.any(String));
  await ok('staff2', 'POST', `${s}/${ballotId}/votes`, { candidateId: 'staff-2' });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(closesAt) - Date.now() + 20)));
  await twice('POST /centres/{centreId}/spokesperson-ballots/{ballotId}/close', 'staff', `${s}/${ballotId}/close`);
  // A research study: registered, a researcher given access and another's taken away, closed.
  const study = { title: 'Evaluering', purpose: 'At forstå brugen af huset.', period: { from: '2027-01-01', to: '2027-12-31' }, indicators: ['contacts_per_citizen'], exportFields: ['event_month', 'count'], legalBasis: 'Databeskyttelseslovens § 10.', researcherIds: ['forsker-1'] };
  const { studyId } = (await twice('POST /studies', 'admin', '/studies', study)).created;
  await twice('POST /studies/{studyId}/researchers', 'admin', `/studies/${studyId}/researchers`, { researcherId: 'forsker-2' });
  await twice('POST /studies/{studyId}/researchers/{researcherId}/revoke', 'admin', `/studies/${studyId}/researchers/forsker-2/revoke`);
  await twice('POST /studies/{studyId}/close', 'admin', `/studies/${studyId}/close`);

  await walkIssue13(c, handler);
}

/** Partners and agreements, the catalogue, referrals, local activities, groups and the entrepreneurs' track. */
async function walkIssue13(c: string, handler: CommandHandler) {
  const day = (days: number) => at(days, '10:00').slice(0, 10);
  const signatories = [
    { side: 'partner', name: 'Mette Holm' },
    { side: 'centre', name: 'Jens Jensen' },
  ];
  const registered = await twice('POST /partners', 'staff', '/partners', { centreId: c, kind: 'sports_club', name: 'Fitness Fyn', contact: { name: 'Mette Holm' } });
  const partnerId = registered.partnerId as string;
  expect(registered.created).toEqual({ partnerId });
  tokens.partner = await t.token('partner', undefined, 'coach-1', partnerId);
  await twice('PUT /partners/{partnerId}/details', 'partner', `/partners/${partnerId}/details`, { kind: 'sports_club', name: 'Fitness Fyn Nørrebro', cvr: '29189897' });
  await twice('PUT /partners/{partnerId}/contact', 'partner', `/partners/${partnerId}/contact`, { name: 'Søren Lund', phone: '+45 12 34 56 78' });
  const terms = { centreId: c, scope: 'Motion i fællesskab.', offerKinds: ['physical_activity_and_health'], startDate: day(-10), endDate: day(300), documentSha256: 'a'.repeat(64), signatories };
  const { agreementId } = (await twice('POST /partners/{partnerId}/agreements', 'staff', `/partners/${partnerId}/agreements`, terms)).created;
  await twice('POST /agreements/{agreementId}/amend', 'staff', `/agreements/${agreementId}/amend`, { scope: 'Motion og workshops.', offerKinds: ['physical_activity_and_health', 'workshop'], endDate: day(300), documentSha256: 'b'.repeat(64), signatories });
  await twice('POST /agreements/{agreementId}/renew', 'staff', `/agreements/${agreementId}/renew`, { endDate: day(600), documentSha256: 'c'.repeat(64), signatories });
  const content = { kind: 'physical_activity_and_health', title: 'Løb for alle', description: 'Vi løber sammen.', channels: ['in_person'], municipalityCode: '101', place: 'Fælledparken' };
  const { offerId } = (await twice('POST /catalogue/offers', 'partner', '/catalogue/offers', { centreId: c, partnerId, agreementId, content })).created;
  await twice('POST /catalogue/offers/{offerId}/revise', 'partner', `/catalogue/offers/${offerId}/revise`, { agreementId, content: { ...content, capacity: 20 } });

  // A referral, its receipt the same on a retry, and its withdrawal.
  const citizenId = newId();
  tokens.citizen2 = await t.token('citizen', undefined, citizenId);
  await ok('citizen2', 'POST', '/journeys', { centreId: c, alias: 'Sara' });
  const referred = await twice('POST /journeys/{citizenId}/referrals', 'citizen2', `/journeys/${citizenId}/referrals`, { partnerId, purpose: 'referral_to_offer', catalogueOfferId: offerId, fields: ['name'], until: day(30) });
  expect(referred.receipt.receiptId).toBe(referred.created.receiptId);
  await twice('POST /journeys/{citizenId}/sharings/{sharingId}/withdraw', 'citizen2', `/journeys/${citizenId}/sharings/${referred.created.sharingId}/withdraw`);
  await twice('POST /catalogue/offers/{offerId}/retire', 'partner', `/catalogue/offers/${offerId}/retire`);
  await twice('POST /agreements/{agreementId}/terminate', 'partner', `/agreements/${agreementId}/terminate`, { by: 'partner' });

  // Activities: one coming, and one that has ended (scheduled yesterday on the command path).
  const activity = { kind: 'workshop', title: 'CV-værksted', start: at(2, '12:00'), end: at(2, '13:00'), where: { place: 'Salen' }, capacity: 10 };
  const { activityId } = (await twice('POST /centres/{centreId}/activities', 'staff', `/centres/${c}/activities`, activity)).created;
  await twice('POST /activities/{activityId}/change', 'staff', `/activities/${activityId}/change`, { capacity: 12 });
  await twice('POST /activities/{activityId}/places/{citizenId}', 'citizen2', `/activities/${activityId}/places/${citizenId}`);
  await twice('POST /activities/{activityId}/places/{citizenId}/leave', 'citizen2', `/activities/${activityId}/places/${citizenId}/leave`);
  await twice('POST /activities/{activityId}/cancel', 'staff', `/activities/${activityId}/cancel`);
  const ended = newId();
  const staff = { id: 'staff-1', role: 'staff' as const, centreId: c };
  const past = { activityId: ended, centreId: c, kind: 'seminar', title: 'Seminar', start: new Date(Date.now() - 3 * 3600_000).toISOString(), end: new Date(Date.now() - 3600_000).toISOString(), where: { place: 'Salen' }, capacity: 30 };
  await handler.handle(activityDecider, { type: 'ScheduleActivity', principal: staff, now: at(-2, '10:00'), data: past }, { commandId: newId() });
  await twice('PUT /activities/{activityId}/attendance', 'staff', `/activities/${ended}/attendance`, { count: 17 });

  // A group a citizen starts, another joins and leaves; its meeting place and arrangement; closed by its member.
  const otherId = newId();
  tokens.citizen3 = await t.token('citizen', undefined, otherId);
  const { groupId } = (await twice('POST /centres/{centreId}/groups', 'citizen2', `/centres/${c}/groups`, { kind: 'citizen_to_citizen', name: 'Iværksættere' })).created;
  await twice('POST /groups/{groupId}/members/{citizenId}', 'citizen3', `/groups/${groupId}/members/${otherId}`);
  await twice('PUT /groups/{groupId}/meeting-arrangement', 'citizen2', `/groups/${groupId}/meeting-arrangement`, { arrangement: 'Onsdage kl. 19 i caféen' });
  await twice('PUT /groups/{groupId}/meeting-place', 'staff', `/groups/${groupId}/meeting-place`, { link: 'https://moede.virkelyst.dk/ivaerksaettere' });
  await twice('POST /groups/{groupId}/meeting-place/detach', 'staff', `/groups/${groupId}/meeting-place/detach`);
  await twice('POST /groups/{groupId}/members/{citizenId}/leave', 'citizen3', `/groups/${groupId}/members/${otherId}/leave`);
  await twice('POST /groups/{groupId}/close', 'citizen2', `/groups/${groupId}/close`);

  // The entrepreneurs' track, every command the citizen's own.
  const v = `/ventures/${citizenId}`;
  await twice('POST /ventures/{citizenId}/join', 'citizen2', `${v}/join`, { centreId: c, businessIdea: 'Et bageri' });
  const { milestoneId } = (await twice('POST /ventures/{citizenId}/milestones', 'citizen2', `${v}/milestones`, { text: 'Finde et lokale', hopedFor: '2027-05' })).created;
  const second = (await ok('citizen2', 'POST', `${v}/milestones`, { text: 'Lave et budget' })).created.milestoneId as string;
  await twice('POST /ventures/{citizenId}/milestones/{milestoneId}/revise', 'citizen2', `${v}/milestones/${milestoneId}/revise`, { text: 'Finde et lokale med ovn' });
  await twice('POST /ventures/{citizenId}/milestones/{milestoneId}/reached', 'citizen2', `${v}/milestones/${milestoneId}/reached`);
  await twice('POST /ventures/{citizenId}/milestones/{milestoneId}/remove', 'citizen2', `${v}/milestones/${second}/remove`);
  await twice('POST /ventures/{citizenId}/check-ins', 'citizen2', `${v}/check-ins`, { quarter: quarterOf(danishDate(new Date().toISOString())), status: 'not_started' });
  await twice('PUT /ventures/{citizenId}/business-start', 'citizen2', `${v}/business-start`, { startedOn: day(-400) });
  await twice('POST /ventures/{citizenId}/survival', 'citizen2', `${v}/survival`, { years: 1, running: true });
  await twice('POST /ventures/{citizenId}/leave', 'citizen2', `${v}/leave`);
}

beforeAll(async () => {
  t = await createTestApp();
  await walk();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Every command operation (POST, PUT, PATCH, DELETE) in the OpenAPI document, with the operation. */
async function commandOperations(): Promise<[string, Json][]> {
  const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Json>> };
  return Object.entries(openapi.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]): [string, Json] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

describe('one command route', () => {
  it('every command operation in the OpenAPI document comes through the helper', async () => {
    const operations = await commandOperations();
    expect(operations.length).toBeGreaterThan(40);
    const unmarked = operations.filter(([, operation]) => operation[COMMAND_MARK] !== 'decision' && operation[COMMAND_MARK] !== 'process').map(([route]) => route);
    expect(unmarked, 'command operations registered without commandRoute(...)').toEqual([]);
  });

  it('answers a retry with the same Idempotency-Key as the first time, created ids and all, on every command route', async () => {
    const documented = (await commandOperations()).map(([route]) => route);
    expect(documented.filter((route) => !retried.has(route)), 'command routes the walk does not retry: add them to it').toEqual([]);
    expect([...retried].filter((route) => !documented.includes(route)), 'routes in the walk the OpenAPI document does not list').toEqual([]);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('declares the created ids each route answers, by name', async () => {
    const operations = Object.fromEntries(await commandOperations());
    const createdOf = (route: string) => {
      const responses = operations[route]!.responses as Json;
      const success = (responses['201'] ?? responses['200']) as Json;
      return Object.keys(success.content['application/json'].schema.properties.created?.properties ?? {});
    };
    expect(createdOf('POST /journeys')).toEqual(['citizenId', 'journeyId']);
    expect(createdOf('POST /journeys/{citizenId}/sessions')).toEqual(['sessionId']);
    expect(createdOf('POST /centres')).toEqual(['centreId']);
    expect(createdOf('POST /journeys/{citizenId}/close')).toEqual([]);
  });
});
