/**
 * Check 2 on activities' waiting lists and on groups closing, against forged logs: events
 * inserted by SQL, around the application, as an insider with database rights would. A place
 * given from a waiting list must be the one the activity decider gives (to the first in line, into
 * a place that freed in the same command, once, before the start); a group closes only by its
 * only member, or by staff when nobody is in it. Honest histories of the same shapes pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';
import { forger } from './support/forged-log.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
const centreId = newId();
const staff = { id: 'counsellor-1', role: 'staff' };
const admin = { id: 'admin-1', role: 'admin' };
const HOUR = 3600_000;
const { force, at } = forger(() => t, centreId);
const reasonsAt = async (check: number, position: number) => (await at(check, position)).map((x) => x.reason).sort();

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Actor = { id: string; role: string };
const citizen = (): Actor => ({ id: newId(), role: 'citizen' });

/** An activity for `capacity`, beginning `startsInHours` from now, with citizens holding its places and others waiting, in that order. */
async function activity(capacity: number, placed: Actor[], waiting: Actor[], startsInHours = 48) {
  const activityId = newId();
  const stream = `activity-${activityId}`;
  const start = new Date(Date.now() + startsInHours * HOUR).toISOString();
  const end = new Date(Date.now() + (startsInHours + 2) * HOUR).toISOString();
  await force(stream, 'ActivityScheduled', { activityId, centreId, kind: 'workshop', title: 'Værksted', description: null, start, end, where: { place: 'Salen' }, capacity }, staff);
  for (const c of placed) await force(stream, 'ActivityRegistered', { activityId, citizenId: c.id }, c);
  for (const [i, c] of waiting.entries()) await force(stream, 'ActivityWaitlisted', { activityId, citizenId: c.id, position: i + 1 }, c);
  /** Events of one command: one command id for all. */
  const command = () => {
    const commandId = newId();
    return (type: string, data: object, actor: Actor) => force(stream, type, { activityId, ...data }, actor, { commandId });
  };
  return { activityId, stream, command };
}

