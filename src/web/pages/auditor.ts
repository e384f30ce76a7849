/**
 * The auditor's pages: verifying the log (its progress while it runs, then the report with each
 * check's name, what it proves, its result and findings, and the tree head it covered), the
 * signed tree heads, an offer's consent trail, the export bundle; and the public page with the
 * audit key and how anyone can verify the log without Virkelyst.
 *
 * Nothing here shows personal data: the audit's outputs name a citizen only by a keyed pseudonym,
 * and staff by their staff id, as the API does.
 */
import type { VerificationRun } from '../../audit/jobs.js';
import type { ReportedCheck } from '../../audit/verify.js';
import { CHECK_STATUS_LABELS, checkText, CONSENT_METHOD_LABELS, labelOf, TRAIL_EVENT_LABELS } from '../../i18n/audit.js';
import { alert, button, errorFor, type FieldError, getForm, postForm, summaryList, textInput } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatMoment, type Lang, type Message, ROLE_LABELS, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { ROLES } from '../../domain/shared/principal.js';

export const AUDIT_HOME = '/revision';
export const START_PATH = '/revision/kontrol';
export const runPath = (id: string) => `/revision/kontrol/${id}`;
export const TREE_HEADS_PATH = '/revision/traehoveder';
export const TRAIL_PATH = '/revision/samtykkespor';
export const BUNDLE_PATH = '/revision/eksportpakke';
export const KEY_PATH = '/revision/noegle';
export const KEY_FILE_PATH = '/revision/noegle.pem';
export const KEY_FILE_NAME = 'virkelyst-noegle.pem';
/** Findings shown per check on the page; all of them are in the report's JSON. */
export const FINDINGS_SHOWN = 100;

