import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type BoardEvent, boardNameSubject, evolve, initialState } from './board.js';
import { type BoardCommand, boardDecider, DOCUMENT_MAX_BYTES } from './decide.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const now = '2026-11-22T09:00:00.000+01:00';
const admin: Principal = { id: 'admin', role: 'admin' };
const as = (id: string): Principal => ({ id, role: 'board_member', centreId });
const cmd = <T extends BoardCommand['type']>(type: T, data: object, principal: Principal = admin) =>
  ({ type, now, principal, data: { centreId, ...data } }) as Extract<BoardCommand, { type: T }>;

const join = (seatId: string, memberId: string): BoardEvent => ({ type: 'MemberJoinedBoard', data: { centreId, seatId, memberId, how: 'appointed', from: '2026-01-01' } });
const deputy = (seatId: string, deputyId: string): BoardEvent => ({ type: 'DeputySeated', data: { centreId, seatId, deputyId, how: 'elected', from: '2026-01-01' } });
/** Four seats: employee (e), citizen (c), two partners (a, b); d is deputy for a's seat p1, f for the citizen seat. */
const full: BoardEvent[] = [
  { type: 'BoardConstituted', data: { centreId } },
  { type: 'PartnerSeatAdded', data: { centreId, seatId: 'p1', organisation: 'Lokal A-kasse' } },
  { type: 'PartnerSeatAdded', data: { centreId, seatId: 'p2', organisation: 'Sundhedshuset' } },
  join('employee', 'e'),
  join('citizen', 'c'),
  join('p1', 'a'),
  join('p2', 'b'),
  deputy('p1', 'd'),
  deputy('citizen', 'f'),
  { type: 'BoardRoleAssigned', data: { centreId, role: 'secretary', memberId: 'e' } },
];
const convened: BoardEvent = { type: 'MeetingConvened', data: { centreId, meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['Budget 2027', 'Lejeaftale'] } };
const attended = (present: string[], deputising: Record<string, string> = {}): BoardEvent => ({
  type: 'AttendanceRecorded',
  data: { centreId, meetingId: 'm1', present, seats: 4, quorate: present.length * 2 >= 4, deputising },
});
const proposed: BoardEvent = { type: 'ResolutionProposed', data: { centreId, meetingId: 'm1', resolutionId: 'r1', title: 'Åbent hus', subject: { kind: 'general' }, proposedBy: 'e', item: 1 } };
const vote = (memberId: string): BoardEvent => ({ type: 'VoteCast', data: { centreId, resolutionId: 'r1', memberId, choice: 'for' } });

