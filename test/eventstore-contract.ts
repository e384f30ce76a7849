/**
 * The contract every EventStore adapter must pass. Each test uses streams of its own, so one
 * store may serve the whole suite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { DuplicateEventIdError, InvalidAppendError, UnstorableTextError, WrongExpectedVersionError } from '../src/eventstore/errors.js';
import type { EventStore, LogCheckpoint, NewEvent } from '../src/eventstore/port.js';

export function newEvent(type = 'Tested', data: unknown = { n: 1 }): NewEvent {
  const commandId = newId();
  return {
    eventId: newId(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: { id: newId(), role: 'staff' },
      correlationId: commandId,
      causationId: commandId,
      commandId,
      occurredAt: '2026-11-22T10:00:00.000+01:00',
    },
  };
}

const stream = () => `test-${newId()}`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Waits until an event is readable through readAll. The read horizon is the oldest running
 * transaction on the whole server, so another test's open transaction can hold it back a while.
 */
async function visible(store: EventStore, eventId: string, after: LogCheckpoint): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { events } = await store.readAll({ after, maxCount: 1_000_000 });
    if (events.some((e) => e.eventId === eventId)) return;
    if (Date.now() > deadline) throw new Error(`event ${eventId} never became readable`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function eventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });

    describe('expected version', () => {
      it('no_stream appends to a new stream and numbers it from 1', async () => {
        const id = stream();
        const result = await store.append(id, [newEvent(), newEvent()], { expectedVersion: 'no_stream' });
        expect(result.duplicate).toBe(false);
        expect(result.nextExpectedVersion).toBe(2);
        expect(result.lastPosition).toBeGreaterThan(result.firstPosition);
        const events = await store.readStream(id);
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
        expect(events.map((e) => e.globalPosition)).toEqual([result.firstPosition, result.lastPosition]);
      });

      it('no_stream is refused when the stream exists, with its actual version', async () => {
        const id = stream();
        await store.append(id, [newEvent()], { expectedVersion: 'no_stream' });
        const error = await rejection(store.append(id, [newEvent()], { expectedVersion: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBe(1);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('an exact version appends when it matches and is refused when it does not', async () => {
        const id = stream();
        await store.append(id, [newEvent()], { expectedVersion: 0 });
        await store.append(id, [newEvent()], { expectedVersion: 1 });
        for (const wrong of [0, 1, 3]) {
          const error = await rejection(store.append(id, [newEvent()], { expectedVersion: wrong }));
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect((error as WrongExpectedVersionError).actual).toBe(2);
        }
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('an exact version above 0 is refused for a missing stream', async () => {
        const id = stream();
        const error = await rejection(store.append(id, [newEvent()], { expectedVersion: 2 }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBeNull();
        expect(await store.readStream(id)).toHaveLength(0);
      });

      it('stream_exists is refused for a missing stream and appends to an existing one', async () => {
        const id = stream();
        const error = await rejection(store.append(id, [newEvent()], { expectedVersion: 'stream_exists' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        await store.append(id, [newEvent()], { expectedVersion: 'no_stream' });
        const result = await store.append(id, [newEvent()], { expectedVersion: 'stream_exists' });
        expect(result.nextExpectedVersion).toBe(2);
      });

      it('any appends whatever the stream looks like', async () => {
        const id = stream();
        expect((await store.append(id, [newEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(1);
        expect((await store.append(id, [newEvent(), newEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(3);
      });

      it('no_stream holds under concurrency: exactly one of many racing creators wins', async () => {
        const id = stream();
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, () => store.append(id, [newEvent()], { expectedVersion: 'no_stream' })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('an exact version holds under concurrency: each version is taken once', async () => {
        const id = stream();
        await store.append(id, [newEvent()], { expectedVersion: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, () => store.append(id, [newEvent()], { expectedVersion: 1 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2]);
      });

      it('refuses an empty append and a negative version', async () => {
        expect(await rejection(store.append(stream(), [], { expectedVersion: 'any' }))).toBeInstanceOf(InvalidAppendError);
        expect(await rejection(store.append(stream(), [newEvent()], { expectedVersion: -1 }))).toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('appending to several streams together', () => {
      it('appends every part, each at its own expected version', async () => {
        const [a, b] = [stream(), stream()];
        await store.append(b, [newEvent()], { expectedVersion: 'no_stream' });
        const results = await store.appendTogether([
          { streamId: a, events: [newEvent(), newEvent()], options: { expectedVersion: 'no_stream', commandId: newId() } },
          { streamId: b, events: [newEvent()], options: { expectedVersion: 1, commandId: newId() } },
        ]);
        expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 2]);
        expect((await store.readStream(a)).length + (await store.readStream(b)).length).toBe(4);
      });

      it('writes nothing at all when any part is refused', async () => {
        const [a, b] = [stream(), stream()];
        await store.append(b, [newEvent()], { expectedVersion: 'no_stream' });
        const error = await rejection(
          store.appendTogether([
            { streamId: a, events: [newEvent()], options: { expectedVersion: 'no_stream', commandId: newId() } },
            { streamId: b, events: [newEvent()], options: { expectedVersion: 0 } },
          ]),
        );
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(a)).toEqual([]);
        expect(await store.readStream(b)).toHaveLength(1);
        expect(await rejection(store.appendTogether([{ streamId: a, events: [], options: { expectedVersion: 'any' } }]))).toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream(a)).toEqual([]);
      });

      it('checks streams it does not append to: a stale version is refused and nothing is written', async () => {
        const [a, checked, missing] = [stream(), stream(), stream()];
        await store.append(checked, [newEvent(), newEvent()], { expectedVersion: 'no_stream' });
        const stale = await rejection(
          store.appendTogether([{ streamId: a, events: [newEvent()], options: { expectedVersion: 'no_stream', commandId: newId() } }], [{ streamId: checked, expectedVersion: 1 }]),
        );
        expect(stale).toBeInstanceOf(WrongExpectedVersionError);
        expect(stale).toMatchObject({ streamId: checked, actual: 2 });
        // A stream checked as absent that exists is refused too.
        expect(
          await rejection(store.appendTogether([{ streamId: a, events: [newEvent()], options: { expectedVersion: 'no_stream' } }], [{ streamId: checked, expectedVersion: 0 }])),
        ).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(a)).toEqual([]);
        expect(await store.readStream(checked)).toHaveLength(2);

        // At the version read (0 for a stream that does not exist), the append goes through and the checked streams stay as they were.
        const results = await store.appendTogether([{ streamId: a, events: [newEvent()], options: { expectedVersion: 'no_stream' } }], [
          { streamId: checked, expectedVersion: 2 },
          { streamId: missing, expectedVersion: 0 },
        ]);
        expect(results.map((r) => r.nextExpectedVersion)).toEqual([1]);
        expect(await store.readStream(checked)).toHaveLength(2);
        expect(await store.readStream(missing)).toEqual([]);
      });
    });

    describe('idempotency', () => {
      it('a command id appended before returns the first result and appends nothing', async () => {
        const id = stream();
        const commandId = newId();
        const first = await store.append(id, [newEvent()], { expectedVersion: 'no_stream', commandId });
        // The retry carries new event ids and a now-wrong expected version: it is still the same command.
        const again = await store.append(id, [newEvent()], { expectedVersion: 'no_stream', commandId });
        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('finds what a command id appended, and nothing for an unknown one', async () => {
        const id = stream();
        const commandId = newId();
        const result = await store.append(id, [newEvent(), newEvent()], { expectedVersion: 'any', commandId, commandActorId: 'actor-1', commandFingerprint: 'f-1' });
        expect(await store.findCommand(commandId)).toEqual({ ...result, duplicate: true, streamId: id, actorId: 'actor-1', fingerprint: 'f-1' });
        expect(await store.findCommand(newId())).toBeNull();
      });

      it('the same command id at the same moment appends once', async () => {
        const id = stream();
        const commandId = newId();
        const results = await Promise.all(
          Array.from({ length: 10 }, () => store.append(id, [newEvent()], { expectedVersion: 'any', commandId })),
        );
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.firstPosition)).size).toBe(1);
        expect(await store.readStream(id)).toHaveLength(1);
      });

      it('a refused command leaves its id free for a corrected retry', async () => {
        const id = stream();
        const commandId = newId();
        await rejection(store.append(id, [newEvent()], { expectedVersion: 5, commandId }));
        const result = await store.append(id, [newEvent()], { expectedVersion: 'no_stream', commandId });
        expect(result.duplicate).toBe(false);
      });

      it('refuses text it cannot store, and appends nothing', async () => {
        const id = stream();
        const error = await rejection(store.append(id, [newEvent(), newEvent('Bad', { text: 'a\u0000b' })], { expectedVersion: 'any' }));
        expect(error).toBeInstanceOf(UnstorableTextError);
        expect(await store.readStream(id)).toHaveLength(0);
      });

      it('an event id already in the log refuses the whole append', async () => {
        const id = stream();
        const event = newEvent();
        await store.append(stream(), [event], { expectedVersion: 'any' });
        const error = await rejection(store.append(id, [newEvent(), event], { expectedVersion: 'any' }));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(id)).toHaveLength(0);
      });
    });

    describe('reading', () => {
      it('keeps data and metadata exactly as appended', async () => {
        const id = stream();
        const event = newEvent('Kept', { text: 'Æblegrød på Ærø — “citat” \\ \u0000x'.replace('\u0000', ''), nested: { list: [1, 2.5, null, true] } });
        await store.append(id, [event], { expectedVersion: 'any' });
        const [read] = await store.readStream(id);
        expect(read).toMatchObject({ streamId: id, eventId: event.eventId, type: 'Kept', schemaVersion: 1, data: event.data, metadata: event.metadata });
        expect(read!.recordedAt).toBeInstanceOf(Date);
      });

      it('reads a stream forward and backward from a version, with a limit', async () => {
        const id = stream();
        await store.append(id, Array.from({ length: 5 }, (_, i) => newEvent('N', { i })), { expectedVersion: 'no_stream' });
        const versions = async (o: Parameters<EventStore['readStream']>[1]) => (await store.readStream(id, o)).map((e) => e.streamVersion);
        expect(await versions({})).toEqual([1, 2, 3, 4, 5]);
        expect(await versions({ fromVersion: 3 })).toEqual([3, 4, 5]);
        expect(await versions({ fromVersion: 2, maxCount: 2 })).toEqual([2, 3]);
        expect(await versions({ direction: 'backward' })).toEqual([5, 4, 3, 2, 1]);
        expect(await versions({ direction: 'backward', fromVersion: 4, maxCount: 2 })).toEqual([4, 3]);
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads all events in log order after a checkpoint, page by page', async () => {
        const start = (await store.readAll({ maxCount: 1_000_000 })).checkpoint;
        const ids = [stream(), stream()];
        const appended: string[] = [];
        for (let i = 0; i < 6; i++) {
          const e = newEvent('Paged', { i });
          appended.push(e.eventId);
          await store.append(ids[i % 2]!, [e], { expectedVersion: 'any' });
        }
        await visible(store, appended.at(-1)!, start);
        const seen: string[] = [];
        let checkpoint = start;
        for (;;) {
          const page = await store.readAll({ after: checkpoint, maxCount: 4 });
          seen.push(...page.events.map((e) => e.eventId));
          if (page.events.length === 0) break;
          checkpoint = page.checkpoint;
        }
        expect(seen.filter((id) => appended.includes(id))).toEqual(appended);
      });

      it('filters by type and still moves the checkpoint past the others', async () => {
        const start = (await store.readAll({ maxCount: 1_000_000 })).checkpoint;
        const id = stream();
        const wanted = newEvent(`Wanted-${id}`);
        const last = newEvent('Other');
        await store.append(id, [newEvent('Other'), wanted, last], { expectedVersion: 'any' });
        await visible(store, last.eventId, start);
        const page = await store.readAll({ after: start, types: [wanted.type], maxCount: 10 });
        expect(page.events.map((e) => e.eventId)).toEqual([wanted.eventId]);
        const next = await store.readAll({ after: page.checkpoint, types: [wanted.type] });
        expect(next.events).toHaveLength(0);
        const rest = await store.readAll({ after: page.checkpoint });
        expect(rest.events.filter((e) => e.streamId === id)).toHaveLength(0);
      });

      it('tells subscribers when events were appended', async () => {
        let calls = 0;
        const stop = store.onAppended(() => calls++);
        await store.append(stream(), [newEvent()], { expectedVersion: 'any' });
        stop();
        expect(calls).toBeGreaterThan(0);
      });
    });
  });
}
