import { hkdfSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './api/app.js';
import { type Config, rateLimitsOf, staffAcrValues } from './config.js';
import { loggerOptions } from './logging.js';
import { commandsFor } from './wiring.js';
import { connect, type Database } from './database/connect.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded.js';
import { migrateToLatest } from './database/migrate.js';
import { bindKeys } from './database/keys.js';
import { APP_GROUP, prepareAppLogin, verifyAppConnection } from './database/roles.js';
import { PostgresEventStore } from './eventstore/postgres/store.js';
import { createTokenVerifier, loadOrCreateLocalKey } from './identity/tokens.js';
import { errorCode } from './errors.js';
import { ProjectionEngine } from './projections/engine/engine.js';
import { inlineProjectionsHook } from './projections/engine/inline.js';
import { projections } from './projections/index.js';
import { loadAuditKey } from './audit/signing.js';
import { auditSealer, signPendingHead } from './audit/sealer.js';
import { witnessFileOf } from './audit/witness.js';
import { loadMasterKey, type MasterKey, Vault } from './privacy/vault.js';
import { PostgresEndedSessions } from './web/ended-sessions.js';
import type { OidcClientSettings } from './web/oidc.js';
import { configureWebSessions } from './web/request.js';
import { researchRootKey } from './research/pseudonym.js';

export interface Running {
  app: FastifyInstance;
  url: string;
  database: Database;
  engine: ProjectionEngine;
  /** Finishes requests in flight, stops the projections, closes the database (and stops an embedded one). */
  stop(): Promise<void>;
}

/**
 * Opens the database the configuration names, or starts the embedded one. Migrations run as the
 * owner (DATABASE_URL, or the embedded superuser); the `Database` returned is the app's own login,
 * a member of `virkelyst_app` that can read and append the logs but never change them
 * (DATABASE_APP_URL, or a login made by the owner), unless none can be had (then a warning).
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  whenRunning: 'attach' | 'refuse' = 'refuse',
): Promise<{ database: Database; embedded: EmbeddedDatabase | null }> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    const pgLog = logger.child({ component: 'embedded-postgres' });
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, whenRunning, onLog: (line) => pgLog.debug(line) });
    logger.info({ port: embedded.port, dataDir: config.dataDir }, 'embedded PostgreSQL started');
    url = embedded.url;
  }
  const owner = connect(url, { applicationName: 'virkelyst-owner' });
  let database: Database | null = null;
  try {
    const { rows } = await owner.pool.query<{ v: string }>('show server_version_num');
    if (Number(rows[0]?.v) < 140000) throw new Error(`PostgreSQL 14 or newer is needed; this server is ${rows[0]?.v}`);
    const applied = await migrateToLatest(owner);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const app = await prepareAppLogin(owner, { appUrl: config.DATABASE_APP_URL, dataDir: config.dataDir, logger });
    if (app) {
      await owner.close();
      database = connect(app.url);
      const { login } = await verifyAppConnection(database);
      logger.info({ login, role: APP_GROUP }, 'the app connects with a login of its own, not as the owner of its tables');
    } else {
      database = owner; // warned: no login of its own could be had
    }
  } catch (error) {
    await database?.close();
    await owner.close();
    await embedded?.stop();
    throw error;
  }
  return { database, embedded };
}

/** The key that signs the web UI's session cookies, derived from the master key (HKDF-SHA256). */
export const webSessionKey = (masterKey: MasterKey): Buffer => Buffer.from(hkdfSync('sha256', masterKey.key, Buffer.alloc(0), 'virkelyst web session', 32));

/** Where the web's local development sign-in answers, said once in the log when it is on. */
function devSignInOf(config: Config, logger: Logger): 'loopback' | 'anywhere' | 'off' {
  if (config.OIDC_ISSUER) return 'off';
  const where = config.DEV_SIGN_IN === 'anywhere' ? 'anywhere' : config.DEV_SIGN_IN === 'off' || process.env.NODE_ENV === 'production' ? 'off' : 'loopback';
  if (where === 'anywhere') logger.warn('the local development sign-in answers to anyone who reaches this server: anyone can sign in as anyone (DEV_SIGN_IN=anywhere)');
  else if (where === 'loopback') logger.info('the local development sign-in answers only on this machine (no OIDC_ISSUER)');
  return where;
}

/** The web's client at the identity provider, when one is configured (said once in the log when the pages have none). */
function webOidcOf(config: Config, logger: Logger): OidcClientSettings | undefined {
  if (!config.OIDC_ISSUER) return undefined;
  if (!config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.OIDC_REDIRECT_URL) {
    logger.warn('OIDC_ISSUER is set but OIDC_CLIENT_ID is not: the API takes the provider\'s tokens, but nobody can sign in to the web pages');
    return undefined;
  }
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    clientAuth: config.OIDC_CLIENT_AUTH,
    redirectUrl: config.OIDC_REDIRECT_URL,
    scope: config.OIDC_SCOPE,
    ...(config.OIDC_JWKS_URL ? { jwksUrl: config.OIDC_JWKS_URL } : {}),
    ...(config.OIDC_STAFF_ACR ? { staffAcr: staffAcrValues(config.OIDC_STAFF_ACR) } : {}),
  };
}

