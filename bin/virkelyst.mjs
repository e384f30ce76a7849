#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npx virkelyst …` works without a build step.
import { spawnSync } from 'node:child_process';
import { createRequire } from "node:module";
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = require.resolve('tsx');
const result = spawnSync(process.execPath, ['--import', tsx, path.join(here, '..', 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
