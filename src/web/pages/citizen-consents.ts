/**
 * The citizen's consents, each with its receipt read from the receipt's own fields in the
 * reader's language (src/i18n/receipts.ts), and "Træk tilbage" on each one in force: asked once;
 * it takes effect at once and nothing follows from it.
 */
import type { ConsentReceipt } from '../../domain/journey/journey.js';
import { offerLabel, receiptLines } from '../../i18n/receipts.js';
import { button, type FieldError, postForm, summaryList } from '../components.js';
import { html, type Html } from '../html.js';
import { formatMoment, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
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
} satisfies Record<string, Message>;

function receiptCard(context: PageContext, c: ConsentView): Html {
  const { lang } = context;
  const offer = offerLabel(lang, c.offerKind);
  const lines = receiptLines(lang, c.receipt, { centreName: c.centreName, offerKind: c.offerKind });
  const state = c.inForce
    ? html`<span class="badge badge-success">${say(lang, T.inForce)}</span>`
    : c.withdrawnAt
      ? html`<span class="badge">${say(lang, T.withdrawnAt, { when: formatMoment(lang, c.withdrawnAt) })}</span>`
      : null;
  return html`<div class="card" id="receipt-${c.receipt.receiptId}"><div class="card-content">
<h2 class="card-heading">${say(lang, T.receiptFor, { offer: capitalised(offer) })}</h2>
<p>${state}</p>
<div class="w-percent-100">${summaryList(lines.map((l) => ({ label: l.label, value: l.value })))}</div>
${c.inForce ? html`<p><a class="button button-secondary" href="/mine-sider/samtykker/${c.offerId}/traek-tilbage" id="withdraw-${c.offerId}">${say(lang, T.withdraw)}<span class="sr-only">${say(lang, T.withdrawFor, { offer })}</span></a></p>` : null}
</div></div>`;
}

export function consentsPage(context: PageContext, consents: readonly ConsentView[], shown: { given?: boolean; withdrawn?: boolean } = {}): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.title),
    back: '/mine-sider',
    body: html`${notice(shown.given ? say(lang, T.given) : shown.withdrawn ? say(lang, T.withdrawn) : null)}
<p>${say(lang, T.intro)}</p>
${consents.length === 0 ? html`<p>${say(lang, T.none)}</p>` : consents.map((c) => receiptCard(context, c))}`,
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
