import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CLOSED_ALL_WEEK, type OpeningHours } from '../centre/centre.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type JourneyCommand, journeyDecider } from './decide.js';
import { publicHoliday, withinContactHours } from './hours.js';
import type { JourneyEvent, OfferRef } from './journey.js';

const centreId = 'c0000000-0000-7000-8000-000000000001';
const citizenId = 'b0000000-0000-7000-8000-000000000001';
const journeyId = 'j0000000-0000-7000-8000-000000000001';
const citizen: Principal = { id: citizenId, role: 'citizen' };
const otherCitizen: Principal = { id: 'b0000000-0000-7000-8000-000000000002', role: 'citizen' };
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const otherStaff: Principal = { id: 's-2', role: 'staff', centreId: 'c0000000-0000-7000-8000-000000000002' };
const now = '2026-11-23T10:00:00.000Z'; // a Monday, 11:00 in Copenhagen
const coaching: OfferRef = { source: 'centre', kind: 'coaching' };
const weekdays: OpeningHours = { ...CLOSED_ALL_WEEK, monday: [{ opens: '09:00', closes: '16:00' }], tuesday: [{ opens: '09:00', closes: '16:00' }] };

const cmd = <T extends JourneyCommand['type']>(type: T, data: Extract<JourneyCommand, { type: T }>['data'], principal: Principal = citizen, at = now) =>
  ({ type, data, principal, now: at, citizenId }) as Extract<JourneyCommand, { type: T }>;

