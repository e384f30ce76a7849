import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { httpsLink, isDate, own, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { Budget } from '../budget/budget.js';
import {
  BOARD_EVENT_SCHEMA_VERSIONS,
  BOARD_PERSONAL_FIELDS,
  type Board,
  type BoardEvent,
  type BoardRole,
  boardStreamId,
  type ConstitutedBoard,
  evolve,
  initialState,
  type Meeting,
  boardNameSubject,
  deputySeatOf,
  presentNow,
  type Resolution,
  type ResolutionSubject,
  seatOf,
  sitsFor,
  takingPart,
  validlyComposed,
  type VoteChoice,
} from './board.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { centreId: string } };
/** `centreKnown`: whether the centre was established, a fact from its stream. */
export type ConstituteBoard = Cmd<'ConstituteBoard', { centreKnown: boolean }>;
export type AddPartnerSeat = Cmd<'AddPartnerSeat', { seatId: string; organisation: string }>;
export type RemovePartnerSeat = Cmd<'RemovePartnerSeat', { seatId: string }>;
export type SeatMember = Cmd<'SeatMember', { seatId: string; memberId: string; how: 'appointed' | 'elected'; from: string }>;
export type MemberLeaves = Cmd<'MemberLeaves', { seatId: string; on: string }>;
export type SeatDeputy = Cmd<'SeatDeputy', { seatId: string; deputyId: string; how: 'appointed' | 'elected'; from: string }>;
export type DeputyLeaves = Cmd<'DeputyLeaves', { seatId: string; on: string }>;
/** A member or deputy publishes the name they agree to be shown by; `nameId`, new at the edge, keys its seal. */
export type PublishMemberName = Cmd<'PublishMemberName', { nameId: string; name: string }>;
/** A member or deputy withdraws their published name (or an administrator does, for them). */
export type WithdrawMemberName = Cmd<'WithdrawMemberName', { memberId: string }>;
/** Attach a document, already stored by its SHA-256, to a meeting or one of its agenda items. */
export type AttachDocument = Cmd<
  'AttachDocument',
  { meetingId: string; item?: number | null; documentId: string; title: string; sha256: string; mediaType: string; size: number; published: boolean }
>;
export type AssignBoardRole = Cmd<'AssignBoardRole', { role: BoardRole; memberId: string }>;
/** `place`: where the meeting is held, an address or an https link to an online meeting. */
export type ConveneMeeting = Cmd<'ConveneMeeting', { meetingId: string; at: string; agenda: string[]; place?: string | null }>;
export type RecordAttendance = Cmd<'RecordAttendance', { meetingId: string; present: string[] }>;
/** A member present left the meeting at `at` (by default the command's time). */
export type RecordDeparture = Cmd<'RecordDeparture', { meetingId: string; memberId: string; at?: string }>;
/** A budget as the edge found it in its stream, for a resolution about it (null: no such budget). */
export interface BudgetFact {
  budgetId: string;
  centreId: string;
  kind: 'annual' | 'development';
  fiscalYear: number;
  status: 'draft' | 'approved' | 'submitted' | 'enacted' | 'closed';
  version: number;
  years: number[];
  activeLineIds: string[];
  /** Of the active lines, those that are revenue. */
  revenueLineIds: string[];
}
/** What a resolution about a budget needs to know of it, from the budget's state (null: no such budget). */
export function budgetFactOf(state: Budget): BudgetFact | null {
  if (state.status === 'none') return null;
  const active = Object.values(state.lines).filter((l) => !l.withdrawn);
  const activeLineIds = active.map((l) => l.lineId);
  const revenueLineIds = active.filter((l) => l.nature === 'revenue').map((l) => l.lineId);
  return { budgetId: state.budgetId, centreId: state.centreId, kind: state.kind, fiscalYear: state.fiscalYear, status: state.status, version: state.version, years: state.years, activeLineIds, revenueLineIds };
}
/** `item`: the number of the agenda item the resolution belongs to (from 1), if any. */
export type ProposeResolution = Cmd<'ProposeResolution', { meetingId: string; resolutionId: string; title: string; subject: ResolutionSubject; budget?: BudgetFact | null; item?: number | null }>;
/** The minutes of an agenda item: its decision and, if any, short reasoning; by the chair, vice-chair or secretary, until the minutes are signed. */
export type RecordItemMinutes = Cmd<'RecordItemMinutes', { meetingId: string; item: number; decision: string; reasoning?: string | null }>;
/** A member present declares themselves, or the chair, vice-chair or secretary declares them, disqualified on an item. */
/** Record what the rules of procedure, adopted by `resolutionId`, say of publishing individual votes: the chair, or an administrator. */
export type SetVotePublication = Cmd<'SetVotePublication', { resolutionId: string; individualVotesPublic: boolean }>;
export type DeclareRecusal = Cmd<'DeclareRecusal', { meetingId: string; item: number; memberId: string }>;
export type CastVote = Cmd<'CastVote', { resolutionId: string; choice: VoteChoice }>;
export type DecideResolution = Cmd<'DecideResolution', { resolutionId: string }>;
export type RecordDissent = Cmd<'RecordDissent', { resolutionId: string }>;
export type SignMinutes = Cmd<'SignMinutes', { meetingId: string }>;

export type BoardCommand =
  | ConstituteBoard
  | AddPartnerSeat
  | RemovePartnerSeat
  | SeatMember
  | MemberLeaves
  | AssignBoardRole
  | ConveneMeeting
  | RecordAttendance
  | RecordDeparture
  | ProposeResolution
  | CastVote
  | DecideResolution
  | RecordDissent
  | SignMinutes
  | RecordItemMinutes
  | DeclareRecusal
  | SetVotePublication
  | SeatDeputy
  | DeputyLeaves
  | PublishMemberName
  | WithdrawMemberName
  | AttachDocument;

export const TITLE_MAX = 200;
export const AGENDA_MAX = 50;
export const PLACE_MAX = 300;
export const MINUTES_MAX = 4000;
export const NAME_MAX = 100;
/** A document's largest size, in bytes. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** What a board document may be: formats a board's members can open without special software. */
export const DOCUMENT_MEDIA_TYPES = [
  'application/pdf',
  'text/plain',
  'text/csv',
  'image/png',
  'image/jpeg',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export function decide(command: BoardCommand, state: Board): BoardEvent[] {
  const centreId = command.data.centreId;
  if (command.type === 'ConstituteBoard') {
    if (command.principal.role !== 'admin') throw new Forbidden('only an administrator constitutes a board', { role: command.principal.role });
    if (!command.data.centreKnown) throw new NotFound('centre_not_found', 'no such centre', { centreId });
    if (state.status !== 'none') throw new Conflict('board_exists', 'the centre already has a board', { centreId });
    return [{ type: 'BoardConstituted', data: { centreId } }];
  }
  if (state.status !== 'constituted') throw new NotFound('board_not_found', 'the centre has no board yet', { centreId });
  return match(command)
    .with({ type: 'AddPartnerSeat' }, (c) => addPartnerSeat(c, state))
    .with({ type: 'RemovePartnerSeat' }, (c) => removePartnerSeat(c, state))
    .with({ type: 'SeatMember' }, (c) => seatMember(c, state))
    .with({ type: 'MemberLeaves' }, (c) => memberLeaves(c, state))
    .with({ type: 'AssignBoardRole' }, (c) => assignRole(c, state))
    .with({ type: 'ConveneMeeting' }, (c) => convene(c, state))
    .with({ type: 'RecordItemMinutes' }, (c) => recordItemMinutes(c, state))
    .with({ type: 'DeclareRecusal' }, (c) => declareRecusal(c, state))
    .with({ type: 'SetVotePublication' }, (c) => setVotePublication(c, state))
    .with({ type: 'SeatDeputy' }, (c) => seatDeputy(c, state))
    .with({ type: 'DeputyLeaves' }, (c) => deputyLeaves(c, state))
    .with({ type: 'PublishMemberName' }, (c) => publishName(c, state))
    .with({ type: 'WithdrawMemberName' }, (c) => withdrawName(c, state))
    .with({ type: 'AttachDocument' }, (c) => attachDocument(c, state))
    .with({ type: 'RecordAttendance' }, (c) => recordAttendance(c, state))
    .with({ type: 'RecordDeparture' }, (c) => recordDeparture(c, state))
    .with({ type: 'ProposeResolution' }, (c) => propose(c, state))
    .with({ type: 'CastVote' }, (c) => castVote(c, state))
    .with({ type: 'DecideResolution' }, (c) => decideResolution(c, state))
    .with({ type: 'RecordDissent' }, (c) => recordDissent(c, state))
    .with({ type: 'SignMinutes' }, (c) => signMinutes(c, state))
    .exhaustive();
}

/** Administrators, or a sitting member of this board. */
function adminOrMember(principal: Principal, board: ConstitutedBoard): void {
  if (principal.role === 'admin') return;
  member(principal, board);
}

/**
 * Seats and who holds them are decided outside the board (partners appoint, staff and citizens
 * elect): an administrator records them. A board cannot reshape itself.
 */
function admin(principal: Principal): void {
  if (principal.role !== 'admin') throw new Forbidden('an administrator records seats, members and roles as they were decided', { role: principal.role });
}

/** A sitting member of this board, acting for it. */
function member(principal: Principal, board: ConstitutedBoard): string {
  if (principal.role !== 'board_member') throw new Forbidden(`the role ${principal.role} does not act for a board`, { role: principal.role });
  if (principal.centreId !== board.centreId) throw new Forbidden('this is another centre’s board', { centreId: board.centreId });
  if (!seatOf(board, principal.id)) throw new Forbidden('only a sitting member of the board may do this', { memberId: principal.id });
  return principal.id;
}

/**
 * Someone who sits at this meeting: a sitting member, or a deputy recorded present in an absent
 * member's place (while still that seat's deputy). Returns their id.
 */
function participant(principal: Principal, board: ConstitutedBoard, meeting: Meeting): string {
  if (principal.role !== 'board_member') throw new Forbidden(`the role ${principal.role} does not act for a board`, { role: principal.role });
  if (principal.centreId !== board.centreId) throw new Forbidden('this is another centre’s board', { centreId: board.centreId });
  if (!sitsFor(board, meeting, principal.id)) throw new Forbidden('only a sitting member of the board, or a deputy sitting in a member’s place, may do this', { memberId: principal.id });
  return principal.id;
}

function addPartnerSeat(c: AddPartnerSeat, board: ConstitutedBoard): BoardEvent[] {
  admin(c.principal);
  const organisation = tidyText(c.data.organisation, 'organisation', TITLE_MAX);
  if (own(board.seats, c.data.seatId)) throw new Conflict('seat_exists', 'the seat exists', { seatId: c.data.seatId });
  if (Object.values(board.seats).some((s) => s.kind === 'partner' && s.organisation?.toLowerCase() === organisation.toLowerCase())) {
    throw new Conflict('organisation_seated', 'that organisation already has a seat', { seatId: c.data.seatId });
  }
  return [{ type: 'PartnerSeatAdded', data: { centreId: board.centreId, seatId: c.data.seatId, organisation } }];
}

function removePartnerSeat(c: RemovePartnerSeat, board: ConstitutedBoard): BoardEvent[] {
  admin(c.principal);
  const seat = seatById(board, c.data.seatId);
  if (seat.kind !== 'partner') throw new RuleViolation('seat_fixed', 'the employee and citizen seats are part of every board', { seatId: seat.seatId });
  if (seat.memberId) throw new RuleViolation('seat_occupied', 'the member must leave the seat first', { seatId: seat.seatId });
  if (seat.deputyId) throw new RuleViolation('seat_has_deputy', 'the deputy must leave the seat first', { seatId: seat.seatId });
  return [{ type: 'PartnerSeatRemoved', data: { centreId: board.centreId, seatId: seat.seatId } }];
}

function seatMember(c: SeatMember, board: ConstitutedBoard): BoardEvent[] {
  admin(c.principal);
  const seat = seatById(board, c.data.seatId);
  date(c.data.from, 'from');
  if (seat.memberId === c.data.memberId) {
    // Seated again for a new term: a re-election. The member keeps the seat and their roles.
    const term = own(board.terms, seat.seatId) ?? seat.since ?? '';
    if (c.data.from <= term) return [];
    return [{ type: 'MemberReelected', data: { centreId: board.centreId, seatId: seat.seatId, memberId: c.data.memberId, how: c.data.how, from: c.data.from } }];
  }
  if (seat.memberId) throw new Conflict('seat_occupied', 'the seat is held; its member must leave first', { seatId: seat.seatId });
  if (seatOf(board, c.data.memberId)) throw new Conflict('member_seated', 'a member holds one seat at a time', { memberId: c.data.memberId });
  // A deputy may take the seat they are deputy for (the member left); not another seat while deputy.
  const deputyFor = deputySeatOf(board, c.data.memberId);
  if (deputyFor && deputyFor.seatId !== seat.seatId) throw new Conflict('deputy_seated', 'a deputy for another seat must leave that place first', { memberId: c.data.memberId, seatId: deputyFor.seatId });
  return [{ type: 'MemberJoinedBoard', data: { centreId: board.centreId, seatId: seat.seatId, memberId: c.data.memberId, how: c.data.how, from: c.data.from } }];
}

function memberLeaves(c: MemberLeaves, board: ConstitutedBoard): BoardEvent[] {
  const seat = seatById(board, c.data.seatId);
  // A member may leave of their own accord; otherwise an administrator records it.
  if (!(c.principal.role === 'board_member' && c.principal.centreId === board.centreId && c.principal.id === seat.memberId)) admin(c.principal);
  date(c.data.on, 'on');
  if (!seat.memberId) throw new Conflict('seat_vacant', 'nobody holds the seat', { seatId: seat.seatId });
  if (seat.since && c.data.on < seat.since) throw new InvalidValue('on', 'cannot be before the member took the seat');
  return [{ type: 'MemberLeftBoard', data: { centreId: board.centreId, seatId: seat.seatId, memberId: seat.memberId, on: c.data.on } }];
}

function seatDeputy(c: SeatDeputy, board: ConstitutedBoard): BoardEvent[] {
  admin(c.principal);
  const seat = seatById(board, c.data.seatId);
  date(c.data.from, 'from');
  const { deputyId } = c.data;
  if (seat.deputyId === deputyId) return [];
  if (seat.deputyId) throw new Conflict('deputy_seated', 'the seat has a deputy; they must leave first', { seatId: seat.seatId });
  if (seatOf(board, deputyId)) throw new Conflict('member_seated', 'a member of the board cannot be a deputy as well', { memberId: deputyId });
  const other = deputySeatOf(board, deputyId);
  if (other) throw new Conflict('deputy_seated', 'a person is deputy for one seat at a time', { memberId: deputyId, seatId: other.seatId });
  return [{ type: 'DeputySeated', data: { centreId: board.centreId, seatId: seat.seatId, deputyId, how: c.data.how, from: c.data.from } }];
}

function deputyLeaves(c: DeputyLeaves, board: ConstitutedBoard): BoardEvent[] {
  const seat = seatById(board, c.data.seatId);
  if (!(c.principal.role === 'board_member' && c.principal.centreId === board.centreId && c.principal.id === seat.deputyId)) admin(c.principal);
  date(c.data.on, 'on');
  if (!seat.deputyId) throw new Conflict('no_deputy', 'the seat has no deputy', { seatId: seat.seatId });
  if (seat.deputySince && c.data.on < seat.deputySince) throw new InvalidValue('on', 'cannot be before the deputy took the place');
  return [{ type: 'DeputyLeftBoard', data: { centreId: board.centreId, seatId: seat.seatId, deputyId: seat.deputyId, on: c.data.on } }];
}

/**
 * A member or deputy publishes, of their own accord, the name the public may know them by. Only
 * they can: nobody publishes someone else's name. Publishing again replaces it (the edge erases
 * the earlier name's key).
 */
function publishName(c: PublishMemberName, board: ConstitutedBoard): BoardEvent[] {
  if (c.principal.role !== 'board_member' || c.principal.centreId !== board.centreId) throw new Forbidden('members publish their own names', { role: c.principal.role });
  const memberId = c.principal.id;
  if (!seatOf(board, memberId) && !deputySeatOf(board, memberId)) throw new Forbidden('only a member or deputy of the board publishes a name with it', { memberId });
  const name = tidyText(c.data.name, 'name', NAME_MAX);
  if (own(board.names, memberId) === c.data.nameId) return [];
  return [{ type: 'MemberNamePublished', data: { centreId: board.centreId, memberId, nameId: c.data.nameId, name } }];
}

/** The member or deputy withdraws their name (an administrator may, for them, e.g. when they have left). */
function withdrawName(c: WithdrawMemberName, board: ConstitutedBoard): BoardEvent[] {
  const { memberId } = c.data;
  if (!(c.principal.role === 'board_member' && c.principal.centreId === board.centreId && c.principal.id === memberId)) admin(c.principal);
  const nameId = own(board.names, memberId);
  if (!nameId) return [];
  return [{ type: 'MemberNameWithdrawn', data: { centreId: board.centreId, memberId, nameId } }];
}

/** The published name's key of a member, if any: the edge erases it when the name is withdrawn or replaced. */
export const publishedNameOf = (board: Board, memberId: string): string | null => (board.status === 'constituted' ? (own(board.names, memberId) ?? null) : null);

/**
 * A document for a meeting, attached by those who keep its record until the minutes are signed.
 * The bytes are stored (by their SHA-256) before the command: the log names exactly which.
 */
function attachDocument(c: AttachDocument, board: ConstitutedBoard): BoardEvent[] {
  const meeting = meetingById(board, c.data.meetingId);
  open(meeting);
  if (c.principal.role !== 'admin') {
    const me = member(c.principal, board);
    if (!(['chair', 'vice_chair', 'secretary'] as const).some((role) => board.roles[role] === me)) throw new Forbidden('the chair, vice-chair or secretary attaches documents', { meetingId: meeting.meetingId });
  }
  const item = c.data.item === undefined || c.data.item === null ? null : itemOf(meeting, c.data.item);
  const title = tidyText(c.data.title, 'title', TITLE_MAX);
  if (!/^[0-9a-f]{64}$/.test(c.data.sha256)) throw new InvalidValue('sha256', 'a SHA-256 in 64 lowercase hex digits');
  if (!(DOCUMENT_MEDIA_TYPES as readonly string[]).includes(c.data.mediaType)) throw new InvalidValue('mediaType', `one of ${DOCUMENT_MEDIA_TYPES.join(', ')}`);
  if (!Number.isSafeInteger(c.data.size) || c.data.size < 1 || c.data.size > DOCUMENT_MAX_BYTES) throw new InvalidValue('size', `1 to ${DOCUMENT_MAX_BYTES} bytes`);
  if (typeof c.data.published !== 'boolean') throw new InvalidValue('published', 'true or false');
  const before = own(meeting.documents, c.data.documentId);
  if (before) {
    if (before.sha256 === c.data.sha256 && before.item === item && before.title === title && before.published === c.data.published) return [];
    throw new Conflict('document_exists', 'the document exists', { documentId: c.data.documentId });
  }
  const same = Object.values(meeting.documents).find((d) => d.sha256 === c.data.sha256 && d.item === item);
  if (same) throw new Conflict('document_attached', 'the same document is attached here already', { documentId: same.documentId });
  return [
    {
      type: 'DocumentAttached',
      data: { centreId: board.centreId, meetingId: meeting.meetingId, item, documentId: c.data.documentId, title, sha256: c.data.sha256, mediaType: c.data.mediaType, size: c.data.size, published: c.data.published },
    },
  ];
}

function assignRole(c: AssignBoardRole, board: ConstitutedBoard): BoardEvent[] {
  admin(c.principal);
  if (!seatOf(board, c.data.memberId)) throw new RuleViolation('not_a_member', 'roles go to sitting members', { memberId: c.data.memberId });
  if (board.roles[c.data.role] === c.data.memberId) return [];
  const other = Object.entries(board.roles).find(([role, id]) => id === c.data.memberId && role !== c.data.role);
  if (other) throw new RuleViolation('role_held', `the member is already ${other[0]}; one role each`, { memberId: c.data.memberId });
  return [{ type: 'BoardRoleAssigned', data: { centreId: board.centreId, role: c.data.role, memberId: c.data.memberId } }];
}

function convene(c: ConveneMeeting, board: ConstitutedBoard): BoardEvent[] {
  adminOrMember(c.principal, board);
  const when = Date.parse(c.data.at);
  // A meeting's moment in this century or the next: a year like 9999 would be no meeting anyone holds.
  if (Number.isNaN(when) || new Date(when).getUTCFullYear() < 2000 || new Date(when).getUTCFullYear() > 2199) throw new InvalidValue('at', 'an ISO-8601 date and time with zone, from 2000 to 2199');
  if (c.data.agenda.length === 0 || c.data.agenda.length > AGENDA_MAX) throw new InvalidValue('agenda', `1 to ${AGENDA_MAX} items`);
  const agenda = c.data.agenda.map((item, i) => tidyText(item, `agenda.${i}`, TITLE_MAX));
  const place = placeOf(c.data.place);
  if (own(board.meetings, c.data.meetingId)) throw new Conflict('meeting_exists', 'the meeting exists', { meetingId: c.data.meetingId });
  return [{ type: 'MeetingConvened', data: { centreId: board.centreId, meetingId: c.data.meetingId, at: c.data.at, agenda, ...(place === null ? {} : { place }) } }];
}

/** Where: an address as typed (tidied), or a link to an online meeting, which must be https. */
function placeOf(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw.trim())) return httpsLink(raw, 'place', PLACE_MAX).typed;
  return tidyText(raw, 'place', PLACE_MAX);
}

