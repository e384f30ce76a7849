/**
 * The spokesperson ballot is secret for anyone who reads the database or an exported audit
 * bundle, before and after the count, and its count can be checked by anyone.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, readBundle } from '../src/audit/bundle.js';
import type { StoredEvent } from '../src/audit/canonical.js';
import { ballotChecks } from '../src/audit/checks/ballot.js';
import { verifyLog } from '../src/audit/verify.js';
import type { Data, Meta } from '../src/audit/checks/types.js';
import { castSpokespersonVote, closeSpokespersonBallot } from '../src/commands/ballot.js';
import { CommandHandler } from '../src/commands/handler.js';
import { PAPER_BYTES, spokespersonStreamId } from '../src/domain/ballot/ballot.js';
import { ballotDecider } from '../src/domain/ballot/decide.js';
import type { Principal } from '../src/domain/shared/principal.js';
import type { EventStore } from '../src/eventstore/port.js';
import { newId } from '../src/ids.js';
import { ERASED, isSealed } from '../src/privacy/vault.js';
import { createTestApp } from './support/app.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
type Json = Record<string, any>;

// Candidates with ids of very different lengths, who vote themselves, and three more voters. The ids hold
// letters outside base64 and hex, so that no ciphertext or id contains one by chance.
const al = 'åse';
const bart = 'bartholomew-nikolaj-østergaard-henriksen';
const candidates = [al, bart];
const choices: Record<string, string> = { [al]: bart, [bart]: bart, 'v-3': al, 'v-4': bart, 'v-5': al };
const tokens: Record<string, string> = {};
const receipts: Record<string, string> = {};
let centreId: string;
let ballotId: string;
let closesAt: string;

async function call(token: string, url: string, payload: object = {}, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, ...headers }, payload });
  return { status: response.statusCode, body: response.json() as Json, text: response.body };
}
async function ok(token: string, url: string, payload: object = {}) {
  const r = await call(token, url, payload);
  expect(r.status, r.text).toBeLessThan(300);
  return r.body;
}

interface Row {
  type: string;
  data: Json;
  text: string;
}
/** The whole log as a database administrator reads it: each event's data and metadata as text. */
async function log(): Promise<Row[]> {
  const { rows } = await sql<{ event_type: string; data: Json; text: string }>`
    select event_type, data, data::text || ' ' || metadata::text as text from events order by global_position`.execute(t.database.db);
  return rows.map((r) => ({ type: r.event_type, data: r.data, text: r.text }));
}
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
/** A vote's text with its own voter's id taken out (who voted is public): what is left must name no candidate. */
const withoutVoter = (text: string, voterId: string) => text.replaceAll(`"${voterId}"`, '""');

/** The log holds no candidate next to a voter: in no vote, and nowhere but the ballot's opening and its result. */
function expectNoChoiceIn(rows: Row[]): void {
  const votes = rows.filter((r) => r.type === 'SpokespersonVoteCast');
  expect(votes).toHaveLength(Object.keys(choices).length);
  for (const vote of votes) {
    expect(Object.keys(vote.data).sort()).toEqual(['ballotId', 'paper', 'voterId']);
    expect(isSealed(vote.data.paper)).toBe(true);
    expect(vote.data.paper.s).toBe(`ballot-${ballotId}`);
    for (const c of candidates) expect(withoutVoter(vote.text, vote.data.voterId)).not.toContain(c);
  }
  // Padded: every sealed paper has the same length, whichever candidate it names.
  expect(new Set(votes.map((v) => Buffer.from(v.data.paper.ct, 'base64').length))).toEqual(new Set([PAPER_BYTES]));
  const elsewhere = rows.filter((r) => !['SpokespersonBallotOpened', 'SpokespersonVoteCast', 'SpokespersonElected', 'SpokespersonBallotTied'].includes(r.type));
  for (const r of elsewhere) for (const c of candidates) expect(withoutVoter(r.text, c)).not.toContain(c);
}

/** What check 10 says of these events. */
function check10(events: StoredEvent[]) {
  const checks = ballotChecks();
  for (const e of events) checks.onEvent(e, e.data as Data, e.metadata as Meta);
  checks.finish?.();
  return checks.checks[0]!;
}
async function storedEvents(): Promise<StoredEvent[]> {
  const { rows } = await sql<{ global_position: string; stream_id: string; stream_version: string; event_id: string; event_type: string; schema_version: number; data: unknown; metadata: unknown }>`
    select global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata from events order by global_position`.execute(t.database.db);
  return rows.map((r) => ({
    position: Number(r.global_position),
    stream: r.stream_id,
    version: Number(r.stream_version),
    id: r.event_id,
    type: r.event_type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    recordedAt: '',
  }));
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.token('admin');
  ({ centreId } = await ok(admin, '/centres', { municipalityCode: '101', name: 'Virkelyst Vesterbro' }));
  await t.engine.settle();
  for (const voter of Object.keys(choices)) tokens[voter] = await t.token('staff', centreId, voter);
  closesAt = new Date(Date.now() + 2000).toISOString();
  ({ ballotId } = (await ok(tokens[al]!, `/centres/${centreId}/spokesperson-ballots`, { candidates, closesAt })).created);
  for (const [voter, candidateId] of Object.entries(choices)) receipts[voter] = (await ok(tokens[voter]!, `/centres/${centreId}/spokesperson-ballots/${ballotId}/votes`, { candidateId })).paperId;
});
afterAll(async () => t?.close());

