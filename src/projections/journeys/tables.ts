import type { ColumnType } from 'kysely';
import type { Channel, ConsentMethod, ConsentReceipt, JourneyEvent, SessionBooked } from '../../domain/journey/journey.js';
import type { SealedField } from '../../privacy/sealed.js';

/** A timestamptz: read as a Date, written as ISO-8601 text. */
type Moment = ColumnType<Date, string, string>;
/** A nullable timestamptz. */
type MaybeMoment = ColumnType<Date | null, string | null, string | null>;
/** A jsonb column: read parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** A bigint: our int8 parser reads it as text (see `typeParsers`); the log's position. */
type Position = ColumnType<string, number, number>;

/**
 * The tables of read model `journeys` (version 3, migration 0015; the tables of 0009 unchanged),
 * as its queries see them. Personal fields are kept sealed: only a vault opens them.
 */
export interface JourneyTables {
  /** Everything recorded about a citizen, for their own view. */
  journey_records: {
    position: Position;
    citizen_id: string;
    centre_id: string;
    occurred_at: Moment;
    /** Any type: an event written around the application is kept (and shown) as itself. */
    event_type: string;
    actor_role: string;
    /** The event's data, its personal fields sealed. */
    data: Json<Record<string, unknown>>;
  };
  journey_citizens: {
    citizen_id: string;
    centre_id: string;
    /** Sealed; null once the citizen is erased, or if they gave none. */
    alias: ColumnType<SealedField | null, string | null, string | null>;
    status: 'open' | 'closed' | 'erased';
    /** The centres the citizen shared their earlier history with. */
    shared_with: ColumnType<string[], string[] | undefined, string[]>;
  };
  journey_sessions: {
    session_id: string;
    citizen_id: string;
    centre_id: string;
    staff_id: string | null;
    start: MaybeMoment;
    duration_minutes: number | null;
    channel: Channel | null;
    status: 'requested' | 'proposed' | 'booked' | 'cancelled' | 'held' | 'not_held';
    /** Who booked it in the calendar; null until booked. */
    booked_by: SessionBooked['data']['bookedBy'] | null;
  };
  journey_offers: {
    offer_id: string;
    citizen_id: string;
    centre_id: string;
    /** A centre offer's kind, or `partner:<catalogue offer id>`. */
    kind: string;
    made_at: Moment;
    answer: 'none' | 'consented' | 'declined' | 'withdrawn';
    answered_at: MaybeMoment;
    participating: boolean;
  };
  journey_consents: {
    position: Position;
    citizen_id: string;
    offer_id: string;
    centre_id: string;
    event_type: Extract<JourneyEvent['type'], 'ConsentGiven' | 'OfferDeclined' | 'ConsentWithdrawn'>;
    consent: Json<ConsentMethod>;
    /** For consent given: the receipt the citizen got. */
    receipt: ColumnType<ConsentReceipt | null, string | null, string | null>;
    occurred_at: Moment;
  };
}
