/**
 * What happened on a journey, one sentence a record, in the reader's language: for the citizen's
 * own view of everything recorded about them (the web page, the API's records). One sentence for
 * every journey event, so a new event without its words in both languages does not compile.
 * Times are Copenhagen wall-clock words, channels and kinds their labels: never an ISO string or
 * a code in the sentence.
 */
import type { CentreOfferKind, GoalCategory, JourneyEvent, OutcomeKind } from '../domain/journey/journey.js';
import { isWho5Score, WHO5_ITEMS, who5Percentage, who5Raw, type Who5Item } from '../domain/journey/who5.js';
import type { SharedField } from '../domain/journey/sharing.js';
import { CHANNEL_LABELS, FIRST_CONTACT_LABELS, formatDay, formatMoment, labelOf, type Lang, type Message } from './i18n.js';

/**
 * What a conversation was about, as the counsellor ticks it off. Kept as these stable words (the
 * API takes topics as free text); pages show each in the reader's language.
 */
export const TOPICS = ['wishes_and_dreams', 'job_search', 'cv_and_applications', 'education', 'own_business', 'internship', 'health_and_wellbeing', 'networks_and_groups', 'offers', 'other'] as const;
export type Topic = (typeof TOPICS)[number];
export const TOPIC_LABELS: Record<Topic, Message> = {
  wishes_and_dreams: { da: 'Drømme og ønsker', en: 'Dreams and wishes' },
  job_search: { da: 'Jobsøgning', en: 'Job search' },
  cv_and_applications: { da: 'CV og ansøgninger', en: 'CV and applications' },
  education: { da: 'Uddannelse', en: 'Education' },
  own_business: { da: 'Egen virksomhed', en: 'Own business' },
  internship: { da: 'Praktik', en: 'Work placement' },
  health_and_wellbeing: { da: 'Sundhed og trivsel', en: 'Health and wellbeing' },
  networks_and_groups: { da: 'Netværk og grupper', en: 'Networks and groups' },
  offers: { da: 'Tilbud', en: 'Offers' },
  other: { da: 'Andet', en: 'Other' },
};

/** What a citizen may share with a partner, in words. */
export const SHARED_FIELD_LABELS: Record<SharedField, Message> = {
  name: { da: 'dit navn', en: 'your name' },
  contact: { da: 'hvordan du kan kontaktes', en: 'how to reach you' },
  goals: { da: 'dine mål', en: 'your goals' },
  message: { da: 'din besked', en: 'your message' },
};

export const OFFER_KIND_LABELS: Record<CentreOfferKind, Message> = {
  coaching: { da: 'coaching', en: 'coaching' },
  job_search_and_placement: { da: 'jobsøgning og formidling', en: 'job search and placement' },
  entrepreneur_incubator: { da: 'iværksætterværksted', en: 'entrepreneur incubator' },
  internship: { da: 'praktik', en: 'work placement' },
  seminar: { da: 'seminar', en: 'seminar' },
  workshop: { da: 'workshop', en: 'workshop' },
  experience_forum: { da: 'erfaringsforum', en: 'experience forum' },
  sparring: { da: 'sparring', en: 'sparring' },
  office_space: { da: 'kontorplads', en: 'office space' },
  accounting_help: { da: 'hjælp med regnskab', en: 'help with accounts' },
  physical_activity_and_health: { da: 'motion og sundhed', en: 'physical activity and health' },
  education_guidance: { da: 'uddannelsesvejledning', en: 'education guidance' },
  referral_to_treatment: { da: 'henvisning til behandling', en: 'referral to treatment' },
};

export const OUTCOME_LABELS: Record<OutcomeKind, Message> = {
  job: { da: 'job', en: 'a job' },
  education: { da: 'uddannelse', en: 'education' },
  business: { da: 'egen virksomhed', en: 'own business' },
  volunteering: { da: 'frivilligt arbejde', en: 'volunteering' },
  other: { da: 'andet', en: 'other' },
};

