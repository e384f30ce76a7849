import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, loadOrCreateLocalKey } from '../src/identity/tokens.js';
import { createTestDatabaseUrl } from './support/database.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let dataDir: string;
let db: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-cli-'));
  db = await createTestDatabaseUrl('vt_cli');
});
afterAll(async () => {
  await db.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'virkelyst.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, VIRKELYST_DATA_DIR: dataDir, TEST_DATABASE_URL: undefined },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the virkelyst command', () => {
  it('mints a token the server accepts, and refuses a staff token without a centre', async () => {
    const minted = await cli('token', '--role', 'staff', '--centre', 'c-101', '--sub', 'counsellor-1');
    expect(minted.code).toBe(0);
    const verify = createTokenVerifier({ local: await loadOrCreateLocalKey(dataDir) });
    expect(await verify(minted.stdout.trim())).toEqual({ id: 'counsellor-1', role: 'staff', centreId: 'c-101' });
    const refused = await cli('token', '--role', 'staff');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--centre');
  });

  it('shows read models and rebuilds one beside the live one', async () => {
    const fresh = await cli('projections', 'status', '--json');
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.stdout)).toEqual([]); // status only looks; it creates nothing

    const rebuilt = await cli('projections', 'rebuild', 'centres');
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/centres: rebuilt and switched in/);

    const after = JSON.parse((await cli('projections', 'status', '--json')).stdout) as { name: string; status: string; build: number; lag: number }[];
    // The first build went live when the read model was set up; the rebuild made the second.
    expect(after.filter((b) => b.name === 'centres')).toEqual([expect.objectContaining({ status: 'active', build: 2, lag: 0 })]);
    const table = await cli('projections', 'status');
    expect(table.stdout).toMatch(/^name\s+version\s+build\s+status\s+mode\s+position\s+lag/m);
  });

  it('names an unknown read model', async () => {
    const result = await cli('projections', 'rebuild', 'nonsense');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no read model named nonsense');
  });
});

describe('virkelyst audit verify', () => {
  it('reports in Danish, in English or as JSON, and exits 0 on a clean log', async () => {
    await cli('projections', 'rebuild', 'audit'); // seals what the log holds
    const da = await cli('audit', 'verify');
    expect(da.code, da.stderr).toBe(0);
    expect(da.stdout).toContain('ingen brud');
    const en = await cli('audit', 'verify', '--lang', 'en');
    expect(en.stdout).toContain('no violations');
    const json = JSON.parse((await cli('audit', 'verify', '--json')).stdout);
    expect(json.ok).toBe(true);
    expect(json.checks).toHaveLength(8);
  });

  it('exports a bundle and verifies it with no database', async () => {
    const bundle = path.join(dataDir, 'bundle');
    const exported = await cli('audit', 'export', bundle);
    expect(exported.code, exported.stderr).toBe(0);
    const offline = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      // No DATABASE_URL and a data dir without a database: the bundle is all it has.
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'virkelyst.mjs'), 'audit', 'verify', '--bundle', bundle, '--public-key', path.join(bundle, 'public-key.pem'), '--lang', 'en'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, VIRKELYST_DATA_DIR: path.join(dataDir, 'empty') },
      });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('no violations');
    expect(offline.stdout).toMatch(/Key id [0-9a-f]{16} — compare it with the published key/);
  });
});
