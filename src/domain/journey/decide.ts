import type { OpeningHours } from '../centre/centre.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { noCoercion } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { withinContactHours } from './hours.js';
import { isWho5Score, WHO5_ITEMS, WHO5_SCORE } from './who5.js';
import { type CatalogueOfferFact, referToPartner, type ReferToPartner, withdrawSharing, withdrawSharingAfterClosing, type WithdrawDataSharing } from './decide-sharing.js';
import {
  type Channel,
  type ConsentMethod,
  type FirstContact,
  type GoalCategory,
  initialState,
  evolve,
  type Journey,
  JOURNEY_EVENT_SCHEMA_VERSIONS,
  type JourneyEvent,
  METHODS_FOR_CHANNEL,
  type StaffConsentMethod,
  journeyStreamId,
  type OfferRef,
  type OfferState,
  offerKey,
  type OutcomeKind,
  PERSONAL_FIELDS,
  type RecordedBy,
} from './journey.js';
import { authoriseAny, citizenOnly, citizenOrStaff, heldSession, type Opened, staffOnly } from './who.js';

const DAY = 24 * 3600 * 1000;
/** After a decline, the same offer is not made again for this long unless the citizen asks. */
export const DECLINE_QUIET_DAYS = 30;
/** An offer nobody answered simply lapses after this long; nothing follows from that. */
export const OFFER_LAPSES_AFTER_DAYS = 60;
/**
 * An offer is made "in" a held conversation only this soon after the conversation ended: it is
 * written down then, not put into an old conversation later (where an answer recorded with it
 * would carry that old date, before what the citizen has said themselves since).
 */
export const OFFER_IN_SESSION_WITHIN_HOURS = 24;

/** Whether an offer can still be made in a conversation held at `heldAt` for `heldMinutes`, at `now` (ms). */
export const offerInSessionOpen = (heldAt: string, heldMinutes: number, now: number): boolean =>
  now <= Date.parse(heldAt) + heldMinutes * 60_000 + OFFER_IN_SESSION_WITHIN_HOURS * 3600_000;

type C<T extends string, D> = CommandEnvelope & { type: T; citizenId: string; data: D };
/** Staff acting "as told by the citizen" name the held session where it was said. */
type InSession = { sessionId?: string };

/** `centreKnown`: whether the centre was established, a fact from its stream. */
export type StartJourney = C<'StartJourney', { journeyId: string; centreId: string; firstContact: FirstContact; alias?: string; centreKnown: boolean }>;
export type CloseJourney = C<'CloseJourney', Record<string, never>>;
/** The citizen lets the centre they are with now see what earlier centres recorded. */
export type ShareHistory = C<'ShareHistory', Record<string, never>>;
export type StateGoal = C<'StateGoal', { goalId: string; text: string; category?: GoalCategory } & InSession>;
export type ReviseGoal = C<'ReviseGoal', { goalId: string; text: string; category?: GoalCategory }>;
export type DropGoal = C<'DropGoal', { goalId: string }>;
export type RequestSession = C<'RequestSession', { sessionId: string; channel?: Channel; wishes?: string }>;
export type ProposeSessionTime = C<'ProposeSessionTime', { sessionId: string; start: string; durationMinutes: number; channel: Channel; openingHours: OpeningHours | null }>;
export type ConfirmSessionTime = C<'ConfirmSessionTime', { sessionId: string }>;
export type BookSession = C<
  'BookSession',
  {
    sessionId: string;
    staffId: string;
    start: string;
    durationMinutes: number;
    channel: Channel;
    openingHours: OpeningHours | null;
    slotId?: string;
    /** The centre whose staff member published the time: it must be the citizen's centre. */
    slotCentreId?: string;
    /** The time is one for mentor conversations on the entrepreneurs' track. */
    mentoring?: boolean;
  }
>;
export type CancelSession = C<'CancelSession', { sessionId: string }>;
/** `heldAt`: when it actually began, if not at the booked start (a moment in the past, not before the booked start). */
export type RecordSessionHeld = C<
  'RecordSessionHeld',
  { sessionId: string; heldAt?: string; durationMinutes: number; topics: string[]; informationGiven?: string; nextSteps?: string; notes?: string }
