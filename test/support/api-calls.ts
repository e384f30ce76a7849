import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { newId } from '../../src/ids.js';
import type { createTestApp } from './app.js';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
export type Method = 'GET' | 'POST' | 'PUT';
/** The body of a refusal (application/problem+json). */
export type Problem = { code: string; errors?: { field: string; in: string }[] };

export interface ApiCallsOptions {
  /** Let the projections catch up before each GET that `ok` and `refused` send (off unless told). */
  settleBeforeGet?: boolean;
}

/**
 * The HTTP calls of an API test, as a role: `who` names a token in `tokens` (null calls without
 * one). `app` is read on each call, so it may be given before `createTestApp()` has answered.
 */
export function apiCalls(app: () => TestApp, tokens: Record<string, string>, options: ApiCallsOptions = {}) {
  const { settleBeforeGet = false } = options;

  /** A request with a bearer token for `who`, and a fresh idempotency key and a body ({} unless given) on all but a GET. */
  function request(who: string | null, method: Method, url: string, payload?: object): InjectOptions {
    return {
      method,
      url,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(method === 'GET' ? {} : { 'idempotency-key': newId() }) },
      ...(payload === undefined ? (method === 'GET' ? {} : { payload: {} }) : { payload }),
    };
  }

  /** A call that succeeds (a status below 300); its JSON answer. */
  async function ok(who: string | null, method: Method, url: string, payload?: object) {
    const t = app();
    if (settleBeforeGet && method === 'GET') await t.engine.settle();
    const response = await t.app.inject(request(who, method, url, payload));
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBeLessThan(300);
    return response.json();
  }

  /** A refused call: its status, problem+json, and nothing appended to the log; its problem. */
  async function refused(who: string | null, method: Method, url: string, status: number, payload?: object): Promise<Problem> {
    const t = app();
    if (settleBeforeGet && method === 'GET') await t.engine.settle();
    const before = await t.eventCount();
    const response = await t.app.inject(request(who, method, url, payload));
    expect(response.statusCode, `${method} ${url} as ${who}: ${response.body}`).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await t.eventCount()).toBe(before);
    return response.json() as Problem;
  }

  /** A citizen of a new id, with a token under `name`; their id. */
  async function citizen(name: string): Promise<string> {
    const id = newId();
    tokens[name] = await app().token('citizen', undefined, id);
    return id;
  }

  /**
   * An administrator (`admin`, admin-1) registers two centres, Virkelyst Odense (461) and Virkelyst
   * Nørrebro (101), with a member of staff of each (`staff`, staff-1; `otherStaff`, staff-b); their ids.
   */
  async function twoCentres(): Promise<{ centre: string; otherCentre: string }> {
    const t = app();
    tokens.admin = await t.token('admin', undefined, 'admin-1');
    const centre = (await ok('admin', 'POST', '/centres', { municipalityCode: '461', name: 'Virkelyst Odense' })).centreId as string;
    const otherCentre = (await ok('admin', 'POST', '/centres', { municipalityCode: '101', name: 'Virkelyst Nørrebro' })).centreId as string;
    tokens.staff = await t.token('staff', centre, 'staff-1');
    tokens.otherStaff = await t.token('staff', otherCentre, 'staff-b');
    return { centre, otherCentre };
  }

  return { request, ok, refused, citizen, twoCentres };
}
