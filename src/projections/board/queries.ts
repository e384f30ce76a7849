import { type Kysely, sql } from 'kysely';
import { type AttachedDocument, BOARD_ROLES, type BoardRole, type Meeting, presentNow, type Resolution, type ResolutionSubject, type Seat, type Tally } from '../../domain/board/board.js';
import { ERASED, type Opened } from '../../privacy/sealed.js';
import type { BoardTables } from './tables.js';

/** How far the minutes of a meeting are: none before attendance, then open, signing, signed. */
export type MinutesStatus = 'open' | 'signing' | 'signed' | null;

export interface MeetingView extends Meeting {
  minutes: MinutesStatus;
}

export interface ResolutionView extends Resolution {
  /** The count once decided (null while proposed). */
  tally: Tally | null;
}

/** A board as the API shows it. */
export interface BoardView {
  centreId: string;
  /** Both the employee seat and the citizen seat are filled: the board may resolve. */
  validlyComposed: boolean;
  /** As the rules of procedure say: how each member voted on an adopted resolution is public (else only the counts). */
  individualVotesPublic: boolean;
  seats: Seat[];
  /** The names members and deputies agreed to publish, by their id (a withdrawn or erased name is not here). */
  names: Record<string, string>;
  roles: Partial<Record<BoardRole, string>>;
  meetings: MeetingView[];
  resolutions: ResolutionView[];
}

/**
 * Who reads a board. Insiders (its members, the centre's staff, administrators) see open
 * business; everyone else sees the seats and roles, the meetings whose minutes every member
 * present has signed, and the resolutions adopted or minuted there.
 */
export interface BoardReader {
  insider: boolean;
  /** Opens a sealed published name (the vault's `open`); without it, no names are shown. */
  open?: (sealed: unknown) => Promise<Opened<unknown>>;
}

const minutesOf = (present: string[] | null, signedBy: string[], complete: boolean): MinutesStatus =>
  present === null ? null : complete ? 'signed' : signedBy.length > 0 ? 'signing' : 'open';

/** Minutes are public once every member present at the end has signed them (and someone was present). */
const publicMinutes = (present: string[] | null, complete: boolean) => present !== null && present.length > 0 && complete;

/** A centre's board as the reader may see it, or null if it has none. */
export async function boardOf(db: Kysely<BoardTables>, centreId: string, reader: BoardReader): Promise<BoardView | null> {
  const board = await db.withSchema('rm').selectFrom('boards').selectAll().where('centre_id', '=', centreId).executeTakeFirst();
  if (!board) return null;
  const seats = await db
    .withSchema('rm')
    .selectFrom('board_seats')
    .select(['seat_id', 'kind', 'organisation', 'member_id', sql<string | null>`since::text`.as('since'), 'deputy_id', sql<string | null>`deputy_since::text`.as('deputy_since')])
    .where('centre_id', '=', centreId)
    // In the order they were made; the employee seat before the citizen seat.
    .orderBy('added_at')
    .orderBy(sql`case kind when 'employee' then 0 when 'citizen' then 1 else 2 end`)
    .execute();
  const meetingRows = await db.withSchema('rm').selectFrom('board_meetings').selectAll().where('centre_id', '=', centreId).orderBy('convened_at').execute();
  const resolutionRows = await db.withSchema('rm').selectFrom('board_resolutions').selectAll().where('centre_id', '=', centreId).orderBy('proposed_at').execute();
  const signed = new Set(meetingRows.filter((m) => publicMinutes(m.present, m.minutes_complete)).map((m) => m.meeting_id));
  const documentRows = await db.withSchema('rm').selectFrom('board_documents').selectAll().where('centre_id', '=', centreId).orderBy('attached_at').execute();
  // Documents are the board's; those attached as published are public with the signed minutes.
  const documentsOf = (meetingId: string): Record<string, AttachedDocument> =>
    Object.fromEntries(
      documentRows
        .filter((d) => d.meeting_id === meetingId && (reader.insider || d.published))
        .map((d) => [d.document_id, { documentId: d.document_id, item: d.item, title: d.title, sha256: d.sha256, mediaType: d.media_type, size: Number(d.size), published: d.published }]),
    );
  // An open meeting's quorum as the decider reckons it: those still present who hold a seat now,
  // against today's seats. Once the minutes are signed, the quorum recorded at the meeting stands.
  const seated = new Set(seats.flatMap((s) => (s.member_id ? [s.member_id] : [])));
  // A deputy sits in the seat they took while still its deputy.
  const sits = (m: (typeof meetingRows)[number], id: string) => seated.has(id) || (Object.hasOwn(m.deputising, id) && seats.some((s) => s.seat_id === m.deputising[id] && s.deputy_id === id));
  const quorateNow = (m: (typeof meetingRows)[number]) => presentNow(m).filter((id) => sits(m, id)).length * 2 >= seats.length;
  const meetings: MeetingView[] = meetingRows
    .filter((m) => reader.insider || signed.has(m.meeting_id))
    .map((m) => ({
      meetingId: m.meeting_id,
      at: m.at.toISOString(),
      agenda: m.agenda,
      place: m.place,
      itemMinutes: m.item_minutes,
      recused: m.recused,
      present: m.present,
      departed: m.departed,
      deputising: m.deputising,
      documents: documentsOf(m.meeting_id),
      quorate: m.signed_by.length > 0 || m.present === null ? m.quorate : quorateNow(m),
      signedBy: m.signed_by,
      minutes: minutesOf(m.present, m.signed_by, m.minutes_complete),
    }));
  const resolutions: ResolutionView[] = resolutionRows
    .filter((r) => reader.insider || r.status === 'adopted' || signed.has(r.meeting_id))
    .map((r) => ({
      resolutionId: r.resolution_id,
      meetingId: r.meeting_id,
      title: r.title,
      subject: r.subject,
      item: r.item,
      status: r.status,
      // How each member voted on an adopted resolution is public only as the rules of procedure say; otherwise the counts.
      votes: reader.insider || (board.individual_votes_public && r.status === 'adopted') ? r.votes : {},
      dissents: r.dissents,
      tally: r.tally_for === null || r.tally_against === null || r.tally_abstained === null ? null : { for: r.tally_for, against: r.tally_against, abstained: r.tally_abstained },
    }));
  const roles: Partial<Record<BoardRole, string>> = {};
  for (const role of BOARD_ROLES) {
    const holder = board[role];
    if (holder !== null) roles[role] = holder;
  }
  const seatViews: Seat[] = seats.map((s) => ({ seatId: s.seat_id, kind: s.kind, organisation: s.organisation, memberId: s.member_id, since: s.since, deputyId: s.deputy_id, deputySince: s.deputy_since }));
  const names: Record<string, string> = {};
  if (reader.open) {
    const rows = await db.withSchema('rm').selectFrom('board_names').select(['member_id', 'name']).where('centre_id', '=', centreId).execute();
    for (const row of rows) {
      const name = await reader.open(row.name);
      if (name !== ERASED && typeof name === 'string') names[row.member_id] = name;
    }
  }
  const filled = (seatId: string) => seatViews.some((s) => s.seatId === seatId && s.memberId !== null);
  const view: BoardView = { centreId: board.centre_id, validlyComposed: filled('employee') && filled('citizen'), individualVotesPublic: board.individual_votes_public, seats: seatViews, names, roles, meetings, resolutions };
  return reader.insider ? view : byPlace(view);
}

