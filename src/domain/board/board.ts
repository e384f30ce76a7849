/**
 * A centre's board (bestyrelse): one seat per partner organisation, one employee seat and one
 * citizen seat. Its meetings, their attendance, the resolutions proposed there, the votes cast
 * and the signed minutes all live in the board's one stream, so quorum, composition and "one
 * vote per member" are decided against one consistent state.
 *
 * Members are identified by their identity (the subject of their token); the board keeps no
 * names. Nothing here concerns citizens' journeys: a board governs the centre, never a person.
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

export type SeatKind = 'partner' | 'employee' | 'citizen';
export const EMPLOYEE_SEAT = 'employee';
export const CITIZEN_SEAT = 'citizen';
export const BOARD_ROLES = ['chair', 'vice_chair', 'secretary'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];
export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** What a resolution decides. Budget subjects name exactly what a budget may then do. */
export type ResolutionSubject =
  | { kind: 'general' }
  | { kind: 'budget_approval'; budgetId: string; version: number }
  | { kind: 'budget_reallocation'; budgetId: string; fromLineId: string; toLineId: string; year: number; amountOre: number }
  /** A supplementary appropriation (tillægsbevilling): more money on one line of an enacted budget. */
  | { kind: 'budget_supplement'; budgetId: string; lineId: string; year: number; amountOre: number }
  /**
   * A carry-over (overførsel): unspent money on a line of last year's closed accounts added to a
   * line of this year's enacted annual budget (`budgetId`).
   */
  | { kind: 'budget_carry_over'; budgetId: string; lineId: string; year: number; fromBudgetId: string; fromLineId: string; amountOre: number }
  /** The year-end closing (regnskab): an annual budget's accounts fixed once its year is over. */
  | { kind: 'budget_closing'; budgetId: string };

export interface Tally {
  for: number;
  against: number;
  abstained: number;
}

export type BoardConstituted = DomainEvent<'BoardConstituted', { centreId: string }>;
export type PartnerSeatAdded = DomainEvent<'PartnerSeatAdded', { centreId: string; seatId: string; organisation: string }>;
export type PartnerSeatRemoved = DomainEvent<'PartnerSeatRemoved', { centreId: string; seatId: string }>;
export type MemberJoinedBoard = DomainEvent<'MemberJoinedBoard', { centreId: string; seatId: string; memberId: string; how: 'appointed' | 'elected'; from: string }>;
/**
 * A member holding a seat was elected or appointed to it again, for a term from `from`: they keep
 * the seat (and the date they took it) and every role they hold, until the board changes them.
 */
export type MemberReelected = DomainEvent<'MemberReelected', { centreId: string; seatId: string; memberId: string; how: 'appointed' | 'elected'; from: string }>;
export type MemberLeftBoard = DomainEvent<'MemberLeftBoard', { centreId: string; seatId: string; memberId: string; on: string }>;
/**
 * A deputy (suppleant) was appointed or elected for a seat: when the seat's member is absent from
 * a meeting, the deputy takes the seat there. One deputy per seat; a person holds one place on the
 * board at a time, as member or as deputy.
 */
export type DeputySeated = DomainEvent<'DeputySeated', { centreId: string; seatId: string; deputyId: string; how: 'appointed' | 'elected'; from: string }>;
export type DeputyLeftBoard = DomainEvent<'DeputyLeftBoard', { centreId: string; seatId: string; deputyId: string; on: string }>;
/**
 * The name a member (or deputy) agreed to have published with the board, sealed under a key of its
 * own (`nameId`'s), so that withdrawing it erases that key and nothing else of theirs.
 */
export type MemberNamePublished = DomainEvent<'MemberNamePublished', { centreId: string; memberId: string; nameId: string; name: unknown }>;
/** The member withdrew their published name; its key is erased, so the name reads as erased wherever it was. */
export type MemberNameWithdrawn = DomainEvent<'MemberNameWithdrawn', { centreId: string; memberId: string; nameId: string }>;
/**
 * A document attached to a meeting (to one agenda item, or to the meeting as a whole), by its
 * SHA-256: the bytes are stored outside the log, and the log fixes which bytes they were.
 * `published`: shown to the public with the signed minutes; otherwise for the board.
 */
