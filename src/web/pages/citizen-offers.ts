/**
 * The offers made to the citizen. Each open offer has three answers, equally prominent: the same
 * button style and size, side by side, none chosen beforehand, none with a word of consequence:
 * "Ja tak" (consent, with a receipt), "Nej tak" (a reason only if they want to give one; nothing
 * follows from it) and "Ikke nu" (nothing is recorded; the offer stays open). Ja tak and Nej tak
 * each lead to one page to check the answer before it is recorded, so neither takes more steps.
 */
import type { CitizenOfferView } from '../../projections/journeys/queries.js';
import { offerLabel } from '../../i18n/receipts.js';
import { button, type FieldError, postForm, summaryList, textArea } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { capitalised, notice } from './citizen-parts.js';

const T = {
  title: { da: 'Dine tilbud', en: 'Your offers' },
  free: {
    da: 'Du bestemmer selv. Du kan sige ja tak, nej tak eller vente med at svare. Et nej tak har ingen betydning for dig, og intet følger af det.',
    en: 'It is your choice. You can say yes please, no thank you, or wait before you answer. A no thank you makes no difference to you, and nothing follows from it.',
  },
  open: { da: 'Tilbud, du kan svare på', en: 'Offers you can answer' },
  noOpen: { da: 'Der er ingen tilbud, der venter på et svar fra dig.', en: 'There are no offers waiting for an answer from you.' },
  answered: { da: 'Tilbud, du har svaret på', en: 'Offers you have answered' },
  offer: { da: 'Tilbud', en: 'Offer' },
  made: { da: 'Tilbudt', en: 'Offered' },
  from: { da: 'Fra', en: 'From' },
  yourAnswer: { da: 'Dit svar', en: 'Your answer' },
  madeAt: { da: 'Fra {centre}, {when}.', en: 'From {centre}, {when}.' },
  told: { da: 'Det fik du at vide', en: 'What you were told' },
  yes: { da: 'Ja tak', en: 'Yes please' },
  no: { da: 'Nej tak', en: 'No thank you' },
  notNow: { da: 'Ikke nu', en: 'Not now' },
  toOffer: { da: ' til {offer}', en: ' to {offer}' },
  answerConsented: { da: 'Ja tak', en: 'Yes please' },
  answerDeclined: { da: 'Nej tak', en: 'No thank you' },
  answerWithdrawn: { da: 'Samtykke trukket tilbage', en: 'Consent withdrawn' },
  answerNone: { da: 'Ikke besvaret', en: 'Not answered' },
  lapsed: { da: 'Ikke længere åbent', en: 'No longer open' },
  checkTitle: { da: 'Tjek dit svar', en: 'Check your answer' },
  change: { da: 'Ret', en: 'Change' },
  yesMeans: {
    da: 'Når du sender dit svar, giver du dit samtykke og får en kvittering. Du kan trække samtykket tilbage når som helst på Mine sider eller ved at sige det til en medarbejder på centret. Intet følger af det.',
    en: 'When you send your answer, you give your consent and get a receipt. You can withdraw it at any time on My pages or by telling a member of staff at the centre. Nothing follows from it.',
  },
  reasonLabel: { da: 'Vil du sige hvorfor?', en: 'Would you like to say why?' },
  reasonHint: {
    da: 'Du behøver ikke give en grund. Et nej tak har ingen betydning for dig, og intet følger af det.',
    en: 'You do not need to give a reason. A no thank you makes no difference to you, and nothing follows from it.',
  },
  reasonTooLong: { da: 'Din grund må højst være 2000 tegn', en: 'Your reason can be at most 2,000 characters' },
  send: { da: 'Send mit svar', en: 'Send my answer' },
  laterTitle: { da: 'Du kan svare senere', en: 'You can answer later' },
  laterText: {
    da: 'Du har ikke svaret, og intet er registreret. Tilbuddet står stadig åbent, og du kan svare, når du vil – her under Dine tilbud.',
    en: 'You have not answered, and nothing has been recorded. The offer stays open, and you can answer whenever you like – here under Your offers.',
  },
  backToMine: { da: 'Tilbage til Mine sider', en: 'Back to My pages' },
  declinedNotice: { da: 'Du har sagt nej tak. Det har ingen betydning for dig, og intet følger af det.', en: 'You have said no thank you. It makes no difference to you, and nothing follows from it.' },
} satisfies Record<string, Message>;

/** The offer's name as a heading: its kind's words, capitalised. */
export const offerTitle = (lang: Lang, offer: { kind: string }) => capitalised(offerLabel(lang, offer.kind));

/** An offer waits for an answer: not answered, not lapsed. */
export const isOpenOffer = (o: CitizenOfferView) => o.answer === 'none' && !o.lapsed;

const answerOf = (lang: Lang, o: CitizenOfferView) =>
  o.lapsed ? say(lang, T.lapsed) : say(lang, o.answer === 'consented' ? T.answerConsented : o.answer === 'declined' ? T.answerDeclined : o.answer === 'withdrawn' ? T.answerWithdrawn : T.answerNone);

/**
 * One open offer with its three answers: links styled alike (`button button-secondary`), each in
 * a column of the same width, so none stands out and none is chosen beforehand.
 */
