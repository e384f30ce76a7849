import { sql } from 'kysely';
import type { InlineHook } from '../../eventstore/port.js';
import { handlesType, type Projection } from './projection.js';

/**
 * The store hook that applies the inline projections in the append's own transaction, to the
 * active build, and only when that build is of this code's version (during a version change the
 * new build catches up from the log and goes live under the append gate).
 *
 * It handles only the types some inline projection reads, so with no inline read model (or none
 * that reads what is appended) the store appends with its one statement: no transaction, no read
 * back, no lookup of the active build.
 */
export function inlineProjectionsHook(projections: readonly Projection[]): InlineHook {
  const inline = projections.filter((p) => p.mode === 'inline');
  return {
    handles: (type) => inline.some((p) => handlesType(p, type)),
    async apply(trx, events) {
      for (const projection of inline) {
        const handled = events.filter((e) => handlesType(projection, e.type));
        if (handled.length === 0) continue;
        const { rows } = await sql<{ version: number; schema_name: string }>`
          select version, schema_name from projection_builds where name = ${projection.name} and status = 'active'`.execute(trx);
        const active = rows[0];
        if (active?.version === projection.version) await projection.apply(trx, active.schema_name, handled);
      }
    },
  };
}
