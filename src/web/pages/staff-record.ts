/**
 * What a counsellor records: a held conversation in one grouped form (when and how long, what it
 * was about, and what the citizen said in it: goals in their own words, outcomes, answers to the
 * offers that wait), a conversation that did not take place, and an offer (outside a
 * conversation, or in one that was held, with the citizen's answer if they gave one). A consent the
 * citizen withdrew in the conversation is recorded with it too: withdrawing is always free.
 *
 * The form is built for few actions: it was held at the booked time for the booked length unless
 * changed, topics and outcomes are boxes to tick, each goal has its own text area, each open offer
 * a row of radios that starts at "no answer", each consent in force a box to tick if withdrawn. Nothing here decides: the journey decider does (the
 * citizen's own word is never outranked, staff-written text is checked for words of coercion).
 */
import { CENTRE_OFFER_KINDS, type CentreOfferKind, type Channel, METHODS_FOR_CHANNEL, OUTCOME_KINDS, type OutcomeKind, type StaffConsentMethod } from '../../domain/journey/journey.js';
import type { OpenOffer, StaffCitizen, StaffSession } from '../../projections/journeys/staff-queries.js';
import { OFFER_KIND_LABELS, OUTCOME_LABELS } from '../../i18n/records.js';
import { button, capitalised, checkboxGroup, type Choice, errorFor, errorOf, type FieldError, hidden, notice, postForm, radioGroup, select, shortInput, summaryList, textArea } from '../components.js';
import { attr, html, type Html } from '../html.js';
import { formatClock, formatMoment, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';
import { copenhagenClockOf, parseClock, STAFF_CHANNEL_LABELS, TOPIC_LABELS, TOPICS, type Topic } from './staff-parts.js';
import { offerKindLabel } from './staff.js';

/** How many goals the form has room for: one text area each. */
export const GOAL_FIELDS = 2;

const T = {
  recordTitle: { da: 'Registrér samtalen', en: 'Record the conversation' },
  booked: { da: 'Booket', en: 'Booked' },
  citizen: { da: 'Borger', en: 'Citizen' },
  how: { da: 'Hvordan', en: 'How' },
  noName: { da: 'Intet navn oplyst', en: 'No name given' },
  minutes: { da: '{n} min.', en: '{n} min' },
  conversation: { da: 'Samtalen blev holdt', en: 'The conversation was held' },
  startedAt: { da: 'Begyndte kl.', en: 'Began at' },
  startedAtHint: { da: 'Den bookede tid. Ret den kun, hvis samtalen begyndte senere.', en: 'The booked time. Change it only if the conversation began later.' },
  startedAtBad: { da: 'Skriv tidspunktet som tt.mm, fx 10.15', en: 'Type the time as hh:mm, e.g. 10:15' },
  startedAtRange: { da: 'Samtalen kan ikke være begyndt før den bookede tid eller senere end nu', en: 'The conversation cannot have begun before the booked time or later than now' },
  duration: { da: 'Varighed i minutter', en: 'Length in minutes' },
  durationBad: { da: 'Skriv varigheden i hele minutter, mellem 10 og 240', en: 'Type the length in whole minutes, between 10 and 240' },
  topics: { da: 'Hvad talte I om?', en: 'What did you talk about?' },
  said: { da: 'Det, borgeren sagde', en: 'What the citizen said' },
  saidHint: { da: 'Skriv det med borgerens egne ord. Borgeren kan se det hele og altid ændre sine mål selv.', en: 'Write it in the citizen’s own words. The citizen can see all of it and can always change their goals themselves.' },
  goal: { da: 'Mål {n}, med borgerens egne ord', en: 'Goal {n}, in the citizen’s own words' },
  goalTooLong: { da: 'Et mål må højst være 2000 tegn', en: 'A goal can be at most 2,000 characters' },
  outcomes: { da: 'Fortalte borgeren om et resultat?', en: 'Did the citizen tell of an outcome?' },
  outcomeNote: { da: 'Om resultatet, med borgerens ord', en: 'About the outcome, in the citizen’s words' },
  outcomeNoteHint: { da: 'Gemmes ved hvert resultat, du har sat kryds ved.', en: 'Kept with each outcome you ticked.' },
  noteTooLong: { da: 'Teksten må højst være {n} tegn', en: 'The text can be at most {n} characters' },
  offers: { da: 'Svar på tilbud', en: 'Answers to offers' },
  offersHint: { da: 'Kun det, borgeren selv sagde i samtalen. Borgeren kan altid ændre sit svar.', en: 'Only what the citizen said in the conversation. The citizen can always change their answer.' },
  offerLegend: { da: '{kind}, givet {when}', en: '{kind}, made {when}' },
  answerNone: { da: 'Intet svar i samtalen', en: 'No answer in the conversation' },
  answerVerbal: { da: 'Ja tak – sagt i samtalen', en: 'Yes please – said in the conversation' },
  answerSigned: { da: 'Ja tak – skrevet under i samtalen', en: 'Yes please – signed in the conversation' },
  answerChat: { da: 'Ja tak – skrevet i chatten', en: 'Yes please – written in the chat' },
  answerNo: { da: 'Nej tak', en: 'No thank you' },
  withdrawals: { da: 'Trak borgeren et samtykke tilbage i samtalen?', en: 'Did the citizen withdraw a consent in the conversation?' },
  withdrawalsHint: { da: 'Sæt kun kryds, hvis borgeren selv sagde det. Det har ingen betydning for borgeren at trække et samtykke tilbage.', en: 'Tick only if the citizen said so themselves. Withdrawing a consent makes no difference to the citizen.' },
  withdrawal: { da: '{kind}: ja tak {when} – trukket tilbage i samtalen', en: '{kind}: yes please {when} – withdrawn in the conversation' },
  infoLegend: { da: 'Information og næste skridt', en: 'Information and next steps' },
  informationGiven: { da: 'Information, du gav', en: 'Information you gave' },
  nextSteps: { da: 'Næste skridt, som borgeren vil tage', en: 'Next steps the citizen wants to take' },
  notes: { da: 'Noter', en: 'Notes' },
  notesHint: { da: 'Borgeren kan læse dem.', en: 'The citizen can read them.' },
  save: { da: 'Gem samtalen', en: 'Save the conversation' },
  alreadyRecorded: { da: 'Samtalen er allerede registreret.', en: 'The conversation is already recorded.' },
  notHeldTitle: { da: 'Blev samtalen ikke holdt?', en: 'Did the conversation not take place?' },
  notHeldText: { da: 'Det har ingen betydning for borgeren, og der registreres ingen grund. Borgeren kan booke en ny tid, når det passer.', en: 'It makes no difference to the citizen, and no reason is recorded. The citizen can book a new time whenever it suits them.' },
  notHeldConfirm: { da: 'Ja, samtalen blev ikke holdt', en: 'Yes, it did not take place' },
  offerTitle: { da: 'Giv et tilbud', en: 'Make an offer' },
  inSession: { da: 'I samtalen', en: 'In the conversation' },
  kind: { da: 'Hvilket tilbud?', en: 'Which offer?' },
  kindChoose: { da: 'Vælg et tilbud', en: 'Choose an offer' },
  kindMissing: { da: 'Vælg, hvilket tilbud du giver', en: 'Choose which offer you are making' },
  kindGone: { da: 'Tilbuddet er ikke længere i kataloget. Vælg et andet', en: 'The offer is no longer in the catalogue. Choose another' },
  centreKinds: { da: 'Husets egne slags tilbud', en: 'The centre’s own kinds of offer' },
  fromCatalogue: { da: 'Fra tilbudskataloget', en: 'From the offer catalogue' },
  centreOwn: { da: 'husets eget', en: 'the centre’s own' },
  information: { da: 'Om tilbuddet, med almindelige ord', en: 'About the offer, in plain words' },
  informationHint: { da: 'Hvad det er, hvor og hvornår. Borgeren kan altid sige nej tak, og det har ingen betydning.', en: 'What it is, where and when. The citizen can always say no thank you, and it makes no difference.' },
  informationMissing: { da: 'Skriv med almindelige ord, hvad tilbuddet er', en: 'Write in plain words what the offer is' },
  informationTooLong: { da: 'Teksten må højst være 4000 tegn', en: 'The text can be at most 4,000 characters' },
  answerNow: { da: 'Svarede borgeren i samtalen?', en: 'Did the citizen answer in the conversation?' },
  waiting: { da: 'Tilbud, der venter på borgerens svar: {list}.', en: 'Offers that wait for the citizen’s answer: {list}.' },
  give: { da: 'Giv tilbuddet', en: 'Make the offer' },
} satisfies Record<string, Message>;

// ---- The held conversation ----

/** The form as typed (kept when it is shown again with its errors). */
export interface RecordAnswers {
  startedAt: string;
  durationMinutes: string;
  topics: string[];
  goals: string[];
  outcomes: string[];
  outcomeNote: string;
  /** By offer id: none, declined, or the way consent was given. */
  offerAnswers: Record<string, string>;
  /** The offers whose consent the citizen withdrew in the conversation. */
  withdrawals: string[];
  informationGiven: string;
  nextSteps: string;
  notes: string;
}

export const ANSWER_FIELD = 'answer-';
/** The boxes of the consents withdrawn in the conversation (the first box has this id). */
export const WITHDRAWALS_FIELD = 'withdrawals';
/** The id of the form's section of answers to offers: where an error on an offer the form no longer shows leads. */
export const OFFERS_SECTION = 'offers';
export const DECLINED = 'declined';
export const NO_ANSWER = 'none';

/** The form's defaults: held at the booked time, for the booked length, nothing else said. */
export function bookedAnswers(lang: Lang, session: StaffSession): RecordAnswers {
  return {
    startedAt: session.start ? formatClock(lang, copenhagenClockOf(session.start)) : '',
    durationMinutes: String(session.durationMinutes ?? ''),
    topics: [],
    goals: Array.from({ length: GOAL_FIELDS }, () => ''),
    outcomes: [],
    outcomeNote: '',
    offerAnswers: {},
    withdrawals: [],
    informationGiven: '',
    nextSteps: '',
    notes: '',
  };
}

/** The form's fields from a body (the edge has already read it as a record of strings and arrays). */
export function recordAnswersOf(text: (name: string) => string | undefined, values: (name: string) => string[], fields: readonly string[]): RecordAnswers {
  const offerAnswers: Record<string, string> = {};
  for (const name of fields) if (name.startsWith(ANSWER_FIELD)) offerAnswers[name.slice(ANSWER_FIELD.length)] = text(name) ?? '';
  return {
    startedAt: text('startedAt') ?? '',
    durationMinutes: text('durationMinutes') ?? '',
    topics: values('topics'),
    goals: Array.from({ length: GOAL_FIELDS }, (_, i) => text(`goal${i + 1}`) ?? ''),
    outcomes: values('outcomes'),
    outcomeNote: text('outcomeNote') ?? '',
    offerAnswers,
    withdrawals: values(WITHDRAWALS_FIELD),
    informationGiven: text('informationGiven') ?? '',
    nextSteps: text('nextSteps') ?? '',
    notes: text('notes') ?? '',
  };
}

/** The ways a "yes please" fits the conversation's channel (a signature needs the same room); said aloud first, the usual way. */
export const consentChoices = (channel: Channel): readonly StaffConsentMethod[] =>
  [...METHODS_FOR_CHANNEL[channel]].sort((a, b) => Number(b === 'verbal_in_session') - Number(a === 'verbal_in_session'));

/** What was typed, checked: the command's values, or the fields that are wrong. `impossible`: not a form of ours (unknown codes). */
export type CheckedRecord =
  | { impossible: true }
  | { impossible: false; errors: FieldError[]; startedAt: string; durationMinutes: number; topics: Topic[]; goals: { field: string; text: string }[]; outcomes: OutcomeKind[]; outcomeNote: string | undefined; answers: { offerId: string; answer: StaffConsentMethod | typeof DECLINED }[]; withdrawals: string[]; informationGiven: string | undefined; nextSteps: string | undefined; notes: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim());

export function checkRecord(lang: Lang, a: RecordAnswers, channel: Channel): CheckedRecord {
  const topics = a.topics.map((t) => TOPICS.find((known) => known === t));
  const outcomes = a.outcomes.map((o) => OUTCOME_KINDS.find((known) => known === o));
  const methods = consentChoices(channel);
  const answers = Object.entries(a.offerAnswers).filter(([, answer]) => answer !== NO_ANSWER);
  const badAnswer = answers.some(([offerId, answer]) => !UUID.test(offerId) || !(answer === DECLINED || methods.some((m) => m === answer)));
  if (topics.includes(undefined) || outcomes.includes(undefined) || badAnswer || Object.keys(a.offerAnswers).some((id) => !UUID.test(id))) return { impossible: true };
  // A consent withdrawn is one in force: never an offer that waits for its answer in the same form.
  if (a.withdrawals.some((id) => !UUID.test(id) || (a.offerAnswers[id] !== undefined && a.offerAnswers[id] !== NO_ANSWER))) return { impossible: true };
  const errors: FieldError[] = [];
  const clock = parseClock(a.startedAt);
  if (!clock) errors.push({ field: 'startedAt', message: say(lang, T.startedAtBad) });
  const duration = /^\d{1,3}$/.test(a.durationMinutes.trim()) ? Number(a.durationMinutes.trim()) : NaN;
  if (!(duration >= 10 && duration <= 240)) errors.push({ field: 'durationMinutes', message: say(lang, T.durationBad) });
  const goals = a.goals.map((text, i) => ({ field: `goal${i + 1}`, text: text.trim() })).filter((g) => g.text !== '');
  for (const g of goals) if (g.text.length > 2000) errors.push({ field: g.field, message: say(lang, T.goalTooLong) });
  const limits: [keyof RecordAnswers & string, number][] = [['outcomeNote', 2000], ['informationGiven', 4000], ['nextSteps', 4000], ['notes', 8000]];
  for (const [field, max] of limits) if (String(a[field]).trim().length > max) errors.push({ field, message: say(lang, T.noteTooLong, { n: max }) });
  return {
    impossible: false,
    errors,
    startedAt: clock ?? '',
    durationMinutes: duration,
    topics: [...new Set(topics.filter((t): t is Topic => t !== undefined))],
    goals,
    outcomes: [...new Set(outcomes.filter((o): o is OutcomeKind => o !== undefined))],
    outcomeNote: optionalText(a.outcomeNote),
    answers: answers.map(([offerId, answer]) => ({ offerId, answer: answer === DECLINED ? DECLINED : (methods.find((m) => m === answer) ?? methods[0]!) })),
    withdrawals: [...new Set(a.withdrawals)],
    informationGiven: optionalText(a.informationGiven),
    nextSteps: optionalText(a.nextSteps),
    notes: optionalText(a.notes),
  };
}

export const startedAtRangeError = (lang: Lang): FieldError => ({ field: 'startedAt', message: say(lang, T.startedAtRange) });

const METHOD_LABELS: Record<StaffConsentMethod, Message> = { verbal_in_session: T.answerVerbal, signed_in_person: T.answerSigned, written_in_chat: T.answerChat };

function offerAnswerChoices(lang: Lang, channel: Channel): Choice[] {
  return [
    { value: NO_ANSWER, label: say(lang, T.answerNone) },
    ...consentChoices(channel).map((m) => ({ value: m, label: say(lang, METHOD_LABELS[m]) })),
    { value: DECLINED, label: say(lang, T.answerNo) },
  ];
}

const who = (lang: Lang, citizen: StaffCitizen) => `${citizen.alias ?? say(lang, T.noName)} (${citizen.reference})`;

/** A consent in force, as the form offers its withdrawal: the offer, its kind, and when the citizen said yes please. */
export interface ConsentInForce {
  offerId: string;
  kind: string;
  consentedAt: string;
}

export interface RecordView {
  session: StaffSession & { start: string; channel: Channel; durationMinutes: number };
  citizen: StaffCitizen;
  /** Offers that wait for an answer and were made before the conversation. */
  offers: readonly OpenOffer[];
  /** Consents in force that the citizen may have withdrawn in the conversation (given before it). */
  consents: readonly ConsentInForce[];
  answers: RecordAnswers;
}

/** The one grouped form. */
export function recordPage(context: PageContext, v: RecordView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const { session, answers: a } = v;
  const e = (field: string) => errorFor(errors, field);
  const offers = v.offers.map((o) =>
    radioGroup({
      lang,
      id: `${ANSWER_FIELD}${o.offerId}`,
      legend: say(lang, T.offerLegend, { kind: offerKindLabel(lang, o.kind), when: formatMoment(lang, o.madeAt) }),
      choices: offerAnswerChoices(lang, session.channel),
      checked: a.offerAnswers[o.offerId] ?? NO_ANSWER,
      ...(e(`${ANSWER_FIELD}${o.offerId}`) ? { error: e(`${ANSWER_FIELD}${o.offerId}`)! } : {}),
    }),
  );
  const withdrawals =
    v.consents.length > 0
      ? checkboxGroup({
          lang,
          id: WITHDRAWALS_FIELD,
          legend: say(lang, T.withdrawals),
          hint: say(lang, T.withdrawalsHint),
          choices: v.consents.map((c) => ({ value: c.offerId, label: say(lang, T.withdrawal, { kind: offerKindLabel(lang, c.kind), when: formatMoment(lang, c.consentedAt) }) })),
          checked: a.withdrawals,
          error: e(WITHDRAWALS_FIELD),
        })
      : null;
  const body = html`${summaryList([
    { label: say(lang, T.citizen), value: who(lang, v.citizen) },
    { label: say(lang, T.booked), value: `${formatMoment(lang, session.start)} (${say(lang, T.minutes, { n: session.durationMinutes })})` },
    { label: say(lang, T.how), value: say(lang, STAFF_CHANNEL_LABELS[session.channel]) },
  ])}
${postForm(
  context,
  `/medarbejder/samtale/${session.sessionId}`,
  html`<fieldset class="mt-6"><legend class="h2">${say(lang, T.conversation)}</legend>
${shortInput({ lang, id: 'startedAt', label: say(lang, T.startedAt), hint: say(lang, T.startedAtHint), type: 'text', width: 'xs', value: a.startedAt, error: e('startedAt'), maxLength: 5, inputMode: 'numeric', autocomplete: 'off' })}
${shortInput({ lang, id: 'durationMinutes', label: say(lang, T.duration), type: 'number', width: 'xxs', value: a.durationMinutes, error: e('durationMinutes'), min: 10, max: 240, inputMode: 'numeric' })}
${checkboxGroup({ lang, id: 'topics', legend: say(lang, T.topics), choices: TOPICS.map((t) => ({ value: t, label: say(lang, TOPIC_LABELS[t]) })), checked: a.topics, error: e('topics') })}
</fieldset>
<fieldset class="mt-6"><legend class="h2">${say(lang, T.said)}</legend>
<p class="form-hint">${say(lang, T.saidHint)}</p>
${a.goals.map((text, i) => textArea({ lang, id: `goal${i + 1}`, label: say(lang, T.goal, { n: i + 1 }), value: text, rows: 3, required: false, maxLength: 2000, ...(e(`goal${i + 1}`) ? { error: e(`goal${i + 1}`)! } : {}) }))}
${checkboxGroup({ lang, id: 'outcomes', legend: say(lang, T.outcomes), choices: OUTCOME_KINDS.map((k) => ({ value: k, label: capitalised(say(lang, OUTCOME_LABELS[k])) })), checked: a.outcomes })}
${textArea({ lang, id: 'outcomeNote', label: say(lang, T.outcomeNote), hint: say(lang, T.outcomeNoteHint), value: a.outcomeNote, rows: 2, required: false, maxLength: 2000, ...(e('outcomeNote') ? { error: e('outcomeNote')! } : {}) })}
</fieldset>
${
  v.offers.length > 0 || v.consents.length > 0 || e(OFFERS_SECTION)
    ? html`<fieldset class="mt-6${e(OFFERS_SECTION) ? ' form-error' : ''}" id="${OFFERS_SECTION}" tabindex="-1"${attr('aria-describedby', e(OFFERS_SECTION) ? `${OFFERS_SECTION}-error` : undefined)}><legend class="h2">${say(lang, T.offers)}</legend><p class="form-hint">${say(lang, T.offersHint)}</p>${errorOf(lang, OFFERS_SECTION, e(OFFERS_SECTION))}${offers}${withdrawals}</fieldset>`
    : null
}
<fieldset class="mt-6"><legend class="h2">${say(lang, T.infoLegend)}</legend>
${textArea({ lang, id: 'informationGiven', label: say(lang, T.informationGiven), value: a.informationGiven, rows: 3, required: false, maxLength: 4000, ...(e('informationGiven') ? { error: e('informationGiven')! } : {}) })}
${textArea({ lang, id: 'nextSteps', label: say(lang, T.nextSteps), value: a.nextSteps, rows: 3, required: false, maxLength: 4000, ...(e('nextSteps') ? { error: e('nextSteps')! } : {}) })}
${textArea({ lang, id: 'notes', label: say(lang, T.notes), hint: say(lang, T.notesHint), value: a.notes, rows: 3, required: false, maxLength: 8000, ...(e('notes') ? { error: e('notes')! } : {}) })}
</fieldset>
${button(say(lang, T.save), { id: 'save-session' })}`,
  { id: 'record-form' },
)}`;
  return page(context, { title: say(lang, T.recordTitle), back: '/medarbejder', errors, body });
}

/** The conversation is no longer booked (recorded already, or cancelled): nothing to fill in. */
export function alreadyRecordedPage(context: PageContext, citizen: StaffCitizen, session: StaffSession): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.recordTitle),
    back: '/medarbejder',
    body: html`${notice(say(lang, T.alreadyRecorded), 'info')}${summaryList([
      { label: say(lang, T.citizen), value: who(lang, citizen) },
      { label: say(lang, T.booked), value: session.start ? formatMoment(lang, session.start) : '–' },
    ])}`,
  });
}

