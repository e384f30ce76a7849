/**
 * A citizen's journey (forløb): their own course through the centre. One stream per citizen.
 * Everything here is voluntary: there is no field for income, benefits, availability, deadlines
 * or sanctions, and no event that summons or obliges. Fields listed in PERSONAL_FIELDS are
 * personal data (the citizen's words, alias, notes) and are handled as such by the store.
 */
import type { DomainEvent } from '../shared/decider.js';
import type { SharedField, SharingPurpose, SharingState } from './sharing.js';

export const CHANNELS = ['in_person_centre', 'in_person_home', 'phone', 'chat', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];
/** How a journey began: a contact on a channel, or the citizen registering themselves. */
export const FIRST_CONTACTS = [...CHANNELS, 'self_service'] as const;
export type FirstContact = (typeof FIRST_CONTACTS)[number];

export const GOAL_CATEGORIES = ['job', 'education', 'own_business', 'volunteering', 'health', 'other'] as const;
export type GoalCategory = (typeof GOAL_CATEGORIES)[number];

export const CENTRE_OFFER_KINDS = [
  'coaching',
  'job_search_and_placement',
  'entrepreneur_incubator',
  'internship',
  'seminar',
  'workshop',
  'experience_forum',
  'sparring',
  'office_space',
  'accounting_help',
  'physical_activity_and_health',
  'education_guidance',
  'referral_to_treatment',
] as const;
export type CentreOfferKind = (typeof CENTRE_OFFER_KINDS)[number];

/**
 * What is offered: one of the centre's own kinds (and the centre's own catalogue offer, when it is
 * one), or a partner's catalogue offer.
 */
export type OfferRef = { source: 'centre'; kind: CentreOfferKind; catalogueOfferId?: string } | { source: 'partner'; partnerId: string; catalogueOfferId: string };
export const offerKey = (ref: OfferRef) => (ref.source === 'centre' ? `centre:${ref.kind}` : `partner:${ref.partnerId}:${ref.catalogueOfferId}`);

