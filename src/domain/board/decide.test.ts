import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { BoardEvent, VoteChoice } from './board.js';
import { type BoardCommand, boardDecider } from './decide.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const now = '2026-11-22T09:00:00.000+01:00';
const admin: Principal = { id: 'admin', role: 'admin' };
const as = (id: string): Principal => ({ id, role: 'board_member', centreId });
const cmd = <T extends BoardCommand['type']>(type: T, data: object, principal: Principal = admin) =>
  ({ type, now, principal, data: { centreId, centreKnown: true, ...data } }) as Extract<BoardCommand, { type: T }>;

const constituted: BoardEvent[] = [
  { type: 'BoardConstituted', data: { centreId } },
  { type: 'PartnerSeatAdded', data: { centreId, seatId: 'p1', organisation: 'Lokal A-kasse' } },
  { type: 'PartnerSeatAdded', data: { centreId, seatId: 'p2', organisation: 'Sundhedshuset' } },
];
const join = (seatId: string, memberId: string): BoardEvent => ({ type: 'MemberJoinedBoard', data: { centreId, seatId, memberId, how: 'appointed', from: '2026-01-01' } });
/** Four seats: employee (e), citizen (c), two partners (a, b). */
const full: BoardEvent[] = [...constituted, join('employee', 'e'), join('citizen', 'c'), join('p1', 'a'), join('p2', 'b')];
const meeting: BoardEvent = { type: 'MeetingConvened', data: { centreId, meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['Budget 2027'] } };
const attended = (present: string[], quorate = true, seats = 4): BoardEvent => ({ type: 'AttendanceRecorded', data: { centreId, meetingId: 'm1', present, seats, quorate, deputising: {} } });
const proposed: BoardEvent = {
  type: 'ResolutionProposed',
  data: { centreId, meetingId: 'm1', resolutionId: 'r1', title: 'Approve budget 2027', subject: { kind: 'budget_approval', budgetId: 'b', version: 3 }, proposedBy: 'a' },
};
const vote = (memberId: string, choice: VoteChoice): BoardEvent => ({ type: 'VoteCast', data: { centreId, resolutionId: 'r1', memberId, choice } });

describe('the board’s composition', () => {
  it('is constituted by an administrator with an employee seat and a citizen seat', () => {
    given(boardDecider).when(cmd('ConstituteBoard', {})).then([{ type: 'BoardConstituted', data: { centreId } }]);
    given(boardDecider).when(cmd('ConstituteBoard', {}, as('x'))).thenError(Forbidden);
    given(boardDecider, constituted).when(cmd('ConstituteBoard', {})).thenError(Conflict, 'board_exists');
    given(boardDecider).when(cmd('ConstituteBoard', { centreKnown: false })).thenError(NotFound, 'centre_not_found');
  });

  it('gives each partner organisation one seat, and keeps the employee and citizen seats', () => {
    given(boardDecider, constituted).when(cmd('AddPartnerSeat', { seatId: 'p3', organisation: ' lokal  a-kasse ' })).thenError(Conflict, 'organisation_seated');
    given(boardDecider, constituted).when(cmd('RemovePartnerSeat', { seatId: 'employee' })).thenError(RuleViolation, 'seat_fixed');
    given(boardDecider, full).when(cmd('RemovePartnerSeat', { seatId: 'p1' })).thenError(RuleViolation, 'seat_occupied');
    given(boardDecider, constituted).when(cmd('RemovePartnerSeat', { seatId: 'p1' })).then([{ type: 'PartnerSeatRemoved', data: { centreId, seatId: 'p1' } }]);
  });

  it('seats one member per seat and one seat per member; members leave with a date', () => {
    given(boardDecider, full).when(cmd('SeatMember', { seatId: 'p1', memberId: 'z', how: 'elected', from: '2026-02-01' })).thenError(Conflict, 'seat_occupied');
    given(boardDecider, [...constituted, join('p1', 'a')]).when(cmd('SeatMember', { seatId: 'p2', memberId: 'a', how: 'elected', from: '2026-02-01' })).thenError(Conflict, 'member_seated');
    given(boardDecider, constituted).when(cmd('SeatMember', { seatId: 'p1', memberId: 'a', how: 'elected', from: '2026-13-01' })).thenError(InvalidValue, 'invalid_value', { field: 'from' });
    given(boardDecider, full).when(cmd('MemberLeaves', { seatId: 'p1', on: '2026-06-30' }, as('a'))).then([{ type: 'MemberLeftBoard', data: { centreId, seatId: 'p1', memberId: 'a', on: '2026-06-30' } }]);
    given(boardDecider, full).when(cmd('MemberLeaves', { seatId: 'p1', on: '2026-06-30' }, { id: 's', role: 'staff', centreId })).thenError(Forbidden);
  });

  it('gives the roles chair, vice-chair and secretary to sitting members only', () => {
    given(boardDecider, full).when(cmd('AssignBoardRole', { role: 'chair', memberId: 'c' })).then([{ type: 'BoardRoleAssigned', data: { centreId, role: 'chair', memberId: 'c' } }]);
    given(boardDecider, full).when(cmd('AssignBoardRole', { role: 'secretary', memberId: 'nobody' })).thenError(RuleViolation, 'not_a_member');
    given(boardDecider, [...full, { type: 'BoardRoleAssigned', data: { centreId, role: 'chair', memberId: 'c' } }])
      .when(cmd('AssignBoardRole', { role: 'vice_chair', memberId: 'c' }))
      .thenError(RuleViolation, 'role_held');
  });

  it('cannot be reshaped by its own members: seats, members and roles are recorded by an administrator', () => {
    given(boardDecider, full).when(cmd('AssignBoardRole', { role: 'chair', memberId: 'a' }, as('a'))).thenError(Forbidden);
    given(boardDecider, full).when(cmd('MemberLeaves', { seatId: 'citizen', on: '2026-06-30' }, as('e'))).thenError(Forbidden);
    given(boardDecider, constituted).when(cmd('SeatMember', { seatId: 'citizen', memberId: 'friend', how: 'elected', from: '2026-02-01' }, as('a'))).thenError(Forbidden);
    given(boardDecider, full).when(cmd('AddPartnerSeat', { seatId: 'p3', organisation: 'Ny partner' }, as('a'))).thenError(Forbidden);
  });

  it('knows only its own seats, not inherited names, and takes no leave before a member joined', () => {
    given(boardDecider, constituted).when(cmd('SeatMember', { seatId: 'constructor', memberId: 'x', how: 'elected', from: '2026-02-01' })).thenError(NotFound, 'seat_not_found');
    given(boardDecider, full).when(cmd('MemberLeaves', { seatId: 'p1', on: '2025-12-31' }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'on' });
  });
});

