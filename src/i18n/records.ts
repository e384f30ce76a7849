/**
 * What happened on a journey, one sentence a record, in the reader's language: for the citizen's
 * own view of everything recorded about them (the web page, the API's records). One sentence for
 * every journey event, so a new event without its words in both languages does not compile.
 * Times are Copenhagen wall-clock words, channels and kinds their labels: never an ISO string or
 * a code in the sentence.
 */
import type { CentreOfferKind, GoalCategory, JourneyEvent, OutcomeKind } from '../domain/journey/journey.js';
import { CHANNEL_LABELS, FIRST_CONTACT_LABELS, formatMoment, labelOf, type Lang, type Message } from './i18n.js';

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
  CitizenErased: both('Dine personoplysninger blev slettet.', 'Your personal data was erased.'),
};

const isJourneyEventType = (type: string): type is JourneyEvent['type'] => Object.hasOwn(SENTENCES, type);

/** The sentence for a record; a type the journey does not know (written around the app) is shown as itself. */
export const recordText = (lang: Lang, type: string, data: Data): string => (isJourneyEventType(type) ? SENTENCES[type](lang, data) : type);