/** The agenda item a command names: its number, from 1. */
function itemOf(meeting: Meeting, item: unknown, field = 'item'): number {
  if (typeof item !== 'number' || !Number.isInteger(item) || item < 1 || item > meeting.agenda.length) throw new InvalidValue(field, `an agenda item of the meeting, 1 to ${meeting.agenda.length}`);
  return item;
}

/** The chair, vice-chair or secretary, at the meeting now (or an administrator): those who keep its record. */
function recordKeeper(c: { principal: Principal }, board: ConstitutedBoard, meeting: Meeting): void {
  if (c.principal.role === 'admin') return;
  const me = member(c.principal, board);
  stillPresent(meeting, me);
  if (!(['chair', 'vice_chair', 'secretary'] as const).some((role) => board.roles[role] === me)) {
    throw new Forbidden('the chair, vice-chair or secretary keeps the minutes', { meetingId: meeting.meetingId });
  }
}

function recordItemMinutes(c: RecordItemMinutes, board: ConstitutedBoard): BoardEvent[] {
  const meeting = open(meetingById(board, c.data.meetingId));
  recordKeeper(c, board, meeting);
  const item = itemOf(meeting, c.data.item);
  const decision = tidyMinutes(c.data.decision, 'decision');
  const reasoning = c.data.reasoning === undefined || c.data.reasoning === null || c.data.reasoning.trim() === '' ? null : tidyMinutes(c.data.reasoning, 'reasoning');
  const before = own(meeting.itemMinutes, String(item));
  if (before && before.decision === decision && before.reasoning === reasoning) return [];
  return [{ type: 'ItemMinuted', data: { centreId: board.centreId, meetingId: meeting.meetingId, item, decision, reasoning } }];
}

