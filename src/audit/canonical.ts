/**
 * The canonical byte form of a stored event, the leaf of the transparency log. It is the UTF-8 of
 * the RFC 8785 (JSON Canonicalization Scheme) serialisation of:
 *
 *   { "data": <data as stored>, "id": <event id>, "metadata": <metadata as stored>,
 *     "position": <global position>, "recordedAt": "YYYY-MM-DDTHH:MM:SS.ffffffZ",
 *     "schemaVersion": <n>, "stream": <stream id>, "type": <event type>, "version": <stream version> }
 *
 * Personal fields appear as stored, that is sealed; so erasing a citizen changes no leaf.
 * `recordedAt` is the database's time in UTC with microseconds, exactly 27 characters.
 */

export interface StoredEvent {
  position: number;
  stream: string;
  version: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  /** UTC, microseconds: 2026-11-22T20:19:00.123456Z */
  recordedAt: string;
}

// Event data repeats a small set of member names: quote each once.
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * RFC 8785: keys sorted by UTF-16 code units (what `Array.prototype.sort` does with no comparator),
 * numbers and strings as ECMAScript serialises them. Written out by hand: this is on the sealer's
 * and the verifier's path for every event.
 */
export function jcs(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('JSON has no NaN or Infinity');
      return JSON.stringify(value); // ECMAScript Number-to-String, as RFC 8785 §3.2.2.3 requires
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + jcs(value[i]);
        return `${out}]`;
      }
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object);
      for (let i = 1; i < keys.length; i++) {
        if (keys[i - 1]! > keys[i]!) {
          keys.sort();
          break;
        }
      }
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = object[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${quotedKey(key)}:${jcs(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`cannot canonicalise a ${typeof value}`);
  }
}

const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The canonical form of a stored event; its UTF-8 bytes are the leaf's input. */
export function canonicalText(event: StoredEvent): string {
  if (!UTC_MICROS.test(event.recordedAt)) throw new TypeError(`recordedAt must be UTC with microseconds, got ${event.recordedAt}`);
  // The members in RFC 8785 order (they are written sorted), so only data and metadata need sorting.
  return (
    `{"data":${jcs(event.data)},"id":${JSON.stringify(event.id)},"metadata":${jcs(event.metadata)},` +
    `"position":${jcs(event.position)},"recordedAt":"${event.recordedAt}","schemaVersion":${jcs(event.schemaVersion)},` +
    `"stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)},"version":${jcs(event.version)}}`
  );
}

/** Microseconds since the epoch (PostgreSQL's own precision) as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
// Events written together share their recorded time (the transaction's): remember the last one.
let lastMicros: string | bigint | null = null;
let lastText = '';

export function utcMicros(micros: string | bigint): string {
  if (micros === lastMicros) return lastText;
  lastText = formatMicros(micros);
  lastMicros = micros;
  return lastText;
}

function formatMicros(micros: string | bigint): string {
  // Exact in a double: microseconds since 1970 stay far below 2^53 until the year 2255.
  const us = Number(micros);
  if (!Number.isSafeInteger(us)) throw new RangeError(`${micros} microseconds is out of range`);
  const ms = Math.floor(us / 1000);
  const rest = us - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}
