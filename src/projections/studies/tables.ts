import type { ColumnType } from 'kysely';
import type { StudyExportField, StudyIndicator } from '../../domain/study/study.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;

/** The table of read model `studies` (migration 0019), as its queries see it. */
export interface StudyTables {
  studies: {
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
    registered_at: Moment;
    closed_at: ColumnType<Date | null, string | null, string | null>;
    exports: number;
    last_exported_at: ColumnType<Date | null, string | null, string | null>;
    /** A bigint: our int8 parser reads it as text. */
    version: ColumnType<string, number, number>;
  };
}
