import type { Command } from 'commander';

/** `virkelyst research …` (issue 12): a study's export, written to a directory. */
export function researchCommand(program: Command): void {
  void program;
}
