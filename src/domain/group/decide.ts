import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { authoriseForCentre, httpsLink, noCoercion, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  evolve,
  GROUP_EVENT_SCHEMA_VERSIONS,
  GROUP_KINDS,
  GROUP_PERSONAL_FIELDS,
  type Group,
  type GroupEvent,
  type GroupKind,
  groupStreamId,
  initialState,
  isMember,
  type OpenGroup,
} from './group.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { groupId: string } };
/**
 * Staff of the centre (or an administrator) help start a group, or a citizen starts one and is
 * its first member. `kind` arrives as the edge received it; `centreKnown`: whether the centre was
 * established, a fact from its stream; `citizenErased`: whether the starting citizen's data was
 * erased (false when staff start it), a fact from their journey; `partnerKnown`: whether the
 * partner named was registered (true when none is named), a fact from its stream. `partnerId` for a citizen-to-partner group only,
 * `authority` for a citizen-to-authority group only; a blank `purpose` is none.
 */
export type StartGroup = Cmd<
  'StartGroup',
  { centreId: string; centreKnown: boolean; citizenErased: boolean; partnerKnown: boolean; kind: string; name: string; purpose?: string | null; partnerId?: string | null; authority?: string | null }
>;
/** A citizen joins, themselves: `citizenId` is the acting citizen; `citizenErased`, a fact from their journey. */
export type JoinGroup = Cmd<'JoinGroup', { citizenId: string; citizenErased: boolean }>;
/** Part of erasing a citizen (an administrator, with the journey's CitizenErased): their membership ends. */
export type EraseMembership = Cmd<'EraseMembership', { citizenId: string }>;
/** A member leaves, themselves: `citizenId` is the acting citizen. */
export type LeaveGroup = Cmd<'LeaveGroup', { citizenId: string }>;
/** A member records how and when the group meets, as the group decided. The writer is the acting citizen. */
export type SetMeetingArrangement = Cmd<'SetMeetingArrangement', { arrangement: string }>;
export type AttachMeetingPlace = Cmd<'AttachMeetingPlace', { link: string }>;
export type DetachMeetingPlace = Cmd<'DetachMeetingPlace', Record<never, never>>;
export type CloseGroup = Cmd<'CloseGroup', Record<never, never>>;

export type GroupCommand = StartGroup | JoinGroup | LeaveGroup | EraseMembership | SetMeetingArrangement | AttachMeetingPlace | DetachMeetingPlace | CloseGroup;

export const NAME_MAX = 200;
export const PURPOSE_MAX = 2000;
export const AUTHORITY_MAX = 200;
export const PARTNER_ID_MAX = 200;
export const ARRANGEMENT_MAX = 2000;
export const LINK_MAX = 2000;

export function decide(command: GroupCommand, state: Group): GroupEvent[] {
  return match(command)
    .with({ type: 'StartGroup' }, (c) => start(c, state))
    .with({ type: 'JoinGroup' }, (c) => join(c, state))
    .with({ type: 'LeaveGroup' }, (c) => leave(c, state))
    .with({ type: 'EraseMembership' }, (c) => eraseMembership(c, state))
    .with({ type: 'SetMeetingArrangement' }, (c) => arrange(c, open(state, c.data.groupId)))
    .with({ type: 'AttachMeetingPlace' }, (c) => attach(c, open(state, c.data.groupId)))
    .with({ type: 'DetachMeetingPlace' }, (c) => detach(c, open(state, c.data.groupId)))
    .with({ type: 'CloseGroup' }, (c) => close(c, open(state, c.data.groupId)))
    .exhaustive();
}

/**
 * Staff help start a group and become no member of it; a citizen who starts one joins it by that
 * same act. Partners and other roles do not start groups.
 */