const T = {
  home: { da: 'Revision', en: 'Audit' },
  homeLead: {
    da: 'Her kontrollerer du ud fra loggen selv, at intet tvingende er sket, og at loggen ikke er ændret.',
    en: 'Here you verify, from the log itself, that nothing coercive happened and that the log was not altered.',
  },
  verifyHeading: { da: 'Kontrollér loggen', en: 'Verify the log' },
  verifyText: {
    da: 'Kontrollen læser hver hændelse i loggen én gang og laver alle kontrollerne undervejs. På en stor log kan det tage nogle minutter; du kan følge med imens.',
    en: 'The verification reads every event in the log once and makes every check on the way. On a large log it can take some minutes; you can follow it meanwhile.',
  },
  verifyNow: { da: 'Kontrollér loggen nu', en: 'Verify the log now' },
  verifyAgain: { da: 'Kontrollér loggen igen', en: 'Verify the log again' },
  running: { da: 'En kontrol er i gang. Den blev startet {when}.', en: 'A verification is running. It was started {when}.' },
  seeProgress: { da: 'Se, hvor langt kontrollen er', en: 'See how far the verification has come' },
  latestPassed: { da: 'Seneste kontrol, {when}: ingen brud.', en: 'Latest verification, {when}: no violations.' },
  latestFailed: { da: 'Seneste kontrol, {when}: brud fundet.', en: 'Latest verification, {when}: violations found.' },
  latestBroken: { da: 'Seneste kontrol, {when}, kunne ikke gennemføres.', en: 'The latest verification, {when}, could not be completed.' },
  seeReport: { da: 'Se rapporten', en: 'See the report' },
  checksHeading: { da: 'Det kontrolleres', en: 'What is checked' },
  check: { da: 'Kontrol', en: 'Check' },
  proves: { da: 'Hvad den beviser', en: 'What it proves' },
  more: { da: 'Træhoveder, samtykkespor og eksport', en: 'Tree heads, consent trails and export' },
  treeHeadsLink: { da: 'De signerede træhoveder', en: 'The signed tree heads' },
  trailLink: { da: 'Et tilbuds samtykkespor', en: 'An offer’s consent trail' },
  findingsSection: { da: 'Fund', en: 'Findings' },
  bundleHeading: { da: 'Eksportpakken', en: 'The export bundle' },
  bundleText: {
    da: 'Pakken rummer loggen, så langt det seneste signerede træhoved dækker den: hændelserne i kanonisk form, de forseglede blade, de signerede træhoveder, den offentlige nøgle og en vejledning. Med den kan loggen kontrolleres uden Virkelysts database. Navne, kontaktoplysninger og fritekst står forseglet (krypteret) i den, men loggens person-id’er (fx borgeres id hos identitetsudbyderen) står, som de blev registreret: pakken er en fortrolig kopi af loggen og skal behandles sådan.',
    en: 'The bundle holds the log as far as the newest signed tree head covers it: the events in canonical form, the sealed leaves, the signed tree heads, the public key and a guide. With it the log can be verified without Virkelyst’s database. Names, contact details and free text in it are sealed (encrypted), but the log’s person ids (such as citizens’ ids at the identity provider) are there as recorded: the bundle is a confidential copy of the log and must be handled as one.',
  },
  bundleLink: { da: 'Hent eksportpakken (.tar.gz)', en: 'Download the export bundle (.tar.gz)' },
  keyLink: { da: 'Den offentlige nøgle, og hvordan enhver kan kontrollere loggen selv', en: 'The public key, and how anyone can verify the log themselves' },

  progressTitle: { da: 'Kontrollen er i gang', en: 'The verification is running' },
  progressStatus: {
    da: 'Læst {read} af {total} hændelser. Kontroller færdige: {done} af {checks}.',
    en: 'Read {read} of {total} events. Checks done: {done} of {checks}.',
  },
  progressLabel: { da: 'Hændelser læst', en: 'Events read' },
  progressHow: {
    da: 'Alle kontroller kører, mens loggen læses, og bliver færdige, når den sidste hændelse er læst.',
    en: 'Every check runs while the log is read, and is done when the last event has been read.',
  },
  progressStarted: { da: 'Startet {when}.', en: 'Started {when}.' },
  progressRefresh: {
    da: 'Siden opdaterer ikke sig selv. Vælg Opdater for at se, hvor langt kontrollen er. Du kan også forlade siden; kontrollen fortsætter, og du finder den igen under Revision.',
    en: 'The page does not update itself. Choose Refresh to see how far the verification has come. You can also leave the page; the verification goes on, and you find it again under Audit.',
  },
  refresh: { da: 'Opdater', en: 'Refresh' },
  failedTitle: { da: 'Kontrollen kunne ikke gennemføres', en: 'The verification could not be completed' },
  failedText: {
    da: 'Loggen kunne ikke læses til ende, så der er ingen rapport. Intet er ændret. Prøv igen om lidt. Årsag: {failure}',
    en: 'The log could not be read to its end, so there is no report. Nothing was changed. Try again in a moment. Cause: {failure}',
  },

  reportTitle: { da: 'Rapport over kontrollen af loggen', en: 'Report on the verification of the log' },
  passed: {
    da: 'Ingen brud. Samtykke var altid frivilligt, og loggen er den, der blev forseglet.',
    en: 'No violations. Consent was always voluntary, and the log is the one that was sealed.',
  },
  failed: { da: 'Brud fundet i {n} af {m} kontroller. Fundene står nedenfor.', en: 'Violations found in {n} of {m} checks. The findings are below.' },
  verifiedAt: { da: 'Kontrolleret', en: 'Verified' },
  events: { da: 'Hændelser i loggen', en: 'Events in the log' },
  sealed: { da: 'Forseglet', en: 'Sealed' },
  signed: { da: 'Dækket af et signeret træhoved', en: 'Covered by a signed tree head' },
  head: { da: 'Træhovedet, rapporten dækker', en: 'The tree head the report covers' },
  headText: { da: 'Størrelse {size}, signeret {when}', en: 'Size {size}, signed {when}' },
  rootHash: { da: 'Rod', en: 'Root' },
  noHead: { da: 'Intet: der er ikke signeret et træhoved endnu.', en: 'None: no tree head has been signed yet.' },
  keyId: { da: 'Nøgle-id', en: 'Key id' },
  compareKey: { da: 'sammenlign med den offentliggjorte nøgle', en: 'compare it with the published key' },
  against: { da: 'Holdt op mod', en: 'Checked against' },
  againstText: {
    da: '{trusted} træhoveder, som revisor har gemt, og {witnessed} i forseglerens vidnefil',
    en: '{trusted} tree heads kept by the auditor and {witnessed} in the sealer’s witness file',
  },
  checksTable: { da: 'Kontrollerne', en: 'The checks' },
  examined: { da: 'Undersøgt', en: 'Examined' },
  result: { da: 'Resultat', en: 'Result' },
  findingsCount: { da: '{n} fund', en: '{n} findings' },
  findingOne: { da: '1 fund', en: '1 finding' },
  findingsHeading: { da: 'Kontrol {id}: {name}', en: 'Check {id}: {name}' },
  findingsInEnglish: { da: 'Fundene står på engelsk, som verifikatoren skriver dem.', en: '' },
  findingsMore: {
    da: 'Her vises de første {shown} af {n} fund. Alle står i rapporten som JSON.',
    en: 'The first {shown} of {n} findings are shown here. All of them are in the report as JSON.',
  },
  position: { da: 'Position', en: 'Position' },
  eventId: { da: 'Hændelse', en: 'Event' },
  citizen: { da: 'Borger (pseudonym)', en: 'Citizen (pseudonym)' },
  finding: { da: 'Fund', en: 'Finding' },
  wholeLog: { da: 'hele loggen', en: 'the whole log' },
  noCitizen: { da: 'ingen', en: 'none' },
  reportJson: { da: 'Hent rapporten som JSON (som GET /audit/report giver den)', en: 'Download the report as JSON (as GET /audit/report gives it)' },
  noRun: { da: 'Kontrollen findes ikke', en: 'The verification does not exist' },
  noRunText: {
    da: 'Den er enten aldrig startet, eller den er så gammel, at rapporten ikke længere gemmes. Start en ny kontrol under Revision.',
    en: 'It was either never started, or it is so old that its report is no longer kept. Start a new verification under Audit.',
  },

  headsTitle: { da: 'Signerede træhoveder', en: 'Signed tree heads' },
  headsLead: {
    da: 'Et træhoved er forseglerens signatur over loggens første hændelser: hvor mange (størrelsen) og Merkle-træets rod. Nyeste først.',
    en: 'A tree head is the sealer’s signature over the log’s first events: how many (the size) and the root of the Merkle tree. Newest first.',
  },
  headsNone: { da: 'Der er ikke signeret et træhoved endnu.', en: 'No tree head has been signed yet.' },
  headsShown: { da: 'Viser {from}–{to} af {total} træhoveder.', en: 'Showing {from}–{to} of {total} tree heads.' },
  size: { da: 'Størrelse (hændelser)', en: 'Size (events)' },
  signedAt: { da: 'Signeret', en: 'Signed' },
  signature: { da: 'Signatur', en: 'Signature' },
  sigValid: { da: 'Gyldig', en: 'Valid' },
  sigInvalid: { da: 'Ugyldig', en: 'Not valid' },
  sigOtherKey: { da: 'Signeret med en anden nøgle ({keyId})', en: 'Signed with another key ({keyId})' },
  sigHow: { da: 'Signaturen er kontrolleret med den offentliggjorte nøgle, id {keyId}.', en: 'The signature is checked with the published key, id {keyId}.' },
  newer: { da: 'Nyere træhoveder', en: 'Newer tree heads' },
  older: { da: 'Ældre træhoveder', en: 'Older tree heads' },

  trailTitle: { da: 'Et tilbuds samtykkespor', en: 'An offer’s consent trail' },
  trailLead: {
    da: 'Sporet viser, hvad der skete med et tilbud: hvornår det blev givet, og hvornår borgeren sagde ja tak, nej tak eller trak sit samtykke tilbage, og hvordan. Borgeren nævnes kun ved sit pseudonym, medarbejdere ved deres medarbejder-id. Ingen personoplysninger vises: hverken navne eller hvad der blev sagt.',
    en: 'The trail shows what happened to an offer: when it was made, and when the citizen said yes please, no thank you or withdrew their consent, and how. The citizen is named only by their pseudonym, staff by their staff id. No personal data is shown: neither names nor what was said.',
  },
  offerId: { da: 'Tilbuddets id', en: 'The offer’s id' },
  offerIdHint: {
    da: 'Id’et står i loggen ved tilbuddet (offerId), fx i eksportpakkens events.jsonl.',
    en: 'The id is in the log with the offer (offerId), for instance in the export bundle’s events.jsonl.',
  },
  offerIdMissing: { da: 'Skriv tilbuddets id', en: 'Type the offer’s id' },
  offerIdTooLong: { da: 'Tilbuddets id er højst 100 tegn', en: 'The offer’s id is at most 100 characters' },
  offerNotFound: { da: 'Loggen har intet tilbud med det id. Tjek, at id’et er skrevet rigtigt.', en: 'The log has no offer with that id. Check that the id is typed correctly.' },
  showTrail: { da: 'Vis sporet', en: 'Show the trail' },
  trailFor: { da: 'Sporet for tilbuddet', en: 'The trail of the offer' },
  when: { da: 'Hvornår', en: 'When' },
  what: { da: 'Hvad', en: 'What' },
  who: { da: 'Hvem', en: 'Who' },
  how: { da: 'Hvordan', en: 'How' },
  receipt: { da: 'Kvittering', en: 'Receipt' },
  inSession: { da: '{method}, noteret af medarbejder {staff} i samtale {session}', en: '{method}, recorded by staff member {staff} in conversation {session}' },

  keyTitle: { da: 'Revisionsnøglen, og sådan kontrollerer du loggen selv', en: 'The audit key, and how to verify the log yourself' },
  keyLead: {
    da: 'Virkelyst forsegler hver hændelse i sin log som et blad i et Merkle-træ (RFC 9162) og signerer træets hoved med nøglen her. Med nøglen kan enhver kontrollere, at loggen ikke er ændret, og at intet tvingende er registreret – uden at stole på Virkelyst.',
    en: 'Virkelyst seals every event in its log as a leaf of a Merkle tree (RFC 9162) and signs the tree’s head with the key here. With the key anyone can verify that the log was not altered and that nothing coercive was recorded – without trusting Virkelyst.',
  },
  algorithm: { da: 'Algoritme', en: 'Algorithm' },
  fingerprint: { da: 'Fingeraftryk (SHA-256 af nøglen i DER-form)', en: 'Fingerprint (SHA-256 of the key in DER form)' },
  theKey: { da: 'Nøglen', en: 'The key' },
  keyFile: { da: 'Hent nøglen som fil ({file})', en: 'Download the key as a file ({file})' },
  keyJson: { da: 'Den samme nøgle som JSON', en: 'The same key as JSON' },
  stepsHeading: { da: 'Sådan kontrollerer du loggen selv, trin for trin', en: 'How to verify the log yourself, step by step' },
  step1: {
    da: 'Få eksportpakken. En revisor henter den under Revision som en .tar.gz-fil; driften kan også lave den med kommandoen nedenfor. Pak den ud:',
    en: 'Get the export bundle. An auditor downloads it under Audit as a .tar.gz file; the operators can also make it with the command below. Unpack it:',
  },
  step2: {
    da: 'Gem nøglen fra denne side som {file}, og tjek dens fingeraftryk. Kommandoen skal give fingeraftrykket ovenfor; dets første 16 tegn er nøgle-id’et.',
    en: 'Save the key from this page as {file}, and check its fingerprint. The command must give the fingerprint above; its first 16 characters are the key id.',
  },
  step3: {
    da: 'Kør kontrollen mod pakken med nøglen herfra – ikke pakkens egen, for en pakke kan være signeret igen med en anden nøgle. Den svarer med 0, når intet brud er fundet, 1 ved brud, og 2, når den ikke kan kontrollere (fx en pakke, der ikke er hel).',
    en: 'Run the verification on the bundle with the key from here – not the bundle’s own, as a bundle could be signed again with another key. It answers 0 when no violation is found, 1 on violations, and 2 when it cannot verify (for instance a bundle that is not whole).',
  },
  step4: {
    da: 'Gem pakkens tree-heads.json, og giv den med næste gang. Så fejler kontrollen, hvis loggen siden er rullet tilbage eller skrevet om – også selvom alt er signeret igen med samme nøgle.',
    en: 'Keep the bundle’s tree-heads.json, and give it to the next verification. It then fails if the log was since rolled back or rewritten – even if everything was signed again with the same key.',
  },
  step5: {
    da: 'Vil du ikke stole på Virkelysts program, kan du stikprøvekontrollere med standardværktøjer. Et blad er SHA-256 af en 0-byte og hændelsens linje; de to linjer skal give det samme:',
    en: 'If you do not want to trust Virkelyst’s program, you can spot-check with standard tools. A leaf is SHA-256 of a zero byte and the event’s line; the two lines must give the same:',
  },
  step5More: {
    da: 'Pakkens README.md viser også, hvordan et træhoveds signatur kontrolleres med openssl.',
    en: 'The bundle’s README.md also shows how to check a tree head’s signature with openssl.',
  },
  programChecks: { da: 'Det kontrollerer programmet', en: 'What the program checks' },
} satisfies Record<string, Message>;

