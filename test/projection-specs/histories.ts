/**
 * Realistic histories of each aggregate, for the projection specs: built with the domain's own
 * event types and schema versions, recorded as the command handler records them (who, where,
 * when). A journey's personal fields are sealed by a real vault, as the handler seals them.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/database/connect.js';
import { BOARD_EVENT_SCHEMA_VERSIONS, boardStreamId, type BoardEvent } from '../../src/domain/board/board.js';
import { BUDGET_EVENT_SCHEMA_VERSIONS, budgetStreamId, type BudgetEvent } from '../../src/domain/budget/budget.js';
import { CALENDAR_EVENT_SCHEMA_VERSIONS, calendarStreamId, type CalendarEvent } from '../../src/domain/calendar/calendar.js';
import { CENTRE_EVENT_SCHEMA_VERSIONS, CLOSED_ALL_WEEK, centreStreamId, type CentreEvent, type OpeningHours } from '../../src/domain/centre/centre.js';
import {
  JOURNEY_EVENT_SCHEMA_VERSIONS,
  journeyStreamId,
  PERSONAL_FIELDS,
  type ConsentReceipt,
  type JourneyEvent,
} from '../../src/domain/journey/journey.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { Vault } from '../../src/privacy/vault.js';
import type { EventLog, Recording } from '../support/projection-spec.js';

export const admin = { id: 'admin-1', role: 'admin' };
export const staffOf = (centreId: string) => ({ actor: { id: `staff-${centreId.slice(-4)}`, role: 'staff' }, centreId });

export const weekdayHours: OpeningHours = {
  ...CLOSED_ALL_WEEK,
  monday: [{ opens: '09:00', closes: '15:00' }],
  thursday: [{ opens: '12:00', closes: '19:00' }],
};

/** A centre established, renamed by its board and given opening hours by its staff. */
export function centreHistory(log: EventLog, centreId = newId()) {
  const centre = log.stream<CentreEvent>(centreStreamId(centreId), CENTRE_EVENT_SCHEMA_VERSIONS);
  const board = { actor: { id: 'member-1', role: 'board_member' }, centreId };
  const events = {
    established: centre(
      { type: 'CentreEstablished', data: { centreId, municipalityCode: '101', name: 'Virkelyst Nørrebro', openingHours: CLOSED_ALL_WEEK } },
      { actor: admin, centreId, at: '2026-11-02T09:00:00.000+01:00' },
    ),
    renamed: centre({ type: 'CentreRenamed', data: { centreId, name: 'Mulighedernes Hus Nørrebro' } }, { ...board, at: '2026-11-03T10:15:00.000+01:00' }),
    hoursSet: centre(
      { type: 'CentreOpeningHoursSet', data: { centreId, openingHours: weekdayHours } },
      { ...staffOf(centreId), at: '2026-11-04T08:30:00.000+01:00' },
    ),
  };
  return { centreId, ...events, all: Object.values(events) };
}

