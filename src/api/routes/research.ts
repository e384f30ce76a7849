import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../database/connect.js';
import type { TokenVerifier } from '../../identity/tokens.js';

export interface ResearchRoutesOptions {
  database: Database;
  verify: TokenVerifier;
}

/** The indicators (issue 12), from the research read model. */
export const researchRoutes: FastifyPluginAsync<ResearchRoutesOptions> = async () => {};
