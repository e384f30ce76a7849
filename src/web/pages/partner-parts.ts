/**
 * What the partners' own pages and the staff's pages about partners share: their paths, the
 * partner area's navigation, and an agreement as people read it — where it stands today, its terms
 * in effect, who signed (personal data, opened by the route with the vault), every version.
 */
import type { Signatory } from '../../domain/agreement/agreement.js';
import type { AgreementVersionView, AgreementView } from '../../projections/catalogue/queries.js';
import { summaryList, table } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatDay, formatKroner, formatMoment, type Lang, type Message, say } from '../i18n.js';
import type { PageContext } from '../layout.js';
import { kindName, PAYMENT_BASIS_LABELS, SIDE_LABELS } from './catalogue-parts.js';

/** Where a partner's people's pages start. */
export const PARTNER_HOME = '/partner';
export const PARTNER_OFFERS = '/partner/tilbud';
export const PARTNER_AGREEMENTS = '/partner/aftaler';
export const PARTNER_REFERRALS = '/partner/henvisninger';
/** The staff's pages about partners, their agreements and the centre's own offers. */
export const STAFF_PARTNERS = '/medarbejder/medspillere';
export const STAFF_AGREEMENTS = `${STAFF_PARTNERS}/aftaler`;
export const STAFF_OFFERS = `${STAFF_PARTNERS}/tilbud`;

const NAV = {
  label: { da: 'Medspillerens sider', en: 'The partner’s pages' },
  home: { da: 'Oversigt', en: 'Overview' },
  offers: { da: 'Jeres tilbud', en: 'Your offers' },
  agreements: { da: 'Jeres aftaler', en: 'Your agreements' },
  referrals: { da: 'Henvisninger', en: 'Referrals' },
  staffLabel: { da: 'Medspillere og tilbud', en: 'Partners and offers' },
  partners: { da: 'Medspillere', en: 'Partners' },
  ownOffers: { da: 'Centrets egne tilbud', en: 'The centre’s own offers' },
  catalogue: { da: 'Tilbudskataloget', en: 'The offer catalogue' },
} satisfies Record<string, Message>;

function nav(context: PageContext, label: Message, links: readonly [string, Message][]): Html {
  const { lang } = context;
  return html`<nav aria-label="${say(lang, label)}" class="mb-6"><ul class="inline-list">${links.map(
    ([href, text]) => html`<li class="mr-5"><a href="${href}"${attr('aria-current', context.path === href ? 'page' : undefined)}>${say(lang, text)}</a></li>`,
  )}</ul></nav>`;
}

/** The partner area's pages, one link each; the page the reader is on is marked. */
export const partnerNav = (context: PageContext) =>
  nav(context, NAV.label, [
    [PARTNER_HOME, NAV.home],
    [PARTNER_OFFERS, NAV.offers],
    [PARTNER_AGREEMENTS, NAV.agreements],
    [PARTNER_REFERRALS, NAV.referrals],
  ]);

/** The staff's pages about partners and the catalogue. */
export const staffPartnersNav = (context: PageContext) =>
  nav(context, NAV.staffLabel, [
    [STAFF_PARTNERS, NAV.partners],
    [STAFF_OFFERS, NAV.ownOffers],
    ['/tilbudskatalog', NAV.catalogue],
  ]);

// ---- An agreement as people read it ----

const T = {
  inForce: { da: 'I kraft', en: 'In force' },
  notYet: { da: 'Træder i kraft {date}', en: 'Comes into force {date}' },
  ended: { da: 'Udløbet {date}', en: 'Ended {date}' },
  terminated: { da: 'Opsagt {when} af {side}', en: 'Terminated {when} by {side}' },
  scope: { da: 'Formål og indhold', en: 'Scope' },
  kinds: { da: 'Slags tilbud, aftalen dækker', en: 'Kinds of offer it covers' },
  period: { da: 'Periode', en: 'Period' },
  periodText: { da: '{from} til og med {to}', en: '{from} to {to}, inclusive' },
  payment: { da: 'Betaling', en: 'Payment' },
  unpaid: { da: 'Ingen betaling (medspillere er normalt ulønnede)', en: 'No payment (partners are normally unpaid)' },
  document: { da: 'Det underskrevne dokuments fingeraftryk (SHA-256)', en: 'The signed document’s fingerprint (SHA-256)' },
  signatories: { da: 'Underskrevet af', en: 'Signed by' },
  erased: { da: 'Slettet', en: 'Erased' },
  status: { da: 'Status', en: 'Status' },
  version: { da: 'Version', en: 'Version' },
  how: { da: 'Hvordan', en: 'How' },
  recorded: { da: 'Registreret', en: 'Recorded' },
  versions: { da: 'Alle versioner af aftalen, den ældste først', en: 'Every version of the agreement, the oldest first' },
  signed: { da: 'Indgået', en: 'Signed' },
  amended: { da: 'Ændret', en: 'Amended' },
  renewed: { da: 'Fornyet', en: 'Renewed' },
  reason: { da: 'Begrundelse for opsigelsen', en: 'Reason for the termination' },
  forSide: { da: 'for {side}', en: 'for {side}' },
} satisfies Record<string, Message>;

