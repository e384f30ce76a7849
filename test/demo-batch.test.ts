/**
 * The batch command path the demo writes through (src/commands/batch.ts), and the store and vault
 * methods it uses for speed: appendBatch, knownCommands and prepareKeys, on a real database.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriter, CommandRefused } from '../src/commands/batch.js';
import { CommandHandler } from '../src/commands/handler.js';
import { centreDecider } from '../src/domain/centre/decide.js';
import { centreStreamId } from '../src/domain/centre/centre.js';
import { journeyDecider } from '../src/domain/journey/decide.js';
import { WrongExpectedVersionError } from '../src/eventstore/errors.js';
import type { NewEvent } from '../src/eventstore/port.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { newId } from '../src/ids.js';
import { isSealed, SubjectErasedError } from '../src/privacy/sealed.js';
import { Vault } from '../src/privacy/vault.js';
import { calendarDecider } from '../src/domain/calendar/decide.js';
import { ProjectionEngine } from '../src/projections/engine/engine.js';
import { inlineProjectionsHook } from '../src/projections/engine/inline.js';
import { projections } from '../src/projections/index.js';
import { createTestDatabase } from './support/database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: PostgresEventStore;
let vault: Vault;
const admin = { id: 'admin-1', role: 'admin' as const };
const now = '2025-03-03T09:00:00.000Z';

beforeAll(async () => {
  database = await createTestDatabase({ max: 4 });
  store = new PostgresEventStore(database);
  vault = new Vault(database, { kid: 'batch-test', key: randomBytes(32) });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

const event = (i: number): NewEvent => ({
  eventId: newId(),
  type: 'CentreRenamed',
  schemaVersion: 1,
  data: { centreId: 'c', name: `Centre ${i}` },
  metadata: { actor: admin, correlationId: newId(), causationId: newId(), commandId: newId(), occurredAt: now },
});
const versionOf = async (streamId: string) => (await store.readStream(streamId)).length;

describe('appendBatch', () => {
  it('appends the parts in the order given, the same stream more than once, in one go', async () => {
    const s = `batch-${newId()}`;
    const t = `batch-${newId()}`;
    const results = await store.appendBatch([
      { streamId: s, events: [event(1), event(2)], options: { expectedVersion: 0, commandId: newId() } },
      { streamId: t, events: [event(3)], options: { expectedVersion: 'no_stream', commandId: newId() } },
      { streamId: s, events: [event(4)], options: { expectedVersion: 2, commandId: newId() } },
    ]);
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 1, 3]);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect((await store.readStream(s)).map((e) => (e.data as { name: string }).name)).toEqual(['Centre 1', 'Centre 2', 'Centre 4']);
  });

  it('writes nothing at all when one part’s expected version does not hold, and names that stream', async () => {
    const s = `batch-${newId()}`;
    const t = `batch-${newId()}`;
    await store.append(t, [event(0)], { expectedVersion: 0 });
    const attempt = store.appendBatch([
      { streamId: s, events: [event(1)], options: { expectedVersion: 0, commandId: newId() } },
      { streamId: t, events: [event(2)], options: { expectedVersion: 0, commandId: newId() } },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(attempt).rejects.toMatchObject({ streamId: t });
    expect(await versionOf(s)).toBe(0);
    expect(await versionOf(t)).toBe(1);
  });

  it('a command id appended before appends nothing again, and knownCommands finds it', async () => {
    const s = `batch-${newId()}`;
    const commandId = newId();
    await store.appendBatch([{ streamId: s, events: [event(1)], options: { expectedVersion: 0, commandId } }]);
    const [again] = await store.appendBatch([{ streamId: s, events: [event(1)], options: { expectedVersion: 1, commandId } }]);
    expect(again!.duplicate).toBe(true);
    expect(await versionOf(s)).toBe(1);
    const other = newId();
    expect([...(await store.knownCommands([commandId, other]))]).toEqual([commandId]);
    expect((await store.knownCommands([])).size).toBe(0);
  });
});

describe('prepareKeys', () => {
  it('makes many subjects’ keys in one go, which seal and open as keys made one at a time do', async () => {
    const subjects = Array.from({ length: 50 }, () => `citizen-${newId()}`);
    const earlier = subjects[0]!;
    const sealedBefore = await vault.seal(earlier, 'made before');
    await vault.prepareKeys(subjects);
    const { rows } = await sql<{ n: string }>`select count(*) as n from subject_keys where subject_id = any(${subjects}::text[])`.execute(database.db);
    expect(Number(rows[0]!.n)).toBe(50);
    // The key made earlier is kept, not replaced.
    expect(await vault.open(sealedBefore)).toBe('made before');
    const other = new Vault(database, (vault as unknown as { master: { kid: string; key: Buffer } }).master);
    const sealed = await vault.seal(subjects[7]!, 'Jeg vil gerne starte min egen virksomhed.');
    expect(await other.open(sealed)).toBe('Jeg vil gerne starte min egen virksomhed.');
  });

  it('leaves an erased subject erased: nothing is sealed for them afterwards', async () => {
    const subject = `citizen-${newId()}`;
    await vault.seal(subject, 'x');
    await vault.erase(subject);
    const fresh = new Vault(database, (vault as unknown as { master: { kid: string; key: Buffer } }).master);
    await fresh.prepareKeys([subject]);
    await expect(fresh.seal(subject, 'y')).rejects.toBeInstanceOf(SubjectErasedError);
  });
});

describe('BatchWriter', () => {
  it('builds the events exactly as the command handler does: metadata, schema versions, sealed personal fields', async () => {
    const centreId = newId();
    const citizenId = newId();
    const writer = new BatchWriter(store, { vault });
    writer.decide(centreDecider, { type: 'EstablishCentre', principal: admin, now, data: { centreId, municipalityCode: '101', name: 'Virkelyst Test' } }, newId());
    const commandId = newId();
    writer.decide(journeyDecider, { type: 'StartJourney', citizenId, principal: { id: citizenId, role: 'citizen' }, now, data: { journeyId: newId(), centreId, firstContact: 'self_service', alias: 'Anna Holm', centreKnown: true } }, commandId);
    const result = await writer.flush();
    expect(result).toMatchObject({ written: 2, events: 2, skipped: 0 });
    const [started] = await store.readStream(`journey-${citizenId}`);
    expect(started!.metadata).toEqual({ actor: { id: citizenId, role: 'citizen' }, centreId, correlationId: commandId, causationId: commandId, commandId, occurredAt: now });
    expect(started!.schemaVersion).toBe(1);
    expect(isSealed((started!.data as { alias: unknown }).alias)).toBe(true);

    // The same command through the command handler, on another citizen: the same shape.
    const other = newId();
    const handler = new CommandHandler(store, { vault });
    const otherCommand = newId();
    await handler.handle(journeyDecider, { type: 'StartJourney', citizenId: other, principal: { id: other, role: 'citizen' }, now, data: { journeyId: newId(), centreId, firstContact: 'self_service', alias: 'Anna Holm', centreKnown: true } }, { commandId: otherCommand });
    const [viaHandler] = await store.readStream(`journey-${other}`);
    expect(Object.keys(viaHandler!.metadata).sort()).toEqual(Object.keys(started!.metadata).sort());
    expect(Object.keys(viaHandler!.data as object).sort()).toEqual(Object.keys(started!.data as object).sort());
  });

  it('a refusal names the command and queues nothing', async () => {
    const writer = new BatchWriter(store, { vault });
    const commandId = newId();
    expect(() => writer.decide(centreDecider, { type: 'EstablishCentre', principal: { id: 's', role: 'staff', centreId: 'x' }, now, data: { centreId: newId(), municipalityCode: '101', name: 'X' } }, commandId)).toThrow(CommandRefused);
    try {
      writer.decide(centreDecider, { type: 'EstablishCentre', principal: admin, now, data: { centreId: newId(), municipalityCode: '999', name: 'X' } }, commandId);
    } catch (error) {
      expect(error).toBeInstanceOf(CommandRefused);
      expect((error as CommandRefused).message).toContain('EstablishCentre');
      expect((error as CommandRefused).message).toContain(commandId);
    }
    expect(await writer.flush()).toMatchObject({ written: 0, events: 0 });
  });

  it('a concurrent writer is caught: the batch is refused whole, and nothing of it is written', async () => {
    const centreId = newId();
    const other = newId();
    const writer = new BatchWriter(store, { vault });
    writer.decide(centreDecider, { type: 'EstablishCentre', principal: admin, now, data: { centreId: other, municipalityCode: '147', name: 'Other' } }, newId());
    writer.decide(centreDecider, { type: 'EstablishCentre', principal: admin, now, data: { centreId, municipalityCode: '101', name: 'Mine' } }, newId());
    // Someone else establishes the centre meanwhile.
    await new CommandHandler(store).handle(centreDecider, { type: 'EstablishCentre', principal: admin, now, data: { centreId, municipalityCode: '101', name: 'Theirs' } }, { commandId: newId() });
    await expect(writer.flush()).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await versionOf(centreStreamId(other))).toBe(0);
    expect((await store.readStream(centreStreamId(centreId))).map((e) => (e.data as { name: string }).name)).toEqual(['Theirs']);
  });

  it('keeps the inline read models in the batch’s own transaction, as the store’s other appends do', async () => {
    const inlineStore = new PostgresEventStore(database, { inline: [inlineProjectionsHook(projections)] });
    const engine = new ProjectionEngine(database, inlineStore, projections);
    try {
      await engine.ensureBuilds();
      const staffId = newId();
      const slotId = newId();
      const writer = new BatchWriter(inlineStore, { vault });
      const principal = { id: staffId, role: 'staff' as const, centreId: newId() };
      writer.decide(calendarDecider, { type: 'PublishAvailability', staffId, principal, now, data: { slotId, start: '2025-03-04T09:00:00.000Z', durationMinutes: 45, channels: ['phone'], openingHours: null } }, newId());
      await writer.flush();
      // No catching up: the row is there as the append commits.
      const { rows: builds } = await sql<{ schema_name: string }>`select schema_name from projection_builds where name = 'calendars' and status = 'active'`.execute(database.db);
      const { rows } = await sql<{ slot_id: string; free: boolean }>`select slot_id, free from ${sql.table(`${builds[0]!.schema_name}.calendar_slots`)} where staff_id = ${staffId}`.execute(database.db);
      expect(rows).toEqual([{ slot_id: slotId, free: true }]);
    } finally {
      await engine.stop();
      await inlineStore.close();
    }
  });
});
