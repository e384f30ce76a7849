import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PAPER_BYTES } from '../../domain/ballot/ballot.js';
import type { StoredEvent } from '../canonical.js';
import { ballotChecks, SEALED_PAPER_BYTES } from './ballot.js';
import type { Data, Meta } from './types.js';

const stream = 'spokesperson-0190f5f0-0000-7000-8000-000000000001';
const ballotId = '0190f5f0-0000-8000-8000-00000000000b';
const p1 = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const p2 = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const p3 = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

let position = 0;
/** A raw event as the log stores it, made by hand. */
function raw(type: string, data: object, options: { schemaVersion?: number; actor?: { id: string; role: string }; metadata?: object } = {}): StoredEvent {
  position++;
  const metadata = { actor: options.actor ?? { id: 'staff-1', role: 'staff' }, centreId: 'c', correlationId: `k${position}`, causationId: `k${position}`, commandId: `k${position}`, occurredAt: '2026-11-22T09:00:00.000Z', ...options.metadata };
  return { position, stream, version: position, id: `event-${position}`, type, schemaVersion: options.schemaVersion ?? 2, data, metadata, recordedAt: '2026-11-22T08:00:00.000000Z' };
}
const b64 = (bytes: number) => randomBytes(bytes).toString('base64');
const sealed = (bytes = SEALED_PAPER_BYTES, subject = `ballot-${ballotId}`) => ({ $sealed: 'v1', s: subject, iv: b64(12), ct: b64(bytes), tag: b64(16) });
const opened = () => raw('SpokespersonBallotOpened', { ballotId, centreId: 'c', candidates: ['anna', 'bo'], closesAt: '2026-11-29T16:00:00+01:00' }, { schemaVersion: 1 });
const vote = (voterId: string, paper: unknown = sealed(), options: Parameters<typeof raw>[2] = {}) => raw('SpokespersonVoteCast', { ballotId, voterId, paper }, { actor: { id: voterId, role: 'staff' }, ...options });
const clearVote = (voterId: string, candidateId: string, schemaVersion = 1) => raw('SpokespersonVoteCast', { ballotId, voterId, candidateId }, { schemaVersion, actor: { id: voterId, role: 'staff' } });
const tally = (anna: number, bo: number) => [{ candidateId: anna >= bo ? 'anna' : 'bo', votes: Math.max(anna, bo) }, { candidateId: anna >= bo ? 'bo' : 'anna', votes: Math.min(anna, bo) }];
const elected = (spokespersonId: string, t: unknown, papers: unknown, schemaVersion = 2) => raw('SpokespersonElected', { ballotId, centreId: 'c', spokespersonId, tally: t, papers }, { schemaVersion });
const tied = (t: unknown, papers: unknown) => raw('SpokespersonBallotTied', { ballotId, centreId: 'c', tally: t, papers });
const papers = (...pairs: [string, string][]) => pairs.map(([paperId, candidateId]) => ({ paperId, candidateId }));

function run(events: StoredEvent[]) {
  const checks = ballotChecks();
  for (const e of events) checks.onEvent(e, e.data as Data, e.metadata as Meta);
  checks.endOfAppend?.();
  checks.finish?.();
  expect(checks.checks.map((c) => c.id)).toEqual([10]);
  return checks.checks[0]!;
}
/** The reasons reported, each with the position of the event it names. */
const reasons = (events: StoredEvent[]) => run(events).violations.map((x) => [x.position, x.reason]);
/** A log that passes but for `forged`, which is reported with a reason matching `reason`. */
function flags(events: StoredEvent[], forged: StoredEvent, reason: RegExp) {
  const found = reasons(events);
  expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
  expect(found.some(([at, why]) => at === forged.position && reason.test(String(why))), JSON.stringify(found)).toBe(true);
}