/** A conversation that did not take place: asked once, no reason, no consequence. */
export function notHeldPage(context: PageContext, citizen: StaffCitizen, session: StaffSession & { start: string }, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  return page(context, {
    title: say(lang, T.notHeldTitle),
    back: '/medarbejder',
    errors,
    body: html`${summaryList([
      { label: say(lang, T.citizen), value: who(lang, citizen) },
      { label: say(lang, T.booked), value: formatMoment(lang, session.start) },
    ])}
<p>${say(lang, T.notHeldText)}</p>
${postForm(context, `/medarbejder/samtale/${session.sessionId}/ikke-holdt`, button(say(lang, T.notHeldConfirm), { id: 'confirm-not-held' }), { id: 'not-held-form' })}`,
  });
}

// ---- An offer ----

export interface OfferAnswers {
  kind: string;
  information: string;
  answer: string;
}

/** An offer in the centre's catalogue now, as the form lists it: chosen as `catalogue:<offerId>`. */
export interface CatalogueChoice {
  offerId: string;
  title: string;
  partnerName: string | null;
}
export const CATALOGUE_CHOICE = 'catalogue:';

export type CheckedOffer =
  | { impossible: true }
  | { impossible: false; errors: FieldError[]; kind: CentreOfferKind | undefined; catalogueOfferId?: string; information: string; answer: StaffConsentMethod | typeof DECLINED | undefined };

