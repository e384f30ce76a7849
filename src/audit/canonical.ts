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

/** RFC 8785: keys sorted by UTF-16 code units, numbers and strings as ECMAScript serialises them. */
export function jcs(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JSON has no NaN or Infinity');
    return JSON.stringify(value); // ECMAScript Number-to-String, as RFC 8785 §3.2.2.3 requires
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot canonicalise a ${typeof value}`);
}

const UTC_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function canonicalEvent(event: StoredEvent): Buffer {
  if (!UTC_MICROS.test(event.recordedAt)) throw new TypeError(`recordedAt must be UTC with microseconds, got ${event.recordedAt}`);
  return Buffer.from(
    jcs({
      data: event.data,
      id: event.id,
      metadata: event.metadata,
      position: event.position,
      recordedAt: event.recordedAt,
      schemaVersion: event.schemaVersion,
      stream: event.stream,
      type: event.type,
      version: event.version,
    }),
    'utf8',
  );
}

/** Microseconds since the epoch (PostgreSQL's own precision) as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function utcMicros(micros: string | bigint): string {
  const us = BigInt(micros);
  const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n);
  const rest = ((us % 1000n) + 1000n) % 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, 23)}${rest.toString().padStart(3, '0')}Z`;
}
