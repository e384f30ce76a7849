/**
 * The staff's pages about the centre's partners (/medarbejder/medspillere): the partners the
 * centre registered and registering one (its kind, name, CVR number under the modulus-11 check,
 * its contact person); a partner's page with its agreements with the centre; signing an agreement
 * as both sides signed it (scope, kinds of offer covered, period, a payment if any in kroner, both
 * sides' signatories and the SHA-256 of the signed document — worked out in the browser from the
 * file, which is never sent, or pasted without JavaScript); amending, renewing and terminating it
 * (asked once). Staff screens group their fields.
 */
import { CONTACT_NAME_MAX, EMAIL_MAX, NAME_MAX, PHONE_MAX } from '../../domain/partner/decide.js';
import { PARTNER_KINDS } from '../../domain/partner/partner.js';
import { PAYMENT_BASES, SIDES } from '../../domain/agreement/agreement.js';
import { REASON_MAX, SCOPE_MAX, SIGNATORY_TEXT_MAX } from '../../domain/agreement/decide.js';
import { CENTRE_OFFER_KINDS } from '../../domain/journey/journey.js';
import type { AgreementVersionView, AgreementView, ListedOffer, PartnerView } from '../../projections/catalogue/queries.js';
import { button, capitalised, checkboxGroup, dateInput, errorFor, type FieldError, kronerInput, notice, postForm, radioGroup, select, table, textArea, textInput, summaryList } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { type InvalidAt, kindName, PARTNER_KIND_LABELS, PAYMENT_BASIS_LABELS, SIDE_LABELS } from './catalogue-parts.js';
import { type OfferNotice, offersList } from './catalogue-offer.js';
import { agreementSummary, kindsText, type OpenedSignatories, periodText, STAFF_AGREEMENTS, STAFF_PARTNERS, staffPartnersNav, standingBadge, standingOf, versionsTable } from './partner-parts.js';

/** Where the page's script that works out a document's SHA-256 is served (a page may load only our own scripts). */
export const SHA256_SCRIPT_PATH = `${STAFF_PARTNERS}/dokument-fingeraftryk.js`;

/**
 * The SHA-256 of the file chosen, worked out in the browser (Web Crypto) and written into the
 * hash field; the file itself is never sent (its input has no name). Without the script, or
 * without Web Crypto, the file field stays hidden and the hash is pasted.
 */
export const SHA256_SCRIPT = `(function () {
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-sha256-for]'), function (wrapper) {
      var input = wrapper.querySelector('input[type="file"]');
      var target = document.getElementById(wrapper.getAttribute('data-sha256-for'));
      var status = wrapper.querySelector('[data-sha256-status]');
      if (!input || !target || !status || !window.crypto || !window.crypto.subtle || !window.File || !File.prototype.arrayBuffer) return;
      wrapper.hidden = false;
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        if (!file) return;
        status.textContent = wrapper.getAttribute('data-working');
        file.arrayBuffer().then(function (buffer) { return window.crypto.subtle.digest('SHA-256', buffer); }).then(function (digest) {
          target.value = hex(digest);
          status.textContent = wrapper.getAttribute('data-done');
        }, function () { status.textContent = wrapper.getAttribute('data-failed'); });
      });
    });
  });
})();
`;

