/**
 * Personal data as the rest of the house sees it: a sealed field, what an erased one opens as,
 * and the port through which commands and read models seal and open it. The vault
 * (src/privacy/vault.ts) is the adapter behind the port: it holds the keys and the database.
 */
import { Gone } from '../domain/shared/errors.js';

/** A personal field as stored: never the clear text. */
export interface SealedField {
  $sealed: 'v1';
  /** The data subject whose key sealed it. */
  s: string;
  iv: string;
  ct: string;
  tag: string;
}

/** What a reader sees of a personal field whose subject was erased. */
export const ERASED = { erased: true } as const;
export type Opened<T> = T | typeof ERASED;

export function isSealed(value: unknown): value is SealedField {
  return typeof value === 'object' && value !== null && (value as SealedField).$sealed === 'v1';
}

/** Sealing and opening personal fields under each data subject's own key, and erasing that key. */
export interface PersonalData {
  seal(subjectId: string, value: unknown): Promise<SealedField>;
  open<T = unknown>(value: unknown): Promise<Opened<T>>;
  /** `data` with the named fields sealed under the subject's key. */
  sealFields<D extends Record<string, unknown>>(subjectId: string, data: D, fields: readonly string[]): Promise<D>;
  /** Every sealed field anywhere in `value` opened (erased ones as ERASED). */
  openAll<T>(value: T): Promise<T>;
  /** Deletes the subject's key: everything sealed under it becomes unreadable, for good. */
  erase(subjectId: string): Promise<void>;
}

/**
 * A subject whose key was erased cannot have new personal data sealed (HTTP 410): the erasure
 * is final. Raised when an erasure lands between a command's decision and the sealing of its
 * personal fields (the decider itself refuses commands for an erased citizen with a 409). Reads
 * never raise it: an erased field opens as ERASED and views show it as erased.
 */
export class SubjectErasedError extends Gone {
  constructor(readonly subjectId: string) {
    // The subject stays out of the details: for a ballot it names the ballot's key.
    super('personal_data_erased', 'this person’s personal data was erased; nothing personal can be recorded for them any more');
  }
}
