/**
 * Forged logs against the voluntariness checks: events inserted by SQL, around the application,
 * as an insider with database rights would. Each rule of the verifier is shown to catch its forgery
 * by position, and an honest history of the same shape passes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { forger, SEALED } from './support/forged-log.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
const centreId = newId();
const staff = { id: 'counsellor-1', role: 'staff' };
const colleague = { id: 'counsellor-2', role: 'staff' };
const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const hoursAgo = (hours: number) => ago(hours / 24);
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const sealed = SEALED;
/** A receipt as the decider writes it: collected in the way the consent says it was given. */
const receipt = (timestamp: string, collectionMethod = 'self_service') => ({
  receiptId: newId(),
  version: 'KI-CR-v1.1.0',
  timestamp,
  jurisdiction: 'DK',
  collectionMethod,
  controller: { name: 'Virkelyst', centreId },
  purpose: 'p',
  dataCategories: [],
  howToWithdraw: 'w',
});

/**
 * A citizen's journey with a conversation booked (by them) and held (by counsellor-1) in the past,
 * half a day ago, and an offer put to them in it, written down within the 24 hours after it.
 */
async function journeyWithConversation(channel = 'phone') {
  const citizenId = newId();
  const stream = `journey-${citizenId}`;
  const citizen = { id: citizenId, role: 'citizen' };
  const sessionId = newId();
  const offerId = newId();
  await force(stream, 'JourneyStarted', { journeyId: newId(), citizenId, centreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' }, citizen);
  await force(stream, 'SessionBooked', { sessionId, staffId: staff.id, start: hoursAgo(12), durationMinutes: 45, channel, bookedBy: 'citizen' }, citizen);
  await force(stream, 'SessionHeld', { sessionId, staffId: staff.id, channel, heldAt: hoursAgo(12), durationMinutes: 40, topics: ['drømme'], informationGiven: null, nextSteps: null, notes: null }, staff);
  // Put to the citizen in that conversation, and recorded after it.
  const offerPosition = await force(stream, 'OfferMade', { offerId, offer: { source: 'centre', kind: 'coaching' }, information: sealed, staffId: staff.id, atCitizensRequest: false, at: ago(0), sessionId }, staff);
  return { citizenId, stream, citizen, sessionId, offerId, offerPosition };
}

const { force, violations, at } = forger(() => t, centreId);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('forged consent is caught from the log alone', () => {
  it('an honest history (self-service and staff-recorded answers from a held conversation) passes every voluntariness check', async () => {
    const j = await journeyWithConversation('in_person_centre');
    const positions = [
      j.offerPosition,
      await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { method: 'signed_in_person', staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'signed_in_person') }, staff),
      await force(j.stream, 'ParticipationStarted', { offerId: j.offerId }, staff),
      await force(j.stream, 'OutcomeRecorded', { outcomeId: newId(), kind: 'job', note: null, recordedBy: { by: 'staff', staffId: staff.id, sessionId: j.sessionId }, at: hoursAgo(12) }, staff),
    ];
    for (const check of [1, 2, 3, 4, 5, 7, 9]) {
      const found = (await violations(check)).filter((x) => x.position !== null && positions.includes(x.position));
      expect(found, `check ${check}`).toEqual([]);
    }
  });

  it('a consent staff claim from an earlier conversation after the citizen declined in self-service', async () => {
    const j = await journeyWithConversation();
    await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: new Date().toISOString() }, j.citizen);
    const forged = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, staff);
    expect(await at(2, forged)).toEqual([expect.objectContaining({ reason: expect.stringContaining('before the citizen’s own later answer') })]);
  });

  it('an answer recorded by a colleague who did not hold the conversation, or from one never held', async () => {
    const j = await journeyWithConversation();
    const byColleague = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { method: 'verbal_in_session', staffId: colleague.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, colleague);
    const unheld = await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: newId() }, reason: null, at: ago(1) }, staff);
    const goal = await force(j.stream, 'GoalStated', { goalId: newId(), text: sealed, category: null, recordedBy: { by: 'staff', staffId: colleague.id, sessionId: j.sessionId }, at: hoursAgo(12) }, colleague);
    for (const position of [byColleague, unheld, goal]) expect(await at(2, position), `position ${position}`).toHaveLength(1);
  });

  it('a well-being answer staff recorded, even from a conversation they held, while the citizen’s own passes', async () => {
    const j = await journeyWithConversation();
    const own = await force(j.stream, 'WellBeingAnswered', { answerId: newId(), scores: sealed, at: ago(0) }, j.citizen);
    const forged = await force(j.stream, 'WellBeingAnswered', { answerId: newId(), scores: sealed, at: ago(0) }, staff);
    expect(await at(2, own)).toEqual([]);
    expect(await at(2, forged)).toEqual([expect.objectContaining({ reason: 'a well-being answer recorded by someone other than the citizen themselves' })]);
  });

  it('a signature claimed from a phone call', async () => {
    const j = await journeyWithConversation('phone');
    const forged = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { method: 'signed_in_person', staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'signed_in_person') }, staff);
    expect(await at(2, forged)).toEqual([expect.objectContaining({ reason: expect.stringContaining('from a conversation by phone') })]);
  });

  it('a conversation marked held before its booked start, or by someone it was not booked with', async () => {
    const citizenId = newId();
    const stream = `journey-${citizenId}`;
    const citizen = { id: citizenId, role: 'citizen' };
    const sessionId = newId();
    const other = newId();
    await force(stream, 'JourneyStarted', { journeyId: newId(), citizenId, centreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' }, citizen);
    await force(stream, 'SessionBooked', { sessionId, staffId: staff.id, start: ahead(2), durationMinutes: 45, channel: 'video', bookedBy: 'citizen' }, citizen);
    const early = await force(stream, 'SessionHeld', { sessionId, staffId: staff.id, channel: 'video', heldAt: ahead(2), durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, staff);
    await force(stream, 'SessionBooked', { sessionId: other, staffId: staff.id, start: ago(1), durationMinutes: 45, channel: 'video', bookedBy: 'citizen' }, citizen);
    const stranger = await force(stream, 'SessionHeld', { sessionId: other, staffId: colleague.id, channel: 'video', durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, colleague);
    expect((await at(9, early)).map((x) => x.reason)).toContain('a conversation recorded as held before its booked start');
    expect((await at(9, stranger)).map((x) => x.reason)).toContain('a conversation recorded as held by someone other than the staff member it was booked with');
  });
});

describe('forged payloads are caught against the catalogue', () => {
  it('a field the catalogue does not declare, such as mandatory or deadline on an offer, or in metadata', async () => {
    const j = await journeyWithConversation();
    const mandatory = await force(j.stream, 'OfferMade', { offerId: newId(), offer: { source: 'centre', kind: 'workshop', mandatory: true }, information: sealed, staffId: staff.id, atCitizensRequest: false, at: ago(0), deadline: ahead(7) }, staff);
    const reasons = (await at(7, mandatory)).map((x) => x.reason);
    expect(reasons.sort()).toEqual(['OfferMade: field deadline is not declared for this type', 'OfferMade: field offer.mandatory is not declared for this type']);
    const meta = await force(j.stream, 'ParticipationEnded', { offerId: j.offerId, because: 'citizen_left' }, staff, { consequence: 'benefit reduced' });
    expect((await at(7, meta)).map((x) => x.reason)).toEqual(['ParticipationEnded: metadata: field consequence is not declared for this type']);
  });

  it('readable text with a word of coercion, and personal data in the clear', async () => {
    const j = await journeyWithConversation();
    const sessionId = newId();
    await force(j.stream, 'SessionBooked', { sessionId, staffId: staff.id, start: ago(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    const words = await force(j.stream, 'SessionHeld', { sessionId, staffId: staff.id, channel: 'phone', durationMinutes: 30, topics: ['Mødepligt og sanktioner'], informationGiven: null, nextSteps: null, notes: 'in the clear' }, staff);
    // (jsonb keeps keys in its own order: compare as sets)
    expect((await at(7, words)).map((x) => x.reason).sort()).toEqual([
      'SessionHeld: notes is personal data in the clear (it must be sealed)',
      'SessionHeld: topics.0 uses words of coercion (sanktion, pligt)',
    ]);
  });
});

describe('order is the log’s own, never a time an event claims', () => {
  it('an offer made again days after a decline is caught even when it claims a later date', async () => {
    const j = await journeyWithConversation();
    await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: ago(0) }, j.citizen);
    const again = await force(j.stream, 'OfferMade', { offerId: newId(), offer: { source: 'centre', kind: 'coaching' }, information: sealed, staffId: staff.id, atCitizensRequest: true, at: ahead(40) }, staff);
    expect(await at(3, again)).toHaveLength(1);
  });

  it('an ask staff record from a conversation before the decline does not lift the quiet days', async () => {
    const j = await journeyWithConversation();
    await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: ago(0) }, j.citizen);
    await force(j.stream, 'OfferAskedFor', { offer: { source: 'centre', kind: 'coaching' }, recordedBy: { by: 'staff', staffId: staff.id, sessionId: j.sessionId }, at: ahead(1) }, staff);
    const again = await force(j.stream, 'OfferMade', { offerId: newId(), offer: { source: 'centre', kind: 'coaching' }, information: sealed, staffId: staff.id, atCitizensRequest: true, at: ago(0) }, staff);
    expect(await at(3, again)).toHaveLength(1);
  });
});

describe('forgeries found in an adversarial review', () => {
  it('a conversation said to have begun after the citizen’s own decline does not outrank it', async () => {
    const j = await journeyWithConversation();
    // The citizen declines now; staff "hold" a second conversation booked before it, claimed to begin later.
    await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: ago(0) }, j.citizen);
    const sessionId = newId();
    await force(j.stream, 'SessionBooked', { sessionId, staffId: staff.id, start: ago(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionHeld', { sessionId, staffId: staff.id, channel: 'phone', heldAt: ago(0), durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, staff);
    const forged = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId }, receipt: receipt(ago(0), 'verbal_in_session') }, staff);
    expect((await at(2, forged)).map((x) => x.reason)).toContain('ConsentGiven recorded by staff from a conversation that came before the citizen’s own later answer');
  });

  it('a conversation held twice, or held after it was cancelled', async () => {
    const j = await journeyWithConversation();
    const twice = await force(j.stream, 'SessionHeld', { sessionId: j.sessionId, staffId: staff.id, channel: 'phone', durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, staff);
    const sessionId = newId();
    await force(j.stream, 'SessionBooked', { sessionId, staffId: staff.id, start: ago(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionCancelled', { sessionId, cancelledBy: 'citizen' }, j.citizen);
    const afterCancel = await force(j.stream, 'SessionHeld', { sessionId, staffId: staff.id, channel: 'phone', durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null }, staff);
    for (const position of [twice, afterCancel]) expect((await at(9, position)).map((x) => x.reason)).toContain('a conversation recorded as held that was already held, cancelled or not held');
  });

  it('consent from a conversation that came before the offer was made, and not the one it was made in', async () => {
    const j = await journeyWithConversation();
    const later = newId();
    await force(j.stream, 'OfferMade', { offerId: later, offer: { source: 'centre', kind: 'workshop' }, information: sealed, staffId: staff.id, atCitizensRequest: false, at: ago(0) }, staff);
    const forged = await force(j.stream, 'ConsentGiven', { offerId: later, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, staff);
    expect((await at(2, forged)).map((x) => x.reason)).toContain('ConsentGiven recorded by staff from a conversation before the offer was made, and not the one it was made in');
  });

  it('bookings and proposals in the past, and a confirmation that is not what was proposed', async () => {
    const j = await journeyWithConversation();
    const past = await force(j.stream, 'SessionBooked', { sessionId: newId(), staffId: staff.id, start: ago(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    expect((await at(5, past)).map((x) => x.reason)).toContain('a conversation booked for a time that had passed');
    const sessionId = newId();
    await force(j.stream, 'SessionRequested', { sessionId, channel: 'phone', wishes: null }, j.citizen);
    const proposal = await force(j.stream, 'SessionTimeProposed', { sessionId, staffId: staff.id, start: ago(1), durationMinutes: 30, channel: 'phone' }, staff);
    expect((await at(9, proposal)).map((x) => x.reason)).toContain('a conversation proposed for a time that had passed');
    const other = newId();
    await force(j.stream, 'SessionRequested', { sessionId: other, channel: 'phone', wishes: null }, j.citizen);
    await force(j.stream, 'SessionTimeProposed', { sessionId: other, staffId: staff.id, start: ahead(2), durationMinutes: 30, channel: 'phone' }, staff);
    const moved = await force(j.stream, 'SessionBooked', { sessionId: other, staffId: colleague.id, start: ahead(3), durationMinutes: 30, channel: 'phone', bookedBy: 'citizen_confirmed_proposal' }, j.citizen);
    expect((await at(5, moved)).map((x) => x.reason)).toContain('a conversation booked without the citizen booking, or confirming as proposed');
  });

  it('the same offer again while the first waits, or soon after a withdrawal', async () => {
    const j = await journeyWithConversation();
    const again = await force(j.stream, 'OfferMade', { offerId: newId(), offer: { source: 'centre', kind: 'coaching' }, information: sealed, staffId: staff.id, atCitizensRequest: false, at: ago(0) }, staff);
    expect((await at(3, again)).map((x) => x.reason)).toContain('the same offer made again while the first waited for an answer');
    const k = await journeyWithConversation();
    await force(k.stream, 'ConsentGiven', { offerId: k.offerId, consent: { method: 'self_service' }, receipt: receipt(ago(0)) }, k.citizen);
    await force(k.stream, 'ConsentWithdrawn', { offerId: k.offerId, consent: { method: 'self_service' }, at: ago(0) }, k.citizen);
    const soon = await force(k.stream, 'OfferMade', { offerId: newId(), offer: { source: 'centre', kind: 'coaching' }, information: sealed, staffId: staff.id, atCitizensRequest: false, at: ago(0) }, staff);
    expect(await at(3, soon)).toHaveLength(1);
  });

  it('codes outside the declared values, fake sealed fields, coercive receipts and events that name no command', async () => {
    const j = await journeyWithConversation();
    const code = await force(j.stream, 'ParticipationEnded', { offerId: j.offerId, because: 'sanktion_for_udeblivelse' }, staff);
    expect((await at(7, code)).map((x) => x.reason)).toEqual(['ParticipationEnded: because is not one of the declared values']);
    const fake = await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: { $sealed: 'v1', s: 'x', iv: 'x', ct: 'Du skal møde, ellers sanktion', tag: 'x' }, at: ago(0) }, j.citizen);
    expect((await at(7, fake)).map((x) => x.reason)).toEqual(['OfferDeclined: reason is personal data in the clear (it must be sealed)']);
    const words = { ...receipt(ago(0)), purpose: 'Mandatory activation; refusal means a sanction of your benefits' };
    const coercive = await force(j.stream, 'ConsentGiven', { offerId: newId(), consent: { method: 'self_service' }, receipt: words }, j.citizen);
    expect((await at(7, coercive)).map((x) => x.reason)).toEqual(['ConsentGiven: receipt.purpose uses words of coercion (sanction, benefit, mandatory)']);
    const { rows } = await sql<{ p: string }>`
      insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      values (${`calendar-${newId()}`}, 1, ${newId()}, 'SlotReleased', 1, '{"slotId":"x","sessionId":"y"}'::jsonb, '{"actor":{"id":"x","role":"staff"}}'::jsonb)
      returning global_position as p`.execute(t.database.db);
    expect((await at(7, Number(rows[0]!.p))).map((x) => x.reason)).toEqual(['SlotReleased: metadata: it names no command']);
  });

  it('a recorded time written by hand, minutes before what comes earlier in the log', async () => {
    await journeyWithConversation();
    // A superuser can get past the database's own rules: write the row with the triggers off.
    await sql`set session_replication_role = replica`.execute(t.database.db);
    let position: number;
    try {
      const { rows } = await sql<{ p: string }>`
        insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
        values (${`calendar-${newId()}`}, 1, ${newId()}, 'SlotReleased', 1, ${JSON.stringify({ slotId: newId(), sessionId: newId() })}::jsonb,
                ${JSON.stringify({ actor: staff, commandId: newId(), correlationId: newId(), causationId: newId(), occurredAt: ago(2) })}::jsonb, ${ago(2)}::timestamptz)
        returning global_position as p`.execute(t.database.db);
      position = Number(rows[0]!.p);
    } finally {
      await sql`set session_replication_role = origin`.execute(t.database.db);
    }
    expect((await at(7, position)).map((x) => x.reason)).toEqual([expect.stringMatching(/^recorded \d+ s before an event earlier in the log$/)]);
  });
});

describe('the journey decider’s rules on offers in conversations, the citizen’s latest word and the present centre', () => {
  const reasonsAt = async (check: number, position: number) => (await at(check, position)).map((x) => x.reason);
  const held = (sessionId: string, heldAt: string, durationMinutes = 40) => ({ sessionId, staffId: staff.id, channel: 'phone', heldAt, durationMinutes, topics: [], informationGiven: null, nextSteps: null, notes: null });
  const coachingIn = (sessionId: string) => ({ offerId: newId(), offer: { source: 'centre', kind: 'coaching' }, information: sealed, staffId: staff.id, atCitizensRequest: false, at: ago(0), sessionId });

  it('an offer put into a conversation that ended more than 24 hours before, and the consent staff record from it', async () => {
    const j = await journeyWithConversation();
    // A second conversation, held three days ago for 40 minutes: an offer "made in it" now is put into an old one.
    const old = newId();
    await force(j.stream, 'SessionBooked', { sessionId: old, staffId: staff.id, start: ago(3), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionHeld', held(old, ago(3)), staff);
    const late = { ...coachingIn(old), offer: { source: 'centre', kind: 'workshop' } };
    const forged = await force(j.stream, 'OfferMade', late, staff);
    expect(await reasonsAt(9, forged)).toEqual([expect.stringMatching(/^an offer said to be made in a conversation, recorded 7\d\.\d hours after it ended \(more than 24\)$/)]);
    // The claim does not count: a consent recorded from that conversation is to an offer made after it, and not in it.
    const consent = await force(j.stream, 'ConsentGiven', { offerId: late.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: old }, receipt: receipt(ago(3), 'verbal_in_session') }, staff);
    expect(await reasonsAt(2, consent)).toEqual(['ConsentGiven recorded by staff from a conversation before the offer was made, and not the one it was made in']);
    // The same shape an hour after its end passes: the fixture's offer, and a consent from its conversation.
    const recent = newId();
    await force(j.stream, 'SessionBooked', { sessionId: recent, staffId: staff.id, start: hoursAgo(2), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionHeld', held(recent, hoursAgo(2), 60), staff);
    const inTime = { ...coachingIn(recent), offer: { source: 'centre', kind: 'seminar' } };
    const honest = await force(j.stream, 'OfferMade', inTime, staff);
    const answer = await force(j.stream, 'ConsentGiven', { offerId: inTime.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: recent }, receipt: receipt(hoursAgo(2), 'verbal_in_session') }, staff);
    expect(await at(9, j.offerPosition)).toEqual([]);
    expect(await at(9, honest)).toEqual([]);
    expect(await at(2, answer)).toEqual([]);
  });

  it('the 24 hours run from the conversation’s end as recorded, its stated start bounded by the log and its length by what the application records', async () => {
    const j = await journeyWithConversation();
    // Booked 30 hours ago, said to have begun 8 hours later and to have lasted 40 minutes: it ended under 22 hours
    // ago (reckoned from its booked start, 29), and an offer now is in time.
    const later = newId();
    await force(j.stream, 'SessionBooked', { sessionId: later, staffId: staff.id, start: hoursAgo(30), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionHeld', held(later, hoursAgo(22)), staff);
    const inTime = await force(j.stream, 'OfferMade', { ...coachingIn(later), offer: { source: 'centre', kind: 'seminar' } }, staff);
    expect(await at(9, inTime)).toEqual([]);
    // A conversation three days ago "lasting" 100 000 minutes does not stretch the window: 240 minutes at most.
    const stretched = newId();
    await force(j.stream, 'SessionBooked', { sessionId: stretched, staffId: staff.id, start: ago(3), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    await force(j.stream, 'SessionHeld', held(stretched, ago(3), 100_000), staff);
    const forged = await force(j.stream, 'OfferMade', { ...coachingIn(stretched), offer: { source: 'centre', kind: 'workshop' } }, staff);
    expect(await reasonsAt(9, forged)).toEqual([expect.stringMatching(/^an offer said to be made in a conversation, recorded 6\d\.\d hours after it ended \(more than 24\)$/)]);
  });

  it('an offer said to be made in a conversation that was not held, or by someone who did not hold it', async () => {
    const j = await journeyWithConversation();
    const booked = newId();
    await force(j.stream, 'SessionBooked', { sessionId: booked, staffId: staff.id, start: ahead(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    const notHeld = await force(j.stream, 'OfferMade', { ...coachingIn(booked), offer: { source: 'centre', kind: 'workshop' } }, staff);
    expect(await reasonsAt(9, notHeld)).toEqual(['an offer said to be made in a conversation that was not held']);
    const byColleague = await force(j.stream, 'OfferMade', { ...coachingIn(j.sessionId), offer: { source: 'centre', kind: 'seminar' }, staffId: colleague.id }, colleague);
    expect(await reasonsAt(9, byColleague)).toEqual(['an offer said to be made in a conversation by someone other than the staff member who held it']);
  });

  it('a staff-recorded consent to a new offer of the same kind, from a conversation before the citizen’s own no to the first', async () => {
    // The review's case: the citizen said no to coaching themselves after the conversation began;
    // a second coaching offer put in that conversation carries a yes from it.
    const j = await journeyWithConversation();
    await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: ago(0) }, j.citizen);
    await force(j.stream, 'OfferAskedFor', { offer: { source: 'centre', kind: 'coaching' }, recordedBy: { by: 'citizen' }, at: ago(0) }, j.citizen);
    const second = coachingIn(j.sessionId);
    const made = await force(j.stream, 'OfferMade', { ...second, atCitizensRequest: true }, staff);
    const forged = await force(j.stream, 'ConsentGiven', { offerId: second.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, staff);
    expect(await reasonsAt(2, forged)).toEqual(['ConsentGiven recorded by staff from a conversation that came before the citizen’s own later answer to an offer of the same kind']);
    for (const check of [3, 9]) expect(await at(check, made), `check ${check}`).toEqual([]);
    // A decline or a withdrawal staff record is held to it too.
    const declined = await force(j.stream, 'OfferDeclined', { offerId: second.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: j.sessionId }, reason: null, at: hoursAgo(12) }, staff);
    expect(await reasonsAt(2, declined)).toEqual(['OfferDeclined recorded by staff from a conversation that came before the citizen’s own later answer to an offer of the same kind']);
  });

  it('the same shape with the citizen’s own no to an offer of another kind passes', async () => {
    const j = await journeyWithConversation();
    await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: ago(0) }, j.citizen);
    const workshop = { ...coachingIn(j.sessionId), offer: { source: 'centre', kind: 'workshop' } };
    await force(j.stream, 'OfferMade', workshop, staff);
    const consent = await force(j.stream, 'ConsentGiven', { offerId: workshop.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, staff);
    expect(await at(2, consent)).toEqual([]);
  });

  it('a staff-recorded answer to an offer carried over from the journey’s earlier centre, or to one never made', async () => {
    const j = await journeyWithConversation();
    const elsewhere = newId();
    const there = { id: 'counsellor-3', role: 'staff' };
    await force(j.stream, 'JourneyClosed', { journeyId: newId() }, j.citizen);
    await force(j.stream, 'JourneyStarted', { journeyId: newId(), citizenId: j.citizenId, centreId: elsewhere, firstContact: 'self_service', alias: null, startedBy: 'citizen' }, j.citizen, { centreId: elsewhere });
    // A conversation at the new centre, begun after the offer was made at the first one.
    const sessionId = newId();
    await force(j.stream, 'SessionBooked', { sessionId, staffId: there.id, start: new Date().toISOString(), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen, { centreId: elsewhere });
    await force(j.stream, 'SessionHeld', { ...held(sessionId, new Date().toISOString()), staffId: there.id }, there, { centreId: elsewhere });
    const consent = { method: 'verbal_in_session', staffId: there.id, sessionId };
    const carried = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent, receipt: receipt(ago(0), consent.method) }, there, { centreId: elsewhere });
    expect(await reasonsAt(2, carried)).toEqual(['ConsentGiven recorded by staff for an offer made at another centre than the journey’s present one']);
    const never = await force(j.stream, 'OfferDeclined', { offerId: newId(), consent, reason: null, at: ago(0) }, there, { centreId: elsewhere });
    expect(await reasonsAt(2, never)).toEqual(['OfferDeclined recorded by staff for an offer this journey’s log never made']);
    // The citizen answers the earlier centre's offer themselves; an offer the new centre made, its staff record.
    const own = await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: 'self_service' }, reason: null, at: ago(0) }, j.citizen, { centreId: elsewhere });
    const ours = { ...coachingIn(sessionId), offer: { source: 'centre', kind: 'workshop' }, staffId: there.id };
    await force(j.stream, 'OfferMade', ours, there, { centreId: elsewhere });
    const answered = await force(j.stream, 'ConsentGiven', { offerId: ours.offerId, consent, receipt: receipt(ago(0), consent.method) }, there, { centreId: elsewhere });
    expect(await at(2, own)).toEqual([]);
    expect(await at(2, answered)).toEqual([]);
  });

  it('readable texts are held to the wording rule as the decider holds staff text; offer texts and notes are sealed and not read', async () => {
    const j = await journeyWithConversation();
    const sessionId = newId();
    await force(j.stream, 'SessionBooked', { sessionId, staffId: staff.id, start: hoursAgo(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    const coercive = await force(j.stream, 'SessionHeld', { ...held(sessionId, hoursAgo(1)), topics: ['Du skal deltage i forløbet. Fristen er fredag.', 'Attendance is required, otherwise your payments stop.'] }, staff);
    expect((await reasonsAt(7, coercive)).sort()).toEqual([
      'SessionHeld: topics.0 uses words of coercion (frist, skal deltage)',
      'SessionHeld: topics.1 uses words of coercion (required, otherwise, payments stop)',
    ]);
    const words = { ...receipt(ago(0)), purpose: 'Du er nødt til at tage imod tilbuddet, senest mandag' };
    const receiptPosition = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { method: 'self_service' }, receipt: words }, j.citizen);
    expect(await reasonsAt(7, receiptPosition)).toEqual(['ConsentGiven: receipt.purpose uses words of coercion (senest, nødt til)']);
    // Ordinary voluntary texts of the same shape pass.
    const other = newId();
    await force(j.stream, 'SessionBooked', { sessionId: other, staffId: staff.id, start: hoursAgo(1), durationMinutes: 45, channel: 'phone', bookedBy: 'citizen' }, j.citizen);
    const voluntary = await force(j.stream, 'SessionHeld', { ...held(other, hoursAgo(1)), topics: ['Det er fristende at prøve noget nyt – du kan altid stoppe igen.', 'You do not have to decide now, and nothing follows if you say no.'] }, staff);
    expect(await at(7, voluntary)).toEqual([]);
  });
});

describe('how the citizen answered is on record, as the decider writes it', () => {
  it('a staff-recorded answer that does not say how the citizen gave it, and a receipt that says otherwise than its consent', async () => {
    const j = await journeyWithConversation();
    const noMethod = await force(j.stream, 'ConsentGiven', { offerId: j.offerId, consent: { staffId: staff.id, sessionId: j.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, staff);
    expect((await at(2, noMethod)).map((x) => x.reason).sort()).toEqual([
      'ConsentGiven recorded by staff without saying how the citizen gave it (no method)',
      'ConsentGiven whose receipt says it was given verbal_in_session, and its consent in no stated way',
    ]);
    const declined = await force(j.stream, 'OfferDeclined', { offerId: j.offerId, consent: { method: null, staffId: staff.id, sessionId: j.sessionId }, reason: null, at: hoursAgo(12) }, staff);
    expect((await at(2, declined)).map((x) => x.reason)).toEqual(['OfferDeclined recorded by staff without saying how the citizen gave it (no method)']);
    // The citizen's own yes with a receipt that claims a signature.
    const k = await journeyWithConversation();
    const claimed = await force(k.stream, 'ConsentGiven', { offerId: k.offerId, consent: { method: 'self_service' }, receipt: receipt(ago(0), 'signed_in_person') }, k.citizen);
    expect((await at(2, claimed)).map((x) => x.reason)).toEqual(['ConsentGiven whose receipt says it was given signed_in_person, and its consent self_service']);
    // The same shapes as the decider writes them pass.
    const m = await journeyWithConversation();
    const honest = await force(m.stream, 'ConsentGiven', { offerId: m.offerId, consent: { method: 'verbal_in_session', staffId: staff.id, sessionId: m.sessionId }, receipt: receipt(hoursAgo(12), 'verbal_in_session') }, staff);
    const own = await force(m.stream, 'ConsentWithdrawn', { offerId: m.offerId, consent: { method: 'self_service' }, at: ago(0) }, m.citizen);
    expect(await at(2, honest)).toEqual([]);
    expect(await at(2, own)).toEqual([]);
  });
});
