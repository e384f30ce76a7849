/**
 * The pages that say something went wrong, in the reader's language: a page that is not there,
 * a form that came without its token (nothing was recorded), and our own faults. They never echo
 * the request: a URL or a form may hold personal data.
 */
import { html, type Html } from '../html.js';
import { type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';

const T = {
  notFound: { da: 'Siden findes ikke', en: 'Page not found' },
  notFoundText: { da: 'Tjek, at adressen er skrevet rigtigt. Du kan også gå til forsiden.', en: 'Check that the address is typed correctly. You can also go to the front page.' },
  frontPage: { da: 'Gå til forsiden', en: 'Go to the front page' },
  csrf: { da: 'Formularen kunne ikke sendes', en: 'The form could not be sent' },
  csrfText: {
    da: 'Formularen var for gammel eller kom ikke fra denne side, så intet er blevet registreret. Gå tilbage, genindlæs siden og prøv igen.',
    en: 'The form was too old or did not come from this site, so nothing has been recorded. Go back, reload the page and try again.',
  },
  forbidden: { da: 'Du har ikke adgang til siden', en: 'You cannot see this page' },
  forbiddenText: { da: 'Siden hører til en anden rolle end den, du er logget ind med.', en: 'This page belongs to another role than the one you are signed in with.' },
  badRequest: { da: 'Formularen kunne ikke læses', en: 'The form could not be read' },
  badRequestText: { da: 'Intet er blevet registreret. Gå tilbage og prøv igen.', en: 'Nothing has been recorded. Go back and try again.' },
  unavailable: { da: 'Tjenesten er ikke tilgængelig lige nu', en: 'The service is not available just now' },
  unavailableText: { da: 'Prøv igen om lidt. Intet er registreret, medmindre siden sagde det.', en: 'Try again in a moment. Nothing was recorded unless the page said so.' },
  tooMany: { da: 'For mange forsøg på kort tid', en: 'Too many attempts in a short time' },
  tooManyText: {
    da: 'Intet er blevet registreret. Vent {seconds} sekunder, og prøv så igen.',
    en: 'Nothing has been recorded. Wait {seconds} seconds, then try again.',
  },
  badUrl: { da: 'Adressen kunne ikke læses', en: 'The address could not be read' },
  badUrlText: { da: 'Adressen indeholder tegn, som ikke kan læses. Tjek, at den er skrevet rigtigt.', en: 'The address holds characters that cannot be read. Check that it is typed correctly.' },
  fault: { da: 'Der skete en fejl hos os', en: 'Something went wrong on our side' },
  faultText: { da: 'Intet er registreret, medmindre siden sagde det. Prøv igen om lidt.', en: 'Nothing was recorded unless the page said so. Try again in a moment.' },
} satisfies Record<string, Message>;

function simple(context: PageContext, title: Message, text: Message, vars: Record<string, string> = {}): Html {
  const { lang } = context;
  return page(context, { title: say(lang, title), body: html`<p>${say(lang, text, vars)}</p><p><a href="/">${say(lang, T.frontPage)}</a></p>` });
}

export const notFoundPage = (context: PageContext) => simple(context, T.notFound, T.notFoundText);
export const csrfRefusedPage = (context: PageContext) => simple(context, T.csrf, T.csrfText);
export const forbiddenPage = (context: PageContext) => simple(context, T.forbidden, T.forbiddenText);
export const badRequestPage = (context: PageContext) => simple(context, T.badRequest, T.badRequestText);
export const unavailablePage = (context: PageContext) => simple(context, T.unavailable, T.unavailableText);
export const faultPage = (context: PageContext) => simple(context, T.fault, T.faultText);
export const tooManyPage = (context: PageContext, seconds: number) => simple(context, T.tooMany, T.tooManyText, { seconds: String(seconds) });
export const badUrlPage = (context: PageContext) => simple(context, T.badUrl, T.badUrlText);
