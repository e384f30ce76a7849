// Starts the database verifier's hashing thread (copy-leaves.ts) through tsx, as bin/virkelyst.mjs
// starts the CLI: a thread does not inherit the loader of the thread that started it.
import { register } from 'tsx/esm/api';

register();
await import('./copy-leaves.ts');
