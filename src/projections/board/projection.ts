import { type Kysely, sql } from 'kysely';
import { match } from 'ts-pattern';
import { BOARD_EVENT_SCHEMA_VERSIONS, type BoardEvent, type BoardRole, CITIZEN_SEAT, EMPLOYEE_SEAT } from '../../domain/board/board.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import type { BoardTables } from './tables.js';

/** Every board event: the list is the aggregate's own, so a new event reaches `applyOne`'s exhaustive match. */
const HANDLES: readonly BoardEvent['type'][] = Object.keys(BOARD_EVENT_SCHEMA_VERSIONS).filter((type): type is BoardEvent['type'] => type in BOARD_EVENT_SCHEMA_VERSIONS);

/** The column of `boards` that holds each role. */
const ROLE_COLUMN: Record<BoardRole, 'chair' | 'vice_chair' | 'secretary'> = { chair: 'chair', vice_chair: 'vice_chair', secretary: 'secretary' };

/** The log's event as the board's own union (the log holds it as the decider wrote it). */
const boardEventOf = (recorded: RecordedEvent) => ({ type: recorded.type, data: recorded.data }) as BoardEvent;

/** One step: the read-model change for one board event, as `evolve` changes the board's state. */
async function applyOne(db: Kysely<BoardTables>, recorded: RecordedEvent): Promise<void> {
  const event = boardEventOf(recorded);
  const centreId = event.data.centreId;
  const position = recorded.globalPosition;
  const seats = () => db.updateTable('board_seats').where('centre_id', '=', centreId);
  const meetings = (meetingId: string) => db.updateTable('board_meetings').where('centre_id', '=', centreId).where('meeting_id', '=', meetingId);
  const resolutions = (resolutionId: string) => db.updateTable('board_resolutions').where('centre_id', '=', centreId).where('resolution_id', '=', resolutionId);
  await match(event)
    .with({ type: 'BoardConstituted' }, async () => {
      await db.insertInto('boards').values({ centre_id: centreId, constituted_at: recorded.metadata.occurredAt, version: recorded.streamVersion }).execute();
      await db
        .insertInto('board_seats')
        .values(([EMPLOYEE_SEAT, CITIZEN_SEAT] as const).map((seat) => ({ centre_id: centreId, seat_id: seat, kind: seat, organisation: null, member_id: null, since: null, added_at: position })))
        .execute();
    })
    .with({ type: 'PartnerSeatAdded' }, async ({ data }) => {
      await db
        .insertInto('board_seats')
        .values({ centre_id: centreId, seat_id: data.seatId, kind: 'partner', organisation: data.organisation, member_id: null, since: null, added_at: position })
        .execute();
    })
    .with({ type: 'PartnerSeatRemoved' }, async ({ data }) => {
      await db.deleteFrom('board_seats').where('centre_id', '=', centreId).where('seat_id', '=', data.seatId).execute();
    })
    .with({ type: 'MemberJoinedBoard' }, async ({ data }) => {
      await seats().set({ member_id: data.memberId, since: data.from }).where('seat_id', '=', data.seatId).execute();
      // The seat's own deputy taking it as its member is its deputy no longer.
      await seats().set({ deputy_id: null, deputy_since: null }).where('seat_id', '=', data.seatId).where('deputy_id', '=', data.memberId).execute();
    })
    .with({ type: 'DeputySeated' }, async ({ data }) => {
      await seats().set({ deputy_id: data.deputyId, deputy_since: data.from }).where('seat_id', '=', data.seatId).execute();
    })
    .with({ type: 'DeputyLeftBoard' }, async ({ data }) => {
      await seats().set({ deputy_id: null, deputy_since: null }).where('seat_id', '=', data.seatId).execute();
    })
    .with({ type: 'MemberNamePublished' }, async ({ data }) => {
      const name = JSON.stringify(data.name);
      await db
        .insertInto('board_names')
        .values({ centre_id: centreId, member_id: data.memberId, name_id: data.nameId, name })
        .onConflict((oc) => oc.columns(['centre_id', 'member_id']).doUpdateSet({ name_id: data.nameId, name }))
        .execute();
    })
    .with({ type: 'MemberNameWithdrawn' }, async ({ data }) => {
      await db.deleteFrom('board_names').where('centre_id', '=', centreId).where('member_id', '=', data.memberId).where('name_id', '=', data.nameId).execute();
    })
    .with({ type: 'DocumentAttached' }, async ({ data }) => {
      await db
        .insertInto('board_documents')
        .values({
          document_id: data.documentId,
          centre_id: centreId,
          meeting_id: data.meetingId,
          item: data.item,
          title: data.title,
          sha256: data.sha256,
          media_type: data.mediaType,
          size: data.size,
          published: data.published,
          attached_at: position,
        })
        .execute();
    })
    // A re-election changes no row: the member keeps the seat, the date they took it and their roles.
    .with({ type: 'MemberReelected' }, async () => {})
    .with({ type: 'MemberLeftBoard' }, async ({ data }) => {
      await seats().set({ member_id: null, since: null }).where('seat_id', '=', data.seatId).execute();
      // A member who leaves gives up every role they held.
      for (const column of Object.values(ROLE_COLUMN)) {
        await db.updateTable('boards').set({ [column]: null }).where('centre_id', '=', centreId).where(column, '=', data.memberId).execute();
      }
    })
    .with({ type: 'BoardRoleAssigned' }, async ({ data }) => {
      await db.updateTable('boards').set({ [ROLE_COLUMN[data.role]]: data.memberId }).where('centre_id', '=', centreId).execute();
    })
    .with({ type: 'MeetingConvened' }, async ({ data }) => {
      await db
        .insertInto('board_meetings')
        .values({ meeting_id: data.meetingId, centre_id: centreId, at: data.at, agenda: data.agenda, place: data.place ?? null, present: null, quorate: false, convened_at: position })
        .execute();
    })
    .with({ type: 'AttendanceRecorded' }, async ({ data }) => {
      await meetings(data.meetingId).set({ present: data.present, quorate: data.quorate, deputising: JSON.stringify(data.deputising ?? {}) }).execute();
    })
    .with({ type: 'MemberLeftMeeting' }, async ({ data }) => {
      await meetings(data.meetingId)
        .set({ departed: sql<string>`departed || jsonb_build_object(${data.memberId}::text, ${data.at}::text)` })
        .execute();
    })
    .with({ type: 'MinutesSigned' }, async ({ data }) => {
      await meetings(data.meetingId)
        .set({ signed_by: sql<string[]>`array_append(signed_by, ${data.memberId}::text)`, ...(data.complete ? { minutes_complete: true } : {}) })
        .execute();
    })
    .with({ type: 'ResolutionProposed' }, async ({ data }) => {
      const { subject } = data;
      await db
        .insertInto('board_resolutions')
        .values({
          resolution_id: data.resolutionId,
          centre_id: centreId,
          meeting_id: data.meetingId,
          item: data.item ?? null,
          title: data.title,
          subject_kind: subject.kind,
          budget_id: subject.kind === 'general' ? null : subject.budgetId,
          subject: JSON.stringify(subject),
          status: 'proposed',
          tally_for: null,
          tally_against: null,
          tally_abstained: null,
          proposed_at: position,
        })
        .execute();
    })
    .with({ type: 'VoteCast' }, async ({ data }) => {
      // Board votes are open: each member's choice is part of the record.
      await resolutions(data.resolutionId)
        .set({ votes: sql<string>`votes || jsonb_build_object(${data.memberId}::text, ${data.choice}::text)` })
        .execute();
    })
    .with({ type: 'ResolutionAdopted' }, { type: 'ResolutionRejected' }, async ({ type, data }) => {
      const { tally } = data;
      await resolutions(data.resolutionId)
        .set({ status: type === 'ResolutionAdopted' ? 'adopted' : 'rejected', tally_for: tally.for, tally_against: tally.against, tally_abstained: tally.abstained })
        .execute();
    })
    .with({ type: 'DissentRecorded' }, async ({ data }) => {
      await resolutions(data.resolutionId)
        .set({ dissents: sql<string[]>`array_append(dissents, ${data.memberId}::text)` })
        .execute();
    })
    .with({ type: 'ItemMinuted' }, async ({ data }) => {
      const text = JSON.stringify({ decision: data.decision, reasoning: data.reasoning });
      await meetings(data.meetingId)
        .set({ item_minutes: sql<string>`item_minutes || jsonb_build_object(${String(data.item)}::text, ${text}::jsonb)` })
        .execute();
    })
    .with({ type: 'VotePublicationSet' }, async ({ data }) => {
      await db.updateTable('boards').set({ individual_votes_public: data.individualVotesPublic }).where('centre_id', '=', centreId).execute();
    })
    .with({ type: 'MemberRecused' }, async ({ data }) => {
      const item = String(data.item);
      await meetings(data.meetingId)
        .set({ recused: sql<string>`recused || jsonb_build_object(${item}::text, coalesce(recused -> ${item}::text, '[]'::jsonb) || to_jsonb(${data.memberId}::text))` })
        .execute();
    })
    .exhaustive();
  await db.updateTable('boards').set({ version: recorded.streamVersion }).where('centre_id', '=', centreId).execute();
}

/**
 * Each centre's board: seats, roles, meetings and resolutions. Inline: whoever acts on the board
 * reads it right after, and it must show what they just did.
 */
export const boardProjection: Projection = {
  name: 'board',
  version: 4,
  mode: 'inline',
  tables: ['boards', 'board_seats', 'board_meetings', 'board_resolutions', 'board_documents', 'board_names'],
  handles: HANDLES,
  async apply(trx, schema, events) {
    const db: Kysely<BoardTables> = trx.withSchema(schema);
    for (const event of events) await applyOne(db, event);
  },
};
