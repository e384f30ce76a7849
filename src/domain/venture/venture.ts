/**
 * The entrepreneurs' track (rugekasse): an incubator a citizen may join, one track per citizen.
 * Everything in it is the citizen's own: the milestones they set themselves, the quarterly
 * check-ins they choose to fill in, the day they say their business started, and whether it is
 * still running one, two and three years on (so the centre can see the survival share against
 * its goal of at least 50 %). Mentor conversations are ordinary conversations, booked in the
 * calendar; they are not recorded here.
 *
 * The track holds no benefit data: the entrepreneur allowance and any report to the A-kasse
 * stay outside the system. Nothing here sets a deadline, counts a missing check-in or reminds
 * anyone of anything: a milestone's month is the citizen's own hope, and a quarter without a
 * check-in is simply a quarter without one. The citizen's words (their business idea, why they
 * left, milestones, check-in notes) are personal data, sealed under their own key.
 */
import { match } from 'ts-pattern';
import { inCopenhagen } from '../journey/hours.js';
import type { DomainEvent } from '../shared/decider.js';
import { own } from '../shared/checks.js';
import { InvalidValue } from '../shared/errors.js';

/** How the business stands, as the citizen tells it in a check-in. */
export const BUSINESS_STATUSES = ['not_started', 'running', 'paused', 'closed'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];

/** The anniversaries of a business start the citizen may say whether it is still running. */
export const SURVIVAL_YEARS = [1, 2, 3] as const;
export type SurvivalYear = (typeof SURVIVAL_YEARS)[number];

type E<T extends string, D> = DomainEvent<T, D>;
/** The citizen joined the track at a centre; `businessIdea`: their own words, if they gave any. */
export type TrackJoined = E<'TrackJoined', { citizenId: string; centreId: string; businessIdea: string | null; at: string }>;
/** The citizen left the track; `reason` only if they chose to give one. Nothing follows from it. */
export type TrackLeft = E<'TrackLeft', { reason: string | null; at: string }>;
/**
 * The citizen's personal data was erased (an administrator's act, in the same append as the
 * journey's CitizenErased): a membership still open ended with it, and nothing more is recorded on
 * the track. Not their act. What they said of their business (a start, whether it ran) stays as
 * anonymous facts in the centre's survival share, as erased citizens' facts stay in research
 * aggregates; their words were sealed under their key and are gone with it.
 */
export type TrackErased = E<'TrackErased', { at: string }>;
/** `hopedFor`: the month (YYYY-MM) the citizen hopes to get there, their own aim; nobody holds them to it. */
export type MilestoneSet = E<'MilestoneSet', { milestoneId: string; text: string; hopedFor: string | null; at: string }>;
export type MilestoneRevised = E<'MilestoneRevised', { milestoneId: string; text: string; hopedFor: string | null }>;
export type MilestoneReached = E<'MilestoneReached', { milestoneId: string; at: string }>;
export type MilestoneRemoved = E<'MilestoneRemoved', { milestoneId: string }>;
/** A check-in for a quarter (YYYY-Qn); a later one for the same quarter replaces it. */
export type CheckInRecorded = E<'CheckInRecorded', { quarter: string; status: BusinessStatus; note: string | null; at: string }>;
/** The day the citizen says their business started; `hasCvr` (only when they said) whether it has a CVR number, never the number. */
export type BusinessStartRecorded = E<'BusinessStartRecorded', { startedOn: string; hasCvr?: boolean; at: string }>;
/** Whether the business was running `years` after `startedOn`, as the citizen says; a later answer replaces it. */
export type SurvivalReported = E<'SurvivalReported', { years: SurvivalYear; running: boolean; startedOn: string; at: string }>;

export type VentureEvent =
  | TrackJoined
  | TrackLeft
  | TrackErased
  | MilestoneSet
  | MilestoneRevised
  | MilestoneReached
  | MilestoneRemoved
  | CheckInRecorded
  | BusinessStartRecorded
  | SurvivalReported;

export const VENTURE_EVENT_SCHEMA_VERSIONS: Record<VentureEvent['type'], number> = {
  TrackJoined: 1,
  TrackLeft: 1,
  TrackErased: 1,
  MilestoneSet: 1,
  MilestoneRevised: 1,
  MilestoneReached: 1,
  MilestoneRemoved: 1,
  CheckInRecorded: 1,
  BusinessStartRecorded: 1,
  SurvivalReported: 1,
};

