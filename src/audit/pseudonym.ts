/**
 * How auditor outputs name a citizen: by a keyed pseudonym, never by their id or stream id.
 * `borger-` and the first 12 hex digits of HMAC-SHA256(key, citizen id), where the key is derived
 * from the master key (HKDF-SHA256, info "virkelyst/audit-pseudonym/v1"): stable within one
 * installation (and across its servers, which share the master key), unlinkable to the id for
 * anyone without that key, and different from one installation to the next. Whoever holds the
 * master key can recompute a pseudonym from an id to follow a finding up.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type Pseudonymiser = (citizenId: string) => string;

export function pseudonymKeyOf(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'virkelyst/audit-pseudonym/v1', 32));
}

export function pseudonymiser(key: Buffer): Pseudonymiser {
  const known = new Map<string, string>();
  return (citizenId) => {
    let name = known.get(citizenId);
    if (name === undefined) {
      name = `borger-${createHmac('sha256', key).update(citizenId, 'utf8').digest('hex').slice(0, 12)}`;
      if (known.size < 100_000) known.set(citizenId, name);
    }
    return name;
  };
}

/** Pseudonyms under a key of this run only (an offline verifier has no installation key): stable within one report. */
export function oneOffPseudonymiser(): Pseudonymiser {
  return pseudonymiser(randomBytes(32));
}

/** The citizen an event is about, as the log says it: the owner of a journey stream, or a booking's citizen. */
export function citizenOf(stream: string, data: unknown): string | null {
  if (stream.startsWith('journey-')) return stream.slice('journey-'.length);
  const citizenId = data !== null && typeof data === 'object' ? (data as { citizenId?: unknown }).citizenId : undefined;
  return typeof citizenId === 'string' ? citizenId : null;
}