function start(c: StartGroup, state: Group): GroupEvent[] {
  const { groupId, centreId } = c.data;
  const p = c.principal;
  const byCitizen = p.role === 'citizen';
  if (!byCitizen) authoriseForCentre(p, centreId, ['staff']);
  if (state.status !== 'none') throw new Conflict('group_exists', 'the group is started already', { groupId });
  if (byCitizen && c.data.citizenErased) throw erased();
  if (!c.data.centreKnown) throw new NotFound('centre_not_found', 'no such centre', { centreId });
  if (!(GROUP_KINDS as readonly string[]).includes(c.data.kind)) throw new InvalidValue('kind', `one of ${GROUP_KINDS.join(', ')}`);
  const kind = c.data.kind as GroupKind;
  const name = noCoercion('name', tidyText(c.data.name, 'name', NAME_MAX, 'a group has a name'));
  const purpose = blank(c.data.purpose) ? null : noCoercion('purpose', tidyText(c.data.purpose, 'purpose', PURPOSE_MAX));
  const partnerId = meets(kind, 'citizen_to_partner', 'partnerId', c.data.partnerId, (raw) => id(raw, 'partnerId', PARTNER_ID_MAX));
  if (partnerId !== null && !c.data.partnerKnown) throw new NotFound('partner_not_found', 'no such partner', { partnerId });
  const authority = meets(kind, 'citizen_to_authority', 'authority', c.data.authority, (raw) => noCoercion('authority', tidyText(raw, 'authority', AUTHORITY_MAX)));
  const started: GroupEvent = { type: 'GroupStarted', data: { groupId, centreId, kind, name, purpose, partnerId, authority, startedBy: byCitizen ? 'citizen' : 'staff' } };
  return byCitizen ? [started, { type: 'GroupJoined', data: { groupId, citizenId: p.id } }] : [started];
}

/** Joining is the citizen's own act; joining again changes nothing. A member who left may come back. */
function join(c: JoinGroup, state: Group): GroupEvent[] {
  const { groupId, citizenId } = c.data;
  self(c.principal, citizenId, 'only the citizen themselves joins a group; nobody adds anyone else');
  if (c.data.citizenErased) throw erased();
  const group = open(state, groupId);
  if (isMember(group, citizenId)) return [];
  return [{ type: 'GroupJoined', data: { groupId, citizenId } }];
}

/** Leaving is the member's own act, at any time and without consequence; leaving when not a member changes nothing. */
function leave(c: LeaveGroup, state: Group): GroupEvent[] {
  const { groupId, citizenId } = c.data;
  self(c.principal, citizenId, 'only the member themselves leaves a group; nobody removes anyone else');
  const group = open(state, groupId);
  if (!isMember(group, citizenId)) return [];
  return [{ type: 'GroupLeft', data: { groupId, citizenId } }];
}

/**
 * Erasing a citizen ends their membership of every open group, as their leaving would, but as the
 * administrator's act (its own event). The group stays open: its other members decide about it,
 * and staff may close it once nobody is left.
 */
function eraseMembership(c: EraseMembership, state: Group): GroupEvent[] {
  const { groupId, citizenId } = c.data;
  if (c.principal.role !== 'admin') throw new Forbidden('a membership ends with an erasure only as part of it, by an administrator', { role: c.principal.role });
  if (state.status !== 'open' || !isMember(state, citizenId)) return [];
  return [{ type: 'GroupMembershipErased', data: { groupId, citizenId } }];
}

const erased = () => new Conflict('citizen_erased', 'this citizen’s data was erased; nothing more is recorded for them');

/** How and when the group meets is the group's own decision: a member records it, never staff. */
function arrange(c: SetMeetingArrangement, group: OpenGroup): GroupEvent[] {
  const p = c.principal;
  if (p.role !== 'citizen' || !isMember(group, p.id)) throw new Forbidden('only a member of the group records how and when it meets', { groupId: group.groupId });
  // The members' own words, sealed: never refused for what they say (as the citizen's goals).
  const arrangement = tidyText(c.data.arrangement, 'arrangement', ARRANGEMENT_MAX, 'say how and when the group meets');
  return [{ type: 'MeetingArrangementSet', data: { groupId: group.groupId, citizenId: p.id, arrangement } }];
}

