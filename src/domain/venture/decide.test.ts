import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { OPEN_MILESTONES_MAX, type VentureCommand, ventureDecider } from './decide.js';
import { evolve, initialState, progressSummary, survivalAt, VENTURE_EVENT_SCHEMA_VERSIONS, VENTURE_PERSONAL_FIELDS, type VentureEvent, ventureStreamId } from './venture.js';

const centreId = 'c0000000-0000-7000-8000-000000000001';
const otherCentreId = 'c0000000-0000-7000-8000-000000000002';
const citizenId = 'b0000000-0000-7000-8000-000000000001';
const citizen: Principal = { id: citizenId, role: 'citizen' };
const others: Principal[] = [
  { id: 'b0000000-0000-7000-8000-000000000002', role: 'citizen' },
  { id: 's-1', role: 'staff', centreId },
  { id: 'p-1', role: 'partner', centreId },
  { id: 'm-1', role: 'board_member', centreId },
  { id: 'r-1', role: 'researcher' },
  { id: 'x-1', role: 'auditor' },
  { id: 'a-1', role: 'admin' },
];
const now = '2026-11-23T10:00:00.000Z'; // 2026-Q4
const joinedAt = '2025-03-10T09:00:00.000Z'; // 2025-Q1

const cmd = <T extends VentureCommand['type']>(type: T, data: Extract<VentureCommand, { type: T }>['data'], at = now, principal: Principal = citizen) =>
  ({ type, data, principal, now: at, citizenId }) as Extract<VentureCommand, { type: T }>;

const joined: VentureEvent = { type: 'TrackJoined', data: { citizenId, centreId, businessIdea: 'Et lille bageri med surdejsbrød', at: joinedAt } };
const left: VentureEvent = { type: 'TrackLeft', data: { reason: null, at: '2026-01-05T09:00:00.000Z' } };
const setM = (milestoneId: string, at = '2025-04-01T09:00:00.000Z'): VentureEvent => ({ type: 'MilestoneSet', data: { milestoneId, text: 'Lave en budgetplan', hopedFor: '2025-06', at } });
const reached = (milestoneId: string): VentureEvent => ({ type: 'MilestoneReached', data: { milestoneId, at: '2025-06-02T09:00:00.000Z' } });
const removed = (milestoneId: string): VentureEvent => ({ type: 'MilestoneRemoved', data: { milestoneId } });
const started = (startedOn = '2025-05-01', hasCvr?: boolean): VentureEvent => ({
  type: 'BusinessStartRecorded',
  data: { startedOn, ...(hasCvr === undefined ? {} : { hasCvr }), at: '2025-05-02T09:00:00.000Z' },
});
const survived = (years: 1 | 2 | 3, running: boolean, at: string, startedOn = '2025-05-01'): VentureEvent => ({ type: 'SurvivalReported', data: { years, running, startedOn, at } });
const checkIn = (quarter: string, status: 'not_started' | 'running' | 'paused' | 'closed', at: string, note: string | null = null): VentureEvent => ({
  type: 'CheckInRecorded',
  data: { quarter, status, note, at },
});
const stateOf = (events: VentureEvent[]) => events.reduce(ventureDecider.evolve, ventureDecider.initialState);

const everyCommand: VentureCommand[] = [
  cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false }),
  cmd('LeaveTrack', {}),
  cmd('SetMilestone', { milestoneId: 'm-1', text: 'Et mål' }),
  cmd('ReviseMilestone', { milestoneId: 'm-1', text: 'Et mål' }),
  cmd('MarkMilestoneReached', { milestoneId: 'm-1' }),
  cmd('RemoveMilestone', { milestoneId: 'm-1' }),
  cmd('RecordCheckIn', { quarter: '2026-Q4', status: 'running' }),
  cmd('RecordBusinessStarted', { startedOn: '2025-05-01' }),
  cmd('ReportSurvival', { years: 1, running: true }),
];

