/**
 * A board member's own published name, and a meeting's documents (bilag): what they are, the
 * SHA-256 the log fixes for each, and, for the chair, vice-chair or secretary until the minutes
 * are signed, the form that attaches one.
 */
import { DOCUMENT_MAX_BYTES, DOCUMENT_MEDIA_TYPES, NAME_MAX, TITLE_MAX } from '../../domain/board/decide.js';
import type { BoardView, MeetingView } from '../../projections/board/queries.js';
import { button, type FieldError, fileInput, postForm, radioGroup, select, summaryList, textInput } from '../components.js';
import { html, type Html } from '../html.js';
import { type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { alert, table } from './admin-parts.js';
import { type FormState, NO_FORM, type Read, valueOf } from './board-kit.js';
import { formatMomentPrecise } from './board-parts.js';

const T = {
  nameTitle: { da: 'Dit navn på bestyrelsens offentlige side', en: 'Your name on the board’s public page' },
  nameLead: {
    da: 'Offentligheden ser bestyrelsens medlemmer og suppleanter ved det navn, de selv har valgt at offentliggøre. Uden et navn vises kun, at din plads er besat. Du kan trække navnet tilbage når som helst: så slettes det for altid, også fra tidligere referater.',
    en: 'The public sees the board’s members and deputies by the name they chose to publish. Without one, only that your seat is held is shown. You can withdraw the name at any time: it is then erased for good, from earlier minutes too.',
  },
  current: { da: 'Offentliggjort navn', en: 'Published name' },
  none: { da: 'Du har ikke offentliggjort et navn.', en: 'You have not published a name.' },
  name: { da: 'Navn', en: 'Name' },
  nameHint: { da: 'Som du vil stå i referaterne, fx dit for- og efternavn.', en: 'As you want to appear in the minutes, e.g. your first and last name.' },
  nameMissing: { da: 'Skriv det navn, du vil have vist.', en: 'Type the name you want shown.' },
  nameTooLong: { da: 'Skriv højst {max} tegn.', en: 'Type at most {max} characters.' },
  publish: { da: 'Offentliggør navnet', en: 'Publish the name' },
  replace: { da: 'Skift navnet', en: 'Change the name' },
  withdraw: { da: 'Træk navnet tilbage', en: 'Withdraw the name' },
  withdrawText: { da: 'Navnet slettes for altid. Du kan offentliggøre et navn igen senere.', en: 'The name is erased for good. You can publish a name again later.' },
  published: { da: 'Dit navn er offentliggjort.', en: 'Your name is published.' },
  withdrawn: { da: 'Dit navn er trukket tilbage og slettet.', en: 'Your name is withdrawn and erased.' },
  notOnBoard: { da: 'Du sidder ikke i bestyrelsen eller er suppleant.', en: 'You do not sit on the board and are not a deputy.' },
  docsTitle: { da: 'Bilag til mødet {when}', en: 'Documents for the meeting of {when}' },
  docsLead: {
    da: 'Bilagene gemmes uden for hændelsesloggen; loggen fastholder hvert bilags SHA-256, så enhver kan kontrollere, at et bilag er det, der blev vedhæftet. Offentlige bilag vises sammen med det underskrevne referat.',
    en: 'Documents are kept outside the event log; the log fixes each one’s SHA-256, so anyone can check that a document is the one attached. Public documents are shown with the signed minutes.',
  },
  noDocs: { da: 'Der er ingen bilag til mødet.', en: 'The meeting has no documents.' },
  docsCaption: { da: 'Mødets bilag', en: 'The meeting’s documents' },
  docTitle: { da: 'Titel', en: 'Title' },
  item: { da: 'Punkt', en: 'Item' },
  whole: { da: 'Hele mødet', en: 'The whole meeting' },
  size: { da: 'Størrelse', en: 'Size' },
  public: { da: 'Offentligt', en: 'Public' },
  yes: { da: 'Ja', en: 'Yes' },
  no: { da: 'Nej, kun for bestyrelsen', en: 'No, for the board only' },
  attach: { da: 'Vedhæft et bilag', en: 'Attach a document' },
  attachTitleHint: { da: 'Som bilaget skal hedde på dagsordenen.', en: 'As the document is to be named on the agenda.' },
  titleMissing: { da: 'Skriv bilagets titel.', en: 'Type the document’s title.' },
  titleTooLong: { da: 'Skriv højst {max} tegn.', en: 'Type at most {max} characters.' },
  whichItem: { da: 'Hører til', en: 'Belongs to' },
  itemN: { da: 'Punkt {n}: {title}', en: 'Item {n}: {title}' },
  itemMissing: { da: 'Vælg det punkt, bilaget hører til, eller hele mødet.', en: 'Choose the item the document belongs to, or the whole meeting.' },
  publicLegend: { da: 'Skal bilaget være offentligt sammen med referatet?', en: 'Is the document to be public with the minutes?' },
  publicMissing: { da: 'Vælg, om bilaget skal være offentligt.', en: 'Choose whether the document is public.' },
  file: { da: 'Fil', en: 'File' },
  fileHint: { da: 'PDF, tekst, CSV, billede (PNG, JPEG), ODF eller Office-dokument, højst {max} MB.', en: 'PDF, text, CSV, image (PNG, JPEG), ODF or Office document, at most {max} MB.' },
  fileMissing: { da: 'Vælg den fil, der skal vedhæftes.', en: 'Choose the file to attach.' },
  fileType: { da: 'Filen skal være PDF, tekst, CSV, PNG, JPEG, ODF eller et Office-dokument.', en: 'The file must be PDF, text, CSV, PNG, JPEG, ODF or an Office document.' },
  fileTooLarge: { da: 'Filen er større end {max} MB.', en: 'The file is larger than {max} MB.' },
  attachButton: { da: 'Vedhæft bilaget', en: 'Attach the document' },
  attached: { da: 'Bilaget er vedhæftet. Dets SHA-256 er {sha}.', en: 'The document is attached. Its SHA-256 is {sha}.' },
  signed: { da: 'Referatet er underskrevet: der kan ikke vedhæftes flere bilag.', en: 'The minutes are signed: no more documents can be attached.' },
  notKeeper: { da: 'Formanden, næstformanden eller sekretæren vedhæfter bilag.', en: 'The chair, vice-chair or secretary attaches documents.' },
  toMeeting: { da: 'Tilbage til mødet', en: 'Back to the meeting' },
} satisfies Record<string, Message>;

const MAX_MB = DOCUMENT_MAX_BYTES / (1024 * 1024);

const tidy = (text: string | undefined) => (text ?? '').trim().replace(/\s+/g, ' ');

export function readName(lang: Lang, raw: string | undefined): Read<string> {
  const name = tidy(raw);
  if (name.length === 0) return { ok: false, errors: [{ field: 'name', message: say(lang, T.nameMissing) }] };
  if (name.length > NAME_MAX) return { ok: false, errors: [{ field: 'name', message: say(lang, T.nameTooLong, { max: NAME_MAX }) }] };
  return { ok: true, value: name };
}

export type { FormState } from './board-kit.js';

export function myNamePage(context: PageContext, o: { name: string | null; sits: boolean; ok?: 'published' | 'withdrawn'; form?: FormState }): Html {
  const { lang } = context;
  const form = o.form ?? NO_FORM;
  const e = (field: string) => form.errors.find((x) => x.field === field)?.message;
  const body = !o.sits
    ? html`<p id="name">${say(lang, T.notOnBoard)}</p>`
    : html`${o.ok ? alert('success', say(lang, T[o.ok])) : null}
<p class="font-lead">${say(lang, T.nameLead)}</p>
${summaryList([{ label: say(lang, T.current), value: o.name ?? say(lang, T.none) }])}
${postForm(
  context,
  '/bestyrelse/mit-navn',
  html`${textInput({ lang, id: 'name', label: say(lang, T.name), hint: say(lang, T.nameHint), value: valueOf(form, 'name') ?? o.name ?? '', maxLength: NAME_MAX, autocomplete: 'name', error: e('name') })}
${button(say(lang, o.name ? T.replace : T.publish), { id: 'publish-name' })}`,
)}
${
  o.name
    ? html`<h2>${say(lang, T.withdraw)}</h2>
<p>${say(lang, T.withdrawText)}</p>
${postForm(context, '/bestyrelse/mit-navn/tilbagetraek', button(say(lang, T.withdraw), { id: 'withdraw-name', variant: 'secondary' }))}`
    : null
}`;
  return page(context, { title: say(lang, T.nameTitle), back: '/bestyrelse', errors: form.errors, body });
}

/** What the attach form sent, read: the bytes are checked by the route (their size, and that there are some). */
export interface DocumentForm {
  title: string;
  item: number | null;
  published: boolean;
  mediaType: (typeof DOCUMENT_MEDIA_TYPES)[number];
}

export function readDocument(lang: Lang, meeting: MeetingView, f: (name: string) => string | undefined, file: { mediaType: string; bytes: number } | null): Read<DocumentForm> {
  const errors: FieldError[] = [];
  const title = tidy(f('title'));
  if (title.length === 0) errors.push({ field: 'title', message: say(lang, T.titleMissing) });
  else if (title.length > TITLE_MAX) errors.push({ field: 'title', message: say(lang, T.titleTooLong, { max: TITLE_MAX }) });
  const itemText = f('item');
  const item = itemText === 'meeting' ? null : /^[1-9]\d{0,2}$/.test(itemText ?? '') && Number(itemText) <= meeting.agenda.length ? Number(itemText) : undefined;
  if (item === undefined) errors.push({ field: 'item', message: say(lang, T.itemMissing) });
  const published = f('published');
  if (published !== 'yes' && published !== 'no') errors.push({ field: 'published', message: say(lang, T.publicMissing) });
  const mediaType = DOCUMENT_MEDIA_TYPES.find((t) => t === file?.mediaType);
  if (!file || file.bytes === 0) errors.push({ field: 'content', message: say(lang, T.fileMissing) });
  else if (file.bytes > DOCUMENT_MAX_BYTES) errors.push({ field: 'content', message: say(lang, T.fileTooLarge, { max: MAX_MB }) });
  else if (!mediaType) errors.push({ field: 'content', message: say(lang, T.fileType) });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { title, item: item!, published: published === 'yes', mediaType: mediaType! } };
}

