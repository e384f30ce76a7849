/**
 * The voluntariness verifier. It reads raw events (their stored form), never the deciders or the
 * read models, and checks from the log alone that consent was always voluntary and that the log
 * is the one that was sealed. Each check counts the cases it examined and lists every violation
 * by global position and event id; a report never holds personal data.
 */
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { CATALOGUE, COERCIVE_WORDS } from './catalogue.js';
import { canonicalText, jcs, type StoredEvent } from './canonical.js';
import { Frontier, leafHash } from './merkle.js';
import { keyIdOf } from './signing.js';

/**
 * An event as stored. Events of one append share their command id (metadata.commandId).
 * `leaf`: its leaf hash when the reader computed it from the bytes it read (a bundle's line,
 * hashed as it stands, as `sha256sum` would); otherwise the verifier computes it.
 * `treeRoot`: with `rootsFromReader`, the root (hex) of the tree up to this event, given by the
 * reader at every size a head names.
 */
export type RawEvent = StoredEvent & { leaf?: Buffer; treeRoot?: string };
export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
}
export interface Violation {
  position: number | null;
  eventId: string | null;
  reason: string;
}
export interface CheckResult {
  id: number;
  name: string;
  examined: number;
  violations: Violation[];
}
export interface Report {
  ok: boolean;
  events: number;
  checks: CheckResult[];
  catalogue: typeof CATALOGUE;
  /** The id of the key the heads were checked against: compare it with the published one. */
  keyId: string;
  /** How much of the log is sealed (a leaf per event) and covered by a signed head. */
  coverage: { events: number; sealed: number; signed: number };
}

const DAY = 24 * 3600 * 1000;
type Data = Record<string, any>;
type Actor = { id?: string; role?: string };

function check(id: number, name: string): CheckResult {
  return { id, name, examined: 0, violations: [] };
}

/**
 * Runs every check. `events` in log order; `leaves` the sealed leaf hashes, 32 bytes each, by index;
 * `heads` the signed tree heads; `publicKeyPem` the sealer's key. `onProgress` gets the count.
 */
