/**
 * The OpenAPI document, made good enough to generate a client from. Routes declare their zod
 * schemas and, in `problems`, the domain's problem codes they may answer; this module adds what
 * follows from the kind of operation (a write, a signed-in read, a public read) so that no route
 * repeats it and none forgets it: every error is `application/problem+json` with the Problem
 * component, its description lists the codes, and a status an operation cannot answer (a 409 on
 * a GET) is not declared.
 */
import { readFileSync } from 'node:fs';
import type { FastifySchema } from 'fastify';
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Statuses an operation may declare problem codes for, besides those that follow from its kind. */
const PROBLEM_STATUSES = [400, 403, 404, 409, 410, 412, 422, 503] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
/** The domain's problem codes an operation may answer, by status. */
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

declare module 'fastify' {
  interface FastifySchema {
    /** Problem codes this operation answers besides the generic ones (see `problemResponses`). */
    problems?: ProblemCodes;
  }
}

const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')));

/** Every tag an operation may carry, with what it is about. */
export const TAGS = [
  { name: 'centres', description: 'Centres: established by administrators, named by their board, opening hours set by staff; anyone reads them' },
  { name: 'journeys', description: 'A citizen’s own course through the centre: goals, conversations, offers (always voluntary), consent and outcomes' },
  { name: 'calendars', description: 'Times staff are free for a conversation; citizens book them, each time once' },
  { name: 'board', description: 'The centre’s board: seats, members, meetings, resolutions, votes and signed minutes' },
  { name: 'spokesperson', description: 'The staff’s secret ballot for their spokesperson (talsperson)' },
  { name: 'budgets', description: 'Annual and development budgets: drafted and approved by the board, enacted on the Finance Act, public once approved' },
  { name: 'audit', description: 'The transparency log for auditors: signed tree heads, proofs, the voluntariness checks' },
  { name: 'partners', description: 'Partners (medspillere) and their written agreements with a centre, every version kept; a partner’s people see the referrals made to it, with only what citizens share' },
  { name: 'catalogue', description: 'The offer catalogue: the centre’s and its partners’ offers, listed while their agreement is in force; Danish full-text search' },
  { name: 'activities', description: 'Local activities: citizens take and give up places themselves; a waiting list moves up in order' },
  { name: 'groups', description: 'Groups citizens join and leave themselves; how they meet is their own' },
  { name: 'ventures', description: 'The entrepreneurs’ track: the citizen’s own milestones, check-ins and how their business goes; nothing of their income or allowances' },
  { name: 'ideas', description: 'Citizens’ ideas for the development budget: proposed, supported (one support each, counted at once), answered by the board with the line it became or the reason' },
  { name: 'research', description: 'Research: the indicators under disclosure control, today’s job-centre figures beside them, and the studies’ exports' },
  { name: 'operations', description: 'Liveness and readiness, for load balancers' },
] as const;
export type Tag = (typeof TAGS)[number]['name'];

/** The document's own part: what it is, where it is served, and its tags. A fresh object for each app: @fastify/swagger keeps what it is given. */
export const openapiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Virkelyst',
    version,
    summary: 'A voluntary, trust-based Danish job centre',
    description: [
      'The API of Virkelyst, a voluntary job centre: everything here is voluntary; offers are offers, and saying no is always fine.',
      '',
      'Commands accept an `Idempotency-Key` (UUID): a retry returns the first answer and records nothing new; the ids a command creates are derived from it.',
      'Request bodies and query strings are strict: an unknown field is a 400 naming it.',
      'Every error is `application/problem+json` (RFC 9457) with a stable `code`; each operation lists the codes it may answer.',
      'Money is whole øre, times are ISO-8601 with zone.',
    ].join('\n'),
  },
  servers: [{ url: '/', description: 'This server' }],
  tags: [...TAGS],
  components: { securitySchemes: { bearer: { type: 'http' as const, scheme: 'bearer', bearerFormat: 'JWT', description: 'A token with `sub`, `role` and, for staff and board members, `centre`' } } },
});

