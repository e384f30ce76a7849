/**
 * The one way a command comes in over HTTP. A route names its URL, its strict params and body, the
 * ids it creates, and either a typed command factory (one decider, through the handler) or a
 * process from src/commands (several streams, or the vault). The helper adds what every command
 * route shares: the Idempotency-Key as command id, ids derived from it (so a retry names the same
 * new things and answers the same `created`), the signed-in principal, the edge's clock, the
 * house's headers and errors, and a mark in the OpenAPI document that the route came through here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandContext, CommandHandler, CommandResult } from '../commands/handler.js';
import type { CommandEnvelope, Decider, DomainEvent } from '../domain/shared/decider.js';
import { Forbidden } from '../domain/shared/errors.js';
import type { Principal } from '../domain/shared/principal.js';
import { derivedId } from '../ids.js';
import { type AuthenticatedContext, principalOf } from './auth.js';
import { commandContext, commandHeaders, nowIso } from './command.js';
import { type ProblemCodes, SIGNED_IN, type Tag } from './openapi.js';
import { commandResultSchema } from './schemas.js';

/** The body size any command route takes (the server's default limit): a larger one is read only for a signed-in caller. */
const USUAL_BODY_LIMIT = 256 * 1024;

/** The OpenAPI extension every command route carries: how it runs. Tests check that no command route lacks it. */
export const COMMAND_MARK = 'x-virkelyst-command';
declare module 'fastify' {
  interface FastifySchema {
    [COMMAND_MARK]?: 'decision' | 'process';
  }
}

/** A strict object, or none at all (`.optional()`, `.nullish()`): a route with no body. */
type Body = z.ZodType<Record<string, unknown> | null | undefined>;

/**
 * A command as a route builds it: its type, its data and the fields that address its stream
 * (`citizenId`, `staffId`); the edge adds the clock and the principal. Distributive, so a factory
 * returning `{ type: 'StateGoal', data }` is checked against StateGoal's data and no other.
 */
export type Built<C> = C extends unknown ? Omit<C, keyof CommandEnvelope> : never;

/** What every command route declares. `K` names the ids it creates. */
interface RouteSpec<P extends z.ZodObject, B extends Body, K extends string> {
  method?: 'POST' | 'PUT';
  url: string;
  /**
   * The operation's name in the OpenAPI document, and so in a generated client: the command in
   * camelCase (`bookSession`, `giveConsent`), unique across the API.
   */
  operationId: string;
  tag: Tag;
  summary: string;
  params: P;
  body: B;
  /** Realistic bodies for the document (Danish where a person writes); test/openapi.test.ts checks each against the schema. */
  examples: readonly [z.input<NoInfer<B>>, ...z.input<NoInfer<B>>[]];
  /** The domain's problem codes the command may answer, by status; the generic ones are added (see openapi.ts). */
  problems?: ProblemCodes;
  status?: 200 | 201;
  /** The ids this command creates: each derived from the command id, and answered as `created`. */
  creates?: readonly K[];
  /** Created ids the route also answers at the top level, as it always has (`centreId`, `slotId`). */
  topLevel?: readonly K[];
  /** Where the created thing can be read, as a Location header. */
  location?(created: Readonly<Record<K, string>>): string;
  /**
   * Leave the body out of the request's fingerprint. For a secret vote: the commands table keeps
   * every fingerprint, and a digest over the body could be matched against one of every candidate.
   */
  bodyOutOfFingerprint?: true;
  /** A larger body than the server's default (a document's bytes), in bytes. */
  bodyLimit?: number;
  /**
   * With `bodyLimit`: who may send a body larger than the usual one, judged from the token and the
   * path before the body is read (the decider still judges the command). Anyone else is a 403 at
   * once, so a token holder the route is not for cannot make the server read megabytes.
   */
  largeBodyFrom?: (principal: Principal, params: Readonly<Record<string, unknown>>) => boolean;
}

