import type { FastifyPluginAsync } from 'fastify';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import type { TokenVerifier } from '../../identity/tokens.js';

export interface StudyRoutesOptions {
  database: Database;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** The root of every study's pseudonym key (src/research/pseudonym.ts); it never leaves the server. */
  researchKey: Buffer;
}

/** Studies (issue 12): registered by an administrator; their exports for the researchers granted access. */
export const studyRoutes: FastifyPluginAsync<StudyRoutesOptions> = async () => {};
