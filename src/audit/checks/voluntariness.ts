/**
 * Checks 1–7 and 9: that consent was always the citizen's, from the log alone. Every rule about
 * order uses the log's own order and recorded time, never a time an event claims about itself;
 * the one claimed time used, when a held conversation began, is bounded by the log: not before the
 * conversation's booked start, not after the conversation was recorded as held. The one claimed
 * length used, how long a held conversation lasted, is bounded by the longest the application
 * records (HELD_MINUTES_AT_MOST).
 *
 * The rules are the journey decider's (src/domain/journey/decide.ts) as they stand, applied to
 * every event whenever it was written: the log carries no mark of the software that wrote an
 * event, and an event that breaks a rule made after it was written is one to look at all the
 * same (its recorded time shows when it was). Fields an older schema version lacks are read as the
 * decider reads them: a conversation held without `heldAt` began at its booked start; an offer
 * without `sessionId` was made outside a conversation.
 *
 * Activities and groups are folded from their streams as their own evolve folds them (who holds a
 * place, who waits and in which order; who is a member), so that what nobody but the decider
 * writes on a citizen's behalf is held to the decider's rules: a place from the waiting list goes
 * to the first in line, into a place freed in the same command, once, before the start
 * (src/domain/activity/decide.ts); a group closes by its only member, or by staff when nobody is
 * in it (src/domain/group/decide.ts). A referral, or a consent to share, after the citizen's data
 * was erased is reported, as the journey decider refuses both.
 */
import { CATALOGUE, COERCIVE_WORDS } from '../catalogue.js';
import type { StoredEvent } from '../canonical.js';
import { SHARING_LONGEST_DAYS } from '../../domain/journey/sharing.js';
import { isCalendarDate, payloadProblems } from './payload.js';
import { type Actor, check, type Data, type EventChecks, type Meta, recordedMs, violation as v } from './types.js';

const DAY = 24 * 3600 * 1000;
/** How far back in time an event may be recorded after one earlier in the log (a transaction's time is when it began). */
const BACKWARDS_MS = 5 * 60 * 1000;
/** Which ways of answering fit a conversation's channel (a signature needs the same room). */
const METHODS: Record<string, readonly string[]> = {
  in_person_centre: ['signed_in_person', 'verbal_in_session'],
  in_person_home: ['signed_in_person', 'verbal_in_session'],
  phone: ['verbal_in_session'],
  video: ['verbal_in_session'],
  chat: ['written_in_chat'],
};

/** A conversation as the log tells it: proposed, booked, held, or over (cancelled or not held). */
interface Booked {
  staffId: unknown;
  /** Its booked start: what the citizen did themselves since then is not outranked by it. */
  start: number;
  channel: unknown;
  durationMinutes: unknown;
  status: 'proposed' | 'booked' | 'held' | 'over';
  /** Once held: by whom, and when it ended as recorded (its stated start, bounded as check 9 bounds it, plus its length). */
  heldBy?: unknown;
  endedAt?: number;
}
const LAPSE = 60 * DAY;
/** An offer is made "in" a held conversation only this soon after its end (the decider's OFFER_IN_SESSION_WITHIN_HOURS). */
const OFFER_IN_SESSION_MS = 24 * 3600 * 1000;
/**
 * The longest a held conversation is recorded as lasting: the API and the staff pages take 10 to
 * 240 minutes. A longer one is written around the application, and would stretch the 24 hours in
 * which an offer may still be put in it; the window is reckoned with this at most.
 */
const HELD_MINUTES_AT_MOST = 240;


/**
 * A local activity as its stream tells it, folded as the activity's own evolve folds it: who has a
 * place and who waits, in the order they came; its start and capacity as last announced.
 */
interface ActivityState {
  status: 'scheduled' | 'cancelled';
  start: number;
  capacity: number;
  registered: unknown[];
  waiting: unknown[];
}
/** A group as its stream tells it: open or closed, and its members now. */
interface GroupState {
  open: boolean;
  members: unknown[];
}

const ACTIVITY_TYPES = new Set([
  'ActivityScheduled',
  'ActivityChanged',
  'ActivityCancelled',
  'ActivityRegistered',
  'ActivityWaitlisted',
  'ActivityUnregistered',
  'LeftWaitingList',
  'MovedUpFromWaitingList',
  'ActivityPlaceErased',
]);
const GROUP_TYPES = new Set(['GroupStarted', 'GroupJoined', 'GroupLeft', 'GroupMembershipErased', 'GroupClosed']);

