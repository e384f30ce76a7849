/**
 * What the app refuses before any route is found, answered to a browser as a page in its language
 * (never problem+json), and to the API as problem+json as before: too many requests, and a URL
 * that cannot be decoded. Nothing of the request is echoed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';

type App = Awaited<ReturnType<typeof createTestApp>>;

describe('refusals before routing, for pages and for the API', () => {
  let t: App;
  beforeAll(async () => {
    t = await createTestApp({ rateLimits: { windowMs: 60_000, writesPerPrincipal: 100, writesPerIp: 2, failedSignInsPerIp: 30 } });
  });
  afterAll(async () => t?.close());

  it('answers a browser that sends too many forms with a page that says to wait, in its language', async () => {
    const statuses: number[] = [];
    let last = await t.app.inject({ method: 'POST', url: '/log-ud', headers: { accept: 'text/html', 'accept-language': 'da' } });
    for (let i = 0; i < 3; i++) {
      statuses.push(last.statusCode);
      last = await t.app.inject({ method: 'POST', url: '/log-ud', headers: { accept: 'text/html', 'accept-language': i === 2 ? 'en' : 'da' } });
    }
    expect(statuses.slice(0, 2)).toEqual([303, 303]);
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toContain('<html lang="en">');
    expect(last.body).toContain('Too many attempts in a short time');
    expect(last.body).toContain(`Wait ${last.headers['retry-after']} seconds`);
    const danish = await t.app.inject({ method: 'POST', url: '/mine-sider/maal', headers: { accept: 'text/html', 'accept-language': 'da' } });
    expect(danish.statusCode).toBe(429);
    expect(danish.body).toContain('For mange forsøg på kort tid');
  });

  it('still answers the API with problem+json when it is past its limit', async () => {
    const answer = await t.app.inject({ method: 'POST', url: '/centres', headers: { accept: 'text/html', 'content-type': 'application/json' }, payload: '{}' });
    expect(answer.statusCode).toBe(429);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code: 'too_many_requests' });
  });

  it('answers an address that cannot be decoded with a page under the web’s paths, and problem+json under the API’s', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/mine-sider/%E0%A4%A', headers: { accept: 'text/html', 'accept-language': 'da' } });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Adressen kunne ikke læses');
    expect(page.body).not.toContain('%E0%A4%A');
    const api = await t.app.inject({ method: 'GET', url: '/journeys/%E0%A4%A/records', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ code: 'bad_url' });
  });
});