const T = {
  partnersTitle: { da: 'Medspillere', en: 'Partners' },
  partnersLead: {
    da: 'Centrets lokale medspillere: virksomheder, foreninger, skoler, sundhedstilbud og andre, der er med i husets tilbud under en skriftlig samarbejdsaftale.',
    en: 'The centre’s local partners: businesses, associations, schools, health services and others who take part in the house’s offers under a written partner agreement.',
  },
  none: { da: 'Centret har ikke registreret nogen medspillere endnu.', en: 'The centre has not registered any partners yet.' },
  partners: { da: 'Centrets medspillere', en: 'The centre’s partners' },
  name: { da: 'Navn', en: 'Name' },
  kind: { da: 'Slags', en: 'Kind' },
  cvr: { da: 'CVR-nummer', en: 'CVR number' },
  registered: { da: 'Registreret', en: 'Registered' },
  register: { da: 'Registrér en medspiller', en: 'Register a partner' },
  partnerGroup: { da: 'Medspilleren', en: 'The partner' },
  contactGroup: { da: 'Kontaktperson', en: 'Contact person' },
  kindLabel: { da: 'Slags medspiller', en: 'Kind of partner' },
  chooseKind: { da: 'Vælg slags', en: 'Choose a kind' },
  nameLabel: { da: 'Organisationens navn', en: 'The organisation’s name' },
  cvrHint: { da: '8 cifre. Kun hvis medspilleren har et CVR-nummer.', en: '8 digits. Only if the partner has a CVR number.' },
  contactName: { da: 'Kontaktpersonens navn', en: 'The contact person’s name' },
  contactEmail: { da: 'E-mail', en: 'E-mail' },
  contactPhone: { da: 'Telefon', en: 'Phone' },
  registerButton: { da: 'Registrér medspilleren', en: 'Register the partner' },
  registeredOk: { da: 'Medspilleren er registreret. Det kan tage et øjeblik, før den vises i listerne.', en: 'The partner is registered. It may take a moment before it shows in the lists.' },
  contactErased: { da: 'Kontaktpersonens oplysninger er slettet.', en: 'The contact person’s details have been erased.' },
  agreementsHeading: { da: 'Aftaler med centret', en: 'Agreements with the centre' },
  noAgreements: { da: 'Medspilleren har ingen aftale med centret endnu.', en: 'The partner has no agreement with the centre yet.' },
  agreements: { da: 'Aftalerne', en: 'The agreements' },
  agreement: { da: 'Aftale', en: 'Agreement' },
  period: { da: 'Periode', en: 'Period' },
  status: { da: 'Status', en: 'Status' },
  version: { da: 'Version', en: 'Version' },
  sign: { da: 'Registrér en underskrevet aftale', en: 'Record a signed agreement' },
  signTitle: { da: 'Registrér en underskrevet aftale med {partner}', en: 'Record a signed agreement with {partner}' },
  amendTitle: { da: 'Ændr aftalen med {partner}', en: 'Amend the agreement with {partner}' },
  renewTitle: { da: 'Forny aftalen med {partner}', en: 'Renew the agreement with {partner}' },
  signLead: {
    da: 'Registrér aftalen, som begge parter har skrevet den under. Selve dokumentet gemmes ikke her: kun dets fingeraftryk, så man siden kan se, hvilket dokument der blev skrevet under.',
    en: 'Record the agreement as both sides signed it. The document itself is not kept here: only its fingerprint, so that one can later tell which document was signed.',
  },
  amendLead: { da: 'En ændring er en ny version af aftalen med et nyt underskrevet dokument. De tidligere versioner kan stadig læses.', en: 'An amendment is a new version of the agreement with a newly signed document. The earlier versions can still be read.' },
  renewLead: { da: 'En fornyelse er de samme vilkår for en længere periode, skrevet under igen: en ny version med en senere slutdato.', en: 'A renewal is the same terms for a longer period, signed again: a new version with a later end date.' },
  termsGroup: { da: 'Vilkårene', en: 'The terms' },
  scope: { da: 'Formål og indhold', en: 'Scope' },
  scopeHint: { da: 'Hvad medspilleren og centret laver sammen.', en: 'What the partner and the centre do together.' },
  kinds: { da: 'Slags tilbud, aftalen dækker', en: 'Kinds of offer it covers' },
  periodGroup: { da: 'Perioden', en: 'The period' },
  startDate: { da: 'Første dag', en: 'First day' },
  endDate: { da: 'Sidste dag', en: 'Last day' },
  endDateRenew: { da: 'Ny sidste dag', en: 'New last day' },
  dateHint: { da: 'Fx 31-12-2027', en: 'For example 31-12-2027' },
  paymentGroup: { da: 'Betaling', en: 'Payment' },
  paymentLead: { da: 'Medspillere er normalt ulønnede. Udfyld kun, hvis aftalen siger, at centret betaler.', en: 'Partners are normally unpaid. Fill this in only if the agreement says the centre pays.' },
  basis: { da: 'Hvordan betales der?', en: 'How is it paid?' },
  noPayment: { da: 'Ingen betaling', en: 'No payment' },
  amount: { da: 'Beløb', en: 'Amount' },
  amountHint: { da: 'I kroner, fx 12.500,00', en: 'In kroner, for example 12,500.00' },
  signatoriesPartner: { da: 'Underskrevet for medspilleren', en: 'Signed for the partner' },
  signatoriesCentre: { da: 'Underskrevet for centret', en: 'Signed for the centre' },
  signatoryName: { da: 'Navn', en: 'Name' },
  signatoryTitle: { da: 'Stilling', en: 'Title' },
  secondName: { da: 'Anden underskriver: navn', en: 'Second signatory: name' },
  secondTitle: { da: 'Anden underskriver: stilling', en: 'Second signatory: title' },
  documentGroup: { da: 'Det underskrevne dokument', en: 'The signed document' },
  file: { da: 'Vælg dokumentet', en: 'Choose the document' },
  fileHint: { da: 'Siden regner dokumentets fingeraftryk ud her i browseren. Dokumentet bliver ikke sendt og gemmes ikke.', en: 'The page works out the document’s fingerprint here in the browser. The document is not sent and is not kept.' },
  fileWorking: { da: 'Fingeraftrykket regnes ud …', en: 'Working out the fingerprint …' },
  fileDone: { da: 'Fingeraftrykket er skrevet i feltet herunder.', en: 'The fingerprint is written in the field below.' },
  fileFailed: { da: 'Fingeraftrykket kunne ikke regnes ud. Indsæt det i feltet herunder.', en: 'The fingerprint could not be worked out. Paste it in the field below.' },
  hash: { da: 'Dokumentets fingeraftryk (SHA-256)', en: 'The document’s fingerprint (SHA-256)' },
  hashHint: { da: '64 tegn, 0–9 og a–f. Fx fra kommandoen sha256sum, eller regnet ud af siden fra dokumentet.', en: '64 characters, 0–9 and a–f. For example from the sha256sum command, or worked out by the page from the document.' },
  signButton: { da: 'Registrér aftalen', en: 'Record the agreement' },
  amendButton: { da: 'Registrér ændringen', en: 'Record the amendment' },
  renewButton: { da: 'Registrér fornyelsen', en: 'Record the renewal' },
  agreementTitle: { da: 'Samarbejdsaftale med {partner}', en: 'Partner agreement with {partner}' },
  inEffect: { da: 'Det gælder nu', en: 'What applies now' },
  versionsHeading: { da: 'Versioner', en: 'Versions' },
  changeHeading: { da: 'Ændr, forny eller opsig', en: 'Amend, renew or terminate' },
  amend: { da: 'Ændr aftalen', en: 'Amend the agreement' },
  renew: { da: 'Forny aftalen', en: 'Renew the agreement' },
  terminate: { da: 'Opsig aftalen', en: 'Terminate the agreement' },
  signedOk: { da: 'Aftalen er registreret. Det kan tage et øjeblik, før den vises.', en: 'The agreement is recorded. It may take a moment before it shows.' },
  amendedOk: { da: 'Ændringen er registreret som en ny version. Det kan tage et øjeblik, før den vises.', en: 'The amendment is recorded as a new version. It may take a moment before it shows.' },
  renewedOk: { da: 'Fornyelsen er registreret som en ny version. Det kan tage et øjeblik, før den vises.', en: 'The renewal is recorded as a new version. It may take a moment before it shows.' },
  terminatedOk: { da: 'Aftalen er opsagt. Det kan tage et øjeblik, før det vises.', en: 'The agreement is terminated. It may take a moment before it shows.' },
  terminateTitle: { da: 'Vil du registrere, at aftalen er opsagt?', en: 'Do you want to record that the agreement is terminated?' },
  terminateText: {
    da: 'Aftalen med {partner} slutter med det samme. Medspillerens tilbud under den forsvinder fra kataloget, og ingen nye kan begynde i dem; de, der allerede er med, kan gøre det færdigt. En opsagt aftale kan ikke komme tilbage: indgå en ny i stedet.',
    en: 'The agreement with {partner} ends at once. The partner’s offers under it leave the catalogue and nobody new can start in them; those already taking part may finish. A terminated agreement cannot come back: sign a new one instead.',
  },
  by: { da: 'Hvem opsiger aftalen?', en: 'Who terminates the agreement?' },
  reason: { da: 'Begrundelse', en: 'Reason' },
  reasonHint: { da: 'Om aftalen, aldrig om en person.', en: 'About the agreement, never about a person.' },
  terminateButton: { da: 'Ja, registrér opsigelsen', en: 'Yes, record the termination' },
  keep: { da: 'Nej, behold aftalen', en: 'No, keep the agreement' },
  ownOffersTitle: { da: 'Centrets egne tilbud', en: 'The centre’s own offers' },
  ownOffersLead: { da: 'De tilbud, centret selv står for, i tilbudskataloget. Medspillernes tilbud udgiver de selv under deres aftaler.', en: 'The offers the centre itself runs, in the offer catalogue. Partners publish their own offers under their agreements.' },
  erased: { da: 'Slettet', en: 'Erased' },
  bySide: { da: 'for {side}', en: 'for {side}' },
  amountMissing: { da: 'Skriv beløbet i kroner, fx 12.500,00', en: 'Write the amount in kroner, for example 12,500.00' },
  basisMissing: { da: 'Vælg, hvordan beløbet betales, eller slet beløbet', en: 'Choose how the amount is paid, or delete the amount' },
  signatoryMissing: { da: 'Skriv navnet på den, der skrev under for {side}', en: 'Write the name of whoever signed for {side}' },
  dateBad: { da: 'Skriv datoen som dd-mm-åååå, fx 31-12-2027', en: 'Write the date as dd-mm-yyyy, for example 31-12-2027' },
  cvrDigits: { da: 'Et CVR-nummer har 8 cifre', en: 'A CVR number has 8 digits' },
  cvrCheck: {
    da: 'CVR-nummeret er ikke gyldigt: kontrolcifferet passer ikke (modulus 11). Tjek, at det er skrevet rigtigt',
    en: 'The CVR number is not valid: its check digit does not match (modulus 11). Check that it is typed correctly',
  },
} satisfies Record<string, Message>;