describe('a meeting’s notice, its agenda items, their minutes and disqualification', () => {
  // Two items; all four present: the quorum is two of four seats. Member a is the secretary.
  const twoItems: BoardEvent = { type: 'MeetingConvened', data: { centreId, meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['Budget 2027', 'Lejeaftale med Sundhedshuset'], place: 'Huset, mødelokale 2' } };
  const secretary: BoardEvent = { type: 'BoardRoleAssigned', data: { centreId, role: 'secretary', memberId: 'a' } };
  const at = [...full, secretary, twoItems, attended(['a', 'b', 'c', 'e'])];
  const onItem2: BoardEvent = { type: 'ResolutionProposed', data: { centreId, meetingId: 'm1', resolutionId: 'r2', title: 'Lejeaftale', subject: { kind: 'general' }, proposedBy: 'a', item: 2 } };
  const recused = (memberId: string, item = 2): BoardEvent => ({ type: 'MemberRecused', data: { centreId, meetingId: 'm1', item, memberId } });

  it('gives notice of when, where (an address, or an https link) and what', () => {
    given(boardDecider, full).when(cmd('ConveneMeeting', { meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['Budget 2027', 'Lejeaftale med Sundhedshuset'], place: ' Huset,  mødelokale 2 ' }, as('a'))).then([twoItems]);
    given(boardDecider, full).when(cmd('ConveneMeeting', { meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['x'], place: 'https://meet.example.dk/bestyrelsen' }, as('a'))).then([
      { type: 'MeetingConvened', data: { centreId, meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['x'], place: 'https://meet.example.dk/bestyrelsen' } },
    ]);
    given(boardDecider, full).when(cmd('ConveneMeeting', { meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['x'], place: 'http://meet.example.dk/b' }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'place' });
    given(boardDecider, full).when(cmd('ConveneMeeting', { meetingId: 'm1', at: '2026-12-01T17:00:00+01:00', agenda: ['x'], place: 'x'.repeat(301) }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'place' });
  });

  it('is for a moment someone can hold a meeting at', () => {
    for (const at of ['9999-12-31T23:59:59-23:59', '1899-01-01T10:00:00Z', 'tomorrow']) {
      given(boardDecider, full).when(cmd('ConveneMeeting', { meetingId: 'm1', at, agenda: ['x'] }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'at' });
    }
  });

  it('puts a resolution under an agenda item of its meeting', () => {
    given(boardDecider, at).when(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r2', title: 'Lejeaftale', subject: { kind: 'general' }, item: 2 }, as('a'))).then([onItem2]);
    given(boardDecider, at).when(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r2', title: 'Lejeaftale', subject: { kind: 'general' }, item: 3 }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'item' });
    given(boardDecider, at).when(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r2', title: 'Lejeaftale', subject: { kind: 'general' }, item: 0 }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'item' });
  });

  it('minutes each item by its decision and reasoning, by the chair, vice-chair or secretary, until the minutes are signed', () => {
    const minuted: BoardEvent = { type: 'ItemMinuted', data: { centreId, meetingId: 'm1', item: 2, decision: 'Aftalen blev godkendt.', reasoning: 'Lejen er under markedslejen.\n\nB deltog ikke (inhabil).' } };
    given(boardDecider, at).when(cmd('RecordItemMinutes', { meetingId: 'm1', item: 2, decision: ' Aftalen  blev godkendt. ', reasoning: 'Lejen er under markedslejen.\n\n\n\nB deltog ikke (inhabil).' }, as('a'))).then([minuted]);
    given(boardDecider, [...at, minuted]).when(cmd('RecordItemMinutes', { meetingId: 'm1', item: 2, decision: 'Aftalen blev godkendt.', reasoning: 'Lejen er under markedslejen.\n\nB deltog ikke (inhabil).' }, as('a'))).thenNothing();
    given(boardDecider, at).when(cmd('RecordItemMinutes', { meetingId: 'm1', item: 2, decision: 'x' }, as('b'))).thenError(Forbidden);
    given(boardDecider, at).when(cmd('RecordItemMinutes', { meetingId: 'm1', item: 2, decision: '   ' }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'decision' });
    given(boardDecider, at).when(cmd('RecordItemMinutes', { meetingId: 'm1', item: 9, decision: 'x' }, as('a'))).thenError(InvalidValue, 'invalid_value', { field: 'item' });
    const signed: BoardEvent = { type: 'MinutesSigned', data: { centreId, meetingId: 'm1', memberId: 'a', complete: false } };
    given(boardDecider, [...at, signed]).when(cmd('RecordItemMinutes', { meetingId: 'm1', item: 2, decision: 'x' }, as('a'))).thenError(Conflict, 'minutes_signed');
  });

  it('takes a disqualified member out of the item’s quorum and vote, and only that item’s', () => {
    // b declares themselves disqualified on item 2; the secretary may record it for them; nobody else may.
    given(boardDecider, [...at, onItem2]).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'b' }, as('b'))).then([recused('b')]);
    given(boardDecider, [...at, onItem2]).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'b' }, as('a'))).then([recused('b')]);
    given(boardDecider, [...at, onItem2]).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'b' }, as('c'))).thenError(Forbidden);
    given(boardDecider, [...at, onItem2, recused('b')]).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'b' }, as('b'))).thenNothing();
    const bVoted: BoardEvent = { type: 'VoteCast', data: { centreId, resolutionId: 'r2', memberId: 'b', choice: 'for' } };
    given(boardDecider, [...at, onItem2, bVoted]).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'b' }, as('b'))).thenError(Conflict, 'already_voted');
    // Disqualified, b neither votes nor proposes on item 2, and the count does not wait for them.
    const after = [...at, onItem2, recused('b')];
    given(boardDecider, after).when(cmd('CastVote', { resolutionId: 'r2', choice: 'for' }, as('b'))).thenError(RuleViolation, 'recused');
    given(boardDecider, after).when(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r3', title: 'Ændring', subject: { kind: 'general' }, item: 2 }, as('b'))).thenError(RuleViolation, 'recused');
    const votes: BoardEvent[] = ['a', 'c', 'e'].map((m) => ({ type: 'VoteCast', data: { centreId, resolutionId: 'r2', memberId: m, choice: 'for' } }));
    given(boardDecider, [...after, ...votes]).when(cmd('DecideResolution', { resolutionId: 'r2' }, as('a'))).then([{ type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r2', tally: { for: 3, against: 0, abstained: 0 } } }]);
    // On another item b votes as before.
    const onItem1: BoardEvent = { ...proposed, data: { ...(proposed.data as object), item: 1 } } as BoardEvent;
    given(boardDecider, [...after, onItem1]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('b'))).then([vote('b', 'for')]);
    // With three of four disqualified, item 2 has no quorum: one of four is less than half.
    const many = [...at, onItem2, recused('b'), recused('c'), recused('e')];
    given(boardDecider, many).when(cmd('CastVote', { resolutionId: 'r2', choice: 'for' }, as('a'))).thenError(RuleViolation, 'no_quorum');
    given(boardDecider, many).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('a'))).thenError(NotFound, 'resolution_not_found');
    // A member not present cannot be disqualified: they are not there to take part.
    given(boardDecider, [...full, secretary, twoItems, attended(['a', 'c', 'e'])]).when(cmd('DeclareRecusal', { meetingId: 'm1', item: 2, memberId: 'b' }, as('a'))).thenError(Forbidden);
  });
});

