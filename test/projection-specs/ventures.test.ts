import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SurvivalYear, VENTURE_EVENT_SCHEMA_VERSIONS, VENTURE_PERSONAL_FIELDS, type VentureEvent, ventureStreamId } from '../../src/domain/venture/venture.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { newId } from '../../src/ids.js';
import { isSealed, type Vault } from '../../src/privacy/vault.js';
import { venturesProjection } from '../../src/projections/ventures/projection.js';
import { publishSurvival, SURVIVAL_GOAL, survivalShare, ventureOfCitizen } from '../../src/projections/ventures/queries.js';
import { EventLog, projectionSpecs } from '../support/projection-spec.js';
import { specVault } from './histories.js';

const specs = projectionSpecs(venturesProjection);
beforeAll(specs.setUp);
afterAll(specs.tearDown);

/** The citizen's own words: never readable in the read model. */
const WORDS = {
  idea: 'Et cykelværksted med lærlinge på Nørrebro',
  reason: 'Jeg fik fast arbejde som mekaniker',
  m1: 'Finde et lokale',
  m1Revised: 'Finde et lokale tæt på Nørrebro station',
  m2: 'Søge iværksætterydelse',
  m3: 'Købe værktøj',
  note: 'Tre kunder i marts',
  noteAgain: 'Pause i april, jeg var syg',
} as const;

/**
 * A citizen's track stream: every event recorded by the citizen themselves, their words sealed
 * under their own key, as the command handler seals them. `at` is the command's `now`.
 */
function trackOf(log: EventLog, vault: Vault, citizenId = `citizen-${newId()}`) {
  const stream = log.stream<VentureEvent>(ventureStreamId(citizenId), VENTURE_EVENT_SCHEMA_VERSIONS);
  const record = async (event: VentureEvent, at: string, centreId?: string): Promise<RecordedEvent> => {
    const recorded = stream(event, { actor: { id: citizenId, role: 'citizen' }, ...(centreId ? { centreId } : {}), at });
    return { ...recorded, data: await vault.sealFields(citizenId, { ...(event.data as Record<string, unknown>) }, VENTURE_PERSONAL_FIELDS[event.type]) };
  };
  return {
    citizenId,
    joined: (centreId: string, at: string, businessIdea: string | null = null) => record({ type: 'TrackJoined', data: { citizenId, centreId, businessIdea, at } }, at, centreId),
    left: (at: string, reason: string | null = null) => record({ type: 'TrackLeft', data: { reason, at } }, at),
    milestoneSet: (milestoneId: string, text: string, at: string, hopedFor: string | null = null) => record({ type: 'MilestoneSet', data: { milestoneId, text, hopedFor, at } }, at),
    milestoneRevised: (milestoneId: string, text: string, at: string, hopedFor: string | null = null) => record({ type: 'MilestoneRevised', data: { milestoneId, text, hopedFor } }, at),
    milestoneReached: (milestoneId: string, at: string) => record({ type: 'MilestoneReached', data: { milestoneId, at } }, at),
    milestoneRemoved: (milestoneId: string, at: string) => record({ type: 'MilestoneRemoved', data: { milestoneId } }, at),
    checkIn: (quarter: string, status: 'not_started' | 'running' | 'paused' | 'closed', at: string, note: string | null = null) => record({ type: 'CheckInRecorded', data: { quarter, status, note, at } }, at),
    started: (startedOn: string, at: string, hasCvr?: boolean) => record({ type: 'BusinessStartRecorded', data: { startedOn, ...(hasCvr === undefined ? {} : { hasCvr }), at } }, at),
    survival: (years: SurvivalYear, running: boolean, startedOn: string, at: string) => record({ type: 'SurvivalReported', data: { years, running, startedOn, at } }, at),
  };
}

const t = (date: string, time = '10:00:00.000+01:00') => `${date}T${time}`;

/**
 * A whole track: joined with an idea, three milestones (one revised and reached, one removed),
 * two check-ins for one quarter and one for the next, left with a reason, joined again at another
 * centre, the business start recorded, and the first year answered twice (the later stands).
 */