>;
export type RecordSessionNotHeld = C<'RecordSessionNotHeld', { sessionId: string }>;
export type AskForOffer = C<'AskForOffer', { offer: OfferRef } & InSession>;
/**
 * `sessionId`: the held conversation the offer is put in, if it is made from one. `catalogueOffer`:
 * the catalogue offer the offer names, as it stands now (a fact from its stream and agreement).
 */
export type MakeOffer = C<'MakeOffer', { offerId: string; offer: OfferRef; information: string; catalogueOffer?: CatalogueOfferFact | null } & InSession>;
export type GiveConsent = C<'GiveConsent', { offerId: string; receiptId: string; method?: StaffConsentMethod } & InSession>;
export type DeclineOffer = C<'DeclineOffer', { offerId: string; reason?: string } & InSession>;
export type WithdrawConsent = C<'WithdrawConsent', { offerId: string } & InSession>;
/** `catalogueListed`: for an offer from the catalogue, whether it is in the catalogue now (a fact). */
export type StartParticipation = C<'StartParticipation', { offerId: string; catalogueListed?: boolean }>;
export type EndParticipation = C<'EndParticipation', { offerId: string }>;
export type RecordOutcome = C<'RecordOutcome', { outcomeId: string; kind: OutcomeKind; note?: string } & InSession>;
/**
 * The citizen answers the WHO-5 well-being questions themselves: `scores`, one per item in the
 * instrument's order. Voluntary: nothing asks for it, waits for it, or follows from it.
 */
export type AnswerWellBeing = C<'AnswerWellBeing', { answerId: string; scores: readonly number[] }>;
/**
 * `heldElsewhere`: whether the citizen holds anything outside a journey (a place at an activity, a
 * group membership, an entrepreneurs' track), a fact the erasure gathers: a citizen who never
 * started a journey may still have something to erase.
 */
export type EraseCitizen = C<'EraseCitizen', { heldElsewhere?: boolean }>;

export type JourneyCommand =
  | StartJourney
  | CloseJourney
  | ShareHistory
  | StateGoal
  | ReviseGoal
  | DropGoal
  | RequestSession
  | ProposeSessionTime
  | ConfirmSessionTime
  | BookSession
  | CancelSession
  | RecordSessionHeld
  | RecordSessionNotHeld
  | AskForOffer
  | MakeOffer
  | GiveConsent
  | DeclineOffer
  | WithdrawConsent
  | StartParticipation
  | EndParticipation
  | RecordOutcome
  | AnswerWellBeing
  | ReferToPartner
  | WithdrawDataSharing
  | EraseCitizen;

