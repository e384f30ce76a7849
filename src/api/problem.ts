import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../domain/shared/errors.js';
import { DuplicateEventIdError, UnstorableTextError, WrongExpectedVersionError } from '../commands/index.js';
import { AuthenticationError, IdentityProviderUnavailable } from '../identity/tokens.js';
import { errorCode, isDatabaseUnavailable } from '../errors.js';
import { UnstorableInput } from './text-guard.js';
import { SealedDataUnreadable } from '../privacy/vault.js';

/** One field that was wrong, and why. `field` is a dotted path inside `in`. */
export interface FieldProblem {
  in: 'body' | 'querystring' | 'params' | 'headers';
  field: string;
  message: string;
}

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  precondition: 412,
  unprocessable: 422,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(status: number, code: string, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:virkelyst:problem:${code}`, title: TITLES[status] ?? 'Error', status, code, ...(detail ? { detail } : {}), ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** Maps every error to problem+json. A client's mistake is a 4xx; only our own faults are a 5xx. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error.validationContext ?? 'body') as FieldProblem['in'];
    const errors = error.validation.flatMap((v): FieldProblem[] => {
      const base = v.instancePath.split('/').filter(Boolean).join('.');
      const keys = (v.params as { keys?: unknown }).keys;
      if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
        return keys.map((k) => ({ in: where, field: base ? `${base}.${String(k)}` : String(k), message: 'is not a known field' }));
      }
      return [{ in: where, field: base || where, message: v.message ?? 'is not valid' }];
    });
    const first = errors[0];
    return sendProblem(reply, problem(400, 'validation_failed', first ? `${first.in} ${first.field}: ${first.message}` : undefined, { errors }));
  }
  if (error instanceof DomainError) {
    const status = STATUS_OF_KIND[error.kind];
    const field = 'field' in error && typeof error.field === 'string' ? error.field : undefined;
    return sendProblem(
      reply,
      problem(status, error.code, error.message, {
        ...error.details,
        ...(field ? { errors: [{ in: whereIs(request, field), field, message: error.message }] } : {}),
      }),
    );
  }
  if (error instanceof IdentityProviderUnavailable) {
    reply.header('retry-after', '5');
    return sendProblem(reply, problem(503, 'identity_provider_unavailable', error.message));
  }
  if (error instanceof AuthenticationError) {
    reply.header('www-authenticate', 'Bearer');
    return sendProblem(reply, problem(401, 'not_authenticated', error.reason));
  }
  if (error instanceof WrongExpectedVersionError) {
    return sendProblem(reply, problem(409, error.code, 'the stream changed meanwhile; reload and try again', { streamId: error.streamId }));
  }
  if (error instanceof UnstorableTextError) return sendProblem(reply, problem(400, error.code, error.message));
  if (error instanceof UnstorableInput) {
    const errors: FieldProblem[] = [{ in: error.where, field: error.field, message: error.message }];
    return sendProblem(reply, problem(400, error.code, `${error.where} ${error.field}: ${error.message}`, { errors }));
  }
  if (error instanceof DuplicateEventIdError) return sendProblem(reply, problem(409, error.code, error.message));

  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: { type: errorCode(error) } }, 'the database was not there for a request');
    reply.header('retry-after', '2');
    return sendProblem(reply, problem(503, 'database_unavailable', 'the database is not reachable just now; try again in a moment (nothing was recorded unless the response said so)'));
  }
  if (error instanceof SealedDataUnreadable) {
    // Not the client's doing: altered ciphertext, or a master key that is not the one that sealed it.
    request.log.error({ err: { type: error.code, what: error.what } }, 'sealed personal data does not open');
    return sendProblem(reply, problem(500, error.code, 'personal data stored here cannot be opened; nothing was recorded unless the response said so'));
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, too large, wrong media type). Their messages may
    // quote the body, so say what is wrong in our own words.
    return sendProblem(reply, problem(status, clientErrorCode(error), clientErrorDetail(error)));
  }
  request.log.error({ err: { type: errorCode(error), stack: stackWithoutMessage(error) } }, 'request failed');
  return sendProblem(reply, problem(500, 'internal_error', 'something went wrong on our side; nothing was recorded unless the response said so'));
}

/** Where in the request a field a decider named was sent: the body, unless only the path or the query string has it. */
function whereIs(request: FastifyRequest, field: string): FieldProblem['in'] {
  const top = field.split('.')[0] ?? field;
  const has = (part: unknown) => typeof part === 'object' && part !== null && Object.hasOwn(part, top);
  if (has(request.body)) return 'body';
  if (has(request.params)) return 'params';
  if (has(request.query)) return 'querystring';
  return 'body';
}

function clientErrorCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformed_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      return 'bad_request';
  }
}

function clientErrorDetail(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the body is not valid JSON';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty but declared as JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the body is larger than this service accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send application/json';
    default:
      return error.message.length < 200 && !error.message.includes('"') ? error.message : 'the request is not acceptable';
  }
}

function stackWithoutMessage(error: unknown): string | undefined {
  const stack = (error as Error)?.stack;
  return stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, problem(404, 'route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
}