describe('the track is the citizen’s own', () => {
  it('refuses every command from anyone else, staff and administrators included, before telling whether a track exists', () => {
    for (const command of everyCommand) {
      for (const principal of others) {
        given(ventureDecider).when({ ...command, principal }).thenError(Forbidden, 'forbidden');
        given(ventureDecider, [joined, setM('m-1'), started()]).when({ ...command, principal }).thenError(Forbidden, 'forbidden');
      }
    }
  });

  it('keeps one track per citizen, at the centre it is joined at, with the citizen’s words sealed under their own key', () => {
    const join = cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false });
    expect(ventureDecider.streamId(join)).toBe(`venture-${citizenId}`);
    expect(ventureStreamId(citizenId)).toBe(`venture-${citizenId}`);
    expect(ventureDecider.centreOf?.(stateOf([joined]), cmd('JoinTrack', { centreId: otherCentreId, centreKnown: true, citizenErased: false }))).toBe(otherCentreId);
    expect(ventureDecider.centreOf?.(stateOf([joined]), cmd('LeaveTrack', {}))).toBe(centreId);
    expect(ventureDecider.personal?.subjectOf(join)).toBe(citizenId);
    expect(VENTURE_PERSONAL_FIELDS).toMatchObject({ TrackJoined: ['businessIdea'], TrackLeft: ['reason'], MilestoneSet: ['text'], MilestoneRevised: ['text'], CheckInRecorded: ['note'] });
    expect(Object.keys(VENTURE_EVENT_SCHEMA_VERSIONS).sort()).toEqual(Object.keys(VENTURE_PERSONAL_FIELDS).sort());
  });

  it('has no field for a deadline, a due date, income, revenue, a CVR number or benefits', () => {
    const events = [joined, left, setM('m-1'), reached('m-1'), removed('m-1'), checkIn('2026-Q1', 'running', now), started('2025-05-01', true), survived(1, true, now)];
    for (const event of events) expect(Object.keys(event.data).join(' '), event.type).not.toMatch(/deadline|due|income|revenue|turnover|cvrNumber|benefit|allowance|sanction|reminder|missed/i);
  });
});

describe('joining the track', () => {
  it('records the centre and the business idea in the citizen’s words, tidied', () => {
    given(ventureDecider)
      .when(cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false, businessIdea: '  Et lille   bageri med surdejsbrød ' }, joinedAt))
      .then([joined]);
    given(ventureDecider).when(cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false })).then([{ type: 'TrackJoined', data: { citizenId, centreId, businessIdea: null, at: now } }]);
    given(ventureDecider).when(cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false, businessIdea: '   ' })).then([{ type: 'TrackJoined', data: { citizenId, centreId, businessIdea: null, at: now } }]);
  });

  it('refuses an unknown centre, a track joined already, and an idea too long', () => {
    given(ventureDecider).when(cmd('JoinTrack', { centreId, centreKnown: false, citizenErased: false })).thenError(NotFound, 'centre_not_found', { centreId });
    given(ventureDecider, [joined]).when(cmd('JoinTrack', { centreId: otherCentreId, centreKnown: true, citizenErased: false })).thenError(Conflict, 'track_joined');
    given(ventureDecider).when(cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false, businessIdea: 'x'.repeat(2001) })).thenError(InvalidValue, 'invalid_value', { field: 'businessIdea' });
  });

  it('takes the citizen’s own words as they are, as their goals: never refused for what they say', () => {
    const events = ventureDecider.decide(cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: false, businessIdea: 'Søge iværksætterydelse' }), initialState);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'TrackJoined', data: { businessIdea: 'Søge iværksætterydelse' } });
  });

  it('may be joined again after leaving, at any centre: a new membership, the earlier kept, with all recorded before', () => {
    const again: VentureEvent = { type: 'TrackJoined', data: { citizenId, centreId: otherCentreId, businessIdea: null, at: now } };
    given(ventureDecider, [joined, setM('m-1'), left]).when(cmd('JoinTrack', { centreId: otherCentreId, centreKnown: true, citizenErased: false })).then([again]);
    const summary = progressSummary(stateOf([joined, setM('m-1'), left, again]))!;
    expect(summary.status).toBe('joined');
    expect(summary.memberships).toEqual([
      { centreId, joinedAt, businessIdea: 'Et lille bageri med surdejsbrød', leftAt: left.data.at, leftReason: null },
      { centreId: otherCentreId, joinedAt: now, businessIdea: null, leftAt: null, leftReason: null },
    ]);
    expect(summary.milestones.map((m) => m.milestoneId)).toEqual(['m-1']);
  });
});