/** The citizen's words in each event (top-level fields of its data): sealed under their own key. */
export const VENTURE_PERSONAL_FIELDS: Record<VentureEvent['type'], readonly string[]> = {
  TrackJoined: ['businessIdea'],
  TrackLeft: ['reason'],
  TrackErased: [],
  MilestoneSet: ['text'],
  MilestoneRevised: ['text'],
  MilestoneReached: [],
  MilestoneRemoved: [],
  CheckInRecorded: ['note'],
  BusinessStartRecorded: [],
  SurvivalReported: [],
};

/*
 * The citizen's words (businessIdea, leftReason, text, note) are held as folded: sealed values
 * when folded from the store as it is (decisions never read them), the words themselves when
 * folded from opened events. The download opens them (the vault's `openAll`) before it is handed over.
 */

/** One time on the track: joining again after leaving is a new membership; the earlier ones stay. */
export interface Membership {
  centreId: string;
  joinedAt: string;
  businessIdea: string | null;
  leftAt: string | null;
  leftReason: string | null;
}
export type MilestoneState =
  | { status: 'open'; text: string; hopedFor: string | null; setAt: string }
  | { status: 'reached'; text: string; hopedFor: string | null; setAt: string; reachedAt: string }
  | { status: 'removed' };
export interface CheckIn {
  status: BusinessStatus;
  note: string | null;
  recordedAt: string;
}
export interface BusinessStart {
  startedOn: string;
  hasCvr: boolean | null;
  recordedAt: string;
}
export interface SurvivalAnswer {
  running: boolean;
  reportedAt: string;
}

interface Track {
  citizenId: string;
  /** The centre of the latest membership. */
  centreId: string;
  memberships: Membership[];
  milestones: Record<string, MilestoneState>;
  /** The check-in standing for each quarter the citizen checked in (YYYY-Qn). */
  checkIns: Record<string, CheckIn>;
  businessStart: BusinessStart | null;
  survival: Partial<Record<SurvivalYear, SurvivalAnswer>>;
  /** The citizen's data was erased: nothing more is recorded here. */
  erased?: true;
}

/** `joined`: on the track now. `left`: was on it; may join again at any time. */
export type Venture = { status: 'none' } | ({ status: 'joined' } & Track) | ({ status: 'left' } & Track);
export type JoinedVenture = Extract<Venture, { status: 'joined' }>;
export type KnownVenture = Exclude<Venture, { status: 'none' }>;

export const initialState: Venture = { status: 'none' };
/** One track per citizen. */
export const ventureStreamId = (citizenId: string) => `venture-${citizenId}`;

/** The date (YYYY-MM-DD) an instant falls on in Denmark: "today" for a command's `now`. */
export function danishDate(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new InvalidValue('now', 'an ISO-8601 time with zone');
  return inCopenhagen(at).date;
}

/** The calendar quarter (YYYY-Qn) of a date YYYY-MM-DD. */
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * Whether, on the date `today`, `years` years have passed since `startedOn` (dates YYYY-MM-DD).
 * Compared as text, so that a start on 29 February has its anniversary on 1 March in other years.
 */
export function anniversaryReached(startedOn: string, years: SurvivalYear, today: string): boolean {
  const anniversary = `${String(Number(startedOn.slice(0, 4)) + years).padStart(4, '0')}${startedOn.slice(4)}`;
  return today >= anniversary;
}

