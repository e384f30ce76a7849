/**
 * Check 12: the board's record holds, from the log alone. Those recorded present at a meeting sit
 * on the board, each in one seat (a deputy only in the place of a member who is absent); only
 * those sitting at the meeting, still in the room and not disqualified on the item, vote, once
 * each and as themselves; a resolution is decided with quorum, after every vote due, and its
 * tally counts the votes cast (adopted by more for than against); nothing changes at a meeting
 * once its minutes are signed; a published name is sealed under its own key.
 *
 * Read as the log was written: a seat, a member or a deputy is as the board's stream had it at
 * the moment of each event.
 */
import type { StoredEvent } from '../canonical.js';
import { check, type Data, type EventChecks, type Meta, violation as v } from './types.js';

interface Seat {
  member: string | null;
  deputy: string | null;
}
interface Meeting {
  agenda: number;
  present: string[] | null;
  /** Deputies present, with the seat each took. */
  deputising: Record<string, string>;
  departed: Set<string>;
  recused: Map<number, Set<string>>;
  signed: boolean;
  signedBy: Set<string>;
}
interface Resolution {
  meetingId: string;
  item: number | null;
  status: 'proposed' | 'adopted' | 'rejected';
  votes: Map<string, string>;
}
interface Board {
  seats: Map<string, Seat>;
  meetings: Map<string, Meeting>;
  resolutions: Map<string, Resolution>;
}