const started: JourneyEvent = { type: 'JourneyStarted', data: { journeyId, citizenId, centreId, firstContact: 'phone', alias: 'Kim', startedBy: 'staff' } };
const requested: JourneyEvent = { type: 'SessionRequested', data: { sessionId: 'sess-1', channel: 'phone', wishes: null } };
// A phone conversation last Friday, 10:00 in Copenhagen, and one in person on Saturday.
const heldStart = '2026-11-20T09:00:00.000Z';
const bookedSession: JourneyEvent = { type: 'SessionBooked', data: { sessionId: 'sess-1', staffId: 's-1', start: heldStart, durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' } };
const held: JourneyEvent = { type: 'SessionHeld', data: { sessionId: 'sess-1', staffId: 's-1', channel: 'phone', heldAt: heldStart, durationMinutes: 40, topics: ['dreams'], informationGiven: null, nextSteps: null, notes: null } };
const bookedInPerson: JourneyEvent = { type: 'SessionBooked', data: { sessionId: 'sess-2', staffId: 's-1', start: '2026-11-21T09:00:00.000Z', durationMinutes: 45, channel: 'in_person_centre', bookedBy: 'citizen' } };
const heldInPerson: JourneyEvent = { type: 'SessionHeld', data: { sessionId: 'sess-2', staffId: 's-1', channel: 'in_person_centre', heldAt: '2026-11-21T09:00:00.000Z', durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null } };
const offered = (at = now, offerId = 'offer-1'): JourneyEvent => ({ type: 'OfferMade', data: { offerId, offer: coaching, information: 'Coaching, weekly', staffId: 's-1', atCitizensRequest: false, at } });
const consented: JourneyEvent = {
  type: 'ConsentGiven',
  data: {
    offerId: 'offer-1',
    consent: { method: 'self_service' },
    receipt: { receiptId: 'r-1', version: 'KI-CR-v1.1.0', timestamp: now, jurisdiction: 'DK', collectionMethod: 'self_service', controller: { name: 'Virkelyst', centreId }, purpose: 'p', dataCategories: [], howToWithdraw: 'w' },
  },
};
const participating: JourneyEvent = { type: 'ParticipationStarted', data: { offerId: 'offer-1' } };
const inSession = [started, requested, bookedSession, held];
const days = (n: number) => new Date(new Date(now).getTime() + n * 24 * 3600 * 1000).toISOString();

describe('a consent is withdrawn at any time, a closed journey’s too', () => {
  const closed: JourneyEvent = { type: 'JourneyClosed', data: { journeyId } };
  it('the citizen withdraws it themselves after closing, and participation ends with it', () => {
    given(journeyDecider, [started, offered(), consented, participating, closed])
      .when(cmd('WithdrawConsent', { offerId: 'offer-1' }))
      .then([
        { type: 'ConsentWithdrawn', data: { offerId: 'offer-1', consent: { method: 'self_service' }, at: now } },
        { type: 'ParticipationEnded', data: { offerId: 'offer-1', because: 'consent_withdrawn' } },
      ]);
  });
  it('nobody else does, and nothing else is recorded on a closed journey', () => {
    given(journeyDecider, [started, offered(), consented, closed]).when(cmd('WithdrawConsent', { offerId: 'offer-1' }, staff)).thenError(Conflict, 'journey_closed');
    given(journeyDecider, [started, offered(), consented, closed]).when(cmd('WithdrawConsent', { offerId: 'offer-1' }, { id: 'someone-else', role: 'citizen' })).thenError(Forbidden);
    given(journeyDecider, [started, offered(), closed]).when(cmd('WithdrawConsent', { offerId: 'offer-1' })).thenError(Conflict, 'no_consent');
    given(journeyDecider, [started, offered(), consented, closed]).when(cmd('DeclineOffer', { offerId: 'offer-1' })).thenError(Conflict, 'journey_closed');
  });
});

describe('starting a journey: open to everyone, no eligibility', () => {
  it('a citizen registers themselves, with an alias and no CPR number', () => {
    given(journeyDecider).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'self_service', alias: 'Kim', centreKnown: true })).then([
      { type: 'JourneyStarted', data: { journeyId, citizenId, centreId, firstContact: 'self_service', alias: 'Kim', startedBy: 'citizen' } },
    ]);
  });

  it('staff record a contact the citizen made, but never a self-service registration', () => {
    given(journeyDecider).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'phone', centreKnown: true }, staff)).then([
      { type: 'JourneyStarted', data: { journeyId, citizenId, centreId, firstContact: 'phone', alias: null, startedBy: 'staff' } },
    ]);
    given(journeyDecider).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'self_service', centreKnown: true }, staff)).thenError(Forbidden);
    given(journeyDecider).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'phone', centreKnown: true }, otherStaff)).thenError(Forbidden);
  });

  it('refuses to start someone else’s journey and a second open one; a closed one may start again', () => {
    given(journeyDecider).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'video', centreKnown: true }, otherCitizen)).thenError(Forbidden);
    given(journeyDecider, [started]).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'video', centreKnown: true })).thenError(Conflict, 'journey_open');
    const again = given(journeyDecider, [started, { type: 'JourneyClosed', data: { journeyId } }]).when(cmd('StartJourney', { journeyId: 'j2', centreId, firstContact: 'chat', centreKnown: true }));
    again.then([{ type: 'JourneyStarted', data: { journeyId: 'j2', citizenId, centreId, firstContact: 'chat', alias: null, startedBy: 'citizen' } }]);
  });

  it('the citizen closes it at any time; staff cannot', () => {
    given(journeyDecider, [started]).when(cmd('CloseJourney', {})).then([{ type: 'JourneyClosed', data: { journeyId } }]);
    given(journeyDecider, [started]).when(cmd('CloseJourney', {}, staff)).thenError(Forbidden);
  });
});

