/**
 * Payloads as the catalogue declares them: a check that walks an event's data (and metadata)
 * against its entry's fields, compiled once per type. Any field the entry does not declare is a
 * violation (a `mandatory` or a `deadline` slipped onto an offer), a personal field must be
 * sealed, and readable free text must hold no declared word of coercion.
 */
import { CATALOGUE, coerciveTermsIn, type FieldKind, type Shape, VALUES } from '../catalogue.js';

/** What an event's metadata may carry. */
const METADATA: Shape = { actor: { id: 'id', role: 'code' }, centreId: 'id', correlationId: 'id', causationId: 'id', commandId: 'id', occurredAt: 'time' };
const SEALED_KEYS = new Set(['$sealed', 's', 'iv', 'ct', 'tag']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Problems = string[];
type Walk = (value: unknown, path: string, problems: Problems) => void;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// AES-256-GCM as the vault writes it: a 12-byte nonce, a 16-byte tag, the ciphertext, all base64.
const isSealed = (v: unknown) =>
  isObject(v) &&
  v.$sealed === 'v1' &&
  Object.keys(v).every((k) => SEALED_KEYS.has(k)) &&
  typeof v.s === 'string' &&
  typeof v.iv === 'string' &&
  v.iv.length === 16 &&
  BASE64.test(v.iv) &&
  typeof v.tag === 'string' &&
  v.tag.length === 24 &&
  BASE64.test(v.tag) &&
  typeof v.ct === 'string' &&
  v.ct.length % 4 === 0 &&
  BASE64.test(v.ct);

// Readable texts in the log repeat (a receipt's purpose, a conversation's topics): look each one up once.
const termsOfText = new Map<string, readonly string[]>();
function termsIn(text: string): readonly string[] {
  let terms = termsOfText.get(text);
  if (terms === undefined) {
    terms = coerciveTermsIn(text);
    if (termsOfText.size < 10_000) termsOfText.set(text, terms);
  }
  return terms;
}

function text(value: unknown, path: string, problems: Problems): void {
  if (typeof value !== 'string') {
    if (value !== null) problems.push(`${path} is not text`);
    return;
  }
  const terms = termsIn(value);
  if (terms.length > 0) problems.push(`${path} uses words of coercion (${terms.join(', ')})`);
}

function compile(kind: FieldKind): Walk {
  if (Array.isArray(kind)) {
    const item = compile(kind[0]);
    return (value, path, problems) => {
      if (!Array.isArray(value)) return void (value !== null && problems.push(`${path} is not a list`));
      value.forEach((v, i) => item(v, `${path}.${i}`, problems));
    };
  }
  if (typeof kind === 'object') return compileShape(kind);
  if (kind.startsWith('one of ')) {
    const allowed = new Set<string>(VALUES[kind.slice('one of '.length) as keyof typeof VALUES]);
    return (value, path, problems) => {
      if (value !== null && !(typeof value === 'string' && allowed.has(value))) problems.push(`${path} is not one of the declared values`);
    };
  }
  switch (kind) {
    case 'text':
      return text;
    case 'texts':
      return (value, path, problems) => {
        if (!Array.isArray(value)) return void (value !== null && problems.push(`${path} is not a list`));
        value.forEach((v, i) => text(v, `${path}.${i}`, problems));
      };
    case 'sealed':
      return (value, path, problems) => {
        if (value !== null && !isSealed(value)) problems.push(`${path} is personal data in the clear (it must be sealed)`);
      };
    case 'map':
      return (value, path, problems) => {
        if (!isObject(value)) problems.push(`${path} is not an object`);
      };
    case 'list':
    case 'labels':
      return (value, path, problems) => {
        if (!Array.isArray(value)) return void (value !== null && problems.push(`${path} is not a list`));
        if (value.some((v) => v !== null && typeof v === 'object')) problems.push(`${path} holds more than plain values`);
      };
    case 'number':
      return (value, path, problems) => {
        if (typeof value !== 'number' && value !== null) problems.push(`${path} is not a number`);
      };
    case 'boolean':
      return (value, path, problems) => {
        if (typeof value !== 'boolean') problems.push(`${path} is not true or false`);
      };
    case 'id':
    case 'code':
    case 'time':
    case 'label':
      return (value, path, problems) => {
        if (typeof value !== 'string' && value !== null) problems.push(`${path} is not a plain value`);
      };
    default:
      throw new TypeError(`the catalogue names an unknown kind of field: ${kind}`);
  }
}

function compileShape(shape: Shape): Walk {
  const fields = new Map(Object.entries(shape).map(([name, kind]) => [name, compile(kind)]));
  return (value, path, problems) => {
    if (!isObject(value)) {
      if (value !== null) problems.push(`${path || 'data'} is not an object`);
      return;
    }
    for (const key of Object.keys(value)) {
      const field = fields.get(key);
      const at = path ? `${path}.${key}` : key;
      if (!field) problems.push(`field ${at} is not declared for this type`);
      else field(value[key], at, problems);
    }
  };
}

const DATA = new Map(CATALOGUE.map((entry) => [entry.type, compileShape(entry.fields)]));
const META = compileShape(METADATA);

/** What every event's metadata must name: who acted, and the command it came from. */
function metadataRequired(metadata: unknown, problems: Problems): void {
  const m = isObject(metadata) ? metadata : {};
  const actor = isObject(m.actor) ? m.actor : {};
  if (typeof actor.id !== 'string' || typeof actor.role !== 'string') problems.push('metadata: it names no actor');
  if (typeof m.commandId !== 'string') problems.push('metadata: it names no command');
}

// One list, emptied for each event: this runs for every event of the log.
const problems: string[] = [];

/**
 * What is wrong with an event's payload against the catalogue; empty when it is as declared (or
 * its type is unknown). The list is reused by the next call: read it before calling again.
 */
export function payloadProblems(type: string, data: unknown, metadata: unknown): readonly string[] {
  problems.length = 0;
  DATA.get(type)?.(data, '', problems);
  const before = problems.length;
  META(metadata, '', problems);
  for (let i = before; i < problems.length; i++) problems[i] = `metadata: ${problems[i]}`;
  metadataRequired(metadata, problems);
  return problems;
}
