/**
 * The keys in the data dir are bound to the database: a start with other keys is refused with one
 * clear line, instead of making every citizen's data unreadable and signing heads with a stranger's key.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindKeys, KeyMismatchError } from '../src/database/keys.js';
import { createTestDatabase, createTestDatabaseUrl } from './support/database.js';
import { spawnServer } from './support/server-process.js';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('the installation’s keys', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('are recorded on the first start and must be the same on every later one', async () => {
    const keys = [
      { purpose: 'master', keyId: 'm-1', variable: 'VIRKELYST_MASTER_KEY' },
      { purpose: 'audit', keyId: 'a-1', variable: 'AUDIT_SIGNING_KEY' },
    ] as const;
    await bindKeys(database.db, keys);
    await bindKeys(database.db, keys);
    await expect(bindKeys(database.db, [keys[0], { ...keys[1], keyId: 'a-2' }])).rejects.toThrow(KeyMismatchError);
    await expect(bindKeys(database.db, [{ ...keys[0], keyId: 'm-2' }])).rejects.toThrow(/the master key \(VIRKELYST_MASTER_KEY, or its file in the data dir\) is not the one this database was first started with/);
  });

  it('a server started on the database with another data dir’s keys refuses, naming the key, and the first one starts again', async () => {
    const { url, drop } = await createTestDatabaseUrl('vt_keys');
    try {
      const first = await tempDir();
      const run = async (dataDir: string) => {
        const server = await spawnServer({ DATABASE_URL: url, VIRKELYST_DATA_DIR: dataDir });
        return server;
      };
      const a = await run(first);
      await a.waitReady();
      a.child.kill('SIGTERM');
      await a.exited;
      const b = await run(await tempDir());
      const exit = await b.exited;
      expect(exit.code).toBe(1);
      expect(b.output()).toContain('is not the one this database was first started with');
      const again = await run(first);
      await again.waitReady();
      again.child.kill('SIGTERM');
      await again.exited;
    } finally {
      await drop();
    }
  }, 120_000);
});
