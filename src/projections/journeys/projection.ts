import type { Kysely } from 'kysely';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '../../domain/journey/journey.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows, insertRows } from '../engine/rows.js';

/** Every journey event: the aggregate's own list, so a new event reaches `applyBatch`'s exhaustive switch. */
const HANDLES: readonly JourneyEvent['type'][] = Object.keys(JOURNEY_EVENT_SCHEMA_VERSIONS).filter((type): type is JourneyEvent['type'] => type in JOURNEY_EVENT_SCHEMA_VERSIONS);

const citizenOf = (e: RecordedEvent) => e.streamId.replace(/^journey-/, '');

interface CitizenRow extends Record<string, unknown> {
  citizen_id: string;
  centre_id: string;
  alias: unknown;
  status: 'open' | 'closed' | 'erased';
  shared_with: string[];
}
interface SessionRow extends Record<string, unknown> {
  session_id: string;
  citizen_id: string;
  centre_id: string;
  staff_id: string | null;
  start: string | null;
  duration_minutes: number | null;
  channel: string | null;
  status: 'requested' | 'proposed' | 'booked' | 'cancelled' | 'held' | 'not_held';
  booked_by: string | null;
}
interface OfferRow extends Record<string, unknown> {
  offer_id: string;
  citizen_id: string;
  centre_id: string;
  kind: string;
  made_at: string;
  answer: 'none' | 'consented' | 'declined' | 'withdrawn';
  answered_at: string | null;
  participating: boolean;
}

const citizens = () =>
  new BatchRows<CitizenRow>({ table: 'journey_citizens', key: ['citizen_id'], columns: ['citizen_id', 'centre_id', 'alias', 'status', 'shared_with'] });
const sessions = () =>
  new BatchRows<SessionRow>({
    table: 'journey_sessions',
    key: ['session_id'],
    columns: ['session_id', 'citizen_id', 'centre_id', 'staff_id', 'start', 'duration_minutes', 'channel', 'status', 'booked_by'],
    moments: ['start'],
  });
const offers = () =>
  new BatchRows<OfferRow>({
    table: 'journey_offers',
    key: ['offer_id'],
    columns: ['offer_id', 'citizen_id', 'centre_id', 'kind', 'made_at', 'answer', 'answered_at', 'participating'],
    moments: ['made_at', 'answered_at'],
  });

const idIn = (recorded: RecordedEvent, field: 'sessionId' | 'offerId') => {
  const id = (recorded.data as Record<string, unknown> | null)?.[field];
  return typeof id === 'string' ? [[id]] : [];
};

/**
 * One batch: the rows its events touch read once per table, changed in memory in log order as
 * each event would change them, and written once per table. Personal fields are written as sealed.
 */