// ---- Partners ----

export const PARTNER_FIELDS = ['kind', 'name', 'cvr', 'contactName', 'contactEmail', 'contactPhone'] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];
export interface PartnerForm {
  values: Partial<Record<PartnerField, string>>;
  errors: FieldError[];
}

/** Where each refused value of the partner decider goes on the form (the CVR number's two errors are told apart by `cvrError`). */
export const PARTNER_INVALID_AT: InvalidAt = {
  kind: { field: 'kind', message: { da: 'Vælg, hvilken slags medspiller det er', en: 'Choose which kind of partner it is' } },
  name: { field: 'name', message: { da: `Skriv organisationens navn (højst ${NAME_MAX} tegn)`, en: `Write the organisation’s name (at most ${NAME_MAX} characters)` } },
  cvr: { field: 'cvr', message: T.cvrCheck },
  'contact.name': { field: 'contactName', message: { da: `Skriv kontaktpersonens navn (højst ${CONTACT_NAME_MAX} tegn)`, en: `Write the contact person’s name (at most ${CONTACT_NAME_MAX} characters)` } },
  'contact.email': { field: 'contactEmail', message: { da: 'Skriv en e-mailadresse som navn@eksempel.dk', en: 'Write an e-mail address such as name@example.dk' } },
  'contact.phone': { field: 'contactPhone', message: { da: 'Skriv et telefonnummer med cifre, mellemrum og + ( ) -', en: 'Write a phone number of digits, spaces and + ( ) -' } },
};