describe('check 2: a place from the waiting list is the one the activity decider gives', () => {
  it('honest histories pass: a place given up, the capacity raised, a place ended by an erasure, each moving the first in line up in the same command', async () => {
    const [a, b, c, d, e] = [citizen(), citizen(), citizen(), citizen(), citizen()];
    const x = await activity(2, [a, b], [c, d, e]);
    const leave = x.command();
    const positions = [await leave('ActivityUnregistered', { citizenId: a.id }, a), await leave('MovedUpFromWaitingList', { citizenId: c.id }, a)];
    const raise = x.command();
    positions.push(await raise('ActivityChanged', { capacity: 3 }, staff), await raise('MovedUpFromWaitingList', { citizenId: d.id }, staff));
    // An administrator erases b: their place ends, and e (first in line now) has it.
    await force(`journey-${b.id}`, 'CitizenErased', { citizenId: b.id }, admin);
    const erase = x.command();
    positions.push(await erase('ActivityPlaceErased', { citizenId: b.id }, admin), await erase('MovedUpFromWaitingList', { citizenId: e.id }, admin));
    // Leaving the line, and a place given up with nobody waiting, move nobody.
    // (b is erased now: nothing more is recorded for them, so this line has others in it.)
    const [f, g] = [citizen(), citizen()];
    const y = await activity(1, [f], [g]);
    positions.push(await y.command()('LeftWaitingList', { citizenId: g.id }, g), await y.command()('ActivityUnregistered', { citizenId: f.id }, f));
    for (const position of positions) for (const check of [2, 7]) expect(await at(check, position), `check ${check} at ${position}`).toEqual([]);
  });

  it('a move up ahead of the first in line, of someone not waiting, or with no place freed', async () => {
    const [a, b, c, d] = [citizen(), citizen(), citizen(), citizen()];
    const x = await activity(2, [a, b], [c, d]);
    const skip = x.command();
    await skip('ActivityUnregistered', { citizenId: a.id }, a);
    const notFirst = await skip('MovedUpFromWaitingList', { citizenId: d.id }, a);
    expect(await reasonsAt(2, notFirst)).toEqual(['a place given from the waiting list ahead of someone who joined it before them']);
    const stranger = citizen();
    const y = await activity(1, [a], [b]);
    const leave = y.command();
    await leave('ActivityUnregistered', { citizenId: a.id }, a);
    const notWaiting = await leave('MovedUpFromWaitingList', { citizenId: stranger.id }, a);
    expect(await reasonsAt(2, notWaiting)).toEqual(['a place given from the waiting list to someone who was not waiting']);
    // Nobody left, no capacity raised: a place out of nothing, in a command of its own or after another act.
    const z = await activity(1, [a], [b, c]);
    const fromNothing = await z.command()('MovedUpFromWaitingList', { citizenId: b.id }, staff);
    expect(await reasonsAt(2, fromNothing)).toEqual(['a place given from the waiting list though no place freed in the same command (nobody holding one left, and the capacity was not raised)']);
    const lower = z.command();
    await lower('ActivityChanged', { title: 'Nyt navn', capacity: 1 }, staff);
    const noRaise = await lower('MovedUpFromWaitingList', { citizenId: c.id }, staff);
    expect(await reasonsAt(2, noRaise)).toEqual(['a place given from the waiting list though no place freed in the same command (nobody holding one left, and the capacity was not raised)']);
    // Someone waiting who leaves the line frees no place.
    const line = (await activity(1, [a], [b, c])).command;
    const leftLine = line();
    await leftLine('LeftWaitingList', { citizenId: b.id }, b);
    const intoNoPlace = await leftLine('MovedUpFromWaitingList', { citizenId: c.id }, b);
    expect(await reasonsAt(2, intoNoPlace)).toEqual(['a place given from the waiting list though no place freed in the same command (nobody holding one left, and the capacity was not raised)']);
  });

  it('one place given twice: two moved up for it, or the same citizen moved up again', async () => {
    const [a, b, c, d] = [citizen(), citizen(), citizen(), citizen()];
    const x = await activity(2, [a, b], [c, d]);
    const leave = x.command();
    await leave('ActivityUnregistered', { citizenId: a.id }, a);
    const first = await leave('MovedUpFromWaitingList', { citizenId: c.id }, a);
    const second = await leave('MovedUpFromWaitingList', { citizenId: d.id }, a);
    const again = await leave('MovedUpFromWaitingList', { citizenId: c.id }, a);
    expect(await at(2, first)).toEqual([]);
    expect(await reasonsAt(2, second)).toEqual(['a place given from the waiting list that was not free: more moved up than places freed']);
    expect(await reasonsAt(2, again)).toEqual(['a place given from the waiting list that was not free: more moved up than places freed', 'a place given from the waiting list to someone who was not waiting']);
    // Later, in a command of its own.
    const later = await x.command()('MovedUpFromWaitingList', { citizenId: c.id }, staff);
    expect(await reasonsAt(2, later)).toEqual([
      'a place given from the waiting list though no place freed in the same command (nobody holding one left, and the capacity was not raised)',
      'a place given from the waiting list to someone who was not waiting',
    ]);
    // A raise by one place moves one up, not two.
    const y = await activity(1, [a], [b, c]);
    const raise = y.command();
    await raise('ActivityChanged', { capacity: 2 }, staff);
    const one = await raise('MovedUpFromWaitingList', { citizenId: b.id }, staff);
    const two = await raise('MovedUpFromWaitingList', { citizenId: c.id }, staff);
    expect(await at(2, one)).toEqual([]);
    expect(await reasonsAt(2, two)).toEqual(['a place given from the waiting list that was not free: more moved up than places freed']);
  });

  it('a move up after the start, at a cancelled activity, and a place ended by "erasure" by staff or of a citizen never erased', async () => {
    const [a, b] = [citizen(), citizen()];
    const begun = await activity(1, [a], [b], -1);
    const leave = begun.command();
    await leave('ActivityUnregistered', { citizenId: a.id }, a);
    const late = await leave('MovedUpFromWaitingList', { citizenId: b.id }, a);
    expect(await reasonsAt(2, late)).toEqual(['a place given from the waiting list after the activity’s start had passed']);
    const cancelled = await activity(1, [a], [b]);
    await cancelled.command()('ActivityCancelled', {}, staff);
    const afterCancel = cancelled.command();
    await afterCancel('ActivityUnregistered', { citizenId: a.id }, a);
    const moved = await afterCancel('MovedUpFromWaitingList', { citizenId: b.id }, a);
    expect(await reasonsAt(2, moved)).toEqual(['a place given from the waiting list of an activity that is not scheduled (never scheduled, or cancelled)']);
    const [c, d] = [citizen(), citizen()];
    const x = await activity(1, [c], [d]);
    const byStaff = x.command();
    const erasedByStaff = await byStaff('ActivityPlaceErased', { citizenId: c.id }, staff);
    await byStaff('MovedUpFromWaitingList', { citizenId: d.id }, staff);
    expect(await reasonsAt(2, erasedByStaff)).toEqual([
      'a place at an activity ended by an erasure of a citizen not erased before it',
      'a place at an activity ended by erasure by someone other than an administrator',
    ]);
  });
});