/** `security` of an operation anyone may call: no token. */
export const PUBLIC: readonly Record<string, readonly string[]>[] = [];
/** `security` of an operation for the signed in. */
export const SIGNED_IN: readonly Record<string, readonly string[]>[] = [{ bearer: [] }];
/** `security` of a public read that shows more to the signed in: a token is checked when sent. */
export const OPTIONALLY_SIGNED_IN: readonly Record<string, readonly string[]>[] = [{}, { bearer: [] }];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What every status means, in a line; the codes follow it in the response's description. */
const MEANING: Record<number, string> = {
  400: 'The request is not valid; `errors` names each field',
  401: 'No valid bearer token was sent',
  403: 'The signed-in caller may not do this',
  404: 'The thing addressed does not exist',
  409: 'The request conflicts with what already happened',
  410: 'What the request needs was removed for good',
  412: 'A precondition did not hold',
  413: 'The body is larger than this service accepts',
  415: 'The body is not application/json',
  422: 'The request is well-formed but breaks a rule',
  429: 'Too many requests in a short time; `Retry-After` says when to try again',
  503: 'The service cannot answer just now; `Retry-After` says when to try again',
};

/** How an operation is reached, as far as its problems go. */
export interface OperationKind {
  method: string;
  /** It needs a bearer token, or checks one when sent. */
  authenticates: boolean;
  /** It needs a bearer token. */
  requiresToken: boolean;
  /** It may lose the database while it answers (everything but the health checks, which say so themselves). */
  usesDatabase: boolean;
}

/**
 * The problem codes an operation can answer, by status: the generic ones its kind implies
 * (src/api/problem.ts, text-guard.ts, rate-limits.ts, commands/handler.ts), and its own.
 */
export function problemCodes(kind: OperationKind, own: ProblemCodes = {}): Map<number, string[]> {
  const write = WRITES.has(kind.method);
  const codes = new Map<number, string[]>();
  const add = (status: number, ...more: readonly string[]) => codes.set(status, [...new Set([...(codes.get(status) ?? []), ...more])]);
  add(400, 'validation_failed', 'unstorable_text', 'bad_url');
  if (write) add(400, 'malformed_json', 'invalid_value');
  if (kind.authenticates) add(401, 'not_authenticated');
  if (kind.requiresToken) add(403, 'forbidden');
  if (write) {
    add(409, 'wrong_expected_version', 'concurrency_conflict', 'duplicate_event_id');
    add(413, 'body_too_large');
    add(415, 'unsupported_media_type');
    add(422, 'idempotency_key_reused');
  }
  for (const [status, list] of Object.entries(own)) add(Number(status), ...list);
  // Limits on changes per address and per person, and on failed sign-ins per address (which hold back every request from it).
  add(429, 'too_many_requests');
  if (kind.usesDatabase) add(503, 'database_unavailable');
  if (kind.authenticates) add(503, 'identity_provider_unavailable');
  return codes;
}

