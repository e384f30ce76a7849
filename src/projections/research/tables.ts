import type { ColumnType } from 'kysely';
import type { FactAnswer, FactKind, FactParticipationEnd } from '../../research/facts.js';
import type { FirstContact, GoalCategory, OutcomeKind } from '../../domain/journey/journey.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A bigint: the log's position. */
type Position = ColumnType<string | number, number, number>;

/**
 * The tables of read model `research` (version 1, migration 0018), as its queries see them.
 * Codes, kinds and moments only: nothing personal, nothing sealed.
 */
export interface ResearchTables {
  /** One row per research fact (src/research/facts.ts). */
  research_facts: {
    position: Position;
    citizen_id: string;
    centre_id: string;
    municipality_code: string;
    occurred_at: Moment;
    kind: FactKind;
    channel: FirstContact | null;
    booked_by: 'citizen' | 'citizen_confirmed_proposal' | null;
    offer_kind: string | null;
    offer_source: 'centre' | 'partner' | null;
    answer: FactAnswer | null;
    participation_end: FactParticipationEnd | null;
    goal_category: GoalCategory | null;
    outcome_kind: OutcomeKind | null;
    duration_days: number | null;
    /** Inside only: links an offer's answers to the offer; never part of a ResearchFact. */
    offer_id: string | null;
  };
  /** Per citizen: their present journey's start and whether its first conversation and outcome have been. */
  research_journeys: { citizen_id: string; centre_id: string; started_at: Moment; first_held: boolean; first_outcome: boolean };
  /** Per offer: its kind and source, and since when the citizen takes part. */
  research_offers: { offer_id: string; offer_kind: string | null; offer_source: 'centre' | 'partner'; participating_since: ColumnType<Date | null, string | null, string | null> };
  /** Centres and their municipalities (public). */
  research_centres: { centre_id: string; municipality_code: string; name: string };
  /** Citizens whose personal data was erased: left out of every reading. */
  research_erased: { citizen_id: string; erased_at: Moment };
}
