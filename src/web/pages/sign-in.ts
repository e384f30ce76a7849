/**
 * Sign-in. Without an identity provider (OIDC_ISSUER unset) a clearly marked local development
 * sign-in: pick a role and a person id (and a centre for staff and board members, the partner for a
 * partner's people, from the partners' read model). With one set,
 * the local sign-in is never offered: the page sends the reader on to the identity provider (the
 * OpenID Connect code flow, src/web/oidc.ts), and says plainly, in the reader's language, when a
 * sign-in did not happen and why, as far as the reader can do something about it.
 */
import { z } from 'zod';
import { type Principal, ROLES } from '../../domain/shared/principal.js';
import type { CentreView } from '../../projections/centres/queries.js';
import { button, type FieldError, icon, postForm, radioGroup, select, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, ROLE_LABELS, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import type { SignInRefusal } from '../oidc.js';
import { PERSON_ID } from '../session.js';

const T = {
  devTitle: { da: 'Lokalt udviklingslogin – kun til udvikling', en: 'Local development sign-in – for development only' },
  devWarning: {
    da: 'Her logger du ind uden at bevise, hvem du er. Det findes kun, fordi der ikke er sat en identitetsudbyder op (OIDC_ISSUER), og må aldrig bruges med rigtige borgere.',
    en: 'Here you sign in without proving who you are. It exists only because no identity provider is configured (OIDC_ISSUER), and must never be used with real citizens.',
  },
  role: { da: 'Rolle', en: 'Role' },
  roleMissing: { da: 'Vælg en rolle', en: 'Choose a role' },
  personId: { da: 'Person-id', en: 'Person id' },
  personIdHint: { da: 'Bogstaver, tal og . _ : @ - (højst 100 tegn). Et nyt id er foreslået.', en: 'Letters, digits and . _ : @ - (at most 100 characters). A new id is suggested.' },
  personIdBad: { da: 'Skriv et person-id med bogstaver, tal og . _ : @ -', en: 'Type a person id of letters, digits and . _ : @ -' },
  centre: { da: 'Center', en: 'Centre' },
  centreHint: { da: 'Kun for medarbejdere og bestyrelsesmedlemmer.', en: 'Only for staff members and board members.' },
  centreNone: { da: 'Intet center', en: 'No centre' },
  centreMissing: { da: 'Vælg det center, en medarbejder eller et bestyrelsesmedlem hører til', en: 'Choose the centre a staff member or board member belongs to' },
  partner: { da: 'Medspilleren, du logger ind for', en: 'The partner you sign in for' },
  partnerHint: { da: 'Kun for en medspillers folk.', en: 'Only for a partner’s people.' },
  partnerNone: { da: 'Ingen medspiller', en: 'No partner' },
  partnerMissing: { da: 'Vælg en medspiller fra listen', en: 'Choose a partner from the list' },
  noPartners: { da: 'Der er ingen medspillere endnu. Et centers medarbejdere registrerer dem.', en: 'There are no partners yet. A centre’s staff register them.' },
  signIn: { da: 'Log ind', en: 'Sign in' },
  oidcTitle: { da: 'Log ind', en: 'Sign in' },
  devOnlyHere: {
    da: 'Det lokale udviklingslogin kan kun bruges fra den maskine, Virkelyst kører på. Log ind gennem identitetsudbyderen, når den er sat op.',
    en: 'The local development sign-in can only be used from the machine Virkelyst runs on. Sign in through the identity provider once it is set up.',
  },
  providerText: {
    da: 'Du bliver sendt videre til identitetsudbyderen for at logge ind, og kommer derefter tilbage hertil.',
    en: 'You are sent on to the identity provider to sign in, and then come back here.',
  },
  providerContinue: { da: 'Fortsæt til login', en: 'Continue to sign in' },
  notConfigured: {
    da: 'Login på disse sider er ikke sat op på denne installation: der er en identitetsudbyder (OIDC_ISSUER), men ingen klient til siderne (OIDC_CLIENT_ID). Indtil den er sat op, kan man ikke logge ind her.',
    en: 'Signing in to these pages is not set up on this installation: there is an identity provider (OIDC_ISSUER), but no client for the pages (OIDC_CLIENT_ID). Until it is set up, nobody can sign in here.',
  },
  notSignedIn: { da: 'Du er ikke logget ind', en: 'You are not signed in' },
  unavailableTitle: { da: 'Du kan ikke logge ind lige nu', en: 'Sign-in cannot be used just now' },
  claimsTitle: { da: 'Du kan ikke logge ind her', en: 'You cannot sign in here' },
  expired: {
    da: 'Det tog for lang tid at logge ind, eller du startede i et andet vindue eller en anden browser. Prøv igen herfra.',
    en: 'Signing in took too long, or it was started in another window or browser. Try again from here.',
  },
  state: {
    da: 'Svaret fra identitetsudbyderen hørte ikke til det login, der blev startet i denne browser, så det er ikke brugt. Prøv igen herfra.',
    en: 'The answer from the identity provider did not belong to the sign-in started in this browser, so it was not used. Try again from here.',
  },
  denied: {
    da: 'Du afbrød, eller identitetsudbyderen afviste, at du loggede ind. Du kan prøve igen, når du vil.',
    en: 'Signing in was cancelled or turned down at the identity provider. You can try again whenever you like.',
  },
  provider: {
    da: 'Identitetsudbyderen kunne ikke logge dig ind. Prøv igen om lidt.',
    en: 'The identity provider could not sign you in. Try again in a moment.',
  },
  token: {
    da: 'Svaret fra identitetsudbyderen kunne ikke godkendes, så det er ikke brugt. Prøv igen herfra.',
    en: 'The answer from the identity provider could not be accepted, so it was not used. Try again from here.',
  },
  claims: {
    da: 'Identitetsudbyderen har ikke oplyst en rolle, Virkelyst kender (og for en medarbejder eller et bestyrelsesmedlem hvilket center), så du er ikke logget ind. Kontakt dit center, hvis du mener, det er en fejl.',
    en: 'The identity provider did not give a role Virkelyst knows (and for a staff member or board member, which centre), so you are not signed in. Contact your centre if you think this is a mistake.',
  },
  issuer: {
    da: 'Svaret kom ikke fra den identitetsudbyder, login blev startet hos, så det er ikke brugt. Prøv igen herfra.',
    en: 'The answer did not come from the identity provider the sign-in was started at, so it was not used. Try again from here.',
  },
  assuranceTitle: { da: 'Log ind på et højere sikringsniveau', en: 'Sign in at a higher level of assurance' },
  assuranceNamed: {
    da: 'Medarbejdere, bestyrelsesmedlemmer og alle andre, der handler for Virkelyst (alle undtagen borgere), logger ind på sikringsniveau {levels}. Dit login var på et lavere niveau, eller identitetsudbyderen oplyste ikke niveauet, så du er ikke logget ind.',
    en: 'Staff members, board members and everyone else who acts for Virkelyst (everyone but citizens) sign in at assurance level {levels}. Your sign-in was at a lower level, or the identity provider did not say its level, so you are not signed in.',
  },
  assuranceUnnamed: {
    da: 'Medarbejdere, bestyrelsesmedlemmer og alle andre, der handler for Virkelyst (alle undtagen borgere), logger ind på et højere sikringsniveau, end dit login var på, eller identitetsudbyderen oplyste ikke niveauet. Du er derfor ikke logget ind.',
    en: 'Staff members, board members and everyone else who acts for Virkelyst (everyone but citizens) sign in at a higher level of assurance than your sign-in had, or the identity provider did not say its level. So you are not signed in.',
  },
  assuranceWhatToDo: {
    da: 'Log ind igen med knappen herunder. Identitetsudbyderen bliver bedt om det rette niveau; vælg den måde at logge ind på, den tilbyder til det. Lykkes det ikke, så kontakt den, der administrerer logins for dit center.',
    en: 'Sign in again with the button below. The identity provider is asked for the right level; choose the way of signing in it offers for it. If that does not work, contact whoever manages sign-ins for your centre.',
  },
  assuranceAgain: { da: 'Log ind igen på et højere sikringsniveau', en: 'Sign in again at a higher level of assurance' },
  levelOr: { da: ' eller ', en: ' or ' },
  unavailable: {
    da: 'Identitetsudbyderen kan ikke nås lige nu. Prøv igen om lidt.',
    en: 'The identity provider cannot be reached just now. Try again in a moment.',
  },
  tryAgain: { da: 'Prøv at logge ind igen', en: 'Try signing in again' },
  frontPage: { da: 'Gå til forsiden', en: 'Go to the front page' },
} satisfies Record<string, Message>;

/** Roles that belong to a centre. */
const CENTRE_ROLES: ReadonlySet<Principal['role']> = new Set(['staff', 'board_member']);

/** What the form sent, as typed (kept when the page is shown again with its errors). */
export interface SignInAnswers {
  role?: string;
  personId?: string;
  centreId?: string;
  partnerId?: string;
}

/** A partner one may sign in for, as the partners' read model lists it (with the centre that registered it). */
export interface SignInPartner {
  partnerId: string;
  name: string;
  centreName: string | null;
}

const answersSchema = z.object({ role: z.string().optional(), personId: z.string().optional(), centreId: z.string().optional(), partnerId: z.string().optional() }).loose();

/** Reads the form; unknown fields (the token, the key) are left to the edge. */
export const signInAnswers = (body: unknown): SignInAnswers => {
  const parsed = answersSchema.safeParse(body);
  if (!parsed.success) return {};
  const { role, personId, centreId, partnerId } = parsed.data;
  return {
    ...(role !== undefined ? { role } : {}),
    ...(personId !== undefined ? { personId: personId.trim() } : {}),
    ...(centreId ? { centreId } : {}),
    ...(partnerId ? { partnerId } : {}),
  };
};

/** The principal the answers name, or the fields that are wrong. A partner's person is bound to a registered partner. */
export function principalFrom(lang: Lang, answers: SignInAnswers, centres: readonly CentreView[], partners: readonly SignInPartner[] = []): { principal: Principal } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const role = ROLES.find((r) => r === answers.role);
  if (!role) errors.push({ field: 'role', message: say(lang, T.roleMissing) });
  const id = answers.personId ?? '';
  if (!PERSON_ID.test(id)) errors.push({ field: 'personId', message: say(lang, T.personIdBad) });
  const centre = centres.find((c) => c.centreId === answers.centreId);
  if (role && CENTRE_ROLES.has(role) && !centre) errors.push({ field: 'centreId', message: say(lang, T.centreMissing) });
  // A partner's person is bound to the partner chosen; without one they sign in unbound, and a
  // partner's pages tell them to choose one (the development sign-in's people are anyone anyway).
  const partner = partners.find((p) => p.partnerId === answers.partnerId);
  if (role === 'partner' && answers.partnerId !== undefined && !partner) errors.push({ field: 'partnerId', message: say(lang, T.partnerMissing) });
  if (!role || errors.length > 0) return { errors };
  return {
    principal: { id, role, ...(CENTRE_ROLES.has(role) && centre ? { centreId: centre.centreId } : {}), ...(role === 'partner' && partner ? { partnerId: partner.partnerId } : {}) },
  };
}

