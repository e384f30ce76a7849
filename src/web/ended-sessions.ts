/**
 * The sessions that were signed out before their time (table `web_sessions_ended`, migration
 * 0016). A session cookie is signed and carries its own expiry, so on its own it stays good for
 * its whole 8 hours, however it was copied; signing out puts its id here until that expiry, and
 * every visit that shows a session asks here first. Only the random session id is kept, never who
 * it was.
 *
 * A small cache in the process keeps that from costing a query on every page: a session found
 * ended is remembered until its expiry (ended is for good), and one found live is believed for a
 * few seconds (`liveForMs`). A session ended by this process is ended here at once; one ended by
 * another instance behind the same database is refused here within those few seconds.
 */
import type { Kysely } from 'kysely';

export interface EndedSessions {
  /** Ends a session everywhere until `until` (ms since the epoch), its own expiry. Idempotent. */
  end(sessionId: string, until: number, now?: number): Promise<void>;
  /** Whether a session (one whose cookie is ours and unexpired) was ended. */
  isEnded(sessionId: string, now?: number): Promise<boolean>;
  /** Deletes the rows of sessions that have expired anyway; returns how many. */
  purge(now?: number): Promise<number>;
}

interface Tables {
  web_sessions_ended: { session_id: string; until: Date };
}

export interface EndedSessionsOptions {
  /** How long a session found live is believed without asking again (default 5 seconds). */
  liveForMs?: number;
  /** How often expired rows are purged, at the most (default hourly; on the next sign-out). */
  purgeEveryMs?: number;
  /** Ids kept in each of the two caches, at the most (the oldest go first). */
  maxCached?: number;
}

/** The ended-sessions list in PostgreSQL, with its cache. One per app, made by the composition root. */
export class PostgresEndedSessions implements EndedSessions {
  private readonly db: Kysely<Tables>;
  private readonly liveForMs: number;
  private readonly purgeEveryMs: number;
  private readonly maxCached: number;
  /** Ended: id → until. */
  private readonly ended = new Map<string, number>();
  /** Found live: id → when that was asked. */
  private readonly live = new Map<string, number>();
  private lastPurge = 0;

  constructor(db: Kysely<unknown>, options: EndedSessionsOptions = {}) {
    this.db = db as Kysely<Tables>;
    this.liveForMs = options.liveForMs ?? 5_000;
    this.purgeEveryMs = options.purgeEveryMs ?? 60 * 60 * 1000;
    this.maxCached = options.maxCached ?? 10_000;
  }

  async end(sessionId: string, until: number, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('web_sessions_ended')
      .values({ session_id: sessionId, until: new Date(until) })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
    this.live.delete(sessionId);
    remember(this.ended, sessionId, until, this.maxCached);
    if (now - this.lastPurge >= this.purgeEveryMs) await this.purge(now);
  }

  async isEnded(sessionId: string, now = Date.now()): Promise<boolean> {
    const until = this.ended.get(sessionId);
    if (until !== undefined) {
      if (until > now) return true;
      this.ended.delete(sessionId);
    }
    const asked = this.live.get(sessionId);
    if (asked !== undefined && now - asked < this.liveForMs) return false;
    const row = await this.db.selectFrom('web_sessions_ended').select('until').where('session_id', '=', sessionId).executeTakeFirst();
    if (row) {
      remember(this.ended, sessionId, row.until.getTime(), this.maxCached);
      this.live.delete(sessionId);
      return true;
    }
    remember(this.live, sessionId, now, this.maxCached);
    return false;
  }

  async purge(now = Date.now()): Promise<number> {
    this.lastPurge = now;
    const result = await this.db.deleteFrom('web_sessions_ended').where('until', '<=', new Date(now)).executeTakeFirst();
    for (const [id, until] of this.ended) if (until <= now) this.ended.delete(id);
    return Number(result.numDeletedRows);
  }
}

/** Sets a key as the newest; drops the oldest past the bound (a Map keeps insertion order). */
function remember(map: Map<string, number>, key: string, value: number, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