describe('check 2: a group closes only by its members’ own act, or by staff when nobody is in it', () => {
  async function group(members: Actor[], startedBy: Actor = staff) {
    const groupId = newId();
    const stream = `group-${groupId}`;
    const commandId = newId();
    await force(stream, 'GroupStarted', { groupId, centreId, kind: 'citizen_to_citizen', name: 'Iværksættere', purpose: null, partnerId: null, authority: null, startedBy: startedBy.role }, startedBy, { commandId });
    for (const m of members) await force(stream, 'GroupJoined', { groupId, citizenId: m.id }, m, m === startedBy ? { commandId } : {});
    const act = (type: string, actor: Actor, data: object = {}, meta: object = {}) => force(stream, type, { groupId, ...data }, actor, meta);
    return { groupId, stream, act };
  }

  it('honest closings pass: by the only member left, by the last member leaving and closing it, and by staff once nobody is in it', async () => {
    const [a, b] = [citizen(), citizen()];
    const g = await group([a, b]);
    await g.act('GroupLeft', b, { citizenId: b.id });
    const byOnly = await g.act('GroupClosed', a);
    const started = await group([a], a);
    const commandId = newId();
    await started.act('GroupLeft', a, { citizenId: a.id }, { commandId });
    const byLast = await started.act('GroupClosed', a, {}, { commandId });
    const empty = await group([b]);
    await empty.act('GroupLeft', b, { citizenId: b.id });
    const byStaff = await empty.act('GroupClosed', staff);
    const never = await group([]);
    const byAdmin = await never.act('GroupClosed', admin);
    for (const position of [byOnly, byLast, byStaff, byAdmin]) for (const check of [2, 7]) expect(await at(check, position), `check ${check} at ${position}`).toEqual([]);
  });

  it('staff close a group with members; a citizen who is not a member closes it; one member closes it over the others', async () => {
    const [a, b] = [citizen(), citizen()];
    const g = await group([a, b]);
    const byStaff = await g.act('GroupClosed', staff);
    expect(await reasonsAt(2, byStaff)).toEqual(['a group closed by staff while it has members (a group with members closes when they decide)']);
    const h = await group([a]);
    const byStranger = await h.act('GroupClosed', citizen());
    expect(await reasonsAt(2, byStranger)).toEqual(['a group closed by a citizen who is not a member of it']);
    const k = await group([a, b]);
    const overOthers = await k.act('GroupClosed', a);
    expect(await reasonsAt(2, overOthers)).toEqual(['a group closed by one member while others are still in it']);
    // A member who left, in a command of their own, no longer closes it; nor does a partner; nor is a closed group closed again.
    const m = await group([a]);
    await m.act('GroupLeft', a, { citizenId: a.id });
    const leftBefore = await m.act('GroupClosed', a);
    expect(await reasonsAt(2, leftBefore)).toEqual(['a group closed by a citizen who is not a member of it']);
    const partner = await (await group([])).act('GroupClosed', { id: newId(), role: 'partner' });
    expect(await reasonsAt(2, partner)).toEqual(['a group closed by someone other than its member or staff']);
    const twice = await m.act('GroupClosed', staff);
    expect(await reasonsAt(2, twice)).toEqual(['a group closed that was not open (never started, or closed already)']);
  });
});

