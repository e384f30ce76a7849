/**
 * The citizen's consents, each with its receipt read from the receipt's own fields in the
 * reader's language (src/i18n/receipts.ts), and "Træk tilbage" on each one in force: asked once;
 * it takes effect at once and nothing follows from it. Beside the consents to offers, the
 * consents to share data with a partner (a referral), each with its receipt, what it shares and
 * until when: withdrawn the same way, after which the partner sees nothing more. The same
 * receipts, read-only, among everything recorded about the citizen (and line by line in its
 * download), and the sharings in force on "Mine sider", each with its way to withdraw.
 */
import type { ConsentReceipt } from '../../domain/journey/journey.js';
import type { SharingView } from '../../projections/referrals/queries.js';
import { COLLECTION_METHOD_LABELS, offerLabel, receiptLines } from '../../i18n/receipts.js';
import { SHARED_FIELD_LABELS } from '../../i18n/records.js';
import { button, type FieldError, postForm, summaryList } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { SHARING_PURPOSE_LABELS } from './catalogue-parts.js';
import { capitalised, notice } from './citizen-parts.js';

/** A consent the citizen gave, with its receipt, and whether it stands now. */
export interface ConsentView {
  offerId: string;
  offerKind: string;
  receipt: ConsentReceipt;
  centreName: string | null;
  /** Still in force: the latest consent to its offer, not withdrawn. */
  inForce: boolean;
  /** When it was withdrawn, if it was. */
  withdrawnAt: string | null;
}

/** A consent to share data with a partner, with the names its receipt is read with (from the read models). */
export interface SharingConsentView extends SharingView {
  partnerName: string | null;
  /** The catalogue offer's title it is for, in Danish and (if given) English; null when it names none or it is not known. */
  offerTitle: { title: string; titleEn: string | null } | null;
  centreName: string | null;
}

