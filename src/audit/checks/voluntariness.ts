/**
 * Checks 1–7 and 9: that consent was always the citizen's, from the log alone. Every rule about
 * order uses the log's own order and recorded time, never a time an event claims about itself;
 * the one claimed time used, when a held conversation began, is bounded by the log: not before the
 * conversation's booked start, not after the conversation was recorded as held.
 */
import { CATALOGUE, COERCIVE_WORDS } from '../catalogue.js';
import type { StoredEvent } from '../canonical.js';
import { payloadProblems } from './payload.js';
import { type Actor, check, type Data, type EventChecks, type Meta, recordedMs, violation as v } from './types.js';

const DAY = 24 * 3600 * 1000;
/** Which ways of answering fit a conversation's channel (a signature needs the same room). */
const METHODS: Record<string, readonly string[]> = {
  in_person_centre: ['signed_in_person', 'verbal_in_session'],
  in_person_home: ['signed_in_person', 'verbal_in_session'],
  phone: ['verbal_in_session'],
  video: ['verbal_in_session'],
  chat: ['written_in_chat'],
};

interface Booked {
  staffId: unknown;
  start: number;
  channel: unknown;
}
interface Held {
  staffId: unknown;
  channel: unknown;
  /** When it began: the claim, bounded by the booked start and the time it was recorded. */
  at: number;
}