/** The CVR number's refusal as typed: not 8 digits, or 8 digits whose modulus-11 check fails. */
export const cvrError = (lang: Lang, typed: string): FieldError => ({ field: 'cvr', message: say(lang, /^\d{8}$/.test(typed.replace(/\s/g, '')) ? T.cvrCheck : T.cvrDigits) });

export function partnersPage(context: PageContext, partners: readonly PartnerView[], form?: PartnerForm, registered = false): Html {
  const { lang } = context;
  const v = form?.values ?? {};
  const errors = form?.errors ?? [];
  const e = (field: string) => (errorFor(errors, field) ? { error: errorFor(errors, field)! } : {});
  const list =
    partners.length === 0
      ? html`<p id="no-partners">${say(lang, T.none)}</p>`
      : table(
          say(lang, T.partners),
          [{ text: say(lang, T.name) }, { text: say(lang, T.kind) }, { text: say(lang, T.cvr) }, { text: say(lang, T.registered) }],
          partners.map((p) => [
            { value: html`<a href="${STAFF_PARTNERS}/${p.partnerId}">${p.name}</a>`, header: true },
            { value: capitalised(say(lang, PARTNER_KIND_LABELS[p.kind])) },
            { value: p.cvr ?? '–' },
            { value: formatDay(lang, p.registeredAt) },
          ]),
        );
  const formHtml = postForm(
    context,
    STAFF_PARTNERS,
    html`<fieldset><legend class="h3">${say(lang, T.partnerGroup)}</legend>
${select({ lang, id: 'kind', label: say(lang, T.kindLabel), choices: [{ value: '', label: say(lang, T.chooseKind) }, ...PARTNER_KINDS.map((k) => ({ value: k, label: capitalised(say(lang, PARTNER_KIND_LABELS[k])) }))], selected: v.kind, ...e('kind') })}
${textInput({ lang, id: 'name', label: say(lang, T.nameLabel), value: v.name, maxLength: NAME_MAX, autocomplete: 'organization', ...e('name') })}
${textInput({ lang, id: 'cvr', label: say(lang, T.cvr), hint: say(lang, T.cvrHint), value: v.cvr, maxLength: 11, required: false, autocomplete: 'off', ...e('cvr') })}
</fieldset>
<fieldset class="mt-6"><legend class="h3">${say(lang, T.contactGroup)}</legend>
${textInput({ lang, id: 'contactName', label: say(lang, T.contactName), value: v.contactName, maxLength: CONTACT_NAME_MAX, autocomplete: 'off', ...e('contactName') })}
${textInput({ lang, id: 'contactEmail', label: say(lang, T.contactEmail), value: v.contactEmail, type: 'email', maxLength: EMAIL_MAX, required: false, autocomplete: 'off', ...e('contactEmail') })}
${textInput({ lang, id: 'contactPhone', label: say(lang, T.contactPhone), value: v.contactPhone, type: 'tel', maxLength: PHONE_MAX, required: false, autocomplete: 'off', ...e('contactPhone') })}
</fieldset>
${button(say(lang, T.registerButton), { id: 'register-partner' })}`,
    { id: 'register-form' },
  );
  return page(context, {
    title: say(lang, T.partnersTitle),
    errors,
    body: html`${staffPartnersNav(context)}
${notice(registered ? say(lang, T.registeredOk) : null)}
<p class="font-lead">${say(lang, T.partnersLead)}</p>
${list}
<h2 id="register">${say(lang, T.register)}</h2>
${formHtml}`,
  });
}

