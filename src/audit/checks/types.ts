/**
 * What a check of the log reads and reports. Checks read raw events (their stored form) in log
 * order and nothing else: not the deciders, not the read models.
 */
import type { StoredEvent } from '../canonical.js';

export interface Violation {
  position: number | null;
  eventId: string | null;
  reason: string;
}

export interface CheckResult {
  id: number;
  name: string;
  /** How many cases the check looked at. A check that examined nothing is "not applicable", never "ok". */
  examined: number;
  violations: Violation[];
}

/** Who acted, as the event's metadata says. */
export type Actor = { id?: string; role?: string };
/** Event data as the checks read it: an object in every event the domain writes; anything else reads as empty. */
export type Data = Record<string, any>;
export interface Meta {
  commandId?: string;
  actor?: Actor;
  centreId?: string;
  /** When the act happened, as the event claims (the app's clock, the command's `now`). */
  occurredAt?: string;
}

/** A set of checks fed one event at a time, in log order. */
export interface EventChecks {
  checks: CheckResult[];
  /** `d` and `meta` are the event's data and metadata, or `{}` where they are not objects. */
  onEvent(e: StoredEvent, d: Data, meta: Meta): void;
  /** The events of one append (one command in one stream) are over. */
  endOfAppend?(): void;
  /** The log is over. */
  finish?(): void;
}

export function check(id: number, name: string): CheckResult {
  return { id, name, examined: 0, violations: [] };
}

export function violation(r: CheckResult, e: StoredEvent, reason: string): void {
  r.violations.push({ position: e.position, eventId: e.id, reason });
}

// Events of one transaction share their recorded time: parse each text once.
let lastText = '';
let lastMs = Number.NaN;

/** `recordedAt` (UTC, microseconds) as milliseconds since the epoch: the log's own time. */
export function recordedMs(e: StoredEvent): number {
  if (e.recordedAt !== lastText) {
    lastText = e.recordedAt;
    lastMs = Date.parse(e.recordedAt);
  }
  return lastMs;
}
