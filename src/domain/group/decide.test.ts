import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import {
  type AttachMeetingPlace,
  type CloseGroup,
  type DetachMeetingPlace,
  groupDecider,
  type GroupCommand,
  type JoinGroup,
  type LeaveGroup,
  type SetMeetingArrangement,
  type StartGroup,
} from './decide.js';
import { GROUP_EVENT_SCHEMA_VERSIONS, GROUP_PERSONAL_FIELDS, type GroupEvent, groupStreamId } from './group.js';

const groupId = '0190f5f0-0000-7000-8000-0000000000g1';
const centreId = 'c-1';
const now = '2026-11-22T09:00:00.000+01:00';
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const otherStaff: Principal = { id: 's-2', role: 'staff', centreId: 'c-2' };
const admin: Principal = { id: 'a', role: 'admin' };
const partner: Principal = { id: 'p-1', role: 'partner', centreId };
const anna: Principal = { id: 'cit-anna', role: 'citizen' };
const bo: Principal = { id: 'cit-bo', role: 'citizen' };
const notCitizens: Principal[] = [staff, admin, partner, { id: 'b', role: 'board_member', centreId }, { id: 'r', role: 'researcher' }, { id: 'x', role: 'auditor' }];

const start = (change: Partial<StartGroup['data']> = {}, principal: Principal = staff): StartGroup => ({
  type: 'StartGroup',
  now,
  principal,
  data: { groupId, centreId, centreKnown: true, citizenErased: false, partnerKnown: true, kind: 'citizen_to_citizen', name: 'Iværksættere i Aarhus', ...change },
});
const join = (citizenId: string, principal: Principal, citizenErased = false): JoinGroup => ({ type: 'JoinGroup', now, principal, data: { groupId, citizenId, citizenErased } });
const leave = (citizenId: string, principal: Principal): LeaveGroup => ({ type: 'LeaveGroup', now, principal, data: { groupId, citizenId } });
const arrange = (arrangement: string, principal: Principal = anna): SetMeetingArrangement => ({ type: 'SetMeetingArrangement', now, principal, data: { groupId, arrangement } });
const attach = (link: string, principal: Principal = staff): AttachMeetingPlace => ({ type: 'AttachMeetingPlace', now, principal, data: { groupId, link } });
const detach = (principal: Principal = staff): DetachMeetingPlace => ({ type: 'DetachMeetingPlace', now, principal, data: { groupId } });
const close = (principal: Principal): CloseGroup => ({ type: 'CloseGroup', now, principal, data: { groupId } });

const started = (change: Partial<Extract<GroupEvent, { type: 'GroupStarted' }>['data']> = {}): GroupEvent => ({
  type: 'GroupStarted',
  data: { groupId, centreId, kind: 'citizen_to_citizen', name: 'Iværksættere i Aarhus', purpose: null, partnerId: null, authority: null, startedBy: 'staff', ...change },
});
const joined = (citizenId: string): GroupEvent => ({ type: 'GroupJoined', data: { groupId, citizenId } });
const left = (citizenId: string): GroupEvent => ({ type: 'GroupLeft', data: { groupId, citizenId } });
const closed: GroupEvent = { type: 'GroupClosed', data: { groupId } };
const link = 'https://meet.jit.si/virkelyst-iværksættere';
const linkAsWritten = new URL(link).href;
const attached: GroupEvent = { type: 'MeetingPlaceAttached', data: { groupId, link: linkAsWritten } };
const withAnna = [started(), joined(anna.id)];

