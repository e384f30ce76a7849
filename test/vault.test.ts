import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { ERASED, isSealed, loadMasterKey, SubjectErasedError, Vault } from '../src/privacy/vault.js';
import { createTestDatabase } from './support/database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let vault: Vault;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-vault-'));
  vault = new Vault(database, await loadMasterKey(dataDir));
});
afterAll(async () => {
  await database.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the vault', () => {
  it('seals a personal value so that neither the value nor the key is in the database in the clear', async () => {
    const subject = newId();
    const sealed = await vault.seal(subject, 'Jeg vil gerne være bager');
    expect(isSealed(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('bager');
    expect(await vault.open(sealed)).toBe('Jeg vil gerne være bager');
    const { rows } = await sql<{ wrapped_key: Buffer }>`select wrapped_key from subject_keys where subject_id = ${subject}`.execute(database.db);
    expect(rows[0]!.wrapped_key.length).toBe(12 + 16 + 32);
  });

  it('seals only the listed fields and leaves null ones alone', async () => {
    const subject = newId();
    const data = await vault.sealFields(subject, { goalId: 'g', text: 'mine ord', category: null, note: null }, ['text', 'note']);
    expect(data.goalId).toBe('g');
    expect(isSealed(data.text)).toBe(true);
    expect(data.note).toBeNull();
    expect(await vault.openAll(data)).toEqual({ goalId: 'g', text: 'mine ord', category: null, note: null });
  });

  it('another process with the same master key opens what this one sealed', async () => {
    const subject = newId();
    const sealed = await vault.seal(subject, { phone: '12345678' });
    const other = new Vault(database, await loadMasterKey(dataDir));
    expect(await other.open(sealed)).toEqual({ phone: '12345678' });
  });

  it('erasing a subject makes every sealed field read as erased, and refuses new ones', async () => {
    const subject = newId();
    const sealed = await vault.seal(subject, 'Kim');
    const fresh = new Vault(database, await loadMasterKey(dataDir));
    await vault.erase(subject);
    await vault.erase(subject); // idempotent
    expect(await vault.open(sealed)).toEqual(ERASED);
    expect(await fresh.open(sealed)).toEqual(ERASED);
    await expect(vault.seal(subject, 'again')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('a changed ciphertext does not open', async () => {
    const sealed = await vault.seal(newId(), 'secret');
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    await expect(vault.open({ ...sealed, ct: ct.toString('base64') })).rejects.toThrow();
    // Sealed under one subject, presented as another's: the subject is bound in.
    const other = newId();
    await vault.seal(other, 'x');
    await expect(vault.open({ ...sealed, s: other })).rejects.toThrow();
  });

  it('keeps the master key file readable by its owner only, or takes it from the environment', async () => {
    const stat = await fs.stat(path.join(dataDir, 'keys', 'master.key'));
    expect(stat.mode & 0o077).toBe(0);
    const fromEnv = await loadMasterKey(dataDir, Buffer.alloc(32, 7).toString('base64'));
    expect(fromEnv.key.equals(Buffer.alloc(32, 7))).toBe(true);
    await expect(loadMasterKey(dataDir, 'c2hvcnQ=')).rejects.toThrow(/32 bytes/);
  });
});