/** A partner's contact person, opened (null: erased). */
export type OpenedContact = { name: string | null; email: string | null; phone: string | null } | null;

export type PartnerNotice = 'signed' | null;

/** One partner: who it is, its contact person, and its agreements with this centre. */
export function partnerStaffPage(context: PageContext, p: PartnerView, contact: OpenedContact, agreements: readonly AgreementView[], today: string, shown: PartnerNotice): Html {
  const { lang } = context;
  const said = shown === 'signed' ? T.signedOk : null;
  return page(context, {
    title: p.name,
    back: STAFF_PARTNERS,
    body: html`${staffPartnersNav(context)}
${notice(said ? say(lang, said) : null)}
${summaryList([
  { label: say(lang, T.kind), value: capitalised(say(lang, PARTNER_KIND_LABELS[p.kind])) },
  { label: say(lang, T.cvr), value: p.cvr ?? '–' },
  { label: say(lang, T.contactGroup), value: contact === null ? say(lang, T.contactErased) : [contact.name, contact.email, contact.phone].filter((x): x is string => !!x).join(', ') },
  { label: say(lang, T.registered), value: formatDay(lang, p.registeredAt) },
])}
<h2>${say(lang, T.agreementsHeading)}</h2>
${
  agreements.length === 0
    ? html`<p id="no-agreements">${say(lang, T.noAgreements)}</p>`
    : table(
        say(lang, T.agreements),
        [{ text: say(lang, T.agreement) }, { text: say(lang, T.period) }, { text: say(lang, T.status) }, { text: say(lang, T.version), numeric: true }],
        agreements.map((a) => [
          { value: html`<a href="${STAFF_AGREEMENTS}/${a.agreementId}">${kindsText(lang, a.terms.offerKinds)}</a>`, header: true },
          { value: periodText(lang, a.terms) },
          { value: standingBadge(lang, a, today) },
          { value: a.terms.version, numeric: true },
        ]),
      )
}
<p><a class="button button-primary" href="${STAFF_PARTNERS}/${p.partnerId}/aftale" id="sign-agreement">${say(lang, T.sign)}</a></p>`,
  });
}

// ---- Agreements ----

export type AgreementMode = 'sign' | 'amend' | 'renew';

export const AGREEMENT_TEXT_FIELDS = [
  'scope',
  'startDate',
  'endDate',
  'paymentBasis',
  'paymentAmount',
  'documentSha256',
  'partnerSigner1',
  'partnerSignerTitle1',
  'partnerSigner2',
  'partnerSignerTitle2',
  'centreSigner1',
  'centreSignerTitle1',
  'centreSigner2',
  'centreSignerTitle2',
] as const;
export type AgreementTextField = (typeof AGREEMENT_TEXT_FIELDS)[number];
export interface AgreementForm {
  values: Partial<Record<AgreementTextField, string>>;
  offerKinds: string[];
  errors: FieldError[];
}

