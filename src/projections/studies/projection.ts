import { STUDY_EVENT_SCHEMA_VERSIONS, type StudyEvent, type StudyExportField, type StudyIndicator } from '../../domain/study/study.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { keyedRows, type Projection } from '../engine/projection.js';

/** A row of `rm.studies`, as the pure step writes it. */
export interface StudyRow extends Record<string, unknown> {
  study_id: string;
  title: string;
  purpose: string;
  period_from: string;
  period_to: string;
  indicators: StudyIndicator[];
  export_fields: StudyExportField[];
  legal_basis: string;
  researcher_ids: string[];
  status: 'open' | 'closed';
  registered_at: Date | string;
  closed_at: Date | string | null;
  exports: number;
  last_exported_at: Date | string | null;
  version: number | string;
}

/** Every study event: the aggregate's own list, so a new event reaches the exhaustive switch below. */
const HANDLES: readonly StudyEvent['type'][] = Object.keys(STUDY_EVENT_SCHEMA_VERSIONS).filter((type): type is StudyEvent['type'] => type in STUDY_EVENT_SCHEMA_VERSIONS);

/** The pure step: a study's row after one of its events. (A switch: this runs in rebuilds.) */
export function evolveStudyRow(row: StudyRow | null, recorded: RecordedEvent): StudyRow | null {
  const event = { type: recorded.type, data: recorded.data } as StudyEvent;
  const at = recorded.metadata.occurredAt;
  const version = recorded.streamVersion;
  switch (event.type) {
    case 'StudyRegistered': {
      const d = event.data;
      return {
        study_id: d.studyId,
        title: d.title,
        purpose: d.purpose,
        period_from: d.period.from,
        period_to: d.period.to,
        indicators: d.indicators,
        export_fields: d.exportFields,
        legal_basis: d.legalBasis,
        researcher_ids: d.researcherIds,
        status: 'open',
        registered_at: at,
        closed_at: null,
        exports: 0,
        last_exported_at: null,
        version,
      };
    }
    case 'StudyAccessGranted':
      return row ? { ...row, researcher_ids: [...row.researcher_ids.filter((id) => id !== event.data.researcherId), event.data.researcherId], version } : row;
    case 'StudyAccessRevoked':
      return row ? { ...row, researcher_ids: row.researcher_ids.filter((id) => id !== event.data.researcherId), version } : row;
    case 'StudyClosed':
      return row ? { ...row, status: 'closed', closed_at: at, version } : row;
    case 'StudyExported':
      return row ? { ...row, exports: Number(row.exports) + 1, last_exported_at: at, version } : row;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * The studies registered, and the researchers who may receive their exports. Inline: a grant, a
 * revocation or a closing holds from the moment it is recorded, so the next export request (and
 * the next page) already sees it; no lag in which a revoked researcher could still download.
 */
export const studiesProjection: Projection = {
  name: 'studies',
  version: 1,
  mode: 'inline',
  tables: ['studies'],
  handles: HANDLES,
  apply: keyedRows<StudyRow>({
    table: 'studies',
    key: 'study_id',
    keyOf: (event) => (event.data as { studyId: string }).studyId,
    evolve: evolveStudyRow,
  }),
};