describe('starting a group', () => {
  it('is helped by staff of the centre, who become no member of it', () => {
    given(groupDecider).when(start({ name: '  Iværksættere   i Aarhus ', purpose: 'At dele erfaringer med at starte egen virksomhed.' })).then([
      started({ purpose: 'At dele erfaringer med at starte egen virksomhed.' }),
    ]);
    given(groupDecider).when(start({}, admin)).then([started()]);
  });

  it('by a citizen makes them its first member, by that same act', () => {
    given(groupDecider).when(start({}, anna)).then([started({ startedBy: 'citizen' }), joined(anna.id)]);
  });

  it('is refused to staff of another centre and to roles that do not start groups', () => {
    given(groupDecider).when(start({}, otherStaff)).thenError(Forbidden, 'forbidden', { centreId });
    for (const principal of notCitizens.filter((p) => p !== staff && p !== admin)) given(groupDecider).when(start({}, principal)).thenError(Forbidden, 'forbidden');
  });

  it('refuses a group started already, also once it is closed, and a centre that does not exist', () => {
    given(groupDecider, [started()]).when(start()).thenError(Conflict, 'group_exists', { groupId });
    given(groupDecider, [started(), closed]).when(start({}, anna)).thenError(Conflict, 'group_exists');
    given(groupDecider).when(start({ centreKnown: false })).thenError(NotFound, 'centre_not_found', { centreId });
  });

  it('refuses a kind that is not declared', () => {
    given(groupDecider).when(start({ kind: 'activation_group' })).thenError(InvalidValue, 'invalid_value', { field: 'kind' });
  });

  it('names the partner a citizen-to-partner group meets, and only then', () => {
    given(groupDecider).when(start({ kind: 'citizen_to_partner', partnerId: 'partner-7' })).then([started({ kind: 'citizen_to_partner', partnerId: 'partner-7' })]);
    given(groupDecider).when(start({ kind: 'citizen_to_partner' })).thenError(InvalidValue, 'invalid_value', { field: 'partnerId' });
    given(groupDecider).when(start({ kind: 'citizen_to_partner', partnerId: 'two words' })).thenError(InvalidValue, 'invalid_value', { field: 'partnerId' });
    given(groupDecider).when(start({ kind: 'citizen_to_citizen', partnerId: 'partner-7' })).thenError(InvalidValue, 'invalid_value', { field: 'partnerId' });
    given(groupDecider).when(start({ kind: 'citizen_to_authority', authority: 'Skat', partnerId: 'partner-7' })).thenError(InvalidValue, 'invalid_value', { field: 'partnerId' });
  });

  it('refuses a partner that was never registered', () => {
    given(groupDecider).when(start({ kind: 'citizen_to_partner', partnerId: 'partner-7', partnerKnown: false })).thenError(NotFound, 'partner_not_found', { partnerId: 'partner-7' });
  });

  it('refuses a citizen whose data was erased; staff starting a group are not asked', () => {
    given(groupDecider).when(start({ citizenErased: true }, anna)).thenError(Conflict, 'citizen_erased');
    given(groupDecider).when(start({ citizenErased: true }, staff)).then([started()]);
  });

  it('names the authority a citizen-to-authority group meets, tidied, and only then', () => {
    given(groupDecider).when(start({ kind: 'citizen_to_authority', authority: '  Kommunens   sundhedshus ' })).then([started({ kind: 'citizen_to_authority', authority: 'Kommunens sundhedshus' })]);
    given(groupDecider).when(start({ kind: 'citizen_to_authority', authority: '  ' })).thenError(InvalidValue, 'invalid_value', { field: 'authority' });
    given(groupDecider).when(start({ kind: 'citizen_to_authority', authority: 'x'.repeat(201) })).thenError(InvalidValue, 'invalid_value', { field: 'authority' });
    given(groupDecider).when(start({ kind: 'citizen_to_partner', partnerId: 'partner-7', authority: 'Skat' })).thenError(InvalidValue, 'invalid_value', { field: 'authority' });
  });

  it('takes a blank purpose as none, and refuses an empty name or overlong texts', () => {
    given(groupDecider).when(start({ purpose: '   ' })).then([started()]);
    given(groupDecider).when(start({ name: ' ' })).thenError(InvalidValue, 'invalid_value', { field: 'name' });
    given(groupDecider).when(start({ name: 'x'.repeat(201) })).thenError(InvalidValue, 'invalid_value', { field: 'name' });
    given(groupDecider).when(start({ purpose: 'x'.repeat(2001) })).thenError(InvalidValue, 'invalid_value', { field: 'purpose' });
  });

  it('refuses texts that speak of obligations, benefits or sanctions: a group is its members’ own', () => {
    const cases: [Partial<StartGroup['data']>, string][] = [
      [{ name: 'Obligatorisk jobgruppe' }, 'name'],
      [{ purpose: 'Du skal møde op hver mandag' }, 'purpose'],
      [{ purpose: 'Attendance is mandatory for everyone on benefits' }, 'purpose'],
      [{ kind: 'citizen_to_authority', authority: 'Ydelseskontoret' }, 'authority'],
    ];
    for (const [change, field] of cases) given(groupDecider).when(start(change, anna)).thenError(CoerciveWording, 'coercive_wording', { field });
  });
});

