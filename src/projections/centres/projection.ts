import { CENTRE_EVENT_SCHEMA_VERSIONS, type CentreEvent } from '../../domain/centre/centre.js';
import { municipalityByCode } from '../../domain/centre/municipalities.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { keyedRows, type Projection } from '../engine/projection.js';

/** A row of `rm.centres`. */
export interface CentreRow extends Record<string, unknown> {
  centre_id: string;
  municipality_code: string;
  municipality_name: string;
  name: string;
  opening_hours: unknown;
  established_at: Date | string;
  updated_at: Date | string;
  version: number | string;
}

/** Every centre event: the aggregate's own list, so a new event reaches `evolveCentreRow`'s exhaustive switch. */
const HANDLES: readonly CentreEvent['type'][] = Object.keys(CENTRE_EVENT_SCHEMA_VERSIONS).filter((type): type is CentreEvent['type'] => type in CENTRE_EVENT_SCHEMA_VERSIONS);

/** The pure step: a centre's row after one of its events. (A switch: this runs in rebuilds.) */
export function evolveCentreRow(row: CentreRow | null, recorded: RecordedEvent): CentreRow | null {
  const event = { type: recorded.type, data: recorded.data } as CentreEvent;
  const at = recorded.metadata.occurredAt;
  const version = recorded.streamVersion;
  switch (event.type) {
    case 'CentreEstablished':
      return {
        centre_id: event.data.centreId,
        municipality_code: event.data.municipalityCode,
        municipality_name: municipalityByCode(event.data.municipalityCode)?.name ?? event.data.municipalityCode,
        name: event.data.name,
        opening_hours: event.data.openingHours,
        established_at: at,
        updated_at: at,
        version,
      };
    case 'CentreRenamed':
      return row ? { ...row, name: event.data.name, updated_at: at, version } : row;
    case 'CentreOpeningHoursSet':
      return row ? { ...row, opening_hours: event.data.openingHours, updated_at: at, version } : row;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** Every centre with its municipality, name and in-person opening hours. */
export const centresProjection: Projection = {
  name: 'centres',
  version: 1,
  mode: 'async',
  tables: ['centres'],
  handles: HANDLES,
  apply: keyedRows<CentreRow>({
    table: 'centres',
    key: 'centre_id',
    keyOf: (event) => (event.data as { centreId: string }).centreId,
    evolve: evolveCentreRow,
  }),
};