export function voluntarinessChecks(): EventChecks {
  const participation = check(1, 'participation starts only with consent given and not withdrawn');
  const consentBy = check(
    2,
    'consent, declines, withdrawals, asks, goals and outcomes are the citizen’s own, or recorded by the staff member who held a conversation with them, in a way that fits its channel, from a conversation after the citizen’s own last answer',
  );
  const reOffer = check(3, 'no offer is made again within 30 days of a decline unless the citizen asked');
  const withdrawal = check(4, 'every withdrawal ends a running participation in the same append');
  const booking = check(5, 'every booking was made or confirmed by the citizen');
  const shares = check(6, 'every data share with a partner is covered by the citizen’s consent');
  const catalogue = check(7, 'every event type is in the declared catalogue and carries only its declared fields; no readable text and no type in it is coercive');
  const heldRule = check(9, 'a conversation is recorded as held only after its booked start, by the staff member it was booked with');

  const known = new Set(CATALOGUE.map((e) => e.type));
  for (const entry of CATALOGUE) {
    catalogue.examined++;
    const words = `${entry.type} ${entry.about}`.toLowerCase();
    const coercive = COERCIVE_WORDS.find((w) => words.includes(w));
    if (coercive) catalogue.violations.push({ position: null, eventId: null, reason: `catalogue type ${entry.type} is coercive (“${coercive}”)` });
  }

  // Per journey stream: consent and participation per offer, conversations, declines and asks by offer kind.
  const consented = new Map<string, boolean>();
  const participating = new Map<string, boolean>();
  const bookedSessions = new Map<string, Booked>();
  const heldSessions = new Map<string, Held>();
  const proposed = new Set<string>();
  const offers = new Map<string, string>();
  /** When the citizen last answered each offer themselves, in the log's time. */
  const ownAnswerAt = new Map<string, number>();
  const declinedAt = new Map<string, number>();
  const askedAt = new Map<string, number>();
  const pending: { event: StoredEvent; offerKey: string }[] = []; // withdrawals waiting for their append to end

  const kindKey = (stream: string, offer: Data | undefined) => `${stream}|${offer?.source}:${offer?.kind ?? offer?.catalogueOfferId}`;
  const byCitizen = (e: StoredEvent, actor: Actor | undefined) => actor?.role === 'citizen' && e.stream.startsWith('journey-') && actor.id === e.stream.slice('journey-'.length);

  /**
   * A record staff made as told by the citizen: it must name a conversation held with this
   * citizen, earlier in the log, by this staff member, and (for an answer) after the citizen's own
   * last answer, in a way that fits the channel. Returns the conversation's time, or null.
   */
  const fromConversation = (e: StoredEvent, meta: Meta, named: Data | undefined, offerKey: string | null, method: unknown): number | null => {
    if (meta.actor?.role !== 'staff' || !named || named.staffId !== meta.actor.id) return null;
    const conversation = heldSessions.get(`${e.stream}|${named.sessionId}`);
    if (!conversation || conversation.staffId !== meta.actor.id) return null;
    if (method !== undefined && !(METHODS[String(conversation.channel)] ?? []).includes(String(method))) {
      v(consentBy, e, `${e.type} recorded as ${String(method)} from a conversation by ${String(conversation.channel)}`);
    }
    const own = offerKey ? ownAnswerAt.get(offerKey) : undefined;
    if (own !== undefined && own >= conversation.at) v(consentBy, e, `${e.type} recorded by staff from a conversation that came before the citizen’s own later answer`);
    return conversation.at;
  };

  return {
    checks: [participation, consentBy, reOffer, withdrawal, booking, shares, catalogue, heldRule],
    endOfAppend() {
      for (const p of pending.splice(0)) if (participating.get(p.offerKey)) v(withdrawal, p.event, 'consent withdrawn while participation went on');
    },
    onEvent(e: StoredEvent, d: Data, meta: Meta) {
      if (!known.has(e.type)) v(catalogue, e, `event type ${e.type} is not in the declared catalogue`);
      else {
        catalogue.examined++;
        for (const problem of payloadProblems(e.type, e.data, e.metadata)) v(catalogue, e, `${e.type}: ${problem}`);
      }
      switch (e.type) {
        case 'SessionBooked':
        case 'SessionTimeProposed': {
          const key = `${e.stream}|${d.sessionId}`;
          if (e.type === 'SessionTimeProposed') proposed.add(key);
          else {
            bookedSessions.set(key, { staffId: d.staffId, start: Date.parse(d.start), channel: d.channel });
            booking.examined++;
            const confirmed = d.bookedBy === 'citizen_confirmed_proposal' && proposed.has(key);
            if (!byCitizen(e, meta.actor) || !(d.bookedBy === 'citizen' || confirmed)) v(booking, e, 'a conversation booked without the citizen booking or confirming it');
          }
          break;
        }
        case 'SessionHeld': {
          heldRule.examined++;
          const key = `${e.stream}|${d.sessionId}`;
          const booked = bookedSessions.get(key);
          const recorded = recordedMs(e);
          const claimed = d.heldAt === undefined ? booked?.start : Date.parse(d.heldAt);
          if (!booked) v(heldRule, e, 'a conversation recorded as held that was never booked');
          else if (!(recorded >= booked.start)) v(heldRule, e, 'a conversation recorded as held before its booked start');
          if (meta.actor?.role !== 'staff' || meta.actor.id !== d.staffId || (booked && booked.staffId !== d.staffId)) {
            v(heldRule, e, 'a conversation recorded as held by someone other than the staff member it was booked with');
          }
          if (booked && claimed !== undefined && !(claimed >= booked.start && claimed <= recorded)) v(heldRule, e, 'a conversation said to have begun before its booked start or after it was recorded');
          if (booked) heldSessions.set(key, { staffId: d.staffId, channel: booked.channel, at: Math.min(Math.max(claimed ?? booked.start, booked.start), recorded) });
          break;
        }
        case 'OfferAskedFor':
        case 'GoalStated':
        case 'OutcomeRecorded': {
          consentBy.examined++;
          const by = d.recordedBy as Data | undefined;
          let at = recordedMs(e);
          if (by?.by === 'citizen' && byCitizen(e, meta.actor)) {
            // the citizen's own word
          } else {
            const conversation = by?.by === 'staff' ? fromConversation(e, meta, by, null, undefined) : null;
            if (conversation === null) v(consentBy, e, `${e.type} neither by the citizen nor recorded by the staff member who held a conversation with this citizen`);
            else at = conversation;
          }
          // A staff-recorded ask counts from the conversation where it was said.
          if (e.type === 'OfferAskedFor') askedAt.set(kindKey(e.stream, d.offer), at);
          break;
        }
        case 'OfferMade': {
          reOffer.examined++;
          const kind = kindKey(e.stream, d.offer);
          offers.set(`${e.stream}|${d.offerId}`, kind);
          const declined = declinedAt.get(kind);
          const asked = askedAt.get(kind);
          if (declined !== undefined && recordedMs(e) - declined < 30 * DAY && !(asked !== undefined && asked >= declined)) {
            v(reOffer, e, 'offer made again within 30 days of a decline without the citizen asking');
          }
          break;
        }
        case 'ConsentGiven':
        case 'OfferDeclined':
        case 'ConsentWithdrawn': {
          consentBy.examined++;
          const method = d.consent as Data | undefined;
          const offerKey = `${e.stream}|${d.offerId}`;
          const fromCitizen = byCitizen(e, meta.actor) && method?.method === 'self_service';
          if (fromCitizen) ownAnswerAt.set(offerKey, recordedMs(e));
          else if (fromConversation(e, meta, method, offerKey, method?.method) === null) {
            v(consentBy, e, `${e.type} neither by the citizen nor recorded by the staff member who held a conversation with this citizen`);
          }
          if (e.type === 'ConsentGiven') consented.set(offerKey, true);
          if (e.type === 'OfferDeclined') {
            consented.set(offerKey, false);
            const kind = offers.get(offerKey);
            if (kind) declinedAt.set(kind, recordedMs(e));
          }
          if (e.type === 'ConsentWithdrawn') {
            consented.set(offerKey, false);
            withdrawal.examined++;
            pending.push({ event: e, offerKey });
          }
          break;
        }
        case 'ParticipationStarted': {
          participation.examined++;
          const offerKey = `${e.stream}|${d.offerId}`;
          if (!consented.get(offerKey)) v(participation, e, 'participation started without consent given and not withdrawn');
          participating.set(offerKey, true);
          break;
        }
        case 'ParticipationEnded':
          participating.set(`${e.stream}|${d.offerId}`, false);
          break;
        case 'SlotBooked':
          booking.examined++;
          if (meta.actor?.role !== 'citizen' || meta.actor.id !== d.citizenId) v(booking, e, 'a time taken by someone other than the citizen');
          break;
        default:
          break;
      }
    },
  };
}