describe('the rules of procedure on publishing votes', () => {
  it('are recorded by the chair or an administrator, after an adopted resolution, and change only when they change', () => {
    const chair: BoardEvent = { type: 'BoardRoleAssigned', data: { centreId, role: 'chair', memberId: 'a' } };
    const adopted: BoardEvent = { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 3, against: 0, abstained: 0 } } };
    const at = [...full, chair, meeting, attended(['a', 'b', 'e']), proposed];
    const set: BoardEvent = { type: 'VotePublicationSet', data: { centreId, resolutionId: 'r1', individualVotesPublic: true } };
    given(boardDecider, [...at, adopted]).when(cmd('SetVotePublication', { resolutionId: 'r1', individualVotesPublic: true }, as('a'))).then([set]);
    given(boardDecider, [...at, adopted]).when(cmd('SetVotePublication', { resolutionId: 'r1', individualVotesPublic: true })).then([set]);
    given(boardDecider, [...at, adopted, set]).when(cmd('SetVotePublication', { resolutionId: 'r1', individualVotesPublic: true }, as('a'))).thenNothing();
    given(boardDecider, [...at, adopted]).when(cmd('SetVotePublication', { resolutionId: 'r1', individualVotesPublic: true }, as('b'))).thenError(Forbidden);
    given(boardDecider, at).when(cmd('SetVotePublication', { resolutionId: 'r1', individualVotesPublic: true }, as('a'))).thenError(RuleViolation, 'resolution_not_adopted');
    given(boardDecider, [...at, adopted]).when(cmd('SetVotePublication', { resolutionId: 'nope', individualVotesPublic: true }, as('a'))).thenError(NotFound, 'resolution_not_found');
    const state = [...at, adopted, set].reduce(boardDecider.evolve, boardDecider.initialState);
    expect(state.status === 'constituted' && state.individualVotesPublic).toBe(true);
  });
});