/** Where each refused value of the agreement decider goes on the form (a signatory's by the order the route sent them in). */
export function agreementInvalidAt(signatoryFields: readonly string[]): InvalidAt {
  const at: Record<string, { field: string; message: Message }> = {
    scope: { field: 'scope', message: { da: `Skriv aftalens formål og indhold (højst ${SCOPE_MAX} tegn)`, en: `Write the agreement’s scope (at most ${SCOPE_MAX} characters)` } },
    offerKinds: { field: 'offerKinds', message: { da: 'Vælg mindst én slags tilbud, aftalen dækker', en: 'Choose at least one kind of offer the agreement covers' } },
    startDate: { field: 'startDate', message: T.dateBad },
    endDate: { field: 'endDate', message: { da: 'Skriv en sidste dag efter den første og ikke før i dag (en fornyelse: efter den nuværende sidste dag), som dd-mm-åååå', en: 'Write a last day after the first and not before today (a renewal: after the present last day), as dd-mm-yyyy' } },
    'payment.amountOre': { field: 'paymentAmount', message: { da: 'Skriv et beløb over 0 kr. og højst 100.000.000 kr.', en: 'Write an amount above DKK 0 and at most DKK 100,000,000' } },
    'payment.basis': { field: 'paymentBasis', message: T.basisMissing },
    documentSha256: {
      field: 'documentSha256',
      message: { da: 'Skriv det underskrevne dokuments SHA-256: 64 tegn, 0–9 og a–f (en ny version er et nyt dokument med et andet fingeraftryk)', en: 'Write the signed document’s SHA-256: 64 characters, 0–9 and a–f (a new version is a new document with another fingerprint)' },
    },
    signatories: { field: 'partnerSigner1', message: { da: 'Skriv, hvem der skrev under for hver side', en: 'Write who signed for each side' } },
  };
  signatoryFields.forEach((field, i) => {
    at[`signatories.${i}.name`] = { field, message: { da: `Skriv underskriverens navn (højst ${SIGNATORY_TEXT_MAX} tegn)`, en: `Write the signatory’s name (at most ${SIGNATORY_TEXT_MAX} characters)` } };
    at[`signatories.${i}.title`] = { field: field.replace('Signer', 'SignerTitle'), message: { da: `Stillingen kan højst være ${SIGNATORY_TEXT_MAX} tegn`, en: `The title can be at most ${SIGNATORY_TEXT_MAX} characters` } };
  });
  return at;
}

/** What an agreement form says at a field the route finds wrong before any command. */
export const agreementErrors = {
  date: (lang: Lang, field: 'startDate' | 'endDate'): FieldError => ({ field, message: say(lang, T.dateBad) }),
  amount: (lang: Lang): FieldError => ({ field: 'paymentAmount', message: say(lang, T.amountMissing) }),
  basis: (lang: Lang): FieldError => ({ field: 'paymentBasis', message: say(lang, T.basisMissing) }),
  signatory: (lang: Lang, side: 'partner' | 'centre'): FieldError => ({ field: `${side}Signer1`, message: say(lang, T.signatoryMissing, { side: say(lang, SIDE_LABELS[side]) }) }),
};

function signatoryGroup(lang: Lang, side: 'partner' | 'centre', v: AgreementForm['values'], e: (f: string) => { error?: string }): Html {
  const f = (n: 1 | 2, title: boolean) => `${side}Signer${title ? 'Title' : ''}${n}` as AgreementTextField;
  const legend = side === 'partner' ? T.signatoriesPartner : T.signatoriesCentre;
  return html`<fieldset class="mt-6"><legend class="h3">${say(lang, legend)}</legend>
${textInput({ lang, id: f(1, false), label: say(lang, T.signatoryName), value: v[f(1, false)], maxLength: SIGNATORY_TEXT_MAX, autocomplete: 'off', ...e(f(1, false)) })}
${textInput({ lang, id: f(1, true), label: say(lang, T.signatoryTitle), value: v[f(1, true)], maxLength: SIGNATORY_TEXT_MAX, required: false, autocomplete: 'off', ...e(f(1, true)) })}
${textInput({ lang, id: f(2, false), label: say(lang, T.secondName), value: v[f(2, false)], maxLength: SIGNATORY_TEXT_MAX, required: false, autocomplete: 'off', ...e(f(2, false)) })}
${textInput({ lang, id: f(2, true), label: say(lang, T.secondTitle), value: v[f(2, true)], maxLength: SIGNATORY_TEXT_MAX, required: false, autocomplete: 'off', ...e(f(2, true)) })}
</fieldset>`;
}