export function devSignInPage(context: PageContext, centres: readonly CentreView[], answers: SignInAnswers, errors: readonly FieldError[] = [], partners: readonly SignInPartner[] = []): Html {
  const { lang } = context;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const form = postForm(
    context,
    '/log-ind',
    html`${radioGroup({
      lang,
      id: 'role',
      legend: say(lang, T.role),
      choices: ROLES.map((r) => ({ value: r, label: say(lang, ROLE_LABELS[r]) })),
      checked: answers.role,
      ...(errorFor('role') ? { error: errorFor('role') } : {}),
    })}
${textInput({ lang, id: 'personId', label: say(lang, T.personId), hint: say(lang, T.personIdHint), value: answers.personId ?? '', autocomplete: 'off', maxLength: 100, ...(errorFor('personId') ? { error: errorFor('personId') } : {}) })}
${select({
  lang,
  id: 'centreId',
  label: say(lang, T.centre),
  hint: say(lang, T.centreHint),
  required: false,
  choices: [{ value: '', label: say(lang, T.centreNone) }, ...centres.map((c) => ({ value: c.centreId, label: `${c.name} (${c.municipality.name})` }))],
  selected: answers.centreId,
  ...(errorFor('centreId') ? { error: errorFor('centreId') } : {}),
})}
${select({
  lang,
  id: 'partnerId',
  label: say(lang, T.partner),
  hint: partners.length === 0 ? `${say(lang, T.partnerHint)} ${say(lang, T.noPartners)}` : say(lang, T.partnerHint),
  required: false,
  choices: [{ value: '', label: say(lang, T.partnerNone) }, ...partners.map((p) => ({ value: p.partnerId, label: p.centreName ? `${p.name} (${p.centreName})` : p.name }))],
  selected: answers.partnerId,
  ...(errorFor('partnerId') ? { error: errorFor('partnerId') } : {}),
})}
${button(say(lang, T.signIn), { id: 'sign-in-submit' })}`,
    { idempotent: false, id: 'dev-sign-in' },
  );
  return page(context, {
    title: say(lang, T.devTitle),
    errors,
    body: html`<div class="alert alert-warning" role="note"><div class="alert-body"><p class="alert-text">${say(lang, T.devWarning)}</p></div></div>
${form}`,
  });
}