describe('meetings, quorum and votes', () => {
  it('has quorum when at least half of the seats are present', () => {
    given(boardDecider, [...full, meeting]).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a', 'e'] })).then([attended(['a', 'e'], true)]);
    given(boardDecider, [...full, meeting]).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a'] })).then([attended(['a'], false)]);
    given(boardDecider, [...full, meeting]).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a', 'stranger'] })).thenError(InvalidValue, 'invalid_value', { field: 'present.1' });
  });

  it('lets a budget resolution name only this centre’s budget as it stands', () => {
    const fact = { budgetId: 'b', centreId, kind: 'annual' as const, fiscalYear: 2027, status: 'draft' as const, version: 2, years: [2027], activeLineIds: ['l1', 'l2', 'l3'], revenueLineIds: ['l3'] };
    const propose = (subject: object, budget: object | null) => cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r9', title: 'Budget', subject, budget }, as('a'));
    const at = [...full, meeting, attended(['a', 'b', 'e'])];
    given(boardDecider, at).when(propose({ kind: 'budget_approval', budgetId: 'b', version: 3 }, fact)).thenError(RuleViolation, 'version_not_current');
    given(boardDecider, at).when(propose({ kind: 'budget_approval', budgetId: 'b', version: 2 }, null)).thenError(RuleViolation, 'budget_not_found');
    given(boardDecider, at).when(propose({ kind: 'budget_approval', budgetId: 'b', version: 2 }, { ...fact, centreId: 'other' })).thenError(RuleViolation, 'budget_not_found');
    given(boardDecider, at).when(propose({ kind: 'budget_reallocation', budgetId: 'b', fromLineId: 'l1', toLineId: 'l2', year: 2027, amountOre: 5 }, fact)).thenError(RuleViolation, 'budget_not_enacted');
    given(boardDecider, at)
      .when(propose({ kind: 'budget_reallocation', budgetId: 'b', fromLineId: 'l1', toLineId: 'zz', year: 2027, amountOre: 5 }, { ...fact, status: 'enacted' }))
      .thenError(InvalidValue, 'invalid_value', { field: 'subject.toLineId' });
    given(boardDecider, at).when(propose({ kind: 'budget_approval', budgetId: 'b', version: 2 }, fact)).then([
      { type: 'ResolutionProposed', data: { centreId, meetingId: 'm1', resolutionId: 'r9', title: 'Budget', subject: { kind: 'budget_approval', budgetId: 'b', version: 2 }, proposedBy: 'a' } },
    ]);
    // A supplementary appropriation names a line of an enacted budget and a positive amount.
    const enacted = { ...fact, status: 'enacted' as const };
    const supplement = { kind: 'budget_supplement' as const, budgetId: 'b', lineId: 'l1', year: 2027, amountOre: 25_000_00 };
    given(boardDecider, at).when(propose(supplement, enacted)).then([{ type: 'ResolutionProposed', data: { centreId, meetingId: 'm1', resolutionId: 'r9', title: 'Budget', subject: supplement, proposedBy: 'a' } }]);
    given(boardDecider, at).when(propose(supplement, fact)).thenError(RuleViolation, 'budget_not_enacted');
    given(boardDecider, at).when(propose(supplement, { ...enacted, status: 'closed' })).thenError(RuleViolation, 'budget_not_enacted');
    given(boardDecider, at).when(propose({ ...supplement, lineId: 'zz' }, enacted)).thenError(InvalidValue, 'invalid_value', { field: 'subject.lineId' });
    given(boardDecider, at).when(propose({ ...supplement, amountOre: -1 }, enacted)).thenError(InvalidValue, 'invalid_value', { field: 'subject.amountOre' });
    given(boardDecider, at).when(propose({ ...supplement, year: 2028 }, enacted)).thenError(InvalidValue, 'invalid_value', { field: 'subject.year' });
    // A carry-over lands on a line of an enacted annual budget, in its year.
    const carry = { kind: 'budget_carry_over' as const, budgetId: 'b', lineId: 'l1', year: 2027, fromBudgetId: 'b-2026', fromLineId: 'p1', amountOre: 5_00 };
    given(boardDecider, at).when(propose(carry, enacted)).then([{ type: 'ResolutionProposed', data: { centreId, meetingId: 'm1', resolutionId: 'r9', title: 'Budget', subject: carry, proposedBy: 'a' } }]);
    given(boardDecider, at).when(propose({ ...carry, year: 2026 }, enacted)).thenError(InvalidValue, 'invalid_value', { field: 'subject.year' });
    given(boardDecider, at).when(propose({ ...carry, lineId: 'zz' }, enacted)).thenError(InvalidValue, 'invalid_value', { field: 'subject.lineId' });
    given(boardDecider, at).when(propose({ ...carry, lineId: 'l3' }, enacted)).thenError(InvalidValue, 'invalid_value', { field: 'subject.lineId' });
    // Money moves within expenditure or within revenue.
    given(boardDecider, at)
      .when(propose({ kind: 'budget_reallocation', budgetId: 'b', fromLineId: 'l3', toLineId: 'l1', year: 2027, amountOre: 5 }, enacted))
      .thenError(InvalidValue, 'invalid_value', { field: 'subject.toLineId' });
    given(boardDecider, at).when(propose(carry, { ...enacted, kind: 'development' })).thenError(RuleViolation, 'development_budget');
    given(boardDecider, at).when(propose(carry, fact)).thenError(RuleViolation, 'budget_not_enacted');
    // The year-end closing names an enacted annual budget.
    given(boardDecider, at).when(propose({ kind: 'budget_closing', budgetId: 'b' }, enacted)).then([
      { type: 'ResolutionProposed', data: { centreId, meetingId: 'm1', resolutionId: 'r9', title: 'Budget', subject: { kind: 'budget_closing', budgetId: 'b' }, proposedBy: 'a' } },
    ]);
    given(boardDecider, at).when(propose({ kind: 'budget_closing', budgetId: 'b' }, fact)).thenError(RuleViolation, 'budget_not_enacted');
    given(boardDecider, at).when(propose({ kind: 'budget_closing', budgetId: 'b' }, { ...enacted, kind: 'development' })).thenError(RuleViolation, 'development_budget');
  });

  it('refuses votes without quorum', () => {
    given(boardDecider, [...full, meeting, attended(['a'], false), proposed]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('a'))).thenError(RuleViolation, 'no_quorum');
  });

  it('refuses resolutions of a board without both the employee and the citizen seat filled', () => {
    const noCitizen: BoardEvent[] = [...constituted, join('employee', 'e'), join('p1', 'a'), join('p2', 'b'), meeting, attended(['a', 'b', 'e'], true), proposed];
    given(boardDecider, noCitizen).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('a'))).thenError(RuleViolation, 'board_not_validly_composed');
    given(boardDecider, [...noCitizen, vote('a', 'for')]).when(cmd('DecideResolution', { resolutionId: 'r1' }, as('a'))).thenError(RuleViolation, 'board_not_validly_composed');
  });

  it('takes one vote from each present member, and none from the absent, staff or admins', () => {
    const open = [...full, meeting, attended(['a', 'b', 'e']), proposed];
    given(boardDecider, open).when(cmd('CastVote', { resolutionId: 'r1', choice: 'against' }, as('b'))).then([vote('b', 'against')]);
    given(boardDecider, [...open, vote('b', 'for')]).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('b'))).thenError(Conflict, 'already_voted');
    given(boardDecider, open).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('c'))).thenError(Forbidden);
    given(boardDecider, open).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, { id: 'e', role: 'staff', centreId })).thenError(Forbidden);
    given(boardDecider, open).when(cmd('CastVote', { resolutionId: 'r1', choice: 'for' })).thenError(Forbidden);
  });

  it('adopts by a simple majority of the votes cast: abstentions do not count, a tie is not a majority', () => {
    const open = [...full, meeting, attended(['a', 'b', 'c', 'e']), proposed];
    const decide = cmd('DecideResolution', { resolutionId: 'r1' }, as('c'));
    given(boardDecider, [...open, vote('a', 'for'), vote('b', 'abstain'), vote('c', 'abstain'), vote('e', 'abstain')]).when(decide).then([
      { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 1, against: 0, abstained: 3 } } },
    ]);
    given(boardDecider, [...open, vote('a', 'for'), vote('b', 'against'), vote('c', 'abstain'), vote('e', 'abstain')]).when(decide).then([
      { type: 'ResolutionRejected', data: { centreId, resolutionId: 'r1', tally: { for: 1, against: 1, abstained: 2 } } },
    ]);
    given(boardDecider, [...open, vote('a', 'for'), vote('b', 'for'), vote('e', 'against'), vote('c', 'abstain')]).when(decide).then([
      { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 2, against: 1, abstained: 1 } } },
    ]);
  });

  it('counts only when every present member has voted: nobody decides alone', () => {
    const open = [...full, meeting, attended(['a', 'b', 'c', 'e']), proposed];
    given(boardDecider, [...open, vote('a', 'for')]).when(cmd('DecideResolution', { resolutionId: 'r1' }, as('a'))).thenError(RuleViolation, 'votes_outstanding');
    given(boardDecider, open).when(cmd('DecideResolution', { resolutionId: 'r1' }, as('a'))).thenError(RuleViolation, 'votes_outstanding');
  });

  it('records the dissent of a member who did not vote with the outcome', () => {
    const decided: BoardEvent[] = [...full, meeting, attended(['a', 'b', 'e']), proposed, vote('a', 'for'), vote('b', 'against'), vote('e', 'for'),
      { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 2, against: 1, abstained: 0 } } }];
    given(boardDecider, decided).when(cmd('RecordDissent', { resolutionId: 'r1' }, as('b'))).then([{ type: 'DissentRecorded', data: { centreId, resolutionId: 'r1', memberId: 'b' } }]);
    given(boardDecider, decided).when(cmd('RecordDissent', { resolutionId: 'r1' }, as('a'))).thenError(RuleViolation, 'voted_with_outcome');
    const rejected: BoardEvent[] = [...full, meeting, attended(['a', 'b', 'e']), proposed, vote('a', 'for'), vote('b', 'against'), vote('e', 'against'),
      { type: 'ResolutionRejected', data: { centreId, resolutionId: 'r1', tally: { for: 1, against: 2, abstained: 0 } } }];
    given(boardDecider, rejected).when(cmd('RecordDissent', { resolutionId: 'r1' }, as('a'))).then([{ type: 'DissentRecorded', data: { centreId, resolutionId: 'r1', memberId: 'a' } }]);
    given(boardDecider, rejected).when(cmd('RecordDissent', { resolutionId: 'r1' }, as('b'))).thenError(RuleViolation, 'voted_with_outcome');
  });
});