describe('leaving the track', () => {
  it('is possible at any time, with no reason needed, or one in the citizen’s words', () => {
    given(ventureDecider, [joined]).when(cmd('LeaveTrack', {})).then([{ type: 'TrackLeft', data: { reason: null, at: now } }]);
    given(ventureDecider, [joined]).when(cmd('LeaveTrack', { reason: ' Jeg har fået et job ' })).then([{ type: 'TrackLeft', data: { reason: 'Jeg har fået et job', at: now } }]);
  });

  it('changes nothing when the track is left already; there is nothing to leave without joining', () => {
    given(ventureDecider, [joined, left]).when(cmd('LeaveTrack', {})).thenNothing();
    given(ventureDecider).when(cmd('LeaveTrack', {})).thenError(NotFound, 'track_not_found', { citizenId });
  });

  it('ends milestones and check-ins until the citizen joins again; the business’s facts are still theirs to give', () => {
    const after = [joined, setM('m-1'), started(), left];
    for (const command of everyCommand.slice(2, 7)) given(ventureDecider, after).when(command).thenError(Conflict, 'track_left');
    given(ventureDecider, after).when(cmd('RecordBusinessStarted', { startedOn: '2025-06-01' })).then([{ type: 'BusinessStartRecorded', data: { startedOn: '2025-06-01', at: now } }]);
    given(ventureDecider, after).when(cmd('ReportSurvival', { years: 1, running: true })).then([survived(1, true, now)]);
  });

  it('refuses everything but joining before the citizen joined', () => {
    for (const command of everyCommand.slice(1)) given(ventureDecider).when(command).thenError(NotFound, 'track_not_found');
  });
});