const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The Danish local date (YYYY-MM-DD) of a moment in the log's time. */
const copenhagenDate = (ms: number) => LOCAL_DATE.format(new Date(ms));

export function voluntarinessChecks(): EventChecks {
  const participation = check(1, 'participation starts only with consent given and not withdrawn');
  const consentBy = check(
    2,
    'consent, declines, withdrawals, asks, goals and outcomes are the citizen’s own, or recorded by the staff member who held a conversation with them, in a way that fits its channel, from a conversation after the citizen’s own last answer to an offer of that kind; staff record answers only to offers made at the journey’s present centre; well-being answers are only ever the citizen’s own; consents to share data are the citizen’s own or recorded within 24 hours of a conversation held with them that began after their own last word about that partner; joining and leaving groups, taking and giving up places at activities, and everything on the entrepreneurs’ track are the citizen’s own acts',
  );
  const reOffer = check(3, 'no offer is made again within 30 days of a decline unless the citizen asked');
  const withdrawal = check(4, 'every withdrawal ends a running participation in the same append');
  const booking = check(5, 'every booking was made, or a proposal confirmed as proposed, by the citizen, for a time that had not passed');
  const shares = check(
    6,
    'every data share with a partner is covered by the citizen’s consent: given earlier in the log or in the same append, naming that partner, that offer and every field shared, neither withdrawn nor past its date',
  );
  const catalogue = check(
    7,
    'every event type is in the declared catalogue and carries only its declared fields and values, with personal fields sealed; no readable text and no type in it is coercive; recorded times run forward',
  );
  const heldRule = check(
    9,
    'a conversation is proposed for the future, and recorded as held (once, from booked) or not held only after its booked start, by the staff member it was booked with; an offer is put in a held conversation only by the staff member who held it, within 24 hours of its end',
  );

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
  /** Each offer: when it was made (the log's time), the conversation it was put in, its kind, and the journey's centre then. */
  const offerInfo = new Map<string, { madeAt: number; madeIn: unknown; kind: string; centre: unknown }>();
  /** Each journey's present centre: that of its latest start. */
  const centreOf = new Map<string, unknown>();
  /** Offers waiting for an answer, by kind: offer key → when it was made. */
  const waitingByKind = new Map<string, Map<string, number>>();
  let latestRecorded = 0;
  /** When the citizen last answered each offer themselves, and any offer of each kind, in the log's time. */
  const ownAnswerAt = new Map<string, number>();
  const ownAnswerOfKindAt = new Map<string, number>();
  const declinedAt = new Map<string, number>();
  const askedAt = new Map<string, number>();
  const pending: { event: StoredEvent; offerKey: string }[] = []; // withdrawals waiting for their append to end
  /** Each data-sharing consent, by stream and id: what it names, until which local date, and whether it was withdrawn. */
  const sharings = new Map<string, { partnerId: unknown; catalogueOfferId: unknown; fields: Set<unknown>; until: unknown; withdrawn: boolean; recordedBy: string | null }>();
  /** When the citizen last answered about sharing with a partner themselves, by stream and partner. */
  const ownSharingAt = new Map<string, number>();
  /** The journeys (streams) whose citizen's personal data was erased: nothing more is recorded for them. */
  const erased = new Set<string>();
  /** Each activity, by stream; and the activity in whose append a place freed (the decider moves the first in line up only then). */
  const activities = new Map<string, ActivityState>();
  let placeFreedIn: string | null = null;
  /** Each group, by stream; and the member who left in this append, leaving their group empty. */
  const groups = new Map<string, GroupState>();
  let lastToLeave: { stream: string; citizenId: unknown } | null = null;

  // An offer's kind as the decider keys it (offerKey): a centre's kind, or one partner's catalogue offer.
  const kindKey = (stream: string, offer: Data | undefined) =>
    `${stream}|${offer?.source === 'partner' ? `partner:${offer.partnerId}:${offer.catalogueOfferId}` : `${offer?.source}:${offer?.kind}`}`;
  const byCitizen = (e: StoredEvent, actor: Actor | undefined) => actor?.role === 'citizen' && e.stream.startsWith('journey-') && actor.id === e.stream.slice('journey-'.length);

  /** A consent's receipt says how it was given, as the consent itself does: the decider writes the one from the other. */
  const receiptAgrees = (e: StoredEvent, d: Data, consent: Data | undefined) => {
    const receipt: unknown = d.receipt;
    const collected: unknown = receipt !== null && typeof receipt === 'object' ? (receipt as Data).collectionMethod : undefined;
    if (collected === undefined || collected !== consent?.method) {
      v(consentBy, e, `${e.type} whose receipt says it was given ${String(collected ?? 'in no stated way')}, and its consent ${String(consent?.method ?? 'in no stated way')}`);
    }
  };

  /**
   * A place given from an activity's waiting list, as the activity decider gives it: to the first
   * in line (in the order they joined it), into a place that freed in the same command (someone
   * holding a place left it or was erased, or the capacity was raised), one place for one citizen,
   * before the activity begins.
   */
  const movedUp = (e: StoredEvent, d: Data, a: ActivityState | undefined, recordedAt: number) => {
    consentBy.examined++;
    if (a?.status !== 'scheduled') return v(consentBy, e, 'a place given from the waiting list of an activity that is not scheduled (never scheduled, or cancelled)');
    const inLine = a.waiting.indexOf(d.citizenId);
    if (inLine < 0) v(consentBy, e, 'a place given from the waiting list to someone who was not waiting');
    else if (inLine > 0) v(consentBy, e, 'a place given from the waiting list ahead of someone who joined it before them');
    if (placeFreedIn !== e.stream) v(consentBy, e, 'a place given from the waiting list though no place freed in the same command (nobody holding one left, and the capacity was not raised)');
    else if (a.registered.length >= a.capacity) v(consentBy, e, 'a place given from the waiting list that was not free: more moved up than places freed');
    // The decider decides at the command's moment, the log records when its transaction began: a moment after.
    if (recordedAt - BACKWARDS_MS >= a.start) v(consentBy, e, 'a place given from the waiting list after the activity’s start had passed');
  };

  /** Folds an activity's event as its evolve does, noting a place that freed. */
  const foldActivity = (e: StoredEvent, d: Data, recordedAt: number) => {
    if (e.type === 'ActivityScheduled') {
      activities.set(e.stream, { status: 'scheduled', start: Date.parse(d.start), capacity: Number(d.capacity), registered: [], waiting: [] });
      return;
    }
    const a = activities.get(e.stream);
    if (e.type === 'MovedUpFromWaitingList') movedUp(e, d, a, recordedAt);
    if (a?.status !== 'scheduled') return;
    const without = (ids: unknown[]) => ids.filter((x) => x !== d.citizenId);
    switch (e.type) {
      case 'ActivityChanged':
        if (d.start !== undefined) a.start = Date.parse(d.start);
        if (d.capacity !== undefined) {
          if (Number(d.capacity) > a.capacity) placeFreedIn = e.stream;
          a.capacity = Number(d.capacity);
        }
        break;
      case 'ActivityCancelled':
        activities.set(e.stream, { ...a, status: 'cancelled', registered: [], waiting: [] });
        break;
      case 'ActivityRegistered':
        a.registered.push(d.citizenId);
        break;
      case 'ActivityWaitlisted':
        a.waiting.push(d.citizenId);
        break;
      case 'ActivityUnregistered':
      case 'ActivityPlaceErased':
        if (a.registered.includes(d.citizenId)) placeFreedIn = e.stream;
        a.registered = without(a.registered);
        if (e.type === 'ActivityPlaceErased') a.waiting = without(a.waiting);
        break;
      case 'LeftWaitingList':
        a.waiting = without(a.waiting);
        break;
      case 'MovedUpFromWaitingList':
        a.registered.push(d.citizenId);
        a.waiting = without(a.waiting);
        break;
      default:
        break;
    }
  };

  /**
   * Folds a group's event as its evolve does. A group closes by no one's act but its members':
   * by its only member (or the last one, leaving in the same command), or by staff when nobody is
   * in it.
   */
  const foldGroup = (e: StoredEvent, d: Data, meta: Meta) => {
    if (e.type === 'GroupStarted') {
      groups.set(e.stream, { open: true, members: [] });
      return;
    }
    const g = groups.get(e.stream);
    if (e.type === 'GroupClosed') {
      consentBy.examined++;
      const actor = meta.actor;
      if (!g?.open) v(consentBy, e, 'a group closed that was not open (never started, or closed already)');
      else if (actor?.role === 'citizen') {
        const onlyMember = g.members.length === 1 && g.members[0] === actor.id;
        const leftLast = g.members.length === 0 && lastToLeave?.stream === e.stream && lastToLeave.citizenId === actor.id;
        if (!onlyMember && !leftLast) {
          if (!g.members.includes(actor.id)) v(consentBy, e, 'a group closed by a citizen who is not a member of it');
          else v(consentBy, e, 'a group closed by one member while others are still in it');
        }
      } else if (actor?.role === 'staff' || actor?.role === 'admin') {
        if (g.members.length > 0) v(consentBy, e, 'a group closed by staff while it has members (a group with members closes when they decide)');
      } else v(consentBy, e, 'a group closed by someone other than its member or staff');
    }
    if (!g?.open) return;
    switch (e.type) {
      case 'GroupJoined':
        if (!g.members.includes(d.citizenId)) g.members.push(d.citizenId);
        break;
      case 'GroupLeft':
        g.members = g.members.filter((x) => x !== d.citizenId);
        if (g.members.length === 0) lastToLeave = { stream: e.stream, citizenId: d.citizenId };
        break;
      case 'GroupMembershipErased':
        // Not the member's act: it never lets anyone close the group as its last member.
        g.members = g.members.filter((x) => x !== d.citizenId);
        break;
      case 'GroupClosed':
        g.open = false;
        break;
      default:
        break;
    }
  };

  /**
   * A record staff made as told by the citizen: it must name a conversation held with this
   * citizen, earlier in the log, by this staff member, and (for an answer) after the citizen's own
   * last answer, in a way that fits the channel. Returns the conversation's time, or null.
   */
  const fromConversation = (e: StoredEvent, meta: Meta, named: Data | undefined, offerKey: string | null, method: unknown): number | null => {
    if (meta.actor?.role !== 'staff' || !named || named.staffId !== meta.actor.id) return null;
    const conversation = bookedSessions.get(`${e.stream}|${named.sessionId}`);
    if (conversation?.status !== 'held' || conversation.staffId !== meta.actor.id) return null;
    // An answer staff record says how the citizen gave it (`null`: it says nothing), as the decider always writes.
    if (method === null) v(consentBy, e, `${e.type} recorded by staff without saying how the citizen gave it (no method)`);
    else if (method !== undefined && !(METHODS[String(conversation.channel)] ?? []).includes(String(method))) {
      v(consentBy, e, `${e.type} recorded as ${String(method)} from a conversation by ${String(conversation.channel)}`);
    }
    const own = offerKey ? ownAnswerAt.get(offerKey) : undefined;
    const offer = offerKey ? offerInfo.get(offerKey) : undefined;
    // The citizen's own latest word stands: their answer to this offer, or to another of its kind
    // (a new offer of the same kind is no way around it), since the conversation's booked start.
    const ownToKind = offer ? ownAnswerOfKindAt.get(offer.kind) : undefined;
    if (own !== undefined && own >= conversation.start) v(consentBy, e, `${e.type} recorded by staff from a conversation that came before the citizen’s own later answer`);
    else if (ownToKind !== undefined && ownToKind >= conversation.start) {
      v(consentBy, e, `${e.type} recorded by staff from a conversation that came before the citizen’s own later answer to an offer of the same kind`);
    }
    if (offer && offer.madeAt > conversation.start && offer.madeIn !== named.sessionId) v(consentBy, e, `${e.type} recorded by staff from a conversation before the offer was made, and not the one it was made in`);
    return conversation.start;
  };

  return {
    checks: [participation, consentBy, reOffer, withdrawal, booking, shares, catalogue, heldRule],
    endOfAppend() {
      for (const p of pending.splice(0)) if (participating.get(p.offerKey)) v(withdrawal, p.event, 'consent withdrawn while participation went on');
      placeFreedIn = null;
      lastToLeave = null;
    },
    onEvent(e: StoredEvent, d: Data, meta: Meta) {
      if (!known.has(e.type)) v(catalogue, e, `event type ${e.type} is not in the declared catalogue`);
      else {
        catalogue.examined++;
        for (const problem of payloadProblems(e.type, e.data, e.metadata)) v(catalogue, e, `${e.type}: ${problem}`);
      }
      // Transactions take their place in the log by their id, and their time when they began: a
      // little out of order is normal, minutes backwards is a time written by hand.
      const recordedAt = recordedMs(e);
      if (recordedAt < latestRecorded - BACKWARDS_MS) v(catalogue, e, `recorded ${Math.round((latestRecorded - recordedAt) / 1000)} s before an event earlier in the log`);
      latestRecorded = Math.max(latestRecorded, recordedAt);
      if (ACTIVITY_TYPES.has(e.type)) foldActivity(e, d, recordedAt);
      else if (GROUP_TYPES.has(e.type)) foldGroup(e, d, meta);
      switch (e.type) {
        case 'JourneyStarted':
          // A journey started again (at another centre) keeps its offers; it is the new centre's now.
          centreOf.set(e.stream, d.centreId);
          break;
        case 'SessionBooked':
        case 'SessionTimeProposed': {
          const key = `${e.stream}|${d.sessionId}`;
          const start = Date.parse(d.start);
          const passed = !(start > recordedAt);
          if (e.type === 'SessionTimeProposed') {
            heldRule.examined++;
            if (passed) v(heldRule, e, 'a conversation proposed for a time that had passed');
            if (meta.actor?.role !== 'staff' || meta.actor.id !== d.staffId) v(heldRule, e, 'a time proposed by someone other than the staff member named');
            bookedSessions.set(key, { staffId: d.staffId, start, channel: d.channel, durationMinutes: d.durationMinutes, status: 'proposed' });
          } else {
            booking.examined++;
            const proposal = bookedSessions.get(key);
            const asProposed =
              proposal?.status === 'proposed' && proposal.staffId === d.staffId && proposal.start === start && proposal.channel === d.channel && proposal.durationMinutes === d.durationMinutes;
            const confirmed = d.bookedBy === 'citizen_confirmed_proposal' && asProposed;
            if (!byCitizen(e, meta.actor) || !(d.bookedBy === 'citizen' || confirmed)) v(booking, e, 'a conversation booked without the citizen booking, or confirming as proposed');
            if (d.bookedBy === 'citizen' && proposal !== undefined) v(booking, e, 'a conversation booked over one already on record');
            if (passed) v(booking, e, 'a conversation booked for a time that had passed');
            bookedSessions.set(key, { staffId: d.staffId, start, channel: d.channel, durationMinutes: d.durationMinutes, status: 'booked' });
          }
          break;
        }
        case 'SessionCancelled':
        case 'SessionNotHeld': {
          const key = `${e.stream}|${d.sessionId}`;
          const session = bookedSessions.get(key);
          if (e.type === 'SessionNotHeld') {
            heldRule.examined++;
            const byBookedStaff = meta.actor?.role === 'staff' && session?.staffId === meta.actor.id;
            if (!session || session.status !== 'booked') v(heldRule, e, 'a conversation recorded as not held that was not booked');
            else if (!(recordedAt >= session.start)) v(heldRule, e, 'a conversation recorded as not held before its booked start');
            if (!byBookedStaff && !byCitizen(e, meta.actor)) v(heldRule, e, 'a conversation recorded as not held by someone other than the citizen or the staff member it was booked with');
          }
          if (session && session.status !== 'held') session.status = 'over';
          break;
        }
        case 'SessionHeld': {
          heldRule.examined++;
          const key = `${e.stream}|${d.sessionId}`;
          const booked = bookedSessions.get(key);
          const claimed = d.heldAt === undefined ? booked?.start : Date.parse(d.heldAt);
          if (!booked || booked.status === 'proposed') v(heldRule, e, 'a conversation recorded as held that was never booked');
          else if (booked.status !== 'booked') v(heldRule, e, 'a conversation recorded as held that was already held, cancelled or not held');
          else if (!(recordedAt >= booked.start)) v(heldRule, e, 'a conversation recorded as held before its booked start');
          if (meta.actor?.role !== 'staff' || meta.actor.id !== d.staffId || (booked && booked.staffId !== d.staffId)) {
            v(heldRule, e, 'a conversation recorded as held by someone other than the staff member it was booked with');
          }
          if (booked && claimed !== undefined && !(claimed >= booked.start && claimed <= recordedAt)) v(heldRule, e, 'a conversation said to have begun before its booked start or after it was recorded');
          if (booked?.status === 'booked') {
            booked.status = 'held';
            booked.heldBy = d.staffId;
            // When it ended as recorded: its stated start, bounded as above (the booked start when
            // none is stated, as in schema version 1), plus its recorded length, at most the longest
            // the application records.
            const began = claimed !== undefined && claimed >= booked.start ? Math.min(claimed, recordedAt) : booked.start;
            const minutes = Number.isFinite(d.durationMinutes) ? Math.min(d.durationMinutes, HELD_MINUTES_AT_MOST) : 0;
            booked.endedAt = began + minutes * 60_000;
          }
          break;
        }
        case 'OfferAskedFor':
        case 'GoalStated':
        case 'OutcomeRecorded': {
          consentBy.examined++;
          const by = d.recordedBy as Data | undefined;
          let at = recordedAt;
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
          const waiting = waitingByKind.get(kind) ?? new Map<string, number>();
          for (const [key, madeAt] of waiting) if (recordedAt - madeAt > LAPSE) waiting.delete(key); // lapsed
          if (waiting.size > 0) v(reOffer, e, 'the same offer made again while the first waited for an answer');
          const offerKey = `${e.stream}|${d.offerId}`;
          // Put in a held conversation (schema version 2 may say so): by the staff member who held
          // it, and written down within 24 hours of its end, never put into an old one later. A
          // claim the log refutes does not count: answers from that conversation are then judged as
          // from one the offer was not made in.
          let madeIn: unknown = undefined;
          if (d.sessionId !== undefined && d.sessionId !== null) {
            heldRule.examined++;
            const conversation = bookedSessions.get(`${e.stream}|${d.sessionId}`);
            const byHolder = meta.actor?.role === 'staff' && meta.actor.id === d.staffId && conversation?.heldBy === meta.actor.id;
            if (conversation?.status !== 'held' || conversation.endedAt === undefined) v(heldRule, e, 'an offer said to be made in a conversation that was not held');
            else if (!byHolder) v(heldRule, e, 'an offer said to be made in a conversation by someone other than the staff member who held it');
            else if (recordedAt > conversation.endedAt + OFFER_IN_SESSION_MS) {
              v(heldRule, e, `an offer said to be made in a conversation, recorded ${((recordedAt - conversation.endedAt) / 3600_000).toFixed(1)} hours after it ended (more than 24)`);
            } else madeIn = d.sessionId;
          }
          offerInfo.set(offerKey, { madeAt: recordedAt, madeIn, kind, centre: centreOf.get(e.stream) });
          waiting.set(offerKey, recordedAt);
          waitingByKind.set(kind, waiting);
          const declined = declinedAt.get(kind);
          const asked = askedAt.get(kind);
          if (declined !== undefined && recordedAt - declined < 30 * DAY && !(asked !== undefined && asked >= declined)) {
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
          if (e.type === 'ConsentGiven') receiptAgrees(e, d, method);
          const info = offerInfo.get(offerKey);
          if (info) waitingByKind.get(info.kind)?.delete(offerKey);
          if (fromCitizen) {
            ownAnswerAt.set(offerKey, recordedAt);
            if (info) ownAnswerOfKindAt.set(info.kind, recordedAt);
          } else {
            if (fromConversation(e, meta, method, offerKey, method?.method ?? null) === null) {
              v(consentBy, e, `${e.type} neither by the citizen nor recorded by the staff member who held a conversation with this citizen`);
            }
            // Staff answer only offers made at the journey's present centre: one carried over from
            // an earlier centre the citizen answers themselves.
            if (meta.actor?.role === 'staff') {
              const present = centreOf.get(e.stream);
              if (!info) v(consentBy, e, `${e.type} recorded by staff for an offer this journey’s log never made`);
              else if (present === undefined || info.centre !== present) v(consentBy, e, `${e.type} recorded by staff for an offer made at another centre than the journey’s present one`);
            }
          }
          consented.set(offerKey, e.type === 'ConsentGiven');
          // A decline, or a withdrawal (a no like a decline), starts the quiet days for that offer.
          if (e.type !== 'ConsentGiven' && info) declinedAt.set(info.kind, recordedAt);
          if (e.type === 'ConsentWithdrawn') {
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
        case 'WellBeingAnswered':
          // Health data the citizen gives of themselves, in self-service only: nobody answers for them.
          consentBy.examined++;
          if (!byCitizen(e, meta.actor)) v(consentBy, e, 'a well-being answer recorded by someone other than the citizen themselves');
          break;
        case 'DataSharingConsentGiven':
        case 'DataSharingConsentWithdrawn': {
          consentBy.examined++;
          const method = d.consent as Data | undefined;
          const key = `${e.stream}|${d.sharingId}`;
          const known = sharings.get(key);
          const partnerId = e.type === 'DataSharingConsentGiven' ? d.partnerId : known?.partnerId;
          const ownKey = `${e.stream}|${String(partnerId)}`;
          if (e.type === 'DataSharingConsentGiven') {
            receiptAgrees(e, d, method);
            if (erased.has(e.stream)) v(consentBy, e, 'a data-sharing consent given after the citizen’s personal data was erased');
            // From the local date it was given, at most a year ahead: the decider's rule, held to
            // the log's own time (the command's moment is at most a little before it).
            if (isCalendarDate(d.until)) {
              const until = Date.parse(`${d.until}T00:00:00Z`);
              if (d.until < copenhagenDate(recordedAt - BACKWARDS_MS)) v(consentBy, e, `a data-sharing consent to run until ${d.until}, a date that had passed when it was given`);
              else if (until - Date.parse(`${copenhagenDate(recordedAt)}T00:00:00Z`) > SHARING_LONGEST_DAYS * DAY) {
                v(consentBy, e, `a data-sharing consent to run until ${d.until}, more than ${SHARING_LONGEST_DAYS} days after the date it was given`);
              }
            }
          }
          if (byCitizen(e, meta.actor) && method?.method === 'self_service') ownSharingAt.set(ownKey, recordedAt);
          else {
            const conversation = fromConversation(e, meta, method, null, method?.method ?? null);
            const session = conversation === null ? undefined : bookedSessions.get(`${e.stream}|${String(method?.sessionId)}`);
            const own = ownSharingAt.get(ownKey);
            if (conversation === null) v(consentBy, e, `${e.type} neither by the citizen nor recorded by the staff member who held a conversation with this citizen`);
            else if (own !== undefined && own >= conversation) v(consentBy, e, `${e.type} recorded by staff from a conversation that came before the citizen’s own later word about sharing with that partner`);
            else if (session?.endedAt !== undefined && recordedAt > session.endedAt + OFFER_IN_SESSION_MS) v(consentBy, e, `${e.type} recorded by staff more than 24 hours after the conversation ended`);
          }
          if (e.type === 'DataSharingConsentGiven') {
            const fields = new Set(Array.isArray(d.fields) ? (d.fields as unknown[]) : []);
            const recordedBy = byCitizen(e, meta.actor) ? 'citizen' : meta.actor?.role === 'staff' ? `staff:${String(meta.actor.id)}` : null;
            sharings.set(key, { partnerId: d.partnerId, catalogueOfferId: d.catalogueOfferId ?? null, fields, until: d.until, withdrawn: false, recordedBy });
          } else if (!known) v(consentBy, e, 'a data-sharing consent withdrawn that this journey’s log never gave');
          else known.withdrawn = true;
          break;
        }
        case 'ReferralMade': {
          shares.examined++;
          const sharing = sharings.get(`${e.stream}|${d.sharingId}`);
          const shared = Array.isArray(d.shared) ? (d.shared as unknown[]) : [];
          if (!e.stream.startsWith('journey-')) v(shares, e, 'a share outside a citizen’s journey');
          if (!Array.isArray(d.shared)) v(shares, e, 'a share that does not list the fields it shares');
          if (erased.has(e.stream)) v(shares, e, 'data shared with a partner after the citizen’s personal data was erased');
          // Who refers: the citizen themselves, or the member of staff who recorded the consent
          // it shares under (the decider writes both in one command, by one person); never a
          // partner, nor anyone else.
          consentBy.examined++;
          if (!byCitizen(e, meta.actor)) {
            if (meta.actor?.role !== 'staff') v(consentBy, e, 'a referral made by someone other than the citizen themselves or a member of staff');
            else if (sharing && sharing.recordedBy !== `staff:${String(meta.actor.id)}`) v(consentBy, e, 'a referral made by staff under a data-sharing consent they did not record');
          }
          if (!sharing) v(shares, e, 'data shared with a partner under no consent this journey’s log holds');
          else {
            if (sharing.partnerId !== d.partnerId) v(shares, e, 'data shared with another partner than the consent names');
            if (sharing.catalogueOfferId !== (d.catalogueOfferId ?? null)) v(shares, e, 'data shared for another offer than the consent names');
            if (sharing.withdrawn) v(shares, e, 'data shared after the consent was withdrawn');
            if (typeof sharing.until !== 'string' || copenhagenDate(recordedAt) > sharing.until) v(shares, e, 'data shared after the date the consent runs to');
            const beyond = shared.filter((f) => !sharing.fields.has(f));
            if (beyond.length > 0) v(shares, e, `data shared beyond what the consent names: ${beyond.map(String).join(', ')}`);
          }
          // What the citizen wrote for the partner goes only with the field that shares it.
          for (const [field, value] of [['contact', d.contact], ['message', d.message]] as const) {
            if (value !== null && value !== undefined && !shared.includes(field)) v(shares, e, `${field} sent along without being among the fields shared`);
          }
          break;
        }
        case 'GroupJoined':
        case 'GroupLeft':
        case 'MeetingArrangementSet':
        case 'ActivityRegistered':
        case 'ActivityWaitlisted':
        case 'ActivityUnregistered':
        case 'LeftWaitingList':
          // Nobody adds anyone to a group or an activity, or takes them off one: the citizen's own acts.
          consentBy.examined++;
          if (meta.actor?.role !== 'citizen' || meta.actor.id !== d.citizenId) v(consentBy, e, `${e.type} by someone other than the citizen themselves`);
          if (erased.has(`journey-${String(d.citizenId)}`)) v(consentBy, e, `${e.type} recorded after the citizen’s personal data was erased`);
          break;
        case 'TrackJoined':
        case 'TrackLeft':
        case 'MilestoneSet':
        case 'MilestoneRevised':
        case 'MilestoneReached':
        case 'MilestoneRemoved':
        case 'CheckInRecorded':
        case 'BusinessStartRecorded':
        case 'SurvivalReported':
          consentBy.examined++;
          if (meta.actor?.role !== 'citizen' || !e.stream.startsWith('venture-') || meta.actor.id !== e.stream.slice('venture-'.length)) {
            v(consentBy, e, `${e.type} on the entrepreneurs’ track by someone other than the citizen themselves`);
          }
          if (erased.has(`journey-${e.stream.slice('venture-'.length)}`)) v(consentBy, e, `${e.type} recorded after the citizen’s personal data was erased`);
          break;
        case 'CitizenErased':
          erased.add(e.stream);
          if (typeof d.citizenId === 'string') erased.add(`journey-${d.citizenId}`);
          break;
        case 'ActivityPlaceErased':
        case 'GroupMembershipErased':
        case 'TrackErased': {
          // Not the citizen's act: an administrator's, as part of erasing them, and of a citizen the log erased.
          consentBy.examined++;
          const what = e.type === 'ActivityPlaceErased' ? 'a place at an activity' : e.type === 'GroupMembershipErased' ? 'a group membership' : 'an entrepreneurs’ track';
          if (meta.actor?.role !== 'admin') v(consentBy, e, `${what} ended by erasure by someone other than an administrator`);
          const citizenId = e.type === 'TrackErased' ? (e.stream.startsWith('venture-') ? e.stream.slice('venture-'.length) : null) : d.citizenId;
          // Part of an erasure: the citizen's CitizenErased comes first, in the same append or before it.
          if (!erased.has(`journey-${String(citizenId)}`)) v(consentBy, e, `${what} ended by an erasure of a citizen not erased before it`);
          break;
        }
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
