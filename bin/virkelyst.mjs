#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, in this process, so that `npx virkelyst …` works without a
// build step. `virkelyst token` loads only what minting a token needs, fast enough for a loop.
import { register } from 'tsx/esm/api';

register();
const [command, ...rest] = process.argv.slice(2);
if (command === 'token') {
  const { parseTokenArgs, printToken } = await import('../src/cli/token.ts');
  await printToken(parseTokenArgs(rest));
} else {
  await import('../src/cli/main.ts');
}