export async function verifyLog(input: {
  events: AsyncIterable<RawEvent[]>;
  /** The sealed leaf hashes by index, 32 bytes each. */
  leaves: Buffer;
  heads: TreeHead[];
  publicKeyPem: string;
  onProgress?: (events: number) => void;
  /** The reader keeps the tree (a bundle's helper thread) and gives each head's root on its event. */
  rootsFromReader?: boolean;
  /**
   * The events are meant to be exactly what was sealed and signed (a bundle): an event without a
   * leaf, or a leaf no signed head covers, is a violation. Against the live database they are
   * not: the newest events wait for the sealer and the next head.
   */
  complete?: boolean;
}): Promise<Report> {
  const c = [
    check(1, 'participation starts only with consent given and not withdrawn'),
    check(2, 'consent is given, declined or withdrawn by the citizen, or recorded by staff in a held session'),
    check(3, 'no offer is made again within 30 days of a decline unless the citizen asked'),
    check(4, 'every withdrawal ends a running participation in the same append'),
    check(5, 'every booking was made or confirmed by the citizen'),
    check(6, 'every data share with a partner is covered by the citizen’s consent'),
    check(7, 'every event type is in the declared catalogue, and none in it is coercive'),
    check(8, 'the Merkle tree recomputed from the events matches every signed, consistent tree head'),
  ] as const;
  const [participation, consentBy, reOffer, withdrawal, booking, , catalogue, merkle] = c;
  const known = new Set(CATALOGUE.map((e) => e.type));
  for (const entry of CATALOGUE) {
    catalogue.examined++;
    const words = `${entry.type} ${entry.about}`.toLowerCase();
    const coercive = COERCIVE_WORDS.find((w) => words.includes(w));
    if (coercive) catalogue.violations.push({ position: null, eventId: null, reason: `catalogue type ${entry.type} is coercive (“${coercive}”)` });
  }

  // Per journey stream: consent and participation per offer, held sessions, declines and asks by offer kind.
  const consented = new Map<string, boolean>();
  const participating = new Map<string, boolean>();
  const held = new Set<string>();
  const proposed = new Set<string>();
  const offers = new Map<string, string>();
  const declinedAt = new Map<string, number>();
  const askedAt = new Map<string, number>();
  const frontier = new Frontier();
  const wellFormed = (h: TreeHead) => Number.isSafeInteger(h.treeSize) && h.treeSize >= 1 && typeof h.rootHash === 'string' && typeof h.signature === 'string' && typeof h.timestamp === 'string';
  for (const head of input.heads.filter((h) => !wellFormed(h))) {
    merkle.violations.push({ position: null, eventId: null, reason: `a signed head is malformed (size ${JSON.stringify(head?.treeSize)})` });
  }
  const heads = input.heads.filter(wellFormed).sort((a, b) => a.treeSize - b.treeSize);
  const key = createPublicKey(input.publicKeyPem);
  let headIndex = 0;
  let firstBadLeaf: number | null = null;
  let size = 0;
  let count = 0;
  let previous: RawEvent | null = null;
  const pending: { event: RawEvent; offerKey: string }[] = []; // withdrawals waiting for their append to end

  const leafCount = Math.floor(input.leaves.length / 32);
  const v = (r: CheckResult, e: RawEvent, reason: string) => r.violations.push({ position: e.position, eventId: e.id, reason });
  const closeAppend = () => {
    for (const p of pending.splice(0)) if (participating.get(p.offerKey)) v(withdrawal, p.event, 'consent withdrawn while participation went on');
  };
  const kindKey = (stream: string, offer: Data | undefined) => `${stream}|${offer?.source}:${offer?.kind ?? offer?.catalogueOfferId}`;
  const byCitizen = (e: RawEvent, actor: Actor | undefined) => actor?.role === 'citizen' && e.stream.startsWith('journey-') && actor.id === e.stream.slice('journey-'.length);

  for await (const batch of input.events) {
    for (const e of batch) {
      const meta = (e.metadata !== null && typeof e.metadata === 'object' ? e.metadata : {}) as { commandId?: string; actor?: Actor };
      if (pending.length > 0 && ((previous!.metadata as { commandId?: string } | null)?.commandId !== meta.commandId || previous!.stream !== e.stream)) closeAppend();
      previous = e;
      // Data a check reads is an object in every event the domain writes; anything else reads as empty.
      const d = (e.data !== null && typeof e.data === 'object' ? e.data : {}) as Data;

      if (!known.has(e.type)) v(catalogue, e, `event type ${e.type} is not in the declared catalogue`);
      switch (e.type) {
        case 'SessionHeld':
          held.add(`${e.stream}|${d.sessionId}`);
          break;
        case 'SessionTimeProposed':
          proposed.add(`${e.stream}|${d.sessionId}`);
          break;
        case 'OfferAskedFor':
          askedAt.set(kindKey(e.stream, d.offer), Date.parse(d.at));
          break;
        case 'OfferMade': {
          reOffer.examined++;
          const kind = kindKey(e.stream, d.offer);
          offers.set(`${e.stream}|${d.offerId}`, kind);
          const declined = declinedAt.get(kind);
          const asked = askedAt.get(kind);
          const at = Date.parse(d.at);
          if (declined !== undefined && at - declined < 30 * DAY && !(asked !== undefined && asked >= declined)) {
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
          const inHeldSession = meta.actor?.role === 'staff' && method?.sessionId && held.has(`${e.stream}|${method.sessionId}`) && method.staffId === meta.actor.id;
          if (!fromCitizen && !inHeldSession) v(consentBy, e, `${e.type} neither by the citizen nor recorded by staff in a held session of this citizen`);
          if (e.type === 'ConsentGiven') consented.set(offerKey, true);
          if (e.type === 'OfferDeclined') {
            consented.set(offerKey, false);
            const kind = offers.get(offerKey);
            if (kind) declinedAt.set(kind, Date.parse(d.at));
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
        case 'SessionBooked': {
          booking.examined++;
          const confirmed = d.bookedBy === 'citizen_confirmed_proposal' && proposed.has(`${e.stream}|${d.sessionId}`);
          if (!byCitizen(e, meta.actor) || !(d.bookedBy === 'citizen' || confirmed)) v(booking, e, 'a conversation booked without the citizen booking or confirming it');
          break;
        }
        case 'SlotBooked':
          booking.examined++;
          if (meta.actor?.role !== 'citizen' || meta.actor.id !== d.citizenId) v(booking, e, 'a time taken by someone other than the citizen');
          break;
        default:
          break;
      }

      // 8: recompute the leaf and compare with the sealed one; check each head as its size is reached.
      const index = size;
      const leaf = e.leaf ?? leafHash(canonicalText(e));
      if (!input.rootsFromReader) frontier.append(leaf);
      size++;
      if (index < leafCount) {
        merkle.examined++;
        if (input.leaves.compare(leaf, 0, 32, index * 32, index * 32 + 32) !== 0) {
          firstBadLeaf ??= index;
          v(merkle, e, `leaf ${index} does not match the event as it is now`);
        }
      }
      while (headIndex < heads.length && heads[headIndex]!.treeSize === size) {
        checkHead(heads[headIndex]!, input.rootsFromReader ? (e.treeRoot ?? 'missing') : frontier.root().toString('hex'), key, merkle, e);
        headIndex++;
      }
      count++;
    }
    input.onProgress?.(count);
  }
  closeAppend();
  if (size < leafCount) {
    merkle.violations.push({ position: null, eventId: null, reason: `${leafCount - size} sealed leaves have no event: events were deleted` });
  }
  const signed = heads.at(-1)?.treeSize ?? 0;
  if (input.complete && size > leafCount) {
    merkle.violations.push({ position: null, eventId: null, reason: `${size - leafCount} events have no sealed leaf: they are not part of the sealed log` });
  }
  if (input.complete && signed < leafCount) {
    merkle.violations.push({ position: null, eventId: null, reason: `${leafCount - signed} sealed leaves are covered by no signed head` });
  }
  for (const head of heads.slice(headIndex)) {
    merkle.violations.push({ position: null, eventId: null, reason: `signed head of size ${head.treeSize} covers more events than the log holds` });
  }
  if (firstBadLeaf !== null) {
    const covering = heads.find((h) => h.treeSize > firstBadLeaf!);
    if (covering) merkle.violations.push({ position: null, eventId: null, reason: `the first signed head covering leaf ${firstBadLeaf} is the one of size ${covering.treeSize}` });
  }
  return {
    ok: c.every((r) => r.violations.length === 0),
    events: count,
    checks: [...c],
    catalogue: CATALOGUE,
    keyId: keyIdOf(key),
    coverage: { events: count, sealed: Math.min(leafCount, size), signed: Math.min(signed, size) },
  };
}

function checkHead(head: TreeHead, recomputed: string, key: ReturnType<typeof createPublicKey>, merkle: CheckResult, e: RawEvent): void {
  merkle.examined++;
  const message = Buffer.from(jcs({ rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize }));
  if (!verifySignature(null, message, key, Buffer.from(head.signature, 'base64'))) {
    merkle.violations.push({ position: e.position, eventId: e.id, reason: `the signature of the head of size ${head.treeSize} is not valid` });
  }
  // A head whose root matches the recomputed tree is consistent with every earlier such head:
  // both are prefixes of the same recomputed sequence of leaves.
  if (head.rootHash !== recomputed) {
    merkle.violations.push({ position: e.position, eventId: e.id, reason: `the signed head of size ${head.treeSize} does not match the events` });
  }
}
