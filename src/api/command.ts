import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidValue } from '../domain/shared/errors.js';
import { newId, UUID_PATTERN } from '../ids.js';
import type { CommandContext } from '../commands/handler.js';

/** Headers every command route accepts. */
export const commandHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(UUID_PATTERN, 'must be a UUID')
    .optional()
    .describe('A UUID for this command. Sending it again returns the first answer and records nothing new.'),
  'x-correlation-id': z.string().regex(UUID_PATTERN, 'must be a UUID').optional(),
});

/** The command's id (from Idempotency-Key, else new) and its causal chain. */
export function commandContext(request: FastifyRequest): CommandContext {
  const key = request.headers['idempotency-key'];
  const correlation = request.headers['x-correlation-id'];
  if (Array.isArray(key)) throw new InvalidValue('idempotency-key', 'send one Idempotency-Key');
  const commandId = key ?? newId();
  return { commandId, correlationId: typeof correlation === 'string' ? correlation : commandId };
}

/** The edge's clock, ISO-8601 with zone. */
export const nowIso = () => new Date().toISOString();