export type DocumentAttached = DomainEvent<
  'DocumentAttached',
  { centreId: string; meetingId: string; item: number | null; documentId: string; title: string; sha256: string; mediaType: string; size: number; published: boolean }
>;
export type BoardRoleAssigned = DomainEvent<'BoardRoleAssigned', { centreId: string; role: BoardRole; memberId: string }>;
/**
 * The notice of a meeting: when, where (a place or a link; absent in version 1) and its agenda, whose
 * items are numbered from 1 in the order given.
 */
export type MeetingConvened = DomainEvent<'MeetingConvened', { centreId: string; meetingId: string; at: string; agenda: string[]; place?: string | null }>;
/**
 * What the board's rules of procedure (forretningsorden), adopted by resolution `resolutionId`, say
 * of the vote record: whether how each member voted on an adopted resolution is public. If not,
 * the public sees only the counts (and any dissent a member asked to have minuted).
 */
export type VotePublicationSet = DomainEvent<'VotePublicationSet', { centreId: string; resolutionId: string; individualVotesPublic: boolean }>;
/** The minutes of one agenda item: the decision and, if any, its short reasoning. Recorded again, the later text stands. */
export type ItemMinuted = DomainEvent<'ItemMinuted', { centreId: string; meetingId: string; item: number; decision: string; reasoning: string | null }>;
/**
 * A member present is disqualified (inhabil) on one agenda item for a conflict of interest: on
 * that item they neither count for the quorum nor vote.
 */
export type MemberRecused = DomainEvent<'MemberRecused', { centreId: string; meetingId: string; item: number; memberId: string }>;
/**
 * Who was present. `deputising` (absent in version 1): the deputies among them, each with the seat
 * they took for the meeting in its absent member's place.
 */
export type AttendanceRecorded = DomainEvent<'AttendanceRecorded', { centreId: string; meetingId: string; present: string[]; seats: number; quorate: boolean; deputising?: Record<string, string> }>;
/**
 * A member present at a meeting left it before it ended, at `at`. What they voted before leaving
 * stands; from then on they neither count for the quorum nor vote, and a resolution is decided
 * among those still present.
 */
export type MemberLeftMeeting = DomainEvent<'MemberLeftMeeting', { centreId: string; meetingId: string; memberId: string; at: string }>;
export type ResolutionProposed = DomainEvent<
  'ResolutionProposed',
  /** `item`: the agenda item the resolution belongs to (absent in version 1, and for a resolution under no item). */
  { centreId: string; meetingId: string; resolutionId: string; title: string; subject: ResolutionSubject; proposedBy: string; item?: number | null }
>;
export type VoteCast = DomainEvent<'VoteCast', { centreId: string; resolutionId: string; memberId: string; choice: VoteChoice }>;
export type ResolutionAdopted = DomainEvent<'ResolutionAdopted', { centreId: string; resolutionId: string; tally: Tally }>;
export type ResolutionRejected = DomainEvent<'ResolutionRejected', { centreId: string; resolutionId: string; tally: Tally }>;
export type DissentRecorded = DomainEvent<'DissentRecorded', { centreId: string; resolutionId: string; memberId: string }>;
export type MinutesSigned = DomainEvent<'MinutesSigned', { centreId: string; meetingId: string; memberId: string; complete: boolean }>;

export type BoardEvent =
  | BoardConstituted
  | PartnerSeatAdded
  | PartnerSeatRemoved
  | MemberJoinedBoard
  | MemberReelected
  | MemberLeftBoard
  | BoardRoleAssigned
  | MeetingConvened
  | AttendanceRecorded
  | MemberLeftMeeting
  | ResolutionProposed
  | VoteCast
  | ResolutionAdopted
  | ResolutionRejected
  | DissentRecorded
  | MinutesSigned
  | ItemMinuted
  | MemberRecused
  | VotePublicationSet
  | DeputySeated
  | DeputyLeftBoard
  | MemberNamePublished
  | MemberNameWithdrawn
  | DocumentAttached;

