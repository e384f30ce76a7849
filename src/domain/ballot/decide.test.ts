import { describe, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { BallotEvent } from './ballot.js';
import { type BallotCommand, ballotDecider } from './decide.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const ballotId = 'v1';
const now = '2026-11-22T09:00:00.000+01:00';
const staff = (id: string, centre = centreId): Principal => ({ id, role: 'staff', centreId: centre });
const later = '2026-11-30T09:00:00.000+01:00';
const closesAt = '2026-11-29T16:00:00+01:00';
const cmd = <T extends BallotCommand['type']>(type: T, data: object, principal: Principal, at = now) => ({ type, now: at, principal, data: { ballotId, ...data } }) as Extract<BallotCommand, { type: T }>;
const opened: BallotEvent = { type: 'SpokespersonBallotOpened', data: { ballotId, centreId, candidates: ['anna', 'bo'], closesAt } };
const voted = (voterId: string, candidateId: string): BallotEvent => ({ type: 'SpokespersonVoteCast', data: { ballotId, voterId, candidateId } });

describe('the spokesperson ballot', () => {
  it('is opened by the centre’s staff with staff standing', () => {
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { centreId, candidates: ['anna', 'bo', 'anna'], closesAt }, staff('x'))).then([opened]);
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { centreId, candidates: [], closesAt }, staff('x'))).thenError(InvalidValue);
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { centreId, candidates: ['anna'], closesAt: now }, staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'closesAt' });
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { centreId, candidates: ['anna'], closesAt }, { id: 'b', role: 'board_member', centreId })).thenError(Forbidden);
  });

  it('takes one vote per staff member of the centre, for a candidate', () => {
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, staff('x'))).then([voted('x', 'bo')]);
    given(ballotDecider, [opened, voted('x', 'bo')]).when(cmd('CastSpokespersonVote', { candidateId: 'anna' }, staff('x'))).thenError(Conflict, 'already_voted');
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'carl' }, staff('x'))).thenError(InvalidValue);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, staff('x', 'other'))).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, { id: 'a', role: 'admin' })).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { candidateId: 'bo' }, staff('x'), later)).thenError(Conflict, 'ballot_closed');
  });

  it('records the result when voting is over: the most votes win, a tie elects nobody', () => {
    given(ballotDecider, [opened, voted('x', 'bo')]).when(cmd('CloseSpokespersonBallot', {}, staff('x'))).thenError(RuleViolation, 'ballot_still_open');
    given(ballotDecider, [opened, voted('x', 'bo'), voted('y', 'bo'), voted('z', 'anna')]).when(cmd('CloseSpokespersonBallot', {}, staff('x'), later)).then([
      { type: 'SpokespersonElected', data: { ballotId, centreId, spokespersonId: 'bo', tally: [{ candidateId: 'bo', votes: 2 }, { candidateId: 'anna', votes: 1 }] } },
    ]);
    given(ballotDecider, [opened, voted('x', 'bo'), voted('z', 'anna')]).when(cmd('CloseSpokespersonBallot', {}, staff('x'), later)).then([
      { type: 'SpokespersonBallotTied', data: { ballotId, centreId, tally: [{ candidateId: 'anna', votes: 1 }, { candidateId: 'bo', votes: 1 }] } },
    ]);
    given(ballotDecider, [opened]).when(cmd('CloseSpokespersonBallot', {}, staff('x'), later)).thenError(RuleViolation, 'no_votes');
  });
});