describe('minutes', () => {
  const decided: BoardEvent[] = [...full, meeting, attended(['a', 'b', 'e']), proposed, vote('a', 'for'),
    { type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 1, against: 0, abstained: 0 } } }];
  const signed = (memberId: string, complete = false): BoardEvent => ({ type: 'MinutesSigned', data: { centreId, meetingId: 'm1', memberId, complete } });

  it('are signed by the members present, and complete when all of them have signed', () => {
    given(boardDecider, decided).when(cmd('SignMinutes', { meetingId: 'm1' }, as('a'))).then([signed('a')]);
    given(boardDecider, [...decided, signed('a'), signed('b')]).when(cmd('SignMinutes', { meetingId: 'm1' }, as('e'))).then([signed('e', true)]);
    given(boardDecider, decided).when(cmd('SignMinutes', { meetingId: 'm1' }, as('c'))).thenError(Forbidden);
  });

  it('wait until every resolution is decided', () => {
    given(boardDecider, [...full, meeting, attended(['a', 'b', 'e']), proposed]).when(cmd('SignMinutes', { meetingId: 'm1' }, as('a'))).thenError(RuleViolation, 'resolution_not_decided');
  });

  it('cannot change once signed: no new resolution, vote or dissent', () => {
    const afterSigning = [...decided, signed('a')];
    given(boardDecider, afterSigning)
      .when(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r2', title: 'Late', subject: { kind: 'general' } }, as('b')))
      .thenError(Conflict, 'minutes_signed');
    given(boardDecider, afterSigning).when(cmd('RecordDissent', { resolutionId: 'r1' }, as('b'))).thenError(Conflict, 'minutes_signed');
    given(boardDecider, afterSigning).when(cmd('RecordAttendance', { meetingId: 'm1', present: ['a'] })).thenError(Conflict, 'minutes_signed');
  });
});

