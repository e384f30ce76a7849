/**
 * The spokesperson ballot's processes around the vault. Casting a vote gives the voter a random
 * paper id, their receipt. Counting opens every sealed paper of the ballot, passes them to the
 * decider as a fact, records the result (the papers without their voters), and then erases the
 * ballot's key: from then on nobody, whatever they hold, can tell which vote held which paper.
 */
import { randomUUID } from 'node:crypto';
import { type BallotPaper, ballotSubject, evolve, initialState, spokespersonStreamId, type StoredBallotEvent } from '../domain/ballot/ballot.js';
import { ballotDecider, countDue, type OpenedPaper } from '../domain/ballot/decide.js';
import { Conflict, DomainError, RuleViolation } from '../domain/shared/errors.js';
import type { Principal } from '../domain/shared/principal.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { ERASED, isSealed, type Opened, type PersonalData, SubjectErasedError } from '../privacy/sealed.js';
import type { CommandContext, CommandHandler, CommandResult } from './handler.js';

export interface BallotProcessDeps {
  store: EventStore;
  handler: CommandHandler;
  vault: PersonalData;
}

export interface BallotInput {
  /** ISO-8601 with zone, the edge's clock. */
  now: string;
  principal: Principal;
  centreId: string;
  ballotId: string;
}

/**
 * The ballot's two processes bound to what they need, so that the edge runs them without holding
 * the event store or the vault itself.
 */
export interface SpokespersonBallots {
  castVote(input: BallotInput & { candidateId: string }, context: CommandContext): Promise<CommandResult & { paperId: string | null }>;
  close(input: BallotInput, context: CommandContext): Promise<CommandResult>;
}

export function spokespersonBallots(deps: BallotProcessDeps): SpokespersonBallots {
  return { castVote: (input, context) => castSpokespersonVote(deps, input, context), close: (input, context) => closeSpokespersonBallot(deps, input, context) };
}

/** A retried count that finds its papers changed under it (a vote appended meanwhile) reads them again, this often. */
const COUNT_ATTEMPTS = 3;

/**
 * Casts a staff member's vote. The paper id is random (UUIDv4), not derived from the command id
 * (which the event's metadata holds) nor time-ordered (which would date it). It is the voter's
 * receipt: it goes back in the answer and nowhere else. A retry with the same Idempotency-Key
 * gets the same receipt, read from the sealed paper, while the ballot is still uncounted; after
 * the count it is null, since the link between voter and paper is gone for good.
 */
export async function castSpokespersonVote(deps: BallotProcessDeps, input: BallotInput & { candidateId: string }, context: CommandContext): Promise<CommandResult & { paperId: string | null }> {
  const { now, principal, centreId, ballotId, candidateId } = input;
  const paperId = randomUUID();
  let result: CommandResult;
  try {
    result = await deps.handler.handle(ballotDecider, { type: 'CastSpokespersonVote', now, principal, data: { centreId, ballotId, candidateId, paperId } }, context);
  } catch (error) {
    // The count erased the ballot's key between this vote's decision and its sealing.
    if (error instanceof SubjectErasedError) throw new Conflict('ballot_closed', 'the ballot is closed', { ballotId });
    throw error;
  }
  if (!result.duplicate) return { ...result, paperId };
  return { ...result, paperId: await receiptOf(deps, input, context.commandId) };
}

async function receiptOf(deps: BallotProcessDeps, input: BallotInput, commandId: string): Promise<string | null> {
  const recorded = await deps.store.readStream(spokespersonStreamId(input.centreId));
  const vote = recorded.find((e) => e.type === 'SpokespersonVoteCast' && e.metadata.commandId === commandId && voteOf(e)?.voterId === input.principal.id);
  const paper = vote ? voteOf(vote)?.paper : undefined;
  if (!isSealed(paper)) return null;
  const opened = await deps.vault.open<BallotPaper>(paper);
  return erased(opened) ? null : opened.paperId;
}

/**
 * Counts a ballot whose voting is over: opens its papers, records the result through the
 * decider, then erases the ballot's key. Papers are opened only once the decider's rules say
 * the count is due (the right person, an open ballot, voting over). A count that was recorded
 * earlier (a retry, a concurrent count, a process that died before erasing) erases the key too.
 */
export async function closeSpokespersonBallot(deps: BallotProcessDeps, input: BallotInput, context: CommandContext): Promise<CommandResult> {
  const { now, principal, centreId, ballotId } = input;
  for (let attempt = 1; ; attempt++) {
    const recorded = await deps.store.readStream(spokespersonStreamId(centreId));
    const state = recorded.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as StoredBallotEvent), initialState);
    let due = true;
    try {
      countDue({ now, principal, data: { centreId, ballotId } }, state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Not due: the papers stay sealed, and the handler answers (a retry its first answer, anyone else the decider's refusal).
      due = false;
    }
    const opened = due ? await openPapers(deps.vault, recorded, ballotId) : [];
    try {
      const result = await deps.handler.handle(ballotDecider, { type: 'CloseSpokespersonBallot', now, principal, data: { centreId, ballotId, opened } }, context);
      await deps.vault.erase(ballotSubject(ballotId));
      return result;
    } catch (error) {
      if (error instanceof Conflict && error.code === 'ballot_closed') await deps.vault.erase(ballotSubject(ballotId));
      // A vote went in between our reading the papers and the decision: read them again.
      if (error instanceof Conflict && error.code === 'papers_do_not_match' && attempt < COUNT_ATTEMPTS) continue;
      throw error;
    }
  }
}

const erased = <T>(value: Opened<T>): value is typeof ERASED => value === ERASED;

function voteOf(e: RecordedEvent): { ballotId?: unknown; voterId?: unknown; paper?: unknown } | undefined {
  return e.data !== null && typeof e.data === 'object' ? (e.data as { ballotId?: unknown; voterId?: unknown; paper?: unknown }) : undefined;
}

/** Every sealed paper of the ballot, opened, with its voter (in memory only). Votes from before ballots were secret have none. */
async function openPapers(vault: PersonalData, recorded: RecordedEvent[], ballotId: string): Promise<OpenedPaper[]> {
  const subject = ballotSubject(ballotId);
  const opened: OpenedPaper[] = [];
  for (const e of recorded) {
    const vote = e.type === 'SpokespersonVoteCast' ? voteOf(e) : undefined;
    if (!vote || vote.ballotId !== ballotId || !('paper' in vote)) continue;
    const unreadable = (why: string) => new RuleViolation('ballot_papers_unreadable', `a paper of this ballot ${why}; the count stops`, { ballotId, eventId: e.eventId });
    if (!isSealed(vote.paper) || vote.paper.s !== subject) throw unreadable('is not sealed under the ballot’s key');
    let paper: Opened<BallotPaper>;
    try {
      paper = await vault.open<BallotPaper>(vote.paper);
    } catch {
      throw unreadable('does not open (altered?)');
    }
    if (erased(paper)) throw unreadable('can no longer be opened: the ballot’s key is gone');
    if (typeof vote.voterId !== 'string' || typeof paper.paperId !== 'string' || typeof paper.candidateId !== 'string') throw unreadable('is not a ballot paper');
    opened.push({ voterId: vote.voterId, paperId: paper.paperId, candidateId: paper.candidateId });
  }
  return opened;
}
