/**
 * A referral to a partner's offer under the citizen's own data-sharing consent, as GOV.UK
 * question pages: what to share (nothing ticked beforehand; how the partner may reach you and a
 * message are asked for only under their own box, and without JavaScript always shown with a
 * hint), until when (three months ahead unless the citizen says otherwise, at most a year), then
 * "Tjek dine svar", and only then the consent and the referral, with a receipt.
 *
 * The answers travel from page to page in the forms themselves (POST, hidden fields), never in a
 * URL: what the citizen writes for the partner is not left in addresses, histories or logs.
 */
import { CONTACT_MAX, MESSAGE_MAX, SHARED_FIELDS, type SharedField, SHARING_LONGEST_DAYS } from '../../domain/journey/sharing.js';
import { button, dateInput, errorFor, errorOf, type FieldError, hidden, postForm, textArea, textInput } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { CATALOGUE_PATH, type InvalidAt, offerTitle, REFERRAL_PATH, SHARE_CHOICE_LABELS, SHARING_PURPOSE_LABELS } from './catalogue-parts.js';
import { parseDate, shiftDay } from './staff-parts.js';

/** The partner's offer a referral is to, as the catalogue lists it. */
export interface ReferralOffer {
  offerId: string;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  partnerId: string;
  partnerName: string;
}

/** The answers so far, as typed. */
export interface ReferralDraft {
  fields: SharedField[];
  contact: string;
  message: string;
  /** As typed (a date input's value, or Danish writing); empty before the question is asked. */
  until: string;
}

export const emptyDraft: ReferralDraft = { fields: [], contact: '', message: '', until: '' };

const T = {
  shareTitle: { da: 'Hvad vil du dele med {partner}?', en: 'What do you want to share with {partner}?' },
  shareLead: {
    da: 'Du bestemmer selv. Vælg det, {partner} må se for at kunne tage imod dig i tilbuddet »{offer}«. Intet er valgt på forhånd, og du kan trække det tilbage når som helst.',
    en: 'It is your choice. Choose what {partner} may see so that they can welcome you to the offer “{offer}”. Nothing is chosen beforehand, and you can withdraw it at any time.',
  },
  shareLegend: { da: 'Det må {partner} se', en: '{partner} may see' },
  shareHint: { da: 'Vælg en eller flere.', en: 'Choose one or more.' },
  nameHint: { da: 'Det navn, du har givet centret.', en: 'The name you gave the centre.' },
  goalsHint: { da: 'De mål, du har skrevet på Mine sider, som de står, når {partner} ser dem.', en: 'The goals you have written on My pages, as they stand when {partner} looks.' },
  contactLabel: { da: 'Hvordan må {partner} kontakte dig?', en: 'How may {partner} reach you?' },
  contactHint: { da: 'Fx et telefonnummer eller en e-mailadresse, og gerne hvornår det passer dig.', en: 'For example a phone number or an e-mail address, and when it suits you.' },
  contactHintNoScript: {
    da: 'Udfyld kun, hvis du har sat kryds ved »Hvordan du kan kontaktes«.',
    en: 'Fill this in only if you have ticked “How you can be reached”.',
  },
  messageLabel: { da: 'Din besked til {partner}', en: 'Your message to {partner}' },
  messageHint: { da: 'Skriv det, du gerne vil have, at {partner} ved. Udfyld kun, hvis du har sat kryds ved »En besked til medspilleren«.', en: 'Write what you would like {partner} to know. Fill this in only if you have ticked “A message to the partner”.' },
  continue: { da: 'Fortsæt', en: 'Continue' },
  untilTitle: { da: 'Hvor længe må {partner} se det?', en: 'For how long may {partner} see it?' },
  untilLabel: { da: 'Til og med', en: 'Until and including' },
  untilHint: {
    da: 'Højst et år frem, til og med {max}. Vi har foreslået tre måneder. Du kan trække dit samtykke tilbage før, når du vil.',
    en: 'At most a year ahead, until {max}. We have suggested three months. You can withdraw your consent before then, whenever you like.',
  },
  checkTitle: { da: 'Tjek dine svar', en: 'Check your answers' },
  partner: { da: 'Medspiller', en: 'Partner' },
  offer: { da: 'Tilbud', en: 'Offer' },
  purpose: { da: 'Hvorfor', en: 'Why' },
  shared: { da: 'Det deler du', en: 'What you share' },
  contact: { da: 'Sådan kan du kontaktes', en: 'How you can be reached' },
  message: { da: 'Din besked', en: 'Your message' },
  until: { da: 'Til og med', en: 'Until and including' },
  change: { da: 'Ret', en: 'Change' },
  confirmText: {
    da: 'Når du giver dit samtykke, får {partner} kun det, du har valgt, til og med {until}. Du får en kvittering. Du kan trække samtykket tilbage når som helst under Dine samtykker på Mine sider: det gælder med det samme, {partner} ser ikke mere, og intet følger af det.',
    en: 'When you give your consent, {partner} gets only what you have chosen, until {until}. You get a receipt. You can withdraw the consent at any time under Your consents on My pages: it takes effect at once, {partner} sees nothing more, and nothing follows from it.',
  },
  confirm: { da: 'Giv mit samtykke og send henvisningen', en: 'Give my consent and send the referral' },
  notNow: { da: 'Nej tak, ikke nu', en: 'No thank you, not now' },
  noJourneyTitle: { da: 'Start et forløb først', en: 'Start a journey first' },
  noJourneyText: {
    da: 'En henvisning hører til dit forløb i huset. Du har ikke et forløb, der er i gang. Du kan starte et på Mine sider, når du vil – det er frivilligt.',
    en: 'A referral belongs to your journey in the house. You have no journey under way. You can start one on My pages whenever you like – it is voluntary.',
  },
  toMine: { da: 'Gå til Mine sider', en: 'Go to My pages' },
  fieldsMissing: { da: 'Vælg mindst én ting, du vil dele', en: 'Choose at least one thing to share' },
  contactMissing: { da: 'Skriv, hvordan {partner} kan kontakte dig', en: 'Write how {partner} can reach you' },
  contactNotChosen: {
    da: 'Sæt kryds ved »Hvordan du kan kontaktes«, hvis {partner} må få det, eller slet teksten',
    en: 'Tick “How you can be reached” if {partner} may have it, or delete the text',
  },
  contactTooLong: { da: 'Hvordan du kan kontaktes kan højst være {max} tegn', en: 'How you can be reached can be at most {max} characters' },
  messageMissing: { da: 'Skriv din besked til {partner}', en: 'Write your message to {partner}' },
  messageNotChosen: { da: 'Sæt kryds ved »En besked til medspilleren«, hvis {partner} må få den, eller slet teksten', en: 'Tick “A message to the partner” if {partner} may have it, or delete the text' },
  messageTooLong: { da: 'Din besked kan højst være {max} tegn', en: 'Your message can be at most {max} characters' },
  untilBad: { da: 'Skriv datoen som dd-mm-åååå, fx {example}', en: 'Write the date as dd-mm-yyyy, for example {example}' },
  untilPast: { da: 'Datoen må ikke være før i dag', en: 'The date cannot be before today' },
  untilTooFar: { da: 'Vælg en dato højst et år frem, til og med {max}', en: 'Choose a date at most a year ahead, until {max}' },
} satisfies Record<string, Message>;

