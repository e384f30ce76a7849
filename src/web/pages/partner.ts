/**
 * A partner's own pages (/partner), for the partner's people: an overview, their offers in the
 * catalogue (published, revised and taken out on the catalogue's offer pages), their agreements
 * with every version (read-only: the centre records what both sides signed), and the referrals
 * citizens agreed to. A referral shows only what the citizen shares now: once the citizen has
 * withdrawn the consent, or its date has passed, it says so and shows nothing more. Never the
 * citizen's id.
 */
import type { SharedField, SharingPurpose } from '../../domain/journey/sharing.js';
import type { AgreementVersionView, AgreementView, ListedOffer } from '../../projections/catalogue/queries.js';
import type { PartnerReferralView } from '../../projections/referrals/queries.js';
import { alert, summaryList, table } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDay, formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { CATALOGUE_PATH, PARTNER_KIND_LABELS, SHARED_FIELD_HEADINGS } from './catalogue-parts.js';
import { type OfferNotice, offersList } from './catalogue-offer.js';
import {
  agreementSummary,
  kindsText,
  type OpenedSignatories,
  PARTNER_AGREEMENTS,
  PARTNER_OFFERS,
  PARTNER_REFERRALS,
  partnerNav,
  periodText,
  standingBadge,
  versionsTable,
} from './partner-parts.js';

const T = {
  homeLead: {
    da: 'Her udgiver I jeres tilbud i tilbudskataloget, ser jeres samarbejdsaftaler med centrene og de henvisninger, borgere selv har sagt ja til.',
    en: 'Here you publish your offers in the offer catalogue, see your partner agreements with the centres, and the referrals citizens themselves have agreed to.',
  },
  kind: { da: 'Slags medspiller', en: 'Kind of partner' },
  offersCount: { da: 'Tilbud i kataloget i dag', en: 'Offers in the catalogue today' },
  agreementsCount: { da: 'Aftaler i kraft', en: 'Agreements in force' },
  referralsCount: { da: 'Henvisninger, hvor borgeren deler oplysninger nu', en: 'Referrals where the citizen shares information now' },
  offersTitle: { da: 'Jeres tilbud', en: 'Your offers' },
  agreementsTitle: { da: 'Jeres aftaler', en: 'Your agreements' },
  agreementsLead: {
    da: 'Samarbejdsaftalerne er skrevet under af jer og centret. Centret registrerer dem, når begge har skrevet under; kontakt centret, hvis en aftale skal ændres, fornyes eller opsiges.',
    en: 'The partner agreements are signed by you and the centre. The centre records them once both have signed; contact the centre if an agreement is to be amended, renewed or terminated.',
  },
  noAgreements: { da: 'I har ingen aftaler endnu.', en: 'You have no agreements yet.' },
  agreements: { da: 'Aftalerne', en: 'The agreements' },
  agreement: { da: 'Aftale', en: 'Agreement' },
  period: { da: 'Periode', en: 'Period' },
  status: { da: 'Status', en: 'Status' },
  version: { da: 'Version', en: 'Version' },
  agreementTitle: { da: 'Samarbejdsaftale', en: 'Partner agreement' },
  versionsHeading: { da: 'Versioner', en: 'Versions' },
  inEffect: { da: 'Det gælder nu', en: 'What applies now' },
  referralsTitle: { da: 'Henvisninger', en: 'Referrals' },
  referralsLead: {
    da: 'Her er de borgere, der selv har sagt ja til at blive henvist til jer. I ser kun det, borgeren har valgt at dele, og kun så længe samtykket gælder. Borgeren kan trække det tilbage når som helst; så ser I ikke mere.',
    en: 'Here are the citizens who themselves agreed to be referred to you. You see only what the citizen chose to share, and only while the consent is in force. The citizen can withdraw it at any time; then you see nothing more.',
  },
  noReferrals: { da: 'Der er ingen henvisninger endnu.', en: 'There are no referrals yet.' },
  referral: { da: 'Henvisning {when}', en: 'Referral {when}' },
  offer: { da: 'Tilbud', en: 'Offer' },
  why: { da: 'Hvorfor', en: 'Why' },
  sharedUntil: { da: 'Borgeren deler til og med {until}', en: 'The citizen shares until {until}' },
  withdrawn: { da: 'Borgeren har trukket samtykket tilbage. I ser ikke mere.', en: 'The citizen has withdrawn the consent. You see nothing more.' },
  expired: { da: 'Samtykket er udløbet. I ser ikke mere.', en: 'The consent has ended. You see nothing more.' },
  erased: { da: 'Borgerens oplysninger er slettet. I ser ikke mere.', en: 'The citizen’s data has been erased. You see nothing more.' },
  noName: { da: 'Borgeren har ikke givet centret et navn.', en: 'The citizen has not given the centre a name.' },
  noGoals: { da: 'Borgeren har ingen mål skrevet lige nu.', en: 'The citizen has no goals written just now.' },
  unknownOffer: { da: 'Et tilbud, der ikke længere er i kataloget', en: 'An offer no longer in the catalogue' },
  unboundTitle: { da: 'Du er ikke logget ind for en medspiller', en: 'You are not signed in for a partner' },
  unboundText: {
    da: 'En medspillers sider hører til den medspiller, man logger ind for. Log ind igen, og vælg den medspiller, du hører til.',
    en: 'A partner’s pages belong to the partner one signs in for. Sign in again, and choose the partner you belong to.',
  },
  signInAgain: { da: 'Log ind igen', en: 'Sign in again' },
} satisfies Record<string, Message>;