describe('check 2: a membership or a track ended by an erasure is an administrator’s, of a citizen the log erased', () => {
  it('honest: an administrator ends an erased member’s membership and track; the group then closes only as an empty group', async () => {
    const [a, b] = [citizen(), citizen()];
    const groupId = newId();
    const stream = `group-${groupId}`;
    await force(stream, 'GroupStarted', { groupId, centreId, kind: 'citizen_to_citizen', name: 'Iværksættere', purpose: null, partnerId: null, authority: null, startedBy: 'staff' }, staff);
    for (const m of [a, b]) await force(stream, 'GroupJoined', { groupId, citizenId: m.id }, m);
    await force(`venture-${a.id}`, 'TrackJoined', { citizenId: a.id, centreId, businessIdea: null, at: new Date().toISOString() }, a);
    const commandId = newId();
    await force(`journey-${a.id}`, 'CitizenErased', { citizenId: a.id }, admin, { commandId });
    const membership = await force(stream, 'GroupMembershipErased', { groupId, citizenId: a.id }, admin, { commandId });
    const track = await force(`venture-${a.id}`, 'TrackErased', { at: new Date().toISOString() }, admin, { commandId });
    // b is the only member left: b may close it.
    const closed = await force(stream, 'GroupClosed', { groupId }, b);
    for (const position of [membership, track, closed]) for (const check of [2, 7]) expect(await at(check, position), `check ${check} at ${position}`).toEqual([]);
  });

  it('forged: an ending before the erasure it claims to be part of, and a citizen’s entry after their erasure', async () => {
    const [a] = [citizen()];
    const x = await activity(2, [a], []);
    const early = await x.command()('ActivityPlaceErased', { citizenId: a.id }, admin);
    await force(`journey-${a.id}`, 'CitizenErased', { citizenId: a.id }, admin);
    expect(await reasonsAt(2, early)).toEqual(['a place at an activity ended by an erasure of a citizen not erased before it']);
    const y = await activity(2, [], []);
    const after = await y.command()('ActivityRegistered', { citizenId: a.id }, a);
    expect(await reasonsAt(2, after)).toEqual(['ActivityRegistered recorded after the citizen’s personal data was erased']);
    const track = await force(`venture-${a.id}`, 'TrackJoined', { citizenId: a.id, centreId, businessIdea: null, at: new Date().toISOString() }, a);
    expect(await reasonsAt(2, track)).toEqual(['TrackJoined recorded after the citizen’s personal data was erased']);
  });

  it('forged: a membership or a track ended by staff or by the citizen, or of a citizen never erased', async () => {
    const [a, b] = [citizen(), citizen()];
    const groupId = newId();
    const stream = `group-${groupId}`;
    await force(stream, 'GroupStarted', { groupId, centreId, kind: 'citizen_to_citizen', name: 'Iværksættere', purpose: null, partnerId: null, authority: null, startedBy: 'staff' }, staff);
    for (const m of [a, b]) await force(stream, 'GroupJoined', { groupId, citizenId: m.id }, m);
    const byStaff = await force(stream, 'GroupMembershipErased', { groupId, citizenId: a.id }, staff);
    expect(await reasonsAt(2, byStaff)).toEqual([
      'a group membership ended by an erasure of a citizen not erased before it',
      'a group membership ended by erasure by someone other than an administrator',
    ]);
    await force(`venture-${b.id}`, 'TrackJoined', { citizenId: b.id, centreId, businessIdea: null, at: new Date().toISOString() }, b);
    const trackNotErased = await force(`venture-${b.id}`, 'TrackErased', { at: new Date().toISOString() }, admin);
    expect(await reasonsAt(2, trackNotErased)).toEqual(['an entrepreneurs’ track ended by an erasure of a citizen not erased before it']);
    const trackByCitizen = await force(`venture-${b.id}`, 'TrackErased', { at: new Date().toISOString() }, b);
    expect(await reasonsAt(2, trackByCitizen)).toContain('an entrepreneurs’ track ended by erasure by someone other than an administrator');
  });
});