/** The local sign-in asked for from another machine (or in production): not offered. */
export function devSignInRefusedPage(context: PageContext): Html {
  const { lang } = context;
  return page(context, { title: say(lang, T.oidcTitle), body: html`<p>${say(lang, T.devOnlyHere)}</p>` });
}

/** With an identity provider: on to it (a link, so the provider's page is a plain navigation). */
export function providerSignInPage(context: PageContext): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.oidcTitle),
    body: html`<p>${say(lang, T.providerText)}</p>
<p><a class="button button-primary" href="/log-ind/start" id="provider-sign-in">${say(lang, T.providerContinue)}</a></p>`,
  });
}

/** An identity provider for the API's tokens, but no client for the pages: nobody can sign in here, and the page says so. */
export function providerNotConfiguredPage(context: PageContext): Html {
  const { lang } = context;
  return page(context, { title: say(lang, T.oidcTitle), body: html`<p>${say(lang, T.notConfigured)}</p>` });
}

/** The levels of assurance of NSIS (MitID via NemLog-in), as the reader calls them. */
const NSIS_LEVELS: Record<string, Message> = {
  'https://data.gov.dk/concept/core/nsis/loa/Low': { da: 'Lav', en: 'Low' },
  'https://data.gov.dk/concept/core/nsis/loa/Substantial': { da: 'Betydelig', en: 'Substantial' },
  'https://data.gov.dk/concept/core/nsis/loa/High': { da: 'Høj', en: 'High' },
};

