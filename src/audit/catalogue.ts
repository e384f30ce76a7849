/**
 * The declared catalogue of event types: every type the log may hold, in plain words, and the
 * fields each may carry. The verifier reports any type outside it, any field an entry does not
 * declare (a `mandatory`, `deadline` or `consequence` slipped onto an offer), any readable text
 * field holding a declared word of coercion, and any type in it that is itself coercive. It is
 * kept here, apart from the domain code, so that an auditor reads one list.
 */
export { COERCIVE_TERMS, coerciveTermsIn, INNOCENT_PHRASES, PHRASES } from '../domain/shared/coercion.js';

/**
 * What a field holds. `text` is free text in the clear, checked for words of coercion; `label`
 * is a name or title written by a board or an administrator (not checked for words: a board may
 * debate benefits); `sealed` is personal data, sealed under its subject's key (or null); `map`
 * an object keyed by data (years, weekdays). A nested object is a shape of its own, and `[shape]`
 * a list of such objects; `list` a list of plain values.
 */
export type FieldKind = 'id' | 'code' | `one of ${keyof typeof VALUES}` | 'time' | 'number' | 'boolean' | 'text' | 'texts' | 'label' | 'labels' | 'list' | 'sealed' | 'map' | Shape | [Shape];
export interface Shape {
  [field: string]: FieldKind;
}

export interface CatalogueEntry {
  type: string;
  about: string;
  fields: Shape;
}

/**
 * The values a `one of …` field may take (or null). Kept here, apart from the domain code: a code
 * such as `because: "sanction"` or an offer kind `mandatory_activation` is a violation.
 */
export const VALUES = {
  channel: ['in_person_centre', 'in_person_home', 'phone', 'chat', 'video'],
  firstContact: ['in_person_centre', 'in_person_home', 'phone', 'chat', 'video', 'self_service'],
  actor: ['citizen', 'staff'],
  bookedBy: ['citizen', 'citizen_confirmed_proposal'],
  because: ['consent_withdrawn', 'citizen_left', 'offer_completed'],
  method: ['self_service', 'signed_in_person', 'verbal_in_session', 'written_in_chat'],
  offerSource: ['centre', 'partner'],
  offerKind: [
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
  ],
  goalCategory: ['job', 'education', 'own_business', 'volunteering', 'health', 'other'],
  outcome: ['job', 'education', 'business', 'volunteering', 'other'],
  receiptVersion: ['KI-CR-v1.1.0'],
  jurisdiction: ['DK'],
  boardRole: ['chair', 'vice_chair', 'secretary'],
  vote: ['for', 'against', 'abstain'],
  appointment: ['appointed', 'elected'],
  budgetKind: ['annual', 'development'],
  lineNature: ['expenditure', 'revenue'],
  resolutionKind: ['general', 'budget_approval', 'budget_reallocation', 'budget_supplement', 'budget_carry_over', 'budget_closing'],
  exportFormat: ['csv', 'parquet'],
  partnerKind: ['business', 'ngo', 'volunteer_organisation', 'union', 'sports_club', 'school_or_college', 'health_service', 'municipality', 'unemployment_fund', 'health_house'],
  side: ['partner', 'centre'],
  paymentBasis: ['per_year', 'per_month', 'per_participant', 'one_off'],
  sharingPurpose: ['referral_to_offer', 'mentoring', 'introduction'],
  activityKind: ['information_meeting', 'workshop', 'seminar', 'self_help_group'],
  groupKind: ['citizen_to_citizen', 'citizen_to_partner', 'citizen_to_authority'],
  businessStatus: ['not_started', 'running', 'paused', 'closed'],
  ideaAnswer: ['taken_in', 'not_taken_in'],
} as const satisfies Record<string, readonly string[]>;