/** What a command factory or a process is given. */
export interface CommandInput<P extends z.ZodObject, B extends Body, K extends string> {
  params: z.infer<P>;
  body: z.infer<B>;
  principal: Principal;
  /** The id `label` (one of `creates`): derived from the command id, so a retry names the same thing. */
  newId(label: K): string;
  /**
   * The ids answered as `created`, each derived from the command id. A factory may name one that
   * follows from the command itself instead (a citizen's own id, a budget's id from its year and kind).
   */
  created: Record<K, string>;
}

/** A route that runs one command through the handler with one decider. */
export interface DecisionSpec<P extends z.ZodObject, B extends Body, K extends string, C> extends RouteSpec<P, B, K> {
  /**
   * The command's type, data and stream-addressing fields, typed against the decider's command
   * union: write the type `as const` (a generic call widens a bare literal), and the data is
   * checked against that one command's.
   */
  command(input: CommandInput<P, B, K>): Built<C> | Promise<Built<C>>;
}

/** A route that runs a process from src/commands (several streams appended together, or the vault). */
export interface ProcessSpec<P extends z.ZodObject, B extends Body, K extends string, X extends z.ZodRawShape> extends RouteSpec<P, B, K> {
  /** Fields the process answers besides the command's result (a vote's receipt). */
  answers?: X;
  process(input: CommandInput<P, B, K> & { now: string; context: CommandContext }): Promise<CommandResult & { [F in keyof NoInfer<X>]: z.output<NoInfer<X>[F]> }>;
}

/** The decider a decision route's commands go to, and the handler that runs them. */
export interface DecisionDeps<S, C extends CommandEnvelope, E extends DomainEvent> {
  handler: CommandHandler;
  decider: Decider<S, C, E>;
}

/** A POST or PUT that runs one command through the handler, with the house's headers and errors. */
export function commandRoute<P extends z.ZodObject, B extends Body, S, C extends CommandEnvelope, E extends DomainEvent, K extends string = never>(
  authed: AuthenticatedContext,
  deps: DecisionDeps<S, C, E>,
  spec: DecisionSpec<P, B, K, NoInfer<C>>,
): void;
/** A POST or PUT that runs a process from src/commands, with the house's headers and errors. */
export function commandRoute<P extends z.ZodObject, B extends Body, K extends string = never, X extends z.ZodRawShape = Record<never, never>>(
  authed: AuthenticatedContext,
  spec: ProcessSpec<P, B, K, X>,
): void;
export function commandRoute<P extends z.ZodObject, B extends Body, K extends string, S, C extends CommandEnvelope, E extends DomainEvent, X extends z.ZodRawShape>(
  authed: AuthenticatedContext,
  depsOrSpec: DecisionDeps<S, C, E> | ProcessSpec<P, B, K, X>,
  decisionSpec?: DecisionSpec<P, B, K, C>,
): void {
  const run = runnerOf(depsOrSpec, decisionSpec);
  authed.add((app) => register(app, run, authed));
}