describe('the secret spokesperson ballot', () => {
  it('before the count: the log says who voted and nothing of how, and nothing else the database keeps does either', async () => {
    expectNoChoiceIn(await log());
    // The commands table keeps a fingerprint of each request. For other commands it is a digest of
    // the request, which anyone can recompute; for a vote it must not be one of the request's body.
    const fingerprint = (url: string, params: object, body: object) => createHash('sha256').update(JSON.stringify(['POST', url, params, body])).digest('base64url');
    const { rows } = await sql<{ fingerprint: string; text: string }>`select fingerprint, row_to_json(c)::text as text from commands c`.execute(t.database.db);
    const kept = new Set(rows.map((r) => r.fingerprint));
    expect(kept.has(fingerprint('/centres/:centreId/spokesperson-ballots', { centreId }, { candidates, closesAt }))).toBe(true);
    for (const candidateId of candidates) expect(kept.has(fingerprint('/centres/:centreId/spokesperson-ballots/:ballotId/votes', { ballotId, centreId }, { candidateId }))).toBe(false);
    for (const r of rows) for (const paperId of Object.values(receipts)) expect(r.text).not.toContain(paperId);
    // The receipts are in no log line.
    for (const paperId of Object.values(receipts)) expect(t.logLines.join('')).not.toContain(paperId);
    expect(check10(await storedEvents())).toMatchObject({ examined: 5, violations: [] });
  });

  it('counts when voting is over and publishes every paper without its voter; each voter finds their own with their choice', async () => {
    const staff = tokens[al]!;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(closesAt) - Date.now() + 10)));
    await ok(staff, `/centres/${centreId}/spokesperson-ballots/${ballotId}/close`);
    const result = (await log()).find((r) => r.type === 'SpokespersonElected')!;
    expect(result.data.spokespersonId).toBe(bart);
    expect(result.data.tally).toEqual([{ candidateId: bart, votes: 3 }, { candidateId: al, votes: 2 }]);
    const papers = result.data.papers as { paperId: string; candidateId: string }[];
    expect(papers.map((p) => p.paperId)).toEqual(Object.values(receipts).sort());
    for (const [voter, choice] of Object.entries(choices)) expect(papers.find((p) => p.paperId === receipts[voter])?.candidateId).toBe(choice);
    // Anyone can recount: one paper per voter, the tally is the papers counted per candidate.
    const voters = new Set((await log()).filter((r) => r.type === 'SpokespersonVoteCast').map((r) => r.data.voterId));
    expect(papers).toHaveLength(voters.size);
    for (const { candidateId, votes } of result.data.tally) expect(papers.filter((p) => p.candidateId === candidateId)).toHaveLength(votes);
  });

  it('after the count: the ballot’s key is gone, so no one can join a paper to its voter, in the database or in an exported bundle', async () => {
    const { rows: keys } = await sql<{ wrapped_key: Buffer | null }>`select wrapped_key from subject_keys where subject_id = ${`ballot-${ballotId}`}`.execute(t.database.db);
    expect(keys).toEqual([{ wrapped_key: null }]);
    const rows = await log();
    for (const vote of rows.filter((r) => r.type === 'SpokespersonVoteCast')) expect(await t.vault.open(vote.data.paper)).toBe(ERASED);
    expectNoChoiceIn(rows);
    // A paper's id is in the published list and nowhere else; the list holds ids and candidates only, in the order of the ids.
    const whole = rows.map((r) => r.text).join('\n');
    for (const paperId of Object.values(receipts)) expect(occurrences(whole, paperId)).toBe(1);
    const papers = rows.find((r) => r.type === 'SpokespersonElected')!.data.papers as Json[];
    for (const paper of papers) expect(Object.keys(paper).sort()).toEqual(['candidateId', 'paperId']);
    expect(papers.map((p) => p.paperId)).toEqual([...papers.map((p) => p.paperId)].sort());

    await t.engine.settle();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-ballot-bundle-'));
    try {
      await exportBundle(t.database, t.auditKey, dir);
      const lines = (await fs.readFile(path.join(dir, 'events.jsonl'), 'utf8')).trim().split('\n');
      const events = lines.map((line) => JSON.parse(line) as StoredEvent);
      expect(events.filter((e) => e.type === 'SpokespersonElected')).toHaveLength(1);
      expectNoChoiceIn(lines.map((text, i) => ({ type: events[i]!.type, data: events[i]!.data as Json, text })));
      for (const paperId of Object.values(receipts)) expect(occurrences(lines.join('\n'), paperId)).toBe(1);
      expect(check10(events)).toMatchObject({ examined: 6, violations: [] });
      // The ballot's events are as the catalogue declares them (the paper sealed), and the bundle verifies.
      expect((await verifyLog(await readBundle(dir))).checks.flatMap((c) => c.violations)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('counts a ballot open across the change from votes in the clear: those from their candidate, the rest from their papers', async () => {
    const admin = await t.token('admin');
    const { centreId: other } = await ok(admin, '/centres', { municipalityCode: '101', name: 'Virkelyst Amager' });
    await t.engine.settle();
    const staff = await t.token('staff', other, 'w-1');
    const staff2 = await t.token('staff', other, 'w-2');
    const until = new Date(Date.now() + 1500).toISOString();
    const { ballotId: mixed } = (await ok(staff, `/centres/${other}/spokesperson-ballots`, { candidates, closesAt: until })).created;
    // A vote written before ballots were secret (schema version 1), as the old code wrote it.
    const stream = `spokesperson-${other}`;
    const metadata = { actor: { id: 'w-0', role: 'staff' }, centreId: other, correlationId: newId(), causationId: newId(), commandId: newId(), occurredAt: new Date().toISOString() };
    await sql`insert into events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
              values (${stream}, 2, ${newId()}, 'SpokespersonVoteCast', 1, ${JSON.stringify({ ballotId: mixed, voterId: 'w-0', candidateId: al })}::jsonb, ${JSON.stringify(metadata)}::jsonb)`.execute(t.database.db);
    await sql`update streams set version = 2 where stream_id = ${stream}`.execute(t.database.db);
    await ok(staff, `/centres/${other}/spokesperson-ballots/${mixed}/votes`, { candidateId: al });
    await ok(staff2, `/centres/${other}/spokesperson-ballots/${mixed}/votes`, { candidateId: bart });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(until) - Date.now() + 10)));
    await ok(staff, `/centres/${other}/spokesperson-ballots/${mixed}/close`);
    await t.engine.settle(); // the spokesperson read model is async
    const view = (await t.app.inject({ method: 'GET', url: `/centres/${other}/spokesperson` })).json();
    expect(view).toMatchObject({ spokespersonId: al });
    expect(view.ballots[0].tally).toEqual([{ candidateId: al, votes: 2 }, { candidateId: bart, votes: 1 }]);
    expect(view.ballots[0].papers.map((p: Json) => p.candidateId).sort()).toEqual([al, bart].sort());
    expect(view.ballots[0].voters).toEqual(['w-0', 'w-1', 'w-2']);
  });

  it('reads the papers again when a vote went in between reading them and the decision, and counts it', async () => {
    // Straight through the processes, with the clock in each command: voting ran in the past.
    const handler = new CommandHandler(t.store, { vault: t.vault });
    const centre = newId();
    const ballot = newId();
    const at = (minutes: number) => new Date(Date.parse('2026-01-05T09:00:00Z') + minutes * 60_000).toISOString();
    const s1: Principal = { id: 'r-1', role: 'staff', centreId: centre };
    const s2: Principal = { id: 'r-2', role: 'staff', centreId: centre };
    const deps = { store: t.store, handler, vault: t.vault };
    await handler.handle(ballotDecider, { type: 'OpenSpokespersonBallot', now: at(0), principal: s1, data: { centreId: centre, ballotId: ballot, candidates, closesAt: at(60), centreKnown: true } }, { commandId: newId() });
    await castSpokespersonVote(deps, { now: at(1), principal: s1, centreId: centre, ballotId: ballot, candidateId: al }, { commandId: newId() });
    // The late vote was decided before voting ended and is appended just after the count read the papers.
    let raced = false;
    const racing = new Proxy(t.store, {
      get(target, prop) {
        if (prop !== 'readStream') return Reflect.get(target, prop);
        return async (streamId: string) => {
          const read = await target.readStream(streamId);
          if (!raced) {
            raced = true;
            await castSpokespersonVote(deps, { now: at(59), principal: s2, centreId: centre, ballotId: ballot, candidateId: bart }, { commandId: newId() });
          }
          return read;
        };
      },
    }) as EventStore;
    await closeSpokespersonBallot({ ...deps, store: racing }, { now: at(120), principal: s1, centreId: centre, ballotId: ballot }, { commandId: newId() });
    expect(raced).toBe(true);
    const result = (await t.store.readStream(spokespersonStreamId(centre))).at(-1)!;
    expect(result.type).toBe('SpokespersonBallotTied');
    expect((result.data as Json).papers.map((p: Json) => p.candidateId).sort()).toEqual([al, bart].sort());
  });
});