/** Folds one event into the track. */
export function evolve(state: Venture, event: VentureEvent): Venture {
  if (event.type === 'TrackJoined') return joined(state, event);
  if (state.status === 'none') return state;
  const milestone = (id: string, next: (m: Exclude<MilestoneState, { status: 'removed' }>) => MilestoneState): Venture => {
    const current = own(state.milestones, id);
    if (!current || current.status === 'removed') return state;
    return { ...state, milestones: { ...state.milestones, [id]: next(current) } };
  };
  return match(event)
    .with({ type: 'TrackLeft' }, ({ data }): Venture => ({
      ...state,
      status: 'left',
      memberships: state.memberships.map((m, i) => (i === state.memberships.length - 1 ? { ...m, leftAt: data.at, leftReason: data.reason } : m)),
    }))
    .with({ type: 'TrackErased' }, ({ data }): Venture => ({
      ...state,
      status: 'left',
      erased: true,
      memberships: state.memberships.map((m, i) => (i === state.memberships.length - 1 && m.leftAt === null ? { ...m, leftAt: data.at } : m)),
    }))
    .with({ type: 'MilestoneSet' }, ({ data }): Venture => ({
      ...state,
      milestones: { ...state.milestones, [data.milestoneId]: { status: 'open', text: data.text, hopedFor: data.hopedFor, setAt: data.at } },
    }))
    .with({ type: 'MilestoneRevised' }, ({ data }) => milestone(data.milestoneId, (m) => ({ ...m, text: data.text, hopedFor: data.hopedFor })))
    .with({ type: 'MilestoneReached' }, ({ data }) => milestone(data.milestoneId, (m) => (m.status === 'open' ? { ...m, status: 'reached', reachedAt: data.at } : m)))
    .with({ type: 'MilestoneRemoved' }, ({ data }) => milestone(data.milestoneId, () => ({ status: 'removed' })))
    .with({ type: 'CheckInRecorded' }, ({ data }): Venture => ({
      ...state,
      checkIns: { ...state.checkIns, [data.quarter]: { status: data.status, note: data.note, recordedAt: data.at } },
    }))
    .with({ type: 'BusinessStartRecorded' }, ({ data }): Venture => ({
      ...state,
      businessStart: { startedOn: data.startedOn, hasCvr: data.hasCvr ?? null, recordedAt: data.at },
      // A corrected start keeps only the answers given once their anniversary of it had come.
      survival: Object.fromEntries(
        SURVIVAL_YEARS.flatMap((y) => {
          const answer = state.survival[y];
          return answer && anniversaryReached(data.startedOn, y, danishDate(answer.reportedAt)) ? [[y, answer]] : [];
        }),
      ),
    }))
    .with({ type: 'SurvivalReported' }, ({ data }): Venture => ({
      ...state,
      survival: { ...state.survival, [data.years]: { running: data.running, reportedAt: data.at } },
    }))
    .exhaustive();
}

/** Joining, the first time or again: what the citizen recorded before stays theirs. */
function joined(state: Venture, { data }: TrackJoined): Venture {
  const membership: Membership = { centreId: data.centreId, joinedAt: data.at, businessIdea: data.businessIdea, leftAt: null, leftReason: null };
  if (state.status === 'none') {
    return { status: 'joined', citizenId: data.citizenId, centreId: data.centreId, memberships: [membership], milestones: {}, checkIns: {}, businessStart: null, survival: {} };
  }
  return { ...state, status: 'joined', centreId: data.centreId, memberships: [...state.memberships, membership] };
}

/** Whether the business was running `years` after its start, as the citizen said; `unknown` when they did not say. */
export function survivalAt(state: Venture, years: SurvivalYear): 'running' | 'not_running' | 'unknown' {
  if (state.status === 'none') return 'unknown';
  const answer = state.survival[years];
  if (!answer) return 'unknown';
  return answer.running ? 'running' : 'not_running';
}

/** The citizen's own track, to download and send wherever they choose. Nothing in it is staff's. */
export interface ProgressSummary {
  citizenId: string;
  status: 'joined' | 'left';
  memberships: Membership[];
  milestones: { milestoneId: string; text: string; hopedFor: string | null; status: 'open' | 'reached'; setAt: string; reachedAt: string | null }[];
  checkIns: { quarter: string; status: BusinessStatus; note: string | null; recordedAt: string }[];
  businessStart: BusinessStart | null;
  survival: { years: SurvivalYear; running: boolean; reportedAt: string }[];
}

/** The progress summary of a track, or null for a citizen who never joined. Personal fields as folded (see above). */
export function progressSummary(state: Venture): ProgressSummary | null {
  if (state.status === 'none') return null;
  const milestones = Object.entries(state.milestones)
    .flatMap(([milestoneId, m]) =>
      m.status === 'removed' ? [] : [{ milestoneId, text: m.text, hopedFor: m.hopedFor, status: m.status, setAt: m.setAt, reachedAt: m.status === 'reached' ? m.reachedAt : null }],
    )
    .sort((a, b) => Date.parse(a.setAt) - Date.parse(b.setAt));
  const checkIns = Object.entries(state.checkIns)
    .map(([quarter, c]) => ({ quarter, ...c }))
    .sort((a, b) => a.quarter.localeCompare(b.quarter));
  const survival = SURVIVAL_YEARS.flatMap((years) => {
    const answer = state.survival[years];
    return answer ? [{ years, ...answer }] : [];
  });
  return {
    citizenId: state.citizenId,
    status: state.status,
    memberships: state.memberships.map((m) => ({ ...m })),
    milestones,
    checkIns,
    businessStart: state.businessStart ? { ...state.businessStart } : null,
    survival,
  };
}
