import { sql, type Kysely } from 'kysely';
import { CENTRE_EVENT_SCHEMA_VERSIONS, type CentreEvent } from '../../domain/centre/centre.js';
import type { JourneyEvent } from '../../domain/journey/journey.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { FactKind } from '../../research/facts.js';
import type { Projection } from '../engine/projection.js';

/**
 * The journey events that make research facts (or the state they need), and CitizenErased. Not
 * read: goals revised or dropped, requests and proposals, offers asked for, histories shared and
 * the WHO-5 answers (health data, never a fact here).
 */
const JOURNEY_TYPES = [
  'JourneyStarted',
  'JourneyClosed',
  'GoalStated',
  'SessionBooked',
  'SessionCancelled',
  'SessionHeld',
  'SessionNotHeld',
  'OfferMade',
  'ConsentGiven',
  'OfferDeclined',
  'ConsentWithdrawn',
  'ParticipationStarted',
  'ParticipationEnded',
  'OutcomeRecorded',
  'CitizenErased',
] as const satisfies readonly JourneyEvent['type'][];
const CENTRE_TYPES = Object.keys(CENTRE_EVENT_SCHEMA_VERSIONS) as CentreEvent['type'][];

const DAY_MS = 86_400_000;

interface FactRow {
  position: number;
  citizen_id: string;
  centre_id: string;
  municipality_code: string;
  occurred_at: string;
  kind: FactKind;
  channel: string | null;
  booked_by: string | null;
  offer_kind: string | null;
  offer_source: string | null;
  answer: string | null;
  participation_end: string | null;
  goal_category: string | null;
  outcome_kind: string | null;
  duration_days: number | null;
  offer_id: string | null;
}
interface JourneyRow {
  citizen_id: string;
  centre_id: string;
  started_at: string;
  first_held: boolean;
  first_outcome: boolean;
}
interface OfferRow {
  offer_id: string;
  offer_kind: string | null;
  offer_source: 'centre' | 'partner';
  participating_since: string | null;
}
interface CentreRow {
  centre_id: string;
  municipality_code: string;
  name: string;
}

const iso = (value: unknown): string | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null);
const wholeDays = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS));
const citizenOf = (e: RecordedEvent) => e.streamId.replace(/^journey-/, '');

/** When it happened: the moment the event names (a conversation's, an answer's), else when it was recorded. */
function momentOf(recorded: RecordedEvent): string {
  const event = { type: recorded.type, data: recorded.data } as JourneyEvent;
  const recordedAt = iso(recorded.metadata?.occurredAt) ?? recorded.recordedAt.toISOString();
  switch (event.type) {
    case 'GoalStated':
    case 'OfferMade':
    case 'OfferDeclined':
    case 'ConsentWithdrawn':
    case 'OutcomeRecorded':
      return iso(event.data.at) ?? recordedAt;
    case 'SessionHeld':
      return iso(event.data.heldAt) ?? recordedAt;
    case 'ConsentGiven':
      return iso((event.data.receipt as { timestamp?: unknown } | undefined)?.timestamp) ?? recordedAt;
    default:
      return recordedAt;
  }
}