async function wholeTrack(log: EventLog, vault: Vault, centreId = newId(), movedTo = newId()) {
  const v = trackOf(log, vault);
  const events = {
    joined: await v.joined(centreId, t('2025-01-10'), WORDS.idea),
    m1: await v.milestoneSet('m1', WORDS.m1, t('2025-01-11'), '2025-03'),
    m2: await v.milestoneSet('m2', WORDS.m2, t('2025-01-12')),
    m3: await v.milestoneSet('m3', WORDS.m3, t('2025-01-13'), '2025-06'),
    m1Revised: await v.milestoneRevised('m1', WORDS.m1Revised, t('2025-02-01'), '2025-04'),
    m1Reached: await v.milestoneReached('m1', t('2025-03-20')),
    m3Removed: await v.milestoneRemoved('m3', t('2025-03-21')),
    checkIn: await v.checkIn('2025-Q1', 'running', t('2025-03-25'), WORDS.note),
    checkInAgain: await v.checkIn('2025-Q1', 'paused', t('2025-03-28'), WORDS.noteAgain),
    checkInQ2: await v.checkIn('2025-Q2', 'not_started', t('2025-04-02', '10:00:00.000+02:00')),
    left: await v.left(t('2025-05-01', '10:00:00.000+02:00'), WORDS.reason),
    rejoined: await v.joined(movedTo, t('2025-06-01', '10:00:00.000+02:00')),
    started: await v.started('2025-03-01', t('2025-06-02', '10:00:00.000+02:00'), true),
    firstYear: await v.survival(1, false, '2025-03-01', t('2026-03-02')),
    firstYearAgain: await v.survival(1, true, '2025-03-01', t('2026-03-09')),
  };
  return { ...v, centreId, movedTo, events, all: Object.values(events) };
}

const sealedIn = (e: RecordedEvent, field: string) => (e.data as Record<string, unknown>)[field];