/** Signing, amending or renewing: the fields each needs, grouped; the document's hash from the file in the browser, or pasted. */
export function agreementFormPage(context: PageContext, o: { mode: AgreementMode; partnerName: string; action: string; back: string; form?: AgreementForm }): Html {
  const { lang } = context;
  const form = o.form ?? { values: {}, offerKinds: [], errors: [] };
  const v = form.values;
  const e = (field: string) => (errorFor(form.errors, field) ? { error: errorFor(form.errors, field)! } : {});
  const terms = o.mode !== 'renew';
  const title = say(lang, o.mode === 'sign' ? T.signTitle : o.mode === 'amend' ? T.amendTitle : T.renewTitle, { partner: o.partnerName });
  const lead = o.mode === 'sign' ? T.signLead : o.mode === 'amend' ? T.amendLead : T.renewLead;
  const body = postForm(
    context,
    o.action,
    html`${
      terms
        ? html`<fieldset><legend class="h3">${say(lang, T.termsGroup)}</legend>
${textArea({ lang, id: 'scope', label: say(lang, T.scope), hint: say(lang, T.scopeHint), value: v.scope, maxLength: SCOPE_MAX, rows: 4, ...e('scope') })}
${checkboxGroup({ lang, id: 'offerKinds', legend: say(lang, T.kinds), required: true, choices: CENTRE_OFFER_KINDS.map((k) => ({ value: k, label: kindName(lang, k) })), checked: form.offerKinds, error: errorFor(form.errors, 'offerKinds') })}
</fieldset>`
        : null
    }
<fieldset class="mt-6"><legend class="h3">${say(lang, T.periodGroup)}</legend>
${o.mode === 'sign' ? dateInput({ lang, id: 'startDate', label: say(lang, T.startDate), hint: say(lang, T.dateHint), value: v.startDate, ...e('startDate') }) : null}
${dateInput({ lang, id: 'endDate', label: say(lang, o.mode === 'renew' ? T.endDateRenew : T.endDate), hint: say(lang, T.dateHint), value: v.endDate, ...e('endDate') })}
</fieldset>
${
  terms
    ? html`<fieldset class="mt-6"><legend class="h3">${say(lang, T.paymentGroup)}</legend>
<p>${say(lang, T.paymentLead)}</p>
${radioGroup({ lang, id: 'paymentBasis', legend: say(lang, T.basis), checked: v.paymentBasis || 'none', choices: [{ value: 'none', label: say(lang, T.noPayment) }, ...PAYMENT_BASES.map((b) => ({ value: b, label: capitalised(say(lang, PAYMENT_BASIS_LABELS[b])) }))], ...e('paymentBasis') })}
${kronerInput({ lang, id: 'paymentAmount', label: say(lang, T.amount), hint: say(lang, T.amountHint), value: v.paymentAmount, required: false, ...e('paymentAmount') })}
</fieldset>`
    : null
}
${signatoryGroup(lang, 'partner', v, e)}
${signatoryGroup(lang, 'centre', v, e)}
<fieldset class="mt-6"><legend class="h3">${say(lang, T.documentGroup)}</legend>
<div class="form-group" hidden data-sha256-for="documentSha256" data-working="${say(lang, T.fileWorking)}" data-done="${say(lang, T.fileDone)}" data-failed="${say(lang, T.fileFailed)}">
<label class="form-label" for="document-file">${say(lang, T.file)}<span class="weight-normal"> ${lang === 'da' ? '(frivilligt)' : '(optional)'}</span></label>
<span class="form-hint" id="document-file-hint">${say(lang, T.fileHint)}</span>
<input type="file" id="document-file" class="form-input" aria-describedby="document-file-hint document-file-status">
<p class="form-hint" id="document-file-status" role="status" data-sha256-status></p>
</div>
${textInput({ lang, id: 'documentSha256', label: say(lang, T.hash), hint: say(lang, T.hashHint), value: v.documentSha256, maxLength: 64, autocomplete: 'off', ...e('documentSha256') })}
</fieldset>
${button(say(lang, o.mode === 'sign' ? T.signButton : o.mode === 'amend' ? T.amendButton : T.renewButton), { id: 'record-agreement' })}`,
    { id: 'agreement-form' },
  );
  return page(context, {
    title,
    back: o.back,
    errors: form.errors,
    body: html`<script src="${SHA256_SCRIPT_PATH}"></script>
<p>${say(lang, lead)}</p>
${body}`,
  });
}

