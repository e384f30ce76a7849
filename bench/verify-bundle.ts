/**
 * Verifies an exported bundle in a process of its own, as an auditor's `virkelyst audit verify
 * --bundle` does, and prints {events, ok, ms} as JSON. The benchmark runs it: timed inside, from
 * reading the bundle to the report, without process start-up.
 */
import { readBundle } from '../src/audit/bundle.js';
import { verifyLog } from '../src/audit/verify.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: verify-bundle.ts DIR');
const started = performance.now();
const report = await verifyLog(await readBundle(dir));
process.stdout.write(`${JSON.stringify({ events: report.events, ok: report.ok, ms: performance.now() - started })}\n`);
