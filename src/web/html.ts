/**
 * HTML that can only be built from escaped parts. `html\`…\`` escapes every interpolated value
 * unless it is already `Html` (another template, or `raw` for a trusted constant), so what a
 * person typed — a centre's name, a goal in the citizen's own words — can never become markup.
 * The result is a branded object, not a string: a page cannot be assembled by concatenating
 * strings, and a plain string handed where markup is expected is escaped, not trusted.
 */

const BRAND: unique symbol = Symbol('virkelyst.html');

/** Markup known to be safe: produced by `html`, or a trusted constant given to `raw`. */
export interface Html {
  readonly [BRAND]: true;
  /** The markup as text, for sending. */
  toString(): string;
}

/** What may be interpolated: text (escaped), numbers, markup, lists of these; nothing for null, undefined and false. */
export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

class Markup implements Html {
  readonly [BRAND] = true as const;
  constructor(private readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text made safe for an element's content and for a quoted attribute value. */
export function escapeText(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

export function isHtml(value: unknown): value is Html {
  return value instanceof Markup;
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (isHtml(value)) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'string') return escapeText(value);
  // numbers and `true`: their text has nothing to escape, but go through the same door.
  return escapeText(String(value));
}

/** The template tag: every value interpolated is escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/**
 * Markup that is not escaped. Only for constants written in this code base (an icon's SVG, the
 * doctype); never for anything that came from a request, the log or a read model.
 */
export function raw(trusted: string): Html {
  return new Markup(trusted);
}

/** Several parts, one after the other. */
export function join(parts: readonly Interpolation[], separator: Html = raw('')): Html {
  return new Markup(parts.map(render).join(separator.toString()));
}

/** An attribute present or not: `attr('checked', on)` gives ` checked` or nothing; a value is escaped. */
export function attr(name: string, value: string | number | boolean | null | undefined): Html {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`not an attribute name: ${name}`);
  if (value === null || value === undefined || value === false) return raw('');
  if (value === true) return raw(` ${name}`);
  return raw(` ${name}="${escapeText(String(value))}"`);
}
