import { v7 } from 'uuid';

/** A new UUIDv7: time-ordered, so ids sort roughly by creation. Only the edge makes ids. */
export function newId(): string {
  return v7();
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
