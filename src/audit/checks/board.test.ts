import { describe, expect, it } from 'vitest';
import { BOARD_EVENT_SCHEMA_VERSIONS, boardStreamId } from '../../domain/board/board.js';
import type { StoredEvent } from '../canonical.js';
import { boardChecks, RECORD_EVENT_TYPES } from './board.js';
import type { Data, Meta } from './types.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const stream = boardStreamId(centreId);
let position = 0;

/** A raw board event as the log stores it, made by hand; `by` is who the metadata says acted. */
function raw(type: string, data: object, by: string = 'admin'): StoredEvent {
  position++;
  const versions: Record<string, number> = BOARD_EVENT_SCHEMA_VERSIONS;
  const actor = by === 'admin' ? { id: 'admin', role: 'admin' } : { id: by, role: 'board_member' };
  return {
    position,
    stream,
    version: position,
    id: `event-${position}`,
    type,
    schemaVersion: versions[type] ?? 1,
    data: { centreId, ...data },
    metadata: { actor, centreId, correlationId: `k${position}`, causationId: `k${position}`, commandId: `k${position}`, occurredAt: '2026-12-01T17:00:00.000Z' },
    recordedAt: '2026-12-01T17:00:00.000000Z',
  };
}

function run(events: StoredEvent[]) {
  const checks = boardChecks();
  for (const e of events) checks.onEvent(e, e.data as Data, e.metadata as Meta);
  checks.finish?.();
  const [result] = checks.checks;
  return { examined: result!.examined, reasons: result!.violations.map((x) => x.reason) };
}

/** Three seats: employee (e), citizen (c), partner p1 (a) with deputy d. */
const board = () => [
  raw('BoardConstituted', {}),
  raw('PartnerSeatAdded', { seatId: 'p1', organisation: 'Lokal A-kasse' }),
  raw('MemberJoinedBoard', { seatId: 'employee', memberId: 'e', how: 'elected', from: '2026-01-01' }),
  raw('MemberJoinedBoard', { seatId: 'citizen', memberId: 'c', how: 'elected', from: '2026-01-01' }),
  raw('MemberJoinedBoard', { seatId: 'p1', memberId: 'a', how: 'appointed', from: '2026-01-01' }),
  raw('DeputySeated', { seatId: 'p1', deputyId: 'd', how: 'appointed', from: '2026-01-01' }),
  raw('MeetingConvened', { meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['Budget', 'Leje'] }),
];
const attendance = (present: string[], deputising: Record<string, string> = {}, more: object = {}) =>
  raw('AttendanceRecorded', { meetingId: 'm1', present, seats: 3, quorate: present.length * 2 >= 3, deputising, ...more });
const propose = (item: number | null = 1, by = 'e') => raw('ResolutionProposed', { meetingId: 'm1', resolutionId: 'r1', title: 'Åbent hus', subject: { kind: 'general' }, proposedBy: by, item }, by);
const vote = (memberId: string, choice = 'for', by = memberId) => raw('VoteCast', { resolutionId: 'r1', memberId, choice }, by);
const adopted = (tally = { for: 3, against: 0, abstained: 0 }) => raw('ResolutionAdopted', { resolutionId: 'r1', tally }, 'e');
const signed = (memberId: string, complete = false) => raw('MinutesSigned', { meetingId: 'm1', memberId, complete }, memberId);

