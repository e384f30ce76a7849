/**
 * What a staff member looks up on the journeys of their own centre: a citizen by the reference the
 * citizen gives them (the journey id's first eight hex digits, see src/domain/journey/reference.ts),
 * a conversation on their day, a citizen's conversations and open offers. Every query takes the
 * reader's centre and keeps to it: another centre's journeys are never found, whatever is typed.
 * What staff may read of the records themselves is `journeyReaderOf`'s rule (queries.ts).
 */
import { OFFER_LAPSES_AFTER_DAYS } from '../../domain/journey/decide.js';
import { type Kysely, sql } from 'kysely';
import { journeyReference } from '../../domain/journey/reference.js';
import type { Channel } from '../../domain/journey/journey.js';
import type { Lang } from '../../i18n/i18n.js';
import { ERASED_WORD } from '../../i18n/records.js';
import type { PersonalData } from '../../privacy/sealed.js';
import type { JourneyTables } from './tables.js';


/** A citizen as staff of their centre see them: the journey, its reference, the name they go by here. */
export interface StaffCitizen {
  citizenId: string;
  journeyId: string;
  /** "7F3A-09C2": what the citizen reads on their own pages and gives a counsellor. */
  reference: string;
  /** The name the citizen goes by here, if they gave one; the erased word once erased. */
  alias: string | null;
  status: 'open' | 'closed';
}

interface CitizenRow {
  citizen_id: string;
  journey_id: string;
  alias: unknown;
  status: 'open' | 'closed';
}

async function toCitizen(vault: PersonalData, lang: Lang, row: CitizenRow): Promise<StaffCitizen> {
  const opened = row.alias === null ? null : await vault.open(row.alias);
  const alias = opened === null ? null : typeof opened === 'string' ? opened : ERASED_WORD[lang];
  return { citizenId: row.citizen_id, journeyId: row.journey_id, reference: journeyReference(row.journey_id), alias, status: row.status };
}

/**
 * The citizens of a centre with a journey there whose id begins with `prefix` (eight lower-case hex
 * digits, from `referencePrefix`): the journey the reference names, and the citizen it belongs to.
 * Only citizens who are with this centre now, and not erased; at most a handful (a reference names
 * 32 bits of an id, so two journeys may share one, rarely).
 */
export async function citizensByReference(db: Kysely<JourneyTables>, vault: PersonalData, centreId: string, prefix: string, lang: Lang): Promise<StaffCitizen[]> {
  if (!/^[0-9a-f]{8}$/.test(prefix)) return [];
  const { rows } = await sql<CitizenRow>`
    select distinct on (r.citizen_id) r.citizen_id, r.data->>'journeyId' as journey_id, c.alias, c.status
      from rm.journey_records r join rm.journey_citizens c using (citizen_id)
     where r.event_type = 'JourneyStarted' and r.centre_id = ${centreId} and r.data->>'centreId' = ${centreId}
       and c.centre_id = ${centreId} and c.status in ('open', 'closed')
       and lower(r.data->>'journeyId') like ${`${prefix}-%`}
     order by r.citizen_id, r.position desc
     limit 10`.execute(db);
  return Promise.all(rows.map((row) => toCitizen(vault, lang, row)));
}

/** A citizen who is with this centre now, with their latest journey here; null for anyone else's. */
export async function staffCitizen(db: Kysely<JourneyTables>, vault: PersonalData, centreId: string, citizenId: string, lang: Lang): Promise<StaffCitizen | null> {
  const { rows } = await sql<CitizenRow>`
    select r.citizen_id, r.data->>'journeyId' as journey_id, c.alias, c.status
      from rm.journey_records r join rm.journey_citizens c using (citizen_id)
     where r.citizen_id = ${citizenId} and r.event_type = 'JourneyStarted' and r.centre_id = ${centreId}
       and c.centre_id = ${centreId} and c.status in ('open', 'closed') and r.data->>'journeyId' is not null
     order by r.position desc
     limit 1`.execute(db);
  const row = rows[0];
  return row ? toCitizen(vault, lang, row) : null;
}

