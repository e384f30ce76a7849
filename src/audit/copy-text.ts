/**
 * The log as PostgreSQL's COPY writes it in its text format, one event a line, read into events
 * in their stored form. The verifier's main thread and its hashing thread (copy-leaves.ts) read
 * the same bytes with this same code, so both see exactly the same events.
 */
import { needsTextForm, NOT_JSON, parseJson, recordedAtOf, type StoredText } from './canonical.js';
import type { RawEvent } from './verify.js';

/** An event from its stored fields; a part the canonical form cannot represent keeps its stored text. */
export function storedEvent(position: number, stream: string, version: number, id: string, type: string, schemaVersion: number, dataText: string, metadataText: string, micros: string): RawEvent {
  const data = parseJson(dataText);
  const metadata = parseJson(metadataText);
  const recordedAt = recordedAtOf(micros);
  const dataAsText = data === NOT_JSON || needsTextForm(dataText);
  const metadataAsText = metadata === NOT_JSON || needsTextForm(metadataText);
  const event: RawEvent = { position, stream, version, id, type, schemaVersion, data: data === NOT_JSON ? null : data, metadata: metadata === NOT_JSON ? null : metadata, recordedAt: recordedAt ?? '' };
  if (dataAsText || metadataAsText || recordedAt === null) {
    const text: StoredText = {};
    if (dataAsText) text.data = dataText;
    if (metadataAsText) text.metadata = metadataText;
    if (recordedAt === null) text.recordedAt = micros;
    event.storedAsText = text;
  }
  return event;
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** COPY's text format escapes backslash and control characters in a field. */
function unescapeCopy(field: string): string {
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => COPY_ESCAPES[c] ?? c) : field;
}

const FIELDS = 9;
const TAB = 9;
// Where each field of the line being read starts, and where the last one ends.
const bounds = new Int32Array(FIELDS + 1);

/**
 * The event on one line of the log's COPY (bytes start…end, without its newline). Each field is
 * decoded from the bytes on its own: a string kept from an event (its stream, its id) is then
 * its own, and does not hold the whole chunk it came in alive.
 */
export function eventFromCopyLine(bytes: Buffer, start: number, end: number): RawEvent {
  let fields = 0;
  bounds[0] = start;
  for (let at = bytes.indexOf(TAB, start); at >= 0 && at < end; at = bytes.indexOf(TAB, at + 1)) {
    if (++fields === FIELDS) break;
    bounds[fields] = at + 1;
  }
  if (fields !== FIELDS - 1) throw new Error(`a COPY row with ${fields === FIELDS ? `more than ${FIELDS}` : fields + 1} fields, expected ${FIELDS}`);
  bounds[FIELDS] = end + 1;
  return storedEvent(
    Number(field(bytes, 0)),
    unescapeCopy(field(bytes, 1)),
    Number(field(bytes, 2)),
    field(bytes, 3),
    unescapeCopy(field(bytes, 4)),
    Number(field(bytes, 5)),
    unescapeCopy(field(bytes, 6)),
    unescapeCopy(field(bytes, 7)),
    field(bytes, 8),
  );
}

function field(bytes: Buffer, i: number): string {
  return bytes.toString('utf8', bounds[i]!, bounds[i + 1]! - 1);
}