describe('check 12: the board’s record', () => {
  it('reads every event a board writes that bears on the record, and finds a meeting held right with a deputy in an absent member’s seat', () => {
    for (const type of RECORD_EVENT_TYPES) expect(Object.keys(BOARD_EVENT_SCHEMA_VERSIONS), type).toContain(type);
    const held = run([...board(), attendance(['e', 'c', 'd'], { d: 'p1' }), propose(), vote('e'), vote('c'), vote('d'), adopted(), signed('e'), signed('c'), signed('d', true)]);
    expect(held.reasons).toEqual([]);
    expect(held.examined).toBeGreaterThan(5);
  });

  it('finds someone present without a place, a deputy beside their member, and a quorum the attendance misstates', () => {
    expect(run([...board(), attendance(['e', 'x'])]).reasons).toEqual(['x is recorded present without a seat on the board or a deputy’s place for the seat named']);
    expect(run([...board(), attendance(['e', 'a', 'd'], { d: 'p1' })]).reasons).toEqual(['d is recorded in the seat of a member who is present too', 'two people are recorded in seat p1']);
    expect(run([...board(), attendance(['e'], {}, { quorate: true })]).reasons).toEqual(['the attendance’s quorum does not follow from those present and the seats']);
    // A deputy who has left their place takes no seat.
    expect(run([...board(), raw('DeputyLeftBoard', { seatId: 'p1', deputyId: 'd', on: '2026-11-30' }), attendance(['e', 'd'], { d: 'p1' })]).reasons).toHaveLength(1);
  });

  it('finds a vote by someone absent, gone, disqualified, twice, or in another’s name', () => {
    const at = [...board(), attendance(['e', 'c']), propose()];
    expect(run([...at, vote('a')]).reasons).toEqual(['a vote by a, who does not sit at the meeting now, has left it, or is disqualified on the item']);
    expect(run([...at, raw('MemberLeftMeeting', { meetingId: 'm1', memberId: 'c', at: '2026-12-01T18:00:00+01:00' }), vote('c')]).reasons).toHaveLength(1);
    expect(run([...at, raw('MemberRecused', { meetingId: 'm1', item: 1, memberId: 'c' }), vote('c')]).reasons).toHaveLength(1);
    expect(run([...at, vote('c'), vote('c')]).reasons).toEqual(['a second vote by the same member']);
    expect(run([...at, vote('c', 'for', 'e')]).reasons).toEqual(['a vote cast by someone other than the member it names']);
  });

  it('finds a resolution decided without quorum, before every vote, counted wrong, or with an outcome the votes do not give', () => {
    const at = [...board(), attendance(['e', 'c']), propose()];
    expect(run([...at, vote('e'), adopted({ for: 1, against: 0, abstained: 0 })]).reasons).toEqual(['a resolution decided before everyone sitting had voted']);
    expect(run([...at, vote('e'), vote('c'), adopted({ for: 3, against: 0, abstained: 0 })]).reasons).toEqual(['the tally does not count the votes cast']);
    expect(run([...at, vote('e'), vote('c', 'against'), adopted({ for: 1, against: 1, abstained: 0 })]).reasons).toEqual(['the outcome does not follow from the votes: adopted is more for than against']);
    const gone = raw('MemberLeftMeeting', { meetingId: 'm1', memberId: 'c', at: '2026-12-01T18:00:00+01:00' });
    expect(run([...at, vote('e'), vote('c'), gone, adopted({ for: 2, against: 0, abstained: 0 })]).reasons).toEqual(['a resolution decided without quorum']);
  });

  it('finds anything changed at a meeting once its minutes are signed, and minutes signed by someone absent', () => {
    const done = [...board(), attendance(['e', 'c']), propose(), vote('e'), vote('c'), adopted({ for: 2, against: 0, abstained: 0 }), signed('e')];
    expect(run([...done, raw('ItemMinuted', { meetingId: 'm1', item: 1, decision: 'Ændret bagefter.', reasoning: null }, 'e')]).reasons).toEqual([
      'ItemMinuted at a meeting whose minutes were signed: they cannot change',
    ]);
    expect(run([...done, raw('DocumentAttached', { meetingId: 'm1', item: null, documentId: 'x', title: 'Bilag', sha256: 'a'.repeat(64), mediaType: 'application/pdf', size: 1, published: true }, 'e')]).reasons).toHaveLength(1);
    expect(run([...done, signed('a')]).reasons).toEqual(['minutes signed by someone not present at the meeting']);
  });

  it('finds minutes marked complete too soon or signed in another’s name, a proposal or dissent in another’s name, and a vote that is no vote', () => {
    const done = [...board(), attendance(['e', 'c', 'a']), propose(), vote('e'), vote('c'), vote('a'), adopted()];
    expect(run([...done, signed('e', true)]).reasons).toEqual(['minutes marked complete before everyone present at the end signed them']);
    expect(run([...done, signed('e'), signed('c'), signed('a', false)]).reasons).toEqual(['minutes signed by everyone present, not marked complete']);
    expect(run([...done, raw('MinutesSigned', { meetingId: 'm1', memberId: 'e', complete: false }, 'c')]).reasons).toEqual(['minutes signed by someone other than the member named']);
    const proposedForE = raw('ResolutionProposed', { meetingId: 'm1', resolutionId: 'r2', title: 'x', subject: { kind: 'general' }, proposedBy: 'e', item: 1 }, 'c');
    expect(run([...board(), attendance(['e', 'c']), proposedForE]).reasons).toEqual(['a resolution proposed by someone other than the member it names']);
    expect(run([...done, raw('DissentRecorded', { resolutionId: 'r1', memberId: 'a' }, 'e')]).reasons).toEqual(['a dissent recorded by someone other than the member it names']);
    expect(run([...board(), attendance(['e', 'c']), propose(), vote('e', 'maybe')]).reasons).toEqual(['a vote that is neither for, against nor abstaining: maybe']);
  });

  it('finds a person in two places on the board, a resolution of a board not validly composed, and a document named by no digest', () => {
    expect(run([...board(), raw('MemberJoinedBoard', { seatId: 'p1', memberId: 'e', how: 'appointed', from: '2026-01-01' })]).reasons).toEqual(['e is seated while holding another place on the board (seat employee)']);
    expect(run([...board(), raw('DeputySeated', { seatId: 'employee', deputyId: 'd', how: 'elected', from: '2026-01-01' })]).reasons).toEqual(['d is made a deputy while holding a place on the board']);
    const emptied = raw('MemberLeftBoard', { seatId: 'citizen', memberId: 'c', on: '2026-11-30' });
    expect(run([...board(), attendance(['e', 'a']), propose(), vote('e'), vote('a'), emptied, adopted({ for: 2, against: 0, abstained: 0 })]).reasons).toEqual(['a resolution decided while the employee seat or the citizen seat was empty']);
    expect(run([...board(), raw('DocumentAttached', { meetingId: 'm1', item: null, documentId: 'x', title: 'Bilag', sha256: 'not-hex', mediaType: 'application/pdf', size: -1, published: true }, 'e')]).reasons).toEqual(['a document named by no SHA-256, or of no size']);
  });

  it('finds a published name in the clear or under another key, and a board event filed in another stream', () => {
    const sealed = (s: string) => ({ $sealed: 'v1', s, iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' });
    expect(run([...board(), raw('MemberNamePublished', { memberId: 'c', nameId: 'n1', name: sealed('board-name:n1') }, 'c')]).reasons).toEqual([]);
    expect(run([...board(), raw('MemberNamePublished', { memberId: 'c', nameId: 'n1', name: 'Mette Hansen' }, 'c')]).reasons).toHaveLength(1);
    expect(run([...board(), raw('MemberNamePublished', { memberId: 'c', nameId: 'n1', name: sealed('c') }, 'c')]).reasons).toHaveLength(1);
    const elsewhere = { ...vote('e'), stream: 'board-another' };
    expect(run([...board(), elsewhere]).reasons).toEqual(['a board event outside its board’s stream: it names centre 0190f5f0-0000-7000-8000-000000000001']);
  });
});
