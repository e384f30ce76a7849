import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { commandsFor } from '../src/wiring.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { createTokenVerifier } from '../src/identity/tokens.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { projections } from '../src/projections/index.js';
import { createTestDatabase } from './support/database.js';
import { Vault } from '../src/privacy/vault.js';
import { loadAuditKey } from '../src/audit/signing.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

it('closing the server finishes the requests in flight and refuses new ones', async () => {
  const store = new PostgresEventStore(database);
  const vault = new Vault(database, { kid: 'test', key: Buffer.alloc(32, 1) });
  const app = await buildApp({
    database,
    commands: commandsFor(database, store, vault),
    vault,
    auditKey: await loadAuditKey(await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-shutdown-'))),
    engine: new ProjectionEngine(database, store, projections),
    verify: createTokenVerifier({ oidc: { issuer: 'http://127.0.0.1:9' } }),
  });
  // A request that is still running when shutdown begins.
  let release!: () => void;
  const started = new Promise<void>((resolve) => {
    app.get('/test-slow', async () => {
      resolve();
      await new Promise<void>((r) => (release = r));
      return { finished: true };
    });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const inFlight = fetch(`${address}/test-slow`);
  await started;
  const closing = app.close();
  setTimeout(() => release(), 200);
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ finished: true });
  await closing;
  await expect(fetch(`${address}/health`)).rejects.toThrow();
  await store.close();
});
