/**
 * How a research export names a citizen: by a pseudonym of that study alone (issue 12).
 *
 * - **One key per study.** `studyKey` derives it from the master key with HKDF-SHA256, info
 *   `virkelyst/research-pseudonym/v1/study/<study id>`. Another info string is another, independent
 *   key: the audit's pseudonyms (src/audit/pseudonym.ts, info `virkelyst/audit-pseudonym/v1`) and
 *   every other study's come from keys that say nothing about this one. Anyone without the master
 *   key cannot compute any of them.
 * - **The pseudonym** is HMAC-SHA256(study key, the citizen's id as the log writes it, UTF-8),
 *   base64url, cut to its first 22 characters (132 bits). Stable within a study, so a researcher
 *   can follow one person through the study's rows; unrelated across studies, so two studies'
 *   exports cannot be joined on a person (HMAC under independent keys is a pseudorandom function:
 *   two studies' pseudonyms of the same citizens are as unrelated as two random lists).
 * - **Why 22 characters.** Two citizens of one study sharing a pseudonym would merge two people in
 *   the data. By the birthday bound the chance is about n² / 2^(b+1): for every person Denmark has
 *   had on record in a lifetime (n < 2^24) and b = 132 bits it is below 2^-84, and it stays below
 *   one in a trillion up to n = 2^46. Shorter would do for collisions alone (96 bits already gives
 *   2^-49); 22 characters is the shortest whole number of characters holding 128 bits, the
 *   usual security level, and costs nothing in a column. Guessing is not the concern the length answers: without
 *   the key no length of pseudonym can be computed from an id.
 * - **The key stays on the server.** No function here hands a key or a master key to a caller
 *   outside the server, and nothing here logs. A key `studyKey` returns is masked in JSON and in
 *   `util.inspect` (so a logger or an error report shows `[study key]`, never its bytes); the
 *   usual way in is `studyPseudonymiser`, which keeps the key inside its closure. Exports carry
 *   pseudonyms only.
 *
 * The pseudonym is derived, not stored: whoever holds the master key can recompute a study's
 * pseudonym from an id (to follow up on a finding, or to leave out an erased citizen), and a study
 * key cannot be destroyed separately from the master key.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';

/** The characters of a research pseudonym: 22 of base64url, 132 bits of HMAC-SHA256. */
export const PSEUDONYM_LENGTH = 22;
const INFO_PREFIX = 'virkelyst/research-pseudonym/v1/study/';
const KEY_BYTES = 32;
const MASKED = '[study key]';

/**
 * The root that every study's key is derived from, itself derived from the installation's master
 * key (HKDF-SHA256): the server and the CLI derive it alike, and it is masked like a study's key.
 */
export function researchRootKey(masterKey: Buffer): Buffer {
  if (masterKey.length < KEY_BYTES) throw new RangeError(`the master key must be at least ${KEY_BYTES} bytes`);
  return masked(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'virkelyst/research-root/v1', KEY_BYTES)));
}

/** A citizen's pseudonym in one study. */
export type StudyPseudonymiser = (citizenId: string) => string;

/**
 * The study's own pseudonym key, derived from the master key (HKDF-SHA256, info naming the
 * purpose and the study). Keep it on the server: it is masked in JSON and in `inspect`.
 */
export function studyKey(masterKey: Buffer, studyId: string): Buffer {
  if (masterKey.length < KEY_BYTES) throw new RangeError(`the master key must be at least ${KEY_BYTES} bytes`);
  if (studyId.length === 0 || studyId.length > 200) throw new RangeError('a study id of 1 to 200 characters');
  return masked(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `${INFO_PREFIX}${studyId}`, KEY_BYTES)));
}

/** A key that reaches a log by mistake shows as a mark, not as its bytes. */
function masked(key: Buffer): Buffer {
  Object.defineProperties(key, {
    toJSON: { value: () => MASKED },
    [inspect.custom]: { value: () => MASKED },
  });
  return key;
}

/** The citizen's pseudonym under a study's key: HMAC-SHA256, base64url, the first 22 characters. */
export function pseudonymFor(key: Buffer, citizenId: string): string {
  if (citizenId.length === 0) throw new RangeError('a citizen id must not be empty');
  return createHmac('sha256', key).update(citizenId, 'utf8').digest('base64url').slice(0, PSEUDONYM_LENGTH);
}

/** Pseudonyms of one study, with its key derived once and held only inside the function returned. */
export function studyPseudonymiser(masterKey: Buffer, studyId: string): StudyPseudonymiser {
  const key = studyKey(masterKey, studyId);
  return (citizenId) => pseudonymFor(key, citizenId);
}