export const OUTCOME_KINDS = ['job', 'education', 'business', 'volunteering', 'other'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Who put something on record: the citizen, or staff as told by the citizen in a held session. */
export type RecordedBy = { by: 'citizen' } | { by: 'staff'; staffId: string; sessionId: string };

/** How consent (or its withdrawal, or a decline) was given. */
export type ConsentMethod =
  | { method: 'self_service' }
  | { method: 'signed_in_person'; staffId: string; sessionId: string }
  | { method: 'verbal_in_session'; staffId: string; sessionId: string }
  | { method: 'written_in_chat'; staffId: string; sessionId: string };
export type StaffConsentMethod = Exclude<ConsentMethod['method'], 'self_service'>;

/** Which ways of answering fit a conversation's channel: a signature needs the same room. */
export const METHODS_FOR_CHANNEL: Record<Channel, readonly StaffConsentMethod[]> = {
  in_person_centre: ['signed_in_person', 'verbal_in_session'],
  in_person_home: ['signed_in_person', 'verbal_in_session'],
  phone: ['verbal_in_session'],
  video: ['verbal_in_session'],
  chat: ['written_in_chat'],
};

/** A consent receipt, modelled on the Kantara Consent Receipt specification. */
export interface ConsentReceipt {
  receiptId: string;
  version: 'KI-CR-v1.1.0';
  timestamp: string;
  jurisdiction: 'DK';
  collectionMethod: ConsentMethod['method'];
  controller: { name: string; centreId: string };
  purpose: string;
  dataCategories: string[];
  howToWithdraw: string;
}

type E<T extends string, D> = DomainEvent<T, D>;
export type JourneyStarted = E<'JourneyStarted', { journeyId: string; citizenId: string; centreId: string; firstContact: FirstContact; alias: string | null; startedBy: 'citizen' | 'staff' }>;
export type JourneyClosed = E<'JourneyClosed', { journeyId: string }>;
/** The citizen shares what earlier centres recorded with the centre they are with now. */
export type JourneyHistoryShared = E<'JourneyHistoryShared', { journeyId: string; centreId: string }>;
/** `at`: when the citizen said it: now in self-service, the conversation's time when staff record it. */
export type GoalStated = E<'GoalStated', { goalId: string; text: string; category: GoalCategory | null; recordedBy: RecordedBy; at?: string }>;
export type GoalRevised = E<'GoalRevised', { goalId: string; text: string; category: GoalCategory | null }>;
export type GoalDropped = E<'GoalDropped', { goalId: string }>;
export type SessionRequested = E<'SessionRequested', { sessionId: string; channel: Channel | null; wishes: string | null }>;
export type SessionTimeProposed = E<'SessionTimeProposed', { sessionId: string; staffId: string; start: string; durationMinutes: number; channel: Channel }>;
/** `mentoring`: booked at a time for mentor conversations on the entrepreneurs' track (schema version 2). */
export type SessionBooked = E<
  'SessionBooked',
  { sessionId: string; staffId: string; start: string; durationMinutes: number; channel: Channel; bookedBy: 'citizen' | 'citizen_confirmed_proposal'; slotId?: string; mentoring?: true }
>;
export type SessionCancelled = E<'SessionCancelled', { sessionId: string; cancelledBy: 'citizen' | 'staff' }>;
/** `heldAt`: when the conversation actually began (absent in version 1: the booked start). */
export type SessionHeld = E<'SessionHeld', { sessionId: string; staffId: string; channel: Channel; heldAt?: string; durationMinutes: number; topics: string[]; informationGiven: string | null; nextSteps: string | null; notes: string | null }>;
export type SessionNotHeld = E<'SessionNotHeld', { sessionId: string }>;
export type OfferAskedFor = E<'OfferAskedFor', { offer: OfferRef; recordedBy: RecordedBy; at: string }>;
/** `sessionId`: the held conversation the offer was put in, if it was made from one (staff may record consent from it). */
export type OfferMade = E<'OfferMade', { offerId: string; offer: OfferRef; information: string; staffId: string; atCitizensRequest: boolean; at: string; sessionId?: string }>;
export type ConsentGiven = E<'ConsentGiven', { offerId: string; consent: ConsentMethod; receipt: ConsentReceipt }>;
export type OfferDeclined = E<'OfferDeclined', { offerId: string; consent: ConsentMethod; reason: string | null; at: string }>;
export type ConsentWithdrawn = E<'ConsentWithdrawn', { offerId: string; consent: ConsentMethod; at?: string }>;
export type ParticipationStarted = E<'ParticipationStarted', { offerId: string }>;
export type ParticipationEnded = E<'ParticipationEnded', { offerId: string; because: 'consent_withdrawn' | 'citizen_left' | 'offer_completed' }>;
export type OutcomeRecorded = E<'OutcomeRecorded', { outcomeId: string; kind: OutcomeKind; note: string | null; recordedBy: RecordedBy; at?: string }>;
/**
 * The citizen answered the WHO-5 well-being questions themselves (src/domain/journey/who5.ts):
 * `scores`, the five items' scores in the instrument's order, are health data (GDPR art. 9) and
 * sealed under the citizen's key. Only ever by the citizen, in self-service; never asked for.
 */
export type WellBeingAnswered = E<'WellBeingAnswered', { answerId: string; scores: number[]; at: string }>;
/**
 * The citizen agreed to share data with a partner (src/domain/journey/sharing.ts): which partner,
 * for which purpose (and catalogue offer), which fields, until which local date, with a receipt.
 */
export type DataSharingConsentGiven = E<
  'DataSharingConsentGiven',
  { sharingId: string; partnerId: string; purpose: SharingPurpose; catalogueOfferId: string | null; fields: SharedField[]; until: string; consent: ConsentMethod; receipt: ConsentReceipt }
>;
/** The share: a referral to the partner under that consent, with the fields it shares; what the citizen typed for the partner is sealed. */
export type ReferralMade = E<
  'ReferralMade',
  { referralId: string; sharingId: string; partnerId: string; catalogueOfferId: string | null; shared: SharedField[]; contact: string | null; message: string | null }
>;
/** Withdrawn: from now on the partner sees nothing more. */
export type DataSharingConsentWithdrawn = E<'DataSharingConsentWithdrawn', { sharingId: string; consent: ConsentMethod; at: string }>;
/** The citizen's personal data was erased (their key deleted). Carries no personal data itself. */
export type CitizenErased = E<'CitizenErased', { citizenId: string }>;

export type JourneyEvent =
  | JourneyStarted
  | JourneyClosed
  | JourneyHistoryShared
  | GoalStated
  | GoalRevised
  | GoalDropped
  | SessionRequested
  | SessionTimeProposed
  | SessionBooked
  | SessionCancelled
  | SessionHeld
  | SessionNotHeld
  | OfferAskedFor
  | OfferMade
  | ConsentGiven
  | OfferDeclined
  | ConsentWithdrawn
  | ParticipationStarted
  | ParticipationEnded
  | OutcomeRecorded
  | WellBeingAnswered
  | DataSharingConsentGiven
  | ReferralMade
  | DataSharingConsentWithdrawn
  | CitizenErased;

export const JOURNEY_EVENT_SCHEMA_VERSIONS: Record<JourneyEvent['type'], number> = {
  JourneyStarted: 1,
  JourneyClosed: 1,
  JourneyHistoryShared: 1,
  GoalStated: 2,
  GoalRevised: 1,
  GoalDropped: 1,
  SessionRequested: 1,
  SessionTimeProposed: 1,
  SessionBooked: 2,
  SessionCancelled: 1,
  SessionHeld: 2,
  SessionNotHeld: 1,
  OfferAskedFor: 1,
  OfferMade: 2,
  ConsentGiven: 1,
  OfferDeclined: 1,
  ConsentWithdrawn: 2,
  ParticipationStarted: 1,
  ParticipationEnded: 1,
  OutcomeRecorded: 2,
  WellBeingAnswered: 1,
  DataSharingConsentGiven: 1,
  ReferralMade: 1,
  DataSharingConsentWithdrawn: 1,
  CitizenErased: 1,
};

/** Personal fields of each event (paths in its data): encrypted under the citizen's own key. */
export const PERSONAL_FIELDS: Record<JourneyEvent['type'], readonly string[]> = {
  JourneyStarted: ['alias'],
  JourneyClosed: [],
  JourneyHistoryShared: [],
  GoalStated: ['text'],
  GoalRevised: ['text'],
  GoalDropped: [],
  SessionRequested: ['wishes'],
  SessionTimeProposed: [],
  SessionBooked: [],
  SessionCancelled: [],
  SessionHeld: ['informationGiven', 'nextSteps', 'notes'],
  SessionNotHeld: [],
  OfferAskedFor: [],
  OfferMade: ['information'],
  ConsentGiven: [],
  OfferDeclined: ['reason'],
  ConsentWithdrawn: [],
  ParticipationStarted: [],
  ParticipationEnded: [],
  OutcomeRecorded: ['note'],
  // Health data: the scores, all five, as one sealed value.
  WellBeingAnswered: ['scores'],
  DataSharingConsentGiven: [],
  ReferralMade: ['contact', 'message'],
  DataSharingConsentWithdrawn: [],
  CitizenErased: [],
};

export type SessionState =
  | { status: 'requested' }
  | { status: 'request_cancelled' }
  | { status: 'proposed' | 'booked' | 'not_held' | 'cancelled'; staffId: string; start: string; durationMinutes: number; channel: Channel; slotId?: string }
  | { status: 'held'; staffId: string; start: string; durationMinutes: number; channel: Channel; slotId?: string; heldBy: string; heldAt: string; heldMinutes: number };

export interface OfferState {
  offer: OfferRef;
  madeAt: string;
  answer: 'none' | 'consented' | 'declined' | 'withdrawn';
  participating: boolean;
  /** When the citizen last answered it themselves (self-service): their own word, which nothing earlier outranks. */
  ownAnswerAt: string | null;
  /** The held conversation it was put in, if any. */
  madeIn: string | null;
  /** The centre it was made at (the journey's then): offers stay with a journey started again elsewhere, but only that centre's staff record answers to them. */
  centreId: string;
}

interface Open {
  journeyId: string;
  citizenId: string;
  centreId: string;
  /** Centres the citizen was with before this one; their records are not this centre's to see unless shared. */
  earlierCentres: string[];
  /** Whether the citizen shared their earlier history with the present centre. */
  historyShared: boolean;
  goals: Record<string, 'active' | 'dropped'>;
  sessions: Record<string, SessionState>;
  offers: Record<string, OfferState>;
  /** When each offer (by key) was last declined, and last asked for by the citizen. */
  declinedAt: Record<string, string>;
  askedForAt: Record<string, string>;
  outcomes: string[];
  /** The ids of the citizen's own WHO-5 answers (their scores are not kept in the state). */
  wellBeingAnswers: string[];
  /** Data-sharing consents, by id. */
  sharings: Record<string, SharingState>;
  referrals: string[];
  /** When the citizen last answered about sharing with each partner themselves: their own word, which nothing earlier outranks. */
  ownSharingAt: Record<string, string>;
}

export type Journey = { status: 'none' } | ({ status: 'open' } & Open) | ({ status: 'closed' } & Open) | { status: 'erased'; citizenId: string };

export const initialState: Journey = { status: 'none' };
export const journeyStreamId = (citizenId: string) => `journey-${citizenId}`;

/** An answer the citizen gave themselves moves the time of their own latest word. */
const own = (consent: ConsentMethod, at: string | undefined): { ownAnswerAt?: string } => (consent.method === 'self_service' && at ? { ownAnswerAt: at } : {});

/** Folds one event into the journey. */
export function evolve(state: Journey, event: JourneyEvent): Journey {
  if (event.type === 'CitizenErased') return { status: 'erased', citizenId: event.data.citizenId };
  if (state.status === 'erased') return state;
  if (event.type === 'JourneyStarted') {
    const previous = state.status === 'none' ? null : state;
    return {
      status: 'open',
      journeyId: event.data.journeyId,
      citizenId: event.data.citizenId,
      centreId: event.data.centreId,
      earlierCentres: previous ? [...new Set([...previous.earlierCentres, previous.centreId])].filter((c) => c !== event.data.centreId) : [],
      historyShared: previous ? previous.historyShared && previous.centreId === event.data.centreId : false,
      goals: previous?.goals ?? {},
      sessions: previous?.sessions ?? {},
      offers: previous?.offers ?? {},
      declinedAt: previous?.declinedAt ?? {},
      askedForAt: previous?.askedForAt ?? {},
      outcomes: previous?.outcomes ?? [],
      wellBeingAnswers: previous?.wellBeingAnswers ?? [],
      sharings: previous?.sharings ?? {},
      referrals: previous?.referrals ?? [],
      ownSharingAt: previous?.ownSharingAt ?? {},
    };
  }
  if (state.status === 'none') return state;
  const s = { ...state };
  const offer = (id: string, change: Partial<OfferState>) => {
    const current = s.offers[id];
    if (current) s.offers = { ...s.offers, [id]: { ...current, ...change } };
  };
  switch (event.type) {
    case 'JourneyClosed':
      return { ...s, status: 'closed' };
    case 'JourneyHistoryShared':
      return { ...s, historyShared: true };
    case 'GoalStated':
    case 'GoalRevised':
      return { ...s, goals: { ...s.goals, [event.data.goalId]: 'active' } };
    case 'GoalDropped':
      return { ...s, goals: { ...s.goals, [event.data.goalId]: 'dropped' } };
    case 'SessionRequested':
      return { ...s, sessions: { ...s.sessions, [event.data.sessionId]: { status: 'requested' } } };
    case 'SessionTimeProposed':
    case 'SessionBooked': {
      const { sessionId, staffId, start, durationMinutes, channel } = event.data;
      const status = event.type === 'SessionBooked' ? 'booked' : 'proposed';
      const slot = event.type === 'SessionBooked' && event.data.slotId ? { slotId: event.data.slotId } : {};
      return { ...s, sessions: { ...s.sessions, [sessionId]: { status, staffId, start, durationMinutes, channel, ...slot } } };
    }
    case 'SessionHeld': {
      const session = s.sessions[event.data.sessionId];
      if (!session || session.status === 'requested' || session.status === 'request_cancelled') return s;
      const { staffId, start, durationMinutes, channel } = session;
      const slot = session.slotId ? { slotId: session.slotId } : {};
      const heldAt = event.data.heldAt ?? start;
      return {
        ...s,
        sessions: { ...s.sessions, [event.data.sessionId]: { status: 'held', staffId, start, durationMinutes, channel, ...slot, heldBy: event.data.staffId, heldAt, heldMinutes: event.data.durationMinutes } },
      };
    }
    case 'SessionCancelled':
    case 'SessionNotHeld': {
      const session = s.sessions[event.data.sessionId];
      if (!session || session.status === 'requested' || session.status === 'request_cancelled') {
        return event.type === 'SessionCancelled' ? { ...s, sessions: { ...s.sessions, [event.data.sessionId]: { status: 'request_cancelled' } } } : s;
      }
      const { staffId, start, durationMinutes, channel } = session;
      const slot = session.slotId ? { slotId: session.slotId } : {};
      const status = event.type === 'SessionCancelled' ? 'cancelled' : 'not_held';
      return { ...s, sessions: { ...s.sessions, [event.data.sessionId]: { status, staffId, start, durationMinutes, channel, ...slot } } };
    }
    case 'OfferAskedFor':
      return { ...s, askedForAt: { ...s.askedForAt, [offerKey(event.data.offer)]: event.data.at } };
    case 'OfferMade':
      return {
        ...s,
        offers: {
          ...s.offers,
          [event.data.offerId]: { offer: event.data.offer, madeAt: event.data.at, answer: 'none', participating: false, ownAnswerAt: null, madeIn: event.data.sessionId ?? null, centreId: s.centreId },
        },
      };
    case 'ConsentGiven':
      offer(event.data.offerId, { answer: 'consented', ...own(event.data.consent, event.data.receipt.timestamp) });
      return s;
    case 'OfferDeclined': {
      const declined = s.offers[event.data.offerId];
      offer(event.data.offerId, { answer: 'declined', ...own(event.data.consent, event.data.at) });
      return declined ? { ...s, declinedAt: { ...s.declinedAt, [offerKey(declined.offer)]: event.data.at } } : s;
    }
    case 'ConsentWithdrawn': {
      // Withdrawing is saying no: the same offer then waits as after a decline.
      const withdrawn = s.offers[event.data.offerId];
      offer(event.data.offerId, { answer: 'withdrawn', ...own(event.data.consent, event.data.at) });
      return withdrawn && event.data.at ? { ...s, declinedAt: { ...s.declinedAt, [offerKey(withdrawn.offer)]: event.data.at } } : s;
    }
    case 'ParticipationStarted':
      offer(event.data.offerId, { participating: true });
      return s;
    case 'ParticipationEnded':
      offer(event.data.offerId, { participating: false });
      return s;
    case 'OutcomeRecorded':
      return { ...s, outcomes: [...s.outcomes, event.data.outcomeId] };
    case 'WellBeingAnswered':
      return { ...s, wellBeingAnswers: [...s.wellBeingAnswers, event.data.answerId] };
    case 'DataSharingConsentGiven': {
      const { sharingId, partnerId, purpose, catalogueOfferId, fields, until, consent, receipt } = event.data;
      const own = consent.method === 'self_service' ? { ownSharingAt: { ...s.ownSharingAt, [partnerId]: receipt.timestamp } } : {};
      return { ...s, ...own, sharings: { ...s.sharings, [sharingId]: { centreId: s.centreId, partnerId, purpose, catalogueOfferId, fields, until, withdrawn: false } } };
    }
    case 'ReferralMade':
      return { ...s, referrals: [...s.referrals, event.data.referralId] };
    case 'DataSharingConsentWithdrawn': {
      const sharing = s.sharings[event.data.sharingId];
      if (!sharing) return s;
      const own = event.data.consent.method === 'self_service' ? { ownSharingAt: { ...s.ownSharingAt, [sharing.partnerId]: event.data.at } } : {};
      return { ...s, ...own, sharings: { ...s.sharings, [event.data.sharingId]: { ...sharing, withdrawn: true } } };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