/** Minutes keep their paragraphs: each line tidied, at most `MINUTES_MAX` characters in all. */
function tidyMinutes(raw: string, field: string): string {
  const text = String(raw)
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length === 0) throw new InvalidValue(field, 'must not be empty');
  if (text.length > MINUTES_MAX) throw new InvalidValue(field, `at most ${MINUTES_MAX} characters`);
  return text;
}

/**
 * The rules of procedure are the board's to adopt: the setting follows an adopted resolution of
 * this board, and is recorded by the chair or an administrator.
 */
function setVotePublication(c: SetVotePublication, board: ConstitutedBoard): BoardEvent[] {
  if (c.principal.role !== 'admin' && (member(c.principal, board) !== board.roles.chair)) throw new Forbidden('the chair, or an administrator, records the rules of procedure', { role: c.principal.role });
  if (typeof c.data.individualVotesPublic !== 'boolean') throw new InvalidValue('individualVotesPublic', 'true or false');
  const resolution = resolutionById(board, c.data.resolutionId);
  if (resolution.status !== 'adopted') throw new RuleViolation('resolution_not_adopted', `the resolution is ${resolution.status}, not adopted`, { resolutionId: resolution.resolutionId });
  if (board.individualVotesPublic === c.data.individualVotesPublic) return [];
  return [{ type: 'VotePublicationSet', data: { centreId: board.centreId, resolutionId: resolution.resolutionId, individualVotesPublic: c.data.individualVotesPublic } }];
}