describe('ventures read model', () => {
  it('handles exactly the venture events', () => {
    expect([...(venturesProjection.handles === 'all' ? [] : venturesProjection.handles)].sort()).toEqual(Object.keys(VENTURE_EVENT_SCHEMA_VERSIONS).sort());
  });

  it('a track’s rows: memberships with their words sealed as stored, milestones, the latest check-in per quarter, the start, the latest answer per year', async () => {
    const spec = await specs.fresh();
    const v = await wholeTrack(new EventLog(), specVault(specs.database));
    await spec.given(v.all);
    const e = v.events;
    expect(isSealed(sealedIn(e.joined, 'businessIdea'))).toBe(true);
    expect(await spec.rows('venture_tracks')).toEqual([
      {
        citizen_id: v.citizenId,
        centre_id: v.movedTo,
        status: 'joined',
        memberships: [
          { centreId: v.centreId, joinedAt: t('2025-01-10'), businessIdea: sealedIn(e.joined, 'businessIdea'), leftAt: t('2025-05-01', '10:00:00.000+02:00'), leftReason: sealedIn(e.left, 'reason') },
          { centreId: v.movedTo, joinedAt: t('2025-06-01', '10:00:00.000+02:00'), businessIdea: null, leftAt: null, leftReason: null },
        ],
        started_on: '2025-03-01',
        has_cvr: true,
        start_recorded_at: new Date(t('2025-06-02', '10:00:00.000+02:00')),
        running_1: true,
        answered_1_at: new Date(t('2026-03-09')),
        running_2: null,
        answered_2_at: null,
        running_3: null,
        answered_3_at: null,
        version: '15',
      },
    ]);
    expect(await spec.rows('venture_milestones')).toEqual([
      { citizen_id: v.citizenId, milestone_id: 'm1', text: sealedIn(e.m1Revised, 'text'), hoped_for: '2025-04', status: 'reached', set_at: new Date(t('2025-01-11')), reached_at: new Date(t('2025-03-20')) },
      { citizen_id: v.citizenId, milestone_id: 'm2', text: sealedIn(e.m2, 'text'), hoped_for: null, status: 'open', set_at: new Date(t('2025-01-12')), reached_at: null },
    ]);
    expect(await spec.rows('venture_check_ins')).toEqual([
      { citizen_id: v.citizenId, quarter: '2025-Q1', status: 'paused', note: sealedIn(e.checkInAgain, 'note'), recorded_at: new Date(t('2025-03-28')) },
      { citizen_id: v.citizenId, quarter: '2025-Q2', status: 'not_started', note: null, recorded_at: new Date(t('2025-04-02', '10:00:00.000+02:00')) },
    ]);
    const everything = JSON.stringify(await spec.snapshot());
    for (const words of Object.values(WORDS)) expect(everything).not.toContain(words);
  });

  it('through its query: the citizen’s own track, every word sealed under their key, and nothing for someone who never joined', async () => {
    const spec = await specs.fresh();
    const v = await wholeTrack(new EventLog(), specVault(specs.database));
    await spec.serve();
    await spec.given(v.all);
    const e = v.events;
    expect(await ventureOfCitizen(spec.db, v.citizenId)).toEqual({
      citizenId: v.citizenId,
      status: 'joined',
      centreId: v.movedTo,
      memberships: [
        { centreId: v.centreId, joinedAt: '2025-01-10T09:00:00.000Z', businessIdea: sealedIn(e.joined, 'businessIdea'), leftAt: '2025-05-01T08:00:00.000Z', leftReason: sealedIn(e.left, 'reason') },
        { centreId: v.movedTo, joinedAt: '2025-06-01T08:00:00.000Z', businessIdea: null, leftAt: null, leftReason: null },
      ],
      milestones: [
        { milestoneId: 'm1', text: sealedIn(e.m1Revised, 'text'), hopedFor: '2025-04', status: 'reached', setAt: '2025-01-11T09:00:00.000Z', reachedAt: '2025-03-20T09:00:00.000Z' },
        { milestoneId: 'm2', text: sealedIn(e.m2, 'text'), hopedFor: null, status: 'open', setAt: '2025-01-12T09:00:00.000Z', reachedAt: null },
      ],
      checkIns: [
        { quarter: '2025-Q1', status: 'paused', note: sealedIn(e.checkInAgain, 'note'), recordedAt: '2025-03-28T09:00:00.000Z' },
        { quarter: '2025-Q2', status: 'not_started', note: null, recordedAt: '2025-04-02T08:00:00.000Z' },
      ],
      businessStart: { startedOn: '2025-03-01', hasCvr: true, recordedAt: '2025-06-02T08:00:00.000Z' },
      survival: [{ years: 1, running: true, reportedAt: '2026-03-09T09:00:00.000Z' }],
    });
    expect((await ventureOfCitizen(spec.db, v.citizenId))?.milestones[0]?.text).toMatchObject({ $sealed: 'v1', s: v.citizenId });
    expect(await ventureOfCitizen(spec.db, `never-${newId()}`)).toBeNull();
  });

  it('TrackLeft marks the latest membership left; events of a stream never joined change nothing', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const vault = specVault(specs.database);
    const v = trackOf(log, vault);
    const stranger = trackOf(log, vault);
    await spec.serve();
    await spec.given([await v.joined('c1', t('2025-01-10')), await v.left(t('2025-02-01'))], [await stranger.milestoneSet('x', 'x', t('2025-01-01')), await stranger.checkIn('2025-Q1', 'running', t('2025-01-02'))]);
    expect(await ventureOfCitizen(spec.db, v.citizenId)).toMatchObject({ status: 'left', memberships: [{ centreId: 'c1', leftAt: '2025-02-01T09:00:00.000Z', leftReason: null }] });
    expect(await ventureOfCitizen(spec.db, stranger.citizenId)).toBeNull();
    expect(await spec.rows('venture_milestones')).toEqual([]);
    expect(await spec.rows('venture_check_ins')).toEqual([]);
  });

  it('a corrected business start keeps only the answers given once their anniversary of it had come', async () => {
    const spec = await specs.fresh();
    const log = new EventLog();
    const v = trackOf(log, specVault(specs.database));
    await spec.serve();
    await spec.given([
      await v.joined('c1', t('2022-01-10')),
      await v.started('2022-03-01', t('2022-03-02')),
      await v.survival(1, true, '2022-03-01', t('2023-03-01')),
      await v.survival(2, true, '2022-03-01', t('2024-03-05')),
      // Corrected: both answers were given before their anniversaries of 2022-06-01 (2023-06-01 and 2024-06-01).
      await v.started('2022-06-01', t('2024-04-01', '10:00:00.000+02:00')),
    ]);
    expect((await ventureOfCitizen(spec.db, v.citizenId))?.survival).toEqual([]);
    await spec.given([await v.survival(1, false, '2022-06-01', t('2024-04-02', '10:00:00.000+02:00')), await v.started('2022-05-01', t('2024-04-03', '10:00:00.000+02:00'), false)]);
    expect(await ventureOfCitizen(spec.db, v.citizenId)).toMatchObject({
      businessStart: { startedOn: '2022-05-01', hasCvr: false },
      survival: [{ years: 1, running: false, reportedAt: '2024-04-02T08:00:00.000Z' }],
    });
  });

  describe('the survival share', () => {
    /**
     * Five tracks on 2026-03-05 (centre A: 1–4, centre B: 5):
     * 1. started 2024-02-29: years 1 and 2 reached (the 29th has its anniversary after the 28th);
     *    year 1 running, year 2 first not running, then running (the later answer stands).
     * 2. started 2025-06-01: no anniversary yet, not counted.
     * 3. started 2024-01-15: years 1 and 2 reached, year 1 not running, year 2 not answered.
     * 4. never recorded a start: not counted.
     * 5. joined at A, left, joined at B (counted there); started 2023-01-01, years 1–3 reached, 1 and 3 running.
     */
    async function fiveTracks() {
      const spec = await specs.fresh();
      const log = new EventLog();
      const vault = specVault(specs.database);
      const [A, B] = [`centre-a-${newId()}`, `centre-b-${newId()}`];
      const [one, two, three, four, five] = Array.from({ length: 5 }, () => trackOf(log, vault));
      const events = [
        await one!.joined(A, t('2024-01-02')),
        await one!.started('2024-02-29', t('2024-03-01')),
        await one!.survival(1, true, '2024-02-29', t('2025-03-01')),
        await one!.survival(2, false, '2024-02-29', t('2026-03-01')),
        await one!.survival(2, true, '2024-02-29', t('2026-03-04')),
        await two!.joined(A, t('2025-05-02', '10:00:00.000+02:00')),
        await two!.started('2025-06-01', t('2025-06-02', '10:00:00.000+02:00')),
        await three!.joined(A, t('2023-11-02')),
        await three!.started('2024-01-15', t('2024-01-16')),
        await three!.survival(1, false, '2024-01-15', t('2025-01-20')),
        await four!.joined(A, t('2025-01-02')),
        await five!.joined(A, t('2022-11-02')),
        await five!.started('2023-01-01', t('2023-01-05')),
        await five!.left(t('2023-06-01', '10:00:00.000+02:00')),
        await five!.joined(B, t('2023-08-01', '10:00:00.000+02:00')),
        await five!.survival(1, true, '2023-01-01', t('2024-01-02')),
        await five!.survival(3, true, '2023-01-01', t('2026-01-02')),
      ];
      await spec.serve();
      await spec.given(events);
      return { spec, A, B, events, ids: [one, two, three, four, five].map((v) => v!.citizenId) };
    }

    const at = (years: SurvivalYear, reached: number, answered: number, running: number) => {
      const share = answered === 0 ? null : running / answered;
      return { years, reached, answered, running, share, meetsGoal: share === null ? null : share >= 0.5 };
    };

    it('per year: the tracks that reached the anniversary, those that answered, those running, and the share against the goal', async () => {
      const { spec, ids } = await fiveTracks();
      const share = await survivalShare(spec.db, { today: '2026-03-05' });
      expect(SURVIVAL_GOAL).toBe(0.5);
      expect(share).toEqual({ goal: 0.5, years: [at(1, 3, 3, 2), at(2, 3, 1, 1), at(3, 1, 1, 1)] });
      expect(share.years[0]!.share).toBeCloseTo(2 / 3);
      const shown = JSON.stringify(share);
      for (const id of ids) expect(shown).not.toContain(id);
    });

    it('a business whose anniversary has not come is not counted, a 29 February start included', async () => {
      const { spec } = await fiveTracks();
      // On 28 February 2026 the second anniversary of 29 February 2024 has not come: track 1’s answer for it is not counted.
      expect(await survivalShare(spec.db, { today: '2026-02-28' })).toEqual({ goal: 0.5, years: [at(1, 3, 3, 2), at(2, 2, 0, 0), at(3, 1, 1, 1)] });
      // An anniversary counts from its own day on: track 3’s second on 15 January 2026.
      expect((await survivalShare(spec.db, { today: '2026-01-14' })).years[1]).toMatchObject({ reached: 1 });
      expect((await survivalShare(spec.db, { today: '2026-01-15' })).years[1]).toMatchObject({ reached: 2 });
      // Before any anniversary of any of them: nothing reached, no share.
      expect(await survivalShare(spec.db, { today: '2023-12-31' })).toEqual({ goal: 0.5, years: [at(1, 0, 0, 0), at(2, 0, 0, 0), at(3, 0, 0, 0)] });
    });

    it('by the centre of each track’s latest membership', async () => {
      const { spec, A, B } = await fiveTracks();
      expect(await survivalShare(spec.db, { centreId: A, today: '2026-03-05' })).toEqual({ goal: 0.5, years: [at(1, 2, 2, 1), at(2, 2, 1, 1), at(3, 0, 0, 0)] });
      expect(await survivalShare(spec.db, { centreId: B, today: '2026-03-05' })).toEqual({ goal: 0.5, years: [at(1, 1, 1, 1), at(2, 1, 0, 0), at(3, 1, 1, 1)] });
      expect((await survivalShare(spec.db, { centreId: A, today: '2026-03-05' })).years[0]).toMatchObject({ share: 0.5, meetsGoal: true });
    });

    it('a share below the goal says so; a day that is not YYYY-MM-DD is refused', async () => {
      const { spec, A } = await fiveTracks();
      const six = trackOf(new EventLog(), specVault(specs.database));
      await spec.given([await six.joined(A, t('2020-01-02')), await six.started('2020-01-01', t('2020-01-03')), await six.survival(1, false, '2020-01-01', t('2021-01-04'))]);
      expect((await survivalShare(spec.db, { centreId: A, today: '2026-03-05' })).years[0]).toEqual({ years: 1, reached: 3, answered: 3, running: 1, share: 1 / 3, meetsGoal: false });
      await expect(survivalShare(spec.db, { today: '5 March 2026' })).rejects.toMatchObject({ code: 'invalid_value' });
    });
  });

  it('makes the same few statements for a batch of any size', async () => {
    const statements = async (tracks: number) => {
      const log = new EventLog();
      const vault = specVault(specs.database);
      const events: RecordedEvent[] = [];
      for (let i = 0; i < tracks; i++) events.push(...(await wholeTrack(log, vault)).all);
      const { statements: count, schema } = await specs.statementsFor(events);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'venture_check_ins')}`.execute(specs.db);
      expect(rows[0]!.n).toBe(2 * tracks);
      return count;
    };
    const few = await statements(1);
    // Tracks and milestones read; tracks written; the removed milestone deleted, the others written; check-ins written.
    expect(few).toBe(6);
    expect(await statements(30)).toBe(few);
  });

  it('the same rows whatever the batches', async () => {
    const log = new EventLog();
    const v = await wholeTrack(log, specVault(specs.database));
    const corrected = await v.started('2025-04-01', t('2026-03-10'));
    await specs.expectSameRowsForEverySplit([...v.all, corrected, await v.left(t('2026-03-11'), 'Ferdig'), await v.milestoneRevised('m3', 'gone', t('2026-03-12'))]);
  });
});

describe('the survival share as it is shown', () => {
  const year = (answered: number, running: number, reached = answered) => ({ years: 1 as const, reached, answered, running, share: answered === 0 ? null : running / answered, meetsGoal: answered === 0 ? null : running / answered >= 0.5 });
  const shown = (answered: number, running: number, reached?: number) => publishSurvival({ goal: 0.5, years: [year(answered, running, reached)] }).years[0];

  it('hides counts of 1–4 businesses and shows 0 and 5 or more', () => {
    expect(shown(0, 0)).toEqual({ years: 1, reached: 0, answered: 0, running: null, share: null, meetsGoal: null });
    for (const n of [1, 2, 3, 4]) expect(shown(n, 1, n)).toMatchObject({ reached: null, answered: null, running: null, share: null });
    expect(shown(5, 3, 7)).toMatchObject({ reached: 7, answered: 5 });
  });

  it('shows the share only when at least 10 answered and at least 5 each still run and do not', () => {
    expect(shown(12, 6)).toEqual({ years: 1, reached: 12, answered: 12, running: 6, share: 0.5, meetsGoal: true });
    expect(shown(10, 5)).toMatchObject({ running: 5, share: 0.5, meetsGoal: true });
    // None running, or all: every owner's answer would show.
    expect(shown(12, 0)).toMatchObject({ running: null, share: null, meetsGoal: null });
    expect(shown(12, 12)).toMatchObject({ running: null, share: null, meetsGoal: null });
    // Nine answers: never a benchmark. One closed business among twelve: its owner's answer would show.
    expect(shown(9, 5)).toMatchObject({ answered: 9, running: null, share: null, meetsGoal: null });
    expect(shown(12, 11)).toMatchObject({ answered: 12, running: null, share: null });
    expect(shown(12, 2)).toMatchObject({ running: null, share: null });
  });
});

