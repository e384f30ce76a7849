import { type Kysely, sql } from 'kysely';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '../../domain/journey/journey.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';

/** Every journey event: the aggregate's own list, so a new event reaches `applyOne`'s exhaustive switch. */
const HANDLES: readonly JourneyEvent['type'][] = Object.keys(JOURNEY_EVENT_SCHEMA_VERSIONS).filter((type): type is JourneyEvent['type'] => type in JOURNEY_EVENT_SCHEMA_VERSIONS);

const citizenOf = (e: RecordedEvent) => e.streamId.replace(/^journey-/, '');
const json = (v: unknown) => JSON.stringify(v);

/** One step: the read-model change for one event. Personal fields are written as sealed. */
async function applyOne(trx: Kysely<any>, schema: string, recorded: RecordedEvent): Promise<void> {
  const t = (table: string) => sql.id(schema, table);
  const event = { type: recorded.type, data: recorded.data } as JourneyEvent;
  const citizenId = citizenOf(recorded);
  // An event written around the application may lack metadata; it must not stop the read model.
  const at = recorded.metadata?.occurredAt ?? recorded.recordedAt.toISOString();
  const centreId = recorded.metadata?.centreId ?? '';
  // Everything recorded about the citizen, for their own view.
  await sql`insert into ${t('journey_records')} (position, citizen_id, centre_id, occurred_at, event_type, actor_role, data)
            values (${recorded.globalPosition}, ${citizenId}, ${centreId}, ${at}, ${recorded.type}, ${recorded.metadata?.actor?.role ?? 'unknown'}, ${json(recorded.data)}::jsonb)
            on conflict (position) do nothing`.execute(trx);
  switch (event.type) {
    case 'JourneyStarted':
      // A journey started at another centre is not shared with it, nor with any centre before.
      await sql`insert into ${t('journey_citizens')} (citizen_id, centre_id, alias, status) values (${citizenId}, ${event.data.centreId}, ${json(event.data.alias)}::jsonb, 'open')
                on conflict (citizen_id) do update set centre_id = excluded.centre_id, alias = excluded.alias, status = 'open',
                  shared_with = case when ${t('journey_citizens')}.centre_id = excluded.centre_id then ${t('journey_citizens')}.shared_with else '{}' end`.execute(trx);
      return;
    case 'JourneyClosed':
      await sql`update ${t('journey_citizens')} set status = 'closed' where citizen_id = ${citizenId}`.execute(trx);
      return;
    case 'JourneyHistoryShared':
      await sql`update ${t('journey_citizens')} set shared_with = array(select distinct unnest(shared_with || ${[event.data.centreId]}::text[]))
                where citizen_id = ${citizenId}`.execute(trx);
      return;
    case 'CitizenErased':
      await sql`update ${t('journey_citizens')} set status = 'erased', alias = null where citizen_id = ${citizenId}`.execute(trx);
      return;
    case 'SessionRequested':
      await sql`insert into ${t('journey_sessions')} (session_id, citizen_id, centre_id, channel, status) values (${event.data.sessionId}, ${citizenId}, ${centreId}, ${event.data.channel}, 'requested')
                on conflict (session_id) do nothing`.execute(trx);
      return;
    case 'SessionTimeProposed':
    case 'SessionBooked': {
      const d = event.data;
      const status = event.type === 'SessionBooked' ? 'booked' : 'proposed';
      const bookedBy = event.type === 'SessionBooked' ? event.data.bookedBy : null;
      await sql`insert into ${t('journey_sessions')} (session_id, citizen_id, centre_id, staff_id, start, duration_minutes, channel, status, booked_by)
                values (${d.sessionId}, ${citizenId}, ${centreId}, ${d.staffId}, ${d.start}, ${d.durationMinutes}, ${d.channel}, ${status}, ${bookedBy})
                on conflict (session_id) do update set staff_id = excluded.staff_id, start = excluded.start, duration_minutes = excluded.duration_minutes,
                  channel = excluded.channel, status = excluded.status, booked_by = excluded.booked_by`.execute(trx);
      return;
    }
    case 'SessionCancelled':
    case 'SessionHeld':
    case 'SessionNotHeld': {
      const status = event.type === 'SessionCancelled' ? 'cancelled' : event.type === 'SessionHeld' ? 'held' : 'not_held';
      await sql`update ${t('journey_sessions')} set status = ${status} where session_id = ${event.data.sessionId}`.execute(trx);
      return;
    }
    case 'OfferMade': {
      const kind = event.data.offer.source === 'centre' ? event.data.offer.kind : `partner:${event.data.offer.catalogueOfferId}`;
      await sql`insert into ${t('journey_offers')} (offer_id, citizen_id, centre_id, kind, made_at, answer, participating)
                values (${event.data.offerId}, ${citizenId}, ${centreId}, ${kind}, ${event.data.at}, 'none', false)
                on conflict (offer_id) do nothing`.execute(trx);
      return;
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
      await sql`update ${t('journey_offers')} set answer = ${answer}, answered_at = ${answeredAt} where offer_id = ${event.data.offerId}`.execute(trx);
      const receipt = event.type === 'ConsentGiven' ? json(event.data.receipt) : null;
      await sql`insert into ${t('journey_consents')} (position, citizen_id, offer_id, centre_id, event_type, consent, receipt, occurred_at)
                values (${recorded.globalPosition}, ${citizenId}, ${event.data.offerId}, ${centreId}, ${event.type}, ${json(event.data.consent)}::jsonb, ${receipt}::jsonb, ${answeredAt})
                on conflict (position) do nothing`.execute(trx);
      return;
    }
    case 'ParticipationStarted':
    case 'ParticipationEnded':
      await sql`update ${t('journey_offers')} set participating = ${event.type === 'ParticipationStarted'} where offer_id = ${event.data.offerId}`.execute(trx);
      return;
    case 'GoalStated':
    case 'GoalRevised':
    case 'GoalDropped':
    case 'OfferAskedFor':
    case 'OutcomeRecorded':
    case 'WellBeingAnswered':
      return; // in the records only
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** Journeys as people look at them: the citizen's records, counsellors' days, offers, consents. */
export const journeysProjection: Projection = {
  name: 'journeys',
  version: 3,
  mode: 'async',
  tables: ['journey_records', 'journey_citizens', 'journey_sessions', 'journey_offers', 'journey_consents'],
  handles: HANDLES,
  async apply(trx, schema, events) {
    for (const event of events) await applyOne(trx, schema, event);
  },
};
