import { type Kysely, sql } from 'kysely';
import { GROUP_EVENT_SCHEMA_VERSIONS, type GroupEvent, type GroupKind } from '../../domain/group/group.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows } from '../engine/rows.js';

/** Every group event: the aggregate's own list, so a new event reaches the exhaustive switch below. */
const HANDLES: readonly GroupEvent['type'][] = Object.keys(GROUP_EVENT_SCHEMA_VERSIONS).filter((type): type is GroupEvent['type'] => type in GROUP_EVENT_SCHEMA_VERSIONS);

/** A row of `groups`, as the pure step writes it. */
export interface GroupRow extends Record<string, unknown> {
  group_id: string;
  centre_id: string;
  kind: GroupKind;
  name: string;
  purpose: string | null;
  partner_id: string | null;
  authority: string | null;
  started_by: 'citizen' | 'staff';
  status: 'open' | 'closed';
  members: number;
  meeting_place: string | null;
  /** Sealed as stored: whatever the log holds, never opened. */
  arrangement: unknown;
  arrangement_set_at: string | null;
  started_at: string;
  closed_at: string | null;
  version: number | string;
}

/** A row of `group_members`: a citizen who is a member now. */
export interface MemberRow extends Record<string, unknown> {
  group_id: string;
  citizen_id: string;
  joined_at: string;
}

/**
 * What one event does to its group's row and to the row of the member it names (if any):
 * `member` absent leaves that row as it is, null removes it; `clearMembers` ends every membership.
 */
export interface GroupStep {
  group: GroupRow | null;
  member?: MemberRow | null;
  clearMembers?: true;
}

/**
 * The pure step, as `evolve` changes a group: once closed nothing changes it, joining twice is one
 * membership, and the member count moves only when a member's own row does. The arrangement is
 * the latest a member recorded, kept exactly as stored.
 */
export function evolveGroup(group: GroupRow | null, member: MemberRow | null, recorded: RecordedEvent): GroupStep {
  const event = { type: recorded.type, data: recorded.data } as GroupEvent;
  const at = recorded.metadata.occurredAt;
  const version = recorded.streamVersion;
  if (event.type === 'GroupStarted') {
    const d = event.data;
    const row: GroupRow = {
      group_id: d.groupId,
      centre_id: d.centreId,
      kind: d.kind,
      name: d.name,
      purpose: d.purpose,
      partner_id: d.partnerId,
      authority: d.authority,
      started_by: d.startedBy,
      status: 'open',
      members: 0,
      meeting_place: null,
      arrangement: null,
      arrangement_set_at: null,
      started_at: at,
      closed_at: null,
      version,
    };
    // Started again (which the decider never does), it starts without members, as `evolve` has it.
    return group ? { group: row, clearMembers: true } : { group: row };
  }
  if (group?.status !== 'open') return { group };
  switch (event.type) {
    case 'GroupJoined':
      if (member) return { group };
      return { group: { ...group, members: Number(group.members) + 1, version }, member: { group_id: group.group_id, citizen_id: event.data.citizenId, joined_at: at } };
    case 'GroupLeft':
    case 'GroupMembershipErased':
      return member ? { group: { ...group, members: Number(group.members) - 1, version }, member: null } : { group };
    case 'MeetingArrangementSet':
      return { group: { ...group, arrangement: event.data.arrangement, arrangement_set_at: at, version } };
    case 'MeetingPlaceAttached':
      return { group: { ...group, meeting_place: event.data.link, version } };
    case 'MeetingPlaceDetached':
      return { group: { ...group, meeting_place: null, version } };
    case 'GroupClosed':
      // The members stay members of the closed group, as in `evolve`; nothing changes any more.
      return { group: { ...group, status: 'closed', closed_at: at, version } };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

const groupIdOf = (recorded: RecordedEvent) => String((recorded.data as { groupId?: unknown } | null)?.groupId);
/** The citizen whose membership the event is about: joining and leaving only (an arrangement's writer is not a membership change). */
const memberOf = (recorded: RecordedEvent) => {
  if (recorded.type !== 'GroupJoined' && recorded.type !== 'GroupLeft' && recorded.type !== 'GroupMembershipErased') return null;
  const id = (recorded.data as { citizenId?: unknown } | null)?.citizenId;
  return typeof id === 'string' ? id : null;
};

const groupRows = () =>
  new BatchRows<GroupRow>({
    table: 'groups',
    key: ['group_id'],
    columns: ['group_id', 'centre_id', 'kind', 'name', 'purpose', 'partner_id', 'authority', 'started_by', 'status', 'members', 'meeting_place', 'arrangement', 'arrangement_set_at', 'started_at', 'closed_at', 'version'],
    moments: ['arrangement_set_at', 'started_at', 'closed_at'],
  });
const memberRows = () => new BatchRows<MemberRow>({ table: 'group_members', key: ['group_id', 'citizen_id'], columns: ['group_id', 'citizen_id', 'joined_at'], moments: ['joined_at'] });

/** One batch: the groups and memberships its events touch, read once per table, changed in log order, written once per table. */
async function applyBatch(trx: Kysely<any>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const groups = groupRows();
  const members = memberRows();
  const named = new Map<string, Set<string>>();
  for (const e of events) {
    const citizenId = memberOf(e);
    if (citizenId === null) continue;
    const id = groupIdOf(e);
    named.set(id, (named.get(id) ?? new Set()).add(citizenId));
  }
  await groups.load(trx, schema, events.map((e) => [groupIdOf(e)]));
  await members.load(trx, schema, [...named].flatMap(([id, citizens]) => [...citizens].map((c) => [id, c])));
  const cleared = new Set<string>();
  for (const recorded of events) {
    const id = groupIdOf(recorded);
    const citizenId = memberOf(recorded);
    const step = evolveGroup(groups.get(id), citizenId === null ? null : members.get(id, citizenId), recorded);
    if (step.clearMembers) {
      cleared.add(id);
      for (const c of named.get(id) ?? []) if (members.get(id, c)) members.remove(id, c);
    }
    if (step.group) groups.set(step.group);
    if (citizenId !== null && step.member !== undefined) {
      if (step.member) members.set(step.member);
      else members.remove(id, citizenId);
    }
  }
  if (cleared.size > 0) await sql`delete from ${sql.id(schema, 'group_members')} where group_id = any(${[...cleared]})`.execute(trx);
  await members.save(trx, schema);
  await groups.save(trx, schema);
}

/**
 * Groups as people look at them: each group with its member count, meeting place and latest
 * arrangement (sealed), and who is a member now, for the members' own pages. Inline: whether
 * someone is a member decides what their pages show of the group, so a member who left is no
 * longer one from the moment it is recorded.
 */
export const groupsProjection: Projection = {
  name: 'groups',
  version: 1,
  mode: 'inline',
  tables: ['groups', 'group_members'],
  handles: HANDLES,
  apply: applyBatch,
};