/** The partner area's overview: who they are, and how things stand. */
export function partnerHomePage(context: PageContext, partner: { name: string; kind: keyof typeof PARTNER_KIND_LABELS }, counts: { offers: number; agreementsInForce: number; sharedReferrals: number }): Html {
  const { lang } = context;
  return page(context, {
    title: partner.name,
    body: html`${partnerNav(context)}
<p class="font-lead">${say(lang, T.homeLead)}</p>
${summaryList([
  { label: say(lang, T.kind), value: capitalise(say(lang, PARTNER_KIND_LABELS[partner.kind])) },
  { label: say(lang, T.offersCount), value: html`<a href="${PARTNER_OFFERS}">${counts.offers}</a>` },
  { label: say(lang, T.agreementsCount), value: html`<a href="${PARTNER_AGREEMENTS}">${counts.agreementsInForce}</a>` },
  { label: say(lang, T.referralsCount), value: html`<a href="${PARTNER_REFERRALS}">${counts.sharedReferrals}</a>` },
])}`,
  });
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function partnerOffersPage(context: PageContext, offers: readonly ListedOffer[], shown: OfferNotice): Html {
  const { lang } = context;
  return page(context, { title: say(lang, T.offersTitle), body: html`${partnerNav(context)}${offersList(context, offers, PARTNER_OFFERS, shown)}` });
}

export function partnerAgreementsPage(context: PageContext, agreements: readonly AgreementView[], today: string): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.agreementsTitle),
    body: html`${partnerNav(context)}
<p>${say(lang, T.agreementsLead)}</p>
${
  agreements.length === 0
    ? html`<p>${say(lang, T.noAgreements)}</p>`
    : table(
        say(lang, T.agreements),
        [{ text: say(lang, T.agreement) }, { text: say(lang, T.period) }, { text: say(lang, T.status) }, { text: say(lang, T.version), numeric: true }],
        agreements.map((a) => [
          { value: html`<a href="${PARTNER_AGREEMENTS}/${a.agreementId}">${kindsText(lang, a.terms.offerKinds)}</a>`, header: true },
          { value: periodText(lang, a.terms) },
          { value: standingBadge(lang, a, today) },
          { value: a.terms.version, numeric: true },
        ]),
      )
}`,
  });
}

