/**
 * A partner agreement (samarbejdsaftale): the written agreement by which a partner is part of a
 * centre, signed by both. It states its scope, the kinds of offer it covers, its period, its
 * signatories, and the SHA-256 of the signed document (the document itself is kept outside the
 * log; its hash in it proves which document was signed). One stream per agreement.
 *
 * Amending or renewing makes a new version; every earlier version stays readable. Either side may
 * terminate it. An agreement is in force from its start date to its end date, both included,
 * unless terminated: while it is not, the offers it covers are not in the catalogue and no new
 * participation starts in them; a participation already running may finish.
 *
 * Partners are normally unpaid (`payment: null`); an agreement may state a payment in øre.
 * Signatories' names and titles are personal data, sealed under the agreement's signatory key.
 */
import { match } from 'ts-pattern';
import type { CentreOfferKind } from '../journey/journey.js';
import type { DomainEvent } from '../shared/decider.js';

export const SIDES = ['partner', 'centre'] as const;
export type Side = (typeof SIDES)[number];

export const PAYMENT_BASES = ['per_year', 'per_month', 'per_participant', 'one_off'] as const;
export type PaymentBasis = (typeof PAYMENT_BASES)[number];
/** What the centre pays the partner, if anything: whole øre, on a basis. */
export interface Payment {
  amountOre: number;
  basis: PaymentBasis;
}

/** Who signed for a side: personal data, sealed in the events. */
export interface Signatory {
  side: Side;
  name: string;
  title: string | null;
}

/** One version of the agreement's terms. */
export interface AgreementTerms {
  version: number;
  scope: string;
  offerKinds: CentreOfferKind[];
  startDate: string;
  endDate: string;
  payment: Payment | null;
  documentSha256: string;
}

type E<T extends string, D> = DomainEvent<T, D>;
export type AgreementSigned = E<
  'AgreementSigned',
  {
    agreementId: string;
    partnerId: string;
    centreId: string;
    version: 1;
    scope: string;
    offerKinds: CentreOfferKind[];
    startDate: string;
    endDate: string;
    payment: Payment | null;
    documentSha256: string;
    signatories: Signatory[];
  }
>;
/** New terms, signed anew: a new version. The start date stays the first version's. */
export type AgreementAmended = E<
  'AgreementAmended',
  { agreementId: string; version: number; scope: string; offerKinds: CentreOfferKind[]; endDate: string; payment: Payment | null; documentSha256: string; signatories: Signatory[] }
>;
/** The same terms for a longer period, signed anew: a new version with a later end date. */
export type AgreementRenewed = E<'AgreementRenewed', { agreementId: string; version: number; endDate: string; documentSha256: string; signatories: Signatory[] }>;
/** Ended by one side, at once. `reason`: about the agreement, never about a person. */
export type AgreementTerminated = E<'AgreementTerminated', { agreementId: string; by: Side; reason: string | null }>;
export type AgreementEvent = AgreementSigned | AgreementAmended | AgreementRenewed | AgreementTerminated;

export const AGREEMENT_EVENT_SCHEMA_VERSIONS: Record<AgreementEvent['type'], number> = {
  AgreementSigned: 1,
  AgreementAmended: 1,
  AgreementRenewed: 1,
  AgreementTerminated: 1,
};

export const AGREEMENT_PERSONAL_FIELDS: Record<AgreementEvent['type'], readonly string[]> = {
  AgreementSigned: ['signatories'],
  AgreementAmended: ['signatories'],
  AgreementRenewed: ['signatories'],
  AgreementTerminated: [],
};

interface Details {
  agreementId: string;
  partnerId: string;
  centreId: string;
  /** Every version, oldest first; the last is in effect. */
  versions: AgreementTerms[];
}
export type Agreement =
  | { status: 'none' }
  | ({ status: 'signed' } & Details)
  | ({ status: 'terminated'; terminatedBy: Side } & Details);
export type SignedAgreement = Extract<Agreement, { status: 'signed' }>;

export const initialState: Agreement = { status: 'none' };

/** The terms in effect: the latest version. */
export const currentTerms = (agreement: Exclude<Agreement, { status: 'none' }>): AgreementTerms => agreement.versions.at(-1)!;

/**
 * Whether the agreement is in force on a local (Copenhagen) date: signed, not terminated, and the
 * date within its period, both ends included.
 */
export function inForceOn(agreement: Agreement, date: string): boolean {
  if (agreement.status !== 'signed') return false;
  const terms = currentTerms(agreement);
  return terms.startDate <= date && date <= terms.endDate;
}

/** When each version was recorded is the log's own time: the read model keeps it, not the state. */
export function evolve(state: Agreement, event: AgreementEvent): Agreement {
  return match(event)
    .with({ type: 'AgreementSigned' }, ({ data }): Agreement => ({
      status: 'signed',
      agreementId: data.agreementId,
      partnerId: data.partnerId,
      centreId: data.centreId,
      versions: [
        { version: 1, scope: data.scope, offerKinds: data.offerKinds, startDate: data.startDate, endDate: data.endDate, payment: data.payment, documentSha256: data.documentSha256 },
      ],
    }))
    .with({ type: 'AgreementAmended' }, ({ data }): Agreement => {
      if (state.status !== 'signed') return state;
      const last = currentTerms(state);
      const next = { ...last, version: data.version, scope: data.scope, offerKinds: data.offerKinds, endDate: data.endDate, payment: data.payment, documentSha256: data.documentSha256 };
      return { ...state, versions: [...state.versions, next] };
    })
    .with({ type: 'AgreementRenewed' }, ({ data }): Agreement => {
      if (state.status !== 'signed') return state;
      const next = { ...currentTerms(state), version: data.version, endDate: data.endDate, documentSha256: data.documentSha256 };
      return { ...state, versions: [...state.versions, next] };
    })
    .with({ type: 'AgreementTerminated' }, ({ data }): Agreement => (state.status === 'signed' ? { ...state, status: 'terminated', terminatedBy: data.by } : state))
    .exhaustive();
}

export const agreementStreamId = (agreementId: string) => `agreement-${agreementId}`;
/** The data subject whose key seals an agreement's signatories. */
export const signatorySubject = (agreementId: string) => `agreement-signatories-${agreementId}`;