/**
 * Disqualification (inhabilitet, forvaltningsloven § 3) on one agenda item: declared by the member
 * or by the chair, vice-chair or secretary, for a member present, before they have voted on the
 * item. From then on they neither count for the item's quorum nor vote on it.
 */
function declareRecusal(c: DeclareRecusal, board: ConstitutedBoard): BoardEvent[] {
  const meeting = open(meetingById(board, c.data.meetingId));
  const { memberId } = c.data;
  if (c.principal.role !== 'admin') {
    const me = participant(c.principal, board, meeting);
    if (me !== memberId) recordKeeper(c, board, meeting);
  }
  const item = itemOf(meeting, c.data.item);
  stillPresent(meeting, memberId);
  if ((own(meeting.recused, String(item)) ?? []).includes(memberId)) return [];
  const voted = Object.values(board.resolutions).find((r) => r.meetingId === meeting.meetingId && r.item === item && own(r.votes, memberId));
  if (voted) throw new Conflict('already_voted', 'the member has voted on this item: disqualification is declared before', { resolutionId: voted.resolutionId, memberId });
  return [{ type: 'MemberRecused', data: { centreId: board.centreId, meetingId: meeting.meetingId, item, memberId } }];
}

function recordAttendance(c: RecordAttendance, board: ConstitutedBoard): BoardEvent[] {
  adminOrMember(c.principal, board);
  const meeting = open(meetingById(board, c.data.meetingId));
  // Attendance may be corrected (someone arrives late) until the first vote is cast.
  const voting = Object.values(board.resolutions).some((r) => r.meetingId === meeting.meetingId && Object.keys(r.votes).length > 0);
  if (meeting.present && voting) throw new Conflict('voting_started', 'attendance is fixed once voting has begun; record a member leaving as a departure', { meetingId: meeting.meetingId });
  const present = [...new Set(c.data.present)];
  // A deputy present takes their seat for the meeting, in its member's absence: never both.
  const deputising: Record<string, string> = {};
  for (const [i, id] of present.entries()) {
    if (seatOf(board, id)) continue;
    const seat = deputySeatOf(board, id);
    if (!seat) throw new InvalidValue(`present.${i}`, 'not a sitting member or deputy of the board');
    if (seat.memberId !== null && present.includes(seat.memberId)) throw new InvalidValue(`present.${i}`, 'the seat’s member is present: their deputy does not take the seat');
    deputising[id] = seat.seatId;
  }
  const seats = Object.keys(board.seats).length;
  // Quorum: at least half of the seats are present (kommunestyrelsesloven §11); each person present holds one seat.
  return [{ type: 'AttendanceRecorded', data: { centreId: board.centreId, meetingId: meeting.meetingId, present, seats, quorate: present.length * 2 >= seats, deputising } }];
}