describe('deputies (suppleanter)', () => {
  it('are recorded for a seat by an administrator, one per seat, and a person holds one place on the board', () => {
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p2', deputyId: 'g', how: 'elected', from: '2026-03-01' })).then([
      { type: 'DeputySeated', data: { centreId, seatId: 'p2', deputyId: 'g', how: 'elected', from: '2026-03-01' } },
    ]);
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p2', deputyId: 'g', how: 'elected', from: '2026-03-01' }, as('b'))).thenError(Forbidden);
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p1', deputyId: 'g', how: 'elected', from: '2026-03-01' })).thenError(Conflict, 'deputy_seated');
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p2', deputyId: 'd', how: 'elected', from: '2026-03-01' })).thenError(Conflict, 'deputy_seated');
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p2', deputyId: 'a', how: 'elected', from: '2026-03-01' })).thenError(Conflict, 'member_seated');
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p1', deputyId: 'd', how: 'elected', from: '2026-03-01' })).thenNothing();
    given(boardDecider, full).when(cmd('SeatDeputy', { seatId: 'p2', deputyId: 'g', how: 'elected', from: '2026-02-30' })).thenError(InvalidValue, 'invalid_value', { field: 'from' });
    // Nor is a deputy seated as a member of another seat while still deputy.
    given(boardDecider, [...full, { type: 'MemberLeftBoard', data: { centreId, seatId: 'p2', memberId: 'b', on: '2026-06-30' } }])
      .when(cmd('SeatMember', { seatId: 'p2', memberId: 'd', how: 'appointed', from: '2026-07-01' }))
      .thenError(Conflict, 'deputy_seated');
  });

  it('step up into their own seat when its member leaves, and are its deputy no longer', () => {
    const left: BoardEvent = { type: 'MemberLeftBoard', data: { centreId, seatId: 'p1', memberId: 'a', on: '2026-06-30' } };
    const steps: BoardEvent = { type: 'MemberJoinedBoard', data: { centreId, seatId: 'p1', memberId: 'd', how: 'appointed', from: '2026-07-01' } };
    given(boardDecider, [...full, left]).when(cmd('SeatMember', { seatId: 'p1', memberId: 'd', how: 'appointed', from: '2026-07-01' })).then([steps]);
    const state = [...full, left, steps].reduce(evolve, initialState);
    expect(state.status === 'constituted' && state.seats.p1).toMatchObject({ memberId: 'd', deputyId: null });
  });

  it('leave of their own accord or as an administrator records; a seat with a deputy is not removed', () => {
    given(boardDecider, full).when(cmd('DeputyLeaves', { seatId: 'p1', on: '2026-06-30' }, as('d'))).then([{ type: 'DeputyLeftBoard', data: { centreId, seatId: 'p1', deputyId: 'd', on: '2026-06-30' } }]);
    given(boardDecider, full).when(cmd('DeputyLeaves', { seatId: 'p1', on: '2026-06-30' }, as('a'))).thenError(Forbidden);
    given(boardDecider, full).when(cmd('DeputyLeaves', { seatId: 'p2', on: '2026-06-30' })).thenError(Conflict, 'no_deputy');
    given(boardDecider, full).when(cmd('DeputyLeaves', { seatId: 'p1', on: '2025-12-31' })).thenError(InvalidValue, 'invalid_value', { field: 'on' });
    const emptied: BoardEvent[] = [...full, { type: 'MemberLeftBoard', data: { centreId, seatId: 'p1', memberId: 'a', on: '2026-06-30' } }];
    given(boardDecider, emptied).when(cmd('RemovePartnerSeat', { seatId: 'p1' })).thenError(RuleViolation, 'seat_has_deputy');
  });

  it('take the seat of an absent member at a meeting, never beside them', () => {
    const at = [...full, convened];
    given(boardDecider, at).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['d', 'b', 'e'] }, as('e'))).then([attended(['d', 'b', 'e'], { d: 'p1' })]);
    given(boardDecider, at).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a', 'b', 'd'] }, as('e'))).thenError(InvalidValue, 'invalid_value', { field: 'present.2' });
    given(boardDecider, at).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a', 'g'] }, as('e'))).thenError(InvalidValue, 'invalid_value', { field: 'present.1' });
    // Members present, with no deputy among them: nobody deputises.
    given(boardDecider, at).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a', 'e'] }, as('e'))).then([attended(['a', 'e'])]);
  });

  it('count for the quorum, propose, vote and are waited for in the count, in the seat they took', () => {
    // Two of four seats present, one of them by its deputy: quorate.
    const at = [...full, convened, attended(['d', 'e'], { d: 'p1' })];
    given(boardDecider, at).when(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r1', title: 'Åbent hus', subject: { kind: 'general' }, item: 1 }, as('e'))).then([proposed]);
    given(boardDecider, [...at, proposed]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('d'))).then([vote('d')]);
    given(boardDecider, [...at, proposed, vote('e')]).when(cmd('DecideResolution', { resolutionId: 'r1' }, as('e'))).thenError(RuleViolation, 'votes_outstanding');
    given(boardDecider, [...at, proposed, vote('e'), vote('d')]).when(cmd('DecideResolution', { resolutionId: 'r1' }, as('d'))).then([
      { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 2, against: 0, abstained: 0 } } },
    ]);
    // The other deputy, not at the meeting, and the absent member whose seat d took, take no part.
    given(boardDecider, [...at, proposed]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('f'))).thenError(Forbidden);
    given(boardDecider, [...at, proposed]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('a'))).thenError(Forbidden);
    // A deputy who gave up their place since sits in no seat: no vote, and no quorum without them.
    const gone: BoardEvent = { type: 'DeputyLeftBoard', data: { centreId, seatId: 'p1', deputyId: 'd', on: '2026-12-01' } };
    given(boardDecider, [...at, proposed, gone]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('d'))).thenError(Forbidden);
    given(boardDecider, [...at, proposed, gone]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('e'))).thenError(RuleViolation, 'no_quorum');
  });

  it('sign the minutes of the meeting they sat at, and may declare themselves disqualified', () => {
    const at = [...full, convened, attended(['d', 'e'], { d: 'p1' }), proposed, vote('d'), vote('e'), { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 2, against: 0, abstained: 0 } } } as BoardEvent];
    given(boardDecider, at).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'd' }, as('d'))).then([{ type: 'MemberRecused', data: { centreId, meetingId: 'm1', item: 2, memberId: 'd' } }]);
    given(boardDecider, at).when(cmd('SignMinutes', { meetingId: 'm1' }, as('d'))).then([{ type: 'MinutesSigned', data: { centreId, meetingId: 'm1', memberId: 'd', complete: false } }]);
  });
});

