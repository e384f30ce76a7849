import { createHash } from 'node:crypto';
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

/**
 * The command's id (from Idempotency-Key, else new), its causal chain and the request's digest.
 * `body: false` leaves the body out of the digest (a secret vote: see the ballot's route).
 */
export function commandContext(request: FastifyRequest, digest: { body: boolean } = { body: true }): CommandContext {
  const key = request.headers['idempotency-key'];
  const correlation = request.headers['x-correlation-id'];
  if (Array.isArray(key)) throw new InvalidValue('idempotency-key', 'send one Idempotency-Key');
  const commandId = key?.toLowerCase() ?? newId();
  // Method, route, parameters and body: a retry sends the same, a reused key something else.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([request.method, request.routeOptions.url, canonical(request.params), ...(digest.body ? [canonical(request.body)] : [])]))
    .digest('base64url');
  return { commandId, correlationId: typeof correlation === 'string' ? correlation : commandId, fingerprint };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The edge's clock, ISO-8601 with zone. */
export const nowIso = () => new Date().toISOString();
