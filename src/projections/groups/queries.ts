/**
 * Groups as people read them. Staff see a group, its meeting place, its latest arrangement (sealed,
 * as stored) and how many are members; never who. Who is a member is read only for the citizen
 * themselves: their own groups, and whether they are a member of one.
 */
import type { Kysely, Selectable } from 'kysely';
import type { GroupKind } from '../../domain/group/group.js';
import type { SealedField } from '../../privacy/sealed.js';
import type { GroupTables } from './tables.js';

/** A group with its member count. Times are ISO-8601 (UTC). */
export interface GroupView {
  groupId: string;
  centreId: string;
  kind: GroupKind;
  name: string;
  purpose: string | null;
  /** For a citizen-to-partner group only. */
  partnerId: string | null;
  /** For a citizen-to-authority group only. */
  authority: string | null;
  startedBy: 'citizen' | 'staff';
  status: 'open' | 'closed';
  members: number;
  /** The virtual meeting place the centre attached. */
  meetingPlace: string | null;
  /** How and when the group meets, as a member last recorded it: sealed, as stored; only a vault opens it. */
  arrangement: { sealed: SealedField; setAt: string } | null;
  startedAt: string;
  closedAt: string | null;
}

type GroupRow = Selectable<GroupTables['groups']>;

function viewOf(row: GroupRow): GroupView {
  return {
    groupId: row.group_id,
    centreId: row.centre_id,
    kind: row.kind,
    name: row.name,
    purpose: row.purpose,
    partnerId: row.partner_id,
    authority: row.authority,
    startedBy: row.started_by,
    status: row.status,
    members: row.members,
    meetingPlace: row.meeting_place,
    arrangement: row.arrangement && row.arrangement_set_at ? { sealed: row.arrangement, setAt: row.arrangement_set_at.toISOString() } : null,
    startedAt: row.started_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

const groups = (db: Kysely<GroupTables>) => db.withSchema('rm').selectFrom('groups').selectAll();

/** A centre's groups, open ones first, each by name. Closed ones only when asked for. */
export async function groupsOfCentre(db: Kysely<GroupTables>, centreId: string, options: { includeClosed?: boolean } = {}): Promise<GroupView[]> {
  const rows = await groups(db)
    .where('centre_id', '=', centreId)
    .$if(!options.includeClosed, (q) => q.where('status', '=', 'open'))
    // 'open' sorts after 'closed': descending puts the open groups first.
    .orderBy('status', 'desc')
    .orderBy('name')
    .orderBy('group_id')
    .execute();
  return rows.map(viewOf);
}

/** One group, open or closed; null when there is none. */
export async function groupById(db: Kysely<GroupTables>, groupId: string): Promise<GroupView | null> {
  const row = await groups(db).where('group_id', '=', groupId).executeTakeFirst();
  return row ? viewOf(row) : null;
}

/**
 * The groups the citizen is a member of now, by name, with when they joined. A closed group keeps
 * its members (nothing changes in it any more); it is listed only when asked for. For that
 * citizen's own pages.
 */
export async function groupsOfCitizen(db: Kysely<GroupTables>, citizenId: string, options: { includeClosed?: boolean } = {}): Promise<(GroupView & { joinedAt: string })[]> {
  const rows = await db
    .withSchema('rm')
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.group_id', 'm.group_id')
    .selectAll('g')
    .select('m.joined_at')
    .where('m.citizen_id', '=', citizenId)
    .$if(!options.includeClosed, (q) => q.where('g.status', '=', 'open'))
    .orderBy('g.status', 'desc')
    .orderBy('g.name')
    .orderBy('g.group_id')
    .execute();
  return rows.map((row) => ({ ...viewOf(row), joinedAt: row.joined_at.toISOString() }));
}

/** Whether the citizen is a member of the group now (of a closed group too, as the domain's `isMember` has it). */
export async function isMemberOf(db: Kysely<GroupTables>, groupId: string, citizenId: string): Promise<boolean> {
  const row = await db.withSchema('rm').selectFrom('group_members').select('citizen_id').where('group_id', '=', groupId).where('citizen_id', '=', citizenId).executeTakeFirst();
  return row !== undefined;
}