/** The reference of each citizen's latest journey at this centre, for a list of conversations. */
export async function referencesOf(db: Kysely<JourneyTables>, centreId: string, citizenIds: readonly string[]): Promise<Map<string, string>> {
  if (citizenIds.length === 0) return new Map();
  const { rows } = await sql<{ citizen_id: string; journey_id: string }>`
    select distinct on (citizen_id) citizen_id, data->>'journeyId' as journey_id
      from rm.journey_records
     where citizen_id = any(${[...citizenIds]}::text[]) and event_type = 'JourneyStarted' and centre_id = ${centreId} and data->>'journeyId' is not null
     order by citizen_id, position desc`.execute(db);
  return new Map(rows.map((r) => [r.citizen_id, journeyReference(r.journey_id)]));
}

/**
 * When and how long these held conversations of the centre were held (`heldAt` null: at their
 * booked start), from the records of SessionHeld; neither is sealed, so nothing is opened.
 */
export async function heldTimes(db: Kysely<JourneyTables>, centreId: string, sessionIds: readonly string[]): Promise<Map<string, { heldAt: string | null; minutes: number }>> {
  if (sessionIds.length === 0) return new Map();
  const { rows } = await sql<{ session_id: string; held_at: string | null; minutes: number | null }>`
    select data->>'sessionId' as session_id, data->>'heldAt' as held_at, (data->>'durationMinutes')::int as minutes
      from rm.journey_records
     where event_type = 'SessionHeld' and centre_id = ${centreId} and data->>'sessionId' = any(${[...sessionIds]}::text[])`.execute(db);
  return new Map(rows.filter((r) => r.minutes !== null).map((r) => [r.session_id, { heldAt: r.held_at, minutes: r.minutes! }]));
}

/** A conversation as staff see it: whose, with whom, when, how long, how, and where it stands. */
export interface StaffSession {
  sessionId: string;
  citizenId: string;
  staffId: string | null;
  start: string | null;
  durationMinutes: number | null;
  channel: Channel | null;
  status: 'requested' | 'proposed' | 'booked' | 'cancelled' | 'held' | 'not_held';
}

type SessionRow = {
  session_id: string;
  citizen_id: string;
  staff_id: string | null;
  start: Date | null;
  duration_minutes: number | null;
  channel: Channel | null;
  status: StaffSession['status'];
};
const toSession = (r: SessionRow): StaffSession => ({
  sessionId: r.session_id,
  citizenId: r.citizen_id,
  staffId: r.staff_id,
  start: r.start ? r.start.toISOString() : null,
  durationMinutes: r.duration_minutes,
  channel: r.channel,
  status: r.status,
});

/** One conversation of this centre, by its id; null if it is not this centre's. */
export async function staffSession(db: Kysely<JourneyTables>, centreId: string, sessionId: string): Promise<StaffSession | null> {
  const row = await db.withSchema('rm').selectFrom('journey_sessions').selectAll().where('session_id', '=', sessionId).where('centre_id', '=', centreId).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A citizen's conversations at this centre, latest first. */
export async function citizenSessions(db: Kysely<JourneyTables>, centreId: string, citizenId: string): Promise<StaffSession[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('journey_sessions')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .where('centre_id', '=', centreId)
    .orderBy(sql`start desc nulls first`)
    .orderBy('session_id')
    .execute();
  return rows.map(toSession);
}

/** An offer made at this centre that waits for the citizen's answer. */
export interface OpenOffer {
  offerId: string;
  /** A centre offer's kind, or `partner:<catalogue offer id>`. */
  kind: string;
  madeAt: string;
}

/** The citizen's offers at this centre with no answer yet, and not lapsed (unanswered for 60 days), oldest first. */
export async function openOffers(db: Kysely<JourneyTables>, centreId: string, citizenId: string, now: Date): Promise<OpenOffer[]> {
  const since = new Date(now.getTime() - OFFER_LAPSES_AFTER_DAYS * 24 * 3600 * 1000);
  const rows = await db
    .withSchema('rm')
    .selectFrom('journey_offers')
    .select(['offer_id', 'kind', 'made_at'])
    .where('citizen_id', '=', citizenId)
    .where('centre_id', '=', centreId)
    .where('answer', '=', 'none')
    .where('made_at', '>=', since)
    .orderBy('made_at')
    .orderBy('offer_id')
    .execute();
  return rows.map((r) => ({ offerId: r.offer_id, kind: r.kind, madeAt: r.made_at.toISOString() }));
}
