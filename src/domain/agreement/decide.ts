import { match } from 'ts-pattern';
import { inCopenhagen } from '../journey/hours.js';
import { CENTRE_OFFER_KINDS, type CentreOfferKind } from '../journey/journey.js';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { authoriseForCentre, isDate, noCoercion, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import {
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  AGREEMENT_PERSONAL_FIELDS,
  type Agreement,
  type AgreementEvent,
  agreementStreamId,
  currentTerms,
  evolve,
  initialState,
  PAYMENT_BASES,
  type Payment,
  type PaymentBasis,
  SIDES,
  type Side,
  type SignedAgreement,
  type Signatory,
  signatorySubject,
} from './agreement.js';

type Cmd<T extends string, D> = CommandEnvelope & { type: T; data: D & { agreementId: string } };
/** Codes and lists arrive as the edge received them; the decider keeps only declared values. */
export interface SignatoryInput {
  side: string;
  name: string;
  title: string | null;
}
export interface PaymentInput {
  amountOre: number;
  basis: string;
}
/** `partnerKnown`: whether the partner is registered, looked up at the edge. */
export type SignAgreement = Cmd<
  'SignAgreement',
  {
    partnerId: string;
    centreId: string;
    partnerKnown: boolean;
    scope: string;
    offerKinds: readonly string[];
    startDate: string;
    endDate: string;
    payment: PaymentInput | null;
    documentSha256: string;
    signatories: readonly SignatoryInput[];
  }
>;
export type AmendAgreement = Cmd<
  'AmendAgreement',
  { scope: string; offerKinds: readonly string[]; endDate: string; payment: PaymentInput | null; documentSha256: string; signatories: readonly SignatoryInput[] }
>;
export type RenewAgreement = Cmd<'RenewAgreement', { endDate: string; documentSha256: string; signatories: readonly SignatoryInput[] }>;
export type TerminateAgreement = Cmd<'TerminateAgreement', { by: string; reason: string | null }>;
export type AgreementCommand = SignAgreement | AmendAgreement | RenewAgreement | TerminateAgreement;

export const SCOPE_MAX = 2000;
export const REASON_MAX = 1000;
export const SIGNATORIES_MAX = 10;
export const SIGNATORY_TEXT_MAX = 200;
/** The most a payment may state: a hundred million kroner. */
export const PAYMENT_MAX_ORE = 10_000_000_000;

export function decide(command: AgreementCommand, state: Agreement): AgreementEvent[] {
  return match(command)
    .with({ type: 'SignAgreement' }, (c) => sign(c, state))
    .with({ type: 'AmendAgreement' }, (c) => amend(c, signed(state, c.data.agreementId)))
    .with({ type: 'RenewAgreement' }, (c) => renew(c, signed(state, c.data.agreementId)))
    .with({ type: 'TerminateAgreement' }, (c) => terminate(c, signed(state, c.data.agreementId)))
    .exhaustive();
}

const today = (now: string) => inCopenhagen(new Date(now)).date;

function sign(c: SignAgreement, state: Agreement): AgreementEvent[] {
  const { agreementId, partnerId, centreId } = c.data;
  authoriseForCentre(c.principal, centreId, ['staff']);
  if (state.status !== 'none') throw new Conflict('agreement_exists', 'the agreement is recorded', { agreementId });
  if (!c.data.partnerKnown) throw new NotFound('partner_not_found', 'no such partner', { partnerId });
  if (!isDate(c.data.startDate)) throw new InvalidValue('startDate', 'a date YYYY-MM-DD');
  const endDate = checkEnd(c.data.endDate, c.data.startDate, today(c.now));
  return [
    {
      type: 'AgreementSigned',
      data: {
        agreementId,
        partnerId,
        centreId,
        version: 1,
        scope: scopeOf(c.data.scope),
        offerKinds: kindsOf(c.data.offerKinds),
        startDate: c.data.startDate,
        endDate,
        payment: paymentOf(c.data.payment),
        documentSha256: hashOf(c.data.documentSha256, null),
        signatories: signatoriesOf(c.data.signatories),
      },
    },
  ];
}

function amend(c: AmendAgreement, agreement: SignedAgreement): AgreementEvent[] {
  authoriseForCentre(c.principal, agreement.centreId, ['staff']);
  const terms = currentTerms(agreement);
  return [
    {
      type: 'AgreementAmended',
      data: {
        agreementId: agreement.agreementId,
        version: terms.version + 1,
        scope: scopeOf(c.data.scope),
        offerKinds: kindsOf(c.data.offerKinds),
        endDate: checkEnd(c.data.endDate, terms.startDate, today(c.now)),
        payment: paymentOf(c.data.payment),
        documentSha256: hashOf(c.data.documentSha256, terms.documentSha256),
        signatories: signatoriesOf(c.data.signatories),
      },
    },
  ];
}

function renew(c: RenewAgreement, agreement: SignedAgreement): AgreementEvent[] {
  authoriseForCentre(c.principal, agreement.centreId, ['staff']);
  const terms = currentTerms(agreement);
  if (!isDate(c.data.endDate)) throw new InvalidValue('endDate', 'a date YYYY-MM-DD');
  if (c.data.endDate <= terms.endDate) throw new InvalidValue('endDate', `a renewal ends after the present end date, ${terms.endDate}`);
  const endDate = checkEnd(c.data.endDate, terms.startDate, today(c.now));
  return [
    {
      type: 'AgreementRenewed',
      data: { agreementId: agreement.agreementId, version: terms.version + 1, endDate, documentSha256: hashOf(c.data.documentSha256, terms.documentSha256), signatories: signatoriesOf(c.data.signatories) },
    },
  ];
}

/**
 * Either side ends the agreement, at once. The centre's staff record a termination by either
 * side (a partner's may come by letter); the partner's own people terminate for the partner only.
 */
function terminate(c: TerminateAgreement, agreement: SignedAgreement): AgreementEvent[] {
  if (!(SIDES as readonly string[]).includes(c.data.by)) throw new InvalidValue('by', `one of ${SIDES.join(', ')}`);
  const by = c.data.by as Side;
  if (c.principal.role === 'partner') {
    if (c.principal.partnerId !== agreement.partnerId) throw new Forbidden('this is another partner’s agreement', { agreementId: agreement.agreementId });
    if (by !== 'partner') throw new Forbidden('a partner terminates for the partner’s side only', { agreementId: agreement.agreementId });
  } else authoriseForCentre(c.principal, agreement.centreId, ['staff']);
  if (currentTerms(agreement).endDate < today(c.now)) {
    throw new RuleViolation('agreement_ended', 'the agreement ended on its end date; there is nothing to terminate', { agreementId: agreement.agreementId });
  }
  const reason = c.data.reason === null || c.data.reason.trim() === '' ? null : noCoercion('reason', tidyText(c.data.reason, 'reason', REASON_MAX));
  return [{ type: 'AgreementTerminated', data: { agreementId: agreement.agreementId, by, reason } }];
}

function signed(state: Agreement, agreementId: string): SignedAgreement {
  if (state.status === 'none') throw new NotFound('agreement_not_found', 'no such agreement', { agreementId });
  if (state.status === 'terminated') throw new Conflict('agreement_terminated', 'the agreement was terminated; sign a new one', { agreementId });
  return state;
}

/** An end date: a date, after the start, and not already past (an agreement recorded to cover nothing). */
function checkEnd(endDate: string, startDate: string, today: string): string {
  if (!isDate(endDate)) throw new InvalidValue('endDate', 'a date YYYY-MM-DD');
  if (endDate <= startDate) throw new InvalidValue('endDate', `must be after the start date, ${startDate}`);
  if (endDate < today) throw new InvalidValue('endDate', 'must not be in the past');
  return endDate;
}

const scopeOf = (raw: string) => noCoercion('scope', tidyText(raw, 'scope', SCOPE_MAX, 'an agreement states its scope'));

/** The kinds of offer it covers: declared kinds, each once, in the declared order; at least one. */
function kindsOf(values: readonly string[]): CentreOfferKind[] {
  for (const [i, value] of values.entries()) {
    if (!(CENTRE_OFFER_KINDS as readonly string[]).includes(value)) throw new InvalidValue(`offerKinds.${i}`, 'not a declared kind of offer');
  }
  const kinds = CENTRE_OFFER_KINDS.filter((k) => values.includes(k));
  if (kinds.length === 0) throw new InvalidValue('offerKinds', 'an agreement covers at least one kind of offer');
  return kinds;
}

function paymentOf(payment: PaymentInput | null): Payment | null {
  if (payment === null) return null;
  if (!Number.isSafeInteger(payment.amountOre) || payment.amountOre <= 0 || payment.amountOre > PAYMENT_MAX_ORE) {
    throw new InvalidValue('payment.amountOre', 'a whole number of øre above 0 (leave the payment out for an unpaid agreement)');
  }
  if (!(PAYMENT_BASES as readonly string[]).includes(payment.basis)) throw new InvalidValue('payment.basis', `one of ${PAYMENT_BASES.join(', ')}`);
  return { amountOre: payment.amountOre, basis: payment.basis as PaymentBasis };
}

/** The signed document's SHA-256, as 64 hex digits; a new version is a new document. */
function hashOf(raw: string, current: string | null): string {
  const hash = raw.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new InvalidValue('documentSha256', 'the SHA-256 of the signed document: 64 hexadecimal digits');
  if (hash === current) throw new InvalidValue('documentSha256', 'a new version is a newly signed document: its hash differs from the present one');
  return hash;
}

/** Who signed: at least one for each side, at most SIGNATORIES_MAX. */
function signatoriesOf(values: readonly SignatoryInput[]): Signatory[] {
  if (values.length > SIGNATORIES_MAX) throw new InvalidValue('signatories', `at most ${SIGNATORIES_MAX} signatories`);
  const out = values.map((s, i): Signatory => {
    if (!(SIDES as readonly string[]).includes(s.side)) throw new InvalidValue(`signatories.${i}.side`, `one of ${SIDES.join(', ')}`);
    const name = tidyText(s.name, `signatories.${i}.name`, SIGNATORY_TEXT_MAX);
    const title = s.title === null || s.title.trim() === '' ? null : tidyText(s.title, `signatories.${i}.title`, SIGNATORY_TEXT_MAX);
    return { side: s.side as Side, name, title };
  });
  for (const side of SIDES) if (!out.some((s) => s.side === side)) throw new InvalidValue('signatories', `signed by both sides: no signatory for the ${side}`);
  return out;
}

export const agreementDecider: Decider<Agreement, AgreementCommand, AgreementEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => agreementStreamId(command.data.agreementId),
  schemaVersions: AGREEMENT_EVENT_SCHEMA_VERSIONS,
  centreOf: (state, command) => (state.status !== 'none' ? state.centreId : command.type === 'SignAgreement' ? command.data.centreId : undefined),
  personal: { fields: AGREEMENT_PERSONAL_FIELDS, subjectOf: (command) => signatorySubject(command.data.agreementId) },
};
