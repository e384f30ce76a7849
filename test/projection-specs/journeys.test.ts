import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, PERSONAL_FIELDS, type JourneyEvent } from '../../src/domain/journey/journey.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { isSealed } from '../../src/privacy/vault.js';
import { journeysProjection } from '../../src/projections/journeys/projection.js';
import { consentRegister, journeyReaderOf, mentorConversations } from '../../src/projections/journeys/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { boardAndCalendarEvents, budgetHistory, centreHistory, journeyHistory, PLAINTEXT, specVault } from './histories.js';

const specs = projectionSpecs(journeysProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

type Journey = Awaited<ReturnType<typeof journeyHistory>>;
type Step = keyof Journey['events'];

/** A fresh build, one citizen's journey, and its events up to (and with) a step. */
async function journey() {
  const log = new EventLog();
  const centreId = newId();
  const movedTo = newId();
  const j = await journeyHistory(log, specVault(specs.database), centreId, movedTo);
  const steps = Object.keys(j.events);
  const upTo = (step: Step) => j.all.slice(0, steps.indexOf(step) + 1);
  return { log, centreId, movedTo, ...j, upTo, spec: await specs.fresh() };
}

const at = (e: RecordedEvent) => new Date(e.metadata.occurredAt);

describe('journeys read model', () => {
  it('handles every journey event', () => {
    expect([...(journeysProjection.handles === 'all' ? [] : journeysProjection.handles)].sort()).toEqual(Object.keys(JOURNEY_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('records every event for the citizen’s own view, as stored (sealed), with where, when and by whom', async () => {
    const j = await journey();
    await j.spec.given(j.all);
    expect(await j.spec.rows('journey_records')).toEqual(
      j.all.map((e) => ({
        position: String(e.globalPosition),
        citizen_id: j.citizenId,
        centre_id: e.metadata.centreId ?? '',
        occurred_at: at(e),
        event_type: e.type,
        actor_role: e.metadata.actor.role,
        data: e.data,
      })),
    );
  });

  it('JourneyStarted opens the citizen’s journey at their centre, the alias sealed', async () => {
    const j = await journey();
    await j.spec.given(j.upTo('started'));
    const alias = { $sealed: 'v1', s: j.citizenId, iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) };
    expect(await j.spec.rows('journey_citizens')).toEqual([{ citizen_id: j.citizenId, centre_id: j.centreId, alias, status: 'open', shared_with: [] }]);
  });

  it('a JourneyStarted at another centre moves the journey there, shared with nobody; JourneyHistoryShared shares it, once', async () => {
    const j = await journey();
    await j.spec.given(j.upTo('moved'));
    expect(await j.spec.rows('journey_citizens')).toMatchObject([{ centre_id: j.movedTo, status: 'open', shared_with: [] }]);
    await j.spec.given([j.events.shared]);
    expect(await j.spec.rows('journey_citizens')).toMatchObject([{ centre_id: j.movedTo, status: 'open', shared_with: [j.movedTo] }]);
    // Sharing again (a retry recorded as a second event) keeps one entry.
    const again = j.log.record(j.events.shared.streamId, { type: 'JourneyHistoryShared', data: j.events.shared.data }, 1, { actor: j.events.shared.metadata.actor, at: '2027-04-02T10:00:00.000+02:00' });
    await j.spec.given([again]);
    expect(await j.spec.rows('journey_citizens')).toMatchObject([{ shared_with: [j.movedTo] }]);
  });

  it('a JourneyStarted again at the same centre keeps what was shared with it', async () => {
    const j = await journey();
    await j.spec.given(j.upTo('shared'));
    const restarted = j.log.record(j.events.moved.streamId, { type: 'JourneyStarted', data: j.events.moved.data }, 1, {
      actor: j.events.moved.metadata.actor,
      centreId: j.movedTo,
      at: '2027-05-01T10:00:00.000+02:00',
    });
    await j.spec.given([j.events.closed, restarted]);
    expect(await j.spec.rows('journey_citizens')).toMatchObject([{ centre_id: j.movedTo, status: 'open', shared_with: [j.movedTo] }]);
  });

  it('JourneyClosed closes it; CitizenErased marks it erased and drops the sealed alias', async () => {
    const j = await journey();
    await j.spec.given(j.upTo('closed'));
    expect(await j.spec.rows('journey_citizens')).toMatchObject([{ citizen_id: j.citizenId, status: 'closed' }]);
    await j.spec.given([j.events.erased]);
    expect(await j.spec.rows('journey_citizens')).toEqual([{ citizen_id: j.citizenId, centre_id: j.movedTo, alias: null, status: 'erased', shared_with: [j.movedTo] }]);
  });

  it('SessionRequested, SessionTimeProposed, SessionBooked and SessionHeld move a conversation along', async () => {
    const j = await journey();
    const session = { session_id: 's1', citizen_id: j.citizenId, centre_id: j.centreId };
    const booked = { ...session, staff_id: j.staffId, start: new Date(j.start), duration_minutes: 45, channel: 'in_person_centre' };
    await j.spec.given(j.upTo('requested'));
    expect(await j.spec.rows('journey_sessions')).toEqual([
      { ...session, staff_id: null, start: null, duration_minutes: null, channel: 'in_person_centre', status: 'requested', booked_by: null },
    ]);
    await j.spec.given([j.events.proposed]);
    expect(await j.spec.rows('journey_sessions')).toEqual([{ ...booked, status: 'proposed', booked_by: null }]);
    await j.spec.given([j.events.booked]);
    expect(await j.spec.rows('journey_sessions')).toEqual([{ ...booked, status: 'booked', booked_by: 'citizen_confirmed_proposal' }]);
    await j.spec.given([j.events.held]);
    expect(await j.spec.rows('journey_sessions')).toEqual([{ ...booked, status: 'held', booked_by: 'citizen_confirmed_proposal' }]);
  });

  it('SessionCancelled and SessionNotHeld close the conversations they name, and no other', async () => {
    const j = await journey();
    await j.spec.given(j.upTo('notHeld'));
    const sessions = await j.spec.rows('journey_sessions');
    expect(sessions.map((s) => [s['session_id'], s['status'], s['channel'], s['booked_by']])).toEqual([
      ['s1', 'held', 'in_person_centre', 'citizen_confirmed_proposal'],
      ['s2', 'cancelled', 'phone', 'citizen'],
      ['s3', 'not_held', 'video', 'citizen'],
    ]);
  });

  it('OfferMade, ConsentGiven and ParticipationStarted: an offer answered and taken part in', async () => {
    const j = await journey();
    const offer = { offer_id: 'o1', citizen_id: j.citizenId, centre_id: j.centreId, kind: 'entrepreneur_incubator', made_at: new Date(j.start) };
    await j.spec.given(j.upTo('offerMade'));
    expect(await j.spec.rows('journey_offers')).toEqual([{ ...offer, answer: 'none', answered_at: null, participating: false }]);
    await j.spec.given([j.events.consented]);
    expect(await j.spec.rows('journey_offers')).toEqual([{ ...offer, answer: 'consented', answered_at: at(j.events.consented), participating: false }]);
    await j.spec.given([j.events.participating]);
    expect(await j.spec.rows('journey_offers')).toEqual([{ ...offer, answer: 'consented', answered_at: at(j.events.consented), participating: true }]);
  });

  it('OfferDeclined, ConsentWithdrawn and ParticipationEnded answer the offers they name', async () => {
    const j = await journey();
    await j.spec.given(j.upTo('participationEnded'));
    expect(await j.spec.rows('journey_offers')).toMatchObject([
      { offer_id: 'o1', answer: 'withdrawn', answered_at: at(j.events.withdrawn), participating: false },
      { offer_id: 'o2', kind: 'coaching', answer: 'declined', answered_at: at(j.events.declined), participating: false },
    ]);
  });

  it('every answer is kept as a consent record, the receipt with the consent', async () => {
    const j = await journey();
    await j.spec.given(j.all);
    const answer = (e: RecordedEvent, offerId: string, receipt: unknown) => ({
      position: String(e.globalPosition),
      citizen_id: j.citizenId,
      offer_id: offerId,
      centre_id: j.centreId,
      event_type: e.type,
      consent: { method: 'self_service' },
      receipt,
      occurred_at: at(e),
    });
    expect(await j.spec.rows('journey_consents')).toEqual([
      answer(j.events.consented, 'o1', j.receipt),
      answer(j.events.declined, 'o2', null),
      answer(j.events.withdrawn, 'o1', null),
    ]);
  });

  it('GoalStated, GoalRevised, GoalDropped, OfferAskedFor and OutcomeRecorded are records only', async () => {
    const j = await journey();
    const recordsOnly: JourneyEvent['type'][] = ['GoalStated', 'GoalRevised', 'GoalDropped', 'OfferAskedFor', 'OutcomeRecorded'];
    const before = j.all.filter((e) => !recordsOnly.some((t) => t === e.type));
    const other = await specs.fresh();
    await other.given(before);
    await j.spec.given(j.all);
    const [withThem, without] = [await j.spec.snapshot(), await other.snapshot()];
    expect({ ...withThem, journey_records: [] }).toEqual({ ...without, journey_records: [] });
    expect(withThem['journey_records']!.filter((r) => recordsOnly.some((t) => t === r['event_type']))).toHaveLength(5);
  });

  it('keeps personal data sealed: no row holds the alias, goals, wishes, notes, information, reasons or outcome notes', async () => {
    const j = await journey();
    await j.spec.given(j.all.slice(0, -1)); // before the erasure, when everything is still there
    const stored = JSON.stringify(await j.spec.snapshot());
    for (const [field, words] of Object.entries(PLAINTEXT)) expect(stored, field).not.toContain(words);
    // And every personal field the records hold is sealed under this citizen's key.
    const personalFields: Record<string, readonly string[]> = PERSONAL_FIELDS;
    let sealed = 0;
    for (const record of await j.spec.rows('journey_records')) {
      const type = String(record['event_type']);
      const data = new Map(Object.entries(record['data'] ?? {}));
      for (const field of personalFields[type] ?? []) {
        const value = data.get(field);
        if (value === null || value === undefined) continue;
        expect(isSealed(value) && value.s === j.citizenId, `${type}.${field}`).toBe(true);
        sealed++;
      }
    }
    // alias ×2, goal ×2, wishes, three from the conversation, information of two offers, a reason, a note.
    expect(sealed).toBe(12);
  });

  it('through its queries: staff of the centre a citizen moved to see earlier offers only once the citizen shares them', async () => {
    const j = await journey();
    const newCentreStaff = { id: 'staff-new', role: 'staff', centreId: j.movedTo } as const;
    await j.spec.given(j.upTo('moved'));
    await j.spec.serve();
    const before = await journeyReaderOf(j.spec.db, newCentreStaff, j.citizenId);
    expect(before).toEqual({ centreId: j.movedTo, seesEarlier: false });
    expect(await consentRegister(j.spec.db, j.citizenId, before)).toEqual([]);
    await j.spec.given([j.events.shared]);
    const after = await journeyReaderOf(j.spec.db, newCentreStaff, j.citizenId);
    expect(after).toEqual({ centreId: j.movedTo, seesEarlier: true });
    const register = await consentRegister(j.spec.db, j.citizenId, after);
    expect(register.map((o) => [o.offerId, o.answer, o.history.map((h) => h.type)])).toEqual([
      ['o1', 'withdrawn', ['ConsentGiven', 'ConsentWithdrawn']],
      ['o2', 'declined', ['OfferDeclined']],
    ]);
    // The citizen always sees everything.
    expect(await consentRegister(j.spec.db, j.citizenId, { citizen: true })).toEqual(register);
  });

  it('keeps citizens apart', async () => {
    const log = new EventLog();
    const centreId = newId();
    const vault = specVault(specs.database);
    const a = await journeyHistory(log, vault, centreId, newId());
    const b = await journeyHistory(log, vault, centreId, newId());
    const spec = await specs.fresh();
    // Session and offer ids are per journey in the domain ('s1', 'o1'); b's use their own.
    await spec.given(a.all.slice(0, 3), b.all.slice(0, 1));
    expect((await spec.rows('journey_citizens')).map((r) => r['citizen_id']).sort()).toEqual([a.citizenId, b.citizenId].sort());
    expect((await spec.rows('journey_records')).filter((r) => r['citizen_id'] === b.citizenId)).toHaveLength(1);
  });

  it('ignores every event it does not handle, interleaved with those it does', async () => {
    const j = await journey();
    const centre = centreHistory(j.log, j.centreId);
    const others = [...centre.all, ...budgetHistory(j.log, j.centreId).all, ...boardAndCalendarEvents(j.log, j.centreId)];
    await j.spec.given(j.all);
    const mixed = await specs.fresh();
    await mixed.given([...others.slice(0, 4), ...j.all.slice(0, 10), ...others.slice(4), ...j.all.slice(10)]);
    expect(await mixed.snapshot()).toEqual(await j.spec.snapshot());
    const none = await specs.fresh();
    await none.given(others);
    expect(Object.values(await none.snapshot()).flat()).toEqual([]);
  });

  it('makes the same few statements for a batch of any size: no round trip per event', async () => {
    const statements = async (journeys: number) => {
      const log = new EventLog();
      const events: RecordedEvent[] = [];
      for (let i = 0; i < journeys; i++) events.push(...(await journeyHistory(log, specVault(specs.database), newId(), newId())).all);
      const { statements: count, schema } = await specs.statementsFor(events);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'journey_records')}`.execute(specs.db);
      expect(rows[0]!.n).toBe(events.length);
      return count;
    };
    const few = await statements(1);
    const many = await statements(40);
    // Reads of the citizens, sessions and offers; the records; the three tables written; the consents.
    expect(few).toBeGreaterThanOrEqual(6);
    expect(few).toBeLessThanOrEqual(8);
    expect(many).toBe(few);
  });

  it('gives the same rows however the events are split into batches', async () => {
    const j = await journey();
    const rows = await specs.expectSameRowsForEverySplit(j.all);
    expect(rows['journey_records']).toHaveLength(j.all.length);
  });
});

describe('mentor conversations', () => {
  it('are the conversations booked at a time for mentor conversations, as they stand now, earliest first', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const citizenId = newId();
    const centreId = newId();
    const journeyOf = log.stream<JourneyEvent>(`journey-${citizenId}`, JOURNEY_EVENT_SCHEMA_VERSIONS);
    const by = { actor: { id: citizenId, role: 'citizen' }, centreId, at: '2027-01-02T09:00:00.000+01:00' };
    const booked = (sessionId: string, start: string, mentoring: boolean): JourneyEvent => ({
      type: 'SessionBooked',
      data: { sessionId, staffId: 'adviser-1', start, durationMinutes: 60, channel: 'video', bookedBy: 'citizen', ...(mentoring ? { mentoring: true as const } : {}) },
    });
    await spec.given([
      journeyOf({ type: 'JourneyStarted', data: { journeyId: newId(), citizenId, centreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' } }, by),
      journeyOf(booked('later-mentor', '2027-01-20T09:00:00.000Z', true), by),
      journeyOf(booked('ordinary', '2027-01-10T09:00:00.000Z', false), by),
      journeyOf(booked('first-mentor', '2027-01-12T09:00:00.000Z', true), by),
      journeyOf({ type: 'SessionCancelled', data: { sessionId: 'later-mentor', cancelledBy: 'citizen' } }, by),
    ]);
    await spec.serve();
    expect(await mentorConversations(spec.db, citizenId)).toEqual([
      { sessionId: 'first-mentor', start: '2027-01-12T09:00:00.000Z', channel: 'video', status: 'booked' },
      { sessionId: 'later-mentor', start: '2027-01-20T09:00:00.000Z', channel: 'video', status: 'cancelled' },
    ]);
  });
});
