/**
 * The web UI, measured: server render time per page type at a steady 50 requests a second on
 * loopback (open loop: a request is sent every 20 ms whether or not the last one has answered, so
 * a slow page cannot slow the load down and hide itself), and the weight of the citizen's booking
 * pages (HTML, and the CSS and JavaScript they load, raw and gzipped).
 *
 * The server is the real one (`startServer`, as `npm start` runs it) on a database of its own;
 * what the pages show is made through the API first. Figures go to bench/results/web.json.
 *
 * Run: `npm run bench:web` (or as the last part of `npm run bench`). BENCH_WEB_SECONDS sets how
 * long each page type is loaded (default 6 s, 300 requests).
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/database/embedded.js';
import type { Principal, Role } from '../src/domain/shared/principal.js';
import { loadOrCreateLocalKey, mintLocalToken } from '../src/identity/tokens.js';
import { newId } from '../src/ids.js';
import { loadMasterKey } from '../src/privacy/vault.js';
import { startServer, webSessionKey } from '../src/server.js';
import { newSession, sealSession, SESSION_COOKIE } from '../src/web/session.js';

const RATE = 50;
const SECONDS = Number(process.env.BENCH_WEB_SECONDS ?? 6);

interface PageType {
  name: string;
  path: string;
  /** Who is signed in, if anyone. */
  as?: Principal;
  /** A page of the citizen's booking flow: its weight is measured too. */
  booking?: boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** One page type under a steady load; every answer must be a 200 page, or the figure is refused. */
async function load(url: string, type: PageType, cookie: string | undefined): Promise<{ p50: number; p95: number; max: number; requests: number }> {
  const headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'da' };
  if (cookie) headers.cookie = cookie;
  // Warm up: the first requests compile templates' code paths and fill connection pools.
  for (let i = 0; i < 20; i++) {
    const warm = await fetch(url + type.path, { headers, redirect: 'manual' });
    await warm.arrayBuffer();
    if (warm.status !== 200) throw new Error(`${type.name} (${type.path}) answered ${warm.status}`);
  }
  const total = RATE * SECONDS;
  const times: number[] = [];
  const failures: number[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      (async () => {
        const sent = performance.now();
        const response = await fetch(url + type.path, { headers, redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(response.status);
        times.push(performance.now() - sent);
      })(),
    );
  }
  await Promise.all(inFlight);
  if (failures.length > 0) throw new Error(`${type.name} (${type.path}) answered ${failures.length} times with something else than 200: ${[...new Set(failures)].join(', ')}`);
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1)!), requests: times.length };
}

/** A page and what it loads from us (stylesheets and scripts), in bytes, raw and gzipped. */
async function weight(url: string, type: PageType, cookie: string | undefined) {
  const headers: Record<string, string> = { accept: 'text/html', 'accept-language': 'da', ...(cookie ? { cookie } : {}) };
  const html = Buffer.from(await (await fetch(url + type.path, { headers })).arrayBuffer());
  const text = html.toString('utf8');
  const assets = [...text.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]!);
  let css = 0;
  let js = 0;
  let gz = gzipSync(html).length;
  for (const asset of assets) {
    const body = Buffer.from(await (await fetch(new URL(asset, url + type.path))).arrayBuffer());
    if (asset.endsWith('.css')) css += body.length;
    else js += body.length;
    gz += gzipSync(body).length;
  }
  return { html: html.length, css, js, total: html.length + css + js, gzipped: gz };
}