/** The accepted levels by name ("Betydelig eller Høj"), or null when one of them has no name we know. */
function levelNames(lang: Lang, acr: readonly string[]): string | null {
  const names = acr.map((value) => (Object.hasOwn(NSIS_LEVELS, value) ? say(lang, NSIS_LEVELS[value]!) : null));
  if (names.length === 0 || names.some((n) => n === null)) return null;
  return names.join(say(lang, T.levelOr));
}

/** Refused for the level of assurance: what it means and the one thing to do, signing in again with the level asked for. */
function assuranceRefusedPage(context: PageContext, staffAcr: readonly string[]): Html {
  const { lang } = context;
  const levels = levelNames(lang, staffAcr);
  return page(context, {
    title: say(lang, T.assuranceTitle),
    body: html`<div class="alert alert-warning" role="note"><div class="alert-body"><p class="alert-text">${levels ? say(lang, T.assuranceNamed, { levels }) : say(lang, T.assuranceUnnamed)}</p></div></div>
<p>${say(lang, T.assuranceWhatToDo)}</p>
<p><a class="button button-primary" href="/log-ind/start?niveau=medarbejder" id="sign-in-again-staff">${say(lang, T.assuranceAgain)}</a></p>
<p><a href="/">${say(lang, T.frontPage)}</a></p>`,
  });
}

const REFUSALS: Record<Exclude<SignInRefusal, 'assurance'>, { title: Message; text: Message; again: boolean }> = {
  expired: { title: T.notSignedIn, text: T.expired, again: true },
  state: { title: T.notSignedIn, text: T.state, again: true },
  issuer: { title: T.notSignedIn, text: T.issuer, again: true },
  denied: { title: T.notSignedIn, text: T.denied, again: true },
  provider: { title: T.notSignedIn, text: T.provider, again: true },
  token: { title: T.notSignedIn, text: T.token, again: true },
  claims: { title: T.claimsTitle, text: T.claims, again: false },
  unavailable: { title: T.unavailableTitle, text: T.unavailable, again: true },
};

/** A sign-in that did not happen: why, in the reader's words, and what they can do. Nobody is signed in by it. */
export function signInRefusedPage(context: PageContext, refusal: SignInRefusal, settings: { staffAcr?: readonly string[] } = {}): Html {
  if (refusal === 'assurance') return assuranceRefusedPage(context, settings.staffAcr ?? []);
  const { lang } = context;
  const { title, text, again } = REFUSALS[refusal];
  return page(context, {
    title: say(lang, title),
    body: html`<div class="alert alert-warning" role="note"><div class="alert-body"><p class="alert-text">${say(lang, text)}</p></div></div>
<ul class="nobullet-list">
${again ? html`<li><a class="function-link" href="/log-ind" id="sign-in-again">${icon('lock')}${say(lang, T.tryAgain)}</a></li>` : null}
<li><a href="/">${say(lang, T.frontPage)}</a></li>
</ul>`,
  });
}
