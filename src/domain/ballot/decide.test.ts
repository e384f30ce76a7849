import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type BallotEvent, evolve, initialState } from './ballot.js';
import { type BallotCommand, ballotDecider } from './decide.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const ballotId = 'v1';
const now = '2026-11-22T09:00:00.000+01:00';
const later = '2026-11-30T09:00:00.000+01:00';
const closesAt = '2026-11-29T16:00:00+01:00';
const staff = (id: string, centre = centreId): Principal => ({ id, role: 'staff', centreId: centre });
const cmd = <T extends BallotCommand['type']>(type: T, data: object, principal: Principal, at = now) =>
  ({ type, now: at, principal, data: { centreId, ballotId, ...data } }) as Extract<BallotCommand, { type: T }>;
const opened: BallotEvent = { type: 'SpokespersonBallotOpened', data: { ballotId, centreId, candidates: ['anna', 'bo'], closesAt } };
const voted = (voterId: string, candidateId: string): BallotEvent => ({ type: 'SpokespersonVoteCast', data: { ballotId, voterId, candidateId } });
const elected = (spokespersonId: string, tally: { candidateId: string; votes: number }[]): BallotEvent => ({ type: 'SpokespersonElected', data: { ballotId, centreId, spokespersonId, tally } });

describe('the spokesperson ballot', () => {
  it('is opened by the centre’s staff with staff standing and a time when voting ends; one at a time', () => {
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna', 'bo', 'anna'], closesAt }, staff('x'))).then([opened]);
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: [], closesAt }, staff('x'))).thenError(InvalidValue);
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna'], closesAt: now }, staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'closesAt' });
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna'], closesAt }, { id: 'b', role: 'board_member', centreId })).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('OpenSpokespersonBallot', { ballotId: 'v2', candidates: ['anna'], closesAt }, staff('x'))).thenError(Conflict, 'ballot_open');
  });

  it('takes one vote per staff member of the centre, for a candidate, while voting runs', () => {
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, staff('x'))).then([voted('x', 'bo')]);
    given(ballotDecider, [opened, voted('x', 'bo')]).when(cmd('CastSpokespersonVote', { candidateId: 'anna' }, staff('x'))).thenError(Conflict, 'already_voted');
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'carl' }, staff('x'))).thenError(InvalidValue);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, staff('x', 'other'))).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, { id: 'a', role: 'admin' })).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, staff('x'), later)).thenError(Conflict, 'ballot_closed');
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { ballotId: 'constructor', candidateId: 'bo' }, staff('x'))).thenError(NotFound);
  });

  it('records the result when voting is over: the most votes win; a tie, or no votes, elects nobody', () => {
    given(ballotDecider, [opened, voted('x', 'bo')]).when(cmd('CloseSpokespersonBallot', {}, staff('x'))).thenError(RuleViolation, 'ballot_still_open');
    given(ballotDecider, [opened, voted('x', 'bo'), voted('y', 'bo'), voted('z', 'anna')]).when(cmd('CloseSpokespersonBallot', {}, staff('x'), later)).then([
      elected('bo', [{ candidateId: 'bo', votes: 2 }, { candidateId: 'anna', votes: 1 }]),
    ]);
    given(ballotDecider, [opened, voted('x', 'bo'), voted('z', 'anna')]).when(cmd('CloseSpokespersonBallot', {}, staff('x'), later)).then([
      { type: 'SpokespersonBallotTied', data: { ballotId, centreId, tally: [{ candidateId: 'anna', votes: 1 }, { candidateId: 'bo', votes: 1 }] } },
    ]);
    given(ballotDecider, [opened]).when(cmd('CloseSpokespersonBallot', {}, staff('x'), later)).then([
      { type: 'SpokespersonBallotTied', data: { ballotId, centreId, tally: [{ candidateId: 'anna', votes: 0 }, { candidateId: 'bo', votes: 0 }] } },
    ]);
  });

  it('keeps the spokesperson in office through a tied ballot, and opens the way for the next ballot', () => {
    const history: BallotEvent[] = [
      opened,
      voted('x', 'bo'),
      elected('bo', [{ candidateId: 'bo', votes: 1 }]),
      { type: 'SpokespersonBallotOpened', data: { ballotId: 'v2', centreId, candidates: ['anna', 'carl'], closesAt } },
      { type: 'SpokespersonBallotTied', data: { ballotId: 'v2', centreId, tally: [] } },
    ];
    const state = history.reduce(evolve, initialState);
    expect(state).toMatchObject({ spokespersonId: 'bo', electedIn: ballotId, open: null });
    given(ballotDecider, history).when(cmd('OpenSpokespersonBallot', { ballotId: 'v3', candidates: ['anna'], closesAt }, staff('x'))).then([
      { type: 'SpokespersonBallotOpened', data: { ballotId: 'v3', centreId, candidates: ['anna'], closesAt } },
    ]);
  });
});
