import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, journeyStreamId, type JourneyEvent } from '../../src/domain/journey/journey.js';
import { newId } from '../../src/ids.js';
import { ERASED, SubjectErasedError, Vault } from '../../src/privacy/vault.js';
import { erasuresProjection } from '../../src/projections/erasures/projection.js';
import { EventLog, projectionSpecs, type Row } from '../support/projection-spec.js';
import { admin, boardAndCalendarEvents, budgetHistory, centreHistory, journeyHistory } from './histories.js';

const master = { kid: 'spec-master', key: randomBytes(32) };
/** Citizens whose data key exists before the events are applied (see `outside.reset`). */
let keyed: string[] = [];

/** subject_keys as the erasure leaves it; times only as "erased or not", since they are the database's now(). */
async function keyRows(db: Kysely<any>): Promise<Row[]> {
  const { rows } = await sql<Row>`
    select subject_id, wrapped_key is not null as has_key, master_kid, erased_at is not null as erased
      from subject_keys order by subject_id`.execute(db);
  return rows;
}

// The read model has no tables: it deletes keys in subject_keys, which outlives every build.
const specs = projectionSpecs(erasuresProjection, {
  outside: {
    async reset(db) {
      await sql`delete from subject_keys`.execute(db);
      const vault = new Vault(specs.database, master);
      for (const citizenId of keyed) await vault.seal(citizenId, 'a field of theirs');
    },
    observe: keyRows,
  },
});
beforeAll(specs.setUp);
afterAll(specs.tearDown);

const erased = (log: EventLog, citizenId: string) =>
  log.stream<JourneyEvent>(journeyStreamId(citizenId), JOURNEY_EVENT_SCHEMA_VERSIONS)({ type: 'CitizenErased', data: { citizenId } }, { actor: admin, at: '2027-06-02T10:00:00.000+02:00' });

describe('erasures', () => {
  it('handles only CitizenErased', () => {
    expect(erasuresProjection.handles).toEqual(['CitizenErased']);
    expect(erasuresProjection.tables).toEqual([]);
  });

  it('CitizenErased deletes the citizen’s data key: what was sealed under it no longer opens', async () => {
    const [mette, jonas] = [newId(), newId()].sort();
    keyed = [mette!, jonas!];
    const spec = await specs.fresh();
    const sealed = await new Vault(specs.database, master).seal(mette!, 'Mette Vestergaard');
    await spec.given([erased(new EventLog(), mette!)]);
    expect(await keyRows(spec.db)).toEqual([
      { subject_id: mette, has_key: false, master_kid: 'spec-master', erased: true },
      { subject_id: jonas, has_key: true, master_kid: 'spec-master', erased: false },
    ]);
    // A vault that has not cached the key reads the erasure from the database.
    expect(await new Vault(specs.database, master).open(sealed)).toEqual(ERASED);
  });

  it('CitizenErased for a citizen who never had a key still records the erasure', async () => {
    keyed = [];
    const citizenId = newId();
    const spec = await specs.fresh();
    await spec.given([erased(new EventLog(), citizenId)]);
    expect(await keyRows(spec.db)).toEqual([{ subject_id: citizenId, has_key: false, master_kid: 'erased', erased: true }]);
    await expect(new Vault(specs.database, master).seal(citizenId, 'new words')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('is idempotent, as it claims: a rebuild replays erasures into the same table, and the first erasure time stays', async () => {
    const citizenId = newId();
    keyed = [citizenId];
    const spec = await specs.fresh();
    const event = erased(new EventLog(), citizenId);
    await spec.given([event]);
    const first = await sql<{ erased_at: Date }>`select erased_at from subject_keys where subject_id = ${citizenId}`.execute(spec.db);
    await spec.given([event]);
    await spec.given([event, event]);
    const after = await sql<{ erased_at: Date }>`select erased_at from subject_keys where subject_id = ${citizenId}`.execute(spec.db);
    expect(after.rows).toEqual(first.rows);
    expect(await keyRows(spec.db)).toEqual([{ subject_id: citizenId, has_key: false, master_kid: 'spec-master', erased: true }]);
  });

  it('ignores every other event: a whole journey, centres, budgets, a board', async () => {
    keyed = [];
    const spec = await specs.fresh();
    const log = new EventLog();
    const centre = centreHistory(log);
    const journey = await journeyHistory(log, new Vault(specs.database, master), centre.centreId, newId());
    const before = await keyRows(spec.db);
    expect(before).toEqual([{ subject_id: journey.citizenId, has_key: true, master_kid: 'spec-master', erased: false }]);
    await spec.given([...centre.all, ...journey.all.filter((e) => e.type !== 'CitizenErased'), ...budgetHistory(log, centre.centreId).all, ...boardAndCalendarEvents(log, centre.centreId)]);
    expect(await keyRows(spec.db)).toEqual(before);
  });

  it('gives the same keys however the events are split into batches', async () => {
    const log = new EventLog();
    const centre = centreHistory(log);
    const citizens = [newId(), newId(), newId()];
    keyed = citizens.slice(0, 2);
    const events = [centre.established, erased(log, citizens[0]!), centre.renamed, erased(log, citizens[2]!), erased(log, citizens[1]!), centre.hoursSet];
    const result = await specs.expectSameRowsForEverySplit(events);
    expect(result['(outside the build)']).toHaveLength(3);
  });
});