describe('members’ published names', () => {
  const published: BoardEvent = { type: 'MemberNamePublished', data: { centreId, memberId: 'a', nameId: 'n1', name: 'Mette Hansen' } };

  it('are published by the member or deputy themselves, and by nobody else', () => {
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n1', name: '  Mette   Hansen ' }, as('a'))).then([published]);
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n2', name: 'Jonas Berg' }, as('d'))).then([
      { type: 'MemberNamePublished', data: { centreId, memberId: 'd', nameId: 'n2', name: 'Jonas Berg' } },
    ]);
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n1', name: 'Mette Hansen' })).thenError(Forbidden);
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n1', name: 'Mette Hansen' }, { id: 's', role: 'staff', centreId })).thenError(Forbidden);
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n1', name: 'Mette Hansen' }, as('stranger'))).thenError(Forbidden);
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n1', name: 'x'.repeat(101) }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'name' });
    given(boardDecider, [...full, published]).when(cmd('PublishMemberName', { nameId: 'n1', name: 'Mette Hansen' }, as('a'))).thenNothing();
  });

  it('are sealed, each under a key of its own', () => {
    expect(boardDecider.personal?.fields.MemberNamePublished).toEqual(['name']);
    expect(boardDecider.personal?.subjectOf(cmd('PublishMemberName', { nameId: 'n1', name: 'Mette Hansen' }, as('a')))).toBe(boardNameSubject('n1'));
    for (const [type, fields] of Object.entries(boardDecider.personal?.fields ?? {})) if (type !== 'MemberNamePublished') expect(fields, type).toEqual([]);
  });

  it('are withdrawn by the member, or an administrator for them; withdrawing none changes nothing', () => {
    const withdrawn: BoardEvent = { type: 'MemberNameWithdrawn', data: { centreId, memberId: 'a', nameId: 'n1' } };
    given(boardDecider, [...full, published]).when(cmd('WithdrawMemberName', { memberId: 'a' }, as('a'))).then([withdrawn]);
    given(boardDecider, [...full, published]).when(cmd('WithdrawMemberName', { memberId: 'a' })).then([withdrawn]);
    given(boardDecider, [...full, published]).when(cmd('WithdrawMemberName', { memberId: 'a' }, as('b'))).thenError(Forbidden);
    given(boardDecider, [...full, published, withdrawn]).when(cmd('WithdrawMemberName', { memberId: 'a' }, as('a'))).thenNothing();
  });
});

describe('documents attached to a meeting', () => {
  const sha256 = 'a'.repeat(64);
  const attach = { meetingId: 'm1', item: 2, documentId: 'doc1', title: 'Lejekontrakt', sha256, mediaType: 'application/pdf', size: 2048, published: true };
  const attached: BoardEvent = { type: 'DocumentAttached', data: { centreId, ...attach } };
  const at = [...full, convened];

  it('are attached by the chair, vice-chair or secretary, by SHA-256, to an item or the meeting', () => {
    given(boardDecider, at).when(cmd('AttachDocument', attach, as('e'))).then([attached]);
    given(boardDecider, at).when(cmd('AttachDocument', { ...attach, item: null }, as('e'))).then([{ type: 'DocumentAttached', data: { centreId, ...attach, item: null } }]);
    given(boardDecider, at).when(cmd('AttachDocument', attach, as('b'))).thenError(Forbidden);
    given(boardDecider, at).when(cmd('AttachDocument', attach, as('d'))).thenError(Forbidden);
    given(boardDecider, [...at, attached]).when(cmd('AttachDocument', attach, as('e'))).thenNothing();
    given(boardDecider, [...at, attached]).when(cmd('AttachDocument', { ...attach, title: 'Andet' }, as('e'))).thenError(Conflict, 'document_exists');
    given(boardDecider, [...at, attached]).when(cmd('AttachDocument', { ...attach, documentId: 'doc2' }, as('e'))).thenError(Conflict, 'document_attached');
  });

  it('name their bytes exactly: a digest, an accepted format, a size', () => {
    for (const [field, change] of [
      ['sha256', { sha256: 'A'.repeat(64) }],
      ['sha256', { sha256: 'a'.repeat(63) }],
      ['mediaType', { mediaType: 'text/html' }],
      ['size', { size: 0 }],
      ['size', { size: DOCUMENT_MAX_BYTES + 1 }],
      ['item', { item: 3 }],
      ['title', { title: ' ' }],
    ] as const) {
      given(boardDecider, at).when(cmd('AttachDocument', { ...attach, ...change }, as('e'))).thenError(InvalidValue, 'invalid_value', { field });
    }
  });

  it('are not attached once the minutes are signed', () => {
    const signed = [...at, attended(['e', 'b', 'c']), { type: 'MinutesSigned', data: { centreId, meetingId: 'm1', memberId: 'e', complete: false } } as BoardEvent];
    given(boardDecider, signed).when(cmd('AttachDocument', attach, as('e'))).thenError(Conflict, 'minutes_signed');
  });
});

describe('a published name, typed', () => {
  it('loses the control and invisible characters that would make it look like another', () => {
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n9', name: 'Cit\u0007\u001bZ\u200bX\uFEFF Hansen' }, as('a'))).then([
      { type: 'MemberNamePublished', data: { centreId, memberId: 'a', nameId: 'n9', name: 'CitZX Hansen' } },
    ]);
    given(boardDecider, full).when(cmd('PublishMemberName', { nameId: 'n9', name: '\u200b\u200b' }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'name' });
  });
});