/** A digest that may break every 16 digits, so a narrow column can hold it. */
export const digestText = (sha256: string): Html => html`<code>${sha256.match(/.{1,16}/g)!.map((part, i) => (i === 0 ? part : html`<wbr>${part}`))}</code>`;

const sizeText = (lang: Lang, bytes: number) =>
  bytes < 1024
    ? `${bytes} ${lang === 'da' ? 'byte' : 'bytes'}`
    : bytes < 1024 * 1024
    ? `${new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1024)} kB`
    : `${new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;

export function documentsPage(context: PageContext, o: { board: BoardView; meeting: MeetingView; keepsRecord: boolean; attached?: string; form?: FormState }): Html {
  const { lang } = context;
  const { meeting } = o;
  const form = o.form ?? NO_FORM;
  const e = (field: string) => form.errors.find((x) => x.field === field)?.message;
  const documents = Object.values(meeting.documents);
  const itemName = (n: number | null) => (n === null ? say(lang, T.whole) : say(lang, T.itemN, { n, title: meeting.agenda[n - 1] ?? '' }));
  const list =
    documents.length === 0
      ? html`<p>${say(lang, T.noDocs)}</p>`
      : table(
          say(lang, T.docsCaption),
          [say(lang, T.docTitle), say(lang, T.item), say(lang, T.size), say(lang, T.public), 'SHA-256'],
          documents.map((d) => [html`<a href="/bestyrelse/dokumenter/${d.documentId}">${d.title}</a>`, itemName(d.item), sizeText(lang, d.size), say(lang, d.published ? T.yes : T.no), digestText(d.sha256)]),
        );
  const signed = meeting.signedBy.length > 0;
  // Where no form is offered, a refusal's link goes to what the page says instead.
  const attach = signed
    ? html`<p id="attach-status" tabindex="-1">${say(lang, T.signed)}</p>`
    : !o.keepsRecord
      ? html`<p id="attach-status" tabindex="-1">${say(lang, T.notKeeper)}</p>`
      : html`<h2>${say(lang, T.attach)}</h2>