const T = {
  title: { da: 'Dine samtykker', en: 'Your consents' },
  intro: {
    da: 'Her er de samtykker, du har givet, med kvitteringen for hvert. Du kan trække et samtykke tilbage når som helst. Det gælder med det samme, og intet følger af det.',
    en: 'Here are the consents you have given, with the receipt for each. You can withdraw a consent at any time. It takes effect at once, and nothing follows from it.',
  },
  none: { da: 'Du har ikke givet samtykke til noget.', en: 'You have not given consent to anything.' },
  receiptFor: { da: 'Kvittering: {offer}', en: 'Receipt: {offer}' },
  inForce: { da: 'Gælder nu', en: 'In force' },
  withdrawnAt: { da: 'Trukket tilbage {when}', en: 'Withdrawn {when}' },
  withdraw: { da: 'Træk samtykket tilbage', en: 'Withdraw the consent' },
  withdrawFor: { da: ' til {offer}', en: ' to {offer}' },
  given: { da: 'Tak for dit svar. Her er kvitteringen for dit samtykke. Det kan tage et øjeblik, før den vises.', en: 'Thank you for your answer. Here is the receipt for your consent. It may take a moment before it shows.' },
  withdrawn: { da: 'Dit samtykke er trukket tilbage. Intet følger af det.', en: 'Your consent is withdrawn. Nothing follows from it.' },
  withdrawTitle: { da: 'Vil du trække dit samtykke tilbage?', en: 'Do you want to withdraw your consent?' },
  withdrawText: {
    da: 'Du trækker dit samtykke til {offer} tilbage. Det gælder med det samme, og intet følger af det. Deltager du i tilbuddet, stopper din deltagelse samtidig. Du behøver ikke give en grund.',
    en: 'You withdraw your consent to {offer}. It takes effect at once, and nothing follows from it. If you are taking part in the offer, your taking part ends with it. You do not need to give a reason.',
  },
  withdrawConfirm: { da: 'Ja, træk mit samtykke tilbage', en: 'Yes, withdraw my consent' },
  keep: { da: 'Nej, behold det', en: 'No, keep it' },
  offersHeading: { da: 'Samtykker til tilbud', en: 'Consents to offers' },
  sharingsHeading: { da: 'Deling med medspillere', en: 'Sharing with partners' },
  sharingsIntro: {
    da: 'Når du bliver henvist til en medspiller, ser medspilleren kun det, du har valgt at dele, og kun til og med den dato, du har valgt.',
    en: 'When you are referred to a partner, the partner sees only what you chose to share, and only until the date you chose.',
  },
  sharingFor: { da: 'Deling med {partner}', en: 'Sharing with {partner}' },
  aPartner: { da: 'en medspiller', en: 'a partner' },
  sharingEnded: { da: 'Udløbet efter {until}', en: 'Ended after {until}' },
  receiptId: { da: 'Kvitteringsnummer', en: 'Receipt number' },
  givenAt: { da: 'Givet', en: 'Given' },
  controller: { da: 'Dataansvarlig', en: 'Controller' },
  purpose: { da: 'Formål', en: 'Purpose' },
  information: { da: 'Oplysninger', en: 'Information' },
  howGiven: { da: 'Sådan gav du samtykket', en: 'How you gave your consent' },
  howToWithdraw: { da: 'Sådan trækker du det tilbage', en: 'How to withdraw it' },
  recipient: { da: 'Modtager', en: 'Recipient' },
  until: { da: 'Til og med', en: 'Until and including' },
  offer: { da: 'Tilbud', en: 'Offer' },
  sharingWithdrawText: {
    da: 'Når som helst: på Mine sider under »Dine samtykker«, eller ved at sige det til en medarbejder på {centre}. Det gælder med det samme, {partner} ser ikke mere, og intet følger af det.',
    en: 'At any time: on My pages under “Your consents”, or by telling a member of staff at {centre}. It takes effect at once, {partner} sees nothing more, and nothing follows from it.',
  },
  theCentre: { da: 'centret', en: 'the centre' },
  shareWithdraw: { da: 'Træk samtykket til deling tilbage', en: 'Withdraw the consent to sharing' },
  shareWithdrawFor: { da: ' med {partner}', en: ' with {partner}' },
  shared: { da: 'Tak. Dit samtykke er givet, og henvisningen er sendt. Her er kvitteringen.', en: 'Thank you. Your consent is given, and the referral is sent. Here is the receipt.' },
  shareWithdrawn: { da: 'Dit samtykke til deling er trukket tilbage. Medspilleren ser ikke mere, og intet følger af det.', en: 'Your consent to sharing is withdrawn. The partner sees nothing more, and nothing follows from it.' },
  shareWithdrawTitle: { da: 'Vil du trække dit samtykke til deling tilbage?', en: 'Do you want to withdraw your consent to sharing?' },
  shareWithdrawText: {
    da: 'Du trækker dit samtykke til at dele {fields} med {partner} tilbage. Det gælder med det samme: {partner} ser ikke mere, og intet følger af det. Du behøver ikke give en grund.',
    en: 'You withdraw your consent to share {fields} with {partner}. It takes effect at once: {partner} sees nothing more, and nothing follows from it. You do not need to give a reason.',
  },
  and: { da: ' og ', en: ' and ' },
  sharingInForce: { da: 'Du deler {fields} med {partner} til og med {until}.', en: 'You share {fields} with {partner} up to and including {until}.' },
  withdrawSharingWith: { da: 'Træk samtykket til deling med {partner} tilbage', en: 'Withdraw the consent to sharing with {partner}' },
  receiptsIntro: {
    da: 'Her er kvitteringen for hvert samtykke, du har givet: til tilbud og til deling med medspillere. Et samtykke, der gælder nu, kan du trække tilbage under',
    en: 'Here is the receipt for every consent you have given: to offers and to sharing with partners. A consent in force now you can withdraw under',
  },
  yourConsents: { da: 'Dine samtykker', en: 'Your consents' },
  receiptsHeading: { da: 'Dine kvitteringer', en: 'Your receipts' },
} satisfies Record<string, Message>;