/**
 * A member present leaves before the meeting ends: recorded with the time, by anyone who may keep
 * the meeting's record. Leaving twice changes nothing. What they voted stands; afterwards the
 * meeting goes on among those still present (quorum, votes and the count).
 */
function recordDeparture(c: RecordDeparture, board: ConstitutedBoard): BoardEvent[] {
  const meeting = open(meetingById(board, c.data.meetingId));
  if (c.principal.role !== 'admin') participant(c.principal, board, meeting);
  if (!meeting.present) throw new RuleViolation('attendance_not_recorded', 'record who is present first', { meetingId: meeting.meetingId });
  const { memberId } = c.data;
  // Who records it: an administrator, the member leaving, or the chair, vice-chair or secretary
  // while still in the room. Another member cannot take someone's vote away by saying they left.
  if (c.principal.role !== 'admin') {
    const me = c.principal.id;
    stillPresent(meeting, me);
    const keepsRecord = (['chair', 'vice_chair', 'secretary'] as const).some((role) => board.roles[role] === me);
    if (me !== memberId && !keepsRecord) throw new Forbidden('a departure is recorded by the member leaving, the chair, vice-chair or secretary, or an administrator', { meetingId: meeting.meetingId });
  }
  // Before the first vote, someone who left is simply not present: correct the attendance instead.
  const voting = Object.values(board.resolutions).some((r) => r.meetingId === meeting.meetingId && Object.keys(r.votes).length > 0);
  if (!voting) throw new RuleViolation('voting_not_started', 'no vote has been cast yet: correct the attendance instead', { meetingId: meeting.meetingId });
  if (!meeting.present.includes(memberId)) throw new InvalidValue('memberId', 'not recorded present at this meeting');
  if (Object.hasOwn(meeting.departed, memberId)) return [];
  const at = c.data.at ?? c.now;
  const when = Date.parse(at);
  if (Number.isNaN(when) || !/[zZ]|[+-]\d{2}:\d{2}$/.test(at)) throw new InvalidValue('at', 'an ISO-8601 date and time with zone');
  if (when > Date.parse(c.now)) throw new InvalidValue('at', 'not in the future');
  return [{ type: 'MemberLeftMeeting', data: { centreId: board.centreId, meetingId: meeting.meetingId, memberId, at } }];
}