export const GOAL_CATEGORY_LABELS: Record<GoalCategory, Message> = {
  job: { da: 'job', en: 'a job' },
  education: { da: 'uddannelse', en: 'education' },
  own_business: { da: 'egen virksomhed', en: 'own business' },
  volunteering: { da: 'frivilligt arbejde', en: 'volunteering' },
  health: { da: 'sundhed', en: 'health' },
  other: { da: 'andet', en: 'other' },
};

/**
 * The WHO-5 Well-Being Index in its official Danish version ("WHO-5 Trivselsindeks") and its
 * English original, word for word: the stem, the five statements, the six answers. Not to be
 * reworded: the WHO-5's home asks that any deviation be marked as such. Verified against the
 * Danish wording used by Kommunernes Landsforening (KL) and the English as published; the source
 * is cited on the page with the questions.
 */
export const WHO5_WORDING = {
  title: { da: 'WHO-5 Trivselsindeks', en: 'WHO-5 Well-Being Index' },
  stem: { da: 'I de sidste 2 uger', en: 'Over the last two weeks' },
  items: {
    cheerful: { da: 'har jeg været glad og i godt humør', en: 'I have felt cheerful and in good spirits' },
    calm: { da: 'har jeg følt mig rolig og afslappet', en: 'I have felt calm and relaxed' },
    active: { da: 'har jeg følt mig aktiv og energisk', en: 'I have felt active and vigorous' },
    rested: { da: 'er jeg vågnet frisk og udhvilet', en: 'I woke up feeling fresh and rested' },
    interested: { da: 'har min dagligdag været fyldt med ting der interesserer mig', en: 'My daily life has been filled with things that interest me' },
  } satisfies Record<Who5Item, Message>,
  /** By score, 5 down to 0. */
  answers: {
    5: { da: 'Hele tiden', en: 'All of the time' },
    4: { da: 'Det meste af tiden', en: 'Most of the time' },
    3: { da: 'Lidt mere end halvdelen af tiden', en: 'More than half of the time' },
    2: { da: 'Lidt mindre end halvdelen af tiden', en: 'Less than half of the time' },
    1: { da: 'Lidt af tiden', en: 'Some of the time' },
    0: { da: 'På intet tidspunkt', en: 'At no time' },
  } satisfies Record<0 | 1 | 2 | 3 | 4 | 5, Message>,
  source: {
    da: 'WHO-5 Trivselsindeks (1998-versionen) er udviklet af WHO Collaborating Centre in Mental Health, Psykiatrisk Forskningsenhed, Psykiatrisk Center Nordsjælland. Det må bruges frit uden tilladelse og gengives her uændret.',
    en: 'The WHO-5 Well-Being Index (1998 version) was developed by the WHO Collaborating Centre in Mental Health, Psychiatric Research Unit, Mental Health Centre North Zealand. It is free to use without permission and is reproduced here unchanged.',
  },
  /** Where the WHO-5 keeps every language version (in English). */
  sourceUrl: 'https://www.psykiatri-regionh.dk/who-5/who-5-questionnaires/Pages/default.aspx',
} as const;

/** One statement as the form puts it: "I de sidste 2 uger … har jeg været glad og i godt humør". */
export const who5Statement = (lang: Lang, item: Who5Item): string => `${WHO5_WORDING.stem[lang]} … ${WHO5_WORDING.items[item][lang]}`;

/** An answer's words, by its score. */
export const who5Answer = (lang: Lang, score: number): string => (isWho5Score(score) ? WHO5_WORDING.answers[score as 0 | 1 | 2 | 3 | 4 | 5][lang] : '–');

/** What an erased personal field reads as. */
export const ERASED_WORD: Message = { da: '(slettet)', en: '(erased)' };

type Data = Record<string, unknown>;
type Sentence = (lang: Lang, d: Data) => string;