/** A port nobody listens on now (the config wants a real one). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function main() {
  let adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'virkelyst-bench-web-'));
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') });
    adminUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const name = `vbench_web_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;

  // The local development sign-in's pages, not an identity provider's: no OIDC_* from the environment.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OIDC_')));
  const config = loadConfig({ ...env, DATABASE_URL: databaseUrl.toString(), VIRKELYST_DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const running = await startServer(config);
  const url = running.url;
  try {
    const key = await loadOrCreateLocalKey(dataDir);
    const sessionKey = webSessionKey(await loadMasterKey(dataDir));
    const token = (role: Role, centreId?: string, sub: string = newId()) => mintLocalToken(key, { sub, role, ...(centreId ? { centreId } : {}) });
    const api = async (method: string, route: string, role: Role, body: unknown, centreId?: string, sub?: string) => {
      const response = await fetch(url + route, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role, centreId, sub)}`, 'idempotency-key': newId() },
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
      return response.json() as Promise<unknown>;
    };

    // What the pages show: a few centres, a citizen with a journey and a goal.
    let centreId = '';
    for (let i = 0; i < 5; i++) {
      const created = z.object({ centreId: z.string() }).parse(await api('POST', '/centres', 'admin', { name: `Bench-centret ${i + 1}`, municipalityCode: '101' }));
      centreId ||= created.centreId;
    }
    const citizenId = `bench-${newId().slice(0, 8)}`;
    await api('POST', '/journeys', 'citizen', { centreId, firstContact: 'self_service' }, undefined, citizenId);
    await api('POST', `/journeys/${citizenId}/goals`, 'citizen', { text: 'Et arbejde med mennesker' }, undefined, citizenId);
    // A counsellor with free times, one of them booked by the citizen (tomorrow at 10, Copenhagen).
    const staff: Principal = { id: 'bench-counsellor', role: 'staff', centreId };
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    const slots: string[] = [];
    for (const hour of ['10', '11', '13']) {
      const slot = z.object({ slotId: z.string() }).parse(await api('POST', `/calendars/${staff.id}/slots`, 'staff', { start: `${tomorrow}T${hour}:00:00+01:00`, durationMinutes: 45, channels: ['phone', 'video'] }, centreId, staff.id));
      slots.push(slot.slotId);
    }
    const booked = JSON.stringify(await api('POST', `/journeys/${citizenId}/sessions`, 'citizen', { staffId: staff.id, slotId: slots[0], channel: 'phone' }, undefined, citizenId));
    const sessionId = /"sessionId":"([^"]+)"/.exec(booked)?.[1];
    if (!sessionId) throw new Error(`booking answered without a session id: ${booked}`);
    const auditor: Principal = { id: 'bench-auditor', role: 'auditor' };
    const member: Principal = { id: 'bench-member', role: 'board_member', centreId };
    const admin: Principal = { id: 'bench-admin', role: 'admin' };
    await new Promise((r) => setTimeout(r, 500)); // the async read models follow the log

    const cookieFor = (principal: Principal | undefined) => (principal ? `${SESSION_COOKIE}=${sealSession(sessionKey, newSession(principal, Date.now()))}` : undefined);
    const citizen: Principal = { id: citizenId, role: 'citizen' };
    const types: PageType[] = [
      { name: 'public: the centres', path: '/' },
      { name: 'public: one centre', path: `/centre/${centreId}` },
      { name: 'public: accessibility statement', path: '/tilgaengelighed' },
      { name: 'sign-in (development)', path: '/log-ind' },
      { name: 'citizen: Mine sider', path: '/mine-sider', as: citizen },
      { name: 'citizen: a goal', path: '/mine-sider/maal', as: citizen },
      { name: 'citizen: everything recorded', path: '/mine-sider/optegnelser', as: citizen },
      { name: 'citizen: book, how (booking flow)', path: '/mine-sider/samtale', as: citizen, booking: true },
      { name: 'citizen: book, which day (booking flow)', path: '/mine-sider/samtale/dag?kanal=phone', as: citizen, booking: true },
      { name: 'citizen: book, which time (booking flow)', path: `/mine-sider/samtale/tid?kanal=phone&dag=${tomorrow}`, as: citizen, booking: true },
      { name: 'citizen: offers', path: '/mine-sider/tilbud', as: citizen },
      { name: 'citizen: consents and receipts', path: '/mine-sider/samtykker', as: citizen },
      { name: 'staff: Min dag', path: `/medarbejder?dato=${tomorrow}`, as: staff },
      { name: 'staff: record a held conversation', path: `/medarbejder/samtale/${sessionId}`, as: staff },
      { name: 'staff: free times', path: '/medarbejder/tider', as: staff },
      { name: 'staff: offers in numbers', path: '/medarbejder/tilbudsoversigt', as: staff },
      { name: 'staff: a citizen', path: `/medarbejder/borger/${citizenId}`, as: staff },
      { name: 'auditor: audit', path: '/revision', as: auditor },
      { name: 'auditor: tree heads', path: '/revision/traehoveder', as: auditor },
      { name: 'public: the audit key', path: '/revision/noegle' },
      { name: 'public: approved budgets', path: `/centre/${centreId}/budgetter` },
      { name: 'public: adopted resolutions', path: `/centre/${centreId}/beslutninger` },
      { name: 'public: signed minutes', path: `/centre/${centreId}/referater` },
      { name: 'board: the board', path: '/bestyrelse', as: member },
      { name: 'board: meetings', path: '/bestyrelse/moeder', as: member },
      { name: 'board: budgets', path: '/bestyrelse/budgetter', as: member },
      { name: 'admin: the centres', path: '/administration', as: admin },
      { name: 'admin: a centre and its board', path: `/administration/centre/${centreId}`, as: admin },
      { name: 'staff: opening hours', path: '/medarbejder/aabningstider', as: staff },
    ];

    console.log(`web pages on ${url}; ${RATE} requests/s for ${SECONDS} s per page type; ${os.cpus().length} cores; Node ${process.version}`);
    const renders: Record<string, unknown> = {};
    for (const type of types) {
      const figures = await load(url, type, cookieFor(type.as));
      renders[type.name] = { path: type.path.replace(centreId, ':id').replace(sessionId, ':sessionId').replace(citizenId, ':citizenId').replace(tomorrow, ':day'), ...figures };
      console.log(`${type.name.padEnd(44)} p50 ${String(figures.p50).padStart(6)} ms   p95 ${String(figures.p95).padStart(6)} ms   max ${String(figures.max).padStart(6)} ms   (${figures.requests} requests)`);
    }
    const weights: Record<string, unknown> = {};
    console.log('\npage weight of the citizen booking pages (bytes):');
    for (const type of types.filter((t) => t.booking)) {
      const w = await weight(url, type, cookieFor(type.as));
      weights[type.name] = w;
      console.log(`${type.name.padEnd(44)} HTML ${w.html}, CSS ${w.css}, JS ${w.js}: ${w.total} in all, ${w.gzipped} gzipped`);
    }
    // The staff flow's action count needs a browser: test/browser/staff.test.ts counts every click
    // and field as it records a held conversation, asserts at most 10, and prints the figure.
    console.log('\nstaff: actions to record a held conversation: counted in a real browser by test/browser/staff.test.ts (npm test prints "[virkelyst benchmark] staff: …")');
    const out = { at: new Date().toISOString(), node: process.version, cores: os.cpus().length, ratePerSecond: RATE, secondsPerPage: SECONDS, renders, weights };
    await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
    await fs.writeFile(path.join(import.meta.dirname, 'results', 'web.json'), JSON.stringify(out, null, 2) + '\n');
    console.log('\nwritten to bench/results/web.json');
  } finally {
    await running.stop();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
    await stopEmbedded?.();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
