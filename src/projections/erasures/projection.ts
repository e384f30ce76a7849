import { sql } from 'kysely';
import type { JourneyEvent } from '../../domain/journey/journey.js';
import type { Projection } from '../engine/projection.js';

/**
 * Deletes the data key of every erased citizen, in the same transaction as its checkpoint, so
 * an erasure takes effect even if the process that recorded it died before deleting the key.
 * It has no tables of its own; replaying it is harmless.
 */
export const erasuresProjection: Projection = {
  name: 'erasures',
  version: 1,
  mode: 'async',
  tables: [],
  handles: ['CitizenErased'] satisfies JourneyEvent['type'][],
  async apply(trx, _schema, events) {
    for (const event of events) {
      const { citizenId } = event.data as { citizenId: string };
      await sql`insert into subject_keys (subject_id, wrapped_key, master_kid, erased_at) values (${citizenId}, null, 'erased', now())
                on conflict (subject_id) do update set wrapped_key = null, erased_at = coalesce(subject_keys.erased_at, now())`.execute(trx);
    }
  },
};
