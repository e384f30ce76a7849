import { type Kysely, sql } from 'kysely';
import { match } from 'ts-pattern';
import { BALLOT_EVENT_SCHEMA_VERSIONS, type BallotEvent, type StoredBallotEvent } from '../../domain/ballot/ballot.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import type { SpokespersonTables } from './tables.js';

/** Every ballot event: the aggregate's own list, matched exhaustively over every schema version below. */
const HANDLES: readonly BallotEvent['type'][] = Object.keys(BALLOT_EVENT_SCHEMA_VERSIONS).filter((type): type is BallotEvent['type'] => type in BALLOT_EVENT_SCHEMA_VERSIONS);

const centreOf = (recorded: RecordedEvent) => recorded.streamId.replace(/^spokesperson-/, '');
/** The log's event as the ballot's union of every schema version it may hold. */
const ballotEventOf = (recorded: RecordedEvent) => ({ type: recorded.type, data: recorded.data }) as StoredBallotEvent;

/**
 * One step. The secrecy rules: a vote adds its voter to the ballot's sorted list of voters and
 * nothing else — its sealed paper is never read, and a vote from before ballots were secret
 * (its candidate in the clear) gives its voter only. The count's papers carry no voter.
 */
async function applyOne(db: Kysely<SpokespersonTables>, recorded: RecordedEvent): Promise<void> {
  const centreId = centreOf(recorded);
  const ballots = (ballotId: string) => db.updateTable('spokesperson_ballots').where('centre_id', '=', centreId).where('ballot_id', '=', ballotId);
  const papersOf = (data: object) => ('papers' in data && Array.isArray(data.papers) ? JSON.stringify(data.papers) : null);
  await match(ballotEventOf(recorded))
    .with({ type: 'SpokespersonBallotOpened' }, async ({ data }) => {
      await db.insertInto('spokespersons').values({ centre_id: centreId, spokesperson_id: null, elected_in: null }).onConflict((c) => c.column('centre_id').doNothing()).execute();
      await db
        .insertInto('spokesperson_ballots')
        .values({ ballot_id: data.ballotId, centre_id: centreId, candidates: data.candidates, closes_at: data.closesAt, status: 'open', tally: null, papers: null, opened_at: recorded.globalPosition })
        .execute();
    })
    .with({ type: 'SpokespersonVoteCast' }, async ({ data }) => {
      await ballots(data.ballotId)
        .set({ voters: sql<string[]>`array(select distinct v collate "C" from unnest(array_append(voters, ${data.voterId}::text)) as v order by 1)` })
        .execute();
    })
    .with({ type: 'SpokespersonElected' }, async ({ data }) => {
      await ballots(data.ballotId).set({ status: 'elected', tally: JSON.stringify(data.tally), papers: papersOf(data) }).execute();
      await db.updateTable('spokespersons').set({ spokesperson_id: data.spokespersonId, elected_in: data.ballotId }).where('centre_id', '=', centreId).execute();
    })
    // A tie elects nobody: the spokesperson in office stays.
    .with({ type: 'SpokespersonBallotTied' }, async ({ data }) => {
      await ballots(data.ballotId).set({ status: 'tied', tally: JSON.stringify(data.tally), papers: papersOf(data) }).execute();
    })
    .exhaustive();
}

/**
 * The staff's spokesperson and ballots, as anyone may see them. Async, like the other public
 * records: a voter's receipt is in the answer to their vote, not in this view, and a ballot's
 * events written before this read model existed (votes in the clear) are read from the log.
 */
export const spokespersonProjection: Projection = {
  name: 'spokesperson',
  version: 1,
  mode: 'async',
  tables: ['spokespersons', 'spokesperson_ballots'],
  handles: HANDLES,
  async apply(trx, schema, events) {
    const db: Kysely<SpokespersonTables> = trx.withSchema(schema);
    for (const event of events) await applyOne(db, event);
  },
};