export const BOARD_EVENT_SCHEMA_VERSIONS: Record<BoardEvent['type'], number> = {
  BoardConstituted: 1,
  PartnerSeatAdded: 1,
  PartnerSeatRemoved: 1,
  MemberJoinedBoard: 1,
  MemberReelected: 1,
  MemberLeftBoard: 1,
  BoardRoleAssigned: 1,
  MeetingConvened: 2,
  AttendanceRecorded: 2,
  MemberLeftMeeting: 1,
  ResolutionProposed: 2,
  VoteCast: 1,
  ResolutionAdopted: 1,
  ResolutionRejected: 1,
  DissentRecorded: 1,
  MinutesSigned: 1,
  ItemMinuted: 1,
  MemberRecused: 1,
  VotePublicationSet: 1,
  DeputySeated: 1,
  DeputyLeftBoard: 1,
  MemberNamePublished: 1,
  MemberNameWithdrawn: 1,
  DocumentAttached: 1,
};

/** The personal fields of each board event: only a published name. */
export const BOARD_PERSONAL_FIELDS: Record<BoardEvent['type'], readonly string[]> = Object.fromEntries(
  Object.keys(BOARD_EVENT_SCHEMA_VERSIONS).map((type) => [type, type === 'MemberNamePublished' ? ['name'] : []]),
) as unknown as Record<BoardEvent['type'], readonly string[]>;

export interface Seat {
  seatId: string;
  kind: SeatKind;
  organisation: string | null;
  memberId: string | null;
  /** The date the member took the seat. */
  since: string | null;
  /** The seat's deputy (suppleant), if any, and since when. */
  deputyId: string | null;
  deputySince: string | null;
}

/** A document attached to a meeting: what the log fixes of it. */
export interface AttachedDocument {
  documentId: string;
  item: number | null;
  title: string;
  sha256: string;
  mediaType: string;
  size: number;
  published: boolean;
}

export interface Meeting {
  meetingId: string;
  at: string;
  agenda: string[];
  place: string | null;
  /** The minutes per agenda item, by its number. */
  itemMinutes: Record<string, { decision: string; reasoning: string | null }>;
  /** Who is disqualified on which agenda item, by its number. */
  recused: Record<string, string[]>;
  present: string[] | null;
  /** Members who left the meeting before it ended, with when. */
  departed: Record<string, string>;
  /** The deputies present, each with the seat they took for the meeting. */
  deputising: Record<string, string>;
  documents: Record<string, AttachedDocument>;
  quorate: boolean;
  signedBy: string[];
}

export interface Resolution {
  resolutionId: string;
  meetingId: string;
  title: string;
  subject: ResolutionSubject;
  /** The agenda item it belongs to, or null. */
  item: number | null;
  status: 'proposed' | 'adopted' | 'rejected';
  votes: Record<string, VoteChoice>;
  dissents: string[];
}

export type Board =
  | { status: 'none' }
  | {
      status: 'constituted';
      centreId: string;
      seats: Record<string, Seat>;
      roles: Partial<Record<BoardRole, string>>;
      /** The start of the present term of each seat's member (their first, or their re-election). */
      terms: Record<string, string>;
      meetings: Record<string, Meeting>;
      resolutions: Record<string, Resolution>;
      /** As the rules of procedure say: how each member voted on an adopted resolution is public. */
      individualVotesPublic: boolean;
      /** The key (`nameId`) of each member's published name. */
      names: Record<string, string>;
    };
export type ConstitutedBoard = Extract<Board, { status: 'constituted' }>;

export const initialState: Board = { status: 'none' };

