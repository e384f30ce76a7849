import { type Kysely, type Selectable, sql } from 'kysely';
import { OFFER_LAPSES_AFTER_DAYS } from '../../domain/journey/decide.js';
import { type Channel, GOAL_CATEGORIES, type GoalCategory, type JourneyEvent } from '../../domain/journey/journey.js';
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

/**
 * Records only the citizen themselves ever reads, whoever else may read their journey: their own
 * WHO-5 answers (health data, for research aggregates and exports only; never shown to staff).
 */
export const CITIZEN_ONLY_RECORDS = ['WellBeingAnswered'] as const satisfies readonly JourneyEvent['type'][];

// Staff see their own centre's records, and earlier centres' only when the citizen shared them.
const visibleTo = (reader: JourneyReader) => ('citizen' in reader || reader.seesEarlier ? sql<boolean>`true` : sql<boolean>`centre_id = ${reader.centreId}`);

/** Everything recorded about a citizen that the reader may see, newest first, personal fields opened (or shown erased). */
export async function citizenRecords(db: Kysely<JourneyTables>, vault: PersonalData, citizenId: string, reader: JourneyReader, lang: Lang = 'da'): Promise<RecordView[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('journey_records')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .where(visibleTo(reader))
    .$if(!('citizen' in reader), (q) => q.where('event_type', 'not in', [...CITIZEN_ONLY_RECORDS]))
    .orderBy('position', 'desc')
    .execute();
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

/**
 * The full consent history of each offer made to a citizen. No personal fields are involved.
 * Both tables are read in one snapshot (a read-only repeatable-read transaction): read one after
 * the other, a batch committed between the two reads showed a receipt whose offer still read as
 * unanswered, so the consent had no "withdraw" beside it.
 */
export async function consentRegister(db: Kysely<JourneyTables>, citizenId: string, reader: JourneyReader) {
  const { offers, history } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => ({
      offers: await tx.withSchema('rm').selectFrom('journey_offers').selectAll().where('citizen_id', '=', citizenId).where(visibleTo(reader)).orderBy('made_at').execute(),
      history: await tx.withSchema('rm').selectFrom('journey_consents').selectAll().where('citizen_id', '=', citizenId).orderBy('position').execute(),
    }));
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
export async function counsellorDay(db: Kysely<JourneyTables>, vault: PersonalData, staffId: string, date: string, centreId: string, lang: Lang = 'da') {
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
      alias: r.alias === null ? null : shown(lang)(await vault.open(r.alias)),
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

// ---- The citizen's own pages ("Mine sider") ----

/**
 * The citizen's journey as their own pages show it: its id (for the reference they can give a
 * counsellor), the centre it is with, and whether it is open. The id is the latest start's.
 */
export async function citizenJourney(db: Kysely<JourneyTables>, citizenId: string): Promise<{ journeyId: string; centreId: string; open: boolean } | null> {
  const citizen = await journeyCentre(db, citizenId);
  if (!citizen) return null;
  const started = await db
    .withSchema('rm')
    .selectFrom('journey_records')
    .select(sql<string | null>`data->>'journeyId'`.as('journey_id'))
    .where('citizen_id', '=', citizenId)
    .where('event_type', '=', 'JourneyStarted')
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return started?.journey_id ? { journeyId: started.journey_id, centreId: citizen.centreId, open: citizen.open } : null;
}

/** A goal standing now, in the citizen's own words (or the erased word). */
export interface GoalView {
  goalId: string;
  text: string;
  category: GoalCategory | null;
  /** When it was last stated or changed. */
  at: string;
}

const GOAL_EVENTS = ['GoalStated', 'GoalRevised', 'GoalDropped'] as const;
const goalCategory = (value: unknown): GoalCategory | null => GOAL_CATEGORIES.find((c) => c === value) ?? null;

/**
 * The citizen's goals that stand now, oldest first: each one's words as last stated or revised,
 * dropped ones left out. Folded from the records, which keep every goal event in order.
 */
export async function citizenGoals(db: Kysely<JourneyTables>, vault: PersonalData, citizenId: string, lang: Lang = 'da'): Promise<GoalView[]> {
  const rows = await db.withSchema('rm').selectFrom('journey_records').selectAll().where('citizen_id', '=', citizenId).where('event_type', 'in', [...GOAL_EVENTS]).orderBy('position').execute();
  const goals = new Map<string, GoalView>();
  for (const r of rows) {
    const data = r.data as { goalId?: unknown; text?: unknown; category?: unknown };
    if (typeof data.goalId !== 'string') continue;
    if (r.event_type === 'GoalDropped') {
      goals.delete(data.goalId);
      continue;
    }
    const opened = shown(lang)(await vault.open(data.text));
    // A revision moves the goal's words, not its place in the list.
    const at = (data as { at?: unknown }).at;
    goals.set(data.goalId, {
      goalId: data.goalId,
      text: typeof opened === 'string' ? opened : '',
      category: goalCategory(data.category),
      at: typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : r.occurred_at.toISOString(),
    });
  }
  return [...goals.values()];
}

/** A conversation the citizen has booked: when, how long, how, and with which staff member. */
export interface BookedSessionView {
  sessionId: string;
  staffId: string;
  start: string;
  durationMinutes: number;
  channel: Channel;
}

const bookedView = (r: Selectable<JourneyTables['journey_sessions']>): BookedSessionView | null =>
  r.staff_id !== null && r.start !== null && r.duration_minutes !== null && r.channel !== null
    ? { sessionId: r.session_id, staffId: r.staff_id, start: r.start.toISOString(), durationMinutes: r.duration_minutes, channel: r.channel }
    : null;

/** The citizen's booked conversations that have not begun, earliest first. */
export async function citizenBookedSessions(db: Kysely<JourneyTables>, citizenId: string, now: Date): Promise<BookedSessionView[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('journey_sessions')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .where('status', '=', 'booked')
    .where('start', '>', now)
    .orderBy('start')
    .execute();
  return rows.map(bookedView).filter((s): s is BookedSessionView => s !== null);
}

/** One of the citizen's own booked conversations (not begun or begun), or null. */
export async function citizenBookedSession(db: Kysely<JourneyTables>, citizenId: string, sessionId: string): Promise<BookedSessionView | null> {
  const row = await db.withSchema('rm').selectFrom('journey_sessions').selectAll().where('citizen_id', '=', citizenId).where('session_id', '=', sessionId).where('status', '=', 'booked').executeTakeFirst();
  return row ? bookedView(row) : null;
}

/** An offer made to the citizen, as their own pages show it. */
export interface CitizenOfferView {
  offerId: string;
  centreId: string;
  /** A centre offer's kind, or `partner:<catalogue offer id>`. */
  kind: string;
  /** What the citizen was told about it, in the staff member's words (or the erased word). */
  information: string;
  madeAt: string;
  answer: 'none' | 'consented' | 'declined' | 'withdrawn';
  answeredAt: string | null;
  participating: boolean;
  /** Unanswered past the time an offer simply lapses: no longer open, and nothing follows from that. */
  lapsed: boolean;
}

/** Every offer made to the citizen, newest first, with what they were told about each. */
export async function citizenOffers(db: Kysely<JourneyTables>, vault: PersonalData, citizenId: string, now: Date, lang: Lang = 'da'): Promise<CitizenOfferView[]> {
  const offers = await db.withSchema('rm').selectFrom('journey_offers').selectAll().where('citizen_id', '=', citizenId).orderBy('made_at', 'desc').orderBy('offer_id').execute();
  if (offers.length === 0) return [];
  const made = await db.withSchema('rm').selectFrom('journey_records').select(['data']).where('citizen_id', '=', citizenId).where('event_type', '=', 'OfferMade').execute();
  const told = new Map<string, unknown>();
  for (const m of made) {
    const data = m.data as { offerId?: unknown; information?: unknown };
    if (typeof data.offerId === 'string') told.set(data.offerId, data.information);
  }
  const lapsesAfter = OFFER_LAPSES_AFTER_DAYS * 24 * 3600 * 1000;
  return Promise.all(
    offers.map(async (o) => {
      const information = shown(lang)(await vault.open(told.get(o.offer_id) ?? null));
      return {
        offerId: o.offer_id,
        centreId: o.centre_id,
        kind: o.kind,
        information: typeof information === 'string' ? information : '',
        madeAt: o.made_at.toISOString(),
        answer: o.answer,
        answeredAt: o.answered_at ? o.answered_at.toISOString() : null,
        participating: o.participating,
        lapsed: o.answer === 'none' && now.getTime() - o.made_at.getTime() > lapsesAfter,
      };
    }),
  );
}

/** A conversation booked at a time for mentor conversations on the entrepreneurs' track. */
export interface MentorConversation {
  sessionId: string;
  start: string;
  channel: Channel | null;
  status: Selectable<JourneyTables['journey_sessions']>['status'];
}

/**
 * The citizen's mentor conversations, earliest first: those booked at a time staff published for
 * mentor conversations (the booking says so), as they stand now (booked, held, cancelled, …).
 */
export async function mentorConversations(db: Kysely<JourneyTables>, citizenId: string): Promise<MentorConversation[]> {
  const { rows } = await sql<{ session_id: string; start: Date; channel: Channel | null; status: MentorConversation['status'] }>`
    select s.session_id, s.start, s.channel, s.status
      from rm.journey_sessions s
     where s.citizen_id = ${citizenId}
       and s.start is not null
       and s.session_id in (select r.data->>'sessionId' from rm.journey_records r
                             where r.citizen_id = ${citizenId} and r.event_type = 'SessionBooked' and r.data->>'mentoring' = 'true')
     order by s.start`.execute(db);
  return rows.map((r) => ({ sessionId: r.session_id, start: r.start.toISOString(), channel: r.channel, status: r.status }));
}
