import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../src/ids.js';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { createTestDatabase } from './support/database.js';
import { eventStoreContract, newEvent } from './eventstore-contract.js';

let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => cleanup?.());

eventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const store = new PostgresEventStore(database);
  cleanup = async () => {
    await store.close();
    await database.drop();
  };
  return store;
});

describe('wake-ups across processes', () => {
  it('an append through one store wakes the subscribers of another (LISTEN/NOTIFY)', async () => {
    const database = await createTestDatabase();
    const writer = new PostgresEventStore(database);
    const reader = new PostgresEventStore({ ...database });
    try {
      let woken = 0;
      reader.onAppended(() => woken++);
      await new Promise((r) => setTimeout(r, 200)); // LISTEN is in place
      await writer.append(`wake-${newId()}`, [newEvent()], { expectedVersion: 'any' });
      const deadline = Date.now() + 5000;
      while (woken === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(woken).toBeGreaterThan(0);
    } finally {
      await writer.close();
      await reader.close();
      await database.drop();
    }
  });
});
