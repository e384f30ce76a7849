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
  { type: 'BoardConstituted', about: 'a centre’s board was constituted, with an employee seat and a citizen seat' },
  { type: 'PartnerSeatAdded', about: 'a partner organisation got a seat on the board' },
  { type: 'PartnerSeatRemoved', about: 'a vacant partner seat was removed' },
  { type: 'MemberJoinedBoard', about: 'a member was appointed or elected into a board seat' },
  { type: 'MemberLeftBoard', about: 'a member left a board seat' },
  { type: 'BoardRoleAssigned', about: 'a member became chair, vice-chair or secretary' },
  { type: 'MeetingConvened', about: 'a board meeting was convened with an agenda' },
  { type: 'AttendanceRecorded', about: 'who was present at a board meeting, and whether it had quorum' },
  { type: 'ResolutionProposed', about: 'a member proposed a resolution at a board meeting' },
  { type: 'VoteCast', about: 'a present member voted for, against or abstained' },
  { type: 'ResolutionAdopted', about: 'a resolution won a simple majority of the votes cast' },
  { type: 'ResolutionRejected', about: 'a resolution did not win a majority' },
  { type: 'DissentRecorded', about: 'a member had their dissent written into the minutes' },
  { type: 'MinutesSigned', about: 'a present member signed the minutes of a meeting' },
  { type: 'SpokespersonBallotOpened', about: 'staff opened a ballot for their spokesperson' },
  { type: 'SpokespersonVoteCast', about: 'a staff member voted in the spokesperson ballot' },
  { type: 'SpokespersonElected', about: 'staff elected their spokesperson' },
  { type: 'SpokespersonBallotTied', about: 'the spokesperson ballot ended in a tie' },
  { type: 'BudgetDrafted', about: 'a board began an annual or five-year development budget' },
  { type: 'BudgetLineProposed', about: 'a budget line was proposed' },
  { type: 'BudgetLineAmended', about: 'a budget line was amended' },
  { type: 'BudgetLineWithdrawn', about: 'a budget line was withdrawn' },
  { type: 'BudgetApproved', about: 'an adopted resolution approved one exact version of a budget' },
  { type: 'BudgetSubmitted', about: 'an approved budget was submitted for the Finance Act' },
  { type: 'BudgetEnacted', about: 'the Finance Act enacted the budget, with the enacted amounts' },
  { type: 'SpendingRecorded', about: 'money spent was recorded against a budget line' },
  { type: 'BudgetReallocated', about: 'an adopted resolution moved money between enacted lines' },
];

/** Words that would make a type coercive: none may appear in a type's name or description. */
export const COERCIVE_WORDS = ['sanction', 'summon', 'deadline', 'mandatory', 'required', 'obligat', 'penalt', 'availability duty', 'rådighed', 'benefit', 'reduc'];
