import type { Kysely } from 'kysely';
import {
  anniversaryReached,
  type BusinessStatus,
  danishDate,
  SURVIVAL_YEARS,
  type SurvivalYear,
  VENTURE_EVENT_SCHEMA_VERSIONS,
  type VentureEvent,
} from '../../domain/venture/venture.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows } from '../engine/rows.js';

/** Every venture event: the aggregate's own list, so a new event reaches the exhaustive switch below. */
const HANDLES: readonly VentureEvent['type'][] = Object.keys(VENTURE_EVENT_SCHEMA_VERSIONS).filter((type): type is VentureEvent['type'] => type in VENTURE_EVENT_SCHEMA_VERSIONS);

/** One time on the track; the citizen's words as the log stores them (sealed). */
export interface MembershipEntry {
  centreId: string;
  joinedAt: string;
  businessIdea: unknown;
  leftAt: string | null;
  leftReason: unknown;
}

/** A row of `venture_tracks`, as the pure step writes it. */
export interface TrackRow extends Record<string, unknown> {
  citizen_id: string;
  centre_id: string;
  status: 'joined' | 'left';
  memberships: MembershipEntry[];
  started_on: string | null;
  has_cvr: boolean | null;
  start_recorded_at: string | null;
  running_1: boolean | null;
  answered_1_at: string | null;
  running_2: boolean | null;
  answered_2_at: string | null;
  running_3: boolean | null;
  answered_3_at: string | null;
  version: number | string;
}

export interface MilestoneRow extends Record<string, unknown> {
  citizen_id: string;
  milestone_id: string;
  /** Sealed as stored. */
  text: unknown;
  hoped_for: string | null;
  status: 'open' | 'reached';
  set_at: string;
  reached_at: string | null;
}

export interface CheckInRow extends Record<string, unknown> {
  citizen_id: string;
  quarter: string;
  status: BusinessStatus;
  /** Sealed as stored, or null. */
  note: unknown;
  recorded_at: string;
}

/** The columns of each survival year's answer. */
export const SURVIVAL_COLUMNS = {
  1: { running: 'running_1', at: 'answered_1_at' },
  2: { running: 'running_2', at: 'answered_2_at' },
  3: { running: 'running_3', at: 'answered_3_at' },
} as const satisfies Record<SurvivalYear, { running: keyof TrackRow; at: keyof TrackRow }>;

/**
 * What one event does to the track and to the milestone or check-in it names (if any): absent
 * leaves that row as it is, null removes it.
 */
export interface VentureStep {
  track: TrackRow | null;
  milestone?: MilestoneRow | null;
  checkIn?: CheckInRow | null;
}

/**
 * The pure step, as `evolve` changes a track: joining again adds a membership, the latest
 * check-in of a quarter and the latest answer of a year stand, a removed milestone is gone, and a
 * corrected business start keeps only the answers given once their anniversary of it had come.
 */