describe('a member leaving during the meeting', () => {
  const during = '2026-12-01T18:30:00+01:00';
  const at = <C extends BoardCommand>(command: C, when = during): C => ({ ...command, now: when });
  const left = (memberId: string, when = during): BoardEvent => ({ type: 'MemberLeftMeeting', data: { centreId, meetingId: 'm1', memberId, at: when } });
  /** Three of four present, voting begun: a and b have voted. */
  const voting: BoardEvent[] = [...full, meeting, attended(['a', 'b', 'e']), proposed, vote('a', 'for'), vote('b', 'against')];
  const signed = (memberId: string, complete = false): BoardEvent => ({ type: 'MinutesSigned', data: { centreId, meetingId: 'm1', memberId, complete } });

  it('is recorded with its time, by the member leaving, the chair, vice-chair or secretary in the room, or an administrator, once', () => {
    const secretaryA: BoardEvent = { type: 'BoardRoleAssigned', data: { centreId, role: 'secretary', memberId: 'a' } };
    given(boardDecider, [...voting, secretaryA]).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e', at: '2026-12-01T18:10:00+01:00' }, as('a')))).then([left('e', '2026-12-01T18:10:00+01:00')]);
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }, as('e')))).then([left('e')]);
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }))).then([left('e')]);
    given(boardDecider, [...voting, left('e')]).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }))).then([]);
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }, { id: 's', role: 'staff', centreId }))).thenError(Forbidden);
  });

  it('cannot be used to take someone’s vote away: not by another member without a role, nor by one who is not in the room', () => {
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }, as('b')))).thenError(Forbidden);
    // c sits on the board but was not at the meeting; even as chair they record nothing here.
    const chairC: BoardEvent = { type: 'BoardRoleAssigned', data: { centreId, role: 'chair', memberId: 'c' } };
    given(boardDecider, [...voting, chairC]).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }, as('c')))).thenError(Forbidden);
    // A secretary who left records nothing more.
    const secretaryA: BoardEvent = { type: 'BoardRoleAssigned', data: { centreId, role: 'secretary', memberId: 'a' } };
    given(boardDecider, [...voting, secretaryA, left('a')]).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }, as('a')))).thenError(RuleViolation, 'member_left_meeting');
  });

  it('is for after voting began: before the first vote, the attendance is corrected instead', () => {
    given(boardDecider, [...full, meeting, attended(['a', 'b', 'e']), proposed]).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }))).thenError(RuleViolation, 'voting_not_started');
  });

  it('is of a member recorded present, at a time with its zone that is not in the future', () => {
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'c' }))).thenError(InvalidValue, 'invalid_value', { field: 'memberId' });
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e', at: '2026-12-01T19:00:00+01:00' }))).thenError(InvalidValue, 'invalid_value', { field: 'at' });
    given(boardDecider, voting).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e', at: 'snart' }))).thenError(InvalidValue, 'invalid_value', { field: 'at' });
    given(boardDecider, [...full, meeting]).when(at(cmd('RecordDeparture', { meetingId: 'm1', memberId: 'e' }))).thenError(RuleViolation, 'attendance_not_recorded');
  });

  it('does not strand the meeting: the vote is counted among those still present, and the minutes are signed', () => {
    // Without the departure, e's vote is outstanding; with it, the count goes ahead on a's and b's votes.
    given(boardDecider, voting).when(at(cmd('DecideResolution', { resolutionId: 'r1' }, as('a')))).thenError(RuleViolation, 'votes_outstanding');
    given(boardDecider, [...voting, left('e')])
      .when(at(cmd('DecideResolution', { resolutionId: 'r1' }, as('a'))))
      .then([{ type: 'ResolutionRejected', data: { centreId, resolutionId: 'r1', tally: { for: 1, against: 1, abstained: 0 } } }]);
    const rejected: BoardEvent = { type: 'ResolutionRejected', data: { centreId, resolutionId: 'r1', tally: { for: 1, against: 1, abstained: 0 } } };
    // Complete once everyone present at the end has signed; the member who left may sign too.
    given(boardDecider, [...voting, left('e'), rejected, signed('a')]).when(at(cmd('SignMinutes', { meetingId: 'm1' }, as('b')))).then([signed('b', true)]);
    given(boardDecider, [...voting, left('e'), rejected, signed('a'), signed('b', true)]).when(at(cmd('SignMinutes', { meetingId: 'm1' }, as('e')))).then([signed('e', true)]);
  });

  it('what a member voted before leaving stands; after leaving they neither vote nor propose', () => {
    const aLeft = [...full, meeting, attended(['a', 'b', 'e']), proposed, vote('a', 'for'), left('a'), vote('b', 'for'), vote('e', 'against')];
    given(boardDecider, aLeft)
      .when(at(cmd('DecideResolution', { resolutionId: 'r1' }, as('b'))))
      .then([{ type: 'ResolutionAdopted', data: { centreId, resolutionId: 'r1', tally: { for: 2, against: 1, abstained: 0 } } }]);
    const eLeft = [...full, meeting, attended(['a', 'b', 'e']), proposed, left('e')];
    given(boardDecider, eLeft).when(at(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('e')))).thenError(RuleViolation, 'member_left_meeting');
    given(boardDecider, eLeft)
      .when(at(cmd('ProposeResolution', { meetingId: 'm1', resolutionId: 'r2', title: 'Mere', subject: { kind: 'general' } }, as('e'))))
      .thenError(RuleViolation, 'member_left_meeting');
  });

  it('counts for the quorum no more: with fewer than half the seats left, nothing more is decided, and the minutes show the rest undecided', () => {
    const two: BoardEvent[] = [...full, meeting, attended(['a', 'b', 'e']), proposed, vote('a', 'for'), left('b'), left('e')];
    given(boardDecider, two).when(at(cmd('DecideResolution', { resolutionId: 'r1' }, as('a')))).thenError(RuleViolation, 'no_quorum');
    given(boardDecider, [...full, meeting, attended(['a', 'b', 'e']), proposed, left('e')]).when(at(cmd('CastVote', { resolutionId: 'r1', choice: 'for' }, as('a')))).then([vote('a', 'for')]);
    // The meeting can no longer decide r1: its minutes are signed with r1 undecided, instead of never.
    given(boardDecider, two).when(at(cmd('SignMinutes', { meetingId: 'm1' }, as('a')))).then([signed('a', true)]);
  });
});

