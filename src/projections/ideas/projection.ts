import type { Kysely } from 'kysely';
import { match } from 'ts-pattern';
import { IDEA_EVENT_TYPES, type IdeaEvent } from '../../domain/idea/idea.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import type { IdeaTables } from './tables.js';

/** Every idea event: the aggregate's own list, so a new event reaches the exhaustive match below. */
const HANDLES: readonly IdeaEvent['type'][] = IDEA_EVENT_TYPES;

/** One step, as `evolve` changes an idea: once withdrawn or answered nothing changes it; supporting twice is one support. */
async function applyOne(db: Kysely<IdeaTables>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as IdeaEvent;
  const at = recorded.metadata.occurredAt;
  const ideaId = event.data.ideaId;
  const row = await db.selectFrom('ideas').select(['status', 'supports']).where('idea_id', '=', ideaId).executeTakeFirst();
  if (event.type !== 'IdeaProposed' && row?.status !== 'open') return;
  const path = (supports: number, answered: { answer: IdeaTables['ideas']['answer']; line_id: string | null; reason: string | null; resolution_id: string | null } = { answer: null, line_id: null, reason: null, resolution_id: null }) =>
    db.insertInto('idea_path').values({ global_position: recorded.globalPosition, idea_id: ideaId, type: event.type, supports, ...answered, occurred_at: at }).onConflict((c) => c.doNothing()).execute();
  const supports = row?.supports ?? 0;
  await match(event)
    .with({ type: 'IdeaProposed' }, async ({ data }) => {
      if (row) return;
      await db
        .insertInto('ideas')
        .values({
          idea_id: ideaId,
          centre_id: data.centreId,
          budget_id: data.budgetId,
          proposer_id: data.proposerId,
          title: JSON.stringify(data.title),
          description: JSON.stringify(data.description),
          status: 'open',
          supports: 0,
          answer: null,
          line_id: null,
          reason: null,
          resolution_id: null,
          proposed_at: at,
          closed_at: null,
          version: recorded.streamVersion,
        })
        .execute();
      await path(0);
    })
    .with({ type: 'IdeaSupported' }, async ({ data }) => {
      const added = await db.insertInto('idea_supporters').values({ idea_id: ideaId, citizen_id: data.citizenId, supported_at: at }).onConflict((c) => c.doNothing()).executeTakeFirst();
      const after = supports + Number(added.numInsertedOrUpdatedRows ?? 0n);
      await db.updateTable('ideas').set({ supports: after, version: recorded.streamVersion }).where('idea_id', '=', ideaId).execute();
      await path(after);
    })
    .with({ type: 'IdeaSupportWithdrawn' }, { type: 'IdeaSupportErased' }, async ({ data }) => {
      const removed = await db.deleteFrom('idea_supporters').where('idea_id', '=', ideaId).where('citizen_id', '=', data.citizenId).executeTakeFirst();
      const after = supports - Number(removed.numDeletedRows);
      await db.updateTable('ideas').set({ supports: after, version: recorded.streamVersion }).where('idea_id', '=', ideaId).execute();
      await path(after);
    })
    .with({ type: 'IdeaWithdrawn' }, async () => {
      await db.updateTable('ideas').set({ status: 'withdrawn', closed_at: at, version: recorded.streamVersion }).where('idea_id', '=', ideaId).execute();
      await path(supports);
    })
    .with({ type: 'IdeaAnswered' }, async ({ data }) => {
      const answered = { answer: data.answer, line_id: data.lineId, reason: data.reason, resolution_id: data.resolutionId };
      await db.updateTable('ideas').set({ status: 'answered', ...answered, closed_at: at, version: recorded.streamVersion }).where('idea_id', '=', ideaId).execute();
      // The count the board saw, as the event records it.
      await path(data.supports, answered);
    })
    .exhaustive();
}

/**
 * Ideas for the development budgets: each with its count of supports, status and the board's
 * answer; who supports which (for a citizen's own page); and each idea's path. Inline: a citizen
 * who supports an idea sees at once that it counts.
 */
export const ideasProjection: Projection = {
  name: 'ideas',
  version: 1,
  mode: 'inline',
  tables: ['ideas', 'idea_supporters', 'idea_path'],
  handles: HANDLES,
  async apply(trx, schema, events) {
    const db: Kysely<IdeaTables> = trx.withSchema(schema);
    for (const event of events) await applyOne(db, event);
  },
};
