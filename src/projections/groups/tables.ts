import type { ColumnType } from 'kysely';
import type { GroupKind } from '../../domain/group/group.js';
import type { SealedField } from '../../privacy/sealed.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A nullable timestamptz. */
type MaybeMoment = ColumnType<Date | null, string | null, string | null>;

/**
 * The tables of read model `groups` (migration 0022), as its queries see them. Staff read a
 * group and its member count; who the members are is read only for a member themselves.
 */
export interface GroupTables {
  groups: {
    group_id: string;
    centre_id: string;
    kind: GroupKind;
    name: string;
    purpose: string | null;
    partner_id: string | null;
    authority: string | null;
    started_by: 'citizen' | 'staff';
    status: 'open' | 'closed';
    /** How many are members now: a count, never who. */
    members: number;
    /** The virtual meeting place the centre attached (an https link). */
    meeting_place: string | null;
    /** How and when the group meets, as a member last recorded it: sealed as the log stores it, never opened here. */
    arrangement: ColumnType<SealedField | null, string | null, string | null>;
    arrangement_set_at: MaybeMoment;
    started_at: Moment;
    closed_at: MaybeMoment;
    /** A bigint: our int8 parser reads it as text. */
    version: ColumnType<string, number, number>;
  };
  group_members: {
    group_id: string;
    citizen_id: string;
    /** When they (last) joined. */
    joined_at: Moment;
  };
}