describe('milestones the citizen sets', () => {
  it('are set in their words, with a month they hope for if they choose one', () => {
    given(ventureDecider, [joined])
      .when(cmd('SetMilestone', { milestoneId: 'm-1', text: ' Lave en  budgetplan', hopedFor: '2025-06' }, '2025-04-01T09:00:00.000Z'))
      .then([setM('m-1')]);
    given(ventureDecider, [joined]).when(cmd('SetMilestone', { milestoneId: 'm-2', text: 'Første kunde' })).then([{ type: 'MilestoneSet', data: { milestoneId: 'm-2', text: 'Første kunde', hopedFor: null, at: now } }]);
  });

  it('refuses a month that is not YYYY-MM, empty or overlong words, and an id used before', () => {
    for (const hopedFor of ['2027-13', '2027-3', '2027-03-01', 'marts']) {
      given(ventureDecider, [joined]).when(cmd('SetMilestone', { milestoneId: 'm-1', text: 'Mål', hopedFor })).thenError(InvalidValue, 'invalid_value', { field: 'hopedFor' });
    }
    given(ventureDecider, [joined]).when(cmd('SetMilestone', { milestoneId: 'm-1', text: '  ' })).thenError(InvalidValue, 'invalid_value', { field: 'text' });
    given(ventureDecider, [joined]).when(cmd('SetMilestone', { milestoneId: 'm-1', text: 'x'.repeat(501) })).thenError(InvalidValue, 'invalid_value', { field: 'text' });
    given(ventureDecider, [joined, setM('m-1')]).when(cmd('SetMilestone', { milestoneId: 'm-1', text: 'Mål' })).thenError(Conflict, 'milestone_exists', { milestoneId: 'm-1' });
    given(ventureDecider, [joined, setM('m-1'), removed('m-1')]).when(cmd('SetMilestone', { milestoneId: 'm-1', text: 'Mål' })).thenError(Conflict, 'milestone_exists');
    expect(ventureDecider.decide(cmd('SetMilestone', { milestoneId: 'm-1', text: 'Deadline for hjemmesiden' }), [joined].reduce(evolve, initialState))).toHaveLength(1);
  });

  it(`are at most ${OPEN_MILESTONES_MAX} open at a time; reached and removed ones do not count`, () => {
    const full = [joined, ...Array.from({ length: OPEN_MILESTONES_MAX }, (_, i) => setM(`m-${i}`))];
    given(ventureDecider, full).when(cmd('SetMilestone', { milestoneId: 'm-new', text: 'Mål' })).thenError(RuleViolation, 'open_milestones_limit', { max: OPEN_MILESTONES_MAX });
    for (const freed of [reached('m-0'), removed('m-0')]) given(ventureDecider, [...full, freed]).when(cmd('SetMilestone', { milestoneId: 'm-new', text: 'Mål' })).then([{ type: 'MilestoneSet', data: { milestoneId: 'm-new', text: 'Mål', hopedFor: null, at: now } }]);
  });

  it('are revised, open or reached, the month left out cleared', () => {
    const revised: VentureEvent = { type: 'MilestoneRevised', data: { milestoneId: 'm-1', text: 'Lave et budget', hopedFor: null } };
    given(ventureDecider, [joined, setM('m-1')]).when(cmd('ReviseMilestone', { milestoneId: 'm-1', text: 'Lave et budget' })).then([revised]);
    given(ventureDecider, [joined, setM('m-1'), reached('m-1')]).when(cmd('ReviseMilestone', { milestoneId: 'm-1', text: 'Lave et budget', hopedFor: '2025-05' })).then([{ ...revised, data: { ...revised.data, hopedFor: '2025-05' } }] as VentureEvent[]);
    const summary = progressSummary(stateOf([joined, setM('m-1'), reached('m-1'), revised]))!;
    expect(summary.milestones).toEqual([{ milestoneId: 'm-1', text: 'Lave et budget', hopedFor: null, status: 'reached', setAt: '2025-04-01T09:00:00.000Z', reachedAt: '2025-06-02T09:00:00.000Z' }]);
  });

  it('are marked reached once; a second time changes nothing', () => {
    given(ventureDecider, [joined, setM('m-1')]).when(cmd('MarkMilestoneReached', { milestoneId: 'm-1' })).then([{ type: 'MilestoneReached', data: { milestoneId: 'm-1', at: now } }]);
    given(ventureDecider, [joined, setM('m-1'), reached('m-1')]).when(cmd('MarkMilestoneReached', { milestoneId: 'm-1' })).thenNothing();
  });

  it('are removed, open or reached, and are gone from the summary', () => {
    given(ventureDecider, [joined, setM('m-1')]).when(cmd('RemoveMilestone', { milestoneId: 'm-1' })).then([removed('m-1')]);
    given(ventureDecider, [joined, setM('m-1'), reached('m-1')]).when(cmd('RemoveMilestone', { milestoneId: 'm-1' })).then([removed('m-1')]);
    expect(progressSummary(stateOf([joined, setM('m-1'), removed('m-1')]))!.milestones).toEqual([]);
  });

  it('refuses a milestone that is not there or was removed, also one named like an inherited property', () => {
    for (const command of [cmd('ReviseMilestone', { milestoneId: 'constructor', text: 'Mål' }), cmd('MarkMilestoneReached', { milestoneId: 'm-9' }), cmd('RemoveMilestone', { milestoneId: 'm-9' })]) {
      given(ventureDecider, [joined]).when(command).thenError(NotFound, 'milestone_not_found');
    }
    for (const command of everyCommand.slice(3, 6)) given(ventureDecider, [joined, setM('m-1'), removed('m-1')]).when(command).thenError(NotFound, 'milestone_not_found', { milestoneId: 'm-1' });
  });
});

