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
 *
 * A stored value that this form cannot represent faithfully — a jsonb number that is no double
 * (1e400, which JSON.parse turns into Infinity), one whose value a double only approximates
 * (12345678901234567 reads as …568), nesting deeper than MAX_DEPTH, a recorded time outside
 * 1686–2254 or `infinity` — is sealed in the *stored-text form* instead: that part is null and the
 * extra top-level member `storedAsText` holds PostgreSQL's own text of it (jsonb_out; the recorded
 * time as microseconds since the epoch, or as UTC text, or `infinity`):
 *
 *   { "data": null, …, "storedAsText": { "data": "{\"amount\": 1000…000}" }, "stream": …, … }
 *
 * The regular form never has that member, so the two forms cannot be mistaken for one another;
 * and the text is PostgreSQL's canonical output of the stored value, so any change to the stored
 * value changes the leaf. Sealing such an event is not approving it: the verifier names it.
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
  /** UTC, microseconds: 2026-11-22T20:19:00.123456Z ('' when only `storedAsText` can hold it). */
  recordedAt: string;
  /** The parts the canonical form cannot represent, as PostgreSQL's text of them (see above). */
  storedAsText?: StoredText;
}

/** PostgreSQL's own text of the parts of an event the canonical form cannot represent. */
export interface StoredText {
  data?: string;
  metadata?: string;
  recordedAt?: string;
}

/** Deeper nesting than this is not represented (it would exhaust the stack of a recursive reader). */
export const MAX_DEPTH = 512;

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
export function jcs(value: unknown, depth = 0): string {
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
      if (depth >= MAX_DEPTH) throw new TypeError(`nesting deeper than ${MAX_DEPTH} levels`);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + jcs(value[i], depth + 1);
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
        out += `${first ? '' : ','}${quotedKey(key)}:${jcs(v, depth + 1)}`;
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
  const text = event.storedAsText;
  if (text !== undefined) return storedTextForm(event, text);
  if (!UTC_MICROS.test(event.recordedAt)) throw new TypeError('recordedAt must be UTC with microseconds');
  // The members in RFC 8785 order (they are written sorted), so only data and metadata need sorting.
  return (
    `{"data":${jcs(event.data)},"id":${JSON.stringify(event.id)},"metadata":${jcs(event.metadata)},` +
    `"position":${jcs(event.position)},"recordedAt":"${event.recordedAt}","schemaVersion":${jcs(event.schemaVersion)},` +
    `"stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)},"version":${jcs(event.version)}}`
  );
}

/** The stored-text form (see the top of this file): still RFC 8785, with `storedAsText` between `schemaVersion` and `stream`. */
function storedTextForm(event: StoredEvent, text: StoredText): string {
  const part = (name: keyof StoredText, value: unknown) => (text[name] !== undefined ? 'null' : jcs(value));
  const recordedAt = text.recordedAt !== undefined ? 'null' : JSON.stringify(event.recordedAt);
  return (
    `{"data":${part('data', event.data)},"id":${JSON.stringify(event.id)},"metadata":${part('metadata', event.metadata)},` +
    `"position":${jcs(event.position)},"recordedAt":${recordedAt},"schemaVersion":${jcs(event.schemaVersion)},` +
    `"storedAsText":${jcs(text)},"stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)},"version":${jcs(event.version)}}`
  );
}

/** What `parseJson` returns for a text that is not JSON (PostgreSQL never writes one). */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** Reads a jsonb value from PostgreSQL's text of it (NOT_JSON if it is none). See `needsTextForm`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

// jsonb_out writes numbers in plain decimal (never an exponent), each after `: `, `, ` or `[`. A
// number of at most 15 significant digits whose magnitude a double holds is always what RFC 8785
// writes for the double it parses to (up to trailing fractional zeros, which change no value). A
// number with 16 or more digits has 8 in a row on one side of its point: only a text with such a
// number (or anything deep enough to nest too far) is looked at closely.
const LONG_NUMBER = /(?:[:,] |\[)-?(?:[0-9]{8}|[0-9]{1,7}\.[0-9]{8})/;

/** True when the canonical form cannot represent the jsonb text exactly: a number no double holds, or nesting beyond MAX_DEPTH. */
export function needsTextForm(text: string): boolean {
  if (!LONG_NUMBER.test(text) && !(text.length > 2 * MAX_DEPTH && bracketsExceed(text, MAX_DEPTH))) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip to its closing quote.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === 125 || c === 93) {
      depth--;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < text.length && isNumberChar(text.charCodeAt(j))) j++;
      if (!numberIsCanonical(text.slice(i, j))) return true;
      i = j - 1;
    }
  }
  return false;
}

/** Whether a text has more than `limit` opening brackets (found with indexOf, not char by char). */
function bracketsExceed(text: string, limit: number): boolean {
  let n = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) if (++n > limit) return true;
  }
  return false;
}

const isNumberChar = (c: number) => (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;

/** Whether a number as PostgreSQL wrote it has the value RFC 8785 writes for its double (both in plain decimal). */
function numberIsCanonical(token: string): boolean {
  const n = Number(token);
  return Number.isFinite(n) && decimalValue(plainDecimal(String(n))) === decimalValue(plainDecimal(token));
}

/** A plain decimal with its value's digits only: no leading zeros, no trailing fractional zeros, no "-0". */
function decimalValue(text: string): string {
  let out = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  out = out.replace(/^(-?)0+(?=\d)/, '$1');
  return out === '-0' ? '0' : out;
}

/** A number's text in plain decimal: no exponent. */
export function plainDecimal(text: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  if (Number(exponent) === 0) return text;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + out;
}

/**
 * The recorded time from the microseconds PostgreSQL gave (or its text, for `infinity`): the
 * canonical string, or null when the canonical form cannot hold it.
 */
export function recordedAtOf(micros: string): string | null {
  // Events written together share their recorded time: remember the last one.
  if (micros === lastRecorded.micros) return lastRecorded.text;
  let text: string | null = null;
  if (/^-?\d+$/.test(micros)) {
    try {
      const formatted = formatMicros(micros);
      if (UTC_MICROS.test(formatted)) text = formatted;
    } catch {
      text = null;
    }
  }
  lastRecorded.micros = micros;
  lastRecorded.text = text;
  return text;
}
const lastRecorded: { micros: string | null; text: string | null } = { micros: null, text: null };

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
