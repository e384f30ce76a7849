import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_EVENT_SCHEMA_VERSIONS, GROUP_PERSONAL_FIELDS, type GroupEvent, groupStreamId } from '../../src/domain/group/group.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { isSealed, type Vault } from '../../src/privacy/vault.js';
import { groupsProjection } from '../../src/projections/groups/projection.js';
import { groupById, groupsOfCentre, groupsOfCitizen, isMemberOf } from '../../src/projections/groups/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { specVault, staffOf } from './histories.js';

const specs = projectionSpecs(groupsProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

const ARRANGEMENTS = ['Vi mødes hos Lene på Jagtvej tirsdage kl. 10', 'Torsdage kl. 14 på biblioteket, ring til Ole'] as const;

/** One group's stream; a member's arrangement sealed under their own key, as the command handler seals it. */
function groupOf(log: EventLog, vault: Vault, centreId = newId(), groupId = newId()) {
  const stream = log.stream<GroupEvent>(groupStreamId(groupId), GROUP_EVENT_SCHEMA_VERSIONS);
  let minute = 0;
  const at = () => `2026-12-01T10:${String(minute++ % 60).padStart(2, '0')}:00.000+01:00`;
  const byStaff = (event: GroupEvent) => stream(event, { ...staffOf(centreId), at: at() });
  const byCitizen = async (citizenId: string, event: GroupEvent): Promise<RecordedEvent> => {
    const recorded = stream(event, { actor: { id: citizenId, role: 'citizen' }, centreId, at: at() });
    return { ...recorded, data: await vault.sealFields(citizenId, { ...(event.data as Record<string, unknown>) }, GROUP_PERSONAL_FIELDS[event.type]) };
  };
  return {
    groupId,
    centreId,
    started: (name = 'Iværksættere på Nørrebro') =>
      byStaff({ type: 'GroupStarted', data: { groupId, centreId, kind: 'citizen_to_citizen', name, purpose: 'At dele erfaringer', partnerId: null, authority: null, startedBy: 'staff' } }),
    joined: (citizenId: string) => byCitizen(citizenId, { type: 'GroupJoined', data: { groupId, citizenId } }),
    left: (citizenId: string) => byCitizen(citizenId, { type: 'GroupLeft', data: { groupId, citizenId } }),
    arranged: (citizenId: string, arrangement: string) => byCitizen(citizenId, { type: 'MeetingArrangementSet', data: { groupId, citizenId, arrangement } }),
    attached: (link: string) => byStaff({ type: 'MeetingPlaceAttached', data: { groupId, link } }),
    detached: () => byStaff({ type: 'MeetingPlaceDetached', data: { groupId } }),
    closed: (citizenId: string) => byCitizen(citizenId, { type: 'GroupClosed', data: { groupId } }),
  };
}

/** A group started by staff: Lene and Ole join, Lene sets how they meet, a link is attached, Ole changes the arrangement, Lene leaves. */
async function nørrebroGroup(log: EventLog, vault: Vault, centreId = newId()) {
  const g = groupOf(log, vault, centreId);
  const [lene, ole] = [`lene-${newId()}`, `ole-${newId()}`];
  const steps = {
    started: [g.started()],
    joined: [await g.joined(lene), await g.joined(ole)],
    arranged: [await g.arranged(lene, ARRANGEMENTS[0])],
    attached: [g.attached('https://møde.example.dk/iværksættere')],
    rearranged: [await g.arranged(ole, ARRANGEMENTS[1])],
    leneLeft: [await g.left(lene)],
  };
  return { ...g, lene, ole, steps, all: Object.values(steps).flat() };
}

const sealedOf = (e: RecordedEvent) => (e.data as { arrangement: unknown }).arrangement;

describe('groups read model', () => {
  it('handles exactly the group events', () => {
    expect([...(groupsProjection.handles === 'all' ? [] : groupsProjection.handles)].sort()).toEqual(Object.keys(GROUP_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('GroupStarted, GroupJoined, MeetingArrangementSet and MeetingPlaceAttached: the group, its member count, its members, the arrangement sealed as stored', async () => {
    const spec = await specs.fresh();
    const g = await nørrebroGroup(new EventLog(), specVault(specs.database));
    await spec.given(g.steps.started, g.steps.joined, g.steps.arranged, g.steps.attached);
    const arranged = g.steps.arranged[0]!;
    expect(isSealed(sealedOf(arranged))).toBe(true);
    expect(await spec.rows('groups')).toEqual([
      {
        group_id: g.groupId,
        centre_id: g.centreId,
        kind: 'citizen_to_citizen',
        name: 'Iværksættere på Nørrebro',
        purpose: 'At dele erfaringer',
        partner_id: null,
        authority: null,
        started_by: 'staff',
        status: 'open',
        members: 2,
        meeting_place: 'https://møde.example.dk/iværksættere',
        arrangement: sealedOf(arranged),
        arrangement_set_at: new Date('2026-12-01T10:03:00.000+01:00'),
        started_at: new Date('2026-12-01T10:00:00.000+01:00'),
        closed_at: null,
        version: '5',
      },
    ]);
    expect((await spec.rows('group_members')).map((m) => [m.citizen_id, m.joined_at]).sort()).toEqual(
      [
        [g.lene, new Date('2026-12-01T10:01:00.000+01:00')],
        [g.ole, new Date('2026-12-01T10:02:00.000+01:00')],
      ].sort(),
    );
  });

  it('the latest arrangement stands, still sealed; no row holds its words', async () => {
    const spec = await specs.fresh();
    const g = await nørrebroGroup(new EventLog(), specVault(specs.database));
    await spec.serve();
    await spec.given(g.all);
    const view = await groupById(spec.db, g.groupId);
    expect(view?.arrangement).toEqual({ sealed: sealedOf(g.steps.rearranged[0]!), setAt: '2026-12-01T09:05:00.000Z' });
    expect(view?.arrangement?.sealed).toMatchObject({ $sealed: 'v1', s: g.ole });
    const everything = JSON.stringify(await spec.snapshot());
    for (const words of ARRANGEMENTS) expect(everything).not.toContain(words);
  });

  it('GroupLeft ends a membership and lowers the count; joining twice is one membership; a member who left may come back', async () => {
    const spec = await specs.fresh();
    const g = await nørrebroGroup(new EventLog(), specVault(specs.database));
    await spec.serve();
    await spec.given(g.all);
    expect(await groupById(spec.db, g.groupId)).toMatchObject({ members: 1 });
    expect(await isMemberOf(spec.db, g.groupId, g.lene)).toBe(false);
    expect(await isMemberOf(spec.db, g.groupId, g.ole)).toBe(true);
    await spec.given([await g.joined(g.ole), await g.left(`never-${newId()}`)]);
    expect(await groupById(spec.db, g.groupId)).toMatchObject({ members: 1 });
    await spec.given([await g.joined(g.lene)]);
    expect(await groupById(spec.db, g.groupId)).toMatchObject({ members: 2 });
    expect(await isMemberOf(spec.db, g.groupId, g.lene)).toBe(true);
  });

  it('MeetingPlaceDetached takes the link away; GroupClosed closes it, members kept, and nothing changes it afterwards', async () => {
    const spec = await specs.fresh();
    const g = await nørrebroGroup(new EventLog(), specVault(specs.database));
    await spec.serve();
    await spec.given(g.all, [g.detached()]);
    expect(await groupById(spec.db, g.groupId)).toMatchObject({ meetingPlace: null, status: 'open' });
    await spec.given([await g.closed(g.ole)]);
    expect(await groupById(spec.db, g.groupId)).toMatchObject({ status: 'closed', closedAt: '2026-12-01T09:08:00.000Z', members: 1 });
    // Stray events after the closing (the decider refuses them) change nothing.
    await spec.given([await g.joined(g.lene), g.attached('https://andet.example.dk/'), await g.left(g.ole)]);
    expect(await groupById(spec.db, g.groupId)).toMatchObject({ status: 'closed', members: 1, meetingPlace: null });
    expect(await isMemberOf(spec.db, g.groupId, g.lene)).toBe(false);
    expect(await isMemberOf(spec.db, g.groupId, g.ole)).toBe(true);
  });

  it('a centre’s groups: open ones by name, closed ones when asked for, and the member count only: no citizen is named', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const vault = specVault(specs.database);
    const centreId = newId();
    const g = await nørrebroGroup(log, vault, centreId);
    const other = groupOf(log, vault, centreId);
    const closed = groupOf(log, vault, centreId);
    const elsewhere = groupOf(log, vault);
    await spec.serve();
    await spec.given(g.all, [other.started('Cykelværksted'), closed.started('Alle sammen'), await closed.joined(g.lene), await closed.closed(g.lene), elsewhere.started()]);
    const open = await groupsOfCentre(spec.db, centreId);
    expect(open.map((x) => [x.name, x.members, x.status])).toEqual([
      ['Cykelværksted', 0, 'open'],
      ['Iværksættere på Nørrebro', 1, 'open'],
    ]);
    expect((await groupsOfCentre(spec.db, centreId, { includeClosed: true })).map((x) => x.groupId)).toEqual([other.groupId, g.groupId, closed.groupId]);
    // The sealed arrangement names its writer as the key's subject; the views name no member otherwise.
    const shown = JSON.stringify(open.map(({ arrangement: _sealed, ...rest }) => rest));
    expect(shown).not.toContain(g.lene);
    expect(shown).not.toContain(g.ole);
  });

  it('a citizen’s own groups: those they are a member of now, closed ones when asked for', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const vault = specVault(specs.database);
    const g = await nørrebroGroup(log, vault);
    const closed = groupOf(log, vault, g.centreId);
    await spec.serve();
    await spec.given(g.all, [closed.started('Alle sammen'), await closed.joined(g.ole), await closed.closed(g.ole)]);
    expect((await groupsOfCitizen(spec.db, g.ole)).map((x) => [x.groupId, x.joinedAt])).toEqual([[g.groupId, '2026-12-01T09:02:00.000Z']]);
    expect((await groupsOfCitizen(spec.db, g.ole, { includeClosed: true })).map((x) => x.groupId)).toEqual([g.groupId, closed.groupId]);
    expect(await groupsOfCitizen(spec.db, g.lene)).toEqual([]);
  });

  it('makes the same few statements for a batch of any size', async () => {
    const statements = async (groups: number) => {
      const log = new EventLog();
      const vault = specVault(specs.database);
      const events: RecordedEvent[] = [];
      for (let i = 0; i < groups; i++) events.push(...(await nørrebroGroup(log, vault)).all);
      const { statements: count, schema } = await specs.statementsFor(events);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'group_members')}`.execute(specs.db);
      expect(rows[0]!.n).toBe(groups);
      return count;
    };
    const few = await statements(1);
    // Groups and members read; the member who left deleted, the others written; groups written.
    expect(few).toBe(5);
    expect(await statements(40)).toBe(few);
  });

  it('the same rows whatever the batches', async () => {
    const log = new EventLog();
    const vault = specVault(specs.database);
    const g = await nørrebroGroup(log, vault);
    await specs.expectSameRowsForEverySplit([...g.all, g.detached(), await g.joined(g.lene), await g.closed(g.ole), await g.left(g.ole)]);
  });
});
