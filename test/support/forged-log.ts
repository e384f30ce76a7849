/**
 * Forging a log as an insider with database rights would: events inserted by SQL, around the
 * application, and the verifier's findings for a check by position. For the forged-log tests.
 */
import { sql } from 'kysely';
import { eventsFromDatabase, headsFromDatabase, leavesFromDatabase } from '../../src/audit/source.js';
import { verifyLog } from '../../src/audit/verify.js';
import { newId } from '../../src/ids.js';
import type { createTestApp } from './app.js';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A sealed value's shape, as a forger would copy it (its contents are never opened). */
export const SEALED = { $sealed: 'v1', s: 'x', iv: 'AAAAAAAAAAAAAAAA', ct: 'YmJiYg==', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' };

export function forger(app: () => TestApp, centreId: string) {
  /** Inserts an event straight into the log; the database stamps its recorded time now. */
  async function force(streamId: string, type: string, data: object, actor: { id: string; role: string }, extraMeta: object = {}): Promise<number> {
    const { db } = app().database;
    const { rows } = await sql<{ v: string }>`select coalesce(max(stream_version), 0) + 1 as v from events where stream_id = ${streamId}`.execute(db);
    const metadata = { actor, centreId, correlationId: newId(), causationId: newId(), commandId: newId(), occurredAt: new Date().toISOString(), ...extraMeta };
    const { rows: inserted } = await sql<{ global_position: string }>`
      insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      values (${streamId}, ${Number(rows[0]!.v)}, ${newId()}, ${type}, 1, ${JSON.stringify(data)}::jsonb, ${JSON.stringify(metadata)}::jsonb)
      returning global_position`.execute(db);
    return Number(inserted[0]!.global_position);
  }

  /** The verifier's report on the whole log, once the read models (and the sealer) caught up. */
  async function report() {
    const t = app();
    await t.engine.settle();
    return verifyLog({
      events: eventsFromDatabase(t.database.pool),
      leaves: await leavesFromDatabase(t.database.db),
      heads: await headsFromDatabase(t.database.db),
      publicKeyPem: t.auditKey.publicKeyPem,
    });
  }
  /** What the verifier finds against one check, over the whole log. */
  async function violations(check: number): Promise<{ position: number | null; reason: string }[]> {
    return (await report()).checks.find((c) => c.id === check)!.violations;
  }
  const at = async (check: number, position: number) => (await violations(check)).filter((x) => x.position === position);
  return { force, report, violations, at };
}