/** A count as the language writes it: "12.345" in Danish, "12,345" in English. */
export function formatCount(lang: Lang, n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
}

const roleLabel = (lang: Lang, role: string) => {
  const known = ROLES.find((r) => r === role);
  return known ? say(lang, ROLE_LABELS[known]) : lang === 'da' ? 'ukendt rolle' : 'unknown role';
};

/** The checks and what each proves, as a table (the home page, the public key page). */
function checksList(lang: Lang, checks: readonly { id: number; name: string }[], caption: string): Html {
  return html`<div class="table--responsive-scroll"><table class="table table--zebra" id="checks-list">
<caption>${caption}</caption>
<thead><tr><th scope="col">${say(lang, T.check)}</th><th scope="col">${say(lang, T.proves)}</th></tr></thead>
<tbody>${checks.map((c) => {
    const text = checkText(lang, c.id, c.name);
    return html`<tr><th scope="row">${c.id}. ${text.name}</th><td${attr('lang', text.translated ? undefined : 'en')}>${text.proves}</td></tr>`;
  })}</tbody>
</table></div>`;
}

const startForm = (context: PageContext, again: boolean) =>
  postForm(context, START_PATH, button(say(context.lang, again ? T.verifyAgain : T.verifyNow), { id: 'start-verification' }), { id: 'start-form', idempotent: false });

