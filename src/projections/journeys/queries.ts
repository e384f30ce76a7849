import { type Kysely, type Selectable, sql } from 'kysely';
import type { Channel } from '../../domain/journey/journey.js';
import { Forbidden, NotFound } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import { ERASED, type PersonalData } from '../../privacy/sealed.js';
import type { Lang } from '../../i18n/i18n.js';
import { ERASED_WORD, recordText } from '../../i18n/records.js';
import type { JourneyTables } from './tables.js';

/** A personal field as shown: the text, or the word that it was erased, in the reader's language. */
const shown = (lang: Lang) => (value: unknown): unknown => (value && typeof value === 'object' && (value as typeof ERASED).erased === true ? ERASED_WORD[lang] : value);

export interface RecordView {
  position: number;
  at: string;
  type: string;
  recordedBy: string;
  text: string;
  data: unknown;
}

/**
 * Who reads a citizen's journey: the citizen sees everything; staff of a centre see what was
 * recorded at their centre, and earlier centres' records only if the citizen shared them.
 */
export type JourneyReader = { citizen: true } | { centreId: string; seesEarlier: boolean };

/** The centre a citizen's journey is with now, and the centres they shared their earlier history with. */
export async function journeyCentre(db: Kysely<JourneyTables>, citizenId: string): Promise<{ centreId: string; sharedWith: string[]; open: boolean } | null> {
  const row = await db.withSchema('rm').selectFrom('journey_citizens').select(['centre_id', 'shared_with', 'status']).where('citizen_id', '=', citizenId).executeTakeFirst();
  // `shared_with` is `not null default '{}'`: always an array.
  return row ? { centreId: row.centre_id, sharedWith: row.shared_with, open: row.status === 'open' } : null;
}

/**
 * Who may read a citizen's journey, and how much: the citizen themselves (everything), or staff
 * of the centre the citizen is with now (what was recorded there, and earlier centres' records
 * only if the citizen shared them). Anyone else is refused; staff asking about a citizen with no
 * journey hear that there is none.
 */
export async function journeyReaderOf(db: Kysely<JourneyTables>, principal: Principal, citizenId: string): Promise<JourneyReader> {
  if (principal.role === 'citizen' && principal.id === citizenId) return { citizen: true };
  const citizen = await journeyCentre(db, citizenId);
  if (principal.role === 'staff' && principal.centreId && citizen && citizen.centreId === principal.centreId) {
    return { centreId: principal.centreId, seesEarlier: citizen.sharedWith.includes(principal.centreId) };
  }
  if (!citizen && principal.role === 'staff') throw new NotFound('journey_not_found', 'no journey for this citizen', { citizenId });
  throw new Forbidden('this journey is not yours to read');
}

// Staff see their own centre's records, and earlier centres' only when the citizen shared them.
const visibleTo = (reader: JourneyReader) => ('citizen' in reader || reader.seesEarlier ? sql<boolean>`true` : sql<boolean>`centre_id = ${reader.centreId}`);

/** Everything recorded about a citizen that the reader may see, newest first, personal fields opened (or shown erased). */
export async function citizenRecords(db: Kysely<JourneyTables>, vault: PersonalData, citizenId: string, reader: JourneyReader, lang: Lang = 'da'): Promise<RecordView[]> {
  const rows = await db.withSchema('rm').selectFrom('journey_records').selectAll().where('citizen_id', '=', citizenId).where(visibleTo(reader)).orderBy('position', 'desc').execute();
  return Promise.all(
    rows.map(async (r) => {
      const data = JSON.parse(JSON.stringify(await vault.openAll(r.data), (_k, v) => shown(lang)(v))) as Record<string, unknown>;
      return {
        position: Number(r.position),
        at: r.occurred_at.toISOString(),
        type: r.event_type,
        recordedBy: r.actor_role,
        text: recordText(lang, r.event_type, data),
        data,
      };
    }),
  );
}

