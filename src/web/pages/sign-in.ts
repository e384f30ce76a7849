/**
 * Sign-in. Without an identity provider (OIDC_ISSUER unset) a clearly marked local development
 * sign-in: pick a role and a person id (and a centre for staff and board members). With one set,
 * the local sign-in is never offered; the OpenID Connect code flow is not built yet, and the page
 * says so rather than pretending.
 */
import { z } from 'zod';
import { type Principal, ROLES } from '../../domain/shared/principal.js';
import type { CentreView } from '../../projections/centres/queries.js';
import { button, type FieldError, postForm, radioGroup, select, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, ROLE_LABELS, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
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
  signIn: { da: 'Log ind', en: 'Sign in' },
  oidcTitle: { da: 'Log ind', en: 'Sign in' },
  devOnlyHere: {
    da: 'Det lokale udviklingslogin kan kun bruges fra den maskine, Virkelyst kører på. Log ind gennem identitetsudbyderen, når den er sat op.',
    en: 'The local development sign-in can only be used from the machine Virkelyst runs on. Sign in through the identity provider once it is set up.',
  },
  oidcText: {
    da: 'Log ind gennem identitetsudbyderen (MitID via NemLog-in) er ikke bygget endnu. Indtil da kan man ikke logge ind på denne installation.',
    en: 'Signing in through the identity provider (MitID via NemLog-in) is not built yet. Until it is, nobody can sign in on this installation.',
  },
} satisfies Record<string, Message>;

/** Roles that belong to a centre. */
const CENTRE_ROLES: ReadonlySet<Principal['role']> = new Set(['staff', 'board_member']);

/** What the form sent, as typed (kept when the page is shown again with its errors). */
export interface SignInAnswers {
  role?: string;
  personId?: string;
  centreId?: string;
}

const answersSchema = z.object({ role: z.string().optional(), personId: z.string().optional(), centreId: z.string().optional() }).loose();

/** Reads the form; unknown fields (the token, the key) are left to the edge. */
export const signInAnswers = (body: unknown): SignInAnswers => {
  const parsed = answersSchema.safeParse(body);
  if (!parsed.success) return {};
  const { role, personId, centreId } = parsed.data;
  return { ...(role !== undefined ? { role } : {}), ...(personId !== undefined ? { personId: personId.trim() } : {}), ...(centreId ? { centreId } : {}) };
};

/** The principal the answers name, or the fields that are wrong. */
export function principalFrom(lang: Lang, answers: SignInAnswers, centres: readonly CentreView[]): { principal: Principal } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const role = ROLES.find((r) => r === answers.role);
  if (!role) errors.push({ field: 'role', message: say(lang, T.roleMissing) });
  const id = answers.personId ?? '';
  if (!PERSON_ID.test(id)) errors.push({ field: 'personId', message: say(lang, T.personIdBad) });
  const centre = centres.find((c) => c.centreId === answers.centreId);
  if (role && CENTRE_ROLES.has(role) && !centre) errors.push({ field: 'centreId', message: say(lang, T.centreMissing) });
  if (!role || errors.length > 0) return { errors };
  return { principal: { id, role, ...(CENTRE_ROLES.has(role) && centre ? { centreId: centre.centreId } : {}) } };
}

export function devSignInPage(context: PageContext, centres: readonly CentreView[], answers: SignInAnswers, errors: readonly FieldError[] = []): Html {
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

export function identityProviderPendingPage(context: PageContext): Html {
  const { lang } = context;
  return page(context, { title: say(lang, T.oidcTitle), body: html`<p>${say(lang, T.oidcText)}</p>` });
}