export function evolve(state: Board, event: BoardEvent): Board {
  if (event.type === 'BoardConstituted') {
    return {
      status: 'constituted',
      centreId: event.data.centreId,
      seats: {
        [EMPLOYEE_SEAT]: { seatId: EMPLOYEE_SEAT, kind: 'employee', organisation: null, memberId: null, since: null, deputyId: null, deputySince: null },
        [CITIZEN_SEAT]: { seatId: CITIZEN_SEAT, kind: 'citizen', organisation: null, memberId: null, since: null, deputyId: null, deputySince: null },
      },
      roles: {},
      terms: {},
      meetings: {},
      resolutions: {},
      individualVotesPublic: false,
      names: {},
    };
  }
  if (state.status !== 'constituted') return state;
  const seat = (seatId: string, change: Partial<Seat>): Board => ({ ...state, seats: { ...state.seats, [seatId]: { ...state.seats[seatId]!, ...change } } });
  const meeting = (meetingId: string, change: (m: Meeting) => Partial<Meeting>): Board => {
    const m = state.meetings[meetingId]!;
    return { ...state, meetings: { ...state.meetings, [meetingId]: { ...m, ...change(m) } } };
  };
  const resolution = (resolutionId: string, change: (r: Resolution) => Partial<Resolution>): Board => {
    const r = state.resolutions[resolutionId]!;
    return { ...state, resolutions: { ...state.resolutions, [resolutionId]: { ...r, ...change(r) } } };
  };
  return match(event)
    .with({ type: 'PartnerSeatAdded' }, ({ data }) => ({
      ...state,
      seats: { ...state.seats, [data.seatId]: { seatId: data.seatId, kind: 'partner' as const, organisation: data.organisation, memberId: null, since: null, deputyId: null, deputySince: null } },
    }))
    .with({ type: 'PartnerSeatRemoved' }, ({ data }) => {
      const { [data.seatId]: _removed, ...seats } = state.seats;
      return { ...state, seats };
    })
    .with({ type: 'MemberJoinedBoard' }, ({ data }) => {
      // The seat's own deputy who takes it as its member is its deputy no longer.
      const stepsUp = state.seats[data.seatId]!.deputyId === data.memberId ? { deputyId: null, deputySince: null } : {};
      return { ...(seat(data.seatId, { memberId: data.memberId, since: data.from, ...stepsUp }) as ConstitutedBoard), terms: { ...state.terms, [data.seatId]: data.from } };
    })
    .with({ type: 'DeputySeated' }, ({ data }) => seat(data.seatId, { deputyId: data.deputyId, deputySince: data.from }))
    .with({ type: 'DeputyLeftBoard' }, ({ data }) => seat(data.seatId, { deputyId: null, deputySince: null }))
    .with({ type: 'MemberNamePublished' }, ({ data }) => ({ ...state, names: { ...state.names, [data.memberId]: data.nameId } }))
    .with({ type: 'MemberNameWithdrawn' }, ({ data }) => {
      const { [data.memberId]: _withdrawn, ...names } = state.names;
      return { ...state, names };
    })
    .with({ type: 'DocumentAttached' }, ({ data }) =>
      meeting(data.meetingId, (m) => ({
        documents: { ...m.documents, [data.documentId]: { documentId: data.documentId, item: data.item, title: data.title, sha256: data.sha256, mediaType: data.mediaType, size: data.size, published: data.published } },
      })),
    )
    .with({ type: 'MemberReelected' }, ({ data }) => ({ ...state, terms: { ...state.terms, [data.seatId]: data.from } }))
    .with({ type: 'MemberLeftBoard' }, ({ data }) => {
      const left = seat(data.seatId, { memberId: null, since: null }) as ConstitutedBoard;
      const roles = Object.fromEntries(Object.entries(left.roles).filter(([, id]) => id !== data.memberId));
      return { ...left, roles };
    })
    .with({ type: 'BoardRoleAssigned' }, ({ data }) => ({ ...state, roles: { ...state.roles, [data.role]: data.memberId } }))
    .with({ type: 'MeetingConvened' }, ({ data }) => ({
      ...state,
      meetings: {
        ...state.meetings,
        [data.meetingId]: { meetingId: data.meetingId, at: data.at, agenda: data.agenda, place: data.place ?? null, itemMinutes: {}, recused: {}, present: null, departed: {}, deputising: {}, documents: {}, quorate: false, signedBy: [] },
      },
    }))
    .with({ type: 'AttendanceRecorded' }, ({ data }) => meeting(data.meetingId, () => ({ present: data.present, quorate: data.quorate, deputising: data.deputising ?? {} })))
    .with({ type: 'MemberLeftMeeting' }, ({ data }) => meeting(data.meetingId, (m) => ({ departed: { ...m.departed, [data.memberId]: data.at } })))
    .with({ type: 'ResolutionProposed' }, ({ data }) => ({
      ...state,
      resolutions: {
        ...state.resolutions,
        [data.resolutionId]: {
          resolutionId: data.resolutionId,
          meetingId: data.meetingId,
          title: data.title,
          subject: data.subject,
          item: data.item ?? null,
          status: 'proposed' as const,
          votes: {},
          dissents: [],
        },
      },
    }))
    .with({ type: 'VoteCast' }, ({ data }) => resolution(data.resolutionId, (r) => ({ votes: { ...r.votes, [data.memberId]: data.choice } })))
    .with({ type: 'ResolutionAdopted' }, ({ data }) => resolution(data.resolutionId, () => ({ status: 'adopted' })))
    .with({ type: 'ResolutionRejected' }, ({ data }) => resolution(data.resolutionId, () => ({ status: 'rejected' })))
    .with({ type: 'DissentRecorded' }, ({ data }) => resolution(data.resolutionId, (r) => ({ dissents: [...r.dissents, data.memberId] })))
    .with({ type: 'MinutesSigned' }, ({ data }) => meeting(data.meetingId, (m) => ({ signedBy: [...m.signedBy, data.memberId] })))
    .with({ type: 'ItemMinuted' }, ({ data }) => meeting(data.meetingId, (m) => ({ itemMinutes: { ...m.itemMinutes, [data.item]: { decision: data.decision, reasoning: data.reasoning } } })))
    .with({ type: 'VotePublicationSet' }, ({ data }) => ({ ...state, individualVotesPublic: data.individualVotesPublic }))
    .with({ type: 'MemberRecused' }, ({ data }) => meeting(data.meetingId, (m) => ({ recused: { ...m.recused, [data.item]: [...(m.recused[data.item] ?? []), data.memberId] } })))
    .exhaustive();
}

