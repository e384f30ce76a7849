import { afterAll } from 'vitest';
import { PostgresEventStore } from '../src/eventstore/postgres/store.js';
import { createTestDatabase } from './support/database.js';
import { eventStoreContract } from './eventstore-contract.js';

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
