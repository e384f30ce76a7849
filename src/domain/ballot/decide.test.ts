import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type BallotEvent, evolve, initialState, PAPER_BYTES, type StoredBallotEvent } from './ballot.js';
import { type BallotCommand, ballotDecider, type OpenedPaper, paperOf } from './decide.js';

const centreId = '0190f5f0-0000-7000-8000-000000000001';
const ballotId = 'v1';
const now = '2026-11-22T09:00:00.000+01:00';
const later = '2026-11-30T09:00:00.000+01:00';
const closesAt = '2026-11-29T16:00:00+01:00';
// Random papers ids (UUIDv4), sorted: p1 < p2 < p3.
const p1 = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const p2 = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const p3 = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
const staff = (id: string, centre = centreId): Principal => ({ id, role: 'staff', centreId: centre });
const admin: Principal = { id: 'a', role: 'admin' };
const cmd = <T extends BallotCommand['type']>(type: T, data: object, principal: Principal, at = now) =>
  ({ type, now: at, principal, data: { centreId, ballotId, centreKnown: true, ...data } }) as Extract<BallotCommand, { type: T }>;
const vote = (candidateId: string, paperId = p1) => ({ candidateId, paperId });
const count = (opened: OpenedPaper[] = []) => ({ opened });
const opened: BallotEvent = { type: 'SpokespersonBallotOpened', data: { ballotId, centreId, candidates: ['anna', 'bo'], closesAt } };
const voted = (voterId: string, candidateId: string, paperId: string): BallotEvent => ({ type: 'SpokespersonVoteCast', data: { ballotId, voterId, paper: paperOf(paperId, candidateId) } });
const elected = (spokespersonId: string, tally: { candidateId: string; votes: number }[], papers: { paperId: string; candidateId: string }[]): BallotEvent => ({
  type: 'SpokespersonElected',
  data: { ballotId, centreId, spokespersonId, tally, papers },
});
// The given() helper folds events of the current schema; these were written before ballots were secret.
const legacy = (e: StoredBallotEvent) => e as BallotEvent;
const clearVote = (voterId: string, candidateId: string) => legacy({ type: 'SpokespersonVoteCast', data: { ballotId, voterId, candidateId } });

