/**
 * What research keeps of a journey (issue 12): one fact per event that an indicator or an export
 * needs, as codes, kinds and moments. Never a name, a word the citizen wrote, or a sealed field.
 *
 * This is the contract between the research read model (src/projections/research/, which makes
 * facts from the log) and its readers: the indicators and the studies' exports. The exact moment
 * and the citizen's id stay inside the server: an export coarsens the moment to a week or a month
 * and names the citizen by a pseudonym of its study alone.
 */
import type { FirstContact, GoalCategory, OutcomeKind } from '../domain/journey/journey.js';

export const FACT_KINDS = [
  /** The journey began: `channel` is how (a contact on a channel, or self-service). */
  'first_contact',
  /** A conversation was booked: `channel`, `bookedBy`. */
  'conversation_booked',
  /** A conversation was held: `channel`; on a journey's first, `durationDays` since the first contact. */
  'conversation_held',
  'conversation_cancelled',
  'conversation_not_held',
  /** The citizen stated a goal: `goalCategory` only, never its words. */
  'goal_stated',
  /** An offer was made: `offerKind`, `offerSource`. */
  'offer_made',
  /** The citizen answered an offer: `answer` (accepted, declined, withdrawn), `offerKind`, `offerSource`. */
  'offer_answered',
  'participation_started',
  /** Taking part ended: `participationEnd`, `durationDays` since it started. */
  'participation_ended',
  /** The citizen reported an outcome: `outcomeKind`; on a journey's first, `durationDays` since the first contact. */
  'outcome_reported',
  'journey_closed',
  /**
   * The citizen answered the WHO-5 themselves: `wellbeingScore`. Never in the research read model
   * (the scores are sealed health data): a study's export that asks for it opens them on the way out.
   */
  'wellbeing_answered',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export type FactAnswer = 'accepted' | 'declined' | 'withdrawn';
export type FactParticipationEnd = 'consent_withdrawn' | 'citizen_left' | 'offer_completed';

export interface ResearchFact {
  /** The event's place in the log (inside only: orders facts, never exported). */
  position: number;
  /** The citizen (inside only: an export names them by its study's pseudonym). */
  citizenId: string;
  centreId: string;
  /** The municipality's three-digit code. */
  municipalityCode: string;
  /** When it happened, ISO-8601 (inside only: an export gives its week or month). */
  occurredAt: string;
  kind: FactKind;
  channel: FirstContact | null;
  bookedBy: 'citizen' | 'citizen_confirmed_proposal' | null;
  offerKind: string | null;
  offerSource: 'centre' | 'partner' | null;
  answer: FactAnswer | null;
  participationEnd: FactParticipationEnd | null;
  goalCategory: GoalCategory | null;
  outcomeKind: OutcomeKind | null;
  /** Whole days, as the kind says (to a first conversation, of taking part, to a first outcome). */
  durationDays: number | null;
  /** A WHO-5 answer's percentage score, 0–100 (only on `wellbeing_answered`). */
  wellbeingScore?: number | null;
}

/** Every detail of a fact empty: a fact made outside the read model fills in only what its kind says. */
export const NO_DETAILS = {
  channel: null,
  bookedBy: null,
  offerKind: null,
  offerSource: null,
  answer: null,
  participationEnd: null,
  goalCategory: null,
  outcomeKind: null,
  durationDays: null,
} as const satisfies Partial<ResearchFact>;