/** The composition root: everything the server needs, wired once. */
export async function startServer(config: Config, logger: Logger = pino(loggerOptions(config))): Promise<Running> {
  const { database, embedded } = await openDatabase(config, logger);
  const onBackgroundError = (error: unknown) => logger.warn({ err: { type: errorCode(error) } }, 'event wake-up failed; polling continues');
  const masterKey = await loadMasterKey(config.dataDir, config.VIRKELYST_MASTER_KEY);
  // The key that signs heads, with its witness file and the pseudonym key (from the master key).
  const auditKey = await loadAuditKey(config.dataDir, config.AUDIT_SIGNING_KEY, {
    witnessFile: witnessFileOf(config),
    masterKey,
    sealEveryMs: config.AUDIT_SEAL_EVERY_MS,
  });
  // The read models and the audit log's sealer, which runs as a projection of every event.
  const running = [...projections, auditSealer(auditKey, { every: config.AUDIT_SEAL_EVERY, everyMs: config.AUDIT_SEAL_EVERY_MS })];
  const store = new PostgresEventStore(database, { inline: [inlineProjectionsHook(running)], onBackgroundError });
  // The engine listens on the store that appends, so local appends wake it at once.
  const engine = new ProjectionEngine(database, store, running, {
    pollMs: config.PROJECTION_POLL_MS,
    logger: logger.child({ component: 'projections' }),
  });
  let app: FastifyInstance | undefined;
  // A quiet log still gets its last events under a signed head within AUDIT_SEAL_EVERY_MS.
  const sealTimer = setInterval(() => {
    signPendingHead(database.db, auditKey, config.AUDIT_SEAL_EVERY_MS).catch((error: unknown) =>
      // AuditWitnessMismatch: the sealed tree contradicts a head in the witness; it stays unsigned.
      logger.warn({ err: { type: errorCode(error) } }, 'signing a pending tree head failed; will try again'),
    );
  }, config.AUDIT_SEAL_EVERY_MS);
  sealTimer.unref();
  const shutDown = async () => {
    clearInterval(sealTimer);
    await app?.close();
    await engine.stop();
    await store.close();
    await database.close();
    await embedded?.stop();
  };

  let url: string;
  try {
    // The keys must be the ones this database was first started with.
    await bindKeys(database.db, [
      { purpose: 'master', keyId: masterKey.kid, variable: 'VIRKELYST_MASTER_KEY' },
      { purpose: 'audit', keyId: auditKey.keyId, variable: 'AUDIT_SIGNING_KEY' },
    ]);
    await engine.ensureBuilds();
    engine.start();
    const verify = config.OIDC_ISSUER
      ? createTokenVerifier({
          oidc: {
            issuer: config.OIDC_ISSUER,
            ...(config.OIDC_JWKS_URL ? { jwksUrl: config.OIDC_JWKS_URL } : {}),
            ...(config.OIDC_AUDIENCE ? { audience: config.OIDC_AUDIENCE } : {}),
          },
        })
      : createTokenVerifier({ local: await loadOrCreateLocalKey(config.dataDir) });
    const vault = new Vault(database, masterKey);
    const webOidc = webOidcOf(config, logger);
    app = await buildApp({
      database,
      commands: commandsFor(database, store, vault),
      vault,
      auditKey,
      engine,
      verify,
      logger: loggerOptions(config),
      bodyLimit: config.BODY_LIMIT_BYTES,
      readyMaxLag: config.READY_MAX_LAG,
      rateLimits: rateLimitsOf(config),
      ...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY } : {}),
      // The web's session key, from the master key: stable across restarts, never stored on its own.
      sessionKey: webSessionKey(masterKey),
      // Studies' pseudonym keys, from the master key: the same pseudonyms after a restart and in the CLI.
      researchKey: researchRootKey(masterKey.key),
      ...(config.OIDC_ISSUER ? { oidcIssuer: config.OIDC_ISSUER } : {}),
      ...(webOidc ? { oidcClient: webOidc } : {}),
      devSignIn: devSignInOf(config, logger),
      // Sign-out ends a session for good: the list is in the database, so every instance sees it.
      endedSessions: new PostgresEndedSessions(database.db),
    });
    // A web session not used for WEB_SESSION_IDLE_MINUTES is no session.
    configureWebSessions(app, { idleMs: config.WEB_SESSION_IDLE_MINUTES * 60_000 });
    url = await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    // Do not leave an embedded database or a projection loop behind a failed start.
    await shutDown().catch(() => undefined);
    throw error;
  }

  let stopping: Promise<void> | null = null;
  return { app, url, database, engine, stop: () => (stopping ??= shutDown()) };
}