describe('the spokesperson ballot', () => {
  it('is opened by the centre’s staff with staff standing and a time when voting ends; one at a time', () => {
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna', 'bo', 'anna'], closesAt }, staff('x'))).then([opened]);
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: [], closesAt }, staff('x'))).thenError(InvalidValue);
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['x'.repeat(101)], closesAt }, staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'candidates' });
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna'], closesAt: now }, staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'closesAt' });
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna'], closesAt }, { id: 'b', role: 'board_member', centreId })).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('OpenSpokespersonBallot', { ballotId: 'v2', candidates: ['anna'], closesAt }, staff('x'))).thenError(Conflict, 'ballot_open');
    given(ballotDecider).when(cmd('OpenSpokespersonBallot', { candidates: ['anna'], closesAt, centreKnown: false }, { id: 'a', role: 'admin' })).thenError(NotFound, 'centre_not_found');
  });

  it('takes one vote per staff member of the centre, for a candidate, while voting runs', () => {
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('bo'), staff('x'))).then([voted('x', 'bo', p1)]);
    given(ballotDecider, [opened, voted('x', 'bo', p1)]).when(cmd('CastSpokespersonVote', vote('anna', p2), staff('x'))).thenError(Conflict, 'already_voted');
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('carl'), staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'candidateId' });
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('bo'), staff('x', 'other'))).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('bo'), admin)).thenError(Forbidden);
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('bo'), staff('x'), later)).thenError(Conflict, 'ballot_closed');
    given(ballotDecider, [opened, elected('bo', [], [])]).when(cmd('CastSpokespersonVote', vote('bo'), staff('x'))).thenError(Conflict, 'ballot_closed');
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', { ballotId: 'constructor', ...vote('bo') }, staff('x'))).thenError(NotFound);
  });

  it('puts the choice on a paper with a random id (never a time-ordered or derived one), to be sealed under the ballot’s own key', () => {
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('bo', '0190f5f0-0000-7000-8000-000000000009'), staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'paperId' });
    given(ballotDecider, [opened]).when(cmd('CastSpokespersonVote', vote('bo', '0190f5f0-0000-8000-8000-000000000009'), staff('x'))).thenError(InvalidValue, 'invalid_value', { field: 'paperId' });
    expect(ballotDecider.personal?.fields.SpokespersonVoteCast).toEqual(['paper']);
    expect(ballotDecider.personal?.subjectOf(cmd('CastSpokespersonVote', vote('bo'), staff('x')))).toBe(`ballot-${ballotId}`);
  });

  it('pads every paper to the same length, whatever the candidate’s id', () => {
    const bytes = (id: string) => new TextEncoder().encode(JSON.stringify(paperOf(p1, id))).length;
    for (const id of ['a', 'bo', 'x'.repeat(100), 'Ærø-Åse', '\u0001'.repeat(100), '😀'.repeat(50), '"\\'.repeat(50)]) expect(bytes(id)).toBe(PAPER_BYTES);
  });

  it('counts when voting is over: one opened paper per vote; the most votes win; papers published by id, without voters', () => {
    const history = [opened, voted('x', 'bo', p3), voted('y', 'bo', p1), voted('z', 'anna', p2)];
    const papers = [
      { voterId: 'x', paperId: p3, candidateId: 'bo' },
      { voterId: 'y', paperId: p1, candidateId: 'bo' },
      { voterId: 'z', paperId: p2, candidateId: 'anna' },
    ];
    given(ballotDecider, history).when(cmd('CloseSpokespersonBallot', count(papers), staff('x'))).thenError(RuleViolation, 'ballot_still_open');
    given(ballotDecider, history).when(cmd('CloseSpokespersonBallot', count(papers), staff('x', 'other'), later)).thenError(Forbidden);
    given(ballotDecider, history).when(cmd('CloseSpokespersonBallot', count(papers), admin, later)).then([
      elected('bo', [{ candidateId: 'bo', votes: 2 }, { candidateId: 'anna', votes: 1 }], [
        { paperId: p1, candidateId: 'bo' },
        { paperId: p2, candidateId: 'anna' },
        { paperId: p3, candidateId: 'bo' },
      ]),
    ]);
    given(ballotDecider, [...history, elected('bo', [], [])]).when(cmd('CloseSpokespersonBallot', count(papers), staff('x'), later)).thenError(Conflict, 'ballot_closed');
  });

  it('refuses a count whose opened papers are not exactly one for each vote cast', () => {
    const history = [opened, voted('x', 'bo', p1), voted('y', 'anna', p2)];
    const x = { voterId: 'x', paperId: p1, candidateId: 'bo' };
    const y = { voterId: 'y', paperId: p2, candidateId: 'anna' };
    const close = (papers: OpenedPaper[]) => given(ballotDecider, history).when(cmd('CloseSpokespersonBallot', count(papers), staff('x'), later));
    close([x]).thenError(Conflict, 'papers_do_not_match');
    close([x, y, { voterId: 'w', paperId: p3, candidateId: 'bo' }]).thenError(Conflict, 'papers_do_not_match');
    close([x, { ...x, paperId: p3 }]).thenError(Conflict, 'papers_do_not_match');
    close([x, { ...y, voterId: 'w' }]).thenError(Conflict, 'papers_do_not_match');
    close([x, { ...y, paperId: p1 }]).thenError(RuleViolation, 'ballot_papers_invalid');
    close([x, { ...y, candidateId: 'carl' }]).thenError(RuleViolation, 'ballot_papers_invalid');
  });

  it('elects nobody on a tie or with no votes', () => {
    given(ballotDecider, [opened, voted('x', 'bo', p2), voted('z', 'anna', p1)])
      .when(cmd('CloseSpokespersonBallot', count([{ voterId: 'x', paperId: p2, candidateId: 'bo' }, { voterId: 'z', paperId: p1, candidateId: 'anna' }]), staff('x'), later))
      .then([
        {
          type: 'SpokespersonBallotTied',
          data: { ballotId, centreId, tally: [{ candidateId: 'anna', votes: 1 }, { candidateId: 'bo', votes: 1 }], papers: [{ paperId: p1, candidateId: 'anna' }, { paperId: p2, candidateId: 'bo' }] },
        },
      ]);
    given(ballotDecider, [opened]).when(cmd('CloseSpokespersonBallot', count(), staff('x'), later)).then([
      { type: 'SpokespersonBallotTied', data: { ballotId, centreId, tally: [{ candidateId: 'anna', votes: 0 }, { candidateId: 'bo', votes: 0 }], papers: [] } },
    ]);
  });

  it('folds votes from before ballots were secret (schema version 1) as votes without a paper, and counts them from their candidate', () => {
    const history = [opened, clearVote('x', 'anna'), voted('y', 'anna', p1), voted('z', 'bo', p2)];
    const state = history.reduce(evolve, initialState);
    expect(state).toMatchObject({ ballots: { [ballotId]: { votes: { x: { paper: 'unknown', candidateId: 'anna' }, y: { paper: 'sealed' } } } } });
    given(ballotDecider, history).when(cmd('CastSpokespersonVote', vote('bo', p3), staff('x'))).thenError(Conflict, 'already_voted');
    given(ballotDecider, history)
      .when(cmd('CloseSpokespersonBallot', count([{ voterId: 'y', paperId: p1, candidateId: 'anna' }, { voterId: 'z', paperId: p2, candidateId: 'bo' }]), staff('x'), later))
      .then([elected('anna', [{ candidateId: 'anna', votes: 2 }, { candidateId: 'bo', votes: 1 }], [{ paperId: p1, candidateId: 'anna' }, { paperId: p2, candidateId: 'bo' }])]);
    // A paper for a vote in the clear is one too many.
    given(ballotDecider, history)
      .when(cmd('CloseSpokespersonBallot', count([{ voterId: 'x', paperId: p3, candidateId: 'anna' }, { voterId: 'y', paperId: p1, candidateId: 'anna' }, { voterId: 'z', paperId: p2, candidateId: 'bo' }]), staff('x'), later))
      .thenError(Conflict, 'papers_do_not_match');
    const v1Result = legacy({ type: 'SpokespersonElected', data: { ballotId, centreId, spokespersonId: 'anna', tally: [{ candidateId: 'anna', votes: 1 }] } });
    expect([opened, clearVote('x', 'anna'), v1Result].reduce(evolve, initialState)).toMatchObject({ spokespersonId: 'anna', ballots: { [ballotId]: { status: 'elected', papers: null } } });
  });

  it('keeps the spokesperson in office through a tied ballot, and opens the way for the next ballot', () => {
    const history: BallotEvent[] = [
      opened,
      voted('x', 'bo', p1),
      elected('bo', [{ candidateId: 'bo', votes: 1 }], [{ paperId: p1, candidateId: 'bo' }]),
      { type: 'SpokespersonBallotOpened', data: { ballotId: 'v2', centreId, candidates: ['anna', 'carl'], closesAt } },
      { type: 'SpokespersonBallotTied', data: { ballotId: 'v2', centreId, tally: [], papers: [] } },
    ];
    const state = history.reduce(evolve, initialState);
    expect(state).toMatchObject({ spokespersonId: 'bo', electedIn: ballotId, open: null });
    given(ballotDecider, history).when(cmd('OpenSpokespersonBallot', { ballotId: 'v3', candidates: ['anna'], closesAt }, staff('x'))).then([
      { type: 'SpokespersonBallotOpened', data: { ballotId: 'v3', centreId, candidates: ['anna'], closesAt } },
    ]);
  });
});