describe('voluntary quarterly check-ins', () => {
  it('are the citizen’s own, for this quarter or an earlier one since they joined', () => {
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2026-Q4', status: 'running', note: ' Godt i gang ' })).then([checkIn('2026-Q4', 'running', now, 'Godt i gang')]);
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2025-Q1', status: 'not_started' })).then([checkIn('2025-Q1', 'not_started', now)]);
  });

  it('refuses a quarter to come, one before the citizen first joined, or not written YYYY-Qn', () => {
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2027-Q1', status: 'running' })).thenError(InvalidValue, 'invalid_value', { field: 'quarter' });
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2024-Q4', status: 'running' })).thenError(InvalidValue, 'invalid_value', { field: 'quarter' });
    for (const quarter of ['2026-Q5', '2026-Q0', '2026Q1', '2026-q1', '2026-4']) given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter, status: 'running' })).thenError(InvalidValue, 'invalid_value', { field: 'quarter' });
  });

  it('take the quarter from the Danish date of the moment: a new quarter begins at midnight in Copenhagen', () => {
    // 1 January 2027, 00:30 in Copenhagen (CET), still 31 December in UTC.
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2027-Q1', status: 'running' }, '2026-12-31T23:30:00.000Z')).then([checkIn('2027-Q1', 'running', '2026-12-31T23:30:00.000Z')]);
    // 30 June 2026, 23:30 in Copenhagen (CEST): the third quarter has not begun.
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2026-Q3', status: 'running' }, '2026-06-30T21:30:00.000Z')).thenError(InvalidValue, 'invalid_value', { field: 'quarter' });
  });

  it('refuses a status outside the declared ones', () => {
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2026-Q4', status: 'sanctioned' })).thenError(InvalidValue, 'invalid_value', { field: 'status' });
    given(ventureDecider, [joined]).when(cmd('RecordCheckIn', { quarter: '2026-Q4', status: 'running', note: 'x'.repeat(2001) })).thenError(InvalidValue, 'invalid_value', { field: 'note' });
  });

  it('are replaced by a later one for the same quarter: a new event, the later stands; a quarter skipped is not marked', () => {
    const first = checkIn('2026-Q3', 'running', '2026-07-10T09:00:00.000Z');
    given(ventureDecider, [joined, first]).when(cmd('RecordCheckIn', { quarter: '2026-Q3', status: 'paused' })).then([checkIn('2026-Q3', 'paused', now)]);
    const summary = progressSummary(stateOf([joined, checkIn('2025-Q2', 'not_started', '2025-06-01T09:00:00.000Z'), first, checkIn('2026-Q3', 'paused', now)]))!;
    expect(summary.checkIns).toEqual([
      { quarter: '2025-Q2', status: 'not_started', note: null, recordedAt: '2025-06-01T09:00:00.000Z' },
      { quarter: '2026-Q3', status: 'paused', note: null, recordedAt: now },
    ]);
  });
});