/** A list in words: "dit navn, dine mål og din besked". */
function inWords(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${say(lang, T.and)}${items.at(-1)}`;
}

const partnerOf = (lang: Lang, s: SharingConsentView) => s.partnerName ?? say(lang, T.aPartner);
const fieldsInWords = (lang: Lang, s: SharingConsentView) => inWords(lang, s.fields.map((f) => say(lang, SHARED_FIELD_LABELS[f])));

/** The lines of a data-sharing receipt, by name: those an offer's receipt has too are named alike (src/i18n/receipts.ts). */
export type SharingReceiptField = 'receiptId' | 'timestamp' | 'controller' | 'recipient' | 'purpose' | 'offer' | 'dataCategories' | 'until' | 'collectionMethod' | 'howToWithdraw';

/** A data-sharing receipt, line by line, from its fields and the read models' names: never its stored English sentences. */
function sharingReceiptRows(lang: Lang, s: SharingConsentView): { field: SharingReceiptField; label: string; value: string }[] {
  const partner = partnerOf(lang, s);
  const offerTitle = s.offerTitle ? (lang === 'en' && s.offerTitle.titleEn ? s.offerTitle.titleEn : s.offerTitle.title) : null;
  return [
    ...(s.receipt ? [{ field: 'receiptId' as const, label: say(lang, T.receiptId), value: s.receipt.receiptId }] : []),
    { field: 'timestamp', label: say(lang, T.givenAt), value: formatMoment(lang, s.receipt?.timestamp ?? s.givenAt) },
    { field: 'controller', label: say(lang, T.controller), value: s.centreName ?? s.receipt?.controller.name ?? '–' },
    { field: 'recipient', label: say(lang, T.recipient), value: partner },
    { field: 'purpose', label: say(lang, T.purpose), value: capitalised(say(lang, SHARING_PURPOSE_LABELS[s.purpose], { partner })) },
    ...(offerTitle ? [{ field: 'offer' as const, label: say(lang, T.offer), value: offerTitle }] : []),
    { field: 'dataCategories', label: say(lang, T.information), value: capitalised(fieldsInWords(lang, s)) },
    { field: 'until', label: say(lang, T.until), value: formatDay(lang, s.until) },
    { field: 'collectionMethod', label: say(lang, T.howGiven), value: say(lang, COLLECTION_METHOD_LABELS[s.consent.method]) },
    { field: 'howToWithdraw', label: say(lang, T.howToWithdraw), value: say(lang, T.sharingWithdrawText, { centre: s.centreName ?? say(lang, T.theCentre), partner }) },
  ];
}

/** A data-sharing receipt as the download carries it: each line's label and value in the reader's language, as an offer's receipt is. */
export function sharingReceiptShown(lang: Lang, s: SharingConsentView): Partial<Record<SharingReceiptField, { label: string; value: string }>> {
  return Object.fromEntries(sharingReceiptRows(lang, s).map((r) => [r.field, { label: r.label, value: r.value }]));
}

/** A data-sharing consent's card; with `actions`, the way to withdraw it while it is in force. */
function sharingCard(context: PageContext, s: SharingConsentView, actions = true): Html {
  const { lang } = context;
  const partner = partnerOf(lang, s);
  const state =
    s.status === 'shared'
      ? html`<span class="badge badge-success">${say(lang, T.inForce)}</span>`
      : s.status === 'withdrawn' && s.withdrawnAt
        ? html`<span class="badge">${say(lang, T.withdrawnAt, { when: formatMoment(lang, s.withdrawnAt) })}</span>`
        : html`<span class="badge">${say(lang, T.sharingEnded, { until: formatDay(lang, s.until) })}</span>`;
  return html`<div class="card" id="sharing-${s.sharingId}"><div class="card-content">
<h3 class="card-heading">${say(lang, T.sharingFor, { partner })}</h3>
<p>${state}</p>
<div class="w-percent-100">${summaryList(sharingReceiptRows(lang, s).map((r) => ({ label: r.label, value: r.value })))}</div>
${
  actions && s.status === 'shared'
    ? html`<p><a class="button button-secondary" href="/mine-sider/samtykker/deling/${s.sharingId}/traek-tilbage" id="withdraw-sharing-${s.sharingId}">${say(lang, T.shareWithdraw)}<span class="sr-only">${say(lang, T.shareWithdrawFor, { partner })}</span></a></p>`
    : null
}
</div></div>`;
}

/** Withdrawing a consent to share: asked once, plainly. */
export function withdrawSharingPage(context: PageContext, sharing: SharingConsentView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const partner = partnerOf(lang, sharing);
  return page(context, {
    title: say(lang, T.shareWithdrawTitle),
    back: '/mine-sider/samtykker',
    errors,
    body: html`<p>${say(lang, T.shareWithdrawText, { fields: fieldsInWords(lang, sharing), partner })}</p>
${postForm(context, `/mine-sider/samtykker/deling/${sharing.sharingId}/traek-tilbage`, button(say(lang, T.withdrawConfirm), { id: 'withdraw-sharing' }), { id: 'withdraw-form' })}
<p><a href="/mine-sider/samtykker">${say(lang, T.keep)}</a></p>`,
  });
}

/** An offer consent's receipt card; with `actions`, the way to withdraw it while it is in force. */
function receiptCard(context: PageContext, c: ConsentView, heading: 'h2' | 'h3' = 'h2', actions = true): Html {
  const { lang } = context;
  const offer = offerLabel(lang, c.offerKind);
  const lines = receiptLines(lang, c.receipt, { centreName: c.centreName, offerKind: c.offerKind });
  const state = c.inForce
    ? html`<span class="badge badge-success">${say(lang, T.inForce)}</span>`
    : c.withdrawnAt
      ? html`<span class="badge">${say(lang, T.withdrawnAt, { when: formatMoment(lang, c.withdrawnAt) })}</span>`
      : null;
  return html`<div class="card" id="receipt-${c.receipt.receiptId}"><div class="card-content">
${heading === 'h2' ? html`<h2 class="card-heading">${say(lang, T.receiptFor, { offer: capitalised(offer) })}</h2>` : html`<h3 class="card-heading">${say(lang, T.receiptFor, { offer: capitalised(offer) })}</h3>`}
<p>${state}</p>
<div class="w-percent-100">${summaryList(lines.map((l) => ({ label: l.label, value: l.value })))}</div>
${actions && c.inForce ? html`<p><a class="button button-secondary" href="/mine-sider/samtykker/${c.offerId}/traek-tilbage" id="withdraw-${c.offerId}">${say(lang, T.withdraw)}<span class="sr-only">${say(lang, T.withdrawFor, { offer })}</span></a></p>` : null}
</div></div>`;
}

/** What the page was reached after: a consent given or withdrawn, a referral made or its sharing withdrawn. */
export interface ConsentsShown {
  given?: boolean;
  withdrawn?: boolean;
  shared?: boolean;
  shareWithdrawn?: boolean;
}

export function consentsPage(context: PageContext, consents: readonly ConsentView[], shown: ConsentsShown = {}, sharings: readonly SharingConsentView[] = []): Html {
  const { lang } = context;
  const said = shown.given ? T.given : shown.withdrawn ? T.withdrawn : shown.shared ? T.shared : shown.shareWithdrawn ? T.shareWithdrawn : null;
  // With only consents to offers the page is as it was: a receipt a card; sharing gets a section of its own.
  const body =
    consents.length === 0 && sharings.length === 0
      ? html`<p>${say(lang, T.none)}</p>`
      : sharings.length === 0
        ? consents.map((c) => receiptCard(context, c))
        : html`${consents.length > 0 ? html`<h2>${say(lang, T.offersHeading)}</h2>${consents.map((c) => receiptCard(context, c, 'h3'))}` : null}
<h2 id="sharings">${say(lang, T.sharingsHeading)}</h2>
<p>${say(lang, T.sharingsIntro)}</p>
${sharings.map((s) => sharingCard(context, s))}`;
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    body: html`${notice(said ? say(lang, said) : null)}
<p>${say(lang, T.intro)}</p>
${body}`,
  });
}

/** Withdrawing: asked once, plainly. */
export function withdrawPage(context: PageContext, consent: ConsentView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.withdrawTitle),
    back: '/mine-sider/samtykker',
    errors,
    body: html`<p>${say(lang, T.withdrawText, { offer: offerLabel(lang, consent.offerKind) })}</p>
${postForm(context, `/mine-sider/samtykker/${consent.offerId}/traek-tilbage`, button(say(lang, T.withdrawConfirm), { id: 'withdraw-consent' }), { id: 'withdraw-form' })}
<p><a href="/mine-sider/samtykker">${say(lang, T.keep)}</a></p>`,
  });
}

/**
 * Every receipt the citizen was given, to offers and to sharing, read-only as cards with where each
 * stands (among everything recorded about them): withdrawing is on "Dine samtykker", linked.
 * Each card's id is the anchor its record links to: `receipt-<receipt id>`, `sharing-<sharing id>`.
 */
export function receiptsSection(context: PageContext, consents: readonly ConsentView[], sharings: readonly SharingConsentView[]): Html | null {
  const { lang } = context;
  const withReceipt = sharings.filter((s) => s.receipt !== null);
  if (consents.length === 0 && withReceipt.length === 0) return null;
  const cards = [
    ...consents.map((c) => ({ at: Date.parse(c.receipt.timestamp) || 0, card: receiptCard(context, c, 'h3', false) })),
    ...withReceipt.map((s) => ({ at: Date.parse(s.receipt?.timestamp ?? s.givenAt) || 0, card: sharingCard(context, s, false) })),
  ].sort((a, b) => b.at - a.at);
  return html`<h2 id="receipts">${say(lang, T.receiptsHeading)}</h2>
<p>${say(lang, T.receiptsIntro)} <a href="/mine-sider/samtykker" id="receipts-consents-link">${say(lang, T.yourConsents)}</a>.</p>
${cards.map((c) => c.card)}`;
}

/** The consents to share that are in force, for "Mine sider": what each shares, with whom, until when, and the way to withdraw it. */
export function sharingsInForceList(context: PageContext, sharings: readonly SharingConsentView[]): Html | null {
  const { lang } = context;
  const inForce = sharings.filter((s) => s.status === 'shared');
  if (inForce.length === 0) return null;
  return html`<ul id="sharings-in-force">${inForce.map((s) => {
    const partner = partnerOf(lang, s);
    return html`<li>${say(lang, T.sharingInForce, { fields: fieldsInWords(lang, s), partner, until: formatDay(lang, s.until) })}<br><a href="/mine-sider/samtykker/deling/${s.sharingId}/traek-tilbage" id="mine-withdraw-sharing-${s.sharingId}">${say(lang, T.withdrawSharingWith, { partner })}</a></li>`;
  })}</ul>`;
}