const when = (lang: Lang, moment: unknown) => (typeof moment === 'string' && !Number.isNaN(Date.parse(moment)) ? formatMoment(lang, moment) : '–');
const offerOf = (lang: Lang, d: Data) => {
  const offer = d.offer as { source?: string; kind?: unknown } | undefined;
  if (offer?.source === 'partner') return lang === 'da' ? 'et tilbud fra en samarbejdspartner' : 'an offer from a partner';
  return labelOf(OFFER_KIND_LABELS, lang, offer?.kind);
};
/** A personal field, already opened (or the erased word). */
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const both = (da: string, en: string) => (lang: Lang) => (lang === 'da' ? da : en);
/** A list in words: "dit navn, dine mål og din besked". */
const inWords = (lang: Lang, items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${lang === 'da' ? ' og ' : ' and '}${items.at(-1)}`);

/** The citizen's own WHO-5 answers (opened): the scores, every statement with its answer; or the erased word. */
function wellBeing(lang: Lang, scores: unknown): string {
  const head = lang === 'da' ? `Du besvarede selv ${WHO5_WORDING.title.da}` : `You answered the ${WHO5_WORDING.title.en} yourself`;
  if (!Array.isArray(scores) || scores.length !== WHO5_ITEMS.length || !scores.every(isWho5Score)) return `${head}: ${text(scores) || '–'}`;
  const raw = who5Raw(scores);
  const percentage = who5Percentage(scores);
  const answers = WHO5_ITEMS.map((item, i) => `${who5Statement(lang, item)}: ${who5Answer(lang, scores[i]!)}`).join('; ');
  return lang === 'da' ? `${head}: ${raw} af 25 point (${percentage} %). ${answers}.` : `${head}: ${raw} of 25 points (${percentage}%). ${answers}.`;
}

const SENTENCES: Record<JourneyEvent['type'], Sentence> = {
  JourneyStarted: (lang, d) =>
    d.firstContact === 'self_service'
      ? both('Du startede selv dit forløb.', 'You started your journey yourself.')(lang)
      : lang === 'da'
        ? `Du kontaktede centret (${labelOf(FIRST_CONTACT_LABELS, lang, d.firstContact)}).`
        : `You contacted the centre (${labelOf(FIRST_CONTACT_LABELS, lang, d.firstContact)}).`,
  JourneyClosed: both('Du afsluttede dit forløb.', 'You closed your journey.'),
  JourneyHistoryShared: both('Du delte din tidligere historik med dit nuværende center.', 'You shared your earlier history with the centre you are with now.'),
  GoalStated: (lang, d) => `${lang === 'da' ? 'Mål' : 'Goal'}: ${text(d.text)}`,
  GoalRevised: (lang, d) => `${lang === 'da' ? 'Mål ændret' : 'Goal changed'}: ${text(d.text)}`,
  GoalDropped: both('Du droppede et mål.', 'You dropped a goal.'),
  SessionRequested: both('Du bad om en samtale.', 'You asked for a conversation.'),
  SessionTimeProposed: (lang, d) =>
    lang === 'da'
      ? `En medarbejder foreslog en tid: ${when(lang, d.start)} (${labelOf(CHANNEL_LABELS, lang, d.channel)}).`
      : `A staff member proposed a time: ${when(lang, d.start)} (${labelOf(CHANNEL_LABELS, lang, d.channel)}).`,
  SessionBooked: (lang, d) =>
    lang === 'da'
      ? `Samtale booket: ${when(lang, d.start)} (${labelOf(CHANNEL_LABELS, lang, d.channel)}).`
      : `Conversation booked: ${when(lang, d.start)} (${labelOf(CHANNEL_LABELS, lang, d.channel)}).`,
  SessionCancelled: both('En samtale blev aflyst.', 'A conversation was cancelled.'),
  SessionHeld: (lang, d) => {
    const notes = text(d.notes);
    const next = text(d.nextSteps);
    const given = text(d.informationGiven);
    // Topics the counsellor ticked are stable words with labels; any other (the API takes free text) as written.
    const topics = (Array.isArray(d.topics) ? d.topics : []).map((t) => (TOPICS.find((k) => k === t) ? TOPIC_LABELS[t as Topic][lang].toLowerCase() : text(t))).filter(Boolean);
    return lang === 'da'
      ? `Samtale holdt (${Number(d.durationMinutes)} min.).${topics.length ? ` Emner: ${topics.join(', ')}.` : ''}${given ? ` Information, du fik: ${given}` : ''}${notes ? ` Noter: ${notes}` : ''}${next ? ` Næste skridt: ${next}` : ''}`
      : `Conversation held (${Number(d.durationMinutes)} min).${topics.length ? ` Topics: ${topics.join(', ')}.` : ''}${given ? ` Information you were given: ${given}` : ''}${notes ? ` Notes: ${notes}` : ''}${next ? ` Next steps: ${next}` : ''}`;
  },
  SessionNotHeld: both('En samtale blev ikke til noget. Det har ingen betydning.', 'A conversation did not take place. It makes no difference.'),
  OfferAskedFor: (lang, d) => (lang === 'da' ? `Du bad om tilbuddet ${offerOf(lang, d)}.` : `You asked for the offer ${offerOf(lang, d)}.`),
  OfferMade: (lang, d) => (lang === 'da' ? `Du fik tilbuddet ${offerOf(lang, d)}: ${text(d.information)}` : `You were offered ${offerOf(lang, d)}: ${text(d.information)}`),
  ConsentGiven: both('Du sagde ja tak og fik en kvittering for dit samtykke.', 'You said yes please and got a receipt for your consent.'),
  OfferDeclined: (lang, d) => `${lang === 'da' ? 'Du sagde nej tak.' : 'You said no thank you.'}${text(d.reason) ? ` ${text(d.reason)}` : ''}`,
  ConsentWithdrawn: both('Du trak dit samtykke tilbage.', 'You withdrew your consent.'),
  ParticipationStarted: both('Du begyndte at deltage.', 'You started taking part.'),
  ParticipationEnded: both('Din deltagelse sluttede.', 'Your taking part ended.'),
  OutcomeRecorded: (lang, d) => `${lang === 'da' ? 'Resultat' : 'Outcome'}: ${labelOf(OUTCOME_LABELS, lang, d.kind)}${text(d.note) ? ` – ${text(d.note)}` : ''}`,
  WellBeingAnswered: (lang, d) => wellBeing(lang, d.scores),
  DataSharingConsentGiven: (lang, d) => {
    const fields = inWords(lang, (Array.isArray(d.fields) ? d.fields : []).map((f) => labelOf(SHARED_FIELD_LABELS, lang, f)));
    return lang === 'da'
      ? `Du gav samtykke til at dele ${fields} med en samarbejdspartner til og med ${(typeof d.until === 'string' ? formatDay(lang, d.until) : '–')} og fik en kvittering.`
      : `You consented to share ${fields} with a partner until ${(typeof d.until === 'string' ? formatDay(lang, d.until) : '–')} and got a receipt.`;
  },
  ReferralMade: both('Du blev henvist til en samarbejdspartner med det, du valgte at dele.', 'You were referred to a partner with what you chose to share.'),
  DataSharingConsentWithdrawn: both('Du trak dit samtykke til deling tilbage. Samarbejdspartneren ser ikke mere.', 'You withdrew your consent to sharing. The partner sees nothing more.'),
  CitizenErased: both('Dine personoplysninger blev slettet.', 'Your personal data was erased.'),
};

const isJourneyEventType = (type: string): type is JourneyEvent['type'] => Object.hasOwn(SENTENCES, type);

/** The sentence for a record; a type the journey does not know (written around the app) is shown as itself. */
export const recordText = (lang: Lang, type: string, data: Data): string => (isJourneyEventType(type) ? SENTENCES[type](lang, data) : type);