/** The OpenAPI responses for the problems of an operation: problem+json, the Problem component, the codes. */
export function problemResponses(codes: Map<number, string[]>) {
  return Object.fromEntries(
    [...codes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        status,
        {
          description: `${MEANING[status] ?? 'A problem'}. Problem codes: ${list.map((c) => `\`${c}\``).join(', ')}.`,
          content: { 'application/problem+json': { schema: PROBLEM_REF } },
        },
      ]),
  );
}

/** A response declared per media type (a JSON or CSV export), as fastify accepts it. */
interface ContentResponse {
  description?: string;
  content: Record<string, { schema: z.ZodType }>;
}
const isContentResponse = (value: unknown): value is ContentResponse => typeof value === 'object' && value !== null && 'content' in value && !(value instanceof z.ZodType);

const base = createJsonSchemaTransform({});

/** Where a body's examples wait, on the operation, for `openapiTransformObject` to put them in the request body. */
const BODY_EXAMPLES = 'x-body-examples';

const SUCCESS: Record<number, string> = { 200: 'Done, or the answer asked for', 201: 'Recorded; `created` names what was made' };

/**
 * The transform @fastify/swagger calls per route: fastify-type-provider-zod's, with the error
 * responses made from the operation's kind and `problems`, and responses declared per media type
 * converted one media type at a time.
 */
export const openapiTransform: SwaggerTransform = (input) => {
  const schema: FastifySchema = input.schema;
  if (!schema || schema.hide) return base(input);
  const { problems, response, ...rest } = schema;
  const successes = Object.entries(isRecord(response) ? response : {}).filter(([status]) => Number(status) < 400);
  const plain = Object.fromEntries(successes.filter(([, r]) => !isContentResponse(r)));
  const transformed = base({ ...input, schema: { ...rest, response: plain } });
  // A body that is a registered component becomes a bare $ref, and @fastify/swagger drops whatever
  // stands beside a $ref, examples too: they travel on the operation, and the document puts them back.
  const examples = rest.body instanceof z.ZodType ? z.globalRegistry.get(rest.body)?.examples : undefined;
  const body = transformed.schema.body;
  if (examples && typeof body === 'object' && body !== null && '$ref' in body) Object.assign(transformed.schema, { [BODY_EXAMPLES]: examples });
  const responses: Record<string, unknown> = {};
  const converted = transformed.schema.response;
  for (const [status, json] of Object.entries(isRecord(converted) ? converted : {})) {
    responses[status] = { description: SUCCESS[Number(status)] ?? 'The answer', content: { 'application/json': { schema: json } } };
  }
  for (const [status, declared] of successes) {
    if (!isContentResponse(declared)) continue;
    const content = Object.fromEntries(
      Object.entries(declared.content).map(([media, { schema: zod }]) => {
        const one = base({ ...input, schema: { response: { [status]: zod } } }).schema.response;
        return [media, { schema: isRecord(one) ? one[status] : undefined }];
      }),
    );
    responses[status] = { description: declared.description ?? 'Default Response', content };
  }
  const method = [input.route.method].flat()[0] ?? 'GET';
  const security = schema.security ?? [];
  const kind: OperationKind = {
    method,
    authenticates: security.some((requirement) => Object.keys(requirement).length > 0),
    requiresToken: security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0),
    usesDatabase: input.url !== '/health' && input.url !== '/ready',
  };
  Object.assign(responses, problemResponses(problemCodes(kind, problems)));
  return { ...transformed, schema: { ...transformed.schema, response: responses } };
};

const components = createJsonSchemaTransformObject({});

/**
 * The document as a whole: the registered schemas (`.meta({ id })`) become `components.schemas`,
 * and those no operation refers to (the input form of an output-only schema, and so on) are left out.
 */
export const openapiTransformObject: SwaggerTransformObject = (input) => {
  const document = components(input);
  if (!('components' in document) || !document.components?.schemas) return document;
  const { components: all, ...rest } = document;
  const registered = all.schemas ?? {};
  const schemas = new Map(Object.entries(registered));
  const used = new Set<string>();
  const visit = (value: unknown) => {
    for (const match of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      const id = match[1]!;
      if (!used.has(id) && schemas.has(id)) {
        used.add(id);
        visit(schemas.get(id));
      }
    }
  };
  visit(rest);
  restoreBodyExamples(rest.paths);
  // The schemas object is the transform's own, made afresh for this document. A component's
  // `$id` and `$schema` would make each its own resource, in which the others' $refs do not resolve.
  for (const [id, schema] of schemas) {
    if (!used.has(id)) delete registered[id];
    else if (typeof schema === 'object' && schema !== null) registered[id] = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$id' && key !== '$schema'));
  }
  return document;
};

/** Several sets of problem codes as one: the codes every command on a stream shares, and a command's own. */
export function mergeProblems(...sets: readonly ProblemCodes[]): ProblemCodes {
  const merged: ProblemCodes = {};
  for (const status of PROBLEM_STATUSES) {
    const codes = [...new Set(sets.flatMap((set) => set[status] ?? []))];
    if (codes.length > 0) merged[status] = codes;
  }
  return merged;
}

/** Examples of bodies that are a component ($ref), into their request body's media, as @fastify/swagger writes them elsewhere. */
function restoreBodyExamples(paths: unknown): void {
  if (!isRecord(paths)) return;
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isRecord(operation)) continue;
      const examples = operation[BODY_EXAMPLES];
      if (!Array.isArray(examples)) continue;
      delete operation[BODY_EXAMPLES];
      const content = isRecord(operation.requestBody) && isRecord(operation.requestBody.content) ? operation.requestBody.content : {};
      for (const media of Object.values(content)) {
        if (!isRecord(media)) continue;
        if (examples.length === 1) media.example = examples[0];
        else media.examples = Object.fromEntries(examples.map((value, n) => [`example${n + 1}`, { value }]));
      }
    }
  }
}
