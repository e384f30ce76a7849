/**
 * Personal data at rest: each data subject (citizen) has a data key of their own (AES-256-GCM),
 * stored wrapped under the master key. Personal fields are encrypted before they reach the log;
 * read models keep them encrypted too and decrypt at query time. Erasing a subject deletes the
 * wrapped key: their personal fields become unreadable everywhere, while the log, its order and
 * everything that is not personal stay as they were.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../database/connect.js';
import { ERASED, isSealed, type Opened, type PersonalData, type SealedField, SubjectErasedError } from './sealed.js';

export { ERASED, isSealed, type Opened, type PersonalData, type SealedField, SubjectErasedError } from './sealed.js';

export interface MasterKey {
  kid: string;
  key: Buffer;
}

/**
 * The master key: VIRKELYST_MASTER_KEY (base64 of 32 bytes) if set, otherwise a key file in the
 * data dir, made on first use with owner-only permissions.
 */
export async function loadMasterKey(dataDir: string, fromEnv?: string): Promise<MasterKey> {
  let key: Buffer;
  if (fromEnv) {
    key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('VIRKELYST_MASTER_KEY must be 32 bytes, base64-encoded');
  } else {
    const file = path.join(dataDir, 'keys', 'master.key');
    try {
      key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        await fs.writeFile(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      }
      key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    }
  }
  // The key id names the key without revealing it, so wrapped keys say which master wrapped them.
  return { kid: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

function seal(key: Buffer, plain: Buffer, aad: string): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

function open(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

/** How long a process trusts a data key it has read; an erasure elsewhere wins within this. */
const KEY_CACHE_MS = 30_000;

export class Vault implements PersonalData {
  // Data keys in memory; an erased subject is remembered as null (erasure is final).
  private readonly cache = new Map<string, { key: Buffer | null; until: number }>();

  constructor(
    private readonly database: Database,
    private readonly master: MasterKey,
  ) {}

  /** Seals a value under the subject's key, making the key on first use. */
  async seal(subjectId: string, value: unknown): Promise<SealedField> {
    const key = await this.dataKey(subjectId, true);
    if (!key) throw new SubjectErasedError(subjectId);
    const { iv, ct, tag } = seal(key, Buffer.from(JSON.stringify(value)), subjectId);
    return { $sealed: 'v1', s: subjectId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') };
  }

  /** Opens a sealed field; an erased subject's field opens as ERASED. Other values pass through. */
  async open<T = unknown>(value: unknown): Promise<Opened<T>> {
    if (!isSealed(value)) return value as T;
    const key = await this.dataKey(value.s, false);
    if (!key) return ERASED;
    let plain: Buffer;
    try {
      plain = open(key, Buffer.from(value.iv, 'base64'), Buffer.from(value.ct, 'base64'), Buffer.from(value.tag, 'base64'), value.s);
    } catch {
      throw new SealedDataUnreadable('field');
    }
    return JSON.parse(plain.toString('utf8')) as T;
  }

  /** Seals the listed top-level fields of an event's data (null and absent fields stay as they are). */
  async sealFields<D extends Record<string, unknown>>(subjectId: string, data: D, fields: readonly string[]): Promise<D> {
    if (fields.length === 0) return data;
    const out: Record<string, unknown> = { ...data };
    for (const field of fields) {
      if (out[field] !== null && out[field] !== undefined) out[field] = await this.seal(subjectId, out[field]);
    }
    return out as D;
  }

  /** Opens every sealed field in a value, at any depth. */
  async openAll<T>(value: T): Promise<T> {
    if (isSealed(value)) return (await this.open(value)) as T;
    if (Array.isArray(value)) return (await Promise.all(value.map((v) => this.openAll(v)))) as T;
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await this.openAll(v)] as const));
      return Object.fromEntries(entries) as T;
    }
    return value;
  }

  /**
   * Makes sure each subject has a data key and holds the keys in memory, in two round trips for
   * them all (the keys missing are made, the others read): for a writer that seals for many
   * subjects at once (the demo's batches). An erased subject stays erased (sealing then refuses).
   */
  async prepareKeys(subjectIds: readonly string[]): Promise<void> {
    const now = Date.now();
    const wanted = [...new Set(subjectIds)].filter((id) => {
      const cached = this.cache.get(id);
      return !(cached && (cached.key === null || cached.until > now));
    });
    if (wanted.length === 0) return;
    const wrapped = wanted.map((id) => {
      const { iv, ct, tag } = seal(this.master.key, randomBytes(32), `subject:${id}`);
      return Buffer.concat([iv, tag, ct]);
    });
    await sql`insert into subject_keys (subject_id, wrapped_key, master_kid)
              select s, w, ${this.master.kid} from unnest(${wanted}::text[], ${wrapped}::bytea[]) as u(s, w)
              on conflict (subject_id) do nothing`.execute(this.database.db);
    // Whichever key won (another writer may have made one first), and erasures.
    const { rows } = await sql<{ subject_id: string; wrapped_key: Buffer | null }>`
      select subject_id, wrapped_key from subject_keys where subject_id = any(${wanted}::text[])`.execute(this.database.db);
    for (const row of rows) {
      if (!row.wrapped_key) {
        this.cache.set(row.subject_id, { key: null, until: Number.POSITIVE_INFINITY });
        continue;
      }
      const w = row.wrapped_key;
      let key: Buffer;
      try {
        key = open(this.master.key, w.subarray(0, 12), w.subarray(28), w.subarray(12, 28), `subject:${row.subject_id}`);
      } catch {
        throw new SealedDataUnreadable('data_key');
      }
      this.cache.set(row.subject_id, { key, until: now + KEY_CACHE_MS });
    }
  }

  /** Deletes the subject's key. Idempotent. Everything sealed under it is unreadable from now on. */
  async erase(subjectId: string): Promise<void> {
    await sql`insert into subject_keys (subject_id, wrapped_key, master_kid, erased_at)
              values (${subjectId}, null, ${this.master.kid}, now())
              on conflict (subject_id) do update set wrapped_key = null, erased_at = coalesce(subject_keys.erased_at, now())`.execute(this.database.db);
    this.cache.set(subjectId, { key: null, until: Number.POSITIVE_INFINITY });
  }

  private async dataKey(subjectId: string, create: boolean): Promise<Buffer | null> {
    const cached = this.cache.get(subjectId);
    if (cached && (cached.key === null || cached.until > Date.now())) return cached.key;
    const { rows } = await sql<{ wrapped_key: Buffer | null; erased_at: Date | null }>`
      select wrapped_key, erased_at from subject_keys where subject_id = ${subjectId}`.execute(this.database.db);
    let row = rows[0];
    if (!row && create) {
      const key = randomBytes(32);
      const { iv, ct, tag } = seal(this.master.key, key, `subject:${subjectId}`);
      await sql`insert into subject_keys (subject_id, wrapped_key, master_kid) values (${subjectId}, ${Buffer.concat([iv, tag, ct])}, ${this.master.kid})
                on conflict (subject_id) do nothing`.execute(this.database.db);
      // Another process may have made it first: read back whichever key won.
      row = (await sql<{ wrapped_key: Buffer | null; erased_at: Date | null }>`
        select wrapped_key, erased_at from subject_keys where subject_id = ${subjectId}`.execute(this.database.db)).rows[0];
    }
    if (!row) return null;
    if (!row.wrapped_key) {
      this.cache.set(subjectId, { key: null, until: Number.POSITIVE_INFINITY });
      return null;
    }
    const wrapped = row.wrapped_key;
    let key: Buffer;
    try {
      key = open(this.master.key, wrapped.subarray(0, 12), wrapped.subarray(28), wrapped.subarray(12, 28), `subject:${subjectId}`);
    } catch {
      throw new SealedDataUnreadable('data_key');
    }
    this.cache.set(subjectId, { key, until: Date.now() + KEY_CACHE_MS });
    return key;
  }
}


/**
 * A sealed field, or a data key, that does not open: it was altered, or the master key is not
 * the one that sealed it. Our fault, never the client's (a 500 with this code); the key binding
 * at start-up exists so that a wrong master key stops the app instead.
 */
export class SealedDataUnreadable extends Error {
  readonly code = 'sealed_data_unreadable';
  constructor(readonly what: 'field' | 'data_key') {
    super(what === 'field' ? 'a sealed personal field does not open under its subject’s key' : 'a subject’s data key does not open under the master key');
    this.name = 'SealedDataUnreadable';
  }
}
