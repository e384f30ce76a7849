import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_EVENT_SCHEMA_VERSIONS, type BoardEvent, boardStreamId } from '../../src/domain/board/board.js';
import { newId } from '../../src/ids.js';
import { ERASED } from '../../src/privacy/sealed.js';
import { boardProjection } from '../../src/projections/board/projection.js';
import { boardOf, holdsSeat, resolutionsOf } from '../../src/projections/board/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { admin } from './histories.js';

const specs = projectionSpecs(boardProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

/**
 * A board's first months: constituted, a partner seat added and another removed, members seated,
 * roles given, one member leaving (and their role with them); a meeting that approves a budget
 * with a dissent and signed minutes, and a second meeting still open with a rejected and a
 * proposed resolution.
 */
function boardHistory(log: EventLog, centreId = newId()) {
  const board = log.stream<BoardEvent>(boardStreamId(centreId), BOARD_EVENT_SCHEMA_VERSIONS);
  const member = (id: string) => ({ actor: { id, role: 'board_member' }, centreId });
  const at = (day: number, hour = 9) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000+01:00`;
  const seatId = newId();
  const gone = newId();
  const signed = newId();
  const open = newId();
  const [approval, rejected, pending] = [newId(), newId(), newId()];
  const budgetId = newId();
  const tally = { for: 2, against: 0, abstained: 1 };
  const events = [
    board({ type: 'BoardConstituted', data: { centreId } }, { actor: admin, centreId, at: at(2) }),
    board({ type: 'PartnerSeatAdded', data: { centreId, seatId, organisation: 'Nørrebro Idrætsforening' } }, { actor: admin, centreId, at: at(2, 10) }),
    board({ type: 'PartnerSeatAdded', data: { centreId, seatId: gone, organisation: 'Lokal A-kasse' } }, { actor: admin, centreId, at: at(2, 11) }),
    board({ type: 'PartnerSeatRemoved', data: { centreId, seatId: gone } }, { actor: admin, centreId, at: at(2, 12) }),
    board({ type: 'MemberJoinedBoard', data: { centreId, seatId: 'employee', memberId: 'emp-1', how: 'elected', from: '2026-11-01' } }, { actor: admin, centreId, at: at(3) }),
    board({ type: 'MemberJoinedBoard', data: { centreId, seatId: 'citizen', memberId: 'cit-1', how: 'elected', from: '2026-11-01' } }, { actor: admin, centreId, at: at(3) }),
    board({ type: 'MemberJoinedBoard', data: { centreId, seatId, memberId: 'part-1', how: 'appointed', from: '2026-11-02' } }, { actor: admin, centreId, at: at(3) }),
    board({ type: 'BoardRoleAssigned', data: { centreId, role: 'chair', memberId: 'cit-1' } }, { ...member('cit-1'), at: at(4) }),
    board({ type: 'BoardRoleAssigned', data: { centreId, role: 'secretary', memberId: 'part-1' } }, { ...member('cit-1'), at: at(4) }),
    board({ type: 'MeetingConvened', data: { centreId, meetingId: signed, at: '2026-11-10T17:00:00.000+01:00', agenda: ['Budget 2027'] } }, { ...member('cit-1'), at: at(5) }),
    board({ type: 'AttendanceRecorded', data: { centreId, meetingId: signed, present: ['emp-1', 'cit-1', 'part-1'], seats: 3, quorate: true } }, { ...member('cit-1'), at: at(10, 17) }),
    board(
      { type: 'ResolutionProposed', data: { centreId, meetingId: signed, resolutionId: approval, title: 'Budget 2027 godkendes', subject: { kind: 'budget_approval', budgetId, version: 3 }, proposedBy: 'cit-1' } },
      { ...member('cit-1'), at: at(10, 17) },
    ),
    board({ type: 'VoteCast', data: { centreId, resolutionId: approval, memberId: 'emp-1', choice: 'for' } }, { ...member('emp-1'), at: at(10, 18) }),
    board({ type: 'VoteCast', data: { centreId, resolutionId: approval, memberId: 'cit-1', choice: 'for' } }, { ...member('cit-1'), at: at(10, 18) }),
    board({ type: 'VoteCast', data: { centreId, resolutionId: approval, memberId: 'part-1', choice: 'abstain' } }, { ...member('part-1'), at: at(10, 18) }),
    board({ type: 'ResolutionAdopted', data: { centreId, resolutionId: approval, tally } }, { ...member('cit-1'), at: at(10, 18) }),
    board({ type: 'DissentRecorded', data: { centreId, resolutionId: approval, memberId: 'part-1' } }, { ...member('part-1'), at: at(10, 19) }),
    board({ type: 'MinutesSigned', data: { centreId, meetingId: signed, memberId: 'emp-1', complete: false } }, { ...member('emp-1'), at: at(11) }),
    board({ type: 'MinutesSigned', data: { centreId, meetingId: signed, memberId: 'cit-1', complete: false } }, { ...member('cit-1'), at: at(11) }),
    board({ type: 'MinutesSigned', data: { centreId, meetingId: signed, memberId: 'part-1', complete: true } }, { ...member('part-1'), at: at(11) }),
    board({ type: 'MeetingConvened', data: { centreId, meetingId: open, at: '2026-12-01T17:00:00.000+01:00', agenda: ['Åbningstider', 'Mødeplan'] } }, { ...member('cit-1'), at: at(20) }),
    board({ type: 'AttendanceRecorded', data: { centreId, meetingId: open, present: ['emp-1', 'cit-1'], seats: 3, quorate: true } }, { ...member('cit-1'), at: at(20) }),
    board({ type: 'ResolutionProposed', data: { centreId, meetingId: open, resolutionId: rejected, title: 'Lukket om fredagen', subject: { kind: 'general' }, proposedBy: 'emp-1' } }, { ...member('emp-1'), at: at(20) }),
    board({ type: 'VoteCast', data: { centreId, resolutionId: rejected, memberId: 'emp-1', choice: 'for' } }, { ...member('emp-1'), at: at(20) }),
    board({ type: 'VoteCast', data: { centreId, resolutionId: rejected, memberId: 'cit-1', choice: 'against' } }, { ...member('cit-1'), at: at(20) }),
    board({ type: 'ResolutionRejected', data: { centreId, resolutionId: rejected, tally: { for: 1, against: 1, abstained: 0 } } }, { ...member('cit-1'), at: at(20) }),
    board({ type: 'ResolutionProposed', data: { centreId, meetingId: open, resolutionId: pending, title: 'Mødeplan 2027', subject: { kind: 'general' }, proposedBy: 'cit-1' } }, { ...member('cit-1'), at: at(20) }),
    board({ type: 'MinutesSigned', data: { centreId, meetingId: open, memberId: 'emp-1', complete: false } }, { ...member('emp-1'), at: at(21) }),
    board({ type: 'MemberLeftBoard', data: { centreId, seatId, memberId: 'part-1', on: '2026-11-25' } }, { actor: admin, centreId, at: at(25) }),
  ];
  return { centreId, seatId, signed, open, approval, rejected, pending, budgetId, tally, events };
}

describe('board read model', () => {
  it('handles exactly the board events', () => {
    expect([...(boardProjection.handles === 'all' ? [] : boardProjection.handles)].sort()).toEqual(Object.keys(BOARD_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('BoardConstituted makes the board with its employee and citizen seats, empty', async () => {
    const spec = await specs.fresh();
    const h = boardHistory(new EventLog());
    await spec.given([h.events[0]!]);
    expect(await spec.rows('boards')).toEqual([{ centre_id: h.centreId, chair: null, vice_chair: null, secretary: null, individual_votes_public: false, constituted_at: new Date('2026-11-02T09:00:00.000+01:00'), version: 1 }]);
    expect((await spec.rows('board_seats')).map((s) => [s.seat_id, s.kind, s.member_id])).toEqual([
      ['citizen', 'citizen', null],
      ['employee', 'employee', null],
    ]);
  });

  it('keeps seats, roles, meetings and resolutions as the board’s own state has them', async () => {
    const spec = await specs.fresh();
    const h = boardHistory(new EventLog());
    await spec.given(h.events);
    await spec.serve();
    const insider = await boardOf(spec.db, h.centreId, { insider: true });
    expect(insider).toEqual({
      centreId: h.centreId,
      validlyComposed: true,
      individualVotesPublic: false,
      seats: [
        { seatId: 'employee', kind: 'employee', organisation: null, memberId: 'emp-1', since: '2026-11-01', deputyId: null, deputySince: null },
        { seatId: 'citizen', kind: 'citizen', organisation: null, memberId: 'cit-1', since: '2026-11-01', deputyId: null, deputySince: null },
        // The partner left: the seat stays, vacant; the removed seat is gone.
        { seatId: h.seatId, kind: 'partner', organisation: 'Nørrebro Idrætsforening', memberId: null, since: null, deputyId: null, deputySince: null },
      ],
      names: {},
      // The secretary left the board, and the role with them.
      roles: { chair: 'cit-1' },
      meetings: [
        { meetingId: h.signed, at: '2026-11-10T16:00:00.000Z', agenda: ['Budget 2027'], place: null, itemMinutes: {}, recused: {}, present: ['emp-1', 'cit-1', 'part-1'], departed: {}, deputising: {}, documents: {}, quorate: true, signedBy: ['emp-1', 'cit-1', 'part-1'], minutes: 'signed' },
        { meetingId: h.open, at: '2026-12-01T16:00:00.000Z', agenda: ['Åbningstider', 'Mødeplan'], place: null, itemMinutes: {}, recused: {}, present: ['emp-1', 'cit-1'], departed: {}, deputising: {}, documents: {}, quorate: true, signedBy: ['emp-1'], minutes: 'signing' },
      ],
      resolutions: [
        {
          resolutionId: h.approval,
          meetingId: h.signed,
          title: 'Budget 2027 godkendes',
          subject: { kind: 'budget_approval', budgetId: h.budgetId, version: 3 },
          item: null,
          status: 'adopted',
          votes: { 'emp-1': 'for', 'cit-1': 'for', 'part-1': 'abstain' },
          dissents: ['part-1'],
          tally: h.tally,
        },
        { resolutionId: h.rejected, meetingId: h.open, title: 'Lukket om fredagen', subject: { kind: 'general' }, item: null, status: 'rejected', votes: { 'emp-1': 'for', 'cit-1': 'against' }, dissents: [], tally: { for: 1, against: 1, abstained: 0 } },
        { resolutionId: h.pending, meetingId: h.open, title: 'Mødeplan 2027', subject: { kind: 'general' }, item: null, status: 'proposed', votes: {}, dissents: [], tally: null },
      ],
    });
    expect((await spec.rows('boards'))[0]).toMatchObject({ version: h.events.length });
  });

  it('shows the public the signed minutes and what they resolved, and nothing of open business', async () => {
    const spec = await specs.fresh();
    const h = boardHistory(new EventLog());
    await spec.given(h.events);
    await spec.serve();
    const publicView = await boardOf(spec.db, h.centreId, { insider: false });
    expect(publicView?.meetings.map((m) => m.meetingId)).toEqual([h.signed]);
    expect(publicView?.resolutions.map((r) => r.resolutionId)).toEqual([h.approval]);
    expect(publicView?.seats).toHaveLength(3);
    expect(await boardOf(spec.db, newId(), { insider: true })).toBeNull();
  });

  it('shows the public how each member voted only as the rules of procedure say; the counts always', async () => {
    const log = new EventLog();
    const h = boardHistory(log);
    const board = log.stream<BoardEvent>(boardStreamId(h.centreId), BOARD_EVENT_SCHEMA_VERSIONS);
    const by = { actor: { id: 'cit-1', role: 'board_member' }, centreId: h.centreId, at: '2026-12-02T10:00:00.000+01:00' };
    const closed = await specs.fresh();
    await closed.given(h.events);
    await closed.serve();
    const hidden = await boardOf(closed.db, h.centreId, { insider: false });
    // The partner has left the board: the public names them as someone who no longer holds a place.
    expect(hidden?.resolutions.find((r) => r.resolutionId === h.approval)).toMatchObject({ votes: {}, tally: h.tally, dissents: ['former:1'] });
    expect((await boardOf(closed.db, h.centreId, { insider: true }))?.resolutions.find((r) => r.resolutionId === h.approval)?.votes).toEqual({ 'emp-1': 'for', 'cit-1': 'for', 'part-1': 'abstain' });
    const open = await specs.fresh();
    await open.given([...h.events, board({ type: 'VotePublicationSet', data: { centreId: h.centreId, resolutionId: h.approval, individualVotesPublic: true } }, by)]);
    await open.serve();
    const shown = await boardOf(open.db, h.centreId, { insider: false });
    expect(shown).toMatchObject({ individualVotesPublic: true });
    expect(shown?.resolutions.find((r) => r.resolutionId === h.approval)?.votes).toEqual({ 'seat:employee': 'for', 'seat:citizen': 'for', 'former:1': 'abstain' });
    // Only on adopted resolutions: once the other meeting's minutes are signed, its rejected resolution is public with its counts alone.
    await open.given([board({ type: 'MinutesSigned', data: { centreId: h.centreId, meetingId: h.open, memberId: 'cit-1', complete: true } }, by)]);
    await open.serve();
    const rejected = (await boardOf(open.db, h.centreId, { insider: false }))?.resolutions.find((r) => r.resolutionId === h.rejected);
    expect(rejected).toMatchObject({ status: 'rejected', votes: {}, tally: { for: 1, against: 1, abstained: 0 } });
  });

  it('keeps the notice’s place, the resolutions’ agenda items, each item’s minutes (the later text standing) and who is disqualified on which item', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const h = boardHistory(log);
    const board = log.stream<BoardEvent>(boardStreamId(h.centreId), BOARD_EVENT_SCHEMA_VERSIONS);
    const meetingId = newId();
    const resolutionId = newId();
    const by = { actor: { id: 'cit-1', role: 'board_member' }, centreId: h.centreId };
    const at = (hour: number) => `2026-11-30T${String(hour).padStart(2, '0')}:00:00.000+01:00`;
    await spec.given([
      ...h.events.slice(0, -1),
      board({ type: 'MeetingConvened', data: { centreId: h.centreId, meetingId, at: at(17), agenda: ['Dagsorden', 'Lejeaftale'], place: 'Huset, lokale 2' } }, { ...by, at: at(9) }),
      board({ type: 'AttendanceRecorded', data: { centreId: h.centreId, meetingId, present: ['emp-1', 'cit-1', 'part-1'], seats: 3, quorate: true } }, { ...by, at: at(17) }),
      board({ type: 'MemberRecused', data: { centreId: h.centreId, meetingId, item: 2, memberId: 'part-1' } }, { ...by, at: at(18) }),
      board({ type: 'MemberRecused', data: { centreId: h.centreId, meetingId, item: 2, memberId: 'emp-1' } }, { ...by, at: at(18) }),
      board({ type: 'ResolutionProposed', data: { centreId: h.centreId, meetingId, resolutionId, title: 'Lejeaftale', subject: { kind: 'general' }, proposedBy: 'cit-1', item: 2 } }, { ...by, at: at(18) }),
      board({ type: 'ItemMinuted', data: { centreId: h.centreId, meetingId, item: 2, decision: 'Udsat.', reasoning: null } }, { ...by, at: at(19) }),
      board({ type: 'ItemMinuted', data: { centreId: h.centreId, meetingId, item: 2, decision: 'Godkendt.', reasoning: 'Lejen er rimelig.' } }, { ...by, at: at(20) }),
    ]);
    await spec.serve();
    const view = await boardOf(spec.db, h.centreId, { insider: true });
    expect(view?.meetings.find((m) => m.meetingId === meetingId)).toMatchObject({
      place: 'Huset, lokale 2',
      recused: { '2': ['part-1', 'emp-1'] },
      itemMinutes: { '2': { decision: 'Godkendt.', reasoning: 'Lejen er rimelig.' } },
    });
    expect(view?.resolutions.find((r) => r.resolutionId === resolutionId)).toMatchObject({ item: 2 });
  });

  it('keeps who left a meeting and when; minutes signed by everyone present at the end are signed and public', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const h = boardHistory(log);
    const board = log.stream<BoardEvent>(boardStreamId(h.centreId), BOARD_EVENT_SCHEMA_VERSIONS);
    const meetingId = newId();
    const by = { actor: { id: 'cit-1', role: 'board_member' }, centreId: h.centreId };
    const left = '2026-11-30T18:20:00.000+01:00';
    const before = h.events.slice(0, -1); // part-1 still on the board
    const events = [
      ...before,
      board({ type: 'MeetingConvened', data: { centreId: h.centreId, meetingId, at: '2026-11-30T17:00:00.000+01:00', agenda: ['Sommerlukning'] } }, { ...by, at: '2026-11-26T09:00:00.000+01:00' }),
      board({ type: 'AttendanceRecorded', data: { centreId: h.centreId, meetingId, present: ['emp-1', 'cit-1', 'part-1'], seats: 3, quorate: true } }, { ...by, at: '2026-11-30T17:00:00.000+01:00' }),
      board({ type: 'MemberLeftMeeting', data: { centreId: h.centreId, meetingId, memberId: 'part-1', at: left } }, { ...by, at: '2026-11-30T18:21:00.000+01:00' }),
      board({ type: 'MinutesSigned', data: { centreId: h.centreId, meetingId, memberId: 'emp-1', complete: false } }, { actor: { id: 'emp-1', role: 'board_member' }, centreId: h.centreId, at: '2026-12-01T09:00:00.000+01:00' }),
    ];
    const signing = async (upTo: typeof events) => {
      const s = await specs.fresh();
      await s.given(upTo);
      await s.serve();
      return s;
    };
    const halfway = await signing(events);
    expect((await boardOf(halfway.db, h.centreId, { insider: true }))?.meetings.find((m) => m.meetingId === meetingId)).toMatchObject({ departed: { 'part-1': left }, minutes: 'signing' });
    const done = [...events, board({ type: 'MinutesSigned', data: { centreId: h.centreId, meetingId, memberId: 'cit-1', complete: true } }, { ...by, at: '2026-12-01T10:00:00.000+01:00' })];
    await spec.given(done);
    await spec.serve();
    expect((await boardOf(spec.db, h.centreId, { insider: true }))?.meetings.find((m) => m.meetingId === meetingId)).toMatchObject({ signedBy: ['emp-1', 'cit-1'], minutes: 'signed' });
    expect((await boardOf(spec.db, h.centreId, { insider: false }))?.meetings.map((m) => m.meetingId)).toContain(meetingId);
  });

  it('an adopted resolution of a meeting whose minutes are not signed yet is public; a rejected one is not', async () => {
    const spec = await specs.fresh();
    const h = boardHistory(new EventLog());
    // Up to the approval's adoption, before any signature.
    const adoptedAt = h.events.findIndex((e) => e.type === 'ResolutionAdopted');
    await spec.given(h.events.slice(0, adoptedAt + 1));
    await spec.serve();
    const publicView = await boardOf(spec.db, h.centreId, { insider: false });
    expect(publicView?.meetings).toEqual([]);
    expect(publicView?.resolutions.map((r) => [r.resolutionId, r.status])).toEqual([[h.approval, 'adopted']]);
  });

  it('answers a budget’s story with the resolutions it names, and who sits now', async () => {
    const spec = await specs.fresh();
    const h = boardHistory(new EventLog());
    await spec.given(h.events);
    await spec.serve();
    expect(await resolutionsOf(spec.db, h.centreId, [h.approval, h.approval, newId()])).toEqual({
      [h.approval]: { title: 'Budget 2027 godkendes', status: 'adopted', meetingId: h.signed, subject: { kind: 'budget_approval', budgetId: h.budgetId, version: 3 } },
    });
    expect(await resolutionsOf(spec.db, newId(), [h.approval])).toEqual({});
    expect(await holdsSeat(spec.db, h.centreId, 'emp-1')).toBe(true);
    expect(await holdsSeat(spec.db, h.centreId, 'part-1')).toBe(false);
  });

  it('keeps each seat’s deputy and who deputised at a meeting, the documents attached (the public sees the published ones of signed minutes) and published names until withdrawn', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const h = boardHistory(log);
    const board = log.stream<BoardEvent>(boardStreamId(h.centreId), BOARD_EVENT_SCHEMA_VERSIONS);
    const meetingId = newId();
    const [kept, internal] = [newId(), newId()];
    const by = { actor: { id: 'admin', role: 'admin' }, centreId: h.centreId };
    const at = (hour: number) => `2026-11-30T${String(hour).padStart(2, '0')}:00:00.000+01:00`;
    const doc = (documentId: string, published: boolean) =>
      board({ type: 'DocumentAttached', data: { centreId: h.centreId, meetingId, item: published ? 1 : null, documentId, title: published ? 'Budget' : 'Tilbud', sha256: (published ? 'a' : 'b').repeat(64), mediaType: 'application/pdf', size: 1234, published } }, { ...by, at: at(10) });
    const sign = (memberId: string, complete: boolean) => board({ type: 'MinutesSigned', data: { centreId: h.centreId, meetingId, memberId, complete } }, { ...by, at: at(20) });
    await spec.given([
      ...h.events,
      board({ type: 'DeputySeated', data: { centreId: h.centreId, seatId: 'employee', deputyId: 'dep-1', how: 'elected', from: '2026-11-15' } }, { ...by, at: at(8) }),
      board({ type: 'DeputySeated', data: { centreId: h.centreId, seatId: h.seatId, deputyId: 'dep-2', how: 'appointed', from: '2026-11-15' } }, { ...by, at: at(8) }),
      board({ type: 'DeputyLeftBoard', data: { centreId: h.centreId, seatId: h.seatId, deputyId: 'dep-2', on: '2026-11-20' } }, { ...by, at: at(8) }),
      board({ type: 'MemberNamePublished', data: { centreId: h.centreId, memberId: 'cit-1', nameId: 'n1', name: 'sealed-1' } }, { ...by, at: at(8) }),
      board({ type: 'MemberNamePublished', data: { centreId: h.centreId, memberId: 'dep-1', nameId: 'n2', name: 'sealed-2' } }, { ...by, at: at(8) }),
      board({ type: 'MemberNamePublished', data: { centreId: h.centreId, memberId: 'emp-1', nameId: 'n3', name: 'sealed-3' } }, { ...by, at: at(8) }),
      board({ type: 'MemberNameWithdrawn', data: { centreId: h.centreId, memberId: 'emp-1', nameId: 'n3' } }, { ...by, at: at(9) }),
      board({ type: 'MeetingConvened', data: { centreId: h.centreId, meetingId, at: at(17), agenda: ['Budget'] } }, { ...by, at: at(9) }),
      doc(kept, true),
      doc(internal, false),
      board({ type: 'AttendanceRecorded', data: { centreId: h.centreId, meetingId, present: ['dep-1', 'cit-1'], seats: 3, quorate: true, deputising: { 'dep-1': 'employee' } } }, { ...by, at: at(17) }),
    ]);
    await spec.serve();
    // Names are opened at query time: one that no longer opens (its key erased) is not shown.
    const open = async (sealed: unknown) => (sealed === 'sealed-1' ? 'Mette Hansen' : sealed === 'sealed-2' ? 'Jonas Berg' : ERASED);
    const insider = await boardOf(spec.db, h.centreId, { insider: true, open });
    expect(insider?.seats.map((s) => [s.seatId, s.deputyId, s.deputySince])).toEqual([
      ['employee', 'dep-1', '2026-11-15'],
      ['citizen', null, null],
      [h.seatId, null, null],
    ]);
    expect(insider?.names).toEqual({ 'cit-1': 'Mette Hansen', 'dep-1': 'Jonas Berg' });
    expect(await boardOf(spec.db, h.centreId, { insider: false })).toMatchObject({ names: {} });
    const meeting = insider?.meetings.find((m) => m.meetingId === meetingId);
    // The deputy sits in the employee seat for the meeting: two of three seats, quorate now.
    expect(meeting).toMatchObject({ deputising: { 'dep-1': 'employee' }, quorate: true });
    expect(Object.keys(meeting?.documents ?? {}).sort()).toEqual([kept, internal].sort());
    expect(meeting?.documents[kept]).toEqual({ documentId: kept, item: 1, title: 'Budget', sha256: 'a'.repeat(64), mediaType: 'application/pdf', size: 1234, published: true });
    // Signed, the meeting is public with its published document only.
    await spec.given([sign('dep-1', false), sign('cit-1', true)]);
    await spec.serve();
    const publicView = await boardOf(spec.db, h.centreId, { insider: false });
    expect(Object.keys(publicView?.meetings.find((m) => m.meetingId === meetingId)?.documents ?? {})).toEqual([kept]);
  });

  it('the same rows whatever the batches', async () => {
    await specs.expectSameRowsForEverySplit(boardHistory(new EventLog()).events);
  });
});