${postForm(
  context,
  `/bestyrelse/moeder/${meeting.meetingId}/bilag`,
  html`${textInput({ lang, id: 'title', label: say(lang, T.docTitle), hint: say(lang, T.attachTitleHint), value: valueOf(form, 'title') ?? '', maxLength: TITLE_MAX, autocomplete: 'off', error: e('title') })}
${select({
  lang,
  id: 'item',
  label: say(lang, T.whichItem),
  choices: [{ value: 'meeting', label: say(lang, T.whole) }, ...meeting.agenda.map((title, i) => ({ value: String(i + 1), label: say(lang, T.itemN, { n: i + 1, title }) }))],
  selected: valueOf(form, 'item') ?? 'meeting',
  error: e('item'),
})}
${radioGroup({
  lang,
  id: 'published',
  legend: say(lang, T.publicLegend),
  choices: [
    { value: 'yes', label: say(lang, T.yes) },
    { value: 'no', label: say(lang, T.no) },
  ],
  checked: valueOf(form, 'published'),
  ...(e('published') ? { error: e('published') } : {}),
})}
${fileInput({ lang, id: 'content', label: say(lang, T.file), hint: say(lang, T.fileHint, { max: MAX_MB }), accept: DOCUMENT_MEDIA_TYPES, error: e('content') })}
${button(say(lang, T.attachButton), { id: 'attach-document' })}`,
  { enctype: 'multipart/form-data', id: 'attach-form' },
)}`;
  return page(context, {
    title: say(lang, T.docsTitle, { when: formatMomentPrecise(lang, meeting.at) }),
    back: `/bestyrelse/moeder/${meeting.meetingId}`,
    errors: form.errors,
    body: html`${o.attached ? alert('success', say(lang, T.attached, { sha: o.attached })) : null}
<p>${say(lang, T.docsLead)}</p>
${list}
${attach}
<p><a href="/bestyrelse/moeder/${meeting.meetingId}">${say(lang, T.toMeeting)}</a></p>`,
  });
}