/** The first day a draft could name, the last, and the one suggested: today, a year ahead, three months ahead (Copenhagen dates). */
export function untilBounds(today: string): { min: string; max: string; suggested: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // Three calendar months ahead, on the month's last day when it is shorter (31 May → 31 August, 30 November → 28 February).
  const last = new Date(Date.UTC(y, m + 2 + 1, 0)).getUTCDate();
  const suggested = new Date(Date.UTC(y, m + 2, Math.min(d, last)));
  return { min: today, max: shiftDay(today, SHARING_LONGEST_DAYS), suggested: suggested.toISOString().slice(0, 10) };
}

/** The until date a draft names, as a date, or null. */
export const untilOf = (draft: ReferralDraft) => parseDate(draft.until);

/** What is wrong with the first question's answers (none: nothing). */
export function shareErrors(lang: Lang, offer: ReferralOffer, draft: ReferralDraft): FieldError[] {
  const partner = offer.partnerName;
  const errors: FieldError[] = [];
  if (draft.fields.length === 0) errors.push({ field: 'fields', message: say(lang, T.fieldsMissing) });
  const typed = (field: 'contact' | 'message', text: string, max: number, missing: Message, notChosen: Message, tooLong: Message) => {
    if (draft.fields.includes(field) && text === '') errors.push({ field, message: say(lang, missing, { partner }) });
    else if (!draft.fields.includes(field) && text !== '') errors.push({ field, message: say(lang, notChosen, { partner }) });
    else if (text.length > max) errors.push({ field, message: say(lang, tooLong, { max: max.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB') }) });
  };
  typed('contact', draft.contact, CONTACT_MAX, T.contactMissing, T.contactNotChosen, T.contactTooLong);
  typed('message', draft.message, MESSAGE_MAX, T.messageMissing, T.messageNotChosen, T.messageTooLong);
  return errors;
}

/** What is wrong with the date (none: nothing). */
export function untilErrors(lang: Lang, draft: ReferralDraft, today: string): FieldError[] {
  const bounds = untilBounds(today);
  const until = untilOf(draft);
  if (!until) return [{ field: 'until', message: say(lang, T.untilBad, { example: danishDate(bounds.suggested) }) }];
  if (until < bounds.min) return [{ field: 'until', message: say(lang, T.untilPast) }];
  if (until > bounds.max) return [{ field: 'until', message: say(lang, T.untilTooFar, { max: formatDay(lang, bounds.max) }) }];
  return [];
}

const danishDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** The answers so far as hidden fields, for the next page's form (`except`: the ones that page asks again). */
function carried(draft: ReferralDraft, except: 'share' | 'until' | null): Html {
  return html`${except === 'share' ? null : draft.fields.map((f) => hidden('fields', f))}${except === 'share' ? null : hidden('contact', draft.contact)}${except === 'share' ? null : hidden('message', draft.message)}${except === 'until' ? null : hidden('until', draft.until)}`;
}

/** A checkbox of the first question, with (for contact and message) the field it reveals. */
function shareBox(lang: Lang, offer: ReferralOffer, draft: ReferralDraft, field: SharedField, index: number, errors: readonly FieldError[]): Html {
  const partner = offer.partnerName;
  const id = index === 0 ? 'fields' : `fields-${index + 1}`;
  const checked = draft.fields.includes(field);
  const hint = field === 'name' ? say(lang, T.nameHint) : field === 'goals' ? say(lang, T.goalsHint, { partner }) : undefined;
  const reveals = field === 'contact' || field === 'message';
  const box = html`<div class="form-group-checkbox">
<input type="checkbox" id="${id}" name="fields" value="${field}" class="form-checkbox${reveals ? ' js-checkbox-toggle-content' : ''}"${attr('checked', checked)}${attr('aria-describedby', hint ? `${id}-hint` : undefined)}${reveals ? html` data-aria-controls="${field}-collapse" data-aria-expanded="${checked ? 'true' : 'false'}"` : null}>
<label class="form-label" for="${id}">${say(lang, SHARE_CHOICE_LABELS[field])}</label>${hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : null}
</div>`;
  if (!reveals) return box;
  // Shown until DKFDS's script hides it under an unticked box: without JavaScript it is always there, with its hint.
  const revealed =
    field === 'contact'
      ? textInput({ lang, id: 'contact', label: say(lang, T.contactLabel, { partner }), hint: `${say(lang, T.contactHint)} ${say(lang, T.contactHintNoScript)}`, value: draft.contact, maxLength: CONTACT_MAX, required: false, autocomplete: 'off', ...(errorFor(errors, 'contact') ? { error: errorFor(errors, 'contact') } : {}) })
      : textArea({ lang, id: 'message', label: say(lang, T.messageLabel, { partner }), hint: say(lang, T.messageHint, { partner }), value: draft.message, maxLength: MESSAGE_MAX, rows: 4, required: false, ...(errorFor(errors, 'message') ? { error: errorFor(errors, 'message') } : {}) });
  return html`<div class="hidden-content-wrapper${checked ? ' show-content' : ''}">${box}<div id="${field}-collapse" class="checkbox-content">${revealed}</div></div>`;
}

/** The first question: what to share. */
export function sharePage(context: PageContext, offer: ReferralOffer, draft: ReferralDraft, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const partner = offer.partnerName;
  const fieldsError = errorFor(errors, 'fields');
  const describedBy = ['fields-hint', fieldsError ? 'fields-error' : ''].filter(Boolean).join(' ');
  const fieldset = html`<div class="form-group${fieldsError ? ' form-error' : ''}">
<fieldset aria-describedby="${describedBy}">
<legend class="form-label">${say(lang, T.shareLegend, { partner })}</legend>
<span class="form-hint" id="fields-hint">${say(lang, T.shareHint)}</span>${errorOf(lang, 'fields', fieldsError)}
${SHARED_FIELDS.map((f, i) => shareBox(lang, offer, draft, f, i, errors))}
</fieldset>
</div>`;
  return page(context, {
    title: say(lang, T.shareTitle, { partner }),
    back: `${CATALOGUE_PATH}/${offer.offerId}`,
    errors,
    body: html`<p>${say(lang, T.shareLead, { partner, offer: offerTitleTextOf(lang, offer) })}</p>
${postForm(context, `${REFERRAL_PATH}/${offer.offerId}`, html`${carried(draft, 'share')}${fieldset}${button(say(lang, T.continue), { id: 'continue' })}`, { idempotent: false, id: 'share-form' })}`,
  });
}

const offerTitleTextOf = (lang: Lang, offer: ReferralOffer) => (lang === 'en' && offer.titleEn ? offer.titleEn : offer.title);

/** The second question: until when. */
export function untilPage(context: PageContext, offer: ReferralOffer, draft: ReferralDraft, today: string, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const partner = offer.partnerName;
  const bounds = untilBounds(today);
  const value = draft.until === '' ? bounds.suggested : (parseDate(draft.until) ?? draft.until);
  return page(context, {
    title: say(lang, T.untilTitle, { partner }),
    errors,
    body: postForm(
      context,
      `${REFERRAL_PATH}/${offer.offerId}/varighed`,
      html`${carried(draft, 'until')}${dateInput({ lang, id: 'until', label: say(lang, T.untilLabel), hint: say(lang, T.untilHint, { max: formatDay(lang, bounds.max) }), value, ...(errorFor(errors, 'until') ? { error: errorFor(errors, 'until') } : {}) })}
${button(say(lang, T.continue), { id: 'continue' })}`,
      { idempotent: false, id: 'until-form' },
    ),
  });
}

/** A "Ret" in a row of the check page: a button that takes the answers back to their question. */
function changeButton(context: PageContext, offer: ReferralOffer, draft: ReferralDraft, step: 'share' | 'until', what: string): Html {
  const { lang } = context;
  return postForm(
    context,
    `${REFERRAL_PATH}/${offer.offerId}/ret`,
    html`${carried(draft, null)}${hidden('step', step)}<button type="submit" class="function-link" id="change-${step}">${say(lang, T.change)}<span class="sr-only"> ${what.toLowerCase()}</span></button>`,
    { idempotent: false },
  );
}

/** "Tjek dine svar": every answer, each with its "Ret", then the consent. */
export function checkReferralPage(context: PageContext, offer: ReferralOffer, draft: ReferralDraft, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const partner = offer.partnerName;
  const until = untilOf(draft) ?? draft.until;
  const rows: { label: string; value: Html | string; change?: 'share' | 'until' }[] = [
    { label: say(lang, T.partner), value: partner },
    { label: say(lang, T.offer), value: offerTitle(lang, offer) },
    { label: say(lang, T.purpose), value: capitalise(say(lang, SHARING_PURPOSE_LABELS.referral_to_offer, { partner })) },
    { label: say(lang, T.shared), value: html`<ul class="nobullet-list" id="shared-fields">${draft.fields.map((f) => html`<li>${say(lang, SHARE_CHOICE_LABELS[f])}</li>`)}</ul>`, change: 'share' },
    ...(draft.fields.includes('contact') ? [{ label: say(lang, T.contact), value: draft.contact, change: 'share' as const }] : []),
    ...(draft.fields.includes('message') ? [{ label: say(lang, T.message), value: draft.message, change: 'share' as const }] : []),
    { label: say(lang, T.until), value: formatDay(lang, until), change: 'until' },
  ];
  const table = html`<div class="table--responsive-scroll"><table class="table structured-list"><tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.label}</th><td>${r.value}</td><td class="d-print-none">${r.change ? changeButton(context, offer, draft, r.change, r.label) : null}</td></tr>`,
  )}</tbody></table></div>`;
  return page(context, {
    title: say(lang, T.checkTitle),
    errors,
    body: html`${table}
<p>${say(lang, T.confirmText, { partner, until: formatDay(lang, until) })}</p>
${postForm(context, `${REFERRAL_PATH}/${offer.offerId}/tjek`, html`${carried(draft, null)}${button(say(lang, T.confirm), { id: 'confirm' })}`, { id: 'confirm-form' })}
<p><a href="${CATALOGUE_PATH}/${offer.offerId}" id="not-now">${say(lang, T.notNow)}</a></p>`,
  });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** No journey under way: a referral belongs to one; how to start one (never a must). */
export function noJourneyPage(context: PageContext, offerId: string): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.noJourneyTitle),
    back: `${CATALOGUE_PATH}/${offerId}`,
    body: html`<p>${say(lang, T.noJourneyText)}</p>
<p><a class="button button-secondary" href="/mine-sider" id="to-mine">${say(lang, T.toMine)}</a></p>`,
  });
}

/** Where the decider's refusal of a referral is said: on the question its field belongs to (the route shows that page). */
export const REFERRAL_INVALID_AT: InvalidAt = {
  fields: { field: 'fields', message: T.fieldsMissing },
  contact: { field: 'contact', message: { da: `Skriv, hvordan du kan kontaktes (højst ${CONTACT_MAX} tegn)`, en: `Write how you can be reached (at most ${CONTACT_MAX} characters)` } },
  message: { field: 'message', message: { da: 'Skriv din besked (højst 2.000 tegn)', en: 'Write your message (at most 2,000 characters)' } },
  until: { field: 'until', message: { da: 'Vælg en dato fra i dag og højst et år frem', en: 'Choose a date from today and at most a year ahead' } },
};
