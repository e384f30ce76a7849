/**
 * The declared catalogue of event types: every type the log may hold, in plain words. The
 * verifier reports any type outside it, and checks that no type in it is coercive. It is kept
 * here, apart from the domain code, so that an auditor reads one list.
 */
export interface CatalogueEntry {
  type: string;
  about: string;
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  { type: 'CentreEstablished', about: 'a centre is established in a municipality' },
  { type: 'CentreRenamed', about: 'a centre gets a new name' },
  { type: 'CentreOpeningHoursSet', about: 'a centre sets its in-person opening hours' },
  { type: 'JourneyStarted', about: 'a citizen made contact or registered' },
  { type: 'JourneyClosed', about: 'the citizen closed their journey' },
  { type: 'GoalStated', about: 'a goal in the citizen’s own words' },
  { type: 'GoalRevised', about: 'the citizen revised a goal' },
  { type: 'GoalDropped', about: 'the citizen dropped a goal' },
  { type: 'SessionRequested', about: 'the citizen asked for a conversation' },
  { type: 'SessionTimeProposed', about: 'staff proposed a time for a requested conversation' },
  { type: 'SessionBooked', about: 'the citizen booked, or confirmed, a conversation' },
  { type: 'SessionCancelled', about: 'a conversation was cancelled' },
  { type: 'SessionHeld', about: 'a conversation took place' },
  { type: 'SessionNotHeld', about: 'a conversation did not take place; it has no consequence' },
  { type: 'OfferAskedFor', about: 'the citizen asked for an offer' },
  { type: 'OfferMade', about: 'an offer was made to the citizen, to take or leave' },
  { type: 'ConsentGiven', about: 'the citizen said yes to an offer' },
  { type: 'OfferDeclined', about: 'the citizen said no to an offer' },
  { type: 'ConsentWithdrawn', about: 'the citizen withdrew their yes' },
  { type: 'ParticipationStarted', about: 'the citizen began taking part, with consent' },
  { type: 'ParticipationEnded', about: 'the citizen’s taking part ended' },
  { type: 'OutcomeRecorded', about: 'what happened, as the citizen reports it' },
  { type: 'CitizenErased', about: 'the citizen’s personal data was erased' },
  { type: 'AvailabilityPublished', about: 'a staff member published a free time' },
  { type: 'AvailabilityWithdrawn', about: 'a staff member withdrew an unbooked time' },
  { type: 'SlotBooked', about: 'a citizen took a published time' },
  { type: 'SlotReleased', about: 'a booked time was given back' },
];

/** Words that would make a type coercive: none may appear in a type's name or description. */
export const COERCIVE_WORDS = ['sanction', 'summon', 'deadline', 'mandatory', 'required', 'obligat', 'penalt', 'availability duty', 'rådighed', 'benefit', 'reduc'];
