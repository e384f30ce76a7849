/**
 * A browser for fastify's inject: it keeps the cookies the app sets and sends them back, so page
 * tests walk the web UI as a person would (sign in, get a form, send it), without a real browser.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** A hidden field's value in a page (the CSRF token, the idempotency key, …). */
export const field = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1];

/**
 * The fields an error summary links to that the page does not have: each `href="#x"` in the
 * summary must lead to an element with `id="x"`, or the link goes nowhere for the person reading it.
 */
export function summaryLinksGoingNowhere(body: string): string[] {
  const summary = /data-module="error-summary"[\s\S]*?<\/ul>/.exec(body)?.[0];
  if (!summary) return [];
  const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  return targets.filter((id) => !body.includes(`id="${id}"`));
}

export class InjectBrowser {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had one. */
  lastCsrf = '';
  /** `app`: the app to ask (a function, as test files make theirs in `beforeAll`). */
  constructor(
    private readonly app: () => FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app().inject({ ...options, headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) } });
    const set = response.headers['set-cookie'];
    for (const line of set === undefined ? [] : Array.isArray(set) ? set : [set]) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    const token = field(response.body, '_csrf');
    if (token) this.lastCsrf = token;
    // Every page a test walks through is held to this, not only the ones a test looks at.
    const nowhere = summaryLinksGoingNowhere(response.body);
    if (nowhere.length > 0) throw new Error(`${options.method ?? 'GET'} ${options.url}: the error summary links to ${nowhere.map((id) => `#${id}`).join(', ')}, which the page does not have`);
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  /** A form post, as a browser sends it: exactly these fields. */
  post(url: string, fields: Record<string, string | string[]>) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
    return this.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
  }

  /** Sends the form a page holds (its CSRF token and idempotency key) with these answers. */
  submit(page: LightMyRequestResponse, action: string, fields: Record<string, string> = {}) {
    const key = field(page.body, 'idempotencyKey');
    return this.post(action, { _csrf: field(page.body, '_csrf') ?? '', ...(key ? { idempotencyKey: key } : {}), ...fields });
  }
}
