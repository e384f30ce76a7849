/**
 * Payloads as the catalogue declares them: a check that walks an event's data (and metadata)
 * against its entry's fields, compiled once per type. Any field the entry does not declare is a
 * violation (a `mandatory` or a `deadline` slipped onto an offer), a personal field must be
 * sealed, and readable free text must hold no declared word of coercion.
 *
 * Some lists hold only values from a fixed list (the fields a citizen shares, the kinds of offer
 * an agreement covers, the channels an offer or a free time has): each element is checked against
 * the domain's own list (REFINED below, a `list of …` kind), and the fields of a data share are
 * there in every event that shares: a list, and a real calendar date to run to.
 */
import { CATALOGUE, coerciveTermsIn, type FieldKind, type Shape, VALUES } from '../catalogue.js';
import { OFFER_CHANNELS } from '../../domain/catalogue/catalogue.js';
import { CENTRE_OFFER_KINDS, CHANNELS } from '../../domain/journey/journey.js';
import { SHARED_FIELDS } from '../../domain/journey/sharing.js';
import { isDate } from '../../domain/shared/checks.js';

/** What an event's metadata may carry. */
const METADATA: Shape = { actor: { id: 'id', role: 'code' }, centreId: 'id', correlationId: 'id', causationId: 'id', commandId: 'id', occurredAt: 'time' };
const SEALED_KEYS = new Set(['$sealed', 's', 'iv', 'ct', 'tag']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Problems = string[];
type Walk = (value: unknown, path: string, problems: Problems) => void;

/** The fixed lists a `list of …` field takes its elements from: the domain's own, and the catalogue's values. */
const LISTS: Record<string, readonly string[]> = { ...VALUES, sharedField: SHARED_FIELDS, offerChannel: OFFER_CHANNELS, centreOfferKind: CENTRE_OFFER_KINDS, journeyChannel: CHANNELS };
/**
 * What a field may hold, as the catalogue says (FieldKind) or more narrowly: `list of X`, a list
 * each of whose elements is one of LISTS[X]; `date`, a calendar date YYYY-MM-DD that exists.
 */
type Kind = FieldKind | `list of ${string}` | 'date';
/** A field that must be there, and not null. */
interface Required {
  required: Kind;
}
/**
 * Fields the catalogue declares as a plain `list` (or a `time`) that hold more narrowly: until the
 * catalogue declares them so itself, they are refined here. A field the catalogue does not
 * declare stays undeclared: a refinement never adds one.
 */
const REFINED: Readonly<Record<string, Readonly<Record<string, Kind | Required>>>> = {
  DataSharingConsentGiven: { fields: { required: 'list of sharedField' }, until: { required: 'date' } },
  ReferralMade: { shared: { required: 'list of sharedField' } },
  CatalogueOfferPublished: { channels: 'list of offerChannel' },
  CatalogueOfferRevised: { channels: 'list of offerChannel' },
  AgreementSigned: { offerKinds: 'list of centreOfferKind' },
  AgreementAmended: { offerKinds: 'list of centreOfferKind' },
  AvailabilityPublished: { channels: 'list of journeyChannel' },
  SpendingRecorded: { on: { required: 'date' } },
  SpendingCorrected: { on: { required: 'date' }, voucher: { required: 'code' }, text: { required: 'label' } },
  DeputySeated: { from: { required: 'date' } },
  DeputyLeftBoard: { on: { required: 'date' } },
  MemberNamePublished: { name: { required: 'sealed' } },
  DocumentAttached: { sha256: { required: 'code' }, title: { required: 'label' } },
};

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

/** Whether a value is a calendar date written YYYY-MM-DD, a day that exists (not 30 February), as the deciders take it. */
export const isCalendarDate = (value: unknown): value is string => typeof value === 'string' && isDate(value);

function compile(kind: Kind): Walk {
  if (Array.isArray(kind)) {
    const item = compile(kind[0]);
    return (value, path, problems) => {
      if (!Array.isArray(value)) return void (value !== null && problems.push(`${path} is not a list`));
      value.forEach((v, i) => item(v, `${path}.${i}`, problems));
    };
  }
  if (typeof kind === 'object') return compileShape(kind);
  if (kind.startsWith('list of ')) {
    const name = kind.slice('list of '.length);
    if (!Object.hasOwn(LISTS, name)) throw new TypeError(`the catalogue names an unknown list of values: ${name}`);
    const allowed = new Set<string>(LISTS[name]);
    return (value, path, problems) => {
      if (!Array.isArray(value)) return void (value !== null && problems.push(`${path} is not a list`));
      value.forEach((v, i) => {
        if (!(typeof v === 'string' && allowed.has(v))) problems.push(`${path}.${i} is not one of the declared values`);
      });
    };
  }
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
    case 'date':
      return (value, path, problems) => {
        if (value !== null && !isCalendarDate(value)) problems.push(`${path} is not a calendar date (YYYY-MM-DD, a day that exists)`);
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

/** A shape's fields, with a type's refinements (`required` fields must be there and not null). */
function compileShape(shape: Shape, refined: Readonly<Record<string, Kind | Required>> = {}): Walk {
  const required: string[] = [];
  const fields = new Map(
    Object.entries(shape).map(([name, declared]) => {
      const refinement = Object.hasOwn(refined, name) ? refined[name] : undefined;
      if (refinement === undefined) return [name, compile(declared)];
      if (typeof refinement === 'object' && !Array.isArray(refinement) && 'required' in refinement) {
        required.push(name);
        return [name, compile(refinement.required as Kind)];
      }
      return [name, compile(refinement as Kind)];
    }),
  );
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
    for (const key of required) {
      const at = path ? `${path}.${key}` : key;
      if (value[key] === undefined) problems.push(`field ${at} is missing`);
      else if (value[key] === null) problems.push(`${at} is null (it must be there)`);
    }
  };
}

const DATA = new Map(CATALOGUE.map((entry) => [entry.type, compileShape(entry.fields, REFINED[entry.type])]));
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