/** The auditor's start: verify the log (or follow the run under way), and the rest of the job. */
export function auditHomePage(context: PageContext, latest: VerificationRun | null, checks: readonly { id: number; name: string }[]): Html {
  const { lang } = context;
  let verify: Html;
  if (latest?.status === 'running') {
    verify = html`${alert('info', say(lang, T.running, { when: formatMoment(lang, latest.startedAt) }), { role: 'status' })}
<p><a href="${runPath(latest.id)}" id="run-link">${say(lang, T.seeProgress)}</a></p>`;
  } else {
    const last = latest
      ? html`<p>${say(lang, latest.status === 'failed' ? T.latestBroken : latest.report.ok ? T.latestPassed : T.latestFailed, { when: formatMoment(lang, latest.finishedAt) })}
<a href="${runPath(latest.id)}" id="run-link">${say(lang, T.seeReport)}</a></p>`
      : null;
    verify = html`<p>${say(lang, T.verifyText)}</p>${last}${startForm(context, latest !== null)}`;
  }
  return page(context, {
    title: say(lang, T.home),
    body: html`<p class="font-lead">${say(lang, T.homeLead)}</p>
<h2>${say(lang, T.verifyHeading)}</h2>
${verify}
<h2>${say(lang, T.more)}</h2>
<ul>
<li><a href="${TREE_HEADS_PATH}" id="tree-heads-link">${say(lang, T.treeHeadsLink)}</a></li>
<li><a href="${TRAIL_PATH}" id="trail-link">${say(lang, T.trailLink)}</a></li>
<li><a href="${KEY_PATH}" id="key-link">${say(lang, T.keyLink)}</a></li>
</ul>
<h3>${say(lang, T.bundleHeading)}</h3>
<p>${say(lang, T.bundleText)}</p>
<p><a href="${BUNDLE_PATH}" download id="bundle-link">${say(lang, T.bundleLink)}</a></p>
<h2>${say(lang, T.checksHeading)}</h2>
${checksList(lang, checks, say(lang, T.checksHeading))}`,
  });
}