describe('when the business started', () => {
  it('is the day the citizen says, with whether it has a CVR number if they say so, never the number', () => {
    given(ventureDecider, [joined]).when(cmd('RecordBusinessStarted', { startedOn: '2025-05-01', hasCvr: true }, '2025-05-02T09:00:00.000Z')).then([started('2025-05-01', true)]);
    given(ventureDecider, [joined]).when(cmd('RecordBusinessStarted', { startedOn: '2025-05-01' }, '2025-05-02T09:00:00.000Z')).then([started()]);
  });

  it('is today or earlier in Denmark, written YYYY-MM-DD', () => {
    given(ventureDecider, [joined]).when(cmd('RecordBusinessStarted', { startedOn: '2026-11-24' })).thenError(InvalidValue, 'invalid_value', { field: 'startedOn' });
    for (const startedOn of ['2025-02-30', '01-05-2025', '2025-05-01T00:00:00Z']) given(ventureDecider, [joined]).when(cmd('RecordBusinessStarted', { startedOn })).thenError(InvalidValue, 'invalid_value', { field: 'startedOn' });
    // 00:30 on 1 January 2027 in Copenhagen: that day has begun.
    given(ventureDecider, [joined]).when(cmd('RecordBusinessStarted', { startedOn: '2027-01-01' }, '2026-12-31T23:30:00.000Z')).then([{ type: 'BusinessStartRecorded', data: { startedOn: '2027-01-01', at: '2026-12-31T23:30:00.000Z' } }]);
  });

  it('is corrected by recording it again; the same again changes nothing', () => {
    given(ventureDecider, [joined, started('2025-05-01', true)]).when(cmd('RecordBusinessStarted', { startedOn: '2025-05-01', hasCvr: true })).thenNothing();
    given(ventureDecider, [joined, started('2025-05-01', true)]).when(cmd('RecordBusinessStarted', { startedOn: '2025-04-01', hasCvr: true })).then([{ type: 'BusinessStartRecorded', data: { startedOn: '2025-04-01', hasCvr: true, at: now } }]);
    given(ventureDecider, [joined, started('2025-05-01')]).when(cmd('RecordBusinessStarted', { startedOn: '2025-05-01', hasCvr: false })).then([{ type: 'BusinessStartRecorded', data: { startedOn: '2025-05-01', hasCvr: false, at: now } }]);
  });
});

describe('whether the business survives', () => {
  const history = [joined, started()];

  it('is said by the citizen once that anniversary of the start has come, with the start it answers to', () => {
    given(ventureDecider, history).when(cmd('ReportSurvival', { years: 1, running: true }, '2026-05-01T08:00:00.000Z')).then([survived(1, true, '2026-05-01T08:00:00.000Z')]);
    given(ventureDecider, history).when(cmd('ReportSurvival', { years: 2, running: true })).thenError(RuleViolation, 'anniversary_not_come', { years: 2 });
    // 30 April 2026, 23:30 in Copenhagen: the first year is not over yet.
    given(ventureDecider, history).when(cmd('ReportSurvival', { years: 1, running: true }, '2026-04-30T21:30:00.000Z')).thenError(RuleViolation, 'anniversary_not_come');
  });

  it('for a start on 29 February, has its anniversary on 1 March', () => {
    const leap = [joined, started('2024-02-29')];
    given(ventureDecider, leap).when(cmd('ReportSurvival', { years: 1, running: true }, '2025-02-28T12:00:00.000Z')).thenError(RuleViolation, 'anniversary_not_come');
    given(ventureDecider, leap).when(cmd('ReportSurvival', { years: 1, running: true }, '2025-03-01T12:00:00.000Z')).then([survived(1, true, '2025-03-01T12:00:00.000Z', '2024-02-29')]);
  });

  it('needs the business start first, and a year of 1, 2 or 3', () => {
    given(ventureDecider, [joined]).when(cmd('ReportSurvival', { years: 1, running: true })).thenError(RuleViolation, 'business_start_not_recorded');
    for (const years of [0, 4, 1.5]) given(ventureDecider, history).when(cmd('ReportSurvival', { years, running: true })).thenError(InvalidValue, 'invalid_value', { field: 'years' });
  });

  it('is replaced by a later answer for the same year, and read as running, not running or unknown', () => {
    const answered = [...history, survived(1, true, '2026-05-03T09:00:00.000Z')];
    given(ventureDecider, answered).when(cmd('ReportSurvival', { years: 1, running: false })).then([survived(1, false, now)]);
    expect(survivalAt(stateOf(answered), 1)).toBe('running');
    expect(survivalAt(stateOf([...answered, survived(1, false, now)]), 1)).toBe('not_running');
    expect(survivalAt(stateOf(answered), 2)).toBe('unknown');
    expect(survivalAt(stateOf([]), 1)).toBe('unknown');
  });

  it('keeps, when the start is corrected, only the answers whose anniversary of the new start had come when given', () => {
    const answered = [...history, survived(1, true, '2026-05-03T09:00:00.000Z')];
    expect(survivalAt(stateOf([...answered, started('2025-04-01')]), 1)).toBe('running');
    expect(survivalAt(stateOf([...answered, started('2025-06-01')]), 1)).toBe('unknown');
  });
});