describe('joining a group', () => {
  it('is the citizen’s own act', () => {
    given(groupDecider, [started()]).when(join(anna.id, anna)).then([joined(anna.id)]);
    given(groupDecider, withAnna).when(join(bo.id, bo)).then([joined(bo.id)]);
  });

  it('is refused to anyone adding someone else: staff, an administrator, a partner or another citizen', () => {
    for (const principal of [...notCitizens, bo]) given(groupDecider, [started()]).when(join(anna.id, principal)).thenError(Forbidden, 'forbidden');
  });

  it('changes nothing for a member; a member who left may join again', () => {
    given(groupDecider, withAnna).when(join(anna.id, anna)).thenNothing();
    given(groupDecider, [...withAnna, left(anna.id)]).when(join(anna.id, anna)).then([joined(anna.id)]);
  });

  it('refuses a group that does not exist, or is closed', () => {
    given(groupDecider).when(join(anna.id, anna)).thenError(NotFound, 'group_not_found', { groupId });
    given(groupDecider, [started(), closed]).when(join(anna.id, anna)).thenError(Conflict, 'group_closed', { groupId });
  });
});

describe('leaving a group', () => {
  it('is the member’s own act', () => {
    given(groupDecider, withAnna).when(leave(anna.id, anna)).then([left(anna.id)]);
  });

  it('is refused to anyone removing someone else: staff, an administrator, a partner or another member', () => {
    const history = [...withAnna, joined(bo.id)];
    for (const principal of [...notCitizens, bo]) given(groupDecider, history).when(leave(anna.id, principal)).thenError(Forbidden, 'forbidden');
  });

  it('changes nothing for a citizen who is not a member', () => {
    given(groupDecider, [started()]).when(leave(anna.id, anna)).thenNothing();
    given(groupDecider, [...withAnna, left(anna.id)]).when(leave(anna.id, anna)).thenNothing();
  });

  it('by the last member does not close the group: others may still join', () => {
    given(groupDecider, [...withAnna, left(anna.id)]).when(join(bo.id, bo)).then([joined(bo.id)]);
  });

  it('refuses a group that does not exist, or is closed', () => {
    given(groupDecider).when(leave(anna.id, anna)).thenError(NotFound, 'group_not_found');
    given(groupDecider, [...withAnna, closed]).when(leave(anna.id, anna)).thenError(Conflict, 'group_closed');
  });
});

describe('how and when the group meets', () => {
  const arrangement = 'Vi mødes hver tirsdag kl. 10 i caféen, og online når det passer os.';

  it('is recorded by a member, as the group decided, under the member’s own name', () => {
    given(groupDecider, withAnna).when(arrange(`  ${arrangement} `)).then([{ type: 'MeetingArrangementSet', data: { groupId, citizenId: anna.id, arrangement } }]);
  });

  it('is the group’s own decision: refused to staff, an administrator, a partner, a citizen who is not or no longer a member', () => {
    for (const principal of [...notCitizens, bo]) given(groupDecider, withAnna).when(arrange(arrangement, principal)).thenError(Forbidden, 'forbidden', { groupId });
    given(groupDecider, [...withAnna, left(anna.id)]).when(arrange(arrangement)).thenError(Forbidden, 'forbidden');
  });

  it('refuses an empty or overlong text; the members’ own words are theirs, never refused for what they say', () => {
    given(groupDecider, withAnna).when(arrange('  ')).thenError(InvalidValue, 'invalid_value', { field: 'arrangement' });
    given(groupDecider, withAnna).when(arrange('x'.repeat(2001))).thenError(InvalidValue, 'invalid_value', { field: 'arrangement' });
    given(groupDecider, withAnna)
      .when(arrange('Vi taler om dagpenge og a-kassen hver tirsdag'))
      .then([{ type: 'MeetingArrangementSet', data: { groupId, citizenId: anna.id, arrangement: 'Vi taler om dagpenge og a-kassen hver tirsdag' } }]);
  });

  it('is personal data of the member who wrote it, sealed under their key', () => {
    expect(groupDecider.personal?.fields.MeetingArrangementSet).toEqual(['arrangement']);
    expect(groupDecider.personal?.subjectOf(arrange(arrangement))).toBe(anna.id);
    expect(groupDecider.personal?.subjectOf(arrange(arrangement, bo))).toBe(bo.id);
  });

  it('refuses a closed group', () => {
    given(groupDecider, [...withAnna, closed]).when(arrange(arrangement)).thenError(Conflict, 'group_closed');
  });
});