/** A run that is going: how far it has come, and a link that shows it again (the page never refreshes itself). */
function progressPage(context: PageContext, run: VerificationRun): Html {
  const { lang } = context;
  const { eventsRead, eventsTotal, checksDone, checksTotal } = run.progress;
  const status = say(lang, T.progressStatus, {
    read: formatCount(lang, eventsRead),
    total: formatCount(lang, eventsTotal),
    done: formatCount(lang, checksDone),
    checks: formatCount(lang, checksTotal),
  });
  // A progress bar of nothing known yet is indeterminate (no value), never a false 0 %.
  const bar = html`<progress id="progress" max="${Math.max(eventsTotal, 1)}"${attr('value', eventsTotal > 0 ? eventsRead : undefined)} aria-describedby="progress-status">${status}</progress>`;
  return page(context, {
    title: say(lang, T.progressTitle),
    back: AUDIT_HOME,
    body: html`<div class="form-group"><label class="form-label" for="progress">${say(lang, T.progressLabel)}</label>
<div>${bar}</div></div>
<p role="status" id="progress-status" class="font-lead">${status}</p>
<p>${say(lang, T.progressHow)} ${say(lang, T.progressStarted, { when: formatMoment(lang, run.startedAt) })}</p>
<p>${say(lang, T.progressRefresh)}</p>
<p><a class="button button-secondary" href="${runPath(run.id)}" id="refresh">${say(lang, T.refresh)}</a></p>`,
  });
}

function failedPage(context: PageContext, run: Extract<VerificationRun, { status: 'failed' }>): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.failedTitle),
    back: AUDIT_HOME,
    body: html`${alert('warning', say(lang, T.failedText, { failure: run.failure }), { id: 'run-failed', role: 'alert' })}${startForm(context, true)}`,
  });
}

function resultCell(lang: Lang, c: ReportedCheck): Html {
  const label = say(lang, CHECK_STATUS_LABELS[c.status]);
  if (c.status === 'violations') return html`<strong>${label}</strong>: <a href="#findings-${c.id}">${c.violations.length === 1 ? say(lang, T.findingOne) : say(lang, T.findingsCount, { n: formatCount(lang, c.violations.length) })}</a>`;
  return html`${label}`;
}

