import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuditKey } from '../src/audit/signing.js';
import { createTokenVerifier, loadOrCreateLocalKey } from '../src/identity/tokens.js';
import { newId } from '../src/ids.js';
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
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'virkelyst.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, VIRKELYST_DATA_DIR: dataDir, TEST_DATABASE_URL: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the virkelyst command', () => {
  it('says its version', async () => {
    const { version } = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const answer = await cli('--version');
    expect(answer).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('makes no demo with NODE_ENV=production: its made-up past must never sit in a real log', async () => {
    const answer = await cliWith({ NODE_ENV: 'production' }, 'demo', '--centres', '1', '--months', '1');
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain('NODE_ENV=production');
    expect(answer.stdout).toBe('');
  });

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
    expect(json.checks.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    // An empty log: checks that examined nothing say so.
    expect(json.checks.find((c: { id: number }) => c.id === 8)).toMatchObject({ examined: 0, status: 'not_applicable' });
    expect(da.stdout).toMatch(/^8\. .*: ikke relevant: 0 undersøgt$/m);
  }, 120_000);

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
  }, 60_000);
});

describe('virkelyst audit verify, given what an auditor kept', () => {
  /** One line on stderr, exit code 2, no stack trace. */
  const expectOneLine = (result: { code: number | null; stderr: string }, text: string) => {
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^virkelyst: /);
    expect(result.stderr).toContain(text);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };

  it('says in one line what is wrong with a path or a file, and exits 2', async () => {
    const bundle = path.join(dataDir, 'bundle');
    const junk = path.join(dataDir, 'junk.txt');
    await fs.writeFile(junk, 'not a key, not a head\n');
    const badLeaves = path.join(dataDir, 'bad-leaves');
    await fs.cp(bundle, badLeaves, { recursive: true });
    await fs.writeFile(path.join(badLeaves, 'leaves.txt'), 'zz\n');
    const badEvents = path.join(dataDir, 'bad-events');
    await fs.cp(bundle, badEvents, { recursive: true });
    await fs.writeFile(path.join(badEvents, 'events.jsonl'), '{"not json\n');
    const noHeads = path.join(dataDir, 'no-heads');
    await fs.cp(bundle, noHeads, { recursive: true });
    await fs.rm(path.join(noHeads, 'tree-heads.json'));

    expectOneLine(await cli('audit', 'verify', '--public-key', path.join(dataDir, 'nope.pem')), `--public-key ${path.join(dataDir, 'nope.pem')}: no such file`);
    expectOneLine(await cli('audit', 'verify', '--public-key', junk), 'neither a PEM nor the JSON GET /audit/public-key serves');
    expectOneLine(await cli('audit', 'verify', '--public-key', dataDir), 'a directory, not a file');
    expectOneLine(await cli('audit', 'verify', '--trusted-head', path.join(dataDir, 'nope.json')), 'no such file');
    expectOneLine(await cli('audit', 'verify', '--trusted-head', junk), `--trusted-head ${junk}: line 1 is not JSON`);
    expectOneLine(await cli('audit', 'verify', '--bundle', path.join(dataDir, 'nope')), 'no such directory');
    expectOneLine(await cli('audit', 'verify', '--bundle', junk), 'not a directory');
    expectOneLine(await cli('audit', 'verify', '--bundle', badLeaves), 'leaves.txt line 1 is not a SHA-256 hash in hex');
    expectOneLine(await cli('audit', 'verify', '--bundle', badEvents), 'events.jsonl line 1 is not JSON');
    expectOneLine(await cli('audit', 'verify', '--bundle', noHeads), 'no readable tree-heads.json');
    const badKey = path.join(dataDir, 'bad-key');
    await fs.cp(bundle, badKey, { recursive: true });
    await fs.writeFile(path.join(badKey, 'public-key.pem'), 'garbage\n');
    expectOneLine(await cli('audit', 'verify', '--bundle', badKey), `--bundle ${badKey}: public-key.pem: neither a PEM`);
  }, 180_000);

  it('catches a rolled-back log, re-sealed, with the witness and with the heads of an old bundle', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      for (let i = 0; i < 6; i++) {
        const metadata = { actor: { id: newId(), role: 'admin' }, commandId: newId(), correlationId: newId(), causationId: newId(), occurredAt: new Date().toISOString() };
        await client.query(`insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata) values ($1, 1, $2, 'CentreRenamed', 1, $3, $4)`, [
          `centre-${newId()}`,
          newId(),
          JSON.stringify({ centreId: newId(), name: `Centre ${i}` }),
          JSON.stringify(metadata),
        ]);
      }
      expect((await cli('projections', 'rebuild', 'audit')).code).toBe(0);
      const old = path.join(dataDir, 'old-bundle');
      expect((await cli('audit', 'export', old)).code).toBe(0);
      // What GET /audit/public-key serves, as a file.
      const key = await loadAuditKey(dataDir, undefined, { witnessFile: null });
      const served = path.join(dataDir, 'public-key.json');
      await fs.writeFile(served, JSON.stringify({ algorithm: 'Ed25519', keyId: key.keyId, publicKeyPem: key.publicKeyPem }));
      const clean = await cli('audit', 'verify', '--lang', 'en', '--public-key', served, '--trusted-head', path.join(old, 'tree-heads.json'));
      expect(clean.code, clean.stdout + clean.stderr).toBe(0);
      expect(clean.stdout).toMatch(/Checked against \d+ tree heads kept by the auditor and \d+ in the sealer's witness file/);

      // A superuser deletes the newest two events, empties the audit tables and has the log re-sealed.
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query('delete from events where global_position in (select global_position from events order by transaction_id desc, global_position desc limit 2)');
      await client.query('truncate audit_leaves, audit_tree_heads, audit_frontier');
      await client.query('commit');
      expect((await cli('projections', 'rebuild', 'audit')).code).toBe(0);

      const witnessed = await cli('audit', 'verify', '--lang', 'en');
      expect(witnessed.code).toBe(1);
      expect(witnessed.stdout).toContain('the log was rolled back: a head in the witness covers 6 events, the log holds 4');
      const kept = await cli('audit', 'verify', '--lang', 'en', '--json', '--public-key', served, '--trusted-head', path.join(old, 'tree-heads.json'), '--trusted-head', path.join(dataDir, 'audit-witness.jsonl'));
      expect(kept.code).toBe(1);
      const report = JSON.parse(kept.stdout);
      expect(report.checks.find((c: { id: number }) => c.id === 8)).toMatchObject({ status: 'violations' });
      expect(report.checks.find((c: { id: number }) => c.id === 8).violations).toContainEqual(expect.objectContaining({ reason: 'the log was rolled back: a trusted head covers 6 events, the log holds 4' }));
      // The old bundle itself, checked offline against the heads it holds, is still fine.
      expect((await cli('audit', 'verify', '--bundle', old, '--trusted-head', path.join(old, 'tree-heads.json'))).code).toBe(0);
    } finally {
      await client.end();
    }
  }, 240_000);
});