const offer: Shape = { source: 'one of offerSource', kind: 'one of offerKind', partnerId: 'id', catalogueOfferId: 'id' };
const consent: Shape = { method: 'one of method', staffId: 'id', sessionId: 'id' };
const recordedBy: Shape = { by: 'one of actor', staffId: 'id', sessionId: 'id' };
// The receipt's words are the system's own, read by the citizen: checked like staff text.
const receipt: Shape = {
  receiptId: 'id',
  version: 'one of receiptVersion',
  timestamp: 'time',
  jurisdiction: 'one of jurisdiction',
  collectionMethod: 'one of method',
  controller: { name: 'label', centreId: 'id' },
  purpose: 'text',
  dataCategories: 'texts',
  howToWithdraw: 'text',
};
const tally: [Shape] = [{ candidateId: 'id', votes: 'number' }];
const boardTally: Shape = { for: 'number', against: 'number', abstained: 'number' };
const subject: Shape = { kind: 'one of resolutionKind', budgetId: 'id', version: 'number', fromLineId: 'id', toLineId: 'id', lineId: 'id', fromBudgetId: 'id', year: 'number', amountOre: 'number' };

export const CATALOGUE: readonly CatalogueEntry[] = [
  { type: 'CentreEstablished', about: 'a centre is established in a municipality', fields: { centreId: 'id', municipalityCode: 'code', name: 'label', openingHours: 'map' } },
  { type: 'CentreRenamed', about: 'a centre gets a new name', fields: { centreId: 'id', name: 'label' } },
  { type: 'CentreOpeningHoursSet', about: 'a centre sets its in-person opening hours', fields: { centreId: 'id', openingHours: 'map' } },
  { type: 'JourneyStarted', about: 'a citizen made contact or registered', fields: { journeyId: 'id', citizenId: 'id', centreId: 'id', firstContact: 'one of firstContact', alias: 'sealed', startedBy: 'one of actor' } },
  { type: 'JourneyClosed', about: 'the citizen closed their journey', fields: { journeyId: 'id' } },
  { type: 'JourneyHistoryShared', about: 'the citizen shared their earlier history with their present centre', fields: { journeyId: 'id', centreId: 'id' } },
  { type: 'GoalStated', about: 'a goal in the citizen’s own words', fields: { goalId: 'id', text: 'sealed', category: 'one of goalCategory', recordedBy, at: 'time' } },
  { type: 'GoalRevised', about: 'the citizen revised a goal', fields: { goalId: 'id', text: 'sealed', category: 'one of goalCategory' } },
  { type: 'GoalDropped', about: 'the citizen dropped a goal', fields: { goalId: 'id' } },
  { type: 'SessionRequested', about: 'the citizen asked for a conversation', fields: { sessionId: 'id', channel: 'one of channel', wishes: 'sealed' } },
  { type: 'SessionTimeProposed', about: 'staff proposed a time for a requested conversation', fields: { sessionId: 'id', staffId: 'id', start: 'time', durationMinutes: 'number', channel: 'one of channel' } },
  {
    type: 'SessionBooked',
    about: 'the citizen booked, or confirmed, a conversation',
    fields: { sessionId: 'id', staffId: 'id', start: 'time', durationMinutes: 'number', channel: 'one of channel', bookedBy: 'one of bookedBy', slotId: 'id', mentoring: 'boolean' },
  },
  { type: 'SessionCancelled', about: 'a conversation was cancelled', fields: { sessionId: 'id', cancelledBy: 'one of actor' } },
  {
    type: 'SessionHeld',
    about: 'a conversation took place',
    fields: { sessionId: 'id', staffId: 'id', channel: 'one of channel', heldAt: 'time', durationMinutes: 'number', topics: 'texts', informationGiven: 'sealed', nextSteps: 'sealed', notes: 'sealed' },
  },
  { type: 'SessionNotHeld', about: 'a conversation did not take place; it has no consequence', fields: { sessionId: 'id' } },
  { type: 'OfferAskedFor', about: 'the citizen asked for an offer', fields: { offer, recordedBy, at: 'time' } },
  { type: 'OfferMade', about: 'an offer was made to the citizen, to take or leave', fields: { offerId: 'id', offer, information: 'sealed', staffId: 'id', atCitizensRequest: 'boolean', at: 'time', sessionId: 'id' } },
  { type: 'ConsentGiven', about: 'the citizen said yes to an offer', fields: { offerId: 'id', consent, receipt } },
  { type: 'OfferDeclined', about: 'the citizen said no to an offer', fields: { offerId: 'id', consent, reason: 'sealed', at: 'time' } },
  { type: 'ConsentWithdrawn', about: 'the citizen withdrew their yes', fields: { offerId: 'id', consent, at: 'time' } },
  { type: 'ParticipationStarted', about: 'the citizen began taking part, with consent', fields: { offerId: 'id' } },
  { type: 'ParticipationEnded', about: 'the citizen’s taking part ended', fields: { offerId: 'id', because: 'one of because' } },
  { type: 'WellBeingAnswered', about: 'the citizen answered the WHO-5 well-being questions themselves (health data, sealed)', fields: { answerId: 'id', scores: 'sealed', at: 'time' } },
  { type: 'OutcomeRecorded', about: 'what happened, as the citizen reports it', fields: { outcomeId: 'id', kind: 'one of outcome', note: 'sealed', recordedBy, at: 'time' } },
  {
    type: 'DataSharingConsentGiven',
    about: 'the citizen agreed to share chosen data with one partner, for one purpose, until a date, with a receipt',
    fields: { sharingId: 'id', partnerId: 'id', purpose: 'one of sharingPurpose', catalogueOfferId: 'id', fields: 'list', until: 'time', consent, receipt },
  },
  {
    type: 'ReferralMade',
    about: 'the citizen was referred to a partner, sharing the fields their consent names; what they wrote for the partner is sealed',
    fields: { referralId: 'id', sharingId: 'id', partnerId: 'id', catalogueOfferId: 'id', shared: 'list', contact: 'sealed', message: 'sealed' },
  },
  { type: 'DataSharingConsentWithdrawn', about: 'the citizen withdrew a consent to share data; the partner sees nothing more', fields: { sharingId: 'id', consent, at: 'time' } },
  { type: 'CitizenErased', about: 'the citizen’s personal data was erased', fields: { citizenId: 'id' } },
  {
    type: 'AvailabilityPublished',
    about: 'a staff member published a free time',
    fields: { slotId: 'id', staffId: 'id', centreId: 'id', start: 'time', durationMinutes: 'number', channels: 'list', mentoring: 'boolean' },
  },
  { type: 'AvailabilityWithdrawn', about: 'a staff member withdrew an unbooked time', fields: { slotId: 'id' } },
  { type: 'SlotBooked', about: 'a citizen took a published time', fields: { slotId: 'id', sessionId: 'id', citizenId: 'id', channel: 'one of channel' } },
  { type: 'SlotReleased', about: 'a booked time was given back', fields: { slotId: 'id', sessionId: 'id' } },
  { type: 'BoardConstituted', about: 'a centre’s board was constituted, with an employee seat and a citizen seat', fields: { centreId: 'id' } },
  { type: 'PartnerSeatAdded', about: 'a partner organisation got a seat on the board', fields: { centreId: 'id', seatId: 'id', organisation: 'label' } },
  { type: 'PartnerSeatRemoved', about: 'a vacant partner seat was removed', fields: { centreId: 'id', seatId: 'id' } },
  { type: 'MemberJoinedBoard', about: 'a member was appointed or elected into a board seat', fields: { centreId: 'id', seatId: 'id', memberId: 'id', how: 'one of appointment', from: 'time' } },
  {
    type: 'MemberReelected',
    about: 'a member holding a board seat was elected or appointed to it again; they keep the seat and their roles',
    fields: { centreId: 'id', seatId: 'id', memberId: 'id', how: 'one of appointment', from: 'time' },
  },
  { type: 'MemberLeftBoard', about: 'a member left a board seat', fields: { centreId: 'id', seatId: 'id', memberId: 'id', on: 'time' } },
  { type: 'BoardRoleAssigned', about: 'a member became chair, vice-chair or secretary', fields: { centreId: 'id', role: 'one of boardRole', memberId: 'id' } },
  { type: 'MeetingConvened', about: 'a board meeting was convened: when, where, and its agenda', fields: { centreId: 'id', meetingId: 'id', at: 'time', agenda: 'labels', place: 'label' } },
  {
    type: 'AttendanceRecorded',
    about: 'who was present at a board meeting, and whether it had quorum',
    // deputising: each deputy present, with the seat they took (from version 2).
    fields: { centreId: 'id', meetingId: 'id', present: 'list', seats: 'number', quorate: 'boolean', deputising: 'map' },
  },
  {
    type: 'MemberLeftMeeting',
    about: 'a member present left a board meeting before it ended; what they voted stands',
    fields: { centreId: 'id', meetingId: 'id', memberId: 'id', at: 'time' },
  },
  {
    type: 'ResolutionProposed',
    about: 'a member proposed a resolution at a board meeting',
    fields: { centreId: 'id', meetingId: 'id', resolutionId: 'id', title: 'label', subject, proposedBy: 'id', item: 'number' },
  },
  { type: 'VoteCast', about: 'a present member voted for, against or abstained', fields: { centreId: 'id', resolutionId: 'id', memberId: 'id', choice: 'one of vote' } },
  { type: 'ResolutionAdopted', about: 'a resolution won a simple majority of the votes cast', fields: { centreId: 'id', resolutionId: 'id', tally: boardTally } },
  { type: 'ResolutionRejected', about: 'a resolution did not win a majority', fields: { centreId: 'id', resolutionId: 'id', tally: boardTally } },
  { type: 'DissentRecorded', about: 'a member had their dissent written into the minutes', fields: { centreId: 'id', resolutionId: 'id', memberId: 'id' } },
  { type: 'MinutesSigned', about: 'a present member signed the minutes of a meeting', fields: { centreId: 'id', meetingId: 'id', memberId: 'id', complete: 'boolean' } },
  // The minutes are the board's words (labels): a board may minute a debate about benefits.
  { type: 'ItemMinuted', about: 'the minutes of an agenda item: its decision and short reasoning', fields: { centreId: 'id', meetingId: 'id', item: 'number', decision: 'label', reasoning: 'label' } },
  {
    type: 'VotePublicationSet',
    about: 'the rules of procedure, adopted by a resolution, say whether each member’s vote on an adopted resolution is public',
    fields: { centreId: 'id', resolutionId: 'id', individualVotesPublic: 'boolean' },
  },
  { type: 'DeputySeated', about: 'a deputy was appointed or elected for a board seat, to take it when its member is absent', fields: { centreId: 'id', seatId: 'id', deputyId: 'id', how: 'one of appointment', from: 'time' } },
  { type: 'DeputyLeftBoard', about: 'a deputy left their place for a board seat', fields: { centreId: 'id', seatId: 'id', deputyId: 'id', on: 'time' } },
  { type: 'MemberNamePublished', about: 'a board member agreed to have their name published with the board (sealed under a key of its own)', fields: { centreId: 'id', memberId: 'id', nameId: 'id', name: 'sealed' } },
  { type: 'MemberNameWithdrawn', about: 'a board member withdrew their published name; its key was erased', fields: { centreId: 'id', memberId: 'id', nameId: 'id' } },
  {
    type: 'DocumentAttached',
    about: 'a document was attached to a board meeting by its SHA-256; the bytes are kept outside the log',
    fields: { centreId: 'id', meetingId: 'id', item: 'number', documentId: 'id', title: 'label', sha256: 'code', mediaType: 'code', size: 'number', published: 'boolean' },
  },
  { type: 'MemberRecused', about: 'a member present was disqualified on an agenda item for a conflict of interest', fields: { centreId: 'id', meetingId: 'id', item: 'number', memberId: 'id' } },
  { type: 'SpokespersonBallotOpened', about: 'staff opened a ballot for their spokesperson', fields: { ballotId: 'id', centreId: 'id', candidates: 'list', closesAt: 'time' } },
  {
    type: 'SpokespersonVoteCast',
    about: 'a staff member voted in the secret spokesperson ballot: who voted, with the ballot paper sealed under the ballot’s own key',
    // candidateId: only in votes from before ballots were secret (schema version 1); check 10 reports any later one.
    fields: { ballotId: 'id', voterId: 'id', paper: 'sealed', candidateId: 'id' },
  },
  { type: 'SpokespersonElected', about: 'staff elected their spokesperson; every ballot paper is published, without its voter', fields: { ballotId: 'id', centreId: 'id', spokespersonId: 'id', tally, papers: [{ paperId: 'id', candidateId: 'id' }] } },
  { type: 'SpokespersonBallotTied', about: 'the spokesperson ballot ended in a tie; every ballot paper is published, without its voter', fields: { ballotId: 'id', centreId: 'id', tally, papers: [{ paperId: 'id', candidateId: 'id' }] } },
  { type: 'BudgetDrafted', about: 'a board began an annual or five-year development budget', fields: { budgetId: 'id', centreId: 'id', fiscalYear: 'number', kind: 'one of budgetKind', years: 'list' } },
  {
    type: 'BudgetLineProposed',
    about: 'a budget line was proposed, as expenditure or revenue',
    fields: { budgetId: 'id', lineId: 'id', financeAccount: 'code', standardAccount: 'code', nature: 'one of lineNature', description: 'label', amounts: 'map', version: 'number' },
  },
  { type: 'BudgetLineAmended', about: 'a budget line was amended', fields: { budgetId: 'id', lineId: 'id', description: 'label', amounts: 'map', version: 'number' } },
  { type: 'BudgetLineWithdrawn', about: 'a budget line was withdrawn', fields: { budgetId: 'id', lineId: 'id', version: 'number' } },
  { type: 'BudgetApproved', about: 'an adopted resolution approved one exact version of a budget', fields: { budgetId: 'id', version: 'number', resolutionId: 'id' } },
  { type: 'BudgetSubmitted', about: 'an approved budget was submitted for the Finance Act', fields: { budgetId: 'id', version: 'number' } },
  { type: 'BudgetEnacted', about: 'the Finance Act enacted the budget, with the enacted amounts', fields: { budgetId: 'id', lines: [{ lineId: 'id', amounts: 'map' }] } },
  // A voucher's reference and text, and the reason for spending beyond a line, are the board's and
  // staff's words about money (labels): an account text such as "reduceret husleje" is no coercion.
  {
    type: 'SpendingRecorded',
    about: 'an entry was recorded against a budget line: money spent, or on a revenue line received',
    fields: { budgetId: 'id', spendingId: 'id', lineId: 'id', amountOre: 'number', on: 'time', voucher: 'code', text: 'label', overspendReason: 'label' },
  },
  {
    type: 'SpendingCorrected',
    about: 'an entry was corrected: all or part of it reversed, on a voucher of its own',
    fields: { budgetId: 'id', correctionId: 'id', spendingId: 'id', lineId: 'id', amountOre: 'number', on: 'time', voucher: 'code', text: 'label' },
  },
  {
    type: 'BudgetReallocated',
    about: 'an adopted resolution moved money between enacted lines',
    fields: { budgetId: 'id', resolutionId: 'id', fromLineId: 'id', toLineId: 'id', year: 'number', amountOre: 'number' },
  },
  {
    type: 'BudgetSupplemented',
    about: 'an adopted resolution granted a supplementary appropriation (tillægsbevilling) on an enacted line',
    fields: { budgetId: 'id', resolutionId: 'id', lineId: 'id', year: 'number', amountOre: 'number' },
  },
  {
    type: 'BudgetCarriedOver',
    about: 'an adopted resolution carried money a line of last year’s closed accounts left unspent over to a line of this year (overførsel)',
    fields: { budgetId: 'id', resolutionId: 'id', lineId: 'id', year: 'number', amountOre: 'number', fromBudgetId: 'id', fromLineId: 'id' },
  },
  { type: 'MonthlySplitSet', about: 'a line’s appropriation was split over the months of the year (periodisering)', fields: { budgetId: 'id', lineId: 'id', months: 'list' } },
  {
    type: 'AccountsClosed',
    about: 'an adopted resolution closed an annual budget’s accounts once its year was over, fixing what each line spent',
    fields: { budgetId: 'id', resolutionId: 'id', lines: [{ lineId: 'id', spentOre: 'number' }] },
  },
  // Research studies: an administrator's texts about the study (checked for words of coercion), the
  // names of indicators and export fields from the study's declared lists, and researchers' ids.
  // Nothing about a citizen: a study names no person, and its exports are not in the log, only
  // that one was handed out (to whom and when: the event's actor and time; the format; how many rows).
  {
    type: 'StudyRegistered',
    about: 'an administrator registered a research study: its purpose, period, indicators, export fields, legal basis and researchers',
    fields: { studyId: 'id', title: 'text', purpose: 'text', period: { from: 'time', to: 'time' }, indicators: 'list', exportFields: 'list', legalBasis: 'text', researcherIds: 'list' },
  },
  { type: 'StudyAccessGranted', about: 'an administrator gave a researcher access to a study’s pseudonymised data', fields: { studyId: 'id', researcherId: 'id' } },
  { type: 'StudyAccessRevoked', about: 'an administrator took a researcher’s access to a study away', fields: { studyId: 'id', researcherId: 'id' } },
  { type: 'StudyClosed', about: 'an administrator closed a study; it changes no more and its exports end', fields: { studyId: 'id' } },
  // Partners, their written agreements and the offer catalogue: organisations' names and offers'
  // texts in the clear (checked for words of coercion), contact persons and signatories sealed.
  {
    type: 'PartnerRegistered',
    about: 'a centre registered a partner: its kind, name, CVR number if any, and its contact person (sealed)',
    fields: { partnerId: 'id', centreId: 'id', kind: 'one of partnerKind', name: 'text', cvr: 'code', contactName: 'sealed', contactEmail: 'sealed', contactPhone: 'sealed' },
  },
  { type: 'PartnerDetailsChanged', about: 'a partner’s kind, name or CVR number changed', fields: { partnerId: 'id', kind: 'one of partnerKind', name: 'text', cvr: 'code' } },
  { type: 'PartnerContactChanged', about: 'a partner’s contact person changed (sealed)', fields: { partnerId: 'id', contactName: 'sealed', contactEmail: 'sealed', contactPhone: 'sealed' } },
  {
    type: 'AgreementSigned',
    about: 'a partner and a centre signed a written agreement: its scope, the kinds of offer it covers, its period, any payment, the signed document’s SHA-256 and its signatories (sealed)',
    fields: {
      agreementId: 'id',
      partnerId: 'id',
      centreId: 'id',
      version: 'number',
      scope: 'text',
      offerKinds: 'list',
      startDate: 'time',
      endDate: 'time',
      payment: { amountOre: 'number', basis: 'one of paymentBasis' },
      documentSha256: 'code',
      signatories: 'sealed',
    },
  },
  {
    type: 'AgreementAmended',
    about: 'an agreement’s terms were changed by a newly signed document: a new version, the old kept',
    fields: { agreementId: 'id', version: 'number', scope: 'text', offerKinds: 'list', endDate: 'time', payment: { amountOre: 'number', basis: 'one of paymentBasis' }, documentSha256: 'code', signatories: 'sealed' },
  },
  { type: 'AgreementRenewed', about: 'an agreement was renewed for a longer period by a newly signed document: a new version', fields: { agreementId: 'id', version: 'number', endDate: 'time', documentSha256: 'code', signatories: 'sealed' } },
  { type: 'AgreementTerminated', about: 'one side ended an agreement; the offers it covered left the catalogue', fields: { agreementId: 'id', by: 'one of side', reason: 'text' } },
  {
    type: 'CatalogueOfferPublished',
    about: 'the centre or a partner published an offer in the catalogue, for citizens to find and take or leave',
    fields: {
      offerId: 'id',
      centreId: 'id',
      partnerId: 'id',
      agreementId: 'id',
      kind: 'one of offerKind',
      title: 'text',
      titleEn: 'text',
      description: 'text',
      descriptionEn: 'text',
      channels: 'list',
      municipalityCode: 'code',
      place: 'text',
      link: 'text',
      capacity: 'number',
      suits: 'text',
    },
  },
  {
    type: 'CatalogueOfferRevised',
    about: 'an offer in the catalogue was revised',
    fields: {
      offerId: 'id',
      agreementId: 'id',
      kind: 'one of offerKind',
      title: 'text',
      titleEn: 'text',
      description: 'text',
      descriptionEn: 'text',
      channels: 'list',
      municipalityCode: 'code',
      place: 'text',
      link: 'text',
      capacity: 'number',
      suits: 'text',
    },
  },
  { type: 'CatalogueOfferRetired', about: 'an offer left the catalogue', fields: { offerId: 'id' } },
  // Local activities: registering, leaving and moving up are the citizen's own or the waiting
  // list's; attendance is a count of how many came, never who.
  {
    type: 'ActivityScheduled',
    about: 'the centre scheduled a local activity with a time, a place or link, and a capacity',
    fields: { activityId: 'id', centreId: 'id', kind: 'one of activityKind', title: 'text', description: 'text', start: 'time', end: 'time', where: { place: 'text', link: 'text' }, capacity: 'number' },
  },
  {
    type: 'ActivityChanged',
    about: 'the centre changed an activity before it began',
    fields: { activityId: 'id', title: 'text', description: 'text', start: 'time', end: 'time', where: { place: 'text', link: 'text' }, capacity: 'number' },
  },
  { type: 'ActivityCancelled', about: 'the centre cancelled an activity; nothing follows for anyone', fields: { activityId: 'id' } },
  { type: 'ActivityRegistered', about: 'a citizen took a place at an activity themselves', fields: { activityId: 'id', citizenId: 'id' } },
  { type: 'ActivityWaitlisted', about: 'a citizen joined the waiting list of a full activity themselves', fields: { activityId: 'id', citizenId: 'id', position: 'number' } },
  { type: 'ActivityUnregistered', about: 'a citizen gave up their place themselves', fields: { activityId: 'id', citizenId: 'id' } },
  { type: 'LeftWaitingList', about: 'a citizen left an activity’s waiting list themselves', fields: { activityId: 'id', citizenId: 'id' } },
  { type: 'ActivityPlaceErased', about: 'a citizen’s place or place in line ended with the erasure of their data (an administrator, with the erasure)', fields: { activityId: 'id', citizenId: 'id' } },
  { type: 'MovedUpFromWaitingList', about: 'a place freed and the first on the waiting list got it', fields: { activityId: 'id', citizenId: 'id' } },
  { type: 'ActivityAttendanceRecorded', about: 'the centre recorded how many came to an activity: a count, never who', fields: { activityId: 'id', count: 'number' } },
  // Groups: joining and leaving are the member's own; how the group meets is its members' to say.
  {
    type: 'GroupStarted',
    about: 'a group was started, by staff helping or by a citizen',
    fields: { groupId: 'id', centreId: 'id', kind: 'one of groupKind', name: 'text', purpose: 'text', partnerId: 'id', authority: 'text', startedBy: 'one of actor' },
  },
  { type: 'GroupJoined', about: 'a citizen joined a group themselves', fields: { groupId: 'id', citizenId: 'id' } },
  { type: 'GroupLeft', about: 'a member left a group themselves', fields: { groupId: 'id', citizenId: 'id' } },
  { type: 'GroupMembershipErased', about: 'a member’s membership ended with the erasure of their data (an administrator, with the erasure)', fields: { groupId: 'id', citizenId: 'id' } },
  { type: 'MeetingArrangementSet', about: 'a member wrote down how and when the group meets (sealed)', fields: { groupId: 'id', citizenId: 'id', arrangement: 'sealed' } },
  { type: 'MeetingPlaceAttached', about: 'the centre attached a virtual meeting place to a group', fields: { groupId: 'id', link: 'text' } },
  { type: 'MeetingPlaceDetached', about: 'the centre took a group’s virtual meeting place away', fields: { groupId: 'id' } },
  { type: 'GroupClosed', about: 'a group closed', fields: { groupId: 'id' } },
  // The entrepreneurs' track: every entry is the citizen's own, their words sealed; the track holds
  // nothing of the citizen's income or allowances.
  { type: 'TrackJoined', about: 'a citizen joined the entrepreneurs’ track', fields: { citizenId: 'id', centreId: 'id', businessIdea: 'sealed', at: 'time' } },
  { type: 'TrackLeft', about: 'a citizen left the entrepreneurs’ track; nothing follows', fields: { reason: 'sealed', at: 'time' } },
  { type: 'TrackErased', about: 'a citizen’s entrepreneurs’ track ended with the erasure of their data (an administrator, with the erasure)', fields: { at: 'time' } },
  { type: 'MilestoneSet', about: 'a citizen set a milestone of their own, with a month they hope for', fields: { milestoneId: 'id', text: 'sealed', hopedFor: 'code', at: 'time' } },
  { type: 'MilestoneRevised', about: 'a citizen revised a milestone', fields: { milestoneId: 'id', text: 'sealed', hopedFor: 'code' } },
  { type: 'MilestoneReached', about: 'a citizen marked a milestone reached', fields: { milestoneId: 'id', at: 'time' } },
  { type: 'MilestoneRemoved', about: 'a citizen removed a milestone', fields: { milestoneId: 'id' } },
  { type: 'CheckInRecorded', about: 'a citizen filled in a quarterly check-in of their own accord', fields: { quarter: 'code', status: 'one of businessStatus', note: 'sealed', at: 'time' } },
  { type: 'BusinessStartRecorded', about: 'a citizen said when their business started', fields: { startedOn: 'time', hasCvr: 'boolean', at: 'time' } },
  { type: 'SurvivalReported', about: 'a citizen said whether their business still runs 1, 2 or 3 years after it started', fields: { years: 'number', running: 'boolean', startedOn: 'time', at: 'time' } },
  // Citizens' ideas for the development budget: the proposer's words sealed; supports are each
  // citizen's own, counted; the board's answer names its adopted resolution and, if taken in, the line.
  {
    type: 'IdeaProposed',
    about: 'a citizen proposed an idea for a centre’s development budget, in their own words (sealed)',
    fields: { ideaId: 'id', centreId: 'id', budgetId: 'id', proposerId: 'id', title: 'sealed', description: 'sealed' },
  },
  { type: 'IdeaSupported', about: 'a citizen supported an idea themselves; it counts at once', fields: { ideaId: 'id', citizenId: 'id' } },
  { type: 'IdeaSupportWithdrawn', about: 'a citizen took their support for an idea back, before the board answered', fields: { ideaId: 'id', citizenId: 'id' } },
  { type: 'IdeaSupportErased', about: 'a citizen’s support for an idea not yet answered ended with the erasure of their data (an administrator, with the erasure)', fields: { ideaId: 'id', citizenId: 'id' } },
  { type: 'IdeaWithdrawn', about: 'the citizen who proposed an idea withdrew it, before the board answered', fields: { ideaId: 'id' } },
  // The reason is the board's words to its citizens: checked for words of coercion, as staff's are.
  {
    type: 'IdeaAnswered',
    about: 'the board answered an idea publicly, by an adopted resolution: taken in as a line of the budget, or not, with the reason; with how many supported it then',
    fields: { ideaId: 'id', centreId: 'id', budgetId: 'id', resolutionId: 'id', answer: 'one of ideaAnswer', lineId: 'id', reason: 'text', supports: 'number' },
  },
  { type: 'StudyExported', about: 'a study’s pseudonymised export was handed out: to its actor, in a format, with a number of rows', fields: { studyId: 'id', format: 'one of exportFormat', rows: 'number' } },
];

/** Words that would make a type coercive: none may appear in a type's name or description. */
export const COERCIVE_WORDS = ['sanction', 'summon', 'deadline', 'mandatory', 'required', 'obligat', 'penalt', 'availability duty', 'rådighed', 'benefit', 'reduc'];
