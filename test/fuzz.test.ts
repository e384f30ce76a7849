/**
 * No operation answers 5xx to anything a client can send. For every operation in the OpenAPI
 * document, fast-check generates requests — path parameters (ids that exist, UUIDs that do not,
 * junk, unicode, invalid UTF-8, very long), query strings, headers (Idempotency-Key, content
 * types, x-request-id), bodies derived from the operation's own JSON schema and then bent (wrong
 * types, boundary numbers, extra and missing fields, deep nesting, huge arrays, raw bytes) — under
 * every role's token and none, an expired one and a forged one, against a database seeded with a
 * little real data so that requests reach the deciders. The property: the status is below 500, and
 * every 4xx is `application/problem+json` with a `code`.
 *
 * Bounded: a fixed number of runs per operation from a fixed seed (FUZZ_SEED and FUZZ_RUNS
 * override them); a failure names the operation, the seed, the path to replay it and the smallest
 * request found.
 */
import { generateKeyPair, SignJWT } from 'jose';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, LOCAL_ISSUER } from '../src/identity/tokens.js';
import { newId } from '../src/ids.js';
import { createTestApp } from './support/app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let t: Awaited<ReturnType<typeof createTestApp>>;

// ---------------------------------------------------------------------------------------------
// The OpenAPI document, as far as the generator reads it

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
}

/** The operations, with the ones that end something (a journey, a seat, a draft) last, so the rest meet live state. */
function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const all = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
  const ending = (o: Operation) => /\/(close|erase|remove|leave|withdraw|approve|submit|enact|decide|sign)$/.test(o.path);
  return [...all.filter((o) => !ending(o)), ...all.filter(ending)];
}

// ---------------------------------------------------------------------------------------------
// The seeded state: ids that exist, by the name a parameter or field carries

const ids = {} as Record<
  | 'centre'
  | 'otherCentre'
  | 'citizen'
  | 'otherCitizen'
  | 'erasedCitizen'
  | 'goal'
  | 'booked'
  | 'requested'
  | 'offer'
  | 'slot'
  | 'seat'
  | 'meeting'
  | 'resolution'
  | 'budget'
  | 'line'
  | 'ballot'
  | 'partner'
  | 'agreement'
  | 'catalogueOffer'
  | 'sharing'
  | 'activity'
  | 'group'
  | 'milestone',
  string
>;
const tokens = {} as Record<string, string>;
const REPEATED_KEY = newId();

function existing(name: string): string[] {
  const byName: Record<string, string[]> = {
    centreId: [ids.centre, ids.otherCentre],
    citizenId: [ids.citizen, ids.otherCitizen, ids.erasedCitizen],
    goalId: [ids.goal],
    sessionId: [ids.booked, ids.requested],
    // A journey's offer, or a catalogue offer: both are called offerId where they are addressed.
    offerId: [ids.offer, ids.catalogueOffer],
    catalogueOfferId: [ids.catalogueOffer],
    partnerId: [ids.partner],
    agreementId: [ids.agreement],
    sharingId: [ids.sharing],
    activityId: [ids.activity],
    groupId: [ids.group],
    milestoneId: [ids.milestone],
    slotId: [ids.slot],
    seatId: [ids.seat, 'employee', 'citizen'],
    meetingId: [ids.meeting],
    resolutionId: [ids.resolution],
    budgetId: [ids.budget],
    lineId: [ids.line],
    ballotId: [ids.ballot],
    staffId: ['staff-1', 'staff-2'],
    memberId: ['emp-1', 'cit-1', 'part-1'],
    candidateId: ['staff-1', 'staff-2'],
    year: ['2027', '2026'],
  };
  return byName[name] ?? [];
}

/** A moment `days` from today at `time` UTC (09:00–14:45 UTC is within 07–21 Copenhagen time). */
function at(days: number, time: string): string {
  const d = new Date();
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h, m)).toISOString();
}

async function ok(who: string, method: 'POST' | 'PUT', url: string, body: object = {}) {
  const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, payload: body });
  if (response.statusCode >= 300) throw new Error(`set-up: ${method} ${url} as ${who} answered ${response.statusCode}: ${response.body}\n${t.logLines.filter((l) => l.includes('request failed')).slice(-1).join('')}`);
  return response.json();
}