export type AgreementNotice = 'signed' | 'amended' | 'renewed' | 'terminated' | null;

/** An agreement as staff see it: what applies now, every version, and (while it can change) amend, renew, terminate. */
export function staffAgreementPage(
  context: PageContext,
  a: AgreementView,
  versions: readonly (AgreementVersionView & { opened: OpenedSignatories })[],
  signatories: OpenedSignatories,
  today: string,
  shown: AgreementNotice,
): Html {
  const { lang } = context;
  const partner = a.partnerName ?? '–';
  const said = shown === 'signed' ? T.signedOk : shown === 'amended' ? T.amendedOk : shown === 'renewed' ? T.renewedOk : shown === 'terminated' ? T.terminatedOk : null;
  const standing = standingOf(a, today);
  const base = `${STAFF_AGREEMENTS}/${a.agreementId}`;
  return page(context, {
    title: say(lang, T.agreementTitle, { partner }),
    back: `${STAFF_PARTNERS}/${a.partnerId}`,
    body: html`${staffPartnersNav(context)}
${notice(said ? say(lang, said) : null)}
<h2>${say(lang, T.inEffect)}</h2>
${agreementSummary(lang, a, today, signatories)}
${
  a.status === 'signed'
    ? html`<h2>${say(lang, T.changeHeading)}</h2>
<ul class="nobullet-list">
<li><a href="${base}/ret" id="amend">${say(lang, T.amend)}</a></li>
<li><a href="${base}/forny" id="renew">${say(lang, T.renew)}</a></li>
${standing === 'ended' ? null : html`<li><a href="${base}/opsig" id="terminate">${say(lang, T.terminate)}</a></li>`}
</ul>`
    : null
}
<h2>${say(lang, T.versionsHeading)}</h2>
${versionsTable(lang, versions)}`,
  });
}

export interface TerminateForm {
  by?: string;
  reason?: string;
  errors: FieldError[];
}

export const TERMINATE_INVALID_AT: InvalidAt = {
  by: { field: 'by', message: { da: 'Vælg, hvem der opsiger aftalen', en: 'Choose who terminates the agreement' } },
  reason: { field: 'reason', message: { da: `Begrundelsen kan højst være ${REASON_MAX} tegn`, en: `The reason can be at most ${REASON_MAX} characters` } },
};

/** Terminating: asked once; it ends the agreement at once. */
export function terminatePage(context: PageContext, a: AgreementView, form: TerminateForm = { errors: [] }): Html {
  const { lang } = context;
  const partner = a.partnerName ?? '–';
  const base = `${STAFF_AGREEMENTS}/${a.agreementId}`;
  const e = (field: string) => (errorFor(form.errors, field) ? { error: errorFor(form.errors, field)! } : {});
  return page(context, {
    title: say(lang, T.terminateTitle),
    back: base,
    errors: form.errors,
    body: html`<p>${say(lang, T.terminateText, { partner })}</p>
${postForm(
  context,
  `${base}/opsig`,
  html`${radioGroup({ lang, id: 'by', legend: say(lang, T.by), checked: form.by, choices: SIDES.map((s) => ({ value: s, label: capitalised(say(lang, SIDE_LABELS[s])) })), ...e('by') })}
${textArea({ lang, id: 'reason', label: say(lang, T.reason), hint: say(lang, T.reasonHint), value: form.reason, maxLength: REASON_MAX, rows: 3, required: false, ...e('reason') })}
${button(say(lang, T.terminateButton), { id: 'terminate-agreement' })}`,
  { id: 'terminate-form' },
)}
<p><a href="${base}">${say(lang, T.keep)}</a></p>`,
  });
}

/** The centre's own offers in the catalogue. */
export function staffOffersPage(context: PageContext, offers: readonly ListedOffer[], shown: OfferNotice): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.ownOffersTitle),
    body: html`${staffPartnersNav(context)}
<p>${say(lang, T.ownOffersLead)}</p>
${offersList(context, offers, `${STAFF_PARTNERS}/tilbud`, shown)}`,
  });
}
