/**
 * The page shell every page shares, in DKFDS's markup: `<html lang>` in the reader's language, the
 * skip link, the header with the service's name and who is signed in (with a sign-out button),
 * `<main id="main-content">` with the back link and the error summary above the h1, and the
 * footer with the accessibility statement and the language switch.
 */
import type { Principal } from '../domain/shared/principal.js';
import { INIT_SCRIPT_PATH, SCRIPT, STYLESHEET } from './assets.js';
import { backLink, errorSummary, type FieldError, type FormContext, icon, postForm } from './components.js';
import { html, type Html, raw } from './html.js';
import { type Lang, LANG_NAMES, LANGS, type Message, ROLE_LABELS, say } from './i18n.js';

/** What every page knows about its request. */
export interface PageContext extends FormContext {
  lang: Lang;
  principal: Principal | null;
  /** The page's own path (no query), for the language switch to come back to. */
  path: string;
}

export interface PageOptions {
  /** The h1, and the title in the browser's tab. */
  title: string;
  body: Html;
  /** A refusal's fields, shown as the error summary above the h1. */
  errors?: readonly FieldError[];
  /** Where the back link goes, on a question page. */
  back?: string;
}

export const SERVICE_NAME = 'Virkelyst';

/** Where each role's own pages start, and what the link there says. */
export const ROLE_HOME: Partial<Record<Principal['role'], { path: string; label: Message }>> = {
  citizen: { path: '/mine-sider', label: { da: 'Mine sider', en: 'My pages' } },
  staff: { path: '/medarbejder', label: { da: 'Min dag', en: 'My day' } },
  board_member: { path: '/bestyrelse', label: { da: 'Bestyrelsen', en: 'The board' } },
  auditor: { path: '/revision', label: { da: 'Revision', en: 'Audit' } },
  researcher: { path: '/forskning', label: { da: 'Forskning', en: 'Research' } },
  admin: { path: '/administration', label: { da: 'Administration', en: 'Administration' } },
  partner: { path: '/partner', label: { da: 'Medspillerens sider', en: 'The partner’s pages' } },
};

const T = {
  skip: { da: 'Gå til sidens indhold', en: 'Skip to main content' },
  authority: { da: 'Mulighedernes Hus – dit frivillige jobcenter', en: 'The house of opportunities – your voluntary job centre' },
  signIn: { da: 'Log ind', en: 'Sign in' },
  catalogue: { da: 'Tilbudskatalog', en: 'Offer catalogue' },
  signOut: { da: 'Log af', en: 'Sign out' },
  signedInAs: { da: 'Logget ind som', en: 'Signed in as' },
  error: { da: 'Fejl', en: 'Error' },
  chooseLanguage: { da: 'Vælg sprog', en: 'Choose language' },
  footerHeading: { da: 'Om Virkelyst', en: 'About Virkelyst' },
  accessibility: { da: 'Tilgængelighedserklæring', en: 'Accessibility statement' },
  centres: { da: 'Centrene', en: 'The centres' },
} satisfies Record<string, Message>;

function header(context: PageContext): Html {
  const { lang, principal } = context;
  const home = principal ? ROLE_HOME[principal.role] : undefined;
  const user = principal
    ? html`<p class="user">${say(lang, T.signedInAs)} ${say(lang, ROLE_LABELS[principal.role]).toLowerCase()} ${principal.id}</p>
${home ? html`<a class="function-link" href="${home.path}" id="role-home">${say(lang, home.label)}</a>` : null}
${postForm(context, '/log-ud', html`<button type="submit" class="function-link d-print-none log-off" id="sign-out">${icon('lock')}${say(lang, T.signOut)}</button>`, { idempotent: false })}`
    : html`<a class="function-link" href="/log-ind" id="sign-in">${icon('lock')}${say(lang, T.signIn)}</a>`;
  return html`<header class="header">
<div class="portal-info"><div class="portal-info-inner container"><div class="portal-user">${user}</div></div></div>
<div class="solution-info"><div class="solution-info-inner container">
<div class="solution-heading"><a href="/">${SERVICE_NAME}</a></div>
<div class="additional-info"><p><strong class="authority-name">${say(lang, T.authority)}</strong></p></div>
</div></div>
</header>`;
}

/** The switch goes through /sprog, which sets the cookie and comes back here. */
function languageSwitch(context: PageContext): Html {
  const back = encodeURIComponent(context.path);
  return html`<div class="language-switcher"><div class="container">
<ul aria-label="${say(context.lang, T.chooseLanguage)}">${LANGS.map((code) =>
    code === context.lang
      ? html`<li><a href="/sprog?til=${code}&amp;tilbage=${back}" lang="${code}" aria-current="true">${icon('check')}${LANG_NAMES[code]}</a></li>`
      : html`<li><a href="/sprog?til=${code}&amp;tilbage=${back}" lang="${code}">${LANG_NAMES[code]}</a></li>`,
  )}</ul>
</div></div>`;
}

function footer(context: PageContext): Html {
  const { lang } = context;
  const home = context.principal ? ROLE_HOME[context.principal.role] : undefined;
  return html`<footer>
<div class="footer"><div class="container"><div class="row">
<div class="col-12 footer-col"><section><div class="align-text-left">
<h2 class="h5">${say(lang, T.footerHeading)}</h2>
<ul class="unstyled-list">
<li><a href="/">${say(lang, T.centres)}</a></li>
<li><a href="/tilbudskatalog">${say(lang, T.catalogue)}</a></li>
${home ? html`<li><a href="${home.path}">${say(lang, home.label)}</a></li>` : null}
<li><a href="/tilgaengelighed">${say(lang, T.accessibility)}</a></li>
</ul>
</div></section></div>
</div></div></div>
${languageSwitch(context)}
</footer>`;
}

/** A whole page. The title says "Fejl" first when the page shows a refusal, as screen readers announce the title first. */
export function page(context: PageContext, o: PageOptions): Html {
  const { lang } = context;
  const errors = o.errors ?? [];
  const title = `${errors.length > 0 ? `${say(lang, T.error)}: ` : ''}${o.title} – ${SERVICE_NAME}`;
  return html`${raw('<!doctype html>')}
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET}">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skipnav" href="#main-content">${say(lang, T.skip)}</a>
${header(context)}
<div class="container page-container">
<main id="main-content">
${o.back ? backLink(lang, o.back) : null}
${errorSummary(lang, errors)}
<h1>${o.title}</h1>
${o.body}
</main>
</div>
${footer(context)}
<script src="${SCRIPT}"></script>
<script src="${INIT_SCRIPT_PATH}"></script>
</body>
</html>
`;
}