export function evolveVenture(track: TrackRow | null, milestone: MilestoneRow | null, recorded: RecordedEvent): VentureStep {
  const event = { type: recorded.type, data: recorded.data } as VentureEvent;
  const version = recorded.streamVersion;
  if (event.type === 'TrackJoined') {
    const d = event.data;
    const membership: MembershipEntry = { centreId: d.centreId, joinedAt: d.at, businessIdea: d.businessIdea, leftAt: null, leftReason: null };
    if (track) return { track: { ...track, status: 'joined', centre_id: d.centreId, memberships: [...track.memberships, membership], version } };
    return {
      track: {
        citizen_id: d.citizenId,
        centre_id: d.centreId,
        status: 'joined',
        memberships: [membership],
        started_on: null,
        has_cvr: null,
        start_recorded_at: null,
        running_1: null,
        answered_1_at: null,
        running_2: null,
        answered_2_at: null,
        running_3: null,
        answered_3_at: null,
        version,
      },
    };
  }
  if (!track) return { track };
  const citizenId = track.citizen_id;
  const next = { ...track, version };
  switch (event.type) {
    case 'TrackLeft': {
      const d = event.data;
      const last = track.memberships.length - 1;
      return { track: { ...next, status: 'left', memberships: track.memberships.map((m, i) => (i === last ? { ...m, leftAt: d.at, leftReason: d.reason } : m)) } };
    }
    case 'TrackErased': {
      // The membership still open ends; the words were sealed under the erased key and stay unreadable.
      const last = track.memberships.length - 1;
      return {
        track: { ...next, status: 'left', memberships: track.memberships.map((m, i) => (i === last && m.leftAt === null ? { ...m, leftAt: event.data.at } : m)) },
      };
    }
    case 'MilestoneSet': {
      const d = event.data;
      return { track: next, milestone: { citizen_id: citizenId, milestone_id: d.milestoneId, text: d.text, hoped_for: d.hopedFor, status: 'open', set_at: d.at, reached_at: null } };
    }
    case 'MilestoneRevised':
      return milestone ? { track: next, milestone: { ...milestone, text: event.data.text, hoped_for: event.data.hopedFor } } : { track: next };
    case 'MilestoneReached':
      return milestone?.status === 'open' ? { track: next, milestone: { ...milestone, status: 'reached', reached_at: event.data.at } } : { track: next };
    case 'MilestoneRemoved':
      return milestone ? { track: next, milestone: null } : { track: next };
    case 'CheckInRecorded': {
      const d = event.data;
      return { track: next, checkIn: { citizen_id: citizenId, quarter: d.quarter, status: d.status, note: d.note, recorded_at: d.at } };
    }
    case 'BusinessStartRecorded': {
      const d = event.data;
      const survival: Partial<TrackRow> = {};
      for (const years of SURVIVAL_YEARS) {
        const { running, at } = SURVIVAL_COLUMNS[years];
        const answeredAt = track[at];
        if (answeredAt !== null && !anniversaryReached(d.startedOn, years, danishDate(answeredAt))) Object.assign(survival, { [running]: null, [at]: null });
      }
      return { track: { ...next, ...survival, started_on: d.startedOn, has_cvr: d.hasCvr ?? null, start_recorded_at: d.at } };
    }
    case 'SurvivalReported': {
      const { running, at } = SURVIVAL_COLUMNS[event.data.years];
      return { track: { ...next, [running]: event.data.running, [at]: event.data.at } };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The citizen whose track it is: the stream says (one track per citizen), as it does for the decider. */
const citizenOf = (recorded: RecordedEvent) => recorded.streamId.replace(/^venture-/, '');
const field = (recorded: RecordedEvent, name: 'milestoneId' | 'quarter') => {
  const value = (recorded.data as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : null;
};
const milestoneIdOf = (recorded: RecordedEvent) => (recorded.type.startsWith('Milestone') ? field(recorded, 'milestoneId') : null);

const trackRows = () =>
  new BatchRows<TrackRow>({
    table: 'venture_tracks',
    key: ['citizen_id'],
    columns: [
      'citizen_id',
      'centre_id',
      'status',
      'memberships',
      'started_on',
      'has_cvr',
      'start_recorded_at',
      'running_1',
      'answered_1_at',
      'running_2',
      'answered_2_at',
      'running_3',
      'answered_3_at',
      'version',
    ],
    moments: ['start_recorded_at', 'answered_1_at', 'answered_2_at', 'answered_3_at'],
  });
const milestoneRows = () =>
  new BatchRows<MilestoneRow>({
    table: 'venture_milestones',
    key: ['citizen_id', 'milestone_id'],
    columns: ['citizen_id', 'milestone_id', 'text', 'hoped_for', 'status', 'set_at', 'reached_at'],
    moments: ['set_at', 'reached_at'],
  });
/** Check-ins are only ever replaced whole: written, never read back. */
const checkInRows = () =>
  new BatchRows<CheckInRow>({ table: 'venture_check_ins', key: ['citizen_id', 'quarter'], columns: ['citizen_id', 'quarter', 'status', 'note', 'recorded_at'], moments: ['recorded_at'] });

/** One batch: the tracks and milestones its events touch, read once per table, changed in log order, written once per table. */
async function applyBatch(trx: Kysely<any>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
  const tracks = trackRows();
  const milestones = milestoneRows();
  const checkIns = checkInRows();
  await tracks.load(trx, schema, events.map((e) => [citizenOf(e)]));
  const milestoneKeys = events.flatMap((e) => {
    const id = milestoneIdOf(e);
    return id === null ? [] : [[citizenOf(e), id]];
  });
  await milestones.load(trx, schema, milestoneKeys);
  for (const recorded of events) {
    const citizenId = citizenOf(recorded);
    const milestoneId = milestoneIdOf(recorded);
    const step = evolveVenture(tracks.get(citizenId), milestoneId === null ? null : milestones.get(citizenId, milestoneId), recorded);
    if (step.track) tracks.set(step.track);
    if (milestoneId !== null && step.milestone !== undefined) {
      if (step.milestone) milestones.set(step.milestone);
      else milestones.remove(citizenId, milestoneId);
    }
    if (step.checkIn) checkIns.set(step.checkIn);
  }
  await tracks.save(trx, schema);
  await milestones.save(trx, schema);
  await checkIns.save(trx, schema);
}

/**
 * The entrepreneurs' tracks: each citizen's own (their words sealed) and, from all of them, the
 * survival share of the businesses. Async, as the citizen's journey records are: nothing decided
 * reads it, and the share is a statistic.
 */
export const venturesProjection: Projection = {
  name: 'ventures',
  version: 1,
  mode: 'async',
  tables: ['venture_tracks', 'venture_milestones', 'venture_check_ins'],
  handles: HANDLES,
  apply: applyBatch,
};