describe('check 10: spokesperson ballots are secret and their counts add up', () => {
  it('passes a secret ballot counted right, and examines each vote and result', () => {
    const log = [opened(), vote('x'), vote('y'), vote('z'), elected('bo', tally(1, 2), papers([p1, 'bo'], [p2, 'anna'], [p3, 'bo']))];
    expect(run(log)).toMatchObject({ examined: 4, violations: [] });
    expect(run([opened(), vote('x'), vote('y'), tied(tally(1, 1), papers([p1, 'bo'], [p2, 'anna']))]).violations).toEqual([]);
    expect(run([opened(), tied(tally(0, 0), [])]).violations).toEqual([]);
  });

  it('reports nothing examined when the log holds no ballot', () => {
    expect(run([raw('CentreRenamed', { centreId: 'c', name: 'x' })])).toMatchObject({ examined: 0, violations: [] });
  });

  it('declares the paper length the domain pads to', () => {
    expect(SEALED_PAPER_BYTES).toBe(PAPER_BYTES);
  });

  it('flags a vote with its candidate in the clear', () => {
    const forged = clearVote('y', 'bo', 2);
    flags([opened(), vote('x'), forged], forged, /candidate in the clear/);
    const both = raw('SpokespersonVoteCast', { ballotId, voterId: 'y', paper: sealed(), candidateId: 'bo' }, { actor: { id: 'y', role: 'staff' } });
    flags([opened(), both], both, /candidate in the clear/);
  });

  it('flags a vote carrying any field besides its ballot, its voter and its sealed paper, in data or metadata', () => {
    const hint = raw('SpokespersonVoteCast', { ballotId, voterId: 'y', paper: sealed(), hint: 'b' }, { actor: { id: 'y', role: 'staff' } });
    flags([opened(), hint], hint, /fields besides ballotId, voterId and its sealed paper \(hint\)/);
    const inMetadata = vote('y', sealed(), { metadata: { candidateId: 'bo' } });
    flags([opened(), inMetadata], inMetadata, /metadata carries fields/);
    const inSealed = vote('y', { ...sealed(), candidateId: 'bo' });
    flags([opened(), inSealed], inSealed, /sealed paper carries fields/);
  });

  it('flags a paper that is not sealed, sealed under another key, or not of the fixed length', () => {
    const clearPaper = vote('y', { paperId: p1, candidateId: 'bo' });
    flags([opened(), clearPaper], clearPaper, /paper is not sealed/);
    const citizensKey = vote('y', sealed(SEALED_PAPER_BYTES, 'some-citizen'));
    flags([opened(), citizensKey], citizensKey, /another key than the ballot’s own/);
    const short = vote('y', sealed(44));
    flags([opened(), short], short, /not 1024 bytes long/);
    const noTag = vote('y', { ...sealed(), tag: 'not base64!' });
    flags([opened(), noTag], noTag, /not sealed with AES-256-GCM/);
  });

  it('flags a second vote by the same voter', () => {
    const again = vote('x');
    flags([opened(), vote('x'), again], again, /second vote by the same voter/);
  });

  it('flags a vote cast by someone other than the voter it names, or not by staff', () => {
    const proxy = vote('x', sealed(), { actor: { id: 'y', role: 'staff' } });
    flags([opened(), proxy], proxy, /someone other than the voter/);
    const byAdmin = vote('x', sealed(), { actor: { id: 'x', role: 'admin' } });
    flags([opened(), byAdmin], byAdmin, /not by staff/);
  });

  it('flags votes outside an open ballot, and a second result', () => {
    const late = vote('w');
    flags([opened(), vote('x'), elected('bo', tally(0, 1), papers([p1, 'bo'])), late], late, /ballot already counted/);
    const stray = raw('SpokespersonVoteCast', { ballotId: 'other', voterId: 'x', paper: sealed() }, { actor: { id: 'x', role: 'staff' } });
    flags([stray], stray, /never opened/);
    const second = tied(tally(0, 0), []);
    flags([opened(), tied(tally(0, 0), []), second], second, /second result/);
  });

  it('flags a result whose papers do not match the votes cast', () => {
    const short = elected('bo', tally(0, 1), papers([p1, 'bo']));
    flags([opened(), vote('x'), vote('y'), short], short, /publishes 1 papers for 2 sealed votes/);
    const stuffed = elected('bo', tally(0, 2), papers([p1, 'bo'], [p2, 'bo']));
    flags([opened(), vote('x'), stuffed], stuffed, /publishes 2 papers for 1 sealed votes/);
    const none = elected('bo', tally(0, 1), undefined);
    flags([opened(), vote('x'), none], none, /without its list of papers/);
    const carl = elected('bo', tally(0, 1), papers([p1, 'bo'], [p2, 'carl']));
    flags([opened(), vote('x'), vote('y'), carl], carl, /not standing/);
  });

  it('flags a published paper that could be joined to its voter: a voter on it, or papers out of the order of their ids', () => {
    const withVoter = elected('bo', tally(0, 1), [{ paperId: p1, candidateId: 'bo', voterId: 'x' }]);
    flags([opened(), vote('x'), withVoter], withVoter, /could be joined to its voter/);
    const inVoteOrder = elected('bo', tally(1, 2), papers([p3, 'bo'], [p1, 'bo'], [p2, 'anna']));
    flags([opened(), vote('x'), vote('y'), vote('z'), inVoteOrder], inVoteOrder, /not each once in the order of their ids/);
    const twice = elected('bo', tally(0, 2), papers([p1, 'bo'], [p1, 'bo']));
    flags([opened(), vote('x'), vote('y'), twice], twice, /not each once/);
  });

  it('flags a tally that does not count the papers', () => {
    const wrong = elected('bo', tally(0, 3), papers([p1, 'anna'], [p2, 'bo'], [p3, 'bo']));
    flags([opened(), vote('x'), vote('y'), vote('z'), wrong], wrong, /tally does not count the papers/);
    const missing = elected('bo', [{ candidateId: 'bo', votes: 1 }], papers([p1, 'bo']));
    flags([opened(), vote('x'), missing], missing, /tally does not count/);
    const doubled = elected('bo', [{ candidateId: 'bo', votes: 1 }, { candidateId: 'bo', votes: 1 }], papers([p1, 'bo']));
    flags([opened(), vote('x'), doubled], doubled, /tally does not count/);
  });

  it('flags a winner who is not the one candidate with the most votes, and a tie that is none', () => {
    const wrongWinner = elected('anna', tally(1, 2), papers([p1, 'bo'], [p2, 'anna'], [p3, 'bo']));
    flags([opened(), vote('x'), vote('y'), vote('z'), wrongWinner], wrongWinner, /not the one candidate with the most votes/);
    const tieWinner = elected('bo', tally(1, 1), papers([p1, 'bo'], [p2, 'anna']));
    flags([opened(), vote('x'), vote('y'), tieWinner], tieWinner, /not the one candidate with the most votes/);
    const nobody = elected('bo', tally(0, 0), []);
    flags([opened(), nobody], nobody, /not the one candidate/);
    const falseTie = tied(tally(0, 1), papers([p1, 'bo']));
    flags([opened(), vote('x'), falseTie], falseTie, /tie declared although/);
  });

  it('takes votes in the clear from before ballots were secret, counts them, and flags any after the first secret vote', () => {
    const legacy = [opened(), clearVote('x', 'anna'), clearVote('y', 'anna'), elected('anna', tally(2, 0), undefined, 1)];
    expect(run(legacy)).toMatchObject({ examined: 3, violations: [] });
    // A ballot open across the change: the clear votes count beside the published papers.
    expect(run([opened(), clearVote('x', 'anna'), vote('y'), vote('z'), elected('anna', tally(2, 1), papers([p1, 'anna'], [p2, 'bo']))]).violations).toEqual([]);
    const afterwards = clearVote('w', 'bo');
    flags([opened(), vote('x'), afterwards], afterwards, /candidate in the clear/);
    const oldResult = elected('anna', tally(1, 0), undefined, 1);
    flags([opened(), vote('x'), oldResult], oldResult, /publishes 0 papers for 1 sealed votes/);
  });
});
