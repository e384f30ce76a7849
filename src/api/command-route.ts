import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandHandler } from '../commands/handler.js';
import type { CommandEnvelope, Decider, DomainEvent } from '../domain/shared/decider.js';
import { derivedId } from '../ids.js';
import { principalOf } from './auth.js';
import { commandContext, commandHeaders, nowIso } from './command.js';
import { commandResultSchema, errorResponses } from './schemas.js';

type Body = z.ZodType<Record<string, unknown>>;
/** A command as a route builds it: the edge adds the clock and the principal. */
type Built<C> = C extends unknown ? Omit<C, 'now' | 'principal'> : never;

export interface CommandRouteSpec<P extends z.ZodObject, B extends Body, C> {
  method?: 'POST' | 'PUT';
  url: string;
  tag: string;
  summary: string;
  params: P;
  body: B;
  status?: 200 | 201;
  /**
   * The command's type and data. `newId(label)` gives an id derived from the command id, so a
   * retry with the same Idempotency-Key names the same new thing; such ids come back as `created`.
   */
  command(input: { params: z.infer<P>; body: z.infer<B>; request: FastifyRequest; newId(label: string): string; created: Record<string, string> }): Promise<Built<C>>;
}

/** A POST or PUT that runs one command through the handler, with the house's headers and errors. */
export function commandRoute<P extends z.ZodObject, B extends Body, S, C extends CommandEnvelope, E extends DomainEvent>(
  app: FastifyInstance,
  deps: { handler: CommandHandler; authenticated: preHandlerHookHandler; decider: Decider<S, C, E> },
  spec: CommandRouteSpec<P, B, C>,
): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method ?? 'POST',
    url: spec.url,
    preHandler: deps.authenticated,
    schema: {
      tags: [spec.tag],
      summary: spec.summary,
      security: [{ bearer: [] }],
      headers: commandHeaders,
      params: spec.params,
      body: spec.body,
      response: { [spec.status ?? 200]: commandResultSchema.extend({ created: z.record(z.string(), z.string()).optional() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const context = commandContext(request);
      const created: Record<string, string> = {};
      const newId = (label: string) => (created[label] = derivedId(context.commandId, label));
      const command = await spec.command({ params: request.params as z.infer<P>, body: request.body as z.infer<B>, request, newId, created });
      const result = await deps.handler.handle(deps.decider, { ...command, now: nowIso(), principal: principalOf(request) } as C, context);
      const body = { ...result, ...(Object.keys(created).length > 0 ? { created } : {}) };
      return (reply as FastifyReply).code(spec.status ?? 200).send(body);
    },
  });
}
