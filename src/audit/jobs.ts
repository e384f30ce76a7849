/**
 * The verification as a job of the server's own, for the auditor's pages: one run at a time per
 * server, its progress (events read of the log's size, checks done) readable while it runs, and
 * its report kept afterwards. A second start while one runs joins that run: the log is never
 * verified twice at once by the same server. Runs live in this process only; a restart forgets
 * them (the report can always be made again from the log).
 *
 * The run is `verifyDatabase`, the same verification `GET /audit/report` and
 * `virkelyst audit verify` make; this module adds only the bookkeeping around it.
 */
import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../database/connect.js';
import { errorCode } from '../errors.js';
import { newId } from '../ids.js';
import { AuditInputError } from './input.js';
import { verifyDatabase } from './live.js';
import type { StoredTreeHead } from './queries.js';
import type { AuditKey } from './signing.js';
import { type Report, verifyLog } from './verify.js';

/** How far a run has come. `eventsTotal` is the log's size when the run began (at least what was read). */
export interface VerificationProgress {
  eventsRead: number;
  eventsTotal: number;
  checksDone: number;
  checksTotal: number;
}

/** A run as its pages see it: a copy, never the job's own state. */
export type VerificationRun = {
  id: string;
  startedAt: Date;
  progress: VerificationProgress;
} & (
  | { status: 'running'; finishedAt: null }
  /** `head`: the signed tree head the report covered (the newest in its snapshot), if any. */
  | { status: 'finished'; finishedAt: Date; report: Report; head: StoredTreeHead | null }
  /** `failure`: why it could not run, as a code or our own audit error's message (never data). */
  | { status: 'failed'; finishedAt: Date; failure: string }
);

/** What a job runs on: the log's size, the verification itself, and the head of a size. */
export interface VerificationSource {
  logSize(): Promise<number>;
  verify(onProgress: (eventsRead: number) => void): Promise<Report>;
  headOfSize(treeSize: number): Promise<StoredTreeHead | null>;
  /** How many checks a verification makes (from the verifier itself). */
  checkCount(): Promise<number>;
}

export interface VerificationJobsOptions {
  /** How many finished runs are kept for their pages (default 5): a report may be large. */
  keep?: number;
  now?: () => Date;
  /** Told when a run could not run (with the code only): the caller logs it. */
  onFailure?: (failure: string) => void;
}

interface Job {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  progress: VerificationProgress;
  outcome: { report: Report; head: StoredTreeHead | null } | { failure: string } | null;
  done: Promise<void>;
}

/** The verification runs of one server. */
export class VerificationJobs {
  private readonly runs: Job[] = [];
  private readonly keep: number;
  private readonly now: () => Date;

