import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/database/embedded.js';
import { ensureAppGroup } from '../src/database/roles.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
  }
}

/**
 * Picks the PostgreSQL server the tests run against: TEST_DATABASE_URL (or DATABASE_URL) if set;
 * otherwise a testcontainers PostgreSQL if a container runtime answers; otherwise an embedded one.
 * Each test file then makes its own database on that server.
 */
export default async function setup(project: TestProject) {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    console.log(`[virkelyst tests] PostgreSQL from ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL'}`);
    project.provide('adminUrl', configured);
    await makeAppGroup(configured);
    return;
  }

  const container = await tryContainer();
  if (container) {
    console.log('[virkelyst tests] PostgreSQL in a testcontainers container');
    project.provide('adminUrl', container.url);
    await makeAppGroup(container.url);
    return container.stop;
  }

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-test-'));
  const embedded = await startEmbeddedPostgres({ dataDir });
  console.log(`[virkelyst tests] embedded PostgreSQL on port ${embedded.port} (no TEST_DATABASE_URL, no container runtime)`);
  project.provide('adminUrl', embedded.url);
  await makeAppGroup(embedded.url);
  return async () => {
    await embedded.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}

/**
 * The group role is cluster-wide: made once here, before test files migrate their databases in
 * parallel (the migrations cope with a race, but need not meet one).
 */
async function makeAppGroup(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await ensureAppGroup(client);
  } finally {
    await client.end();
  }
}

async function tryContainer(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const started = await new PostgreSqlContainer('postgres:16-alpine').start();
  return { url: started.getConnectionUri(), stop: async () => void (await started.stop()) };
}