/**
 * The board as the public sees it: each person by their place on it, never by their identity (the
 * subject of their sign-in). A member is `seat:<seatId>`, a deputy `deputy:<seatId>`, someone who
 * no longer holds a place `former:<n>` (numbered in the order the record first names them); the
 * names they published are keyed the same way.
 */
function byPlace(view: BoardView): BoardView {
  const labels = new Map<string, string>();
  for (const s of view.seats) {
    if (s.memberId) labels.set(s.memberId, `seat:${s.seatId}`);
    if (s.deputyId) labels.set(s.deputyId, `deputy:${s.seatId}`);
  }
  let former = 0;
  const at = (id: string) => {
    let label = labels.get(id);
    if (label === undefined) {
      label = `former:${++former}`;
      labels.set(id, label);
    }
    return label;
  };
  const keys = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).map(([id, value]) => [at(id), value]));
  const meetings = view.meetings.map((m) => ({
    ...m,
    present: m.present === null ? null : m.present.map(at),
    departed: keys(m.departed),
    deputising: keys(m.deputising),
    recused: Object.fromEntries(Object.entries(m.recused).map(([item, ids]) => [item, ids.map(at)])),
    signedBy: m.signedBy.map(at),
  }));
  const resolutions = view.resolutions.map((r) => ({ ...r, votes: keys(r.votes), dissents: r.dissents.map(at) }));
  const roles: Partial<Record<BoardRole, string>> = Object.fromEntries(Object.entries(view.roles).map(([role, id]) => [role, at(id)]));
  const seats = view.seats.map((s) => ({ ...s, memberId: s.memberId === null ? null : at(s.memberId), deputyId: s.deputyId === null ? null : at(s.deputyId) }));
  // Names last: a name of someone the record does not name is not shown.
  const names = Object.fromEntries(Object.entries(view.names).flatMap(([id, name]) => (labels.has(id) ? [[labels.get(id)!, name]] : [])));
  return { ...view, seats, roles, meetings, resolutions, names };
}

/** A resolution as a budget's story names it: its title, status, meeting and subject. */
export interface ResolutionSummary {
  title: string;
  status: Resolution['status'];
  meetingId: string;
  subject: ResolutionSubject;
}

/**
 * The resolutions of a centre's board with these ids, by id. Budget stories name the resolutions
 * that approved or moved money; those are public records of the board.
 */
export async function resolutionsOf(db: Kysely<BoardTables>, centreId: string, resolutionIds: readonly string[]): Promise<Record<string, ResolutionSummary>> {
  if (resolutionIds.length === 0) return {};
  const rows = await db
    .withSchema('rm')
    .selectFrom('board_resolutions')
    .select(['resolution_id', 'title', 'status', 'meeting_id', 'subject'])
    .where('centre_id', '=', centreId)
    .where('resolution_id', 'in', [...new Set(resolutionIds)])
    .orderBy('proposed_at')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.resolution_id, { title: r.title, status: r.status, meetingId: r.meeting_id, subject: r.subject }]));
}

/** Whether someone holds a place on the centre's board now: a seat, or a seat's deputy's place. */
export async function holdsPlace(db: Kysely<BoardTables>, centreId: string, id: string): Promise<boolean> {
  const seat = await db
    .withSchema('rm')
    .selectFrom('board_seats')
    .select('seat_id')
    .where('centre_id', '=', centreId)
    .where((eb) => eb.or([eb('member_id', '=', id), eb('deputy_id', '=', id)]))
    .executeTakeFirst();
  return seat !== undefined;
}

/** Whether a member holds a seat on the centre's board now. */
export async function holdsSeat(db: Kysely<BoardTables>, centreId: string, memberId: string): Promise<boolean> {
  const seat = await db.withSchema('rm').selectFrom('board_seats').select('seat_id').where('centre_id', '=', centreId).where('member_id', '=', memberId).executeTakeFirst();
  return seat !== undefined;
}
