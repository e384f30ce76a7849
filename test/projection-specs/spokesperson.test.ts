import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BALLOT_EVENT_SCHEMA_VERSIONS, type BallotEvent, spokespersonStreamId, type StoredBallotEvent } from '../../src/domain/ballot/ballot.js';
import { newId } from '../../src/ids.js';
import { spokespersonProjection } from '../../src/projections/spokesperson/projection.js';
import { spokespersonOf } from '../../src/projections/spokesperson/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';

const specs = projectionSpecs(spokespersonProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

/** What a sealed paper looks like in the log (the vault's envelope): the projection must never read it. */
const SEALED = { s: 'ballot-x', c: 'Q0lQSEVSVEVYVC1DQU5ESURBVEUtQkFSVA', n: 'bm9uY2U' };

/**
 * Two ballots at one centre. The first is open across the change to secret ballots: one vote in
 * the clear (schema version 1, naming its candidate), two sealed; it elects Åse with every paper
 * published. The second ties (a result from before ballots were secret: no papers).
 */
function ballotHistory(log: EventLog, centreId = newId()) {
  const streamId = spokespersonStreamId(centreId);
  const current = log.stream<BallotEvent>(streamId, BALLOT_EVENT_SCHEMA_VERSIONS);
  const old = (event: StoredBallotEvent, at: string) => log.record(streamId, event, 1, { actor: { id: 'w-0', role: 'staff' }, centreId, at });
  const staff = (id: string, at: string) => ({ actor: { id, role: 'staff' }, centreId, at });
  // A vote as the log holds it: the paper sealed by the command pipeline.
  const sealedVote = (ballotId: string, voterId: string, at: string) =>
    log.record(streamId, { type: 'SpokespersonVoteCast', data: { ballotId, voterId, paper: SEALED } }, BALLOT_EVENT_SCHEMA_VERSIONS.SpokespersonVoteCast, staff(voterId, at));
  const [first, second] = [newId(), newId()];
  const papers = [
    { paperId: '1c1a9d2e-0000-4000-8000-000000000001', candidateId: 'bart' },
    { paperId: '9f0e4b7a-0000-4000-8000-000000000002', candidateId: 'åse' },
  ];
  const tally = [
    { candidateId: 'åse', votes: 2 },
    { candidateId: 'bart', votes: 1 },
  ];
  const events = [
    current({ type: 'SpokespersonBallotOpened', data: { ballotId: first, centreId, candidates: ['åse', 'bart'], closesAt: '2026-11-20T12:00:00.000+01:00' } }, staff('w-1', '2026-11-10T09:00:00.000+01:00')),
    // Voting order w-2, w-0, w-1: the read model must not keep it.
    sealedVote(first, 'w-2', '2026-11-11T09:00:00.000+01:00'),
    old({ type: 'SpokespersonVoteCast', data: { ballotId: first, voterId: 'w-0', candidateId: 'åse' } }, '2026-11-12T09:00:00.000+01:00'),
    sealedVote(first, 'w-1', '2026-11-13T09:00:00.000+01:00'),
    current({ type: 'SpokespersonElected', data: { ballotId: first, centreId, spokespersonId: 'åse', tally, papers } }, staff('w-1', '2026-11-20T12:05:00.000+01:00')),
    current({ type: 'SpokespersonBallotOpened', data: { ballotId: second, centreId, candidates: ['bart', 'carl'], closesAt: '2027-11-20T12:00:00.000+01:00' } }, staff('w-1', '2026-12-01T09:00:00.000+01:00')),
    sealedVote(second, 'w-1', '2026-12-02T09:00:00.000+01:00'),
    old({ type: 'SpokespersonBallotTied', data: { ballotId: second, centreId, tally: [{ candidateId: 'bart', votes: 0 }, { candidateId: 'carl', votes: 0 }] } }, '2027-11-20T12:05:00.000+01:00'),
  ];
  return { centreId, first, second, papers, tally, events };
}

describe('spokesperson read model', () => {
  it('handles exactly the ballot events', () => {
    expect([...(spokespersonProjection.handles === 'all' ? [] : spokespersonProjection.handles)].sort()).toEqual(Object.keys(BALLOT_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('keeps who voted, sorted, and nothing of how: no sealed paper, no candidate of a vote in the clear', async () => {
    const spec = await specs.fresh();
    const h = ballotHistory(new EventLog());
    await spec.given(h.events.slice(0, 4));
    const rows = await spec.rows('spokesperson_ballots');
    expect(rows).toEqual([
      { ballot_id: h.first, centre_id: h.centreId, candidates: ['åse', 'bart'], closes_at: new Date('2026-11-20T12:00:00.000+01:00'), status: 'open', voters: ['w-0', 'w-1', 'w-2'], tally: null, papers: null, opened_at: '1' },
    ]);
    const everything = JSON.stringify(await spec.snapshot());
    expect(everything).not.toContain(SEALED.c);
    expect(everything).not.toContain('"candidateId"');
  });

  it('after the count: the spokesperson, the tally and every paper without its voter; a tie elects nobody new', async () => {
    const spec = await specs.fresh();
    const h = ballotHistory(new EventLog());
    await spec.given(h.events);
    await spec.serve();
    expect(await spokespersonOf(spec.db, h.centreId)).toEqual({
      centreId: h.centreId,
      spokespersonId: 'åse',
      electedIn: h.first,
      ballots: [
        { ballotId: h.first, status: 'elected', candidates: ['åse', 'bart'], closesAt: '2026-11-20T11:00:00.000Z', votesCast: 3, voters: ['w-0', 'w-1', 'w-2'], tally: h.tally, papers: h.papers },
        {
          ballotId: h.second,
          status: 'tied',
          candidates: ['bart', 'carl'],
          closesAt: '2027-11-20T11:00:00.000Z',
          votesCast: 1,
          voters: ['w-1'],
          tally: [
            { candidateId: 'bart', votes: 0 },
            { candidateId: 'carl', votes: 0 },
          ],
          papers: null,
        },
      ],
    });
  });

  it('a centre without ballots has no spokesperson', async () => {
    const spec = await specs.fresh();
    await spec.serve();
    const centreId = newId();
    expect(await spokespersonOf(spec.db, centreId)).toEqual({ centreId, spokespersonId: null, electedIn: null, ballots: [] });
  });

  it('the same rows whatever the batches', async () => {
    await specs.expectSameRowsForEverySplit(ballotHistory(new EventLog()).events);
  });
});