/** Who may take part in an agenda item's business now: those at the meeting now, less any disqualified on the item. */
export function takingPart(meeting: Meeting, item: number | null): string[] {
  const recused = item === null ? [] : (meeting.recused[item] ?? []);
  return presentNow(meeting).filter((id) => !recused.includes(id));
}

/** Validly composed: both the employee seat and the citizen seat are filled. */
export const validlyComposed = (board: ConstitutedBoard) => board.seats[EMPLOYEE_SEAT]?.memberId != null && board.seats[CITIZEN_SEAT]?.memberId != null;

/** Those at the meeting now: recorded present, and not left since. */
export const presentNow = (meeting: Pick<Meeting, 'present' | 'departed'>): string[] => (meeting.present ?? []).filter((id) => !Object.hasOwn(meeting.departed, id));

/** The seat a member holds now, if any. */
export const seatOf = (board: ConstitutedBoard, memberId: string) => Object.values(board.seats).find((s) => s.memberId === memberId);

/** The seat a person is deputy for now, if any. */
export const deputySeatOf = (board: ConstitutedBoard, deputyId: string) => Object.values(board.seats).find((s) => s.deputyId === deputyId);

/**
 * The seat someone sits in at a meeting: their own, as a member; or, as a deputy recorded in an
 * absent member's place, that seat while they are still its deputy and the seat still exists.
 */
export function sitsFor(board: ConstitutedBoard, meeting: Pick<Meeting, 'deputising'>, id: string): Seat | undefined {
  const own = seatOf(board, id);
  if (own) return own;
  const seatId = Object.hasOwn(meeting.deputising, id) ? meeting.deputising[id]! : null;
  const seat = seatId === null ? undefined : board.seats[seatId];
  return seat && seat.deputyId === id ? seat : undefined;
}

/** The subject a published name is sealed under: its own key, erased when the name is withdrawn. */
export const boardNameSubject = (nameId: string) => `board-name:${nameId}`;

export const boardStreamId = (centreId: string) => `board-${centreId}`;