/** A budget from draft to spending: every budget event type once or more, in the order the decider allows. */
export function budgetHistory(log: EventLog, centreId: string, budgetId = newId()) {
  const budget = log.stream<BudgetEvent>(budgetStreamId(budgetId), BUDGET_EVENT_SCHEMA_VERSIONS);
  const board = { actor: { id: 'member-1', role: 'board_member' }, centreId };
  const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T11:00:00.000+01:00`;
  const line = (lineId: string, standardAccount: string, description: string, ore: number, version: number) =>
    budget(
      { type: 'BudgetLineProposed', data: { budgetId, lineId, financeAccount: '17411110', standardAccount, nature: 'expenditure', description, amounts: { '2027': ore }, version } },
      { ...board, at: at(10 + version) },
    );
  const events = {
    drafted: budget({ type: 'BudgetDrafted', data: { budgetId, centreId, fiscalYear: 2027, kind: 'annual', years: [2027] } }, { ...board, at: at(10) }),
    salaries: line('l1', '18', 'Lønninger', 1_000_000_00, 1),
    operating: line('l2', '22', 'Drift', 200_000_00, 2),
    rent: line('l3', '22', 'Husleje', 50_000_00, 3),
    amended: budget(
      { type: 'BudgetLineAmended', data: { budgetId, lineId: 'l2', description: 'Drift og aktiviteter', amounts: { '2027': 250_000_00 }, version: 4 } },
      { ...board, at: at(15) },
    ),
    withdrawn: budget({ type: 'BudgetLineWithdrawn', data: { budgetId, lineId: 'l3', version: 5 } }, { ...board, at: at(16) }),
    approved: budget({ type: 'BudgetApproved', data: { budgetId, version: 5, resolutionId: 'r-approve' } }, { ...board, at: at(17) }),
    submitted: budget({ type: 'BudgetSubmitted', data: { budgetId, version: 5 } }, { ...board, at: at(18) }),
    enacted: budget(
      {
        type: 'BudgetEnacted',
        data: { budgetId, lines: [{ lineId: 'l1', amounts: { '2027': 950_000_00 } }, { lineId: 'l2', amounts: { '2027': 250_000_00 } }] },
      },
      { actor: admin, centreId, at: at(20) },
    ),
    spent: budget(
      { type: 'SpendingRecorded', data: { budgetId, spendingId: 'sp1', lineId: 'l2', amountOre: 12_500_00, on: '2027-01-21', voucher: '2027-0001', text: 'Husleje januar', overspendReason: null } },
      { ...staffOf(centreId), at: '2027-01-21T11:00:00.000+01:00' },
    ),
    corrected: budget(
      { type: 'SpendingCorrected', data: { budgetId, correctionId: 'sp2', spendingId: 'sp1', lineId: 'l2', amountOre: 2_500_00, on: '2027-01-22', voucher: '2027-0002', text: 'Kreditnota' } },
      { ...staffOf(centreId), at: '2027-01-22T11:00:00.000+01:00' },
    ),
    reallocated: budget(
      { type: 'BudgetReallocated', data: { budgetId, resolutionId: 'r-move', fromLineId: 'l1', toLineId: 'l2', year: 2027, amountOre: 50_000_00 } },
      { ...board, at: '2027-01-23T11:00:00.000+01:00' },
    ),
  };
  return { budgetId, ...events, all: Object.values(events) };
}

/** A few events of the aggregates no projection here reads yet: a board and a calendar. */
export function boardAndCalendarEvents(log: EventLog, centreId: string): RecordedEvent[] {
  const board = log.stream<BoardEvent>(boardStreamId(centreId), BOARD_EVENT_SCHEMA_VERSIONS);
  const staff = staffOf(centreId);
  const calendar = log.stream<CalendarEvent>(calendarStreamId(staff.actor.id), CALENDAR_EVENT_SCHEMA_VERSIONS);
  return [
    board({ type: 'BoardConstituted', data: { centreId } }, { actor: admin, centreId, at: '2026-11-05T09:00:00.000+01:00' }),
    board({ type: 'PartnerSeatAdded', data: { centreId, seatId: 'seat-1', organisation: 'Nørrebro Idrætsforening' } }, { actor: admin, centreId, at: '2026-11-05T09:01:00.000+01:00' }),
    calendar(
      { type: 'AvailabilityPublished', data: { slotId: 'slot-1', staffId: staff.actor.id, centreId, start: '2026-11-30T10:00:00.000+01:00', durationMinutes: 45, channels: ['phone'] } },
      { ...staff, at: '2026-11-06T08:00:00.000+01:00' },
    ),
  ];
}

/** Words that must never be readable in a read model: the citizen's own and staff's notes. */
export const PLAINTEXT = {
  alias: 'Mette Vestergaard',
  goal: 'Jeg drømmer om at åbne et cykelværksted',
  revisedGoal: 'Et cykelværksted med lærlinge',
  wishes: 'Helst om formiddagen',
  informationGiven: 'Om rugekassen i Nørrebro',
  nextSteps: 'Besøge rugekassen',
  notes: 'Har tyve års erfaring med cykler',
  offerInformation: 'Rugekassen giver plads og sparring i et år',
  declineReason: 'Ikke lige nu, jeg har travlt',
  outcomeNote: 'Værkstedet åbnede i marts',
} as const;

/** A vault over the spec's database, with a master key of its own. */
export const specVault = (database: Database) => new Vault(database, { kid: 'spec', key: randomBytes(32) });

const receipt = (receiptId: string, centreId: string, timestamp: string): ConsentReceipt => ({
  receiptId,
  version: 'KI-CR-v1.1.0',
  timestamp,
  jurisdiction: 'DK',
  collectionMethod: 'self_service',
  controller: { name: 'Virkelyst', centreId },
  purpose: 'Taking part in the offer entrepreneur incubator, which you may leave at any time',
  dataCategories: ['participation in the offer', 'what you choose to share in conversations about it'],
  howToWithdraw: 'Withdraw on your own page, or tell any member of staff; it takes effect at once and nothing follows from it.',
});

/**
 * A citizen's whole journey, every journey event type at least once: started in self-service,
 * goals, a conversation proposed, booked and held, an offer asked for, made, consented to, taken
 * part in and withdrawn from, another declined, conversations cancelled and not held, an outcome,
 * a move to another centre with the history shared, closed, and erased.
 */
export async function journeyHistory(log: EventLog, vault: Vault, centreId: string, movedTo: string, citizenId = newId()) {
  // As the command handler does: personal fields sealed under the citizen's own key.
  const record = async (event: JourneyEvent, recording: Recording) => {
    const data: Record<string, unknown> = await vault.sealFields(citizenId, { ...event.data }, PERSONAL_FIELDS[event.type]);
    return log.record(journeyStreamId(citizenId), { type: event.type, data }, JOURNEY_EVENT_SCHEMA_VERSIONS[event.type], recording);
  };
  const citizen = (at: string, centre = centreId): Recording => ({ actor: { id: citizenId, role: 'citizen' }, centreId: centre, at });
  const staff = staffOf(centreId);
  const staffAt = (at: string): Recording => ({ ...staff, at });
  const staffId = staff.actor.id;
  const start = '2026-11-24T10:00:00.000+01:00';
  const incubator = { source: 'centre', kind: 'entrepreneur_incubator' } as const;
  const inSession = { by: 'staff', staffId, sessionId: 's1' } as const;
  const journeyId = citizenId;
  const consentReceipt = receipt('rc1', centreId, '2026-11-24T20:00:00.000+01:00');
  const events = {
    started: await record(
      { type: 'JourneyStarted', data: { journeyId, citizenId, centreId, firstContact: 'self_service', alias: PLAINTEXT.alias, startedBy: 'citizen' } },
      citizen('2026-11-20T19:00:00.000+01:00'),
    ),
    goalStated: await record(
      { type: 'GoalStated', data: { goalId: 'g1', text: PLAINTEXT.goal, category: 'own_business', recordedBy: { by: 'citizen' }, at: '2026-11-20T19:05:00.000+01:00' } },
      citizen('2026-11-20T19:05:00.000+01:00'),
    ),
    goalRevised: await record({ type: 'GoalRevised', data: { goalId: 'g1', text: PLAINTEXT.revisedGoal, category: 'own_business' } }, citizen('2026-11-21T08:00:00.000+01:00')),
    requested: await record({ type: 'SessionRequested', data: { sessionId: 's1', channel: 'in_person_centre', wishes: PLAINTEXT.wishes } }, citizen('2026-11-21T08:10:00.000+01:00')),
    proposed: await record(
      { type: 'SessionTimeProposed', data: { sessionId: 's1', staffId, start, durationMinutes: 45, channel: 'in_person_centre' } },
      staffAt('2026-11-21T09:00:00.000+01:00'),
    ),
    booked: await record(
      { type: 'SessionBooked', data: { sessionId: 's1', staffId, start, durationMinutes: 45, channel: 'in_person_centre', bookedBy: 'citizen_confirmed_proposal' } },
      citizen('2026-11-21T12:00:00.000+01:00'),
    ),
    held: await record(
      {
        type: 'SessionHeld',
        data: {
          sessionId: 's1',
          staffId,
          channel: 'in_person_centre',
          heldAt: start,
          durationMinutes: 45,
          topics: ['iværksætteri'],
          informationGiven: PLAINTEXT.informationGiven,
          nextSteps: PLAINTEXT.nextSteps,
          notes: PLAINTEXT.notes,
        },
      },
      staffAt('2026-11-24T11:00:00.000+01:00'),
    ),
    askedFor: await record({ type: 'OfferAskedFor', data: { offer: incubator, recordedBy: inSession, at: start } }, staffAt('2026-11-24T11:01:00.000+01:00')),
    offerMade: await record(
      { type: 'OfferMade', data: { offerId: 'o1', offer: incubator, information: PLAINTEXT.offerInformation, staffId, atCitizensRequest: true, at: start, sessionId: 's1' } },
      staffAt('2026-11-24T11:02:00.000+01:00'),
    ),
    consented: await record(
      { type: 'ConsentGiven', data: { offerId: 'o1', consent: { method: 'self_service' }, receipt: consentReceipt } },
      citizen('2026-11-24T20:00:00.000+01:00'),
    ),
    participating: await record({ type: 'ParticipationStarted', data: { offerId: 'o1' } }, staffAt('2026-11-25T09:00:00.000+01:00')),
    coachingMade: await record(
      {
        type: 'OfferMade',
        data: { offerId: 'o2', offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching hver anden uge', staffId, atCitizensRequest: false, at: '2026-11-25T09:05:00.000+01:00' },
      },
      staffAt('2026-11-25T09:05:00.000+01:00'),
    ),
    declined: await record(
      { type: 'OfferDeclined', data: { offerId: 'o2', consent: { method: 'self_service' }, reason: PLAINTEXT.declineReason, at: '2026-11-25T18:00:00.000+01:00' } },
      citizen('2026-11-25T18:00:00.000+01:00'),
    ),
    withdrawn: await record(
      { type: 'ConsentWithdrawn', data: { offerId: 'o1', consent: { method: 'self_service' }, at: '2026-12-01T10:00:00.000+01:00' } },
      citizen('2026-12-01T10:00:00.000+01:00'),
    ),
    participationEnded: await record({ type: 'ParticipationEnded', data: { offerId: 'o1', because: 'consent_withdrawn' } }, citizen('2026-12-01T10:00:00.000+01:00')),
    phoneBooked: await record(
      { type: 'SessionBooked', data: { sessionId: 's2', staffId, start: '2026-12-03T13:00:00.000+01:00', durationMinutes: 30, channel: 'phone', bookedBy: 'citizen', slotId: 'slot-9' } },
      citizen('2026-12-01T10:05:00.000+01:00'),
    ),
    cancelled: await record({ type: 'SessionCancelled', data: { sessionId: 's2', cancelledBy: 'citizen' } }, citizen('2026-12-02T07:30:00.000+01:00')),
    videoRequested: await record({ type: 'SessionRequested', data: { sessionId: 's3', channel: null, wishes: null } }, citizen('2026-12-02T07:35:00.000+01:00')),
    videoBooked: await record(
      { type: 'SessionBooked', data: { sessionId: 's3', staffId, start: '2026-12-04T09:00:00.000+01:00', durationMinutes: 30, channel: 'video', bookedBy: 'citizen' } },
      citizen('2026-12-02T07:36:00.000+01:00'),
    ),
    notHeld: await record({ type: 'SessionNotHeld', data: { sessionId: 's3' } }, staffAt('2026-12-04T10:00:00.000+01:00')),
    outcome: await record(
      { type: 'OutcomeRecorded', data: { outcomeId: 'out1', kind: 'business', note: PLAINTEXT.outcomeNote, recordedBy: { by: 'citizen' }, at: '2027-03-15T12:00:00.000+01:00' } },
      citizen('2027-03-15T12:00:00.000+01:00'),
    ),
    goalDropped: await record({ type: 'GoalDropped', data: { goalId: 'g1' } }, citizen('2027-03-15T12:01:00.000+01:00')),
    moved: await record(
      { type: 'JourneyStarted', data: { journeyId, citizenId, centreId: movedTo, firstContact: 'self_service', alias: PLAINTEXT.alias, startedBy: 'citizen' } },
      citizen('2027-04-01T10:00:00.000+02:00', movedTo),
    ),
    shared: await record({ type: 'JourneyHistoryShared', data: { journeyId, centreId: movedTo } }, citizen('2027-04-01T10:01:00.000+02:00', movedTo)),
    closed: await record({ type: 'JourneyClosed', data: { journeyId } }, citizen('2027-06-01T10:00:00.000+02:00', movedTo)),
    // An erasure names the centre the journey was last with (the decider's centreOf).
    erased: await record({ type: 'CitizenErased', data: { citizenId } }, { actor: admin, centreId: movedTo, at: '2027-06-02T10:00:00.000+02:00' }),
  };
  return { citizenId, staffId, start, receipt: consentReceipt, events, all: Object.values(events) };
}