describe('re-election', () => {
  const reelected = (from: string, how: 'appointed' | 'elected' = 'elected'): BoardEvent => ({ type: 'MemberReelected', data: { centreId, seatId: 'citizen', memberId: 'c', how, from } });
  const chaired: BoardEvent[] = [...full, { type: 'BoardRoleAssigned', data: { centreId, role: 'chair', memberId: 'c' } }];

  it('is the member seated again for a new term: they keep the seat and their roles until the board changes them', () => {
    given(boardDecider, chaired).when(cmd('SeatMember', { seatId: 'citizen', memberId: 'c', how: 'elected', from: '2028-01-01' })).then([reelected('2028-01-01')]);
    const after = [...chaired, reelected('2028-01-01')].reduce(boardDecider.evolve, boardDecider.initialState);
    if (after.status !== 'constituted') throw new Error('constituted');
    expect(after.roles).toEqual({ chair: 'c' });
    expect(after.seats.citizen).toMatchObject({ memberId: 'c', since: '2026-01-01' });
    // The chair re-elected still chairs: assigning the role again to someone else is the board's change.
    given(boardDecider, [...chaired, reelected('2028-01-01')]).when(cmd('AssignBoardRole', { role: 'vice_chair', memberId: 'c' })).thenError(RuleViolation, 'role_held');
  });

  it('changes nothing for the same term again or an earlier one, and is an administrator’s', () => {
    given(boardDecider, [...chaired, reelected('2028-01-01')]).when(cmd('SeatMember', { seatId: 'citizen', memberId: 'c', how: 'elected', from: '2028-01-01' })).then([]);
    given(boardDecider, chaired).when(cmd('SeatMember', { seatId: 'citizen', memberId: 'c', how: 'elected', from: '2026-01-01' })).then([]);
    given(boardDecider, chaired).when(cmd('SeatMember', { seatId: 'citizen', memberId: 'c', how: 'elected', from: '2028-01-01' }, as('c'))).thenError(Forbidden);
  });

  it('is not leaving and joining again: a member who leaves gives up their roles', () => {
    const left: BoardEvent = { type: 'MemberLeftBoard', data: { centreId, seatId: 'citizen', memberId: 'c', on: '2027-12-31' } };
    const rejoined = [...chaired, left, join('citizen', 'c')].reduce(boardDecider.evolve, boardDecider.initialState);
    expect(rejoined.status === 'constituted' && rejoined.roles).toEqual({});
  });
});
