/**
 * A browser for fastify's inject: it keeps the cookies the app sets and sends them back, so page
 * tests walk the web UI as a person would (sign in, get a form, send it), without a real browser.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** A hidden field's value in a page (the CSRF token, the idempotency key, …). */
export const field = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1];

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