/** One agreement: what applies now, and every version (read-only). */
export function partnerAgreementPage(context: PageContext, a: AgreementView, versions: readonly (AgreementVersionView & { opened: OpenedSignatories })[], signatories: OpenedSignatories, today: string): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.agreementTitle),
    back: PARTNER_AGREEMENTS,
    body: html`${partnerNav(context)}
<h2>${say(lang, T.inEffect)}</h2>
${agreementSummary(lang, a, today, signatories)}
<h2>${say(lang, T.versionsHeading)}</h2>
${versionsTable(lang, versions)}`,
  });
}

/** What a referral shows of what the citizen shares now: each field the consent names, and nothing else. */
function sharedFields(lang: Lang, r: PartnerReferralView): Html {
  const row = (field: SharedField) => {
    const label = say(lang, SHARED_FIELD_HEADINGS[field]);
    if (field === 'name') return { label, value: r.name ?? say(lang, T.noName) };
    if (field === 'contact') return { label, value: r.contact ?? '–' };
    if (field === 'message') return { label, value: r.message ?? '–' };
    const goals = r.goals ?? [];
    return { label, value: goals.length === 0 ? say(lang, T.noGoals) : html`<ul>${goals.map((g) => html`<li>${g}</li>`)}</ul>` };
  };
  return summaryList(r.shared.map(row));
}

/** Why the citizen shares, as the partner reads it. */
const PURPOSE_FOR_PARTNER: Record<SharingPurpose, Message> = {
  referral_to_offer: { da: 'Så I kan tage imod borgeren i tilbuddet', en: 'So that you can welcome the citizen to the offer' },
  mentoring: { da: 'Så I kan være borgerens mentor eller rådgiver', en: 'So that you can be the citizen’s mentor or adviser' },
  introduction: { da: 'Så I kan kontakte borgeren', en: 'So that you can get in touch with the citizen' },
};

const STATUS_TEXT: Record<Exclude<PartnerReferralView['status'], 'shared'>, Message> = { withdrawn: T.withdrawn, expired: T.expired, erased: T.erased };

function referralCard(lang: Lang, r: PartnerReferralView, offerTitle: (offerId: string) => string | null): Html {
  const title = r.catalogueOfferId ? offerTitle(r.catalogueOfferId) : null;
  return html`<div class="card mb-5" id="referral-${r.referralId}"><div class="card-content">
<h2 class="card-heading">${say(lang, T.referral, { when: formatMoment(lang, r.madeAt) })}</h2>
${summaryList([
  ...(r.catalogueOfferId ? [{ label: say(lang, T.offer), value: title ? html`<a href="${CATALOGUE_PATH}/${r.catalogueOfferId}">${title}</a>` : say(lang, T.unknownOffer) }] : []),
  { label: say(lang, T.why), value: say(lang, PURPOSE_FOR_PARTNER[r.purpose]) },
])}
${
  r.status === 'shared'
    ? html`<p><strong>${say(lang, T.sharedUntil, { until: formatDay(lang, r.until) })}</strong></p>
${sharedFields(lang, r)}`
    : alert('info', say(lang, STATUS_TEXT[r.status]), { id: `ended-${r.referralId}` })
}
</div></div>`;
}

export function partnerReferralsPage(context: PageContext, referrals: readonly PartnerReferralView[], offerTitle: (offerId: string) => string | null): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.referralsTitle),
    body: html`${partnerNav(context)}
<p>${say(lang, T.referralsLead)}</p>
${referrals.length === 0 ? html`<p>${say(lang, T.noReferrals)}</p>` : referrals.map((r) => referralCard(lang, r, offerTitle))}`,
  });
}


/** A partner's person signed in for no partner (or one not registered): whose pages these would be is not known. */
export function unboundPartnerPage(context: PageContext): Html {
  const { lang } = context;
  return page(context, { title: say(lang, T.unboundTitle), body: html`<p>${say(lang, T.unboundText)}</p><p><a href="/log-ind" id="sign-in-again">${say(lang, T.signInAgain)}</a></p>` });
}