/** The full consent history of each offer made to a citizen. No personal fields are involved. */
export async function consentRegister(db: Kysely<JourneyTables>, citizenId: string, reader: JourneyReader) {
  const offers = await db.withSchema('rm').selectFrom('journey_offers').selectAll().where('citizen_id', '=', citizenId).where(visibleTo(reader)).orderBy('made_at').execute();
  const history = await db.withSchema('rm').selectFrom('journey_consents').selectAll().where('citizen_id', '=', citizenId).orderBy('position').execute();
  return offers.map((o) => ({
    offerId: o.offer_id,
    kind: o.kind,
    madeAt: o.made_at.toISOString(),
    answer: o.answer,
    participating: o.participating,
    history: history
      .filter((h) => h.offer_id === o.offer_id)
      .map((h) => ({ type: h.event_type, at: h.occurred_at.toISOString(), consent: h.consent, receipt: h.receipt })),
  }));
}

type Session = Selectable<JourneyTables['journey_sessions']>;
/**
 * A conversation on a counsellor's day: booked, held or not held, so its time, length and channel
 * are set (the builder would type them nullable, as the table allows before booking).
 */
type DayRow = Pick<Session, 'session_id' | 'citizen_id'> & {
  start: Date;
  duration_minutes: number;
  channel: Channel;
  status: Extract<Session['status'], 'booked' | 'held' | 'not_held'>;
  alias: Selectable<JourneyTables['journey_citizens']>['alias'];
};

/**
 * A counsellor's conversations in a centre on a local (Copenhagen) date, by time, with alias and
 * channel. Raw SQL: a join and a date taken in Danish time.
 */
export async function counsellorDay(db: Kysely<JourneyTables>, vault: PersonalData, staffId: string, date: string, centreId: string) {
  const { rows } = await sql<DayRow>`
    select s.session_id, s.citizen_id, s.start, s.duration_minutes, s.channel, s.status, c.alias
      from rm.journey_sessions s left join rm.journey_citizens c using (citizen_id)
     where s.staff_id = ${staffId} and s.centre_id = ${centreId} and (s.start at time zone 'Europe/Copenhagen')::date = ${date}::date
       and s.status in ('booked', 'held', 'not_held')
     order by s.start`.execute(db);
  return Promise.all(
    rows.map(async (r) => ({
      sessionId: r.session_id,
      citizenId: r.citizen_id,
      alias: r.alias === null ? null : shown('da')(await vault.open(r.alias)),
      start: r.start.toISOString(),
      durationMinutes: r.duration_minutes,
      channel: r.channel,
      status: r.status,
    })),
  );
}

/**
 * Offers of a centre by kind and month, and how many conversations citizens booked themselves.
 * Raw SQL: counts with filters, by a month taken in Danish time. A count is a bigint: text here.
 */
export async function offerDashboard(db: Kysely<JourneyTables>, centreId: string, now: Date) {
  const { rows } = await sql<{ kind: string; month: string; made: string; consented: string; declined: string; withdrawn: string; lapsed: string; participating: string }>`
    select kind, to_char(made_at at time zone 'Europe/Copenhagen', 'YYYY-MM') as month,
           count(*) as made,
           count(*) filter (where answer = 'consented') as consented,
           count(*) filter (where answer = 'declined') as declined,
           count(*) filter (where answer = 'withdrawn') as withdrawn,
           count(*) filter (where answer = 'none' and made_at < ${now.toISOString()}::timestamptz - interval '60 days') as lapsed,
           count(*) filter (where participating) as participating
      from rm.journey_offers where centre_id = ${centreId}
     group by 1, 2 order by 2, 1`.execute(db);
  const { rows: sessions } = await sql<{ booked: string; by_citizen: string }>`
    select count(*) filter (where booked_by is not null) as booked,
           count(*) filter (where booked_by = 'citizen') as by_citizen
      from rm.journey_sessions where centre_id = ${centreId}`.execute(db);
  const booked = Number(sessions[0]?.booked ?? 0);
  const byCitizen = Number(sessions[0]?.by_citizen ?? 0);
  return {
    offers: rows.map((r) => ({
      kind: r.kind,
      month: r.month,
      made: Number(r.made),
      consented: Number(r.consented),
      declined: Number(r.declined),
      withdrawn: Number(r.withdrawn),
      lapsed: Number(r.lapsed),
      participating: Number(r.participating),
    })),
    // Every conversation is the citizen's choice; this is the share they booked in the calendar
    // themselves rather than by confirming a time staff proposed on their request.
    sessions: { booked, bookedInCalendarByCitizen: byCitizen, share: booked === 0 ? null : byCitizen / booked },
  };
}
