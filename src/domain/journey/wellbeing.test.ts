import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type JourneyCommand, journeyDecider } from './decide.js';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent, PERSONAL_FIELDS } from './journey.js';
import { WHO5_ITEMS, who5Percentage, who5Raw } from './who5.js';

const centreId = 'c0000000-0000-7000-8000-000000000001';
const citizenId = 'b0000000-0000-7000-8000-000000000001';
const journeyId = 'j0000000-0000-7000-8000-000000000001';
const citizen: Principal = { id: citizenId, role: 'citizen' };
const now = '2026-11-23T10:00:00.000Z';

const answer = (scores: readonly number[], principal: Principal = citizen, answerId = 'a-1'): JourneyCommand => ({ type: 'AnswerWellBeing', citizenId, principal, now, data: { answerId, scores } });
const started: JourneyEvent = { type: 'JourneyStarted', data: { journeyId, citizenId, centreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' } };
const answered = (answerId: string, scores: number[]): JourneyEvent => ({ type: 'WellBeingAnswered', data: { answerId, scores, at: now } });

describe('the WHO-5 well-being questions, answered by the citizen themselves', () => {
  it('the citizen answers all five, and it is recorded as they answered, with when', () => {
    given(journeyDecider, [started]).when(answer([5, 4, 3, 0, 1])).then([answered('a-1', [5, 4, 3, 0, 1])]);
  });

  it('they may answer again later, as often as they like: each answer is its own', () => {
    given(journeyDecider, [started, answered('a-1', [1, 1, 1, 1, 1])]).when(answer([2, 2, 2, 2, 2], citizen, 'a-2')).then([answered('a-2', [2, 2, 2, 2, 2])]);
  });

  it('the same answer id twice is refused (a retry is answered by the command path, not recorded again)', () => {
    given(journeyDecider, [started, answered('a-1', [1, 1, 1, 1, 1])]).when(answer([2, 2, 2, 2, 2])).thenError(Conflict, 'well_being_answer_exists');
  });

  it('only the citizen: staff of their centre cannot record it for them, nor can anyone else', () => {
    const staff: Principal = { id: 's-1', role: 'staff', centreId };
    for (const principal of [
      staff,
      { id: 's-2', role: 'staff', centreId: 'c0000000-0000-7000-8000-000000000002' },
      { id: 'b0000000-0000-7000-8000-000000000002', role: 'citizen' },
      { id: 'admin-1', role: 'admin' },
      { id: 'r-1', role: 'researcher' },
      { id: 'board-1', role: 'board_member', centreId },
    ] as Principal[]) {
      given(journeyDecider, [started]).when(answer([3, 3, 3, 3, 3], principal)).thenError(Forbidden);
    }
  });

  it('exactly five answers: fewer or more is refused, naming the field', () => {
    for (const scores of [[], [3, 3, 3, 3], [3, 3, 3, 3, 3, 3]]) {
      given(journeyDecider, [started]).when(answer(scores)).thenError(InvalidValue, 'invalid_value', { field: 'scores' });
    }
  });

  it('each a whole number from 0 to 5: anything else is refused, naming the item', () => {
    for (const [scores, field] of [
      [[6, 3, 3, 3, 3], 'scores.0'],
      [[3, -1, 3, 3, 3], 'scores.1'],
      [[3, 3, 2.5, 3, 3], 'scores.2'],
      [[3, 3, 3, Number.NaN, 3], 'scores.3'],
      [[3, 3, 3, 3, '4' as unknown as number], 'scores.4'],
    ] as const) {
      given(journeyDecider, [started]).when(answer(scores)).thenError(InvalidValue, 'invalid_value', { field });
    }
    // The bounds themselves are answers.
    given(journeyDecider, [started]).when(answer([0, 5, 0, 5, 0])).then([answered('a-1', [0, 5, 0, 5, 0])]);
  });

  it('only on an open journey: not before one is started, not on a closed one, not after erasure', () => {
    given(journeyDecider, []).when(answer([3, 3, 3, 3, 3])).thenError(NotFound, 'journey_not_found');
    given(journeyDecider, [started, { type: 'JourneyClosed', data: { journeyId } }]).when(answer([3, 3, 3, 3, 3])).thenError(Conflict, 'journey_closed');
    given(journeyDecider, [started, { type: 'CitizenErased', data: { citizenId } }]).when(answer([3, 3, 3, 3, 3])).thenError(Conflict, 'citizen_erased');
  });

  it('a journey started again keeps the earlier answers’ ids, so an id is never recorded twice', () => {
    const restarted: JourneyEvent = { type: 'JourneyStarted', data: { journeyId: 'j-2', citizenId, centreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' } };
    given(journeyDecider, [started, answered('a-1', [1, 1, 1, 1, 1]), { type: 'JourneyClosed', data: { journeyId } }, restarted]).when(answer([2, 2, 2, 2, 2])).thenError(Conflict, 'well_being_answer_exists');
  });

  it('the scores are health data: a personal field, sealed under the citizen’s key by the command path', () => {
    expect(PERSONAL_FIELDS.WellBeingAnswered).toEqual(['scores']);
    expect(journeyDecider.personal?.fields.WellBeingAnswered).toEqual(['scores']);
    expect(journeyDecider.personal?.subjectOf(answer([1, 1, 1, 1, 1]) as never)).toBe(citizenId);
    expect(JOURNEY_EVENT_SCHEMA_VERSIONS.WellBeingAnswered).toBe(1);
  });

  it('the scoring: raw 0–25, the percentage the raw score times 4', () => {
    expect(WHO5_ITEMS).toHaveLength(5);
    expect(who5Raw([0, 0, 0, 0, 0])).toBe(0);
    expect(who5Raw([5, 5, 5, 5, 5])).toBe(25);
    expect(who5Raw([5, 4, 3, 0, 1])).toBe(13);
    expect(who5Percentage([5, 4, 3, 0, 1])).toBe(52);
    expect(who5Percentage([5, 5, 5, 5, 5])).toBe(100);
  });
});
