/**
 * What the auditor's browser test needs besides test/support/browser.ts: the embedded default as
 * `startEmbeddedServer` runs it, with its data dir kept at hand so the test can reach the embedded
 * PostgreSQL (as its owner) and hold the log still while it looks at a verification's progress;
 * and the citizen journey the verification reads, made through the API with tokens.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { loadOrCreateLocalKey, mintLocalToken } from '../../src/identity/tokens.js';
import { newId } from '../../src/ids.js';
import type { Role } from '../../src/domain/shared/principal.js';
import { spawnServer, type ServerProcess } from './server-process.js';

/** `npm start` in a fresh data dir, as startEmbeddedServer runs it, with its database's owner login. */
export async function startEmbeddedAuditServer() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-browser-audit-'));
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({ VIRKELYST_DATA_DIR: dataDir, VIRKELYST_MASTER_KEY: undefined, OIDC_ISSUER: undefined, OIDC_AUDIENCE: undefined, OIDC_JWKS_URL: undefined });
    await server.waitReady();
  } catch (error) {
    server?.child.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const key = await loadOrCreateLocalKey(dataDir);
  // The embedded cluster's owner: its password and port are where src/database/embedded.ts keeps them.
  const password = (await fs.readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
  const { port } = z.object({ port: z.number() }).parse(JSON.parse(await fs.readFile(path.join(dataDir, 'postgres.owner.json'), 'utf8')));
  const databaseUrl = `postgres://virkelyst:${encodeURIComponent(password)}@127.0.0.1:${port}/virkelyst`;
  return {
    url: running.url,
    output: running.output,
    token: (role: Role, centreId?: string, sub: string = newId()) => mintLocalToken(key, { sub, role, ...(centreId ? { centreId } : {}) }),
    /**
     * Holds the sealer's frontier table, so that a verification started now waits at its snapshot
     * (it reads that table first) until `release`: the page shows the run under way, as it would
     * while a large log is read.
     */
    async holdTheLog() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('begin');
      await client.query('lock table audit_frontier in access exclusive mode');
      return {
        /** Verifications waiting for the held table. */
        async waiting(): Promise<number> {
          const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_locks where relation = 'audit_frontier'::regclass and not granted`);
          return Number(rows[0]!.n);
        },
        async release() {
          await client.query('commit');
          await client.end();
        },
      };
    },
    /**
     * Writes an event straight into the log, as someone bypassing the application would: a
     * participation in an offer the citizen never said yes to. Its id.
     */
    async forgeParticipation(citizenId: string, offerId: string): Promise<string> {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const stream = `journey-${citizenId}`;
        const { rows } = await client.query<{ v: string }>('select coalesce(max(stream_version), 0) + 1 as v from events where stream_id = $1', [stream]);
        const id = newId();
        const metadata = { actor: { id: 'intruder', role: 'staff' }, correlationId: newId(), causationId: newId(), commandId: newId(), occurredAt: new Date().toISOString() };
        await client.query(
          `insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata) values ($1, $2, $3, 'ParticipationStarted', 1, $4::jsonb, $5::jsonb)`,
          [stream, Number(rows[0]!.v), id, JSON.stringify({ offerId }), JSON.stringify(metadata)],
        );
        return id;
      } finally {
        await client.end();
      }
    },
    async close() {
      running.child.kill('SIGTERM');
      const stopped = await Promise.race([running.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      if (stopped === null) running.child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A call to the API with a token; its JSON answer. */
export async function callApi(url: string, token: string, method: 'GET' | 'POST', pathname: string, body?: object): Promise<unknown> {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json', 'idempotency-key': newId() } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const created = z.object({ created: z.object({ offerId: z.string() }) });

/**
 * A citizen's journey at a centre with two offers, made through the API: one said yes to, taken
 * part in and withdrawn from; one declined. The offers' ids.
 */
export async function journeyWithOffers(url: string, token: (role: Role, centreId?: string, sub?: string) => Promise<string>, centreId: string, citizenId: string) {
  const citizen = await token('citizen', undefined, citizenId);
  const staff = await token('staff', centreId);
  await callApi(url, citizen, 'POST', '/journeys', { centreId, alias: 'Sofie Hemmelig' });
  const accepted = created.parse(await callApi(url, staff, 'POST', `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'workshop' }, information: 'Workshop om fremtiden' })).created.offerId;
  await callApi(url, citizen, 'POST', `/journeys/${citizenId}/offers/${accepted}/consent`, {});
  await callApi(url, staff, 'POST', `/journeys/${citizenId}/offers/${accepted}/participation/start`, {});
  await callApi(url, citizen, 'POST', `/journeys/${citizenId}/offers/${accepted}/withdraw`, {});
  const declined = created.parse(await callApi(url, staff, 'POST', `/journeys/${citizenId}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Coaching' })).created.offerId;
  await callApi(url, citizen, 'POST', `/journeys/${citizenId}/offers/${declined}/decline`, {});
  return { accepted, declined };
}