  constructor(
    private readonly source: VerificationSource,
    private readonly options: VerificationJobsOptions = {},
  ) {
    this.keep = Math.max(1, options.keep ?? 5);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Starts a run, or gives the one that is running: `started` says which. Two starts at the same
   * moment get the same run (the check and the start happen without an await between them).
   */
  start(): { run: VerificationRun; started: boolean } {
    const running = this.runs.find((j) => j.outcome === null);
    if (running) return { run: view(running), started: false };
    const job: Job = {
      id: newId(),
      startedAt: this.now(),
      finishedAt: null,
      progress: { eventsRead: 0, eventsTotal: 0, checksDone: 0, checksTotal: 0 },
      outcome: null,
      done: Promise.resolve(),
    };
    job.done = this.run(job);
    this.runs.unshift(job);
    this.forgetOld();
    return { run: view(job), started: true };
  }

  /** A run by its id, while it is kept. */
  get(id: string): VerificationRun | null {
    const job = this.runs.find((j) => j.id === id);
    return job ? view(job) : null;
  }

  /** The newest run (running or not), if any. */
  latest(): VerificationRun | null {
    const job = this.runs[0];
    return job ? view(job) : null;
  }

  /** Waits until the run is over, or `ms` have passed; the run as it then is. */
  async waitFor(id: string, ms: number): Promise<VerificationRun | null> {
    const job = this.runs.find((j) => j.id === id);
    if (!job) return null;
    if (job.outcome === null) await Promise.race([job.done, sleep(ms, undefined, { ref: false })]);
    return view(job);
  }

  /** Every run that is still going, finished (for a clean shutdown and for tests). */
  async settled(): Promise<void> {
    await Promise.all(this.runs.map((j) => j.done));
  }

  private async run(job: Job): Promise<void> {
    try {
      job.progress.checksTotal = await this.source.checkCount();
      job.progress.eventsTotal = await this.source.logSize();
      const report = await this.source.verify((eventsRead) => {
        job.progress.eventsRead = eventsRead;
        job.progress.eventsTotal = Math.max(job.progress.eventsTotal, eventsRead);
      });
      const head = report.coverage.signed > 0 ? await this.source.headOfSize(report.coverage.signed) : null;
      job.progress = { eventsRead: report.events, eventsTotal: report.events, checksDone: report.checks.length, checksTotal: report.checks.length };
      job.outcome = { report, head };
    } catch (error) {
      const failure = error instanceof AuditInputError ? error.message : errorCode(error);
      job.outcome = { failure };
      this.options.onFailure?.(failure);
    } finally {
      job.finishedAt = this.now();
      this.forgetOld();
    }
  }

  private forgetOld(): void {
    // The running one is always kept; of the others, the newest `keep`.
    let finished = 0;
    for (let i = 0; i < this.runs.length; i++) {
      if (this.runs[i]!.outcome === null) continue;
      finished++;
      if (finished > this.keep) this.runs.splice(i--, 1);
    }
  }
}

function view(job: Job): VerificationRun {
  const base = { id: job.id, startedAt: job.startedAt, progress: { ...job.progress } };
  if (job.outcome === null) return { ...base, status: 'running', finishedAt: null };
  const finishedAt = job.finishedAt ?? job.startedAt;
  return 'failure' in job.outcome ? { ...base, status: 'failed', finishedAt, failure: job.outcome.failure } : { ...base, status: 'finished', finishedAt, ...job.outcome };
}

/**
 * The verification of the live database with the server's audit key, as `GET /audit/report`
 * makes it: the key's public half, the sealing interval, the witness file and the pseudonyms.
 */
export function databaseVerification(database: Database, key: AuditKey): VerificationSource {
  let checks: Promise<number> | null = null;
  return {
    async logSize() {
      const { rows } = await sql<{ n: string }>`select count(*) as n from events`.execute(database.db);
      return Number(rows[0]?.n ?? 0);
    },
    verify: (onProgress) =>
      verifyDatabase(database, {
        publicKeyPem: key.publicKeyPem,
        sealEveryMs: key.sealEveryMs,
        witnessFile: key.witness?.file ?? null,
        pseudonym: key.pseudonym,
        onProgress,
      }),
    async headOfSize(treeSize) {
      const { rows } = await sql<{ tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }>`
        select tree_size, root_hash, signed_at, key_id, signature from audit_tree_heads where tree_size = ${treeSize}`.execute(database.db);
      const h = rows[0];
      return h ? { treeSize: Number(h.tree_size), rootHash: h.root_hash, signedAt: h.signed_at, keyId: h.key_id, signature: h.signature } : null;
    },
    // The verifier's own list of checks, from a log of nothing: never a number kept here.
    checkCount: () => (checks ??= verifierChecks(key.publicKeyPem).then((list) => list.length)),
  };
}

/** The checks the verifier makes, in its order, by id and its own name (from a verification of an empty log). */
export async function verifierChecks(publicKeyPem: string): Promise<{ id: number; name: string }[]> {
  const report = await verifyLog({ events: nothing(), leaves: Buffer.alloc(0), heads: [], publicKeyPem });
  return report.checks.map((c) => ({ id: c.id, name: c.name }));
}

async function* nothing(): AsyncIterable<never[]> {
  yield* [];
}