/** The group's centre sets up its virtual meeting place: an https link, replacing any earlier one. */
function attach(c: AttachMeetingPlace, group: OpenGroup): GroupEvent[] {
  authoriseForCentre(c.principal, group.centreId, ['staff']);
  const link = meetingPlace(c.data.link);
  if (group.meetingPlace === link) return [];
  return [{ type: 'MeetingPlaceAttached', data: { groupId: group.groupId, link } }];
}

function detach(c: DetachMeetingPlace, group: OpenGroup): GroupEvent[] {
  authoriseForCentre(c.principal, group.centreId, ['staff']);
  if (group.meetingPlace === null) return [];
  return [{ type: 'MeetingPlaceDetached', data: { groupId: group.groupId } }];
}

/**
 * A group closes by no one's act but its members' own. One member does not close it over the
 * others: a member closes it only when they are its last (each of the others left by their own
 * act first). Staff of its centre close only a group without members (one that never got going,
 * or that everyone left); the last member leaving does not close it by itself.
 */
function close(c: CloseGroup, group: OpenGroup): GroupEvent[] {
  const p = c.principal;
  const { groupId } = group;
  if (p.role === 'citizen') {
    if (!isMember(group, p.id)) throw new Forbidden('only a member of the group closes it', { groupId });
    if (group.members.length > 1) throw new RuleViolation('group_has_members', 'other members are in the group: it closes when they have left by their own act', { groupId, members: group.members.length });
  } else {
    authoriseForCentre(p, group.centreId, ['staff']);
    if (group.members.length > 0) {
      throw new RuleViolation('group_has_members', 'a group with members closes when its members decide', { groupId, members: group.members.length });
    }
  }
  return [{ type: 'GroupClosed', data: { groupId } }];
}

/** A started group that is still open: a closed group never changes again. */
function open(state: Group, groupId: string): OpenGroup {
  if (state.status === 'none') throw new NotFound('group_not_found', 'no such group', { groupId });
  if (state.status === 'closed') throw new Conflict('group_closed', 'the group is closed; nothing about it changes any more', { groupId });
  return state;
}

/** Only the citizen themselves, never staff, an administrator, a partner or another citizen. */
function self(p: Principal, citizenId: string, why: string): void {
  if (p.role !== 'citizen' || p.id !== citizenId) throw new Forbidden(why, { role: p.role });
}

const blank = (raw: string | null | undefined): raw is null | undefined => raw == null || raw.trim() === '';

/** A value that belongs to one kind of group: required for it, refused for the others. */
function meets(kind: GroupKind, only: GroupKind, field: string, raw: string | null | undefined, check: (raw: string) => string): string | null {
  const what = field === 'partnerId' ? 'the partner' : 'the authority';
  if (kind !== only) {
    if (!blank(raw)) throw new InvalidValue(field, `only a ${only.replace(/_/g, '-')} group names ${what} it meets`);
    return null;
  }
  if (blank(raw)) throw new InvalidValue(field, `a ${only.replace(/_/g, '-')} group names ${what} it meets`);
  return check(raw);
}

/** An id from outside: one token, no spaces. */
function id(raw: string, field: string, max: number): string {
  if (!/^\S+$/.test(raw)) throw new InvalidValue(field, 'an id, without spaces');
  if (raw.length > max) throw new InvalidValue(field, `at most ${max} characters`);
  return raw;
}

/** A meeting place: a secure link, written as the URL standard writes it. */
const meetingPlace = (raw: string): string => httpsLink(raw, 'link', LINK_MAX).href;

export const groupDecider: Decider<Group, GroupCommand, GroupEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => groupStreamId(command.data.groupId),
  schemaVersions: GROUP_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (command.type === 'StartGroup' ? command.data.centreId : state.status === 'none' ? undefined : state.centreId),
  // The meeting arrangement is its writer's: sealed under the acting member's key. Only a member
  // (a citizen, whose principal id is their citizen id) ever writes one.
  personal: { fields: GROUP_PERSONAL_FIELDS, subjectOf: (command) => command.principal.id },
};