async function applyBatch(trx: Kysely<any>, schema: string, batch: readonly RecordedEvent[]): Promise<void> {
  const citizen = citizens();
  const session = sessions();
  const offer = offers();
  await citizen.load(trx, schema, batch.map((e) => [citizenOf(e)]));
  await session.load(trx, schema, batch.flatMap((e) => idIn(e, 'sessionId')));
  await offer.load(trx, schema, batch.flatMap((e) => idIn(e, 'offerId')));
  const records: object[] = [];
  const consents: object[] = [];
  for (const recorded of batch) {
    const event = { type: recorded.type, data: recorded.data } as JourneyEvent;
    const citizenId = citizenOf(recorded);
    // An event written around the application may lack metadata; it must not stop the read model.
    const at = recorded.metadata?.occurredAt ?? recorded.recordedAt.toISOString();
    const centreId = recorded.metadata?.centreId ?? '';
    // Everything recorded about the citizen, for their own view.
    records.push({ position: recorded.globalPosition, citizen_id: citizenId, centre_id: centreId, occurred_at: at, event_type: recorded.type, actor_role: recorded.metadata?.actor?.role ?? 'unknown', data: recorded.data });
    const known = citizen.get(citizenId);
    switch (event.type) {
      case 'JourneyStarted':
        // A journey started at another centre is not shared with it, nor with any centre before.
        citizen.set({
          citizen_id: citizenId,
          centre_id: event.data.centreId,
          alias: event.data.alias ?? null,
          status: 'open',
          shared_with: known && known.centre_id === event.data.centreId ? known.shared_with : [],
        });
        break;
      case 'JourneyClosed':
        if (known) citizen.set({ ...known, status: 'closed' });
        break;
      case 'JourneyHistoryShared':
        if (known) citizen.set({ ...known, shared_with: [...new Set([...known.shared_with, event.data.centreId])] });
        break;
      case 'CitizenErased':
        if (known) citizen.set({ ...known, status: 'erased', alias: null });
        break;
      case 'SessionRequested': {
        const d = event.data;
        if (!session.get(d.sessionId))
          session.set({ session_id: d.sessionId, citizen_id: citizenId, centre_id: centreId, staff_id: null, start: null, duration_minutes: null, channel: d.channel, status: 'requested', booked_by: null });
        break;
      }
      case 'SessionTimeProposed':
      case 'SessionBooked': {
        const d = event.data;
        const before = session.get(d.sessionId);
        session.set({
          session_id: d.sessionId,
          citizen_id: before?.citizen_id ?? citizenId,
          centre_id: before?.centre_id ?? centreId,
          staff_id: d.staffId,
          start: d.start,
          duration_minutes: d.durationMinutes,
          channel: d.channel,
          status: event.type === 'SessionBooked' ? 'booked' : 'proposed',
          booked_by: event.type === 'SessionBooked' ? event.data.bookedBy : null,
        });
        break;
      }
      case 'SessionCancelled':
      case 'SessionHeld':
      case 'SessionNotHeld': {
        const before = session.get(event.data.sessionId);
        if (before) session.set({ ...before, status: event.type === 'SessionCancelled' ? 'cancelled' : event.type === 'SessionHeld' ? 'held' : 'not_held' });
        break;
      }
      case 'OfferMade': {
        const d = event.data;
        const kind = d.offer.source === 'centre' ? d.offer.kind : `partner:${d.offer.catalogueOfferId}`;
        if (!offer.get(d.offerId)) offer.set({ offer_id: d.offerId, citizen_id: citizenId, centre_id: centreId, kind, made_at: d.at, answer: 'none', answered_at: null, participating: false });
        break;
      }
      case 'ConsentGiven':
      case 'OfferDeclined':
      case 'ConsentWithdrawn': {
        const answer = event.type === 'ConsentGiven' ? 'consented' : event.type === 'OfferDeclined' ? 'declined' : 'withdrawn';
        // When the citizen answered: the receipt's time, or the conversation's when staff record it
        // afterwards; never the moment it was typed in. A log written around the deciders may lack
        // either (the audit reports it): the read model then keeps the recorded time and goes on.
        const told = event.type === 'ConsentGiven' ? (event.data.receipt as { timestamp?: string } | undefined)?.timestamp : event.data.at;
        const answeredAt = typeof told === 'string' && !Number.isNaN(Date.parse(told)) ? told : at;
        const before = offer.get(event.data.offerId);
        if (before) offer.set({ ...before, answer, answered_at: answeredAt });
        consents.push({
          position: recorded.globalPosition,
          citizen_id: citizenId,
          offer_id: event.data.offerId,
          centre_id: centreId,
          event_type: event.type,
          consent: event.data.consent,
          receipt: event.type === 'ConsentGiven' ? (event.data.receipt ?? null) : null,
          occurred_at: answeredAt,
        });
        break;
      }
      case 'ParticipationStarted':
      case 'ParticipationEnded': {
        const before = offer.get(event.data.offerId);
        if (before) offer.set({ ...before, participating: event.type === 'ParticipationStarted' });
        break;
      }
      case 'GoalStated':
      case 'GoalRevised':
      case 'GoalDropped':
      case 'OfferAskedFor':
      case 'OutcomeRecorded':
      case 'WellBeingAnswered':
      case 'DataSharingConsentGiven':
      case 'ReferralMade':
      case 'DataSharingConsentWithdrawn':
        // In the records only. Data sharing with partners has its own read model (src/projections/referrals).
        break;
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  }
  await insertRows(trx, schema, 'journey_records', 'position', records);
  await citizen.save(trx, schema);
  await session.save(trx, schema);
  await offer.save(trx, schema);
  await insertRows(trx, schema, 'journey_consents', 'position', consents);
}

/** Journeys as people look at them: the citizen's records, counsellors' days, offers, consents. */
export const journeysProjection: Projection = {
  name: 'journeys',
  version: 3,
  mode: 'async',
  tables: ['journey_records', 'journey_citizens', 'journey_sessions', 'journey_offers', 'journey_consents'],
  handles: HANDLES,
  apply: applyBatch,
};
