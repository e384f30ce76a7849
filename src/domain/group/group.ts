/**
 * A group (DOMAIN.md rule 7): citizens meeting each other, a partner, or an authority. Staff help
 * start a group; the group itself decides how and when it meets; the centre may attach a virtual
 * meeting place (a link). Joining and leaving are only ever the member's own act: there is no
 * event by which anyone adds or removes someone else, no register of who came, and nothing a
 * member must do. One stream per group.
 *
 * The group's name, purpose and the authority it meets are written about the group, not about a
 * person, and are stored in the clear (checked for words of coercion). How and when the group
 * meets is written by a member and may name people: it is personal data of the member who wrote
 * it, sealed under their key (PERSONAL_FIELDS, see `groupDecider.personal`).
 */
import { match } from 'ts-pattern';
import type { DomainEvent } from '../shared/decider.js';

/** Who a group brings together with its citizens: each other, a partner, or an authority. */
export const GROUP_KINDS = ['citizen_to_citizen', 'citizen_to_partner', 'citizen_to_authority'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

type E<T extends string, D> = DomainEvent<T, D>;
/**
 * A group was started, by staff helping (no one is a member then) or by a citizen (who joins it
 * in the same decision, by a GroupJoined of their own). `partnerId` only for a citizen-to-partner
 * group, `authority` only for a citizen-to-authority group; otherwise null.
 */
export type GroupStarted = E<
  'GroupStarted',
  { groupId: string; centreId: string; kind: GroupKind; name: string; purpose: string | null; partnerId: string | null; authority: string | null; startedBy: 'citizen' | 'staff' }
>;
/** A citizen joined, by their own act. */
export type GroupJoined = E<'GroupJoined', { groupId: string; citizenId: string }>;
/** A member left, by their own act. Nothing follows from leaving. */
export type GroupLeft = E<'GroupLeft', { groupId: string; citizenId: string }>;
/**
 * The member's personal data was erased (an administrator's act, in the same append as the
 * journey's CitizenErased): their membership ended with it. Not their act; nothing follows from it.
 */
export type GroupMembershipErased = E<'GroupMembershipErased', { groupId: string; citizenId: string }>;
/** A member recorded how and when the group meets, as the group decided; `arrangement` is sealed under `citizenId`'s key. */
export type MeetingArrangementSet = E<'MeetingArrangementSet', { groupId: string; citizenId: string; arrangement: string }>;
/** The centre attached a virtual meeting place (an https link), replacing any earlier one. */
export type MeetingPlaceAttached = E<'MeetingPlaceAttached', { groupId: string; link: string }>;
export type MeetingPlaceDetached = E<'MeetingPlaceDetached', { groupId: string }>;
/** The group closed: by its members' decision, or by staff when it had no members. */
export type GroupClosed = E<'GroupClosed', { groupId: string }>;

export type GroupEvent = GroupStarted | GroupJoined | GroupLeft | GroupMembershipErased | MeetingArrangementSet | MeetingPlaceAttached | MeetingPlaceDetached | GroupClosed;

export const GROUP_EVENT_SCHEMA_VERSIONS: Record<GroupEvent['type'], number> = {
  GroupStarted: 1,
  GroupJoined: 1,
  GroupLeft: 1,
  GroupMembershipErased: 1,
  MeetingArrangementSet: 1,
  MeetingPlaceAttached: 1,
  MeetingPlaceDetached: 1,
  GroupClosed: 1,
};

/** Personal fields of each event (paths in its data): sealed under the acting member's own key. */
export const GROUP_PERSONAL_FIELDS: Record<GroupEvent['type'], readonly string[]> = {
  GroupStarted: [],
  GroupJoined: [],
  GroupLeft: [],
  GroupMembershipErased: [],
  MeetingArrangementSet: ['arrangement'],
  MeetingPlaceAttached: [],
  MeetingPlaceDetached: [],
  GroupClosed: [],
};

export interface GroupDetails {
  groupId: string;
  centreId: string;
  kind: GroupKind;
  name: string;
  purpose: string | null;
  partnerId: string | null;
  authority: string | null;
  /** The current members, in the order they (last) joined. */
  members: string[];
  /** The virtual meeting place the centre attached, if any. */
  meetingPlace: string | null;
}

/**
 * `open`: citizens may join, members may leave and record how they meet. `closed`: nothing
 * changes any more and nobody joins. The meeting arrangement is not kept here: it is sealed.
 */
export type Group = { status: 'none' } | ({ status: 'open' } & GroupDetails) | ({ status: 'closed' } & GroupDetails);
export type OpenGroup = Extract<Group, { status: 'open' }>;

export const initialState: Group = { status: 'none' };

/** Folds one event into the group. */
export function evolve(state: Group, event: GroupEvent): Group {
  if (event.type === 'GroupStarted') {
    const { groupId, centreId, kind, name, purpose, partnerId, authority } = event.data;
    return { status: 'open', groupId, centreId, kind, name, purpose, partnerId, authority, members: [], meetingPlace: null };
  }
  if (state.status !== 'open') return state;
  return match(event)
    .with({ type: 'GroupJoined' }, ({ data }): Group => (isMember(state, data.citizenId) ? state : { ...state, members: [...state.members, data.citizenId] }))
    .with({ type: 'GroupLeft' }, { type: 'GroupMembershipErased' }, ({ data }): Group => ({ ...state, members: state.members.filter((id) => id !== data.citizenId) }))
    // What the members decided is on record (sealed), not in the state: no decision depends on it.
    .with({ type: 'MeetingArrangementSet' }, (): Group => state)
    .with({ type: 'MeetingPlaceAttached' }, ({ data }): Group => ({ ...state, meetingPlace: data.link }))
    .with({ type: 'MeetingPlaceDetached' }, (): Group => ({ ...state, meetingPlace: null }))
    .with({ type: 'GroupClosed' }, (): Group => ({ ...state, status: 'closed' }))
    .exhaustive();
}

/** Whether this citizen is a member of the group now. */
export const isMember = (group: Group, citizenId: string) => group.status !== 'none' && group.members.includes(citizenId);

export const groupStreamId = (groupId: string) => `group-${groupId}`;