/**
 * An offer as typed, checked. `channel`: the held conversation's, when it is made in one. An offer
 * from the catalogue is one the form listed (`catalogue`); its kind is settled from the catalogue.
 */
export function checkOffer(lang: Lang, a: OfferAnswers, channel: Channel | null, catalogue: readonly CatalogueChoice[] = []): CheckedOffer {
  const fromCatalogue = a.kind.startsWith(CATALOGUE_CHOICE) ? catalogue.find((o) => `${CATALOGUE_CHOICE}${o.offerId}` === a.kind) : undefined;
  if (fromCatalogue) {
    const checked = checkOffer(lang, { ...a, kind: CENTRE_OFFER_KINDS[0] }, channel);
    return checked.impossible ? checked : { ...checked, kind: undefined, catalogueOfferId: fromCatalogue.offerId };
  }
  // A catalogue offer no longer listed (retired, or its agreement ended since the form was shown): chosen again.
  if (a.kind.startsWith(CATALOGUE_CHOICE)) {
    const checked = checkOffer(lang, { ...a, kind: '' }, channel);
    return checked.impossible ? checked : { ...checked, errors: [{ field: 'kind', message: say(lang, T.kindGone) }, ...checked.errors.filter((e) => e.field !== 'kind')] };
  }
  const kind = CENTRE_OFFER_KINDS.find((k) => k === a.kind);
  const methods = channel ? consentChoices(channel) : [];
  const answer = a.answer === '' || a.answer === NO_ANSWER ? undefined : a.answer === DECLINED ? DECLINED : methods.find((m) => m === a.answer);
  if ((a.kind !== '' && !kind) || (a.answer !== '' && a.answer !== NO_ANSWER && !answer)) return { impossible: true };
  const errors: FieldError[] = [];
  if (!kind) errors.push({ field: 'kind', message: say(lang, T.kindMissing) });
  const information = a.information.trim();
  if (information === '') errors.push({ field: 'information', message: say(lang, T.informationMissing) });
  else if (information.length > 4000) errors.push({ field: 'information', message: say(lang, T.informationTooLong) });
  return { impossible: false, errors, kind, information, answer };
}

