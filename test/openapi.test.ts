/**
 * The OpenAPI document is good enough to generate a client from: Redocly's recommended lint
 * passes with nothing to report, every operation is named, every answer has a schema, every
 * error is problem+json, and every request body's examples are valid and accepted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema?: Json; example?: Json; examples?: Record<string, { value: Json }> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Json }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
  servers?: { url: string }[];
  info: { version: string };
  tags?: { name: string; description?: string }[];
}

let t: Awaited<ReturnType<typeof createTestApp>>;
let doc: Document;
const METHODS = ['GET', 'POST', 'PUT'] as const;
type Method = (typeof METHODS)[number];
const isMethod = (method: string): method is Method => METHODS.some((m) => m === method);
let operations: { method: Method; path: string; operation: Operation }[];

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document;
  operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).flatMap(([name, operation]) => {
      const method = name.toUpperCase();
      if (!isMethod(method)) throw new Error(`an operation with method ${name}`);
      return [{ method, path: p, operation }];
    }),
  );
});
afterAll(async () => {
  await t?.close();
});

/** Runs `npx redocly lint` on a file with the repository's redocly.yaml; its JSON report. */
async function redoclyLint(file: string): Promise<{ problems: { ruleId: string; severity: string; message: string; location?: { pointer?: string }[] }[] }> {
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn('npx', ['redocly', 'lint', file, '--format=json', '--config', path.join(root, 'redocly.yaml')], { cwd: root, env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off' } });
  let stdout = '';
  // Node 20 prints a deprecation banner on stderr; the report is on stdout.
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.resume();
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}

/** Every schema object inside a schema, following $refs into components once each. */
function* schemasIn(schema: Json, seen = new Set<string>()): Generator<Json> {
  if (schema === null || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    for (const s of schema) yield* schemasIn(s, seen);
    return;
  }
  yield schema;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const id = ref.replace('#/components/schemas/', '');
    if (!seen.has(id)) {
      seen.add(id);
      yield* schemasIn(doc.components.schemas[id] ?? null, seen);
    }
  }
  for (const key of ['properties', 'patternProperties', '$defs'] as const) {
    const group = schema[key];
    if (group && typeof group === 'object' && !Array.isArray(group)) for (const s of Object.values(group)) yield* schemasIn(s, seen);
  }
  for (const key of ['items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'not'] as const) {
    if (schema[key] !== undefined && typeof schema[key] !== 'boolean') yield* schemasIn(schema[key], seen);
  }
}

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended lint with no errors and no warnings', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-openapi-'));
    const file = path.join(dir, 'openapi.json');
    await fs.writeFile(file, JSON.stringify(t.app.swagger(), null, 2));
    try {
      const report = await redoclyLint(file);
      expect(report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? ''}`)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('names every operation once, in camelCase', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(operations.filter(({ operation }) => !operation.operationId).map(({ method, path: p }) => `${method} ${p}`)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z]+$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['startJourney', 'bookSession', 'getBoard', 'listCentres', 'establishCentre']));
  });

  it('gives every success a schema, with no empty schema in it', () => {
    const missing: string[] = [];
    for (const { method, path: p, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) missing.push(`${method} ${p} ${status}: no content`);
        for (const [type, { schema }] of media) {
          if (!schema) missing.push(`${method} ${p} ${status} ${type}: no schema`);
          for (const s of schemasIn(schema ?? null)) if (s && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).length === 0) missing.push(`${method} ${p} ${status} ${type}: an empty schema`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares every error as application/problem+json with the Problem schema and its codes', () => {
    const wrong: string[] = [];
    for (const { method, path: p, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const types = Object.keys(response.content ?? {});
        if (types.join() !== 'application/problem+json') wrong.push(`${method} ${p} ${status}: ${types.join()}`);
        if (JSON.stringify(response.content?.['application/problem+json']?.schema) !== '{"$ref":"#/components/schemas/Problem"}') wrong.push(`${method} ${p} ${status}: not the Problem component`);
        if (!/Problem codes: `[a-z_]+`/.test(response.description)) wrong.push(`${method} ${p} ${status}: no codes`);
      }
      const statuses = Object.keys(operation.responses);
      if (method === 'GET') for (const s of ['409', '413', '415', '422']) if (statuses.includes(s)) wrong.push(`${method} ${p} declares ${s}`);
      if (method !== 'GET' && !statuses.includes('429')) wrong.push(`${method} ${p}: no 429`);
      if (p !== '/health' && !statuses.includes('503')) wrong.push(`${method} ${p}: no 503`);
      // A route that never reads a token never answers 401.
      if ((operation.security ?? []).every((requirement) => Object.keys(requirement).length === 0) && statuses.includes('401')) wrong.push(`${method} ${p}: 401 on a public route`);
    }
    expect(wrong).toEqual([]);
    expect(doc.paths['/centres']!.post!.responses['400']!.description).toContain('`validation_failed`');
    expect(doc.paths['/centres']!.post!.responses['409']!.description).toContain('`centre_exists`');
    expect(doc.paths['/journeys/{citizenId}/offers']!.post!.responses['400']!.description).toContain('`coercive_wording`');
  });

  it('keeps shared schemas once, under components, and refers to them', () => {
    for (const id of ['Problem', 'OpeningHours', 'Centre', 'Board', 'Budget', 'BudgetLine']) expect(Object.keys(doc.components.schemas)).toContain(id);
    const centres = JSON.stringify(doc.paths['/centres']!.get!.responses['200']);
    expect(centres).toContain('#/components/schemas/Centre');
    expect(JSON.stringify(doc.paths['/centres/{centreId}/budget-history']!.get!.responses['200'])).toContain('#/components/schemas/Budget');
    // Each schema once: a component's body is not repeated inline elsewhere.
    const centre = JSON.stringify(doc.components.schemas.Centre);
    expect(JSON.stringify(doc.paths).includes(centre)).toBe(false);
  });

  it('says where it is served, what version it is, and what each tag is about', async () => {
    const { version } = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(doc.info.version).toBe(version);
    expect(doc.servers?.length).toBeGreaterThan(0);
    const used = new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((o) => (o as { tags?: string[] }).tags ?? [])));
    for (const tag of used) expect(doc.tags?.find((x) => x.name === tag)?.description).toBeTruthy();
  });

  it('has an example for every request body, and the API does not refuse any example as invalid', async () => {
    const admin = await t.token('admin');
    const refused: string[] = [];
    let posted = 0;
    for (const { method, path: p, operation } of operations) {
      if (!operation.requestBody) continue;
      // One example is published as `example`, several as `examples`.
      const media = operation.requestBody.content['application/json'];
      const examples = media?.example !== undefined ? [{ value: media.example }] : Object.values(media?.examples ?? {});
      if (examples.length === 0) refused.push(`${method} ${p}: no example`);
      // Path parameters the schemas accept; the thing they name need not exist (a 404 is fine here).
      const url = p.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'role' ? 'chair' : name === 'seatId' ? 'employee' : name === 'year' ? '2028' : name === 'item' ? '1' : '019a2051-0000-7000-8000-000000000001'));
      for (const { value } of examples) {
        const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload: JSON.stringify(value) });
        posted++;
        const code = response.statusCode === 400 ? (response.json() as { code: string }).code : null;
        // Domain checks (a time that has passed, coercive wording) may still refuse; the schema must not.
        if (code === 'validation_failed' || code === 'unstorable_text' || code === 'malformed_json') refused.push(`${method} ${p}: ${response.body}`);
        expect(response.statusCode).toBeLessThan(500);
      }
    }
    expect(refused).toEqual([]);
    expect(posted).toBeGreaterThan(50);
  });
});