export function offerCard(context: PageContext, offer: CitizenOfferView, centreName: string, headingLevel: 'h2' | 'h3' = 'h3'): Html {
  const { lang } = context;
  const name = offerTitle(lang, offer);
  const base = `/mine-sider/tilbud/${offer.offerId}`;
  const answer = (path: string, text: Message, id: string) =>
    html`<div class="col-12 col-sm-4 col-lg-3 mb-4 mb-sm-0"><a class="button button-secondary w-percent-100 offer-answer" href="${base}/${path}" id="${id}-${offer.offerId}">${say(lang, text)}<span class="sr-only">${say(lang, T.toOffer, { offer: offerLabel(lang, offer.kind) })}</span></a></div>`;
  const heading = headingLevel === 'h2' ? html`<h2 class="card-heading">${name}</h2>` : html`<h3 class="card-heading">${name}</h3>`;
  return html`<div class="card" id="offer-${offer.offerId}"><div class="card-content">
${heading}
<p>${say(lang, T.madeAt, { centre: centreName, when: formatMoment(lang, offer.madeAt) })}</p>
${offer.information ? html`<p><strong>${say(lang, T.told)}:</strong> ${offer.information}</p>` : null}
<div class="w-percent-100 mt-4"><div class="row offer-answers">${answer('ja', T.yes, 'yes')}${answer('nej', T.no, 'no')}${answer('ikke-nu', T.notNow, 'not-now')}</div></div>
</div></div>`;
}

/** The sentence that the choice is free, said once above the offers. */
export const freeToChoose = (lang: Lang) => html`<p>${say(lang, T.free)}</p>`;

/** All offers: the open ones to answer, then the ones answered (and lapsed), newest first. */
export function offersPage(context: PageContext, offers: readonly CitizenOfferView[], centreName: (centreId: string) => string, declined = false): Html {
  const { lang } = context;
  const open = offers.filter(isOpenOffer);
  const answered = offers.filter((o) => !isOpenOffer(o));
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    body: html`${notice(declined ? say(lang, T.declinedNotice) : null)}
${freeToChoose(lang)}
<h2>${say(lang, T.open)}</h2>
${open.length === 0 ? html`<p>${say(lang, T.noOpen)}</p>` : open.map((o) => offerCard(context, o, centreName(o.centreId)))}
${
  answered.length === 0
    ? null
    : html`<h2>${say(lang, T.answered)}</h2>
<div class="table--responsive-scroll"><table class="table">
<thead><tr><th scope="col">${say(lang, T.offer)}</th><th scope="col">${say(lang, T.from)}</th><th scope="col">${say(lang, T.made)}</th><th scope="col">${say(lang, T.yourAnswer)}</th></tr></thead>
<tbody>${answered.map((o) => html`<tr><td>${offerTitle(lang, o)}</td><td>${centreName(o.centreId)}</td><td>${formatMoment(lang, o.madeAt)}</td><td>${answerOf(lang, o)}</td></tr>`)}</tbody>
</table></div>`
}`,
  });
}

function answerSummary(context: PageContext, offer: CitizenOfferView, centreName: string, answer: Message): Html {
  const { lang } = context;
  return summaryList([
    { label: say(lang, T.offer), value: offerTitle(lang, offer) },
    { label: say(lang, T.from), value: `${centreName}, ${formatMoment(lang, offer.madeAt)}` },
    ...(offer.information ? [{ label: say(lang, T.told), value: offer.information }] : []),
    { label: say(lang, T.yourAnswer), value: say(lang, answer), change: { href: '/mine-sider/tilbud', text: say(lang, T.change) } },
  ]);
}

/** "Ja tak": the answer to check, what it means, then the button that records the consent. */
export function answerYesPage(context: PageContext, offer: CitizenOfferView, centreName: string, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.checkTitle),
    back: '/mine-sider/tilbud',
    errors,
    body: html`${answerSummary(context, offer, centreName, T.yes)}
<p>${say(lang, T.yesMeans)}</p>
${postForm(context, `/mine-sider/tilbud/${offer.offerId}/ja`, button(say(lang, T.send), { id: 'send-answer' }), { id: 'answer-form' })}`,
  });
}

/** "Nej tak": the answer to check, a reason only if they want to give one, then the button that records it. */
export function answerNoPage(context: PageContext, offer: CitizenOfferView, centreName: string, reason?: string, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = errors.find((e) => e.field === 'reason')?.message;
  return page(context, {
    title: say(lang, T.checkTitle),
    back: '/mine-sider/tilbud',
    errors,
    body: html`${answerSummary(context, offer, centreName, T.no)}
${postForm(
  context,
  `/mine-sider/tilbud/${offer.offerId}/nej`,
  html`${textArea({ lang, id: 'reason', label: say(lang, T.reasonLabel), hint: say(lang, T.reasonHint), value: reason, required: false, maxLength: 2000, rows: 3, ...(error ? { error } : {}) })}
${button(say(lang, T.send), { id: 'send-answer' })}`,
  { id: 'answer-form' },
)}`,
  });
}

/** What is wrong with a reason as typed (null: nothing). */
export const reasonError = (lang: Lang, reason: string): FieldError | null => (reason.length > 2000 ? { field: 'reason', message: say(lang, T.reasonTooLong) } : null);

/** "Ikke nu": nothing is recorded; the offer stays open. */
export function notNowPage(context: PageContext, offer: CitizenOfferView): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.laterTitle),
    back: '/mine-sider/tilbud',
    body: html`<p><strong>${offerTitle(lang, offer)}</strong></p>
<p>${say(lang, T.laterText)}</p>
<p><a href="/mine-sider" id="back-to-mine">${say(lang, T.backToMine)}</a></p>`,
  });
}