function propose(c: ProposeResolution, board: ConstitutedBoard): BoardEvent[] {
  const meeting = open(meetingById(board, c.data.meetingId));
  const memberId = participant(c.principal, board, meeting);
  stillPresent(meeting, memberId);
  const title = tidyText(c.data.title, 'title', TITLE_MAX);
  const item = c.data.item === undefined || c.data.item === null ? null : itemOf(meeting, c.data.item);
  if (item !== null && !takingPart(meeting, item).includes(memberId)) throw new RuleViolation('recused', 'the member is disqualified on this item', { meetingId: meeting.meetingId, memberId, item });
  const subject = checkSubject(c.data.subject, c.data.budget ?? null, board.centreId);
  if (own(board.resolutions, c.data.resolutionId)) throw new Conflict('resolution_exists', 'the resolution exists', { resolutionId: c.data.resolutionId });
  return [
    {
      type: 'ResolutionProposed',
      data: { centreId: board.centreId, meetingId: meeting.meetingId, resolutionId: c.data.resolutionId, title, subject, proposedBy: memberId, ...(item === null ? {} : { item }) },
    },
  ];
}

function castVote(c: CastVote, board: ConstitutedBoard): BoardEvent[] {
  const { memberId, resolution, meeting } = atMeetingOf(c, board);
  mayResolve(board, meeting, resolution.item);
  if (resolution.status !== 'proposed') throw new Conflict('resolution_decided', 'the vote on this resolution is over', { resolutionId: resolution.resolutionId });
  if (!takingPart(meeting, resolution.item).includes(memberId)) throw new RuleViolation('recused', 'the member is disqualified on this item and does not vote on it', { resolutionId: resolution.resolutionId, memberId });
  if (own(resolution.votes, memberId)) throw new Conflict('already_voted', 'one vote per member', { resolutionId: resolution.resolutionId, memberId });
  return [{ type: 'VoteCast', data: { centreId: board.centreId, resolutionId: resolution.resolutionId, memberId, choice: c.data.choice } }];
}