/** Applies one batch: one read of the state it needs, one multi-row write per table. */
async function applyBatch(trx: Kysely<any>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const t = (table: string) => sql.id(schema, table);
  const journeyEvents = events.filter((e) => e.streamId.startsWith('journey-'));
  const citizenIds = [...new Set(journeyEvents.map(citizenOf))];
  const offerIds = [...new Set(journeyEvents.map((e) => (e.data as { offerId?: unknown }).offerId).filter((id): id is string => typeof id === 'string'))];

  const [journeyRows, offerRows, centreRows] = await Promise.all([
    citizenIds.length > 0 ? sql<JourneyRow>`select citizen_id, centre_id, to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at, first_held, first_outcome from ${t('research_journeys')} where citizen_id = any(${citizenIds}::text[])`.execute(trx) : { rows: [] },
    offerIds.length > 0 ? sql<OfferRow>`select offer_id, offer_kind, offer_source, to_char(participating_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as participating_since from ${t('research_offers')} where offer_id = any(${offerIds}::text[])`.execute(trx) : { rows: [] },
    // Centres are few (one or a handful per municipality): all of them.
    sql<CentreRow>`select centre_id, municipality_code, name from ${t('research_centres')}`.execute(trx),
  ]);
  const journeys = new Map(journeyRows.rows.map((r) => [r.citizen_id, r]));
  const offers = new Map(offerRows.rows.map((r) => [r.offer_id, r]));
  const centres = new Map(centreRows.rows.map((r) => [r.centre_id, r]));
  const touchedJourneys = new Set<string>();
  const touchedOffers = new Set<string>();
  const touchedCentres = new Set<string>();
  const erased: { citizen_id: string; erased_at: string }[] = [];
  const facts: FactRow[] = [];

  for (const recorded of events) {
    if (!recorded.streamId.startsWith('journey-')) {
      const event = { type: recorded.type, data: recorded.data } as CentreEvent;
      const known = centres.get(event.data.centreId);
      if (event.type === 'CentreEstablished') centres.set(event.data.centreId, { centre_id: event.data.centreId, municipality_code: event.data.municipalityCode, name: event.data.name });
      else if (event.type === 'CentreRenamed' && known) centres.set(known.centre_id, { ...known, name: event.data.name });
      else continue;
      touchedCentres.add(event.data.centreId);
      continue;
    }
    const event = { type: recorded.type, data: recorded.data } as JourneyEvent;
    const citizenId = citizenOf(recorded);
    const at = momentOf(recorded);
    if (event.type === 'CitizenErased') {
      erased.push({ citizen_id: event.data.citizenId, erased_at: at });
      continue;
    }
    let journey = journeys.get(citizenId);
    if (event.type === 'JourneyStarted') {
      journey = { citizen_id: citizenId, centre_id: event.data.centreId, started_at: at, first_held: false, first_outcome: false };
      journeys.set(citizenId, journey);
      touchedJourneys.add(citizenId);
    }
    const centreId = event.type === 'JourneyStarted' ? event.data.centreId : (recorded.metadata?.centreId ?? journey?.centre_id ?? '');
    const fact = (kind: FactKind, fields: Partial<FactRow> = {}) =>
      facts.push({
        position: recorded.globalPosition,
        citizen_id: citizenId,
        centre_id: centreId,
        municipality_code: centres.get(centreId)?.municipality_code ?? '',
        occurred_at: at,
        kind,
        channel: null,
        booked_by: null,
        offer_kind: null,
        offer_source: null,
        answer: null,
        participation_end: null,
        goal_category: null,
        outcome_kind: null,
        duration_days: null,
        offer_id: null,
        ...fields,
      });
    const offerFields = (offerId: string) => {
      const offer = offers.get(offerId);
      return { offer_id: offerId, offer_kind: offer?.offer_kind ?? null, offer_source: offer?.offer_source ?? null };
    };
    switch (event.type) {
      case 'JourneyStarted':
        fact('first_contact', { channel: event.data.firstContact });
        break;
      case 'JourneyClosed':
        fact('journey_closed');
        break;
      case 'GoalStated':
        fact('goal_stated', { goal_category: event.data.category });
        break;
      case 'SessionBooked':
        fact('conversation_booked', { channel: event.data.channel, booked_by: event.data.bookedBy });
        break;
      case 'SessionCancelled':
        fact('conversation_cancelled');
        break;
      case 'SessionNotHeld':
        fact('conversation_not_held');
        break;
      case 'SessionHeld': {
        const first = journey !== undefined && !journey.first_held;
        if (first) {
          journey = { ...journey!, first_held: true };
          journeys.set(citizenId, journey);
          touchedJourneys.add(citizenId);
        }
        fact('conversation_held', { channel: event.data.channel, duration_days: first ? wholeDays(journey!.started_at, at) : null });
        break;
      }
      case 'OfferMade': {
        // A partner's catalogue offer is named by the partner's own ids: research keeps only its source.
        const kind = event.data.offer.source === 'centre' ? event.data.offer.kind : null;
        offers.set(event.data.offerId, { offer_id: event.data.offerId, offer_kind: kind, offer_source: event.data.offer.source, participating_since: null });
        touchedOffers.add(event.data.offerId);
        fact('offer_made', offerFields(event.data.offerId));
        break;
      }
      case 'ConsentGiven':
      case 'OfferDeclined':
      case 'ConsentWithdrawn': {
        const answer = event.type === 'ConsentGiven' ? 'accepted' : event.type === 'OfferDeclined' ? 'declined' : 'withdrawn';
        fact('offer_answered', { ...offerFields(event.data.offerId), answer });
        break;
      }
      case 'ParticipationStarted': {
        const offer = offers.get(event.data.offerId);
        if (offer) {
          offers.set(offer.offer_id, { ...offer, participating_since: at });
          touchedOffers.add(offer.offer_id);
        }
        fact('participation_started', offerFields(event.data.offerId));
        break;
      }
      case 'ParticipationEnded': {
        const offer = offers.get(event.data.offerId);
        const since = offer?.participating_since ?? null;
        if (offer) {
          offers.set(offer.offer_id, { ...offer, participating_since: null });
          touchedOffers.add(offer.offer_id);
        }
        fact('participation_ended', { ...offerFields(event.data.offerId), participation_end: event.data.because, duration_days: since ? wholeDays(since, at) : null });
        break;
      }
      case 'OutcomeRecorded': {
        const first = journey !== undefined && !journey.first_outcome;
        if (first) {
          journey = { ...journey!, first_outcome: true };
          journeys.set(citizenId, journey);
          touchedJourneys.add(citizenId);
        }
        fact('outcome_reported', { outcome_kind: event.data.kind, duration_days: first ? wholeDays(journey!.started_at, at) : null });
        break;
      }
      default:
        break;
    }
  }

  const rows = (table: string, list: readonly object[], conflict: ReturnType<typeof sql>) =>
    list.length === 0
      ? Promise.resolve()
      : sql`insert into ${t(table)} select * from jsonb_populate_recordset(null::${t(table)}, ${JSON.stringify(list)}::jsonb) ${conflict}`.execute(trx);
  const pick = <V>(map: Map<string, V>, keys: Set<string>) => [...keys].map((k) => map.get(k)!);
  // The facts, the bulk of every batch: one text per column, its values joined by the unit
  // separator (\u001f) with \u0002 for null, split and unnested by the server. Far cheaper to send
  // and parse than a JSON document or array literals. Codes, kinds and moments never hold either
  // character; an id written around the application might, and then the batch goes as JSON.
  const plain = facts.every((f) => !/[\u0001-\u0002\u001f]/.test(f.citizen_id + f.centre_id + f.municipality_code + (f.offer_id ?? '')));
  if (facts.length > 0 && plain) {
    const column = (name: keyof FactRow, type: string) => sql`(string_to_array(chr(31) || ${facts.map((f) => f[name] ?? '\u0002').join('\u001f')}, chr(31), chr(2)))[2:]::${sql.raw(type)}[]`;
    await sql`insert into ${t('research_facts')}
              select * from unnest(${column('position', 'bigint')}, ${column('citizen_id', 'text')}, ${column('centre_id', 'text')}, ${column('municipality_code', 'text')},
                                   ${column('occurred_at', 'timestamptz')}, ${column('kind', 'text')}, ${column('channel', 'text')}, ${column('booked_by', 'text')},
                                   ${column('offer_kind', 'text')}, ${column('offer_source', 'text')}, ${column('answer', 'text')}, ${column('participation_end', 'text')},
                                   ${column('goal_category', 'text')}, ${column('outcome_kind', 'text')}, ${column('duration_days', 'int')}, ${column('offer_id', 'text')})
              on conflict (position) do nothing`.execute(trx);
  } else {
    await rows('research_facts', facts, sql`on conflict (position) do nothing`);
  }
  await rows(
    'research_journeys',
    pick(journeys, touchedJourneys),
    sql`on conflict (citizen_id) do update set centre_id = excluded.centre_id, started_at = excluded.started_at, first_held = excluded.first_held, first_outcome = excluded.first_outcome`,
  );
  await rows('research_offers', pick(offers, touchedOffers), sql`on conflict (offer_id) do update set offer_kind = excluded.offer_kind, offer_source = excluded.offer_source, participating_since = excluded.participating_since`);
  await rows('research_centres', pick(centres, touchedCentres), sql`on conflict (centre_id) do update set municipality_code = excluded.municipality_code, name = excluded.name`);
  await rows('research_erased', erased, sql`on conflict (citizen_id) do nothing`);
}

/** The facts of journeys that the indicators and the studies' exports read (src/research/facts.ts). */
export const researchProjection: Projection = {
  name: 'research',
  version: 1,
  mode: 'async',
  tables: ['research_facts', 'research_journeys', 'research_offers', 'research_centres', 'research_erased'],
  handles: [...JOURNEY_TYPES, ...CENTRE_TYPES],
  apply: applyBatch,
};