describe('the virtual meeting place', () => {
  it('is attached by staff of the group’s centre or an administrator, as an https address', () => {
    given(groupDecider, withAnna).when(attach(link)).then([attached]);
    given(groupDecider, withAnna).when(attach(` ${link} `, admin)).then([attached]);
  });

  it('is refused to staff of another centre, members, partners and other roles', () => {
    for (const principal of [otherStaff, anna, bo, partner, { id: 'b', role: 'board_member', centreId } as Principal]) {
      given(groupDecider, withAnna).when(attach(link, principal)).thenError(Forbidden, 'forbidden');
      given(groupDecider, [...withAnna, attached]).when(detach(principal)).thenError(Forbidden, 'forbidden');
    }
  });

  it('changes nothing when the same place is attached again; another replaces it', () => {
    given(groupDecider, [...withAnna, attached]).when(attach(link)).thenNothing();
    given(groupDecider, [...withAnna, attached]).when(attach('https://video.example.dk/rum/42')).then([{ type: 'MeetingPlaceAttached', data: { groupId, link: 'https://video.example.dk/rum/42' } }]);
  });

  it('refuses anything but an https address without credentials, naming the link', () => {
    for (const bad of ['http://meet.example.dk/42', 'ftp://example.dk/x', 'javascript:alert(1)', 'meet.example.dk/42', 'https://ole:hemmelig@meet.example.dk/', 'https://meet.example.dk/a b', '', `https://example.dk/${'x'.repeat(2000)}`]) {
      given(groupDecider, withAnna).when(attach(bad)).thenError(InvalidValue, 'invalid_value', { field: 'link' });
    }
  });

  it('is detached by the centre; detaching when none is attached changes nothing', () => {
    given(groupDecider, [...withAnna, attached]).when(detach()).then([{ type: 'MeetingPlaceDetached', data: { groupId } }]);
    given(groupDecider, [...withAnna, attached, { type: 'MeetingPlaceDetached', data: { groupId } }]).when(detach(admin)).thenNothing();
    given(groupDecider, withAnna).when(detach()).thenNothing();
  });

  it('refuses a group that does not exist, or is closed', () => {
    given(groupDecider).when(attach(link)).thenError(NotFound, 'group_not_found');
    given(groupDecider, [started(), closed]).when(attach(link)).thenError(Conflict, 'group_closed');
    given(groupDecider, [started(), attached, closed]).when(detach()).thenError(Conflict, 'group_closed');
  });
});

describe('closing a group', () => {
  it('is the members’ own: the last member may close it, never one member over the others', () => {
    given(groupDecider, [...withAnna, joined(bo.id)]).when(close(bo)).thenError(RuleViolation, 'group_has_members', { groupId, members: 2 });
    given(groupDecider, [...withAnna, joined(bo.id), left(anna.id)]).when(close(bo)).then([closed]);
  });

  it('is refused to a citizen who is not a member, and to partners and other roles', () => {
    given(groupDecider, withAnna).when(close(bo)).thenError(Forbidden, 'forbidden', { groupId });
    given(groupDecider, [...withAnna, left(anna.id)]).when(close(anna)).thenError(Forbidden, 'forbidden');
    for (const principal of [partner, otherStaff, { id: 'r', role: 'researcher' } as Principal]) given(groupDecider, [started()]).when(close(principal)).thenError(Forbidden, 'forbidden');
  });

  it('by staff of its centre or an administrator, only for a group without members', () => {
    given(groupDecider, [started()]).when(close(staff)).then([closed]);
    given(groupDecider, [...withAnna, left(anna.id)]).when(close(admin)).then([closed]);
    given(groupDecider, withAnna).when(close(staff)).thenError(RuleViolation, 'group_has_members', { groupId, members: 1 });
    given(groupDecider, withAnna).when(close(admin)).thenError(RuleViolation, 'group_has_members');
  });

  it('leaves the group unchanged for good', () => {
    const after = [...withAnna, attached, closed];
    const commands: GroupCommand[] = [join(bo.id, bo), leave(anna.id, anna), arrange('Tirsdage kl. 10'), attach('https://video.example.dk/rum/42'), detach(), close(anna), close(staff)];
    for (const command of commands) given(groupDecider, after).when(command).thenError(Conflict, 'group_closed', { groupId });
  });

  it('refuses a group that does not exist', () => {
    given(groupDecider).when(close(anna)).thenError(NotFound, 'group_not_found', { groupId });
  });
});