describe('goals are the citizen’s', () => {
  it('are stated by the citizen, or by staff only as said in a named, held session', () => {
    given(journeyDecider, [started]).when(cmd('StateGoal', { goalId: 'g1', text: 'Jeg drømmer om at åbne et bageri', category: 'own_business' })).then([
      { type: 'GoalStated', data: { goalId: 'g1', text: 'Jeg drømmer om at åbne et bageri', category: 'own_business', recordedBy: { by: 'citizen' }, at: now } },
    ]);
    given(journeyDecider, inSession).when(cmd('StateGoal', { goalId: 'g1', text: 'Uddannelse', sessionId: 'sess-1' }, staff)).then([
      // What staff record as told in a conversation takes the conversation's time, not the time of recording.
      { type: 'GoalStated', data: { goalId: 'g1', text: 'Uddannelse', category: null, recordedBy: { by: 'staff', staffId: 's-1', sessionId: 'sess-1' }, at: heldStart } },
    ]);
    given(journeyDecider, inSession).when(cmd('StateGoal', { goalId: 'g1', text: 'X' }, staff)).thenError(RuleViolation, 'session_required');
    given(journeyDecider, [started]).when(cmd('StateGoal', { goalId: 'g1', text: ' \n\t ' })).thenError(InvalidValue, 'invalid_value');
    given(journeyDecider, [started, requested, bookedSession]).when(cmd('StateGoal', { goalId: 'g1', text: 'X', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'session_not_held');
  });

  it('are revised or dropped by the citizen only', () => {
    const goal: JourneyEvent = { type: 'GoalStated', data: { goalId: 'g1', text: 'A', category: null, recordedBy: { by: 'citizen' } } };
    given(journeyDecider, [started, goal]).when(cmd('ReviseGoal', { goalId: 'g1', text: 'B', category: 'education' })).then([
      { type: 'GoalRevised', data: { goalId: 'g1', text: 'B', category: 'education' } },
    ]);
    given(journeyDecider, [started, goal]).when(cmd('DropGoal', { goalId: 'g1' })).then([{ type: 'GoalDropped', data: { goalId: 'g1' } }]);
    given(journeyDecider, [...inSession, goal]).when(cmd('ReviseGoal', { goalId: 'g1', text: 'B' }, staff)).thenError(Forbidden);
    given(journeyDecider, [started, goal]).when(cmd('ReviseGoal', { goalId: 'g1', text: '   ' })).thenError(InvalidValue, 'invalid_value');
    given(journeyDecider, [...inSession, goal]).when(cmd('DropGoal', { goalId: 'g1' }, staff)).thenError(Forbidden);
  });
});

describe('conversations: booked by the citizen, never for them', () => {
  const book = (data: Partial<Extract<JourneyCommand, { type: 'BookSession' }>['data']> = {}, p: Principal = citizen) =>
    cmd('BookSession', { sessionId: 'sess-9', staffId: 's-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 45, channel: 'video', openingHours: weekdays, ...data }, p);

  it('a citizen books a free time on any channel within its hours', () => {
    given(journeyDecider, [started]).when(book()).then([
      { type: 'SessionBooked', data: { sessionId: 'sess-9', staffId: 's-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 45, channel: 'video', bookedBy: 'citizen' } },
    ]);
  });

  it('staff cannot book a conversation the citizen did not ask for', () => {
    given(journeyDecider, [started]).when(book({}, staff)).thenError(Forbidden);
    given(journeyDecider, [started]).when(cmd('ProposeSessionTime', { sessionId: 'sess-9', start: '2026-11-24T09:00:00.000Z', durationMinutes: 45, channel: 'phone', openingHours: null }, staff)).thenError(RuleViolation, 'session_not_requested');
  });

  it('a requested conversation gets a proposed time, booked only when the citizen confirms', () => {
    const proposal = cmd('ProposeSessionTime', { sessionId: 'sess-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 30, channel: 'phone', openingHours: null }, staff);
    given(journeyDecider, [started, requested]).when(proposal).then([
      { type: 'SessionTimeProposed', data: { sessionId: 'sess-1', staffId: 's-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 30, channel: 'phone' } },
    ]);
    const proposed: JourneyEvent = { type: 'SessionTimeProposed', data: { sessionId: 'sess-1', staffId: 's-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 30, channel: 'phone' } };
    given(journeyDecider, [started, requested, proposed]).when(cmd('ConfirmSessionTime', { sessionId: 'sess-1' })).then([
      { type: 'SessionBooked', data: { sessionId: 'sess-1', staffId: 's-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 30, channel: 'phone', bookedBy: 'citizen_confirmed_proposal' } },
    ]);
    given(journeyDecider, [started, requested, proposed]).when(cmd('ConfirmSessionTime', { sessionId: 'sess-1' }, staff)).thenError(Forbidden);
  });

  it('phone, chat and video run 07–21 Danish time every day, holidays included', () => {
    given(journeyDecider, [started]).when(book({ start: '2026-12-25T06:00:00.000Z', channel: 'chat' })).then([expect.objectContaining({ type: 'SessionBooked' }) as never]);
    given(journeyDecider, [started]).when(book({ start: '2026-11-24T05:30:00.000Z', channel: 'phone' })).thenError(InvalidValue, 'invalid_value', { field: 'start' });
    given(journeyDecider, [started]).when(book({ start: '2026-11-24T19:30:00.000Z', channel: 'video', durationMinutes: 45 })).thenError(InvalidValue);
  });

  it('in person follows the centre’s opening hours and is closed on public holidays', () => {
    given(journeyDecider, [started]).when(book({ channel: 'in_person_centre', start: '2026-11-24T09:00:00.000Z' })).then([expect.objectContaining({ type: 'SessionBooked' }) as never]);
    given(journeyDecider, [started]).when(book({ channel: 'in_person_centre', start: '2026-11-25T09:00:00.000Z' })).thenError(InvalidValue); // a Wednesday: closed
    given(journeyDecider, [started]).when(book({ channel: 'in_person_centre', start: '2026-12-28T09:00:00.000Z', durationMinutes: 30 }, citizen)).then([expect.objectContaining({ type: 'SessionBooked' }) as never]);
    given(journeyDecider, [started]).when(cmd('BookSession', { sessionId: 's', staffId: 's-1', start: '2027-03-29T09:00:00.000Z', durationMinutes: 30, channel: 'in_person_centre', openingHours: weekdays }, citizen, now)).thenError(InvalidValue); // Easter Monday
    expect(publicHoliday('2027-03-29')).toBe('Anden påskedag');
    expect(publicHoliday('2027-03-30')).toBeNull();
    expect(withinContactHours('in_person_home', '2026-11-24T20:30:00.000Z', 60, null)).toEqual({ ok: true });
  });

  it('a cancelled request gets no proposal', () => {
    const cancelled: JourneyEvent = { type: 'SessionCancelled', data: { sessionId: 'sess-1', cancelledBy: 'citizen' } };
    given(journeyDecider, [started, requested, cancelled])
      .when(cmd('ProposeSessionTime', { sessionId: 'sess-1', start: '2026-11-24T09:00:00.000Z', durationMinutes: 30, channel: 'phone', openingHours: null }, staff))
      .thenError(Conflict, 'session_not_open_for_proposal');
  });

  it('the citizen cancels or lets it pass with no consequence; a session not held says nothing more', () => {
    given(journeyDecider, [started, requested, bookedSession]).when(cmd('CancelSession', { sessionId: 'sess-1' })).then([{ type: 'SessionCancelled', data: { sessionId: 'sess-1', cancelledBy: 'citizen' } }]);
    given(journeyDecider, [started, requested, bookedSession]).when(cmd('RecordSessionNotHeld', { sessionId: 'sess-1' }, staff)).then([{ type: 'SessionNotHeld', data: { sessionId: 'sess-1' } }]);
  });

  it('staff record a held session with its notes', () => {
    given(journeyDecider, [started, requested, bookedSession]).when(cmd('RecordSessionHeld', { sessionId: 'sess-1', durationMinutes: 40, topics: ['dreams'], notes: 'Talked about baking' }, staff)).then([
      { type: 'SessionHeld', data: { sessionId: 'sess-1', staffId: 's-1', channel: 'phone', heldAt: heldStart, durationMinutes: 40, topics: ['dreams'], informationGiven: null, nextSteps: null, notes: 'Talked about baking' } },
    ]);
    for (const durationMinutes of [9, 241, 45.5, 100_000]) {
      given(journeyDecider, [started, requested, bookedSession]).when(cmd('RecordSessionHeld', { sessionId: 'sess-1', durationMinutes, topics: [] }, staff)).thenError(InvalidValue);
    }
    given(journeyDecider, [started, requested]).when(cmd('RecordSessionHeld', { sessionId: 'sess-1', durationMinutes: 40, topics: [] }, staff)).thenError(Conflict, 'session_not_booked');
  });
});

describe('offers and consent: only the citizen answers', () => {
  it('staff make an offer; the citizen consents and gets a receipt', () => {
    given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'offer-1', offer: coaching, information: 'Coaching, weekly' }, staff)).then([offered()]);
    const [event] = journeyDecider.decide(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r-1' }), [started, offered()].reduce(journeyDecider.evolve, journeyDecider.initialState));
    expect(event).toMatchObject({
      type: 'ConsentGiven',
      data: { offerId: 'offer-1', consent: { method: 'self_service' }, receipt: { receiptId: 'r-1', collectionMethod: 'self_service', timestamp: now, controller: { centreId }, howToWithdraw: expect.any(String) } },
    });
  });

  it('the receipt says truly how to withdraw: on Mine sider or by telling staff at the centre, with nothing following; no app', () => {
    const [event] = journeyDecider.decide(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r-1' }), [started, offered()].reduce(journeyDecider.evolve, journeyDecider.initialState));
    if (event?.type !== 'ConsentGiven') throw new Error('expected a ConsentGiven');
    const { howToWithdraw, purpose } = event.data.receipt;
    expect(howToWithdraw).toContain('Mine sider');
    expect(howToWithdraw).toMatch(/member of staff at the centre/);
    expect(howToWithdraw).toMatch(/nothing follows from it/);
    for (const text of [howToWithdraw, purpose]) expect(text).not.toMatch(/\bapp\b/i);
    expect(purpose).toBe('Taking part in the offer coaching, which you may leave at any time');
  });

  it('staff cannot consent, decline or withdraw for the citizen without a held session', () => {
    for (const command of [
      cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r' }, staff),
      cmd('DeclineOffer', { offerId: 'offer-1' }, staff),
    ]) {
      given(journeyDecider, [started, offered()]).when(command).thenError(RuleViolation, 'session_required');
    }
    given(journeyDecider, [started, offered(), consented]).when(cmd('WithdrawConsent', { offerId: 'offer-1' }, staff)).thenError(RuleViolation, 'session_required');
    given(journeyDecider, [...inSession, bookedInPerson, heldInPerson, offered('2026-11-19T09:00:00.000Z')])
      .when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-2', method: 'signed_in_person' }, staff))
      .then([expect.objectContaining({ data: expect.objectContaining({ consent: { method: 'signed_in_person', staffId: 's-1', sessionId: 'sess-2' } }) }) as never]);
  });

  it('a decline needs no reason and has no consequence', () => {
    given(journeyDecider, [started, offered()]).when(cmd('DeclineOffer', { offerId: 'offer-1' })).then([
      { type: 'OfferDeclined', data: { offerId: 'offer-1', consent: { method: 'self_service' }, reason: null, at: now } },
    ]);
  });

  it('participation starts only with consent, and withdrawal ends it in the same append', () => {
    given(journeyDecider, [...inSession, offered()]).when(cmd('StartParticipation', { offerId: 'offer-1' }, staff)).thenError(RuleViolation, 'consent_required');
    given(journeyDecider, [started, offered(), consented]).when(cmd('StartParticipation', { offerId: 'offer-1' }, staff)).then([participating]);
    given(journeyDecider, [started, offered(), consented, participating]).when(cmd('WithdrawConsent', { offerId: 'offer-1' })).then([
      { type: 'ConsentWithdrawn', data: { offerId: 'offer-1', consent: { method: 'self_service' }, at: now } },
      { type: 'ParticipationEnded', data: { offerId: 'offer-1', because: 'consent_withdrawn' } },
    ]);
    given(journeyDecider, [started, offered(), consented, participating]).when(cmd('EndParticipation', { offerId: 'offer-1' })).then([
      { type: 'ParticipationEnded', data: { offerId: 'offer-1', because: 'citizen_left' } },
    ]);
  });

  it('after a decline the same offer waits 30 days, unless the citizen asks for it', () => {
    const declined: JourneyEvent = { type: 'OfferDeclined', data: { offerId: 'offer-1', consent: { method: 'self_service' }, reason: null, at: now } };
    const again = (at: string) => cmd('MakeOffer', { offerId: 'offer-2', offer: coaching, information: 'Coaching' }, staff, at);
    given(journeyDecider, [started, offered(), declined]).when(again(days(29))).thenError(RuleViolation, 'recently_declined');
    given(journeyDecider, [started, offered(), declined]).when(again(days(31))).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
    given(journeyDecider, [started, offered(), declined]).when(cmd('MakeOffer', { offerId: 'offer-2', offer: { source: 'centre', kind: 'workshop' }, information: 'W' }, staff, days(1))).then([
      expect.objectContaining({ type: 'OfferMade' }) as never,
    ]);
    const asked: JourneyEvent = { type: 'OfferAskedFor', data: { offer: coaching, recordedBy: { by: 'citizen' }, at: days(2) } };
    given(journeyDecider, [started, offered(), declined, asked]).when(again(days(3))).then([
      { type: 'OfferMade', data: { offerId: 'offer-2', offer: coaching, information: 'Coaching', staffId: 's-1', atCitizensRequest: true, at: days(3) } },
    ]);
  });

  it('an unanswered offer lapses after 60 days; nothing follows from it', () => {
    given(journeyDecider, [started, offered()]).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r' }, citizen, days(61))).thenError(RuleViolation, 'offer_lapsed');
    given(journeyDecider, [started, offered()]).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r' }, citizen, days(59))).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
  });
});

describe('outcomes are self-reported', () => {
  it('by the citizen, or by staff as told in a held session', () => {
    given(journeyDecider, [started]).when(cmd('RecordOutcome', { outcomeId: 'o1', kind: 'job' })).then([
      { type: 'OutcomeRecorded', data: { outcomeId: 'o1', kind: 'job', note: null, recordedBy: { by: 'citizen' }, at: now } },
    ]);
    given(journeyDecider, [started]).when(cmd('RecordOutcome', { outcomeId: 'o1', kind: 'job' }, staff)).thenError(RuleViolation, 'session_required');
  });
});

describe('who may act', () => {
  it('a citizen acts only on their own journey, staff only in their own centre', () => {
    given(journeyDecider, [started]).when(cmd('StateGoal', { goalId: 'g', text: 'x' }, otherCitizen)).thenError(Forbidden);
    given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: 'i' }, otherStaff)).thenError(Forbidden);
    given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: 'i' }, { id: 'a', role: 'admin' })).thenError(Forbidden);
    given(journeyDecider).when(cmd('StateGoal', { goalId: 'g', text: 'x' })).thenError(NotFound, 'journey_not_found');
  });
});

describe('erasure', () => {
  const admin: Principal = { id: 'admin-1', role: 'admin' };
  it('an administrator erases a citizen; nothing more is recorded for them', () => {
    given(journeyDecider, [started]).when(cmd('EraseCitizen', {}, admin)).then([{ type: 'CitizenErased', data: { citizenId } }]);
    // Someone who never made contact has nothing to erase: nothing is recorded.
    given(journeyDecider).when(cmd('EraseCitizen', {}, admin)).thenError(NotFound, 'journey_not_found');
    const erased: JourneyEvent = { type: 'CitizenErased', data: { citizenId } };
    given(journeyDecider, [started, erased]).when(cmd('EraseCitizen', {}, admin)).thenNothing();
    given(journeyDecider, [started, erased]).when(cmd('StateGoal', { goalId: 'g', text: 'x' })).thenError(Conflict, 'citizen_erased');
    given(journeyDecider, [started, erased]).when(cmd('StartJourney', { journeyId, centreId, firstContact: 'chat', centreKnown: true })).thenError(Conflict, 'citizen_erased');
  });

  it('is for administrators only', () => {
    for (const p of [citizen, staff]) given(journeyDecider, [started]).when(cmd('EraseCitizen', {}, p)).thenError(Forbidden);
  });
});