export function decide(command: JourneyCommand, state: Journey): JourneyEvent[] {
  if (command.type === 'EraseCitizen') return erase(command, state);
  if (state.status === 'erased') throw new Conflict('citizen_erased', 'this citizen’s data was erased; nothing more is recorded for them');
  if (command.type === 'StartJourney') return start(command, state);
  if (command.type === 'WithdrawConsent' && state.status === 'closed') return withdrawAfterClosing(command, state);
  if (command.type === 'WithdrawDataSharing' && state.status === 'closed') {
    authoriseAny(command.principal, state);
    if (command.principal.role !== 'citizen') throw new Conflict('journey_closed', 'the journey is closed; only the citizen withdraws a consent in it now', { journeyId: state.journeyId });
    return withdrawSharingAfterClosing(command, state);
  }
  const journey = open(state, command);
  const p = command.principal;
  switch (command.type) {
    case 'CloseJourney':
      citizenOnly(p, journey);
      return [{ type: 'JourneyClosed', data: { journeyId: journey.journeyId } }];
    case 'ShareHistory':
      citizenOnly(p, journey);
      if (journey.historyShared || journey.earlierCentres.length === 0) return [];
      return [{ type: 'JourneyHistoryShared', data: { journeyId: journey.journeyId, centreId: journey.centreId } }];
    case 'StateGoal': {
      const told = toldBy(p, journey, command.data.sessionId, command.now);
      if (journey.goals[command.data.goalId]) throw new Conflict('goal_exists', 'this goal is already recorded', { goalId: command.data.goalId });
      if (told.recordedBy.by === 'staff') noCoercion('text', command.data.text);
      hasWords('text', command.data.text);
      const { goalId, text, category } = command.data;
      return [{ type: 'GoalStated', data: { goalId, text, category: category ?? null, recordedBy: told.recordedBy, at: told.at } }];
    }
    case 'ReviseGoal':
      // The goal is the citizen's own words: only they change it.
      citizenOnly(p, journey);
      activeGoal(journey, command.data.goalId);
      hasWords('text', command.data.text);
      return [{ type: 'GoalRevised', data: { goalId: command.data.goalId, text: command.data.text, category: command.data.category ?? null } }];
    case 'DropGoal':
      citizenOnly(p, journey);
      activeGoal(journey, command.data.goalId);
      return [{ type: 'GoalDropped', data: { goalId: command.data.goalId } }];
    case 'RequestSession':
      citizenOnly(p, journey);
      newSession(journey, command.data.sessionId);
      return [{ type: 'SessionRequested', data: { sessionId: command.data.sessionId, channel: command.data.channel ?? null, wishes: command.data.wishes ?? null } }];
    case 'ProposeSessionTime': {
      staffOnly(p, journey);
      const session = journey.sessions[command.data.sessionId];
      // Staff never put a conversation in the calendar on their own: only answer a request.
      if (!session) throw new RuleViolation('session_not_requested', 'staff propose a time only for a conversation the citizen asked for', { sessionId: command.data.sessionId });
      if (session.status !== 'requested' && session.status !== 'proposed') throw new Conflict('session_not_open_for_proposal', 'this conversation is already settled', { sessionId: command.data.sessionId });
      const { start: at, durationMinutes, channel, openingHours } = command.data;
      future(at, command.now);
      hours(channel, at, durationMinutes, openingHours);
      return [{ type: 'SessionTimeProposed', data: { sessionId: command.data.sessionId, staffId: p.id, start: at, durationMinutes, channel } }];
    }
    case 'ConfirmSessionTime': {
      citizenOnly(p, journey);
      const session = journey.sessions[command.data.sessionId];
      if (!session) throw new NotFound('session_not_found', 'no such conversation', { sessionId: command.data.sessionId });
      if (session.status !== 'proposed') throw new Conflict('no_proposal', 'there is no proposed time to confirm', { sessionId: command.data.sessionId });
      const { staffId, start: at, durationMinutes, channel } = session;
      if (!(Date.parse(at) > Date.parse(command.now))) throw new Conflict('proposal_passed', 'the proposed time has passed; ask for a new one', { sessionId: command.data.sessionId });
      return [{ type: 'SessionBooked', data: { sessionId: command.data.sessionId, staffId, start: at, durationMinutes, channel, bookedBy: 'citizen_confirmed_proposal' } }];
    }
    case 'BookSession': {
      // Only the citizen books; staff can only answer a request with a proposal.
      citizenOnly(p, journey);
      const { sessionId, staffId, start: at, durationMinutes, channel, openingHours, slotId, slotCentreId } = command.data;
      newSession(journey, sessionId);
      if (slotCentreId !== undefined && slotCentreId !== journey.centreId) throw new RuleViolation('slot_at_other_centre', 'this time belongs to another centre’s staff', { slotId: slotId ?? null });
      future(at, command.now);
      hours(channel, at, durationMinutes, openingHours);
      const mentoring = command.data.mentoring === true ? { mentoring: true as const } : {};
      return [{ type: 'SessionBooked', data: { sessionId, staffId, start: at, durationMinutes, channel, bookedBy: 'citizen', ...(slotId ? { slotId } : {}), ...mentoring } }];
    }
    case 'CancelSession': {
      const cancelledBy = citizenOrStaff(p, journey);
      const session = journey.sessions[command.data.sessionId];
      if (!session) throw new NotFound('session_not_found', 'no such conversation', { sessionId: command.data.sessionId });
      if (!['requested', 'proposed', 'booked'].includes(session.status)) throw new Conflict('session_settled', 'this conversation is already over', { sessionId: command.data.sessionId });
      return [{ type: 'SessionCancelled', data: { sessionId: command.data.sessionId, cancelledBy } }];
    }
    case 'RecordSessionHeld':
      return recordHeld(command, journey);
    case 'RecordSessionNotHeld': {
      const by = citizenOrStaff(p, journey);
      const session = booked(journey, command.data.sessionId);
      if (by === 'staff' && session.staffId !== p.id) throw new Forbidden('only the staff member the conversation was booked with records it as not held', { sessionId: command.data.sessionId });
      // Before its time a conversation is cancelled, not "not held".
      if (Date.parse(session.start) > Date.parse(command.now)) throw new RuleViolation('session_not_begun', 'a conversation that has not begun is cancelled instead', { sessionId: command.data.sessionId });
      // No reason, no "no-show": a conversation that did not happen has no consequence.
      return [{ type: 'SessionNotHeld', data: { sessionId: command.data.sessionId } }];
    }
    case 'AskForOffer': {
      const told = toldBy(p, journey, command.data.sessionId, command.now);
      // An ask counts from the start of the conversation it was said in: a decline the citizen gave
      // themselves since then keeps its 30 quiet days.
      return [{ type: 'OfferAskedFor', data: { offer: command.data.offer, recordedBy: told.recordedBy, at: told.from } }];
    }
    case 'MakeOffer':
      return makeOffer(command, journey);
    case 'GiveConsent': {
      const offer = answerable(journey, command.data.offerId, command.now);
      if (offer.answer === 'consented') throw new Conflict('consent_already_given', 'consent is already given', { offerId: command.data.offerId });
      const { consent, at } = answeredBy(p, journey, offer, command, command.data.method);
      return [
        {
          type: 'ConsentGiven',
          data: {
            offerId: command.data.offerId,
            consent,
            receipt: {
              receiptId: command.data.receiptId,
              version: 'KI-CR-v1.1.0',
              timestamp: at,
              jurisdiction: 'DK',
              collectionMethod: consent.method,
              controller: { name: 'Virkelyst', centreId: journey.centreId },
              // Stored in English as the receipt's record; pages and downloads render it from its fields in the reader's language (src/i18n/receipts.ts).
              purpose: `Taking part in the offer ${describe(offer.offer)}, which you may leave at any time`,
              dataCategories: ['participation in the offer', 'what you choose to share in conversations about it'],
              howToWithdraw: 'At any time on Mine sider (your own pages in Virkelyst, under your consents), or by telling a member of staff at the centre; it takes effect at once and nothing follows from it.',
            },
          },
        },
      ];
    }
    case 'DeclineOffer': {
      const offer = answerable(journey, command.data.offerId, command.now);
      if (offer.answer === 'declined') throw new Conflict('already_declined', 'the offer is already declined', { offerId: command.data.offerId });
      if (offer.answer === 'consented') throw new Conflict('consent_given', 'consent is given; withdraw it instead', { offerId: command.data.offerId });
      const { consent, at } = answeredBy(p, journey, offer, command);
      if (consent.method !== 'self_service' && command.data.reason !== undefined) noCoercion('reason', command.data.reason);
      return [{ type: 'OfferDeclined', data: { offerId: command.data.offerId, consent, reason: command.data.reason ?? null, at } }];
    }
    case 'WithdrawConsent': {
      const offer = consentedOffer(journey, command.data.offerId);
      return withdrawn(offer, command.data.offerId, answeredBy(p, journey, offer, command));
    }
    case 'StartParticipation': {
      citizenOrStaff(p, journey);
      const offer = journey.offers[command.data.offerId];
      if (!offer) throw new NotFound('offer_not_found', 'no such offer', { offerId: command.data.offerId });
      if (offer.answer !== 'consented') throw new RuleViolation('consent_required', 'participation starts only with the citizen’s consent', { offerId: command.data.offerId });
      if (offer.participating) return [];
      // An offer from the catalogue whose agreement ended (or that was retired): no new participation starts in it.
      if (offer.offer.catalogueOfferId !== undefined && command.data.catalogueListed !== true) {
        throw new RuleViolation('offer_not_in_catalogue', 'the offer is no longer in the catalogue; no new participation starts in it', { offerId: command.data.offerId });
      }
      return [{ type: 'ParticipationStarted', data: { offerId: command.data.offerId } }];
    }
    case 'EndParticipation': {
      const by = citizenOrStaff(p, journey);
      const offer = journey.offers[command.data.offerId];
      if (!offer) throw new NotFound('offer_not_found', 'no such offer', { offerId: command.data.offerId });
      if (!offer.participating) return [];
      return [{ type: 'ParticipationEnded', data: { offerId: command.data.offerId, because: by === 'citizen' ? 'citizen_left' : 'offer_completed' } }];
    }
    case 'RecordOutcome': {
      const told = toldBy(p, journey, command.data.sessionId, command.now);
      if (told.recordedBy.by === 'staff' && command.data.note !== undefined) noCoercion('note', command.data.note);
      const { outcomeId, kind, note } = command.data;
      return [{ type: 'OutcomeRecorded', data: { outcomeId, kind, note: note ?? null, recordedBy: told.recordedBy, at: told.at } }];
    }
    case 'AnswerWellBeing':
      return answerWellBeing(command, journey);
    case 'ReferToPartner':
      return referToPartner(command, journey);
    case 'WithdrawDataSharing':
      return withdrawSharing(command, journey);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** An administrator erases a citizen's personal data: an event without personal data. */
function erase(command: EraseCitizen, state: Journey): JourneyEvent[] {
  if (command.principal.role !== 'admin') throw new Forbidden('only an administrator erases a citizen', { role: command.principal.role });
  if (state.status === 'erased') return [];
  // Nothing is held about someone who never made contact: nothing to erase, and nothing recorded.
  if (state.status === 'none' && !command.data.heldElsewhere) throw new NotFound('journey_not_found', 'no journey for this citizen', { citizenId: command.citizenId });
  return [{ type: 'CitizenErased', data: { citizenId: command.citizenId } }];
}

function start(command: StartJourney, state: Journey): JourneyEvent[] {
  const p = command.principal;
  const { journeyId, centreId, firstContact, alias } = command.data;
  let startedBy: 'citizen' | 'staff';
  if (p.role === 'citizen') {
    if (p.id !== command.citizenId) throw new Forbidden('a citizen starts only their own journey');
    startedBy = 'citizen';
  } else if (p.role === 'staff') {
    if (p.centreId !== centreId) throw new Forbidden('staff record contacts only for their own centre', { centreId });
    // Staff record that the citizen made contact; registering online is the citizen's own act.
    if (firstContact === 'self_service') throw new Forbidden('self-service registration is the citizen’s own');
    if (alias !== undefined) noCoercion('alias', alias);
    startedBy = 'staff';
  } else {
    throw new Forbidden(`the role ${p.role} does not start journeys`, { role: p.role });
  }
  if (!command.data.centreKnown) throw new NotFound('centre_not_found', 'no such centre', { centreId });
  if (state.status === 'open') throw new Conflict('journey_open', 'the journey is already open', { journeyId: state.journeyId });
  return [{ type: 'JourneyStarted', data: { journeyId, citizenId: command.citizenId, centreId, firstContact, alias: alias ?? null, startedBy } }];
}

function makeOffer(command: MakeOffer, journey: Opened): JourneyEvent[] {
  staffOnly(command.principal, journey);
  const { offerId, offer, information } = command.data;
  // A partner's offer is always one in the catalogue (there is no other way to name it).
  if (offer.source === 'partner' && typeof offer.catalogueOfferId !== 'string') throw new InvalidValue('offer.catalogueOfferId', 'a partner’s offer names its offer in the catalogue');
  if (offer.catalogueOfferId !== undefined) fromCatalogue(offer, command.data.catalogueOffer ?? null, journey.centreId);
  if (journey.offers[offerId]) throw new Conflict('offer_exists', 'this offer is already made', { offerId });
  noCoercion('information', information);
  let madeIn: string | null = null;
  if (command.data.sessionId !== undefined) {
    const session = heldSession(journey, command.data.sessionId, command.principal);
    if (!offerInSessionOpen(session.heldAt, session.heldMinutes, Date.parse(command.now))) {
      throw new RuleViolation('session_too_long_ago', `an offer is made in a conversation only within ${OFFER_IN_SESSION_WITHIN_HOURS} hours of its end; make it outside the conversation instead`, {
        sessionId: session.sessionId,
      });
    }
    madeIn = session.sessionId;
  }
  const key = offerKey(offer);
  // One open question at a time: the same offer is not put again while the first waits for an answer.
  const waiting = Object.entries(journey.offers).find(([, o]) => offerKey(o.offer) === key && o.answer === 'none' && !lapsed(o, command.now));
  // No id in the refusal: the waiting offer may be an earlier centre's, which this centre does not see.
  if (waiting) throw new Conflict('offer_unanswered', 'this offer is already made and waits for the citizen’s answer');
  const declined = journey.declinedAt[key];
  const asked = journey.askedForAt[key];
  const now = new Date(command.now).getTime();
  const askedSinceDecline = asked !== undefined && declined !== undefined && asked >= declined;
  if (declined && now - new Date(declined).getTime() < DECLINE_QUIET_DAYS * DAY && !askedSinceDecline) {
    throw new RuleViolation('recently_declined', `the citizen declined this offer less than ${DECLINE_QUIET_DAYS} days ago; it is made again only if they ask`, { offerId });
  }
  const atCitizensRequest = askedSinceDecline || asked !== undefined;
  return [{ type: 'OfferMade', data: { offerId, offer, information, staffId: command.principal.id, atCitizensRequest, at: command.now, ...(madeIn ? { sessionId: madeIn } : {}) } }];
}

/**
 * An offer from the catalogue: the one it names, of the partner it names (none for the centre's
 * own, of the kind it names), and in the catalogue now.
 */
function fromCatalogue(offer: OfferRef, fact: CatalogueOfferFact | null, centreId: string): void {
  const id = offer.catalogueOfferId!;
  const partnerId = offer.source === 'partner' ? offer.partnerId : null;
  // Only the catalogue of the citizen's centre: another centre's offers are its own to make.
  if (!fact || fact.catalogueOfferId !== id || fact.partnerId !== partnerId || fact.centreId !== centreId || (offer.source === 'centre' && fact.kind !== offer.kind)) {
    throw new NotFound('catalogue_offer_not_found', 'no such offer in the catalogue', { catalogueOfferId: id });
  }
  if (!fact.listed) throw new RuleViolation('offer_not_in_catalogue', 'the offer is not in the catalogue now (retired, or its agreement is not in force)', { catalogueOfferId: id });
}

/** A consent withdrawn: and participation ended in the same append, never a moment of participation without consent. */
function withdrawn(offer: OfferState, offerId: string, by: { consent: ConsentMethod; at: string }): JourneyEvent[] {
  const events: JourneyEvent[] = [{ type: 'ConsentWithdrawn', data: { offerId, ...by } }];
  if (offer.participating) events.push({ type: 'ParticipationEnded', data: { offerId, because: 'consent_withdrawn' } });
  return events;
}

/**
 * A consent can be withdrawn at any time (DOMAIN.md): closing a journey does not take that away.
 * On a closed journey nothing else is recorded, and nobody holds a conversation in it, so only the
 * citizen themselves withdraws, on their own.
 */
function withdrawAfterClosing(command: WithdrawConsent, journey: Extract<Journey, { status: 'closed' }>): JourneyEvent[] {
  const p = command.principal;
  authoriseAny(p, journey);
  if (p.role !== 'citizen') throw new Conflict('journey_closed', 'the journey is closed; only the citizen withdraws a consent in it now', { journeyId: journey.journeyId });
  return withdrawn(consentedOffer(journey, command.data.offerId), command.data.offerId, { consent: { method: 'self_service' }, at: command.now });
}

/** The offer a withdrawal is about: one there is, with a consent in force. */
function consentedOffer(journey: Pick<Opened, 'offers'>, offerId: string): OfferState {
  const offer = journey.offers[offerId];
  if (!offer) throw new NotFound('offer_not_found', 'no such offer', { offerId });
  if (offer.answer !== 'consented') throw new Conflict('no_consent', 'there is no consent to withdraw', { offerId });
  return offer;
}

function open(state: Exclude<Journey, { status: 'erased' }>, command: Exclude<JourneyCommand, StartJourney | EraseCitizen>): Opened {
  if (state.status === 'none') throw new NotFound('journey_not_found', 'no journey for this citizen', { citizenId: command.citizenId });
  authoriseAny(command.principal, state);
  if (state.status === 'closed') throw new Conflict('journey_closed', 'the journey is closed; the citizen may start again at any time', { journeyId: state.journeyId });
  return state;
}

/**
 * The citizen themselves (now), or staff naming the held conversation in which the citizen said
 * it (at the conversation's time).
 */
function toldBy(p: Principal, journey: Opened, sessionId: string | undefined, now: string): { recordedBy: RecordedBy; at: string; from: string } {
  if (p.role === 'citizen') {
    citizenOnly(p, journey);
    return { recordedBy: { by: 'citizen' }, at: now, from: now };
  }
  staffOnly(p, journey);
  const session = heldSession(journey, sessionId, p);
  // `from`: the conversation's booked start, the earliest it can have been said; what the
  // citizen did themselves since then is not outranked by it.
  return { recordedBy: { by: 'staff', staffId: p.id, sessionId: session.sessionId }, at: session.heldAt, from: session.start };
}

/**
 * An answer to an offer: the citizen's own (now), or one staff record from a conversation they
 * held (at its time, in a way that fits its channel). The citizen's own latest word wins: staff
 * never record an answer from a conversation that came before the citizen's own last answer.
 */
function answeredBy(
  p: Principal,
  journey: Opened,
  offer: OfferState,
  command: { now: string; data: { offerId: string; sessionId?: string } },
  method?: StaffConsentMethod,
): { consent: ConsentMethod; at: string } {
  if (p.role === 'citizen') {
    citizenOnly(p, journey);
    return { consent: { method: 'self_service' }, at: command.now };
  }
  staffOnly(p, journey);
  // An offer carried over from an earlier centre is not this centre's to record answers to (the
  // citizen answers it themselves); not found, as this centre does not see the earlier centre's.
  if (offer.centreId !== journey.centreId) throw new NotFound('offer_not_found', 'no such offer at this centre', { offerId: command.data.offerId });
  // Staff never answer for the citizen: they record an answer given in a conversation they held.
  const session = heldSession(journey, command.data.sessionId, p);
  const fits = METHODS_FOR_CHANNEL[session.channel];
  const chosen = method ?? fits[fits.length - 1]!;
  if (!fits.includes(chosen)) throw new RuleViolation('method_does_not_fit_channel', `a ${chosen.replace(/_/g, ' ')} answer does not fit a conversation by ${session.channel.replace(/_/g, ' ')}`, { sessionId: session.sessionId });
  // The conversation counts from its booked start, whatever time staff state it began: an answer
  // the citizen gave themselves since then stands.
  // So does one they gave to another offer of the same kind: a new offer is no way around it.
  const key = offerKey(offer.offer);
  const ownSince = Object.values(journey.offers).some((o) => offerKey(o.offer) === key && o.ownAnswerAt !== null && Date.parse(o.ownAnswerAt) >= Date.parse(session.start));
  if (ownSince) {
    throw new RuleViolation('citizen_answered_since', 'the citizen answered this offer (or one of its kind) themselves after that conversation; their own latest word stands', { offerId: command.data.offerId, sessionId: session.sessionId });
  }
  // An answer is to an offer the citizen had heard of: one made before the conversation, or in it.
  if (Date.parse(offer.madeAt) > Date.parse(session.start) && offer.madeIn !== session.sessionId) {
    throw new RuleViolation('offer_not_made_then', 'the offer was made after that conversation, and not in it', { offerId: command.data.offerId, sessionId: session.sessionId });
  }
  return { consent: { method: chosen, staffId: p.id, sessionId: session.sessionId }, at: session.heldAt };
}

/** How long a held conversation can be recorded as lasting. */
export const HELD_MINUTES = { min: 10, max: 240 } as const;

/** Staff record a conversation as held: the one booked with them, once it began, and when it did. */
function recordHeld(command: RecordSessionHeld, journey: Opened): JourneyEvent[] {
  const p = command.principal;
  staffOnly(p, journey);
  const d = command.data;
  const session = booked(journey, d.sessionId);
  if (session.staffId !== p.id) throw new Forbidden('only the staff member the conversation was booked with records it as held', { sessionId: d.sessionId });
  const now = Date.parse(command.now);
  const start = Date.parse(session.start);
  if (start > now) throw new RuleViolation('session_not_begun', 'a conversation is recorded as held only once its booked time has begun', { sessionId: d.sessionId });
  const heldAt = d.heldAt ?? session.start;
  const at = Date.parse(heldAt);
  if (Number.isNaN(at) || at > now) throw new InvalidValue('heldAt', 'when the conversation began: a moment in the past');
  if (at < start) throw new InvalidValue('heldAt', 'a conversation is not held before its booked time');
  // The same bounds the API and the pages take, here where the rule lives (the verifier reads them so too).
  if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < HELD_MINUTES.min || d.durationMinutes > HELD_MINUTES.max) {
    throw new InvalidValue('durationMinutes', `how long the conversation lasted: whole minutes from ${HELD_MINUTES.min} to ${HELD_MINUTES.max}`);
  }
  for (const [field, text] of [['informationGiven', d.informationGiven], ['nextSteps', d.nextSteps], ['notes', d.notes], ...d.topics.map((t, i) => [`topics.${i}`, t])] as const) {
    if (text !== undefined) noCoercion(field, text);
  }
  return [
    {
      type: 'SessionHeld',
      data: { sessionId: d.sessionId, staffId: p.id, channel: session.channel, heldAt, durationMinutes: d.durationMinutes, topics: d.topics, informationGiven: d.informationGiven ?? null, nextSteps: d.nextSteps ?? null, notes: d.notes ?? null },
    },
  ];
}

/** Staff-written text never speaks of benefits, sanctions, duties or consequences. */

function future(at: string, now: string): void {
  if (!(Date.parse(at) > Date.parse(now))) throw new InvalidValue('start', 'a conversation is set for a time in the future');
}

function newSession(journey: Opened, sessionId: string): void {
  if (journey.sessions[sessionId]) throw new Conflict('session_exists', 'this conversation is already on record', { sessionId });
}

function booked(journey: Opened, sessionId: string) {
  const session = journey.sessions[sessionId];
  if (!session) throw new NotFound('session_not_found', 'no such conversation', { sessionId });
  if (session.status !== 'booked') throw new Conflict('session_not_booked', 'only a booked conversation can be recorded as held or not held', { sessionId });
  return session;
}

function activeGoal(journey: Opened, goalId: string): void {
  if (journey.goals[goalId] !== 'active') throw new NotFound('goal_not_found', 'no such goal', { goalId });
}

const lapsed = (offer: OfferState, now: string) => offer.answer === 'none' && new Date(now).getTime() - new Date(offer.madeAt).getTime() > OFFER_LAPSES_AFTER_DAYS * DAY;

function answerable(journey: Opened, offerId: string, now: string) {
  const offer = journey.offers[offerId];
  if (!offer) throw new NotFound('offer_not_found', 'no such offer', { offerId });
  if (lapsed(offer, now)) {
    throw new RuleViolation('offer_lapsed', `the offer lapsed after ${OFFER_LAPSES_AFTER_DAYS} days; ask for it again if you want it`, { offerId });
  }
  return offer;
}

function hours(channel: Channel, at: string, durationMinutes: number, openingHours: OpeningHours | null): void {
  const check = withinContactHours(channel, at, durationMinutes, openingHours);
  if (!check.ok) throw new InvalidValue('start', check.why);
}

function describe(offer: OfferRef): string {
  return offer.source === 'centre' ? offer.kind.replace(/_/g, ' ') : `${offer.catalogueOfferId} from partner ${offer.partnerId}`;
}

export const journeyDecider: Decider<Journey, JourneyCommand, JourneyEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => journeyStreamId(command.citizenId),
  schemaVersions: JOURNEY_EVENT_SCHEMA_VERSIONS,
  // A journey started again (at another centre) belongs to the centre it starts at.
  centreOf: (state, command) =>
    command.type === 'StartJourney' ? command.data.centreId : state.status === 'open' || state.status === 'closed' ? state.centreId : undefined,
  personal: { fields: PERSONAL_FIELDS, subjectOf: (command) => command.citizenId },
};