function findings(lang: Lang, c: ReportedCheck): Html {
  const text = checkText(lang, c.id, c.name);
  const shown = c.violations.slice(0, FINDINGS_SHOWN);
  return html`<h3 id="findings-${c.id}">${say(lang, T.findingsHeading, { id: c.id, name: text.name })}</h3>
${c.violations.length > shown.length ? html`<p>${say(lang, T.findingsMore, { shown: formatCount(lang, shown.length), n: formatCount(lang, c.violations.length) })}</p>` : null}
<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${say(lang, T.findingsHeading, { id: c.id, name: text.name })}</caption>
<thead><tr><th scope="col" class="align-text-right">${say(lang, T.position)}</th><th scope="col">${say(lang, T.eventId)}</th><th scope="col">${say(lang, T.citizen)}</th><th scope="col">${say(lang, T.finding)}</th></tr></thead>
<tbody>${shown.map(
    (v) => html`<tr><td class="align-text-right">${v.position === null ? say(lang, T.wholeLog) : formatCount(lang, v.position)}</td><td><code>${v.eventId ?? '–'}</code></td><td>${v.citizen ?? say(lang, T.noCitizen)}</td><td lang="en">${v.reason}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** The report of a finished run: the result first, then what was covered, each check, and the findings. */
function reportPage(context: PageContext, run: Extract<VerificationRun, { status: 'finished' }>): Html {
  const { lang } = context;
  const { report, head } = run;
  const failing = report.checks.filter((c) => c.status === 'violations');
  const result = report.ok
    ? alert('success', say(lang, T.passed), { id: 'result' })
    : alert('error', say(lang, T.failed, { n: formatCount(lang, failing.length), m: formatCount(lang, report.checks.length) }), { id: 'result' });
  const headValue = head
    ? html`${say(lang, T.headText, { size: formatCount(lang, head.treeSize), when: formatMoment(lang, head.signedAt) })}<br>${say(lang, T.rootHash)}: <code class="break-word">${head.rootHash.toString('hex')}</code>`
    : html`${say(lang, T.noHead)}`;
  const rows = [
    { label: say(lang, T.verifiedAt), value: formatMoment(lang, run.finishedAt) },
    { label: say(lang, T.events), value: formatCount(lang, report.events) },
    { label: say(lang, T.sealed), value: formatCount(lang, report.coverage.sealed) },
    { label: say(lang, T.signed), value: formatCount(lang, report.coverage.signed) },
    { label: say(lang, T.head), value: headValue },
    { label: say(lang, T.keyId), value: html`<code>${report.keyId}</code> (<a href="${KEY_PATH}">${say(lang, T.compareKey)}</a>)` },
    {
      label: say(lang, T.against),
      value: say(lang, T.againstText, { trusted: formatCount(lang, report.against.trustedHeads), witnessed: formatCount(lang, report.against.witnessedHeads) }),
    },
  ];
  const table = html`<div class="table--responsive-scroll"><table class="table table--zebra" id="report-checks">
<caption>${say(lang, T.checksTable)}</caption>
<thead><tr><th scope="col">${say(lang, T.check)}</th><th scope="col">${say(lang, T.proves)}</th><th scope="col" class="align-text-right">${say(lang, T.examined)}</th><th scope="col">${say(lang, T.result)}</th></tr></thead>
<tbody>${report.checks.map((c) => {
    const text = checkText(lang, c.id, c.name);
    return html`<tr id="check-${c.id}"><th scope="row">${c.id}. ${text.name}</th><td${attr('lang', text.translated ? undefined : 'en')}>${text.proves}</td><td class="align-text-right">${formatCount(lang, c.examined)}</td><td>${resultCell(lang, c)}</td></tr>`;
  })}</tbody>
</table></div>`;
  const english = say(lang, T.findingsInEnglish);
  return page(context, {
    title: say(lang, T.reportTitle),
    back: AUDIT_HOME,
    body: html`${result}
${summaryList(rows)}
${table}
${failing.length > 0 ? html`<h2>${say(lang, T.findingsSection)}</h2>${english ? html`<p>${english}</p>` : null}${failing.map((c) => findings(lang, c))}` : null}
<p><a href="${runPath(run.id)}/rapport.json" download id="report-json">${say(lang, T.reportJson)}</a></p>
${startForm(context, true)}`,
  });
}

/** A run as its page shows it: its progress while it goes, then its report (or why there is none). */
export function runPage(context: PageContext, run: VerificationRun): Html {
  switch (run.status) {
    case 'running':
      return progressPage(context, run);
    case 'failed':
      return failedPage(context, run);
    case 'finished':
      return reportPage(context, run);
    default: {
      const never: never = run;
      return never;
    }
  }
}

export function noRunPage(context: PageContext): Html {
  const { lang } = context;
  return page(context, { title: say(lang, T.noRun), back: AUDIT_HOME, body: html`<p>${say(lang, T.noRunText)}</p><p><a href="${AUDIT_HOME}">${say(lang, T.home)}</a></p>` });
}

/** A signed tree head as the page shows it, with its signature checked against the published key. */
export interface TreeHeadRow {
  treeSize: number;
  rootHash: string;
  signedAt: Date;
  keyId: string;
  signature: 'valid' | 'invalid' | 'other_key';
}

export interface TreeHeadPage {
  rows: readonly TreeHeadRow[];
  total: number;
  /** 1-based; newest first. */
  pageNumber: number;
  perPage: number;
  keyId: string;
}

export function treeHeadsPage(context: PageContext, p: TreeHeadPage): Html {
  const { lang } = context;
  const from = (p.pageNumber - 1) * p.perPage + 1;
  const to = from + p.rows.length - 1;
  const signature = (r: TreeHeadRow) =>
    r.signature === 'valid' ? say(lang, T.sigValid) : r.signature === 'other_key' ? say(lang, T.sigOtherKey, { keyId: r.keyId }) : html`<strong>${say(lang, T.sigInvalid)}</strong>`;
  const table =
    p.total === 0
      ? html`<p>${say(lang, T.headsNone)}</p>`
      : html`<p id="heads-shown">${say(lang, T.headsShown, { from: formatCount(lang, from), to: formatCount(lang, to), total: formatCount(lang, p.total) })}</p>
<div class="table--responsive-scroll"><table class="table table--zebra" id="tree-heads">
<caption>${say(lang, T.headsTitle)}</caption>
<thead><tr><th scope="col" class="align-text-right">${say(lang, T.size)}</th><th scope="col">${say(lang, T.rootHash)}</th><th scope="col">${say(lang, T.signedAt)}</th><th scope="col">${say(lang, T.signature)}</th></tr></thead>
<tbody>${p.rows.map(
          (r) => html`<tr><td class="align-text-right">${formatCount(lang, r.treeSize)}</td><td><code class="break-word">${r.rootHash}</code></td><td>${formatMoment(lang, r.signedAt)}</td><td>${signature(r)}</td></tr>`,
        )}</tbody>
</table></div>
<p>${say(lang, T.sigHow, { keyId: p.keyId })}</p>`;
  const newer = p.pageNumber > 1 ? html`<li><a href="${TREE_HEADS_PATH}?side=${p.pageNumber - 1}" id="newer">${say(lang, T.newer)}</a></li>` : null;
  const older = to < p.total ? html`<li><a href="${TREE_HEADS_PATH}?side=${p.pageNumber + 1}" id="older">${say(lang, T.older)}</a></li>` : null;
  return page(context, {
    title: say(lang, T.headsTitle),
    back: AUDIT_HOME,
    body: html`<p class="font-lead">${say(lang, T.headsLead)}</p>
${table}
${newer || older ? html`<ul class="nobullet-list">${newer}${older}</ul>` : null}`,
  });
}

/** One step of an offer's consent trail, as the API's `getConsentTrail` gives it. */
export interface TrailStep {
  position: number;
  type: string;
  citizen: string | null;
  at: string;
  by: { id: string; role: string };
  how: unknown;
  receiptId: string | null;
}

function howText(lang: Lang, how: unknown): string {
  if (how === null || typeof how !== 'object') return '–';
  const h = how as { method?: unknown; staffId?: unknown; sessionId?: unknown };
  const method = labelOf(CONSENT_METHOD_LABELS, lang, h.method);
  if (typeof h.staffId === 'string' && typeof h.sessionId === 'string') return say(lang, T.inSession, { method, staff: h.staffId, session: h.sessionId });
  return method;
}

const momentOf = (lang: Lang, at: string) => (Number.isNaN(Date.parse(at)) ? '–' : formatMoment(lang, at));

/** The form (GET: looking up changes nothing), and the trail of the offer asked for. */
export function consentTrailPage(context: PageContext, offerId: string | undefined, trail: readonly TrailStep[] | null, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const error = errorFor(errors, 'offerId');
  const form = getForm(
    TRAIL_PATH,
    html`${textInput({ lang, id: 'offerId', label: say(lang, T.offerId), hint: say(lang, T.offerIdHint), value: offerId, autocomplete: 'off', maxLength: 100, ...(error ? { error } : {}) })}
${button(say(lang, T.showTrail), { id: 'show-trail' })}`,
    'trail-form',
  );
  const result =
    trail && trail.length > 0
      ? html`<h2>${say(lang, T.trailFor)} <code>${offerId}</code></h2>
<div class="table--responsive-scroll"><table class="table table--zebra" id="trail">
<caption class="sr-only">${say(lang, T.trailFor)} ${offerId}</caption>
<thead><tr><th scope="col">${say(lang, T.when)}</th><th scope="col">${say(lang, T.what)}</th><th scope="col">${say(lang, T.who)}</th><th scope="col">${say(lang, T.how)}</th><th scope="col">${say(lang, T.receipt)}</th><th scope="col" class="align-text-right">${say(lang, T.position)}</th></tr></thead>
<tbody>${trail.map(
          (s) => html`<tr><td>${momentOf(lang, s.at)}</td><td>${labelOf(TRAIL_EVENT_LABELS, lang, s.type)}</td><td>${roleLabel(lang, s.by.role)} ${s.by.id}</td><td>${howText(lang, s.how)}</td><td>${s.receiptId ? html`<code>${s.receiptId}</code>` : '–'}</td><td class="align-text-right">${formatCount(lang, s.position)}</td></tr>`,
        )}</tbody>
</table></div>`
      : null;
  return page(context, {
    title: say(lang, T.trailTitle),
    back: AUDIT_HOME,
    errors,
    body: html`<p>${say(lang, T.trailLead)}</p>${form}${result}`,
  });
}

/** What the trail form's answer is wrong in, in the reader's language (none: look it up). */
export function offerIdErrors(lang: Lang, offerId: string): FieldError[] {
  if (offerId.length === 0) return [{ field: 'offerId', message: say(lang, T.offerIdMissing) }];
  if (offerId.length > 100) return [{ field: 'offerId', message: say(lang, T.offerIdTooLong) }];
  return [];
}

export const offerNotFound = (lang: Lang): FieldError => ({ field: 'offerId', message: say(lang, T.offerNotFound) });

/** The audit public key as `GET /audit/public-key` gives it, with its fingerprint. */
export interface PublishedKey {
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
  /** SHA-256 of the key's SPKI DER form, hex: what `openssl pkey -pubin -outform DER | sha256sum` prints. */
  fingerprint: string;
}

// Focusable: a long command scrolls sideways, and a keyboard must be able to scroll it too.
const commandBlock = (text: string) => html`<pre class="mb-5" tabindex="0"><code>${text}</code></pre>`;

/** Public: the key, its fingerprint, and how anyone verifies the log independently, step by step. */
export function publicKeyPage(context: PageContext, key: PublishedKey, checks: readonly { id: number; name: string }[]): Html {
  const { lang } = context;
  const folder = 'virkelyst-revision-N';
  return page(context, {
    title: say(lang, T.keyTitle),
    body: html`<p class="font-lead">${say(lang, T.keyLead)}</p>
${summaryList([
  { label: say(lang, T.algorithm), value: key.algorithm },
  { label: say(lang, T.keyId), value: html`<code id="key-id">${key.keyId}</code>` },
  { label: say(lang, T.fingerprint), value: html`<code class="break-word" id="fingerprint">${key.fingerprint}</code>` },
])}
<h2>${say(lang, T.theKey)}</h2>
${commandBlock(key.publicKeyPem.trim())}
<p><a href="${KEY_FILE_PATH}" download="${KEY_FILE_NAME}" id="key-file">${say(lang, T.keyFile, { file: KEY_FILE_NAME })}</a></p>
<p>${say(lang, T.keyJson)}: <a href="/audit/public-key" id="key-json"><code>GET /audit/public-key</code></a></p>
<h2>${say(lang, T.stepsHeading)}</h2>
<ol class="mb-7" id="steps">
<li><p>${say(lang, T.step1)}</p>${commandBlock(`tar -xzf ${folder}.tar.gz\n# ${lang === 'da' ? 'eller, hos driften' : 'or, by the operators'}:\nvirkelyst audit export ${folder}`)}</li>
<li><p>${say(lang, T.step2, { file: KEY_FILE_NAME })}</p>${commandBlock(`openssl pkey -pubin -in ${KEY_FILE_NAME} -outform DER \\\n  | sha256sum`)}</li>
<li><p>${say(lang, T.step3)}</p>${commandBlock(`virkelyst audit verify --bundle ${folder} \\\n  --public-key ${KEY_FILE_NAME} --lang ${lang}`)}</li>
<li><p>${say(lang, T.step4)}</p>${commandBlock(`virkelyst audit verify --bundle virkelyst-revision-M \\\n  --public-key ${KEY_FILE_NAME} \\\n  --trusted-head ${folder}/tree-heads.json`)}</li>
<li><p>${say(lang, T.step5)}</p>${commandBlock(`N=1\nsed -n "\${N}p" events.jsonl | tr -d '\\n' \\\n  | { printf '\\000'; cat; } | sha256sum\nsed -n "\${N}p" leaves.txt`)}<p>${say(lang, T.step5More)}</p></li>
</ol>
<h2>${say(lang, T.programChecks)}</h2>
${checksList(lang, checks, say(lang, T.programChecks))}`,
  });
}