function decideResolution(c: DecideResolution, board: ConstitutedBoard): BoardEvent[] {
  const { resolution, meeting } = atMeetingOf(c, board);
  mayResolve(board, meeting, resolution.item);
  if (resolution.status !== 'proposed') throw new Conflict('resolution_decided', 'the resolution is decided', { resolutionId: resolution.resolutionId });
  // Counted among those present at the vote: a member who left has no vote outstanding, and what they
  // voted before leaving stands; a member disqualified on the item has none either.
  const outstanding = takingPart(meeting, resolution.item).filter((id) => sitsFor(board, meeting, id) && !own(resolution.votes, id));
  if (outstanding.length > 0) throw new RuleViolation('votes_outstanding', `${outstanding.length} present member(s) have not voted yet (abstaining is a vote)`, { resolutionId: resolution.resolutionId });
  const votes = Object.values(resolution.votes);
  const tally = { for: votes.filter((v) => v === 'for').length, against: votes.filter((v) => v === 'against').length, abstained: votes.filter((v) => v === 'abstain').length };
  // A simple majority of the votes cast: abstentions are not cast for or against; a tie is not a majority.
  const type = tally.for > tally.against ? 'ResolutionAdopted' : 'ResolutionRejected';
  return [{ type, data: { centreId: board.centreId, resolutionId: resolution.resolutionId, tally } }];
}

function recordDissent(c: RecordDissent, board: ConstitutedBoard): BoardEvent[] {
  const { memberId, resolution } = atMeetingOf(c, board);
  if (resolution.status === 'proposed') throw new RuleViolation('resolution_not_decided', 'dissent is recorded on a decided resolution', { resolutionId: resolution.resolutionId });
  // Dissent is from the outcome: a member who voted with it has none to record.
  if (own(resolution.votes, memberId) === (resolution.status === 'adopted' ? 'for' : 'against')) {
    throw new RuleViolation('voted_with_outcome', 'a member who voted with the outcome has no dissent to record', { memberId });
  }
  if (resolution.dissents.includes(memberId)) return [];
  return [{ type: 'DissentRecorded', data: { centreId: board.centreId, resolutionId: resolution.resolutionId, memberId } }];
}

function signMinutes(c: SignMinutes, board: ConstitutedBoard): BoardEvent[] {
  // Those present sign, even if they have left the board since: the minutes are of that meeting.
  if (c.principal.role !== 'board_member' || c.principal.centreId !== board.centreId) throw new Forbidden('the members present sign the minutes', { role: c.principal.role });
  const memberId = c.principal.id;
  const meeting = meetingById(board, c.data.meetingId);
  present(meeting, memberId);
  // A resolution is decided before the minutes are signed, unless the meeting can no longer decide
  // it: members left and it lost its quorum, so the minutes show it undecided.
  const undecided = Object.values(board.resolutions).find((r) => r.meetingId === meeting.meetingId && r.status === 'proposed' && quorate(board, meeting, r.item));
  if (undecided) throw new RuleViolation('resolution_not_decided', 'decide every resolution before the minutes are signed', { resolutionId: undecided.resolutionId });
  if (meeting.signedBy.includes(memberId)) return [];
  // Complete once everyone present at the end has signed; a member who left early may sign too.
  const signed = new Set([...meeting.signedBy, memberId]);
  const complete = presentNow(meeting).every((id) => signed.has(id));
  return [{ type: 'MinutesSigned', data: { centreId: board.centreId, meetingId: meeting.meetingId, memberId, complete } }];
}

/** A sitting member, present at the still-open meeting where the resolution was proposed. */
function atMeetingOf(c: CastVote | DecideResolution | RecordDissent, board: ConstitutedBoard) {
  if (c.principal.role !== 'board_member') throw new Forbidden(`the role ${c.principal.role} does not act for a board`, { role: c.principal.role });
  const resolution = resolutionById(board, c.data.resolutionId);
  const meeting = open(board.meetings[resolution.meetingId]!);
  const memberId = participant(c.principal, board, meeting);
  stillPresent(meeting, memberId);
  return { memberId, resolution, meeting };
}

/** Resolutions of an invalidly composed board, or of a meeting without quorum (on the item), are refused. */
function mayResolve(board: ConstitutedBoard, meeting: Meeting, item: number | null): void {
  if (!validlyComposed(board)) throw new RuleViolation('board_not_validly_composed', 'the employee seat and the citizen seat must both be filled', { centreId: board.centreId });
  // Quorum as the board stands now: members present who still hold a seat, and are not disqualified on the item, against today's seats.
  if (!quorate(board, meeting, item)) throw new RuleViolation('no_quorum', 'fewer than half of the seats are present (and not disqualified on the item)', { meetingId: meeting.meetingId });
}

/** Whether those at the meeting now who still hold a seat, less those disqualified on the item, are at least half of the seats. */
const quorate = (board: ConstitutedBoard, meeting: Meeting, item: number | null) =>
  takingPart(meeting, item).filter((id) => sitsFor(board, meeting, id)).length * 2 >= Object.keys(board.seats).length;

/** After the first signature the minutes, and so the meeting's record, do not change. */
function open(meeting: Meeting): Meeting {
  if (meeting.signedBy.length > 0) throw new Conflict('minutes_signed', 'the minutes are signed and cannot change', { meetingId: meeting.meetingId });
  return meeting;
}

function present(meeting: Meeting, memberId: string): void {
  if (!meeting.present) throw new RuleViolation('attendance_not_recorded', 'record who is present first', { meetingId: meeting.meetingId });
  if (!meeting.present.includes(memberId)) throw new Forbidden('only members present at the meeting take part in it', { meetingId: meeting.meetingId, memberId });
}

/** Present, and not left since: proposing and voting are for those in the room. */
function stillPresent(meeting: Meeting, memberId: string): void {
  present(meeting, memberId);
  if (Object.hasOwn(meeting.departed, memberId)) throw new RuleViolation('member_left_meeting', 'the member left the meeting', { meetingId: meeting.meetingId, memberId });
}

function seatById(board: ConstitutedBoard, seatId: string) {
  const seat = own(board.seats, seatId);
  if (!seat) throw new NotFound('seat_not_found', 'no such seat', { seatId });
  return seat;
}

