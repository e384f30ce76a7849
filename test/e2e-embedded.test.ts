/**
 * The newcomer's path: no DATABASE_URL, so the app starts its own embedded PostgreSQL in the data
 * dir, serves requests, stops cleanly on SIGTERM, and starts again after a kill -9.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalKey, mintLocalToken } from '../src/identity/tokens.js';
import { newId } from '../src/ids.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';

let dataDir: string;
const running: ServerProcess[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-e2e-'));
});
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  // A postgres orphaned by the kill -9 below is stopped by the restart; make sure none is left.
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  const server = await spawnServer({ VIRKELYST_DATA_DIR: dataDir });
  running.push(server);
  await server.waitReady();
  return server;
}

async function postmasterPid(): Promise<number | null> {
  try {
    return Number((await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return null;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start on the embedded default', () => {
  const centreName = `Embedded ${newId().slice(-6)}`;

  it('starts, serves a command end to end, and stops the database on SIGTERM', async () => {
    const server = await start();
    const token = await mintLocalToken(await loadOrCreateLocalKey(dataDir), { sub: newId(), role: 'admin' });
    const created = await fetch(`${server.url}/centres`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ municipalityCode: '147', name: centreName }),
    });
    expect(created.status).toBe(201);
    const { centreId } = (await created.json()) as { centreId: string };
    const centre = await waitFor(async () => {
      const r = await fetch(`${server.url}/centres/${centreId}`);
      return r.ok ? ((await r.json()) as { name: string }) : undefined;
    });
    expect(centre.name).toBe(centreName);

    const pid = await postmasterPid();
    expect(pid).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(alive(pid!)).toBe(false);
  });

  it('starts again after a kill -9 left its PostgreSQL running, with the data kept', async () => {
    const first = await start();
    const orphan = await postmasterPid();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan!)).toBe(true); // the crash left the database behind

    const second = await start();
    const list = (await (await fetch(`${second.url}/centres`)).json()) as { centres: { name: string }[] };
    expect(list.centres.map((c) => c.name)).toContain(centreName);
    expect(alive(orphan!)).toBe(false);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('refuses a bad configuration value with one line naming the variable', async () => {
    const server = await spawnServer({ VIRKELYST_DATA_DIR: dataDir, PORT: 'eighty' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    const lines = server.output().trim().split('\n').filter((l) => !l.includes('npm warn'));
    expect(lines).toEqual([expect.stringMatching(/^virkelyst: invalid configuration: PORT .*"eighty"/)]);
  });
});