export type Standing = 'in_force' | 'not_yet' | 'ended' | 'terminated';

/** Where an agreement stands on a Copenhagen date. */
export function standingOf(a: Pick<AgreementView, 'status' | 'terms'>, today: string): Standing {
  if (a.status === 'terminated') return 'terminated';
  if (today < a.terms.startDate) return 'not_yet';
  return today > a.terms.endDate ? 'ended' : 'in_force';
}

/** Where it stands, as a badge. */
export function standingBadge(lang: Lang, a: Pick<AgreementView, 'status' | 'terms' | 'terminated'>, today: string): Html {
  const standing = standingOf(a, today);
  if (standing === 'in_force') return html`<span class="badge badge-success">${say(lang, T.inForce)}</span>`;
  if (standing === 'not_yet') return html`<span class="badge badge-info">${say(lang, T.notYet, { date: formatDay(lang, a.terms.startDate) })}</span>`;
  if (standing === 'ended') return html`<span class="badge">${say(lang, T.ended, { date: formatDay(lang, a.terms.endDate) })}</span>`;
  const t = a.terminated;
  return html`<span class="badge">${t ? say(lang, T.terminated, { when: formatMoment(lang, t.at), side: say(lang, SIDE_LABELS[t.by]) }) : say(lang, T.terminated, { when: '–', side: '–' })}</span>`;
}

export const periodText = (lang: Lang, terms: { startDate: string; endDate: string }) => say(lang, T.periodText, { from: formatDay(lang, terms.startDate), to: formatDay(lang, terms.endDate) });
export const kindsText = (lang: Lang, kinds: readonly AgreementView['terms']['offerKinds'][number][]) => kinds.map((k) => kindName(lang, k)).join(', ');
export const paymentText = (lang: Lang, payment: AgreementView['terms']['payment']) =>
  payment ? `${formatKroner(lang, payment.amountOre)} ${say(lang, PAYMENT_BASIS_LABELS[payment.basis])}` : say(lang, T.unpaid);

/** Who signed, opened: null when their names were erased. */
export type OpenedSignatories = readonly Signatory[] | null;

function signatoriesText(lang: Lang, signatories: OpenedSignatories): Html {
  if (signatories === null) return html`${say(lang, T.erased)}`;
  return html`<ul class="nobullet-list">${signatories.map((s) => html`<li>${s.name}${s.title ? `, ${s.title}` : ''} (${say(lang, T.forSide, { side: say(lang, SIDE_LABELS[s.side]) })})</li>`)}</ul>`;
}

/** The terms in effect, where the agreement stands, and who signed its latest version. */
export function agreementSummary(lang: Lang, a: AgreementView, today: string, signatories: OpenedSignatories, partnerName?: string): Html {
  return summaryList([
    ...(partnerName !== undefined ? [{ label: say(lang, { da: 'Medspiller', en: 'Partner' }), value: partnerName }] : []),
    { label: say(lang, T.status), value: standingBadge(lang, a, today) },
    { label: say(lang, T.scope), value: a.terms.scope },
    { label: say(lang, T.kinds), value: kindsText(lang, a.terms.offerKinds) },
    { label: say(lang, T.period), value: periodText(lang, a.terms) },
    { label: say(lang, T.payment), value: paymentText(lang, a.terms.payment) },
    { label: say(lang, T.document), value: html`<code>${a.terms.documentSha256}</code>` },
    { label: say(lang, T.signatories), value: signatoriesText(lang, signatories) },
    ...(a.terminated?.reason ? [{ label: say(lang, T.reason), value: a.terminated.reason }] : []),
  ]);
}

const HOW: Record<AgreementVersionView['event'], Message> = { signed: T.signed, amended: T.amended, renewed: T.renewed };

/** Every version, the oldest first: how it came, when, its terms and who signed it. */
export function versionsTable(lang: Lang, versions: readonly (AgreementVersionView & { opened: OpenedSignatories })[]): Html {
  return table(
    say(lang, T.versions),
    [{ text: say(lang, T.version), numeric: true }, { text: say(lang, T.how) }, { text: say(lang, T.recorded) }, { text: say(lang, T.period) }, { text: say(lang, T.kinds) }, { text: say(lang, T.payment) }, { text: say(lang, T.document) }, { text: say(lang, T.signatories) }],
    versions.map((v) => [
      { value: v.version, numeric: true, header: true },
      { value: say(lang, HOW[v.event]) },
      { value: formatMoment(lang, v.recordedAt) },
      { value: periodText(lang, v) },
      { value: kindsText(lang, v.offerKinds) },
      { value: paymentText(lang, v.payment) },
      // In groups of eight, so a narrow column wraps it; the summary above has it whole, to copy.
      { value: html`<code>${v.documentSha256.replace(/(.{8})(?=.)/g, '$1 ')}</code>` },
      { value: signatoriesText(lang, v.opened) },
    ]),
  );
}
