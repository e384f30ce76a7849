import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { buildApp } from '../../src/api/app.js';
import type { RateLimits } from '../../src/api/rate-limits.js';
import { commandsFor } from '../../src/wiring.js';
import type { Role } from '../../src/domain/shared/principal.js';
import { PostgresEventStore } from '../../src/eventstore/postgres/store.js';
import { createTokenVerifier, loadOrCreateLocalKey, mintLocalToken } from '../../src/identity/tokens.js';
import { newId } from '../../src/ids.js';
import { ProjectionEngine } from '../../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../../src/projections/engine/inline.js';
import { projections } from '../../src/projections/index.js';
import { auditSealer } from '../../src/audit/sealer.js';
import { loadAuditKey } from '../../src/audit/signing.js';
import { createTestDatabase } from './database.js';
import { loadMasterKey, Vault } from '../../src/privacy/vault.js';

/** The whole app on a database of its own, with its log lines captured. */
export async function createTestApp(options: { rateLimits?: RateLimits | false; oidcIssuer?: string } = {}) {
  const database = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-app-'));
  const key = await loadOrCreateLocalKey(dataDir);
  const auditKey = await loadAuditKey(dataDir);
  const running = [...projections, auditSealer(auditKey, { every: 5, everyMs: 60_000 })];
  const store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(running)] });
  const engine = new ProjectionEngine(database, store, running);
  await engine.ensureBuilds();
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const vault = new Vault(database, await loadMasterKey(dataDir));
  // The root of the studies' pseudonym keys: tests compute the pseudonyms an export should hold.
  const researchKey = randomBytes(32);
  const app = await buildApp({
    database,
    commands: commandsFor(database, store, vault),
    vault,
    auditKey,
    engine,
    verify: createTokenVerifier({ local: key }),
    logger: { level: 'info', stream } as never,
    bodyLimit: 16 * 1024,
    readyMaxLag: 0,
    // Test files send thousands of requests from one address; test/rate-limits.test.ts sets its own.
    rateLimits: options.rateLimits ?? false,
    // The web's session cookies and CSRF tokens; test/web-*.test.ts sets oidcIssuer to see the web without the local sign-in.
    sessionKey: randomBytes(32),
    researchKey,
    ...(options.oidcIssuer ? { oidcIssuer: options.oidcIssuer } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    store,
    engine,
    logLines,
    key,
    vault,
    auditKey,
    researchKey,
    /** A token for a role; a partner's is bound to `partnerId` (by default a partner of its own, registered nowhere). */
    async token(role: Role, centreId?: string, sub = newId(), partnerId?: string) {
      const partner = role === 'partner' ? { partnerId: partnerId ?? `partner-of-${sub}` } : {};
      return mintLocalToken(key, { sub, role, ...(centreId ? { centreId } : {}), ...partner });
    },
    async eventCount(): Promise<number> {
      const { rows } = await sql<{ n: string }>`select count(*) as n from events`.execute(database.db);
      return Number(rows[0]!.n);
    },
    async centresSnapshot(): Promise<unknown[]> {
      return (await database.db.withSchema('rm').selectFrom('centres').selectAll().orderBy('centre_id').execute()) as unknown[];
    },
    async close() {
      await app.close();
      await engine.stop();
      await store.close();
      await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
