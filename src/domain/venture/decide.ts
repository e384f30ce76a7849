import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { isDate, own, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import {
  anniversaryReached,
  BUSINESS_STATUSES,
  danishDate,
  evolve,
  initialState,
  type JoinedVenture,
  type KnownVenture,
  quarterOf,
  SURVIVAL_YEARS,
  type SurvivalYear,
  type Venture,
  VENTURE_EVENT_SCHEMA_VERSIONS,
  VENTURE_PERSONAL_FIELDS,
  type VentureEvent,
  ventureStreamId,
} from './venture.js';

type C<T extends string, D> = CommandEnvelope & { type: T; citizenId: string; data: D };
/** `centreKnown`: whether the centre was established, a fact from its stream; `citizenErased`, a fact from the citizen's journey. */
export type JoinTrack = C<'JoinTrack', { centreId: string; centreKnown: boolean; citizenErased: boolean; businessIdea?: string }>;
/** Part of erasing a citizen (an administrator, with the journey's CitizenErased): the track ends. */
export type EraseTrack = C<'EraseTrack', Record<never, never>>;
export type LeaveTrack = C<'LeaveTrack', { reason?: string }>;
/** `hopedFor`: a month YYYY-MM the citizen chooses as their own aim; never a deadline. */
export type SetMilestone = C<'SetMilestone', { milestoneId: string; text: string; hopedFor?: string }>;
/** The milestone's words and month as they stand after the revision (a month left out is cleared). */
export type ReviseMilestone = C<'ReviseMilestone', { milestoneId: string; text: string; hopedFor?: string }>;
export type MarkMilestoneReached = C<'MarkMilestoneReached', { milestoneId: string }>;
export type RemoveMilestone = C<'RemoveMilestone', { milestoneId: string }>;
/** Codes arrive as the edge received them; the decider keeps only declared values. */
export type RecordCheckIn = C<'RecordCheckIn', { quarter: string; status: string; note?: string }>;
export type RecordBusinessStarted = C<'RecordBusinessStarted', { startedOn: string; hasCvr?: boolean }>;
export type ReportSurvival = C<'ReportSurvival', { years: number; running: boolean }>;

export type VentureCommand =
  | JoinTrack
  | EraseTrack
  | LeaveTrack
  | SetMilestone
  | ReviseMilestone
  | MarkMilestoneReached
  | RemoveMilestone
  | RecordCheckIn
  | RecordBusinessStarted
  | ReportSurvival;

export const BUSINESS_IDEA_MAX = 2000;
export const LEAVE_REASON_MAX = 2000;
export const MILESTONE_TEXT_MAX = 500;
export const CHECK_IN_NOTE_MAX = 2000;
export const OPEN_MILESTONES_MAX = 50;

export function decide(command: VentureCommand, state: Venture): VentureEvent[] {
  if (command.type === 'EraseTrack') return eraseTrack(command, state);
  // The track is the citizen's own: staff write nothing here, and nobody acts for the citizen.
  const p = command.principal;
  if (p.role !== 'citizen' || p.id !== command.citizenId) throw new Forbidden('only the citizen acts on their own entrepreneurs’ track', { role: p.role });
  if (state.status !== 'none' && state.erased) throw new Conflict('citizen_erased', 'this citizen’s data was erased; nothing more is recorded for them');
  return match(command)
    .with({ type: 'JoinTrack' }, (c) => join(c, state))
    .with({ type: 'LeaveTrack' }, (c) => leave(c, state))
    .with({ type: 'SetMilestone' }, (c) => setMilestone(c, onTrack(state, c)))
    .with({ type: 'ReviseMilestone' }, (c) => reviseMilestone(c, onTrack(state, c)))
    .with({ type: 'MarkMilestoneReached' }, (c) => markReached(c, onTrack(state, c)))
    .with({ type: 'RemoveMilestone' }, (c) => removeMilestone(c, onTrack(state, c)))
    .with({ type: 'RecordCheckIn' }, (c) => recordCheckIn(c, onTrack(state, c)))
    .with({ type: 'RecordBusinessStarted' }, (c) => recordBusinessStarted(c, known(state, c)))
    .with({ type: 'ReportSurvival' }, (c) => reportSurvival(c, known(state, c)))
    .exhaustive();
}

function join(c: JoinTrack, state: Venture): VentureEvent[] {
  const { centreId } = c.data;
  if (c.data.citizenErased) throw new Conflict('citizen_erased', 'this citizen’s data was erased; nothing more is recorded for them');
  if (!c.data.centreKnown) throw new NotFound('centre_not_found', 'no such centre', { centreId });
  if (state.status === 'joined') throw new Conflict('track_joined', 'you are on the track already', { centreId: state.centreId });
  const businessIdea = optionalWords(c.data.businessIdea, 'businessIdea', BUSINESS_IDEA_MAX);
  return [{ type: 'TrackJoined', data: { citizenId: c.citizenId, centreId, businessIdea, at: c.now } }];
}

/** Erasing a citizen ends their track, as the administrator's act and not theirs; a track never joined has nothing to end. */
function eraseTrack(c: EraseTrack, state: Venture): VentureEvent[] {
  if (c.principal.role !== 'admin') throw new Forbidden('a track ends with an erasure only as part of it, by an administrator', { role: c.principal.role });
  if (state.status === 'none' || state.erased) return [];
  return [{ type: 'TrackErased', data: { at: c.now } }];
}

/** Leaving is possible at any time, needs no reason, and nothing follows from it. */
function leave(c: LeaveTrack, state: Venture): VentureEvent[] {
  const track = known(state, c);
  if (track.status === 'left') return [];
  const reason = optionalWords(c.data.reason, 'reason', LEAVE_REASON_MAX);
  return [{ type: 'TrackLeft', data: { reason, at: c.now } }];
}

function setMilestone(c: SetMilestone, track: JoinedVenture): VentureEvent[] {
  const { milestoneId } = c.data;
  // An id is used once: a removed milestone's id is not given to a new one.
  if (own(track.milestones, milestoneId)) throw new Conflict('milestone_exists', 'this milestone is already on record', { milestoneId });
  const open = Object.values(track.milestones).filter((m) => m.status === 'open').length;
  if (open >= OPEN_MILESTONES_MAX) {
    throw new RuleViolation('open_milestones_limit', `a track holds at most ${OPEN_MILESTONES_MAX} open milestones; mark one reached or remove one first`, { max: OPEN_MILESTONES_MAX });
  }
  const text = words(c.data.text, 'text', MILESTONE_TEXT_MAX);
  return [{ type: 'MilestoneSet', data: { milestoneId, text, hopedFor: month(c.data.hopedFor), at: c.now } }];
}

/** Open and reached milestones alike may have their words put right. */
function reviseMilestone(c: ReviseMilestone, track: JoinedVenture): VentureEvent[] {
  const { milestoneId } = c.data;
  milestone(track, milestoneId);
  const text = words(c.data.text, 'text', MILESTONE_TEXT_MAX);
  return [{ type: 'MilestoneRevised', data: { milestoneId, text, hopedFor: month(c.data.hopedFor) } }];
}

function markReached(c: MarkMilestoneReached, track: JoinedVenture): VentureEvent[] {
  const { milestoneId } = c.data;
  if (milestone(track, milestoneId) === 'reached') return [];
  return [{ type: 'MilestoneReached', data: { milestoneId, at: c.now } }];
}

function removeMilestone(c: RemoveMilestone, track: JoinedVenture): VentureEvent[] {
  milestone(track, c.data.milestoneId);
  return [{ type: 'MilestoneRemoved', data: { milestoneId: c.data.milestoneId } }];
}

/**
 * A check-in is the citizen's own, for a quarter that has begun, since they first joined. A later
 * one for the same quarter replaces it. Nothing asks for one, and a quarter without one is not
 * marked: no reminder, no count of quarters missed.
 */
function recordCheckIn(c: RecordCheckIn, track: JoinedVenture): VentureEvent[] {
  const { quarter } = c.data;
  if (!/^\d{4}-Q[1-4]$/.test(quarter)) throw new InvalidValue('quarter', 'a quarter YYYY-Qn, n from 1 to 4');
  if (quarter > quarterOf(danishDate(c.now))) throw new InvalidValue('quarter', 'a quarter that has begun: this one or an earlier one');
  const firstJoined = track.memberships[0]!.joinedAt;
  if (quarter < quarterOf(danishDate(firstJoined))) throw new InvalidValue('quarter', 'a quarter since you first joined the track');
  const status = declared(c.data.status, BUSINESS_STATUSES, 'status');
  const note = optionalWords(c.data.note, 'note', CHECK_IN_NOTE_MAX);
  return [{ type: 'CheckInRecorded', data: { quarter, status, note, at: c.now } }];
}

/**
 * The day the citizen says their business started, and, if they say, whether it has a CVR number
 * (never the number itself). Recorded again, it is corrected; the same again changes nothing.
 */
function recordBusinessStarted(c: RecordBusinessStarted, track: KnownVenture): VentureEvent[] {
  const { startedOn, hasCvr } = c.data;
  if (!isDate(startedOn)) throw new InvalidValue('startedOn', 'a date YYYY-MM-DD');
  if (startedOn > danishDate(c.now)) throw new InvalidValue('startedOn', 'the day the business started: today or earlier');
  if (hasCvr !== undefined && typeof hasCvr !== 'boolean') throw new InvalidValue('hasCvr', 'true or false, if you want to say');
  const before = track.businessStart;
  if (before && before.startedOn === startedOn && before.hasCvr === (hasCvr ?? null)) return [];
  return [{ type: 'BusinessStartRecorded', data: { startedOn, ...(hasCvr === undefined ? {} : { hasCvr }), at: c.now } }];
}

/**
 * Whether the business is still running 1, 2 or 3 years after its start, as the citizen says,
 * once that anniversary has come. A later answer for the same year replaces the earlier.
 */
function reportSurvival(c: ReportSurvival, track: KnownVenture): VentureEvent[] {
  const years = c.data.years as SurvivalYear;
  if (!SURVIVAL_YEARS.includes(years)) throw new InvalidValue('years', `one of ${SURVIVAL_YEARS.join(', ')}`);
  if (typeof c.data.running !== 'boolean') throw new InvalidValue('running', 'true or false');
  const start = track.businessStart;
  if (!start) throw new RuleViolation('business_start_not_recorded', 'say first when your business started');
  if (!anniversaryReached(start.startedOn, years, danishDate(c.now))) {
    throw new RuleViolation('anniversary_not_come', `this is asked once the business is ${years} ${years === 1 ? 'year' : 'years'} old`, { years });
  }
  return [{ type: 'SurvivalReported', data: { years, running: c.data.running, startedOn: start.startedOn, at: c.now } }];
}

/** A track the citizen joined at some time, on it now or not: their business's facts are theirs to give either way. */
function known(state: Venture, c: VentureCommand): KnownVenture {
  if (state.status === 'none') throw new NotFound('track_not_found', 'you have not joined the entrepreneurs’ track', { citizenId: c.citizenId });
  return state;
}

/** A track the citizen is on now: milestones and check-ins are kept while on it. */
function onTrack(state: Venture, c: VentureCommand): JoinedVenture {
  const track = known(state, c);
  if (track.status === 'left') throw new Conflict('track_left', 'you left the track; you may join again at any time', { citizenId: c.citizenId });
  return track;
}

/** A milestone there is, open or reached: its status. */
function milestone(track: JoinedVenture, milestoneId: string): 'open' | 'reached' {
  const m = own(track.milestones, milestoneId);
  if (!m || m.status === 'removed') throw new NotFound('milestone_not_found', 'no such milestone', { milestoneId });
  return m.status;
}

/**
 * The citizen's words, tidied. They are the citizen's own, as their goals are: never refused for
 * what they say (a milestone "søge iværksætterydelse" is theirs to set). The track has no field
 * for benefits, and staff write nothing here; the words are sealed and never read by a rule.
 */
function words(raw: string, field: string, max: number): string {
  return tidyText(raw, field, max);
}

/** Words the citizen may leave out: left out or blank, there are none. */
function optionalWords(raw: string | undefined, field: string, max: number): string | null {
  if (raw === undefined || raw.trim().length === 0) return null;
  return words(raw, field, max);
}

/** A month YYYY-MM, or none. */
function month(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) throw new InvalidValue('hopedFor', 'a month YYYY-MM');
  return raw;
}

function declared<T extends string>(value: string, values: readonly T[], field: string): T {
  if (!(values as readonly string[]).includes(value)) throw new InvalidValue(field, `one of ${values.join(', ')}`);
  return value as T;
}

export const ventureDecider: Decider<Venture, VentureCommand, VentureEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => ventureStreamId(command.citizenId),
  schemaVersions: VENTURE_EVENT_SCHEMA_VERSIONS,
  // A track joined again (at another centre) belongs to the centre it is joined at.
  centreOf: (state, command) => (command.type === 'JoinTrack' ? command.data.centreId : state.status === 'none' ? undefined : state.centreId),
  personal: { fields: VENTURE_PERSONAL_FIELDS, subjectOf: (command) => command.citizenId },
};