async function seed() {
  tokens.admin = await t.token('admin', undefined, 'admin-1');
  tokens.researcher = await t.token('researcher', undefined, 'researcher-1');
  tokens.auditor = await t.token('auditor', undefined, 'auditor-1');
  ids.centre = (await ok('admin', 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' })).centreId;
  ids.otherCentre = (await ok('admin', 'POST', '/centres', { municipalityCode: '461', name: 'Virkelyst Odense' })).centreId;
  const c = ids.centre;
  tokens.staff = await t.token('staff', c, 'staff-1');
  tokens.otherStaff = await t.token('staff', ids.otherCentre, 'staff-b');
  tokens.partner = await t.token('partner', c, 'partner-1');
  tokens.boardMember = await t.token('board_member', c, 'emp-1');
  tokens.citizenMember = await t.token('board_member', c, 'cit-1');
  tokens.partnerMember = await t.token('board_member', c, 'part-1');

  await ok('admin', 'POST', `/centres/${c}/board`);
  ids.seat = (await ok('admin', 'POST', `/centres/${c}/board/seats`, { organisation: 'Dansk Erhverv' })).created.seatId;
  await ok('admin', 'POST', `/centres/${c}/board/seats/employee/member`, { memberId: 'emp-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `/centres/${c}/board/seats/citizen/member`, { memberId: 'cit-1', how: 'elected', from: '2026-10-01' });
  await ok('admin', 'POST', `/centres/${c}/board/seats/${ids.seat}/member`, { memberId: 'part-1', how: 'appointed', from: '2026-10-01' });
  ids.meeting = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings`, { at: '2026-12-01T17:00:00+01:00', agenda: ['Budget 2027'] })).created.meetingId;
  await ok('boardMember', 'POST', `/centres/${c}/board/meetings/${ids.meeting}/attendance`, { present: ['emp-1', 'cit-1', 'part-1'] });
  ids.resolution = (await ok('boardMember', 'POST', `/centres/${c}/board/meetings/${ids.meeting}/resolutions`, { title: 'Sommerskole', subject: { kind: 'general' } })).created.resolutionId;
  await ok('boardMember', 'POST', `/centres/${c}/board/resolutions/${ids.resolution}/votes`, { choice: 'for' });

  ids.budget = (await ok('boardMember', 'POST', `/centres/${c}/budgets`, { fiscalYear: 2027, kind: 'annual' })).created.budgetId;
  ids.line = (await ok('boardMember', 'POST', `/budgets/${ids.budget}/lines`, { financeAccount: '17411110', standardAccount: '18', nature: 'expenditure', description: 'Løn til vejledere', amounts: { '2027': 100_000_00 } })).created.lineId;

  ids.ballot = (await ok('staff', 'POST', `/centres/${c}/spokesperson-ballots`, { candidates: ['staff-1', 'staff-2'], closesAt: at(3, '12:00') })).created.ballotId;

  const bookedSlot = (await ok('staff', 'POST', '/calendars/staff-1/slots', { start: at(2, '09:00'), durationMinutes: 45, channels: ['video', 'phone'] })).slotId as string;
  ids.slot = (await ok('staff', 'POST', '/calendars/staff-1/slots', { start: at(2, '11:00'), durationMinutes: 45, channels: ['video', 'phone'] })).slotId as string;

  for (const who of ['citizen', 'otherCitizen', 'erasedCitizen'] as const) {
    ids[who] = newId();
    tokens[who] = await t.token('citizen', undefined, ids[who]);
  }
  const j = `/journeys/${ids.citizen}`;
  await ok('citizen', 'POST', '/journeys', { centreId: c, alias: 'Kirsten' });
  ids.goal = (await ok('citizen', 'POST', `${j}/goals`, { text: 'Åbne et bageri', category: 'own_business' })).created.goalId;
  ids.requested = (await ok('citizen', 'POST', `${j}/session-requests`, { channel: 'phone', wishes: 'Gerne en formiddag' })).created.sessionId;
  ids.booked = (await ok('citizen', 'POST', `${j}/sessions`, { staffId: 'staff-1', slotId: bookedSlot, channel: 'video' })).created.sessionId;
  ids.offer = (await ok('staff', 'POST', `${j}/offers`, { offer: { source: 'centre', kind: 'coaching' }, information: 'Ugentlig coaching; du kan stoppe når som helst.' })).created.offerId;
  await ok('otherCitizen', 'POST', '/journeys', { centreId: ids.otherCentre });
  await ok('erasedCitizen', 'POST', '/journeys', { centreId: c, alias: 'Bo' });
  await ok('admin', 'POST', `/admin/citizens/${ids.erasedCitizen}/erase`);

  // Issue 13: a partner whose own people the partner token is, its agreement and offer, a referral, an activity, a group, a track.
  ids.partner = (await ok('staff', 'POST', '/partners', { centreId: c, kind: 'sports_club', name: 'Fitness Fyn', contact: { name: 'Mette Holm' } })).partnerId;
  tokens.partner = await t.token('partner', undefined, 'partner-1', ids.partner);
  const day = (days: number) => at(days, '10:00').slice(0, 10);
  const signatories = [
    { side: 'partner', name: 'Mette Holm' },
    { side: 'centre', name: 'Jens Jensen' },
  ];
  ids.agreement = (await ok('staff', 'POST', `/partners/${ids.partner}/agreements`, { centreId: c, scope: 'Motion.', offerKinds: ['physical_activity_and_health'], startDate: day(-10), endDate: day(300), documentSha256: 'a'.repeat(64), signatories })).agreementId;
  const content = { kind: 'physical_activity_and_health', title: 'Løb for alle', description: 'Vi løber sammen.', channels: ['in_person'], municipalityCode: '101', place: 'Fælledparken', capacity: 5 };
  ids.catalogueOffer = (await ok('partner', 'POST', '/catalogue/offers', { centreId: c, partnerId: ids.partner, agreementId: ids.agreement, content })).offerId;
  ids.sharing = (await ok('citizen', 'POST', `${j}/referrals`, { partnerId: ids.partner, purpose: 'referral_to_offer', catalogueOfferId: ids.catalogueOffer, fields: ['name'], until: day(30) })).created.sharingId;
  ids.activity = (await ok('staff', 'POST', `/centres/${c}/activities`, { kind: 'workshop', title: 'CV-værksted', start: at(2, '12:00'), end: at(2, '13:00'), where: { place: 'Salen' }, capacity: 2 })).activityId;
  ids.group = (await ok('citizen', 'POST', `/centres/${c}/groups`, { kind: 'citizen_to_citizen', name: 'Iværksættere' })).groupId;
  await ok('citizen', 'POST', `/ventures/${ids.citizen}/join`, { centreId: c });
  ids.milestone = (await ok('citizen', 'POST', `/ventures/${ids.citizen}/milestones`, { text: 'Finde et lokale' })).created.milestoneId;

  // Tokens that must not get in: expired, signed by a stranger's key, and not a token at all.
  tokens.expired = await new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'EdDSA', kid: t.key.kid })
    .setSubject('admin-1')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(t.key.privateKey);
  const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  tokens.forged = await new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'EdDSA', kid: t.key.kid })
    .setSubject('admin-1')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('1h')
    .sign(stranger.privateKey);
}

// ---------------------------------------------------------------------------------------------
// Values

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** Text of every kind: plain, any unicode (lone surrogates and NUL included), long. */
const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', ' ', 'null', 'undefined', '0', '-1', '1e400', 'NaN', '../..', '%', '%00', '\u0000', '\uD800', '\uDFFF', '😀', 'ø', 'Ä\u0301', '\u202E', '<script>', "'; drop table events; --", '{}', '[]'),
  fc.nat({ max: 6000 }).map((n) => 'x'.repeat(n)),
);

const moment: fc.Arbitrary<string> = fc.oneof(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: -30, max: 30 }).map((days) => at(days, '10:00')),
  fc.constantFrom('2026-02-29T10:00:00Z', '2028-02-29T10:00:00+01:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '2027-13-01T00:00:00Z', '2027-01-01T24:00:00Z', '2027-01-01', '+275760-09-13T00:00:00Z', '2027-06-01T10:00:00-23:59', '0001-01-01T00:00:00+14:00', '0001-01-01T00:00:00+23:59', '9999-12-31T23:59:59-23:59', '2027-06-01T10:00:00.123456789123Z', '2027-06-30T23:59:60Z', '1969-12-31T23:59:59.999Z'),
);
const day: fc.Arbitrary<string> = fc.oneof(
  moment.map((m) => m.slice(0, 10)),
  fc.constantFrom('2026-02-29', '0000-01-01', '0001-01-01', '9999-12-31', '2027-00-10', '2027-1-1'),
);

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  const inside = integer ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true });
  return fc.oneof(inside, fc.constantFrom(min, max, min - 1, max + 1, 0, -0, 0.5, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e308, -1e308));
}

/** A value the schema accepts, mostly, with its boundaries; ids and names from the seeded state where the name says so. */
/** The document's reusable schemas, which bodies point to with `$ref`. */
let components: Record<string, Schema> = {};

function valueOf(schema: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = components[schema.$ref.split('/').pop()!];
    if (!target) throw new Error(`the document has no ${schema.$ref}`);
    return valueOf(target, name, depth);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => valueOf(s, name, depth)));
  if (schema.allOf?.[0]) return valueOf(Object.assign({}, ...schema.allOf), name, depth);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['string', 'number', 'object'];
  if (types.length > 1) return fc.oneof(...types.map((type) => valueOf({ ...schema, type }, name, depth)));
  const known = existing(name);
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return name === 'fiscalYear' ? fc.oneof(fc.constantFrom(2026, 2027, 2028), numberOf(schema, true)) : numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'array':
      return fc.array(schema.items ? valueOf(schema.items, name.replace(/s$/, ''), depth + 1) : fc.anything(), {
        minLength: schema.minItems ?? 0,
        // Short arrays, but never shorter than the schema's least (the WHO-5's five answers).
        maxLength: Math.max(Math.min(schema.maxItems ?? 4, 4), schema.minItems ?? 0),
      });
    case 'object': {
      if (depth > 6) return fc.constant({});
      const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, valueOf(s, k, depth + 1)]));
      const record = fc.record(props, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
      if (typeof schema.additionalProperties !== 'object') return record;
      const keys = schema.propertyNames ? valueOf(schema.propertyNames, name, depth + 1).map(String) : fc.string({ maxLength: 8 });
      const extra = fc.dictionary(keys, valueOf(schema.additionalProperties, name, depth + 1), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
    }
    default: {
      // strings
      if (schema.format === 'date-time') return moment;
      if (schema.format === 'date') return day;
      if (schema.pattern === UUID_PATTERN) return fc.oneof(...(known.length ? [fc.constantFrom(...known)] : []), fc.uuid({ version: 7 }), fc.uuid());
      if (schema.pattern) {
        const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 10_000));
        return known.length ? fc.oneof(fc.constantFrom(...known), matching) : matching;
      }
      if (known.length) return fc.oneof(fc.constantFrom(...known), fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 20 }));
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ unit: 'grapheme', minLength, maxLength }),
        fc.constantFrom('Lære at svejse', 'Ugentlig coaching', 'skal møde', 'sanktion', 'stille til rådighed').filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? 1e9)),
        ...(schema.maxLength ? [fc.constant('y'.repeat(schema.maxLength)), fc.constant('y'.repeat(schema.maxLength + 1))] : []),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bending a valid-shaped body

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path to a value inside `value`, the root included. */
function pathsIn(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsIn(v, [...prefix, i])));
  if (isObject(value)) return here.concat(...Object.entries(value).map(([k, v]) => pathsIn(v, [...prefix, k])));
  return here;
}
function replaceAt(value: Json, path: (string | number)[], make: (old: Json) => Json): Json {
  if (path.length === 0) return make(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, make) : v));
  if (isObject(value)) return { ...value, [head!]: replaceAt(value[head!], rest, make) };
  return value;
}
function nested(depth: number, kind: 'array' | 'object'): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

type Bend =
  | { kind: 'as is' }
  | { kind: 'wrong type'; at: number; value: Json }
  | { kind: 'boundary number'; at: number; value: number }
  | { kind: 'extra field'; at: number; key: string; value: Json }
  | { kind: 'missing field'; at: number }
  | { kind: 'deep nesting'; at: number; depth: number; shape: 'array' | 'object' }
  | { kind: 'huge array'; at: number; length: number };

const bend: fc.Arbitrary<Bend> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'as is' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wrong type' as const), at: fc.nat(), value: fc.anything({ maxDepth: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('boundary number' as const), at: fc.nat(), value: fc.constantFrom(-1, 0, -0, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e21, 1e308, -1e308, 5e-324) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra field' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom('mandatory', 'deadline', 'sanction', 'benefitStatus', 'constructor', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 6 })), value: fc.anything({ maxDepth: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('missing field' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep nesting' as const), at: fc.nat(), depth: fc.constantFrom(20, 600, 1500), shape: fc.constantFrom('array' as const, 'object' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge array' as const), at: fc.nat(), length: fc.constantFrom(1000, 3000) }) },
);

function bent(body: Json, how: Bend): Json {
  if (how.kind === 'as is') return body;
  const paths = pathsIn(body);
  const pick = (at: number, among = paths) => among[at % among.length] ?? [];
  switch (how.kind) {
    case 'wrong type':
      return replaceAt(body, pick(how.at), () => how.value);
    case 'boundary number': {
      const numbers = paths.filter((p) => typeof p.reduce<Json>((v, k) => (v as Record<string, Json>)[k], body) === 'number');
      return numbers.length ? replaceAt(body, pick(how.at, numbers), () => how.value) : body;
    }
    case 'extra field': {
      const objects = paths.filter((p) => isObject(p.reduce<Json>((v, k) => (v as Record<string, Json>)[k], body)));
      return objects.length ? replaceAt(body, pick(how.at, objects), (o) => ({ ...(o as object), [how.key]: how.value })) : body;
    }
    case 'missing field': {
      const fields = paths.filter((p) => typeof p[p.length - 1] === 'string');
      if (!fields.length) return body;
      const path = pick(how.at, fields);
      const key = path[path.length - 1] as string;
      return replaceAt(body, path.slice(0, -1), (o) => Object.fromEntries(Object.entries(o as object).filter(([k]) => k !== key)));
    }
    case 'deep nesting':
      return replaceAt(body, pick(how.at), () => nested(how.depth, how.shape));
    case 'huge array':
      return replaceAt(body, pick(how.at), (old) => Array.from({ length: how.length }, () => (typeof old === 'string' ? 'x' : old === undefined ? 1 : old)).slice(0, how.length));
  }
}

/** Bodies as bytes on the wire: JSON of the bent value, or something that is not quite JSON. */
const rawBody: fc.Arbitrary<string | Buffer> = fc.constantFrom<string | Buffer>(
  '',
  'null',
  '[]',
  '"text"',
  '0',
  '{"not": json',
  '{"a":1}{"b":2}',
  '\uFEFF{}',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"admin": true}}}',
  '{"amounts": {"2027": 1e400}}',
  '{"n": 123456789012345678901234567890}',
  '{"a":"x","a":"y"}',
  Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), // {"text":"<invalid UTF-8>"}
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
);

// ---------------------------------------------------------------------------------------------
// Requests

/** Percent-encodes UTF-16 as WTF-8, so a lone surrogate reaches the server as the bytes it would be. */
function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    let out = '';
    for (const unit of text) {
      const code = unit.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      else out += encodeURIComponent(unit);
    }
    return out;
  }
}

/** A path parameter as a client means it: an id that exists, or one that does not. */
const pathValue = (name: string, schema: Schema): fc.Arbitrary<string> => {
  const known = existing(name);
  const fromSchema = valueOf(schema, name).map((v) => percentEncoded(String(v)));
  return fc.oneof(
    { weight: 3, arbitrary: known.length ? fc.constantFrom(...known).map(percentEncoded) : fromSchema },
    { weight: 1, arbitrary: fromSchema },
    { weight: 1, arbitrary: fc.uuid().map(percentEncoded) },
  );
};
/** A path parameter that is not one: junk, unicode, invalid UTF-8, bad percent-encoding, very long. */
const pathJunk: fc.Arbitrary<string> = fc.oneof(
  junkText.map(percentEncoded),
  fc.constantFrom('%C3%28', '%FF', '%ED%A0%80', '%', '%G1', '%2F', '..', '.', 'ABCDEF00-0000-7000-8000-000000000000', '00000000-0000-0000-0000-000000000000'),
);

const queryField = (p: Parameter): fc.Arbitrary<string> => valueOf(p.schema, p.name).map((v) => `${p.name}=${percentEncoded(String(v))}`);
const queryJunk = (declared: Parameter[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('deadline=1', 'x=%00', 'sanction', '&&', '=x', '%', 'a=%FF', '__proto__=1', 'constructor[prototype]=1'),
    ...declared.map((p) =>
      fc.oneof(
        junkText.map((v) => `${p.name}=${percentEncoded(v)}`),
        fc.tuple(queryField(p), queryField(p)).map(([a, b]) => `${a}&${b}`),
        fc.constantFrom(p.name, `${p.name}=`, `${p.name}=%FF`, `${p.name}[a]=1`),
      ),
    ),
  );

const CALLERS = ['none', 'citizen', 'otherCitizen', 'erasedCitizen', 'staff', 'otherStaff', 'boardMember', 'citizenMember', 'partnerMember', 'admin', 'researcher', 'auditor', 'partner', 'expired', 'forged', 'garbage'] as const;
type Caller = (typeof CALLERS)[number];
/** Those who act somewhere in the seeded state come more often, so that requests reach the deciders. */
const caller: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Caller>('citizen', 'staff', 'boardMember', 'admin') },
  { weight: 2, arbitrary: fc.constantFrom(...CALLERS) },
);
const authorization = (who: Caller): string | undefined => (who === 'none' ? undefined : who === 'garbage' ? 'Bearer not.a.token' : `Bearer ${tokens[who]}`);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'] as const;
const OTHER_TYPES = ['APPLICATION/JSON', 'application/problem+json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', ';;;', ''] as const;

/** Headers a client means well with. */
const goodHeaders = fc.record(
  {
    'idempotency-key': fc.oneof({ weight: 4, arbitrary: fc.uuid({ version: 7 }) }, { weight: 1, arbitrary: fc.constant(REPEATED_KEY) }),
    'x-request-id': fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/),
    'x-correlation-id': fc.uuid(),
    accept: fc.constantFrom('*/*', 'application/json'),
  },
  { requiredKeys: [] },
);
/** One header that is not as it should be. */
const badHeader: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.constantFrom('retry-1', '', ' ', 'x'.repeat(300), REPEATED_KEY.toUpperCase()).map((v) => ({ 'idempotency-key': v })),
  fc.oneof(fc.string({ maxLength: 20 }).filter((v) => /^[\x20-\x7e]*$/.test(v)), fc.constant('r'.repeat(5000)), fc.constant('a b c')).map((v) => ({ 'x-request-id': v })),
  fc.constantFrom('corr-1', '', 'x'.repeat(200)).map((v) => ({ 'x-correlation-id': v })),
  fc.constantFrom('text/csv', 'image/svg+xml', 'application/xml', 'nothing/at-all').map((v) => ({ accept: v })),
  fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ', `Bearer ${'e'.repeat(4000)}`, 'bearer x.y.z', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbi0xIiwicm9sZSI6ImFkbWluIn0.').map((v) => ({ authorization: v })),
);

/** Which part of an otherwise well-meant request is bent, if any. */
type Bent = 'nothing' | 'path' | 'query' | 'headers' | 'body' | 'raw body' | 'content type';

interface Fuzzed {
  url: string;
  caller: Caller;
  bent: Bent;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

function requestOf(op: Operation): fc.Arbitrary<Fuzzed> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const bents: Bent[] = ['nothing', 'nothing', 'nothing', 'headers', 'raw body', 'content type'];
  if (pathParams.length) bents.push('path');
  bents.push('query');
  if (op.body) bents.push('body', 'body', 'body');
  return fc
    .record({
      bent: fc.constantFrom(...bents),
      params: fc.tuple(...pathParams.map((p) => pathValue(p.name, p.schema))),
      junkParam: fc.tuple(fc.nat(), pathJunk),
      query: fc.tuple(...queryParams.map((p) => fc.option(queryField(p), { nil: undefined }))),
      junkQuery: queryJunk(queryParams),
      headers: goodHeaders,
      badHeader,
      body: op.body ? valueOf(op.body, 'body') : fc.constant(undefined),
      bend,
      raw: rawBody,
      jsonType: fc.constantFrom(...JSON_TYPES),
      otherType: fc.constantFrom(...OTHER_TYPES),
      caller,
    })
    .map((g) => {
      const params = [...g.params];
      if (g.bent === 'path') params[g.junkParam[0] % params.length] = g.junkParam[1];
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => params[i++]!);
      const fields = g.query.filter((f): f is string => f !== undefined);
      if (g.bent === 'query') fields.push(g.junkQuery);
      // The caller's token is added when sending, so that a counterexample reads as a role, not a token.
      const headers: Record<string, string> = { ...g.headers, ...(g.bent === 'headers' ? g.badHeader : {}) };
      let payload: string | Buffer | undefined;
      if (g.bent === 'raw body') payload = g.raw;
      else if (g.body !== undefined) payload = JSON.stringify(g.bent === 'body' ? bent(g.body, g.bend) : g.body) ?? '';
      if (payload !== undefined || g.bent === 'content type') headers['content-type'] = g.bent === 'content type' || (g.bent === 'raw body' && g.junkParam[0] % 2 === 1) ? g.otherType : g.jsonType;
      return { url: fields.length ? `${path}?${fields.join('&')}` : path, caller: g.caller, bent: g.bent, headers, ...(payload !== undefined ? { payload } : {}) };
    });
}

let address = 0;
async function send(op: Operation, r: Fuzzed): Promise<LightMyRequestResponse> {
  // A fresh address each time, so the per-address limits do not turn the fuzz into a run of 429s.
  address++;
  const auth = authorization(r.caller);
  const options: InjectOptions = { method: op.method, url: r.url, headers: { ...(auth ? { authorization: auth } : {}), ...r.headers }, remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` };
  if (r.payload !== undefined) options.payload = r.payload;
  return t.app.inject(options);
}

/** The error the app logged for the last failed request: its type and where it was thrown (never its message). */
function loggedFailure(): string {
  const line = t.logLines.findLast((l) => l.includes('"request failed"'));
  if (!line) return '';
  const err = (JSON.parse(line) as { err?: { type?: string; stack?: string } }).err;
  const ours = (err?.stack ?? '').split('\n').filter((f) => f.includes('/src/')).slice(0, 3);
  return `\n      logged: ${err?.type ?? '?'} ${ours.map((f) => f.trim()).join(' ← ')}`;
}

/** What is wrong with an answer, or null. */
function wrongWith(op: Operation, response: LightMyRequestResponse): string | null {
  const type = String(response.headers['content-type'] ?? '');
  // Readiness is a probe: its 503 means "not ready yet", in problem+json, not a failure of the request.
  const probe = op.path === '/ready' && response.statusCode === 503;
  if (response.statusCode >= 500 && !probe) return `answered ${response.statusCode}: ${response.body.slice(0, 300)}${loggedFailure()}`;
  if (response.statusCode >= 400) {
    if (!type.startsWith('application/problem+json')) return `answered ${response.statusCode} as “${type}”, not application/problem+json`;
    let problem: { code?: unknown; errors?: { in?: unknown; field?: unknown }[] };
    try {
      problem = response.json();
    } catch {
      return `answered ${response.statusCode} with a body that is not JSON`;
    }
    if (typeof problem.code !== 'string' || problem.code === '') return `answered ${response.statusCode} with no code`;
    // A field is named where it was sent: never in a body the operation does not take.
    const misplaced = (problem.errors ?? []).find((e) => e.in === 'body' && !op.body);
    if (misplaced) return `answered ${response.statusCode} naming body field ${String(misplaced.field)}, but the operation takes no body: ${response.body.slice(0, 200)}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

let operations: Operation[];

beforeAll(async () => {
  t = await createTestApp();
  await seed();
  const document = t.app.swagger() as Parameters<typeof operationsOf>[0] & { components?: { schemas?: Record<string, Schema> } };
  components = document.components?.schemas ?? {};
  operations = operationsOf(document);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('a fuzz of every operation', () => {
  it('never answers 5xx, and every 4xx is problem+json with a code', async () => {
    expect(operations.length).toBeGreaterThan(60);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const op of operations) {
      try {
        await fc.assert(
          fc.asyncProperty(requestOf(op), async (r) => {
            const response = await send(op, r);
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            const wrong = wrongWith(op, response);
            if (wrong) throw new Error(`${wrong}\n      ${op.method} ${r.url} as ${r.caller} (bent: ${r.bent})`);
          }),
          { seed: SEED, numRuns: RUNS, includeErrorInReport: true, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
        );
      } catch (error) {
        failures.push(`${op.method} ${op.path}: ${(error instanceof Error ? error.message : String(error)).slice(0, 2500)}`);
      }
    }
    console.info(`fuzz: ${operations.length} operations × ${RUNS} runs, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(failures, `${failures.length} operations answered badly (seed ${SEED}; replay one with FUZZ_SEED):\n${failures.join('\n\n')}`).toEqual([]);
  }, 120_000);
});