/**
 * The citizen's own answers to the WHO-5 questions. Only the citizen gives them, in self-service:
 * staff never record them, not even as told in a conversation (they are health data the centre
 * does not see). Exactly five items, each a whole number 0–5; each answer is a new one (the
 * citizen may answer again later), under its own id.
 */
function answerWellBeing(command: AnswerWellBeing, journey: Opened): JourneyEvent[] {
  citizenOnly(command.principal, journey);
  const { answerId, scores } = command.data;
  if (journey.wellBeingAnswers.includes(answerId)) throw new Conflict('well_being_answer_exists', 'this answer is already recorded', { answerId });
  if (!Array.isArray(scores) || scores.length !== WHO5_ITEMS.length) throw new InvalidValue('scores', `the WHO-5 has ${WHO5_ITEMS.length} questions: one answer to each`);
  scores.forEach((score, i) => {
    if (!isWho5Score(score)) throw new InvalidValue(`scores.${i}`, `an answer is a whole number from ${WHO5_SCORE.min} (at no time) to ${WHO5_SCORE.max} (all of the time)`);
  });
  return [{ type: 'WellBeingAnswered', data: { answerId, scores: [...scores], at: command.now } }];
}

/** A goal is said in words: blank text (spaces, line breaks) states nothing. */
function hasWords(field: string, text: string): void {
  if (text.trim().length === 0) throw new InvalidValue(field, 'a goal is said in words; this text is blank');
}