function meetingById(board: ConstitutedBoard, meetingId: string): Meeting {
  const meeting = own(board.meetings, meetingId);
  if (!meeting) throw new NotFound('meeting_not_found', 'no such meeting', { meetingId });
  return meeting;
}

function resolutionById(board: ConstitutedBoard, resolutionId: string): Resolution {
  const resolution = own(board.resolutions, resolutionId);
  if (!resolution) throw new NotFound('resolution_not_found', 'no such resolution', { resolutionId });
  return resolution;
}

/** A resolution about a budget names this centre's budget as it stands: the board votes on what exists. */
function checkSubject(subject: ResolutionSubject, budget: BudgetFact | null, centreId: string): ResolutionSubject {
  const about = (budgetId: string) => {
    if (!budget || budget.budgetId !== budgetId || budget.centreId !== centreId) throw new RuleViolation('budget_not_found', 'no such budget of this centre', { budgetId });
    return budget;
  };
  return match(subject)
    .with({ kind: 'general' }, (s) => s)
    .with({ kind: 'budget_approval' }, (s) => {
      if (!Number.isSafeInteger(s.version) || s.version < 1) throw new InvalidValue('subject.version', 'a budget version, 1 or more');
      const b = about(s.budgetId);
      if (b.status !== 'draft') throw new RuleViolation('budget_not_draft', `the budget is ${b.status}`, { budgetId: b.budgetId });
      if (s.version !== b.version) throw new RuleViolation('version_not_current', `the budget is at version ${b.version}`, { budgetId: b.budgetId, named: s.version, current: b.version });
      return s;
    })
    .with({ kind: 'budget_reallocation' }, (s) => {
      if (!Number.isSafeInteger(s.amountOre) || s.amountOre <= 0) throw new InvalidValue('subject.amountOre', 'a positive whole number of øre');
      if (s.fromLineId === s.toLineId) throw new InvalidValue('subject.toLineId', 'must differ from fromLineId');
      const b = about(s.budgetId);
      if (b.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'money is moved between enacted lines', { budgetId: b.budgetId });
      if (!b.activeLineIds.includes(s.fromLineId)) throw new InvalidValue('subject.fromLineId', 'not a line of this budget');
      if (!b.activeLineIds.includes(s.toLineId)) throw new InvalidValue('subject.toLineId', 'not a line of this budget');
      if (b.revenueLineIds.includes(s.fromLineId) !== b.revenueLineIds.includes(s.toLineId)) throw new InvalidValue('subject.toLineId', 'a line of the same nature: expenditure to expenditure, revenue to revenue');
      if (!b.years.includes(s.year)) throw new InvalidValue('subject.year', 'not a year of this budget');
      return s;
    })
    .with({ kind: 'budget_supplement' }, (s) => {
      if (!Number.isSafeInteger(s.amountOre) || s.amountOre <= 0) throw new InvalidValue('subject.amountOre', 'a positive whole number of øre');
      const b = about(s.budgetId);
      if (b.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'a supplementary appropriation adds to an enacted budget that is not closed', { budgetId: b.budgetId });
      if (!b.activeLineIds.includes(s.lineId)) throw new InvalidValue('subject.lineId', 'not a line of this budget');
      if (!b.years.includes(s.year)) throw new InvalidValue('subject.year', 'not a year of this budget');
      return s;
    })
    .with({ kind: 'budget_carry_over' }, (s) => {
      if (!Number.isSafeInteger(s.amountOre) || s.amountOre <= 0) throw new InvalidValue('subject.amountOre', 'a positive whole number of øre');
      const b = about(s.budgetId);
      if (b.kind !== 'annual') throw new RuleViolation('development_budget', 'money is carried over into an annual budget', { budgetId: b.budgetId });
      if (b.status !== 'enacted') throw new RuleViolation('budget_not_enacted', 'money is carried over into an enacted budget that is not closed', { budgetId: b.budgetId });
      if (!b.activeLineIds.includes(s.lineId)) throw new InvalidValue('subject.lineId', 'not a line of this budget');
      if (b.revenueLineIds.includes(s.lineId)) throw new InvalidValue('subject.lineId', 'an expenditure line: unspent expenditure is carried over');
      if (s.year !== b.fiscalYear) throw new InvalidValue('subject.year', 'the budget’s fiscal year');
      return s;
    })
    .with({ kind: 'budget_closing' }, (s) => {
      const b = about(s.budgetId);
      if (b.kind !== 'annual') throw new RuleViolation('development_budget', 'accounts are closed for an annual budget', { budgetId: b.budgetId });
      if (b.status !== 'enacted') throw new RuleViolation('budget_not_enacted', `the budget is ${b.status}: only an enacted budget's accounts are closed`, { budgetId: b.budgetId });
      return s;
    })
    .exhaustive();
}

function date(value: string, field: string): void {
  if (!isDate(value)) throw new InvalidValue(field, 'a date YYYY-MM-DD');
}

export const boardDecider: Decider<Board, BoardCommand, BoardEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => boardStreamId(command.data.centreId),
  schemaVersions: BOARD_EVENT_SCHEMA_VERSIONS,
  centreOf: (_state, command) => command.data.centreId,
  // The one personal field of a board: a member's published name, under its own key.
  personal: {
    fields: BOARD_PERSONAL_FIELDS,
    subjectOf: (command) => (command.type === 'PublishMemberName' ? boardNameSubject(command.data.nameId) : boardStreamId(command.data.centreId)),
  },
};