describe('the group decider', () => {
  it('keeps one stream per group, belonging to its centre', () => {
    const state = (events: GroupEvent[]) => events.reduce(groupDecider.evolve, groupDecider.initialState);
    expect(groupDecider.streamId(join(anna.id, anna))).toBe(groupStreamId(groupId));
    expect(groupStreamId(groupId)).toBe(`group-${groupId}`);
    expect(groupDecider.centreOf?.(state([]), start({}, anna))).toBe(centreId);
    expect(groupDecider.centreOf?.(state(withAnna), join(bo.id, bo))).toBe(centreId);
    expect(groupDecider.centreOf?.(state([]), join(bo.id, bo))).toBeUndefined();
  });

  it('folds membership, the meeting place and closing into the state', () => {
    const state = [...withAnna, joined(bo.id), left(anna.id), attached, closed].reduce(groupDecider.evolve, groupDecider.initialState);
    expect(state).toMatchObject({ status: 'closed', groupId, centreId, kind: 'citizen_to_citizen', members: [bo.id], meetingPlace: linkAsWritten });
  });

  it('declares every event type once, with only the arrangement personal, and no field of attendance, duty or deadline', () => {
    const types = ['GroupClosed', 'GroupJoined', 'GroupLeft', 'GroupMembershipErased', 'GroupStarted', 'MeetingArrangementSet', 'MeetingPlaceAttached', 'MeetingPlaceDetached'];
    expect(Object.keys(GROUP_EVENT_SCHEMA_VERSIONS).sort()).toEqual(types);
    expect(Object.keys(GROUP_PERSONAL_FIELDS).sort()).toEqual(types);
    expect(Object.entries(GROUP_PERSONAL_FIELDS).filter(([, fields]) => fields.length > 0)).toEqual([['MeetingArrangementSet', ['arrangement']]]);
    const events: GroupEvent[] = [started(), joined(anna.id), left(anna.id), attached, closed, { type: 'MeetingPlaceDetached', data: { groupId } }, { type: 'MeetingArrangementSet', data: { groupId, citizenId: anna.id, arrangement: 'x' } }];
    for (const event of events) expect(`${event.type} ${Object.keys(event.data).join(' ')}`).not.toMatch(/attend|present|absen|mandatory|oblig|deadline|sanction|benefit|summon|require/i);
  });
});

describe('erasing a member', () => {
  const erase = (citizenId: string, principal: Principal = admin): GroupCommand => ({ type: 'EraseMembership', now, principal, data: { groupId, citizenId } });
  const erased = (citizenId: string): GroupEvent => ({ type: 'GroupMembershipErased', data: { groupId, citizenId } });

  it('ends their membership as the administrator’s act; the group stays open for the others', () => {
    given(groupDecider, [started(), joined(anna.id), joined(bo.id)]).when(erase(anna.id)).then([erased(anna.id)]);
    const after = [started(), joined(anna.id), joined(bo.id), erased(anna.id)].reduce(groupDecider.evolve, groupDecider.initialState);
    expect(after.status === 'open' && after.members).toEqual([bo.id]);
  });

  it('changes nothing for someone who is no member, or in a closed group', () => {
    given(groupDecider, [started(), joined(bo.id)]).when(erase(anna.id)).then([]);
    given(groupDecider, [started(), joined(anna.id), left(anna.id)]).when(erase(anna.id)).then([]);
    given(groupDecider, [started(), closed]).when(erase(anna.id)).then([]);
  });

  it('is nobody else’s: not the member’s, not staff’s, not another member’s', () => {
    for (const principal of [anna, bo, staff, otherStaff, partner]) given(groupDecider, [started(), joined(anna.id)]).when(erase(anna.id, principal)).thenError(Forbidden, 'forbidden');
  });

  it('refuses an erased citizen joining again', () => {
    given(groupDecider, [started()]).when(join(anna.id, anna, true)).thenError(Conflict, 'citizen_erased');
  });
});
