/**
 * Check 10: the staff's spokesperson ballots are secret and their counts add up, from the log
 * alone. A vote says in the clear who voted and holds the ballot paper sealed under the ballot's
 * own key (which the count erases), padded to one fixed length; the result publishes every paper
 * (its random id and its candidate, nothing else) in the order of their ids, and the tally.
 *
 * Votes from before ballots were secret (schema version 1) name their candidate in the clear. They
 * are the old form, not a violation, as long as the log has not yet held a vote or result of the
 * secret form; any vote in the clear after that is one. Such votes count from their candidate.
 */
import type { StoredEvent } from '../canonical.js';
import { check, type Data, type EventChecks, type Meta, violation as v } from './types.js';

/**
 * The length in bytes of every sealed paper (AES-GCM keeps the length of what it seals): papers are
 * padded to it, so a ciphertext's length tells no candidate from another. The same as the
 * domain's PAPER_BYTES (src/domain/ballot/ballot.ts), written here so that an auditor reads it.
 */
export const SEALED_PAPER_BYTES = 1024;

const VOTE_FIELDS = ['ballotId', 'paper', 'voterId'];
const CLEAR_VOTE_FIELDS = ['ballotId', 'candidateId', 'voterId'];
const SEALED_FIELDS = ['$sealed', 'ct', 'iv', 's', 'tag'];
const PAPER_FIELDS = ['candidateId', 'paperId'];
const METADATA_FIELDS = new Set(['actor', 'centreId', 'correlationId', 'causationId', 'commandId', 'occurredAt']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

interface Ballot {
  candidates: string[];
  counted: boolean;
  voters: Set<string>;
  /** Votes with a sealed paper. */
  sealed: number;
  /** Votes in the clear (from before ballots were secret), by candidate. */
  clear: Map<string, number>;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const hasExactly = (value: Record<string, unknown>, fields: string[]) => {
  const keys = Object.keys(value).sort();
  return keys.length === fields.length && keys.every((k, i) => k === fields[i]);
};
const base64Bytes = (value: unknown) => (typeof value === 'string' && BASE64.test(value) ? Buffer.from(value, 'base64').length : -1);

/** Why a vote's paper is not sealed as it must be, or null when it is. */
function unsealed(paper: unknown, ballotId: string): string | null {
  if (!isObject(paper) || paper.$sealed !== 'v1') return 'its paper is not sealed';
  if (!hasExactly(paper, SEALED_FIELDS)) return 'its sealed paper carries fields besides the sealed form';
  if (paper.s !== `ballot-${ballotId}`) return 'its paper is sealed under another key than the ballot’s own (which the count erases)';
  if (base64Bytes(paper.iv) !== 12 || base64Bytes(paper.tag) !== 16 || base64Bytes(paper.ct) < 0) return 'its paper is not sealed with AES-256-GCM';
  if (base64Bytes(paper.ct) !== SEALED_PAPER_BYTES) return `its sealed paper is not ${SEALED_PAPER_BYTES} bytes long: its length could tell the candidate`;
  return null;
}

export function ballotChecks(): EventChecks {
  const secret = check(10, 'spokesperson ballots are secret: one vote per staff member, no vote in the clear, and the count matches the papers');
  const ballots = new Map<string, Ballot>();
  // Whether the log has held a vote or result of the secret form: from then on, no vote is in the clear.
  let secretSince: number | null = null;

  function vote(e: StoredEvent, d: Data, meta: Meta): void {
    secret.examined++;
    const key = `${e.stream}|${d.ballotId}`;
    let ballot = ballots.get(key);
    if (!ballot) {
      v(secret, e, 'a vote in a ballot that was never opened');
      ballot = { candidates: [], counted: false, voters: new Set(), sealed: 0, clear: new Map() };
      ballots.set(key, ballot);
    } else if (ballot.counted) v(secret, e, 'a vote in a ballot already counted');

    if (meta.actor?.role !== 'staff' || typeof d.voterId !== 'string' || meta.actor.id !== d.voterId) v(secret, e, 'a vote cast by someone other than the voter it names, or not by staff');
    const extra = Object.keys(meta).filter((k) => !METADATA_FIELDS.has(k));
    if (extra.length > 0 || (isObject(meta.actor) && !hasExactly(meta.actor, ['id', 'role']))) v(secret, e, 'a vote whose metadata carries fields besides the declared ones');
    if (typeof d.voterId === 'string') {
      if (ballot.voters.has(d.voterId)) v(secret, e, 'a second vote by the same voter in this ballot');
      ballot.voters.add(d.voterId);
    }

    if ('candidateId' in d) {
      const oldForm = e.schemaVersion === 1 && hasExactly(d, CLEAR_VOTE_FIELDS) && typeof d.candidateId === 'string';
      if (!oldForm || secretSince !== null) {
        v(secret, e, 'a vote with its candidate in the clear');
        return;
      }
      ballot.clear.set(d.candidateId, (ballot.clear.get(d.candidateId) ?? 0) + 1);
      return;
    }
    secretSince ??= e.position;
    if (!hasExactly(d, VOTE_FIELDS)) {
      v(secret, e, `a vote carries fields besides ballotId, voterId and its sealed paper (${Object.keys(d).filter((k) => !VOTE_FIELDS.includes(k)).join(', ') || 'or lacks one'})`);
      return;
    }
    const why = unsealed(d.paper, String(d.ballotId));
    if (why) v(secret, e, `a vote: ${why}`);
    else ballot.sealed++;
  }

  function result(e: StoredEvent, d: Data): void {
    secret.examined++;
    const ballot = ballots.get(`${e.stream}|${d.ballotId}`);
    const papers: unknown = d.papers === undefined && e.schemaVersion === 1 ? [] : d.papers; // results from before ballots were secret list none
    if (e.schemaVersion !== 1 || d.papers !== undefined) secretSince ??= e.position;
    if (!ballot || ballot.candidates.length === 0) return v(secret, e, 'a result for a ballot that was never opened');
    if (ballot.counted) return v(secret, e, 'a second result for the same ballot');
    ballot.counted = true;
    if (!Array.isArray(papers)) return v(secret, e, 'a result without its list of papers');

    const counts = new Map(ballot.candidates.map((c) => [c, ballot.clear.get(c) ?? 0]));
    let previous: string | null = null;
    let inOrder = true;
    for (const paper of papers) {
      if (!isObject(paper) || !hasExactly(paper, PAPER_FIELDS) || typeof paper.paperId !== 'string' || typeof paper.candidateId !== 'string') {
        return v(secret, e, 'a published paper carries something besides its id and its candidate: it could be joined to its voter');
      }
      if (previous !== null && !(previous < paper.paperId)) inOrder = false;
      previous = paper.paperId;
      const n = counts.get(paper.candidateId);
      if (n === undefined) v(secret, e, 'a published paper names someone not standing');
      else counts.set(paper.candidateId, n + 1);
    }
    if (!inOrder) v(secret, e, 'the published papers are not each once in the order of their ids: their order could tie them to the votes');
    if (papers.length !== ballot.sealed) v(secret, e, `the result publishes ${papers.length} papers for ${ballot.sealed} sealed votes`);

    const tally = Array.isArray(d.tally) ? (d.tally as unknown[]) : [];
    const declared = new Map<unknown, unknown>(tally.map((t) => (isObject(t) ? [t.candidateId, t.votes] : [undefined, undefined])));
    const tallyRight = tally.length === counts.size && declared.size === counts.size && [...counts].every(([c, n]) => declared.get(c) === n);
    if (!tallyRight) v(secret, e, 'the tally does not count the papers (and the votes in the clear)');

    const top = Math.max(...counts.values());
    const tops = [...counts].filter(([, n]) => n === top).map(([c]) => c);
    const unique = top > 0 && tops.length === 1;
    if (e.type === 'SpokespersonElected' && !(unique && tops[0] === d.spokespersonId)) v(secret, e, 'the spokesperson declared elected is not the one candidate with the most votes');
    if (e.type === 'SpokespersonBallotTied' && unique) v(secret, e, 'a tie declared although one candidate has the most votes');
  }

  return {
    checks: [secret],
    onEvent(e: StoredEvent, d: Data, meta: Meta) {
      switch (e.type) {
        case 'SpokespersonBallotOpened':
          ballots.set(`${e.stream}|${d.ballotId}`, {
            candidates: Array.isArray(d.candidates) ? [...new Set((d.candidates as unknown[]).filter((c): c is string => typeof c === 'string'))] : [],
            counted: false,
            voters: new Set(),
            sealed: 0,
            clear: new Map(),
          });
          break;
        case 'SpokespersonVoteCast':
          vote(e, d, meta);
          break;
        case 'SpokespersonElected':
        case 'SpokespersonBallotTied':
          result(e, d);
          break;
        default:
          break;
      }
    },
  };
}
