// Frozen: this migration must never import application code.
// A counsellor finds a citizen of their centre by the reference the citizen gives: the first
// eight hex digits of the journey id (src/domain/journey/reference.ts). Without an index that is a
// scan of the centre's journey records; with this one it is a lookup by prefix. Read model
// journeys v3 only: a later version of the read model makes its own.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index records_by_journey_reference on rm_journeys_v3.journey_records
      (centre_id, (lower(data->>'journeyId')) text_pattern_ops)
      where event_type = 'JourneyStarted'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists rm_journeys_v3.records_by_journey_reference`.execute(db);
}