/** The board events this check reads. */
export const RECORD_EVENT_TYPES = new Set([
  'BoardConstituted',
  'PartnerSeatAdded',
  'PartnerSeatRemoved',
  'MemberJoinedBoard',
  'MemberLeftBoard',
  'DeputySeated',
  'DeputyLeftBoard',
  'MeetingConvened',
  'AttendanceRecorded',
  'MemberLeftMeeting',
  'MemberRecused',
  'ResolutionProposed',
  'VoteCast',
  'ResolutionAdopted',
  'ResolutionRejected',
  'DissentRecorded',
  'ItemMinuted',
  'DocumentAttached',
  'MinutesSigned',
  'MemberNamePublished',
]);
/** What happens at a meeting, and so cannot happen once its minutes are signed. */
const AT_MEETING = new Set(['AttendanceRecorded', 'MemberLeftMeeting', 'MemberRecused', 'ResolutionProposed', 'VoteCast', 'ResolutionAdopted', 'ResolutionRejected', 'DissentRecorded', 'ItemMinuted', 'DocumentAttached']);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function boardChecks(): EventChecks {
  const record = check(
    12,
    'the board’s record holds: those present hold a place on the board, each one seat (a deputy only for a member who is absent); only those sitting at the meeting, still in the room and not disqualified on the item, vote, once each and as themselves; a resolution is decided with quorum once everyone has voted, and its tally counts the votes; nothing at a meeting changes once its minutes are signed; and a published name is sealed under its own key',
  );
  const boards = new Map<string, Board>();
  const boardOf = (stream: string) => {
    let b = boards.get(stream);
    if (!b) {
      b = { seats: new Map(), meetings: new Map(), resolutions: new Map() };
      boards.set(stream, b);
    }
    return b;
  };

  /** The seat someone sits in at the meeting: their own as a member, or the one they took as its deputy while still its deputy. */
  const seatAt = (b: Board, m: Meeting, id: string): string | null => {
    for (const [seatId, s] of b.seats) if (s.member === id) return seatId;
    const taken = Object.hasOwn(m.deputising, id) ? m.deputising[id]! : null;
    return taken !== null && b.seats.get(taken)?.deputy === id ? taken : null;
  };
  /** Those who may take part in an item's business now: present, not left, not disqualified on it, and sitting. */
  const takingPart = (b: Board, m: Meeting, item: number | null) =>
    (m.present ?? []).filter((id) => !m.departed.has(id) && !(item !== null && m.recused.get(item)?.has(id)) && seatAt(b, m, id) !== null);

  function attendance(e: StoredEvent, d: Data, b: Board, m: Meeting): void {
    const present: unknown[] = Array.isArray(d.present) ? d.present : [];
    const deputising: Record<string, unknown> = isObject(d.deputising) ? d.deputising : {};
    if (new Set(present).size !== present.length) v(record, e, 'someone is recorded present twice');
    const ids = present.filter((id): id is string => typeof id === 'string');
    const taken = new Map<string, string>();
    for (const id of ids) {
      const own = [...b.seats].find(([, s]) => s.member === id)?.[0];
      const claimed = Object.hasOwn(deputising, id) ? deputising[id] : undefined;
      if (own !== undefined) {
        if (claimed !== undefined) v(record, e, `${id} is recorded as a deputy although they are a member`);
        taken.set(own, id);
        continue;
      }
      const seat = typeof claimed === 'string' ? b.seats.get(claimed) : undefined;
      if (!seat || seat.deputy !== id) {
        v(record, e, `${show(id)} is recorded present without a seat on the board or a deputy’s place for the seat named`);
        continue;
      }
      if (seat.member !== null && ids.includes(seat.member)) v(record, e, `${id} is recorded in the seat of a member who is present too`);
      if (taken.has(claimed as string)) v(record, e, `two people are recorded in seat ${show(claimed)}`);
      taken.set(claimed as string, id);
    }
    for (const id of Object.keys(deputising)) if (!ids.includes(id)) v(record, e, `${id} is recorded deputising without being present`);
    if (d.seats !== b.seats.size) v(record, e, `the attendance counts ${show(d.seats)} seats; the board had ${b.seats.size}`);
    if (d.quorate !== ids.length * 2 >= b.seats.size) v(record, e, 'the attendance’s quorum does not follow from those present and the seats');
    m.present = ids;
    m.deputising = Object.fromEntries(Object.entries(deputising).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  function voteCast(e: StoredEvent, d: Data, meta: Meta, b: Board): void {
    const r = b.resolutions.get(d.resolutionId)!;
    if (r.status !== 'proposed') v(record, e, 'a vote on a resolution already decided');
    const m = b.meetings.get(r.meetingId)!;
    if (typeof d.memberId !== 'string' || !takingPart(b, m, r.item).includes(d.memberId)) v(record, e, `a vote by ${show(d.memberId)}, who does not sit at the meeting now, has left it, or is disqualified on the item`);
    if (meta.actor?.role !== 'board_member' || meta.actor.id !== d.memberId) v(record, e, 'a vote cast by someone other than the member it names');
    if (r.votes.has(d.memberId)) v(record, e, 'a second vote by the same member');
    if (!['for', 'against', 'abstain'].includes(d.choice)) v(record, e, `a vote that is neither for, against nor abstaining: ${show(d.choice)}`);
    r.votes.set(d.memberId, d.choice);
  }

  function decided(e: StoredEvent, d: Data, b: Board): void {
    const r = b.resolutions.get(d.resolutionId)!;
    if (r.status !== 'proposed') v(record, e, 'a resolution decided a second time');
    const m = b.meetings.get(r.meetingId)!;
    const sitting = takingPart(b, m, r.item);
    if (!b.seats.get('employee')?.member || !b.seats.get('citizen')?.member) v(record, e, 'a resolution decided while the employee seat or the citizen seat was empty');
    if (sitting.length * 2 < b.seats.size) v(record, e, 'a resolution decided without quorum');
    if (sitting.some((id) => !r.votes.has(id))) v(record, e, 'a resolution decided before everyone sitting had voted');
    const votes = [...r.votes.values()];
    const counted = { for: votes.filter((x) => x === 'for').length, against: votes.filter((x) => x === 'against').length, abstained: votes.filter((x) => x === 'abstain').length };
    const t: Record<string, unknown> = isObject(d.tally) ? d.tally : {};
    if (t.for !== counted.for || t.against !== counted.against || t.abstained !== counted.abstained) v(record, e, 'the tally does not count the votes cast');
    if ((e.type === 'ResolutionAdopted') !== counted.for > counted.against) v(record, e, 'the outcome does not follow from the votes: adopted is more for than against');
    r.status = e.type === 'ResolutionAdopted' ? 'adopted' : 'rejected';
  }

  function onBoardEvent(e: StoredEvent, d: Data, meta: Meta): void {
    const b = boardOf(e.stream);
    const seat = (id: unknown) => (typeof id === 'string' ? b.seats.get(id) : undefined);
    const onResolution = e.type === 'VoteCast' || e.type === 'ResolutionAdopted' || e.type === 'ResolutionRejected' || e.type === 'DissentRecorded';
    const meetingId = onResolution ? b.resolutions.get(d.resolutionId)?.meetingId : d.meetingId;
    const m = typeof meetingId === 'string' ? b.meetings.get(meetingId) : undefined;
    if (AT_MEETING.has(e.type)) {
      record.examined++;
      if (!m) return v(record, e, onResolution ? `${e.type} on a resolution never proposed` : `${e.type} for a meeting never convened`);
      if (m.signed) v(record, e, `${e.type} at a meeting whose minutes were signed: they cannot change`);
    }
    switch (e.type) {
      case 'BoardConstituted':
        b.seats.set('employee', { member: null, deputy: null });
        b.seats.set('citizen', { member: null, deputy: null });
        break;
      case 'PartnerSeatAdded':
        b.seats.set(d.seatId, { member: null, deputy: null });
        break;
      case 'PartnerSeatRemoved':
        b.seats.delete(d.seatId);
        break;
      case 'MemberJoinedBoard': {
        const s = seat(d.seatId);
        record.examined++;
        const elsewhere = [...b.seats].find(([seatId, other]) => seatId !== d.seatId && (other.member === d.memberId || other.deputy === d.memberId));
        if (elsewhere) v(record, e, `${show(d.memberId)} is seated while holding another place on the board (seat ${elsewhere[0]})`);
        if (s) {
          s.member = d.memberId;
          if (s.deputy === d.memberId) s.deputy = null;
        }
        break;
      }
      case 'MemberLeftBoard': {
        const s = seat(d.seatId);
        if (s) s.member = null;
        break;
      }
      case 'DeputySeated': {
        const s = seat(d.seatId);
        record.examined++;
        if ([...b.seats].some(([, other]) => other.member === d.deputyId || other.deputy === d.deputyId)) v(record, e, `${show(d.deputyId)} is made a deputy while holding a place on the board`);
        if (s) s.deputy = d.deputyId;
        break;
      }
      case 'DeputyLeftBoard': {
        const s = seat(d.seatId);
        if (s) s.deputy = null;
        break;
      }
      case 'MeetingConvened':
        b.meetings.set(d.meetingId, { agenda: Array.isArray(d.agenda) ? d.agenda.length : 0, present: null, deputising: {}, departed: new Set(), recused: new Map(), signed: false, signedBy: new Set() });
        break;
      case 'AttendanceRecorded':
        if (m) attendance(e, d, b, m);
        break;
      case 'MemberLeftMeeting':
        if (m) m.departed.add(d.memberId);
        break;
      case 'MemberRecused':
        if (m && (!(m.present ?? []).includes(d.memberId) || m.departed.has(d.memberId))) v(record, e, 'a disqualification of someone not at the meeting');
        if (m) {
          if (!m.recused.has(d.item)) m.recused.set(d.item, new Set());
          m.recused.get(d.item)!.add(d.memberId);
        }
        break;
      case 'DissentRecorded':
        if (meta.actor?.role !== 'board_member' || meta.actor.id !== d.memberId) v(record, e, 'a dissent recorded by someone other than the member it names');
        if (m && !(m.present ?? []).includes(d.memberId)) v(record, e, 'a dissent of someone not present at the meeting');
        break;
      case 'DocumentAttached':
        if (typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256) || !Number.isSafeInteger(d.size) || d.size < 1) v(record, e, 'a document named by no SHA-256, or of no size');
        break;
      case 'ResolutionProposed':
        if (meta.actor?.role !== 'board_member' || meta.actor.id !== d.proposedBy) v(record, e, 'a resolution proposed by someone other than the member it names');
        if (m) {
          const item = typeof d.item === 'number' ? d.item : null;
          if (!takingPart(b, m, item).includes(d.proposedBy)) v(record, e, `a resolution proposed by ${show(d.proposedBy)}, who does not sit at the meeting now or is disqualified on the item`);
          b.resolutions.set(d.resolutionId, { meetingId: d.meetingId, item, status: 'proposed', votes: new Map() });
        }
        break;
      case 'VoteCast':
        if (m) voteCast(e, d, meta, b);
        break;
      case 'ResolutionAdopted':
      case 'ResolutionRejected':
        if (m) decided(e, d, b);
        break;
      case 'MinutesSigned':
        record.examined++;
        if (!m) v(record, e, 'minutes signed for a meeting never convened');
        else {
          if (!(m.present ?? []).includes(d.memberId)) v(record, e, 'minutes signed by someone not present at the meeting');
          if (meta.actor?.role !== 'board_member' || meta.actor.id !== d.memberId) v(record, e, 'minutes signed by someone other than the member named');
          m.signedBy.add(d.memberId);
          // Complete (and so public) once everyone present at the end has signed: the flag must say so.
          const complete = (m.present ?? []).filter((id) => !m.departed.has(id)).every((id) => m.signedBy.has(id));
          if (d.complete !== complete) v(record, e, complete ? 'minutes signed by everyone present, not marked complete' : 'minutes marked complete before everyone present at the end signed them');
          m.signed = true;
        }
        break;
      case 'MemberNamePublished':
        record.examined++;
        if (!isObject(d.name) || d.name.$sealed !== 'v1' || d.name.s !== `board-name:${d.nameId}`) v(record, e, 'a published name is not sealed under its own key (withdrawing it could not erase it alone)');
        break;
      default:
        break;
    }
  }

  return {
    checks: [record],
    onEvent(e: StoredEvent, d: Data, meta: Meta) {
      if (!RECORD_EVENT_TYPES.has(e.type)) return;
      if (typeof d.centreId !== 'string' || e.stream !== `board-${d.centreId}`) {
        record.examined++;
        v(record, e, `a board event outside its board’s stream: it names centre ${show(d.centreId)}`);
        return;
      }
      onBoardEvent(e, d, meta);
    },
  };
}