/** The route itself, in the authenticated context: its schema, and the one way its handler runs. */
function register<P extends z.ZodObject, B extends Body, K extends string>(app: FastifyInstance, run: Runner<P, B, K>, authed: AuthenticatedContext): void {
  const spec = run.spec;
  const status = spec.status ?? 200;
  const creates = spec.creates ?? [];
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method ?? 'POST',
    url: spec.url,
    // A route that takes a large body checks the token before it reads one larger than any other
    // route takes: nobody unknown fills memory. A body of the usual size is read first, as on every
    // route, so that text that cannot be stored is named as such whoever sends it.
    ...(spec.bodyLimit
      ? {
          bodyLimit: spec.bodyLimit,
          onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
            if (Number(request.headers['content-length'] ?? 0) <= USUAL_BODY_LIMIT) return;
            await authed.authenticate(request, reply);
            if (spec.largeBodyFrom && !spec.largeBodyFrom(principalOf(request), request.params as Record<string, unknown>)) {
              throw new Forbidden(`a body over ${USUAL_BODY_LIMIT} bytes is not taken from this caller here`, { role: principalOf(request).role });
            }
          },
        }
      : {}),
    schema: {
      operationId: spec.operationId,
      tags: [spec.tag],
      summary: spec.summary,
      security: SIGNED_IN,
      headers: commandHeaders,
      params: spec.params,
      body: spec.body.meta({ examples: [...spec.examples] }),
      response: { [status]: answerSchema(creates, spec.topLevel ?? [], run.answers) },
      ...(spec.problems ? { problems: spec.problems } : {}),
      [COMMAND_MARK]: run.kind,
    },
    handler: async (request, reply) => {
      const context = commandContext(request, { body: !spec.bodyOutOfFingerprint });
      const created = deriveIds(creates, context.commandId);
      const input: CommandInput<P, B, K> = {
        // The schemas above are P and B; the type provider cannot follow a generic schema to its output type.
        params: request.params as z.infer<P>,
        body: request.body as z.infer<B>,
        principal: principalOf(request),
        newId: (label) => created[label],
        created,
      };
      const result = await run.execute(input, context);
      const { streamId, version, duplicate, events, positions } = result;
      const extra = run.answers ? z.object(run.answers).parse(result) : {};
      const top = Object.fromEntries((spec.topLevel ?? []).map((key) => [key, created[key]]));
      const answer = { streamId, version, duplicate, events, positions, ...extra, ...top, ...(creates.length > 0 ? { created } : {}) };
      if (spec.location) reply.header('location', spec.location(created));
      // The schema names this route's success status; the type provider cannot follow a computed key.
      return (reply as FastifyReply).code(status).send(answer);
    },
  });
}

interface Runner<P extends z.ZodObject, B extends Body, K extends string> {
  kind: 'decision' | 'process';
  spec: RouteSpec<P, B, K>;
  answers: z.ZodRawShape | undefined;
  execute(input: CommandInput<P, B, K>, context: CommandContext): Promise<CommandResult>;
}

function runnerOf<P extends z.ZodObject, B extends Body, K extends string, S, C extends CommandEnvelope, E extends DomainEvent, X extends z.ZodRawShape>(
  depsOrSpec: DecisionDeps<S, C, E> | ProcessSpec<P, B, K, X>,
  decisionSpec: DecisionSpec<P, B, K, C> | undefined,
): Runner<P, B, K> {
  if ('process' in depsOrSpec) {
    const spec = depsOrSpec;
    return { kind: 'process', spec, answers: spec.answers, execute: (input, context) => spec.process({ ...input, now: nowIso(), context }) };
  }
  if (!decisionSpec) throw new Error('a decision route needs its spec');
  const { handler, decider } = depsOrSpec;
  return {
    kind: 'decision',
    spec: decisionSpec,
    answers: undefined,
    async execute(input, context) {
      const built = await decisionSpec.command(input);
      // The factory's command is checked against the union member its `type` names (Built<C>);
      // TypeScript cannot see that the envelope added back makes it that C again.
      const command = { ...built, now: nowIso(), principal: input.principal } as C;
      return handler.handle(decider, command, context);
    },
  };
}

/** Each id the command creates, derived from its command id: a retry derives the same. */
function deriveIds<K extends string>(labels: readonly K[], commandId: string): Record<K, string> {
  const ids: Partial<Record<K, string>> = {};
  for (const label of labels) ids[label] = derivedId(commandId, label);
  // Every label was given its id just above.
  return ids as Record<K, string>;
}

/**
 * The success answer: the command's result, any fields the process adds, and the created ids,
 * each named. One flat object in the document, as clients (and test/command-route.test.ts) read
 * it: `properties.created` on every command, rather than a $ref to CommandResult or an allOf.
 */
function answerSchema(creates: readonly string[], topLevel: readonly string[], answers: z.ZodRawShape | undefined) {
  const ids = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, z.string()]));
  const extra = {
    ...(answers ?? {}),
    ...ids(topLevel),
    ...(creates.length > 0 ? { created: z.object(ids(creates)).describe('The ids this command created; a retry with the same Idempotency-Key answers the same ones') } : {}),
  };
  return commandResultSchema.extend(extra);
}