export interface OfferView {
  citizen: StaffCitizen;
  /** The held conversation the offer is made in, if any. */
  session: (StaffSession & { start: string; channel: Channel }) | null;
  waiting: readonly OpenOffer[];
  answers: OfferAnswers;
  /** The centre's catalogue, as listed now. */
  catalogue: readonly CatalogueChoice[];
}

export function offerPage(context: PageContext, v: OfferView, errors: readonly FieldError[] = []): Html {
  const { lang } = context;
  const e = (field: string) => errorFor(errors, field);
  const base = `/medarbejder/borger/${encodeURIComponent(v.citizen.citizenId)}`;
  const rows = [{ label: say(lang, T.citizen), value: who(lang, v.citizen) }];
  if (v.session) rows.push({ label: say(lang, T.inSession), value: `${formatMoment(lang, v.session.start)} (${say(lang, STAFF_CHANNEL_LABELS[v.session.channel])})` });
  const waiting = v.waiting.length > 0 ? notice(say(lang, T.waiting, { list: v.waiting.map((o) => offerKindLabel(lang, o.kind)).join(', ') }), 'info') : null;
  const kindError = e('kind');
  const kindChoices = CENTRE_OFFER_KINDS.map((k) => ({ value: k, label: capitalised(say(lang, OFFER_KIND_LABELS[k])) }));
  const informationError = e('information');
  const answerError = e('answer');
  return page(context, {
    title: say(lang, T.offerTitle),
    back: base,
    errors,
    body: html`${summaryList(rows)}
${waiting}
${postForm(
  context,
  `${base}/tilbud`,
  html`${v.session ? hidden('sessionId', v.session.sessionId) : null}
${select({
  lang,
  id: 'kind',
  label: say(lang, T.kind),
  choices: [{ value: '', label: say(lang, T.kindChoose) }, ...(v.catalogue.length > 0 ? [] : kindChoices)],
  ...(v.catalogue.length > 0
    ? {
        groups: [
          { label: say(lang, T.centreKinds), choices: kindChoices },
          { label: say(lang, T.fromCatalogue), choices: v.catalogue.map((o) => ({ value: `${CATALOGUE_CHOICE}${o.offerId}`, label: `${o.title} (${o.partnerName ?? say(lang, T.centreOwn)})` })) },
        ],
      }
    : {}),
  selected: v.answers.kind,
  ...(kindError ? { error: kindError } : {}),
})}
${textArea({ lang, id: 'information', label: say(lang, T.information), hint: say(lang, T.informationHint), value: v.answers.information, rows: 4, maxLength: 4000, ...(informationError ? { error: informationError } : {}) })}
${v.session ? radioGroup({ lang, id: 'answer', legend: say(lang, T.answerNow), choices: offerAnswerChoices(lang, v.session.channel), checked: v.answers.answer || NO_ANSWER, ...(answerError ? { error: answerError } : {}) }) : null}
${button(say(lang, T.give), { id: 'make-offer' })}`,
  { id: 'offer-form' },
)}`,
  });
}