describe('the citizen’s progress summary', () => {
  it('holds their own track, to download and send wherever they choose', () => {
    const state = stateOf([joined, setM('m-2', '2025-05-01T09:00:00.000Z'), setM('m-1'), reached('m-1'), checkIn('2025-Q2', 'running', '2025-06-01T09:00:00.000Z', 'Første salg'), started('2025-05-01', true), survived(1, true, '2026-05-03T09:00:00.000Z')]);
    expect(progressSummary(state)).toEqual({
      citizenId,
      status: 'joined',
      memberships: [{ centreId, joinedAt, businessIdea: 'Et lille bageri med surdejsbrød', leftAt: null, leftReason: null }],
      milestones: [
        { milestoneId: 'm-1', text: 'Lave en budgetplan', hopedFor: '2025-06', status: 'reached', setAt: '2025-04-01T09:00:00.000Z', reachedAt: '2025-06-02T09:00:00.000Z' },
        { milestoneId: 'm-2', text: 'Lave en budgetplan', hopedFor: '2025-06', status: 'open', setAt: '2025-05-01T09:00:00.000Z', reachedAt: null },
      ],
      checkIns: [{ quarter: '2025-Q2', status: 'running', note: 'Første salg', recordedAt: '2025-06-01T09:00:00.000Z' }],
      businessStart: { startedOn: '2025-05-01', hasCvr: true, recordedAt: '2025-05-02T09:00:00.000Z' },
      survival: [{ years: 1, running: true, reportedAt: '2026-05-03T09:00:00.000Z' }],
    });
  });

  it('is nothing for a citizen who never joined', () => {
    expect(progressSummary(stateOf([]))).toBeNull();
  });
});

describe('erasing the citizen', () => {
  const admin: Principal = { id: 'a-1', role: 'admin' };
  const erase = (principal: Principal = admin) => cmd('EraseTrack', {}, now, principal);
  const erased: VentureEvent = { type: 'TrackErased', data: { at: now } };

  it('ends the track as the administrator’s act, the open membership with it', () => {
    given(ventureDecider, [joined, setM('m-1')]).when(erase()).then([erased]);
    const after = stateOf([joined, setM('m-1'), erased]);
    expect(after.status).toBe('left');
    expect(after.status !== 'none' && after.memberships.at(-1)?.leftAt).toBe(now);
    // A track left before keeps the day it was left.
    const leftBefore = stateOf([joined, left, erased]);
    expect(leftBefore.status !== 'none' && leftBefore.memberships.at(-1)?.leftAt).toBe(left.data.at);
  });

  it('changes nothing for a citizen who never joined, or erased already', () => {
    given(ventureDecider).when(erase()).then([]);
    given(ventureDecider, [joined, erased]).when(erase()).then([]);
  });

  it('is the administrator’s, never the citizen’s or anyone else’s', () => {
    for (const principal of [citizen, ...others.filter((o) => o.role !== 'admin')]) given(ventureDecider, [joined]).when(erase(principal)).thenError(Forbidden, 'forbidden');
  });

  it('refuses the erased citizen everything on the track afterwards, and joining it at all', () => {
    for (const command of everyCommand) given(ventureDecider, [joined, setM('m-1'), started(), erased]).when(command).thenError(Conflict, 'citizen_erased');
    given(ventureDecider).when(cmd('JoinTrack', { centreId, centreKnown: true, citizenErased: true })).thenError(Conflict, 'citizen_erased');
  });

  it('still tells only the citizen anything: others are refused before the erasure is told', () => {
    for (const command of everyCommand) for (const principal of others) given(ventureDecider, [joined, erased]).when({ ...command, principal }).thenError(Forbidden, 'forbidden');
  });
});
