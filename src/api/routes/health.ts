import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../database/connect.js';
import type { ProjectionEngine } from '../../projections/engine/engine.js';
import { PUBLIC } from '../openapi.js';
import { problem, sendProblem } from '../problem.js';

export interface HealthRoutesOptions {
  database: Database;
  engine: ProjectionEngine;
  maxLag: number;
}

/** Liveness and readiness, for load balancers and orchestration. */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { database, engine, maxLag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/health', { schema: { operationId: 'getHealth', tags: ['operations'], summary: 'The process is alive', security: PUBLIC, response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  r.get(
    '/ready',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        security: PUBLIC,
        summary: 'The database answers and every read model is caught up within the configured lag',
        response: {
          200: z.object({ status: z.literal('ready'), projections: z.array(z.object({ name: z.string(), lag: z.number(), failing: z.boolean() })) }),
        },
        problems: { 503: ['database_unreachable', 'projections_behind'] },
      },
    },
    async (_request, reply) => {
      let builds;
      try {
        await sql`select 1`.execute(database.db);
        builds = (await engine.status()).filter((b) => b.status === 'active');
      } catch {
        return sendProblem(reply, problem(503, 'database_unreachable', 'the database does not answer'));
      }
      const projections = builds.map((b) => ({ name: b.name, lag: b.lag, failing: b.failure !== null }));
      const behind = projections.filter((p) => p.lag > maxLag || p.failing);
      if (behind.length > 0) {
        return sendProblem(reply, problem(503, 'projections_behind', `read models behind: ${behind.map((p) => p.name).join(', ')}`, { projections }));
      }
      return { status: 'ready' as const, projections };
    },
  );
};
